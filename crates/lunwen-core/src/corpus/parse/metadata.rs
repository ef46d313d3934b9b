//! Stage 5, metadata: bibliographic facts the text states about itself. `文章编号：1003-0751
//! (2025)06-0034-08` gives year 2025, issue 6, pages 34-41; `引用本文：…[J].人民长江，2022,53(5)：
//! 7-13` the journal, year, volume, issue and pages; issue lines (`第 71 卷 第 1 期`, `Vol. 71
//! No. 1`) and running heads (`文艺理论研究 2015 年第 6 期`, `《上政法律评论》`) the journal, year,
//! volume and issue; folios the pages; `DOI:` lines the DOI. A sidecar still wins (see
//! `load`). Also the printed page of every physical page.

use super::lines::Lines;
use crate::corpus::model::{Metadata, Paper};

#[derive(Debug, Default, Clone)]
struct Facts {
    journal: Option<String>,
    year: Option<u32>,
    volume: Option<String>,
    issue: Option<String>,
    pages: Option<(u32, u32)>,
}

impl Facts {
    /// Fills what `self` lacks from `other`.
    fn or(&mut self, other: Facts) {
        if self.journal.is_none() {
            self.journal = other.journal;
        }
        if self.year.is_none() {
            self.year = other.year;
        }
        if self.volume.is_none() {
            self.volume = other.volume;
        }
        if self.issue.is_none() {
            self.issue = other.issue;
        }
        if self.pages.is_none() {
            self.pages = other.pages;
        }
    }
}

pub fn metadata(paper: &mut Paper, lines: &Lines<'_>) {
    let mut facts = Facts::default();
    let mut doi = None;
    let mut received = None;
    // Citation lines first, then article numbers, then issue lines.
    for f in &paper.front_matter {
        if matches!(
            f.label.as_str(),
            "引用本文" | "引用格式" | "本文引用格式" | "Citation"
        ) {
            facts.or(citation(&f.value));
        }
    }
    for f in &paper.front_matter {
        if f.label == "文章编号" {
            facts.or(article_number(&f.value));
        }
    }
    for f in &paper.front_matter {
        match f.label.as_str() {
            "期刊" => facts.or(issue_line(&f.value)),
            "DOI" | "doi" | "Digital Object Identifier" if doi.is_none() => {
                doi = Some(f.value.trim().trim_end_matches(['。', '.']).to_string());
            }
            "Received" | "Manuscript received" => {
                received = years(&f.value).into_iter().max();
            }
            _ => {}
        }
    }
    facts.or(heads(paper, lines));
    // Folios give the pages.
    let last = lines.last_page.max(1) as usize;
    let first_folio = lines.folios.first().copied().flatten();
    let last_folio = lines.folios.get(last - 1).copied().flatten();
    if let (Some(a), Some(b)) = (first_folio, last_folio)
        && a <= b
    {
        facts.or(Facts {
            pages: Some((a, b)),
            ..Facts::default()
        });
    }
    if facts.year.is_none() {
        facts.year = received;
    }
    paper.metadata = Metadata {
        journal: facts.journal,
        year: facts.year,
        volume: facts.volume,
        issue: facts.issue,
        pages: facts.pages.map(|(a, b)| format!("{a}-{b}")),
        doi: doi.filter(|d| d.contains('/')),
        ..Metadata::default()
    };
    paper.printed_pages = printed_pages(lines, facts.pages);
}

/// Printed page per physical page: the folios, else counted from the first page of the
/// article's range (only when the file has page breaks).
pub fn printed_pages(lines: &Lines<'_>, pages: Option<(u32, u32)>) -> Vec<Option<u32>> {
    if lines.folios.iter().any(Option::is_some) {
        return lines.folios.clone();
    }
    match pages {
        Some((a, _)) if lines.page_count >= 2 => {
            (0..lines.page_count).map(|p| Some(a + p)).collect()
        }
        _ => vec![None; lines.page_count as usize],
    }
}

/// Numbers in `s` with their byte offsets.
fn numbers(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            out.push((start, &s[start..i]));
        } else {
            i += 1;
        }
    }
    out
}

fn years(s: &str) -> Vec<u32> {
    numbers(s)
        .into_iter()
        .filter(|(_, n)| n.len() == 4 && (n.starts_with("19") || n.starts_with("20")))
        .filter_map(|(_, n)| n.parse().ok())
        .collect()
}

fn issue_number(n: &str) -> Option<String> {
    let v: u32 = n.parse().ok()?;
    (v > 0).then(|| v.to_string())
}

