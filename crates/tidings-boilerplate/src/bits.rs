//! Bit sets as slices of words: of candidates per line, of rules.

/// Sets bit `index` of a bit set.
pub(crate) fn set_bit(bits: &mut [u64], index: usize) {
    bits[index / 64] |= 1 << (index % 64);
}

/// Clears bit `index` of a bit set.
pub(crate) fn clear_bit(bits: &mut [u64], index: usize) {
    bits[index / 64] &= !(1 << (index % 64));
}

/// Whether bit `index` of a bit set is set.
pub(crate) fn is_set(bits: &[u64], index: usize) -> bool {
    bits.get(index / 64)
        .is_some_and(|word| word & (1 << (index % 64)) != 0)
}

/// The indices of the set bits of a bit set given word by word, in
/// increasing order.
pub(crate) fn ones(words: impl IntoIterator<Item = u64>) -> impl Iterator<Item = usize> {
    words.into_iter().enumerate().flat_map(|(w, mut word)| {
        std::iter::from_fn(move || {
            (word != 0).then(|| {
                let bit = word.trailing_zeros() as usize;
                word &= word - 1;
                w * 64 + bit
            })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ones_lists_set_bits_in_order_across_words() {
        let mut bits = vec![0u64; 3];
        for index in [0, 5, 63, 64, 130, 191] {
            set_bit(&mut bits, index);
        }
        assert_eq!(
            ones(bits.iter().copied()).collect::<Vec<_>>(),
            [0, 5, 63, 64, 130, 191]
        );
        assert_eq!(ones([0u64, 0]).count(), 0);
        assert!(is_set(&bits, 130) && !is_set(&bits, 131) && !is_set(&bits, 500));
    }
}
