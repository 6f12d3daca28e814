//! Ungluing: finding where the scraper joined two block elements into one
//! line (`…all the difference.Ukraine is repelling…`).
//!
//! The rule is documented on [`glue_points`] and in `docs/format.md`.

use memchr::memchr3;

use crate::scan::{self, Hits};

/// Words that end with a dot without ending a sentence. A dot after one of
/// these (exact, case-sensitive) is never a glue point.
///
/// Entries shorter than two letters or with inner dots (`e.g`, `i.e`) never
/// match because the word before a dot stops at the previous dot; they are
/// listed for documentation and are covered by the two-letter rule.
#[rustfmt::skip]
pub const ABBREVIATIONS: &[&str] = &[
    // Titles and ranks.
    "Mr", "Mrs", "Ms", "Mx", "Messrs", "Mme", "Mlle", "Dr", "Jr", "Sr", "St", "Rev", "Fr",
    "Prof", "Sen", "Rep", "Gov", "Pres", "Hon", "Rt", "Gen", "Col", "Lt", "Sgt", "Capt", "Cpt",
    "Cpl", "Pvt", "Maj", "Adm", "Brig", "Cmdr", "Supt", "Insp", "Det",
    // Companies and places.
    "Inc", "Ltd", "Co", "Corp", "Bros", "Dept", "Univ", "Assn", "Ave", "Rd", "Blvd", "Mt", "Ft",
    // Numbers and references.
    "No", "Nos", "vol", "Vol", "pp", "fig", "Fig", "cf", "vs", "etc", "al", "approx", "est",
    "incl", "viz", "ca", "e.g", "i.e",
    // Months (May is a whole word).
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
];

/// No abbreviation has more letters than this; longer words are not looked up.
const MAX_ABBREVIATION_LETTERS: usize = 6;

fn is_closer(c: char) -> bool {
    matches!(c, '”' | '’' | '\'' | ')' | ']')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// Whether the `.` at byte `dot` of `line` may end a sentence (clause 2).
fn dot_may_end_sentence(line: &str, dot: usize) -> bool {
    let Some(before) = line.get(..dot) else {
        return false;
    };
    if !before.chars().next_back().is_some_and(char::is_lowercase) {
        return false;
    }
    let mut letters = 0;
    let mut word_start = dot;
    for (i, c) in before.char_indices().rev() {
        if c.is_alphabetic() {
            letters += 1;
        } else if !is_apostrophe(c) {
            break;
        }
        word_start = i;
        if letters > MAX_ABBREVIATION_LETTERS {
            // Too long to be an abbreviation.
            return true;
        }
    }
    letters >= 2
        && before
            .get(word_start..)
            .is_some_and(|word| !ABBREVIATIONS.contains(&word))
}

/// Whether a `!`/`?` run starting at byte `mark` of `line` may end a sentence.
fn bang_may_end_sentence(line: &str, mark: usize) -> bool {
    line.get(..mark)
        .and_then(|before| before.chars().next_back())
        .is_some_and(|c| c.is_alphabetic() || c.is_ascii_digit() || is_closer(c) || c == '"')
}

/// Whether a glue point may follow a mark whose run is followed by the
/// byte `next`: `false` when clauses 3 and 4 cannot hold, that is when
/// `next` is the line end or an ASCII byte that is neither a closer, a
/// straight double quote nor an uppercase letter. Any non-ASCII byte may
/// start a closer, an opening quote or an uppercase letter.
fn may_start_piece(next: Option<u8>) -> bool {
    next.is_some_and(may_start_piece_byte)
}

/// [`may_start_piece`] of a byte, written without branches.
fn may_start_piece_byte(b: u8) -> bool {
    (b >= 0x80) | b.is_ascii_uppercase() | (b == b'"') | (b == b'\'') | (b == b')') | (b == b']')
}

/// Whether `line` may have a glue point at all: some mark byte is
/// followed by a byte that [`may_start_piece`]. (The last mark of a
/// `!`/`?` run is followed by what follows the run.) Most lines have
/// none: their marks are followed by a space or end the line.
fn may_have_glue_points(line: &str) -> bool {
    scan::or_pairs(line.as_bytes(), glue_flag) & GLUE_CANDIDATE != 0
}

/// [`glue_flag`]: a mark followed by a byte that may start a piece.
pub(crate) const GLUE_CANDIDATE: u8 = 2;

/// The byte test of [`may_have_glue_points`], for [`scan::or_pairs`]:
/// [`GLUE_CANDIDATE`] when byte `b` is a mark and `next` may start a piece.
pub(crate) fn glue_flag(b: u8, next: u8) -> u8 {
    let mark = (b == b'.') | (b == b'!') | (b == b'?');
    u8::from(mark & may_start_piece_byte(next)) * GLUE_CANDIDATE
}

/// The glue candidates of a whole text: the marks followed by a byte that
/// [`may_start_piece`], so that a line has a [`GLUE_CANDIDATE`] exactly
/// when one of them lies in it (a mark that ends a line is followed by the
/// line break, which starts no piece, as the end of a line does not).
///
/// Marks are a few percent of the bytes: one `memchr3` pass over the text
/// finds them for less than testing every byte of every line for them.
pub(crate) fn glue_candidates(bytes: &[u8]) -> Hits<'_, impl Fn(&[u8], usize) -> Option<usize>> {
    Hits::new(bytes, |bytes, mut from| loop {
        let mark = from + memchr3(b'.', b'!', b'?', bytes.get(from..)?)?;
        if may_start_piece(bytes.get(mark + 1).copied()) {
            return Some(mark);
        }
        from = mark + 1;
    })
}

