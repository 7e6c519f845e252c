//! The seated team's screen: the intelligence picture in tabs, the action
//! panel with the orders and messages queued, and the message log; and the
//! boxes it opens (an order, a liaison message, a text to read).
//!
//! Game rules stay in the session and the views: each action of a team's view
//! lists what it may be aimed at and why not; this only shows the answer.

mod liaison;
mod orders;
#[cfg(test)]
mod tests;

use ratatui::layout::{Position, Rect};

pub use liaison::LiaisonDialog;
pub(crate) use orders::pick;
pub use orders::{OrderDialog, OrderStep};

use super::app::{Context, Request};
use super::dialog::{ComposeStep, Reader};
use super::exercise::Exercise;
use super::keys::{self, Action, Binding};
use super::list::{self, Filter, FilterEdit};
use super::ui;
use crate::engine::orders::Liaison;
use crate::engine::setup::TeamIx;
use crate::view::TeamView;

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

/// Which pane of a team screen has the keyboard, the open tab, the selected
/// entry of each list and how far the message log is scrolled. The replay
/// viewer keeps one for the team picture it shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TeamPanes {
    pub focus: Option<Pane>,
    pub tab: usize,
    pub person: usize,
    pub place: usize,
    pub case: usize,
    pub group: usize,
    pub action: usize,
    pub queued: usize,
    pub log_scroll: usize,
    /// The filter of the list that has the keyboard (cleared when it loses it).
    pub filter: Filter,
}

impl TeamPanes {
    /// The pane that has the keyboard.
    pub fn pane(&self) -> Pane {
        // A team sits down ready to act: the action list has the keyboard.
        self.focus.unwrap_or(Pane::Actions)
    }
}

/// A box over the team screen that has the keyboard until closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TeamDialog {
    /// Turning the selected action into an order.
    Order(OrderDialog),
    /// A liaison message to another team.
    Liaison(LiaisonDialog),
    /// Text to read: the team's brief, an entry's details, the messages.
    Reader(Reader),
    /// End the turn with capacity left?
    ConfirmReady { unused: u32, capacity: u32 },
}

/// The seated team's screen. Its panes start afresh whenever a team sits
/// down, so nothing of one team's screen survives into the next.
#[derive(Debug, Default)]
pub struct SeatedTeam {
    panes: TeamPanes,
    /// The seated team's view, rebuilt whenever the state changes.
    view: Option<TeamView>,
    /// Why each of the view's actions cannot be ordered now (none if it can).
    action_blocks: Vec<Option<String>>,
    dialog: Option<TeamDialog>,
    /// Exercise control's words to the team this turn, delivered at once.
    announcements: Vec<String>,
    /// Rows of the queue pane: orders and messages queued this turn.
    queue_rows: usize,
}

/// The team at the keyboard while the screen handles an action: who it is,
/// and the liaison messages it sent this turn.
pub(crate) struct Seat<'a> {
    pub team: TeamIx,
    pub sent: &'a mut Vec<Liaison>,
}

impl SeatedTeam {
    /// Which pane has the keyboard, and the selections.
    pub fn panes(&self) -> &TeamPanes {
        &self.panes
    }

    /// The seated team's view, while a team is seated.
    pub fn view(&self) -> Option<&TeamView> {
        self.view.as_ref()
    }

    /// Why each of the view's actions cannot be ordered now (none if it can).
    pub fn action_blocks(&self) -> &[Option<String>] {
        &self.action_blocks
    }

    /// The box open over the screen, if any.
    pub fn dialog(&self) -> Option<&TeamDialog> {
        self.dialog.as_ref()
    }

    /// Exercise control's words to the team this turn, delivered at once.
    pub fn announcements(&self) -> &[String] {
        &self.announcements
    }

    /// Ask before the team ends its turn with capacity it could still
    /// spend; whether the question is now open.
    pub(crate) fn ask_before_ready(&mut self) -> bool {
        let Some(v) = &self.view else { return false };
        let unused = v.team.capacity_left;
        // Capacity nothing could be ordered with is not worth a question.
        let could = v
            .actions
            .iter()
            .zip(&self.action_blocks)
            .any(|(a, b)| a.cost > 0 && a.cost <= unused && b.is_none());
        if unused == 0 || !could {
            return false;
        }
        self.dialog = Some(TeamDialog::ConfirmReady {
            unused,
            capacity: v.team.capacity,
        });
        true
    }

