//! Front matter and labelled metadata lines: title, authors, 摘要, 关键词, and fields such as
//! 中图分类号 / 收稿日期 / 基金项目 / 作者简介 that also interrupt the body at page breaks.

use crate::corpus::text::is_cjk;

/// Labels of metadata fields, longest first so `文献标识码` wins over shorter prefixes.
const FIELD_LABELS: &[&str] = &[
    "中图分类号",
    "文献标识码",
    "文章编号",
    "收稿日期",
    "修回日期",
    "基金项目",
    "作者简介",
    "通讯作者",
    "引用格式",
    "网络首发",
    "DOI",
];

/// Lines from the journal's production that belong to no paper text.
const EDITORIAL_MARKS: &[&str] = &["责任编辑", "责编", "截稿", "校对"];

const ABSTRACT_LABELS: &[&str] = &["内容提要", "内容摘要", "摘要", "提要"];
const KEYWORD_LABELS: &[&str] = &["关键词", "关键字"];

/// Removes whitespace, `**`, `【】` and a trailing colon around a label so `**摘 要：**`,
/// `【内容提要】` and `摘要:` all read as `摘要`. Returns (label, rest) when `line` starts with one of
/// `labels`.
fn strip_label<'a>(line: &'a str, labels: &[&str]) -> Option<(String, &'a str)> {
    let mut compact = String::new();
    for (i, c) in line.char_indices() {
        if c.is_whitespace() || matches!(c, '*' | '【' | '[') {
            continue;
        }
        compact.push(c);
        for &label in labels {
            if compact == label {
                let mut rest = &line[i + c.len_utf8()..];
                rest = rest.trim_start_matches(|c: char| {
                    c.is_whitespace() || matches!(c, '*' | '】' | ']' | ':' | '：')
                });
                return Some((label.to_string(), rest));
            }
        }
        if !labels.iter().any(|l| l.starts_with(compact.as_str())) {
            return None;
        }
    }
    None
}

pub fn abstract_text(line: &str) -> Option<&str> {
    strip_label(line, ABSTRACT_LABELS).map(|(_, rest)| rest)
}

/// Keywords split at `;`, `；`, `，` or, when there is no other separator, at spaces.
pub fn keywords(line: &str) -> Option<Vec<String>> {
    let (_, rest) = strip_label(line, KEYWORD_LABELS)?;
    let parts: Vec<&str> = if rest.contains([';', '；', '，', ',']) {
        rest.split([';', '；', '，', ',']).collect()
    } else {
        rest.split_whitespace().collect()
    };
    Some(
        parts
            .iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
    )
}

/// Metadata fields in one line: `中图分类号: F124 **文献标识码:** A` gives two fields.
pub fn fields(line: &str) -> Option<Vec<(String, String)>> {
    let clean = line.replace("**", "");
    let (mut label, mut rest) = strip_label(&clean, FIELD_LABELS)?;
    let mut out: Vec<(String, String)> = Vec::new();
    // Another `LABEL:` further on splits the value.
    while let Some((i, next)) = next_field_label(rest) {
        out.push((label, rest[..i].trim().to_string()));
        label = next.to_string();
        rest = rest[i + next.len()..]
            .trim_start()
            .trim_start_matches([':', '：']);
    }
    out.push((label, rest.trim().to_string()));
    Some(out)
}

/// The first `LABEL:` after the start of `rest`: (byte offset, label). One forward scan, so a
/// long line of labels stays linear.
fn next_field_label(rest: &str) -> Option<(usize, &'static str)> {
    rest.char_indices().skip(1).find_map(|(i, _)| {
        FIELD_LABELS
            .iter()
            .find(|l| {
                rest[i..].starts_with(**l) && {
                    let after = rest[i + l.len()..].trim_start();
                    after.starts_with(':') || after.starts_with('：')
                }
            })
            .map(|l| (i, *l))
    })
}

/// Production notes (责任编辑, 截稿 …): short lines that are no part of the paper.
pub fn is_editorial(line: &str) -> bool {
    line.chars().count() <= 40 && EDITORIAL_MARKS.iter().any(|m| line.contains(m))
}

/// A title line: short, not a sentence.
pub fn looks_like_title(line: &str) -> bool {
    let n = line.chars().count();
    let last = line.chars().last();
    (2..=80).contains(&n)
        && !line.contains('。')
        && !matches!(
            last,
            Some('。' | '，' | '：' | '；' | '！' | '？' | '、' | ',' | ':' | ';' | '.')
        )
}

