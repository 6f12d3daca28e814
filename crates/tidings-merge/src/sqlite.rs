//! The SQLite output: a database updated in place, idempotently.
//!
//! [`upsert`] writes a [`Timeline`] into a database file, creating it (and
//! its tables) when needed. The whole update is one transaction: an
//! interrupted or failed run leaves the database as it was.
//!
//! Entries are matched with the rows already there by entry id — the id of
//! any copy, including the ids of earlier chosen versions — and, failing
//! that, as near-duplicates of a stored entry (the MinHash signature of each
//! entry is kept in `entries.sketch`). A matched row gets the new copies'
//! sources and, when the new version is longer, its text; an unmatched entry
//! is added. So re-running a merge into the same database changes nothing,
//! and merging one more dump adds exactly its new entries.
//!
//! The schema ([`SCHEMA`]):
//!
//! - `documents`: one row per page (`id`, `source`, `date`, `title`,
//!   `standfirst`, `summary` — the lede paragraphs joined by a blank line —
//!   and `entries`, its number of entries);
//! - `entries`: one row per merged entry (`entry_key` integer key, `id`, the
//!   text and times of [`MergedEntry`], `body` joined by a blank line,
//!   `versions`, `date`, `sketch`);
//! - `entry_sources`: one row per copy (`entry_id`, `document_id`, `role`
//!   `entry` or `summary`, `position`, `copy_id`, `span_start`, `span_end`,
//!   `paragraph_end`, `published`), keyed by (`document_id`, `role`,
//!   `position`);
//! - `entries_fts`: an FTS5 index over `entries.headline` and `entries.body`
//!   (external content, kept in step by [`upsert`]; after changing `entries`
//!   by hand, run `INSERT INTO entries_fts (entries_fts) VALUES ('rebuild')`):
//!   `SELECT e.* FROM
//!   entries_fts JOIN entries e ON e.entry_key = entries_fts.rowid WHERE
//!   entries_fts MATCH 'drone' ORDER BY rank`.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::sketch::{self, BANDS};
use crate::text;
use crate::timeline::{MergedEntry, Timeline};
use crate::MergeError;

pub use rusqlite;

/// The schema version written to `PRAGMA user_version`.
pub const SCHEMA_VERSION: i64 = 1;

/// `PRAGMA application_id` of a Tidings merge database (`"TDNG"`).
pub const APPLICATION_ID: i64 = 0x5444_4e47;

