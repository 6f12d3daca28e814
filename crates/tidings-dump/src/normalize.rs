//! Normalisation of a line's text.

use std::borrow::Cow;

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
    let inner = text.trim_matches(|c: char| is_collapsed_space(c) || is_removed_char(c));
    if is_clean(inner) {
        nfc(Cow::Borrowed(inner))
    } else {
        nfc(Cow::Owned(clean(inner)))
    }
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

#[cfg(test)]
mod tests {
    use super::*;

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
