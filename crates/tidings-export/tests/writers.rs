//! The writers, format by format, on exact expected output.

use std::borrow::Cow;
use std::io::{self, Write};

use tidings_export::{entry_id, Document, Encoded, Entry, ExportError, Format, Removed, Writer};

/// A small document touching every field: one entry with a headline and a
/// byline, one without either.
fn sample() -> Document<'static> {
    Document {
        id: "001_e43319ad650490e2".into(),
        source: "dumps/001_e43319ad650490e2.txt".into(),
        date: Some("2024-11-05".into()),
        title: Some("Blasts heard in Kyiv".into()),
        standfirst: Some("Seoul says more than 10,000 troops".into()),
        summary: vec!["Ukraine is repelling a second wave.".into()],
        key_points: vec!["Kyiv under attack".into(), "Troops in Kursk".into()],
        entries: vec![
            Entry {
                id: "907f3c23ced296fa".into(),
                headline: Some("Ukraine repels drones".into()),
                author: Some("Arpan Rai".into()),
                time: Some("04:16".into()),
                published: Some("2024-11-05T04:16:00".into()),
                zone: None,
                body: vec!["First.".into(), "Second.".into()],
                span: [100, 180],
            },
            Entry {
                id: "34499569f0391857".into(),
                headline: None,
                author: None,
                time: None,
                published: None,
                zone: None,
                body: vec!["Untitled.".into()],
                span: [181, 190],
            },
        ],
        removed: None,
    }
}

/// A document with nothing but its id and source.
fn bare(id: &str) -> Document<'static> {
    Document {
        id: id.to_owned().into(),
        source: format!("{id}.txt").into(),
        ..Document::default()
    }
}

/// A document larger than the writer's staging buffer (32 KiB): many
/// entries, and one paragraph larger than the buffer by itself.
fn large() -> Document<'static> {
    let paragraph = "Air defence units were active over the capital, \"quoted\", overnight. ";
    let entries = (0..400)
        .map(|i| {
            let body: Vec<Cow<'static, str>> = (0..3)
                .map(|j| format!("{i}.{j} {}", paragraph.repeat(j + 1)).into())
                .collect();
            Entry {
                id: entry_id(None, &body).into(),
                headline: Some(format!("Entry {i}").into()),
                body,
                span: [i, i + 1],
                ..Entry::default()
            }
        })
        .chain(std::iter::once(Entry {
            body: vec![paragraph.repeat(1000).into()],
            ..Entry::default()
        }))
        .collect();
    Document {
        entries,
        ..bare("large")
    }
}

