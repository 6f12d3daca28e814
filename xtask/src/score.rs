//! A port of the reference scorer, `shared/eval/score.py`, that gives the
//! same figures on the same input.
//!
//! Documents are `serde_json::Value`s, as `json.load` gives them to the
//! script; every step mirrors a function of the script and keeps its
//! semantics: Python's string handling ([`py`]), `difflib`'s
//! `SequenceMatcher` ([`difflib`]), `collections.Counter` algebra (`a - b`
//! keeps positive counts, `a & b` is the minimum), micro-averaged totals.
//!
//! The entry points are [`score`] (gold documents and system documents in,
//! a [`Report`] out), the loaders [`load_gold_dir`], [`load_system`] and
//! [`system_from_docs`], and the script's two outputs, [`render_table`] and
//! [`render_json`]. `cargo xtask score GOLD_DIR SYSTEM_OUTPUT [--json]
//! [--per-doc]` is the script's command line; its output can be diffed with
//! the script's.
//!
//! Known differences, all on input the scorer is not meant for:
//! - where the script raises (a text field that is neither a string nor
//!   null, an entry that is not an object, a gold without `"id"`), the port
//!   goes on: it skips such entries, leaves non-string texts out of the
//!   token bags and compares non-string fields by their JSON text (the gold
//!   loader does reject a gold without `"id"`);
//! - JSON that Python reads and `serde_json` does not: `NaN`/`Infinity`,
//!   lone surrogate escapes, integers beyond 64 bits, nesting deeper than
//!   128;
//! - a text field given as an object (iterated as its keys) sees the keys in
//!   `serde_json`'s order, not the file's;
//! - the Unicode tables are those of the Python that generated [`pyunicode`]
//!   (3.11, Unicode 14.0.0); a Python with another Unicode version may
//!   tokenise a few rare characters differently (`cargo xtask pyunicode
//!   --check` tells).

pub mod difflib;
pub mod py;
pub mod pyunicode;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::fs;
use std::ops::{Add, AddAssign};
use std::path::Path;

use anyhow::{bail, Context, Result};
use serde_json::Value;

/// The columns of the table, in the script's order.
pub const TABLE_KEYS: [&str; 11] = [
    "content_p",
    "content_r",
    "content_f1",
    "boiler_removed",
    "headline_f1",
    "entry_acc",
    "author_acc",
    "time_acc",
    "title_acc",
    "standfirst_acc",
    "date_acc",
];

/// A multiset of tokens: `collections.Counter`.
type Bag = HashMap<String, u64>;

/// The raw counts of one document or of several, the script's `r` Counter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub b_gold: u64,
    pub b_leak: u64,
    pub c_tp: u64,
    pub c_sys: u64,
    pub c_gold: u64,
    pub h_gold: u64,
    pub h_sys: u64,
    pub h_tp: u64,
    pub e_gold: u64,
    pub e_ok: u64,
    pub author_gold: u64,
    pub author_ok: u64,
    pub time_gold: u64,
    pub time_ok: u64,
    pub title_n: u64,
    pub title_ok: u64,
    pub standfirst_n: u64,
    pub standfirst_ok: u64,
    pub date_n: u64,
    pub date_ok: u64,
    pub docs: u64,
    pub missing: u64,
}

impl AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        self.b_gold += o.b_gold;
        self.b_leak += o.b_leak;
        self.c_tp += o.c_tp;
        self.c_sys += o.c_sys;
        self.c_gold += o.c_gold;
        self.h_gold += o.h_gold;
        self.h_sys += o.h_sys;
        self.h_tp += o.h_tp;
        self.e_gold += o.e_gold;
        self.e_ok += o.e_ok;
        self.author_gold += o.author_gold;
        self.author_ok += o.author_ok;
        self.time_gold += o.time_gold;
        self.time_ok += o.time_ok;
        self.title_n += o.title_n;
        self.title_ok += o.title_ok;
        self.standfirst_n += o.standfirst_n;
        self.standfirst_ok += o.standfirst_ok;
        self.date_n += o.date_n;
        self.date_ok += o.date_ok;
        self.docs += o.docs;
        self.missing += o.missing;
    }
}

