//! Compiled rule sets and the classification pass.

use crate::bits::{is_set, ones};
use crate::context::{line_shapes, ContextPass, LineShape};
use crate::matcher::{LowerCache, Matcher, MAX_PATTERN_LINE_BYTES};
use crate::pack::{MatcherSpec, RulePack, RuleSpec};
use crate::pattern::PatternLoader;
use crate::prefilter::{Candidates, LineCandidates, Prefilter, PrefilterBuilder};
use crate::routes::{Need, Routes};

use crate::RuleError;

/// Identifies a rule inside the [`RuleSet`] that produced it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RuleId(u32);

/// What became of one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// No rule matched: the line is content as far as boilerplate goes.
    Keep,
    /// The rule that dropped the line.
    Drop(RuleId),
}

impl Verdict {
    /// True for [`Verdict::Keep`].
    pub fn is_keep(self) -> bool {
        self == Verdict::Keep
    }
}

/// A rule after compilation, with the names used in reports.
#[derive(Debug, Clone)]
pub struct Rule {
    qualified_name: String,
    pack_len: usize,
    description: String,
    pack: usize,
    shape: Shape,
}

impl Rule {
    /// `pack/rule`, the name shown wherever a dropped line is explained.
    pub fn name(&self) -> &str {
        &self.qualified_name
    }

    /// The pack part of [`Rule::name`].
    pub fn pack(&self) -> &str {
        &self.qualified_name[..self.pack_len]
    }

    /// What the rule removes, as its pack describes it.
    pub fn description(&self) -> &str {
        &self.description
    }
}

#[derive(Debug, Clone)]
enum Shape {
    Line {
        matcher: Matcher,
        once: bool,
        keep_after_stamp: bool,
    },
    Block {
        start: Matcher,
        end: Matcher,
        max_lines: usize,
        require_end: bool,
        /// Test the start line before looking for the end. False only for
        /// a `require_end` rule whose start has a pattern no literal gates
        /// (`^\p{Lu}\S*…`): such a broad start is tried only above an end.
        /// Set once the prefilter is built.
        start_first: bool,
    },
    Lead {
        start: Matcher,
        lines: usize,
    },
    Context(ContextPass),
}

#[derive(Debug, Clone)]
struct Pack {
    name: String,
    publisher: Option<String>,
    detect: Vec<Matcher>,
}

/// Compiled rules from one or more packs, ready to classify lines.
///
/// Rules are tried in order: packs in the order given, rules in the order
/// their pack lists them. The first rule that matches a line decides.
#[derive(Debug, Clone)]
pub struct RuleSet {
    packs: Vec<Pack>,
    rules: Vec<Rule>,
    /// The gates of every pattern of every matcher.
    prefilter: Prefilter,
    /// The rules worth trying on a line, from its candidates.
    routes: Routes,
}

/// The outcome of [`RuleSet::classify`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classification {
    /// One verdict per input line, in order.
    pub verdicts: Vec<Verdict>,
    /// Names of the packs that applied to this page.
    pub packs: Vec<String>,
}

impl RuleSet {
    /// Compiles packs into one rule set, in priority order.
    pub fn new<I: IntoIterator<Item = RulePack>>(packs: I) -> Result<RuleSet, RuleError> {
        let mut loading = Loading::default();
        for pack in packs {
            loading.push_pack(pack)?;
        }
        let Loading {
            packs,
            mut rules,
            patterns,
            ..
        } = loading;
        let prefilter = patterns.build();
        let needs = rules.iter().map(|rule| match first_matcher(&rule.shape) {
            None => Need::Never,
            Some(first) => first
                .candidates(&prefilter)
                .map_or(Need::Nothing, Need::OneOf),
        });
        let routes = Routes::new(needs, prefilter.candidate_slots());
        for rule in &mut rules {
            if let Shape::Block {
                start,
                require_end,
                start_first,
                ..
            } = &mut rule.shape
            {
                *start_first = !*require_end || start.fully_gated(&prefilter);
            }
        }
        Ok(RuleSet {
            packs,
            rules,
            prefilter,
            routes,
        })
    }

    /// The rule behind a [`RuleId`] from this set.
    ///
    /// # Panics
    /// When the id comes from another rule set.
    pub fn rule(&self, id: RuleId) -> &Rule {
        &self.rules[id.0 as usize]
    }

    /// Every rule, in priority order.
    pub fn rules(&self) -> impl Iterator<Item = (RuleId, &Rule)> {
        self.rules
            .iter()
            .enumerate()
            .map(|(i, r)| (RuleId(i as u32), r))
    }

    /// The publisher a pack was written for, by pack name.
    pub fn publisher(&self, pack: &str) -> Option<&str> {
        self.packs
            .iter()
            .find(|p| p.name == pack)
            .and_then(|p| p.publisher.as_deref())
    }

