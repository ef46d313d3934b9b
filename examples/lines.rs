fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    for l in lunwen::corpus::parse::debug_lines(&text) {
        println!("{l}");
    }
}
