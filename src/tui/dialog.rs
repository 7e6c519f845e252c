//! What the boxes over a screen share: a picker's choices, a box of text to
//! read, moving a selection and typing into a text box.

use super::keys::Action;

/// A choice in a picker: what it is called, and why it cannot be chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub label: String,
    /// The bare name, for confirmations.
    pub name: String,
    /// The id an order uses for it.
    pub id: String,
    pub blocked: Option<String>,
    /// What choosing it asks, each met or not (an order's prerequisites
    /// for this target); empty where the choice asks nothing of its own.
    pub requirements: Vec<(String, bool)>,
}

/// Which question a message box is asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComposeStep {
    Recipients,
    Text,
}

/// Text to read in a box: a brief, the details of an entry, the messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reader {
    pub title: String,
    pub body: Vec<String>,
    pub scroll: usize,
}

impl Reader {
    /// A reader at the top of its text.
    pub fn new(title: String, body: Vec<String>) -> Reader {
        Reader {
            title,
            body,
            scroll: 0,
        }
    }

    /// Scroll by an action, `page` lines a page; `None` once closed.
    pub fn update(mut self, action: Action, page: usize) -> Option<Reader> {
        let scroll = match action {
            Action::Back | Action::Enter => return None,
            Action::Down => self.scroll + 1,
            Action::Up => self.scroll.saturating_sub(1),
            Action::PageDown => self.scroll + page,
            Action::PageUp => self.scroll.saturating_sub(page),
            Action::Home => 0,
            Action::End => usize::MAX,
            _ => self.scroll,
        };
        self.scroll = scroll.min(self.body.len().saturating_sub(1));
        Some(self)
    }
}

/// Move a selection in a list of `n` entries.
pub fn move_selection(sel: usize, n: usize, action: Action, page: usize) -> usize {
    let last = n.saturating_sub(1);
    match action {
        Action::Down => (sel + 1).min(last),
        Action::Up => sel.saturating_sub(1),
        Action::PageDown => (sel + page).min(last),
        Action::PageUp => sel.saturating_sub(page),
        Action::Home => 0,
        Action::End => last,
        _ => sel.min(last),
    }
}

/// The longest text a box accepts: the engine keeps 500 characters of a message.
pub const MAX_TEXT: usize = 500;

/// Type into a text box: printable characters up to [`MAX_TEXT`], backspace.
pub fn edit_text(text: &mut String, action: Action) {
    match action {
        Action::Type(c) if !c.is_control() && text.chars().count() < MAX_TEXT => text.push(c),
        Action::Backspace => {
            text.pop();
        }
        _ => {}
    }
}

/// Paste into a text box: the text whole, its line breaks and tabs as
/// spaces and other control characters dropped, up to [`MAX_TEXT`]. Nothing
/// in it is ever read as a key.
pub fn paste_text(text: &mut String, pasted: &str) {
    let mut n = text.chars().count();
    // A Windows line break is one break.
    let pasted = pasted.replace("\r\n", "\n");
    for c in pasted.chars() {
        if n >= MAX_TEXT {
            break;
        }
        let c = match c {
            '\n' | '\r' | '\t' => ' ',
            c if c.is_control() => continue,
            c => c,
        };
        text.push(c);
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_selection_stays_inside_its_list() {
        assert_eq!(move_selection(0, 3, Action::Up, 5), 0);
        assert_eq!(move_selection(2, 3, Action::Down, 5), 2);
        assert_eq!(move_selection(0, 3, Action::Down, 5), 1);
        assert_eq!(move_selection(0, 30, Action::PageDown, 5), 5);
        assert_eq!(move_selection(7, 30, Action::PageUp, 5), 2);
        assert_eq!(move_selection(7, 30, Action::Home, 5), 0);
        assert_eq!(move_selection(7, 30, Action::End, 5), 29);
        // A list that shrank under the selection brings it back inside.
        assert_eq!(move_selection(9, 3, Action::Enter, 5), 2);
        assert_eq!(move_selection(4, 0, Action::Down, 5), 0);
    }

    #[test]
    fn a_text_box_takes_printable_characters_up_to_its_limit() {
        let mut text = String::new();
        for a in [
            Action::Type('o'),
            Action::Type('k'),
            Action::Type('\u{7}'),
            Action::Enter,
        ] {
            edit_text(&mut text, a);
        }
        assert_eq!(text, "ok");
        edit_text(&mut text, Action::Backspace);
        assert_eq!(text, "o");
        let mut full = "é".repeat(MAX_TEXT);
        edit_text(&mut full, Action::Type('x'));
        assert_eq!(full.chars().count(), MAX_TEXT);
        assert!(!full.ends_with('x'));
    }

    #[test]
    fn a_paste_goes_in_whole_with_line_breaks_as_spaces() {
        let mut text = "note: ".to_string();
        paste_text(&mut text, "recheck your files\r\nr\tq\u{1b}[A");
        assert_eq!(text, "note: recheck your files r q[A");
        let mut full = "x".repeat(MAX_TEXT - 2);
        paste_text(&mut full, "abcdef");
        assert_eq!(full.chars().count(), MAX_TEXT);
    }

    #[test]
    fn a_reader_scrolls_inside_its_text_and_closes_on_esc_or_enter() {
        let r = Reader::new("t".into(), vec!["a".into(), "b".into(), "c".into()]);
        let r = r
            .update(Action::PageDown, 10)
            .unwrap_or_else(|| panic!("closed"));
        assert_eq!(r.scroll, 2);
        let r = r.update(Action::Up, 10).unwrap_or_else(|| panic!("closed"));
        assert_eq!(r.scroll, 1);
        assert!(r.clone().update(Action::Back, 10).is_none());
        assert!(r.update(Action::Enter, 10).is_none());
    }
}
