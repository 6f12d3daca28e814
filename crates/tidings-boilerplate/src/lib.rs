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
//! [[rule]]                         # require_end: without its end, the block
//! name = "pitch"                   # drops nothing (the start line is left
//! start = { pattern = ['^\p{Lu}.{0,80}$'] }  # to the later rules)
//! end = { exact = ["LEARN MORE"] }
//! max_lines = 2
//! require_end = true
//!
//! [[rule]]                         # once: only when no other line of the
//! name = "page-stamp"              # page matches (a page prints its own
//! once = true                      # stamp once, a post stamp repeats)
//! match = { pattern = ['^Updated \w+ \d{1,2}, \d{4}\b.*$'] }
//!
//! [[rule]]                         # keep_after_stamp: kept directly under a
//! name = "caption"                 # kept time stamp or byline, where a
//! keep_after_stamp = true          # post's headline stands
//! match = { prefix = ["Pictured: "] }
//!
//! [[rule]]                         # a lead rule: the start line and what follows,
//! name = "card"                    # `lines` lines in all
//! start = { pattern = ['^Related:$'] }
//! lines = 2
//!
//! [[rule]]                         # a context rule: turns on a built-in
//! name = "menus"                   # context pass; its drops are reported
//! context = "chrome-run"           # as `example/menus`
//! ```
//!
//! A matcher accepts a line that equals an `exact` string, begins with a
//! `prefix`, or matches a `pattern` (Rust [`regex`] syntax, searched in the
//! line: anchor with `^…$` for whole lines). Line, block and lead rules are
//! tried in order and the first match decides. A block rule whose end does
//! not come within `max_lines` drops its start line alone, so a heading
//! that survives without its paragraphs is still removed, unless the rule
//! says `require_end = true`: then it drops nothing and the later rules
//! judge the start line. A line rule with `once = true` drops a line only
//! when it matches no other line of the page; with `keep_after_stamp =
//! true` it keeps a line that stands directly under a kept line shaped like
//! a time stamp or a byline (see [`context`] for the shapes). Context rules
//! run afterwards, in order, over the verdicts so far (see [`context`]).
//!
//! The built-in packs ([`RuleSet::builtin`]) are parsed and compiled once
//! per process; user packs load with [`RulePack::from_toml`] and go first
//! with [`RuleSet::with_builtin`].
//!
//! # The built-in packs
//!
//! **`generic`** applies to every page and holds the chrome a careful reader
//! recognises on any publisher's live blog, aggregator re-publishers (MSN,
//! Yahoo) included; every rule is a whole-line match, exact or anchored, and
//! the looser ones require the chrome's shape (a caption ends with a
//! credit, a betting line carries 18+, odds or a bet-with-brand shape):
//!
//! | rule | drops |
//! |---|---|
//! | `site-navigation` | `Skip to main content`, `Sign in`, `Log in`, `Search the web`, `Back to top`, `Feedback`, `Go to accessibility shortcuts` |
//! | `recommended-link` | `Recommended` / `Related` / `Read next` and the linked headline under it (block, `require_end`) |
//! | `more-links` | `Most read`, `More for you`, `Continue reading`, `Read more`, `Read less`, `Read the full story on …`, bare links |
//! | `related-links` | `Read more: …`, `Also Read \| …`, `READ MORE \| …`, `Related: …`, `More on this story`, `Related Topics` |
//! | `newsletter-promo` | `Sign up to … newsletter`, `Sign up here.` |
//! | `subscription-promo` | `Subscribe …`, `Join <Site> Plus for …` |
//! | `app-promo` | `Download the … app`, `… app: Download now`, `Watch … on the … app` |
//! | `community-promo` | `Join our … WhatsApp community` |
//! | `newsletter-pitch` | `Unlock the Editor’s Digest for free` and the newsletter blurb under it (block) |
//! | `site-promo` | `Track Latest News Live on NDTV.com and get news updates …` (a domain required) |
//! | `news-tip-promo` | `Have a confidential tip for our reporters? Get in touch`, `Got a news tip?` |
//! | `product-promo` | a short pitch over its styled button: `Before it’s here, it’s on the Bloomberg Terminal.` + `LEARN MORE` (block, `require_end`) |
//! | `call-to-action` | `Learn more`, `Find out more`, `Try it free`, `Open in App` |
//! | `social-follow` | `Follow us on X`, `Follow … on Instagram`, `Follow`, `Save` |
//! | `browser-notice` | `Notifications can be managed in browser preferences.`, `Please refresh the page …`, `Loading...` |
//! | `embed-notice` | `Skip twitter post by …`, `Allow X content?`, `Accept and continue` |
//! | `consent-notice` | cookie notices, `Accept all`, `Manage privacy settings`, `Privacy dashboard` |
//! | `status-label` | `LIVE`, `Live Updates`, `Updated`, `Live Reporting`, `Commentary`, `This live page is now closed`, `Edited by …`, `All times stated are UK` |
//! | `advertisement-label` | `Advertisement`, `SKIP ADVERTISEMENT`, `Ad Feedback`, `Sponsored Content`, `Paid Links` |
//! | `betting-promo` | `18+ …`, `… begambleaware …`, `Gamble responsibly`, `Bet on … with …`, `Match odds: …` |
//! | `share-widget` | `Share`, `Share this article`, `Share on X`, `Facebook`, `Email`, `Google plus`, `Link Copied!`, `Print this page` |
//! | `comments-heading` | `Comments`, `Comments (412)`, `Read 214 Comments`, `Comments are closed`, `Join the conversation`, `Reactions` |
//! | `legal-footer` | `Copyright …`, `© …`, `… is not responsible for the content of external sites.`, `Our Standards: …` |
//! | `page-stamp` | the page's stamp saying both: `Published: 09:12 GMT, 9 January 2025 \| Updated: 14:41 GMT, …` |
//! | `page-updated-stamp` | the page's one dated `Updated March 18, 2025, 4:40 p.m. ET` (`once`; a post's `[Updated 11:11 p.m. ET]` has no year) |
//! | `page-published-stamp` | the page's one dated `Published On 11 Feb 2025` (`once`) |
//! | `page-byline` | `By Al Jazeera Staff`, `By Guardian staff and agencies`, `By KIRSTY MALONE FOR MAILONLINE` |
//! | `aggregator-credit` | `Story by …` |
//! | `wire-credit` | `Reporting by …; Editing by …`, `… contributed to this report.`, `— With assistance from …`, `(With inputs from PTI)`, `Source: … news agencies` |
//! | `media-promo` | `Watch: …`, `VIDEO: …`, `PHOTOS: …`, `In pics: …` |
//! | `caption-credit` | `… Photograph: Name/Agency`, `… (Getty)`, `… Image: Reuters`, `… Pic: PA`, `Credit: …`, `…Credit...Name`, `… Credit: Name/PA`, `… [Name/AFP]`, `… (ABC News: Name)`, `… Copyright Name/AFP` |
//! | `pictured-caption` | `Pictured: …`, `… (pictured)` (`keep_after_stamp`: under a post's stamp it is the headline) |
//! | `title-echo` | the page `<title>` echoed: `… \| UK news \| The Guardian` |
//! | `author-list` | context pass: `Tom Hale, Priya Nair and Owen Marsh`, `By A & B with AFP` in the page head |
//! | `chrome-run` | context pass: short labels among chrome (`CNN`, `Home`, `UK`, `Kate Morrow`) |
//!
//! Not in it, on purpose: list headings (`Key events`, `Summary`, `Here’s
//! what to know:`…), which the segmenter reads; a post's bylines and time
//! stamps (`By Jane Smith`, `Updated 11:11 p.m. ET`, `Posted 5m ago`,
//! `89'`). A sentence that only mentions comments, odds, sharing, a
//! photograph or a video is content and is kept.
//!
//! **`independent`** applies only to pages of The Independent (its `detect`
//! markers) and holds what only a list of its strings can catch: the
//! donation appeal, the Premium and commenting footer, related-article
//! cards.
//!
//! # The context passes
//!
//! Site chrome is often short label lines that no list can enumerate:
//! section menus, site names, a source label on an aggregator's page,
//! authors one per line. The [`context`] passes (jusText-style smoothing)
//! know them by shape and neighbourhood: a *label* (at most
//! [`context::MAX_LABEL_WORDS`] words, no digit, no sentence punctuation,
//! not a byline) in a run of labels that starts the page, touches a dropped
//! line, or is [`context::MIN_CHROME_RUN`] long outside content, is dropped
//! as `generic/chrome-run` — unless it heads content: it is followed by a
//! paragraph, a time stamp, a byline or a bulleted line, or stands right
//! under a time stamp, or is a list heading. `generic/author-list` drops a
//! line of person names (`Jenna Ruiz and Carl Benton`, `By Harriet Cole and
//! Sam Whitlow`) in the page head: above the first paragraph, or under the
//! title and standfirst before the first time stamp when no content
//! follows it. The exact rules and their thresholds are in [`context`].
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

mod bits;
mod builtin;
pub mod context;
mod error;
mod matcher;
mod pack;
mod pattern;
mod prefilter;
mod routes;
mod ruleset;
#[cfg(test)]
mod test_rng;

pub use builtin::builtin_packs;
pub use error::RuleError;
pub use matcher::MAX_PATTERN_LINE_BYTES;
pub use pack::{MatcherSpec, PackInfo, RulePack, RuleSpec};
pub use ruleset::{Classification, Rule, RuleId, RuleSet, Verdict};
