//! The console without a terminal: actions in; panes, boxes, the log and the
//! requests it makes of the application out.

use super::*;
use crate::tui::dialog::ComposeStep;
use crate::tui::fixture::Fixture;

/// The console open over the tutorial.
fn open(f: &Fixture) -> Console {
    let mut c = Console::new(None);
    c.refresh(&f.exercise, true, |_| false);
    assert!(c.truth().is_some());
    c
}

fn press(c: &mut Console, f: &mut Fixture, actions: &[Action]) -> Vec<Request> {
    actions
        .iter()
        .filter_map(|&a| c.update(a, &mut f.context()))
        .collect()
}

fn answer(c: &mut Console, f: &mut Fixture, actions: &[Action]) -> Vec<Request> {
    actions
        .iter()
        .filter_map(|&a| c.update_dialog(a, &mut f.context()))
        .collect()
}

#[test]
fn tab_moves_round_the_six_panes() {
    let mut f = Fixture::local();
    let mut c = open(&f);
    press(&mut c, &mut f, &[Action::NextPane, Action::NextPane]);
    assert_eq!(c.panes().pane, 2);
    press(&mut c, &mut f, &[Action::NextPane; 3]);
    assert_eq!(c.panes().pane, JOIN);
    press(&mut c, &mut f, &[Action::NextPane]);
    assert_eq!(c.panes().pane, 0);
    press(&mut c, &mut f, &[Action::PrevPane]);
    assert_eq!(c.panes().pane, PANES.len() - 1);
}

#[test]
fn advance_asks_while_teams_are_not_ready_and_yes_plays_the_turn() {
    let mut f = Fixture::local();
    let mut c = open(&f);
    assert!(press(&mut c, &mut f, &[Action::Advance]).is_empty());
    assert_eq!(c.dialog(), Some(&ConsoleDialog::ConfirmAdvance));
    assert!(answer(&mut c, &mut f, &[Action::No]).is_empty());
    assert!(c.dialog().is_none(), "no closes the question");
    press(&mut c, &mut f, &[Action::Advance]);
    assert_eq!(answer(&mut c, &mut f, &[Action::Yes]), [Request::PlayTurn]);
    // Every team ready: no question.
    for t in 0..3 {
        f.set_ready(TeamIx(t), true);
    }
    assert_eq!(
        press(&mut c, &mut f, &[Action::Advance]),
        [Request::PlayTurn]
    );
    assert!(c.dialog().is_none());
}

#[test]
fn pause_is_logged_and_resuming_plays_a_turn_every_team_is_ready_for() {
    let mut f = Fixture::local();
    let mut c = open(&f);
    assert!(press(&mut c, &mut f, &[Action::Pause]).is_empty());
    assert!(c.paused());
    assert_eq!(c.log().last().map(String::as_str), Some("T1 paused."));
    for t in 0..3 {
        f.set_ready(TeamIx(t), true);
    }
    assert_eq!(press(&mut c, &mut f, &[Action::Pause]), [Request::PlayTurn]);
    assert!(!c.paused());
    assert_eq!(c.log().last().map(String::as_str), Some("T1 resumed."));
}

#[test]
fn the_served_console_waits_for_the_facilitator_even_when_every_team_is_ready() {
    let mut f = Fixture::console();
    let mut c = open(&f);
    // Readiness cannot be set through a console; resuming still plays nothing
    // by itself there, and Esc does not leave.
    press(&mut c, &mut f, &[Action::Pause]);
    assert!(press(&mut c, &mut f, &[Action::Pause, Action::Back]).is_empty());
    assert!(c.truth().is_some());
    assert!(std::ptr::eq(
        Console::bindings(&f.exercise),
        &**keys::CONSOLE
    ));
}

#[test]
fn esc_leaves_exercise_control_at_one_keyboard() {
    let mut f = Fixture::local();
    let mut c = open(&f);
    assert_eq!(
        press(&mut c, &mut f, &[Action::Back]),
        [Request::LeaveConsole]
    );
    assert!(
        c.truth().is_none(),
        "the truth does not outlive the console"
    );
}

