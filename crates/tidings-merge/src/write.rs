//! The stream writers: merged JSON Lines, flat entry records, JSON-LD.

use std::collections::HashMap;
use std::io::Write;

use serde::Serialize;

use crate::timeline::{DocumentInfo, MergedEntry, Timeline};
use crate::{Format, MergeError};

/// Writes `timeline` in a stream `format` (anything but
/// [`Format::Sqlite`], which fails with [`MergeError::NotAStream`]).
///
/// Pass a [`BufWriter`](std::io::BufWriter) when writing to a file or
/// stdout; the writer is flushed at the end.
pub fn write<W: Write>(timeline: &Timeline, format: Format, writer: W) -> Result<(), MergeError> {
    match format {
        Format::Jsonl => write_jsonl(timeline, writer),
        Format::Entries => write_entries(timeline, writer),
        Format::JsonLd => write_jsonld(timeline, writer),
        Format::Sqlite => Err(MergeError::NotAStream),
    }
}

/// Writes one merged entry per line, in timeline order: compact JSON, each
/// line ending in `\n` (see [`MergedEntry`] for the fields). An empty
/// timeline writes nothing.
pub fn write_jsonl<W: Write>(timeline: &Timeline, mut writer: W) -> Result<(), MergeError> {
    for entry in &timeline.entries {
        serde_json::to_writer(&mut writer, entry)?;
        writer.write_all(b"\n")?;
    }
    writer.flush()?;
    Ok(())
}

/// One flat record per merged entry, for data-frame readers.
#[derive(Serialize)]
struct FlatEntry<'a> {
    id: &'a str,
    headline: Option<&'a str>,
    author: Option<&'a str>,
    time: Option<&'a str>,
    published: Option<&'a str>,
    date: Option<&'a str>,
    text: String,
    versions: usize,
    first_published: Option<&'a str>,
    last_published: Option<&'a str>,
    document_id: Option<&'a str>,
    document_ids: Vec<&'a str>,
    title: Option<&'a str>,
    blog: Option<&'a str>,
}

/// Writes one flat JSON record per line per merged entry, in timeline order,
/// for pandas (`read_json(lines=True)`), polars (`read_ndjson`) or DuckDB
/// (`read_json_auto`):
///
/// `id`, `headline`, `author`, `time`, `published`, `date` (the entry's day,
/// see [`MergedEntry::date`]), `text` (the body paragraphs joined by a blank
/// line), `versions`, `first_published`, `last_published`, `document_id`
/// (the first page it was seen on), `document_ids` (every page, once each),
/// `title` (the title of the first titled page it was seen on, else its
/// blog's) and `blog` (the blog id). Missing values are `null`.
pub fn write_entries<W: Write>(timeline: &Timeline, mut writer: W) -> Result<(), MergeError> {
    let docs: HashMap<&str, &DocumentInfo> = timeline
        .documents
        .iter()
        .map(|d| (d.id.as_str(), d))
        .collect();
    for entry in &timeline.entries {
        let mut document_ids: Vec<&str> = Vec::new();
        for source in &entry.sources {
            if !document_ids.contains(&source.document.as_str()) {
                document_ids.push(&source.document);
            }
        }
        let blog = timeline.blogs.get(entry.blog);
        let title = document_ids
            .iter()
            .find_map(|id| docs.get(id).and_then(|d| d.title.as_deref()))
            .or_else(|| blog.and_then(|b| b.title.as_deref()));
        let record = FlatEntry {
            id: &entry.id,
            headline: entry.headline.as_deref(),
            author: entry.author.as_deref(),
            time: entry.time.as_deref(),
            published: entry.published.as_deref(),
            date: entry.date(),
            text: entry.text(),
            versions: entry.versions,
            first_published: entry.first_published.as_deref(),
            last_published: entry.last_published.as_deref(),
            document_id: document_ids.first().copied(),
            document_ids,
            title,
            blog: blog.map(|b| b.id.as_str()),
        };
        serde_json::to_writer(&mut writer, &record)?;
        writer.write_all(b"\n")?;
    }
    writer.flush()?;
    Ok(())
}

/// The schema.org terms (and JSON-LD keywords) [`write_jsonld`] uses; every
/// key it writes is one of these.
pub const JSONLD_TERMS: &[&str] = &[
    "@context",
    "@graph",
    "@type",
    "LiveBlogPosting",
    "BlogPosting",
    "Person",
    "identifier",
    "headline",
    "description",
    "coverageStartTime",
    "coverageEndTime",
    "liveBlogUpdate",
    "articleBody",
    "datePublished",
    "dateModified",
    "author",
    "name",
];

#[derive(Serialize)]
struct Graph<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@graph")]
    graph: Vec<LiveBlog<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LiveBlog<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    identifier: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    headline: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    coverage_start_time: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    coverage_end_time: Option<&'a str>,
    live_blog_update: Vec<Posting<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Posting<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    identifier: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    headline: Option<&'a str>,
    article_body: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_modified: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Person<'a>>,
}

#[derive(Serialize)]
struct Person<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

fn posting(entry: &MergedEntry) -> Posting<'_> {
    let published = entry
        .first_published
        .as_deref()
        .or(entry.published.as_deref());
    Posting {
        kind: "BlogPosting",
        identifier: &entry.id,
        headline: entry.headline.as_deref(),
        article_body: entry.text(),
        date_published: published,
        date_modified: entry
            .last_published
            .as_deref()
            .filter(|&last| Some(last) != published),
        author: entry.author.as_deref().map(|name| Person {
            kind: "Person",
            name,
        }),
    }
}

/// Writes the timeline as schema.org JSON-LD: one pretty-printed JSON object
/// (ending in a line break) with `"@context": "https://schema.org"` and an
/// `@graph` of one `LiveBlogPosting` per blog ([`Timeline::blogs`]), each
/// with its `liveBlogUpdate` list of `BlogPosting`s in timeline order.
///
/// Only the terms in [`JSONLD_TERMS`] are used; missing values are left
/// out. The mapping is in `docs/merge.md`.
pub fn write_jsonld<W: Write>(timeline: &Timeline, mut writer: W) -> Result<(), MergeError> {
    let mut updates: Vec<Vec<&MergedEntry>> = vec![Vec::new(); timeline.blogs.len()];
    for entry in &timeline.entries {
        if let Some(list) = updates.get_mut(entry.blog) {
            list.push(entry);
        }
    }
    let graph = timeline
        .blogs
        .iter()
        .zip(updates)
        .filter(|(_, entries)| !entries.is_empty())
        .map(|(blog, entries)| {
            let times = entries.iter().flat_map(|e| {
                [e.first_published.as_deref(), e.last_published.as_deref()]
                    .into_iter()
                    .flatten()
            });
            LiveBlog {
                kind: "LiveBlogPosting",
                identifier: &blog.id,
                headline: blog.title.as_deref(),
                description: blog.standfirst.as_deref(),
                coverage_start_time: times.clone().min(),
                coverage_end_time: times.max(),
                live_blog_update: entries.into_iter().map(posting).collect(),
            }
        })
        .collect();
    serde_json::to_writer_pretty(
        &mut writer,
        &Graph {
            context: "https://schema.org",
            graph,
        },
    )?;
    writer.write_all(b"\n")?;
    writer.flush()?;
    Ok(())
}
