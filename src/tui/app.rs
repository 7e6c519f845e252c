//! The play application: the components of a terminal at the exercise, and
//! what happens between them. Input events become actions; the component
//! that has the keyboard applies them (the overlay, an open box, the seating's
//! cards, the seated team's screen or the console); what reaches beyond one
//! component (a team ready, a turn played or taken back, news from a server)
//! is settled here. The screens in `ui` only read.

use std::time::Duration;

use crossterm::event::Event;
use ratatui::layout::Rect;

use super::console::{Console, ConsoleDialog};
use super::exercise::Exercise;
use super::keys::{self, Action, Binding};
use super::overlay::Overlay;
use super::seating::{Seating, Seats, Stage};
use super::team::{Seat, SeatedTeam, TeamDialog, TeamPanes};
use super::theme::Theme;
use super::ui;
use crate::bots::Policy;
use crate::engine::setup::{Setup, TeamIx};
use crate::session::{Control, Desk, News, Session, TurnClock};
use crate::view::{Brief, FacilitatorView, TeamView};

/// The screen under any box or overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
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
    /// Exercise control: the truth.
    WhiteCell,
    /// Every turn has been played.
    Finished,
}

impl From<Stage> for Screen {
    fn from(stage: Stage) -> Screen {
        match stage {
            Stage::Briefing => Screen::Briefing,
            Stage::TeamBrief => Screen::TeamBrief,
            Stage::Handover => Screen::Handover,
            Stage::Team => Screen::Team,
            Stage::Waiting => Screen::Waiting,
            Stage::Finished => Screen::Finished,
        }
    }
}

/// What a component reaches while it applies an action: the exercise, what
/// every screen shares, and the status line.
pub(crate) struct Context<'a> {
    pub exercise: &'a mut Exercise,
    pub brief: &'a Brief,
    /// The terminal's size, for page lengths and mouse hits.
    pub size: Rect,
    pub theme: Theme,
    pub status: &'a mut Option<String>,
}

impl Context<'_> {
    /// Tell whoever is at the keyboard, until the next thing they do.
    pub fn say(&mut self, message: impl Into<String>) {
        *self.status = Some(message.into());
    }
}

/// What a component asks of the application: changes that reach beyond it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Request {
    /// The seating moved on: rebuild what the screens read.
    Refresh,
    /// A team takes the keyboard: a fresh screen with its view.
    SitDown,
    /// The seated team says it is ready (or, if it was, that it is not).
    Ready,
    /// The seated team said yes to ending its turn with capacity unused.
    ReadyConfirmed,
    /// Play the turn now.
    PlayTurn,
    /// Take back the last turn.
    Undo,
    /// Close exercise control.
    LeaveConsole,
}

/// The play application: a terminal at the exercise, whether the whole
/// session sits here (hot-seat, or one team with bots), one team plays from
/// its own terminal, or exercise control runs the served exercise.
pub struct App {
    /// The exercise, however this terminal reaches it.
    exercise: Exercise,
    /// What every participant may know: title, briefing, objectives, teams.
    brief: Brief,
    theme: Theme,
    /// The terminal's size, for mouse hits and page lengths.
    size: Rect,
    seating: Seating,
    seated: SeatedTeam,
    console: Console,
    /// Whether exercise control is open over the seating's screens.
    console_open: bool,
    /// Asking before exercise control opens.
    confirming_console: bool,
    /// The PIN that guards exercise control at this keyboard, if any.
    pin: Option<String>,
    /// The PIN being typed before exercise control opens.
    pin_entry: Option<String>,
    overlay: Option<Overlay>,
    quit: bool,
    /// A one-line message for whoever is at the keyboard.
    status: Option<String>,
    /// Why the link to the server is down, while it is.
    link: Option<String>,
    /// The exit status, and what to say, when the exercise went away for good.
    lost: Option<(i32, String)>,
}

