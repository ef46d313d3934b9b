//! Golden citations: every style with and without the page of a quotation, for a Chinese and an
//! English source, and the seed papers in every style. The papers are built by hand from the
//! confirmed facts plus the real sidecar files, so these strings do not move when the parser
//! improves.

use lunwen_core::corpus::citation::{Citation, Citer, Style, Variants, quotation};
use lunwen_core::corpus::{Metadata, Paper};
use rstest::rstest;

/// The shipped `quote_template` (config/default.toml).
const DEFAULT_TEMPLATE: &str = "“{quote}”{intext}\n{citation}";

fn sidecar(id: &str) -> Metadata {
    let path = format!("{}/corpus/{id}.toml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn paper(id: &str, title: Option<&str>, authors: &[&str]) -> Paper {
    Paper {
        id: id.to_string(),
        file: format!("{id}.txt"),
        title: title.map(str::to_string),
        authors: authors.iter().map(|a| a.to_string()).collect(),
        metadata: sidecar(id),
        ..Paper::default()
    }
}

fn seed(n: &str) -> Paper {
    match n {
        "000" => paper(
            "000_410c59112ba8e771",
            Some("以新质生产力发展赋能高质量共建“一带一路”研究"),
            &["刘博", "蔡文成"],
        ),
        "001" => paper(
            "001_0e3381bbf9580fea",
            Some("发展新质生产力与共建“一带一路”双向赋能：现实逻辑、理论框架与实践进路"),
            &["韩永辉", "李思怡", "成昊"],
        ),
        "003" => paper(
            "003_9cc47190004817c5",
            Some("中美战略竞争背景下中国新质生产力发展的战略路径"),
            &["朱锋", "凌邦皓"],
        ),
        "004" => paper("004_5425b47fff0c6ac1", None, &[]),
        other => panic!("no seed {other}"),
    }
}

#[rstest]
#[case::p000_gbt("000", Style::GbT7714, ZH_GBT)]
#[case::p000_note(
    "000",
    Style::ChineseNote,
    "刘博、蔡文成：《以新质生产力发展赋能高质量共建“一带一路”研究》，载《中州学刊》2025年第6期，第34-41页。"
)]
#[case::p000_apa("000", Style::Apa, ZH_APA)]
#[case::p000_bibtex("000", Style::Bibtex, ZH_BIB)]
#[case::p003_gbt(
    "003",
    Style::GbT7714,
    "朱锋, 凌邦皓. 中美战略竞争背景下中国新质生产力发展的战略路径[J]. 当代中国与世界, 2024(2)."
)]
#[case::p003_note(
    "003",
    Style::ChineseNote,
    "朱锋、凌邦皓：《中美战略竞争背景下中国新质生产力发展的战略路径》，载《当代中国与世界》2024年第2期。"
)]
#[case::p003_apa(
    "003",
    Style::Apa,
    "朱锋, & 凌邦皓. (2024). 中美战略竞争背景下中国新质生产力发展的战略路径. 当代中国与世界, (2)."
)]
#[case::p003_bibtex(
    "003",
    Style::Bibtex,
    "@article{zhu2024zhong,
  author = {朱锋 and 凌邦皓},
  title = {中美战略竞争背景下中国新质生产力发展的战略路径},
  journal = {当代中国与世界},
  year = {2024},
  number = {2},
  langid = {chinese},
}"
)]
#[case::p001_gbt(
    "001",
    Style::GbT7714,
    "韩永辉, 李思怡, 成昊. 发展新质生产力与共建“一带一路”双向赋能：现实逻辑、理论框架与实践进路[J]."
)]
#[case::p001_note(
    "001",
    Style::ChineseNote,
    "韩永辉、李思怡、成昊：《发展新质生产力与共建“一带一路”双向赋能：现实逻辑、理论框架与实践进路》。"
)]
#[case::p001_apa(
    "001",
    Style::Apa,
    "韩永辉, 李思怡, & 成昊. (n.d.). 发展新质生产力与共建“一带一路”双向赋能：现实逻辑、理论框架与实践进路."
)]
#[case::p001_bibtex(
    "001",
    Style::Bibtex,
    "@article{hanfa,
  author = {韩永辉 and 李思怡 and 成昊},
  title = {发展新质生产力与共建“一带一路”双向赋能：现实逻辑、理论框架与实践进路},
  langid = {chinese},
}"
)]
#[case::p004_gbt("004", Style::GbT7714, "")]
#[case::p004_note("004", Style::ChineseNote, "")]
#[case::p004_apa("004", Style::Apa, "")]
#[case::p004_bibtex("004", Style::Bibtex, "")]
fn seed_citations(#[case] seed_id: &str, #[case] style: Style, #[case] expected: &str) {
    assert_eq!(cite(&seed(seed_id), style, None).text, expected);
}

