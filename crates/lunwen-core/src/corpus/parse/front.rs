//! Front-matter readers used by the assemble stage: titles, bylines in their many printed forms
//! (`刘 博 蔡文成`, `张三1，李四2*`, `柴华<sup>1</sup>, 张学军<sup>1</sup>`, `JUNHYUNG KANG $^{1}$ ,
//! AND SIMON S. WOO $^{1,5}$`, `Hongzhi $\mathbf { L i u } ^ { 1 * }$`, `Yuqi Chen Peking
//! University cyq0722@pku.edu.cn`), and keyword lists.

use crate::corpus::text::is_cjk;

/// A title line: short, not a sentence (a question mark is fine).
pub fn looks_like_title(line: &str) -> bool {
    let n = line.chars().count();
    let last = line.chars().last();
    let latin = !line.chars().any(is_cjk);
    let max = if latin { 250 } else { 80 };
    (2..=max).contains(&n)
        && !line.contains('。')
        && !matches!(
            last,
            Some('。' | '，' | '；' | '！' | '、' | ',' | ';' | '.' | '”' | '"')
        )
        && !line.contains("http")
        && !line.contains('@')
}

/// LaTeX in a byline reduced to its letters: `$\mathbf { L i u } ^ { 1 * }$` → `Liu`, marks
/// `^{…}` dropped. Returns the text and what was dropped.
pub fn plain_latex(s: &str) -> (String, String) {
    let mut out = String::with_capacity(s.len());
    let mut dropped = String::new();
    let mut rest = s;
    while let Some(p) = rest.find('$') {
        out.push_str(&rest[..p]);
        let inner_start = p + 1;
        let Some(q) = rest[inner_start..].find('$') else {
            out.push_str(&rest[p..]);
            rest = "";
            break;
        };
        dropped.push_str("$$");
        let inner = &rest[inner_start..inner_start + q];
        let (text, d) = latex_inner(inner);
        dropped.push_str(&d);
        out.push_str(&text);
        rest = &rest[inner_start + q + 1..];
    }
    out.push_str(rest);
    (out, dropped)
}

fn latex_inner(inner: &str) -> (String, String) {
    let mut text = String::new();
    let mut dropped = String::new();
    let mut chars = inner.char_indices().peekable();
    let mut depth_sup: Option<usize> = None;
    let mut depth = 0usize;
    while let Some((i, c)) = chars.next() {
        match c {
            '^' | '_' => {
                dropped.push(c);
                // the group or char after it is a mark
                while let Some(&(_, n)) = chars.peek() {
                    if n == ' ' {
                        chars.next();
                    } else {
                        break;
                    }
                }
                if let Some(&(_, '{')) = chars.peek() {
                    depth_sup = Some(depth);
                } else if let Some((_, n)) = chars.next() {
                    dropped.push(n);
                }
            }
            '{' => {
                depth += 1;
                dropped.push(c);
            }
            '}' => {
                depth = depth.saturating_sub(1);
                dropped.push(c);
                if depth_sup == Some(depth) {
                    depth_sup = None;
                }
            }
            '\\' => {
                dropped.push(c);
                let name_end = inner[i + 1..]
                    .find(|x: char| !x.is_ascii_alphabetic())
                    .map_or(inner.len(), |e| i + 1 + e);
                dropped.push_str(&inner[i + 1..name_end]);
                while chars.peek().is_some_and(|&(k, _)| k < name_end) {
                    chars.next();
                }
            }
            ' ' => {}
            c if depth_sup.is_some() => dropped.push(c),
            c => text.push(c),
        }
    }
    (text, dropped)
}

/// Marks after a name in a byline: affiliation numbers, `*`, `†`, `‡`, superscripts.
fn is_mark(c: char) -> bool {
    // Private-use code points are symbol-font glyphs (a footnote star) the converter kept.
    ('\u{e000}'..='\u{f8ff}').contains(&c)
        || c.is_ascii_digit()
        || matches!(
            c,
            '*' | '∗'
                | '†'
                | '‡'
                | '§'
                | '#'
                | '^'
                | ','
                | '，'
                | '¹'
                | '²'
                | '³'
                | '⁴'
                | '⁵'
                | '⁶'
                | '⁷'
                | '⁸'
                | '⁹'
                | '⁰'
                | '⁎'
                | '⋆'
        )
}

