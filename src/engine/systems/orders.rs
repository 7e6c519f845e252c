//! Taking orders: budgets refresh, each order is checked against the rules and
//! either becomes an operation under way or is refused with a reason.

use bevy_ecs::prelude::*;

use super::cooperation::ACTION_DAY_NOTICE;
use crate::engine::PendingInput;
use crate::engine::breach::Breach;
use crate::engine::events::{Event, Refusal};
use crate::engine::knowledge::Knowledge;
use crate::engine::orders::Order;
use crate::engine::rules::{
    Handles, OrderContext, check_prerequisites, has_channel, resolve_about, resolve_target,
};
use crate::engine::setup::{ActorIx, Setup};
use crate::engine::state::{
    Clock, Conditions, Cooperation, Operation, TargetRef, TeamState, Teams,
};
use crate::scenario::{ActionDef, ActionKind, Prerequisite};

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
    coop.warned_this_turn.clear();
}

/// Accept or refuse each order in canonical order.
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
        let budget = &teams.0[team];
        let ctx = OrderContext {
            setup: &setup,
            know: &knowledge.0[team],
            coop: &coop,
            team,
            handles: *handles,
            turn,
            capacity_left: budget.capacity_left,
            interpreters_left: budget.interpreters_left,
        };
        match admit(&ctx, order) {
            Ok((def, target, about)) => {
                spend(&mut teams.0[team], def);
                commands.spawn(Operation {
                    team,
                    seq: seq as u32,
                    kind: order.action,
                    target,
                    about,
                    day: order.day,
                    ordered: turn,
                    resolves: turn + def.duration,
                });
            }
            Err(why) => knowledge.0[team].tell(
                &setup,
                turn,
                Event::OrderRefused {
                    action: order.action,
                    why,
                },
            ),
        }
    }
}

/// An order goes ahead when its action is in the catalogue and open to the
/// team's agency, it is aimed at something the team may name, and it clears
/// the rules; otherwise it is refused, saying why.
fn admit<'a>(
    ctx: &OrderContext<'a>,
    order: &Order,
) -> Result<(&'a ActionDef, TargetRef, Option<ActorIx>), Refusal> {
    let Some(def) = ctx.setup.action(order.action) else {
        return Err(Refusal::NotInCatalogue);
    };
    if !ctx.setup.teams[ctx.team].actions.contains(&order.action) {
        return Err(Refusal::NotOpenToAgency);
    }
    let (target, about) = check_rules(ctx, def, order).map_err(|b| Refusal::Rule(b.to_string()))?;
    Ok((def, target, about))
}

/// The rules an order must clear, in words a team can act on: a target and
/// a person it may name; sharing and MLA name the person they are about;
/// then the action's own prerequisites.
fn check_rules(
    ctx: &OrderContext<'_>,
    def: &ActionDef,
    order: &Order,
) -> Result<(TargetRef, Option<ActorIx>), Breach> {
    let target = resolve_target(ctx, def, &order.target)?;
    let about = resolve_about(ctx, order.about.as_deref())?;
    if order.action.concerns_a_person() && about.is_none() {
        return Err(Breach::NeedsPerson);
    }
    // A diffusion seeks a person the team knows by name, not a company.
    if order.action == ActionKind::Diffusion
        && let Some(a) = about
    {
        let named = ctx.know.actors.get(&a).is_some_and(|i| i.identified);
        for (req, met) in [
            (Prerequisite::TargetIdentified, named),
            (
                Prerequisite::NaturalPerson,
                ctx.setup.actors[a].role.is_person(),
            ),
        ] {
            if !met {
                return Err(Breach::Unmet {
                    req,
                    have: 0,
                    need: 0,
                });
            }
        }
    }
    check_day(ctx, order)?;
    check_prerequisites(ctx, def, target)?;
    Ok((target, about))
}

/// Only a joint action day names a turn, and it must give the partners the
/// notice they need and fall within the exercise.
fn check_day(ctx: &OrderContext<'_>, order: &Order) -> Result<(), Breach> {
    let Some(day) = order.day else {
        return Ok(());
    };
    if order.action != ActionKind::ActionDayProposal {
        return Err(Breach::DayWithoutActionDay);
    }
    let (first, last) = (ctx.turn + ACTION_DAY_NOTICE, ctx.setup.scenario.turns);
    if day < first || day > last {
        return Err(if first > last {
            Breach::DayTooLate
        } else {
            Breach::DayOutside { first, last }
        });
    }
    Ok(())
}

