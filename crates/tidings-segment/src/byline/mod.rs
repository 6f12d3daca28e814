//! Bylines and time stamps: who wrote an entry and when, in the shapes
//! publishers print.
//!
//! Each piece is a small nom parser tested on its own ([`clock`], [`date`],
//! [`epoch`], [`is_person_name`]); [`parse_byline`] reads a whole line as a
//! byline and [`split_stamp`] finds a time glued to the start of a post.

mod clock;
mod date;
mod name;

use nom::branch::alt;
use nom::bytes::complete::{tag_no_case, take_while_m_n};
use nom::character::complete::{digit1, one_of, space0, space1};
use nom::combinator::{all_consuming, opt, recognize};
use nom::sequence::{pair, preceded, tuple};
use nom::IResult;
use tidings_dump::Date;

use clock::may_start_clock;
pub use clock::{clock, military, Clock, Time};
pub use date::{date, epoch, month};
use date::{date_in, may_start_date, SlashedDates};
pub use name::is_person_name;
use name::{is_name_particle, is_name_word, is_never_a_name, words, MAX_NAME_WORDS};

/// What a byline or time stamp says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Byline<'a> {
    /// The author's name as printed.
    pub author: Option<&'a str>,
    /// The date, when printed.
    pub date: Option<Date>,
    /// The time, when printed (24-hour clock, zone not converted).
    pub time: Option<Time>,
    /// The zone label printed after the time (`GMT`, `ET`…).
    pub zone: Option<&'a str>,
}

impl<'a> Byline<'a> {
    fn at(clock: Clock<'a>) -> Byline<'a> {
        Byline {
            time: Some(clock.time),
            zone: clock.zone,
            ..Byline::default()
        }
    }
}

/// Reads a whole line as a byline or time stamp, or `None` when it is not
/// one. Accepted, with any of `[…]`/`(…)` around and a `Posted at`,
/// `Published at`, `Updated`, `By` lead-in:
///
/// - author and date/time, glued or not: `Arpan Rai6 November 2024 04:16`,
///   `Tom Watling, 5 Nov 2024, 23:00`, `John Smith12:30`;
/// - time and author: `23:24 , James Reynolds`;
/// - a time or a date alone, or both: `9.15am GMT`, `17.05 BST`,
///   `[Updated 11:11 p.m. ET]`, `6 November 2024 04:16`;
/// - `By Jane Doe`;
/// - a Unix timestamp (`1730871360`, read as UTC);
/// - a relative stamp (`2 hours ago`, `35m ago`, `Just now`), which says
///   nothing usable: the byline is empty but the line is still a stamp.
///
/// A name alone is not a byline: a short capitalised line could as well be
/// a headline.
///
/// Every line of a page is asked, and most are paragraphs: each shape
/// below gives up within a few words of a sentence.
pub fn parse_byline(line: &str) -> Option<Byline<'_>> {
    read_byline(line).ok()
}

/// The [`clock`] a line opens with, as read there (the rest is the line's
/// rest), or `None` when it opens with none.
pub(crate) type Opening<'a> = Option<(&'a str, Clock<'a>)>;

/// [`parse_byline`], or when the line is no byline, the clock it opens with
/// if that was read on the way, for [`split_stamp_after`]: a line that
/// opens with a time and is no byline is most often a post with its time
/// glued on.
pub(crate) fn read_byline(line: &str) -> Result<Byline<'_>, Option<Opening<'_>>> {
    let (stamp, by) = lead_in(strip_brackets(trim(line)));
    if stamp.is_empty() {
        return Err(None);
    }
    // Every time, date and timestamp holds a digit; epochs and times start
    // with one, dates with one or with a weekday or month, and names before
    // a stamp end at one. So most lines skip those parsers, and no line is
    // searched for a digit beyond where a name could end.
    let starts_with_digit = stamp.as_bytes().first().is_some_and(u8::is_ascii_digit);
    if starts_with_digit {
        if let Ok((_, (date, time))) = all_consuming(epoch)(stamp) {
            return Ok(Byline {
                date: Some(date),
                time: Some(time),
                ..Byline::default()
            });
        }
    }
    if is_relative(stamp) || is_match_clock(stamp) {
        return Ok(Byline::default());
    }
    let order = SlashedDates::of_line(line);
    let mut opening = None;
    if starts_with_digit {
        let clocked = opening_clock(stamp);
        // With a digit first, `stamp` is `line` with its end trimmed, and
        // a clock reads no further than a space or letter past its end:
        // what it reads of `line` it reads of `stamp`.
        if line.as_bytes().first().is_some_and(u8::is_ascii_digit) {
            opening = Some(clocked.as_ref().ok().map(|&(rest, clock)| {
                let rest = line.get(stamp.len() - rest.len()..).unwrap_or(rest);
                (rest, clock)
            }));
        }
        if let Ok(("", byline)) = time_after(stamp, clocked, order) {
            return Ok(byline);
        }
    }
    // A date holds a digit, so a stamp with none fails here as it would
    // have failed the search for one.
    if starts_with_digit || may_start_date(stamp) {
        if let Ok((_, byline)) = all_consuming(|i| date_first(i, order))(stamp) {
            return Ok(byline);
        }
    }
    // No name opens a stamp that opens with a digit, and most sentences
    // show by their first two words that none opens them either: the two
    // shapes that open with a name are not tried on those.
    if !starts_with_digit && may_open_with_name(stamp) {
        let names = LeadingNames::of(stamp);
        if let Some(digit) = names.name_digit(stamp) {
            if let Some(byline) = name_first(stamp, digit, order) {
                return Ok(byline);
            }
        }
        if let Some(author) = reporter_with_place(stamp, names.run_end) {
            return Ok(Byline {
                author: Some(author),
                ..Byline::default()
            });
        }
    }
    if let Some(author) = by.then(|| authors(stamp)).flatten() {
        return Ok(Byline {
            author: Some(author),
            ..Byline::default()
        });
    }
    if let Some(author) = agency_credit(stamp) {
        return Ok(Byline {
            author: Some(author),
            ..Byline::default()
        });
    }
    Err(opening)
}

