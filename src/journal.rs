//! The journal: the record of a run, and so its replay.
//!
//! A text file, one record per line, each line `CHECKSUM JSON` where CHECKSUM
//! is the first 16 hex digits of the blake3 hash of the JSON text. A header
//! first (format, engine version, the full scenario and resolved catalogue with
//! their hashes, the seed), then one record per committed turn, with periodic
//! snapshots. See `docs/JOURNAL.md`.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::engine::orders::TurnInput;
use crate::engine::{Engine, Snapshot, TurnOutcome};
use crate::scenario::{Catalog, Scenario};

/// The journal format this build writes and reads.
pub const FORMAT: u32 = 1;
/// A snapshot is written after every this many turns.
pub const SNAPSHOT_EVERY: u32 = 10;
/// The longest line a reader accepts: a snapshot of a very large run, with room.
pub const MAX_LINE: usize = 256 * 1024 * 1024;

/// Where a branch came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parent {
    /// The parent journal's file name, as given.
    pub journal: String,
    /// Hash of the parent's header line.
    pub header_hash: String,
    /// The first turn played differently.
    pub at_turn: u32,
}

/// The first record: everything needed to replay the run on its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub format: u32,
    pub engine: String,
    pub scenario_name: String,
    pub scenario: String,
    pub scenario_hash: String,
    pub catalog: String,
    pub catalog_hash: String,
    pub seed: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<Parent>,
}

/// A committed turn: its input in canonical order and the state hash after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TurnRecord {
    pub turn: u32,
    pub input: TurnInput,
    pub state_hash: String,
}

/// One line of the journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Record {
    Header(Header),
    Turn(TurnRecord),
    /// The whole state after a turn, to rebuild a long run fast.
    Snapshot {
        turn: u32,
        #[serde(with = "snapshot_hex")]
        state: Box<Snapshot>,
    },
    /// The last committed turn, `turn`, was taken back by the White Cell.
    Undo {
        turn: u32,
    },
    /// An evaluator's note at a turn, optionally about an objective.
    Note {
        turn: u32,
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        objective: Option<String>,
    },
}

/// Snapshots travel as hex of their compact binary encoding: the state has
/// maps keyed by pairs, which JSON objects cannot carry.
mod snapshot_hex {
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    use crate::engine::Snapshot;

    pub fn serialize<S: Serializer>(state: &Snapshot, s: S) -> Result<S::Ok, S::Error> {
        let bytes = postcard::to_stdvec(state).map_err(serde::ser::Error::custom)?;
        let mut hex = String::with_capacity(bytes.len() * 2);
        for b in bytes {
            hex.push_str(&format!("{b:02x}"));
        }
        s.serialize_str(&hex)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Box<Snapshot>, D::Error> {
        let hex = String::deserialize(d)?;
        if hex.len() % 2 != 0 {
            return Err(D::Error::custom("snapshot hex has odd length"));
        }
        let bytes: Result<Vec<u8>, _> = (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(hex.get(i..i + 2).unwrap_or("zz"), 16))
            .collect();
        let bytes = bytes.map_err(|_| D::Error::custom("snapshot is not hex"))?;
        postcard::from_bytes(&bytes)
            .map(Box::new)
            .map_err(|e| D::Error::custom(format!("snapshot does not decode: {e}")))
    }
}

/// Hex blake3 of a text.
pub fn hash_text(text: &str) -> String {
    blake3::hash(text.as_bytes()).to_hex().to_string()
}

fn checksum(json: &str) -> String {
    hash_text(json)[..16].to_string()
}

/// Encode a record as one journal line, newline included.
pub fn encode(record: &Record) -> io::Result<String> {
    let json = serde_json::to_string(record).map_err(io::Error::other)?;
    Ok(format!("{} {}\n", checksum(&json), json))
}

/// What is wrong with a journal past its readable part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Damage {
    /// The last line was cut short.
    Torn { line: usize, offset: u64 },
    /// A line fails its checksum or does not decode.
    Corrupt {
        line: usize,
        offset: u64,
        why: String,
    },
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

/// The readable records of a journal, and the damage after them, if any.
#[derive(Debug, Clone)]
pub struct Journal {
    pub header: Header,
    /// Records after the header, in file order.
    pub records: Vec<Record>,
    /// Byte offset where each record after the header starts, and where the readable part ends.
    pub offsets: Vec<u64>,
    pub readable_end: u64,
    pub damage: Option<Damage>,
}

fn decode_line(line: &str) -> Result<Record, String> {
    let (sum, json) = line.split_once(' ').ok_or("no checksum")?;
    if sum.len() != 16 || !sum.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err("no checksum".into());
    }
    if checksum(json) != sum {
        return Err("checksum mismatch: the record was changed or damaged".into());
    }
    serde_json::from_str(json).map_err(|e| format!("record does not decode: {e}"))
}

