//! The context passes: chrome known by its shape and its neighbours.
//!
//! No list can name every site's masthead, section menu or byline box:
//! `CNN`, `ITV News`, `Home / News / Sport / Weather`, `UK / World /
//! Climate crisis`, a source label such as `The Independent` on an
//! aggregator's page, or `Kate Morrow` / `Dan Whitby` one per line. A
//! careful reader still knows them at a glance: they are short labels that
//! stand among other labels or next to chrome, and nothing that reads like
//! an article follows them. The context passes put that reading into code,
//! in the spirit of jusText's context smoothing. They run after every line,
//! block and lead rule, and see those rules' verdicts.
//!
//! A pack turns a pass on with a context rule, and the lines the pass drops
//! are reported under that rule's name (the built-in generic pack declares
//! `generic/author-list` and `generic/chrome-run`):
//!
//! ```toml
//! [[rule]]
//! name = "chrome-run"
//! context = "chrome-run"
//! ```
//!
//! # Line shapes
//!
//! Words are the whitespace-separated tokens with at least one letter or
//! digit (`&` and `–` are not words).
//!
//! - A **label** is a line no rule dropped, with a letter, no digit, from 1
//!   to [`MAX_LABEL_WORDS`] words, not ending with sentence punctuation
//!   (`. ! ? … : ; ,`, before any closing quote or bracket), not opening or
//!   closing with a quotation mark, not bullet-marked and not a byline.
//! - A **stamp** is a line with a digit and at most [`STAMP_MAX_WORDS`]
//!   words: `published at 04:12 BST`, `Arpan Rai6 November 2024 04:16`,
//!   `10:22`, `2 hours ago`, `1.` alone above a numbered post.
//! - A **byline** begins with `By ` or `From ` and a capital letter
//!   (`By Jane Smith`, `From CNN's Rachel Kwan`).
//! - A **paragraph** ends with sentence punctuation, or has at least
//!   [`PARAGRAPH_MIN_WORDS`] words (running text cut off by the scraper).
//! - A line is **bullet-marked** when it opens with `•`, `◦`, `▪`, `●`,
//!   `‣`, `·`, `*`, `-`, `–` or `—`, or with a number of one or two digits
//!   and `.` or `)`, followed by a space or nothing (`1.` alone).
//!
//! # `chrome-run`
//!
//! Take each maximal run of consecutive labels. The run is **chrome
//! context** when it starts the page, or touches a dropped line (the line
//! just before or just after it was dropped), or has at least
//! [`MIN_CHROME_RUN`] labels and is not enclosed in content (a kept
//! paragraph, stamp or byline just above it, and a line just below it that
//! makes its last label a heading under rule 1: then it is a list inside a
//! post, such as a line-up). In a run that is chrome context, every label
//! is dropped except
//!
//! 1. a label directly followed by a line no rule dropped that is a
//!    paragraph, a stamp or a byline, or by a bullet-marked line: it is the
//!    heading of what follows (an entry headline, or a list heading such as
//!    `Key events`, which the segmenter needs to see). When the run stands
//!    directly under a kept paragraph, stamp or byline (where a post's
//!    headline stands; not at the page top, not under a title or dropped
//!    chrome), its last label may look past the dropped lines below it to
//!    the next kept line: a headline over a caption or an ad slot is still
//!    a headline;
//! 2. the first label of a run that directly follows a kept stamp or
//!    byline: a time stamp opens a post, so the label under it is the
//!    post's headline;
//! 3. a list heading ([`LIST_HEADINGS`]: `Key events`, `Summary`, `What we
//!    covered here`…), whatever follows it;
//! 4. the page's first line when it names a live page with the word `live`
//!    or `latest` (`Trump news live`, `Ukraine war latest`): it is the
//!    title, however short. (A lone `Live` is dropped by a status rule
//!    before this pass runs.)
//!
//! A run that is not chrome context is kept whole. Stamps, bylines and
//! paragraphs are never labels, so this pass never drops them.
//!
//! # `author-list`
//!
//! A line no rule dropped is an author list, and dropped, when it stands in
//! the page head, consists only of [`AUTHOR_LIST_MIN_NAMES`] or more person
//! names joined by `,`, `and` or `&` (`Tom Hale, Priya Nair and Owen
//! Marsh`, `Jenna Ruiz and Carl Benton`), optionally after `By ` and before
//! a wire agency (`By Camille Roux & Julien Ferrand with AFP`), and is not
//! directly followed by a kept stamp (then it is a byline split in two) or
//! by a bullet-marked line. The page head is everything above the page's
//! first kept paragraph. Below it, the line is still in the page head when
//! it stands above the page's first kept stamp, with at most
//! [`AUTHOR_LIST_MAX_PARAGRAPHS_ABOVE`] kept paragraphs above it (a title
//! and a standfirst that end with a full stop), and is not followed by
//! content: the line under it was dropped, or is a list heading (`Here’s
//! what to know:`). The team of a live page is listed under its title,
//! among the page's stamps and before the first post; names on a line over
//! a paragraph of the lede are content, and a post's byline naming two
//! people (`By Tara Nguyen and Hamish Doyle`) stands under or next to the
//! post's stamp, so both are kept. A person name has 2 to
//! [`NAME_MAX_WORDS`] words, each capitalised, except lower-case particles
//! inside it (`van`, `de`, `al`…).
//!
//! # Known limits
//!
//! Three or more short lines of content in a row with no punctuation and no
//! digit (a list of names without bullets, say) read as chrome when they are
//! not enclosed in content: at the page top, next to dropped chrome, or
//! followed by a title-like line. A page whose first line is a title of at
//! most [`MAX_LABEL_WORDS`] words without `live` or `latest`, followed by a
//! standfirst that neither ends a sentence nor reaches
//! [`PARAGRAPH_MIN_WORDS`] words, loses its title. A short headline whose
//! next line is a short deck, both next to dropped chrome, loses the
//! headline. All are rare on live blogs, whose titles carry the news and
//! whose posts open with a stamp.

