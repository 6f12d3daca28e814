//! The sequence decoder: the most likely roles for a page's tokens.
//!
//! Six states: summary `S`, headline `H`, alternative headline (deck) `A`,
//! byline `Y`, body `B`, and title `T` (only on the page's first line, when
//! the top-of-page rules left it open). Each token scores each state from its own shape
//! (the emission), each pair of neighbours scores the step between their
//! states (the transition), and the Viterbi pass finds the best path. The
//! scores are hand-set log-odds-like penalties, commented where they are
//! set: 0 is "expected", −0.5 "plausible", −3 "needs strong evidence",
//! [`NEVER`] "impossible".
//!
//! Where bylines go differs between publishers, and a careful reader
//! decides it once per page. So there is one transition table per
//! [`BylinePlacement`]: the page is decoded under each and the placement
//! whose best path scores highest wins.

use crate::article::BylinePlacement;
use crate::features::Ending;
use crate::tokens::{Kind, Token};

pub(crate) const S: usize = 0;
pub(crate) const H: usize = 1;
pub(crate) const A: usize = 2;
pub(crate) const Y: usize = 3;
pub(crate) const B: usize = 4;
pub(crate) const T: usize = 5;
const STATES: usize = 6;

/// A score no path survives.
pub(crate) const NEVER: f64 = -1.0e9;

/// Where a token stands on the page, for the title state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    /// The page's first line; `cued` when it says it is a live page.
    First { cued: bool },
    /// Anywhere else.
    Later,
}

/// What the emission scores read of a token, in a few bytes: a page's
/// evidence is kept while it is decoded under each placement, and its
/// scores, worked out afresh on each pass, would take 48 bytes a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Evidence {
    /// A byline or time stamp.
    Stamp,
    /// Could be a headline.
    HeadlineLike {
        /// Labelled `BREAKING` or numbered.
        marked: bool,
        /// Three words or fewer.
        short: bool,
        /// Restates the headline-like token before it.
        restates_previous: bool,
        place: Place,
    },
    /// Reads as a paragraph.
    Paragraph {
        /// Ends in a comma or colon.
        continues: bool,
        /// The page's first token, starting in lowercase.
        lowercase_start: bool,
    },
}

impl Evidence {
    pub(crate) fn of(token: &Token<'_>, restates_previous: bool, place: Place) -> Evidence {
        if token.kind == Kind::Stamp {
            Evidence::Stamp
        } else if token.headline_like() {
            Evidence::HeadlineLike {
                marked: token.labelled || token.kind == Kind::Numbered,
                short: token.words <= 3,
                restates_previous,
                place,
            }
        } else {
            Evidence::Paragraph {
                continues: token.ending == Ending::Continuation,
                lowercase_start: place != Place::Later
                    && token.text.chars().next().is_some_and(char::is_lowercase),
            }
        }
    }
}

/// How well a token fits each state, on its own.
fn emission(evidence: Evidence) -> [f64; STATES] {
    match evidence {
        Evidence::Stamp => [NEVER, NEVER, NEVER, 0.0, NEVER, NEVER],
        Evidence::HeadlineLike {
            marked,
            short,
            restates_previous,
            place,
        } => {
            let mut headline = 0.0;
            if marked {
                // `BREAKING:` and post numbers mark headlines.
                headline += 1.0;
            }
            if short {
                // Very short lines are more often labels or fragments.
                headline -= 0.5;
            }
            // A headline-like line in the body or the lede is possible (a
            // subheading, a quote, a paragraph whose full stop was lost) but
            // needs its neighbours to say so.
            let elsewhere = -2.5;
            // A deck restates the headline above it; a line that does not can
            // still be one where the page marks posts with stamps (see the
            // headline-to-headline transitions).
            let deck = if restates_previous { -0.5 } else { -1.5 };
            // A headline-like first line is the page title unless its
            // neighbours make it a post; saying `live`/`latest` settles it.
            let title = match place {
                Place::First { cued: true } => 1.0,
                Place::First { cued: false } => 0.0,
                Place::Later => NEVER,
            };
            [elsewhere, headline, deck, NEVER, elsewhere, title]
        }
        Evidence::Paragraph {
            continues,
            lowercase_start,
        } => {
            // A paragraph is almost never a headline, and one that ends in a
            // comma or colon never is.
            let headline = if continues { NEVER } else { -9.0 };
            // A page whose first line starts in lowercase starts mid-sentence,
            // more likely inside a post than in its lede (a lost drop cap,
            // `ocks tumbled…`, looks the same, hence only a nudge).
            let summary = if lowercase_start { -1.5 } else { 0.0 };
            [summary, headline, NEVER, NEVER, 0.0, NEVER]
        }
    }
}