/// Read a journal file.
pub fn read(path: &Path) -> Result<Journal, NotAJournal> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| NotAJournal::Io {
        path: name.clone(),
        source,
    })?;
    parse(&name, &bytes)
}

/// Read a journal from its bytes.
pub fn parse(name: &str, bytes: &[u8]) -> Result<Journal, NotAJournal> {
    let bad = |why: &str| NotAJournal::Bad {
        path: name.to_string(),
        why: why.to_string(),
    };
    let first_end = bytes.iter().position(|&b| b == b'\n').ok_or_else(|| {
        if bytes.is_empty() {
            bad("the file is empty")
        } else {
            bad("no complete header line")
        }
    })?;
    let first =
        std::str::from_utf8(&bytes[..first_end]).map_err(|_| bad("the header is not text"))?;
    let header = match decode_line(first) {
        Ok(Record::Header(h)) => h,
        Ok(_) => return Err(bad("the first record is not a header")),
        Err(why) => return Err(bad(&format!("line 1: {why}"))),
    };
    if header.format != FORMAT {
        return Err(bad(&format!(
            "journal format {} is not supported (this build reads {FORMAT})",
            header.format
        )));
    }
    let mut records = Vec::new();
    let mut offsets = Vec::new();
    let mut damage = None;
    let mut pos = first_end + 1;
    let mut line_no = 1;
    while pos < bytes.len() {
        line_no += 1;
        let offset = pos as u64;
        let Some(len) = bytes[pos..].iter().position(|&b| b == b'\n') else {
            damage = Some(Damage::Torn {
                line: line_no,
                offset,
            });
            break;
        };
        if len > MAX_LINE {
            damage = Some(Damage::Corrupt {
                line: line_no,
                offset,
                why: "line too long".into(),
            });
            break;
        }
        let text = match std::str::from_utf8(&bytes[pos..pos + len]) {
            Ok(t) => t,
            Err(_) => {
                damage = Some(Damage::Corrupt {
                    line: line_no,
                    offset,
                    why: "not UTF-8 text".into(),
                });
                break;
            }
        };
        match decode_line(text) {
            Ok(Record::Header(_)) => {
                damage = Some(Damage::Corrupt {
                    line: line_no,
                    offset,
                    why: "a second header".into(),
                });
                break;
            }
            Ok(r) => {
                records.push(r);
                offsets.push(offset);
            }
            Err(why) => {
                damage = Some(Damage::Corrupt {
                    line: line_no,
                    offset,
                    why,
                });
                break;
            }
        }
        pos += len + 1;
    }
    let readable_end = match &damage {
        Some(Damage::Torn { offset, .. }) | Some(Damage::Corrupt { offset, .. }) => *offset,
        None => bytes.len() as u64,
    };
    Ok(Journal {
        header,
        records,
        offsets,
        readable_end,
        damage,
    })
}

