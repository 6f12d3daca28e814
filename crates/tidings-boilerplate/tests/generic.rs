//! Every rule of the generic pack on small pages: the chrome it must drop,
//! and content that looks like that chrome but must be kept.
//!
//! Each line is tested in the middle of a page of two ordinary paragraphs,
//! so that the context passes see no chrome around it and the line rules
//! decide alone. The context passes have their own tests (`context.rs`).

mod common;

use common::decide_builtin as decide_page;
use tidings_boilerplate::{RuleSet, Verdict};

const BEFORE: &str = "Crews worked through the night to clear the road.";
const AFTER: &str = "The council said the road would reopen on Friday.";

/// The rule that dropped `line`, or "" when it was kept.
fn decide(line: &str) -> String {
    let rules = RuleSet::builtin();
    match rules.classify(&[BEFORE, line, AFTER]).verdicts[..] {
        [Verdict::Keep, v, Verdict::Keep] => match v {
            Verdict::Keep => String::new(),
            Verdict::Drop(id) => rules.rule(id).name().to_string(),
        },
        ref other => panic!("a neighbouring paragraph was dropped: {other:?}"),
    }
}

/// `drops` are all dropped by `generic/<rule>`; `keeps` are all kept.
fn check(rule: &str, drops: &[&str], keeps: &[&str]) {
    let name = format!("generic/{rule}");
    for line in drops {
        assert_eq!(decide(line), name, "should be dropped by {name}: {line:?}");
    }
    for line in keeps {
        assert_eq!(decide(line), "", "content dropped: {line:?}");
    }
}

#[test]
fn every_generic_rule_is_named_and_described() {
    let rules = RuleSet::builtin();
    let names: Vec<&str> = rules
        .rules()
        .map(|(_, r)| r.name())
        .filter(|n| n.starts_with("generic/"))
        .collect();
    for expected in [
        "generic/site-navigation",
        "generic/recommended-link",
        "generic/more-links",
        "generic/related-links",
        "generic/newsletter-promo",
        "generic/subscription-promo",
        "generic/app-promo",
        "generic/community-promo",
        "generic/newsletter-pitch",
        "generic/site-promo",
        "generic/news-tip-promo",
        "generic/product-promo",
        "generic/call-to-action",
        "generic/social-follow",
        "generic/browser-notice",
        "generic/embed-notice",
        "generic/consent-notice",
        "generic/status-label",
        "generic/advertisement-label",
        "generic/betting-promo",
        "generic/share-widget",
        "generic/comments-heading",
        "generic/legal-footer",
        "generic/page-stamp",
        "generic/page-updated-stamp",
        "generic/page-published-stamp",
        "generic/page-byline",
        "generic/aggregator-credit",
        "generic/wire-credit",
        "generic/media-promo",
        "generic/caption-credit",
        "generic/pictured-caption",
        "generic/title-echo",
        "generic/author-list",
        "generic/chrome-run",
    ] {
        assert!(names.contains(&expected), "missing {expected}");
    }
    assert!(rules.rules().all(|(_, r)| !r.description().is_empty()));
}

#[test]
fn site_navigation() {
    check(
        "site-navigation",
        &[
            "Skip to main content",
            "Sign in",
            "SIGN IN",
            "Log in",
            "Back to top",
            "Search the web",
            "Feedback",
            "Menu",
            "Skip to site index",
            "Go to accessibility shortcuts",
        ],
        &[
            "Sign in to the building was restricted, police said.",
            "Feedback from residents has been overwhelmingly negative.",
            "Search teams found the missing walker at dawn.",
            "Back to top form, Osei scored twice before half-time.",
            "Go to accessibility shortcuts in the settings menu, the guide says.",
        ],
    );
}

#[test]
fn more_links() {
    check(
        "more-links",
        &[
            "Most read",
            "More for you",
            "Continue reading",
            "Read more",
            "Show more updates",
            "You might also like",
            "See all updates (14)",
            "Story continues",
            "https://apnews.com/hub/election-2024",
            "Follow AP’s coverage of the elections at https://apnews.com/hub/election-2024",
            "Read More",
            "Read less",
            "Show less",
            "Read the full story on POLITICO",
            "Read the full article at Reuters.com",
            "Recommended",
        ],
        &[
            "Continue reading the statement, he said the deal was off.",
            "Most read the report before the vote, officials said.",
            "Read more slowly, the teacher told the class.",
            "Read less into the polls, the strategist said.",
            "Read the full story behind the deal in our weekend magazine.",
            "Recommended doses were cut by half.",
        ],
    );
}

