//! Which patterns can match a line at all, found in one pass per line.
//!
//! A rule set holds about a hundred patterns and a page has a few hundred
//! lines, most of them short. Running every regex on every line costs a
//! regex call (about 50 ns even when it fails at the first byte) per
//! pattern and line, and that was most of the time spent classifying.
//! Nearly every pattern names a literal that any match must contain: the
//! `Published` of a stamp rule, the ` contributed ` of a wire credit, the
//! `(` of a caption credit. One Aho-Corasick search over the line finds
//! which of those literals occur (by walks of tables made from its DFA,
//! see [`Screen`]), and only the patterns whose literal was found (at the
//! line start, for a pattern anchored there) are run.
//!
//! A pattern anchored at the line end whose only literals are as short as
//! the `)` of `\(…(?:Getty|AP)\)$` is gated by how the line ends instead:
//! a line that holds a `)` is common, one that ends with it is not, and
//! that is read off its last bytes without a search.
//!
//! The gate is a necessary condition computed from the pattern itself, so
//! it never changes a verdict: a pattern whose literals cannot be told
//! (`^\p{Lu}\S*…`) is always run.
//!
//! The same pass looks each line up once among the `exact` strings of
//! every matcher (a lowercased line among those that ignore case), rather
//! than once per matcher.

use std::collections::HashMap;

use aho_corasick::automaton::{Automaton as _, OverlappingState};
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, Input, MatchKind, StartKind};
use regex_syntax::hir::literal::{ExtractKind, Extractor, Literal, Seq};
use regex_syntax::hir::{Hir, HirKind, Look};

use crate::bits::{clear_bit, is_set, set_bit};

/// A pattern, or a set of exact strings, registered with the
/// [`PrefilterBuilder`]: its bit in each line's [`Candidates`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CandidateId(usize);

impl CandidateId {
    /// Its bit in a line's candidates.
    pub(crate) fn index(self) -> usize {
        self.0
    }

    #[cfg(test)]
    pub(crate) fn from_index(index: usize) -> CandidateId {
        CandidateId(index)
    }
}

/// Most literals a gate may have: more means the pattern names no
/// distinctive text, and the search would find one on most lines anyway.
const MAX_GATE_LITERALS: usize = 64;

/// Shortest letter literal worth a gate: `the` is on most lines already.
const MIN_WORD_LITERAL: usize = 3;

/// Most parts of a sequence read for one literal run (under `(?i)`, a
/// part per letter): a literal that long is as telling as a longer one.
const LITERAL_RUN_PARTS: usize = 16;

/// What a line must contain for a pattern to match it.
#[derive(Debug, Clone)]
enum Gate {
    /// No usable literal: always run the pattern.
    Always,
    /// One of these literals (ASCII case folded) must occur in the line,
    /// at its start when `at_start`.
    Literals {
        literals: Vec<Vec<u8>>,
        at_start: bool,
    },
    /// The line must end with one of these literals (ASCII case folded).
    Ends(Vec<Vec<u8>>),
    /// Not a pattern: the line equals one of these strings (lowercased
    /// first when `ignore_case`; the strings are lowercase then).
    Exact {
        strings: Vec<String>,
        ignore_case: bool,
    },
}

/// Collects the patterns of a rule set, then builds the [`Prefilter`].
#[derive(Debug, Clone, Default)]
pub(crate) struct PrefilterBuilder {
    gates: Vec<Gate>,
}

impl PrefilterBuilder {
    /// Registers a pattern, parsed.
    pub(crate) fn add(&mut self, pattern: &Hir) -> CandidateId {
        self.push(gate_of(pattern))
    }

    /// Registers a matcher's `exact` strings, already lowercased when
    /// `ignore_case`; the line's bit says whether it equals one of them.
    pub(crate) fn add_exact(&mut self, strings: Vec<String>, ignore_case: bool) -> CandidateId {
        self.push(Gate::Exact {
            strings,
            ignore_case,
        })
    }

    fn push(&mut self, gate: Gate) -> CandidateId {
        self.gates.push(gate);
        CandidateId(self.gates.len() - 1)
    }

    pub(crate) fn build(&self) -> Prefilter {
        let words = self.gates.len().div_ceil(64);
        let mut always = vec![0u64; words];
        let mut ends = EndGates::default();
        let mut literals: Vec<Vec<u8>> = Vec::new();
        let mut needed_by: Vec<Vec<(usize, bool)>> = Vec::new();
        let mut exact = ExactLookup::default();
        for (pattern, gate) in self.gates.iter().enumerate() {
            match gate {
                Gate::Exact {
                    strings,
                    ignore_case,
                } => exact.add(pattern, strings, *ignore_case),
                Gate::Always => set_bit(&mut always, pattern),
                Gate::Ends(own) => ends.add(pattern, own),
                Gate::Literals {
                    literals: own,
                    at_start,
                } => {
                    for literal in own {
                        let index = match literals.iter().position(|l| l == literal) {
                            Some(index) => index,
                            None => {
                                literals.push(literal.clone());
                                needed_by.push(Vec::new());
                                literals.len() - 1
                            }
                        };
                        needed_by[index].push((pattern, *at_start));
                    }
                }
            }
        }
        // A literal that some pattern needs at the line start is looked for
        // there only, by an anchored search that stops at the first byte no
        // such literal continues with; the rest are searched for along the
        // whole line. Most literals are prefixes of anchored patterns, so
        // the scan of the whole line stays small.
        let at_start = Searcher::new(&literals, &needed_by, true);
        let anywhere = Searcher::new(&literals, &needed_by, false);
        for (pattern, gate) in self.gates.iter().enumerate() {
            if let Gate::Literals {
                at_start: start, ..
            } = gate
            {
                let searcher = if *start { &at_start } else { &anywhere };
                if searcher.automaton.is_none() {
                    // Without a searcher the pattern always runs: slower,
                    // never wrong.
                    set_bit(&mut always, pattern);
                }
            }
        }
        // A line's bits start from the ungated patterns and the patterns
        // that may end as it does, by its last byte (the empty line last).
        let mut first_rows = Vec::with_capacity(257 * words);
        for last in (0..=u8::MAX).map(Some).chain([None]) {
            let start = first_rows.len();
            first_rows.extend_from_slice(&always);
            for pattern in last.into_iter().flat_map(|last| ends.may_end_with(last)) {
                set_bit(&mut first_rows[start..], pattern);
            }
        }
        Prefilter {
            at_start,
            anywhere,
            first_rows,
            ungated: always,
            ends,
            exact,
        }
    }
}