impl App {
    /// A new application over a whole session at this keyboard (hot-seat, or
    /// one team with bots): the briefing first.
    pub fn new(session: Session, seats: Seats, theme: Theme) -> App {
        App::build(Exercise::Local(Box::new(session)), seats, None, theme)
    }

    /// One team's own terminal, over a desk that serves only that team (a
    /// client of the server): the briefing first, then its screen.
    pub fn remote(desk: Box<dyn Desk>, team: TeamIx, theme: Theme) -> App {
        let seats = Seats {
            humans: vec![team],
            bots: Policy::Baseline,
        };
        App::build(Exercise::Remote(desk), seats, None, theme)
    }

    /// Exercise control on the serving machine: the console, and nothing of
    /// any team's screen. With `turn_limit`, the turn is played when it has
    /// been open that long (the pause stops the clock).
    pub fn console(control: Box<dyn Control>, turn_limit: Option<Duration>, theme: Theme) -> App {
        let seats = Seats {
            humans: Vec::new(),
            bots: Policy::Baseline,
        };
        let mut app = App::build(Exercise::Console(control), seats, turn_limit, theme);
        app.console_open = true;
        app.refresh();
        app
    }

    fn build(exercise: Exercise, seats: Seats, turn_limit: Option<Duration>, theme: Theme) -> App {
        let brief = match (exercise.desk(), exercise.control()) {
            (Some(d), _) => d.brief().clone(),
            (None, Some(c)) => crate::view::brief(c.setup()),
            (None, None) => Brief {
                title: String::new(),
                briefing: String::new(),
                objectives: Vec::new(),
                turns: 0,
                dates: Vec::new(),
                teams: Vec::new(),
            },
        };
        let seating = Seating::new(seats, brief.teams.len());
        let mut app = App {
            exercise,
            brief,
            theme,
            size: Rect::new(0, 0, 80, 24),
            seating,
            seated: SeatedTeam::default(),
            console: Console::new(turn_limit),
            console_open: false,
            confirming_console: false,
            pin: None,
            pin_entry: None,
            overlay: None,
            quit: false,
            status: None,
            link: None,
            lost: None,
        };
        if app.exercise.turn() > 0 {
            let turn = app.exercise.turn();
            app.console
                .note_in_log(format!("Resumed after turn {turn}."));
        }
        app.seating.seat_bots(&mut app.exercise);
        app.refresh();
        app
    }

    /// Guard exercise control at this keyboard with a PIN: without it, a
    /// team in hot-seat play cannot open the White Cell's view of the truth.
    pub fn with_console_pin(mut self, pin: Option<String>) -> App {
        self.pin = pin.filter(|p| !p.is_empty());
        self
    }

    /// The PIN typed so far, while exercise control asks for it.
    pub fn pin_entry(&self) -> Option<&str> {
        self.pin_entry.as_deref()
    }

    /// Whether the user has confirmed quitting.
    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// The whole session, when it is at this keyboard.
    pub fn session(&self) -> Option<&Session> {
        self.exercise.session()
    }

    /// How this terminal reaches the exercise.
    pub fn exercise(&self) -> &Exercise {
        &self.exercise
    }

    /// What every participant may know: title, briefing, objectives, teams.
    pub fn brief(&self) -> &Brief {
        &self.brief
    }

    /// The colours (or none) the screens are drawn in.
    pub fn theme(&self) -> Theme {
        self.theme
    }

    /// The terminal's size, as the last resize said.
    pub fn size(&self) -> Rect {
        self.size
    }

    /// The last committed turn.
    pub fn turn(&self) -> u32 {
        self.exercise.turn()
    }

    /// Whether the exercise is over.
    pub fn finished(&self) -> bool {
        self.exercise.finished()
    }

    /// Whether a team is ready (false where no team sits).
    pub fn is_ready(&self, team: TeamIx) -> bool {
        self.exercise.is_ready(team)
    }

    /// Where the journal is, when it is on this machine.
    pub fn journal_path(&self) -> Option<&std::path::Path> {
        self.exercise.journal_path()
    }

