//! Every shipped scenario, and the example in `docs/SCENARIO.md`, deserialises
//! into the schema and its cross-references hold.
//!
//! A stop-gap that keeps the content honest until the real validator lands:
//! it reports every problem of a file at once, by id, without positions.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use undertow::scenario::{
    Catalog, Condition, CountryRole, Criterion, Effect, PlaceKind, Role, Scenario, Trigger,
};

/// Metric names that conditions and objectives may use.
const METRICS: [&str; 16] = [
    "network_capability",
    "arrested",
    "convicted",
    "organisers_convicted",
    "migrants_moved",
    "lives_lost",
    "victims_identified",
    "disruption_score",
    "protection_score",
    "intel_shared",
    "mla_requests",
    "jits_formed",
    "migrants_criminalised",
    "re_trafficked",
    "assets_seized",
    "victims_protected",
];

/// Scenarios that must ship; any other `scenarios/*.ron` is checked too.
const SHIPPED: [&str; 3] = ["tutorial.ron", "maritime-route.ron", "air-corridor.ron"];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn scenario_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(root().join("scenarios"))
        .expect("scenarios/ exists")
        .map(|entry| entry.expect("readable directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "ron"))
        .collect();
    files.sort();
    files
}

fn parse(label: &str, text: &str) -> Scenario {
    ron::from_str(text).unwrap_or_else(|err| panic!("{label}: {err}"))
}

fn catalog() -> Catalog {
    let text = fs::read_to_string(root().join("assets/actions.ron")).expect("catalogue readable");
    ron::from_str(&text).expect("catalogue parses")
}

/// The first ```ron fenced block of a Markdown text.
fn first_ron_block(markdown: &str) -> Option<&str> {
    let start = markdown.find("```ron\n")? + "```ron\n".len();
    let len = markdown[start..].find("\n```")?;
    Some(&markdown[start..start + len])
}

/// Collects the ids of one kind of thing, noting duplicates and empty ids.
fn ids<'a>(
    kind: &str,
    items: impl IntoIterator<Item = &'a str>,
    problems: &mut Vec<String>,
) -> BTreeSet<&'a str> {
    let mut seen = BTreeSet::new();
    for id in items {
        if id.is_empty()
            || !id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            problems.push(format!("{kind} id `{id}` is not ascii snake_case"));
        }
        if !seen.insert(id) {
            problems.push(format!("duplicate {kind} id `{id}`"));
        }
    }
    seen
}

fn percent(what: String, value: u32, problems: &mut Vec<String>) {
    if value > 100 {
        problems.push(format!("{what} is {value}, above 100"));
    }
}

struct Refs<'a> {
    actors: &'a BTreeSet<&'a str>,
    metric_names: BTreeSet<&'static str>,
}

fn check_condition(cond: &Condition, refs: &Refs, at: &str, problems: &mut Vec<String>) {
    match cond {
        Condition::RoleArrested(_) => {}
        Condition::ActorArrested(actor) => {
            if !refs.actors.contains(actor.as_str()) {
                problems.push(format!("{at}: unknown actor `{actor}`"));
            }
        }
        Condition::CapabilityBelow(pct) => percent(format!("{at}: capability"), *pct, problems),
        Condition::MetricAtLeast(metric, _) => {
            if !refs.metric_names.contains(metric.as_str()) {
                problems.push(format!("{at}: unknown metric `{metric}`"));
            }
        }
        Condition::AfterTurn(_, inner) => check_condition(inner, refs, at, problems),
    }
}

