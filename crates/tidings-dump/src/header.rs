//! The optional ` date YYYY-MM-DD ` header at the start of line 1, as a nom 7
//! grammar:
//!
//! ```text
//! header = [ blanks ] "date" blanks date ( blanks | &line-end | EOF )
//! date   = 4*DIGIT "-" 2*DIGIT "-" 2*DIGIT      ; ASCII digits, exactly 4-2-2
//! blanks = 1*( " " | TAB )
//! ```

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while_m_n};
use nom::character::complete::{char, one_of, space0, space1};
use nom::combinator::{eof, peek, recognize};
use nom::sequence::tuple;
use nom::IResult;

use crate::{Date, DumpError, Header, Span};

/// The three digit groups of a `YYYY-MM-DD` date, not yet checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DateDigits<'a> {
    pub year: &'a str,
    pub month: &'a str,
    pub day: &'a str,
}

impl DateDigits<'_> {
    /// The date, when it exists.
    pub(crate) fn to_date(self) -> Option<Date> {
        Date::new(
            self.year.parse().ok()?,
            self.month.parse().ok()?,
            self.day.parse().ok()?,
        )
    }
}

fn digits<'a>(n: usize) -> impl FnMut(&'a str) -> IResult<&'a str, &'a str> {
    take_while_m_n(n, n, |c: char| c.is_ascii_digit())
}

/// `YYYY-MM-DD`, ASCII digits only.
pub(crate) fn date_digits(input: &str) -> IResult<&str, DateDigits<'_>> {
    let (rest, (year, _, month, _, day)) =
        tuple((digits(4), char('-'), digits(2), char('-'), digits(2)))(input)?;
    Ok((rest, DateDigits { year, month, day }))
}

/// What ends a header: blanks (consumed), or a line end / end of input (not
/// consumed).
fn header_end(input: &str) -> IResult<&str, &str> {
    alt((space1, recognize(peek(one_of("\r\n"))), eof))(input)
}

/// A header that has the right shape; offsets are relative to the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Shape<'a> {
    /// Offset of the first date digit.
    date_offset: usize,
    digits: DateDigits<'a>,
    /// The date as written.
    date_text: &'a str,
    /// Length of the whole header, trailing blanks included.
    len: usize,
}

fn shape(input: &str) -> IResult<&str, Shape<'_>> {
    let (at_date, _) = tuple((space0, tag("date"), space1))(input)?;
    let (after_date, digits) = date_digits(at_date)?;
    let (rest, _) = header_end(after_date)?;
    let date_offset = input.len() - at_date.len();
    let date_len = at_date.len() - after_date.len();
    let shape = Shape {
        date_offset,
        digits,
        date_text: &at_date[..date_len],
        len: input.len() - rest.len(),
    };
    Ok((rest, shape))
}

/// Parses the header at `text[start..]` (`start` is just after the BOM, if
/// any). `Ok(None)` when line 1 does not have the header's shape.
pub(crate) fn parse_header(text: &str, start: usize) -> Result<Option<Header>, DumpError> {
    let Some(input) = text.get(start..) else {
        return Ok(None);
    };
    let Ok((_, shape)) = shape(input) else {
        return Ok(None);
    };
    match shape.digits.to_date() {
        Some(date) => Ok(Some(Header {
            date,
            span: Span {
                start,
                end: start + shape.len,
            },
        })),
        None => Err(DumpError::InvalidDate {
            line: 1,
            offset: start + shape.date_offset,
            found: shape.date_text.to_owned(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(text: &str) -> Result<Option<Header>, DumpError> {
        parse_header(text, 0)
    }

    fn date(y: u16, m: u8, d: u8) -> Date {
        Date::new(y, m, d).unwrap()
    }

    #[test]
    fn the_seed_shape() {
        let h = header(" date 2024-11-05 Ukraine-Russia latest")
            .unwrap()
            .unwrap();
        assert_eq!(h.date, date(2024, 11, 5));
        assert_eq!(h.span, Span { start: 0, end: 17 });
    }

    #[test]
    fn leading_blanks_are_optional_and_may_be_tabs() {
        let h = header("date 2024-10-22 Text").unwrap().unwrap();
        assert_eq!(h.span, Span { start: 0, end: 16 });
        let h = header("\t \tdate\t2024-10-22\t\tText").unwrap().unwrap();
        assert_eq!(h.span, Span { start: 0, end: 20 });
        assert_eq!(h.date, date(2024, 10, 22));
    }

    #[test]
    fn header_may_end_the_line_or_the_input() {
        assert_eq!(
            header(" date 2024-10-22").unwrap().unwrap().span,
            Span { start: 0, end: 16 }
        );
        assert_eq!(
            header(" date 2024-10-22\nnext").unwrap().unwrap().span,
            Span { start: 0, end: 16 }
        );
        assert_eq!(
            header(" date 2024-10-22\r\nnext").unwrap().unwrap().span,
            Span { start: 0, end: 16 }
        );
        assert_eq!(
            header(" date 2024-10-22\rnext").unwrap().unwrap().span,
            Span { start: 0, end: 16 }
        );
        // Trailing blanks before the line end belong to the header.
        assert_eq!(
            header(" date 2024-10-22   \nnext").unwrap().unwrap().span,
            Span { start: 0, end: 19 }
        );
    }

    #[test]
    fn header_after_a_bom_starts_at_the_given_offset() {
        let text = "\u{feff} date 2024-11-05 Text";
        let h = parse_header(text, 3).unwrap().unwrap();
        assert_eq!(h.span, Span { start: 3, end: 20 });
    }

    #[test]
    fn ordinary_first_lines_have_no_header() {
        for text in [
            "",
            "Ukraine-Russia latest",
            "date night is when we talk",
            "date",
            "date ",
            "date\n2024-11-05",
            "Date 2024-11-05 Text",
            "DATE 2024-11-05 Text",
            "dated 2024-11-05 Text",
            "date2024-11-05 Text",
            "date 2024-11-05Text",
            "date 2024-11-051 Text",
            "date 2024-11-5 Text",
            "date 24-11-05 Text",
            "date 2024/11/05 Text",
            "date 2024-11-05: Text",
            "x date 2024-11-05 Text",
            "\u{a0}date 2024-11-05 Text",
            "date\u{a0}2024-11-05 Text",
            "date ２０２４-11-05 Text",
        ] {
            assert_eq!(header(text), Ok(None), "{text:?}");
        }
    }

    #[test]
    fn impossible_dates_are_errors() {
        assert_eq!(
            header(" date 2024-13-40 Text"),
            Err(DumpError::InvalidDate {
                line: 1,
                offset: 6,
                found: "2024-13-40".into()
            })
        );
        assert_eq!(
            header("date 2023-02-29"),
            Err(DumpError::InvalidDate {
                line: 1,
                offset: 5,
                found: "2023-02-29".into()
            })
        );
        assert_eq!(
            parse_header("\u{feff}\tdate  2024-00-10\n", 3),
            Err(DumpError::InvalidDate {
                line: 1,
                offset: 10,
                found: "2024-00-10".into()
            })
        );
        assert!(header("date 2024-02-29 leap").unwrap().is_some());
        // Without the shape there is no header, so no date check either.
        assert_eq!(header("date 2024-13-40x"), Ok(None));
        assert_eq!(header("a date 2024-13-40"), Ok(None));
    }
}
