//! Boxes over the screen: prompts, the order box, message boxes, readers, and
//! the help overlay.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::centered;
use crate::engine::setup::Setup;
use crate::tui::console::{BroadcastDialog, ConsoleDialog, NoteDialog};
use crate::tui::dialog::{Candidate, ComposeStep, Reader};
use crate::tui::keys::Binding;
use crate::tui::list::{self, Filter};
use crate::tui::overlay::Overlay;
use crate::tui::team::{LiaisonDialog, OrderDialog, OrderStep, TeamDialog};
use crate::tui::text::{fit, pad, width, wrap};
use crate::tui::theme::{self, Theme};
use crate::view::{FacilitatorView, TeamName, TeamView};

/// What the seated team's boxes read: its view, and the keys in force.
#[derive(Clone, Copy)]
pub struct TeamBoxes<'a> {
    pub view: Option<&'a TeamView>,
    pub theme: Theme,
    pub keys: &'a [Binding],
}

/// What exercise control's boxes read.
#[derive(Clone, Copy)]
pub struct ConsoleBoxes<'a> {
    /// The fixed facts of the exercise: its injects and objectives.
    pub setup: Option<&'a Setup>,
    pub truth: Option<&'a FacilitatorView>,
    /// Every team, in scenario order.
    pub teams: &'a [TeamName],
    /// The last committed turn.
    pub turn: u32,
    /// Injects and White Cell messages fired this turn, not yet delivered.
    pub fired: &'a [String],
    pub theme: Theme,
    pub keys: &'a [Binding],
}

/// What the help overlay and the quit prompt read.
pub struct OverlayScreen<'a> {
    pub overlay: Option<Overlay>,
    pub theme: Theme,
    /// The key table under the overlay: what the help lists.
    pub keys: &'a [Binding],
    /// The help adds the team screen's symbols: that screen shows, with no box open.
    pub legend: bool,
    /// What quitting means here, for the prompt that asks.
    pub quit_note: String,
}

pub(crate) fn boxed(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    theme: Theme,
    w: u16,
    h: u16,
) -> Rect {
    let r = centered(area, w, h);
    frame.render_widget(Clear, r);
    let t = fit(title, usize::from(r.width.saturating_sub(4)));
    let block = Block::bordered()
        .border_style(theme.focus_border())
        .title(Line::styled(format!(" {t} "), theme.heading()));
    let inner = block.inner(r);
    frame.render_widget(block, r);
    inner
}

fn hints(keys: &[Binding], theme: Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for b in keys.iter().filter(|b| !b.hint.is_empty()) {
        if !spans.is_empty() {
            spans.push(Span::styled(" · ", theme.dim()));
        }
        let label = b.label.split(' ').next().unwrap_or(b.label);
        spans.push(Span::styled(label.to_string(), theme.key()));
        spans.push(Span::styled(format!(" {}", b.hint), theme.dim()));
    }
    Line::from(spans)
}

