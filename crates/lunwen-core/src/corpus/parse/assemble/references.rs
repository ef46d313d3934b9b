//! References after their label, numbered or not, and the back matter after them.

use super::body::circled_or_sup;
use super::*;

impl Asm<'_> {
    pub(super) fn reference(&mut self, i: usize) {
        let shape = self.units[i].shape;
        if matches!(shape, Shape::Image | Shape::Rule) {
            self.explain(i, "image", "markup");
            return;
        }
        if matches!(
            shape,
            Shape::Table | Shape::Cells | Shape::Math | Shape::Code
        ) {
            self.mode = Mode::Body;
            self.body(i);
            return;
        }
        let t = self.units[i].text.clone();
        if let Some(sec) = section_label(&t) {
            match sec {
                Section::Notes => {
                    self.ledger.markup(&t);
                    self.mode = Mode::Notes;
                    self.explain(i, "label", "notes-label");
                }
                Section::References => {
                    self.ledger.markup(&t);
                    self.explain(i, "label", "references-label");
                }
                Section::Bios | Section::Abstract | Section::Keywords => {
                    self.ledger.markup(&t);
                    self.mode = Mode::Back;
                    self.explain(i, "label", "back-label");
                }
                _ => {
                    self.mode = Mode::Body;
                    self.body(i);
                }
            }
            return;
        }
        if self.resumes_body(i) {
            self.mode = Mode::Body;
            self.body(i);
            return;
        }
        if bio(&t) {
            self.field(i, "作者简介", &t, "bio");
            return;
        }
        if field_label(&t).is_some() || editorial(&t) {
            self.mode = Mode::Back;
            self.after(i);
            return;
        }
        if self.ref_label(&t).is_some() || self.waiting_label.is_some() {
            self.reference_text(i, &t);
            return;
        }
        // Unlabelled text in a numbered list: the rest of an entry, or its translation.
        if self.ref_style == Some(RefStyle::Numbered) {
            let u = &self.units[i];
            let last = self.refs.last();
            // `among immigrants…` / `less. Social work…`: a lower-case start is the rest of a
            // word or sentence. Where two columns of entries were read across, several entries
            // are cut off (`…career satisfaction`, `…home-`) and their rests follow in the same
            // order: the earliest of the last few still open takes it.
            let lower = t.starts_with(|c: char| c.is_ascii_lowercase());
            let continues = last.is_some_and(|r| {
                !ends_sentence(&r.text)
                    || !u.gap_before
                    || lower
                    || r.cjk && latin(&t) && looks_like_reference(&t)
            }) && !t.contains('@');
            if continues {
                let n = self.refs.len();
                let open = |r: &RefItem| {
                    r.text
                        .trim_end()
                        .ends_with(|c: char| c.is_ascii_alphabetic() || matches!(c, '-' | ','))
                };
                let cut = if lower {
                    (n.saturating_sub(3)..n).find(|&k| open(&self.refs[k]))
                } else {
                    None
                };
                if let Some(r) = cut.or(n.checked_sub(1)).map(|k| &mut self.refs[k]) {
                    joinl(self.ledger, &mut r.text, &t);
                }
                self.explain(i, "reference", "entry-continues");
            } else {
                self.mode = Mode::Back;
                self.after(i);
            }
            return;
        }
        self.reference_text(i, &t);
    }

    /// A numbered heading of the paper's own scheme (an appendix after the references) or an
    /// appendix label: the body again.
    pub(super) fn resumes_body(&self, i: usize) -> bool {
        let u = &self.units[i];
        let marked = matches!(u.shape, Shape::Hash(_));
        let Some((n, true)) = numbered_heading(&u.text, marked) else {
            return false;
        };
        if !marked && u.lines > 2 {
            return false;
        }
        // Same scheme as the body headings: decimal after decimal (`A` after `6`), or the
        // next number of the body's top level.
        let body_styles: Vec<Style> = self
            .cands
            .iter()
            .filter(|c| !c.sentence)
            .filter_map(|c| c.num.as_ref().map(|n| n.style))
            .collect();
        match n.style {
            Style::Decimal(_) if n.letter => {
                body_styles.iter().any(|s| matches!(s, Style::Decimal(_)))
            }
            s => body_styles.first() == Some(&s) && self.ref_style == Some(RefStyle::AuthorYear),
        }
    }

    /// The label a reference entry starts with: `[12]`, `［3］`, `12.`, `12 `, `10]`, `[]`.
    pub(super) fn ref_label(&self, t: &str) -> Option<(String, Option<u32>, usize)> {
        if let Some((label, rest)) = leading_label(t) {
            if circled_or_sup(&label, t)
                && self.ref_style != Some(RefStyle::Numbered)
                && self.refs.is_empty()
            {
                return None;
            }
            let n = label_number(&label);
            return Some((label, n, t.len() - rest.len()));
        }
        if t.starts_with("[]") || t.starts_with("［］") {
            let len = if t.starts_with("[]") {
                2
            } else {
                "［］".len()
            };
            return Some((String::new(), None, len));
        }
        if damaged_ref_label(t) {
            let d = t.bytes().take_while(u8::is_ascii_digit).count();
            return Some((t[..d].to_string(), t[..d].parse().ok(), d + 1));
        }
        // `1. 作者.题名[J].` or `1 作者…`, in a numbered list or its first entry.
        let d = t.bytes().take_while(u8::is_ascii_digit).count();
        if (1..=3).contains(&d) && self.ref_style != Some(RefStyle::AuthorYear) {
            let rest = &t[d..];
            let sep = rest.len() - rest.trim_start_matches(['.', '．', ' ', '、']).len();
            let number: u32 = t[..d].parse().ok()?;
            let expected = self.refs.len() as u32 + 1;
            if sep > 0
                && (number == expected
                    || number == expected.saturating_sub(1)
                    || self.refs.is_empty() && number == 1)
            {
                return Some((t[..d].to_string(), Some(number), d + sep));
            }
        }
        None
    }

    /// Reads entries from `t` (several may be run together on one line).
    pub(super) fn reference_text(&mut self, i: usize, t: &str) {
        let page = self.units[i].page();
        if let Some((label, number, len)) = self.ref_label(t) {
            self.ref_style = Some(RefStyle::Numbered);
            let syntax = &t[..len];
            self.ledger.markup_diff(syntax, &[&label]);
            let rest = t[len..].trim();
            if rest.is_empty() {
                // The label alone; its text follows. A label still waiting keeps its place.
                if let Some((l, n, p)) = self.waiting_label.take() {
                    self.refs.push(RefItem {
                        label: l,
                        number: n,
                        text: String::new(),
                        page: p,
                        cjk: false,
                    });
                }
                self.waiting_label = Some((label, number, page));
                self.explain(i, "reference", "label-alone");
                return;
            }
            if let Some((l, n, p)) = self.waiting_label.take() {
                self.refs.push(RefItem {
                    label: l,
                    number: n,
                    text: String::new(),
                    page: p,
                    cjk: false,
                });
            }
            self.split_numbered(label, number, rest, page);
            self.explain(i, "reference", "numbered-entry");
            return;
        }
        if let Some((label, number, p)) = self.waiting_label.take() {
            self.split_numbered(label, number, t, p);
            self.explain(i, "reference", "text-of-label");
            return;
        }
        // Author–year entries: an entry starts where the one before ended and a name begins.
        self.ref_style = Some(RefStyle::AuthorYear);
        let gap = self.units[i].gap_before;
        let continues = self.refs.last().is_some_and(|r| {
            !ends_sentence(&r.text)
                || t.starts_with(['［', '[', '(', '（'])
                || t.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
                || !gap && !entry_start(t)
        });
        let mut rest = t;
        if continues {
            let (head, tail) = split_author_year(rest);
            if let Some(r) = self.refs.last_mut() {
                joinl(self.ledger, &mut r.text, head.trim());
            }
            rest = tail;
            self.explain(i, "reference", "entry-continues");
        } else {
            self.explain(i, "reference", "author-year-entry");
        }
        while !rest.trim().is_empty() {
            let (head, tail) = split_author_year(rest);
            let head = head.trim();
            if !head.is_empty() {
                self.refs.push(RefItem {
                    label: String::new(),
                    number: None,
                    text: head.to_string(),
                    page,
                    cjk: chinese(head),
                });
            }
            rest = tail;
        }
    }

    /// A numbered entry, split where the next number in sequence starts (`[1] … [2] …`).
    pub(super) fn split_numbered(
        &mut self,
        label: String,
        number: Option<u32>,
        text: &str,
        page: u32,
    ) {
        let mut label = label;
        let mut number = number;
        let mut rest = text;
        loop {
            let next = number.map(|n| n + 1);
            let cut = next.and_then(|n| {
                let pats = [format!("[{n}]"), format!("［{n}］")];
                pats.iter()
                    .filter_map(|p| rest.find(p.as_str()).map(|at| (at, p.len())))
                    .min()
            });
            match cut {
                Some((at, len)) if at > 0 => {
                    self.refs.push(RefItem {
                        label: label.clone(),
                        number,
                        text: rest[..at].trim().to_string(),
                        page,
                        cjk: chinese(&rest[..at]),
                    });
                    let n = next.unwrap_or(0);
                    let l = n.to_string();
                    self.ledger.markup_diff(&rest[at..at + len], &[&l]);
                    label = l;
                    number = Some(n);
                    rest = &rest[at + len..];
                }
                _ => {
                    self.refs.push(RefItem {
                        label,
                        number,
                        text: rest.trim().to_string(),
                        page,
                        cjk: chinese(rest),
                    });
                    return;
                }
            }
        }
    }

    pub(super) fn after(&mut self, i: usize) {
        let shape = self.units[i].shape;
        if matches!(shape, Shape::Image | Shape::Rule) {
            self.explain(i, "image", "markup");
            return;
        }
        let t = self.units[i].text.clone();
        if let Some(sec) = section_label(&t) {
            match sec {
                Section::References => {
                    self.ledger.markup(&t);
                    self.mode = Mode::Refs;
                    self.explain(i, "label", "references-label");
                    return;
                }
                Section::Notes => {
                    self.ledger.markup(&t);
                    self.mode = Mode::Notes;
                    self.explain(i, "label", "notes-label");
                    return;
                }
                Section::Appendix => {
                    self.mode = Mode::Body;
                    self.body(i);
                    return;
                }
                _ => {}
            }
        }
        // A numbered entry continuing the list (author bios printed inside it).
        if self.ref_style == Some(RefStyle::Numbered)
            && let Some((_, Some(n), _)) = self.ref_label(&t)
            && self
                .refs
                .last()
                .and_then(|r| r.number)
                .is_some_and(|l| n == l + 1)
        {
            self.mode = Mode::Refs;
            self.reference(i);
            return;
        }
        if self.resumes_body(i) {
            self.mode = Mode::Body;
            self.body(i);
            return;
        }
        if field_label(&t).is_some() {
            self.fields(i, &t);
            return;
        }
        if bio(&t) {
            self.field(i, "作者简介", &t, "bio");
            return;
        }
        self.back(
            i,
            if editorial(&t) {
                "editorial"
            } else {
                "after-references"
            },
        );
    }
}

