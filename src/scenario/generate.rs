//! Large synthetic scenarios for benchmarks and load tests.
//!
//! [`generate`] is a pure function of its options: the same actor count, team
//! count and seed give the same [`Scenario`], value for value, on every
//! machine. The network it builds is scale-free-ish (preferential attachment,
//! about four ties per actor, with some clustering along routes), its role mix
//! follows the flagship's shape (few organisers, many aides, about a tenth
//! dormant reserves), and everything it references exists, so `undertow check`
//! accepts it.

use super::Metric;
use std::collections::BTreeMap;

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};

use super::agency::Agency;
use super::indicator::Indicator;
use super::model::{
    Actor, Asset, AssetKind, Channel, Condition, Country, CountryRole, Criterion, Effect, Inject,
    Law, Leg, MigrantGroup, Mode, Objective, Place, PlaceKind, Recruitment, Role, Route, Scenario,
    Scoring, Team, Tie, TieKind, Trigger, TurnLength,
};

/// The fewest actors a generated scenario has: below this the role mix cannot
/// give every stage of the route a member.
pub const MIN_ACTORS: usize = 10;
/// Ties each new member makes when joining the network (so ties ≈ 4 × actors).
pub const TIES_PER_ACTOR: usize = 4;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GenerateOptions {
    /// Network members (raised to [`MIN_ACTORS`] if lower).
    pub actors: usize,
    /// Teams, spread over the three countries (raised to 1 if lower).
    pub teams: usize,
    /// Seed of the generator, also written as the scenario's default seed.
    pub seed: u64,
}

/// A seeded stream with the few draws the generator needs. Our own rejection
/// sampling and shuffle, rather than `rand`'s, so the output cannot change
/// when a dependency changes its algorithms.
struct Gen(ChaCha8Rng);

impl Gen {
    /// A uniform integer in `0..n` (0 when n is 0), without modulo bias.
    fn below(&mut self, n: usize) -> usize {
        let Ok(n32) = u32::try_from(n) else {
            // Never reached for the sizes the CLI allows; keep it total anyway.
            return (self.0.next_u64() % n as u64) as usize;
        };
        if n32 == 0 {
            return 0;
        }
        let zone = u32::MAX - (u32::MAX % n32);
        loop {
            let x = self.0.next_u32();
            if x < zone {
                return (x % n32) as usize;
            }
        }
    }

    /// A uniform integer in `lo..=hi`.
    fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + self.below((hi - lo + 1) as usize) as u32
    }

    /// True with probability `percent`/100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// One element of a non-empty slice.
    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len()))
    }

    /// Fisher–Yates.
    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

/// The three countries of every generated scenario, by index.
const ORIGIN: usize = 0;
const TRANSIT: usize = 1;
const DESTINATION: usize = 2;
const COUNTRY_IDS: [&str; 3] = ["ashar", "belmar", "corvel"];
const COUNTRY_NAMES: [&str; 3] = ["Ashar", "Belmar", "Corvel"];

const GIVEN: [[&str; 12]; 3] = [
    [
        "Arif", "Babul", "Rina", "Kamal", "Salma", "Jamil", "Nasrin", "Hasan", "Farid", "Mitu",
        "Rafiq", "Shirin",
    ],
    [
        "Agus", "Dewi", "Hendra", "Siti", "Rudi", "Wayan", "Putri", "Joko", "Rahmat", "Lina",
        "Bayu", "Ratna",
    ],
    [
        "Daniel", "Sarah", "Marco", "Elena", "Tom", "Nadia", "Victor", "Amira", "Leo", "Grace",
        "Pavel", "Ines",
    ],
];
const FAMILY: [[&str; 10]; 3] = [
    [
        "Hossain",
        "Ahmed",
        "Chowdhury",
        "Sarkar",
        "Mia",
        "Begum",
        "Uddin",
        "Karim",
        "Talukder",
        "Molla",
    ],
    [
        "Santoso", "Wijaya", "Hamzah", "Lim", "Tan", "Harun", "Saputra", "Nasution", "Ismail",
        "Halim",
    ],
    [
        "Mercer", "Hale", "Novak", "Reyes", "Okafor", "Brandt", "Costa", "Walsh", "Duval", "Petrov",
    ],
];
const ALIASES: [&str; 12] = [
    "Boss", "Uncle", "Doctor", "Captain", "Sister", "Tauke", "Bhai", "Khala", "Mister", "Old Man",
    "Teacher", "Cousin",
];

/// Role shares in permille, and the id prefix of each role.
const ROLE_MIX: [(Role, usize, &str); 9] = [
    (Role::Organiser, 10, "org"),
    (Role::MoneyBroker, 40, "bkr"),
    (Role::CorruptOfficial, 40, "off"),
    (Role::DocumentForger, 50, "fgr"),
    (Role::Recruiter, 170, "rec"),
    (Role::Transporter, 190, "drv"),
    (Role::BoatCaptain, 140, "cap"),
    (Role::SafeHouseKeeper, 140, "shk"),
    (Role::Enforcer, 220, "enf"),
];

