//! The journal: the record of a run, and so its replay.
//!
//! A text file, one record per line, each line `CHECKSUM JSON` where CHECKSUM
//! is the first 16 hex digits of the blake3 hash of the JSON text. A header
//! first (format, engine version, the full scenario and resolved catalogue with
//! their hashes, the seed), then one record per committed turn, with periodic
//! snapshots. See `docs/JOURNAL.md`.
//!
//! - [`read`] indexes a journal in one pass, holding one record at a time;
//! - [`Replay`] re-simulates it, turn by turn, checking every state hash: the
//!   one way any command or screen rebuilds a run;
//! - [`Writer`] records a run, never through a symbolic link and never over
//!   another journal.

mod read;
mod replay;
mod write;

use std::io;

use serde::{Deserialize, Serialize};

use crate::engine::orders::TurnInput;
use crate::engine::rules::Handles;
use crate::engine::{Engine, Snapshot};
use crate::scenario::{Catalog, Scenario};

pub use read::{Damage, Journal, NotAJournal, TurnEntry, parse, read};
pub use replay::{Replay, ReplayError, Replayed, rebuild, verify};
pub use write::{Existing, Target, WriteError, Writer, codes_path, open_for_append, write_new};

/// The journal format this build writes and reads.
pub const FORMAT: u32 = 1;
/// A snapshot is written after every this many turns.
pub const SNAPSHOT_EVERY: u32 = 10;
/// The longest header line a reader accepts. The header carries the whole
/// scenario, whose file may be up to `scenario::MAX_SOURCE_BYTES` (16 MiB),
/// and JSON escapes some of its characters: twice that, and room for the
/// catalogue. (A 10,000-actor scenario makes a 5.3 MiB header.)
pub const MAX_HEADER_LINE: usize = 2 * crate::scenario::MAX_SOURCE_BYTES as usize + MIB * 4;
/// The longest record after the header a reader accepts. The largest are
/// snapshots: after turn 50 of a 10,000-actor run one is a 2.6 MiB line
/// (5.1 MiB at 20,000 actors, the most `generate` makes). A writer skips a
/// snapshot that would not fit, and refuses any other record that would not.
pub const MAX_RECORD_LINE: usize = 8 * MIB;

const MIB: usize = 1024 * 1024;

/// Where a branch came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parent {
    /// The parent journal's file name (older journals may hold a path).
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
    /// The scenario's file name, without its directory (older journals may hold a path).
    pub scenario_name: String,
    pub scenario: String,
    pub scenario_hash: String,
    pub catalog: String,
    pub catalog_hash: String,
    pub seed: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<Parent>,
    /// The teams played at the keyboard by `play --team`, by id, so that
    /// `play --resume` seats them again; absent for hot-seat (every team)
    /// and served exercises. Optional: journals without it read as before,
    /// and older readers skip it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seats: Option<Vec<String>>,
    /// The secret key of the handles of unidentified persons (64 hex
    /// digits), drawn when an exercise with people at the table started;
    /// absent in headless runs and older journals, whose handles come from
    /// the seed. Journals stay with the facilitator during the exercise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handle_key: Option<String>,
}

impl Header {
    /// How this run names the persons a team has not identified.
    pub fn handles(&self) -> Handles {
        match self.handle_key.as_deref().and_then(crate::hex::unhex32) {
            Some(key) => Handles::Keyed(key),
            None => Handles::Seeded(self.seed),
        }
    }

    /// The same header with a fresh secret key for its handles, for an
    /// exercise with people at the table.
    pub fn with_secret_handles(mut self) -> Result<Header, getrandom::Error> {
        let mut key = [0u8; 32];
        getrandom::fill(&mut key)?;
        self.handle_key = Some(crate::hex::hex(&key));
        Ok(self)
    }
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

/// Whether a record after the header makes a line a reader accepts.
pub fn fits(record: &Record) -> bool {
    encode(record).is_ok_and(|line| line.len() - 1 <= MAX_RECORD_LINE)
}

/// Why a run's header could not be written down.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HeaderError {
    #[error("the action catalogue cannot be written into the journal's header: {0}")]
    Catalogue(String),
    #[error("the parent journal's header cannot be encoded to hash it: {0}")]
    Parent(String),
}

/// The header for a new run.
pub fn header(
    scenario_name: &str,
    scenario_text: &str,
    catalog: &Catalog,
    seed: u64,
    parent: Option<Parent>,
) -> Result<Header, HeaderError> {
    let catalog_text = ron::ser::to_string_pretty(catalog, ron::ser::PrettyConfig::default())
        .map_err(|e| HeaderError::Catalogue(e.to_string()))?;
    Ok(Header {
        format: FORMAT,
        engine: env!("CARGO_PKG_VERSION").to_string(),
        scenario_name: file_name(scenario_name),
        scenario: scenario_text.to_string(),
        scenario_hash: hash_text(scenario_text),
        catalog_hash: hash_text(&catalog_text),
        catalog: catalog_text,
        seed,
        parent,
        seats: None,
        handle_key: None,
    })
}

/// The last part of a path, as a journal records it: journals are handed
/// round, and a directory on the facilitator's machine is nobody's business.
/// Both separators count, so a path written on another system is cut too.
pub fn file_name(path: &str) -> String {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    if name.is_empty() {
        path.to_string()
    } else {
        name.to_string()
    }
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
        .map_err(|e| ReplayError::Scenario(e.to_string()))?;
    let catalog: Catalog = ron::from_str(&header.catalog)
        .map_err(|e| ReplayError::Scenario(format!("catalogue: {e}")))?;
    // A journal is read from anywhere: its catalogue meets the limits a
    // shipped one does, or no turn of it is played.
    let problems = crate::scenario::validate_catalog("catalogue", &header.catalog, &catalog);
    if !problems.is_empty() {
        return Err(ReplayError::Scenario(crate::scenario::render_all(
            &problems,
            Some(&header.catalog),
        )));
    }
    Ok((scenario, catalog))
}

/// Build the engine at turn 0 for a journal.
pub fn start_engine(header: &Header) -> Result<Engine, ReplayError> {
    let (scenario, catalog) = embedded(header)?;
    let setup = crate::engine::setup::Setup::new(scenario, catalog)
        .map_err(|e| ReplayError::Scenario(e.to_string()))?;
    let mut engine =
        Engine::new(setup, header.seed).map_err(|e| ReplayError::Scenario(e.to_string()))?;
    engine.set_handles(header.handles());
    Ok(engine)
}
