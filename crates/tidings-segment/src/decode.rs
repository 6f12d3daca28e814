//! From tokens to an article: the top of the page, key-point lists, the
//! sequence decoder, and entry assembly.

use crate::article::{Article, BylinePlacement, Entry, Part, Piece, Role};
use crate::byline::Byline;
use crate::restate::{restates, Restatements};
use crate::tokens::{tokenize, Kind, Token};
use crate::viterbi::{self, Place, A, B, H, S, T, Y};

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

/// A role decided before the sequence decoder runs.
type Fixed = Option<(Role, &'static str)>;

pub(crate) fn decode<'a>(lines: &[&'a str]) -> Article<'a> {
    let tokens = tokenize(lines);
    let mut fixed: Vec<Fixed> = vec![None; tokens.len()];
    let start = top_of_page(&tokens, &mut fixed);
    key_point_lists(&tokens, start, &mut fixed);
    for (token, role) in tokens.iter().zip(fixed.iter_mut()) {
        if role.is_none() && token.kind == Kind::Marker {
            *role = Some((Role::Marker, "a list marker outside a list"));
        }
        if role.is_none() && token.kind == Kind::ListHeading {
            *role = Some((Role::ListHeading, "a list heading with no list under it"));
        }
    }

    for (token, role) in tokens.iter().zip(fixed.iter_mut()) {
        if token.glued && role.is_none() {
            *role = Some((Role::Byline, "a time stamp glued to its post"));
        }
    }
    second_stamps(&tokens, &mut fixed);

    // The decoder sees only the tokens whose role is still open.
    let open: Vec<usize> = (0..tokens.len()).filter(|&i| fixed[i].is_none()).collect();
    let mut restatements = Restatements::default();
    let emissions: Vec<_> = open
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            // A deck restates a headline: only pairs of headline-like
            // tokens are compared (the comparison is the decoder's costliest
            // step, so it is not run on paragraphs).
            let restates_previous = k > 0 && tokens[i].headline_like() && {
                let prev = &tokens[open[k - 1]];
                prev.headline_like()
                    && restatements.restates((open[k - 1], prev.text), (i, tokens[i].text))
            };
            let place = if i == 0 {
                Place::First {
                    cued: has_title_cue(tokens[i].text),
                }
            } else {
                Place::Later
            };
            viterbi::emission(&tokens[i], restates_previous, place)
        })
        .collect();
    let has_stamps = open
        .iter()
        .any(|&i| matches!(tokens[i].kind, Kind::Stamp(_)));
    let (placement, path) = viterbi::decode(&emissions, has_stamps);
    let mut states: Vec<Option<usize>> = vec![None; tokens.len()];
    for (&i, &state) in open.iter().zip(&path) {
        states[i] = Some(state);
    }
    assemble(&tokens, &fixed, &states, placement)
}

