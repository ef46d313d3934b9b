//! One 120×40 frame of the reader mid-paper, the cost of a scroll step on the longest seed paper,
//! and wrapping that paper once (what a resize costs).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use lunwen::action::Action;
use lunwen::app::App;
use lunwen::config::Config;
use lunwen::store::state::State;
use lunwen_core::corpus::Corpus;
use lunwen_core::view::doc::Doc;
use lunwen_core::view::wrap::Layout;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn longest() -> (App, usize) {
    let papers = Corpus::bundled().papers;
    let longest = papers
        .iter()
        .enumerate()
        .max_by_key(|(_, p)| p.blocks.iter().map(|b| b.text.len()).sum::<usize>())
        .map_or(0, |(i, _)| i);
    let state = State {
        last_paper: Some(papers[longest].id.clone()),
        ..State::default()
    };
    let mut app = App::new(papers, &Config::defaults(), &state, 120, 40);
    let mid = app.layout.lines.len() / 2;
    app.scroll_to(mid);
    (app, longest)
}

fn bench(c: &mut Criterion) {
    let (mut app, longest) = longest();
    let mut terminal = match Terminal::new(TestBackend::new(120, 40)) {
        Ok(t) => t,
        Err(e) => match e {},
    };
    c.bench_function("frame 120x40 mid-paper", |b| {
        b.iter(|| {
            let _ = terminal.draw(|f| lunwen::ui::render(f, black_box(&app)));
        })
    });
    c.bench_function("scroll one line + frame (longest paper)", |b| {
        let mut down = true;
        b.iter(|| {
            app.update(if down { Action::Down } else { Action::Up });
            down = !down;
            let _ = terminal.draw(|f| lunwen::ui::render(f, black_box(&app)));
        })
    });
    let paper = &app.papers[longest];
    c.bench_function("wrap longest paper at 114 columns", |b| {
        b.iter(|| Layout::new(&Doc::new(black_box(paper)), 114))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
