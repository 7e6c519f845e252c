//! The application state and `update`: events become actions, actions change
//! the state here, and the screens in `ui` only read it.
//!
//! Game rules stay in the session and the views: the UI asks
//! `view::order_blocker` whether an order is allowed, and shows the answer.

use std::time::Duration;

use crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::layout::Rect;

use super::keys::{self, Action, Binding, Key};
use super::theme::Theme;
use super::ui;
use crate::bots::Policy;
use crate::engine::orders::{Liaison, LiveInject, Order, Target};
use crate::engine::setup::TeamIx;
use crate::scenario::TargetKind;
use crate::session::Session;
use crate::view::{FacilitatorView, SeatStatus, TeamView, facilitator_view, order_blocker};

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

/// A pane of the team screen that can have the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Picture,
    Actions,
    Queued,
    Messages,
}

impl Pane {
    const ALL: [Pane; 4] = [Pane::Picture, Pane::Actions, Pane::Queued, Pane::Messages];

    fn step(self, forward: bool) -> Pane {
        let i = Pane::ALL.iter().position(|p| *p == self).unwrap_or(0);
        let n = Pane::ALL.len();
        Pane::ALL[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }]
    }
}

/// The tabs of the intelligence picture, in order.
pub const TABS: [&str; 5] = ["Network", "Persons", "Places & routes", "Cases", "Migrants"];

/// Panes (or, on a small terminal, tabs) of the exercise-control console.
pub const WHITE_CELL_PANES: [&str; 5] = ["Network", "Teams", "Routes", "Injects", "Log"];

/// A choice in a picker: what it is called, and why it cannot be chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub label: String,
    /// The bare name, for confirmations.
    pub name: String,
    /// The id an order uses for it.
    pub id: String,
    pub blocked: Option<String>,
}

/// Which question the order box is asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderStep {
    Target,
    About,
}

/// The box that turns an action into an order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderDialog {
    /// Index into the view's actions.
    pub action: usize,
    pub step: OrderStep,
    pub candidates: Vec<Candidate>,
    pub sel: usize,
    /// The target chosen in the first step, when a second is needed.
    pub target: Option<Target>,
    /// The name of that target, for the confirmation.
    pub target_name: Option<String>,
}

/// Which question a message box is asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComposeStep {
    Recipients,
    Text,
}

/// A liaison message being written by a team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComposeDialog {
    pub step: ComposeStep,
    pub candidates: Vec<Candidate>,
    pub sel: usize,
    pub text: String,
}

/// A White Cell message to chosen teams being written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BroadcastDialog {
    pub step: ComposeStep,
    pub sel: usize,
    pub ticked: Vec<bool>,
    pub text: String,
}

/// An evaluator's note being written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteDialog {
    pub text: String,
    /// Index of the scenario objective it concerns, if any.
    pub objective: Option<usize>,
}

/// A box over the screen that has the keyboard until closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Modal {
    ConfirmWhiteCell,
    ConfirmAdvance,
    ConfirmUndo,
    Order(OrderDialog),
    Compose(ComposeDialog),
    /// Text to read: a brief, the details of an entry.
    Reader {
        title: String,
        body: Vec<String>,
        scroll: usize,
    },
    Injects {
        sel: usize,
    },
    Broadcast(BroadcastDialog),
    Note(NoteDialog),
}

/// What sits over everything, boxes included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help { scroll: usize },
    Quit,
}

/// The seated team's screen state; reset at every hand-over so nothing of one
/// team's screen survives into the next.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TeamUi {
    pub focus: Option<Pane>,
    pub tab: usize,
    pub person: usize,
    pub place: usize,
    pub case: usize,
    pub group: usize,
    pub action: usize,
    pub queued: usize,
    pub log_scroll: usize,
}

impl TeamUi {
    /// The pane that has the keyboard.
    pub fn pane(&self) -> Pane {
        // A team sits down ready to act: the action list has the keyboard.
        self.focus.unwrap_or(Pane::Actions)
    }
}

/// The console's own state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WhiteCellUi {
    pub pane: usize,
    pub scroll: [usize; 5],
}

/// How the seats are filled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seats {
    /// Teams played at this keyboard, in seating order.
    pub humans: Vec<TeamIx>,
    /// The policy of every other team.
    pub bots: Policy,
}

/// The whole application.
pub struct App {
    pub(crate) session: Session,
    pub(crate) seats: Seats,
    pub(crate) theme: Theme,
    pub(crate) screen: Screen,
    /// Index into `seats.humans` of the team at the keyboard.
    pub(crate) seat: usize,
    pub(crate) modal: Option<Modal>,
    pub(crate) overlay: Option<Overlay>,
    pub(crate) quit: bool,
    pub(crate) ui: TeamUi,
    pub(crate) wc: WhiteCellUi,
    /// The seated team's view, rebuilt whenever the state changes.
    pub(crate) view: Option<TeamView>,
    /// Why each of the view's actions cannot be ordered now (none if it can).
    pub(crate) action_blocks: Vec<Option<String>>,
    /// The truth, while exercise control is open.
    pub(crate) truth: Option<FacilitatorView>,
    pub(crate) paused: bool,
    /// Wall-clock time this turn has been open (for the console's timer).
    pub(crate) elapsed: Duration,
    /// What exercise control did, oldest first.
    pub(crate) log: Vec<String>,
    /// A one-line message for whoever is at the keyboard.
    pub(crate) status: Option<String>,
    /// Liaison messages each team sent this turn (delivered at the commit).
    pub(crate) sent: Vec<Vec<Liaison>>,
    /// Inject titles and messages fired live this turn.
    pub(crate) live: Vec<String>,
    /// Teams that have read their own brief.
    pub(crate) briefed: Vec<bool>,
    pub(crate) briefing_scroll: usize,
    /// The terminal's size, for mouse hits and page lengths.
    pub(crate) size: Rect,
    /// Where the screen came from before exercise control opened.
    pub(crate) before_white_cell: Screen,
}