use once_cell::sync::Lazy;
use regex::Regex;

use crate::{RuleId, Verdict};

/// The most words a label may have.
///
/// Menu items, section names, site names and author names have one to
/// three words (`Transfer Centre`, `Manchester Evening Post`, `Kate
/// Morrow`); four leaves room for a longer one (`Skip to main content`)
/// while keeping out most entry headlines, which need a subject, a verb and
/// an object. A short headline that is a label is still kept when content
/// follows it.
pub const MAX_LABEL_WORDS: usize = 4;

/// The most words a line with a digit may have and still be a stamp.
///
/// Time stamps and bylines run to five words
/// (`Hannah Olsen14 March 2025 08:52`, `[Updated 11:11 p.m. ET]`); six
/// leaves room for a zone or a second name. A headline glued to its time
/// (`2305 – DONE DEAL – Osei completes Everton move`) is longer, and does not
/// make the label above it a heading.
pub const STAMP_MAX_WORDS: usize = 6;

/// The fewest words that make a line running text without a full stop.
///
/// Live-blog titles run to about 16 words without a full stop, and a title
/// must not make the masthead above it a heading; body text that lacks its
/// full stop is mostly a paragraph cut off by the scraper, which is much
/// longer.
pub const PARAGRAPH_MIN_WORDS: usize = 20;

/// The length at which a run of labels is chrome on its own.
///
/// A headline and a short deck make two labels in a row; three or more
/// unpunctuated short lines are a menu or a list of names.
pub const MIN_CHROME_RUN: usize = 3;

/// The fewest names a line needs to be an author list.
///
/// One name alone is as likely a short headline or a place; two or more
/// names joined by `and` is how bylines list a blog's team.
pub const AUTHOR_LIST_MIN_NAMES: usize = 2;

/// The most kept paragraphs above an author list below the page's first
/// paragraph: a title and a standfirst may both end with a full stop; the
/// lede and the posts come after the team's names.
pub const AUTHOR_LIST_MAX_PARAGRAPHS_ABOVE: usize = 2;

/// The most words a person name may have (`Jean-Luc de la Cruz Ortega`
/// is rare; `Ayşe Demir`, `Ruth van der Berg` are common).
pub const NAME_MAX_WORDS: usize = 4;

/// Headings that introduce a list of key points (compared without regard to
/// ASCII case, a trailing colon removed). `chrome-run` never drops them,
/// even when their items carry no bullet marker: the segmenter reads them to
/// find the key points. The same list as the segmenter's.
pub const LIST_HEADINGS: &[&str] = &[
    "key points",
    "key events",
    "key developments",
    "key updates",
    "key takeaways",
    "summary",
    "what we covered here",
    "what we know",
    "what we know so far",
    "what you need to know",
    "the latest",
    "latest developments",
    "at a glance",
    "in brief",
    "in short",
    "highlights",
    "recap",
    "here's what to know",
    "here’s what to know",
    "what to know",
    "need to know",
    "list of key events",
    "key moments",
    "main points",
    "to remember",
    "what happened",
    "catch up",
    "quick summary",
    "in summary",
];

/// The names of the context passes a `context` rule may turn on.
pub const PASSES: &[&str] = &["author-list", "chrome-run"];

/// One built-in context pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum ContextPass {
    /// See the module documentation, `author-list`.
    AuthorList,
    /// See the module documentation, `chrome-run`.
    ChromeRun,
}

impl ContextPass {
    /// The pass a `context = "…"` names.
    pub(crate) fn from_name(name: &str) -> Option<ContextPass> {
        match name {
            "author-list" => Some(ContextPass::AuthorList),
            "chrome-run" => Some(ContextPass::ChromeRun),
            _ => None,
        }
    }

    /// Runs the pass over one page, dropping lines as `id`. Lines already
    /// dropped stay as they are. `shapes` are [`line_shapes`] of `lines`.
    pub(crate) fn run<S: AsRef<str>>(
        self,
        lines: &[S],
        shapes: &[LineShape],
        verdicts: &mut [Verdict],
        id: RuleId,
    ) {
        let lines: Vec<&str> = lines.iter().map(AsRef::as_ref).collect();
        match self {
            ContextPass::AuthorList => author_list(&lines, shapes, verdicts, id),
            ContextPass::ChromeRun => chrome_run(&lines, shapes, verdicts, id),
        }
    }
}

/// The shape of every line, read once per page and shared by the passes
/// and the `keep_after_stamp` option.
pub(crate) fn line_shapes<S: AsRef<str>>(lines: &[S]) -> Vec<LineShape> {
    lines.iter().map(|l| LineShape::of(l.as_ref())).collect()
}

/// What the passes need to know about one line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct LineShape {
    /// The words, counted up to [`ENOUGH_WORDS`].
    words: usize,
    has_letter: bool,
    has_digit: bool,
    ends_sentence: bool,
    quoted: bool,
    bullet: bool,
    byline: bool,
}

/// The word count from which a line is a paragraph and cannot be a label
/// or a stamp, so that counting further tells nothing.
const ENOUGH_WORDS: usize = PARAGRAPH_MIN_WORDS;
const _: () = assert!(ENOUGH_WORDS > MAX_LABEL_WORDS && ENOUGH_WORDS > STAMP_MAX_WORDS);

