//! Python's string semantics, as far as the reference scorer relies on them:
//! `unicodedata.normalize("NFKC", …)`, `str.split()`, `str.lower()`,
//! `re.findall(r"\w+", …)`, `str.splitlines()`, `repr(float)` and
//! `json.dumps` strings.
//!
//! The Unicode properties come from [`super::pyunicode`], tables generated
//! from the `python3` that runs the reference scorer (`cargo xtask
//! pyunicode`), so that a newer Unicode in Rust's standard library or in
//! `unicode-normalization` does not make the two scorers disagree:
//!
//! - `\w` is Python's `str.isalnum()` or `_`: Rust's `char::is_alphanumeric`
//!   also takes the marks that are `Other_Alphabetic` (Devanagari vowel
//!   signs, U+0345, …) and the circled letters (Ⓐ), which Python does not.
//! - code points unassigned in Python's Unicode are left alone by Python's
//!   NFKC and `lower()`, while Rust may know them (new capitals, new
//!   compatibility characters);
//! - `str.split()` splits on U+001C..U+001F too;
//! - the final-sigma rule of `lower()` uses Python's Cased and
//!   Case_Ignorable (U+0295 and U+1171E changed between Unicode 14 and 16).

use std::fmt::Write as _;

use unicode_normalization::UnicodeNormalization;

use super::pyunicode;

fn in_table(table: &[(u32, u32)], c: char) -> bool {
    let c = c as u32;
    table
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// A character `re`'s `\w` matches in a `str` pattern: `str.isalnum()` or `_`.
pub fn is_word(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    in_table(pyunicode::WORD, c)
}

/// `str.isspace()`, what `str.split()` splits on.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

fn is_unassigned(c: char) -> bool {
    !c.is_ascii() && in_table(pyunicode::UNASSIGNED, c)
}

fn is_case_ignorable(c: char) -> bool {
    in_table(pyunicode::CASE_IGNORABLE, c)
}

fn is_cased(c: char) -> bool {
    in_table(pyunicode::CASED, c)
}

/// `unicodedata.normalize("NFKC", s)`.
///
/// Code points Python's Unicode does not know are starters without a
/// decomposition for it, so nothing composes or reorders across them: the
/// text between them is normalised piece by piece and they are kept as is.
pub fn nfkc(s: &str) -> String {
    if s.is_ascii() {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find(is_unassigned) {
        out.extend(rest[..at].nfkc());
        let c = rest[at..].chars().next().expect("found a char");
        out.push(c);
        rest = &rest[at + c.len_utf8()..];
    }
    out.extend(rest.nfkc());
    out
}

/// `str.lower()`: full case mapping, and Σ becomes ς at the end of a word.
pub fn lower(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == 'Σ' {
            out.push(if final_sigma(&chars, i) { 'ς' } else { 'σ' });
        } else if is_unassigned(c) {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// CPython's `handle_capital_sigma`: cased, case-ignorables, Σ, and no
/// case-ignorables-then-cased after it.
fn final_sigma(chars: &[char], i: usize) -> bool {
    let before = chars[..i].iter().rev().find(|&&c| !is_case_ignorable(c));
    if !before.is_some_and(|&c| is_cased(c)) {
        return false;
    }
    match chars[i + 1..].iter().find(|&&c| !is_case_ignorable(c)) {
        None => true,
        Some(&c) => !is_cased(c),
    }
}

/// The scorer's `norm`: NFKC, curly quotes straightened, whitespace runs
/// made one space, trimmed, lower-cased.
pub fn norm(s: &str) -> String {
    let s = nfkc(s);
    let s: String = s
        .chars()
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            c => c,
        })
        .collect();
    let mut joined = String::with_capacity(s.len());
    for word in s.split(is_space).filter(|w| !w.is_empty()) {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(word);
    }
    lower(&joined)
}

/// `re.findall(r"\w+", s)`.
pub fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !is_word(c)).filter(|w| !w.is_empty())
}

/// The scorer's `toks` of a string: the `\w+` runs of its `norm`.
pub fn toks(s: &str) -> Vec<String> {
    words(&norm(s)).map(str::to_string).collect()
}

