//! A rule's regular expression, compiled only to answer "does this line
//! match?".
//!
//! The `regex` crate's [`regex::Regex`] answers every question a regex can
//! be asked, and builds for it a forward and a reverse automaton (the
//! reverse one finds where a match starts). Rules never ask where: a line
//! matches or it does not. The reverse automata of the built-in packs'
//! hundred patterns, with their Unicode classes (`\p{Lu}`, `\p{L}`), took
//! four fifths of the compiled rules' memory (10 of 13 MB) and most of the
//! start-up time, for nothing. [`LinePattern`] builds the forward half of
//! the same engines from the same `regex-automata` parts, tried in the same
//! order as `regex` tries them:
//!
//! 1. the lazy DFA, which answers most lines at a byte per step, but gives
//!    up on a line where a Unicode word boundary (`\b`) meets a non-ASCII
//!    letter, or when its cache thrashes;
//! 2. then the bounded backtracker, on lines short enough for it;
//! 3. then the PikeVM, which always answers.

use std::fmt;
use std::panic::{RefUnwindSafe, UnwindSafe};
use std::sync::Arc;

use regex_automata::hybrid::dfa::{self as lazy, DFA};
use regex_automata::nfa::thompson::backtrack::{self, BoundedBacktracker};
use regex_automata::nfa::thompson::pikevm::{self, PikeVM};
use regex_automata::nfa::thompson::{self, WhichCaptures};
use regex_automata::util::pool::Pool;
use regex_automata::Input;
use regex_syntax::hir::Hir;

/// Largest compiled NFA a pattern may have, as in the `regex` crate.
const NFA_SIZE_LIMIT: usize = 10 << 20;

/// Why a pattern did not compile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PatternError(String);

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One pattern, compiled for [`LinePattern::is_match`] and nothing else.
#[derive(Clone)]
pub(crate) struct LinePattern(Arc<Engines>);

type CacheMaker = Box<dyn Fn() -> Caches + Send + Sync + UnwindSafe + RefUnwindSafe>;

struct Engines {
    source: String,
    /// None when the DFA could not be built within its cache size.
    dfa: Option<DFA>,
    backtracker: BoundedBacktracker,
    pikevm: PikeVM,
    /// Each thread's scratch space for the three engines.
    caches: Pool<Caches, CacheMaker>,
}

struct Caches {
    dfa: Option<lazy::Cache>,
    backtracker: backtrack::Cache,
    /// Made on first use: it is as large as the NFA (tens of KiB for a
    /// pattern with Unicode classes), and most patterns never need it.
    pikevm: Option<pikevm::Cache>,
}

/// Parses a pattern with the `regex` crate's syntax and defaults.
pub(crate) fn parse(source: &str) -> Result<Hir, PatternError> {
    regex_syntax::Parser::new()
        .parse(source)
        .map_err(|e| PatternError(e.to_string()))
}

impl LinePattern {
    /// Compiles `source` with the `regex` crate's syntax and defaults
    /// (Unicode on), its lazy DFA allowed `dfa_cache_bytes` per thread.
    #[cfg(test)]
    pub(crate) fn new(source: &str, dfa_cache_bytes: usize) -> Result<LinePattern, PatternError> {
        LinePattern::from_hir(source, &parse(source)?, dfa_cache_bytes)
    }

