//! Outcome counters and the per-turn metrics line.

use std::collections::BTreeMap;

use bevy_ecs::prelude::Resource;
use serde::{Deserialize, Serialize};

use super::setup::TeamIx;
use crate::scenario::{Metric, Scoring};

/// Cumulative outcome counters, for the whole exercise or one team.
///
/// They cannot overflow: each turn adds at most the people and members the
/// scenario holds, and `check` bounds those and the turns
/// (`scenario::limits`): fewer than 10^12 people in 520 turns, against an
/// `i64`'s 9 × 10^18. The weighted scores, whose weights are the
/// scenario's, saturate instead.
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
    /// Identified victims referred and in protection now (a level: people
    /// returned home leave it).
    pub victims_protected: i64,
    pub assets_seized: i64,
    pub intel_shared: i64,
    pub mla_requests: i64,
    pub jits_formed: i64,
    pub joint_action_days: i64,
    pub migrants_criminalised: i64,
    pub re_trafficked: i64,
    pub groups_intercepted: i64,
    /// Trafficked people held in exploitation now, identified or not (a
    /// level, not a count): identifying them does not free them.
    pub victims_exploited: i64,
    /// People referred to shelter with no indicator of trafficking found:
    /// humanitarian care, not victim protection.
    pub people_sheltered: i64,
    /// Presumed victims penalised after they were identified.
    pub victims_criminalised: i64,
    /// People of groups with children among them who were penalised.
    pub minors_criminalised: i64,
    /// Identified victims referred to protection, all told.
    #[serde(default)]
    pub victims_referred: i64,
}

