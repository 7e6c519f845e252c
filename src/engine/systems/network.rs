//! The network's own turn: it hears warnings, goes dark, flees, replaces the
//! members it lost, insulates its organisers, and recruits.

use bevy_ecs::prelude::*;

use super::Roster;
use super::passage::{OPENING_RISK, Offer, capacity, price_now, route_crewed, share_out};
use super::victims::RISK_WINDOW;
use crate::engine::metrics::Tally;
use crate::engine::rng::{Draw, Purpose, Seed};
use crate::engine::setup::{ActorInfo, ActorIx, CountryIx, RouteIx, Setup};
use crate::engine::state::{ActorState, ActorStatus, Clock, Group, LiveTie, Network};
use crate::scenario::{Exploitation, Indicator, Recruitment, Role, TieKind};

/// Alert above which a member may go dark.
pub const DARK_ALERT: u32 = 50;
/// Alert above which a cautious member may flee.
pub const FLEE_ALERT: u32 = 85;

/// Warnings reach members: heat rises, cells go dark, the cautious flee.
pub fn warn_network(
    setup: Res<Setup>,
    seed: Res<Seed>,
    clock: Res<Clock>,
    roster: Res<Roster>,
    mut states: Query<&mut ActorState>,
    mut network: ResMut<Network>,
) {
    let turn = clock.turn;
    let mut warnings = std::mem::take(&mut network.tip_offs);
    warnings.sort_unstable();
    for (actor, level) in warnings {
        let Some(&e) = roster.0.get(actor.index()) else {
            continue;
        };
        let Ok(mut s) = states.get_mut(e) else {
            continue;
        };
        s.alert = (s.alert + level).min(100);
    }
    let statuses = super::statuses(&roster, |e| states.get(e).ok());
    for (i, info) in setup.actors.iter().enumerate() {
        let Some(&e) = roster.0.get(i) else { continue };
        let Ok(mut s) = states.get_mut(e) else {
            continue;
        };
        let refuge = refuge(&setup, &network, &statuses, ActorIx(i), &s);
        feel_the_heat(&seed, turn, ActorIx(i), info, refuge, &mut s);
    }
}

/// Where an organiser would go to run the business from abroad: to kin in
/// another country first, else to the country of their strongest contact
/// there still at work. Those who touch no migrant can work from anywhere;
/// the rest of the network cannot, and hides at home.
fn refuge(
    setup: &Setup,
    network: &Network,
    statuses: &[ActorStatus],
    i: ActorIx,
    s: &ActorState,
) -> Option<CountryIx> {
    if setup.actors[i].role != Role::Organiser || s.abroad.is_some() {
        return None;
    }
    let home = setup.actors[i].country;
    network.ties[i]
        .iter()
        .filter(|t| setup.actors[t.other].country != home)
        .filter(|t| statuses.get(t.other.index()) == Some(&ActorStatus::Active))
        .max_by_key(|t| {
            (
                t.kind == TieKind::Kinship,
                t.strength,
                std::cmp::Reverse(t.other),
            )
        })
        .map(|t| setup.actors[t.other].country)
}

