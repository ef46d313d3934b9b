//! The document grammar on small fixtures written for each rule: front matter, the body that
//! resumes after interruptions, notes, references, back matter, pages.

use super::super::parse;
use crate::corpus::model::{BlockKind, Paper, Target};

fn paras(p: &Paper) -> Vec<&str> {
    p.paragraphs().map(|b| b.text.as_str()).collect()
}

fn outline(p: &Paper) -> Vec<(u8, &str)> {
    p.outline
        .iter()
        .map(|h| (h.level, h.heading.as_str()))
        .collect()
}

fn field<'a>(p: &'a Paper, label: &str) -> Option<&'a str> {
    p.front_matter
        .iter()
        .find(|f| f.label == label)
        .map(|f| f.value.as_str())
}

/// The `i`th line of hard-wrapped body text: 21 characters, no sentence end, its first
/// character varying (lines alike but for their digits would be running heads).
fn line(i: usize) -> String {
    let lead = [
        '甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸', '子',
    ][i % 11];
    format!("{lead}是第{i:03}行写满宽度的硬换行中文文本内容")
}

/// `n` lines of body text from line `from` on.
fn body_lines(from: usize, n: usize) -> String {
    (from..from + n).map(|i| line(i) + "\n").collect()
}

fn note_text(p: &Paper, t: Target) -> &str {
    p.target_text(t).unwrap()
}

// ---- pages -------------------------------------------------------------------------------------

/// Two pages in `pdftotext` form: a running head, a paragraph that crosses the page break, a
/// footnote at the foot of page 2, a folio at the foot of each page.
fn two_pages() -> String {
    let mut s = String::new();
    s.push_str("某某学报 2020 年第 3 期\n\n某某问题研究\n\n张三\n\n");
    s.push_str(&body_lines(0, 20));
    s.push_str("\n·41·\n\u{c}");
    s.push_str("某某学报 2020 年第 3 期\n\n");
    s.push_str("第二页的文字接着上一页的句子①\n");
    s.push_str(&body_lines(20, 20));
    s.push_str("最后一行结束。\n\n");
    s.push_str("①某某：《书名》，某某出版社 2019 年版，第 3 页。\n");
    s.push_str("\n·42·\n\u{c}");
    s
}

#[test]
fn pages_come_from_form_feeds_and_folios_give_printed_pages() {
    let p = parse("x", "x.txt", &two_pages());
    assert_eq!(p.page_count, 2);
    assert_eq!(p.printed_pages, [Some(41), Some(42)]);
    let b = p
        .blocks
        .iter()
        .position(|b| b.kind == BlockKind::Paragraph)
        .unwrap();
    let block = &p.blocks[b];
    // One paragraph across the break; page 2 begins after page 1's fifteen lines.
    assert_eq!(paras(&p).len(), 1, "{:?}", paras(&p));
    let at = 20 * line(0).chars().count();
    assert_eq!(block.pages, [(0, 1), (at, 2)]);
    assert_eq!(p.page_at(b, at - 1), Some(1));
    assert_eq!(p.page_at(b, at), Some(2));
    assert_eq!(p.printed_page(b, 0), Some(41));
    assert_eq!(p.printed_page(b, at + 3), Some(42));
    // The running head and folios are furniture; the note knows its page.
    assert!(!block.text.contains("学报") && !block.text.contains('·'));
    assert_eq!(p.notes.len(), 1);
    assert_eq!(p.notes[0].page, Some(2));
    assert_eq!(block.markers[0].targets, [Target::Note(0)]);
    assert!(p.parts.furniture > 0);
    // Pages are known from the text: the range too.
    assert_eq!(p.metadata.pages.as_deref(), Some("41-42"));
}

#[test]
fn without_folios_printed_pages_count_from_the_article_number() {
    let mut s = String::from("标题\n\n文章编号：1003-0751(2025)06-0034-08\n\n");
    s.push_str(&body_lines(0, 20));
    s.push_str("结束。\n\u{c}");
    s.push_str(&body_lines(20, 20));
    s.push_str("结束。\n");
    let p = parse("x", "x.txt", &s);
    assert_eq!(p.metadata.year, Some(2025));
    assert_eq!(p.metadata.issue.as_deref(), Some("6"));
    assert_eq!(p.metadata.pages.as_deref(), Some("34-41"));
    assert_eq!(p.printed_pages, [Some(34), Some(35)]);
}

