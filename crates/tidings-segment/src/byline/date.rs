//! Calendar dates as bylines print them, and Unix timestamps.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while_m_n};
use nom::character::complete::{char, one_of, space0, space1};
use nom::combinator::{map_opt, opt};
use nom::sequence::{terminated, tuple};
use nom::IResult;
use tidings_dump::Date;

use super::clock::Time;
use super::number;

/// A date: `6 November 2024`, `6 Nov 2024`, `November 6, 2024`,
/// `Nov 6 2024`, `2024-11-06`, each optionally after a weekday
/// (`Wednesday 6 November 2024`, `Wed, Nov 6, 2024`). Slashed dates that
/// could be read either way are read day first.
pub fn date(input: &str) -> IResult<&str, Date> {
    date_in(SlashedDates::DAY_FIRST)(input)
}

/// Which number of a slashed date comes first when both could be the
/// month: the day (the European order, `04/03/2025` for 4 March) unless the
/// line the date is read from prints American 12-hour times (`03/04/2025
/// 09:14 AM EDT`). The line is only read for them when such a date is met.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SlashedDates<'l> {
    line: Option<&'l str>,
}

impl<'l> SlashedDates<'l> {
    /// Always day first.
    pub(crate) const DAY_FIRST: SlashedDates<'static> = SlashedDates { line: None };

    /// The order `line` prints.
    pub(crate) fn of_line(line: &'l str) -> SlashedDates<'l> {
        SlashedDates { line: Some(line) }
    }

    fn month_first(self) -> bool {
        const TWELVE_HOUR_MARKS: [&[u8]; 4] = [b" am", b" pm", b"a.m.", b"p.m."];
        self.line.is_some_and(|line| {
            TWELVE_HOUR_MARKS.iter().any(|mark| {
                line.as_bytes()
                    .windows(mark.len())
                    .any(|w| w.eq_ignore_ascii_case(mark))
            })
        })
    }
}

/// [`date`], reading ambiguous slashed dates in the given order.
pub(crate) fn date_in<'l>(order: SlashedDates<'l>) -> impl Fn(&str) -> IResult<&str, Date> + 'l {
    move |input| {
        let (input, _) = opt(terminated(weekday, tuple((opt(char(',')), space1))))(input)?;
        alt((day_month_year, month_day_year, iso_date, |i| {
            numeric_date(i, order)
        }))(input)
    }
}

/// Could `input` start with a [`date`]? Every date opens with a digit, a
/// weekday or a month. A quick test before the parsers, for the many lines
/// that open with another word or with a number that is no date.
///
/// Asked of nearly every line: the first three letters, which name at most
/// one weekday or month, turn most lines down before the word is read.
pub(crate) fn may_start_date(input: &str) -> bool {
    let bytes = input.as_bytes();
    if bytes.first().is_some_and(u8::is_ascii_digit) {
        return may_start_numbered_date(bytes);
    }
    let Some(&[a, b, c]) = bytes.get(..3) else {
        return false;
    };
    let head = [a, b, c].map(|b| b.to_ascii_lowercase());
    matches!(
        &head,
        b"mon"
            | b"tue"
            | b"wed"
            | b"thu"
            | b"fri"
            | b"sat"
            | b"sun"
            | b"jan"
            | b"feb"
            | b"mar"
            | b"apr"
            | b"may"
            | b"jun"
            | b"jul"
            | b"aug"
            | b"sep"
            | b"oct"
            | b"nov"
            | b"dec"
    ) && opens_with_weekday_or_month(input)
}

/// Could `bytes`, which open with a digit, start with a [`date`]? A date
/// that opens with a digit opens with a day (one or two digits, then an
/// ordinal, a space or tab, `/` or `.`) or a year (four digits, then `-`).
/// Times (`08:40`) and most numbers in prose are turned down here, before
/// four parsers are tried on them.
fn may_start_numbered_date(bytes: &[u8]) -> bool {
    let digits = bytes
        .iter()
        .take(5)
        .take_while(|b| b.is_ascii_digit())
        .count();
    matches!(
        (digits, bytes.get(digits)),
        (
            1 | 2,
            Some(b' ' | b'\t' | b'/' | b'.' | b's' | b'n' | b'r' | b't')
        ) | (4, Some(b'-'))
    )
}

