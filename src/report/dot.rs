//! The network as a Graphviz link chart: the truth, or one team's knowledge.

use super::Run;
use crate::engine::setup::TeamIx;
use crate::view::words::Spelt;
use crate::view::{facilitator_view, team_view};

/// Escape text for a double-quoted Graphviz string.
fn quoted(text: &str) -> String {
    let mut s = String::with_capacity(text.len() + 2);
    s.push('"');
    for c in text.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            '\n' | '\r' => s.push(' '),
            c => s.push(c),
        }
    }
    s.push('"');
    s
}

/// Shape by role, so organisers and money people stand out on a projector.
fn shape(role: Option<&str>) -> &'static str {
    match role {
        Some("organiser") => "doubleoctagon",
        Some("money broker") => "diamond",
        Some("recruiter") => "house",
        Some("boat captain") | Some("transporter") => "box",
        Some("corrupt official") => "hexagon",
        Some(_) => "ellipse",
        None => "circle",
    }
}

/// Fill colour by status: who the network still has, and whom it lost.
fn colour(status: Option<&str>) -> &'static str {
    match status {
        Some("active") => "#f4a6a6",
        Some("arrested") => "#a6c8f4",
        Some("convicted") => "#9fd8a0",
        Some("fled") => "#f4e4a6",
        Some("dormant") => "#dddddd",
        _ => "#ffffff",
    }
}

fn node(out: &mut String, id: usize, name: &str, role: Option<&str>, status: Option<&str>) {
    let mut label = name.to_string();
    if let Some(r) = role {
        label.push_str(&format!("\n{r}"));
    }
    if let Some(s) = status {
        label.push_str(&format!(", {s}"));
    }
    // Labels carry a Graphviz line break, written after escaping.
    let label = quoted(&label.replace('\n', "\u{1}")).replace('\u{1}', "\\n");
    out.push_str(&format!(
        "  n{id} [label={label}, shape={}, style=filled, fillcolor=\"{}\"];\n",
        shape(role),
        colour(status)
    ));
}

/// The link chart after the last turn: the truth, or what `team` knows, with
/// names as that team knows them.
pub fn dot(run: &Run, team: Option<TeamIx>) -> String {
    let mut out = String::from(
        "graph {\n  graph [overlap=false, splines=true];\n  node [fontname=\"Helvetica\"];\n",
    );
    match team {
        None => {
            let view = facilitator_view(&run.setup, &run.last, &run.outcomes, &[]);
            out.push_str(&format!(
                "  label={};\n",
                quoted(&format!(
                    "{} — the network after turn {}",
                    view.scenario,
                    run.last_turn()
                ))
            ));
            for (i, a) in view.actors.iter().enumerate() {
                node(
                    &mut out,
                    i,
                    &a.name,
                    Some(a.role.label()),
                    Some(a.status.label()),
                );
            }
            for t in &view.ties {
                out.push_str(&format!(
                    "  n{} -- n{} [label={}];\n",
                    t.a,
                    t.b,
                    quoted(t.kind.spelt())
                ));
            }
        }
        Some(t) => {
            let view = team_view(&run.setup, run.handles, &run.last, t);
            out.push_str(&format!(
                "  label={};\n",
                quoted(&format!(
                    "{} — what {} knows after turn {}",
                    view.scenario,
                    view.team.name,
                    run.last_turn()
                ))
            ));
            for (i, p) in view.persons.iter().enumerate() {
                node(
                    &mut out,
                    i,
                    &p.name,
                    p.role.map(|r| r.label()),
                    p.status.map(|s| s.label()),
                );
            }
            let ix = |r: &str| view.persons.iter().position(|p| p.reference == r);
            for l in &view.links {
                // A link to someone not in the files has no node to attach to.
                if let (Some(a), Some(b)) = (ix(&l.a), ix(&l.b)) {
                    match &l.kind {
                        Some(k) => out
                            .push_str(&format!("  n{a} -- n{b} [label={}];\n", quoted(k.spelt()))),
                        None => out.push_str(&format!("  n{a} -- n{b} [style=dashed];\n")),
                    }
                }
            }
        }
    }
    out.push_str("}\n");
    out
}
