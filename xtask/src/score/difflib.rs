//! Python's `difflib.SequenceMatcher` with `isjunk=None` and
//! `autojunk=True`, over sequences of code points: the scorer only calls
//! `SequenceMatcher(None, a, b).ratio()` on two strings.
//!
//! This is a line-by-line port of CPython 3.11's `difflib.py` (`__chain_b`,
//! `find_longest_match`, `get_matching_blocks`, `ratio`); with no junk
//! function the junk set is empty, so the "junk" extension loops of
//! `find_longest_match` never run and are left out.

use std::collections::HashMap;

/// A match `a[i..i + size] == b[j..j + size]`, like difflib's `Match`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Match {
    pub a: usize,
    pub b: usize,
    pub size: usize,
}

/// `difflib.SequenceMatcher(None, a, b)` for two sequences of characters.
#[derive(Debug, Clone)]
pub struct SequenceMatcher<'s> {
    a: &'s [char],
    b: &'s [char],
    /// For each element of `b` that is not popular, its indices in `b`,
    /// ascending.
    b2j: HashMap<char, Vec<usize>>,
}

impl<'s> SequenceMatcher<'s> {
    /// `SequenceMatcher(None, a, b)`, `autojunk=True`.
    pub fn new(a: &'s [char], b: &'s [char]) -> Self {
        let mut b2j: HashMap<char, Vec<usize>> = HashMap::new();
        for (i, &elt) in b.iter().enumerate() {
            b2j.entry(elt).or_default().push(i);
        }
        // Purge popular elements: with n >= 200, elements that occur more
        // than n // 100 + 1 times are dropped from the index.
        let n = b.len();
        if n >= 200 {
            let ntest = n / 100 + 1;
            b2j.retain(|_, idxs| idxs.len() <= ntest);
        }
        SequenceMatcher { a, b, b2j }
    }

    /// The longest matching block in `a[alo..ahi]` and `b[blo..bhi]`: of
    /// all maximal ones, the one starting earliest in `a`, then in `b`
    /// (before the extension over popular elements).
    pub fn find_longest_match(&self, alo: usize, ahi: usize, blo: usize, bhi: usize) -> Match {
        let (a, b) = (self.a, self.b);
        let (mut besti, mut bestj, mut bestsize) = (alo, blo, 0usize);
        // j2len[j] = length of the longest match ending with a[i-1] and b[j]
        let mut j2len: HashMap<usize, usize> = HashMap::new();
        let mut newj2len: HashMap<usize, usize> = HashMap::new();
        for (i, ai) in a.iter().enumerate().take(ahi).skip(alo) {
            newj2len.clear();
            if let Some(indices) = self.b2j.get(ai) {
                for &j in indices {
                    if j < blo {
                        continue;
                    }
                    if j >= bhi {
                        break;
                    }
                    let k = j
                        .checked_sub(1)
                        .and_then(|jm1| j2len.get(&jm1))
                        .copied()
                        .unwrap_or(0)
                        + 1;
                    newj2len.insert(j, k);
                    if k > bestsize {
                        besti = i + 1 - k;
                        bestj = j + 1 - k;
                        bestsize = k;
                    }
                }
            }
            std::mem::swap(&mut j2len, &mut newj2len);
        }
        // Extend the best by non-junk (here: any) elements on each end:
        // popular elements are not in b2j, so the best match so far contains
        // none of them.
        while besti > alo && bestj > blo && a[besti - 1] == b[bestj - 1] {
            besti -= 1;
            bestj -= 1;
            bestsize += 1;
        }
        while besti + bestsize < ahi
            && bestj + bestsize < bhi
            && a[besti + bestsize] == b[bestj + bestsize]
        {
            bestsize += 1;
        }
        Match {
            a: besti,
            b: bestj,
            size: bestsize,
        }
    }

