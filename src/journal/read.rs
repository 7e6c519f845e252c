//! Reading a journal: one pass over its lines, holding one record at a time,
//! into an index of what is where. Records are read again, by their place,
//! only when a replay needs them.

use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::Arc;

use super::replay::ReplayError;
use super::{FORMAT, Header, MAX_HEADER_LINE, MAX_RECORD_LINE, Record, TurnRecord, checksum};

/// What is wrong with a journal past its readable part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Damage {
    /// The last line was cut short.
    Torn { line: usize, offset: u64 },
    /// A line fails its checksum, does not decode or is longer than a record may be.
    Corrupt {
        line: usize,
        offset: u64,
        why: String,
    },
}

impl Damage {
    /// The line the damage is on.
    pub fn line(&self) -> usize {
        match self {
            Damage::Torn { line, .. } | Damage::Corrupt { line, .. } => *line,
        }
    }

    /// Whether only an unfinished last record is missing, as a crash
    /// mid-write leaves it.
    pub fn is_torn(&self) -> bool {
        matches!(self, Damage::Torn { .. })
    }
}

impl std::fmt::Display for Damage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Damage::Torn { line, offset } => write!(
                f,
                "line {line} (byte {offset}): torn record, cut off mid-line"
            ),
            Damage::Corrupt { line, offset, why } => {
                write!(f, "line {line} (byte {offset}): {why}")
            }
        }
    }
}

/// A file that is not a journal at all.
#[derive(Debug, thiserror::Error)]
pub enum NotAJournal {
    #[error("{path}: cannot read: {source}")]
    Io { path: String, source: io::Error },
    #[error("{path}: not an undertow journal: {why}")]
    Bad { path: String, why: String },
}

/// A committed turn as the index knows it: where it is, and the state hash
/// it recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TurnEntry {
    pub turn: u32,
    pub state_hash: String,
    /// Its line number (the header is line 1) and the byte where it starts.
    pub line: usize,
    pub offset: u64,
}

/// What one record after the header is, without its contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Kind {
    Turn(TurnEntry),
    Snapshot { turn: u32 },
    Undo { turn: u32 },
    Note,
}

/// One record after the header: its line, where it starts, and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Entry {
    pub line: usize,
    pub offset: u64,
    pub kind: Kind,
}

/// Where the journal's bytes are, to read records again.
#[derive(Debug, Clone)]
enum Source {
    File(std::path::PathBuf),
    Bytes(Arc<[u8]>),
}

trait ReadSeek: Read + Seek {}
impl<T: Read + Seek> ReadSeek for T {}

impl Source {
    fn open(&self) -> io::Result<Box<dyn ReadSeek>> {
        Ok(match self {
            Source::File(p) => Box::new(std::fs::File::open(p)?),
            Source::Bytes(b) => Box::new(io::Cursor::new(Arc::clone(b))),
        })
    }
}

/// A journal's header, and an index of its readable records; the damage
/// after them, if any.
#[derive(Debug, Clone)]
pub struct Journal {
    /// The name it was read by (its path, as given).
    pub name: String,
    pub header: Header,
    /// Where the readable part ends: the whole file, or the damaged line.
    pub readable_end: u64,
    pub damage: Option<Damage>,
    source: Source,
    entries: Vec<Entry>,
    /// Entries of the committed turns in effect, after undo records took theirs back.
    effective: Vec<usize>,
    /// Entries of snapshots no undo has taken back.
    snapshots: Vec<usize>,
    notes: Vec<(u32, String, Option<String>)>,
}

/// How one line came out of the reader.
enum Line {
    /// A whole line, its newline dropped.
    Whole,
    /// The file ended mid-line.
    Torn,
    /// Longer than the cap: the rest was not read.
    TooLong,
    /// It does not begin as a record begins (checked only where asked).
    Implausible,
    /// The file ended at a line boundary.
    End,
}

/// Lines of a journal, each read into one buffer no larger than a cap.
struct Lines<R> {
    inner: R,
    /// Bytes consumed so far: where the next line starts.
    pos: u64,
}

