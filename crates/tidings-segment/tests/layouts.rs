//! Small pages, one per layout or behaviour of the segmenter. Each page is
//! made up for the test; together they cover the layouts named in
//! docs/architecture.md (Independent-style closing bylines, BBC-style
//! leading stamps, Guardian-style key events, Sky-style glued times…).

use tidings_segment::{segment_with, Article, BylinePlacement, Entry, Role, SegmentOptions};

/// Segments `page` with its parts, after checking that leaving the parts
/// out changes nothing else and that bodies are sized to fit: every layout
/// below checks that too.
fn segment<'a>(page: &[&'a str]) -> Article<'a> {
    let full = segment_with(page, SegmentOptions::default());
    let lean = segment_with(page, SegmentOptions { parts: false });
    assert!(lean.parts.is_empty());
    assert_eq!(
        Article {
            parts: full.parts.clone(),
            ..lean
        },
        full
    );
    // The article is kept while it is exported: no entry's body holds
    // room it does not use.
    for entry in &full.entries {
        assert_eq!(entry.body.capacity(), entry.body.len());
    }
    full
}

fn roles(page: &[&str]) -> Vec<&'static str> {
    segment(page).parts.iter().map(|p| p.role.name()).collect()
}

fn headline<'a>(e: &Entry<'a>) -> Option<&'a str> {
    e.headline.map(|p| p.text)
}

fn body<'a>(e: &Entry<'a>) -> Vec<&'a str> {
    e.body.iter().map(|p| p.text).collect()
}

fn texts<'a>(pieces: &[tidings_segment::Piece<'a>]) -> Vec<&'a str> {
    pieces.iter().map(|p| p.text).collect()
}

fn time(e: &Entry<'_>) -> Option<String> {
    e.byline.and_then(|(_, b)| b.time).map(|t| t.to_string())
}

fn author<'a>(e: &Entry<'a>) -> Option<&'a str> {
    e.byline.and_then(|(_, b)| b.author)
}

#[test]
fn title_standfirst_summary_and_headlined_entries() {
    let page = [
        "Ukraine-Russia latest: North Korea soldiers targeted for first time, Kyiv says",
        "US says North Korea has deployed 10,000 troops in Russia",
        "North Korean troops have been hit by Ukraine’s army for the first time.",
        "The UK has become the president of the UN’s Security Council.",
        "Putin issuing Russian uniforms to North Korean troops, says Pentagon",
        "Russia is handing out military kits to North Korean soldiers, the Pentagon has said.",
        "Germany pledges €200m in winter aid for Ukraine",
        "Germany will give Ukraine another €200m in aid.",
        "Ms Baerbock has stressed Germany’s continued backing for Ukraine.",
    ];
    assert_eq!(
        roles(&page),
        [
            "title",
            "standfirst",
            "summary",
            "summary",
            "headline",
            "body",
            "headline",
            "body",
            "body"
        ]
    );
    let article = segment(&page);
    assert_eq!(article.entries.len(), 2);
    assert_eq!(body(&article.entries[1]), [page[7], page[8]]);
    assert_eq!(
        (article.entries[1].first_line, article.entries[1].last_line),
        (6, 8)
    );
    assert_eq!(article.byline_placement, None);
}

#[test]
fn page_starting_mid_lede_has_no_title() {
    let page = [
        "The Group of Seven has branded Russia’s deployment a “desperate effort”, as Kyiv reported clashes.",
        "Kyiv confirmed on Monday that they had fired at North Korean soldiers.",
        "Putin shortening training of North Korean troops for frontline, says Ukrainian minister",
        "The training period has been cut short, Kyiv says.",
    ];
    let article = segment(&page);
    assert_eq!(article.title, None);
    assert_eq!(article.standfirst, None);
    assert_eq!(texts(&article.summary), [page[0], page[1]]);
    assert_eq!(headline(&article.entries[0]), Some(page[2]));
}