/// Transition scores for one byline placement (`None`: the page has no
/// bylines at all).
struct Transitions {
    /// `step[from][to]`.
    step: [[f64; STATES]; STATES],
    start: [f64; STATES],
    end: [f64; STATES],
}

fn transitions(placement: Option<BylinePlacement>) -> Transitions {
    use BylinePlacement::*;
    // Scores that depend on the placement, in the order
    // (Leading, Between, Closing, no bylines).
    let pick = |leading: f64, between: f64, closing: f64, none: f64| match placement {
        Some(Leading) => leading,
        Some(Between) => between,
        Some(Closing) => closing,
        None => none,
    };
    let n = NEVER;
    // The summary only opens the page: nothing returns to it.
    // A byline straight after the lede: the first post's stamp where stamps
    // lead; where they close posts, the lede was really the body of a post
    // begun on an earlier page (paginated blogs do this: -1).
    let from_s = [0.0, 0.0, n, pick(0.0, -2.0, -1.0, n), n];
    // After a headline comes its body; a second headline means an empty
    // entry, unless it is a deck. A byline next: where bylines sit between
    // headline and body, expected; where they close the entry, a
    // headline-only post (002's bylined teasers); where they lead, a
    // headline-only post followed by the next post's stamp (-1.5).
    let after_headline = pick(-1.5, 0.0, -0.5, n);
    // Where stamps mark every post, a headline straight after a headline
    // (no stamp between) is more likely a deck than a post of its own.
    let headline_again = pick(-3.5, -3.5, -3.5, -2.0);
    let deck = pick(-0.5, -0.5, -0.5, -1.0);
    let from_h = [n, headline_again, deck, after_headline, 0.0];
    let from_a = [n, headline_again, n, after_headline, 0.0];
    // After a byline: a headline where bylines open or close entries; the
    // body where they sit between headline and body.
    let from_y = [
        n,
        pick(0.0, -4.0, 0.0, n),
        n,
        -3.0,
        pick(-1.0, 0.0, -3.0, n),
    ];
    // After a body paragraph: more body; a new headline directly only where
    // the page has no byline (or puts it after the headline); a byline
    // where bylines open or close entries.
    let from_b = [
        n,
        pick(-3.0, 0.0, -3.0, 0.0),
        n,
        pick(0.0, -3.0, 0.0, n),
        0.0,
    ];
    // After the title: the lede, a post, or (where stamps lead posts) the
    // first stamp; a stamp that belongs after a headline or closes a post
    // says the first line was a post's headline instead.
    let from_t = [0.0, 0.0, n, pick(0.0, -1.0, -2.0, n), n, n];
    let no_title = |row: [f64; 5]| [row[0], row[1], row[2], row[3], row[4], n];
    Transitions {
        step: [
            no_title(from_s),
            no_title(from_h),
            no_title(from_a),
            no_title(from_y),
            no_title(from_b),
            from_t,
        ],
        // A page may open inside a post (body first) but rarely does; a
        // closing byline first closes nothing. Scraped pages usually start
        // at the top, with the title: a slight prior for it.
        start: [0.0, 0.0, n, pick(0.0, -1.0, -3.0, n), -1.5, 0.3],
        // A page that ends on a byline where bylines open entries has cut
        // a post off; one that ends without the closing byline too, less so.
        end: [
            0.0,
            0.0,
            0.0,
            pick(-3.0, -1.0, 0.0, n),
            pick(0.0, 0.0, -0.5, 0.0),
            0.0,
        ],
    }
}

