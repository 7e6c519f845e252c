//! Reading scenario and catalogue files: from bytes on disk to checked values,
//! with an error a designer can act on for everything that can go wrong on
//! the way (missing, binary, mis-encoded, huge, truncated, misspelt, wrong).

use std::fs::File;
use std::io::{ErrorKind, Read};
use std::path::Path;
use std::sync::OnceLock;

use ron::error::{Error as RonError, SpannedError};
use serde::de::DeserializeOwned;

use super::catalog::Catalog;
use super::diagnostic::Diagnostic;
use super::model::Scenario;
use super::source_index::{Pos, SourceIndex, Unclosed};
use super::suggest::nearest;
use super::validate::{validate_catalog, validate_scenario};

/// The largest file we read: real scenarios are kilobytes, and refusing a
/// 50 MB mistake up front beats parsing it.
pub const MAX_SOURCE_BYTES: u64 = 16 * 1024 * 1024;

/// Reads a scenario or catalogue file as text, refusing anything that is not
/// a reasonably sized UTF-8 text file with an error that names the file.
pub fn read_source(path: &Path) -> Result<String, Diagnostic> {
    let file = path.display().to_string();
    let whole = |message: &str| Diagnostic::new(&file, 1, 1, message);

    // Metadata first: a directory, a device or a huge file is refused without
    // reading a byte of it (reading a pipe or `/dev/zero` could hang forever).
    let meta = std::fs::metadata(path).map_err(|e| io_error(&file, path, &e))?;
    if meta.is_dir() {
        return Err(whole("is a directory, not a scenario file")
            .with_help("name a `.ron` file inside it, e.g. `scenarios/*.ron`"));
    }
    if !meta.is_file() {
        return Err(
            whole("is not a regular file (a device, a pipe or a socket?)")
                .with_help("save the scenario to a file and check that"),
        );
    }
    if meta.len() > MAX_SOURCE_BYTES {
        return Err(too_big(&file, meta.len()));
    }

    let mut bytes = Vec::new();
    File::open(path)
        // The file may have grown since we looked; never read past the cap.
        .and_then(|f| f.take(MAX_SOURCE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| io_error(&file, path, &e))?;
    let len = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if len > MAX_SOURCE_BYTES {
        return Err(too_big(&file, len));
    }
    if bytes.is_empty() {
        return Err(whole("file is empty").with_help(START_HELP));
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        let pos = byte_pos(&bytes, at);
        return Err(Diagnostic::new(
            &file,
            pos.line,
            pos.col,
            "this is a binary file, not RON text: it holds a NUL byte",
        )
        .with_help("a scenario is a UTF-8 text file; check that this is the right file"));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(match text.strip_prefix('\u{FEFF}') {
            // Editors on Windows may add a byte-order mark; it is invisible,
            // so columns are counted without it.
            Some(rest) => rest.to_string(),
            None => text,
        }),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let pos = byte_pos(bytes, at);
            let byte = bytes.get(at).copied().unwrap_or(0);
            Err(Diagnostic::new(
                &file,
                pos.line,
                pos.col,
                format!("the file is not valid UTF-8: byte 0x{byte:02X} here is not part of any character"),
            )
            .with_help(
                "save the file as UTF-8; it may be in a legacy encoding such as Windows-1252 or Latin-1",
            ))
        }
    }
}

const START_HELP: &str =
    "a scenario file starts with `Scenario(` and an action catalogue with `Catalog(`";

fn too_big(file: &str, len: u64) -> Diagnostic {
    // Shown to one decimal; the float never feeds a simulation.
    let mib = len as f64 / (1024.0 * 1024.0);
    Diagnostic::new(
        file,
        1,
        1,
        format!(
            "file is {mib:.1} MiB, over the {} MiB limit",
            MAX_SOURCE_BYTES / (1024 * 1024)
        ),
    )
    .with_help("a scenario is a few hundred kilobytes at most; is this the right file?")
}

