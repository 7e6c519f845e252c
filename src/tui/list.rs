//! What every list shares, as in lazygit and k9s: a filter by name (`/`),
//! moving a selection among the entries shown (Home, End, a page that never
//! skips a line), and the mark that says a list goes on past its pane.

use super::keys::Action;
use super::text::width;

/// A list's filter by name: what was typed after `/`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub text: String,
    /// The filter box has the keyboard.
    pub typing: bool,
}

/// What an action did to a filter being typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterEdit {
    /// The text changed: the selection moves to the first match.
    Changed,
    /// Typing is done; the filter stays.
    Kept,
    /// The filter is gone.
    Cleared,
    /// Nothing a filter box does.
    Ignored,
}

/// The longest filter text kept.
const MAX_FILTER: usize = 60;

impl Filter {
    /// Start typing a filter (keeping any text already there).
    pub fn start(&mut self) {
        self.typing = true;
    }

    /// Whether the filter hides anything or is being typed.
    pub fn active(&self) -> bool {
        self.typing || !self.text.is_empty()
    }

    /// Whether a name passes the filter: its words contain the text, in any case.
    pub fn matches(&self, name: &str) -> bool {
        self.text.is_empty() || name.to_lowercase().contains(&self.text.to_lowercase())
    }

    /// The entries that pass, by index into the whole list.
    pub fn visible<S: AsRef<str>>(&self, names: &[S]) -> Vec<usize> {
        names
            .iter()
            .enumerate()
            .filter(|(_, n)| self.matches(n.as_ref()))
            .map(|(i, _)| i)
            .collect()
    }

    /// Apply an action while the filter box has the keyboard.
    pub fn edit(&mut self, action: Action) -> FilterEdit {
        match action {
            Action::Type(c) if !c.is_control() && self.text.chars().count() < MAX_FILTER => {
                self.text.push(c);
                FilterEdit::Changed
            }
            Action::Backspace => {
                self.text.pop();
                FilterEdit::Changed
            }
            Action::Enter => {
                self.typing = false;
                if self.text.is_empty() {
                    FilterEdit::Cleared
                } else {
                    FilterEdit::Kept
                }
            }
            Action::Back => {
                *self = Filter::default();
                FilterEdit::Cleared
            }
            _ => FilterEdit::Ignored,
        }
    }

    /// Take in pasted text (one line of it).
    pub fn paste(&mut self, text: &str) {
        for c in text.chars().filter(|c| !c.is_control()) {
            if self.text.chars().count() >= MAX_FILTER {
                break;
            }
            self.text.push(c);
        }
    }

    /// The filter as a pane's border shows it, with how many entries pass.
    pub fn label(&self, shown: usize, total: usize) -> Option<String> {
        if !self.active() {
            return None;
        }
        let cursor = if self.typing { "▏" } else { "" };
        Some(format!("/{}{cursor} · {shown} of {total}", self.text))
    }
}

/// Move a selection (an index into the whole list) among the entries shown.
/// A page is `page` entries: the next page starts where this one ends.
pub fn step(sel: usize, visible: &[usize], action: Action, page: usize) -> usize {
    let Some(&last) = visible.last() else {
        return sel;
    };
    // Where the selection stands among the entries shown (the nearest one
    // after it, when the filter hid it).
    let pos = visible
        .iter()
        .position(|&i| i >= sel)
        .unwrap_or(visible.len() - 1);
    let n = visible.len();
    let to = match action {
        Action::Down => (pos + 1).min(n - 1),
        Action::Up => pos.saturating_sub(1),
        Action::PageDown => (pos + page.max(1)).min(n - 1),
        Action::PageUp => pos.saturating_sub(page.max(1)),
        Action::Home => 0,
        Action::End => n - 1,
        _ => pos,
    };
    visible.get(to).copied().unwrap_or(last)
}

/// The first row to show so that the row at `pos` is in `height` rows.
pub fn offset(pos: usize, height: usize) -> usize {
    if height == 0 || pos < height {
        0
    } else {
        pos + 1 - height
    }
}

/// Where a pane's rows stand, for its border, when they do not all fit:
/// "↓ 3 more" at the top, "4–8 of 12" further down.
pub fn position(first: usize, shown: usize, total: usize) -> Option<String> {
    if total <= shown {
        return None;
    }
    if first == 0 {
        return Some(format!("↓ {} more", total - shown));
    }
    let end = (first + shown).min(total);
    Some(format!("{}–{end} of {total}", first + 1))
}

/// A pane's bottom border text: the filter on the left, where the rows stand
/// on the right, fitted to `w` cells.
pub fn footer_marks(filter: Option<String>, position: Option<String>, w: usize) -> String {
    let left = filter.map(|f| format!(" {f} ")).unwrap_or_default();
    let right = position.map(|p| format!(" {p} ")).unwrap_or_default();
    let gap = w.saturating_sub(width(&left) + width(&right));
    if left.is_empty() && right.is_empty() {
        return String::new();
    }
    format!("{left}{}{right}", "─".repeat(gap))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filter_keeps_the_names_that_contain_it_in_any_case() {
        let mut f = Filter::default();
        let names = ["Jamal Uddin", "Rahim Ali", "“The Captain”"];
        assert_eq!(f.visible(&names), [0, 1, 2]);
        f.start();
        for c in "AL".chars() {
            assert_eq!(f.edit(Action::Type(c)), FilterEdit::Changed);
        }
        assert_eq!(f.visible(&names), [0, 1]);
        assert_eq!(f.label(2, 3).as_deref(), Some("/AL▏ · 2 of 3"));
        assert_eq!(f.edit(Action::Enter), FilterEdit::Kept);
        assert!(!f.typing && f.active());
        assert_eq!(f.edit(Action::Back), FilterEdit::Cleared);
        assert!(!f.active());
    }

    #[test]
    fn a_selection_moves_among_the_entries_shown_and_pages_without_skipping() {
        let shown = [1, 3, 4, 8, 9];
        assert_eq!(step(1, &shown, Action::Down, 2), 3);
        assert_eq!(step(3, &shown, Action::PageDown, 2), 8);
        assert_eq!(step(8, &shown, Action::PageDown, 2), 9);
        assert_eq!(step(9, &shown, Action::Home, 2), 1);
        assert_eq!(step(1, &shown, Action::End, 2), 9);
        // A selection the filter hid moves to the next entry shown.
        assert_eq!(step(5, &shown, Action::Enter, 2), 8);
        assert_eq!(step(5, &[], Action::Down, 2), 5);
        // Ten rows, a page of four: 0, 4, 8, 9.
        let all: Vec<usize> = (0..10).collect();
        let pages: Vec<usize> = std::iter::successors(Some(0), |&s| {
            let n = step(s, &all, Action::PageDown, 4);
            (n != s).then_some(n)
        })
        .collect();
        assert_eq!(pages, [0, 4, 8, 9]);
    }

    #[test]
    fn a_pane_says_how_much_more_there_is() {
        assert_eq!(position(0, 8, 10).as_deref(), Some("↓ 2 more"));
        assert_eq!(position(3, 5, 12).as_deref(), Some("4–8 of 12"));
        assert_eq!(position(0, 8, 8), None);
        let marks = footer_marks(Some("/x".into()), position(0, 8, 10), 30);
        assert_eq!(width(&marks), 30);
        assert!(marks.starts_with(" /x ") && marks.ends_with(" ↓ 2 more "));
    }
}
