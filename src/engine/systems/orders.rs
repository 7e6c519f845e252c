//! Taking orders: budgets refresh, each order is checked against the rules and
//! either becomes an operation under way or is refused with a reason.

use bevy_ecs::prelude::*;

use crate::engine::PendingInput;
use crate::engine::events::{Event, Refusal};
use crate::engine::knowledge::Knowledge;
use crate::engine::rules::{
    Handles, OrderContext, check_prerequisites, has_channel, resolve_about, resolve_target,
};
use crate::engine::setup::Setup;
use crate::engine::state::{
    Clock, Conditions, Cooperation, Operation, TargetRef, TeamState, Teams,
};
use crate::scenario::ActionKind;

/// Refresh every team's capacity and interpreters, and clear last turn's
/// on-station assets.
pub fn refresh_budgets(
    setup: Res<Setup>,
    mut teams: ResMut<Teams>,
    mut conditions: ResMut<Conditions>,
    mut coop: ResMut<Cooperation>,
) {
    teams.0 = setup
        .teams
        .iter()
        .map(|t| TeamState {
            capacity_left: t.capacity,
            interpreters_left: t.interpreters,
        })
        .collect();
    conditions.patrols.clear();
    conditions.rescues.clear();
    conditions.distress_routes.clear();
    coop.arrests_this_turn.clear();
}

/// Accept or refuse each order in canonical order.
#[allow(clippy::too_many_arguments)]
pub fn take_orders(
    mut commands: Commands,
    setup: Res<Setup>,
    handles: Res<Handles>,
    clock: Res<Clock>,
    input: Res<PendingInput>,
    coop: Res<Cooperation>,
    mut teams: ResMut<Teams>,
    mut knowledge: ResMut<Knowledge>,
) {
    let turn = clock.turn;
    for (seq, order) in input.0.orders.iter().enumerate() {
        let Some(team) = setup.team(&order.team) else {
            continue;
        };
        let know = &knowledge.0[team];
        let Some(def) = setup.action(order.action) else {
            knowledge.0[team].tell(
                &setup,
                turn,
                Event::OrderRefused {
                    action: order.action,
                    why: Refusal::NotInCatalogue,
                },
            );
            continue;
        };
        if !setup.teams[team].actions.contains(&order.action) {
            knowledge.0[team].tell(
                &setup,
                turn,
                Event::OrderRefused {
                    action: order.action,
                    why: Refusal::NotOpenToAgency,
                },
            );
            continue;
        }
        let budget = &teams.0[team];
        let ctx = OrderContext {
            setup: &setup,
            know,
            coop: &coop,
            team,
            handles: *handles,
            turn,
            capacity_left: budget.capacity_left,
            interpreters_left: budget.interpreters_left,
        };
        let checked = resolve_target(&ctx, def, &order.target).and_then(|target| {
            let about = resolve_about(&ctx, order.about.as_deref())?;
            if matches!(
                order.action,
                ActionKind::ShareIntel | ActionKind::MlaRequest
            ) && about.is_none()
            {
                return Err("needs the person it is about".to_string());
            }
            if order.action == ActionKind::MlaRequest
                && let TargetRef::Team(t) = target
                && setup.teams[t].country == setup.teams[team].country
            {
                return Err("MLA goes to another country's authorities".to_string());
            }
            check_prerequisites(&ctx, def, target)?;
            Ok((target, about))
        });
        match checked {
            Ok((target, about)) => {
                let budget = &mut teams.0[team];
                budget.capacity_left -= def.cost;
                if def
                    .requires
                    .contains(&crate::scenario::Prerequisite::Interpreter)
                {
                    budget.interpreters_left -= 1;
                }
                commands.spawn(Operation {
                    team,
                    seq: seq as u32,
                    kind: order.action,
                    target,
                    about,
                    ordered: turn,
                    resolves: turn + def.duration,
                });
            }
            Err(why) => {
                knowledge.0[team].tell(
                    &setup,
                    turn,
                    Event::OrderRefused {
                        action: order.action,
                        why: Refusal::Rule(why),
                    },
                );
            }
        }
    }
}

/// Liaison messages: words between teams, through the channels the exercise allows.
pub fn deliver_liaison(
    setup: Res<Setup>,
    clock: Res<Clock>,
    input: Res<PendingInput>,
    coop: Res<Cooperation>,
    mut knowledge: ResMut<Knowledge>,
) {
    let turn = clock.turn;
    for msg in &input.0.liaison {
        let (Some(from), Some(to)) = (setup.team(&msg.from), setup.team(&msg.to)) else {
            continue;
        };
        let text: String = msg
            .text
            .chars()
            .filter(|c| !c.is_control())
            .take(500)
            .collect();
        if has_channel(&setup, &coop, from, to, turn) {
            knowledge.0[to].tell(
                &setup,
                turn,
                Event::LiaisonReceived {
                    from,
                    text: text.clone(),
                },
            );
            knowledge.0[from].tell(&setup, turn, Event::LiaisonSent { to, text });
        } else {
            knowledge.0[from].tell(&setup, turn, Event::NoChannel { to });
        }
    }
}