fn io_error(file: &str, path: &Path, e: &std::io::Error) -> Diagnostic {
    let whole = |message: String| Diagnostic::new(file, 1, 1, message);
    match e.kind() {
        ErrorKind::NotFound => {
            let help = match std::env::current_dir() {
                Ok(dir) if path.is_relative() => {
                    format!("check the path; it is relative to {}", dir.display())
                }
                _ => "check the path".to_string(),
            };
            whole("no such file".into()).with_help(help)
        }
        ErrorKind::PermissionDenied => whole("permission denied: cannot read this file".into())
            .with_help("check the file's permissions, or copy it somewhere you can read"),
        _ => whole(format!("cannot read this file: {e}")),
    }
}

/// Line and column (in characters) of byte `at`; bytes that are not UTF-8
/// count as one column each, as an editor would show a replacement mark.
fn byte_pos(bytes: &[u8], at: usize) -> Pos {
    let before = bytes.get(..at).unwrap_or(bytes);
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let col = 1 + String::from_utf8_lossy(before.get(line_start..).unwrap_or_default())
        .chars()
        .count();
    Pos { line, col }
}

/// Parses and validates a scenario; on failure, every problem found.
pub fn load_scenario(file: &str, text: &str) -> Result<Scenario, Vec<Diagnostic>> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let scenario: Scenario = parse(file, text, "Scenario").map_err(|d| vec![d])?;
    let problems = validate_scenario(file, text, &scenario);
    if problems.is_empty() {
        Ok(scenario)
    } else {
        Err(problems)
    }
}

/// Parses and validates an action catalogue; on failure, every problem found.
pub fn load_catalog(file: &str, text: &str) -> Result<Catalog, Vec<Diagnostic>> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let catalog: Catalog = parse(file, text, "Catalog").map_err(|d| vec![d])?;
    let problems = validate_catalog(file, text, &catalog);
    if problems.is_empty() {
        Ok(catalog)
    } else {
        Err(problems)
    }
}

/// The action catalogue shipped in `assets/actions.ron`.
pub fn default_catalog() -> Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG
        .get_or_init(|| {
            // Built into the binary and checked by a test, so it cannot fail
            // for a user: a panic here is a build that should never ship.
            #[allow(clippy::expect_used)]
            load_catalog(
                "assets/actions.ron",
                include_str!("../../assets/actions.ron"),
            )
            .expect("assets/actions.ron is valid (tests/check.rs proves it)")
        })
        .clone()
}

/// The catalogue a scenario plays with: `base` changed by the scenario's
/// `action_rules` (a disabled action is removed; cost and duration override).
pub fn resolve_catalog(base: &Catalog, scenario: &Scenario) -> Catalog {
    let mut catalog = base.clone();
    for def in &scenario.agencies {
        match catalog.agencies.iter_mut().find(|a| a.id == def.id) {
            Some(old) => *old = def.clone(),
            None => catalog.agencies.push(def.clone()),
        }
    }
    for rule in &scenario.action_rules {
        if rule.disabled {
            catalog.actions.retain(|a| a.kind != rule.action);
            continue;
        }
        for action in catalog.actions.iter_mut().filter(|a| a.kind == rule.action) {
            if let Some(cost) = rule.cost {
                action.cost = cost;
            }
            if let Some(duration) = rule.duration {
                action.duration = duration;
            }
        }
    }
    catalog
}

/// RON text to a value, or one diagnostic saying where and why it is not one.
fn parse<T: DeserializeOwned>(file: &str, text: &str, root: &str) -> Result<T, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::new(file, 1, 1, "file is empty").with_help(START_HELP));
    }
    ron::Options::default()
        .from_str(text)
        .map_err(|e| parse_error(file, text, &e, root))
}