/// An accepted order spends its cost in capacity, and an interpreter if it
/// needs one.
fn spend(budget: &mut TeamState, def: &ActionDef) {
    budget.capacity_left -= def.cost;
    if def.requires.contains(&Prerequisite::Interpreter) {
        budget.interpreters_left -= 1;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::orders::{Liaison, Target, TurnInput};
    use crate::engine::setup::{ActorIx, CountryIx, RouteIx, TeamIx};
    use crate::engine::systems::testkit::Bench;

    fn order(team: &str, action: ActionKind, target: Target, about: Option<&str>) -> Order {
        Order {
            team: team.into(),
            action,
            target,
            about: about.map(str::to_string),
            day: None,
        }
    }

    /// Take these orders on turn 1, with fresh budgets.
    fn take(b: &mut Bench, orders: Vec<Order>) {
        b.next_turn();
        b.resource::<PendingInput>().0 = TurnInput {
            orders,
            ..TurnInput::default()
        };
        b.run(refresh_budgets);
        b.run(take_orders);
    }

    fn refusals(b: &mut Bench, team: TeamIx) -> Vec<Refusal> {
        b.told(team)
            .into_iter()
            .filter_map(|e| match e {
                Event::OrderRefused { why, .. } => Some(why),
                _ => None,
            })
            .collect()
    }

    fn rule(words: &str) -> Refusal {
        Refusal::Rule(words.to_string())
    }

    /// The captain in Transia Police's custody with a case past the bar.
    fn captain_held_with_a_case(b: &mut Bench) -> (TeamIx, ActorIx) {
        use crate::engine::knowledge::{ActorIntel, Channel, Evidence, Source};
        let (police, captain) = (b.team("trans_police"), b.actor("cap1"));
        let home = b.setup().teams[police].country;
        let know = &mut b.resource::<Knowledge>().0[police];
        know.learn_actor(
            captain,
            ActorIntel {
                identified: true,
                role: None,
                country: Some(home),
                place: None,
                status: Some(crate::engine::state::ActorStatus::Arrested),
                held: true,
                confidence: 90,
                source: Source::Arrest,
                first_turn: 0,
                last_turn: 0,
            },
        );
        know.add_evidence(
            captain,
            Evidence {
                strength: 9,
                channel: Channel::Domestic,
                jurisdiction: home,
                source: Source::Surveillance,
                turn: 0,
            },
        );
        (police, captain)
    }

    fn prosecute_captain() -> Vec<Order> {
        vec![order(
            "trans_police",
            ActionKind::Prosecution,
            Target::Actor("cap1".into()),
            None,
        )]
    }

    #[test]
    fn no_charge_without_proof_that_people_were_smuggled() {
        let mut b = Bench::mini();
        let (police, _) = captain_held_with_a_case(&mut b);
        take(&mut b, prosecute_captain());
        assert_eq!(
            refusals(&mut b, police),
            vec![rule(
                "no proof that anyone was smuggled: the migrants' statements are where they were stopped; ask that country by MLA"
            )]
        );
        // Told informally, the migrants' account proves nothing; received
        // by MLA, it does.
        for (channel, refused) in [
            (crate::engine::knowledge::Channel::Informal, true),
            (crate::engine::knowledge::Channel::Mla, false),
        ] {
            b.resource::<Knowledge>().0[police].record_crossing(
                7,
                crate::engine::knowledge::Crossing {
                    channel,
                    jurisdiction: CountryIx(2),
                    turn: 1,
                },
            );
            take(&mut b, prosecute_captain());
            assert_eq!(refusals(&mut b, police).is_empty(), !refused, "{channel:?}");
        }
    }

    #[test]
    fn a_court_that_acquitted_someone_does_not_try_them_again() {
        let mut b = Bench::mini();
        let (police, captain) = captain_held_with_a_case(&mut b);
        b.resource::<Knowledge>().0[police]
            .acquitted
            .insert(captain, 0);
        take(&mut b, prosecute_captain());
        assert_eq!(
            refusals(&mut b, police),
            vec![rule(
                "acquitted here already: no second trial for the same offence (ne bis in idem)"
            )]
        );
    }

    #[test]
    fn an_interdiction_needs_a_leg_the_agency_works() {
        let mut b = Bench::mini();
        let police = b.team("oria_police");
        // Oria's police: the sea route's first leg is a road out of Oria;
        // the land route's too. Its coast guard would have no leg at all.
        take(
            &mut b,
            vec![order(
                "oria_police",
                ActionKind::Interdiction,
                Target::Route("sea".into()),
                None,
            )],
        );
        assert!(refusals(&mut b, police).is_empty());
        let mut b = Bench::mini();
        let dest = b.team("dest_police");
        take(
            &mut b,
            vec![order(
                "dest_police",
                ActionKind::Interdiction,
                Target::Route("sea".into()),
                None,
            )],
        );
        assert_eq!(
            refusals(&mut b, dest),
            vec![rule(
                "no leg of this route your agency can work: coast guards stop boats at sea, police and immigration stop people ashore, in or out of your country"
            )]
        );
    }

    #[test]
    fn a_raid_needs_premises_the_team_knows_in_its_own_country() {
        let raid = |team: &str, place: &str| {
            vec![order(
                team,
                ActionKind::Raid,
                Target::Place(place.into()),
                None,
            )]
        };
        let know_places = |b: &mut Bench, team: usize| {
            let places: Vec<_> = ["t_port", "t_house", "d_house"]
                .iter()
                .filter_map(|p| b.setup().place(p))
                .collect();
            b.resource::<Knowledge>().0[team].places.extend(places);
        };
        let with_houses = || {
            Bench::mini_with(|s| {
                for (id, country) in [("t_house", 1), ("d_house", 2)] {
                    s.places.push(crate::engine::setup::PlaceInfo {
                        id: id.into(),
                        name: id.into(),
                        country: Some(CountryIx(country)),
                        kind: crate::scenario::PlaceKind::SafeHouse,
                        calls_at: Vec::new(),
                    });
                }
            })
        };
        let mut b = with_houses();
        let police = b.team("trans_police");
        take(&mut b, raid("trans_police", "t_house"));
        assert_eq!(
            refusals(&mut b, police),
            vec![rule("no place `t_house` known to you")]
        );
        let mut b = with_houses();
        know_places(&mut b, police.index());
        take(&mut b, raid("trans_police", "t_house"));
        assert!(refusals(&mut b, police).is_empty());
        let mut b = with_houses();
        know_places(&mut b, police.index());
        take(&mut b, raid("trans_police", "d_house"));
        assert_eq!(
            refusals(&mut b, police),
            vec![rule(
                "the place is abroad: ask that country's police, or by MLA"
            )]
        );
        let mut b = with_houses();
        know_places(&mut b, police.index());
        take(&mut b, raid("trans_police", "t_port"));
        assert_eq!(
            refusals(&mut b, police),
            vec![rule(
                "only a safe house, a worksite or a vessel can be raided"
            )]
        );
    }

    #[test]
    fn a_vessel_is_boarded_by_its_flag_state_and_a_stateless_one_by_anyone() {
        let with_vessels = || {
            Bench::mini_with(|s| {
                for (id, flag) in [
                    ("t_boat", Some(CountryIx(1))),
                    ("d_boat", Some(CountryIx(2))),
                    ("x_boat", None),
                ] {
                    s.places.push(crate::engine::setup::PlaceInfo {
                        id: id.into(),
                        name: id.into(),
                        country: flag,
                        kind: crate::scenario::PlaceKind::Vessel,
                        calls_at: Vec::new(),
                    });
                }
            })
        };
        for (vessel, refused) in [
            ("t_boat", None),
            (
                "d_boat",
                Some("the place is abroad: ask that country's police, or by MLA"),
            ),
            ("x_boat", None),
        ] {
            let mut b = with_vessels();
            let police = b.team("trans_police");
            let place = b.setup().place(vessel).expect("the vessel");
            b.resource::<Knowledge>().0[police].places.insert(place);
            let raid = order(
                "trans_police",
                ActionKind::Raid,
                Target::Place(vessel.into()),
                None,
            );
            take(&mut b, vec![raid]);
            assert_eq!(
                refusals(&mut b, police),
                refused.into_iter().map(rule).collect::<Vec<_>>(),
                "{vessel}"
            );
        }
    }

    #[test]
    fn an_order_for_an_action_not_in_the_catalogue_is_refused() {
        let mut b =
            Bench::mini_with(|s| s.catalog.actions.retain(|d| d.kind != ActionKind::Analysis));
        let police = b.team("trans_police");
        take(
            &mut b,
            vec![order(
                "trans_police",
                ActionKind::Analysis,
                Target::Nothing,
                None,
            )],
        );
        assert_eq!(refusals(&mut b, police), vec![Refusal::NotInCatalogue]);
        assert!(b.operations().is_empty());
    }

    #[test]
    fn an_order_for_an_action_not_open_to_the_agency_is_refused() {
        let mut b = Bench::mini();
        let cg = b.team("trans_cg");
        take(
            &mut b,
            vec![order(
                "trans_cg",
                ActionKind::Interception,
                Target::Actor("cap1".into()),
                None,
            )],
        );
        assert_eq!(refusals(&mut b, cg), vec![Refusal::NotOpenToAgency]);
    }

    #[test]
    fn an_order_is_refused_with_the_rule_it_breaks() {
        let mut b = Bench::mini();
        let police = b.team("trans_police");
        let share = |about| {
            order(
                "trans_police",
                ActionKind::ShareIntel,
                Target::Team("trans_cg".into()),
                about,
            )
        };
        take(
            &mut b,
            vec![
                order(
                    "trans_police",
                    ActionKind::Arrest,
                    Target::Actor("boss".into()),
                    None,
                ),
                share(None),
                share(Some("boss")),
                order(
                    "trans_police",
                    ActionKind::MlaRequest,
                    Target::Team("trans_cg".into()),
                    Some("cap1"),
                ),
                order(
                    "trans_police",
                    ActionKind::Surveillance,
                    Target::Team("trans_cg".into()),
                    None,
                ),
            ],
        );
        assert_eq!(
            refusals(&mut b, police),
            vec![
                rule("no person `boss` in your files"),
                rule("needs the person it is about"),
                rule("no person `boss` in your files"),
                rule("that team is of your own country: this goes to another country's team"),
                rule("needs a target of kind person"),
            ]
        );
        assert!(b.operations().is_empty());
    }

    #[test]
    fn an_accepted_order_spends_its_cost_and_resolves_after_its_duration() {
        let mut b = Bench::mini();
        let police = b.team("trans_police");
        let captain = b.actor("cap1");
        take(
            &mut b,
            vec![
                order(
                    "trans_police",
                    ActionKind::Undercover,
                    Target::Actor("cap1".into()),
                    None,
                ),
                order(
                    "trans_police",
                    ActionKind::Undercover,
                    Target::Actor("cap1".into()),
                    None,
                ),
                order("trans_police", ActionKind::Analysis, Target::Nothing, None),
            ],
        );
        let ops = b.operations();
        let undercover = b.setup().action(ActionKind::Undercover).cloned();
        let undercover = undercover.expect("undercover is in the catalogue");
        assert_eq!(
            ops.iter()
                .map(|o| (o.seq, o.kind, o.target, o.resolves))
                .collect::<Vec<_>>(),
            vec![
                (
                    0,
                    ActionKind::Undercover,
                    TargetRef::Actor(captain),
                    1 + undercover.duration
                ),
                (2, ActionKind::Analysis, TargetRef::Nothing, 1 + 1),
            ]
        );
        // Capacity 5: four for the operation, one for the analysis.
        assert_eq!(
            refusals(&mut b, police),
            vec![rule(&format!("needs {} capacity, 1 left", undercover.cost))]
        );
        assert_eq!(b.resource::<Teams>().0[police].capacity_left, 0);
    }

    #[test]
    fn a_screening_needs_an_interpreter_free_this_turn() {
        let mut b = Bench::mini();
        let imm = b.team("trans_immigration");
        let group = b.group(1);
        b.meet(imm, 1, 0);
        let screen = || {
            order(
                "trans_immigration",
                ActionKind::ScreeningInterview,
                Target::Group(group.id.clone()),
                None,
            )
        };
        take(&mut b, vec![screen(), screen()]);
        assert_eq!(b.operations().len(), 1);
        assert_eq!(b.resource::<Teams>().0[imm].interpreters_left, 0);
        assert_eq!(
            refusals(&mut b, imm),
            vec![rule("no interpreter free this turn")]
        );
    }

    #[test]
    fn a_new_turn_restores_the_budgets_and_clears_last_turns_stations() {
        let mut b = Bench::mini();
        let police = b.team("trans_police");
        b.resource::<Conditions>()
            .patrols
            .push((TeamIx(1), RouteIx(0)));
        b.resource::<Conditions>()
            .rescues
            .push((TeamIx(1), RouteIx(0)));
        b.resource::<Conditions>().distress_routes.push(RouteIx(0));
        b.resource::<Cooperation>()
            .arrests_this_turn
            .push((police, ActorIx(0)));
        b.run(refresh_budgets);
        let budget = b.resource::<Teams>().0[police].clone();
        assert_eq!(
            budget,
            TeamState {
                capacity_left: 5,
                interpreters_left: 1
            }
        );
        let conditions = b.resource::<Conditions>().clone();
        assert!(conditions.patrols.is_empty() && conditions.rescues.is_empty());
        assert!(conditions.distress_routes.is_empty());
        assert!(b.resource::<Cooperation>().arrests_this_turn.is_empty());
    }

    #[test]
    fn liaison_words_pass_only_through_a_channel_without_control_characters_and_at_most_500() {
        let mut b = Bench::mini();
        let (police, cg, oria) = (
            b.team("trans_police"),
            b.team("trans_cg"),
            b.team("oria_police"),
        );
        let long = format!("boat\x07 at\x1b[2J dawn {}", "x".repeat(600));
        let say = |to: &str| Liaison {
            from: "trans_police".into(),
            to: to.into(),
            text: long.clone(),
        };
        b.next_turn();
        b.resource::<PendingInput>().0.liaison = vec![say("trans_cg"), say("oria_police")];
        b.run(deliver_liaison);
        let heard: Vec<String> = b
            .told(cg)
            .into_iter()
            .filter_map(|e| match e {
                Event::LiaisonReceived { from, text } if from == police => Some(text),
                _ => None,
            })
            .collect();
        assert_eq!(heard.len(), 1);
        assert!(heard[0].starts_with("boat at[2J dawn x"));
        assert_eq!(heard[0].chars().count(), 500);
        assert!(b.told(oria).is_empty());
        assert!(
            b.told(police)
                .iter()
                .any(|e| matches!(e, Event::NoChannel { to } if *to == oria))
        );
    }

    #[test]
    fn a_joint_action_day_names_a_turn_with_the_notice_partners_need_within_the_exercise() {
        let mut b = Bench::mini();
        let (trans, dest) = (b.team("trans_police"), b.team("dest_police"));
        let on = |day| Order {
            day: Some(day),
            ..order(
                "trans_police",
                ActionKind::ActionDayProposal,
                Target::Team("dest_police".into()),
                None,
            )
        };
        let analysis = Order {
            day: Some(5),
            ..order("trans_police", ActionKind::Analysis, Target::Nothing, None)
        };
        // Ordered on turn 1 of 12: turn 3 at the earliest.
        take(&mut b, vec![on(2), on(13), analysis, on(6)]);
        assert_eq!(
            refusals(&mut b, trans),
            vec![
                rule("a joint action day falls on turn 3 to 12"),
                rule("a joint action day falls on turn 3 to 12"),
                rule("only a joint action day names a turn"),
            ]
        );
        b.run(super::super::cooperation::deliver_cooperation);
        let days = b.resource::<Cooperation>().action_days.clone();
        assert_eq!(days.len(), 1);
        assert_eq!(
            (days[0].proposer, days[0].partner, days[0].day),
            (trans, dest, 6)
        );
    }
}