impl Add for Counts {
    type Output = Counts;
    fn add(mut self, o: Counts) -> Counts {
        self += o;
        self
    }
}

/// The script's `summary(r)`: the metrics of some counts. A share whose
/// denominator is zero is `None` (printed `  -  `).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    pub docs: u64,
    pub missing: u64,
    pub content_p: f64,
    pub content_r: f64,
    pub content_f1: f64,
    pub boiler_removed: Option<f64>,
    pub headline_p: f64,
    pub headline_r: f64,
    pub headline_f1: f64,
    pub entry_acc: Option<f64>,
    pub author_acc: Option<f64>,
    pub time_acc: Option<f64>,
    pub title_acc: Option<f64>,
    pub standfirst_acc: Option<f64>,
    pub date_acc: Option<f64>,
}

impl Summary {
    /// Computes the metrics of `r`.
    pub fn of(r: &Counts) -> Summary {
        let (cp, cr, cf) = prf(r.c_tp, r.c_sys, r.c_gold);
        let (hp, hr, hf) = prf(r.h_tp, r.h_sys, r.h_gold);
        let share = |ok: u64, n: u64| {
            if n > 0 {
                Some(ok as f64 / n as f64)
            } else {
                None
            }
        };
        Summary {
            docs: r.docs,
            missing: r.missing,
            content_p: cp,
            content_r: cr,
            content_f1: cf,
            boiler_removed: if r.b_gold > 0 {
                Some(1.0 - r.b_leak as f64 / r.b_gold as f64)
            } else {
                None
            },
            headline_p: hp,
            headline_r: hr,
            headline_f1: hf,
            entry_acc: share(r.e_ok, r.e_gold),
            author_acc: share(r.author_ok, r.author_gold),
            time_acc: share(r.time_ok, r.time_gold),
            title_acc: share(r.title_ok, r.title_n),
            standfirst_acc: share(r.standfirst_ok, r.standfirst_n),
            date_acc: share(r.date_ok, r.date_n),
        }
    }

    /// The metrics by the script's key, in its order (`docs` and `missing`
    /// are counts, not listed).
    pub fn metrics(&self) -> [(&'static str, Option<f64>); 13] {
        [
            ("content_p", Some(self.content_p)),
            ("content_r", Some(self.content_r)),
            ("content_f1", Some(self.content_f1)),
            ("boiler_removed", self.boiler_removed),
            ("headline_p", Some(self.headline_p)),
            ("headline_r", Some(self.headline_r)),
            ("headline_f1", Some(self.headline_f1)),
            ("entry_acc", self.entry_acc),
            ("author_acc", self.author_acc),
            ("time_acc", self.time_acc),
            ("title_acc", self.title_acc),
            ("standfirst_acc", self.standfirst_acc),
            ("date_acc", self.date_acc),
        ]
    }

    /// One metric by the script's key; `None` for an unknown key too.
    pub fn get(&self, key: &str) -> Option<f64> {
        self.metrics()
            .into_iter()
            .find(|(k, _)| *k == key)
            .and_then(|(_, v)| v)
    }
}

/// What [`score`] finds: the totals over all gold documents and one row per
/// gold document, in the order of the gold files.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub total: Summary,
    pub docs: Vec<(String, Summary)>,
    /// The summed counts behind `total`.
    pub counts: Counts,
}

/// The script's `prf`: precision, recall and F1 of `tp` hits among `sys_n`
/// answers for `gold_n` expected.
pub fn prf(tp: u64, sys_n: u64, gold_n: u64) -> (f64, f64, f64) {
    let p = if sys_n > 0 {
        tp as f64 / sys_n as f64
    } else if gold_n == 0 {
        1.0
    } else {
        0.0
    };
    let rc = if gold_n > 0 {
        tp as f64 / gold_n as f64
    } else {
        1.0
    };
    let f = if p + rc != 0.0 {
        2.0 * p * rc / (p + rc)
    } else {
        0.0
    };
    (p, rc, f)
}

