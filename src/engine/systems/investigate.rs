//! Investigative actions: analysis, surveillance, interception, financial
//! investigation, informants and undercover work. Each reveals people and ties,
//! builds evidence, and risks warning the network.

use bevy_ecs::prelude::*;

use super::{Roster, actor_state, due_operations, sighting};
use crate::engine::events::{Absence, Event};
use crate::engine::knowledge::{Channel, Evidence, Knowledge, Source, TeamKnowledge};
use crate::engine::rng::{Purpose, Seed};
use crate::engine::setup::{ActorIx, CountryIx, Setup};
use crate::engine::state::{
    ActorState, ActorStatus, Clock, LiveTie, Network, Operation, TargetRef,
};
use crate::scenario::{ActionKind, Role, TieKind};

const KINDS: [ActionKind; 7] = [
    ActionKind::Analysis,
    ActionKind::Surveillance,
    ActionKind::Interception,
    ActionKind::FinancialInvestigation,
    ActionKind::Informant,
    ActionKind::Undercover,
    ActionKind::AgencyInspection,
];

/// Percent chance an investigative action succeeds against this member.
pub fn success_odds(
    kind: ActionKind,
    base: u32,
    caution: u32,
    neighbour_loyalty: u32,
    dark: bool,
    team_capacity: u32,
) -> u32 {
    let resistance = if kind == ActionKind::Informant {
        neighbour_loyalty
    } else {
        caution
    };
    let mut p = base * (150 - resistance.min(100)) / 100;
    if dark {
        p = match kind {
            ActionKind::Interception => p / 4,
            ActionKind::Surveillance => p * 2 / 3,
            ActionKind::Undercover => p / 2,
            _ => p,
        };
    }
    // A better-resourced team runs a steadier operation.
    p += team_capacity.saturating_sub(4).min(5) * 2;
    p.clamp(5, 95)
}

/// What the investigation rules read and change this turn.
pub(super) struct Desk<'a> {
    pub setup: &'a Setup,
    pub seed: &'a Seed,
    pub turn: u32,
    /// The state of a network member, by actor index.
    pub member: &'a dyn Fn(ActorIx) -> Option<&'a ActorState>,
    pub network: &'a mut Network,
}

/// Who gathered a finding and how it reached the team: decides whether a
/// court admits it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Provenance {
    pub channel: Channel,
    pub jurisdiction: CountryIx,
    pub source: Source,
}

impl Provenance {
    pub fn evidence(self, strength: u32, turn: u32) -> Evidence {
        Evidence {
            strength,
            channel: self.channel,
            jurisdiction: self.jurisdiction,
            source: self.source,
            turn,
        }
    }
}

/// What a person's money shows, put on file with its provenance: the people
/// who pay them or are paid (named, with roles) and the assets they hold.
/// The same records whether the team's own investigators or another
/// country's financial intelligence unit read them.
pub(super) struct MoneyTrail {
    pub contacts: u32,
    pub assets: u32,
}

pub(super) fn money_trail(
    desk: &Desk,
    know: &mut TeamKnowledge,
    target: ActorIx,
    provenance: Provenance,
) -> MoneyTrail {
    let how = technique(ActionKind::FinancialInvestigation);
    let revealed: Vec<LiveTie> = neighbours(desk.network, target, how.follows)
        .into_iter()
        .take(how.reach)
        .collect();
    learn_contacts(desk, know, target, &revealed, how, provenance);
    MoneyTrail {
        contacts: revealed.len() as u32,
        assets: trace_assets(desk, know, target),
    }
}

/// Resolve the investigative operations that complete this turn.
pub fn resolve_investigations(
    setup: Res<Setup>,
    seed: Res<Seed>,
    clock: Res<Clock>,
    roster: Res<Roster>,
    ops: Query<(Entity, &Operation)>,
    states: Query<&mut ActorState>,
    mut network: ResMut<Network>,
    mut knowledge: ResMut<Knowledge>,
) {
    let member = |a: ActorIx| actor_state(&states, &roster, a);
    let mut desk = Desk {
        setup: &setup,
        seed: &seed,
        turn: clock.turn,
        member: &member,
        network: &mut network,
    };
    for (_, op) in due_operations(ops.iter(), clock.turn, &KINDS) {
        let know = &mut knowledge.0[op.team];
        match op.target {
            TargetRef::Actor(target) => investigate(&mut desk, know, &op, target),
            _ => analyse(&desk, know, &op),
        }
    }
}

