//! The rule-pack format and the built-in packs, each rule on a small page
//! of its own.

mod common;

use common::decide;
use tidings_boilerplate::{RuleError, RulePack, RuleSet};

fn pack(text: &str) -> RulePack {
    RulePack::from_toml(text, "test.toml").unwrap()
}

#[test]
fn builtin_packs_compile_and_name_their_rules() {
    let rules = RuleSet::builtin();
    let names: Vec<&str> = rules.rules().map(|(_, r)| r.name()).collect();
    assert!(names.contains(&"independent/donation-appeal"));
    assert!(names.contains(&"generic/comments-heading"));
    assert!(rules.rules().all(|(_, r)| !r.description().is_empty()));
    assert_eq!(rules.publisher("independent"), Some("The Independent"));
    assert_eq!(rules.publisher("generic"), None);
}

#[test]
fn donation_appeal_block_is_dropped_whole() {
    let page = [
        "Ukraine-Russia war latest: Blasts heard in Kyiv",
        "Your support helps us to tell the story",
        "From reproductive rights to climate change to Big Tech, The Independent is on the ground when the story is developing.",
        "At such a critical moment in US history, we need reporters on the ground.",
        "The Independent is trusted by Americans across the entire political spectrum.",
        "Your support makes all the difference.",
        "Ukraine is repelling a second wave of overnight attacks.",
    ];
    let got = decide(RuleSet::builtin(), &page);
    assert_eq!(got[0], "");
    for name in &got[1..6] {
        assert_eq!(name, "independent/donation-appeal");
    }
    assert_eq!(got[6], "");
}

#[test]
fn appeal_heading_alone_is_dropped_and_the_lede_kept() {
    let page = [
        "Your support helps us to tell the story",
        "South Korea has summoned the Russian ambassador.",
        "A new video purporting to show recruits has been published.",
    ];
    let got = decide(RuleSet::builtin(), &page);
    assert_eq!(got, ["independent/donation-appeal", "", ""]);
}

#[test]
fn footer_promos_and_cards() {
    let page = [
        "Your support helps us to tell the story", // marks the page as the Independent's
        "The re-election of the pro-European leader reinforces Moldova’s drive.",
        "Namita Singh reports.",
        "Moldova’s pro-EU president Maia Sandu wins election amid Russian meddling claims",
        "Her win comes as Moldova’s EU membership efforts gain momentum",
        "In pics: Russia bombs Ukraine’s capital and Kharkiv",
        "PHOTOS: Germany’s top diplomat in Kyiv",
        "UK becomes president of the UN Security Council",
        "Subscribe to Independent Premium to bookmark this article",
        "Want to bookmark your favourite articles and stories to read or reference later? Start your Independent Premium subscription today.",
        "Join our commenting forum",
        "Join thought-provoking conversations, follow other Independent readers and see their replies",
        "Comments",
    ];
    let got = decide(RuleSet::builtin(), &page);
    assert_eq!(
        got,
        [
            "independent/donation-appeal",
            "",
            "independent/related-article-card",
            "independent/related-article-card",
            "independent/related-article-card",
            "generic/media-promo",
            "generic/media-promo",
            "",
            "independent/premium-footer",
            "independent/premium-footer",
            "independent/comments-footer",
            "independent/comments-footer",
            "generic/comments-heading",
        ]
    );
}

#[test]
fn publisher_rules_sleep_on_other_publishers_pages() {
    // The same card shape on a page with no Independent marker is content.
    let page = [
        "Our correspondent reports.",
        "Jane Doe reports.",
        "Troops crossed the river at dawn",
    ];
    let got = decide(RuleSet::builtin(), &page);
    assert_eq!(got, ["", "", ""]);
    assert_eq!(RuleSet::builtin().classify(&page).packs, ["generic"]);
}

#[test]
fn sentences_mentioning_comments_or_sharing_are_kept() {
    let page = [
        "Comments from the minister drew criticism.",
        "Share prices fell sharply on Monday.",
        "Advertisement revenue is down.",
    ];
    assert_eq!(decide(RuleSet::builtin(), &page), ["", "", ""]);
}