// ---------------------------------------------------------------- Python values

/// Python's truth value of `d.get(k)`.
fn truthy(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64() != Some(0.0),
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
    }
}

/// The items of `for x in d.get(k) or []`: a list's elements, a string's
/// characters, an object's keys. A truthy number or `true` (a TypeError in
/// Python) gives none.
fn py_items(v: Option<&Value>) -> Vec<Cow<'_, Value>> {
    if !truthy(v) {
        return Vec::new();
    }
    match v {
        Some(Value::Array(a)) => a.iter().map(Cow::Borrowed).collect(),
        Some(Value::String(s)) => s
            .chars()
            .map(|c| Cow::Owned(Value::String(c.to_string())))
            .collect(),
        Some(Value::Object(o)) => o
            .keys()
            .map(|k| Cow::Owned(Value::String(k.clone())))
            .collect(),
        _ => Vec::new(),
    }
}

/// `[x for x in d.get(k) or [] if isinstance(x, str)]`.
fn py_strs(v: Option<&Value>) -> Vec<String> {
    py_items(v)
        .into_iter()
        .filter_map(|x| match x.as_ref() {
            Value::String(s) => Some(s.clone()),
            _ => None,
        })
        .collect()
}

/// The script's `norm` of a JSON value: `None` for a missing key or null.
fn norm_value(v: Option<&Value>) -> Option<String> {
    match v {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(py::norm(s)),
        // Python raises TypeError here; compare by JSON text instead.
        Some(other) => Some(py::norm(&other.to_string())),
    }
}

/// `str(x)` of a JSON value, for the `id` of a system document.
pub fn py_str(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "None".to_string(),
        Value::Bool(true) => "True".to_string(),
        Value::Bool(false) => "False".to_string(),
        Value::Number(n) => {
            if n.is_i64() || n.is_u64() {
                n.to_string()
            } else {
                py::float_repr(n.as_f64().unwrap_or(f64::NAN))
            }
        }
        // Python's repr of a list or dict differs in quoting; good enough for
        // ids, which are strings.
        other => other.to_string(),
    }
}

// ---------------------------------------------------------------- bags

fn bag<S: AsRef<str>>(texts: &[S]) -> Bag {
    let mut c = Bag::new();
    for t in texts {
        for w in py::words(&py::norm(t.as_ref())) {
            *c.entry(w.to_string()).or_insert(0) += 1;
        }
    }
    c
}

/// `a - b`: counts of `a` less those of `b`, kept when positive.
fn bag_sub(a: &Bag, b: &Bag) -> Bag {
    a.iter()
        .filter_map(|(k, &v)| {
            let r = v.saturating_sub(b.get(k).copied().unwrap_or(0));
            (r > 0).then(|| (k.clone(), r))
        })
        .collect()
}

/// `a & b`: the smaller count, kept when positive.
fn bag_and(a: &Bag, b: &Bag) -> Bag {
    a.iter()
        .filter_map(|(k, &v)| {
            let r = v.min(b.get(k).copied().unwrap_or(0));
            (r > 0).then(|| (k.clone(), r))
        })
        .collect()
}

fn bag_sum(a: &Bag) -> u64 {
    a.values().sum()
}

// ---------------------------------------------------------------- documents

