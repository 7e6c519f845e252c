//! Case summaries of cross-border joint operations, for the compendium that
//! regional working groups compile.

use super::Run;
use crate::engine::events::Event;
use crate::engine::knowledge::{Channel, MessageKind, Source};
use crate::engine::setup::{ActorIx, TeamIx};
use crate::engine::state::ActorStatus;
use crate::scenario::Metric;

/// One joint operation found in a run.
struct Operation {
    title: String,
    teams: Vec<TeamIx>,
    /// Turns over which its results count, inclusive.
    from: u32,
    to: u32,
    /// Cooperation mechanisms used, with when.
    mechanisms: Vec<String>,
    /// Evidence crossed a border through a formal channel (MLA or a joint team).
    formal: bool,
}

/// What the operation's teams achieved between two turns, in words.
fn achievements(run: &Run, op: &Operation) -> Vec<String> {
    let sum = |metric: Metric| -> i64 {
        op.teams
            .iter()
            .map(|&t| {
                run.team_metric_at(t, metric, op.to)
                    - run.team_metric_at(t, metric, op.from.saturating_sub(1))
            })
            .sum()
    };
    // One sentence per heading: the metrics that rose during the operation.
    let tally = |heading: &str, metrics: &[(Metric, &str)]| {
        let parts: Vec<String> = metrics
            .iter()
            .map(|&(k, w)| (sum(k), w))
            .filter(|(v, _)| *v > 0)
            .map(|(v, w)| format!("{w} {v}"))
            .collect();
        let said = if parts.is_empty() {
            "none recorded".to_string()
        } else {
            parts.join(", ")
        };
        format!("{heading}: {said}.")
    };
    let out = vec![
        tally(
            "Disruption",
            &[
                (Metric::Arrested, "arrests"),
                (Metric::Convicted, "convictions"),
                (Metric::OrganisersConvicted, "organisers convicted"),
                (Metric::AssetsSeized, "assets seized"),
            ],
        ),
        tally(
            "Victims",
            &[
                (Metric::VictimsIdentified, "victims identified"),
                (Metric::VictimsProtected, "victims protected"),
                (Metric::Rescued, "people rescued"),
            ],
        ),
    ];
    out
}

/// What held the operation back: acquittals, failed arrests, MLA delays.
fn obstacles(run: &Run, op: &Operation) -> Vec<String> {
    let mut out = Vec::new();
    let acquitted: i64 = op
        .teams
        .iter()
        .map(|&t| {
            run.team_metric_at(t, Metric::Acquitted, op.to)
                - run.team_metric_at(t, Metric::Acquitted, op.from.saturating_sub(1))
        })
        .sum();
    if acquitted > 0 {
        out.push(format!(
            "{acquitted} acquittal(s) for want of admissible evidence."
        ));
    }
    let mut failed = 0;
    let mut refused = 0;
    for &t in &op.teams {
        if let Some(know) = run.last.knowledge.0.get(t.index()) {
            for m in know
                .messages
                .iter()
                .filter(|m| m.turn >= op.from && m.turn <= op.to)
            {
                if m.kind() == MessageKind::Refused {
                    refused += 1;
                } else if matches!(m.event, Event::ArrestFailed { .. }) {
                    failed += 1;
                }
            }
        }
    }
    if failed > 0 {
        out.push(format!(
            "{failed} arrest attempt(s) failed: the suspect had fled, was warned or not found."
        ));
    }
    if refused > 0 {
        out.push(format!("{refused} order(s) could not be carried out."));
    }
    let delays: Vec<String> = op
        .teams
        .iter()
        .filter_map(|&t| {
            let team = run.setup.teams.get(t.index())?;
            let country = run.setup.countries.get(team.country.index())?;
            Some(format!(
                "{} answers MLA requests in {} turns",
                country.name, country.law.mla_delay
            ))
        })
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    if !delays.is_empty() {
        out.push(format!("Formal channels take time: {}.", delays.join("; ")));
    }
    out
}