/// Quotation marks that open or close a quoted line.
const QUOTES: &[char] = &['"', '\'', '“', '”', '‘', '’', '«', '»'];
/// What may close a sentence after its punctuation.
const CLOSERS: &[char] = &['"', '\'', '”', '’', '»', ')', ']'];
/// Punctuation that ends a sentence, or a clause that goes on (`,` `;`),
/// or introduces what follows (`:`).
const SENTENCE_END: &[char] = &['.', '!', '?', '…', ':', ';', ','];
/// Characters that mark a list item.
const BULLETS: &[char] = &['•', '◦', '▪', '●', '‣', '·', '*', '-', '–', '—'];

impl LineShape {
    fn of(line: &str) -> LineShape {
        let line = trim(line);
        let (words, seen) = count_words(line);
        let has_letter = seen & CharClass::LETTER != 0;
        let has_digit = seen & CharClass::DIGIT != 0;
        // Most lines end with a letter, a digit or ASCII punctuation, and
        // open with a letter: read as bytes, without decoding a character
        // from either end or searching the lists for it.
        let (ends_sentence, ends_quoted) = match line.as_bytes().last() {
            Some(last) if last.is_ascii_alphanumeric() => (false, false),
            Some(&last) if last.is_ascii() && !CLOSERS.contains(&char::from(last)) => (
                SENTENCE_END.contains(&char::from(last)) && !is_initialism(line),
                QUOTES.contains(&char::from(last)),
            ),
            _ => {
                let tail = line.trim_end_matches(CLOSERS);
                (
                    tail.ends_with(SENTENCE_END) && !is_initialism(tail),
                    line.ends_with(QUOTES),
                )
            }
        };
        // A letter opens no quotation, and marks no list item.
        let opens_with_letter = line.as_bytes().first().is_some_and(u8::is_ascii_alphabetic);
        LineShape {
            words,
            has_letter,
            has_digit,
            ends_sentence,
            quoted: (!opens_with_letter && line.starts_with(QUOTES)) || ends_quoted,
            bullet: !opens_with_letter && is_bullet(line),
            byline: is_byline(line),
        }
    }

    fn is_label(&self) -> bool {
        self.has_letter
            && !self.has_digit
            && (1..=MAX_LABEL_WORDS).contains(&self.words)
            && !self.ends_sentence
            && !self.quoted
            && !self.bullet
            && !self.byline
    }

    fn is_stamp(&self) -> bool {
        self.has_digit && self.words <= STAMP_MAX_WORDS
    }

    fn is_paragraph(&self) -> bool {
        self.ends_sentence || self.words >= PARAGRAPH_MIN_WORDS
    }
}

/// [`str::trim`], without decoding a character where the line starts and
/// ends with ASCII that is not white space, as most lines do.
fn trim(line: &str) -> &str {
    let plain = |byte: Option<&u8>| {
        byte.is_some_and(|&byte| byte.is_ascii() && !matches!(byte, b'\t'..=b'\r' | b' '))
    };
    let bytes = line.as_bytes();
    if plain(bytes.first()) && plain(bytes.last()) {
        line
    } else {
        line.trim()
    }
}

/// The words of a trimmed line, counted up to [`ENOUGH_WORDS`], and the
/// [`CharClass`] bits of the characters read to count them (the whole
/// line when it has fewer words).
///
/// This runs on every line of every page. A word is counted at its first
/// letter or digit, so that a run of ASCII bytes is counted sixteen, or at
/// its end eight, at a time (see [`AsciiChunk`]); other characters are
/// read one at a time.
fn count_words(line: &str) -> (usize, u8) {
    count_words_by::<true>(line)
}

/// [`count_words`], reading ASCII runs sixteen bytes at a time when
/// `WIDE`, else eight (kept for the tests, which compare the two).
fn count_words_by<const WIDE: bool>(line: &str) -> (usize, u8) {
    let bytes = line.as_bytes();
    let (mut words, mut in_word, mut seen) = (0, false, 0);
    // The high bits of every letter and digit of the ASCII chunks read,
    // made into `seen` bits once at the end.
    let (mut letters, mut digits) = (0, 0);
    let mut at = 0;
    // Past `ENOUGH_WORDS` the line is a paragraph, neither a label nor a
    // stamp, whatever else it holds: the rest is not read.
    while at < bytes.len() && words < ENOUGH_WORDS {
        // Most of a line is read here, in a loop of its own, which keeps
        // its constants in registers (the loop below, which decodes
        // characters, has too many of its own).
        while WIDE && words < ENOUGH_WORDS {
            let Some(block) = bytes[at..].first_chunk::<16>() else {
                break;
            };
            let Some(ascii) = AsciiChunk::wide(block) else {
                break;
            };
            words += ascii.count_words(&mut in_word);
            letters |= ascii.letter;
            digits |= ascii.digit;
            at += 16;
        }
        if at >= bytes.len() || words >= ENOUGH_WORDS {
            break;
        }
        let (chunk, len) = match bytes[at..].first_chunk::<8>() {
            Some(chunk) => (u64::from_le_bytes(*chunk), 8),
            None => {
                // The line's last bytes, padded with NUL, which is neither
                // space nor word and changes no count at the end: the
                // line's last eight bytes shifted past those read already,
                // or for a line shorter than that, gathered one by one.
                let tail = bytes.len() - at;
                let chunk = match bytes.last_chunk::<8>() {
                    Some(last) => u64::from_le_bytes(*last) >> (8 * (8 - tail)),
                    None => bytes[at..]
                        .iter()
                        .rev()
                        .fold(0, |chunk, &byte| chunk << 8 | u64::from(byte)),
                };
                (chunk, tail)
            }
        };
        if let Some(ascii) = AsciiChunk::new(chunk) {
            words += ascii.count_words(&mut in_word);
            letters |= ascii.letter;
            digits |= ascii.digit;
            at += len;
            continue;
        }
        let class = match bytes[at] {
            byte if byte.is_ascii() => {
                at += 1;
                ASCII_CLASSES[usize::from(byte)]
            }
            _ => {
                let Some(c) = line[at..].chars().next() else {
                    break;
                };
                at += c.len_utf8();
                CharClass::of(c)
            }
        };
        let word = class.0 & CharClass::WORD != 0;
        words += usize::from(word && !in_word);
        in_word = (in_word || word) && class.0 & CharClass::SPACE == 0;
        seen |= class.0;
    }
    seen |=
        (u8::from(letters != 0) * CharClass::LETTER) | (u8::from(digits != 0) * CharClass::DIGIT);
    (words.min(ENOUGH_WORDS), seen)
}