/// The tables and indexes of a merge database.
pub const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS documents (
    id          TEXT PRIMARY KEY,
    source      TEXT NOT NULL,
    date        TEXT,
    title       TEXT,
    standfirst  TEXT,
    summary     TEXT NOT NULL,
    entries     INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS entries (
    entry_key       INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    headline        TEXT,
    author          TEXT,
    time            TEXT,
    published       TEXT,
    zone            TEXT,
    body            TEXT NOT NULL,
    versions        INTEGER NOT NULL,
    first_published TEXT,
    last_published  TEXT,
    date            TEXT,
    sketch          BLOB
);
CREATE INDEX IF NOT EXISTS entries_published ON entries (published);
CREATE INDEX IF NOT EXISTS entries_date ON entries (date);
CREATE TABLE IF NOT EXISTS entry_sources (
    entry_id       TEXT NOT NULL REFERENCES entries (id) ON UPDATE CASCADE ON DELETE CASCADE,
    document_id    TEXT NOT NULL REFERENCES documents (id),
    role           TEXT NOT NULL CHECK (role IN ('entry', 'summary')),
    position       INTEGER NOT NULL,
    copy_id        TEXT NOT NULL,
    span_start     INTEGER,
    span_end       INTEGER,
    paragraph_end  INTEGER,
    published      TEXT,
    PRIMARY KEY (document_id, role, position)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS entry_sources_entry ON entry_sources (entry_id);
CREATE INDEX IF NOT EXISTS entry_sources_copy ON entry_sources (copy_id);
CREATE VIRTUAL TABLE IF NOT EXISTS entries_fts USING fts5 (
    headline, body,
    content = 'entries', content_rowid = 'entry_key',
    tokenize = 'unicode61 remove_diacritics 2'
);
"#;

/// What an [`upsert`] changed. All zero when the database already held
/// everything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct UpsertReport {
    /// Documents added.
    pub documents_added: usize,
    /// Documents whose metadata changed.
    pub documents_updated: usize,
    /// Entries added (new rows).
    pub entries_added: usize,
    /// Existing entries that changed (a new copy, a longer version, a
    /// recovered headline…).
    pub entries_updated: usize,
    /// Existing entries joined into another one (a new copy showed they
    /// were one entry).
    pub entries_joined: usize,
    /// Entries removed because none of their copies is left (their page was
    /// extracted again and the copy is now another entry).
    pub entries_removed: usize,
    /// Copies (sources) added.
    pub sources_added: usize,
    /// Copies whose entry, id, span or time changed.
    pub sources_updated: usize,
    /// Entries in the database after the update.
    pub entries_total: usize,
}

impl UpsertReport {
    /// Whether the update changed nothing.
    pub fn is_unchanged(&self) -> bool {
        UpsertReport {
            entries_total: self.entries_total,
            ..UpsertReport::default()
        } == *self
    }
}

/// Writes `timeline` into the SQLite database at `path`, creating the file
/// and the tables when needed and updating an existing database in place,
/// in one transaction.
pub fn upsert(timeline: &Timeline, path: impl AsRef<Path>) -> Result<UpsertReport, MergeError> {
    let path = path.as_ref();
    let mut conn = Connection::open(path).map_err(sql(path, "cannot open the database"))?;
    // A larger page cache (64 MiB) keeps a big update from spilling pages
    // to disk before the commit.
    conn.pragma_update(None, "cache_size", -65536)
        .map_err(sql(path, "cannot set the cache size"))?;
    conn.set_prepared_statement_cache_capacity(32);
    upsert_into(timeline, &mut conn, path)
}

/// Like [`upsert`], on an open connection (`path` is only used in errors).
pub fn upsert_into(
    timeline: &Timeline,
    conn: &mut Connection,
    path: &Path,
) -> Result<UpsertReport, MergeError> {
    conn.pragma_update(None, "foreign_keys", true)
        .map_err(sql(path, "cannot enable foreign keys"))?;
    let tx = conn
        .transaction()
        .map_err(sql(path, "cannot start a transaction"))?;
    prepare_schema(&tx, path)?;
    let mut upsert = Upsert {
        tx: &tx,
        path,
        report: UpsertReport::default(),
        threshold: timeline.threshold,
        touched: BTreeSet::new(),
        added: BTreeSet::new(),
        changed: BTreeSet::new(),
        fts_old: HashMap::new(),
        fts_new: BTreeSet::new(),
    };
    upsert.documents(timeline)?;
    upsert.entries(timeline)?;
    upsert.tidy()?;
    upsert.index()?;
    let report = upsert.report;
    tx.commit().map_err(sql(path, "cannot commit the update"))?;
    Ok(report)
}

fn sql<'p>(path: &'p Path, context: &'static str) -> impl Fn(rusqlite::Error) -> MergeError + 'p {
    move |error| MergeError::Sqlite {
        path: path.to_path_buf(),
        context,
        error,
    }
}

/// Checks that the database is empty or ours, and creates what is missing.
fn prepare_schema(tx: &Transaction<'_>, path: &Path) -> Result<(), MergeError> {
    let version: i64 = tx
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(sql(path, "cannot read the schema version"))?;
    let application: i64 = tx
        .pragma_query_value(None, "application_id", |row| row.get(0))
        .map_err(sql(path, "cannot read the application id"))?;
    let tables: i64 = tx
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' \
             AND name IN ('documents', 'entries', 'entry_sources', 'entries_fts')",
            [],
            |row| row.get(0),
        )
        .map_err(sql(path, "cannot read the schema"))?;
    let ours = version == SCHEMA_VERSION && application == APPLICATION_ID;
    let fresh = version == 0 && tables == 0;
    if !ours && !fresh {
        return Err(MergeError::SchemaVersion {
            path: path.to_path_buf(),
            found: version,
            expected: SCHEMA_VERSION,
        });
    }
    tx.execute_batch(SCHEMA)
        .map_err(sql(path, "cannot create the tables"))?;
    if fresh {
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)
            .map_err(sql(path, "cannot write the schema version"))?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)
            .map_err(sql(path, "cannot write the application id"))?;
    }
    Ok(())
}

