//! The rules that decide whether a team may order an action, read only from
//! what the team knows and from public facts (law, catalogue, channels).
//!
//! The turn uses them to accept or refuse orders; views and bots use the same
//! functions to offer only what a team may do.

use super::knowledge::TeamKnowledge;
use super::orders::Target;
use super::setup::{ActorIx, Setup, TeamIx};
use super::state::{ActorStatus, Cooperation, TargetRef};
use crate::scenario::{ActionDef, Prerequisite, TargetKind};

/// A handle for a person the team has not identified: stable, opaque, and
/// keyed by the seed so it cannot be worked out from the scenario's ids.
pub fn handle(seed: u64, actor_id: &str) -> String {
    let mut h = blake3::Hasher::new();
    h.update(&seed.to_le_bytes());
    h.update(actor_id.as_bytes());
    let hex = h.finalize().to_hex();
    format!("x-{}", &hex[..8])
}

/// How the team refers to a person: the name when identified, else the alias
/// or a description by role.
pub fn known_name(setup: &Setup, know: &TeamKnowledge, actor: ActorIx) -> String {
    let info = &setup.actors[actor];
    match know.actors.get(&actor) {
        Some(i) if i.identified => info.name.clone(),
        Some(i) => match (&info.alias, i.role) {
            (Some(alias), _) => format!("\u{201c}{alias}\u{201d}"),
            (None, Some(role)) => format!("unidentified {}", role.label()),
            (None, None) => "unidentified contact".to_string(),
        },
        None => "unknown person".to_string(),
    }
}

/// The everyday context an order is checked in.
pub struct OrderContext<'a> {
    pub setup: &'a Setup,
    pub know: &'a TeamKnowledge,
    pub coop: &'a Cooperation,
    pub team: TeamIx,
    pub seed: u64,
    pub turn: u32,
    pub capacity_left: u32,
    pub interpreters_left: u32,
}

/// Find what an order's target refers to, among what the team may name.
pub fn resolve_target(
    ctx: &OrderContext<'_>,
    def: &ActionDef,
    target: &Target,
) -> Result<TargetRef, String> {
    let setup = ctx.setup;
    match (def.target, target) {
        (TargetKind::Nothing, _) => Ok(TargetRef::Nothing),
        (TargetKind::Actor, Target::Actor(id)) => person_in_files(ctx, id).map(TargetRef::Actor),
        (TargetKind::Group, Target::Group(id)) => ctx
            .know
            .groups
            .iter()
            .find(|(_, g)| g.id == *id)
            .map(|(seq, _)| TargetRef::Group(*seq))
            .ok_or_else(|| format!("no group `{id}` in your files")),
        (TargetKind::Team, Target::Team(id)) => match setup.team(id) {
            Some(t) if t != ctx.team => Ok(TargetRef::Team(t)),
            Some(_) => Err("cannot be aimed at your own team".into()),
            None => Err(format!("no team `{id}`")),
        },
        (TargetKind::Route, Target::Route(id)) => match setup.route(id) {
            Some(r) if ctx.know.routes.contains(&r) => Ok(TargetRef::Route(r)),
            _ => Err(format!("no route `{id}` known to you")),
        },
        (TargetKind::Asset, _) => Err("asset targets are not used".into()),
        (kind, _) => Err(format!(
            "needs a target of kind {}",
            target_kind_label(kind)
        )),
    }
}

/// A target kind in words.
pub fn target_kind_label(kind: TargetKind) -> &'static str {
    match kind {
        TargetKind::Nothing => "none",
        TargetKind::Actor => "person",
        TargetKind::Group => "group",
        TargetKind::Team => "team",
        TargetKind::Route => "route",
        TargetKind::Asset => "asset",
    }
}

/// The person a team's files call `id`: their real id once identified,
/// otherwise the handle the team knows them by.
fn person_in_files(ctx: &OrderContext<'_>, id: &str) -> Result<ActorIx, String> {
    let setup = ctx.setup;
    setup
        .actor(id)
        .filter(|a| ctx.know.actors.get(a).is_some_and(|i| i.identified))
        .or_else(|| {
            ctx.know
                .actors
                .keys()
                .copied()
                .find(|&a| handle(ctx.seed, &setup.actors[a].id) == id)
        })
        .ok_or_else(|| format!("no person `{id}` in your files"))
}

/// Resolve the person a sharing, MLA or notice order is about.
pub fn resolve_about(
    ctx: &OrderContext<'_>,
    about: Option<&str>,
) -> Result<Option<ActorIx>, String> {
    about.map(|id| person_in_files(ctx, id)).transpose()
}

