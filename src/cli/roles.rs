//! Roles for an imported network: read from a roles file, or guessed from the
//! network's structure for the designer to review.

use std::collections::BTreeMap;

use crate::analysis::{Graph, articulation_points, betweenness, degrees};
use crate::scenario::{Diagnostic, Role, nearest};

/// Where an actor's role came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Given in the roles file.
    File,
    /// Guessed from structure, for this reason.
    Guess(&'static str),
}

/// The snake_case spelling of every role, as a roles file may write it.
pub fn role_name(role: Role) -> &'static str {
    match role {
        Role::Organiser => "organiser",
        Role::Recruiter => "recruiter",
        Role::Transporter => "transporter",
        Role::BoatCaptain => "boat_captain",
        Role::DocumentForger => "document_forger",
        Role::MoneyBroker => "money_broker",
        Role::CorruptOfficial => "corrupt_official",
        Role::SafeHouseKeeper => "safe_house_keeper",
        Role::Enforcer => "enforcer",
        Role::Enabler => "enabler",
        Role::Company => "company",
    }
}

/// Other words investigators use for the roles.
const ALIASES: [(&str, Role); 12] = [
    ("organizer", Role::Organiser),
    ("boss", Role::Organiser),
    ("captain", Role::BoatCaptain),
    ("skipper", Role::BoatCaptain),
    ("driver", Role::Transporter),
    ("forger", Role::DocumentForger),
    ("broker", Role::MoneyBroker),
    ("official", Role::CorruptOfficial),
    ("lawyer", Role::Enabler),
    ("accountant", Role::Enabler),
    ("professional_enabler", Role::Enabler),
    ("legal_entity", Role::Company),
];

/// Reads a role however it is written: `money_broker`, `money broker`, `Money-Broker`, `MoneyBroker`.
pub fn parse_role(text: &str) -> Option<Role> {
    let key = role_key(text);
    Role::ALL
        .into_iter()
        .find(|&r| role_name(r) == key)
        .or_else(|| ALIASES.iter().find(|(a, _)| *a == key).map(|&(_, r)| r))
}

/// `text` folded to lower snake_case: separators become `_`, and a capital after a small letter starts a word.
fn role_key(text: &str) -> String {
    let mut key = String::new();
    let mut previous_lower = false;
    for c in text.trim().chars() {
        if c.is_alphanumeric() {
            if c.is_uppercase() && previous_lower {
                key.push('_');
            }
            previous_lower = c.is_lowercase();
            key.extend(c.to_lowercase());
        } else {
            previous_lower = false;
            if !key.is_empty() && !key.ends_with('_') {
                key.push('_');
            }
        }
    }
    key.trim_end_matches('_').to_owned()
}

/// Reads a roles file: one `id role` a line, blank lines and `#` comments skipped.
///
/// The id is the node's id in the network file (or its id in the imported
/// scenario); it may be quoted (`"Don Vito" organiser`). On a line with a tab
/// or comma the id ends there, so it may hold spaces; otherwise it ends at the
/// first space and the rest of the line is the role. Every bad line is
/// reported, each at its line and column.
pub fn read_roles(
    file: &str,
    text: &str,
    graph: &Graph,
    scenario_ids: &[String],
) -> Result<BTreeMap<u32, Role>, Vec<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut roles = BTreeMap::new();
    let mut lines_of: BTreeMap<u32, usize> = BTreeMap::new();
    let mut problems = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        let at = |col: usize, message: String| Diagnostic::new(file, line_no, col, message);
        let entry = match split_line(line) {
            Ok(Some(entry)) => entry,
            Ok(None) => continue,
            Err((col, message)) => {
                problems.push(at(col, message));
                continue;
            }
        };
        let node = graph.index_of(&entry.id).or_else(|| {
            scenario_ids
                .iter()
                .position(|s| *s == entry.id)
                .map(|v| v as u32)
        });
        let Some(node) = node else {
            let help = nearest(&entry.id, graph.ids().iter().map(String::as_str))
                .map(|near| format!("did you mean `{near}`?"));
            problems.push(
                at(
                    entry.id_col,
                    format!("unknown id `{}`: the network has no such node", entry.id),
                )
                .with_help_opt(help),
            );
            continue;
        };
        let Some(role) = parse_role(&entry.role) else {
            let names: Vec<&str> = Role::ALL.into_iter().map(role_name).collect();
            let key = role_key(&entry.role);
            let help = match nearest(&key, names.iter().copied()) {
                Some(near) => format!("did you mean `{near}`? the roles are: {}", names.join(", ")),
                None => format!("the roles are: {}", names.join(", ")),
            };
            problems
                .push(at(entry.role_col, format!("unknown role `{}`", entry.role)).with_help(help));
            continue;
        };
        if let Some(first) = lines_of.insert(node, line_no) {
            problems.push(
                at(
                    entry.id_col,
                    format!("`{}` already has a role, on line {first}", entry.id),
                )
                .with_help("give each node one role"),
            );
            continue;
        }
        roles.insert(node, role);
    }
    if problems.is_empty() && roles.is_empty() {
        problems.push(
            Diagnostic::new(file, 1, 1, "the roles file gives no roles")
                .with_help("write one `id role` a line, e.g. `17 money_broker`"),
        );
    }
    if problems.is_empty() {
        Ok(roles)
    } else {
        Err(problems)
    }
}

