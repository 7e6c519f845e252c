//! How a team's screen names what it knows. The engine labels migrant groups
//! with internal ids (`night_crossing-01-0`); a team knows a group by where
//! and when it met it ("Group met at Seri International Airport, turn 5",
//! the view's name), in the Migrants tab, the pickers, the queue and the
//! messages alike. A group the view does not name is called by its route.

use crate::engine::events::Event;
use crate::engine::orders::Target;
use crate::view::TeamView;

/// The team's names for the groups it knows of, by label.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GroupNames {
    /// Label and name, longest label first so that no label is replaced
    /// inside a longer one.
    names: Vec<(String, String)>,
}

impl GroupNames {
    /// Names for every group in a team's view and every group its messages
    /// mention: by route, numbered in the order the view lists them.
    pub fn of(v: &TeamView) -> GroupNames {
        let mut names: Vec<(String, String)> = Vec::new();
        let mut count: Vec<(String, usize)> = Vec::new();
        let mut name_for = |route: &str| {
            let n = match count.iter_mut().find(|(r, _)| r == route) {
                Some((_, n)) => {
                    *n += 1;
                    *n
                }
                None => {
                    count.push((route.to_string(), 1));
                    1
                }
            };
            if route.is_empty() {
                format!("group {n} (route not known)")
            } else {
                format!("{route} group {n}")
            }
        };
        for g in &v.groups {
            if names.iter().all(|(l, _)| l != &g.id) {
                let name = match &g.met {
                    Some(met) => format!("Group met at {met}"),
                    None => name_for(g.route.as_deref().unwrap_or("")),
                };
                names.push((g.id.clone(), name));
            }
        }
        // Groups a message names that the team's files do not hold.
        for m in &v.messages {
            for label in m.event.as_ref().map(groups_of).unwrap_or_default() {
                if names.iter().all(|(l, _)| l != &label) {
                    let name = name_for("");
                    names.push((label, name));
                }
            }
        }
        names.sort_by_key(|(l, _)| std::cmp::Reverse(l.len()));
        GroupNames { names }
    }

    /// The team's name for a group, by its label.
    pub fn name(&self, label: &str) -> String {
        self.names
            .iter()
            .find(|(l, _)| l == label)
            .map_or_else(|| "a group".to_string(), |(_, n)| n.clone())
    }

    /// A text with every group label in it replaced by the team's name for it.
    pub fn scrub(&self, text: &str) -> String {
        let mut out = text.to_string();
        for (label, name) in &self.names {
            if out.contains(label.as_str()) {
                out = out.replace(&format!("group {label}"), name);
                out = out.replace(label.as_str(), name);
            }
        }
        out
    }
}

/// The group labels an event of a team's view names: read from the event
/// as data (every variant keeps its group under `group`), never from words.
fn groups_of(event: &Event<crate::engine::events::Told>) -> Vec<String> {
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(map) => {
                for (k, x) in map {
                    match x {
                        serde_json::Value::String(s) if k == "group" => out.push(s.clone()),
                        _ => walk(x, out),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Ok(json) = serde_json::to_value(event) {
        walk(&json, &mut out);
    }
    out
}

/// How a screen names an order's target group.
pub fn target_group(names: &GroupNames, target: &Target) -> Option<String> {
    match target {
        Target::Group(g) => Some(names.name(g)),
        _ => None,
    }
}