/// How a generated route mostly travels, for crews, groups and recruitment.
#[derive(Clone, Copy, PartialEq, Eq)]
enum RouteKind {
    Sea,
    Land,
    Air,
}

/// Generate a scenario.
pub fn generate(opts: &GenerateOptions) -> Scenario {
    let n = opts.actors.max(MIN_ACTORS);
    let team_count = opts.teams.max(1);
    let mut g = Gen(ChaCha8Rng::seed_from_u64(opts.seed));

    let countries = countries();
    let (mut places, routes, kinds) = places_and_routes(n);
    let actors = actors(&mut g, n, &places, &routes, &kinds);
    let ties = ties(&mut g, &actors);
    let teams = teams(&mut g, team_count, &actors);
    let channels = channels(&teams);
    let assets = assets(&mut g, &actors);
    let (migrant_groups, recruitment) = migrants(&mut g, n, &routes, &kinds);
    let injects = injects(&actors, &routes, &kinds, &teams);
    // Extra routes append their landing places last; list places country by country.
    places.sort_by_key(|p| country_rank(p.country.as_deref()));

    let ties_n = ties.len();
    Scenario {
        id: format!("generated_{n}"),
        title: format!("Generated network of {n} actors"),
        briefing: format!(
            "A generated exercise for benchmarks and load tests: {n} network members and {ties_n} ties \
             working {} routes from Ashar through Belmar to Corvel, {team_count} agencies, 52 weekly turns. \
             Generated with seed {}; regenerate with `undertow generate --actors {n} --teams {team_count} --seed {}`.",
            routes.len(),
            opts.seed,
            opts.seed
        ),
        start_date: "2027-01-04".into(),
        turn_length: TurnLength::Week,
        turns: 52,
        seed: opts.seed,
        objectives: objectives(),
        countries,
        teams,
        channels,
        places,
        routes,
        actors,
        ties,
        assets,
        migrant_groups,
        recruitment,
        injects,
        scoring: Scoring::default(),
        action_rules: Vec::new(),
        agencies: Vec::new(),
        indicators: Vec::new(),
        lessons: Vec::new(),
    }
}

/// Sort key keeping places grouped origin, transit, international, destination.
fn country_rank(country: Option<&str>) -> usize {
    match country {
        Some(c) if c == COUNTRY_IDS[ORIGIN] => 0,
        Some(c) if c == COUNTRY_IDS[TRANSIT] => 1,
        None => 2,
        Some(_) => 3,
    }
}

fn countries() -> Vec<Country> {
    let law = |interception_threshold, mla_delay, extradition, corruption| Law {
        smuggling_criminalised: true,
        trafficking_criminalised: true,
        interception_allowed: true,
        interception_threshold,
        arrest_threshold: 3,
        charge_threshold: 5,
        mla_delay,
        extradition,
        extradites_nationals: true,
        fiu_consent: false,
        corruption,
        corruption_drop: 5,
        boarding_consent: true,
        jit_basis: true,
        jit_setup: 2,
        irregular_entry_offence: true,
        irregular_exit_offence: false,
        non_punishment: true,
        shelter_places: None,
        reflection_turns: None,
        minors_detention: false,
        screening_indicators: None,
    };
    vec![
        Country {
            id: COUNTRY_IDS[ORIGIN].into(),
            name: COUNTRY_NAMES[ORIGIN].into(),
            role: CountryRole::Origin,
            law: law(3, 6, false, 15),
        },
        Country {
            id: COUNTRY_IDS[TRANSIT].into(),
            name: COUNTRY_NAMES[TRANSIT].into(),
            role: CountryRole::Transit,
            law: law(2, 5, true, 20),
        },
        Country {
            id: COUNTRY_IDS[DESTINATION].into(),
            name: COUNTRY_NAMES[DESTINATION].into(),
            role: CountryRole::Destination,
            law: law(2, 4, true, 2),
        },
    ]
}

fn place(id: &str, name: &str, country: Option<usize>, kind: PlaceKind) -> Place {
    Place {
        id: id.into(),
        name: name.into(),
        country: country.map(|c| COUNTRY_IDS[c].to_string()),
        kind,
        calls_at: Vec::new(),
    }
}

fn leg(from: &str, to: &str, mode: Mode, turns: u32, hazard: u32) -> Leg {
    Leg {
        flag: None,
        from: from.into(),
        to: to.into(),
        mode,
        turns,
        hazard,
        needs: None,
    }
}

