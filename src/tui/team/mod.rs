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
pub use orders::{OrderDialog, OrderStep};

use super::app::{Context, Request};
use super::dialog::{ComposeStep, Reader};
use super::exercise::Exercise;
use super::keys::{self, Action, Binding};
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
            TeamDialog::Order(_) => keys::PICKER,
            TeamDialog::Liaison(d) if d.step == ComposeStep::Recipients => keys::PICKER,
            TeamDialog::Liaison(_) => keys::TEXT_BOX,
            TeamDialog::Reader(_) => keys::READER,
        })
    }

    /// Rebuild the view of the team at the keyboard (none if nobody sits)
    /// after anything changed; `sent` is how many liaison messages it sent.
    pub(crate) fn refresh(&mut self, exercise: &Exercise, team: Option<TeamIx>, sent: usize) {
        self.view = match (team, exercise.desk()) {
            (Some(t), Some(d)) => d.view(t),
            _ => None,
        };
        self.action_blocks = self
            .view
            .as_ref()
            .map(|v| v.actions.iter().map(|a| a.blocked()).collect())
            .unwrap_or_default();
        self.clamp(team.map_or(0, |t| queued_len(exercise, t, sent)));
    }

    fn clamp(&mut self, queued: usize) {
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
        let page = usize::from(ctx.size.height / 3).max(1);
        let p = &mut self.panes;
        let mut request = None;
        match action {
            Action::NextPane => p.focus = Some(p.pane().step(true)),
            Action::PrevPane => p.focus = Some(p.pane().step(false)),
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
            Action::Up => self.move_selection(-1),
            Action::Down => self.move_selection(1),
            Action::PageUp => p.log_scroll = p.log_scroll.saturating_sub(page),
            Action::PageDown => p.log_scroll += page,
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
        self.clamp(queued_len(ctx.exercise, seat.team, seat.sent.len()));
        let max = self
            .view
            .as_ref()
            .map_or(0, |v| ui::team::log_max_scroll(v, ctx.size, ctx.theme));
        self.panes.log_scroll = self.panes.log_scroll.min(max);
        request
    }

    /// Apply one action to the open box.
    pub(crate) fn update_dialog(&mut self, action: Action, ctx: &mut Context, seat: Seat) {
        match self.dialog.take() {
            Some(TeamDialog::Reader(r)) => {
                let page = usize::from(ctx.size.height.saturating_sub(8)).max(1);
                self.dialog = r.update(action, page).map(TeamDialog::Reader);
            }
            Some(TeamDialog::Order(d)) => self.update_order(d, action, ctx, seat),
            Some(TeamDialog::Liaison(d)) => self.update_liaison(d, action, ctx, seat),
            None => {}
        }
    }

    fn move_selection(&mut self, d: isize) {
        let step = |v: usize| v.saturating_add_signed(d);
        let p = &mut self.panes;
        match p.pane() {
            Pane::Picture => match p.tab {
                0 | 1 => p.person = step(p.person),
                2 => p.place = step(p.place),
                3 => p.case = step(p.case),
                _ => p.group = step(p.group),
            },
            Pane::Actions => p.action = step(p.action),
            Pane::Queued => p.queued = step(p.queued),
            Pane::Messages => p.log_scroll = step(p.log_scroll),
        }
    }

    /// A click selects the pane under it, and the row or tab under it.
    fn click(&mut self, size: Rect, queued: usize, col: u16, row: u16) {
        let l = ui::team::layout(size);
        let hit = |r: Rect| r.contains(Position::new(col, row));
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
        let count = |f: fn(&TeamView) -> usize| self.view.as_ref().map_or(0, f);
        let p = &mut self.panes;
        if hit(l.actions) {
            p.focus = Some(Pane::Actions);
            let len = count(|v| v.actions.len());
            if let Some(i) = index(ui::team::actions_list_area(l.actions), p.action, len) {
                p.action = i;
            }
        } else if hit(l.queued) {
            p.focus = Some(Pane::Queued);
            if let Some(i) = index(l.queued, p.queued, queued) {
                p.queued = i;
            }
        } else if hit(l.messages) {
            p.focus = Some(Pane::Messages);
        } else if hit(l.picture) || l.details.is_some_and(hit) {
            p.focus = Some(Pane::Picture);
            if let Some(tab) = ui::picture::tab_at(l.picture, p.tab, col, row) {
                p.tab = tab;
            } else if matches!(p.tab, 1 | 3 | 4) {
                let (sel, len) = match p.tab {
                    1 => (p.person, count(|v| v.persons.len())),
                    3 => (p.case, count(|v| v.cases.len())),
                    _ => (p.group, count(|v| v.groups.len())),
                };
                // The list starts under a heading row.
                let list = Rect {
                    y: l.picture.y + 1,
                    height: l.picture.height.saturating_sub(1),
                    ..l.picture
                };
                if let Some(i) = index(list, sel, len) {
                    match p.tab {
                        1 => p.person = i,
                        3 => p.case = i,
                        _ => p.group = i,
                    }
                }
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
        self.dialog = Some(TeamDialog::Reader(Reader::new(
            "Messages, newest first".into(),
            body,
        )));
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
