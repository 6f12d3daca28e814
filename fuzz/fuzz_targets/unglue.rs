//! arbitrary text → `tidings_dump::glue_points`: the points are char
//! boundaries strictly inside the text, strictly increasing, and each
//! starts a piece the way the documented rule says (clause 4).

#![no_main]

use libfuzzer_sys::fuzz_target;
use tidings_dump::glue_points;

fuzz_target!(|data: &[u8]| {
    let line = utf8_prefix(data);
    let mut previous = 0;
    for point in glue_points(line) {
        assert!(
            point > previous,
            "points strictly increase and are > 0: {point} after {previous}"
        );
        assert!(
            point < line.len(),
            "point {point} not inside {} bytes",
            line.len()
        );
        assert!(
            line.is_char_boundary(point),
            "point {point} not on a char boundary"
        );
        let mut next = line[point..].chars();
        let first = next.next().expect("a char after the point");
        let starts_piece = if matches!(first, '“' | '‘' | '"') {
            next.next().is_some_and(char::is_uppercase)
        } else {
            first.is_uppercase()
        };
        assert!(starts_piece, "the piece at {point} starts with {first:?}");
        previous = point;
    }
});

/// The longest valid UTF-8 prefix of `data`.
fn utf8_prefix(data: &[u8]) -> &str {
    match std::str::from_utf8(data) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&data[..e.valid_up_to()]).unwrap_or_default(),
    }
}
