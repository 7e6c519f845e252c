//! The exercise-control console (White Cell): the truth network, the route
//! map with the migrant groups, the teams' readiness, the injects, the log and
//! the metric charts.

use crate::engine::state::GroupStatus;
use crate::scenario::Metric;
use crate::scenario::Mode;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Sparkline};

use super::chart::{self, Chart, Node};
use super::{bottom_marks, clock, footer, header_bar, header_line};
use crate::session::{JoinInfo, Link};
use crate::tui::console::{ConsolePanes, JOIN, PANES};
use crate::tui::keys::Binding;
use crate::tui::list::{self, Filter};
use crate::tui::text::{fit, pad, width, wrap};
use crate::tui::theme::{self, Theme};
use crate::view::FacilitatorView;

/// Where the console's panes go. On a small terminal one pane shows at a
/// time, chosen by tabs; on a large one they all show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConsoleLayout {
    pub header: Rect,
    pub panes: [Option<Rect>; PANES.len()],
    pub metrics: Option<Rect>,
    /// One pane at a time, with tabs in its title.
    pub tabbed: bool,
    pub footer: Rect,
}

/// The console's layout for a terminal of this size, showing `pane` if tabbed.
pub fn layout(area: Rect, pane: usize, routes: usize, groups: usize) -> ConsoleLayout {
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area);
    let mut panes = [None; PANES.len()];
    if area.width >= 120 && area.height >= 34 {
        // Each route takes three rows; the groups on the move list below.
        let route_h = (routes as u16 * 3 + groups as u16 + 4).min(body.height / 3);
        let [top, mid, bottom] = Layout::vertical([
            Constraint::Percentage(48),
            Constraint::Length(route_h),
            Constraint::Min(4),
        ])
        .areas(body);
        let [net, teams, metrics] = Layout::horizontal([
            Constraint::Min(40),
            Constraint::Length(62),
            Constraint::Length(40),
        ])
        .areas(top);
        let [inj, log, join] = Layout::horizontal([
            Constraint::Percentage(34),
            Constraint::Percentage(33),
            Constraint::Percentage(33),
        ])
        .areas(bottom);
        panes = [
            Some(net),
            Some(teams),
            Some(mid),
            Some(inj),
            Some(log),
            Some(join),
        ];
        ConsoleLayout {
            header,
            panes,
            metrics: Some(metrics),
            tabbed: false,
            footer,
        }
    } else {
        panes[pane.min(PANES.len() - 1)] = Some(body);
        ConsoleLayout {
            header,
            panes,
            metrics: None,
            tabbed: true,
            footer,
        }
    }
}

/// The rows a pane shows on a terminal of this size: a page of it.
pub fn pane_rows(size: Rect, pane: usize, routes: usize, groups: usize) -> usize {
    let l = layout(size, pane, routes, groups);
    l.panes
        .get(pane)
        .copied()
        .flatten()
        .map_or(1, |r| usize::from(Block::bordered().inner(r).height))
}

/// Everything the console shows: the truth and the state of the console.
/// Whoever holds the game (a local session, a server, a journal) fills it in.
#[derive(Clone, Copy)]
pub struct ConsoleScreen<'a> {
    pub truth: &'a FacilitatorView,
    pub panes: &'a ConsolePanes,
    pub theme: Theme,
    /// How long this turn has been open.
    pub elapsed: std::time::Duration,
    /// When the turn is played by itself, if the timer has a limit.
    pub limit: Option<std::time::Duration>,
    pub paused: bool,
    /// Injects fired and messages sent this turn.
    pub live: &'a [String],
    /// What exercise control did, oldest first.
    pub log: &'a [String],
    /// How each team's seat is filled, in scenario order.
    pub links: &'a [Link],
    /// How teams join, when the exercise is served.
    pub join: Option<&'a JoinInfo>,
    /// The Join tab shows the codes.
    pub reveal: bool,
    pub keys: &'a [Binding],
    pub status: Option<&'a str>,
}

