//! Key bindings as data: one table per screen, read both to turn key presses
//! into actions and to write the help overlay and the hint line, so the help
//! can never fall out of step with the keys.

use std::sync::LazyLock;
use std::time::Duration;

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

/// What the user asked for, whatever key or click said it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Open (or close) the help overlay.
    Help,
    /// Ask before quitting.
    Quit,
    /// Answer yes to a prompt.
    Yes,
    /// Answer no to a prompt.
    No,
    /// Select, confirm or pass a screen.
    Enter,
    /// Go back or close the topmost box.
    Back,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    /// Move to the next pane.
    NextPane,
    /// Move to the previous pane.
    PrevPane,
    /// Jump to a tab of the picture, by position.
    Tab(usize),
    /// Mark this team ready (or not).
    Ready,
    /// Write a liaison message.
    Compose,
    /// Remove the selected queued order.
    Delete,
    /// Show the team's own brief and law.
    Brief,
    /// Open exercise control (asks first).
    WhiteCell,
    /// Commit the turn now (exercise control).
    Advance,
    /// Pause or resume the turn timer (exercise control).
    Pause,
    /// Fire an inject from the scenario's list (exercise control).
    Inject,
    /// Send a message to chosen teams (exercise control).
    MessageTeams,
    /// Take back the last turn (exercise control).
    Undo,
    /// Record an evaluator's note (exercise control).
    Note,
    /// Tick or untick the selected entry.
    Toggle,
    /// A typed character in a text box.
    Type(char),
    /// Delete the character before the cursor in a text box.
    Backspace,
    /// A left click at a cell.
    Click {
        col: u16,
        row: u16,
    },
    /// Scroll the pane under the mouse.
    Wheel {
        down: bool,
        col: u16,
        row: u16,
    },
    /// The terminal changed size.
    Resize {
        width: u16,
        height: u16,
    },
    /// Wall-clock time passed (for the turn timer only).
    Tick(Duration),
    /// Play or pause the replay.
    Play,
    /// Play the replay faster.
    Faster,
    /// Play the replay slower.
    Slower,
    /// Ask for a turn to go to.
    GoTo,
    /// Select the previous entry of the picture's list.
    PrevEntry,
    /// Select the next entry of the picture's list.
    NextEntry,
    /// Show or hide the comparison with another run.
    Compare,
    /// Filter the list by name (`/`).
    Filter,
    /// Show or hide the join codes (exercise control's Join tab).
    Reveal,
    /// Show the objectives and how the exercise stands against them.
    Objectives,
}

/// A key as bindings name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    Delete,
    Backspace,
}

impl Key {
    /// The key of a crossterm key event, if bindings know it.
    pub fn of(ev: KeyEvent) -> Option<Key> {
        // Ctrl-C still quits through the prompt, never abruptly.
        if ev.modifiers.contains(KeyModifiers::CONTROL) {
            return match ev.code {
                KeyCode::Char('c') => Some(Key::Char('q')),
                _ => None,
            };
        }
        Some(match ev.code {
            KeyCode::Char(c) => Key::Char(c),
            KeyCode::Enter => Key::Enter,
            KeyCode::Esc => Key::Esc,
            KeyCode::Tab => Key::Tab,
            KeyCode::BackTab => Key::BackTab,
            KeyCode::Up => Key::Up,
            KeyCode::Down => Key::Down,
            KeyCode::Left => Key::Left,
            KeyCode::Right => Key::Right,
            KeyCode::PageUp => Key::PageUp,
            KeyCode::PageDown => Key::PageDown,
            KeyCode::Home => Key::Home,
            KeyCode::End => Key::End,
            KeyCode::Delete => Key::Delete,
            KeyCode::Backspace => Key::Backspace,
            _ => return None,
        })
    }
}

/// One line of a key table: the keys, how help names them, what they do.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: &'static [Key],
    pub label: &'static str,
    pub what: &'static str,
    pub action: Action,
    /// The short words of the hint line at the bottom; empty if not shown there.
    pub hint: &'static str,
}

const fn bind(
    keys: &'static [Key],
    label: &'static str,
    what: &'static str,
    action: Action,
    hint: &'static str,
) -> Binding {
    Binding {
        keys,
        label,
        what,
        action,
        hint,
    }
}

use Key as K;

