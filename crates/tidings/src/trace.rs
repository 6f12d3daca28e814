//! The explain view: every piece of a dump with what became of it.

use tidings_boilerplate::Verdict;
use tidings_dump::Dump;
use tidings_segment::Role;

use crate::pipeline::Analysis;
use crate::Pipeline;

/// What became of a piece of the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fate {
    /// The ` date YYYY-MM-DD ` header.
    Header,
    /// Dropped by a boilerplate rule.
    Removed {
        /// The rule's name, `pack/rule`.
        rule: String,
    },
    /// Kept, with the role the segmenter gave it.
    Role {
        /// The role.
        role: Role,
        /// Why.
        reason: &'static str,
        /// The entry it belongs to (0-based), if any.
        entry: Option<usize>,
    },
}

/// One row of the explain view: a line, or a piece of one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraceRow<'a> {
    /// 1-based source line number.
    pub line: usize,
    /// `[start, end)` byte span of the source line.
    pub span: [usize; 2],
    /// The text, normalised.
    pub text: &'a str,
    /// What became of it.
    pub fate: Fate,
}

impl Pipeline {
    /// Every non-blank line of `dump`, in source order, with the rule that
    /// removed it or the role it got and why. A line whose time stamp was
    /// split off gives two rows.
    pub fn trace<'a>(&self, dump: &'a Dump<'a>) -> Vec<TraceRow<'a>> {
        let Analysis {
            lines,
            verdicts,
            kept,
            article,
        } = self.analyse(dump, true);
        let mut rows = Vec::with_capacity(lines.len() + 1);
        if let Some(header) = dump.header {
            rows.push(TraceRow {
                line: 1,
                span: [header.span.start, header.span.end],
                text: &dump.source[header.span.start..header.span.end],
                fate: Fate::Header,
            });
        }
        for (line, verdict) in lines.iter().zip(&verdicts) {
            if let Verdict::Drop(id) = verdict {
                rows.push(TraceRow {
                    line: line.number,
                    span: [line.span.start, line.span.end],
                    text: &line.text,
                    fate: Fate::Removed {
                        rule: self.rules().rule(*id).name().to_string(),
                    },
                });
            }
        }
        for part in &article.parts {
            let line = kept[part.piece.line];
            rows.push(TraceRow {
                line: line.number,
                span: [line.span.start, line.span.end],
                text: part.piece.text,
                fate: Fate::Role {
                    role: part.role,
                    reason: part.reason,
                    entry: part.entry,
                },
            });
        }
        // Stable: pieces of one line keep their order.
        rows.sort_by_key(|r| r.span[0]);
        rows
    }
}
