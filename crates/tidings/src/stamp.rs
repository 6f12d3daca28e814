//! An entry's `time` and `published` texts, written digit by digit.
//!
//! Every dated entry needs both; through `format!` each cost a few hundred
//! instructions of formatting machinery (padding, argument tables) for a
//! dozen bytes.

use tidings_dump::Date;
use tidings_segment::Time;

/// Appends `HH:MM`, as `Time`'s `Display` writes it.
pub(crate) fn push_time(out: &mut String, time: Time) {
    match (fixed::<2>(time.hour.into()), fixed::<2>(time.minute.into())) {
        (Some(hour), Some(minute)) => {
            let mut stamp = *b"HH:MM";
            stamp[0..2].copy_from_slice(&hour);
            stamp[3..5].copy_from_slice(&minute);
            push_ascii(out, &stamp);
        }
        _ => push_time_padded(out, time),
    }
}

/// Appends `YYYY-MM-DDTHH:MM:00`, as `format!("{date}T{time}:00")` writes
/// it.
pub(crate) fn push_published(out: &mut String, date: Date, time: Time) {
    let fields = (
        fixed::<4>(date.year),
        fixed::<2>(date.month.into()),
        fixed::<2>(date.day.into()),
        fixed::<2>(time.hour.into()),
        fixed::<2>(time.minute.into()),
    );
    match fields {
        (Some(year), Some(month), Some(day), Some(hour), Some(minute)) => {
            let mut stamp = *b"YYYY-MM-DDTHH:MM:00";
            stamp[0..4].copy_from_slice(&year);
            stamp[5..7].copy_from_slice(&month);
            stamp[8..10].copy_from_slice(&day);
            stamp[11..13].copy_from_slice(&hour);
            stamp[14..16].copy_from_slice(&minute);
            push_ascii(out, &stamp);
        }
        // A field wider than its width (never a valid date or time).
        _ => {
            push_padded(out, date.year, 4);
            out.push('-');
            push_padded(out, date.month.into(), 2);
            out.push('-');
            push_padded(out, date.day.into(), 2);
            out.push('T');
            push_time_padded(out, time);
            out.push_str(":00");
        }
    }
}

/// `n` as exactly `N` decimal digits, zero-padded, or `None` if it has
/// more.
fn fixed<const N: usize>(n: u16) -> Option<[u8; N]> {
    let mut digits = [b'0'; N];
    let mut rest = n;
    for digit in digits.iter_mut().rev() {
        *digit = b'0' + (rest % 10) as u8;
        rest /= 10;
    }
    (rest == 0).then_some(digits)
}

fn push_ascii(out: &mut String, ascii: &[u8]) {
    // Digits and separators only: the check passes.
    if let Ok(text) = std::str::from_utf8(ascii) {
        out.push_str(text);
    }
}

fn push_time_padded(out: &mut String, time: Time) {
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

    fn time(time: Time) -> String {
        let mut out = String::new();
        push_time(&mut out, time);
        out
    }

    fn published(date: Date, time: Time) -> String {
        let mut out = String::new();
        push_published(&mut out, date, time);
        out
    }

    #[test]
    fn known_stamps() {
        let date = Date::new(2024, 11, 6).unwrap();
        let time = Time::new(4, 16).unwrap();
        assert_eq!(self::time(time), "04:16");
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
            prop_assert_eq!(self::time(time), time.to_string());
            prop_assert_eq!(published(date, time), format!("{date}T{time}:00"));
        }

        /// The same on the fixed-width path, which out-of-range values
        /// above mostly miss.
        #[test]
        fn same_as_display_within_widths(
            year in 0u16..10_000,
            month in 0u8..100,
            day in 0u8..100,
            hour in 0u8..100,
            minute in 0u8..100,
        ) {
            let date = Date { year, month, day };
            let time = Time { hour, minute };
            prop_assert_eq!(self::time(time), time.to_string());
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