    /// Decides every line of one page.
    ///
    /// `lines` are the page's non-blank paragraphs, normalised, in order.
    /// Multi-line rules and context passes see them as consecutive, so
    /// leave blank lines out.
    ///
    /// Line, block and lead rules run first, in priority order; then the
    /// context rules of the active packs, in priority order, each seeing
    /// the verdicts so far (see [`crate::context`]).
    pub fn classify<S: AsRef<str>>(&self, lines: &[S]) -> Classification {
        let candidates = self.prefilter.scan(lines, MAX_PATTERN_LINE_BYTES);
        let matches = |matcher: &Matcher, j: usize, lower: &mut LowerCache| {
            matcher.is_match(lines[j].as_ref(), lower, candidates.line(j))
        };
        // What some line of the page may match: detectors and `once` rules
        // that can match none are not tried line by line.
        let any_line = candidates.any_line();
        let somewhere =
            |matcher: &&Matcher| matcher.may_match_somewhere(LineCandidates::from_words(&any_line));
        let active: Vec<bool> = self
            .packs
            .iter()
            .map(|pack| {
                let detect: Vec<&Matcher> = pack.detect.iter().filter(somewhere).collect();
                pack.detect.is_empty()
                    || (!detect.is_empty()
                        && (0..lines.len()).any(|j| {
                            let mut lower = LowerCache::default();
                            detect.iter().any(|m| matches(m, j, &mut lower))
                        }))
            })
            .collect();
        // `once` rules: does the rule match exactly one line of the page?
        let unique: Vec<bool> = self
            .rules
            .iter()
            .map(|rule| match &rule.shape {
                Shape::Line {
                    matcher,
                    once: true,
                    ..
                } if active[rule.pack] && somewhere(&matcher) => {
                    (0..lines.len())
                        .filter(|&j| matches(matcher, j, &mut LowerCache::default()))
                        .take(2)
                        .count()
                        == 1
                }
                _ => false,
            })
            .collect();
        let shapes = line_shapes(lines);
        let page = Page {
            lines,
            shapes: &shapes,
            candidates: &candidates,
            active: &active,
            unique: &unique,
        };
        let mut verdicts = vec![Verdict::Keep; lines.len()];
        let mut open = Vec::new();
        let mut i = 0;
        while i < lines.len() {
            if verdicts[i].is_keep() {
                if let Some((id, run)) = self.first_match(&page, i, &verdicts, &mut open) {
                    for v in &mut verdicts[i..i + run] {
                        *v = Verdict::Drop(id);
                    }
                    i += run;
                    continue;
                }
            }
            i += 1;
        }
        // Context passes see the other rules' verdicts; a pass declared by
        // two packs runs once, under the first rule that names it.
        let mut done: Vec<ContextPass> = Vec::new();
        for (index, rule) in self.rules.iter().enumerate() {
            if let Shape::Context(pass) = rule.shape {
                if active[rule.pack] && !done.contains(&pass) {
                    pass.run(lines, &shapes, &mut verdicts, RuleId(index as u32));
                    done.push(pass);
                }
            }
        }
        let packs = self
            .packs
            .iter()
            .zip(&active)
            .filter(|(_, on)| **on)
            .map(|(p, _)| p.name.clone())
            .collect();
        Classification { verdicts, packs }
    }

    /// The first active rule that matches at line `i` of `page`, and how
    /// many lines (from `i`) it drops; `verdicts` are final up to `i`.
    /// `open` is scratch space for the rules worth trying.
    fn first_match<S: AsRef<str>>(
        &self,
        page: &Page<'_, S>,
        i: usize,
        verdicts: &[Verdict],
        open: &mut Vec<u64>,
    ) -> Option<(RuleId, usize)> {
        let lines = page.lines;
        let line = lines[i].as_ref();
        let mut lower = LowerCache::default();
        let mut under_stamp = None;
        let candidates = page.candidates.line(i);
        let matches_here =
            |matcher: &Matcher, lower: &mut LowerCache| matcher.is_match(line, lower, candidates);
        self.routes.open_on(candidates, open);
        // As in `Matcher::is_match`: every test and fuzz run checks that
        // no rule left closed would have matched.
        if cfg!(debug_assertions) {
            for (index, rule) in self.rules.iter().enumerate() {
                debug_assert!(
                    is_set(open, index)
                        || !first_matcher(&rule.shape).is_some_and(|m| m.any_pattern_matches(line)),
                    "prefilter skipped rule {} on {line:?}",
                    rule.qualified_name
                );
            }
        }
        for index in ones(open.iter().copied()) {
            let rule = &self.rules[index];
            if !page.active[rule.pack] {
                continue;
            }
            let run = match &rule.shape {
                Shape::Line {
                    matcher,
                    once,
                    keep_after_stamp,
                } => (matches_here(matcher, &mut lower)
                    && (!once || page.unique[index])
                    && !(*keep_after_stamp
                        && *under_stamp.get_or_insert_with(|| {
                            i > 0
                                && verdicts[i - 1].is_keep()
                                && page.shapes[i - 1].is_stamp_or_byline()
                        })))
                .then_some(1),
                Shape::Block {
                    start,
                    end,
                    max_lines,
                    require_end,
                    start_first,
                } => {
                    let last = lines.len().min(i + max_lines);
                    let find_end = || {
                        (i + 1..last).find(|&j| {
                            end.is_match(
                                lines[j].as_ref(),
                                &mut LowerCache::default(),
                                page.candidates.line(j),
                            )
                        })
                    };
                    if !*start_first {
                        find_end()
                            .filter(|_| matches_here(start, &mut lower))
                            .map(|j| j - i + 1)
                    } else if matches_here(start, &mut lower) {
                        match find_end() {
                            Some(j) => Some(j - i + 1),
                            None => (!*require_end).then_some(1),
                        }
                    } else {
                        None
                    }
                }
                Shape::Lead { start, lines: n } => {
                    matches_here(start, &mut lower).then(|| (*n).min(lines.len() - i))
                }
                Shape::Context(_) => None,
            };
            if let Some(run) = run {
                return Some((RuleId(index as u32), run));
            }
        }
        None
    }
}