#[test]
fn undo_asks_first_and_says_when_there_is_nothing_to_undo() {
    let mut f = Fixture::local();
    let mut c = open(&f);
    press(&mut c, &mut f, &[Action::Undo]);
    assert!(c.dialog().is_none());
    assert_eq!(f.status.as_deref(), Some("No turn has been played yet."));
    f.exercise
        .control_mut()
        .map(|c| c.commit())
        .unwrap_or_else(|| panic!("no control"))
        .unwrap_or_else(|e| panic!("commit: {e}"));
    press(&mut c, &mut f, &[Action::Undo]);
    assert_eq!(c.dialog(), Some(&ConsoleDialog::ConfirmUndo));
    assert_eq!(answer(&mut c, &mut f, &[Action::Yes]), [Request::Undo]);
}

#[test]
fn an_inject_is_picked_from_the_list_and_fired_for_the_next_turn() {
    let mut f = Fixture::local();
    let mut c = open(&f);
    press(&mut c, &mut f, &[Action::Inject]);
    assert_eq!(
        c.dialog(),
        Some(&ConsoleDialog::Injects {
            sel: 0,
            filter: Default::default()
        })
    );
    answer(&mut c, &mut f, &[Action::Down, Action::Down, Action::Up]);
    assert_eq!(
        c.dialog(),
        Some(&ConsoleDialog::Injects {
            sel: 1,
            filter: Default::default()
        })
    );
    answer(&mut c, &mut f, &[Action::Enter]);
    assert!(c.dialog().is_none());
    let title = &f.session().setup().scenario.injects[1].title;
    assert_eq!(c.live(), [format!("inject: {title}")]);
    assert!(c.log().last().is_some_and(|l| l.contains(title.as_str())));
}

#[test]
fn a_white_cell_message_goes_to_the_ticked_teams() {
    let mut f = Fixture::local();
    let mut c = open(&f);
    press(&mut c, &mut f, &[Action::MessageTeams]);
    answer(&mut c, &mut f, &[Action::Down, Action::Toggle]);
    let Some(ConsoleDialog::Broadcast(d)) = c.dialog() else {
        panic!("no message box: {:?}", c.dialog());
    };
    assert_eq!(d.ticked, [false, true, false]);
    assert!(std::ptr::eq(
        c.dialog_bindings().unwrap_or_default(),
        keys::TEAM_CHECKLIST
    ));
    answer(&mut c, &mut f, &[Action::Enter]);
    assert!(matches!(c.dialog(), Some(ConsoleDialog::Broadcast(d)) if d.step == ComposeStep::Text));
    let typing: Vec<Action> = "hold".chars().map(Action::Type).collect();
    answer(&mut c, &mut f, &typing);
    answer(&mut c, &mut f, &[Action::Enter]);
    assert!(c.dialog().is_none());
    assert_eq!(c.live(), ["message: hold"]);
    assert_eq!(
        c.log().last().map(String::as_str),
        Some("T1 message to 1 team(s), delivered now: “hold”")
    );
}

#[test]
fn tab_in_a_note_cycles_through_the_objectives_then_none() {
    let mut f = Fixture::local();
    let mut c = open(&f);
    let objectives = f.brief.objectives.len();
    assert!(objectives > 0);
    press(&mut c, &mut f, &[Action::Note]);
    let objective = |c: &Console| match c.dialog() {
        Some(ConsoleDialog::Note(d)) => d.objective,
        other => panic!("no note box: {other:?}"),
    };
    assert_eq!(objective(&c), None);
    answer(&mut c, &mut f, &[Action::NextPane]);
    assert_eq!(objective(&c), Some(0));
    answer(&mut c, &mut f, &vec![Action::NextPane; objectives]);
    assert_eq!(objective(&c), None, "after the last objective, none again");
}

#[test]
fn the_timer_runs_only_unpaused_and_plays_the_turn_when_it_runs_out() {
    let f = Fixture::local();
    let mut c = Console::new(Some(Duration::from_secs(60)));
    c.paused = true;
    c.tick(Duration::from_secs(90), true);
    assert!(!c.timer_ran_out(&f.exercise));
    c.paused = false;
    c.tick(Duration::from_secs(59), false);
    assert_eq!(
        c.elapsed(),
        Duration::ZERO,
        "the clock stops after the last turn"
    );
    c.tick(Duration::from_secs(59), true);
    assert!(!c.timer_ran_out(&f.exercise));
    c.tick(Duration::from_secs(1), true);
    assert!(c.timer_ran_out(&f.exercise));
    assert_eq!(c.elapsed(), Duration::ZERO);
    assert_eq!(
        c.log().last().map(String::as_str),
        Some("T1: the turn timer ran out.")
    );
}
