//! The article a page holds: pieces of its lines, with roles.

use crate::byline::Byline;

/// What a piece of a line is in its article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// The page's title.
    Title,
    /// The line under the title that sums the story up.
    Standfirst,
    /// A lede paragraph before the first entry.
    Summary,
    /// A heading such as `Key events` that introduces a list. Not content.
    ListHeading,
    /// An item of a key-points list.
    KeyPoint,
    /// A bullet or number alone on its line. Not content.
    Marker,
    /// An entry's headline.
    Headline,
    /// A second headline that restates the one above it (a deck). Not
    /// content.
    AltHeadline,
    /// An entry's byline or time stamp.
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
            Role::ListHeading => "list-heading",
            Role::KeyPoint => "key-point",
            Role::Marker => "marker",
            Role::Headline => "headline",
            Role::AltHeadline => "alt-headline",
            Role::Byline => "byline",
            Role::Body => "body",
        }
    }

    /// Is text in this role part of the article's content? Bylines are
    /// metadata; list headings, markers and decks are set aside.
    pub fn is_content(self) -> bool {
        !matches!(
            self,
            Role::ListHeading | Role::Marker | Role::AltHeadline | Role::Byline
        )
    }
}

/// Where a page prints its bylines and time stamps relative to each entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BylinePlacement {
    /// Before the headline: the stamp opens the entry.
    Leading,
    /// Between headline and body.
    Between,
    /// After the body: the byline closes the entry.
    Closing,
}

/// A piece of a line: all of it, or what is left once a time stamp, a
/// label or a list marker is taken off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece<'a> {
    /// Index of the line in the slice given to [`segment`](crate::segment).
    pub line: usize,
    /// The text, a slice of that line.
    pub text: &'a str,
}

/// A piece, its role, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part<'a> {
    /// The text the role applies to.
    pub piece: Piece<'a>,
    /// The role.
    pub role: Role,
    /// The feature or rule that decided it, for explain views.
    pub reason: &'static str,
    /// Index of the entry it belongs to, if any.
    pub entry: Option<usize>,
}

/// One post of the live blog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry<'a> {
    /// The headline.
    pub headline: Option<Piece<'a>>,
    /// The byline or time stamp, and what it says.
    pub byline: Option<(Piece<'a>, Byline<'a>)>,
    /// The body paragraphs, in order.
    pub body: Vec<Piece<'a>>,
    /// First line index of the entry.
    pub first_line: usize,
    /// Last line index of the entry, inclusive.
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
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Article<'a> {
    /// The title.
    pub title: Option<Piece<'a>>,
    /// The standfirst.
    pub standfirst: Option<Piece<'a>>,
    /// Lede paragraphs before the first entry.
    pub summary: Vec<Piece<'a>>,
    /// Items of key-point lists.
    pub key_points: Vec<Piece<'a>>,
    /// The posts, in page order.
    pub entries: Vec<Entry<'a>>,
    /// Every piece of every line, in order, with its role: the explain
    /// view. A line has one part, or two when a stamp was glued to it.
    pub parts: Vec<Part<'a>>,
    /// How this page places its bylines, when it has any.
    pub byline_placement: Option<BylinePlacement>,
}