/// The automaton of some literals, and the patterns each one lets run.
#[derive(Debug, Clone)]
struct Searcher {
    /// For each literal of the automaton, the patterns that need it.
    needed_by: Vec<Vec<usize>>,
    automaton: Option<DFA>,
    /// Whether the literals are looked for at the line start only.
    anchored: bool,
    /// The automaton's states as tables, read by a tighter loop than the
    /// automaton's own searches.
    screen: Option<Screen>,
}

impl Searcher {
    /// The searcher of the literals that some pattern needs at the line
    /// start (`at_start`), or anywhere in the line.
    fn new(literals: &[Vec<u8>], needed_by: &[Vec<(usize, bool)>], at_start: bool) -> Searcher {
        let mut own_literals = Vec::new();
        let mut own_needed_by = Vec::new();
        for (literal, needers) in literals.iter().zip(needed_by) {
            let own: Vec<usize> = needers
                .iter()
                .filter(|(_, start)| *start == at_start)
                .map(|(pattern, _)| *pattern)
                .collect();
            if !own.is_empty() {
                own_literals.push(literal);
                own_needed_by.push(own);
            }
        }
        let start = if at_start {
            StartKind::Anchored
        } else {
            StartKind::Unanchored
        };
        // The literals are ASCII-folded, so the search folds the line the
        // same way; a gate only ever lets more lines through than the
        // pattern matches. Measured on the built-in packs: with the
        // line-start literals out of it, the DFA of the rest is small
        // enough to stay in the cache, and scans a line in a third of the
        // contiguous NFA's time.
        let automaton = (!own_literals.is_empty())
            .then(|| {
                DFA::builder()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::Standard)
                    .start_kind(start)
                    .build(&own_literals)
                    .ok()
            })
            .flatten();
        let screen = automaton
            .as_ref()
            .and_then(|automaton| Screen::new(automaton, at_start, &own_literals, &own_needed_by));
        Searcher {
            needed_by: own_needed_by,
            automaton,
            anchored: at_start,
            screen,
        }
    }

    /// Sets the bit of every pattern whose literal occurs in `line` (at
    /// its start only, for an anchored searcher).
    fn mark(&self, line: &str, row: &mut [u64]) {
        match &self.screen {
            Some(screen) => screen.mark(line.as_bytes(), row),
            None => self.mark_by_automaton(line.as_bytes(), row),
        }
    }

    /// [`Searcher::mark`] by the automaton's own searches.
    fn mark_by_automaton(&self, line: &[u8], row: &mut [u64]) {
        let Some(automaton) = &self.automaton else {
            return;
        };
        let input = Input::new(line).anchored(if self.anchored {
            Anchored::Yes
        } else {
            Anchored::No
        });
        // Most lines hold none of the literals. The automaton tells that
        // with a plain search, whose loop costs about half the overlapping
        // one's per byte; the overlapping search, which finds every
        // literal, runs only on the lines that hold one. A failed search
        // counts as a find, and fails again below.
        if !automaton
            .try_find(&input.clone().earliest(true))
            .map_or(true, |found| found.is_some())
        {
            return;
        }
        let mut state = OverlappingState::start();
        loop {
            // The automaton was built for exactly this kind of start and
            // for overlapping (standard) matches, so the search cannot fail;
            // if it ever did, the patterns would run as if ungated.
            if automaton.try_find_overlapping(&input, &mut state).is_err() {
                for &pattern in self.needed_by.iter().flatten() {
                    set_bit(row, pattern);
                }
                return;
            }
            let Some(found) = state.get_match() else {
                return;
            };
            for &pattern in &self.needed_by[found.pattern().as_usize()] {
                set_bit(row, pattern);
            }
        }
    }
}

/// The literals of an automaton found in a line by walks of tables made
/// from it, where the automaton's generic search loops take 17
/// instructions a byte and more, and a hundred or so to start: a lookup
/// of the byte's class and one of the next state per byte.
///
/// Most lines hold no literal, and nearly every line is read to its end
/// by an unanchored automaton. A first walk, the screen, tells whether
/// the line holds one: every state in which a literal ends is one
/// absorbing state there, so the walk needs no test per byte, and the
/// line holds a literal when the walk ends there. Only a line that does
/// is walked again over the automaton's states as they are, the states
/// where literals end last, to mark the patterns that need them. The walk
/// of an anchored automaton stops where no literal goes on, after a few
/// bytes of most lines.
#[derive(Debug, Clone)]
struct Screen {
    /// Per byte, its column in the tables.
    classes: [u8; 256],
    /// A row's length: its number of classes.
    stride: usize,
    /// For an unanchored automaton, the screen: per state and class, the
    /// next state; a state is the index of its row's first entry, the
    /// start the second row. The table has room for every 16-bit index,
    /// so that a lookup needs no bounds check; the rows past the states
    /// are never written, nor read (about 28 KB of the 128 KB are in use
    /// for the built-in packs).
    next: Option<Box<[u16; 1 << 16]>>,
    /// The screen's start: its second row.
    screen_start: u16,
    /// The automaton's states, as `next`, from the start (the first row):
    /// every state from `first_found` on ends a literal, and from `dead`
    /// on (when anchored) none will.
    walk: Vec<u16>,
    first_found: u16,
    dead: u32,
    /// Per row of `walk`, the patterns that need a literal that ends in
    /// its state.
    marks: Vec<Vec<usize>>,
}

/// The screen's state once a literal has been read: row 0.
const FOUND: u16 = 0;

