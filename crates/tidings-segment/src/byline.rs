//! Bylines: who wrote an entry and when, in the shapes publishers print.
//!
//! Each piece is a small nom parser, tested on its own; [`parse_byline`]
//! puts them together over a whole line.

use std::fmt;

use nom::bytes::complete::{tag, take_while_m_n};
use nom::character::complete::{char, space0, space1};
use nom::combinator::{all_consuming, map_opt, opt};
use nom::sequence::{preceded, separated_pair, tuple};
use nom::IResult;
use tidings_dump::Date;

/// A wall-clock time as printed, on the 24-hour clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Time {
    /// 0–23.
    pub hour: u8,
    /// 0–59.
    pub minute: u8,
}

impl Time {
    /// `None` unless `hour` < 24 and `minute` < 60.
    pub fn new(hour: u8, minute: u8) -> Option<Time> {
        (hour < 24 && minute < 60).then_some(Time { hour, minute })
    }
}

impl fmt::Display for Time {
    /// `HH:MM`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

/// What a byline line says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Byline<'a> {
    /// The author's name as printed.
    pub author: Option<&'a str>,
    /// The date, when printed.
    pub date: Option<Date>,
    /// The time, when printed.
    pub time: Option<Time>,
}

/// Reads a whole line as a byline, or `None` when it is not one.
///
/// Accepted: an optional author name followed, glued or not, by a date and
/// time: `Arpan Rai6 November 2024 04:16`, `Tom Watling, 5 Nov 2024 23:00`,
/// `6 November 2024 04:16`. A name alone is not a byline: a short
/// capitalised line could as well be a headline.
pub fn parse_byline(line: &str) -> Option<Byline<'_>> {
    let digit = line.find(|c: char| c.is_ascii_digit())?;
    let (name, stamp) = line.split_at(digit);
    let name = name
        .trim_end_matches([' ', ',', '|', '-', '–', '—', '·'])
        .trim_end();
    let author = if name.is_empty() {
        None
    } else if is_person_name(name) {
        Some(name)
    } else {
        return None;
    };
    let (_, (date, time)) = all_consuming(date_time)(stamp.trim_end()).ok()?;
    Some(Byline { author, date, time })
}

/// `6 November 2024 04:16`, `6 Nov 2024, 04:16`: a date with an optional
/// time after it.
fn date_time(input: &str) -> IResult<&str, (Option<Date>, Option<Time>)> {
    let (rest, date) = day_month_year(input)?;
    let (rest, time) = opt(preceded(tuple((opt(char(',')), space1)), clock))(rest)?;
    Ok((rest, (Some(date), time)))
}

/// `6 November 2024`.
pub(crate) fn day_month_year(input: &str) -> IResult<&str, Date> {
    map_opt(
        tuple((
            number(1, 2),
            space1,
            month,
            space0,
            opt(char(',')),
            space0,
            number(4, 4),
        )),
        |(day, _, month, _, _, _, year)| {
            Date::new(u16::try_from(year).ok()?, month, u8::try_from(day).ok()?)
        },
    )(input)
}

/// `04:16`, `4:16`: 24-hour clock with a colon.
pub(crate) fn clock(input: &str) -> IResult<&str, Time> {
    map_opt(
        separated_pair(number(1, 2), char(':'), number(2, 2)),
        |(h, m)| Time::new(u8::try_from(h).ok()?, u8::try_from(m).ok()?),
    )(input)
}

/// An English month name, full or abbreviated, any case: its number.
pub(crate) fn month(input: &str) -> IResult<&str, u8> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let (rest, word) = take_while_m_n(3, 9, |c: char| c.is_ascii_alphabetic())(input)?;
    let word = word.to_ascii_lowercase();
    let found = MONTHS.iter().position(|m| {
        *m == word || (word.len() >= 3 && m.starts_with(word.as_str()) && word.len() <= 4)
    });
    match found {
        // `Sept` is the one four-letter abbreviation; `Marc` is no month.
        Some(i) if word.len() != 4 || word == "sept" || MONTHS[i].len() == 4 => {
            let (rest, _) = opt(tag("."))(rest)?;
            Ok((rest, i as u8 + 1))
        }
        _ => Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Tag,
        ))),
    }
}

