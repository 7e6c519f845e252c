//! Tests of the viewer's `update` and snapshots of its screens, on ratatui's
//! TestBackend, over a fixed journal: the flagship scenario, seed 7, baseline
//! bots, 52 turns, with two evaluator notes.

use std::collections::VecDeque;
use std::sync::OnceLock;
use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::*;
use crate::bots::Policy;
use crate::session::Session;
use crate::tui::{ScriptedEvents, StoppedClock, run_loop};

const FLAGSHIP: &str = include_str!("../../../scenarios/maritime-route.ron");

/// The fixed journal's bytes, written once per test run.
fn journal_bytes() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| play("maritime-route.ron", FLAGSHIP, 7, 52))
}

/// A journal of `turns` turns of baseline bots, with notes after turns 26 and 52.
fn play(name: &str, text: &str, seed: u64, turns: u32) -> Vec<u8> {
    play_as(name, text, seed, turns, None)
}

/// The same, with cooperative bots from turn `cooperate`, if given.
fn play_as(name: &str, text: &str, seed: u64, turns: u32, cooperate: Option<u32>) -> Vec<u8> {
    // Tests play runs of the same scenario on parallel threads: each needs
    // a journal file of its own, or one run writes into another's.
    static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let run = RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path = std::env::temp_dir().join(format!(
        "undertow-replay-test-{}-{run}-{name}.journal",
        std::process::id()
    ));
    let scenario = crate::scenario::parse_scenario(name, text).unwrap_or_else(|e| panic!("{e}"));
    let catalog = crate::scenario::resolve_catalog(&crate::scenario::default_catalog(), &scenario);
    let objective = scenario.objectives.first().map(|o| o.id.clone());
    let mut s = Session::start(name, text, scenario, catalog, seed, Some(&path))
        .unwrap_or_else(|e| panic!("{e}"));
    while s.turn() < turns && !s.finished() {
        let policy = match cooperate {
            Some(from) if s.turn() + 1 >= from => Policy::Cooperative,
            _ => Policy::Baseline,
        };
        for t in TeamIx::all(s.setup().teams.len()) {
            let orders = s.bot_orders(t, policy);
            s.set_orders(t, orders);
        }
        s.commit().unwrap_or_else(|e| panic!("{e}"));
        match s.turn() {
            26 => s
                .note(
                    "Maluna coast guard and police still work apart: no joint patrol yet.",
                    objective.clone(),
                )
                .unwrap_or_else(|e| panic!("{e}")),
            52 => s
                .note("Debrief: ask why no organiser was convicted.", None)
                .unwrap_or_else(|e| panic!("{e}")),
            _ => {}
        }
    }
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{e}"));
    let _ = std::fs::remove_file(&path);
    bytes
}

fn load(name: &str, bytes: &[u8]) -> Timeline {
    let j = crate::journal::parse(name, bytes).unwrap_or_else(|e| panic!("{e}"));
    Timeline::load(name, &j).unwrap_or_else(|e| panic!("{e}"))
}

fn timeline() -> Timeline {
    load("f.journal", journal_bytes())
}

fn viewer(turn: Option<u32>) -> Viewer {
    Viewer::new(timeline(), turn, Theme::new(false))
}

fn press(v: &mut Viewer, code: KeyCode) {
    let ev = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    if let Some(a) = v.action_for(&ev) {
        v.update(a);
    }
}

fn keys(v: &mut Viewer, text: &str) {
    for c in text.chars() {
        press(v, KeyCode::Char(c));
    }
}

fn render(v: &mut Viewer, w: u16, h: u16) -> String {
    v.update(Action::Resize {
        width: w,
        height: h,
    });
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap_or_else(|e| match e {});
    t.draw(|f| draw(v, f)).unwrap_or_else(|e| match e {});
    t.backend().to_string()
}

#[test]
fn the_journal_loads_every_turn() {
    let t = timeline();
    assert_eq!(t.last(), 52);
    assert_eq!(t.turns, 52);
    assert_eq!(t.report(26).turn, 26);
    assert_eq!(t.notes(26).count(), 1);
    assert_eq!(t.noted_turns(), vec![26, 52]);
    assert_eq!(t.series("arrested", None, 26).len(), 26);
}

