//! What a careful reader notices about one line on its own.

/// How a line ends, after any closing quotes and brackets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// `.` `…` (a sentence).
    FullStop,
    /// `?` or `!`.
    Exclamation,
    /// `,` `;` `:` `–` or `-` (the text goes on elsewhere).
    Continuation,
    /// A letter, digit or anything else: the way headlines end.
    Open,
}

/// Surface features of one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Features {
    /// Words, split on spaces.
    pub words: usize,
    /// Characters (not bytes).
    pub chars: usize,
    /// See [`Ending`].
    pub ending: Ending,
    /// Starts with an uppercase letter, a digit, or a quote or bracket
    /// followed by one.
    pub starts_capitalised: bool,
    /// The last word is an article, preposition or conjunction (`the`,
    /// `of`, `and`…): a sentence cut off, never the end of a headline.
    pub ends_on_function_word: bool,
}

/// Words a headline never ends on. A line that does is a paragraph cut off
/// mid-sentence (an excerpt, or the end of a scraped page). A `match`
/// rather than a list: it is asked of every line, and compiles to a few
/// integer comparisons.
fn is_function_word(word: &str) -> bool {
    matches!(
        word,
        "a" | "an"
            | "the"
            | "of"
            | "to"
            | "in"
            | "on"
            | "at"
            | "for"
            | "with"
            | "from"
            | "by"
            | "and"
            | "or"
            | "but"
            | "that"
            | "which"
            | "who"
            | "as"
            | "than"
            | "into"
            | "onto"
            | "over"
            | "its"
            | "their"
            | "his"
            | "her"
            | "our"
            | "your"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "could"
            | "should"
            | "if"
            | "because"
            | "while"
            | "when"
            | "where"
    )
}

/// Most words a headline has. Headlines in the wild run to 20 or so words;
/// a longer open-ended line is a paragraph whose full stop was lost.
pub const MAX_HEADLINE_WORDS: usize = 30;
/// Most characters a headline has.
pub const MAX_HEADLINE_CHARS: usize = 250;

impl Features {
    /// Reads the features of `line` (already normalised: trimmed, one
    /// space between words).
    pub fn of(line: &str) -> Features {
        let (words, chars) = count_words_and_chars(line);
        Features {
            words,
            chars,
            ending: ending(line),
            starts_capitalised: starts_capitalised(line),
            ends_on_function_word: is_function_word(last_word(line)),
        }
    }

    /// Could this line be a headline, judged alone? Short, capitalised, and
    /// not ending like a sentence or a clause that goes on.
    pub fn headline_like(&self) -> bool {
        // One word is a label (`Comments`), unless it is exclaimed (`GOAL!`).
        let enough_words = self.words >= 2 || self.ending == Ending::Exclamation && self.chars >= 3;
        enough_words
            && self.words <= MAX_HEADLINE_WORDS
            && !self.ends_on_function_word
            && self.chars <= MAX_HEADLINE_CHARS
            && self.starts_capitalised
            && matches!(self.ending, Ending::Open | Ending::Exclamation)
            // A question or exclamation can head a post, but only briefly.
            && (self.ending == Ending::Open || self.words <= 15)
    }
}

/// What follows the line's last space (all of it when it has none). Read
/// from the end, as last words are short.
fn last_word(line: &str) -> &str {
    let start = line
        .as_bytes()
        .iter()
        .rposition(|&b| b == b' ')
        .map_or(0, |space| space + 1);
    // Just after an ASCII space: a character boundary.
    line.get(start..).unwrap_or_default()
}