/// `min..=max` ASCII digits as a number.
fn number(min: usize, max: usize) -> impl Fn(&str) -> IResult<&str, u32> {
    move |input| {
        map_opt(
            take_while_m_n(min, max, |c: char| c.is_ascii_digit()),
            |d: &str| d.parse().ok(),
        )(input)
    }
}

/// Particles that may stand lowercase inside a name.
const NAME_PARTICLES: &[&str] = &[
    "al", "bin", "da", "de", "del", "della", "der", "di", "dos", "du", "el", "la", "le", "van",
    "von", "y",
];

/// One to five words, each capitalised (or a particle), made of letters,
/// apostrophes, hyphens and dots: `Arpan Rai`, `Jean-Luc O’Neill`,
/// `Ursula von der Leyen`.
pub fn is_person_name(name: &str) -> bool {
    let words: Vec<&str> = name.split(' ').collect();
    (1..=5).contains(&words.len())
        && name.chars().count() <= 60
        && words.iter().all(|w| {
            let mut chars = w.chars();
            let first_ok = match chars.next() {
                Some(c) if c.is_uppercase() => true,
                Some(_) => NAME_PARTICLES.contains(w),
                None => false,
            };
            first_ok
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-' | '.'))
        })
        && words
            .last()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: u16, m: u8, d: u8) -> Option<Date> {
        Date::new(y, m, d)
    }

    #[test]
    fn glued_byline() {
        let b = parse_byline("Arpan Rai6 November 2024 04:16").unwrap();
        assert_eq!(b.author, Some("Arpan Rai"));
        assert_eq!(b.date, date(2024, 11, 6));
        assert_eq!(b.time, Time::new(4, 16));
        assert_eq!(b.time.unwrap().to_string(), "04:16");
    }

    #[test]
    fn spaced_and_punctuated_bylines() {
        let b = parse_byline("Tom Watling, 5 Nov 2024, 23:00").unwrap();
        assert_eq!(
            (b.author, b.date, b.time),
            (Some("Tom Watling"), date(2024, 11, 5), Time::new(23, 0))
        );
        let b = parse_byline("Ursula von der Leyen 1 Sept 2024 9:05").unwrap();
        assert_eq!(b.author, Some("Ursula von der Leyen"));
        assert_eq!(b.time, Time::new(9, 5));
        let b = parse_byline("6 November 2024 04:16").unwrap();
        assert_eq!((b.author, b.time), (None, Time::new(4, 16)));
        let b = parse_byline("Jean-Luc O’Neill 12 March 2023").unwrap();
        assert_eq!(
            (b.author, b.date, b.time),
            (Some("Jean-Luc O’Neill"), date(2023, 3, 12), None)
        );
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
            "",
        ] {
            assert_eq!(parse_byline(line), None, "{line}");
        }
    }

    #[test]
    fn months() {
        assert_eq!(month("November"), Ok(("", 11)));
        assert_eq!(month("nov."), Ok(("", 11)));
        assert_eq!(month("Sept"), Ok(("", 9)));
        assert_eq!(month("June"), Ok(("", 6)));
        assert!(month("Marc").is_err());
        assert!(month("Novem").is_err());
        assert!(month("Mon").is_err());
    }

    #[test]
    fn clocks() {
        assert_eq!(
            clock("04:16"),
            Ok((
                "",
                Time {
                    hour: 4,
                    minute: 16
                }
            ))
        );
        assert_eq!(
            clock("4:16pm"),
            Ok((
                "pm",
                Time {
                    hour: 4,
                    minute: 16
                }
            ))
        );
        assert!(clock("24:00").is_err());
        assert!(clock("12:60").is_err());
        assert!(clock("12:5").is_err());
    }

    #[test]
    fn names() {
        assert!(is_person_name("Arpan Rai"));
        assert!(is_person_name("Bel Trew"));
        assert!(!is_person_name("the minister"));
        assert!(!is_person_name("Ursula von"));
        assert!(!is_person_name("One Two Three Four Five Six"));
        assert!(!is_person_name("UK announces £2"));
    }
}