#[test]
fn stepping_and_jumping_stay_inside_the_run() {
    let mut v = viewer(None);
    assert_eq!(v.turn(), 1);
    press(&mut v, KeyCode::Left);
    assert_eq!(v.turn(), 1);
    assert!(v.status().is_some_and(|s| s.contains("first")));
    press(&mut v, KeyCode::Right);
    keys(&mut v, "l");
    assert_eq!(v.turn(), 3);
    keys(&mut v, "h");
    assert_eq!(v.turn(), 2);
    press(&mut v, KeyCode::End);
    assert_eq!(v.turn(), 52);
    press(&mut v, KeyCode::Right);
    assert_eq!(v.turn(), 52);
    press(&mut v, KeyCode::Home);
    assert_eq!(v.turn(), 1);
}

#[test]
fn g_then_digits_and_enter_go_to_a_turn() {
    let mut v = viewer(None);
    keys(&mut v, "g26");
    // q and ? keep their meaning; other letters are not typed.
    keys(&mut v, "x");
    press(&mut v, KeyCode::Enter);
    assert_eq!(v.turn(), 26);
    keys(&mut v, "g99");
    press(&mut v, KeyCode::Enter);
    assert_eq!(v.turn(), 52);
    assert!(v.status().is_some_and(|s| s.contains("turns 1 to 52")));
    keys(&mut v, "g4");
    press(&mut v, KeyCode::Esc);
    assert_eq!(v.turn(), 52);
    keys(&mut v, "g");
    press(&mut v, KeyCode::Enter);
    assert_eq!(v.turn(), 52, "an empty box goes nowhere");
    press(&mut v, KeyCode::Esc);
}

#[test]
fn a_turn_past_the_end_is_clamped_and_said() {
    let v = viewer(Some(80));
    assert_eq!(v.turn(), 52);
    assert!(v.status().is_some_and(|s| s.contains("past the end")));
    let v = viewer(Some(0));
    assert_eq!(v.turn(), 1);
}

#[test]
fn p_and_tab_cycle_the_perspectives() {
    let mut v = viewer(Some(10));
    assert_eq!(v.perspective(), Perspective::Truth);
    assert!(v.truth.is_some() && v.team.is_none());
    keys(&mut v, "p");
    assert_eq!(v.perspective(), Perspective::Team(TeamIx(0)));
    assert!(v.team.is_some() && v.gap.is_some() && v.truth.is_none());
    press(&mut v, KeyCode::Tab);
    assert_eq!(v.perspective(), Perspective::Team(TeamIx(1)));
    press(&mut v, KeyCode::BackTab);
    keys(&mut v, "P");
    assert_eq!(v.perspective(), Perspective::Truth);
    keys(&mut v, "P");
    assert_eq!(
        v.perspective(),
        Perspective::Team(TeamIx(8)),
        "back from the truth is the last team"
    );
    // The turn stays where it was.
    assert_eq!(v.turn(), 10);
}

#[test]
fn space_plays_at_the_chosen_speed_on_the_clock() {
    let mut v = viewer(Some(50));
    keys(&mut v, " ");
    assert!(v.playing());
    v.update(Action::Tick(Duration::from_millis(999)));
    assert_eq!(v.turn(), 50);
    v.update(Action::Tick(Duration::from_millis(1)));
    assert_eq!(v.turn(), 51);
    keys(&mut v, "+");
    v.update(Action::Tick(Duration::from_millis(500)));
    assert_eq!(v.turn(), 52);
    assert!(!v.playing(), "playing stops at the end");
    // Playing again from the end starts over.
    keys(&mut v, " ");
    assert_eq!(v.turn(), 1);
    keys(&mut v, "-");
    keys(&mut v, "-");
    v.update(Action::Tick(Duration::from_secs(2)));
    assert_eq!(v.turn(), 2);
    keys(&mut v, " ");
    v.update(Action::Tick(Duration::from_secs(60)));
    assert_eq!(v.turn(), 2, "paused");
}

