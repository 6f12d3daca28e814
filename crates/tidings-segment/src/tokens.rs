//! Reading each line alone: what it is before context decides its role.
//!
//! A line becomes one token, or two when a time stamp is glued to its start
//! (`10:22 - Troops crossed…`: a stamp, then the text). Labels that are not
//! part of a headline (`BREAKING:`, a post number `3.`) and list markers
//! (`•`, `-`, `*`, `1.`, `1)`) are split off here, so later stages see the
//! text a reader would quote.

use crate::byline::{
    has_four_digit_stamp, read_byline, split_stamp_after, split_trailing_stamp, Byline,
};
use crate::features::{Ending, Features};

/// What a token looks like on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A byline or time stamp (a whole line, or the stamp glued to a line);
    /// what it says is in [`Tokens::byline`].
    Stamp,
    /// `Key points`, `Key events`, `Summary`, `What we covered here`…
    ListHeading,
    /// A bullet or number standing alone on its line.
    Marker,
    /// The text after a bullet marker.
    Bullet,
    /// The text after a number (`1.`, `2)`): a numbered post or list item.
    Numbered,
    /// Short, capitalised, open-ended: could be a headline.
    HeadlineLike,
    /// Anything else: a paragraph.
    Paragraph,
}

/// A unit of text the segmenter gives a role to.
///
/// A page holds one or two per line and all of them are kept until the
/// article is built, so a token keeps only what later stages ask of it
/// (48 bytes): of its [`Features`], the few that are read, and no byline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token<'a> {
    /// Index of the line it comes from.
    pub line: usize,
    /// The text the role applies to (a slice of the line).
    pub text: &'a str,
    /// The whole line, for roles that keep it whole (a body paragraph that
    /// starts with a bullet keeps its bullet).
    pub full: &'a str,
    pub kind: Kind,
    /// [`Features::words`] of `text`, capped at `u16::MAX`: it is only
    /// compared with small counts.
    pub words: u16,
    /// [`Features::ending`] of `text`.
    pub ending: Ending,
    /// [`Features::headline_like`] of `text`.
    shaped_like_headline: bool,
    /// A `BREAKING` label was taken off: a strong sign of a headline.
    pub labelled: bool,
    /// A stamp on the same line as the text it stamps (`10:22 - …`,
    /// `… (10:58 a.m.)`): it belongs to that text's entry, whatever the
    /// page's byline placement.
    pub glued: bool,
}

impl<'a> Token<'a> {
    fn new(line: usize, text: &'a str, full: &'a str, kind: Kind) -> Token<'a> {
        let features = Features::of(text);
        Token {
            line,
            text,
            full,
            kind,
            words: u16::try_from(features.words).unwrap_or(u16::MAX),
            ending: features.ending,
            shaped_like_headline: features.headline_like(),
            labelled: false,
            glued: false,
        }
    }

    /// Would this text read as a headline?
    pub fn headline_like(&self) -> bool {
        matches!(self.kind, Kind::HeadlineLike)
            || matches!(self.kind, Kind::Numbered | Kind::Bullet) && self.shaped_like_headline
    }
}

/// A page's tokens, in line order, and what their stamps say.
pub(crate) struct Tokens<'a> {
    pub list: Vec<Token<'a>>,
    /// The byline of each [`Kind::Stamp`] token, by token index, in order.
    /// Beside the tokens rather than in them: a byline is as large as a
    /// token, and most tokens are no stamp.
    bylines: Vec<(usize, Byline<'a>)>,
}

impl<'a> Tokens<'a> {
    /// What the stamp at token `index` says (empty for a token that is no
    /// stamp).
    pub fn byline(&self, index: usize) -> Byline<'a> {
        self.bylines
            .binary_search_by_key(&index, |&(at, _)| at)
            .map_or_else(|_| Byline::default(), |found| self.bylines[found].1)
    }

    fn push(&mut self, token: Token<'a>, byline: Option<Byline<'a>>) {
        if let Some(byline) = byline {
            self.bylines.push((self.list.len(), byline));
        }
        self.list.push(token);
    }
}

