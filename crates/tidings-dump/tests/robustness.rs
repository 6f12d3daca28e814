//! No panics on odd input, and the invariants hold on generated text.

use tidings_dump::{decode, glue_points, normalize, parse, parse_with, ParseOptions};

/// A small deterministic generator (xorshift64*), so no dev-dependency is
/// needed and failures are reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Pieces that exercise every rule: marks, closers, quotes, cases,
/// abbreviations, line ends, odd whitespace and invisible characters.
const PIECES: &[&str] = &[
    "a",
    "b",
    "Z",
    "É",
    "é",
    "ß",
    "Київ",
    "word",
    "Mr",
    "e.g",
    "U.S",
    "No",
    "10",
    "1.5",
    ".",
    ".",
    ".",
    "!",
    "?",
    "…",
    "...",
    "”",
    "’",
    "'",
    "\"",
    "“",
    "‘",
    ")",
    "]",
    "(",
    " ",
    " ",
    "  ",
    "\t",
    "\u{a0}",
    "\u{200b}",
    "\u{ad}",
    "\u{feff}",
    "\u{200d}",
    "\u{301}",
    "\u{1}",
    "\u{85}",
    "\n",
    "\r",
    "\r\n",
    "date",
    " date ",
    "2024-11-05",
    "2024-13-40",
    "😀",
    "\u{fffd}",
];

fn generate(rng: &mut Rng, max_pieces: usize) -> String {
    let n = rng.below(max_pieces + 1);
    let mut s = String::new();
    if rng.below(8) == 0 {
        s.push('\u{feff}');
    }
    for _ in 0..n {
        s.push_str(PIECES[rng.below(PIECES.len())]);
    }
    s
}

fn check_tiling(text: &str, unglue: bool) {
    let Ok(dump) = parse_with(text, ParseOptions { unglue }) else {
        return;
    };
    let mut pos = dump.bom.map_or(0, |b| b.end);
    if let Some(h) = dump.header {
        assert_eq!(h.span.start, pos, "{text:?}");
        pos = h.span.end;
    }
    let mut prev = 0;
    for line in &dump.lines {
        let gap = text
            .get(pos..line.span.start)
            .expect("gap on char boundaries");
        if line.number == prev || prev == 0 {
            assert_eq!(gap, "", "{text:?}");
        } else {
            assert!(matches!(gap, "\n" | "\r\n" | "\r"), "{text:?}: gap {gap:?}");
        }
        let raw = text
            .get(line.span.start..line.span.end)
            .expect("span on char boundaries");
        assert!(!raw.contains(['\n', '\r']), "{text:?}");
        assert_eq!(line.text, normalize(raw), "{text:?}");
        pos = line.span.end;
        prev = line.number;
    }
    assert!(
        matches!(&text[pos..], "" | "\n" | "\r\n" | "\r"),
        "{text:?}"
    );
}

#[test]
fn generated_text_tiles() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..20_000 {
        let text = generate(&mut rng, 24);
        check_tiling(&text, true);
        check_tiling(&text, false);
    }
}

#[test]
fn normalisation_is_idempotent_and_clean() {
    let mut rng = Rng(42);
    for _ in 0..20_000 {
        let text = generate(&mut rng, 16);
        let once = normalize(&text);
        assert_eq!(normalize(&once), once, "{text:?}");
        assert!(!once.starts_with(' ') && !once.ends_with(' '), "{text:?}");
        assert!(!once.contains("  "), "{text:?}");
        assert!(
            !once.chars().any(|c| (c.is_whitespace() && c != ' ')
                || matches!(c, '\u{200b}' | '\u{ad}' | '\u{feff}' | '\u{2060}')
                || c.is_control()),
            "{text:?}"
        );
    }
}

#[test]
fn glue_points_are_increasing_char_boundaries() {
    let mut rng = Rng(7);
    for _ in 0..20_000 {
        let text = generate(&mut rng, 24).replace(['\n', '\r'], " ");
        let mut last = 0;
        for p in glue_points(&text) {
            assert!(
                p > last && p < text.len() && text.is_char_boundary(p),
                "{text:?}"
            );
            last = p;
        }
    }
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng(0xDEAD_BEEF);
    for _ in 0..20_000 {
        let len = rng.below(64);
        let bytes: Vec<u8> = (0..len)
            .map(|_| match rng.below(4) {
                0 => rng.below(256) as u8,
                1 => b"\n\r.!?\" d"[rng.below(8)],
                _ => b"aZ\xe2\x80\x9d\xc3\xa9"[rng.below(7)],
            })
            .collect();
        if let Ok(decoded) = decode(&bytes) {
            assert_eq!(decoded.text, String::from_utf8_lossy(&bytes));
            check_tiling(&decoded.text, true);
        }
    }
}

#[test]
fn a_long_glued_line_is_fast() {
    // 10 MB on one line, half of it glue points; linear in debug builds too.
    let line = "The difference.Ukraine is repelling a wave, Mr.Smith said “no.”".repeat(160_000);
    let start = std::time::Instant::now();
    let dump = parse(&line).unwrap();
    assert_eq!(dump.lines.len(), 2 * 160_000);
    assert!(start.elapsed().as_secs() < 30);
}

#[test]
fn html_left_by_a_scraper_is_stripped_split_and_reported() {
    let text = "Storm live\n<p>Roads are closed.</p><p>Schools &amp; shops shut.</p>\nPlain line\n";
    let dump = tidings_dump::parse(text).unwrap();
    let texts: Vec<&str> = dump.lines.iter().map(|l| &*l.text).collect();
    assert_eq!(
        texts,
        [
            "Storm live",
            "Roads are closed.",
            "Schools & shops shut.",
            "Plain line"
        ]
    );
    assert_eq!(dump.markup.len(), 1);
    assert_eq!(
        dump.markup[0].of(text),
        Some("<p>Roads are closed.</p><p>Schools &amp; shops shut.</p>")
    );
    // The pieces still tile the source line.
    assert_eq!(dump.lines[1].span.end, dump.lines[2].span.start);

    let page = b"<!DOCTYPE html>\n<html><body><p>Hi</p></body></html>";
    let err = tidings_dump::decode(page).unwrap_err();
    assert!(err.to_string().contains("HTML document"), "{err}");
}