#[test]
fn related_links() {
    check(
        "related-links",
        &[
            "Read more: City's January window graded",
            "READ MORE: Tube strike dates confirmed for March",
            "Related: Five years on, has Shrewsbury learned the lessons of 2020?",
            "More on this story",
            "Related Topics",
            "See also: How the storm unfolded",
            "Also Read | Mumbai Rains: Why the city floods every monsoon",
            "READ MORE | Heatwave in Europe : Spain and Portugal in red alert",
            "Read Also: Monsoon tracker",
        ],
        &[
            "Also read the small print, the regulator warned.",
            "Read more | or less, the readers' panel decided.",
            "Related charges against two other men were dropped in 2019.",
            "More on this story as we get it.",
            "Read more about the plan on the council's website.",
        ],
    );
}

#[test]
fn newsletter_promo() {
    check(
        "newsletter-promo",
        &[
            "Sign up to First Edition, our free daily newsletter – every weekday morning at 7am",
            "Sign up for CNN's What Matters newsletter",
            "Sign up to the Business Today email",
            "Sign up for our free Evening Standard newsletter",
            "Subscribe to the Orbital Today newsletter",
            "Sign up here.",
            "Get our free morning briefing newsletter",
            "Get a look at the day ahead with the Morning Bid newsletter. Sign up here.",
            "Get the latest headlines delivered straight to your inbox",
        ],
        &[
            "Sign up numbers for the scheme rose to 4,000, officials said.",
            "The newsletter was first published in 1998.",
            "Subscribers to the newsletter received the email on Monday.",
            "He told voters to sign up to the electoral register by email.",
        ],
    );
}

#[test]
fn subscription_promo() {
    check(
        "subscription-promo",
        &[
            "Subscribe now for unlimited access",
            "Subscribe for £1",
            "Join CricketHQ Plus for ball-by-ball commentary on every England match",
            "Already a subscriber? Log in",
        ],
        &[
            "Subscribers will pay £2 more a month from June.",
            "Subscription prices are rising across the industry.",
            "Join Labour, the minister urged young voters.",
        ],
    );
}

#[test]
fn app_promo() {
    check(
        "app-promo",
        &[
            "Download the Sky Sports app for live scores, the latest transfer news and alerts",
            "Download the News Now app",
            "Sky News app: Download now",
            "Watch Sky News live on the Sky News app, free and without sign-up",
            "Get the BBC News app",
        ],
        &[
            "The app was downloaded two million times in a week.",
            "Download speeds fell as the app crashed under the load.",
            "Downloads of the app tripled after the outage.",
            "Ministers said the NHS app would be updated.",
        ],
    );
}

#[test]
fn community_promo() {
    check(
        "community-promo",
        &[
            "Join our City and United WhatsApp community for the latest news",
            "Join our WhatsApp channel",
            "Join the Courier WhatsApp group for breaking news",
        ],
        &[
            "Join our march, the union told its members.",
            "Join the group of nations backing the plan, the envoy urged.",
            "The WhatsApp community grew to 40,000 members.",
        ],
    );
}

#[test]
fn social_follow() {
    check(
        "social-follow",
        &[
            "Follow us on X",
            "Follow Track & Road on Instagram",
            "Follow us on Facebook and Instagram",
            "Follow",
            "Save",
        ],
        &[
            "Follow live updates from day nine of the Games, including the women's skeleton final and the men's ice hockey quarter-finals",
            "Follow the guidance on Facebook, police said.",
            "Save the Children said 40 children were missing.",
            "Followers on X saw the post before it was deleted.",
        ],
    );
}

#[test]
fn browser_notice() {
    check(
        "browser-notice",
        &[
            "Notifications can be managed in browser preferences.",
            "Please refresh the page for the fullest experience.",
            "Please enable JavaScript to view this content",
            "Please turn on JavaScript to use this feature",
            "Your browser does not support the video tag.",
            "Please use Chrome browser for a more accessible video player",
            "Listen to this article · 5:23 min Learn more",
        ],
        &[
            "Please refresh your memory of the rules, the judge told jurors.",
            "Notifications of the strike were sent to 4,000 members.",
            "The browser maker said the page had been taken down.",
        ],
    );
}

