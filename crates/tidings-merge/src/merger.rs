//! The merge itself: [`Merger`].

use std::cmp::{Ordering, Reverse};
use std::collections::{HashMap, HashSet};

use tidings_export::{entry_id, Document};

use crate::sketch::{self, Signature, Sketch, BANDS};
use crate::text::{self, entry_words, paragraph_hash, shingle_set, words_hash};
use crate::timeline::{Blog, DocumentInfo, MergeStats, MergedEntry, Role, Source, Timeline};
use crate::unionfind::UnionFind;
use crate::{MergeOptions, Order};

/// A body needs this many words before equal bodies (without the headline)
/// or a lede run count as the same entry: "More soon." repeated in two
/// places is not one post.
pub(crate) const MIN_BODY_WORDS: usize = 8;

/// Signature estimates this far below the threshold are rejected without
/// computing the exact similarity (the estimate's standard deviation is at
/// most 0.045 with 128 hashes, so this is over four deviations).
const ESTIMATE_MARGIN: f64 = 0.2;

/// Merges the entries of many documents into one deduplicated [`Timeline`].
///
/// Feed it documents with [`add`](Merger::add), one at a time, as they are
/// extracted; it keeps only what the merge needs (one copy of the text of
/// each distinct entry id, a 512-byte MinHash signature, and per copy its
/// document, index, span and time), never whole documents. Then call
/// [`finish`](Merger::finish). The algorithm is described in
/// `docs/merge.md`.
///
/// The result does not depend on the order in which documents are added,
/// except for [`Timeline::documents`] (kept in the order added) and when two
/// documents share an id (the second is ignored).
#[derive(Debug)]
pub struct Merger {
    options: MergeOptions,
    docs: Vec<Doc>,
    doc_index: HashSet<String>,
    variants: Vec<Variant>,
    by_id: HashMap<u64, u32>,
    copies: Vec<Copy>,
    stats: MergeStats,
}

/// A document, without its entries.
#[derive(Debug)]
struct Doc {
    id: String,
    source: String,
    date: Option<String>,
    title: Option<String>,
    standfirst: Option<String>,
    summary: Vec<String>,
    entries: usize,
}

/// One distinct entry id: its text, kept once however many copies have it.
#[derive(Debug)]
struct Variant {
    id: u64,
    headline: Option<Box<str>>,
    author: Option<Box<str>>,
    /// `time`, `published` and `zone` travel together.
    stamp: Option<Stamp>,
    body: Box<[Box<str>]>,
    /// The word hash of each paragraph; 0 for a paragraph without words.
    paragraphs: Box<[u64]>,
    /// Words in the headline and body.
    words: u32,
    /// Bytes of body text.
    chars: u32,
    /// The hash of the body's words, when it has [`MIN_BODY_WORDS`].
    body_hash: Option<u64>,
    sketch: Option<Box<Signature>>,
    /// Where the text, the author and the stamp were taken from: the first
    /// copy (by document id, then position) that has them, so that the
    /// result does not depend on the order documents are added.
    text_from: Place,
    author_from: Place,
    stamp_from: Place,
}

/// A copy's place: (document, entry index).
type Place = (u32, u32);

#[derive(Debug, Clone)]
struct Stamp {
    time: Box<str>,
    published: Option<Box<str>>,
    zone: Option<Box<str>>,
}

/// One entry of one document.
#[derive(Debug)]
struct Copy {
    variant: u32,
    doc: u32,
    index: u32,
    span: [usize; 2],
    published: Option<Box<str>>,
}

/// A lede run recognised as a copy of an entry.
#[derive(Debug)]
struct Lede {
    cluster: u32,
    doc: u32,
    paragraphs: [usize; 2],
}

fn boxed(text: Option<&str>) -> Option<Box<str>> {
    text.map(Box::from)
}

/// The entry id as a number, if it has the shape [`entry_id`] gives.
fn parse_id(id: &str) -> Option<u64> {
    if id.len() == 16
        && id
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        u64::from_str_radix(id, 16).ok()
    } else {
        None
    }
}

fn hex(id: u64) -> String {
    format!("{id:016x}")
}

impl Default for Merger {
    fn default() -> Self {
        Merger::new(MergeOptions::default())
    }
}

