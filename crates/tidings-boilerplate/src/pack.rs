//! The rule-pack format: what users write in TOML, before compilation.

use serde::Deserialize;

use crate::context::ContextPass;
use crate::RuleError;

/// A named set of rules, as written in a TOML file.
///
/// See the crate documentation for the format.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulePack {
    /// Who the pack is for.
    pub pack: PackInfo,
    /// The rules, in priority order: the first that matches a line decides.
    #[serde(default, rename = "rule")]
    pub rules: Vec<RuleSpec>,
}

/// The `[pack]` table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackInfo {
    /// Short machine name; rule names are reported as `pack/rule`.
    pub name: String,
    /// The publisher this pack is for. `None` means generic: the pack
    /// applies to every page.
    #[serde(default)]
    pub publisher: Option<String>,
    /// What the pack covers, for humans.
    #[serde(default)]
    pub description: String,
    /// A publisher pack applies only to pages where some line matches one of
    /// these. Empty means the pack always applies.
    #[serde(default)]
    pub detect: Vec<MatcherSpec>,
}

/// One `[[rule]]`.
///
/// Exactly one shape is allowed:
/// - a **line** rule: `match` alone drops every line it matches; with
///   `once = true` only when it matches no other line of the page, and
///   with `keep_after_stamp = true` not where it stands directly under a
///   kept time stamp or byline;
/// - a **block** rule: `start` and `end` (with `max_lines`) drop a run of
///   lines from a start line to the nearest end line; with
///   `require_end = true` a start line whose end does not come is left to
///   the other rules;
/// - a **lead** rule: `start` and `lines` drop the start line and the lines
///   that follow it, `lines` lines in all;
/// - a **context** rule: `context` alone turns on one of the crate's
///   built-in context passes (see [`crate::context`]), which judge a line
///   by its shape and its neighbours after every other rule has run; the
///   lines a pass drops are reported under this rule's name.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// Unique within its pack.
    pub name: String,
    /// What the rule removes and why, for humans and `--explain`.
    #[serde(default)]
    pub description: String,
    /// Line rule: which lines to drop.
    #[serde(default, rename = "match")]
    pub matches: Option<MatcherSpec>,
    /// Block or lead rule: the first line of the run.
    #[serde(default)]
    pub start: Option<MatcherSpec>,
    /// Block rule: the last line of the run.
    #[serde(default)]
    pub end: Option<MatcherSpec>,
    /// Block rule: the most lines a run may span, start and end included.
    /// When no end line comes within it, only the start line is dropped
    /// (unless `require_end`).
    #[serde(default)]
    pub max_lines: Option<usize>,
    /// Block rule: when no end line comes within `max_lines`, drop nothing
    /// and let the later rules judge the start line. For a pair such as a
    /// one-line pitch and its `Learn more` button, where the first line
    /// alone could be content.
    #[serde(default)]
    pub require_end: bool,
    /// Line rule: drop a line only when no other line of the page matches
    /// `match`. A page-level stamp (`Updated March 18, 2025, 4:40 p.m. ET`)
    /// is printed once; the same shape on several lines is each post's
    /// stamp.
    #[serde(default)]
    pub once: bool,
    /// Line rule: keep a line that stands directly under a kept time stamp
    /// or byline (the shapes [`crate::context`] calls a *stamp* and a
    /// *byline*): there it opens a post, as its headline (`13:58` then
    /// `Pictured: Passengers sleep on Terminal 2 floor`).
    #[serde(default)]
    pub keep_after_stamp: bool,
    /// Lead rule: how many lines the run has, start line included.
    #[serde(default)]
    pub lines: Option<usize>,
    /// Context rule: the name of a built-in context pass, one of
    /// [`crate::context::PASSES`].
    #[serde(default)]
    pub context: Option<String>,
}