pub(crate) fn prompt(
    frame: &mut Frame,
    area: Rect,
    theme: Theme,
    title: &str,
    text: &str,
    question: &str,
) {
    let w = area.width.clamp(20, 60);
    let body = if text.is_empty() {
        Vec::new()
    } else {
        wrap(text, usize::from(w).saturating_sub(4))
    };
    let h = body.len() as u16 + 3 + u16::from(!text.is_empty());
    let inner = boxed(frame, area, title, theme, w, h);
    let mut lines: Vec<Line> = body.into_iter().map(Line::from).collect();
    if !text.is_empty() {
        lines.push(Line::default());
    }
    lines.push(Line::styled(question.to_string(), theme.heading()));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Ask before exercise control opens.
pub fn confirm_console(frame: &mut Frame, area: Rect, theme: Theme) {
    prompt(
        frame,
        area,
        theme,
        "Exercise control",
        "Exercise control (the White Cell) sees the whole truth: every network member and every team's orders. Make sure no team is looking.",
        "Open exercise control? (y/n)",
    );
}

/// Ask for exercise control's PIN, showing a dot for each character typed.
pub fn pin_box(frame: &mut Frame, area: Rect, theme: Theme, typed: &str, keys: &[Binding]) {
    let w = area.width.clamp(20, 60);
    let inner = boxed(frame, area, "Exercise control", theme, w, 7);
    let dots = "•".repeat(typed.chars().count());
    let lines = vec![
        Line::from(fit(
            "Exercise control sees the whole truth. Its PIN, please:",
            usize::from(inner.width),
        )),
        Line::default(),
        Line::styled(format!("> {dots}▏"), theme.heading()),
    ];
    frame.render_widget(Paragraph::new(lines), inner);
    draw_hints(frame, inner, keys, theme);
}

/// Draw the box the team screen has open.
pub fn draw_team_dialog(s: &TeamBoxes, d: &TeamDialog, frame: &mut Frame, area: Rect) {
    match d {
        TeamDialog::Reader(r) => reader(s, frame, area, r),
        TeamDialog::Order(d) => order(s, frame, area, d),
        TeamDialog::Liaison(d) => liaison(s, frame, area, d),
        TeamDialog::ConfirmReady { unused, capacity } => prompt(
            frame,
            area,
            s.theme,
            "End the turn",
            "Capacity left unused this turn is lost: it does not carry over.",
            &format!("{unused} of {capacity} points unused: end the turn? (y/n)"),
        ),
    }
}

/// Draw the box the console has open.
pub fn draw_console_dialog(s: &ConsoleBoxes, d: &ConsoleDialog, frame: &mut Frame, area: Rect) {
    let theme = s.theme;
    match d {
        ConsoleDialog::ConfirmAdvance => {
            let waiting = s
                .truth
                .map_or(0, |t| t.teams.iter().filter(|x| !x.ready).count());
            prompt(
                frame,
                area,
                theme,
                "Advance",
                &format!(
                    "{waiting} team(s) are not ready. Their queued orders stand; nothing else is added."
                ),
                &format!("Play turn {} now? (y/n)", s.turn + 1),
            )
        }
        ConsoleDialog::ConfirmUndo => prompt(
            frame,
            area,
            theme,
            "Undo",
            &format!(
                "The world goes back to the start of turn {}. The journal keeps an undo record, and the teams are told.",
                s.turn
            ),
            &format!("Undo turn {}? (y/n)", s.turn),
        ),
        ConsoleDialog::Injects { sel, filter } => injects(s, frame, area, *sel, filter),
        ConsoleDialog::Broadcast(d) => broadcast(s, frame, area, d),
        ConsoleDialog::Note(d) => note(s, frame, area, d),
    }
}

/// The rows of text a reader shows on a terminal of this size: a page of it.
pub fn reader_rows(size: Rect, r: &Reader) -> usize {
    let h = (r.body.len() as u16 + 3).min(size.height.saturating_sub(2));
    // The frame and the hint line.
    usize::from(h.saturating_sub(3)).max(1)
}

fn reader(s: &TeamBoxes, frame: &mut Frame, area: Rect, r: &Reader) {
    let theme = s.theme;
    let w = area.width.saturating_sub(4).min(78);
    let h = (r.body.len() as u16 + 3).min(area.height.saturating_sub(2));
    let inner = boxed(frame, area, &r.title, theme, w, h);
    let rows = usize::from(inner.height.saturating_sub(1));
    let scroll = r.scroll.min(r.body.len().saturating_sub(rows));
    let lines: Vec<Line> = r
        .body
        .iter()
        .skip(scroll)
        .take(rows)
        .map(|l| Line::from(fit(l, usize::from(inner.width))))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
    draw_hints(frame, inner, s.keys, theme);
    let outer = centered(area, w, h);
    super::bottom_marks(
        frame,
        outer,
        None,
        list::position(scroll, rows, r.body.len()),
        theme,
    );
}

pub(crate) fn draw_hints(frame: &mut Frame, inner: Rect, keys: &[Binding], theme: Theme) {
    if inner.height == 0 {
        return;
    }
    let r = Rect {
        y: inner.y + inner.height - 1,
        height: 1,
        ..inner
    };
    frame.render_widget(Clear, r);
    frame.render_widget(hints(keys, theme), r);
}

/// A list of candidates with a tick or a cross, the selected one's reason
/// below, and a line that says what the filter keeps and what is off-screen.
fn candidates(
    frame: &mut Frame,
    area: Rect,
    list: &[Candidate],
    sel: usize,
    filter: &Filter,
    theme: Theme,
) {
    let h = usize::from(area.height.saturating_sub(3));
    let w = usize::from(area.width);
    let labels: Vec<&str> = list.iter().map(|c| c.label.as_str()).collect();
    let visible = filter.visible(&labels);
    let pos = visible.iter().position(|&i| i == sel).unwrap_or(0);
    let off = list::offset(pos, h);
    let mut lines: Vec<Line> = visible
        .iter()
        .skip(off)
        .take(h)
        .filter_map(|&i| list.get(i).map(|c| (i, c)))
        .map(|(i, c)| {
            let mark = if c.blocked.is_some() { "✗" } else { "✓" };
            let pointer = if i == sel { "▶" } else { " " };
            let style = if c.blocked.is_some() {
                theme.dim()
            } else {
                theme.text()
            };
            let line = Line::from(vec![
                Span::raw(format!("{pointer}{mark} ")),
                Span::styled(fit(&c.label, w.saturating_sub(3)), style),
            ]);
            if i == sel {
                line.patch_style(theme.selected())
            } else {
                line
            }
        })
        .collect();
    if list.is_empty() {
        lines.push(Line::styled("Nothing to choose yet.", theme.dim()));
    } else if visible.is_empty() {
        lines.push(Line::styled("Nothing matches the filter.", theme.dim()));
    }
    let reason = list
        .get(sel)
        .filter(|_| visible.contains(&sel))
        .and_then(|c| c.blocked.clone())
        .map(|r| format!("✗ {r}"))
        .unwrap_or_default();
    while lines.len() < h {
        lines.push(Line::default());
    }
    let marks = list::footer_marks(
        filter.label(visible.len(), list.len()),
        list::position(off, h, visible.len()),
        w,
    );
    lines.push(Line::styled(marks, theme.dim()));
    lines.push(Line::styled(fit(&reason, w), theme.warn()));
    frame.render_widget(Paragraph::new(lines), area);
}

fn order(s: &TeamBoxes, frame: &mut Frame, area: Rect, d: &OrderDialog) {
    let theme = s.theme;
    let Some(v) = s.view else { return };
    let Some(a) = v.actions.get(d.action) else {
        return;
    };
    let w = area.width.saturating_sub(4).min(80);
    let tw = usize::from(w).saturating_sub(2);
    let mut head: Vec<Line> = Vec::new();
    let dur = match a.duration {
        0 => "done within the turn".to_string(),
        1 => "takes 1 turn".to_string(),
        n => format!("takes {n} turns"),
    };
    head.push(Line::from(vec![
        Span::styled(
            format!("cost {} of {} left", a.cost, v.team.capacity_left),
            theme.heading(),
        ),
        Span::raw(match a.target_label.as_str() {
            "none" => format!(" · {dur} · no target"),
            k => format!(" · {dur} · aims at a {k}"),
        }),
    ]));
    let risk = if a.tip_off == 0 {
        "risk: does not alert the network".to_string()
    } else {
        format!("risk: {}% chance of tipping the network off", a.tip_off)
    };
    head.push(Line::styled(
        risk,
        if a.tip_off >= 15 {
            theme.warn()
        } else {
            theme.text()
        },
    ));
    // When the results come, and whether they come before the end.
    let late = v.turn + a.duration > v.turns;
    let when = super::team::reports_when(v.turn, v.turns, a.duration);
    let mut when = format!("Ordered now, {when}.");
    if a.kind == crate::scenario::ActionKind::SearchAndRescue {
        when.push_str(
            " It answers boats already in distress; a mayday in this turn's news comes after its watch.",
        );
    }
    for l in wrap(&when, tw) {
        head.push(Line::styled(
            l,
            if late { theme.warn() } else { theme.text() },
        ));
    }
    // For the target under the cursor, each prerequisite met or not in the
    // team's own numbers; before there is one, what the action asks.
    let checked = match d.step {
        OrderStep::Target => d
            .candidates
            .get(d.sel)
            .map(|c| c.requirements.as_slice())
            .unwrap_or_default(),
        _ => &[],
    };
    let listed: Vec<(String, Option<bool>)> = if checked.is_empty() {
        a.requires.iter().map(|r| (r.clone(), None)).collect()
    } else {
        checked
            .iter()
            .map(|(text, met)| (format!("needs {text}"), Some(*met)))
            .collect()
    };
    for (r, met) in &listed {
        let (mark, style) = match met {
            Some(true) => ("✓", theme.text()),
            Some(false) => ("✗", theme.warn()),
            None => ("•", theme.text()),
        };
        for (i, l) in wrap(r, tw.saturating_sub(2)).into_iter().enumerate() {
            head.push(Line::styled(
                if i == 0 {
                    format!("{mark} {l}")
                } else {
                    format!("  {l}")
                },
                style,
            ));
        }
    }
    let desc = wrap(&a.description, tw);
    let desc_rows = if area.height >= 30 {
        desc.len()
    } else {
        desc.len().min(2)
    };
    for l in desc.into_iter().take(desc_rows) {
        head.push(Line::styled(l, theme.dim()));
    }
    let question = match d.step {
        OrderStep::Target => match a.target_label.as_str() {
            "none" => "Order it?".to_string(),
            k => format!("Choose the {k}:"),
        },
        OrderStep::About => "Which person is it about?".to_string(),
        OrderStep::Day => "On which turn do both of you arrest?".to_string(),
    };
    head.push(Line::default());
    head.push(Line::styled(question, theme.heading()));
    let list_rows = (d.candidates.len() as u16).clamp(1, 12) + 2;
    let h = (head.len() as u16 + list_rows + 4).min(area.height.saturating_sub(1));
    let inner = boxed(frame, area, &a.name, theme, w, h);
    let head_h = (head.len() as u16).min(inner.height.saturating_sub(3));
    frame.render_widget(
        Paragraph::new(head),
        Rect {
            height: head_h,
            ..inner
        },
    );
    let list = Rect {
        y: inner.y + head_h,
        height: inner.height.saturating_sub(head_h + 1),
        ..inner
    };
    candidates(frame, list, &d.candidates, d.sel, &d.filter, theme);
    draw_hints(frame, inner, s.keys, theme);
}

fn text_box(text: &str, w: usize, theme: Theme) -> Vec<Line<'static>> {
    let mut lines: Vec<Line> = wrap(&format!("{text}▏"), w.saturating_sub(2))
        .into_iter()
        .map(|l| Line::from(format!("> {l}")))
        .collect();
    let n = text.chars().count();
    lines.push(Line::styled(format!("{n}/500 characters"), theme.dim()));
    lines
}

