//! Full-screen cards: the briefing, a team's own brief, the hand-over between
//! seats, waiting for exercise control, and the end of the exercise.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};

use super::{centered, footer, header_bar, header_line, team::law_lines};
use crate::tui::app::App;
use crate::tui::text::{fit, wrap, wrap_paragraphs};

/// The header of a card: scenario, turn and date, nothing of any team.
fn card_header(app: &App, frame: &mut Frame, area: Rect) {
    let brief = app.brief();
    let turn = (app.turn() + 1).min(brief.turns);
    let t = format!("Turn {turn}/{}", brief.turns);
    let date = brief.date(turn);
    let title = &brief.title;
    let text = header_line(
        &[
            format!("{title} · {t} · {date}"),
            format!("{t} · {date}"),
            t.clone(),
        ],
        area.width,
    );
    header_bar(frame, area, &text, app.theme().header());
}

fn frame_parts(area: Rect) -> (Rect, Rect, Rect) {
    let [h, body, f] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area);
    (h, body, f)
}

/// A scrollable page of text in a centred box.
fn page(app: &App, frame: &mut Frame, body: Rect, title: &str, lines: Vec<Line<'static>>) {
    let w = body.width.min(100);
    let area = Rect {
        x: body.x + (body.width - w) / 2,
        width: w,
        ..body
    };
    // A cell of margin inside the frame makes long text easier to read.
    let block = Block::bordered()
        .border_style(app.theme().border())
        .padding(ratatui::widgets::Padding::horizontal(1))
        .title(Line::styled(
            format!(" {} ", fit(title, usize::from(w).saturating_sub(4))),
            app.theme().heading(),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let h = usize::from(inner.height);
    let max = lines.len().saturating_sub(h);
    let scroll = app.seating().briefing_scroll().min(max);
    let more = lines.len() > h;
    let shown: Vec<Line> = lines.into_iter().skip(scroll).take(h).collect();
    frame.render_widget(Paragraph::new(shown), inner);
    if more {
        let marker = if scroll < max { " ↓ more " } else { " end " };
        let y = area.y + area.height.saturating_sub(1);
        let x = area.x + area.width.saturating_sub(10);
        frame.render_widget(
            Line::styled(marker, app.theme().dim()),
            Rect::new(x, y, 8, 1).intersection(area),
        );
    }
}

fn text_lines(text: &str, w: usize) -> Vec<Line<'static>> {
    wrap_paragraphs(text, w)
        .into_iter()
        .map(Line::from)
        .collect()
}

/// The scenario's briefing (and, with one seat, the team's own brief).
pub fn briefing(app: &App, frame: &mut Frame, area: Rect) {
    let (h, body, f) = frame_parts(area);
    card_header(app, frame, h);
    let brief = app.brief();
    let w = usize::from(body.width.min(100)).saturating_sub(4);
    let theme = app.theme();
    let mut lines = text_lines(&brief.briefing, w);
    if !brief.objectives.is_empty() {
        lines.push(Line::default());
        lines.push(Line::styled("Learning objectives", theme.heading()));
        for o in &brief.objectives {
            lines.extend(text_lines(&format!("- {o}"), w));
        }
    }
    if app.single_seat()
        && let Some(v) = app.team_view()
    {
        lines.push(Line::default());
        lines.push(Line::styled(
            format!("You play: {} ({})", v.team.name, v.team.country),
            theme.heading(),
        ));
        lines.extend(text_lines(&v.team.brief, w));
        lines.push(Line::default());
        lines.extend(law_lines(v).into_iter().map(Line::from));
        let bots = brief.teams.len().saturating_sub(1);
        if app.session().is_none() {
            lines.push(Line::default());
            lines.push(Line::from(
                "Every other team sits at its own terminal; exercise control runs the clock.",
            ));
        } else if bots > 0 {
            lines.push(Line::default());
            lines.push(Line::from(format!(
                "The other {bots} team(s) are played by the computer."
            )));
        }
    } else {
        lines.push(Line::default());
        let names: Vec<String> = brief.teams.iter().map(|t| t.name.clone()).collect();
        lines.extend(text_lines(
            &format!(
                "Teams at this keyboard, in turn: {}. Each team reads its own brief when it first sits down.",
                names.join("; ")
            ),
            w,
        ));
    }
    page(
        app,
        frame,
        body,
        &format!("Briefing · {}", brief.title),
        lines,
    );
    footer(frame, f, theme, app.bindings(), app.status());
}

/// A team's own brief, the first time it sits down.
pub fn team_brief(app: &App, frame: &mut Frame, area: Rect) {
    let (h, body, f) = frame_parts(area);
    card_header(app, frame, h);
    let Some(v) = app.team_view() else { return };
    let w = usize::from(body.width.min(100)).saturating_sub(4);
    let mut lines = text_lines(&v.team.brief, w);
    lines.push(Line::default());
    lines.extend(law_lines(v).into_iter().map(Line::from));
    lines.push(Line::default());
    lines.push(Line::styled(
        "Press Enter to see your picture and order your actions.",
        app.theme().dim(),
    ));
    page(
        app,
        frame,
        body,
        &format!("Your brief · {} ({})", v.team.name, v.team.country),
        lines,
    );
    footer(frame, f, app.theme(), app.bindings(), app.status());
}

fn card(app: &App, frame: &mut Frame, area: Rect, lines: Vec<Line<'static>>) {
    let (h, body, f) = frame_parts(area);
    card_header(app, frame, h);
    let w = body.width.clamp(20, 64);
    let height = (lines.len() as u16 + 4).min(body.height);
    let r = centered(body, w, height);
    let block = Block::bordered().border_style(app.theme().focus_border());
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let inner = Rect {
        y: inner.y + 1,
        height: inner.height.saturating_sub(1),
        ..inner
    };
    frame.render_widget(
        Paragraph::new(lines).alignment(ratatui::layout::Alignment::Center),
        inner,
    );
    footer(frame, f, app.theme(), app.bindings(), app.status());
}

/// "Pass the keyboard to …": names the next team and shows nothing else.
pub fn handover(app: &App, frame: &mut Frame, area: Rect) {
    let Some(info) = app.team().and_then(|t| app.brief().teams.get(t)) else {
        return;
    };
    let country = &info.country;
    let theme = app.theme();
    let w = usize::from(area.width.clamp(20, 64)).saturating_sub(4);
    let mut lines = vec![Line::from("Pass the keyboard to")];
    for l in wrap(&info.name, w) {
        lines.push(Line::styled(l, theme.heading()));
    }
    lines.push(Line::styled(format!("({country})"), theme.dim()));
    lines.push(Line::default());
    lines.push(Line::from("Press Enter when they are ready."));
    let teams = app.brief().teams.len();
    let ready = (0..teams).filter(|&i| app.is_ready(i)).count();
    lines.push(Line::default());
    lines.push(Line::styled(
        format!("{ready} of {teams} teams ready this turn"),
        theme.dim(),
    ));
    card(app, frame, area, lines);
}

/// Every team is ready; exercise control holds the turn.
pub fn waiting(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let mut lines = vec![
        Line::styled("Every team is ready.", theme.heading()),
        Line::default(),
    ];
    let w = usize::from(area.width.clamp(20, 64)).saturating_sub(4);
    for l in wrap(
        "Exercise control has paused the exercise: the turn is played when they resume it.",
        w,
    ) {
        lines.push(Line::from(l));
    }
    if app.single_seat() {
        lines.push(Line::default());
        lines.push(Line::styled("Press r to reopen your orders.", theme.dim()));
    }
    card(app, frame, area, lines);
}

/// The end of the exercise.
pub fn finished(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let w = usize::from(area.width.clamp(20, 64)).saturating_sub(4);
    let mut lines = vec![
        Line::styled("The exercise is over.", theme.heading()),
        Line::default(),
        Line::from(format!(
            "{} of {} turns played.",
            app.turn(),
            app.brief().turns
        )),
    ];
    if let Some(p) = app.journal_path() {
        lines.push(Line::default());
        let text = format!(
            "The journal is {}. Replay and verify it for the debrief with: undertow replay {} --verify",
            p.display(),
            p.display()
        );
        lines.extend(wrap(&text, w).into_iter().map(Line::from));
    }
    card(app, frame, area, lines);
}
