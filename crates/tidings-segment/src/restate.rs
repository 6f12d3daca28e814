//! Does one headline restate another? A deck repeats most of the words of
//! the headline above it.
//!
//! Pages can hold long runs of headline-like lines, each compared with the
//! one before it. Most pairs share few words, which a [`Sketch`] of each
//! line (a bit per word) shows without collecting, sorting and comparing
//! the words; the few others are compared word for word ([`WordSet`]).
//! Each line is sketched once ([`Restatements`] keeps the last line's),
//! into buffers that are reused, not one string per word.

use std::cmp::Ordering;

/// Share of words two headlines must have in common (Jaccard, lowercase)
/// for the second to count as a restatement of the first (a deck).
const RESTATEMENT_OVERLAP: f64 = 0.5;

/// Does `second` restate `first`?
pub(crate) fn restates(first: &str, second: &str) -> bool {
    let (mut a, mut b) = (Sketch::default(), Sketch::default());
    a.read(first);
    b.read(second);
    a.may_overlap(&b) && WordSets::default().overlap(first, second)
}

/// Compares lines with the line before them, sketching each line once.
#[derive(Default)]
pub(crate) struct Restatements {
    /// The last line sketched as a `second`, by token index, and its sketch.
    last: Option<usize>,
    last_sketch: Sketch,
    sketch: Sketch,
    words: WordSets,
}

impl Restatements {
    /// Does token `second` restate token `first`? `first` is sketched again
    /// only when it was not the `second` of the previous call.
    pub(crate) fn restates(&mut self, first: (usize, &str), second: (usize, &str)) -> bool {
        if self.last != Some(first.0) {
            self.last_sketch.read(first.1);
        }
        self.sketch.read(second.1);
        let restates =
            self.last_sketch.may_overlap(&self.sketch) && self.words.overlap(first.1, second.1);
        std::mem::swap(&mut self.last_sketch, &mut self.sketch);
        self.last = Some(second.0);
        restates
    }
}

/// The words of a line as bits: each word, lowercase, hashed to one of 64
/// bits, so that a word two lines share sets the same bit in both.
#[derive(Default)]
struct Sketch {
    /// The bit of each word, in line order, repeats included.
    bits: Vec<u8>,
    /// All of them.
    signature: u64,
}

/// [FNV-1a](https://en.wikipedia.org/wiki/Fowler%E2%80%93Noll%E2%80%93Vo_hash_function),
/// a byte at a time, so that a word's hash is taken as the line is read.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// Each byte as [`Sketch::read_ascii`] reads it: an ASCII letter or digit
/// (alphanumeric as a `char` too) as its lowercase, any other ASCII byte
/// as [`SEPARATOR`], any other byte as [`NOT_ASCII`]. One load a byte where
/// the tests take a few comparisons and branches each.
static ASCII_WORD_BYTES: [u8; 256] = {
    let mut table = [NOT_ASCII; 256];
    let mut byte: u8 = 0;
    while byte < 128 {
        table[byte as usize] = if byte.is_ascii_alphanumeric() {
            byte.to_ascii_lowercase()
        } else {
            SEPARATOR
        };
        byte += 1;
    }
    table
};
const SEPARATOR: u8 = 0;
const NOT_ASCII: u8 = 0x80;

fn fnv_step(hash: u64, byte: u8) -> u64 {
    (hash ^ u64::from(byte)).wrapping_mul(FNV_PRIME)
}

impl Sketch {
    /// Replaces the sketch with the words of `line`: the words a [`WordSet`]
    /// of it holds, with repeats.
    fn read(&mut self, line: &str) {
        if !self.read_ascii(line.as_bytes()) {
            self.read_any(line);
        }
    }

    /// The words of an ASCII line, in one pass that lowercases and hashes
    /// them: `false`, and a sketch to throw away, at the first other byte.
    fn read_ascii(&mut self, line: &[u8]) -> bool {
        self.clear();
        let mut hash = FNV_OFFSET;
        let mut in_word = false;
        for &byte in line {
            match ASCII_WORD_BYTES[usize::from(byte)] {
                SEPARATOR => {
                    if in_word {
                        self.push(hash);
                        hash = FNV_OFFSET;
                        in_word = false;
                    }
                }
                NOT_ASCII => return false,
                lowercase => {
                    hash = fnv_step(hash, lowercase);
                    in_word = true;
                }
            }
        }
        if in_word {
            self.push(hash);
        }
        true
    }

    /// The words of any line, lowercased as [`WordSet::read`] does.
    fn read_any(&mut self, line: &str) {
        self.clear();
        for word in line.split(|c: char| !c.is_alphanumeric()) {
            if word.is_empty() {
                continue;
            }
            let hash = if word.is_ascii() {
                word.bytes()
                    .fold(FNV_OFFSET, |hash, b| fnv_step(hash, b.to_ascii_lowercase()))
            } else {
                word.to_lowercase().bytes().fold(FNV_OFFSET, fnv_step)
            };
            self.push(hash);
        }
    }