/// `str.splitlines()`: the lines without their ends, on every line
/// boundary Python knows (`\r\n`, `\n`, `\r`, `\v`, `\f`, U+001C..U+001E,
/// U+0085, U+2028, U+2029).
pub fn splitlines(s: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let is_break = matches!(
            c,
            '\n' | '\r'
                | '\u{0b}'
                | '\u{0c}'
                | '\u{1c}'
                | '\u{1d}'
                | '\u{1e}'
                | '\u{85}'
                | '\u{2028}'
                | '\u{2029}'
        );
        if !is_break {
            continue;
        }
        lines.push(&s[start..i]);
        let mut end = i + c.len_utf8();
        if c == '\r' {
            if let Some(&(j, '\n')) = it.peek() {
                it.next();
                end = j + 1;
            }
        }
        start = end;
    }
    if start < s.len() {
        lines.push(&s[start..]);
    }
    lines
}

/// `repr(x)` of a Python float: the shortest digits that round-trip, in
/// positional notation when the decimal exponent is in -4..16, else like
/// `1e-05` / `1.5e+16`.
pub fn float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".to_string();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    // Rust's `{:e}` gives the same shortest round-trip digits as Python.
    let sci = format!("{:e}", x);
    let (mantissa, exp) = sci.split_once('e').expect("`{:e}` has an exponent");
    let exp: i32 = exp.parse().expect("`{:e}` exponent is an integer");
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    // the value is 0.DIGITS × 10^decpt
    let decpt = exp + 1;
    let mut out = String::from(sign);
    if (-4 < decpt) && (decpt <= 16) {
        if decpt <= 0 {
            out.push_str("0.");
            out.push_str(&"0".repeat((-decpt) as usize));
            out.push_str(&digits);
        } else {
            let decpt = decpt as usize;
            if digits.len() <= decpt {
                out.push_str(&digits);
                out.push_str(&"0".repeat(decpt - digits.len()));
                out.push_str(".0");
            } else {
                out.push_str(&digits[..decpt]);
                out.push('.');
                out.push_str(&digits[decpt..]);
            }
        }
    } else {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let e = decpt - 1;
        let _ = write!(out, "e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs());
    }
    out
}