#[test]
fn closing_bylines_end_their_entries_and_may_stand_alone_with_a_headline() {
    let page = [
        "The ministers condemned the deployment.",
        "Putin shortening training of North Korean troops for frontline, says Ukrainian minister",
        "The training period before North Korean soldiers join the fight has been cut short.",
        "Arpan Rai6 November 2024 04:16",
        "US presses China to rein in North Korea and Russia as tensions rise",
        "Tom Watling6 November 2024 04:00",
        "Zelensky confirms first battles with North Korean soldiers",
        "Tom Watling5 November 2024 23:00",
    ];
    let article = segment(&page);
    assert_eq!(article.byline_placement, Some(BylinePlacement::Closing));
    assert_eq!(texts(&article.summary), [page[0]]);
    assert_eq!(article.entries.len(), 3);
    let first = &article.entries[0];
    assert_eq!(
        (headline(first), body(first)),
        (Some(page[1]), vec![page[2]])
    );
    assert_eq!(author(first), Some("Arpan Rai"));
    let second = &article.entries[1];
    assert_eq!((headline(second), second.body.len()), (Some(page[4]), 0));
    assert_eq!(second.byline.unwrap().0.line, 5);
    assert_eq!(time(&article.entries[2]).as_deref(), Some("23:00"));
}

#[test]
fn leading_stamps_open_their_entries() {
    let page = [
        "Officials said the talks would resume.",
        "published at 10:15 GMT",
        "Talks resume in Geneva",
        "Delegations met again this morning.",
        "published at 09:40 GMT",
        "Markets steady after overnight falls",
        "Shares opened flat.",
    ];
    let article = segment(&page);
    assert_eq!(article.byline_placement, Some(BylinePlacement::Leading));
    assert_eq!(texts(&article.summary), [page[0]]);
    assert_eq!(article.entries.len(), 2);
    assert_eq!(time(&article.entries[0]).as_deref(), Some("10:15"));
    assert_eq!(article.entries[0].byline.unwrap().1.zone, Some("GMT"));
    assert_eq!(headline(&article.entries[0]), Some(page[2]));
    assert_eq!(body(&article.entries[0]), [page[3]]);
    assert_eq!(headline(&article.entries[1]), Some(page[5]));
}

#[test]
fn stamps_between_headline_and_body() {
    let page = [
        "Talks resume in Geneva",
        "23:24 , James Reynolds",
        "Delegations met again this morning.",
        "Markets steady after overnight falls",
        "22:58 , Ellie Fraser",
        "Shares opened flat.",
    ];
    let article = segment(&page);
    assert_eq!(article.byline_placement, Some(BylinePlacement::Between));
    assert_eq!(article.entries.len(), 2);
    assert_eq!(author(&article.entries[0]), Some("James Reynolds"));
    assert_eq!(headline(&article.entries[1]), Some(page[3]));
    assert_eq!(body(&article.entries[1]), [page[5]]);
}

#[test]
fn times_glued_to_posts_open_entries_with_or_without_headline() {
    let page = [
        "Stocks tumbled on Wall Street on Monday.",
        "12:48 - Retailers were among the hardest hit, analysts said.",
        "“Every one of these companies told us they could pass costs on,” said one.",
        "12:10 - Gold rose 1.8% to a record $3,412 an ounce.",
    ];
    let article = segment(&page);
    assert_eq!(texts(&article.summary), [page[0]]);
    assert_eq!(article.entries.len(), 2);
    let first = &article.entries[0];
    assert_eq!(headline(first), None);
    assert_eq!(time(first).as_deref(), Some("12:48"));
    assert_eq!(
        body(first),
        [
            "Retailers were among the hardest hit, analysts said.",
            page[2]
        ]
    );
    assert_eq!(
        body(&article.entries[1]),
        ["Gold rose 1.8% to a record $3,412 an ounce."]
    );
}

