//! Teaching foils: one-sided strategies a trainee might try, played
//! faithfully so that a debrief can show why each fails. Like every bot,
//! each decides from its team's view alone. docs/MODEL.md gives the lesson
//! each exists to show.

use super::BotKey;
use super::plan::{Plan, at_liberty};
use crate::engine::orders::{Order, Target};
use crate::engine::state::ActorStatus;
use crate::scenario::{ActionKind, Role};
use crate::view::{PersonView, TeamView};

/// The people caught moving migrants: boat crews, drivers and the escorts
/// who guard the groups on the way.
fn moves_migrants(p: &PersonView) -> bool {
    matches!(
        p.role,
        Some(Role::BoatCaptain | Role::Transporter | Role::Enforcer)
    )
}

/// `crews-only`: goes after the people caught moving migrants and never
/// investigates upward. Coast guards patrol and interdict every turn (that is
/// where crews are caught at the wheel); investigators watch, arrest and
/// charge crews only, on their own evidence, and never share, ask abroad or
/// follow the money. It answers distress and cares for the people it holds
/// as the baseline does, so the debrief compares the disruption alone.
pub fn crews_only(view: &TeamView, key: &BotKey) -> Vec<Order> {
    let mut plan = Plan::new(view);
    let law = &view.law;
    plan.answer_distress();
    plan.care_for_groups();
    if view.may(ActionKind::MaritimePatrol) {
        patrol_sea_routes(&mut plan, key, 1);
    }
    let mut crews: Vec<&PersonView> = view.persons.iter().filter(|p| moves_migrants(p)).collect();
    crews.sort_by(|a, b| {
        b.evidence
            .cmp(&a.evidence)
            .then_with(|| a.reference.cmp(&b.reference))
    });
    for p in crews
        .iter()
        .filter(|p| p.held && p.status == Some(ActorStatus::Arrested) && !p.charged)
    {
        if p.admissible >= law.charge_threshold && p.act_proven && !p.acquitted_here {
            plan.push(
                ActionKind::Prosecution,
                Target::Actor(p.reference.clone()),
                None,
            );
        }
    }
    for p in crews
        .iter()
        .filter(|p| p.identified && p.in_jurisdiction && at_liberty(p) && !p.acquitted_here)
    {
        if p.evidence >= law.arrest_threshold {
            plan.push(ActionKind::Arrest, Target::Actor(p.reference.clone()), None);
        } else if !view.underway.iter().any(|o| o.target == p.name) {
            plan.push(
                ActionKind::Surveillance,
                Target::Actor(p.reference.clone()),
                None,
            );
        }
        if plan.left < 2 {
            break;
        }
    }
    // The desk work that turns up the next crew.
    plan.analyse();
    plan.orders
}

/// `refer-all`: refers every group it holds or finds exploited to
/// protection at once, without screening anyone; otherwise passive.
pub fn refer_all(view: &TeamView) -> Vec<Order> {
    let mut plan = Plan::new(view);
    for g in view
        .groups
        .iter()
        .filter(|g| g.held || g.status == crate::engine::state::GroupStatus::Exploited)
    {
        plan.push(ActionKind::Referral, Target::Group(g.id.clone()), None);
    }
    plan.orders
}

/// `patrol-only`: coast guards patrol and interdict every sea route they
/// can afford, every turn; every other team is passive.
pub fn patrol_only(view: &TeamView, key: &BotKey) -> Vec<Order> {
    let mut plan = Plan::new(view);
    if view.may(ActionKind::MaritimePatrol) {
        patrol_sea_routes(&mut plan, key, usize::MAX);
    }
    plan.orders
}

/// Patrol and interdict up to `routes` of the sea routes the team knows,
/// starting at one drawn from the bot's key and going round in order.
fn patrol_sea_routes(plan: &mut Plan, key: &BotKey, routes: usize) {
    let view = plan.view;
    let sea: Vec<_> = view.routes.iter().filter(|r| r.has_sea_leg).collect();
    if sea.is_empty() {
        return;
    }
    let first = key.pick(view.turn, "patrol", sea.len());
    for r in sea.iter().cycle().skip(first).take(sea.len().min(routes)) {
        let patrolled = plan.push(
            ActionKind::MaritimePatrol,
            Target::Route(r.id.clone()),
            None,
        );
        let interdicted = plan.push(ActionKind::Interdiction, Target::Route(r.id.clone()), None);
        if !patrolled && !interdicted {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bots::Policy;
    use crate::engine::setup::TeamIx;
    use crate::session::Session;

    /// The flagship played by one policy for some turns, and every order given.
    fn orders_over(policy: Policy, turns: u32) -> (Session, Vec<Order>) {
        let text = include_str!("../../scenarios/maritime-route.ron");
        let scenario = crate::scenario::parse_scenario("maritime-route.ron", text).unwrap();
        let catalog =
            crate::scenario::resolve_catalog(&crate::scenario::default_catalog(), &scenario);
        let seed = scenario.seed;
        let mut s =
            Session::start("maritime-route.ron", text, scenario, catalog, seed, None).unwrap();
        let mut all = Vec::new();
        for _ in 0..turns {
            for t in TeamIx::all(s.setup().teams.len()) {
                let o = s.bot_orders(t, policy);
                all.extend(o.clone());
                s.set_orders(t, o);
            }
            s.commit().unwrap();
        }
        (s, all)
    }

    #[test]
    fn crews_only_never_works_upward_or_abroad() {
        let (s, orders) = orders_over(Policy::CrewsOnly, 8);
        assert!(!orders.is_empty());
        let upward = [
            ActionKind::Interception,
            ActionKind::FinancialInvestigation,
            ActionKind::ShareIntel,
            ActionKind::MlaRequest,
            ActionKind::JitProposal,
            ActionKind::RedNotice,
            ActionKind::AssetFreeze,
        ];
        for o in &orders {
            assert!(!upward.contains(&o.action), "{o:?}");
            if let Target::Actor(id) = &o.target
                && let Some(a) = s.setup().actor(id)
            {
                let role = s.setup().actors[a].role;
                assert!(
                    matches!(role, Role::BoatCaptain | Role::Transporter | Role::Enforcer),
                    "crews-only aimed {:?} at a {role}",
                    o.action
                );
            }
        }
    }

    #[test]
    fn refer_all_refers_and_does_nothing_else() {
        let (_, orders) = orders_over(Policy::ReferAll, 12);
        assert!(
            orders.iter().any(|o| o.action == ActionKind::Referral),
            "the flagship holds groups within 12 turns"
        );
        assert!(orders.iter().all(|o| o.action == ActionKind::Referral));
    }

    #[test]
    fn patrol_only_is_coast_guards_at_sea_every_turn() {
        let (s, orders) = orders_over(Policy::PatrolOnly, 6);
        let coast_guards: Vec<&str> = s
            .setup()
            .teams
            .iter()
            .filter(|t| t.actions.contains(&ActionKind::MaritimePatrol))
            .map(|t| t.id.as_str())
            .collect();
        assert!(!coast_guards.is_empty(), "the flagship has coast guards");
        for o in &orders {
            assert!(coast_guards.contains(&o.team.as_str()), "{o:?}");
            assert!(
                matches!(
                    o.action,
                    ActionKind::MaritimePatrol | ActionKind::Interdiction
                ),
                "{o:?}"
            );
        }
        let patrols = orders
            .iter()
            .filter(|o| o.action == ActionKind::MaritimePatrol)
            .count();
        assert!(patrols >= 6 * coast_guards.len(), "{patrols} patrols");
    }
}
