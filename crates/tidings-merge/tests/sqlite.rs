//! The SQLite output: idempotent upserts, new dumps, FTS5, atomicity.

mod common;

use std::path::Path;

use common::{fixture, merge_docs};
use rusqlite::Connection;
use tidings_merge::sqlite;
use tidings_merge::{MergeError, MergeOptions, Timeline};

fn timeline(names: &[&str]) -> Timeline {
    let documents: Vec<_> = names.iter().flat_map(|name| fixture(name)).collect();
    merge_docs(&documents, MergeOptions::default())
}

/// Everything in the database, as sorted text, without the integer keys.
fn dump(path: &Path) -> Vec<String> {
    let conn = Connection::open(path).unwrap();
    let mut rows = Vec::new();
    for (table, columns) in [
        ("documents", "id, source, date, title, standfirst, summary, entries"),
        (
            "entries",
            "id, headline, author, time, published, zone, body, versions, first_published, \
             last_published, date, hex(sketch)",
        ),
        (
            "entry_sources",
            "entry_id, document_id, role, position, copy_id, span_start, span_end, paragraph_end, published",
        ),
    ] {
        let mut st = conn
            .prepare(&format!("SELECT {columns} FROM {table}"))
            .unwrap();
        let n = st.column_count();
        let mut query = st.query([]).unwrap();
        while let Some(row) = query.next().unwrap() {
            let values: Vec<String> = (0..n)
                .map(|i| format!("{:?}", row.get::<_, rusqlite::types::Value>(i).unwrap()))
                .collect();
            rows.push(format!("{table}: {}", values.join(" | ")));
        }
    }
    rows.sort();
    rows
}

fn count(path: &Path, sql: &str) -> i64 {
    Connection::open(path)
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

fn search(path: &Path, query: &str) -> Vec<String> {
    let conn = Connection::open(path).unwrap();
    let mut st = conn
        .prepare(
            "SELECT e.headline FROM entries_fts JOIN entries e ON e.entry_key = entries_fts.rowid \
             WHERE entries_fts MATCH ?1 ORDER BY rank",
        )
        .unwrap();
    let rows = st.query_map([query], |r| r.get::<_, String>(0)).unwrap();
    rows.map(Result::unwrap).collect()
}

#[test]
fn running_twice_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("merge.sqlite");
    let base = timeline(&["sqlite_base"]);

    let first = sqlite::upsert(&base, &db).unwrap();
    assert_eq!(first.documents_added, 4);
    assert_eq!(first.entries_added, base.entries.len());
    assert_eq!(first.entries_total, base.entries.len());
    let copies: usize = base.entries.iter().map(|e| e.versions).sum();
    assert_eq!(first.sources_added, copies);
    assert!(!first.is_unchanged());
    assert_eq!(
        count(&db, "SELECT count(*) FROM entries"),
        base.entries.len() as i64
    );
    assert_eq!(
        count(&db, "SELECT count(*) FROM entry_sources"),
        copies as i64
    );
    assert_eq!(
        count(&db, "SELECT sum(versions) FROM entries"),
        copies as i64
    );

    let before = dump(&db);
    let second = sqlite::upsert(&base, &db).unwrap();
    assert!(second.is_unchanged(), "{second:?}");
    assert_eq!(second.entries_total, base.entries.len());
    assert_eq!(dump(&db), before);

    // A merge of the same dumps in another order is the same update.
    let mut documents = fixture("sqlite_base");
    documents.reverse();
    let reversed = merge_docs(&documents, MergeOptions::default());
    assert!(sqlite::upsert(&reversed, &db).unwrap().is_unchanged());
    assert_eq!(dump(&db), before);
}

#[test]
fn one_new_dump_adds_exactly_its_new_entries() {
    let dir = tempfile::tempdir().unwrap();
    let base = timeline(&["sqlite_base"]);
    let everything = timeline(&["sqlite_base", "sqlite_new"]);
    let new_only = timeline(&["sqlite_new"]);
    assert_eq!(everything.entries.len(), base.entries.len() + 2);

    // Re-running the merge over all dumps, including the new one…
    let all_db = dir.path().join("all.sqlite");
    sqlite::upsert(&base, &all_db).unwrap();
    let report = sqlite::upsert(&everything, &all_db).unwrap();
    assert_eq!(report.documents_added, 1);
    assert_eq!(report.entries_added, 2, "{report:?}");
    assert_eq!(report.sources_added, 4);
    // The exact duplicate and the near duplicate (a longer version) changed.
    assert_eq!(report.entries_updated, 2);
    assert_eq!(report.entries_total, base.entries.len() + 2);

    // …or merging the new dump alone into the database: the same result.
    let new_db = dir.path().join("new.sqlite");
    sqlite::upsert(&base, &new_db).unwrap();
    let report = sqlite::upsert(&new_only, &new_db).unwrap();
    assert_eq!(report.entries_added, 2, "{report:?}");
    assert_eq!(report.sources_added, 4);
    assert_eq!(report.entries_updated, 2);
    assert_eq!(dump(&new_db), dump(&all_db));

    // And both equal a database made in one go.
    let once_db = dir.path().join("once.sqlite");
    sqlite::upsert(&everything, &once_db).unwrap();
    assert_eq!(dump(&once_db), dump(&all_db));

    // Again: nothing new.
    assert!(sqlite::upsert(&new_only, &new_db).unwrap().is_unchanged());
    assert!(sqlite::upsert(&everything, &new_db).unwrap().is_unchanged());
}

