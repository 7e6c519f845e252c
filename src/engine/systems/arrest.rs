//! Arrests, asset freezes and extraditions: taking people and money out of the
//! network.

use bevy_ecs::prelude::*;

use super::{Roster, due_operations, record_custody, sighting};
use crate::engine::events::{Absence, ArrestMiss, Event, Person};
use crate::engine::knowledge::{Channel, Evidence, Knowledge, Source};
use crate::engine::metrics::Tally;
use crate::engine::rng::{Purpose, Seed};
use crate::engine::setup::{ActorIx, Setup, TeamIx};
use crate::engine::state::{
    ActorState, ActorStatus, Clock, Cooperation, Network, Operation, TargetRef,
};
use crate::scenario::ActionKind;

const KINDS: [ActionKind; 4] = [
    ActionKind::Arrest,
    ActionKind::AssetFreeze,
    ActionKind::Extradition,
    ActionKind::LicenceSuspension,
];

/// What the arrest rules read and change this turn.
pub(super) struct Desk<'a> {
    pub(super) setup: &'a Setup,
    pub(super) seed: &'a Seed,
    pub(super) turn: u32,
    pub(super) network: &'a mut Network,
    pub(super) knowledge: &'a mut Knowledge,
    pub(super) tally: &'a mut Tally,
    pub(super) coop: &'a mut Cooperation,
}

/// Resolve arrests, asset freezes and extraditions due this turn.
#[allow(clippy::too_many_arguments)]
pub fn resolve_arrests(
    setup: Res<Setup>,
    seed: Res<Seed>,
    clock: Res<Clock>,
    roster: Res<Roster>,
    ops: Query<(Entity, &Operation)>,
    mut states: Query<&mut ActorState>,
    mut network: ResMut<Network>,
    mut knowledge: ResMut<Knowledge>,
    mut tally: ResMut<Tally>,
    mut coop: ResMut<Cooperation>,
) {
    let mut desk = Desk {
        setup: &setup,
        seed: &seed,
        turn: clock.turn,
        network: &mut network,
        knowledge: &mut knowledge,
        tally: &mut tally,
        coop: &mut coop,
    };
    for (_, op) in due_operations(ops.iter(), clock.turn, &KINDS) {
        let TargetRef::Actor(target) = op.target else {
            continue;
        };
        let Some(mut state) = roster
            .0
            .get(target.index())
            .and_then(|&e| states.get_mut(e).ok())
        else {
            continue;
        };
        match op.kind {
            ActionKind::Arrest => arrest(&mut desk, &op, target, &mut state),
            ActionKind::AssetFreeze => freeze_assets(&mut desk, &op, target),
            ActionKind::LicenceSuspension => suspend(&mut desk, &op, target, &mut state),
            _ => extradite(&mut desk, &op, target, &mut state),
        }
    }
}

