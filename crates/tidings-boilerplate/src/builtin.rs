//! The packs compiled into the crate.

use once_cell::sync::Lazy;

use crate::{RulePack, RuleSet};

/// `(name, TOML text)` of every built-in pack, publishers before generic
/// so that a publisher's more specific rule names the line first.
const BUILTIN_PACKS: &[(&str, &str)] = &[
    ("independent", include_str!("../packs/independent.toml")),
    ("generic", include_str!("../packs/generic.toml")),
];

/// The built-in packs, parsed.
///
/// # Panics
/// Never at run time for a released crate: the packs are checked by this
/// crate's tests, and a broken one fails them.
pub fn builtin_packs() -> Vec<RulePack> {
    BUILTIN_PACKS
        .iter()
        .map(|(name, text)| {
            RulePack::from_toml(text, &format!("builtin:{name}"))
                .unwrap_or_else(|e| panic!("built-in rule pack is invalid: {e}"))
        })
        .collect()
}

/// Every pattern of the built-in packs, as written: for the tests that
/// hold each of them to a property.
#[cfg(test)]
pub(crate) fn builtin_patterns() -> Vec<String> {
    builtin_packs()
        .into_iter()
        .flat_map(|pack| {
            let rules = pack
                .rules
                .into_iter()
                .flat_map(|rule| [rule.matches, rule.start, rule.end])
                .flatten();
            pack.pack.detect.into_iter().chain(rules)
        })
        .flat_map(|spec| spec.pattern)
        .collect()
}

static BUILTIN: Lazy<RuleSet> = Lazy::new(|| {
    RuleSet::new(builtin_packs()).unwrap_or_else(|e| panic!("built-in rule pack is invalid: {e}"))
});

impl RuleSet {
    /// The built-in packs, compiled once per process.
    pub fn builtin() -> &'static RuleSet {
        &BUILTIN
    }

    /// `user` packs first (they win), then the built-in ones.
    pub fn with_builtin<I: IntoIterator<Item = RulePack>>(user: I) -> Result<RuleSet, RuleError> {
        RuleSet::new(user.into_iter().chain(builtin_packs()))
    }
}

use crate::RuleError;
