//! Times of day as live blogs print them.

use std::fmt;

use nom::branch::alt;
use nom::bytes::complete::take_while_m_n;
use nom::character::complete::{anychar, one_of, space0, space1};
use nom::combinator::{map_opt, not, opt, peek, recognize, verify};
use nom::sequence::{pair, preceded, terminated, tuple};
use nom::IResult;

use super::number;

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

/// A time with the zone label printed after it, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock<'a> {
    /// The time, converted to the 24-hour clock but not to another zone.
    pub time: Time,
    /// `GMT`, `BST`, `ET`…, as printed.
    pub zone: Option<&'a str>,
}

/// Zone labels recognised after a time. Short uppercase words only, so a
/// capitalised word that follows a time is not taken for a zone.
const ZONES: &[&str] = &[
    "GMT", "BST", "UTC", "WET", "WEST", "CET", "CEST", "EET", "EEST", "MSK", "ET", "EST", "EDT",
    "CT", "CST", "CDT", "MT", "MST", "MDT", "PT", "PST", "PDT", "AKST", "AKDT", "HST", "AEST",
    "AEDT", "ACST", "AWST", "NZST", "NZDT", "IST", "PKT", "JST", "KST", "HKT", "SGT", "WIB",
    "SAST", "WAT", "EAT", "CAT", "BRT", "ART",
];

/// A time of day in any of the shapes below, with an optional zone:
/// `04:16`, `4:16`, `17.05`, `9.15am`, `9.15 a.m.`, `5.30pm`, `11:11 p.m.`,
/// `9am`, `12 noon`.
pub fn clock(input: &str) -> IResult<&str, Clock<'_>> {
    let (rest, time) = alt((twelve_hour, twenty_four_hour))(input)?;
    let (rest, zone) = opt(preceded(space1, zone))(rest)?;
    Ok((rest, Clock { time, zone }))
}

/// Could `input` start with a [`clock`] time? One or two digits, then a
/// `:`, `.` or `h` (`17:05`), a space or tab (`9 am`) or a meridiem's
/// first letter (`9am`). A quick test before the parsers, for the many lines
/// that open with a number that is no time (`10,000 troops`, `2024 Games`).
pub(crate) fn may_start_clock(input: &str) -> bool {
    let bytes = input.as_bytes();
    let digits = bytes
        .iter()
        .take(2)
        .take_while(|b| b.is_ascii_digit())
        .count();
    digits > 0
        && matches!(
            bytes.get(digits),
            Some(b':' | b'.' | b'h' | b' ' | b'\t' | b'a' | b'A' | b'p' | b'P')
        )
}

/// `17:05`, `17.05`, `17h05`: two numbers, colon, dot or `h` (as French
/// pages print times), no am/pm after.
fn twenty_four_hour(input: &str) -> IResult<&str, Time> {
    map_opt(
        terminated(
            tuple((number(1, 2), one_of(":.h"), number(2, 2))),
            not(peek(pair(space0, meridiem))),
        ),
        |(h, _, m)| Time::new(u8::try_from(h).ok()?, u8::try_from(m).ok()?),
    )(input)
}

/// `9.15am`, `11:11 p.m.`, `9am`: 1–12 o'clock and a meridiem.
fn twelve_hour(input: &str) -> IResult<&str, Time> {
    map_opt(
        tuple((
            number(1, 2),
            opt(preceded(one_of(":."), number(2, 2))),
            space0,
            meridiem,
        )),
        |(h, m, _, pm)| {
            let h = u8::try_from(h).ok()?;
            if !(1..=12).contains(&h) {
                return None;
            }
            let hour = match (h, pm) {
                (12, false) => 0,
                (12, true) => 12,
                (h, false) => h,
                (h, true) => h + 12,
            };
            Time::new(hour, u8::try_from(m.unwrap_or(0)).ok()?)
        },
    )(input)
}

/// `am`/`a.m.` (false) or `pm`/`p.m.` (true), any case, not followed by a
/// letter (`pmq` is no meridiem).
///
/// Asked after every number a line opens with, and after every time, so
/// the tags are compared as bytes: nom's case-blind tags lowercase each
/// character, and no character but an ASCII letter lowercases to `a`, `m`
/// or `p`, so the answers are the same.
fn meridiem(input: &str) -> IResult<&str, bool> {
    let bytes = input.as_bytes();
    let pm = match bytes.first() {
        Some(b'a' | b'A') => Some(false),
        Some(b'p' | b'P') => Some(true),
        _ => None,
    };
    // `a.m.` is tried before `am`, as nom's `alt` would.
    let len = if bytes
        .get(1..4)
        .is_some_and(|m| m.eq_ignore_ascii_case(b".m."))
    {
        4
    } else if bytes.get(1).is_some_and(|m| m.eq_ignore_ascii_case(&b'm')) {
        2
    } else {
        0
    };
    // The tags are ASCII: `len` is a character boundary.
    let rest = input.get(len..).filter(|_| len > 0);
    match (pm, rest) {
        (Some(pm), Some(rest)) if !rest.chars().next().is_some_and(char::is_alphabetic) => {
            Ok((rest, pm))
        }
        _ => Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Tag,
        ))),
    }
}