/// Words (runs of anything but spaces) and characters. Every line is
/// counted, so the counts are written for the compiler to vectorise, both
/// in one pass: a space is one byte in UTF-8, and a word starts at each
/// byte that is no space and follows one (or starts the line); a character
/// starts at each byte that does not continue one (`0b10xx_xxxx`).
fn count_words_and_chars(line: &str) -> (usize, usize) {
    let bytes = line.as_bytes();
    let Some(&first) = bytes.first() else {
        return (0, 0);
    };
    // Each byte after the first, with the one before it.
    let before = bytes.get(..bytes.len() - 1).unwrap_or_default();
    let after = bytes.get(1..).unwrap_or_default();
    let mut before_blocks = before.chunks_exact(BLOCK);
    let mut after_blocks = after.chunks_exact(BLOCK);
    let (mut words, mut chars) = (0, 0);
    for (before, after) in before_blocks.by_ref().zip(after_blocks.by_ref()) {
        let (w, c) = count_block(before, after, &EVERY_PAIR);
        words += w;
        chars += c;
    }
    let rest = before_blocks.remainder().len();
    if rest == 0 {
        // The first byte starts a character, and a word unless it is a space.
        return (usize::from(first != b' ') + words, 1 + chars);
    }
    // The last pairs are counted in vector code too, rather than one by
    // one. A line with a block's worth of pairs counts its last block again,
    // masked so that only the pairs not yet counted count: no copy.
    let (w, c) = match bytes.len().checked_sub(BLOCK + 1) {
        Some(start) => {
            let window = bytes.get(start..).unwrap_or_default();
            let only_last = LAST_PAIRS.get(rest..rest + BLOCK).unwrap_or_default();
            count_block(window, window.get(1..).unwrap_or_default(), only_last)
        }
        None => {
            // A shorter line is copied into a block padded with a byte that
            // starts no character, and no word after anything but a space:
            // its last byte, when a space, would start one there.
            // (Two blocks, which are filled without a call to `memset`.)
            let mut tail = [PAD; 2 * BLOCK];
            tail[..bytes.len()].copy_from_slice(bytes);
            let (w, c) = count_block(&tail, tail.get(1..).unwrap_or_default(), &EVERY_PAIR);
            (w - usize::from(bytes.ends_with(b" ")), c)
        }
    };
    (usize::from(first != b' ') + words + w, 1 + chars + c)
}

/// Bytes counted at a time by [`count_words_and_chars`]: two SSE
/// registers' worth, few enough for byte-wide counters.
const BLOCK: usize = 32;
/// Padding that starts no character.
const PAD: u8 = 0b1000_0000;
/// A mask counting every pair of a block.
const EVERY_PAIR: [u8; BLOCK] = [1; BLOCK];
/// `LAST_PAIRS[n..n + BLOCK]` masks all but the last `n` pairs of a block.
const LAST_PAIRS: [u8; 2 * BLOCK] = {
    let mut mask = [0; 2 * BLOCK];
    let mut i = BLOCK;
    while i < 2 * BLOCK {
        mask[i] = 1;
        i += 1;
    }
    mask
};

/// Word and character starts in one block of byte pairs, those whose
/// `counted` byte is 1.
#[inline(always)]
fn count_block(before: &[u8], after: &[u8], counted: &[u8]) -> (usize, usize) {
    let (words, chars) = before.iter().zip(after).zip(counted).take(BLOCK).fold(
        (0u8, 0u8),
        |(words, chars), ((&b, &a), &counted)| {
            (
                words + (u8::from(b == b' ' && a != b' ') & counted),
                chars + (u8::from(!is_continuation(a)) & counted),
            )
        },
    );
    (usize::from(words), usize::from(chars))
}

/// Does this byte continue a UTF-8 character rather than start one?
fn is_continuation(byte: u8) -> bool {
    byte & 0b1100_0000 == 0b1000_0000
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | '’' | '”' | '»' | ')' | ']' | '*')
}

fn is_opening(c: char) -> bool {
    matches!(c, '"' | '\'' | '‘' | '“' | '«' | '(' | '[' | '¡' | '¿')
}

fn ending(line: &str) -> Ending {
    // Nearly every line ends in an ASCII letter or stop, with nothing to
    // trim: the trim, a character at a time, is left for the others.
    let last = match line.as_bytes().last() {
        Some(&b) if b.is_ascii() && !is_closing(char::from(b)) => Some(char::from(b)),
        _ => line.trim_end_matches(is_closing).chars().next_back(),
    };
    ending_in(last)
}

fn ending_in(last: Option<char>) -> Ending {
    match last {
        Some('.' | '…') => Ending::FullStop,
        Some('?' | '!') => Ending::Exclamation,
        Some(',' | ';' | ':' | '–' | '—' | '-') => Ending::Continuation,
        _ => Ending::Open,
    }
}

