//! One frame of play: the application's state turned into the plain data
//! each screen of [`ui`](super::ui) draws from, and the boxes over it.

use ratatui::Frame;

use super::app::{App, Screen};
use super::ui::{cards, console, modal, team};

/// Draw the whole screen for the app's state.
pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    match app.screen() {
        Screen::Briefing => cards::briefing(&app.card_screen(), frame, area),
        Screen::TeamBrief => cards::team_brief(&app.card_screen(), frame, area),
        Screen::Handover => cards::handover(&app.card_screen(), frame, area),
        Screen::Waiting => cards::waiting(&app.card_screen(), frame, area),
        Screen::Finished => cards::finished(&app.card_screen(), frame, area),
        Screen::Team => {
            if let Some(s) = app.team_screen() {
                team::draw_screen(&s, frame, area);
            }
        }
        Screen::WhiteCell => {
            if let Some(s) = app.console_screen() {
                console::draw_screen(&s, frame, area);
            }
        }
    }
    if app.confirming_console() {
        modal::confirm_console(frame, area, app.theme());
    }
    if let Some(typed) = app.pin_entry() {
        modal::pin_box(frame, area, app.theme(), typed, app.bindings());
    }
    if let Some(d) = app.team_dialog() {
        modal::draw_team_dialog(&app.team_boxes(), d, frame, area);
    }
    if let Some(d) = app.console_dialog() {
        modal::draw_console_dialog(&app.console_boxes(), d, frame, area);
    }
    if app.overlay().is_some() {
        modal::draw_overlay(&app.overlay_screen(), frame, area);
    }
}