/// The map: four fixed routes (sea, land, air, a direct sea crossing) and, for
/// bigger networks, more sea and land variants with their own landing places.
fn places_and_routes(n: usize) -> (Vec<Place>, Vec<Route>, Vec<RouteKind>) {
    use PlaceKind::*;
    let (o, t, d) = (Some(ORIGIN), Some(TRANSIT), Some(DESTINATION));
    let mut places = vec![
        place("ashar_capital", "Ashar City", o, City),
        place("ashar_town", "Dolgarh", o, City),
        place("ashar_airport", "Ashar International Airport", o, Airport),
        place("ashar_port", "Port Kallan", o, Port),
        place("ashar_border", "Dolgarh border post", o, BorderPost),
        place("ashar_safehouse", "Guest house in Dolgarh", o, SafeHouse),
        place("belmar_city", "Belmar", t, City),
        place("belmar_airport", "Belmar International Airport", t, Airport),
        place("belmar_border_in", "Northern checkpoint", t, BorderPost),
        place("belmar_border_out", "Southern checkpoint", t, BorderPost),
        place("belmar_port", "Sela harbour", t, Port),
        place("belmar_island", "Sela island", t, Coast),
        place("belmar_safehouse", "House on Sela island", t, SafeHouse),
        place(
            "open_sea",
            "The Straits (international waters)",
            None,
            SeaZone,
        ),
        place(
            "far_sea",
            "The outer sea (international waters)",
            None,
            SeaZone,
        ),
        place("corvel_coast", "Corvel north coast", d, Coast),
        place("corvel_city", "Corvel", d, City),
        place("corvel_airport", "Corvel International Airport", d, Airport),
        place("corvel_border", "Corvel land border", d, BorderPost),
        place("corvel_safehouse", "Boarding house, Corvel", d, SafeHouse),
        place("corvel_farms", "Greenfields farms", d, Worksite),
    ];
    let route = |id: &str, name: &str, price, legs| Route {
        id: id.into(),
        name: name.into(),
        legs,
        price,
        candidate: false,
        on_credit: 0,
    };
    let mut routes = vec![
        route(
            "sea_main",
            "Through Belmar and across the Straits by boat",
            6000,
            vec![
                leg("ashar_town", "ashar_airport", Mode::Land, 1, 2),
                leg("ashar_airport", "belmar_airport", Mode::Air, 1, 0),
                leg("belmar_airport", "belmar_port", Mode::Land, 1, 3),
                leg("belmar_port", "belmar_island", Mode::Sea, 1, 5),
                leg("belmar_island", "open_sea", Mode::Sea, 2, 18),
                leg("open_sea", "corvel_coast", Mode::Sea, 1, 12),
            ],
        ),
        route(
            "land_main",
            "Overland through Belmar",
            4000,
            vec![
                leg("ashar_town", "ashar_border", Mode::Land, 1, 3),
                leg("ashar_border", "belmar_border_in", Mode::Land, 1, 4),
                leg("belmar_border_in", "belmar_city", Mode::Land, 1, 2),
                leg("belmar_city", "belmar_border_out", Mode::Land, 1, 3),
                leg("belmar_border_out", "corvel_border", Mode::Land, 2, 6),
                leg("corvel_border", "corvel_city", Mode::Land, 1, 2),
            ],
        ),
        route(
            "air",
            "By air with borrowed passports",
            15000,
            vec![
                leg("ashar_capital", "ashar_airport", Mode::Land, 1, 1),
                leg("ashar_airport", "corvel_airport", Mode::Air, 2, 1),
            ],
        ),
        route(
            "sea_direct",
            "Direct by trawler from Port Kallan",
            2500,
            vec![
                leg("ashar_port", "far_sea", Mode::Sea, 2, 22),
                leg("far_sea", "corvel_coast", Mode::Sea, 2, 15),
            ],
        ),
    ];
    let mut kinds = vec![
        RouteKind::Sea,
        RouteKind::Land,
        RouteKind::Air,
        RouteKind::Sea,
    ];
    // One more route per 2,500 members, up to eight more: a big network works many lines.
    let extra = (n / 2500).min(8);
    for k in 1..=extra {
        if k % 2 == 1 {
            let cove = format!("belmar_cove_{k}");
            let beach = format!("corvel_beach_{k}");
            places.push(place(&cove, &format!("Cove {k}, Belmar"), t, Coast));
            places.push(place(&beach, &format!("Beach {k}, Corvel"), d, Coast));
            routes.push(route(
                &format!("sea_{k}"),
                &format!("By boat from cove {k}"),
                5000 + 250 * k as u32,
                vec![
                    leg("ashar_town", "ashar_airport", Mode::Land, 1, 2),
                    leg("ashar_airport", "belmar_airport", Mode::Air, 1, 0),
                    leg("belmar_airport", &cove, Mode::Land, 1, 3),
                    leg(&cove, "open_sea", Mode::Sea, 2, 14 + (k as u32 % 8)),
                    leg("open_sea", &beach, Mode::Sea, 1, 10),
                ],
            ));
            kinds.push(RouteKind::Sea);
        } else {
            let hub = format!("belmar_hub_{k}");
            let crossing = format!("corvel_crossing_{k}");
            places.push(place(&hub, &format!("Truck stop {k}, Belmar"), t, City));
            places.push(place(
                &crossing,
                &format!("Crossing {k}, Corvel"),
                d,
                BorderPost,
            ));
            routes.push(route(
                &format!("land_{k}"),
                &format!("Overland via truck stop {k}"),
                3500 + 250 * k as u32,
                vec![
                    leg("ashar_town", "ashar_border", Mode::Land, 1, 3),
                    leg("ashar_border", "belmar_border_in", Mode::Land, 1, 4),
                    leg("belmar_border_in", &hub, Mode::Land, 1, 2),
                    leg(&hub, &crossing, Mode::Land, 2, 5 + (k as u32 % 5)),
                    leg(&crossing, "corvel_city", Mode::Land, 1, 2),
                ],
            ));
            kinds.push(RouteKind::Land);
        }
    }
    (places, routes, kinds)
}

