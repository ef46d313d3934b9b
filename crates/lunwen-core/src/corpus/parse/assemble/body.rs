//! The body: paragraphs that resume after every interruption, tables, figures, formulas and
//! captions.

use super::*;

impl Asm<'_> {
    pub(super) fn body(&mut self, i: usize) {
        let shape = self.units[i].shape;
        match shape {
            Shape::Image => {
                self.explain(i, "image", "markup");
                return;
            }
            Shape::Rule => {
                self.foot_area = true;
                self.foot_area_first = true;
                self.explain(i, "rule", "footnotes-follow");
                return;
            }
            Shape::Math => {
                // A sentence runs on through a displayed formula when what follows goes on
                // with it (`…定义为` / formula / `式中…`, `… is` / formula / `where …`); text
                // that starts afresh is a paragraph of its own.
                let it = self.item(BlockKind::Formula, i);
                let goes_on = self
                    .units
                    .get(i + 1)
                    .is_some_and(|n| n.shape == Shape::Text && continues_formula(&n.text));
                if goes_on {
                    self.place(it);
                } else {
                    self.flush();
                    self.items.push(it);
                }
                self.explain(i, "formula", "display-math");
                return;
            }
            Shape::Code => {
                self.flush();
                let it = self.item(BlockKind::Code, i);
                self.items.push(it);
                self.explain(i, "code", "fence");
                return;
            }
            Shape::Table => {
                let it = self.item(BlockKind::Table, i);
                self.place(it);
                self.explain(i, "table", "table-markup");
                return;
            }
            Shape::Cells => {
                let numeric = self.units[i]
                    .text
                    .chars()
                    .filter(char::is_ascii_digit)
                    .count()
                    * 4
                    >= self.units[i].chars;
                let kind = if numeric {
                    BlockKind::Table
                } else {
                    BlockKind::Figure
                };
                let it = self.item(kind, i);
                self.place(it);
                self.explain(
                    i,
                    if numeric { "table" } else { "figure" },
                    "short-line-run",
                );
                return;
            }
            _ => {}
        }
        let t = self.units[i].text.clone();
        if t.is_empty() {
            return;
        }
        let marked = matches!(shape, Shape::Hash(_));
        if editorial(&t) {
            self.back(i, "editorial");
            return;
        }
        if bio(&t) {
            self.field(i, "作者简介", &t, "bio");
            return;
        }
        if let Some(sec) = section_label(&t) {
            match sec {
                Section::References => {
                    self.flush();
                    self.ledger.markup(&t);
                    self.mode = Mode::Refs;
                    self.explain(i, "label", "references-label");
                    return;
                }
                Section::Notes => {
                    self.flush();
                    self.ledger.markup(&t);
                    self.mode = Mode::Notes;
                    self.explain(i, "label", "notes-label");
                    return;
                }
                Section::Bios => {
                    self.flush();
                    self.ledger.markup(&t);
                    self.mode = Mode::Back;
                    self.explain(i, "label", "bios-label");
                    return;
                }
                Section::Appendix | Section::Acknowledgments | Section::Closing => {
                    self.flush();
                    let it = self.item(BlockKind::Label, i);
                    self.items.push(it);
                    self.explain(i, "label", "section-label");
                    return;
                }
                Section::Abstract | Section::Keywords => {}
            }
        }
        if let Some((Section::References, at)) = front_label(&t) {
            self.flush();
            self.ledger.markup(&t[..at]);
            self.mode = Mode::Refs;
            self.explain(i, "label", "references-label-glued");
            let rest = t[at..].to_string();
            self.reference_text(i, &rest);
            return;
        }
        if field_label(&t).is_some() || self.author_note(&t) {
            self.fields(i, &t);
            return;
        }
        // Markdown page footnotes after a rule: notes, then the first unnumbered block is the
        // paper's funding or author note; the next unnumbered block is the body again.
        if self.foot_area {
            if leading_label(&t).is_some() && !t.starts_with('[') {
                self.md_note(i, &t);
                self.foot_area_first = false;
                return;
            }
            if self.foot_area_first {
                self.foot_area_first = false;
                let funding = ["基金", "项目", "资助", "supported", "grant", "Grant"]
                    .iter()
                    .any(|w| t.contains(w));
                self.field(
                    i,
                    if funding { "基金项目" } else { "脚注" },
                    &t,
                    "first-footnote",
                );
                return;
            }
            self.foot_area = false;
        }
        if self.lines.page_count < 2
            && shape == Shape::Text
            && leading_label(&t).is_some_and(|(l, rest)| {
                !rest.is_empty() && !t.starts_with('[') && circled_or_sup(&l, &t)
            })
        {
            self.md_note(i, &t);
            return;
        }
        // Headings.
        if matches!(shape, Shape::Text | Shape::Hash(_)) && self.units[i].lines <= 3 {
            // Numbering is read with the spaces as printed: `0 引言` is a heading, `0引言` in
            // running text need not be.
            let r = if numbering(&t).is_some()
                || self.units[i]
                    .raw
                    .as_deref()
                    .is_some_and(|r| numbering(r).is_some())
            {
                self.units[i].raw.as_deref().map_or_else(
                    || t.clone(),
                    |r| r.split_whitespace().collect::<Vec<_>>().join(" "),
                )
            } else {
                String::new()
            };
            if let Some((num, ok)) = numbered_heading(&r, marked) {
                let heading_like = ok && (marked || self.units[i].lines <= 2);
                if heading_like {
                    self.flush();
                    let mut it = self.item(BlockKind::Heading, i);
                    if matches!(num.style, Style::Decimal(_)) && !num.glued {
                        // `1.1 数据采集`: the number keeps its space.
                        let head = r[..num.start].trim_end();
                        let text = format!("{head} {}", squash_spaces(&r[num.start..]));
                        it.chars = text.chars().count();
                        it.text = text;
                    }
                    it.cand = Some(self.cands.len());
                    self.cands.push(Cand {
                        num: Some(num),
                        marked,
                        sentence: false,
                    });
                    self.items.push(it);
                    self.explain(i, "heading?", "numbered");
                    return;
                }
                if num.style == Style::Enum {
                    self.cands.push(Cand {
                        num: Some(num),
                        marked,
                        sentence: true,
                    });
                }
            }
        }
        // A converter's `#` on a caption (`# 图1 系统结构`) makes no heading of it.
        if marked
            && !(caption_start(&t) && self.caption_ok(i, &t))
            && t.chars().count() <= 120
            && !ends_sentence(&t)
            && !t.trim_end().ends_with(['，', ',', '、'])
            && numbering(&t).is_none()
        {
            // An unnumbered `#` line: a heading in an unnumbered paper, else a label.
            self.flush();
            let mut it = self.item(BlockKind::Label, i);
            it.cand = Some(usize::MAX);
            self.plain_cands.push(self.items.len());
            self.items.push(it);
            self.explain(i, "heading?", "unnumbered-#");
            return;
        }
        // Captions and formula remnants.
        let prev_shape = i.checked_sub(1).map(|p| self.units[p].shape);
        let after_figure = matches!(prev_shape, Some(Shape::Image | Shape::Table | Shape::Cells))
            || i > 0 && self.explain.last().is_some_and(|e| e.kind == "caption");
        if caption_start(&t) && self.caption_ok(i, &t)
            || subcaption(&t) && after_figure
            || shape == Shape::Html
        {
            let mut it = self.item(BlockKind::Caption, i);
            // A caption keeps the space after its number (`图1 示意图`).
            if let Some(r) = self.units[i].raw.as_deref()
                && it.pages.len() <= 1
            {
                let text = r.split_whitespace().collect::<Vec<_>>().join(" ");
                it.chars = text.chars().count();
                it.text = text;
            }
            self.place(it);
            self.explain(
                i,
                "caption",
                if subcaption(&t) {
                    "subcaption"
                } else {
                    "caption-prefix"
                },
            );
            return;
        }
        if after_figure
            && t.starts_with(['注', '*'])
            && t.chars().nth(1).is_some_and(|c| matches!(c, '：' | ':'))
            && self.units[i].lines <= 3
            && t.chars().count() <= 200
        {
            let it = self.item(BlockKind::Caption, i);
            self.place(it);
            self.explain(i, "caption", "table-note");
            return;
        }
        if equation_number(&t) {
            let it = self.item(BlockKind::Formula, i);
            self.place(it);
            self.explain(i, "formula", "equation-number");
            return;
        }
        // A Title Case line standing alone next to a figure: a heading a converter displaced
        // (unnumbered papers only; decided at the end).
        if shape == Shape::Text
            && !self.zh
            && self.units[i].lines == 1
            && title_case(&t)
            && t.split_whitespace().count() <= 6
            && (after_figure
                || self
                    .units
                    .get(i + 1)
                    .is_some_and(|n| caption_start(&n.text)))
        {
            self.flush();
            let mut it = self.item(BlockKind::Label, i);
            it.cand = Some(usize::MAX);
            self.plain_cands.push(self.items.len());
            self.items.push(it);
            self.explain(i, "heading?", "title-case-line");
            return;
        }
        // An English footer cutting a sentence: the text on each side joins, the footer goes.
        if !self.zh
            && self.pending.as_ref().is_some_and(|p| {
                p.kind == BlockKind::Paragraph
                    && p.text
                        .ends_with(|c: char| c.is_ascii_lowercase() || c == ',')
            })
            && ends_sentence(&t)
            && t.matches(". ").count() == 0
            && self.units.get(i + 1).is_some_and(|n| {
                n.shape == Shape::Text && n.text.starts_with(|c: char| c.is_ascii_lowercase())
            })
        {
            self.field(i, "脚注", &t, "footer-inside-sentence");
            return;
        }
        // Words set beside a narrowed paragraph (a figure's labels) between two pieces of one
        // sentence: the figure's, after the paragraph; the sentence goes on.
        if self.zh && side_label(&self.units[i]) && self.pending_open(&self.units[i]) && {
            let mut k = i + 1;
            while self.units.get(k).is_some_and(side_label) {
                k += 1;
            }
            self.units.get(k).is_some_and(|n| {
                n.shape == Shape::Text
                    && n.text
                        .chars()
                        .next()
                        .is_some_and(crate::corpus::text::is_han)
                    && !starts_item(&n.text)
            })
        } {
            let it = self.item(BlockKind::Figure, i);
            self.place(it);
            self.explain(i, "figure", "side-label");
            return;
        }
        // A paragraph, or the rest of one.
        let u = &self.units[i];
        let bullet = shape == Shape::Bullet;
        if !bullet && self.pending_open(u) {
            let u = self.units[i].clone();
            if let Some(p) = self.pending.as_mut() {
                p.append(&u, i, self.ledger);
            }
            self.explain(i, "paragraph", "continues");
            return;
        }
        self.flush();
        let it = self.item(BlockKind::Paragraph, i);
        self.pending = Some(it);
        self.explain(i, "paragraph", if bullet { "list-item" } else { "text" });
    }

    pub(super) fn caption_ok(&self, i: usize, t: &str) -> bool {
        let near = |k: Option<usize>| {
            k.and_then(|k| self.units.get(k)).is_some_and(|u| {
                matches!(u.shape, Shape::Image | Shape::Table | Shape::Cells)
                    || caption_start(&u.text)
            })
        };
        if near(i.checked_sub(1)) || near(Some(i + 1)) {
            return true;
        }
        // `Figure 2: …`, `TABLE 1. …`: the number is followed by a separator.
        let after_number = t
            .trim_start_matches(|c: char| !c.is_ascii_digit())
            .trim_start_matches(|c: char| c.is_ascii_digit());
        let separated =
            after_number.starts_with([':', '：', '.', '、']) && !after_number.starts_with("..");
        if latin(t) {
            // `Table 2 presents …` is a sentence about a table.
            return separated || !t.trim_end().ends_with('.') && t.split_whitespace().count() <= 20;
        }
        separated || t.chars().count() <= 60 && !t.contains('。')
    }
}

/// Text after a displayed formula that explains it or finishes the sentence: a lower-case
/// word, punctuation, `式中` / `其中` (the formula's symbols explained).
pub(super) fn continues_formula(t: &str) -> bool {
    let t = t.trim_start();
    t.starts_with(|c: char| {
        c.is_ascii_lowercase() || matches!(c, '，' | '。' | '；' | '、' | ',' | '.' | ';')
    }) || t.starts_with("式中")
        || t.starts_with("其中")
}

pub(super) fn circled_or_sup(label: &str, t: &str) -> bool {
    label
        .chars()
        .next()
        .and_then(super::super::markers::circled_value)
        .is_some()
        || t.starts_with("<sup>")
}
