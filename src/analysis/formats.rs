//! Reading graphs from edge lists and labelled adjacency matrices.
//!
//! Both formats share one line syntax: a line is split on commas if it has
//! one outside double quotes, else on tabs if it has one, else on runs of
//! whitespace. A field may be wrapped in double quotes (`""` inside is a
//! quote). Blank lines and lines starting with `#` are skipped, and a field
//! starting with `#` starts a comment to the end of the line. A UTF-8 byte
//! order mark is ignored. Positions in errors are 1-based lines and columns
//! counted in characters.

use std::io::Read;

use super::graph::{Graph, GraphBuilder};

/// Largest input accepted, in bytes (64 MiB): far beyond any investigation's network.
pub const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// The layout of a network file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Decide from the content (never from the file name), see [`detect_format`].
    #[default]
    Auto,
    /// One tie per line: `a b [weight]`; a line with a single id adds an isolated node.
    EdgeList,
    /// A labelled adjacency matrix: the first row and column hold ids, entries are
    /// directed weights and any nonzero entry is a tie.
    Matrix,
}

/// A format name that is not one of `auto`, `edgelist` and `matrix`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown format `{name}`; expected auto, edgelist or matrix")]
pub struct UnknownFormat {
    /// The name given.
    pub name: String,
}

impl std::str::FromStr for Format {
    type Err = UnknownFormat;

    /// Reads the `--format` spellings `auto`, `edgelist` and `matrix`.
    fn from_str(s: &str) -> Result<Format, UnknownFormat> {
        match s {
            "auto" => Ok(Format::Auto),
            "edgelist" => Ok(Format::EdgeList),
            "matrix" => Ok(Format::Matrix),
            other => Err(UnknownFormat {
                name: other.to_string(),
            }),
        }
    }
}

/// A graph read from text, with what the reader decided on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// The undirected graph; see [`GraphBuilder`] for how directed and repeated ties merge.
    pub graph: Graph,
    /// The format actually read: never [`Format::Auto`].
    pub format: Format,
    /// Whether the input gave any weight other than 1 (a 0/1 matrix is unweighted).
    pub weighted: bool,
    /// Self-ties (a node tied to itself, or a matrix diagonal entry) that were dropped.
    pub self_loops_dropped: usize,
}

/// Why a network file could not be read; positioned variants display as `LINE:COLUMN: message`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    /// No node at all: the input is empty, blank or only comments.
    #[error("the input holds no nodes or ties (it is empty, blank or only comments)")]
    Empty,
    /// The input is over [`MAX_INPUT_BYTES`].
    #[error("the input has {size} bytes or more; the limit is {limit} bytes")]
    TooLarge {
        /// Bytes seen (at least this many).
        size: u64,
        /// The limit in force.
        limit: u64,
    },
    /// The bytes are not UTF-8 text.
    #[error("{line}:{column}: the input is not UTF-8 text; save it as UTF-8")]
    NotUtf8 {
        /// Line of the first bad byte.
        line: usize,
        /// Column of the first bad byte.
        column: usize,
    },
    /// A matrix row with a different number of cells from the header.
    #[error("{line}:{column}: this matrix row has {found} cells but the header implies {expected}")]
    RaggedRow {
        /// Line of the row.
        line: usize,
        /// Column of the first extra cell, or just past the end of a short row.
        column: usize,
        /// Cells in this row, row label included.
        found: usize,
        /// Cells the header implies, row label included.
        expected: usize,
    },
    /// A weight or matrix entry that is not a usable number.
    #[error("{line}:{column}: weight `{text}` {problem}")]
    BadWeight {
        /// Line of the weight.
        line: usize,
        /// Column of the weight.
        column: usize,
        /// The text found.
        text: String,
        /// What is wrong with it.
        problem: &'static str,
    },
    /// An edge-list line with more than three fields.
    #[error("{line}:{column}: expected `a b [weight]` but this line has {found} fields")]
    TooManyFields {
        /// Line of the edge.
        line: usize,
        /// Column of the first field too many.
        column: usize,
        /// Fields on the line.
        found: usize,
    },
    /// An id that is empty (`a,,1` or `""`).
    #[error("{line}:{column}: empty id")]
    EmptyId {
        /// Line of the id.
        line: usize,
        /// Column of the id.
        column: usize,
    },
    /// The same id twice in a matrix header.
    #[error("{line}:{column}: column id `{id}` appears twice in the header")]
    DuplicateColumn {
        /// Line of the header.
        line: usize,
        /// Column of the second occurrence.
        column: usize,
        /// The repeated id.
        id: String,
    },
    /// A matrix row whose label is not a column id.
    #[error("{line}:{column}: row id `{id}` is not among the header's column ids")]
    UnknownRow {
        /// Line of the row.
        line: usize,
        /// Column of the label.
        column: usize,
        /// The label.
        id: String,
    },
    /// Two matrix rows with the same label.
    #[error("{line}:{column}: row id `{id}` already has a row on line {first_line}")]
    DuplicateRow {
        /// Line of the second row.
        line: usize,
        /// Column of the label.
        column: usize,
        /// The label.
        id: String,
        /// Line of the first row.
        first_line: usize,
    },
    /// The reader failed.
    #[error("could not read the input: {0}")]
    Io(String),
}