impl Screen {
    /// The screen of `automaton` (`anchored` or not) of `literals` (which
    /// are ASCII-lowercase, the automaton ASCII case-insensitive), which
    /// marks `needed_by` each literal; None when its tables would not be
    /// indexed by 16 bits, or the automaton has a state the screen does
    /// not expect.
    fn new(
        automaton: &DFA,
        anchored: bool,
        literals: &[&Vec<u8>],
        needed_by: &[Vec<usize>],
    ) -> Option<Screen> {
        // Bytes in no literal, in either case, take every state back to
        // the start (or, anchored, to the dead state): they are one
        // class, 0. Each byte of a literal is a class of its own with its
        // other ASCII case.
        let mut classes = [0u8; 256];
        let mut representatives = Vec::new();
        for byte in literals.iter().copied().flatten() {
            let byte = byte.to_ascii_lowercase();
            if !representatives.contains(&byte) {
                let class = u8::try_from(representatives.len() + 1).ok()?;
                classes[usize::from(byte)] = class;
                classes[usize::from(byte.to_ascii_uppercase())] = class;
                representatives.push(byte);
            }
        }
        let other = (0..=u8::MAX).find(|&byte| classes[usize::from(byte)] == 0)?;
        representatives.insert(0, other);
        let stride = representatives.len();
        // The states reachable from the start, numbered as they are found
        // (by the automaton's own state id), and where each goes.
        let anchored = if anchored {
            Anchored::Yes
        } else {
            Anchored::No
        };
        let start = automaton.start_state(anchored).ok()?;
        // By the automaton's state id (an index into its own table, not
        // large), the number given, or `usize::MAX`.
        let mut number = vec![usize::MAX; start.as_usize() + 1];
        number[start.as_usize()] = 0;
        let mut states = vec![start];
        // How many bytes from the start each state is first found: for an
        // anchored automaton, whose states are those of a trie, the length
        // of the literals that match there from the line's start.
        let mut depths = vec![0];
        let mut targets = Vec::new();
        while let Some(&state) = states.get(targets.len() / stride) {
            let depth = depths[targets.len() / stride] + 1;
            for &byte in &representatives {
                let to = automaton.next_state(anchored, state, byte);
                if number.len() <= to.as_usize() {
                    number.resize(to.as_usize() + 1, usize::MAX);
                }
                if number[to.as_usize()] == usize::MAX {
                    number[to.as_usize()] = states.len();
                    states.push(to);
                    depths.push(depth);
                }
                targets.push(number[to.as_usize()]);
            }
        }
        let dead: Vec<bool> = states
            .iter()
            .map(|&state| automaton.is_dead(state))
            .collect();
        let found: Vec<bool> = states
            .iter()
            .map(|&state| automaton.is_match(state))
            .collect();
        if found[0] || dead[0] || (anchored == Anchored::No && dead.contains(&true)) {
            return None;
        }
        let entry = |row: usize| u16::try_from(row * stride).ok();
        let next = if anchored == Anchored::No {
            // The states where no literal ends, in the order found, after
            // the `FOUND` row.
            let mut screen_row = vec![0; states.len()];
            for (row, state) in (1..).zip((0..states.len()).filter(|&state| !found[state])) {
                screen_row[state] = row;
            }
            let mut next = vec![FOUND; stride];
            for state in (0..states.len()).filter(|&state| !found[state]) {
                for &to in &targets[state * stride..(state + 1) * stride] {
                    next.push(entry(screen_row[to])?);
                }
            }
            let mut table: Box<[u16; 1 << 16]> =
                vec![FOUND; 1 << 16].into_boxed_slice().try_into().ok()?;
            table.get_mut(..next.len())?.copy_from_slice(&next);
            Some(table)
        } else {
            None
        };
        // The walk: the states where no literal ends, those where some
        // do, then the dead state.
        let kind = |state: usize| u8::from(found[state]) + 2 * u8::from(dead[state]);
        let mut order: Vec<usize> = (0..states.len()).collect();
        order.sort_by_key(|&state| kind(state));
        let mut walk_row = vec![0; states.len()];
        for (row, &state) in order.iter().enumerate() {
            walk_row[state] = row;
        }
        let mut walk = Vec::with_capacity(targets.len());
        let mut marks = Vec::with_capacity(states.len());
        for &state in &order {
            for &to in &targets[state * stride..(state + 1) * stride] {
                walk.push(entry(walk_row[to])?);
            }
            let id = states[state];
            let ends = if found[state] {
                automaton.match_len(id)
            } else {
                0
            };
            // A state of an anchored automaton also lists the literals that
            // end there but started later (`-` in the state of `pre-`):
            // they are not at the start.
            let mut patterns: Vec<usize> = (0..ends)
                .map(|at| automaton.match_pattern(id, at))
                .filter(|&literal| {
                    anchored == Anchored::No || automaton.pattern_len(literal) == depths[state]
                })
                .flat_map(|literal| &needed_by[literal.as_usize()])
                .copied()
                .collect();
            patterns.sort_unstable();
            patterns.dedup();
            marks.push(patterns);
        }
        let first_of = |of: u8| order.iter().position(|&state| kind(state) >= of);
        Some(Screen {
            classes,
            stride,
            next,
            screen_start: entry(1)?,
            walk,
            first_found: entry(first_of(1).unwrap_or(states.len()))?,
            dead: first_of(2).map_or(Some(u32::MAX), |row| entry(row).map(u32::from))?,
            marks,
        })
    }

    /// Whether `line` holds one of the literals, for an unanchored
    /// screen; true for an anchored one.
    fn holds_any(&self, line: &[u8]) -> bool {
        let Some(next) = &self.next else {
            return true;
        };
        let step = |state: u16, byte: &u8| {
            next[usize::from(state.wrapping_add(u16::from(self.classes[usize::from(*byte)])))]
        };
        // Four bytes a round: the loop's own test is paid once for four.
        let mut quads = line.chunks_exact(4);
        let state = quads.by_ref().fold(self.screen_start, |state, quad| {
            quad.iter().fold(state, step)
        });
        quads.remainder().iter().fold(state, step) == FOUND
    }

    /// Sets the bit of every pattern that needs a literal `line` holds.
    fn mark(&self, line: &[u8], row: &mut [u64]) {
        if !self.holds_any(line) {
            return;
        }
        let mut state = 0;
        for &byte in line {
            state = self.walk[usize::from(state) + usize::from(self.classes[usize::from(byte)])];
            if state >= self.first_found {
                if u32::from(state) >= self.dead {
                    return;
                }
                for &pattern in &self.marks[usize::from(state) / self.stride] {
                    set_bit(row, pattern);
                }
            }
        }
    }
}

/// The compiled gate of every pattern of a rule set.
#[derive(Debug, Clone)]
pub(crate) struct Prefilter {
    /// The literals of patterns anchored at the line start.
    at_start: Searcher,
    /// The literals that may occur anywhere in a match.
    anywhere: Searcher,
    /// Per last byte of a line (and last, for the empty line), the bits
    /// it starts from: the patterns without a gate, and those that may end
    /// with that byte.
    first_rows: Vec<u64>,
    /// Patterns without a gate, as a bit set.
    ungated: Vec<u64>,
    /// The literals that must end a line for a pattern anchored there.
    ends: EndGates,
    exact: ExactLookup,
}

/// The patterns anchored at the line end that name how their matches end
/// (`\)$`), and the literals one of which the line must end with for
/// each: a pattern whose only required literal is `)` runs on the lines
/// that end with it, not on every line that holds one.
#[derive(Debug, Clone)]
struct EndGates {
    /// Per last byte of a line, the patterns one of whose literals ends
    /// with it (in either ASCII case), with their literals.
    by_last_byte: Vec<Vec<(usize, Vec<Vec<u8>>)>>,
}

impl Default for EndGates {
    fn default() -> EndGates {
        EndGates {
            by_last_byte: vec![Vec::new(); 256],
        }
    }
}