impl Merger {
    /// A merger with these options.
    pub fn new(options: MergeOptions) -> Merger {
        Merger {
            options,
            docs: Vec::new(),
            doc_index: HashSet::new(),
            variants: Vec::new(),
            by_id: HashMap::new(),
            copies: Vec::new(),
            stats: MergeStats::default(),
        }
    }

    /// The options in use.
    pub fn options(&self) -> &MergeOptions {
        &self.options
    }

    /// Counts so far (only `documents`, `duplicate_documents`, `copies` and
    /// `exact_duplicates` are known before [`finish`](Merger::finish)).
    pub fn stats(&self) -> MergeStats {
        self.stats
    }

    /// Adds the entries and lede of a document. Returns `false`, and adds
    /// nothing, when a document with the same id was added before (the same
    /// dump given twice).
    ///
    /// Entry ids are taken from the document when they have the shape of
    /// [`entry_id`] (16 lowercase hex digits) and computed from the text
    /// otherwise.
    pub fn add(&mut self, document: &Document<'_>) -> bool {
        if !self.doc_index.insert(document.id.to_string()) {
            self.stats.duplicate_documents += 1;
            return false;
        }
        let doc = u32::try_from(self.docs.len()).expect("fewer than 2^32 documents");
        self.docs.push(Doc {
            id: document.id.to_string(),
            source: document.source.to_string(),
            date: document.date.as_deref().map(String::from),
            title: document.title.as_deref().map(String::from),
            standfirst: document.standfirst.as_deref().map(String::from),
            summary: document.summary.iter().map(|p| p.to_string()).collect(),
            entries: document.entries.len(),
        });
        self.stats.documents += 1;

        for (index, entry) in document.entries.iter().enumerate() {
            let headline = entry.headline.as_deref();
            let id = parse_id(&entry.id)
                .or_else(|| parse_id(&entry_id(headline, &entry.body)))
                .expect("entry_id gives 16 hex digits");
            let stamp = entry.time.as_deref().map(|time| Stamp {
                time: time.into(),
                published: boxed(entry.published.as_deref()),
                zone: boxed(entry.zone.as_deref()),
            });
            let place = (doc, index as u32);
            let variant = match self.by_id.get(&id) {
                Some(&v) => {
                    self.stats.exact_duplicates += 1;
                    let docs = &self.docs;
                    let before = |a: Place, b: Place| {
                        (&docs[a.0 as usize].id, a.1) < (&docs[b.0 as usize].id, b.1)
                    };
                    let known = &mut self.variants[v as usize];
                    if before(place, known.text_from) {
                        known.text_from = place;
                        known.headline = boxed(headline.filter(|h| !h.trim().is_empty()));
                        known.body = entry.body.iter().map(|p| Box::from(&**p)).collect();
                        known.chars = entry.body.iter().map(|p| p.len() as u32).sum();
                    }
                    if entry.author.is_some()
                        && (known.author.is_none() || before(place, known.author_from))
                    {
                        known.author = boxed(entry.author.as_deref());
                        known.author_from = place;
                    }
                    if stamp.is_some() && (known.stamp.is_none() || before(place, known.stamp_from))
                    {
                        known.stamp = stamp;
                        known.stamp_from = place;
                    }
                    v
                }
                None => {
                    let v = u32::try_from(self.variants.len()).expect("fewer than 2^32 entries");
                    self.variants.push(Variant::new(
                        id,
                        headline,
                        entry.author.as_deref(),
                        stamp,
                        &entry.body,
                        place,
                    ));
                    self.by_id.insert(id, v);
                    v
                }
            };
            self.copies.push(Copy {
                variant,
                doc,
                index: index as u32,
                span: entry.span,
                published: boxed(entry.published.as_deref()),
            });
            self.stats.copies += 1;
        }
        true
    }

    /// Merges everything added into the timeline.
    pub fn finish(self) -> Timeline {
        Finisher::new(self).run()
    }
}