/// Eight or sixteen ASCII bytes, classed together as
/// [`CharClass::of_ascii`] classes them one by one.
#[derive(Debug, Clone, Copy)]
struct AsciiChunk {
    /// A bit per byte (bit `i` for byte `i`): spaces, letters and digits.
    space: u32,
    word: u32,
    /// A bit per byte of the chunk, eight or sixteen.
    bytes: u32,
    /// The high bit of each letter, of each digit, where the byte was (of
    /// both halves at once, for a chunk of sixteen: only whether there is
    /// one is wanted).
    letter: u64,
    digit: u64,
}

impl AsciiChunk {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;

    /// The classes of the eight bytes of `chunk` (little-endian), or None
    /// when one of them is not ASCII.
    fn new(chunk: u64) -> Option<AsciiChunk> {
        if chunk & Self::HIGH != 0 {
            return None;
        }
        let (space, letter, digit) = Self::classes(chunk);
        Some(AsciiChunk {
            space: Self::bits(space),
            word: Self::bits(letter | digit),
            bytes: 0xFF,
            letter,
            digit,
        })
    }

    /// The classes of sixteen bytes, or None when one of them is not
    /// ASCII: two chunks of eight, whose bits are joined before the words
    /// are counted, once.
    fn wide(block: &[u8; 16]) -> Option<AsciiChunk> {
        let both = u128::from_le_bytes(*block);
        // The halves, truncated on purpose.
        let (low, high) = (both as u64, (both >> 64) as u64);
        if (low | high) & Self::HIGH != 0 {
            return None;
        }
        let (low_space, low_letter, low_digit) = Self::classes(low);
        let (high_space, high_letter, high_digit) = Self::classes(high);
        let join = |low: u64, high: u64| Self::bits(low) | Self::bits(high) << 8;
        Some(AsciiChunk {
            space: join(low_space, high_space),
            word: join(low_letter | low_digit, high_letter | high_digit),
            bytes: 0xFFFF,
            letter: low_letter | high_letter,
            digit: low_digit | high_digit,
        })
    }

    /// The high bit of each space, letter and digit of eight ASCII bytes.
    fn classes(chunk: u64) -> (u64, u64, u64) {
        let letter = Self::within(chunk | (Self::ONES * 0x20), b'a', b'z');
        let digit = Self::within(chunk, b'0', b'9');
        // The bytes up to ` ` are the space and the controls, of which
        // only `\t`..=`\r` are white space; most chunks hold no control.
        let up_to_space = Self::HIGH ^ Self::at_least(chunk, b' ' + 1);
        let controls = Self::HIGH ^ Self::at_least(chunk, b' ');
        let space = if controls == 0 {
            up_to_space
        } else {
            (up_to_space & !controls) | Self::within(chunk, b'\t', b'\r')
        };
        (space, letter, digit)
    }

    /// The high bit of each byte of `x` that is at least `n`: with every
    /// byte below 0x80, adding 0x80 - n to each sets its high bit exactly
    /// when it is at least n, and carries into no other.
    fn at_least(x: u64, n: u8) -> u64 {
        x.wrapping_add(Self::ONES * u64::from(0x80 - n)) & Self::HIGH
    }

    /// The high bit of each byte of `x` from `low` to `high`.
    fn within(x: u64, low: u8, high: u8) -> u64 {
        Self::at_least(x, low) & !Self::at_least(x, high + 1)
    }

    /// The high bit of each byte, gathered into the low byte: a multiply
    /// moves the bit of byte `i` to bit `56 + i`, each by its own term,
    /// with no two terms meeting. (The bits sit at bit 7 of their byte, so
    /// the multiplier is shifted right by 7 instead of the bits.)
    fn bits(high: u64) -> u32 {
        ((high.wrapping_mul(0x0102_0408_1020_4080 >> 7)) >> 56) as u32
    }

    /// The words that start in the chunk: tokens (runs of non-space bytes)
    /// that hold a letter or a digit and were not counted already.
    /// `in_word` says, before and after, whether the token running across
    /// the chunk's edge has been counted.
    fn count_words(self, in_word: &mut bool) -> usize {
        let token = !self.space & self.bytes;
        let other = token & !self.word;
        // Where a token not yet counted starts: after a space, or at the
        // chunk's first byte unless its token was counted.
        let starts = token & ((self.space << 1) | u32::from(!*in_word));
        // From a start on a byte that is no word, a carry runs over the
        // token's other bytes to the first byte past them: a word when the
        // token holds one. Each token counts once, where its first word
        // byte is.
        let reached = other.wrapping_add(starts & other);
        let counted = (starts | reached) & self.word;
        // The last token, after the last space: counted when it holds a
        // word byte, that is when the last byte that is a space or a word
        // is a word (the masks are disjoint: the one with the higher top
        // bit is the larger), or runs over the whole chunk and was
        // counted before.
        *in_word = self.word > self.space || (self.space | self.word == 0 && *in_word);
        usize::from(BYTE_ONES[counted as usize & 0xFF] + BYTE_ONES[(counted >> 8) as usize & 0xFF])
    }
}

