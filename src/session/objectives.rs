//! The exercise's objectives as the debrief rates them, after any turn: the
//! after-action report, the teams' objectives box and the end screen read
//! the same ratings, so what a team sees during play is what the report says.

use serde::{Deserialize, Serialize};

use crate::engine::TurnOutcome;
use crate::engine::setup::{Setup, TeamIx};
use crate::scenario::{Criterion, Metric};

/// How an objective stands against its criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    Met,
    PartlyMet,
    NotMet,
    /// The deadline has not come yet and nothing has settled it either way.
    Open,
}

impl Rating {
    /// The rating as reports and screens print it.
    pub fn label(self) -> &'static str {
        match self {
            Rating::Met => "met",
            Rating::PartlyMet => "partly met",
            Rating::NotMet => "not met",
            Rating::Open => "open",
        }
    }

    /// A mark that keeps the rating readable without colour.
    pub fn symbol(self) -> &'static str {
        match self {
            Rating::Met => "✓",
            Rating::PartlyMet => "◐",
            Rating::NotMet => "✗",
            Rating::Open => "…",
        }
    }
}

/// Rate a criterion after turn `last`, reading metrics with `value_at`, with
/// the evidence in words. Before its deadline an objective the run has not
/// yet settled is open, never "not met": a run stopped early is judged on
/// what it could still have done.
pub fn rate(
    criterion: &Criterion,
    last: u32,
    value_at: impl Fn(Metric, u32) -> i64,
) -> (Rating, String) {
    // Scenarios name metrics by key, checked when the scenario loads.
    let value_at = |key: &str, turn: u32| Metric::from_key(key).map_or(0, |m| value_at(m, turn));
    match criterion {
        Criterion::MetricAtLeast {
            metric,
            value,
            by_turn,
        } => {
            let at = (*by_turn).min(last);
            let v = value_at(metric, at);
            let end = value_at(metric, last);
            let mut evidence = format!(
                "{} after turn {at}: {v} (target: at least {value} by turn {by_turn})",
                metric_words(metric)
            );
            let early = at < *by_turn;
            if early {
                evidence.push_str(&format!("; turn {by_turn} has not been played"));
            }
            // Partly met: reached late, or at least half-way by the deadline.
            let rating = if v >= *value {
                Rating::Met
            } else if early {
                Rating::Open
            } else if end >= *value || (v > 0 && v * 2 >= *value) {
                if end >= *value && end != v {
                    evidence.push_str(&format!("; {end} by turn {last}"));
                }
                Rating::PartlyMet
            } else {
                Rating::NotMet
            };
            (rating, evidence)
        }
        Criterion::MetricAtMost {
            metric,
            value,
            by_turn,
        } => {
            let at = (*by_turn).min(last);
            let peak = (1..=at).map(|t| value_at(metric, t)).max().unwrap_or(0);
            let v = value_at(metric, at);
            let mut evidence = format!(
                "{} after turn {at}: {v}, highest {peak} (limit: at most {value} through turn {by_turn})",
                metric_words(metric)
            );
            let early = at < *by_turn;
            if early {
                evidence.push_str(&format!("; turn {by_turn} has not been played"));
            }
            // Partly met: over the limit by no more than half again (at least
            // 1). A limit kept so far may still be broken before the deadline.
            let rating = if peak <= *value {
                if early { Rating::Open } else { Rating::Met }
            } else if peak <= value + (value / 2).max(1) {
                Rating::PartlyMet
            } else {
                Rating::NotMet
            };
            (rating, evidence)
        }
    }
}

/// A metric's key in words: `lives_lost` → `lives lost`.
fn metric_words(key: &str) -> String {
    Metric::from_key(key).map_or_else(|| key.replace('_', " "), Metric::words)
}

/// The metric a criterion reads.
fn criterion_metric(criterion: &Criterion) -> Option<Metric> {
    match criterion {
        Criterion::MetricAtLeast { metric, .. } | Criterion::MetricAtMost { metric, .. } => {
            Metric::from_key(metric)
        }
    }
}

/// Whether the teams may follow a metric during play. Arrests, verdicts,
/// victims found, lives lost and cooperation are outcomes the teams hear
/// of; how much of the network is left, how many people it moved or holds
/// in exploitation are the White Cell's until the debrief.
pub fn followed_in_play(metric: Metric) -> bool {
    !matches!(
        metric,
        Metric::NetworkCapability
            | Metric::MigrantsMoved
            | Metric::VictimsExploited
            | Metric::ReTrafficked
    )
}