fn neighbours(network: &Network, actor: ActorIx, kinds: &[TieKind]) -> Vec<LiveTie> {
    let mut v: Vec<LiveTie> = network.ties[actor]
        .iter()
        .filter(|t| kinds.contains(&t.kind))
        .copied()
        .collect();
    v.sort_by_key(|t| (std::cmp::Reverse(t.strength), t.other));
    v
}

const ALL_TIES: [TieKind; 6] = [
    TieKind::Command,
    TieKind::Logistics,
    TieKind::Finance,
    TieKind::Kinship,
    TieKind::Corruption,
    TieKind::Communication,
];

/// What a technique shows of a person's circle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Technique {
    source: Source,
    /// The kinds of tie it follows, strongest contacts first.
    follows: &'static [TieKind],
    /// How many contacts it shows at most.
    reach: usize,
    /// Whether it learns the contacts' names.
    names: bool,
    /// Whether it learns the contacts' roles.
    roles: bool,
    /// Whether it learns what ties them to the person.
    tie_kinds: bool,
    /// The strength of the evidence it adds against each contact.
    contact_evidence: u32,
}

/// What each technique shows: surveillance sees two faces, not names;
/// interception hears names on the phone; money shows the financiers and
/// the bribed, by name and role; an informant knows the whole circle by
/// role; an undercover officer meets the whole circle.
fn technique(kind: ActionKind) -> Technique {
    let all = Technique {
        source: Source::Undercover,
        follows: &ALL_TIES,
        reach: usize::MAX,
        names: true,
        roles: true,
        tie_kinds: true,
        contact_evidence: 1,
    };
    match kind {
        ActionKind::Surveillance => Technique {
            source: Source::Surveillance,
            follows: &[
                TieKind::Command,
                TieKind::Logistics,
                TieKind::Kinship,
                TieKind::Corruption,
            ],
            reach: 2,
            names: false,
            roles: false,
            tie_kinds: false,
            contact_evidence: 0,
        },
        ActionKind::Interception => Technique {
            source: Source::Interception,
            follows: &[
                TieKind::Command,
                TieKind::Logistics,
                TieKind::Kinship,
                TieKind::Communication,
            ],
            roles: false,
            ..all
        },
        ActionKind::FinancialInvestigation => Technique {
            source: Source::Financial,
            follows: &[TieKind::Finance, TieKind::Corruption],
            ..all
        },
        // A company's books name the recruiters and employers it deals
        // with, its directors and where its money goes: documents a court
        // admits.
        ActionKind::AgencyInspection => Technique {
            source: Source::Inspection,
            follows: &[
                TieKind::Command,
                TieKind::Logistics,
                TieKind::Finance,
                TieKind::Communication,
            ],
            ..all
        },
        ActionKind::Informant => Technique {
            source: Source::Informant,
            names: false,
            contact_evidence: 0,
            ..all
        },
        _ => all,
    }
}

/// Why a technique that needs the person at liberty and at work in the
/// team's country has nothing to report; financial records are there
/// whatever became of the person.
fn absence(kind: ActionKind, status: ActorStatus, abroad: bool) -> Option<Absence> {
    let needs_liberty = matches!(
        kind,
        ActionKind::Surveillance
            | ActionKind::Interception
            | ActionKind::Undercover
            | ActionKind::Informant
    );
    if !needs_liberty {
        return None;
    }
    if status == ActorStatus::Active {
        return abroad.then_some(Absence::Abroad);
    }
    Some(match status {
        ActorStatus::Fled => Absence::Vanished,
        ActorStatus::Dormant => Absence::NoActivity,
        ActorStatus::Suspended => Absence::OutOfBusiness,
        _ => Absence::InCustody,
    })
}

