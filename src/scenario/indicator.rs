//! The signs that a smuggled person is a trafficking victim: the ILO's
//! eleven indicators of forced labour (2012), with the first five spelt as
//! scenarios have always written them, and age; and those a scenario
//! defines itself (recruitment fees, a phone taken away, a quota of
//! victims to defraud).

use serde::{Deserialize, Serialize};

super::name::bare_name!(
    /// One indicator, by name: one of the built-in twelve, or one the
    /// scenario defines under `indicators`.
    Indicator,
    "the name of an indicator, e.g. `DebtBondage`"
);

impl Indicator {
    pub const DECEPTION: Indicator = Indicator::builtin("Deception");
    pub const DEBT_BONDAGE: Indicator = Indicator::builtin("DebtBondage");
    /// Retention of identity documents.
    pub const CONFISCATED_DOCUMENTS: Indicator = Indicator::builtin("ConfiscatedDocuments");
    /// Intimidation and threats.
    pub const COERCION: Indicator = Indicator::builtin("Coercion");
    pub const MINORS: Indicator = Indicator::builtin("Minors");
    pub const ABUSE_OF_VULNERABILITY: Indicator = Indicator::builtin("AbuseOfVulnerability");
    pub const RESTRICTION_OF_MOVEMENT: Indicator = Indicator::builtin("RestrictionOfMovement");
    pub const ISOLATION: Indicator = Indicator::builtin("Isolation");
    /// Physical and sexual violence.
    pub const VIOLENCE: Indicator = Indicator::builtin("Violence");
    pub const WITHHELD_WAGES: Indicator = Indicator::builtin("WithheldWages");
    pub const ABUSIVE_CONDITIONS: Indicator = Indicator::builtin("AbusiveConditions");
    pub const EXCESSIVE_OVERTIME: Indicator = Indicator::builtin("ExcessiveOvertime");

    /// The built-in indicators with their words in screening language.
    pub fn built_in() -> &'static [(Indicator, &'static str)] {
        &BUILT_IN
    }
}

static BUILT_IN: [(Indicator, &str); 12] = [
    (Indicator::DECEPTION, "deceived about the job"),
    (Indicator::DEBT_BONDAGE, "debt bondage"),
    (Indicator::CONFISCATED_DOCUMENTS, "documents confiscated"),
    (Indicator::COERCION, "threats and coercion"),
    (Indicator::MINORS, "unaccompanied minors"),
    (Indicator::ABUSE_OF_VULNERABILITY, "vulnerability abused"),
    (Indicator::RESTRICTION_OF_MOVEMENT, "not free to leave"),
    (Indicator::ISOLATION, "isolated"),
    (Indicator::VIOLENCE, "physical or sexual violence"),
    (Indicator::WITHHELD_WAGES, "wages withheld"),
    (
        Indicator::ABUSIVE_CONDITIONS,
        "abusive working and living conditions",
    ),
    (Indicator::EXCESSIVE_OVERTIME, "excessive overtime"),
];

impl Indicator {
    /// Whether it is one of the built-in twelve.
    pub fn is_built_in(&self) -> bool {
        Indicator::built_in().iter().any(|(i, _)| i == self)
    }

    /// The indicator in screening language, where it is built in; its name
    /// otherwise (a scenario's own indicator has its words in the
    /// scenario: see `Setup::indicator_label`).
    pub fn label(&self) -> &str {
        Indicator::built_in()
            .iter()
            .find(|(i, _)| i == self)
            .map_or(self.as_str(), |(_, label)| label)
    }
}

/// An indicator a scenario defines: a sign its screening can find.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorDef {
    pub id: Indicator,
    /// The sign in screening language, as players read it: "charged
    /// recruitment fees".
    pub label: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_indicator_reads_bare_in_ron_and_its_built_in_words_stay() {
        let read: Vec<Indicator> =
            ron::from_str("[DebtBondage, RecruitmentFees]").expect("bare names read");
        assert_eq!(
            read,
            vec![Indicator::DEBT_BONDAGE, Indicator::new("RecruitmentFees")]
        );
        assert_eq!(read[0].label(), "debt bondage");
        assert_eq!(read[1].label(), "RecruitmentFees");
        assert!(read[0].is_built_in() && !read[1].is_built_in());
    }
}
