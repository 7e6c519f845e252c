//! The seated team's screen without a terminal: actions in, panes, boxes and
//! the exercise's queue out. Kesh Police (team 0) of the tutorial sits.

use super::*;
use crate::tui::fixture::Fixture;

const KESH: TeamIx = TeamIx(0);

/// Kesh's screen over the tutorial, as it sits down.
fn seated(f: &Fixture) -> SeatedTeam {
    let mut s = SeatedTeam::default();
    s.refresh(&f.exercise, Some(KESH), 0);
    assert!(s.view().is_some(), "Kesh has a view");
    s
}

/// Apply actions to the screen (no box open); the requests it made.
fn press(
    s: &mut SeatedTeam,
    f: &mut Fixture,
    sent: &mut Vec<Liaison>,
    actions: &[Action],
) -> Vec<Request> {
    actions
        .iter()
        .filter_map(|&a| {
            s.update(
                a,
                &mut f.context(),
                Seat {
                    team: KESH,
                    sent: &mut *sent,
                },
            )
        })
        .collect()
}

/// Apply actions to the open box.
fn answer(s: &mut SeatedTeam, f: &mut Fixture, sent: &mut Vec<Liaison>, actions: &[Action]) {
    for &a in actions {
        s.update_dialog(
            a,
            &mut f.context(),
            Seat {
                team: KESH,
                sent: &mut *sent,
            },
        );
    }
}

fn typed(text: &str) -> Vec<Action> {
    text.chars().map(Action::Type).collect()
}

#[test]
fn tab_moves_the_keyboard_round_the_four_panes() {
    let mut f = Fixture::local();
    let mut s = seated(&f);
    let mut sent = Vec::new();
    assert_eq!(s.panes().pane(), Pane::Actions);
    let mut seen = Vec::new();
    for _ in 0..4 {
        press(&mut s, &mut f, &mut sent, &[Action::NextPane]);
        seen.push(s.panes().pane());
    }
    assert_eq!(
        seen,
        [Pane::Queued, Pane::Messages, Pane::Picture, Pane::Actions]
    );
    press(&mut s, &mut f, &mut sent, &[Action::PrevPane]);
    assert_eq!(s.panes().pane(), Pane::Picture);
    press(&mut s, &mut f, &mut sent, &[Action::NextPane, Action::Back]);
    assert_eq!(
        s.panes().pane(),
        Pane::Picture,
        "Esc goes back to the picture"
    );
}

#[test]
fn left_and_right_turn_the_picture_tabs_only_when_it_has_the_keyboard() {
    let mut f = Fixture::local();
    let mut s = seated(&f);
    let mut sent = Vec::new();
    press(&mut s, &mut f, &mut sent, &[Action::Right]);
    assert_eq!(s.panes().tab, 0, "the action list had the keyboard");
    press(&mut s, &mut f, &mut sent, &[Action::Tab(2)]);
    assert_eq!((s.panes().tab, s.panes().pane()), (2, Pane::Picture));
    press(&mut s, &mut f, &mut sent, &[Action::Right]);
    assert_eq!(s.panes().tab, 3);
    press(&mut s, &mut f, &mut sent, &[Action::Tab(0), Action::Left]);
    assert_eq!(
        s.panes().tab,
        TABS.len() - 1,
        "left from the first tab wraps"
    );
    press(&mut s, &mut f, &mut sent, &[Action::Tab(9)]);
    assert_eq!(
        s.panes().tab,
        TABS.len() - 1,
        "a tab past the last is the last"
    );
}

#[test]
fn down_and_up_move_the_selection_of_the_pane_with_the_keyboard_inside_its_list() {
    let mut f = Fixture::local();
    let mut s = seated(&f);
    let mut sent = Vec::new();
    let actions = s.view().map_or(0, |v| v.actions.len());
    assert!(actions > 2);
    press(&mut s, &mut f, &mut sent, &[Action::Down, Action::Down]);
    assert_eq!(s.panes().action, 2);
    press(&mut s, &mut f, &mut sent, &vec![Action::Down; actions + 5]);
    assert_eq!(s.panes().action, actions - 1);
    press(&mut s, &mut f, &mut sent, &[Action::Up]);
    assert_eq!(s.panes().action, actions - 2);
    // The picture's list is another selection.
    press(&mut s, &mut f, &mut sent, &[Action::Tab(1), Action::Up]);
    assert_eq!((s.panes().person, s.panes().action), (0, actions - 2));
}

#[test]
fn enter_on_an_action_opens_its_order_box_and_enter_again_queues_the_order() {
    let mut f = Fixture::local();
    let mut s = seated(&f);
    let mut sent = Vec::new();
    press(&mut s, &mut f, &mut sent, &[Action::Enter]);
    let Some(TeamDialog::Order(d)) = s.dialog() else {
        panic!("no order box: {:?}", s.dialog());
    };
    assert_eq!((d.action, d.step), (0, OrderStep::Target));
    assert!(std::ptr::eq(
        s.dialog_bindings().unwrap_or_default(),
        keys::PICKER
    ));
    answer(&mut s, &mut f, &mut sent, &[Action::Enter]);
    assert!(s.dialog().is_none());
    assert_eq!(f.session().queued(KESH).len(), 1);
    assert!(
        f.status
            .as_deref()
            .is_some_and(|m| m.starts_with("Queued: ")),
        "{:?}",
        f.status
    );
    // The view was rebuilt: the capacity it costs is spent.
    let left = s.view().map(|v| (v.team.capacity_left, v.team.capacity));
    assert!(left.is_some_and(|(l, c)| l < c), "{left:?}");
}