    /// The keys of the screen's filter box, while one is being typed.
    pub fn filter_bindings(&self) -> Option<&'static [Binding]> {
        (self.dialog.is_none() && self.panes.filter.typing).then_some(keys::FILTER_BOX)
    }

    /// Pasted text, into the text box that has the keyboard; whether one took it.
    pub(crate) fn paste(&mut self, text: &str) -> bool {
        match &mut self.dialog {
            Some(TeamDialog::Liaison(d)) if d.step == ComposeStep::Text => {
                super::dialog::paste_text(&mut d.text, text);
                true
            }
            Some(TeamDialog::Liaison(d)) if d.filter.typing => {
                d.filter.paste(text);
                true
            }
            Some(TeamDialog::Order(d)) if d.filter.typing => {
                d.filter.paste(text);
                true
            }
            None if self.panes.filter.typing => {
                self.panes.filter.paste(text);
                self.follow_filter();
                true
            }
            _ => false,
        }
    }

    /// Close any box; the panes stay as they are.
    pub(crate) fn close_dialog(&mut self) {
        self.dialog = None;
    }

    /// Close the order box: it offers targets from the view it opened on,
    /// stale once the turn or the link changes under it.
    pub(crate) fn close_order(&mut self) {
        if matches!(self.dialog, Some(TeamDialog::Order(_))) {
            self.dialog = None;
        }
    }

    /// A fresh screen for the next team (or the next turn): first pane, first tab.
    pub(crate) fn reset_panes(&mut self) {
        self.panes = TeamPanes::default();
    }

    /// Forget the view, so nothing of it shows before the next team sits down.
    pub(crate) fn forget_view(&mut self) {
        self.view = None;
    }

    #[cfg(test)]
    pub(crate) fn view_mut(&mut self) -> Option<&mut TeamView> {
        self.view.as_mut()
    }

    /// The key table of the open box, if any.
    pub fn dialog_bindings(&self) -> Option<&'static [Binding]> {
        Some(match self.dialog.as_ref()? {
            TeamDialog::Order(d) if d.filter.typing => keys::FILTER_BOX,
            TeamDialog::Order(_) => keys::PICKER,
            TeamDialog::Liaison(d) if d.step == ComposeStep::Recipients && d.filter.typing => {
                keys::FILTER_BOX
            }
            TeamDialog::Liaison(d) if d.step == ComposeStep::Recipients => keys::PICKER,
            TeamDialog::Liaison(_) => keys::TEXT_BOX,
            TeamDialog::Reader(_) => keys::READER,
            TeamDialog::ConfirmReady { .. } => keys::PROMPT,
        })
    }

    /// Rebuild the view of the team at the keyboard (none if nobody sits)
    /// after anything changed; `sent` is how many liaison messages it sent.
    pub(crate) fn refresh(&mut self, exercise: &Exercise, team: Option<TeamIx>, sent: usize) {
        self.view = match (team, exercise.desk()) {
            (Some(t), Some(d)) => d.view(t),
            _ => None,
        };
        self.announcements = match (team, exercise.desk()) {
            (Some(t), Some(d)) => d.announcements(t),
            _ => Vec::new(),
        };
        self.action_blocks = self
            .view
            .as_ref()
            .map(|v| v.actions.iter().map(|a| a.blocked()).collect())
            .unwrap_or_default();
        self.clamp(team.map_or(0, |t| queued_len(exercise, t, sent)));
    }

    fn clamp(&mut self, queued: usize) {
        self.queue_rows = queued;
        let Some(v) = &self.view else { return };
        let last = |n: usize| n.saturating_sub(1);
        let p = &mut self.panes;
        p.person = p.person.min(last(v.persons.len()));
        p.place = p.place.min(last(v.places.len() + v.routes.len()));
        p.case = p.case.min(last(v.cases.len()));
        p.group = p.group.min(last(v.groups.len()));
        p.action = p.action.min(last(v.actions.len()));
        p.queued = p.queued.min(last(queued));
    }

    /// Apply one action to the screen (no box open). Readiness is the
    /// application's to settle: it may hand the keyboard on or play the turn.
    pub(crate) fn update(
        &mut self,
        action: Action,
        ctx: &mut Context,
        seat: Seat,
    ) -> Option<Request> {
        if self.panes.filter.typing {
            self.edit_filter(action);
            return None;
        }
        let page = ui::team::pane_rows(ctx.size, self.panes.pane());
        let p = &mut self.panes;
        let mut request = None;
        let was = (p.pane(), p.tab);
        match action {
            Action::NextPane => p.focus = Some(p.pane().step(true)),
            Action::PrevPane => p.focus = Some(p.pane().step(false)),
            Action::Back if p.filter.active() => p.filter = Filter::default(),
            Action::Back => p.focus = Some(Pane::Picture),
            Action::Tab(i) => {
                p.tab = i.min(TABS.len() - 1);
                p.focus = Some(Pane::Picture);
            }
            Action::Left if p.pane() == Pane::Picture => {
                p.tab = (p.tab + TABS.len() - 1) % TABS.len()
            }
            Action::Right if p.pane() == Pane::Picture => p.tab = (p.tab + 1) % TABS.len(),
            Action::Left | Action::Right => {}
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Home
            | Action::End => self.move_selection(action, page),
            Action::Filter => match p.pane() {
                Pane::Picture | Pane::Actions => p.filter.start(),
                _ => ctx.say("/ filters a list: the picture's tabs or the actions."),
            },
            Action::Enter => match p.pane() {
                Pane::Actions => self.open_order(ctx, seat.team),
                Pane::Queued => self.remove_queued(ctx, &seat),
                Pane::Picture => self.open_detail(),
                Pane::Messages => self.open_messages(),
            },
            Action::Delete => self.remove_queued(ctx, &seat),
            Action::Ready => request = Some(Request::Ready),
            Action::Compose => self.open_liaison(ctx, seat.team),
            Action::Brief => self.open_brief(),
            Action::Objectives => self.open_objectives(ctx, seat.team),
            Action::Click { col, row } => {
                let queued = queued_len(ctx.exercise, seat.team, seat.sent.len());
                self.click(ctx.size, queued, col, row);
            }
            Action::Wheel { down, .. } => {
                p.log_scroll = if down {
                    p.log_scroll + 3
                } else {
                    p.log_scroll.saturating_sub(3)
                }
            }
            _ => {}
        }
        // A filter belongs to the list it was typed in.
        if (self.panes.pane(), self.panes.tab) != was {
            self.panes.filter = Filter::default();
        }
        self.clamp(queued_len(ctx.exercise, seat.team, seat.sent.len()));
        let max = self.view.as_ref().map_or(0, |v| {
            ui::team::log_max_scroll(v, &self.announcements, ctx.size, ctx.theme)
        });
        self.panes.log_scroll = self.panes.log_scroll.min(max);
        request
    }

    /// Apply one action to the open box; ending the turn is the application's.
    pub(crate) fn update_dialog(
        &mut self,
        action: Action,
        ctx: &mut Context,
        seat: Seat,
    ) -> Option<Request> {
        match self.dialog.take() {
            Some(TeamDialog::Reader(r)) => {
                let page = ui::modal::reader_rows(ctx.size, &r);
                self.dialog = r.update(action, page).map(TeamDialog::Reader);
            }
            Some(TeamDialog::Order(d)) => self.update_order(d, action, ctx, seat),
            Some(TeamDialog::Liaison(d)) => self.update_liaison(d, action, ctx, seat),
            Some(TeamDialog::ConfirmReady { .. }) => {
                return (action == Action::Yes).then_some(Request::ReadyConfirmed);
            }
            None => {}
        }
        None
    }

    /// The names of the focused list's entries, for its filter; none for a
    /// pane that is not a list of named entries.
    fn list_names(&self) -> Option<Vec<String>> {
        let v = self.view.as_ref()?;
        let p = &self.panes;
        Some(match p.pane() {
            Pane::Picture => ui::picture::entry_names(v, p.tab),
            Pane::Actions => v.actions.iter().map(|a| a.name.clone()).collect(),
            _ => return None,
        })
    }

    /// The focused list's selection.
    fn selection(&mut self) -> Option<&mut usize> {
        let p = &mut self.panes;
        Some(match p.pane() {
            Pane::Picture => match p.tab {
                0 | 1 => &mut p.person,
                2 => &mut p.place,
                3 => &mut p.case,
                _ => &mut p.group,
            },
            Pane::Actions => &mut p.action,
            Pane::Queued => &mut p.queued,
            Pane::Messages => return None,
        })
    }

    /// Move the focused list's selection (or scroll the messages), a page
    /// being the rows the pane shows.
    fn move_selection(&mut self, action: Action, page: usize) {
        if self.panes.pane() == Pane::Messages {
            let s = &mut self.panes.log_scroll;
            *s = match action {
                Action::Down => *s + 1,
                Action::Up => s.saturating_sub(1),
                Action::PageDown => *s + page,
                Action::PageUp => s.saturating_sub(page),
                Action::Home => 0,
                // Clamped to the last page after the action.
                _ => usize::MAX,
            };
            return;
        }
        let visible = match self.list_names() {
            Some(names) => self.panes.filter.visible(&names),
            // The queue: every row shows.
            None => (0..self.queue_rows).collect(),
        };
        if let Some(sel) = self.selection() {
            *sel = list::step(*sel, &visible, action, page);
        }
    }

    /// Type into the list's filter; the selection follows the first match.
    fn edit_filter(&mut self, action: Action) {
        match self.panes.filter.edit(action) {
            FilterEdit::Changed => self.follow_filter(),
            FilterEdit::Kept | FilterEdit::Cleared | FilterEdit::Ignored => {}
        }
    }

    /// Keep the selection on an entry the filter shows.
    fn follow_filter(&mut self) {
        let Some(names) = self.list_names() else {
            return;
        };
        let visible = self.panes.filter.visible(&names);
        if let Some(sel) = self.selection()
            && !visible.contains(sel)
            && let Some(&first) = visible.first()
        {
            *sel = first;
        }
    }

    /// A click selects the pane under it, and the row or tab under it.
    fn click(&mut self, size: Rect, queued: usize, col: u16, row: u16) {
        let l = ui::team::layout(size);
        let hit = |r: Rect| r.contains(Position::new(col, row));
        // Rows inside a bordered list: the first item is one row below the
        // top; `visible` are the entries the list shows, `sel` the selection.
        let index = |r: Rect, sel: usize, visible: &[usize]| -> Option<usize> {
            let inner_top = r.y + 1;
            let height = usize::from(r.height.saturating_sub(2));
            if row < inner_top || height == 0 {
                return None;
            }
            let pos = visible.iter().position(|&i| i == sel).unwrap_or(0);
            let at = list::offset(pos, height) + usize::from(row - inner_top);
            visible.get(at).copied()
        };
        let shown = |pane: Pane, tab: usize, me: &SeatedTeam| -> Vec<usize> {
            let Some(v) = &me.view else { return Vec::new() };
            let names = match pane {
                Pane::Actions => v.actions.iter().map(|a| a.name.clone()).collect(),
                _ => ui::picture::entry_names(v, tab),
            };
            // Only the focused list is filtered.
            if me.panes.pane() == pane && me.panes.tab == tab {
                me.panes.filter.visible(&names)
            } else {
                (0..names.len()).collect()
            }
        };
        if hit(l.actions) {
            let visible = shown(Pane::Actions, self.panes.tab, self);
            let p = &mut self.panes;
            p.focus = Some(Pane::Actions);
            if let Some(i) = index(ui::team::actions_list_area(l.actions), p.action, &visible) {
                p.action = i;
            }
        } else if hit(l.queued) {
            let p = &mut self.panes;
            p.focus = Some(Pane::Queued);
            let all: Vec<usize> = (0..queued).collect();
            if let Some(i) = index(l.queued, p.queued, &all) {
                p.queued = i;
            }
        } else if hit(l.messages) {
            self.panes.focus = Some(Pane::Messages);
        } else if hit(l.picture) || l.details.is_some_and(hit) {
            let tab = self.panes.tab;
            let visible = shown(Pane::Picture, tab, self);
            let p = &mut self.panes;
            p.focus = Some(Pane::Picture);
            if let Some(t) = ui::picture::tab_at(l.picture, p.tab, col, row) {
                p.tab = t;
            } else if matches!(p.tab, 1..=4) {
                let sel = match p.tab {
                    1 => p.person,
                    2 => p.place,
                    3 => p.case,
                    _ => p.group,
                };
                // The list starts under a heading row.
                let list = Rect {
                    y: l.picture.y + 1,
                    height: l.picture.height.saturating_sub(1),
                    ..l.picture
                };
                if let Some(i) = index(list, sel, &visible) {
                    match p.tab {
                        1 => p.person = i,
                        2 => p.place = i,
                        3 => p.case = i,
                        _ => p.group = i,
                    }
                }
            }
            if p.tab != tab {
                p.filter = Filter::default();
            }
        }
    }

    fn open_detail(&mut self) {
        let Some(v) = &self.view else { return };
        if let Some((title, body)) = ui::picture::detail(v, &self.panes, 70) {
            self.dialog = Some(TeamDialog::Reader(Reader::new(title, body)));
        }
    }

    fn open_messages(&mut self) {
        let Some(v) = &self.view else { return };
        let mut body = Vec::new();
        for m in ui::team::messages(v, &self.announcements) {
            for (i, l) in super::text::wrap(&m.text, 66).into_iter().enumerate() {
                let lead = if i == 0 {
                    format!("{:<4} {} ", m.when, m.symbol)
                } else {
                    " ".repeat(7)
                };
                body.push(format!("{lead}{l}"));
            }
        }
        if body.is_empty() {
            body.push("No messages yet.".into());
        }
        self.dialog = Some(TeamDialog::Reader(Reader::new(
            "Messages, newest first".into(),
            body,
        )));
    }

    /// The objectives and how the exercise stands against them, as the
    /// debrief will rate them.
    fn open_objectives(&mut self, ctx: &mut Context, team: TeamIx) {
        let standing = ctx.exercise.desk().and_then(|d| d.standing(team));
        let Some(standing) = standing else {
            ctx.say("The objectives are not known here yet.");
            return;
        };
        let body = ui::cards::standing_lines(&standing, 70);
        let title = match standing.turn {
            0 => "Objectives · before the first turn".to_string(),
            t => format!("Objectives · after turn {t}"),
        };
        self.dialog = Some(TeamDialog::Reader(Reader::new(title, body)));
    }

    fn open_brief(&mut self) {
        let Some(v) = &self.view else { return };
        let mut body = super::text::wrap_paragraphs(&v.team.brief, 70);
        body.push(String::new());
        body.extend(ui::team::law_lines(v));
        self.dialog = Some(TeamDialog::Reader(Reader::new(
            format!("{} · brief", v.team.name),
            body,
        )));
    }

    /// Remove the selected queued order; a liaison message cannot be recalled.
    fn remove_queued(&mut self, ctx: &mut Context, seat: &Seat) {
        let team = seat.team;
        if ctx.exercise.is_ready(team) {
            ctx.say("You are ready: press r to reopen your orders.");
            return;
        }
        let mut orders = ctx.exercise.queued(team).to_vec();
        let i = self.panes.queued;
        if i < orders.len() {
            orders.remove(i);
            let said = match ctx.exercise.set_orders(team, orders) {
                Ok(()) => "Order removed.".into(),
                Err(e) => format!("The order was not removed: {e}"),
            };
            ctx.say(said);
            self.refresh(ctx.exercise, Some(team), seat.sent.len());
        } else if i < queued_len(ctx.exercise, team, seat.sent.len()) {
            ctx.say(
                "A liaison message cannot be recalled once sent: it goes out at the end of the turn.",
            );
        }
    }
}

/// Orders and messages a team has queued this turn, as the queue pane lists them.
pub(crate) fn queued_len(exercise: &Exercise, team: TeamIx, sent: usize) -> usize {
    exercise.queued(team).len() + sent
}