impl FormatError {
    /// `(line, column)` of the problem, when it has one.
    pub fn position(&self) -> Option<(usize, usize)> {
        match *self {
            FormatError::NotUtf8 { line, column }
            | FormatError::RaggedRow { line, column, .. }
            | FormatError::BadWeight { line, column, .. }
            | FormatError::TooManyFields { line, column, .. }
            | FormatError::EmptyId { line, column }
            | FormatError::DuplicateColumn { line, column, .. }
            | FormatError::UnknownRow { line, column, .. }
            | FormatError::DuplicateRow { line, column, .. } => Some((line, column)),
            FormatError::Empty | FormatError::TooLarge { .. } | FormatError::Io(_) => None,
        }
    }
}

/// Rejects an input of `size` bytes if it is over [`MAX_INPUT_BYTES`]; call it on file metadata before reading.
pub fn check_size(size: u64) -> Result<(), FormatError> {
    if size > MAX_INPUT_BYTES {
        return Err(FormatError::TooLarge {
            size,
            limit: MAX_INPUT_BYTES,
        });
    }
    Ok(())
}

/// Reads at most [`MAX_INPUT_BYTES`] (plus one, to notice more) from `reader` and parses it.
pub fn read_graph(reader: impl Read, format: Format) -> Result<Parsed, FormatError> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| FormatError::Io(e.to_string()))?;
    parse_bytes(&bytes, format)
}

/// Parses raw bytes, checking size and UTF-8 first.
pub fn parse_bytes(bytes: &[u8], format: Format) -> Result<Parsed, FormatError> {
    check_size(bytes.len() as u64)?;
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
        // The prefix up to the error is valid UTF-8 by definition.
        let valid = std::str::from_utf8(valid).unwrap_or_default();
        let line = valid.matches('\n').count() + 1;
        let last_line = valid.rsplit('\n').next().unwrap_or_default();
        FormatError::NotUtf8 {
            line,
            column: last_line.chars().count() + 1,
        }
    })?;
    parse_graph(text, format)
}

/// Parses an edge list or matrix; `Format::Auto` picks by content.
pub fn parse_graph(text: &str, format: Format) -> Result<Parsed, FormatError> {
    check_size(text.len() as u64)?;
    let rows = data_rows(text);
    let format = match format {
        Format::Auto => detect_rows(&rows),
        other => other,
    };
    let parsed = match format {
        Format::Matrix => parse_matrix(&rows)?,
        Format::EdgeList | Format::Auto => parse_edge_list(&rows)?,
    };
    if parsed.graph.node_count() == 0 {
        return Err(FormatError::Empty);
    }
    Ok(parsed)
}

