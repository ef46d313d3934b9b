//! Parser rules on small inline fixtures.

use super::parse;
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

#[test]
fn empty_and_blank_files_parse_to_an_empty_paper() {
    for raw in ["", "\n\n  \n", "\u{feff}"] {
        let p = parse("e", "e.txt", raw);
        assert!(p.title.is_none() && p.blocks.is_empty());
        assert!(p.warnings.iter().any(|w| w.contains("no body text")));
    }
}

#[test]
fn front_matter_title_byline_abstract_keywords_fields() {
    let raw = "# 论新质生产力\n\n刘 博 蔡文成\n\n摘 要:本文研究新质生产力。\n\n关键词: 新质生产力; 高质量发展\n\n中图分类号: F124 **文献标识码:** A\n\n一、引言\n\n正文第一段。";
    let p = parse("x", "x.txt", raw);
    assert_eq!(p.title.as_deref(), Some("论新质生产力"));
    assert_eq!(p.authors, ["刘博", "蔡文成"]);
    assert_eq!(p.abstract_text.as_deref(), Some("本文研究新质生产力。"));
    assert_eq!(p.keywords, ["新质生产力", "高质量发展"]);
    let labels: Vec<&str> = p.front_matter.iter().map(|f| f.label.as_str()).collect();
    assert_eq!(labels, ["中图分类号", "文献标识码"]);
    assert_eq!(outline(&p), [(1, "一、引言")]);
    assert_eq!(paras(&p), ["正文第一段。"]);
}

#[test]
fn a_paper_that_starts_with_its_body_has_no_title() {
    let p = parse(
        "x",
        "x.txt",
        "习近平总书记指出：“要发展。”\n\n一、引言\n\n正文。",
    );
    assert_eq!(p.title, None);
    assert_eq!(paras(&p)[0], "习近平总书记指出：“要发展。”");
}

#[test]
fn page_breaks_and_interruptions_join_paragraphs() {
    let raw = "标题\n\n一、引言\n\n同时,发展新质\n\n收稿日期:2025-02-04\n\n基金项目:某项目。\n\n生产力需要国内外资源。\n\n下一段。";
    let p = parse("x", "x.txt", raw);
    assert_eq!(
        paras(&p),
        ["同时,发展新质生产力需要国内外资源。", "下一段。"]
    );
    assert_eq!(p.front_matter.len(), 2);
}

#[test]
fn footnote_blocks_interrupt_and_restart_per_page() {
    let raw = "标题\n\n一、引言\n\n特征。<sup>①</sup>其内在属性呈现出鲜明的人民\n\n---\n\n本文系某基金项目的阶段成果。\n\n① 甲：《旧注》。\n\n性、协调性。<sup>①</sup>下文\n\n<sup>①</sup> 乙：《新注》。\n\n继续。";
    let p = parse("x", "x.txt", raw);
    assert_eq!(
        paras(&p),
        ["特征。其内在属性呈现出鲜明的人民性、协调性。下文继续。"]
    );
    let b = p.paragraphs().next().unwrap();
    let texts: Vec<&str> = b
        .markers
        .iter()
        .map(|m| p.target_text(m.targets[0]).unwrap())
        .collect();
    // each ① resolves to the first ① footnote after it
    assert_eq!(texts, ["甲：《旧注》。", "乙：《新注》。"]);
    assert_eq!(
        b.markers[1].offset,
        "特征。其内在属性呈现出鲜明的人民性、协调性。"
            .chars()
            .count()
    );
    assert!(p.front_matter.iter().any(|f| f.value.starts_with("本文系")));
}

#[test]
fn endnotes_and_references_resolve() {
    let raw = "标题\n\n一、引言\n\n界定^[1-2],文件^①。知识^[3]从此。\n\n注释\n\n①《甲》,新华网。②《乙在第十一\n\n次会议》,新华网。\n\n参考文献\n\n- [1]周文.论新质生产力[J].改革, 2023(10):1-13.\n- [2]刘洋.深刻理解[J].红旗文稿, 2023(24):20-22.\n- [3]张乐.以新质生产力[J].人民论坛, 2023(21):11-14.\n\nResearch on Something in English Here\n\nAbstract: The development.";
    let p = parse("x", "x.txt", raw);
    assert_eq!(p.notes.len(), 2);
    assert_eq!(p.notes[1].text, "《乙在第十一次会议》,新华网。");
    assert_eq!(p.references.len(), 3);
    let b = p.paragraphs().next().unwrap();
    assert_eq!(b.text, "界定,文件。知识从此。");
    assert_eq!(
        b.markers[0].targets,
        [Target::Reference(0), Target::Reference(1)]
    );
    assert_eq!(b.markers[1].targets, [Target::Note(0)]);
    assert_eq!(b.markers[2].targets, [Target::Reference(2)]);
    assert_eq!(p.foreign_matter.len(), 2, "{:?}", p.foreign_matter);
    assert!(p.back_matter.is_empty(), "{:?}", p.back_matter);
}