/// Every cross-reference problem of a scenario, as readable lines.
fn problems(s: &Scenario, catalog: &Catalog) -> Vec<String> {
    let mut p = Vec::new();
    let countries = ids("country", s.countries.iter().map(|c| c.id.as_str()), &mut p);
    let teams = ids("team", s.teams.iter().map(|t| t.id.as_str()), &mut p);
    let places = ids("place", s.places.iter().map(|x| x.id.as_str()), &mut p);
    let routes = ids("route", s.routes.iter().map(|r| r.id.as_str()), &mut p);
    let actors = ids("actor", s.actors.iter().map(|a| a.id.as_str()), &mut p);
    ids("asset", s.assets.iter().map(|a| a.id.as_str()), &mut p);
    ids(
        "migrant group",
        s.migrant_groups.iter().map(|g| g.id.as_str()),
        &mut p,
    );
    ids("inject", s.injects.iter().map(|i| i.id.as_str()), &mut p);
    ids(
        "objective",
        s.objectives.iter().map(|o| o.id.as_str()),
        &mut p,
    );

    let country_role: BTreeMap<&str, CountryRole> = s
        .countries
        .iter()
        .map(|c| (c.id.as_str(), c.role))
        .collect();
    let place_country: BTreeMap<&str, Option<&str>> = s
        .places
        .iter()
        .map(|x| (x.id.as_str(), x.country.as_deref()))
        .collect();
    let team_country: BTreeMap<&str, &str> = s
        .teams
        .iter()
        .map(|t| (t.id.as_str(), t.country.as_str()))
        .collect();
    let reserves: BTreeSet<&str> = s
        .actors
        .iter()
        .filter(|a| a.reserve)
        .map(|a| a.id.as_str())
        .collect();
    let turn_ok = |t: u32| (1..=s.turns).contains(&t);

    if s.turns == 0 {
        p.push("the exercise has no turns".into());
    }
    for c in &s.countries {
        percent(
            format!("country `{}` corruption", c.id),
            c.law.corruption,
            &mut p,
        );
    }
    for role in [CountryRole::Origin, CountryRole::Destination] {
        if !s.countries.iter().any(|c| c.role == role) {
            p.push(format!("no country has the role {role:?}"));
        }
    }

    for t in &s.teams {
        if !countries.contains(t.country.as_str()) {
            p.push(format!("team `{}`: unknown country `{}`", t.id, t.country));
        }
        if t.capacity == 0 {
            p.push(format!("team `{}` has no capacity", t.id));
        }
        for lead in &t.leads {
            if !actors.contains(lead.as_str()) {
                p.push(format!("team `{}`: lead `{lead}` is not an actor", t.id));
            }
        }
        for kind in &t.actions {
            match catalog.get(*kind) {
                Some(def) if def.agencies.contains(&t.agency) => {}
                Some(_) => p.push(format!(
                    "team `{}`: a {:?} may not order {kind:?}",
                    t.id, t.agency
                )),
                None => p.push(format!("team `{}`: {kind:?} is not in the catalogue", t.id)),
            }
        }
    }

    for ch in &s.channels {
        for end in [&ch.a, &ch.b] {
            if !teams.contains(end.as_str()) {
                p.push(format!("channel: unknown team `{end}`"));
            }
        }
        if ch.a == ch.b {
            p.push(format!("channel from `{}` to itself", ch.a));
        } else if team_country.get(ch.a.as_str()) == team_country.get(ch.b.as_str()) {
            p.push(format!(
                "channel `{}`–`{}`: one country's agencies already talk",
                ch.a, ch.b
            ));
        }
    }

    for x in &s.places {
        match &x.country {
            Some(c) if !countries.contains(c.as_str()) => {
                p.push(format!("place `{}`: unknown country `{c}`", x.id));
            }
            None if x.kind != PlaceKind::SeaZone => {
                p.push(format!(
                    "place `{}` has no country but is not a sea zone",
                    x.id
                ));
            }
            _ => {}
        }
    }

    for r in &s.routes {
        let Some(last) = r.legs.last() else {
            p.push(format!("route `{}` has no legs", r.id));
            continue;
        };
        for (i, leg) in r.legs.iter().enumerate() {
            for end in [&leg.from, &leg.to] {
                if !places.contains(end.as_str()) {
                    p.push(format!(
                        "route `{}` leg {}: unknown place `{end}`",
                        r.id,
                        i + 1
                    ));
                }
            }
            if i > 0 && r.legs[i - 1].to != leg.from {
                p.push(format!(
                    "route `{}` leg {} starts at `{}`, not where leg {} ends (`{}`)",
                    r.id,
                    i + 1,
                    leg.from,
                    i,
                    r.legs[i - 1].to
                ));
            }
            if leg.turns == 0 {
                p.push(format!("route `{}` leg {} takes no time", r.id, i + 1));
            }
            percent(
                format!("route `{}` leg {} hazard", r.id, i + 1),
                leg.hazard,
                &mut p,
            );
        }
        let end_role = place_country
            .get(last.to.as_str())
            .copied()
            .flatten()
            .and_then(|c| country_role.get(c));
        if end_role != Some(&CountryRole::Destination) {
            p.push(format!(
                "route `{}` ends at `{}`, not in a destination country",
                r.id, last.to
            ));
        }
    }

    for a in &s.actors {
        if !countries.contains(a.country.as_str()) {
            p.push(format!("actor `{}`: unknown country `{}`", a.id, a.country));
        }
        if let Some(place) = &a.place {
            match place_country.get(place.as_str()) {
                None => p.push(format!("actor `{}`: unknown place `{place}`", a.id)),
                Some(Some(c)) if *c != a.country => p.push(format!(
                    "actor `{}` lives in `{}` but their place `{place}` is in `{c}`",
                    a.id, a.country
                )),
                Some(_) => {}
            }
        }
        if let Some(route) = &a.route
            && !routes.contains(route.as_str())
        {
            p.push(format!("actor `{}`: unknown route `{route}`", a.id));
        }
        for (trait_name, value) in [
            ("caution", a.caution),
            ("loyalty", a.loyalty),
            ("skill", a.skill),
        ] {
            percent(format!("actor `{}` {trait_name}", a.id), value, &mut p);
        }
    }
    if !s
        .actors
        .iter()
        .any(|a| a.role == Role::Organiser && !a.reserve)
    {
        p.push("the network has no active organiser".into());
    }

    let mut pairs = BTreeSet::new();
    for t in &s.ties {
        for end in [&t.a, &t.b] {
            if !actors.contains(end.as_str()) {
                p.push(format!("tie `{}`–`{}`: `{end}` is not an actor", t.a, t.b));
            }
        }
        if t.a == t.b {
            p.push(format!("tie from `{}` to itself", t.a));
        }
        let pair = if t.a < t.b {
            (&t.a, &t.b)
        } else {
            (&t.b, &t.a)
        };
        if !pairs.insert(pair) {
            p.push(format!("second tie between `{}` and `{}`", t.a, t.b));
        }
        percent(
            format!("tie `{}`–`{}` strength", t.a, t.b),
            t.strength,
            &mut p,
        );
    }
    // An actor nobody is tied to can never be discovered through the network.
    for a in &s.actors {
        if !s.ties.iter().any(|t| t.a == a.id || t.b == a.id) {
            p.push(format!("actor `{}` has no ties", a.id));
        }
    }

    for asset in &s.assets {
        if !actors.contains(asset.owner.as_str()) {
            p.push(format!(
                "asset `{}`: owner `{}` is not an actor",
                asset.id, asset.owner
            ));
        }
    }

    for g in &s.migrant_groups {
        if !routes.contains(g.route.as_str()) {
            p.push(format!("group `{}`: unknown route `{}`", g.id, g.route));
        }
        if !turn_ok(g.depart_turn) {
            p.push(format!(
                "group `{}` departs at turn {}, outside the exercise",
                g.id, g.depart_turn
            ));
        }
        if g.size == 0 {
            p.push(format!("group `{}` is empty", g.id));
        }
        percent(
            format!("group `{}` vulnerability", g.id),
            g.vulnerability,
            &mut p,
        );
    }
    for r in &s.recruitment {
        if !routes.contains(r.route.as_str()) {
            p.push(format!("recruitment: unknown route `{}`", r.route));
        }
        if r.every == 0 || r.group_size == 0 {
            p.push(format!(
                "recruitment on `{}` never produces a group",
                r.route
            ));
        }
        percent(
            format!("recruitment on `{}` vulnerability", r.route),
            r.vulnerability,
            &mut p,
        );
        percent(
            format!("recruitment on `{}` trafficking share", r.route),
            r.trafficking_share,
            &mut p,
        );
    }

    let refs = Refs {
        actors: &actors,
        metric_names: METRICS.into_iter().collect(),
    };
    for i in &s.injects {
        let at = format!("inject `{}`", i.id);
        match &i.trigger {
            Trigger::Turn(t) if !turn_ok(*t) => {
                p.push(format!("{at} fires at turn {t}, outside the exercise"))
            }
            Trigger::Turn(_) => {}
            Trigger::When(cond) => check_condition(cond, &refs, &at, &mut p),
        }
        for team in &i.to {
            if !teams.contains(team.as_str()) {
                p.push(format!("{at}: unknown team `{team}`"));
            }
        }
        for effect in &i.effects {
            match effect {
                Effect::BoatInDistress(route) | Effect::CloseRoute { route, .. } => {
                    if !routes.contains(route.as_str()) {
                        p.push(format!("{at}: unknown route `{route}`"));
                    }
                }
                Effect::Weather { extra_hazard, .. } => {
                    percent(format!("{at}: extra hazard"), *extra_hazard, &mut p);
                }
                Effect::Expose(actor) => {
                    if !actors.contains(actor.as_str()) {
                        p.push(format!("{at}: unknown actor `{actor}`"));
                    }
                }
                Effect::Activate(actor) => {
                    if !reserves.contains(actor.as_str()) {
                        p.push(format!("{at}: `{actor}` is not a reserve member"));
                    }
                }
            }
        }
    }
    for o in &s.objectives {
        let (Criterion::MetricAtLeast {
            metric, by_turn, ..
        }
        | Criterion::MetricAtMost {
            metric, by_turn, ..
        }) = &o.criterion;
        if !refs.metric_names.contains(metric.as_str()) {
            p.push(format!("objective `{}`: unknown metric `{metric}`", o.id));
        }
        if !turn_ok(*by_turn) {
            p.push(format!(
                "objective `{}` is due at turn {by_turn}, outside the exercise",
                o.id
            ));
        }
    }
    let mut ruled = BTreeSet::new();
    for rule in &s.action_rules {
        if !ruled.insert(rule.action) {
            p.push(format!("two action rules for {:?}", rule.action));
        }
    }
    p
}

