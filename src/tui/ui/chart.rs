//! The link chart: people as labelled points in columns by country, ties as
//! lines between them, drawn on a ratatui Canvas. The layout depends only on
//! the order of the input, so the same picture comes back every time.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line as TextLine, Span};
use ratatui::widgets::canvas::{Canvas, Line};

use crate::tui::text::fit;
use crate::tui::theme::Theme;

/// A point of the chart.
#[derive(Debug, Clone)]
pub struct Node {
    pub label: String,
    pub symbol: &'static str,
    /// Index into the chart's column headings.
    pub group: usize,
    pub style: Style,
}

/// A link chart ready to draw.
#[derive(Debug, Clone, Default)]
pub struct Chart {
    /// Column headings (countries), in display order.
    pub groups: Vec<String>,
    pub nodes: Vec<Node>,
    /// Lines between nodes, by index, with their colour.
    pub edges: Vec<(usize, usize, Color)>,
    pub selected: Option<usize>,
}

/// How many sub-columns each group gets, and their width in cells.
fn columns(chart: &Chart, w: u16, h: u16) -> (Vec<usize>, u16) {
    let rows = usize::from(h.saturating_sub(1)).max(1);
    let sizes: Vec<usize> = (0..chart.groups.len())
        .map(|g| chart.nodes.iter().filter(|n| n.group == g).count())
        .collect();
    // Every group with people needs enough columns for its rows to fit.
    let mut cols: Vec<usize> = sizes.iter().map(|&n| n.div_ceil(rows)).collect();
    // Spare width goes to the biggest groups, a column at a time, so people
    // spread out and their links show as slanting lines, not one stack.
    let max_cols = (usize::from(w) / 22).max(cols.iter().sum::<usize>()).max(1);
    loop {
        let used: usize = cols.iter().sum();
        if used >= max_cols {
            break;
        }
        let pick = (0..cols.len())
            .filter(|&g| cols[g] < sizes[g])
            .max_by_key(|&g| (sizes[g].div_ceil(cols[g].max(1)), usize::MAX - g));
        match pick {
            Some(g) => cols[g] += 1,
            None => break,
        }
    }
    let total = cols.iter().sum::<usize>().max(1) as u16;
    (cols, (w / total).max(1))
}

/// Where each node sits, in cells from the top-left of the drawing area.
fn positions(chart: &Chart, w: u16, h: u16) -> Vec<(u16, u16)> {
    let rows = usize::from(h.saturating_sub(1)).max(1);
    let (cols, cw) = columns(chart, w, h);
    let mut pos = vec![(0, 0); chart.nodes.len()];
    let mut first_col = 0u16;
    for (g, &n_cols) in cols.iter().enumerate() {
        if n_cols == 0 {
            continue;
        }
        let members: Vec<usize> = (0..chart.nodes.len())
            .filter(|&i| chart.nodes[i].group == g)
            .collect();
        let used_rows = members.len().div_ceil(n_cols).max(1);
        // Spread the rows out when there is room, on whole cells.
        let gap = (rows / used_rows).clamp(1, 3);
        for (k, &i) in members.iter().enumerate() {
            let c = k % n_cols;
            let r = k / n_cols;
            // Every other column sits half a gap lower, so that links
            // between neighbours slant and stay visible.
            let stagger = if c % 2 == 1 { gap / 2 } else { 0 };
            let y = (1 + r * gap + stagger).min(rows) as u16;
            pos[i] = ((first_col + c as u16) * cw, y);
        }
        first_col += n_cols as u16;
    }
    pos
}

/// Draw the chart into `area` (no border).
pub fn draw(frame: &mut Frame, area: Rect, chart: &Chart, theme: Theme) {
    let (w, h) = (area.width, area.height);
    if w < 4 || h < 3 {
        return;
    }
    let pos = positions(chart, w, h);
    let (_, cw) = columns(chart, w, h);
    let top = f64::from(h - 1);
    // Canvas y grows upwards; rows are counted from the top.
    let to_xy = |(c, r): (u16, u16)| (f64::from(c) + 0.5, top - f64::from(r));
    let heads: Vec<(f64, String)> = {
        let mut seen = Vec::new();
        for (i, n) in chart.nodes.iter().enumerate() {
            if !seen.iter().any(|(g, _)| *g == n.group) {
                seen.push((n.group, pos[i].0));
            }
        }
        seen.into_iter()
            .filter_map(|(g, x)| {
                chart
                    .groups
                    .get(g)
                    .map(|name| (f64::from(x), fit(name, usize::from(cw).saturating_sub(1))))
            })
            .collect()
    };
    let label_w = usize::from(cw).saturating_sub(3).max(1);
    let canvas = Canvas::default()
        .marker(Marker::Braille)
        .x_bounds([0.0, f64::from(w - 1)])
        .y_bounds([0.0, top])
        .paint(|ctx| {
            for &(a, b, color) in &chart.edges {
                let (Some(&pa), Some(&pb)) = (pos.get(a), pos.get(b)) else {
                    continue;
                };
                let ((x1, y1), (x2, y2)) = (to_xy(pa), to_xy(pb));
                ctx.draw(&Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    color,
                });
            }
            ctx.layer();
            for (x, name) in &heads {
                ctx.print(*x, top, TextLine::styled(name.clone(), theme.heading()));
            }
            for (i, n) in chart.nodes.iter().enumerate() {
                let (x, y) = to_xy(pos[i]);
                let mut style = n.style;
                if chart.selected == Some(i) {
                    style = style.patch(theme.selected());
                }
                let label = fit(&n.label, label_w);
                ctx.print(
                    x - 0.5,
                    y,
                    TextLine::from(vec![
                        Span::styled(n.symbol, n.style),
                        Span::styled(format!(" {label}"), style),
                    ]),
                );
            }
        });
    frame.render_widget(canvas, area);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(group: usize) -> Node {
        Node {
            label: "x".into(),
            symbol: "●",
            group,
            style: Style::new(),
        }
    }

    #[test]
    fn layout_is_stable_and_inside() {
        let chart = Chart {
            groups: vec!["A".into(), "B".into()],
            nodes: (0..30).map(|i| node(i % 2)).collect(),
            edges: Vec::new(),
            selected: None,
        };
        let a = positions(&chart, 60, 10);
        assert_eq!(a, positions(&chart, 60, 10));
        for (x, y) in a {
            assert!(x < 60 && y < 10, "({x},{y})");
        }
    }
}