/// How many members each role gets: the permille mix, at least one organiser
/// (three from 50 members), and the remainder spread over the aides.
fn role_counts(n: usize) -> [usize; 9] {
    let mut counts = ROLE_MIX.map(|(_, permille, _)| n * permille / 1000);
    counts[0] = counts[0].max(if n >= 50 { 3 } else { 1 });
    let mut total: usize = counts.iter().sum();
    // Aides absorb the rounding: recruiters, drivers, enforcers first.
    let order = [4, 5, 8, 6, 7, 3, 1, 2];
    let mut k = 0;
    while total < n {
        counts[order[k % order.len()]] += 1;
        total += 1;
        k += 1;
    }
    while total > n {
        let i = order[k % order.len()];
        if counts[i] > 1 {
            counts[i] -= 1;
            total -= 1;
        }
        k += 1;
    }
    counts
}

/// The country a member of this role lives in, by the flagship's pattern:
/// recruiters at home, crews in transit, exploiters at the destination.
fn country_for(g: &mut Gen, role: Role, kind: Option<RouteKind>) -> usize {
    let roll = g.below(100);
    match role {
        Role::Organiser => match roll {
            0..20 => ORIGIN,
            20..70 => TRANSIT,
            _ => DESTINATION,
        },
        Role::Recruiter => ORIGIN,
        Role::Transporter => match roll {
            0..35 => ORIGIN,
            35..80 => TRANSIT,
            _ => DESTINATION,
        },
        // Trawlers on the direct route sail from the origin's own port.
        Role::BoatCaptain if roll < 20 => ORIGIN,
        Role::BoatCaptain => TRANSIT,
        Role::DocumentForger if kind == Some(RouteKind::Air) => ORIGIN,
        Role::DocumentForger => {
            if roll < 50 {
                ORIGIN
            } else {
                TRANSIT
            }
        }
        Role::MoneyBroker | Role::Enabler | Role::Company => roll % 3,
        Role::CorruptOfficial => match roll {
            0..40 => ORIGIN,
            40..90 => TRANSIT,
            _ => DESTINATION,
        },
        Role::SafeHouseKeeper => {
            if roll < 60 {
                TRANSIT
            } else {
                DESTINATION
            }
        }
        Role::Enforcer => {
            if roll < 50 {
                TRANSIT
            } else {
                DESTINATION
            }
        }
    }
}

/// Trait ranges (caution, loyalty, skill) by role: organisers careful and
/// loyal, brokers careful, crews careless and replaceable.
fn traits_for(g: &mut Gen, role: Role) -> (u32, u32, u32) {
    match role {
        Role::Organiser => (g.range(65, 95), g.range(70, 95), g.range(60, 95)),
        Role::MoneyBroker | Role::CorruptOfficial => {
            (g.range(55, 85), g.range(50, 85), g.range(50, 85))
        }
        Role::DocumentForger => (g.range(40, 75), g.range(40, 75), g.range(50, 90)),
        _ => (g.range(15, 60), g.range(30, 70), g.range(30, 70)),
    }
}

fn actors(
    g: &mut Gen,
    n: usize,
    places: &[Place],
    routes: &[Route],
    kinds: &[RouteKind],
) -> Vec<Actor> {
    let counts = role_counts(n);
    let width = n.to_string().len().max(4);
    let sea_routes: Vec<usize> = (0..routes.len())
        .filter(|&r| kinds[r] == RouteKind::Sea)
        .collect();
    let all_routes: Vec<usize> = (0..routes.len()).collect();
    let land_places = |c: usize| -> Vec<&Place> {
        places
            .iter()
            .filter(|p| {
                p.country.as_deref() == Some(COUNTRY_IDS[c]) && p.kind != PlaceKind::SeaZone
            })
            .collect()
    };
    let home_places: [Vec<&Place>; 3] = [land_places(0), land_places(1), land_places(2)];
    let mut out = Vec::with_capacity(n);
    for (r, &(role, _, prefix)) in ROLE_MIX.iter().enumerate() {
        for k in 0..counts[r] {
            // Crews work one route; organisers, brokers and officials serve them all.
            let route = match role {
                Role::BoatCaptain => g.pick(&sea_routes).copied(),
                Role::Organiser | Role::MoneyBroker | Role::CorruptOfficial => None,
                _ if g.chance(85) => g.pick(&all_routes).copied(),
                _ => None,
            };
            let kind = route.map(|r| kinds[r]);
            let country = match route.map(|r| routes[r].id.as_str()) {
                Some("sea_direct") if role == Role::BoatCaptain => ORIGIN,
                _ => country_for(g, role, kind),
            };
            let (caution, loyalty, skill) = traits_for(g, role);
            let given = GIVEN[country][g.below(GIVEN[country].len())];
            let family = FAMILY[country][g.below(FAMILY[country].len())];
            let alias = g
                .chance(20)
                .then(|| ALIASES[g.below(ALIASES.len())].to_string());
            let place = g.pick(&home_places[country]).map(|p| p.id.clone());
            out.push(Actor {
                id: format!("{prefix}{:0width$}", out.len() + 1),
                name: format!("{given} {family}"),
                alias,
                role,
                country: COUNTRY_IDS[country].into(),
                nationality: None,
                place,
                route: route.map(|r| routes[r].id.clone()),
                caution,
                loyalty,
                skill,
                // The first of each role always works, so every stage is staffed.
                reserve: k > 0 && g.chance(10),
                licensed: false,
            });
        }
    }
    out
}

