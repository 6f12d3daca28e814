//! MinHash signatures and LSH banding.
//!
//! A signature holds [`HASHES`] minimum hash values of a shingle set, one per
//! hash function; two sets agree on one value with probability equal to their
//! Jaccard similarity. The signature is cut into [`BANDS`] bands of [`ROWS`]
//! values; two entries become *candidates* when they agree on a whole band,
//! which happens with probability `1 - (1 - J^ROWS)^BANDS` (≈ 0.87 at
//! J = 0.5, 0.99 at J = 0.6, > 0.999 at J ≥ 0.7, 0.05 at J = 0.2). Only
//! candidates are compared, so merging is near-linear in the number of
//! entries.

use xxhash_rust::xxh3::xxh3_64;

use crate::text::fmix64;

/// Hash functions (values) per signature.
pub(crate) const HASHES: usize = 128;
/// Values per band.
pub(crate) const ROWS: usize = 4;
/// Bands per signature.
pub(crate) const BANDS: usize = HASHES / ROWS;

/// Entries with fewer shingles than this get no signature: they are merged
/// only when exactly equal (a handful of words says too little to call two
/// texts near-duplicates).
pub(crate) const MIN_SHINGLES: usize = 5;

/// The coefficients of the hash family `h_i(x) = (a_i·x + b_i) >> 32`
/// (multiply-shift over 64-bit shingle hashes), fixed forever so that
/// signatures stored in a database stay comparable.
struct Family {
    a: [u64; HASHES],
    b: [u64; HASHES],
}

const fn splitmix(state: u64) -> (u64, u64) {
    let state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    (state, z ^ (z >> 31))
}

const fn family() -> Family {
    let mut a = [0u64; HASHES];
    let mut b = [0u64; HASHES];
    let mut state = 0x7469_6469_6e67_7321; // "tidings!"
    let mut i = 0;
    while i < HASHES {
        let (s, x) = splitmix(state);
        let (s, y) = splitmix(s);
        state = s;
        a[i] = x | 1;
        b[i] = y;
        i += 1;
    }
    Family { a, b }
}

static FAMILY: Family = family();

/// A MinHash signature.
pub(crate) type Signature = [u32; HASHES];

/// A boxed signature that prints as `Sketch(..)`.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Sketch(pub(crate) Box<Signature>);

impl std::fmt::Debug for Sketch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sketch(..)")
    }
}

impl std::ops::Deref for Sketch {
    type Target = Signature;

    fn deref(&self) -> &Signature {
        &self.0
    }
}

/// The signature of a shingle list (repeats are harmless), or `None` when it
/// has fewer than [`MIN_SHINGLES`] distinct shingles.
pub(crate) fn signature(shingles: &[u64]) -> Option<Box<Signature>> {
    let mut distinct = shingles.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() < MIN_SHINGLES {
        return None;
    }
    let mut sig = Box::new([u32::MAX; HASHES]);
    for &x in &distinct {
        for i in 0..HASHES {
            let v = (FAMILY.a[i].wrapping_mul(x).wrapping_add(FAMILY.b[i]) >> 32) as u32;
            if v < sig[i] {
                sig[i] = v;
            }
        }
    }
    Some(sig)
}

/// The bucket key of band `band` of a signature.
pub(crate) fn band_key(sig: &Signature, band: usize) -> u64 {
    let mut bytes = [0u8; ROWS * 4];
    for (k, v) in sig[band * ROWS..(band + 1) * ROWS].iter().enumerate() {
        bytes[k * 4..k * 4 + 4].copy_from_slice(&v.to_le_bytes());
    }
    fmix64(xxh3_64(&bytes) ^ band as u64)
}

/// The fraction of equal values: an unbiased estimate of the Jaccard
/// similarity of the two shingle sets.
pub(crate) fn estimate(a: &Signature, b: &Signature) -> f64 {
    let equal = a.iter().zip(b.iter()).filter(|(x, y)| x == y).count();
    equal as f64 / HASHES as f64
}

/// A signature as bytes (little-endian `u32`s), as stored in SQLite.
pub(crate) fn to_bytes(sig: &Signature) -> Vec<u8> {
    sig.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// The signature stored by [`to_bytes`], or `None` for any other blob.
pub(crate) fn from_bytes(bytes: &[u8]) -> Option<Box<Signature>> {
    if bytes.len() != HASHES * 4 {
        return None;
    }
    let mut sig = Box::new([0u32; HASHES]);
    for (v, chunk) in sig.iter_mut().zip(bytes.chunks_exact(4)) {
        *v = u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
    }
    Some(sig)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{entry_words, shingle_set, shingles};

    fn sig(text: &str) -> Box<Signature> {
        signature(&shingles(&entry_words(None, &[text]))).unwrap()
    }

    #[test]
    fn short_texts_get_no_signature() {
        assert!(signature(&shingles(&entry_words(None, &["More soon."]))).is_none());
        assert!(signature(&[1, 2, 3, 4, 4, 4]).is_none());
        assert!(signature(&[1, 2, 3, 4, 5]).is_some());
    }

    #[test]
    fn estimate_tracks_jaccard() {
        let base: Vec<String> = (0..200).map(|i| format!("w{i}")).collect();
        let a = base.join(" ");
        let mut edited = base.clone();
        for i in (0..200).step_by(20) {
            edited[i] = format!("x{i}");
        }
        let b = edited.join(" ");
        let exact = crate::text::jaccard(
            &shingle_set(&entry_words(None, &[&a])),
            &shingle_set(&entry_words(None, &[&b])),
        );
        let est = estimate(&sig(&a), &sig(&b));
        assert!(
            (est - exact).abs() < 0.15,
            "estimate {est} vs exact {exact}"
        );
        assert_eq!(estimate(&sig(&a), &sig(&a)), 1.0);
    }

    #[test]
    fn bytes_round_trip() {
        let s = sig("one two three four five six seven eight");
        assert_eq!(from_bytes(&to_bytes(&s)).unwrap(), s);
        assert!(from_bytes(&[1, 2, 3]).is_none());
    }

    #[test]
    fn family_is_pinned() {
        // Signatures are stored in databases: the family must never change.
        assert_eq!(FAMILY.a[0] & 1, 1);
        let s = sig("the quick brown fox jumps over the lazy dog");
        assert_eq!(band_key(&s, 0), band_key(&s.clone(), 0));
        assert_ne!(band_key(&s, 0), band_key(&s, 1));
    }
}