impl EndGates {
    /// Gates `pattern` with `ends`, which are ASCII-lowercase.
    fn add(&mut self, pattern: usize, ends: &[Vec<u8>]) {
        let mut last_bytes: Vec<u8> = ends
            .iter()
            .filter_map(|end| end.last().copied())
            .flat_map(|last| [last, last.to_ascii_uppercase()])
            .collect();
        last_bytes.sort_unstable();
        last_bytes.dedup();
        for last in last_bytes {
            self.by_last_byte[usize::from(last)].push((pattern, ends.to_vec()));
        }
    }

    /// The patterns that a line ending with `last` may end as they must.
    fn may_end_with(&self, last: u8) -> impl Iterator<Item = usize> + '_ {
        self.by_last_byte[usize::from(last)]
            .iter()
            .map(|(pattern, _)| *pattern)
    }

    /// Clears the bit of every pattern in `row` that `line` ends with the
    /// right byte but not with one of the pattern's literals.
    fn clear_unended(&self, line: &[u8], row: &mut [u64]) {
        let Some(&last) = line.last() else {
            return;
        };
        for (pattern, ends) in &self.by_last_byte[usize::from(last)] {
            let ended = |end: &Vec<u8>| {
                line.len()
                    .checked_sub(end.len())
                    .is_some_and(|from| line[from..].eq_ignore_ascii_case(end))
            };
            if is_set(row, *pattern) && !ends.iter().any(ended) {
                clear_bit(row, *pattern);
            }
        }
    }
}

/// Every matcher's `exact` strings, by the (maybe lowercased) line they
/// equal.
#[derive(Debug, Clone)]
struct ExactLookup {
    case_sensitive: ExactStrings,
    ignore_case: ExactStrings,
}

impl Default for ExactLookup {
    fn default() -> ExactLookup {
        ExactLookup {
            case_sensitive: ExactStrings::new(false),
            ignore_case: ExactStrings::new(true),
        }
    }
}

/// Strings of one kind, and their lengths and end bytes: most lines have a
/// length no string has, or no string of their length starts and ends as
/// they do, and are turned away before they are hashed or lowercased.
#[derive(Debug, Clone, Default)]
struct ExactStrings {
    ids: HashMap<String, Vec<usize>>,
    /// Per length, the first and the last bytes of the strings that long
    /// (in both ASCII cases, for strings compared without case); None
    /// where no string is that long.
    ends_by_length: Vec<Option<[ByteSet; 2]>>,
    ignore_case: bool,
}

/// A set of bytes, a bit each.
#[derive(Debug, Clone, Copy, Default)]
struct ByteSet([u64; 4]);

impl ByteSet {
    fn insert(&mut self, byte: u8) {
        set_bit(&mut self.0, usize::from(byte));
    }

    fn contains(&self, byte: u8) -> bool {
        self.0[usize::from(byte / 64)] & (1 << (byte % 64)) != 0
    }
}

impl ExactStrings {
    fn new(ignore_case: bool) -> ExactStrings {
        ExactStrings {
            ignore_case,
            ..ExactStrings::default()
        }
    }

    fn add(&mut self, id: usize, string: String) {
        if self.ends_by_length.len() <= string.len() {
            self.ends_by_length.resize(string.len() + 1, None);
        }
        let ends = self.ends_by_length[string.len()].get_or_insert_default();
        for (set, end) in ends
            .iter_mut()
            .zip([string.bytes().next(), string.bytes().last()])
        {
            if let Some(byte) = end {
                set.insert(byte);
                if self.ignore_case {
                    set.insert(byte.to_ascii_uppercase());
                }
            }
        }
        let ids = self.ids.entry(string).or_default();
        if !ids.contains(&id) {
            ids.push(id);
        }
    }

    /// Whether some string is as long as `line` and starts and ends with
    /// its bytes (in either ASCII case, for strings compared without case:
    /// for a line that lowercases byte by byte).
    fn may_hold(&self, line: &[u8]) -> bool {
        match self.ends_by_length.get(line.len()) {
            Some(Some([first, last])) => match (line.first(), line.last()) {
                (Some(&start), Some(&end)) => first.contains(start) && last.contains(end),
                // The empty string.
                _ => true,
            },
            _ => false,
        }
    }

    /// The longest string's length.
    fn max_len(&self) -> usize {
        self.ends_by_length.len().saturating_sub(1)
    }

    fn get(&self, line: &str) -> Option<&Vec<usize>> {
        self.ids.get(line)
    }
}

impl ExactLookup {
    fn add(&mut self, id: usize, strings: &[String], ignore_case: bool) {
        let kind = if ignore_case {
            &mut self.ignore_case
        } else {
            &mut self.case_sensitive
        };
        for string in strings {
            kind.add(id, string.clone());
        }
    }

    /// Sets the bit of every exact set that holds `line`; `lower` is
    /// scratch space for the lowercased line.
    fn mark(&self, line: &str, lower: &mut String, row: &mut [u64]) {
        let mut set = |ids: Option<&Vec<usize>>| {
            for &id in ids.into_iter().flatten() {
                set_bit(row, id);
            }
        };
        if self.case_sensitive.may_hold(line.as_bytes()) {
            set(self.case_sensitive.get(line));
        }
        // A character takes at most 4 bytes, so a longer line has more
        // characters than the longest string has bytes, and cannot equal
        // one lowercased (see below): it is not read at all.
        let longest = self.ignore_case.max_len();
        if line.len() > longest.saturating_mul(4) {
            return;
        }
        if line.is_ascii() {
            // An ASCII line lowercases to as many bytes, each on its own.
            if self.ignore_case.may_hold(line.as_bytes()) {
                lower.clear();
                lower.push_str(line);
                lower.make_ascii_lowercase();
                set(self.ignore_case.get(lower));
            }
        } else if line.chars().count() <= longest {
            // Lowercasing never merges characters, and a character takes
            // at least a byte, so a lowercased line has at least as many
            // bytes as the line has characters: a line with more
            // characters than the longest string has bytes is never
            // lowercased for nothing.
            set(self.ignore_case.get(&line.to_lowercase()));
        }
    }
}

impl Prefilter {
    /// How many candidate ids a line's bit set has room for.
    pub(crate) fn candidate_slots(&self) -> usize {
        self.ungated.len() * 64
    }

    /// Whether `pattern` runs only on lines holding one of its literals,
    /// or ending with one.
    pub(crate) fn is_gated(&self, pattern: CandidateId) -> bool {
        !is_set(&self.ungated, pattern.0)
    }

