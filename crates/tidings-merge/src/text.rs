//! Words, shingles and hashes: how two texts are compared.
//!
//! Texts are compared by their *words*: Unicode NFKC, lowercased, split on
//! everything that is not a letter or a digit (so punctuation, quote style
//! and whitespace never matter). A text's *shingles* are its runs of
//! [`SHINGLE_WORDS`] consecutive words; near-duplicates are texts whose
//! shingle sets have a high Jaccard similarity.

use std::borrow::Cow;

use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};
use xxhash_rust::xxh3::{xxh3_64, Xxh3Default};

/// Words per shingle.
pub(crate) const SHINGLE_WORDS: usize = 3;

/// Appends the hash of each word of `text` to `out`; returns how many words
/// were appended.
pub(crate) fn word_hashes(text: &str, out: &mut Vec<u64>) -> usize {
    let before = out.len();
    let text: Cow<'_, str> = if text.is_ascii() || is_nfkc_quick(text.chars()) == IsNormalized::Yes
    {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfkc().collect())
    };
    let mut word = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            if c.is_ascii() {
                word.push(c.to_ascii_lowercase());
            } else {
                word.extend(c.to_lowercase());
            }
        } else if !word.is_empty() {
            out.push(xxh3_64(word.as_bytes()));
            word.clear();
        }
    }
    if !word.is_empty() {
        out.push(xxh3_64(word.as_bytes()));
    }
    out.len() - before
}

/// The words of an entry: the headline's, then each paragraph's, in one
/// stream (shingles run across the boundaries).
pub(crate) fn entry_words<S: AsRef<str>>(headline: Option<&str>, body: &[S]) -> Vec<u64> {
    let mut words = Vec::new();
    if let Some(headline) = headline {
        word_hashes(headline, &mut words);
    }
    for paragraph in body {
        word_hashes(paragraph.as_ref(), &mut words);
    }
    words
}

/// The hash of a sequence of words (a paragraph, a body): equal for texts
/// with the same words, whatever their punctuation, case or Unicode form.
pub(crate) fn words_hash(words: &[u64]) -> u64 {
    let mut hasher = Xxh3Default::new();
    for word in words {
        hasher.update(&word.to_le_bytes());
    }
    hasher.update(&(words.len() as u64).to_le_bytes());
    hasher.digest()
}

/// The hash of one paragraph, or `None` when it has no words.
pub(crate) fn paragraph_hash(text: &str, scratch: &mut Vec<u64>) -> Option<u64> {
    scratch.clear();
    (word_hashes(text, scratch) > 0).then(|| words_hash(scratch))
}

/// The final mix of MurmurHash3: spreads every input bit over the output.
pub(crate) fn fmix64(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    h
}

/// The shingle hashes of a word sequence, in order, with repeats. A text
/// shorter than one shingle has a single shingle made of all its words; an
/// empty text has none.
pub(crate) fn shingles(words: &[u64]) -> Vec<u64> {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    if words.is_empty() {
        return Vec::new();
    }
    if words.len() < SHINGLE_WORDS {
        let h = words
            .iter()
            .fold(0u64, |h, &w| (h.rotate_left(23) ^ w).wrapping_mul(K));
        return vec![fmix64(h)];
    }
    words
        .windows(SHINGLE_WORDS)
        .map(|w| {
            let h = w
                .iter()
                .fold(0u64, |h, &w| (h.rotate_left(23) ^ w).wrapping_mul(K));
            fmix64(h)
        })
        .collect()
}

/// The shingle set (sorted, without repeats) of a word sequence.
pub(crate) fn shingle_set(words: &[u64]) -> Vec<u64> {
    let mut set = shingles(words);
    set.sort_unstable();
    set.dedup();
    set
}

/// The Jaccard similarity of two sorted sets: |A ∩ B| / |A ∪ B|; two empty
/// sets are not similar (0).
pub(crate) fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    both as f64 / (a.len() + b.len() - both) as f64
}

/// The Jaccard similarity of the shingle sets of two entries.
pub(crate) fn entry_similarity<S: AsRef<str>, T: AsRef<str>>(
    a: (Option<&str>, &[S]),
    b: (Option<&str>, &[T]),
) -> f64 {
    jaccard(
        &shingle_set(&entry_words(a.0, a.1)),
        &shingle_set(&entry_words(b.0, b.1)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<u64> {
        let mut out = Vec::new();
        word_hashes(text, &mut out);
        out
    }

    #[test]
    fn words_ignore_case_punctuation_quotes_and_unicode_form() {
        assert_eq!(
            words("Kyiv’s “air” defence."),
            words("kyiv's \"AIR\"  defence")
        );
        assert_eq!(words("Caf\u{e9} ﬁne"), words("Cafe\u{301} fine"));
        assert_eq!(words("a-b c").len(), 3);
        assert!(words(" … — ").is_empty());
    }

    #[test]
    fn paragraph_hash_is_by_words() {
        let mut scratch = Vec::new();
        assert_eq!(
            paragraph_hash("The UK, which…", &mut scratch),
            paragraph_hash("the uk which", &mut scratch)
        );
        assert_ne!(
            paragraph_hash("the uk which", &mut scratch),
            paragraph_hash("the uk that", &mut scratch)
        );
        assert_eq!(paragraph_hash(" ... ", &mut scratch), None);
    }

    #[test]
    fn shingles_of_short_and_long_texts() {
        assert!(shingles(&[]).is_empty());
        assert_eq!(shingles(&words("one two")).len(), 1);
        assert_eq!(shingles(&words("one two three four")).len(), 2);
        // Order matters within a shingle.
        assert_ne!(shingles(&words("a b c")), shingles(&words("c b a")));
    }

    #[test]
    fn jaccard_of_sets() {
        assert_eq!(jaccard(&[1, 2, 3], &[2, 3, 4]), 0.5);
        assert_eq!(jaccard(&[1], &[1]), 1.0);
        assert_eq!(jaccard(&[], &[]), 0.0);
        let a = ["one two three four five six seven eight nine ten"];
        let b = ["one two three four five six seven eight nine eleven"];
        // 8 shingles, 7 shared.
        assert!((entry_similarity((None, &a[..]), (None, &b[..])) - 7.0 / 9.0).abs() < 1e-9);
    }
}
