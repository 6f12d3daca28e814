//! The article a page holds, as indices into the page's lines.

use crate::byline::Byline;

/// What a line is in its article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// The page's title.
    Title,
    /// The line under the title that sums the story up.
    Standfirst,
    /// A lede paragraph before the first entry.
    Summary,
    /// An item of a key-points list.
    KeyPoint,
    /// An entry's headline.
    Headline,
    /// A second headline that restates the one above it (a deck or an
    /// alternative title). Not content: reported, not kept.
    AltHeadline,
    /// An entry's byline: author, date, time.
    Byline,
    /// A paragraph of an entry.
    Body,
}

impl Role {
    /// Lowercase name, as shown by explain views.
    pub fn name(self) -> &'static str {
        match self {
            Role::Title => "title",
            Role::Standfirst => "standfirst",
            Role::Summary => "summary",
            Role::KeyPoint => "key-point",
            Role::Headline => "headline",
            Role::AltHeadline => "alt-headline",
            Role::Byline => "byline",
            Role::Body => "body",
        }
    }

    /// Is text in this role part of the article's content?
    pub fn is_content(self) -> bool {
        !matches!(self, Role::AltHeadline | Role::Byline)
    }
}

/// Where a page prints its bylines relative to each entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BylinePlacement {
    /// Before the headline: the byline opens the entry.
    Leading,
    /// Between headline and body.
    Between,
    /// After the body: the byline closes the entry.
    Closing,
}

/// A role and why it was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    /// The line's role.
    pub role: Role,
    /// The feature or rule that decided it, for explain views.
    pub reason: &'static str,
}

/// One post of the live blog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry<'a> {
    /// Index of the headline line.
    pub headline: Option<usize>,
    /// Index of the byline line, and what it says.
    pub byline: Option<(usize, Byline<'a>)>,
    /// Indices of the body paragraphs, in order.
    pub body: Vec<usize>,
    /// First and last line index of the entry, inclusive.
    pub first_line: usize,
    /// See [`Entry::first_line`].
    pub last_line: usize,
}

impl Default for Entry<'_> {
    /// An entry with no lines yet.
    fn default() -> Self {
        Entry {
            headline: None,
            byline: None,
            body: Vec::new(),
            first_line: usize::MAX,
            last_line: 0,
        }
    }
}

impl Entry<'_> {
    pub(crate) fn is_empty(&self) -> bool {
        self.headline.is_none() && self.byline.is_none() && self.body.is_empty()
    }

    /// Widens the entry's line range to cover `line`.
    pub(crate) fn touch(&mut self, line: usize) {
        self.first_line = self.first_line.min(line);
        self.last_line = self.last_line.max(line);
    }
}

/// A page's lines, arranged.
///
/// Every field refers to lines by their index in the slice given to
/// [`segment`](crate::segment). Every line has exactly one [`Decision`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Article<'a> {
    /// Index of the title line.
    pub title: Option<usize>,
    /// Index of the standfirst line.
    pub standfirst: Option<usize>,
    /// Lede paragraphs before the first entry.
    pub summary: Vec<usize>,
    /// Items of key-point lists.
    pub key_points: Vec<usize>,
    /// The posts, in page order.
    pub entries: Vec<Entry<'a>>,
    /// One per line.
    pub decisions: Vec<Decision>,
    /// How this page places its bylines, when it has any.
    pub byline_placement: Option<BylinePlacement>,
}