/// The kind of tie two members most plausibly share.
fn tie_kind(g: &mut Gen, a: &Actor, b: &Actor) -> TieKind {
    let either = |r: Role| a.role == r || b.role == r;
    if either(Role::CorruptOfficial) {
        TieKind::Corruption
    } else if either(Role::MoneyBroker) {
        TieKind::Finance
    } else if either(Role::Organiser) {
        if g.chance(80) {
            TieKind::Command
        } else {
            TieKind::Kinship
        }
    } else if a.route.is_some() && a.route == b.route {
        if g.chance(70) {
            TieKind::Logistics
        } else {
            TieKind::Communication
        }
    } else {
        match g.below(10) {
            0..5 => TieKind::Communication,
            5..7 => TieKind::Kinship,
            _ => TieKind::Command,
        }
    }
}

/// Preferential attachment over the members (brokers, officials and forgers
/// join first and so become the hubs), with a quarter of the ties drawn
/// within the newcomer's route for clustering; organisers join last with a
/// few ties to hubs, insulated as real organisers are.
fn ties(g: &mut Gen, actors: &[Actor]) -> Vec<Tie> {
    let n = actors.len();
    let senior = |a: &Actor| {
        matches!(
            a.role,
            Role::MoneyBroker | Role::CorruptOfficial | Role::DocumentForger
        )
    };
    let mut first: Vec<usize> = (0..n).filter(|&i| senior(&actors[i])).collect();
    let mut rest: Vec<usize> = (0..n)
        .filter(|&i| actors[i].role != Role::Organiser && !senior(&actors[i]))
        .collect();
    g.shuffle(&mut first);
    g.shuffle(&mut rest);
    let order: Vec<usize> = first.into_iter().chain(rest).collect();

    fn route_ix(a: &Actor) -> Option<&str> {
        a.route.as_deref()
    }
    let mut web = Web {
        ties: Vec::with_capacity(TIES_PER_ACTOR * n + 8),
        ends: Vec::with_capacity(2 * TIES_PER_ACTOR * n),
        degree: vec![0; n],
    };
    let mut by_route: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (pos, &me) in order.iter().enumerate() {
        let want = TIES_PER_ACTOR.min(pos);
        let mut chosen: Vec<usize> = Vec::with_capacity(want);
        let mut tries = 0;
        while chosen.len() < want && tries < 50 {
            tries += 1;
            let roll = g.below(100);
            let local = route_ix(&actors[me]).and_then(|r| by_route.get(r));
            let other = match (roll, local) {
                (0..25, Some(list)) if !list.is_empty() => list[g.below(list.len())],
                (0..80, _) if !web.ends.is_empty() => web.ends[g.below(web.ends.len())],
                _ => order[g.below(pos)],
            };
            if other != me && !chosen.contains(&other) {
                chosen.push(other);
            }
        }
        for other in chosen {
            web.add(g, actors, me, other);
        }
        if let Some(r) = route_ix(&actors[me]) {
            by_route.entry(r).or_default().push(me);
        }
    }
    // Organisers: a few strong ties to hubs and one to another organiser.
    let mut hubs: Vec<usize> = order.clone();
    hubs.sort_by_key(|&i| (std::cmp::Reverse(web.degree[i]), i));
    hubs.truncate((n / 20).max(10).min(hubs.len()));
    let organisers: Vec<usize> = (0..n)
        .filter(|&i| actors[i].role == Role::Organiser)
        .collect();
    for (k, &me) in organisers.iter().enumerate() {
        let want = 3 + g.below(3);
        let mut chosen: Vec<usize> = Vec::new();
        let mut tries = 0;
        while chosen.len() < want.min(hubs.len()) && tries < 50 {
            tries += 1;
            if let Some(&h) = g.pick(&hubs)
                && !chosen.contains(&h)
            {
                chosen.push(h);
            }
        }
        if k > 0 {
            chosen.push(organisers[g.below(k)]);
        }
        for other in chosen {
            web.add(g, actors, me, other);
        }
    }
    web.ties
}

/// The ties drawn so far, with what preferential attachment needs.
struct Web {
    ties: Vec<Tie>,
    /// Every tie end, once per tie: a uniform pick from it is a pick by degree.
    ends: Vec<usize>,
    degree: Vec<usize>,
}

impl Web {
    fn add(&mut self, g: &mut Gen, actors: &[Actor], a: usize, b: usize) {
        let kind = tie_kind(g, &actors[a], &actors[b]);
        self.ties.push(Tie {
            a: actors[a].id.clone(),
            b: actors[b].id.clone(),
            kind,
            strength: g.range(30, 95),
        });
        self.ends.push(a);
        self.ends.push(b);
        self.degree[a] += 1;
        self.degree[b] += 1;
    }
}

