//! Calendar dates as they appear in dump headers (`YYYY-MM-DD`).

use std::fmt;
use std::str::FromStr;

/// A calendar date, checked to exist (no 2024-02-30).
///
/// Dates follow the proleptic Gregorian calendar: a year is a leap year when
/// it is divisible by 4, except centuries, which must be divisible by 400.
///
/// ```
/// use tidings_dump::Date;
///
/// let d = Date::new(2024, 2, 29).expect("2024 is a leap year");
/// assert_eq!(d.to_string(), "2024-02-29");
/// assert_eq!("2024-02-29".parse::<Date>(), Ok(d));
/// assert!(Date::new(2023, 2, 29).is_none());
/// assert!(Date::new(2024, 13, 1).is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The year, `0..=9999` when parsed from a header (any `u16` via [`Date::new`]).
    pub year: u16,
    /// The month, `1..=12`.
    pub month: u8,
    /// The day of the month, `1..=31` (at most [`Date::days_in_month`]).
    pub day: u8,
}

impl Date {
    /// `None` when the day does not exist in that month and year.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let last = Date::days_in_month(year, month)?;
        if (1..=last).contains(&day) {
            Some(Date { year, month, day })
        } else {
            None
        }
    }

    /// Whether `year` has a 29 February (Gregorian rule).
    pub fn is_leap_year(year: u16) -> bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in `month` of `year`, or `None` when `month` is not `1..=12`.
    pub fn days_in_month(year: u16, month: u8) -> Option<u8> {
        match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => Some(31),
            4 | 6 | 9 | 11 => Some(30),
            2 if Date::is_leap_year(year) => Some(29),
            2 => Some(28),
            _ => None,
        }
    }
}

/// Formats as `YYYY-MM-DD` (zero-padded).
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The error of parsing a [`Date`] from a string that is not an existing
/// `YYYY-MM-DD` date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not an existing YYYY-MM-DD date: {found:?}")]
pub struct ParseDateError {
    /// The rejected input.
    pub found: String,
}

/// Parses exactly `YYYY-MM-DD`: four, two and two ASCII digits, nothing
/// around them, and a day that exists.
impl FromStr for Date {
    type Err = ParseDateError;

    fn from_str(s: &str) -> Result<Date, ParseDateError> {
        let err = || ParseDateError {
            found: s.to_owned(),
        };
        match crate::header::date_digits(s) {
            Ok(("", digits)) => digits.to_date().ok_or_else(err),
            _ => Err(err()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leap_years() {
        assert!(Date::is_leap_year(2024));
        assert!(Date::is_leap_year(2000));
        assert!(!Date::is_leap_year(1900));
        assert!(!Date::is_leap_year(2023));
        assert!(Date::new(2000, 2, 29).is_some());
        assert!(Date::new(1900, 2, 29).is_none());
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(2023, 2, 29).is_none());
        assert!(Date::new(2023, 2, 28).is_some());
    }

    #[test]
    fn impossible_dates() {
        assert!(Date::new(2024, 0, 1).is_none());
        assert!(Date::new(2024, 13, 1).is_none());
        assert!(Date::new(2024, 1, 0).is_none());
        assert!(Date::new(2024, 1, 32).is_none());
        assert!(Date::new(2024, 4, 31).is_none());
        assert!(Date::new(2024, 4, 30).is_some());
        assert!(Date::new(2024, 12, 31).is_some());
    }

    #[test]
    fn display_pads() {
        let d = Date::new(987, 1, 2).unwrap();
        assert_eq!(d.to_string(), "0987-01-02");
        assert_eq!(Date::new(2024, 11, 5).unwrap().to_string(), "2024-11-05");
    }

    #[test]
    fn from_str() {
        assert_eq!("2024-10-22".parse(), Ok(Date::new(2024, 10, 22).unwrap()));
        for bad in [
            "",
            "2024-1-22",
            "2024-10-2",
            "24-10-22",
            "2024-10-22 ",
            " 2024-10-22",
            "2024/10/22",
            "2024-13-40",
            "2023-02-29",
            "２０２４-10-22",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad:?}");
        }
        let e = "2024-13-40".parse::<Date>().unwrap_err();
        assert_eq!(e.found, "2024-13-40");
    }

    #[test]
    fn ordering_is_chronological() {
        let a = Date::new(2024, 10, 22).unwrap();
        let b = Date::new(2024, 11, 5).unwrap();
        assert!(a < b);
    }
}
