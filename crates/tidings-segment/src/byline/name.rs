//! Person names, as they stand in bylines.

/// Particles that may stand lowercase inside a name. (Each word list here
/// is a `match`: names are tried on the opening words of many lines, and a
/// `match` compiles to a few integer comparisons.)
fn is_name_particle(word: &str) -> bool {
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
fn is_never_a_name(word: &str) -> bool {
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
    let mut words = 0;
    let mut ends_capitalised = false;
    for word in name.split(' ') {
        words += 1;
        if words > MAX_NAME_WORDS || !is_name_word(word) {
            return false;
        }
        ends_capitalised = word.chars().next().is_some_and(char::is_uppercase);
    }
    ends_capitalised
        && name.chars().count() <= MAX_NAME_CHARS
        // All capitals is a label or an acronym (`BREAKING`, `AFP`), not a name.
        && name.chars().any(char::is_lowercase)
}

/// A capitalised word that is no label, or a lowercase particle; letters,
/// apostrophes, hyphens and dots only.
pub(crate) fn is_name_word(word: &str) -> bool {
    let first_ok = match word.chars().next() {
        Some(c) if c.is_uppercase() => !is_never_a_name(word),
        Some(_) => is_name_particle(word),
        None => false,
    };
    first_ok
        && word
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

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
