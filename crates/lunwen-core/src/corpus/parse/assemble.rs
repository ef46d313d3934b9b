//! Stage 4, assemble: the document grammar. Front matter (title, byline, affiliations,
//! abstract, keywords, labelled fields, the same in another language, a CNKI cover page), then
//! the body, which *resumes* after every interruption: a paragraph cut by a page break, a
//! table, a figure, page footnotes or a 收稿日期/基金项目/作者简介 block goes on where the text
//! goes on. Notes and references after their labels; back matter only after the references or
//! at a clearly labelled end (an English abstract, 责任编辑, author bios). Text nothing
//! recognises stays where it stood, as body.

use super::Ledger;
use super::blocks::{Shape, Unit, damaged_ref_label, side_label, starts_item};
use super::classify::{
    Cand, Section, affiliation, bio, caption_start, chinese, editorial, equation_number,
    field_label, front_label, issue_line, latin, merged_heading, numbered_heading, outline,
    section_label, split_fields, subcaption, title_case, unnumbered_levels,
};
use super::front::{authors, keywords, looks_like_title};
use super::headings::{Style, numbering};
use super::lines::{Lines, ends_sentence};
use super::markers::{Context, RawMarker, extract, label_number, leading_label, remap_sorted};
use super::resolve::{self, MarkerSite, NoteSite};
use crate::corpus::model::{Block, BlockKind, Explained, Field, Heading, Marker, Note, Paper};
use crate::corpus::text::{is_cjk, join_counted, push_wrapped, squash_spaces};

/// Joins wrapped text, counting a dropped line-end hyphen as markup.
fn joinl(ledger: &mut Ledger, a: &mut String, b: &str) {
    if push_wrapped(a, b) {
        ledger.markup("-");
    }
}

/// A body block being built.
#[derive(Debug, Clone)]
struct Item {
    kind: BlockKind,
    text: String,
    chars: usize,
    pages: Vec<(usize, u32)>,
    /// (char offset, unit index) where each unit's text begins: the order markers had.
    seams: Vec<(usize, usize)>,
    last_width: u16,
    last_page: u32,
    /// Index into the heading candidates.
    cand: Option<usize>,
}

impl Item {
    fn new(kind: BlockKind, u: &Unit, unit: usize) -> Item {
        Item {
            kind,
            text: u.text.clone(),
            chars: u.chars,
            pages: u.pages.clone(),
            seams: vec![(0, unit)],
            last_width: u.last_width,
            last_page: u.pages.last().map_or(1, |p| p.1),
            cand: None,
        }
    }

    fn append(&mut self, u: &Unit, unit: usize, ledger: &mut Ledger) {
        let (start, dropped) = join_counted(&mut self.text, &mut self.chars, &u.text);
        if dropped {
            ledger.markup("-");
        }
        for &(o, p) in &u.pages {
            if self.pages.last().is_none_or(|l| l.1 != p) {
                self.pages.push((start + o, p));
            }
        }
        self.seams.push((start, unit));
        self.last_width = u.last_width;
        self.last_page = u.pages.last().map_or(self.last_page, |p| p.1);
    }

