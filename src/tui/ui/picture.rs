//! The intelligence picture: one team's files in tabs (the network chart,
//! persons, places and routes, cases, migrant groups) and the details of the
//! selected entry. The team screen draws it with the team's panes; the replay
//! viewer draws a team's picture of any recorded turn the same way.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::bottom_marks;
use super::chart::{self, Chart, Node};
use super::team::{TeamScreen, focus_block};
use crate::tui::list::{self, Filter};
use crate::tui::names::GroupNames;
use crate::tui::team::{Pane, TABS, TeamPanes};
use crate::tui::text::{fit, pad, width, wrap, wrap_items};
use crate::tui::theme::{self, Theme};
use crate::view::TeamView;
use crate::view::words::Spelt;

/// Tab names: full when the pane is wide, short so every tab stays visible.
fn tab_names(width: u16) -> [&'static str; 5] {
    if width >= 60 {
        TABS
    } else {
        ["Network", "Persons", "Places", "Cases", "Migrants"]
    }
}

fn tab_title(active: usize, theme: Theme, width: u16) -> Line<'static> {
    let spans: Vec<Span> = tab_names(width)
        .iter()
        .enumerate()
        .map(|(i, n)| {
            if i == active {
                // Brackets mark the open tab without colour.
                Span::styled(format!("[{n}]"), theme.heading().patch(theme.selected()))
            } else {
                Span::styled(format!(" {n}"), theme.dim())
            }
        })
        .collect();
    Line::from(spans)
}

/// The tab whose title is at this cell of the picture pane's top border.
pub fn tab_at(picture: Rect, active: usize, col: u16, row: u16) -> Option<usize> {
    if row != picture.y {
        return None;
    }
    // The title starts after the corner and the focus mark.
    let mut x = picture.x + 2;
    for (i, n) in tab_names(picture.width).iter().enumerate() {
        let w = width(n) as u16 + if i == active { 2 } else { 1 };
        if col >= x && col < x + w {
            return Some(i);
        }
        x += w;
    }
    None
}

/// The names of a picture tab's entries, in the list's order: what `/`
/// filters by (tab 0, the chart, selects persons as the Persons tab does).
pub fn entry_names(v: &TeamView, tab: usize) -> Vec<String> {
    match tab {
        0 | 1 => v.persons.iter().map(|p| p.name.clone()).collect(),
        2 => v
            .routes
            .iter()
            .map(|r| r.name.clone())
            .chain(v.places.iter().map(|p| p.name.clone()))
            .collect(),
        3 => v.cases.iter().map(|c| c.name.clone()).collect(),
        _ => {
            let names = GroupNames::of(v);
            v.groups.iter().map(|g| names.name(&g.id)).collect()
        }
    }
}

/// Draw the intelligence picture, in its tabs, into `area`.
pub fn draw_picture(s: &TeamScreen, frame: &mut Frame, area: Rect) {
    let (v, theme, panes) = (s.view, s.theme, s.panes);
    let focused = panes.pane() == Pane::Picture;
    let block = focus_block(tab_title(panes.tab, theme, area.width), focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let none = Filter::default();
    let filter = if focused { &panes.filter } else { &none };
    let names = entry_names(v, panes.tab);
    let shown = List {
        visible: filter.visible(&names),
        total: names.len(),
        filter,
        focused,
    };
    let marks = match panes.tab {
        0 => {
            draw_network(s, frame, inner);
            shown
                .filter
                .label(shown.visible.len(), shown.total)
                .map(|f| (Some(f), None))
        }
        1 => Some(draw_list(
            frame,
            inner,
            persons_rows(v, inner.width, theme),
            panes.person,
            &shown,
            theme,
        )),
        2 => Some(draw_list(
            frame,
            inner,
            places_rows(v, inner.width, theme),
            panes.place,
            &shown,
            theme,
        )),
        3 => Some(draw_list(
            frame,
            inner,
            cases_rows(v, inner.width, theme),
            panes.case,
            &shown,
            theme,
        )),
        _ => Some(draw_list(
            frame,
            inner,
            groups_rows(v, inner.width, theme),
            panes.group,
            &shown,
            theme,
        )),
    };
    if let Some((filter, position)) = marks {
        bottom_marks(frame, area, filter, position, theme);
    }
}

/// Rows of a list pane: a heading row, then one row per entry.
struct Rows {
    heading: Line<'static>,
    rows: Vec<Line<'static>>,
    empty: &'static str,
}

/// Which entries of a list show, and why.
struct List<'a> {
    visible: Vec<usize>,
    total: usize,
    filter: &'a Filter,
    focused: bool,
}

