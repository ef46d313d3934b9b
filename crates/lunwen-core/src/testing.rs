//! Fixtures shared by the tests of the core and of the app (feature `testing`): hand-built papers
//! with every part the reader draws.

use crate::corpus::{Block, BlockKind, Heading, Marker, Note, Paper, Target};

/// A small paper with every part the reader draws, for tests across the UI.
pub fn sample_paper() -> Paper {
    let para = |section, text: &str, markers: Vec<Marker>| Block {
        kind: BlockKind::Paragraph,
        section,
        text: text.into(),
        markers,
        pages: Vec::new(),
    };
    let heading = |section: usize, text: &str| Block {
        kind: BlockKind::Heading,
        section: Some(section),
        text: text.into(),
        markers: Vec::new(),
        pages: Vec::new(),
    };
    let long = "新质生产力是创新起主导作用，摆脱传统经济增长方式、生产力发展路径，具有高科技、高效能、高质量特征，符合新发展理念的先进生产力质态。";
    Paper {
        id: "t01".into(),
        file: "t01.txt".into(),
        title: Some("以新质生产力赋能高质量共建“一带一路”研究".into()),
        authors: vec!["刘博".into(), "蔡文成".into()],
        keywords: vec!["新质生产力".into(), "一带一路".into()],
        abstract_text: Some("发展新质生产力是推动高质量发展的内在要求和重要着力点。".into()),
        outline: vec![
            Heading { level: 1, heading: "一、引言".into() },
            Heading { level: 1, heading: "二、理论逻辑".into() },
            Heading { level: 2, heading: "（一）生产力范畴".into() },
            Heading { level: 2, heading: "（二）实践逻辑".into() },
            Heading { level: 1, heading: "三、结语".into() },
        ],
        blocks: vec![
            heading(0, "一、引言"),
            para(
                Some(0),
                &format!("习近平指出，“{long}”这一论断意义重大。"),
                vec![Marker {
                    offset: 8 + long.chars().count(),
                    label: "①".into(),
                    targets: vec![Target::Note(0)],
                }],
            ),
            heading(1, "二、理论逻辑"),
            heading(2, "（一）生产力范畴"),
            para(
                Some(2),
                &format!("{long}{long}"),
                vec![Marker {
                    offset: 10,
                    label: "3".into(),
                    targets: vec![Target::Reference(0)],
                }],
            ),
            Block {
                kind: BlockKind::Table,
                section: Some(2),
                text: "指标\t2023年\t2024年\n研发投入（亿元）\t33357\t36130".into(),
                markers: Vec::new(),
                pages: Vec::new(),
            },
            heading(3, "（二）实践逻辑"),
            para(
                Some(3),
                long,
                vec![Marker {
                    offset: 4,
                    label: "9".into(),
                    targets: Vec::new(),
                }],
            ),
            heading(4, "三、结语"),
            para(Some(4), long, Vec::new()),
        ],
        notes: vec![Note {
            label: "①".into(),
            text: "习近平：《发展新质生产力是推动高质量发展的内在要求和重要着力点》，《求是》2024年第11期。".into(),
            page: None,
        }],
        references: vec![Note {
            label: "3".into(),
            text: "蔡文成.新质生产力的理论逻辑[J].中州学刊,2024(3):1-8.".into(),
            page: None,
        }],
        ..Paper::default()
    }
}

/// The sample with its last section made long enough to scroll through at any test size.
pub fn long_paper() -> Paper {
    let mut p = sample_paper();
    let filler = "以新质生产力发展赋能高质量共建“一带一路”，要从生产力范畴加强对认知体系的阐释，以科技创新为支撑提升合作水平。";
    for n in 0..40 {
        p.blocks.push(Block {
            kind: BlockKind::Paragraph,
            section: Some(4),
            text: format!("第{n}段。{filler}{filler}"),
            markers: Vec::new(),
            pages: Vec::new(),
        });
    }
    p
}

/// A Chinese journal article with every fact a citation of it needs: the facts of seed 000
/// (刘博、蔡文成, 《中州学刊》2025年第6期, pages 34-41), and no text.
pub fn cited_paper() -> Paper {
    Paper {
        id: "000".into(),
        file: "000.txt".into(),
        title: Some("以新质生产力发展赋能高质量共建“一带一路”研究".into()),
        authors: vec!["刘博".into(), "蔡文成".into()],
        metadata: crate::corpus::Metadata {
            journal: Some("中州学刊".into()),
            year: Some(2025),
            issue: Some("6".into()),
            pages: Some("34-41".into()),
            ..crate::corpus::Metadata::default()
        },
        ..Paper::default()
    }
}

pub mod pdf;