const HELP: Binding = bind(&[K::Char('?')], "?", "help", Action::Help, "help");
const QUIT: Binding = bind(&[K::Char('q')], "q", "quit", Action::Quit, "quit");
const UP: Binding = bind(&[K::Up, K::Char('k')], "↑ k", "move up", Action::Up, "");
const DOWN: Binding = bind(
    &[K::Down, K::Char('j')],
    "↓ j",
    "move down",
    Action::Down,
    "",
);
const PGUP: Binding = bind(&[K::PageUp], "PgUp", "page up", Action::PageUp, "");
const PGDN: Binding = bind(&[K::PageDown], "PgDn", "page down", Action::PageDown, "");
const PGUP_PANE: Binding = bind(
    &[K::PageUp],
    "PgUp",
    "page up in the pane",
    Action::PageUp,
    "",
);
const PGDN_PANE: Binding = bind(
    &[K::PageDown],
    "PgDn",
    "page down in the pane",
    Action::PageDown,
    "",
);
const HOME: Binding = bind(&[K::Home], "Home", "first entry (top)", Action::Home, "");
const END: Binding = bind(&[K::End], "End", "last entry (bottom)", Action::End, "");
const FILTER: Binding = bind(
    &[K::Char('/')],
    "/",
    "filter the list by name",
    Action::Filter,
    "",
);
const WHITE_CELL: Binding = bind(
    &[K::Char('F')],
    "F",
    "exercise control (asks first)",
    Action::WhiteCell,
    "",
);

/// The briefing at the start.
pub static BRIEFING: &[Binding] = &[
    bind(&[K::Enter], "Enter", "continue", Action::Enter, "continue"),
    UP,
    DOWN,
    PGUP,
    PGDN,
    HOME,
    END,
    WHITE_CELL,
    HELP,
    QUIT,
];

/// A hand-over card between seats, and the waiting card.
pub static HANDOVER: &[Binding] = &[
    bind(
        &[K::Enter],
        "Enter",
        "the team is at the keyboard",
        Action::Enter,
        "the team is at the keyboard",
    ),
    WHITE_CELL,
    HELP,
    QUIT,
];

/// The card shown while exercise control holds a turn every team is ready for.
pub static WAITING: &[Binding] = &[
    bind(
        &[K::Char('r')],
        "r",
        "reopen your orders",
        Action::Ready,
        "reopen your orders",
    ),
    WHITE_CELL,
    HELP,
    QUIT,
];

/// The end of the exercise.
pub static FINISHED: &[Binding] = &[
    bind(
        &[K::Enter],
        "Enter",
        "look back over your picture (one team only)",
        Action::Enter,
        "",
    ),
    UP,
    DOWN,
    PGUP,
    PGDN,
    HOME,
    END,
    bind(
        &[K::Char('F')],
        "F",
        "exercise control (asks first)",
        Action::WhiteCell,
        "exercise control (asks first)",
    ),
    HELP,
    QUIT,
];

/// A team's screen. The hint line shows entries in table order.
pub static TEAM: &[Binding] = &[
    HELP,
    bind(&[K::Tab], "Tab", "next pane", Action::NextPane, "pane"),
    bind(
        &[K::Enter],
        "Enter",
        "order · open · remove (by pane)",
        Action::Enter,
        "select",
    ),
    bind(
        &[K::Char('r')],
        "r",
        "ready: end your turn",
        Action::Ready,
        "ready",
    ),
    bind(
        &[K::Char('m')],
        "m",
        "liaison message to a team",
        Action::Compose,
        "message",
    ),
    QUIT,
    bind(
        &[K::Char('o')],
        "o",
        "objectives: how the exercise stands",
        Action::Objectives,
        "objectives",
    ),
    bind(
        &[K::BackTab],
        "S-Tab",
        "previous pane",
        Action::PrevPane,
        "",
    ),
    UP,
    DOWN,
    PGUP_PANE,
    PGDN_PANE,
    HOME,
    END,
    FILTER,
    bind(
        &[K::Left, K::Char('h')],
        "← h",
        "previous tab",
        Action::Left,
        "",
    ),
    bind(
        &[K::Right, K::Char('l')],
        "→ l",
        "next tab",
        Action::Right,
        "",
    ),
    bind(&[K::Char('1')], "1", "Network tab", Action::Tab(0), ""),
    bind(&[K::Char('2')], "2", "Persons tab", Action::Tab(1), ""),
    bind(
        &[K::Char('3')],
        "3",
        "Places & routes tab",
        Action::Tab(2),
        "",
    ),
    bind(&[K::Char('4')], "4", "Cases tab", Action::Tab(3), ""),
    bind(&[K::Char('5')], "5", "Migrants tab", Action::Tab(4), ""),
    bind(
        &[K::Char('d'), K::Delete],
        "d Del",
        "remove the queued order",
        Action::Delete,
        "",
    ),
    bind(
        &[K::Char('b')],
        "b",
        "your brief and law",
        Action::Brief,
        "",
    ),
    bind(&[K::Esc], "Esc", "back to the picture", Action::Back, ""),
    WHITE_CELL,
];