/// Draw a list's heading and the entries its filter shows, the selection
/// in view; the marks for the pane's border (filter, position).
fn draw_list(
    frame: &mut Frame,
    area: Rect,
    rows: Rows,
    sel: usize,
    shown: &List,
    theme: Theme,
) -> (Option<String>, Option<String>) {
    let focused = shown.focused;
    let label = shown.filter.label(shown.visible.len(), shown.total);
    if area.height == 0 {
        return (label, None);
    }
    if rows.rows.is_empty() {
        let p =
            Paragraph::new(wrap(rows.empty, usize::from(area.width)).join("\n")).style(theme.dim());
        frame.render_widget(p, area);
        return (label, None);
    }
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    frame.render_widget(rows.heading, head);
    let h = usize::from(body.height);
    let pos = shown.visible.iter().position(|&i| i == sel).unwrap_or(0);
    let off = list::offset(pos, h);
    let mut lines = Vec::new();
    let mut all: Vec<Option<Line<'static>>> = rows.rows.into_iter().map(Some).collect();
    for &i in shown.visible.iter().skip(off).take(h) {
        let Some(row) = all.get_mut(i).and_then(Option::take) else {
            continue;
        };
        if i == sel {
            let style = if focused {
                theme.selected()
            } else {
                theme.heading()
            };
            let mut row = row;
            // A pointer marks the selection even without reverse video.
            if let Some(first) = row.spans.first_mut() {
                first.content = "▶".into();
            }
            lines.push(row.patch_style(style));
        } else {
            lines.push(row);
        }
    }
    if shown.visible.is_empty() {
        lines.push(Line::styled("Nothing matches the filter.", theme.dim()));
    }
    frame.render_widget(Paragraph::new(lines), body);
    (label, list::position(off, h, shown.visible.len()))
}

fn persons_rows(v: &TeamView, w: u16, theme: Theme) -> Rows {
    let w = usize::from(w);
    // Status, certainty and evidence always show; the role only with room
    // (the details pane and Enter show it too).
    let (status_w, sure_w, ev_w) = (10, 5, 7);
    let role_w = if w >= 60 { 17 } else { 0 };
    let name_w = w
        .saturating_sub(2 + role_w + status_w + sure_w + ev_w)
        .max(8);
    let role_head = if role_w > 0 {
        pad(" Role", role_w)
    } else {
        String::new()
    };
    let heading = Line::styled(
        format!(
            "   {}{role_head}{}{}{}",
            pad("Name", name_w),
            pad(" Status", status_w),
            pad(" Sure", sure_w),
            pad(" Ev/Adm", ev_w)
        ),
        theme.heading(),
    );
    let rows = v
        .persons
        .iter()
        .map(|p| {
            let sym = theme::person_symbol(p.status, p.identified, p.organiser);
            let style = if p.organiser {
                theme.organiser()
            } else {
                theme.person()
            };
            let role = if role_w > 0 {
                pad(&format!(" {}", p.role.map_or("?", |r| r.label())), role_w)
            } else {
                String::new()
            };
            Line::from(vec![
                Span::raw(" "),
                Span::styled(format!("{sym} "), style),
                Span::styled(pad(&p.name, name_w), style),
                Span::raw(role),
                Span::raw(pad(
                    &format!(" {}", p.status.map_or("unknown", |s| s.label())),
                    status_w,
                )),
                Span::raw(pad(&format!(" {}%", p.confidence), sure_w)),
                // Evidence in all / admissible in court.
                Span::raw(pad(&format!(" {}/{}", p.evidence, p.admissible), ev_w)),
            ])
        })
        .collect();
    Rows {
        heading,
        rows,
        empty: "Nobody in your files yet. Intelligence analysis finds the first leads.",
    }
}

