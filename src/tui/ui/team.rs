//! The team screen: header, the intelligence picture (drawn by `picture`),
//! the action panel with the orders queued, and the message log.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{footer, header_bar, header_line, list_offset, picture};
use crate::engine::orders::{Liaison, Order, Target};
use crate::tui::app::App;
use crate::tui::keys::Binding;
use crate::tui::team::{Pane, TeamPanes};
use crate::tui::text::{fit, pad, wrap};
use crate::tui::theme::{self, Theme};
use crate::view::TeamView;

/// Where the parts of the team screen go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TeamLayout {
    pub header: Rect,
    pub picture: Rect,
    /// A details pane beside the picture, on wide terminals.
    pub details: Option<Rect>,
    pub actions: Rect,
    pub queued: Rect,
    pub messages: Rect,
    pub footer: Rect,
}

/// The team screen's layout for a terminal of this size.
pub fn layout(area: Rect) -> TeamLayout {
    let msg_h = if area.height >= 40 {
        area.height / 4
    } else if area.height >= 30 {
        8
    } else {
        6
    };
    let [header, body, messages, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(6),
        Constraint::Length(msg_h),
        Constraint::Length(1),
    ])
    .areas(area);
    let wide = area.width >= 140;
    let right_w = if wide {
        52
    } else {
        (area.width * 46 / 100).max(34).min(area.width / 2)
    };
    let (picture, details, right) = if wide {
        let [p, d, r] = Layout::horizontal([
            Constraint::Min(40),
            Constraint::Length(38),
            Constraint::Length(right_w),
        ])
        .areas(body);
        (p, Some(d), r)
    } else {
        let [p, r] =
            Layout::horizontal([Constraint::Min(30), Constraint::Length(right_w)]).areas(body);
        (p, None, r)
    };
    let queued_h = (right.height / 3).max(5);
    let [actions, queued] =
        Layout::vertical([Constraint::Min(4), Constraint::Length(queued_h)]).areas(right);
    TeamLayout {
        header,
        picture,
        details,
        actions,
        queued,
        messages,
        footer,
    }
}

/// Lines under the action list for the selected action's details.
fn action_detail_rows(actions: Rect) -> u16 {
    // On a small terminal the list comes first: the order box shows the rest.
    if actions.height >= 18 {
        5
    } else if actions.height >= 14 {
        3
    } else {
        0
    }
}

/// The part of the actions pane holding the list, as a bordered rectangle
/// whose inner rows are the list's rows (under the heading row).
pub fn actions_list_area(actions: Rect) -> Rect {
    Rect {
        y: actions.y + 1,
        height: actions
            .height
            .saturating_sub(action_detail_rows(actions) + 1),
        ..actions
    }
}

/// A pane's frame, marked (by colour and a triangle) when it has the keyboard.
pub(crate) fn focus_block(title: Line<'static>, focused: bool, theme: Theme) -> Block<'static> {
    let style = if focused {
        theme.focus_border()
    } else {
        theme.border()
    };
    // The focused pane's title is marked with a triangle as well as a colour.
    let mark = if focused { "▶" } else { " " };
    let mut spans = vec![Span::styled(mark, style)];
    spans.extend(title.spans);
    Block::bordered()
        .border_style(style)
        .title(Line::from(spans))
}

/// Everything the team screen shows: one team's view and the state of its
/// screen. Whoever holds the game (a local session, a server, a journal)
/// fills it in; the drawing needs nothing else.
#[derive(Clone, Copy)]
pub struct TeamScreen<'a> {
    pub view: &'a TeamView,
    pub panes: &'a TeamPanes,
    pub theme: Theme,
    pub ready: bool,
    pub paused: bool,
    /// The orders queued this turn.
    pub queued: &'a [Order],
    /// Liaison messages sent this turn.
    pub sent: &'a [Liaison],
    /// Why each of the view's actions cannot be ordered now (none if it can).
    pub action_blocks: &'a [Option<String>],
    pub keys: &'a [Binding],
    pub status: Option<&'a str>,
}

/// Draw the seated team's screen.
pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    if let Some(s) = app.team_screen() {
        draw_screen(&s, frame, area);
    }
}

