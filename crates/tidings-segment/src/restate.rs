//! Does one headline restate another? A deck repeats most of the words of
//! the headline above it.
//!
//! Pages can hold long runs of headline-like lines, each compared with the
//! one before it, so each line's words are read once ([`Restatements`]
//! keeps the last line's) into buffers that are reused, not one string per
//! word.

use std::cmp::Ordering;
use std::ops::Range;

/// Share of words two headlines must have in common (Jaccard, lowercase)
/// for the second to count as a restatement of the first (a deck).
const RESTATEMENT_OVERLAP: f64 = 0.5;

/// Does `second` restate `first`?
pub(crate) fn restates(first: &str, second: &str) -> bool {
    let (mut a, mut b) = (WordSet::default(), WordSet::default());
    a.read(first);
    b.read(second);
    a.overlaps(&b)
}

/// Compares lines with the line before them, reading each line once.
#[derive(Default)]
pub(crate) struct Restatements {
    /// The last line read as a `second`, by token index, and its words.
    last: Option<usize>,
    last_words: WordSet,
    words: WordSet,
}

impl Restatements {
    /// Does token `second` restate token `first`? `first` is read again only
    /// when it was not the `second` of the previous call.
    pub(crate) fn restates(&mut self, first: (usize, &str), second: (usize, &str)) -> bool {
        if self.last != Some(first.0) {
            self.last_words.read(first.1);
        }
        self.words.read(second.1);
        let restates = self.last_words.overlaps(&self.words);
        std::mem::swap(&mut self.last_words, &mut self.words);
        self.last = Some(second.0);
        restates
    }
}

/// The distinct lowercase words of a line (runs of letters and digits),
/// sorted: spans of one buffer holding them all.
#[derive(Default)]
struct WordSet {
    lowercase: String,
    words: Vec<Range<usize>>,
}

impl WordSet {
    /// Replaces the set with the words of `line`.
    fn read(&mut self, line: &str) {
        self.lowercase.clear();
        self.words.clear();
        for word in line.split(|c: char| !c.is_alphanumeric()) {
            if word.is_empty() {
                continue;
            }
            let start = self.lowercase.len();
            if word.is_ascii() {
                self.lowercase
                    .extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
            } else {
                // Lowercased as one word, as a whole string (a final sigma
                // lowercases differently from one inside a word).
                self.lowercase.push_str(&word.to_lowercase());
            }
            self.words.push(start..self.lowercase.len());
        }
        let text = self.lowercase.as_str();
        let word = |span: &Range<usize>| text.get(span.clone()).unwrap_or_default();
        self.words.sort_unstable_by(|a, b| word(a).cmp(word(b)));
        self.words.dedup_by(|a, b| word(a) == word(b));
    }

    fn word(&self, span: &Range<usize>) -> &str {
        self.lowercase.get(span.clone()).unwrap_or_default()
    }

    /// Do the two sets share at least [`RESTATEMENT_OVERLAP`] of their
    /// union?
    fn overlaps(&self, other: &WordSet) -> bool {
        let common = self.common(other);
        let union = self.words.len() + other.words.len() - common;
        union > 0 && common as f64 / union as f64 >= RESTATEMENT_OVERLAP
    }

    /// How many words the two sorted sets share.
    fn common(&self, other: &WordSet) -> usize {
        let (mut a, mut b) = (self.words.iter().peekable(), other.words.iter().peekable());
        let mut common = 0;
        while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
            match self.word(x).cmp(other.word(y)) {
                Ordering::Less => {
                    a.next();
                }
                Ordering::Greater => {
                    b.next();
                }
                Ordering::Equal => {
                    common += 1;
                    a.next();
                    b.next();
                }
            }
        }
        common
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decks_share_most_words() {
        assert!(restates("Kyiv under drone attack", "Drone attack on Kyiv"));
        assert!(!restates(
            "Kyiv under drone attack",
            "Germany pledges €200m in winter aid"
        ));
        assert!(!restates("", ""));
        // Case and repeats do not count; non-ASCII words are lowercased.
        assert!(restates("ÉTÉ À PARIS", "été à Paris, été"));
    }

    #[test]
    fn each_line_is_read_once_in_a_run() {
        let mut r = Restatements::default();
        assert!(r.restates((0, "Storm hits coast"), (1, "Storm hits the coast")));
        assert!(!r.restates((1, "Storm hits the coast"), (2, "Rates held")));
        // A first line that was not the last second is read afresh.
        assert!(r.restates((5, "Rates held again"), (6, "Rates held")));
    }
}