#[test]
fn a_file_without_form_feeds_has_no_pages() {
    let p = parse("x", "x.txt", "标题\n\n正文一段。\n\n正文二段。");
    assert_eq!(p.page_count, 1);
    assert!(p.blocks.iter().all(|b| b.pages.is_empty()));
    assert_eq!(p.printed_page(0, 0), None);
}

// ---- page footnotes ------------------------------------------------------------------------------

/// A page of hard-wrapped body with the given call and footnote lines at its foot.
fn page_with_note(page: usize, body_call: &str, note: &str) -> String {
    let mut s = String::new();
    s.push_str(&body_lines(page * 100, 10));
    s.push_str(&format!(
        "句子说到这里{body_call}，然后接着往下说到一行的末尾\n"
    ));
    s.push_str(&body_lines(page * 100 + 10, 10));
    s.push_str("这一页的最后一句话。\n\n");
    s.push_str(note);
    s.push('\n');
    s
}

#[test]
fn page_footnotes_restart_on_every_page_and_resolve_on_their_page() {
    let raw = format!(
        "{}\u{c}{}",
        page_with_note(1, "①", "①甲：《第一页的注》，2019 年。"),
        page_with_note(2, "①", "①乙：《第二页的注》，2020 年。")
    );
    let p = parse("x", "x.txt", &raw);
    assert_eq!(p.notes.len(), 2);
    assert_eq!(p.notes[0].page, Some(1));
    assert_eq!(p.notes[1].page, Some(2));
    let marks: Vec<&str> = p
        .paragraphs()
        .flat_map(|b| &b.markers)
        .map(|m| note_text(&p, m.targets[0]))
        .collect();
    assert_eq!(
        marks,
        [
            "甲：《第一页的注》，2019年。",
            "乙：《第二页的注》，2020年。"
        ]
    );
    // The notes cut no paragraph.
    assert!(paras(&p).iter().all(|t| !t.contains("第一页的注")));
}

#[test]
fn bracketed_page_footnotes_are_not_the_reference_list() {
    // `[1]` at the foot of each page is that page's note; the list under 参考文献 is another.
    let raw = format!(
        "{}\u{c}{}\u{c}参考文献\n[1] 丙. 参考书[M]. 北京: 出版社, 2018.\n",
        page_with_note(1, "[1]", "[1]甲：《页注一》，《某刊》2015 年第 3 期。"),
        page_with_note(2, "[1]", "[1]乙：《页注二》，《某刊》2016 年第 1 期。")
    );
    let p = parse("x", "x.txt", &raw);
    assert_eq!(p.notes.len(), 2, "{:?}", p.notes);
    assert_eq!(p.references.len(), 1);
    let targets: Vec<Target> = p
        .paragraphs()
        .flat_map(|b| &b.markers)
        .map(|m| m.targets[0])
        .collect();
    assert_eq!(targets, [Target::Note(0), Target::Note(1)]);
}

// ---- front matter ------------------------------------------------------------------------------

#[test]
fn running_heads_state_the_journal_year_and_issue() {
    let mut s = String::new();
    for p in 0..3 {
        if p > 0 {
            s.push('\u{c}');
        }
        s.push_str("中州学刊 2025 年第 6 期\n\n");
        s.push_str(&body_lines(p * 100, 15));
        s.push_str("结束。\n");
    }
    let p = parse("x", "x.txt", &s);
    assert_eq!(p.metadata.journal.as_deref(), Some("中州学刊"));
    assert_eq!(p.metadata.year, Some(2025));
    assert_eq!(p.metadata.issue.as_deref(), Some("6"));
    assert!(paras(&p).iter().all(|t| !t.contains("学刊")));
}