fn places_rows(v: &TeamView, w: u16, theme: Theme) -> Rows {
    let w = usize::from(w);
    let heading = Line::styled("   Routes you know, then places", theme.heading());
    let mut rows: Vec<Line> = v
        .routes
        .iter()
        .map(|r| {
            let sea = if r.has_sea_leg {
                " · sea crossing"
            } else {
                ""
            };
            let text = format!("{} · {} legs{sea}", r.name, r.legs.len());
            Line::from(vec![
                Span::raw(" "),
                Span::styled("⇢ ", theme.heading()),
                Span::raw(fit(&text, w.saturating_sub(3))),
            ])
        })
        .collect();
    rows.extend(v.places.iter().map(|p| {
        let text = format!(
            "{} · {} · {}",
            p.name,
            p.kind.label(),
            p.country.as_deref().unwrap_or("international waters")
        );
        Line::from(vec![
            Span::raw(" "),
            Span::raw("⌂ "),
            Span::raw(fit(&text, w.saturating_sub(3))),
        ])
    }));
    Rows {
        heading,
        rows,
        empty: "No places known.",
    }
}

fn cases_rows(v: &TeamView, w: u16, theme: Theme) -> Rows {
    let w = usize::from(w);
    let name_w = w.saturating_sub(2 + 24).clamp(10, 30);
    let heading = Line::styled(
        format!(
            "  {}{}",
            pad("Case file on", name_w),
            " Evidence  Admissible"
        ),
        theme.heading(),
    );
    let rows = v
        .cases
        .iter()
        .map(|c| {
            let adm_sym = if c.admissible > 0 { "✓" } else { "✗" };
            Line::from(vec![
                Span::raw(" "),
                Span::raw("§ "),
                Span::raw(pad(&c.name, name_w)),
                Span::raw(pad(&format!(" {}", c.total), 10)),
                Span::styled(
                    format!(" {adm_sym} {}", c.admissible),
                    if c.admissible > 0 {
                        theme.good()
                    } else {
                        theme.warn()
                    },
                ),
            ])
        })
        .collect();
    Rows {
        heading,
        rows,
        empty: "No case files yet.",
    }
}

fn groups_rows(v: &TeamView, w: u16, theme: Theme) -> Rows {
    let w = usize::from(w);
    let heading = Line::styled(
        "   Met at, turn · people · status · screening",
        theme.heading(),
    );
    let names = GroupNames::of(v);
    let rows = v
        .groups
        .iter()
        .map(|g| {
            let screening = if let (true, Some(e)) = (g.victims_identified, g.exploitation) {
                format!("victims of {}", e.label())
            } else if g.victims_identified {
                "victims identified".to_string()
            } else if g.reported && !g.screened {
                "reported held and exploited".to_string()
            } else if g.screened && g.indicators.is_empty() {
                "screened: no indicators".to_string()
            } else if g.screened {
                format!("indicators: {}", g.indicators.join(", "))
            } else {
                "not screened".to_string()
            };
            // Held groups wait for this team's decision: say so first.
            let held = if g.held { " · HELD by you" } else { "" };
            // The list is narrow: where and when it was met says which group.
            let short = g.met.clone().unwrap_or_else(|| names.name(&g.id));
            let text = format!("{short} · {} · {}{held} · {screening}", g.size, g.status);
            let style = if g.victims_identified || !g.indicators.is_empty() {
                theme.warn()
            } else {
                theme.text()
            };
            Line::from(vec![
                Span::raw(" "),
                Span::raw(format!("{} ", theme::group_symbol(g.status))),
                Span::styled(fit(&text, w.saturating_sub(3)), style),
            ])
        })
        .collect();
    Rows {
        heading,
        rows,
        empty: "You have not met any migrants yet. Interdiction, rescue and arrests bring you into contact with the people moved.",
    }
}