/// Draw a team screen from its data.
pub fn draw_screen(s: &TeamScreen, frame: &mut Frame, area: Rect) {
    let l = layout(area);
    header_bar(
        frame,
        l.header,
        &header_text(s.view, s.ready, s.paused, area.width),
        s.theme.header(),
    );
    picture::draw_picture(s, frame, l.picture);
    if let Some(d) = l.details {
        picture::draw_details(s, frame, d);
    }
    draw_actions(s, frame, l.actions);
    draw_queued(s, frame, l.queued);
    draw_messages(s, frame, l.messages);
    footer(frame, l.footer, s.theme, s.keys, s.status);
}

/// The header text: the most complete version that fits the width.
pub fn header_text(v: &TeamView, ready: bool, paused: bool, width: u16) -> String {
    // After the last turn the view looks at a turn that will not be played.
    let turn = format!("Turn {}/{}", v.turn.min(v.turns), v.turns);
    let team = &v.team.name;
    let country = &v.team.country;
    let cap = format!("{}/{} capacity left", v.team.capacity_left, v.team.capacity);
    let cap_short = format!("{}/{} cap", v.team.capacity_left, v.team.capacity);
    let sym = theme::ready_symbol(ready);
    let word = theme::ready_word(ready);
    let pause = if paused { " · ‖ paused" } else { "" };
    let title = &v.scenario;
    let date = &v.date;
    // The date without its year, for narrow terminals.
    let short_date = date.rsplit_once(' ').map_or(date.as_str(), |(d, _)| d);
    let variants = [
        format!("{title} · {turn} · {date} · {team} ({country}) · {cap} · {sym} {word}{pause}"),
        format!(
            "{title} · {turn} · {date} · {team} ({country}) · {cap_short} · {sym} {word}{pause}"
        ),
        format!("{turn} · {date} · {team} ({country}) · {cap_short} · {sym} {word}{pause}"),
        format!("{turn} · {short_date} · {team} ({country}) · {cap_short} · {sym} {word}{pause}"),
        format!("{turn} · {short_date} · {team} · {cap_short} · {sym} {word}{pause}"),
        format!("{turn} · {short_date} · {team} · {cap_short} {sym}{pause}"),
        format!("{turn} · {team} · {cap_short} {sym}"),
        format!("{turn} · {team}"),
    ];
    header_line(&variants, width)
}

/// The team's legal framework, in lines.
pub fn law_lines(v: &TeamView) -> Vec<String> {
    let l = &v.law;
    vec![
        format!("Your law ({}):", v.team.country),
        format!(
            "- interception: {}",
            if l.interception_allowed {
                format!(
                    "allowed with a warrant at evidence {}",
                    l.interception_threshold
                )
            } else {
                "not allowed".into()
            }
        ),
        format!("- arrest at evidence {}", l.arrest_threshold),
        format!("- charge at admissible evidence {}", l.charge_threshold),
        format!("- MLA requests answered in about {} turns", l.mla_delay),
        format!(
            "- extradition {}",
            if l.extradition {
                "possible"
            } else {
                "not possible"
            }
        ),
        format!(
            "Capacity {} a turn · interpreters {}",
            v.team.capacity, v.team.interpreters
        ),
    ]
}