/// A known zone label, not followed by a letter.
fn zone(input: &str) -> IResult<&str, &str> {
    let (rest, word) = terminated(
        recognize(take_while_m_n(2, 4, |c: char| c.is_ascii_uppercase())),
        not(peek(verify(anychar, |c: &char| c.is_alphanumeric()))),
    )(input)?;
    if ZONES.contains(&word) {
        Ok((rest, word))
    } else {
        Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Tag,
        )))
    }
}

/// `0005`, `2355`: the four-digit time some sports blogs print. Only valid
/// where the caller knows the page uses it: alone it is easily a year.
pub fn military(input: &str) -> IResult<&str, Time> {
    map_opt(
        pair(
            take_while_m_n(2, 2, |c: char| c.is_ascii_digit()),
            take_while_m_n(2, 2, |c: char| c.is_ascii_digit()),
        ),
        |(h, m): (&str, &str)| Time::new(h.parse().ok()?, m.parse().ok()?),
    )(input)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// [`meridiem`] as nom's case-blind tags read it.
    fn meridiem_tags(input: &str) -> IResult<&str, bool> {
        use nom::bytes::complete::tag_no_case;
        use nom::combinator::value;
        terminated(
            alt((
                value(false, alt((tag_no_case("a.m."), tag_no_case("am")))),
                value(true, alt((tag_no_case("p.m."), tag_no_case("pm")))),
            )),
            not(peek(verify(anychar, |c: &char| c.is_alphabetic()))),
        )(input)
    }

    proptest! {
        #[test]
        fn meridiem_reads_what_the_tags_read(
            input in "[aApPmM. ]{0,5}[a-zA-Z]?|\\PC{0,6}",
        ) {
            // Only whether and what they read counts: callers never look
            // inside a parser's error.
            prop_assert_eq!(meridiem(&input).ok(), meridiem_tags(&input).ok());
        }
    }

    fn t(h: u8, m: u8) -> Time {
        Time::new(h, m).unwrap()
    }

    #[test]
    fn twenty_four_hour_shapes() {
        assert_eq!(
            clock("04:16"),
            Ok((
                "",
                Clock {
                    time: t(4, 16),
                    zone: None
                }
            ))
        );
        assert_eq!(
            clock("4:16 and"),
            Ok((
                " and",
                Clock {
                    time: t(4, 16),
                    zone: None
                }
            ))
        );
        assert_eq!(
            clock("17.05 BST"),
            Ok((
                "",
                Clock {
                    time: t(17, 5),
                    zone: Some("BST")
                }
            ))
        );
        assert!(clock("24:00").is_err());
        assert!(clock("12:60").is_err());
        assert!(clock("12:5").is_err());
    }

    #[test]
    fn twelve_hour_shapes() {
        assert_eq!(
            clock("9.15am GMT").unwrap().1,
            Clock {
                time: t(9, 15),
                zone: Some("GMT")
            }
        );
        assert_eq!(clock("5.30pm").unwrap().1.time, t(17, 30));
        assert_eq!(
            clock("11:11 p.m. ET").unwrap().1,
            Clock {
                time: t(23, 11),
                zone: Some("ET")
            }
        );
        assert_eq!(clock("12.05am").unwrap().1.time, t(0, 5));
        assert_eq!(clock("12pm").unwrap().1.time, t(12, 0));
        assert_eq!(clock("9AM").unwrap().1.time, t(9, 0));
        assert!(clock("13.05pm").is_err());
        assert!(clock("9 amendments").is_err());
    }

    #[test]
    fn zones_are_known_labels_only() {
        assert_eq!(
            clock("10:00 UK").unwrap(),
            (
                " UK",
                Clock {
                    time: t(10, 0),
                    zone: None
                }
            )
        );
        assert_eq!(clock("10:00 ETA").unwrap().1.zone, None);
        assert_eq!(clock("10:00 CEST").unwrap().1.zone, Some("CEST"));
    }

    #[test]
    fn clock_starts() {
        for time in ["04:16", "4.16", "17h05", "9 am", "9am", "11 P.M.", "12PM"] {
            assert!(may_start_clock(time), "{time}");
            assert!(clock(time).is_ok(), "{time}");
        }
        for not_time in ["10,000 troops", "2024 Games", "123:45", "9", "", "A 9:00"] {
            assert!(!may_start_clock(not_time), "{not_time}");
            assert!(clock(not_time).is_err(), "{not_time}");
        }
    }

    #[test]
    fn military_times() {
        assert_eq!(military("0005 –"), Ok((" –", t(0, 5))));
        assert_eq!(military("2355"), Ok(("", t(23, 55))));
        assert!(military("2460").is_err());
        assert!(military("12").is_err());
    }
}