/// [`glue_points`] for a line known to have a [`GLUE_CANDIDATE`]: the
/// same points, without testing for one again.
pub(crate) fn glue_points_of_candidate(line: &str) -> GluePoints<'_> {
    GluePoints {
        line,
        pos: 0,
        counted: 0,
        quote_open: false,
    }
}

/// Iterator over the glue points of a line, in increasing order; see
/// [`glue_points`] and `docs/format.md` for the rule.
///
/// Each point is a byte offset into the line, on a char boundary, strictly
/// between 0 and the line's length. The scan is linear in the line's length.
#[derive(Debug, Clone)]
pub struct GluePoints<'a> {
    line: &'a str,
    /// Where to look for the next mark.
    pos: usize,
    /// Straight double quotes have been counted in `line[piece_start..counted]`.
    counted: usize,
    /// Whether an odd number of them was seen since the current piece began.
    quote_open: bool,
}

/// The glue points of `line` (a raw line, without its terminator): where
/// the scraper joined two block elements, in increasing order.
///
/// A *glue point* is a byte offset `p` in a raw line such that:
///
/// 1. **Mark.** Before `p` there is a sentence-final mark: a single `.`, or a
///    maximal run of `!` and `?` (`!`, `?!`, `!!!`).
/// 2. **Before the mark.**
///    * For `.`: the character just before it is a lowercase letter
///      ([`char::is_lowercase`]); the *word* ending there (the run of letters
///      and apostrophes `'` `’` just before the dot) has at least 2 letters;
///      and that word is not one of [`ABBREVIATIONS`] (exact, case-sensitive
///      match).
///    * For a `!`/`?` run: the character just before it is a letter of any
///      case, a decimal digit, or one of the closers `” ’ " ' ) ]`.
/// 3. **Closers.** After the mark come zero or more closers: `”` `’` `'` `)`
///    `]`, and a straight `"` when it closes a quote, i.e. when the straight
///    double quotes seen since the start of the current piece are odd in
///    number.
/// 4. **Next.** `p` is right after the closers, and the character at `p` is
///    an uppercase letter ([`char::is_uppercase`]), or an opening quote `“`,
///    `‘` or `"` immediately followed by an uppercase letter. No space may
///    come between: a space means nothing was glued.
///
/// The second piece starts at `p`; the mark and the closers stay with the
/// first. Consequences: `U.S.` / `U.S.Army` (uppercase before the dot),
/// `1.5` and `No.10` (digit), `independent.co.uk` (lowercase after),
/// `J.R.R. Tolkien` and `e.g.`/`i.e.`/`a.m.` (one-letter words), `Mr.Smith`
/// (abbreviation), `said.” He` (space) and ellipses (`...Then`: the last dot
/// follows a dot; `…` is not a mark) are never split. Known limitation:
/// `example.Com` and `Yahoo!News` are split.
///
/// ```
/// use tidings_dump::glue_points;
///
/// let line = "Your support makes all the difference.Ukraine is repelling";
/// assert_eq!(glue_points(line).collect::<Vec<_>>(), [38]);
/// assert_eq!(glue_points("The U.S.Army, 1.5 and independent.co.uk").count(), 0);
/// ```
pub fn glue_points(line: &str) -> GluePoints<'_> {
    let mut points = glue_points_of_candidate(line);
    if !may_have_glue_points(line) {
        // Nothing to find: the search starts (and ends) at the line end.
        points.pos = line.len();
    }
    points
}