#[test]
fn embed_notice() {
    check(
        "embed-notice",
        &[
            "Skip twitter post by UN Spokesperson",
            "Allow Twitter content?",
            "This article contains content provided by Twitter. We ask for your permission before anything is loaded, as they may be using cookies and other technologies.",
            "Accept and continue",
            "End of twitter post by UN Spokesperson",
            "Skip Instagram post",
            "A post shared by Sky News (@skynews)",
        ],
        &[
            "The post on X was deleted an hour later.",
            "He shared a post on Instagram showing the damage.",
        ],
    );
}

#[test]
fn consent_notice() {
    check(
        "consent-notice",
        &[
            "We use cookies to give you the best experience on our website. By continuing, you agree to our use of cookies.",
            "Yahoo is part of the Yahoo family of brands. We and our partners use cookies and similar technologies to provide our sites and apps, authenticate users and measure advertising.",
            "Accept all",
            "Manage privacy settings",
            "Privacy dashboard",
            "Terms and Privacy Policy",
        ],
        &[
            "The regulator said websites that use cookies must ask for consent.",
            "Accept all the recommendations, the report urged ministers.",
            "The company is part of a consortium bidding for the licence.",
            "Privacy campaigners said the cookies policy was unlawful.",
        ],
    );
}

#[test]
fn status_label() {
    check(
        "status-label",
        &[
            "LIVE",
            "Live",
            "LIVE UPDATES",
            "Live Updates",
            "Updated",
            "Live Reporting",
            "Edited by Sarah Collins",
            "Edited by Marc Delaney in Paris and Ruth Osei in London",
            "All times stated are UK",
            "All times are ET",
            "This live page is now closed",
            "This live blog has now ended.",
            "Commentary",
        ],
        &[
            "Wareham heath fire LIVE: Residents told to keep windows shut as crews battle blaze",
            "Updated figures show 40 people have died.",
            "[Updated 11:11 p.m. ET]",
            "Edited by hand, the ballots were counted again.",
            "Edited by Jane Smith, the report was published on Monday.",
            "All times are approximate, the operator said.",
            "Live music returns to the park this weekend.",
            "The live music venue has now closed.",
            "This live page is now closed, but our coverage continues here with the aftermath of the storm and the recovery.",
            "Commentary: why the rate cut matters",
        ],
    );
}

#[test]
fn advertisement_label() {
    check(
        "advertisement-label",
        &[
            "Advertisement",
            "ADVERTISEMENT",
            "Ad Feedback",
            "Sponsored Content",
            "Paid Links",
            "Story continues below advertisement",
            "SKIP ADVERTISEMENT",
        ],
        &[
            "Advertisement revenue is down by a fifth.",
            "Sponsored content must be labelled, the regulator said.",
        ],
    );
}

#[test]
fn betting_promo() {
    check(
        "betting-promo",
        &[
            "Bet on the Premier League with Sky Bet",
            "18+ begambleaware.org",
            "18+ | Gamble responsibly | T&Cs apply",
            "18+ | Please gamble responsibly | BeGambleAware.org",
            "Get the latest odds on City's title chances with our betting partner",
            "Match odds: Sunderland 6/4, draw 23/10, Middlesbrough 7/4",
            "Gamble responsibly",
            "When the fun stops, stop",
        ],
        &[
            "The odds of a rate cut have risen sharply, traders said.",
            "Bookmakers have cut the odds on a Reform win in Boston East.",
            "18+ fans only will be admitted to the fan zone, the club said.",
            "Bet on it: the minister will be gone by Friday.",
            "He said he would never place a bet on the outcome.",
            "Sunderland are 6/4 favourites with most bookmakers.",
            "Odds: the Met Office puts the chance of rain at 60%.",
        ],
    );
}

#[test]
fn share_widget() {
    check(
        "share-widget",
        &[
            "Share",
            "Share this article",
            "Share this page",
            "Share on X",
            "Share on Facebook",
            "Share on WhatsApp",
            "Facebook",
            "Twitter",
            "X",
            "Email",
            "Messenger",
            "WhatsApp",
            "Google plus",
            "Link Copied!",
            "Share or comment on this article:",
            "Print this page",
        ],
        &[
            "Share prices fell sharply on Monday.",
            "Facebook said it had removed the posts.",
            "X, formerly Twitter, suspended the account.",
            "Email records show the minister knew in March.",
            "Share this with your neighbours, the fire service urged.",
            "Print this page and bring it to the polling station, officials said.",
        ],
    );
}