/// A member at work on alert may go dark for two to four turns (the more
/// cautious, the likelier) and, when very cautious and near certain they are
/// watched, flee: abroad for good to a refuge, lying low there for two
/// turns, or into hiding for six to eleven turns; heat cools by eight a
/// turn. A member who hid comes back when their time is up, still wary.
fn feel_the_heat(
    seed: &Seed,
    turn: u32,
    i: ActorIx,
    info: &ActorInfo,
    refuge: Option<CountryIx>,
    s: &mut ActorState,
) {
    if s.status != ActorStatus::Active {
        if s.status == ActorStatus::Fled && s.returns_at.is_some_and(|r| r <= turn) {
            s.status = ActorStatus::Active;
            s.returns_at = None;
            s.alert = 40;
        }
        return;
    }
    if s.alert >= DARK_ALERT && !s.is_dark(turn) {
        let mut d = seed.draw(turn, Purpose::GoDark, i.index() as u64, 0);
        if d.chance(info.caution) {
            s.dark_until = turn + 2 + d.below(3);
        }
    }
    if s.alert >= FLEE_ALERT && info.caution >= 60 {
        let mut d = seed.draw(turn, Purpose::GoDark, i.index() as u64, 1);
        if d.chance(info.caution - 50) {
            if let Some(country) = refuge {
                s.abroad = Some(country);
                s.dark_until = turn + 2;
                s.alert = 40;
                return;
            }
            s.status = ActorStatus::Fled;
            s.vacant_since = Some(turn);
            s.replaced = false;
            s.returns_at = Some(turn + 6 + d.below(6));
        }
    }
    s.alert = s.alert.saturating_sub(8);
}

/// Percent chance per turn that a vacant role is filled, by role: aides paid
/// per task are easy to replace; organisers and brokers are not.
pub fn replacement_odds(role: Role) -> u32 {
    match role {
        Role::BoatCaptain | Role::Transporter => 55,
        Role::Recruiter | Role::SafeHouseKeeper | Role::Enforcer => 40,
        Role::DocumentForger => 30,
        Role::MoneyBroker | Role::CorruptOfficial | Role::Enabler => 20,
        // A new company needs a new licence, a new name, new accounts.
        Role::Company => 10,
        Role::Organiser => 5,
    }
}

/// The network fills the places of members it has lost, from its reserves or by
/// a contact taking on the work, when it still has the means.
pub fn replace_members(
    setup: Res<Setup>,
    seed: Res<Seed>,
    clock: Res<Clock>,
    roster: Res<Roster>,
    mut states: Query<&mut ActorState>,
    mut network: ResMut<Network>,
) {
    let turn = clock.turn;
    let statuses = super::statuses(&roster, |e| states.get(e).ok());
    let organisers_free = setup
        .actors
        .iter()
        .enumerate()
        .any(|(i, a)| a.role == Role::Organiser && statuses[i] == ActorStatus::Active);
    for (i, info) in setup.actors.iter().enumerate() {
        let Some(&e) = roster.0.get(i) else { continue };
        let Ok(s) = states.get(e) else { continue };
        if !vacant(s, turn) {
            continue;
        }
        let mut odds = replacement_odds(info.role);
        if !organisers_free {
            odds /= 2;
        }
        if !seed.chance(turn, Purpose::Replace, i as u64, 0, odds) {
            continue;
        }
        match reserve_for(&setup, &statuses, info) {
            Some(j) => {
                inherit_ties(&mut network, ActorIx(i), j);
                if let Ok(mut r) = states.get_mut(roster.0[j]) {
                    r.status = ActorStatus::Active;
                }
                if let Ok(mut s) = states.get_mut(e) {
                    s.replaced = true;
                }
            }
            None if info.role != Role::Organiser => {
                if let Some(broker) = broker_for(&setup, &network, &statuses, ActorIx(i)) {
                    take_over_contacts(&mut network, ActorIx(i), broker);
                }
                if let Ok(mut s) = states.get_mut(e) {
                    s.replaced = true;
                    s.absorbed = true;
                }
            }
            None => {}
        }
    }
    reach_new_partners(&setup, &statuses, &mut network);
}

/// A place the network has to fill: its holder was arrested, convicted or
/// fled before this turn, and no one has taken the work on yet.
fn vacant(s: &ActorState, turn: u32) -> bool {
    matches!(
        s.status,
        ActorStatus::Arrested | ActorStatus::Convicted | ActorStatus::Fled | ActorStatus::Suspended
    ) && !s.replaced
        && s.vacant_since.is_some_and(|v| v < turn)
}

