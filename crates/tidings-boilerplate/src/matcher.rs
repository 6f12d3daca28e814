//! Compiled line matchers.

use crate::pack::MatcherSpec;
use crate::pattern::{self, LinePattern, PatternError, PatternLoader};
#[cfg(doc)]
use crate::prefilter::Candidates;
use crate::prefilter::{CandidateId, LineCandidates, Prefilter, PrefilterBuilder};

/// Longest line, in bytes, that `pattern` matchers are tried on. Chrome is
/// short; a paragraph of megabytes (a page whose line breaks were lost)
/// should not cost a regex scan per rule. Exact and prefix matchers still
/// see every line.
pub const MAX_PATTERN_LINE_BYTES: usize = 4096;

/// Cache of each pattern's lazy DFA, per thread. The regex crate's default
/// (2 MiB) is meant for a few large searches; a rule set runs a hundred
/// patterns on short lines, and most of them never fill a few KiB. The
/// few with long bounded repeats of Unicode classes (`[^.!?]{3,160}`) do:
/// at 128 KiB their caches were cleared over and over, and the lazy DFA
/// gave up for the backtracker on some lines (steady state over 100 files
/// of the 42 MB corpus: 583 M instructions, against 562 M at 256 KiB and
/// 560 M at 512 KiB). A cache grows only as states are built, so peak
/// memory did not move on that corpus.
const LAZY_DFA_BYTES: usize = 256 << 10;

/// A [`MatcherSpec`] compiled for fast tests on many lines.
#[derive(Debug, Clone)]
pub(crate) struct Matcher {
    /// The `exact` strings, looked up by the prefilter.
    exact: Option<CandidateId>,
    prefix: Vec<String>,
    /// Each pattern with its id in the rule set's prefilter, which says
    /// whether a line can match it at all.
    patterns: Vec<(CandidateId, LinePattern)>,
    ignore_case: bool,
}