impl Variant {
    fn new<S: AsRef<str>>(
        id: u64,
        headline: Option<&str>,
        author: Option<&str>,
        stamp: Option<Stamp>,
        body: &[S],
        place: Place,
    ) -> Variant {
        let mut words = Vec::new();
        let headline = headline.filter(|h| !h.trim().is_empty());
        if let Some(headline) = headline {
            text::word_hashes(headline, &mut words);
        }
        let headline_words = words.len();
        let mut paragraphs = Vec::with_capacity(body.len());
        let mut chars = 0usize;
        for paragraph in body {
            let paragraph = paragraph.as_ref();
            chars += paragraph.len();
            let start = words.len();
            let n = text::word_hashes(paragraph, &mut words);
            paragraphs.push(if n == 0 {
                0
            } else {
                words_hash(&words[start..])
            });
        }
        let body_words = &words[headline_words..];
        let sketch = sketch::signature(&text::shingles(&words));
        Variant {
            id,
            headline: boxed(headline),
            author: boxed(author),
            stamp,
            body: body.iter().map(|p| Box::from(p.as_ref())).collect(),
            paragraphs: paragraphs.into(),
            words: words.len() as u32,
            chars: chars as u32,
            body_hash: (body_words.len() >= MIN_BODY_WORDS).then(|| words_hash(body_words)),
            sketch,
            text_from: place,
            author_from: place,
            stamp_from: place,
        }
    }

    fn shingle_set(&self) -> Vec<u64> {
        shingle_set(&entry_words(self.headline.as_deref(), &self.body))
    }
}

/// The state of [`Merger::finish`].
struct Finisher {
    options: MergeOptions,
    docs: Vec<Doc>,
    variants: Vec<Variant>,
    copies: Vec<Copy>,
    stats: MergeStats,
    uf: UnionFind,
    /// The rank of each document when sorted by id.
    doc_rank: Vec<u32>,
}

impl Finisher {
    fn new(merger: Merger) -> Finisher {
        let Merger {
            options,
            docs,
            variants,
            copies,
            stats,
            ..
        } = merger;
        let mut by_id: Vec<u32> = (0..docs.len() as u32).collect();
        by_id.sort_by(|&a, &b| docs[a as usize].id.cmp(&docs[b as usize].id));
        let mut doc_rank = vec![0u32; docs.len()];
        for (rank, &d) in by_id.iter().enumerate() {
            doc_rank[d as usize] = rank as u32;
        }
        Finisher {
            options,
            uf: UnionFind::new(variants.len()),
            docs,
            variants,
            copies,
            stats,
            doc_rank,
        }
    }

    fn run(mut self) -> Timeline {
        self.join_equal_bodies();
        if self.options.threshold <= 1.0 {
            self.join_near_duplicates();
        }

        // Clusters, numbered in order of their smallest variant.
        let mut cluster_of = vec![u32::MAX; self.variants.len()];
        let mut members: Vec<Vec<u32>> = Vec::new();
        for v in 0..self.variants.len() as u32 {
            let root = self.uf.find(v);
            if cluster_of[root as usize] == u32::MAX {
                cluster_of[root as usize] = members.len() as u32;
                members.push(Vec::new());
            }
            let c = cluster_of[root as usize];
            cluster_of[v as usize] = c;
            members[c as usize].push(v);
        }
        self.stats.near_duplicates = self.variants.len() - members.len();

        let mut first_seen = vec![(u32::MAX, u32::MAX); self.variants.len()];
        let mut cluster_copies: Vec<Vec<u32>> = vec![Vec::new(); members.len()];
        for (k, copy) in self.copies.iter().enumerate() {
            let seen = (self.doc_rank[copy.doc as usize], copy.index);
            let first = &mut first_seen[copy.variant as usize];
            *first = (*first).min(seen);
            cluster_copies[cluster_of[copy.variant as usize] as usize].push(k as u32);
        }
        // The preferred version first: longest (words, then bytes of body),
        // then with a headline, then first seen.
        for list in &mut members {
            list.sort_by_key(|&v| {
                let variant = &self.variants[v as usize];
                (
                    Reverse(variant.words),
                    Reverse(variant.chars),
                    Reverse(variant.headline.is_some()),
                    first_seen[v as usize],
                )
            });
        }

        let ledes = if self.options.recover_ledes {
            self.recover_ledes(&members, &cluster_of)
        } else {
            Vec::new()
        };
        self.stats.ledes_recovered = ledes.len();
        let mut cluster_ledes: Vec<Vec<&Lede>> = vec![Vec::new(); members.len()];
        for lede in &ledes {
            cluster_ledes[lede.cluster as usize].push(lede);
        }

        let entries: Vec<MergedEntry> = members
            .iter()
            .zip(&cluster_copies)
            .zip(&cluster_ledes)
            .map(|((members, copies), ledes)| self.compose(members, copies, ledes))
            .collect();
        self.stats.headlines_recovered = entries
            .iter()
            .zip(&members)
            .filter(|(e, m)| {
                e.headline.is_some() && self.variants[m[0] as usize].headline.is_none()
            })
            .count();
        self.stats.entries = entries.len();

        // Order: newest first, then reversed for oldest first.
        let order = self.order(&entries, &cluster_of);
        let mut slots: Vec<Option<MergedEntry>> = entries.into_iter().map(Some).collect();
        let mut entries: Vec<MergedEntry> = order
            .into_iter()
            .map(|c| slots[c as usize].take().expect("a permutation"))
            .collect();
        if self.options.order == Order::Oldest {
            entries.reverse();
        }

        let (blogs, doc_blog) = self.blogs(&entries);
        let blog_index: HashMap<&str, usize> = self
            .docs
            .iter()
            .enumerate()
            .map(|(d, doc)| (doc.id.as_str(), doc_blog[d]))
            .collect();
        for entry in &mut entries {
            entry.blog = entry
                .sources
                .first()
                .map_or(0, |s| blog_index[s.document.as_str()]);
        }

        let documents = self
            .docs
            .into_iter()
            .zip(doc_blog)
            .map(|(doc, blog)| DocumentInfo {
                id: doc.id,
                source: doc.source,
                date: doc.date,
                title: doc.title,
                standfirst: doc.standfirst,
                summary: doc.summary,
                entries: doc.entries,
                blog,
            })
            .collect();

        Timeline {
            order: self.options.order,
            threshold: self.options.threshold,
            documents,
            blogs,
            entries,
            stats: self.stats,
        }
    }

