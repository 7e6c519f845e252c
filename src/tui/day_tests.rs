//! The exercise day at one keyboard, on ratatui's TestBackend at 80×24 (and
//! 160×48 where the larger screen matters): the console's Teams tab, the
//! PIN, pasting, ending a turn with capacity left, lists that say what they
//! hide and filter by name, timing, the objectives and the end screen, and
//! no internal id on a team's screen.

use crossterm::event::KeyCode;

use super::app::Screen;
use super::fixture::{app_over, keys, press, render};
use super::team::{Pane, TeamDialog};
use super::*;
use crate::bots::Policy;
use crate::engine::setup::TeamIx;
use crate::session::{Session, tutorial};

/// The tutorial with one team (Kesh) at the keyboard, on its screen.
fn kesh() -> App {
    let mut app = app_over(tutorial(None), vec![TeamIx(0)]);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen(), Screen::Team);
    app
}

/// A shipped scenario at turn 0.
fn scenario(file: &str, text: &str) -> Session {
    let s = crate::scenario::parse_scenario(file, text).unwrap_or_else(|e| panic!("{e}"));
    let catalog = crate::scenario::resolve_catalog(&crate::scenario::default_catalog(), &s);
    let seed = s.seed;
    Session::start(file, text, s, catalog, seed, None).unwrap_or_else(|e| panic!("{e}"))
}

/// Bots play every seat for `turns` turns.
fn play_bots(s: &mut Session, turns: u32) {
    for _ in 0..turns {
        for t in TeamIx::all(s.setup().teams.len()) {
            let orders = s.bot_orders(t, Policy::Baseline);
            s.set_orders(t, orders);
        }
        s.commit().unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn the_teams_tab_shows_the_tutorials_three_teams_with_their_orders_and_the_ready_count() {
    let mut s = tutorial(None);
    play_bots(&mut s, 2);
    // Every team has three orders queued: the tab must still show them all.
    for t in 0..3 {
        let mut orders = s.bot_orders(TeamIx(t), Policy::Baseline);
        while orders.len() < 3 {
            orders.push(orders[0].clone());
        }
        s.set_orders(TeamIx(t), orders);
    }
    s.set_ready(TeamIx(2), true);
    let mut app = app_over(s, vec![TeamIx(0), TeamIx(1), TeamIx(2)]);
    keys(&mut app, "Fy");
    press(&mut app, KeyCode::Tab);
    let screen = render(&mut app, 80, 24);
    for team in [
        "Kesh Police, Anti-Smuggling Cell",
        "Maluna Police, Marine Unit",
        "Meridia Federal Police",
    ] {
        assert!(screen.contains(team), "{team} is missing:\n{screen}");
    }
    // Turn 3 is dated 19 Oct: a two-digit date, and the ready count still shows.
    assert!(screen.contains("ready 1/3"), "{screen}");
    assert!(
        screen.contains("here") && screen.contains(" seat"),
        "{screen}"
    );
    let orders = screen.matches("      · ").count();
    assert_eq!(orders, 9, "every queued order is listed:\n{screen}");
    insta::assert_snapshot!("console_teams_80x24", screen);
}

#[test]
fn a_larger_exercise_scrolls_the_teams_tab_and_says_so() {
    let text = include_str!("../../scenarios/maritime-route.ron");
    let mut s = scenario("maritime-route.ron", text);
    let teams = s.setup().teams.len();
    // Every seat at this keyboard, two orders each, five teams ready.
    for t in 0..teams {
        let id = s.setup().teams[t].id.clone();
        let analysis = crate::engine::orders::Order {
            team: id,
            action: crate::scenario::ActionKind::Analysis,
            target: crate::engine::orders::Target::Nothing,
            about: None,
            day: None,
        };
        s.set_orders(TeamIx(t), vec![analysis.clone(), analysis]);
        s.set_ready(TeamIx(t), t < 5);
    }
    let mut app = app_over(s, TeamIx::all(teams).collect());
    keys(&mut app, "Fy");
    press(&mut app, KeyCode::Tab);
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("↓ "), "no sign of more teams:\n{screen}");
    assert!(screen.contains("ready 5/9"), "bots are ready:\n{screen}");
    press(&mut app, KeyCode::End);
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains(" of "), "the position shows:\n{screen}");
    // `/` filters the teams by name.
    keys(&mut app, "/meridia");
    press(&mut app, KeyCode::Enter);
    let screen = render(&mut app, 80, 24);
    assert!(!screen.contains("Kesh Police"), "{screen}");
    assert!(screen.contains("/meridia · "), "{screen}");
}

