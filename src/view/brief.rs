//! What every participant may know before play: the scenario's title,
//! briefing and learning objectives, and who sits at the table.

use serde::{Deserialize, Serialize};

use crate::engine::setup::Setup;

/// A team at the table, by the names the scenario gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamName {
    pub id: String,
    pub name: String,
    pub country: String,
}

/// The public brief of an exercise: nothing in it is secret from any team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Brief {
    pub title: String,
    pub briefing: String,
    /// The learning objectives, in words.
    pub objectives: Vec<String>,
    pub turns: u32,
    /// The in-world date of each turn, the first turn first.
    pub dates: Vec<String>,
    /// Every team, in scenario order.
    pub teams: Vec<TeamName>,
}

impl Brief {
    /// The in-world date of a turn (the last turn's after the end).
    pub fn date(&self, turn: u32) -> &str {
        let i = (turn.clamp(1, self.turns.max(1)) - 1) as usize;
        self.dates.get(i).map_or("", String::as_str)
    }
}

/// The public brief of a scenario.
pub fn brief(setup: &Setup) -> Brief {
    let s = &setup.scenario;
    Brief {
        title: s.title.clone(),
        briefing: s.briefing.clone(),
        objectives: s.objectives.iter().map(|o| o.text.clone()).collect(),
        turns: s.turns,
        dates: (1..=s.turns).map(|t| setup.date_of_turn(t)).collect(),
        teams: setup
            .teams
            .iter()
            .map(|t| TeamName {
                id: t.id.clone(),
                name: t.name.clone(),
                country: setup.countries[t.country].name.clone(),
            })
            .collect(),
    }
}