    /// The newest-first order of the clusters (indices into `entries`).
    ///
    /// 1. `seq`: a merge of the page orders. Every page lists its entries
    ///    newest first, so an entry above another on a page is newer; the
    ///    clusters are sorted topologically by these constraints, taking
    ///    among the entries free to come next the one seen first (smallest
    ///    document id, then position). Contradictory pages (a cycle) are
    ///    resolved the same way.
    /// 2. The time of an entry: its `published`; without one, the time of
    ///    the nearest entry below it on its first page that has one (it is
    ///    newer than that entry, and sorts just above it); else the date of
    ///    its pages, with no time; else that of the nearest entry below with
    ///    a date, then above; else none.
    /// 3. Sorted by day (latest first, none last), time of day (latest
    ///    first, none last), then `seq`.
    fn order(&self, entries: &[MergedEntry], cluster_of: &[u32]) -> Vec<u32> {
        use std::collections::BinaryHeap;

        let n = entries.len();
        // Page order: the copies were added page by page, in page order.
        let mut first_place = vec![(u32::MAX, u32::MAX); n];
        let mut successors: Vec<Vec<u32>> = vec![Vec::new(); n];
        let mut indegree = vec![0u32; n];
        for (k, copy) in self.copies.iter().enumerate() {
            let c = cluster_of[copy.variant as usize];
            let place = (self.doc_rank[copy.doc as usize], copy.index);
            first_place[c as usize] = first_place[c as usize].min(place);
            if let Some(next) = self.copies.get(k + 1).filter(|next| next.doc == copy.doc) {
                let d = cluster_of[next.variant as usize];
                if d != c {
                    successors[c as usize].push(d);
                    indegree[d as usize] += 1;
                }
            }
        }
        let mut by_place: Vec<u32> = (0..n as u32).collect();
        by_place.sort_by_key(|&c| (first_place[c as usize], c));
        let mut heap: BinaryHeap<Reverse<((u32, u32), u32)>> = (0..n as u32)
            .filter(|&c| indegree[c as usize] == 0)
            .map(|c| Reverse((first_place[c as usize], c)))
            .collect();
        let mut seq = vec![u32::MAX; n];
        let mut next_forced = 0;
        for position in 0..n as u32 {
            let c = loop {
                match heap.pop() {
                    Some(Reverse((_, c))) if seq[c as usize] == u32::MAX => break c,
                    Some(_) => continue,
                    None => {
                        // A cycle: take the first-seen entry left.
                        while seq[by_place[next_forced] as usize] != u32::MAX {
                            next_forced += 1;
                        }
                        break by_place[next_forced];
                    }
                }
            };
            seq[c as usize] = position;
            for &d in &successors[c as usize] {
                indegree[d as usize] = indegree[d as usize].saturating_sub(1);
                if indegree[d as usize] == 0 && seq[d as usize] == u32::MAX {
                    heap.push(Reverse((first_place[d as usize], d)));
                }
            }
        }

        // Times, inherited from below on each entry's first page.
        let own: Vec<(Option<&str>, Option<&str>)> = entries
            .iter()
            .map(|e| match e.published.as_deref() {
                Some(p) if p.len() >= 10 => (p.get(..10), p.get(11..)),
                _ => (e.day.as_deref(), None),
            })
            .collect();
        let mut time = own.clone();
        let mut below_timed: Option<(Option<&str>, Option<&str>)> = None;
        let mut below_dated: Option<&str> = None;
        for (k, copy) in self.copies.iter().enumerate().rev() {
            if self
                .copies
                .get(k + 1)
                .is_none_or(|next| next.doc != copy.doc)
            {
                below_timed = None;
                below_dated = None;
            }
            let c = cluster_of[copy.variant as usize] as usize;
            let place = (self.doc_rank[copy.doc as usize], copy.index);
            if place == first_place[c] && own[c].1.is_none() {
                time[c] = match (below_timed, own[c].0, below_dated) {
                    (Some(t), _, _) => t,
                    (None, Some(day), _) => (Some(day), None),
                    (None, None, Some(day)) => (Some(day), None),
                    (None, None, None) => (None, None),
                };
            }
            if own[c].1.is_some() {
                below_timed = Some(own[c]);
            }
            if let Some(day) = own[c].0 {
                below_dated = Some(day);
            }
        }

        // Still nothing: the date of the nearest dated entry above (it is
        // older than that entry).
        let mut above_dated: Option<&str> = None;
        for (k, copy) in self.copies.iter().enumerate() {
            if k == 0 || self.copies[k - 1].doc != copy.doc {
                above_dated = None;
            }
            let c = cluster_of[copy.variant as usize] as usize;
            let place = (self.doc_rank[copy.doc as usize], copy.index);
            if place == first_place[c] && time[c].0.is_none() {
                time[c] = (above_dated, None);
            }
            if let Some(day) = time[c].0 {
                above_dated = Some(day);
            }
        }

        fn later_first(a: Option<&str>, b: Option<&str>) -> Ordering {
            match (a, b) {
                (Some(a), Some(b)) => b.cmp(a),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            }
        }
        let mut order: Vec<u32> = (0..n as u32).collect();
        order.sort_by(|&a, &b| {
            let (ta, tb) = (time[a as usize], time[b as usize]);
            later_first(ta.0, tb.0)
                .then_with(|| later_first(ta.1, tb.1))
                .then(seq[a as usize].cmp(&seq[b as usize]))
        });
        order
    }

