fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    let p = lunwen::corpus::parse::parse("x", "x.txt", &text);
    for b in &p.blocks {
        println!(
            "{:?} {:?} markers={:?}",
            b.kind,
            b.text,
            b.markers.iter().map(|m| &m.label).collect::<Vec<_>>()
        );
    }
    println!("parts {:?}", p.parts);
}
