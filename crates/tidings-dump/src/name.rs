//! What a dump's file name says.

use std::path::Path;

/// What a dump's file name says: `NNN_<16 hex>.txt`.
///
/// ```
/// use tidings_dump::DocumentName;
///
/// let name = DocumentName::from_stem("001_e43319ad650490e2");
/// assert_eq!(name.id, "001_e43319ad650490e2");
/// assert_eq!(name.sequence, Some(1));
/// assert_eq!(name.key, Some("e43319ad650490e2"));
///
/// let other = DocumentName::from_stem("notes");
/// assert_eq!((other.id, other.sequence, other.key), ("notes", None, None));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocumentName<'a> {
    /// The file stem: the document id.
    pub id: &'a str,
    /// The `NNN` part (one or more ASCII digits that fit a `u32`), when the
    /// stem has the `NNN_<16 hex>` shape.
    pub sequence: Option<u32>,
    /// The 16 hexadecimal digits (either case, as written), when the stem has
    /// the `NNN_<16 hex>` shape.
    pub key: Option<&'a str>,
}

impl<'a> DocumentName<'a> {
    /// Reads a file stem. `sequence` and `key` are both `Some` when the stem
    /// is exactly one or more ASCII digits (fitting a `u32`), `_`, and 16
    /// ASCII hex digits; otherwise both are `None`. Never panics.
    pub fn from_stem(stem: &'a str) -> DocumentName<'a> {
        let parts = stem.split_once('_').and_then(|(seq, key)| {
            let seq_ok = !seq.is_empty() && seq.bytes().all(|b| b.is_ascii_digit());
            let key_ok = key.len() == 16 && key.bytes().all(|b| b.is_ascii_hexdigit());
            if seq_ok && key_ok {
                Some((seq.parse::<u32>().ok()?, key))
            } else {
                None
            }
        });
        DocumentName {
            id: stem,
            sequence: parts.map(|(seq, _)| seq),
            key: parts.map(|(_, key)| key),
        }
    }

    /// Reads the stem of a path (`…/000_7ffaee336a8ab785.txt`); `None` when
    /// the path has no file stem or the stem is not UTF-8.
    pub fn from_path(path: &'a Path) -> Option<DocumentName<'a>> {
        path.file_stem()?.to_str().map(DocumentName::from_stem)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_names() {
        let n = DocumentName::from_stem("000_7ffaee336a8ab785");
        assert_eq!(n.id, "000_7ffaee336a8ab785");
        assert_eq!(n.sequence, Some(0));
        assert_eq!(n.key, Some("7ffaee336a8ab785"));
        let n = DocumentName::from_stem("004_f6dc33e3377c0940");
        assert_eq!(n.sequence, Some(4));
    }

    #[test]
    fn other_shapes() {
        let n = DocumentName::from_stem("1234_ABCDEF0123456789");
        assert_eq!(n.sequence, Some(1234));
        assert_eq!(n.key, Some("ABCDEF0123456789"));
        for stem in [
            "",
            "_",
            "notes",
            "000",
            "000_",
            "_7ffaee336a8ab785",
            "000_7ffaee336a8ab78",
            "000_7ffaee336a8ab7855",
            "000_7ffaee336a8ab78g",
            "000-7ffaee336a8ab785",
            "0a0_7ffaee336a8ab785",
            "+1_7ffaee336a8ab785",
            "000_7ffaee336a8ab785_x",
            "99999999999_7ffaee336a8ab785",
            "٣_7ffaee336a8ab785",
            "000_7ffaee336a8ab7é",
        ] {
            let n = DocumentName::from_stem(stem);
            assert_eq!(n.id, stem);
            assert_eq!((n.sequence, n.key), (None, None), "{stem:?}");
        }
    }

    #[test]
    fn from_path() {
        let p = Path::new("tests/fixtures/seeds/003_359a1f66ad2c91be.txt");
        let n = DocumentName::from_path(p).unwrap();
        assert_eq!(n.id, "003_359a1f66ad2c91be");
        assert_eq!(n.sequence, Some(3));
        assert!(DocumentName::from_path(Path::new("/")).is_none());
    }
}