/// A dormant reserve of the same role, on the same route or in the same
/// country; without one a contact absorbs the work, except an organiser's.
/// An organiser who has lost every partner of a kind (the money: a money
/// broker; a peer: another organiser) at work reaches a new one through
/// their most trusted contact who knows one: trust runs along ties, and a
/// criminal partner is found by introduction, not in the open.
fn reach_new_partners(setup: &Setup, statuses: &[ActorStatus], network: &mut Network) {
    let at_work = |i: ActorIx| statuses.get(i.index()) == Some(&ActorStatus::Active);
    for (organiser, info) in setup.actors.iter().enumerate() {
        if info.role != Role::Organiser || !at_work(ActorIx(organiser)) {
            continue;
        }
        for (role, kind) in [
            (Role::MoneyBroker, TieKind::Finance),
            (Role::Organiser, TieKind::Communication),
        ] {
            let is_partner =
                |i: ActorIx| i != ActorIx(organiser) && setup.actors[i].role == role && at_work(i);
            let had_one = setup.ties[organiser]
                .iter()
                .any(|t| setup.actors[t.other].role == role);
            if !had_one || network.ties[organiser].iter().any(|t| is_partner(t.other)) {
                continue;
            }
            let mut introducers: Vec<LiveTie> = network.ties[organiser]
                .iter()
                .filter(|t| at_work(t.other))
                .copied()
                .collect();
            introducers.sort_by_key(|t| (std::cmp::Reverse(t.strength), t.other));
            let found = introducers.iter().find_map(|via| {
                network.ties[via.other]
                    .iter()
                    .filter(|t| is_partner(t.other))
                    .max_by_key(|t| (t.strength, std::cmp::Reverse(t.other)))
                    .map(|t| (t.other, via.strength.min(t.strength) / 2))
            });
            if let Some((partner, strength)) = found {
                link(
                    &mut network.ties,
                    ActorIx(organiser),
                    partner,
                    kind,
                    strength.max(5),
                );
            }
        }
    }
}

/// Who takes on a lost member's work when no reserve can: their most
/// trusted contact at work who is not an organiser (organisers do not take
/// on the legwork), one of the same role before any other.
fn broker_for(
    setup: &Setup,
    network: &Network,
    statuses: &[ActorStatus],
    lost: ActorIx,
) -> Option<ActorIx> {
    let role = setup.actors[lost].role;
    network.ties[lost]
        .iter()
        .filter(|t| {
            statuses.get(t.other.index()) == Some(&ActorStatus::Active)
                && setup.actors[t.other].role != Role::Organiser
        })
        .max_by_key(|t| {
            (
                setup.actors[t.other].role == role,
                t.strength,
                std::cmp::Reverse(t.other),
            )
        })
        .map(|t| t.other)
}

/// A broker who takes on a lost member's work takes on their contacts too,
/// at half the strength: new ties that route the network through the
/// broker, which is how disrupted networks recover (Duijn, Kashirin and
/// Sloot 2014).
fn take_over_contacts(network: &mut Network, lost: ActorIx, broker: ActorIx) {
    let contacts: Vec<LiveTie> = network.ties[lost]
        .iter()
        .filter(|t| t.other != broker)
        .copied()
        .collect();
    for t in contacts {
        link(
            &mut network.ties,
            broker,
            t.other,
            t.kind,
            (t.strength / 2).max(5),
        );
    }
}

fn reserve_for(setup: &Setup, statuses: &[ActorStatus], info: &ActorInfo) -> Option<ActorIx> {
    setup
        .actors
        .iter()
        .enumerate()
        .find(|(j, r)| {
            r.role == info.role
                && r.reserve
                && statuses[*j] == ActorStatus::Dormant
                && (r.route == info.route || r.country == info.country)
        })
        .map(|(j, _)| ActorIx(j))
}

/// The reserve takes over the lost member's ties at three-quarters strength.
fn inherit_ties(network: &mut Network, lost: ActorIx, reserve: ActorIx) {
    let inherited: Vec<LiveTie> = network.ties[lost]
        .iter()
        .filter(|t| t.other != reserve)
        .map(|t| LiveTie {
            strength: t.strength * 3 / 4,
            ..*t
        })
        .collect();
    for t in inherited {
        link(&mut network.ties, reserve, t.other, t.kind, t.strength);
    }
}

