//! Semantic checks on a scenario or catalogue that parsed: every id unique,
//! every reference resolved, every percentage a percentage, every turn inside
//! the exercise, every route a chain that ends in a destination country.
//!
//! Every problem is collected, not just the first, and each points at the
//! offending value in the source with a hint (often the id that was meant).

use std::collections::{BTreeMap, BTreeSet};

use super::catalog::Catalog;
use super::diagnostic::Diagnostic;
use super::indicator::Indicator;
use super::limits::{MAX_ID, is_id};
use super::load::default_catalog;
use super::metric::Metric;
use super::model::{
    Condition, CountryRole, Criterion, Effect, LawChange, Mode, POLICY_NAMES, PlaceKind, Role,
    Scenario, Trigger, VesselFlag,
};
use super::source_index::{Pos, Seg, SourceIndex};
use super::suggest::nearest;

use crate::scenario::index::RouteIx;
use Seg::{Field as F, Index as I};

mod injects;
mod routes;

/// Every semantic problem in a parsed scenario, in source order.
pub fn validate_scenario(file: &str, text: &str, scenario: &Scenario) -> Vec<Diagnostic> {
    let mut v = Validator::new(file, text);
    let known = Known::collect(&mut v, scenario);
    v.scenario(scenario, &known);
    v.finish()
}

/// Every semantic problem in a parsed action catalogue, in source order.
pub fn validate_catalog(file: &str, text: &str, catalog: &Catalog) -> Vec<Diagnostic> {
    let mut v = Validator::new(file, text);
    let mut first: BTreeMap<_, usize> = BTreeMap::new();
    for (i, action) in catalog.actions.iter().enumerate() {
        let path = [F("actions"), I(i)];
        let kind = format!("{:?}", action.kind);
        if let Some(&j) = first.get(&action.kind) {
            let here = [F("actions"), I(j), F("kind")];
            let at = v.pos(&here, None);
            v.report(
                &[F("actions"), I(i), F("kind")],
                None,
                format!("action `{kind}` is defined twice"),
                Some(format!(
                    "`{kind}` is first defined at {}:{}; keep one definition",
                    at.line, at.col
                )),
            );
        } else {
            first.insert(action.kind, i);
        }
        let owner = format!("action `{kind}`");
        v.percent(action.success, &path, "success", &owner);
        v.percent(action.tip_off, &path, "tip_off", &owner);
        v.catalog_limits(action, &path, &owner);
        if action.agencies.is_empty() {
            v.report(
                &[F("actions"), I(i), F("agencies")],
                None,
                format!("action `{kind}` has no agencies, so no team could order it"),
                Some("list the agencies that may order it, e.g. `agencies: [Police]`".into()),
            );
        }
        for (j, agency) in action.agencies.iter().enumerate() {
            if catalog.agency(agency).is_none() {
                v.report(
                    &[F("actions"), I(i), F("agencies"), I(j)],
                    Some(agency.as_str()),
                    format!("action `{kind}` names agency kind `{agency}`, which the catalogue does not define"),
                    Some("define it under `agencies`, or correct the name".into()),
                );
            }
        }
    }
    let mut kinds = BTreeSet::new();
    for (i, def) in catalog.agencies.iter().enumerate() {
        if !kinds.insert(&def.id) {
            v.report(
                &[F("agencies"), I(i), F("id")],
                Some(def.id.as_str()),
                format!("agency kind `{}` is defined twice", def.id),
                Some("keep one definition of each kind".into()),
            );
        }
    }
    v.finish()
}

/// Collects diagnostics, locating each in the source through an index that
/// is only built once the first problem turns up: valid files cost nothing.
pub(super) struct Validator<'t> {
    file: &'t str,
    text: &'t str,
    index: Option<SourceIndex>,
    out: Vec<Diagnostic>,
    /// Id comparisons left for "did you mean": a generated scenario with
    /// thousands of broken references must not spend minutes on typo hints.
    suggestion_budget: usize,
}

/// Enough for every hint in any hand-written scenario.
const SUGGESTION_BUDGET: usize = 2_000_000;

impl<'t> Validator<'t> {
    fn new(file: &'t str, text: &'t str) -> Self {
        Validator {
            file,
            text,
            index: None,
            out: Vec::new(),
            suggestion_budget: SUGGESTION_BUDGET,
        }
    }

    fn pos(&mut self, path: &[Seg], value: Option<&str>) -> Pos {
        self.index
            .get_or_insert_with(|| SourceIndex::new(self.text))
            .locate_near(path, value)
    }

    pub(super) fn report(
        &mut self,
        path: &[Seg],
        value: Option<&str>,
        message: String,
        help: Option<String>,
    ) {
        let at = self.pos(path, value);
        self.out
            .push(Diagnostic::new(self.file, at.line, at.col, message).with_help_opt(help));
    }

