//! Normalisation of a line's text.

use std::borrow::Cow;
use std::sync::OnceLock;

use unicode_normalization::char::canonical_combining_class;

use crate::scan;
use unicode_normalization::{is_nfc, is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Whitespace that collapses to one ASCII space: exactly the Unicode
/// `White_Space` characters ([`char::is_whitespace`]): ASCII whitespace
/// (tab, line feed, vertical tab, form feed, carriage return, space), U+0085,
/// NBSP U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F and
/// U+3000.
pub fn is_collapsed_space(c: char) -> bool {
    c.is_whitespace()
}

/// Characters that are removed: U+200B zero width space, U+2060 word joiner,
/// U+FEFF (a byte-order mark in mid-text), U+00AD soft hyphen, and the C0
/// and C1 control characters that are not whitespace (see
/// [`is_collapsed_space`]). ZWJ U+200D and ZWNJ U+200C are kept.
pub fn is_removed_char(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
        || (c.is_control() && !c.is_whitespace())
}

/// Normalises the text of one line:
///
/// 1. removes the invisible characters of [`is_removed_char`];
/// 2. collapses every run of whitespace ([`is_collapsed_space`]) to one ASCII
///    space, and trims both ends;
/// 3. composes to Unicode NFC (only when [`is_nfc_quick`] does not already
///    say yes).
///
/// Everything else is kept as it is: typographic quotes and apostrophes (`’`
/// is never folded to `'`), dashes, ZWJ/ZWNJ, U+FFFD.
///
/// The result borrows from `text` whenever it is `text` or a trimmed slice
/// of it; ASCII text is checked with a byte scan and never allocates unless
/// it has control bytes or double spaces.
///
/// ```
/// use std::borrow::Cow;
/// use tidings_dump::normalize;
///
/// assert!(matches!(normalize("  Kyiv’s mayor  "), Cow::Borrowed("Kyiv’s mayor")));
/// assert_eq!(normalize("a\u{a0}\u{200b} b\tc"), "a b c");
/// assert_eq!(normalize("Cafe\u{301}"), "Café");
/// ```
pub fn normalize(text: &str) -> Cow<'_, str> {
    let inner = trim(text);
    normalize_trimmed(inner, scan::or_pairs(inner.as_bytes(), plain_flags))
}

/// [`normalize`] of `text`, a line or a piece of one, knowing the OR of
/// [`plain_flags`] over the whole line: the caller's scan of the line
/// serves here too, rather than being done again.
///
/// The flags of a piece (or of its trimmed text) are a subset of the
/// line's: each of its byte pairs is one of the line's, except the last,
/// which is paired with a letter and so can only lose the double-space
/// flag. So a line without [`DIRTY`] has clean pieces; with it, the piece
/// may still be clean (say, only the indentation was dirty) and is
/// scanned again.
pub(crate) fn normalize_in_line(text: &str, line_flags: u8) -> Cow<'_, str> {
    if line_flags & DIRTY != 0 {
        return normalize(text);
    }
    normalize_trimmed(trim(text), line_flags)
}

/// [`normalize`] of text that is already trimmed, knowing the OR of
/// [`plain_flags`] over it, or over a text it is part of.
fn normalize_trimmed(inner: &str, flags: u8) -> Cow<'_, str> {
    if is_plain(inner, flags) {
        // Clean and NFC: the common case, proved without decoding chars.
        return Cow::Borrowed(inner);
    }
    if is_clean(inner) {
        nfc(Cow::Borrowed(inner))
    } else {
        nfc(Cow::Owned(clean(inner)))
    }
}

/// `text` without the whitespace and removable characters at either end.
fn trim(text: &str) -> &str {
    if has_printable_ascii_ends(text.as_bytes()) {
        return text;
    }
    text.trim_matches(|c: char| is_collapsed_space(c) || is_removed_char(c))
}

/// A sufficient condition for `normalize` to leave `s` (already trimmed) as
/// it is, cheap to check: no ASCII control character, no two spaces in a
/// row, and every non-ASCII character one of [`is_common_plain_char`].
///
/// `flags` is the OR of [`plain_flags`] over `s` or a text containing it
/// (a branch-free pass, vector code), so the bytes are not looked at again
/// unless some are not ASCII; then only the non-ASCII characters are
/// decoded. A `false` means "don't know": the caller does the full work.
fn is_plain(s: &str, flags: u8) -> bool {
    flags & DIRTY == 0 && (flags & NON_ASCII == 0 || non_ascii_chars(s).all(is_common_plain_char))
}

/// [`plain_flags`]: an ASCII control character, or a space followed by a
/// space.
pub(crate) const DIRTY: u8 = 1;
/// [`plain_flags`]: a non-ASCII byte.
pub(crate) const NON_ASCII: u8 = 0x80;