/// `<sup>…</sup>` removed from a byline.
fn strip_sup(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find("<sup>") {
        out.push_str(&rest[..p]);
        match rest[p..].find("</sup>") {
            Some(q) => {
                out.push(' ');
                rest = &rest[p + q + 6..];
            }
            None => {
                rest = &rest[p + 5..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Author names from a byline, and the byte offset in `line` where an affiliation glued to it
/// begins (`周章元，何小灵（浙江科技学院…)`). `None` if the line is no byline.
pub fn authors(line: &str) -> Option<(Vec<String>, Option<usize>)> {
    let line = line.trim();
    if line.is_empty() || line.contains(['。', '：', ':']) || line.chars().count() > 400 {
        return None;
    }
    // An affiliation in parentheses after the names.
    let cut = line
        .char_indices()
        .find(|&(i, c)| (c == '（' || c == '(') && i > 0 && !line[..i].ends_with('$'))
        .map(|(i, _)| i);
    let head = &line[..cut.unwrap_or(line.len())];
    if head.chars().count() > 200 {
        return None;
    }
    let cleaned = strip_sup(head);
    let (cleaned, _) = plain_latex(&cleaned);
    if cleaned.contains('@') {
        return email_byline(&cleaned).map(|n| (vec![n], cut));
    }
    let cjk = cleaned.chars().filter(|&c| is_cjk(c)).count();
    let names = if cjk == 0 {
        latin_names(&cleaned)?
    } else {
        cjk_names(&cleaned)?
    };
    (!names.is_empty() && names.len() <= 16).then_some((names, cut))
}

fn cjk_names(s: &str) -> Option<Vec<String>> {
    let tokens: Vec<String> = s
        .split(|c: char| c.is_whitespace() || matches!(c, '，' | ',' | '、' | ';' | '；'))
        .map(|t| t.trim_matches(is_mark).to_string())
        .filter(|t| !t.is_empty())
        .collect();
    if tokens.is_empty() || tokens.len() > 24 {
        return None;
    }
    if !tokens.iter().all(|t| {
        t.chars()
            .all(|c| is_cjk(c) && c.is_alphabetic() || c == '·')
            && t.chars().count() <= 5
    }) {
        return None;
    }
    let mut names = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let single = tokens[i].chars().count() == 1;
        if single && tokens.get(i + 1).is_some_and(|t| t.chars().count() == 1) {
            names.push(format!("{}{}", tokens[i], tokens[i + 1]));
            i += 2;
        } else if single
            && tokens.get(i + 1).is_some_and(|t| t.chars().count() >= 2)
            && names.is_empty()
            && tokens.len() == 2
        {
            // `单` / `波 周夏宇`: a given name printed after a gap.
            names.push(tokens[i].clone());
            i += 1;
        } else {
            names.push(tokens[i].clone());
            i += 1;
        }
    }
    Some(names)
}

fn latin_names(s: &str) -> Option<Vec<String>> {
    let mut parts: Vec<String> = Vec::new();
    for p in s.split([';', ',', '，', '；', '&']) {
        let mut p = p.trim();
        for and in ["AND ", "and "] {
            if let Some(r) = p.strip_prefix(and) {
                p = r.trim();
            }
        }
        for piece in p.split(" and ").flat_map(|x| x.split(" AND ")) {
            let name: String = piece
                .split_whitespace()
                .map(|w| w.trim_matches(is_mark))
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            if !name.is_empty() {
                parts.push(name);
            }
        }
    }
    let ok = parts.iter().all(|n| {
        let words: Vec<&str> = n.split_whitespace().collect();
        (1..=4).contains(&words.len())
            && words.iter().all(|w| {
                w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars()
                        .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\''))
            })
    });
    (ok && !parts.is_empty() && parts.len() <= 16).then_some(parts)
}

/// `Yuqi Chen Peking University cyq0722@pku.edu.cn`: the name is the first two or three
/// capitalised words (initials between them count), the rest is the institution.
fn email_byline(s: &str) -> Option<String> {
    let words: Vec<&str> = s.split_whitespace().filter(|w| !w.contains('@')).collect();
    if words.len() < 2 || words.len() > 14 {
        return None;
    }
    let mut n = 2;
    while n < words.len() && n < 4 && words[n - 1].len() <= 2 && words[n - 1].ends_with('.') {
        n += 1;
    }
    let name = &words[..n];
    name.iter()
        .all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '-'))
        })
        .then(|| name.join(" "))
}