/// An arrest takes an active member into the team's custody, warns their
/// contacts, and may get the suspect talking; a warned or absent member is
/// not found.
fn arrest(desk: &mut Desk, op: &Operation, target: ActorIx, state: &mut ActorState) {
    let (setup, turn) = (desk.setup, desk.turn);
    let Some(def) = setup.action(op.kind) else {
        return;
    };
    let person = desk.knowledge.0[op.team].person(setup, target);
    if state.status != ActorStatus::Active {
        let why = match state.status {
            ActorStatus::Fled => ArrestMiss::Fled,
            ActorStatus::Dormant => ArrestMiss::CouldNotBeFound,
            _ => ArrestMiss::AlreadyInCustody,
        };
        desk.knowledge.0[op.team].tell(setup, turn, Event::ArrestFailed { person, why });
        return;
    }
    let country = state.country(&setup.actors[target]);
    if !crate::engine::rules::within_jurisdiction(setup, op.team, target, country) {
        let know = &mut desk.knowledge.0[op.team];
        know.tell(
            setup,
            turn,
            Event::ArrestFailed {
                person,
                why: ArrestMiss::Abroad,
            },
        );
        super::record_departure(setup, know, target, state, turn, Source::Arrest);
        return;
    }
    let salt = op.team.index() as u64;
    if warned_from_abroad(desk, op.team, target) {
        let caution = setup.actors[target].caution;
        if desk
            .seed
            .chance(turn, Purpose::TipOff, target.index() as u64, salt, caution)
        {
            desk.knowledge.0[op.team].tell(
                setup,
                turn,
                Event::ArrestFailed {
                    person,
                    why: ArrestMiss::WarnedFromAbroad,
                },
            );
            return;
        }
    }
    let odds = def.success.saturating_sub(state.alert / 4);
    if !desk
        .seed
        .chance(turn, Purpose::Success, target.index() as u64, salt, odds)
    {
        desk.network.tip_offs.push((target, 60));
        desk.knowledge.0[op.team].tell(
            setup,
            turn,
            Event::ArrestFailed {
                person,
                why: ArrestMiss::NotAtAddress,
            },
        );
        return;
    }
    detain(desk, op.team, target, state, (Source::Arrest, def.evidence));
    let named = interview(desk, op, target);
    desk.knowledge.0[op.team].tell(setup, turn, Event::Arrested { person, named });
}

/// A licence suspended puts a recruitment agency out of business: it
/// recruits no more, its place in the network falls vacant (a new company
/// may take it over, slowly), and everyone tied to it hears of it.
fn suspend(desk: &mut Desk, op: &Operation, target: ActorIx, state: &mut ActorState) {
    let (setup, turn) = (desk.setup, desk.turn);
    if state.status != ActorStatus::Active {
        let why = match state.status {
            ActorStatus::Dormant => Absence::NoActivity,
            ActorStatus::Fled => Absence::Vanished,
            _ => Absence::OutOfBusiness,
        };
        let know = &mut desk.knowledge.0[op.team];
        let person = know.person(setup, target);
        know.tell(
            setup,
            turn,
            Event::NothingToReport {
                action: op.kind,
                person,
                why,
            },
        );
        return;
    }
    state.status = ActorStatus::Suspended;
    state.vacant_since = Some(turn);
    state.replaced = false;
    let warned: Vec<_> = desk.network.ties[target]
        .iter()
        .map(|t| (t.other, 40))
        .collect();
    desk.network.tip_offs.extend(warned);
    // The register is public: every agency of the country that has the
    // company on file sees it struck off.
    let home = setup.teams[op.team].country;
    for t in TeamIx::all(setup.teams.len()) {
        let know = &mut desk.knowledge.0[t];
        // Struck off under the name the team already has for it.
        let known_by_name = know.actors.get(&target).is_some_and(|i| i.identified);
        if t == op.team || (setup.teams[t].country == home && know.actors.contains_key(&target)) {
            know.learn_actor(
                target,
                sighting(
                    setup,
                    target,
                    Some(state),
                    turn,
                    Source::Inspection,
                    t == op.team || known_by_name,
                    true,
                    100,
                ),
            );
        }
    }
    let know = &mut desk.knowledge.0[op.team];
    let person = know.person(setup, target);
    know.tell(setup, turn, Event::LicenceSuspended { person });
}

/// Take a member into a team's custody: their post falls vacant, their
/// contacts are warned, every agency of the country learns it, the team
/// records the evidence the arrest gave (`source`, strength), and the
/// countries that asked for them by red notice hear of it.
pub(super) fn detain(
    desk: &mut Desk,
    team: TeamIx,
    target: ActorIx,
    state: &mut ActorState,
    (source, strength): (Source, u32),
) {
    let (setup, turn) = (desk.setup, desk.turn);
    state.status = ActorStatus::Arrested;
    state.custody = Some(team);
    state.vacant_since = Some(turn);
    state.replaced = false;
    desk.coop.arrests_this_turn.push((team, target));
    desk.tally.add(Some(team), |c| c.arrested += 1);
    let warned: Vec<_> = desk.network.ties[target]
        .iter()
        .map(|t| (t.other, 40))
        .collect();
    desk.coop
        .warned_this_turn
        .extend(warned.iter().map(|&(other, _)| (other, team)));
    desk.network.tip_offs.extend(warned);
    record_custody(setup, desk.knowledge, team, target, state, turn, source);
    desk.knowledge.0[team].add_evidence(
        target,
        Evidence {
            strength,
            channel: Channel::Domestic,
            jurisdiction: setup.teams[team].country,
            source,
            turn,
        },
    );
    tell_notice_issuers(desk, team, target, state);
}

