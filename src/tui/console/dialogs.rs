//! The console's boxes: asking before a turn is played or taken back,
//! firing an inject, a White Cell message to chosen teams, an evaluator's note.

use super::Console;
use crate::engine::orders::LiveInject;
use crate::tui::app::{Context, Request};
use crate::tui::dialog::{ComposeStep, edit_text, move_selection};
use crate::tui::keys::{self, Action, Binding};

/// A box over the console that has the keyboard until closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConsoleDialog {
    /// Play the turn though some teams are not ready?
    ConfirmAdvance,
    /// Take back the last turn?
    ConfirmUndo,
    /// The scenario's injects, to fire one.
    Injects {
        sel: usize,
    },
    Broadcast(BroadcastDialog),
    Note(NoteDialog),
}

impl ConsoleDialog {
    /// The keys the box answers.
    pub fn bindings(&self) -> &'static [Binding] {
        match self {
            ConsoleDialog::ConfirmAdvance | ConsoleDialog::ConfirmUndo => keys::PROMPT,
            ConsoleDialog::Injects { .. } => keys::PICKER,
            ConsoleDialog::Broadcast(b) if b.step == ComposeStep::Recipients => {
                keys::TEAM_CHECKLIST
            }
            ConsoleDialog::Broadcast(_) | ConsoleDialog::Note(_) => keys::TEXT_BOX,
        }
    }
}

/// A White Cell message to chosen teams being written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BroadcastDialog {
    pub step: ComposeStep,
    pub sel: usize,
    /// The teams ticked, in the brief's order; none ticked means every team.
    pub ticked: Vec<bool>,
    pub text: String,
}

impl BroadcastDialog {
    /// A message to none of `teams` teams yet.
    pub fn new(teams: usize) -> BroadcastDialog {
        BroadcastDialog {
            step: ComposeStep::Recipients,
            sel: 0,
            ticked: vec![false; teams],
            text: String::new(),
        }
    }
}

/// An evaluator's note being written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoteDialog {
    pub text: String,
    /// Index of the scenario objective it concerns, if any.
    pub objective: Option<usize>,
}

impl Console {
    /// Apply one action to the open box; playing or taking back the turn is
    /// the application's to do.
    pub(crate) fn update_dialog(&mut self, action: Action, ctx: &mut Context) -> Option<Request> {
        let page = usize::from(ctx.size.height.saturating_sub(8)).max(1);
        match self.dialog.take()? {
            ConsoleDialog::ConfirmAdvance => {
                return (action == Action::Yes).then_some(Request::PlayTurn);
            }
            ConsoleDialog::ConfirmUndo => return (action == Action::Yes).then_some(Request::Undo),
            ConsoleDialog::Injects { sel } => {
                let n = ctx
                    .exercise
                    .control()
                    .map_or(0, |c| c.setup().scenario.injects.len());
                match action {
                    Action::Back => {}
                    Action::Enter => self.fire_inject(sel, ctx),
                    _ => {
                        self.dialog = Some(ConsoleDialog::Injects {
                            sel: move_selection(sel, n, action, page),
                        })
                    }
                }
            }
            ConsoleDialog::Broadcast(d) => self.update_broadcast(d, action, ctx),
            ConsoleDialog::Note(d) => self.update_note(d, action, ctx),
        }
        None
    }

    fn fire_inject(&mut self, i: usize, ctx: &mut Context) {
        let turn = ctx.exercise.turn() + 1;
        let Some(control) = ctx.exercise.control_mut() else {
            return;
        };
        let Some(inj) = control.setup().scenario.injects.get(i) else {
            return;
        };
        let (id, title) = (inj.id.clone(), inj.title.clone());
        control.fire_live(LiveInject {
            inject: Some(id),
            text: String::new(),
            to: Vec::new(),
        });
        self.live.push(format!("inject: {title}"));
        self.log.push(format!(
            "T{turn} fired inject “{title}” (delivered when the turn is played)."
        ));
        ctx.say(format!("“{title}” goes out when turn {turn} is played."));
    }

    fn update_broadcast(&mut self, mut d: BroadcastDialog, action: Action, ctx: &mut Context) {
        let teams = ctx.brief.teams.len();
        match (d.step, action) {
            (_, Action::Back) => return,
            (ComposeStep::Recipients, Action::Toggle) => {
                if let Some(t) = d.ticked.get_mut(d.sel) {
                    *t = !*t;
                }
            }
            (ComposeStep::Recipients, Action::Enter) => d.step = ComposeStep::Text,
            (ComposeStep::Recipients, a) => d.sel = move_selection(d.sel, teams, a, 5),
            (ComposeStep::Text, Action::Enter) => {
                let text = d.text.trim().to_string();
                if text.is_empty() {
                    ctx.say("Write something first, or Esc to cancel.");
                } else {
                    let to: Vec<String> = d
                        .ticked
                        .iter()
                        .enumerate()
                        .filter(|(_, t)| **t)
                        .filter_map(|(i, _)| ctx.brief.teams.get(i).map(|t| t.id.clone()))
                        .collect();
                    let who = if to.is_empty() {
                        "every team".to_string()
                    } else {
                        format!("{} team(s)", to.len())
                    };
                    let turn = ctx.exercise.turn() + 1;
                    let Some(control) = ctx.exercise.control_mut() else {
                        return;
                    };
                    control.fire_live(LiveInject {
                        inject: None,
                        text: text.clone(),
                        to,
                    });
                    self.live.push(format!("message: {text}"));
                    self.log.push(format!("T{turn} message to {who}: “{text}”"));
                    ctx.say(format!(
                        "Message to {who} goes out when turn {turn} is played."
                    ));
                    return;
                }
            }
            (ComposeStep::Text, a) => edit_text(&mut d.text, a),
        }
        self.dialog = Some(ConsoleDialog::Broadcast(d));
    }

    fn update_note(&mut self, mut d: NoteDialog, action: Action, ctx: &mut Context) {
        let objectives = ctx.brief.objectives.len();
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
                    ctx.say("Write the note first, or Esc to cancel.");
                } else {
                    let turn = ctx.exercise.turn();
                    let Some(control) = ctx.exercise.control_mut() else {
                        return;
                    };
                    let objective = d.objective.and_then(|i| {
                        let objectives = &control.setup().scenario.objectives;
                        objectives.get(i).map(|o| o.id.clone())
                    });
                    match control.note(&text, objective.clone()) {
                        Ok(()) => {
                            let about = objective.map(|o| format!(" [{o}]")).unwrap_or_default();
                            self.log.push(format!("T{turn} note{about}: {text}"));
                            ctx.say("Note recorded in the journal.");
                        }
                        Err(e) => ctx.say(format!("The note was not recorded: {e}")),
                    }
                    return;
                }
            }
            a => edit_text(&mut d.text, a),
        }
        self.dialog = Some(ConsoleDialog::Note(d));
    }
}