/// Keywords split at `;`, `；`, `，`, `,`, `、` or, when there is no other separator, at spaces.
pub fn keywords(rest: &str) -> Vec<String> {
    let rest = rest.trim().trim_end_matches(['.', '。', '．']);
    let parts: Vec<&str> = if rest.contains([';', '；', '，', ',', '、']) {
        rest.split([';', '；', '，', ',', '、']).collect()
    } else if rest.chars().any(is_cjk) {
        rest.split_whitespace().collect()
    } else {
        vec![rest]
    };
    parts
        .iter()
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .map(|s| {
            if s.chars().any(is_cjk) {
                s.replace(' ', "")
            } else {
                s
            }
        })
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(line: &str) -> Vec<String> {
        authors(line).map(|a| a.0).unwrap_or_default()
    }

    #[test]
    fn chinese_bylines() {
        assert_eq!(names("刘 博 蔡文成"), ["刘博", "蔡文成"]);
        assert_eq!(names("韩永辉 李思怡 成 昊"), ["韩永辉", "李思怡", "成昊"]);
        assert_eq!(names("张三1,2，李四2*"), ["张三", "李四"]);
        assert_eq!(
            names("柴华<sup>1</sup>, 张学军<sup>1</sup>, 唐震<sup>1,3</sup>"),
            ["柴华", "张学军", "唐震"]
        );
        assert_eq!(
            names("林恒先 1，侯凯元 2，陈磊 1"),
            ["林恒先", "侯凯元", "陈磊"]
        );
        let (n, cut) = authors("周章元，何小灵（浙江科技学院理学院，杭州310012)").unwrap();
        assert_eq!(n, ["周章元", "何小灵"]);
        assert_eq!(cut, Some("周章元，何小灵".len()));
        assert_eq!(
            names("李莉1,2 程明月1,2 刘芷町"),
            ["李莉", "程明月", "刘芷町"]
        );
        assert_eq!(names("单 波 周夏宇"), ["单波", "周夏宇"]);
        assert!(
            authors("发展新质生产力是推动高质量发展的内在要求和重要着力点，以新质生产力").is_none()
        );
        assert!(authors("摘 要:发展").is_none());
    }

    #[test]
    fn latin_bylines() {
        assert_eq!(names("Liu Bo; Cai Wencheng"), ["Liu Bo", "Cai Wencheng"]);
        assert_eq!(
            names(
                "JUNHYUNG KANG $^{1}$ , SHAHROZ TARIQ $^{2,3}$ , HAN OH $^{4}$ , AND SIMON S. WOO $^{1,5}$"
            ),
            ["JUNHYUNG KANG", "SHAHROZ TARIQ", "HAN OH", "SIMON S. WOO"]
        );
        assert_eq!(
            names(
                "Zihan Zhang1, Hongzhi $\\mathbf { L i u } ^ { 1 * }$ , Zhonghai $\\mathbf { W } \\mathbf { u } ^ { 2 \\dag }$"
            ),
            ["Zihan Zhang", "Hongzhi Liu", "Zhonghai Wu"]
        );
        assert_eq!(
            names("Sixuan Li Xiaoying AI Lab lisixuan@xiaoyingai.com"),
            ["Sixuan Li"]
        );
        assert!(authors("The model is trained for 50 epochs.").is_none());
    }

    #[test]
    fn keyword_lists_and_titles() {
        assert_eq!(
            keywords("新质生产力; 共建“一带一路”"),
            ["新质生产力", "共建“一带一路”"]
        );
        assert_eq!(keywords("数字经济 产业链"), ["数字经济", "产业链"]);
        assert_eq!(
            keywords("Object detection, satellites."),
            ["Object detection", "satellites"]
        );
        assert!(looks_like_title("酷儿理论等于同性恋研究吗？"));
        assert!(!looks_like_title("习近平总书记在中央经济工作会议上指出，"));
        assert!(!looks_like_title("是。"));
    }
}
