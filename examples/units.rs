fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    println!("wrap {:?}", lunwen::corpus::parse::debug_wrap(&text));
    for u in lunwen::corpus::parse::debug_units(&text) {
        println!("{u}");
    }
}
