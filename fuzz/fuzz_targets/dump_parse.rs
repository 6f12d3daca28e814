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
    // they cover when nothing is unglued, and every cut made then (markup
    // block breaks split a line either way) is made with ungluing too.
    assert_eq!(glued.bom, unglued.bom);
    assert_eq!(glued.header, unglued.header);
    let (glued, unglued) = (pieces_by_line(&glued), pieces_by_line(&unglued));
    assert_eq!(
        glued.len(),
        unglued.len(),
        "lines with and without ungluing"
    );
    for (without, with) in glued.iter().zip(&unglued) {
        assert_eq!(without.number, with.number);
        assert_eq!(without.span, with.span, "pieces of line {}", with.number);
        for cut in &without.cuts {
            assert!(
                with.cuts.contains(cut),
                "cut at {cut} of line {} lost by ungluing",
                with.number
            );
        }
    }
});

/// Checks that BOM, header, line spans and line breaks tile `dump.source`.
fn assert_tiles(dump: &Dump<'_>) {
    if let Err(problem) = dump.check_tiling() {
        panic!("{problem}");
    }
}

/// One source line: its number, the span its pieces cover, and where
/// they are cut.
struct PiecedLine {
    number: usize,
    span: (usize, usize),
    cuts: Vec<usize>,
}

/// The pieces of each source line, gathered; a piece after a line's first
/// is never empty.
fn pieces_by_line(dump: &Dump<'_>) -> Vec<PiecedLine> {
    let mut lines: Vec<PiecedLine> = Vec::new();
    for piece in &dump.lines {
        match lines.last_mut() {
            Some(line) if line.number == piece.number => {
                assert!(!piece.span.is_empty(), "empty piece {piece:?}");
                assert_eq!(
                    line.span.1, piece.span.start,
                    "pieces of line {}",
                    piece.number
                );
                line.cuts.push(piece.span.start);
                line.span.1 = piece.span.end;
            }
            _ => lines.push(PiecedLine {
                number: piece.number,
                span: (piece.span.start, piece.span.end),
                cuts: Vec::new(),
            }),
        }
    }
    lines
}
