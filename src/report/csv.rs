//! The metrics of every turn as one CSV table.

use std::collections::BTreeSet;

use super::Run;

/// Quote a CSV field when it holds a comma, a quote or a line break.
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// One table, `turn,team,` then every metric name sorted: per turn an `all`
/// row for the whole exercise, then one row per team by team id. A metric a
/// row does not have (network capability is exercise-wide) is left empty.
pub fn csv(run: &Run) -> String {
    let mut keys: BTreeSet<&str> = BTreeSet::new();
    for o in &run.outcomes {
        keys.extend(o.metrics.metrics.keys().map(String::as_str));
        for m in o.metrics.teams.values() {
            keys.extend(m.keys().map(String::as_str));
        }
    }
    let mut out = String::from("turn,team");
    for k in &keys {
        out.push(',');
        out.push_str(&field(k));
    }
    out.push('\n');
    let row =
        |out: &mut String, turn: u32, team: &str, m: &std::collections::BTreeMap<String, i64>| {
            out.push_str(&format!("{turn},{}", field(team)));
            for k in &keys {
                out.push(',');
                if let Some(v) = m.get(*k) {
                    out.push_str(&v.to_string());
                }
            }
            out.push('\n');
        };
    for o in &run.outcomes {
        row(&mut out, o.turn, "all", &o.metrics.metrics);
        // Teams in scenario order, not the map's alphabetical order.
        for t in &run.setup.teams {
            if let Some(m) = o.metrics.teams.get(&t.id) {
                row(&mut out, o.turn, &t.id, m);
            }
        }
    }
    out
}