/// Add or strengthen a tie in both directions, keeping lists sorted.
pub fn link(ties: &mut [Vec<LiveTie>], a: ActorIx, b: ActorIx, kind: TieKind, strength: u32) {
    for (x, y) in [(a, b), (b, a)] {
        let list = &mut ties[x];
        match list.binary_search_by_key(&y, |t| t.other) {
            Ok(k) => list[k].strength = list[k].strength.max(strength),
            Err(k) => list.insert(
                k,
                LiveTie {
                    other: y,
                    kind,
                    strength,
                },
            ),
        }
    }
}

/// Alert at which an organiser starts to insulate themselves.
pub const INSULATION_ALERT: u32 = 30;

/// An organiser under pressure puts distance between themselves and the
/// work: ties to aides weaken by 10 a turn, and an aide whose tie has worn
/// thin (10 or less) is handed over to the organiser's delegate, the aide
/// they trust most, with the direct tie dropped. The organiser moves to
/// the edge and the delegate becomes the broker in the middle, as in the
/// CAVIAR network (Morselli 2009) and in the networks Duijn, Kashirin and
/// Sloot (2014) see recover through their brokers. Ties to peers and money
/// are kept, and so is the tie to the delegate.
pub fn insulate_organisers(
    setup: Res<Setup>,
    roster: Res<Roster>,
    states: Query<&ActorState>,
    mut network: ResMut<Network>,
) {
    let statuses = super::statuses(&roster, |e| states.get(e).ok());
    let at_work = |i: ActorIx| statuses.get(i.index()) == Some(&ActorStatus::Active);
    for (i, info) in setup.actors.iter().enumerate() {
        if info.role != Role::Organiser {
            continue;
        }
        let Some(s) = roster.0.get(i).and_then(|e| states.get(*e).ok()) else {
            continue;
        };
        if s.status != ActorStatus::Active || s.alert < INSULATION_ALERT {
            continue;
        }
        let aides: Vec<LiveTie> = network.ties[i]
            .iter()
            .filter(|t| is_aide(&setup, t.other))
            .copied()
            .collect();
        let delegate = aides
            .iter()
            .filter(|t| at_work(t.other))
            .max_by_key(|t| (t.strength, std::cmp::Reverse(t.other)))
            .map(|t| t.other);
        for aide in aides
            .iter()
            .map(|t| t.other)
            .filter(|&a| Some(a) != delegate)
        {
            let weaker = weaken(&mut network.ties, ActorIx(i), aide, 10);
            if let Some(delegate) = delegate
                && weaker <= 10
            {
                unlink(&mut network.ties, ActorIx(i), aide);
                link(&mut network.ties, delegate, aide, TieKind::Command, 40);
            }
        }
    }
}

/// Whether a member is one of an organiser's aides: anyone but a peer or
/// the money.
fn is_aide(setup: &Setup, actor: ActorIx) -> bool {
    !matches!(
        setup.actors[actor].role,
        Role::Organiser | Role::MoneyBroker
    )
}

/// Weaken the tie between two members by `by`, to no less than 5; its
/// strength now.
fn weaken(ties: &mut [Vec<LiveTie>], a: ActorIx, b: ActorIx, by: u32) -> u32 {
    let mut now = 0;
    for (x, y) in [(a, b), (b, a)] {
        if let Ok(k) = ties[x].binary_search_by_key(&y, |t| t.other) {
            let t = &mut ties[x][k];
            t.strength = t.strength.saturating_sub(by).max(5);
            now = t.strength;
        }
    }
    now
}

