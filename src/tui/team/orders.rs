//! The order box: an action of the team's view becomes an order, aimed at
//! one of the targets the view offers (and, for sharing, about a person).

use super::{Pane, Seat, SeatedTeam, TeamDialog};
use crate::engine::orders::{Order, Target};
use crate::scenario::{ActionKind, TargetKind};
use crate::tui::app::Context;
use crate::tui::dialog::Candidate;
use crate::tui::keys::Action;
use crate::tui::list::{self, Filter, FilterEdit};
use crate::tui::names::GroupNames;
use crate::view::TeamView;

/// Which question the order box is asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderStep {
    Target,
    About,
    /// The turn a joint action day falls on.
    Day,
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
    /// The candidates' filter by name.
    pub filter: Filter,
}

impl OrderDialog {
    /// The candidates the filter shows, by index.
    pub fn visible(&self) -> Vec<usize> {
        let names: Vec<&str> = self.candidates.iter().map(|c| c.label.as_str()).collect();
        self.filter.visible(&names)
    }
}

/// Move a picker's selection or type into its filter: the one place every
/// picker (targets, recipients, injects) takes its keys.
pub(crate) fn pick(
    sel: &mut usize,
    filter: &mut Filter,
    labels: &[&str],
    action: Action,
    page: usize,
) {
    if filter.typing {
        if filter.edit(action) == FilterEdit::Changed {
            let visible = filter.visible(labels);
            if !visible.contains(sel)
                && let Some(&first) = visible.first()
            {
                *sel = first;
            }
        }
        return;
    }
    match action {
        Action::Filter => filter.start(),
        a => *sel = list::step(*sel, &filter.visible(labels), a, page),
    }
}

impl SeatedTeam {
    /// Open the order box for the selected action, unless no order can be given now.
    pub(super) fn open_order(&mut self, ctx: &mut Context, team: crate::engine::setup::TeamIx) {
        let Some(v) = &self.view else { return };
        if ctx.exercise.finished() {
            ctx.say("The exercise is over: no more orders.");
            return;
        }
        if ctx.exercise.is_ready(team) {
            ctx.say("You are ready: press r to reopen your orders.");
            return;
        }
        let action = self.panes.action;
        if action >= v.actions.len() {
            return;
        }
        let candidates = target_candidates(v, action);
        let sel = candidates
            .iter()
            .position(|c| c.blocked.is_none())
            .unwrap_or(0);
        self.dialog = Some(TeamDialog::Order(OrderDialog {
            action,
            step: OrderStep::Target,
            candidates,
            sel,
            target: None,
            target_name: None,
            filter: Filter::default(),
        }));
    }

    pub(super) fn update_order(
        &mut self,
        mut d: OrderDialog,
        action: Action,
        ctx: &mut Context,
        seat: Seat,
    ) {
        let page = usize::from(ctx.size.height.saturating_sub(12)).max(1);
        if d.filter.typing || action == Action::Filter {
            let labels: Vec<String> = d.candidates.iter().map(|c| c.label.clone()).collect();
            let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
            pick(&mut d.sel, &mut d.filter, &labels, action, page);
            self.dialog = Some(TeamDialog::Order(d));
            return;
        }
        match action {
            Action::Back if d.filter.active() => d.filter = Filter::default(),
            Action::Back => {
                if d.step != OrderStep::Target {
                    // Back to the first question rather than out.
                    self.panes.focus = Some(Pane::Actions);
                    self.open_order(ctx, seat.team);
                }
                return;
            }
            Action::Enter => return self.choose(d, ctx, seat),
            _ => d.sel = list::step(d.sel, &d.visible(), action, page),
        }
        self.dialog = Some(TeamDialog::Order(d));
    }