#[test]
fn comments_heading() {
    check(
        "comments-heading",
        &[
            "Comments",
            "Comments (412)",
            "1,204 comments",
            "Comments are closed",
            "View comments",
            "Join the conversation",
            "Join the debate",
            "Reactions",
            "Read 214 Comments",
            "See all 1.2k comments",
        ],
        &[
            "Read 214 comments from residents, the council said.",
            "Comments from the minister drew criticism.",
            "Reactions poured in from world leaders overnight.",
            "Join the conversation about the high street, the mayor urged residents.",
        ],
    );
}

#[test]
fn legal_footer() {
    check(
        "legal-footer",
        &[
            "Copyright 2025 BBC. All rights reserved. The BBC is not responsible for the content of external sites. Read about our approach to external linking.",
            "© 2025 Wessex Courier",
            "ITV News is not responsible for the content of external sites.",
            "Our Standards: The Thomson Reuters Trust Principles.",
        ],
        &[
            "Copyright lawyers say the ruling could change the industry.",
            "The BBC said it was not responsible for the delay.",
            "Our standards of care fell short, the hospital admitted.",
        ],
    );
}

#[test]
fn aggregator_credit() {
    check(
        "aggregator-credit",
        &["Story by Hannah Olsen and Josh Pryor", "Story by Reuters"],
        &["Story by story, the inquiry rebuilt the timeline."],
    );
}

#[test]
fn caption_credit() {
    check(
        "caption-credit",
        &[
            "Emergency services at the scene on the A478 near Tenby. Photograph: Gareth Pryce/PA",
            "Alan Pryce leaves Downing Street after cabinet on Tuesday morning (Getty)",
            "Imogen Hale arrives at the Treasury (PA)",
            "Rescuers search the rubble of a collapsed building in Buldan, Denizli province, Turkey. Image: Reuters",
            "Passengers queue in Terminal 5 at Heathrow. Pic: PA",
            "Firefighters at the scene (AFP via Getty Images)",
            "A man walks past the barrier (Photo by John Smith/Getty Images)",
            "Credit: Getty Images",
            "Image source, PA Media",
            "Image caption, Families of hostages at the march on Saturday",
            "Credit...Doug Mills/The New York Times",
            "Rescuers prepare a capsule at the mine on Tuesday.Credit...Cristóbal Vera for The New York Times",
            "Passengers are helped along the pier on Wednesday afternoon Credit: Solent News",
            "The ferry aground off Ryde Credit: Peter Marsh/PA",
            "Residents walk past a fallen tree in Beira, Mozambique [Alfredo Zucula/AFP]",
            "Protesters gather outside parliament [File: Reuters]",
            "Line workers repair a damaged transformer in Ipswich. (ABC News: Chris Moffat)",
            "Crews at the fire ground near Bega (ABC News: Kate Ruiz)",
            "Firefighters fight the flames near Hostens, Gironde, 23 July 2025 Copyright Thibaud Moritz/AFP",
        ],
        &[
            "The photograph was taken in 1972, the museum said.",
            "Police released an image of the suspect on Monday.",
            "Getty Images said it had withdrawn the photo.",
            "Reuters reported the deal on Monday.",
            "The picture: a town still under water, and more rain on the way.",
            "Universal Credit: What changes in April",
            "Thousands more families moved to Universal Credit: DWP",
            "Families lose out on tax credit: Treasury",
            "He called it a [sic] error, and the ratio was [Q1/Q2].",
            "Inflation rose again. (Source: Bank of England)",
            "He met the opposition leader (Labour: Keir Starmer) on Monday.",
            "The case turned on Copyright law.",
        ],
    );
}

#[test]
fn media_promo() {
    check(
        "media-promo",
        &[
            "Watch: Osei's best goals for Lens",
            "WATCH: The moment the rocket lifted off",
            "VIDEO: Delgado's victory speech in 60 seconds",
            "Video: Storm surge floods the streets",
            "PHOTOS: Germany’s top diplomat in Kyiv as Ukraine braces for US election impact",
            "In pics: Russia bombs Ukraine’s capital and Kharkiv",
        ],
        &[
            "Watch the skies tonight for the Northern Lights, forecasters said.",
            "Video footage showed the car leaving the road.",
            "Photos posted online show the damage to the pier.",
        ],
    );
}

