//! The investigator bots: one policy with a cooperation temperament.

use super::BotKey;
use super::plan::{Plan, at_liberty, by_priority, priority};
use crate::engine::orders::{Order, Target};
use crate::engine::state::ActorStatus;
use crate::scenario::{ActionKind, Role};
use crate::view::{PersonView, TeamView};

/// Raid the premises where a keeper or an enforcer in the team's files
/// lives or works, if the team knows them; whether it was ordered.
fn raid_where_kept(plan: &mut Plan, p: &PersonView) -> bool {
    if !matches!(p.role, Some(Role::SafeHouseKeeper | Role::Enforcer)) {
        return false;
    }
    let Some(place) = p.place.as_deref() else {
        return false;
    };
    let Some(id) = plan
        .premises()
        .iter()
        .find(|x| x.name == place)
        .map(|x| x.id.clone())
    else {
        return false;
    };
    plan.push(ActionKind::Raid, Target::Place(id), None)
}

/// How readily a bot works across borders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cooperation {
    Never,
    Normal,
    Eager,
}

/// What the bot does with the people it holds or finds exploited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Care {
    /// Screen them, refer presumed victims, return the others with support.
    VictimCentred,
    /// Nothing: the people held are left to routine processing.
    Routine,
}

/// Decide a turn's orders from the team's view.
pub fn decide(view: &TeamView, key: &BotKey, coop: Cooperation) -> Vec<Order> {
    decide_with(view, key, coop, Care::VictimCentred)
}