impl Matcher {
    pub(crate) fn compile(
        spec: &MatcherSpec,
        prefilter: &mut PrefilterBuilder,
        loader: &mut PatternLoader,
    ) -> Result<Matcher, PatternError> {
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
                let hir = pattern::parse(p)?;
                let id = prefilter.add(&hir);
                Ok((id, loader.load(p, hir, LAZY_DFA_BYTES)?))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let exact = (!spec.exact.is_empty())
            .then(|| prefilter.add_exact(spec.exact.iter().map(fold).collect(), spec.ignore_case));
        Ok(Matcher {
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
        self.exact.is_some_and(|id| candidates.may_match(id))
            || self.matches_prefix(line, lower)
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

    /// Whether the matcher may match some line whose candidates, all
    /// lines' together, are `any_line` (see [`Candidates::any_line`]): when
    /// not, its lines need not be tried one by one. A `prefix` may match
    /// any line.
    pub(crate) fn may_match_somewhere(&self, any_line: LineCandidates<'_>) -> bool {
        !self.prefix.is_empty()
            || self.exact.is_some_and(|id| any_line.may_match(id))
            || self.patterns.iter().any(|(id, _)| any_line.may_match(*id))
    }

    /// Whether every pattern has a prefilter gate, so that testing a line
    /// costs a regex call only where the line holds a telling literal.
    pub(crate) fn fully_gated(&self, prefilter: &Prefilter) -> bool {
        self.patterns.iter().all(|(id, _)| prefilter.is_gated(*id))
    }

    /// The prefilter candidates one of which a line must hold to match:
    /// None when a `prefix` or a pattern without a gate may match any line.
    pub(crate) fn candidates(&self, prefilter: &Prefilter) -> Option<Vec<CandidateId>> {
        if !self.prefix.is_empty() || !self.fully_gated(prefilter) {
            return None;
        }
        Some(
            self.exact
                .iter()
                .copied()
                .chain(self.patterns.iter().map(|(id, _)| *id))
                .collect(),
        )
    }

    /// Whether any pattern matches `line`, gates or not: for the checks
    /// that a gate never turns away a line its pattern matches.
    pub(crate) fn any_pattern_matches(&self, line: &str) -> bool {
        self.patterns
            .iter()
            .any(|(_, pattern)| pattern.is_match(line))
    }

    /// The `prefix` part of [`Matcher::is_match`].
    fn matches_prefix(&self, line: &str, lower: &mut LowerCache) -> bool {
        if !self.ignore_case {
            // A prefix seldom shares a line's first byte: tested first,
            // that byte spares most lines a call to compare the rest.
            let first = line.as_bytes().first();
            return self.prefix.iter().any(|p| {
                p.as_bytes().first().is_none_or(|byte| first == Some(byte))
                    && line.starts_with(p.as_str())
            });
        }
        self.prefix.iter().any(|p| {
            // Where the line's head is ASCII, its lowercase form is its
            // ASCII lowercase, byte for byte: compared in place, without
            // lowercasing the line (the prefixes are lowercase already).
            match line.as_bytes().get(..p.len()) {
                Some(head) if head.is_ascii() => head.eq_ignore_ascii_case(p.as_bytes()),
                None if line.is_ascii() => false,
                _ => lower.get(line).starts_with(p.as_str()),
            }
        })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_and_page_gates_agree_with_the_plain_tests() {
        let specs = [
            MatcherSpec {
                prefix: vec!["Subscribe".into(), "".into()],
                ..MatcherSpec::default()
            },
            MatcherSpec {
                prefix: vec!["Join us".into(), "Jo".into(), "é".into()],
                ..MatcherSpec::default()
            },
            MatcherSpec {
                exact: vec!["Sign up".into()],
                pattern: vec![r"\bThe Independent\b".into(), r"^Updated \d".into()],
                ..MatcherSpec::default()
            },
        ];
        let pages: [&[&str]; 4] = [
            &[
                "",
                "S",
                "Subscribe",
                "Subscribe now",
                "Join",
                "Join us!",
                "é",
                "éa",
            ],
            &["The Independent says", "Sign up", "Updated 5 May"],
            &["Nothing here", "sign up", "Updated May 5", "Subscriber"],
            &[],
        ];
        let mut builder = PrefilterBuilder::default();
        let mut loader = PatternLoader::default();
        let matchers: Vec<Matcher> = specs
            .iter()
            .map(|spec| Matcher::compile(spec, &mut builder, &mut loader).unwrap())
            .collect();
        let prefilter = builder.build();
        for lines in pages {
            let candidates = prefilter.scan(lines, 4096);
            let any_line = candidates.any_line();
            for (spec, matcher) in specs.iter().zip(&matchers) {
                let mut some = false;
                for (i, line) in lines.iter().enumerate() {
                    let found =
                        matcher.is_match(line, &mut LowerCache::default(), candidates.line(i));
                    let plain = spec.prefix.iter().any(|p| line.starts_with(p.as_str()))
                        || spec.exact.iter().any(|e| e == line)
                        || matcher.any_pattern_matches(line);
                    assert_eq!(found, plain, "{spec:?} on {line:?}");
                    some |= found;
                }
                assert!(
                    !some || matcher.may_match_somewhere(LineCandidates::from_words(&any_line)),
                    "{spec:?} on {lines:?}"
                );
            }
        }
    }

    #[test]
    fn prefixes_ignore_case_beyond_ascii_too() {
        let spec = MatcherSpec {
            prefix: vec!["Édition spéciale".into(), "Get the".into()],
            ignore_case: true,
            ..MatcherSpec::default()
        };
        let mut builder = PrefilterBuilder::default();
        let matcher = Matcher::compile(&spec, &mut builder, &mut PatternLoader::default()).unwrap();
        let lines = [
            "ÉDITION SPÉCIALE du soir",
            "édition spéciale",
            "GET THE BRIEFING",
            "get the",
            "Get th",
            "Édition",
            // The Kelvin sign lowercases to an ASCII `k`.
            "\u{212A}",
            "Forget the",
        ];
        let candidates = builder.build().scan(&lines, 4096);
        let matches: Vec<bool> = lines
            .iter()
            .enumerate()
            .map(|(i, line)| matcher.is_match(line, &mut LowerCache::default(), candidates.line(i)))
            .collect();
        assert_eq!(
            matches,
            [true, true, true, true, false, false, false, false]
        );
        let kelvin = MatcherSpec {
            prefix: vec!["k".into()],
            ignore_case: true,
            ..MatcherSpec::default()
        };
        let mut builder = PrefilterBuilder::default();
        let matcher =
            Matcher::compile(&kelvin, &mut builder, &mut PatternLoader::default()).unwrap();
        let candidates = builder.build().scan(&["\u{212A}elvin"], 4096);
        assert!(matcher.is_match(
            "\u{212A}elvin",
            &mut LowerCache::default(),
            candidates.line(0)
        ));
    }
}