#[test]
fn esc_closes_the_order_box_without_queuing() {
    let mut f = Fixture::local();
    let mut s = seated(&f);
    let mut sent = Vec::new();
    press(&mut s, &mut f, &mut sent, &[Action::Enter]);
    answer(&mut s, &mut f, &mut sent, &[Action::Down, Action::Back]);
    assert!(s.dialog().is_none());
    assert!(f.session().queued(KESH).is_empty());
}

#[test]
fn delete_removes_the_selected_queued_order() {
    let mut f = Fixture::local();
    let mut s = seated(&f);
    let mut sent = Vec::new();
    press(&mut s, &mut f, &mut sent, &[Action::Enter]);
    answer(&mut s, &mut f, &mut sent, &[Action::Enter]);
    assert_eq!(f.session().queued(KESH).len(), 1);
    press(
        &mut s,
        &mut f,
        &mut sent,
        &[Action::NextPane, Action::Delete],
    );
    assert!(f.session().queued(KESH).is_empty());
    assert_eq!(f.status.as_deref(), Some("Order removed."));
}

#[test]
fn ready_is_the_applications_to_settle() {
    let mut f = Fixture::local();
    let mut s = seated(&f);
    let mut sent = Vec::new();
    let asked = press(&mut s, &mut f, &mut sent, &[Action::Ready, Action::Down]);
    assert_eq!(asked, [Request::Ready]);
    assert!(
        !f.exercise.is_ready(KESH),
        "the screen itself changes nothing"
    );
}

#[test]
fn a_ready_team_opens_no_order_and_writes_no_message() {
    let mut f = Fixture::local();
    let mut s = seated(&f);
    let mut sent = Vec::new();
    f.set_ready(KESH, true);
    press(&mut s, &mut f, &mut sent, &[Action::Enter]);
    assert!(s.dialog().is_none());
    assert!(
        f.status
            .as_deref()
            .is_some_and(|m| m.contains("You are ready"))
    );
    press(&mut s, &mut f, &mut sent, &[Action::Compose]);
    assert!(s.dialog().is_none());
}

#[test]
fn a_liaison_message_is_written_to_a_team_with_a_channel_and_kept_as_sent() {
    let mut f = Fixture::local();
    let mut s = seated(&f);
    let mut sent = Vec::new();
    press(&mut s, &mut f, &mut sent, &[Action::Compose]);
    let Some(TeamDialog::Liaison(d)) = s.dialog() else {
        panic!("no liaison box: {:?}", s.dialog());
    };
    assert_eq!(d.step, ComposeStep::Recipients);
    let to = d.candidates[d.sel].id.clone();
    assert!(
        d.candidates[d.sel].blocked.is_none(),
        "the first choice has a channel"
    );
    answer(&mut s, &mut f, &mut sent, &[Action::Enter]);
    assert!(std::ptr::eq(
        s.dialog_bindings().unwrap_or_default(),
        keys::TEXT_BOX
    ));
    // Enter on an empty box sends nothing.
    answer(&mut s, &mut f, &mut sent, &[Action::Enter]);
    assert!(s.dialog().is_some() && sent.is_empty());
    answer(&mut s, &mut f, &mut sent, &typed("meet at dawn"));
    answer(
        &mut s,
        &mut f,
        &mut sent,
        &[Action::Backspace, Action::Enter],
    );
    assert!(s.dialog().is_none());
    assert_eq!(sent.len(), 1);
    assert_eq!(
        (sent[0].to.as_str(), sent[0].text.as_str()),
        (to.as_str(), "meet at daw")
    );
    // It counts in the queue pane, and cannot be deleted from there.
    press(
        &mut s,
        &mut f,
        &mut sent,
        &[Action::NextPane, Action::Delete],
    );
    assert_eq!(sent.len(), 1);
    assert!(
        f.status
            .as_deref()
            .is_some_and(|m| m.contains("cannot be recalled"))
    );
}

#[test]
fn enter_on_the_picture_and_messages_opens_a_reader_that_esc_closes() {
    let mut f = Fixture::local();
    let mut s = seated(&f);
    let mut sent = Vec::new();
    press(
        &mut s,
        &mut f,
        &mut sent,
        &[Action::NextPane, Action::NextPane, Action::Enter],
    );
    let Some(TeamDialog::Reader(r)) = s.dialog() else {
        panic!("no reader: {:?}", s.dialog());
    };
    assert_eq!(r.title, "Messages, newest first");
    answer(&mut s, &mut f, &mut sent, &[Action::Back]);
    assert!(s.dialog().is_none());
    press(&mut s, &mut f, &mut sent, &[Action::Brief]);
    assert!(
        matches!(s.dialog(), Some(TeamDialog::Reader(r)) if r.title.ends_with("· brief")),
        "{:?}",
        s.dialog()
    );
}