#[test]
fn four_digit_times_labels_and_numbered_posts() {
    let page = [
        "2305 – DONE DEAL – Osei completes Everton move",
        "Everton have completed the signing of striker Malik Osei.",
        "2241 – BREAKING: Forest agree £15m fee for Reid",
        "Nottingham Forest have agreed a fee with Brentford.",
    ];
    let article = segment(&page);
    assert_eq!(
        headline(&article.entries[0]),
        Some("DONE DEAL – Osei completes Everton move")
    );
    assert_eq!(time(&article.entries[0]).as_deref(), Some("23:05"));
    assert_eq!(
        headline(&article.entries[1]),
        Some("Forest agree £15m fee for Reid")
    );

    let numbered = [
        "1. The latest headlines",
        "5.40pm",
        "The hottest temperature of the year so far was recorded at Heathrow.",
        "2. Hosepipe ban announced for Sussex and Kent",
        "5.10pm",
        "Southern Water said reservoir levels had fallen.",
    ];
    let article = segment(&numbered);
    assert_eq!(article.byline_placement, Some(BylinePlacement::Between));
    assert_eq!(headline(&article.entries[0]), Some("The latest headlines"));
    assert_eq!(time(&article.entries[1]).as_deref(), Some("17:10"));
}

#[test]
fn key_points_under_headings_with_markers_alone_or_not() {
    let page = [
        "Storm Imogen live: red warning for Wales",
        "Key events",
        "- Red warning issued for coastal Wales",
        "- Rail services suspended west of Bristol",
        "11.42am GMT",
        "Man dies after tree falls on car near Tenby",
        "A man has died after a tree fell on his car.",
    ];
    let article: Article = segment(&page);
    assert_eq!(article.title.map(|p| p.text), Some(page[0]));
    assert_eq!(
        texts(&article.key_points),
        [
            "Red warning issued for coastal Wales",
            "Rail services suspended west of Bristol"
        ]
    );
    assert_eq!(article.parts[1].role, Role::ListHeading);
    assert!(!Role::ListHeading.is_content());
    assert_eq!(article.entries.len(), 1);
    assert_eq!(time(&article.entries[0]).as_deref(), Some("11:42"));

    let markers = [
        "What we covered here",
        "•",
        "Chebet won in a course record",
        "•",
        "Worku outsprinted Kiprop",
    ];
    let article = segment(&markers);
    assert_eq!(texts(&article.key_points), [markers[2], markers[4]]);
    assert_eq!(
        article
            .parts
            .iter()
            .filter(|p| p.role == Role::Marker)
            .count(),
        2,
        "lone markers are set aside"
    );
}

#[test]
fn a_restated_headline_is_a_deck_but_a_new_one_starts_an_entry() {
    let page = [
        "Ukraine war latest: UN Security Council meets",
        "The council met on Monday.",
        "UK becomes president of the UN Security Council",
        "UK is now president of the UN Security Council",
        "The UK has become the president of the UN’s Security Council.",
        "Navalny’s prison diaries to be released this week",
        "Ukrainian military denies Russian advances in Chasiv Yar",
        "Putin’s forces have not “managed to gain a foothold” in the city.",
    ];
    assert_eq!(
        roles(&page),
        [
            "title",
            "summary",
            "headline",
            "alt-headline",
            "body",
            "headline",
            "headline",
            "body"
        ]
    );
    let article = segment(&page);
    assert_eq!(article.entries.len(), 3);
    assert_eq!(body(&article.entries[0]), [page[4]]);
    assert!(article.entries[1].body.is_empty());
}

#[test]
fn two_stamps_before_the_body_make_one_byline() {
    let page = [
        "Polls close across Ohio",
        "[Updated 11:11 p.m. ET]",
        "Harlan declines to concede as count tightens",
        "From CNN's Rachel Kwan",
        "Wes Harlan told supporters he would not concede.",
        "[Updated 10:38 p.m. ET]",
        "Delgado thanks volunteers",
        "From CNN's Marcus Hill",
        "In her victory speech, Delgado thanked union volunteers.",
    ];
    let article = segment(&page);
    assert_eq!(article.byline_placement, Some(BylinePlacement::Leading));
    assert_eq!(article.entries.len(), 2);
    let first = &article.entries[0];
    assert_eq!(
        (author(first), time(first).as_deref()),
        (Some("Rachel Kwan"), Some("23:11"))
    );
    assert_eq!(body(first), [page[4]]);
    assert_eq!(author(&article.entries[1]), Some("Marcus Hill"));
}

