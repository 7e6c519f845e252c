//! Drawing: pure reads of the application, split by screen. Nothing here
//! changes state; layouts are plain functions so mouse hits use the same
//! rectangles. The team screen and the console draw from plain data
//! ([`team::TeamScreen`], [`console::ConsoleScreen`]), so the replay
//! viewer draws them from a journal just as play draws them from a session;
//! the cards and the boxes over a screen do too ([`cards::CardScreen`],
//! [`modal::TeamBoxes`], [`modal::ConsoleBoxes`], [`modal::OverlayScreen`]),
//! so each can be drawn and tested without an application.

pub(crate) mod cards;
pub(crate) mod chart;
pub(crate) mod console;
pub(crate) mod modal;
pub(crate) mod picture;
pub(crate) mod team;

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::keys::Binding;
use super::text::{fit, width};
use super::theme::Theme;

/// The first row shown of a list so that the selected row is visible.
pub fn list_offset(sel: usize, height: usize) -> usize {
    if height == 0 || sel < height {
        0
    } else {
        sel + 1 - height
    }
}

/// A rectangle of at most `w`×`h` cells centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(h.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(w.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}

/// The first of several header texts (most to least complete) that fits.
pub fn header_line(variants: &[String], width: u16) -> String {
    let w = usize::from(width).saturating_sub(2);
    variants
        .iter()
        .find(|v| super::text::width(v) <= w)
        .cloned()
        .unwrap_or_else(|| fit(variants.last().map_or("", |s| s.as_str()), w))
}

/// A header bar across the top of a screen.
pub fn header_bar(frame: &mut Frame, area: Rect, text: &str, style: Style) {
    let line = Line::from(format!(" {text}")).style(style);
    frame.render_widget(ratatui::widgets::Paragraph::new(line).style(style), area);
}

/// The hint line: a status message first, then as many key hints as fit.
pub fn footer(frame: &mut Frame, area: Rect, theme: Theme, keys: &[Binding], status: Option<&str>) {
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    let max = usize::from(area.width);
    if let Some(s) = status {
        let s = fit(s, max.saturating_sub(2));
        used += width(&s) + 3;
        spans.push(Span::styled(s, theme.status()));
        spans.push(Span::raw(" │ "));
    }
    for b in keys.iter().filter(|b| !b.hint.is_empty()) {
        let label = b.label.split(' ').next().unwrap_or(b.label);
        let w = width(label) + 1 + width(b.hint) + 3;
        // The last entry needs no separator after it.
        if used + w - 3 > max {
            break;
        }
        used += w;
        spans.push(Span::styled(label.to_string(), theme.key()));
        spans.push(Span::styled(format!(" {}", b.hint), theme.footer()));
        spans.push(Span::styled(" · ", theme.footer()));
    }
    // Drop the trailing separator.
    if spans.len() > 1 {
        spans.pop();
    }
    frame.render_widget(Line::from(spans), area);
}

/// Marks on a bordered pane's bottom edge: the list's filter on the left,
/// where its rows stand ("↓ 3 more", "4–8 of 12") on the right.
pub fn bottom_marks(
    frame: &mut Frame,
    pane: Rect,
    filter: Option<String>,
    position: Option<String>,
    theme: Theme,
) {
    if pane.height < 2 || pane.width < 4 || (filter.is_none() && position.is_none()) {
        return;
    }
    let w = usize::from(pane.width - 2);
    let text = super::list::footer_marks(filter, position, w);
    let row = Rect::new(pane.x + 1, pane.y + pane.height - 1, pane.width - 2, 1);
    frame.render_widget(Line::styled(fit(&text, w), theme.dim()), row);
}

/// A `mm:ss` (or `h:mm:ss`) clock face.
pub fn clock(d: std::time::Duration) -> String {
    let s = d.as_secs();
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)
    } else {
        format!("{:02}:{:02}", s / 60, s % 60)
    }
}
