//! The forms titles and DOIs are compared in. A title typed into a reference manager, printed
//! on the first page and exported by CNKI differ in width, spacing, punctuation and case, never
//! in their letters and characters, so only those are compared.

use crate::corpus::text::fold_width;

/// A title reduced to its letters, digits and CJK characters, lower-cased, full-width forms
/// folded: `以新质生产力…“一带一路”研究` and `以新质生产力 … "一带一路" 研究` agree, and so do
/// `Deep  Learning: A Survey` and `deep learning — a survey`.
pub fn normalize_title(title: &str) -> String {
    title
        .chars()
        .map(fold_width)
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A DOI in the form two spellings of it share: no `https://doi.org/` or `doi:` prefix,
/// lower case (DOIs are case-insensitive). `None` for a value that is not a DOI.
pub fn normalize_doi(doi: &str) -> Option<String> {
    super::clean::doi(doi).map(|d| d.to_lowercase())
}

/// Where a subtitle starts: the separators Chinese and English titles use before one.
const SUBTITLE_MARKS: &[&str] = &["——", "—", "--", " - ", "：", ":"];

/// The normalised main title, when the title has a subtitle after `——`, `：` or `:` (the part
/// before the first of them); `None` for a title without one.
pub(super) fn main_title(title: &str) -> Option<String> {
    let cut = SUBTITLE_MARKS.iter().filter_map(|m| title.find(m)).min()?;
    let main = normalize_title(&title[..cut]);
    let rest = normalize_title(&title[cut..]);
    (!main.is_empty() && !rest.is_empty()).then_some(main)
}

/// Whether a normalised main title says enough to identify a work alone: at least eight CJK
/// characters or sixteen letters and digits (each CJK character counts two). `Introduction`
/// or `研究综述` are the main titles of many papers; they must not match on their own.
pub(super) fn distinctive(normalized: &str) -> bool {
    let weight: usize = normalized
        .chars()
        .map(|c| if c.is_ascii() { 1 } else { 2 })
        .sum();
    weight >= 16
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_compare_by_letters_only() {
        assert_eq!(
            normalize_title("以新质生产力发展赋能高质量共建“一带一路”研究"),
            normalize_title("以新质生产力发展赋能 高质量共建\"一带一路\"研究")
        );
        assert_eq!(
            normalize_title("Deep  Learning: A Survey"),
            normalize_title("deep learning — a survey")
        );
        assert_eq!(normalize_title("ＧＤＰ与５Ｇ"), "gdp与5g");
        assert_eq!(normalize_title("，。！"), "");
    }

    #[test]
    fn dois_compare_without_prefix_or_case() {
        assert_eq!(
            normalize_doi("https://doi.org/10.1109/CVPR.2016.90"),
            Some("10.1109/cvpr.2016.90".into())
        );
        assert_eq!(
            normalize_doi("DOI:10.1109/cvpr.2016.90"),
            Some("10.1109/cvpr.2016.90".into())
        );
        assert_eq!(normalize_doi("not a doi"), None);
    }

    #[test]
    fn main_titles() {
        assert_eq!(
            main_title("数字经济与区域创新——基于省级面板数据的实证研究").as_deref(),
            Some("数字经济与区域创新")
        );
        assert_eq!(
            main_title("发展新质生产力与共建“一带一路”双向赋能：现实逻辑、理论框架与实践进路")
                .as_deref(),
            Some("发展新质生产力与共建一带一路双向赋能")
        );
        assert_eq!(
            main_title("Attention Is All You Need: Transformers").as_deref(),
            Some("attentionisallyouneed")
        );
        assert_eq!(main_title("No subtitle here"), None);
        assert_eq!(main_title("Trailing colon:"), None);
    }

    #[test]
    fn short_main_titles_are_not_distinctive() {
        assert!(!distinctive("introduction"));
        assert!(!distinctive("研究综述"));
        assert!(distinctive("数字经济与区域创新"));
        assert!(distinctive("attentionisallyouneed"));
    }
}
