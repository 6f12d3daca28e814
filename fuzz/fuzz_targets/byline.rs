//! arbitrary text → the byline and time-stamp parsers of `tidings_segment`:
//! `parse_byline`, `split_stamp` (both ways), `clock`, `date`, `epoch`
//! (and `month`, `has_four_digit_stamp`, `is_person_name`).
//! Every slice they return lies inside the input, nom remainders are
//! suffixes of it, and every time and date they return exists.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tidings_dump::Date;
use tidings_segment::{
    clock, date, epoch, has_four_digit_stamp, is_person_name, month, parse_byline, split_stamp,
    Byline, Time,
};

fuzz_target!(|data: &[u8]| {
    let s = utf8_prefix(data);

    if let Some(byline) = parse_byline(s) {
        check_byline(s, &byline);
    }
    for four_digit in [false, true] {
        if let Some((byline, rest)) = split_stamp(s, four_digit) {
            check_byline(s, &byline);
            assert!(!rest.is_empty(), "split_stamp leaves a post");
            check_rest(s, rest);
            assert!(byline.time.is_some(), "a split stamp has a time");
        }
    }
    if let Ok((rest, c)) = clock(s) {
        check_rest(s, rest);
        check_time(c.time);
        if let Some(zone) = c.zone {
            check_within(s, zone);
        }
    }
    if let Ok((rest, d)) = date(s) {
        check_rest(s, rest);
        check_date(d);
    }
    if let Ok((rest, (d, t))) = epoch(s) {
        check_rest(s, rest);
        check_date(d);
        check_time(t);
    }
    if let Ok((rest, m)) = month(s) {
        check_rest(s, rest);
        assert!((1..=12).contains(&m), "month {m}");
    }
    let _ = has_four_digit_stamp(s);
    let _ = is_person_name(s);
});

fn check_byline(input: &str, byline: &Byline<'_>) {
    if let Some(author) = byline.author {
        check_within(input, author);
        assert!(!author.is_empty(), "empty author in {byline:?}");
    }
    if let Some(zone) = byline.zone {
        check_within(input, zone);
    }
    if let Some(time) = byline.time {
        check_time(time);
    }
    if let Some(date) = byline.date {
        check_date(date);
    }
}

/// `part` is a sub-slice of `input` (same buffer, in bounds).
fn check_within(input: &str, part: &str) {
    let start = input.as_ptr() as usize;
    let end = start + input.len();
    let p = part.as_ptr() as usize;
    assert!(
        p >= start && p + part.len() <= end,
        "{part:?} is not a slice of {input:?}"
    );
}

/// A parser's remainder is a proper suffix of its input: it consumed
/// something and returned the rest.
fn check_rest(input: &str, rest: &str) {
    check_within(input, rest);
    assert!(rest.len() < input.len(), "a parser succeeded on nothing");
    assert_eq!(
        rest.as_ptr() as usize + rest.len(),
        input.as_ptr() as usize + input.len(),
        "{rest:?} is not a suffix of {input:?}"
    );
}

fn check_time(time: Time) {
    assert!(time.hour < 24 && time.minute < 60, "{time:?}");
    assert_eq!(Time::new(time.hour, time.minute), Some(time));
    assert_eq!(time.to_string().len(), 5);
}

fn check_date(date: Date) {
    assert_eq!(
        Date::new(date.year, date.month, date.day),
        Some(date),
        "{date:?}"
    );
}

/// The longest valid UTF-8 prefix of `data`.
fn utf8_prefix(data: &[u8]) -> &str {
    match std::str::from_utf8(data) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&data[..e.valid_up_to()]).unwrap_or_default(),
    }
}