#[test]
fn full_text_search_finds_entries_and_follows_updates() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fts.sqlite");
    sqlite::upsert(&timeline(&["sqlite_base"]), &db).unwrap();
    assert_eq!(search(&db, "refloated"), ["Harbour closed to shipping"]);
    assert_eq!(
        search(&db, "headline:strike"),
        ["Bus drivers vote to strike"]
    );
    assert!(search(&db, "Thursday").is_empty());
    // The longer version of the budget entry arrives with the new dump.
    sqlite::upsert(&timeline(&["sqlite_new"]), &db).unwrap();
    assert_eq!(
        search(&db, "Thursday"),
        ["Minister unveils budget with tax threshold rise"]
    );
    assert_eq!(search(&db, "tugs"), ["Tugs refloat the Northern Star"]);
    let conn = Connection::open(&db).unwrap();
    conn.execute(
        "INSERT INTO entries_fts (entries_fts, rank) VALUES ('integrity-check', 1)",
        [],
    )
    .unwrap();
}

#[test]
fn an_interrupted_update_leaves_the_database_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("atomic.sqlite");
    sqlite::upsert(&timeline(&["exact_dup"]), &db).unwrap();
    let before = dump(&db);
    // Make the update fail half-way: after some entries were written.
    Connection::open(&db)
        .unwrap()
        .execute_batch(
            "CREATE TRIGGER fail AFTER INSERT ON entry_sources \
             WHEN (SELECT count(*) FROM entry_sources) >= 6 \
             BEGIN SELECT RAISE(ABORT, 'interrupted'); END;",
        )
        .unwrap();
    let error = sqlite::upsert(&timeline(&["sqlite_base", "sqlite_new"]), &db).unwrap_err();
    assert!(matches!(error, MergeError::Sqlite { .. }), "{error:?}");
    assert!(error.to_string().contains("atomic.sqlite"));
    assert_eq!(dump(&db), before);

    Connection::open(&db)
        .unwrap()
        .execute_batch("DROP TRIGGER fail")
        .unwrap();
    let report = sqlite::upsert(&timeline(&["sqlite_base", "sqlite_new"]), &db).unwrap();
    assert!(report.entries_added > 0);
}

#[test]
fn another_database_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("other.sqlite");
    Connection::open(&db)
        .unwrap()
        .execute_batch("CREATE TABLE entries (x); INSERT INTO entries VALUES (1);")
        .unwrap();
    let error = sqlite::upsert(&timeline(&["exact_dup"]), &db).unwrap_err();
    assert!(
        matches!(error, MergeError::SchemaVersion { found: 0, .. }),
        "{error:?}"
    );
    assert_eq!(count(&db, "SELECT count(*) FROM sqlite_schema"), 1);
}

#[test]
fn example_queries_of_the_docs_run() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("docs.sqlite");
    sqlite::upsert(&timeline(&["sqlite_base", "sqlite_new"]), &db).unwrap();
    let conn = Connection::open(&db).unwrap();
    // Entries seen on the most pages.
    let top: (String, i64) = conn
        .query_row(
            "SELECT headline, versions FROM entries ORDER BY versions DESC, published DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(top.1, 3);
    // Where one entry was seen.
    let pages: i64 = conn
        .query_row(
            "SELECT count(DISTINCT d.id) FROM entries e \
             JOIN entry_sources s ON s.entry_id = e.id JOIN documents d ON d.id = s.document_id \
             WHERE e.headline = 'Harbour closed to shipping'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(pages, 2);
    // A timeline of one day.
    let day: i64 = conn
        .query_row(
            "SELECT count(*) FROM entries WHERE date = '2025-03-02'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(day, 5);
}