    /// Takes a whole item in, as one more run of the same paragraph.
    fn absorb(&mut self, other: Item, ledger: &mut Ledger) {
        let (start, dropped) = join_counted(&mut self.text, &mut self.chars, &other.text);
        if dropped {
            ledger.markup("-");
        }
        for (o, p) in other.pages {
            if self.pages.last().is_none_or(|l| l.1 != p) {
                self.pages.push((start + o, p));
            }
        }
        self.seams
            .extend(other.seams.into_iter().map(|(o, u)| (start + o, u)));
        self.last_width = other.last_width;
        self.last_page = other.last_page;
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Body,
    Refs,
    Notes,
    Back,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RefStyle {
    Numbered,
    AuthorYear,
}

struct RefItem {
    label: String,
    number: Option<u32>,
    text: String,
    page: u32,
    /// The entry is in CJK.
    cjk: bool,
}

struct NoteItem {
    label: String,
    number: Option<u32>,
    text: String,
    page: u32,
    unit: usize,
    /// A page footnote (restarting per page).
    foot: bool,
    endnote: bool,
}

struct Asm<'a> {
    units: Vec<Unit>,
    lines: &'a Lines<'a>,
    ledger: &'a mut Ledger,
    paper: Paper,
    zh: bool,
    items: Vec<Item>,
    deferred: Vec<Item>,
    pending: Option<Item>,
    cands: Vec<Cand>,
    /// Heading candidates by the unnumbered rule (`#` lines, Title Case lines).
    plain_cands: Vec<usize>,
    notes: Vec<NoteItem>,
    refs: Vec<RefItem>,
    ref_style: Option<RefStyle>,
    /// A reference label printed alone, waiting for its text.
    waiting_label: Option<(String, Option<u32>, u32)>,
    mode: Mode,
    /// After a `---` rule in the body: page footnotes follow (markdown).
    foot_area: bool,
    foot_area_first: bool,
    /// Foreign-language runs after the front: unit index → group.
    foreign: Vec<Option<usize>>,
    /// The front matter had translated parts.
    front_foreign: bool,
    explain: Vec<Explained>,
    /// The entry of `explain` each unit got first.
    explained_at: Vec<Option<usize>>,
    /// Levels of the headings, in order.
    level_list: Vec<u8>,
    /// The unit before was a label broken inside its bracket.
    open_label: bool,
}

fn excerpt(t: &str) -> String {
    let (head, more) = match t.char_indices().nth(36) {
        Some((b, _)) => (&t[..b], true),
        None => (t, false),
    };
    let mut s = head.replace(['\n', '\t'], " ");
    if more {
        s.push('…');
    }
    s
}

pub fn assemble(
    id: &str,
    file: &str,
    lines: &Lines<'_>,
    units: Vec<Unit>,
    ledger: &mut Ledger,
) -> Paper {
    let zh = is_chinese_paper(&units);
    let n = units.len();
    let mut a = Asm {
        units,
        lines,
        ledger,
        paper: Paper {
            id: id.to_string(),
            file: file.to_string(),
            page_count: lines.page_count,
            ..Paper::default()
        },
        zh,
        items: Vec::new(),
        deferred: Vec::new(),
        pending: None,
        cands: Vec::new(),
        plain_cands: Vec::new(),
        notes: Vec::new(),
        refs: Vec::new(),
        ref_style: None,
        waiting_label: None,
        mode: Mode::Body,
        foot_area: false,
        foot_area_first: false,
        foreign: vec![None; n],
        front_foreign: false,
        explain: Vec::with_capacity(n),
        explained_at: vec![None; n],
        level_list: Vec::new(),
        open_label: false,
    };
    let start = a.front();
    a.front_foreign = !a.paper.foreign_matter.is_empty();
    a.find_foreign_runs(start);
    for i in start..n {
        a.unit(i);
    }
    a.flush();
    a.finish()
}

fn is_chinese_paper(units: &[Unit]) -> bool {
    let mut cjk = 0usize;
    let mut latin = 0usize;
    for u in units
        .iter()
        .filter(|u| matches!(u.shape, Shape::Text | Shape::Hash(_) | Shape::Foot))
    {
        for c in u.text.chars() {
            if c.is_ascii_alphabetic() {
                latin += 1;
            } else if crate::corpus::text::is_han(c) {
                cjk += 1;
            }
        }
    }
    cjk * 3 >= latin
}

impl Asm<'_> {
    fn explain(&mut self, i: usize, kind: impl Into<String>, rule: &'static str) {
        let u = &self.units[i];
        if let Some(slot) = self.explained_at.get_mut(i)
            && slot.is_none()
        {
            *slot = Some(self.explain.len());
        }
        self.explain.push(Explained {
            page: u.page(),
            kind: kind.into(),
            rule,
            excerpt: excerpt(&u.text),
        });
    }

    /// Another language than the paper's.
    fn foreign_text(&self, t: &str) -> bool {
        if self.zh { latin(t) } else { chinese(t) }
    }

    fn wrap(&self) -> Option<u16> {
        self.lines.wrap
    }

    // ------------------------------------------------------------------ front matter

