//! Orders: the intents teams (and the White Cell) hand in for a turn.

use serde::{Deserialize, Serialize};

use crate::scenario::ActionKind;

/// What an order is aimed at, by scenario id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
pub enum Target {
    #[default]
    Nothing,
    Actor(String),
    Group(String),
    Team(String),
    Route(String),
    /// A place by its scenario id: premises to raid.
    Place(String),
}

/// One team's order for one action.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Order {
    pub team: String,
    pub action: ActionKind,
    #[serde(default)]
    pub target: Target,
    /// The person a sharing, MLA or notice order concerns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about: Option<String>,
    /// The turn a joint action day is proposed for; none for the earliest
    /// the notice allows. No other order names a turn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day: Option<u32>,
}

/// Words sent from one team to another through a liaison channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Liaison {
    pub from: String,
    pub to: String,
    pub text: String,
}

/// An event the White Cell fires live: a scenario inject by id, or free text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LiveInject {
    /// A scenario inject to fire now; none for a free-text message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inject: Option<String>,
    /// Free text (or an addition to the inject's message).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// Teams to tell; empty means every team.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub to: Vec<String>,
}

/// Everything that goes into one turn, in canonical order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TurnInput {
    #[serde(default)]
    pub orders: Vec<Order>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub liaison: Vec<Liaison>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub live: Vec<LiveInject>,
}

impl TurnInput {
    /// Put the orders in canonical order: by team (scenario order), then by the
    /// sequence each team gave them in, so arrival timing never matters.
    pub fn canonicalise(&mut self, team_rank: impl Fn(&str) -> usize) {
        self.orders.sort_by_key(|o| team_rank(&o.team));
        self.liaison.sort_by_key(|l| team_rank(&l.from));
    }
}
