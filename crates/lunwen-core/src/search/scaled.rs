//! A large synthetic corpus for benchmarks: papers repeated with variation, so no two copies
//! are the same text (identical copies would flatter caches and prefilters).

use crate::corpus::sentences::{sentences, slice_chars};
use crate::corpus::{Block, Paper};

/// `copies` variants of each paper, ids suffixed `-NNN`. Copy `k` rotates the sentences of
/// every paragraph by `k` and swaps a few pairs of neighbouring chars chosen by a seeded
/// generator; copy 0 is the paper itself.
pub fn scaled(papers: &[Paper], copies: usize) -> Vec<Paper> {
    let mut out = Vec::with_capacity(papers.len() * copies);
    for k in 0..copies {
        let mut rng = Lcg((k as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
        for paper in papers {
            let mut p = paper.clone();
            p.id = format!("{}-{k:03}", paper.id);
            if k > 0 {
                p.blocks = p
                    .blocks
                    .iter()
                    .map(|b| Block {
                        text: vary(&b.text, k, &mut rng),
                        markers: Vec::new(),
                        ..b.clone()
                    })
                    .collect();
            }
            out.push(p);
        }
    }
    out
}

fn vary(text: &str, k: usize, rng: &mut Lcg) -> String {
    let parts: Vec<&str> = sentences(text)
        .into_iter()
        .map(|r| slice_chars(text, r))
        .collect();
    if parts.is_empty() {
        return text.to_string();
    }
    let shift = k % parts.len();
    let mut chars: Vec<char> = parts[shift..]
        .iter()
        .chain(&parts[..shift])
        .flat_map(|s| s.chars())
        .collect();
    if chars.len() > 2 {
        for _ in 0..chars.len() / 40 + 1 {
            let i = (rng.next() as usize) % (chars.len() - 1);
            chars.swap(i, i + 1);
        }
    }
    chars.into_iter().collect()
}

/// A tiny deterministic generator (Knuth's MMIX constants); benchmarks need repeatability,
/// not quality.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::BlockKind;

    #[test]
    fn copies_vary_but_keep_the_text_size() {
        let paper = Paper {
            id: "p".into(),
            blocks: vec![Block {
                kind: BlockKind::Paragraph,
                section: None,
                text: "第一句话在这里。第二句话在那里。第三句。".into(),
                markers: vec![],
                pages: Vec::new(),
            }],
            ..Paper::default()
        };
        let out = scaled(std::slice::from_ref(&paper), 3);
        assert_eq!(out.len(), 3);
        assert_eq!(out[0].blocks, paper.blocks);
        assert_eq!(out[2].id, "p-002");
        let len = |p: &Paper| p.blocks[0].text.chars().count();
        assert!(out.iter().all(|p| len(p) == len(&paper)));
        assert_ne!(out[1].blocks[0].text, paper.blocks[0].text);
        assert_ne!(out[1].blocks[0].text, out[2].blocks[0].text);
        let again = scaled(&[paper], 3);
        assert_eq!(again[2].blocks, out[2].blocks, "deterministic");
    }
}