/// What the script reads from one entry, computed once.
struct EntryView {
    headline_truthy: bool,
    /// `norm(e.get("headline"))`
    headline: Option<String>,
    /// the headline's characters, for difflib
    headline_chars: Vec<char>,
    /// `[x for x in e.get("body") or [] if isinstance(x, str)]`
    body_strs: Vec<String>,
    /// `[norm(x) for x in e.get("body") or []]`
    body_norm: Vec<Option<String>>,
    /// `set(toks(" ".join(body_strs)))`
    body_set: HashSet<String>,
    author_truthy: bool,
    author: Option<String>,
    time_truthy: bool,
    time: Option<String>,
    /// the raw headline when it is a truthy string, for the content bag
    headline_text: Option<String>,
}

impl EntryView {
    fn new(e: &Value) -> EntryView {
        let headline = norm_value(e.get("headline"));
        let body_strs = py_strs(e.get("body"));
        let body_norm = py_items(e.get("body"))
            .iter()
            .map(|x| norm_value(Some(x)))
            .collect();
        let body_set = py::toks(&body_strs.join(" ")).into_iter().collect();
        EntryView {
            headline_truthy: truthy(e.get("headline")),
            headline_chars: headline.as_deref().unwrap_or("").chars().collect(),
            headline,
            body_strs,
            body_norm,
            body_set,
            author_truthy: truthy(e.get("author")),
            author: norm_value(e.get("author")),
            time_truthy: truthy(e.get("time")),
            time: norm_value(e.get("time")),
            headline_text: match e.get("headline") {
                Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
                _ => None,
            },
        }
    }
}

/// The entries of a document (`d.get("entries") or []`), objects only.
fn entries(d: &Value) -> Vec<EntryView> {
    py_items(d.get("entries"))
        .iter()
        .filter(|e| e.is_object())
        .map(|e| EntryView::new(e))
        .collect()
}

/// The script's `content_texts`: title, standfirst, summary, key points,
/// entry headlines and bodies.
fn content_texts(d: &Value, entries: &[EntryView]) -> Vec<String> {
    let mut out = Vec::new();
    for k in ["title", "standfirst"] {
        if let Some(Value::String(s)) = d.get(k) {
            if !s.is_empty() {
                out.push(s.clone());
            }
        }
    }
    out.extend(py_strs(d.get("summary")));
    out.extend(py_strs(d.get("key_points")));
    for e in entries {
        out.extend(e.headline_text.iter().cloned());
        out.extend(e.body_strs.iter().cloned());
    }
    out
}

/// `difflib.SequenceMatcher(None, gold, sys).ratio()` of two headlines.
fn headline_ratio(g: &EntryView, s: &EntryView) -> f64 {
    difflib::SequenceMatcher::new(&g.headline_chars, &s.headline_chars).ratio()
}

/// The script's `match_headlines`: greedy, in order, one to one; returns
/// `gold index → system index`.
fn match_headlines(gold: &[EntryView], sys: &[EntryView]) -> HashMap<usize, usize> {
    let mut pairs = HashMap::new();
    let mut used = HashSet::new();
    let mut start = 0usize;
    for (gi, ge) in gold.iter().enumerate() {
        if ge.headline.as_deref().unwrap_or("").is_empty() {
            continue;
        }
        let (mut best, mut best_r): (Option<usize>, f64) = (None, 0.0);
        for (si, se) in sys.iter().enumerate() {
            if used.contains(&si) || se.headline.as_deref().unwrap_or("").is_empty() {
                continue;
            }
            let r = headline_ratio(ge, se);
            // the script's tie-break, kept as is: on an equal ratio, prefer a
            // candidate at or after `start` over a best before it
            if r > best_r || (r == best_r && best.is_some_and(|b| si >= start && b < start)) {
                best = Some(si);
                best_r = r;
            }
        }
        if let Some(b) = best {
            if best_r >= 0.9 {
                pairs.insert(gi, b);
                used.insert(b);
                start = b + 1;
            }
        }
    }
    pairs
}