impl<R: BufRead> Lines<R> {
    /// The next line, into `buf`. `plausible` judges its first bytes as soon
    /// as there are `PREFIX` of them, so that a file that is no journal is
    /// refused without reading it to the cap.
    fn next_into(
        &mut self,
        buf: &mut Vec<u8>,
        cap: usize,
        plausible: Option<fn(&[u8]) -> bool>,
    ) -> io::Result<Line> {
        buf.clear();
        let mut judged = plausible.is_none();
        loop {
            let avail = match self.inner.fill_buf() {
                Ok(a) => a,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if avail.is_empty() {
                return Ok(if buf.is_empty() {
                    Line::End
                } else {
                    Line::Torn
                });
            }
            let (take, newline) = match avail.iter().position(|&b| b == b'\n') {
                Some(i) => (i, true),
                None => (avail.len(), false),
            };
            if buf.len() + take > cap {
                return Ok(Line::TooLong);
            }
            buf.extend_from_slice(&avail[..take]);
            let used = take + usize::from(newline);
            self.inner.consume(used);
            self.pos += used as u64;
            if !judged && (buf.len() >= PREFIX || newline) {
                judged = true;
                if plausible.is_some_and(|ok| !ok(buf)) {
                    return Ok(Line::Implausible);
                }
            }
            if newline {
                return Ok(Line::Whole);
            }
        }
    }
}

/// `CHECKSUM `: how every journal line begins.
const PREFIX: usize = 17;

fn starts_as_a_record(b: &[u8]) -> bool {
    b.len() >= PREFIX && b[..16].iter().all(u8::is_ascii_hexdigit) && b[16] == b' '
}

/// Why one line of a journal is not a record.
#[derive(Debug, thiserror::Error)]
pub(super) enum RecordError {
    /// The line does not begin with 16 hex digits and a space.
    #[error("no checksum")]
    NoChecksum,
    /// The checksum at the start of the line is not that of the text after it.
    #[error("checksum mismatch: the record was changed or damaged")]
    ChecksumMismatch { recorded: String, computed: String },
    /// The checksum holds, but the text is not a record.
    #[error("record does not decode: {0}")]
    Undecodable(#[source] serde_json::Error),
}

pub(super) fn decode_line(line: &str) -> Result<Record, RecordError> {
    let (sum, json) = line.split_once(' ').ok_or(RecordError::NoChecksum)?;
    if sum.len() != 16 || !sum.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(RecordError::NoChecksum);
    }
    let computed = checksum(json);
    if computed != sum {
        return Err(RecordError::ChecksumMismatch {
            recorded: sum.to_string(),
            computed,
        });
    }
    serde_json::from_str(json).map_err(RecordError::Undecodable)
}

fn mib(bytes: usize) -> usize {
    bytes / (1024 * 1024)
}

/// Read a journal file: its header, and an index of its records.
pub fn read(path: &Path) -> Result<Journal, NotAJournal> {
    let name = path.display().to_string();
    let io_error = |source| NotAJournal::Io {
        path: name.clone(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io_error)?;
    let source = Source::File(path.to_path_buf());
    index(&name, BufReader::with_capacity(1 << 16, file), source)
}

/// Read a journal from its bytes.
pub fn parse(name: &str, bytes: &[u8]) -> Result<Journal, NotAJournal> {
    let bytes: Arc<[u8]> = Arc::from(bytes);
    let source = Source::Bytes(Arc::clone(&bytes));
    index(name, io::Cursor::new(bytes), source)
}

fn index(name: &str, reader: impl BufRead, source: Source) -> Result<Journal, NotAJournal> {
    let bad = |why: String| NotAJournal::Bad {
        path: name.to_string(),
        why,
    };
    let io_error = |source| NotAJournal::Io {
        path: name.to_string(),
        source,
    };
    let mut lines = Lines {
        inner: reader,
        pos: 0,
    };
    let mut buf = Vec::new();
    match lines
        .next_into(&mut buf, MAX_HEADER_LINE, Some(starts_as_a_record))
        .map_err(io_error)?
    {
        Line::Whole => {}
        Line::End => return Err(bad("the file is empty".into())),
        Line::Torn => return Err(bad("no complete header line".into())),
        // Said as a whole-line check would say it, without reading the rest.
        Line::Implausible if std::str::from_utf8(&buf).is_err_and(|e| e.error_len().is_some()) => {
            return Err(bad("the header is not text".into()));
        }
        Line::Implausible => return Err(bad("line 1: no checksum".into())),
        Line::TooLong => {
            return Err(bad(format!(
                "line 1 is longer than the {} MiB a header may have",
                mib(MAX_HEADER_LINE)
            )));
        }
    }
    let first = std::str::from_utf8(&buf).map_err(|_| bad("the header is not text".into()))?;
    let header = match decode_line(first) {
        Ok(Record::Header(h)) => h,
        Ok(_) => return Err(bad("the first record is not a header".into())),
        Err(why) => return Err(bad(format!("line 1: {why}"))),
    };
    if header.format != FORMAT {
        return Err(bad(format!(
            "journal format {} is not supported (this build reads {FORMAT})",
            header.format
        )));
    }
    let mut journal = Journal {
        name: name.to_string(),
        header,
        readable_end: 0,
        damage: None,
        source,
        entries: Vec::new(),
        effective: Vec::new(),
        snapshots: Vec::new(),
        notes: Vec::new(),
    };
    let mut line = 1;
    loop {
        line += 1;
        let offset = lines.pos;
        let corrupt = |why: String| Damage::Corrupt { line, offset, why };
        let read = lines
            .next_into(&mut buf, MAX_RECORD_LINE, None)
            .map_err(io_error)?;
        let record = match read {
            Line::End => break,
            Line::Torn => Err(Damage::Torn { line, offset }),
            Line::TooLong => Err(corrupt(format!(
                "longer than the {} MiB a record may have",
                mib(MAX_RECORD_LINE)
            ))),
            Line::Implausible | Line::Whole => match std::str::from_utf8(&buf) {
                Err(_) => Err(corrupt("not UTF-8 text".into())),
                Ok(text) => match decode_line(text) {
                    Ok(Record::Header(_)) => Err(corrupt("a second header".into())),
                    Ok(r) => Ok(r),
                    Err(why) => Err(corrupt(why.to_string())),
                },
            },
        };
        match record {
            Ok(r) => journal.add(line, offset, r),
            Err(d) => {
                journal.readable_end = offset;
                journal.damage = Some(d);
                return Ok(journal);
            }
        }
    }
    journal.readable_end = lines.pos;
    Ok(journal)
}

impl Journal {
    /// Index one record; its contents, but for notes, are let go.
    fn add(&mut self, line: usize, offset: u64, record: Record) {
        let i = self.entries.len();
        let kind = match record {
            Record::Turn(t) => {
                self.effective.push(i);
                Kind::Turn(TurnEntry {
                    turn: t.turn,
                    state_hash: t.state_hash,
                    line,
                    offset,
                })
            }
            Record::Undo { turn } => {
                if self.turns().last().is_some_and(|t| t.turn == turn) {
                    self.effective.pop();
                }
                // A snapshot of a turn taken back, or after it, no longer holds.
                let entries = &self.entries;
                self.snapshots
                    .retain(|&s| matches!(entries[s].kind, Kind::Snapshot { turn: t } if t < turn));
                Kind::Undo { turn }
            }
            Record::Snapshot { turn, .. } => {
                self.snapshots.push(i);
                Kind::Snapshot { turn }
            }
            Record::Note {
                turn,
                text,
                objective,
            } => {
                self.notes.push((turn, text, objective));
                Kind::Note
            }
            // The reader refuses a second header before it gets here.
            Record::Header(_) => Kind::Note,
        };
        self.entries.push(Entry { line, offset, kind });
    }

    /// The committed turns in effect, after undo records have taken theirs back.
    pub fn turns(&self) -> Vec<&TurnEntry> {
        self.effective
            .iter()
            .filter_map(|&i| match &self.entries[i].kind {
                Kind::Turn(t) => Some(t),
                _ => None,
            })
            .collect()
    }

    /// The last committed turn in effect (0 before the first).
    pub fn last_turn(&self) -> u32 {
        self.turns().last().map_or(0, |t| t.turn)
    }

    /// Evaluator notes and White Cell messages, in order: turn, text, objective.
    pub fn notes(&self) -> Vec<(u32, String, Option<String>)> {
        self.notes.clone()
    }

    /// One line for stderr when a command goes on with the readable part of
    /// a damaged journal: the file, the line and what is wrong.
    pub fn warning(&self, doing: &str) -> Option<String> {
        self.damage.as_ref().map(|d| {
            format!(
                "{}: warning: {doing} the readable part only (to turn {}); {d}",
                self.name,
                self.last_turn()
            )
        })
    }

    /// The file it was read from, if it was.
    pub(super) fn file_path(&self) -> Option<&Path> {
        match &self.source {
            Source::File(p) => Some(p),
            Source::Bytes(_) => None,
        }
    }

    /// Copy the readable part, byte for byte, header included.
    pub(super) fn copy_readable(&self, out: &mut impl io::Write) -> io::Result<()> {
        let mut from = self.source.open()?;
        from.seek(SeekFrom::Start(0))?;
        let copied = io::copy(&mut from.take(self.readable_end), out)?;
        if copied == self.readable_end {
            Ok(())
        } else {
            Err(io::Error::other(
                "the journal is shorter than when it was read",
            ))
        }
    }

    pub(super) fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub(super) fn effective_entries(&self) -> &[usize] {
        &self.effective
    }

    pub(super) fn snapshot_entries(&self) -> &[usize] {
        &self.snapshots
    }

    /// Every readable record after the header, in file order, read one at a time.
    pub fn records(&self) -> impl Iterator<Item = Result<Record, ReplayError>> + '_ {
        let mut reader = RecordReader::open(self);
        self.entries
            .iter()
            .map(move |e| reader.as_mut().map_err(|e| e.clone())?.read(e))
    }

    /// The committed turns in effect, read one at a time.
    pub fn turn_records(&self) -> impl Iterator<Item = Result<TurnRecord, ReplayError>> + '_ {
        let mut reader = RecordReader::open(self);
        self.effective.iter().map(move |&i| {
            let e = &self.entries[i];
            match reader.as_mut().map_err(|e| e.clone())?.read(e)? {
                Record::Turn(t) => Ok(t),
                _ => Err(changed(e.line, "a turn record is no longer one")),
            }
        })
    }
}