#[test]
fn exercise_control_asks_for_its_pin_when_play_has_one() {
    let mut app = app_over(tutorial(None), vec![TeamIx(0), TeamIx(1), TeamIx(2)])
        .with_console_pin(Some("4711".into()));
    keys(&mut app, "F");
    assert_eq!(app.pin_entry(), Some(""));
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("PIN"), "{screen}");
    // A wrong PIN (a pasted one too) leaves it closed.
    app.paste("4712");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen(), Screen::Briefing);
    assert!(app.status().is_some_and(|s| s.contains("Wrong PIN")));
    keys(&mut app, "F4711");
    let screen = render(&mut app, 80, 24);
    assert!(
        screen.contains("> ••••") && !screen.contains("4711"),
        "{screen}"
    );
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen(), Screen::WhiteCell);
}

#[test]
fn a_paste_goes_whole_into_the_message_box_and_nowhere_else() {
    let mut app = kesh();
    // On the team screen a paste is nothing: no `r`, no turn played.
    app.paste("recheck your files\nr");
    assert_eq!(app.turn(), 0);
    assert!(!app.is_ready(TeamIx(0)));
    // In the liaison box it is text, whole, its line break a space.
    keys(&mut app, "m");
    press(&mut app, KeyCode::Enter);
    app.paste("recheck your files\nready?");
    let Some(TeamDialog::Liaison(d)) = app.team_dialog() else {
        panic!("no message box: {:?}", app.team_dialog());
    };
    assert_eq!(d.text, "recheck your files ready?");
    assert_eq!(app.turn(), 0);
}

#[test]
fn ready_with_capacity_left_asks_first_and_no_keeps_the_turn_open() {
    let mut app = kesh();
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "r");
    let screen = render(&mut app, 80, 24);
    assert!(
        screen.contains("3 of 4 points unused: end the turn? (y/n)"),
        "{screen}"
    );
    keys(&mut app, "n");
    assert_eq!(app.turn(), 0);
    assert!(!app.is_ready(TeamIx(0)));
    keys(&mut app, "ry");
    assert_eq!(app.turn(), 1);
}

#[test]
fn every_list_says_what_it_hides_pages_without_skipping_and_filters_by_name() {
    let mut app = kesh();
    let screen = render(&mut app, 80, 24);
    // Ten actions, eight rows.
    assert!(screen.contains("↓ 2 more"), "{screen}");
    let rows = ui::team::pane_rows(app.size(), Pane::Actions);
    assert_eq!(rows, 8);
    press(&mut app, KeyCode::PageDown);
    assert_eq!(app.team_panes().action, rows, "a page is the rows shown");
    press(&mut app, KeyCode::End);
    assert_eq!(app.team_panes().action, 9);
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("3–10 of 10"), "{screen}");
    press(&mut app, KeyCode::Home);
    assert_eq!(app.team_panes().action, 0);
    // `/` filters the actions by name; the selection follows the match.
    keys(&mut app, "/refer");
    assert_eq!(app.team_panes().action, 7);
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("/refer▏ · 1 of 10"), "{screen}");
    assert!(!screen.contains("Intelligence analysis"), "{screen}");
    // While the filter is typed, letters are text, not keys: `r` did not
    // end the turn.
    assert_eq!(app.turn(), 0);
    press(&mut app, KeyCode::Esc);
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("Intelligence analysis"), "{screen}");
}

#[test]
fn the_help_wraps_and_scrolls_with_a_sign_of_more() {
    let mut app = kesh();
    keys(&mut app, "?");
    let screen = render(&mut app, 80, 24);
    assert!(
        !screen.contains("(by pa…"),
        "help lines are not cut:\n{screen}"
    );
    assert!(
        screen.contains("(by") && screen.contains("pane)"),
        "{screen}"
    );
    assert!(screen.contains("more"), "{screen}");
    press(&mut app, KeyCode::End);
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("T9! after the last turn"), "{screen}");
    press(&mut app, KeyCode::Up);
    assert!(matches!(app.overlay(), Some(Overlay::Help { scroll }) if scroll > 0));
}

