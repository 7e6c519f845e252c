//! The after-action report, in the shape of HSEEP's AAR/IP, as Markdown.

use std::collections::BTreeMap;

use super::Run;
use crate::engine::events::Event;
use crate::engine::setup::TeamIx;
use crate::scenario::Metric;
use crate::scenario::{Criterion, Mode};

pub use crate::session::objectives::Rating;

/// Rate a criterion against the run, with the evidence in words: the same
/// rating the teams' screens show during play.
pub fn rate(run: &Run, criterion: &Criterion) -> (Rating, String) {
    crate::session::objectives::rate(criterion, run.last_turn(), |m, t| run.metric_at(m, t))
}

/// Markdown table cell: no pipes or line breaks inside.
fn cell(text: &str) -> String {
    text.replace('|', "/").replace(['\n', '\r'], " ")
}

/// Key events by turn: injects, arrests, verdicts, joint teams, joint action
/// days and lives lost, each said once.
fn timeline(run: &Run) -> BTreeMap<u32, Vec<String>> {
    let mut events: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    let setup = &run.setup;
    for (i, fired) in run.last.injects.fired.iter().enumerate() {
        if let (Some(turn), Some(inject)) = (fired, setup.scenario.injects.get(i)) {
            events
                .entry(*turn)
                .or_default()
                .push(format!("Inject: {}", inject.title));
        }
    }
    for turn in 1..=run.last_turn() {
        for t in TeamIx::all(setup.teams.len()) {
            let n = run.team_delta(t, Metric::Arrested, turn);
            if n > 0 {
                events.entry(turn).or_default().push(format!(
                    "{} arrested {n} {}",
                    run.team_label(t),
                    if n == 1 { "person" } else { "people" }
                ));
            }
        }
        let lost = run.delta(Metric::LivesLost, turn);
        if lost > 0 {
            events
                .entry(turn)
                .or_default()
                .push(format!("{lost} lives lost on the routes"));
        }
        if run.delta(Metric::JointActionDays, turn) > 0 {
            let teams: Vec<String> = TeamIx::all(setup.teams.len())
                .filter(|&t| run.team_delta(t, Metric::JointActionDays, turn) > 0)
                .map(|t| run.team_label(t))
                .collect();
            events
                .entry(turn)
                .or_default()
                .push(format!("Joint action day: {}", teams.join(", ")));
        }
    }
    for j in &run.last.cooperation.jits {
        events.entry(j.formed).or_default().push(format!(
            "Joint investigation team formed: {} and {}",
            run.team_label(j.a),
            run.team_label(j.b)
        ));
    }
    let verdicts =
        run.key_messages(|m| matches!(m.event, Event::Convicted { .. } | Event::Acquitted { .. }));
    for (turn, texts) in verdicts {
        events.entry(turn).or_default().extend(texts);
    }
    events
}

