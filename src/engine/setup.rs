//! The scenario turned into dense indices: the fixed facts of the world that
//! systems consult every turn. Built once; never changed by a turn.

use std::collections::BTreeMap;

use bevy_ecs::prelude::Resource;

use crate::scenario::{
    ActionDef, ActionKind, AgencyDef, Catalog, CountryRole, Indicator, Law, LawChange, Mode,
    PlaceKind, Role, Scenario, TieKind, VesselFlag,
};

pub use crate::scenario::index::{ActorIx, CountryIx, PlaceIx, RouteIx, TeamIx};

/// A country with its law.
#[derive(Debug, Clone)]
pub struct CountryInfo {
    pub id: String,
    pub name: String,
    pub role: CountryRole,
    pub law: Law,
}

/// A team with its country resolved.
#[derive(Debug, Clone)]
pub struct TeamInfo {
    pub id: String,
    pub name: String,
    pub country: CountryIx,
    /// The kind of agency it is, as the catalogue or the scenario defines it.
    pub agency: AgencyDef,
    pub capacity: u32,
    pub interpreters: u32,
    pub brief: String,
    pub leads: Vec<ActorIx>,
    pub actions: Vec<ActionKind>,
}

/// A place with its country resolved.
#[derive(Debug, Clone)]
pub struct PlaceInfo {
    pub id: String,
    pub name: String,
    pub country: Option<CountryIx>,
    pub kind: PlaceKind,
    /// For a vessel, the ports it puts into.
    pub calls_at: Vec<PlaceIx>,
}

/// What injects changed in the fixed facts, in the order they did:
/// countries' laws and vessels' flags.
#[derive(Debug, Clone, Copy, Default)]
pub struct Amendments<'a> {
    pub laws: &'a [(CountryIx, LawChange)],
    pub flags: &'a [(PlaceIx, Option<CountryIx>)],
}

/// One leg of a route with its places resolved.
#[derive(Debug, Clone)]
pub struct LegInfo {
    pub from: PlaceIx,
    pub to: PlaceIx,
    pub mode: Mode,
    pub turns: u32,
    pub hazard: u32,
    /// On a sea leg, the flag state of the vessel; none for a stateless
    /// vessel (and on land and in the air).
    pub flag: Option<CountryIx>,
    /// Roles the leg cannot run without.
    pub needs: Vec<Role>,
}

/// A route with its legs resolved.
#[derive(Debug, Clone)]
pub struct RouteInfo {
    pub id: String,
    pub name: String,
    pub legs: Vec<LegInfo>,
    pub price: u32,
    /// Opened by the network only under pressure.
    pub candidate: bool,
    /// Percent of the smuggled who travel on credit.
    pub on_credit: u32,
    pub origin_country: Option<CountryIx>,
    /// The country the last leg arrives in.
    pub destination_country: Option<CountryIx>,
}

/// A network member's fixed facts: who they are and their hidden traits.
#[derive(Debug, Clone)]
pub struct ActorInfo {
    pub id: String,
    pub name: String,
    pub alias: Option<String>,
    pub role: Role,
    pub country: CountryIx,
    /// The country whose passport the member holds.
    pub nationality: CountryIx,
    /// Where the member lives or works: the premises a raid finds them at.
    pub place: Option<PlaceIx>,
    pub route: Option<RouteIx>,
    pub caution: u32,
    pub loyalty: u32,
    pub skill: u32,
    pub reserve: bool,
    /// A company licensed to recruit workers.
    pub licensed: bool,
}

/// One end of a tie, seen from the other actor.
#[derive(Debug, Clone, Copy)]
pub struct TieEnd {
    pub other: ActorIx,
    pub kind: TieKind,
    pub strength: u32,
}

/// An asset with its owner resolved.
#[derive(Debug, Clone)]
pub struct AssetInfo {
    pub id: String,
    pub name: String,
    pub kind: crate::scenario::AssetKind,
    pub owner: ActorIx,
    pub value: u32,
}

/// A group of migrants written in the scenario.
#[derive(Debug, Clone)]
pub struct GroupInfo {
    pub id: String,
    pub size: u32,
    pub route: RouteIx,
    pub depart_turn: u32,
    pub vulnerability: u32,
    pub indicators: Vec<Indicator>,
    pub exploitation: Option<crate::scenario::Exploitation>,
}

