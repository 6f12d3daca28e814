//! Small pages, one per behaviour of the segmenter.

use tidings_segment::{segment, BylinePlacement, Role};

fn roles(page: &[&str]) -> Vec<&'static str> {
    segment(page)
        .decisions
        .iter()
        .map(|d| d.role.name())
        .collect()
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
    assert_eq!(article.entries[1].body, [7, 8]);
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
    assert_eq!(article.summary, [0, 1]);
    assert_eq!(article.entries[0].headline, Some(2));
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
    assert_eq!(article.summary, [0]);
    assert_eq!(article.entries.len(), 3);
    let first = &article.entries[0];
    assert_eq!((first.headline, first.body.as_slice()), (Some(1), &[2][..]));
    assert_eq!(first.byline.unwrap().1.author, Some("Arpan Rai"));
    let second = &article.entries[1];
    assert_eq!((second.headline, second.body.len()), (Some(4), 0));
    assert_eq!(second.byline.unwrap().0, 5);
    assert_eq!(
        article.entries[2]
            .byline
            .unwrap()
            .1
            .time
            .unwrap()
            .to_string(),
        "23:00"
    );
}

#[test]
fn leading_bylines_open_their_entries() {
    let page = [
        "Officials said the talks would resume.",
        "Jane Doe6 November 2024 10:15",
        "Talks resume in Geneva",
        "Delegations met again this morning.",
        "John Roe6 November 2024 09:40",
        "Markets steady after overnight falls",
        "Shares opened flat.",
    ];
    let article = segment(&page);
    assert_eq!(article.byline_placement, Some(BylinePlacement::Leading));
    assert_eq!(article.summary, [0]);
    assert_eq!(article.entries.len(), 2);
    assert_eq!(
        article.entries[0].byline.unwrap().1.author,
        Some("Jane Doe")
    );
    assert_eq!(article.entries[0].headline, Some(2));
    assert_eq!(article.entries[0].body, [3]);
    assert_eq!(
        article.entries[1].byline.unwrap().1.author,
        Some("John Roe")
    );
    assert_eq!(article.entries[1].headline, Some(5));
}

#[test]
fn bylines_between_headline_and_body() {
    let page = [
        "Talks resume in Geneva",
        "Jane Doe6 November 2024 10:15",
        "Delegations met again this morning.",
        "Markets steady after overnight falls",
        "John Roe6 November 2024 09:40",
        "Shares opened flat.",
    ];
    let article = segment(&page);
    assert_eq!(article.byline_placement, Some(BylinePlacement::Between));
    assert_eq!(article.entries.len(), 2);
    assert_eq!(article.entries[1].headline, Some(3));
    assert_eq!(article.entries[1].byline.unwrap().0, 4);
    assert_eq!(article.entries[1].body, [5]);
}

#[test]
fn a_restated_headline_is_set_aside_but_a_new_one_starts_an_entry() {
    let page = [
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
    assert_eq!(article.entries[0].body, [2]);
    assert!(article.entries[1].body.is_empty());
    assert!(!Role::AltHeadline.is_content());
}

#[test]
fn clauses_and_short_sentences_are_body_not_headlines() {
    let page = [
        "Ukraine slams UN chief for 'accepting Russia summit invite'",
        "Ukraine’s foreign ministry has criticised the UN secretary general.",
        "The UN has neither confirmed nor denied whether Mr Guterres will be attending the summit in Kazan,",
        "“The UN secretary general declined Ukraine’s invitation,” the ministry said.",
        "The UK has become the president of the UN’s Security Council.",
    ];
    assert_eq!(roles(&page), ["headline", "body", "body", "body", "body"]);
}

#[test]
fn a_page_starting_inside_a_post_gives_a_headless_entry() {
    let page = [
        "The talks ended without agreement, officials said.",
        "Jane Doe6 November 2024 10:15",
        "Markets steady after overnight falls",
        "Shares opened flat.",
        "John Roe6 November 2024 09:40",
    ];
    let article = segment(&page);
    assert_eq!(article.byline_placement, Some(BylinePlacement::Closing));
    assert!(article.summary.is_empty());
    assert_eq!(article.entries.len(), 2);
    assert_eq!(article.entries[0].headline, None);
    assert_eq!(article.entries[0].body, [0]);
}

#[test]
fn empty_page() {
    let page: [&str; 0] = [];
    let article = segment(&page);
    assert!(article.entries.is_empty() && article.summary.is_empty() && article.title.is_none());
}