    /// The patterns worth running on each line, as one bit set per line.
    pub(crate) fn scan<S: AsRef<str>>(&self, lines: &[S], max_line_bytes: usize) -> Candidates {
        let words = self.ungated.len();
        let mut bits = Vec::with_capacity(lines.len() * words);
        let mut lower = String::new();
        for line in lines {
            let line = line.as_ref();
            let start = bits.len();
            let long = line.len() > max_line_bytes;
            let first = line
                .as_bytes()
                .last()
                .map_or(256, |&last| usize::from(last));
            bits.extend_from_slice(if long {
                &self.ungated
            } else {
                &self.first_rows[first * words..(first + 1) * words]
            });
            self.exact.mark(line, &mut lower, &mut bits[start..]);
            if long {
                continue;
            }
            let row = &mut bits[start..];
            self.at_start.mark(line, row);
            self.anywhere.mark(line, row);
            self.ends.clear_unended(line.as_bytes(), row);
        }
        Candidates { words, bits }
    }
}

/// Per line, the patterns that may match it and the exact sets that hold
/// it (see [`Prefilter::scan`]).
#[derive(Debug, Clone)]
pub(crate) struct Candidates {
    words: usize,
    bits: Vec<u64>,
}

impl Candidates {
    /// The patterns that may match line `index`.
    pub(crate) fn line(&self, index: usize) -> LineCandidates<'_> {
        LineCandidates(&self.bits[index * self.words..(index + 1) * self.words])
    }

    /// The patterns that may match some line, and the exact sets that hold
    /// one: the union of the lines' sets.
    pub(crate) fn any_line(&self) -> Vec<u64> {
        let mut union = vec![0; self.words];
        for line in self.bits.chunks_exact(self.words.max(1)) {
            for (all, word) in union.iter_mut().zip(line) {
                *all |= word;
            }
        }
        union
    }
}

/// The patterns that may match one line, and the exact sets that hold it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LineCandidates<'a>(&'a [u64]);

impl<'a> LineCandidates<'a> {
    pub(crate) fn from_words(words: &'a [u64]) -> LineCandidates<'a> {
        LineCandidates(words)
    }

    /// The bit set itself, a bit per candidate id.
    pub(crate) fn words(self) -> &'a [u64] {
        self.0
    }

    /// For a pattern: whether it may match the line; for an exact set:
    /// whether it holds the line.
    pub(crate) fn may_match(self, pattern: CandidateId) -> bool {
        is_set(self.0, pattern.0)
    }
}

/// The best gate the pattern's syntax allows.
fn gate_of(hir: &Hir) -> Gate {
    // Anchored at the line start: the match begins with one of its prefix
    // literals, so that literal starts the line.
    let literals = hir
        .properties()
        .look_set_prefix()
        .contains(Look::Start)
        .then(|| usable(prefixes(hir)))
        .flatten()
        .map(|literals| (literals, true))
        .or_else(|| required(hir).map(|literals| (literals, false)));
    // A literal as short as `)` is on many lines, and costs a search of
    // every one of them: where the match must end the line, ends as
    // telling are read off the line's last bytes instead. (Ends are not
    // worth a look on every line that ends with their last byte where the
    // literals are words.)
    let weak = |literals: &[Vec<u8>]| literals.iter().any(|l| l.len() < MIN_WORD_LITERAL);
    match literals {
        Some((literals, at_start)) if !weak(&literals) => Gate::Literals { literals, at_start },
        literals => match (literals, ends_of(hir)) {
            (Some((literals, _)), Some(ends)) if strength(&ends) >= strength(&literals) => {
                Gate::Ends(ends)
            }
            (Some((literals, at_start)), _) => Gate::Literals { literals, at_start },
            (None, Some(ends)) => Gate::Ends(ends),
            (None, None) => Gate::Always,
        },
    }
}

/// Anchored at the line end: the match ends with one of its suffix
/// literals, so that literal ends the line.
fn ends_of(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    if !hir.properties().look_set_suffix().contains(Look::End) {
        return None;
    }
    let mut extractor = Extractor::new();
    extractor.kind(ExtractKind::Suffix);
    let seq = extractor.extract(hir);
    let literals = seq.literals()?;
    if !literals.iter().all(|l| distinctive(l.as_bytes())) {
        return None;
    }
    // Read backwards, a suffix is a prefix: `bc` makes `abc` redundant.
    let backwards = literals
        .iter()
        .map(|l| l.as_bytes().iter().rev().copied().collect())
        .collect();
    let mut ends = usable_literals(backwards)?;
    for end in &mut ends {
        end.reverse();
    }
    Some(ends)
}

/// Literals one of which occurs in every match of `hir`, anywhere in it.
fn required(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    match hir.kind() {
        HirKind::Capture(capture) => required(&capture.sub),
        HirKind::Repetition(repetition) if repetition.min > 0 => required(&repetition.sub),
        // Every part of a sequence is in the match, and so is every run of
        // consecutive parts: take the most telling literals of any part,
        // or of any run read from its start (under `(?i)` a word is a run
        // of one-letter classes, `[Cc][Oo][Oo]…`, telling only together).
        HirKind::Concat(parts) => {
            // Each part's prefixes, read once for all the runs it is in.
            let part_prefixes: Vec<Seq> = parts.iter().map(prefixes).collect();
            (0..parts.len())
                .map(|from| {
                    // A run's first `LITERAL_RUN_PARTS` parts: what the
                    // extractor makes of more is longer than a gate needs.
                    let to = parts.len().min(from + LITERAL_RUN_PARTS);
                    usable(run_prefixes(&part_prefixes[from..to]))
                })
                .chain(parts.iter().map(required))
                .flatten()
                .max_by_key(|literals| strength(literals))
        }
        // One of the branches matched: any of their literals will do.
        HirKind::Alternation(branches) => {
            let mut all = Vec::new();
            for branch in branches {
                all.extend(required(branch)?);
            }
            usable_literals(all)
        }
        HirKind::Literal(_) | HirKind::Class(_) => usable(prefixes(hir)),
        _ => None,
    }
}

fn prefixes(hir: &Hir) -> Seq {
    let mut extractor = Extractor::new();
    extractor.kind(ExtractKind::Prefix);
    extractor.extract(hir)
}

/// Most literals the prefixes of a run may have, and the longest literal
/// kept whole, as in the extractor's defaults.
const RUN_MAX_LITERALS: usize = 250;
const RUN_MAX_LITERAL_BYTES: usize = 100;

/// The prefixes of a run of consecutive parts, from the prefixes of each:
/// what [`prefixes`] makes of the run's concatenation, the extractor's
/// own steps (cross each part's prefixes onto the run's while they are
/// exact, within its limits), without cloning the parts into a new HIR
/// and reading them again for every run they are in.
fn run_prefixes(parts: &[Seq]) -> Seq {
    let mut run = Seq::singleton(Literal::exact(Vec::new()));
    for part in parts {
        if run.is_inexact() {
            break;
        }
        let mut part = part.clone();
        if run
            .max_cross_len(&part)
            .is_some_and(|len| len > RUN_MAX_LITERALS)
        {
            part.make_infinite();
        }
        run.cross_forward(&mut part);
        run.keep_first_bytes(RUN_MAX_LITERAL_BYTES);
    }
    run
}