/// The script's `match_entries`: by headline, then leftovers by body token
/// Jaccard (>= 0.5), then body-less ones by equal author and time.
fn match_entries(gold: &[EntryView], sys: &[EntryView]) -> HashMap<usize, usize> {
    let mut pairs = match_headlines(gold, sys);
    let mut used: HashSet<usize> = pairs.values().copied().collect();
    for (gi, ge) in gold.iter().enumerate() {
        if pairs.contains_key(&gi) {
            continue;
        }
        let gb = &ge.body_set;
        if !gb.is_empty() {
            let (mut best, mut best_j): (Option<usize>, f64) = (None, 0.0);
            for (si, se) in sys.iter().enumerate() {
                if used.contains(&si) {
                    continue;
                }
                let sb = &se.body_set;
                if sb.is_empty() {
                    continue;
                }
                let inter = gb.intersection(sb).count();
                let union = gb.len() + sb.len() - inter;
                let j = inter as f64 / union as f64;
                if j > best_j {
                    best = Some(si);
                    best_j = j;
                }
            }
            if let Some(b) = best {
                if best_j >= 0.5 {
                    pairs.insert(gi, b);
                    used.insert(b);
                }
            }
            continue;
        }
        let key = (&ge.author, &ge.time);
        if key == (&None, &None) {
            continue;
        }
        if let Some(si) = (0..sys.len())
            .find(|&si| !used.contains(&si) && (&sys[si].author, &sys[si].time) == key)
        {
            pairs.insert(gi, si);
            used.insert(si);
        }
    }
    pairs
}

/// The script's `score_doc`: the counts of gold document `g` against the
/// system's document `s` (`None` when the system has none).
pub fn score_doc(g: &Value, s: Option<&Value>) -> Counts {
    // `if s` in the script: an empty object counts as missing
    let s = s.filter(|s| truthy(Some(s)));
    let mut r = Counts::default();
    let ge = entries(g);
    let se = s.map(entries).unwrap_or_default();

    let gb = bag(&content_texts(g, &ge));
    let sb = s.map(|s| bag(&content_texts(s, &se))).unwrap_or_default();
    let ob = bag(&optional_texts(g.get("_optional")));
    // optional text: drop from the system's bag what the gold neither wants
    // nor forbids
    let extra = bag_sub(&sb, &gb);
    let forgiven = bag_and(&extra, &ob);
    let sb = bag_sub(&sb, &forgiven);
    let rb = bag(&optional_texts(g.get("_removed")));
    r.b_gold = bag_sum(&rb);
    r.b_leak = bag_sum(&bag_and(&bag_sub(&sb, &gb), &rb));
    r.c_tp = bag_sum(&bag_and(&gb, &sb));
    r.c_sys = bag_sum(&sb);
    r.c_gold = bag_sum(&gb);

    let pairs = match_entries(&ge, &se);
    r.h_gold = ge.iter().filter(|e| e.headline_truthy).count() as u64;
    r.h_sys = se.iter().filter(|e| e.headline_truthy).count() as u64;
    r.h_tp = pairs
        .iter()
        .filter(|&(&gi, &si)| {
            ge[gi].headline_truthy
                && se[si].headline_truthy
                && headline_ratio(&ge[gi], &se[si]) >= 0.9
        })
        .count() as u64;
    r.e_gold = ge.len() as u64;
    for (gi, e) in ge.iter().enumerate() {
        let m = pairs.get(&gi).map(|&si| &se[si]);
        if m.is_some_and(|m| e.body_norm == m.body_norm) {
            r.e_ok += 1;
        }
        if e.author_truthy {
            r.author_gold += 1;
            if m.is_some_and(|m| m.author == e.author) {
                r.author_ok += 1;
            }
        }
        if e.time_truthy {
            r.time_gold += 1;
            if m.is_some_and(|m| m.time == e.time) {
                r.time_ok += 1;
            }
        }
    }
    let field = |d: Option<&Value>, k: &str| norm_value(d.and_then(|d| d.get(k)));
    r.title_n = 1;
    r.title_ok = u64::from(field(Some(g), "title") == field(s, "title"));
    r.standfirst_n = 1;
    r.standfirst_ok = u64::from(field(Some(g), "standfirst") == field(s, "standfirst"));
    r.date_n = 1;
    r.date_ok = u64::from(field(Some(g), "date") == field(s, "date"));
    r.docs = 1;
    r.missing = u64::from(s.is_none());
    r
}