/// The number of one bits of each byte value (`count_ones` is a loop of
/// shifts on the baseline x86-64 target, which lacks `popcnt`).
static BYTE_ONES: [u8; 256] = {
    let mut table = [0; 256];
    let mut byte = 1;
    while byte < 256 {
        table[byte] = table[byte / 2] + (byte % 2) as u8;
        byte += 1;
    }
    table
};

/// Whether `text` is an initialism alone, such as `U.S.` or `U.K.`: its
/// full stop does not end a sentence (a menu's `U.S.` is a label).
fn is_initialism(text: &str) -> bool {
    let mut chars = text.chars();
    let mut pairs = 0;
    while let Some(letter) = chars.next() {
        if !(letter.is_uppercase() && chars.next() == Some('.')) {
            return false;
        }
        pairs += 1;
    }
    pairs >= 2
}

impl LineShape {
    /// Whether the line has the shape of a time stamp or a byline (see the
    /// module documentation): a post opens under such a line.
    pub(crate) fn is_stamp_or_byline(&self) -> bool {
        self.is_stamp() || self.byline
    }
}

/// What [`LineShape::of`] needs to know of a character, as bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct CharClass(u8);

impl CharClass {
    const SPACE: u8 = 1;
    /// A letter or a digit of any script: part of a word.
    const WORD: u8 = 2;
    const LETTER: u8 = 4;
    /// An ASCII digit: what makes a stamp (`²` and `٣` only make words).
    const DIGIT: u8 = 8;

    fn of(c: char) -> CharClass {
        CharClass(if c.is_whitespace() {
            CharClass::SPACE
        } else if c.is_alphabetic() {
            CharClass::WORD | CharClass::LETTER
        } else if c.is_ascii_digit() {
            CharClass::WORD | CharClass::DIGIT
        } else if c.is_numeric() {
            // `is_alphanumeric`, alphabetic already ruled out (each is a
            // Unicode table lookup).
            CharClass::WORD
        } else {
            0
        })
    }

    /// [`CharClass::of`] an ASCII character, without Unicode tables.
    const fn of_ascii(byte: u8) -> CharClass {
        CharClass(match byte {
            b'\t'..=b'\r' | b' ' => CharClass::SPACE,
            b'a'..=b'z' | b'A'..=b'Z' => CharClass::WORD | CharClass::LETTER,
            b'0'..=b'9' => CharClass::WORD | CharClass::DIGIT,
            _ => 0,
        })
    }
}

/// [`CharClass::of_ascii`] of every ASCII character.
static ASCII_CLASSES: [CharClass; 128] = {
    let mut table = [CharClass(0); 128];
    let mut byte = 0;
    while byte < 128 {
        table[byte] = CharClass::of_ascii(byte as u8);
        byte += 1;
    }
    table
};

fn is_bullet(line: &str) -> bool {
    let mut chars = line.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let rest = if BULLETS.contains(&first) {
        chars.as_str()
    } else {
        let digits = line.chars().take_while(char::is_ascii_digit).count();
        if !(1..=2).contains(&digits) {
            return false;
        }
        match line[digits..].strip_prefix(['.', ')']) {
            Some(rest) => rest,
            None => return false,
        }
    };
    rest.is_empty() || rest.starts_with(char::is_whitespace)
}

fn is_byline(line: &str) -> bool {
    ["By ", "From "].iter().any(|p| {
        line.strip_prefix(p)
            .and_then(|rest| rest.chars().next())
            .is_some_and(char::is_uppercase)
    })
}

/// A label directly followed by content is its heading: see rule 1 of
/// `chrome-run`.
fn heads_content(shapes: &[LineShape], verdicts: &[Verdict], next: usize) -> bool {
    let Some(shape) = shapes.get(next) else {
        return false;
    };
    shape.bullet
        || (verdicts[next].is_keep() && (shape.is_paragraph() || shape.is_stamp() || shape.byline))
}

/// Whether `line` calls itself a live page (`Trump news live`, `Ukraine war
/// latest`): the page's first line that does is its title, not a masthead.
fn names_a_live_page(line: &str) -> bool {
    line.split(|c: char| !c.is_alphanumeric())
        .any(|w| LIVE_WORDS.iter().any(|l| w.eq_ignore_ascii_case(l)))
}

/// Words by which a live page names itself in its title.
const LIVE_WORDS: &[&str] = &["live", "latest"];

/// Whether `line` is a heading that introduces a list of key points.
fn is_list_heading(line: &str) -> bool {
    let line = line.trim().trim_end_matches(':').trim_end();
    LIST_HEADINGS.iter().any(|h| line.eq_ignore_ascii_case(h))
}