/// The pane under a cell of a terminal of `size`, showing `pane` if tabbed.
pub fn pane_at(
    size: Rect,
    pane: usize,
    routes: usize,
    groups: usize,
    col: u16,
    row: u16,
) -> Option<usize> {
    let l = layout(size, pane, routes, groups);
    let p = Position::new(col, row);
    if l.tabbed {
        let body = l.panes.iter().flatten().next()?;
        if row != body.y {
            return None;
        }
        let mut x = body.x + 2;
        for (i, n) in PANES.iter().enumerate() {
            let w = width(n) as u16 + 2;
            if col >= x && col < x + w {
                return Some(i);
            }
            x += w;
        }
        return None;
    }
    l.panes
        .iter()
        .position(|r| r.is_some_and(|r| r.contains(p)))
}

/// How far each pane can scroll on a terminal of `size`.
pub fn max_scroll(size: Rect, s: &ConsoleScreen) -> [usize; PANES.len()] {
    let mut out = [0; PANES.len()];
    let t = s.truth;
    let l = layout(size, s.panes.pane, t.routes.len(), t.groups.len());
    for (i, r) in l.panes.iter().enumerate() {
        let Some(r) = r else { continue };
        let inner = Block::bordered().inner(*r);
        let h = usize::from(inner.height);
        let n = match pane_lines(i, s, usize::from(inner.width)) {
            Some(lines) => lines.len(),
            None => 0,
        };
        out[i] = n.saturating_sub(h);
    }
    out
}

/// The filter of pane `i`: the typed one where it has the keyboard.
fn filter_of<'a>(s: &'a ConsoleScreen, i: usize) -> Option<&'a Filter> {
    (s.panes.pane == i && s.panes.filter.active()).then_some(&s.panes.filter)
}

/// The lines of a pane that scrolls (none for the network chart).
fn pane_lines(i: usize, s: &ConsoleScreen, w: usize) -> Option<Vec<Line<'static>>> {
    let (t, theme) = (s.truth, s.theme);
    let filter = filter_of(s, i);
    Some(match i {
        1 => team_lines(t, s.links, filter, w, theme),
        2 => route_lines_filtered(t, w, theme, filter),
        3 => inject_lines(s.live, t, filter, w, theme),
        4 => log_lines(s.live, s.log, filter, theme, w),
        JOIN => join_lines(s, filter, w),
        _ => return None,
    })
}

fn header_text(s: &ConsoleScreen, w: u16) -> String {
    let t = s.truth;
    let turn = format!("Turn {}/{}", t.turn.min(t.turns), t.turns);
    let timer = match s.limit {
        // Counting down, so the room sees how long is left.
        Some(l) => format!("{} left", clock(l.saturating_sub(s.elapsed))),
        None => format!("timer {}", clock(s.elapsed)),
    };
    let run = if s.paused {
        "‖ paused"
    } else {
        "▶ running"
    };
    let ready = t.teams.iter().filter(|x| x.ready).count();
    let ready = format!("ready {ready}/{}", t.teams.len());
    let title = &t.scenario;
    let date = &t.date;
    // The ready count always shows: it is what the facilitator waits on.
    header_line(
        &[
            format!("{title} · {turn} · {date} · EXERCISE CONTROL · {timer} · {run} · {ready}"),
            format!("{turn} · {date} · EXERCISE CONTROL · {timer} · {run} · {ready}"),
            format!("{turn} · EXERCISE CONTROL · {timer} · {run} · {ready}"),
            format!("{turn} · WHITE CELL · {timer} · {run} · {ready}"),
            format!("{turn} · {timer} · {run} · {ready}"),
            format!("{turn} · {run} · {ready}"),
            format!("{turn} · {ready}"),
        ],
        w,
    )
}