#[test]
fn an_order_says_when_it_reports_and_warns_when_it_cannot_finish() {
    let mut s = tutorial(None);
    play_bots(&mut s, 6);
    let mut app = app_over(s, vec![TeamIx(0)]);
    press(&mut app, KeyCode::Enter);
    let screen = render(&mut app, 80, 24);
    // Turn 7 of 8: financial investigation (3 turns) would report after turn 10.
    assert!(screen.contains("T10!"), "{screen}");
    let fin = app
        .team_view()
        .and_then(|v| v.actions.iter().position(|a| a.duration == 3))
        .unwrap_or_else(|| panic!("no three-turn action"));
    for _ in 0..fin {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    let screen = render(&mut app, 80, 24);
    assert!(
        screen.contains("it cannot finish: it would report after turn 10"),
        "{screen}"
    );
}

#[test]
fn the_objectives_box_rates_the_objectives_as_the_report_will() {
    let mut app = kesh();
    keys(&mut app, "ry");
    keys(&mut app, "o");
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("Objectives · after turn 1"), "{screen}");
    assert!(screen.contains("open: arrested after turn 1"), "{screen}");
    assert!(screen.contains("Scores so far"), "{screen}");
}

#[test]
fn the_end_screen_rates_the_objectives_and_gives_the_debrief_commands() {
    let dir = std::env::temp_dir().join(format!("undertow-day-end-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let journal = dir.join("end game.journal");
    let mut s = tutorial(Some(&journal));
    play_bots(&mut s, 7);
    let mut app = app_over(s, vec![TeamIx(0)]);
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "ry");
    assert_eq!(app.screen(), Screen::Finished);
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("The exercise is over"), "{screen}");
    assert!(screen.contains("8 of 8 turns played"), "{screen}");
    assert!(screen.contains("met: arrested after turn 8"), "{screen}");
    assert!(!screen.contains("r ready"), "{screen}");
    let screen = render(&mut app, 160, 48);
    // The commands work as printed: the path is quoted for the shell.
    let quoted = crate::tui::text::shell_word(&journal.display().to_string());
    assert!(
        screen.contains(&format!("undertow report {quoted} --format md -o aar.md")),
        "{screen}"
    );
    assert!(screen.contains("Scores: disruption"), "{screen}");
    // Looking back: the team's screen, without readiness to offer.
    press(&mut app, KeyCode::Enter);
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("exercise over"), "{screen}");
    assert!(!screen.contains("r ready"), "{screen}");
    drop(app);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_white_cell_message_reaches_the_team_screen_at_once() {
    let mut app = kesh();
    keys(&mut app, "Fyt");
    press(&mut app, KeyCode::Enter);
    app.paste("fifteen minutes left");
    press(&mut app, KeyCode::Enter);
    assert!(
        app.status()
            .is_some_and(|s| s.contains("delivered to every team now"))
    );
    press(&mut app, KeyCode::Esc);
    let screen = render(&mut app, 80, 24);
    assert!(
        screen.contains("now  ! WHITE CELL fifteen minutes left"),
        "{screen}"
    );
    // Played, it is in the turn's messages, once.
    keys(&mut app, "ry");
    let screen = render(&mut app, 80, 24);
    assert_eq!(
        screen.matches("fifteen minutes left").count(),
        1,
        "{screen}"
    );
    assert!(screen.contains("T1   ! WHITE CELL"), "{screen}");
}

/// Whether `id` stands as a word of its own in `text`.
fn has_word(text: &str, id: &str) -> bool {
    let word = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(id).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + id.len()..].chars().next();
        !before.is_some_and(word) && !after.is_some_and(word)
    })
}