/// The exercise-control console.
pub static WHITE_CELL_KEYS: &[Binding] = &[
    HELP,
    bind(
        &[K::Char('a')],
        "a",
        "advance: play the turn now",
        Action::Advance,
        "advance",
    ),
    bind(
        &[K::Char('p')],
        "p",
        "pause or resume the exercise",
        Action::Pause,
        "pause",
    ),
    bind(
        &[K::Char('i')],
        "i",
        "fire an inject from the scenario",
        Action::Inject,
        "inject",
    ),
    bind(
        &[K::Char('t')],
        "t",
        "message chosen teams",
        Action::MessageTeams,
        "message",
    ),
    bind(
        &[K::Char('n')],
        "n",
        "evaluator's note on this turn",
        Action::Note,
        "note",
    ),
    bind(
        &[K::Char('u')],
        "u",
        "undo the last turn",
        Action::Undo,
        "undo",
    ),
    bind(
        &[K::Tab],
        "Tab",
        "next pane (Join: how teams join)",
        Action::NextPane,
        "",
    ),
    bind(
        &[K::BackTab],
        "S-Tab",
        "previous pane",
        Action::PrevPane,
        "",
    ),
    bind(
        &[K::Char('v')],
        "v",
        "on the Join tab: show or hide the join codes",
        Action::Reveal,
        "",
    ),
    UP,
    DOWN,
    PGUP_PANE,
    PGDN_PANE,
    HOME,
    END,
    FILTER,
    QUIT,
    bind(
        &[K::Esc, K::Char('F')],
        "Esc F",
        "leave exercise control",
        Action::Back,
        "back",
    ),
];

/// A list to pick from (targets, teams, injects).
pub static PICKER: &[Binding] = &[
    UP,
    DOWN,
    PGUP,
    PGDN,
    HOME,
    END,
    FILTER,
    bind(&[K::Enter], "Enter", "choose", Action::Enter, "choose"),
    bind(&[K::Esc], "Esc", "cancel", Action::Back, "cancel"),
    HELP,
    QUIT,
];

/// A list of teams to tick before writing to them.
pub static TEAM_CHECKLIST: &[Binding] = &[
    UP,
    DOWN,
    PGUP,
    PGDN,
    HOME,
    END,
    FILTER,
    bind(
        &[K::Char(' ')],
        "Space",
        "tick / untick",
        Action::Toggle,
        "tick / untick",
    ),
    bind(
        &[K::Enter],
        "Enter",
        "write the message",
        Action::Enter,
        "write the message",
    ),
    bind(&[K::Esc], "Esc", "cancel", Action::Back, "cancel"),
    HELP,
    QUIT,
];

/// A box that only shows text.
pub static READER: &[Binding] = &[
    UP,
    DOWN,
    PGUP,
    PGDN,
    HOME,
    END,
    bind(
        &[K::Esc, K::Enter],
        "Esc Enter",
        "close",
        Action::Back,
        "close",
    ),
    HELP,
    QUIT,
];

/// A text box: every printable key types; these keys do the rest.
pub static TEXT_BOX: &[Binding] = &[
    bind(&[K::Enter], "Enter", "send", Action::Enter, "send"),
    bind(&[K::Backspace], "Bksp", "delete", Action::Backspace, ""),
    bind(&[K::Tab], "Tab", "next choice", Action::NextPane, ""),
    bind(&[K::Esc], "Esc", "cancel", Action::Back, "cancel"),
];

/// The filter box of a list: every printable key types.
pub static FILTER_BOX: &[Binding] = &[
    bind(
        &[K::Enter],
        "Enter",
        "keep the filter",
        Action::Enter,
        "keep",
    ),
    bind(&[K::Backspace], "Bksp", "delete", Action::Backspace, ""),
    bind(&[K::Esc], "Esc", "clear the filter", Action::Back, "clear"),
];