/// An entry as stored.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    key: i64,
    id: String,
    headline: Option<String>,
    author: Option<String>,
    time: Option<String>,
    published: Option<String>,
    zone: Option<String>,
    body: String,
    first_published: Option<String>,
    last_published: Option<String>,
    date: Option<String>,
    sketch: Option<Vec<u8>>,
}

impl Row {
    fn of(entry: &MergedEntry) -> Row {
        Row {
            key: 0,
            id: entry.id.clone(),
            headline: entry.headline.clone(),
            author: entry.author.clone(),
            time: entry.time.clone(),
            published: entry.published.clone(),
            zone: entry.zone.clone(),
            body: entry.text(),
            first_published: entry.first_published.clone(),
            last_published: entry.last_published.clone(),
            date: entry.date().map(String::from),
            sketch: entry.sketch.as_deref().map(sketch::to_bytes),
        }
    }

    fn paragraphs(&self) -> Vec<&str> {
        if self.body.is_empty() {
            Vec::new()
        } else {
            self.body.split("\n\n").collect()
        }
    }

    /// The version order of the merge: more words, then more bytes of body,
    /// then a headline.
    fn weight(&self) -> (usize, usize, bool) {
        let paragraphs = self.paragraphs();
        let words = text::entry_words(self.headline.as_deref(), &paragraphs).len();
        let chars = paragraphs.iter().map(|p| p.len()).sum();
        (words, chars, self.headline.is_some())
    }

    /// The row after `other` is merged into it: the heavier version wins
    /// (`self` on a tie), missing fields are filled from the other, times
    /// are widened.
    fn combine(self, other: Row) -> Row {
        let key = self.key;
        let (mut chosen, other) = if other.weight() > self.weight() {
            (other, self)
        } else {
            (self, other)
        };
        chosen.key = key;
        if chosen.headline.is_none() {
            chosen.headline = other.headline.clone();
        }
        if chosen.author.is_none() {
            chosen.author = other.author.clone();
        }
        if chosen.time.is_none() && other.time.is_some() {
            chosen.time = other.time.clone();
            chosen.published = other.published.clone();
            chosen.zone = other.zone.clone();
        }
        chosen.first_published = min_some(chosen.first_published, other.first_published);
        chosen.last_published = max_some(chosen.last_published, other.last_published);
        chosen.date = match chosen.published.as_deref().and_then(|p| p.get(..10)) {
            Some(day) => Some(day.to_string()),
            None => min_some(chosen.date, other.date),
        };
        chosen
    }
}

fn min_some(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn max_some(a: Option<String>, b: Option<String>) -> Option<String> {
    a.max(b)
}

struct Upsert<'a> {
    tx: &'a Transaction<'a>,
    path: &'a Path,
    report: UpsertReport,
    threshold: f64,
    /// Entries whose sources changed: their `versions` is recounted.
    touched: BTreeSet<i64>,
    /// Entries added by this update.
    added: BTreeSet<i64>,
    /// Existing entries changed by this update.
    changed: BTreeSet<i64>,
    /// The indexed text of stored entries whose text changed or that were
    /// removed, to take out of the full-text index.
    fts_old: HashMap<i64, (Option<String>, String)>,
    /// Entries whose text goes into the full-text index.
    fts_new: BTreeSet<i64>,
}

type Res<T> = Result<T, MergeError>;

/// `source, date, title, standfirst, summary, entries` of a stored document.
type DocumentRow = (
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    i64,
);