/// Title and standfirst; returns the index of the first token after them.
fn top_of_page(tokens: &[Token<'_>], fixed: &mut [Fixed]) -> usize {
    let kind = |i: usize| tokens.get(i).map(|t| t.kind);
    let headline_like = |i: usize| kind(i) == Some(Kind::HeadlineLike);
    let is_stamp = |i: usize| matches!(kind(i), Some(Kind::Stamp(_)));
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
        && tokens[1].features.words <= MAX_SENTENCE_STANDFIRST_WORDS
        && opens_list(2);
    if stacked || sentence_standfirst {
        fixed[0] = Some((Role::Title, "first line, headline-like, over a standfirst"));
        fixed[1] = Some((Role::Standfirst, "the line under the title"));
        return 2;
    }
    // A title alone: it heads a list, a stamped post, or says it is a live page.
    let heads_something = opens_list(1) || (is_stamp(1) && kind(2).is_some());
    if heads_something || (cued && kind(1) == Some(Kind::Paragraph)) {
        fixed[0] = Some((Role::Title, "first line, headline-like, heading the page"));
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
            fixed[i] = Some((Role::ListHeading, "a heading that introduces key points"));
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
                    fixed[j] = Some((Role::KeyPoint, "a list item under a list heading"));
                    j += 1;
                }
                Some(Kind::Marker)
                    if tokens.get(j + 1).is_some_and(|t| {
                        !matches!(t.kind, Kind::Stamp(_) | Kind::Marker | Kind::ListHeading)
                    }) =>
                {
                    fixed[j] = Some((Role::Marker, "a list marker alone on its line"));
                    fixed[j + 1] = Some((Role::KeyPoint, "the item after a lone list marker"));
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
fn second_stamps(tokens: &[Token<'_>], fixed: &mut [Fixed]) {
    let mut last: Option<(usize, Byline<'_>)> = None;
    for (j, token) in tokens.iter().enumerate() {
        if fixed[j].is_some() {
            continue;
        }
        if let Kind::Stamp(byline) = token.kind {
            if let Some((i, first)) = last {
                let between = &tokens[i + 1..j];
                let close = between.len() <= 1 && between.iter().all(Token::headline_like);
                if close && complements(&first, &byline) {
                    fixed[j] = Some((Role::Byline, "a second stamp completing the entry's byline"));
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
        .position(|t| matches!(t.kind, Kind::Stamp(_) | Kind::ListHeading));
    let Some(len) = stamp.filter(|&n| n > 0) else {
        return start;
    };
    if !matches!(tokens[start + len].kind, Kind::Stamp(_)) {
        return start;
    }
    for role in &mut fixed[start..start + len] {
        *role = Some((
            Role::KeyPoint,
            "a line of an unmarked list under a list heading",
        ));
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
    current: Option<Entry<'a>>,
    placement: Option<BylinePlacement>,
    /// A stamp glued to the next token's line, waiting to open its entry:
    /// the stamp, what it says, and the index of its part.
    glued: Option<(Piece<'a>, Byline<'a>, usize)>,
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
    fn part(
        &mut self,
        token: &Token<'a>,
        text: &'a str,
        role: Role,
        reason: &'static str,
        in_entry: bool,
    ) {
        let entry = in_entry.then_some(self.article.entries.len());
        self.article.parts.push(Part {
            piece: Piece {
                line: token.line,
                text,
            },
            role,
            reason,
            entry,
        });
    }

    fn close(&mut self) {
        if let Some(entry) = self.current.take() {
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
        self.part(token, token.text, Role::Byline, reason, false);
        if let Some(part) = self.article.parts.last_mut() {
            part.entry = index;
        }
    }

    /// Opens the entry of a glued stamp, for the token on its line.
    fn open_glued(&mut self) {
        if let Some((piece, byline, part)) = self.glued.take() {
            self.close();
            let entry = self.entry();
            entry.byline = Some((piece, byline));
            entry.touch(piece.line);
            self.article.parts[part].entry = Some(self.article.entries.len());
            self.fresh = true;
        }
    }

    fn headline(&mut self, token: &Token<'a>) {
        let keep_open = std::mem::take(&mut self.fresh)
            || self.placement == Some(BylinePlacement::Leading)
                && self
                    .current
                    .as_ref()
                    .is_some_and(|e| e.headline.is_none() && e.body.is_empty());
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
        let entry = self.entry();
        entry.body.push(piece);
        entry.touch(token.line);
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
                    .is_some_and(|e| e.byline.is_some() || !e.body.is_empty())
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
                    && self.article.entries.is_empty()
                    && !self.article.summary.is_empty()
                {
                    // The page starts inside a post whose headline is on an
                    // earlier page: what looked like the lede is its body.
                    for piece in std::mem::take(&mut self.article.summary) {
                        entry.body.push(piece);
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

fn assemble<'a>(
    tokens: &[Token<'a>],
    fixed: &[Fixed],
    states: &[Option<usize>],
    placement: Option<BylinePlacement>,
) -> Article<'a> {
    let mut a = Assembly {
        article: Article {
            byline_placement: placement,
            ..Article::default()
        },
        current: None,
        placement,
        glued: None,
        fresh: false,
    };
    for (i, token) in tokens.iter().enumerate() {
        let piece = Piece {
            line: token.line,
            text: token.text,
        };
        if let Some((role, reason)) = fixed[i] {
            if let (Role::Byline, Kind::Stamp(byline)) = (role, token.kind) {
                if token.glued {
                    a.part(token, token.text, Role::Byline, reason, false);
                    a.glued = Some((piece, byline, a.article.parts.len() - 1));
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
        match (states[i], token.kind) {
            (Some(_), Kind::Stamp(byline)) => a.byline(token, byline),
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
    a.article
}
