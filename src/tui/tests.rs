//! Tests of `update` and snapshots of every screen, on ratatui's TestBackend
//! with the tutorial scenario and its fixed seed.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::app::Screen;
use super::console::ConsoleDialog;
use super::fixture::{TempDir, app_over, keys, press, render};
use super::team::{OrderStep, Pane, TeamDialog};
use super::*;
use crate::session::Session;

use crate::engine::setup::TeamIx;
use crate::session::tutorial as session;

/// The whole session behind an app at one keyboard.
fn local(app: &App) -> &Session {
    app.session()
        .unwrap_or_else(|| panic!("the session is not at this keyboard"))
}

fn hot_seat() -> App {
    app_over(session(None), vec![TeamIx(0), TeamIx(1), TeamIx(2)])
}

fn one_team() -> App {
    app_over(session(None), vec![TeamIx(0)])
}

fn enter(app: &mut App) {
    press(app, KeyCode::Enter);
}

/// `r`, and yes when asked about the capacity left unused.
fn ready(app: &mut App) {
    keys(app, "r");
    if matches!(app.team_dialog(), Some(TeamDialog::ConfirmReady { .. })) {
        keys(app, "y");
    }
}

/// From the start of a hot-seat game to the first team's screen.
fn seat_first_team(app: &mut App) {
    enter(app); // briefing
    enter(app); // hand-over
    enter(app); // own brief
    assert_eq!(app.screen(), Screen::Team);
}

/// Queue the first action (analysis, no target) for the seated team.
fn queue_analysis(app: &mut App) {
    assert_eq!(app.team_panes().pane(), Pane::Actions);
    enter(app);
    assert!(matches!(app.team_dialog(), Some(TeamDialog::Order(_))));
    enter(app);
    assert!(!app.dialog_open());
}

/// Play `turns` turns in hot-seat: Kesh queues analysis and surveillance.
fn play_turns(app: &mut App, turns: u32) {
    seat_first_team(app);
    for _ in 0..turns {
        queue_analysis(app);
        press(app, KeyCode::Down);
        enter(app);
        enter(app);
        ready(app);
        for _ in 1..3 {
            assert_eq!(app.screen(), Screen::Handover);
            enter(app);
            if app.screen() == Screen::TeamBrief {
                enter(app);
            }
            ready(app);
        }
        assert_eq!(app.screen(), Screen::Handover);
        enter(app);
        if app.screen() == Screen::TeamBrief {
            enter(app);
        }
    }
}

#[test]
fn enter_passes_the_briefing_and_the_hand_over() {
    let mut app = hot_seat();
    assert_eq!(app.screen(), Screen::Briefing);
    enter(&mut app);
    assert_eq!(app.screen(), Screen::Handover);
    enter(&mut app);
    assert_eq!(app.screen(), Screen::TeamBrief);
    enter(&mut app);
    assert_eq!(app.screen(), Screen::Team);
    assert_eq!(app.team(), Some(TeamIx(0)));
}

#[test]
fn one_team_goes_from_briefing_to_its_screen() {
    let mut app = one_team();
    enter(&mut app);
    assert_eq!(app.screen(), Screen::Team);
}

#[test]
fn help_opens_and_closes() {
    let mut app = hot_seat();
    seat_first_team(&mut app);
    keys(&mut app, "?");
    assert!(matches!(app.overlay(), Some(Overlay::Help { .. })));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay(), None);
    keys(&mut app, "??");
    assert_eq!(app.overlay(), None);
}

#[test]
fn quit_asks_first_and_n_or_esc_go_back() {
    let mut app = hot_seat();
    seat_first_team(&mut app);
    keys(&mut app, "q");
    assert_eq!(app.overlay(), Some(Overlay::Quit));
    keys(&mut app, "n");
    assert_eq!(app.overlay(), None);
    assert!(!app.should_quit());
    keys(&mut app, "q");
    press(&mut app, KeyCode::Esc);
    assert!(!app.should_quit());
    assert_eq!(app.screen(), Screen::Team);
    keys(&mut app, "qy");
    assert!(app.should_quit());
}

#[test]
fn ctrl_c_asks_too() {
    let app = hot_seat();
    let ev = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    let a = app.action_for(&ev);
    assert_eq!(a, Some(Action::Quit));
}

#[test]
fn an_order_is_queued_and_can_be_removed() {
    let mut app = hot_seat();
    seat_first_team(&mut app);
    queue_analysis(&mut app);
    assert_eq!(local(&app).queued(TeamIx(0)).len(), 1);
    let left = app.team_view().map(|v| v.team.capacity_left);
    assert_eq!(left, Some(3));
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.team_panes().pane(), Pane::Queued);
    keys(&mut app, "d");
    assert!(local(&app).queued(TeamIx(0)).is_empty());
}