/// Decide a turn's orders from the team's view, caring for people as `care`
/// says.
pub fn decide_with(view: &TeamView, key: &BotKey, coop: Cooperation, care: Care) -> Vec<Order> {
    let mut plan = Plan::new(view);
    let law = &view.law;
    plan.answer_distress();
    // Accept joint teams offered.
    if coop != Cooperation::Never {
        for t in view
            .teams
            .iter()
            .filter(|t| t.proposes_jit && !t.joint_team && t.jit_basis)
        {
            plan.push(ActionKind::JitAccept, Target::Team(t.id.clone()), None);
        }
    }
    // Agree the joint action days partners propose: arrests made together
    // give the network no warning between them. Consent, as a flag state,
    // to another coast guard boarding our boats.
    if coop != Cooperation::Never {
        for t in view
            .teams
            .iter()
            .filter(|t| t.proposes_action_day.is_some())
        {
            plan.push(
                ActionKind::ActionDayAccept,
                Target::Team(t.id.clone()),
                None,
            );
        }
        // A financial intelligence unit lets a partner use in court what it
        // sends (Egmont: the disclosing unit's consent).
        for t in view.teams.iter().filter(|t| t.awaits_fiu_consent) {
            plan.push(ActionKind::FiuConsent, Target::Team(t.id.clone()), None);
        }
        if answers_for_the_flag(view) {
            for t in view.teams.iter().filter(|t| t.asks_boarding) {
                plan.push(
                    ActionKind::BoardingConsent,
                    Target::Team(t.id.clone()),
                    None,
                );
            }
        }
    }
    if care == Care::VictimCentred {
        plan.care_for_groups();
    }
    plan.raid_reported_premises();
    plan.inspect_a_worksite();
    plan.check_recruitment_agencies();
    plan.inspect_a_vessel_in_port();
    let persons = by_priority(view);

    // Charge those we hold once the admissible evidence clears the bar with a margin;
    // ask abroad, by MLA, for the evidence that informal channels showed exists.
    for p in persons.iter().filter(|p| {
        p.held && p.status == Some(ActorStatus::Arrested) && !p.charged && !p.acquitted_here
    }) {
        // No charge without proof that people were smuggled: the migrants'
        // statements are where they were stopped, so ask there.
        if !p.act_proven {
            if coop != Cooperation::Never
                && !p.mla_pending
                && p.admissible + 2 >= law.charge_threshold
                && let Some(t) = where_migrants_are_stopped(view)
            {
                plan.push(
                    ActionKind::MlaRequest,
                    Target::Team(t.id.clone()),
                    Some(p.reference.clone()),
                );
            }
            continue;
        }
        let margin = if coop == Cooperation::Never { 0 } else { 1 };
        let formalise = if coop != Cooperation::Never && !p.mla_pending {
            informal_source(view, p)
        } else {
            None
        };
        // Cooperative teams formalise what other countries told them before
        // going to court: a case from several countries and sources
        // convicts where one that barely clears the bar is a coin toss.
        let wait = coop == Cooperation::Eager
            && (formalise.is_some() || p.mla_pending)
            && p.admissible < law.charge_threshold + 3;
        let target = Target::Actor(p.reference.clone());
        if p.admissible >= law.charge_threshold + margin && !wait {
            plan.push(ActionKind::Prosecution, target, None);
        } else if let Some(t) = formalise {
            plan.push(
                ActionKind::MlaRequest,
                Target::Team(t.id.clone()),
                Some(p.reference.clone()),
            );
        } else if coop != Cooperation::Never
            && !p.mla_pending
            && p.admissible >= law.charge_threshold
        {
            plan.push(ActionKind::Prosecution, target, None);
        }
    }
    // Arrest when the evidence allows; several arrests in one turn give the network no time to warn itself.
    // Not those a court here acquitted: no court here would try them again.
    // A cooperative team with a joint action day coming holds its arrests for the day.
    let proposed =
        coop == Cooperation::Eager && investigator(view) && propose_action_day(&mut plan, &persons);
    let day_coming = proposed
        || coop == Cooperation::Eager
            && view
                .teams
                .iter()
                .any(|t| t.action_day.is_some_and(|d| d > view.turn));
    for p in persons
        .iter()
        .filter(|p| p.identified && p.in_jurisdiction && at_liberty(p) && !p.acquitted_here)
    {
        if p.evidence >= law.arrest_threshold {
            // Those who keep people are arrested where they keep them: a raid
            // finds the people too.
            if ready_to_arrest(p, law) && !day_coming && !raid_where_kept(&mut plan, p) {
                plan.push(ActionKind::Arrest, Target::Actor(p.reference.clone()), None);
            }
            if p.assets > 0 {
                plan.push(
                    ActionKind::AssetFreeze,
                    Target::Actor(p.reference.clone()),
                    None,
                );
            }
        }
    }
    // Coast guards ask the flag states whose boats they may not board in
    // international waters, and patrol the sea legs they know.
    if view.may(ActionKind::BoardingConsentRequest)
        && coop != Cooperation::Never
        && let Some(r) = view.routes.iter().find(|r| !r.consent_needed.is_empty())
    {
        plan.push(
            ActionKind::BoardingConsentRequest,
            Target::Route(r.id.clone()),
            None,
        );
    }
    if view.may(ActionKind::MaritimePatrol) {
        let sea: Vec<_> = view.routes.iter().filter(|r| r.has_sea_leg).collect();
        if !sea.is_empty() {
            let r = sea[key.pick(view.turn, "patrol", sea.len())];
            plan.push(
                ActionKind::MaritimePatrol,
                Target::Route(r.id.clone()),
                None,
            );
            if view.turn.is_multiple_of(3) {
                plan.push(ActionKind::Interdiction, Target::Route(r.id.clone()), None);
            }
        }
    }
    // Develop the files: the most important people first.
    for p in persons
        .iter()
        .filter(|p| p.in_jurisdiction && at_liberty(p) && p.admissible < law.charge_threshold + 2)
    {
        let t = Target::Actor(p.reference.clone());
        let busy = view.underway.iter().any(|o| o.target == p.name);
        if busy {
            continue;
        }
        let done = if p.identified
            && law.interception_allowed
            && p.admissible >= law.interception_threshold
        {
            plan.push(ActionKind::Interception, t.clone(), None)
        } else if p.identified && priority(p) <= 1 {
            plan.push(ActionKind::FinancialInvestigation, t.clone(), None)
        } else {
            false
        };
        if !done && !plan.push(ActionKind::Surveillance, t.clone(), None) {
            plan.push(ActionKind::FinancialInvestigation, t, None);
        }
        if plan.left < 2 {
            break;
        }
    }
    disseminate_at_home(&mut plan, &persons);
    // Cross-border work: pass on what we know of people abroad; seek a joint team.
    // Investigators do this; border and coast guard teams keep to the people they meet.
    if coop != Cooperation::Never && investigator(view) {
        let abroad: Vec<&&PersonView> = persons
            .iter()
            .filter(|p| {
                // Pass on what is fresh: news from the last turn, not the same file again.
                !p.in_jurisdiction
                    && p.country.is_some()
                    && p.evidence > 0
                    && p.last_turn + 1 >= view.turn
            })
            .collect();
        let limit = if coop == Cooperation::Eager { 3 } else { 1 };
        for p in abroad.into_iter().take(limit) {
            let Some(country) = &p.country else { continue };
            let fresh = |t: &crate::view::OtherTeam| {
                p.shared_with
                    .iter()
                    .find(|(id, _)| *id == t.id)
                    .is_none_or(|(_, when)| *when < p.last_turn)
            };
            if let Some(t) = view
                .teams
                .iter()
                .find(|t| &t.country == country && t.channel)
            {
                if fresh(t) {
                    plan.push(
                        ActionKind::ShareIntel,
                        Target::Team(t.id.clone()),
                        Some(p.reference.clone()),
                    );
                }
            } else if coop == Cooperation::Eager
                && let Some(t) = view.teams.iter().find(|t| &t.country == country)
            {
                plan.push(ActionKind::LiaisonPosting, Target::Team(t.id.clone()), None);
            }
            // Organisers abroad with a case against them: ask every country to find them.
            if p.organiser && p.evidence >= law.arrest_threshold && p.identified && at_liberty(p) {
                plan.push(
                    ActionKind::RedNotice,
                    Target::Actor(p.reference.clone()),
                    None,
                );
            }
        }
        ask_financial_units_abroad(&mut plan, &persons, limit);
        formalise_before_arrest(&mut plan, &persons, limit);
        ask_to_prosecute(&mut plan, &persons);
        ask_for_extradition(&mut plan, &persons);
        // Recruiters' files go to where the people end up: they lead to the worksites.
        if view.team.country_role != crate::scenario::CountryRole::Destination {
            let recruiters = persons.iter().filter(|p| {
                p.role == Some(Role::Recruiter) && p.identified && p.last_turn + 1 >= view.turn
            });
            let dest = view.teams.iter().find(|t| {
                t.country_role == crate::scenario::CountryRole::Destination
                    && t.channel
                    && works_the_ground(t)
            });
            if let Some(t) = dest {
                for p in recruiters.take(limit) {
                    if p.shared_with
                        .iter()
                        .all(|(id, when)| *id != t.id || *when < p.last_turn)
                    {
                        plan.push(
                            ActionKind::ShareIntel,
                            Target::Team(t.id.clone()),
                            Some(p.reference.clone()),
                        );
                    }
                }
            }
        }
        let in_jit = view.teams.iter().any(|t| t.joint_team);
        let wants = if coop == Cooperation::Eager {
            view.turn >= 2
        } else {
            view.turn >= 6
        };
        if !in_jit && wants && view.turn % 4 == 2 {
            // Only where both countries' laws provide for a joint team, and
            // to a team that can accept one.
            let foreign: Vec<_> = view
                .teams
                .iter()
                .filter(|t| t.jit_basis && t.joins_jit)
                .collect();
            if !foreign.is_empty() {
                let t = foreign[key.pick(view.turn, "jit", foreign.len())];
                plan.push(ActionKind::JitProposal, Target::Team(t.id.clone()), None);
            }
        }
    }
    plan.analyse();
    if view.team.country_role == crate::scenario::CountryRole::Origin
        && view.turn % 8 == 1
        && plan.left >= 2
    {
        plan.push(ActionKind::PreventionCampaign, Target::Nothing, None);
    }
    plan.orders
}

