//! Reading scenarios, catalogues and order scripts for the commands.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::engine::orders::{Order, Target};
use crate::scenario::{ActionKind, Catalog, Scenario};

/// The action catalogue shipped with this build.
pub const CATALOG_TEXT: &str = include_str!("../../assets/actions.ron");

/// A scenario read from a file, with its text (the journal keeps the text).
pub struct Loaded {
    pub name: String,
    pub text: String,
    pub scenario: Scenario,
    pub catalog: Catalog,
}

/// Read and validate a scenario file, resolving its action catalogue.
pub fn scenario_file(path: &Path) -> Result<Loaded, String> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| format!("{name}: cannot read: {e}"))?;
    scenario_text(&name, text)
}

/// Validate scenario text and resolve its action catalogue.
pub fn scenario_text(name: &str, text: String) -> Result<Loaded, String> {
    let scenario = crate::scenario::parse_scenario(name, &text)?;
    let base: Catalog =
        ron::from_str(CATALOG_TEXT).map_err(|e| format!("built-in catalogue: {e}"))?;
    let catalog = resolve(&base, &scenario);
    Ok(Loaded {
        name: name.to_string(),
        text,
        scenario,
        catalog,
    })
}

fn resolve(base: &Catalog, scenario: &Scenario) -> Catalog {
    let mut actions = Vec::new();
    for a in &base.actions {
        let rule = scenario.action_rules.iter().find(|r| r.action == a.kind);
        if rule.is_some_and(|r| r.disabled) {
            continue;
        }
        let mut a = a.clone();
        if let Some(r) = rule {
            a.cost = r.cost.unwrap_or(a.cost);
            a.duration = r.duration.unwrap_or(a.duration);
        }
        actions.push(a);
    }
    Catalog { actions }
}

/// `undertow check FILE...`.
pub fn check(files: &[PathBuf]) -> i32 {
    let mut status = 0;
    for f in files {
        match scenario_file(f) {
            Ok(_) => println!("{}: ok", f.display()),
            Err(e) => {
                eprintln!("{e}");
                status = 1;
            }
        }
    }
    status
}

/// One scripted order: a turn, a team and what it orders.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScriptedOrder {
    pub turn: u32,
    pub team: String,
    pub action: ActionKind,
    #[serde(default)]
    pub target: Target,
    #[serde(default)]
    pub about: Option<String>,
}

/// An order script: a list of scripted orders.
pub struct Script {
    pub orders: Vec<ScriptedOrder>,
}

impl Script {
    /// Read an order script, with the position of any error.
    pub fn read(path: &Path) -> Result<Script, String> {
        let name = path.display().to_string();
        let text =
            std::fs::read_to_string(path).map_err(|e| format!("{name}: cannot read: {e}"))?;
        let orders: Vec<ScriptedOrder> = ron::Options::default().from_str(&text).map_err(|e| {
            format!(
                "{name}:{}:{}: {}",
                e.span.start.line, e.span.start.col, e.code
            )
        })?;
        Ok(Script { orders })
    }

    /// Whether the script speaks for this team (then bots do not).
    pub fn drives(&self, team: &str) -> bool {
        self.orders.iter().any(|o| o.team == team)
    }

    /// The team's scripted orders for a turn, in script order.
    pub fn for_turn(&self, turn: u32, team: &str) -> Vec<Order> {
        self.orders
            .iter()
            .filter(|o| o.turn == turn && o.team == team)
            .map(|o| Order {
                team: o.team.clone(),
                action: o.action,
                target: o.target.clone(),
                about: o.about.clone(),
            })
            .collect()
    }
}