fn liaison(s: &TeamBoxes, frame: &mut Frame, area: Rect, d: &LiaisonDialog) {
    let theme = s.theme;
    let w = area.width.saturating_sub(4).min(72);
    match d.step {
        ComposeStep::Recipients => {
            let h = (d.candidates.len() as u16 + 7).min(area.height.saturating_sub(1));
            let inner = boxed(frame, area, "Liaison message · to which team?", theme, w, h);
            let top = Rect { height: 1, ..inner };
            frame.render_widget(
                Line::styled("Words go only through the channels you have.", theme.dim()),
                top,
            );
            let list = Rect {
                y: inner.y + 1,
                height: inner.height.saturating_sub(2),
                ..inner
            };
            candidates(frame, list, &d.candidates, d.sel, &d.filter, theme);
            draw_hints(frame, inner, s.keys, theme);
        }
        ComposeStep::Text => {
            let to = d
                .candidates
                .get(d.sel)
                .map(|c| c.label.clone())
                .unwrap_or_default();
            let body = text_box(&d.text, usize::from(w).saturating_sub(2), theme);
            let h = (body.len() as u16 + 5).min(area.height.saturating_sub(1));
            let inner = boxed(
                frame,
                area,
                &format!("Liaison message to {to}"),
                theme,
                w,
                h,
            );
            let mut lines = vec![Line::styled(
                "Delivered at the end of the turn. Intelligence, not evidence.",
                theme.dim(),
            )];
            lines.extend(body);
            frame.render_widget(Paragraph::new(lines), inner);
            draw_hints(frame, inner, s.keys, theme);
        }
    }
}