/// Which format `text` looks like: [`Format::Matrix`] or [`Format::EdgeList`].
///
/// A matrix is recognised by a first row of four or more cells, or an empty
/// first cell, or (for two or three cells) rows whose labels repeat the
/// header's ids in order with one cell per id, when the text is not also a
/// valid edge list. Anything else is read as an edge list (two or three fields a line).
pub fn detect_format(text: &str) -> Format {
    detect_rows(&data_rows(text))
}

/// One field of a line and where it starts.
#[derive(Debug, Clone, PartialEq)]
struct Field {
    text: String,
    column: usize,
}

/// A non-blank, non-comment line split into fields.
#[derive(Debug)]
struct Row {
    line: usize,
    /// Column just past the last character, for "missing cell" errors.
    end_column: usize,
    fields: Vec<Field>,
}

fn data_rows(text: &str) -> Vec<Row> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let fields = split_fields(line);
            (!fields.is_empty()).then(|| Row {
                line: i + 1,
                end_column: line.chars().count() + 1,
                fields,
            })
        })
        .collect()
}

#[derive(Clone, Copy, PartialEq)]
enum Separator {
    Comma,
    Tab,
    Space,
}

fn separator(line: &str) -> Separator {
    let mut in_quotes = false;
    let mut tab = false;
    for c in line.chars() {
        match c {
            '"' => in_quotes = !in_quotes,
            ',' if !in_quotes => return Separator::Comma,
            '\t' if !in_quotes => tab = true,
            _ => {}
        }
    }
    if tab {
        Separator::Tab
    } else {
        Separator::Space
    }
}

fn split_fields(line: &str) -> Vec<Field> {
    let sep = separator(line);
    // (byte start, byte end, 1-based column of start)
    let mut spans: Vec<(usize, usize, usize)> = Vec::new();
    let mut start: Option<(usize, usize)> = None;
    let mut in_quotes = false;
    let mut column = 0;
    let mut ends_with_separator = false;
    for (byte, c) in line.char_indices() {
        column += 1;
        let is_separator = !in_quotes
            && match sep {
                Separator::Comma => c == ',',
                Separator::Tab => c == '\t',
                Separator::Space => c.is_whitespace(),
            };
        if c == '"' {
            in_quotes = !in_quotes;
        }
        ends_with_separator = is_separator;
        if is_separator {
            match (sep, start.take()) {
                (_, Some((s, col))) => spans.push((s, byte, col)),
                // Between two commas or tabs sits an empty field; runs of spaces are one gap.
                (Separator::Comma | Separator::Tab, None) => spans.push((byte, byte, column)),
                (Separator::Space, None) => {}
            }
        } else if start.is_none() {
            start = Some((byte, column));
        }
    }
    if let Some((s, col)) = start {
        spans.push((s, line.len(), col));
    } else if ends_with_separator && sep != Separator::Space {
        spans.push((line.len(), line.len(), column + 1));
    }
    let mut fields = Vec::with_capacity(spans.len());
    for (s, e, col) in spans {
        let raw = line.get(s..e).unwrap_or_default();
        let trimmed = raw.trim_start();
        let column = col + (raw.chars().count() - trimmed.chars().count());
        let trimmed = trimmed.trim_end();
        if trimmed.starts_with('#') {
            break;
        }
        let text = match trimmed.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
            Some(inner) => inner.replace("\"\"", "\""),
            None => trimmed.to_owned(),
        };
        fields.push(Field { text, column });
    }
    // A line of only separators carries nothing.
    if fields.iter().all(|f| f.text.is_empty()) {
        fields.clear();
    }
    fields
}