/// Headings that introduce a list of key points, compared lowercase with
/// any trailing colon removed.
const LIST_HEADINGS: &[&str] = &[
    "key points",
    "key events",
    "key developments",
    "key updates",
    "key takeaways",
    "summary",
    "what we covered here",
    "what we know",
    "what we know so far",
    "what you need to know",
    "the latest",
    "latest developments",
    "at a glance",
    "in brief",
    "in short",
    "highlights",
    "recap",
    "here's what to know",
    "here’s what to know",
    "what to know",
    "need to know",
    "list of key events",
    "key moments",
    "main points",
    "to remember",
    "what happened",
    "catch up",
    "quick summary",
    "in summary",
];

/// Pages that print four-digit times (`2305 – …`) do so on several lines;
/// one such line alone is more likely a year.
const FOUR_DIGIT_MIN_LINES: usize = 2;

/// Reads every line into tokens.
pub(crate) fn tokenize<'a, S: AsRef<str> + ?Sized>(lines: &[&'a S]) -> Tokens<'a> {
    let mut four_digit_lines = 0;
    // Only a line that starts with a digit (a time) or ends with `)` (a
    // time in brackets) can split into two tokens: counting them sizes the
    // token list once, for pages of any size.
    let mut may_split = 0;
    for &line in lines {
        let line = line.as_ref();
        four_digit_lines += usize::from(has_four_digit_stamp(line));
        may_split += usize::from(
            line.as_bytes().first().is_some_and(u8::is_ascii_digit) || line.ends_with(')'),
        );
    }
    let four_digit = four_digit_lines >= FOUR_DIGIT_MIN_LINES;
    let mut tokens = Tokens {
        list: Vec::with_capacity(lines.len() + may_split),
        bylines: Vec::new(),
    };
    for (index, &line) in lines.iter().enumerate() {
        let line: &'a str = line.as_ref();
        let token = |text: &'a str, kind: Kind| Token::new(index, text, line, kind);
        let opening = match read_byline(line) {
            Ok(byline) => {
                tokens.push(token(line, Kind::Stamp), Some(byline));
                continue;
            }
            Err(opening) => opening,
        };
        if is_list_heading(line) {
            tokens.push(token(line, Kind::ListHeading), None);
            continue;
        }
        if is_marker(line) {
            tokens.push(token(line, Kind::Marker), None);
            continue;
        }
        let mut rest = line;
        if let Some((byline, text)) = split_stamp_after(line, four_digit, opening) {
            let stamp_len = line.len() - text.len();
            let stamp = line[..stamp_len]
                .trim_end_matches(|c: char| c.is_whitespace() || "-–—|:".contains(c));
            let glued = Token {
                glued: true,
                ..token(stamp, Kind::Stamp)
            };
            tokens.push(glued, Some(byline));
            rest = text;
        }
        if rest.len() == line.len() {
            // `Vote Passes With 71% Support (10:58 a.m.)`: the stamp goes
            // first, as if it led the post.
            if let Some((text, byline)) = split_trailing_stamp(line) {
                let stamp = line[text.len()..].trim();
                let glued = Token {
                    glued: true,
                    ..token(stamp, Kind::Stamp)
                };
                tokens.push(glued, Some(byline));
                rest = text;
            }
        }
        let (rest, labelled) = match strip_breaking(rest) {
            Some(text) => (text, true),
            None => (rest, false),
        };
        let (text, kind) = if let Some(text) = strip_bullet(rest) {
            (text, Kind::Bullet)
        } else if let Some(text) = strip_number(rest) {
            (text, Kind::Numbered)
        } else {
            (rest, Kind::Paragraph)
        };
        let mut t = token(text, kind);
        if kind == Kind::Paragraph && reads_as_headline(text, t.shaped_like_headline) {
            t.kind = Kind::HeadlineLike;
        }
        t.labelled = labelled;
        if rest.len() != line.len() && !matches!(t.kind, Kind::Bullet | Kind::Numbered) {
            // Whatever was split off is not part of the paragraph either.
            t.full = rest;
        }
        tokens.push(t, None);
    }
    tokens
}

/// A headline-like line that also holds no sentence break inside: `Talks
/// fail. Ministers to meet again` is two sentences, a paragraph.
fn reads_as_headline(text: &str, shaped_like_headline: bool) -> bool {
    shaped_like_headline && !has_inner_sentence_break(text)
}