#[test]
fn citation_lines_and_dois_state_the_rest() {
    let raw = "标题\n\n引用本文：张三.标题[J].人民长江，2022,53(5)：7-13.\n\nDOI：10.16232/j.cnki.1001-4179.2022.05.002\n\n一、引言\n\n正文。";
    let p = parse("x", "x.txt", raw);
    assert_eq!(p.metadata.journal.as_deref(), Some("人民长江"));
    assert_eq!(p.metadata.year, Some(2022));
    assert_eq!(p.metadata.volume.as_deref(), Some("53"));
    assert_eq!(p.metadata.issue.as_deref(), Some("5"));
    assert_eq!(p.metadata.pages.as_deref(), Some("7-13"));
    assert_eq!(
        p.metadata.doi.as_deref(),
        Some("10.16232/j.cnki.1001-4179.2022.05.002")
    );
    assert_eq!(paras(&p), ["正文。"]);
}

#[test]
fn abstract_and_keywords_share_a_line_with_the_classification_fields() {
    let raw = "某某问题研究\n\n张三\n\n【摘要】本文讨论某某问题。\n\n关键词：甲；乙；丙 中图分类号：D90 文献标识码：A\n\n一、引言\n\n正文。";
    let p = parse("x", "x.txt", raw);
    assert_eq!(p.abstract_text.as_deref(), Some("本文讨论某某问题。"));
    assert_eq!(p.keywords, ["甲", "乙", "丙"]);
    assert_eq!(field(&p, "中图分类号"), Some("D90"));
    assert_eq!(field(&p, "文献标识码"), Some("A"));
    assert_eq!(outline(&p), [(1, "一、引言")]);
}

#[test]
fn a_keywords_list_left_open_goes_on_over_the_lines_below() {
    // Columns printed apart: each keyword on its own line, blank lines between.
    let raw = "某某问题研究\n\n张三\n\n摘要：本文讨论某某问题。\n关键词： 甲乙理论；\n\n丙丁研究；\n\n戊己；\n\n庚辛\n\n作者简介：张三，某某大学教授。\n\n一、引言\n\n正文。";
    let p = parse("x", "x.txt", raw);
    assert_eq!(p.keywords, ["甲乙理论", "丙丁研究", "戊己", "庚辛"]);
    assert_eq!(paras(&p), ["正文。"]);
    // A closed list takes nothing from below.
    let raw = "某某问题研究\n\n张三\n\n摘要：本文讨论某某问题。\n关键词：甲；乙\n\n丙丁\n\n一、引言\n\n正文。";
    let p = parse("x", "x.txt", raw);
    assert_eq!(p.keywords, ["甲", "乙"]);
}

#[test]
fn bylines_lose_their_affiliation_marks() {
    for byline in [
        "张三1，李四2*",
        "张三<sup>1</sup>，李四<sup>2</sup>",
        "张三$^{1}$，李四$^{2,*}$",
    ] {
        let raw = format!(
            "某某问题研究\n\n{byline}\n\n（1. 某某大学，北京 100000；2. 某某研究所，上海 200000）\n\n摘要：本文讨论。\n\n一、引言\n\n正文。"
        );
        let p = parse("x", "x.txt", &raw);
        assert_eq!(p.authors, ["张三", "李四"], "{byline}");
        assert_eq!(p.title.as_deref(), Some("某某问题研究"));
        assert_eq!(paras(&p), ["正文。"], "{byline}");
    }
}

#[test]
fn translated_front_matter_is_its_own_part_and_the_body_follows() {
    let raw = "某某问题研究\n\n张三\n\n摘要：本文讨论某某问题。\n\n关键词：甲；乙\n\nA Study of Some Problem\n\nZHANG San\n\nAbstract: This paper discusses a problem.\n\nKey words: a; b\n\n一、引言\n\n正文。";
    let p = parse("x", "x.txt", raw);
    assert_eq!(p.foreign_matter.len(), 4, "{:?}", p.foreign_matter);
    assert!(p.foreign_matter[2].contains("This paper discusses"));
    assert_eq!(outline(&p), [(1, "一、引言")]);
    assert_eq!(paras(&p), ["正文。"]);
}