    /// The fixed facts of the exercise, where exercise control sits.
    pub fn control_setup(&self) -> Option<&Setup> {
        self.exercise.control().map(|c| c.setup())
    }

    /// What quitting means here, for the prompt that asks.
    pub fn quit_note(&self) -> String {
        let journal = self.journal_path().map(|p| p.display().to_string());
        match (&self.exercise, journal) {
            (Exercise::Remote(_), _) => "You leave the exercise; the server keeps your queued orders, and your code lets you join again.".into(),
            // Resuming binds the address saved beside the journal, so the
            // teams' clients find the server where they left it.
            (Exercise::Console(_), Some(j)) => format!(
                "The server stops with the console; the teams' screens wait a minute for it. Everything played so far is in the journal {j}; continue on the same address with: undertow serve --resume {}",
                super::text::shell_word(&j)
            ),
            (_, Some(j)) => format!("Everything played so far is in the journal {j}."),
            (_, None) => String::new(),
        }
    }

    /// Add a line to exercise control's log.
    pub fn note_in_log(&mut self, line: &str) {
        self.console.note_in_log(line);
    }

    /// The exit status and its reason, when the exercise went away under us
    /// (a server that cannot be reached again, or that refused us).
    pub fn lost(&self) -> Option<(i32, &str)> {
        self.lost.as_ref().map(|(s, m)| (*s, m.as_str()))
    }

    /// The screen under any box.
    pub fn screen(&self) -> Screen {
        if self.console_open {
            Screen::WhiteCell
        } else {
            self.seating.stage().into()
        }
    }

    /// The seats and the cards between them.
    pub fn seating(&self) -> &Seating {
        &self.seating
    }

    /// Injects and White Cell messages fired this turn, not yet delivered.
    pub fn fired_this_turn(&self) -> &[String] {
        self.console.live()
    }

    /// Whether the question before exercise control opens is asked.
    pub fn confirming_console(&self) -> bool {
        self.confirming_console
    }

    /// Whether a box is open over the screen.
    pub fn dialog_open(&self) -> bool {
        self.confirming_console
            || self.pin_entry.is_some()
            || self.seated.dialog().is_some()
            || self.console.dialog().is_some()
    }

    /// The team's box open over the screen, if any.
    pub fn team_dialog(&self) -> Option<&TeamDialog> {
        self.seated.dialog()
    }

    /// The console's box open over the screen, if any.
    pub fn console_dialog(&self) -> Option<&ConsoleDialog> {
        self.console.dialog()
    }

    /// The overlay open over everything, if any.
    pub fn overlay(&self) -> Option<Overlay> {
        self.overlay
    }

    /// The team at the keyboard, if a team is seated.
    pub fn team(&self) -> Option<TeamIx> {
        self.seating.team()
    }

    /// The seated team's view.
    pub fn team_view(&self) -> Option<&TeamView> {
        self.seated.view()
    }

    #[cfg(test)]
    pub(crate) fn team_view_mut(&mut self) -> Option<&mut TeamView> {
        self.seated.view_mut()
    }

    /// The seated team's panes: focus and selections.
    pub fn team_panes(&self) -> &TeamPanes {
        self.seated.panes()
    }

    /// How the turn's clock stands for the teams: the console's own at one
    /// keyboard, the server's word at a team's terminal.
    pub fn clock(&self) -> Option<TurnClock> {
        match &self.exercise {
            Exercise::Remote(d) => d.clock(),
            _ => Some(self.console.clock()),
        }
    }

    /// Exercise control's words to the seated team this turn, delivered at once.
    pub fn announcements(&self) -> Vec<String> {
        match (self.team(), self.exercise.desk()) {
            (Some(t), Some(d)) => d.announcements(t),
            _ => Vec::new(),
        }
    }

    /// The objectives and scores as they stand for the seated team (or,
    /// with no team seated, for the whole exercise).
    pub fn standing(&self) -> Option<crate::session::objectives::Standing> {
        match (self.team(), self.exercise.desk(), self.exercise.control()) {
            (Some(t), Some(d), _) => d.standing(t),
            (_, _, Some(c)) => Some(c.standing()),
            _ => None,
        }
    }

