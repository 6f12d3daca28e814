//! A generator of **synthetic** scraped live blogs with planted duplicates,
//! and the scorer that measures a merge against them.
//!
//! Everything here is made up: the words are invented syllable strings drawn
//! from a Zipf distribution, so the text looks nothing like news but has
//! the statistics that matter to shingling (frequent function words, rare
//! content words). It exists to measure precision, recall and speed at
//! scales no hand-made fixture reaches.
//!
//! # The simulation
//!
//! Each blog gets posts one at a time (a headline, an author, a time and 2–5
//! paragraphs; a tenth of the posts have no headline). Now and then it is
//! scraped: the newest 20, 40 or 60 posts, in pages of 20 (one [`Document`]
//! per page, newest first). So a post is seen on several pages: usually as
//! an **exact duplicate**, but a quarter of the posts are **edited** after a
//! while (a word or two changed, a sentence added, a paragraph split), and a
//! copy sometimes **loses its headline**. Those are the planted
//! near-duplicates. Hard negatives are planted too: follow-up posts that
//! quote a paragraph of an earlier post, and a stock sentence appended to
//! many posts. The first page of some scrapes has a **lede** that repeats
//! the body of one of its posts. The ground truth is which post each entry
//! (and each planted lede run) is a copy of.
//!
//! ```
//! use tidings_merge::{synthetic, Merger};
//!
//! let planted = synthetic::planted(2_000, 7);
//! let mut merger = Merger::default();
//! for document in &planted.documents {
//!     merger.add(document);
//! }
//! let score = planted.truth.score(&merger.finish());
//! assert!(score.near_precision() >= 0.99 && score.near_recall() >= 0.99);
//! ```

use std::collections::HashMap;

use tidings_export::{entry_id, Document, Entry};

use crate::timeline::{Role, Timeline};

/// A small, fast, seedable generator (xoshiro256**), so that the same seed
/// gives the same data on every platform.
#[derive(Debug, Clone)]
struct Rng([u64; 4]);

impl Rng {
    fn new(seed: u64) -> Rng {
        let mut state = seed;
        let mut next = || {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        };
        Rng([next(), next(), next(), next()])
    }

    fn next_u64(&mut self) -> u64 {
        let s = &mut self.0;
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
}

/// Invented words and their Zipf weights.
#[derive(Debug)]
struct Vocabulary {
    words: Vec<String>,
    /// Cumulative weights, for sampling by binary search.
    cumulative: Vec<f64>,
}

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ne", "ru", "ta", "vo", "si", "de", "pa", "gru", "sto", "len", "mar", "tik",
    "bel", "dor", "fen", "hal", "jur", "kor", "lin", "mos", "nar", "ost", "pir", "quo", "ras",
    "sul", "tev", "ul", "vin", "wes", "yar", "zo", "an", "er", "is", "om", "ub",
];

impl Vocabulary {
    fn new(rng: &mut Rng, size: usize) -> Vocabulary {
        let mut seen = std::collections::HashSet::new();
        let mut words = Vec::with_capacity(size);
        while words.len() < size {
            // Frequent words are short, like function words.
            let syllables = if words.len() < 30 { 1 } else { rng.range(2, 4) };
            let word: String = (0..syllables)
                .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
                .collect();
            if seen.insert(word.clone()) {
                words.push(word);
            }
        }
        let mut total = 0.0;
        let cumulative = (1..=size)
            .map(|rank| {
                total += 1.0 / (rank as f64).powf(1.05);
                total
            })
            .collect();
        Vocabulary { words, cumulative }
    }

    fn word(&self, rng: &mut Rng) -> &str {
        let total = *self.cumulative.last().expect("not empty");
        let x = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * total;
        let i = self.cumulative.partition_point(|&c| c < x);
        &self.words[i.min(self.words.len() - 1)]
    }

    fn sentence(&self, rng: &mut Rng, lo: usize, hi: usize) -> String {
        let n = rng.range(lo, hi);
        let mut s = String::new();
        for k in 0..n {
            let word = self.word(rng);
            if k == 0 {
                let mut chars = word.chars();
                if let Some(first) = chars.next() {
                    s.extend(first.to_uppercase());
                    s.push_str(chars.as_str());
                }
            } else {
                s.push(' ');
                s.push_str(word);
            }
            if k + 1 < n && k > 2 && rng.chance(0.06) {
                s.push(',');
            }
        }
        s.push('.');
        s
    }

