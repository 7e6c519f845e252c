//! Reading scenarios, catalogues and order scripts for the commands.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{CliError, Outcome};
use crate::engine::orders::{Order, Target};
use crate::scenario::{ActionKind, Catalog, Scenario, render_all};

/// A scenario read from a file, with its text (the journal keeps the text).
pub struct Loaded {
    pub name: String,
    pub text: String,
    pub scenario: Scenario,
    pub catalog: Catalog,
}

/// Read and validate a scenario file, resolving its action catalogue.
pub fn scenario_file(path: &Path) -> Result<Loaded, CliError> {
    let text =
        crate::scenario::read_source(path).map_err(|d| CliError::BadInput(d.render(None)))?;
    scenario_text(&path.display().to_string(), text)
}

/// Validate scenario text and resolve its action catalogue.
pub fn scenario_text(name: &str, text: String) -> Result<Loaded, CliError> {
    let scenario = crate::scenario::load_scenario(name, &text)
        .map_err(|d| CliError::BadInput(render_all(&d, Some(&text))))?;
    let catalog = crate::scenario::resolve_catalog(&crate::scenario::default_catalog(), &scenario);
    Ok(Loaded {
        name: name.to_string(),
        text,
        scenario,
        catalog,
    })
}

/// Arguments of `undertow check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

/// `undertow check FILE...`: every file valid, or the answer no (each
/// problem reported as it is found).
pub fn check(args: &CheckArgs) -> Result<Outcome, CliError> {
    let mut stdout = std::io::stdout();
    let mut stderr = std::io::stderr();
    match crate::scenario::check_files(&args.files, &mut stdout, &mut stderr) {
        0 => Ok(Outcome::Done),
        _ => Ok(Outcome::No),
    }
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
    #[serde(default)]
    pub day: Option<u32>,
}

/// An order script: a list of scripted orders.
pub struct Script {
    pub orders: Vec<ScriptedOrder>,
}

impl Script {
    /// Read an order script, with the position of any error.
    pub fn read(path: &Path) -> Result<Script, CliError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| CliError::BadInput(format!("{name}: cannot read: {e}")))?;
        let orders: Vec<ScriptedOrder> = ron::Options::default().from_str(&text).map_err(|e| {
            CliError::BadInput(format!(
                "{name}:{}:{}: {}",
                e.span.start.line, e.span.start.col, e.code
            ))
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
                day: o.day,
            })
            .collect()
    }
}
