//! bytes → `tidings::Pipeline::default().explain(true).extract_owned`: never
//! panics; a document serialises to JSON, and every span it gives (entries
//! and removed lines) is ordered and inside the decoded text.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let pipeline = tidings::Pipeline::default().explain(true);
    let result = pipeline.extract_owned("fuzz.txt", data);
    let decoded = tidings_dump::decode(data);
    let document = match result {
        Ok(document) => document,
        Err(e) => {
            // Only the dump stage can refuse bytes given in memory.
            assert!(
                matches!(e, tidings::ExtractError::Dump { .. }),
                "unexpected error {e}"
            );
            return;
        }
    };
    let text_len = decoded
        .expect("the pipeline extracted bytes that do not decode")
        .text
        .len();

    let mut json = Vec::new();
    serde_json::to_writer(&mut json, &document).expect("the document serialises");
    assert!(!json.is_empty());

    let mut previous_start = 0;
    for entry in &document.entries {
        let [start, end] = entry.span;
        assert!(start <= end, "entry span {:?} runs backwards", entry.span);
        assert!(
            end <= text_len,
            "entry span {:?} past {text_len} bytes",
            entry.span
        );
        assert!(start >= previous_start, "entries out of source order");
        previous_start = start;
    }
    for removed in document.removed.as_deref().unwrap_or_default() {
        let [start, end] = removed.span;
        assert!(
            start <= end,
            "removed span {:?} runs backwards",
            removed.span
        );
        assert!(
            end <= text_len,
            "removed span {:?} past {text_len} bytes",
            removed.span
        );
    }
});