/// `1003-0751(2025)06-0034-08`: ISSN, (year), issue - first page - page count.
fn article_number(s: &str) -> Facts {
    let compact: String = s
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(crate::corpus::text::fold_width)
        .collect();
    let Some(open) = compact.find('(') else {
        return Facts::default();
    };
    let Some(close) = compact[open..].find(')').map(|c| open + c) else {
        return Facts::default();
    };
    let year: Option<u32> = compact[open + 1..close].parse().ok();
    let rest: Vec<&str> = compact[close + 1..].split('-').collect();
    if rest.len() < 3 {
        return Facts::default();
    }
    let issue = issue_number(rest[0]);
    let first: Option<u32> = rest[1].parse().ok().filter(|&p| p > 0);
    let count: Option<u32> = rest[2].parse().ok().filter(|&c| c > 0);
    // A template never filled in (`(2017)00-0000-00`) states nothing.
    if issue.is_none() || first.is_none() || count.is_none() {
        return Facts::default();
    }
    Facts {
        year: year.filter(|y| (1900..=2100).contains(y)),
        issue,
        pages: first.zip(count).map(|(a, c)| (a, a + c - 1)),
        ..Facts::default()
    }
}

/// `…[J].人民长江，2022,53(5)：7-13.`
fn citation(s: &str) -> Facts {
    let s: String = s.chars().map(crate::corpus::text::fold_width).collect();
    let Some(j) = s.find("[J") else {
        return Facts::default();
    };
    let after = &s[j..];
    let Some(close) = after.find(']') else {
        return Facts::default();
    };
    let rest = after[close + 1..].trim_start_matches(['.', ' ', '．']);
    let end = rest.find([',', '.', '，', '．']).unwrap_or(rest.len());
    let journal = rest[..end].trim();
    let mut f = Facts {
        journal: (!journal.is_empty() && !journal.chars().all(|c| c.is_ascii_digit()))
            .then(|| journal.to_string()),
        ..Facts::default()
    };
    let tail = &rest[end..];
    let nums = numbers(tail);
    if let Some(&(_, y)) = nums.first()
        && y.len() == 4
    {
        f.year = y.parse().ok();
        // volume(issue):first-last
        let after_year = &tail[nums[0].0 + 4..];
        if let Some(p) = after_year.find('(') {
            let vol = after_year[..p].trim_matches([',', ' ']);
            if !vol.is_empty() && vol.bytes().all(|b| b.is_ascii_digit()) {
                f.volume = Some(vol.to_string());
            }
            if let Some(q) = after_year[p..].find(')') {
                f.issue = issue_number(after_year[p + 1..p + q].trim());
                let pages = after_year[p + q + 1..].trim_start_matches([':', ' ']);
                let pn = numbers(pages);
                if pn.len() >= 2 && pn[0].0 == 0 {
                    let a: Option<u32> = pn[0].1.parse().ok();
                    let b: Option<u32> = pn[1].1.parse().ok();
                    if let (Some(a), Some(b)) = (a, b)
                        && a <= b
                    {
                        f.pages = Some((a, b));
                    }
                }
            }
        }
    }
    f
}