/// The box that asks exercise control's PIN: every printable key types.
pub static PIN_BOX: &[Binding] = &[
    bind(
        &[K::Enter],
        "Enter",
        "open exercise control",
        Action::Enter,
        "open",
    ),
    bind(&[K::Backspace], "Bksp", "delete", Action::Backspace, ""),
    bind(&[K::Esc], "Esc", "cancel", Action::Back, "cancel"),
];

/// A yes-or-no question.
pub static PROMPT: &[Binding] = &[
    bind(
        &[K::Char('y'), K::Char('Y')],
        "y",
        "yes",
        Action::Yes,
        "yes",
    ),
    bind(
        &[K::Char('n'), K::Char('N'), K::Esc],
        "n Esc",
        "no",
        Action::No,
        "no",
    ),
];

/// The help overlay itself.
pub static HELP_KEYS: &[Binding] = &[
    bind(
        &[K::Esc, K::Char('?'), K::Enter],
        "Esc ?",
        "close help",
        Action::Back,
        "close help",
    ),
    UP,
    DOWN,
    PGUP,
    PGDN,
    HOME,
    END,
    QUIT,
];

/// A table with every binding for one action left out.
fn without(table: &[Binding], action: Action) -> Vec<Binding> {
    table
        .iter()
        .filter(|b| b.action != action)
        .copied()
        .collect()
}

/// The briefing at a team's own terminal: no exercise control there.
pub static OWN_BRIEFING: LazyLock<Vec<Binding>> =
    LazyLock::new(|| without(BRIEFING, Action::WhiteCell));

/// A team's screen at its own terminal.
pub static OWN_TEAM: LazyLock<Vec<Binding>> = LazyLock::new(|| without(TEAM, Action::WhiteCell));

/// The end card at a team's own terminal.
pub static OWN_FINISHED: LazyLock<Vec<Binding>> =
    LazyLock::new(|| without(FINISHED, Action::WhiteCell));

/// A team's screen after the last turn, to look back over: nothing more to
/// order, send or be ready for.
pub static LOOK_BACK: LazyLock<Vec<Binding>> = LazyLock::new(|| {
    let table = without(TEAM, Action::Ready);
    let table = without(&table, Action::Compose);
    without(&table, Action::Delete)
});

/// Looking back at a team's own terminal.
pub static OWN_LOOK_BACK: LazyLock<Vec<Binding>> =
    LazyLock::new(|| without(&LOOK_BACK, Action::WhiteCell));

/// The console on the serving machine: there is no team screen to go back to.
pub static CONSOLE: LazyLock<Vec<Binding>> =
    LazyLock::new(|| without(WHITE_CELL_KEYS, Action::Back));

/// The replay viewer. The hint line shows entries in table order.
pub static REPLAY: &[Binding] = &[
    HELP,
    bind(
        &[K::Left, K::Char('h')],
        "← h",
        "previous turn",
        Action::Left,
        "back",
    ),
    bind(
        &[K::Right, K::Char('l')],
        "→ l",
        "next turn",
        Action::Right,
        "next",
    ),
    bind(
        &[K::Char(' ')],
        "Space",
        "play / pause",
        Action::Play,
        "play",
    ),
    bind(
        &[K::Char('g')],
        "g",
        "go to turn: its number, Enter",
        Action::GoTo,
        "go to",
    ),
    bind(
        &[K::Char('p'), K::Tab],
        "p Tab",
        "next view: truth, each team",
        Action::NextPane,
        "perspective",
    ),
    QUIT,
    bind(
        &[K::Char('P'), K::BackTab],
        "P S-Tab",
        "previous view",
        Action::PrevPane,
        "",
    ),
    bind(&[K::Home], "Home", "first turn", Action::Home, ""),
    bind(&[K::End], "End", "last turn", Action::End, ""),
    bind(
        &[K::Char('+'), K::Char('=')],
        "+",
        "play faster",
        Action::Faster,
        "",
    ),
    bind(&[K::Char('-')], "-", "play slower", Action::Slower, ""),
    bind(
        &[K::Up, K::Char('k')],
        "↑ k",
        "scroll the turn up",
        Action::Up,
        "",
    ),
    bind(
        &[K::Down, K::Char('j')],
        "↓ j",
        "scroll the turn down",
        Action::Down,
        "",
    ),
    bind(&[K::PageUp], "PgUp", "page the turn up", Action::PageUp, ""),
    bind(
        &[K::PageDown],
        "PgDn",
        "page the turn down",
        Action::PageDown,
        "",
    ),
    bind(
        &[K::Char('[')],
        "[",
        "previous entry in a list",
        Action::PrevEntry,
        "",
    ),
    bind(
        &[K::Char(']')],
        "]",
        "next entry in a list",
        Action::NextEntry,
        "",
    ),
    bind(&[K::Char('1')], "1", "Network tab", Action::Tab(0), ""),
    bind(&[K::Char('2')], "2", "Persons tab", Action::Tab(1), ""),
    bind(
        &[K::Char('3')],
        "3",
        "Places & routes tab",
        Action::Tab(2),
        "",
    ),
    bind(&[K::Char('4')], "4", "Cases tab", Action::Tab(3), ""),
    bind(&[K::Char('5')], "5", "Migrants tab", Action::Tab(4), ""),
    bind(
        &[K::Char('d')],
        "d",
        "compare with --against run",
        Action::Compare,
        "",
    ),
];