/// Could [`name_first`] or [`reporter_with_place`] read a name at the
/// start of `stamp` (which does not open with a digit)? `false` only when
/// neither can; it looks at the first two words, `w1` and `w2`.
///
/// Both read the name from the stamp's first byte, and each word of a name
/// is a capitalised word that is no label, or a lowercase particle, ending
/// on a capitalised one. So neither reads one when
///
/// - the first character is neither a capital nor an ASCII lowercase
///   letter (`"Quote`, `(AP)`): it opens the name's first word;
/// - `w1` is ASCII letters only and no name word (`The`, `said`): with no
///   digit or trailing mark to cut it, `w1` is the name or its first word;
/// - `w1` holds no digit and `w2` opens with an ASCII byte that is no
///   capital, digit, space or mark [`name_first`] trims (`NAME_TAIL`), and
///   `w2` is no particle (`Russia said`, `Biden in Paris`): the name would
///   run into `w2`, which is then a word of it, first (not capitalised) or
///   last, or a word after a name that needs two.
fn may_open_with_name(stamp: &str) -> bool {
    let bytes = stamp.as_bytes();
    let Some(&lead) = bytes.first() else {
        return false;
    };
    let opens_a_name_word = if lead.is_ascii() {
        lead.is_ascii_alphabetic()
    } else {
        stamp.chars().next().is_some_and(char::is_uppercase)
    };
    if !opens_a_name_word {
        return false;
    }
    // One pass over `w1`: where it ends, and whether it is letters only.
    let mut letters_only = true;
    let mut end = bytes.len();
    for (at, &b) in bytes.iter().enumerate() {
        match b {
            b' ' => {
                end = at;
                break;
            }
            b'0'..=b'9' => return true,
            b'a'..=b'z' | b'A'..=b'Z' => {}
            _ => letters_only = false,
        }
    }
    // `end` is a space's index or the stamp's length: a boundary.
    let second = stamp.get(end + 1..).unwrap_or_default();
    let second_may_follow = match second.as_bytes().first() {
        Some(&b) if b.is_ascii_lowercase() => {
            // Particles are five letters at most: a longer word is none.
            let word_end = second.bytes().take(6).position(|b| b == b' ');
            is_name_particle(
                second
                    .get(..word_end.unwrap_or(second.len()))
                    .unwrap_or(second),
            )
        }
        Some(&b) => {
            !b.is_ascii()
                || b.is_ascii_uppercase()
                || b.is_ascii_digit()
                || b.is_ascii_whitespace()
                || matches!(b, b',' | b'|' | b'-' | 0x0b)
        }
        None => true,
    };
    if !second_may_follow {
        return false;
    }
    if letters_only {
        // A name word, as `is_name_word` reads one of letters only.
        let first = stamp.get(..end).unwrap_or(stamp);
        return if lead.is_ascii_uppercase() {
            !is_never_a_name(first)
        } else {
            is_name_particle(first)
        };
    }
    true
}

/// What trails a name before the stamp after it (`Tom Watling, 5 Nov`):
/// [`name_first`] trims these, then whitespace.
const NAME_TAIL: [char; 8] = [' ', ',', '|', '-', '–', '—', '·', '•'];

/// The name words a stamp opens with, read once for the shapes that open
/// with a name ([`name_first`], [`reporter_with_place`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct LeadingNames {
    /// [`name_run_end`]'s answer.
    run_end: Option<usize>,
    /// No person name that is a prefix of the stamp is longer: the end of
    /// the first word that is no name word, or of the word one past
    /// [`MAX_NAME_WORDS`], or the stamp's end. (A longer prefix holds that
    /// word whole, followed by a space.)
    limit: usize,
}

impl LeadingNames {
    fn of(stamp: &str) -> LeadingNames {
        let mut start = 0;
        for (n, word) in words(stamp).enumerate() {
            let end = start + word.len();
            if !is_name_word(word) {
                return LeadingNames {
                    run_end: (n > 0).then_some(start),
                    limit: end,
                };
            }
            if n == MAX_NAME_WORDS {
                return LeadingNames {
                    run_end: None,
                    limit: end,
                };
            }
            start = end + 1;
        }
        LeadingNames {
            run_end: None,
            limit: stamp.len(),
        }
    }

    /// The stamp's first ASCII digit, when [`name_first`] could read a name
    /// before it: only [`NAME_TAIL`] and whitespace, which it trims, may
    /// stand between [`limit`](Self::limit) and the digit. `None` when
    /// `name_first` would turn the stamp down (a long paragraph is not read
    /// to its end for a digit).
    fn name_digit(self, stamp: &str) -> Option<usize> {
        let after = stamp.get(self.limit..)?;
        let tail = after.len()
            - after
                .trim_start_matches(|c: char| c.is_whitespace() || NAME_TAIL.contains(&c))
                .len();
        let reach = (self.limit + tail + 1).min(stamp.len());
        first_ascii_digit(stamp.as_bytes().get(..reach)?)
    }
}

/// The index of the first ASCII digit in `bytes`. A name before a stamp
/// can run to dozens of bytes, so it tests eight bytes at a time in one integer: a byte is a
/// digit when, XORed with `0`, it is below 10, and the classic "has a byte
/// below n" test flags it. The test is exact for the lowest flagged byte
/// (only a byte below 10 borrows into the bytes above it), which is all
/// that is asked.
fn first_ascii_digit(bytes: &[u8]) -> Option<usize> {
    const WORD: usize = 8;
    const ONES: u64 = u64::from_le_bytes([0x01; WORD]);
    const HIGH_BITS: u64 = ONES * 0x80;
    let mut words = bytes.chunks_exact(WORD);
    for (n, word) in words.by_ref().enumerate() {
        let word = word.try_into().map_or(0, u64::from_le_bytes);
        let from_zero = word ^ (ONES * u64::from(b'0'));
        let below_ten = from_zero.wrapping_sub(ONES * 10) & !from_zero & HIGH_BITS;
        if below_ten != 0 {
            // Little-endian: the lowest set bit is in the first digit's byte.
            let at = below_ten.trailing_zeros() as usize / 8;
            return Some(n * WORD + at);
        }
    }
    let tail = words.remainder();
    tail.iter()
        .position(u8::is_ascii_digit)
        .map(|at| bytes.len() - tail.len() + at)
}

