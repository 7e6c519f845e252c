//! Named styles and status symbols, used by every screen.
//!
//! Colour is never the only signal: every status has a symbol or a word as
//! well, so the screens read the same under `NO_COLOR` or on a monochrome
//! terminal.

use crate::engine::state::{ActorStatus, GroupStatus};
use ratatui::style::{Color, Modifier, Style};

use crate::engine::knowledge::MessageKind;

/// The styles of one run: with colour, or without when `NO_COLOR` is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    color: bool,
}

impl Theme {
    /// A theme honouring the `NO_COLOR` convention (any non-empty value).
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme { color: !no_color }
    }

    /// A theme with colour on or off.
    pub fn new(color: bool) -> Theme {
        Theme { color }
    }

    fn fg(self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    /// Body text.
    pub fn text(self) -> Style {
        Style::new()
    }

    /// Secondary text: hints, units, unavailable entries.
    pub fn dim(self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            // Without colour, dim text stays plain: symbols carry the meaning.
            Style::new()
        }
    }

    /// The header bar across the top of a screen.
    pub fn header(self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    /// The header bar of the exercise-control console: set apart from a team's.
    pub fn header_white_cell(self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    /// The key-hint line at the bottom.
    pub fn footer(self) -> Style {
        self.dim()
    }

    /// A key name in hints and help.
    pub fn key(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// The border of the pane that has the keyboard.
    pub fn focus_border(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// The border of other panes.
    pub fn border(self) -> Style {
        self.dim()
    }

    /// The selected row of a list.
    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// A heading inside a pane.
    pub fn heading(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// Something that went well: ready, admissible, protected.
    pub fn good(self) -> Style {
        self.fg(Color::Green)
    }

    /// Something to watch: not ready, intelligence only, alert.
    pub fn warn(self) -> Style {
        self.fg(Color::Yellow)
    }

    /// Something bad or refused: lives lost, a refused order.
    pub fn bad(self) -> Style {
        self.fg(Color::Red)
    }

    /// Names of network members and people.
    pub fn person(self) -> Style {
        self.fg(Color::White)
    }

    /// Organisers stand out in any mode.
    pub fn organiser(self) -> Style {
        self.fg(Color::Magenta).add_modifier(Modifier::BOLD)
    }

    /// Lines of the link chart.
    pub fn link_color(self) -> Color {
        if self.color {
            Color::DarkGray
        } else {
            Color::Reset
        }
    }

    /// A line of the message log, by kind.
    pub fn message(self, kind: MessageKind) -> Style {
        match kind {
            MessageKind::Outcome => self.text(),
            MessageKind::Refused => self.bad(),
            MessageKind::Inject => self.warn().add_modifier(Modifier::BOLD),
            MessageKind::Liaison => self.fg(Color::Cyan),
            MessageKind::Cooperation => self.fg(Color::Blue),
            MessageKind::Court => self.fg(Color::Magenta),
            MessageKind::Alert => self.bad().add_modifier(Modifier::BOLD),
        }
    }

    /// A status line or toast.
    pub fn status(self) -> Style {
        self.fg(Color::Yellow)
    }
}

/// The symbol of a message kind in the log.
pub fn message_symbol(kind: MessageKind) -> &'static str {
    match kind {
        MessageKind::Outcome => "•",
        MessageKind::Refused => "✗",
        MessageKind::Inject => "!",
        MessageKind::Liaison => "✉",
        MessageKind::Cooperation => "⇄",
        MessageKind::Court => "§",
        MessageKind::Alert => "‼",
    }
}

/// Ready or not, as a symbol.
pub fn ready_symbol(ready: bool) -> &'static str {
    if ready { "●" } else { "○" }
}

/// Ready or not, in words.
pub fn ready_word(ready: bool) -> &'static str {
    if ready { "ready" } else { "not ready" }
}

/// The symbol of a person's status as a team knows it (`None` = not known).
pub fn person_symbol(
    status: Option<ActorStatus>,
    identified: bool,
    organiser: bool,
) -> &'static str {
    match status {
        // Out of action: a person held, or a company struck off.
        Some(ActorStatus::Arrested | ActorStatus::Suspended) => "⊘",
        Some(ActorStatus::Convicted) => "▣",
        Some(ActorStatus::Fled) => "↗",
        Some(ActorStatus::Dormant) => "◌",
        _ if !identified => "○",
        _ if organiser => "◆",
        _ => "●",
    }
}

/// The symbol of a migrant group's status.
pub fn group_symbol(status: GroupStatus) -> &'static str {
    match status {
        GroupStatus::Recruited => "▫",
        GroupStatus::InTransit => "▪",
        GroupStatus::Intercepted | GroupStatus::Rescued => "⊡",
        GroupStatus::Protected => "✚",
        GroupStatus::LostAtSea => "✝",
        GroupStatus::Arrived | GroupStatus::Exploited | GroupStatus::Returned => "▪",
    }
}

/// The legend of person symbols, for the link chart.
pub const PERSON_LEGEND: &[&str] = &[
    "◆ organiser",
    "● known",
    "○ unidentified",
    "⊘ arrested",
    "▣ convicted",
    "↗ fled",
    "◌ dormant",
];
