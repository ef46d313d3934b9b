//! The Chinese note style (注释), as footnotes in Chinese journals cite a paper.

use super::Facts;

/// `刘博、蔡文成：《以…研究》，载《中州学刊》2025年第6期，第34-41页。`
pub(super) fn chinese_note(f: &Facts) -> String {
    if f.uncitable() {
        return String::new();
    }
    let mut out = String::new();
    if !f.authors.is_empty() {
        // Note style names one author then 等 when there are more than three.
        let names = if f.authors.len() > 3 {
            let etal = if f.cjk_authors() { "等" } else { " et al." };
            format!("{}{etal}", f.authors[0])
        } else {
            f.authors.join("、")
        };
        out.push_str(&names);
        out.push('：');
    }
    let mut parts: Vec<String> = Vec::new();
    if let Some(t) = f.title {
        // A title inside 《》 writes its own inner titles with single angle brackets.
        let inner = t.replace('《', "〈").replace('》', "〉");
        parts.push(format!("《{inner}》"));
    }
    let mut source = String::new();
    if let Some(j) = f.journal {
        source.push_str(&format!(
            "载《{}》",
            j.replace('《', "〈").replace('》', "〉")
        ));
    }
    if let Some(y) = f.year {
        source.push_str(&format!("{y}年"));
    }
    if let Some(v) = f.volume {
        source.push_str(&format!("第{v}卷"));
    }
    if let Some(i) = f.issue {
        source.push_str(&format!("第{i}期"));
    }
    if !source.is_empty() {
        parts.push(source);
        if let Some(p) = &f.pages {
            parts.push(format!("第{}页", p.with_dash("-")));
        }
    }
    out.push_str(&parts.join("，"));
    out.push('。');
    out
}