/// The fixed facts of the exercise, indexed for the systems.
#[derive(Resource, Debug, Clone)]
pub struct Setup {
    pub scenario: Scenario,
    pub catalog: Catalog,
    pub countries: Vec<CountryInfo>,
    pub teams: Vec<TeamInfo>,
    pub places: Vec<PlaceInfo>,
    pub routes: Vec<RouteInfo>,
    pub actors: Vec<ActorInfo>,
    /// Ties of each actor, sorted by the other end's index.
    pub ties: Vec<Vec<TieEnd>>,
    pub assets: Vec<AssetInfo>,
    pub groups: Vec<GroupInfo>,
    /// Pairs of teams with a standing direct channel (lower index first).
    pub channels: Vec<(TeamIx, TeamIx)>,
    actor_ix: BTreeMap<String, ActorIx>,
    team_ix: BTreeMap<String, TeamIx>,
    route_ix: BTreeMap<String, RouteIx>,
    asset_ix: BTreeMap<String, usize>,
}

/// A reference in the scenario that does not resolve; validation catches these
/// first, so the engine only reports them when handed an unvalidated scenario.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("scenario refers to unknown {kind} `{id}`")]
pub struct SetupError {
    pub kind: &'static str,
    pub id: String,
}

fn lookup<I: Copy>(
    map: &BTreeMap<String, I>,
    kind: &'static str,
    id: &str,
) -> Result<I, SetupError> {
    map.get(id).copied().ok_or_else(|| SetupError {
        kind,
        id: id.to_string(),
    })
}

fn index_of<T, I: From<usize>>(items: &[T], id: impl Fn(&T) -> &str) -> BTreeMap<String, I> {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| (id(item).to_string(), I::from(i)))
        .collect()
}

