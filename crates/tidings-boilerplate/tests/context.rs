//! The context passes (`generic/author-list`, `generic/chrome-run`), one
//! clause at a time, on small pages: the chrome each clause drops, and the
//! headings, headlines, bylines and stamps it must keep.

mod common;

use common::decide_builtin as decide;
use tidings_boilerplate::{RulePack, RuleSet, Verdict};

const RUN: &str = "generic/chrome-run";
const AUTHORS: &str = "generic/author-list";

const TITLE: &str =
    "Storm Imogen live: red warning for Wales and south-west England as 90mph gusts forecast";
const PARA: &str = "The Met Office has upgraded its amber warning to red for coastal Wales.";
const PARA2: &str = "It is only the fifth red wind warning issued since 2011.";

#[test]
fn context_passes_are_listed_rules() {
    let rules = RuleSet::builtin();
    let run = rules.rules().find(|(_, r)| r.name() == RUN);
    let authors = rules.rules().find(|(_, r)| r.name() == AUTHORS);
    let (run, authors) = (run.unwrap().1, authors.unwrap().1);
    assert_eq!(run.pack(), "generic");
    assert!(run.description().starts_with("Context pass"));
    assert!(authors.description().starts_with("Context pass"));
}

// --- chrome-run: what makes a run chrome context ---------------------------

#[test]
fn labels_at_the_page_top_are_chrome() {
    // A masthead alone above the title.
    assert_eq!(decide(&["ITV News", TITLE, PARA]), [RUN, "", ""]);
    // A masthead and a section.
    assert_eq!(
        decide(&["CNN", "Politics", TITLE, PARA]),
        [RUN, RUN, "", ""]
    );
}

#[test]
fn labels_next_to_dropped_lines_are_chrome() {
    // Sections under a skip link, above the title.
    assert_eq!(
        decide(&[
            TITLE,
            "Skip to main content",
            "UK",
            "World",
            "Climate crisis",
            TITLE,
            PARA
        ]),
        ["", "generic/site-navigation", RUN, RUN, RUN, "", ""]
    );
    // A source label between an aggregator's chrome lines.
    assert_eq!(
        decide(&[
            "Feedback",
            "The Independent",
            "Story by Hannah Olsen",
            TITLE,
            PARA
        ]),
        [
            "generic/site-navigation",
            RUN,
            "generic/aggregator-credit",
            "",
            ""
        ]
    );
    // A section label before dropped chrome, under the title.
    assert_eq!(
        decide(&[TITLE, "Business live", "Updated", PARA]),
        ["", RUN, "generic/status-label", ""]
    );
}

#[test]
fn a_run_of_three_labels_is_chrome_anywhere() {
    assert_eq!(
        decide(&[PARA, "Home", "News", "Sport", TITLE, PARA2]),
        ["", RUN, RUN, RUN, "", ""]
    );
    // Authors one per line.
    assert_eq!(
        decide(&[TITLE, PARA, "Kate Morrow", "Dan Whitby", "Anjali Rao"]),
        ["", "", RUN, RUN, RUN]
    );
}

#[test]
fn a_run_enclosed_in_content_is_a_list_in_a_post() {
    // A line-up one name per line, between two sentences.
    assert_eq!(
        decide(&[
            "Subs: Neto, Tierney, Jorginho.",
            "Chelsea XI",
            "Sanchez",
            "James",
            "Fofana",
            "Referee: Michael Oliver."
        ]),
        ["", "", "", "", "", ""]
    );
    // The same run under a title is a menu.
    assert_eq!(
        decide(&[TITLE, "Home", "News", "Sport", PARA]),
        ["", RUN, RUN, "", ""]
    );
}

#[test]
fn a_short_first_line_naming_a_live_page_is_the_title() {
    assert_eq!(
        decide(&["Trump news live", "Live", PARA]),
        ["", "generic/status-label", ""]
    );
    assert_eq!(decide(&["Ukraine war latest", "Sign in", PARA])[0], "");
    // Only on the first line: elsewhere a live section label is chrome.
    assert_eq!(
        decide(&["CNN", "Business live", "Updated", PARA]),
        [RUN, RUN, "generic/status-label", ""]
    );
}

