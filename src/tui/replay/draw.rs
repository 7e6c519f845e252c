//! Drawing the replay viewer: pure reads of the [`Viewer`]. Layouts are plain
//! functions so mouse hits use the same rectangles.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Sparkline};

use super::{Perspective, SPEEDS, Viewer};
use crate::tui::app::Overlay;
use crate::tui::text::{fit, width, wrap, wrap_items};
use crate::tui::theme::{self, Theme};
use crate::tui::ui::chart::{self, Chart, Node};
use crate::tui::ui::modal::{boxed, draw_hints, help_box, help_width, quit_prompt};
use crate::tui::ui::{footer, header_bar, header_line};
use crate::view::{FacilitatorView, KnowledgeGap, TeamView};

/// Where the parts of the viewer go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReplayLayout {
    pub header: Rect,
    /// The seek bar.
    pub seek: Rect,
    /// The perspective switch.
    pub perspectives: Rect,
    /// The state as it was: the truth's network, or a team's picture.
    pub picture: Rect,
    /// What the team knew against the truth (team perspective), or the
    /// route map (the truth, on a large terminal).
    pub side: Option<Rect>,
    /// What happened in the turn.
    pub events: Rect,
    pub metrics: Rect,
    pub footer: Rect,
}

/// The viewer's layout for a terminal of this size.
pub fn layout(area: Rect, perspective: Perspective) -> ReplayLayout {
    let [header, seek, perspectives, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(6),
        Constraint::Length(1),
    ])
    .areas(area);
    let team = matches!(perspective, Perspective::Team(_));
    let metrics_h = if body.height >= 30 { 11 } else { 7 }.min(body.height / 2);
    if area.width >= 120 && area.height >= 34 {
        let [picture, side, right] = Layout::horizontal([
            Constraint::Min(40),
            Constraint::Length(44),
            Constraint::Length(56),
        ])
        .areas(body);
        let [events, metrics] =
            Layout::vertical([Constraint::Min(5), Constraint::Length(metrics_h)]).areas(right);
        return ReplayLayout {
            header,
            seek,
            perspectives,
            picture,
            side: Some(side),
            events,
            metrics,
            footer,
        };
    }
    let right_w = (area.width * 45 / 100).clamp(34.min(area.width / 2), 56);
    let [left, right] =
        Layout::horizontal([Constraint::Min(20), Constraint::Length(right_w)]).areas(body);
    let [events, metrics] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(metrics_h)]).areas(right);
    let (picture, side) = if team {
        let gap_h = if left.height >= 30 { 12 } else { 8 }.min(left.height / 2);
        let [p, g] = Layout::vertical([Constraint::Min(3), Constraint::Length(gap_h)]).areas(left);
        (p, Some(g))
    } else {
        (left, None)
    };
    ReplayLayout {
        header,
        seek,
        perspectives,
        picture,
        side,
        events,
        metrics,
        footer,
    }
}

/// Draw the whole viewer.
pub fn draw(v: &Viewer, frame: &mut Frame) {
    let area = frame.area();
    let theme = v.theme;
    let l = layout(area, v.perspective);
    header_bar(frame, l.header, &header_text(v, area.width), theme.header());
    seek_bar(v, frame, l.seek);
    perspective_bar(v, frame, l.perspectives);
    match (&v.truth, &v.team) {
        (Some(t), _) => {
            truth_network(frame, l.picture, t, theme);
            if let Some(s) = l.side {
                route_map(frame, s, t, theme);
            }
        }
        (None, Some(team)) => {
            team_picture(v, team, frame, l.picture);
            if let (Some(s), Some(g)) = (l.side, &v.gap) {
                gap_pane(frame, s, g, theme);
            }
        }
        _ => {}
    }
    events_pane(v, frame, l.events);
    metrics_pane(v, frame, l.metrics);
    footer(frame, l.footer, theme, v.bindings(), v.status());
    if let Some(digits) = &v.goto {
        goto_box(v, frame, area, digits);
    }
    match v.overlay {
        Some(Overlay::Help { scroll }) => {
            let extra = legend(theme, usize::from(help_width(area)).saturating_sub(2));
            help_box(frame, area, theme, v.bindings_beneath(), extra, scroll);
        }
        Some(Overlay::Quit) => quit_prompt(
            frame,
            area,
            theme,
            "Viewing a replay never changes its journal.",
        ),
        None => {}
    }
}