/// Lessons drawn from the operation's figures.
fn lessons(run: &Run, op: &Operation) -> Vec<String> {
    let sum = |metric: Metric| -> i64 {
        op.teams
            .iter()
            .map(|&t| {
                run.team_metric_at(t, metric, op.to)
                    - run.team_metric_at(t, metric, op.from.saturating_sub(1))
            })
            .sum()
    };
    let mut out = Vec::new();
    if sum(Metric::Arrested) > 0 && sum(Metric::Convicted) == 0 {
        out.push("Arrests did not lead to convictions in the period: build admissible evidence through MLA or a joint team before arresting.".to_string());
    }
    if sum(Metric::Convicted) > 0 && op.formal {
        out.push("Evidence passed through a formal channel held up in court.".to_string());
    }
    if sum(Metric::VictimsIdentified) == 0 {
        out.push(
            "No victim was identified: add screening interviews to the operation plan.".to_string(),
        );
    }
    if sum(Metric::VictimsIdentified) > 0 && sum(Metric::VictimsProtected) == 0 {
        out.push("Victims were identified but not referred to protection.".to_string());
    }
    if out.is_empty() {
        out.push("No lesson drawn from the figures; see the evaluator notes.".to_string());
    }
    out
}

/// Turns up to `upto` at which these teams shared intelligence or asked for
/// legal assistance: the groundwork of a joint action day.
fn sharing_before(run: &Run, teams: &[TeamIx], upto: u32) -> Vec<String> {
    let mut out = Vec::new();
    for turn in 1..=upto {
        for &t in teams {
            for (metric, what) in [
                (Metric::IntelShared, "shared intelligence"),
                (
                    Metric::MlaRequests,
                    "sent a request for mutual legal assistance",
                ),
            ] {
                let n = run.team_delta(t, metric, turn);
                if n > 0 {
                    out.push(format!(
                        "Turn {turn} ({}): {} {what}{}.",
                        run.setup.date_of_turn(turn),
                        run.team_label(t),
                        if n > 1 {
                            format!(" ({n} times)")
                        } else {
                            String::new()
                        }
                    ));
                }
            }
        }
    }
    out
}

/// The joint operations of one run: joint teams, joint action days, and
/// chains of shared intelligence that ended in a conviction.
fn operations(run: &Run) -> Vec<Operation> {
    let setup = &run.setup;
    let last = run.last_turn();
    let date = |t: u32| setup.date_of_turn(t);
    let mut ops = Vec::new();
    for j in &run.last.cooperation.jits {
        let to = j.until.min(last).max(j.formed);
        ops.push(Operation {
            title: format!(
                "Joint investigation team: {} and {}",
                run.team_label(j.a),
                run.team_label(j.b)
            ),
            teams: vec![j.a, j.b],
            from: j.formed,
            to,
            mechanisms: vec![format!(
                "Joint investigation team formed at turn {} ({}), in force to turn {to}.",
                j.formed,
                date(j.formed)
            )],
            formal: true,
        });
    }
    for turn in 1..=last {
        if run.delta(Metric::JointActionDays, turn) <= 0 {
            continue;
        }
        let teams: Vec<TeamIx> = TeamIx::all(setup.teams.len())
            .filter(|&t| run.team_delta(t, Metric::JointActionDays, turn) > 0)
            .collect();
        let names: Vec<String> = teams.iter().map(|&t| run.team_label(t)).collect();
        let mut mechanisms = sharing_before(run, &teams, turn);
        mechanisms.push(format!(
            "Arrests agreed beforehand and made together in several countries on turn {turn} ({}).",
            date(turn)
        ));
        ops.push(Operation {
            title: format!("Joint action day at turn {turn}: {}", names.join(", ")),
            teams,
            from: turn,
            to: turn,
            mechanisms,
            formal: false,
        });
    }
    // Convictions built on what another team passed on.
    for (actor, state) in run.last.actors.iter().enumerate() {
        let actor = ActorIx(actor);
        if state.status != ActorStatus::Convicted {
            continue;
        }
        let Some(team) = state.custody else { continue };
        let Some(know) = run.last.knowledge.0.get(team.index()) else {
            continue;
        };
        let convicted_at = know
            .messages
            .iter()
            .find(|m| matches!(&m.event, Event::Convicted { person, .. } if person.actor == actor))
            .map(|m| m.turn)
            .unwrap_or(last);
        let home = setup.teams.get(team.index()).map(|t| t.country);
        // Evidence keeps the country that gathered it and the channel it came by.
        let foreign: Vec<_> = know
            .evidence
            .get(&actor)
            .map(Vec::as_slice)
            .unwrap_or(&[])
            .iter()
            .filter(|e| {
                e.channel != Channel::Domestic
                    && Some(e.jurisdiction) != home
                    && e.turn <= convicted_at
            })
            .collect();
        let mut partners: Vec<TeamIx> = Vec::new();
        if let Some(Source::Shared(t) | Source::Mla(t) | Source::Jit(t)) =
            know.actors.get(&actor).map(|i| i.source)
            && t != team
        {
            partners.push(t);
        }
        let mut mechanisms: Vec<String> = Vec::new();
        for e in &foreign {
            let how = match e.channel {
                Channel::Informal => "intelligence shared informally",
                Channel::Mla => "evidence obtained by mutual legal assistance",
                Channel::Jit => "evidence exchanged in a joint investigation team",
                Channel::Fiu => "financial intelligence exchanged between units",
                Channel::FiuConsented => {
                    "financial intelligence exchanged between units, used with consent"
                }
                Channel::Domestic => continue,
            };
            let country = setup
                .countries
                .get(e.jurisdiction.index())
                .map(|c| c.name.as_str())
                .unwrap_or("another country");
            let line = format!(
                "Turn {} ({}): gathered in {country}; reached the case as {how}.",
                e.turn,
                date(e.turn)
            );
            if !mechanisms.contains(&line) {
                mechanisms.push(line);
            }
            // A team of that country stands for it when the file names no sender.
            if !partners
                .iter()
                .any(|&p| setup.teams.get(p.index()).map(|t| t.country) == Some(e.jurisdiction))
                && let Some(p) = setup.teams.iter().position(|t| t.country == e.jurisdiction)
            {
                partners.push(TeamIx(p));
            }
        }
        if foreign.is_empty() {
            partners.clear();
        }
        if partners.is_empty() {
            continue;
        }
        mechanisms.push(format!(
            "Turn {convicted_at} ({}): {} convicted on a case brought by {}.",
            date(convicted_at),
            setup
                .actors
                .get(actor.index())
                .map(|a| a.name.as_str())
                .unwrap_or("a member"),
            run.team_label(team)
        ));
        let first = foreign.iter().map(|e| e.turn).min().unwrap_or(1).max(1);
        let mut teams = vec![team];
        teams.extend(partners);
        ops.push(Operation {
            title: format!(
                "Shared intelligence to conviction: {}",
                setup
                    .actors
                    .get(actor.index())
                    .map(|a| a.name.as_str())
                    .unwrap_or("a member")
            ),
            teams,
            from: first,
            to: convicted_at,
            formal: foreign.iter().any(|e| e.channel != Channel::Informal),
            mechanisms,
        });
    }
    ops
}