fn chrome_run(lines: &[&str], shapes: &[LineShape], verdicts: &mut [Verdict], id: RuleId) {
    let n = shapes.len();
    let label = |i: usize, verdicts: &[Verdict]| verdicts[i].is_keep() && shapes[i].is_label();
    let mut start = 0;
    while start < n {
        if !label(start, verdicts) {
            start += 1;
            continue;
        }
        let mut end = start; // inclusive
        while end + 1 < n && label(end + 1, verdicts) {
            end += 1;
        }
        let dropped = |i: usize| !verdicts[i].is_keep();
        // The kept line just above the run, if any (runs are maximal, so it
        // is not a label), and whether it is content: a paragraph, a stamp
        // or a byline, where a post's headline or a list in a post stands.
        let above = (start > 0 && verdicts[start - 1].is_keep()).then(|| start - 1);
        let below_content = above
            .is_some_and(|a| shapes[a].is_paragraph() || shapes[a].is_stamp() || shapes[a].byline);
        let enclosed = below_content && heads_content(shapes, verdicts, end + 1);
        let chrome_context = start == 0
            || dropped(start - 1)
            || (end + 1 < n && dropped(end + 1))
            || (end - start + 1 >= MIN_CHROME_RUN && !enclosed);
        if chrome_context {
            let opens_post = above.is_some_and(|a| shapes[a].is_stamp() || shapes[a].byline);
            // Rule 1, looking past dropped lines: only below content.
            let next_kept = (end + 1..n).find(|&j| verdicts[j].is_keep());
            let heads_past_chrome =
                below_content && next_kept.is_some_and(|j| heads_content(shapes, verdicts, j));
            let drop: Vec<usize> = (start..=end)
                .filter(|&i| !is_list_heading(lines[i]))
                .filter(|&i| !(i == 0 && names_a_live_page(lines[i])))
                .filter(|&i| !(i == start && opens_post))
                .filter(|&i| !heads_content(shapes, verdicts, i + 1))
                .filter(|&i| !(i == end && heads_past_chrome))
                .collect();
            for i in drop {
                verdicts[i] = Verdict::Drop(id);
            }
        }
        start = end + 1;
    }
}

/// Separators between the names of an author list.
static NAME_SEPARATORS: Lazy<Regex> =
    Lazy::new(|| Regex::new(r",\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+").expect("valid regex"));

/// Lower-case words that may stand inside a person name.
const NAME_PARTICLES: &[&str] = &[
    "al", "bin", "bint", "da", "das", "de", "del", "della", "der", "di", "do", "dos", "du", "el",
    "ibn", "la", "le", "st", "te", "ten", "ter", "van", "von", "y", "zu",
];

fn is_person_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    if !(2..=NAME_MAX_WORDS).contains(&words.len()) {
        return false;
    }
    let capitalised = |w: &str| {
        let mut chars = w.chars();
        chars.next().is_some_and(char::is_uppercase)
            && chars.all(|c| c.is_alphabetic() || "'’.-".contains(c))
    };
    let last = words.len() - 1;
    words
        .iter()
        .enumerate()
        .all(|(i, w)| capitalised(w) || (i != 0 && i != last && NAME_PARTICLES.contains(w)))
}

/// A wire agency credited after an author list: `with AFP`, `and agencies`.
static AGENCY_TAIL: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"\s+(?:with|and|&)\s+(?:(?:news )?agencies|\p{Lu}{2,6})$").expect("valid regex")
});

fn is_author_list(line: &str) -> bool {
    if line.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let line = line.trim();
    let line = ["By ", "BY "]
        .iter()
        .find_map(|p| line.strip_prefix(p))
        .unwrap_or(line);
    let line = AGENCY_TAIL
        .find(line)
        .map_or(line, |tail| &line[..tail.start()]);
    let names: Vec<&str> = NAME_SEPARATORS.split(line).collect();
    names.len() >= AUTHOR_LIST_MIN_NAMES && names.iter().all(|n| is_person_name(n))
}