impl GluePoints<'_> {
    /// Brings the straight-quote parity up to byte `upto`.
    fn count_quotes(&mut self, upto: usize) {
        if let Some(span) = self.line.as_bytes().get(self.counted..upto) {
            let n = memchr::memchr_iter(b'"', span).count();
            self.quote_open ^= n % 2 == 1;
            self.counted = upto;
        }
    }

    /// Clause 3 and 4 from `after_mark`: the glue point, if any.
    fn point_after(&self, after_mark: usize) -> Option<usize> {
        let rest = self.line.get(after_mark..)?;
        let mut quote_open = self.quote_open;
        let mut chars = rest.char_indices().peekable();
        while let Some(&(_, c)) = chars.peek() {
            if is_closer(c) {
                chars.next();
            } else if c == '"' && quote_open {
                quote_open = false;
                chars.next();
            } else {
                break;
            }
        }
        let (i, c) = chars.next()?;
        let starts_piece = if matches!(c, '“' | '‘' | '"') {
            chars.next().is_some_and(|(_, n)| n.is_uppercase())
        } else {
            c.is_uppercase()
        };
        starts_piece.then_some(after_mark + i)
    }
}

impl Iterator for GluePoints<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        let bytes = self.line.as_bytes();
        loop {
            let rel = memchr3(b'.', b'!', b'?', bytes.get(self.pos..)?)?;
            let mark = self.pos + rel;
            let is_dot = bytes[mark] == b'.';
            let after_mark = if is_dot {
                mark + 1
            } else {
                let run = bytes[mark..]
                    .iter()
                    .take_while(|&&b| b == b'!' || b == b'?')
                    .count();
                mark + run
            };
            self.pos = after_mark;
            // Clause 4 is the cheapest to rule out (most marks are followed
            // by a space), so it goes first; the quote count can wait, as
            // it is brought up to date whenever it is needed.
            if !may_start_piece(bytes.get(after_mark).copied()) {
                continue;
            }
            let may_end = if is_dot {
                dot_may_end_sentence(self.line, mark)
            } else {
                bang_may_end_sentence(self.line, mark)
            };
            if !may_end {
                continue;
            }
            self.count_quotes(mark);
            if let Some(point) = self.point_after(after_mark) {
                self.pos = point;
                self.counted = point;
                self.quote_open = false;
                return Some(point);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The glue points as the iterator found them before clause 4 was
    /// moved first: clause 2 for every mark, then clauses 3 and 4.
    fn reference_points(line: &str) -> Vec<usize> {
        let mut state = glue_points(line);
        // From the start, without the candidate filter.
        state.pos = 0;
        let bytes = line.as_bytes();
        let mut points = Vec::new();
        while let Some(rel) = bytes
            .get(state.pos..)
            .and_then(|rest| memchr3(b'.', b'!', b'?', rest))
        {
            let mark = state.pos + rel;
            let (after_mark, may_end) = if bytes[mark] == b'.' {
                (mark + 1, dot_may_end_sentence(line, mark))
            } else {
                let run = bytes[mark..]
                    .iter()
                    .take_while(|&&b| b == b'!' || b == b'?')
                    .count();
                (mark + run, bang_may_end_sentence(line, mark))
            };
            state.pos = after_mark;
            if !may_end {
                continue;
            }
            state.count_quotes(mark);
            if let Some(point) = state.point_after(after_mark) {
                state.pos = point;
                state.counted = point;
                state.quote_open = false;
                points.push(point);
            }
        }
        points
    }

    proptest! {
        #[test]
        fn points_agree_with_the_reference_on_random_lines(
            chars in proptest::collection::vec(
                prop_oneof![
                    3 => proptest::sample::select(vec![
                        '.', '!', '?', '"', '\'', ')', ']', '“', '”', '‘', '’', ' ', 'a',
                        'b', 'A', 'B', 'É', 'é', '1', 'M', 'r', 'S', 't', '…', '\u{301}',
                    ]),
                    1 => any::<char>(),
                ],
                0..40,
            ),
        ) {
            let line: String = chars.into_iter().collect();
            prop_assert_eq!(glue_points(&line).collect::<Vec<_>>(), reference_points(&line));
        }
    }

    proptest! {
        #[test]
        fn candidates_of_the_text_are_those_of_its_lines(
            chars in proptest::collection::vec(
                proptest::sample::select(vec![
                    '.', '!', '?', '"', '\'', ')', ']', '“', ' ', 'a', 'A', 'é', 'É', '\n', '\r',
                ]),
                0..60,
            ),
        ) {
            let text: String = chars.into_iter().collect();
            let bytes = text.as_bytes();
            let mut candidates = glue_candidates(bytes);
            for line in crate::lines::RawLines::new(bytes, 0) {
                let in_line = &bytes[line.start..line.end];
                let scanned = scan::or_pairs(in_line, glue_flag) & GLUE_CANDIDATE != 0;
                prop_assert_eq!(candidates.any_in(line.start, line.end), scanned, "{:?}", text);
            }
        }
    }

    fn pieces(line: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut start = 0;
        for p in glue_points(line) {
            out.push(&line[start..p]);
            start = p;
        }
        out.push(&line[start..]);
        out
    }

    fn unsplit(line: &str) {
        assert_eq!(pieces(line), [line], "{line:?} should not be split");
    }

    #[test]
    fn the_seed_glue() {
        assert_eq!(
            pieces("Your support makes all the difference.Ukraine is repelling a second wave"),
            [
                "Your support makes all the difference.",
                "Ukraine is repelling a second wave"
            ]
        );
        assert_eq!(
            pieces("Your support makes all the difference.The Group of Seven"),
            [
                "Your support makes all the difference.",
                "The Group of Seven"
            ]
        );
    }

    #[test]
    fn several_points_in_one_line() {
        assert_eq!(
            pieces("One here.Two there!Three where?Four."),
            ["One here.", "Two there!", "Three where?", "Four."]
        );
    }

    // Clause 1: the marks.
    #[test]
    fn marks() {
        assert_eq!(pieces("they won!Next"), ["they won!", "Next"]);
        assert_eq!(pieces("who won?Next"), ["who won?", "Next"]);
        assert_eq!(pieces("who won?!Next"), ["who won?!", "Next"]);
        assert_eq!(pieces("we won!!!Next"), ["we won!!!", "Next"]);
        unsplit("the end;Next");
        unsplit("the end:Next");
        unsplit("the end…Next");
        unsplit("the end,Next");
    }

    // Clause 2, dot: lowercase letter before.
    #[test]
    fn dot_needs_a_lowercase_letter_before() {
        unsplit("The U.S.Army said");
        unsplit("The U.S. Army said");
        unsplit("talks with NATO.Then");
        unsplit("in 2024.Then");
        unsplit("No.10 Downing Street");
        unsplit("(see above).Then");
        unsplit("he said “no”.Then");
        unsplit(".Then");
        assert_eq!(pieces("Київ.Харків"), ["Київ.", "Харків"]);
        assert_eq!(pieces("straße.Der"), ["straße.", "Der"]);
    }

    // Clause 2, dot: at least two letters.
    #[test]
    fn dot_needs_a_word_of_two_letters() {
        unsplit("J.R.R. Tolkien");
        unsplit("J.r.R.Tolkien");
        unsplit("for example e.g.The list");
        unsplit("that is i.e.The list");
        unsplit("at 9 a.m.The sirens");
        unsplit("plan a.The other");
        assert_eq!(pieces("go on.Then"), ["go on.", "Then"]);
        // Apostrophes belong to the word.
        assert_eq!(pieces("we can't.Then"), ["we can't.", "Then"]);
        assert_eq!(pieces("we can’t.Then"), ["we can’t.", "Then"]);
    }

    // Clause 2, dot: abbreviations.
    #[test]
    fn dot_after_an_abbreviation_is_not_a_sentence_end() {
        unsplit("Mr.Smith said");
        unsplit("Mrs.Smith said");
        unsplit("Dr.Who");
        unsplit("St.Petersburg");
        unsplit("Gen.Ryder");
        unsplit("Acme Corp.Board");
        unsplit("apples, pears etc.The rest");
        unsplit("Smith vs.Jones");
        for abbr in ABBREVIATIONS {
            let line = format!("x {abbr}.Next");
            unsplit(&line);
        }
        // Case-sensitive: lowercase "no" is a word.
        assert_eq!(pieces("he said no.The"), ["he said no.", "The"]);
        // Words longer than any abbreviation are never looked up.
        assert_eq!(
            pieces("Pneumonoultramicroscopicsilicovolcanoconiosis.Next"),
            ["Pneumonoultramicroscopicsilicovolcanoconiosis.", "Next"]
        );
    }

    // Clause 2, bang and question mark.
    #[test]
    fn bang_and_question_mark_before() {
        assert_eq!(pieces("said NATO!Next"), ["said NATO!", "Next"]);
        assert_eq!(pieces("score 3-2!Next"), ["score 3-2!", "Next"]);
        assert_eq!(pieces("“Stop”!Next"), ["“Stop”!", "Next"]);
        assert_eq!(pieces("(why)?Next"), ["(why)?", "Next"]);
        assert_eq!(pieces("I?No"), ["I?", "No"]);
        assert_eq!(pieces("No!Stop"), ["No!", "Stop"]);
        unsplit("!Next");
        unsplit("what ?Next");
        unsplit("what…?Next");
        unsplit("what-?Next");
    }

    // Clause 3: closers.
    #[test]
    fn closers_stay_with_the_first_piece() {
        assert_eq!(pieces("it said.”The"), ["it said.”", "The"]);
        assert_eq!(pieces("it said.’The"), ["it said.’", "The"]);
        assert_eq!(pieces("it said.'The"), ["it said.'", "The"]);
        assert_eq!(pieces("(it said.)The"), ["(it said.)", "The"]);
        assert_eq!(pieces("[it said.]The"), ["[it said.]", "The"]);
        assert_eq!(pieces("“(it said.)”The"), ["“(it said.)”", "The"]);
        assert_eq!(pieces("“Really?”He"), ["“Really?”", "He"]);
        unsplit("it said.” The");
        unsplit("it said.”the");
    }

    // Clause 3: straight double quotes by parity.
    #[test]
    fn straight_double_quotes_by_parity() {
        // Odd: the quote closes, it stays with the first piece.
        assert_eq!(
            pieces("he said \"stop.\"Then it"),
            ["he said \"stop.\"", "Then it"]
        );
        // Even: the quote opens the second piece.
        assert_eq!(
            pieces("the end.\"Where there is"),
            ["the end.", "\"Where there is"]
        );
        assert_eq!(
            pieces("a \"bb\" cc.\"Where\" dd.\"Next"),
            ["a \"bb\" cc.", "\"Where\" dd.", "\"Next"]
        );
        // Parity restarts with each piece: the quote left open in the first
        // piece does not make the one after "three." an opening quote.
        assert_eq!(
            pieces("x \"unclosed one.Two \"three.\"Four"),
            ["x \"unclosed one.", "Two \"three.\"", "Four"]
        );
        unsplit("the end.\"where");
        unsplit("the end.\" Where");
    }

    // Clause 4: what comes next.
    #[test]
    fn next_must_be_uppercase_or_quote_then_uppercase() {
        assert_eq!(pieces("the end.“Where"), ["the end.", "“Where"]);
        assert_eq!(pieces("the end.‘Where"), ["the end.", "‘Where"]);
        assert_eq!(pieces("the end.”“Where"), ["the end.”", "“Where"]);
        unsplit("the end.“where");
        unsplit("the end.“ Where");
        unsplit("the end.“");
        unsplit("independent.co.uk");
        unsplit("the end. Then");
        unsplit("the end.\tThen");
        unsplit("the end.\u{a0}Then");
        unsplit("the end.2 people");
        unsplit("the end.");
        unsplit("the end.”");
        unsplit("the end.(Then");
        assert_eq!(pieces("the end.Éire"), ["the end.", "Éire"]);
    }

    #[test]
    fn ellipses_are_not_split() {
        unsplit("and so...Then");
        unsplit("and so..Then");
        unsplit("and so…Then");
        unsplit("and so….Then");
        unsplit("shortened to… Two weeks");
    }

    #[test]
    fn abbreviations_fit_the_lookup_bound() {
        for abbr in ABBREVIATIONS {
            let letters = abbr.chars().filter(|c| c.is_alphabetic()).count();
            assert!(letters <= MAX_ABBREVIATION_LETTERS, "{abbr}");
        }
    }

    #[test]
    fn known_limitation_domain_like() {
        assert_eq!(pieces("see example.Com"), ["see example.", "Com"]);
        assert_eq!(pieces("Yahoo!News"), ["Yahoo!", "News"]);
    }

    #[test]
    fn glued_bylines_are_not_split_here() {
        unsplit("Arpan Rai6 November 2024 04:16");
    }

    #[test]
    fn points_are_char_boundaries_inside_the_line() {
        for line in [
            "é.Éé.É",
            "’.’“Ä",
            "a\u{301}b.Ä",
            "ab.\u{2019}\u{2019}Ü\u{301}",
            "😀ab!😀",
            "ab.\u{1F600}",
        ] {
            for p in glue_points(line) {
                assert!(
                    p > 0 && p < line.len() && line.is_char_boundary(p),
                    "{line:?} {p}"
                );
            }
        }
    }

    #[test]
    fn long_lines_are_linear() {
        // Pathological inputs: mark runs, long words, many quotes.
        let n = 200_000;
        let bangs = "?!".repeat(n);
        assert_eq!(glue_points(&bangs).count(), 0);
        let dots = ".".repeat(n);
        assert_eq!(glue_points(&dots).count(), 0);
        let word = format!("{}.A", "a".repeat(n));
        assert_eq!(glue_points(&word).count(), 1);
        let quotes = "ab.\"".repeat(n);
        assert_eq!(glue_points(&quotes).count(), 0);
        let glued = "word.Next ".repeat(n);
        assert_eq!(glue_points(&glued).count(), n);
    }
}