    fn clear(&mut self) {
        self.bits.clear();
        self.signature = 0;
    }

    /// Adds a word by its hash.
    fn push(&mut self, hash: u64) {
        // The top six bits, once the multiplication has mixed every bit
        // into them.
        let bit = (hash.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58) as u8;
        self.bits.push(bit);
        self.signature |= 1 << bit;
    }

    /// Could the lines overlap as [`WordSet::overlaps`] asks? Only `false`
    /// is sure.
    ///
    /// They overlap when `3 * common >= a + b` (that is, `common / (a + b -
    /// common) >= 1/2`), `a` and `b` being the numbers of distinct words. A
    /// word both hold sets the same bit in both signatures, so `common` is
    /// at most the number of words of either whose bit the other's
    /// signature has (counted with repeats: more, never fewer); and
    /// distinct words are at least as many as the bits they set.
    fn may_overlap(&self, other: &Sketch) -> bool {
        let shared = |sketch: &Sketch, signature: u64| {
            sketch
                .bits
                .iter()
                .filter(|&&bit| signature & (1 << bit) != 0)
                .count()
        };
        let most_common = shared(self, other.signature).min(shared(other, self.signature));
        let fewest_words = self.signature.count_ones() + other.signature.count_ones();
        // The share of one half, in whole numbers.
        const _: () = assert!(RESTATEMENT_OVERLAP == 0.5);
        3 * most_common >= fewest_words as usize
    }
}

/// Two [`WordSet`]s, to compare two lines word for word.
#[derive(Default)]
struct WordSets(WordSet, WordSet);

impl WordSets {
    /// Does `second` share [`RESTATEMENT_OVERLAP`] of its words with
    /// `first`?
    fn overlap(&mut self, first: &str, second: &str) -> bool {
        self.0.read(first);
        self.1.read(second);
        self.0.overlaps(&self.1)
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

    /// [`restates`] without the sketches: every pair compared word for word.
    fn restates_word_for_word(first: &str, second: &str) -> bool {
        WordSets::default().overlap(first, second)
    }

    /// Lines made of a few words, in any case and order, with repeats and
    /// non-ASCII words and separators: many pairs overlap, many nearly do.
    fn headline() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        const WORDS: &[&str] = &[
            "Storm",
            "storm",
            "STORM",
            "hits",
            "the",
            "coast",
            "Kyiv",
            "drone",
            "attack",
            "on",
            "under",
            "été",
            "ÉTÉ",
            "Paris",
            "ΣΟΦΟΣ",
            "σοφος",
            "2024",
            "x",
            "internationalisation",
            "internationalization",
            "a",
        ];
        const GLUE: &[&str] = &[" ", " ", ", ", "-", " ‘", "’ ", ": ", "..."];
        prop::collection::vec(
            (prop::sample::select(WORDS), prop::sample::select(GLUE)),
            0..10,
        )
        .prop_map(|parts| parts.into_iter().map(|(w, g)| format!("{w}{g}")).collect())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2048))]
        /// The sketches turn down only pairs that do not overlap.
        #[test]
        fn sketches_turn_down_only_pairs_that_do_not_overlap(
            first in proptest::prop_oneof![headline(), "\\PC{0,40}"],
            second in proptest::prop_oneof![headline(), "\\PC{0,40}"],
        ) {
            let expected = restates_word_for_word(&first, &second);
            proptest::prop_assert_eq!(restates(&first, &second), expected);
            let mut run = Restatements::default();
            proptest::prop_assert_eq!(run.restates((0, &second), (1, &first)), restates_word_for_word(&second, &first));
            proptest::prop_assert_eq!(run.restates((1, &first), (2, &second)), expected);
        }
    }

    proptest::proptest! {
        /// The one-pass reading of ASCII lines sketches what the reading of
        /// any line does, and gives up on every other line.
        #[test]
        fn ascii_lines_sketch_as_any_line(line in "[ -~]{0,40}|\\PC{0,40}") {
            let (mut fast, mut any) = (Sketch::default(), Sketch::default());
            let ascii = fast.read_ascii(line.as_bytes());
            any.read_any(&line);
            proptest::prop_assert_eq!(ascii, line.is_ascii());
            if ascii {
                proptest::prop_assert_eq!(&fast.bits, &any.bits);
                proptest::prop_assert_eq!(fast.signature, any.signature);
            }
        }
    }

    #[test]
    fn sketches_hash_each_word_as_it_is_lowercased() {
        let (mut ascii, mut other) = (Sketch::default(), Sketch::default());
        ascii.read("Storm HITS the coast");
        other.read("storm hits ‘THE’ coast");
        assert_eq!(ascii.bits, other.bits);
        assert!(restates("Storm HITS the coast", "storm hits ‘THE’ coast"));
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