#[rstest]
#[case("000", &[])]
#[case("003", &["pages"])]
#[case("001", &["journal", "year"])]
#[case("004", &["title", "authors", "journal", "year"])]
fn missing_fields_are_the_same_in_every_style(#[case] seed_id: &str, #[case] missing: &[&str]) {
    for &style in Style::ALL {
        assert_eq!(
            cite(&seed(seed_id), style, None).missing,
            missing,
            "{style:?}"
        );
    }
}

/// The citation of `paper` with the cite keys of the seeds and the default variants.
fn cite(paper: &Paper, style: Style, page: Option<u32>) -> Citation {
    let seeds: Vec<Paper> = ["000", "001", "003", "004"].into_iter().map(seed).collect();
    Citer::new(&seeds, Variants::default()).cite(paper, style, page)
}

/// An English source with a pinyin author written surname first, one in BibTeX order, and a
/// Western one.
fn english() -> Paper {
    Paper {
        id: "en_belt_road".into(),
        file: "en_belt_road.txt".into(),
        title: Some("Belt and Road Cooperation in the Digital Era".into()),
        authors: vec!["Liu, Bo".into(), "Cai Wencheng".into(), "John Smith".into()],
        metadata: Metadata {
            journal: Some("Journal of Contemporary China".into()),
            year: Some(2023),
            volume: Some("32".into()),
            issue: Some("141".into()),
            pages: Some("1-18".into()),
            language: Some("en".into()),
            ..Metadata::default()
        },
        ..Paper::default()
    }
}

fn source(name: &str) -> Paper {
    match name {
        "zh" => seed("000"),
        "en" => english(),
        other => panic!("no source {other}"),
    }
}

const ZH_GBT: &str =
    "刘博, 蔡文成. 以新质生产力发展赋能高质量共建“一带一路”研究[J]. 中州学刊, 2025(6): 34-41.";
const ZH_APA: &str =
    "刘博, & 蔡文成. (2025). 以新质生产力发展赋能高质量共建“一带一路”研究. 中州学刊, (6), 34–41.";
const ZH_BIB: &str = "@article{liu2025yi,
  author = {刘博 and 蔡文成},
  title = {以新质生产力发展赋能高质量共建“一带一路”研究},
  journal = {中州学刊},
  year = {2025},
  number = {6},
  pages = {34--41},
  langid = {chinese},
}";
const EN_GBT: &str = "LIU B, CAI W C, SMITH J. Belt and Road Cooperation in the Digital Era[J]. \
                      Journal of Contemporary China, 2023, 32(141): 1-18.";
const EN_APA: &str = "Liu, B., Cai, W., & Smith, J. (2023). Belt and Road Cooperation in the \
                      Digital Era. Journal of Contemporary China, 32(141), 1–18.";
const EN_BIB: &str = "@article{liu2023belt,
  author = {Liu, Bo and Cai, Wencheng and Smith, John},
  title = {Belt and Road Cooperation in the Digital Era},
  journal = {Journal of Contemporary China},
  year = {2023},
  volume = {32},
  number = {141},
  pages = {1--18},
  langid = {english},
}";

/// Every style × {with page, without page} × {Chinese, English source}: the citation under the
/// quote and the form in the running text. A reference entry locates the article (its range);
/// the quote's page goes in the note (注释) or in the in-text form.
#[rstest]
#[case::zh_gbt("zh", Style::GbT7714, None, ZH_GBT, "[1]")]
#[case::zh_gbt_page("zh", Style::GbT7714, Some(36), ZH_GBT, "[1]36")]
#[case::zh_note(
    "zh",
    Style::ChineseNote,
    None,
    "刘博、蔡文成：《以新质生产力发展赋能高质量共建“一带一路”研究》，载《中州学刊》2025年第6期，第34-41页。",
    ""
)]
#[case::zh_note_page(
    "zh",
    Style::ChineseNote,
    Some(36),
    "刘博、蔡文成：《以新质生产力发展赋能高质量共建“一带一路”研究》，载《中州学刊》2025年第6期，第36页。",
    ""
)]
#[case::zh_apa("zh", Style::Apa, None, ZH_APA, "(刘博 & 蔡文成, 2025)")]
#[case::zh_apa_page("zh", Style::Apa, Some(36), ZH_APA, "(刘博 & 蔡文成, 2025, p. 36)")]
#[case::zh_bibtex("zh", Style::Bibtex, None, ZH_BIB, "\\cite{liu2025yi}")]
#[case::zh_bibtex_page("zh", Style::Bibtex, Some(36), ZH_BIB, "\\cite[36]{liu2025yi}")]
#[case::en_gbt("en", Style::GbT7714, None, EN_GBT, "[1]")]
#[case::en_gbt_page("en", Style::GbT7714, Some(7), EN_GBT, "[1]7")]
#[case::en_note(
    "en",
    Style::ChineseNote,
    None,
    "Liu Bo, Cai Wencheng and John Smith, “Belt and Road Cooperation in the Digital Era,” \
     Journal of Contemporary China, vol. 32, no. 141, 2023, pp. 1-18.",
    ""
)]
#[case::en_note_page(
    "en",
    Style::ChineseNote,
    Some(7),
    "Liu Bo, Cai Wencheng and John Smith, “Belt and Road Cooperation in the Digital Era,” \
     Journal of Contemporary China, vol. 32, no. 141, 2023, p. 7.",
    ""
)]
#[case::en_apa("en", Style::Apa, None, EN_APA, "(Liu et al., 2023)")]
#[case::en_apa_page("en", Style::Apa, Some(7), EN_APA, "(Liu et al., 2023, p. 7)")]
#[case::en_bibtex("en", Style::Bibtex, None, EN_BIB, "\\cite{liu2023belt}")]
#[case::en_bibtex_page("en", Style::Bibtex, Some(7), EN_BIB, "\\cite[7]{liu2023belt}")]
fn every_style_with_and_without_the_page(
    #[case] src: &str,
    #[case] style: Style,
    #[case] page: Option<u32>,
    #[case] text: &str,
    #[case] intext: &str,
) {
    let c = cite(&source(src), style, page);
    assert_eq!(c.text, text);
    assert_eq!(c.intext, intext);
}