fn changed(line: usize, why: &str) -> ReplayError {
    ReplayError::Changed {
        line,
        why: why.to_string(),
    }
}

/// Reads records again by their place in the file, each checked against
/// what the index saw there.
pub(super) struct RecordReader {
    lines: Lines<BufReader<Box<dyn ReadSeek>>>,
    buf: Vec<u8>,
}

impl RecordReader {
    pub(super) fn open(journal: &Journal) -> Result<RecordReader, ReplayError> {
        let inner = journal
            .source
            .open()
            .map_err(|e| ReplayError::Io(e.to_string()))?;
        Ok(RecordReader {
            lines: Lines {
                inner: BufReader::with_capacity(1 << 16, inner),
                pos: 0,
            },
            buf: Vec::new(),
        })
    }

    /// The record an index entry stands for.
    pub(super) fn read(&mut self, entry: &Entry) -> Result<Record, ReplayError> {
        if self.lines.pos != entry.offset {
            self.lines
                .inner
                .seek(SeekFrom::Start(entry.offset))
                .map_err(|e| ReplayError::Io(e.to_string()))?;
            self.lines.pos = entry.offset;
        }
        let line = entry.line;
        match self
            .lines
            .next_into(&mut self.buf, MAX_RECORD_LINE, None)
            .map_err(|e| ReplayError::Io(e.to_string()))?
        {
            Line::Whole | Line::Implausible => {}
            Line::End | Line::Torn | Line::TooLong => {
                return Err(changed(line, "the record is no longer whole"));
            }
        }
        let text = std::str::from_utf8(&self.buf).map_err(|_| changed(line, "not UTF-8 text"))?;
        let record = decode_line(text).map_err(|why| changed(line, &why.to_string()))?;
        let same = match (&entry.kind, &record) {
            (Kind::Turn(e), Record::Turn(t)) => e.turn == t.turn && e.state_hash == t.state_hash,
            (Kind::Snapshot { turn }, Record::Snapshot { turn: t, .. })
            | (Kind::Undo { turn }, Record::Undo { turn: t }) => turn == t,
            (Kind::Note, Record::Note { .. }) => true,
            _ => false,
        };
        if same {
            Ok(record)
        } else {
            Err(changed(line, "another record is there now"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An undo record as a journal line, without its newline.
    fn undo_line() -> String {
        let line = super::super::encode(&Record::Undo { turn: 3 })
            .unwrap_or_else(|e| panic!("an undo record encodes: {e}"));
        line.trim_end().to_string()
    }

    #[test]
    fn a_whole_line_decodes() {
        assert!(matches!(
            decode_line(&undo_line()),
            Ok(Record::Undo { turn: 3 })
        ));
    }

    #[test]
    fn a_line_without_checksum_says_so() {
        let line = undo_line();
        let (_, json) = line.split_once(' ').unwrap_or_default();
        for bad in [json.to_string(), format!("0123 {json}")] {
            let err = decode_line(&bad).err();
            assert!(matches!(err, Some(RecordError::NoChecksum)), "{bad}");
            assert_eq!(err.map(|e| e.to_string()).as_deref(), Some("no checksum"));
        }
    }

    #[test]
    fn a_changed_record_fails_its_checksum() {
        let line = undo_line();
        let changed = line.replace("\"turn\":3", "\"turn\":4");
        let recorded = line[..16].to_string();
        let computed = checksum(&changed[17..]);
        let err = decode_line(&changed).err();
        assert_eq!(
            err.as_ref().map(ToString::to_string).as_deref(),
            Some("checksum mismatch: the record was changed or damaged")
        );
        assert!(
            matches!(err, Some(RecordError::ChecksumMismatch { recorded: r, computed: c })
                if r == recorded && c == computed)
        );
    }

    #[test]
    fn a_line_that_is_not_a_record_does_not_decode() {
        let json = r#"{"type":"nothing"}"#;
        let line = format!("{} {json}", checksum(json));
        let err = decode_line(&line).err();
        let text = err.as_ref().map(ToString::to_string).unwrap_or_default();
        assert!(matches!(err, Some(RecordError::Undecodable(_))), "{text}");
        assert!(
            text.starts_with("record does not decode: unknown variant `nothing`"),
            "{text}"
        );
    }
}