/// The literals of `seq`, when they make a gate.
fn usable(seq: Seq) -> Option<Vec<Vec<u8>>> {
    let literals = seq.literals()?;
    // One literal too plain for a gate spoils the set, whatever folding
    // and pruning make of the rest (a shorter literal that prunes it is
    // plainer still): most runs are turned away here, before the copies.
    if !literals.iter().all(|l| distinctive(l.as_bytes())) {
        return None;
    }
    usable_literals(literals.iter().map(|l| l.as_bytes().to_vec()).collect())
}

/// Whether a literal tells enough for a gate: a word of
/// [`MIN_WORD_LITERAL`] bytes, or any punctuation or non-ASCII text (`(`,
/// `©`). Folding ASCII case does not change the answer.
fn distinctive(literal: &[u8]) -> bool {
    literal.len() >= MIN_WORD_LITERAL
        || (!literal.is_empty()
            && literal
                .iter()
                .any(|b| !b.is_ascii_alphanumeric() && *b != b' '))
}

/// Folds, deduplicates and checks a literal set: none empty, few, and
/// each distinctive enough (a word of [`MIN_WORD_LITERAL`] bytes, or a
/// literal with punctuation or non-ASCII text in it such as `(` or `©`).
fn usable_literals(literals: Vec<Vec<u8>>) -> Option<Vec<Vec<u8>>> {
    let mut folded = literals;
    for literal in &mut folded {
        literal.make_ascii_lowercase();
    }
    folded.sort();
    // `ab` makes `abc` redundant: a line holding `abc` holds `ab`. Sorted,
    // a literal's extensions follow it, and whatever lies between a
    // literal and an extension of it extends it too: so each literal needs
    // checking against the last one kept only (which also drops repeats).
    let mut minimal: Vec<Vec<u8>> = Vec::with_capacity(folded.len());
    for literal in folded {
        if !minimal.last().is_some_and(|kept| literal.starts_with(kept)) {
            minimal.push(literal);
        }
    }
    (!minimal.is_empty()
        && minimal.len() <= MAX_GATE_LITERALS
        && minimal.iter().all(|l| distinctive(l)))
    .then_some(minimal)
}