#[test]
fn user_packs_come_first_and_ignore_case_works() {
    let user = pack(
        r#"
        [pack]
        name = "mine"
        [[rule]]
        name = "newsletter"
        match = { exact = ["sign up now"], prefix = ["get the briefing"], ignore_case = true }
        [[rule]]
        name = "all-comments"
        match = { exact = ["Comments"] }
        "#,
    );
    let rules = RuleSet::with_builtin([user]).unwrap();
    let got = decide(
        &rules,
        &[
            "Sign Up NOW",
            "GET THE BRIEFING daily",
            "Comments",
            "Sign up now, she urged voters.",
        ],
    );
    assert_eq!(
        got,
        [
            "mine/newsletter",
            "mine/newsletter",
            "mine/all-comments",
            ""
        ]
    );
}

#[test]
fn block_rule_stops_at_nearest_end_within_max_lines() {
    let rules = RuleSet::new([pack(
        r#"
        [pack]
        name = "t"
        [[rule]]
        name = "b"
        start = { exact = ["START"] }
        end = { exact = ["END"] }
        max_lines = 3
        "#,
    )])
    .unwrap();
    // End within reach: the run is dropped.
    assert_eq!(
        decide(&rules, &["START", "x", "END", "y"]),
        ["t/b", "t/b", "t/b", ""]
    );
    // End too far: only the start line goes.
    assert_eq!(
        decide(&rules, &["START", "x", "y", "END"]),
        ["t/b", "", "", ""]
    );
    // End at the very start of the next run does not overlap.
    assert_eq!(
        decide(&rules, &["START", "END", "START", "END"]),
        ["t/b"; 4]
    );
}

#[test]
fn lead_rule_is_cut_at_page_end() {
    let rules = RuleSet::new([pack(
        r#"
        [pack]
        name = "t"
        [[rule]]
        name = "card"
        start = { prefix = ["Related:"] }
        lines = 3
        "#,
    )])
    .unwrap();
    assert_eq!(
        decide(&rules, &["a", "Related: x", "b"]),
        ["", "t/card", "t/card"]
    );
}

#[test]
fn malformed_packs_are_refused_with_a_reason() {
    let err =
        RulePack::from_toml("[pack]\nname = 'x'\n[[rule]]\nname = 'r'\n", "bad.toml").unwrap_err();
    assert!(
        matches!(err, RuleError::Invalid { ref rule, .. } if rule == "r"),
        "{err}"
    );

    let err = RulePack::from_toml("[pack]\nname = 'x'\nbogus = 1\n", "bad.toml").unwrap_err();
    assert!(err.to_string().starts_with("bad.toml:"), "{err}");
    assert!(err.to_string().contains("bogus"), "{err}");

    let err = RulePack::from_toml(
        "[pack]\nname = 'x'\n[[rule]]\nname = 'r'\nstart = { exact = ['a'] }\nend = { exact = ['b'] }\n",
        "bad.toml",
    )
    .unwrap_err();
    assert!(err.to_string().contains("max_lines"), "{err}");

    let twice = "[pack]\nname = 'x'\n[[rule]]\nname = 'r'\nmatch = { exact = ['a'] }\n[[rule]]\nname = 'r'\nmatch = { exact = ['b'] }\n";
    assert!(RulePack::from_toml(twice, "bad.toml").is_err());

    let empty = "[pack]\nname = 'x'\n[[rule]]\nname = 'r'\nmatch = {}\n";
    assert!(RulePack::from_toml(empty, "bad.toml").is_err());

    let regex =
        pack("[pack]\nname = 'x'\n[[rule]]\nname = 'r'\nmatch = { pattern = ['(unclosed'] }\n");
    let err = RuleSet::new([regex]).unwrap_err();
    assert!(
        matches!(err, RuleError::Pattern { ref rule, .. } if rule == "r"),
        "{err}"
    );

    // Patterns compile on first use, but one too large to compile is
    // still refused as its pack loads.
    let huge = pack(
        "[pack]\nname = 'x'\n[[rule]]\nname = 'huge'\nmatch = { pattern = ['\\w{1000}{1000}'] }\n",
    );
    let err = RuleSet::new([huge]).unwrap_err();
    assert!(
        matches!(err, RuleError::Pattern { ref rule, ref message, .. }
            if rule == "huge" && message.contains("exceeded limit")),
        "{err}"
    );
}

#[test]
fn two_packs_with_one_name_are_refused() {
    let a = pack("[pack]\nname = 'x'\n");
    assert!(RuleSet::new([a.clone(), a]).is_err());
}

