//! The tiling invariant: nothing is dropped at this layer.

use crate::{Dump, Span};

impl Dump<'_> {
    /// Checks that the byte-order mark, the header, every line's span and
    /// the line breaks between lines tile [`Dump::source`] exactly: in
    /// order, with no overlap and no gap. Returns what is wrong otherwise.
    ///
    /// [`parse`](crate::parse) always produces dumps that pass; this is for
    /// tests, fuzzing and callers that build or edit dumps themselves.
    pub fn check_tiling(&self) -> Result<(), String> {
        let text = self.source;
        let mut pos = 0;
        if let Some(bom) = self.bom {
            if bom != Span::new(0, 3) || bom.of(text) != Some("\u{feff}") {
                return Err(format!("the BOM span {bom:?} is not the first three bytes"));
            }
            pos = bom.end;
        }
        if let Some(h) = self.header {
            if h.span.start != pos || h.span.end <= h.span.start {
                return Err(format!("the header {:?} does not follow the BOM", h.span));
            }
            pos = h.span.end;
        }
        let mut prev_number = 0;
        for line in &self.lines {
            if line.number != prev_number {
                if line.number != prev_number + 1 {
                    return Err(format!("line {} follows line {prev_number}", line.number));
                }
                if prev_number > 0 {
                    let gap = text.get(pos..line.span.start);
                    if !matches!(gap, Some("\n" | "\r\n" | "\r")) {
                        return Err(format!("the gap before line {} is {gap:?}", line.number));
                    }
                } else if line.span.start != pos {
                    return Err("line 1 does not follow the BOM and header".to_string());
                }
            } else if line.span.start != pos {
                return Err(format!(
                    "the pieces of line {} are not adjacent",
                    line.number
                ));
            }
            match line.span.of(text) {
                Some(raw) if !raw.contains(['\n', '\r']) => {}
                Some(_) => return Err(format!("line {}'s span holds a line end", line.number)),
                None => {
                    return Err(format!(
                        "line {}'s span {:?} is off char boundaries",
                        line.number, line.span
                    ))
                }
            }
            pos = line.span.end;
            prev_number = line.number;
        }
        let tail = text.get(pos..);
        if !matches!(tail, Some("" | "\n" | "\r\n" | "\r")) {
            return Err(format!("text after the last line: {tail:?}"));
        }
        if self.lines.is_empty() && pos != text.len() {
            return Err("bytes left over in a dump without lines".to_string());
        }
        Ok(())
    }
}