/// A time glued to the start of a post, `10:22 - Troops crossed…` or, when
/// `four_digit` (the page prints such times), `0005 – DONE DEAL – …`: the
/// stamp and the text after its separator.
pub fn split_stamp(line: &str, four_digit: bool) -> Option<(Byline<'_>, &str)> {
    split_stamp_after(line, four_digit, None)
}

/// [`split_stamp`], given the clock the line opens with when
/// [`read_byline`] read it.
pub(crate) fn split_stamp_after<'a>(
    line: &'a str,
    four_digit: bool,
    opening: Option<Opening<'a>>,
) -> Option<(Byline<'a>, &'a str)> {
    // Every time shape starts with a digit, and a clock time with one or two
    // and a mark after them; most lines do not.
    let military_ahead = four_digit && line.as_bytes().first().is_some_and(u8::is_ascii_digit);
    if !may_start_clock(line) && !military_ahead {
        return None;
    }
    // The clock is read once, for both shapes below: most lines that get
    // this far open with a number that is no time.
    let clocked = opening.unwrap_or_else(|| clock(line).ok());
    let time = match clocked {
        Some((rest, clock)) => Some((rest, Byline::at(clock))),
        None if four_digit => military(line).ok().map(|(rest, time)| {
            let byline = Byline {
                time: Some(time),
                ..Byline::default()
            };
            (rest, byline)
        }),
        None => None,
    };
    if let Some((rest, byline)) = time {
        let separated: IResult<&str, _> = tuple((space0, one_of("-–—|:"), space1))(rest);
        if let Ok((rest, _)) = separated {
            return (!rest.is_empty()).then_some((byline, rest));
        }
    }
    // Glued with no separator at all: `14:32Airport says runways…`.
    let (rest, clock) = clocked?;
    let glued = rest
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c == '‘' || c == '“' || c == '\'' || c == '"');
    glued.then_some((Byline::at(clock), rest))
}

/// A time in brackets at the end of a headline, `Vote Passes With 71%
/// Support (10:58 a.m.)`: the text before it and the stamp.
pub fn split_trailing_stamp(line: &str) -> Option<(&str, Byline<'_>)> {
    let inner_end = line.strip_suffix(')')?;
    let open = inner_end.rfind('(')?;
    let (_, clock) = all_consuming(clock)(inner_end[open + 1..].trim()).ok()?;
    let text = line[..open].trim_end();
    (!text.is_empty()).then_some((text, Byline::at(clock)))
}

/// A match clock rather than a time of day: `89'`, `90+4'`, `FT`, `HT`.
fn is_match_clock(stamp: &str) -> bool {
    const LABELS: &[&str] = &[
        "FT",
        "HT",
        "KO",
        "Full-time",
        "Full time",
        "Half-time",
        "Half time",
        "Kick-off",
    ];
    // The longest label has nine bytes, the longest minute `123+456’`.
    if stamp.len() > 10 {
        return false;
    }
    if LABELS.contains(&stamp) {
        return true;
    }
    let Some(minutes) = stamp.strip_suffix(['\'', '’']) else {
        return false;
    };
    let (base, added) = minutes.split_once('+').unwrap_or((minutes, "0"));
    let number = |s: &str| !s.is_empty() && s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit());
    number(base) && number(added)
}

/// `Kate Hollis in London`, `Lena Ortiz, reporting from Copiapó`,
/// `Tomás Reyes, Santiago bureau chief`: a reporter and where or what they
/// are. The name must have two words or more, so `Biden in Paris` is not
/// read as a byline.
fn reporter_with_place(stamp: &str, name_end: Option<usize>) -> Option<&str> {
    const ROLES: &[&str] = &[
        "reporting",
        "correspondent",
        "editor",
        "reporter",
        "chief",
        "writer",
        "producer",
        "analyst",
        "columnist",
        "contributor",
        "bureau",
        "staff",
    ];
    /// Most words of the place after ` in `, and of the role after `, `.
    const MAX_PLACE_WORDS: usize = 3;
    const MAX_ROLE_WORDS: usize = 6;
    // The name is the run of name words the stamp opens with, and the ` in `
    // or `, ` comes straight after it: neither `in` nor a word ending in a
    // comma is a name word, so the first separator cannot come earlier, and
    // a later one would put a word that is no name word into the name.
    // Only the stamp's first words are read, by [`LeadingNames`].
    let name_end = name_end?;
    let (run, next) = stamp.split_at_checked(name_end)?;
    let two_words = |name: &str| name.contains(' ') && is_person_name(name);
    if let Some(place) = next.strip_prefix("in ") {
        let name = run.strip_suffix(' ').unwrap_or(run);
        let place_ok = || {
            at_most_words(place, MAX_PLACE_WORDS)
                && place
                    .split(' ')
                    .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        };
        if two_words(name) && place_ok() {
            return Some(name);
        }
    }
    // The word after the name is short: a byte loop finds its end sooner
    // than `split_once`, whose `memchr` set-up costs more on a few bytes.
    let space = next.bytes().position(|b| b == b' ')?;
    // A space is one byte: both sides of it are character boundaries.
    let (word, role) = (next.get(..space)?, next.get(space + 1..)?);
    let last = word.strip_suffix(',')?;
    let name = stamp.get(..name_end + last.len())?;
    let role_ok = || {
        at_most_words(role, MAX_ROLE_WORDS)
            && role
                .split(|c: char| !c.is_alphabetic())
                .any(|w| is_one_of_lowercase(w, ROLES))
    };
    (two_words(name) && role_ok()).then_some(name)
}