    /// Copies with the same body words (at least [`MIN_BODY_WORDS`]) are the
    /// same entry, whatever their headlines: this is what joins a copy that
    /// lost its headline to one that has it, however short the body.
    fn join_equal_bodies(&mut self) {
        let mut first: HashMap<u64, u32> = HashMap::new();
        for (v, variant) in self.variants.iter().enumerate() {
            if let Some(hash) = variant.body_hash {
                match first.get(&hash) {
                    Some(&w) => {
                        self.uf.union(w, v as u32);
                    }
                    None => {
                        first.insert(hash, v as u32);
                    }
                }
            }
        }
    }

    /// LSH banding: for each band, sort the signatures' band keys and
    /// compare each entry of a bucket with the bucket's first entry and with
    /// its predecessor.
    fn join_near_duplicates(&mut self) {
        // In the order of their ids, so that the result does not depend on
        // the order the documents were added.
        let mut sketched: Vec<u32> = (0..self.variants.len() as u32)
            .filter(|&v| self.variants[v as usize].sketch.is_some())
            .collect();
        sketched.sort_by_key(|&v| self.variants[v as usize].id);
        let mut keys: Vec<(u64, u32)> = Vec::with_capacity(sketched.len());
        let mut cache = ShingleCache::default();
        for band in 0..BANDS {
            keys.clear();
            keys.extend(sketched.iter().enumerate().map(|(rank, &v)| {
                let sig = self.variants[v as usize]
                    .sketch
                    .as_deref()
                    .expect("sketched");
                (sketch::band_key(sig, band), rank as u32)
            }));
            keys.sort_unstable();
            let mut start = 0;
            while start < keys.len() {
                let mut end = start + 1;
                while end < keys.len() && keys[end].0 == keys[start].0 {
                    end += 1;
                }
                let anchor = sketched[keys[start].1 as usize];
                for k in start + 1..end {
                    let v = sketched[keys[k].1 as usize];
                    self.try_join(anchor, v, &mut cache);
                    let previous = sketched[keys[k - 1].1 as usize];
                    if previous != anchor {
                        self.try_join(previous, v, &mut cache);
                    }
                }
                start = end;
            }
        }
    }

