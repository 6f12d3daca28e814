//! Turn the kept lines of a live-blog page into an article.
//!
//! A live blog is a page title, a standfirst under it, a few lede
//! paragraphs (the summary), sometimes a list of key points, and then the
//! entries (posts): each a headline, a byline or time stamp, and body
//! paragraphs. Scraped pages lose the markup that said which line is
//! which, so this crate reads it back from the text, as a careful reader
//! would:
//!
//! 1. **Each line alone** becomes one or two tokens: a byline or time stamp
//!    in any of the shapes publishers print ([`parse_byline`]; a stamp glued
//!    to the start of a post is split off by [`split_stamp`]), a list
//!    heading, a bullet, a numbered item, a headline-like line
//!    ([`Features`]) or a paragraph. `BREAKING:` labels and post numbers
//!    are taken off.
//! 2. **The top of the page** gives title and standfirst; **lists** under
//!    headings such as `Key events` give key points.
//! 3. **In context**, a Viterbi pass with hand-set, commented scores gives
//!    every other token a role (summary, headline, deck, byline, body),
//!    under each possible [`BylinePlacement`]; the page's placement is the
//!    one that explains it best.
//! 4. **Entries** are assembled in one pass.
//!
//! [`segment`] returns an [`Article`] whose pieces are slices of the input
//! lines, so nothing is copied, and whose [`Article::parts`] say for every
//! piece its [`Role`] and why. [`segment_with`] can leave the parts out
//! when nobody will read them.
//!
//! # Example
//!
//! ```
//! use tidings_segment::{segment, BylinePlacement, Role};
//!
//! let page = [
//!     "Ukraine-Russia war latest: Kyiv under drone attack",
//!     "Air defences active over the capital, says mayor",
//!     "Ukraine is repelling a second wave of overnight attacks.",
//!     "Germany pledges €200m in winter aid for Ukraine",
//!     "Germany will give Ukraine another €200m in aid, its foreign minister said.",
//!     "Arpan Rai6 November 2024 04:16",
//!     "UN chief ‘very concerned’ about North Korean troops",
//!     "Tom Watling6 November 2024 03:00",
//! ];
//! let article = segment(&page);
//! assert_eq!(article.title.unwrap().text, page[0]);
//! assert_eq!(article.standfirst.unwrap().line, 1);
//! assert_eq!(article.summary[0].line, 2);
//! assert_eq!(article.byline_placement, Some(BylinePlacement::Closing));
//!
//! let entry = &article.entries[0];
//! assert_eq!(entry.headline.unwrap().line, 3);
//! assert_eq!(entry.body.len(), 1);
//! let (piece, byline) = entry.byline.unwrap();
//! assert_eq!(piece.line, 5);
//! assert_eq!(byline.author, Some("Arpan Rai"));
//! assert_eq!(byline.time.unwrap().to_string(), "04:16");
//! assert_eq!(article.parts[5].role, Role::Byline);
//! ```

#![warn(missing_docs)]

mod article;
mod byline;
mod decode;
mod features;
mod restate;
mod tokens;
mod viterbi;

pub use article::{Article, BylinePlacement, Entry, Part, Piece, Role};
pub use byline::{
    clock, date, epoch, has_four_digit_stamp, is_person_name, month, parse_byline, split_stamp,
    split_trailing_stamp, Byline, Clock, Time,
};
pub use features::{Ending, Features, MAX_HEADLINE_CHARS, MAX_HEADLINE_WORDS};

/// Knobs for [`segment_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SegmentOptions {
    /// Record [`Article::parts`], the role and reason of every piece. On by
    /// default. They are the explain view and nothing else reads them: a
    /// caller that only wants the entries turns them off, and the article
    /// of a page then takes 64 bytes less per line.
    pub parts: bool,
}

impl Default for SegmentOptions {
    fn default() -> Self {
        SegmentOptions { parts: true }
    }
}

/// Arranges a page's lines into an [`Article`], with its parts.
///
/// `lines` are the page's content lines in order: normalised, non-blank,
/// with boilerplate already removed.
pub fn segment<'a, S: AsRef<str> + ?Sized>(lines: &[&'a S]) -> Article<'a> {
    segment_with(lines, SegmentOptions::default())
}

/// Arranges a page's lines into an [`Article`], as [`segment`] does; with
/// `options.parts` off, [`Article::parts`] is left empty and everything
/// else is the same.
///
/// ```
/// use tidings_segment::{segment, segment_with, SegmentOptions};
///
/// let page = [
///     "Storm live: power cut to 80,000 homes",
///     "Crews expect to restore most customers by Friday.",
///     "Jane Smith6 November 2024 04:16",
/// ];
/// let lean = segment_with(&page, SegmentOptions { parts: false });
/// assert!(lean.parts.is_empty());
/// let full = segment(&page);
/// assert_eq!(full.parts.len(), 3);
/// assert_eq!(lean.entries, full.entries);
/// ```
pub fn segment_with<'a, S: AsRef<str> + ?Sized>(
    lines: &[&'a S],
    options: SegmentOptions,
) -> Article<'a> {
    decode::decode(lines, options)
}
