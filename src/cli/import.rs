//! `undertow import`: a scenario skeleton from a real network (an edge list or
//! an adjacency matrix), for a designer to turn into an exercise.
//!
//! The network becomes the actors and ties; everything else (countries,
//! teams, places, routes, names, traits) is a placeholder the designer edits.
//! The output is checked with the same loader as `undertow check` before it is
//! written, so a skeleton that would not load is never handed over.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::network::{Layout, Network, read_network, read_text};
use super::roles::{Origin, guess_roles, read_roles};
use super::{CliError, Outcome};
use crate::analysis::{Format, Parsed, betweenness};
use crate::scenario::{Diagnostic, Role, load_scenario, render_all};

/// Most nodes a skeleton takes: a scenario far past this is unplayable, and
/// its file would outgrow what `undertow check` reads.
pub const MAX_ACTORS: usize = 10_000;

/// Most edges a skeleton takes, for the same reasons.
pub const MAX_TIES: usize = 50_000;

/// Tie strength given to every tie of a network without weights.
pub const UNWEIGHTED_STRENGTH: u32 = 50;

/// The formats `undertow import` reads: a network, never a scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportFormat {
    /// By content, never by file name.
    Auto,
    /// One tie per line: `a b [weight]`.
    #[value(name = "edgelist")]
    EdgeList,
    /// A labelled adjacency matrix: the first row and column hold ids.
    Matrix,
}

impl ImportFormat {
    /// How [`read_network`] reads a file of this format.
    fn layout(self) -> Layout {
        match self {
            ImportFormat::Auto => Layout::Auto,
            ImportFormat::EdgeList => Layout::EdgeList,
            ImportFormat::Matrix => Layout::Matrix,
        }
    }
}

/// Arguments of `undertow import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// An edge list (`a b [weight]` a line) or a labelled adjacency matrix.
    pub file: PathBuf,
    /// How to read FILE: `auto` tells the formats apart by content, not by name.
    #[arg(long, value_enum, default_value = "auto")]
    pub format: ImportFormat,
    /// Roles for some or all nodes: one `id role` a line (`17 money_broker`).
    #[arg(long, value_name = "FILE")]
    pub roles: Option<PathBuf>,
    /// Write the scenario here instead of to stdout.
    #[arg(short = 'o', long = "output", value_name = "OUT.ron")]
    pub output: Option<PathBuf>,
}

/// `undertow import`: the skeleton written, or why not.
pub fn import(args: &ImportArgs) -> Result<Outcome, CliError> {
    let (text, summary) = skeleton_for(args)?;
    match &args.output {
        Some(out) => std::fs::write(out, &text).map_err(|source| CliError::Write {
            path: out.display().to_string(),
            source,
        })?,
        None => {
            use std::io::Write;
            let stdout = std::io::stdout();
            let mut lock = stdout.lock();
            // A reader that went away (`| head`) has what it wanted.
            let _ = lock.write_all(text.as_bytes()).and_then(|()| lock.flush());
        }
    }
    eprintln!("{summary}");
    Ok(Outcome::Done)
}