/// A translation line of a Chinese entry: a year or page range, a `[J]` mark.
pub(super) fn looks_like_reference(t: &str) -> bool {
    t.contains("[J]")
        || t.contains("[C]")
        || t.contains("[M]")
        || t.contains("[D]")
        || t.contains("in Chinese")
        || t.bytes().filter(u8::is_ascii_digit).count() >= 4
}

/// Splits run-together unnumbered entries: the first entry of `t` and the rest. An entry
/// starts after a sentence end (not an initial's point) where [`entry_start`] holds.
pub(super) fn split_author_year(t: &str) -> (&str, &str) {
    // An entry has its authors, title and source: two sentence ends at least before the next
    // one can start (`Johnson, A. E.; … 2016. MIMIC-III, A Freely …` is still one entry).
    let mut ends = 0;
    for (p, c) in t.char_indices() {
        if !matches!(c, '.' | '．' | '。' | '］') || p < 8 {
            continue;
        }
        let after = &t[p + c.len_utf8()..];
        let after = after.strip_prefix(' ').unwrap_or(after);
        if after.is_empty() {
            continue;
        }
        // Not the point of an initial (`S.`, `G．`).
        let before = &t[..p];
        let last_word = before.rsplit([' ', '，', ',']).next().unwrap_or("");
        let lw = last_word.trim_end_matches(['.', '．']);
        let initial = lw.starts_with(|c: char| c.is_uppercase())
            && lw.chars().filter(|c| c.is_alphabetic()).count() <= 2
            && lw
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '.' | '．' | '-'));
        if c != '］' && initial {
            continue;
        }
        ends += 1;
        if ends >= 2 && entry_start(after) {
            let at = t.len() - after.len();
            return (&t[..at], &t[at..]);
        }
    }
    (t, "")
}