fn draw_network(s: &TeamScreen, frame: &mut Frame, area: Rect) {
    let (v, theme) = (s.view, s.theme);
    if v.persons.is_empty() {
        let p = Paragraph::new(
            wrap(
                "Nobody in your files yet. Intelligence analysis finds the first leads.",
                usize::from(area.width),
            )
            .join("\n"),
        )
        .style(theme.dim());
        frame.render_widget(p, area);
        return;
    }
    let legend = wrap_items(theme::PERSON_LEGEND, "  ", usize::from(area.width));
    let rows = if area.height >= 10 {
        legend.len() as u16
    } else {
        0
    };
    let [chart_area, legend_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(rows)]).areas(area);
    chart::draw(frame, chart_area, &network_chart(v, s.panes, theme), theme);
    if rows > 0 {
        let lines: Vec<Line> = legend
            .into_iter()
            .map(|l| Line::styled(l, theme.dim()))
            .collect();
        frame.render_widget(Paragraph::new(lines), legend_area);
    }
}

fn network_chart(v: &TeamView, panes: &TeamPanes, theme: Theme) -> Chart {
    // Columns by country as the team believes it, unknown last.
    let mut groups: Vec<String> = Vec::new();
    for p in &v.persons {
        let c = p
            .country
            .clone()
            .unwrap_or_else(|| "location unknown".into());
        if !groups.contains(&c) {
            groups.push(c);
        }
    }
    // Own country first, the rest by name: stable from turn to turn.
    groups.sort_by_key(|c| (c != &v.team.country, c == "location unknown", c.clone()));
    let nodes = v
        .persons
        .iter()
        .map(|p| {
            let c = p
                .country
                .clone()
                .unwrap_or_else(|| "location unknown".into());
            Node {
                label: p.name.clone(),
                symbol: theme::person_symbol(p.status, p.identified, p.organiser),
                group: groups.iter().position(|g| *g == c).unwrap_or(0),
                style: if p.organiser {
                    theme.organiser()
                } else {
                    theme.person()
                },
            }
        })
        .collect();
    let index = |r: &str| v.persons.iter().position(|p| p.reference == r);
    let edges = v
        .links
        .iter()
        .filter_map(|l| Some((index(&l.a)?, index(&l.b)?, theme.link_color())))
        .collect();
    Chart {
        groups,
        nodes,
        edges,
        selected: Some(panes.person),
    }
}

