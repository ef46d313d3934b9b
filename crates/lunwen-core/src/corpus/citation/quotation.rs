//! The quotation template (`quote_template` in the config), filled with a quote and its
//! citation.

use super::Citation;
use crate::corpus::text::sanitize;

/// The placeholders a quotation template may use:
/// - `{quote}`: the quoted text, one paragraph per line;
/// - `{citation}`: the note (注释) or reference entry;
/// - `{intext}`: the style's citation in the running text (`[1]36`, `(刘博 & 蔡文成, 2025,
///   p. 36)`, `\cite[36]{liu2025yi}`; nothing for 注释);
/// - `{key}`: the cite key (`liu2025yi`);
/// - `{page}`: the page of the quotation, where it is known;
/// - `{pandoc}`: `[@liu2025yi, p. 36]`;
/// - `{latex}`: `\cite[36]{liu2025yi}`.
pub const PLACEHOLDERS: &[&str] = &[
    "quote", "citation", "intext", "key", "page", "pandoc", "latex",
];

/// Checks a template: every `{name}` must be a known placeholder; other braces are text.
pub fn check_template(template: &str) -> Result<(), String> {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let name_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        if name_len > 0
            && after[name_len..].starts_with('}')
            && !PLACEHOLDERS.contains(&&after[..name_len])
        {
            let known: Vec<String> = PLACEHOLDERS.iter().map(|p| format!("{{{p}}}")).collect();
            return Err(format!(
                "unknown placeholder '{{{}}}' in quote_template (known: {})",
                &after[..name_len],
                known.join(", ")
            ));
        }
        rest = after;
    }
    Ok(())
}

/// Fills a quotation template with `quote` (its punctuation already as it should go into the
/// paper, see [`crate::corpus::punctuation::quote_text`]) and its citation. Any text other than
/// the [`PLACEHOLDERS`] (other braces included) is kept as written; the config checks templates
/// when it loads them. A line whose placeholders all came out empty (the citation of a paper with
/// nothing to cite) is dropped, so the clipboard gets no dangling blank line.
///
/// Inside `“{quote}”` the quote follows GB/T 15834: its own double quotes become single ones
/// and single ones double, and a quotation of several paragraphs opens every paragraph with
/// `“` and closes only the last with `”`. Every value is sanitized: the clipboard is pasted
/// into terminals too.
pub fn quotation(template: &str, quote: &str, citation: &Citation) -> String {
    let mut quote = sanitize(quote.trim());
    if template.contains("“{quote}”") {
        quote = quote
            .chars()
            .map(|c| match c {
                '“' => '‘',
                '”' => '’',
                '‘' => '“',
                '’' => '”',
                c => c,
            })
            .collect::<String>()
            .split('\n')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("\n“");
    }
    let page = citation.page.map(|p| p.to_string()).unwrap_or_default();
    let values = [
        ("{quote}", quote),
        ("{citation}", sanitize(citation.text.trim())),
        ("{intext}", sanitize(&citation.intext)),
        ("{key}", sanitize(&citation.key)),
        ("{page}", page),
        ("{pandoc}", sanitize(&citation.pandoc())),
        ("{latex}", sanitize(&citation.latex())),
    ];
    // Each rendered line, whether it had placeholders, and whether any of them was non-empty.
    let mut lines: Vec<(String, bool, bool)> = vec![(String::new(), false, false)];
    let push_text = |lines: &mut Vec<(String, bool, bool)>, t: &str| {
        let mut parts = t.split('\n');
        if let (Some(first), Some(line)) = (parts.next(), lines.last_mut()) {
            line.0.push_str(first);
        }
        for part in parts {
            lines.push((part.to_string(), false, false));
        }
    };
    let mut rest = template;
    loop {
        let next = values
            .iter()
            .filter_map(|(slot, value)| rest.find(slot).map(|at| (at, *slot, value.as_str())))
            .min_by_key(|(at, _, _)| *at);
        let Some((at, slot, value)) = next else {
            push_text(&mut lines, rest);
            break;
        };
        push_text(&mut lines, &rest[..at]);
        if let Some(line) = lines.last_mut() {
            line.1 = true;
            line.2 |= !value.is_empty();
            // A multi-line value keeps its own line breaks inside the current template line.
            line.0.push_str(value);
        }
        rest = &rest[at + slot.len()..];
    }
    lines
        .into_iter()
        .filter(|(_, has_slot, filled)| !has_slot || *filled)
        .map(|(l, _, _)| l)
        .collect::<Vec<_>>()
        .join("\n")
        .trim_end()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Paper;
    use crate::corpus::citation::Style;
    use crate::corpus::citation::tests::{cite, western};

    fn citation(text: &str) -> Citation {
        Citation {
            style: Style::GbT7714,
            text: text.into(),
            intext: "[1]36".into(),
            key: "jia2024yi".into(),
            page: Some(36),
            missing: vec![],
        }
    }

    #[test]
    fn templates_are_checked_and_filled() {
        let c = citation("甲. 乙[J].");
        assert_eq!(
            quotation("{quote}——{citation}", "句子。", &c),
            "句子。——甲. 乙[J]."
        );
        assert_eq!(quotation("{{quote}} {pages}", "x", &c), "{x} {pages}");
        assert_eq!(quotation("{citation}：{quote}\n", "x", &c), "甲. 乙[J].：x");
        assert_eq!(
            quotation("“{quote}”{intext} {key} {page} {pandoc} {latex}", "x", &c),
            "“x”[1]36 jia2024yi 36 [@jia2024yi, p. 36] \\cite[36]{jia2024yi}"
        );
        let empty = Citation {
            text: String::new(),
            intext: String::new(),
            key: String::new(),
            ..c.clone()
        };
        assert_eq!(
            quotation("“{quote}”\n——{citation}\n注", "x", &empty),
            "“x”\n注"
        );
        // paper text cannot smuggle a terminal escape into the clipboard
        assert_eq!(quotation("{quote}", "a\u{1b}]52;c;eA==\u{7}b", &c), "ab");
        assert!(check_template("“{quote}”{intext}\n{citation} {pandoc}").is_ok());
        assert!(
            check_template("{quote} {pages}")
                .unwrap_err()
                .contains("unknown placeholder '{pages}'")
        );
        assert!(check_template("{ literal braces } {}").is_ok());
    }

    #[test]
    fn paragraphs_of_a_quotation_each_open_and_only_the_last_closes() {
        let c = citation("甲. 乙[J].");
        assert_eq!(
            quotation(
                "“{quote}”\n{citation}",
                "第一段“引文”。\n第二段。\n第三段。",
                &c
            ),
            "“第一段‘引文’。\n“第二段。\n“第三段。”\n甲. 乙[J]."
        );
        // without Chinese quotation marks round it, the paragraphs are as they are
        assert_eq!(quotation("{quote}", "一。\n二。", &c), "一。\n二。");
    }

    proptest::proptest! {
        #[test]
        fn quotations_never_carry_control_characters(
            quote in "\\PC{0,60}[\u{1b}\u{7}\u{9b}\r]?\\PC{0,20}",
            title in "\\PC{0,30}[\u{1b}\u{202e}]?",
            s in 0usize..4,
        ) {
            let p = Paper { title: Some(title), ..western(&["A B"]) };
            let c = cite(&p, Style::ALL[s], Some(3));
            let q = quotation("“{quote}”{intext}\n{citation}{key}{pandoc}{latex}", &quote, &c);
            proptest::prop_assert!(
                !q.chars().any(|ch| (ch.is_control() && ch != '\n' && ch != '\t') || ch == '\u{202e}'),
                "{:?}", q
            );
        }
    }
}