impl App {
    /// A new application over a session: the briefing first.
    pub fn new(session: Session, seats: Seats, theme: Theme) -> App {
        let teams = session.setup().teams.len();
        let mut humans: Vec<TeamIx> = seats
            .humans
            .iter()
            .copied()
            .filter(|&t| t < teams)
            .collect();
        humans.dedup();
        let mut app = App {
            session,
            seats: Seats {
                humans,
                bots: seats.bots,
            },
            theme,
            screen: Screen::Briefing,
            seat: 0,
            modal: None,
            overlay: None,
            quit: false,
            ui: TeamUi::default(),
            wc: WhiteCellUi::default(),
            view: None,
            action_blocks: Vec::new(),
            truth: None,
            paused: false,
            elapsed: Duration::ZERO,
            log: Vec::new(),
            status: None,
            sent: vec![Vec::new(); teams],
            live: Vec::new(),
            briefed: vec![false; teams],
            briefing_scroll: 0,
            size: Rect::new(0, 0, 80, 24),
            before_white_cell: Screen::Briefing,
        };
        if app.session.turn() > 0 {
            let turn = app.session.turn();
            app.log.push(format!("Resumed after turn {turn}."));
        }
        app.seat_bots();
        app.refresh();
        app
    }

    /// Whether the user has confirmed quitting.
    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// The session the application drives.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The screen under any box.
    pub fn screen(&self) -> Screen {
        self.screen
    }

    /// The box open over the screen, if any.
    pub fn modal(&self) -> Option<&Modal> {
        self.modal.as_ref()
    }

    /// The overlay open over everything, if any.
    pub fn overlay(&self) -> Option<Overlay> {
        self.overlay
    }

    /// The team at the keyboard, if a team is seated.
    pub fn team(&self) -> Option<TeamIx> {
        self.seats.humans.get(self.seat).copied()
    }

    /// The seated team's view.
    pub fn team_view(&self) -> Option<&TeamView> {
        self.view.as_ref()
    }

