//! Who sits at the keyboard, and the cards between seats: the scenario's
//! briefing, a team's own brief the first time it sits down, "pass the
//! keyboard to …", waiting while exercise control holds a turn, and the end.
//! Hot-seat passes the keyboard round every team at it; one team (with bots,
//! or at its own terminal) goes through the same cards without hand-overs.

use super::app::{Context, Request};
use super::exercise::Exercise;
use super::keys::Action;
use crate::bots::Policy;
use crate::engine::orders::Liaison;
use crate::engine::setup::TeamIx;

/// How the seats are filled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seats {
    /// Teams played at this keyboard, in seating order.
    pub humans: Vec<TeamIx>,
    /// The policy of every other team.
    pub bots: Policy,
}

/// Which of the seating's screens shows: a card, or the seated team's screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// The scenario's briefing, before the first seat.
    Briefing,
    /// One team's own brief, the first time it sits down.
    TeamBrief,
    /// "Pass the keyboard to …": shows nothing of any team.
    Handover,
    /// The seated team's screen.
    Team,
    /// Every team is ready but exercise control has paused the turn.
    Waiting,
    /// Every turn has been played.
    Finished,
}

/// The seats at this keyboard and where the hand-over between them stands.
#[derive(Debug)]
pub struct Seating {
    seats: Seats,
    /// Index into `seats.humans` of the team at the keyboard.
    seat: usize,
    stage: Stage,
    /// Teams that have read their own brief.
    briefed: Vec<bool>,
    briefing_scroll: usize,
    /// Liaison messages each team sent this turn (delivered at the commit).
    sent: Vec<Vec<Liaison>>,
}

impl Seating {
    /// Seats for a scenario of `teams` teams, the briefing first. Teams that
    /// are not in the scenario are left out.
    pub fn new(seats: Seats, teams: usize) -> Seating {
        let mut humans: Vec<TeamIx> = seats
            .humans
            .iter()
            .copied()
            .filter(|&t| t < TeamIx(teams))
            .collect();
        humans.dedup();
        Seating {
            seats: Seats {
                humans,
                bots: seats.bots,
            },
            seat: 0,
            stage: Stage::Briefing,
            briefed: vec![false; teams],
            briefing_scroll: 0,
            sent: vec![Vec::new(); teams],
        }
    }

    /// Which screen shows.
    pub fn stage(&self) -> Stage {
        self.stage
    }

    pub(crate) fn set_stage(&mut self, stage: Stage) {
        self.stage = stage;
    }

    /// The team at the keyboard, if a team is seated.
    pub fn team(&self) -> Option<TeamIx> {
        self.seats.humans.get(self.seat).copied()
    }

    /// Whether one team plays here (not hot-seat).
    pub fn single_seat(&self) -> bool {
        self.seats.humans.len() <= 1
    }

    /// Whether a bot plays the team.
    pub fn is_bot(&self, team: TeamIx) -> bool {
        !self.seats.humans.contains(&team)
    }

    /// How far the briefing is scrolled.
    pub fn briefing_scroll(&self) -> usize {
        self.briefing_scroll
    }

    /// Keep the page of text scrolled no further than its end.
    pub(crate) fn clamp_scroll(&mut self, max: usize) {
        self.briefing_scroll = self.briefing_scroll.min(max);
    }

    /// The liaison messages a team sent this turn.
    pub fn sent(&self, team: TeamIx) -> &[Liaison] {
        self.sent.get(team.index()).map_or(&[], Vec::as_slice)
    }

    /// The team at the keyboard and the messages it sent this turn.
    pub(crate) fn seated_mut(&mut self) -> Option<(TeamIx, &mut Vec<Liaison>)> {
        let team = self.team()?;
        Some((team, self.sent.get_mut(team.index())?))
    }

    /// Bots decide and are ready at the start of every turn, so the console
    /// shows their orders and a human seat is never kept waiting for them.
    pub(crate) fn seat_bots(&self, exercise: &mut Exercise) {
        // Only where the whole session is here: elsewhere bots join as clients.
        let Exercise::Local(session) = exercise else {
            return;
        };
        for team in TeamIx::all(session.setup().teams.len()) {
            if self.is_bot(team) {
                let orders = session.bot_orders(team, self.seats.bots);
                session.set_orders(team, orders);
                session.set_ready(team, true);
            }
        }
    }

    /// The next seat, after the one at the keyboard, whose team is not ready
    /// (the seated team's own seat last).
    pub(crate) fn next_unready(&self, exercise: &Exercise) -> Option<usize> {
        let n = self.seats.humans.len();
        (1..=n)
            .map(|k| (self.seat + k) % n)
            .find(|&i| !exercise.is_ready(self.seats.humans[i]))
    }

    /// How many teams sit here.
    pub(crate) fn humans(&self) -> usize {
        self.seats.humans.len()
    }

    /// Pass the keyboard to a seat: its card comes first.
    pub(crate) fn hand_over(&mut self, seat: usize) {
        self.seat = seat;
        self.stage = Stage::Handover;
    }