/// Turns ron's error into one a scenario designer can act on.
fn parse_error(file: &str, text: &str, err: &SpannedError, root: &str) -> Diagnostic {
    let index = SourceIndex::new(text);
    // ron's spans start before the whitespace that precedes the bad value;
    // the caret belongs under the value itself.
    let start = skip_whitespace(
        text,
        Pos {
            line: err.span.start.line,
            col: err.span.start.col,
        },
    );
    let end = Pos {
        line: err.span.end.line,
        col: err.span.end.col,
    };
    let at = |pos: Pos, message: String| Diagnostic::new(file, pos.line, pos.col, message);

    if let (RonError::UnclosedBlockComment, Some(Unclosed::Comment(open))) =
        (&err.code, index.unclosed_at_end())
    {
        return at(open, "this `/*` comment is never closed".into())
            .with_help("close it with `*/`; comments nest, so each inner `/*` needs its own `*/`");
    }

    // ron reports a file cut short in many ways (end of input, a missing
    // comma, a half-written field name at the very end); what they share is
    // that the parser ran into the end while something was still open.
    let ends_open = !index.open_at_end().is_empty() || index.unclosed_at_end().is_some();
    let truncated = matches!(err.code, RonError::Eof)
        || (matches!(err.code, RonError::ExpectedStringEnd)
            && matches!(index.unclosed_at_end(), Some(Unclosed::String(_))))
        || (ends_open && end >= index.end());
    if truncated {
        let help = match (index.unclosed_at_end(), index.open_at_end().last()) {
            (Some(Unclosed::String(p)), _) => Some(format!(
                "it stops inside the string that starts at {}:{}; restore the end of the file",
                p.line, p.col
            )),
            (_, Some(open)) => Some(format!(
                "the `{}{}` at {}:{} is never closed; restore the end of the file",
                open.name.as_deref().unwrap_or(""),
                open.bracket,
                open.pos.line,
                open.pos.col
            )),
            _ => None,
        };
        return at(
            index.end(),
            "file ends unexpectedly; is it truncated?".into(),
        )
        .with_help_opt(help);
    }

    match &err.code {
        RonError::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            let within = outer.as_deref().map(|o| format!(" in `{o}`")).unwrap_or_default();
            let owner = outer.as_deref().unwrap_or("this struct");
            let list = if expected.is_empty() {
                format!("`{owner}` takes no fields")
            } else {
                format!("the fields of `{owner}` are: {}", backticked(expected))
            };
            let help = match nearest(found, expected.iter().copied()) {
                Some(near) => format!("did you mean `{near}`? {list}"),
                None => list,
            };
            at(start, format!("unknown field `{found}`{within}")).with_help(help)
        }
        RonError::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => {
            let of = outer.as_deref().map(|o| format!(" of `{o}`")).unwrap_or_default();
            let list = format!("expected one of: {}", backticked(expected));
            let help = match nearest(found, expected.iter().copied()) {
                Some(near) => format!("did you mean `{near}`? {list}"),
                None => list,
            };
            at(start, format!("unknown variant `{found}`{of}")).with_help(help)
        }
        RonError::MissingStructField { field, outer } => {
            let owner = outer.as_deref().unwrap_or("struct");
            at(start, format!("missing field `{field}` in `{owner}`"))
                .with_help(format!("add `{field}: ...` to this `{owner}`"))
        }
        RonError::DuplicateStructField { field, outer } => {
            let within = outer.as_deref().map(|o| format!(" in `{o}`")).unwrap_or_default();
            at(start, format!("field `{field}` appears twice{within}"))
                .with_help("keep one of them")
        }
        RonError::ExpectedDifferentStructName { expected, found } => {
            let d = at(start, format!("expected `{expected}(`, found `{found}(`"));
            if *expected == root {
                d.with_help(START_HELP)
            } else {
                d.with_help(format!("write `{expected}(`"))
            }
        }
        RonError::ExpectedNamedStructLike(name) => {
            let found = match char_at(text, start) {
                Some(c) => format!("`{c}`"),
                None => "the end of the file".to_string(),
            };
            let d = at(start, format!("expected `{name}(`, found {found}"));
            if *name == root {
                d.with_help(START_HELP)
            } else {
                d
            }
        }
        RonError::ExceededRecursionLimit => at(start, "nesting is too deep (over 128 levels)".into())
            .with_help("no scenario needs this much nesting; flatten the nested conditions"),
        RonError::ExpectedComma => at(start, "expected `,` or a closing bracket".into()).with_help(
            "a comma may be missing after the previous value, or a string its closing `\"`",
        ),
        RonError::ExpectedString => at(start, "expected a string in double quotes".into()),
        RonError::ExpectedStringEnd => at(start, "this string is never closed".into())
            .with_help("add the closing `\"`"),
        RonError::ExpectedInteger => at(start, "expected a whole number".into()),
        RonError::ExpectedBoolean => at(start, "expected `true` or `false`".into()),
        RonError::IntegerOutOfBounds => at(start, "number out of range for this field".into())
            .with_help("counts, turns and percentages cannot be negative or astronomically large"),
        RonError::InvalidValueForType { expected, found } => {
            at(start, format!("expected {expected}, found {found}"))
        }
        RonError::TrailingCharacters => at(start, format!("unexpected text after the end of the `{root}`"))
            .with_help(format!(
                "the `{root}(...)` is already closed here; remove what follows, or look for an extra `)` above"
            )),
        RonError::UnexpectedChar(c) => at(start, format!("unexpected character `{}`", c.escape_debug())),
        other => at(start, lowercase_first(&other.to_string())),
    }
}