/// The byte test of the fast path of [`normalize`], for
/// [`scan::or_pairs`]: [`DIRTY`] and [`NON_ASCII`] flags of byte `b`
/// followed by `next`.
///
/// UTF-8 lead and continuation bytes are all >= 0x80, so the control and
/// space tests only ever match ASCII characters.
pub(crate) fn plain_flags(b: u8, next: u8) -> u8 {
    let control = (b < b' ') | (b == 0x7f);
    let double_space = (b == b' ') & (next == b' ');
    u8::from(control | double_space) | (b & NON_ASCII)
}

/// Whether the first and the last byte of `bytes` are printable ASCII
/// (not a space): then there is nothing to trim.
fn has_printable_ascii_ends(bytes: &[u8]) -> bool {
    let is_kept_ascii = |b: &u8| b.is_ascii() && *b > b' ' && *b != 0x7f;
    bytes.first().is_some_and(is_kept_ascii) && bytes.last().is_some_and(is_kept_ascii)
}

/// The non-ASCII characters of `s`, skipping ASCII runs sixteen bytes at a
/// time.
fn non_ascii_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let rest = s.get(pos..)?;
        let start = pos + ascii_prefix_len(rest.as_bytes());
        let c = s.get(start..)?.chars().next()?;
        pos = start + c.len_utf8();
        Some(c)
    })
}

/// The length of the longest all-ASCII prefix of `bytes`, found sixteen
/// bytes at a time.
fn ascii_prefix_len(bytes: &[u8]) -> usize {
    const HIGH_BITS: u128 = u128::from_ne_bytes([0x80; 16]);
    let mut skipped = 0;
    for chunk in bytes.chunks_exact(16) {
        let word = chunk.try_into().map_or(HIGH_BITS, u128::from_ne_bytes);
        if word & HIGH_BITS != 0 {
            break;
        }
        skipped += 16;
    }
    let tail = bytes.get(skipped..).unwrap_or_default();
    skipped
        + tail
            .iter()
            .position(|b| !b.is_ascii())
            .unwrap_or(tail.len())
}

/// The non-ASCII characters news text is mostly made of: the two-byte UTF-8
/// range (Latin letters with accents, Greek, Cyrillic, Hebrew, Arabic…)
/// and General Punctuation (curly quotes, dashes, the ellipsis).
const COMMON_CHARS: [std::ops::Range<u32>; 2] = [0x80..0x800, 0x2000..0x2070];

/// Whether `c` is one of [`COMMON_CHARS`] and [`is_plain_char`], looked up
/// in a table built on first use. The Unicode property lookups behind
/// `is_plain_char` are long `match`es or binary searches, too slow to run
/// on every character of every line.
fn is_common_plain_char(c: char) -> bool {
    static PLAIN: OnceLock<Vec<bool>> = OnceLock::new();
    let table = PLAIN.get_or_init(|| {
        COMMON_CHARS
            .iter()
            .flat_map(|range| range.clone().map(char::from_u32))
            .map(|c| c.is_some_and(is_plain_char))
            .collect()
    });
    let code = u32::from(c);
    let mut offset = 0;
    for range in &COMMON_CHARS {
        if range.contains(&code) {
            let index = offset + (code - range.start) as usize;
            return table.get(index).copied().unwrap_or(false);
        }
        offset += range.len();
    }
    false
}

/// Whether `normalize` keeps `c` whatever surrounds it: neither whitespace
/// nor removed, combining class 0 (so canonical ordering never moves it)
/// and NFC quick check *Yes* (so it is NFC and never composes with a
/// character before it).
fn is_plain_char(c: char) -> bool {
    !is_collapsed_space(c)
        && !is_removed_char(c)
        && canonical_combining_class(c) == 0
        && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes
}

/// Whether `s` (already trimmed) has no removable character, no whitespace
/// other than single ASCII spaces.
fn is_clean(s: &str) -> bool {
    let mut prev_space = false;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        if b >= 0x80 {
            // `i` is a char boundary: everything before it is ASCII.
            return s
                .get(i..)
                .is_some_and(|rest| is_clean_chars(rest, prev_space));
        }
        if b == b' ' {
            if prev_space {
                return false;
            }
            prev_space = true;
        } else if b < 0x20 || b == 0x7f {
            return false;
        } else {
            prev_space = false;
        }
    }
    true
}

fn is_clean_chars(s: &str, mut prev_space: bool) -> bool {
    for c in s.chars() {
        if c == ' ' {
            if prev_space {
                return false;
            }
            prev_space = true;
        } else if is_collapsed_space(c) || is_removed_char(c) {
            return false;
        } else {
            prev_space = false;
        }
    }
    true
}

