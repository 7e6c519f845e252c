//! Outcome counters and the per-turn metrics line.

use std::collections::BTreeMap;

use bevy_ecs::prelude::Resource;
use serde::{Deserialize, Serialize};

use super::setup::TeamIx;
use crate::scenario::{Metric, Scoring};

/// Cumulative outcome counters, for the whole exercise or one team.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counters {
    pub arrested: i64,
    pub convicted: i64,
    pub organisers_convicted: i64,
    pub acquitted: i64,
    pub migrants_moved: i64,
    pub lives_lost: i64,
    pub rescued: i64,
    pub victims_identified: i64,
    pub victims_protected: i64,
    pub assets_seized: i64,
    pub intel_shared: i64,
    pub mla_requests: i64,
    pub jits_formed: i64,
    pub joint_action_days: i64,
    pub migrants_criminalised: i64,
    pub re_trafficked: i64,
    pub groups_intercepted: i64,
    /// People held in exploitation now, not yet identified (a level, not a count).
    pub victims_exploited: i64,
}

impl Counters {
    /// The counters with their metrics, in a stable order.
    pub fn entries(&self) -> [(Metric, i64); 18] {
        [
            (Metric::Arrested, self.arrested),
            (Metric::Convicted, self.convicted),
            (Metric::OrganisersConvicted, self.organisers_convicted),
            (Metric::Acquitted, self.acquitted),
            (Metric::MigrantsMoved, self.migrants_moved),
            (Metric::LivesLost, self.lives_lost),
            (Metric::Rescued, self.rescued),
            (Metric::VictimsIdentified, self.victims_identified),
            (Metric::VictimsProtected, self.victims_protected),
            (Metric::AssetsSeized, self.assets_seized),
            (Metric::IntelShared, self.intel_shared),
            (Metric::MlaRequests, self.mla_requests),
            (Metric::JitsFormed, self.jits_formed),
            (Metric::JointActionDays, self.joint_action_days),
            (Metric::MigrantsCriminalised, self.migrants_criminalised),
            (Metric::ReTrafficked, self.re_trafficked),
            (Metric::GroupsIntercepted, self.groups_intercepted),
            (Metric::VictimsExploited, self.victims_exploited),
        ]
    }

    /// One counter's value; none for the metrics that are not counters.
    pub fn get(&self, metric: Metric) -> Option<i64> {
        self.entries()
            .into_iter()
            .find(|(m, _)| *m == metric)
            .map(|(_, v)| v)
    }

    /// The disruption axis: the network's losses, weighted by the scenario.
    pub fn disruption(&self, w: &Scoring) -> i64 {
        w.per_arrest * self.arrested
            + w.per_conviction * self.convicted
            + w.per_organiser_conviction * self.organisers_convicted
            + w.per_asset_seized * self.assets_seized
    }

    /// The protection axis: people identified and protected, less harm done.
    pub fn protection(&self, w: &Scoring) -> i64 {
        w.per_victim_identified * self.victims_identified
            + w.per_victim_protected * self.victims_protected
            + self.rescued
            - w.per_life_lost * self.lives_lost
            - w.per_migrant_criminalised * self.migrants_criminalised
            - w.per_re_trafficked * self.re_trafficked
            - w.per_victim_exploited * self.victims_exploited
    }
}

/// Counters for the whole exercise and for each team.
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub total: Counters,
    pub teams: Vec<Counters>,
}

impl Tally {
    /// Count something a team achieved (or caused), in its figures and the total.
    pub fn add(&mut self, team: Option<TeamIx>, f: impl Fn(&mut Counters)) {
        f(&mut self.total);
        if let Some(t) = team.and_then(|t| self.teams.get_mut(t)) {
            f(t);
        }
    }
}

/// The metrics of one committed turn, as `run --json` prints them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TurnMetrics {
    /// Flat integer metrics for the whole exercise.
    pub metrics: BTreeMap<String, i64>,
    /// Per-team figures, by team id.
    pub teams: BTreeMap<String, BTreeMap<String, i64>>,
}

impl TurnMetrics {
    /// An exercise-wide metric (0 where missing).
    pub fn get(&self, metric: Metric) -> i64 {
        self.metrics.get(metric.key()).copied().unwrap_or(0)
    }

    /// A team's figure (0 where missing).
    pub fn team(&self, team_id: &str, metric: Metric) -> i64 {
        self.teams
            .get(team_id)
            .and_then(|m| m.get(metric.key()))
            .copied()
            .unwrap_or(0)
    }
}

/// Network capability left, in permille of its start, as a resource so that
/// conditions and the metrics line read one figure.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Capability {
    pub start: u64,
    pub now: u64,
}

impl Capability {
    /// Capability left as permille of the start.
    pub fn permille(&self) -> i64 {
        (self.now * 1000).checked_div(self.start).unwrap_or(0) as i64
    }
}

/// Assemble the metrics line from the counters.
pub fn turn_metrics(
    tally: &Tally,
    capability: &Capability,
    scoring: &Scoring,
    team_ids: &[String],
) -> TurnMetrics {
    let mut metrics: BTreeMap<String, i64> = tally
        .total
        .entries()
        .iter()
        .map(|(k, v)| (k.key().to_string(), *v))
        .collect();
    metrics.insert(
        Metric::NetworkCapability.key().into(),
        capability.permille(),
    );
    metrics.insert(
        Metric::DisruptionScore.key().into(),
        tally.total.disruption(scoring) + (1000 - capability.permille()) / 10,
    );
    metrics.insert(
        Metric::ProtectionScore.key().into(),
        tally.total.protection(scoring),
    );
    let teams = team_ids
        .iter()
        .zip(&tally.teams)
        .map(|(id, c)| {
            let mut m: BTreeMap<String, i64> = c
                .entries()
                .iter()
                .map(|(k, v)| (k.key().to_string(), *v))
                .collect();
            m.insert(Metric::DisruptionScore.key().into(), c.disruption(scoring));
            m.insert(Metric::ProtectionScore.key().into(), c.protection(scoring));
            (id.clone(), m)
        })
        .collect();
    TurnMetrics { metrics, teams }
}