fn injects(s: &ConsoleBoxes, frame: &mut Frame, area: Rect, sel: usize, filter: &Filter) {
    let theme = s.theme;
    let (Some(setup), Some(truth)) = (s.setup, s.truth) else {
        return;
    };
    let w = area.width.saturating_sub(4).min(90);
    let n = setup.scenario.injects.len() as u16;
    let h = (n + 11).min(area.height.saturating_sub(1));
    let inner = boxed(frame, area, "Fire an inject (MSEL)", theme, w, h);
    let tw = usize::from(inner.width);
    let msg_rows = 5u16.min(inner.height.saturating_sub(4));
    let list_area = Rect {
        height: inner.height.saturating_sub(msg_rows + 1),
        ..inner
    };
    let rows = usize::from(list_area.height.saturating_sub(1));
    let titles: Vec<&str> = setup
        .scenario
        .injects
        .iter()
        .map(|i| i.title.as_str())
        .collect();
    let visible = filter.visible(&titles);
    let pos = visible.iter().position(|&i| i == sel).unwrap_or(0);
    let off = list::offset(pos, rows);
    let mut lines: Vec<Line> = visible
        .iter()
        .skip(off)
        .take(rows)
        .filter_map(|&i| setup.scenario.injects.get(i).map(|inj| (i, inj)))
        .map(|(i, inj)| {
            let fired = truth.injects.get(i).and_then(|x| x.fired);
            let queued = s
                .fired
                .iter()
                .any(|l| l == &format!("inject: {}", inj.title));
            let (mark, state) = match fired {
                Some(t) => ("✓", format!("fired T{t}")),
                None if queued => ("↯", "fired this turn".to_string()),
                None if inj.effects.is_empty() => ("·", "words only: heard at once".to_string()),
                None => ("·", "takes effect when the turn is played".to_string()),
            };
            let pointer = if i == sel { "▶" } else { " " };
            let line = Line::from(format!(
                "{pointer}{mark} {}",
                fit(&format!("{} · {state}", inj.title), tw.saturating_sub(3))
            ));
            if i == sel {
                line.style(theme.selected())
            } else {
                line
            }
        })
        .collect();
    while lines.len() < rows {
        lines.push(Line::default());
    }
    lines.push(Line::styled(
        list::footer_marks(
            filter.label(visible.len(), titles.len()),
            list::position(off, rows, visible.len()),
            tw,
        ),
        theme.dim(),
    ));
    frame.render_widget(Paragraph::new(lines), list_area);
    if let Some(inj) = setup.scenario.injects.get(sel) {
        let to = if inj.to.is_empty() {
            "every team".to_string()
        } else {
            let names: Vec<&str> = inj
                .to
                .iter()
                .map(|id| {
                    setup
                        .team(id)
                        .map_or(id.as_str(), |t| setup.teams[t].name.as_str())
                })
                .collect();
            names.join(", ")
        };
        let mut lines = vec![Line::styled(fit(&format!("To: {to}"), tw), theme.dim())];
        lines.extend(wrap(&inj.message, tw).into_iter().map(Line::from));
        let r = Rect {
            y: list_area.y + list_area.height,
            height: msg_rows,
            ..inner
        };
        frame.render_widget(Paragraph::new(lines), r);
    }
    draw_hints(frame, inner, s.keys, theme);
}