    fn try_join(&mut self, a: u32, b: u32, cache: &mut ShingleCache) {
        if self.uf.find(a) == self.uf.find(b) {
            return;
        }
        let (va, vb) = (&self.variants[a as usize], &self.variants[b as usize]);
        let (Some(sa), Some(sb)) = (va.sketch.as_deref(), vb.sketch.as_deref()) else {
            return;
        };
        let threshold = self.options.threshold;
        if sketch::estimate(sa, sb) < threshold - ESTIMATE_MARGIN {
            return;
        }
        let similarity = text::jaccard(cache.get(a, va), &vb.shingle_set());
        if similarity >= threshold {
            self.uf.union(a, b);
        }
    }

    /// Finds, in each document's lede, runs of paragraphs that repeat the
    /// body of a headlined entry.
    fn recover_ledes(&self, members: &[Vec<u32>], cluster_of: &[u32]) -> Vec<Lede> {
        let mut scratch = Vec::new();
        let summaries: Vec<Vec<Option<u64>>> = self
            .docs
            .iter()
            .map(|doc| {
                doc.summary
                    .iter()
                    .map(|p| paragraph_hash(p, &mut scratch))
                    .collect()
            })
            .collect();
        let wanted: HashSet<u64> = summaries.iter().flatten().flatten().copied().collect();
        if wanted.is_empty() {
            return Vec::new();
        }
        let headlined: Vec<bool> = members
            .iter()
            .map(|m| {
                m.iter()
                    .any(|&v| self.variants[v as usize].headline.is_some())
            })
            .collect();
        // Paragraph hash -> (variant, paragraph index), for wanted hashes only.
        let mut index: HashMap<u64, Vec<(u32, u32)>> = HashMap::new();
        for (v, variant) in self.variants.iter().enumerate() {
            if !headlined[cluster_of[v] as usize] {
                continue;
            }
            for (j, &hash) in variant.paragraphs.iter().enumerate() {
                if hash != 0 && wanted.contains(&hash) {
                    index.entry(hash).or_default().push((v as u32, j as u32));
                }
            }
        }

        let mut ledes = Vec::new();
        for (d, hashes) in summaries.iter().enumerate() {
            let summary = &self.docs[d].summary;
            let mut floor = 0; // end of the previous run
            let mut i = 0;
            while i < hashes.len() {
                let mut best: Option<(usize, usize, u32, u64)> = None; // (start, end, cluster, seed id)
                if let Some(seeds) = hashes[i].and_then(|h| index.get(&h)) {
                    for &(v, j) in seeds {
                        let variant = &self.variants[v as usize];
                        let similar = |s: usize, b: usize| {
                            similar_paragraphs(
                                &summary[s],
                                hashes[s],
                                &variant.body[b],
                                variant.paragraphs[b],
                                self.options.threshold,
                            )
                        };
                        let (mut i0, mut j0) = (i, j as usize);
                        while i0 > floor && j0 > 0 && similar(i0 - 1, j0 - 1) {
                            i0 -= 1;
                            j0 -= 1;
                        }
                        let (mut i1, mut j1) = (i + 1, j as usize + 1);
                        while i1 < hashes.len() && j1 < variant.body.len() && similar(i1, j1) {
                            i1 += 1;
                            j1 += 1;
                        }
                        let run = i1 - i0;
                        let body = variant.paragraphs.iter().filter(|&&h| h != 0).count();
                        let words: usize = summary[i0..i1]
                            .iter()
                            .map(|p| text::word_hashes(p, &mut scratch))
                            .sum();
                        scratch.clear();
                        let accepted = (run >= body || (run >= 2 && 2 * run >= body))
                            && words >= MIN_BODY_WORDS;
                        let cluster = cluster_of[v as usize];
                        let better = match best {
                            None => true,
                            Some((s, e, _, id)) => {
                                (run, Reverse(variant.id)) > (e - s, Reverse(id))
                            }
                        };
                        if accepted && better {
                            best = Some((i0, i1, cluster, variant.id));
                        }
                    }
                }
                match best {
                    Some((start, end, cluster, _)) => {
                        ledes.push(Lede {
                            cluster,
                            doc: d as u32,
                            paragraphs: [start, end],
                        });
                        floor = end;
                        i = end;
                    }
                    None => i += 1,
                }
            }
        }
        ledes
    }