/// The title and lines describing the selected entry of the picture.
pub fn detail(v: &TeamView, panes: &TeamPanes, width: usize) -> Option<(String, Vec<String>)> {
    let mut out = Vec::new();
    let mut push = |s: String| out.extend(wrap(&s, width));
    let title = match panes.tab {
        0 | 1 => {
            let p = v.persons.get(panes.person)?;
            let status = p.status.map_or("unknown", |s| s.label());
            push(format!(
                "Role: {}",
                p.role.map_or("not known", |r| r.label())
            ));
            push(format!(
                "Country: {}{}",
                p.country.as_deref().unwrap_or("not known"),
                if p.in_jurisdiction {
                    " (your jurisdiction)"
                } else {
                    ""
                }
            ));
            push(format!(
                "Last seen at: {}",
                p.place.as_deref().unwrap_or("not known")
            ));
            push(format!(
                "Status: {status}{}",
                if p.held { ", in your custody" } else { "" }
            ));
            push(format!(
                "How sure: {}% · source: {}",
                p.confidence, p.source
            ));
            push(format!(
                "Evidence: {} in all, {} admissible in court",
                p.evidence, p.admissible
            ));
            if !p.identified {
                push("Not identified by name yet.".into());
            }
            // The file's own handle tells two unnamed contacts apart; a
            // person known by name needs none.
            if p.identified {
                push(format!("Last news T{}", p.last_turn));
            } else {
                push(format!("File {} · last news T{}", p.reference, p.last_turn));
            }
            let links: Vec<String> = v
                .links
                .iter()
                .filter_map(|l| {
                    let other = if l.a == p.reference {
                        &l.b
                    } else if l.b == p.reference {
                        &l.a
                    } else {
                        return None;
                    };
                    let name = v
                        .persons
                        .iter()
                        .find(|x| &x.reference == other)
                        .map(|x| x.name.clone())?;
                    Some(match &l.kind {
                        Some(k) => format!("{name} ({k})"),
                        None => format!("{name} (link of unknown kind)"),
                    })
                })
                .collect();
            if !links.is_empty() {
                push(format!("Linked to: {}", links.join(", ")));
            }
            p.name.clone()
        }
        2 => {
            let i = panes.place;
            if let Some(r) = v.routes.get(i) {
                for l in &r.legs {
                    push(format!("{} → {} by {}", l.from, l.to, l.mode));
                }
                r.name.clone()
            } else {
                let p = v.places.get(i - v.routes.len())?;
                push(format!("Kind: {}", p.kind.label()));
                push(format!(
                    "Country: {}",
                    p.country.as_deref().unwrap_or("international waters")
                ));
                p.name.clone()
            }
        }
        3 => {
            let c = v.cases.get(panes.case)?;
            push(format!(
                "Evidence {} in all; {} admissible in court.",
                c.total, c.admissible
            ));
            for e in &c.items {
                let adm = if e.admissible {
                    "✓ admissible"
                } else {
                    "✗ intelligence only"
                };
                push(format!(
                    "T{} · strength {} · {adm} · {} · from {} ({})",
                    e.turn,
                    e.strength,
                    e.source,
                    e.jurisdiction,
                    e.channel.spelt()
                ));
            }
            format!("Case file: {}", c.name)
        }
        _ => {
            let g = v.groups.get(panes.group)?;
            push(format!("{} people · {}", g.size, g.status));
            if g.held {
                push("Held by you: decide on screening, referral or return.".into());
            }
            push(format!(
                "Route: {}",
                g.route.as_deref().unwrap_or("not known")
            ));
            push(format!(
                "Screened: {}",
                if g.screened { "yes" } else { "not yet" }
            ));
            if !g.indicators.is_empty() {
                push(format!(
                    "Trafficking indicators: {}",
                    g.indicators.join(", ")
                ));
            }
            if g.victims_identified {
                push("Presumed victims identified among them.".into());
            } else if g.reported {
                push(
                    "A credible report says they are held and exploited: a referral protects them as presumed victims."
                        .into(),
                );
            }
            if let Some(e) = g.exploitation {
                push(format!("Trafficked for {}.", e.label()));
            }
            if let Some(t) = g.routine_on.filter(|_| g.held) {
                push(format!(
                    "Held: routine processing on T{t} unless you decide first."
                ));
            }
            push(format!("Last seen T{}", g.last_seen));
            GroupNames::of(v).name(&g.id)
        }
    };
    Some((title, out))
}

/// Draw the details of the picture's selected entry into `area`.
pub fn draw_details(s: &TeamScreen, frame: &mut Frame, area: Rect) {
    let (v, theme) = (s.view, s.theme);
    let block = Block::bordered()
        .border_style(theme.border())
        .title(" Details ");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some((title, body)) = detail(v, s.panes, usize::from(inner.width)) else {
        frame.render_widget(
            Paragraph::new("Select an entry in the picture.").style(theme.dim()),
            inner,
        );
        return;
    };
    let mut lines = vec![Line::styled(
        fit(&title, usize::from(inner.width)),
        theme.heading(),
    )];
    lines.extend(body.into_iter().map(Line::from));
    let total = lines.len();
    let h = usize::from(inner.height);
    frame.render_widget(Paragraph::new(lines), inner);
    // Where Enter opens the entry in a reader, the rest is a keypress away.
    let reads = s
        .keys
        .iter()
        .any(|b| b.action == crate::tui::keys::Action::Enter);
    let more = list::position(0, h, total).map(|m| {
        if reads {
            format!("{m} · Enter reads all")
        } else {
            m
        }
    });
    bottom_marks(frame, area, None, more, theme);
}
