//! Text measured in terminal cells, not bytes: names in Thai, Chinese or
//! Bahasa must line up, and no string is ever cut inside a character.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The width of a text in terminal cells.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// The text cut to at most `max` cells, with an ellipsis when cut.
pub fn fit(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        // Leave one cell for the ellipsis.
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// The text padded with spaces (or cut) to exactly `cells` cells.
pub fn pad(s: &str, cells: usize) -> String {
    let mut out = fit(s, cells);
    let w = width(&out);
    out.extend(std::iter::repeat_n(' ', cells.saturating_sub(w)));
    out
}

/// Word-wrap a paragraph to lines of at most `max` cells. Words longer than a
/// line are broken between characters. Blank input gives one empty line.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in text.split_whitespace() {
        let w = width(word);
        if used > 0 && used + 1 + w <= max {
            line.push(' ');
            line.push_str(word);
            used += 1 + w;
            continue;
        }
        if used > 0 {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        if w <= max {
            line.push_str(word);
            used = w;
            continue;
        }
        for c in word.chars() {
            let cw = c.width().unwrap_or(0);
            if used + cw > max {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push(c);
            used += cw;
        }
    }
    if used > 0 || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Wrap text made of paragraphs separated by newlines (blank lines kept).
pub fn wrap_paragraphs(text: &str, max: usize) -> Vec<String> {
    let mut out = Vec::new();
    for para in text.lines() {
        if para.trim().is_empty() {
            out.push(String::new());
            continue;
        }
        // Keep a list item's dash as a hanging indent.
        let (lead, rest) = match para.strip_prefix("- ") {
            Some(rest) => ("- ", rest),
            None => ("", para),
        };
        for (i, l) in wrap(rest, max.saturating_sub(lead.len()))
            .into_iter()
            .enumerate()
        {
            let indent = if i == 0 { lead } else { "  " };
            out.push(if lead.is_empty() {
                l
            } else {
                format!("{indent}{l}")
            });
        }
    }
    out
}

/// Lay out short items (legend entries) in lines of at most `max` cells,
/// never splitting an item.
pub fn wrap_items(items: &[&str], sep: &str, max: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for item in items {
        if !line.is_empty() && width(&line) + width(sep) + width(item) > max {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push_str(sep);
        }
        line.push_str(&fit(item, max));
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// A word as a POSIX shell reads it back: as it is when it holds only
/// safe characters, else in single quotes. Every command the program
/// prints for someone to type goes through this, so it works as printed.
pub fn shell_word(s: &str) -> String {
    let safe = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@+,%".contains(c));
    if safe {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_counts_cells_not_bytes() {
        assert_eq!(fit("สมชาย ใจดี", 20), "สมชาย ใจดี");
        // Chinese characters are two cells wide.
        assert_eq!(fit("王小明先生", 5), "王小…");
        assert_eq!(width(&fit("王小明先生", 5)), 5);
        assert_eq!(fit("Budi Santoso", 6), "Budi …");
        assert_eq!(fit("x", 0), "");
    }

    #[test]
    fn pad_lines_up_wide_names() {
        assert_eq!(width(&pad("王小明", 10)), 10);
        assert_eq!(width(&pad("Rahim", 3)), 3);
    }

    #[test]
    fn wrap_keeps_words_and_breaks_long_ones() {
        assert_eq!(wrap("a bb ccc", 4), vec!["a bb", "ccc"]);
        assert_eq!(wrap("abcdef", 4), vec!["abcd", "ef"]);
        assert_eq!(wrap("", 4), vec![""]);
        for l in wrap("王小明先生 去了 港口", 4) {
            assert!(width(&l) <= 4, "{l}");
        }
    }

    #[test]
    fn a_shell_word_reads_back_as_it_was() {
        assert_eq!(shell_word("ex.journal"), "ex.journal");
        assert_eq!(shell_word("/tmp/a b.journal"), "'/tmp/a b.journal'");
        assert_eq!(shell_word("it's"), r"'it'\''s'");
        assert_eq!(shell_word(""), "''");
    }

    #[test]
    fn paragraphs_keep_blank_lines_and_list_indent() {
        let w = wrap_paragraphs("one two\n\n- three four five", 10);
        assert_eq!(w, vec!["one two", "", "- three", "  four", "  five"]);
    }
}