/// Draw a console from its data.
pub fn draw_screen(s: &ConsoleScreen, frame: &mut Frame, area: Rect) {
    let (t, theme) = (s.truth, s.theme);
    let l = layout(area, s.panes.pane, t.routes.len(), t.groups.len());
    header_bar(
        frame,
        l.header,
        &header_text(s, area.width),
        theme.header_white_cell(),
    );
    for (i, r) in l.panes.iter().enumerate() {
        let Some(r) = *r else { continue };
        let focused = l.tabbed || s.panes.pane == i;
        let title = if l.tabbed {
            tabs_title(i, theme)
        } else {
            let mark = if focused { "▶" } else { " " };
            Line::from(format!("{mark}{} ", pane_title(i)))
        };
        let style = if focused && !l.tabbed {
            theme.focus_border()
        } else {
            theme.border()
        };
        let block = Block::bordered().border_style(style).title(title);
        let inner = block.inner(r);
        frame.render_widget(block, r);
        let scroll = s.panes.scroll[i];
        let w = usize::from(inner.width);
        if i == 0 {
            network(frame, inner, t, theme);
            continue;
        }
        let lines = pane_lines(i, s, w).unwrap_or_default();
        let total = lines.len();
        // The small console shows the metrics under the teams, with
        // whatever room the teams leave.
        let (list_area, metrics_area) = if i == 1 && l.tabbed {
            let need = total as u16;
            let left = inner.height.saturating_sub(need);
            if left >= 5 {
                let [a, b] =
                    Layout::vertical([Constraint::Length(need), Constraint::Min(0)]).areas(inner);
                (a, Some(b))
            } else {
                (inner, None)
            }
        } else {
            (inner, None)
        };
        let h = usize::from(list_area.height);
        let scroll = scroll.min(total.saturating_sub(h));
        let shown: Vec<Line> = lines.into_iter().skip(scroll).take(h).collect();
        frame.render_widget(Paragraph::new(shown), list_area);
        if let Some(m) = metrics_area {
            let [gap, m] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(m);
            frame.render_widget(Line::styled("─".repeat(w), theme.border()), gap);
            metrics(frame, m, t, theme);
        }
        let filter = filter_of(s, i).and_then(|f| {
            let (shown, all) = pane_counts(i, s);
            f.label(shown, all)
        });
        bottom_marks(frame, r, filter, list::position(scroll, h, total), theme);
    }
    if let Some(m) = l.metrics {
        let block = Block::bordered()
            .border_style(theme.border())
            .title(" Metrics per turn ");
        let inner = block.inner(m);
        frame.render_widget(block, m);
        metrics(frame, inner, t, theme);
    }
    footer(frame, l.footer, theme, s.keys, s.status);
}

fn pane_title(i: usize) -> &'static str {
    match i {
        0 => "Truth: the network",
        1 => "Teams · ready · queued · seat",
        2 => "Route map · migrant groups",
        3 => "Injects (MSEL)",
        4 => "Log",
        _ => "Join",
    }
}

fn tabs_title(active: usize, theme: Theme) -> Line<'static> {
    let spans: Vec<Span> = PANES
        .iter()
        .enumerate()
        .map(|(i, n)| {
            if i == active {
                Span::styled(format!("[{n}]"), theme.heading().patch(theme.selected()))
            } else {
                Span::styled(format!(" {n} "), theme.dim())
            }
        })
        .collect();
    let mut all = vec![Span::raw(" ")];
    all.extend(spans);
    Line::from(all)
}

/// The symbol of a network member's true status.
fn actor_symbol(a: &crate::view::ActorTruth) -> &'static str {
    if a.dark && a.working {
        "◐"
    } else {
        theme::person_symbol(Some(a.status), true, a.organiser)
    }
}

const TRUTH_LEGEND: &str =
    "◆ organiser ● active ◐ dark ! alerted ⊘ arrested ▣ convicted ↗ fled ◌ dormant";

/// The true network as a link chart.
pub fn network(frame: &mut Frame, area: Rect, t: &FacilitatorView, theme: Theme) {
    let (chart_area, legend) = if area.height >= 8 {
        let [c, l] = Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(area);
        (c, Some(l))
    } else {
        (area, None)
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
            Line::styled(fit(TRUTH_LEGEND, usize::from(l.width)), theme.dim()),
            l,
        );
    }
}

/// Each team's readiness, how its seat is filled, and its queued orders,
/// as lines: a team the filter leaves out shows no line at all.
pub fn team_lines(
    t: &FacilitatorView,
    links: &[Link],
    filter: Option<&Filter>,
    w: usize,
    theme: Theme,
) -> Vec<Line<'static>> {
    // Name, then ready (12), orders queued (7), the seat (11).
    let name_w = w.saturating_sub(2 + 12 + 7 + 11).max(8);
    let mut lines = vec![Line::styled(
        format!(
            "  {}{}{}{}",
            pad("Team", name_w),
            pad(" ready", 12),
            pad(" orders", 7),
            " seat"
        ),
        theme.heading(),
    )];
    for (i, x) in t.teams.iter().enumerate() {
        if filter.is_some_and(|f| !f.matches(&x.name)) {
            continue;
        }
        let ready = format!(
            " {} {}",
            theme::ready_symbol(x.ready),
            theme::ready_word(x.ready)
        );
        let link = links
            .get(i)
            .copied()
            .unwrap_or(if x.bot { Link::Bot } else { Link::Here });
        let link_style = match link {
            Link::Dropped => theme.bad(),
            Link::Waiting => theme.warn(),
            _ => theme.dim(),
        };
        lines.push(Line::from(vec![
            Span::raw(format!("  {}", pad(&x.name, name_w))),
            Span::styled(
                pad(&ready, 12),
                if x.ready { theme.good() } else { theme.warn() },
            ),
            Span::raw(format!("{:>5}  ", x.queued)),
            Span::styled(format!(" {}", link.label()), link_style),
        ]));
        for o in &x.orders {
            lines.push(Line::styled(
                format!("      \u{b7} {}", fit(o, w.saturating_sub(8))),
                theme.dim(),
            ));
        }
    }
    lines
}