/// The skeleton's text and a one-line summary for stderr, or a rendered error.
fn skeleton_for(args: &ImportArgs) -> Result<(String, String), CliError> {
    let file = args.file.display().to_string();
    let parsed = match read_network(&args.file, args.format.layout())? {
        Network::Graph(parsed) => parsed,
        Network::Scenario(_) => {
            return Err(CliError::BadInput(
                Diagnostic::new(
                    &file,
                    1,
                    1,
                    "this is already a scenario; `import` reads edge lists and adjacency matrices",
                )
                .with_help("check it with `undertow check`, or analyse it with `undertow analyze`")
                .render(None),
            ));
        }
    };
    let graph = &parsed.graph;
    let whole = |message: String, help: &str| {
        CliError::BadInput(
            Diagnostic::new(&file, 1, 1, message)
                .with_help(help)
                .render(None),
        )
    };
    if graph.node_count() > MAX_ACTORS {
        return Err(whole(
            format!(
                "the network has {} nodes; a scenario skeleton takes at most {MAX_ACTORS}",
                graph.node_count()
            ),
            "import one component or one period of the network",
        ));
    }
    if graph.edge_count() > MAX_TIES {
        return Err(whole(
            format!(
                "the network has {} ties; a scenario skeleton takes at most {MAX_TIES}",
                graph.edge_count()
            ),
            "import one component or one period of the network",
        ));
    }
    let ids = scenario_ids(graph.ids());
    let mut roles: Vec<(Role, Origin)> = guess_roles(graph)
        .into_iter()
        .map(|(role, why)| (role, Origin::Guess(why)))
        .collect();
    if let Some(path) = &args.roles {
        let name = path.display().to_string();
        let text = read_text(path)?;
        let given = read_roles(&name, &text, graph, &ids)
            .map_err(|d| CliError::BadInput(render_all(&d, Some(&text))))?;
        for (v, role) in given {
            if let Some(slot) = roles.get_mut(v as usize) {
                *slot = (role, Origin::File);
            }
        }
    }
    let source = Source {
        file: &file,
        parsed: &parsed,
        roles_file: args.roles.as_deref(),
    };
    let text = skeleton(&source, &ids, &roles);
    let out_name = args
        .output
        .as_ref()
        .map_or_else(|| "<stdout>".to_owned(), |p| p.display().to_string());
    // The skeleton is built to validate; if it does not, that is a bug here,
    // and saying so beats handing the designer a file `check` rejects.
    load_scenario(&out_name, &text).map_err(|d| {
        CliError::BadInput(format!(
            "internal error: the skeleton does not validate; please report this\n{}",
            render_all(&d, Some(&text))
        ))
    })?;
    let guessed = roles
        .iter()
        .filter(|(_, o)| matches!(o, Origin::Guess(_)))
        .count();
    let summary = format!(
        "imported {file}: {}, {}; {guessed} of {} roles guessed from structure: review them (see the comment at the top)",
        count(graph.node_count(), "actor"),
        count(graph.edge_count(), "tie"),
        graph.node_count(),
    );
    Ok((text, summary))
}

/// `1 tie`, `2 ties`.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// What the skeleton was made from.
struct Source<'a> {
    file: &'a str,
    parsed: &'a Parsed,
    roles_file: Option<&'a Path>,
}

/// Valid, unique snake_case ids for the nodes, in node order.
///
/// An id that is already snake_case (lower-case ASCII letters, digits and
/// single underscores, starting with a letter) is kept; others are folded:
/// accents dropped, capitals lowered (a capital after a small letter starts a
/// word), anything else a word break, and `n` put in front of a leading digit
/// (`17` becomes `n17`). An id that folds to nothing becomes `actor_N`, N its
/// position in the file. A folded id that is taken gets `_2`, `_3`, ... Ids
/// that were valid are placed first, so they never yield to a folded one.
pub fn scenario_ids(raw: &[String]) -> Vec<String> {
    let mut taken: BTreeSet<String> = raw.iter().filter(|r| is_snake(r)).cloned().collect();
    raw.iter()
        .enumerate()
        .map(|(i, r)| {
            if is_snake(r) {
                return r.clone();
            }
            let mut base = fold_id(r);
            if base.is_empty() {
                base = format!("actor_{}", i + 1);
            }
            let mut id = base.clone();
            let mut k = 2;
            while taken.contains(&id) {
                id = format!("{base}_{k}");
                k += 1;
            }
            taken.insert(id.clone());
            id
        })
        .collect()
}

/// Whether `id` is already a valid scenario id.
fn is_snake(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !id.ends_with('_')
        && !id.contains("__")
}