/// The average loyalty of a person's contacts; a loner counts as wholly loyal.
fn circle_loyalty(setup: &Setup, network: &Network, target: ActorIx) -> u32 {
    let all = neighbours(network, target, &ALL_TIES);
    if all.is_empty() {
        100
    } else {
        all.iter()
            .map(|t| setup.actors[t.other].loyalty)
            .sum::<u32>()
            / all.len() as u32
    }
}

/// An operation against a person: it may warn them (the technique's risk,
/// raised by their caution) or leak through corrupt officials, and succeeds
/// at [`success_odds`]; then the team records what the technique shows.
fn investigate(desk: &mut Desk, know: &mut TeamKnowledge, op: &Operation, target: ActorIx) {
    let (setup, seed, turn) = (desk.setup, desk.seed, desk.turn);
    let Some(def) = setup.action(op.kind) else {
        return;
    };
    let info = &setup.actors[target];
    let Some(state) = (desk.member)(target) else {
        return;
    };
    let person = know.person(setup, target);
    let abroad =
        !crate::engine::rules::within_jurisdiction(setup, op.team, target, state.country(info));
    if let Some(why) = absence(op.kind, state.status, abroad) {
        know.tell(
            setup,
            turn,
            Event::NothingToReport {
                action: op.kind,
                person,
                why,
            },
        );
        if why == Absence::Abroad {
            super::record_departure(setup, know, target, state, turn, technique(op.kind).source);
        }
        return;
    }
    let dark = state.is_dark(turn);
    let odds = success_odds(
        op.kind,
        def.success,
        info.caution,
        circle_loyalty(setup, desk.network, target),
        dark,
        setup.teams[op.team].capacity,
    );
    let entity = target.index() as u64;
    let salt = (op.team.index() as u64) ^ ((op.kind as u64) << 8);
    let tip = def.tip_off * (50 + info.caution) / 100;
    if seed.chance(turn, Purpose::TipOff, entity, salt, tip) {
        desk.network.tip_offs.push((target, 35));
    }
    let corruption = desk.network.corruption(setup, setup.teams[op.team].country);
    if seed.chance(turn, Purpose::Leak, entity, salt, corruption) {
        desk.network.tip_offs.push((target, 50));
    }
    if !seed.chance(turn, Purpose::Success, entity, salt, odds) {
        know.tell(
            setup,
            turn,
            Event::InvestigationFailed {
                action: op.kind,
                person,
                lines_quiet: dark && op.kind == ActionKind::Interception,
            },
        );
        return;
    }
    record_findings(desk, know, op, target, state, def.evidence);
}

/// What a successful operation puts on file: the person (their place, for
/// surveillance), evidence against them, their contacts as far as the
/// technique reaches, and, for a financial investigation, their assets.
/// Organisers keep away from the people and the boats: watching them yields
/// nothing a court can use; their words on the phone and their money do.
fn record_findings(
    desk: &Desk,
    know: &mut TeamKnowledge,
    op: &Operation,
    target: ActorIx,
    state: &ActorState,
    strength: u32,
) {
    let (setup, turn) = (desk.setup, desk.turn);
    let how = technique(op.kind);
    let watched = op.kind == ActionKind::Surveillance;
    let revealed: Vec<LiveTie> = neighbours(desk.network, target, how.follows)
        .into_iter()
        .take(how.reach)
        .collect();
    let mut fact = sighting(
        setup,
        target,
        Some(state),
        turn,
        how.source,
        true,
        !watched,
        80,
    );
    if watched && state.abroad.is_none() {
        fact.place = setup.actors[target].place;
    }
    know.learn_actor(target, fact);
    let provenance = Provenance {
        channel: Channel::Domestic,
        jurisdiction: setup.teams[op.team].country,
        source: how.source,
    };
    let evidence = if setup.actors[target].role == Role::Organiser && watched {
        0
    } else {
        strength
    };
    if evidence > 0 {
        know.add_evidence(target, provenance.evidence(evidence, turn));
    }
    let new_people = learn_contacts(desk, know, target, &revealed, how, provenance);
    let assets = if op.kind == ActionKind::FinancialInvestigation {
        trace_assets(desk, know, target)
    } else {
        0
    };
    let person = know.person(setup, target);
    know.tell(
        setup,
        turn,
        Event::InvestigationFound {
            action: op.kind,
            person,
            contacts: revealed.len() as u32,
            new_contacts: new_people,
            assets,
            evidence,
        },
    );
}

