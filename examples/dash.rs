fn main() {
    let path = std::env::args().nth(1).unwrap();
    let ch: char = std::env::args().nth(2).unwrap().chars().next().unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let (p, l) = lunwen::corpus::parse::parse_audited("x", "x", &text);
    println!("input {}", text.matches(ch).count());
    println!(
        "furniture {} markup {} synth {} unmarkup {}",
        l.furniture_text.matches(ch).count(),
        l.markup_text.matches(ch).count(),
        l.synth_text.matches(ch).count(),
        l.unmarkup_text.matches(ch).count()
    );
    let c = |s: &str| s.matches(ch).count();
    println!(
        "title {} abstract {} front {} foreign {} back {}",
        c(p.title.as_deref().unwrap_or("")),
        c(p.abstract_text.as_deref().unwrap_or("")),
        p.front_matter
            .iter()
            .map(|f| c(&f.label) + c(&f.value))
            .sum::<usize>(),
        p.foreign_matter.iter().map(|f| c(f)).sum::<usize>(),
        p.back_matter.iter().map(|f| c(f)).sum::<usize>()
    );
    println!(
        "blocks {} markers {} notes {} refs {}",
        p.blocks.iter().map(|b| c(&b.text)).sum::<usize>(),
        p.blocks
            .iter()
            .flat_map(|b| &b.markers)
            .map(|m| c(&m.label))
            .sum::<usize>(),
        p.notes
            .iter()
            .map(|n| c(&n.text) + c(&n.label))
            .sum::<usize>(),
        p.references
            .iter()
            .map(|n| c(&n.text) + c(&n.label))
            .sum::<usize>()
    );
    for m in p.blocks.iter().flat_map(|b| &b.markers) {
        if m.label.contains(ch) {
            println!("marker {:?}", m.label);
        }
    }
}