    /// Reads the front matter; returns the index of the first body unit.
    fn front(&mut self) -> usize {
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
                            && super::classify::next_field(&content).is_none();
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
    fn cover_end(&self) -> Option<usize> {
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
    fn label_ahead(&self, i: usize, want: Section) -> bool {
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
    fn author_note(&self, t: &str) -> bool {
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

    fn title_here(&self, i: usize) -> bool {
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
    fn byline(&mut self, i: usize) -> Option<usize> {
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

    fn keywords(&mut self, i: usize, content: &str) {
        // Fields glued to the keywords line (`…；量化交易中图分类号：F832.51 …`).
        let (kw, rest) = match super::classify::next_field(content) {
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

    // ------------------------------------------------------------------ shared

    /// A field the parser labels itself (the label is not in the text).
    fn field(&mut self, i: usize, label: &str, value: &str, rule: &'static str) {
        self.ledger.synth_str(label);
        self.paper.front_matter.push(Field {
            label: label.into(),
            value: value.trim().to_string(),
        });
        self.explain(i, format!("field {label}"), rule);
    }

    /// A unit of labelled fields.
    fn fields(&mut self, i: usize, t: &str) {
        let first = field_label(t).map_or("", |f| f.0);
        self.push_fields(t);
        self.explain(i, format!("field {first}"), "field-label");
    }

    fn push_fields(&mut self, t: &str) {
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

    fn foreign(&mut self, i: usize, t: &str, rule: &'static str) {
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

    fn back(&mut self, i: usize, rule: &'static str) {
        let t = self.units[i].text.clone();
        self.paper.back_matter.push(t);
        self.explain(i, "back matter", rule);
    }

    // ------------------------------------------------------------------ foreign runs

    /// Runs of other-language units after the front that hold an abstract or keywords label:
    /// the paper's own translated front matter (printed at the end), or another paper's.
    fn find_foreign_runs(&mut self, start: usize) {
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

    fn run_member(&self, i: usize, inside: bool) -> bool {
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

    // ------------------------------------------------------------------ the rest

    fn unit(&mut self, i: usize) {
        if self.label_tail(i) && self.units[i].text.is_empty() {
            self.explain(i, "label", "label-continues");
            return;
        }
        let before = self.explain.len();
        self.unit_inner(i);
        // `注释［` / `Notes］…`: a label the layout broke inside its bracketed translation.
        self.open_label = self.explain.len() > before
            && self.explain.last().is_some_and(|e| e.kind == "label")
            && self.units[i]
                .text
                .trim_end()
                .ends_with(['［', '[', '（', '(']);
    }

    /// Takes the rest of a broken label (`Works Cited］`) off the start of unit `i`.
    fn label_tail(&mut self, i: usize) -> bool {
        if !std::mem::take(&mut self.open_label) {
            return false;
        }
        let t = &self.units[i].text;
        let Some(p) = t.find(['］', ']', '）', ')']) else {
            return false;
        };
        let head = &t[..p];
        if p == 0
            || head.chars().count() > 30
            || !head.chars().all(|c| c.is_ascii_alphabetic() || c == ' ')
        {
            return false;
        }
        let close = t[p..].chars().next().map_or(1, char::len_utf8);
        let cut = t[..p + close].to_string();
        self.ledger.markup(&cut);
        let rest = t[p + close..].trim_start().to_string();
        let u = &mut self.units[i];
        u.chars = rest.chars().count();
        u.text = rest;
        let shift = cut.chars().count();
        for pg in &mut u.pages {
            pg.0 = pg.0.saturating_sub(shift);
        }
        u.raw = None;
        true
    }

    fn unit_inner(&mut self, i: usize) {
        let shape = self.units[i].shape;
        if shape == Shape::Foot {
            self.foot_note(i);
            return;
        }
        if let Some(g) = self.foreign[i] {
            let t = self.units[i].text.clone();
            if g == 0 && !self.front_foreign {
                self.foreign(i, &t, "translated-front-matter");
            } else {
                self.paper.back_matter.push(t);
                self.explain(i, "back matter", "another-papers-abstract");
            }
            return;
        }
        match self.mode {
            Mode::Body => self.body(i),
            Mode::Refs => self.reference(i),
            Mode::Notes => self.endnote(i),
            Mode::Back => self.after(i),
        }
    }

    /// Builds a block of `kind` from unit `i`.
    fn item(&self, kind: BlockKind, i: usize) -> Item {
        Item::new(kind, &self.units[i], i)
    }

    fn pending_open(&self, next: &Unit) -> bool {
        let Some(p) = &self.pending else {
            return false;
        };
        if p.kind != BlockKind::Paragraph {
            return false;
        }
        if !ends_sentence(&p.text) {
            return true;
        }
        // A full last line at the foot of a page: the paragraph may go on overleaf.
        self.wrap()
            .is_some_and(|w| p.last_width + 4 >= w && next.page() > p.last_page)
    }

    fn flush(&mut self) {
        if let Some(p) = self.pending.take() {
            self.items.push(p);
        }
        self.items.append(&mut self.deferred);
    }

    /// A caption, table or figure: after the paragraph it interrupts.
    fn place(&mut self, item: Item) {
        let open = self
            .pending
            .as_ref()
            .is_some_and(|p| p.kind == BlockKind::Paragraph && !ends_sentence(&p.text))
            || self.pending.as_ref().is_some_and(|p| {
                p.kind == BlockKind::Paragraph && self.wrap().is_some_and(|w| p.last_width + 4 >= w)
            });
        if open {
            self.deferred.push(item);
        } else {
            self.flush();
            self.items.push(item);
        }
    }

    fn body(&mut self, i: usize) {
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

    fn caption_ok(&self, i: usize, t: &str) -> bool {
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

    // ------------------------------------------------------------------ notes

    fn foot_note(&mut self, i: usize) {
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

    fn md_note(&mut self, i: usize, t: &str) {
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
    fn add_note(&mut self, label: &str, rest: &str, page: u32, unit: usize, endnote: bool) {
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

    fn endnote(&mut self, i: usize) {
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

    // ------------------------------------------------------------------ references

    fn reference(&mut self, i: usize) {
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
    fn resumes_body(&self, i: usize) -> bool {
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
    fn ref_label(&self, t: &str) -> Option<(String, Option<u32>, usize)> {
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
    fn reference_text(&mut self, i: usize, t: &str) {
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
    fn split_numbered(&mut self, label: String, number: Option<u32>, text: &str, page: u32) {
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

    // ------------------------------------------------------------------ back matter

    fn after(&mut self, i: usize) {
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

    // ------------------------------------------------------------------ the end

    fn finish(mut self) -> Paper {
        if let Some((l, n, p)) = self.waiting_label.take() {
            self.refs.push(RefItem {
                label: l,
                number: n,
                text: String::new(),
                page: p,
                cjk: false,
            });
        }
        self.headings();
        let ctx = Context {
            refs: if self.ref_style == Some(RefStyle::Numbered) {
                self.refs
                    .iter()
                    .filter_map(|r| r.number)
                    .max()
                    .unwrap_or(self.refs.len() as u32)
            } else {
                0
            },
            author_year: self.ref_style == Some(RefStyle::AuthorYear),
        };
        // Blocks, with markers cut out.
        let mut section: Option<usize> = None;
        let mut headings_seen = 0usize;
        let mut sites: Vec<MarkerSite> = Vec::new();
        let paged = self.lines.page_count >= 2;
        let items = std::mem::take(&mut self.items);
        for it in items {
            // What a heading candidate finally became, for `check --explain`.
            if it.cand.is_some()
                && let Some(&(_, unit)) = it.seams.first()
                && let Some(e) = self.explained_at.get(unit).copied().flatten()
                && let Some(entry) = self.explain.get_mut(e)
                && entry.kind == "heading?"
            {
                entry.kind = match it.kind {
                    BlockKind::Heading => format!(
                        "heading {}",
                        self.level_list.get(headings_seen).copied().unwrap_or(1)
                    ),
                    BlockKind::Label => "label".to_string(),
                    _ => "paragraph".to_string(),
                };
                if it.kind != BlockKind::Heading {
                    entry.rule = "not-in-outline";
                }
            }
            if it.kind == BlockKind::Heading {
                section = Some(headings_seen);
                headings_seen += 1;
            }
            let extract_markers = matches!(
                it.kind,
                BlockKind::Paragraph | BlockKind::Heading | BlockKind::Caption | BlockKind::Label
            );
            let (text, raw, cuts) = if extract_markers {
                extract(&it.text, ctx, self.ledger)
            } else {
                (it.text.clone(), Vec::new(), Vec::new())
            };
            let block = self.paper.blocks.len();
            let mut markers = Vec::with_capacity(raw.len());
            for (index, m) in raw.into_iter().enumerate() {
                let orig = m.orig;
                let unit = it.seams[it
                    .seams
                    .partition_point(|&(o, _)| o <= orig)
                    .saturating_sub(1)]
                .1;
                let page = page_at(&it.pages, orig);
                sites.push(MarkerSite {
                    block,
                    index,
                    unit,
                    page,
                    kind: m.kind,
                    numbers: m.numbers.clone(),
                    works: m.works.clone(),
                });
                markers.push(marker(m));
            }
            let pages = if paged {
                let mut p = it.pages.clone();
                remap_sorted(&mut p, &cuts);
                p.dedup_by_key(|x| x.1);
                p
            } else {
                Vec::new()
            };
            self.paper.blocks.push(Block {
                kind: it.kind,
                section,
                text,
                markers,
                pages,
            });
        }
        // Candidates that went back into the sentence they cut.
        for e in &mut self.explain {
            if e.kind == "heading?" {
                e.kind = "paragraph".to_string();
                e.rule = "rejoins-sentence";
            }
        }
        // Heading levels were stored in the outline by `headings`.
        let levels = std::mem::take(&mut self.level_list);
        let mut k = 0;
        for b in &self.paper.blocks {
            if b.kind == BlockKind::Heading {
                let level = levels.get(k).copied().unwrap_or(1);
                self.paper.outline.push(Heading {
                    level,
                    heading: b.text.clone(),
                });
                k += 1;
            }
        }
        // Notes and references.
        let note_sites: Vec<NoteSite> = self
            .notes
            .iter()
            .map(|n| NoteSite {
                number: n.number,
                page: n.page,
                unit: n.unit,
                foot: n.foot,
                endnote: n.endnote,
                bracket: n.label.chars().all(|c| c.is_ascii_digit()),
            })
            .collect();
        for n in std::mem::take(&mut self.notes) {
            self.paper.notes.push(Note {
                label: n.label,
                text: n.text,
                page: paged.then_some(n.page),
            });
        }
        let mut ref_numbers = Vec::new();
        let mut ref_texts: Vec<String> = Vec::new();
        for r in std::mem::take(&mut self.refs) {
            ref_numbers.push(r.number);
            ref_texts.push(r.text.clone());
            self.paper.references.push(Note {
                label: r.label,
                text: r.text,
                page: paged.then_some(r.page),
            });
        }
        resolve::resolve(&mut self.paper, &sites, &note_sites, &ref_numbers);
        self.paper.explain = std::mem::take(&mut self.explain);
        self.paper
    }

    /// Decides the heading candidates: levels by the numbering hierarchy, or for an
    /// unnumbered paper the `#` lines by section names.
    fn headings(&mut self) {
        let levels = outline(&self.cands);
        let numbered = levels.iter().filter(|l| l.is_some()).count();
        let mut list = Vec::new();
        let mut items = std::mem::take(&mut self.items);
        if numbered >= 2 || self.plain_cands.is_empty() {
            for it in &mut items {
                match it.cand {
                    Some(usize::MAX) => {
                        it.kind = if ends_sentence(&it.text) {
                            BlockKind::Paragraph
                        } else {
                            BlockKind::Label
                        };
                    }
                    Some(c) => match levels.get(c).copied().flatten() {
                        Some(l) => list.push(l),
                        None => {
                            it.kind = if it.text.chars().count() > 30 || ends_sentence(&it.text) {
                                BlockKind::Paragraph
                            } else {
                                BlockKind::Label
                            }
                        }
                    },
                    None => {}
                }
            }
        } else {
            // Unnumbered: numbered candidates stay what they were, `#` lines become headings.
            let mut out: Vec<Item> = Vec::with_capacity(items.len());
            let mut texts: Vec<String> = Vec::new();
            for mut it in items {
                match it.cand {
                    Some(usize::MAX)
                        if section_label(&it.text).is_none()
                            && (title_case(&it.text)
                                || !latin(&it.text) && it.text.chars().count() <= 30) =>
                    {
                        if let Some(at) = merged_heading(&it.text) {
                            let second = it.text[at..].to_string();
                            let first = it.text[..at].trim_end().to_string();
                            let first_chars = first.chars().count();
                            let mut h2 = it.clone();
                            it.text = first;
                            it.chars = first_chars;
                            it.kind = BlockKind::Heading;
                            texts.push(it.text.clone());
                            out.push(it);
                            h2.chars = second.chars().count();
                            h2.text = second;
                            h2.kind = BlockKind::Heading;
                            h2.pages.truncate(1);
                            h2.seams.truncate(1);
                            texts.push(h2.text.clone());
                            out.push(h2);
                            continue;
                        }
                        it.kind = BlockKind::Heading;
                        texts.push(it.text.clone());
                        out.push(it);
                    }
                    Some(usize::MAX) => {
                        it.kind = BlockKind::Label;
                        out.push(it);
                    }
                    Some(c) => {
                        if levels.get(c).copied().flatten().is_some() {
                            it.kind = BlockKind::Heading;
                            texts.push(it.text.clone());
                        } else {
                            it.kind = BlockKind::Paragraph;
                        }
                        out.push(it);
                    }
                    None => out.push(it),
                }
            }
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            list = unnumbered_levels(&refs);
            items = out;
        }
        self.items = rejoin_rejected(items, self.ledger);
        self.level_list = list;
    }
}

/// A numbered line that did not become a heading, standing between the two halves of a
/// sentence (`…妇女解放运动、` / `20 世纪 60` / `年代的新左派运动…`), goes back into the
/// paragraph it interrupted, and so does the rest of that paragraph.
fn rejoin_rejected(items: Vec<Item>, ledger: &mut Ledger) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::with_capacity(items.len());
    let mut open = false;
    for it in items {
        let rejected = it.cand.is_some_and(|c| c != usize::MAX) && it.kind != BlockKind::Heading;
        let mid = |p: &Item| p.kind == BlockKind::Paragraph && !ends_sentence(&p.text);
        let join = match out.last() {
            Some(prev) if mid(prev) => {
                rejected && matches!(it.kind, BlockKind::Paragraph | BlockKind::Label)
                    || open && it.kind == BlockKind::Paragraph && it.cand.is_none()
            }
            _ => false,
        };
        if join && let Some(prev) = out.last_mut() {
            let mut it = it;
            if rejected {
                // Spaced as running text, not as a heading's number and title.
                let text = squash_spaces(&it.text);
                if text.len() != it.text.len() {
                    it.chars = text.chars().count();
                    it.pages.truncate(1);
                    it.seams.truncate(1);
                    it.text = text;
                }
            }
            prev.absorb(it, ledger);
            open = rejected;
            continue;
        }
        open = false;
        out.push(it);
    }
    out
}

/// Text after a displayed formula that explains it or finishes the sentence: a lower-case
/// word, punctuation, `式中` / `其中` (the formula's symbols explained).
fn continues_formula(t: &str) -> bool {
    let t = t.trim_start();
    t.starts_with(|c: char| {
        c.is_ascii_lowercase() || matches!(c, '，' | '。' | '；' | '、' | ',' | '.' | ';')
    }) || t.starts_with("式中")
        || t.starts_with("其中")
}

/// Fields whose value is prose that may go on over several units.
fn prose_field(label: &str) -> bool {
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

fn circled_or_sup(label: &str, t: &str) -> bool {
    label
        .chars()
        .next()
        .and_then(super::markers::circled_value)
        .is_some()
        || t.starts_with("<sup>")
}

/// A translation line of a Chinese entry: a year or page range, a `[J]` mark.
fn looks_like_reference(t: &str) -> bool {
    t.contains("[J]")
        || t.contains("[C]")
        || t.contains("[M]")
        || t.contains("[D]")
        || t.contains("in Chinese")
        || t.bytes().filter(u8::is_ascii_digit).count() >= 4
}

/// Splits run-together unnumbered entries: the first entry of `t` and the rest. An entry
/// starts after a sentence end (not an initial's point) where [`entry_start`] holds.
fn split_author_year(t: &str) -> (&str, &str) {
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
fn entry_start(s: &str) -> bool {
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

/// The circled glyph for `n` (1..=50).
fn circled(n: u32) -> Option<char> {
    let code = match n {
        1..=20 => 0x2460 + n - 1,
        21..=35 => 0x3251 + n - 21,
        36..=50 => 0x32b1 + n - 36,
        _ => return None,
    };
    char::from_u32(code)
}

fn marker(m: RawMarker) -> Marker {
    Marker {
        offset: m.offset,
        label: m.label,
        targets: Vec::new(),
    }
}

fn page_at(pages: &[(usize, u32)], offset: usize) -> u32 {
    let i = pages.partition_point(|&(o, _)| o <= offset);
    pages[..i].last().or(pages.first()).map_or(1, |p| p.1)
}

/// A keywords line that ends on a list separator: the list goes on below.
fn list_open(t: &str) -> bool {
    t.trim_end().ends_with([';', '；', '，', ',', '、'])
}

#[cfg(test)]
#[path = "assemble_tests.rs"]
mod tests;
