#[test]
fn variants() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut all = Vec::new();
    for p in std::fs::read_dir(root.join("synthetic/dumps")).unwrap().chain(std::fs::read_dir(root.join("seeds")).unwrap()) {
        let text = std::fs::read_to_string(p.unwrap().path()).unwrap();
        all.extend(text.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|l| !l.is_empty()));
    }
    for p in [
        r#"(?:^|[.!?)”’"]\s+)(?:Photograph|Photo|Picture|Pic|Image|Illustration|Composite|Credit)s?:\s*\p{Lu}[^!?:]{0,60}$"#,
        r#"(?:^|[.!?)”’"]\s+)(?:Photograph|Photo|Picture|Pic|Image|Illustration|Composite|Credit)s?:\s*\p{Lu}[^!?:]*$"#,
        r#"(?:^|[.!?)”’"]\s+)(?:Photograph|Photo|Picture|Pic|Image|Illustration|Composite|Credit)s?:\s*[A-Z][^!?:]{0,60}$"#,
        r#"(?:^|[.!?)”’"] )(?:Photograph|Photo|Picture|Pic|Image|Illustration|Composite|Credit)s?: ?\p{Lu}[^!?:]{0,60}$"#,
        r#"(?:Photograph|Photo|Picture|Pic|Image|Illustration|Composite|Credit)s?:\s*\p{Lu}[^!?:]{0,60}$"#,
        r#"\bCredit\.\.\.\s?\p{Lu}[^!?]{0,80}$"#,
        r#"Credit\.\.\.\s?\p{Lu}[^!?]{0,80}$"#,
        r#"Credit\.\.\.[^!?]{0,80}$"#,
        r#"^(?i:.{0,200}\ball rights reserved\b.{0,300})$"#,
        r#"^(?i:.{0,200}(?-u:\b)all rights reserved(?-u:\b).{0,300})$"#,
        r#"(?i:(?-u:\b)all rights reserved(?-u:\b))"#,
        r#"^.{0,200}(?i:all rights reserved).{0,300}$"#,
        r#"^(?i:.{0,200}\b(?:we|we and our partners|this (?:site|website)|our (?:site|website)) (?:use|uses) cookies\b.{0,400})$"#,
        r#"^(?i:.{0,200}(?-u:\b)(?:we|we and our partners|this (?:site|website)|our (?:site|website)) (?:use|uses) cookies(?-u:\b).{0,400})$"#,
    ] {
        let re = regex::Regex::new(p).unwrap();
        let t = std::time::Instant::now();
        let mut n = 0;
        for _ in 0..3 { for l in &all { n += re.is_match(l) as usize; } }
        println!("{:?} {n} {}", t.elapsed(), p);
    }
}