    /// What the team screen shows, while a team is seated.
    pub fn team_screen(&self) -> Option<ui::team::TeamScreen<'_>> {
        let team = self.team()?;
        Some(ui::team::TeamScreen {
            view: self.seated.view()?,
            panes: self.seated.panes(),
            theme: self.theme,
            ready: self.is_ready(team),
            clock: self.clock(),
            over: self.finished(),
            announcements: self.seated.announcements(),
            queued: self.exercise.queued(team),
            sent: self.seating.sent(team),
            action_blocks: self.seated.action_blocks(),
            keys: self.bindings(),
            status: self.status(),
        })
    }

    /// What the console shows, while exercise control is open.
    pub fn console_screen(&self) -> Option<ui::console::ConsoleScreen<'_>> {
        self.console
            .screen(self.theme, self.bindings(), self.status())
    }

    /// What the cards (briefing, brief, hand-over, waiting, end) show.
    pub fn card_screen(&self) -> ui::cards::CardScreen<'_> {
        let teams = self.brief.teams.len();
        ui::cards::CardScreen {
            brief: &self.brief,
            theme: self.theme,
            turn: self.turn(),
            over: self.finished(),
            scroll: self.seating.briefing_scroll(),
            team: self.team(),
            view: self.team_view(),
            single_seat: self.single_seat(),
            session_here: self.session().is_some(),
            ready: (0..teams).filter(|&t| self.is_ready(TeamIx(t))).count(),
            journal: self.journal_path(),
            // Only the end card shows it, and working it out rates every objective.
            standing: if self.screen() == Screen::Finished {
                self.standing()
            } else {
                None
            },
            keys: self.bindings(),
            status: self.status(),
        }
    }

    /// What the seated team's boxes read.
    pub fn team_boxes(&self) -> ui::modal::TeamBoxes<'_> {
        ui::modal::TeamBoxes {
            view: self.team_view(),
            theme: self.theme,
            keys: self.bindings(),
        }
    }

    /// What exercise control's boxes read.
    pub fn console_boxes(&self) -> ui::modal::ConsoleBoxes<'_> {
        ui::modal::ConsoleBoxes {
            setup: self.control_setup(),
            truth: self.truth(),
            teams: &self.brief.teams,
            turn: self.turn(),
            fired: self.fired_this_turn(),
            theme: self.theme,
            keys: self.bindings(),
        }
    }

    /// What the help overlay and the quit prompt read.
    pub fn overlay_screen(&self) -> ui::modal::OverlayScreen<'_> {
        ui::modal::OverlayScreen {
            overlay: self.overlay,
            theme: self.theme,
            keys: self.bindings_beneath(),
            legend: self.screen() == Screen::Team && !self.dialog_open(),
            quit_note: self.quit_note(),
        }
    }

    /// The truth, while exercise control is open.
    pub fn truth(&self) -> Option<&FacilitatorView> {
        self.console.truth()
    }

    /// The one-line status message, if any. While the link to the server is
    /// down, that comes first: nothing else can happen until it is back.
    pub fn status(&self) -> Option<&str> {
        self.link.as_deref().or(self.status.as_deref())
    }

    /// Whether one team plays here (not hot-seat).
    pub fn single_seat(&self) -> bool {
        self.seating.single_seat()
    }

    /// Orders and messages the team has queued this turn, as the queue pane lists them.
    pub fn queued_len(&self, team: TeamIx) -> usize {
        super::team::queued_len(&self.exercise, team, self.seating.sent(team).len())
    }

    /// Rebuild what the screens read after anything changed.
    fn refresh(&mut self) {
        let team = self.seating.team();
        let sent = team.map_or(0, |t| self.seating.sent(t).len());
        self.seated.refresh(&self.exercise, team, sent);
        let seating = &self.seating;
        self.console
            .refresh(&self.exercise, self.console_open, |t| seating.is_bot(t));
    }

    /// The key table of what has the keyboard now.
    pub fn bindings(&self) -> &'static [Binding] {
        match self.overlay {
            Some(o) => o.bindings(),
            None => self.bindings_beneath(),
        }
    }

    /// The key table under any overlay: what the help overlay lists.
    pub fn bindings_beneath(&self) -> &'static [Binding] {
        if self.confirming_console {
            return keys::PROMPT;
        }
        if self.pin_entry.is_some() {
            return keys::PIN_BOX;
        }
        if let Some(keys) = self
            .seated
            .dialog_bindings()
            .or_else(|| self.console.dialog_bindings())
        {
            return keys;
        }
        let own = matches!(self.exercise, Exercise::Remote(_));
        if let Some(keys) = self
            .seated
            .filter_bindings()
            .filter(|_| self.screen() == Screen::Team)
            .or_else(|| {
                self.console
                    .filter_bindings()
                    .filter(|_| self.screen() == Screen::WhiteCell)
            })
        {
            return keys;
        }
        match self.screen() {
            Screen::Briefing | Screen::TeamBrief if own => &keys::OWN_BRIEFING,
            Screen::Briefing | Screen::TeamBrief => keys::BRIEFING,
            Screen::Handover => keys::HANDOVER,
            Screen::Waiting => keys::WAITING,
            Screen::Team if own && self.finished() => &keys::OWN_LOOK_BACK,
            Screen::Team if self.finished() => &keys::LOOK_BACK,
            Screen::Team if own => &keys::OWN_TEAM,
            Screen::Team => keys::TEAM,
            Screen::WhiteCell => Console::bindings(&self.exercise),
            Screen::Finished if own => &keys::OWN_FINISHED,
            Screen::Finished => keys::FINISHED,
        }
    }

    fn typing(&self) -> bool {
        self.overlay.is_none() && keys::is_text_box(self.bindings())
    }

    /// Pasted text goes whole into the text box that has the keyboard, and
    /// nowhere else: a paste never plays a key.
    pub fn paste(&mut self, text: &str) {
        if !self.typing() {
            return;
        }
        self.status = None;
        if let Some(pin) = &mut self.pin_entry {
            crate::tui::dialog::paste_text(pin, text);
        } else if !self.seated.paste(text) {
            self.console.paste(text);
        }
    }

    /// The action an input event asks for, in the current context.
    pub fn action_for(&self, event: &Event) -> Option<Action> {
        keys::event_action(event, self.bindings(), self.typing())
    }

    /// Apply one action: the overlay first, then an open box, then the screen.
    pub fn update(&mut self, action: Action) {
        match action {
            Action::Resize { width, height } => {
                self.size = Rect::new(0, 0, width, height);
                return;
            }
            Action::Tick(d) => {
                let running = self.screen() != Screen::Finished;
                self.console.tick(d, running);
                if self.console.timer_ran_out(&self.exercise) {
                    self.play_turn();
                }
                self.sync_clock();
                return;
            }
            _ => {}
        }
        // A status message lasts until the next thing the user does.
        self.status = None;
        if let Some(o) = self.overlay {
            let max = ui::modal::help_max_scroll(&self.overlay_screen(), self.size);
            let (next, quit) = o.answer(action, ui::modal::help_rows(self.size, max + 1));
            // Kept inside the help, so Up after End moves at once.
            self.overlay = next.map(|o| match o {
                Overlay::Help { scroll } => Overlay::Help {
                    scroll: scroll.min(max),
                },
                other => other,
            });
            self.quit |= quit;
            return;
        }
        if let Some(o) = Overlay::opened_by(action) {
            // Over a box too: the box stays open under the overlay.
            self.overlay = Some(o);
            return;
        }
        if self.dialog_open() {
            self.update_dialog(action);
            return;
        }
        match action {
            // A team's own terminal has no exercise control behind it.
            Action::WhiteCell if self.exercise.control().is_none() => return,
            Action::WhiteCell if !self.console_open && self.pin.is_some() => {
                self.pin_entry = Some(String::new());
                return;
            }
            Action::WhiteCell if !self.console_open => {
                self.confirming_console = true;
                return;
            }
            _ => {}
        }
        let screen = self.screen();
        let request = match screen {
            Screen::Team => self.with_seat(|seated, ctx, seat| seated.update(action, ctx, seat)),
            Screen::WhiteCell => {
                let (_, _, console, mut ctx) = self.components();
                console.update(action, &mut ctx)
            }
            _ => {
                let (seating, _, _, mut ctx) = self.components();
                let request = seating.update(action, &mut ctx);
                // The card after the update: the seating may have moved on.
                let max = ui::cards::page_max_scroll(&self.card_screen(), self.screen(), self.size);
                self.seating.clamp_scroll(max);
                request
            }
        };
        self.handle(request);
        if screen == Screen::WhiteCell {
            // A turn played or taken back may have shortened a pane.
            self.console.clamp_scroll(self.size, self.theme);
        }
        self.sync_clock();
    }

    /// Tell the teams elsewhere how the turn's clock stands, when that changed.
    fn sync_clock(&mut self) {
        if !matches!(self.exercise, Exercise::Console(_)) {
            return;
        }
        if let Some(clock) = self.console.clock_due()
            && let Some(c) = self.exercise.control_mut()
        {
            c.set_clock(clock);
        }
    }

    fn update_dialog(&mut self, action: Action) {
        if self.confirming_console {
            self.confirming_console = false;
            if action == Action::Yes {
                self.console_open = true;
                self.refresh();
            }
        } else if let Some(mut typed) = self.pin_entry.take() {
            match action {
                Action::Enter if Some(&typed) == self.pin.as_ref() => {
                    self.console_open = true;
                    self.refresh();
                }
                Action::Enter => {
                    self.status = Some("Wrong PIN: exercise control stays closed.".into())
                }
                Action::Back => {}
                a => {
                    crate::tui::dialog::edit_text(&mut typed, a);
                    self.pin_entry = Some(typed);
                }
            }
        } else if self.seated.dialog().is_some() {
            let request =
                self.with_seat(|seated, ctx, seat| seated.update_dialog(action, ctx, seat));
            self.handle(request);
        } else {
            let (_, _, console, mut ctx) = self.components();
            let request = console.update_dialog(action, &mut ctx);
            self.handle(request);
        }
    }

    /// Run `f` on the seated team's screen with its seat; nothing if no team sits.
    fn with_seat(
        &mut self,
        f: impl FnOnce(&mut SeatedTeam, &mut Context, Seat) -> Option<Request>,
    ) -> Option<Request> {
        let (seating, seated, _, mut ctx) = self.components();
        let Some((team, sent)) = seating.seated_mut() else {
            // No team: a box it left open goes with it.
            seated.close_dialog();
            return None;
        };
        f(seated, &mut ctx, Seat { team, sent })
    }

    /// The components, and the context they apply actions in, borrowed apart.
    fn components(&mut self) -> (&mut Seating, &mut SeatedTeam, &mut Console, Context<'_>) {
        let ctx = Context {
            exercise: &mut self.exercise,
            brief: &self.brief,
            size: self.size,
            theme: self.theme,
            status: &mut self.status,
        };
        (&mut self.seating, &mut self.seated, &mut self.console, ctx)
    }

    fn handle(&mut self, request: Option<Request>) {
        match request {
            None => {}
            Some(Request::Refresh) => self.refresh(),
            Some(Request::SitDown) => {
                self.seated.reset_panes();
                self.refresh();
            }
            Some(Request::Ready) => self.ready(false),
            Some(Request::ReadyConfirmed) => self.ready(true),
            Some(Request::PlayTurn) => self.play_turn(),
            Some(Request::Undo) => self.undo(),
            Some(Request::LeaveConsole) => self.leave_console(),
        }
    }

    /// The seated team says it is ready, or, if it was, that it is not.
    /// With capacity it could still spend, it is asked first (`confirmed`
    /// once it said yes).
    fn ready(&mut self, confirmed: bool) {
        let Some(team) = self.team() else { return };
        if self.finished() {
            self.seating.set_stage(Stage::Finished);
            return;
        }
        if self.is_ready(team) {
            if let Err(e) = self.exercise.set_ready(team, false) {
                self.status = Some(format!("Still ready: {e}"));
                return;
            }
            self.seating.set_stage(Stage::Team);
            self.status = Some("Not ready: your orders are open again.".into());
            return;
        }
        if !confirmed && self.seated.ask_before_ready() {
            return;
        }
        if let Err(e) = self.exercise.set_ready(team, true) {
            self.status = Some(format!("Not ready yet: {e}"));
            return;
        }
        self.next_seat();
    }

    /// Hand the keyboard to the next team that is not ready, or play the turn.
    fn next_seat(&mut self) {
        match self.seating.next_unready(&self.exercise) {
            Some(i) if self.seating.humans() > 1 => {
                self.seating.hand_over(i);
                self.status = None;
                self.seated.reset_panes();
                self.seated.forget_view();
            }
            Some(_) => {}
            None if !self.exercise.plays_when_ready() => {
                let when = match self.clock() {
                    Some(TurnClock { paused: true, .. }) => {
                        "the exercise is paused; exercise control plays the turn when it resumes"
                            .to_string()
                    }
                    Some(TurnClock {
                        seconds_left: Some(s),
                        ..
                    }) => format!(
                        "exercise control plays the turn, at the latest in {}",
                        ui::clock(Duration::from_secs(s))
                    ),
                    _ => "exercise control plays the turn when every team is ready or time is up"
                        .to_string(),
                };
                self.status = Some(format!("Ready: {when}. r reopens your orders."));
            }
            None if self.console.paused() => {
                self.seating.set_stage(Stage::Waiting);
                self.seated.reset_panes();
            }
            None => self.play_turn(),
        }
    }

    /// Play the turn with what is queued, then seat the first team again.
    fn play_turn(&mut self) {
        let Some(control) = self.exercise.control_mut() else {
            return;
        };
        match control.commit() {
            Ok(outcome) => {
                self.console.record_played(&outcome);
                self.turn_played(outcome.turn);
            }
            Err(e) => {
                self.status = Some(format!("The turn could not be committed: {e}"));
            }
        }
    }

    /// A turn was played, here or by the server: a fresh turn for every seat.
    fn turn_played(&mut self, turn: u32) {
        self.seating.new_turn();
        self.console.new_turn();
        self.seated.reset_panes();
        self.seating.seat_bots(&mut self.exercise);
        let back = self.seating.after_turn(self.finished());
        // A team still reading its briefing finishes reading first; under
        // exercise control, the screen comes back when the console closes.
        let reading = matches!(self.seating.stage(), Stage::Briefing | Stage::TeamBrief);
        if self.console_open || !reading {
            self.seating.set_stage(back);
        }
        self.refresh();
        if self.console_open && self.finished() {
            self.status = Some(format!(
                "Turn {turn} played: that was the last turn. The exercise is over; q quits."
            ));
        }
        if self.screen() == Screen::Team {
            let news = self
                .seated
                .view()
                .map_or(0, |v| v.messages.iter().filter(|m| m.turn == turn).count());
            self.status = Some(match news {
                0 => format!("Turn {turn} played: no news yet."),
                1 => format!("Turn {turn} played: 1 new message."),
                n => format!("Turn {turn} played: {n} new messages."),
            });
        }
    }

    /// Take back the last turn, from exercise control.
    fn undo(&mut self) {
        let Some(control) = self.exercise.control_mut() else {
            return;
        };
        match control.undo() {
            Ok(Some(turn)) => {
                self.seating.new_turn();
                self.console.turn_undone(turn);
                self.seated.reset_panes();
                self.seating.seat_bots(&mut self.exercise);
                self.status = Some(format!("Turn {turn} undone."));
                // What shows when the console closes.
                let back = self.seating.after_turn(false);
                self.seating.set_stage(back);
                self.refresh();
            }
            Ok(None) => {
                self.status = Some("Nothing to undo: no turn played, or no journal.".into());
            }
            Err(e) => self.status = Some(format!("Undo failed: {e}")),
        }
    }

    /// Close exercise control. A hot seat goes back through the card, so the
    /// next person at the keyboard sees no team's picture first.
    fn leave_console(&mut self) {
        let stage = match self.seating.stage() {
            Stage::Team | Stage::TeamBrief if !self.single_seat() => Stage::Handover,
            s => s,
        };
        self.seating.set_stage(if self.finished() {
            Stage::Finished
        } else {
            stage
        });
        self.console_open = false;
        self.refresh();
    }

    /// Take in what happened elsewhere: turns the server played, a link that
    /// dropped or came back, teams getting ready. The loop calls it before
    /// every frame; at one keyboard nothing happens elsewhere.
    pub fn poll(&mut self) {
        let news = match &mut self.exercise {
            Exercise::Local(_) => return,
            Exercise::Remote(d) => d.news(),
            Exercise::Console(c) => c.news(),
        };
        for n in news {
            self.take(n);
        }
    }

    fn close_dialogs(&mut self) {
        self.confirming_console = false;
        self.pin_entry = None;
        self.seated.close_dialog();
        self.console.close_dialog();
    }

    fn take(&mut self, news: News) {
        if matches!(
            news,
            News::Played { .. } | News::Undone { .. } | News::Reconnected | News::Finished
        ) {
            self.seated.close_order();
        }
        match news {
            News::Played { turn } => self.turn_played(turn),
            News::Undone { turn } => {
                self.seating.clear_sent();
                self.seated.reset_panes();
                self.close_dialogs();
                if self.screen() == Screen::Finished {
                    self.seating.set_stage(Stage::Team);
                }
                self.refresh();
                self.status = Some(format!(
                    "Exercise control took back turn {turn}: your orders are cleared, plan it again."
                ));
            }
            News::Finished => {
                if self.console_open {
                    self.seating.set_stage(Stage::Finished);
                } else if !matches!(self.seating.stage(), Stage::Briefing | Stage::TeamBrief) {
                    self.close_dialogs();
                    self.seating.set_stage(Stage::Finished);
                }
                self.refresh();
                self.status = Some("The server has played its last turn.".into());
            }
            News::Changed => self.refresh(),
            News::Notice(m) => {
                if self.console_open {
                    let turn = self.turn() + 1;
                    self.console.note_in_log(format!("T{turn} {m}"));
                }
                self.status = Some(m);
                // A notice often comes with a change: a team joined or got ready.
                self.refresh();
            }
            News::Announced(text) => {
                self.status = Some(format!("Exercise control: {text}"));
                self.refresh();
            }
            News::Reconnecting(why) => {
                self.link = Some(format!("Connection lost ({why}): reconnecting…"));
            }
            News::Reconnected => {
                self.link = None;
                self.status = Some("Reconnected.".into());
                self.refresh();
            }
            News::Lost { status, message } => {
                self.lost = Some((status, message));
                self.quit = true;
            }
        }
    }
}

impl super::Interactive for App {
    fn poll(&mut self) {
        App::poll(self);
    }

    fn tick(&self) -> Duration {
        // Four times a second keeps the console's timer moving.
        Duration::from_millis(250)
    }

    fn update(&mut self, action: Action) {
        App::update(self, action);
    }

    fn action_for(&self, event: &Event) -> Option<Action> {
        App::action_for(self, event)
    }

    fn should_quit(&self) -> bool {
        App::should_quit(self)
    }

    fn draw(&self, frame: &mut ratatui::Frame) {
        super::frame::draw(self, frame);
    }

    fn paste(&mut self, text: &str) {
        App::paste(self, text);
    }
}