/// Where the name words a stamp opens with end: the byte index of the
/// first word that cannot be part of a name. `None` when the stamp does not
/// open with a name word, or opens with more than a name has, or is all
/// name words. ([`LeadingNames`] reads it along with more; this is what it
/// is tested against.)
#[cfg(test)]
fn name_run_end(stamp: &str) -> Option<usize> {
    let mut start = 0;
    for (n, word) in words(stamp).enumerate() {
        if !is_name_word(word) {
            return (n > 0).then_some(start);
        }
        if n == MAX_NAME_WORDS {
            return None;
        }
        start += word.len() + 1;
    }
    None
}

/// Has `text` at most `max` words (split on single spaces)? Stops reading
/// after `max + 1`, so a long paragraph costs no more than a short one.
fn at_most_words(text: &str, max: usize) -> bool {
    words(text).nth(max).is_none()
}

/// Does `word`, lowercased, equal one of `words` (all lowercase)? ASCII
/// words are compared in place; others are lowercased in full, as some
/// non-ASCII letters lowercase to ASCII ones (the Kelvin sign to `k`).
fn is_one_of_lowercase(word: &str, words: &[&str]) -> bool {
    if word.is_ascii() {
        words.iter().any(|w| w.eq_ignore_ascii_case(word))
    } else {
        words.contains(&word.to_lowercase().as_str())
    }
}

/// After `By`: one or more names joined by `,`, `and` or `&`, maybe
/// `with AFP` or `for The Outlet` after them: `Camille Roux & Julien
/// Ferrand with AFP` gives `Camille Roux & Julien Ferrand`.
fn authors(stamp: &str) -> Option<&str> {
    let names = [" with ", " for ", " from "]
        .iter()
        .filter_map(|sep| stamp.find(sep))
        .min()
        .map_or(stamp, |at| &stamp[..at]);
    let all_names = names
        .split([',', '&'])
        .flat_map(|part| part.split(" and "))
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .all(is_person_name);
    (all_names && !names.is_empty()).then_some(names.trim())
}

/// Does the line open with a four-digit time and a separator? Pages that
/// do this on several lines print times so.
#[inline]
pub fn has_four_digit_stamp(line: &str) -> bool {
    // Asked of every line, in a loop of its own: most do not start with four
    // digits, which this says without a call.
    line.as_bytes()
        .get(..4)
        .is_some_and(|head| head.iter().all(u8::is_ascii_digit))
        && four_digit_stamp(line)
}

/// [`has_four_digit_stamp`] by the parsers.
fn four_digit_stamp(line: &str) -> bool {
    tuple((military, space0, one_of("-–—|"), space1))(line).is_ok()
}

/// `str::trim`, answered without decoding a character when the line
/// starts and ends with printable ASCII, as nearly every line does.
fn trim(line: &str) -> &str {
    let bytes = line.as_bytes();
    match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => line,
        _ => line.trim(),
    }
}

fn strip_brackets(s: &str) -> &str {
    for (open, close) in [('[', ']'), ('(', ')')] {
        if let Some(inner) = s.strip_prefix(open).and_then(|s| s.strip_suffix(close)) {
            return inner.trim();
        }
    }
    s
}

/// Drops a lead-in such as `Posted at`; says whether it was `By`.
fn lead_in(s: &str) -> (&str, bool) {
    // Most lines open with none of the leads' first letters (`l`, `u`, `p`,
    // and `b` for `By`); the others try only the leads with theirs.
    let leads = match s.as_bytes().first().map(u8::to_ascii_lowercase) {
        Some(b'l') => &LEADS[..2],
        Some(b'u') => &LEADS[2..4],
        Some(b'p') => &LEADS[4..],
        Some(b'b') => return by_lead_in(s),
        _ => return (s, false),
    };
    for lead in leads {
        if let Some(head) = s.get(..lead.len()) {
            if head.eq_ignore_ascii_case(lead) {
                return (s[lead.len()..].trim_start(), false);
            }
        }
    }
    (s, false)
}

/// Lead-ins before a stamp, lowercase, by first letter (`l`, `u`, `p`:
/// [`lead_in`] slices them so), longer before shorter.
const LEADS: [&str; 8] = [
    "last updated at ",
    "last updated ",
    "updated at ",
    "updated ",
    "posted at ",
    "posted ",
    "published at ",
    "published ",
];

/// Drops a leading `By `, saying whether there was one.
fn by_lead_in(s: &str) -> (&str, bool) {
    match s.get(..3) {
        Some(head) if head.eq_ignore_ascii_case("by ") => (s[3..].trim_start(), true),
        _ => (s, false),
    }
}

/// Between parts of a stamp: spaces, and at most one of `, - – — | · •`
/// or the word `at`.
fn separator(input: &str) -> IResult<&str, &str> {
    alt((
        recognize(tuple((space0, one_of(",-–—|·•"), space0))),
        recognize(tuple((space1, tag_no_case("at"), space1))),
        space1,
    ))(input)
}

/// `23:24 , James Reynolds`, `9.15am GMT`, `04:16, 6 November 2024`.
fn time_first<'i>(input: &'i str, order: SlashedDates<'_>) -> IResult<&'i str, Byline<'i>> {
    time_after(input, opening_clock(input), order)
}

/// The [`clock`] `input` opens with, or an error at once when it cannot
/// open with one.
fn opening_clock(input: &str) -> IResult<&str, Clock<'_>> {
    if !may_start_clock(input) {
        return Err(not_a_stamp(input));
    }
    clock(input)
}

/// [`time_first`] once the clock `input` opens with is read.
fn time_after<'i>(
    input: &'i str,
    clocked: IResult<&'i str, Clock<'i>>,
    order: SlashedDates<'_>,
) -> IResult<&'i str, Byline<'i>> {
    let (rest, clock) = clocked?;
    let mut byline = Byline::at(clock);
    if rest.is_empty() {
        return Ok((rest, byline));
    }
    let (rest, _) = separator(rest)?;
    if let Ok((rest, date)) = date_in(order)(rest) {
        byline.date = Some(date);
        return Ok((rest, byline));
    }
    if is_person_name(rest) {
        byline.author = Some(rest);
        return Ok(("", byline));
    }
    Err(not_a_stamp(input))
}