/// How many entries of pane `i` its filter shows, of how many.
fn pane_counts(i: usize, s: &ConsoleScreen) -> (usize, usize) {
    let f = &s.panes.filter;
    let t = s.truth;
    let count = |names: Vec<&str>| (names.iter().filter(|n| f.matches(n)).count(), names.len());
    match i {
        1 | JOIN => count(t.teams.iter().map(|x| x.name.as_str()).collect()),
        2 => count(t.routes.iter().map(|x| x.name.as_str()).collect()),
        3 => count(t.injects.iter().map(|x| x.title.as_str()).collect()),
        _ => count(s.log.iter().map(String::as_str).collect()),
    }
}

/// The metrics the console charts: label, metric, and whether it is a permille.
const CHARTED: [(&str, Metric, bool); 9] = [
    ("capability", Metric::NetworkCapability, true),
    ("arrested", Metric::Arrested, false),
    ("convicted", Metric::Convicted, false),
    ("victims id'd", Metric::VictimsIdentified, false),
    ("protected", Metric::VictimsProtected, false),
    ("lives lost", Metric::LivesLost, false),
    ("intel shared", Metric::IntelShared, false),
    ("disruption", Metric::DisruptionScore, false),
    ("protection", Metric::ProtectionScore, false),
];

/// The metric charts, per turn so far.
pub fn metrics(frame: &mut Frame, area: Rect, t: &FacilitatorView, theme: Theme) {
    if t.history.is_empty() {
        frame.render_widget(
            Paragraph::new("No turn played yet: the charts start after turn 1.").style(theme.dim()),
            area,
        );
        return;
    }
    let label_w = 13u16;
    let value_w = 7u16;
    for (row, (label, key, permille)) in CHARTED.iter().enumerate() {
        let y = area.y + row as u16;
        if y >= area.y + area.height {
            break;
        }
        let series = t.series(*key);
        let min = series.iter().copied().min().unwrap_or(0).min(0);
        let data: Vec<u64> = series.iter().map(|v| (v - min) as u64).collect();
        let latest = series.last().copied().unwrap_or(0);
        let value = if *permille {
            format!("{}%", latest / 10)
        } else {
            latest.to_string()
        };
        let r = Rect::new(area.x, y, area.width, 1);
        let [l, s, v] = Layout::horizontal([
            Constraint::Length(label_w),
            Constraint::Min(1),
            Constraint::Length(value_w),
        ])
        .areas(r);
        frame.render_widget(Line::styled(label.to_string(), theme.dim()), l);
        // The latest turns when there are more than fit.
        let skip = data.len().saturating_sub(usize::from(s.width));
        let style = match *key {
            Metric::LivesLost => theme.bad(),
            Metric::NetworkCapability => theme.warn(),
            _ => theme.good(),
        };
        let max = if *permille {
            1000u64.saturating_sub(min as u64)
        } else {
            data.iter().copied().max().unwrap_or(1).max(1)
        };
        frame.render_widget(
            Sparkline::default()
                .data(&data[skip..])
                .max(max)
                .style(style),
            s,
        );
        frame.render_widget(Line::from(format!("{value:>6}")), v);
    }
}

/// The route map with the migrant groups on the move, as lines: each
/// route's stops with the groups at or between them, then every group.
pub fn route_lines(t: &FacilitatorView, w: usize, theme: Theme) -> Vec<Line<'static>> {
    route_lines_filtered(t, w, theme, None)
}

