//! Compiled line matchers.

use std::collections::HashSet;

use regex::Regex;

use crate::pack::MatcherSpec;

/// Longest line, in bytes, that `pattern` matchers are tried on. Chrome is
/// short; a paragraph of megabytes (a page whose line breaks were lost)
/// should not cost a regex scan per rule. Exact and prefix matchers still
/// see every line.
pub const MAX_PATTERN_LINE_BYTES: usize = 4096;

/// A [`MatcherSpec`] compiled for fast tests on many lines.
#[derive(Debug, Clone)]
pub(crate) struct Matcher {
    exact: HashSet<String>,
    /// Longest `exact` string: longer lines skip the hash lookup.
    exact_max: usize,
    prefix: Vec<String>,
    patterns: Vec<Regex>,
    ignore_case: bool,
}

impl Matcher {
    pub(crate) fn compile(spec: &MatcherSpec) -> Result<Matcher, regex::Error> {
        let fold = |s: &String| {
            if spec.ignore_case {
                s.to_lowercase()
            } else {
                s.clone()
            }
        };
        // One regex per pattern, tried in turn: a `RegexSet` of the long
        // bounded patterns the packs use (`^.{0,200}\bcookies\b…`) cannot
        // stay in the lazy DFA and is many times slower than its members.
        let patterns = spec
            .pattern
            .iter()
            .map(|p| Regex::new(p))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Matcher {
            exact_max: spec.exact.iter().map(String::len).max().unwrap_or(0),
            exact: spec.exact.iter().map(fold).collect(),
            prefix: spec.prefix.iter().map(fold).collect(),
            patterns,
            ignore_case: spec.ignore_case,
        })
    }

    /// Does `line` match? `lower` is the line lowercased, computed by the
    /// caller at most once per line and only when some matcher needs it.
    pub(crate) fn is_match(&self, line: &str, lower: &mut LowerCache) -> bool {
        let text = if self.ignore_case && (!self.exact.is_empty() || !self.prefix.is_empty()) {
            lower.get(line)
        } else {
            line
        };
        (text.len() <= self.exact_max && self.exact.contains(text))
            || self.prefix.iter().any(|p| text.starts_with(p.as_str()))
            || (line.len() <= MAX_PATTERN_LINE_BYTES
                && self.patterns.iter().any(|re| re.is_match(line)))
    }
}

/// A line's lowercase form, made on first use.
#[derive(Debug, Default)]
pub(crate) struct LowerCache(Option<String>);

impl LowerCache {
    fn get(&mut self, line: &str) -> &str {
        self.0.get_or_insert_with(|| line.to_lowercase())
    }
}