fn draw_actions(s: &TeamScreen, frame: &mut Frame, area: Rect) {
    let (v, theme, panes) = (s.view, s.theme, s.panes);
    let focused = panes.pane() == Pane::Actions;
    let block = focus_block(Line::from(" Actions "), focused, theme);
    frame.render_widget(block, area);
    let list = actions_list_area(area);
    let inner = Block::bordered().inner(list);
    let w = usize::from(inner.width);
    let h = usize::from(inner.height);
    // A small table: name, capacity cost, turns until it resolves.
    let name_w = w.saturating_sub(2 + 4 + 6);
    let heading = Rect {
        y: inner.y.saturating_sub(1),
        height: 1,
        ..inner
    };
    frame.render_widget(
        Line::styled(
            format!("  {}{:>4}{:>6}", pad("Action", name_w), "cap", "turns"),
            theme.dim(),
        ),
        heading,
    );
    let off = list_offset(panes.action, h);
    let mut lines = Vec::new();
    for (i, a) in v.actions.iter().enumerate().skip(off).take(h) {
        let blocked = s.action_blocks.get(i).and_then(|b| b.as_ref()).is_some();
        let dur = match a.duration {
            0 => "now".to_string(),
            n => n.to_string(),
        };
        let mark = if i == panes.action {
            "▶"
        } else if blocked {
            "✗"
        } else {
            " "
        };
        let style = if blocked { theme.dim() } else { theme.text() };
        let mut line = Line::from(vec![
            Span::raw(mark),
            Span::styled(format!(" {}", pad(&a.name, name_w)), style),
            Span::styled(format!("{:>4}{:>6}", a.cost, dur), theme.dim()),
        ]);
        if i == panes.action && focused {
            line = line.patch_style(theme.selected());
        }
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), inner);
    // The selected action's prerequisites, or why it cannot be ordered now.
    let rows = action_detail_rows(area);
    if rows > 0
        && let Some(a) = v.actions.get(panes.action)
    {
        let detail = Rect {
            x: inner.x,
            y: list.y + list.height.saturating_sub(1),
            width: inner.width,
            height: rows,
        };
        let mut text: Vec<Line> = Vec::new();
        let risk = if a.tip_off > 0 {
            format!("risk: tips off {}% · ", a.tip_off)
        } else {
            String::new()
        };
        let aim = match a.target_label.as_str() {
            "none" => "no target".to_string(),
            k => format!("aims at a {k}"),
        };
        let first = format!("{risk}{aim}");
        text.push(Line::styled(fit(&first, w), theme.dim()));
        match s.action_blocks.get(panes.action).and_then(|b| b.as_ref()) {
            Some(why) => {
                for l in wrap(&format!("✗ {why}"), w) {
                    text.push(Line::styled(l, theme.warn()));
                }
            }
            None if !a.requires.is_empty() => {
                for l in wrap(&a.requires.join("; "), w) {
                    text.push(Line::styled(l, theme.dim()));
                }
            }
            None => {
                for l in wrap(&a.description, w) {
                    text.push(Line::styled(l, theme.dim()));
                }
            }
        }
        text.truncate(usize::from(rows.saturating_sub(1)));
        let sep = Rect {
            height: 1,
            ..detail
        };
        frame.render_widget(Line::styled("─".repeat(w), theme.border()), sep);
        let body = Rect {
            y: detail.y + 1,
            height: rows.saturating_sub(1),
            ..detail
        };
        frame.render_widget(Paragraph::new(text), body);
    }
}

/// How the queue pane names an order's target.
fn target_label(v: &TeamView, order: &Order) -> String {
    let person = |r: &str| {
        v.persons
            .iter()
            .find(|p| p.reference == r)
            .map(|p| p.name.clone())
            .unwrap_or_else(|| r.to_string())
    };
    let mut s = match &order.target {
        Target::Nothing => String::new(),
        Target::Actor(r) => person(r),
        Target::Group(g) => g.clone(),
        Target::Team(t) => v
            .teams
            .iter()
            .find(|x| &x.id == t)
            .map(|x| x.name.clone())
            .unwrap_or_else(|| t.clone()),
        Target::Route(r) => v
            .routes
            .iter()
            .find(|x| &x.id == r)
            .map(|x| x.name.clone())
            .unwrap_or_else(|| r.clone()),
    };
    if let Some(a) = &order.about {
        s.push_str(&format!(" about {}", person(a)));
    }
    s
}