#[test]
fn help_lists_the_keys_and_quit_asks_first() {
    let mut v = viewer(None);
    keys(&mut v, "?");
    assert!(matches!(v.overlay(), Some(Overlay::Help { .. })));
    let s = render(&mut v, 80, 24);
    assert!(s.contains("Help") && s.contains("next view") && s.contains("go to"));
    press(&mut v, KeyCode::Esc);
    assert!(v.overlay().is_none());
    keys(&mut v, "q");
    assert!(render(&mut v, 80, 24).contains("Quit? (y/n)"));
    keys(&mut v, "n");
    assert!(v.overlay().is_none() && !v.should_quit());
    keys(&mut v, "q");
    press(&mut v, KeyCode::Esc);
    assert!(!v.should_quit());
    keys(&mut v, "qy");
    assert!(v.should_quit());
}

#[test]
fn a_click_on_the_seek_bar_seeks_and_on_a_name_switches() {
    let mut v = viewer(None);
    render(&mut v, 100, 30);
    let l = layout(v.size, v.perspective);
    // The far end of the bar is the last turn.
    let (x, w) = draw::seek_track(&v, l.seek);
    v.update(Action::Click {
        col: x + w - 1,
        row: l.seek.y,
    });
    assert_eq!(v.turn(), 52);
    v.update(Action::Click {
        col: x,
        row: l.seek.y,
    });
    assert_eq!(v.turn(), 1);
    let s = render(&mut v, 100, 30);
    let row: Vec<&str> = s.lines().collect();
    let line = row[usize::from(l.perspectives.y)];
    let col = line
        .find("Maluna Police")
        .map(|i| line[..i].chars().count());
    let col = col.unwrap_or_else(|| panic!("no Maluna Police in {line}")) as u16;
    v.update(Action::Click {
        col: col + 1,
        row: l.perspectives.y,
    });
    assert!(matches!(v.perspective(), Perspective::Team(_)));
}

#[test]
fn the_loop_runs_on_a_test_backend_until_quit() {
    let mut v = viewer(None);
    let key = |c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    let mut events = ScriptedEvents(VecDeque::from(vec![
        key('l'),
        key('p'),
        key('q'),
        key('y'),
        key('l'),
    ]));
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap_or_else(|e| match e {});
    run_loop(&mut t, &mut v, &mut events, &mut StoppedClock).unwrap_or_else(|e| panic!("{e}"));
    assert!(v.should_quit());
    assert_eq!(v.turn(), 2, "nothing after the quit is read");
}

#[test]
fn every_turn_and_perspective_draws_at_any_size_without_panic() {
    let mut v = viewer(None);
    for (w, h) in [(80, 24), (120, 40), (160, 48), (40, 12), (20, 6), (200, 60)] {
        for turn in [1, 2, 26, 51, 52] {
            v.seek(turn);
            for _ in 0..10 {
                render(&mut v, w, h);
                keys(&mut v, "p");
            }
        }
    }
    keys(&mut v, "?");
    render(&mut v, 20, 6);
}

#[test]
fn a_damaged_tail_is_shown_up_to_the_damage() {
    let mut bytes = journal_bytes().to_vec();
    // Cut the last record in half.
    let cut = bytes.len() - 40;
    bytes.truncate(cut);
    let j = crate::journal::parse("torn.journal", &bytes).unwrap_or_else(|e| panic!("{e}"));
    let t = Timeline::load("torn.journal", &j).unwrap_or_else(|e| panic!("{e}"));
    assert!(t.warning.as_deref().is_some_and(|w| w.contains("torn")));
    let v = Viewer::new(t, None, Theme::new(false));
    assert!(v.status().is_some_and(|s| s.contains("readable part")));
}

