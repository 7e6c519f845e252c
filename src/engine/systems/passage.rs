//! The market for passage: who a leg needs, how many people a route can
//! carry in a turn, what a seat costs now, and where recruits go when the
//! route they were sold is watched.
//!
//! Displacement has friction (Magliocca et al. 2019): another route takes
//! only the people its members can move, at its own price, and a price
//! raised by enforcement keeps some people at home (smuggling fees rise with
//! enforcement and demand falls less than in proportion: Gathmann 2008;
//! Roberts et al. 2010).

use crate::engine::setup::{ActorIx, RouteIx, Setup};
use crate::engine::state::ActorStatus;
use crate::scenario::Role;

/// The highest risk a price answers to: past it, a route is simply the
/// dearest, and the network waits for the heat to fade.
pub const MAX_PRICED_RISK: u32 = 200;

/// The risk on a route in use at which a candidate route from the same
/// origin is worth opening: seats there cost twice the route's price.
pub const OPENING_RISK: u32 = 100;

/// People one member can move onto a leg in a turn, by the role the leg
/// needs: a boat a turn for a captain, a lorry-load for a driver, the
/// look-alike passports a forger turns out in a week, the people an
/// official can wave through, the beds of a safe house.
pub fn seats_per_member(role: Role) -> u32 {
    match role {
        Role::BoatCaptain => 60,
        Role::Transporter => 20,
        Role::DocumentForger => 8,
        Role::CorruptOfficial => 30,
        Role::SafeHouseKeeper => 30,
        Role::Enforcer => 20,
        Role::Recruiter | Role::Organiser | Role::MoneyBroker | Role::Enabler | Role::Company => 40,
    }
}

/// Whether a member works this route: one of its own, or one who serves
/// every route.
fn serves(setup: &Setup, actor: ActorIx, route: RouteIx) -> bool {
    setup.actors[actor].route.is_none_or(|r| r == route)
}

/// People the members of `role` at work on `route` can move in a turn; none
/// when the scenario never staffs the role at all, since a scenario that
/// leaves a role out does not stall its routes.
fn role_seats(
    setup: &Setup,
    status: &dyn Fn(ActorIx) -> ActorStatus,
    route: RouteIx,
    role: Role,
) -> Option<u32> {
    let mut staffed = false;
    let mut at_work = 0;
    for (i, a) in setup.actors.iter().enumerate() {
        if a.role == role && serves(setup, ActorIx(i), route) {
            staffed = true;
            if status(ActorIx(i)) == ActorStatus::Active {
                at_work += 1;
            }
        }
    }
    staffed.then(|| at_work * seats_per_member(role))
}

/// Whether a leg of a route has someone at work in every role it needs.
pub fn route_crewed(
    setup: &Setup,
    status: &dyn Fn(ActorIx) -> ActorStatus,
    route: RouteIx,
    leg: usize,
) -> bool {
    let Some(l) = setup.routes[route].legs.get(leg) else {
        return true;
    };
    l.needs
        .iter()
        .all(|&role| role_seats(setup, status, route, role).is_none_or(|s| s > 0))
}

/// People the route can move in a turn: its narrowest leg. `u32::MAX` when
/// no leg needs anyone the scenario staffs.
pub fn capacity(setup: &Setup, status: &dyn Fn(ActorIx) -> ActorStatus, route: RouteIx) -> u32 {
    setup.routes[route]
        .legs
        .iter()
        .flat_map(|l| l.needs.iter())
        .filter_map(|&role| role_seats(setup, status, route, role))
        .min()
        .unwrap_or(u32::MAX)
}

/// A seat's price now: the route's price raised by the risk the network
/// has learnt it runs there, a point of risk a percent.
pub fn price_now(base: u32, risk: u32) -> u64 {
    u64::from(base) * u64::from(100 + risk.min(MAX_PRICED_RISK)) / 100
}

/// Of `people` recruited at a price of `expected`, how many still travel at
/// `price`: all when it is no dearer; otherwise fewer, by half the rise in
/// proportion (`2·expected / (expected + price)`), since people who have
/// sold land or borrowed to leave rarely stay.
pub fn still_travelling(people: u32, expected: u32, price: u64) -> u32 {
    let expected = u64::from(expected);
    if price <= expected || expected == 0 {
        return people;
    }
    (u64::from(people) * 2 * expected / (expected + price)) as u32
}

/// A route on offer to a group: its price now, and the seats it has left
/// this turn (`None`: the route was planned for these people, so the
/// network has the means for them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Offer {
    pub route: RouteIx,
    pub price: u64,
    pub seats: Option<u32>,
}

/// Share a group recruited for a route at `expected` among the offers, the
/// cheapest first: as many as are still willing at each price take its
/// seats; those left without a seat try the next; the rest stay home. The
/// people who travel, by route, in the order of the offers.
pub fn share_out(people: u32, expected: u32, offers: &[Offer]) -> Vec<(RouteIx, u32)> {
    let mut sorted = offers.to_vec();
    sorted.sort_by_key(|o| (o.price, o.seats.is_some(), o.route));
    let mut placed = 0;
    let mut out = Vec::new();
    for o in sorted {
        let willing = still_travelling(people, expected, o.price).saturating_sub(placed);
        let going = o.seats.map_or(willing, |s| s.min(willing));
        if going > 0 {
            out.push((o.route, going));
            placed += going;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_price_rises_with_risk_up_to_three_times_the_route_price() {
        assert_eq!(price_now(6000, 0), 6000);
        assert_eq!(price_now(6000, 50), 9000);
        assert_eq!(price_now(6000, 1000), 18000);
    }

    #[test]
    fn a_dearer_passage_keeps_some_at_home_but_fewer_than_in_proportion() {
        assert_eq!(still_travelling(30, 6000, 6000), 30);
        assert_eq!(still_travelling(30, 6000, 3000), 30);
        // Twice the price: two in three still go, where in proportion half would.
        assert_eq!(still_travelling(30, 6000, 12000), 20);
        assert_eq!(still_travelling(30, 0, 12000), 30);
    }

    fn offer(route: RouteIx, price: u64, seats: Option<u32>) -> Offer {
        Offer {
            route,
            price,
            seats,
        }
    }

    #[test]
    fn recruits_keep_their_route_while_it_is_the_cheapest() {
        let shares = share_out(
            35,
            6000,
            &[
                offer(RouteIx(0), 6000, None),
                offer(RouteIx(1), 15000, Some(20)),
            ],
        );
        assert_eq!(shares, vec![(RouteIx(0), 35)]);
    }

    #[test]
    fn a_cheaper_route_takes_only_the_seats_it_has_and_the_rest_pay_more_or_stay() {
        // The planned route now costs 18000; another costs 15000 with 12 seats.
        let shares = share_out(
            35,
            6000,
            &[
                offer(RouteIx(0), 18000, None),
                offer(RouteIx(1), 15000, Some(12)),
            ],
        );
        // At 15000, 20 of 35 are willing and 12 find seats; at 18000, 17
        // are willing, of whom 12 already left: 5 more go.
        assert_eq!(shares, vec![(RouteIx(1), 12), (RouteIx(0), 5)]);
        let moved: u32 = shares.iter().map(|s| s.1).sum();
        assert!(moved < 35, "some stay home");
    }

    #[test]
    fn with_no_seats_anywhere_else_everyone_willing_goes_the_planned_way() {
        let shares = share_out(
            35,
            6000,
            &[
                offer(RouteIx(0), 12000, None),
                offer(RouteIx(1), 9000, Some(0)),
            ],
        );
        assert_eq!(shares, vec![(RouteIx(0), 23)]);
    }
}