#[test]
fn a_blocked_target_is_not_queued() {
    let mut app = hot_seat();
    seat_first_team(&mut app);
    // Arrest needs evidence 3; Jamal has 1.
    let arrest = app
        .team_view()
        .and_then(|v| v.actions.iter().position(|a| a.name == "Arrest"))
        .unwrap_or_else(|| panic!("no arrest action"));
    for _ in 0..arrest {
        press(&mut app, KeyCode::Down);
    }
    enter(&mut app);
    enter(&mut app);
    assert!(local(&app).queued(TeamIx(0)).is_empty());
    assert!(app.status().is_some_and(|s| s.contains("evidence")));
}

#[test]
fn sharing_asks_which_person_it_is_about() {
    let mut app = hot_seat();
    seat_first_team(&mut app);
    let share = app
        .team_view()
        .and_then(|v| v.actions.iter().position(|a| a.needs_about))
        .unwrap_or_else(|| panic!("no sharing action"));
    for _ in 0..share {
        press(&mut app, KeyCode::Down);
    }
    enter(&mut app);
    enter(&mut app);
    match app.team_dialog() {
        Some(TeamDialog::Order(d)) => assert_eq!(d.step, OrderStep::About),
        other => panic!("expected the second question, got {other:?}"),
    }
    enter(&mut app);
    let q = local(&app).queued(TeamIx(0));
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].about.as_deref(), Some("jamal"));
}

#[test]
fn a_joint_action_day_asks_on_which_turn_from_the_notice_to_the_last() {
    // The tutorial's police do not plan action days; the flagship's do.
    let text = include_str!("../../scenarios/maritime-route.ron");
    let scenario = crate::scenario::parse_scenario("maritime-route.ron", text)
        .unwrap_or_else(|e| panic!("{e}"));
    let catalog = crate::scenario::resolve_catalog(&crate::scenario::default_catalog(), &scenario);
    let flagship = Session::start("maritime-route.ron", text, scenario, catalog, 1, None)
        .unwrap_or_else(|e| panic!("{e}"));
    let mut app = app_over(flagship, vec![TeamIx(0)]);
    enter(&mut app);
    assert_eq!(app.screen(), Screen::Team);
    let (propose, turn, turns) = app
        .team_view()
        .map(|v| {
            let i = v
                .actions
                .iter()
                .position(|a| a.kind == crate::scenario::ActionKind::ActionDayProposal);
            (i, v.turn, v.turns)
        })
        .unwrap_or_else(|| panic!("no view"));
    let propose = propose.unwrap_or_else(|| panic!("no joint action day"));
    for _ in 0..propose {
        press(&mut app, KeyCode::Down);
    }
    enter(&mut app);
    enter(&mut app);
    match app.team_dialog() {
        Some(TeamDialog::Order(d)) => {
            assert_eq!(d.step, OrderStep::Day);
            let first = turn + crate::engine::systems::cooperation::ACTION_DAY_NOTICE;
            let days: Vec<&str> = d.candidates.iter().map(|c| c.id.as_str()).collect();
            let expected: Vec<String> = (first..=turns).map(|t| t.to_string()).collect();
            assert_eq!(days, expected);
        }
        other => panic!("expected the turn, got {other:?}"),
    }
    press(&mut app, KeyCode::Down);
    enter(&mut app);
    let q = local(&app).queued(TeamIx(0));
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].day, Some(turn + 3));
    assert!(matches!(
        q[0].target,
        crate::engine::orders::Target::Team(_)
    ));
}

#[test]
fn ready_hands_over_and_the_last_ready_plays_the_turn() {
    let mut app = hot_seat();
    seat_first_team(&mut app);
    ready(&mut app);
    assert_eq!(app.screen(), Screen::Handover);
    assert_eq!(app.team(), Some(TeamIx(1)));
    // Nothing of the previous team survives on the card.
    assert!(app.team_view().is_none());
    assert!(app.status().is_none());
    enter(&mut app);
    enter(&mut app);
    ready(&mut app);
    enter(&mut app);
    enter(&mut app);
    assert_eq!(local(&app).turn(), 0);
    ready(&mut app);
    assert_eq!(local(&app).turn(), 1);
    assert_eq!(app.screen(), Screen::Handover);
    assert_eq!(app.team(), Some(TeamIx(0)));
}

#[test]
fn with_one_team_ready_plays_the_turn_at_once() {
    let mut app = one_team();
    enter(&mut app);
    ready(&mut app);
    assert_eq!(local(&app).turn(), 1);
    assert_eq!(app.screen(), Screen::Team);
    // The bots ordered for the next turn already.
    assert!(local(&app).is_ready(TeamIx(1)) && local(&app).is_ready(TeamIx(2)));
}