#[test]
fn labels_without_chrome_context_are_kept() {
    // One label between paragraphs: a short body line or headline.
    assert_eq!(decide(&[PARA, "More soon", PARA2]), ["", "", ""]);
    // Two labels between paragraphs: a headline and a short deck.
    assert_eq!(
        decide(&[PARA, "Tobacco duty up", "Smokers pay more", PARA2]),
        ["", "", "", ""]
    );
    // Two labels at the end of the page, after content.
    assert_eq!(
        decide(&[PARA, "Jane Smith", "Senior Reporter"]),
        ["", "", ""]
    );
}

// --- chrome-run: exception 1, a label heading content -----------------------

#[test]
fn a_label_followed_by_a_paragraph_is_a_headline() {
    assert_eq!(
        decide(&["Advertisement", "Turnout down in Hartcliffe", PARA]),
        ["generic/advertisement-label", "", ""]
    );
    // A long line without a full stop is a (cut) paragraph too.
    let cut = "Scientists say the rivers that run off the Apennines into the Po valley are increasingly overwhelmed by short bursts of extreme rain which";
    assert_eq!(
        decide(&["Share", "Why it keeps flooding", cut]),
        ["generic/share-widget", "", ""]
    );
    // A title is not a paragraph: the masthead above it stays chrome.
    assert_eq!(decide(&["Sky News", TITLE]), [RUN, ""]);
}

#[test]
fn a_label_followed_by_a_stamp_or_byline_is_a_headline() {
    for stamp in [
        "16.18 BST",
        "published at 04:12 BST",
        "Arpan Rai6 November 2024 04:16",
        "[Updated 6:05 a.m. ET]",
        "35m ago",
        "1704849002777",
    ] {
        assert_eq!(
            decide(&[
                "Watch: Corrie-1 lifts off from Unst",
                "Weather delay",
                stamp,
                PARA
            ]),
            ["generic/media-promo", "", "", ""],
            "{stamp}"
        );
    }
    for byline in ["By Jane Smith", "From CNN's Dana Oyelaran"] {
        assert_eq!(
            decide(&["Advertisement", "Polls close", byline, PARA]),
            ["generic/advertisement-label", "", "", ""],
            "{byline}"
        );
    }
    // A headline glued to its time is no stamp: the section above it goes.
    assert_eq!(
        decide(&[
            "Sky Sports",
            "Football",
            "Transfer Centre",
            "2305 – DONE DEAL – Osei completes Everton move",
            PARA
        ]),
        [RUN, RUN, RUN, "", ""]
    );
}

#[test]
fn a_label_followed_by_a_bullet_is_a_list_heading() {
    assert_eq!(
        decide(&[
            "Updated",
            "Main points",
            "- Red warning issued",
            "- Trains suspended"
        ]),
        ["generic/status-label", "", "", ""]
    );
    // A marker alone on its line counts, as does a number.
    assert_eq!(
        decide(&["Live Reporting", "Catch up", "•", "Counting is under way"]),
        ["generic/status-label", "", "", ""]
    );
    assert_eq!(
        decide(&["LIVE", "Top lines", "1. Corrie-1 lifted off at 16.58 BST"]),
        ["generic/status-label", "", ""]
    );
}

#[test]
fn a_headline_over_a_caption_or_ad_is_kept() {
    // Under content, the last label looks past dropped lines.
    assert_eq!(
        decide(&[
            PARA,
            "Heathrow chaos",
            "Passengers queue in Terminal 5 at Heathrow. Pic: PA",
            "Advertisement",
            PARA2
        ]),
        [
            "",
            "",
            "generic/caption-credit",
            "generic/advertisement-label",
            ""
        ]
    );
    // At the page top or under dropped chrome it does not.
    assert_eq!(
        decide(&["Yahoo News", "Accept all", PARA]),
        [RUN, "generic/consent-notice", ""]
    );
    assert_eq!(
        decide(&[TITLE, "Sign in", "Heartland Daily", "Updated", PARA]),
        [
            "",
            "generic/site-navigation",
            RUN,
            "generic/status-label",
            ""
        ]
    );
    // Below content, a footer label over more footer stays chrome.
    assert_eq!(
        decide(&[PARA, "Topics", "Share", "Facebook"]),
        ["", RUN, "generic/share-widget", "generic/share-widget"]
    );
}

// --- chrome-run: exceptions 2 and 3 -------------------------------------------

