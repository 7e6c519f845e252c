//! Why an order breaks a rule of the exercise, as data. A refusal carries
//! these words to the team (`Refusal::Rule`, whose spelling the wire keeps);
//! the rules that decide and the screens that warn work with the value.

use std::fmt;

use crate::scenario::{Law, Prerequisite, TargetKind};

use super::rules::target_kind_label;

/// A rule an order breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Breach {
    /// The target names no group in the team's files.
    NoGroup(String),
    /// The action goes to another team, and names the team's own.
    OwnTeam,
    NoTeam(String),
    /// No such route, or one the team does not know.
    NoRoute(String),
    /// No such place, or one the team does not know.
    NoPlace(String),
    /// No action is aimed at an asset.
    AssetTarget,
    /// The target is of another kind than the action takes.
    WrongTarget(TargetKind),
    /// The person named is not in the team's files.
    NoPerson(String),
    /// Sharing, MLA and notices name the person they are about.
    NeedsPerson,
    /// Only a joint action day names a turn.
    DayWithoutActionDay,
    /// A joint action day needs notice the exercise has no time left for.
    DayTooLate,
    /// A joint action day falls outside the turns open to it.
    DayOutside {
        first: u32,
        last: u32,
    },
    /// Not enough capacity left this turn.
    Capacity {
        cost: u32,
        left: u32,
    },
    /// A prerequisite of the action is not met; for the thresholds of
    /// evidence, with the evidence the team has (`have`) and the law's bar
    /// (`need`).
    Unmet {
        req: Prerequisite,
        have: u32,
        need: u32,
    },
}

impl Breach {
    /// A prerequisite not met, with the evidence it is measured by: all
    /// evidence for an arrest, admissible evidence for a warrant or a charge.
    pub fn unmet(req: Prerequisite, law: &Law, evidence: Option<(u32, u32)>) -> Breach {
        let (total, admissible) = evidence.unwrap_or((0, 0));
        let (have, need) = match req {
            Prerequisite::InterceptionThreshold => (admissible, law.interception_threshold),
            Prerequisite::ArrestThreshold => (total, law.arrest_threshold),
            Prerequisite::ChargeThreshold => (admissible, law.charge_threshold),
            _ => (0, 0),
        };
        Breach::Unmet { req, have, need }
    }
}

impl fmt::Display for Breach {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Breach::NoGroup(id) => write!(f, "no group `{id}` in your files"),
            Breach::OwnTeam => f.write_str("cannot be aimed at your own team"),
            Breach::NoTeam(id) => write!(f, "no team `{id}`"),
            Breach::NoRoute(id) => write!(f, "no route `{id}` known to you"),
            Breach::NoPlace(id) => write!(f, "no place `{id}` known to you"),
            Breach::AssetTarget => f.write_str("asset targets are not used"),
            Breach::WrongTarget(kind) => {
                write!(f, "needs a target of kind {}", target_kind_label(*kind))
            }
            Breach::NoPerson(id) => write!(f, "no person `{id}` in your files"),
            Breach::NeedsPerson => f.write_str("needs the person it is about"),
            Breach::DayWithoutActionDay => f.write_str("only a joint action day names a turn"),
            Breach::DayTooLate => {
                f.write_str("too late for a joint action day: the exercise ends first")
            }
            Breach::DayOutside { first, last } => {
                write!(f, "a joint action day falls on turn {first} to {last}")
            }
            Breach::Capacity { cost, left } => write!(f, "needs {cost} capacity, {left} left"),
            Breach::Unmet { req, have, need } => f.write_str(&unmet_words(*req, *have, *need)),
        }
    }
}