/// The error of a stamp parser that turned `input` down.
fn not_a_stamp(input: &str) -> nom::Err<nom::error::Error<&str>> {
    nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Verify))
}

/// `6 November 2024 04:16`, `6 November 2024`.
fn date_first<'i>(input: &'i str, order: SlashedDates<'_>) -> IResult<&'i str, Byline<'i>> {
    if !may_start_date(input) {
        return Err(not_a_stamp(input));
    }
    let (rest, date) = date_in(order)(input)?;
    let (rest, clock) = opt(preceded(separator, clock))(rest)?;
    let mut byline = clock.map(Byline::at).unwrap_or_default();
    byline.date = Some(date);
    Ok((rest, byline))
}

/// `Arpan Rai6 November 2024 04:16`, `John Smith12:30`,
/// `Tom Watling, 5 Nov 2024, 23:00`: the name ends at `digit`, the byte
/// index of the stamp's first ASCII digit.
fn name_first<'s>(stamp: &'s str, digit: usize, order: SlashedDates<'_>) -> Option<Byline<'s>> {
    // An ASCII digit is one byte, never part of a longer character, so
    // `digit` is a character boundary.
    let (name, rest) = stamp.split_at_checked(digit)?;
    let name = name.trim_end_matches(NAME_TAIL).trim_end();
    if !is_person_name(name) {
        return None;
    }
    let (_, mut byline) =
        all_consuming(alt((|i| date_first(i, order), |i| time_first(i, order))))(rest).ok()?;
    byline.author = Some(name);
    Some(byline)
}

/// `From CNN's Rachel Kwan`: the reporter, credited through their outlet.
fn agency_credit(stamp: &str) -> Option<&str> {
    let rest = stamp.strip_prefix("From ")?;
    let (outlet, name) = rest.split_once("'s ").or_else(|| rest.split_once("’s "))?;
    let outlet_ok = !outlet.is_empty()
        && outlet.split(' ').count() <= 4
        && outlet.chars().next()?.is_uppercase();
    (outlet_ok && is_person_name(name)).then_some(name)
}

/// Is the whole stamp a [`relative`] one? Each ends in `ago` or `now`,
/// which is quicker to check than to parse for.
fn is_relative(stamp: &str) -> bool {
    let ends_with = |tail: &str| {
        stamp
            .len()
            .checked_sub(tail.len())
            .and_then(|at| stamp.as_bytes().get(at..))
            .is_some_and(|end| end.eq_ignore_ascii_case(tail.as_bytes()))
    };
    (ends_with("ago") || ends_with("now")) && all_consuming(relative)(stamp).is_ok()
}

/// `2 hours ago`, `35m ago`, `1 hr ago`, `Just now`.
fn relative(input: &str) -> IResult<&str, ()> {
    const UNITS: &[&str] = &[
        "seconds", "second", "secs", "sec", "s", "minutes", "minute", "mins", "min", "m", "hours",
        "hour", "hrs", "hr", "h", "days", "day", "d",
    ];
    let unit = |input| -> IResult<&str, &str> {
        let (rest, word) = take_while_m_n(1, 7, |c: char| c.is_ascii_alphabetic())(input)?;
        if UNITS.iter().any(|u| u.eq_ignore_ascii_case(word)) {
            Ok((rest, word))
        } else {
            Err(nom::Err::Error(nom::error::Error::new(
                input,
                nom::error::ErrorKind::Tag,
            )))
        }
    };
    alt((
        nom::combinator::value(
            (),
            tuple((digit1, space0, unit, space1, tag_no_case("ago"))),
        ),
        nom::combinator::value(
            (),
            pair(
                alt((tag_no_case("just"), tag_no_case("moments"))),
                preceded(space1, alt((tag_no_case("now"), tag_no_case("ago")))),
            ),
        ),
    ))(input)
}

/// `min..=max` ASCII digits as a number.
///
/// Every time and date is read through it, several times over as `alt`
/// tries shape after shape: a byte loop that adds up the digits as it
/// goes costs a fraction of `take_while_m_n` (char by char) and `parse`.
/// It takes what `take_while_m_n(min, max, char::is_ascii_digit)` takes.
pub(crate) fn number(min: usize, max: usize) -> impl Fn(&str) -> IResult<&str, u32> {
    move |input| {
        let digits = input
            .bytes()
            .take(max)
            .take_while(u8::is_ascii_digit)
            .count();
        let value = input.as_bytes().get(..digits).and_then(|digits| {
            digits.iter().try_fold(0u32, |value, &digit| {
                value.checked_mul(10)?.checked_add(u32::from(digit - b'0'))
            })
        });
        // ASCII digits are one byte each: `digits` is a character boundary.
        match (value, input.get(digits..)) {
            (Some(value), Some(rest)) if digits >= min => Ok((rest, value)),
            _ => Err(nom::Err::Error(nom::error::Error::new(
                input,
                nom::error::ErrorKind::TakeWhileMN,
            ))),
        }
    }
}

