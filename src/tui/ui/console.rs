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
use super::{clock, footer, header_bar, header_line};
use crate::tui::app::App;
use crate::tui::console::{ConsolePanes, PANES};
use crate::tui::keys::Binding;
use crate::tui::text::{fit, pad, width, wrap};
use crate::tui::theme::{self, Theme};
use crate::view::FacilitatorView;

/// Where the console's panes go. On a small terminal one pane shows at a
/// time, chosen by tabs; on a large one they all show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConsoleLayout {
    pub header: Rect,
    pub panes: [Option<Rect>; 5],
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
    let mut panes = [None; 5];
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
            Constraint::Length(50),
            Constraint::Length(42),
        ])
        .areas(top);
        let [inj, log] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                .areas(bottom);
        panes = [Some(net), Some(teams), Some(mid), Some(inj), Some(log)];
        ConsoleLayout {
            header,
            panes,
            metrics: Some(metrics),
            tabbed: false,
            footer,
        }
    } else {
        panes[pane.min(4)] = Some(body);
        ConsoleLayout {
            header,
            panes,
            metrics: None,
            tabbed: true,
            footer,
        }
    }
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
    /// Injects and messages fired this turn, not yet delivered.
    pub live: &'a [String],
    /// What exercise control did, oldest first.
    pub log: &'a [String],
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

/// How far each pane can scroll on a terminal of `size`, showing `pane` if tabbed.
pub fn max_scroll(
    size: Rect,
    pane: usize,
    t: &FacilitatorView,
    live: &[String],
    log: &[String],
    theme: Theme,
) -> [usize; 5] {
    let mut out = [0; 5];
    let l = layout(size, pane, t.routes.len(), t.groups.len());
    for (i, r) in l.panes.iter().enumerate() {
        let Some(r) = r else { continue };
        let inner = Block::bordered().inner(*r);
        let h = usize::from(inner.height);
        let n = match i {
            1 => t.teams.len() + 1,
            2 => route_lines(t, usize::from(inner.width), theme).len(),
            3 => t.injects.len(),
            4 => log_lines(live, log, theme, usize::from(inner.width)).len(),
            _ => 0,
        };
        out[i] = n.saturating_sub(h);
    }
    out
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
    header_line(
        &[
            format!("{title} · {turn} · {date} · EXERCISE CONTROL · {timer} · {run} · {ready}"),
            format!("{turn} · {date} · EXERCISE CONTROL · {timer} · {run} · {ready}"),
            format!("{turn} · EXERCISE CONTROL · {timer} · {run}"),
            format!("{turn} · WHITE CELL · {run}"),
        ],
        w,
    )
}

/// Draw the console, while exercise control is open.
pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    if let Some(s) = app.console_screen() {
        draw_screen(&s, frame, area);
    }
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
        match i {
            0 => network(frame, inner, t, theme),
            1 => {
                if l.tabbed {
                    // The small console shows the metrics under the teams.
                    let rows = (t.teams.len() as u16 + 2).min(inner.height / 2);
                    let [a, b] = Layout::vertical([Constraint::Length(rows), Constraint::Min(0)])
                        .areas(inner);
                    teams(frame, a, t, theme, scroll);
                    metrics(frame, b, t, theme);
                } else {
                    teams(frame, inner, t, theme, scroll);
                }
            }
            2 => {
                let lines = route_lines(t, usize::from(inner.width), theme);
                let shown: Vec<Line> = lines.into_iter().skip(scroll).collect();
                frame.render_widget(Paragraph::new(shown), inner);
            }
            3 => injects(s.live, frame, inner, t, theme, scroll),
            _ => {
                let shown: Vec<Line> = log_lines(s.live, s.log, theme, usize::from(inner.width))
                    .into_iter()
                    .skip(scroll)
                    .collect();
                frame.render_widget(Paragraph::new(shown), inner);
            }
        }
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
        1 => "Teams · ready · queued",
        2 => "Route map · migrant groups",
        3 => "Injects (MSEL)",
        _ => "Log",
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

/// Each team's readiness and queued orders.
pub fn teams(frame: &mut Frame, area: Rect, t: &FacilitatorView, theme: Theme, scroll: usize) {
    let w = usize::from(area.width);
    let name_w = w.saturating_sub(22).max(8);
    let mut lines = vec![Line::styled(
        format!("{}{}", pad("Team", name_w + 2), "ready      queued"),
        theme.heading(),
    )];
    for x in t.teams.iter().skip(scroll) {
        let ready = format!(
            "{} {}",
            theme::ready_symbol(x.ready),
            pad(theme::ready_word(x.ready), 9)
        );
        let bot = if x.bot { " bot" } else { "" };
        lines.push(Line::from(vec![
            Span::raw(format!("  {} ", pad(&x.name, name_w.saturating_sub(1)))),
            Span::styled(ready, if x.ready { theme.good() } else { theme.warn() }),
            Span::raw(format!(" {:>2}{bot}", x.queued)),
        ]));
        for o in &x.orders {
            lines.push(Line::styled(
                format!("      \u{b7} {}", fit(o, w.saturating_sub(8))),
                theme.dim(),
            ));
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
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

/// The route map: each route's stops with the groups at or between them.
/// The route map with the migrant groups on the move, as lines.
pub fn route_lines(t: &FacilitatorView, w: usize, theme: Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for (r, route) in t.routes.iter().enumerate() {
        let closed = if route.closed {
            " · closed by the network"
        } else {
            ""
        };
        out.push(Line::styled(
            fit(
                &format!("{} · pressure {}{closed}", route.name, route.pressure),
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
            .filter(|g| g.route == r && g.on_route)
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
    for g in &t.groups {
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
                g.indicators.join(", ")
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

fn injects(
    live: &[String],
    frame: &mut Frame,
    area: Rect,
    t: &FacilitatorView,
    theme: Theme,
    scroll: usize,
) {
    let w = usize::from(area.width);
    let lines: Vec<Line> = t
        .injects
        .iter()
        .skip(scroll)
        .map(|i| {
            let queued = live.iter().any(|l| l == &format!("inject: {}", i.title));
            let (sym, when, style) = match i.fired {
                Some(turn) => ("✓", format!("fired T{turn}"), theme.dim()),
                None if queued => ("↯", "fires this turn".to_string(), theme.warn()),
                None => ("·", i.trigger.clone(), theme.text()),
            };
            Line::styled(fit(&format!("{sym} {} · {when}", i.title), w), style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

fn log_lines(live: &[String], log: &[String], theme: Theme, w: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for l in live {
        for (k, x) in wrap(&format!("↯ pending {l}"), w).into_iter().enumerate() {
            out.push(if k == 0 {
                Line::styled(x, theme.warn())
            } else {
                Line::styled(format!("  {x}"), theme.warn())
            });
        }
    }
    for l in log.iter().rev() {
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
