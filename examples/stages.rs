fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    let reps: u32 = std::env::var("REPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let texts: Vec<String> = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let mut total = [std::time::Duration::ZERO; 5];
    for _ in 0..reps {
        for t in &texts {
            let d = lunwen::corpus::parse::debug_stage_times(t);
            for k in 0..5 {
                total[k] += d[k];
            }
        }
    }
    let names = ["clean", "lines", "blocks", "assemble", "meta+parts"];
    for k in 0..5 {
        println!("{:12} {:?}", names[k], total[k] / reps);
    }
}