fn author_list(lines: &[&str], shapes: &[LineShape], verdicts: &mut [Verdict], id: RuleId) {
    let first_paragraph = (0..lines.len())
        .find(|&i| verdicts[i].is_keep() && shapes[i].is_paragraph())
        .unwrap_or(lines.len());
    let first_stamp = (0..lines.len())
        .find(|&i| verdicts[i].is_keep() && shapes[i].is_stamp())
        .unwrap_or(lines.len());
    let mut paragraphs_above = 0;
    for i in 0..lines.len() {
        let below_lede = i >= first_paragraph;
        if below_lede && (i >= first_stamp || paragraphs_above > AUTHOR_LIST_MAX_PARAGRAPHS_ABOVE) {
            break;
        }
        // Below the first paragraph, only among chrome or over a list.
        let over_content =
            i + 1 < lines.len() && verdicts[i + 1].is_keep() && !is_list_heading(lines[i + 1]);
        if verdicts[i].is_keep() && shapes[i].is_paragraph() {
            paragraphs_above += 1;
        }
        if !verdicts[i].is_keep() || (below_lede && over_content) || !is_author_list(lines[i]) {
            continue;
        }
        let followed_by_byline = shapes
            .get(i + 1)
            .is_some_and(|next| next.bullet || (verdicts[i + 1].is_keep() && next.is_stamp()));
        if !followed_by_byline {
            verdicts[i] = Verdict::Drop(id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert!(LineShape::of("Climate crisis").is_label());
        assert!(LineShape::of("Track & Road").is_label());
        assert_eq!(LineShape::of("Track & Road").words, 2);
        let long = "word ".repeat(50) + "2024";
        let shape = LineShape::of(&long);
        assert!(shape.is_paragraph() && !shape.is_stamp() && !shape.is_label());
        assert_eq!(shape.words, ENOUGH_WORDS);
        assert!(!LineShape::of("Is it safe?").is_label());
        assert!(!LineShape::of("'We are ready'").is_label());
        assert!(!LineShape::of("By Jane Smith").is_label());
        assert!(!LineShape::of("• Item").is_label());
        assert!(!LineShape::of("Subscribe for £1").is_label());
        assert!(LineShape::of("published at 04:12 BST").is_stamp());
        assert!(LineShape::of("Arpan Rai6 November 2024 04:16").is_stamp());
        assert!(!LineShape::of("2305 – DONE DEAL – Osei completes Everton move").is_stamp());
        assert!(LineShape::of("He said so.”").is_paragraph());
        assert!(LineShape::of("U.S.").is_label());
        assert!(LineShape::of("E.U.K.").is_label());
        assert!(!LineShape::of("U.").is_label());
        assert!(!LineShape::of("U.s.").is_label());
        assert!(!LineShape::of("US.").is_label());
        assert!(LineShape::of("He flew home to the U.S.").is_paragraph());
        assert!(LineShape::of("It rose.").is_paragraph());
        assert!(LineShape::of("Plan A.").is_paragraph());
        for bullet in ["•", "• a", "- a", "1.", "1. a", "12) a", "* a"] {
            assert!(is_bullet(bullet), "{bullet}");
        }
        for not in ["5.30pm", "2024. a", "-a", "1742288647", "Anna"] {
            assert!(!is_bullet(not), "{not}");
        }
    }

    #[test]
    fn ascii_table_agrees_with_the_unicode_classes() {
        for byte in 0..128u8 {
            assert_eq!(
                ASCII_CLASSES[usize::from(byte)],
                CharClass::of(char::from(byte)),
                "{byte:#04x}"
            );
        }
    }

    /// The counts as they were made before [`AsciiChunk`]: a character at
    /// a time, a word counted at its end.
    fn count_words_one_by_one(line: &str) -> (usize, u8) {
        let (mut words, mut in_word, mut seen) = (0, false, 0);
        for c in line.chars() {
            let class = CharClass::of(c).0;
            if class & CharClass::SPACE != 0 {
                words += usize::from(in_word);
                in_word = false;
            }
            in_word |= class & CharClass::WORD != 0;
            seen |= class;
        }
        (words + usize::from(in_word), seen)
    }

    fn assert_counts_agree(line: &str) {
        let line = line.trim();
        let (words, seen) = count_words(line);
        // Sixteen bytes at a time, or eight: the same counts.
        assert_eq!((words, seen), count_words_by::<false>(line), "{line:?}");
        let (all_words, all_seen) = count_words_one_by_one(line);
        assert_eq!(words, all_words.min(ENOUGH_WORDS), "{line:?}");
        // Only a line short of `ENOUGH_WORDS` is read to its end.
        if all_words < ENOUGH_WORDS {
            let known = CharClass::LETTER | CharClass::DIGIT;
            assert_eq!(seen & known, all_seen & known, "{line:?}");
        }
    }

    /// [`LineShape::of`] as it was before its byte-wise reading of the
    /// line's ends.
    fn shape_char_by_char(line: &str) -> LineShape {
        let line = line.trim();
        let (words, seen) = count_words(line);
        let tail = line.trim_end_matches(CLOSERS);
        LineShape {
            words,
            has_letter: seen & CharClass::LETTER != 0,
            has_digit: seen & CharClass::DIGIT != 0,
            ends_sentence: tail.ends_with(SENTENCE_END) && !is_initialism(tail),
            quoted: line.starts_with(QUOTES) || line.ends_with(QUOTES),
            bullet: is_bullet(line),
            byline: is_byline(line),
        }
    }

    #[test]
    fn shapes_read_at_the_ends_byte_by_byte_agree_with_char_by_char() {
        // Every quote, closer, sentence end and bullet, white space of
        // both kinds, and the rest of what lines open and end with.
        let mut pieces: Vec<String> = [QUOTES, CLOSERS, SENTENCE_END, BULLETS]
            .concat()
            .iter()
            .map(char::to_string)
            .collect();
        pieces.extend(
            [
                "U", ".", "S", "By ", "From ", "Jane", "a", "7", "12", " ", "\t", "\u{b}",
                "\u{a0}", "\u{3000}", "é", "É", "(", "[", "“Yes", "x”", "—", "\0",
            ]
            .map(String::from),
        );
        let mut next = crate::test_rng::xorshift(0x2545_f491_4f6c_dd1d_u64);
        for line in [
            "U.S.",
            "E.U.K.",
            "U.",
            "(U.S.)",
            "“U.K.”",
            "1. U.S.",
            "It rose.",
        ] {
            assert_eq!(LineShape::of(line), shape_char_by_char(line), "{line:?}");
        }
        for _ in 0..50_000 {
            let line: String = (0..next() % 6)
                .map(|_| pieces[(next() % pieces.len() as u64) as usize].as_str())
                .collect();
            assert_eq!(LineShape::of(&line), shape_char_by_char(&line), "{line:?}");
        }
    }

    #[test]
    fn words_counted_eight_bytes_at_a_time_agree_with_one_by_one() {
        for line in [
            "",
            "a",
            "Climate crisis",
            "Track & Road",
            "— – -- ... (a) [b]",
            "12345678 abcdefgh ,,,,,,,, ........",
            "abcdefg hijklmn\topqrstu\u{0b}vwxyz",
            "x       y       z",
            "Déjà vu, naïve café: ÉDITION spéciale",
            "a\u{a0}b\u{2003}c\u{3000}d",
            "٣ ² ¾ 𝟙 一二三 😀 🇬🇧",
            "\0\0\0\0\0\0\0\0 x \0",
        ] {
            assert_counts_agree(line);
        }
        // Random lines over a mix of every class, ASCII and not, at every
        // alignment, from a fixed seed.
        let pieces = [
            "a", "Z", "q", "7", "0", " ", "  ", "\t", "\n", ".", ",", "&", "-", "'", "\0", "é",
            "Ü", "\u{a0}", "\u{2003}", "’", "—", "٣", "²", "一", "😀", "\u{7f}", "@", "[", "`",
            "{",
        ];
        let mut next = crate::test_rng::xorshift(0x2545_f491_4f6c_dd1d_u64);
        for _ in 0..20_000 {
            let len = next() % 120;
            let line: String = (0..len)
                .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                .collect();
            assert_counts_agree(&line);
        }
    }

    #[test]
    fn words_counted_sixteen_bytes_at_a_time_agree_with_eight_and_one_by_one() {
        for line in [
            "abcdefghijklmnop",
            "abcdefghijklmnopq",
            "abcdefgh ijklmnop qrstuvwx",
            "---------------a",
            "a---------------",
            "--------------- a",
            "(1) (2) (3) (4) (5) (6) (7) (8) (9) (10) (11) (12) (13)",
            "a b c d e f g h i j k l m n o p q r s t u v w x y z",
            "word\tword\tword\u{b}word, word; 'word' [word] {word} word",
            "sixteen ascii é sixteen ascii bytes again and again, é",
        ] {
            assert_counts_agree(line);
        }
        // Random lines mostly of ASCII (runs of sixteen ASCII bytes are
        // what the wide reading is for), with a character of another
        // script now and then, from a fixed seed.
        let pieces = [
            "a", "Z", "q", "7", "0", " ", "  ", "\t", "\n", ".", ",", "&", "-", "'", "\0",
            "\u{7f}", "@", "[", "`", "{", "word", "Word ", "12:30", " -- ", "...", "é", "\u{a0}",
            "—",
        ];
        let mut next = crate::test_rng::xorshift(0x9e37_79b9_7f4a_7c15_u64);
        for _ in 0..20_000 {
            let len = next() % 80;
            let line: String = (0..len)
                .map(|_| {
                    // Three pieces in four are words, spaces or hyphens.
                    let pick = next() as usize;
                    match pick % 4 {
                        0 => pieces[(pick >> 2) % pieces.len()],
                        1 => "word",
                        2 => " ",
                        _ => "-",
                    }
                })
                .collect();
            assert_counts_agree(&line);
        }
    }

    #[test]
    fn ascii_chunk_classes_each_byte_as_the_table() {
        for byte in 0..128u8 {
            for at in 0..8 {
                // The byte among hyphens, which are of no class.
                let hyphens = u64::from(b'-') * 0x0101_0101_0101_0101;
                let chunk = (u64::from(byte) << (8 * at)) | (hyphens & !(0xFF << (8 * at)));
                let ascii = AsciiChunk::new(chunk).unwrap();
                let class = ASCII_CLASSES[usize::from(byte)].0;
                let bit = |mask: u32| mask >> at & 1 == 1;
                let high = |mask: u64| mask >> (8 * at + 7) & 1 == 1;
                let expected = |of: u8| class & of != 0;
                let case = format!("{byte:#04x} at {at}");
                assert_eq!(bit(ascii.space), expected(CharClass::SPACE), "{case}");
                assert_eq!(bit(ascii.word), expected(CharClass::WORD), "{case}");
                assert_eq!(high(ascii.letter), expected(CharClass::LETTER), "{case}");
                assert_eq!(high(ascii.digit), expected(CharClass::DIGIT), "{case}");
            }
        }
        assert!(AsciiChunk::new(0x80).is_none());
    }

    #[test]
    fn wide_ascii_chunk_classes_each_byte_as_the_table() {
        for byte in 0..=255u8 {
            for at in 0..16 {
                let mut block = [b'-'; 16];
                block[at] = byte;
                let case = format!("{byte:#04x} at {at}");
                let Some(ascii) = AsciiChunk::wide(&block) else {
                    assert!(!byte.is_ascii(), "{case}");
                    continue;
                };
                assert!(byte.is_ascii(), "{case}");
                let class = ASCII_CLASSES[usize::from(byte)].0;
                let bit = |mask: u32| mask >> at & 1 == 1;
                let expected = |of: u8| class & of != 0;
                assert_eq!(bit(ascii.space), expected(CharClass::SPACE), "{case}");
                assert_eq!(bit(ascii.word), expected(CharClass::WORD), "{case}");
                assert_eq!(ascii.letter != 0, expected(CharClass::LETTER), "{case}");
                assert_eq!(ascii.digit != 0, expected(CharClass::DIGIT), "{case}");
            }
        }
    }

    #[test]
    fn author_lists() {
        assert!(is_author_list("Tom Hale, Priya Nair and Owen Marsh"));
        assert!(is_author_list("Jenna Ruiz and Carl Benton"));
        assert!(is_author_list("Ruth van der Berg & Seán O’Neill"));
        assert!(is_author_list("Ana Lee, Bo Chan, and Cy Dorn"));
        assert!(!is_author_list("Kate Morrow"));
        assert!(!is_author_list("Sunderland and Middlesbrough"));
        assert!(!is_author_list("Tom Hale and the team"));
        assert!(!is_author_list("Storms in Texas and Ohio"));
        assert!(is_author_list("By Harriet Cole and Sam Whitlow"));
        assert!(is_author_list("By Camille Roux & Julien Ferrand with AFP"));
        assert!(is_author_list("Lena Ortiz, Tomás Reyes and Priya Anand"));
        assert!(!is_author_list("By Daniel Sato"));
        assert!(!is_author_list("By Daniel Sato with AFP"));
        assert!(!is_author_list("Talks with AFP"));
    }
}