#[test]
fn damaged_endnote_glyphs_resolve_by_order_when_counts_agree() {
    // The second marker is printed ⑧ but is note 2; the third is `^{⑤4}` for note 3.
    let raw =
        "标题\n\n正文^①。又^⑧。再^{⑤4}。\n\n【注释】\n\n- ① 甲。\n- ② 乙。\n- ③ 丙,第\n- 12页。";
    let p = parse("x", "x.txt", raw);
    assert_eq!(p.notes.len(), 3);
    assert_eq!(p.notes[2].text, "丙,第12页。");
    let targets: Vec<Target> = p
        .paragraphs()
        .next()
        .unwrap()
        .markers
        .iter()
        .map(|m| m.targets[0])
        .collect();
    assert_eq!(targets, [Target::Note(0), Target::Note(1), Target::Note(2)]);
}

#[test]
fn numbered_paragraphs_are_not_headings() {
    let raw = "标题\n\n一、总论\n\n（一）内涵\n\n1. 在中国式现代化背景下，可以分析。\n\n2. 从制度安排来看，很关键。\n\n3. 新质生产力作为进程中的\n\n核心驱动力，体现了动力。\n\n（二）路径\n\n1. 生产力理论的再结合\n\n段落。";
    let p = parse("x", "x.txt", raw);
    assert_eq!(
        outline(&p),
        [
            (1, "一、总论"),
            (2, "（一）内涵"),
            (2, "（二）路径"),
            (3, "1.生产力理论的再结合")
        ]
    );
    assert_eq!(
        paras(&p)[2],
        "3.新质生产力作为进程中的核心驱动力，体现了动力。"
    );
}

#[test]
fn markdown_noise_and_stray_cjk_spaces() {
    let raw = "# **标题**\n\n### 一、以新质生产力发展赋能高质量 共建“一带一路”\n\n## （一）小节\n\n发展 新质 生产力 是 要求。";
    let p = parse("x", "x.txt", raw);
    assert_eq!(
        outline(&p),
        [
            (1, "一、以新质生产力发展赋能高质量共建“一带一路”"),
            (2, "（一）小节")
        ]
    );
    assert_eq!(paras(&p), ["发展新质生产力是要求。"]);
}

#[test]
fn hard_wrapped_narrow_file_rebuilds_paragraphs_and_headings() {
    let mut raw = String::from(" 习近平总书记在中央经济工作会议上指出：\n\n");
    let body = "发展新质生产力是推动高质量发展的内在要求和重要着力点必须继续做好创新这篇大文章推动新质生产力加快发展。";
    let chunks: Vec<String> = body
        .chars()
        .collect::<Vec<_>>()
        .chunks(20)
        .map(|c| c.iter().collect())
        .collect();
    for c in &chunks {
        raw.push_str(c);
        raw.push_str("\n\n");
    }
    raw.push_str("一、坚持人民至上是发展新质生产力的价值\n\n遵循\n\n");
    for i in 0..30 {
        raw.push_str(&format!("第{i}行的文字内容是这样的长度差不多二十个\n\n"));
    }
    raw.push_str("结束。\n\n");
    let p = parse("x", "x.txt", &raw);
    assert_eq!(p.title, None);
    assert_eq!(
        outline(&p),
        [(1, "一、坚持人民至上是发展新质生产力的价值遵循")]
    );
    let ps = paras(&p);
    assert_eq!(ps.len(), 2, "{ps:?}");
    assert!(ps[0].starts_with("习近平总书记在中央经济工作会议上指出：发展新质生产力"));
    assert!(ps[1].ends_with("二十个结束。"));
}

#[test]
fn running_page_headers_are_dropped() {
    let raw = "标题\n\n一、引言\n\n要求社会\n\n论新质生产力的世界观\n\n 主义。\n\n论新质生产力的世界观\n\n甲。\n\n论新质生产力的世界观\n\n乙。";
    let p = parse("x", "x.txt", raw);
    assert_eq!(paras(&p), ["要求社会主义。", "甲。", "乙。"]);
}