/// The contacts a technique reveals go on file, with the tie to the person
/// (its kind unless only watched) and the evidence the technique gives
/// against each; how many were new to the team.
fn learn_contacts(
    desk: &Desk,
    know: &mut TeamKnowledge,
    target: ActorIx,
    revealed: &[LiveTie],
    how: Technique,
    provenance: Provenance,
) -> u32 {
    let (setup, turn) = (desk.setup, desk.turn);
    let mut new_people = 0;
    for tie in revealed {
        let other = tie.other;
        if !know.actors.contains_key(&other) {
            new_people += 1;
        }
        know.learn_actor(
            other,
            sighting(
                setup,
                other,
                (desk.member)(other),
                turn,
                how.source,
                how.names,
                how.roles,
                60,
            ),
        );
        know.learn_tie(target, other, how.tie_kinds.then_some(tie.kind));
        if how.contact_evidence > 0 {
            know.add_evidence(other, provenance.evidence(how.contact_evidence, turn));
        }
    }
    new_people
}

/// Money leads to the person's assets not yet seized; how many the team
/// traced for the first time.
fn trace_assets(desk: &Desk, know: &mut TeamKnowledge, target: ActorIx) -> u32 {
    let mut assets = 0;
    for (i, a) in desk.setup.assets.iter().enumerate() {
        if a.owner == target && !desk.network.seized[i] && know.assets.insert(i) {
            assets += 1;
        }
    }
    assets
}

/// Analysis works the file: first it firms up a description already on
/// file into a name; else it follows a known person's contacts to someone
/// new; else it trawls the country's records for a first lead among the
/// members at work there.
fn analyse(desk: &Desk, know: &mut TeamKnowledge, op: &Operation) {
    let (setup, turn) = (desk.setup, desk.turn);
    let Some(def) = setup.action(op.kind) else {
        return;
    };
    let team_salt = op.team.index() as u64;
    if !desk
        .seed
        .chance(turn, Purpose::Success, u64::MAX, team_salt, def.success)
    {
        know.tell(setup, turn, Event::AnalysisNoLeads);
        return;
    }
    if let Some(&unnamed) = know
        .actors
        .iter()
        .find(|(_, i)| !i.identified)
        .map(|(a, _)| a)
    {
        let before = know.person(setup, unnamed);
        know.learn_actor(
            unnamed,
            sighting(
                setup,
                unnamed,
                (desk.member)(unnamed),
                turn,
                Source::Analysis,
                true,
                false,
                60,
            ),
        );
        let after = know.person(setup, unnamed);
        know.tell(setup, turn, Event::AnalysisIdentified { before, after });
        return;
    }
    let lead = leads(desk, know, setup.teams[op.team].country);
    if lead.is_empty() {
        know.tell(setup, turn, Event::AnalysisNothingNew);
        return;
    }
    let pick = desk
        .seed
        .draw(turn, Purpose::Reveal, u64::MAX, team_salt)
        .below(lead.len() as u32) as usize;
    let (via, who) = lead[pick];
    know.learn_actor(
        who,
        sighting(
            setup,
            who,
            (desk.member)(who),
            turn,
            Source::Analysis,
            false,
            false,
            40,
        ),
    );
    if via != who {
        know.learn_tie(via, who, None);
        let via = know.person(setup, via);
        know.tell(setup, turn, Event::AnalysisLinked { via });
    } else {
        know.tell(setup, turn, Event::AnalysisFirstLead);
    }
}