#[test]
fn an_english_abstract_printed_after_the_references_is_front_matter_too() {
    let raw = "某某问题研究\n\n张三\n\n摘要：本文讨论某某问题。\n\n一、引言\n\n正文[1]。\n\n参考文献\n\n[1] 甲. 书[M]. 北京: 出版社, 2018.\n\nA Study of Some Problem\n\nAbstract: This paper discusses a problem.\n\nKeywords: a; b";
    let p = parse("x", "x.txt", raw);
    assert_eq!(p.references.len(), 1);
    assert_eq!(p.foreign_matter.len(), 3, "{:?}", p.foreign_matter);
    assert!(p.back_matter.is_empty(), "{:?}", p.back_matter);
}

#[test]
fn an_online_first_cover_page_is_front_matter_and_the_paper_follows() {
    let raw = "网络首发论文\n\n题目：某某问题研究\n\n作者：张三，李四\n\n网络首发日期：2024-01-02\n\n引用格式：张三，李四．某某问题研究[J/OL]．某某学报．\n\n某某问题研究\n\n张三1，李四2\n\n摘要：本文讨论某某问题。\n\n关键词：甲；乙\n\n0 引言\n\n正文。";
    let p = parse("x", "x.txt", raw);
    assert_eq!(p.title.as_deref(), Some("某某问题研究"));
    assert_eq!(p.authors, ["张三", "李四"]);
    assert_eq!(p.abstract_text.as_deref(), Some("本文讨论某某问题。"));
    assert_eq!(outline(&p), [(1, "0 引言")]);
    assert_eq!(paras(&p), ["正文。"]);
}

// ---- the body ----------------------------------------------------------------------------------

#[test]
fn the_body_resumes_after_a_table_a_formula_and_fields() {
    let raw = "标题\n\n一、引言\n\n增长的速度\n\n| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n\n明显加快，可写作\n\n$$\nx = y + 1\n$$\n\n其中x为增长量，它还在继续\n\n收稿日期：2020-01-02\n\n作者简介：张三，某某大学教授。\n\n加快。\n\n下一段。\n\n$$\nz = 1\n$$\n\n新的一段。";
    let p = parse("x", "x.txt", raw);
    assert_eq!(
        paras(&p),
        [
            "增长的速度明显加快，可写作其中x为增长量，它还在继续加快。",
            "下一段。",
            "新的一段。"
        ]
    );
    assert!(p.blocks.iter().any(|b| b.kind == BlockKind::Table));
    assert!(p.blocks.iter().any(|b| b.kind == BlockKind::Formula));
    assert_eq!(field(&p, "收稿日期"), Some("2020-01-02"));
}

#[test]
fn unknown_text_stays_in_the_body_where_it_stood() {
    let raw = "标题\n\n一、引言\n\n正文一段。\n\n某个没有标记的短行\n\n正文二段。";
    let p = parse("x", "x.txt", raw);
    let body: String = p.blocks.iter().map(|b| b.text.as_str()).collect();
    assert!(body.contains("某个没有标记的短行"));
    assert!(p.back_matter.is_empty());
}

#[test]
fn markdown_hash_counts_say_nothing_about_levels() {
    let raw = "# 标题\n\n# 一、引言\n\n正文。\n\n##### （一）背景\n\n正文。\n\n# 1. 数据\n\n正文。\n\n### 二、方法\n\n正文。";
    let p = parse("x", "x.txt", raw);
    assert_eq!(
        outline(&p),
        [
            (1, "一、引言"),
            (2, "（一）背景"),
            (3, "1.数据"),
            (1, "二、方法")
        ]
    );
}