#[test]
fn title_echo() {
    check(
        "title-echo",
        &[
            "Storm Imogen live: red warning for Wales and south-west England as 90mph gusts forecast | UK news | The Guardian",
            "Wareham heath fire LIVE: Residents told to keep windows shut as crews battle blaze | Wessex Courier",
            "Bank of England holds rates at 4.5% as inflation unexpectedly rises – business live | Business | The Guardian",
            "Flights grounded live: hundreds of departures cancelled | news.com.au",
        ],
        &[
            "Pope-Harris 88 not out | Okafor 51 not out",
            "Goals: Adeyemi 23, Lund 67 | Booked: Carver",
            "Sunderland 2-1 Boro | Adeyemi",
            "He said it was over | and walked away",
        ],
    );
}

#[test]
fn recommended_link() {
    let card = "generic/recommended-link";
    // The label and the linked headline under it.
    assert_eq!(
        decide_page(&[
            BEFORE,
            "Recommended",
            "Shipbuilders face a reckoning over cruise orders",
            "13:58",
        ]),
        ["", card, card, ""]
    );
    assert_eq!(
        decide_page(&[
            BEFORE,
            "Related",
            "‘We were not warned’: families speak out",
            AFTER
        ]),
        ["", card, card, ""]
    );
    // Under the label, a stamp or a sentence is not a link: the label alone goes.
    assert_eq!(
        decide_page(&[BEFORE, "Recommended", "13:58", AFTER]),
        ["", "generic/more-links", "", ""]
    );
    assert_eq!(
        decide_page(&[BEFORE, "Recommended", AFTER]),
        ["", "generic/more-links", ""]
    );
}

#[test]
fn newsletter_pitch() {
    let pitch = "generic/newsletter-pitch";
    assert_eq!(
        decide_page(&[
            "Unlock the Editor’s Digest for free",
            "The editor of the FT selects her favourite stories in this weekly newsletter.",
            BEFORE,
        ]),
        [pitch, pitch, ""]
    );
    // The pitch alone still goes; the blurb alone, or a phone, is content.
    assert_eq!(decide("Unlock the Morning Briefing for free"), pitch);
    for line in [
        "Unlock your phone for free at any branch, the regulator said.",
        "Unlock your phone for free",
        "The editor of the FT selects her favourite stories in this weekly newsletter.",
    ] {
        assert_eq!(decide(line), "", "{line}");
    }
}

#[test]
fn site_promo() {
    check(
        "site-promo",
        &[
            "Track Latest News Live on NDTV.com and get news updates from India and around the world",
            "Catch all the latest updates on timesofindia.com",
        ],
        &[
            "Get the latest figures on the ONS website, officials said.",
            "Track the latest storm warnings as the cyclone approaches.",
        ],
    );
}

#[test]
fn news_tip_promo() {
    check(
        "news-tip-promo",
        &[
            "Have a confidential tip for our reporters? Get in touch",
            "Got a news tip? Email us",
            "Send us a tip: tips@example.com",
        ],
        &[
            "Have a tip for staying warm? Readers shared theirs.",
            "Do you have any tips for parents? Tell us below.",
            "Share your tips with us in the comments below, the column asks.",
        ],
    );
}

#[test]
fn product_promo_and_call_to_action() {
    let promo = "generic/product-promo";
    assert_eq!(
        decide_page(&[
            BEFORE,
            "Before it’s here, it’s on the Bloomberg Terminal.",
            "LEARN MORE",
        ]),
        ["", promo, promo]
    );
    assert_eq!(
        decide_page(&[
            BEFORE,
            "Get unlimited access to The Athletic.",
            "Try It Free",
            AFTER
        ]),
        ["", promo, promo, ""]
    );
    // A post ending with a plain link keeps its sentence.
    assert_eq!(
        decide_page(&[
            BEFORE,
            "The NHS has published advice on staying safe in the heat.",
            "Learn more",
            AFTER
        ]),
        ["", "", "generic/call-to-action", ""]
    );
    // Without its button, a pitch-like line is content.
    assert_eq!(
        decide("Traders saw the headline on the Bloomberg Terminal."),
        ""
    );
    // A long paragraph or a quote is no pitch: the button goes alone.
    let long = "Shareholders backed the deal by a wide margin at the meeting in Oslo on Thursday, the company said in a statement.";
    assert_eq!(
        decide_page(&[long, "Learn more", AFTER]),
        ["", "generic/call-to-action", ""]
    );
    assert_eq!(
        decide_page(&["“We are ready,” she said.", "Learn more", AFTER]),
        ["", "generic/call-to-action", ""]
    );
    check(
        "call-to-action",
        &["Learn more", "Find out more", "Open in App"],
        &[
            "Learn more about the scheme on the council's website.",
            "Find out more: what the new rules mean for you",
        ],
    );
}