/// Drop the tie between two members.
fn unlink(ties: &mut [Vec<LiveTie>], a: ActorIx, b: ActorIx) {
    for (x, y) in [(a, b), (b, a)] {
        if let Ok(k) = ties[x].binary_search_by_key(&y, |t| t.other) {
            ties[x].remove(k);
        }
    }
}

/// How exposed an organiser is: the strength of their direct ties to aides.
pub fn organiser_exposure(setup: &Setup, network: &Network, organiser: ActorIx) -> u32 {
    network.ties[organiser]
        .iter()
        .filter(|t| is_aide(setup, t.other))
        .map(|t| t.strength)
        .sum()
}

/// What the recruitment rules read and change this turn.
struct Desk<'a> {
    setup: &'a Setup,
    seed: &'a Seed,
    turn: u32,
    /// Every member's status, by actor index.
    statuses: &'a [ActorStatus],
    network: &'a mut Network,
    tally: &'a mut Tally,
    /// People booked onto each route's departures this turn.
    booked: Vec<u32>,
}

impl Desk<'_> {
    fn status(&self, actor: ActorIx) -> ActorStatus {
        self.statuses
            .get(actor.index())
            .copied()
            .unwrap_or(ActorStatus::Dormant)
    }

    /// A route runs only when it is open and every leg has its crew.
    fn runs(&self, route: RouteIx) -> bool {
        let status = |i: ActorIx| self.status(i);
        self.network.route_closed_until[route] < self.turn
            && (0..self.setup.routes[route].legs.len())
                .all(|leg| route_crewed(self.setup, &status, route, leg))
    }

    /// Seats a route has left this turn.
    fn spare(&self, route: RouteIx) -> u32 {
        let status = |i: ActorIx| self.status(i);
        capacity(self.setup, &status, route).saturating_sub(self.booked[route])
    }

    /// The risk the network has learnt a route runs.
    fn risk(&self, route: RouteIx) -> u32 {
        self.network
            .route_risk
            .get(route.index())
            .copied()
            .unwrap_or(0)
    }

    /// A seat's price on a route now, by the risk the network has learnt.
    fn price(&self, route: RouteIx) -> u64 {
        price_now(self.setup.routes[route].price, self.risk(route))
    }

    /// The next group's creation order.
    fn next_seq(&mut self) -> u32 {
        let seq = self.network.groups_created;
        self.network.groups_created += 1;
        seq
    }
}

/// The network recruits new groups and sells them passage, and people
/// returned without support may be recruited again. At the end of its turn
/// it weighs what the turn taught it about each route's risk.
pub fn recruit_groups(
    mut commands: Commands,
    setup: Res<Setup>,
    seed: Res<Seed>,
    clock: Res<Clock>,
    roster: Res<Roster>,
    states: Query<&ActorState>,
    mut network: ResMut<Network>,
    mut tally: ResMut<Tally>,
) {
    let statuses = super::statuses(&roster, |e| states.get(e).ok());
    let mut desk = Desk {
        setup: &setup,
        seed: &seed,
        turn: clock.turn,
        statuses: &statuses,
        network: &mut network,
        tally: &mut tally,
        booked: vec![0; setup.routes.len()],
    };
    book_planned(&mut desk);
    for (n, rec) in setup.scenario.recruitment.iter().enumerate() {
        recruit(&mut desk, &mut commands, n, rec);
    }
    recruit_the_returned_again(&mut desk, &mut commands);
    learn_route_risk(&mut network);
}

/// The network learns a route's risk with a lag: half of it is what it
/// believed last turn, half the pressure it felt since. Pressure then fades
/// by a quarter a turn.
fn learn_route_risk(network: &mut Network) {
    let routes = network.route_pressure.len();
    network.route_risk.resize(routes, 0);
    for r in 0..routes {
        network.route_risk[r] = (network.route_risk[r] + network.route_pressure[r]) / 2;
        network.route_pressure[r] = network.route_pressure[r] * 3 / 4;
    }
}