/// The kinds of agency a generated country fields, all of them the
/// catalogue's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Police,
    Immigration,
    CoastGuard,
    Prosecutor,
    FinancialIntelligence,
}

impl Kind {
    fn agency(self) -> Agency {
        match self {
            Kind::Police => Agency::POLICE,
            Kind::Immigration => Agency::IMMIGRATION,
            Kind::CoastGuard => Agency::COAST_GUARD,
            Kind::Prosecutor => Agency::PROSECUTOR,
            Kind::FinancialIntelligence => Agency::FINANCIAL_INTELLIGENCE,
        }
    }
}

/// Agencies in the order each country fields them.
fn agencies_of(country: usize) -> [Kind; 5] {
    use Kind::*;
    match country {
        ORIGIN => [
            Police,
            Immigration,
            FinancialIntelligence,
            Prosecutor,
            CoastGuard,
        ],
        TRANSIT => [
            Police,
            CoastGuard,
            Immigration,
            FinancialIntelligence,
            Prosecutor,
        ],
        _ => [
            Police,
            CoastGuard,
            Immigration,
            Prosecutor,
            FinancialIntelligence,
        ],
    }
}

fn agency_slug(a: Kind) -> (&'static str, &'static str) {
    match a {
        Kind::Police => ("police", "Police"),
        Kind::Immigration => ("immigration", "Immigration Service"),
        Kind::CoastGuard => ("coast_guard", "Coast Guard"),
        Kind::Prosecutor => ("prosecutor", "Public Prosecutor"),
        Kind::FinancialIntelligence => ("fiu", "Financial Intelligence Unit"),
    }
}

/// Teams dealt round the three countries, each country's agencies in turn;
/// operational teams start with a few low-level leads in their own country.
fn teams(g: &mut Gen, count: usize, actors: &[Actor]) -> Vec<Team> {
    let mut out = Vec::with_capacity(count);
    let mut per_country = [0usize; 3];
    for k in 0..count {
        let country = k % 3;
        let nth = per_country[country];
        per_country[country] += 1;
        let agency = agencies_of(country)[nth % 5];
        let (slug, label) = agency_slug(agency);
        let unit = nth / 5 + 1;
        let (id, name) = if unit == 1 {
            (
                format!("{}_{slug}", COUNTRY_IDS[country]),
                format!("{} {label}", COUNTRY_NAMES[country]),
            )
        } else {
            (
                format!("{}_{slug}_{unit}", COUNTRY_IDS[country]),
                format!("{} {label}, unit {unit}", COUNTRY_NAMES[country]),
            )
        };
        let (lead_roles, lead_count): (&[Role], usize) = match agency {
            Kind::Police => (
                &[
                    Role::Recruiter,
                    Role::Transporter,
                    Role::SafeHouseKeeper,
                    Role::Enforcer,
                ],
                2,
            ),
            Kind::Immigration => (&[Role::DocumentForger, Role::Transporter], 1),
            Kind::CoastGuard => (&[Role::BoatCaptain], 1),
            Kind::FinancialIntelligence => (&[Role::MoneyBroker], 1),
            Kind::Prosecutor => (&[], 0),
        };
        let candidates: Vec<&Actor> = actors
            .iter()
            .filter(|a| {
                !a.reserve && a.country == COUNTRY_IDS[country] && lead_roles.contains(&a.role)
            })
            .collect();
        let mut leads: Vec<String> = Vec::new();
        for _ in 0..lead_count {
            if let Some(a) = g.pick(&candidates)
                && !leads.contains(&a.id)
            {
                leads.push(a.id.clone());
            }
        }
        out.push(Team {
            id,
            name: name.clone(),
            country: COUNTRY_IDS[country].into(),
            agency: agency.agency(),
            capacity: g.range(4, 6),
            interpreters: if matches!(agency, Kind::Immigration | Kind::CoastGuard) {
                2
            } else {
                1
            },
            brief: format!(
                "You are the {name}. The network is large and most of it is unknown to you: \
                 start from your leads, follow the money and the ties, and work with the other agencies."
            ),
            leads,
            actions: Vec::new(),
        });
    }
    out
}

/// Standing channels along the route: police to police across each border,
/// coast guard to coast guard at sea.
fn channels(teams: &[Team]) -> Vec<Channel> {
    let find = |country: usize, agency: Kind| {
        teams
            .iter()
            .find(|t| t.country == COUNTRY_IDS[country] && t.agency == agency.agency())
            .map(|t| t.id.clone())
    };
    let pairs = [
        (ORIGIN, TRANSIT, Kind::Police),
        (TRANSIT, DESTINATION, Kind::Police),
        (TRANSIT, DESTINATION, Kind::CoastGuard),
    ];
    pairs
        .iter()
        .filter_map(|&(x, y, agency)| {
            Some(Channel {
                a: find(x, agency)?,
                b: find(y, agency)?,
            })
        })
        .collect()
}

/// One kind of asset: who may own it, what it is called, what it is worth.
type AssetPlan<'a> = (AssetKind, Vec<&'a Actor>, &'static str, (u32, u32));