#[test]
fn a_label_under_a_stamp_opens_a_post() {
    assert_eq!(
        decide(&["Posted at 14:02", "Weather delay", "Advertisement"]),
        ["", "", "generic/advertisement-label"]
    );
    // A number alone above a headline is a stamp too.
    assert_eq!(
        decide(&["1.", "Polls close", "Share"]),
        ["", "", "generic/share-widget"]
    );
}

#[test]
fn list_headings_are_kept_whatever_follows() {
    for heading in [
        "Key events",
        "Key Points",
        "Summary",
        "What we covered here",
        "Key events:",
    ] {
        assert_eq!(
            decide(&[
                "Updated",
                heading,
                "Red warning issued for coastal Wales and Cornwall"
            ]),
            ["generic/status-label", "", ""],
            "{heading}"
        );
    }
}

// --- chrome-run: lines that are never labels ---------------------------------

#[test]
fn stamps_bylines_and_sentences_are_never_dropped_by_the_pass() {
    for line in [
        "10:22",
        "published at 04:12 BST",
        "Ryan Doyle14:22",
        "21:40 , Lucy Farrant",
        "By Jane Smith",
        "From CNN's Rachel Kwan",
        "More soon.",
        "Lift-off!",
        "Is it safe?",
        "'We are in orbit'",
        "“It was like a wall”",
        "Lunch: England 181-6",
        "•",
        "1.",
    ] {
        assert_eq!(
            decide(&["Sign in", line, "Share"]),
            ["generic/site-navigation", "", "generic/share-widget"],
            "{line}"
        );
    }
}

#[test]
fn titles_and_long_lines_are_not_labels() {
    // Five words or more: a headline, never a label.
    assert_eq!(
        decide(&["Sign in", "How Boro could line up", "Share"]),
        ["generic/site-navigation", "", "generic/share-widget"]
    );
}

// --- author-list -----------------------------------------------------------------

#[test]
fn author_list_at_the_top_is_dropped() {
    assert_eq!(
        decide(&[
            TITLE,
            "Live Reporting",
            "Tom Hale, Priya Nair and Owen Marsh",
            "Summary",
            "• Counting is under way"
        ]),
        ["", "generic/status-label", AUTHORS, "", ""]
    );
    assert_eq!(
        decide(&[TITLE, "Jenna Ruiz and Carl Benton", PARA]),
        ["", AUTHORS, ""]
    );
}

#[test]
fn author_list_exceptions() {
    // After the first paragraph, names are content.
    assert_eq!(
        decide(&[TITLE, PARA, "Keir Starmer and Rishi Sunak", PARA2]),
        ["", "", "", ""]
    );
    // Followed by a date: a byline split in two.
    assert_eq!(
        decide(&[TITLE, "Jane Doe and John Roe", "14 March 2025 08:52", PARA]),
        ["", "", "", ""]
    );
    // Not names: places, single words, a phrase.
    for line in [
        "Sunderland and Middlesbrough",
        "Storms in Texas and Ohio",
        "Tom Hale and the team",
    ] {
        assert_eq!(decide(&[TITLE, line, PARA]), ["", "", ""], "{line}");
    }
}

#[test]
fn author_list_under_the_title_and_standfirst_is_dropped() {
    let standfirst = "Engineers said a second bore hole had broken through, raising hopes.";
    // Under a standfirst that ends with a full stop, over a list heading.
    assert_eq!(
        decide(&[
            TITLE,
            standfirst,
            "Lena Ortiz, Tomás Reyes and Priya Anand",
            "Here’s what to know:",
            "• A rescue drill broke through early on Tuesday."
        ]),
        ["", "", AUTHORS, "", ""]
    );
    // With `By` and a wire agency, over the page's dropped stamp.
    assert_eq!(
        decide(&[
            TITLE,
            standfirst,
            "By Camille Roux & Julien Ferrand with AFP",
            "Published on 23/07/2025 - 10:41 • Updated 17:20",
            PARA
        ]),
        ["", "", AUTHORS, "generic/page-stamp", ""]
    );
    assert_eq!(
        decide(&[
            TITLE,
            "By Harriet Cole and Sam Whitlow",
            "Updated 15 January 2025 5:02pm",
            "16:42",
            "Passengers begin to disembark",
            PARA
        ]),
        ["", AUTHORS, "generic/page-updated-stamp", "", "", ""]
    );
}

