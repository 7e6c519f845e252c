//! People held in exploitation do not stay where they were first held: the
//! network moves them when their premises draw notice, and sells them on
//! between its holders, each sale adding the price paid to their debt.
//!
//! Traffickers move victims to stay ahead of the police, and in scam
//! compounds people are sold from one compound to another, their debt
//! raised by the price (OHCHR, *Online Scam Operations and Trafficking into
//! Forced Criminality in Southeast Asia*, 2023; UNODC, *Toolkit to Combat
//! Trafficking in Persons*, 2008, ch. 6). Each sale is a new act of
//! trafficking — transfer and receipt, Trafficking Protocol art. 3(a) — so
//! the buyer joins the people the victims can name.

use super::premises::held_at;
use crate::engine::rng::{Purpose, Seed};
use crate::engine::setup::{ActorIx, Setup};
use crate::engine::state::{ActorStatus, Group};
use crate::scenario::{Indicator, PlaceKind, Role};

/// Percent chance a turn that people held in exploitation are sold on to
/// another holder of the network.
pub const SOLD_ON: u32 = 4;
/// A holder this alert (warned by a raid that did not get in, or by the
/// arrest of a contact) moves the people held before the police come back.
pub const MOVE_WHEN_ALERT: u32 = 50;

/// What the rule reads of a member now: at work or not, and how alert.
pub struct Member {
    pub status: ActorStatus,
    pub alert: u32,
}

/// Move or sell on a group held in exploitation ashore, if the network has
/// another holder at work in the destination country with premises of
/// their own: the group is then held there. True when it moved.
pub fn move_on(
    setup: &Setup,
    seed: &Seed,
    turn: u32,
    g: &mut Group,
    member: impl Fn(ActorIx) -> Option<Member>,
) -> bool {
    let Some(here) = held_at(setup, g) else {
        return false;
    };
    if setup.places[here].kind == PlaceKind::Vessel {
        return false;
    }
    let Some(country) = setup.places[here].country else {
        return false;
    };
    let holder = g
        .handlers
        .iter()
        .rev()
        .copied()
        .find(|&h| setup.actors[h].place == Some(here));
    let warned = holder
        .and_then(&member)
        .is_some_and(|m| m.alert >= MOVE_WHEN_ALERT);
    let mut d = seed.draw(turn, Purpose::Resale, u64::from(g.seq), 0);
    if !warned && !d.chance(SOLD_ON) {
        return false;
    }
    let buyers: Vec<ActorIx> = ActorIx::all(setup.actors.len())
        .filter(|&i| {
            let a = &setup.actors[i];
            matches!(a.role, Role::Enforcer | Role::SafeHouseKeeper)
                && a.country == country
                && a.place.is_some_and(|p| {
                    p != here
                        && setup.places[p].country == Some(country)
                        && setup.places[p].kind != PlaceKind::Vessel
                })
                && member(i).is_some_and(|m| m.status == ActorStatus::Active)
        })
        .collect();
    if buyers.is_empty() {
        return false;
    }
    let pick = d.below(u32::try_from(buyers.len()).unwrap_or(u32::MAX));
    let buyer = buyers[pick as usize];
    g.handlers.retain(|&h| h != buyer);
    g.handlers.push(buyer);
    if !g.indicators.contains(&Indicator::DEBT_BONDAGE) {
        g.indicators.push(Indicator::DEBT_BONDAGE);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::setup::{CountryIx, PlaceInfo, PlaceIx};
    use crate::engine::state::GroupStatus;
    use crate::engine::systems::testkit::Bench;

    /// The land group: twelve trafficked people on the land route, to Destia.
    const LAND: u32 = 1;

    /// The mini world with the keeper's house in Destia and, when `farm`,
    /// a second holder: the broker made an enforcer at a farm there.
    fn world(farm: bool) -> Bench {
        Bench::mini_with(move |setup| {
            Bench::keeper_premises(setup, ("house", "The house"), "dest", PlaceKind::SafeHouse);
            if farm {
                let dest = setup.countries.iter().position(|c| c.id == "dest");
                setup.places.push(PlaceInfo {
                    id: "farm".into(),
                    name: "The farm".into(),
                    country: dest.map(CountryIx),
                    kind: PlaceKind::Worksite,
                    calls_at: Vec::new(),
                });
                let broker = setup.actor("broker").expect("the broker");
                setup.actors[broker].role = Role::Enforcer;
                setup.actors[broker].place = Some(PlaceIx(setup.places.len() - 1));
            }
        })
    }

    /// The land group, held by the keeper at the house.
    fn held_at_the_house(b: &mut Bench) -> Group {
        let keeper = b.actor("keeper");
        b.set_group(LAND, |g| {
            g.status = GroupStatus::Exploited;
            g.handle(keeper);
        });
        b.group(LAND)
    }

    fn everyone_at_work(
        alert_of_keeper: u32,
        keeper: ActorIx,
    ) -> impl Fn(ActorIx) -> Option<Member> {
        move |i| {
            Some(Member {
                status: ActorStatus::Active,
                alert: if i == keeper { alert_of_keeper } else { 0 },
            })
        }
    }

    #[test]
    fn a_warned_holder_moves_the_people_to_other_premises_whose_holder_they_can_name() {
        let mut b = world(true);
        let mut g = held_at_the_house(&mut b);
        let (keeper, broker) = (b.actor("keeper"), b.actor("broker"));
        let setup = b.setup().clone();
        let seed = Seed(1);
        let moved = move_on(
            &setup,
            &seed,
            3,
            &mut g,
            everyone_at_work(MOVE_WHEN_ALERT, keeper),
        );
        assert!(moved);
        assert_eq!(held_at(&setup, &g), setup.place("farm"));
        assert_eq!(g.handlers.last(), Some(&broker));
        assert!(g.indicators.contains(&Indicator::DEBT_BONDAGE));
    }

    #[test]
    fn with_no_other_holder_at_work_the_people_stay_where_they_are() {
        let mut b = world(true);
        let mut g = held_at_the_house(&mut b);
        let (keeper, broker) = (b.actor("keeper"), b.actor("broker"));
        let setup = b.setup().clone();
        let broker_arrested = |i: ActorIx| {
            Some(Member {
                status: if i == broker {
                    ActorStatus::Arrested
                } else {
                    ActorStatus::Active
                },
                alert: if i == keeper { 100 } else { 0 },
            })
        };
        assert!(!move_on(&setup, &Seed(1), 3, &mut g, broker_arrested));
        assert_eq!(held_at(&setup, &g), setup.place("house"));

        let mut b = world(false);
        let mut g = held_at_the_house(&mut b);
        let setup = b.setup().clone();
        assert!(!move_on(
            &setup,
            &Seed(1),
            3,
            &mut g,
            everyone_at_work(100, keeper)
        ));
    }

    #[test]
    fn unwarned_holders_sell_people_on_now_and_then() {
        let mut b = world(true);
        let g = held_at_the_house(&mut b);
        let keeper = b.actor("keeper");
        let setup = b.setup().clone();
        let turns = 2000;
        let sold = (1..=turns)
            .filter(|&turn| {
                let mut g = g.clone();
                move_on(&setup, &Seed(7), turn, &mut g, everyone_at_work(0, keeper))
            })
            .count();
        // SOLD_ON in a hundred turns, within the spread of 2,000 draws.
        let expected = turns as usize * SOLD_ON as usize / 100;
        assert!(
            sold > expected / 2 && sold < expected * 2,
            "{sold} of {turns}"
        );
    }
}