/// The people analysis may turn up, each with the known person it comes
/// through (themselves, for a first lead from the records).
fn leads(desk: &Desk, know: &TeamKnowledge, home: CountryIx) -> Vec<(ActorIx, ActorIx)> {
    let mut candidates: Vec<(ActorIx, ActorIx)> = Vec::new();
    for (&known, _) in know.actors.iter() {
        for t in &desk.network.ties[known] {
            if !know.actors.contains_key(&t.other) {
                candidates.push((known, t.other));
            }
        }
    }
    if !candidates.is_empty() {
        return candidates;
    }
    desk.setup
        .actors
        .iter()
        .enumerate()
        .filter(|(i, a)| {
            !know.actors.contains_key(&ActorIx(*i))
                && (desk.member)(ActorIx(*i))
                    .is_some_and(|s| s.status == ActorStatus::Active && s.country(a) == home)
        })
        .map(|(i, _)| (ActorIx(i), ActorIx(i)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::setup::TeamIx;
    use crate::engine::systems::testkit::Bench;
    use crate::scenario::Mode;

    #[test]
    fn investigative_odds_fall_with_the_targets_caution() {
        let odds = |caution| success_odds(ActionKind::Surveillance, 60, caution, 0, false, 4);
        assert_eq!(odds(0), 90);
        assert_eq!(odds(50), 60);
        assert_eq!(odds(100), 30);
    }

    #[test]
    fn an_informant_is_resisted_by_the_loyalty_of_the_circle_not_by_caution() {
        let odds =
            |caution, loyalty| success_odds(ActionKind::Informant, 60, caution, loyalty, false, 4);
        assert_eq!(odds(100, 0), 90);
        assert_eq!(odds(0, 100), 30);
    }

    #[test]
    fn a_dark_cell_quarters_interception_and_cuts_surveillance_and_undercover_work() {
        let odds = |kind, dark| success_odds(kind, 60, 50, 50, dark, 4);
        assert_eq!(odds(ActionKind::Interception, true), 15);
        assert_eq!(odds(ActionKind::Surveillance, true), 40);
        assert_eq!(odds(ActionKind::Undercover, true), 30);
        assert_eq!(odds(ActionKind::FinancialInvestigation, true), 60);
        assert_eq!(odds(ActionKind::Interception, false), 60);
    }

    #[test]
    fn a_better_resourced_team_gains_two_points_a_unit_of_capacity_over_four_up_to_ten() {
        let odds = |capacity| success_odds(ActionKind::Undercover, 60, 50, 50, false, capacity);
        assert_eq!(odds(4), 60);
        assert_eq!(odds(5), 62);
        assert_eq!(odds(9), 70);
        assert_eq!(odds(20), 70);
    }

    #[test]
    fn investigative_odds_stay_between_five_and_ninety_five() {
        assert_eq!(
            success_odds(ActionKind::Undercover, 100, 0, 0, false, 9),
            95
        );
        assert_eq!(
            success_odds(ActionKind::Interception, 1, 100, 0, true, 4),
            5
        );
    }

    /// A world where this action succeeds as often as the rules allow (95%)
    /// and never warns anyone; the mini seed's rolls for the tests below
    /// succeed.
    fn sure(kind: ActionKind) -> Bench {
        Bench::mini_with(|s| {
            Bench::odds(s, kind, 100);
            for def in s.catalog.actions.iter_mut() {
                def.tip_off = 0;
            }
            for actor in s.actors.iter_mut() {
                actor.caution = 0;
            }
        })
    }

    fn found(b: &mut Bench, team: TeamIx) -> (u32, u32, u32, u32) {
        match b.told(team).as_slice() {
            [
                Event::InvestigationFound {
                    contacts,
                    new_contacts,
                    assets,
                    evidence,
                    ..
                },
            ] => (*contacts, *new_contacts, *assets, *evidence),
            other => panic!("not a finding: {other:?}"),
        }
    }

    #[test]
    fn watching_an_organiser_gives_no_evidence_a_court_can_use() {
        let mut b = sure(ActionKind::Surveillance);
        let (dest, boss, broker) = (b.team("dest_police"), b.actor("boss"), b.actor("broker"));
        // Turn 1's roll is in the 5% that fail.
        b.next_turn();
        b.next_turn();
        b.order(dest, ActionKind::Surveillance, TargetRef::Actor(boss));
        b.run(resolve_investigations);
        assert_eq!(found(&mut b, dest).3, 0);
        assert_eq!(b.knowledge(dest).evidence_total(boss), 0);

        b.next_turn();
        b.order(dest, ActionKind::Surveillance, TargetRef::Actor(broker));
        b.run(resolve_investigations);
        assert_eq!(found(&mut b, dest).3, 1);
    }

    #[test]
    fn surveillance_shows_the_two_closest_contacts_without_names_roles_or_tie_kinds() {
        let mut b = sure(ActionKind::Surveillance);
        let (police, boss2) = (b.team("trans_police"), b.actor("boss2"));
        b.next_turn();
        b.order(police, ActionKind::Surveillance, TargetRef::Actor(boss2));
        b.run(resolve_investigations);
        // An organiser: watching gives no evidence.
        assert_eq!(found(&mut b, police), (2, 2, 0, 0));
        let know = b.knowledge(police);
        // The two strongest ties (70): the organiser above and the official.
        for id in ["boss", "official"] {
            let a = b.actor(id);
            let intel = &know.actors[&a];
            assert!(!intel.identified && intel.role.is_none(), "{id}");
            assert_eq!(know.ties[&(a.min(boss2), a.max(boss2))], None);
            assert!(!know.evidence.contains_key(&a));
        }
        assert!(know.actors[&boss2].role.is_none());
    }

    #[test]
    fn interception_names_the_people_on_the_phone_and_builds_evidence_against_each() {
        let mut b = sure(ActionKind::Interception);
        let (police, boss2) = (b.team("trans_police"), b.actor("boss2"));
        b.next_turn();
        b.order(police, ActionKind::Interception, TargetRef::Actor(boss2));
        b.run(resolve_investigations);
        let strength = b
            .setup()
            .action(ActionKind::Interception)
            .map(|d| d.evidence);
        let (contacts, _, _, evidence) = found(&mut b, police);
        assert_eq!((contacts, Some(evidence)), (4, strength));
        let know = b.knowledge(police);
        for id in ["boss", "cap1", "drv1", "forger"] {
            let a = b.actor(id);
            assert!(know.actors[&a].identified, "{id}");
            assert!(know.ties[&(a.min(boss2), a.max(boss2))].is_some(), "{id}");
            assert!(know.admissible_total(a) >= 1, "{id}");
        }
        // A bribe is not talked about on the phone.
        let official = b.actor("official");
        assert!(!know.actors.contains_key(&official));
    }

    #[test]
    fn a_financial_investigation_traces_the_persons_assets_not_yet_seized() {
        let mut b = sure(ActionKind::FinancialInvestigation);
        let (dest, broker, boss2) = (b.team("dest_police"), b.actor("broker"), b.actor("boss2"));
        b.next_turn();
        b.order(
            dest,
            ActionKind::FinancialInvestigation,
            TargetRef::Actor(broker),
        );
        b.run(resolve_investigations);
        assert_eq!(found(&mut b, dest).2, 1);
        let account = b.setup().asset("acct1").expect("the broker's account");
        assert!(b.knowledge(dest).assets.contains(&account));

        let boat = b.setup().asset("boat1").expect("boss2's boat");
        b.resource::<Network>().seized[boat] = true;
        b.next_turn();
        b.order(
            dest,
            ActionKind::FinancialInvestigation,
            TargetRef::Actor(boss2),
        );
        b.run(resolve_investigations);
        assert_eq!(found(&mut b, dest).2, 0);
        assert!(!b.knowledge(dest).assets.contains(&boat));
    }

    #[test]
    fn techniques_that_need_the_person_at_work_have_nothing_to_report_otherwise() {
        let cases = [
            (ActorStatus::Arrested, Absence::InCustody),
            (ActorStatus::Convicted, Absence::InCustody),
            (ActorStatus::Fled, Absence::Vanished),
            (ActorStatus::Dormant, Absence::NoActivity),
        ];
        for (status, expected) in cases {
            let mut b = sure(ActionKind::Surveillance);
            let (police, captain) = (b.team("trans_police"), b.actor("cap1"));
            b.set_actor(captain, |s| s.status = status);
            b.next_turn();
            b.order(police, ActionKind::Surveillance, TargetRef::Actor(captain));
            b.run(resolve_investigations);
            assert!(
                matches!(b.told(police).as_slice(), [Event::NothingToReport { why, .. }] if *why == expected),
                "{status:?}"
            );
        }
        assert_eq!(
            absence(
                ActionKind::FinancialInvestigation,
                ActorStatus::Arrested,
                false
            ),
            None
        );
        assert_eq!(
            absence(ActionKind::Interception, ActorStatus::Active, true),
            Some(Absence::Abroad)
        );
        assert_eq!(
            absence(
                ActionKind::FinancialInvestigation,
                ActorStatus::Active,
                true
            ),
            None
        );
        assert_eq!(
            absence(ActionKind::Undercover, ActorStatus::Active, false),
            None
        );
    }

    #[test]
    fn a_flag_state_investigates_the_captains_of_its_vessels_wherever_they_live() {
        for (flag, reached) in [("dest", true), ("trans", false)] {
            let mut b = Bench::mini_with(|s| {
                let flag = s.countries.iter().position(|c| c.id == flag);
                let sea = s.route("sea").expect("the sea route");
                for leg in s.routes[sea]
                    .legs
                    .iter_mut()
                    .filter(|l| l.mode == Mode::Sea)
                {
                    leg.flag = flag.map(CountryIx);
                }
                Bench::odds(s, ActionKind::Surveillance, 100);
            });
            // Destia's police; the captain lives in Transia.
            let (dest, captain) = (b.team("dest_police"), b.actor("cap1"));
            b.next_turn();
            b.next_turn();
            b.order(dest, ActionKind::Surveillance, TargetRef::Actor(captain));
            b.run(resolve_investigations);
            let abroad = matches!(
                b.told(dest).as_slice(),
                [
                    Event::NothingToReport {
                        why: Absence::Abroad,
                        ..
                    },
                    ..
                ]
            );
            assert_eq!(abroad, !reached, "vessels flying {flag}");
        }
    }

    #[test]
    fn an_operation_may_warn_its_target_and_a_corrupt_country_leaks_it() {
        let mut b = Bench::mini_with(|s| {
            for def in s.catalog.actions.iter_mut() {
                def.tip_off = 200;
            }
            s.countries[1].law.corruption = 100;
        });
        let (police, captain) = (b.team("trans_police"), b.actor("cap1"));
        b.next_turn();
        b.order(police, ActionKind::Surveillance, TargetRef::Actor(captain));
        b.run(resolve_investigations);
        assert_eq!(
            b.resource::<Network>().tip_offs,
            vec![(captain, 35), (captain, 50)]
        );

        let mut b = Bench::mini_with(|s| {
            for def in s.catalog.actions.iter_mut() {
                def.tip_off = 0;
            }
            s.countries[1].law.corruption = 0;
        });
        b.next_turn();
        b.order(police, ActionKind::Surveillance, TargetRef::Actor(captain));
        b.run(resolve_investigations);
        assert!(b.resource::<Network>().tip_offs.is_empty());
    }

    #[test]
    fn offices_cleaned_up_by_convictions_no_longer_leak() {
        let mut b = Bench::mini_with(|s| s.countries[1].law.corruption = 100);
        let (police, captain) = (b.team("trans_police"), b.actor("cap1"));
        let trans = b.setup().teams[police].country;
        b.resource::<Network>().corruption_cut.insert(trans, 100);
        b.next_turn();
        b.order(police, ActionKind::Surveillance, TargetRef::Actor(captain));
        b.run(resolve_investigations);
        assert!(!b.resource::<Network>().tip_offs.contains(&(captain, 50)));
    }

    #[test]
    fn a_failed_interception_of_a_dark_cell_finds_the_lines_quiet() {
        let mut b = Bench::mini_with(|s| Bench::odds(s, ActionKind::Interception, 0));
        let (police, captain) = (b.team("trans_police"), b.actor("cap1"));
        b.set_actor(captain, |s| s.dark_until = 5);
        b.next_turn();
        b.order(police, ActionKind::Interception, TargetRef::Actor(captain));
        b.run(resolve_investigations);
        assert!(matches!(
            b.told(police).as_slice(),
            [Event::InvestigationFailed {
                lines_quiet: true,
                ..
            }]
        ));
    }

    #[test]
    fn analysis_first_firms_up_a_description_on_file_into_a_name() {
        let mut b = Bench::mini_with(|s| Bench::odds(s, ActionKind::Analysis, 100));
        let (police, forger) = (b.team("trans_police"), b.actor("forger"));
        let setup = b.setup().clone();
        b.resource::<Knowledge>().0[police].learn_actor(
            forger,
            sighting(&setup, forger, None, 0, Source::Signal, false, true, 30),
        );
        b.next_turn();
        b.order(police, ActionKind::Analysis, TargetRef::Nothing);
        b.run(resolve_investigations);
        assert!(b.knowledge(police).actors[&forger].identified);
        assert!(matches!(
            b.told(police).as_slice(),
            [Event::AnalysisIdentified { after, .. }] if after.actor == forger
        ));
    }

    #[test]
    fn analysis_follows_a_known_persons_contacts_to_someone_new() {
        let mut b = Bench::mini_with(|s| Bench::odds(s, ActionKind::Analysis, 100));
        let (oria, recruiter) = (b.team("oria_police"), b.actor("rec1"));
        b.next_turn();
        b.order(oria, ActionKind::Analysis, TargetRef::Nothing);
        b.run(resolve_investigations);
        let know = b.knowledge(oria);
        let new: Vec<ActorIx> = know
            .actors
            .keys()
            .copied()
            .filter(|&a| a != recruiter)
            .collect();
        assert_eq!(new.len(), 1);
        let contacts: Vec<ActorIx> = ["boss", "drv0", "broker"].map(|id| b.actor(id)).to_vec();
        assert!(contacts.contains(&new[0]));
        assert!(!know.actors[&new[0]].identified);
        assert!(
            know.ties
                .contains_key(&(recruiter.min(new[0]), recruiter.max(new[0])))
        );
        assert!(matches!(
            b.told(oria).as_slice(),
            [Event::AnalysisLinked { via }] if via.actor == recruiter
        ));
    }

    #[test]
    fn analysis_with_an_empty_file_finds_a_first_lead_among_members_at_work_at_home() {
        let mut b = Bench::mini_with(|s| Bench::odds(s, ActionKind::Analysis, 100));
        let cg = b.team("trans_cg");
        let home = b.setup().teams[cg].country;
        b.next_turn();
        b.order(cg, ActionKind::Analysis, TargetRef::Nothing);
        b.run(resolve_investigations);
        let know = b.knowledge(cg);
        let found: Vec<ActorIx> = know.actors.keys().copied().collect();
        assert_eq!(found.len(), 1);
        assert_eq!(b.setup().actors[found[0]].country, home);
        assert_ne!(found[0], b.actor("cap2"), "a reserve is not at work");
        assert!(matches!(b.told(cg).as_slice(), [Event::AnalysisFirstLead]));
    }

    #[test]
    fn analysis_with_every_lead_followed_finds_nothing_new() {
        let mut b = Bench::mini_with(|s| Bench::odds(s, ActionKind::Analysis, 100));
        let cg = b.team("trans_cg");
        let setup = b.setup().clone();
        for a in ActorIx::all(setup.actors.len()) {
            b.resource::<Knowledge>().0[cg].learn_actor(
                a,
                sighting(&setup, a, None, 0, Source::Signal, true, true, 30),
            );
        }
        b.next_turn();
        b.order(cg, ActionKind::Analysis, TargetRef::Nothing);
        b.run(resolve_investigations);
        assert!(matches!(b.told(cg).as_slice(), [Event::AnalysisNothingNew]));
    }
}
