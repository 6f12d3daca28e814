//! Helpers shared by this crate's tests (each test file uses some of them).

use tidings_boilerplate::{RuleSet, Verdict};

/// The rule name for each line of `page`, or "" for kept lines.
#[allow(dead_code)]
pub fn decide(rules: &RuleSet, page: &[&str]) -> Vec<String> {
    rules
        .classify(page)
        .verdicts
        .into_iter()
        .map(|v| match v {
            Verdict::Keep => String::new(),
            Verdict::Drop(id) => rules.rule(id).name().to_string(),
        })
        .collect()
}

/// [`decide`] with the built-in rules.
#[allow(dead_code)]
pub fn decide_builtin(page: &[&str]) -> Vec<String> {
    decide(RuleSet::builtin(), page)
}