/// A team's name up to its first comma: `Kesh Police, Anti-Smuggling Cell` → `Kesh Police`.
fn short_name(name: &str) -> &str {
    name.split(',').next().unwrap_or(name).trim()
}

fn perspective_words(v: &Viewer) -> (String, String) {
    match v.perspective {
        Perspective::Truth => ("the truth".into(), "the truth".into()),
        Perspective::Team(t) => {
            let names = v.timeline.team_names();
            let countries = v.timeline.team_countries();
            let name = names.get(t).cloned().unwrap_or_default();
            let country = countries.get(t).cloned().unwrap_or_default();
            (format!("{name} ({country})"), short_name(&name).to_string())
        }
    }
}

/// The header text: the most complete version that fits the width.
pub fn header_text(v: &Viewer, width: u16) -> String {
    let t = &v.timeline;
    let turn = format!("Turn {}/{}", v.turn, t.turns);
    let date = &t.report(v.turn).date;
    let title = &t.title;
    let (who, short) = perspective_words(v);
    let name = &t.name;
    header_line(
        &[
            format!("{title} · {turn} · {date} · REPLAY of {name} · {who}"),
            format!("{title} · {turn} · {date} · REPLAY · {who}"),
            format!("{turn} · {date} · REPLAY · {who}"),
            format!("{turn} · {date} · REPLAY · {short}"),
            format!("{turn} · REPLAY · {short}"),
            format!("{turn} · {short}"),
        ],
        width,
    )
}

/// The cells of the seek bar: where it starts and how wide it is.
pub(crate) fn seek_track(v: &Viewer, area: Rect) -> (u16, u16) {
    let right = seek_label(v);
    let w = area
        .width
        .saturating_sub(width(&right) as u16 + 4)
        .clamp(1, 120);
    (area.x + 2, w)
}

fn seek_label(v: &Viewer) -> String {
    let t = &v.timeline;
    let state = if v.playing {
        format!("▶ playing {}", SPEEDS[v.speed].1)
    } else {
        "‖ paused".to_string()
    };
    let recorded = if t.last() < t.turns {
        format!(" (recorded to {})", t.last())
    } else {
        String::new()
    };
    format!("{}/{}{recorded} · {state}", v.turn, t.turns)
}

/// The cell of the seek bar that stands for a turn.
fn cell_of(turn: u32, last: u32, cells: u16) -> u16 {
    if last <= 1 || cells <= 1 {
        return 0;
    }
    ((u64::from(turn - 1) * u64::from(cells - 1) + u64::from(last - 1) / 2) / u64::from(last - 1))
        as u16
}

fn seek_bar(v: &Viewer, frame: &mut Frame, area: Rect) {
    let theme = v.theme;
    let last = v.timeline.last();
    let (_, cells) = seek_track(v, area);
    let here = cell_of(v.turn, last, cells);
    let noted: Vec<u16> = v
        .timeline
        .noted_turns()
        .into_iter()
        .map(|t| cell_of(t, last, cells))
        .collect();
    let mut played = String::new();
    let mut ahead = String::new();
    for c in 0..cells {
        if c < here {
            played.push('■');
        } else if c > here {
            // Turns with an evaluator's note show through.
            ahead.push(if noted.contains(&c) { '✎' } else { '·' });
        }
    }
    let line = Line::from(vec![
        Span::styled(" |", theme.dim()),
        Span::styled(played, theme.good()),
        Span::styled("▶", theme.heading()),
        Span::styled(ahead, theme.dim()),
        Span::styled("| ", theme.dim()),
        Span::styled(seek_label(v), theme.heading()),
    ]);
    frame.render_widget(line, area);
}

/// The turn under a click on the seek bar, if the click is on it.
pub fn seek_turn_at(v: &Viewer, area: Rect, col: u16, row: u16) -> Option<u32> {
    let (x, cells) = seek_track(v, area);
    if row != area.y || col < x || col >= x + cells {
        return None;
    }
    let last = v.timeline.last();
    if cells <= 1 || last <= 1 {
        return Some(1);
    }
    let c = u64::from(col - x);
    let span = u64::from(cells - 1);
    Some(1 + ((c * u64::from(last - 1) + span / 2) / span) as u32)
}