/// Whether a team finds people where they are: it stops, raids, arrests or
/// inspects. A file that leads to worksites goes to such a team, not to a
/// prosecution service.
fn works_the_ground(t: &crate::view::OtherTeam) -> bool {
    [
        ActionKind::Raid,
        ActionKind::Arrest,
        ActionKind::Interdiction,
        ActionKind::LabourInspection,
    ]
    .iter()
    .any(|&k| t.can(k))
}

/// Whether this team answers for its country as a flag state: of the teams
/// there that may consent to boarding, the one at sea, else one that
/// arrests, else the first.
fn answers_for_the_flag(view: &TeamView) -> bool {
    let rank = |may: &dyn Fn(ActionKind) -> bool| {
        if !may(ActionKind::BoardingConsent) {
            3
        } else if may(ActionKind::MaritimePatrol) {
            0
        } else if may(ActionKind::Arrest) {
            1
        } else {
            2
        }
    };
    let mine = rank(&|k| view.may(k));
    mine < 3
        && view
            .teams
            .iter()
            .filter(|t| t.same_country)
            .all(|t| rank(&|k| t.can(k)) > mine)
}

/// Whether the team works cases across borders: investigators, who may ask
/// for evidence or financial intelligence abroad, do; border and coast
/// guard teams keep to the people they meet.
fn investigator(view: &TeamView) -> bool {
    view.may(ActionKind::MlaRequest) || view.may(ActionKind::FiuExchange)
}

