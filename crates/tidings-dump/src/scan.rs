//! Branch-free byte scans that compile to vector code.
//!
//! Lines are short (tens of bytes) and most tests find nothing, so stopping
//! at each match (or testing each chunk) costs more than testing every
//! byte: these scans test them all, in fixed-size chunks whose results are
//! ORed into per-lane accumulators and combined once at the end.

/// How many bytes are tested at a time.
const LANES: usize = 16;

/// The byte paired with the last byte of a text: a lowercase letter, which
/// is no mark, space, control, quote or uppercase letter.
const AFTER_LAST: u8 = b'a';

/// ORs `test(b, n)` over every byte `b` of `bytes` and the byte `n` that
/// follows it ([`AFTER_LAST`] for the last one).
///
/// `test` should be branch-free (`&`, `|`, comparisons) so that the loop
/// over a chunk becomes vector code.
#[inline]
pub(crate) fn or_pairs(bytes: &[u8], test: impl Fn(u8, u8) -> u8) -> u8 {
    let Some((&last, init)) = bytes.split_last() else {
        return 0;
    };
    let next = bytes.get(1..).unwrap_or_default();
    let mut found = test(last, AFTER_LAST);
    if init.len() < LANES {
        for (&b, &n) in init.iter().zip(next) {
            found |= test(b, n);
        }
        return found;
    }
    let mut lanes = [0u8; LANES];
    for (chunk, following) in init.chunks_exact(LANES).zip(next.chunks_exact(LANES)) {
        scan_chunk(&mut lanes, chunk, following, &test);
    }
    // The rest, as one last chunk that overlaps the one before: results are
    // ORed, so testing bytes twice does no harm.
    let from = init.len() - LANES;
    if let (Some(chunk), Some(following)) = (init.get(from..), next.get(from..init.len())) {
        scan_chunk(&mut lanes, chunk, following, &test);
    }
    lanes.iter().fold(found, |all, &lane| all | lane)
}

/// ORs `test` of each byte of `chunk` and the byte of `following` in the
/// same lane into `lanes`; both are [`LANES`] long (anything else is
/// ignored).
#[inline]
fn scan_chunk(
    lanes: &mut [u8; LANES],
    chunk: &[u8],
    following: &[u8],
    test: &impl Fn(u8, u8) -> u8,
) {
    if let (Ok(chunk), Ok(following)) = (
        <&[u8; LANES]>::try_from(chunk),
        <&[u8; LANES]>::try_from(following),
    ) {
        // Indexing fixed-size arrays (rather than zipping iterators) is
        // what the vectoriser recognises.
        #[allow(clippy::needless_range_loop)]
        for lane in 0..LANES {
            lanes[lane] |= test(chunk[lane], following[lane]);
        }
    }
}

/// The offsets where `find` matches in a text, asked about range by range
/// in order: one search over the whole text replaces one per line, which
/// for short lines costs more in set-up than in scanning.
pub(crate) struct Hits<'a, F> {
    bytes: &'a [u8],
    /// The first match at or after `from`: `Some(offset)` in `bytes`.
    find: F,
    /// The first match at or after the last `start` asked about.
    next: Option<usize>,
}

impl<'a, F: Fn(&[u8], usize) -> Option<usize>> Hits<'a, F> {
    pub(crate) fn new(bytes: &'a [u8], find: F) -> Self {
        let next = find(bytes, 0);
        Hits { bytes, find, next }
    }

    /// Whether a match starts in `start..end`. Calls must come with
    /// non-decreasing `start`s; the total work is one pass over the bytes.
    pub(crate) fn any_in(&mut self, start: usize, end: usize) -> bool {
        while let Some(at) = self.next.filter(|&at| at < start) {
            self.next = (self.find)(self.bytes, at + 1);
        }
        self.next.is_some_and(|at| at < end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain loop `or_pairs` must agree with.
    fn reference(bytes: &[u8], test: impl Fn(u8, u8) -> u8) -> u8 {
        (0..bytes.len()).fold(0, |found, i| {
            found | test(bytes[i], bytes.get(i + 1).copied().unwrap_or(AFTER_LAST))
        })
    }

    #[test]
    fn every_pair_is_tested_once_or_more() {
        let pair = |b: u8, n: u8| u8::from(b == b'x') | (u8::from((b == b'y') & (n == b'z')) << 1);
        for len in 0..70 {
            for at in 0..len {
                for insert in [&b"x"[..], b"yz", b"y", b"z", b"zy"] {
                    let mut bytes = vec![b'.'; len];
                    bytes.splice(at..at, insert.iter().copied());
                    assert_eq!(or_pairs(&bytes, pair), reference(&bytes, pair), "{bytes:?}");
                }
            }
        }
        assert_eq!(or_pairs(b"", pair), 0);
        // The last byte is followed by AFTER_LAST, never by a `z`.
        assert_eq!(or_pairs(b"...y", pair), 0);
    }
}