#[test]
fn captions_list_items_and_unnumbered_labels_are_not_headings() {
    let raw = "# 标题\n\n# 一、引言\n\n正文。\n\n# 图1 系统结构\n\n# （1）第一项内容是这样的，\n\n# 二、结论\n\n正文。\n\n# 参考文献\n\n[1] 甲. 书[M]. 北京: 出版社, 2018.";
    let p = parse("x", "x.txt", raw);
    assert_eq!(outline(&p), [(1, "一、引言"), (1, "二、结论")]);
    assert!(
        p.blocks
            .iter()
            .any(|b| b.kind == BlockKind::Caption && b.text.contains("系统结构"))
    );
    assert_eq!(p.references.len(), 1);
}

#[test]
fn an_unnumbered_conclusion_in_a_numbered_paper_is_no_heading() {
    let raw = "标题\n\n一、引言\n\n正文。\n\n二、方法\n\n正文。\n\n结语\n\n正文。";
    let p = parse("x", "x.txt", raw);
    assert_eq!(outline(&p), [(1, "一、引言"), (1, "二、方法")]);
}

#[test]
fn english_numbering_levels() {
    let raw = "A Title of the Paper\n\nAbstract—We study it.\n\nI. INTRODUCTION\n\nText here.\n\nA. Background\n\nText here.\n\n1) Details: more text.\n\nII. METHOD\n\nText here.\n\nREFERENCES\n\n[1] A. Author, \"A paper,\" J. Things, vol. 1, pp. 1-2, 2020.";
    let p = parse("x", "x.txt", raw);
    let o = outline(&p);
    assert_eq!(o[0], (1, "I. INTRODUCTION"));
    assert_eq!(o[1], (2, "A. Background"));
    assert_eq!(*o.last().unwrap(), (1, "II. METHOD"));
    assert_eq!(p.references.len(), 1);
}

#[test]
fn chapters_sections_and_decimal_levels() {
    let raw = "标题\n\n第一章 绪论\n\n正文。\n\n1.1 研究背景\n\n正文。\n\n1.1.1 问题的提出\n\n正文。\n\n第二章 方法\n\n正文。";
    let p = parse("x", "x.txt", raw);
    assert_eq!(
        outline(&p),
        [
            (1, "第一章绪论"),
            (2, "1.1 研究背景"),
            (3, "1.1.1 问题的提出"),
            (1, "第二章方法")
        ]
    );
}

#[test]
fn a_numbered_line_that_is_not_a_heading_goes_back_into_its_sentence() {
    // `20 世纪 60` reads like a number and a title, but the sentence runs through it.
    let raw = "标题\n\n一、引言\n\n它产生于妇女解放运动、\n\n20 世纪 60\n\n年代的新左派运动。\n\n二、方法\n\n正文。";
    let p = parse("x", "x.txt", raw);
    assert_eq!(outline(&p), [(1, "一、引言"), (1, "二、方法")]);
    assert_eq!(
        paras(&p),
        ["它产生于妇女解放运动、20世纪60年代的新左派运动。", "正文。"]
    );
}

#[test]
fn an_english_footer_inside_a_sentence_goes_and_the_sentence_joins() {
    let raw = "A Title of the Paper\n\n1 Introduction\n\nThe model is trained on a large\n\nManuscript received May 1, 2020.\n\ncorpus of text. It works.";
    let p = parse("x", "x.txt", raw);
    assert_eq!(
        paras(&p),
        ["The model is trained on a large corpus of text. It works."]
    );
}

// ---- references --------------------------------------------------------------------------------

#[test]
fn damaged_and_run_together_reference_labels() {
    let raw = "标题\n\n一、引言\n\n正文[1-4]。\n\n参考文献\n\n[1] 甲. 书一[M]. 北京: 出版社, 2018. [2] 乙. 书二[M]. 北京: 出版社, 2019.\n\n3] 丙. 书三[J]. 某刊, 2020(1): 1-2.\n\n[4] 丁. 书四[J]. 某刊,\n\n2021(2): 3-4.";
    let p = parse("x", "x.txt", raw);
    let labels: Vec<&str> = p.references.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(labels, ["1", "2", "3", "4"]);
    assert_eq!(p.references[3].text, "丁.书四[J].某刊, 2021(2): 3-4.");
    let m = &p.paragraphs().next().unwrap().markers[0];
    assert_eq!(m.targets.len(), 4);
}