/// One line of a roles file, with the 1-based character columns of its parts.
struct Entry {
    id: String,
    id_col: usize,
    role: String,
    role_col: usize,
}

/// Splits a line into id and role; `Ok(None)` for a blank or comment line.
fn split_line(line: &str) -> Result<Option<Entry>, (usize, String)> {
    let chars: Vec<char> = line.chars().collect();
    // Drop a trailing comment: a `#` at the start of a word, outside quotes.
    let mut end = chars.len();
    let mut in_quotes = false;
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '"' => in_quotes = !in_quotes,
            '#' if !in_quotes && (i == 0 || chars[i - 1].is_whitespace()) => {
                end = i;
                break;
            }
            _ => {}
        }
    }
    let chars = &chars[..end];
    let Some(start) = chars.iter().position(|c| !c.is_whitespace()) else {
        return Ok(None);
    };
    let is_sep = |c: char| c == ',' || c == '\t' || c.is_whitespace();
    let (id, after) = if chars[start] == '"' {
        let Some(close) = chars[start + 1..].iter().position(|&c| c == '"') else {
            return Err((start + 1, "this quoted id is never closed".into()));
        };
        let close = start + 1 + close;
        (
            chars[start + 1..close].iter().collect::<String>(),
            close + 1,
        )
    } else {
        let hard = chars[start..].iter().any(|&c| c == ',' || c == '\t');
        let stop = chars[start..]
            .iter()
            .position(|&c| {
                if hard {
                    c == ',' || c == '\t'
                } else {
                    c.is_whitespace()
                }
            })
            .map_or(chars.len(), |p| start + p);
        (
            chars[start..stop]
                .iter()
                .collect::<String>()
                .trim()
                .to_owned(),
            stop,
        )
    };
    if id.is_empty() {
        return Err((start + 1, "empty id".into()));
    }
    let role_start = chars[after..]
        .iter()
        .position(|&c| !is_sep(c))
        .map(|p| after + p);
    let Some(role_start) = role_start else {
        return Err((
            chars.len() + 1,
            format!("expected `id role`, but `{id}` has no role"),
        ));
    };
    let role: String = chars[role_start..].iter().collect();
    let role = role.trim_end_matches(|c: char| is_sep(c)).to_owned();
    Ok(Some(Entry {
        id,
        id_col: start + 1 + usize::from(chars[start] == '"'),
        role,
        role_col: role_start + 1,
    }))
}