fn fold_id(raw: &str) -> String {
    let mut out = String::new();
    let mut previous_lower = false;
    for c in raw.chars() {
        let lower = c.to_lowercase().next().unwrap_or(c);
        let ascii = if c.is_ascii_alphanumeric() {
            Some(lower.to_string())
        } else {
            unaccent(lower).map(str::to_owned)
        };
        match ascii {
            Some(s) => {
                if c.is_uppercase() && previous_lower && !out.ends_with('_') {
                    out.push('_');
                }
                previous_lower = c.is_lowercase() || c.is_ascii_digit();
                out.push_str(&s);
            }
            None => {
                previous_lower = false;
                if !out.is_empty() && !out.ends_with('_') {
                    out.push('_');
                }
            }
        }
    }
    let out = out.trim_end_matches('_');
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        format!("n{out}")
    } else {
        out.to_owned()
    }
}

/// The plain letters of an accented Latin letter (lower case), if it is one.
fn unaccent(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
        'ł' | 'ľ' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'ř' => "r",
        'ś' | 'š' | 'ş' | 'ș' => "s",
        'ť' | 'ţ' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        _ => return None,
    })
}

/// A RON string literal for `s`.
fn ron_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // Other control characters are invisible in an editor anyway.
            c if c.is_control() => out.push('?'),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The three placeholder countries, in route order.
const COUNTRIES: [(&str, &str, &str); 3] = [
    ("origin", "Origin Country", "Origin"),
    ("transit", "Transit Country", "Transit"),
    ("destination", "Destination Country", "Destination"),
];

/// Where a member of each role lives and works in the skeleton, and the
/// route they serve. `turn` alternates members of one role between two places.
fn posting(role: Role, turn: usize) -> (&'static str, &'static str, Option<&'static str>) {
    let alternate = turn % 2 == 1;
    match role {
        Role::Organiser | Role::DocumentForger => ("transit", "transit_city", None),
        Role::MoneyBroker => match turn % 3 {
            0 => ("transit", "transit_city", None),
            1 => ("destination", "destination_city", None),
            _ => ("origin", "origin_city", None),
        },
        Role::Recruiter if alternate => ("origin", "origin_city", Some("land_route")),
        Role::Recruiter => ("origin", "origin_city", Some("sea_route")),
        Role::BoatCaptain => ("origin", "origin_port", Some("sea_route")),
        Role::Transporter if alternate => ("destination", "border_post", Some("land_route")),
        Role::Transporter => ("transit", "transit_city", Some("land_route")),
        Role::CorruptOfficial if alternate => ("destination", "border_post", None),
        Role::CorruptOfficial => ("origin", "origin_port", None),
        Role::SafeHouseKeeper => ("transit", "transit_city", None),
        Role::Enforcer => ("destination", "destination_city", None),
        Role::Enabler | Role::Company => ("transit", "transit_city", None),
    }
}

/// Starting traits (caution, loyalty, skill) by role, after `docs/SCENARIO.md`.
fn traits(role: Role) -> (u32, u32, u32) {
    match role {
        Role::Organiser => (80, 80, 70),
        Role::MoneyBroker => (65, 70, 60),
        Role::Recruiter => (35, 45, 50),
        Role::Transporter => (30, 35, 40),
        Role::BoatCaptain => (20, 30, 40),
        Role::DocumentForger => (50, 50, 60),
        Role::CorruptOfficial => (60, 40, 50),
        Role::SafeHouseKeeper => (40, 50, 40),
        Role::Enforcer => (40, 60, 45),
        Role::Enabler => (75, 70, 65),
        Role::Company => (60, 80, 50),
    }
}

/// A person's display name: the original id if it has letters, else `Member <id>`.
fn display_name(raw: &str) -> String {
    if raw.chars().any(char::is_alphabetic) {
        raw.to_owned()
    } else {
        format!("Member {raw}")
    }
}