fn broadcast(s: &ConsoleBoxes, frame: &mut Frame, area: Rect, d: &BroadcastDialog) {
    let theme = s.theme;
    let teams = s.teams;
    let w = area.width.saturating_sub(4).min(72);
    match d.step {
        ComposeStep::Recipients => {
            let h = (teams.len() as u16 + 6).min(area.height.saturating_sub(1));
            let inner = boxed(
                frame,
                area,
                "White Cell message · to which teams?",
                theme,
                w,
                h,
            );
            let mut lines = vec![Line::styled(
                "Tick teams with Space; none ticked sends to every team.",
                theme.dim(),
            )];
            let rows = usize::from(inner.height.saturating_sub(3));
            let names: Vec<&str> = teams.iter().map(|t| t.name.as_str()).collect();
            let visible = d.filter.visible(&names);
            let pos = visible.iter().position(|&i| i == d.sel).unwrap_or(0);
            let off = list::offset(pos, rows);
            for &i in visible.iter().skip(off).take(rows) {
                let Some(t) = teams.get(i) else { continue };
                let tick = if d.ticked.get(i).copied().unwrap_or(false) {
                    "[x]"
                } else {
                    "[ ]"
                };
                let pointer = if i == d.sel { "▶" } else { " " };
                let line = Line::from(format!(
                    "{pointer}{tick} {}",
                    fit(&t.name, usize::from(w).saturating_sub(8))
                ));
                lines.push(if i == d.sel {
                    line.style(theme.selected())
                } else {
                    line
                });
            }
            while lines.len() < rows + 1 {
                lines.push(Line::default());
            }
            lines.push(Line::styled(
                list::footer_marks(
                    d.filter.label(visible.len(), teams.len()),
                    list::position(off, rows, visible.len()),
                    usize::from(inner.width),
                ),
                theme.dim(),
            ));
            frame.render_widget(Paragraph::new(lines), inner);
            draw_hints(frame, inner, s.keys, theme);
        }
        ComposeStep::Text => {
            let n = d.ticked.iter().filter(|t| **t).count();
            let to = if n == 0 {
                "every team".to_string()
            } else {
                format!("{n} team(s)")
            };
            let body = text_box(&d.text, usize::from(w).saturating_sub(2), theme);
            let h = (body.len() as u16 + 5).min(area.height.saturating_sub(1));
            let inner = boxed(
                frame,
                area,
                &format!("White Cell message to {to}"),
                theme,
                w,
                h,
            );
            let mut lines = vec![Line::styled(
                "Delivered now, marked WHITE CELL; the journal keeps it with this turn.",
                theme.dim(),
            )];
            lines.extend(body);
            frame.render_widget(Paragraph::new(lines), inner);
            draw_hints(frame, inner, s.keys, theme);
        }
    }
}