/// Does `input` open with a weekday or month name, as [`weekday`] and
/// [`month`] read them?
fn opens_with_weekday_or_month(input: &str) -> bool {
    leading_word(input).is_some_and(|word| is_weekday(word) || month_number(word).is_some())
}

/// The first 3 to 9 ASCII letters of `input`, as the weekday and month
/// parsers read them (`take_while_m_n(3, 9, …)`), without the parser.
fn leading_word(input: &str) -> Option<&str> {
    let letters = input
        .bytes()
        .take(9)
        .take_while(u8::is_ascii_alphabetic)
        .count();
    input.get(..letters).filter(|_| letters >= 3)
}

/// `23/07/2025`, `03/18/2025`, `18.03.2025`: day and month by number.
/// A number above 12 says which is the day; when both could be, the
/// European order (day first) is taken, unless the date is written with
/// slashes and `order` says the page is American.
fn numeric_date<'i>(input: &'i str, order: SlashedDates<'_>) -> IResult<&'i str, Date> {
    map_opt(
        tuple((
            number(1, 2),
            one_of("/."),
            number(1, 2),
            one_of("/."),
            number(4, 4),
        )),
        |(a, sep1, b, sep2, year)| {
            if sep1 != sep2 {
                return None;
            }
            let (day, month) = if a > 12 {
                (a, b)
            } else if b > 12 || sep1 == '/' && order.month_first() {
                (b, a)
            } else {
                (a, b)
            };
            make(year, u8::try_from(month).ok()?, day)
        },
    )(input)
}

/// `6 November 2024`, `6th Nov, 2024`.
fn day_month_year(input: &str) -> IResult<&str, Date> {
    map_opt(
        tuple((
            number(1, 2),
            opt(ordinal),
            space1,
            month,
            opt(char(',')),
            space1,
            number(4, 4),
        )),
        |(day, _, _, month, _, _, year)| make(year, month, day),
    )(input)
}

/// `November 6, 2024`, `Nov 6 2024`.
fn month_day_year(input: &str) -> IResult<&str, Date> {
    map_opt(
        tuple((
            month,
            space1,
            number(1, 2),
            opt(ordinal),
            opt(char(',')),
            space1,
            number(4, 4),
        )),
        |(month, _, day, _, _, _, year)| make(year, month, day),
    )(input)
}

/// `2024-11-06`.
fn iso_date(input: &str) -> IResult<&str, Date> {
    map_opt(
        tuple((
            number(4, 4),
            char('-'),
            number(2, 2),
            char('-'),
            number(2, 2),
        )),
        |(year, _, month, _, day)| make(year, u8::try_from(month).ok()?, day),
    )(input)
}

fn make(year: u32, month: u8, day: u32) -> Option<Date> {
    Date::new(u16::try_from(year).ok()?, month, u8::try_from(day).ok()?)
}

fn ordinal(input: &str) -> IResult<&str, &str> {
    alt((tag("st"), tag("nd"), tag("rd"), tag("th")))(input)
}

/// An English weekday, full or three letters, any case.
fn weekday(input: &str) -> IResult<&str, ()> {
    let (rest, word) = take_while_m_n(3, 9, |c: char| c.is_ascii_alphabetic())(input)?;
    if is_weekday(word) {
        Ok((rest, ()))
    } else {
        Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Tag,
        )))
    }
}

/// Is `word` a weekday, full or its first three letters, in any case?
fn is_weekday(word: &str) -> bool {
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    DAYS.iter().any(|d| {
        d.eq_ignore_ascii_case(word) || word.len() == 3 && starts_with_ignore_case(d, word)
    })
}

/// The number of the month `word` names, full, by its first three
/// letters or as `Sept`, in any case.
///
/// Asked of the first word of many lines: the month is picked by its first
/// three letters (no two months share them) and only that month's name is
/// compared, instead of every month's.
fn month_number(word: &str) -> Option<u8> {
    let head: [u8; 3] = word.as_bytes().get(..3)?.try_into().ok()?;
    let (number, name) = match &head.map(|b| b.to_ascii_lowercase()) {
        b"jan" => (1, "january"),
        b"feb" => (2, "february"),
        b"mar" => (3, "march"),
        b"apr" => (4, "april"),
        b"may" => (5, "may"),
        b"jun" => (6, "june"),
        b"jul" => (7, "july"),
        b"aug" => (8, "august"),
        b"sep" => (9, "september"),
        b"oct" => (10, "october"),
        b"nov" => (11, "november"),
        b"dec" => (12, "december"),
        _ => return None,
    };
    let names_it = word.len() == 3
        || name.eq_ignore_ascii_case(word)
        || number == 9 && word.eq_ignore_ascii_case("sept");
    names_it.then_some(number)
}