/// Which lines a matcher accepts: any line that equals one of `exact`,
/// starts with one of `prefix`, or matches one of `pattern` (Rust `regex`
/// syntax, searched in the line; anchor with `^…$` for whole lines).
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatcherSpec {
    /// Whole lines, compared after the line's normalisation.
    #[serde(default)]
    pub exact: Vec<String>,
    /// Line beginnings.
    #[serde(default)]
    pub prefix: Vec<String>,
    /// Regular expressions.
    #[serde(default)]
    pub pattern: Vec<String>,
    /// Compare `exact` and `prefix` without regard to case (patterns say
    /// `(?i)` themselves).
    #[serde(default)]
    pub ignore_case: bool,
}

impl MatcherSpec {
    pub(crate) fn is_empty(&self) -> bool {
        self.exact.is_empty() && self.prefix.is_empty() && self.pattern.is_empty()
    }
}

impl RulePack {
    /// Parses a pack from TOML text. `origin` names the text in errors (a
    /// file path, or `builtin:<name>`).
    pub fn from_toml(text: &str, origin: &str) -> Result<RulePack, RuleError> {
        let pack: RulePack = toml::from_str(text).map_err(|e| RuleError::Syntax {
            origin: origin.to_string(),
            message: e.to_string(),
        })?;
        pack.check(origin)?;
        Ok(pack)
    }

    /// Checks what serde cannot: each rule has exactly one shape, names
    /// are unique, matchers are not empty.
    pub(crate) fn check(&self, origin: &str) -> Result<(), RuleError> {
        let invalid = |rule: &str, message: &str| RuleError::Invalid {
            origin: origin.to_string(),
            pack: self.pack.name.clone(),
            rule: rule.to_string(),
            message: message.to_string(),
        };
        if self.pack.name.is_empty() || self.pack.name.contains('/') {
            return Err(invalid(
                "",
                "the pack name must be non-empty and have no '/'",
            ));
        }
        for (i, rule) in self.rules.iter().enumerate() {
            let name = rule.name.as_str();
            if name.is_empty() || name.contains('/') {
                return Err(invalid(
                    name,
                    "a rule name must be non-empty and have no '/'",
                ));
            }
            if self.rules[..i].iter().any(|r| r.name == rule.name) {
                return Err(invalid(name, "two rules have this name"));
            }
            let shape = (
                rule.matches.is_some(),
                rule.start.is_some(),
                rule.end.is_some() || rule.max_lines.is_some(),
                rule.lines.is_some(),
                rule.context.is_some(),
            );
            if (rule.once || rule.keep_after_stamp) && rule.matches.is_none() {
                return Err(invalid(
                    name,
                    "`once` and `keep_after_stamp` apply to line rules (`match`) only",
                ));
            }
            if rule.require_end && rule.end.is_none() {
                return Err(invalid(
                    name,
                    "`require_end` applies to block rules (`start` + `end`) only",
                ));
            }
            match shape {
                (true, false, false, false, false) => {}
                (false, false, false, false, true) => {
                    let pass = rule.context.as_deref().unwrap_or_default();
                    if ContextPass::from_name(pass).is_none() {
                        return Err(invalid(
                            name,
                            &format!(
                                "unknown context pass {pass:?}; known: {}",
                                crate::context::PASSES.join(", ")
                            ),
                        ));
                    }
                }
                (false, true, true, false, false) => {
                    if rule.end.is_none() || rule.max_lines.is_none() {
                        return Err(invalid(name, "a block rule needs both `end` and `max_lines`"));
                    }
                    if rule.max_lines < Some(2) {
                        return Err(invalid(name, "`max_lines` must be at least 2"));
                    }
                }
                (false, true, false, true, false) => {
                    if rule.lines < Some(1) {
                        return Err(invalid(name, "`lines` must be at least 1"));
                    }
                }
                _ => {
                    return Err(invalid(
                        name,
                        "a rule is either `match`, or `start` + `end` + `max_lines`, or `start` + `lines`, or `context`",
                    ))
                }
            }
            for m in [&rule.matches, &rule.start, &rule.end]
                .into_iter()
                .flatten()
            {
                if m.is_empty() {
                    return Err(invalid(
                        name,
                        "a matcher needs at least one of `exact`, `prefix`, `pattern`",
                    ));
                }
            }
        }
        Ok(())
    }
}
