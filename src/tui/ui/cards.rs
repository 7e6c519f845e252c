//! Full-screen cards: the briefing, a team's own brief, the hand-over between
//! seats, waiting for exercise control, and the end of the exercise.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};

use super::{centered, footer, header_bar, header_line, team::law_lines};
use crate::engine::setup::TeamIx;
use crate::session::objectives::Standing;
use crate::tui::app::Screen;
use crate::tui::keys::Binding;
use crate::tui::text::{fit, shell_word, wrap, wrap_paragraphs};
use crate::tui::theme::Theme;
use crate::view::{Brief, TeamView};

/// Everything the cards show: the brief, where the exercise stands, and the
/// seated team's view when one team plays here. Whoever holds the game
/// fills it in; the drawing needs nothing else.
pub struct CardScreen<'a> {
    pub brief: &'a Brief,
    pub theme: Theme,
    /// The last committed turn.
    pub turn: u32,
    /// Every turn has been played.
    pub over: bool,
    /// The first line shown of the page (briefing, brief or end).
    pub scroll: usize,
    /// The team at the keyboard, or being handed it.
    pub team: Option<TeamIx>,
    /// The seated team's view.
    pub view: Option<&'a TeamView>,
    /// One team plays here, not every team in turn.
    pub single_seat: bool,
    /// The whole session is at this keyboard, not behind a server.
    pub session_here: bool,
    /// How many teams are ready this turn.
    pub ready: usize,
    /// Where the journal is, when it is on this machine.
    pub journal: Option<&'a std::path::Path>,
    /// The objectives and scores as they stand, for the end card; none when
    /// exercise control keeps them for the debrief.
    pub standing: Option<Standing>,
    pub keys: &'a [Binding],
    pub status: Option<&'a str>,
}

