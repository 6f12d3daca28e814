//! bytes → `tidings_dump::decode` → `parse` (and `parse_with`, ungluing
//! off): never panics, and every parsed dump tiles its text.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tidings_dump::{decode, parse, parse_with, Dump, ParseOptions, Warning};

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = decode(data) else {
        return;
    };
    let mut last_end = 0;
    for warning in &decoded.warnings {
        // Written so that a new kind of warning still compiles.
        #[allow(irrefutable_let_patterns)]
        if let Warning::InvalidUtf8 { offset, len, line } = *warning {
            assert!((1..=3).contains(&len), "{warning:?}");
            assert!(offset + len <= data.len(), "{warning:?}");
            assert!(offset >= last_end, "warnings in input order: {warning:?}");
            assert!(line >= 1, "{warning:?}");
            last_end = offset + len;
        }
    }
    let text: &str = &decoded.text;

    let glued = parse_with(text, ParseOptions { unglue: false });
    let unglued = parse(text);
    assert_eq!(
        glued.is_ok(),
        unglued.is_ok(),
        "ungluing changes whether the text parses"
    );
    let (Ok(glued), Ok(unglued)) = (glued, unglued) else {
        return;
    };
    assert_eq!(
        parse_with(text, ParseOptions::default()).as_ref(),
        Ok(&unglued)
    );
    assert_tiles(&glued);
    assert_tiles(&unglued);

    // Ungluing only splits: the pieces of line n cover exactly the span
    // that line n has when nothing is unglued.
    assert_eq!(glued.bom, unglued.bom);
    assert_eq!(glued.header, unglued.header);
    let mut pieces = unglued.lines.iter().peekable();
    for line in &glued.lines {
        let first = pieces.next().expect("a piece for every glued line");
        assert_eq!(first.number, line.number);
        assert_eq!(first.span.start, line.span.start);
        let mut end = first.span.end;
        while let Some(next) = pieces.next_if(|p| p.number == line.number) {
            assert!(!next.span.is_empty(), "empty unglued piece {next:?}");
            end = next.span.end;
        }
        assert_eq!(end, line.span.end, "pieces of line {}", line.number);
    }
    assert!(pieces.next().is_none(), "more pieces than lines");
});

/// Checks that BOM, header, line spans and line breaks tile `dump.source`.
fn assert_tiles(dump: &Dump<'_>) {
    if let Err(problem) = dump.check_tiling() {
        panic!("{problem}");
    }
}