fn detect_rows(rows: &[Row]) -> Format {
    let Some(header) = rows.first() else {
        return Format::EdgeList;
    };
    let width = header.fields.len();
    if width >= 4 || header.fields.first().is_some_and(|f| f.text.is_empty()) {
        return Format::Matrix;
    }
    let body = &rows[1..];
    // A header of two or three cells may just as well be an edge, so a matrix
    // must be an exact square (one row per id, labelled in header order, one
    // cell per id) that does not also read as a valid edge list.
    let square = |ids: &[Field]| {
        !ids.is_empty()
            && body.len() == ids.len()
            && body.iter().zip(ids).all(|(row, id)| {
                row.fields.len() == ids.len() + 1
                    && row.fields.first().is_some_and(|f| f.text == id.text)
            })
    };
    if (square(&header.fields[1..]) || square(&header.fields)) && parse_edge_list(rows).is_err() {
        Format::Matrix
    } else {
        Format::EdgeList
    }
}

fn parse_edge_list(rows: &[Row]) -> Result<Parsed, FormatError> {
    let mut builder = GraphBuilder::default();
    let mut weighted = false;
    for row in rows {
        for field in row.fields.iter().take(2) {
            if field.text.is_empty() {
                return Err(FormatError::EmptyId {
                    line: row.line,
                    column: field.column,
                });
            }
        }
        match row.fields.as_slice() {
            [a] => {
                builder.add_node(&a.text);
            }
            [a, b] => builder.add_edge(&a.text, &b.text, 1.0),
            [a, b, w] => {
                let weight = parse_weight(row.line, w, false)?;
                weighted |= weight != 1.0;
                builder.add_edge(&a.text, &b.text, weight);
            }
            fields => {
                return Err(FormatError::TooManyFields {
                    line: row.line,
                    column: fields.get(3).map_or(row.end_column, |f| f.column),
                    found: fields.len(),
                });
            }
        }
    }
    Ok(finish(builder, Format::EdgeList, weighted))
}

fn parse_matrix(rows: &[Row]) -> Result<Parsed, FormatError> {
    let Some((header, body)) = rows.split_first() else {
        return Ok(finish(GraphBuilder::default(), Format::Matrix, false));
    };
    // A whitespace-separated header cannot show an empty corner cell, so a
    // header one cell shorter than the rows has no corner.
    let has_corner = header.fields.first().is_some_and(|f| f.text.is_empty())
        || body
            .first()
            .is_none_or(|row| row.fields.len() != header.fields.len() + 1);
    let corner = usize::from(has_corner);
    let ids = header.fields.get(corner..).unwrap_or_default();
    let mut builder = GraphBuilder::default();
    for (i, id) in ids.iter().enumerate() {
        if id.text.is_empty() {
            return Err(FormatError::EmptyId {
                line: header.line,
                column: id.column,
            });
        }
        if ids[..i].iter().any(|earlier| earlier.text == id.text) {
            return Err(FormatError::DuplicateColumn {
                line: header.line,
                column: id.column,
                id: id.text.clone(),
            });
        }
        builder.add_node(&id.text);
    }
    let expected = ids.len() + 1;
    let mut row_lines: Vec<Option<usize>> = vec![None; ids.len()];
    let mut weighted = false;
    for row in body {
        if row.fields.len() != expected {
            return Err(FormatError::RaggedRow {
                line: row.line,
                column: row
                    .fields
                    .get(expected)
                    .map_or(row.end_column, |f| f.column),
                found: row.fields.len(),
                expected,
            });
        }
        let Some((label, cells)) = row.fields.split_first() else {
            continue;
        };
        let Some(r) = ids.iter().position(|id| id.text == label.text) else {
            return Err(FormatError::UnknownRow {
                line: row.line,
                column: label.column,
                id: label.text.clone(),
            });
        };
        if let Some(first_line) = row_lines[r].replace(row.line) {
            return Err(FormatError::DuplicateRow {
                line: row.line,
                column: label.column,
                id: label.text.clone(),
                first_line,
            });
        }
        for (cell, id) in cells.iter().zip(ids) {
            let weight = parse_weight(row.line, cell, true)?;
            if weight != 0.0 {
                weighted |= weight != 1.0;
                builder.add_edge(&label.text, &id.text, weight);
            }
        }
    }
    Ok(finish(builder, Format::Matrix, weighted))
}

