//! Drawing cost of the terminal UI: one frame of the team screen and of the
//! exercise-control console at 160×48, with the flagship scenario after ten
//! turns of baseline bots. Target: at most 2 ms a frame.
//!
//! Run: `cargo bench --bench tui`.

use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use undertow::bots::Policy;
use undertow::session::Session;
use undertow::tui::{Action, App, Seats, Theme, ui};

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
            humans: vec![0],
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
            .draw(|f| ui::draw(app, f))
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
