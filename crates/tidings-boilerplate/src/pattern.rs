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
//!
//! The engines are built on a pattern's first line (see [`PatternLoader`]):
//! a rule pack is parsed and checked as it loads, but most patterns never
//! get past the prefilter on a given page, and compiling them all was most
//! of the start-up time.

use std::fmt;
use std::panic::{RefUnwindSafe, UnwindSafe};
use std::sync::Arc;

use once_cell::sync::OnceCell;
use regex_automata::hybrid::dfa::{self as lazy, DFA};
use regex_automata::nfa::thompson::backtrack::{self, BoundedBacktracker};
use regex_automata::nfa::thompson::pikevm::{self, PikeVM};
use regex_automata::nfa::thompson::{self, BuildError, WhichCaptures};
use regex_automata::util::pool::Pool;
use regex_automata::Input;
use regex_syntax::hir::{Class, ClassUnicode, Hir, HirKind};
use regex_syntax::utf8::Utf8Sequences;

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
pub(crate) struct LinePattern(Arc<Compiled>);

/// A parsed pattern, and its engines once a line has needed them.
///
/// Most of a rule set's patterns never run on a given page, nor on most
/// corpora: the prefilter turns away every line without their literal.
/// Compiling the NFA (the Unicode classes, copied once per repetition in
/// `[^.!?]{3,160}`) was most of the start-up time of a run over one file,
/// so a pattern is compiled on its first line instead.
struct Compiled {
    source: String,
    hir: Hir,
    dfa_cache_bytes: usize,
    engines: OnceCell<Engines>,
}

type CacheMaker = Box<dyn Fn() -> Caches + Send + Sync + UnwindSafe + RefUnwindSafe>;

struct Engines {
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

/// Readies parsed patterns for [`LinePattern::is_match`], and remembers
/// the UTF-8 automaton size of each Unicode class it met (`\p{L}` and its
/// kin stand in dozens of patterns, and counting one takes a thousand
/// UTF-8 sequences).
#[derive(Debug, Default)]
pub(crate) struct PatternLoader {
    /// Each class met, and its [`utf8_trie_edges`]. A rule set has a few
    /// dozen distinct classes: a list is searched faster than the ranges
    /// of `\p{L}` are hashed.
    trie_edges: Vec<(ClassUnicode, usize)>,
}

impl PatternLoader {
    /// Readies `source`, already parsed into `hir` by [`parse`]; its
    /// engines are built on first use.
    ///
    /// The one error compiling a parsed pattern can meet is its NFA
    /// outgrowing [`NFA_SIZE_LIMIT`], and that must be told here, where a
    /// rule pack loads. [`PatternLoader::nfa_bytes_bound`] tells it
    /// cheaply for nearly every pattern; one whose bound passes the limit
    /// is compiled now, the limit checked as it goes.
    pub(crate) fn load(
        &mut self,
        source: &str,
        hir: Hir,
        dfa_cache_bytes: usize,
    ) -> Result<LinePattern, PatternError> {
        let engines = OnceCell::new();
        if self.nfa_bytes_bound(&hir) > NFA_SIZE_LIMIT {
            let compiled = Engines::compile(&hir, Some(NFA_SIZE_LIMIT), dfa_cache_bytes)?;
            // The cell is new and empty: this cannot fail.
            let _ = engines.set(compiled);
        }
        Ok(LinePattern(Arc::new(Compiled {
            source: source.to_string(),
            hir,
            dfa_cache_bytes,
            engines,
        })))
    }
}

impl LinePattern {
    /// Compiles `source` with the `regex` crate's syntax and defaults
    /// (Unicode on), its lazy DFA allowed `dfa_cache_bytes` per thread.
    #[cfg(test)]
    pub(crate) fn new(source: &str, dfa_cache_bytes: usize) -> Result<LinePattern, PatternError> {
        PatternLoader::default().load(source, parse(source)?, dfa_cache_bytes)
    }

    /// The engines, compiled on first use. The size limit was checked at
    /// load (see [`PatternLoader::load`]), so it is not set again: the
    /// only error left, running out of state ids, needs more states than an
    /// NFA within the limit has. Should it happen all the same, the
    /// pattern matches no line: a kept line rather than a panic in the
    /// middle of a batch.
    fn engines(&self) -> Option<&Engines> {
        let compiled = &*self.0;
        let engines = compiled
            .engines
            .get_or_try_init(|| Engines::compile(&compiled.hir, None, compiled.dfa_cache_bytes));
        debug_assert!(engines.is_ok(), "{:?} failed to compile", compiled.source);
        engines.ok()
    }

    /// The pattern as written.
    pub(crate) fn as_str(&self) -> &str {
        &self.0.source
    }