#[test]
fn a_changed_turn_is_refused_with_its_number() {
    let j = crate::journal::parse("f.journal", journal_bytes()).unwrap_or_else(|e| panic!("{e}"));
    // A recorded hash changed (and its checksum with it): the run no longer replays.
    let mut text = crate::journal::encode(&crate::journal::Record::Header(j.header.clone()))
        .unwrap_or_default();
    for r in j.records() {
        let mut r = r.unwrap_or_else(|e| panic!("{e}"));
        if let crate::journal::Record::Turn(t) = &mut r
            && t.turn == 3
        {
            t.state_hash = "0".repeat(64);
        }
        text.push_str(&crate::journal::encode(&r).unwrap_or_default());
    }
    let j2 = crate::journal::parse("f.journal", text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let err = Timeline::load("f.journal", &j2)
        .err()
        .map(|e| e.to_string());
    assert!(
        err.as_deref()
            .is_some_and(|e| e.contains("turn 3") && e.contains("--verify")),
        "{err:?}"
    );
}

#[test]
fn a_run_against_itself_is_identical_and_against_another_parts_at_once() {
    let v = viewer(Some(10))
        .against(timeline())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v.divergence, None);
    assert!(v.compare);
    let s = render(&mut { v }, 80, 24);
    assert!(s.contains("The runs are identical"), "{s}");
    // Another seed: the first turn already differs, and the other run is shorter.
    let other = load("g.journal", &play("maritime-route-c.ron", FLAGSHIP, 8, 5));
    let mut v = viewer(Some(3))
        .against(other)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v.divergence, Some(1));
    let s = render(&mut v, 100, 30);
    assert!(s.contains("the state after this turn differs"), "{s}");
    assert!(s.contains("A › ") || s.contains("→"), "{s}");
    v.seek(20);
    assert!(render(&mut v, 100, 30).contains("B ends at turn 5"));
    // d hides the comparison and shows the turn again.
    keys(&mut v, "d");
    assert!(render(&mut v, 100, 30).contains("orders, outcomes"));
    // Without a second run, d says how to get one.
    let mut v = viewer(None);
    keys(&mut v, "d");
    assert!(v.status().is_some_and(|s| s.contains("--against")));
}

#[test]
fn runs_of_different_scenarios_are_not_compared() {
    const TUTORIAL: &str = include_str!("../../../scenarios/tutorial.ron");
    let other = load("t.journal", &play("tutorial.ron", TUTORIAL, 1, 2));
    let err = viewer(None).against(other).err();
    assert_eq!(
        err.as_ref().map(ToString::to_string).as_deref(),
        Some(
            "f.journal and t.journal are runs of different scenarios: there is nothing to compare"
        )
    );
    assert_eq!(
        err,
        Some(CompareError::DifferentScenarios {
            shown: "f.journal".into(),
            other: "t.journal".into(),
        })
    );
}

mod snapshots {
    use super::*;

    fn snap(name: &str, v: &mut Viewer) {
        for (w, h) in [(80, 24), (160, 48)] {
            let screen = render(v, w, h);
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen);
        }
    }

    #[test]
    fn turn_1_truth() {
        snap("replay_turn_1_truth", &mut viewer(Some(1)));
    }

    #[test]
    fn turn_26_team() {
        let mut v = viewer(Some(26));
        // Maluna Police, the third team.
        keys(&mut v, "ppp");
        snap("replay_turn_26_team", &mut v);
    }

    #[test]
    fn turn_26_truth() {
        snap("replay_turn_26_truth", &mut viewer(Some(26)));
    }

    #[test]
    fn turn_52_team() {
        let mut v = viewer(Some(52));
        keys(&mut v, "p");
        snap("replay_turn_52_team", &mut v);
    }

    #[test]
    fn turn_52_truth() {
        snap("replay_turn_52_truth", &mut viewer(Some(52)));
    }

    #[test]
    fn help() {
        let mut v = viewer(Some(26));
        keys(&mut v, "?");
        snap("replay_help", &mut v);
    }

    #[test]
    fn against_another_run() {
        // The same run, with cooperative bots from turn 20.
        let other = load(
            "g.journal",
            &play_as("maritime-route-b.ron", FLAGSHIP, 7, 30, Some(20)),
        );
        let mut v = viewer(Some(26))
            .against(other)
            .unwrap_or_else(|e| panic!("{e}"));
        snap("replay_against", &mut v);
    }

    #[test]
    fn go_to_box() {
        let mut v = viewer(Some(26));
        keys(&mut v, "g4");
        snap("replay_go_to", &mut v);
    }
}