/// Lowercase abbreviations that end in a full stop mid-sentence.
const LOWERCASE_ABBREVIATIONS: &[&str] = &["vs", "etc", "approx", "est", "cf", "al"];

/// `. X` inside the text where the word before the full stop is a word of
/// two or more lowercase letters and no abbreviation (so `U.S. Army`,
/// `Mr. Smith`, `No. 10`, initials and `vs. Smith` do not count).
fn has_inner_sentence_break(text: &str) -> bool {
    // Each full stop followed by a space (a search for the one byte is
    // quicker to set up than one for the pair).
    let mut full_stops = text
        .match_indices('.')
        .map(|(at, _)| at)
        .filter(|&at| text.as_bytes().get(at + 1) == Some(&b' '));
    full_stops.any(|at| {
        let next = text.get(at + 2..).and_then(|rest| rest.chars().next());
        let word = trailing_letters(&text[..at]);
        next.is_some_and(char::is_uppercase)
            && word.chars().nth(1).is_some()
            && word.chars().all(char::is_lowercase)
            && !LOWERCASE_ABBREVIATIONS.contains(&word)
    })
}

/// The run of letters `text` ends with (empty when it ends otherwise).
fn trailing_letters(text: &str) -> &str {
    let start = text
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphabetic())
        .last()
        .map_or(text.len(), |(at, _)| at);
    &text[start..]
}

/// Longer than any of the [`LIST_HEADINGS`], with room to spare.
const MAX_LIST_HEADING_BYTES: usize = 40;

fn is_list_heading(line: &str) -> bool {
    // Asked of nearly every line, and most are longer than any heading and
    // end in a letter or a full stop: there is nothing to trim, so they are
    // turned down on their length without the trims reading their end.
    let ends_untrimmed = line
        .as_bytes()
        .last()
        .is_some_and(|&b| b.is_ascii_graphic() && b != b':');
    if ends_untrimmed && line.len() > MAX_LIST_HEADING_BYTES {
        return false;
    }
    let trimmed = line.trim_end().trim_end_matches(':').trim_end();
    trimmed.len() <= MAX_LIST_HEADING_BYTES
        && LIST_HEADINGS
            .iter()
            .any(|h| trimmed.eq_ignore_ascii_case(h))
}

const BULLETS: &[char] = &['•', '·', '‣', '▪', '●', '◦', '-', '*', '–', '—'];

fn is_marker(line: &str) -> bool {
    let mut chars = line.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => BULLETS.contains(&c),
        _ => number_marker(line).is_some_and(|len| len == line.len()),
    }
}

/// `• text`, `- text`, `* text`: the text.
fn strip_bullet(line: &str) -> Option<&str> {
    let mut chars = line.chars();
    let c = chars.next()?;
    if !BULLETS.contains(&c) {
        return None;
    }
    let rest = chars.as_str();
    let text = rest.strip_prefix(' ')?.trim_start();
    // `- 5C tonight` is a bullet; `-5C tonight` (no space) is a number.
    (!text.is_empty()).then_some(text)
}

/// The byte length of a number marker `12.` or `12)` at the start.
fn number_marker(line: &str) -> Option<usize> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    matches!(line.as_bytes().get(digits), Some(b'.' | b')')).then_some(digits + 1)
}

/// `1. The latest headlines`, `2) Text`: the text.
fn strip_number(line: &str) -> Option<&str> {
    let len = number_marker(line)?;
    let text = line[len..].strip_prefix(' ')?.trim_start();
    (!text.is_empty()).then_some(text)
}