/// The committed turns in effect among these records, after undo records
/// have taken theirs back.
pub fn effective_turns(records: &[Record]) -> Vec<&TurnRecord> {
    let mut turns: Vec<&TurnRecord> = Vec::new();
    for r in records {
        match r {
            Record::Turn(t) => turns.push(t),
            Record::Undo { turn } if turns.last().is_some_and(|t| t.turn == *turn) => {
                turns.pop();
            }
            _ => {}
        }
    }
    turns
}

impl Journal {
    /// The committed turns in effect, after undo records have taken theirs back.
    pub fn turns(&self) -> Vec<&TurnRecord> {
        effective_turns(&self.records)
    }

    /// The latest snapshot at or before `turn` that is still valid (no undo since took it back).
    pub fn snapshot_at_or_before(&self, turn: u32) -> Option<&Snapshot> {
        let mut best: Option<&Snapshot> = None;
        for r in &self.records {
            match r {
                Record::Snapshot { turn: t, state } if *t <= turn => best = Some(state),
                Record::Undo { turn: t } if best.is_some_and(|s| s.turn >= *t) => {
                    best = None;
                }
                _ => {}
            }
        }
        best
    }

    /// Evaluator notes and White Cell messages, in order.
    pub fn notes(&self) -> Vec<(u32, String, Option<String>)> {
        self.records
            .iter()
            .filter_map(|r| match r {
                Record::Note {
                    turn,
                    text,
                    objective,
                } => Some((*turn, text.clone(), objective.clone())),
                _ => None,
            })
            .collect()
    }
}

/// An open journal that records a run as it is played.
pub struct Writer {
    file: File,
    path: PathBuf,
}

impl Writer {
    /// Start a new journal with its header.
    pub fn create(path: &Path, header: &Header) -> io::Result<Writer> {
        let file = File::create(path)?;
        let mut w = Writer {
            file,
            path: path.to_path_buf(),
        };
        w.append(&Record::Header(header.clone()))?;
        Ok(w)
    }

    /// Reopen a journal to append, dropping anything after its readable part.
    pub fn reopen(path: &Path, readable_end: u64) -> io::Result<Writer> {
        let file = OpenOptions::new().write(true).open(path)?;
        file.set_len(readable_end)?;
        let mut file = file;
        use std::io::Seek;
        file.seek(io::SeekFrom::End(0))?;
        Ok(Writer {
            file,
            path: path.to_path_buf(),
        })
    }

    /// The journal's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Append one record and make it durable before returning.
    pub fn append(&mut self, record: &Record) -> io::Result<()> {
        self.file.write_all(encode(record)?.as_bytes())?;
        self.file.flush()?;
        self.file.sync_data()
    }
}

/// The header for a new run.
pub fn header(
    scenario_name: &str,
    scenario_text: &str,
    catalog: &Catalog,
    seed: u64,
    parent: Option<Parent>,
) -> Header {
    let catalog_text =
        ron::ser::to_string_pretty(catalog, ron::ser::PrettyConfig::default()).unwrap_or_default();
    Header {
        format: FORMAT,
        engine: env!("CARGO_PKG_VERSION").to_string(),
        scenario_name: scenario_name.to_string(),
        scenario: scenario_text.to_string(),
        scenario_hash: hash_text(scenario_text),
        catalog_hash: hash_text(&catalog_text),
        catalog: catalog_text,
        seed,
        parent,
    }
}

/// Why a journal's run cannot be rebuilt or does not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReplayError {
    #[error("the embedded scenario was changed: its hash does not match the header")]
    ScenarioChanged,
    #[error("the embedded action catalogue was changed: its hash does not match the header")]
    CatalogChanged,
    #[error("the embedded scenario does not load: {0}")]
    Scenario(String),
    #[error("turn {turn}: state hash differs (journal {expected}, replay {actual})")]
    Diverged {
        turn: u32,
        expected: String,
        actual: String,
    },
    #[error("turn {turn}: out of sequence (expected turn {expected})")]
    Sequence { turn: u32, expected: u32 },
    #[error("snapshot after turn {turn} differs from the replayed state")]
    SnapshotDiffers { turn: u32 },
}

