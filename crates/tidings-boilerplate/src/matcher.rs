//! Compiled line matchers.

use std::collections::HashSet;

use regex::Regex;

use crate::pack::MatcherSpec;
use crate::prefilter::{LineCandidates, PatternId, Prefilter, PrefilterBuilder};

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
    /// Each pattern with its id in the rule set's prefilter, which says
    /// whether a line can match it at all.
    patterns: Vec<(PatternId, Regex)>,
    ignore_case: bool,
}

impl Matcher {
    pub(crate) fn compile(
        spec: &MatcherSpec,
        prefilter: &mut PrefilterBuilder,
    ) -> Result<Matcher, regex::Error> {
        let fold = |s: &String| {
            if spec.ignore_case {
                s.to_lowercase()
            } else {
                s.clone()
            }
        };
        // One regex per pattern, run only on the lines its prefilter gate
        // lets through: a `RegexSet` of the long bounded patterns the packs
        // use (`^.{0,200}\bcookies\b…`) cannot stay in the lazy DFA and is
        // many times slower than its members.
        let patterns = spec
            .pattern
            .iter()
            .map(|p| {
                let regex = Regex::new(p)?;
                Ok((prefilter.add(p), regex))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let exact: HashSet<String> = spec.exact.iter().map(fold).collect();
        Ok(Matcher {
            exact_max: exact.iter().map(String::len).max().unwrap_or(0),
            exact,
            prefix: spec.prefix.iter().map(fold).collect(),
            patterns,
            ignore_case: spec.ignore_case,
        })
    }

    /// Does `line` match? `lower` is the line lowercased, made at most once
    /// per line and only when some matcher needs it; `candidates` are the
    /// patterns the prefilter found worth running on the line.
    pub(crate) fn is_match(
        &self,
        line: &str,
        lower: &mut LowerCache,
        candidates: LineCandidates<'_>,
    ) -> bool {
        self.matches_text(line, lower)
            || (line.len() <= MAX_PATTERN_LINE_BYTES
                && self.patterns.iter().any(|(id, re)| {
                    let may_match = candidates.may_match(*id);
                    // Every test and fuzz run checks that a gate never
                    // turns away a line its pattern matches.
                    debug_assert!(
                        may_match || !re.is_match(line),
                        "prefilter skipped {:?} on {line:?}",
                        re.as_str()
                    );
                    may_match && re.is_match(line)
                }))
    }

    /// Whether every pattern has a prefilter gate, so that testing a line
    /// costs a regex call only where the line holds a telling literal.
    pub(crate) fn fully_gated(&self, prefilter: &Prefilter) -> bool {
        self.patterns.iter().all(|(id, _)| prefilter.is_gated(*id))
    }

    /// The `exact` and `prefix` part of [`Matcher::is_match`].
    fn matches_text(&self, line: &str, lower: &mut LowerCache) -> bool {
        if self.prefix.is_empty() && !could_equal(line, self.exact_max, self.ignore_case) {
            return false;
        }
        let text = if self.ignore_case {
            lower.get(line)
        } else {
            line
        };
        (text.len() <= self.exact_max && self.exact.contains(text))
            || self.prefix.iter().any(|p| text.starts_with(p.as_str()))
    }
}

/// Whether `line` can equal a string of at most `max` bytes, lowercased
/// first when `ignore_case`. Lowercasing never merges characters, and a
/// character takes 1 to 4 bytes, so a lowercased line keeps at least a
/// quarter of its bytes: a longer line is never lowercased for nothing.
fn could_equal(line: &str, max: usize, ignore_case: bool) -> bool {
    if ignore_case {
        line.len() <= max.saturating_mul(4)
    } else {
        line.len() <= max
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