#[test]
fn an_english_translation_stays_with_its_chinese_entry_and_bios_leave_the_list() {
    let raw = "标题\n\n一、引言\n\n正文[1][2]。\n\n参考文献\n\n[1] 张三. 某某研究[J]. 某某学报, 2020, 36(1): 1-8.\n\nZHANG San. Research on something[J]. Journal of Something, 2020, 36(1): 1-8.\n\n作者简介：李四（1980—），男，博士，主要研究方向为某某。\n\n[2] 王五. 另一研究[J]. 某某学报, 2021, 37(2): 9-16.";
    let p = parse("x", "x.txt", raw);
    assert_eq!(p.references.len(), 2);
    assert!(p.references[0].text.contains("Research on something"));
    assert!(!p.references[0].text.contains("作者简介"));
    assert!(field(&p, "作者简介").is_some_and(|v| v.starts_with("李四")));
}

#[test]
fn author_year_lists_resolve_author_year_citations() {
    let raw = "标题\n\n一、引言\n\n已有研究（张三，2019）指出，另见 (Smith, 2020)。\n\n参考文献\n\n张三. 2019. 某某研究. 北京: 出版社.\n\nSmith, J. 2020. A study of things. London: Press.";
    let p = parse("x", "x.txt", raw);
    assert_eq!(p.references.len(), 2);
    let b = p.paragraphs().next().unwrap();
    let t: Vec<Vec<Target>> = b.markers.iter().map(|m| m.targets.clone()).collect();
    assert_eq!(t, [vec![Target::Reference(0)], vec![Target::Reference(1)]]);
}

#[test]
fn back_matter_comes_only_after_the_references() {
    let raw = "标题\n\n一、引言\n\n正文[1]。\n\n参考文献\n\n[1] 甲. 书[M]. 北京: 出版社, 2018.\n\n（责任编辑：某某）";
    let p = parse("x", "x.txt", raw);
    assert_eq!(p.back_matter, ["（责任编辑：某某）"]);
    assert_eq!(paras(&p), ["正文。"]);
}

#[test]
fn appendix_headings_after_the_references_are_body_again() {
    let raw = "A Title of the Paper\n\n1 Introduction\n\nText [1].\n\nReferences\n\n[1] A. Author. A paper. J. Things, 2020.\n\nAppendix A Proofs\n\nThe proof goes so.";
    let p = parse("x", "x.txt", raw);
    assert_eq!(p.references.len(), 1);
    assert!(paras(&p).contains(&"The proof goes so."), "{:?}", paras(&p));
}

#[test]
fn endnotes_under_a_label_broken_in_its_translation() {
    let raw = "标题\n\n一、引言\n\n正文①。\n\n注释［\n\nNotes］\n\n①甲：《书》，2019 年。";
    let p = parse("x", "x.txt", raw);
    assert_eq!(p.notes.len(), 1);
    assert_eq!(
        p.paragraphs().next().unwrap().markers[0].targets,
        [Target::Note(0)]
    );
    assert_eq!(paras(&p), ["正文。"]);
}

// ---- explain -----------------------------------------------------------------------------------

#[test]
fn every_block_has_the_rule_that_decided_it() {
    let raw = "某某问题研究\n\n张三\n\n摘要：本文讨论。\n\n一、引言\n\n正文[1]。\n\n参考文献\n\n[1] 甲. 书[M]. 北京: 出版社, 2018.";
    let p = parse("x", "x.txt", raw);
    let rules: Vec<(&str, &str)> = p
        .explain
        .iter()
        .map(|e| (e.kind.as_str(), e.rule))
        .collect();
    assert!(rules.contains(&("title", "title")), "{rules:?}");
    assert!(
        rules.iter().any(|(k, _)| k.starts_with("heading")),
        "{rules:?}"
    );
    assert!(rules.contains(&("paragraph", "text")), "{rules:?}");
    assert!(rules.iter().any(|(k, _)| *k == "reference"), "{rules:?}");
    assert!(rules.iter().all(|(_, r)| !r.is_empty()));
}