/// The forms for Pandoc and LaTeX, with and without the page, for both sources.
#[rstest]
#[case("zh", None, "liu2025yi", "[@liu2025yi]", "\\cite{liu2025yi}")]
#[case(
    "zh",
    Some(36),
    "liu2025yi",
    "[@liu2025yi, p. 36]",
    "\\cite[36]{liu2025yi}"
)]
#[case("en", None, "liu2023belt", "[@liu2023belt]", "\\cite{liu2023belt}")]
#[case(
    "en",
    Some(7),
    "liu2023belt",
    "[@liu2023belt, p. 7]",
    "\\cite[7]{liu2023belt}"
)]
fn pandoc_and_latex_keys_with_and_without_the_page(
    #[case] src: &str,
    #[case] page: Option<u32>,
    #[case] key: &str,
    #[case] pandoc: &str,
    #[case] latex: &str,
) {
    for &style in Style::ALL {
        let c = cite(&source(src), style, page);
        assert_eq!(
            (c.key.as_str(), c.pandoc(), c.latex()),
            (key, pandoc.into(), latex.into())
        );
    }
}

/// The untitled seed: no style gives anything, and each says so and what is missing.
#[test]
fn the_untitled_paper_has_nothing_to_cite_in_any_style() {
    for &style in Style::ALL {
        for page in [None, Some(3)] {
            let c = cite(&seed("004"), style, page);
            assert_eq!(
                (c.text.as_str(), c.intext.as_str(), c.key.as_str()),
                ("", "", "")
            );
            assert_eq!(
                c.nothing_to_cite().as_deref(),
                Some("nothing to cite (missing title, authors, journal, year)"),
                "{style:?}"
            );
        }
    }
}

#[test]
fn default_quotation_puts_the_citation_under_the_quote() {
    let c = cite(&seed("000"), Style::GbT7714, Some(36));
    assert_eq!(
        quotation(
            DEFAULT_TEMPLATE,
            "新质生产力是创新起主导作用的先进生产力质态。",
            &c
        ),
        "“新质生产力是创新起主导作用的先进生产力质态。”[1]36\n\
         刘博, 蔡文成. 以新质生产力发展赋能高质量共建“一带一路”研究[J]. 中州学刊, 2025(6): 34-41."
    );
    let c = cite(&seed("000"), Style::ChineseNote, Some(36));
    assert_eq!(
        quotation(DEFAULT_TEMPLATE, "第一段。\n第二段。", &c),
        "“第一段。\n“第二段。”\n\
         刘博、蔡文成：《以新质生产力发展赋能高质量共建“一带一路”研究》，载《中州学刊》2025年第6期，第36页。"
    );
    assert_eq!(
        quotation("“{quote}”{pandoc}", "一句。", &c),
        "“一句。”[@liu2025yi, p. 36]"
    );
}

#[test]
fn quotation_of_an_uncitable_paper_is_the_quote_alone() {
    let c = cite(&seed("004"), Style::ChineseNote, None);
    assert_eq!(quotation(DEFAULT_TEMPLATE, "一句话。", &c), "“一句话。”");
}

#[test]
fn quotes_inside_the_quotation_marks_alternate() {
    let c = cite(&seed("001"), Style::GbT7714, None);
    assert_eq!(
        quotation(DEFAULT_TEMPLATE, "共建“一带一路”与‘双循环’。", &c)
            .lines()
            .next(),
        Some("“共建‘一带一路’与“双循环”。”[1]")
    );
    // a template without Chinese quotation marks keeps the text as it is
    assert!(quotation("「{quote}」", "共建“一带一路”。", &c).starts_with("「共建“一带一路”。」"));
}