fn note(s: &ConsoleBoxes, frame: &mut Frame, area: Rect, d: &NoteDialog) {
    let theme = s.theme;
    let w = area.width.saturating_sub(4).min(72);
    let objective = d
        .objective
        .and_then(|i| s.setup?.scenario.objectives.get(i))
        .map(|o| format!("{}: {}", o.id, o.text))
        .unwrap_or_else(|| "none".to_string());
    let tw = usize::from(w).saturating_sub(2);
    let mut lines: Vec<Line> = wrap(&format!("Objective (Tab to change): {objective}"), tw)
        .into_iter()
        .map(|l| Line::styled(l, theme.dim()))
        .collect();
    lines.extend(text_box(&d.text, tw, theme));
    let h = (lines.len() as u16 + 4).min(area.height.saturating_sub(1));
    let inner = boxed(
        frame,
        area,
        &match s.turn {
            0 => "Evaluator's note · before the first turn".to_string(),
            t => format!("Evaluator's note · turn {t}"),
        },
        theme,
        w,
        h,
    );
    frame.render_widget(Paragraph::new(lines), inner);
    draw_hints(frame, inner, s.keys, theme);
}

/// Draw the help overlay or the quit prompt.
pub fn draw_overlay(s: &OverlayScreen, frame: &mut Frame, area: Rect) {
    let theme = s.theme;
    match s.overlay {
        Some(Overlay::Quit) => {
            quit_prompt(frame, area, theme, &s.quit_note);
        }
        Some(Overlay::Help { scroll }) => {
            let keys = s.keys;
            help_box(frame, area, theme, keys, help_extra(s, area), scroll);
        }
        None => {}
    }
}

/// The symbols legend under the team screen's keys.
fn help_extra(s: &OverlayScreen, area: Rect) -> Vec<Line<'static>> {
    let theme = s.theme;
    let mut extra: Vec<Line> = Vec::new();
    if s.legend {
        let tw = usize::from(help_width(area)).saturating_sub(2);
        extra.push(Line::styled("Symbols", theme.heading()));
        for l in crate::tui::text::wrap_items(theme::PERSON_LEGEND, "  ", tw) {
            extra.push(Line::from(l));
        }
        for l in crate::tui::text::wrap_items(
            &[
                "✗ not possible now",
                "● ready",
                "○ not ready",
                "✓ admissible",
                "• outcome",
                "! inject",
                "✉ liaison",
                "⇄ cooperation",
                "§ court",
                "T5 the turn whose results carry an order",
                "T9! after the last turn",
            ],
            "  ",
            tw,
        ) {
            extra.push(Line::from(l));
        }
    }
    extra
}

/// How far the help overlay can scroll on a screen of this size.
pub fn help_max_scroll(s: &OverlayScreen, area: Rect) -> usize {
    help_max(s.keys, help_extra(s, area), area, s.theme)
}

/// How far a help overlay of these keys and extra lines can scroll, and its page.
pub fn help_max(keys: &[Binding], extra: Vec<Line<'static>>, area: Rect, theme: Theme) -> usize {
    let lines = help_lines(keys, extra, area, theme);
    lines.len().saturating_sub(help_rows(area, lines.len()))
}

