//! "Did you mean ...?" for misspelt names in the config file.

/// The candidate closest to `word` by edit distance, if it is close enough to be a likely typo
/// or shares its first four letters (`reading` → `reader`).
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let word = word.to_lowercase();
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .iter()
        .map(|&c| (distance(&word, &c.to_lowercase()), c))
        .filter(|&(d, c)| d <= limit || common_prefix(&word, &c.to_lowercase()) >= 4)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// Optimal string alignment distance: Levenshtein plus adjacent swaps, the commonest typo.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = d;
        }
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("qiut", Some("quit"))]
    #[case("QUIT", Some("quit"))]
    #[case("serach", Some("search"))]
    #[case("mous", Some("mouse"))]
    #[case("reading", Some("reader"))]
    #[case("citation", None)]
    #[case("zzzz", None)]
    fn suggests_only_close_names(#[case] word: &str, #[case] want: Option<&str>) {
        let names = ["reader", "quit", "search", "mouse", "help", "clipboard"];
        assert_eq!(did_you_mean(word, &names), want);
    }
}
