//! Where every byte of a dump went.
//!
//! The promise behind "nothing is lost silently": each byte of the decoded
//! text is the byte-order mark, the ` date ` header, part of a kept line
//! (content or byline metadata), part of a line removed by a named rule,
//! part of a blank line, or a line break. [`Accounting::unaccounted`]
//! counts anything else, and is zero unless there is a bug.

use std::collections::BTreeMap;

use tidings_boilerplate::Verdict;
use tidings_dump::Dump;
use tidings_segment::Role;

use crate::pipeline::Analysis;
use crate::Pipeline;

/// Byte counts of one dump, by fate. They add up to [`Accounting::total`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Accounting {
    /// Bytes of the decoded text.
    pub total: usize,
    /// A leading byte-order mark.
    pub bom: usize,
    /// The ` date YYYY-MM-DD ` header.
    pub header: usize,
    /// Lines kept as content (title, summary, headlines, body…).
    pub kept: usize,
    /// Lines kept as metadata: bylines and time stamps.
    pub metadata: usize,
    /// Lines removed, by the name of the rule that removed them.
    pub removed: BTreeMap<String, usize>,
    /// Whitespace-only lines.
    pub blank: usize,
    /// `\n` and `\r` between lines.
    pub line_breaks: usize,
    /// Bytes in none of the above. Always 0, or Tidings has a bug.
    pub unaccounted: usize,
}

impl Accounting {
    /// All removed bytes, whatever the rule.
    pub fn removed_total(&self) -> usize {
        self.removed.values().sum()
    }
}

enum Fate {
    Bom,
    Header,
    Kept,
    Metadata,
    Removed(String),
    Blank,
}

impl Pipeline {
    /// Accounts for every byte of `dump` (its decoded text).
    pub fn account(&self, dump: &Dump<'_>) -> Accounting {
        let Analysis {
            verdicts,
            lines,
            kept,
            article,
        } = self.analyse(dump, true);
        let mut spans: Vec<(usize, usize, Fate)> = Vec::with_capacity(dump.lines.len() + 2);
        if let Some(bom) = dump.bom {
            spans.push((bom.start, bom.end, Fate::Bom));
        }
        if let Some(header) = dump.header {
            spans.push((header.span.start, header.span.end, Fate::Header));
        }
        for line in dump.lines.iter().filter(|l| l.text.is_empty()) {
            spans.push((line.span.start, line.span.end, Fate::Blank));
        }
        for (line, verdict) in lines.iter().zip(&verdicts) {
            if let Verdict::Drop(id) = verdict {
                let rule = self.rules().rule(*id).name().to_string();
                spans.push((line.span.start, line.span.end, Fate::Removed(rule)));
            }
        }
        // A kept line is content if any piece of it is; metadata if all its
        // pieces are bylines; otherwise the segmenter set it aside.
        let mut fate_of_kept: Vec<Option<Role>> = vec![None; kept.len()];
        for part in &article.parts {
            let slot = &mut fate_of_kept[part.piece.line];
            *slot = match (*slot, part.role) {
                (Some(r), _) if r.is_content() => Some(r),
                (_, role) if role.is_content() => Some(role),
                (Some(Role::Byline), _) | (_, Role::Byline) => Some(Role::Byline),
                (_, role) => Some(role),
            };
        }
        for (line, role) in kept.iter().zip(fate_of_kept) {
            let fate = match role {
                Some(r) if r.is_content() => Fate::Kept,
                Some(Role::Byline) => Fate::Metadata,
                Some(r) => Fate::Removed(format!("segment/{}", r.name())),
                None => Fate::Kept,
            };
            spans.push((line.span.start, line.span.end, fate));
        }
        spans.sort_by_key(|s| (s.0, s.1));

        let text = dump.source.as_bytes();
        let mut account = Accounting {
            total: text.len(),
            ..Accounting::default()
        };
        let mut cursor = 0;
        for (start, end, fate) in spans {
            let start = start.max(cursor).min(text.len());
            let end = end.min(text.len());
            account_gap(&text[cursor..start], &mut account);
            let bytes = end.saturating_sub(start);
            match fate {
                Fate::Bom => account.bom += bytes,
                Fate::Header => account.header += bytes,
                Fate::Kept => account.kept += bytes,
                Fate::Metadata => account.metadata += bytes,
                Fate::Blank => account.blank += bytes,
                Fate::Removed(rule) => *account.removed.entry(rule).or_default() += bytes,
            }
            cursor = cursor.max(end);
        }
        account_gap(&text[cursor.min(text.len())..], &mut account);
        account
    }
}

/// Bytes between spans must be line breaks.
fn account_gap(gap: &[u8], account: &mut Accounting) {
    for &b in gap {
        if b == b'\n' || b == b'\r' {
            account.line_breaks += 1;
        } else {
            account.unaccounted += 1;
        }
    }
}