    /// Whether the pattern matches anywhere in `line`.
    pub(crate) fn is_match(&self, line: &str) -> bool {
        let Some(engines) = self.engines() else {
            return false;
        };
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

impl Engines {
    /// Builds the three engines of `hir`, its NFA within `nfa_size_limit`
    /// bytes when there is one.
    fn compile(
        hir: &Hir,
        nfa_size_limit: Option<usize>,
        dfa_cache_bytes: usize,
    ) -> Result<Engines, PatternError> {
        let error = |e: BuildError| PatternError(e.to_string());
        let nfa = thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .which_captures(WhichCaptures::Implicit)
                    .nfa_size_limit(nfa_size_limit)
                    .shrink(false),
            )
            .build_from_hir(hir)
            .map_err(error)?;
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
        let backtracker = BoundedBacktracker::new_from_nfa(nfa.clone()).map_err(error)?;
        let pikevm = PikeVM::new_from_nfa(nfa).map_err(error)?;
        let maker = {
            let (dfa, backtracker) = (dfa.clone(), backtracker.clone());
            Box::new(move || Caches {
                dfa: dfa.as_ref().map(DFA::create_cache),
                backtracker: backtracker.create_cache(),
                pikevm: None,
            }) as CacheMaker
        };
        Ok(Engines {
            dfa,
            backtracker,
            pikevm,
            caches: Pool::new(maker),
        })
    }
}

/// Bytes that the Thompson NFA builder's states of one compiled pattern
/// take, as its size limit counts them (`size_of::<State>()` per state,
/// plus each sparse state's transitions and each union's alternates).
const STATE_BYTES: usize = 32;
const TRANSITION_BYTES: usize = 8;
const ALTERNATE_BYTES: usize = 4;

impl PatternLoader {
    /// An upper bound of the memory that compiling `hir` makes the NFA
    /// builder count against its size limit, read from the HIR in one walk.
    ///
    /// It follows `regex-automata`'s Thompson compiler: a literal is a
    /// state per byte (at most two states, a transition and two alternates
    /// per byte in an alternation of literals, compiled as a trie), a byte
    /// or ASCII class one sparse state, a Unicode class a UTF-8 automaton
    /// with at most a state and a transition per edge of its UTF-8 trie
    /// (plus its start and end, see [`utf8_trie_edges`]), a repetition a
    /// copy of its body per allowed repeat (one for an unbounded tail) with
    /// a union between copies, and an alternation a union over its
    /// branches. Constants are added for the unanchored prefix, the
    /// implicit capture and the match state. A test checks the bound
    /// against the compiler on every built-in pattern and on large ones.
    fn nfa_bytes_bound(&mut self, hir: &Hir) -> usize {
        const TOP_LEVEL: usize = 8 * STATE_BYTES + 2 * TRANSITION_BYTES + 4 * ALTERNATE_BYTES;
        TOP_LEVEL.saturating_add(self.bound_of(hir))
    }