/// The scenario and catalogue a journal carries, checked against their hashes.
pub fn embedded(header: &Header) -> Result<(Scenario, Catalog), ReplayError> {
    if hash_text(&header.scenario) != header.scenario_hash {
        return Err(ReplayError::ScenarioChanged);
    }
    if hash_text(&header.catalog) != header.catalog_hash {
        return Err(ReplayError::CatalogChanged);
    }
    let scenario = crate::scenario::parse_scenario(&header.scenario_name, &header.scenario)
        .map_err(ReplayError::Scenario)?;
    let catalog: Catalog = ron::from_str(&header.catalog)
        .map_err(|e| ReplayError::Scenario(format!("catalogue: {e}")))?;
    Ok((scenario, catalog))
}

/// Build the engine at turn 0 for a journal.
pub fn start_engine(header: &Header) -> Result<Engine, ReplayError> {
    let (scenario, catalog) = embedded(header)?;
    let setup = crate::engine::setup::Setup::new(scenario, catalog)
        .map_err(|e| ReplayError::Scenario(e.to_string()))?;
    Engine::new(setup, header.seed).map_err(|e| ReplayError::Scenario(e.to_string()))
}

/// Rebuild the state after `upto` (or the last turn), from the nearest snapshot.
pub fn rebuild(journal: &Journal, upto: Option<u32>) -> Result<Engine, ReplayError> {
    let turns = journal.turns();
    let last = turns.last().map(|t| t.turn).unwrap_or(0);
    let target = upto.unwrap_or(last).min(last);
    let mut engine = start_engine(&journal.header)?;
    if let Some(snap) = journal.snapshot_at_or_before(target) {
        let setup = engine.setup().clone();
        engine = Engine::restore(setup, journal.header.seed, snap.clone())
            .map_err(|e| ReplayError::Scenario(e.to_string()))?;
    }
    let from = engine.turn();
    for t in turns.iter().filter(|t| t.turn > from && t.turn <= target) {
        let out = engine.step(t.input.clone());
        if out.state_hash != t.state_hash {
            return Err(ReplayError::Diverged {
                turn: t.turn,
                expected: t.state_hash.clone(),
                actual: out.state_hash,
            });
        }
    }
    Ok(engine)
}

/// Re-simulate every turn from the start, calling `on_turn` for each verified turn.
pub fn verify(
    journal: &Journal,
    mut on_turn: impl FnMut(&TurnOutcome),
) -> Result<u32, ReplayError> {
    let mut engine = start_engine(&journal.header)?;
    let mut verified = 0;
    let mut expected = 1;
    for (i, r) in journal.records.iter().enumerate() {
        match r {
            Record::Turn(t) => {
                if t.turn != expected {
                    return Err(ReplayError::Sequence {
                        turn: t.turn,
                        expected,
                    });
                }
                let out = engine.step(t.input.clone());
                if out.state_hash != t.state_hash {
                    return Err(ReplayError::Diverged {
                        turn: t.turn,
                        expected: t.state_hash.clone(),
                        actual: out.state_hash,
                    });
                }
                on_turn(&out);
                verified += 1;
                expected += 1;
            }
            Record::Undo { turn } => {
                // Taking a turn back: rebuild from the start up to the turn before it.
                let mut effective = effective_turns(&journal.records[..i]);
                if effective.last().is_some_and(|t| t.turn == *turn) {
                    effective.pop();
                }
                engine = start_engine(&journal.header)?;
                for t in &effective {
                    engine.step(t.input.clone());
                }
                expected = engine.turn() + 1;
            }
            Record::Snapshot { turn, state }
                if *turn == engine.turn()
                    && engine.state_hash()
                        != crate::engine::hash_snapshot(state, engine.setup()) =>
            {
                return Err(ReplayError::SnapshotDiffers { turn: *turn });
            }
            _ => {}
        }
    }
    Ok(verified)
}
