//! The viewer's model: a journal re-simulated once at load into the state
//! after every turn, so that moving to any turn is a look-up, not a replay.

use std::collections::BTreeMap;

use crate::engine::setup::{Setup, TeamIx};
use crate::engine::{Snapshot, TurnOutcome};
use crate::journal::{Journal, ReplayError};
use crate::view::{
    FacilitatorView, KnowledgeGap, SeatStatus, TeamView, TurnReport, facilitator_view,
    knowledge_gap, team_view, turn_report,
};

/// An evaluator's note, as the viewer shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteLine {
    /// The turn it was written after (0: before the first turn).
    pub turn: u32,
    pub text: String,
    /// The objective it concerns, by its text when the scenario has it.
    pub objective: Option<String>,
}

/// Why a journal cannot be shown.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{0}: no turn was recorded: there is nothing to replay")]
    Empty(String),
    #[error(
        "{name}: the journal does not replay: {source} (check it with `undertow replay {name} --verify`)"
    )]
    Replay { name: String, source: ReplayError },
}

/// A recorded run, turn by turn.
pub struct Timeline {
    /// The journal's file name, as given.
    pub name: String,
    pub title: String,
    /// Turns the scenario has (the `M` of `Turn N/M`).
    pub turns: u32,
    setup: Setup,
    /// How the run named the persons a team had not identified.
    handles: crate::engine::rules::Handles,
    /// The state after each turn: index 0 is the start, `i` after turn `i`.
    states: Vec<Snapshot>,
    outcomes: Vec<TurnOutcome>,
    reports: Vec<TurnReport>,
    notes: Vec<NoteLine>,
    /// What was wrong with the journal past its readable part, if anything.
    pub warning: Option<String>,
}

impl Timeline {
    /// Re-simulate a journal's turns in effect, checking each against its
    /// recorded hash, and keep the state after every one.
    pub fn load(name: &str, journal: &Journal) -> Result<Timeline, LoadError> {
        let err = |source| LoadError::Replay {
            name: name.to_string(),
            source,
        };
        let turns = journal.turns().len();
        if turns == 0 {
            return Err(LoadError::Empty(name.to_string()));
        }
        let mut replay = journal.replay().map_err(err)?;
        let setup = replay.engine().setup().clone();
        let mut states = Vec::with_capacity(turns + 1);
        let mut outcomes = Vec::with_capacity(turns);
        let mut reports = Vec::with_capacity(turns);
        states.push(replay.engine_mut().snapshot());
        while let Some(step) = replay.next() {
            let step = step.map_err(err)?;
            let snap = replay.engine_mut().snapshot();
            reports.push(turn_report(&setup, &snap, &step.input, &step.outcome));
            states.push(snap);
            outcomes.push(step.outcome);
        }
        let objectives = &setup.scenario.objectives;
        let notes = journal
            .notes()
            .into_iter()
            .map(|(turn, text, objective)| NoteLine {
                turn,
                text,
                objective: objective.map(|id| {
                    objectives
                        .iter()
                        .find(|o| o.id == id)
                        .map(|o| o.text.clone())
                        .unwrap_or(id)
                }),
            })
            .collect();
        Ok(Timeline {
            name: name.to_string(),
            title: setup.scenario.title.clone(),
            turns: setup.scenario.turns,
            handles: journal.header.handles(),
            setup,
            states,
            outcomes,
            reports,
            notes,
            warning: journal
                .damage
                .as_ref()
                .map(|d| format!("only the readable part is shown: {d}")),
        })
    }

    /// The last recorded turn (at least 1).
    pub fn last(&self) -> u32 {
        self.outcomes.len() as u32
    }

    /// A turn brought inside the recorded range.
    pub fn clamp(&self, turn: u32) -> u32 {
        turn.clamp(1, self.last())
    }

    fn state(&self, turn: u32) -> &Snapshot {
        let i = (self.clamp(turn) as usize).min(self.states.len() - 1);
        &self.states[i]
    }