    fn finish(mut self) -> Vec<Diagnostic> {
        // Source order reads best; the sort is stable, so problems at the
        // same spot keep the order they were found in.
        self.out.sort_by_key(|d| (d.line, d.col));
        self.out
    }

    /// A value that must be a percentage.
    fn percent(&mut self, value: u32, record: &[Seg], field: &'static str, owner: &str) {
        if value > 100 {
            let mut path = record.to_vec();
            path.push(F(field));
            self.report(
                &path,
                None,
                format!("`{field}` of {owner} is {value}, over 100 percent"),
                Some("percentages run from 0 to 100".into()),
            );
        }
    }

    /// A turn that must fall inside the exercise; `subject` reads like
    /// "inject `storm` fires at".
    fn turn(&mut self, t: u32, turns: u32, path: &[Seg], subject: &str) {
        if turns == 0 {
            // `turns: 0` is reported on its own; every turn would be out of range.
            return;
        }
        let message = if t == 0 {
            format!("{subject} turn 0, but turns count from 1")
        } else if t > turns {
            format!("{subject} turn {t}, after the last turn ({turns})")
        } else {
            return;
        };
        self.report(
            path,
            None,
            message,
            Some(format!("use a turn from 1 to {turns}, or raise `turns`")),
        );
    }

    /// A reference that must name an id of `ids`' kind.
    fn reference(&mut self, known: &Known, ids: &Ids, value: &str, path: &[Seg], context: &str) {
        if ids.contains(value) {
            return;
        }
        let near = match self.suggestion_budget.checked_sub(ids.order.len()) {
            Some(left) => {
                self.suggestion_budget = left;
                nearest(value, ids.order.iter().copied())
            }
            None => None,
        };
        let help = if let Some(near) = near {
            Some(format!("did you mean `{near}`?"))
        } else if let Some(other) = known.kind_of(value) {
            Some(format!("`{value}` is {}, not {}", a(other), a(ids.kind)))
        } else if ids.order.is_empty() {
            Some(format!("the scenario has no {}; add some", ids.plural))
        } else if ids.order.len() <= 12 {
            Some(format!(
                "the {} are: {}",
                ids.plural,
                backticked(&ids.order)
            ))
        } else {
            None
        };
        self.report(
            path,
            Some(value),
            format!("unknown {} `{value}` in {context}", ids.kind),
            help,
        );
    }

    fn metric(&mut self, name: &str, path: &[Seg], context: &str) {
        if Metric::from_key(name).is_some() {
            return;
        }
        let keys: Vec<&str> = Metric::ALL.iter().map(|m| m.key()).collect();
        let help = match nearest(name, keys.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("the metrics are: {}", backticked(&keys)),
        };
        self.report(
            path,
            Some(name),
            format!("unknown metric `{name}` in {context}"),
            Some(help),
        );
    }