impl Setup {
    /// Index a scenario against the action catalogue it plays with.
    pub fn new(scenario: Scenario, catalog: Catalog) -> Result<Setup, SetupError> {
        let country_ix: BTreeMap<String, CountryIx> = index_of(&scenario.countries, |c| &c.id);
        let place_ix: BTreeMap<String, PlaceIx> = index_of(&scenario.places, |p| &p.id);
        let route_ix: BTreeMap<String, RouteIx> = index_of(&scenario.routes, |r| &r.id);
        let actor_ix: BTreeMap<String, ActorIx> = index_of(&scenario.actors, |a| &a.id);
        let team_ix: BTreeMap<String, TeamIx> = index_of(&scenario.teams, |t| &t.id);
        let asset_ix: BTreeMap<String, usize> = index_of(&scenario.assets, |a| &a.id);

        let countries = scenario
            .countries
            .iter()
            .map(|c| CountryInfo {
                id: c.id.clone(),
                name: c.name.clone(),
                role: c.role,
                law: c.law.clone(),
            })
            .collect();
        let mut teams = Vec::with_capacity(scenario.teams.len());
        for t in &scenario.teams {
            let leads = t
                .leads
                .iter()
                .map(|l| lookup(&actor_ix, "actor", l))
                .collect::<Result<_, _>>()?;
            let agency = catalog
                .agency(&t.agency)
                .cloned()
                .ok_or_else(|| SetupError {
                    kind: "agency",
                    id: t.agency.to_string(),
                })?;
            let actions = if t.actions.is_empty() {
                catalog.actions_of(&t.agency)
            } else {
                t.actions.clone()
            };
            teams.push(TeamInfo {
                id: t.id.clone(),
                name: t.name.clone(),
                country: lookup(&country_ix, "country", &t.country)?,
                agency,
                capacity: t.capacity,
                interpreters: t.interpreters,
                brief: t.brief.clone(),
                leads,
                actions,
            });
        }
        let mut places = Vec::with_capacity(scenario.places.len());
        for p in &scenario.places {
            let country = match &p.country {
                Some(c) => Some(lookup(&country_ix, "country", c)?),
                None => None,
            };
            let calls_at = p
                .calls_at
                .iter()
                .map(|port| lookup(&place_ix, "place", port))
                .collect::<Result<_, _>>()?;
            places.push(PlaceInfo {
                id: p.id.clone(),
                name: p.name.clone(),
                country,
                kind: p.kind,
                calls_at,
            });
        }
        let mut routes = Vec::with_capacity(scenario.routes.len());
        for r in &scenario.routes {
            let mut legs: Vec<LegInfo> = Vec::with_capacity(r.legs.len());
            for l in &r.legs {
                let from = lookup(&place_ix, "place", &l.from)?;
                // The same boat keeps its flag from one sea leg to the next.
                let flag = match (&l.flag, l.mode) {
                    (_, Mode::Land | Mode::Air) => None,
                    (Some(VesselFlag::Country(c)), _) => Some(lookup(&country_ix, "country", c)?),
                    (Some(VesselFlag::Stateless), _) => None,
                    (None, _) => places[from].country.or_else(|| {
                        legs.last()
                            .filter(|before| before.mode == Mode::Sea)
                            .and_then(|before| before.flag)
                    }),
                };
                legs.push(LegInfo {
                    from,
                    to: lookup(&place_ix, "place", &l.to)?,
                    mode: l.mode,
                    turns: l.turns.max(1),
                    hazard: l.hazard.min(100),
                    flag,
                    needs: l.needs.clone().unwrap_or_else(|| l.mode.needs()),
                });
            }
            let origin_country = legs.first().and_then(|l| places[l.from].country);
            let destination_country = legs.last().and_then(|l| places[l.to].country);
            routes.push(RouteInfo {
                id: r.id.clone(),
                name: r.name.clone(),
                legs,
                price: r.price,
                candidate: r.candidate,
                on_credit: r.on_credit,
                origin_country,
                destination_country,
            });
        }
        let mut actors = Vec::with_capacity(scenario.actors.len());
        for a in &scenario.actors {
            let route = match &a.route {
                Some(r) => Some(lookup(&route_ix, "route", r)?),
                None => None,
            };
            let country = lookup(&country_ix, "country", &a.country)?;
            let nationality = match &a.nationality {
                Some(n) => lookup(&country_ix, "country", n)?,
                None => country,
            };
            let place = match &a.place {
                Some(p) => Some(lookup(&place_ix, "place", p)?),
                None => None,
            };
            actors.push(ActorInfo {
                id: a.id.clone(),
                name: a.name.clone(),
                alias: a.alias.clone(),
                role: a.role,
                country,
                nationality,
                place,
                route,
                caution: a.caution.min(100),
                loyalty: a.loyalty.min(100),
                skill: a.skill.min(100),
                reserve: a.reserve,
                licensed: a.licensed,
            });
        }
        let mut ties: Vec<Vec<TieEnd>> = vec![Vec::new(); actors.len()];
        for t in &scenario.ties {
            let a = lookup(&actor_ix, "actor", &t.a)?;
            let b = lookup(&actor_ix, "actor", &t.b)?;
            if a == b {
                continue;
            }
            let strength = t.strength.min(100);
            ties[a].push(TieEnd {
                other: b,
                kind: t.kind,
                strength,
            });
            ties[b].push(TieEnd {
                other: a,
                kind: t.kind,
                strength,
            });
        }
        for list in &mut ties {
            list.sort_by_key(|t| (t.other, t.kind));
            list.dedup_by_key(|t| t.other);
        }
        let mut assets = Vec::with_capacity(scenario.assets.len());
        for a in &scenario.assets {
            assets.push(AssetInfo {
                id: a.id.clone(),
                name: a.name.clone(),
                kind: a.kind,
                owner: lookup(&actor_ix, "actor", &a.owner)?,
                value: a.value,
            });
        }
        let mut groups = Vec::with_capacity(scenario.migrant_groups.len());
        for g in &scenario.migrant_groups {
            groups.push(GroupInfo {
                id: g.id.clone(),
                size: g.size,
                route: lookup(&route_ix, "route", &g.route)?,
                depart_turn: g.depart_turn,
                vulnerability: g.vulnerability.min(100),
                indicators: g.indicators.clone(),
                exploitation: g.exploitation,
            });
        }
        let mut channels = Vec::new();
        for c in &scenario.channels {
            let a = lookup(&team_ix, "team", &c.a)?;
            let b = lookup(&team_ix, "team", &c.b)?;
            channels.push((a.min(b), a.max(b)));
        }
        channels.sort();
        channels.dedup();

        Ok(Setup {
            scenario,
            catalog,
            countries,
            teams,
            places,
            routes,
            actors,
            ties,
            assets,
            groups,
            channels,
            actor_ix,
            team_ix,
            route_ix,
            asset_ix,
        })
    }

    /// The actor with this scenario id.
    pub fn actor(&self, id: &str) -> Option<ActorIx> {
        self.actor_ix.get(id).copied()
    }

    /// The team with this scenario id.
    pub fn team(&self, id: &str) -> Option<TeamIx> {
        self.team_ix.get(id).copied()
    }

    /// The route with this scenario id.
    pub fn route(&self, id: &str) -> Option<RouteIx> {
        self.route_ix.get(id).copied()
    }