/// Findings drawn from the run: (strengths, areas for improvement).
fn findings(run: &Run) -> (Vec<String>, Vec<String>) {
    let last = run.last_turn();
    let m = |k: Metric| run.metric_at(k, last);
    let mut strengths = Vec::new();
    let mut improve = Vec::new();
    if m(Metric::OrganisersConvicted) > 0 {
        strengths.push(format!(
            "{} organiser(s) convicted: the network lost people it cannot easily replace.",
            m(Metric::OrganisersConvicted)
        ));
    } else if m(Metric::Convicted) > 0 {
        strengths.push(format!(
            "{} member(s) of the network convicted.",
            m(Metric::Convicted)
        ));
        improve.push("No organiser was convicted: the network's leadership stayed intact.".into());
    } else if m(Metric::Arrested) > 0 {
        improve.push("No conviction: arrests did not turn into cases the courts accepted.".into());
    } else {
        improve.push(
            "No arrest: no case reached the evidence needed to arrest a member of the network."
                .into(),
        );
    }
    if m(Metric::Acquitted) > 0 {
        improve.push(format!(
            "{} acquittal(s) for want of admissible evidence: formalise shared intelligence (MLA, joint team) before charging.",
            m(Metric::Acquitted)
        ));
    }
    if m(Metric::LivesLost) > 0 {
        let at_sea = run
            .setup
            .routes
            .iter()
            .any(|r| r.legs.iter().any(|l| l.mode == Mode::Sea));
        let remedy = if at_sea {
            "search-and-rescue and maritime patrols came too late or too rarely"
        } else {
            "the network moved people in dangerous conditions while its crossings ran"
        };
        improve.push(format!(
            "{} lives lost on the routes: {remedy}.",
            m(Metric::LivesLost)
        ));
    } else {
        strengths.push("No lives lost during the exercise.".into());
    }
    let identified = m(Metric::VictimsIdentified);
    let protected = m(Metric::VictimsProtected);
    if identified > 0 && protected == 0 {
        improve.push(format!(
            "{identified} victim(s) identified but none referred to protection."
        ));
    } else if identified > 0 {
        strengths.push(format!(
            "{identified} victim(s) identified and {protected} protected."
        ));
    } else {
        improve.push(
            "No trafficking victim identified: screening interviews were missing or too late."
                .into(),
        );
    }
    if let Some(kinds) = exploitation_found(run) {
        strengths.push(format!("Trafficking found, by purpose: {kinds}."));
    }
    if m(Metric::MigrantsCriminalised) > 0 {
        improve.push(format!(
            "{} people penalised by routine processing, for crossing a border or for crimes they were made to commit: screen before anyone decides, since no one is liable for having been smuggled and presumed victims are not punished.",
            m(Metric::MigrantsCriminalised)
        ));
    }
    if m(Metric::ReTrafficked) > 0 {
        improve.push(format!(
            "{} people returned without support were recruited again.",
            m(Metric::ReTrafficked)
        ));
    }
    if m(Metric::JitsFormed) == 0 {
        improve.push(
            "No joint investigation team formed: cross-border evidence stayed informal.".into(),
        );
    } else {
        strengths.push(format!(
            "{} joint investigation team(s) formed.",
            m(Metric::JitsFormed)
        ));
    }
    if m(Metric::IntelShared) > 0 {
        strengths.push(format!(
            "Intelligence shared {} time(s) between teams.",
            m(Metric::IntelShared)
        ));
    } else {
        improve.push("No intelligence shared between teams.".into());
    }
    if m(Metric::JointActionDays) > 0 {
        strengths.push(format!(
            "{} joint action day(s): arrests agreed beforehand and made together in several countries.",
            m(Metric::JointActionDays)
        ));
    }
    let capability = m(Metric::NetworkCapability);
    if capability <= 500 {
        strengths.push(format!(
            "The network ended at {:.1}% of its capability.",
            capability as f64 / 10.0
        ));
    } else {
        improve.push(format!(
            "The network kept {:.1}% of its capability.",
            capability as f64 / 10.0
        ));
    }
    (strengths, improve)
}