    fn scenario(&mut self, s: &Scenario, known: &Known) {
        self.limits(s);
        self.agency_defs(s);
        self.indicators(s);
        if !is_id(&s.id) {
            self.report(
                &[F("id")],
                None,
                format!("scenario id `{}` is not an id", s.id.escape_debug()),
                Some(format!(
                    "the id names journals and reports: lower-case ASCII letters, digits and single underscores, starting with a letter, at most {MAX_ID} bytes, e.g. `{}`",
                    suggest_id(&s.id, "scenario")
                )),
            );
        }
        if s.teams.is_empty() {
            self.report(
                &[F("teams")],
                None,
                "`teams` is empty; no one could play, and a server would wait for ever".into(),
                Some("add at least one `Team(...)`".into()),
            );
        }
        if s.turns == 0 {
            self.report(
                &[F("turns")],
                None,
                "`turns` is 0; the exercise would never start".into(),
                Some(
                    "give the number of turns, e.g. `turns: 52` for a year of weekly turns".into(),
                ),
            );
        }
        if !is_date(&s.start_date) {
            self.report(
                &[F("start_date")],
                None,
                format!("`start_date` `{}` is not a valid date", s.start_date),
                Some("write it as YYYY-MM-DD, e.g. `start_date: \"2025-03-03\"`".into()),
            );
        }

        for (i, country) in s.countries.iter().enumerate() {
            let owner = format!("country `{}`", country.id);
            self.percent(
                country.law.corruption,
                &[F("countries"), I(i), F("law")],
                "corruption",
                &owner,
            );
            self.percent(
                country.law.corruption_drop,
                &[F("countries"), I(i), F("law")],
                "corruption_drop",
                &owner,
            );
            if country
                .law
                .screening_indicators
                .as_ref()
                .is_some_and(Vec::is_empty)
            {
                self.report(
                    &[F("countries"), I(i), F("law"), F("screening_indicators")],
                    None,
                    format!(
                        "{owner}: `screening_indicators` is empty: its screening could never recognise a victim"
                    ),
                    Some(
                        "list the indicators its screening looks for, or leave the field out for the ILO indicators and age".into(),
                    ),
                );
            }
        }

        for (i, team) in s.teams.iter().enumerate() {
            let context = format!("team `{}`", team.id);
            let record = [F("teams"), I(i)];
            self.reference(
                known,
                &known.countries,
                &team.country,
                &[F("teams"), I(i), F("country")],
                &context,
            );
            if team.capacity == 0 {
                self.report(
                    &[F("teams"), I(i), F("capacity")],
                    None,
                    format!("team `{}` has capacity 0, so it could never act", team.id),
                    Some("give it at least 1 capacity point per turn".into()),
                );
            }
            self.team_actions(s, i);
            for (j, lead) in team.leads.iter().enumerate() {
                let path = [record[0], record[1], F("leads"), I(j)];
                self.reference(
                    known,
                    &known.actors,
                    lead,
                    &path,
                    &format!("the leads of team `{}`", team.id),
                );
            }
        }

        for (i, channel) in s.channels.iter().enumerate() {
            self.reference(
                known,
                &known.teams,
                &channel.a,
                &[F("channels"), I(i), F("a")],
                "channel",
            );
            self.reference(
                known,
                &known.teams,
                &channel.b,
                &[F("channels"), I(i), F("b")],
                "channel",
            );
            if channel.a == channel.b {
                self.report(
                    &[F("channels"), I(i), F("b")],
                    None,
                    format!("channel from team `{}` to itself", channel.a),
                    Some("a channel joins two different teams".into()),
                );
            } else {
                self.channel_across_borders(s, i);
            }
        }

        for (i, place) in s.places.iter().enumerate() {
            if place.country.is_none()
                && !matches!(place.kind, PlaceKind::SeaZone | PlaceKind::Vessel)
            {
                self.report(
                    &[F("places"), I(i), F("id")],
                    Some(&place.id),
                    format!(
                        "place `{}` is in no country, but only international waters may be",
                        place.id
                    ),
                    Some(
                        "give it `country: Some(\"...\")`, or make it `kind: SeaZone` if it is open sea"
                            .into(),
                    ),
                );
            }
            if let Some(country) = &place.country {
                let context = format!("place `{}`", place.id);
                self.reference(
                    known,
                    &known.countries,
                    country,
                    &[F("places"), I(i), F("country")],
                    &context,
                );
            }
            self.calls_at(s, known, i);
        }

        for i in RouteIx::all(s.routes.len()) {
            self.route(s, known, i.index());
        }

        for (i, actor) in s.actors.iter().enumerate() {
            let context = format!("actor `{}`", actor.id);
            let record = [F("actors"), I(i)];
            self.reference(
                known,
                &known.countries,
                &actor.country,
                &[F("actors"), I(i), F("country")],
                &context,
            );
            if let Some(nationality) = &actor.nationality {
                self.reference(
                    known,
                    &known.countries,
                    nationality,
                    &[F("actors"), I(i), F("nationality")],
                    &context,
                );
            }
            if let Some(place) = &actor.place {
                self.reference(
                    known,
                    &known.places,
                    place,
                    &[F("actors"), I(i), F("place")],
                    &context,
                );
                self.actor_in_country(s, i);
            }
            if let Some(route) = &actor.route {
                self.reference(
                    known,
                    &known.routes,
                    route,
                    &[F("actors"), I(i), F("route")],
                    &context,
                );
            }
            self.percent(actor.caution, &record, "caution", &context);
            self.percent(actor.loyalty, &record, "loyalty", &context);
            self.percent(actor.skill, &record, "skill", &context);
            if actor.licensed && actor.role != Role::Company {
                self.report(
                    &[F("actors"), I(i), F("licensed")],
                    None,
                    format!(
                        "{context} is licensed, but only a company holds a licence to recruit (its role is {})",
                        actor.role.label()
                    ),
                    Some("make it `role: Company` (a recruitment agency), or drop `licensed`".into()),
                );
            }
        }

        let mut pairs: BTreeMap<(&str, &str), usize> = BTreeMap::new();
        for (i, tie) in s.ties.iter().enumerate() {
            let pair = if tie.a <= tie.b {
                (tie.a.as_str(), tie.b.as_str())
            } else {
                (tie.b.as_str(), tie.a.as_str())
            };
            if let Some(&j) = pairs.get(&pair) {
                let first = self.pos(&[F("ties"), I(j)], None);
                self.report(
                    &[F("ties"), I(i), F("a")],
                    None,
                    format!("second tie between `{}` and `{}`", pair.0, pair.1),
                    Some(format!(
                        "the first is at {}:{}; two members have at most one tie: keep one",
                        first.line, first.col
                    )),
                );
            } else if tie.a != tie.b {
                pairs.insert(pair, i);
            }
            self.reference(
                known,
                &known.actors,
                &tie.a,
                &[F("ties"), I(i), F("a")],
                "tie",
            );
            self.reference(
                known,
                &known.actors,
                &tie.b,
                &[F("ties"), I(i), F("b")],
                "tie",
            );
            if tie.a == tie.b {
                self.report(
                    &[F("ties"), I(i), F("b")],
                    None,
                    format!("tie from actor `{}` to itself", tie.a),
                    Some("a tie joins two different actors".into()),
                );
            }
            self.percent(tie.strength, &[F("ties"), I(i)], "strength", "tie");
        }

        for (i, asset) in s.assets.iter().enumerate() {
            let context = format!("asset `{}`", asset.id);
            self.reference(
                known,
                &known.actors,
                &asset.owner,
                &[F("assets"), I(i), F("owner")],
                &context,
            );
        }

        for (i, group) in s.migrant_groups.iter().enumerate() {
            let context = format!("migrant group `{}`", group.id);
            let record = [F("migrant_groups"), I(i)];
            self.reference(
                known,
                &known.routes,
                &group.route,
                &[F("migrant_groups"), I(i), F("route")],
                &context,
            );
            self.percent(group.vulnerability, &record, "vulnerability", &context);
            self.turn(
                group.depart_turn,
                s.turns,
                &[F("migrant_groups"), I(i), F("depart_turn")],
                &format!("{context} departs at"),
            );
        }

        for (i, recruitment) in s.recruitment.iter().enumerate() {
            let record = [F("recruitment"), I(i)];
            self.reference(
                known,
                &known.routes,
                &recruitment.route,
                &[F("recruitment"), I(i), F("route")],
                "recruitment",
            );
            self.percent(
                recruitment.vulnerability,
                &record,
                "vulnerability",
                "recruitment",
            );
            self.percent(
                recruitment.trafficking_share,
                &record,
                "trafficking_share",
                "recruitment",
            );
            if recruitment.every == 0 {
                self.report(
                    &[F("recruitment"), I(i), F("every")],
                    None,
                    "recruitment `every` is 0; a group could never set off".into(),
                    Some("a new group sets off every `every` turns; use 1 or more".into()),
                );
            }
        }

        for i in 0..s.injects.len() {
            self.inject(s, known, i);
        }

        for (i, objective) in s.objectives.iter().enumerate() {
            let context = format!("objective `{}`", objective.id);
            let (Criterion::MetricAtLeast {
                metric, by_turn, ..
            }
            | Criterion::MetricAtMost {
                metric, by_turn, ..
            }) = &objective.criterion;
            self.metric(
                metric,
                &[F("objectives"), I(i), F("criterion"), F("metric")],
                &context,
            );
            self.turn(
                *by_turn,
                s.turns,
                &[F("objectives"), I(i), F("criterion"), F("by_turn")],
                &format!("{context} is judged at"),
            );
        }

        let mut ruled = BTreeMap::new();
        for (i, rule) in s.action_rules.iter().enumerate() {
            let path = [F("action_rules"), I(i), F("action")];
            if let Some(&j) = ruled.get(&rule.action) {
                let first = self.pos(&[F("action_rules"), I(j), F("action")], None);
                self.report(
                    &path,
                    None,
                    format!("second rule for action `{:?}`", rule.action),
                    Some(format!(
                        "the first is at {}:{}; merge them into one rule",
                        first.line, first.col
                    )),
                );
            } else {
                ruled.insert(rule.action, i);
            }
        }
        self.lessons(s);
    }

