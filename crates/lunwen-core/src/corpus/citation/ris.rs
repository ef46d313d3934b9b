//! RIS, the tagged format reference managers import (Zotero, EndNote, NoteExpress).

use super::Facts;
use super::names::Name;
use crate::corpus::text::sanitize;

/// One `JOUR` record keyed `key`, ending in `ER  - ` and a blank line.
pub(super) fn ris(f: &Facts, key: &str) -> String {
    let mut out = String::new();
    let mut tag = |t: &str, v: &str| {
        // one line per tag: a line break in a value would start a bogus tag
        let v: String = sanitize(v).split_whitespace().collect::<Vec<_>>().join(" ");
        out.push_str(&format!("{t}  - {v}\n"));
    };
    tag("TY", "JOUR");
    tag("ID", key);
    for a in &f.authors {
        tag("AU", &Name::parse(a).inverted());
    }
    if let Some(t) = f.title {
        tag("TI", t);
    }
    if let Some(j) = f.journal {
        tag("T2", j);
    }
    if let Some(y) = f.year {
        tag("PY", &y.to_string());
    }
    if let Some(v) = f.volume {
        tag("VL", v);
    }
    if let Some(i) = f.issue {
        tag("IS", i);
    }
    if let Some(p) = &f.pages {
        tag("SP", p.first);
        if let Some(last) = p.last {
            tag("EP", last);
        }
    }
    if let Some(d) = f.doi {
        tag("DO", d);
    }
    if let Some(u) = f.url {
        tag("UR", u);
    }
    if let Some(l) = f.language {
        tag("LA", l);
    }
    out.push_str("ER  - \n\n");
    out
}

#[cfg(test)]
mod tests {
    use crate::corpus::Paper;
    use crate::corpus::citation::tests::western;
    use crate::corpus::citation::{Citer, Format, Variants};

    #[test]
    fn a_record_per_paper_one_tag_a_line() {
        let mut p = western(&["Smith, John", "Cai Wencheng"]);
        p.title = Some("Two\nlines".into());
        let citer = Citer::new(std::slice::from_ref(&p), Variants::default());
        let text = citer.bibliography(&[&p as &Paper], Format::Ris).text;
        assert_eq!(
            text,
            "TY  - JOUR\nID  - smith2019two\nAU  - Smith, John\nAU  - Cai, Wencheng\n\
             TI  - Two lines\nT2  - Journal of Economic Perspectives\nPY  - 2019\nVL  - 33\n\
             IS  - 3\nSP  - 3\nEP  - 26\nDO  - 10.1257/jep.33.3.3\nLA  - en\nER  - \n\n"
        );
    }
}
