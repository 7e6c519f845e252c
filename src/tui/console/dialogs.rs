//! The console's boxes: asking before a turn is played or taken back,
//! firing an inject, a White Cell message to chosen teams, an evaluator's note.

use super::Console;
use crate::engine::orders::LiveInject;
use crate::tui::app::{Context, Request};
use crate::tui::dialog::{ComposeStep, edit_text};
use crate::tui::keys::{self, Action, Binding};
use crate::tui::list::{self, Filter};
use crate::tui::team::pick;

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
        filter: Filter,
    },
    Broadcast(BroadcastDialog),
    Note(NoteDialog),
}

impl ConsoleDialog {
    /// The keys the box answers.
    pub fn bindings(&self) -> &'static [Binding] {
        match self {
            ConsoleDialog::ConfirmAdvance | ConsoleDialog::ConfirmUndo => keys::PROMPT,
            ConsoleDialog::Injects { filter, .. } if filter.typing => keys::FILTER_BOX,
            ConsoleDialog::Injects { .. } => keys::PICKER,
            ConsoleDialog::Broadcast(b) if b.step == ComposeStep::Recipients && b.filter.typing => {
                keys::FILTER_BOX
            }
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
    /// The teams' filter by name.
    pub filter: Filter,
}

impl BroadcastDialog {
    /// A message to none of `teams` teams yet.
    pub fn new(teams: usize) -> BroadcastDialog {
        BroadcastDialog {
            step: ComposeStep::Recipients,
            sel: 0,
            ticked: vec![false; teams],
            text: String::new(),
            filter: Filter::default(),
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
            ConsoleDialog::Injects {
                mut sel,
                mut filter,
            } => {
                let titles: Vec<String> = ctx.exercise.control().map_or_else(Vec::new, |c| {
                    c.setup()
                        .scenario
                        .injects
                        .iter()
                        .map(|i| i.title.clone())
                        .collect()
                });
                let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
                match action {
                    _ if filter.typing => pick(&mut sel, &mut filter, &titles, action, page),
                    Action::Back if filter.active() => filter = Filter::default(),
                    Action::Back => return None,
                    Action::Enter if filter.visible(&titles).contains(&sel) => {
                        self.fire_inject(sel, ctx);
                        return None;
                    }
                    Action::Enter => {}
                    a => pick(&mut sel, &mut filter, &titles, a, page),
                }
                self.dialog = Some(ConsoleDialog::Injects { sel, filter });
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
        // An inject that changes the world goes out with its effects, when
        // the turn is played; one that only speaks is heard at once.
        let now = inj.effects.is_empty();
        control.fire_live(LiveInject {
            inject: Some(id),
            text: String::new(),
            to: Vec::new(),
        });
        self.live.push(format!("inject: {title}"));
        if now {
            self.log.push(format!(
                "T{turn} fired inject “{title}”: delivered now (the journal keeps it with turn {turn})."
            ));
            ctx.say(format!("“{title}” delivered now."));
        } else {
            self.log.push(format!(
                "T{turn} fired inject “{title}”: it takes effect, and the teams hear of it, when turn {turn} is played."
            ));
            ctx.say(format!(
                "“{title}” takes effect when turn {turn} is played; the teams hear of it then."
            ));
        }
    }

    fn update_broadcast(&mut self, mut d: BroadcastDialog, action: Action, ctx: &mut Context) {
        let teams = ctx.brief.teams.len();
        let names: Vec<&str> = ctx.brief.teams.iter().map(|t| t.name.as_str()).collect();
        let _ = teams;
        match (d.step, action) {
            (ComposeStep::Recipients, a) if d.filter.typing => {
                pick(&mut d.sel, &mut d.filter, &names, a, 5);
            }
            (ComposeStep::Recipients, Action::Back) if d.filter.active() => {
                d.filter = Filter::default();
            }
            (_, Action::Back) => return,
            (ComposeStep::Recipients, Action::Toggle) => {
                if let Some(t) = d.ticked.get_mut(d.sel) {
                    *t = !*t;
                }
            }
            (ComposeStep::Recipients, Action::Enter) => d.step = ComposeStep::Text,
            (ComposeStep::Recipients, a) => {
                d.sel = list::step(d.sel, &d.filter.visible(&names), a, 5);
                if a == Action::Filter {
                    d.filter.start();
                }
            }
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
                    self.log
                        .push(format!("T{turn} message to {who}, delivered now: “{text}”"));
                    ctx.say(format!("Message delivered to {who} now."));
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
