//! Reading a network for `analyze` and `import`: a scenario's true network, an
//! edge list or an adjacency matrix, with every error located as FILE:LINE:COL.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use super::CliError;
use crate::analysis::{self, FormatError, MAX_INPUT_BYTES, Parsed};
use crate::scenario::{
    Diagnostic, MAX_SOURCE_BYTES, Scenario, load_scenario, read_source, render_all, top_level_name,
};

/// What a network file turned out to hold.
pub enum Network {
    /// A scenario; its network is its actors and ties.
    Scenario(Box<Scenario>),
    /// An edge list or adjacency matrix.
    Graph(Parsed),
}

/// How to read the file: by content, or as one given format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Layout {
    /// By content, never by file name: a scenario if the text starts with
    /// `Scenario(`, else an edge list or a matrix.
    Auto,
    /// A scenario file; its network is its actors and ties.
    Scenario,
    /// One tie per line: `a b [weight]`.
    #[value(name = "edgelist")]
    EdgeList,
    /// A labelled adjacency matrix: the first row and column hold ids.
    Matrix,
}

/// Reads `path` as `layout` says; the error is rendered for stderr (headline, excerpt, help).
pub fn read_network(path: &Path, layout: Layout) -> Result<Network, CliError> {
    let file = path.display().to_string();
    if layout == Layout::Scenario {
        let text = read_source(path).map_err(|d| CliError::BadInput(d.render(None)))?;
        return load_scenario(&file, &text)
            .map(|s| Network::Scenario(Box::new(s)))
            .map_err(|d| CliError::BadInput(render_all(&d, Some(&text))));
    }
    let bytes = read_bytes(path)?;
    let top = std::str::from_utf8(&bytes).ok().and_then(top_level_name);
    if top.as_deref() == Some("Catalog") {
        // It would read as an edge list of nonsense ids; say what it is instead.
        return Err(CliError::BadInput(
            Diagnostic::new(
                &file,
                1,
                1,
                "this is an action catalogue (`Catalog(`), not a network",
            )
            .with_help("give a scenario, an edge list or an adjacency matrix")
            .render(None),
        ));
    }
    if layout == Layout::Auto
        && top.as_deref() == Some("Scenario")
        && let Ok(text) = std::str::from_utf8(&bytes)
    {
        // The 64 MiB graph limit is larger than the scenario limit; a scenario
        // over its own limit gets the same refusal `check` would give.
        if bytes.len() as u64 > MAX_SOURCE_BYTES {
            return Err(CliError::BadInput(read_source(path).err().map_or_else(
                || format!("{file}: file is too large for a scenario"),
                |d| d.render(None),
            )));
        }
        return load_scenario(&file, text)
            .map(|s| Network::Scenario(Box::new(s)))
            .map_err(|d| CliError::BadInput(render_all(&d, Some(text))));
    }
    let format = match layout {
        Layout::Matrix => analysis::Format::Matrix,
        Layout::EdgeList => analysis::Format::EdgeList,
        Layout::Auto | Layout::Scenario => analysis::Format::Auto,
    };
    analysis::parse_bytes(&bytes, format)
        .map(Network::Graph)
        .map_err(|e| CliError::BadInput(format_error(&file, &bytes, &e, layout)))
}

/// A small text file (a roles list), with a located error if it is not UTF-8.
pub fn read_text(path: &Path) -> Result<String, CliError> {
    let bytes = read_bytes(path)?;
    String::from_utf8(bytes).map_err(|e| {
        let (line, col) = position_of(e.as_bytes(), e.utf8_error().valid_up_to());
        CliError::BadInput(
            Diagnostic::new(
                path.display().to_string(),
                line,
                col,
                "the file is not valid UTF-8",
            )
            .with_help("save it as UTF-8")
            .render(None),
        )
    })
}

/// The whole file, refusing directories, devices, binaries and anything over [`MAX_INPUT_BYTES`].
fn read_bytes(path: &Path) -> Result<Vec<u8>, CliError> {
    let file = path.display().to_string();
    let at_start =
        |message: String| CliError::BadInput(Diagnostic::new(&file, 1, 1, message).render(None));
    match std::fs::metadata(path) {
        // `read_source` words a missing file or a permission problem the
        // way `check` does; let it.
        Err(_) => return Err(CliError::BadInput(unreadable(path))),
        Ok(meta) if meta.is_dir() => {
            return Err(CliError::BadInput(
                Diagnostic::new(&file, 1, 1, "is a directory, not a network file")
                    .with_help("name a file inside it")
                    .render(None),
            ));
        }
        Ok(meta) if !meta.is_file() => {
            return Err(CliError::BadInput(
                Diagnostic::new(
                    &file,
                    1,
                    1,
                    "is not a regular file (a device, a pipe or a socket?)",
                )
                .with_help("save the network to a file and give that")
                .render(None),
            ));
        }
        Ok(meta) => {
            analysis::check_size(meta.len()).map_err(|e| at_start(e.to_string()))?;
        }
    }
    let mut bytes = Vec::new();
    File::open(path)
        // The file may grow while we read; never take more than the limit and one byte.
        .and_then(|f| f.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| at_start(format!("cannot read this file: {e}")))?;
    analysis::check_size(bytes.len() as u64).map_err(|e| at_start(e.to_string()))?;
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        let (line, col) = position_of(&bytes, at);
        return Err(CliError::BadInput(
            Diagnostic::new(
                &file,
                line,
                col,
                "this is a binary file, not text: it holds a NUL byte",
            )
            .with_help("a network is a text file: an edge list, an adjacency matrix or a scenario")
            .render(None),
        ));
    }
    Ok(bytes)
}

/// The diagnostic `read_source` gives for a path it cannot read as a file.
fn unreadable(path: &Path) -> String {
    match read_source(path) {
        Err(d) => d.render(None),
        // It became readable between two looks; asking again is the honest answer.
        Ok(_) => format!("{}: could not read the file; try again", path.display()),
    }
}

/// 1-based line and character column of byte `at`.
fn position_of(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = bytes.get(..at).unwrap_or(bytes);
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let col = 1 + String::from_utf8_lossy(before.get(start..).unwrap_or_default())
        .chars()
        .count();
    (line, col)
}

/// A parse error as a located diagnostic, with an excerpt of the offending line.
fn format_error(file: &str, bytes: &[u8], e: &FormatError, layout: Layout) -> String {
    let message = e.to_string();
    let (line, col, message) = match e.position() {
        // The error's text starts with its own `LINE:COL: `, which the
        // diagnostic's headline gives already.
        Some((line, col)) => {
            let prefix = format!("{line}:{col}: ");
            let bare = message.strip_prefix(&prefix).unwrap_or(&message).to_owned();
            (line, col, bare)
        }
        None => (1, 1, message),
    };
    let help = match e {
        FormatError::Empty => Some(
            "an edge list has one tie per line, `a b [weight]`; a matrix starts with a row of ids",
        ),
        FormatError::TooManyFields { .. } if layout == Layout::Auto => Some(
            "a matrix starts with a row of ids (its first cell may be empty or a label); an edge list has `a b [weight]` per line",
        ),
        FormatError::RaggedRow { .. } => {
            Some("every row of a matrix needs its id and one cell per column id")
        }
        _ => None,
    };
    let text = String::from_utf8_lossy(bytes);
    Diagnostic::new(file, line, col, message)
        .with_help_opt(help.map(str::to_owned))
        .render(Some(&text))
}