/// Whether a person at liberty is worth arresting now: a case to charge, an
/// important member, or evidence well past the bar.
fn ready_to_arrest(p: &PersonView, law: &crate::view::LawView) -> bool {
    p.evidence >= law.arrest_threshold
        && (p.evidence >= law.charge_threshold
            || priority(p) >= 4
            || p.evidence >= law.arrest_threshold + 2)
}

/// With people ready to arrest at home and, by the joint team's shared
/// files, in the partner's country too, a cooperative team proposes a joint
/// action day to its partner rather than strike alone, one plan at a time;
/// true if it proposed one.
fn propose_action_day(plan: &mut Plan, persons: &[&PersonView]) -> bool {
    let view = plan.view;
    let ready = persons
        .iter()
        .filter(|p| p.identified && p.in_jurisdiction && at_liberty(p) && !p.acquitted_here)
        .any(|p| ready_to_arrest(p, &view.law));
    let planned = view
        .teams
        .iter()
        .any(|t| t.action_day.is_some() || t.proposes_action_day.is_some());
    if !ready || planned {
        return false;
    }
    let ready_there = |country: &str| {
        persons.iter().any(|p| {
            p.country.as_deref() == Some(country)
                && p.identified
                && at_liberty(p)
                && p.evidence >= view.law.arrest_threshold
        })
    };
    match view
        .teams
        .iter()
        .find(|t| t.joint_team && !t.same_country && ready_there(&t.country))
    {
        Some(t) => plan.push(
            ActionKind::ActionDayProposal,
            Target::Team(t.id.clone()),
            None,
        ),
        None => false,
    }
}

/// A team that cannot arrest (a financial intelligence unit, say) passes
/// what is fresh on people in its country to an agency there that can: the
/// dissemination that is the unit's job. Within a country, whatever the
/// temperament.
fn disseminate_at_home(plan: &mut Plan, persons: &[&PersonView]) {
    let view = plan.view;
    if view.actions.iter().any(|a| a.kind == ActionKind::Arrest) {
        return;
    }
    let Some(police) = view
        .teams
        .iter()
        .find(|t| t.same_country && t.can(ActionKind::Arrest) && t.can(ActionKind::Prosecution))
    else {
        return;
    };
    let fresh = persons.iter().filter(|p| {
        p.in_jurisdiction
            && p.identified
            && p.evidence > 0
            && p.last_turn + 1 >= view.turn
            && p.shared_with
                .iter()
                .all(|(id, when)| *id != police.id || *when < p.last_turn)
    });
    for p in fresh.take(2) {
        plan.push(
            ActionKind::ShareIntel,
            Target::Team(police.id.clone()),
            Some(p.reference.clone()),
        );
    }
}