/// A prerequisite not met, in words a team can act on.
fn unmet_words(req: Prerequisite, have: u32, need: u32) -> String {
    match req {
        Prerequisite::TargetIdentified => "needs the person identified by name".into(),
        Prerequisite::TargetInJurisdiction => {
            "needs the person in your country, or aboard a vessel flying your flag".into()
        }
        Prerequisite::TargetAbroad => "needs the person located abroad".into(),
        Prerequisite::InterceptionAllowed => "your law does not allow interception".into(),
        Prerequisite::InterceptionThreshold => {
            format!("needs a warrant: admissible evidence {have} of {need}")
        }
        Prerequisite::ArrestThreshold => format!("needs evidence {have} of {need} to arrest"),
        Prerequisite::ChargeThreshold => {
            format!("needs admissible evidence {have} of {need} to charge")
        }
        Prerequisite::TargetInCustody => "needs the person in your custody".into(),
        Prerequisite::TargetAtLarge => "the person is already in custody".into(),
        Prerequisite::Criminalised => "the offence is not a crime in your country".into(),
        Prerequisite::DualCriminality => {
            "the offence is not a crime in the person's country (no dual criminality)".into()
        }
        Prerequisite::Interpreter => "no interpreter free this turn".into(),
        Prerequisite::GroupEncountered => "needs a group you have met".into(),
        Prerequisite::ChannelToTeam => {
            "no channel to that team: post a liaison officer or form a joint team".into()
        }
        Prerequisite::ExtraditionAllowed => {
            "the country holding the person does not extradite them: ask it to prosecute".into()
        }
        Prerequisite::SmugglingProven => {
            "no proof that anyone was smuggled: the migrants' statements are where they were stopped; ask that country by MLA".into()
        }
        Prerequisite::NotAcquittedHere => {
            "acquitted here already: no second trial for the same offence (ne bis in idem)".into()
        }
        Prerequisite::LegInReach => "no leg of this route your agency can work: coast guards stop boats at sea, police and immigration stop people ashore, in or out of your country".into(),
        Prerequisite::JitBasis => "no legal basis for a joint investigation team in both countries: use MLA".into(),
        Prerequisite::ForeignFlagAtSea => "no boat on this route needs a flag state's consent: in international waters they fly your flag or none, or consent is given".into(),
        Prerequisite::TeamAbroad => "that team is of your own country: this goes to another country's team".into(),
        Prerequisite::FiuAsked => "that team has asked your unit nothing".into(),
        Prerequisite::ActionDayProposed => "that team has proposed no joint action day to you".into(),
        Prerequisite::BoardingAsked => "that team has not asked to board boats flying your flag".into(),
        Prerequisite::PlaceInJurisdiction => "the place is abroad: ask that country's police, or by MLA".into(),
        Prerequisite::Premises => {
            "only a safe house, a worksite or a vessel can be raided".into()
        }
        Prerequisite::Workplace => {
            "only a workplace can be inspected: a worksite or a vessel".into()
        }
        Prerequisite::NaturalPerson => {
            "a company is not a person: inspect its books, freeze its money or suspend its licence".into()
        }
        Prerequisite::Company => "not a company: only a company's books are inspected".into(),
        Prerequisite::Licensed => "no licence to suspend: the company holds none".into(),
        Prerequisite::GroupOnTheMove => {
            "the group is no longer on its way: a delivery is watched while it travels".into()
        }
        Prerequisite::CallsAtPort => {
            "that vessel puts into no port of your country: port-state control reaches vessels in your ports".into()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The refusal's words are the wire's (`{"rule":"needs evidence: 0 of 2"}`
    /// style): the values render to what teams and clients have always read.
    #[test]
    fn a_breach_reads_as_the_refusal_always_has() {
        let law: Law = ron::from_str("()").expect("the default law");
        let arrest = Breach::unmet(Prerequisite::ArrestThreshold, &law, Some((1, 0)));
        assert_eq!(
            arrest,
            Breach::Unmet {
                req: Prerequisite::ArrestThreshold,
                have: 1,
                need: law.arrest_threshold
            }
        );
        assert_eq!(
            arrest.to_string(),
            format!("needs evidence 1 of {} to arrest", law.arrest_threshold)
        );
        // A warrant and a charge are measured by admissible evidence only.
        let charge = Breach::unmet(Prerequisite::ChargeThreshold, &law, Some((9, 2)));
        assert_eq!(
            charge.to_string(),
            format!(
                "needs admissible evidence 2 of {} to charge",
                law.charge_threshold
            )
        );
        assert_eq!(
            Breach::Capacity { cost: 3, left: 1 }.to_string(),
            "needs 3 capacity, 1 left"
        );
        assert_eq!(
            Breach::DayOutside { first: 5, last: 12 }.to_string(),
            "a joint action day falls on turn 5 to 12"
        );
        assert_eq!(
            Breach::WrongTarget(TargetKind::Place).to_string(),
            "needs a target of kind place"
        );
        assert_eq!(
            Breach::unmet(Prerequisite::Interpreter, &law, None).to_string(),
            "no interpreter free this turn"
        );
    }
}