impl Upsert<'_> {
    fn err(&self, context: &'static str) -> impl Fn(rusqlite::Error) -> MergeError {
        let path: PathBuf = self.path.to_path_buf();
        move |error| MergeError::Sqlite {
            path: path.clone(),
            context,
            error,
        }
    }

    fn documents(&mut self, timeline: &Timeline) -> Res<()> {
        for doc in &timeline.documents {
            let summary = doc.summary.join("\n\n");
            let entries = doc.entries as i64;
            let stored: Option<DocumentRow> = self
                .tx
                .prepare_cached(
                    "SELECT source, date, title, standfirst, summary, entries FROM documents WHERE id = ?1",
                )
                .and_then(|mut st| {
                    st.query_row([&doc.id], |r| {
                        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
                    })
                    .optional()
                })
                .map_err(self.err("cannot read a document"))?;
            let new = (
                doc.source.clone(),
                doc.date.clone(),
                doc.title.clone(),
                doc.standfirst.clone(),
                summary,
                entries,
            );
            let write = match &stored {
                None => {
                    self.report.documents_added += 1;
                    true
                }
                Some(old) if *old != new => {
                    self.report.documents_updated += 1;
                    true
                }
                Some(_) => false,
            };
            if write {
                self.tx
                    .prepare_cached(
                        "INSERT INTO documents (id, source, date, title, standfirst, summary, entries) \
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) \
                         ON CONFLICT (id) DO UPDATE SET source = excluded.source, date = excluded.date, \
                         title = excluded.title, standfirst = excluded.standfirst, \
                         summary = excluded.summary, entries = excluded.entries",
                    )
                    .and_then(|mut st| {
                        st.execute(params![doc.id, new.0, new.1, new.2, new.3, new.4, new.5])
                    })
                    .map_err(self.err("cannot write a document"))?;
            }
        }
        Ok(())
    }

    fn entries(&mut self, timeline: &Timeline) -> Res<()> {
        // Which stored rows each entry is: by copy id first.
        let mut matches: Vec<BTreeSet<i64>> = Vec::with_capacity(timeline.entries.len());
        for entry in &timeline.entries {
            let mut keys = BTreeSet::new();
            for id in &entry.ids {
                for sql in [
                    "SELECT e.entry_key FROM entry_sources s JOIN entries e ON e.id = s.entry_id \
                     WHERE s.copy_id = ?1",
                    "SELECT entry_key FROM entries WHERE id = ?1",
                ] {
                    let mut st = self
                        .tx
                        .prepare_cached(sql)
                        .map_err(self.err("cannot look up an entry"))?;
                    let rows = st
                        .query_map([id], |r| r.get::<_, i64>(0))
                        .and_then(|rows| rows.collect::<Result<Vec<i64>, _>>())
                        .map_err(self.err("cannot look up an entry"))?;
                    keys.extend(rows);
                }
            }
            matches.push(keys);
        }
        // Then as near-duplicates of a stored entry.
        if self.threshold <= 1.0 {
            self.near_duplicates(timeline, &mut matches)?;
        }

        for (entry, keys) in timeline.entries.iter().zip(matches) {
            let incoming = Row::of(entry);
            let key = if keys.is_empty() {
                self.insert_entry(&incoming)?;
                self.report.entries_added += 1;
                let key = self.tx.last_insert_rowid();
                self.added.insert(key);
                key
            } else {
                let mut keys = keys.into_iter();
                let keep = keys.next().expect("not empty");
                let mut row = self.load(keep)?;
                let before = row.clone();
                for other in keys {
                    let absorbed = self.load(other)?;
                    self.unindex(&absorbed);
                    self.tx
                        .prepare_cached(
                            "UPDATE entry_sources SET entry_id = ?1 WHERE entry_id = ?2",
                        )
                        .and_then(|mut st| st.execute(params![row.id, absorbed.id]))
                        .map_err(self.err("cannot move the sources of a joined entry"))?;
                    self.tx
                        .prepare_cached("DELETE FROM entries WHERE entry_key = ?1")
                        .and_then(|mut st| st.execute([other]))
                        .map_err(self.err("cannot remove a joined entry"))?;
                    self.report.entries_joined += 1;
                    self.touched.insert(keep);
                    row = row.combine(absorbed);
                }
                row = row.combine(incoming);
                if row != before {
                    if (&row.headline, &row.body) != (&before.headline, &before.body) {
                        self.unindex(&before);
                        self.fts_new.insert(keep);
                    }
                    self.update_entry(&row)?;
                    self.changed.insert(keep);
                }
                keep
            };
            let id: String = self
                .tx
                .prepare_cached("SELECT id FROM entries WHERE entry_key = ?1")
                .and_then(|mut st| st.query_row([key], |r| r.get(0)))
                .map_err(self.err("cannot read an entry id"))?;
            self.sources(entry, &id, key)?;
        }
        Ok(())
    }

    /// Matches entries that no id matched with the stored entries whose
    /// signatures share a band and whose texts are similar enough.
    fn near_duplicates(&mut self, timeline: &Timeline, matches: &mut [BTreeSet<i64>]) -> Res<()> {
        let stored: bool = self
            .tx
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM entries WHERE sketch IS NOT NULL)",
                [],
                |r| r.get(0),
            )
            .map_err(self.err("cannot read the stored signatures"))?;
        if !stored {
            return Ok(());
        }
        let mut buckets: HashMap<u64, Vec<usize>> = HashMap::new();
        for (i, entry) in timeline.entries.iter().enumerate() {
            if let (true, Some(sig)) = (matches[i].is_empty(), entry.sketch.as_deref()) {
                for band in 0..BANDS {
                    buckets
                        .entry(sketch::band_key(sig, band))
                        .or_default()
                        .push(i);
                }
            }
        }
        if buckets.is_empty() {
            return Ok(());
        }
        let mut candidates: Vec<(usize, i64)> = Vec::new();
        {
            let mut st = self
                .tx
                .prepare("SELECT entry_key, sketch FROM entries WHERE sketch IS NOT NULL")
                .map_err(self.err("cannot read the stored signatures"))?;
            let mut rows = st
                .query([])
                .map_err(self.err("cannot read the stored signatures"))?;
            while let Some(row) = rows
                .next()
                .map_err(self.err("cannot read the stored signatures"))?
            {
                let key: i64 = row.get(0).map_err(self.err("cannot read a signature"))?;
                let blob: Vec<u8> = row.get(1).map_err(self.err("cannot read a signature"))?;
                let Some(stored) = sketch::from_bytes(&blob) else {
                    continue;
                };
                let mut seen: Vec<usize> = Vec::new();
                for band in 0..BANDS {
                    for &i in buckets
                        .get(&sketch::band_key(&stored, band))
                        .into_iter()
                        .flatten()
                    {
                        if seen.contains(&i) {
                            continue;
                        }
                        seen.push(i);
                        let sig = timeline.entries[i].sketch.as_deref().expect("bucketed");
                        if sketch::estimate(sig, &stored) >= self.threshold - 0.2 {
                            candidates.push((i, key));
                        }
                    }
                }
            }
        }
        for (i, key) in candidates {
            let row = self.load(key)?;
            let entry = &timeline.entries[i];
            let similarity = text::entry_similarity(
                (entry.headline.as_deref(), &entry.body),
                (row.headline.as_deref(), &row.paragraphs()),
            );
            if similarity >= self.threshold {
                matches[i].insert(key);
            }
        }
        Ok(())
    }

    fn load(&self, key: i64) -> Res<Row> {
        self.tx
            .prepare_cached(
                "SELECT entry_key, id, headline, author, time, published, zone, body, \
                 first_published, last_published, date, sketch FROM entries WHERE entry_key = ?1",
            )
            .and_then(|mut st| {
                st.query_row([key], |r| {
                    Ok(Row {
                        key: r.get(0)?,
                        id: r.get(1)?,
                        headline: r.get(2)?,
                        author: r.get(3)?,
                        time: r.get(4)?,
                        published: r.get(5)?,
                        zone: r.get(6)?,
                        body: r.get(7)?,
                        first_published: r.get(8)?,
                        last_published: r.get(9)?,
                        date: r.get(10)?,
                        sketch: r.get(11)?,
                    })
                })
            })
            .map_err(self.err("cannot read an entry"))
    }

    fn insert_entry(&mut self, row: &Row) -> Res<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO entries (id, headline, author, time, published, zone, body, versions, \
                 first_published, last_published, date, sketch) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, ?8, ?9, ?10, ?11)",
            )
            .and_then(|mut st| {
                st.execute(params![
                    row.id,
                    row.headline,
                    row.author,
                    row.time,
                    row.published,
                    row.zone,
                    row.body,
                    row.first_published,
                    row.last_published,
                    row.date,
                    row.sketch,
                ])
            })
            .map_err(self.err("cannot add an entry"))?;
        let key = self.tx.last_insert_rowid();
        self.touched.insert(key);
        self.fts_new.insert(key);
        Ok(())
    }

    fn update_entry(&mut self, row: &Row) -> Res<()> {
        self.tx
            .prepare_cached(
                "UPDATE entries SET id = ?2, headline = ?3, author = ?4, time = ?5, published = ?6, \
                 zone = ?7, body = ?8, first_published = ?9, last_published = ?10, date = ?11, \
                 sketch = ?12 WHERE entry_key = ?1",
            )
            .and_then(|mut st| {
                st.execute(params![
                    row.key,
                    row.id,
                    row.headline,
                    row.author,
                    row.time,
                    row.published,
                    row.zone,
                    row.body,
                    row.first_published,
                    row.last_published,
                    row.date,
                    row.sketch,
                ])
            })
            .map_err(self.err("cannot update an entry"))?;
        Ok(())
    }

    /// Adds the entry's copies, or points them at it.
    fn sources(&mut self, entry: &MergedEntry, id: &str, key: i64) -> Res<()> {
        type Stored = (
            String,
            String,
            Option<i64>,
            Option<i64>,
            Option<i64>,
            Option<String>,
        );
        for source in &entry.sources {
            let role = source.role.name();
            let position = source.index as i64;
            let new: Stored = (
                id.to_string(),
                source.id.clone(),
                source.span.map(|s| s[0] as i64),
                source.span.map(|s| s[1] as i64),
                source.paragraphs.map(|p| p[1] as i64),
                source.published.clone(),
            );
            let stored: Option<(Stored, Option<i64>)> = self
                .tx
                .prepare_cached(
                    "SELECT s.entry_id, s.copy_id, s.span_start, s.span_end, s.paragraph_end, s.published, \
                     e.entry_key FROM entry_sources s LEFT JOIN entries e ON e.id = s.entry_id \
                     WHERE s.document_id = ?1 AND s.role = ?2 AND s.position = ?3",
                )
                .and_then(|mut st| {
                    st.query_row(params![source.document, role, position], |r| {
                        Ok((
                            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?),
                            r.get(6)?,
                        ))
                    })
                    .optional()
                })
                .map_err(self.err("cannot read a source"))?;
            match stored {
                Some((old, _)) if old == new => continue,
                Some((_, old_key)) => {
                    self.report.sources_updated += 1;
                    if let Some(old_key) = old_key {
                        self.touched.insert(old_key);
                    }
                }
                None => self.report.sources_added += 1,
            }
            self.touched.insert(key);
            self.tx
                .prepare_cached(
                    "INSERT INTO entry_sources (entry_id, document_id, role, position, copy_id, \
                     span_start, span_end, paragraph_end, published) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) \
                     ON CONFLICT (document_id, role, position) DO UPDATE SET \
                     entry_id = excluded.entry_id, copy_id = excluded.copy_id, \
                     span_start = excluded.span_start, span_end = excluded.span_end, \
                     paragraph_end = excluded.paragraph_end, published = excluded.published",
                )
                .and_then(|mut st| {
                    st.execute(params![
                        new.0,
                        source.document,
                        role,
                        position,
                        new.1,
                        new.2,
                        new.3,
                        new.4,
                        new.5
                    ])
                })
                .map_err(self.err("cannot write a source"))?;
        }
        Ok(())
    }

    /// Notes that the indexed text of a row goes (it changes or the row is
    /// removed).
    fn unindex(&mut self, row: &Row) {
        self.fts_new.remove(&row.key);
        if !self.added.contains(&row.key) {
            self.fts_old
                .entry(row.key)
                .or_insert_with(|| (row.headline.clone(), row.body.clone()));
        }
    }

    /// Brings the full-text index in step, in two statements: FTS5 flushes
    /// its pending terms at every statement that writes to it, so one row at
    /// a time (as triggers would) is many times slower.
    fn index(&mut self) -> Res<()> {
        let fts_new: Vec<i64> = self.fts_new.iter().copied().collect();
        let fts_old: Vec<(i64, (Option<String>, String))> = self.fts_old.drain().collect();
        if fts_new.is_empty() && fts_old.is_empty() {
            return Ok(());
        }
        self.tx
            .execute_batch(
                "CREATE TEMP TABLE tidings_fts_old (rowid INTEGER PRIMARY KEY, headline TEXT, body TEXT); \
                 CREATE TEMP TABLE tidings_fts_new (rowid INTEGER PRIMARY KEY);",
            )
            .map_err(self.err("cannot prepare the full-text update"))?;
        {
            let mut old = self
                .tx
                .prepare("INSERT INTO tidings_fts_old (rowid, headline, body) VALUES (?1, ?2, ?3)")
                .map_err(self.err("cannot prepare the full-text update"))?;
            for (key, (headline, body)) in &fts_old {
                old.execute(params![key, headline, body])
                    .map_err(self.err("cannot prepare the full-text update"))?;
            }
            let mut new = self
                .tx
                .prepare("INSERT INTO tidings_fts_new (rowid) VALUES (?1)")
                .map_err(self.err("cannot prepare the full-text update"))?;
            for key in &fts_new {
                new.execute([key])
                    .map_err(self.err("cannot prepare the full-text update"))?;
            }
        }
        self.tx
            .execute_batch(
                "INSERT INTO entries_fts (entries_fts, rowid, headline, body) \
                     SELECT 'delete', rowid, headline, body FROM tidings_fts_old; \
                 INSERT INTO entries_fts (rowid, headline, body) \
                     SELECT e.entry_key, e.headline, e.body FROM entries e \
                     JOIN tidings_fts_new n ON n.rowid = e.entry_key; \
                 DROP TABLE tidings_fts_old; \
                 DROP TABLE tidings_fts_new;",
            )
            .map_err(self.err("cannot update the full-text index"))?;
        Ok(())
    }

    /// Recounts `versions` of the entries whose sources changed, and
    /// removes entries left without any.
    fn tidy(&mut self) -> Res<()> {
        let touched = std::mem::take(&mut self.touched);
        for key in touched {
            let count: Option<i64> = self
                .tx
                .prepare_cached(
                    "SELECT (SELECT count(*) FROM entry_sources s WHERE s.entry_id = e.id) \
                     FROM entries e WHERE e.entry_key = ?1",
                )
                .and_then(|mut st| st.query_row([key], |r| r.get(0)).optional())
                .map_err(self.err("cannot count the sources of an entry"))?;
            match count {
                None => {}
                Some(0) => {
                    let row = self.load(key)?;
                    self.unindex(&row);
                    self.tx
                        .execute("DELETE FROM entries WHERE entry_key = ?1", [key])
                        .map_err(self.err("cannot remove an entry"))?;
                    self.report.entries_removed += 1;
                    self.changed.remove(&key);
                }
                Some(count) => {
                    let updated = self
                        .tx
                        .prepare_cached(
                            "UPDATE entries SET versions = ?2 WHERE entry_key = ?1 AND versions <> ?2",
                        )
                        .and_then(|mut st| st.execute([key, count]))
                        .map_err(self.err("cannot count the sources of an entry"))?;
                    if updated > 0 {
                        self.changed.insert(key);
                    }
                }
            }
        }
        self.report.entries_updated = self.changed.difference(&self.added).count();
        self.report.entries_total =
            self.tx
                .query_row("SELECT count(*) FROM entries", [], |r| r.get::<_, i64>(0))
                .map_err(self.err("cannot count the entries"))? as usize;
        Ok(())
    }
}