/// The texts of `bag(g.get("_optional") or [])`: strings, and nothing for
/// null (the script's `norm(None)`); other items would raise in Python.
fn optional_texts(v: Option<&Value>) -> Vec<String> {
    py_strs(v)
}

/// Scores the system's documents (keyed by id, see [`system_from_docs`])
/// against the gold documents, like the script's `main`: golds are keyed by
/// their `"id"` (a later duplicate replaces an earlier one in its place),
/// and a gold whose id the system lacks is scored as missing.
pub fn score(golds: &[Value], system: &HashMap<String, Value>) -> Report {
    let mut order: Vec<String> = Vec::new();
    let mut by_key: HashMap<String, (String, &Value)> = HashMap::new();
    for g in golds {
        // `g["id"]` raises KeyError in the script
        let Some(id) = g.get("id") else { continue };
        let key = id.to_string();
        if !by_key.contains_key(&key) {
            order.push(key.clone());
        }
        by_key.insert(key, (py_str(id), g));
    }
    let mut counts = Counts::default();
    let mut docs = Vec::new();
    for key in order {
        let (id, g) = &by_key[&key];
        // `system.get(gid)`: system ids are strings, a non-string gold id never matches
        let s = if g.get("id").is_some_and(Value::is_string) {
            system.get(id)
        } else {
            None
        };
        let r = score_doc(g, s);
        counts += r;
        docs.push((id.clone(), Summary::of(&r)));
    }
    Report {
        total: Summary::of(&counts),
        docs,
        counts,
    }
}

// ---------------------------------------------------------------- loading

/// The script's `add`: keeps the objects that have an `"id"`, keyed by
/// `str(id)`; a later document replaces an earlier one with the same id.
pub fn system_from_docs(docs: impl IntoIterator<Item = Value>) -> HashMap<String, Value> {
    let mut out = HashMap::new();
    for d in docs {
        add_system_doc(&mut out, d);
    }
    out
}

fn add_system_doc(docs: &mut HashMap<String, Value>, d: Value) {
    if let Some(id) = d.as_object().and_then(|o| o.get("id")) {
        docs.insert(py_str(id), d);
    }
}

/// `d if isinstance(d, list) else [d]`
fn one_or_many(d: Value) -> Vec<Value> {
    match d {
        Value::Array(a) => a,
        d => vec![d],
    }
}

fn read_text(path: &Path) -> Result<String> {
    fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

/// The `.json` files of a folder, sorted by name.
fn json_files(dir: &Path) -> Result<Vec<std::path::PathBuf>> {
    let mut names = Vec::new();
    for entry in fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))? {
        let entry = entry?;
        let name = entry
            .file_name()
            .into_string()
            .map_err(|n| anyhow::anyhow!("file name is not UTF-8: {n:?}"))?;
        if name.ends_with(".json") {
            names.push(name);
        }
    }
    names.sort();
    Ok(names.into_iter().map(|n| dir.join(n)).collect())
}

/// The script's `load_system`: a folder of `.json` files (each one document
/// or a list), else a JSON file (one document or a list), else JSON Lines.
pub fn load_system(path: &Path) -> Result<HashMap<String, Value>> {
    let mut docs = HashMap::new();
    if path.is_dir() {
        for file in json_files(path)? {
            let d: Value = serde_json::from_str(&read_text(&file)?)
                .with_context(|| format!("{}: not JSON", file.display()))?;
            for x in one_or_many(d) {
                add_system_doc(&mut docs, x);
            }
        }
        return Ok(docs);
    }
    let text = read_text(path)?;
    match serde_json::from_str::<Value>(&text) {
        Ok(d) => {
            for x in one_or_many(d) {
                add_system_doc(&mut docs, x);
            }
        }
        Err(_) => {
            for (n, line) in py::splitlines(&text).into_iter().enumerate() {
                if line.trim_matches(py::is_space).is_empty() {
                    continue;
                }
                let d = serde_json::from_str(line)
                    .with_context(|| format!("{}: line {}: not JSON", path.display(), n + 1))?;
                add_system_doc(&mut docs, d);
            }
        }
    }
    Ok(docs)
}

