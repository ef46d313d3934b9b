//! Front matter: title, byline, affiliations, abstract, keywords, labelled fields, the same in
//! another language, a CNKI cover page; and the foreign-language runs found ahead of time.

use super::*;

impl Asm<'_> {
    /// Reads the front matter; returns the index of the first body unit.
    pub(super) fn front(&mut self) -> usize {
        let n = self.units.len();
        let cover_end = self.cover_end();
        let mut i = 0;
        let mut title_at: Option<usize> = None;
        let mut byline_done = false;
        let mut expect: Option<Section> = None;
        let mut in_abstract = false;
        let mut in_keywords = false;
        let mut last_field: Option<usize> = None;
        while i < n {
            let shape = self.units[i].shape;
            match shape {
                Shape::Image | Shape::Rule => {
                    self.explain(i, "image", "markup");
                    i += 1;
                    continue;
                }
                Shape::Foot => {
                    self.foot_note(i);
                    i += 1;
                    continue;
                }
                Shape::Math | Shape::Code | Shape::Table | Shape::Cells => break,
                _ => {}
            }
            let t = self.units[i].text.clone();
            // Labels are read with the spaces as printed (`摘 要 近半个…`, `中图分类号 I0`).
            let r = self.units[i].raw.clone().unwrap_or_else(|| t.clone());
            if cover_end.is_some_and(|e| i < e) {
                if field_label(&t).is_some() {
                    self.fields(i, &t);
                } else {
                    self.field(i, "封面", &t, "cnki-cover");
                }
                i += 1;
                continue;
            }
            if editorial(&t) {
                self.back(i, "editorial");
                i += 1;
                continue;
            }
            // Labels alone: the content follows.
            if let Some(sec) = section_label(&t) {
                match sec {
                    Section::Abstract | Section::Keywords => {
                        self.ledger.markup(&t);
                        self.explain(i, "label", "front-label");
                        expect = Some(sec);
                        in_abstract = false;
                        in_keywords = false;
                        i += 1;
                        continue;
                    }
                    Section::Bios if title_at.is_some() => {
                        self.field(i, "作者简介", "", "bios-label");
                        self.ledger.markup(&t);
                        i += 1;
                        continue;
                    }
                    _ => break,
                }
            }
            if let Some((sec, at)) = front_label(&r) {
                match sec {
                    Section::Abstract => {
                        self.ledger.markup(&r[..at]);
                        let content = squash_spaces(&r[at..]);
                        if self.foreign_text(&content) {
                            self.foreign(i, &content, "foreign-abstract");
                            in_abstract = false;
                        } else if self.paper.abstract_text.is_none() {
                            self.paper.abstract_text = Some(content);
                            self.explain(i, "abstract", "abstract-label");
                            in_abstract = true;
                        } else {
                            self.field(i, "摘要", &content, "second-abstract");
                        }
                        in_keywords = false;
                        expect = None;
                        i += 1;
                        continue;
                    }
                    Section::Keywords => {
                        self.ledger.markup(&r[..at]);
                        let content = r[at..].to_string();
                        self.keywords(i, &content);
                        in_abstract = false;
                        // The list goes on below when this line holds one keyword, or ends
                        // on a separator (`关键词：甲；` with the rest printed apart).
                        in_keywords = !self.foreign_text(&content)
                            && (list_open(&content)
                                || !content.contains([';', '；', '，', ',', '、', ' ']))
                            && super::super::classify::next_field(&content).is_none();
                        expect = None;
                        i += 1;
                        continue;
                    }
                    _ => break,
                }
            }
            if let Some(sec) = expect.take() {
                match sec {
                    Section::Abstract => {
                        if self.foreign_text(&t) {
                            self.foreign(i, &t, "foreign-abstract");
                        } else if self.paper.abstract_text.is_some() {
                            self.field(i, "摘要", &t, "second-abstract");
                        } else {
                            self.paper.abstract_text = Some(t.clone());
                            self.explain(i, "abstract", "after-abstract-label");
                            in_abstract = true;
                        }
                    }
                    _ => {
                        self.keywords(i, &r);
                        in_keywords = true;
                    }
                }
                i += 1;
                continue;
            }
            if field_label(&r).is_some() || self.author_note(&t) {
                if self.author_note(&t) && field_label(&r).is_none() {
                    self.field(i, "作者简介", &t, "author-note");
                } else {
                    self.fields(i, &r);
                }
                last_field = Some(i);
                in_abstract = false;
                in_keywords = false;
                i += 1;
                continue;
            }
            if issue_line(&t) {
                self.field(i, "期刊", &t, "issue-line");
                i += 1;
                continue;
            }
            // The abstract goes on: cut by a page break, or sentences the wrap split, while a
            // keywords label is still ahead.
            if in_abstract
                && !self.foreign_text(&t)
                && shape == Shape::Text
                && (self
                    .paper
                    .abstract_text
                    .as_deref()
                    .is_some_and(|a| !ends_sentence(a))
                    || self.label_ahead(i, Section::Keywords))
            {
                let a = self.paper.abstract_text.get_or_insert_with(String::new);
                joinl(self.ledger, a, &t);
                self.explain(i, "abstract", "abstract-continues");
                i += 1;
                continue;
            }
            // Keywords printed apart by wide gaps, one or a few to a line.
            if in_keywords
                && shape == Shape::Text
                && !t.contains(['。', '：', ':'])
                && chinese(&t)
                && numbering(&t).is_none()
                && keywords(&t).iter().all(|k| k.chars().count() <= 12)
                && keywords(&t).len() <= 4
            {
                let list = keywords(&t);
                let refs: Vec<&str> = list.iter().map(String::as_str).collect();
                self.ledger.markup_diff(&t, &refs);
                self.paper.keywords.extend(list);
                self.explain(i, "keywords", "keyword-continues");
                in_keywords = list_open(&t) || !t.contains([';', '；', '，', ',', '、']);
                i += 1;
                continue;
            }
            in_keywords = false;
            if self.foreign_text(&t) && title_at.is_some() {
                self.foreign(i, &t, "other-language");
                i += 1;
                continue;
            }
            // The field before goes on (an author note over several lines).
            if let Some(f) = last_field
                && f + 1 == i
                && title_at.is_some()
                // the field's last line ran to the margin, or nothing stands between
                && self.wrap().map_or(!self.units[i].gap_before, |w| self.units[f].last_width + 4 >= w)
                && self.paper.front_matter.last().is_some_and(|f| {
                    !ends_sentence(&f.value) && prose_field(&f.label) && latin(&f.value) == latin(&t)
                })
                && !starts_item(&t)
                && shape == Shape::Text
            {
                if let Some(f) = self.paper.front_matter.last_mut() {
                    joinl(self.ledger, &mut f.value, &t);
                }
                self.explain(i, "field", "field-continues");
                last_field = Some(i);
                i += 1;
                continue;
            }
            if title_at.is_none() && self.paper.title.is_none() {
                if self.title_here(i) {
                    let mut title = t.clone();
                    i += 1;
                    // A subtitle, or a title the layout broke after a colon.
                    while i < n && self.units[i].shape == Shape::Text {
                        let next = &self.units[i].text;
                        let sub = next.starts_with(['—', '－', '-', '：'])
                            || title.ends_with(['：', ':', '—'])
                                && next.chars().count() <= 40
                                && authors(next).is_none();
                        if !sub || !looks_like_title(next) && !next.starts_with('—') {
                            break;
                        }
                        let next = next.clone();
                        joinl(self.ledger, &mut title, &next);
                        self.explain(i, "title", "subtitle");
                        i += 1;
                    }
                    self.explain(i - 1, "title", "title");
                    self.paper.title = Some(title);
                    title_at = Some(i - 1);
                    continue;
                }
                // No title: the paper starts with its body.
                break;
            }
            if title_at.is_some()
                && numbered_heading(&t, shape != Shape::Text).is_some_and(|(n, ok)| ok && !n.letter)
            {
                break;
            }
            let seen_abstract =
                self.paper.abstract_text.is_some() || !self.paper.keywords.is_empty();
            if !byline_done
                && title_at.is_some()
                && !seen_abstract
                && let Some(next) = self.byline(i)
            {
                byline_done = !self.units[i].text.contains('@') || next < i + 1;
                i = next;
                continue;
            }
            // An institution, or the next of a numbered list of them (`$^{3}$ Data61, CSIRO`).
            let marked_line =
                t.starts_with("$^") || t.starts_with("<sup>") || t.starts_with(['(', '（']);
            let after_affiliation = self.explain.last().is_some_and(|e| e.rule == "affiliation");
            if affiliation(&t) || after_affiliation && marked_line && !t.contains('。') {
                self.field(i, "作者单位", &t, "affiliation");
                i += 1;
                continue;
            }
            // An author's email line, a byline of someone else's after ours.
            if title_at.is_some() && !byline_done && t.contains('@') && t.chars().count() <= 200 {
                self.field(i, "作者", &t, "email-line");
                i += 1;
                continue;
            }
            break;
        }
        i
    }

    /// After a CNKI online-first cover: the index of the real title, which repeats the cover's
    /// 题目 field.
    pub(super) fn cover_end(&self) -> Option<usize> {
        let n = self.units.len().min(40);
        for i in 0..n {
            let t = &self.units[i].text;
            if let Some((label, _, at)) = field_label(t)
                && label == "题目"
            {
                let title: String = t[at..].chars().filter(|c| !c.is_whitespace()).collect();
                return (i + 1..self.units.len().min(80)).find(|&j| {
                    let u: String = self.units[j]
                        .text
                        .chars()
                        .filter(|c| !c.is_whitespace())
                        .collect();
                    u == title
                });
            }
        }
        None
    }

    /// A keywords label (in the paper's language) comes before any heading or field.
    pub(super) fn label_ahead(&self, i: usize, want: Section) -> bool {
        for u in self.units.iter().skip(i + 1).take(60) {
            let t = u.raw.as_deref().unwrap_or(&u.text);
            if front_label(t).is_some_and(|(s, at)| s == want && !self.foreign_text(&t[..at]))
                || section_label(t) == Some(want) && !self.foreign_text(t)
            {
                return true;
            }
            if numbered_heading(&u.text, false).is_some_and(|(_, ok)| ok)
                || field_label(t).is_some()
                || section_label(t).is_some()
                || matches!(u.shape, Shape::Hash(_))
            {
                return false;
            }
        }
        false
    }

    /// `作者刘康，上海交通大学…教授`: an author note without a colon.
    pub(super) fn author_note(&self, t: &str) -> bool {
        let Some(rest) = t.strip_prefix("作者") else {
            return false;
        };
        let name: String = rest
            .chars()
            .take_while(|c| is_cjk(*c) && c.is_alphabetic())
            .collect();
        (2..=4).contains(&name.chars().count())
            && rest[name.len()..].starts_with(['，', ','])
            && ["大学", "学院", "研究", "教授", "讲师"]
                .iter()
                .any(|w| t.contains(w))
    }

    pub(super) fn title_here(&self, i: usize) -> bool {
        let u = &self.units[i];
        let t = u.text.as_str();
        if !looks_like_title(t) || !matches!(u.shape, Shape::Text | Shape::Hash(_)) {
            return false;
        }
        if numbered_heading(t, u.shape != Shape::Text).is_some_and(|(n, ok)| ok && !n.letter) {
            return false;
        }
        if caption_start(t) {
            return false;
        }
        // A name-like line before another title-like line is a byline printed first.
        if authors(t).is_some()
            && !matches!(u.shape, Shape::Hash(_))
            && self.units.get(i + 1).is_some_and(|n| {
                n.shape == Shape::Hash(1)
                    || looks_like_title(&n.text)
                        && authors(&n.text).is_none()
                        && n.chars > t.chars().count() * 2
                        && section_label(&n.text).is_none()
                        && front_label(&n.text).is_none()
                        && numbered_heading(&n.text, false).is_none()
            })
        {
            return false;
        }
        if t.ends_with(['：', ':'])
            && self
                .units
                .get(i + 1)
                .is_none_or(|n| n.text.chars().count() > 60)
        {
            return false;
        }
        // In a hard-wrapped file a full-width first line is the start of a paragraph, unless
        // a byline follows.
        if let Some(w) = self.wrap()
            && u.lines == 1
            && u.last_width + 4 >= w
            && !matches!(u.shape, Shape::Hash(_))
        {
            return self
                .units
                .get(i + 1)
                .is_some_and(|n| authors(n.raw.as_deref().unwrap_or(&n.text)).is_some());
        }
        u.lines <= 3
    }

    /// Reads a byline at `i` (maybe split over several units: `刘` / `康`); returns the index
    /// after it.
    pub(super) fn byline(&mut self, i: usize) -> Option<usize> {
        let u = &self.units[i];
        if !matches!(u.shape, Shape::Text | Shape::Hash(_)) {
            return None;
        }
        let raw = u.raw.clone().unwrap_or_else(|| u.text.clone());
        if self.zh && latin(&raw) {
            return None;
        }
        authors(&raw)?;
        let mut source = raw.clone();
        let mut end = i + 1;
        // A byline the layout broke over lines: `刘` / `康`, `李莉` / `1,2 程明月` / ….
        while end < self.units.len() {
            let n = &self.units[end];
            let nt = n.raw.as_deref().unwrap_or(&n.text);
            if n.shape != Shape::Text
                || n.text.chars().count() > 16
                || affiliation(nt)
                || front_label(nt).is_some()
                || field_label(nt).is_some()
                || authors(nt).is_none()
            {
                break;
            }
            let joined = format!("{source} {nt}");
            if authors(&joined).is_none() {
                break;
            }
            source = joined;
            end += 1;
        }
        let (names, cut) = authors(&source)?;
        let (head, affil) = match cut {
            Some(c) => (&source[..c], Some(source[c..].to_string())),
            None => (source.as_str(), None),
        };
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        self.ledger.markup_diff(head, &refs);
        self.paper.authors.extend(names);
        for k in i..end {
            self.explain(k, "byline", "names");
        }
        if let Some(a) = affil {
            self.ledger.synth_str("作者单位");
            self.paper.front_matter.push(Field {
                label: "作者单位".into(),
                value: a,
            });
        }
        Some(end)
    }

    pub(super) fn keywords(&mut self, i: usize, content: &str) {
        // Fields glued to the keywords line (`…；量化交易中图分类号：F832.51 …`).
        let (kw, rest) = match super::super::classify::next_field(content) {
            Some((at, _, _)) => (&content[..at], Some(&content[at..])),
            None => (content, None),
        };
        // A second list without a Chinese character in a Chinese paper is the translation's.
        let translated = self.zh
            && !self.paper.keywords.is_empty()
            && !kw.chars().any(crate::corpus::text::is_han);
        if self.foreign_text(kw) || translated {
            self.foreign(i, content, "foreign-keywords");
            return;
        }
        let list = keywords(kw);
        let refs: Vec<&str> = list.iter().map(String::as_str).collect();
        self.ledger.markup_diff(kw, &refs);
        self.paper.keywords.extend(list);
        self.explain(i, "keywords", "keywords-label");
        if let Some(r) = rest {
            let r = r.to_string();
            self.push_fields(&r);
        }
    }

    /// A field the parser labels itself (the label is not in the text).
    pub(super) fn field(&mut self, i: usize, label: &str, value: &str, rule: &'static str) {
        self.ledger.synth_str(label);
        self.paper.front_matter.push(Field {
            label: label.into(),
            value: value.trim().to_string(),
        });
        self.explain(i, format!("field {label}"), rule);
    }

    /// A unit of labelled fields.
    pub(super) fn fields(&mut self, i: usize, t: &str) {
        let first = field_label(t).map_or("", |f| f.0);
        self.push_fields(t);
        self.explain(i, format!("field {first}"), "field-label");
    }

    pub(super) fn push_fields(&mut self, t: &str) {
        let (lead, fields) = split_fields(t);
        if fields.is_empty() {
            self.paper.front_matter.push(Field {
                label: String::new(),
                value: t.trim().to_string(),
            });
            return;
        }
        let mut kept: Vec<&str> = Vec::new();
        let lead = lead.map(str::trim).filter(|l| !l.is_empty());
        if let Some(l) = lead {
            kept.push(l);
        }
        for (label, value) in &fields {
            kept.push(label);
            kept.push(value.trim());
        }
        self.ledger.markup_diff(t, &kept);
        if let Some(l) = lead {
            self.paper.front_matter.push(Field {
                label: String::new(),
                value: l.to_string(),
            });
        }
        for (label, value) in fields {
            self.paper.front_matter.push(Field {
                label: label.to_string(),
                value: squash_spaces(value.trim()),
            });
        }
    }

    pub(super) fn foreign(&mut self, i: usize, t: &str, rule: &'static str) {
        // A foreign abstract cut by fields goes on (`… Ex` / `tensive experiments`).
        let continues = t.starts_with(|c: char| c.is_ascii_lowercase())
            && self
                .paper
                .foreign_matter
                .last()
                .is_some_and(|f| !ends_sentence(f));
        if continues && let Some(last) = self.paper.foreign_matter.last_mut() {
            joinl(self.ledger, last, t);
        } else {
            self.paper.foreign_matter.push(t.to_string());
        }
        self.explain(i, "foreign", rule);
    }

    pub(super) fn back(&mut self, i: usize, rule: &'static str) {
        let t = self.units[i].text.clone();
        self.paper.back_matter.push(t);
        self.explain(i, "back matter", rule);
    }

    /// Runs of other-language units after the front that hold an abstract or keywords label:
    /// the paper's own translated front matter (printed at the end), or another paper's.
    pub(super) fn find_foreign_runs(&mut self, start: usize) {
        let n = self.units.len();
        let mut i = start;
        let mut group = 0;
        while i < n {
            // The text after a reference label printed alone is that entry's, whatever its
            // language.
            let after_label = i > 0
                && leading_label(&self.units[i - 1].text)
                    .is_some_and(|(_, rest)| rest.trim().is_empty());
            if after_label || !self.run_member(i, false) {
                i += 1;
                continue;
            }
            let mut j = i;
            let mut labelled = false;
            while j < n && self.run_member(j, true) {
                let t = &self.units[j].text;
                if front_label(t)
                    .is_some_and(|(s, _)| matches!(s, Section::Abstract | Section::Keywords))
                    || matches!(
                        section_label(t),
                        Some(Section::Abstract | Section::Keywords)
                    )
                {
                    labelled = true;
                }
                j += 1;
            }
            if labelled {
                for k in i..j {
                    if matches!(
                        self.units[k].shape,
                        Shape::Text | Shape::Hash(_) | Shape::Html
                    ) && self.foreign_text(&self.units[k].text)
                    {
                        self.foreign[k] = Some(group);
                    }
                }
                group += 1;
            }
            i = j.max(i + 1);
        }
    }

    pub(super) fn run_member(&self, i: usize, inside: bool) -> bool {
        let u = &self.units[i];
        match u.shape {
            Shape::Text | Shape::Hash(_) => {
                self.foreign_text(&u.text)
                    || inside
                        && (field_label(&u.text).is_some()
                            || editorial(&u.text)
                            || u.text.chars().count() <= 3)
            }
            Shape::Image | Shape::Rule | Shape::Foot => inside,
            _ => false,
        }
    }
}

/// Fields whose value is prose that may go on over several units.
pub(super) fn prose_field(label: &str) -> bool {
    matches!(
        label,
        "作者简介"
            | "基金项目"
            | "项目基金"
            | "资助项目"
            | "作者单位"
            | "通讯作者"
            | "通信作者"
            | "Corresponding author"
            | "Author"
            | "Authors"
            | "Biography"
            | "Foundation item"
    )
}

/// A keywords line that ends on a list separator: the list goes on below.
pub(super) fn list_open(t: &str) -> bool {
    t.trim_end().ends_with([';', '；', '，', ',', '、'])
}
