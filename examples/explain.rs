fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let p = lunwen::corpus::parse::parse("x", &path, &text);
    println!(
        "title={:?} authors={:?} kw={:?}\nabstract={:?}",
        p.title,
        p.authors,
        p.keywords,
        p.abstract_text
            .as_deref()
            .map(|a| a.chars().take(40).collect::<String>())
    );
    println!("meta={:?}", p.metadata);
    for f in &p.front_matter {
        println!(
            "F {} = {}",
            f.label,
            f.value.chars().take(60).collect::<String>()
        );
    }
    for f in &p.foreign_matter {
        println!("FOREIGN {}", f.chars().take(60).collect::<String>());
    }
    for h in &p.outline {
        println!("H{} {}", h.level, h.heading);
    }
    println!(
        "notes={} refs={} back={}",
        p.notes.len(),
        p.references.len(),
        p.back_matter.len()
    );
    for b in &p.back_matter {
        println!("BACK {}", b.chars().take(60).collect::<String>());
    }
    if std::env::args().nth(2).is_some() {
        for e in &p.explain {
            println!("p{:<3} {:<16} {:<26} {}", e.page, e.kind, e.rule, e.excerpt);
        }
    }
    match lunwen::corpus::parse::audit(&text) {
        Ok(()) => println!("audit ok"),
        Err(e) => println!("audit: {e}"),
    }
}
