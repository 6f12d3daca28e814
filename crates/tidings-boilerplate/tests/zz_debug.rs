use tidings_boilerplate::{RuleSet, Verdict};
#[test]
fn timing() {
    let t = std::time::Instant::now();
    let rules = RuleSet::builtin();
    println!("build {:?}", t.elapsed());
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut all = Vec::new();
    for p in std::fs::read_dir(root.join("synthetic/dumps")).unwrap().chain(std::fs::read_dir(root.join("seeds")).unwrap()) {
        let text = std::fs::read_to_string(p.unwrap().path()).unwrap();
        let lines: Vec<String> = text.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|l| !l.is_empty()).collect();
        all.push(lines);
    }
    let t = std::time::Instant::now();
    let mut n = 0;
    for _ in 0..20 { for page in &all { n += rules.classify(page).verdicts.iter().filter(|v| **v != Verdict::Keep).count(); } }
    println!("classify x20 {:?} {n}", t.elapsed());
}
#[test]
fn timing_old() {
    use tidings_boilerplate::RulePack;
    let rules = RuleSet::new([
        RulePack::from_toml(&std::fs::read_to_string("/tmp/old_ind.toml").unwrap(), "a").unwrap(),
        RulePack::from_toml(&std::fs::read_to_string("/tmp/old_generic.toml").unwrap(), "b").unwrap(),
    ]).unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut all = Vec::new();
    for p in std::fs::read_dir(root.join("synthetic/dumps")).unwrap().chain(std::fs::read_dir(root.join("seeds")).unwrap()) {
        let text = std::fs::read_to_string(p.unwrap().path()).unwrap();
        let lines: Vec<String> = text.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|l| !l.is_empty()).collect();
        all.push(lines);
    }
    let t = std::time::Instant::now();
    let mut n = 0;
    for _ in 0..20 { for page in &all { n += rules.classify(page).verdicts.iter().filter(|v| **v != Verdict::Keep).count(); } }
    println!("OLD classify x20 {:?} {n}", t.elapsed());
}
#[test]
fn timing_per_rule() {
    use tidings_boilerplate::RulePack;
    let pack = RulePack::from_toml(include_str!("../packs/generic.toml"), "g").unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut all = Vec::new();
    for p in std::fs::read_dir(root.join("synthetic/dumps")).unwrap().chain(std::fs::read_dir(root.join("seeds")).unwrap()) {
        let text = std::fs::read_to_string(p.unwrap().path()).unwrap();
        let lines: Vec<String> = text.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|l| !l.is_empty()).collect();
        all.push(lines);
    }
    for rule in &pack.rules {
        let mut p = pack.clone();
        p.rules = vec![rule.clone()];
        let rs = RuleSet::new([p]).unwrap();
        let t = std::time::Instant::now();
        for page in &all { rs.classify(page); }
        println!("{:24} {:?}", rule.name, t.elapsed());
    }
}
#[test]
fn timing_per_pattern() {
    use tidings_boilerplate::RulePack;
    let pack = RulePack::from_toml(include_str!("../packs/generic.toml"), "g").unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut all = Vec::new();
    for p in std::fs::read_dir(root.join("synthetic/dumps")).unwrap().chain(std::fs::read_dir(root.join("seeds")).unwrap()) {
        let text = std::fs::read_to_string(p.unwrap().path()).unwrap();
        all.extend(text.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|l| !l.is_empty()));
    }
    for rule in &pack.rules {
        if let Some(m) = &rule.matches {
            for p in &m.pattern {
                let re = regex::Regex::new(p).unwrap();
                let t = std::time::Instant::now();
                for _ in 0..3 { for l in &all { re.is_match(l); } }
                let e = t.elapsed();
                if e.as_micros() > 1000 { println!("{:20} {:?} {}", rule.name, e, p); }
            }
        }
    }
}
