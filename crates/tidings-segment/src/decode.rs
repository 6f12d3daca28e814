//! From features to roles: the sequence decoder.
//!
//! Lines are first read alone (byline, headline-like, or paragraph), then in
//! context: the top of the page gives title and standfirst, a headline-like
//! line that restates the headline above it is an alternative headline, the
//! page's byline placement is decided once from all its bylines, and the
//! entries are assembled in one pass.

use crate::article::{Article, BylinePlacement, Decision, Entry, Role};
use crate::byline::{parse_byline, Byline};
use crate::features::Features;

/// A line as read alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape<'a> {
    Byline(Byline<'a>),
    HeadlineLike,
    Paragraph,
}

/// Shares of words two headlines must have in common (Jaccard, lowercase)
/// for the second to count as a restatement of the first.
const RESTATEMENT_OVERLAP: f64 = 0.5;

/// Words that, in a first headline-like line, say it is the page title of
/// a live blog rather than the headline of a post.
const TITLE_CUES: &[&str] = &[
    "live",
    "latest",
    "updates",
    "as it happened",
    "rolling coverage",
];

pub(crate) fn decode<'a, S: AsRef<str> + ?Sized>(lines: &[&'a S]) -> Article<'a> {
    let shapes: Vec<Shape<'a>> = lines
        .iter()
        .map(|&l| {
            let line: &'a str = l.as_ref();
            match parse_byline(line) {
                Some(b) => Shape::Byline(b),
                None if Features::of(line).headline_like() => Shape::HeadlineLike,
                None => Shape::Paragraph,
            }
        })
        .collect();
    let mut article = Article {
        decisions: vec![
            Decision {
                role: Role::Body,
                reason: "paragraph",
            };
            lines.len()
        ],
        ..Article::default()
    };
    let start = title_and_standfirst(lines, &shapes, &mut article);
    article.byline_placement = byline_placement(&shapes[start..]);
    assemble(lines, &shapes, start, &mut article);
    article
}

