//! Scenarios: the RON schema, loading, and validation.

mod catalog;
mod model;

pub use catalog::*;
pub use model::*;

/// Parse and check a scenario's text, with every problem in one message.
pub fn parse_scenario(name: &str, text: &str) -> Result<Scenario, String> {
    ron::Options::default()
        .from_str::<Scenario>(text)
        .map_err(|e| {
            format!(
                "{name}:{}:{}: {}",
                e.span.start.line, e.span.start.col, e.code
            )
        })
}