#[test]
fn no_screen_of_a_team_prints_a_group_id_or_the_id_of_a_person_it_has_not_identified() {
    let text = include_str!("../../scenarios/maritime-route.ron");
    let mut s = scenario("maritime-route.ron", text);
    play_bots(&mut s, 24);
    let team = s
        .setup()
        .team("maluna_police")
        .unwrap_or_else(|| panic!("no Maluna"));
    let view = s.view(team);
    assert!(!view.groups.is_empty(), "Maluna has met no group: no test");
    let groups: Vec<String> = s.snapshot().groups.iter().map(|g| g.id.clone()).collect();
    let identified: Vec<&str> = view
        .persons
        .iter()
        .filter(|p| p.identified)
        .map(|p| p.reference.as_str())
        .collect();
    let hidden: Vec<String> = s
        .setup()
        .actors
        .iter()
        .map(|a| a.id.clone())
        .filter(|id| !identified.contains(&id.as_str()))
        .collect();
    let mut app = app_over(s, vec![team]);
    press(&mut app, KeyCode::Enter);
    let mut screens = Vec::new();
    let mut look = |app: &mut App| {
        for (w, h) in [(80, 24), (160, 48)] {
            screens.push(render(app, w, h));
        }
    };
    look(&mut app);
    // Every tab of the picture, and the details of its first entries.
    for tab in ['2', '3', '4', '5'] {
        keys(&mut app, &tab.to_string());
        for _ in 0..4 {
            look(&mut app);
            press(&mut app, KeyCode::Enter);
            look(&mut app);
            press(&mut app, KeyCode::Esc);
            press(&mut app, KeyCode::Down);
        }
    }
    // Every action's order box, with its targets.
    keys(&mut app, "1");
    press(&mut app, KeyCode::Tab);
    let actions = app.team_view().map_or(0, |v| v.actions.len());
    for _ in 0..actions {
        press(&mut app, KeyCode::Enter);
        look(&mut app);
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Down);
    }
    // The messages, page by page.
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter);
    for _ in 0..40 {
        look(&mut app);
        press(&mut app, KeyCode::PageDown);
    }
    press(&mut app, KeyCode::Esc);
    keys(&mut app, "o");
    look(&mut app);
    assert!(screens.len() > 100);
    for screen in &screens {
        for g in &groups {
            assert!(!screen.contains(g.as_str()), "group id {g} on:\n{screen}");
        }
        for a in &hidden {
            assert!(!has_word(screen, a), "actor id {a} on:\n{screen}");
        }
    }
}

#[test]
fn a_rescue_on_station_before_the_same_turns_mayday_is_explained() {
    use crate::engine::events::{Event, Told};
    use crate::engine::knowledge::MessageKind;
    use crate::view::MessageView;
    let s = tutorial(None);
    let mut v = s.view(TeamIx(1));
    let msg = |turn, kind, event: Event<Told>| MessageView {
        turn,
        kind,
        text: "words".into(),
        event: Some(event),
    };
    v.messages = vec![
        msg(
            4,
            MessageKind::Inject,
            Event::Inject {
                inject: "mayday".into(),
                extra: String::new(),
                distress: vec!["night_crossing".into()],
            },
        ),
        msg(
            4,
            MessageKind::Outcome,
            Event::RescueOnStation {
                route: "night_crossing".into(),
            },
        ),
        msg(
            2,
            MessageKind::Outcome,
            Event::RescueOnStation {
                route: "night_crossing".into(),
            },
        ),
    ];
    let log = ui::team::messages(&v, &[]);
    let why: Vec<&str> = log
        .iter()
        .filter(|m| m.symbol == "↳")
        .map(|m| m.text.as_str())
        .collect();
    assert_eq!(why.len(), 2, "{log:?}");
    assert!(
        why[0].starts_with("Not a failure: the distress call on the")
            && why[0].contains("came at the end of turn 4"),
        "{}",
        why[0]
    );
    assert!(
        why[1].contains("needs a rescue ordered the turn after"),
        "{}",
        why[1]
    );
}

/// At 80×24 every team of every shipped scenario sees whose seat it is: a
/// long agency name is cut short in the header, never dropped.
#[test]
fn every_team_of_every_shipped_scenario_sees_its_name_at_80x24() {
    let shipped = [
        ("tutorial.ron", include_str!("../../scenarios/tutorial.ron")),
        (
            "maritime-route.ron",
            include_str!("../../scenarios/maritime-route.ron"),
        ),
        (
            "air-corridor.ron",
            include_str!("../../scenarios/air-corridor.ron"),
        ),
        (
            "scam-compound.ron",
            include_str!("../../scenarios/scam-compound.ron"),
        ),
    ];
    for (file, text) in shipped {
        let teams = scenario(file, text).setup().teams.clone();
        for (t, team) in teams.iter().enumerate() {
            let mut app = app_over(scenario(file, text), vec![TeamIx(t)]);
            press(&mut app, KeyCode::Enter);
            assert_eq!(app.screen(), Screen::Team, "{file}");
            let screen = render(&mut app, 80, 24);
            let header = screen.lines().next().unwrap_or_default();
            let first_word = team.name.split([' ', ',']).next().unwrap_or_default();
            assert!(
                header.contains(first_word) && header.contains("Turn 1/"),
                "{file}, {}: {header}",
                team.id
            );
        }
    }
}