/// Removes, collapses and trims (`s` is already trimmed).
fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if is_removed_char(c) {
            continue;
        }
        if is_collapsed_space(c) {
            pending_space = true;
            continue;
        }
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
    out
}

fn nfc(s: Cow<'_, str>) -> Cow<'_, str> {
    if s.is_ascii() {
        return s;
    }
    let composed = match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => false,
        IsNormalized::No => true,
        IsNormalized::Maybe => !is_nfc(&s),
    };
    if composed {
        Cow::Owned(s.nfc().collect())
    } else {
        s
    }
}

/// Asserts that two normalisations of `piece` give the same text, and that
/// both borrow it or both own a copy.
#[cfg(test)]
#[allow(clippy::ptr_arg)] // The `Cow` variants are what is compared.
pub(crate) fn assert_same_normalisation(
    actual: &Cow<'_, str>,
    expected: &Cow<'_, str>,
    piece: &str,
) {
    assert_eq!(actual, expected, "{piece:?}");
    assert_eq!(
        matches!(actual, Cow::Borrowed(_)),
        matches!(expected, Cow::Borrowed(_)),
        "{piece:?}"
    );
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// `normalize` as it was written before its fast paths: the definition.
    fn normalize_reference(text: &str) -> Cow<'_, str> {
        let inner = text.trim_matches(|c: char| is_collapsed_space(c) || is_removed_char(c));
        if is_clean(inner) {
            nfc(Cow::Borrowed(inner))
        } else {
            nfc(Cow::Owned(clean(inner)))
        }
    }

    /// `normalize` gives the reference's text, and borrows exactly when the
    /// reference does.
    fn assert_like_reference(text: &str) {
        assert_same_normalisation(&normalize(text), &normalize_reference(text), text);
    }

    #[test]
    fn fast_paths_agree_with_the_reference() {
        for text in [
            "",
            " ",
            "a",
            "plain ASCII line of more than sixteen bytes, twice over: plain ASCII",
            "two  spaces after sixteen bytes of text",
            "a tab\tafter",
            "sixteen bytes!! \u{7f}",
            "a\u{1}",
            "Kyiv’s “army” — €200m, £167m… Київ",
            "Cafe\u{301} and more text to go past one chunk",
            "\u{a0}lead and trail\u{2003}",
            "x\u{200b}y",
            "\u{5d0}\u{591}\u{5b0}",
            "e\u{301}\u{327}",
            "\u{1100}\u{1161}",
            "\u{2126} Ohm",
        ] {
            assert_like_reference(text);
        }
    }

    #[test]
    fn every_position_of_every_chunk_is_scanned() {
        for len in 1..50 {
            for pos in 0..len {
                for insert in [" ", "  ", "\t", "\u{1}", "\u{7f}", "é", "\u{a0}", "\u{301}"] {
                    let mut line = "x".repeat(len);
                    line.insert_str(pos, insert);
                    assert_like_reference(&line);
                    assert_like_reference(&format!("{line}{insert}x"));
                }
            }
        }
    }

    #[test]
    fn every_common_character_in_context() {
        for code in COMMON_CHARS.iter().flat_map(|range| range.clone()) {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            for text in [
                format!("{c}"),
                format!("a{c}b"),
                format!(" {c} "),
                format!("e{c}\u{301}"),
                format!("the first sixteen {c}{c} bytes"),
            ] {
                assert_like_reference(&text);
            }
        }
    }

    proptest! {
        #[test]
        fn fast_paths_agree_with_the_reference_on_random_text(
            chars in proptest::collection::vec(tricky_char(), 0..40),
        ) {
            assert_like_reference(&chars.into_iter().collect::<String>());
        }
    }

    proptest! {
        #[test]
        fn pieces_normalize_alike_with_the_line_flags(
            chars in proptest::collection::vec(tricky_char(), 0..40),
            cuts in proptest::collection::vec(0usize..41, 0..4),
        ) {
            let line: String = chars.into_iter().collect();
            let flags = scan::or_pairs(line.as_bytes(), plain_flags);
            let mut bounds: Vec<usize> = cuts
                .into_iter()
                .filter(|&cut| line.is_char_boundary(cut))
                .chain([0, line.len()])
                .collect();
            bounds.sort_unstable();
            for pair in bounds.windows(2) {
                let piece = &line[pair[0]..pair[1]];
                assert_same_normalisation(&normalize_in_line(piece, flags), &normalize(piece), piece);
            }
        }
    }

    /// Characters that exercise every branch of `normalize`: ASCII (spaces
    /// and controls included), Unicode whitespace, removed characters,
    /// combining marks, Hangul jamo, singletons, and anything else.
    fn tricky_char() -> impl Strategy<Value = char> {
        prop_oneof![
            4 => proptest::char::range(' ', '~'),
            2 => proptest::sample::select(vec![
                ' ', '\t', '\n', '\r', '\x0b', '\x01', '\x7f', '\u{85}', '\u{9b}', '\u{a0}',
                '\u{ad}', '\u{2003}', '\u{200b}', '\u{200c}', '\u{200d}', '\u{2028}',
                '\u{2060}', '\u{3000}', '\u{feff}', '’', '“', '—', '…', 'é', 'ж', '\u{2126}',
                '\u{212b}', '\u{fffd}', '\u{0f73}', '\u{0344}', '\u{0b47}', '\u{0b3e}',
                '\u{1100}', '\u{1161}', '\u{11a8}', '\u{ac00}',
            ]),
            1 => proptest::char::range('\u{300}', '\u{36f}'),
            1 => proptest::char::range('\u{80}', '\u{7ff}'),
            1 => proptest::char::range('\u{2000}', '\u{206f}'),
            1 => any::<char>(),
        ]
    }

    fn borrowed(s: &str) -> bool {
        matches!(normalize(s), Cow::Borrowed(_))
    }

    #[test]
    fn clean_text_is_borrowed() {
        for s in [
            "",
            "Ukraine repels second overnight drone attack",
            "Ukraine’s “army” — €200m, £167m…",
            "outh Korean and the European Union",
            "Київ",
            "a\u{200D}b\u{200C}c",
        ] {
            assert!(borrowed(s), "{s:?}");
            assert_eq!(normalize(s), s);
        }
    }

    #[test]
    fn trimming_borrows_a_slice() {
        let s = " \t Kyiv said.\u{a0}\u{200b} ";
        match normalize(s) {
            Cow::Borrowed(t) => {
                assert_eq!(t, "Kyiv said.");
                // The slice points into the source.
                assert_eq!(t.as_ptr(), s[3..].as_ptr());
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(normalize("   "), Cow::Borrowed("")));
        assert!(matches!(normalize("\u{feff}\u{200b}"), Cow::Borrowed("")));
    }

    #[test]
    fn whitespace_runs_collapse() {
        assert_eq!(normalize("a  b"), "a b");
        assert_eq!(normalize("a\tb"), "a b");
        assert_eq!(normalize("a\u{a0}b"), "a b");
        assert_eq!(normalize("a \u{a0}\t b"), "a b");
        for ws in [
            '\u{1680}', '\u{2000}', '\u{2005}', '\u{200A}', '\u{202F}', '\u{205F}', '\u{3000}',
            '\u{2028}', '\u{2029}', '\u{0B}', '\u{0C}', '\u{85}',
        ] {
            assert_eq!(normalize(&format!(" x{ws}{ws}y{ws}")), "x y", "{ws:?}");
        }
    }

    #[test]
    fn invisible_characters_are_removed() {
        assert_eq!(normalize("Zelen\u{00AD}sky"), "Zelensky");
        assert_eq!(normalize("Ky\u{200B}iv"), "Kyiv");
        assert_eq!(normalize("Ky\u{2060}iv"), "Kyiv");
        assert_eq!(normalize("Ky\u{FEFF}iv"), "Kyiv");
        assert_eq!(normalize("Ky\u{1}i\u{1b}v\u{7f}"), "Kyiv");
        assert_eq!(normalize("Ky\u{9b}iv"), "Kyiv");
        // Removal happens before collapsing: no double space is left.
        assert_eq!(normalize("a \u{200B} b"), "a b");
        assert_eq!(normalize("a\u{200B} \u{AD}b"), "a b");
    }

    #[test]
    fn joiners_and_quotes_are_kept() {
        let s = "‘a’ “b” 'c' \"d\" don’t \u{200D}\u{200C}";
        assert_eq!(normalize(s), s);
        assert_eq!(normalize("don’t  stop"), "don’t stop");
    }

    #[test]
    fn nfc_composition() {
        assert_eq!(normalize("Cafe\u{0301}"), "Caf\u{e9}");
        assert!(matches!(normalize("Caf\u{e9}"), Cow::Borrowed(_)));
        // Hangul jamo compose.
        assert_eq!(normalize("\u{1100}\u{1161}"), "\u{AC00}");
        // Composition across a removed character.
        assert_eq!(normalize("e\u{200B}\u{0301}"), "\u{e9}");
        // Singleton decompositions (Ohm sign -> Omega).
        assert_eq!(normalize("\u{2126}"), "\u{3A9}");
        // A Maybe from the quick check that is NFC after all stays borrowed.
        assert!(matches!(normalize("a\u{0301}\u{0301}"), Cow::Owned(_)));
        assert!(matches!(normalize("\u{e1}\u{0301}"), Cow::Borrowed(_)));
    }

    #[test]
    fn replacement_characters_are_kept() {
        assert_eq!(normalize("a\u{fffd}b"), "a\u{fffd}b");
    }
}