/// The gold documents: the `.json` files of a folder, sorted by name; each
/// must be an object with an `"id"`.
pub fn load_gold_dir(dir: &Path) -> Result<Vec<Value>> {
    let mut golds = Vec::new();
    for file in json_files(dir)? {
        let g: Value = serde_json::from_str(&read_text(&file)?)
            .with_context(|| format!("{}: not JSON", file.display()))?;
        if g.get("id").is_none() {
            bail!("{}: a gold document needs an \"id\"", file.display());
        }
        golds.push(g);
    }
    Ok(golds)
}

// ---------------------------------------------------------------- output

/// The script's `fmt`: three decimals, or `  -  ` for no value.
pub fn fmt_metric(v: Option<f64>) -> String {
    match v {
        None => "  -  ".to_string(),
        Some(v) => format!("{v:.3}"),
    }
}

fn row(label: &str, s: &Summary) -> String {
    let label: String = label.chars().take(24).collect();
    let cells: Vec<String> = TABLE_KEYS
        .iter()
        .map(|k| format!("{:>10}", fmt_metric(s.get(k))))
        .collect();
    format!("{label:<24}{}", cells.join(" "))
}

/// The script's table: a header, one row per document with `per_doc`, the
/// `TOTAL` row, and `missing documents: M of N` when some are missing.
pub fn render_table(report: &Report, per_doc: bool) -> String {
    let mut out = String::new();
    let header: Vec<String> = TABLE_KEYS
        .iter()
        .map(|k| format!("{:>10}", &k[..k.len().min(10)]))
        .collect();
    let _ = writeln!(out, "{:<24}{}", "doc", header.join(" "));
    if per_doc {
        for (id, s) in &report.docs {
            let _ = writeln!(out, "{}", row(id, s));
        }
    }
    let _ = writeln!(out, "{}", row("TOTAL", &report.total));
    if report.total.missing > 0 {
        let _ = writeln!(
            out,
            "missing documents: {} of {}",
            report.total.missing, report.total.docs
        );
    }
    out
}

fn json_summary(out: &mut String, s: &Summary, indent: usize) {
    let pad = " ".repeat(indent + 1);
    out.push_str("{\n");
    let _ = write!(
        out,
        "{pad}\"docs\": {},\n{pad}\"missing\": {}",
        s.docs, s.missing
    );
    for (k, v) in s.metrics() {
        let v = v.map_or_else(|| "null".to_string(), py::float_repr);
        let _ = write!(out, ",\n{pad}\"{k}\": {v}");
    }
    let _ = write!(out, "\n{}}}", " ".repeat(indent));
}

/// The script's `--json` output, byte for byte:
/// `json.dumps({"total": …, "docs": {id: …}}, indent=1)`, with a final newline.
pub fn render_json(report: &Report) -> String {
    let mut out = String::from("{\n \"total\": ");
    json_summary(&mut out, &report.total, 1);
    out.push_str(",\n \"docs\": ");
    if report.docs.is_empty() {
        out.push_str("{}");
    } else {
        out.push_str("{\n");
        for (n, (id, s)) in report.docs.iter().enumerate() {
            if n > 0 {
                out.push_str(",\n");
            }
            let _ = write!(out, "  {}: ", py::json_str(id));
            json_summary(&mut out, s, 2);
        }
        out.push_str("\n }");
    }
    out.push_str("\n}\n");
    out
}

#[cfg(test)]
mod tests;
