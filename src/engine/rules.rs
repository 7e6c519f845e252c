//! The rules that decide whether a team may order an action, read only from
//! what the team knows and from public facts (law, catalogue, channels).
//!
//! The turn uses them to accept or refuse orders; views and bots use the same
//! functions to offer only what a team may do.

use super::breach::Breach;
use super::knowledge::TeamKnowledge;
use super::orders::Target;
use super::setup::{ActorIx, CountryIx, RouteIx, Setup, TeamIx};
use super::state::{ActorStatus, Cooperation, TargetRef};
use crate::scenario::{ActionDef, PlaceKind, Prerequisite, TargetKind};

/// A handle for a person the team has not identified in a headless run:
/// stable, opaque to a reader of the scenario, and keyed by the seed alone,
/// so a run is reproducible from its seed. Whoever knows the seed can work
/// it out, so an exercise with people at the table uses [`Handles::Keyed`].
pub fn handle(seed: u64, actor_id: &str) -> String {
    let mut h = blake3::Hasher::new();
    h.update(&seed.to_le_bytes());
    h.update(actor_id.as_bytes());
    let hex = h.finalize().to_hex();
    format!("x-{}", &hex[..8])
}

/// How the persons a team has not identified are named in its files, its
/// messages and its orders: a presentation of the state, never part of it
/// (the state hash never sees a handle).
#[derive(bevy_ecs::prelude::Resource, Clone, Copy, PartialEq, Eq)]
pub enum Handles {
    /// [`handle`]: reproducible from the seed, for headless runs and
    /// journals written before handles were keyed.
    Seeded(u64),
    /// A keyed hash under a secret drawn from the operating system when an
    /// exercise with people at the table starts, kept in its journal: no
    /// team can turn a handle back into a member's id without it.
    Keyed([u8; 32]),
}

impl std::fmt::Debug for Handles {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The key is the facilitator's secret: never in a log line.
        match self {
            Handles::Seeded(seed) => write!(f, "Handles::Seeded({seed})"),
            Handles::Keyed(_) => f.write_str("Handles::Keyed(..)"),
        }
    }
}

impl From<u64> for Handles {
    fn from(seed: u64) -> Handles {
        Handles::Seeded(seed)
    }
}

impl Handles {
    /// A fresh secret key from the operating system's randomness.
    pub fn fresh() -> Result<Handles, getrandom::Error> {
        let mut key = [0u8; 32];
        getrandom::fill(&mut key)?;
        Ok(Handles::Keyed(key))
    }

    /// The handle of the member with this id.
    pub fn of(&self, actor_id: &str) -> String {
        match self {
            Handles::Seeded(seed) => handle(*seed, actor_id),
            Handles::Keyed(key) => {
                let mut h = blake3::Hasher::new_keyed(key);
                h.update(b"undertow handle v1\0");
                h.update(actor_id.as_bytes());
                let hex = h.finalize().to_hex();
                format!("x-{}", &hex[..8])
            }
        }
    }
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
    /// How the team's files name the persons it has not identified.
    pub handles: Handles,
    pub turn: u32,
    pub capacity_left: u32,
    pub interpreters_left: u32,
}

/// Find what an order's target refers to, among what the team may name.
pub fn resolve_target(
    ctx: &OrderContext<'_>,
    def: &ActionDef,
    target: &Target,
) -> Result<TargetRef, Breach> {
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
            .ok_or_else(|| Breach::NoGroup(id.clone())),
        (TargetKind::Team, Target::Team(id)) => match setup.team(id) {
            Some(t) if t != ctx.team => Ok(TargetRef::Team(t)),
            Some(_) => Err(Breach::OwnTeam),
            None => Err(Breach::NoTeam(id.clone())),
        },
        (TargetKind::Route, Target::Route(id)) => match setup.route(id) {
            Some(r) if ctx.know.routes.contains(&r) => Ok(TargetRef::Route(r)),
            _ => Err(Breach::NoRoute(id.clone())),
        },
        (TargetKind::Place, Target::Place(id)) => match setup.place(id) {
            Some(p) if ctx.know.places.contains(&p) => Ok(TargetRef::Place(p)),
            _ => Err(Breach::NoPlace(id.clone())),
        },
        (TargetKind::Asset, _) => Err(Breach::AssetTarget),
        (kind, _) => Err(Breach::WrongTarget(kind)),
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
        TargetKind::Place => "place",
    }
}

