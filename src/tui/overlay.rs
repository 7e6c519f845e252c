//! Help and quit: the overlay every screen shares. It sits over everything,
//! boxes included, and answers the same keys wherever it opens.

use super::keys::{self, Action, Binding};

/// What sits over everything, boxes included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help { scroll: usize },
    Quit,
}

impl Overlay {
    /// The overlay an action opens from any screen or box: `?` the help, `q`
    /// the question before quitting.
    pub fn opened_by(action: Action) -> Option<Overlay> {
        match action {
            Action::Help => Some(Overlay::Help { scroll: 0 }),
            Action::Quit => Some(Overlay::Quit),
            _ => None,
        }
    }

    /// What an action does to the overlay: the overlay after it (none once
    /// closed), and whether the user has confirmed quitting.
    pub fn answer(self, action: Action, page: usize) -> (Option<Overlay>, bool) {
        match (self, action) {
            (Overlay::Quit, Action::Yes) => (None, true),
            (Overlay::Quit, Action::No) => (None, false),
            (Overlay::Help { .. }, Action::Back | Action::Help) => (None, false),
            (Overlay::Help { .. }, Action::Quit) => (Some(Overlay::Quit), false),
            (Overlay::Help { scroll }, Action::Down) => {
                (Some(Overlay::Help { scroll: scroll + 1 }), false)
            }
            (Overlay::Help { scroll }, Action::Up) => (
                Some(Overlay::Help {
                    scroll: scroll.saturating_sub(1),
                }),
                false,
            ),
            (Overlay::Help { scroll }, Action::PageDown) => (
                Some(Overlay::Help {
                    scroll: scroll + page,
                }),
                false,
            ),
            (Overlay::Help { scroll }, Action::PageUp) => (
                Some(Overlay::Help {
                    scroll: scroll.saturating_sub(page),
                }),
                false,
            ),
            (Overlay::Help { .. }, Action::Home) => (Some(Overlay::Help { scroll: 0 }), false),
            (Overlay::Help { .. }, Action::End) => {
                (Some(Overlay::Help { scroll: usize::MAX }), false)
            }
            (o, _) => (Some(o), false),
        }
    }

    /// The keys the overlay answers.
    pub fn bindings(self) -> &'static [Binding] {
        match self {
            Overlay::Help { .. } => keys::HELP_KEYS,
            Overlay::Quit => keys::PROMPT,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_and_quit_open_from_their_keys_only() {
        assert_eq!(
            Overlay::opened_by(Action::Help),
            Some(Overlay::Help { scroll: 0 })
        );
        assert_eq!(Overlay::opened_by(Action::Quit), Some(Overlay::Quit));
        assert_eq!(Overlay::opened_by(Action::Enter), None);
        assert_eq!(Overlay::opened_by(Action::Back), None);
    }

    #[test]
    fn the_quit_question_quits_on_yes_only() {
        assert_eq!(Overlay::Quit.answer(Action::Yes, 5), (None, true));
        assert_eq!(Overlay::Quit.answer(Action::No, 5), (None, false));
        // Anything else leaves the question open.
        assert_eq!(
            Overlay::Quit.answer(Action::Enter, 5),
            (Some(Overlay::Quit), false)
        );
    }

    #[test]
    fn help_scrolls_closes_and_hands_over_to_quit() {
        let help = Overlay::Help { scroll: 1 };
        assert_eq!(
            help.answer(Action::Down, 5),
            (Some(Overlay::Help { scroll: 2 }), false)
        );
        assert_eq!(
            Overlay::Help { scroll: 0 }.answer(Action::Up, 5),
            (Some(Overlay::Help { scroll: 0 }), false)
        );
        assert_eq!(help.answer(Action::Back, 5), (None, false));
        assert_eq!(help.answer(Action::Help, 5), (None, false));
        assert_eq!(help.answer(Action::Quit, 5), (Some(Overlay::Quit), false));
        assert!(std::ptr::eq(help.bindings(), keys::HELP_KEYS));
        assert!(std::ptr::eq(Overlay::Quit.bindings(), keys::PROMPT));
    }
}