/// The labels of the perspective switch, with the column each starts at.
fn perspective_items(v: &Viewer, area: Rect) -> Vec<(u16, Perspective, String)> {
    let mut all = vec![(Perspective::Truth, "Truth".to_string())];
    all.extend(
        v.timeline
            .team_names()
            .iter()
            .enumerate()
            .map(|(i, n)| (Perspective::Team(i), short_name(n).to_string())),
    );
    let sel = all
        .iter()
        .position(|(p, _)| *p == v.perspective)
        .unwrap_or(0);
    let lead = " View: ";
    let max = usize::from(area.width).saturating_sub(width(lead) + 2);
    // Start early enough to keep the selected one in sight.
    let cost = |i: usize| width(&all[i].1) + 3;
    let mut first = 0;
    while first < sel && (first..=sel).map(cost).sum::<usize>() > max {
        first += 1;
    }
    let mut x = area.x + width(lead) as u16 + u16::from(first > 0);
    let mut out = Vec::new();
    for (p, label) in all.into_iter().skip(first) {
        let w = width(&label) as u16 + 2;
        if x + w > area.x + area.width.saturating_sub(1) {
            break;
        }
        out.push((x, p, label));
        x += w + 1;
    }
    out
}

fn perspective_bar(v: &Viewer, frame: &mut Frame, area: Rect) {
    let theme = v.theme;
    let items = perspective_items(v, area);
    let n = v.timeline.team_names().len() + 1;
    let mut spans = vec![Span::styled(" View: ", theme.dim())];
    let first = match items.first().map(|i| i.1) {
        Some(Perspective::Team(t)) => t + 1,
        _ => 0,
    };
    if first > 0 {
        spans.push(Span::styled("‹", theme.dim()));
    }
    for (i, (_, p, label)) in items.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled("│", theme.dim()));
        }
        if *p == v.perspective {
            // Brackets mark the choice without colour.
            spans.push(Span::styled(
                format!("[{label}]"),
                theme.heading().patch(theme.selected()),
            ));
        } else {
            spans.push(Span::raw(format!(" {label} ")));
        }
    }
    if first + items.len() < n {
        spans.push(Span::styled(" ›", theme.dim()));
    }
    frame.render_widget(Line::from(spans), area);
}

/// The perspective under a click on the switch, if any.
pub fn perspective_at(v: &Viewer, area: Rect, col: u16, row: u16) -> Option<Perspective> {
    if row != area.y {
        return None;
    }
    perspective_items(v, area)
        .into_iter()
        .find(|(x, _, label)| col >= *x && col < x + width(label) as u16 + 2)
        .map(|(_, p, _)| p)
}

fn titled(title: String, theme: Theme) -> Block<'static> {
    Block::bordered()
        .border_style(theme.border())
        .title(Line::styled(title, theme.heading()))
}

/// The symbol of a network member's true status.
fn actor_symbol(a: &crate::view::ActorTruth) -> &'static str {
    if a.dark && a.working {
        "◐"
    } else {
        theme::person_symbol(Some(&a.status), true, a.organiser)
    }
}