/// An English month name, full or abbreviated (`Nov`, `Nov.`, `Sept`), any
/// case: its number.
pub fn month(input: &str) -> IResult<&str, u8> {
    let (rest, word) = take_while_m_n(3, 9, |c: char| c.is_ascii_alphabetic())(input)?;
    match month_number(word) {
        Some(number) => {
            let (rest, _) = opt(char('.'))(rest)?;
            Ok((rest, number))
        }
        None => Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Tag,
        ))),
    }
}

/// Does `name` start with `prefix`, ignoring ASCII case? Compares in place:
/// weekday and month words are read on many lines, so no lowercase copy.
fn starts_with_ignore_case(name: &str, prefix: &str) -> bool {
    name.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// Earliest and latest Unix time (seconds) taken for a timestamp: 2001 to
/// 2096. Ten-digit numbers outside it are ordinary numbers.
const EPOCH_RANGE: std::ops::RangeInclusive<i64> = 1_000_000_000..=4_000_000_000;

/// A Unix timestamp left by a page template: 10 digits (seconds) or 13
/// (milliseconds), as the UTC date and time.
pub fn epoch(input: &str) -> IResult<&str, (Date, Time)> {
    map_opt(
        terminated(take_while_m_n(10, 13, |c: char| c.is_ascii_digit()), space0),
        |digits: &str| {
            let seconds: i64 = match digits.len() {
                10 => digits.parse().ok()?,
                13 => digits.parse::<i64>().ok()? / 1000,
                _ => return None,
            };
            if !EPOCH_RANGE.contains(&seconds) {
                return None;
            }
            utc(seconds)
        },
    )(input)
}

/// Seconds since 1970-01-01T00:00Z as a civil date and time (proleptic
/// Gregorian; Howard Hinnant's days-to-civil algorithm).
fn utc(seconds: i64) -> Option<(Date, Time)> {
    let days = seconds.div_euclid(86_400);
    let secs = seconds.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let date = Date::new(
        u16::try_from(year).ok()?,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
    )?;
    let time = Time::new(
        u8::try_from(secs / 3600).ok()?,
        u8::try_from(secs % 3600 / 60).ok()?,
    )?;
    Some((date, time))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// [`month_number`] as first written: every month's name tried in turn.
    fn month_number_by_list(word: &str) -> Option<u8> {
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
        let found = MONTHS.iter().position(|m| {
            m.eq_ignore_ascii_case(word)
                || word.len() == 3 && starts_with_ignore_case(m, word)
                || word.eq_ignore_ascii_case("sept") && *m == "september"
        })?;
        u8::try_from(found + 1).ok()
    }

    proptest! {
        #[test]
        fn month_numbers_agree_with_the_list(
            word in "(?i)(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z.é]{0,7}|(?i)[a-zé]{0,10}",
        ) {
            prop_assert_eq!(month_number(&word), month_number_by_list(&word));
        }
    }

    #[test]
    fn month_names_and_abbreviations() {
        for (word, number) in [
            ("January", Some(1)),
            ("SEPT", Some(9)),
            ("sep", Some(9)),
            ("Septe", None),
            ("may", Some(5)),
            ("Mayday", None),
            ("dec", Some(12)),
            ("Decemberr", None),
            ("Ma", None),
            ("Juné", None),
        ] {
            assert_eq!(month_number(word), number, "{word}");
            assert_eq!(month_number_by_list(word), number, "{word}");
        }
    }

    fn d(y: u16, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn date_shapes() {
        assert_eq!(date("6 November 2024"), Ok(("", d(2024, 11, 6))));
        assert_eq!(date("6th Nov, 2024 x"), Ok((" x", d(2024, 11, 6))));
        assert_eq!(date("November 6, 2024"), Ok(("", d(2024, 11, 6))));
        assert_eq!(date("Wed, Nov 6, 2024"), Ok(("", d(2024, 11, 6))));
        assert_eq!(date("Wednesday 6 November 2024"), Ok(("", d(2024, 11, 6))));
        assert_eq!(date("2024-11-06"), Ok(("", d(2024, 11, 6))));
        assert_eq!(date("1 Sept 2024"), Ok(("", d(2024, 9, 1))));
        assert_eq!(date("23/07/2025"), Ok(("", d(2025, 7, 23))));
        assert_eq!(date("03/18/2025"), Ok(("", d(2025, 3, 18))));
        assert_eq!(date("04/03/2025"), Ok(("", d(2025, 3, 4))));
        assert_eq!(
            date_in(SlashedDates::of_line("04/03/2025 9.14 a.m."))("04/03/2025"),
            Ok(("", d(2025, 4, 3)))
        );
        assert!(date("23/07.2025").is_err());
        assert!(date("31 February 2024").is_err());
        assert!(date("6 Novem 2024").is_err());
        assert!(date("Mon 2024").is_err());
    }

    proptest! {
        #[test]
        fn date_starts_as_the_words_say(
            input in "[0-9]?[A-Za-z]{0,10}[ ,.]?|(Mon|TUE|wed|Thursday|Sept|sept|May|Dec|Mar)[a-z]{0,6}|\\PC{0,10}",
        ) {
            if !input.as_bytes().first().is_some_and(u8::is_ascii_digit) {
                prop_assert_eq!(may_start_date(&input), opens_with_weekday_or_month(&input));
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]
        #[test]
        fn no_date_where_none_may_start(
            input in "[0-9]{1,5}(st|nd|rd|th|[ \t/.:,h-])?[0-9A-Za-z/. -]{0,12}\
                |[0-9]{1,3}(st|th)?[ \t]{1,2}(Nov|November|nov\\.|Sept)[, ]{1,2}[0-9]{3,5}\
                |[0-9]{3,5}-[0-9]{1,3}-[0-9]{1,3}\
                |[0-9]{1,3}[/.][0-9]{1,3}[/.][0-9]{3,5}( [ap]\\.m\\.)?\
                |\\PC{0,10}",
        ) {
            if !may_start_date(&input) {
                prop_assert!(date_in(SlashedDates::DAY_FIRST)(&input).is_err());
                prop_assert!(date_in(SlashedDates::of_line("9.14 a.m."))(&input).is_err());
            }
        }
    }

    #[test]
    fn date_starts() {
        for start in [
            "6 November",
            "Wed, Nov 6",
            "nov. 6",
            "2024-11-06",
            "6th Nov",
            "04/03",
        ] {
            assert!(may_start_date(start), "{start}");
        }
        for not_date in [
            "Russia said",
            "Monsoon rains",
            "",
            " 6 November",
            "08:40 – The",
            "100 days",
            "2024 Olympics",
        ] {
            assert!(!may_start_date(not_date), "{not_date}");
            assert!(date(not_date).is_err(), "{not_date}");
        }
    }

    #[test]
    fn months() {
        assert_eq!(month("November"), Ok(("", 11)));
        assert_eq!(month("nov."), Ok(("", 11)));
        assert_eq!(month("Sept"), Ok(("", 9)));
        assert!(month("Marc").is_err());
        assert!(month("Mon").is_err());
    }

    #[test]
    fn unix_timestamps() {
        // 2024-11-06T05:36:00Z
        assert_eq!(
            epoch("1730871360"),
            Ok(("", (d(2024, 11, 6), Time::new(5, 36).unwrap())))
        );
        assert_eq!(
            epoch("1730871360000"),
            Ok(("", (d(2024, 11, 6), Time::new(5, 36).unwrap())))
        );
        assert!(
            epoch("0951782400").is_err(),
            "before 2001: an ordinary number"
        );
        assert!(epoch("12345").is_err());
        assert!(epoch("99999999999").is_err());
    }

    #[test]
    fn civil_dates_from_seconds() {
        let midnight = Time::new(0, 0).unwrap();
        assert_eq!(utc(0), Some((d(1970, 1, 1), midnight)));
        assert_eq!(utc(951_782_400), Some((d(2000, 2, 29), midnight)));
        assert_eq!(
            utc(1_735_689_599),
            Some((d(2024, 12, 31), Time::new(23, 59).unwrap()))
        );
    }
}