/// A rule set while its packs load: the prefilter is built, and the
/// rules routed, once every pattern is known.
#[derive(Default)]
struct Loading {
    packs: Vec<Pack>,
    rules: Vec<Rule>,
    /// Every pattern of every matcher, gated by its literals.
    patterns: PrefilterBuilder,
    loader: PatternLoader,
}

impl Loading {
    fn push_pack(&mut self, pack: RulePack) -> Result<(), RuleError> {
        let pack_name = pack.pack.name.clone();
        pack.check(&pack_name)?;
        if self.packs.iter().any(|p| p.name == pack_name) {
            return Err(RuleError::Invalid {
                origin: pack_name.clone(),
                pack: pack_name,
                rule: String::new(),
                message: "two packs have this name".to_string(),
            });
        }
        let (patterns, loader) = (&mut self.patterns, &mut self.loader);
        let mut compile = |rule: &str, spec: &MatcherSpec| {
            Matcher::compile(spec, patterns, loader).map_err(|e| RuleError::Pattern {
                pack: pack_name.clone(),
                rule: rule.to_string(),
                message: e.to_string(),
            })
        };
        let detect = pack
            .pack
            .detect
            .iter()
            .map(|spec| compile("[pack.detect]", spec))
            .collect::<Result<Vec<_>, _>>()?;
        let pack_index = self.packs.len();
        for spec in &pack.rules {
            let shape = shape_of(spec, |m| compile(&spec.name, m))?;

            self.rules.push(Rule {
                qualified_name: format!("{}/{}", pack_name, spec.name),
                pack_len: pack_name.len(),
                description: spec.description.clone(),
                pack: pack_index,
                shape,
            });
        }
        self.packs.push(Pack {
            name: pack_name,
            publisher: pack.pack.publisher,
            detect,
        });
        Ok(())
    }
}

/// One page being classified, and what is known of it before the line
/// rules run.
struct Page<'a, S> {
    lines: &'a [S],
    /// The shape of each line, for the context passes and the
    /// `keep_after_stamp` option.
    shapes: &'a [LineShape],
    /// Per line, the patterns worth running on it.
    candidates: &'a Candidates,
    /// Per pack, whether it applies to the page.
    active: &'a [bool],
    /// Per rule, whether a `once` rule matches a single line of the page.
    unique: &'a [bool],
}

/// The matcher that a line must match for a rule of this shape to fire
/// there: a block rule fires only where its start matches, even when it
/// looks for the end first. None for a context pass.
fn first_matcher(shape: &Shape) -> Option<&Matcher> {
    match shape {
        Shape::Line { matcher: first, .. }
        | Shape::Block { start: first, .. }
        | Shape::Lead { start: first, .. } => Some(first),
        Shape::Context(_) => None,
    }
}

fn shape_of(
    spec: &RuleSpec,
    mut compile: impl FnMut(&MatcherSpec) -> Result<Matcher, RuleError>,
) -> Result<Shape, RuleError> {
    // `RulePack::from_toml` has checked that exactly one shape is present.
    if let Some(name) = &spec.context {
        return ContextPass::from_name(name)
            .map(Shape::Context)
            .ok_or_else(|| RuleError::Invalid {
                origin: String::new(),
                pack: String::new(),
                rule: spec.name.clone(),
                message: format!("unknown context pass {name:?}"),
            });
    }
    Ok(match (&spec.matches, &spec.start, &spec.end) {
        (Some(m), _, _) => Shape::Line {
            matcher: compile(m)?,
            once: spec.once,
            keep_after_stamp: spec.keep_after_stamp,
        },
        (None, Some(start), Some(end)) => Shape::Block {
            start: compile(start)?,
            end: compile(end)?,
            max_lines: spec.max_lines.unwrap_or(2),
            require_end: spec.require_end,
            start_first: true,
        },
        (None, Some(start), None) => Shape::Lead {
            start: compile(start)?,
            lines: spec.lines.unwrap_or(1),
        },
        (None, None, _) => {
            return Err(RuleError::Invalid {
                origin: String::new(),
                pack: String::new(),
                rule: spec.name.clone(),
                message: "a rule needs `match`, `start` or `context`".to_string(),
            })
        }
    })
}