/// The person a team's files call `id`: their real id once identified,
/// otherwise the handle the team knows them by.
fn person_in_files(ctx: &OrderContext<'_>, id: &str) -> Result<ActorIx, Breach> {
    let setup = ctx.setup;
    setup
        .actor(id)
        .filter(|a| ctx.know.actors.get(a).is_some_and(|i| i.identified))
        .or_else(|| {
            ctx.know
                .actors
                .keys()
                .copied()
                .find(|&a| ctx.handles.of(&setup.actors[a].id) == id)
        })
        .ok_or_else(|| Breach::NoPerson(id.to_string()))
}

/// Resolve the person a sharing, MLA or notice order is about.
pub fn resolve_about(
    ctx: &OrderContext<'_>,
    about: Option<&str>,
) -> Result<Option<ActorIx>, Breach> {
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
) -> Result<(), Breach> {
    let law = ctx.setup.law_of_team(ctx.team);
    if def.cost > ctx.capacity_left {
        return Err(Breach::Capacity {
            cost: def.cost,
            left: ctx.capacity_left,
        });
    }
    let actor = match target {
        TargetRef::Actor(a) => Some(a),
        _ => None,
    };
    for req in &def.requires {
        if !prerequisite_met(ctx, *req, target) {
            return Err(Breach::unmet(
                *req,
                law,
                actor.map(|a| (ctx.know.evidence_total(a), ctx.know.admissible_total(a))),
            ));
        }
    }
    Ok(())
}

/// Whether an action could apply to this target at all, as the team knows
/// it: an arrest is not for someone already held, a prosecution only for
/// someone who is, a request abroad not for a team at home. Dialogs leave
/// out the targets it cannot apply to.
pub fn applies_to(ctx: &OrderContext<'_>, def: &ActionDef, target: TargetRef) -> bool {
    def.requires
        .iter()
        .filter(|r| {
            matches!(
                r,
                Prerequisite::TargetAtLarge
                    | Prerequisite::TargetInCustody
                    | Prerequisite::TeamAbroad
                    | Prerequisite::Premises
                    | Prerequisite::Workplace
                    | Prerequisite::NaturalPerson
                    | Prerequisite::Company
                    | Prerequisite::Licensed
                    | Prerequisite::CallsAtPort
                    | Prerequisite::GroupOnTheMove
            )
        })
        .all(|&r| prerequisite_met(ctx, r, target))
}