    /// The matching blocks, ascending, adjacent ones merged, ending with the
    /// dummy `(len(a), len(b), 0)`.
    pub fn get_matching_blocks(&self) -> Vec<Match> {
        let (la, lb) = (self.a.len(), self.b.len());
        let mut queue = vec![(0, la, 0, lb)];
        let mut matching_blocks = Vec::new();
        while let Some((alo, ahi, blo, bhi)) = queue.pop() {
            let x = self.find_longest_match(alo, ahi, blo, bhi);
            let (i, j, k) = (x.a, x.b, x.size);
            if k > 0 {
                matching_blocks.push(x);
                if alo < i && blo < j {
                    queue.push((alo, i, blo, j));
                }
                if i + k < ahi && j + k < bhi {
                    queue.push((i + k, ahi, j + k, bhi));
                }
            }
        }
        matching_blocks.sort();

        let (mut i1, mut j1, mut k1) = (0, 0, 0);
        let mut non_adjacent = Vec::new();
        for m in matching_blocks {
            let (i2, j2, k2) = (m.a, m.b, m.size);
            if i1 + k1 == i2 && j1 + k1 == j2 {
                k1 += k2;
            } else {
                if k1 > 0 {
                    non_adjacent.push(Match {
                        a: i1,
                        b: j1,
                        size: k1,
                    });
                }
                (i1, j1, k1) = (i2, j2, k2);
            }
        }
        if k1 > 0 {
            non_adjacent.push(Match {
                a: i1,
                b: j1,
                size: k1,
            });
        }
        non_adjacent.push(Match {
            a: la,
            b: lb,
            size: 0,
        });
        non_adjacent
    }

    /// `2.0 * M / T`, M the matched elements, T the elements of both; 1.0
    /// when both are empty.
    pub fn ratio(&self) -> f64 {
        let matches: usize = self.get_matching_blocks().iter().map(|m| m.size).sum();
        calculate_ratio(matches, self.a.len() + self.b.len())
    }
}

fn calculate_ratio(matches: usize, length: usize) -> f64 {
    if length > 0 {
        2.0 * matches as f64 / length as f64
    } else {
        1.0
    }
}

