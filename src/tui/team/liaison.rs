//! The liaison box: a message from the seated team to another team, through
//! the channels it has, delivered when the turn is played.

use super::{Seat, SeatedTeam, TeamDialog};
use crate::engine::orders::Liaison;
use crate::engine::setup::TeamIx;
use crate::tui::app::Context;
use crate::tui::dialog::{Candidate, ComposeStep, edit_text};
use crate::tui::keys::Action;
use crate::tui::list::Filter;

/// A liaison message being written by a team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiaisonDialog {
    pub step: ComposeStep,
    /// Every other team, blocked where there is no channel to it.
    pub candidates: Vec<Candidate>,
    pub sel: usize,
    pub text: String,
    /// The recipients' filter by name.
    pub filter: Filter,
}

impl SeatedTeam {
    /// Open the liaison box, unless the team is ready.
    pub(super) fn open_liaison(&mut self, ctx: &mut Context, team: TeamIx) {
        let Some(v) = &self.view else { return };
        if ctx.exercise.is_ready(team) {
            ctx.say("You are ready: press r to reopen this turn.");
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
                requirements: Vec::new(),
            })
            .collect();
        let sel = candidates
            .iter()
            .position(|c| c.blocked.is_none())
            .unwrap_or(0);
        self.dialog = Some(TeamDialog::Liaison(LiaisonDialog {
            step: ComposeStep::Recipients,
            candidates,
            sel,
            text: String::new(),
            filter: Filter::default(),
        }));
    }

    pub(super) fn update_liaison(
        &mut self,
        mut d: LiaisonDialog,
        action: Action,
        ctx: &mut Context,
        seat: Seat,
    ) {
        if d.step == ComposeStep::Recipients && (d.filter.typing || action == Action::Filter) {
            let labels: Vec<String> = d.candidates.iter().map(|c| c.label.clone()).collect();
            let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
            super::orders::pick(&mut d.sel, &mut d.filter, &labels, action, 5);
            self.dialog = Some(TeamDialog::Liaison(d));
            return;
        }
        match (d.step, action) {
            (ComposeStep::Recipients, Action::Back) if d.filter.active() => {
                d.filter = Filter::default();
            }
            (_, Action::Back) => return,
            (ComposeStep::Recipients, Action::Enter) => match d.candidates.get(d.sel) {
                Some(c) if c.blocked.is_none() => d.step = ComposeStep::Text,
                Some(c) => ctx.say(format!(
                    "{}: {}.",
                    c.label,
                    c.blocked.clone().unwrap_or_default()
                )),
                None => return,
            },
            (ComposeStep::Recipients, a) => {
                let labels: Vec<&str> = d.candidates.iter().map(|c| c.label.as_str()).collect();
                d.sel = crate::tui::list::step(d.sel, &d.filter.visible(&labels), a, 5);
            }
            (ComposeStep::Text, Action::Enter) => {
                let text = d.text.trim().to_string();
                if text.is_empty() {
                    ctx.say("Write something first, or Esc to cancel.");
                } else if let Some(c) = d.candidates.get(d.sel) {
                    let team = seat.team;
                    let from = ctx
                        .brief
                        .teams
                        .get(team.index())
                        .map(|t| t.id.clone())
                        .unwrap_or_default();
                    let msg = Liaison {
                        from,
                        to: c.id.clone(),
                        text,
                    };
                    if let Err(e) = ctx.exercise.send_liaison(team, &msg.to, &msg.text) {
                        ctx.say(format!("Not sent: {e}"));
                        self.dialog = Some(TeamDialog::Liaison(d));
                        return;
                    }
                    seat.sent.push(msg);
                    ctx.say(format!(
                        "Message to {} goes out at the end of the turn.",
                        c.label
                    ));
                    self.refresh(ctx.exercise, Some(team), seat.sent.len());
                    return;
                }
            }
            (ComposeStep::Text, a) => edit_text(&mut d.text, a),
        }
        self.dialog = Some(TeamDialog::Liaison(d));
    }
}