/// The first non-whitespace position at or after `pos` (or `pos` itself if
/// only whitespace follows).
fn skip_whitespace(text: &str, pos: Pos) -> Pos {
    for (n, line) in text
        .split('\n')
        .enumerate()
        .skip(pos.line.saturating_sub(1))
    {
        let skip = if n + 1 == pos.line {
            pos.col.saturating_sub(1)
        } else {
            0
        };
        for (i, c) in line.chars().enumerate().skip(skip) {
            if !c.is_whitespace() {
                return Pos {
                    line: n + 1,
                    col: i + 1,
                };
            }
        }
    }
    pos
}

/// The character at a position, if the text has one there.
fn char_at(text: &str, pos: Pos) -> Option<char> {
    text.split('\n')
        .nth(pos.line.checked_sub(1)?)?
        .chars()
        .nth(pos.col.checked_sub(1)?)
        .filter(|c| !c.is_whitespace())
}

fn backticked(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// ron's messages start with a capital; ours, like rustc's, do not.
fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_positions_count_characters() {
        assert_eq!(byte_pos(b"ab\ncd", 4), Pos { line: 2, col: 2 });
        assert_eq!(byte_pos("é\u{e9}x".as_bytes(), 4), Pos { line: 1, col: 3 });
        assert_eq!(byte_pos(b"", 0), Pos::START);
    }

    #[test]
    fn resolving_applies_rules() {
        let base = default_catalog();
        let text = include_str!("../../tests/fixtures/check/valid.ron");
        let scenario = load_scenario("valid.ron", text).unwrap_or_else(|e| panic!("{e:?}"));
        let resolved = resolve_catalog(&base, &scenario);
        use crate::scenario::ActionKind;
        assert!(base.get(ActionKind::Undercover).is_some());
        assert!(resolved.get(ActionKind::Undercover).is_none());
        assert_eq!(
            resolved.get(ActionKind::MlaRequest).map(|a| a.duration),
            Some(3)
        );
        assert_eq!(
            resolved.get(ActionKind::MlaRequest).map(|a| a.cost),
            base.get(ActionKind::MlaRequest).map(|a| a.cost)
        );
        assert_eq!(resolved.actions.len() + 1, base.actions.len());
    }

    #[test]
    fn a_group_carries_any_of_the_ilo_indicators_and_screening_names_each() {
        use crate::scenario::Indicator;
        let text = include_str!("../../tests/fixtures/check/valid.ron").replace(
            "indicators: [DebtBondage]",
            "indicators: [Isolation, WithheldWages, RestrictionOfMovement, Violence, AbuseOfVulnerability, AbusiveConditions, ExcessiveOvertime]",
        );
        let scenario = load_scenario("valid.ron", &text).unwrap_or_else(|e| panic!("{e:?}"));
        let found = &scenario.migrant_groups[0].indicators;
        assert_eq!(found.len(), 7);
        let mut labels: Vec<&str> = found.iter().map(|i: &Indicator| i.label()).collect();
        labels.sort_unstable();
        labels.dedup();
        assert_eq!(labels.len(), 7, "two indicators read alike: {labels:?}");
    }
}