fn truth_network(frame: &mut Frame, area: Rect, t: &FacilitatorView, theme: Theme) {
    let block = titled(" Truth: the network ".into(), theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let (chart_area, legend) = if inner.height >= 8 {
        let [c, l] = Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(inner);
        (c, Some(l))
    } else {
        (inner, None)
    };
    let nodes = t
        .actors
        .iter()
        .map(|a| {
            let alerted = if a.alert >= 50 && a.working { " !" } else { "" };
            Node {
                label: format!("{}{alerted}", a.name),
                symbol: actor_symbol(a),
                group: a.country_ix,
                style: if a.removed || a.dormant {
                    theme.dim()
                } else if a.organiser {
                    theme.organiser()
                } else if a.alert >= 50 {
                    theme.warn()
                } else {
                    theme.person()
                },
            }
        })
        .collect();
    let edges = t
        .ties
        .iter()
        .map(|x| (x.a, x.b, theme.link_color()))
        .collect();
    let c = Chart {
        groups: t.countries.clone(),
        nodes,
        edges,
        selected: None,
    };
    chart::draw(frame, chart_area, &c, theme);
    if let Some(l) = legend {
        frame.render_widget(
            Line::styled(
                fit(
                    "◆ organiser ● active ◐ dark ! alerted ⊘ arrested ▣ convicted ↗ fled ◌ dormant",
                    usize::from(l.width),
                ),
                theme.dim(),
            ),
            l,
        );
    }
}

fn route_map(frame: &mut Frame, area: Rect, t: &FacilitatorView, theme: Theme) {
    let block = titled(" Routes · migrant groups ".into(), theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = usize::from(inner.width);
    let mut lines = Vec::new();
    for (r, route) in t.routes.iter().enumerate() {
        let closed = if route.closed { " · closed" } else { "" };
        lines.push(Line::styled(
            fit(
                &format!("{} · pressure {}{closed}", route.name, route.pressure),
                w,
            ),
            theme.heading(),
        ));
        for g in t.groups.iter().filter(|g| g.route == r && g.on_route) {
            let distress = if g.distress { " · ! IN DISTRESS" } else { "" };
            lines.push(Line::styled(
                fit(
                    &format!(
                        " {} {} · {} · {}{distress}",
                        theme::group_symbol(&g.status),
                        g.size,
                        g.id,
                        g.position
                    ),
                    w,
                ),
                if g.distress {
                    theme.bad()
                } else {
                    theme.text()
                },
            ));
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn team_picture(v: &Viewer, team: &TeamView, frame: &mut Frame, area: Rect) {
    let theme = v.theme;
    let block = titled(
        format!(
            " {}'s picture after turn {} ",
            short_name(&team.team.name),
            v.turn
        ),
        theme,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines: Vec<Line> = team
        .persons
        .iter()
        .map(|p| {
            let sym = theme::person_symbol(p.status.as_deref(), p.identified, p.organiser);
            Line::from(fit(
                &format!(
                    "{sym} {} · {}",
                    p.name,
                    p.status.as_deref().unwrap_or("unknown")
                ),
                usize::from(inner.width),
            ))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// What the team knew against what was so, in lines.
pub fn gap_lines(g: &KnowledgeGap, w: usize, theme: Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let mut para = |text: String, style| {
        for l in wrap(&text, w) {
            out.push(Line::styled(l, style));
        }
    };
    para(
        format!(
            "Knew {} of {} members ({} by name) · {} of {} live ties · {} of {} routes.",
            g.members_known,
            g.members,
            g.identified,
            g.ties_known,
            g.ties,
            g.routes_known,
            g.routes
        ),
        theme.text(),
    );
    para(
        format!(
            "Met {} of {} migrant groups; {} people in groups never seen.",
            g.groups_known, g.groups, g.people_unseen
        ),
        theme.text(),
    );
    if !g.unknown.is_empty() {
        out.push(Line::styled(
            format!("Not on file ({}):", g.unknown.len()),
            theme.heading(),
        ));
        for m in &g.unknown {
            let sym = theme::person_symbol(Some(&m.status), true, m.organiser);
            let text = format!(
                "{sym} {} · {} · {} · {}",
                m.name, m.role, m.country, m.status
            );
            out.push(Line::styled(
                fit(&format!(" {text}"), w),
                if m.organiser {
                    theme.organiser()
                } else {
                    theme.text()
                },
            ));
        }
    }
    if !g.misread.is_empty() {
        out.push(Line::styled(
            format!("On file, but not so ({}):", g.misread.len()),
            theme.heading(),
        ));
        for m in &g.misread {
            let who = if m.known_as == m.name {
                m.name.clone()
            } else {
                format!("{} = {}", m.known_as, m.name)
            };
            for (i, l) in wrap(&format!("≠ {who}: {}", m.what), w.saturating_sub(1))
                .into_iter()
                .enumerate()
            {
                let lead = if i == 0 { " " } else { "   " };
                out.push(Line::styled(format!("{lead}{l}"), theme.warn()));
            }
        }
    }
    out
}

fn gap_pane(frame: &mut Frame, area: Rect, g: &KnowledgeGap, theme: Theme) {
    let block = titled(" Against the truth ".into(), theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines = gap_lines(g, usize::from(inner.width), theme);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// What happened in the turn shown, from the perspective shown, in lines.
pub fn event_lines(v: &Viewer, w: usize) -> Vec<Line<'static>> {
    let theme = v.theme;
    let r = v.timeline.report(v.turn);
    let mut out: Vec<Line<'static>> = Vec::new();
    let team = match v.perspective {
        Perspective::Team(t) => r.teams.get(t),
        Perspective::Truth => None,
    };
    let item = |out: &mut Vec<Line<'static>>, lead: &str, text: &str, style| {
        let lw = width(lead);
        for (i, l) in wrap(text, w.saturating_sub(lw)).into_iter().enumerate() {
            let head = if i == 0 {
                lead.to_string()
            } else {
                " ".repeat(lw)
            };
            out.push(Line::from(vec![
                Span::styled(head, theme.dim()),
                Span::styled(l, style),
            ]));
        }
    };
    let injects: Vec<_> = r
        .injects
        .iter()
        .filter(|i| team.is_none_or(|t| i.to.is_empty() || i.to.contains(&t.name)))
        .collect();
    if !injects.is_empty() {
        out.push(Line::styled("Injects", theme.heading()));
        for i in injects {
            let by = if i.live {
                " (fired by exercise control)"
            } else {
                ""
            };
            item(
                &mut out,
                " ! ",
                &format!("{}{by}", i.title),
                theme.warn().add_modifier(ratatui::style::Modifier::BOLD),
            );
            if !i.message.is_empty() {
                item(&mut out, "   ", &i.message, theme.text());
            }
            if !i.to.is_empty() && team.is_none() {
                item(
                    &mut out,
                    "   ",
                    &format!("to {}", i.to.join(", ")),
                    theme.dim(),
                );
            }
        }
    }
    let notes: Vec<_> = v.timeline.notes(v.turn).collect();
    if !notes.is_empty() {
        out.push(Line::styled("Evaluator notes", theme.heading()));
        for n in notes {
            let before = if n.turn == 0 { " (before turn 1)" } else { "" };
            item(
                &mut out,
                " ✎ ",
                &format!("{}{before}", n.text),
                theme.text(),
            );
            if let Some(o) = &n.objective {
                item(&mut out, "   ", &format!("objective: {o}"), theme.dim());
            }
        }
    }
    let teams: Vec<_> = match team {
        Some(t) => vec![t],
        None => r.teams.iter().collect(),
    };
    for t in teams {
        out.push(Line::styled(
            fit(&format!("{} ({})", t.name, t.country), w),
            theme.heading(),
        ));
        if t.orders.is_empty() {
            item(&mut out, " › ", "no orders this turn", theme.dim());
        }
        for o in &t.orders {
            item(&mut out, " › ", o, theme.text());
        }
        for m in &t.messages {
            let lead = format!(" {} ", theme::message_symbol(m.kind));
            item(&mut out, &lead, &m.text, theme.message(m.kind));
        }
    }
    out
}

/// How far the events pane can scroll at the viewer's terminal size.
pub fn events_max_scroll(v: &Viewer) -> usize {
    let l = layout(v.size, v.perspective);
    let inner = Block::bordered().inner(l.events);
    let n = event_lines(v, usize::from(inner.width)).len();
    n.saturating_sub(usize::from(inner.height))
}

fn events_pane(v: &Viewer, frame: &mut Frame, area: Rect) {
    let theme = v.theme;
    let inner = Block::bordered().inner(area);
    let lines = event_lines(v, usize::from(inner.width));
    let h = usize::from(inner.height);
    let total = lines.len();
    let scroll = v.scroll.min(total.saturating_sub(h));
    let who = match v.perspective {
        Perspective::Truth => "every team".to_string(),
        Perspective::Team(_) => "this team".to_string(),
    };
    let more = if total > h {
        format!(" · {}–{} of {}", scroll + 1, (scroll + h).min(total), total)
    } else {
        String::new()
    };
    let title = fit(
        &format!(" Turn {}: orders and outcomes, {who}{more} ", v.turn),
        usize::from(area.width.saturating_sub(2)),
    );
    frame.render_widget(titled(title, theme), area);
    let shown: Vec<Line> = lines.into_iter().skip(scroll).take(h).collect();
    frame.render_widget(Paragraph::new(shown), inner);
}

/// A charted metric: label, key, shown in permille, whose it is.
struct Charted {
    label: &'static str,
    key: &'static str,
    permille: bool,
    /// Exercise-wide even in a team's perspective.
    whole: bool,
}

const fn m(label: &'static str, key: &'static str, permille: bool, whole: bool) -> Charted {
    Charted {
        label,
        key,
        permille,
        whole,
    }
}

const TRUTH_METRICS: [Charted; 9] = [
    m("capability", "network_capability", true, true),
    m("arrested", "arrested", false, true),
    m("convicted", "convicted", false, true),
    m("victims id'd", "victims_identified", false, true),
    m("protected", "victims_protected", false, true),
    m("lives lost", "lives_lost", false, true),
    m("intel shared", "intel_shared", false, true),
    m("disruption", "disruption_score", false, true),
    m("protection", "protection_score", false, true),
];

const TEAM_METRICS: [Charted; 9] = [
    m("*capability", "network_capability", true, true),
    m("*lives lost", "lives_lost", false, true),
    m("arrested", "arrested", false, false),
    m("convicted", "convicted", false, false),
    m("victims id'd", "victims_identified", false, false),
    m("protected", "victims_protected", false, false),
    m("intel shared", "intel_shared", false, false),
    m("disruption", "disruption_score", false, false),
    m("protection", "protection_score", false, false),
];

fn metrics_pane(v: &Viewer, frame: &mut Frame, area: Rect) {
    let theme = v.theme;
    let (rows, team_id, title) = match v.perspective {
        Perspective::Truth => (
            &TRUTH_METRICS,
            None,
            format!(" Metrics, turns 1–{} ", v.turn),
        ),
        Perspective::Team(t) => (
            &TEAM_METRICS,
            v.timeline.team_ids().get(t).cloned(),
            format!(" Metrics to turn {}: the team's; * all ", v.turn),
        ),
    };
    let block = titled(
        fit(&title, usize::from(area.width.saturating_sub(2))),
        theme,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let label_w = 13u16;
    let value_w = 7u16;
    for (row, c) in rows.iter().enumerate() {
        let y = inner.y + row as u16;
        if y >= inner.y + inner.height {
            break;
        }
        let owner = if c.whole { None } else { team_id.as_deref() };
        let series = v.timeline.series(c.key, owner, v.turn);
        let min = series.iter().copied().min().unwrap_or(0).min(0);
        let data: Vec<u64> = series.iter().map(|x| (x - min) as u64).collect();
        let latest = series.last().copied().unwrap_or(0);
        let value = if c.permille {
            format!("{}%", latest / 10)
        } else {
            latest.to_string()
        };
        let r = Rect::new(inner.x, y, inner.width, 1);
        let [l, s, val] = Layout::horizontal([
            Constraint::Length(label_w),
            Constraint::Min(1),
            Constraint::Length(value_w),
        ])
        .areas(r);
        frame.render_widget(Line::styled(c.label, theme.dim()), l);
        let skip = data.len().saturating_sub(usize::from(s.width));
        let style = match c.key {
            "lives_lost" => theme.bad(),
            "network_capability" => theme.warn(),
            _ => theme.good(),
        };
        // Scaled to the whole run, so bars keep their height as turns go by.
        let max = if c.permille {
            1000u64.saturating_sub(min as u64)
        } else {
            (v.timeline.peak(c.key, owner) - min).max(1) as u64
        };
        frame.render_widget(
            Sparkline::default()
                .data(&data[skip..])
                .max(max)
                .style(style),
            s,
        );
        frame.render_widget(Line::from(format!("{value:>6}")), val);
    }
}

fn goto_box(v: &Viewer, frame: &mut Frame, area: Rect, digits: &str) {
    let theme = v.theme;
    let inner = boxed(frame, area, "Go to turn", theme, 44, 6);
    let lines = vec![
        Line::from(vec![
            Span::raw(format!("Turn (1–{}): ", v.timeline.last())),
            Span::styled(format!("{digits}▏"), theme.heading()),
        ]),
        Line::styled("Home first turn · End last turn", theme.dim()),
    ];
    frame.render_widget(Paragraph::new(lines), inner);
    draw_hints(frame, inner, v.bindings(), theme);
}

/// The symbols the viewer uses, for the help overlay.
fn legend(theme: Theme, w: usize) -> Vec<Line<'static>> {
    let mut out = vec![Line::styled("Symbols", theme.heading())];
    for items in [
        &["■ turns before", "▶ this turn", "· turns after", "✎ a note"][..],
        theme::PERSON_LEGEND,
        &[
            "◐ dark",
            "! alerted",
            "≠ the file is wrong",
            "› order",
            "• outcome",
            "✗ refused",
            "! inject",
            "✉ liaison",
            "⇄ cooperation",
            "§ court",
            "‼ alert",
            "✎ note",
        ][..],
    ] {
        out.extend(wrap_items(items, "  ", w).into_iter().map(Line::from));
    }
    out
}
