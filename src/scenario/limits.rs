//! The limits on what a scenario may hold: how many of each thing, how long
//! each text, how large each number. They keep a mistake (or a hostile file)
//! from reaching `run` or `serve` as a 100 GB allocation or an overflow, and
//! each is checked with a located message. `docs/SCENARIO.md` lists them.

use super::catalog::ActionDef;
use super::model::{Effect, LawChange, Scenario};
use super::source_index::Seg;
use super::validate::Validator;

use Seg::{Field as F, Index as I};

/// The most turns an exercise may run: ten years of weekly turns.
pub const MAX_TURNS: u32 = 520;
/// The most network members: what `undertow generate` makes at most.
pub const MAX_ACTORS: usize = 20_000;
/// The most ties: ten per member at the largest network.
pub const MAX_TIES: usize = 200_000;
/// The most teams: what `undertow generate --teams` makes at most.
pub const MAX_TEAMS: usize = 200;
/// The most countries.
pub const MAX_COUNTRIES: usize = 100;
/// The most extra channels (every pair of the most teams).
pub const MAX_CHANNELS: usize = MAX_TEAMS * (MAX_TEAMS - 1) / 2;
/// The most places.
pub const MAX_PLACES: usize = 10_000;
/// The most routes.
pub const MAX_ROUTES: usize = 1_000;
/// The most legs on one route.
pub const MAX_LEGS: usize = 100;
/// The most assets.
pub const MAX_ASSETS: usize = 20_000;
/// The most migrant groups at the start.
pub const MAX_GROUPS: usize = 10_000;
/// The most recruitment lines.
pub const MAX_RECRUITMENT: usize = 1_000;
/// The most injects.
pub const MAX_INJECTS: usize = 1_000;
/// The most effects of one inject.
pub const MAX_EFFECTS: usize = 100;
/// The most objectives.
pub const MAX_OBJECTIVES: usize = 100;
/// The most leads one team starts with.
pub const MAX_LEADS: usize = 1_000;

/// The longest id, in bytes (ids are ASCII).
pub const MAX_ID: usize = 64;
/// The longest name, alias or title, in characters.
pub const MAX_NAME: usize = 200;
/// The longest text (a briefing, a brief, a message, an objective), in bytes.
pub const MAX_TEXT: usize = 20_000;

/// The most capacity points a team may have each turn.
pub const MAX_CAPACITY: u32 = 100;
/// The most interpreters a team may have.
pub const MAX_INTERPRETERS: u32 = 100;
/// The highest evidence threshold of a law.
pub const MAX_THRESHOLD: u32 = 1_000;
/// The most people in one migrant group (at the start, or recruited).
pub const MAX_GROUP_SIZE: u32 = 100_000;
/// The highest price of a route or value of an asset, in notional units.
pub const MAX_MONEY: u32 = 1_000_000_000;
/// The most pressure an inject can put on a route at once.
pub const MAX_PRESSURE: u32 = 1_000;
/// The largest scoring weight, either way.
pub const MAX_WEIGHT: i64 = 1_000_000;

