//! Scenarios: the RON schema, loading, and validation.

mod agency;
mod catalog;
mod check;
mod diagnostic;
pub mod generate;
pub mod index;
mod indicator;
pub mod limits;
mod load;
mod metric;
mod model;
pub(crate) mod name;
mod source_index;
mod suggest;
mod validate;

pub use agency::{Agency, AgencyDef, Signal};
pub use catalog::*;
pub use check::check_files;
pub use diagnostic::{Diagnostic, render_all};
pub use indicator::{Indicator, IndicatorDef};
pub use load::{
    MAX_SOURCE_BYTES, default_catalog, load_catalog, load_scenario, read_source, resolve_catalog,
};
pub use metric::Metric;
pub use model::*;
pub use source_index::{Open, Pos, Seg, SourceIndex, StrLit, Unclosed, top_level_name};
pub use suggest::nearest;
pub use validate::{validate_catalog, validate_scenario};

/// A scenario's text that does not parse or validate: every problem found,
/// displayed as `check` shows them (FILE:LINE:COL, the line with a caret, help).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", render_all(.diagnostics, Some(.text)))]
pub struct ScenarioError {
    /// Every problem, in the order found.
    pub diagnostics: Vec<Diagnostic>,
    /// The text the diagnostics point into, for their excerpts.
    pub text: String,
}

/// Parse and validate a scenario's text.
pub fn parse_scenario(name: &str, text: &str) -> Result<Scenario, ScenarioError> {
    load_scenario(name, text).map_err(|diagnostics| ScenarioError {
        diagnostics,
        text: text.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scenario_that_does_not_parse_is_rendered_as_check_shows_it() {
        let text = "Scenario(\n    titel: \"x\",\n)\n";
        let err = parse_scenario("bad.ron", text).err();
        let diagnostics = err
            .as_ref()
            .map(|e| e.diagnostics.clone())
            .unwrap_or_default();
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert_eq!((diagnostics[0].line, diagnostics[0].col), (2, 5));
        let shown = err.map(|e| e.to_string()).unwrap_or_default();
        assert!(
            shown.starts_with(
                "bad.ron:2:5: unknown field `titel` in `Scenario`\n  |\n2 |     titel: \"x\",\n  |     ^^^^^\nhelp: did you mean `title`?"
            ),
            "{shown}"
        );
    }
}
