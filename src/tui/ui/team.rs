//! The team screen: header, the intelligence picture (drawn by `picture`),
//! the action panel with the orders queued, and the message log.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{bottom_marks, footer, header_bar, header_line, picture};
use crate::engine::events::{Event, Told};
use crate::engine::knowledge::MessageKind;
use crate::engine::orders::{Liaison, Order, Target};
use crate::session::TurnClock;
use crate::tui::keys::Binding;
use crate::tui::list;
use crate::tui::names::GroupNames;
use crate::tui::team::{Pane, TeamPanes};
use crate::tui::text::{fit, pad, width as text_width, wrap};
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

/// The rows a pane shows on a terminal of this size: a page of it.
pub fn pane_rows(size: Rect, pane: Pane) -> usize {
    let l = layout(size);
    let inner = |r: Rect| usize::from(Block::bordered().inner(r).height);
    match pane {
        // Under the list's heading row.
        Pane::Picture => inner(l.picture).saturating_sub(1),
        Pane::Actions => inner(actions_list_area(l.actions)),
        Pane::Queued => inner(l.queued),
        Pane::Messages => inner(l.messages),
    }
    .max(1)
}

/// When an order given while planning `turn` reports, in words, and a
/// warning when it cannot finish before the last turn.
pub fn reports_when(turn: u32, turns: u32, duration: u32) -> String {
    let due = turn + duration;
    if due > turns {
        format!(
            "it cannot finish: it would report after turn {due}, and the exercise ends after turn {turns}"
        )
    } else if due == turn {
        format!("it reports when this turn ({turn}) is played")
    } else {
        format!("it reports when turn {due} is played")
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
    /// The turn's clock as exercise control runs it, if the screen knows it.
    pub clock: Option<TurnClock>,
    /// The exercise is over: nothing more to order or be ready for.
    pub over: bool,
    /// Exercise control's words to the team this turn, delivered at once.
    pub announcements: &'a [String],
    /// The orders queued this turn.
    pub queued: &'a [Order],
    /// Liaison messages sent this turn.
    pub sent: &'a [Liaison],
    /// Why each of the view's actions cannot be ordered now (none if it can).
    pub action_blocks: &'a [Option<String>],
    pub keys: &'a [Binding],
    pub status: Option<&'a str>,
}

/// Draw a team screen from its data.
pub fn draw_screen(s: &TeamScreen, frame: &mut Frame, area: Rect) {
    let l = layout(area);
    header_bar(
        frame,
        l.header,
        &header_text(s.view, s.ready, s.clock, s.over, area.width),
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

/// The header text: the most complete version that fits the width. The
/// pause and the time left always show; after the last turn it says the
/// exercise is over instead of offering readiness.
pub fn header_text(
    v: &TeamView,
    ready: bool,
    clock: Option<TurnClock>,
    over: bool,
    width: u16,
) -> String {
    // After the last turn the view looks at a turn that will not be played.
    let turn = format!("Turn {}/{}", v.turn.min(v.turns), v.turns);
    let team = &v.team.name;
    let country = &v.team.country;
    let cap = format!("{}/{} capacity left", v.team.capacity_left, v.team.capacity);
    let cap_short = format!("{}/{} cap", v.team.capacity_left, v.team.capacity);
    let (sym, word) = if over {
        ("■", "exercise over")
    } else {
        (theme::ready_symbol(ready), theme::ready_word(ready))
    };
    let (cap, cap_short) = if over {
        (String::new(), String::new())
    } else {
        (format!(" · {cap}"), format!(" · {cap_short}"))
    };
    let time = match clock {
        _ if over => String::new(),
        Some(TurnClock { paused: true, .. }) => " · ‖ paused".to_string(),
        Some(TurnClock {
            seconds_left: Some(s),
            ..
        }) => format!(
            " · ⏱ {} left",
            super::clock(std::time::Duration::from_secs(s))
        ),
        _ => String::new(),
    };
    let title = &v.scenario;
    let date = &v.date;
    // The date without its year, for narrow terminals.
    let short_date = date.rsplit_once(' ').map_or(date.as_str(), |(d, _)| d);
    // A long agency name is cut short before it is dropped: a participant
    // must always see whose seat this is.
    let tight = format!("{turn} · {short_date} · {cap_short} {sym}{time}");
    let room = usize::from(width)
        .saturating_sub(2)
        .saturating_sub(text_width(&tight));
    // Too little room for a recognisable name: leave the variant too wide.
    let team_cut = if room >= 8 {
        fit(team, room)
    } else {
        team.clone()
    };
    let variants = [
        format!("{title} · {turn} · {date} · {team} ({country}){cap} · {sym} {word}{time}"),
        format!("{title} · {turn} · {date} · {team} ({country}){cap_short} · {sym} {word}{time}"),
        format!("{turn} · {date} · {team} ({country}){cap_short} · {sym} {word}{time}"),
        format!("{turn} · {short_date} · {team} ({country}){cap_short} · {sym} {word}{time}"),
        format!("{turn} · {short_date} · {team}{cap_short} · {sym} {word}{time}"),
        format!("{turn} · {short_date} · {team}{cap_short} {sym}{time}"),
        format!("{turn} · {team}{cap_short} {sym}{time}"),
        format!("{turn} · {short_date} · {team_cut}{cap_short} {sym}{time}"),
        format!("{turn}{cap_short} {sym}{time}"),
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
                    "allowed with a warrant at admissible evidence {}",
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
            "- extradition: {}",
            match (l.extradition, l.extradites_nationals) {
                (true, true) => "surrenders people other countries ask for",
                (true, false) => "surrenders foreigners, not its own nationals",
                (false, _) => "surrenders no one; it may be asked to prosecute",
            }
        ),
        format!(
            "- held too long: {}{}",
            match (l.irregular_entry_offence, l.irregular_exit_offence) {
                (true, true) => "charged for entry or exit",
                (true, false) => "charged for irregular entry",
                (false, true) => "charged for irregular exit",
                (false, false) => "removed without charge",
            },
            if l.non_punishment {
                ", never victims or children"
            } else {
                ", victims and children too"
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
    // A small table: name, capacity cost, the turn whose results carry it.
    let name_w = w.saturating_sub(2 + 4 + 6);
    let heading = Rect {
        y: inner.y.saturating_sub(1),
        height: 1,
        ..inner
    };
    frame.render_widget(
        Line::styled(
            format!("  {}{:>4}{:>6}", pad("Action", name_w), "cap", "due"),
            theme.dim(),
        ),
        heading,
    );
    let names: Vec<&str> = v.actions.iter().map(|a| a.name.as_str()).collect();
    let filter = if focused {
        &panes.filter
    } else {
        &Default::default()
    };
    let visible = filter.visible(&names);
    let pos = visible.iter().position(|&i| i == panes.action).unwrap_or(0);
    let off = list::offset(pos, h);
    let mut lines = Vec::new();
    for &i in visible.iter().skip(off).take(h) {
        let a = &v.actions[i];
        let blocked = s.action_blocks.get(i).and_then(|b| b.as_ref()).is_some();
        // The turn whose results carry the outcome; `!` past the last turn.
        let due = v.turn + a.duration;
        let dur = if due > v.turns {
            format!("T{due}!")
        } else {
            format!("T{due}")
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
            Span::styled(
                format!("{:>4}{:>6}", a.cost, dur),
                if due > v.turns {
                    theme.warn()
                } else {
                    theme.dim()
                },
            ),
        ]);
        if i == panes.action && focused {
            line = line.patch_style(theme.selected());
        }
        lines.push(line);
    }
    if visible.is_empty() {
        lines.push(Line::styled("No action matches the filter.", theme.dim()));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    bottom_marks(
        frame,
        list,
        filter.label(visible.len(), v.actions.len()),
        list::position(off, h, visible.len()),
        theme,
    );
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
        let due = v.turn + a.duration;
        let when = reports_when(v.turn, v.turns, a.duration);
        text.push(Line::styled(
            fit(&format!("Ordered now, {when}."), w),
            if due > v.turns {
                theme.warn()
            } else {
                theme.dim()
            },
        ));
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
fn target_label(v: &TeamView, groups: &GroupNames, order: &Order) -> String {
    let person = |r: &str| {
        v.persons.iter().find(|p| p.reference == r).map_or_else(
            || "a person no longer on file".to_string(),
            |p| p.name.clone(),
        )
    };
    let mut s = match &order.target {
        Target::Nothing => String::new(),
        Target::Actor(r) => person(r),
        Target::Group(g) => groups.name(g),
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
        Target::Place(p) => v
            .places
            .iter()
            .find(|x| &x.id == p)
            .map(|x| x.name.clone())
            .unwrap_or_else(|| p.clone()),
    };
    if let Some(a) = &order.about {
        s.push_str(&format!(" about {}", person(a)));
    }
    if let Some(day) = order.day {
        s.push_str(&format!(", on turn {day}"));
    }
    s
}

fn draw_queued(s: &TeamScreen, frame: &mut Frame, area: Rect) {
    let (v, theme, panes) = (s.view, s.theme, s.panes);
    let focused = panes.pane() == Pane::Queued;
    let title = if s.ready && !s.over {
        " Queued this turn · ● ready "
    } else {
        " Queued this turn "
    };
    let block = focus_block(Line::from(title), focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = usize::from(inner.width);
    let groups = GroupNames::of(v);
    let mut rows: Vec<(String, bool)> = s
        .queued
        .iter()
        .map(|o| {
            let def = v.actions.iter().find(|a| a.kind == o.action);
            let name = def.map_or_else(|| format!("{:?}", o.action), |a| a.name.clone());
            // When its results come, and whether they come at all.
            let due = v.turn + def.map_or(0, |a| a.duration);
            let late = due > v.turns;
            let when = if late {
                " · too late".to_string()
            } else {
                format!(" · T{due}")
            };
            let t = target_label(v, &groups, o);
            let text = if t.is_empty() {
                format!("{name}{when}")
            } else {
                format!("{name}: {t}{when}")
            };
            (text, late)
        })
        .collect();
    for m in s.sent {
        let to = v
            .teams
            .iter()
            .find(|t| t.id == m.to)
            .map(|t| t.name.clone())
            .unwrap_or_else(|| m.to.clone());
        rows.push((format!("✉ to {to}: {}", m.text), false));
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
                format!(": {}", groups.scrub(&o.target))
            };
            let (due, style) = if o.resolves > v.turns {
                ("after the end".to_string(), theme.warn())
            } else {
                (format!("T{}", o.resolves), theme.dim())
            };
            Line::styled(fit(&format!("⧗ {}{on} · {due}", o.name), w), style)
        })
        .collect();
    let h = usize::from(inner.height);
    let mut lines: Vec<Line> = Vec::new();
    // Keep a row or two for what is under way when the queue is long.
    let mut marks = None;
    if rows.is_empty() {
        // With work under way, its heading says the queue is empty enough.
        let hint = if s.over {
            Some("The exercise is over: nothing more to order.")
        } else if underway.is_empty() {
            Some("Nothing queued. Choose an action and press Enter; r when done.")
        } else {
            None
        };
        lines.extend(
            wrap(hint.unwrap_or_default(), w)
                .into_iter()
                .filter(|l| !l.is_empty())
                .map(|l| Line::styled(l, theme.dim())),
        );
    } else {
        let room = if underway.is_empty() {
            h
        } else {
            h.saturating_sub(2).max(1)
        };
        let off = list::offset(panes.queued, room);
        marks = list::position(off, room, rows.len());
        lines.extend(
            rows.iter()
                .enumerate()
                .skip(off)
                .take(room)
                .map(|(i, (r, late))| {
                    let selected = i == panes.queued && focused;
                    let mark = if selected { "▶ " } else { "· " };
                    let line = Line::from(format!("{mark}{}", fit(r, w.saturating_sub(2))));
                    if selected {
                        line.style(theme.selected())
                    } else if *late {
                        line.style(theme.warn())
                    } else {
                        line
                    }
                }),
        );
    }
    if !underway.is_empty() && lines.len() < h {
        let room = h - lines.len() - 1;
        let more = underway.len().saturating_sub(room);
        let heading = match (more > 0, rows.is_empty()) {
            (true, _) => format!("Under way · {} of {}", room, underway.len()),
            (false, true) => "Nothing queued · under way:".to_string(),
            (false, false) => "Under way".to_string(),
        };
        lines.push(Line::styled(heading, theme.heading()));
        lines.extend(underway.into_iter().take(room));
        if more > 0 && marks.is_none() {
            marks = Some(format!("↓ {more} more under way"));
        }
    } else if !underway.is_empty() && marks.is_none() {
        marks = Some(format!("{} under way below", underway.len()));
    }
    lines.truncate(h);
    frame.render_widget(Paragraph::new(lines), inner);
    bottom_marks(frame, area, None, marks, theme);
}

/// One line of the team's message log as the screen shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEntry {
    /// `T3`, or `now` for words delivered during the turn being planned.
    pub when: String,
    pub symbol: &'static str,
    pub kind: MessageKind,
    pub text: String,
}

/// The team's messages, newest first: exercise control's words delivered
/// this turn at the top, then the log, every group named as the team knows
/// it, and a line of explanation where an outcome needs one.
pub fn messages(v: &TeamView, announcements: &[String]) -> Vec<LogEntry> {
    let groups = GroupNames::of(v);
    let mut out: Vec<LogEntry> = announcements
        .iter()
        .rev()
        .map(|t| LogEntry {
            when: "now".to_string(),
            symbol: theme::message_symbol(MessageKind::Inject),
            kind: MessageKind::Inject,
            text: t.clone(),
        })
        .collect();
    for m in &v.messages {
        out.push(LogEntry {
            when: format!("T{}", m.turn),
            symbol: theme::message_symbol(m.kind),
            kind: m.kind,
            text: groups.scrub(&m.text),
        });
        if let Some(why) = m.event.as_ref().and_then(|e| explain(v, m.turn, e)) {
            out.push(LogEntry {
                when: String::new(),
                symbol: "↳",
                kind: m.kind,
                text: why,
            });
        }
    }
    out
}

/// Why an outcome read as it did, where the order of a turn explains it:
/// a rescue unit on station before the same turn's distress call.
fn explain(v: &TeamView, turn: u32, event: &Event<Told>) -> Option<String> {
    let Event::RescueOnStation { route } = event else {
        return None;
    };
    let route_name = v
        .routes
        .iter()
        .find(|r| &r.id == route)
        .map_or_else(|| route.clone(), |r| r.name.clone());
    // A mayday on the same route in the same turn's news came after the watch.
    let mayday = v.messages.iter().any(|m| {
        m.turn == turn
            && matches!(&m.event, Some(Event::Inject { distress, .. }) if distress.contains(route))
    });
    Some(if mayday {
        format!(
            "Not a failure: the distress call on the {route_name} came at the end of turn {turn}, after your rescue unit's watch. A search and rescue ordered now answers it."
        )
    } else {
        "A rescue answers boats already in distress when the turn is played; a mayday in a turn's news needs a rescue ordered the turn after.".to_string()
    })
}
/// The message log as wrapped lines, newest first, each with its kind.
fn log_lines(v: &TeamView, announcements: &[String], w: usize, theme: Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let text_w = w.saturating_sub(7).max(10);
    for m in messages(v, announcements) {
        let style = if m.when == "now" {
            theme.warn()
        } else {
            theme.message(m.kind)
        };
        for (i, l) in wrap(&m.text, text_w).into_iter().enumerate() {
            let lead = if i == 0 {
                format!("{:<4} {} ", m.when, m.symbol)
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
pub fn log_max_scroll(v: &TeamView, announcements: &[String], size: Rect, theme: Theme) -> usize {
    let l = layout(size);
    let inner = Block::bordered().inner(l.messages);
    let n = log_lines(v, announcements, usize::from(inner.width), theme).len();
    n.saturating_sub(usize::from(inner.height))
}

fn draw_messages(s: &TeamScreen, frame: &mut Frame, area: Rect) {
    let (v, theme, panes) = (s.view, s.theme, s.panes);
    let focused = panes.pane() == Pane::Messages;
    let inner_probe = Block::bordered().inner(area);
    let lines = log_lines(v, s.announcements, usize::from(inner_probe.width), theme);
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