/// The best paths under each of `placements`: each path's score and last
/// state, and the back pointers of every token under every placement.
///
/// The placements are decoded side by side, in one pass: each step waits
/// on the sums of the step before, and one placement alone leaves the
/// processor idle in between.
fn decode_with<const P: usize>(
    evidence: &[Evidence],
    placements: [Option<BylinePlacement>; P],
) -> Decoded<P> {
    let t = placements.map(transitions);
    let Some((&first, rest)) = evidence.split_first() else {
        return Decoded {
            best: [(0.0, 0); P],
            back: Vec::new(),
        };
    };
    let first = emission(first);
    // Only the last row of scores is needed going forward; the back
    // pointers are kept for every token.
    let mut back: Vec<[[u8; STATES]; P]> = Vec::with_capacity(evidence.len());
    let mut score = [[NEVER; STATES]; P];
    for p in 0..P {
        for s in 0..STATES {
            score[p][s] = t[p].start[s] + first[s];
        }
    }
    back.push([[0; STATES]; P]);
    for (i, &e) in rest.iter().enumerate() {
        let e = emission(e);
        let mut from = [[0; STATES]; P];
        for p in 0..P {
            // Two calls, each with its table known (see `step`).
            let (row, arg) = if i == 0 {
                step(&score[p], &t[p].step, &SOURCES_AFTER_FIRST)
            } else {
                step(&score[p], &t[p].step, &SOURCES)
            };
            for to in 0..STATES {
                score[p][to] = row[to] + e[to];
            }
            from[p] = arg;
        }
        back.push(from);
    }
    let mut best = [(0.0, 0); P];
    for p in 0..P {
        best[p] = best_of(|s| score[p][s] + t[p].end[s]);
    }
    Decoded { best, back }
}

/// What [`decode_with`] found.
struct Decoded<const P: usize> {
    /// Per placement, the best path's score and last state.
    best: [(f64, usize); P],
    /// Per token, per placement, the best state before each state.
    back: Vec<[[u8; STATES]; P]>,
}

impl<const P: usize> Decoded<P> {
    /// The best path under placement `p`: a state per token.
    fn path(&self, p: usize) -> Vec<u8> {
        let mut state = self.best[p].1;
        let mut path = vec![0; self.back.len()];
        for (i, from) in self.back.iter().enumerate().rev() {
            // A state, below `STATES`.
            path[i] = state as u8;
            state = usize::from(from[p][state]);
        }
        path
    }
}

/// The states each state can follow at all, in order: every other step
/// scores [`NEVER`] under every placement (a test checks it). Most steps
/// are such, and the pass runs once per token and placement, so they are
/// not tried: a path through one never wins, as every page has a path
/// through none (a test compares with trying them all).
const SOURCES: [&[usize]; STATES] = [
    // Nothing returns to the summary.
    &[S],
    &[S, H, A, Y, B],
    // A deck follows its headline.
    &[H],
    &[S, H, A, Y, B],
    &[H, A, Y, B],
    // The title is only ever the first token.
    &[],
];

/// [`SOURCES`] for the second token, which may follow the title: no other
/// token can, as only the first token may be the title.
const SOURCES_AFTER_FIRST: [&[usize]; STATES] = [
    &[S, T],
    &[S, H, A, Y, B, T],
    &[H],
    &[S, H, A, Y, B, T],
    &[H, A, Y, B],
    &[],
];

/// One step of the pass: for each next state, the best score of reaching
/// it from `score` and the first state that gives it (as [`best_of`]
/// would, over the states in `sources`). Inlined into each call, whose
/// table is a constant the loops unroll over: with the table picked at run
/// time, the pass cost three times as much.
#[inline(always)]
fn step(
    score: &[f64; STATES],
    step: &[[f64; STATES]; STATES],
    sources: &[&[usize]; STATES],
) -> ([f64; STATES], [u8; STATES]) {
    let mut best = [NEVER; STATES];
    let mut arg = [0; STATES];
    for to in 0..STATES {
        let Some((&first, rest)) = sources[to].split_first() else {
            continue;
        };
        let (mut high, mut at) = (score[first] + step[first][to], first);
        for &from in rest {
            let value = score[from] + step[from][to];
            // Strictly higher: ties stay with the first state.
            if value > high {
                (high, at) = (value, from);
            }
        }
        best[to] = high;
        // A state, below `STATES`.
        arg[to] = at as u8;
    }
    (best, arg)
}

/// The highest of `score(s)` over the states and the first state that has
/// it.
fn best_of(score: impl Fn(usize) -> f64) -> (f64, usize) {
    let mut best = (f64::NEG_INFINITY, 0);
    for s in 0..STATES {
        let value = score(s);
        if value > best.0 {
            best = (value, s);
        }
    }
    best
}