    fn bound_of(&mut self, hir: &Hir) -> usize {
        const PER_LITERAL_BYTE: usize = 2 * STATE_BYTES + TRANSITION_BYTES + 2 * ALTERNATE_BYTES;
        let class = |ranges: usize| 2 * STATE_BYTES + ranges.saturating_mul(TRANSITION_BYTES);
        match hir.kind() {
            HirKind::Empty | HirKind::Look(_) => STATE_BYTES,
            HirKind::Literal(literal) => literal
                .0
                .len()
                .saturating_mul(PER_LITERAL_BYTE)
                .saturating_add(STATE_BYTES),
            HirKind::Class(Class::Bytes(bytes)) => class(bytes.ranges().len()),
            HirKind::Class(Class::Unicode(unicode)) if unicode.is_ascii() => {
                class(unicode.ranges().len())
            }
            HirKind::Class(Class::Unicode(unicode)) => {
                let known = self.trie_edges.iter().find(|(class, _)| class == unicode);
                let new_ranges = match known {
                    Some((_, edges)) => *edges,
                    None => {
                        let edges = utf8_trie_edges(unicode);
                        self.trie_edges.push((unicode.clone(), edges));
                        edges
                    }
                };
                class(new_ranges).saturating_add(new_ranges.saturating_mul(STATE_BYTES))
            }
            HirKind::Capture(capture) => {
                self.bound_of(&capture.sub).saturating_add(2 * STATE_BYTES)
            }
            HirKind::Concat(parts) => parts.iter().fold(STATE_BYTES, |sum, part| {
                sum.saturating_add(self.bound_of(part))
            }),
            HirKind::Alternation(branches) => branches.iter().fold(
                4 * STATE_BYTES + TRANSITION_BYTES + 2 * ALTERNATE_BYTES,
                |sum, branch| {
                    sum.saturating_add(self.bound_of(branch))
                        .saturating_add(2 * ALTERNATE_BYTES)
                },
            ),
            HirKind::Repetition(repetition) => {
                let copies = repetition.max.unwrap_or(repetition.min).max(1);
                let copy = self
                    .bound_of(&repetition.sub)
                    .saturating_add(STATE_BYTES + 2 * ALTERNATE_BYTES);
                usize::try_from(copies)
                    .unwrap_or(usize::MAX)
                    .saturating_mul(copy)
                    .saturating_add(3 * STATE_BYTES + 4 * ALTERNATE_BYTES)
            }
        }
    }
}

/// The edges of the trie that the Thompson compiler's UTF-8 compiler
/// grows from a class's UTF-8 sequences, fed in order: each sequence adds
/// an edge (and at most a state) per byte range past the ranges it shares
/// with the one before. States and transitions of the class's automaton are
/// at most these, plus its start and end.
fn utf8_trie_edges(class: &ClassUnicode) -> usize {
    let mut previous = Vec::new();
    let mut edges = 0usize;
    for range in class.iter() {
        for sequence in Utf8Sequences::new(range.start(), range.end()) {
            let ranges = sequence.as_slice();
            let shared = ranges
                .iter()
                .zip(&previous)
                .take_while(|(range, before)| range == before)
                .count();
            edges = edges.saturating_add(ranges.len() - shared);
            previous.clear();
            previous.extend_from_slice(ranges);
        }
    }
    edges
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
        let mut count = 0;
        for pattern in crate::builtin::builtin_patterns() {
            agree(&pattern, &lines);
            count += 1;
        }
        assert!(count > 50, "{count} patterns");
    }

    #[test]
    fn the_size_bound_is_never_passed_by_the_compiler() {
        let large = [
            r"\p{L}{50}",
            r"(?i)(?:alpha|beta|gamma){3,9}",
            r"(?:alpha|beta|gamma)*",
            r"\w+\s*\b(?:foo|bar)*?",
            r"(?:(?:)|a)*",
            r"[^\n]{0,300}x",
            r"((a)|b)+c{2,}",
            r"[a&&b]",
            r"(?-u:[\x00-\x7F]{2,4})+",
            r"^(?:\p{Lu}\p{Ll}+ ){2,5}$",
            r"(?i)\bcafé\b|naïve",
        ];
        let mut loader = PatternLoader::default();
        let patterns = crate::builtin::builtin_patterns();
        assert!(patterns.len() > 50, "{} patterns", patterns.len());
        for pattern in patterns.iter().map(String::as_str).chain(large) {
            let hir = parse(pattern).unwrap();
            let bound = loader.nfa_bytes_bound(&hir);
            assert!(
                Engines::compile(&hir, Some(bound), 1 << 16).is_ok(),
                "{pattern:?} outgrew its bound of {bound} bytes"
            );
        }
    }

    #[test]
    fn built_in_patterns_compile_on_first_use() {
        let mut loader = PatternLoader::default();
        for pattern in crate::builtin::builtin_patterns() {
            let hir = parse(&pattern).unwrap();
            assert!(
                loader.nfa_bytes_bound(&hir) <= NFA_SIZE_LIMIT,
                "{pattern:?}"
            );
        }
        let pattern = LinePattern::new(r"^Posted at \d+", 1 << 16).unwrap();
        assert!(pattern.0.engines.get().is_none());
        assert!(pattern.is_match("Posted at 10"));
        assert!(pattern.0.engines.get().is_some());
    }

    #[test]
    fn a_pattern_near_the_limit_is_compiled_at_load() {
        // Its bound passes the limit, its NFA does not: compiled, and
        // checked, as the pack loads.
        let source = r"\p{L}{0,300}x";
        let hir = parse(source).unwrap();
        assert!(PatternLoader::default().nfa_bytes_bound(&hir) > NFA_SIZE_LIMIT);
        let pattern = LinePattern::new(source, 1 << 16).unwrap();
        assert!(pattern.0.engines.get().is_some());
        let matches: Vec<bool> = ["éx", "x", "ab", ""]
            .iter()
            .map(|line| pattern.is_match(line))
            .collect();
        assert_eq!(matches, [true, true, false, false]);
    }

    #[test]
    fn bad_patterns_are_refused_with_the_reason() {
        let error = LinePattern::new("(unclosed", 1 << 16).unwrap_err();
        assert!(error.to_string().contains("unclosed"), "{error}");
        assert!(LinePattern::new(r"\w{1000}{1000}", 1 << 16).is_err());
    }
}
