//! From tokens to an article: the top of the page, key-point lists, the
//! sequence decoder, and entry assembly.

use crate::article::{Article, BylinePlacement, Entry, Part, Piece, Role};
use crate::byline::Byline;
use crate::restate::{restates, Restatements};
use crate::tokens::{tokenize, Kind, Token, Tokens};
use crate::viterbi::{self, Evidence, Place, A, B, H, S, T, Y};
use crate::SegmentOptions;

/// Words that, in a first headline-like line, say it is the page title of
/// a live blog rather than the headline of a post.
const TITLE_CUES: &[&str] = &[
    "live",
    "latest",
    "updates",
    "as it happened",
    "rolling coverage",
];

/// Longest standfirst that ends like a sentence, in words.
const MAX_SENTENCE_STANDFIRST_WORDS: usize = 40;

/// A rule that decides a token's role before the sequence decoder runs.
/// One byte a token, where the role and reason it stands for take 24.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    StrayMarker,
    StrayListHeading,
    GluedStamp,
    TitleOverStandfirst,
    Standfirst,
    TitleHeadingPage,
    KeyPointsHeading,
    ListItem,
    LoneMarker,
    ItemAfterLoneMarker,
    SecondStamp,
    UnmarkedListItem,
}

impl Rule {
    fn role(self) -> Role {
        match self {
            Rule::StrayMarker | Rule::LoneMarker => Role::Marker,
            Rule::StrayListHeading | Rule::KeyPointsHeading => Role::ListHeading,
            Rule::GluedStamp | Rule::SecondStamp => Role::Byline,
            Rule::TitleOverStandfirst | Rule::TitleHeadingPage => Role::Title,
            Rule::Standfirst => Role::Standfirst,
            Rule::ListItem | Rule::ItemAfterLoneMarker | Rule::UnmarkedListItem => Role::KeyPoint,
        }
    }

    /// Why, for explain views.
    fn reason(self) -> &'static str {
        match self {
            Rule::StrayMarker => "a list marker outside a list",
            Rule::StrayListHeading => "a list heading with no list under it",
            Rule::GluedStamp => "a time stamp glued to its post",
            Rule::TitleOverStandfirst => "first line, headline-like, over a standfirst",
            Rule::Standfirst => "the line under the title",
            Rule::TitleHeadingPage => "first line, headline-like, heading the page",
            Rule::KeyPointsHeading => "a heading that introduces key points",
            Rule::ListItem => "a list item under a list heading",
            Rule::LoneMarker => "a list marker alone on its line",
            Rule::ItemAfterLoneMarker => "the item after a lone list marker",
            Rule::SecondStamp => "a second stamp completing the entry's byline",
            Rule::UnmarkedListItem => "a line of an unmarked list under a list heading",
        }
    }
}

/// A role decided before the sequence decoder runs.
type Fixed = Option<Rule>;

pub(crate) fn decode<'a, L: AsRef<str> + ?Sized>(
    lines: &[&'a L],
    options: SegmentOptions,
) -> Article<'a> {
    let tokens = tokenize(lines);
    let list = tokens.list.as_slice();
    let mut fixed: Vec<Fixed> = vec![None; list.len()];
    let start = top_of_page(list, &mut fixed);
    key_point_lists(list, start, &mut fixed);
    for (token, rule) in list.iter().zip(fixed.iter_mut()) {
        if rule.is_none() && token.kind == Kind::Marker {
            *rule = Some(Rule::StrayMarker);
        }
        if rule.is_none() && token.kind == Kind::ListHeading {
            *rule = Some(Rule::StrayListHeading);
        }
    }

    for (token, rule) in list.iter().zip(fixed.iter_mut()) {
        if token.glued && rule.is_none() {
            *rule = Some(Rule::GluedStamp);
        }
    }
    second_stamps(&tokens, &mut fixed);

    let has_stamps = list
        .iter()
        .zip(&fixed)
        .any(|(token, rule)| rule.is_none() && token.kind == Kind::Stamp);
    let (placement, path) = viterbi::decode(&evidence(list, &fixed), has_stamps);
    assemble(&tokens, &fixed, &path, placement, options.parts)
}

