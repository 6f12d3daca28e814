//! Which rules are worth trying on a line, from what the prefilter found
//! in it.
//!
//! Most lines are prose that holds none of the rules' literals, so most
//! rules cannot fire on them. Asking each rule in turn whether one of its
//! candidates is on the line costs a pass over every rule for every line;
//! here the line's few candidates name the rules they open instead, and
//! the rules that need no candidate are always tried.

use crate::bits::{ones, set_bit};
use crate::prefilter::{CandidateId, LineCandidates};

/// One bit per rule, in rule order.
type RuleBits = Vec<u64>;

/// The rules each candidate opens, and the rules open on every line.
#[derive(Debug, Clone, Default)]
pub(crate) struct Routes {
    /// Words of a [`RuleBits`].
    words: usize,
    /// Rules that may fire on any line.
    always: RuleBits,
    /// Per candidate, the rules one of whose candidates it is (`words`
    /// words each).
    by_candidate: Vec<u64>,
    /// The candidates that open any rule; the others (ungated patterns,
    /// whose bit is on every line) are not looked up.
    opening: Vec<u64>,
}

/// What a rule needs of a line before it is tried there.
pub(crate) enum Need {
    /// Nothing: it may fire on any line.
    Nothing,
    /// One of these candidates.
    OneOf(Vec<CandidateId>),
    /// It never fires on a single line (a context pass).
    Never,
}

impl Routes {
    /// Routes for rules that need `needs` (in rule order), over
    /// `candidates` candidate ids.
    pub(crate) fn new(needs: impl ExactSizeIterator<Item = Need>, candidates: usize) -> Routes {
        let words = needs.len().div_ceil(64);
        let mut routes = Routes {
            words,
            always: vec![0; words],
            by_candidate: vec![0; candidates * words],
            opening: vec![0; candidates.div_ceil(64)],
        };
        for (rule, need) in needs.enumerate() {
            match need {
                Need::Nothing => set_bit(&mut routes.always, rule),
                Need::OneOf(ids) => {
                    for id in ids {
                        let index = id.index();
                        set_bit(&mut routes.opening, index);
                        set_bit(
                            &mut routes.by_candidate[index * words..(index + 1) * words],
                            rule,
                        );
                    }
                }
                Need::Never => {}
            }
        }
        routes
    }

    /// Writes into `open` the rules worth trying on a line that holds
    /// `candidates`.
    pub(crate) fn open_on(&self, candidates: LineCandidates<'_>, open: &mut RuleBits) {
        open.clear();
        open.extend_from_slice(&self.always);
        let found = candidates
            .words()
            .iter()
            .zip(&self.opening)
            .map(|(c, o)| c & o);
        for id in ones(found) {
            let opened = &self.by_candidate[id * self.words..(id + 1) * self.words];
            for (word, rules) in open.iter_mut().zip(opened) {
                *word |= rules;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open_rules(routes: &Routes, candidates: &[usize]) -> Vec<usize> {
        let mut words = vec![0u64; 2];
        for &c in candidates {
            set_bit(&mut words, c);
        }
        let mut open = Vec::new();
        routes.open_on(LineCandidates::from_words(&words), &mut open);
        ones(open.iter().copied()).collect()
    }

    #[test]
    fn a_line_opens_the_rules_of_its_candidates_and_those_needing_none() {
        let id = CandidateId::from_index;
        // Rule 70 sits in the second word of rule bits; candidate 100 in
        // the second word of candidate bits.
        let mut needs = vec![Need::Nothing, Need::OneOf(vec![id(3)]), Need::Never];
        needs.extend((3..70).map(|_| Need::Never));
        needs.push(Need::OneOf(vec![id(3), id(100)]));
        let routes = Routes::new(needs.into_iter(), 128);

        assert_eq!(open_rules(&routes, &[]), [0]);
        assert_eq!(open_rules(&routes, &[3]), [0, 1, 70]);
        assert_eq!(open_rules(&routes, &[100]), [0, 70]);
        // A candidate no rule needs (an ungated pattern's bit) opens none.
        assert_eq!(open_rules(&routes, &[7, 64]), [0]);
    }
}