fn assert_sound(label: &str, scenario: &Scenario) {
    let found = problems(scenario, &catalog());
    assert!(found.is_empty(), "{label}:\n  {}", found.join("\n  "));
}

#[test]
fn every_shipped_scenario_parses_and_holds_together() {
    let files = scenario_files();
    for shipped in SHIPPED {
        assert!(
            files.iter().any(|path| path.ends_with(shipped)),
            "scenarios/{shipped} is missing; found {files:?}"
        );
    }
    for path in files {
        let label = path.display().to_string();
        let text = fs::read_to_string(&path).unwrap_or_else(|err| panic!("{label}: {err}"));
        let scenario = parse(&label, &text);
        assert_sound(&label, &scenario);
    }
}

#[test]
fn the_documented_example_parses_and_holds_together() {
    let doc =
        fs::read_to_string(root().join("docs/SCENARIO.md")).expect("docs/SCENARIO.md readable");
    let block = first_ron_block(&doc).expect("docs/SCENARIO.md has a ```ron block");
    let scenario = parse("docs/SCENARIO.md example", block);
    assert_sound("docs/SCENARIO.md example", &scenario);
}

#[test]
fn the_checks_catch_a_broken_route_and_a_dangling_tie() {
    let text =
        fs::read_to_string(root().join("scenarios/tutorial.ron")).expect("tutorial readable");
    let mut scenario = parse("tutorial", &text);
    scenario.ties[0].b = "nobody".into();
    let last = scenario.routes[0].legs.len() - 1;
    scenario.routes[0].legs[last].to = scenario.routes[0].legs[0].from.clone();
    let found = problems(&scenario, &catalog());
    assert!(
        found
            .iter()
            .any(|line| line.contains("`nobody` is not an actor")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|line| line.contains("not in a destination country")),
        "{found:?}"
    );
}