/// How much a literal set narrows the lines: longer shortest literal,
/// then fewer literals.
fn strength(literals: &[Vec<u8>]) -> (usize, std::cmp::Reverse<usize>) {
    let shortest = literals.iter().map(Vec::len).min().unwrap_or(0);
    (shortest.min(8), std::cmp::Reverse(literals.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(pattern: &str) -> Hir {
        regex_syntax::Parser::new().parse(pattern).unwrap()
    }

    fn literals_of(pattern: &str) -> Option<(Vec<String>, bool)> {
        let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
        match gate_of(&hir) {
            Gate::Always | Gate::Exact { .. } | Gate::Ends(_) => None,
            Gate::Literals {
                literals, at_start, ..
            } => Some((
                literals
                    .iter()
                    .map(|l| String::from_utf8_lossy(l).into_owned())
                    .collect(),
                at_start,
            )),
        }
    }

    /// Every run that [`required`] reads, in every built-in pattern.
    #[test]
    fn run_prefixes_are_the_extractors_prefixes_of_the_run() {
        fn check(hir: &Hir, runs: &mut usize) {
            match hir.kind() {
                HirKind::Concat(parts) => {
                    let part_prefixes: Vec<Seq> = parts.iter().map(prefixes).collect();
                    for from in 0..parts.len() {
                        let to = parts.len().min(from + LITERAL_RUN_PARTS);
                        assert_eq!(
                            run_prefixes(&part_prefixes[from..to]),
                            prefixes(&Hir::concat(parts[from..to].to_vec())),
                            "{hir}"
                        );
                        *runs += 1;
                    }
                    parts.iter().for_each(|part| check(part, runs));
                }
                HirKind::Alternation(subs) => subs.iter().for_each(|sub| check(sub, runs)),
                HirKind::Capture(capture) => check(&capture.sub, runs),
                HirKind::Repetition(repetition) => check(&repetition.sub, runs),
                _ => {}
            }
        }
        let mut runs = 0;
        for pattern in crate::builtin::builtin_patterns() {
            check(&parse(&pattern), &mut runs);
        }
        assert!(runs > 1000, "{runs} runs");
    }

    #[test]
    fn anchored_pattern_gates_on_its_prefix() {
        let (literals, at_start) =
            literals_of("^(?:Published|PUBLISHED|Posted)(?: on)?:? .{0,40}$").unwrap();
        assert!(at_start);
        assert_eq!(
            literals,
            vec!["posted ", "posted: ", "published ", "published: "]
        );
    }

    #[test]
    fn case_insensitive_prefix_folds_to_few_literals() {
        let (literals, at_start) = literals_of("^(?i:share (?:on|to) facebook)$").unwrap();
        assert!(at_start);
        // ASCII folding leaves `share `, and the long s (`ſ`) that Unicode
        // case folding maps to `s`.
        assert_eq!(literals, vec!["share ", "ſhare "]);
    }

    #[test]
    fn unanchored_pattern_gates_on_an_inner_literal() {
        let (literals, at_start) =
            literals_of(r"^\p{Lu}[^.!?]{0,200} contributed (?:reporting|research)\.$").unwrap();
        assert!(!at_start);
        assert!(
            literals.iter().all(|l| l.contains("contributed")),
            "{literals:?}"
        );
    }

    #[test]
    fn case_insensitive_word_inside_is_found() {
        let (literals, at_start) =
            literals_of(r"(?i:\b(?:we|this site|our site) uses? cookies\b)").unwrap();
        assert!(!at_start);
        // ` cookie`, and its spelling with the Kelvin sign that `(?i)k`
        // also matches.
        assert_eq!(literals, vec![" cookie", " coo\u{212A}ie"]);
    }

    #[test]
    fn alternation_needs_a_literal_in_every_branch() {
        assert!(literals_of(r"(?:\bbegambleaware\b|\p{Lu}+)").is_none());
        let (literals, _) = literals_of(r"(?:\bbegambleaware\b|\(pictured\))").unwrap();
        assert_eq!(literals, vec!["(pictured)", "begambleaware"]);
    }

    #[test]
    fn shapeless_pattern_is_always_run() {
        assert!(literals_of(r"^\p{Lu}\S*(?:\s+\S+){0,14}$").is_none());
        assert!(literals_of(r"^.{0,5}$").is_none());
        // Two letters say too little.
        assert!(literals_of(r"\bon\b").is_none());
    }

    #[test]
    fn scan_marks_only_lines_holding_the_literal() {
        let mut builder = PrefilterBuilder::default();
        let stamp = builder.add(&parse("^(?:Published|Posted) at .*$"));
        let credit = builder.add(&parse(r"\((?:Getty|AP)\)$"));
        let shapeless = builder.add(&parse(r"^\p{Lu}\S*$"));
        let prefilter = builder.build();
        let lines = [
            "Posted at 10:02",
            "Talks resumed on Friday (AP)",
            "The statement was posted at noon",
        ];
        let candidates = prefilter.scan(&lines, 4096);
        let may = |line: usize, pattern| candidates.line(line).may_match(pattern);
        assert!(may(0, stamp) && !may(0, credit) && may(0, shapeless));
        assert!(!may(1, stamp) && may(1, credit));
        // `posted` occurs, but not at the start the pattern is anchored to.
        assert!(!may(2, stamp) && !may(2, credit) && may(2, shapeless));
    }

    #[test]
    fn ends_are_the_suffixes_that_end_every_match() {
        let ends = |pattern: &str| {
            ends_of(&parse(pattern)).map(|ends| {
                ends.iter()
                    .map(|l| String::from_utf8_lossy(l).into_owned())
                    .collect::<Vec<_>>()
            })
        };
        assert_eq!(
            ends(r"\((?:Getty|AP)\)$"),
            Some(vec!["(ap)".into(), "(getty)".into()])
        );
        assert_eq!(ends(r"\(\p{Lu}+\)$"), Some(vec![")".into()]));
        // A line ending with `big cats` ends with `cats`; one ending with
        // `catsup` does not end with `cats`, and needs its own.
        assert_eq!(ends(r"(?:big cats|Cats)$"), Some(vec!["cats".into()]));
        assert_eq!(
            ends(r"(?:cats|catsup)$"),
            Some(vec!["catsup".into(), "cats".into()])
        );
        // Not every match ends the line, or ends with a literal.
        assert_eq!(ends(r"\)$|\(x"), None);
        assert_eq!(ends(r"\)"), None);
        assert_eq!(ends(r"\).*$"), None);
    }

    #[test]
    fn a_pattern_gated_by_a_short_literal_at_its_end_runs_where_a_line_ends_so() {
        let mut builder = PrefilterBuilder::default();
        // Each names no literal but `(` and `)`, or `[` and `]`.
        let credit = builder.add(&parse(r"\(\p{Lu}+\)$"));
        let both = builder.add(&parse(r"(?:\(\p{Lu}+\)|\[\p{Lu}+\])$"));
        let prefilter = builder.build();
        assert!(prefilter.is_gated(credit) && prefilter.is_gated(both));
        let lines = [
            "Talks resumed (AP)",
            "(AP) Talks resumed",
            "[AP]",
            "(AP).",
            "",
        ];
        let candidates = prefilter.scan(&lines, 4096);
        let may = |line: usize, pattern| candidates.line(line).may_match(pattern);
        assert!(may(0, credit) && may(0, both));
        assert!(!may(1, credit) && !may(1, both));
        assert!(!may(2, credit) && may(2, both));
        assert!(!may(3, credit) && !may(3, both));
        assert!(!may(4, credit) && !may(4, both));
    }

    #[test]
    fn a_line_holding_a_literal_marks_every_literal_it_holds() {
        // `mark` first asks whether any literal occurs, then finds them
        // all: `ap:` inside `aap:` and both inside `reuters: aap:` too.
        let mut builder = PrefilterBuilder::default();
        let wire = builder.add(&parse(r"\bAAP:"));
        let agency = builder.add(&parse(r"AP: \w+"));
        let credit = builder.add(&parse(r"Reuters: \w+"));
        let prefilter = builder.build();
        let lines = [
            "Photo: AAP: Jane Doe",
            "reuters: aap: x",
            "Nothing here",
            "",
        ];
        let candidates = prefilter.scan(&lines, 4096);
        let may = |line: usize, pattern| candidates.line(line).may_match(pattern);
        assert!(may(0, wire) && may(0, agency) && !may(0, credit));
        assert!(may(1, wire) && may(1, agency) && may(1, credit));
        for line in 2..lines.len() {
            assert!(!may(line, wire) && !may(line, agency) && !may(line, credit));
        }
    }

    #[test]
    fn exact_sets_are_looked_up_once_per_line() {
        let mut builder = PrefilterBuilder::default();
        let menu = builder.add_exact(
            vec!["menu".into(), "sign in".into(), "édition".into()],
            true,
        );
        let label = builder.add_exact(vec!["Live".into(), "Déjà vu".into()], false);
        let candidates = builder.build().scan(
            &[
                "MENU",
                "Live",
                "live",
                "Sign In now",
                "ÉDITION",
                "Déjà vu",
                "DÉJÀ VU",
            ],
            4096,
        );
        let holds = |line: usize, set| candidates.line(line).may_match(set);
        assert!(holds(0, menu) && !holds(0, label));
        assert!(holds(1, label) && !holds(1, menu));
        assert!(!holds(2, label) && !holds(2, menu));
        assert!(!holds(3, menu));
        // Lines beyond ASCII: lowercased in full, looked up as they are.
        assert!(holds(4, menu) && !holds(4, label));
        assert!(holds(5, label) && !holds(5, menu));
        assert!(!holds(6, label) && !holds(6, menu));
    }

    #[test]
    fn a_line_that_lowercases_to_fewer_bytes_is_still_looked_up() {
        // The Kelvin sign takes three bytes and lowercases to `k`: the
        // line is as many characters long as the string, not bytes.
        let mut builder = PrefilterBuilder::default();
        let kilo = builder.add_exact(vec!["km".into()], true);
        let candidates = builder.build().scan(&["\u{212A}M", "\u{212A}MM"], 4096);
        assert!(candidates.line(0).may_match(kilo));
        assert!(!candidates.line(1).may_match(kilo));
    }

    #[test]
    fn long_lines_get_no_candidates_but_the_ungated() {
        let mut builder = PrefilterBuilder::default();
        let stamp = builder.add(&parse("^Posted at .*$"));
        let candidates = builder.build().scan(&["Posted at 10:02"], 4);
        assert!(!candidates.line(0).may_match(stamp));
    }

    /// A line made of pieces of `literals` (some cut out of them, in random
    /// ASCII case) and of other text, from `next`.
    fn line_of_pieces(literals: &[Vec<u8>], next: &mut impl FnMut() -> u64) -> Vec<u8> {
        let others: [&[u8]; 8] = [
            b" ",
            b"e",
            b"Q",
            b"\xc2",
            b"\xa9",
            b"\xe2\x80\x99",
            b"7",
            b"|",
        ];
        let mut line = Vec::new();
        for _ in 0..next() % 8 {
            if next() % 2 == 0 {
                let literal = &literals[(next() % literals.len() as u64) as usize];
                let piece = if next() % 3 == 0 {
                    let (a, b) = (next(), next());
                    let cut = |at: u64| (at % (literal.len() as u64 + 1)) as usize;
                    let (a, b) = (cut(a), cut(b));
                    &literal[a.min(b)..a.max(b)]
                } else {
                    &literal[..]
                };
                line.extend(piece.iter().map(|&byte| {
                    if next() % 2 == 0 {
                        byte.to_ascii_uppercase()
                    } else {
                        byte
                    }
                }));
            } else {
                line.extend_from_slice(others[(next() % others.len() as u64) as usize]);
            }
        }
        line
    }

    /// Checks the screen of `literals` against the automaton (whether a
    /// line holds any), and against looking for each literal in turn.
    fn assert_screen_agrees(literals: &[Vec<u8>], at_start: bool) {
        // Each literal opens a pattern of its own.
        let needed_by: Vec<_> = (0..literals.len()).map(|i| vec![(i, at_start)]).collect();
        let searcher = Searcher::new(literals, &needed_by, at_start);
        let words = literals.len().div_ceil(64);
        let (Some(automaton), Some(screen)) = (&searcher.automaton, &searcher.screen) else {
            panic!("no screen for {literals:?}");
        };
        let mut next = crate::test_rng::xorshift(0x9e37_79b9_7f4a_7c15_u64);
        let (mut held, mut marked) = (0, 0);
        let lines = 50_000;
        for _ in 0..lines {
            let line = line_of_pieces(literals, &mut next);
            let expected = at_start
                || automaton
                    .try_find(&Input::new(&line).earliest(true))
                    .unwrap()
                    .is_some();
            assert_eq!(screen.holds_any(&line), expected, "{line:?}");
            held += usize::from(expected);
            let mut walked = vec![0; words];
            screen.mark(&line, &mut walked);
            // Each literal, looked for in the line folded.
            let folded = line.to_ascii_lowercase();
            for (i, literal) in literals.iter().enumerate() {
                let held = if at_start {
                    folded.starts_with(literal)
                } else {
                    folded
                        .windows(literal.len())
                        .any(|window| window == literal)
                };
                assert_eq!(is_set(&walked, i), held, "{literal:?} in {line:?}");
            }
            marked += usize::from(walked.iter().any(|&word| word != 0));
        }
        // Both answers are common.
        assert!(
            marked > lines / 5 && marked < lines * 4 / 5,
            "{marked} of {lines}"
        );
        assert!(held >= marked);
    }

    /// The literals of the built-in packs' gates, at the line start or
    /// anywhere.
    fn builtin_literals(builder: &PrefilterBuilder, start: bool) -> Vec<Vec<u8>> {
        let mut literals = Vec::new();
        for gate in &builder.gates {
            if let Gate::Literals {
                literals: own,
                at_start,
            } = gate
            {
                if *at_start == start {
                    literals.extend(own.iter().cloned());
                }
            }
        }
        literals.sort();
        literals.dedup();
        literals
    }

    #[test]
    fn the_screen_finds_the_literals_the_automaton_finds() {
        let mut builder = PrefilterBuilder::default();
        for pattern in crate::builtin::builtin_patterns() {
            builder.add(&parse(&pattern));
        }
        let prefilter = builder.build();
        let screen = prefilter.anywhere.screen.expect("a screen");
        assert!(prefilter.at_start.screen.is_some());
        // Small enough to stay in the cache. Every state but the start is
        // entered from another, and the start is the first row after
        // `FOUND`.
        let table = screen.next.expect("a screen table");
        let used = usize::from(table.iter().copied().max().unwrap_or(0)) + screen.stride;
        assert!(used * 2 <= 64 << 10, "{used} entries");
        assert!(
            screen.walk.len() * 2 <= 64 << 10,
            "{} entries",
            screen.walk.len()
        );
        assert_screen_agrees(&builtin_literals(&builder, false), false);
        assert_screen_agrees(&builtin_literals(&builder, true), true);
        // A NUL byte in a literal (NUL is no longer the class of the bytes
        // in none), and literals inside others.
        for at_start in [false, true] {
            assert_screen_agrees(
                &[
                    b"\0x".to_vec(),
                    b"ab\0".to_vec(),
                    b"b".to_vec(),
                    b"|".to_vec(),
                    b"abc".to_vec(),
                ],
                at_start,
            );
        }
    }

    #[test]
    fn exact_lookup_agrees_with_comparing_each_string() {
        let sets: [(&[&str], bool); 4] = [
            (&["Menu", "Sign in", "Live", "", "Déjà vu"], false),
            (&["menu", "sign in", "édition", "km", "x"], true),
            (&["advertisement", "a", "ab"], true),
            (&["Advertisement", "AB"], false),
        ];
        let mut lookup = ExactLookup::default();
        for (id, (strings, ignore_case)) in sets.iter().enumerate() {
            let strings: Vec<String> = strings.iter().map(|s| s.to_string()).collect();
            lookup.add(id, &strings, *ignore_case);
        }
        let pieces = [
            "Menu",
            "menu",
            "MENU",
            "Sign",
            " ",
            "in",
            "IN",
            "Live",
            "Déjà",
            "DÉJÀ",
            "vu",
            "é",
            "É",
            "\u{212A}",
            "m",
            "M",
            "k",
            "x",
            "X",
            "a",
            "A",
            "b",
            "B",
            "advertisement",
            "ADVERTISEMENT",
            "Advertisement",
            "dition",
            "DITION",
        ];
        let mut next = crate::test_rng::xorshift(0x2545_f491_4f6c_dd1d_u64);
        let mut lower = String::new();
        let mut found = 0;
        for _ in 0..20_000 {
            let line: String = (0..next() % 4)
                .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                .collect();
            let mut row = vec![0u64; 1];
            lookup.mark(&line, &mut lower, &mut row);
            for (id, (strings, ignore_case)) in sets.iter().enumerate() {
                let expected = if *ignore_case {
                    strings.contains(&line.to_lowercase().as_str())
                } else {
                    strings.contains(&line.as_str())
                };
                assert_eq!(is_set(&row, id), expected, "{line:?} in set {id}");
                found += usize::from(expected);
            }
        }
        assert!(found > 1000, "{found}");
    }
}