/// Tie strengths 1–100: weights scaled so the strongest tie is 100 (ratios
/// kept, so tie distances stay as they were), or all [`UNWEIGHTED_STRENGTH`].
fn strengths(parsed: &Parsed) -> Vec<(u32, u32, u32)> {
    let strongest = parsed
        .graph
        .edges()
        .map(|(_, _, w)| w)
        .fold(0.0_f64, f64::max);
    parsed
        .graph
        .edges()
        .map(|(a, b, w)| {
            let s = if parsed.weighted && strongest > 0.0 {
                // In 0..=100 by construction; the cast cannot wrap.
                ((100.0 * w / strongest).round() as u32).clamp(1, 100)
            } else {
                UNWEIGHTED_STRENGTH
            };
            (a, b, s)
        })
        .collect()
}

/// The skeleton's RON text.
fn skeleton(source: &Source, ids: &[String], roles: &[(Role, Origin)]) -> String {
    let graph = &source.parsed.graph;
    let n = graph.node_count();
    let guessed = roles
        .iter()
        .filter(|(_, o)| matches!(o, Origin::Guess(_)))
        .count();
    let mut out = String::new();
    header_comment(&mut out, source, guessed, n);

    let stem = Path::new(source.file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let scenario_id = match fold_id(&stem) {
        s if s.is_empty() => "imported".to_owned(),
        s => s,
    };
    let _ = writeln!(out, "Scenario(");
    let _ = writeln!(out, "    id: {},", ron_str(&scenario_id));
    let _ = writeln!(out, "    title: \"Imported Network\",");
    let _ = writeln!(
        out,
        "    briefing: {},",
        ron_str(&format!(
            "A network of {n} people imported from {}. Replace this briefing with what the teams are told.",
            file_name(source.file)
        ))
    );
    // A fixed date keeps the output the same on every run.
    out.push_str(
        "    start_date: \"2027-01-04\",\n    turn_length: Week,\n    turns: 26,\n    seed: 1,\n",
    );
    out.push_str("    countries: [\n");
    for (id, name, role) in COUNTRIES {
        let _ = writeln!(
            out,
            "        Country(id: \"{id}\", name: \"{name}\", role: {role}, law: Law()),"
        );
    }
    out.push_str("    ],\n");

    let betweenness = betweenness(graph, false);
    let postings = postings(roles);
    let leads = leads(roles, &postings, &betweenness);
    out.push_str("    teams: [\n");
    for (c, (country, name, _)) in COUNTRIES.iter().enumerate() {
        let lead_ids: Vec<String> = leads[c].iter().map(|&v| ron_str(&ids[v])).collect();
        let police = name.replace(" Country", " Police");
        let _ = writeln!(
            out,
            "        Team(id: \"{country}_police\", name: \"{police}\", country: \"{country}\", agency: Police, capacity: 4, brief: \"Placeholder: say what this unit knows about its leads at the start.\", leads: [{}]),",
            lead_ids.join(", ")
        );
    }
    out.push_str("    ],\n");
    out.push_str(PLACES_AND_ROUTES);

    out.push_str("    actors: [\n");
    for v in 0..n {
        let (role, origin) = roles[v];
        let (country, place, route) = postings[v];
        let (caution, loyalty, skill) = traits(role);
        let raw = &graph.ids()[v];
        let route = route.map_or(String::new(), |r| format!(", route: Some(\"{r}\")"));
        let _ = write!(
            out,
            "        Actor(id: {}, name: {}, role: {role:?}, country: \"{country}\", place: Some(\"{place}\"){route}, caution: {caution}, loyalty: {loyalty}, skill: {skill}),",
            ron_str(&ids[v]),
            ron_str(&display_name(raw)),
        );
        let mut notes = Vec::new();
        if ids[v] != *raw {
            notes.push(format!("original id {}", ron_str(raw)));
        }
        match origin {
            Origin::Guess(why) => notes.push(format!("role guessed: {why}")),
            Origin::File => notes.push("role from the roles file".to_owned()),
        }
        let _ = writeln!(out, " // {}", notes.join("; "));
    }
    out.push_str("    ],\n");

    out.push_str("    ties: [\n");
    for (a, b, strength) in strengths(source.parsed) {
        let _ = writeln!(
            out,
            "        Tie(a: {}, b: {}, kind: Communication, strength: {strength}),",
            ron_str(&ids[a as usize]),
            ron_str(&ids[b as usize]),
        );
    }
    out.push_str("    ],\n");
    out.push_str(
        "    // New groups set off while a recruiter in the origin country is free and\n    // the route has its crew: a boat captain at sea, a transporter on land.\n",
    );
    out.push_str("    recruitment: [\n");
    out.push_str("        Recruitment(route: \"sea_route\", every: 2, group_size: 30, vulnerability: 60, trafficking_share: 20),\n");
    out.push_str("        Recruitment(route: \"land_route\", every: 3, group_size: 12, vulnerability: 50, trafficking_share: 10),\n");
    out.push_str("    ],\n)\n");
    out
}

/// The last part of a path, for the briefing.
fn file_name(file: &str) -> String {
    Path::new(file)
        .file_name()
        .map_or_else(|| file.to_owned(), |s| s.to_string_lossy().into_owned())
}

/// The comment that opens the skeleton: where it came from and what to review.
fn header_comment(out: &mut String, source: &Source, guessed: usize, n: usize) {
    let parsed = source.parsed;
    let layout = match parsed.format {
        Format::Matrix => "adjacency matrix",
        _ => "edge list",
    };
    let weights = if parsed.weighted {
        "weights scaled so the strongest tie has strength 100"
    } else {
        "no weights, so every tie has strength 50"
    };
    let _ = writeln!(
        out,
        "// Scenario skeleton made by `undertow import` from {}\n// ({layout}: {}, {}, {weights}).",
        comment_safe(source.file),
        count(n, "node"),
        count(parsed.graph.edge_count(), "tie"),
    );
    if parsed.self_loops_dropped > 0 {
        let _ = writeln!(
            out,
            "// {} tie(s) of a node to itself were dropped.",
            parsed.self_loops_dropped
        );
    }
    out.push_str("//\n");
    if guessed > 0 {
        let _ = writeln!(
            out,
            "// REVIEW THE ROLES: {guessed} of {n} roles were guessed from the network's\n// structure (docs/ANALYSIS.md, \"How import guesses roles\"); the comment\n// after each actor says why. Structure cannot tell forgers, corrupt\n// officials, safe-house keepers or enforcers apart: assign those by hand, or\n// list roles in a file for `undertow import --roles FILE`."
        );
    }
    if let Some(roles) = source.roles_file {
        let _ = writeln!(
            out,
            "// {} roles came from {}.",
            n - guessed,
            comment_safe(&roles.display().to_string())
        );
    }
    out.push_str(
        "// Everything else is a placeholder to edit: names, traits, the countries,\n// the police teams and their leads, the places, the two routes (sea and\n// land) and recruitment. Tie kinds are all Communication; make them Command,\n// Logistics, Finance, Kinship or Corruption where you know better.\n// Then check it: `undertow check FILE`.\n",
    );
}

/// Text safe inside a `//` comment: one line.
fn comment_safe(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

/// Country, place and route of every actor, from their roles.
fn postings(roles: &[(Role, Origin)]) -> Vec<(&'static str, &'static str, Option<&'static str>)> {
    let mut seen = [0_usize; Role::ALL.len()];
    roles
        .iter()
        .map(|&(role, _)| {
            let k = Role::ALL.iter().position(|&r| r == role).unwrap_or(0);
            let turn = seen[k];
            seen[k] += 1;
            posting(role, turn)
        })
        .collect()
}

/// One or two leads per team (by country, in [`COUNTRIES`] order): low-level
/// members, the least central first, from the team's own country when it has some.
fn leads(
    roles: &[(Role, Origin)],
    postings: &[(&'static str, &'static str, Option<&'static str>)],
    scores: &[f64],
) -> Vec<Vec<usize>> {
    let low_level = |v: &usize| !matches!(roles[*v].0, Role::Organiser | Role::MoneyBroker);
    let mut candidates: Vec<usize> = (0..roles.len()).filter(low_level).collect();
    // Stable: equal scores keep file order.
    candidates.sort_by(|&a, &b| scores[a].total_cmp(&scores[b]));
    let mut used = vec![false; roles.len()];
    COUNTRIES
        .iter()
        .map(|(country, _, _)| {
            let mut mine: Vec<usize> = candidates
                .iter()
                .copied()
                .filter(|&v| !used[v] && postings[v].0 == *country)
                .take(2)
                .collect();
            if mine.is_empty() {
                mine.extend(candidates.iter().copied().filter(|&v| !used[v]).take(1));
            }
            if mine.is_empty() {
                // A network of organisers and brokers only: the least central will do.
                let mut everyone: Vec<usize> = (0..roles.len()).collect();
                everyone.sort_by(|&a, &b| scores[a].total_cmp(&scores[b]));
                mine.extend(everyone.first());
            }
            for &v in &mine {
                used[v] = true;
            }
            mine
        })
        .collect()
}

/// Places and the two routes; fixed, for the designer to rename and extend.
const PLACES_AND_ROUTES: &str = r#"    places: [
        Place(id: "origin_city", name: "Origin City", country: Some("origin"), kind: City),
        Place(id: "origin_port", name: "Origin Port", country: Some("origin"), kind: Port),
        Place(id: "open_sea", name: "Open Sea", kind: SeaZone),
        Place(id: "transit_city", name: "Transit City", country: Some("transit"), kind: City),
        Place(id: "border_post", name: "Border Post", country: Some("destination"), kind: BorderPost),
        Place(id: "destination_coast", name: "Destination Coast", country: Some("destination"), kind: Coast),
        Place(id: "destination_city", name: "Destination City", country: Some("destination"), kind: City),
    ],
    routes: [
        Route(
            id: "sea_route",
            name: "Sea route",
            price: 3000,
            legs: [
                Leg(from: "origin_port", to: "open_sea", mode: Sea, turns: 2, hazard: 15),
                Leg(from: "open_sea", to: "destination_coast", mode: Sea, turns: 1, hazard: 10),
            ],
        ),
        Route(
            id: "land_route",
            name: "Land route",
            price: 2000,
            legs: [
                Leg(from: "origin_city", to: "transit_city", mode: Land, turns: 2, hazard: 3),
                Leg(from: "transit_city", to: "border_post", mode: Land, turns: 1, hazard: 2),
                Leg(from: "border_post", to: "destination_city", mode: Land, turns: 1, hazard: 1),
            ],
        ),
    ],
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn owned(ids: &[&str]) -> Vec<String> {
        ids.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn ids_become_unique_snake_case() {
        let raw = owned(&[
            "17",
            "Don Vito",
            "don_vito",
            "DonVito",
            "José-Luis",
            "陳志明",
            "a__b",
            "x_",
            "n17",
        ]);
        assert_eq!(
            scenario_ids(&raw),
            owned(&[
                "n17_2",
                "don_vito_2",
                "don_vito",
                "don_vito_3",
                "jose_luis",
                "actor_6",
                "a_b",
                "x",
                "n17",
            ])
        );
    }

    #[test]
    fn strings_and_names() {
        assert_eq!(ron_str(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(ron_str("tab\there\u{1}"), "\"tab\\there?\"");
        assert_eq!(display_name("17"), "Member 17");
        assert_eq!(display_name("Don Vito"), "Don Vito");
    }

    #[test]
    fn strengths_keep_ratios() {
        let parsed = crate::analysis::parse_graph("a b 10\nb c 5\nc d 0.01\n", Format::EdgeList);
        let Ok(parsed) = parsed else {
            panic!("{parsed:?}")
        };
        assert_eq!(strengths(&parsed), [(0, 1, 100), (1, 2, 50), (2, 3, 1)]);
        let parsed = crate::analysis::parse_graph("a b\nb a\nb c\n", Format::EdgeList);
        let Ok(parsed) = parsed else {
            panic!("{parsed:?}")
        };
        assert_eq!(strengths(&parsed), [(0, 1, 50), (1, 2, 50)]);
    }
}