    /// A turn was played (or taken back): nothing is sent yet, the first seat
    /// is next.
    pub(crate) fn new_turn(&mut self) {
        for s in &mut self.sent {
            s.clear();
        }
        self.seat = 0;
    }

    /// Forget the messages sent this turn: the turn was taken back.
    pub(crate) fn clear_sent(&mut self) {
        for s in &mut self.sent {
            s.clear();
        }
    }

    /// Where play resumes after a turn: the end, the team's screen, or the
    /// card for the first seat.
    pub(crate) fn after_turn(&self, finished: bool) -> Stage {
        if finished {
            Stage::Finished
        } else if self.single_seat() {
            Stage::Team
        } else {
            Stage::Handover
        }
    }

    /// Apply one action to a card. The team's own screen is not a card: the
    /// application hands those actions to the seated team.
    pub(crate) fn update(&mut self, action: Action, ctx: &mut Context) -> Option<Request> {
        match self.stage {
            Stage::Briefing | Stage::TeamBrief => self.update_briefing(action, ctx),
            Stage::Handover => (action == Action::Enter).then(|| self.sit_down()),
            Stage::Waiting => {
                if action != Action::Ready {
                    return None;
                }
                if self.team().is_some() && self.single_seat() {
                    return Some(Request::Ready);
                }
                ctx.say("Exercise control holds the turn.");
                None
            }
            Stage::Finished => {
                // One team may look back over its picture; hot-seat teams
                // review theirs in the debrief, each on its own.
                if action == Action::Enter && self.single_seat() {
                    self.briefing_scroll = 0;
                    self.stage = Stage::Team;
                    return Some(Request::SitDown);
                }
                self.scroll_page(action, ctx);
                None
            }
            Stage::Team => None,
        }
    }

    /// Scroll a page of text (the briefing, the end screen): a page is the
    /// rows the page shows, so none is skipped.
    fn scroll_page(&mut self, action: Action, ctx: &Context) {
        let page = usize::from(ctx.size.height.saturating_sub(4)).max(1);
        let s = &mut self.briefing_scroll;
        match action {
            Action::Down => *s += 1,
            Action::Up => *s = s.saturating_sub(1),
            Action::PageDown => *s += page,
            Action::PageUp => *s = s.saturating_sub(page),
            Action::Home => *s = 0,
            // The page keeps it to the end of the text.
            Action::End => *s = usize::MAX / 2,
            _ => {}
        }
    }

    fn update_briefing(&mut self, action: Action, ctx: &Context) -> Option<Request> {
        match action {
            Action::Enter => {
                self.briefing_scroll = 0;
                // With one team the briefing already showed its brief.
                if self.stage == Stage::TeamBrief || self.single_seat() {
                    if let Some(b) = self.team().and_then(|t| self.briefed.get_mut(t.index())) {
                        *b = true;
                    }
                    self.stage = Stage::Team;
                } else {
                    self.stage = Stage::Handover;
                }
                return Some(Request::Refresh);
            }
            a => self.scroll_page(a, ctx),
        }
        None
    }