#[test]
fn an_outcome_reaches_the_log() {
    let mut app = hot_seat();
    play_turns(&mut app, 2);
    let v = app.team_view().unwrap_or_else(|| panic!("no view"));
    assert_eq!(v.turn, 3);
    assert!(v.messages.iter().any(|m| m.turn == 2));
}

#[test]
fn exercise_control_sits_behind_a_confirmation() {
    let mut app = hot_seat();
    seat_first_team(&mut app);
    keys(&mut app, "F");
    assert!(app.confirming_console());
    keys(&mut app, "n");
    assert_eq!(app.screen(), Screen::Team);
    keys(&mut app, "Fy");
    assert_eq!(app.screen(), Screen::WhiteCell);
    assert!(app.truth().is_some());
    // Back through the card: the next person sees no team's picture first.
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen(), Screen::Handover);
    assert!(app.truth().is_none());
}

#[test]
fn advance_asks_when_teams_are_not_ready_then_plays() {
    let mut app = hot_seat();
    enter(&mut app);
    keys(&mut app, "Fya");
    assert_eq!(app.console_dialog(), Some(&ConsoleDialog::ConfirmAdvance));
    keys(&mut app, "y");
    assert_eq!(local(&app).turn(), 1);
    assert_eq!(app.screen(), Screen::WhiteCell);
    assert_eq!(app.truth().map(|t| t.history.len()), Some(1));
}

#[test]
fn a_fired_inject_reaches_the_teams_when_the_turn_is_played() {
    let mut app = hot_seat();
    enter(&mut app);
    keys(&mut app, "Fyi");
    assert!(matches!(
        app.console_dialog(),
        Some(ConsoleDialog::Injects { .. })
    ));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    enter(&mut app);
    keys(&mut app, "ay");
    let storm = local(&app)
        .setup()
        .scenario
        .injects
        .iter()
        .position(|i| i.id == "storm_warning")
        .unwrap_or_else(|| panic!("no storm"));
    assert_eq!(local(&app).snapshot().injects.fired[storm], Some(1));
}

#[test]
fn text_boxes_take_q_and_question_marks_as_text() {
    let mut app = hot_seat();
    enter(&mut app);
    keys(&mut app, "Fyt");
    enter(&mut app);
    keys(&mut app, "quiet? yes");
    assert!(!app.should_quit());
    assert_eq!(app.overlay(), None);
    match app.console_dialog() {
        Some(ConsoleDialog::Broadcast(d)) => assert_eq!(d.text, "quiet? yes"),
        other => panic!("expected the message box, got {other:?}"),
    }
    press(&mut app, KeyCode::Backspace);
    enter(&mut app);
    assert!(!app.dialog_open());
    keys(&mut app, "ay");
    let msgs = &local(&app).view(TeamIx(1)).messages;
    assert!(msgs.iter().any(|m| m.text.contains("quiet? ye")));
}

#[test]
fn a_liaison_message_goes_through_a_channel() {
    let mut app = hot_seat();
    seat_first_team(&mut app);
    keys(&mut app, "m");
    enter(&mut app);
    keys(&mut app, "Anwar holds the fares");
    enter(&mut app);
    assert!(!app.dialog_open());
    assert_eq!(app.queued_len(TeamIx(0)), 1);
    keys(&mut app, "Fya");
    keys(&mut app, "y");
    let msgs = &local(&app).view(TeamIx(1)).messages;
    assert!(
        msgs.iter()
            .any(|m| m.text.contains("Anwar holds the fares"))
    );
}

#[test]
fn pause_holds_the_turn_until_resumed() {
    let mut app = one_team();
    enter(&mut app);
    keys(&mut app, "Fyp");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen(), Screen::Team);
    ready(&mut app);
    assert_eq!(app.screen(), Screen::Waiting);
    assert_eq!(local(&app).turn(), 0);
    keys(&mut app, "Fyp");
    assert_eq!(local(&app).turn(), 1);
}

#[test]
fn undo_and_notes_are_journal_records() {
    let dir = TempDir::new("undo");
    let journal = dir.0.join("undo.journal");
    let mut app = app_over(session(Some(&journal)), vec![TeamIx(0)]);
    enter(&mut app);
    ready(&mut app);
    ready(&mut app);
    assert_eq!(local(&app).turn(), 2);
    keys(&mut app, "Fyn");
    keys(&mut app, "Good use of the MLA channel");
    press(&mut app, KeyCode::Tab);
    enter(&mut app);
    keys(&mut app, "uy");
    assert_eq!(local(&app).turn(), 1);
    let text = std::fs::read_to_string(&journal).unwrap_or_default();
    assert!(text.contains("Good use of the MLA channel"));
    assert!(text.contains("\"objective\":\"arrest_three\""));
    assert!(text.contains("\"type\":\"undo\""));
}