    fn paragraph(&self, rng: &mut Rng) -> String {
        let sentences = rng.range(1, 3);
        (0..sentences)
            .map(|_| self.sentence(rng, 7, 16))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

const AUTHORS: &[&str] = &[
    "Ada Quill",
    "Bram Ostrow",
    "Cleo Marsh",
    "Dev Anand",
    "Esme Vale",
    "Fin Roth",
    "Gia Lund",
    "Hugo Paz",
    "Ines Kaur",
    "Jon Brede",
    "Kit Alvar",
    "Lena Sato",
    "Milo Grant",
    "Nia Obi",
];

/// The stock sentence appended to some posts (a hard negative: distinct
/// posts sharing text).
const STOCK: &str = "Follow our live coverage for the latest updates as they come in.";

/// One post of a blog, with the versions it goes through.
#[derive(Debug, Clone)]
struct Post {
    /// The ground-truth cluster.
    truth: u32,
    author: &'static str,
    published: String,
    time: String,
    /// Versions in order; a version is the body.
    versions: Vec<(Option<String>, Vec<String>)>,
    /// After how many later posts each version after the first appears.
    edits_after: Vec<usize>,
}

/// One page of planted data: a document and the truth about its entries.
#[derive(Debug, Clone)]
pub struct PlantedDocument {
    /// The page.
    pub document: Document<'static>,
    /// For each entry of the page, the post (ground-truth cluster) it is a
    /// copy of.
    pub truth: Vec<u32>,
    /// The planted lede runs: `[first, end)` summary paragraphs and the post
    /// they repeat.
    pub ledes: Vec<([usize; 2], u32)>,
}

/// A stream of planted pages, see [`stream`].
#[derive(Debug)]
pub struct Stream {
    rng: Rng,
    vocabulary: Vocabulary,
    remaining: usize,
    next_truth: u32,
    next_doc: usize,
    blog: usize,
    pending: std::collections::VecDeque<PlantedDocument>,
}

/// Planted pages with about `entries` entries in all (exactly `entries`
/// unless that is 0), generated lazily: use it to merge more entries than
/// fit in memory as documents.
pub fn stream(entries: usize, seed: u64) -> Stream {
    let mut rng = Rng::new(seed);
    let vocabulary = Vocabulary::new(&mut rng, 20_000);
    Stream {
        rng,
        vocabulary,
        remaining: entries,
        next_truth: 0,
        next_doc: 0,
        blog: 0,
        pending: Default::default(),
    }
}

impl Iterator for Stream {
    type Item = PlantedDocument;

    fn next(&mut self) -> Option<PlantedDocument> {
        while self.pending.is_empty() && self.remaining > 0 {
            self.blog();
        }
        self.pending.pop_front()
    }
}

impl Stream {
    fn new_post(&mut self, posts: &[Post], minute: usize, day: &str) -> Post {
        let rng = &mut self.rng;
        let vocabulary = &self.vocabulary;
        let truth = self.next_truth;
        self.next_truth += 1;
        let headline = rng.chance(0.9).then(|| {
            vocabulary
                .sentence(rng, 5, 11)
                .trim_end_matches('.')
                .to_string()
        });
        let mut body: Vec<String> = (0..rng.range(2, 5))
            .map(|_| vocabulary.paragraph(rng))
            .collect();
        if !posts.is_empty() && rng.chance(0.05) {
            // A follow-up quoting a paragraph of an earlier post.
            let earlier = &posts[rng.below(posts.len())].versions[0].1;
            let quoted = earlier[rng.below(earlier.len())].clone();
            body.insert(1.min(body.len()), quoted);
        }
        if rng.chance(0.1) {
            body.push(STOCK.to_string());
        }
        let (hours, minutes) = ((minute / 60) % 24, minute % 60);
        let time = format!("{hours:02}:{minutes:02}");
        let mut versions = vec![(headline.clone(), body)];
        let mut edits_after = Vec::new();
        let edits = if rng.chance(0.25) {
            1 + usize::from(rng.chance(0.2))
        } else {
            0
        };
        for _ in 0..edits {
            let (h, mut b) = versions.last().expect("one version").clone();
            match rng.below(4) {
                0 | 1 => {
                    // A word or two changed.
                    for _ in 0..rng.range(1, 2) {
                        let p = rng.below(b.len());
                        let mut words: Vec<String> = b[p].split(' ').map(String::from).collect();
                        let w = rng.below(words.len());
                        let replacement = vocabulary.word(rng).to_string();
                        let punctuation: String =
                            words[w].chars().filter(|c| !c.is_alphanumeric()).collect();
                        words[w] = replacement + &punctuation;
                        b[p] = words.join(" ");
                    }
                }
                2 => {
                    // A sentence added.
                    let sentence = vocabulary.sentence(rng, 8, 18);
                    if rng.chance(0.5) {
                        b.push(sentence);
                    } else {
                        let p = rng.below(b.len());
                        b[p] = format!("{} {sentence}", b[p]);
                    }
                }
                _ => {
                    // A paragraph split in two and a word changed.
                    let p = rng.below(b.len());
                    if let Some(cut) = b[p].find(". ") {
                        let (first, rest) = b[p].split_at(cut + 1);
                        let (first, rest) = (first.to_string(), rest.trim().to_string());
                        b[p] = first;
                        b.insert(p + 1, rest);
                    }
                    let p = rng.below(b.len());
                    b[p] = format!("{} {}", vocabulary.word(rng), b[p]);
                }
            }
            versions.push((h, b));
            edits_after.push(rng.range(1, 30));
        }
        Post {
            truth,
            author: AUTHORS[rng.below(AUTHORS.len())],
            published: format!("{day}T{time}:00"),
            time,
            versions,
            edits_after,
        }
    }

    /// Simulates one blog: posts arrive, scrapes take the newest pages.
    fn blog(&mut self) {
        self.blog += 1;
        let rng = &mut self.rng;
        let total_posts = rng.range(30, 300);
        let day = format!("2025-{:02}-{:02}", rng.range(1, 12), rng.range(1, 28));
        let dated = rng.chance(0.5);
        let title = format!(
            "Live: {}",
            self.vocabulary.sentence(rng, 4, 9).trim_end_matches('.')
        );
        let mut start_minute = rng.range(0, 600);
        let mut posts: Vec<Post> = Vec::new();
        let mut next_scrape = rng.range(5, 25);
        while posts.len() < total_posts && self.remaining > 0 {
            let post = self.new_post(&posts, start_minute, &day);
            start_minute += self.rng.range(1, 6);
            posts.push(post);
            if posts.len() >= next_scrape || posts.len() == total_posts {
                self.scrape(&posts, &title, dated.then_some(day.as_str()));
                next_scrape = posts.len() + self.rng.range(5, 25);
            }
        }
    }

    /// One scrape: up to three pages of twenty entries, newest first.
    fn scrape(&mut self, posts: &[Post], title: &str, date: Option<&str>) {
        let rng = &mut self.rng;
        let pages = rng.range(1, 3);
        let newest: Vec<usize> = (0..posts.len()).rev().take(pages * 20).collect();
        for (page, chunk) in newest.chunks(20).enumerate() {
            if self.remaining == 0 {
                return;
            }
            let chunk = &chunk[..chunk.len().min(self.remaining)];
            self.remaining -= chunk.len();
            let doc = self.next_doc;
            self.next_doc += 1;
            let mut offset = 200;
            let mut entries = Vec::with_capacity(chunk.len());
            let mut truth = Vec::with_capacity(chunk.len());
            for &p in chunk {
                let post = &posts[p];
                let age = posts.len() - 1 - p;
                let shown = post
                    .edits_after
                    .iter()
                    .filter(|&&after| age >= after)
                    .count();
                let (headline, body) = &post.versions[shown.min(post.versions.len() - 1)];
                // A copy sometimes loses its headline.
                let headline = headline.clone().filter(|_| !rng.chance(0.04));
                let length = headline.as_ref().map_or(0, |h| h.len() + 1)
                    + body.iter().map(|b| b.len() + 1).sum::<usize>()
                    + 40;
                entries.push(Entry {
                    id: entry_id(headline.as_deref(), body).into(),
                    headline: headline.map(Into::into),
                    author: Some(post.author.into()),
                    time: Some(post.time.clone().into()),
                    published: date.map(|_| post.published.clone().into()),
                    zone: None,
                    body: body.iter().map(|b| b.clone().into()).collect(),
                    span: [offset, offset + length],
                });
                truth.push(post.truth);
                offset += length + 1;
            }
            // A lede on some first pages: two paragraphs of its own, and
            // sometimes the body of one of its posts.
            let mut summary: Vec<String> = Vec::new();
            let mut ledes = Vec::new();
            if page == 0 && rng.chance(0.3) {
                summary.push(self.vocabulary.paragraph(rng));
                summary.push(self.vocabulary.paragraph(rng));
                if rng.chance(0.5) && !chunk.is_empty() {
                    let k = rng.below(chunk.len());
                    let post = &posts[chunk[k]];
                    // Only the body of a headlined entry is recovered.
                    if entries[k].headline.is_some() {
                        let start = summary.len();
                        summary.extend(entries[k].body.iter().map(|b| b.to_string()));
                        ledes.push(([start, summary.len()], post.truth));
                    }
                }
            }
            let hash = Rng::new(doc as u64 ^ 0x5eed).next_u64();
            self.pending.push_back(PlantedDocument {
                document: Document {
                    id: format!("{doc:07}_{hash:016x}").into(),
                    source: format!("synthetic/blog{}/{doc:07}.txt", self.blog).into(),
                    date: date.map(|d| d.to_string().into()),
                    title: Some(title.to_string().into()),
                    standfirst: None,
                    summary: summary.into_iter().map(Into::into).collect(),
                    key_points: Vec::new(),
                    entries,
                    removed: None,
                },
                truth,
                ledes,
            });
        }
    }
}

/// Planted pages, all in memory, with their ground truth.
#[derive(Debug, Clone)]
pub struct Planted {
    /// The pages.
    pub documents: Vec<Document<'static>>,
    /// Which post each entry and planted lede is a copy of.
    pub truth: Truth,
}

/// `entries` planted entries (see the [module documentation](self)),
/// generated from `seed`: the same arguments give the same data.
pub fn planted(entries: usize, seed: u64) -> Planted {
    let mut truth = Truth::default();
    let documents = stream(entries, seed)
        .map(|page| {
            truth.record(&page);
            page.document
        })
        .collect();
    Planted { documents, truth }
}

/// The ground truth of planted pages: the post each entry is a copy of.
#[derive(Debug, Clone, Default)]
pub struct Truth {
    entries: HashMap<String, Vec<u32>>,
    ledes: HashMap<(String, usize), (usize, u32)>,
}

impl Truth {
    /// Records the truth of one page.
    pub fn record(&mut self, page: &PlantedDocument) {
        let id = page.document.id.to_string();
        for &([start, end], post) in &page.ledes {
            self.ledes.insert((id.clone(), start), (end, post));
        }
        self.entries.insert(id, page.truth.clone());
    }

    /// Scores a merge of the recorded pages.
    pub fn score(&self, timeline: &Timeline) -> Score {
        // Per merged entry: (post, copy id) of each entry copy.
        let mut score = Score::default();
        let mut truth_groups: HashMap<u32, HashMap<&str, u64>> = HashMap::new();
        let mut found_ledes = 0usize;
        for entry in &timeline.entries {
            let mut by_post: HashMap<u32, HashMap<&str, u64>> = HashMap::new();
            let mut by_id: HashMap<&str, u64> = HashMap::new();
            let mut n = 0u64;
            for source in &entry.sources {
                match source.role {
                    Role::Entry => {
                        let Some(post) = self
                            .entries
                            .get(&source.document)
                            .and_then(|t| t.get(source.index))
                        else {
                            continue;
                        };
                        n += 1;
                        *by_id.entry(&source.id).or_default() += 1;
                        *by_post
                            .entry(*post)
                            .or_default()
                            .entry(&source.id)
                            .or_default() += 1;
                        *truth_groups
                            .entry(*post)
                            .or_default()
                            .entry(&source.id)
                            .or_default() += 1;
                    }
                    Role::Summary => {
                        score.ledes_found += 1;
                        let end = source.paragraphs.map_or(0, |p| p[1]);
                        let planted = self.ledes.get(&(source.document.clone(), source.index));
                        if let Some(&(planted_end, post)) = planted {
                            if planted_end == end && entry_has_post(entry, self, post) {
                                found_ledes += 1;
                            }
                        }
                    }
                }
            }
            score.predicted_pairs += pairs(n);
            let same_id: u64 = by_id.values().map(|&c| pairs(c)).sum();
            score.predicted_near_pairs += pairs(n) - same_id;
            for ids in by_post.values() {
                let total: u64 = ids.values().sum();
                let same: u64 = ids.values().map(|&c| pairs(c)).sum();
                score.true_pairs_found += pairs(total);
                score.true_near_pairs_found += pairs(total) - same;
            }
        }
        for ids in truth_groups.values() {
            let total: u64 = ids.values().sum();
            let same: u64 = ids.values().map(|&c| pairs(c)).sum();
            score.true_pairs += pairs(total);
            score.true_near_pairs += pairs(total) - same;
        }
        score.posts = truth_groups.len();
        score.merged = timeline.entries.len();
        score.ledes_planted = self.ledes.len();
        score.ledes_correct = found_ledes;
        score
    }
}

fn entry_has_post(entry: &crate::MergedEntry, truth: &Truth, post: u32) -> bool {
    entry.sources.iter().any(|s| {
        s.role == Role::Entry
            && truth.entries.get(&s.document).and_then(|t| t.get(s.index)) == Some(&post)
    })
}

fn pairs(n: u64) -> u64 {
    n * n.saturating_sub(1) / 2
}

/// Pairwise precision and recall of a merge against planted truth.
///
/// A *pair* is two entry copies put in one merged entry (predicted) or
/// copies of one post (true). *Near* pairs are the pairs whose two copies
/// have different entry ids: the near-duplicates, which exact matching
/// cannot find.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Score {
    /// Distinct posts (true clusters).
    pub posts: usize,
    /// Merged entries.
    pub merged: usize,
    /// Pairs in the same merged entry.
    pub predicted_pairs: u64,
    /// … and also copies of the same post.
    pub true_pairs_found: u64,
    /// Pairs of copies of the same post.
    pub true_pairs: u64,
    /// Near pairs in the same merged entry.
    pub predicted_near_pairs: u64,
    /// … and also copies of the same post.
    pub true_near_pairs_found: u64,
    /// Near pairs of copies of the same post.
    pub true_near_pairs: u64,
    /// Planted lede runs.
    pub ledes_planted: usize,
    /// Lede runs recognised by the merge.
    pub ledes_found: usize,
    /// Recognised lede runs that are planted ones, with the right post and
    /// extent.
    pub ledes_correct: usize,
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

impl Score {
    /// Of the pairs merged, the fraction that are copies of one post.
    pub fn precision(&self) -> f64 {
        ratio(self.true_pairs_found, self.predicted_pairs)
    }

    /// Of the pairs of copies of one post, the fraction merged.
    pub fn recall(&self) -> f64 {
        ratio(self.true_pairs_found, self.true_pairs)
    }

    /// [`precision`](Score::precision) over near pairs only.
    pub fn near_precision(&self) -> f64 {
        ratio(self.true_near_pairs_found, self.predicted_near_pairs)
    }

    /// [`recall`](Score::recall) over near pairs only.
    pub fn near_recall(&self) -> f64 {
        ratio(self.true_near_pairs_found, self.true_near_pairs)
    }

    /// Of the lede runs recognised, the fraction that are planted ones.
    pub fn lede_precision(&self) -> f64 {
        ratio(self.ledes_correct as u64, self.ledes_found as u64)
    }

    /// Of the planted lede runs, the fraction recognised.
    pub fn lede_recall(&self) -> f64 {
        ratio(self.ledes_correct as u64, self.ledes_planted as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_data() {
        let a = planted(500, 1);
        let b = planted(500, 1);
        assert_eq!(a.documents, b.documents);
        assert_ne!(a.documents, planted(500, 2).documents);
        let entries: usize = a.documents.iter().map(|d| d.entries.len()).sum();
        assert_eq!(entries, 500);
    }

    #[test]
    fn rng_ranges() {
        let mut rng = Rng::new(3);
        for _ in 0..1000 {
            let x = rng.range(2, 5);
            assert!((2..=5).contains(&x));
        }
    }
}
