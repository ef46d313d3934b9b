fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let (mut lo, mut hi) = (0usize, lines.len());
    if lunwen::corpus::parse::audit(&text).is_ok() {
        println!("ok");
        return;
    }
    while hi - lo > 1 {
        let mid = (lo + hi) / 2;
        let t: String = lines[..mid].concat();
        if lunwen::corpus::parse::audit(&t).is_ok() {
            lo = mid
        } else {
            hi = mid
        }
    }
    let t: String = lines[..hi].concat();
    println!(
        "fails at line {hi}: {:?}\n{:?}",
        lines[hi - 1],
        lunwen::corpus::parse::audit(&t)
    );
}