/// The header of a card: scenario, turn and date, nothing of any team.
fn card_header(s: &CardScreen, frame: &mut Frame, area: Rect) {
    let brief = s.brief;
    let turn = (s.turn + 1).min(brief.turns);
    let t = format!("Turn {turn}/{}", brief.turns);
    let date = brief.date(turn);
    let title = &brief.title;
    let over = if s.over {
        " · ■ the exercise is over"
    } else {
        ""
    };
    let text = header_line(
        &[
            format!("{title} · {t} · {date}{over}"),
            format!("{t} · {date}{over}"),
            format!("{t}{over}"),
            t.clone(),
        ],
        area.width,
    );
    header_bar(frame, area, &text, s.theme.header());
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
fn page(s: &CardScreen, frame: &mut Frame, body: Rect, title: &str, lines: Vec<Line<'static>>) {
    let w = body.width.min(100);
    let area = Rect {
        x: body.x + (body.width - w) / 2,
        width: w,
        ..body
    };
    // A cell of margin inside the frame makes long text easier to read.
    let block = Block::bordered()
        .border_style(s.theme.border())
        .padding(ratatui::widgets::Padding::horizontal(1))
        .title(Line::styled(
            format!(" {} ", fit(title, usize::from(w).saturating_sub(4))),
            s.theme.heading(),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let h = usize::from(inner.height);
    let max = lines.len().saturating_sub(h);
    let scroll = s.scroll.min(max);
    let total = lines.len();
    let shown: Vec<Line> = lines.into_iter().skip(scroll).take(h).collect();
    frame.render_widget(Paragraph::new(shown), inner);
    super::bottom_marks(
        frame,
        area,
        None,
        crate::tui::list::position(scroll, h, total),
        s.theme,
    );
}

/// How far the page of text on `screen` (briefing, brief, end) can scroll.
pub fn page_max_scroll(s: &CardScreen, screen: Screen, area: Rect) -> usize {
    let (_, body, _) = frame_parts(area);
    let w = usize::from(body.width.min(100)).saturating_sub(4);
    let lines = match screen {
        Screen::Briefing => briefing_lines(s, w),
        Screen::TeamBrief => team_brief_lines(s, w),
        Screen::Finished => finished_lines(s, w),
        _ => return 0,
    };
    lines
        .len()
        .saturating_sub(usize::from(body.height.saturating_sub(2)))
}

fn text_lines(text: &str, w: usize) -> Vec<Line<'static>> {
    wrap_paragraphs(text, w)
        .into_iter()
        .map(Line::from)
        .collect()
}

/// The scenario's briefing (and, with one seat, the team's own brief).
pub fn briefing(s: &CardScreen, frame: &mut Frame, area: Rect) {
    let (h, body, f) = frame_parts(area);
    card_header(s, frame, h);
    let w = usize::from(body.width.min(100)).saturating_sub(4);
    let lines = briefing_lines(s, w);
    page(
        s,
        frame,
        body,
        &format!("Briefing · {}", s.brief.title),
        lines,
    );
    footer(frame, f, s.theme, s.keys, s.status);
}

fn briefing_lines(s: &CardScreen, w: usize) -> Vec<Line<'static>> {
    let brief = s.brief;
    let theme = s.theme;
    let mut lines = text_lines(&brief.briefing, w);
    if !brief.objectives.is_empty() {
        lines.push(Line::default());
        lines.push(Line::styled("Learning objectives", theme.heading()));
        for o in &brief.objectives {
            lines.extend(text_lines(&format!("- {o}"), w));
        }
    }
    if s.single_seat
        && let Some(v) = s.view
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
        if !s.session_here {
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
    lines
}

/// A team's own brief, the first time it sits down.
pub fn team_brief(s: &CardScreen, frame: &mut Frame, area: Rect) {
    let (h, body, f) = frame_parts(area);
    card_header(s, frame, h);
    let Some(v) = s.view else { return };
    let w = usize::from(body.width.min(100)).saturating_sub(4);
    let lines = team_brief_lines(s, w);
    page(
        s,
        frame,
        body,
        &format!("Your brief · {} ({})", v.team.name, v.team.country),
        lines,
    );
    footer(frame, f, s.theme, s.keys, s.status);
}

fn team_brief_lines(s: &CardScreen, w: usize) -> Vec<Line<'static>> {
    let Some(v) = s.view else {
        return Vec::new();
    };
    let mut lines = text_lines(&v.team.brief, w);
    lines.push(Line::default());
    lines.extend(law_lines(v).into_iter().map(Line::from));
    lines.push(Line::default());
    lines.push(Line::styled(
        "Press Enter to see your picture and order your actions.",
        s.theme.dim(),
    ));
    lines
}

fn card(s: &CardScreen, frame: &mut Frame, area: Rect, lines: Vec<Line<'static>>) {
    let (h, body, f) = frame_parts(area);
    card_header(s, frame, h);
    let w = body.width.clamp(20, 64);
    let height = (lines.len() as u16 + 4).min(body.height);
    let r = centered(body, w, height);
    let block = Block::bordered().border_style(s.theme.focus_border());
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
    footer(frame, f, s.theme, s.keys, s.status);
}

/// "Pass the keyboard to …": names the next team and shows nothing else.
pub fn handover(s: &CardScreen, frame: &mut Frame, area: Rect) {
    let Some(info) = s.team.and_then(|t| s.brief.teams.get(t.index())) else {
        return;
    };
    let country = &info.country;
    let theme = s.theme;
    let w = usize::from(area.width.clamp(20, 64)).saturating_sub(4);
    let mut lines = vec![Line::from("Pass the keyboard to")];
    for l in wrap(&info.name, w) {
        lines.push(Line::styled(l, theme.heading()));
    }
    lines.push(Line::styled(format!("({country})"), theme.dim()));
    lines.push(Line::default());
    lines.push(Line::from("Press Enter when they are ready."));
    let teams = s.brief.teams.len();
    lines.push(Line::default());
    lines.push(Line::styled(
        format!("{} of {teams} teams ready this turn", s.ready),
        theme.dim(),
    ));
    card(s, frame, area, lines);
}

/// Every team is ready; exercise control holds the turn.
pub fn waiting(s: &CardScreen, frame: &mut Frame, area: Rect) {
    let theme = s.theme;
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
    if s.single_seat {
        lines.push(Line::default());
        lines.push(Line::styled("Press r to reopen your orders.", theme.dim()));
    }
    card(s, frame, area, lines);
}

/// The objectives as they stand, each with its rating and evidence, and the
/// scores: for the objectives box and the end screen.
pub fn standing_lines(st: &Standing, w: usize) -> Vec<String> {
    let mut out = Vec::new();
    if st.objectives.is_empty() {
        out.push("The scenario sets no measurable objectives.".to_string());
    }
    for o in &st.objectives {
        let (sym, label) = match o.rating {
            Some(r) => (r.symbol(), r.label()),
            None => ("?", "in the debrief"),
        };
        for (i, l) in wrap(&o.text, w.saturating_sub(4)).into_iter().enumerate() {
            out.push(if i == 0 {
                format!("{sym} {l}")
            } else {
                format!("  {l}")
            });
        }
        for l in wrap(&format!("{label}: {}", o.evidence), w.saturating_sub(4)) {
            out.push(format!("    {l}"));
        }
    }
    out.push(String::new());
    let mut scores = format!(
        "Scores so far: disruption {}, protection {}",
        st.disruption, st.protection
    );
    if st.over {
        scores = format!(
            "Scores: disruption {}, protection {}",
            st.disruption, st.protection
        );
    }
    if let Some((d, p)) = st.team_scores {
        scores.push_str(&format!(" (your team: disruption {d}, protection {p})"));
    }
    out.extend(wrap(&format!("{scores}."), w));
    out.extend(wrap(
        "Disruption: the network's losses. Protection: people identified and protected, less harm done.",
        w,
    ));
    out
}

/// The end of the exercise: the objectives as the debrief rates them, the
/// scores, the commands of the debrief, and the last turn's news.
pub fn finished(s: &CardScreen, frame: &mut Frame, area: Rect) {
    let (h, body, f) = frame_parts(area);
    card_header(s, frame, h);
    let w = usize::from(body.width.min(100)).saturating_sub(4);
    let lines = finished_lines(s, w);
    page(s, frame, body, "The exercise is over", lines);
    footer(frame, f, s.theme, s.keys, s.status);
}

fn finished_lines(s: &CardScreen, w: usize) -> Vec<Line<'static>> {
    let theme = s.theme;
    let mut lines: Vec<Line<'static>> = vec![Line::styled(
        format!("{} of {} turns played.", s.turn, s.brief.turns),
        theme.heading(),
    )];
    lines.push(Line::default());
    lines.push(Line::styled("Objectives", theme.heading()));
    match &s.standing {
        Some(st) => lines.extend(standing_lines(st, w).into_iter().map(Line::from)),
        None => lines.push(Line::styled(
            "Exercise control has the ratings: they come with the debrief.",
            theme.dim(),
        )),
    }
    lines.push(Line::default());
    lines.push(Line::styled("For the debrief", theme.heading()));
    let journal = s.journal.map(|p| shell_word(&p.display().to_string()));
    let j = match (&journal, s.session_here) {
        (Some(j), _) => Some(j.clone()),
        // A team's terminal: the journal is on the serving machine.
        (None, false) => {
            lines.extend(text_lines(
                "Exercise control keeps the journal of the exercise; with a copy of it:",
                w,
            ));
            Some("JOURNAL".to_string())
        }
        (None, true) => {
            lines.extend(text_lines(
                "This game was played without a journal: there is no run to replay or report on.",
                w,
            ));
            None
        }
    };
    for (cmd, what) in j.iter().flat_map(|j| {
        [
            (
                format!("undertow replay {j}"),
                "the run turn by turn: the truth, then each team's view (p)",
            ),
            (
                format!("undertow report {j} --format md -o aar.md"),
                "the after-action report, objectives rated as above",
            ),
            (
                format!("undertow replay {j} --verify"),
                "check every turn replays to its recorded hash",
            ),
        ]
    }) {
        lines.push(Line::styled(format!("  {cmd}"), theme.key()));
        lines.extend(
            wrap(what, w.saturating_sub(4))
                .into_iter()
                .map(|l| Line::styled(format!("    {l}"), theme.dim())),
        );
    }
    if s.single_seat
        && let Some(v) = s.view
    {
        let last = s.turn;
        // The last turn's entries, with the lines that explain them.
        let mut keep = false;
        let news: Vec<_> = super::team::messages(v, &[])
            .into_iter()
            .filter(|m| {
                if !m.when.is_empty() {
                    keep = m.when == format!("T{last}");
                }
                keep
            })
            .collect();
        lines.push(Line::default());
        lines.push(Line::styled(
            format!("Turn {last}: what your team learned"),
            theme.heading(),
        ));
        if news.is_empty() {
            lines.push(Line::styled("No news in the last turn.", theme.dim()));
        }
        for m in news {
            for (i, l) in wrap(&m.text, w.saturating_sub(4)).into_iter().enumerate() {
                let lead = if i == 0 {
                    format!("{} ", m.symbol)
                } else {
                    "  ".to_string()
                };
                lines.push(Line::styled(format!("{lead}{l}"), theme.message(m.kind)));
            }
        }
    } else {
        lines.push(Line::default());
        lines.extend(
            text_lines(
                "Each team's picture and last outcomes are in the replay: p switches to its view.",
                w,
            )
            .into_iter()
            .map(|l| l.style(theme.dim())),
        );
    }
    lines
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;
    use crate::view::TeamName;

    fn brief() -> Brief {
        let team = |id: &str, name: &str, country: &str| TeamName {
            id: id.into(),
            name: name.into(),
            country: country.into(),
        };
        Brief {
            title: "Night Crossing".into(),
            briefing: "A boat leaves at dusk.".into(),
            objectives: Vec::new(),
            turns: 6,
            dates: Vec::new(),
            teams: vec![
                team("police", "Harbour Police", "Maluna"),
                team("coast", "Coast Guard", "Sarevo"),
            ],
        }
    }

    fn screen(card: fn(&CardScreen, &mut Frame, Rect), s: &CardScreen) -> String {
        let mut t = Terminal::new(TestBackend::new(60, 16)).unwrap_or_else(|e| match e {});
        t.draw(|f| card(s, f, f.area()))
            .unwrap_or_else(|e| match e {});
        format!("{}", t.backend())
    }

    #[test]
    fn the_handover_names_the_next_team_and_how_many_are_ready() {
        let brief = brief();
        let s = CardScreen {
            brief: &brief,
            theme: Theme::new(false),
            turn: 2,
            over: false,
            scroll: 0,
            team: Some(TeamIx(1)),
            view: None,
            single_seat: false,
            session_here: true,
            ready: 1,
            journal: None,
            standing: None,
            keys: &[],
            status: None,
        };
        let shown = screen(handover, &s);
        for words in [
            "Night Crossing · Turn 3/6",
            "Pass the keyboard to",
            "Coast Guard",
            "(Sarevo)",
            "1 of 2 teams ready this turn",
        ] {
            assert!(shown.contains(words), "{words}:\n{shown}");
        }
        assert!(!shown.contains("Harbour Police"), "{shown}");
    }
}