    /// Enter on a candidate: ask the second question, or queue the order.
    fn choose(&mut self, d: OrderDialog, ctx: &mut Context, seat: Seat) {
        let shown = d.visible().contains(&d.sel);
        let Some(c) = d.candidates.get(d.sel).filter(|_| shown).cloned() else {
            self.dialog = Some(TeamDialog::Order(d));
            return;
        };
        if let Some(why) = &c.blocked {
            ctx.say(format!("Not possible: {why}."));
            self.dialog = Some(TeamDialog::Order(d));
            return;
        }
        let Some(v) = &self.view else { return };
        let Some(opt) = v.actions.get(d.action) else {
            return;
        };
        let target = match opt.target {
            TargetKind::Nothing | TargetKind::Asset => Target::Nothing,
            TargetKind::Actor => Target::Actor(c.id.clone()),
            TargetKind::Group => Target::Group(c.id.clone()),
            TargetKind::Team => Target::Team(c.id.clone()),
            TargetKind::Route => Target::Route(c.id.clone()),
            TargetKind::Place => Target::Place(c.id.clone()),
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
                        requirements: Vec::new(),
                    })
                    .collect();
                if candidates.is_empty() {
                    ctx.say("Nobody in your files yet: there is nothing to share.");
                    return;
                }
                return self.ask(d, OrderStep::About, candidates, target, &c.name);
            }
            OrderStep::Target if opt.kind == ActionKind::ActionDayProposal => {
                let candidates = day_candidates(v.turn, v.turns);
                if candidates.is_empty() {
                    ctx.say("Too late for a joint action day: the exercise ends first.");
                    return;
                }
                return self.ask(d, OrderStep::Day, candidates, target, &c.name);
            }
            OrderStep::Target => (target, None),
            OrderStep::About => (d.target.clone().unwrap_or_default(), Some(c.id.clone())),
            OrderStep::Day => (d.target.clone().unwrap_or_default(), None),
        };
        let day = match d.step {
            OrderStep::Day => c.id.parse().ok(),
            _ => None,
        };
        let name = opt.name.clone();
        let team = seat.team;
        let mut orders = ctx.exercise.queued(team).to_vec();
        orders.push(Order {
            team: v.team.id.clone(),
            action: opt.kind,
            target,
            about,
            day,
        });
        if let Err(e) = ctx.exercise.set_orders(team, orders) {
            ctx.say(format!("Not queued: {e}"));
            self.dialog = Some(TeamDialog::Order(d));
            return;
        }
        let on = match (&d.target_name, d.step) {
            (Some(t), OrderStep::About) => format!(" — {t} about {}", c.name),
            (Some(t), OrderStep::Day) => format!(" — {t}, arrests on {}", c.name),
            _ if c.name.is_empty() => String::new(),
            _ => format!(" — {}", c.name),
        };
        let when = crate::tui::ui::team::reports_when(v.turn, v.turns, opt.duration);
        ctx.say(format!("Queued: {name}{on}; {when}."));
        self.refresh(ctx.exercise, Some(team), seat.sent.len());
    }
}

impl SeatedTeam {
    /// The order box's second question, about the target chosen.
    fn ask(
        &mut self,
        d: OrderDialog,
        step: OrderStep,
        candidates: Vec<Candidate>,
        target: Target,
        target_name: &str,
    ) {
        self.dialog = Some(TeamDialog::Order(OrderDialog {
            step,
            candidates,
            sel: 0,
            target: Some(target),
            target_name: Some(target_name.to_string()),
            filter: Filter::default(),
            ..d
        }));
    }
}

/// The turns a joint action day ordered now may fall on: from the notice
/// the partners need to the last turn of the exercise.
fn day_candidates(turn: u32, turns: u32) -> Vec<Candidate> {
    let first = turn + crate::engine::systems::cooperation::ACTION_DAY_NOTICE;
    (first..=turns)
        .map(|day| Candidate {
            label: format!("turn {day} · in {} turns", day - turn),
            name: format!("turn {day}"),
            id: day.to_string(),
            blocked: None,
            requirements: Vec::new(),
        })
        .collect()
}

/// Everything the team could aim one of its actions at, each with the
/// reason it cannot: the view says which and why; this only names them.
fn target_candidates(view: &TeamView, action: usize) -> Vec<Candidate> {
    let Some(opt) = view.actions.get(action) else {
        return Vec::new();
    };
    let groups = GroupNames::of(view);
    opt.targets
        .iter()
        .map(|c| {
            let (label, name, id) = target_names(view, &groups, &c.target);
            Candidate {
                label,
                name,
                id,
                blocked: c.blocked.clone(),
                requirements: c
                    .requirements
                    .iter()
                    .map(|r| (r.text.clone(), r.met))
                    .collect(),
            }
        })
        .collect()
}

/// How a picker shows a target from the team's files: its line, its bare
/// name and the id an order uses.
fn target_names(view: &TeamView, groups: &GroupNames, target: &Target) -> (String, String, String) {
    match target {
        Target::Nothing => (
            "(no target: the whole file)".to_string(),
            String::new(),
            String::new(),
        ),
        Target::Actor(r) => {
            let p = view.persons.iter().find(|p| &p.reference == r);
            let name = p.map_or_else(|| r.clone(), |p| p.name.clone());
            let mut label = name.clone();
            if let Some(role) = p.and_then(|p| p.role.as_ref()) {
                label.push_str(&format!(" · {role}"));
            }
            if let Some(p) = p {
                label.push_str(&format!(" · evidence {}", p.evidence));
            }
            (label, name, r.clone())
        }
        Target::Group(id) => {
            let name = groups.name(id);
            let label = view.groups.iter().find(|g| &g.id == id).map_or_else(
                || name.clone(),
                |g| format!("{name} · {} people · {}", g.size, g.status),
            );
            (label, name, id.clone())
        }
        Target::Team(id) => {
            let t = view.teams.iter().find(|t| &t.id == id);
            let label = t.map_or_else(|| id.clone(), |t| format!("{} ({})", t.name, t.country));
            let name = t.map_or_else(|| id.clone(), |t| t.name.clone());
            (label, name, id.clone())
        }
        Target::Route(id) => {
            let name = view
                .routes
                .iter()
                .find(|r| &r.id == id)
                .map_or_else(|| id.clone(), |r| r.name.clone());
            (name.clone(), name, id.clone())
        }
        Target::Place(id) => {
            let p = view.places.iter().find(|p| &p.id == id);
            let name = p.map_or_else(|| id.clone(), |p| p.name.clone());
            let label = p.map_or_else(|| name.clone(), |p| format!("{name} · {}", p.kind.label()));
            (label, name, id.clone())
        }
    }
}