/// What the decoder reads of each token whose role is still open (it sees
/// no other).
fn evidence(tokens: &[Token<'_>], fixed: &[Fixed]) -> Vec<Evidence> {
    let mut evidence = Vec::with_capacity(fixed.iter().filter(|rule| rule.is_none()).count());
    let mut restatements = Restatements::default();
    let mut previous: Option<(usize, &Token<'_>)> = None;
    for (i, token) in tokens.iter().enumerate() {
        if fixed[i].is_some() {
            continue;
        }
        // A deck restates a headline: only pairs of headline-like tokens
        // are compared (the comparison is the decoder's costliest step, so
        // it is not run on paragraphs).
        let restates_previous = token.headline_like()
            && previous.is_some_and(|(p, prev)| {
                prev.headline_like() && restatements.restates((p, prev.text), (i, token.text))
            });
        let place = if i == 0 {
            Place::First {
                cued: has_title_cue(token.text),
            }
        } else {
            Place::Later
        };
        evidence.push(Evidence::of(token, restates_previous, place));
        previous = Some((i, token));
    }
    evidence
}

/// Title and standfirst; returns the index of the first token after them.
fn top_of_page(tokens: &[Token<'_>], fixed: &mut [Fixed]) -> usize {
    let kind = |i: usize| tokens.get(i).map(|t| t.kind);
    let headline_like = |i: usize| kind(i) == Some(Kind::HeadlineLike);
    let is_stamp = |i: usize| kind(i) == Some(Kind::Stamp);
    let opens_list = |i: usize| {
        matches!(
            kind(i),
            Some(Kind::ListHeading | Kind::Bullet | Kind::Marker)
        )
    };
    if !headline_like(0) {
        return 0;
    }
    let cued = has_title_cue(tokens[0].text);
    // Two headline-like lines: a title and its standfirst. Unless the second
    // is a post's headline whose stamp and body follow (a byline between
    // headline and body), or a deck restating the first.
    let post_follows = is_stamp(2) && kind(3) == Some(Kind::Paragraph);
    let stacked = headline_like(1) && !post_follows && !restates(tokens[0].text, tokens[1].text);
    // A sentence under the title, then a list or a stamp: a standfirst
    // that ends in a full stop (`…; FTSE 100 slips.`).
    let sentence_standfirst = kind(1) == Some(Kind::Paragraph)
        && usize::from(tokens[1].words) <= MAX_SENTENCE_STANDFIRST_WORDS
        && opens_list(2);
    if stacked || sentence_standfirst {
        fixed[0] = Some(Rule::TitleOverStandfirst);
        fixed[1] = Some(Rule::Standfirst);
        return 2;
    }
    // A title alone: it heads a list, a stamped post, or says it is a live page.
    let heads_something = opens_list(1) || (is_stamp(1) && kind(2).is_some());
    if heads_something || (cued && kind(1) == Some(Kind::Paragraph)) {
        fixed[0] = Some(Rule::TitleHeadingPage);
        return 1;
    }
    0
}

/// Items under list headings, and bullets right under the title.
fn key_point_lists(tokens: &[Token<'_>], start: usize, fixed: &mut [Fixed]) {
    let mut i = 0;
    while i < tokens.len() {
        let heading = tokens[i].kind == Kind::ListHeading;
        let top_bullets = i == start
            && tokens[i].kind == Kind::Bullet
            && tokens.get(i + 1).is_some_and(|t| t.kind == Kind::Bullet);
        if !heading && !top_bullets {
            i += 1;
            continue;
        }
        let mut j = i;
        if heading {
            fixed[i] = Some(Rule::KeyPointsHeading);
            j += 1;
        }
        let marked = matches!(
            tokens.get(j).map(|t| t.kind),
            Some(Kind::Bullet | Kind::Numbered | Kind::Marker)
        );
        if heading && !marked {
            j = unmarked_items(tokens, j, fixed);
        }
        loop {
            match tokens.get(j).map(|t| t.kind) {
                Some(Kind::Bullet | Kind::Numbered) => {
                    fixed[j] = Some(Rule::ListItem);
                    j += 1;
                }
                Some(Kind::Marker)
                    if tokens.get(j + 1).is_some_and(|t| {
                        !matches!(t.kind, Kind::Stamp | Kind::Marker | Kind::ListHeading)
                    }) =>
                {
                    fixed[j] = Some(Rule::LoneMarker);
                    fixed[j + 1] = Some(Rule::ItemAfterLoneMarker);
                    j += 2;
                }
                _ => break,
            }
        }
        i = j.max(i + 1);
    }
}

/// A stamp that completes the stamp just before it (`[Updated 11:11 p.m.
/// ET]`, a headline, then `From CNN's Rachel Kwan`) belongs to the same
/// byline; the decoder should not read it as a second entry boundary.
fn second_stamps(tokens: &Tokens<'_>, fixed: &mut [Fixed]) {
    let mut last: Option<(usize, Byline<'_>)> = None;
    for (j, token) in tokens.list.iter().enumerate() {
        if fixed[j].is_some() {
            continue;
        }
        if token.kind == Kind::Stamp {
            let byline = tokens.byline(j);
            if let Some((i, first)) = last {
                let between = &tokens.list[i + 1..j];
                let close = between.len() <= 1 && between.iter().all(Token::headline_like);
                if close && complements(&first, &byline) {
                    fixed[j] = Some(Rule::SecondStamp);
                    last = None;
                    continue;
                }
            }
            last = Some((j, byline));
        } else if !token.headline_like() {
            last = None;
        }
    }
}

/// Most items taken from a list whose lines carry no marker.
const MAX_UNMARKED_ITEMS: usize = 12;

/// Items of a list under a heading but without markers (`List of key
/// events`, then one plain line per item): the lines up to the first post
/// stamp. Without a stamp close below, the list's end cannot be told from
/// the posts, so nothing is taken. Returns the index after the items.
fn unmarked_items(tokens: &[Token<'_>], start: usize, fixed: &mut [Fixed]) -> usize {
    let stamp = tokens[start..]
        .iter()
        .take(MAX_UNMARKED_ITEMS + 1)
        .position(|t| matches!(t.kind, Kind::Stamp | Kind::ListHeading));
    let Some(len) = stamp.filter(|&n| n > 0) else {
        return start;
    };
    if tokens[start + len].kind != Kind::Stamp {
        return start;
    }
    for rule in &mut fixed[start..start + len] {
        *rule = Some(Rule::UnmarkedListItem);
    }
    start + len
}

/// Does a headline-like line say it is a live page's title?
fn has_title_cue(text: &str) -> bool {
    let lower = text.to_lowercase();
    TITLE_CUES.iter().any(|cue| contains_word(&lower, cue))
}

fn contains_word(haystack: &str, word: &str) -> bool {
    haystack.match_indices(word).any(|(at, _)| {
        let before = haystack[..at].chars().next_back();
        let after = haystack[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Builds the article from the roles, in one pass over the tokens.
struct Assembly<'a> {
    article: Article<'a>,
    /// Whether `article.parts` is kept (see [`SegmentOptions::parts`]).
    record_parts: bool,
    current: Option<Entry<'a>>,
    /// The body of `current`, gathered here and copied into it when it
    /// closes: one allocation of the right size per entry, where a vector
    /// in the entry would grow as it fills and shrink when kept.
    body: Vec<Piece<'a>>,
    placement: Option<BylinePlacement>,
    /// A stamp glued to the next token's line, waiting to open its entry:
    /// the stamp, what it says, and the index of its part, if recorded.
    glued: Option<(Piece<'a>, Byline<'a>, Option<usize>)>,
    /// The current entry was opened by a glued stamp and holds nothing
    /// else yet: the token on its line must not close it.
    fresh: bool,
}

/// Does `second` add what `first` lacks, without contradicting it?
fn complements(first: &Byline<'_>, second: &Byline<'_>) -> bool {
    let adds = first.author.is_none() && second.author.is_some()
        || first.time.is_none() && second.time.is_some()
        || first.date.is_none() && second.date.is_some();
    let clashes = first.author.is_some() && second.author.is_some()
        || first.time.is_some() && second.time.is_some();
    adds && !clashes
}

fn fill<'a>(first: &mut Byline<'a>, second: &Byline<'a>) {
    first.author = first.author.or(second.author);
    first.time = first.time.or(second.time);
    first.date = first.date.or(second.date);
    first.zone = first.zone.or(second.zone);
}

impl<'a> Assembly<'a> {
    /// Records a part, in the entry being built when `in_entry`.
    fn part(
        &mut self,
        token: &Token<'a>,
        text: &'a str,
        role: Role,
        reason: &'static str,
        in_entry: bool,
    ) -> Option<usize> {
        let entry = in_entry.then_some(self.article.entries.len());
        self.part_of(token, text, role, reason, entry)
    }

    /// Records a part of entry `entry`; returns its index, or `None` when
    /// parts are not kept.
    fn part_of(
        &mut self,
        token: &Token<'a>,
        text: &'a str,
        role: Role,
        reason: &'static str,
        entry: Option<usize>,
    ) -> Option<usize> {
        if !self.record_parts {
            return None;
        }
        self.article.parts.push(Part {
            piece: Piece {
                line: token.line,
                text,
            },
            role,
            reason,
            entry,
        });
        Some(self.article.parts.len() - 1)
    }

    fn close(&mut self) {
        if let Some(mut entry) = self.current.take() {
            // Exactly as long as it needs: the article is kept while it is
            // exported. (An empty body allocates nothing.)
            entry.body = self.body.to_vec();
            self.body.clear();
            if !entry.is_empty() {
                self.article.entries.push(entry);
            }
        }
    }

    fn entry(&mut self) -> &mut Entry<'a> {
        self.current.get_or_insert_with(Entry::default)
    }

    /// Adds a completing stamp to the byline of the entry being built, or
    /// of the last one.
    fn merge_byline(&mut self, token: &Token<'a>, byline: Byline<'a>, reason: &'static str) {
        let entry = match self.current.as_mut() {
            Some(entry) => Some(entry),
            None => self.article.entries.last_mut(),
        };
        if let Some(entry) = entry {
            match entry.byline.as_mut() {
                Some((_, first)) => fill(first, &byline),
                None => {
                    entry.byline = Some((
                        Piece {
                            line: token.line,
                            text: token.text,
                        },
                        byline,
                    ))
                }
            }
            entry.touch(token.line);
        }
        let index = match self.current {
            Some(_) => Some(self.article.entries.len()),
            None => self.article.entries.len().checked_sub(1),
        };
        self.part_of(token, token.text, Role::Byline, reason, index);
    }

    /// Opens the entry of a glued stamp, for the token on its line.
    fn open_glued(&mut self) {
        if let Some((piece, byline, part)) = self.glued.take() {
            self.close();
            let entry = self.entry();
            entry.byline = Some((piece, byline));
            entry.touch(piece.line);
            let index = self.article.entries.len();
            if let Some(part) = part.and_then(|i| self.article.parts.get_mut(i)) {
                part.entry = Some(index);
            }
            self.fresh = true;
        }
    }

    fn headline(&mut self, token: &Token<'a>) {
        let keep_open = std::mem::take(&mut self.fresh)
            || self.placement == Some(BylinePlacement::Leading)
                && self
                    .current
                    .as_ref()
                    .is_some_and(|e| e.headline.is_none() && self.body.is_empty());
        if !keep_open {
            self.close();
        }
        let piece = Piece {
            line: token.line,
            text: token.text,
        };
        let entry = self.entry();
        entry.headline = Some(piece);
        entry.touch(token.line);
        self.part(
            token,
            token.text,
            Role::Headline,
            "headline (decoded in context)",
            true,
        );
    }

    fn body(&mut self, token: &Token<'a>) {
        let piece = Piece {
            line: token.line,
            text: token.full,
        };
        self.entry().touch(token.line);
        self.body.push(piece);
        self.part(
            token,
            token.full,
            Role::Body,
            "body paragraph (decoded in context)",
            true,
        );
    }

    fn byline(&mut self, token: &Token<'a>, byline: Byline<'a>) {
        let piece = Piece {
            line: token.line,
            text: token.text,
        };
        match self.placement {
            Some(BylinePlacement::Leading) | None => {
                self.close();
                self.part(
                    token,
                    token.text,
                    Role::Byline,
                    "byline opening its entry",
                    true,
                );
                let entry = self.entry();
                entry.byline = Some((piece, byline));
                entry.touch(token.line);
            }
            Some(BylinePlacement::Between) => {
                if self
                    .current
                    .as_ref()
                    .is_some_and(|e| e.byline.is_some() || !self.body.is_empty())
                {
                    self.close();
                }
                self.part(
                    token,
                    token.text,
                    Role::Byline,
                    "byline between headline and body",
                    true,
                );
                let entry = self.entry();
                entry.byline = Some((piece, byline));
                entry.touch(token.line);
            }
            Some(BylinePlacement::Closing) => {
                let mut entry = self.current.take().unwrap_or_default();
                if entry.is_empty()
                    && self.body.is_empty()
                    && self.article.entries.is_empty()
                    && !self.article.summary.is_empty()
                {
                    // The page starts inside a post whose headline is on an
                    // earlier page: what looked like the lede is its body.
                    for piece in std::mem::take(&mut self.article.summary) {
                        self.body.push(piece);
                        entry.touch(piece.line);
                    }
                    let index = self.article.entries.len();
                    for part in self
                        .article
                        .parts
                        .iter_mut()
                        .filter(|p| p.role == Role::Summary)
                    {
                        part.role = Role::Body;
                        part.reason = "paragraph closed by a byline: an entry without headline";
                        part.entry = Some(index);
                    }
                }
                entry.byline = Some((piece, byline));
                entry.touch(token.line);
                self.current = Some(entry);
                self.part(
                    token,
                    token.text,
                    Role::Byline,
                    "byline closing its entry",
                    true,
                );
                self.close();
            }
        }
    }
}

/// `path` holds the decoded state of each token left open by `fixed`, in
/// order.
fn assemble<'a>(
    tokens: &Tokens<'a>,
    fixed: &[Fixed],
    path: &[u8],
    placement: Option<BylinePlacement>,
    record_parts: bool,
) -> Article<'a> {
    let mut states = path.iter().map(|&state| usize::from(state));
    // Each token is one part.
    let parts = if record_parts {
        Vec::with_capacity(tokens.list.len())
    } else {
        Vec::new()
    };
    let mut a = Assembly {
        article: Article {
            byline_placement: placement,
            parts,
            ..Article::default()
        },
        record_parts,
        current: None,
        body: Vec::new(),
        placement,
        glued: None,
        fresh: false,
    };
    for (i, token) in tokens.list.iter().enumerate() {
        let piece = Piece {
            line: token.line,
            text: token.text,
        };
        if let Some(rule) = fixed[i] {
            let (role, reason) = (rule.role(), rule.reason());
            if (role, token.kind) == (Role::Byline, Kind::Stamp) {
                let byline = tokens.byline(i);
                if token.glued {
                    let part = a.part(token, token.text, Role::Byline, reason, false);
                    a.glued = Some((piece, byline, part));
                } else {
                    a.merge_byline(token, byline, reason);
                }
                continue;
            }
            match role {
                Role::Title => a.article.title = Some(piece),
                Role::Standfirst => a.article.standfirst = Some(piece),
                Role::KeyPoint => a.article.key_points.push(piece),
                _ => {}
            }
            a.part(token, token.text, role, reason, false);
            continue;
        }
        let stamped = a.glued.is_some();
        a.open_glued();
        match (states.next(), token.kind) {
            (Some(_), Kind::Stamp) => a.byline(token, tokens.byline(i)),
            (Some(S), _) if !stamped && a.current.is_none() && a.article.entries.is_empty() => {
                a.article.summary.push(Piece {
                    line: token.line,
                    text: token.full,
                });
                a.part(
                    token,
                    token.full,
                    Role::Summary,
                    "paragraph before the first entry",
                    false,
                );
            }
            (Some(T), _) => {
                a.article.title = Some(piece);
                a.part(
                    token,
                    token.text,
                    Role::Title,
                    "first line, headline-like, decoded as the title",
                    false,
                );
            }
            (Some(H), _) => a.headline(token),
            (Some(A), _) => {
                if let Some(entry) = a.current.as_mut() {
                    entry.touch(token.line);
                }
                a.part(
                    token,
                    token.text,
                    Role::AltHeadline,
                    "restates the headline above it",
                    true,
                );
            }
            (Some(Y), _) | (Some(B), _) | (Some(_), _) | (None, _) => a.body(token),
        }
        a.fresh = false;
    }
    a.close();
    let mut article = a.article;
    article.entries.shrink_to_fit();
    article.summary.shrink_to_fit();
    article.key_points.shrink_to_fit();
    article
}