fn write_case(out: &mut String, run: &Run, n: usize, op: &Operation) {
    let setup = &run.setup;
    out.push_str(&format!("## Case {n}. {}\n\n", op.title));
    out.push_str(&format!(
        "*{}, turns {} to {}.*\n\n",
        setup.scenario.title, op.from, op.to
    ));
    out.push_str("**Countries and agencies.**\n\n");
    for &t in &op.teams {
        if let Some(team) = setup.teams.get(t.index()) {
            out.push_str(&format!(
                "- {}: {}, {}\n",
                run.country_of(t),
                team.name,
                team.agency.name
            ));
        }
    }
    let sections: [(&str, Vec<String>); 4] = [
        ("Cooperation mechanisms and when", op.mechanisms.clone()),
        ("Achievements", achievements(run, op)),
        ("What slowed it", obstacles(run, op)),
        ("Lessons", lessons(run, op)),
    ];
    for (heading, items) in sections {
        out.push_str(&format!("\n**{heading}.**\n\n"));
        if items.is_empty() {
            out.push_str("- Nothing recorded.\n");
        }
        for i in items {
            out.push_str(&format!("- {i}\n"));
        }
    }
    out.push('\n');
}

/// One compendium of case summaries over several runs.
pub fn compendium(runs: &[Run]) -> String {
    let mut out = String::from("# Compendium of cross-border joint operations\n\n");
    let mut n = 0;
    for run in runs {
        let ops = operations(run);
        if runs.len() > 1 {
            out.push_str(&format!(
                "Exercise: {} (seed {}, {} turns).\n\n",
                run.setup.scenario.title,
                run.seed,
                run.last_turn()
            ));
        }
        if ops.is_empty() {
            out.push_str(&format!(
                "No joint operation in {}: no joint team, joint action day or shared intelligence that led to a conviction.\n\n",
                run.setup.scenario.title
            ));
        }
        for op in &ops {
            n += 1;
            write_case(&mut out, run, n, op);
        }
    }
    out
}