    /// The team at the card takes the keyboard: its own brief first, once.
    fn sit_down(&mut self) -> Request {
        let briefed = self
            .team()
            .is_some_and(|t| self.briefed.get(t.index()).copied().unwrap_or(false));
        self.stage = if briefed {
            Stage::Team
        } else {
            Stage::TeamBrief
        };
        Request::SitDown
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::fixture::Fixture;

    fn seating(humans: &[TeamIx]) -> Seating {
        let seats = Seats {
            humans: humans.to_vec(),
            bots: Policy::Baseline,
        };
        Seating::new(seats, 3)
    }

    fn press(s: &mut Seating, f: &mut Fixture, actions: &[Action]) -> Vec<Request> {
        actions
            .iter()
            .filter_map(|&a| s.update(a, &mut f.context()))
            .collect()
    }

    #[test]
    fn teams_not_in_the_scenario_take_no_seat() {
        let s = seating(&[TeamIx(0), TeamIx(7)]);
        assert_eq!(s.humans(), 1);
        assert!(s.single_seat());
        assert!(s.is_bot(TeamIx(1)) && !s.is_bot(TeamIx(0)));
    }

    #[test]
    fn the_briefing_scrolls_and_enter_leads_a_hot_seat_to_the_first_card() {
        let mut f = Fixture::local();
        let mut s = seating(&[TeamIx(0), TeamIx(1), TeamIx(2)]);
        assert!(press(&mut s, &mut f, &[Action::Down, Action::Down, Action::Up]).is_empty());
        assert_eq!(s.briefing_scroll(), 1);
        press(&mut s, &mut f, &[Action::PageDown]);
        // A page is the rows the page shows: 24 less header, footer and frame.
        assert_eq!(s.briefing_scroll(), 21);
        press(&mut s, &mut f, &[Action::PageUp, Action::PageUp]);
        assert_eq!(s.briefing_scroll(), 0);
        assert_eq!(press(&mut s, &mut f, &[Action::Enter]), [Request::Refresh]);
        assert_eq!(s.stage(), Stage::Handover);
        assert_eq!(s.team(), Some(TeamIx(0)));
    }

    #[test]
    fn one_team_goes_from_the_briefing_to_its_screen_having_read_its_brief() {
        let mut f = Fixture::local();
        let mut s = seating(&[TeamIx(0)]);
        press(&mut s, &mut f, &[Action::Down, Action::Enter]);
        assert_eq!((s.stage(), s.briefing_scroll()), (Stage::Team, 0));
        s.hand_over(0);
        press(&mut s, &mut f, &[Action::Enter]);
        assert_eq!(s.stage(), Stage::Team, "no second brief");
    }

    #[test]
    fn a_team_reads_its_own_brief_the_first_time_it_sits_down_only() {
        let mut f = Fixture::local();
        let mut s = seating(&[TeamIx(0), TeamIx(1)]);
        press(&mut s, &mut f, &[Action::Enter]);
        // Only Enter passes the card.
        assert!(press(&mut s, &mut f, &[Action::Down, Action::Ready]).is_empty());
        assert_eq!(s.stage(), Stage::Handover);
        assert_eq!(press(&mut s, &mut f, &[Action::Enter]), [Request::SitDown]);
        assert_eq!(s.stage(), Stage::TeamBrief);
        press(&mut s, &mut f, &[Action::Enter]);
        assert_eq!(s.stage(), Stage::Team);
        s.hand_over(1);
        press(&mut s, &mut f, &[Action::Enter]);
        assert_eq!((s.team(), s.stage()), (Some(TeamIx(1)), Stage::TeamBrief));
        s.hand_over(0);
        press(&mut s, &mut f, &[Action::Enter]);
        assert_eq!((s.team(), s.stage()), (Some(TeamIx(0)), Stage::Team));
    }

    #[test]
    fn the_keyboard_goes_to_the_next_team_not_ready_round_the_table() {
        let mut f = Fixture::local();
        let mut s = seating(&[TeamIx(0), TeamIx(1), TeamIx(2)]);
        assert_eq!(s.next_unready(&f.exercise), Some(1));
        f.set_ready(TeamIx(1), true);
        assert_eq!(s.next_unready(&f.exercise), Some(2));
        f.set_ready(TeamIx(2), true);
        assert_eq!(
            s.next_unready(&f.exercise),
            Some(0),
            "back round to the seat itself"
        );
        f.set_ready(TeamIx(0), true);
        assert_eq!(s.next_unready(&f.exercise), None);
        s.hand_over(2);
        f.set_ready(TeamIx(1), false);
        assert_eq!(s.next_unready(&f.exercise), Some(1));
        s.new_turn();
        assert_eq!(s.team(), Some(TeamIx(0)));
    }

    #[test]
    fn while_exercise_control_holds_the_turn_only_a_single_team_reopens_its_orders() {
        let mut f = Fixture::local();
        let mut one = seating(&[TeamIx(0)]);
        one.set_stage(Stage::Waiting);
        assert_eq!(
            press(&mut one, &mut f, &[Action::Enter, Action::Ready]),
            [Request::Ready]
        );
        let mut hot = seating(&[TeamIx(0), TeamIx(1)]);
        hot.set_stage(Stage::Waiting);
        assert!(press(&mut hot, &mut f, &[Action::Ready]).is_empty());
        assert_eq!(
            f.status.as_deref(),
            Some("Exercise control holds the turn.")
        );
    }

    #[test]
    fn after_the_last_turn_one_team_may_look_back_and_a_hot_seat_may_not() {
        let mut f = Fixture::local();
        let mut one = seating(&[TeamIx(0)]);
        one.set_stage(Stage::Finished);
        assert_eq!(
            press(&mut one, &mut f, &[Action::Enter]),
            [Request::SitDown]
        );
        assert_eq!(one.stage(), Stage::Team);
        let mut hot = seating(&[TeamIx(0), TeamIx(1)]);
        hot.set_stage(Stage::Finished);
        assert!(press(&mut hot, &mut f, &[Action::Enter]).is_empty());
        assert_eq!(hot.stage(), Stage::Finished);
        assert_eq!(hot.after_turn(true), Stage::Finished);
        assert_eq!(hot.after_turn(false), Stage::Handover);
        assert_eq!(one.after_turn(false), Stage::Team);
    }

    #[test]
    fn bots_order_and_are_ready_in_every_seat_nobody_takes() {
        let mut f = Fixture::local();
        let s = seating(&[TeamIx(0)]);
        s.seat_bots(&mut f.exercise);
        assert!(!f.exercise.is_ready(TeamIx(0)));
        assert!(f.exercise.is_ready(TeamIx(1)) && f.exercise.is_ready(TeamIx(2)));
    }
}