impl Validator<'_> {
    /// Every limit on a scenario, each reported where it is broken.
    pub(super) fn limits(&mut self, s: &Scenario) {
        if s.turns > MAX_TURNS {
            self.report(
                &[F("turns")],
                None,
                format!("`turns` is {}, over the limit of {MAX_TURNS}", s.turns),
                Some(format!(
                    "an exercise runs at most {MAX_TURNS} turns (ten years of weekly turns)"
                )),
            );
        }
        self.count(s.countries.len(), MAX_COUNTRIES, "countries");
        self.count(s.teams.len(), MAX_TEAMS, "teams");
        self.count(s.channels.len(), MAX_CHANNELS, "channels");
        self.count(s.places.len(), MAX_PLACES, "places");
        self.count(s.routes.len(), MAX_ROUTES, "routes");
        self.count(s.actors.len(), MAX_ACTORS, "actors");
        self.count(s.ties.len(), MAX_TIES, "ties");
        self.count(s.assets.len(), MAX_ASSETS, "assets");
        self.count(s.migrant_groups.len(), MAX_GROUPS, "migrant_groups");
        self.count(s.recruitment.len(), MAX_RECRUITMENT, "recruitment");
        self.count(s.injects.len(), MAX_INJECTS, "injects");
        self.count(s.objectives.len(), MAX_OBJECTIVES, "objectives");

        self.name(&s.title, &[], "title", "the scenario");
        self.text(&s.briefing, &[], "briefing", "the scenario");
        for (i, c) in s.countries.iter().enumerate() {
            let owner = format!("country `{}`", c.id);
            self.name(&c.name, &[F("countries"), I(i)], "name", &owner);
            let law = [F("countries"), I(i), F("law")];
            for (field, value) in [
                ("interception_threshold", c.law.interception_threshold),
                ("arrest_threshold", c.law.arrest_threshold),
                ("charge_threshold", c.law.charge_threshold),
            ] {
                self.at_most(value, MAX_THRESHOLD, &law, field, &owner);
            }
            self.at_most(c.law.mla_delay, MAX_TURNS, &law, "mla_delay", &owner);
        }
        for (i, t) in s.teams.iter().enumerate() {
            let owner = format!("team `{}`", t.id);
            let record = [F("teams"), I(i)];
            self.name(&t.name, &[F("teams"), I(i)], "name", &owner);
            self.text(&t.brief, &[F("teams"), I(i)], "brief", &owner);
            self.at_most(t.capacity, MAX_CAPACITY, &record, "capacity", &owner);
            self.at_most(
                t.interpreters,
                MAX_INTERPRETERS,
                &record,
                "interpreters",
                &owner,
            );
            if t.leads.len() > MAX_LEADS {
                self.report(
                    &[F("teams"), I(i), F("leads")],
                    None,
                    format!(
                        "{owner} has {} leads, over the limit of {MAX_LEADS}",
                        t.leads.len()
                    ),
                    Some("a team starts with a few leads; the rest must be found".into()),
                );
            }
        }
        for (i, p) in s.places.iter().enumerate() {
            let owner = format!("place `{}`", p.id);
            self.name(&p.name, &[F("places"), I(i)], "name", &owner);
        }
        for (i, r) in s.routes.iter().enumerate() {
            let owner = format!("route `{}`", r.id);
            let record = [F("routes"), I(i)];
            self.name(&r.name, &[F("routes"), I(i)], "name", &owner);
            self.at_most(r.price, MAX_MONEY, &record, "price", &owner);
            if r.legs.len() > MAX_LEGS {
                self.report(
                    &[F("routes"), I(i), F("legs")],
                    None,
                    format!(
                        "{owner} has {} legs, over the limit of {MAX_LEGS}",
                        r.legs.len()
                    ),
                    None,
                );
            }
            for (j, leg) in r.legs.iter().enumerate() {
                let path = [F("routes"), I(i), F("legs"), I(j)];
                let leg_owner = format!("{owner} leg {}", j + 1);
                self.at_most(leg.turns, MAX_TURNS, &path, "turns", &leg_owner);
            }
        }
        for (i, a) in s.actors.iter().enumerate() {
            let owner = format!("actor `{}`", a.id);
            self.name(&a.name, &[F("actors"), I(i)], "name", &owner);
            if let Some(alias) = &a.alias {
                self.name(alias, &[F("actors"), I(i)], "alias", &owner);
            }
        }
        for (i, a) in s.assets.iter().enumerate() {
            let owner = format!("asset `{}`", a.id);
            self.name(&a.name, &[F("assets"), I(i)], "name", &owner);
            self.at_most(a.value, MAX_MONEY, &[F("assets"), I(i)], "value", &owner);
        }
        for (i, g) in s.migrant_groups.iter().enumerate() {
            let owner = format!("migrant group `{}`", g.id);
            let record = [F("migrant_groups"), I(i)];
            self.at_most(g.size, MAX_GROUP_SIZE, &record, "size", &owner);
        }
        for (i, r) in s.recruitment.iter().enumerate() {
            let record = [F("recruitment"), I(i)];
            self.at_most(
                r.group_size,
                MAX_GROUP_SIZE,
                &record,
                "group_size",
                "recruitment",
            );
            self.at_most(r.every, MAX_TURNS, &record, "every", "recruitment");
        }
        for i in 0..s.injects.len() {
            self.inject_limits(s, i);
        }
        for (i, o) in s.objectives.iter().enumerate() {
            let owner = format!("objective `{}`", o.id);
            self.text(&o.text, &[F("objectives"), I(i)], "text", &owner);
        }
        for (i, rule) in s.action_rules.iter().enumerate() {
            let record = [F("action_rules"), I(i)];
            let owner = format!("the rule for `{:?}`", rule.action);
            if let Some(cost) = rule.cost {
                self.at_most(cost, MAX_CAPACITY, &record, "cost", &owner);
            }
            if let Some(duration) = rule.duration {
                self.at_most(duration, MAX_TURNS, &record, "duration", &owner);
            }
        }
        self.weights(s);
    }

    fn inject_limits(&mut self, s: &Scenario, i: usize) {
        let Some(inject) = s.injects.get(i) else {
            return;
        };
        let owner = format!("inject `{}`", inject.id);
        self.name(&inject.title, &[F("injects"), I(i)], "title", &owner);
        self.text(&inject.message, &[F("injects"), I(i)], "message", &owner);
        if inject.effects.len() > MAX_EFFECTS {
            self.report(
                &[F("injects"), I(i), F("effects")],
                None,
                format!(
                    "{owner} has {} effects, over the limit of {MAX_EFFECTS}",
                    inject.effects.len()
                ),
                None,
            );
        }
        // A turn past the limit is out of the exercise too, and reported
        // there; only the durations of effects are left to check here.
        for (j, effect) in inject.effects.iter().enumerate() {
            let path = [F("injects"), I(i), F("effects"), I(j)];
            match effect {
                Effect::Weather {
                    extra_hazard,
                    turns,
                    ..
                } => {
                    if *extra_hazard > 100 {
                        let mut at = path.to_vec();
                        at.push(F("extra_hazard"));
                        self.report(
                            &at,
                            None,
                            format!(
                                "`extra_hazard` of {owner} is {extra_hazard}, over 100 percent"
                            ),
                            Some("hazard is a percentage: it rises by at most 100 points".into()),
                        );
                    }
                    self.at_most(*turns, MAX_TURNS, &path, "turns", &owner);
                }
                Effect::CloseRoute { turns, .. } => {
                    self.at_most(*turns, MAX_TURNS, &path, "turns", &owner);
                }
                Effect::Deaths { people, .. } => {
                    self.at_most(*people, MAX_GROUP_SIZE, &path, "people", &owner);
                }
                Effect::RoutePressure { pressure, .. } => {
                    self.at_most(*pressure, MAX_PRESSURE, &path, "pressure", &owner);
                }
                Effect::ChangeLaw { change, .. } => {
                    let mut at = path.to_vec();
                    at.push(F("change"));
                    match *change {
                        LawChange::InterceptionThreshold(v)
                        | LawChange::ArrestThreshold(v)
                        | LawChange::ChargeThreshold(v) => {
                            self.at_most(v, MAX_THRESHOLD, &at, "threshold", &owner);
                        }
                        LawChange::MlaDelay(v) | LawChange::JitSetup(v) => {
                            self.at_most(v, MAX_TURNS, &at, "delay", &owner);
                        }
                        _ => {}
                    }
                }
                Effect::BoatInDistress(_)
                | Effect::Expose(_)
                | Effect::Activate(_)
                | Effect::RevealGroup(_)
                | Effect::ReportVictims(_)
                | Effect::ChangeFlag { .. } => {}
            }
        }
    }

    /// Scoring weights small enough that a score stays readable; the
    /// arithmetic saturates anyway (engine::metrics), this keeps it honest.
    fn weights(&mut self, s: &Scenario) {
        let w = &s.scoring;
        for (field, value) in [
            ("per_arrest", w.per_arrest),
            ("per_conviction", w.per_conviction),
            ("per_organiser_conviction", w.per_organiser_conviction),
            ("per_asset_seized", w.per_asset_seized),
            ("per_victim_identified", w.per_victim_identified),
            ("per_victim_protected", w.per_victim_protected),
            ("per_life_lost", w.per_life_lost),
            ("per_migrant_criminalised", w.per_migrant_criminalised),
            ("per_re_trafficked", w.per_re_trafficked),
            ("per_victim_exploited", w.per_victim_exploited),
        ] {
            if value.unsigned_abs() > MAX_WEIGHT.unsigned_abs() {
                self.report(
                    &[F("scoring"), F(field)],
                    None,
                    format!("scoring weight `{field}` is {value}, beyond ±{MAX_WEIGHT}"),
                    Some(format!(
                        "weights run from -{MAX_WEIGHT} to {MAX_WEIGHT}; the defaults are 1 to 10"
                    )),
                );
            }
        }
    }

    /// An action of a catalogue (shipped, or carried in a journal): numbers
    /// that turns and capacity are added to stay small.
    pub(super) fn catalog_limits(&mut self, action: &ActionDef, record: &[Seg], owner: &str) {
        self.at_most(action.cost, MAX_CAPACITY, record, "cost", owner);
        self.at_most(action.duration, MAX_TURNS, record, "duration", owner);
        self.at_most(action.evidence, MAX_THRESHOLD, record, "evidence", owner);
        self.name(&action.name, record, "name", owner);
        self.text(&action.description, record, "description", owner);
    }

    /// A list of at most `max` entries.
    fn count(&mut self, len: usize, max: usize, field: &'static str) {
        if len > max {
            self.report(
                &[F(field)],
                None,
                format!("`{field}` has {len} entries, over the limit of {max}"),
                Some(format!("a scenario holds at most {max} {field}")),
            );
        }
    }

    /// A number of at most `max`.
    fn at_most(&mut self, value: u32, max: u32, record: &[Seg], field: &'static str, owner: &str) {
        if value > max {
            let mut path = record.to_vec();
            path.push(F(field));
            self.report(
                &path,
                None,
                format!("`{field}` of {owner} is {value}, over the limit of {max}"),
                Some(format!("`{field}` runs from 0 to {max}")),
            );
        }
    }

    /// A name, alias or title: one line of at most [`MAX_NAME`] characters.
    fn name(&mut self, value: &str, record: &[Seg], field: &'static str, owner: &str) {
        let chars = value.chars().count();
        if chars > MAX_NAME {
            let mut path = record.to_vec();
            path.push(F(field));
            self.report(
                &path,
                None,
                format!("`{field}` of {owner} is {chars} characters long, over the limit of {MAX_NAME}"),
                Some("a name is shown in headers and lists: keep it short, and put the rest in a brief".into()),
            );
        }
    }

    /// A text of at most [`MAX_TEXT`] bytes.
    fn text(&mut self, value: &str, record: &[Seg], field: &'static str, owner: &str) {
        if value.len() > MAX_TEXT {
            let mut path = record.to_vec();
            path.push(F(field));
            self.report(
                &path,
                None,
                format!(
                    "`{field}` of {owner} is {} bytes long, over the limit of {MAX_TEXT}",
                    value.len()
                ),
                Some("split it: a briefing is read at a table, a few pages at most".into()),
            );
        }
    }
}

/// Whether `id` is what the docs call an id: lower-case ASCII letters,
/// digits and single underscores, starting with a letter and not ending
/// with an underscore, at most [`MAX_ID`] bytes.
pub fn is_id(id: &str) -> bool {
    id.len() <= MAX_ID
        && id.starts_with(|c: char| c.is_ascii_lowercase())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        && !id.ends_with('_')
        && !id.contains("__")
}