/// About one asset per eight members, each owned by a member whose work needs it.
fn assets(g: &mut Gen, actors: &[Actor]) -> Vec<Asset> {
    let count = (actors.len() / 8).max(4);
    let width = count.to_string().len().max(3);
    let of_roles = |roles: &[Role]| -> Vec<&Actor> {
        actors.iter().filter(|a| roles.contains(&a.role)).collect()
    };
    let owners: [AssetPlan; 6] = [
        (
            AssetKind::Boat,
            of_roles(&[Role::BoatCaptain, Role::Organiser]),
            "Fishing boat",
            (10, 40),
        ),
        (
            AssetKind::Vehicle,
            of_roles(&[Role::Transporter]),
            "Minibus",
            (4, 12),
        ),
        (AssetKind::Phone, actors.iter().collect(), "Phone", (1, 3)),
        (
            AssetKind::Account,
            of_roles(&[Role::MoneyBroker, Role::Organiser]),
            "Bank accounts",
            (20, 80),
        ),
        (
            AssetKind::Documents,
            of_roles(&[Role::DocumentForger]),
            "Blank passports and stamps",
            (5, 20),
        ),
        (
            AssetKind::Property,
            of_roles(&[Role::Organiser, Role::MoneyBroker, Role::SafeHouseKeeper]),
            "House",
            (40, 150),
        ),
    ];
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let (kind, candidates, label, (lo, hi)) = &owners[g.below(owners.len())];
        // Every role has members from ten actors up; the fallback keeps it total.
        let Some(owner) = g.pick(candidates).copied().or(actors.first()) else {
            continue;
        };
        out.push(Asset {
            id: format!("asset{:0width$}", i + 1),
            name: format!("{label} of {}", owner.name),
            kind: *kind,
            owner: owner.id.clone(),
            value: g.range(*lo, *hi),
        });
    }
    out
}

fn indicators(g: &mut Gen, share: usize) -> Vec<Indicator> {
    if !g.chance(share) {
        return Vec::new();
    }
    let mut v = vec![Indicator::DECEPTION];
    if g.chance(60) {
        v.push(Indicator::DEBT_BONDAGE);
    }
    if g.chance(40) {
        v.push(Indicator::CONFISCATED_DOCUMENTS);
    }
    if g.chance(20) {
        v.push(Indicator::COERCION);
    }
    if g.chance(10) {
        v.push(Indicator::MINORS);
    }
    v
}

/// Groups already recruited at the start, and the network's recruitment on
/// every route: boats carry many, planes few, and the planes carry the deceived.
fn migrants(
    g: &mut Gen,
    n: usize,
    routes: &[Route],
    kinds: &[RouteKind],
) -> (Vec<MigrantGroup>, Vec<Recruitment>) {
    let size_of = |g: &mut Gen, kind: RouteKind| match kind {
        RouteKind::Sea => g.range(20, 60),
        RouteKind::Land => g.range(8, 25),
        RouteKind::Air => g.range(3, 8),
    };
    let count = 6 + n / 1000;
    let mut groups = Vec::with_capacity(count);
    for i in 0..count {
        let r = i % routes.len();
        let size = size_of(g, kinds[r]);
        let share = if kinds[r] == RouteKind::Air { 60 } else { 30 };
        groups.push(MigrantGroup {
            id: format!("group{:03}", i + 1),
            size,
            route: routes[r].id.clone(),
            depart_turn: 1 + (i as u32 * 2) % 12,
            vulnerability: g.range(40, 85),
            indicators: indicators(g, share),
            exploitation: None,
        });
    }
    let recruitment = routes
        .iter()
        .zip(kinds)
        .map(|(route, &kind)| {
            let (every, share) = match kind {
                RouteKind::Sea => (g.range(3, 5), g.range(15, 30)),
                RouteKind::Land => (g.range(2, 4), g.range(15, 35)),
                RouteKind::Air => (3, g.range(50, 65)),
            };
            Recruitment {
                route: route.id.clone(),
                every,
                group_size: size_of(g, kind),
                vulnerability: g.range(50, 75),
                trafficking_share: share,
                exploitation: Vec::new(),
                indicators: Vec::new(),
            }
        })
        .collect();
    (groups, recruitment)
}

fn inject(id: &str, title: &str, trigger: Trigger, message: &str, effects: Vec<Effect>) -> Inject {
    Inject {
        id: id.into(),
        title: title.into(),
        trigger,
        to: Vec::new(),
        message: message.into(),
        effects,
        admissible: false,
    }
}

