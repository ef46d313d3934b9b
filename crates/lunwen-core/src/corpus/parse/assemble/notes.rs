//! Notes: page footnotes, markdown footnotes and endnotes after their label.

use super::*;

impl Asm<'_> {
    pub(super) fn foot_note(&mut self, i: usize) {
        let u = &self.units[i];
        let t = u.text.clone();
        let page = u.page();
        let (label, text) = match leading_label(&t) {
            Some((l, rest)) => {
                let syntax_len = t.len() - rest.len();
                self.ledger.markup_diff(&t[..syntax_len], &[&l]);
                (l, rest.trim().to_string())
            }
            None => (String::new(), t.trim().to_string()),
        };
        if label.is_empty() {
            // Unnumbered: an author note on the first page.
            self.field(i, "脚注", &text, "unnumbered-footnote");
            return;
        }
        let number = label_number(&label);
        self.notes.push(NoteItem {
            label,
            number,
            text,
            page,
            unit: i,
            foot: true,
            endnote: false,
        });
        self.explain(i, "note", "page-footnote");
    }

    pub(super) fn md_note(&mut self, i: usize, t: &str) {
        let Some((label, rest)) = leading_label(t) else {
            return;
        };
        let syntax = &t[..t.len() - rest.len()];
        self.ledger.markup_diff(syntax, &[&label]);
        let page = self.units[i].page();
        self.add_note(&label, rest, page, i, false);
        self.explain(i, "note", "footnote-label");
    }

    /// Adds a note, splitting a line that holds several (`①…。②…`) at the next number in
    /// sequence.
    pub(super) fn add_note(
        &mut self,
        label: &str,
        rest: &str,
        page: u32,
        unit: usize,
        endnote: bool,
    ) {
        let number = label_number(label);
        let next_label = number.and_then(|n| circled(n + 1));
        if let Some(next) = next_label
            && let Some(pos) = rest.find(next)
            && pos > 0
        {
            self.notes.push(NoteItem {
                label: label.to_string(),
                number,
                text: rest[..pos].trim().to_string(),
                page,
                unit,
                foot: false,
                endnote,
            });
            let after = rest[pos + next.len_utf8()..].to_string();
            self.add_note(&next.to_string(), after.trim_start(), page, unit, endnote);
            return;
        }
        self.notes.push(NoteItem {
            label: label.to_string(),
            number,
            text: rest.trim().to_string(),
            page,
            unit,
            foot: false,
            endnote,
        });
    }

    pub(super) fn endnote(&mut self, i: usize) {
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
                    self.explain(i, "label", "notes-label");
                    return;
                }
                _ => {
                    self.mode = Mode::Body;
                    self.body(i);
                    return;
                }
            }
        }
        if let Some((label, rest)) = leading_label(&t) {
            let syntax = &t[..t.len() - rest.len()];
            self.ledger.markup_diff(syntax, &[&label]);
            let page = self.units[i].page();
            let rest = rest.to_string();
            self.add_note(&label, &rest, page, i, true);
            self.explain(i, "note", "endnote-label");
            return;
        }
        if let Some((num, true)) = numbered_heading(&t, matches!(shape, Shape::Hash(_))) {
            let _ = num;
            self.mode = Mode::Body;
            self.body(i);
            return;
        }
        if field_label(&t).is_some() || editorial(&t) {
            self.mode = Mode::Back;
            self.after(i);
            return;
        }
        let continues = shape == Shape::Bullet
            || !self.units[i].gap_before
            || self.notes.last().is_some_and(|n| !ends_sentence(&n.text));
        match self.notes.last_mut() {
            Some(last) if continues => {
                joinl(self.ledger, &mut last.text, &t);
                self.explain(i, "note", "note-continues");
            }
            _ => {
                self.mode = Mode::Back;
                self.after(i);
            }
        }
    }
}

/// The circled glyph for `n` (1..=50).
pub(super) fn circled(n: u32) -> Option<char> {
    let code = match n {
        1..=20 => 0x2460 + n - 1,
        21..=35 => 0x3251 + n - 21,
        36..=50 => 0x32b1 + n - 36,
        _ => return None,
    };
    char::from_u32(code)
}
