//! Does one headline restate another? A deck repeats most of the words of
//! the headline above it.
//!
//! Pages can hold long runs of headline-like lines, each compared with the
//! one before it, so each line's words are read once ([`Restatements`]
//! keeps the last line's) into buffers that are reused, not one string per
//! word.

use std::cmp::Ordering;

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
/// as spans of one buffer holding them all, sorted by [`Word::order`].
#[derive(Default)]
struct WordSet {
    lowercase: Vec<u8>,
    words: Vec<Word>,
}

/// A word of a [`WordSet`]: where it lies in the buffer, and its first
/// bytes as a number so that most comparisons need not read the buffer.
#[derive(Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
    head: u64,
}

impl WordSet {
    /// Replaces the set with the words of `line`.
    fn read(&mut self, line: &str) {
        self.lowercase.clear();
        self.words.clear();
        if line.is_ascii() {
            // The whole line lowercased in one copy (vector code), its words
            // found in the copy: the separators stay in the buffer, between
            // the words' spans.
            self.lowercase.extend_from_slice(line.as_bytes());
            self.lowercase.make_ascii_lowercase();
            let mut start = 0;
            // An ASCII letter or digit is alphanumeric as a `char` too.
            for word in self.lowercase.split(|b| !b.is_ascii_alphanumeric()) {
                push_word(&mut self.words, start, word);
                start += word.len() + 1;
            }
        } else {
            for word in line.split(|c: char| !c.is_alphanumeric()) {
                let start = self.lowercase.len();
                if word.is_ascii() {
                    // What `to_lowercase` gives, without a string per word.
                    self.lowercase.extend_from_slice(word.as_bytes());
                    if let Some(copy) = self.lowercase.get_mut(start..) {
                        copy.make_ascii_lowercase();
                    }
                } else {
                    // Lowercased as one word, as a whole string (a final
                    // sigma lowercases differently from one inside a word).
                    self.lowercase
                        .extend_from_slice(word.to_lowercase().as_bytes());
                }
                let word = self.lowercase.get(start..).unwrap_or_default();
                push_word(&mut self.words, start, word);
            }
        }
        let text = self.lowercase.as_slice();
        self.words.sort_unstable_by(|a, b| a.order(b, text, text));
        self.words
            .dedup_by(|a, b| a.order(b, text, text) == Ordering::Equal);
    }

    /// Do the two sets share at least [`RESTATEMENT_OVERLAP`] of their
    /// union?
    fn overlaps(&self, other: &WordSet) -> bool {
        let common = self.common(other);
        let union = self.words.len() + other.words.len() - common;
        union > 0 && common as f64 / union as f64 >= RESTATEMENT_OVERLAP
    }

    /// How many words the two sets share, merging them in order.
    fn common(&self, other: &WordSet) -> usize {
        let (mut a, mut b) = (self.words.iter().peekable(), other.words.iter().peekable());
        let mut common = 0;
        while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
            match x.order(y, &self.lowercase, &other.lowercase) {
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

/// Adds `word`, which starts at `start` in the buffer, to `words`, unless
/// it is empty (two separators in a row).
fn push_word(words: &mut Vec<Word>, start: usize, word: &[u8]) {
    if word.is_empty() {
        return;
    }
    let mut head = [0; 8];
    let n = word.len().min(8);
    head[..n].copy_from_slice(&word[..n]);
    words.push(Word {
        start,
        end: start + word.len(),
        head: u64::from_be_bytes(head),
    });
}

impl Word {
    /// A total order in which words are equal exactly when their bytes are:
    /// by first bytes, then length, then all bytes. (Not alphabetical, which
    /// the set does not need.)
    fn order(&self, other: &Word, text: &[u8], other_text: &[u8]) -> Ordering {
        self.head
            .cmp(&other.head)
            .then(self.len().cmp(&other.len()))
            .then_with(|| {
                let a = text.get(self.start..self.end).unwrap_or_default();
                let b = other_text.get(other.start..other.end).unwrap_or_default();
                a.cmp(b)
            })
    }

    fn len(&self) -> usize {
        self.end - self.start
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

    /// The words a set holds, as strings.
    fn words_of(set: &WordSet) -> Vec<String> {
        set.words
            .iter()
            .map(|w| String::from_utf8_lossy(&set.lowercase[w.start..w.end]).into_owned())
            .collect()
    }

    proptest::proptest! {
        /// ASCII and other lines, and ASCII words in other lines, all hold
        /// the distinct words `to_lowercase` gives, once each.
        #[test]
        fn sets_hold_each_lowercase_word_once(
            line in "[A-Za-z0-9 ,.'-]{0,40}|[A-Za-zΣσÉé€0-9 ,.’-]{0,40}|\\PC{0,40}",
        ) {
            let mut set = WordSet::default();
            set.read(&line);
            let mut expected: Vec<String> = line
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect();
            expected.sort();
            expected.dedup();
            let mut held = words_of(&set);
            let count = held.len();
            held.sort();
            held.dedup();
            proptest::prop_assert_eq!(count, held.len());
            proptest::prop_assert_eq!(held, expected);
        }
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
