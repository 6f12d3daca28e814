//! An entry's `time` and `published` texts, written digit by digit.
//!
//! Every dated entry needs both; through `format!` each cost a few hundred
//! instructions of formatting machinery (padding, argument tables) for a
//! dozen bytes.

use tidings_dump::Date;
use tidings_segment::Time;

/// `HH:MM`, as `Time`'s `Display` writes it.
pub(crate) fn time(time: Time) -> String {
    let mut out = String::with_capacity(5);
    push_time(&mut out, time);
    out
}

/// `YYYY-MM-DDTHH:MM:00`, as `format!("{date}T{time}:00")` writes it.
pub(crate) fn published(date: Date, time: Time) -> String {
    let mut out = String::with_capacity(19);
    push_padded(&mut out, date.year, 4);
    out.push('-');
    push_padded(&mut out, date.month.into(), 2);
    out.push('-');
    push_padded(&mut out, date.day.into(), 2);
    out.push('T');
    push_time(&mut out, time);
    out.push_str(":00");
    out
}

fn push_time(out: &mut String, time: Time) {
    push_padded(out, time.hour.into(), 2);
    out.push(':');
    push_padded(out, time.minute.into(), 2);
}

/// Appends `n` in decimal, zero-padded to at least `width` digits (at
/// most five), as `{:0width$}` does; a wider number is written whole.
fn push_padded(out: &mut String, n: u16, width: usize) {
    // u16::MAX has five digits.
    let mut digits = [b'0'; 5];
    let mut rest = n;
    let mut start = digits.len();
    for digit in digits.iter_mut().rev() {
        *digit = b'0' + (rest % 10) as u8;
        rest /= 10;
        start -= 1;
        if rest == 0 {
            break;
        }
    }
    let start = start.min(digits.len().saturating_sub(width));
    out.extend(digits.iter().skip(start).map(|&d| char::from(d)));
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn known_stamps() {
        let date = Date::new(2024, 11, 6).unwrap();
        let time = Time::new(4, 16).unwrap();
        assert_eq!(super::time(time), "04:16");
        assert_eq!(published(date, time), "2024-11-06T04:16:00");
        let early = Date::new(987, 1, 2).unwrap();
        let midnight = Time::new(0, 0).unwrap();
        assert_eq!(published(early, midnight), "0987-01-02T00:00:00");
    }

    proptest! {
        /// The same text as the `Display` impls, for every value the
        /// fields can hold (even out-of-range ones, which `Display` writes
        /// unpadded past the width).
        #[test]
        fn same_as_display(
            year in any::<u16>(),
            month in any::<u8>(),
            day in any::<u8>(),
            hour in any::<u8>(),
            minute in any::<u8>(),
        ) {
            let date = Date { year, month, day };
            let time = Time { hour, minute };
            prop_assert_eq!(super::time(time), time.to_string());
            prop_assert_eq!(published(date, time), format!("{date}T{time}:00"));
        }

        #[test]
        fn padded_like_format(n in any::<u16>(), width in 0usize..=5) {
            let mut out = String::from("x");
            push_padded(&mut out, n, width);
            prop_assert_eq!(out, format!("x{n:0width$}"));
        }
    }
}