#[test]
fn two_names_in_a_post_are_kept() {
    // A post's byline naming two people, under the post's stamp.
    assert_eq!(
        decide(&[
            TITLE,
            PARA,
            "Posted 5m ago",
            "By Tara Nguyen and Hamish Doyle",
            "Crews restore power to 22,000 homes",
            PARA2
        ]),
        ["", "", "", "", "", ""]
    );
    // Below three paragraphs of the lede, names over a dropped line.
    assert_eq!(
        decide(&[
            TITLE,
            PARA,
            PARA2,
            PARA,
            "Keir Starmer and Rishi Sunak",
            "Advertisement",
            PARA2
        ]),
        ["", "", "", "", "", "generic/advertisement-label", ""]
    );
    // A single `By Name` under the title is a byline: kept.
    assert_eq!(
        decide(&[TITLE, PARA, "By Daniel Sato", "Advertisement", PARA2]),
        ["", "", "", "generic/advertisement-label", ""]
    );
}

#[test]
fn an_initialism_in_a_menu_is_a_label() {
    assert_eq!(
        decide(&["Home", "News", "Royal Family", "U.S.", "Sport", TITLE, PARA]),
        [RUN, RUN, RUN, RUN, RUN, "", ""]
    );
    // A sentence that ends with one is still a paragraph.
    assert_eq!(
        decide(&["Sign in", "He flew home to the U.S.", "Share"]),
        ["generic/site-navigation", "", "generic/share-widget"]
    );
}

#[test]
fn list_headings_of_many_publishers_are_kept() {
    for heading in [
        "Here’s what to know:",
        "What to know",
        "List of key events",
        "Highlights",
        "To remember :",
        "Key events",
    ] {
        // Among menus and next to dropped chrome, over unmarked items.
        assert_eq!(
            decide(&[
                "Home",
                "World",
                "Sign in",
                heading,
                "Cyclone Amara made landfall south of Beira on Tuesday.",
                "Beira airport is closed."
            ]),
            [RUN, RUN, "generic/site-navigation", "", "", ""],
            "{heading}"
        );
    }
}

// --- packs declare the passes -----------------------------------------------------

#[test]
fn a_user_pack_can_turn_a_pass_on_and_rules_without_it_do_not_run_it() {
    let page = ["CNN", "Politics", TITLE, PARA];
    let plain = RuleSet::new([RulePack::from_toml(
        "[pack]\nname = 'mine'\n[[rule]]\nname = 'x'\nmatch = { exact = ['x'] }\n",
        "mine.toml",
    )
    .unwrap()])
    .unwrap();
    assert!(plain.classify(&page).verdicts.iter().all(|v| v.is_keep()));

    let with_pass = RuleSet::new([RulePack::from_toml(
        "[pack]\nname = 'mine'\n[[rule]]\nname = 'menus'\ncontext = 'chrome-run'\n",
        "mine.toml",
    )
    .unwrap()])
    .unwrap();
    let names: Vec<String> = with_pass
        .classify(&page)
        .verdicts
        .iter()
        .map(|v| match v {
            Verdict::Keep => String::new(),
            Verdict::Drop(id) => with_pass.rule(*id).name().to_string(),
        })
        .collect();
    assert_eq!(names, ["mine/menus", "mine/menus", "", ""]);
}

#[test]
fn a_pass_declared_twice_runs_once_under_the_first_name() {
    let user = RulePack::from_toml(
        "[pack]\nname = 'mine'\n[[rule]]\nname = 'menus'\ncontext = 'chrome-run'\n",
        "mine.toml",
    )
    .unwrap();
    let rules = RuleSet::with_builtin([user]).unwrap();
    let verdicts = rules.classify(&["CNN", TITLE]).verdicts;
    let Verdict::Drop(id) = verdicts[0] else {
        panic!("kept a masthead")
    };
    assert_eq!(rules.rule(id).name(), "mine/menus");
}

#[test]
fn context_rules_are_checked() {
    let unknown = RulePack::from_toml(
        "[pack]\nname = 'x'\n[[rule]]\nname = 'r'\ncontext = 'nope'\n",
        "bad.toml",
    )
    .unwrap_err();
    assert!(unknown.to_string().contains("chrome-run"), "{unknown}");
    let mixed = RulePack::from_toml(
        "[pack]\nname = 'x'\n[[rule]]\nname = 'r'\ncontext = 'chrome-run'\nmatch = { exact = ['a'] }\n",
        "bad.toml",
    )
    .unwrap_err();
    assert!(mixed.to_string().contains("context"), "{mixed}");
}