/// `difflib.SequenceMatcher(None, a, b).ratio()` of two strings.
pub fn ratio(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    SequenceMatcher::new(&a, &b).ratio()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The generator both sides use: a 64-bit LCG, output bits 33..64.
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            self.0 >> 33
        }
    }

    fn gen(seed: u64, n: usize, alphabet: &[char]) -> Vec<char> {
        let mut r = Lcg(seed);
        (0..n)
            .map(|_| alphabet[(r.next() % alphabet.len() as u64) as usize])
            .collect()
    }

    /// Deletes, replaces or inserts after about `rate`‰ of the characters.
    fn mutate(a: &[char], seed: u64, rate: u64, alphabet: &[char]) -> Vec<char> {
        let mut r = Lcg(seed);
        let mut out = Vec::new();
        for &c in a {
            let x = r.next() % 1000;
            if x < rate / 3 {
            } else if x < 2 * rate / 3 {
                out.push(alphabet[(r.next() % alphabet.len() as u64) as usize]);
            } else if x < rate {
                out.push(c);
                out.push(alphabet[(r.next() % alphabet.len() as u64) as usize]);
            } else {
                out.push(c);
            }
        }
        out
    }

    // Expected ratios: `difflib.SequenceMatcher(None, a, b).ratio()` printed
    // with repr() by python3 3.11.7, from a script that builds the same
    // strings with the same LCG (Lcg, gen and mutate above, in Python).
    const LITERAL: &[(&str, &str, f64)] = &[
        ("", "", 1.0),
        ("a", "", 0.0),
        ("", "abc", 0.0),
        ("abcd", "bcde", 0.75),
        ("abxcd", "abcd", 0.8888888888888888),
        (" abcd", "abcd abcd", 0.7142857142857143),
        (
            "private Thread currentThread;",
            "private volatile Thread currentThread;",
            0.8656716417910447,
        ),
        (
            "Putin issuing Russian uniforms to North Korean troops, says Pentagon",
            "Putin issuing Russian uniforms to North Korean troops says Pentagon",
            0.9925925925925926,
        ),
        (
            "germany pledges €200m in winter aid for ukraine",
            "germany pledges €200 m in winter aid for ukraine",
            0.9894736842105263,
        ),
        (
            "uk becomes president of the un security council",
            "uk is now president of the un security council",
            0.8817204301075269,
        ),
        (
            "moldova’s pro-eu president maia sandu wins close election",
            "moldova's pro-eu president maia sandu wins election",
            0.9259259259259259,
        ),
        (
            "un chief ‘very concerned’ about north korean troops in russia",
            "un chief 'very concerned' about reports of north korean troops in russia",
            0.8872180451127819,
        ),
        ("ΟΔΟΣ", "οδος", 0.0),
        ("aaaaaaaaaa", "aaaaa", 0.6666666666666666),
        ("abababab", "babababa", 0.875),
        ("qwerty", "ytrewq", 0.16666666666666666),
        ("東京タワー", "東京スカイツリー", 0.46153846153846156),
    ];
    // (alphabet, seed_a, len_a, seed_b, rate_permille, expected) — b = mutate(a)
    const GENERATED: &[(&str, u64, usize, u64, u64, f64)] = &[
        ("ab", 2, 50, 15, 30, 0.9803921568627451),
        ("ab", 3, 50, 22, 200, 0.92),
        ("ab", 4, 50, 29, 600, 0.72),
        ("ab", 5, 150, 36, 30, 0.9900332225913622),
        ("ab", 6, 150, 43, 200, 0.9072847682119205),
        ("ab", 7, 150, 50, 600, 0.49169435215946844),
        ("ab", 8, 199, 57, 30, 0.3157894736842105),
        ("ab", 9, 199, 64, 200, 0.11471321695760599),
        ("ab", 10, 199, 71, 600, 0.004962779156327543),
        ("ab", 11, 200, 78, 30, 0.9798994974874372),
        ("ab", 12, 200, 85, 200, 0.8671679197994987),
        ("ab", 13, 200, 92, 600, 0.014778325123152709),
        ("ab", 14, 201, 99, 30, 0.22942643391521197),
        ("ab", 15, 201, 106, 200, 0.029484029484029485),
        ("ab", 16, 201, 113, 600, 0.33248081841432225),
        ("ab", 17, 260, 120, 30, 0.2350674373795761),
        ("ab", 18, 260, 127, 200, 0.007751937984496124),
        ("ab", 19, 260, 134, 600, 0.012024048096192385),
        ("ab", 20, 450, 141, 30, 0.013392857142857142),
        ("ab", 21, 450, 148, 200, 0.015521064301552107),
        ("ab", 22, 450, 155, 600, 0.0),
        ("ab", 23, 900, 162, 30, 0.018878400888395337),
        ("ab", 24, 900, 169, 200, 0.004464285714285714),
        ("ab", 25, 900, 176, 600, 0.0043980208905992305),
        ("abcde ", 26, 50, 183, 30, 1.0),
        ("abcde ", 27, 50, 190, 200, 0.8421052631578947),
        ("abcde ", 28, 50, 197, 600, 0.3619047619047619),
        ("abcde ", 29, 150, 204, 30, 0.9666666666666667),
        ("abcde ", 30, 150, 211, 200, 0.8866666666666667),
        ("abcde ", 31, 150, 218, 600, 0.5743243243243243),
        ("abcde ", 32, 199, 225, 30, 0.9849246231155779),
        ("abcde ", 33, 199, 232, 200, 0.8967254408060453),
        ("abcde ", 34, 199, 239, 600, 0.019464720194647202),
        ("abcde ", 35, 200, 246, 30, 0.025),
        ("abcde ", 36, 200, 253, 200, 0.898989898989899),
        ("abcde ", 37, 200, 260, 600, 0.18592964824120603),
        ("abcde ", 38, 201, 267, 30, 0.2524752475247525),
        ("abcde ", 39, 201, 274, 200, 0.019704433497536946),
        ("abcde ", 40, 201, 281, 600, 0.014962593516209476),
        ("abcde ", 41, 260, 288, 30, 0.015533980582524271),
        ("abcde ", 42, 260, 295, 200, 0.007692307692307693),
        ("abcde ", 43, 260, 302, 600, 0.011695906432748537),
        ("abcde ", 44, 450, 309, 30, 0.06),
        ("abcde ", 45, 450, 316, 200, 0.024096385542168676),
        ("abcde ", 46, 450, 323, 600, 0.0),
        ("abcde ", 47, 900, 330, 30, 0.005574136008918618),
        ("abcde ", 48, 900, 337, 200, 0.0077951002227171495),
        ("abcde ", 49, 900, 344, 600, 0.0022185246810870773),
        (
            "abcdefghijklmnopqrstuvwxyz     ",
            50,
            50,
            351,
            30,
            0.9900990099009901,
        ),
        (
            "abcdefghijklmnopqrstuvwxyz     ",
            51,
            50,
            358,
            200,
            0.8712871287128713,
        ),
        (
            "abcdefghijklmnopqrstuvwxyz     ",
            52,
            50,
            365,
            600,
            0.7083333333333334,
        ),
        (
            "abcdefghijklmnopqrstuvwxyz     ",
            53,
            150,
            372,
            30,
            0.9671052631578947,
        ),
        (
            "abcdefghijklmnopqrstuvwxyz     ",
            54,
            150,
            379,
            200,
            0.8986486486486487,
        ),
        (
            "abcdefghijklmnopqrstuvwxyz     ",
            55,
            150,
            386,
            600,
            0.4406779661016949,
        ),
        (
            "abcdefghijklmnopqrstuvwxyz     ",
            56,
            199,
            393,
            30,
            0.9798994974874372,
        ),
        (
            "abcdefghijklmnopqrstuvwxyz     ",
            57,
            199,
            400,
            200,
            0.8638743455497382,
        ),
        (
            "abcdefghijklmnopqrstuvwxyz     ",
            58,
            199,
            407,
            600,
            0.0297029702970297,
        ),
        ("abcdefghijklmnopqrstuvwxyz     ", 59, 200, 414, 30, 0.72),
        (
            "abcdefghijklmnopqrstuvwxyz     ",
            60,
            200,
            421,
            200,
            0.8743718592964824,
        ),
        (
            "abcdefghijklmnopqrstuvwxyz     ",
            61,
            200,
            428,
            600,
            0.6448362720403022,
        ),
        (
            "abcdefghijklmnopqrstuvwxyz     ",
            62,
            201,
            435,
            30,
            0.681592039800995,
        ),
        (
            "abcdefghijklmnopqrstuvwxyz     ",
            63,
            201,
            442,
            200,
            0.2885572139303483,
        ),
        (
            "abcdefghijklmnopqrstuvwxyz     ",
            64,
            201,
            449,
            600,
            0.5063938618925832,
        ),
        (
            "abcdefghijklmnopqrstuvwxyz     ",
            65,
            260,
            456,
            30,
            0.7052023121387283,
        ),
        (
            "abcdefghijklmnopqrstuvwxyz     ",
            66,
            260,
            463,
            200,
            0.011363636363636364,
        ),
        (
            "abcdefghijklmnopqrstuvwxyz     ",
            67,
            260,
            470,
            600,
            0.011673151750972763,
        ),
        (
            "abcdefghijklmnopqrstuvwxyz     ",
            68,
            450,
            477,
            30,
            0.048834628190899,
        ),
        (
            "abcdefghijklmnopqrstuvwxyz     ",
            69,
            450,
            484,
            200,
            0.0175054704595186,
        ),
        (
            "abcdefghijklmnopqrstuvwxyz     ",
            70,
            450,
            491,
            600,
            0.006622516556291391,
        ),
        (
            "abcdefghijklmnopqrstuvwxyz     ",
            71,
            900,
            498,
            30,
            0.034521158129175944,
        ),
        (
            "abcdefghijklmnopqrstuvwxyz     ",
            72,
            900,
            505,
            200,
            0.006611570247933884,
        ),
        (
            "abcdefghijklmnopqrstuvwxyz     ",
            73,
            900,
            512,
            600,
            0.003355704697986577,
        ),
        ("αβγ€é 😀", 74, 50, 519, 30, 0.98),
        ("αβγ€é 😀", 75, 50, 526, 200, 0.8235294117647058),
        ("αβγ€é 😀", 76, 50, 533, 600, 0.6804123711340206),
        ("αβγ€é 😀", 77, 150, 540, 30, 0.9900332225913622),
        ("αβγ€é 😀", 78, 150, 547, 200, 0.8805460750853242),
        ("αβγ€é 😀", 79, 150, 554, 600, 0.5540540540540541),
        ("αβγ€é 😀", 80, 199, 561, 30, 0.3208020050125313),
        ("αβγ€é 😀", 81, 199, 568, 200, 0.009852216748768473),
        ("αβγ€é 😀", 82, 199, 575, 600, 0.2552083333333333),
        ("αβγ€é 😀", 83, 200, 582, 30, 0.095),
        ("αβγ€é 😀", 84, 200, 589, 200, 0.8866498740554156),
        ("αβγ€é 😀", 85, 200, 596, 600, 0.004962779156327543),
        ("αβγ€é 😀", 86, 201, 603, 30, 0.9824561403508771),
        ("αβγ€é 😀", 87, 201, 610, 200, 0.8888888888888888),
        ("αβγ€é 😀", 88, 201, 617, 600, 0.009950248756218905),
        ("αβγ€é 😀", 89, 260, 624, 30, 0.17208413001912046),
        ("αβγ€é 😀", 90, 260, 631, 200, 0.007590132827324478),
        ("αβγ€é 😀", 91, 260, 638, 600, 0.0038461538461538464),
        ("αβγ€é 😀", 92, 450, 645, 30, 0.25863991081382387),
        ("αβγ€é 😀", 93, 450, 652, 200, 0.002224694104560623),
        ("αβγ€é 😀", 94, 450, 659, 600, 0.002242152466367713),
        ("αβγ€é 😀", 95, 900, 666, 30, 0.027948574622694244),
        ("αβγ€é 😀", 96, 900, 673, 200, 0.0),
        ("αβγ€é 😀", 97, 900, 680, 600, 0.001105583195135434),
    ];
    // (alphabet, seed_a, len_a, seed_b, len_b, expected) — two independent strings
    const INDEPENDENT: &[(&str, u64, usize, u64, usize, f64)] = &[
        ("ab", 98, 10, 1098, 12, 0.5454545454545454),
        ("ab", 99, 199, 1099, 201, 0.005),
        ("ab", 100, 300, 1100, 250, 0.0036363636363636364),
        ("ab", 101, 500, 1101, 700, 0.0),
        ("abcde ", 102, 10, 1102, 12, 0.2727272727272727),
        ("abcde ", 103, 199, 1103, 201, 0.0),
        ("abcde ", 104, 300, 1104, 250, 0.0),
        ("abcde ", 105, 500, 1105, 700, 0.0),
        (
            "abcdefghijklmnopqrstuvwxyz     ",
            106,
            10,
            1106,
            12,
            0.18181818181818182,
        ),
        ("abcdefghijklmnopqrstuvwxyz     ", 107, 199, 1107, 201, 0.03),
        ("abcdefghijklmnopqrstuvwxyz     ", 108, 300, 1108, 250, 0.0),
        ("abcdefghijklmnopqrstuvwxyz     ", 109, 500, 1109, 700, 0.0),
        ("αβγ€é 😀", 110, 10, 1110, 12, 0.18181818181818182),
        ("αβγ€é 😀", 111, 199, 1111, 201, 0.0),
        ("αβγ€é 😀", 112, 300, 1112, 250, 0.0),
        ("αβγ€é 😀", 113, 500, 1113, 700, 0.0),
    ];

    #[test]
    fn literal_pairs_match_python() {
        for &(a, b, expected) in LITERAL {
            assert_eq!(ratio(a, b), expected, "{a:?} vs {b:?}");
        }
    }

    #[test]
    fn mutated_pairs_match_python() {
        for &(alphabet, seed_a, len_a, seed_b, rate, expected) in GENERATED {
            let alphabet: Vec<char> = alphabet.chars().collect();
            let a = gen(seed_a, len_a, &alphabet);
            let b = mutate(&a, seed_b, rate, &alphabet);
            let got = SequenceMatcher::new(&a, &b).ratio();
            assert_eq!(
                got,
                expected,
                "seed {seed_a}, len {len_a}/{}, rate {rate}",
                b.len()
            );
        }
    }

    #[test]
    fn independent_pairs_match_python() {
        for &(alphabet, seed_a, len_a, seed_b, len_b, expected) in INDEPENDENT {
            let alphabet: Vec<char> = alphabet.chars().collect();
            let a = gen(seed_a, len_a, &alphabet);
            let b = gen(seed_b, len_b, &alphabet);
            assert_eq!(
                SequenceMatcher::new(&a, &b).ratio(),
                expected,
                "seed {seed_a}"
            );
        }
    }

    #[test]
    fn matching_blocks_like_python() {
        // difflib's own doctests
        let a: Vec<char> = "abxcd".chars().collect();
        let b: Vec<char> = "abcd".chars().collect();
        let blocks = SequenceMatcher::new(&a, &b).get_matching_blocks();
        let triples: Vec<_> = blocks.iter().map(|m| (m.a, m.b, m.size)).collect();
        assert_eq!(triples, [(0, 0, 2), (3, 2, 2), (5, 4, 0)]);
        let a: Vec<char> = " abcd".chars().collect();
        let b: Vec<char> = "abcd abcd".chars().collect();
        let m = SequenceMatcher::new(&a, &b).find_longest_match(0, 5, 0, 9);
        assert_eq!((m.a, m.b, m.size), (0, 4, 5));
    }

    #[test]
    fn popular_elements_are_ignored_from_200_on() {
        // python3: a = "a"*5 + "b"*195; b = "b"*195 + "a"*5
        // SequenceMatcher(None, a, b).ratio() == 0.0: with 200 elements both
        // "a" (5 > 200 // 100 + 1) and "b" are popular, nothing is indexed;
        // SequenceMatcher(None, a[:199], b[1:]).ratio() == 0.9748743718592965
        let a: Vec<char> = ("aaaaa".to_string() + &"b".repeat(195)).chars().collect();
        let b: Vec<char> = ("b".repeat(195) + "aaaaa").chars().collect();
        assert_eq!(SequenceMatcher::new(&a, &b).ratio(), 0.0);
        let b2: Vec<char> = b[1..].to_vec();
        let a2: Vec<char> = a[..199].to_vec();
        assert_eq!(SequenceMatcher::new(&a2, &b2).ratio(), 0.9748743718592965);
    }
}