    /// Each lesson names two different policies that exist, a metric that
    /// exists, and an id of its own.
    fn lessons(&mut self, s: &Scenario) {
        let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, lesson) in s.lessons.iter().enumerate() {
            let context = format!("lesson `{}`", lesson.id);
            if let Some(&j) = ids.get(lesson.id.as_str()) {
                let first = self.pos(&[F("lessons"), I(j), F("id")], None);
                self.report(
                    &[F("lessons"), I(i), F("id")],
                    None,
                    format!("lesson id `{}` is used twice", lesson.id),
                    Some(format!(
                        "the first is at {}:{}; give each lesson its own id",
                        first.line, first.col
                    )),
                );
            } else {
                ids.insert(&lesson.id, i);
            }
            for (field, name) in [("policy", &lesson.policy), ("than", &lesson.than)] {
                self.policy(name, &[F("lessons"), I(i), F(field)], &context);
            }
            if lesson.policy == lesson.than {
                self.report(
                    &[F("lessons"), I(i), F("than")],
                    Some(&lesson.than),
                    format!("{context} compares `{}` with itself", lesson.policy),
                    Some("a lesson compares two different policies".into()),
                );
            }
            self.metric(&lesson.metric, &[F("lessons"), I(i), F("metric")], &context);
        }
    }

    /// A bot policy's name, as the command line spells it.
    fn policy(&mut self, name: &str, path: &[Seg], context: &str) {
        if POLICY_NAMES.contains(&name) {
            return;
        }
        let help = match nearest(name, POLICY_NAMES.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("the policies are: {}", backticked(&POLICY_NAMES)),
        };
        self.report(
            path,
            Some(name),
            format!("unknown policy `{name}` in {context}"),
            Some(help),
        );
    }

    /// A team's agency is a kind the catalogue or the scenario defines, and
    /// its `actions` list narrows what that kind may take; it never widens it.
    fn team_actions(&mut self, s: &Scenario, i: usize) {
        let Some(team) = s.teams.get(i) else { return };
        let catalog = super::load::resolve_catalog(&default_catalog(), s);
        if catalog.agency(&team.agency).is_none() {
            let kinds: Vec<&str> = catalog.agencies.iter().map(|a| a.id.as_str()).collect();
            let help = match nearest(team.agency.as_str(), kinds.iter().copied()) {
                Some(near) => format!(
                    "did you mean `{near}`? Or define `{}` under `agencies`",
                    team.agency
                ),
                None => format!(
                    "the kinds are {}, and those the scenario defines under `agencies`",
                    backticked(&kinds)
                ),
            };
            self.report(
                &[F("teams"), I(i), F("agency")],
                Some(team.agency.as_str()),
                format!(
                    "team `{}` is of unknown agency kind `{}`",
                    team.id, team.agency
                ),
                Some(help),
            );
            return;
        }
        let open = catalog.actions_of(&team.agency);
        for (j, kind) in team.actions.iter().enumerate() {
            let path = [F("teams"), I(i), F("actions"), I(j)];
            let disabled = s
                .action_rules
                .iter()
                .any(|r| r.action == *kind && r.disabled);
            let (message, help) = if disabled {
                (
                    format!(
                        "team `{}` lists `{kind:?}`, which this scenario disables",
                        team.id
                    ),
                    "remove it from the list, or drop `disabled: true` from its action rule"
                        .to_string(),
                )
            } else if !open.contains(kind) {
                let open_to = catalog
                    .agencies
                    .iter()
                    .filter(|a| catalog.actions_of(&a.id).contains(kind))
                    .map(|a| format!("`{}`", a.id))
                    .collect::<Vec<_>>()
                    .join(", ");
                (
                    format!(
                        "team `{}` lists `{kind:?}`, which a `{}` team may not take",
                        team.id, team.agency
                    ),
                    format!(
                        "an `actions` list only narrows what the agency may do; `{kind:?}` is for {open_to}"
                    ),
                )
            } else {
                continue;
            };
            self.report(&path, None, message, Some(help));
        }
    }

    /// Only a vessel puts into ports, and what it puts into is a port.
    fn calls_at(&mut self, s: &Scenario, known: &Known, i: usize) {
        let Some(place) = s.places.get(i) else { return };
        let context = format!("place `{}`", place.id);
        if !place.calls_at.is_empty() && place.kind != PlaceKind::Vessel {
            self.report(
                &[F("places"), I(i), F("calls_at")],
                None,
                format!(
                    "{context} is a {}, not a vessel: only a vessel puts into ports",
                    place.kind.label()
                ),
                Some("drop `calls_at`, or make it `kind: Vessel`".into()),
            );
        }
        for (j, port) in place.calls_at.iter().enumerate() {
            let path = [F("places"), I(i), F("calls_at"), I(j)];
            self.reference(known, &known.places, port, &path, &context);
            if let Some(p) = s.places.iter().find(|p| &p.id == port)
                && p.kind != PlaceKind::Port
            {
                self.report(
                    &path,
                    Some(port),
                    format!(
                        "{context} puts into `{port}`, a {}, not a port",
                        p.kind.label()
                    ),
                    Some("list the ports it calls at: places of `kind: Port`".into()),
                );
            }
        }
    }

    /// The indicators a scenario defines: each once, not a built-in one's
    /// name, with words; and every indicator the scenario names is built in
    /// or defined.
    fn indicators(&mut self, s: &Scenario) {
        let mut seen = BTreeSet::new();
        for (i, def) in s.indicators.iter().enumerate() {
            let at = [F("indicators"), I(i), F("id")];
            if !def.id.is_free_name() {
                self.report(
                    &at,
                    None,
                    format!(
                        "indicator `{}` is not a name that can be written bare",
                        def.id
                    ),
                    Some(
                        "a letter, then letters, digits and underscores, e.g. `RecruitmentFees`"
                            .into(),
                    ),
                );
            } else if def.id.is_built_in() {
                self.report(
                    &at,
                    Some(def.id.as_str()),
                    format!("indicator `{}` is built in", def.id),
                    Some(format!(
                        "use it as it is, or give yours another name (built in: {})",
                        built_in_indicators()
                    )),
                );
            } else if !seen.insert(&def.id) {
                self.report(
                    &at,
                    Some(def.id.as_str()),
                    format!("indicator `{}` is defined twice", def.id),
                    Some("keep one definition of each indicator".into()),
                );
            }
            if def.label.trim().is_empty() {
                self.report(
                    &[F("indicators"), I(i), F("label")],
                    None,
                    format!("indicator `{}` has an empty `label`", def.id),
                    Some("say the sign in screening language, as players read it: \"charged recruitment fees\"".into()),
                );
            }
        }
        let mut named: Vec<(Vec<Seg>, &Indicator)> = Vec::new();
        for (i, c) in s.countries.iter().enumerate() {
            for (j, x) in c.law.screening_indicators.iter().flatten().enumerate() {
                named.push((
                    vec![
                        F("countries"),
                        I(i),
                        F("law"),
                        F("screening_indicators"),
                        I(j),
                    ],
                    x,
                ));
            }
        }
        for (i, g) in s.migrant_groups.iter().enumerate() {
            for (j, x) in g.indicators.iter().enumerate() {
                named.push((vec![F("migrant_groups"), I(i), F("indicators"), I(j)], x));
            }
        }
        for (i, r) in s.recruitment.iter().enumerate() {
            for (j, x) in r.indicators.iter().enumerate() {
                named.push((vec![F("recruitment"), I(i), F("indicators"), I(j)], x));
            }
        }
        for (path, x) in named {
            if x.is_built_in() || s.indicators.iter().any(|d| &d.id == x) {
                continue;
            }
            let known = Indicator::built_in()
                .iter()
                .map(|(i, _)| i.as_str())
                .chain(s.indicators.iter().map(|d| d.id.as_str()));
            let help = match nearest(x.as_str(), known) {
                Some(near) => format!("did you mean `{near}`? Or define `{x}` under `indicators`"),
                None => format!(
                    "define it under `indicators`; built in: {}",
                    built_in_indicators()
                ),
            };
            self.report(
                &path,
                Some(x.as_str()),
                format!("unknown indicator `{x}`"),
                Some(help),
            );
        }
    }

    /// The kinds of agency a scenario defines: each once, named, with
    /// something it may order.
    fn agency_defs(&mut self, s: &Scenario) {
        let catalog = super::load::resolve_catalog(&default_catalog(), s);
        let mut seen = BTreeSet::new();
        for (i, def) in s.agencies.iter().enumerate() {
            let path = [F("agencies"), I(i)];
            if !def.id.is_free_name() {
                self.report(
                    &[F("agencies"), I(i), F("id")],
                    None,
                    format!(
                        "agency kind `{}` is not a name that can be written bare",
                        def.id
                    ),
                    Some(
                        "a letter, then letters, digits and underscores, e.g. `BorderGuard`".into(),
                    ),
                );
            }
            if !seen.insert(&def.id) {
                self.report(
                    &[F("agencies"), I(i), F("id")],
                    Some(def.id.as_str()),
                    format!("agency kind `{}` is defined twice", def.id),
                    Some("keep one definition of each kind".into()),
                );
            }
            if def.name.trim().is_empty() {
                self.report(
                    &[F("agencies"), I(i), F("name")],
                    None,
                    format!("agency kind `{}` has an empty `name`", def.id),
                    Some(
                        "name the kind in plain words, as a report would: \"border guard\"".into(),
                    ),
                );
            }
            if catalog.actions_of(&def.id).is_empty() {
                self.report(
                    &path,
                    None,
                    format!("agency kind `{}` may order no action", def.id),
                    Some("list what it may order in `actions`, e.g. `actions: [Analysis, Interdiction]`".into()),
                );
            }
        }
    }

    /// A standing channel joins teams of two countries: at home they always talk.
    fn channel_across_borders(&mut self, s: &Scenario, i: usize) {
        let Some(channel) = s.channels.get(i) else {
            return;
        };
        let country = |id: &str| s.teams.iter().find(|t| t.id == id).map(|t| &t.country);
        if let (Some(a), Some(b)) = (country(&channel.a), country(&channel.b))
            && a == b
        {
            self.report(
                &[F("channels"), I(i), F("b")],
                None,
                format!(
                    "channel between `{}` and `{}`, both of country `{a}`",
                    channel.a, channel.b
                ),
                Some(
                    "agencies of one country always talk to each other; a channel is for teams of two countries"
                        .into(),
                ),
            );
        }
    }

    /// An actor's place lies in the actor's country.
    fn actor_in_country(&mut self, s: &Scenario, i: usize) {
        let Some(actor) = s.actors.get(i) else { return };
        let Some(place) = actor
            .place
            .as_ref()
            .and_then(|p| s.places.iter().find(|x| x.id == *p))
        else {
            return;
        };
        if place.country.as_deref() == Some(actor.country.as_str()) {
            return;
        }
        // A misspelt country is reported where it is written, once.
        let known = |c: &str| s.countries.iter().any(|x| x.id == c);
        if !known(&actor.country) || place.country.as_deref().is_some_and(|c| !known(c)) {
            return;
        }
        let where_ = match &place.country {
            Some(c) => format!("in country `{c}`"),
            None => "in no country".to_string(),
        };
        self.report(
            &[F("actors"), I(i), F("place")],
            Some(&place.id),
            format!(
                "actor `{}` of country `{}` is placed at `{}`, {where_}",
                actor.id, actor.country, place.id
            ),
            Some(format!(
                "a member's place must be in their `country`: choose a place in `{}`, or change `country`",
                actor.country
            )),
        );
    }
}