/// One objective and how it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectiveStanding {
    /// The objective, in the scenario's words.
    pub text: String,
    /// How it stands; none while its figure is the White Cell's alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<Rating>,
    /// The figures behind the rating, in words.
    pub evidence: String,
}

/// Where the exercise stands after the last committed turn: each objective
/// rated as the debrief will rate it, and the two scores.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Standing {
    /// The last committed turn (0 before the first).
    pub turn: u32,
    pub objectives: Vec<ObjectiveStanding>,
    /// The exercise's disruption score: the network's losses.
    pub disruption: i64,
    /// The exercise's protection score: people identified and protected, less harm done.
    pub protection: i64,
    /// The team's own share of the two scores, when it is a team's standing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_scores: Option<(i64, i64)>,
    /// The exercise is over: every figure is shown.
    #[serde(default)]
    pub over: bool,
}

/// The standing after the committed `outcomes`, for `team` (or the White
/// Cell). While the exercise runs a team sees the rating of each objective
/// whose figure it may follow; once it is over, every rating.
pub fn standing(setup: &Setup, outcomes: &[TurnOutcome], team: Option<TeamIx>) -> Standing {
    let last = outcomes.last().map_or(0, |o| o.turn);
    let value_at = |m: Metric, turn: u32| {
        if turn == 0 {
            return 0;
        }
        outcomes
            .get(turn as usize - 1)
            .map_or(0, |o| o.metrics.get(m))
    };
    let over = last >= setup.scenario.turns;
    let objectives = setup
        .scenario
        .objectives
        .iter()
        .map(|o| {
            let shown = over
                || team.is_none()
                || criterion_metric(&o.criterion).is_some_and(followed_in_play);
            if !shown {
                return ObjectiveStanding {
                    text: o.text.clone(),
                    rating: None,
                    evidence:
                        "rated in the debrief: the figure stays with exercise control until then"
                            .to_string(),
                };
            }
            let (rating, evidence) = rate(&o.criterion, last, value_at);
            ObjectiveStanding {
                text: o.text.clone(),
                rating: Some(rating),
                evidence,
            }
        })
        .collect();
    let team_scores = team.and_then(|t| {
        let id = &setup.teams.get(t.index())?.id;
        let o = outcomes.last()?;
        Some((
            o.metrics.team(id, Metric::DisruptionScore),
            o.metrics.team(id, Metric::ProtectionScore),
        ))
    });
    Standing {
        turn: last,
        objectives,
        disruption: value_at(Metric::DisruptionScore, last),
        protection: value_at(Metric::ProtectionScore, last),
        team_scores,
        over,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at_least(value: i64, by_turn: u32) -> Criterion {
        Criterion::MetricAtLeast {
            metric: "arrested".into(),
            value,
            by_turn,
        }
    }

    fn at_most(value: i64, by_turn: u32) -> Criterion {
        Criterion::MetricAtMost {
            metric: "lives_lost".into(),
            value,
            by_turn,
        }
    }

    #[test]
    fn an_objective_short_of_its_target_is_open_before_its_deadline_and_not_met_after() {
        let flat = |_: Metric, _: u32| 0;
        let (r, evidence) = rate(&at_least(3, 8), 5, flat);
        assert_eq!(r, Rating::Open, "{evidence}");
        assert!(
            evidence.contains("turn 8 has not been played"),
            "{evidence}"
        );
        assert_eq!(rate(&at_least(3, 8), 8, flat).0, Rating::NotMet);
        // Reached early is met at once.
        assert_eq!(rate(&at_least(3, 8), 5, |_, t| i64::from(t)).0, Rating::Met);
        // Half-way by the deadline is partly met.
        assert_eq!(rate(&at_least(4, 8), 8, |_, _| 2).0, Rating::PartlyMet);
    }

    #[test]
    fn a_limit_kept_so_far_is_open_and_a_broken_one_is_rated_at_once() {
        assert_eq!(rate(&at_most(10, 8), 4, |_, _| 3).0, Rating::Open);
        assert_eq!(rate(&at_most(10, 8), 8, |_, _| 3).0, Rating::Met);
        assert_eq!(rate(&at_most(10, 8), 4, |_, _| 30).0, Rating::NotMet);
        assert_eq!(rate(&at_most(10, 8), 4, |_, _| 12).0, Rating::PartlyMet);
    }

    #[test]
    fn teams_follow_outcomes_they_hear_of_and_not_the_network_left() {
        assert!(followed_in_play(Metric::Arrested));
        assert!(followed_in_play(Metric::LivesLost));
        assert!(!followed_in_play(Metric::NetworkCapability));
    }
}