/// The route map, only the routes (and their groups) whose name passes the filter.
fn route_lines_filtered(
    t: &FacilitatorView,
    w: usize,
    theme: Theme,
    filter: Option<&Filter>,
) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let kept =
        |r: usize| filter.is_none_or(|f| t.routes.get(r).is_some_and(|x| f.matches(&x.name)));
    for (r, route) in t.routes.iter().enumerate() {
        if !kept(r) {
            continue;
        }
        let closed = if route.unopened {
            " · not opened yet"
        } else if route.closed {
            " · closed by the network"
        } else {
            ""
        };
        out.push(Line::styled(
            fit(
                &format!(
                    "{} · pressure {} · seat {} · {} moved{closed}",
                    route.name, route.pressure, route.price, route.moved
                ),
                w,
            ),
            theme.heading(),
        ));
        let stops = route.legs.len() + 1;
        let cw = (w / stops.max(1)).max(4);
        let mut names = String::new();
        for i in 0..stops {
            let name = if i == 0 {
                route.legs.first().map(|l| l.from.clone())
            } else {
                route.legs.get(i - 1).map(|l| l.to.clone())
            }
            .unwrap_or_default();
            let conn = match route.legs.get(i).map(|l| l.mode) {
                Some(Mode::Sea) => " ≈>",
                Some(Mode::Air) => " ·>",
                Some(Mode::Land) => " ─>",
                None => "",
            };
            let cell = format!("{}{conn}", fit(&name, cw.saturating_sub(width(conn) + 1)));
            names.push_str(&pad(&cell, cw));
        }
        out.push(Line::from(fit(&names, w)));
        // Groups on the move, placed under their stop or between two stops.
        let mut marks: Vec<(usize, String)> = t
            .groups
            .iter()
            .filter(|g| g.route.index() == r && g.on_route)
            .map(|g| {
                let col = g.stop * cw + if g.moving { cw / 2 } else { 0 };
                let distress = if g.distress { "!" } else { "" };
                (
                    col,
                    format!("{}{}{distress}", theme::group_symbol(g.status), g.size),
                )
            })
            .collect();
        marks.sort();
        let mut line = String::new();
        let mut used = 0;
        for (col, m) in marks {
            if col > used {
                line.push_str(&" ".repeat(col - used));
                used = col;
            } else if used > 0 {
                line.push(' ');
                used += 1;
            }
            line.push_str(&m);
            used += width(&m);
        }
        if line.is_empty() {
            line = "no group on the move".into();
        }
        out.push(Line::styled(fit(&line, w), theme.warn()));
    }
    // Where the rest are: held, arrived, protected, lost.
    let mut tally: Vec<(GroupStatus, u32, usize)> = Vec::new();
    for g in t.groups.iter().filter(|g| !g.on_route) {
        match tally.iter_mut().find(|(s, _, _)| *s == g.status) {
            Some(x) => {
                x.1 += g.size;
                x.2 += 1;
            }
            None => tally.push((g.status, g.size, 1)),
        }
    }
    let lost: u32 = t.groups.iter().map(|g| g.lost).sum();
    let mut parts: Vec<String> = tally
        .iter()
        .map(|(s, people, n)| {
            format!(
                "{} {s}: {n} group(s), {people} people",
                theme::group_symbol(*s)
            )
        })
        .collect();
    if lost > 0 {
        parts.push(format!("✝ {lost} lives lost"));
    }
    for p in wrap(&parts.join(" · "), w) {
        if !p.is_empty() {
            out.push(Line::from(p));
        }
    }
    out.push(Line::default());
    for g in t.groups.iter().filter(|g| kept(g.route.index())) {
        let mut text = format!(
            "{} {} · {} people · {} · {}",
            theme::group_symbol(g.status),
            g.id,
            g.size,
            g.status,
            g.position
        );
        if let Some(c) = &g.custody {
            text.push_str(&format!(" · held by {c}"));
        }
        if g.distress && g.on_route {
            text.push_str(" · ! IN DISTRESS");
        }
        if g.lost > 0 {
            text.push_str(&format!(" · {} lost", g.lost));
        }
        if !g.indicators.is_empty() {
            let id = if g.identified {
                "victims identified"
            } else {
                "victims not identified"
            };
            text.push_str(&format!(
                " · trafficking: {} ({id})",
                g.indicators
                    .iter()
                    .map(|i| i.label())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        out.push(Line::styled(
            fit(&text, w),
            if g.distress && g.on_route {
                theme.bad()
            } else {
                theme.text()
            },
        ));
    }
    out
}

/// The scenario's injects, each with when it fired or is due.
fn inject_lines(
    live: &[String],
    t: &FacilitatorView,
    filter: Option<&Filter>,
    w: usize,
    theme: Theme,
) -> Vec<Line<'static>> {
    t.injects
        .iter()
        .filter(|i| filter.is_none_or(|f| f.matches(&i.title)))
        .map(|i| {
            let queued = live.iter().any(|l| l == &format!("inject: {}", i.title));
            let (sym, when, style) = match i.fired {
                Some(turn) => ("✓", format!("fired T{turn}"), theme.dim()),
                None if queued => ("↯", "fired this turn".to_string(), theme.warn()),
                None => ("·", i.trigger.clone(), theme.text()),
            };
            Line::styled(fit(&format!("{sym} {} · {when}", i.title), w), style)
        })
        .collect()
}

/// What exercise control did, newest first, this turn's injects and
/// messages on top.
fn log_lines(
    live: &[String],
    log: &[String],
    filter: Option<&Filter>,
    theme: Theme,
    w: usize,
) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let kept = |l: &str| filter.is_none_or(|f| f.matches(l));
    for l in live.iter().filter(|l| kept(l)) {
        for (k, x) in wrap(&format!("↯ this turn: {l}"), w)
            .into_iter()
            .enumerate()
        {
            out.push(if k == 0 {
                Line::styled(x, theme.warn())
            } else {
                Line::styled(format!("  {x}"), theme.warn())
            });
        }
    }
    for l in log.iter().rev().filter(|l| kept(l)) {
        out.extend(wrap(l, w).into_iter().map(Line::from));
    }
    if out.is_empty() {
        out.push(Line::styled(
            "What exercise control does appears here.",
            theme.dim(),
        ));
    }
    out
}