/// Whether two teams may pass intelligence directly this turn.
pub fn has_channel(setup: &Setup, coop: &Cooperation, a: TeamIx, b: TeamIx, turn: u32) -> bool {
    setup.standing_channel(a, b) || coop.liaison(a, b) || coop.in_jit(a, b, turn)
}

/// Check every prerequisite of an action against what the team knows.
pub fn check_prerequisites(
    ctx: &OrderContext<'_>,
    def: &ActionDef,
    target: TargetRef,
) -> Result<(), String> {
    let setup = ctx.setup;
    let law = setup.law_of_team(ctx.team);
    let home = setup.teams[ctx.team].country;
    if def.cost > ctx.capacity_left {
        return Err(format!(
            "needs {} capacity, {} left",
            def.cost, ctx.capacity_left
        ));
    }
    let actor = match target {
        TargetRef::Actor(a) => Some(a),
        _ => None,
    };
    let intel = actor.and_then(|a| ctx.know.actors.get(&a));
    for req in &def.requires {
        let ok = match req {
            Prerequisite::TargetIdentified => intel.is_some_and(|i| i.identified),
            Prerequisite::TargetInJurisdiction => intel.is_some_and(|i| i.country == Some(home)),
            Prerequisite::TargetAbroad => {
                intel.is_some_and(|i| i.country.is_some_and(|c| c != home))
            }
            Prerequisite::InterceptionAllowed => law.interception_allowed,
            Prerequisite::InterceptionThreshold => {
                actor.is_some_and(|a| ctx.know.evidence_total(a) >= law.interception_threshold)
            }
            Prerequisite::ArrestThreshold => {
                actor.is_some_and(|a| ctx.know.evidence_total(a) >= law.arrest_threshold)
            }
            Prerequisite::ChargeThreshold => {
                actor.is_some_and(|a| ctx.know.admissible_total(a) >= law.charge_threshold)
            }
            Prerequisite::TargetInCustody => {
                intel.is_some_and(|i| i.held && i.status == Some(ActorStatus::Arrested))
            }
            Prerequisite::Criminalised => {
                law.smuggling_criminalised || law.trafficking_criminalised
            }
            Prerequisite::Interpreter => ctx.interpreters_left > 0,
            Prerequisite::GroupEncountered => {
                matches!(target, TargetRef::Group(g) if ctx.know.groups.contains_key(&g))
            }
            Prerequisite::ChannelToTeam => match target {
                TargetRef::Team(t) => has_channel(setup, ctx.coop, ctx.team, t, ctx.turn),
                _ => false,
            },
            Prerequisite::ExtraditionAllowed => {
                law.extradition
                    && intel
                        .and_then(|i| i.country)
                        .is_some_and(|c| setup.countries[c].law.extradition)
            }
        };
        if !ok {
            return Err(prerequisite_text(
                *req,
                law,
                actor.map(|a| (ctx.know.evidence_total(a), ctx.know.admissible_total(a))),
            ));
        }
    }
    Ok(())
}

/// Why a prerequisite blocks an order, in words a team can act on.
pub fn prerequisite_text(
    req: Prerequisite,
    law: &crate::scenario::Law,
    evidence: Option<(u32, u32)>,
) -> String {
    let (total, admissible) = evidence.unwrap_or((0, 0));
    match req {
        Prerequisite::TargetIdentified => "needs the person identified by name".into(),
        Prerequisite::TargetInJurisdiction => "needs the person in your country".into(),
        Prerequisite::TargetAbroad => "needs the person located abroad".into(),
        Prerequisite::InterceptionAllowed => "your law does not allow interception".into(),
        Prerequisite::InterceptionThreshold => format!(
            "needs a warrant: evidence {} of {}",
            total, law.interception_threshold
        ),
        Prerequisite::ArrestThreshold => {
            format!(
                "needs evidence {} of {} to arrest",
                total, law.arrest_threshold
            )
        }
        Prerequisite::ChargeThreshold => format!(
            "needs admissible evidence {} of {} to charge",
            admissible, law.charge_threshold
        ),
        Prerequisite::TargetInCustody => "needs the person in your custody".into(),
        Prerequisite::Criminalised => "the offence is not a crime in your country".into(),
        Prerequisite::Interpreter => "no interpreter free this turn".into(),
        Prerequisite::GroupEncountered => "needs a group you have met".into(),
        Prerequisite::ChannelToTeam => {
            "no channel to that team: post a liaison officer or form a joint team".into()
        }
        Prerequisite::ExtraditionAllowed => {
            "extradition is not possible between these countries".into()
        }
    }
}