#[test]
fn clauses_short_sentences_and_two_sentence_lines_are_body() {
    let page = [
        "Ukraine war latest: Kyiv protests",
        "Ukraine’s government summoned diplomats on Monday.",
        "Ukraine slams UN chief for 'accepting Russia summit invite'",
        "Ukraine’s foreign ministry has criticised the UN secretary general.",
        "The UN has neither confirmed nor denied whether Mr Guterres will be attending the summit in Kazan,",
        "No trains are running.",
        "Opponents say the sums do not add up. Labour says care alone swallows half the budget",
    ];
    assert_eq!(
        roles(&page),
        ["title", "summary", "headline", "body", "body", "body", "body"]
    );
}

#[test]
fn a_first_line_is_the_title_unless_its_neighbours_make_it_a_post() {
    // Stamps lead the posts, and none leads the first line: a title.
    let page = [
        "Chile Mine Collapse: Rescuers Reach Air Pocket",
        "Engineers said a second bore hole had broken through.",
        "published at 16:12",
        "Rescuers hear tapping from below",
        "Workers listening at the surface heard tapping.",
    ];
    let article = segment(&page);
    assert_eq!(article.title.map(|p| p.text), Some(page[0]));
    assert_eq!(texts(&article.summary), [page[1]]);
    // A byline closes the first post: the first line was its headline.
    let page = [
        "Putin shortening training of North Korean troops",
        "The training period has been cut short, Kyiv says.",
        "Arpan Rai6 November 2024 04:16",
        "US presses China to rein in North Korea",
        "Tom Watling6 November 2024 04:00",
    ];
    let article = segment(&page);
    assert_eq!(article.title, None);
    assert_eq!(headline(&article.entries[0]), Some(page[0]));
}

#[test]
fn trailing_times_lists_without_markers_and_glued_times() {
    let page = [
        "Takeover vote live: Halvorsen investors back offer",
        "List of key events",
        "Shareholders approve the $38bn offer",
        "Activist fund votes against",
        "Vote Passes With 71% Support (10:58 a.m.)",
        "The offer was backed by 71% of votes cast.",
        "14:32Airport says runways could reopen by 6pm",
        "A spokesperson said crews were clearing snow.",
    ];
    let article = segment(&page);
    assert_eq!(texts(&article.key_points), [page[2], page[3]]);
    assert_eq!(
        headline(&article.entries[0]),
        Some("Vote Passes With 71% Support")
    );
    assert_eq!(time(&article.entries[0]).as_deref(), Some("10:58"));
    assert_eq!(
        headline(&article.entries[1]),
        Some("Airport says runways could reopen by 6pm")
    );
    assert_eq!(time(&article.entries[1]).as_deref(), Some("14:32"));
}

#[test]
fn a_page_starting_inside_a_post_gives_a_headless_entry() {
    let page = [
        "said the water had reached the first floor of homes within an hour.",
        "Rescue teams took more than 200 people from the town overnight.",
        "Tara Cole14 May 2025 09:40",
        "Prime minister to visit flooded region",
        "Italy’s prime minister will visit this afternoon.",
        "Tara Cole14 May 2025 09:12",
    ];
    let article = segment(&page);
    assert_eq!(article.byline_placement, Some(BylinePlacement::Closing));
    assert!(article.summary.is_empty());
    assert_eq!(article.entries.len(), 2);
    assert_eq!(headline(&article.entries[0]), None);
    assert_eq!(body(&article.entries[0]), [page[0], page[1]]);
    assert_eq!(
        article
            .parts
            .iter()
            .filter(|p| p.role == Role::Summary)
            .count(),
        0,
        "the parts say body too"
    );
}

#[test]
fn every_piece_has_one_part_in_order() {
    let page = [
        "Talks resume in Geneva",
        "10:22 - Delegations met again.",
        "More soon.",
    ];
    let article = segment(&page);
    let lines: Vec<usize> = article.parts.iter().map(|p| p.piece.line).collect();
    assert_eq!(lines, [0, 1, 1, 2]);
    assert_eq!(article.parts[1].role, Role::Byline);
}

#[test]
fn empty_page() {
    let page: [&str; 0] = [];
    let article = segment(&page);
    assert!(article.entries.is_empty() && article.summary.is_empty() && article.title.is_none());
}