/// The ids of one kind, in declaration order, for lookups and suggestions.
struct Ids<'s> {
    kind: &'static str,
    plural: &'static str,
    set: BTreeSet<&'s str>,
    order: Vec<&'s str>,
}

impl<'s> Ids<'s> {
    /// Collects the ids under `field` and reports every second occurrence.
    fn collect(
        v: &mut Validator,
        field: &'static str,
        kind: &'static str,
        plural: &'static str,
        ids: impl Iterator<Item = &'s str>,
    ) -> Self {
        let mut first: BTreeMap<&str, usize> = BTreeMap::new();
        let mut order = Vec::new();
        for (i, id) in ids.enumerate() {
            if !is_id(id) {
                v.report(
                    &[F(field), I(i), F("id")],
                    Some(id),
                    format!("{kind} id `{}` is not an id", id.escape_debug()),
                    Some(format!(
                        "ids are lower-case ASCII letters, digits and single underscores, start with a letter and are at most {MAX_ID} bytes, e.g. `{}`",
                        suggest_id(id, kind)
                    )),
                );
            }
            if let Some(&j) = first.get(id) {
                let at = v.pos(&[F(field), I(j), F("id")], Some(id));
                v.report(
                    &[F(field), I(i), F("id")],
                    Some(id),
                    format!("duplicate {kind} id `{id}`"),
                    Some(format!(
                        "`{id}` is first defined at {}:{}; give each of the {plural} its own id",
                        at.line, at.col
                    )),
                );
            } else {
                first.insert(id, i);
                order.push(id);
            }
        }
        Ids {
            kind,
            plural,
            set: first.into_keys().collect(),
            order,
        }
    }