#[test]
fn page_stamps() {
    check(
        "page-stamp",
        &[
            "Published: 09:12 GMT, 9 January 2025 | Updated: 14:41 GMT, 9 January 2025",
            "Published on 23/07/2025 - 10:41 • Updated 17:20",
            "Posted Tue 18 Mar 2025 at 10:02pm, updated Wed 19 Mar 2025 at 1:00am",
        ],
        &[
            "Published in 2019, updated in 2023, the report was long.",
            "Published figures updated on Monday showed 3% growth.",
            "Posted 5m ago, updated 2m ago",
        ],
    );
    check(
        "page-updated-stamp",
        &[
            "Updated March 18, 2025, 4:40 p.m. ET",
            "Updated 15 January 2025 5:02pm",
            "Updated 11:11 PM EDT, Tue March 18, 2025",
            "Last updated: 18/03/2025",
        ],
        &[
            // A post's stamps: no year.
            "[Updated 11:11 p.m. ET]",
            "Updated 2:32 p.m.",
            "Updated 11:11 p.m. ET",
            "Updated March 18 guidance says schools may open.",
        ],
    );
    check(
        "page-published-stamp",
        &[
            "Published On 11 Feb 2025",
            "First published on Tue 18 Mar 2025 10.02 GMT",
        ],
        &[
            "Published 14:32",
            "published at 04:12 BST",
            "Published 11 Feb 2025 figures show a rise.",
        ],
    );
    // A dated stamp on every post is each post's stamp: all kept.
    let page = [
        "Updated March 18, 2025, 4:12 p.m. ET",
        "Rescuers hear tapping from below",
        BEFORE,
        "Updated March 18, 2025, 3:31 p.m. ET",
        "What we know about the trapped miners",
        AFTER,
    ];
    assert_eq!(decide_page(&page), ["", "", "", "", "", ""]);
}

#[test]
fn page_byline() {
    check(
        "page-byline",
        &[
            "By Al Jazeera Staff",
            "By Guardian staff and agencies",
            "By Reuters Staff",
            "By KIRSTY MALONE FOR MAILONLINE",
            "By KIRSTY MALONE AND TOM COLE FOR MAILONLINE",
            "By JOHN SMITH, POLITICAL EDITOR FOR THE DAILY MAIL",
        ],
        &[
            "By Daniel Sato",
            "By Hamish Doyle",
            "By the time staff arrived, the fire had spread.",
            "By Kirsty Malone for MailOnline, the report says.",
        ],
    );
}

#[test]
fn pictured_caption() {
    check(
        "pictured-caption",
        &[
            "Passengers sleep on the floor of Terminal 2 at Manchester Airport last night (pictured)",
            "The runway under snow on Thursday morning (pictured, right)",
            "Pictured: Firefighters at the scene in Sheffield on Tuesday",
        ],
        &[
            "Kate Middleton (pictured) arrived at the hospital on Tuesday.",
            "The scene at the terminal, said the mother-of-two (pictured).",
            "The picture shows the runway under snow.",
        ],
    );
    // Under a post's stamp or byline, 'Pictured: …' is the post's headline.
    for stamp in ["13:58", "Posted 5m ago", "By Jane Smith"] {
        assert_eq!(
            decide_page(&[
                BEFORE,
                stamp,
                "Pictured: Passengers sleep on Terminal 2 floor",
                AFTER
            ]),
            ["", "", "", ""],
            "{stamp}"
        );
    }
}

#[test]
fn other_new_labels() {
    assert_eq!(decide("Loading..."), "generic/browser-notice");
    assert_eq!(decide("Loading of the ship began at dawn."), "");
}