impl Counters {
    /// The counters with their metrics, in a stable order.
    pub fn entries(&self) -> [(Metric, i64); 22] {
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
            (Metric::PeopleSheltered, self.people_sheltered),
            (Metric::VictimsCriminalised, self.victims_criminalised),
            (Metric::MinorsCriminalised, self.minors_criminalised),
            (Metric::VictimsReferred, self.victims_referred),
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
    /// Saturating: `check` bounds the weights, but a score must never wrap
    /// round to its opposite, whatever a journal's scenario holds.
    pub fn disruption(&self, w: &Scoring) -> i64 {
        weighted(&[
            (w.per_arrest, self.arrested),
            (w.per_conviction, self.convicted),
            (w.per_organiser_conviction, self.organisers_convicted),
            (w.per_asset_seized, self.assets_seized),
        ])
    }

    /// The protection axis: people identified and protected, less harm done
    /// (saturating, as [`Counters::disruption`]).
    pub fn protection(&self, w: &Scoring) -> i64 {
        weighted(&[
            (w.per_victim_identified, self.victims_identified),
            (w.per_victim_protected, self.victims_protected),
            (1, self.rescued),
            (w.per_life_lost.saturating_neg(), self.lives_lost),
            (
                w.per_migrant_criminalised.saturating_neg(),
                self.migrants_criminalised,
            ),
            (w.per_re_trafficked.saturating_neg(), self.re_trafficked),
            (
                w.per_victim_exploited.saturating_neg(),
                self.victims_exploited,
            ),
        ])
    }
}

/// The sum of weight × count, each product and each sum saturating at the
/// ends of `i64`.
fn weighted(terms: &[(i64, i64)]) -> i64 {
    terms
        .iter()
        .fold(0i64, |sum, (w, n)| sum.saturating_add(w.saturating_mul(*n)))
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
        if let Some(t) = team.and_then(|t| self.teams.get_mut(t.index())) {
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
    /// Capability left as permille of the start. A network with no
    /// capability at the start (every member a reserve) has lost none of
    /// it: 1000, not 0, or it would score as destroyed before a turn is played.
    pub fn permille(&self) -> i64 {
        match self.now.saturating_mul(1000).checked_div(self.start) {
            Some(p) => i64::try_from(p).unwrap_or(i64::MAX),
            None => 1000,
        }
    }

    /// The disruption the network's lost capability is worth: a point per
    /// percent lost.
    pub fn lost_points(&self) -> i64 {
        1000i64.saturating_sub(self.permille()) / 10
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
        tally
            .total
            .disruption(scoring)
            .saturating_add(capability.lost_points()),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn extreme(weight: i64) -> Scoring {
        Scoring {
            per_arrest: weight,
            per_conviction: weight,
            per_organiser_conviction: weight,
            per_asset_seized: weight,
            per_victim_identified: weight,
            per_victim_protected: weight,
            per_life_lost: weight,
            per_migrant_criminalised: weight,
            per_re_trafficked: weight,
            per_victim_exploited: weight,
        }
    }

    #[test]
    fn scores_saturate_instead_of_wrapping() {
        let c = Counters {
            arrested: 3,
            convicted: 2,
            organisers_convicted: 1,
            assets_seized: 1,
            victims_identified: 5,
            lives_lost: 7,
            ..Counters::default()
        };
        assert_eq!(c.disruption(&extreme(i64::MAX)), i64::MAX);
        assert_eq!(c.disruption(&extreme(i64::MIN)), i64::MIN);
        // Harm outweighs help at any weight: the protection score is as
        // low as it goes, never wrapped round to a high one.
        let harm = Counters {
            lives_lost: 7,
            ..Counters::default()
        };
        assert_eq!(harm.protection(&extreme(i64::MAX)), i64::MIN);
        assert_eq!(harm.protection(&extreme(i64::MIN)), i64::MAX);
        let most = Counters {
            arrested: i64::MAX,
            ..Counters::default()
        };
        assert_eq!(most.disruption(&Scoring::default()), i64::MAX);
        // Ordinary figures are what they always were.
        let w = Scoring::default();
        assert_eq!(c.disruption(&w), 3 + 2 * 3 + 10 + 2);
        assert_eq!(c.protection(&w), 5 * 2 - 7 * 5);
    }

    #[test]
    fn a_network_of_reserves_scores_no_disruption_at_turn_1() {
        let text = include_str!("../../tests/fixtures/check/valid.ron")
            .replace("reserve: true", "skill: 50")
            .replace("skill: 70)", "skill: 70, reserve: true)")
            .replace("caution: 30)", "caution: 30, reserve: true)")
            .replace("loyalty: 90)", "loyalty: 90, reserve: true)")
            .replace(
                "place: Some(\"cal_city\"))",
                "place: Some(\"cal_city\"), reserve: true)",
            )
            .replace(
                "route: Some(\"land_route\"))",
                "route: Some(\"land_route\"), reserve: true)",
            )
            .replace("loyalty: 40)", "loyalty: 40, reserve: true)")
            .replace(
                "route: Some(\"sea_route\"), skill: 50)",
                "route: Some(\"sea_route\"), reserve: true)",
            )
            .replace("effects: [Activate(\"spare_captain\")]", "effects: []");
        let scenario = crate::scenario::load_scenario("reserves.ron", &text)
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert!(scenario.actors.iter().all(|a| a.reserve));
        let catalog =
            crate::scenario::resolve_catalog(&crate::scenario::default_catalog(), &scenario);
        let setup =
            crate::engine::setup::Setup::new(scenario, catalog).unwrap_or_else(|e| panic!("{e:?}"));
        let mut engine = crate::engine::Engine::new(setup, 1).unwrap_or_else(|e| panic!("{e:?}"));
        let outcome = engine.step(crate::engine::orders::TurnInput::default());
        assert_eq!(outcome.metrics.get(Metric::DisruptionScore), 0);
        assert_eq!(outcome.metrics.get(Metric::NetworkCapability), 1000);
    }

    #[test]
    fn a_network_of_reserves_has_lost_nothing_at_the_start() {
        let none = Capability { start: 0, now: 0 };
        assert_eq!(none.permille(), 1000);
        assert_eq!(none.lost_points(), 0);
        let tally = Tally {
            total: Counters::default(),
            teams: Vec::new(),
        };
        let m = turn_metrics(&tally, &none, &Scoring::default(), &[]);
        assert_eq!(m.get(Metric::DisruptionScore), 0);
        assert_eq!(m.get(Metric::NetworkCapability), 1000);
        // Reserves called up later do not make the ratio divide by zero.
        let woken = Capability { start: 0, now: 500 };
        assert_eq!(woken.permille(), 1000);
        let half = Capability {
            start: 1000,
            now: 500,
        };
        assert_eq!((half.permille(), half.lost_points()), (500, 50));
        let huge = Capability {
            start: 1,
            now: u64::MAX,
        };
        assert_eq!(huge.permille(), i64::MAX);
        assert_eq!(huge.lost_points(), (1000 - i64::MAX) / 10);
    }
}
