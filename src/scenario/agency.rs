//! Kinds of agency as data: what each is called, whose travellers it can
//! stop, which signals reach it first. The catalogue defines the usual
//! kinds (`assets/actions.ron`); a scenario may define its own or redefine
//! one (a border guard, a fisheries inspectorate).

use serde::{Deserialize, Serialize};

use super::{ActionKind, Mode};

super::name::bare_name!(
    /// The kind of agency a team plays, by name: `Police`, `CoastGuard`, or a
    /// kind the scenario defines. Written in RON as a bare name (`agency:
    /// Police`), as the closed list of kinds always was.
    Agency,
    "the name of an agency kind, e.g. `Police`"
);

impl Agency {
    pub const POLICE: Agency = Agency::builtin("Police");
    pub const IMMIGRATION: Agency = Agency::builtin("Immigration");
    pub const COAST_GUARD: Agency = Agency::builtin("CoastGuard");
    pub const PROSECUTOR: Agency = Agency::builtin("Prosecutor");
    pub const FINANCIAL_INTELLIGENCE: Agency = Agency::builtin("FinancialIntelligence");
    pub const LABOUR_INSPECTORATE: Agency = Agency::builtin("LabourInspectorate");
}

/// A signal that comes to a country's notice by itself, and which of its
/// teams hears of it first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Signal {
    /// People met at a border check, and forced labour reported from a
    /// workplace or found by inspectors.
    Groups,
    /// A network member noticed at work in the country.
    Members,
}

/// One kind of agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgencyDef {
    pub id: Agency,
    /// The kind in plain words, as a report names it: "coast guard".
    pub name: String,
    /// The modes of travel on which it can stop people: at sea from or to
    /// its country, and in open water aboard vessels it may board; on land
    /// and in the air from or to its country.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stops: Vec<Mode>,
    /// The signals it hears of first, most readily first. Where no team of
    /// a country hears of a signal, its first team does.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hears: Vec<Signal>,
    /// Actions it may order besides those whose catalogue entry names it in
    /// `agencies`: how a kind the catalogue does not know gets its mandate.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<ActionKind>,
}

impl AgencyDef {
    /// How readily a team of this kind hears of a signal: lower is sooner;
    /// `None` if it does not.
    pub fn hears_rank(&self, signal: Signal) -> Option<usize> {
        self.hears.iter().position(|&s| s == signal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kind_reads_and_writes_bare_in_ron_and_as_a_string_in_json_and_postcard() {
        #[derive(Debug, PartialEq, Serialize, Deserialize)]
        struct Team {
            agency: Agency,
        }
        let team: Team = ron::from_str("(agency: BorderGuard)").expect("a bare name reads");
        assert_eq!(team.agency, Agency::new("BorderGuard"));
        let ron_text = ron::to_string(&team).expect("writes");
        assert_eq!(ron_text, "(agency:BorderGuard)");
        let json = serde_json::to_string(&team).expect("json");
        assert_eq!(json, r#"{"agency":"BorderGuard"}"#);
        let back: Team = serde_json::from_str(&json).expect("json reads");
        assert_eq!(back, team);
        let bytes = postcard::to_allocvec(&team).expect("postcard");
        let back: Team = postcard::from_bytes(&bytes).expect("postcard reads");
        assert_eq!(back, team);
        assert_eq!(Agency::POLICE, Agency::new("Police"));
    }
}