    /// Compiles `source`, already parsed into `hir` by [`parse`].
    pub(crate) fn from_hir(
        source: &str,
        hir: &Hir,
        dfa_cache_bytes: usize,
    ) -> Result<LinePattern, PatternError> {
        let nfa = thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .which_captures(WhichCaptures::Implicit)
                    .nfa_size_limit(Some(NFA_SIZE_LIMIT))
                    .shrink(false),
            )
            .build_from_hir(hir)
            .map_err(|e| PatternError(e.to_string()))?;
        let dfa = lazy::Builder::new()
            .configure(
                DFA::config()
                    .unicode_word_boundary(true)
                    .cache_capacity(dfa_cache_bytes)
                    .skip_cache_capacity_check(false)
                    // Give up, and let the NFA engines answer, rather than
                    // rebuild a thrashing cache over and over.
                    .minimum_cache_clear_count(Some(3))
                    .minimum_bytes_per_state(Some(10)),
            )
            .build_from_nfa(nfa.clone())
            .ok();
        let backtracker = BoundedBacktracker::new_from_nfa(nfa.clone())
            .map_err(|e| PatternError(e.to_string()))?;
        let pikevm = PikeVM::new_from_nfa(nfa).map_err(|e| PatternError(e.to_string()))?;
        let maker = {
            let (dfa, backtracker) = (dfa.clone(), backtracker.clone());
            Box::new(move || Caches {
                dfa: dfa.as_ref().map(DFA::create_cache),
                backtracker: backtracker.create_cache(),
                pikevm: None,
            }) as CacheMaker
        };
        Ok(LinePattern(Arc::new(Engines {
            source: source.to_string(),
            dfa,
            backtracker,
            pikevm,
            caches: Pool::new(maker),
        })))
    }

    /// The pattern as written.
    pub(crate) fn as_str(&self) -> &str {
        &self.0.source
    }

    /// Whether the pattern matches anywhere in `line`.
    pub(crate) fn is_match(&self, line: &str) -> bool {
        let engines = &*self.0;
        let input = Input::new(line).earliest(true);
        let mut caches = engines.caches.get();
        if let (Some(dfa), Some(cache)) = (&engines.dfa, caches.dfa.as_mut()) {
            if let Ok(found) = dfa.try_search_fwd(cache, &input) {
                return found.is_some();
            }
        }
        if line.len() <= engines.backtracker.max_haystack_len() {
            if let Ok(found) = engines
                .backtracker
                .try_is_match(&mut caches.backtracker, input.clone())
            {
                return found;
            }
        }
        let cache = caches
            .pikevm
            .get_or_insert_with(|| engines.pikevm.create_cache());
        engines.pikevm.is_match(cache, input)
    }
}

impl fmt::Debug for LinePattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("LinePattern").field(&self.0.source).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agree(pattern: &str, lines: &[&str]) {
        let ours = LinePattern::new(pattern, 1 << 16).unwrap();
        let theirs = regex::Regex::new(pattern).unwrap();
        for line in lines {
            assert_eq!(
                ours.is_match(line),
                theirs.is_match(line),
                "{pattern:?} on {line:?}"
            );
        }
    }

    #[test]
    fn answers_as_the_regex_crate_does() {
        agree(
            r"(?i:\bcookies?\b)",
            &[
                "We use cookies.",
                "cookiesé",
                "écookies",
                "Cookie",
                "biscuits",
            ],
        );
        agree(
            r"^(?:By|BY) \p{Lu}[\p{L}’'.-]*(?: \p{Lu}[\p{L}’'.-]*){0,3}$",
            &["By Seán O’Neill", "By jane", "BY ÉLODIE Durand", ""],
        );
        agree(
            r"\((?:Getty|AP)\)$",
            &["Talks (AP)", "(Getty) then", "Ünïcode (AP)"],
        );
        agree(r"^$", &["", " "]);
    }

    #[test]
    fn unicode_word_boundaries_beside_non_ascii_letters() {
        // The lazy DFA gives up on these; the NFA engines must answer.
        agree(
            r"\bbet\b",
            &["ébet", "bet é", "« bet »", "bété", "on the bet"],
        );
        let long = format!("{} bet", "é".repeat(100_000));
        agree(r"\bbet\b", &[&long]);
    }

    /// Every line of every fixture dump, the seeds' non-ASCII text among
    /// them, against every built-in pattern.
    #[test]
    fn built_in_patterns_answer_as_the_regex_crate_does_on_the_fixtures() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
        let mut lines = Vec::new();
        let mut folders = vec![root];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    folders.push(path);
                } else if path.extension().is_some_and(|e| e == "txt") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    lines.extend(text.lines().map(str::to_string));
                }
            }
        }
        assert!(lines.len() > 1000, "{} fixture lines", lines.len());
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        let patterns = crate::builtin_packs()
            .into_iter()
            .flat_map(|pack| {
                let rules = pack
                    .rules
                    .into_iter()
                    .flat_map(|rule| [rule.matches, rule.start, rule.end])
                    .flatten();
                pack.pack.detect.into_iter().chain(rules)
            })
            .flat_map(|spec| spec.pattern);
        let mut count = 0;
        for pattern in patterns {
            agree(&pattern, &lines);
            count += 1;
        }
        assert!(count > 50, "{count} patterns");
    }

    #[test]
    fn bad_patterns_are_refused_with_the_reason() {
        let error = LinePattern::new("(unclosed", 1 << 16).unwrap_err();
        assert!(error.to_string().contains("unclosed"), "{error}");
        assert!(LinePattern::new(r"\w{1000}{1000}", 1 << 16).is_err());
    }
}