/// `BREAKING: Minister resigns`, `Breaking – Minister resigns`,
/// `BreakingMinister resigns`: the headline without its label.
fn strip_breaking(line: &str) -> Option<&str> {
    let rest = line
        .strip_prefix("BREAKING")
        .or_else(|| line.strip_prefix("Breaking"))?;
    let text = rest
        .trim_start_matches([':', ' ', '-', '–', '—', '|'])
        .trim_start();
    let glued = rest.len() == text.len();
    let starts_upper = text
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    // `Breaking news` or `Breaking the deadlock` are not labels.
    let ok = starts_upper && (!glued || rest.chars().next().is_some_and(char::is_uppercase));
    (ok && Features::of(text).ending != Ending::Continuation).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(lines: &[&str]) -> Vec<String> {
        tokenize(lines)
            .list
            .iter()
            .map(|t| {
                let kind = match t.kind {
                    Kind::Stamp => "stamp",
                    Kind::ListHeading => "list-heading",
                    Kind::Marker => "marker",
                    Kind::Bullet => "bullet",
                    Kind::Numbered => "numbered",
                    Kind::HeadlineLike => "headline-like",
                    Kind::Paragraph => "paragraph",
                };
                format!("{kind}:{}", t.text)
            })
            .collect()
    }

    #[test]
    fn glued_stamps_split_into_two_tokens() {
        assert_eq!(
            kinds(&["10:22 - Oil prices slid more than 4% on Monday."]),
            [
                "stamp:10:22",
                "paragraph:Oil prices slid more than 4% on Monday."
            ]
        );
        assert_eq!(
            kinds(&[
                "2305 – DONE DEAL – Osei completes Everton move",
                "2241 – BREAKING: Forest agree £15m fee for Reid"
            ]),
            [
                "stamp:2305",
                "headline-like:DONE DEAL – Osei completes Everton move",
                "stamp:2241",
                "headline-like:Forest agree £15m fee for Reid"
            ]
        );
        // One four-digit line alone is a year, not a time.
        assert_eq!(
            kinds(&["2024 – a year of elections and upsets"]),
            ["headline-like:2024 – a year of elections and upsets"]
        );
    }

    #[test]
    fn labels_bullets_numbers_and_headings() {
        assert_eq!(
            kinds(&["BreakingMinister resigns over leak"]),
            ["headline-like:Minister resigns over leak"]
        );
        assert_eq!(
            kinds(&["Breaking news from the summit"]),
            ["headline-like:Breaking news from the summit"]
        );
        assert_eq!(
            kinds(&[
                "Key events",
                "• Bank holds rates",
                "•",
                "Pound climbs",
                "1. Fuel duty frozen",
                "2) Duty rises",
                "3."
            ]),
            [
                "list-heading:Key events",
                "bullet:Bank holds rates",
                "marker:•",
                "headline-like:Pound climbs",
                "numbered:Fuel duty frozen",
                "numbered:Duty rises",
                "marker:3."
            ]
        );
        assert_eq!(
            kinds(&["-5C expected tonight in the glens"]),
            ["paragraph:-5C expected tonight in the glens"]
        );
        assert!(!is_list_heading("Summary of the judge's remarks"));
        let padded = format!("Key points:{}", " ".repeat(50));
        assert!(is_list_heading(&padded));
        assert!(is_list_heading("What we know so far\u{a0}:"));
    }

    /// [`is_list_heading`] without its length test up front.
    fn is_list_heading_by_trimming(line: &str) -> bool {
        let trimmed = line.trim_end().trim_end_matches(':').trim_end();
        LIST_HEADINGS
            .iter()
            .any(|h| trimmed.eq_ignore_ascii_case(h))
    }

    proptest::proptest! {
        #[test]
        fn list_headings_turned_down_on_length_are_none(
            line in "(Key points|SUMMARY|Here’s what to know|In brief)[ :\t\u{a0}\u{3000}]{0,45}[:.a]?|\\PC{0,60}",
        ) {
            proptest::prop_assert_eq!(is_list_heading(&line), is_list_heading_by_trimming(&line));
        }
    }

    #[test]
    fn sentence_breaks_make_paragraphs() {
        assert!(has_inner_sentence_break(
            "Opponents say the sums do not add up. Labour said more"
        ));
        assert!(!has_inner_sentence_break(
            "U.S. Army moves brigade to Poland"
        ));
        assert!(!has_inner_sentence_break("Mr. Smith goes to Washington"));
        assert!(!has_inner_sentence_break("No. 10 says talks continue"));
        assert!(!has_inner_sentence_break(
            "Villa vs. Spurs kicks off at 8pm"
        ));
    }
}
