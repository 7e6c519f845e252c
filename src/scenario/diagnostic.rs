//! Located, actionable errors about a scenario or catalogue file, rendered the
//! way rustc does: `FILE:LINE:COL: message`, the offending line with a caret
//! under the bad text, and a `help:` line saying what to do.

use std::fmt;

use unicode_width::UnicodeWidthChar;

/// One problem in one file, at a 1-based line and column (columns count
/// characters, not bytes), with an optional hint on how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// The file as the user named it.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
    /// What is wrong, naming the bad id or value.
    pub message: String,
    /// What to do about it, when we can tell.
    pub help: Option<String>,
}

/// The widest excerpt we print; longer lines are clipped around the column so a
/// minified or generated one-line file still gives a readable error.
const EXCERPT_WIDTH: usize = 100;
/// How much of the clipped excerpt sits left of the caret.
const EXCERPT_LEFT: usize = 40;
/// How wide a tab is drawn; rustc draws four spaces too.
const TAB_WIDTH: usize = 4;
/// Past this many diagnostics in one file only the headline and help are
/// printed: each excerpt costs a walk along its line, and a pathological file
/// (one 16 MiB line, thousands of errors) must still be checked in seconds.
const MAX_EXCERPTS: usize = 100;

impl Diagnostic {
    /// A diagnostic at a position, without help.
    pub fn new(
        file: impl Into<String>,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            file: file.into(),
            line,
            col,
            message: message.into(),
            help: None,
        }
    }

    /// The same diagnostic with a hint on how to fix it.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The same diagnostic with an optional hint.
    #[must_use]
    pub fn with_help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    /// The first line: `FILE:LINE:COL: message`.
    pub fn headline(&self) -> String {
        format!("{}:{}:{}: {}", self.file, self.line, self.col, self.message)
    }

    /// The full report: headline, excerpt of `source` (when given and the
    /// line exists) with a caret under the column, then the help line.
    pub fn render(&self, source: Option<&str>) -> String {
        let lines = source.map(LineIndex::new);
        self.render_with(source.zip(lines.as_ref()), true)
    }

    fn render_with(&self, source: Option<(&str, &LineIndex)>, excerpt: bool) -> String {
        let mut out = self.headline();
        out.push('\n');
        if excerpt && let Some(line) = source.and_then(|(text, index)| index.line(text, self.line))
        {
            push_excerpt(&mut out, self.line, line, self.col);
        }
        if let Some(help) = &self.help {
            out.push_str("help: ");
            out.push_str(help);
            out.push('\n');
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.headline())?;
        if let Some(help) = &self.help {
            write!(f, "\nhelp: {help}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}

/// Renders every diagnostic of one file against its source, a blank line
/// between them, indexing the source's lines once for all of them.
pub fn render_all(diagnostics: &[Diagnostic], source: Option<&str>) -> String {
    let lines = source.map(LineIndex::new);
    let mut out = String::new();
    for (i, diagnostic) in diagnostics.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&diagnostic.render_with(source.zip(lines.as_ref()), i < MAX_EXCERPTS));
    }
    out
}

/// Byte offsets where each line starts, so finding line N is a lookup rather
/// than a scan of the whole file per diagnostic.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// The text of 1-based line `n`, without its line ending.
    fn line<'t>(&self, text: &'t str, n: usize) -> Option<&'t str> {
        let start = *self.starts.get(n.checked_sub(1)?)?;
        let end = self.starts.get(n).map_or(text.len(), |next| next - 1);
        let line = text.get(start..end)?;
        Some(line.strip_suffix('\r').unwrap_or(line))
    }
}

/// Display width of a character in the excerpt: tabs become spaces and
/// control characters a replacement mark, so the caret lines up in any
/// terminal.
fn shown_width(c: char) -> usize {
    match c {
        '\t' => TAB_WIDTH,
        c if c.is_control() => 1,
        c => c.width().unwrap_or(0),
    }
}

fn push_shown(out: &mut String, c: char) {
    match c {
        '\t' => out.push_str(&" ".repeat(TAB_WIDTH)),
        c if c.is_control() => out.push('\u{FFFD}'),
        c => out.push(c),
    }
}

/// Whether the whole line fits in the excerpt; stops counting early so a
/// 16 MiB line costs no more than a short one.
fn fits(line: &str) -> bool {
    let mut width = 0;
    for c in line.chars() {
        width += shown_width(c);
        if width > EXCERPT_WIDTH {
            return false;
        }
    }
    true
}