    /// The merged entry of one cluster (members in order of preference).
    fn compose(&self, members: &[u32], copies: &[u32], ledes: &[&Lede]) -> MergedEntry {
        let variant = |v: u32| &self.variants[v as usize];
        let chosen = variant(members[0]);
        let headline = members.iter().find_map(|&v| variant(v).headline.as_deref());
        let author = members.iter().find_map(|&v| variant(v).author.as_deref());
        let stamp = members.iter().find_map(|&v| variant(v).stamp.as_ref());

        let mut sources: Vec<(u32, Source)> = Vec::with_capacity(copies.len() + ledes.len());
        for &k in copies {
            let copy = &self.copies[k as usize];
            sources.push((
                copy.doc,
                Source {
                    document: self.docs[copy.doc as usize].id.clone(),
                    id: hex(variant(copy.variant).id),
                    role: Role::Entry,
                    index: copy.index as usize,
                    span: Some(copy.span),
                    paragraphs: None,
                    published: copy.published.as_deref().map(String::from),
                },
            ));
        }
        for lede in ledes {
            let paragraphs =
                &self.docs[lede.doc as usize].summary[lede.paragraphs[0]..lede.paragraphs[1]];
            sources.push((
                lede.doc,
                Source {
                    document: self.docs[lede.doc as usize].id.clone(),
                    id: entry_id(None, paragraphs),
                    role: Role::Summary,
                    index: lede.paragraphs[0],
                    span: None,
                    paragraphs: Some(lede.paragraphs),
                    published: None,
                },
            ));
        }
        sources.sort_by(|(da, a), (db, b)| {
            (self.doc_rank[*da as usize], a.role, a.index).cmp(&(
                self.doc_rank[*db as usize],
                b.role,
                b.index,
            ))
        });

        let id = hex(chosen.id);
        let mut ids = vec![id.clone()];
        for (_, source) in &sources {
            if !ids.contains(&source.id) {
                ids.push(source.id.clone());
            }
        }
        let first_published = copies
            .iter()
            .filter_map(|&k| self.copies[k as usize].published.as_deref())
            .min()
            .map(String::from);
        let last_published = copies
            .iter()
            .filter_map(|&k| self.copies[k as usize].published.as_deref())
            .max()
            .map(String::from);
        let published = stamp.and_then(|s| s.published.as_deref());
        let day = published
            .and_then(|p| p.get(..10))
            .map(String::from)
            .or_else(|| {
                sources
                    .iter()
                    .filter_map(|(d, _)| self.docs[*d as usize].date.as_deref())
                    .min()
                    .map(String::from)
            });

        MergedEntry {
            id,
            headline: headline.map(String::from),
            author: author.map(String::from),
            time: stamp.map(|s| s.time.to_string()),
            published: published.map(String::from),
            zone: stamp.and_then(|s| s.zone.as_deref()).map(String::from),
            body: chosen.body.iter().map(|p| p.to_string()).collect(),
            versions: sources.len(),
            first_published,
            last_published,
            ids,
            sources: sources.into_iter().map(|(_, s)| s).collect(),
            blog: 0,
            day,
            sketch: chosen.sketch.clone().map(Sketch),
        }
    }