/// A short MSEL: scheduled weather, a boat in distress, an exposure, the
/// half-way review, and the network's answers to pressure.
fn injects(actors: &[Actor], routes: &[Route], kinds: &[RouteKind], teams: &[Team]) -> Vec<Inject> {
    let sea = routes
        .iter()
        .zip(kinds)
        .find(|(_, k)| **k == RouteKind::Sea)
        .map(|(r, _)| r.id.clone());
    let mut out = vec![inject(
        "opening",
        "The Joint Period of Action opens",
        Trigger::Turn(1),
        "Contact points are confirmed in every agency. What is shared informally guides; what goes to court must come by MLA or through a joint investigation team.",
        Vec::new(),
    )];
    let mut storm = inject(
        "storm",
        "Storm season",
        Trigger::Turn(3),
        "Heavy swell in the Straits for the next four weeks. Boats still leave.",
        vec![Effect::Weather {
            mode: Mode::Sea,
            extra_hazard: 15,
            turns: 4,
        }],
    );
    storm.to = teams
        .iter()
        .filter(|t| t.agency == Agency::COAST_GUARD)
        .map(|t| t.id.clone())
        .collect();
    out.push(storm);
    if let Some(route) = &sea {
        out.push(inject(
            "mayday",
            "Mayday in the Straits",
            Trigger::Turn(6),
            "A satellite phone call: a wooden boat taking on water, engine dead, the crew gone. Rescue comes first.",
            vec![Effect::BoatInDistress(route.clone())],
        ));
    }
    if let Some(exposed) = actors
        .iter()
        .find(|a| a.role == Role::SafeHouseKeeper && !a.reserve)
    {
        out.push(inject(
            "hotline_call",
            "A call to the hotline",
            Trigger::Turn(10),
            &format!(
                "A caller names the person who runs a house where people are locked in: {}.",
                exposed.name
            ),
            vec![Effect::Expose(exposed.id.clone())],
        ));
    }
    let successor = actors
        .iter()
        .find(|a| a.role == Role::Organiser && a.reserve);
    out.push(inject(
        "organiser_falls",
        "An organiser falls",
        Trigger::When(Condition::RoleArrested(Role::Organiser)),
        "Word on the street: someone is moving to take over the business.",
        successor
            .map(|a| vec![Effect::Activate(a.id.clone())])
            .unwrap_or_default(),
    ));
    if let Some(route) = &sea {
        out.push(inject(
            "lying_low",
            "The network lies low",
            Trigger::When(Condition::CapabilityBelow(70)),
            "Informants report the boats have stopped for now.",
            vec![Effect::CloseRoute {
                route: route.clone(),
                turns: 4,
            }],
        ));
    }
    out.push(inject(
        "half_way",
        "The half-way review",
        Trigger::Turn(26),
        "Exercise control asks every agency to report its outcomes.",
        Vec::new(),
    ));
    out.push(inject(
        "shelters_full",
        "Shelters are full",
        Trigger::When(Condition::AfterTurn(
            20,
            Box::new(Condition::MetricAtLeast(Metric::VictimsIdentified.key().into(), 20)),
        )),
        "The shelters ask for interpreters and legal aid; protected victims are ready to give evidence.",
        Vec::new(),
    ));
    out
}

fn objectives() -> Vec<Objective> {
    let at_least = |id: &str, text: &str, metric: &str, value, by_turn| Objective {
        id: id.into(),
        text: text.into(),
        criterion: Criterion::MetricAtLeast {
            metric: metric.into(),
            value,
            by_turn,
        },
    };
    let at_most = |id: &str, text: &str, metric: &str, value, by_turn| Objective {
        id: id.into(),
        text: text.into(),
        criterion: Criterion::MetricAtMost {
            metric: metric.into(),
            value,
            by_turn,
        },
    };
    vec![
        at_least(
            "convict_an_organiser",
            "Convict at least one organiser within forty weeks.",
            Metric::OrganisersConvicted.key(),
            1,
            40,
        ),
        at_most(
            "halve_the_network",
            "Leave the network with at most half of its capability.",
            Metric::NetworkCapability.key(),
            500,
            52,
        ),
        at_least(
            "identify_victims",
            "Identify at least twenty presumed trafficking victims.",
            Metric::VictimsIdentified.key(),
            20,
            52,
        ),
        at_most(
            "save_lives",
            "Keep the lives lost to twenty or fewer.",
            Metric::LivesLost.key(),
            20,
            52,
        ),
        at_least(
            "form_a_jit",
            "Form a joint investigation team by the half-way review.",
            Metric::JitsFormed.key(),
            1,
            26,
        ),
    ]
}

/// The scenario as RON text, as `undertow generate` prints it: one record per
/// line below the top-level lists, so a 10,000-member file stays readable
/// and well under the loader's size limit.
pub fn to_ron(scenario: &Scenario) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .depth_limit(2);
    ron::ser::to_string_pretty(scenario, config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_counts_add_up() {
        for n in [10, 11, 49, 50, 333, 2_000, 10_000] {
            let c = role_counts(n);
            assert_eq!(c.iter().sum::<usize>(), n, "{n}");
            assert!(c[0] >= 1);
        }
    }

    #[test]
    fn shuffle_and_below_are_stable() {
        let mut g = Gen(ChaCha8Rng::seed_from_u64(3));
        let mut v: Vec<usize> = (0..10).collect();
        g.shuffle(&mut v);
        let mut w: Vec<usize> = (0..10).collect();
        let mut h = Gen(ChaCha8Rng::seed_from_u64(3));
        h.shuffle(&mut w);
        assert_eq!(v, w);
        assert!((0..1000).all(|_| g.below(7) < 7));
        assert_eq!(g.below(0), 0);
    }
}