/// A JSON string literal as `json.dumps` writes it (`ensure_ascii=True`).
pub fn json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0c}' => out.push_str("\\f"),
            ' '..='~' => out.push(c),
            _ => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{:04x}", unit);
                }
            }
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected values from python3 3.11.7 on the development machine, e.g.
    // `python3 -c 'import re; print(re.findall(r"\w+", "x²½٣ª"))'`.

    #[test]
    fn word_chars_like_python() {
        // (char, python's `re.match(r"\w", c) is not None`)
        let cases = [
            ('a', true),
            ('_', true),
            ('-', false),
            ('\'', false),
            ('²', true),        // superscript two: isdigit
            ('½', true),        // vulgar fraction: isnumeric
            ('٣', true),        // Arabic-Indic three: isdecimal
            ('ª', true),        // feminine ordinal: Lo
            ('\u{301}', false), // combining acute: Mn
            ('\u{345}', false), // ypogegrammeni: Mn, Other_Alphabetic in Rust
            ('\u{93e}', false), // Devanagari sign aa: Mc, Other_Alphabetic
            ('Ⓐ', false),       // circled A: So, Alphabetic in Rust
            ('Ⅻ', true),        // roman numeral: Nl
            ('①', true),        // circled digit one: No
            ('〇', true),       // ideographic zero: Nl
            ('é', true),
            ('€', false),
            ('\u{a0}', false),
            ('\u{1e030}', false), // Cyrillic modifier letter (Unicode 15): unassigned in 14
        ];
        for (c, expected) in cases {
            assert_eq!(is_word(c), expected, "{c:?} U+{:04X}", c as u32);
            if (c.is_alphanumeric() || c == '_') != expected {
                // the cases where Rust's std alone would be wrong
                assert!(
                    matches!(c, '\u{345}' | '\u{93e}' | 'Ⓐ' | '\u{1e030}'),
                    "{c:?}"
                );
            }
        }
    }

    #[test]
    fn tables_are_sorted_and_disjoint() {
        for table in [
            pyunicode::WORD,
            pyunicode::UNASSIGNED,
            pyunicode::CASE_IGNORABLE,
            pyunicode::CASED,
        ] {
            assert!(table.iter().all(|&(lo, hi)| lo <= hi));
            assert!(table.windows(2).all(|w| w[0].1 + 1 < w[1].0));
        }
        assert_eq!(pyunicode::UNIDATA_VERSION, "14.0.0");
    }

    #[test]
    fn toks_like_python() {
        // python3: [re.findall(r"\w+", norm(s)) for s in ...]
        assert_eq!(toks("Don’t   STOP—now!"), ["don", "t", "stop", "now"]);
        // NFKC: ² → 2, ½ → 1⁄2 (fraction slash), ª → a, ﬁ → fi
        assert_eq!(toks("x²½٣ª ﬁne"), ["x21", "2٣a", "fine"]);
        assert_eq!(toks("नमस्ते"), ["नमस", "त"]); // virama and vowel sign are Mn
        assert_eq!(toks("snake_case café"), ["snake_case", "café"]);
        assert_eq!(toks("ΟΔΟΣ ΟΔΟΣ."), ["οδος", "οδος"]);
        assert_eq!(norm("ΟΔΟΣ ΟΔΟΣ."), "οδος οδος.");
        assert_eq!(norm(" a\u{1c}b\u{a0}c\u{2003}d\t"), "a b c d");
        assert_eq!(norm("İstanbul"), "i\u{307}stanbul");
        assert_eq!(norm("“Quoted” ‘text’"), "\"quoted\" 'text'");
        assert!(toks("").is_empty());
    }

    #[test]
    fn lower_final_sigma_like_python() {
        // python3: s.lower()
        assert_eq!(lower("ΑΣ"), "ας");
        assert_eq!(lower("Σ"), "σ");
        assert_eq!(lower("ΑΣΑ"), "ασα");
        assert_eq!(lower("ΑΣ'Α"), "ασ'α"); // ' is case-ignorable, then cased
        assert_eq!(lower("Α'Σ"), "α'ς");
        assert_eq!(lower("ΑΣ\u{301} Β"), "ας\u{301} β");
        assert_eq!(lower("\u{295}Σ"), "\u{295}ς"); // U+0295 is cased in Unicode 14
        assert_eq!(lower("Α\u{1171e}Σ"), "α\u{1171e}ς"); // U+1171E is case-ignorable in 14
    }

    #[test]
    fn unassigned_code_points_are_left_alone() {
        // U+A7CB (Unicode 16) lowercases to U+0264 in Rust, not in Python 3.11;
        // U+1CCD6 (Unicode 16) is a compatibility A in Rust, not in Python 3.11.
        assert_eq!(lower("\u{a7cb}"), "\u{a7cb}");
        assert_eq!(nfkc("\u{1ccd6}ﬁ"), "\u{1ccd6}fi");
        assert_eq!(nfkc("e\u{301}"), "é");
    }

    #[test]
    fn splitlines_like_python() {
        assert_eq!(
            splitlines("a\r\nb\rc\nd\u{2028}e\u{85}f\n"),
            ["a", "b", "c", "d", "e", "f"]
        );
        assert_eq!(splitlines("a\n\nb"), ["a", "", "b"]);
        assert!(splitlines("").is_empty());
        assert_eq!(splitlines("\n"), [""]);
    }

    #[test]
    fn float_repr_like_python() {
        let cases = [
            (1.0, "1.0"),
            (0.0, "0.0"),
            (0.5, "0.5"),
            (0.1, "0.1"),
            (2.0 / 3.0, "0.6666666666666666"),
            (0.9876543210987654, "0.9876543210987654"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (0.000123, "0.000123"),
            (0.0000123, "1.23e-05"),
            (123.0, "123.0"),
            (1e16, "1e+16"),
            (1234567890123456.0, "1234567890123456.0"),
            (-0.25, "-0.25"),
        ];
        for (x, expected) in cases {
            assert_eq!(float_repr(x), expected);
        }
    }

    #[test]
    fn json_str_like_python() {
        assert_eq!(json_str("a\"b\\c\n"), r#""a\"b\\c\n""#);
        assert_eq!(
            json_str("é€😀\u{7f}\u{1}"),
            r#""\u00e9\u20ac\ud83d\ude00\u007f\u0001""#
        );
    }
}
