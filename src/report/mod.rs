//! Debrief reports from a journal: metrics as CSV, the network as a Graphviz
//! link chart, an after-action report and case summaries of joint operations.
//! See `docs/REPORTS.md`.

mod aar;
mod against;
mod case;
mod csv;
pub mod diff;
mod dot;

use crate::scenario::Metric;
use std::collections::BTreeMap;

pub use aar::markdown;
pub use against::{AgainstError, against_sweep};
pub use case::compendium;
pub use csv::csv;
pub use dot::dot;

use crate::engine::setup::{Setup, TeamIx};
use crate::engine::{Snapshot, TurnOutcome};
use crate::journal::{Journal, ReplayError};

/// A run re-simulated from its journal: everything a report reads.
pub struct Run {
    /// The journal's file name, as given.
    pub name: String,
    /// The scenario's file name, as the journal's header keeps it.
    pub scenario_name: String,
    pub setup: Setup,
    pub seed: u64,
    /// How the run named the persons a team had not identified.
    pub handles: crate::engine::rules::Handles,
    /// The outcome of every committed turn in effect, turn 1 first.
    pub outcomes: Vec<TurnOutcome>,
    /// The state after the last committed turn.
    pub last: Snapshot,
    /// Evaluator notes: turn, text, objective id.
    pub notes: Vec<(u32, String, Option<String>)>,
}

impl Run {
    /// Re-simulate a journal, checking every turn against its recorded hash.
    pub fn from_journal(name: &str, journal: &Journal) -> Result<Run, ReplayError> {
        let mut replay = journal.replay()?;
        let mut outcomes = Vec::new();
        for step in replay.by_ref() {
            outcomes.push(step?.outcome);
        }
        let mut engine = replay.into_engine();
        Ok(Run {
            name: name.to_string(),
            scenario_name: journal.header.scenario_name.clone(),
            setup: engine.setup().clone(),
            seed: journal.header.seed,
            handles: journal.header.handles(),
            last: engine.snapshot(),
            outcomes,
            notes: journal.notes(),
        })
    }

    /// The last committed turn (0 before the first).
    pub fn last_turn(&self) -> u32 {
        self.outcomes.last().map(|o| o.turn).unwrap_or(0)
    }

    /// An exercise-wide metric after a turn (turn 0 and missing metrics read 0).
    pub fn metric_at(&self, metric: Metric, turn: u32) -> i64 {
        self.outcome(turn).map_or(0, |o| o.metrics.get(metric))
    }

    /// A team's metric after a turn (0 where missing).
    pub fn team_metric_at(&self, team: TeamIx, metric: Metric, turn: u32) -> i64 {
        let Some(info) = self.setup.teams.get(team.index()) else {
            return 0;
        };
        self.outcome(turn)
            .map_or(0, |o| o.metrics.team(&info.id, metric))
    }

    /// How much a team's metric rose during a turn.
    pub fn team_delta(&self, team: TeamIx, metric: Metric, turn: u32) -> i64 {
        self.team_metric_at(team, metric, turn)
            - self.team_metric_at(team, metric, turn.saturating_sub(1))
    }

    /// How much an exercise-wide metric rose during a turn.
    pub fn delta(&self, metric: Metric, turn: u32) -> i64 {
        self.metric_at(metric, turn) - self.metric_at(metric, turn.saturating_sub(1))
    }

    fn outcome(&self, turn: u32) -> Option<&TurnOutcome> {
        if turn == 0 {
            return None;
        }
        self.outcomes.get(turn as usize - 1)
    }

    /// A team's name and country, as a reader would say it.
    pub fn team_label(&self, team: TeamIx) -> String {
        match self.setup.teams.get(team.index()) {
            Some(t) => format!("{} ({})", t.name, self.country_of(team)),
            None => "an unknown team".to_string(),
        }
    }

    /// The name of a team's country.
    pub fn country_of(&self, team: TeamIx) -> String {
        self.setup
            .teams
            .get(team.index())
            .and_then(|t| self.setup.countries.get(t.country.index()))
            .map(|c| c.name.clone())
            .unwrap_or_default()
    }

    /// Every team's messages in the final state, by turn, each text once.
    pub fn key_messages(
        &self,
        keep: impl Fn(&crate::engine::knowledge::Message) -> bool,
    ) -> BTreeMap<u32, Vec<String>> {
        let mut by_turn: BTreeMap<u32, Vec<String>> = BTreeMap::new();
        for know in &self.last.knowledge.0 {
            for m in know.messages.iter().filter(|m| keep(m)) {
                let list = by_turn.entry(m.turn).or_default();
                if !list.iter().any(|t| t == m.text()) {
                    list.push(m.text().to_string());
                }
            }
        }
        by_turn
    }
}

/// A metric's key in words, for keys read from a run or a scenario:
/// `lives_lost` → `lives lost`.
pub fn metric_words(key: &str) -> String {
    Metric::from_key(key).map_or_else(|| key.replace('_', " "), Metric::words)
}