fn parse_weight(line: usize, field: &Field, zero_allowed: bool) -> Result<f64, FormatError> {
    let bad = |problem| FormatError::BadWeight {
        line,
        column: field.column,
        text: field.text.clone(),
        problem,
    };
    let value: f64 = field.text.parse().map_err(|_| bad("is not a number"))?;
    if !value.is_finite() {
        return Err(bad("is not a finite number"));
    }
    if zero_allowed && value < 0.0 {
        return Err(bad("is negative; use 0 for no tie"));
    }
    if !zero_allowed && value <= 0.0 {
        return Err(bad("must be positive; leave the line out for no tie"));
    }
    Ok(value)
}

fn finish(builder: GraphBuilder, format: Format, weighted: bool) -> Parsed {
    let self_loops_dropped = builder.self_loops_dropped();
    Parsed {
        graph: builder.build(),
        format,
        weighted,
        self_loops_dropped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Parsed, FormatError> {
        parse_graph(text, Format::Auto)
    }

    fn texts(line: &str) -> Vec<String> {
        split_fields(line).into_iter().map(|f| f.text).collect()
    }

    #[test]
    fn splits_commas_tabs_spaces_and_quotes() {
        assert_eq!(texts("a, b ,3"), ["a", "b", "3"]);
        assert_eq!(texts("a\tDon Vito\t2"), ["a", "Don Vito", "2"]);
        assert_eq!(texts("  a   b  "), ["a", "b"]);
        assert_eq!(
            texts(r#""players","1","say ""hi"", ok""#),
            ["players", "1", "say \"hi\", ok"]
        );
        assert_eq!(texts(",a,b"), ["", "a", "b"]);
        assert_eq!(texts("a,b,"), ["a", "b", ""]);
        assert_eq!(texts("a b # the rest"), ["a", "b"]);
        assert!(texts("# comment, with comma").is_empty());
        assert!(texts(" , ,").is_empty());
        let cols: Vec<usize> = split_fields("x,  yé, z").iter().map(|f| f.column).collect();
        assert_eq!(cols, [1, 5, 9]);
    }

    #[test]
    fn edge_list_with_comments_weights_and_isolates() {
        let p = parse("# calls\n\n18\t19\t5\n19\t18\t6\nloner\n7 7 1\n")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.format, Format::EdgeList);
        assert_eq!(p.graph.ids(), ["18", "19", "loner", "7"]);
        assert_eq!(p.graph.edge_count(), 1);
        assert_eq!(p.graph.neighbors(0), &[(1, 11.0)]);
        assert!(p.weighted);
        assert_eq!(p.self_loops_dropped, 1);
        let p = parse("a b\nb c\n").unwrap_or_else(|e| panic!("{e}"));
        assert!(!p.weighted);
    }

    #[test]
    fn matrix_with_labels_sums_both_directions() {
        let text = "\"players\",\"1\",\"4\",\"9\"\n\"1\",0,1,4\n\"4\",2,0,0\n\"9\",0,0,0\n";
        let p = parse(text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.format, Format::Matrix);
        assert_eq!(p.graph.ids(), ["1", "4", "9"]);
        assert_eq!(p.graph.neighbors(0), &[(1, 3.0), (2, 4.0)]);
        assert_eq!(p.graph.degree(2), 1);
    }

    #[test]
    fn small_matrices_are_detected_without_being_fooled_by_edges() {
        assert_eq!(detect_format("x a b\na 0 1\nb 1 0\n"), Format::Matrix);
        assert_eq!(detect_format("a b\na 0 1\nb 1 0\n"), Format::Matrix);
        assert_eq!(detect_format("\ta\tb\na\t0\t1\nb\t1\t0\n"), Format::Matrix);
        assert_eq!(detect_format("1 2 3\n2 3 1\n"), Format::EdgeList);
        assert_eq!(detect_format("1 2 3\n2 3 1\n3 1 1\n"), Format::EdgeList);
        assert_eq!(detect_format(""), Format::EdgeList);
        let p = parse("a b\na 0 1\nb 1 0\n").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.graph.edge_count(), 1);
        // Entries were all 0 or 1, though both directions add up to 2.
        assert!(!p.weighted);
        assert_eq!(p.graph.neighbors(0), &[(1, 2.0)]);
    }

    #[test]
    fn errors_point_at_line_and_column() {
        let cases: [(&str, Format, &str); 10] = [
            (
                "a b 1\nb c x\n",
                Format::Auto,
                "2:5: weight `x` is not a number",
            ),
            (
                "a b 0\n",
                Format::Auto,
                "1:5: weight `0` must be positive; leave the line out for no tie",
            ),
            (
                "a b inf\n",
                Format::Auto,
                "1:5: weight `inf` is not a finite number",
            ),
            (
                "a,b,1,2\n",
                Format::EdgeList,
                "1:7: expected `a b [weight]` but this line has 4 fields",
            ),
            ("a,,1\n", Format::Auto, "1:3: empty id"),
            (
                ",a,b,c\na,0,1,0\nb,1,0\n",
                Format::Auto,
                "3:6: this matrix row has 3 cells but the header implies 4",
            ),
            (
                ",a,b\na,0,1,7\n",
                Format::Matrix,
                "2:7: this matrix row has 4 cells but the header implies 3",
            ),
            (
                ",a,b,c\nz,0,1,0\n",
                Format::Auto,
                "2:1: row id `z` is not among the header's column ids",
            ),
            (
                ",a,b,a\n",
                Format::Auto,
                "1:6: column id `a` appears twice in the header",
            ),
            (
                ",a,b,c\na,0,-1,0\n",
                Format::Auto,
                "2:5: weight `-1` is negative; use 0 for no tie",
            ),
        ];
        for (text, format, expected) in cases {
            let err = parse_graph(text, format).err().map(|e| e.to_string());
            assert_eq!(err.as_deref(), Some(expected), "{text:?}");
        }
        let dup = parse_graph(",a,b,c\na,0,1,0\na,0,0,0\n", Format::Auto).err();
        assert_eq!(dup.and_then(|e| e.position()), Some((3, 1)));
    }

    #[test]
    fn format_names() {
        assert_eq!("edgelist".parse(), Ok(Format::EdgeList));
        assert_eq!("auto".parse(), Ok(Format::Auto));
        assert_eq!("matrix".parse(), Ok(Format::Matrix));
        let err = "csv".parse::<Format>().err();
        assert_eq!(
            err.as_ref().map(ToString::to_string).as_deref(),
            Some("unknown format `csv`; expected auto, edgelist or matrix")
        );
        assert_eq!(err, Some(UnknownFormat { name: "csv".into() }));
    }

    #[test]
    fn empty_non_utf8_and_oversized_inputs() {
        assert_eq!(parse("").err(), Some(FormatError::Empty));
        assert_eq!(parse("# only\n\n  \n").err(), Some(FormatError::Empty));
        assert_eq!(
            parse_bytes(b"a b\nc d\xff e\n", Format::Auto).err(),
            Some(FormatError::NotUtf8 { line: 2, column: 4 })
        );
        assert!(matches!(
            check_size(MAX_INPUT_BYTES + 1),
            Err(FormatError::TooLarge { .. })
        ));
        assert!(check_size(MAX_INPUT_BYTES).is_ok());
        let endless = std::io::repeat(b'a');
        assert_eq!(
            read_graph(endless, Format::Auto).err(),
            Some(FormatError::TooLarge {
                size: MAX_INPUT_BYTES + 1,
                limit: MAX_INPUT_BYTES
            })
        );
        let p = read_graph(&b"\xef\xbb\xbfa b\n"[..], Format::Auto);
        assert_eq!(
            p.map(|p| p.graph.ids().to_vec()),
            Ok(vec!["a".to_owned(), "b".to_owned()])
        );
    }
}