/// Whether one prerequisite of an action holds for a target, by what the
/// team knows.
pub fn prerequisite_met(ctx: &OrderContext<'_>, req: Prerequisite, target: TargetRef) -> bool {
    let setup = ctx.setup;
    let law = setup.law_of_team(ctx.team);
    let home = setup.teams[ctx.team].country;
    let actor = match target {
        TargetRef::Actor(a) => Some(a),
        _ => None,
    };
    let intel = actor.and_then(|a| ctx.know.actors.get(&a));
    let place = match target {
        TargetRef::Place(p) => Some(&setup.places[p]),
        _ => None,
    };
    match req {
        Prerequisite::TargetIdentified => intel.is_some_and(|i| i.identified),
        Prerequisite::TargetInJurisdiction => actor
            .zip(intel)
            .is_some_and(|(a, i)| known_within_jurisdiction(setup, home, a, i)),
        Prerequisite::TargetAbroad => intel.is_some_and(|i| i.country.is_some_and(|c| c != home)),
        Prerequisite::InterceptionAllowed => law.interception_allowed,
        // A warrant is granted on evidence a court would admit, not on tips.
        Prerequisite::InterceptionThreshold => {
            actor.is_some_and(|a| ctx.know.admissible_total(a) >= law.interception_threshold)
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
        Prerequisite::TargetAtLarge => intel.is_some_and(|i| {
            !i.held
                && !matches!(
                    i.status,
                    Some(ActorStatus::Arrested | ActorStatus::Convicted | ActorStatus::Suspended)
                )
        }),
        Prerequisite::Criminalised => criminalises(law),
        Prerequisite::DualCriminality => intel
            .and_then(|i| i.country)
            .is_some_and(|c| criminalises(&setup.countries[c].law)),
        Prerequisite::Interpreter => ctx.interpreters_left > 0,
        Prerequisite::GroupEncountered => {
            matches!(target, TargetRef::Group(g) if ctx.know.groups.contains_key(&g))
        }
        Prerequisite::ChannelToTeam => match target {
            TargetRef::Team(t) => has_channel(setup, ctx.coop, ctx.team, t, ctx.turn),
            _ => false,
        },
        Prerequisite::ExtraditionAllowed => actor
            .zip(intel.and_then(|i| i.country))
            .is_some_and(|(a, requested)| extradites(setup, a, requested)),
        Prerequisite::SmugglingProven => actor.is_some_and(|a| ctx.know.act_proven(a)),
        Prerequisite::NotAcquittedHere => {
            actor.is_some_and(|a| !ctx.know.acquitted.contains_key(&a))
        }
        Prerequisite::LegInReach => match target {
            TargetRef::Route(r) => setup.routes[r]
                .legs
                .iter()
                .any(|leg| works_leg(setup, ctx.coop, ctx.team, r, leg)),
            _ => false,
        },
        Prerequisite::JitBasis => match target {
            TargetRef::Team(t) => joint_teams_lawful(setup, ctx.team, t),
            _ => false,
        },
        Prerequisite::ForeignFlagAtSea => match target {
            TargetRef::Route(r) => !flags_to_ask(setup, ctx.coop, ctx.team, r).is_empty(),
            _ => false,
        },
        Prerequisite::TeamAbroad => {
            matches!(target, TargetRef::Team(t) if setup.teams[t].country != home)
        }
        Prerequisite::FiuAsked => match target {
            TargetRef::Team(t) => ctx.know.asked_our_unit(t),
            _ => false,
        },
        Prerequisite::ActionDayProposed => {
            match target {
                TargetRef::Team(t) => ctx.coop.action_days.iter().any(|d| {
                    !d.agreed && d.proposer == t && d.partner == ctx.team && d.day > ctx.turn
                }),
                _ => false,
            }
        }
        // Any state may board a stateless vessel (UNCLOS art. 110); a
        // foreign vessel that puts into a port is within the port state's
        // jurisdiction there.
        Prerequisite::PlaceInJurisdiction => place.is_some_and(|p| {
            p.country == Some(home)
                || (p.kind == PlaceKind::Vessel
                    && (p.country.is_none()
                        || p.calls_at
                            .iter()
                            .any(|&port| setup.places[port].country == Some(home))))
        }),
        Prerequisite::Premises => place.is_some_and(|p| {
            matches!(
                p.kind,
                PlaceKind::SafeHouse | PlaceKind::Worksite | PlaceKind::Vessel
            )
        }),
        // A fishing vessel is a workplace too (ILO Work in Fishing
        // Convention, 2007: No. 188).
        Prerequisite::Workplace => {
            place.is_some_and(|p| matches!(p.kind, PlaceKind::Worksite | PlaceKind::Vessel))
        }
        // What a member is, a person or a company, and whether a company
        // holds a licence, is on the public register.
        Prerequisite::NaturalPerson => actor.is_some_and(|a| setup.actors[a].role.is_person()),
        Prerequisite::Company => actor.is_some_and(|a| !setup.actors[a].role.is_person()),
        Prerequisite::Licensed => {
            actor.is_some_and(|a| !setup.actors[a].role.is_person() && setup.actors[a].licensed)
        }
        Prerequisite::GroupOnTheMove => match target {
            TargetRef::Group(g) => ctx.know.groups.get(&g).is_some_and(|i| {
                matches!(
                    i.status,
                    crate::engine::state::GroupStatus::Recruited
                        | crate::engine::state::GroupStatus::InTransit
                )
            }),
            _ => false,
        },
        Prerequisite::CallsAtPort => place.is_some_and(|p| {
            p.kind == PlaceKind::Vessel
                && p.calls_at
                    .iter()
                    .any(|&port| setup.places[port].country == Some(home))
        }),
        Prerequisite::BoardingAsked => match target {
            TargetRef::Team(t) => ctx
                .coop
                .boarding_requests
                .iter()
                .any(|r| r.from == t && r.flag == home && r.open_on(ctx.turn)),
            _ => false,
        },
    }
}

/// Whether a country's flag flies over this member's work: a boat captain
/// of a route with a sea leg whose vessels fly it. Aboard, the flag state's
/// law runs (UNCLOS article 92), wherever the captain lives.
pub fn sails_under_flag(setup: &Setup, actor: ActorIx, flag: CountryIx) -> bool {
    let a = &setup.actors[actor];
    a.role == crate::scenario::Role::BoatCaptain
        && a.route.is_some_and(|r| {
            setup.routes[r]
                .legs
                .iter()
                .any(|l| l.mode == crate::scenario::Mode::Sea && l.flag == Some(flag))
        })
}

/// Whether a team may investigate or arrest a person in `country`: in its
/// own territory, or aboard a vessel flying its flag ([`sails_under_flag`]).
pub fn within_jurisdiction(
    setup: &Setup,
    team: TeamIx,
    actor: ActorIx,
    country: CountryIx,
) -> bool {
    let home = setup.teams[team].country;
    country == home || sails_under_flag(setup, actor, home)
}

/// [`within_jurisdiction`] by what a team knows: where it last placed the
/// person, and, for one it knows as a boat captain, whether they sail under
/// its flag (its registry knows the vessels that fly it).
pub fn known_within_jurisdiction(
    setup: &Setup,
    home: CountryIx,
    actor: ActorIx,
    intel: &super::knowledge::ActorIntel,
) -> bool {
    intel.country == Some(home)
        || intel.role == Some(crate::scenario::Role::BoatCaptain)
            && sails_under_flag(setup, actor, home)
}

/// Whether both teams' countries' laws provide for a joint investigation team.
pub fn joint_teams_lawful(setup: &Setup, a: TeamIx, b: TeamIx) -> bool {
    let law = |t: TeamIx| &setup.countries[setup.teams[t].country].law;
    law(a).jit_basis && law(b).jit_basis
}

/// Whether a team's agency can stop people on this leg of a route: a leg
/// of a mode it stops (`AgencyDef.stops`) from or to its country (its
/// roads, border posts, ports, airports, waters and contiguous zone); at
/// sea in open water too, aboard a vessel of its own flag or a stateless
/// one, or of another flag with that flag state's consent.
pub fn works_leg(
    setup: &Setup,
    coop: &Cooperation,
    team: TeamIx,
    route: RouteIx,
    leg: &crate::engine::setup::LegInfo,
) -> bool {
    let info = &setup.teams[team];
    if !info.agency.stops.contains(&leg.mode) {
        return false;
    }
    let home = info.country;
    touches(setup, leg, home)
        || (leg.mode == crate::scenario::Mode::Sea
            && in_open_water(setup, leg)
            && leg
                .flag
                .is_none_or(|f| f == home || coop.may_board(team, f, route)))
}

/// Whether a leg leaves from or arrives in the country.
fn touches(setup: &Setup, leg: &crate::engine::setup::LegInfo, country: CountryIx) -> bool {
    setup.places[leg.from].country == Some(country) || setup.places[leg.to].country == Some(country)
}

/// Whether a leg crosses international waters: one of its ends is in no
/// country.
fn in_open_water(setup: &Setup, leg: &crate::engine::setup::LegInfo) -> bool {
    setup.places[leg.from].country.is_none() || setup.places[leg.to].country.is_none()
}

/// The flag states whose consent a team's coast guard would need to board
/// the vessels on a route's legs in open water, each once.
pub fn flags_to_ask(
    setup: &Setup,
    coop: &Cooperation,
    team: TeamIx,
    route: RouteIx,
) -> Vec<CountryIx> {
    use crate::scenario::Mode;
    if !setup.teams[team].agency.stops.contains(&Mode::Sea) {
        return Vec::new();
    }
    let home = setup.teams[team].country;
    let mut flags: Vec<CountryIx> = setup.routes[route]
        .legs
        .iter()
        .filter(|leg| {
            leg.mode == Mode::Sea && !touches(setup, leg, home) && in_open_water(setup, leg)
        })
        .filter_map(|leg| leg.flag)
        .filter(|&f| f != home && !coop.may_board(team, f, route))
        .collect();
    flags.sort_unstable();
    flags.dedup();
    flags
}

/// Whether an offence of smuggling or trafficking is a crime under this law:
/// what dual criminality asks of both countries.
pub fn criminalises(law: &crate::scenario::Law) -> bool {
    law.smuggling_criminalised || law.trafficking_criminalised
}

/// Whether the requested country surrenders this person: it extradites at
/// all, its own nationals too if the person is one, and the offence is a
/// crime there. The requesting country's own practice plays no part.
pub fn extradites(setup: &Setup, actor: ActorIx, requested: CountryIx) -> bool {
    let law = &setup.countries[requested].law;
    law.extradition
        && (law.extradites_nationals || setup.actors[actor].nationality != requested)
        && criminalises(law)
}

/// What a prerequisite asks, said whether or not it holds: with the team's
/// own numbers when `evidence` (total, admissible) is known for the target,
/// with the threshold alone otherwise.
pub fn requirement_text(
    req: Prerequisite,
    law: &crate::scenario::Law,
    evidence: Option<(u32, u32)>,
) -> String {
    let of = |have: Option<u32>, need: u32| match have {
        Some(have) => format!("{have} of {need}"),
        None => format!("at least {need}"),
    };
    let total = evidence.map(|(t, _)| t);
    let admissible = evidence.map(|(_, a)| a);
    match req {
        Prerequisite::TargetIdentified => "the person identified by name".into(),
        Prerequisite::TargetInJurisdiction => {
            "the person in your country, or aboard a vessel flying your flag".into()
        }
        Prerequisite::TargetAbroad => "the person located abroad".into(),
        Prerequisite::InterceptionAllowed => "interception allowed by your law".into(),
        Prerequisite::InterceptionThreshold => format!(
            "a warrant: admissible evidence {}",
            of(admissible, law.interception_threshold)
        ),
        Prerequisite::ArrestThreshold => {
            format!("evidence {} to arrest", of(total, law.arrest_threshold))
        }
        Prerequisite::ChargeThreshold => format!(
            "admissible evidence {} to charge",
            of(admissible, law.charge_threshold)
        ),
        Prerequisite::TargetInCustody => "the person in your custody".into(),
        Prerequisite::TargetAtLarge => "the person at large".into(),
        Prerequisite::Criminalised => "the offence a crime in your country".into(),
        Prerequisite::DualCriminality => "the offence a crime in the person's country too".into(),
        Prerequisite::Interpreter => "an interpreter free this turn".into(),
        Prerequisite::GroupEncountered => "a group you have met".into(),
        Prerequisite::ChannelToTeam => {
            "a channel to that team (a liaison officer or a joint team)".into()
        }
        Prerequisite::ExtraditionAllowed => {
            "a country that extradites the person (its nationals too, dual criminality)".into()
        }
        Prerequisite::SmugglingProven => {
            "proof that people were smuggled: migrants' statements taken here or received by MLA or a joint team".into()
        }
        Prerequisite::NotAcquittedHere => "no earlier acquittal in your country".into(),
        Prerequisite::LegInReach => {
            "a leg your agency works: at sea for a coast guard, ashore for police and immigration"
                .into()
        }
        Prerequisite::ForeignFlagAtSea => {
            "boats of another country's flag in international waters on the route".into()
        }
        Prerequisite::JitBasis => "a legal basis for joint teams in both countries".into(),
        Prerequisite::TeamAbroad => "a team of another country".into(),
        Prerequisite::FiuAsked => "a request from that team to your unit".into(),
        Prerequisite::ActionDayProposed => "a joint action day that team proposed to you".into(),
        Prerequisite::BoardingAsked => {
            "that team's request to board boats flying your flag".into()
        }
        Prerequisite::PlaceInJurisdiction => "the place in your country".into(),
        Prerequisite::Premises => "a safe house, a worksite or a vessel".into(),
        Prerequisite::Workplace => "a worksite or a vessel".into(),
        Prerequisite::NaturalPerson => "a person, not a company".into(),
        Prerequisite::Company => "a company".into(),
        Prerequisite::Licensed => "a company licensed to recruit workers".into(),
        Prerequisite::CallsAtPort => "a vessel that puts into a port of your country".into(),
        Prerequisite::GroupOnTheMove => "a group still on its way".into(),
    }
}

/// Why a prerequisite blocks an order, in words a team can act on.
pub fn prerequisite_text(
    req: Prerequisite,
    law: &crate::scenario::Law,
    evidence: Option<(u32, u32)>,
) -> String {
    Breach::unmet(req, law, evidence).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a team knows of the handles: the seed (the scenario's start date,
    /// or confirmed against its bot key) and every member's id (first names).
    /// Under a secret key none of the handles it can work out is one it sees.
    #[test]
    fn a_team_cannot_turn_a_keyed_handle_back_into_an_id() {
        let seed = 20_261_005;
        let ids: Vec<String> = (0..2_000).map(|i| format!("member_{i}")).collect();
        let keyed = Handles::Keyed([7u8; 32]);
        let guesses: std::collections::BTreeSet<String> = ids
            .iter()
            .flat_map(|id| [handle(seed, id), Handles::Seeded(seed).of(id)])
            .collect();
        for id in &ids {
            let shown = keyed.of(id);
            assert!(shown.starts_with("x-") && shown.len() == 10, "{shown}");
            assert!(!guesses.contains(&shown), "{id}'s handle is guessable");
            // Stable for the exercise, so orders that name it resolve.
            assert_eq!(shown, keyed.of(id));
        }
        // Another secret, other handles: the key is what names them.
        let other = Handles::Keyed([8u8; 32]);
        assert!(ids.iter().all(|id| other.of(id) != keyed.of(id)));
        // A headless run keeps the handles it always had.
        assert_eq!(Handles::from(seed).of("rahim"), handle(seed, "rahim"));
        // And the key never reaches a log line.
        assert_eq!(format!("{keyed:?}"), "Handles::Keyed(..)");
    }

    #[test]
    fn on_the_high_seas_a_coast_guard_boards_its_own_flag_a_stateless_boat_or_another_with_consent()
    {
        use crate::engine::systems::testkit::Bench;
        let b = Bench::mini_with(|s| {
            let dest = s.team("dest_police").expect("dest");
            let coast_guard = crate::scenario::Agency::COAST_GUARD;
            s.teams[dest].agency = s.catalog.agency(&coast_guard).cloned().expect("shipped");
        });
        let setup = b.setup();
        let trans_cg = setup.team("trans_cg").expect("trans_cg");
        let dest_cg = setup.team("dest_police").expect("dest");
        let sea = setup.route("sea").expect("sea");
        let trans = setup.teams[trans_cg].country;
        // Out of Transia's port into the strait, and on into Destia's waters:
        // the boat flies Transia's flag on both legs.
        let (out, into) = (&setup.routes[sea].legs[1], &setup.routes[sea].legs[2]);
        assert_eq!((out.flag, into.flag), (Some(trans), Some(trans)));
        let mut coop = Cooperation::default();
        assert!(works_leg(setup, &coop, trans_cg, sea, out));
        assert!(!works_leg(setup, &coop, dest_cg, sea, out));
        assert_eq!(flags_to_ask(setup, &coop, dest_cg, sea), vec![trans]);
        // In its own waters a coast guard needs no one's leave.
        assert!(works_leg(setup, &coop, dest_cg, sea, into));
        coop.boarding_consents.push((dest_cg, trans, sea));
        assert!(works_leg(setup, &coop, dest_cg, sea, out));
        assert!(flags_to_ask(setup, &coop, dest_cg, sea).is_empty());
        let mut stateless = out.clone();
        stateless.flag = None;
        assert!(works_leg(
            setup,
            &Cooperation::default(),
            dest_cg,
            sea,
            &stateless
        ));
    }

    #[test]
    fn extradition_is_decided_by_the_requested_countrys_law_and_the_persons_nationality() {
        use crate::engine::systems::testkit::Bench;
        let can = |tune: fn(&mut Setup)| {
            let b = Bench::mini_with(tune);
            let boss2 = b.actor("boss2");
            let trans = b.setup().actors[boss2].country;
            extradites(b.setup(), boss2, trans)
        };
        assert!(can(|_| {}));
        // The requesting country's own practice plays no part.
        assert!(can(|s| s.countries[0].law.extradition = false));
        assert!(!can(|s| s.countries[1].law.extradition = false));
        // A country that keeps its nationals surrenders a foreigner.
        assert!(!can(|s| s.countries[1].law.extradites_nationals = false));
        assert!(can(|s| {
            s.countries[1].law.extradites_nationals = false;
            let boss2 = s.actor("boss2").expect("boss2");
            s.actors[boss2].nationality = CountryIx(2);
        }));
        // Dual criminality.
        assert!(!can(|s| {
            s.countries[1].law.smuggling_criminalised = false;
            s.countries[1].law.trafficking_criminalised = false;
        }));
    }
}