/// The money of organisers and brokers abroad is reached through the
/// financial intelligence unit of their country: ask it, once a person.
fn ask_financial_units_abroad(plan: &mut Plan, persons: &[&PersonView], limit: usize) {
    let view = plan.view;
    let wanted = persons.iter().filter(|p| {
        !p.in_jurisdiction
            && p.identified
            && !p.fiu_asked
            && at_liberty(p)
            && matches!(p.role, Some(Role::Organiser | Role::MoneyBroker))
    });
    for p in wanted.take(limit) {
        let Some(country) = &p.country else { continue };
        let mut theirs: Vec<&crate::view::OtherTeam> = view
            .teams
            .iter()
            .filter(|t| &t.country == country)
            .collect();
        // Unit to unit where the country has one.
        theirs.sort_by_key(|t| !t.can(ActionKind::FiuConsent));
        if let Some(t) = theirs.first() {
            plan.push(
                ActionKind::FiuExchange,
                Target::Team(t.id.clone()),
                Some(p.reference.clone()),
            );
        }
    }
}

/// What other countries told us informally about the organisers and
/// brokers we pursue at home, asked for by MLA while the case is built, so
/// the evidence is admissible by the time they are arrested.
fn formalise_before_arrest(plan: &mut Plan, persons: &[&PersonView], limit: usize) {
    let view = plan.view;
    let law = &view.law;
    let wanted = persons.iter().filter(|p| {
        p.in_jurisdiction
            && p.identified
            && at_liberty(p)
            && priority(p) <= 1
            && !p.mla_pending
            && p.admissible < law.charge_threshold + 1
    });
    for p in wanted.take(limit) {
        if let Some(t) = informal_source(view, p) {
            plan.push(
                ActionKind::MlaRequest,
                Target::Team(t.id.clone()),
                Some(p.reference.clone()),
            );
        }
    }
}

/// Someone we have a case against, arrested abroad by a country that
/// extradites them: ask for them, to stand trial here.
fn ask_for_extradition(plan: &mut Plan, persons: &[&PersonView]) {
    let law = &plan.view.law;
    let wanted = persons.iter().filter(|p| {
        p.status == Some(ActorStatus::Arrested)
            && !p.held
            && !p.in_jurisdiction
            && p.identified
            && p.extraditable
            && p.act_proven
            && !p.acquitted_here
            && p.admissible >= law.charge_threshold
    });
    for p in wanted {
        plan.push(
            ActionKind::Extradition,
            Target::Actor(p.reference.clone()),
            None,
        );
    }
}

/// A case ready for court against someone abroad whom their country will
/// not extradite goes to that country with a request to prosecute.
fn ask_to_prosecute(plan: &mut Plan, persons: &[&PersonView]) {
    let view = plan.view;
    let law = &view.law;
    let ready = persons
        .iter()
        .filter(|p| !p.in_jurisdiction && p.identified && p.admissible >= law.charge_threshold)
        .filter(|p| p.status != Some(ActorStatus::Convicted));
    for p in ready.filter(|p| !p.extraditable && !p.prosecution_asked) {
        plan.push(
            ActionKind::ProsecutionRequest,
            Target::Actor(p.reference.clone()),
            None,
        );
    }
}

/// A team of the country where the route's migrants are most likely
/// stopped and interviewed: the destination, else a transit country.
fn where_migrants_are_stopped(view: &TeamView) -> Option<&crate::view::OtherTeam> {
    use crate::scenario::CountryRole;
    view.teams
        .iter()
        .filter(|t| !t.same_country && t.country_role != CountryRole::Origin)
        .min_by_key(|t| t.country_role != CountryRole::Destination)
}

/// The team of another country whose informal intelligence on a person an
/// MLA request would formalise: the first such country in the case file.
fn informal_source<'v>(view: &'v TeamView, p: &PersonView) -> Option<&'v crate::view::OtherTeam> {
    let country = view
        .cases
        .iter()
        .find(|c| c.person == p.reference)?
        .items
        .iter()
        .find(|e| !e.admissible)
        .map(|e| e.jurisdiction.clone())?;
    view.teams
        .iter()
        .find(|t| t.country == country && !t.same_country && !t.joint_team)
}
