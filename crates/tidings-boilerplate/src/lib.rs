//! Keep or drop each line of a scraped news page, and say which rule decided.
//!
//! Scraped live-blog pages carry the publisher's clutter between the posts:
//! donation appeals, subscription footers, comment prompts, promo lines,
//! cards for related articles. `tidings-boilerplate` gives every line a
//! [`Verdict`]: [`Verdict::Keep`], or [`Verdict::Drop`] with the
//! [`RuleId`] of the rule that removed it, so nothing is lost silently:
//! every dropped line can be shown with its reason.
//!
//! Rules are **data**. A rule pack is a TOML file:
//!
//! ```toml
//! [pack]
//! name = "example"                 # rules are reported as `example/<rule>`
//! publisher = "Example News"       # omit for a generic pack
//! detect = [{ prefix = ["Example News"] }]  # publisher packs apply only
//!                                  # to pages with a line matching one of these
//!
//! [[rule]]                         # a line rule
//! name = "newsletter"
//! match = { prefix = ["Sign up to our newsletter"], ignore_case = true }
//!
//! [[rule]]                         # a block rule: start … end, at most max_lines
//! name = "appeal"
//! start = { exact = ["Support us"] }
//! end = { pattern = ['^Thank you\.$'] }
//! max_lines = 6
//!
//! [[rule]]                         # a lead rule: the start line and what follows,
//! name = "card"                    # `lines` lines in all
//! start = { pattern = ['^Related:$'] }
//! lines = 2
//! ```
//!
//! A matcher accepts a line that equals an `exact` string, begins with a
//! `prefix`, or matches a `pattern` (Rust [`regex`] syntax). Rules are tried
//! in order and the first match decides. A block rule whose end does not
//! come within `max_lines` drops its start line alone, so a heading that
//! survives without its paragraphs is still removed.
//!
//! The built-in packs ([`RuleSet::builtin`]) are parsed and compiled once
//! per process; user packs load with [`RulePack::from_toml`] and go first
//! with [`RuleSet::with_builtin`].
//!
//! # Example
//!
//! ```
//! use tidings_boilerplate::{RulePack, RuleSet, Verdict};
//!
//! let pack = RulePack::from_toml(
//!     r#"
//!     [pack]
//!     name = "demo"
//!     [[rule]]
//!     name = "newsletter"
//!     match = { prefix = ["Sign up to"] }
//!     "#,
//!     "demo.toml",
//! )?;
//! let rules = RuleSet::with_builtin([pack])?;
//!
//! let page = [
//!     "Ukraine repels second overnight drone attack",
//!     "Sign up to our morning briefing",
//!     "Comments",
//! ];
//! let verdicts = rules.classify(&page).verdicts;
//! assert_eq!(verdicts[0], Verdict::Keep);
//! let Verdict::Drop(id) = verdicts[1] else { panic!("kept a promo line") };
//! assert_eq!(rules.rule(id).name(), "demo/newsletter");
//! let Verdict::Drop(id) = verdicts[2] else { panic!("kept a footer") };
//! assert_eq!(rules.rule(id).name(), "generic/comments-heading");
//! # Ok::<(), tidings_boilerplate::RuleError>(())
//! ```

#![warn(missing_docs)]

mod builtin;
pub mod context;
mod error;
mod matcher;
mod pack;
mod ruleset;

pub use builtin::builtin_packs;
pub use error::RuleError;
pub use pack::{MatcherSpec, PackInfo, RulePack, RuleSpec};
pub use ruleset::{Classification, Rule, RuleId, RuleSet, Verdict};