/// Appends the gutter, the (clipped) source line and the caret line.
fn push_excerpt(out: &mut String, line_no: usize, line: &str, col: usize) {
    // Byte offset of the column; a column past the end points just after it.
    let at = line
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i);
    let (before, after) = line.split_at(at);
    let whole = fits(line);

    // Walk left from the caret until the left margin is used up.
    let mut left_width = 0;
    let mut start = at;
    for (i, c) in before.char_indices().rev() {
        let w = shown_width(c);
        if !whole && left_width + w > EXCERPT_LEFT {
            break;
        }
        left_width += w;
        start = i;
    }
    let clipped_left = start > 0;

    // Then right until the whole excerpt is as wide as we allow.
    let mut width = left_width;
    let mut end = at;
    for (i, c) in after.char_indices() {
        let w = shown_width(c);
        if !whole && width + w > EXCERPT_WIDTH {
            break;
        }
        width += w;
        end = at + i + c.len_utf8();
    }
    let clipped_right = end < line.len();

    let underline = token_width(after).clamp(1, width.saturating_sub(left_width).max(1));

    let number = line_no.to_string();
    let pad = " ".repeat(number.len());
    let mut text = String::new();
    if clipped_left {
        text.push('…');
    }
    line.get(start..end)
        .unwrap_or_default()
        .chars()
        .for_each(|c| push_shown(&mut text, c));
    if clipped_right {
        text.push('…');
    }
    let caret_pad = left_width + usize::from(clipped_left);

    out.push_str(&format!("{pad} |\n"));
    out.push_str(&format!("{number} | {}\n", text.trim_end()));
    out.push_str(&format!(
        "{pad} | {}{}\n",
        " ".repeat(caret_pad),
        "^".repeat(underline)
    ));
}

/// Display width of the token starting at the caret: a whole quoted string or
/// a whole word, so `"broker-2"` is underlined rather than its first quote.
fn token_width(rest: &str) -> usize {
    let mut chars = rest.chars();
    match chars.next() {
        None => 1,
        Some('"') => {
            let mut width = 1;
            let mut escaped = false;
            for c in chars {
                width += shown_width(c);
                match c {
                    '\\' if !escaped => escaped = true,
                    '"' if !escaped => return width,
                    _ => escaped = false,
                }
            }
            // An unclosed string: mark only its opening quote.
            1
        }
        Some(c) if is_word(c) => rest
            .chars()
            .take_while(|&c| is_word(c))
            .map(shown_width)
            .sum(),
        Some(c) => shown_width(c).max(1),
    }
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-' || c == '.'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn excerpt(line: &str, col: usize) -> String {
        let mut out = String::new();
        push_excerpt(&mut out, 7, line, col);
        out
    }

    #[test]
    fn caret_under_quoted_string() {
        let d = Diagnostic::new("f.ron", 2, 12, "unknown actor `broker-2` in tie")
            .with_help("did you mean `broker_2`?");
        let text = "x\n    Tie(a: \"broker-2\", b: \"boss\"),\n";
        assert_eq!(
            d.render(Some(text)),
            "f.ron:2:12: unknown actor `broker-2` in tie\n  |\n2 |     Tie(a: \"broker-2\", b: \"boss\"),\n  |            ^^^^^^^^^^\nhelp: did you mean `broker_2`?\n"
        );
    }

    #[test]
    fn tabs_and_wide_characters_keep_the_caret_aligned() {
        // A tab is four columns, each CJK character two.
        let out = excerpt("\t名前: \"x\"", 6);
        assert_eq!(out, "  |\n7 |     名前: \"x\"\n  |           ^^^\n");
    }

    #[test]
    fn long_lines_are_clipped_around_the_column() {
        let line = format!("{}\"needle\"{}", "a,".repeat(5000), "b,".repeat(5000));
        let out = excerpt(&line, 10_001);
        let shown = out.lines().nth(1).unwrap_or_default();
        assert!(shown.starts_with("7 | …"), "{out}");
        assert!(shown.ends_with('…'), "{out}");
        assert!(shown.chars().count() < EXCERPT_WIDTH + 10, "{out}");
        let caret = out.lines().nth(2).unwrap_or_default();
        let needle_at = shown.find("\"needle\"").unwrap_or(0);
        let caret_at = caret.find('^').unwrap_or(1);
        // Both offsets are in bytes; the only multi-byte character left of
        // them is the leading ellipsis (3 bytes, 1 column).
        assert_eq!(needle_at - 2, caret_at, "{out}");
    }

    #[test]
    fn column_past_the_end_points_after_the_line() {
        assert_eq!(excerpt("ab", 9), "  |\n7 | ab\n  |   ^\n");
    }

    #[test]
    fn missing_line_renders_headline_and_help_only() {
        let d = Diagnostic::new("f.ron", 9, 1, "file is empty").with_help("write something");
        assert_eq!(
            d.render(Some("")),
            "f.ron:9:1: file is empty\nhelp: write something\n"
        );
        assert_eq!(d.render(None), d.render(Some("")));
    }

    #[test]
    fn control_characters_are_replaced() {
        assert_eq!(excerpt("a\u{7}b", 3), "  |\n7 | a\u{FFFD}b\n  |   ^\n");
    }
}