/// The purposes of exploitation among the victims identified, with the
/// people identified for each: "labour exploitation (120 people), ...".
fn exploitation_found(run: &Run) -> Option<String> {
    let mut found: BTreeMap<crate::scenario::Exploitation, u32> = BTreeMap::new();
    for g in run.last.groups.iter().filter(|g| g.identified) {
        if let Some(e) = g.exploitation {
            *found.entry(e).or_default() += g.size - g.lost;
        }
    }
    let parts: Vec<String> = found
        .iter()
        .map(|(e, n)| format!("{} ({n} people)", e.label()))
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// The after-action report of one run, as Markdown.
pub fn markdown(run: &Run) -> String {
    let setup = &run.setup;
    let sc = &setup.scenario;
    let last = run.last_turn();
    let mut out = String::new();
    out.push_str(&format!("# After-action report: {}\n\n", sc.title));

    out.push_str("## Exercise overview\n\n");
    out.push_str(&format!("- **Exercise:** {}\n", sc.title));
    if last > 0 {
        out.push_str(&format!(
            "- **Dates (in the exercise):** {} to {}\n",
            setup.date_of_turn(1),
            setup.date_of_turn(last)
        ));
    }
    out.push_str(&format!("- **Turns played:** {last} of {}\n", sc.turns));
    out.push_str(&format!("- **Seed:** {}\n", run.seed));
    let countries: Vec<&str> = setup.countries.iter().map(|c| c.name.as_str()).collect();
    out.push_str(&format!("- **Countries:** {}\n", countries.join(", ")));
    out.push_str("- **Teams:**\n");
    for t in TeamIx::all(setup.teams.len()) {
        out.push_str(&format!("  - {}\n", run.team_label(t)));
    }
    out.push('\n');

    out.push_str("## Objectives\n\n");
    if sc.objectives.is_empty() {
        out.push_str("The scenario sets no measurable objectives.\n\n");
    } else {
        out.push_str("| Objective | Rating | Evidence from the run |\n|---|---|---|\n");
        for o in &sc.objectives {
            let (rating, evidence) = rate(run, &o.criterion);
            out.push_str(&format!(
                "| {} | **{}** | {} |\n",
                cell(&o.text),
                rating.label(),
                cell(&evidence)
            ));
        }
        out.push('\n');
    }

    out.push_str("## Timeline of key events\n\n");
    let events = timeline(run);
    if events.is_empty() {
        out.push_str("No key events.\n");
    }
    for (turn, list) in &events {
        out.push_str(&format!(
            "- **Turn {turn}** ({})\n",
            setup.date_of_turn(*turn)
        ));
        for e in list {
            out.push_str(&format!("  - {e}\n"));
        }
    }
    out.push('\n');

    out.push_str("## Team summaries\n\n");
    const TEAM_METRICS: [Metric; 10] = [
        Metric::Arrested,
        Metric::Convicted,
        Metric::OrganisersConvicted,
        Metric::Acquitted,
        Metric::AssetsSeized,
        Metric::GroupsIntercepted,
        Metric::Rescued,
        Metric::VictimsIdentified,
        Metric::VictimsProtected,
        Metric::MigrantsCriminalised,
    ];
    for t in TeamIx::all(setup.teams.len()) {
        out.push_str(&format!("### {}\n\n", run.team_label(t)));
        let shown: Vec<String> = TEAM_METRICS
            .iter()
            .map(|&k| (k, run.team_metric_at(t, k, last)))
            .filter(|(_, v)| *v != 0)
            .map(|(k, v)| format!("{} {v}", k.words()))
            .collect();
        if shown.is_empty() {
            out.push_str("No arrests, cases or victims recorded.\n");
        } else {
            let line = shown.join("; ");
            // Sentence case: the list starts with a metric name in lower case.
            let mut chars = line.chars();
            let line: String = chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default();
            out.push_str(&format!("{line}.\n"));
        }
        out.push_str(&format!(
            "Disruption score {}, protection score {}.\n\n",
            run.team_metric_at(t, Metric::DisruptionScore, last),
            run.team_metric_at(t, Metric::ProtectionScore, last)
        ));
    }

    out.push_str("## Cooperation record\n\n");
    out.push_str("| Team | Intelligence shared | MLA requests | Joint teams | Joint action days |\n|---|---|---|---|---|\n");
    for t in TeamIx::all(setup.teams.len()) {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            cell(&run.team_label(t)),
            run.team_metric_at(t, Metric::IntelShared, last),
            run.team_metric_at(t, Metric::MlaRequests, last),
            run.team_metric_at(t, Metric::JitsFormed, last),
            run.team_metric_at(t, Metric::JointActionDays, last),
        ));
    }
    out.push_str(&format!(
        "| **Whole exercise** | {} | {} | {} | {} |\n\n",
        run.metric_at(Metric::IntelShared, last),
        run.metric_at(Metric::MlaRequests, last),
        run.metric_at(Metric::JitsFormed, last),
        run.metric_at(Metric::JointActionDays, last),
    ));
    for j in &run.last.cooperation.jits {
        out.push_str(&format!(
            "- Joint investigation team of {} and {}, turns {} to {}.\n",
            run.team_label(j.a),
            run.team_label(j.b),
            j.formed,
            j.until.min(last.max(j.formed))
        ));
    }
    if !run.last.cooperation.jits.is_empty() {
        out.push('\n');
    }

    out.push_str("## Scores over time\n\n");
    out.push_str("Disruption: the network's losses. Protection: people identified and protected, less harm done.\n\n");
    out.push_str(
        "| Turn | Disruption | Protection | Network capability left |\n|---|---|---|---|\n",
    );
    let mut turns: Vec<u32> = (1..=last).step_by(4).collect();
    if last > 0 && turns.last() != Some(&last) {
        turns.push(last);
    }
    for t in turns {
        out.push_str(&format!(
            "| {t} | {} | {} | {:.1}% |\n",
            run.metric_at(Metric::DisruptionScore, t),
            run.metric_at(Metric::ProtectionScore, t),
            run.metric_at(Metric::NetworkCapability, t) as f64 / 10.0
        ));
    }
    out.push('\n');

    let (strengths, improve) = findings(run);
    out.push_str("## Strengths\n\n");
    for s in &strengths {
        out.push_str(&format!("- {s}\n"));
    }
    if strengths.is_empty() {
        out.push_str("- None drawn from the figures.\n");
    }
    out.push_str("\n## Areas for improvement\n\n");
    for s in &improve {
        out.push_str(&format!("- {s}\n"));
    }
    if improve.is_empty() {
        out.push_str("- None drawn from the figures.\n");
    }

    out.push_str("\n## Improvement plan\n\n");
    out.push_str("| Area for improvement | Corrective action | Responsible agency | Point of contact | Start | Completion |\n|---|---|---|---|---|---|\n");
    for s in &improve {
        out.push_str(&format!("| {} | | | | | |\n", cell(s)));
    }
    out.push_str("| | | | | | |\n");

    out.push_str("\n## Evaluator notes\n\n");
    if run.notes.is_empty() {
        out.push_str("No evaluator notes were recorded.\n");
    }
    for (turn, text, objective) in &run.notes {
        let about = objective
            .as_ref()
            .and_then(|id| sc.objectives.iter().find(|o| &o.id == id))
            .map(|o| format!(" (on: {})", o.text))
            .unwrap_or_default();
        out.push_str(&format!("- **Turn {turn}**{about}: {text}\n"));
    }
    out
}