/// The countries that asked for a person by red notice hear of the arrest,
/// and where the person is held, so they can ask for them.
fn tell_notice_issuers(desk: &mut Desk, holder: TeamIx, target: ActorIx, state: &ActorState) {
    let (setup, turn) = (desk.setup, desk.turn);
    let mut issuers: Vec<TeamIx> = desk
        .coop
        .red_notices
        .iter()
        .filter(|&&(who, by)| {
            who == target && setup.teams[by].country != setup.teams[holder].country
        })
        .map(|&(_, by)| by)
        .collect();
    issuers.sort_unstable();
    issuers.dedup();
    for t in issuers {
        let know = &mut desk.knowledge.0[t];
        know.learn_actor(
            target,
            sighting(
                setup,
                target,
                Some(state),
                turn,
                Source::Notice,
                false,
                false,
                90,
            ),
        );
        let person = know.person(setup, target);
        know.tell(setup, turn, Event::ArrestedOnNotice { person, by: holder });
    }
}

/// Whether word of an arrest made earlier this turn in another country
/// reached the target: arrests in one country are one operation, and
/// partners who agreed a joint action day strike together.
fn warned_from_abroad(desk: &Desk, team: TeamIx, target: ActorIx) -> bool {
    let (setup, turn) = (desk.setup, desk.turn);
    let home = setup.teams[team].country;
    desk.coop.warned_this_turn.iter().any(|&(who, by)| {
        who == target
            && setup.teams[by].country != home
            && !desk.coop.planned_together(by, team, turn)
    })
}

/// A suspect talks in interview as often as they are disloyal, naming their
/// strongest contact the team has not identified yet, with evidence.
fn interview(desk: &mut Desk, op: &Operation, target: ActorIx) -> Option<Person> {
    let (setup, turn) = (desk.setup, desk.turn);
    let loyalty = setup.actors[target].loyalty;
    if !desk.seed.chance(
        turn,
        Purpose::Reveal,
        target.index() as u64,
        op.team.index() as u64,
        100 - loyalty,
    ) {
        return None;
    }
    let know = &mut desk.knowledge.0[op.team];
    let mut ties: Vec<_> = desk.network.ties[target].clone();
    ties.sort_by_key(|t| (std::cmp::Reverse(t.strength), t.other));
    let t = ties
        .iter()
        .find(|t| !know.actors.get(&t.other).is_some_and(|i| i.identified))?;
    know.learn_actor(
        t.other,
        sighting(setup, t.other, None, turn, Source::Arrest, true, true, 70),
    );
    know.learn_tie(target, t.other, Some(t.kind));
    know.add_evidence(
        t.other,
        Evidence {
            strength: 1,
            channel: Channel::Domestic,
            jurisdiction: setup.teams[op.team].country,
            source: Source::Arrest,
            turn,
        },
    );
    Some(Person::named(t.other))
}

/// An asset freeze seizes the person's assets the team has traced, and only
/// those: a financial investigation comes first.
fn freeze_assets(desk: &mut Desk, op: &Operation, target: ActorIx) {
    let (setup, turn) = (desk.setup, desk.turn);
    let know = &mut desk.knowledge.0[op.team];
    let person = know.person(setup, target);
    let mut seized = Vec::new();
    for (i, a) in setup.assets.iter().enumerate() {
        if a.owner == target && know.assets.contains(&i) && !desk.network.seized[i] {
            desk.network.seized[i] = true;
            seized.push(a.name.clone());
        }
    }
    if seized.is_empty() {
        know.tell(setup, turn, Event::NoAssetsToFreeze { person });
        return;
    }
    let n = seized.len() as i64;
    desk.tally.add(Some(op.team), |c| c.assets_seized += n);
    desk.network.tip_offs.push((target, 30));
    know.tell(
        setup,
        turn,
        Event::AssetsFrozen {
            person,
            assets: seized,
        },
    );
}