    /// What the team screen shows, while a team is seated.
    pub fn team_screen(&self) -> Option<ui::team::TeamScreen<'_>> {
        let team = self.team()?;
        Some(ui::team::TeamScreen {
            view: self.view.as_ref()?,
            ui: &self.ui,
            theme: self.theme,
            ready: self.session.is_ready(team),
            paused: self.paused,
            queued: self.session.queued(team),
            sent: self.sent.get(team).map_or(&[], Vec::as_slice),
            action_blocks: &self.action_blocks,
            keys: self.bindings(),
            status: self.status(),
        })
    }

    /// What the console shows, while exercise control is open.
    pub fn console_screen(&self) -> Option<ui::white_cell::ConsoleScreen<'_>> {
        Some(ui::white_cell::ConsoleScreen {
            truth: self.truth.as_ref()?,
            ui: &self.wc,
            theme: self.theme,
            elapsed: self.elapsed,
            paused: self.paused,
            live: &self.live,
            log: &self.log,
            keys: self.bindings(),
            status: self.status(),
        })
    }

    /// The truth, while exercise control is open.
    pub fn truth(&self) -> Option<&FacilitatorView> {
        self.truth.as_ref()
    }

    /// The seated team's screen state.
    pub fn team_ui(&self) -> &TeamUi {
        &self.ui
    }

    /// The one-line status message, if any.
    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    /// Whether one team plays with bots (not hot-seat).
    pub fn single_seat(&self) -> bool {
        self.seats.humans.len() <= 1
    }

    fn is_bot(&self, team: TeamIx) -> bool {
        !self.seats.humans.contains(&team)
    }

    /// Bots decide and are ready at the start of every turn, so the console
    /// shows their orders and a human seat is never kept waiting for them.
    fn seat_bots(&mut self) {
        for team in 0..self.session.setup().teams.len() {
            if self.is_bot(team) {
                let orders = self.session.bot_orders(team, self.seats.bots);
                self.session.set_orders(team, orders);
                self.session.set_ready(team, true);
            }
        }
    }

    /// Rebuild what the screens read after anything changed.
    pub fn refresh(&mut self) {
        self.view = self.team().map(|t| self.session.view(t));
        self.action_blocks = match (&self.view, self.team()) {
            (Some(v), Some(t)) => (0..v.actions.len())
                .map(|i| {
                    let c = self.target_candidates(v, t, i);
                    if c.iter().any(|c| c.blocked.is_none()) {
                        None
                    } else {
                        Some(
                            c.into_iter()
                                .find_map(|c| c.blocked)
                                .unwrap_or_else(|| "nothing to aim it at yet".to_string()),
                        )
                    }
                })
                .collect(),
            _ => Vec::new(),
        };
        self.truth = (self.screen == Screen::WhiteCell).then(|| self.build_truth());
        self.clamp();
    }

    fn build_truth(&self) -> FacilitatorView {
        let s = &self.session;
        let seats: Vec<SeatStatus> = (0..s.setup().teams.len())
            .map(|t| SeatStatus {
                ready: s.is_ready(t),
                queued: s.queued(t).len(),
                orders: s.queued(t).to_vec(),
                bot: self.is_bot(t),
            })
            .collect();
        facilitator_view(s.setup(), s.snapshot(), s.outcomes(), &seats)
    }

    /// Interpreters the team has not yet committed this turn.
    fn interpreters_left(&self, view: &TeamView, team: TeamIx) -> u32 {
        let used = self
            .session
            .queued(team)
            .iter()
            .filter(|o| crate::view::needs_interpreter(self.session.setup(), o.action))
            .count() as u32;
        view.team.interpreters.saturating_sub(used)
    }

    /// Everything the team could aim one of its actions at, each with the
    /// reason it cannot, from the same rules the turn applies.
    fn target_candidates(&self, view: &TeamView, team: TeamIx, action: usize) -> Vec<Candidate> {
        let Some(opt) = view.actions.get(action) else {
            return Vec::new();
        };
        let mut out: Vec<(String, String, Target, String)> = Vec::new();
        match opt.target {
            TargetKind::Nothing => out.push((
                "(no target: the whole file)".to_string(),
                String::new(),
                Target::Nothing,
                String::new(),
            )),
            TargetKind::Actor => {
                for p in &view.persons {
                    let mut label = p.name.clone();
                    if let Some(r) = &p.role {
                        label.push_str(&format!(" · {r}"));
                    }
                    label.push_str(&format!(" · evidence {}", p.evidence));
                    out.push((
                        label,
                        p.name.clone(),
                        Target::Actor(p.reference.clone()),
                        p.reference.clone(),
                    ));
                }
            }
            TargetKind::Group => {
                for g in &view.groups {
                    let label = format!("{} · {} people · {}", g.id, g.size, g.status);
                    out.push((
                        label,
                        g.id.clone(),
                        Target::Group(g.id.clone()),
                        g.id.clone(),
                    ));
                }
            }
            TargetKind::Team => {
                for t in &view.teams {
                    let label = format!("{} ({})", t.name, t.country);
                    out.push((
                        label,
                        t.name.clone(),
                        Target::Team(t.id.clone()),
                        t.id.clone(),
                    ));
                }
            }
            TargetKind::Route => {
                for r in &view.routes {
                    out.push((
                        r.name.clone(),
                        r.name.clone(),
                        Target::Route(r.id.clone()),
                        r.id.clone(),
                    ));
                }
            }
            TargetKind::Asset => {}
        }
        let interpreters = self.interpreters_left(view, team);
        let s = &self.session;
        out.into_iter()
            .map(|(label, name, target, id)| {
                let order = Order {
                    team: view.team.id.clone(),
                    action: opt.kind,
                    target,
                    about: None,
                };
                let blocked = order_blocker(
                    s.setup(),
                    s.seed(),
                    s.snapshot(),
                    team,
                    &order,
                    view.team.capacity_left,
                    interpreters,
                );
                Candidate {
                    label,
                    name,
                    id,
                    blocked,
                }
            })
            .collect()
    }

    fn clamp(&mut self) {
        let Some(v) = &self.view else { return };
        let last = |n: usize| n.saturating_sub(1);
        self.ui.person = self.ui.person.min(last(v.persons.len()));
        self.ui.place = self.ui.place.min(last(v.places.len() + v.routes.len()));
        self.ui.case = self.ui.case.min(last(v.cases.len()));
        self.ui.group = self.ui.group.min(last(v.groups.len()));
        self.ui.action = self.ui.action.min(last(v.actions.len()));
        let queued = self.team().map(|t| self.queued_len(t)).unwrap_or(0);
        self.ui.queued = self.ui.queued.min(last(queued));
    }

    /// Orders and messages the team has queued this turn, as the queue pane lists them.
    pub(crate) fn queued_len(&self, team: TeamIx) -> usize {
        self.session.queued(team).len() + self.sent.get(team).map_or(0, Vec::len)
    }

    /// The key table of what has the keyboard now.
    pub fn bindings(&self) -> &'static [Binding] {
        if let Some(o) = self.overlay {
            return match o {
                Overlay::Help { .. } => keys::HELP_KEYS,
                Overlay::Quit => keys::PROMPT,
            };
        }
        self.bindings_beneath()
    }

    /// The key table under any overlay: what the help overlay lists.
    pub fn bindings_beneath(&self) -> &'static [Binding] {
        if let Some(m) = &self.modal {
            return match m {
                Modal::ConfirmWhiteCell | Modal::ConfirmAdvance | Modal::ConfirmUndo => {
                    keys::PROMPT
                }
                Modal::Order(_) | Modal::Injects { .. } => keys::PICKER,
                Modal::Compose(c) if c.step == ComposeStep::Recipients => keys::PICKER,
                Modal::Broadcast(b) if b.step == ComposeStep::Recipients => keys::TEAM_CHECKLIST,
                Modal::Compose(_) | Modal::Broadcast(_) | Modal::Note(_) => keys::TEXT_BOX,
                Modal::Reader { .. } => keys::READER,
            };
        }
        match self.screen {
            Screen::Briefing | Screen::TeamBrief => keys::BRIEFING,
            Screen::Handover => keys::HANDOVER,
            Screen::Waiting => keys::WAITING,
            Screen::Team => keys::TEAM,
            Screen::WhiteCell => keys::WHITE_CELL_KEYS,
            Screen::Finished => keys::FINISHED,
        }
    }

    fn typing(&self) -> bool {
        self.overlay.is_none() && std::ptr::eq(self.bindings(), keys::TEXT_BOX)
    }

    /// The action an input event asks for, in the current context.
    pub fn action_for(&self, event: &Event) -> Option<Action> {
        match event {
            Event::Key(k) if k.kind != KeyEventKind::Release => {
                let key = Key::of(*k)?;
                if let Some(a) = keys::lookup(self.bindings(), key) {
                    return Some(a);
                }
                match key {
                    Key::Char(c) if self.typing() => Some(Action::Type(c)),
                    _ => None,
                }
            }
            Event::Mouse(m) => match m.kind {
                MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                    col: m.column,
                    row: m.row,
                }),
                MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => Some(Action::Wheel {
                    down: m.kind == MouseEventKind::ScrollDown,
                    col: m.column,
                    row: m.row,
                }),
                _ => None,
            },
            Event::Resize(w, h) => Some(Action::Resize {
                width: *w,
                height: *h,
            }),
            Event::Paste(text) if self.typing() => text.chars().next().map(Action::Type),
            _ => None,
        }
    }

    /// Apply one action.
    pub fn update(&mut self, action: Action) {
        match action {
            Action::Resize { width, height } => {
                self.size = Rect::new(0, 0, width, height);
                return;
            }
            Action::Tick(d) => {
                if !self.paused && self.screen != Screen::Finished {
                    self.elapsed += d;
                }
                return;
            }
            _ => {}
        }
        // A status message lasts until the next thing the user does.
        self.status = None;
        if let Some(o) = self.overlay {
            self.update_overlay(o, action);
            return;
        }
        if let Some(m) = self.modal.take() {
            self.update_modal(m, action);
            return;
        }
        match action {
            Action::Help => {
                self.overlay = Some(Overlay::Help { scroll: 0 });
                return;
            }
            Action::Quit => {
                self.overlay = Some(Overlay::Quit);
                return;
            }
            Action::WhiteCell if self.screen != Screen::WhiteCell => {
                self.modal = Some(Modal::ConfirmWhiteCell);
                return;
            }
            _ => {}
        }
        match self.screen {
            Screen::Briefing | Screen::TeamBrief => self.update_briefing(action),
            Screen::Handover => {
                if action == Action::Enter {
                    self.sit_down();
                }
            }
            Screen::Waiting => {
                if action == Action::Ready {
                    match self.team() {
                        Some(t) if self.single_seat() => self.ready(t),
                        _ => self.status = Some("Exercise control holds the turn.".into()),
                    }
                }
            }
            Screen::Team => self.update_team(action),
            Screen::WhiteCell => self.update_white_cell(action),
            Screen::Finished => {
                // One team may look back over its picture; hot-seat teams
                // review theirs in the debrief, each on its own.
                if action == Action::Enter && self.single_seat() {
                    self.ui = TeamUi::default();
                    self.screen = Screen::Team;
                    self.refresh();
                }
            }
        }
    }

    fn update_overlay(&mut self, o: Overlay, action: Action) {
        match (o, action) {
            (Overlay::Quit, Action::Yes) => {
                self.overlay = None;
                self.quit = true;
            }
            (Overlay::Quit, Action::No) => self.overlay = None,
            (Overlay::Help { .. }, Action::Back | Action::Help) => self.overlay = None,
            (Overlay::Help { .. }, Action::Quit) => self.overlay = Some(Overlay::Quit),
            (Overlay::Help { scroll }, Action::Down) => {
                self.overlay = Some(Overlay::Help { scroll: scroll + 1 })
            }
            (Overlay::Help { scroll }, Action::Up) => {
                self.overlay = Some(Overlay::Help {
                    scroll: scroll.saturating_sub(1),
                })
            }
            _ => {}
        }
    }

    fn update_briefing(&mut self, action: Action) {
        let page = usize::from(self.size.height.saturating_sub(6)).max(1);
        match action {
            Action::Enter => {
                self.briefing_scroll = 0;
                if self.screen == Screen::TeamBrief {
                    if let Some(t) = self.team() {
                        self.briefed[t] = true;
                    }
                    self.screen = Screen::Team;
                } else if self.single_seat() {
                    // One team: the briefing already showed its brief.
                    if let Some(t) = self.team() {
                        self.briefed[t] = true;
                    }
                    self.screen = Screen::Team;
                } else {
                    self.screen = Screen::Handover;
                }
                self.refresh();
            }
            Action::Down => self.briefing_scroll += 1,
            Action::Up => self.briefing_scroll = self.briefing_scroll.saturating_sub(1),
            Action::PageDown => self.briefing_scroll += page,
            Action::PageUp => self.briefing_scroll = self.briefing_scroll.saturating_sub(page),
            _ => {}
        }
    }

    /// The team at the card takes the keyboard.
    fn sit_down(&mut self) {
        self.ui = TeamUi::default();
        self.refresh();
        let briefed = self.team().is_some_and(|t| self.briefed[t]);
        self.screen = if briefed {
            Screen::Team
        } else {
            Screen::TeamBrief
        };
    }

    fn update_team(&mut self, action: Action) {
        let Some(team) = self.team() else { return };
        let page = usize::from(self.size.height / 3).max(1);
        match action {
            Action::NextPane => self.ui.focus = Some(self.ui.pane().step(true)),
            Action::PrevPane => self.ui.focus = Some(self.ui.pane().step(false)),
            Action::Back => self.ui.focus = Some(Pane::Picture),
            Action::Tab(i) => {
                self.ui.tab = i.min(TABS.len() - 1);
                self.ui.focus = Some(Pane::Picture);
            }
            Action::Left if self.ui.pane() == Pane::Picture => {
                self.ui.tab = (self.ui.tab + TABS.len() - 1) % TABS.len()
            }
            Action::Right if self.ui.pane() == Pane::Picture => {
                self.ui.tab = (self.ui.tab + 1) % TABS.len()
            }
            Action::Left | Action::Right => {}
            Action::Up => self.move_sel(-1),
            Action::Down => self.move_sel(1),
            Action::PageUp => self.ui.log_scroll = self.ui.log_scroll.saturating_sub(page),
            Action::PageDown => self.ui.log_scroll += page,
            Action::Enter => match self.ui.pane() {
                Pane::Actions => self.open_order(),
                Pane::Queued => self.delete_queued(team),
                Pane::Picture => self.open_detail(),
                Pane::Messages => self.open_messages(),
            },
            Action::Delete => self.delete_queued(team),
            Action::Ready => self.ready(team),
            Action::Compose => self.open_compose(),
            Action::Brief => self.open_brief(),
            Action::Click { col, row } => self.click_team(col, row),
            Action::Wheel { down, .. } => {
                self.ui.log_scroll = if down {
                    self.ui.log_scroll + 3
                } else {
                    self.ui.log_scroll.saturating_sub(3)
                }
            }
            _ => {}
        }
        self.clamp();
        let max = self
            .view
            .as_ref()
            .map_or(0, |v| ui::team::log_max_scroll(v, self.size, self.theme));
        self.ui.log_scroll = self.ui.log_scroll.min(max);
    }

    fn move_sel(&mut self, d: isize) {
        let step = |v: usize| v.saturating_add_signed(d);
        match self.ui.pane() {
            Pane::Picture => match self.ui.tab {
                0 | 1 => self.ui.person = step(self.ui.person),
                2 => self.ui.place = step(self.ui.place),
                3 => self.ui.case = step(self.ui.case),
                _ => self.ui.group = step(self.ui.group),
            },
            Pane::Actions => self.ui.action = step(self.ui.action),
            Pane::Queued => self.ui.queued = step(self.ui.queued),
            Pane::Messages => self.ui.log_scroll = step(self.ui.log_scroll),
        }
    }

    fn click_team(&mut self, col: u16, row: u16) {
        let l = ui::team::layout(self.size);
        let hit = |r: Rect| r.contains(ratatui::layout::Position::new(col, row));
        // Rows inside a bordered list: the first item is one row below the top.
        let index = |r: Rect, sel: usize, len: usize| -> Option<usize> {
            let inner_top = r.y + 1;
            let height = usize::from(r.height.saturating_sub(2));
            if row < inner_top || height == 0 {
                return None;
            }
            let i = ui::list_offset(sel, height) + usize::from(row - inner_top);
            (i < len).then_some(i)
        };
        if hit(l.actions) {
            self.ui.focus = Some(Pane::Actions);
            let len = self.view.as_ref().map_or(0, |v| v.actions.len());
            if let Some(i) = index(ui::team::actions_list_area(l.actions), self.ui.action, len) {
                self.ui.action = i;
            }
        } else if hit(l.queued) {
            self.ui.focus = Some(Pane::Queued);
            let len = self.team().map_or(0, |t| self.queued_len(t));
            if let Some(i) = index(l.queued, self.ui.queued, len) {
                self.ui.queued = i;
            }
        } else if hit(l.messages) {
            self.ui.focus = Some(Pane::Messages);
        } else if hit(l.picture) || l.details.is_some_and(hit) {
            self.ui.focus = Some(Pane::Picture);
            if let Some(tab) = ui::team::tab_at(l.picture, self.ui.tab, col, row) {
                self.ui.tab = tab;
            } else if matches!(self.ui.tab, 1 | 3 | 4) {
                let (sel, len) = match self.ui.tab {
                    1 => (
                        self.ui.person,
                        self.view.as_ref().map_or(0, |v| v.persons.len()),
                    ),
                    3 => (
                        self.ui.case,
                        self.view.as_ref().map_or(0, |v| v.cases.len()),
                    ),
                    _ => (
                        self.ui.group,
                        self.view.as_ref().map_or(0, |v| v.groups.len()),
                    ),
                };
                // The list starts under a heading row.
                let list = Rect {
                    y: l.picture.y + 1,
                    height: l.picture.height.saturating_sub(1),
                    ..l.picture
                };
                if let Some(i) = index(list, sel, len) {
                    match self.ui.tab {
                        1 => self.ui.person = i,
                        3 => self.ui.case = i,
                        _ => self.ui.group = i,
                    }
                }
            }
        }
    }

    fn open_order(&mut self) {
        let (Some(v), Some(t)) = (&self.view, self.team()) else {
            return;
        };
        if self.session.finished() {
            self.status = Some("The exercise is over: no more orders.".into());
            return;
        }
        if self.session.is_ready(t) {
            self.status = Some("You are ready: press r to reopen your orders.".into());
            return;
        }
        let action = self.ui.action;
        if action >= v.actions.len() {
            return;
        }
        let candidates = self.target_candidates(v, t, action);
        let sel = candidates
            .iter()
            .position(|c| c.blocked.is_none())
            .unwrap_or(0);
        self.modal = Some(Modal::Order(OrderDialog {
            action,
            step: OrderStep::Target,
            candidates,
            sel,
            target: None,
            target_name: None,
        }));
    }

    fn open_detail(&mut self) {
        let Some(v) = &self.view else { return };
        if let Some((title, body)) = ui::team::detail(v, &self.ui, 70) {
            self.modal = Some(Modal::Reader {
                title,
                body,
                scroll: 0,
            });
        }
    }

    fn open_messages(&mut self) {
        let Some(v) = &self.view else { return };
        let mut body = Vec::new();
        for m in &v.messages {
            for (i, l) in super::text::wrap(&m.text, 66).into_iter().enumerate() {
                let lead = if i == 0 {
                    format!("T{:<3} {} ", m.turn, super::theme::message_symbol(m.kind))
                } else {
                    " ".repeat(7)
                };
                body.push(format!("{lead}{l}"));
            }
        }
        if body.is_empty() {
            body.push("No messages yet.".into());
        }
        self.modal = Some(Modal::Reader {
            title: "Messages, newest first".into(),
            body,
            scroll: 0,
        });
    }

    fn open_brief(&mut self) {
        let Some(v) = &self.view else { return };
        let mut body = super::text::wrap_paragraphs(&v.team.brief, 70);
        body.push(String::new());
        body.extend(ui::team::law_lines(v));
        self.modal = Some(Modal::Reader {
            title: format!("{} · brief", v.team.name),
            body,
            scroll: 0,
        });
    }

    fn open_compose(&mut self) {
        let (Some(v), Some(t)) = (&self.view, self.team()) else {
            return;
        };
        if self.session.is_ready(t) {
            self.status = Some("You are ready: press r to reopen this turn.".into());
            return;
        }
        let candidates: Vec<Candidate> = v
            .teams
            .iter()
            .map(|o| Candidate {
                label: format!("{} ({})", o.name, o.country),
                name: o.name.clone(),
                id: o.id.clone(),
                blocked: (!o.channel)
                    .then(|| "no channel: post a liaison officer or form a joint team".to_string()),
            })
            .collect();
        let sel = candidates
            .iter()
            .position(|c| c.blocked.is_none())
            .unwrap_or(0);
        self.modal = Some(Modal::Compose(ComposeDialog {
            step: ComposeStep::Recipients,
            candidates,
            sel,
            text: String::new(),
        }));
    }

    fn delete_queued(&mut self, team: TeamIx) {
        if self.session.is_ready(team) {
            self.status = Some("You are ready: press r to reopen your orders.".into());
            return;
        }
        let orders = self.session.queued(team).to_vec();
        let i = self.ui.queued;
        if i < orders.len() {
            let mut orders = orders;
            orders.remove(i);
            self.session.set_orders(team, orders);
            self.status = Some("Order removed.".into());
            self.refresh();
        } else if i < self.queued_len(team) {
            self.status =
                Some("A liaison message cannot be recalled once sent: it goes out at the end of the turn.".into());
        }
    }

    fn ready(&mut self, team: TeamIx) {
        if self.session.finished() {
            self.screen = Screen::Finished;
            return;
        }
        if self.session.is_ready(team) {
            self.session.set_ready(team, false);
            self.screen = Screen::Team;
            self.status = Some("Not ready: your orders are open again.".into());
            return;
        }
        self.session.set_ready(team, true);
        self.next_seat();
    }

    /// Hand the keyboard to the next team that is not ready, or play the turn.
    fn next_seat(&mut self) {
        let n = self.seats.humans.len();
        let next = (1..=n)
            .map(|k| (self.seat + k) % n)
            .find(|&i| !self.session.is_ready(self.seats.humans[i]));
        match next {
            Some(i) if n > 1 => {
                self.seat = i;
                self.status = None;
                self.ui = TeamUi::default();
                self.view = None;
                self.screen = Screen::Handover;
            }
            Some(_) => {}
            None if self.paused => {
                self.screen = Screen::Waiting;
                self.ui = TeamUi::default();
            }
            None => self.commit(),
        }
    }

    /// Play the turn with what is queued, then seat the first team again.
    fn commit(&mut self) {
        match self.session.commit() {
            Ok(outcome) => {
                let m = &outcome.metrics.metrics;
                let get = |k: &str| m.get(k).copied().unwrap_or(0);
                self.log.push(format!(
                    "T{} played · capability {}% · arrested {} · lives lost {} · victims identified {}",
                    outcome.turn,
                    get("network_capability") / 10,
                    get("arrested"),
                    get("lives_lost"),
                    get("victims_identified"),
                ));
                for s in &mut self.sent {
                    s.clear();
                }
                self.live.clear();
                self.elapsed = Duration::ZERO;
                self.seat = 0;
                self.ui = TeamUi::default();
                self.seat_bots();
                let back = if self.session.finished() {
                    Screen::Finished
                } else if self.single_seat() {
                    Screen::Team
                } else {
                    Screen::Handover
                };
                if self.screen == Screen::WhiteCell {
                    self.before_white_cell = back;
                } else {
                    self.screen = back;
                }
                self.refresh();
                if back == Screen::Team {
                    let news = self.view.as_ref().map_or(0, |v| {
                        v.messages.iter().filter(|m| m.turn == outcome.turn).count()
                    });
                    self.status = Some(match news {
                        0 => format!("Turn {} played: no news yet.", outcome.turn),
                        1 => format!("Turn {} played: 1 new message.", outcome.turn),
                        n => format!("Turn {} played: {n} new messages.", outcome.turn),
                    });
                }
            }
            Err(e) => {
                self.status = Some(format!("The turn could not be committed: {e}"));
            }
        }
    }

    fn update_modal(&mut self, modal: Modal, action: Action) {
        if action == Action::Help {
            self.modal = Some(modal);
            self.overlay = Some(Overlay::Help { scroll: 0 });
            return;
        }
        if action == Action::Quit {
            self.modal = Some(modal);
            self.overlay = Some(Overlay::Quit);
            return;
        }
        let page = usize::from(self.size.height.saturating_sub(8)).max(1);
        match modal {
            Modal::ConfirmWhiteCell => {
                if action == Action::Yes {
                    self.before_white_cell = self.screen;
                    self.screen = Screen::WhiteCell;
                    self.refresh();
                }
            }
            Modal::ConfirmAdvance => {
                if action == Action::Yes {
                    self.commit();
                }
            }
            Modal::ConfirmUndo => {
                if action == Action::Yes {
                    self.undo();
                }
            }
            Modal::Reader {
                title,
                body,
                scroll,
            } => {
                let scroll = match action {
                    Action::Back | Action::Enter => return,
                    Action::Down => scroll + 1,
                    Action::Up => scroll.saturating_sub(1),
                    Action::PageDown => scroll + page,
                    Action::PageUp => scroll.saturating_sub(page),
                    _ => scroll,
                };
                let scroll = scroll.min(body.len().saturating_sub(1));
                self.modal = Some(Modal::Reader {
                    title,
                    body,
                    scroll,
                });
            }
            Modal::Order(d) => self.update_order(d, action),
            Modal::Compose(d) => self.update_compose(d, action),
            Modal::Injects { sel } => {
                let n = self.session.setup().scenario.injects.len();
                let sel = match action {
                    Action::Back => return,
                    Action::Enter => {
                        self.fire_inject(sel);
                        return;
                    }
                    _ => list_move(sel, n, action, page),
                };
                self.modal = Some(Modal::Injects { sel });
            }
            Modal::Broadcast(d) => self.update_broadcast(d, action),
            Modal::Note(d) => self.update_note(d, action),
        }
    }

    fn update_order(&mut self, mut d: OrderDialog, action: Action) {
        let page = usize::from(self.size.height.saturating_sub(12)).max(1);
        match action {
            Action::Back => {
                if d.step == OrderStep::About {
                    // Back to the first question rather than out.
                    self.ui.focus = Some(Pane::Actions);
                    self.open_order();
                }
                return;
            }
            Action::Enter => {
                let Some(c) = d.candidates.get(d.sel).cloned() else {
                    self.modal = Some(Modal::Order(d));
                    return;
                };
                if let Some(why) = &c.blocked {
                    self.status = Some(format!("Not possible: {why}."));
                    self.modal = Some(Modal::Order(d));
                    return;
                }
                let (Some(v), Some(team)) = (&self.view, self.team()) else {
                    return;
                };
                let Some(opt) = v.actions.get(d.action) else {
                    return;
                };
                let target = match opt.target {
                    TargetKind::Nothing | TargetKind::Asset => Target::Nothing,
                    TargetKind::Actor => Target::Actor(c.id.clone()),
                    TargetKind::Group => Target::Group(c.id.clone()),
                    TargetKind::Team => Target::Team(c.id.clone()),
                    TargetKind::Route => Target::Route(c.id.clone()),
                };
                let (target, about) = match d.step {
                    OrderStep::Target if opt.needs_about => {
                        let candidates: Vec<Candidate> = v
                            .persons
                            .iter()
                            .map(|p| Candidate {
                                label: format!("{} · evidence {}", p.name, p.evidence),
                                name: p.name.clone(),
                                id: p.reference.clone(),
                                blocked: None,
                            })
                            .collect();
                        if candidates.is_empty() {
                            self.status =
                                Some("Nobody in your files yet: there is nothing to share.".into());
                            return;
                        }
                        self.modal = Some(Modal::Order(OrderDialog {
                            step: OrderStep::About,
                            candidates,
                            sel: 0,
                            target: Some(target),
                            target_name: Some(c.name.clone()),
                            ..d
                        }));
                        return;
                    }
                    OrderStep::Target => (target, None),
                    OrderStep::About => (d.target.clone().unwrap_or_default(), Some(c.id.clone())),
                };
                let name = opt.name.clone();
                let mut orders = self.session.queued(team).to_vec();
                orders.push(Order {
                    team: v.team.id.clone(),
                    action: opt.kind,
                    target,
                    about,
                });
                self.session.set_orders(team, orders);
                let on = match (&d.target_name, d.step) {
                    (Some(t), OrderStep::About) => format!(" — {t} about {}", c.name),
                    _ if c.name.is_empty() => String::new(),
                    _ => format!(" — {}", c.name),
                };
                self.status = Some(format!("Queued: {name}{on}."));
                self.refresh();
                return;
            }
            _ => d.sel = list_move(d.sel, d.candidates.len(), action, page),
        }
        self.modal = Some(Modal::Order(d));
    }

    fn update_compose(&mut self, mut d: ComposeDialog, action: Action) {
        match (d.step, action) {
            (_, Action::Back) => return,
            (ComposeStep::Recipients, Action::Enter) => match d.candidates.get(d.sel) {
                Some(c) if c.blocked.is_none() => d.step = ComposeStep::Text,
                Some(c) => {
                    self.status = Some(format!(
                        "{}: {}.",
                        c.label,
                        c.blocked.clone().unwrap_or_default()
                    ))
                }
                None => return,
            },
            (ComposeStep::Recipients, a) => {
                d.sel = list_move(d.sel, d.candidates.len(), a, 5);
            }
            (ComposeStep::Text, Action::Enter) => {
                let text = d.text.trim().to_string();
                if text.is_empty() {
                    self.status = Some("Write something first, or Esc to cancel.".into());
                } else if let (Some(team), Some(c)) = (self.team(), d.candidates.get(d.sel)) {
                    let from = self.session.setup().teams[team].id.clone();
                    let msg = Liaison {
                        from,
                        to: c.id.clone(),
                        text,
                    };
                    self.session.send_liaison(msg.clone());
                    if let Some(s) = self.sent.get_mut(team) {
                        s.push(msg);
                    }
                    self.status = Some(format!(
                        "Message to {} goes out at the end of the turn.",
                        c.label
                    ));
                    self.refresh();
                    return;
                }
            }
            (ComposeStep::Text, a) => edit(&mut d.text, a),
        }
        self.modal = Some(Modal::Compose(d));
    }

    fn update_white_cell(&mut self, action: Action) {
        let page = usize::from(self.size.height / 3).max(1);
        let n = WHITE_CELL_PANES.len();
        match action {
            Action::Back | Action::WhiteCell => {
                self.screen = match self.before_white_cell {
                    // A hot seat goes back through the card, so the next
                    // person at the keyboard sees no team's picture first.
                    Screen::Team | Screen::TeamBrief if !self.single_seat() => Screen::Handover,
                    Screen::WhiteCell => Screen::Handover,
                    s => s,
                };
                if self.session.finished() {
                    self.screen = Screen::Finished;
                }
                self.truth = None;
                self.refresh();
            }
            Action::NextPane => self.wc.pane = (self.wc.pane + 1) % n,
            Action::PrevPane => self.wc.pane = (self.wc.pane + n - 1) % n,
            Action::Down => self.wc.scroll[self.wc.pane] += 1,
            Action::Up => {
                self.wc.scroll[self.wc.pane] = self.wc.scroll[self.wc.pane].saturating_sub(1)
            }
            Action::PageDown => self.wc.scroll[self.wc.pane] += page,
            Action::PageUp => {
                self.wc.scroll[self.wc.pane] = self.wc.scroll[self.wc.pane].saturating_sub(page)
            }
            Action::Advance => {
                if self.session.finished() {
                    self.status = Some("Every turn has been played.".into());
                } else if self.session.all_ready() {
                    self.commit();
                } else {
                    self.modal = Some(Modal::ConfirmAdvance);
                }
            }
            Action::Pause => {
                self.paused = !self.paused;
                if self.paused {
                    self.log
                        .push(format!("T{} paused.", self.session.turn() + 1));
                } else {
                    self.log
                        .push(format!("T{} resumed.", self.session.turn() + 1));
                    if self.session.all_ready() && !self.session.finished() {
                        self.commit();
                    }
                }
            }
            Action::Inject => {
                if self.session.setup().scenario.injects.is_empty() {
                    self.status = Some("This scenario has no injects.".into());
                } else {
                    self.modal = Some(Modal::Injects { sel: 0 });
                }
            }
            Action::MessageTeams => {
                let n = self.session.setup().teams.len();
                self.modal = Some(Modal::Broadcast(BroadcastDialog {
                    step: ComposeStep::Recipients,
                    sel: 0,
                    ticked: vec![false; n],
                    text: String::new(),
                }));
            }
            Action::Undo => {
                if self.session.turn() == 0 {
                    self.status = Some("No turn has been played yet.".into());
                } else {
                    self.modal = Some(Modal::ConfirmUndo);
                }
            }
            Action::Note => {
                self.modal = Some(Modal::Note(NoteDialog {
                    text: String::new(),
                    objective: None,
                }));
            }
            Action::Click { col, row } => {
                if let Some(p) = ui::white_cell::pane_at(self, col, row) {
                    self.wc.pane = p;
                }
            }
            Action::Wheel { down, col, row } => {
                if let Some(p) = ui::white_cell::pane_at(self, col, row) {
                    self.wc.pane = p;
                    let s = &mut self.wc.scroll[p];
                    *s = if down { *s + 3 } else { s.saturating_sub(3) };
                }
            }
            _ => {}
        }
        let max = ui::white_cell::max_scroll(self);
        for (s, m) in self.wc.scroll.iter_mut().zip(max) {
            *s = (*s).min(m);
        }
    }

    fn fire_inject(&mut self, i: usize) {
        let Some(inj) = self.session.setup().scenario.injects.get(i) else {
            return;
        };
        let (id, title) = (inj.id.clone(), inj.title.clone());
        self.session.fire_live(LiveInject {
            inject: Some(id),
            text: String::new(),
            to: Vec::new(),
        });
        let turn = self.session.turn() + 1;
        self.live.push(format!("inject: {title}"));
        self.log.push(format!(
            "T{turn} fired inject “{title}” (delivered when the turn is played)."
        ));
        self.status = Some(format!("“{title}” goes out when turn {turn} is played."));
    }

    fn update_broadcast(&mut self, mut d: BroadcastDialog, action: Action) {
        let teams = self.session.setup().teams.len();
        match (d.step, action) {
            (_, Action::Back) => return,
            (ComposeStep::Recipients, Action::Toggle) => {
                if let Some(t) = d.ticked.get_mut(d.sel) {
                    *t = !*t;
                }
            }
            (ComposeStep::Recipients, Action::Enter) => d.step = ComposeStep::Text,
            (ComposeStep::Recipients, a) => d.sel = list_move(d.sel, teams, a, 5),
            (ComposeStep::Text, Action::Enter) => {
                let text = d.text.trim().to_string();
                if text.is_empty() {
                    self.status = Some("Write something first, or Esc to cancel.".into());
                } else {
                    let setup = self.session.setup();
                    let to: Vec<String> = d
                        .ticked
                        .iter()
                        .enumerate()
                        .filter(|(_, t)| **t)
                        .filter_map(|(i, _)| setup.teams.get(i).map(|t| t.id.clone()))
                        .collect();
                    let who = if to.is_empty() {
                        "every team".to_string()
                    } else {
                        format!("{} team(s)", to.len())
                    };
                    self.session.fire_live(LiveInject {
                        inject: None,
                        text: text.clone(),
                        to,
                    });
                    let turn = self.session.turn() + 1;
                    self.live.push(format!("message: {text}"));
                    self.log.push(format!("T{turn} message to {who}: “{text}”"));
                    self.status = Some(format!(
                        "Message to {who} goes out when turn {turn} is played."
                    ));
                    return;
                }
            }
            (ComposeStep::Text, a) => edit(&mut d.text, a),
        }
        self.modal = Some(Modal::Broadcast(d));
    }

    fn update_note(&mut self, mut d: NoteDialog, action: Action) {
        let objectives = self.session.setup().scenario.objectives.len();
        match action {
            Action::Back => return,
            Action::NextPane => {
                // Cycle: no objective, then each objective in turn.
                d.objective = match d.objective {
                    None if objectives > 0 => Some(0),
                    Some(i) if i + 1 < objectives => Some(i + 1),
                    _ => None,
                };
            }
            Action::Enter => {
                let text = d.text.trim().to_string();
                if text.is_empty() {
                    self.status = Some("Write the note first, or Esc to cancel.".into());
                } else {
                    let objective = d.objective.and_then(|i| {
                        self.session
                            .setup()
                            .scenario
                            .objectives
                            .get(i)
                            .map(|o| o.id.clone())
                    });
                    let turn = self.session.turn();
                    match self.session.note(&text, objective.clone()) {
                        Ok(()) => {
                            let about = objective.map(|o| format!(" [{o}]")).unwrap_or_default();
                            self.log.push(format!("T{turn} note{about}: {text}"));
                            self.status = Some("Note recorded in the journal.".into());
                        }
                        Err(e) => self.status = Some(format!("The note was not recorded: {e}")),
                    }
                    return;
                }
            }
            a => edit(&mut d.text, a),
        }
        self.modal = Some(Modal::Note(d));
    }

    fn undo(&mut self) {
        match self.session.undo() {
            Ok(Some(turn)) => {
                for t in 0..self.session.setup().teams.len() {
                    self.session.set_ready(t, false);
                }
                for s in &mut self.sent {
                    s.clear();
                }
                self.live.clear();
                self.seat = 0;
                self.ui = TeamUi::default();
                self.seat_bots();
                self.log.push(format!(
                    "Turn {turn} undone; the teams are told when the turn is played again."
                ));
                self.status = Some(format!("Turn {turn} undone."));
                self.before_white_cell = if self.single_seat() {
                    Screen::Team
                } else {
                    Screen::Handover
                };
                self.refresh();
            }
            Ok(None) => {
                self.status = Some("Nothing to undo: no turn played, or no journal.".into());
            }
            Err(e) => self.status = Some(format!("Undo failed: {e}")),
        }
    }
}

/// Move a selection in a list of `n` entries.
fn list_move(sel: usize, n: usize, action: Action, page: usize) -> usize {
    let last = n.saturating_sub(1);
    match action {
        Action::Down => (sel + 1).min(last),
        Action::Up => sel.saturating_sub(1),
        Action::PageDown => (sel + page).min(last),
        Action::PageUp => sel.saturating_sub(page),
        Action::Home => 0,
        Action::End => last,
        _ => sel.min(last),
    }
}

/// The longest text a box accepts: the engine keeps 500 characters of a message.
const MAX_TEXT: usize = 500;

fn edit(text: &mut String, action: Action) {
    match action {
        Action::Type(c) if !c.is_control() && text.chars().count() < MAX_TEXT => text.push(c),
        Action::Backspace => {
            text.pop();
        }
        _ => {}
    }
}