/// Finds title and standfirst at the top of the page; returns the index of
/// the first line after them.
fn title_and_standfirst<S: AsRef<str> + ?Sized>(
    lines: &[&S],
    shapes: &[Shape<'_>],
    article: &mut Article<'_>,
) -> usize {
    let shape = |i: usize| shapes.get(i).copied();
    if shape(0) != Some(Shape::HeadlineLike) {
        return 0;
    }
    // Two headline-like lines and then anything but a byline: a title and
    // its standfirst (a post's headline would be followed by its body).
    let stacked = shape(1) == Some(Shape::HeadlineLike)
        && !matches!(shape(2), Some(Shape::Byline(_)))
        && !restates(lines[0].as_ref(), lines[1].as_ref());
    let cued = {
        let lower = lines[0].as_ref().to_lowercase();
        TITLE_CUES.iter().any(|cue| contains_word(&lower, cue))
    };
    if stacked {
        article.title = Some(0);
        article.standfirst = Some(1);
        article.decisions[0] = Decision {
            role: Role::Title,
            reason: "first line, headline-like, over a second headline-like line",
        };
        article.decisions[1] = Decision {
            role: Role::Standfirst,
            reason: "headline-like line under the title",
        };
        2
    } else if cued && shape(1) == Some(Shape::Paragraph) {
        article.title = Some(0);
        article.decisions[0] = Decision {
            role: Role::Title,
            reason: "first line, headline-like, with a live-blog cue word",
        };
        1
    } else {
        0
    }
}

fn contains_word(haystack: &str, word: &str) -> bool {
    haystack.match_indices(word).any(|(at, _)| {
        let before = haystack[..at].chars().next_back();
        let after = haystack[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Does `second` restate `first`?
fn restates(first: &str, second: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        let mut w: Vec<String> = s
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        w.sort_unstable();
        w.dedup();
        w
    };
    let (a, b) = (words(first), words(second));
    let common = a.iter().filter(|w| b.binary_search(w).is_ok()).count();
    let union = a.len() + b.len() - common;
    union > 0 && common as f64 / union as f64 >= RESTATEMENT_OVERLAP
}

/// Decides, from all of a page's bylines at once, whether they open, sit
/// inside, or close their entries.
fn byline_placement(shapes: &[Shape<'_>]) -> Option<BylinePlacement> {
    let bylines: Vec<usize> = (0..shapes.len())
        .filter(|&i| matches!(shapes[i], Shape::Byline(_)))
        .collect();
    let (&first, &last) = (bylines.first()?, bylines.last()?);
    let between = bylines
        .iter()
        .filter(|&&b| {
            b > 0
                && shapes[b - 1] == Shape::HeadlineLike
                && shapes.get(b + 1) == Some(&Shape::Paragraph)
        })
        .count();
    let first_headline = shapes.iter().position(|s| *s == Shape::HeadlineLike);
    Some(if 2 * between > bylines.len() {
        BylinePlacement::Between
    } else if last + 1 == shapes.len() || first_headline.is_some_and(|h| h < first) {
        // The page ends on a byline, or a headline comes before any byline:
        // bylines close what precedes them.
        BylinePlacement::Closing
    } else {
        BylinePlacement::Leading
    })
}

fn assemble<'a, S: AsRef<str> + ?Sized>(
    lines: &[&S],
    shapes: &[Shape<'a>],
    start: usize,
    article: &mut Article<'a>,
) {
    let placement = article.byline_placement;
    let mut current: Option<Entry<'a>> = None;
    for i in start..lines.len() {
        match shapes[i] {
            Shape::HeadlineLike => {
                // A restatement of the headline just above, before the body.
                let follows_headline = current
                    .as_ref()
                    .is_some_and(|e| e.headline.is_some_and(|h| h + 1 == i) && e.body.is_empty());
                if follows_headline
                    && shapes.get(i + 1) != Some(&Shape::HeadlineLike)
                    && restates(lines[i - 1].as_ref(), lines[i].as_ref())
                {
                    article.decisions[i] = Decision {
                        role: Role::AltHeadline,
                        reason: "headline-like line restating the headline above",
                    };
                    if let Some(e) = current.as_mut() {
                        e.touch(i);
                    }
                    continue;
                }
                let keep_open = placement == Some(BylinePlacement::Leading)
                    && current
                        .as_ref()
                        .is_some_and(|e| e.headline.is_none() && e.body.is_empty());
                if !keep_open {
                    close(&mut current, article);
                }
                let entry = current.get_or_insert_with(Entry::default);
                entry.headline = Some(i);
                entry.touch(i);
                article.decisions[i] = Decision {
                    role: Role::Headline,
                    reason: "short capitalised line with no closing punctuation",
                };
            }
            Shape::Paragraph => match current.as_mut() {
                Some(entry) => {
                    entry.body.push(i);
                    entry.touch(i);
                    article.decisions[i] = Decision {
                        role: Role::Body,
                        reason: "paragraph inside an entry",
                    };
                }
                None if article.entries.is_empty() => {
                    article.summary.push(i);
                    article.decisions[i] = Decision {
                        role: Role::Summary,
                        reason: "paragraph before the first entry",
                    };
                }
                None => {
                    let mut entry = Entry::default();
                    entry.body.push(i);
                    entry.touch(i);
                    current = Some(entry);
                    article.decisions[i] = Decision {
                        role: Role::Body,
                        reason: "paragraph after a closed entry: an entry without headline",
                    };
                }
            },
            Shape::Byline(byline) => {
                article.decisions[i] = Decision {
                    role: Role::Byline,
                    reason: "author and date/time",
                };
                match placement {
                    Some(BylinePlacement::Leading) => {
                        close(&mut current, article);
                        let mut entry = Entry {
                            byline: Some((i, byline)),
                            ..Entry::default()
                        };
                        entry.touch(i);
                        current = Some(entry);
                    }
                    Some(BylinePlacement::Between) => {
                        if current
                            .as_ref()
                            .is_some_and(|e| e.byline.is_some() || !e.body.is_empty())
                        {
                            close(&mut current, article);
                        }
                        let entry = current.get_or_insert_with(Entry::default);
                        entry.byline = Some((i, byline));
                        entry.touch(i);
                    }
                    Some(BylinePlacement::Closing) | None => {
                        let mut entry = current.take().unwrap_or_default();
                        if entry.is_empty()
                            && article.entries.is_empty()
                            && !article.summary.is_empty()
                        {
                            // The page starts inside a post whose headline is on
                            // an earlier page: what looked like the lede is its body.
                            for b in std::mem::take(&mut article.summary) {
                                article.decisions[b] = Decision {
                                    role: Role::Body,
                                    reason:
                                        "paragraph closed by a byline: an entry without headline",
                                };
                                entry.body.push(b);
                                entry.touch(b);
                            }
                        }
                        entry.byline = Some((i, byline));
                        entry.touch(i);
                        current = Some(entry);
                        close(&mut current, article);
                    }
                }
            }
        }
    }
    close(&mut current, article);
}

fn close<'a>(current: &mut Option<Entry<'a>>, article: &mut Article<'a>) {
    if let Some(entry) = current.take() {
        if !entry.is_empty() {
            article.entries.push(entry);
        }
    }
}