    /// The place with this scenario id.
    pub fn place(&self, id: &str) -> Option<PlaceIx> {
        self.places.iter().position(|p| p.id == id).map(PlaceIx)
    }

    /// The asset with this scenario id.
    pub fn asset(&self, id: &str) -> Option<usize> {
        self.asset_ix.get(id).copied()
    }

    /// The catalogue entry for an action.
    pub fn action(&self, kind: ActionKind) -> Option<&ActionDef> {
        self.catalog.get(kind)
    }

    /// Put what injects changed in force: laws, and vessels' flags with
    /// the routes that start or end aboard them. Changes naming nothing of
    /// the scenario are ignored.
    pub fn amend(&mut self, amendments: Amendments<'_>) {
        for &(country, change) in amendments.laws {
            if let Some(c) = self.countries.get_mut(country.index()) {
                change.apply(&mut c.law);
            }
        }
        for &(vessel, flag) in amendments.flags {
            self.reflag(vessel, flag);
        }
    }

    /// A vessel under a new flag: jurisdiction aboard, the flag of the sea
    /// legs out of it that the scenario left to it, and the country of the
    /// routes that start or end aboard.
    fn reflag(&mut self, vessel: PlaceIx, flag: Option<CountryIx>) {
        let Some(place) = self.places.get_mut(vessel.index()) else {
            return;
        };
        place.country = flag;
        let written = &self.scenario.routes;
        for (r, route) in self.routes.iter_mut().enumerate() {
            for (j, leg) in route.legs.iter_mut().enumerate() {
                let explicit = written
                    .get(r)
                    .and_then(|w| w.legs.get(j))
                    .is_some_and(|l| l.flag.is_some());
                if leg.from == vessel && leg.mode == Mode::Sea && !explicit {
                    leg.flag = flag;
                }
            }
            if route.legs.first().map(|l| l.from) == Some(vessel) {
                route.origin_country = flag;
            }
            if route.legs.last().map(|l| l.to) == Some(vessel) {
                route.destination_country = flag;
            }
        }
    }

    /// The setup with these amendments in force, when they are not already
    /// this setup's (a state restored against the scenario's setup, in a
    /// replay).
    pub fn in_force(&self, amendments: Amendments<'_>) -> Option<Setup> {
        let law_differs = |&(country, change): &(CountryIx, LawChange)| {
            self.countries.get(country.index()).is_some_and(|c| {
                let mut law = c.law.clone();
                change.apply(&mut law);
                law != c.law
            })
        };
        let flag_differs = |&(vessel, flag): &(PlaceIx, Option<CountryIx>)| {
            self.places
                .get(vessel.index())
                .is_some_and(|p| p.country != flag)
        };
        if !amendments.laws.iter().any(law_differs) && !amendments.flags.iter().any(flag_differs) {
            return None;
        }
        let mut amended = self.clone();
        amended.amend(amendments);
        Some(amended)
    }

    /// An indicator in screening language: the scenario's words for one it
    /// defines, the built-in words otherwise.
    pub fn indicator_label<'a>(&'a self, indicator: &'a Indicator) -> &'a str {
        self.scenario
            .indicators
            .iter()
            .find(|d| &d.id == indicator)
            .map_or_else(|| indicator.label(), |d| d.label.as_str())
    }

    /// The law of a team's country.
    pub fn law_of_team(&self, team: TeamIx) -> &Law {
        &self.countries[self.teams[team].country].law
    }

    /// Turns presumed victims in a country's protection have to reflect
    /// before they decide whether to give evidence: the law's, else the
    /// Council of Europe Convention's minimum of 30 days (article 13) in
    /// whole turns.
    pub fn reflection_turns(&self, country: CountryIx) -> u32 {
        self.countries[country]
            .law
            .reflection_turns
            .unwrap_or(match self.scenario.turn_length {
                crate::scenario::TurnLength::Week => 5,
                crate::scenario::TurnLength::Month => 1,
            })
    }

    /// Whether two teams may pass information directly: agencies of one country,
    /// or a standing channel written in the scenario.
    pub fn standing_channel(&self, a: TeamIx, b: TeamIx) -> bool {
        a == b
            || self.teams[a].country == self.teams[b].country
            || self.channels.binary_search(&(a.min(b), a.max(b))).is_ok()
    }

    /// The turn-by-turn in-world date label for a turn (1-based).
    pub fn date_of_turn(&self, turn: u32) -> String {
        crate::engine::calendar::date_label(
            &self.scenario.start_date,
            self.scenario.turn_length,
            turn,
        )
    }
}
