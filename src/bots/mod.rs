//! Team policies that decide from a team's view alone, never from the truth.
//!
//! A bot's orders are a pure function of its view and of a per-team key
//! derived one way from the seed, so the same bot gives the same orders
//! headless, in play, and as a networked client handed that key.

mod foils;
mod investigator;
mod plan;

use serde::{Deserialize, Serialize};

use crate::engine::orders::Order;
use crate::view::TeamView;

pub use investigator::{Care, Cooperation};

/// A built-in team policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Policy {
    /// Does nothing.
    Passive,
    /// A sensible investigator: develops leads, arrests when the evidence
    /// allows, prosecutes, screens and refers, uses the channels it has.
    Baseline,
    /// Shares everything, posts liaison officers, seeks joint teams.
    Cooperative,
    /// Never shares, never asks abroad.
    Siloed,
    /// A teaching foil: arrests the people caught moving migrants (boat
    /// crews, drivers, escorts) and never investigates upward.
    CrewsOnly,
    /// A teaching foil: refers every group it meets to protection without
    /// screening anyone; otherwise passive.
    ReferAll,
    /// A teaching foil: coast guards patrol and interdict every turn; every
    /// other team is passive.
    PatrolOnly,
    /// A teaching foil: investigates, raids and arrests like the baseline,
    /// but screens and refers no one: the people it holds are processed
    /// routinely.
    ProcessAll,
}

impl Policy {
    /// The policy's name as the command line spells it.
    pub fn name(self) -> &'static str {
        match self {
            Policy::Passive => "passive",
            Policy::Baseline => "baseline",
            Policy::Cooperative => "cooperative",
            Policy::Siloed => "siloed",
            Policy::CrewsOnly => "crews-only",
            Policy::ReferAll => "refer-all",
            Policy::PatrolOnly => "patrol-only",
            Policy::ProcessAll => "process-all",
        }
    }

    /// Every policy, in the order `--help` lists them.
    pub const ALL: [Policy; 8] = [
        Policy::Passive,
        Policy::Baseline,
        Policy::Cooperative,
        Policy::Siloed,
        Policy::CrewsOnly,
        Policy::ReferAll,
        Policy::PatrolOnly,
        Policy::ProcessAll,
    ];

    /// The policy the command line spells this way.
    pub fn from_name(name: &str) -> Option<Policy> {
        Policy::ALL.into_iter().find(|p| p.name() == name)
    }

    /// The orders this policy gives for one turn.
    pub fn decide(self, view: &TeamView, key: &BotKey) -> Vec<Order> {
        match self {
            Policy::Passive => Vec::new(),
            Policy::Baseline => investigator::decide(view, key, Cooperation::Normal),
            Policy::Cooperative => investigator::decide(view, key, Cooperation::Eager),
            Policy::Siloed => investigator::decide(view, key, Cooperation::Never),
            Policy::CrewsOnly => foils::crews_only(view, key),
            Policy::ReferAll => foils::refer_all(view),
            Policy::PatrolOnly => foils::patrol_only(view, key),
            Policy::ProcessAll => {
                investigator::decide_with(view, key, Cooperation::Normal, Care::Routine)
            }
        }
    }
}

/// A team's private key for its bot's choices, derived one way from the seed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BotKey(pub [u8; 32]);

impl BotKey {
    /// The key of one team for one exercise seed.
    pub fn derive(seed: u64, team_id: &str) -> BotKey {
        let mut h = blake3::Hasher::new_derive_key("undertow bot key v1");
        h.update(&seed.to_le_bytes());
        h.update(team_id.as_bytes());
        BotKey(*h.finalize().as_bytes())
    }

    /// A number for a choice on a turn, stable for the same key, turn and topic.
    pub fn pick(&self, turn: u32, topic: &str, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        let mut h = blake3::Hasher::new_keyed(&self.0);
        h.update(&turn.to_le_bytes());
        h.update(topic.as_bytes());
        let b = h.finalize();
        let mut x = [0u8; 8];
        x.copy_from_slice(&b.as_bytes()[..8]);
        (u64::from_le_bytes(x) % n as u64) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::ValueEnum;

    #[test]
    fn every_policy_is_spelt_alike_everywhere() {
        assert_eq!(Policy::value_variants(), Policy::ALL);
        for p in Policy::ALL {
            let clap = p.to_possible_value().map(|v| v.get_name().to_string());
            assert_eq!(clap.as_deref(), Some(p.name()));
            assert_eq!(
                serde_json::to_string(&p).ok(),
                Some(format!("\"{}\"", p.name()))
            );
            assert_eq!(Policy::from_name(p.name()), Some(p));
        }
        // Scenario lessons name policies too; the format's list must be this one.
        let names: Vec<&str> = Policy::ALL.iter().map(|p| p.name()).collect();
        assert_eq!(names, crate::scenario::POLICY_NAMES);
    }
}
