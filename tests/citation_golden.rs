//! Golden citations of the seed papers in every style. The papers are built by hand from the
//! confirmed facts plus the real sidecar files, so these strings do not move when the parser
//! improves.

use lunwen_core::corpus::citation::{Style, cite, quotation};

/// The shipped `quote_template` (config/default.toml).
const DEFAULT_TEMPLATE: &str = "“{quote}”\n{citation}";
use lunwen_core::corpus::{Metadata, Paper};
use rstest::rstest;

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
#[case::p000_gbt(
    "000",
    Style::GbT7714,
    "刘博, 蔡文成. 以新质生产力发展赋能高质量共建“一带一路”研究[J]. 中州学刊, 2025(6): 34-41."
)]
#[case::p000_note(
    "000",
    Style::ChineseNote,
    "刘博、蔡文成：《以新质生产力发展赋能高质量共建“一带一路”研究》，载《中州学刊》2025年第6期，第34-41页。"
)]
#[case::p000_apa(
    "000",
    Style::Apa,
    "刘博, & 蔡文成. (2025). 以新质生产力发展赋能高质量共建“一带一路”研究. 中州学刊, (6), 34–41."
)]
#[case::p000_bibtex(
    "000",
    Style::Bibtex,
    "@article{liu2025yi,
  author = {刘博 and 蔡文成},
  title = {以新质生产力发展赋能高质量共建“一带一路”研究},
  journal = {中州学刊},
  year = {2025},
  number = {6},
  pages = {34--41},
  langid = {chinese},
}"
)]
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
#[case::p004_bibtex(
    "004",
    Style::Bibtex,
    "@article{004_5425b47fff0c6ac1,
  langid = {chinese},
}"
)]
fn seed_citations(#[case] seed_id: &str, #[case] style: Style, #[case] expected: &str) {
    assert_eq!(cite(&seed(seed_id), style).text, expected);
}

#[rstest]
#[case("000", &[])]
#[case("003", &["pages"])]
#[case("001", &["journal", "year"])]
#[case("004", &["title", "authors", "journal", "year"])]
fn missing_fields_are_the_same_in_every_style(#[case] seed_id: &str, #[case] missing: &[&str]) {
    for &style in Style::ALL {
        assert_eq!(cite(&seed(seed_id), style).missing, missing, "{style:?}");
    }
}

#[test]
fn default_quotation_puts_the_citation_under_the_quote() {
    let c = cite(&seed("000"), Style::GbT7714);
    assert_eq!(
        quotation(
            DEFAULT_TEMPLATE,
            "新质生产力是创新起主导作用的先进生产力质态。",
            &c
        ),
        "“新质生产力是创新起主导作用的先进生产力质态。”\n\
         刘博, 蔡文成. 以新质生产力发展赋能高质量共建“一带一路”研究[J]. 中州学刊, 2025(6): 34-41."
    );
}

#[test]
fn quotation_of_an_uncitable_paper_is_the_quote_alone() {
    let c = cite(&seed("004"), Style::ChineseNote);
    assert_eq!(quotation(DEFAULT_TEMPLATE, "一句话。", &c), "“一句话。”");
}

#[test]
fn quotes_inside_the_quotation_marks_alternate() {
    let c = cite(&seed("001"), Style::GbT7714);
    assert_eq!(
        quotation(DEFAULT_TEMPLATE, "共建“一带一路”与‘双循环’。", &c)
            .lines()
            .next(),
        Some("“共建‘一带一路’与“双循环”。”")
    );
    // a template without Chinese quotation marks keeps the text as it is
    assert!(quotation("「{quote}」", "共建“一带一路”。", &c).starts_with("「共建“一带一路”。」"));
}