#[test]
fn clicks_select_panes_and_rows() {
    let mut app = hot_seat();
    seat_first_team(&mut app);
    render(&mut app, 80, 24);
    let l = ui::team::layout(app.size());
    // The third action row.
    let list = ui::team::actions_list_area(l.actions);
    app.update(Action::Click {
        col: list.x + 3,
        row: list.y + 3,
    });
    assert_eq!(app.team_panes().pane(), Pane::Actions);
    assert_eq!(app.team_panes().action, 2);
    app.update(Action::Click {
        col: l.messages.x + 2,
        row: l.messages.y + 2,
    });
    assert_eq!(app.team_panes().pane(), Pane::Messages);
}

#[test]
fn every_screen_draws_at_any_size_without_panic() {
    let mut app = hot_seat();
    let sizes = [(1, 1), (10, 4), (30, 8), (80, 24), (120, 40), (250, 70)];
    let check = |app: &mut App| {
        for (w, h) in sizes {
            render(app, w, h);
        }
    };
    check(&mut app);
    enter(&mut app);
    check(&mut app);
    enter(&mut app);
    check(&mut app);
    enter(&mut app);
    for tab in "12345".chars() {
        keys(&mut app, &tab.to_string());
        check(&mut app);
    }
    keys(&mut app, "?");
    check(&mut app);
    press(&mut app, KeyCode::Esc);
    enter(&mut app);
    check(&mut app);
    press(&mut app, KeyCode::Esc);
    keys(&mut app, "Fy");
    for _ in 0..5 {
        check(&mut app);
        press(&mut app, KeyCode::Tab);
    }
    keys(&mut app, "i");
    check(&mut app);
}

#[test]
fn names_in_any_script_keep_the_frame_aligned() {
    let mut app = hot_seat();
    seat_first_team(&mut app);
    if let Some(v) = app.team_view_mut() {
        v.team.name = "ตำรวจภูธร 警察局 Polis Diraja".into();
        if let Some(p) = v.persons.first_mut() {
            p.name = "สมชาย ใจดี 王小明".into();
        }
    }
    keys(&mut app, "2");
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap_or_else(|e| match e {});
    t.draw(|f| frame::draw(&app, f))
        .unwrap_or_else(|e| match e {});
    let buf = t.backend().buffer();
    // Wide characters did not push any border out of its column.
    for y in 1..23 {
        let right = buf[(79, y)].symbol();
        assert!("│┐┘".contains(right), "row {y} ends with {right:?}");
        let left = buf[(0, y)].symbol();
        assert!("│┌└".contains(left), "row {y} starts with {left:?}");
    }
    let screen = t.backend().to_string();
    assert!(screen.contains("สมชาย ใจดี"));
    assert!(screen.contains("Turn 1/8"));
}

mod snapshots {
    use super::*;

    fn snap(name: &str, app: &mut App) {
        for (w, h) in [(80, 24), (160, 48)] {
            let screen = render(app, w, h);
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen);
        }
    }

    #[test]
    fn briefing() {
        snap("briefing", &mut hot_seat());
    }

    #[test]
    fn briefing_one_team() {
        snap("briefing_one_team", &mut one_team());
    }

    #[test]
    fn hand_over() {
        let mut app = hot_seat();
        enter(&mut app);
        snap("hand_over", &mut app);
    }

    #[test]
    fn team_brief() {
        let mut app = hot_seat();
        enter(&mut app);
        enter(&mut app);
        snap("team_brief", &mut app);
    }

    #[test]
    fn team_screen() {
        let mut app = hot_seat();
        play_turns(&mut app, 2);
        snap("team_screen", &mut app);
    }

    #[test]
    fn team_screen_persons() {
        let mut app = hot_seat();
        play_turns(&mut app, 2);
        keys(&mut app, "2");
        snap("team_persons", &mut app);
    }

    #[test]
    fn order_box() {
        let mut app = hot_seat();
        play_turns(&mut app, 1);
        press(&mut app, KeyCode::Down);
        enter(&mut app);
        snap("order_box", &mut app);
    }

    #[test]
    fn help_overlay() {
        let mut app = hot_seat();
        seat_first_team(&mut app);
        keys(&mut app, "?");
        snap("help", &mut app);
    }

    #[test]
    fn quit_prompt() {
        let mut app = hot_seat();
        seat_first_team(&mut app);
        keys(&mut app, "q");
        snap("quit", &mut app);
    }

    #[test]
    fn facilitator_console() {
        let mut app = hot_seat();
        play_turns(&mut app, 2);
        keys(&mut app, "Fy");
        snap("facilitator", &mut app);
    }
}
