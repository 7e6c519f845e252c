//! Drawing cost of the terminal UI: one frame of the team screen and of the
//! exercise-control console at 160×48, with the flagship scenario after ten
//! turns of baseline bots. Target: at most 2 ms a frame. And the replay
//! viewer over a 52-turn flagship journal: opening it, moving to a turn
//! (target: instant, under a frame at 60 Hz, 16 ms) and drawing a frame.
//!
//! Run: `cargo bench --bench tui`.

// A benchmark is test code: a failed unwrap there is a failed run, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use undertow::bots::Policy;
use undertow::engine::setup::TeamIx;
use undertow::session::Session;
use undertow::tui::replay::{Perspective, Timeline, Viewer};
use undertow::tui::{Action, App, Seats, Theme, frame};

fn main() {
    divan::main();
}

const FLAGSHIP: &str = include_str!("../scenarios/maritime-route.ron");

/// The flagship after ten turns, one team at the keyboard, on its screen.
fn app_after_ten_turns() -> App {
    let scenario = undertow::scenario::parse_scenario("maritime-route.ron", FLAGSHIP)
        .unwrap_or_else(|e| panic!("{e}"));
    let catalog =
        undertow::scenario::resolve_catalog(&undertow::scenario::default_catalog(), &scenario);
    let seed = scenario.seed;
    let session = Session::start(
        "maritime-route.ron",
        FLAGSHIP,
        scenario,
        catalog,
        seed,
        None,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut app = App::new(
        session,
        Seats {
            humans: vec![TeamIx(0)],
            bots: Policy::Baseline,
        },
        Theme::new(true),
    );
    app.update(Action::Resize {
        width: 160,
        height: 48,
    });
    // Past the briefing; then the seated team is ready ten times (bots fill the rest).
    app.update(Action::Enter);
    for _ in 0..10 {
        app.update(Action::Ready);
    }
    assert_eq!(app.turn(), 10);
    app
}

fn bench_frame(bencher: Bencher, app: &App) {
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap_or_else(|e| match e {});
    bencher.bench_local(|| {
        terminal
            .draw(|f| frame::draw(app, f))
            .unwrap_or_else(|e| match e {})
            .area
    });
}

#[divan::bench]
fn team_screen_160x48(bencher: Bencher) {
    let app = app_after_ten_turns();
    bench_frame(bencher, &app);
}

#[divan::bench]
fn facilitator_console_160x48(bencher: Bencher) {
    let mut app = app_after_ten_turns();
    app.update(Action::WhiteCell);
    app.update(Action::Yes);
    assert!(app.truth().is_some());
    bench_frame(bencher, &app);
}

/// The replay viewer's model: a 52-turn flagship journal (seed 7, baseline
/// bots) written once to a temporary file.
fn flagship_journal() -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!(
        "undertow-bench-replay-{}.journal",
        std::process::id()
    ));
    let scenario = undertow::scenario::parse_scenario("maritime-route.ron", FLAGSHIP)
        .unwrap_or_else(|e| panic!("{e}"));
    let catalog =
        undertow::scenario::resolve_catalog(&undertow::scenario::default_catalog(), &scenario);
    let mut s = Session::start(
        "maritime-route.ron",
        FLAGSHIP,
        scenario,
        catalog,
        7,
        Some(&path),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    while !s.finished() {
        for t in TeamIx::all(s.setup().teams.len()) {
            let orders = s.bot_orders(t, Policy::Baseline);
            s.set_orders(t, orders);
        }
        s.commit().unwrap_or_else(|e| panic!("{e}"));
    }
    path
}

fn load_timeline(path: &std::path::Path) -> Timeline {
    let j = undertow::journal::read(path).unwrap_or_else(|e| panic!("{e}"));
    Timeline::load("flagship.journal", &j).unwrap_or_else(|e| panic!("{e}"))
}

/// Opening the viewer: read the journal and re-simulate its 52 turns,
/// keeping the state and the report of every turn.
#[divan::bench(sample_count = 20)]
fn replay_load_52(bencher: Bencher) {
    let path = flagship_journal();
    bencher.bench_local(|| load_timeline(&path).last());
    let _ = std::fs::remove_file(&path);
}

/// Moving to another turn (between turns 10 and 45, so every seek changes
/// turn): the truth's view of that turn rebuilt.
#[divan::bench]
fn replay_seek_truth(bencher: Bencher) {
    let path = flagship_journal();
    let mut v = Viewer::new(load_timeline(&path), None, Theme::new(true));
    let _ = std::fs::remove_file(&path);
    v.update(Action::Resize {
        width: 160,
        height: 48,
    });
    let mut flip = false;
    bencher.bench_local(|| {
        flip = !flip;
        v.seek(if flip { 45 } else { 10 });
        v.turn()
    });
}

/// Moving to another turn in a team's perspective: its view and what it did
/// not know rebuilt.
#[divan::bench]
fn replay_seek_team(bencher: Bencher) {
    let path = flagship_journal();
    let mut v = Viewer::new(load_timeline(&path), None, Theme::new(true));
    let _ = std::fs::remove_file(&path);
    v.update(Action::Resize {
        width: 160,
        height: 48,
    });
    v.show_perspective(Perspective::Team(TeamIx(2)));
    let mut flip = false;
    bencher.bench_local(|| {
        flip = !flip;
        v.seek(if flip { 45 } else { 10 });
        v.turn()
    });
}

/// One frame of the viewer at 160×48, turn 26, a team's perspective.
#[divan::bench]
fn replay_frame_160x48(bencher: Bencher) {
    let path = flagship_journal();
    let mut v = Viewer::new(load_timeline(&path), Some(26), Theme::new(true));
    let _ = std::fs::remove_file(&path);
    v.update(Action::Resize {
        width: 160,
        height: 48,
    });
    v.show_perspective(Perspective::Team(TeamIx(2)));
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap_or_else(|e| match e {});
    bencher.bench_local(|| {
        terminal
            .draw(|f| undertow::tui::replay::draw(&v, f))
            .unwrap_or_else(|e| match e {})
            .area
    });
}