/// The start of an unnumbered reference entry: `Chen, Q.; Li, X.; …`, `Butler，Judith．`,
/// `Morland，Iain and Annabelle Willox，eds．`, a repeated author's `．` or `——`, or Chinese
/// names before a colon or point (`傅淑琴 李洪：`, `王五. 题名`).
pub(super) fn entry_start(s: &str) -> bool {
    if s.starts_with("——")
        || s.starts_with("---")
        || s.starts_with(['．', '.'])
            && s[s.chars().next().map_or(0, char::len_utf8)..]
                .trim_start()
                .starts_with(|c: char| c.is_uppercase() || c == '“' || c == '"')
    {
        return true;
    }
    // Latin: `Surname, Given.`
    let first_end = s.find([',', '，']).unwrap_or(s.len());
    let surname = &s[..first_end];
    if first_end < s.len()
        && !surname.is_empty()
        && surname.chars().count() <= 24
        && surname
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() && !is_cjk(c) || ('Ａ'..='Ｚ').contains(&c))
        && surname.chars().all(|c| {
            c.is_alphabetic() && !is_cjk(c)
                || matches!(c, '-' | '\'' | ' ')
                || ('Ａ'..='ｚ').contains(&c)
        })
        && surname.split_whitespace().count() <= 2
    {
        let rest = s[first_end..].trim_start_matches([',', '，', ' ']);
        let seg_end = rest.find(['.', '．']).unwrap_or(rest.len());
        let seg = &rest[..seg_end];
        let words: Vec<&str> = seg
            .split([' ', ',', '，', ';'])
            .filter(|w| !w.is_empty())
            .collect();
        return seg_end < rest.len()
            && !words.is_empty()
            && words.len() <= 7
            && !seg.contains([':', '：'])
            && !seg.chars().any(|c| c.is_ascii_digit())
            && words.iter().all(|w| {
                w.starts_with(|c: char| c.is_uppercase())
                    || matches!(
                        *w,
                        "and" | "et" | "al" | "eds" | "ed" | "von" | "van" | "de" | "der"
                    )
            });
    }
    // Chinese names before a colon or a point.
    let head: String = s.chars().take(16).collect();
    if let Some(p) = head.find(['：', ':', '．', '.']) {
        let names = &head[..p];
        let parts: Vec<&str> = names
            .split([' ', '，', '、'])
            .filter(|w| !w.is_empty())
            .collect();
        // Two names may run together once spaces are gone (`傅淑琴李洪：`). After a colon
        // comes the title in its marks (`：《…》`, `：“…”`); a place before its publisher
        // (`北京：某某出版社`) is no author.
        let colon = head[p..].starts_with(['：', ':']);
        let max = if colon { 9 } else { 4 };
        let title_next = s[s.find(['：', ':']).unwrap_or(0)..]
            .trim_start_matches(['：', ':', ' '])
            .starts_with(['《', '“', '"', '‘', '「']);
        if colon && !title_next {
            return false;
        }
        return !parts.is_empty()
            && parts.len() <= 4
            && parts.iter().all(|w| {
                (2..=max).contains(&w.chars().count())
                    && w.chars().all(|c| is_cjk(c) && c.is_alphabetic())
            });
    }
    false
}
