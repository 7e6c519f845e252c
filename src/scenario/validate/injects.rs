//! Injects: triggers inside the exercise and effects that name what exists.

use super::*;

impl Validator<'_> {
    pub(super) fn inject(&mut self, s: &Scenario, known: &Known, i: usize) {
        let Some(inject) = s.injects.get(i) else {
            return;
        };
        let context = format!("inject `{}`", inject.id);
        for (j, team) in inject.to.iter().enumerate() {
            self.reference(
                known,
                &known.teams,
                team,
                &[F("injects"), I(i), F("to"), I(j)],
                &context,
            );
        }
        let mut path = vec![F("injects"), I(i), F("trigger"), I(0)];
        let mut condition = match &inject.trigger {
            Trigger::Turn(t) => {
                self.turn(*t, s.turns, &path, &format!("{context} fires at"));
                None
            }
            Trigger::When(condition) => Some(condition),
        };
        // Conditions nest through `AfterTurn`; walk them in a loop.
        while let Some(c) = condition.take() {
            match c {
                Condition::RoleArrested(_) => {}
                Condition::ActorArrested(actor) => {
                    path.push(I(0));
                    self.reference(known, &known.actors, actor, &path, &context);
                }
                Condition::CapabilityBelow(p) => {
                    if *p > 100 {
                        path.push(I(0));
                        self.report(
                            &path,
                            None,
                            format!("`CapabilityBelow({p})` in {context} is over 100 percent"),
                            Some(
                                "capability is a percentage of the network's start, 0 to 100"
                                    .into(),
                            ),
                        );
                    }
                }
                Condition::MetricAtLeast(metric, _) => {
                    path.push(I(0));
                    self.metric(metric, &path, &context);
                }
                Condition::AfterTurn(t, inner) => {
                    let mut at = path.clone();
                    at.push(I(0));
                    self.turn(
                        *t,
                        s.turns,
                        &at,
                        &format!("the condition of {context} waits for"),
                    );
                    path.push(I(1));
                    condition = Some(inner);
                }
            }
        }
        for (j, effect) in inject.effects.iter().enumerate() {
            let at = |field: Seg<'static>| vec![F("injects"), I(i), F("effects"), I(j), field];
            match effect {
                Effect::BoatInDistress(route) => {
                    self.reference(known, &known.routes, route, &at(I(0)), &context);
                }
                Effect::Expose(actor) => {
                    self.reference(known, &known.actors, actor, &at(I(0)), &context);
                }
                Effect::Activate(actor) => {
                    self.reference(known, &known.actors, actor, &at(I(0)), &context);
                    if s.actors.iter().any(|a| a.id == *actor && !a.reserve) {
                        self.report(
                            &at(I(0)),
                            Some(actor),
                            format!("{context} activates `{actor}`, who is not a reserve member"),
                            Some(format!(
                                "only a dormant member can be activated: give `{actor}` `reserve: true`, or name a reserve member"
                            )),
                        );
                    }
                }
                Effect::CloseRoute { route, .. }
                | Effect::Deaths { route, .. }
                | Effect::RoutePressure { route, .. } => {
                    self.reference(known, &known.routes, route, &at(F("route")), &context);
                }
                Effect::RevealGroup(route) | Effect::ReportVictims(route) => {
                    self.reference(known, &known.routes, route, &at(I(0)), &context);
                }
                Effect::ChangeLaw { country, change } => {
                    self.reference(
                        known,
                        &known.countries,
                        country,
                        &at(F("country")),
                        &context,
                    );
                    if let LawChange::Corruption(v) = change {
                        self.percent(*v, &at(F("change")), "Corruption", &context);
                    }
                }
                Effect::ChangeFlag { vessel, flag } => {
                    self.reference(known, &known.places, vessel, &at(F("vessel")), &context);
                    if let Some(place) = s.places.iter().find(|p| p.id == *vessel)
                        && place.kind != PlaceKind::Vessel
                    {
                        self.report(
                            &at(F("vessel")),
                            Some(vessel),
                            format!(
                                "{context} changes the flag of `{vessel}`, which is a {}, not a vessel",
                                place.kind.label()
                            ),
                            Some("name a place of `kind: Vessel`".into()),
                        );
                    }
                    if let Some(country) = flag {
                        self.reference(known, &known.countries, country, &at(F("flag")), &context);
                    }
                }
                Effect::Weather { .. } => {}
            }
        }
    }
}