#[test]
fn science_paper_with_decimal_headings_and_references() {
    let raw = "基于深度学习的水稻病害识别研究\n\n张三1 李四2\n\n摘要：本文提出一种方法。\n\n关键词：深度学习；水稻\n\n0 引言\n\n水稻是主要粮食作物[1]。\n\n1 材料与方法\n\n1.1 数据采集\n\n共采集图像1200张[2-3]。\n\n1.1.1 预处理\n\n图像统一缩放。\n\n表 1 数据集划分\n\n| 类别 | 数量 |\n|---|---|\n| 稻瘟病 | 400 |\n\n2 结果\n\n准确率达到95%。\n\n参考文献\n\n[1] 王五. 水稻病害研究[J]. 农业工程学报, 2020, 36(1): 1-8.\n[2] Smith J, Lee K. Deep learning[J]. Nature, 2015, 521: 436-444.\n[3] 赵六. 图像识别[M]. 北京: 科学出版社, 2019.";
    let p = parse("s", "s.txt", raw);
    assert_eq!(p.title.as_deref(), Some("基于深度学习的水稻病害识别研究"));
    assert_eq!(p.authors, ["张三", "李四"]);
    assert_eq!(
        outline(&p),
        [
            (1, "0 引言"),
            (1, "1 材料与方法"),
            (2, "1.1 数据采集"),
            (3, "1.1.1 预处理"),
            (1, "2 结果")
        ]
    );
    assert_eq!(p.references.len(), 3);
    let kinds: Vec<BlockKind> = p.blocks.iter().map(|b| b.kind).collect();
    assert!(kinds.contains(&BlockKind::Table) && kinds.contains(&BlockKind::Caption));
    let table = p
        .blocks
        .iter()
        .find(|b| b.kind == BlockKind::Table)
        .unwrap();
    assert_eq!(table.text, "类别\t数量\n稻瘟病\t400");
    let m = &p.paragraphs().nth(1).unwrap().markers[0];
    assert_eq!(m.targets, [Target::Reference(1), Target::Reference(2)]);
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}

#[test]
fn captions_interrupting_a_paragraph_go_after_it() {
    let raw = "标题\n\n一、引言\n\n出口额高达\n\n图1 技术联盟成果\n\n3552 亿元，增速明显。";
    let p = parse("x", "x.txt", raw);
    let kinds: Vec<(BlockKind, &str)> = p
        .blocks
        .iter()
        .skip(1)
        .map(|b| (b.kind, b.text.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            (BlockKind::Paragraph, "出口额高达3552亿元，增速明显。"),
            (BlockKind::Caption, "图1 技术联盟成果")
        ]
    );
}

#[test]
fn unresolved_markers_are_kept_and_reported() {
    let p = parse("x", "x.txt", "标题\n\n正文[1]。");
    assert!(p.paragraphs().next().unwrap().markers[0].targets.is_empty());
    assert!(
        p.warnings
            .iter()
            .any(|w| w.contains("1 note markers could not be resolved"))
    );
}

#[test]
fn escape_sequences_never_reach_the_model() {
    let p = parse(
        "x",
        "x.txt",
        "标题\u{1b}]52;c;SGVsbG8=\u{7}\n\n正文\u{1b}[2J。",
    );
    assert_eq!(p.title.as_deref(), Some("标题"));
    assert_eq!(paras(&p), ["正文。"]);
}

#[test]
fn visible_counts_what_is_not_whitespace() {
    for s in [
        "",
        "a b\tc\n",
        "甲 乙　丙\u{a0}丁\u{85}戊\u{1680}己\u{2000}\u{200a}\u{2028}\u{2029}\u{202f}\u{205f}庚",
        "“引号”，。①¹\u{2009}x",
        "\u{c}页\u{c}",
        "é",
    ] {
        let want = s.chars().filter(|c| !c.is_whitespace()).count();
        assert_eq!(super::visible(s), want, "{s:?}");
    }
}

#[test]
fn squash_spaces_keeps_latin_spaces_and_drops_cjk_ones() {
    use crate::corpus::text::squash_spaces;
    assert_eq!(squash_spaces("刘 博  蔡文成"), "刘博蔡文成");
    assert_eq!(squash_spaces("in  the\u{3000}end"), "in the end");
    assert_eq!(squash_spaces("2024 年 3 月"), "2024年3月");
    assert_eq!(squash_spaces("a\u{a0}b \u{3000} 中"), "a b中");
    assert_eq!(squash_spaces("行\n下一行"), "行\n下一行");
    assert_eq!(squash_spaces(" x "), "x");
    assert_eq!(squash_spaces("无空格"), "无空格");
}
