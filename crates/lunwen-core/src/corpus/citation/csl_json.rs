//! CSL-JSON, the bibliography format of citeproc (Pandoc's `--citeproc`, Zotero's import).

use serde_json::{Map, Value, json};

use super::Facts;
use super::names::Name;
use crate::corpus::text::sanitize;

/// A JSON array of `article-journal` items, one per (facts, cite key).
pub(super) fn csl_json(entries: &[(Facts, String)]) -> String {
    let items: Vec<Value> = entries.iter().map(|(f, key)| item(f, key)).collect();
    let mut out = serde_json::to_string_pretty(&Value::Array(items)).unwrap_or_default();
    out.push('\n');
    out
}

fn item(f: &Facts, key: &str) -> Value {
    let text = |s: &str| Value::String(sanitize(s));
    let mut m = Map::new();
    m.insert("id".into(), text(key));
    m.insert("type".into(), json!("article-journal"));
    if !f.authors.is_empty() {
        let names: Vec<Value> = f
            .authors
            .iter()
            .map(|a| {
                let mut n = Map::new();
                match Name::parse(a).family_given() {
                    Some((family, given)) => {
                        n.insert("family".into(), text(&family));
                        if let Some(g) = given {
                            n.insert("given".into(), text(&g));
                        }
                    }
                    // citeproc would cite a Chinese name by its surname alone (`刘`)
                    None => {
                        n.insert("literal".into(), text(a));
                    }
                }
                Value::Object(n)
            })
            .collect();
        m.insert("author".into(), Value::Array(names));
    }
    if let Some(t) = f.title {
        m.insert("title".into(), text(t));
    }
    if let Some(j) = f.journal {
        m.insert("container-title".into(), text(j));
    }
    if let Some(y) = f.year {
        m.insert("issued".into(), json!({ "date-parts": [[y]] }));
    }
    if let Some(v) = f.volume {
        m.insert("volume".into(), text(v));
    }
    if let Some(i) = f.issue {
        m.insert("issue".into(), text(i));
    }
    if let Some(p) = &f.pages {
        m.insert("page".into(), text(&p.with_dash("-")));
    }
    if let Some(d) = f.doi {
        m.insert("DOI".into(), text(d));
    }
    if let Some(u) = f.url {
        m.insert("URL".into(), text(u));
    }
    if let Some(l) = f.language {
        m.insert("language".into(), text(l));
    }
    Value::Object(m)
}

#[cfg(test)]
mod tests {
    use crate::corpus::Paper;
    use crate::corpus::citation::tests::western;
    use crate::corpus::citation::{Citer, Format, Variants};

    #[test]
    fn items_carry_the_key_names_and_locators() {
        let p = western(&["刘博", "Cai Wencheng"]);
        let citer = Citer::new(std::slice::from_ref(&p), Variants::default());
        let text = citer.bibliography(&[&p as &Paper], Format::CslJson).text;
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let item = &v[0];
        assert_eq!(item["id"], "liu2019geography");
        assert_eq!(item["type"], "article-journal");
        assert_eq!(item["author"][0]["literal"], "刘博");
        assert_eq!(item["author"][1]["family"], "Cai");
        assert_eq!(item["author"][1]["given"], "Wencheng");
        assert_eq!(item["issued"]["date-parts"][0][0], 2019);
        assert_eq!(item["page"], "3-26");
        assert_eq!(item["container-title"], "Journal of Economic Perspectives");
        assert_eq!(item["DOI"], "10.1257/jep.33.3.3");
        assert_eq!(item["language"], "en");
    }
}