/// Whether a recruitment rule sends a group this turn.
fn recruits_now(rec: &Recruitment, turn: u32) -> bool {
    rec.every != 0 && turn.saturating_sub(1).is_multiple_of(rec.every)
}

/// The network has the means for the traffic it planned: each running
/// route's own recruits of this turn take their seats before anyone is
/// diverted onto it.
fn book_planned(desk: &mut Desk) {
    for rec in &desk.setup.scenario.recruitment {
        if let Some(r) = desk.setup.route(&rec.route)
            && recruits_now(rec, desk.turn)
            && desk.network.in_use(desk.setup, r)
            && desk.runs(r)
        {
            desk.booked[r] += rec.group_size;
        }
    }
}

/// Every `every` turns from the first, a recruiter of the route's origin
/// country at work sends a group, credited to them; a prevention campaign
/// there stops half of them. A share of the people are deceived into
/// exploitation. The group is sold the planned route, or cheaper passage
/// where the planned one is watched, and splits when it takes several.
fn recruit(desk: &mut Desk, commands: &mut Commands, n: usize, rec: &Recruitment) {
    let (setup, seed, turn) = (desk.setup, desk.seed, desk.turn);
    let Some(planned) = setup.route(&rec.route) else {
        return;
    };
    // A candidate route's own recruiters wait until the network opens it.
    if !recruits_now(rec, turn) || !desk.network.in_use(setup, planned) {
        return;
    }
    let origin = setup.routes[planned].origin_country;
    let mut d = seed.draw(turn, Purpose::Recruit, n as u64, 0);
    let Some(recruiter) = pick_recruiter(desk, planned, origin, &mut d) else {
        return;
    };
    let prevention = origin.is_some_and(|c| {
        desk.network
            .prevention_until
            .iter()
            .any(|&(pc, until)| pc == c && until >= turn)
    });
    if prevention && d.chance(50) {
        return;
    }
    let passages = sell_passage(desk, planned, origin, rec.group_size);
    for &(route, _) in &passages {
        if !desk.network.in_use(setup, route) {
            desk.network.opened_on.insert(route, turn);
        }
    }
    let indicators = trafficking_indicators(seed, turn, n, rec);
    let travelling: u32 = passages.iter().map(|&(_, people)| people).sum();
    desk.network.stayed_home += rec.group_size - travelling;
    for (route, size) in passages {
        let seq = desk.next_seq();
        let exploitation = (!indicators.is_empty()).then(|| {
            rec.exploitation
                .get(seq as usize % rec.exploitation.len().max(1))
                .copied()
                .unwrap_or(Exploitation::Labour)
        });
        if route != planned {
            desk.booked[route] += size;
        }
        let id = format!("{}-{turn:02}-{n}", setup.routes[route].id);
        commands.spawn(Group {
            vulnerability: rec.vulnerability,
            indicators: indicators.clone(),
            exploitation,
            recruiter: Some(recruiter),
            ..Group::recruited(seq, id, size, route, turn + 1)
        });
    }
}

/// The recruiter who brings in this group: one of the origin's recruiters
/// (or licensed recruitment agencies) at work for the route, the more
/// skilled the likelier.
fn pick_recruiter(
    desk: &Desk,
    planned: RouteIx,
    origin: Option<CountryIx>,
    d: &mut Draw,
) -> Option<ActorIx> {
    let candidates: Vec<(ActorIx, u32)> = desk
        .setup
        .actors
        .iter()
        .enumerate()
        .filter(|(i, a)| {
            (a.role == Role::Recruiter || (a.role == Role::Company && a.licensed))
                && Some(a.country) == origin
                && a.route.is_none_or(|r| r == planned)
                && desk.status(ActorIx(*i)) == ActorStatus::Active
        })
        .map(|(i, a)| (ActorIx(i), a.skill.max(1)))
        .collect();
    let total: u32 = candidates.iter().map(|c| c.1).sum();
    if total == 0 {
        return None;
    }
    let mut at = d.below(total);
    candidates.into_iter().find_map(|(i, weight)| {
        if at < weight {
            Some(i)
        } else {
            at -= weight;
            None
        }
    })
}

