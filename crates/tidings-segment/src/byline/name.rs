//! Person names, as they stand in bylines.

/// Particles that may stand lowercase inside a name. (Each word list here
/// is a `match`: names are tried on the opening words of many lines, and a
/// `match` compiles to a few integer comparisons.)
pub(crate) fn is_name_particle(word: &str) -> bool {
    matches!(
        word,
        "al" | "bin"
            | "da"
            | "de"
            | "del"
            | "della"
            | "der"
            | "di"
            | "dos"
            | "du"
            | "el"
            | "la"
            | "le"
            | "van"
            | "von"
            | "y"
    )
}

/// Words that are capitalised in headlines and labels but never names, so
/// that `Live Updates` or `Key Events` are not taken for an author.
pub(crate) fn is_never_a_name(word: &str) -> bool {
    matches!(
        word,
        "Live"
            | "Updated"
            | "Update"
            | "Updates"
            | "Breaking"
            | "Latest"
            | "News"
            | "Key"
            | "Events"
            | "Points"
            | "Summary"
            | "Watch"
            | "Video"
            | "Photos"
            | "Posted"
            | "Published"
            | "Today"
            | "Yesterday"
            | "Share"
            | "Comments"
            | "Advertisement"
            | "The"
            | "And"
            | "At"
            | "On"
            | "In"
            | "By"
            | "UK"
            | "US"
    )
}

/// Most words a name has.
pub(crate) const MAX_NAME_WORDS: usize = 5;
/// Most characters a name has.
const MAX_NAME_CHARS: usize = 60;

/// One to five words, each capitalised (or a lowercase particle), made of
/// letters, apostrophes, hyphens and dots, ending on a capitalised word:
/// `Arpan Rai`, `Jean-Luc O’Neill`, `Ursula von der Leyen`.
pub fn is_person_name(name: &str) -> bool {
    // Bylines ask this of many prefixes of long paragraphs: the checks that
    // stop early come first, so a sentence fails within a few words.
    // A character takes at most four bytes in UTF-8.
    if name.len() > 4 * MAX_NAME_CHARS {
        return false;
    }
    let mut count = 0;
    let mut ends_capitalised = false;
    for word in words(name) {
        count += 1;
        if count > MAX_NAME_WORDS || !is_name_word(word) {
            return false;
        }
        ends_capitalised = word.chars().next().is_some_and(char::is_uppercase);
    }
    ends_capitalised
        && name.chars().count() <= MAX_NAME_CHARS
        // All capitals is a label or an acronym (`BREAKING`, `AFP`), not a name.
        && name.chars().any(char::is_lowercase)
}

/// The pieces of `text` between single spaces, as `text.split(' ')` gives
/// them. Bylines are looked for in the first words of every line, which are
/// short: a byte loop finds their ends sooner than `split`'s `memchr`,
/// whose set-up costs more than it saves on a few bytes.
pub(crate) fn words(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let current = rest?;
        match current.bytes().position(|b| b == b' ') {
            // A space is one byte in UTF-8: both sides are char boundaries.
            Some(at) => {
                rest = current.get(at + 1..);
                current.get(..at)
            }
            None => {
                rest = None;
                Some(current)
            }
        }
    })
}

/// A capitalised word that is no label, or a lowercase particle; letters,
/// apostrophes, hyphens and dots only.
pub(crate) fn is_name_word(word: &str) -> bool {
    let first_ok = match word.chars().next() {
        Some(c) if c.is_uppercase() => !is_never_a_name(word),
        Some(_) => is_name_particle(word),
        None => false,
    };
    first_ok && has_only_name_chars(word)
}

/// Letters, apostrophes, hyphens and dots only. Read byte by byte while the
/// word is ASCII, as it nearly always is; from the first other byte on, by
/// character.
fn has_only_name_chars(word: &str) -> bool {
    let bytes = word.as_bytes();
    let other = bytes
        .iter()
        .position(|&b| !(b.is_ascii_alphabetic() || matches!(b, b'\'' | b'-' | b'.')));
    match other {
        None => true,
        // Only ASCII before it: a character boundary.
        Some(at) => !bytes[at].is_ascii() && word.get(at..).is_some_and(by_character),
    }
}

/// [`has_only_name_chars`], a character at a time.
fn by_character(word: &str) -> bool {
    word.chars()
        .all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn words_split_as_str_split(text in "[ a-zé’\\.]{0,12}|\\PC{0,40}") {
            prop_assert!(words(&text).eq(text.split(' ')));
        }
    }

    proptest! {
        #[test]
        fn name_chars_byte_by_byte_as_by_character(word in "[A-Za-z'’.-]{0,8}[ é٣0-9,’]?[a-z'-]{0,4}|\\PC{0,12}") {
            prop_assert_eq!(has_only_name_chars(&word), by_character(&word));
        }
    }

    #[test]
    fn words_keep_empty_pieces() {
        for text in ["", " ", "a", "a b", " a  b ", "Jean-Luc O’Neill"] {
            assert!(words(text).eq(text.split(' ')), "{text:?}");
        }
    }

    #[test]
    fn names() {
        assert!(is_person_name("Arpan Rai"));
        assert!(is_person_name("Bel Trew"));
        assert!(is_person_name("Jean-Luc O’Neill"));
        assert!(is_person_name("Ursula von der Leyen"));
        assert!(is_person_name("Madonna"));
        assert!(!is_person_name("the minister"));
        assert!(!is_person_name("Ursula von"));
        assert!(!is_person_name("One Two Three Four Five Six"));
        assert!(!is_person_name("UK announces £2"));
        assert!(!is_person_name("Live Updates"));
        assert!(!is_person_name("BREAKING"));
        assert!(!is_person_name(""));
    }
}
