//! The words a team reads for each event: the one place where outcomes become
//! text.

use super::{
    Absence, ArrestMiss, Care, Charge, Event, GroupTag, KnownAs, MlaBar, Person, Refusal, Routine,
    SignalKind, Truth,
};
use crate::engine::setup::{RouteIx, Setup, TeamIx};

/// How a verdict's message begins.
pub const VERDICT: &str = "Verdict:";
/// How an arrest's message begins.
pub const ARREST: &str = "Arrest of";

/// A person as the team knew them when told.
pub fn person(setup: &Setup, p: &Person) -> String {
    let info = &setup.actors[p.actor];
    match p.known_as {
        KnownAs::Name => info.name.clone(),
        KnownAs::Alias => match &info.alias {
            Some(alias) => format!("\u{201c}{alias}\u{201d}"),
            None => "unidentified contact".to_string(),
        },
        KnownAs::Role(role) => format!("unidentified {}", role.label()),
        KnownAs::Contact => "unidentified contact".to_string(),
        KnownAs::Unknown => "unknown person".to_string(),
    }
}

/// A phrase with its first letter in capitals, to begin a sentence.
fn capital(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn action_name(setup: &Setup, action: crate::scenario::ActionKind) -> String {
    setup
        .action(action)
        .map_or_else(|| format!("{action:?}"), |d| d.name.clone())
}

/// The text of an event, as the team that received it reads it, naming
/// each group it is about as `group` says (the team's own name for it).
pub fn render(setup: &Setup, event: &Event<Truth>, group: &dyn Fn(&GroupTag) -> String) -> String {
    use Event::*;
    let grp = |g: &GroupTag| group(g);
    let who = |p: &Person| person(setup, p);
    let team = |t: &TeamIx| setup.teams[*t].name.clone();
    let country = |id: &str| {
        setup
            .countries
            .iter()
            .find(|c| c.id == id)
            .map_or_else(|| id.to_string(), |c| c.name.clone())
    };
    let route = |r: &RouteIx| setup.routes[*r].name.clone();
    match event {
        OrderRefused { action, why } => match why {
            Refusal::NotInCatalogue => {
                format!("Refused: {action:?} is not in this exercise's catalogue.")
            }
            Refusal::NotOpenToAgency => format!(
                "Refused: {} is not open to your agency.",
                action_name(setup, *action)
            ),
            Refusal::Rule(why) => {
                format!("Refused: {} \u{2014} {why}.", action_name(setup, *action))
            }
        },
        LiaisonReceived { from, text } => {
            format!("Liaison ({}): \u{201c}{text}\u{201d}", team(from))
        }
        LiaisonSent { to, text } => format!("To {}: \u{201c}{text}\u{201d}", team(to)),
        NoChannel { to } => format!(
            "No channel to {}: message not delivered. Post a liaison officer or form a joint team.",
            team(to)
        ),
        NothingToReport {
            action,
            person,
            why,
        } => {
            let why = match why {
                Absence::Vanished => "the person has vanished",
                Absence::NoActivity => "the person shows no activity",
                Absence::InCustody => "the person is in custody",
                Absence::Abroad => "the person has left the country",
                Absence::OutOfBusiness => "the company is out of business",
            };
            format!(
                "{} on {}: nothing to report; {why}.",
                action_name(setup, *action),
                who(person)
            )
        }
        InvestigationFailed {
            action,
            person,
            lines_quiet,
        } => {
            let why = if *lines_quiet {
                "the lines have gone quiet"
            } else {
                "nothing useful came of it"
            };
            format!("{} on {}: {why}.", action_name(setup, *action), who(person))
        }
        InvestigationFound {
            action,
            person,
            contacts,
            new_contacts,
            assets,
            evidence,
        } => {
            let mut text = format!("{} on {}: ", action_name(setup, *action), who(person));
            text.push_str(&match (contacts, new_contacts) {
                (0, _) => "no contacts seen".to_string(),
                (n, 0) => format!("{n} known contact(s) confirmed"),
                (n, k) => format!("{n} contact(s), {k} new to you"),
            });
            if *assets > 0 {
                text.push_str(&format!("; {assets} asset(s) traced"));
            }
            if *evidence > 0 {
                text.push_str(&format!("; evidence +{evidence}"));
            }
            text.push('.');
            text
        }
        AnalysisNoLeads => "Analysis: no new leads in the files this turn.".to_string(),
        AnalysisIdentified { before, after } => {
            format!("Analysis: {} identified as {}.", who(before), who(after))
        }
        AnalysisNothingNew => "Analysis: the files hold nothing new.".to_string(),
        AnalysisLinked { via } => {
            format!("Analysis: call records link {} to a new contact.", who(via))
        }
        AnalysisFirstLead => {
            "Analysis: a first lead from the records: a person of interest in your country."
                .to_string()
        }
        ArrestFailed { person, why } => {
            let why = match why {
                ArrestMiss::Fled => "the person has fled",
                ArrestMiss::CouldNotBeFound => "the person could not be found",
                ArrestMiss::AlreadyInCustody => "the person is already in custody",
                ArrestMiss::NotAtAddress => {
                    "not found at the address; the network will have heard"
                }
                ArrestMiss::WarnedFromAbroad => {
                    "gone to ground: word of an arrest abroad this week reached them first (plan a joint action day)"
                }
                ArrestMiss::Abroad => "the person has left the country",
            };
            format!("{ARREST} {}: {why}.", who(person))
        }
        Arrested { person, named } => {
            let mut text = format!(
                "{ARREST} {}: in custody; phones and papers seized",
                who(person)
            );
            if let Some(n) = named {
                text.push_str(&format!("; in interview names {}", who(n)));
            }
            text.push('.');
            text
        }
        LicenceSuspended { person } => format!(
            "Licence suspended: {} may recruit no more; its people and its clients will hear of it.",
            who(person)
        ),
        NoAssetsToFreeze { person } => format!(
            "Asset freeze on {}: no traced assets to freeze; a financial investigation comes first.",
            who(person)
        ),
        AssetsFrozen { person, assets } => format!(
            "Asset freeze on {}: seized {}.",
            who(person),
            assets.join(", ")
        ),
        Extradited { person, by } => format!(
            "Extradition of {}: surrendered by {}; now in your custody.",
            who(person),
            team(by)
        ),
        SurrenderedAbroad { person, to } => format!(
            "{} surrendered to {} under an extradition request.",
            who(person),
            team(to)
        ),
        ExtraditionRefused { person } => format!(
            "Extradition of {}: refused by the courts abroad.",
            who(person)
        ),
        NotInCustodyAbroad { person } => format!(
            "Extradition of {}: the person is not in custody abroad; a red notice may get them located and arrested.",
            who(person)
        ),
        LeftTheCountry { person, to } => format!(
            "Border records: {} has left for {}; a red notice may get them located and arrested there.",
            who(person),
            country(to)
        ),
        PatrolSighted { route: r, boats } => format!(
            "Maritime patrol on the {}: {boats} boat(s) sighted.",
            route(r)
        ),
        RescueOnStation { route: r } => format!(
            "Search and rescue on the {}: on station; no boat in distress answered yet.",
            route(r)
        ),
        RescueSaved { route: r, people } => format!(
            "Search and rescue on the {}: {people} people brought to safety.",
            route(r)
        ),
        Interdiction {
            route: r,
            groups,
            people,
            crew,
            lost,
        } => {
            let mut text = format!("Interdiction on the {}: ", route(r));
            if *groups == 0 {
                text.push_str("no groups stopped");
            } else {
                text.push_str(&format!(
                    "{groups} group(s), {people} people, stopped and held"
                ));
            }
            if let Some(c) = crew {
                // Caught steering: the act shows what they do.
                let at = if setup.actors[c.actor].role == crate::scenario::Role::BoatCaptain {
                    "at the helm"
                } else {
                    "at the wheel"
                };
                text.push_str(&format!("; {} arrested {at}", who(c)));
            }
            if *lost > 0 {
                text.push_str(&format!(
                    "; {lost} people lost in the water during the boarding"
                ));
            }
            text.push('.');
            text
        }
        DeliveryWatched {
            group,
            handlers,
            held_at,
        } => {
            let mut text = format!("Controlled delivery of {}: ", grp(group));
            if handlers.is_empty() {
                text.push_str("no one seen moving or holding them");
            } else {
                let named: Vec<String> = handlers.iter().map(who).collect();
                text.push_str(&format!(
                    "seen moving or holding them: {} (evidence for court)",
                    named.join(", ")
                ));
            }
            if let Some(p) = held_at {
                text.push_str(&format!(
                    "; they are held at {}: premises you can raid",
                    setup.places[*p].name
                ));
            }
            text.push('.');
            text
        }
        DeliveryLost { group } => format!(
            "Controlled delivery of {}: the watch lost them, and those moving them noticed.",
            grp(group)
        ),
        Inspected {
            place,
            people,
            presumed_victims,
        } => {
            let name = &setup.places[*place].name;
            if *people == 0 {
                format!("Labour inspection at {name}: no one found working under duress")
            } else if *presumed_victims == 0 {
                format!(
                    "Labour inspection at {name}: {people} workers found; none spoke of coercion, though the inspectors had doubts"
                )
            } else {
                format!(
                    "Labour inspection at {name}: {people} workers found, {presumed_victims} of them with signs of forced labour (presumed victims); the police can act on the report"
                )
            }
        }
        Raid {
            place,
            groups,
            people,
            arrested,
            cleared,
        } => {
            let name = &setup.places[*place].name;
            let mut text = if *cleared {
                format!("Raid on {name}: the premises had been cleared before you came")
            } else if *groups == 0 {
                format!("Raid on {name}: nobody kept there")
            } else {
                format!("Raid on {name}: {groups} group(s), {people} people, found and held")
            };
            if !arrested.is_empty() {
                let names: Vec<String> = arrested.iter().map(who).collect();
                text.push_str(&format!("; arrested: {}", names.join(", ")));
            }
            text.push('.');
            text
        }
        RescuedInDistress { route: r, people } => format!(
            "Boat in distress on the {}: {people} people rescued and brought ashore.",
            route(r)
        ),
        PreventionCampaign => "Prevention campaign: radio, schools and community leaders warn of false job offers; recruiters will find fewer people for the next two months.".to_string(),
        OutOfReach { care, group } => {
            let what = match care {
                Care::Screening => "Screening",
                Care::Referral => "Referral",
                Care::Return => "Return",
            };
            format!(
                "{what} of {}: the people are not within your reach.",
                grp(group)
            )
        }
        NoShelterPlace {
            group,
            people,
            free,
        } => format!(
            "Referral of {}: the shelters have {free} place(s) free for {people} people; they stay where they are. Places free up as people leave protection.",
            grp(group)
        ),
        TooFrightened { group } => format!(
            "Screening of {}: people too frightened to speak; try again in a safer setting.",
            grp(group)
        ),
        Screened {
            group,
            trafficked,
            people,
            indicators,
            recruiter,
            exploitation,
        } => {
            let mut text = format!("Screening of {}: ", grp(group));
            if *trafficked {
                let found: Vec<&str> = indicators
                    .iter()
                    .map(|i| setup.indicator_label(i))
                    .collect();
                let purpose = exploitation.map_or(String::new(), |e| format!(" for {}", e.label()));
                text.push_str(&format!(
                    "{people} presumed victims of trafficking{purpose} ({})",
                    found.join(", ")
                ));
            } else {
                text.push_str("no trafficking indicators; smuggled migrants");
            }
            if let Some(r) = recruiter {
                text.push_str(&format!("; they name their recruiter, {}", who(r)));
            }
            text.push('.');
            text
        }
        Referred {
            group,
            people,
            testify,
            reflection,
        } => {
            if !*testify {
                return format!(
                    "Referral of {}: {people} people given humanitarian shelter; no one among them was screened as a presumed victim, so none enters victim protection or gives evidence.",
                    grp(group)
                );
            }
            format!(
                "Referral of {}: {people} presumed victims in shelter with medical and legal help and a reflection period of {reflection} turn(s); then they decide whether to give evidence.",
                grp(group)
            )
        }
        ChildrenInCare { group, people } => format!(
            "{}: {people} people with children among them, held without a decision, taken into child protection; children are never detained.",
            capital(&grp(group))
        ),
        Testified { group, named } => {
            let names: Vec<String> = named.iter().map(who).collect();
            format!(
                "Victims of {} in protection give evidence, naming {}.",
                grp(group),
                names.join(", ")
            )
        }
        WitnessesWithdrew { group, intimidated } => {
            if *intimidated {
                format!(
                    "Victims of {} in protection will not give evidence: the people who held them are still at large, and their families within reach.",
                    grp(group)
                )
            } else {
                format!(
                    "Victims of {} in protection decide not to give evidence; they stay in protection.",
                    grp(group)
                )
            }
        }
        Returned {
            group,
            people,
            supported,
        } => {
            let how = if *supported {
                "returned home with reintegration support"
            } else {
                "removed to their country of origin"
            };
            format!("Return of {}: {people} people {how}.", grp(group))
        }
        ProcessedRoutinely {
            group,
            held_turns,
            outcome,
        } => {
            let what = match outcome {
                Routine::ChargedWithIrregularEntry => {
                    "processed routinely as irregular migrants, charged with illegal entry and removed"
                }
                Routine::ChargedWithIrregularExit => {
                    "processed routinely, charged with leaving the country illegally and sent home"
                }
                Routine::NotPunished => {
                    "not charged: presumed victims of trafficking and children are not punished for what they were made to do; removed without support"
                }
                Routine::RemovedUncharged => {
                    "removed without charge: entering without leave is no offence here"
                }
                Routine::ReleasedAtHome => {
                    "released: nationals in their own country have crossed no border"
                }
                Routine::ChargedWithForcedOffences => {
                    "processed routinely as offenders, charged with the crimes they were made to commit and removed"
                }
            };
            format!(
                "{}: held {held_turns} turns without a decision; {what}.",
                capital(&grp(group))
            )
        }
        YellowNoticeReceived {
            from,
            group,
            minors,
        } => format!(
            "Yellow notice from {}: people of {} missing{}; report any sighting.",
            team(from),
            grp(group),
            if *minors { ", children among them" } else { "" }
        ),
        YellowNoticeIssued { group } => format!("Yellow notice issued for {}.", grp(group)),
        Signal { place, kind, group } => {
            let text = match kind {
                SignalKind::Worksite => {
                    "a labour inspection finds workers living on site, their papers held by the employer"
                }
                SignalKind::BorderCheck => {
                    "a routine check notices a group travelling together with a minder"
                }
            };
            format!(
                "Report from {}: {text} ({}).",
                setup.places[*place].name,
                grp(group)
            )
        }
        CommunityTip { role } => format!(
            "Tip from the community: a {} is said to be working locally.",
            role.label()
        ),
        IntelReceived {
            from,
            person,
            through_joint_team,
        } => {
            let note = if *through_joint_team {
                "through the joint team: admissible"
            } else {
                "intelligence only, not admissible in court"
            };
            format!(
                "{} shares what it holds on {} ({note}).",
                team(from),
                who(person)
            )
        }
        IntelShared { person, with } => {
            format!("Shared the file on {} with {}.", who(person), team(with))
        }
        FileLeadsToWorksite { group } => format!(
            "The shared file leads to a worksite where the people of {} are held.",
            grp(group)
        ),
        MlaSent { to, person, delay } => format!(
            "MLA request to {} on {} sent; a reply is expected in about {delay} turns.",
            team(to),
            who(person)
        ),
        MlaReceived { from, person } => format!(
            "MLA request received from {} concerning {}.",
            team(from),
            who(person)
        ),
        MlaReply {
            from,
            person,
            executed,
            formalised,
        } => {
            if !*executed && *formalised == 0 {
                format!(
                    "MLA reply from {} on {}: the authorities hold nothing on this person.",
                    team(from),
                    who(person)
                )
            } else {
                format!(
                    "MLA reply from {} on {}: records and statements received as admissible evidence{}.",
                    team(from),
                    who(person),
                    if *formalised > 0 {
                        format!("; earlier intelligence formalised (+{formalised})")
                    } else {
                        String::new()
                    }
                )
            }
        }
        MlaRefused { from, person, why } => match why {
            MlaBar::NoDualCriminality => format!(
                "MLA request on {} refused by {}: the offence is not a crime in both countries.",
                who(person),
                team(from)
            ),
        },
        FiuSent { to, person } => format!(
            "Request to the financial intelligence unit of {} on {} sent; a reply is expected next turn.",
            team(to),
            who(person)
        ),
        FiuReceived { from, person } => format!(
            "{} asks our financial intelligence unit about {}.",
            team(from),
            who(person)
        ),
        FiuConsentGiven { to } => format!(
            "Our financial intelligence unit consents to {} using what it sends as evidence.",
            team(to)
        ),
        FiuConsentReceived { from, pieces } => format!(
            "{} consents to our using what its unit sends as evidence: {pieces} piece(s) already received now count in court.",
            team(from)
        ),
        FiuReply {
            from,
            person,
            found,
            contacts,
            assets,
            consent,
        } => {
            if !*found {
                format!(
                    "The financial intelligence unit of {} holds no records of {}.",
                    team(from),
                    who(person)
                )
            } else {
                let usable = if *consent {
                    "usable as evidence with the unit's consent"
                } else {
                    "intelligence only: ask by MLA to use it in court"
                };
                format!(
                    "The financial intelligence unit of {} on {}: {contacts} financial contacts, {assets} assets ({usable}).",
                    team(from),
                    who(person)
                )
            }
        }
        ProsecutionRequested { person, evidence } => format!(
            "Asked the country holding {} to prosecute them, with our case file by MLA (admissible evidence {evidence}).",
            who(person)
        ),
        ProsecutionAsked {
            from,
            person,
            evidence,
        } => format!(
            "{} asks us to prosecute {}, whom it cannot have extradited; its case file arrives by MLA (admissible evidence {evidence}).",
            team(from),
            who(person)
        ),
        JitProposed { to } => format!("Joint investigation team proposed to {}.", team(to)),
        JitProposalReceived { from } => format!(
            "{} proposes a joint investigation team; accept it to exchange leads and evidence directly.",
            team(from)
        ),
        JitFormed {
            with,
            turns,
            starts,
        } => format!(
            "Joint investigation team with {} agreed: it works from turn {starts}, once the agreement is signed, for {turns} turns.",
            team(with)
        ),
        JitAccepted { by, turns, starts } => format!(
            "{} accepted: the joint investigation team works from turn {starts}, once the agreement is signed, for {turns} turns.",
            team(by)
        ),
        NoJitProposal { from } => {
            format!("No open proposal of a joint team from {}.", team(from))
        }
        ActionDayProposed { to, day } => format!(
            "Joint action day on turn {day} ({}) proposed to {}.",
            setup.date_of_turn(*day),
            team(to)
        ),
        ActionDayProposalReceived { from, day } => format!(
            "{} proposes a joint action day on turn {day} ({}): accept it and make your arrests that turn, so that no one can warn the others.",
            team(from),
            setup.date_of_turn(*day)
        ),
        ActionDayAgreed { with, day } => format!(
            "Joint action day with {} agreed for turn {day} ({}).",
            team(with),
            setup.date_of_turn(*day)
        ),
        BoardingConsentRequested { route: r, flag } => format!(
            "Consent to board boats flying the flag of {} on the {} asked of that country.",
            country(flag),
            route(r)
        ),
        BoardingConsentAsked { from, route: r } => format!(
            "{} asks consent to board boats flying our flag in international waters on the {}: consent lets it stop them there.",
            team(from),
            route(r)
        ),
        BoardingConsentGiven { route: r, flag } => format!(
            "{} consents: you may board boats flying its flag in international waters on the {}.",
            country(flag),
            route(r)
        ),
        BoardingConsentRefused { route: r, flag } => format!(
            "{} refuses consent to board boats flying its flag on the {}.",
            country(flag),
            route(r)
        ),
        BoardingConsentGranted { to, route: r } => format!(
            "Consent given to {} to board boats flying our flag on the {}.",
            team(to),
            route(r)
        ),
        NoBoardingRequest { from } => format!(
            "No open request to board from {}.",
            team(from)
        ),
        NoActionDayProposal { from } => format!(
            "No open proposal of a joint action day from {}.",
            team(from)
        ),
        JointActionDay { with, arrests } => format!(
            "Joint action day with {}: {arrests} arrest(s) by you and your partner, with no warning between them.",
            team(with)
        ),
        JitEnds { with } => format!(
            "The joint investigation team with {} ends this turn.",
            team(with)
        ),
        RedNoticeReceived { from, person } => format!(
            "Red notice from {}: locate and arrest {} with a view to extradition.",
            team(from),
            who(person)
        ),
        RedNoticeIssued { person } => format!("Red notice issued for {}.", who(person)),
        ArrestedOnNotice { person, by } => format!(
            "Red notice: {} arrested by {} on your notice; request extradition, or ask that country to prosecute.",
            who(person),
            team(by)
        ),
        PurpleNoticeReceived {
            from,
            role,
            route: r,
        } => format!(
            "Purple notice from {}: modus operandi of a {} working the {}.",
            team(from),
            role.label(),
            r.as_ref().map_or_else(|| "several routes".to_string(), route)
        ),
        PurpleNoticeIssued => "Purple notice issued.".to_string(),
        BlueNoticeAnswered {
            person,
            by: Some(by),
        } => format!(
            "Blue notice on {}: {} answers from its files.",
            who(person),
            team(by)
        ),
        BlueNoticeAnswered { person, by: None } => format!(
            "Blue notice on {}: no country at the table has a trace of them.",
            who(person)
        ),
        BlueNoticeReceived { from, person } => format!(
            "Blue notice from {} on {}: answered from your files.",
            team(from),
            who(person)
        ),
        GreenNoticeReceived { from, person } => format!(
            "Green notice from {}: {} is active in a smuggling network; a lead to watch.",
            team(from),
            who(person)
        ),
        GreenNoticeIssued { person } => format!(
            "Green notice issued on {}: every country is warned.",
            who(person)
        ),
        DiffusionReceived { from, person } => format!(
            "Diffusion from {} through INTERPOL: {} is sought; their file comes with it, as intelligence.",
            team(from),
            who(person)
        ),
        DiffusionSent { to, person } => format!(
            "Diffusion on {} sent to {} through INTERPOL.",
            who(person),
            team(to)
        ),
        LiaisonPosted { with } => format!(
            "Liaison officer posted with {}: a standing channel for intelligence.",
            team(with)
        ),
        LiaisonHosted { from } => format!("{} posts a liaison officer with you.", team(from)),
        CaseDropped { person } => format!(
            "Case against {} dropped: the accused is no longer in your country's custody.",
            who(person)
        ),
        Convicted {
            person,
            charge,
            laundering,
        } => {
            let charge = match (charge, laundering) {
                (Charge::Smuggling, false) => "migrant smuggling",
                (Charge::Smuggling, true) => "migrant smuggling and money laundering",
                (Charge::TraffickingAndSmuggling, false) => "trafficking in persons and smuggling",
                (Charge::TraffickingAndSmuggling, true) => {
                    "trafficking in persons, smuggling and money laundering"
                }
                (Charge::Corruption, false) => "corruption",
                (Charge::Corruption, true) => "corruption and money laundering",
            };
            format!("{VERDICT} {} convicted of {charge}.", who(person))
        }
        Acquitted { person } => format!(
            "{VERDICT} {} acquitted for want of admissible evidence, and released.",
            who(person)
        ),
        WhiteCell { text } => format!("WHITE CELL {text}"),
        Inject { inject, extra, .. } => {
            let Some(i) = setup.scenario.injects.iter().find(|i| &i.id == inject) else {
                return format!("INJECT {inject}");
            };
            let mut text = format!("INJECT {}: {}", i.title, i.message);
            if !extra.is_empty() {
                text.push(' ');
                text.push_str(extra);
            }
            text
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::systems::testkit::Bench;

    fn interdiction_text(b: &Bench, crew: &str) -> String {
        let setup = b.setup();
        let event: Event<Truth> = Event::Interdiction {
            route: RouteIx(0),
            groups: 1,
            people: 30,
            crew: Some(Person {
                actor: b.actor(crew),
                known_as: KnownAs::Name,
            }),
            lost: 0,
        };
        render(setup, &event, &|g| g.id.clone())
    }

    #[test]
    fn a_crew_is_caught_at_the_helm_of_a_boat_and_at_the_wheel_of_a_vehicle() {
        let b = Bench::mini();
        let at_sea = interdiction_text(&b, "cap1");
        assert!(
            at_sea.ends_with("Rafi Daud arrested at the helm."),
            "{at_sea}"
        );
        let ashore = interdiction_text(&b, "drv1");
        assert!(
            ashore.ends_with("Sami Kowal arrested at the wheel."),
            "{ashore}"
        );
    }
}