/// The replay viewer's "go to turn" box: digits type the turn.
pub static REPLAY_GOTO: &[Binding] = &[
    bind(&[K::Enter], "Enter", "go to the turn", Action::Enter, "go"),
    bind(
        &[K::Backspace],
        "Bksp",
        "delete a digit",
        Action::Backspace,
        "",
    ),
    bind(&[K::Home], "Home", "first turn", Action::Home, ""),
    bind(&[K::End], "End", "last turn", Action::End, ""),
    bind(&[K::Esc], "Esc", "cancel", Action::Back, "cancel"),
    HELP,
    QUIT,
];

/// The action a key has in a table, if any.
pub fn lookup(table: &[Binding], key: Key) -> Option<Action> {
    table
        .iter()
        .find(|b| b.keys.contains(&key))
        .map(|b| b.action)
}

/// The action a terminal event asks for under a key table; `typing` when a
/// text box has the keyboard, so unbound characters (and a paste) are typed.
pub fn event_action(event: &Event, table: &[Binding], typing: bool) -> Option<Action> {
    match event {
        Event::Key(k) if k.kind != KeyEventKind::Release => {
            let key = Key::of(*k)?;
            if let Some(a) = lookup(table, key) {
                return Some(a);
            }
            match key {
                Key::Char(c) if typing => Some(Action::Type(c)),
                _ => None,
            }
        }
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                col: m.column,
                row: m.row,
            }),
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => Some(Action::Wheel {
                down: m.kind == MouseEventKind::ScrollDown,
                col: m.column,
                row: m.row,
            }),
            _ => None,
        },
        Event::Resize(w, h) => Some(Action::Resize {
            width: *w,
            height: *h,
        }),
        // A paste is text, never keys: the loop hands it to the box that
        // has the keyboard, whole (see `Interactive::paste`).
        _ => None,
    }
}

/// Whether a key table is a text box's, where every printable key types.
pub fn is_text_box(table: &[Binding]) -> bool {
    [TEXT_BOX, FILTER_BOX, PIN_BOX]
        .iter()
        .any(|t| std::ptr::eq(*t, table))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_in_a_table() {
        for table in [
            BRIEFING,
            HANDOVER,
            WAITING,
            FINISHED,
            TEAM,
            WHITE_CELL_KEYS,
            PICKER,
            TEAM_CHECKLIST,
            READER,
            TEXT_BOX,
            FILTER_BOX,
            PIN_BOX,
            PROMPT,
            HELP_KEYS,
            REPLAY,
            REPLAY_GOTO,
        ] {
            let mut seen = Vec::new();
            for b in table {
                for k in b.keys {
                    assert!(!seen.contains(k), "{k:?} bound twice");
                    seen.push(*k);
                }
            }
        }
    }

    #[test]
    fn every_screen_has_help_and_quit() {
        for table in [
            BRIEFING,
            HANDOVER,
            WAITING,
            FINISHED,
            TEAM,
            WHITE_CELL_KEYS,
            PICKER,
            READER,
            REPLAY,
            REPLAY_GOTO,
        ] {
            assert_eq!(lookup(table, Key::Char('?')), Some(Action::Help));
            assert_eq!(lookup(table, Key::Char('q')), Some(Action::Quit));
        }
    }
}
