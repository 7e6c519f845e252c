//! Routes: legs that join up, reach a destination, and fly only the flags
//! they may; candidate routes the network could open.

use super::*;

impl Validator<'_> {
    pub(super) fn route(&mut self, s: &Scenario, known: &Known, i: usize) {
        let Some(route) = s.routes.get(i) else { return };
        let context = format!("route `{}`", route.id);
        if route.legs.is_empty() {
            self.report(
                &[F("routes"), I(i), F("legs")],
                None,
                format!("route `{}` has no legs", route.id),
                Some("a route needs at least one leg, ending in a destination country".into()),
            );
            return;
        }
        for (j, leg) in route.legs.iter().enumerate() {
            let leg_path = [F("routes"), I(i), F("legs"), I(j)];
            self.reference(
                known,
                &known.places,
                &leg.from,
                &[F("routes"), I(i), F("legs"), I(j), F("from")],
                &context,
            );
            self.reference(
                known,
                &known.places,
                &leg.to,
                &[F("routes"), I(i), F("legs"), I(j), F("to")],
                &context,
            );
            self.percent(
                leg.hazard,
                &leg_path,
                "hazard",
                &format!("{context} leg {}", j + 1),
            );
            match &leg.flag {
                Some(_) if leg.mode != Mode::Sea => self.report(
                    &[F("routes"), I(i), F("legs"), I(j), F("flag")],
                    None,
                    format!("{context} leg {} has a flag but is not at sea", j + 1),
                    Some("only vessels fly flags: give `flag` on sea legs only".into()),
                ),
                Some(VesselFlag::Country(c)) => self.reference(
                    known,
                    &known.countries,
                    c,
                    &[F("routes"), I(i), F("legs"), I(j), F("flag")],
                    &context,
                ),
                _ => {}
            }
        }
        for (j, pair) in route.legs.windows(2).enumerate() {
            let [before, after] = pair else { continue };
            // A typo in either place is already reported with a suggestion;
            // a second error about the same typo would only be noise.
            if before.to == after.from
                || !known.places.contains(&before.to)
                || !known.places.contains(&after.from)
            {
                continue;
            }
            self.report(
                &[F("routes"), I(i), F("legs"), I(j + 1), F("from")],
                None,
                format!(
                    "route `{}` breaks between legs {} and {}: leg {} ends at `{}` but leg {} starts at `{}`",
                    route.id,
                    j + 1,
                    j + 2,
                    j + 1,
                    before.to,
                    j + 2,
                    after.from
                ),
                Some(format!(
                    "start leg {} at `{}`, or add a leg from `{}` to `{}` between them",
                    j + 2,
                    before.to,
                    before.to,
                    after.from
                )),
            );
        }
        self.candidate(s, i);
        self.percent(
            route.on_credit,
            &[F("routes"), I(i)],
            "on_credit",
            &format!("route `{}`", route.id),
        );
        let last = route.legs.len() - 1;
        let Some(end) = route.legs.last().map(|l| l.to.as_str()) else {
            return;
        };
        let Some(place) = s.places.iter().find(|p| p.id == end) else {
            return;
        };
        let destinations: Vec<&str> = s
            .countries
            .iter()
            .filter(|c| c.role == CountryRole::Destination)
            .map(|c| c.id.as_str())
            .collect();
        let ends_in = match &place.country {
            None => "which is in no country".to_string(),
            Some(country) => match s.countries.iter().find(|c| &c.id == country) {
                // An unknown country is reported at the place itself.
                None => return,
                Some(c) if c.role == CountryRole::Destination => return,
                Some(c) => format!("in {} country `{}`", role_name(c.role), c.id),
            },
        };
        let help = if destinations.is_empty() {
            "no country has `role: Destination`; add one and end the route there".to_string()
        } else {
            format!(
                "end the last leg at a place in a destination country ({})",
                backticked(&destinations)
            )
        };
        self.report(
            &[F("routes"), I(i), F("legs"), I(last), F("to")],
            None,
            format!(
                "route `{}` never reaches a destination country: it ends at `{end}`, {ends_in}",
                route.id
            ),
            Some(help),
        );
    }

    /// A candidate route opens only when a route in use from the same
    /// country grows too risky: without one it would never open.
    fn candidate(&mut self, s: &Scenario, i: usize) {
        let Some(route) = s.routes.get(i).filter(|r| r.candidate) else {
            return;
        };
        let origin = |r: &crate::scenario::Route| {
            let first = r.legs.first()?;
            s.places
                .iter()
                .find(|p| p.id == first.from)?
                .country
                .clone()
        };
        let here = origin(route);
        if s.routes.iter().any(|o| !o.candidate && origin(o) == here) {
            return;
        }
        self.report(
            &[F("routes"), I(i), F("candidate")],
            None,
            format!(
                "route `{}` is a candidate, but no route in use leaves from its country: the network would never open it",
                route.id
            ),
            Some("add a route in use from the same country, or drop `candidate: true`".into()),
        );
    }
}
