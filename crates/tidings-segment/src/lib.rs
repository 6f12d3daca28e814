//! Turn the kept lines of a live-blog page into an article.
//!
//! A live blog is a page title, a standfirst under it, a few lede
//! paragraphs (the summary), sometimes a list of key points, and then the
//! entries (posts): each a headline, a byline with author and time, and
//! body paragraphs. Scraped pages lose the markup that said which line is
//! which, so this crate reads it back from the text, as a careful reader
//! would.
//!
//! [`segment`] gives every line a [`Role`] with the reason for it, and
//! returns an [`Article`] that refers to lines by index, so nothing is
//! copied. Lines are read first on their own ([`Features`], [`parse_byline`])
//! and then in context: the top of the page gives title and standfirst; a
//! headline-like line that restates the headline above it is an
//! alternative headline; the page's [`BylinePlacement`] is decided once
//! from all its bylines; and the entries are assembled in one pass.
//!
//! # Example
//!
//! ```
//! use tidings_segment::{segment, Role};
//!
//! let page = [
//!     "Ukraine-Russia war latest: Kyiv under drone attack",
//!     "Air defences active over the capital, says mayor",
//!     "Ukraine is repelling a second wave of overnight attacks.",
//!     "Germany pledges €200m in winter aid for Ukraine",
//!     "Germany will give Ukraine another €200m in aid, its foreign minister said.",
//!     "Arpan Rai6 November 2024 04:16",
//! ];
//! let article = segment(&page);
//! assert_eq!(article.title, Some(0));
//! assert_eq!(article.standfirst, Some(1));
//! assert_eq!(article.summary, [2]);
//!
//! let entry = &article.entries[0];
//! assert_eq!(entry.headline, Some(3));
//! assert_eq!(entry.body, [4]);
//! let (line, byline) = entry.byline.unwrap();
//! assert_eq!(article.decisions[line].role, Role::Byline);
//! assert_eq!(byline.author, Some("Arpan Rai"));
//! assert_eq!(byline.time.unwrap().to_string(), "04:16");
//! ```

#![warn(missing_docs)]

mod article;
mod byline;
mod decode;
mod features;

pub use article::{Article, BylinePlacement, Decision, Entry, Role};
pub use byline::{
    clock, date, epoch, has_four_digit_stamp, is_person_name, month, parse_byline, split_stamp,
    Byline, Clock, Time,
};
pub use features::{Ending, Features, MAX_HEADLINE_CHARS, MAX_HEADLINE_WORDS};

/// Arranges a page's lines into an [`Article`].
///
/// `lines` are the page's content lines in order: normalised, non-blank,
/// with boilerplate already removed.
pub fn segment<'a, S: AsRef<str> + ?Sized>(lines: &[&'a S]) -> Article<'a> {
    decode::decode(lines)
}