/// Extradition brings a person held by another country's team into this
/// team's custody, if the courts abroad agree.
fn extradite(desk: &mut Desk, op: &Operation, target: ActorIx, state: &mut ActorState) {
    let (setup, turn) = (desk.setup, desk.turn);
    let Some(def) = setup.action(op.kind) else {
        return;
    };
    let knowledge = &mut *desk.knowledge;
    let person = knowledge.0[op.team].person(setup, target);
    let holder = state
        .custody
        .filter(|&t| state.status == ActorStatus::Arrested && t != op.team);
    let Some(h) = holder.filter(|&h| setup.teams[h].country != setup.teams[op.team].country) else {
        knowledge.0[op.team].tell(setup, turn, Event::NotInCustodyAbroad { person });
        return;
    };
    let salt = op.team.index() as u64;
    if !desk.seed.chance(
        turn,
        Purpose::Success,
        target.index() as u64,
        salt,
        def.success,
    ) {
        knowledge.0[op.team].tell(setup, turn, Event::ExtraditionRefused { person });
        return;
    }
    state.custody = Some(op.team);
    let mut fact = sighting(
        setup,
        target,
        Some(state),
        turn,
        Source::Arrest,
        true,
        true,
        95,
    );
    fact.held = true;
    knowledge.0[op.team].learn_actor(target, fact);
    if let Some(i) = knowledge.0[h].actors.get_mut(&target) {
        i.held = false;
    }
    knowledge.0[op.team].tell(setup, turn, Event::Extradited { person, by: h });
    let theirs = knowledge.0[h].person(setup, target);
    knowledge.0[h].tell(
        setup,
        turn,
        Event::SurrenderedAbroad {
            person: theirs,
            to: op.team,
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::systems::testkit::Bench;

    fn certain(kind: ActionKind, percent: u32) -> Bench {
        Bench::mini_with(|s| Bench::odds(s, kind, percent))
    }

    #[test]
    fn an_arrest_takes_an_active_member_into_custody_and_warns_the_contacts() {
        let mut b = certain(ActionKind::Arrest, 100);
        let (police, captain) = (b.team("trans_police"), b.actor("cap1"));
        b.next_turn();
        b.order(police, ActionKind::Arrest, TargetRef::Actor(captain));
        b.run(resolve_arrests);
        let state = b.actor_state(captain);
        assert_eq!(state.status, ActorStatus::Arrested);
        assert_eq!(state.custody, Some(police));
        let warned: Vec<ActorIx> = b
            .resource::<Network>()
            .tip_offs
            .iter()
            .map(|&(a, _)| a)
            .collect();
        for contact in ["boss2", "cap2"] {
            assert!(warned.contains(&b.actor(contact)), "{contact} not warned");
        }
        assert!(matches!(
            b.told(police).as_slice(),
            [Event::Arrested { person, .. }] if person.actor == captain
        ));
        assert!(b.knowledge(police).admissible_total(captain) > 0);
    }

    #[test]
    fn an_arrest_at_home_of_someone_now_abroad_fails_and_the_border_records_say_where() {
        let mut b = certain(ActionKind::Arrest, 100);
        let (police, boss) = (b.team("dest_police"), b.actor("boss"));
        let trans = b.setup().teams[b.team("trans_police")].country;
        b.set_actor(boss, |s| s.abroad = Some(trans));
        b.next_turn();
        b.order(police, ActionKind::Arrest, TargetRef::Actor(boss));
        b.run(resolve_arrests);
        assert_eq!(b.actor_state(boss).status, ActorStatus::Active);
        assert!(matches!(
            b.told(police).as_slice(),
            [
                Event::ArrestFailed { why: ArrestMiss::Abroad, .. },
                Event::LeftTheCountry { to, .. },
            ] if to == "trans"
        ));
        assert_eq!(b.knowledge(police).actors[&boss].country, Some(trans));
    }

    #[test]
    fn the_country_that_issued_a_red_notice_hears_of_the_arrest_abroad() {
        let mut b = certain(ActionKind::Arrest, 100);
        let (home, there, boss) = (
            b.team("dest_police"),
            b.team("trans_police"),
            b.actor("boss"),
        );
        let trans = b.setup().teams[there].country;
        b.set_actor(boss, |s| s.abroad = Some(trans));
        b.resource::<Cooperation>().red_notices.push((boss, home));
        b.next_turn();
        b.order(there, ActionKind::Arrest, TargetRef::Actor(boss));
        b.run(resolve_arrests);
        assert_eq!(b.actor_state(boss).custody, Some(there));
        assert!(matches!(
            b.told(home).as_slice(),
            [Event::ArrestedOnNotice { person, by }] if person.actor == boss && *by == there
        ));
        let file = &b.knowledge(home).actors[&boss];
        assert_eq!(
            (file.status, file.country, file.held),
            (Some(ActorStatus::Arrested), Some(trans), false)
        );
    }

    #[test]
    fn a_disloyal_suspect_names_their_strongest_contact_not_yet_identified() {
        let talks = |loyalty: u32| {
            let mut b = Bench::mini_with(|s| {
                Bench::odds(s, ActionKind::Arrest, 100);
                let captain = s.actor("cap1").expect("the captain");
                s.actors[captain].loyalty = loyalty;
            });
            let (police, captain) = (b.team("trans_police"), b.actor("cap1"));
            b.next_turn();
            b.order(police, ActionKind::Arrest, TargetRef::Actor(captain));
            b.run(resolve_arrests);
            let named = match b.told(police).as_slice() {
                [Event::Arrested { named, .. }] => named.map(|p| p.actor),
                other => panic!("not an arrest: {other:?}"),
            };
            (b, named)
        };
        let (mut b, named) = talks(0);
        // The kinship tie to the other captain (70) is stronger than the command tie (60).
        let (police, captain, brother) = (b.team("trans_police"), b.actor("cap1"), b.actor("cap2"));
        assert_eq!(named, Some(brother));
        let know = b.knowledge(police);
        assert!(know.actors[&brother].identified);
        assert_eq!(
            know.ties[&(captain.min(brother), captain.max(brother))],
            Some(crate::scenario::TieKind::Kinship)
        );
        assert_eq!(know.evidence_total(brother), 1);

        assert_eq!(talks(100).1, None);
    }

    #[test]
    fn word_of_an_arrest_abroad_reaches_contacts_unless_the_day_was_planned_together() {
        let run = |planned: bool| {
            let mut b = Bench::mini_with(|s| {
                Bench::odds(s, ActionKind::Arrest, 100);
                let broker = s.actor("broker").expect("broker");
                s.actors[broker].caution = 100;
            });
            let (oria, dest) = (b.team("oria_police"), b.team("dest_police"));
            let (recruiter, broker) = (b.actor("rec1"), b.actor("broker"));
            b.next_turn();
            let turn = b.turn();
            if planned {
                b.resource::<Cooperation>()
                    .action_days
                    .push(crate::engine::state::ActionDay {
                        proposer: oria,
                        partner: dest,
                        day: turn,
                        agreed: true,
                    });
            }
            // Oria's arrest is resolved first; the broker is tied to the recruiter.
            b.order(oria, ActionKind::Arrest, TargetRef::Actor(recruiter));
            b.order(dest, ActionKind::Arrest, TargetRef::Actor(broker));
            b.run(resolve_arrests);
            (b.actor_state(broker).status, b.told(dest))
        };
        let (status, told) = run(false);
        assert_eq!(status, ActorStatus::Active);
        assert!(matches!(
            told.as_slice(),
            [Event::ArrestFailed {
                why: ArrestMiss::WarnedFromAbroad,
                ..
            }]
        ));
        assert_eq!(run(true).0, ActorStatus::Arrested);
    }

    #[test]
    fn an_arrest_of_someone_already_in_custody_fails_and_says_why() {
        let mut b = certain(ActionKind::Arrest, 100);
        let (police, captain) = (b.team("trans_police"), b.actor("cap1"));
        b.set_actor(captain, |s| s.status = ActorStatus::Arrested);
        b.next_turn();
        b.order(police, ActionKind::Arrest, TargetRef::Actor(captain));
        b.run(resolve_arrests);
        assert!(matches!(
            b.told(police).as_slice(),
            [Event::ArrestFailed {
                why: ArrestMiss::AlreadyInCustody,
                ..
            }]
        ));
        assert_eq!(b.actor_state(captain).custody, None);
    }

    #[test]
    fn a_failed_arrest_warns_the_suspect_and_leaves_them_free() {
        let mut b = certain(ActionKind::Arrest, 0);
        let (police, captain) = (b.team("trans_police"), b.actor("cap1"));
        b.next_turn();
        b.order(police, ActionKind::Arrest, TargetRef::Actor(captain));
        b.run(resolve_arrests);
        assert_eq!(b.actor_state(captain).status, ActorStatus::Active);
        assert!(b.resource::<Network>().tip_offs.contains(&(captain, 60)));
        assert!(matches!(
            b.told(police).as_slice(),
            [Event::ArrestFailed {
                why: ArrestMiss::NotAtAddress,
                ..
            }]
        ));
    }

    #[test]
    fn an_asset_freeze_seizes_only_the_assets_the_team_has_traced() {
        let mut b = Bench::mini();
        let (police, broker) = (b.team("dest_police"), b.actor("broker"));
        let account = b
            .setup()
            .assets
            .iter()
            .position(|a| a.owner == broker)
            .expect("the broker has an account");
        b.next_turn();
        b.order(police, ActionKind::AssetFreeze, TargetRef::Actor(broker));
        b.run(resolve_arrests);
        assert!(!b.resource::<Network>().seized[account]);
        assert!(matches!(
            b.told(police).as_slice(),
            [Event::NoAssetsToFreeze { .. }]
        ));

        b.resource::<Knowledge>().0[police].assets.insert(account);
        b.next_turn();
        b.order(police, ActionKind::AssetFreeze, TargetRef::Actor(broker));
        b.run(resolve_arrests);
        assert!(b.resource::<Network>().seized[account]);
        assert!(matches!(
            b.told(police).as_slice(),
            [Event::AssetsFrozen { assets, .. }] if assets.len() == 1
        ));
    }

    #[test]
    fn extradition_needs_the_person_held_by_another_country() {
        let mut b = certain(ActionKind::Extradition, 100);
        let dest = b.team("dest_police");
        let trans = b.team("trans_police");
        let captain = b.actor("cap1");
        b.next_turn();
        b.order(dest, ActionKind::Extradition, TargetRef::Actor(captain));
        b.run(resolve_arrests);
        assert!(matches!(
            b.told(dest).as_slice(),
            [Event::NotInCustodyAbroad { .. }]
        ));

        b.set_actor(captain, |s| {
            s.status = ActorStatus::Arrested;
            s.custody = Some(trans);
        });
        b.next_turn();
        b.order(dest, ActionKind::Extradition, TargetRef::Actor(captain));
        b.run(resolve_arrests);
        assert_eq!(b.actor_state(captain).custody, Some(dest));
        assert!(matches!(b.told(dest).as_slice(), [Event::Extradited { by, .. }] if *by == trans));
        assert!(matches!(
            b.told(trans).as_slice(),
            [Event::SurrenderedAbroad { to, .. }] if *to == dest
        ));
    }
}
