//! Person names, as they stand in bylines.

/// Particles that may stand lowercase inside a name.
const NAME_PARTICLES: &[&str] = &[
    "al", "bin", "da", "de", "del", "della", "der", "di", "dos", "du", "el", "la", "le", "van",
    "von", "y",
];

/// Words that are capitalised in headlines and labels but never names, so
/// that `Live Updates` or `Key Events` are not taken for an author.
const NOT_NAMES: &[&str] = &[
    "Live",
    "Updated",
    "Update",
    "Updates",
    "Breaking",
    "Latest",
    "News",
    "Key",
    "Events",
    "Points",
    "Summary",
    "Watch",
    "Video",
    "Photos",
    "Posted",
    "Published",
    "Today",
    "Yesterday",
    "Share",
    "Comments",
    "Advertisement",
    "The",
    "And",
    "At",
    "On",
    "In",
    "By",
    "UK",
    "US",
];

/// One to five words, each capitalised (or a lowercase particle), made of
/// letters, apostrophes, hyphens and dots, ending on a capitalised word:
/// `Arpan Rai`, `Jean-Luc O’Neill`, `Ursula von der Leyen`.
pub fn is_person_name(name: &str) -> bool {
    let words: Vec<&str> = name.split(' ').collect();
    (1..=5).contains(&words.len())
        && name.chars().count() <= 60
        && words.iter().all(|w| {
            let first_ok = match w.chars().next() {
                Some(c) if c.is_uppercase() => !NOT_NAMES.contains(w),
                Some(_) => NAME_PARTICLES.contains(w),
                None => false,
            };
            first_ok && w.chars().all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-' | '.'))
        })
        && words
            .last()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
        // All capitals is a label or an acronym (`BREAKING`, `AFP`), not a name.
        && name.chars().any(char::is_lowercase)
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