/// [`parse_byline`] as it was before the shapes shared [`LeadingNames`]
/// and the digit search was bounded: each shape read the line for itself.
#[cfg(test)]
fn parse_byline_each_shape_alone(line: &str) -> Option<Byline<'_>> {
    let (stamp, by) = lead_in(strip_brackets(trim(line)));
    if stamp.is_empty() {
        return None;
    }
    let digit = stamp.bytes().position(|b| b.is_ascii_digit());
    let starts_with_digit = digit == Some(0);
    if starts_with_digit {
        if let Ok((_, (date, time))) = all_consuming(epoch)(stamp) {
            return Some(Byline {
                date: Some(date),
                time: Some(time),
                ..Byline::default()
            });
        }
    }
    if is_relative(stamp) || is_match_clock(stamp) {
        return Some(Byline::default());
    }
    if let Some(digit) = digit {
        let order = SlashedDates::of_line(line);
        if starts_with_digit {
            if let Ok((_, byline)) = all_consuming(|i| time_first(i, order))(stamp) {
                return Some(byline);
            }
        }
        if let Ok((_, byline)) = all_consuming(|i| date_first(i, order))(stamp) {
            return Some(byline);
        }
        if let Some(byline) = name_first(stamp, digit, order) {
            return Some(byline);
        }
    }
    if let Some(author) = reporter_with_place(stamp, name_run_end(stamp))
        .or_else(|| by.then(|| authors(stamp)).flatten())
    {
        return Some(Byline {
            author: Some(author),
            ..Byline::default()
        });
    }
    if let Some(author) = agency_credit(stamp) {
        return Some(Byline {
            author: Some(author),
            ..Byline::default()
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: u16, m: u8, day: u8) -> Option<Date> {
        Date::new(y, m, day)
    }

    fn t(h: u8, m: u8) -> Option<Time> {
        Time::new(h, m)
    }

    #[test]
    fn author_then_date_and_time() {
        let b = parse_byline("Arpan Rai6 November 2024 04:16").unwrap();
        assert_eq!(
            (b.author, b.date, b.time),
            (Some("Arpan Rai"), d(2024, 11, 6), t(4, 16))
        );
        let b = parse_byline("Tom Watling, 5 Nov 2024, 23:00").unwrap();
        assert_eq!(
            (b.author, b.date, b.time),
            (Some("Tom Watling"), d(2024, 11, 5), t(23, 0))
        );
        let b = parse_byline("Ursula von der Leyen 1 Sept 2024 at 9:05").unwrap();
        assert_eq!((b.author, b.time), (Some("Ursula von der Leyen"), t(9, 5)));
        let b = parse_byline("John Smith12:30").unwrap();
        assert_eq!(
            (b.author, b.date, b.time),
            (Some("John Smith"), None, t(12, 30))
        );
        let b = parse_byline("Jean-Luc O’Neill 12 March 2023").unwrap();
        assert_eq!(
            (b.author, b.date, b.time),
            (Some("Jean-Luc O’Neill"), d(2023, 3, 12), None)
        );
    }

    #[test]
    fn time_then_author() {
        let b = parse_byline("23:24 , James Reynolds").unwrap();
        assert_eq!((b.author, b.time), (Some("James Reynolds"), t(23, 24)));
        let b = parse_byline("04:16, 6 November 2024").unwrap();
        assert_eq!((b.date, b.time), (d(2024, 11, 6), t(4, 16)));
    }

    #[test]
    fn times_alone_with_lead_ins_brackets_and_zones() {
        let b = parse_byline("9.15am GMT").unwrap();
        assert_eq!((b.time, b.zone), (t(9, 15), Some("GMT")));
        assert_eq!(parse_byline("5.30pm").unwrap().time, t(17, 30));
        assert_eq!(parse_byline("17.05 BST").unwrap().zone, Some("BST"));
        assert_eq!(parse_byline("Posted at 14:02").unwrap().time, t(14, 2));
        assert_eq!(parse_byline("published at 14:02").unwrap().time, t(14, 2));
        let b = parse_byline("[Updated 11:11 p.m. ET]").unwrap();
        assert_eq!((b.time, b.zone), (t(23, 11), Some("ET")));
        let b = parse_byline("6 November 2024 04:16").unwrap();
        assert_eq!((b.author, b.date, b.time), (None, d(2024, 11, 6), t(4, 16)));
    }

    #[test]
    fn by_lines_epochs_and_relative_stamps() {
        assert_eq!(
            parse_byline("By Jane Doe").unwrap().author,
            Some("Jane Doe")
        );
        let b = parse_byline("1730871360").unwrap();
        assert_eq!((b.date, b.time), (d(2024, 11, 6), t(5, 36)));
        for relative in [
            "2 hours ago",
            "35m ago",
            "1 hr ago",
            "Just now",
            "5 mins ago",
        ] {
            assert_eq!(
                parse_byline(relative),
                Some(Byline::default()),
                "{relative}"
            );
        }
    }

    #[test]
    fn not_bylines() {
        for line in [
            "Tom Watling",
            "UK announces £2.26 billion loan to Ukraine",
            "More than 10,000 North Korean troops in Russia for Ukraine war, says South Korea",
            "Russia downs four HIMARS, 42 Ukrainian drones, says defence ministry",
            "Arpan Rai6 November 2024 04:16 and more",
            "Arpan Rai31 February 2024 04:16",
            "Arpan Rai6 November 2024 25:16",
            "the minister 6 November 2024 04:16",
            "2024 Olympics open in Paris",
            "10:22 - Troops crossed the river",
            "Live Updates 10:00",
            "By the river",
            "12345",
            "",
        ] {
            assert_eq!(parse_byline(line), None, "{line}");
        }
    }

    #[test]
    fn reporters_places_roles_and_match_clocks() {
        assert_eq!(
            parse_byline("Kate Hollis in London").unwrap().author,
            Some("Kate Hollis")
        );
        assert_eq!(
            parse_byline("Lena Ortiz, reporting from Copiapó")
                .unwrap()
                .author,
            Some("Lena Ortiz")
        );
        assert_eq!(
            parse_byline("Tomás Reyes, Santiago bureau chief")
                .unwrap()
                .author,
            Some("Tomás Reyes")
        );
        assert_eq!(
            parse_byline("By Camille Roux & Julien Ferrand with AFP")
                .unwrap()
                .author,
            Some("Camille Roux & Julien Ferrand")
        );
        for minute in ["89'", "90+4'", "45+2’", "FT", "HT"] {
            assert_eq!(parse_byline(minute), Some(Byline::default()), "{minute}");
        }
        let b = parse_byline("March 18, 2025, 4:12 p.m. ET").unwrap();
        assert_eq!(
            (b.date, b.time, b.zone),
            (d(2025, 3, 18), t(16, 12), Some("ET"))
        );
        let b = parse_byline("Jul 08, 2025 14:32 IST").unwrap();
        assert_eq!(
            (b.date, b.time, b.zone),
            (d(2025, 7, 8), t(14, 32), Some("IST"))
        );
        let b = parse_byline("03/04/2025 09:14 AM EDT").unwrap();
        assert_eq!(
            (b.date, b.time, b.zone),
            (d(2025, 3, 4), t(9, 14), Some("EDT"))
        );
        assert_eq!(parse_byline("Biden in Paris"), None);
        assert_eq!(parse_byline("Storm Imogen in pictures"), None);
        assert_eq!(parse_byline("Prices, rising again"), None);
        assert_eq!(parse_byline("100'"), Some(Byline::default()));
        assert_eq!(parse_byline("1000'"), None);
        // The longest a match clock can be, at the length bound.
        assert_eq!(parse_byline("123+456’"), Some(Byline::default()));
        assert_eq!(parse_byline("123+4567’"), None);
    }

    /// [`number`] as nom would read it: the parser it replaced.
    fn number_by_nom(min: usize, max: usize, input: &str) -> Option<(&str, u32)> {
        nom::combinator::map_opt(
            take_while_m_n::<_, _, nom::error::Error<&str>>(min, max, |c: char| c.is_ascii_digit()),
            |d: &str| d.parse().ok(),
        )(input)
        .ok()
    }

    proptest::proptest! {
        #[test]
        fn numbers_read_as_nom_reads_them(
            input in "[0-9]{0,6}[ :a-z٣é]?[0-9]{0,3}|\\PC{0,8}",
            min in 1usize..=4,
            extra in 0usize..=3,
        ) {
            let max = min + extra;
            proptest::prop_assert_eq!(
                number(min, max)(&input).ok(),
                number_by_nom(min, max, &input)
            );
        }
    }

    #[test]
    fn numbers() {
        assert_eq!(number(1, 2)("2024"), Ok(("24", 20)));
        assert_eq!(number(4, 4)("2024-11"), Ok(("-11", 2024)));
        assert_eq!(number(2, 2)("05 BST"), Ok((" BST", 5)));
        assert!(number(2, 2)("5 BST").is_err());
        assert!(number(1, 2)("٣").is_err());
        assert!(number(1, 2)("").is_err());
    }

    /// Lines built from the pieces bylines are made of, and pieces of
    /// sentences, in any order: most are no byline, many nearly are.
    fn byline_like() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        const PIECES: &[&str] = &[
            "Arpan",
            "Rai",
            "Tom",
            "Watling",
            "Jean-Luc",
            "O’Neill",
            "von",
            "der",
            "Tomás",
            "Live",
            "The",
            "BREAKING",
            "said",
            "in",
            "London",
            "Paris",
            "reporting",
            "from",
            "bureau",
            "chief",
            "editor",
            "By",
            "by",
            "From",
            "CNN's",
            "and",
            "&",
            "with",
            "AFP",
            "Posted",
            "at",
            "Updated",
            "6",
            "November",
            "2024",
            "Nov",
            "5",
            "12",
            "04:16",
            "23:00",
            "9.15am",
            "p.m.",
            "ET",
            "GMT",
            "Wed",
            "Wednesday",
            "March",
            "18,",
            "03/04/2025",
            "1730871360",
            "2",
            "hours",
            "ago",
            "Just",
            "now",
            "89'",
            "FT",
            "Smith,",
            "Rai6",
            "Smith12:30",
            "12345",
            "-",
            "–",
            "|",
            "·",
            ",",
            "é",
            "٣",
            "\u{a0}",
            "",
            "[",
            "]",
        ];
        const GLUE: &[&str] = &[" ", " ", " ", "", ", ", " - ", "  ", "\u{a0}", " | "];
        prop::collection::vec(
            (prop::sample::select(PIECES), prop::sample::select(GLUE)),
            0..9,
        )
        .prop_map(|parts| {
            parts
                .into_iter()
                .map(|(piece, glue)| format!("{piece}{glue}"))
                .collect()
        })
    }

    /// [`lead_in`] trying each lead in turn.
    fn lead_in_by_list(s: &str) -> (&str, bool) {
        for lead in LEADS {
            if let Some(head) = s.get(..lead.len()) {
                if head.eq_ignore_ascii_case(lead) {
                    return (s[lead.len()..].trim_start(), false);
                }
            }
        }
        by_lead_in(s)
    }

    proptest::proptest! {
        #[test]
        fn lead_ins_as_the_list_reads_them(
            line in "([bBlLuUpP][a-zA-Z ]{0,16}){0,2}|(Last )?(Updated|Posted|Published|By)( at)? [0-9]|\\PC{0,12}",
        ) {
            proptest::prop_assert_eq!(lead_in(&line), lead_in_by_list(&line));
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]
        #[test]
        fn bylines_read_as_each_shape_alone_reads_them(
            line in proptest::prop_oneof![byline_like(), name_like_opening(), "\\PC{0,40}"],
        ) {
            let trimmed = line.trim_end();
            for line in [line.as_str(), trimmed] {
                proptest::prop_assert_eq!(parse_byline(line), parse_byline_each_shape_alone(line));
                let stamp = lead_in(strip_brackets(trim(line))).0;
                proptest::prop_assert_eq!(LeadingNames::of(stamp).run_end, name_run_end(stamp));
            }
        }
    }

    /// Could a name be read before any of the stamp's digits, or as a
    /// reporter's? What [`may_open_with_name`] must say yes to.
    fn some_name_opens(stamp: &str) -> bool {
        let before_a_digit = stamp
            .bytes()
            .enumerate()
            .filter(|(_, b)| b.is_ascii_digit())
            .any(|(at, _)| is_person_name(stamp[..at].trim_end_matches(NAME_TAIL).trim_end()));
        before_a_digit || reporter_with_place(stamp, name_run_end(stamp)).is_some()
    }

    /// Two words, each near a name word or near a sentence's, and the
    /// marks and digits between them that the names' edges hinge on.
    fn name_like_opening() -> impl proptest::strategy::Strategy<Value = String> {
        "(The|Live|By|From|Tom|O’Neill|Jean-Luc|U\\.S\\.|Émile|the|de|von|said|in|[a-zA-Z]{1,4}|[“(\"•é٣-])\
         ( |[ ,|.'’\t\u{b}\u{a0}–-]{0,2}[0-9]?[ ,|.'’\t\u{b}\u{a0}–-]{0,2})\
         (The|Smith|Rai|the|de|von|der|y|said|in|reporting|[a-zA-Z]{1,4}|[“(\"•é٣-])?\
         ([ ,|-]{1,2}(Leyen|Paris|in London|chief|reporting from Paris)){0,2}\
         ([ ,|-]{0,2}([0-9]{1,2}:[0-9]{2}|5 Nov 2024))?"
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]
        #[test]
        fn no_name_opens_where_none_may(
            stamp in proptest::prop_oneof![name_like_opening(), byline_like(), "\\PC{0,24}"],
        ) {
            let digit_first = stamp.as_bytes().first().is_some_and(u8::is_ascii_digit);
            if !digit_first && !may_open_with_name(&stamp) {
                proptest::prop_assert!(!some_name_opens(&stamp));
            }
        }
    }

    #[test]
    fn names_that_may_open_stamps() {
        for stamp in [
            "Arpan Rai6 November 2024 04:16",
            "Rai6 November",
            "Tom Watling, 5 Nov 2024",
            "Ursula von der Leyen 1 Sept 2024",
            "von Leyen 1 Sept 2024",
            "Kate Hollis in London",
            "Lena Ortiz, reporting from Copiapó",
            "Émile Zola 12:30",
            "The-\u{a0}5 Nov 2024",
            "Smith - 12:30",
        ] {
            assert!(may_open_with_name(stamp), "{stamp}");
        }
        for stamp in [
            "Russia said on Tuesday",
            "The Kremlin said",
            "Biden in Paris",
            "“We will",
            "(AP) Troops",
            "said Smith 12:30",
            "Officials say 12 died",
        ] {
            assert!(!may_open_with_name(stamp), "{stamp}");
            assert!(!some_name_opens(stamp), "{stamp}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2048))]
        #[test]
        fn stamps_split_as_when_the_clock_is_read_again(
            line in "[0-9]{1,4}[:.h ]?[0-9]{0,2} ?([ap]\\.?m\\.?)? ?(GMT|ET|BST)?[ \u{a0}]{0,2}[-–|:]?[ \u{a0}]{0,2}(Troops|‘War|said|, James Reynolds)?[ \u{a0}]{0,2}|\\PC{0,12}",
            four_digit: bool,
        ) {
            if let Err(opening) = read_byline(&line) {
                proptest::prop_assert_eq!(
                    split_stamp_after(&line, four_digit, opening),
                    split_stamp(&line, four_digit)
                );
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn four_digit_stamps_as_the_parsers_read_them(
            line in "[0-9]{0,5}[ a:|–-]{0,3}[A-Z]?|\\PC{0,8}",
        ) {
            proptest::prop_assert_eq!(has_four_digit_stamp(&line), four_digit_stamp(&line));
        }
    }

    proptest::proptest! {
        #[test]
        fn first_digits_as_position_finds_them(text in "[ -~]{0,40}|[/0-9:;a]{0,20}|\\PC{0,40}") {
            proptest::prop_assert_eq!(
                first_ascii_digit(text.as_bytes()),
                text.bytes().position(|b| b.is_ascii_digit())
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn trims_as_str_trim(line in "[ a!~\t]{0,6}|\\PC{0,12}|[\u{a0}\u{3000} a]{0,6}") {
            proptest::prop_assert_eq!(trim(&line), line.trim());
        }
    }

    #[test]
    fn first_digits() {
        assert_eq!(
            first_ascii_digit("no digit at all, not even ٣".as_bytes()),
            None
        );
        assert_eq!(first_ascii_digit(b"Arpan Rai6 November"), Some(9));
        let long = format!("{}é 7", "word ".repeat(10));
        assert_eq!(first_ascii_digit(long.as_bytes()), Some(53));
        assert_eq!(first_ascii_digit(b""), None);
    }

    #[test]
    fn trailing_stamps() {
        let (text, b) = split_trailing_stamp("Vote Passes With 71% Support (10:58 a.m.)").unwrap();
        assert_eq!((text, b.time), ("Vote Passes With 71% Support", t(10, 58)));
        assert_eq!(split_trailing_stamp("Talks (in Geneva) resume"), None);
        assert_eq!(split_trailing_stamp("Profits rise (2.5%)"), None);
    }

    #[test]
    fn glued_stamps() {
        let (b, rest) = split_stamp("10:22 - Troops crossed the river", false).unwrap();
        assert_eq!((b.time, rest), (t(10, 22), "Troops crossed the river"));
        let (b, rest) = split_stamp("9.15am GMT: Markets open lower", false).unwrap();
        assert_eq!(
            (b.time, b.zone, rest),
            (t(9, 15), Some("GMT"), "Markets open lower")
        );
        assert_eq!(split_stamp("0005 – DONE DEAL – Smith signs", false), None);
        let (b, rest) = split_stamp("0005 – DONE DEAL – Smith signs", true).unwrap();
        assert_eq!((b.time, rest), (t(0, 5), "DONE DEAL – Smith signs"));
        assert_eq!(split_stamp("10:22", false), None);
        assert_eq!(split_stamp("1.5 million people - officials", false), None);
        let (b, rest) = split_stamp("14:32Airport says runways could reopen", false).unwrap();
        assert_eq!(
            (b.time, rest),
            (t(14, 32), "Airport says runways could reopen")
        );
        let (b, rest) = split_stamp("17h05 : The prefect said", false).unwrap();
        assert_eq!((b.time, rest), (t(17, 5), "The prefect said"));
        assert_eq!(split_stamp("4.5million people", false), None);
        assert!(has_four_digit_stamp("2355 - Late drama"));
        assert!(!has_four_digit_stamp("2355 people were evacuated"));
    }
}