    /// Groups documents into blogs: documents sharing an entry, a lede
    /// paragraph of [`MIN_BODY_WORDS`] words or their title are one blog.
    fn blogs(&self, entries: &[MergedEntry]) -> (Vec<Blog>, Vec<usize>) {
        let mut uf = UnionFind::new(self.docs.len());
        let index: HashMap<&str, u32> = self
            .docs
            .iter()
            .enumerate()
            .map(|(d, doc)| (doc.id.as_str(), d as u32))
            .collect();
        for entry in entries {
            let mut docs = entry.sources.iter().map(|s| index[s.document.as_str()]);
            if let Some(first) = docs.next() {
                for d in docs {
                    uf.union(first, d);
                }
            }
        }
        let mut seen: HashMap<u64, u32> = HashMap::new();
        let mut words = Vec::new();
        for (d, doc) in self.docs.iter().enumerate() {
            let texts = doc.summary.iter().map(|p| (p.as_str(), MIN_BODY_WORDS));
            let title = doc.title.as_deref().map(|t| (t, 1));
            for (k, (text, min_words)) in title.into_iter().chain(texts).enumerate() {
                words.clear();
                if text::word_hashes(text, &mut words) >= min_words {
                    // Titles and paragraphs never match each other.
                    let hash = words_hash(&words) ^ u64::from(k == 0 && doc.title.is_some());
                    match seen.get(&hash) {
                        Some(&other) => {
                            uf.union(other, d as u32);
                        }
                        None => {
                            seen.insert(hash, d as u32);
                        }
                    }
                }
            }
        }

        // Blogs sorted by id (their smallest document id).
        let mut groups: HashMap<u32, Vec<u32>> = HashMap::new();
        for d in 0..self.docs.len() as u32 {
            groups.entry(uf.find(d)).or_default().push(d);
        }
        let mut groups: Vec<Vec<u32>> = groups.into_values().collect();
        for group in &mut groups {
            group.sort_by(|&a, &b| self.docs[a as usize].id.cmp(&self.docs[b as usize].id));
        }
        groups.sort_by(|a, b| {
            self.docs[a[0] as usize]
                .id
                .cmp(&self.docs[b[0] as usize].id)
        });

        let mut doc_blog = vec![0usize; self.docs.len()];
        let blogs = groups
            .iter()
            .enumerate()
            .map(|(b, group)| {
                for &d in group {
                    doc_blog[d as usize] = b;
                }
                let latest = group
                    .iter()
                    .map(|&d| &self.docs[d as usize])
                    .filter(|doc| doc.title.is_some())
                    .max_by(|x, y| (&x.date, &x.id).cmp(&(&y.date, &y.id)));
                Blog {
                    id: self.docs[group[0] as usize].id.clone(),
                    documents: group
                        .iter()
                        .map(|&d| self.docs[d as usize].id.clone())
                        .collect(),
                    title: latest.and_then(|doc| doc.title.clone()),
                    standfirst: latest.and_then(|doc| doc.standfirst.clone()),
                }
            })
            .collect();
        (blogs, doc_blog)
    }
}

/// Whether a lede paragraph and a body paragraph are the same paragraph:
/// equal words, or similar 3-word shingles.
fn similar_paragraphs(
    lede: &str,
    lede_hash: Option<u64>,
    body: &str,
    body_hash: u64,
    threshold: f64,
) -> bool {
    match lede_hash {
        None => false,
        Some(h) if h == body_hash => true,
        Some(_) => {
            let a = shingle_set(&entry_words(None, &[lede]));
            let b = shingle_set(&entry_words(None, &[body]));
            a.len() >= sketch::MIN_SHINGLES && text::jaccard(&a, &b) >= threshold
        }
    }
}

/// Keeps the shingle set of the last anchor, which is compared with every
/// member of its bucket.
#[derive(Default)]
struct ShingleCache {
    variant: Option<u32>,
    set: Vec<u64>,
}

impl ShingleCache {
    fn get(&mut self, v: u32, variant: &Variant) -> &[u64] {
        if self.variant != Some(v) {
            self.set = variant.shingle_set();
            self.variant = Some(v);
        }
        &self.set
    }
}