/// Passage for `people` recruited for `planned`: the planned route while it
/// runs, and any running route from the same origin that is safer and now
/// cheaper, as far as its spare seats go: heat, not a route's price alone,
/// moves traffic, since people sold a dearer, safer passage keep it. A
/// route that does not run loses its recruits to the others. A candidate
/// route is offered once the network has opened it, or when it is worth
/// opening: the planned route does not run, or its risk has doubled its
/// price ([`OPENING_RISK`]). The people who travel, by route.
fn sell_passage(
    desk: &Desk,
    planned: RouteIx,
    origin: Option<CountryIx>,
    people: u32,
) -> Vec<(RouteIx, u32)> {
    let setup = desk.setup;
    let worth_opening = !desk.runs(planned) || desk.risk(planned) >= OPENING_RISK;
    let own = desk.runs(planned).then(|| Offer {
        route: planned,
        price: desk.price(planned),
        seats: None,
    });
    let mut offers: Vec<Offer> = RouteIx::all(setup.routes.len())
        .filter(|&r| {
            r != planned
                && setup.routes[r].origin_country == origin
                && (worth_opening || desk.network.in_use(setup, r))
                && desk.runs(r)
        })
        .map(|r| Offer {
            route: r,
            price: desk.price(r),
            seats: Some(desk.spare(r)),
        })
        .filter(|o| {
            own.is_none_or(|own| desk.risk(o.route) < desk.risk(planned) && o.price < own.price)
        })
        .collect();
    offers.extend(own);
    share_out(people, setup.routes[planned].price, &offers)
}

/// Deceived recruits are in debt bondage; half also have their documents
/// taken, and some are minors; all show the signs the recruitment lists.
fn trafficking_indicators(seed: &Seed, turn: u32, n: usize, rec: &Recruitment) -> Vec<Indicator> {
    let mut indicators = Vec::new();
    let mut t = seed.draw(turn, Purpose::Trafficked, n as u64, 0);
    if t.chance(rec.trafficking_share) {
        indicators.push(Indicator::DECEPTION);
        indicators.push(Indicator::DEBT_BONDAGE);
        if t.chance(50) {
            indicators.push(Indicator::CONFISCATED_DOCUMENTS);
        }
        if t.chance(15) {
            indicators.push(Indicator::MINORS);
        }
        for extra in &rec.indicators {
            if !indicators.contains(extra) {
                indicators.push(extra.clone());
            }
        }
    }
    indicators
}

/// People returned home stay at risk for [`RISK_WINDOW`] turns from the turn
/// after their return, each turn at their risk; recruited again, they set
/// off as a group of their own, more vulnerable than before.
fn recruit_the_returned_again(desk: &mut Desk, commands: &mut Commands) {
    let (seed, turn) = (desk.seed, desk.turn);
    let mut still = Vec::new();
    let at_risk = std::mem::take(&mut desk.network.at_risk);
    for (k, r) in at_risk.into_iter().enumerate() {
        if turn > r.returned + RISK_WINDOW {
            continue;
        }
        if turn > r.returned
            && seed.chance(
                turn,
                Purpose::Retraffic,
                k as u64,
                r.returned as u64,
                r.risk,
            )
        {
            let seq = desk.next_seq();
            desk.tally
                .add(None, |c| c.re_trafficked += i64::from(r.size));
            let id = format!("{}-again-{turn:02}", r.from_group);
            commands.spawn(Group {
                vulnerability: 80,
                indicators: r.indicators.clone(),
                exploitation: r.exploitation,
                re_trafficked_from: Some(r.from_group.clone()),
                ..Group::recruited(seq, id, r.size, r.route, turn + 1)
            });
        } else {
            still.push(r);
        }
    }
    desk.network.at_risk = still;
}

#[cfg(test)]
mod tests;