    fn contains(&self, id: &str) -> bool {
        self.set.contains(id)
    }
}

/// Every id a scenario defines, by kind.
struct Known<'s> {
    countries: Ids<'s>,
    teams: Ids<'s>,
    places: Ids<'s>,
    routes: Ids<'s>,
    actors: Ids<'s>,
    assets: Ids<'s>,
    groups: Ids<'s>,
    injects: Ids<'s>,
    objectives: Ids<'s>,
}

impl<'s> Known<'s> {
    fn collect(v: &mut Validator, s: &'s Scenario) -> Self {
        Known {
            objectives: Ids::collect(
                v,
                "objectives",
                "objective",
                "objectives",
                s.objectives.iter().map(|x| x.id.as_str()),
            ),
            countries: Ids::collect(
                v,
                "countries",
                "country",
                "countries",
                s.countries.iter().map(|x| x.id.as_str()),
            ),
            teams: Ids::collect(
                v,
                "teams",
                "team",
                "teams",
                s.teams.iter().map(|x| x.id.as_str()),
            ),
            places: Ids::collect(
                v,
                "places",
                "place",
                "places",
                s.places.iter().map(|x| x.id.as_str()),
            ),
            routes: Ids::collect(
                v,
                "routes",
                "route",
                "routes",
                s.routes.iter().map(|x| x.id.as_str()),
            ),
            actors: Ids::collect(
                v,
                "actors",
                "actor",
                "actors",
                s.actors.iter().map(|x| x.id.as_str()),
            ),
            assets: Ids::collect(
                v,
                "assets",
                "asset",
                "assets",
                s.assets.iter().map(|x| x.id.as_str()),
            ),
            groups: Ids::collect(
                v,
                "migrant_groups",
                "migrant group",
                "migrant groups",
                s.migrant_groups.iter().map(|x| x.id.as_str()),
            ),
            injects: Ids::collect(
                v,
                "injects",
                "inject",
                "injects",
                s.injects.iter().map(|x| x.id.as_str()),
            ),
        }
    }