/// The rows of the help overlay's text on a screen of this size: a page of it.
pub fn help_rows(area: Rect, lines: usize) -> usize {
    let h = (lines as u16 + 3).min(area.height.saturating_sub(2));
    usize::from(h.saturating_sub(3)).max(1)
}

/// The quit prompt, with a line of context above the question.
pub(crate) fn quit_prompt(frame: &mut Frame, area: Rect, theme: Theme, text: &str) {
    prompt(frame, area, theme, "Quit", text, "Quit? (y/n)");
}

/// How wide the help box is on a screen of this size.
pub(crate) fn help_width(area: Rect) -> u16 {
    area.width.saturating_sub(4).min(96)
}

/// One key's entry in the help: its keys, then what it does, wrapped
/// under itself so nothing is cut.
fn help_entry(k: &str, what: &str, kw: usize, cw: usize, theme: Theme) -> Vec<Vec<Span<'static>>> {
    let what_w = cw.saturating_sub(kw + 1).max(8);
    wrap(what, what_w)
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let key = if i == 0 { pad(k, kw) } else { " ".repeat(kw) };
            // One blank cell keeps two columns apart.
            vec![
                Span::styled(key, theme.key()),
                Span::raw(pad(&l, what_w)),
                Span::raw(" "),
            ]
        })
        .collect()
}

/// The help's lines: every key of a table, in one or two columns, then
/// `extra` lines (a legend).
fn help_lines(
    keys: &[Binding],
    extra: Vec<Line<'static>>,
    area: Rect,
    theme: Theme,
) -> Vec<Line<'static>> {
    let w = help_width(area);
    let mut entries: Vec<(&str, &str)> = keys.iter().map(|b| (b.label, b.what)).collect();
    if crate::tui::keys::is_text_box(keys) {
        entries.push(("others", "type"));
    }
    let kw = entries.iter().map(|(k, _)| width(k)).max().unwrap_or(4) + 2;
    let room = usize::from(area.height.saturating_sub(4));
    // Two columns when one would not fit and the box is wide enough.
    let two = entries.len() + extra.len() + 1 > room && w >= 70;
    let mut lines: Vec<Line> = Vec::new();
    if two {
        let cw = usize::from(w.saturating_sub(2)) / 2;
        let half = entries.len().div_ceil(2);
        for i in 0..half {
            let (k, what) = entries[i];
            let left = help_entry(k, what, kw, cw, theme);
            let right = entries
                .get(i + half)
                .map(|(k, what)| help_entry(k, what, kw, cw, theme))
                .unwrap_or_default();
            for row in 0..left.len().max(right.len()) {
                let mut spans = left
                    .get(row)
                    .cloned()
                    .unwrap_or_else(|| vec![Span::raw(" ".repeat(cw))]);
                spans.extend(right.get(row).cloned().unwrap_or_default());
                lines.push(Line::from(spans));
            }
        }
    } else {
        let cw = usize::from(w.saturating_sub(2));
        for (k, what) in &entries {
            lines.extend(
                help_entry(k, what, kw, cw, theme)
                    .into_iter()
                    .map(Line::from),
            );
        }
    }
    if !extra.is_empty() {
        lines.push(Line::default());
        lines.extend(extra);
    }
    lines
}

/// The help overlay: every key of a table, then `extra` lines (a legend),
/// wrapped to the box and scrolled, with a mark when there is more.
pub(crate) fn help_box(
    frame: &mut Frame,
    area: Rect,
    theme: Theme,
    keys: &[Binding],
    extra: Vec<Line<'static>>,
    scroll: usize,
) {
    let w = help_width(area);
    let lines = help_lines(keys, extra, area, theme);
    let h = (lines.len() as u16 + 3).min(area.height.saturating_sub(2));
    let inner = boxed(frame, area, "Help", theme, w, h);
    let rows = usize::from(inner.height.saturating_sub(1));
    let total = lines.len();
    let scroll = scroll.min(total.saturating_sub(rows));
    let shown: Vec<Line> = lines.into_iter().skip(scroll).take(rows).collect();
    frame.render_widget(Paragraph::new(shown), inner);
    draw_hints(frame, inner, crate::tui::keys::HELP_KEYS, theme);
    super::bottom_marks(
        frame,
        centered(area, w, h),
        None,
        list::position(scroll, rows, total),
        theme,
    );
}