/// `第 71 卷 第 1 期 2018 年 4 月`, `Vol. 71 No. 1 Apr. 2018.117-128`, `2016 年第 4 期（总第 14 期）`,
/// `文艺理论研究 2015 年第 6 期`: volume, issue, year (and pages, and the journal before a date).
fn issue_line(s: &str) -> Facts {
    let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let mut f = Facts::default();
    if let Some(p) = compact.find('卷') {
        let before = &compact[..p];
        let d: String = before
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect();
        if !d.is_empty() {
            f.volume = Some(d.chars().rev().collect());
        }
    }
    // 第 N 期, but not 总第 N 期.
    let mut search = 0;
    while let Some(p) = compact[search..].find('期') {
        let at = search + p;
        let before = &compact[..at];
        let d: String = before
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect::<String>()
            .chars()
            .rev()
            .collect();
        let pre = &before[..before.len() - d.len()];
        if !d.is_empty() && pre.ends_with('第') && !pre.ends_with("总第") && f.issue.is_none() {
            f.issue = issue_number(&d);
        }
        search = at + '期'.len_utf8();
    }
    if let Some(p) = compact.find("Vol.") {
        let d: String = compact[p + 4..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if !d.is_empty() {
            f.volume = Some(d);
        }
    }
    if let Some(p) = compact.find("No.") {
        let d: String = compact[p + 3..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if f.issue.is_none() {
            f.issue = issue_number(&d);
        }
    }
    let ys = years(&compact);
    f.year = ys.first().copied();
    // `Apr. 2018.117-128`: the pages after the year.
    if let Some(y) = ys.first() {
        let ystr = y.to_string();
        if let Some(p) = compact.find(&ystr) {
            let after = &compact[p + 4..];
            if let Some(rest) = after.strip_prefix(['.', ',', ':'])
                && let Some((a, b)) = rest.split_once('-')
                && let (Ok(a), Ok(b)) = (
                    a.parse::<u32>(),
                    b.trim_end_matches(|c: char| !c.is_ascii_digit())
                        .parse::<u32>(),
                )
                && a <= b
            {
                f.pages = Some((a, b));
            }
        }
    }
    // A journal's name before `2015 年第 6 期`.
    if let Some(&(at, _)) = numbers(s).iter().find(|(_, n)| n.len() == 4) {
        let name = s[..at].trim();
        if name.chars().count() >= 2
            && !name.chars().any(|c| c.is_ascii_digit())
            && !name.contains(['：', ':'])
        {
            f.journal = Some(journal_name(name));
        }
    }
    f
}

/// `《上政法律评论》` → `上政法律评论`; `法國研究(Etudes Françaises)` → `法國研究`.
fn journal_name(s: &str) -> String {
    let t = s.trim();
    if let Some(inner) = t.strip_prefix('《').and_then(|r| r.split('》').next()) {
        return inner.to_string();
    }
    for open in ['(', '（'] {
        if let Some(p) = t.find(open)
            && p > 0
        {
            return t[..p].trim().to_string();
        }
    }
    t.to_string()
}

fn dateish(s: &str) -> bool {
    !years(s).is_empty()
        || s.contains('卷')
        || s.contains('期') && s.chars().any(|c| c.is_ascii_digit())
        || s.starts_with("Vol")
}

/// Facts from the running heads: the head lines of pages that carry a date or an issue.
fn heads(paper: &Paper, lines: &Lines<'_>) -> Facts {
    let title: String = paper
        .title
        .as_deref()
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let is_title = |s: &str| {
        let c: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        !title.is_empty() && (c.contains(&title) || title.contains(&c) && c.chars().count() >= 6)
    };
    let mut f = Facts::default();
    let mut names: Vec<(String, usize, bool)> = Vec::new();
    for group in &lines.heads {
        let group: Vec<&str> = group
            .iter()
            .copied()
            .filter(|h| !is_title(h) && !h.contains(['：', ':']))
            .collect();
        if !group.iter().any(|h| dateish(h)) {
            continue;
        }
        for h in &group {
            if dateish(h) {
                let g = issue_line(h);
                if let Some(j) = g.journal.clone() {
                    push_name(&mut names, &j, false);
                }
                f.or(Facts {
                    journal: None,
                    pages: None,
                    ..g
                });
            } else if h.chars().any(char::is_alphabetic)
                && !h.chars().any(|c| c.is_ascii_digit())
                && h.chars().count() <= 40
            {
                let bracketed = h.trim().starts_with('《');
                push_name(&mut names, &journal_name(h), bracketed);
            }
        }
    }
    // The book-title-marked name, else the one printed most.
    names.sort_by_key(|(_, n, b)| (std::cmp::Reverse(*b), std::cmp::Reverse(*n)));
    f.journal = names.into_iter().next().map(|(n, _, _)| n);
    f
}

fn push_name(names: &mut Vec<(String, usize, bool)>, name: &str, bracketed: bool) {
    match names.iter_mut().find(|(n, _, _)| n == name) {
        Some(e) => {
            e.1 += 1;
            e.2 |= bracketed;
        }
        None => names.push((name.to_string(), 1, bracketed)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_numbers() {
        let f = article_number("1003-0751(2025)06-0034-08");
        assert_eq!(
            (f.year, f.issue.as_deref(), f.pages),
            (Some(2025), Some("6"), Some((34, 41)))
        );
        let f = article_number("1001-4179（2022）05-0007-07");
        assert_eq!(
            (f.year, f.issue.as_deref(), f.pages),
            (Some(2022), Some("5"), Some((7, 13)))
        );
        let f = article_number("1003-0077 （2017） 00-0000-00");
        assert_eq!((f.year, f.issue, f.pages), (None, None, None));
    }

    #[test]
    fn citation_lines() {
        let f = citation(
            "许全喜，袁晶.2020年三峡水库泥沙淤积特点及原因分析[J].人民长江，2022,53(5)：7-13.",
        );
        assert_eq!(f.journal.as_deref(), Some("人民长江"));
        assert_eq!(
            (f.year, f.volume.as_deref(), f.issue.as_deref(), f.pages),
            (Some(2022), Some("53"), Some("5"), Some((7, 13)))
        );
        let f = citation("郭威，何烨．考虑非线性环节的方法[J/OL]．电力自动化设备.");
        assert_eq!(f.journal.as_deref(), Some("电力自动化设备"));
    }

    #[test]
    fn issue_lines_and_names() {
        let f = issue_line("第 71 卷 第 1 期 2018 年 4 月");
        assert_eq!(
            (f.volume.as_deref(), f.issue.as_deref(), f.year),
            (Some("71"), Some("1"), Some(2018))
        );
        let f = issue_line("Vol. 71 No. 1 Apr. 2018.117-128");
        assert_eq!(
            (f.volume.as_deref(), f.issue.as_deref(), f.year, f.pages),
            (Some("71"), Some("1"), Some(2018), Some((117, 128)))
        );
        let f = issue_line("2016 年第 4 期（总第 14 期）");
        assert_eq!((f.issue.as_deref(), f.year), (Some("4"), Some(2016)));
        let f = issue_line("某某研究 2015 年第 6 期");
        assert_eq!(
            (f.journal.as_deref(), f.issue.as_deref()),
            (Some("某某研究"), Some("6"))
        );
        assert_eq!(journal_name("《某某评论》"), "某某评论");
        assert_eq!(journal_name("某國研究(Etudes)"), "某國研究");
    }
}