/// How teams join: the address they type and each team's command, the codes
/// hidden until `v` (the console may be on a projector).
fn join_lines(s: &ConsoleScreen, filter: Option<&Filter>, w: usize) -> Vec<Line<'static>> {
    let theme = s.theme;
    let mut out: Vec<Line> = Vec::new();
    let mut para = |text: &str, style| {
        for l in wrap(text, w) {
            out.push(Line::styled(l, style));
        }
    };
    let Some(join) = s.join else {
        para(
            "Every team plays at this keyboard: there is nothing to join. `undertow serve` serves an exercise to teams at their own terminals.",
            theme.dim(),
        );
        return out;
    };
    let addr = &join.address;
    para(&format!("Teams join at {addr}"), theme.heading());
    let host = addr.rsplit_once(':').map_or(addr.as_str(), |(h, _)| h);
    let note = match host {
        "127.0.0.1" | "[::1]" | "localhost" => Some(
            "Loopback: only this machine reaches it. Teams on other laptops need `serve --bind` on this machine's room-network address, or the ssh route (README).",
        ),
        "0.0.0.0" | "[::]" => Some(
            "Every interface: teams type this machine's address on the room's network (hostname -I) with this port.",
        ),
        _ => None,
    };
    if let Some(n) = note {
        para(n, theme.warn());
    }
    para(
        if s.reveal {
            "Codes shown: v hides them. Hand each team its own, privately."
        } else {
            "Codes hidden: v shows them (mind the projector)."
        },
        theme.dim(),
    );
    for (i, (id, code)) in join.codes.iter().enumerate() {
        let name = s
            .truth
            .teams
            .get(i)
            .map_or_else(|| id.clone(), |t| t.name.clone());
        if filter.is_some_and(|f| !f.matches(&name)) {
            continue;
        }
        let link = s.links.get(i).map_or("", |l| l.label());
        out.push(Line::default());
        out.push(Line::styled(
            fit(&format!("{name} · {link}"), w),
            theme.heading(),
        ));
        let code = if s.reveal {
            code.clone()
        } else {
            "•".repeat(code.chars().count().min(8))
        };
        for (k, l) in wrap(
            &format!("undertow join {addr} --team {id} --code {code}"),
            w.saturating_sub(2),
        )
        .into_iter()
        .enumerate()
        {
            let lead = if k == 0 { "  " } else { "    " };
            out.push(Line::from(format!("{lead}{l}")));
        }
    }
    out
}