/// Author names from a byline such as `刘 博 蔡文成`, `韩永辉 李思怡 成 昊`, `张三，李四` or
/// `Liu Bo; Cai Wencheng`. Two-character Chinese names are often typeset with a space inside
/// (`刘 博`): single characters pair up. Returns `None` if the line is not a byline.
pub fn authors(line: &str) -> Option<Vec<String>> {
    let line = line.replace("**", "");
    let line = line.trim();
    if line.is_empty() || line.chars().count() > 60 || line.contains(['。', '：', ':']) {
        return None;
    }
    let cjk = line.chars().filter(|&c| is_cjk(c)).count();
    if cjk == 0 {
        let names: Vec<String> = line
            .split([';', ',', '，', '；'])
            .flat_map(|s| s.split(" and "))
            .map(|s| {
                s.trim()
                    .trim_matches(|c: char| c.is_ascii_digit() || c == '*')
                    .to_string()
            })
            .filter(|s| !s.is_empty())
            .collect();
        let ok = names.iter().all(|n| {
            let words: Vec<&str> = n.split_whitespace().collect();
            (1..=4).contains(&words.len())
                && words
                    .iter()
                    .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        });
        return (ok && !names.is_empty() && names.len() <= 12).then_some(names);
    }
    // Superscript affiliations (`张三1,2`, `李四*`) are not part of a name.
    let tokens: Vec<String> = line
        .split(|c: char| c.is_whitespace() || matches!(c, '，' | ',' | '、' | ';' | '；'))
        .map(|t| {
            t.trim_matches(|c: char| c.is_ascii_digit() || matches!(c, '*' | '^' | '†'))
                .to_string()
        })
        .filter(|t| !t.is_empty())
        .collect();
    if tokens.is_empty() || tokens.len() > 16 {
        return None;
    }
    if !tokens
        .iter()
        .all(|t| t.chars().all(|c| is_cjk(c) || c == '·') && t.chars().count() <= 5)
    {
        return None;
    }
    let mut names = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let single = tokens[i].chars().count() == 1;
        if single && tokens.get(i + 1).is_some_and(|t| t.chars().count() == 1) {
            names.push(format!("{}{}", tokens[i], tokens[i + 1]));
            i += 2;
        } else {
            names.push(tokens[i].clone());
            i += 1;
        }
    }
    (names.len() <= 12).then_some(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines() {
        assert_eq!(authors("刘 博 蔡文成").unwrap(), ["刘博", "蔡文成"]);
        assert_eq!(
            authors("韩永辉 李思怡 成 昊").unwrap(),
            ["韩永辉", "李思怡", "成昊"]
        );
        assert_eq!(authors("朱 锋 凌邦皓").unwrap(), ["朱锋", "凌邦皓"]);
        assert_eq!(authors("张三1,2，李四*").unwrap(), ["张三", "李四"]);
        assert_eq!(
            authors("Liu Bo; Cai Wencheng").unwrap(),
            ["Liu Bo", "Cai Wencheng"]
        );
        assert_eq!(
            authors("**Han Yonghui; Li Siyi; Cheng Hao**").unwrap(),
            ["Han Yonghui", "Li Siyi", "Cheng Hao"]
        );
        assert!(
            authors("发展新质生产力是推动高质量发展的内在要求和重要着力点，以新质生产力").is_none()
        );
        assert!(authors("摘 要:发展").is_none());
    }

    #[test]
    fn labelled_lines() {
        assert_eq!(abstract_text("摘 要:发展新质"), Some("发展新质"));
        assert_eq!(abstract_text("**摘 要：**当前，世界"), Some("当前，世界"));
        assert_eq!(
            abstract_text("【内容提要】发展新质生产力"),
            Some("发展新质生产力")
        );
        assert_eq!(abstract_text("摘要发展"), Some("发展"));
        assert_eq!(abstract_text("摘取"), None);
        assert_eq!(
            keywords("关键词: 新质生产力; 共建“一带一路”").unwrap(),
            ["新质生产力", "共建“一带一路”"]
        );
        assert_eq!(
            keywords("【关键词】中美关系；新质生产力").unwrap(),
            ["中美关系", "新质生产力"]
        );
        assert_eq!(
            keywords("关键词 数字经济 产业链").unwrap(),
            ["数字经济", "产业链"]
        );
        assert_eq!(
            fields("中图分类号: F124 **文献标识码:** A **文章编号:** 1003-0751(2025)06-0034-08")
                .unwrap(),
            vec![
                ("中图分类号".to_string(), "F124".to_string()),
                ("文献标识码".to_string(), "A".to_string()),
                (
                    "文章编号".to_string(),
                    "1003-0751(2025)06-0034-08".to_string()
                )
            ]
        );
        assert_eq!(
            fields("收稿日期:2025-02-04").unwrap(),
            vec![("收稿日期".to_string(), "2025-02-04".to_string())]
        );
        assert_eq!(
            fields("作者简介 朱锋,南京大学").unwrap()[0].1,
            "朱锋,南京大学"
        );
        assert!(fields("基于中国视角").is_none());
        assert!(is_editorial("(截稿:2024年6月 责编:荆江)"));
        assert!(is_editorial("责任编辑:刘 一"));
    }

    #[test]
    fn titles() {
        assert!(looks_like_title(
            "以新质生产力发展赋能高质量共建“一带一路”研究"
        ));
        assert!(!looks_like_title("习近平总书记在中央经济工作会议上指出："));
        assert!(!looks_like_title("是。"));
    }
}