fn write_all(format: Format, documents: &[Document<'_>]) -> String {
    let mut writer = Writer::new(Vec::new(), format);
    for document in documents {
        writer.write(document).unwrap();
    }
    assert_eq!(writer.documents(), documents.len());
    String::from_utf8(writer.finish().unwrap()).unwrap()
}

const SAMPLE_JSON_LINE: &str = concat!(
    r#"{"id":"001_e43319ad650490e2","source":"dumps/001_e43319ad650490e2.txt","#,
    r#""date":"2024-11-05","title":"Blasts heard in Kyiv","#,
    r#""standfirst":"Seoul says more than 10,000 troops","#,
    r#""summary":["Ukraine is repelling a second wave."],"#,
    r#""key_points":["Kyiv under attack","Troops in Kursk"],"#,
    r#""entries":[{"id":"907f3c23ced296fa","headline":"Ukraine repels drones","#,
    r#""author":"Arpan Rai","time":"04:16","published":"2024-11-05T04:16:00","#,
    r#""body":["First.","Second."],"span":[100,180]},"#,
    r#"{"id":"34499569f0391857","headline":null,"author":null,"time":null,"#,
    r#""published":null,"body":["Untitled."],"span":[181,190]}]}"#,
);

#[test]
fn jsonl_exact_output() {
    assert_eq!(
        write_all(Format::Jsonl, &[sample()]),
        format!("{SAMPLE_JSON_LINE}\n")
    );
}

#[test]
fn jsonl_nulls_and_empty_lists_are_written() {
    assert_eq!(
        write_all(Format::Jsonl, &[bare("a"), bare("b")]),
        concat!(
            r#"{"id":"a","source":"a.txt","date":null,"title":null,"standfirst":null,"summary":[],"key_points":[],"entries":[]}"#,
            "\n",
            r#"{"id":"b","source":"b.txt","date":null,"title":null,"standfirst":null,"summary":[],"key_points":[],"entries":[]}"#,
            "\n",
        )
    );
}

#[test]
fn jsonl_removed_only_when_present() {
    let mut document = bare("a");
    document.removed = Some(vec![]);
    let empty = write_all(Format::Jsonl, &[document.clone()]);
    assert!(empty.ends_with("\"entries\":[],\"removed\":[]}\n"));

    document.removed = Some(vec![Removed {
        text: "Your support helps us to tell the story".into(),
        rule: "donation-appeal".into(),
        span: [0, 39],
    }]);
    assert_eq!(
        write_all(Format::Jsonl, &[document]),
        concat!(
            r#"{"id":"a","source":"a.txt","date":null,"title":null,"standfirst":null,"summary":[],"key_points":[],"entries":[],"#,
            r#""removed":[{"text":"Your support helps us to tell the story","rule":"donation-appeal","span":[0,39]}]}"#,
            "\n",
        )
    );
}

#[test]
fn jsonl_escapes_text() {
    let mut document = bare("a");
    document.title = Some("“Quoted” \"text\"\nwith a \\ and a tab\t".into());
    let line = write_all(Format::Jsonl, &[document]);
    assert!(line.contains(r#""title":"“Quoted” \"text\"\nwith a \\ and a tab\t""#));
    assert_eq!(line.matches('\n').count(), 1);
}

#[test]
fn json_empty_run_is_an_empty_array() {
    assert_eq!(write_all(Format::Json, &[]), "[]\n");
}

#[test]
fn json_one_document() {
    assert_eq!(
        write_all(Format::Json, &[bare("a")]),
        r#"[
  {
    "id": "a",
    "source": "a.txt",
    "date": null,
    "title": null,
    "standfirst": null,
    "summary": [],
    "key_points": [],
    "entries": []
  }
]
"#
    );
}

#[test]
fn json_is_the_pretty_printed_array() {
    for documents in [vec![], vec![sample()], vec![sample(), bare("b")]] {
        let expected = serde_json::to_string_pretty(&documents).unwrap() + "\n";
        assert_eq!(write_all(Format::Json, &documents), expected);
    }
}

#[test]
fn json_two_documents_are_separated_by_a_comma() {
    let output = write_all(Format::Json, &[bare("a"), bare("b")]);
    assert!(output.starts_with("[\n  {\n    \"id\": \"a\""));
    assert!(output.contains("\n  },\n  {\n    \"id\": \"b\""));
    assert!(output.ends_with("\n  }\n]\n"));
}

#[test]
fn round_trip_through_jsonl_and_json() {
    let mut explained = sample();
    explained.removed = Some(vec![Removed {
        text: "Sign up".into(),
        rule: "newsletter".into(),
        span: [3, 10],
    }]);
    let documents = vec![sample(), explained, bare("b")];

    let lines = write_all(Format::Jsonl, &documents);
    let read: Vec<Document> = lines
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(read, documents);

    let array = write_all(Format::Json, &documents);
    let read: Vec<Document> = serde_json::from_str(&array).unwrap();
    assert_eq!(read, documents);

    // Reading from a stream needs no borrowed input.
    let read: Vec<Document<'static>> = serde_json::from_reader(array.as_bytes()).unwrap();
    assert_eq!(read, documents);
}

const CSV_HEADER: &str = "document_id,source,date,title,entry_id,headline,author,time,published,body,span_start,span_end\r\n";

#[test]
fn csv_rows() {
    let output = write_all(Format::Csv, &[sample()]);
    assert_eq!(
        output,
        format!(
            "{CSV_HEADER}\
001_e43319ad650490e2,dumps/001_e43319ad650490e2.txt,2024-11-05,Blasts heard in Kyiv,907f3c23ced296fa,Ukraine repels drones,Arpan Rai,04:16,2024-11-05T04:16:00,\"First.\n\nSecond.\",100,180\r\n\
001_e43319ad650490e2,dumps/001_e43319ad650490e2.txt,2024-11-05,Blasts heard in Kyiv,34499569f0391857,,,,,Untitled.,181,190\r\n"
        )
    );
}

#[test]
fn csv_quotes_commas_quotes_and_newlines() {
    let document = Document {
        id: "d".into(),
        source: "a,b.txt".into(),
        title: Some("He said \"no\"".into()),
        entries: vec![Entry {
            id: "e".into(),
            headline: Some("one\ntwo".into()),
            body: vec!["x, y".into(), "\"z\"".into()],
            span: [0, 1],
            ..Entry::default()
        }],
        ..Document::default()
    };
    let output = write_all(Format::Csv, &[document]);
    assert_eq!(
        output,
        format!(
            "{CSV_HEADER}d,\"a,b.txt\",,\"He said \"\"no\"\"\",e,\"one\ntwo\",,,,\"x, y\n\n\"\"z\"\"\",0,1\r\n"
        )
    );

    let mut reader = csv::Reader::from_reader(output.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][1], "a,b.txt");
    assert_eq!(&rows[0][3], "He said \"no\"");
    assert_eq!(&rows[0][5], "one\ntwo");
    assert_eq!(&rows[0][9], "x, y\n\n\"z\"");
}

#[test]
fn csv_header_only() {
    assert_eq!(write_all(Format::Csv, &[]), CSV_HEADER);
    // Documents without entries write no rows.
    assert_eq!(write_all(Format::Csv, &[bare("a"), bare("b")]), CSV_HEADER);
}

#[test]
fn csv_header_is_written_once() {
    let output = write_all(Format::Csv, &[bare("a"), sample(), bare("b"), sample()]);
    assert_eq!(output.matches("document_id,").count(), 1);
    assert!(output.starts_with(CSV_HEADER));
    let mut reader = csv::Reader::from_reader(output.as_bytes());
    assert_eq!(reader.records().count(), 4);
}

#[test]
fn markdown_page() {
    assert_eq!(
        write_all(Format::Markdown, &[sample()]),
        "\
# Blasts heard in Kyiv

*Seoul says more than 10,000 troops*

Date: 2024-11-05

## Summary

Ukraine is repelling a second wave.

## Key points

- Kyiv under attack
- Troops in Kursk

## Entries

### Ukraine repels drones

*Arpan Rai · 04:16 · 2024-11-05T04:16:00*

First.

Second.

### (untitled entry)

Untitled.
"
    );
}

#[test]
fn markdown_pages_are_separated_and_fall_back_to_the_id() {
    let mut second = bare("002_15be3586bea34bf9");
    second.entries.push(Entry {
        headline: Some("Trump wins".into()),
        time: Some("04:00".into()),
        body: vec!["- not a list".into(), "# not a heading".into()],
        ..Entry::default()
    });
    second.key_points = vec!["1. not numbered".into()];
    assert_eq!(
        write_all(Format::Markdown, &[bare("a"), second]),
        "\
# a

---

# 002_15be3586bea34bf9

## Key points

- 1\\. not numbered

## Entries

### Trump wins

*04:00*

\\- not a list

\\# not a heading
"
    );
}

#[test]
fn markdown_empty_run_writes_nothing() {
    assert_eq!(write_all(Format::Markdown, &[]), "");
}

#[test]
fn writes_stream_before_finish() {
    for format in Format::ALL {
        let mut writer = Writer::new(Vec::new(), format);
        writer.write(&sample()).unwrap();
        assert!(!writer.get_ref().is_empty(), "{format}");
        assert_eq!(writer.format(), format);
        // All of a document is handed on by the time `write` returns.
        let before = writer.get_ref().len();
        writer.write(&large()).unwrap();
        let encoded = Encoded::new(format, &large()).unwrap();
        assert!(writer.get_ref().len() >= before + encoded.len(), "{format}");
    }
}

#[test]
fn borrowed_documents_serialise_like_owned_ones() {
    let source = String::from("Title\nBody text.");
    let borrowed = Document {
        id: "x".into(),
        source: "x.txt".into(),
        title: Some(Cow::Borrowed(&source[..5])),
        entries: vec![Entry {
            id: entry_id(None, &[&source[6..]]).into(),
            body: vec![Cow::Borrowed(&source[6..])],
            span: [6, 16],
            ..Entry::default()
        }],
        ..Document::default()
    };
    let expected = write_all(Format::Jsonl, std::slice::from_ref(&borrowed));
    let owned: Document<'static> = borrowed.into_owned();
    drop(source);
    assert!(matches!(owned.title, Some(Cow::Owned(_))));
    assert_eq!(write_all(Format::Jsonl, &[owned]), expected);
}

/// A writer that fails every write like a closed pipe.
struct ClosedPipe;

impl Write for ClosedPipe {
    fn write(&mut self, _: &[u8]) -> io::Result<usize> {
        Err(io::Error::new(io::ErrorKind::BrokenPipe, "closed"))
    }
    fn flush(&mut self) -> io::Result<()> {
        Err(io::Error::new(io::ErrorKind::BrokenPipe, "closed"))
    }
}

#[test]
fn output_failures_are_io_errors_in_every_format() {
    for format in Format::ALL {
        let mut writer = Writer::new(ClosedPipe, format);
        match writer.write(&sample()) {
            Err(ExportError::Io(error)) => assert_eq!(error.kind(), io::ErrorKind::BrokenPipe),
            other => panic!("{format}: expected an Io error, got {other:?}"),
        }
        let writer = Writer::new(ClosedPipe, format);
        assert!(
            matches!(writer.finish(), Err(ExportError::Io(_))),
            "{format}"
        );
    }
}

#[test]
fn zone_is_written_only_when_printed() {
    let mut doc = sample();
    doc.entries[0].zone = Some("GMT".into());
    let mut out = Vec::new();
    let mut writer = Writer::new(&mut out, Format::Jsonl);
    writer.write(&doc).unwrap();
    writer.finish().unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains(r#""published":"2024-11-05T04:16:00","zone":"GMT","body""#),
        "{text}"
    );
    assert_eq!(text.matches("\"zone\"").count(), 1, "{text}");
}

/// Documents encoded on their own (as a parallel batch does) and written
/// later come out exactly as documents written directly, in every format,
/// including a first document without entries (no CSV header yet), an
/// empty run, and a document larger than the writer's staging buffer.
#[test]
fn encoded_documents_write_like_direct_ones() {
    let runs: [&[Document<'static>]; 5] = [
        &[],
        &[sample()],
        &[sample(), large(), sample()],
        &[
            bare("empty-first"),
            sample(),
            bare("empty-between"),
            sample(),
        ],
        &[bare("only-empty")],
    ];
    for format in [Format::Jsonl, Format::Json, Format::Csv, Format::Markdown] {
        for documents in runs {
            let encoded: Vec<Encoded> = documents
                .iter()
                .map(|d| Encoded::new(format, d).unwrap())
                .collect();
            let mut writer = Writer::new(Vec::new(), format);
            for e in &encoded {
                assert_eq!(e.format(), format);
                writer.write_encoded(e).unwrap();
            }
            let spliced = String::from_utf8(writer.finish().unwrap()).unwrap();
            assert_eq!(
                spliced,
                write_all(format, documents),
                "{format} of {} documents",
                documents.len()
            );
        }
    }
}

#[test]
fn encoded_document_in_another_format_is_refused() {
    let encoded = Encoded::new(Format::Csv, &sample()).unwrap();
    let mut writer = Writer::new(Vec::new(), Format::Jsonl);
    let error = writer.write_encoded(&encoded).unwrap_err();
    assert!(
        matches!(
            error,
            ExportError::FormatMismatch {
                writer: Format::Jsonl,
                encoded: Format::Csv
            }
        ),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "a document encoded as csv cannot be written as jsonl"
    );
    assert_eq!(writer.documents(), 0);
    assert!(writer.finish().unwrap().is_empty());
}
