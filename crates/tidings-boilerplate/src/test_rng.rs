//! A seeded random stream for the tests that compare a fast path with its
//! plain definition on many generated lines: fixed seeds keep a failure
//! reproducible without a dependency.

/// Xorshift64: each call returns the next number of the stream of `seed`
/// (not zero).
pub(crate) fn xorshift(seed: u64) -> impl FnMut() -> u64 {
    let mut state = seed;
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    }
}