    /// What kind of thing `id` is, for "`x` is a place, not an actor".
    fn kind_of(&self, id: &str) -> Option<&'static str> {
        [
            &self.countries,
            &self.teams,
            &self.places,
            &self.routes,
            &self.actors,
            &self.assets,
            &self.groups,
            &self.injects,
            &self.objectives,
        ]
        .into_iter()
        .find(|ids| ids.contains(id))
        .map(|ids| ids.kind)
    }
}

/// A valid id close to `raw`, for the help line.
fn suggest_id(raw: &str, kind: &str) -> String {
    let mut out = String::new();
    for c in raw.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    let mut out = out.trim_end_matches('_').to_string();
    if !out.starts_with(|c: char| c.is_ascii_lowercase()) {
        out.insert_str(0, &format!("{}_", kind.replace(' ', "_")));
    }
    out.truncate(MAX_ID);
    let out = out.trim_end_matches('_').to_string();
    if is_id(&out) {
        out
    } else {
        format!("{}_1", kind.replace(' ', "_"))
    }
}

/// "an actor", "a place".
fn a(noun: &str) -> String {
    let article = if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {noun}")
}

fn role_name(role: CountryRole) -> &'static str {
    match role {
        CountryRole::Origin => "origin",
        CountryRole::Transit => "transit",
        CountryRole::Destination => "destination",
    }
}