/// A role for every node, guessed from structure; see `docs/ANALYSIS.md`.
///
/// In order, on unweighted normalised betweenness (equal scores go to the
/// higher degree, then to the first node in the file):
/// 1. the `max(1, n/50)` nodes of highest betweenness are organisers: they link the stages;
/// 2. up to `n/20` (at least one in a network of four or more) of the next, with
///    degree 3 or more and betweenness above zero, are money brokers, cut points
///    (brokers between clusters) before other nodes;
/// 3. up to `max(1, n/8)` of the rest with degree 2 or more, highest degree
///    first, are recruiters: they have many contacts;
/// 4. leaves and isolated nodes (degree 0 or 1) alternate between boat captain
///    and transporter, in file order: the replaceable people at the edges;
/// 5. everyone else is a transporter, a link in a chain.
pub fn guess_roles(graph: &Graph) -> Vec<(Role, &'static str)> {
    let n = graph.node_count();
    let scores = betweenness(graph, true);
    let degree = degrees(graph);
    let mut is_cut = vec![false; n];
    for v in articulation_points(graph) {
        is_cut[v as usize] = true;
    }
    // Scores are compared to nine decimals, so rounding noise cannot beat the
    // tie rule (a key, not a tolerant comparison, keeps the order total).
    let key = |v: usize| (scores[v] * 1e9).round() as i64;
    let mut rank: Vec<usize> = (0..n).collect();
    // Stable: what is still equal keeps file order.
    rank.sort_by(|&a, &b| key(b).cmp(&key(a)).then(degree[b].cmp(&degree[a])));
    let mut guess: Vec<Option<(Role, &'static str)>> = vec![None; n];
    for &v in rank.iter().take((n / 50).max(1)) {
        guess[v] = Some((Role::Organiser, "highest betweenness"));
    }
    let brokers = if n >= 4 { (n / 20).max(1) } else { 0 };
    let (degree_of, score_of, cut_of) = (&degree, &scores, &is_cut);
    let broker_candidates = |cut: bool| {
        rank.iter()
            .copied()
            .filter(move |&v| degree_of[v] >= 3 && score_of[v] > 0.0 && cut_of[v] == cut)
    };
    let chosen: Vec<(usize, &'static str)> = broker_candidates(true)
        .map(|v| {
            (
                v,
                "a cut point between clusters, high degree and betweenness",
            )
        })
        .chain(broker_candidates(false).map(|v| (v, "high degree and betweenness")))
        .filter(|&(v, _)| guess[v].is_none())
        .take(brokers)
        .collect();
    for (v, why) in chosen {
        guess[v] = Some((Role::MoneyBroker, why));
    }
    let mut by_degree: Vec<usize> = (0..n)
        .filter(|&v| guess[v].is_none() && degree[v] >= 2)
        .collect();
    by_degree.sort_by(|&a, &b| degree[b].cmp(&degree[a]));
    for &v in by_degree.iter().take((n / 8).max(1)) {
        guess[v] = Some((Role::Recruiter, "many contacts"));
    }
    let mut leaves = 0;
    guess
        .into_iter()
        .enumerate()
        .map(|(v, g)| match g {
            Some(g) => g,
            None if degree[v] <= 1 => {
                leaves += 1;
                if leaves % 2 == 1 {
                    (Role::BoatCaptain, "a leaf at the edge of the network")
                } else {
                    (Role::Transporter, "a leaf at the edge of the network")
                }
            }
            None => (Role::Transporter, "a link in a chain"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(text: &str, graph: &Graph) -> Result<Vec<(u32, Role)>, Vec<String>> {
        read_roles("roles.txt", text, graph, &[])
            .map(|m| m.into_iter().collect())
            .map_err(|d| d.iter().map(Diagnostic::headline).collect())
    }

    #[test]
    fn role_spellings() {
        for (text, role) in [
            ("money_broker", Role::MoneyBroker),
            ("money broker", Role::MoneyBroker),
            ("Money-Broker", Role::MoneyBroker),
            ("MoneyBroker", Role::MoneyBroker),
            ("safe-house keeper", Role::SafeHouseKeeper),
            ("BOAT CAPTAIN", Role::BoatCaptain),
            ("organizer", Role::Organiser),
        ] {
            assert_eq!(parse_role(text), Some(role), "{text}");
        }
        assert_eq!(parse_role("kingpin"), None);
        for role in Role::ALL {
            assert_eq!(parse_role(role.label()), Some(role));
            assert_eq!(parse_role(&format!("{role:?}")), Some(role));
        }
    }

    #[test]
    fn roles_file_lines() {
        let g = Graph::from_edges([("1", "2", 1.0), ("Don Vito", "2", 1.0)]);
        let got = roles(
            "# roles\n1 organiser\n\"Don Vito\" money broker # the bank\n2,\tboat captain\n",
            &g,
        );
        assert_eq!(
            got,
            Ok(vec![
                (0, Role::Organiser),
                (1, Role::BoatCaptain),
                (2, Role::MoneyBroker)
            ])
        );
        let got = roles(
            "1 organiser\n7 recruiter\n2 kingpin\n1 enforcer\n2\n\"Don organiser\n",
            &g,
        );
        assert_eq!(
            got,
            Err(vec![
                "roles.txt:2:1: unknown id `7`: the network has no such node".into(),
                "roles.txt:3:3: unknown role `kingpin`".into(),
                "roles.txt:4:1: `1` already has a role, on line 1".into(),
                "roles.txt:5:2: expected `id role`, but `2` has no role".into(),
                "roles.txt:6:1: this quoted id is never closed".into(),
            ])
        );
        assert_eq!(
            roles("# nothing\n", &g),
            Err(vec!["roles.txt:1:1: the roles file gives no roles".into()])
        );
    }

    #[test]
    fn guesses_a_star_of_chains() {
        // A hub with three chains of two: the hub organises, the chain
        // middles are recruiters or transporters, the ends are leaves.
        let g = Graph::from_edges([
            ("hub", "a1", 1.0),
            ("a1", "a2", 1.0),
            ("hub", "b1", 1.0),
            ("b1", "b2", 1.0),
            ("hub", "c1", 1.0),
            ("c1", "c2", 1.0),
        ]);
        let roles: Vec<Role> = guess_roles(&g).into_iter().map(|(r, _)| r).collect();
        assert_eq!(
            roles,
            [
                Role::Organiser,
                Role::Recruiter,
                Role::BoatCaptain,
                Role::Transporter,
                Role::Transporter,
                Role::Transporter,
                Role::BoatCaptain,
            ]
        );
        assert_eq!(guess_roles(&Graph::default()), []);
    }
}