    /// The teams' names, in scenario order.
    pub fn team_names(&self) -> Vec<String> {
        self.setup.teams.iter().map(|t| t.name.clone()).collect()
    }

    /// The teams' ids, in scenario order.
    pub fn team_ids(&self) -> Vec<String> {
        self.setup.teams.iter().map(|t| t.id.clone()).collect()
    }

    /// The teams' countries, in scenario order.
    pub fn team_countries(&self) -> Vec<String> {
        self.setup
            .teams
            .iter()
            .map(|t| {
                self.setup
                    .countries
                    .get(t.country.index())
                    .map(|c| c.name.clone())
                    .unwrap_or_default()
            })
            .collect()
    }

    /// What happened in a turn.
    pub fn report(&self, turn: u32) -> &TurnReport {
        &self.reports[self.clamp(turn) as usize - 1]
    }

    /// Evaluator notes written after this turn (those from before the first
    /// turn show with turn 1).
    pub fn notes(&self, turn: u32) -> impl Iterator<Item = &NoteLine> {
        let turn = self.clamp(turn);
        self.notes
            .iter()
            .filter(move |n| n.turn == turn || (turn == 1 && n.turn == 0))
    }

    /// Turns with at least one evaluator note.
    pub fn noted_turns(&self) -> Vec<u32> {
        let mut t: Vec<u32> = self.notes.iter().map(|n| n.turn.max(1)).collect();
        t.sort_unstable();
        t.dedup();
        t
    }

    /// The truth after a turn; each team's orders of that turn shown as queued.
    pub fn truth(&self, turn: u32) -> FacilitatorView {
        let turn = self.clamp(turn);
        let report = self.report(turn);
        let seats: Vec<SeatStatus> = report
            .teams
            .iter()
            .map(|t| SeatStatus {
                ready: true,
                queued: t.orders.len(),
                orders: Vec::new(),
                bot: false,
            })
            .collect();
        let mut v = facilitator_view(
            &self.setup,
            self.state(turn),
            &self.outcomes[..turn as usize],
            &seats,
        );
        for (team, r) in v.teams.iter_mut().zip(&report.teams) {
            team.orders = r.orders.clone();
        }
        v
    }

    /// One team's picture after a turn.
    pub fn team(&self, turn: u32, team: TeamIx) -> TeamView {
        team_view(&self.setup, self.handles, self.state(turn), team)
    }

    /// What one team knew against what was so, after a turn.
    pub fn gap(&self, turn: u32, team: TeamIx) -> KnowledgeGap {
        knowledge_gap(&self.setup, self.state(turn), team)
    }

    /// A metric over turns 1 to `upto`, exercise-wide or for one team (by id).
    pub fn series(&self, metric: &str, team: Option<&str>, upto: u32) -> Vec<i64> {
        let upto = self.clamp(upto) as usize;
        self.outcomes[..upto]
            .iter()
            .map(|o| {
                let m = match team {
                    Some(id) => o.metrics.teams.get(id),
                    None => Some(&o.metrics.metrics),
                };
                m.and_then(|m| m.get(metric)).copied().unwrap_or(0)
            })
            .collect()
    }

    /// The state hash after a recorded turn.
    pub fn hash(&self, turn: u32) -> Option<&str> {
        let i = (turn as usize).checked_sub(1)?;
        self.outcomes.get(i).map(|o| o.state_hash.as_str())
    }

    /// The metrics after a recorded turn: exercise-wide, or one team's (by id).
    pub fn metrics_at(&self, turn: u32, team: Option<&str>) -> Option<&BTreeMap<String, i64>> {
        let i = (turn as usize).checked_sub(1)?;
        let o = self.outcomes.get(i)?;
        match team {
            Some(id) => o.metrics.teams.get(id),
            None => Some(&o.metrics.metrics),
        }
    }

    /// The largest value a metric reaches in the whole run.
    pub fn peak(&self, metric: &str, team: Option<&str>) -> i64 {
        self.series(metric, team, self.last())
            .into_iter()
            .max()
            .unwrap_or(0)
    }
}