/// The built-in indicators, for a help line.
fn built_in_indicators() -> String {
    let names: Vec<&str> = Indicator::built_in()
        .iter()
        .map(|(i, _)| i.as_str())
        .collect();
    backticked(&names)
}

fn backticked(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether `date` is a real calendar date written `YYYY-MM-DD`.
fn is_date(date: &str) -> bool {
    let bytes = date.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        bytes
            .get(r)
            .filter(|b| b.iter().all(u8::is_ascii_digit))
            .map(|b| b.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0')))
    };
    if bytes.len() != 10 || bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
        return false;
    }
    let (Some(year), Some(month), Some(day)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return false;
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

#[cfg(test)]
mod tests {
    use super::is_date;

    const MINI: &str = include_str!("../../tests/fixtures/engine/mini.ron");

    fn problems(text: &str) -> Vec<String> {
        match crate::scenario::load_scenario("mini.ron", text) {
            Ok(_) => Vec::new(),
            Err(found) => found.into_iter().map(|d| d.message).collect(),
        }
    }

    #[test]
    fn only_sea_legs_fly_a_flag_and_only_a_countrys() {
        let strait = r#"Leg(from: "t_port", to: "strait", mode: Sea, turns: 1, hazard: 15)"#;
        let road = r#"Leg(from: "o_city", to: "t_port", mode: Land, turns: 1, hazard: 1)"#;
        assert!(MINI.contains(strait) && MINI.contains(road));
        let flagged = |leg: &str, flag: &str| {
            MINI.replacen(leg, &leg.replace(")", &format!(", flag: Some({flag}))")), 1)
        };
        assert!(problems(&flagged(strait, r#"Country("dest")"#)).is_empty());
        assert!(problems(&flagged(strait, "Stateless")).is_empty());
        assert_eq!(
            problems(&flagged(strait, r#"Country("atlantis")"#)),
            vec!["unknown country `atlantis` in route `sea`".to_string()]
        );
        assert_eq!(
            problems(&flagged(road, r#"Country("trans")"#)),
            vec!["route `sea` leg 1 has a flag but is not at sea".to_string()]
        );
    }

    #[test]
    fn a_candidate_route_needs_a_route_in_use_from_its_country() {
        let sea = r#"Route(id: "sea", name: "sea route", price: 3000,"#;
        let land = r#"Route(id: "land", name: "land route", price: 4000,"#;
        assert!(MINI.contains(sea) && MINI.contains(land));
        let reserve =
            |text: &str, route: &str| text.replacen(route, &format!("{route} candidate: true,"), 1);
        assert!(problems(&reserve(MINI, sea)).is_empty());
        assert_eq!(
            problems(&reserve(&reserve(MINI, sea), land)),
            vec![
                "route `sea` is a candidate, but no route in use leaves from its country: the network would never open it".to_string(),
                "route `land` is a candidate, but no route in use leaves from its country: the network would never open it".to_string(),
            ]
        );
    }

    #[test]
    fn a_share_on_credit_is_a_percentage() {
        let sea = r#"Route(id: "sea", name: "sea route", price: 3000,"#;
        let credit = |share: u32| MINI.replacen(sea, &format!("{sea} on_credit: {share},"), 1);
        assert!(problems(&credit(100)).is_empty());
        assert_eq!(
            problems(&credit(140)),
            vec!["`on_credit` of route `sea` is 140, over 100 percent".to_string()]
        );
    }

    #[test]
    fn dates() {
        assert!(is_date("2025-03-03"));
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2025-02-29"));
        assert!(!is_date("1900-02-29"));
        assert!(is_date("2000-02-29"));
        assert!(!is_date("2025-13-01"));
        assert!(!is_date("2025-00-10"));
        assert!(!is_date("2025-1-01"));
        assert!(!is_date("03/03/2025"));
        assert!(!is_date("2025-04-31"));
        assert!(!is_date("２０２５-03-03"));
        assert!(!is_date(""));
    }
}