/// Decodes under every placement the page could have and keeps the best.
pub(crate) fn decode(
    evidence: &[Evidence],
    has_stamps: bool,
) -> (Option<BylinePlacement>, Vec<u8>) {
    if !has_stamps {
        return (None, decode_with(evidence, [None]).path(0));
    }
    const PLACEMENTS: [BylinePlacement; 3] = [
        BylinePlacement::Leading,
        BylinePlacement::Closing,
        BylinePlacement::Between,
    ];
    let decoded = decode_with(evidence, PLACEMENTS.map(Some));
    // Ties go to the first: leading stamps are the commonest layout.
    let mut best = 0;
    for p in 1..PLACEMENTS.len() {
        if decoded.best[p].0 > decoded.best[best].0 {
            best = p;
        }
    }
    (Some(PLACEMENTS[best]), decoded.path(best))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const ALL_PLACEMENTS: [Option<BylinePlacement>; 4] = [
        Some(BylinePlacement::Leading),
        Some(BylinePlacement::Between),
        Some(BylinePlacement::Closing),
        None,
    ];

    #[test]
    fn steps_left_out_of_the_sources_are_never_taken() {
        for placement in ALL_PLACEMENTS {
            let t = transitions(placement);
            for to in 0..STATES {
                for from in 0..STATES {
                    if !SOURCES_AFTER_FIRST[to].contains(&from) {
                        assert_eq!(t.step[from][to], NEVER, "{from} -> {to}");
                    }
                    // The title is the first token or none.
                    if !SOURCES[to].contains(&from) {
                        assert!(t.step[from][to] == NEVER || from == T, "{from} -> {to}");
                    }
                }
            }
            for from in 0..STATES {
                assert_eq!(t.step[from][T], NEVER);
            }
        }
        for sources in [SOURCES, SOURCES_AFTER_FIRST] {
            for from in sources {
                assert!(from.windows(2).all(|w| w[0] < w[1]), "in order");
            }
        }
    }

    /// The pass as first written: every state tried before every state,
    /// one next state at a time.
    fn dense_decode(evidence: &[Evidence], has_stamps: bool) -> (Option<BylinePlacement>, Vec<u8>) {
        let placements: Vec<Option<BylinePlacement>> = if has_stamps {
            // In `decode`'s order, which settles ties.
            [
                BylinePlacement::Leading,
                BylinePlacement::Closing,
                BylinePlacement::Between,
            ]
            .map(Some)
            .to_vec()
        } else {
            vec![None]
        };
        let mut best: Option<(f64, Option<BylinePlacement>, Vec<u8>)> = None;
        for placement in placements {
            let t = transitions(placement);
            let Some((&first, rest)) = evidence.split_first() else {
                return (placement, Vec::new());
            };
            let first = emission(first);
            let mut score = [0.0; STATES];
            for s in 0..STATES {
                score[s] = t.start[s] + first[s];
            }
            let mut back = vec![[0u8; STATES]];
            for &e in rest {
                let e = emission(e);
                let mut row = [0.0; STATES];
                let mut from = [0u8; STATES];
                for to in 0..STATES {
                    let (high, arg) = best_of(|f| score[f] + t.step[f][to]);
                    row[to] = high + e[to];
                    from[to] = arg as u8;
                }
                score = row;
                back.push(from);
            }
            let (total, mut state) = best_of(|s| score[s] + t.end[s]);
            let mut path = vec![0; back.len()];
            for (i, from) in back.iter().enumerate().rev() {
                path[i] = state as u8;
                state = usize::from(from[state]);
            }
            if best.as_ref().is_none_or(|(high, _, _)| total > *high) {
                best = Some((total, placement, path));
            }
        }
        best.map_or((None, Vec::new()), |(_, placement, path)| (placement, path))
    }

    fn evidence_strategy(first: bool) -> impl Strategy<Value = Evidence> {
        let place = if first {
            prop_oneof![
                Just(Place::Later),
                any::<bool>().prop_map(|cued| Place::First { cued })
            ]
            .boxed()
        } else {
            Just(Place::Later).boxed()
        };
        prop_oneof![
            Just(Evidence::Stamp),
            (any::<bool>(), any::<bool>(), any::<bool>(), place).prop_map(
                |(marked, short, restates_previous, place)| Evidence::HeadlineLike {
                    marked,
                    short,
                    restates_previous,
                    place,
                }
            ),
            (any::<bool>(), any::<bool>()).prop_map(|(continues, lowercase_start)| {
                Evidence::Paragraph {
                    continues,
                    lowercase_start,
                }
            }),
        ]
    }

    fn page_strategy() -> impl Strategy<Value = Vec<Evidence>> {
        (
            proptest::option::of(evidence_strategy(true)),
            proptest::collection::vec(evidence_strategy(false), 0..40),
        )
            .prop_map(|(first, rest)| first.into_iter().chain(rest).collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn decodes_as_trying_every_step(page in page_strategy()) {
            let has_stamps = page.contains(&Evidence::Stamp);
            prop_assert_eq!(decode(&page, has_stamps), dense_decode(&page, has_stamps));
        }
    }
}
