//! Drawing the replay viewer: pure reads of the [`Viewer`]. Layouts are plain
//! functions so mouse hits use the same rectangles.

use crate::engine::setup::TeamIx;
use crate::scenario::Metric;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Sparkline};

use super::{Perspective, SPEEDS, Viewer};
use crate::tui::overlay::Overlay;
use crate::tui::text::{fit, width, wrap, wrap_items};
use crate::tui::theme::{self, Theme};
use crate::tui::ui::console;
use crate::tui::ui::modal::{boxed, draw_hints, help_box, help_width, quit_prompt};
use crate::tui::ui::picture;
use crate::tui::ui::team::TeamScreen;
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
    /// Three columns: picture, side pane, the turn.
    pub wide: bool,
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
    if area.width >= 140 && area.height >= 34 {
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
            wide: true,
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
        wide: false,
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
                // A tall side pane has room for the selected entry's details too.
                if l.wide && s.height >= 30 {
                    let [g_area, d_area] =
                        Layout::vertical([Constraint::Min(8), Constraint::Length(s.height / 3)])
                            .areas(s);
                    gap_pane(frame, g_area, g, theme);
                    picture::draw_details(&team_screen(v, team), frame, d_area);
                } else {
                    gap_pane(frame, s, g, theme);
                }
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
            let name = names.get(t.index()).cloned().unwrap_or_default();
            let country = countries.get(t.index()).cloned().unwrap_or_default();
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
    let name = match &v.against {
        Some(b) => format!("{} against {}", file_name(&t.name), file_name(&b.name)),
        None => file_name(&t.name),
    };
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
    let parted = v.divergence.map(|t| cell_of(t.min(last), last, cells));
    let mut played = String::new();
    let mut ahead = String::new();
    for c in 0..cells {
        if c < here {
            played.push(if parted == Some(c) { '≠' } else { '■' });
        } else if c > here {
            // Turns with an evaluator's note show through.
            ahead.push(if parted == Some(c) {
                '≠'
            } else if noted.contains(&c) {
                '✎'
            } else {
                '·'
            });
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
            .map(|(i, n)| (Perspective::Team(TeamIx(i)), short_name(n).to_string())),
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
        Some(Perspective::Team(t)) => t.index() + 1,
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

fn truth_network(frame: &mut Frame, area: Rect, t: &FacilitatorView, theme: Theme) {
    let block = titled(" Truth: the network ".into(), theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    console::network(frame, inner, t, theme);
}

fn route_map(frame: &mut Frame, area: Rect, t: &FacilitatorView, theme: Theme) {
    let block = titled(" Route map · migrant groups ".into(), theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines = console::route_lines(t, usize::from(inner.width), theme);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A team's screen data for the picture and details, read-only.
fn team_screen<'a>(v: &'a Viewer, team: &'a TeamView) -> TeamScreen<'a> {
    TeamScreen {
        view: team,
        panes: &v.picture,
        theme: v.theme,
        ready: true,
        clock: None,
        over: false,
        announcements: &[],
        queued: &[],
        sent: &[],
        action_blocks: &[],
        keys: v.bindings(),
        status: v.status(),
    }
}

/// A team's picture, read-only, as its team screen draws it.
fn team_picture(v: &Viewer, team: &TeamView, frame: &mut Frame, area: Rect) {
    picture::draw_picture(&team_screen(v, team), frame, area);
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
            let sym = theme::person_symbol(Some(m.status), true, m.organiser);
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

/// A wrapped paragraph after a lead (a symbol), its later lines indented under the text.
fn hanging(
    out: &mut Vec<Line<'static>>,
    lead: &str,
    text: &str,
    style: ratatui::style::Style,
    w: usize,
    theme: Theme,
) {
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
}

/// What happened in the turn shown, from the perspective shown, in lines.
pub fn event_lines(v: &Viewer, w: usize) -> Vec<Line<'static>> {
    let theme = v.theme;
    let r = v.timeline.report(v.turn);
    let mut out: Vec<Line<'static>> = Vec::new();
    let team = match v.perspective {
        Perspective::Team(t) => r.teams.get(t.index()),
        Perspective::Truth => None,
    };
    let item = |out: &mut Vec<Line<'static>>, lead: &str, text: &str, style| {
        hanging(out, lead, text, style, w, theme)
    };
    let teams: Vec<_> = match team {
        Some(t) => vec![t],
        None => r.teams.iter().collect(),
    };
    let team_blocks = |out: &mut Vec<Line<'static>>| {
        for t in &teams {
            out.push(Line::styled(
                fit(&format!("{} ({})", t.name, t.country), w),
                theme.heading(),
            ));
            if t.orders.is_empty() {
                item(out, " › ", "no new orders this turn", theme.dim());
            }
            for o in &t.orders {
                item(out, " › ", o, theme.text());
            }
            for m in &t.messages {
                let lead = format!(" {} ", theme::message_symbol(m.kind));
                item(out, &lead, &m.text, theme.message(m.kind));
            }
        }
    };
    let injects: Vec<_> = r
        .injects
        .iter()
        .filter(|i| team.is_none_or(|t| i.to.is_empty() || i.to.contains(&t.name)))
        .collect();
    let notes: Vec<_> = v.timeline.notes(v.turn).collect();
    let liaison: Vec<_> = r
        .liaison
        .iter()
        .filter(|l| team.is_none_or(|t| l.contains(&t.name)))
        .collect();
    if team.is_some() {
        // A team's own orders and what came of them first.
        team_blocks(&mut out);
    } else {
        let orders: usize = r.teams.iter().map(|t| t.orders.len()).sum();
        let giving = r.teams.iter().filter(|t| !t.orders.is_empty()).count();
        item(
            &mut out,
            "",
            &format!(
                "{orders} new order(s) from {giving} of {} teams · {} inject(s) · {} note(s)",
                r.teams.len(),
                injects.len(),
                notes.len()
            ),
            theme.dim(),
        );
    }
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
    if !liaison.is_empty() {
        out.push(Line::styled("Liaison messages", theme.heading()));
        for l in liaison {
            item(
                &mut out,
                " ✉ ",
                l,
                theme.message(crate::engine::knowledge::MessageKind::Liaison),
            );
        }
    }
    if team.is_none() {
        team_blocks(&mut out);
    }
    out
}

/// File name of a journal path, for titles.
fn file_name(path: &str) -> String {
    std::path::Path::new(path)
        .file_name()
        .map_or(path.to_string(), |n| n.to_string_lossy().into_owned())
}

/// The turn shown in this run (A) against the other run (B), in lines.
pub fn compare_lines(v: &Viewer, b: &super::Timeline, w: usize) -> Vec<Line<'static>> {
    let theme = v.theme;
    let a = &v.timeline;
    let turn = v.turn;
    let mut out: Vec<Line<'static>> = Vec::new();
    let para = |out: &mut Vec<Line<'static>>, text: &str, style| match text.strip_prefix(' ') {
        Some(rest) => hanging(out, " ", rest, style, w, theme),
        None => hanging(out, "", text, style, w, theme),
    };
    para(
        &mut out,
        &format!("A {} · B {}", file_name(&a.name), file_name(&b.name)),
        theme.dim(),
    );
    let verdict = match v.divergence {
        None => format!(
            "The runs are identical: {} turns, every state equal.",
            a.last()
        ),
        Some(d) if d > turn => format!("Identical up to here; the runs part at turn {d}."),
        Some(d) if d == turn => format!("The runs part here, at turn {d}."),
        Some(d) => format!("The runs parted at turn {d}."),
    };
    para(&mut out, &verdict, theme.heading());
    if turn > b.last() {
        para(
            &mut out,
            &format!("B ends at turn {}: nothing to compare here.", b.last()),
            theme.warn(),
        );
        return out;
    }
    if a.hash(turn) == b.hash(turn) {
        para(
            &mut out,
            "= the state after this turn is the same.",
            theme.good(),
        );
        return out;
    }
    para(
        &mut out,
        "≠ the state after this turn differs.",
        theme.warn(),
    );
    let deltas = |x: Option<&std::collections::BTreeMap<String, i64>>,
                  y: Option<&std::collections::BTreeMap<String, i64>>| {
        let empty = std::collections::BTreeMap::new();
        let (x, y) = (x.unwrap_or(&empty), y.unwrap_or(&empty));
        let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
        keys.into_iter()
            .filter_map(|k| {
                let (p, q) = (
                    x.get(k).copied().unwrap_or(0),
                    y.get(k).copied().unwrap_or(0),
                );
                (p != q)
                    .then(|| format!("{} {p} → {q} ({:+})", crate::report::metric_words(k), q - p))
            })
            .collect::<Vec<String>>()
    };
    let whole = deltas(a.metrics_at(turn, None), b.metrics_at(turn, None));
    if !whole.is_empty() {
        out.push(Line::styled("Metrics, A → B", theme.heading()));
        for d in whole {
            para(&mut out, &format!(" {d}"), theme.text());
        }
    }
    let (ra, rb) = (a.report(turn), b.report(turn));
    for (ta, tb) in ra.teams.iter().zip(&rb.teams) {
        let metrics = deltas(
            a.metrics_at(turn, Some(&ta.id)),
            b.metrics_at(turn, Some(&tb.id)),
        );
        if ta.orders == tb.orders && metrics.is_empty() {
            continue;
        }
        out.push(Line::styled(fit(&ta.name, w), theme.heading()));
        if ta.orders != tb.orders {
            let list = |o: &[String]| {
                if o.is_empty() {
                    "no new orders".to_string()
                } else {
                    o.join("; ")
                }
            };
            hanging(&mut out, " A › ", &list(&ta.orders), theme.text(), w, theme);
            hanging(&mut out, " B › ", &list(&tb.orders), theme.text(), w, theme);
        }
        for d in metrics {
            para(&mut out, &format!(" {d}"), theme.dim());
        }
    }
    out
}

/// What the turn pane shows: the turn's events, or the comparison.
fn pane_lines(v: &Viewer, w: usize) -> Vec<Line<'static>> {
    match (&v.against, v.compare) {
        (Some(b), true) => compare_lines(v, b, w),
        _ => event_lines(v, w),
    }
}

/// How far the events pane can scroll at the viewer's terminal size.
pub fn events_max_scroll(v: &Viewer) -> usize {
    let l = layout(v.size, v.perspective);
    let inner = Block::bordered().inner(l.events);
    let n = pane_lines(v, usize::from(inner.width)).len();
    n.saturating_sub(usize::from(inner.height))
}

fn events_pane(v: &Viewer, frame: &mut Frame, area: Rect) {
    let theme = v.theme;
    let inner = Block::bordered().inner(area);
    let lines = pane_lines(v, usize::from(inner.width));
    let h = usize::from(inner.height);
    let total = lines.len();
    let scroll = v.scroll.min(total.saturating_sub(h));
    let more = if total > h {
        format!(" · {}–{} of {}", scroll + 1, (scroll + h).min(total), total)
    } else {
        String::new()
    };
    let title = fit(
        &if v.compare && v.against.is_some() {
            format!(" Turn {}: A against B{more} ", v.turn)
        } else {
            format!(" Turn {}: orders, outcomes{more} ", v.turn)
        },
        usize::from(area.width.saturating_sub(2)),
    );
    frame.render_widget(titled(title, theme), area);
    let shown: Vec<Line> = lines.into_iter().skip(scroll).take(h).collect();
    frame.render_widget(Paragraph::new(shown), inner);
}

/// A charted metric: label, key, shown in permille, whose it is.
struct Charted {
    label: &'static str,
    key: Metric,
    permille: bool,
    /// Exercise-wide even in a team's perspective.
    whole: bool,
}

const fn charted(label: &'static str, key: Metric, permille: bool, whole: bool) -> Charted {
    Charted {
        label,
        key,
        permille,
        whole,
    }
}

const TRUTH_METRICS: [Charted; 9] = [
    charted("capability", Metric::NetworkCapability, true, true),
    charted("arrested", Metric::Arrested, false, true),
    charted("convicted", Metric::Convicted, false, true),
    charted("victims id'd", Metric::VictimsIdentified, false, true),
    charted("protected", Metric::VictimsProtected, false, true),
    charted("lives lost", Metric::LivesLost, false, true),
    charted("intel shared", Metric::IntelShared, false, true),
    charted("disruption", Metric::DisruptionScore, false, true),
    charted("protection", Metric::ProtectionScore, false, true),
];

const TEAM_METRICS: [Charted; 9] = [
    charted("*capability", Metric::NetworkCapability, true, true),
    charted("*lives lost", Metric::LivesLost, false, true),
    charted("arrested", Metric::Arrested, false, false),
    charted("convicted", Metric::Convicted, false, false),
    charted("victims id'd", Metric::VictimsIdentified, false, false),
    charted("protected", Metric::VictimsProtected, false, false),
    charted("intel shared", Metric::IntelShared, false, false),
    charted("disruption", Metric::DisruptionScore, false, false),
    charted("protection", Metric::ProtectionScore, false, false),
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
            v.timeline.team_ids().get(t.index()).cloned(),
            format!(" Metrics to turn {} · * all teams ", v.turn),
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
        let series = v.timeline.series(c.key.key(), owner, v.turn);
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
            Metric::LivesLost => theme.bad(),
            Metric::NetworkCapability => theme.warn(),
            _ => theme.good(),
        };
        // Scaled to the whole run, so bars keep their height as turns go by.
        let max = if c.permille {
            1000u64.saturating_sub(min as u64)
        } else {
            (v.timeline.peak(c.key.key(), owner) - min).max(1) as u64
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
pub(super) fn legend(theme: Theme, w: usize) -> Vec<Line<'static>> {
    let mut out = vec![Line::styled("Symbols", theme.heading())];
    for items in [
        &[
            "■ turns before",
            "▶ this turn",
            "· turns after",
            "✎ a note",
            "≠ the runs part",
        ][..],
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
