fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    let reps: usize = std::env::var("REPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let texts: Vec<String> = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let t = std::time::Instant::now();
    let mut n = 0;
    for _ in 0..reps {
        for text in &texts {
            let p = lunwen::corpus::parse::parse("x", "x", text);
            n += p.blocks.len();
        }
    }
    let el = t.elapsed();
    eprintln!(
        "{:?} per round, {:.1} MB/s ({n})",
        el / reps as u32,
        (bytes * reps) as f64 / el.as_secs_f64() / 1e6
    );
}