#[test]
fn wire_credits_are_metadata_but_reporting_in_prose_is_not() {
    let page = [
        "Reporting by Ayşe Demir in Istanbul; Editing by Tom Hale",
        "Additional reporting by Jo Ray",
        "Reporting by the BBC showed the council knew.",
        "Editing by hand is slow, the archivists said.",
    ];
    assert_eq!(
        decide(RuleSet::builtin(), &page),
        ["generic/wire-credit", "generic/wire-credit", "", ""]
    );
}

#[test]
fn once_rule_drops_only_a_line_printed_once() {
    let rules = RuleSet::new([pack(
        r#"
        [pack]
        name = "t"
        [[rule]]
        name = "stamp"
        once = true
        match = { prefix = ["Updated "] }
        "#,
    )])
    .unwrap();
    // Once on the page: the page's stamp.
    assert_eq!(
        decide(&rules, &["Title", "Updated March 18", "Body."]),
        ["", "t/stamp", ""]
    );
    // On every post: the posts' stamps, all kept.
    assert_eq!(
        decide(&rules, &["Updated 1", "Body.", "Updated 2", "Body."]),
        ["", "", "", ""]
    );
}

#[test]
fn keep_after_stamp_keeps_a_post_headline() {
    let rules = RuleSet::new([pack(
        r#"
        [pack]
        name = "t"
        [[rule]]
        name = "caption"
        keep_after_stamp = true
        match = { prefix = ["Pictured: "] }
        "#,
    )])
    .unwrap();
    // Under a body paragraph: a caption.
    assert_eq!(
        decide(&rules, &["Body.", "Pictured: the scene", "More."]),
        ["", "t/caption", ""]
    );
    // Under a time stamp or a byline: the post's headline.
    assert_eq!(
        decide(&rules, &["13:58", "Pictured: the scene", "More."]),
        ["", "", ""]
    );
    assert_eq!(
        decide(&rules, &["By Jane Smith", "Pictured: the scene", "More."]),
        ["", "", ""]
    );
    // At the page top there is no stamp above.
    assert_eq!(
        decide(&rules, &["Pictured: the scene", "More."]),
        ["t/caption", ""]
    );
}

#[test]
fn require_end_block_drops_nothing_without_its_end() {
    let rules = RuleSet::new([pack(
        r#"
        [pack]
        name = "t"
        [[rule]]
        name = "pitch"
        start = { pattern = ['^\p{Lu}.*$'] }
        end = { exact = ["LEARN MORE"] }
        max_lines = 2
        require_end = true
        [[rule]]
        name = "other"
        match = { exact = ["Alone"] }
        "#,
    )])
    .unwrap();
    assert_eq!(
        decide(&rules, &["x", "Pitch.", "LEARN MORE", "y"]),
        ["", "t/pitch", "t/pitch", ""]
    );
    // No end: the start line is left to later rules, or kept.
    assert_eq!(
        decide(&rules, &["Body.", "Alone", "z"]),
        ["", "t/other", ""]
    );
}

#[test]
fn rule_options_are_checked_against_the_shape() {
    for bad in [
        "[pack]\nname = 'x'\n[[rule]]\nname = 'r'\nonce = true\nstart = { exact = ['a'] }\nlines = 2\n",
        "[pack]\nname = 'x'\n[[rule]]\nname = 'r'\nkeep_after_stamp = true\ncontext = 'chrome-run'\n",
        "[pack]\nname = 'x'\n[[rule]]\nname = 'r'\nrequire_end = true\nmatch = { exact = ['a'] }\n",
    ] {
        let err = RulePack::from_toml(bad, "bad.toml").unwrap_err();
        assert!(
            matches!(err, RuleError::Invalid { ref rule, .. } if rule == "r"),
            "{err}"
        );
    }
}

#[test]
fn credit_lines_of_many_newsrooms_are_metadata() {
    let page = [
        "Associated Press writer Luis Ocampo in Boulder contributed to this report.",
        "Reuters contributed reporting from Paris.",
        "— With assistance from Ingrid Solheim and Tom Avery",
        "(With inputs from PTI)",
        "(With agency inputs)",
        "Source: Al Jazeera and news agencies",
        "Heavy rain contributed to the flooding, the agency said.",
        "With assistance from Nato, Ukraine pushed back the advance.",
        "Source: the ministry of health",
        "(With a little help from friends, the team won)",
    ];
    assert_eq!(
        decide(RuleSet::builtin(), &page),
        [
            "generic/wire-credit",
            "generic/wire-credit",
            "generic/wire-credit",
            "generic/wire-credit",
            "generic/wire-credit",
            "generic/wire-credit",
            "",
            "",
            "",
            ""
        ]
    );
}