fn draw_queued(s: &TeamScreen, frame: &mut Frame, area: Rect) {
    let (v, theme, panes) = (s.view, s.theme, s.panes);
    let focused = panes.pane() == Pane::Queued;
    let ready = s.ready;
    let title = if ready {
        " Queued this turn · ● ready "
    } else {
        " Queued this turn "
    };
    let block = focus_block(Line::from(title), focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = usize::from(inner.width);
    let mut rows: Vec<String> = s
        .queued
        .iter()
        .map(|o| {
            let name = v
                .actions
                .iter()
                .find(|a| a.kind == o.action)
                .map(|a| a.name.clone())
                .unwrap_or_else(|| format!("{:?}", o.action));
            let t = target_label(v, o);
            if t.is_empty() {
                name
            } else {
                format!("{name}: {t}")
            }
        })
        .collect();
    for m in s.sent {
        let to = v
            .teams
            .iter()
            .find(|t| t.id == m.to)
            .map(|t| t.name.clone())
            .unwrap_or_else(|| m.to.clone());
        rows.push(format!("✉ to {to}: {}", m.text));
    }
    // Operations ordered in earlier turns and not yet resolved, below the
    // queue: the team sees its work is in hand even before the log says so.
    let underway: Vec<Line> = v
        .underway
        .iter()
        .map(|o| {
            let on = if o.target.is_empty() {
                String::new()
            } else {
                format!(": {}", o.target)
            };
            let text = format!("⧗ {}{on} · due T{}", o.name, o.resolves);
            Line::styled(fit(&text, w), theme.dim())
        })
        .collect();
    let h = usize::from(inner.height);
    let mut lines: Vec<Line> = Vec::new();
    if rows.is_empty() {
        let hint = if underway.is_empty() {
            "Nothing queued. Choose an action and press Enter; r when done."
        } else {
            "Nothing queued yet."
        };
        lines.extend(
            wrap(hint, w)
                .into_iter()
                .map(|l| Line::styled(l, theme.dim())),
        );
    } else {
        // Keep a row or two for what is under way when the queue is long.
        let room = if underway.is_empty() {
            h
        } else {
            h.saturating_sub(2).max(1)
        };
        let off = list_offset(panes.queued, room);
        lines.extend(rows.iter().enumerate().skip(off).take(room).map(|(i, r)| {
            let selected = i == panes.queued && focused;
            let mark = if selected { "▶ " } else { "· " };
            let line = Line::from(format!("{mark}{}", fit(r, w.saturating_sub(2))));
            if selected {
                line.style(theme.selected())
            } else {
                line
            }
        }));
    }
    if !underway.is_empty() && lines.len() < h {
        lines.push(Line::styled("Under way", theme.heading()));
        lines.extend(underway);
    }
    lines.truncate(h);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The message log as wrapped lines, newest first, each with its kind.
fn log_lines(v: &TeamView, w: usize, theme: Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let text_w = w.saturating_sub(7).max(10);
    for m in &v.messages {
        let style = theme.message(m.kind);
        for (i, l) in wrap(&m.text, text_w).into_iter().enumerate() {
            let lead = if i == 0 {
                format!("T{:<3} {} ", m.turn, theme::message_symbol(m.kind))
            } else {
                " ".repeat(7)
            };
            out.push(Line::from(vec![
                Span::styled(lead, theme.dim()),
                Span::styled(l, style),
            ]));
        }
    }
    out
}

/// How far the message log can scroll on a terminal of this size.
pub fn log_max_scroll(v: &TeamView, size: Rect, theme: Theme) -> usize {
    let l = layout(size);
    let inner = Block::bordered().inner(l.messages);
    let n = log_lines(v, usize::from(inner.width), theme).len();
    n.saturating_sub(usize::from(inner.height))
}

fn draw_messages(s: &TeamScreen, frame: &mut Frame, area: Rect) {
    let (v, theme, panes) = (s.view, s.theme, s.panes);
    let focused = panes.pane() == Pane::Messages;
    let inner_probe = Block::bordered().inner(area);
    let lines = log_lines(v, usize::from(inner_probe.width), theme);
    let total = lines.len();
    let h = usize::from(inner_probe.height);
    let scroll = panes.log_scroll.min(total.saturating_sub(h));
    let more = if total > h {
        format!(
            " Messages · newest first · {}–{} of {} lines ",
            scroll + 1,
            (scroll + h).min(total),
            total
        )
    } else {
        " Messages · newest first ".to_string()
    };
    let block = focus_block(Line::from(more), focused, theme);
    frame.render_widget(block, area);
    if lines.is_empty() {
        frame.render_widget(
            Paragraph::new("No messages yet: outcomes, injects and liaison messages appear here.")
                .style(theme.dim()),
            inner_probe,
        );
        return;
    }
    let shown: Vec<Line> = lines.into_iter().skip(scroll).take(h).collect();
    frame.render_widget(Paragraph::new(shown), inner_probe);
}