fn starts_capitalised(line: &str) -> bool {
    // As in `ending`: most lines start with an ASCII letter.
    let first = match line.as_bytes().first() {
        Some(&b) if b.is_ascii() && !is_opening(char::from(b)) => Some(char::from(b)),
        _ => line.trim_start_matches(is_opening).chars().next(),
    };
    first.is_some_and(is_capital)
}

fn is_capital(c: char) -> bool {
    c.is_uppercase() || c.is_ascii_digit() || c == '€' || c == '£' || c == '$'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endings() {
        assert_eq!(ending("It is a rotating position."), Ending::FullStop);
        assert_eq!(ending("rarely far behind.”"), Ending::FullStop);
        assert_eq!(
            ending("will be attending the summit in Kazan,"),
            Ending::Continuation
        );
        assert_eq!(ending("She said:"), Ending::Continuation);
        assert_eq!(ending("Is Putin bluffing?"), Ending::Exclamation);
        assert_eq!(ending("UN chief ‘very concerned’"), Ending::Open);
        assert_eq!(
            ending("Germany pledges €200m in winter aid for Ukraine"),
            Ending::Open
        );
        assert_eq!(ending(""), Ending::Open);
    }

    #[test]
    fn headline_shapes() {
        let h = |s: &str| Features::of(s).headline_like();
        assert!(h(
            "Putin issuing Russian uniforms to North Korean troops, says Pentagon"
        ));
        assert!(h(
            "UN chief ‘very concerned’ about North Korean troops in Russia"
        ));
        assert!(h(
            "US ‘will get Ukraine what it needs’ to fight Putin, says defence chief"
        ));
        assert!(h("‘We will not surrender’, says mayor"));
        assert!(h("£2.26bn loan for Ukraine"));
        assert!(h("What happens next?"));
        assert!(h("Lift-off!"));
        assert!(!h(
            "A further 120mm of rain could send the river back over the"
        ));
        // A short body sentence and a clause cut at a comma are not.
        assert!(!h(
            "The UK has become the president of the UN’s Security Council."
        ));
        assert!(!h("The UN has neither confirmed nor denied whether Mr Guterres will be attending the summit in Kazan,"));
        // Neither are single words, lowercase starts, or very long open lines.
        assert!(!h("Comments"));
        assert!(!h(
            "outh Korean and the European Union on Monday strongly condemned"
        ));
        assert!(!h(&"Word ".repeat(40)));
    }

    proptest::proptest! {
        #[test]
        fn counts_agree_with_str(line in "[ a-zé’]{0,8}|[ aé]{0,70}|\\PC{0,600}") {
            let words = line.split(' ').filter(|w| !w.is_empty()).count();
            proptest::prop_assert_eq!(
                count_words_and_chars(&line),
                (words, line.chars().count())
            );
        }
    }

    /// [`ending`] and [`starts_capitalised`] with their trims always run.
    fn ending_by_trimming(line: &str) -> Ending {
        ending_in(line.trim_end_matches(is_closing).chars().next_back())
    }

    fn starts_capitalised_by_trimming(line: &str) -> bool {
        line.trim_start_matches(is_opening)
            .chars()
            .next()
            .is_some_and(is_capital)
    }

    proptest::proptest! {
        #[test]
        fn ends_and_starts_as_when_trimmed(
            line in "[\"'‘“«(\\[¡¿]{0,2}[a-zA-Z0-9€£$É ]{0,3}[.…?!,;:–—\\-a]?[\"'’”»)\\]*]{0,2}|\\PC{0,12}"
        ) {
            proptest::prop_assert_eq!(ending(&line), ending_by_trimming(&line));
            proptest::prop_assert_eq!(starts_capitalised(&line), starts_capitalised_by_trimming(&line));
        }
    }

    #[test]
    fn counts() {
        let f = Features::of("  Größe  und  Maß ");
        assert_eq!((f.words, f.chars), (3, 18));
        let f = Features::of("");
        assert_eq!((f.words, f.chars), (0, 0));
    }
}
