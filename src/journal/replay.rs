//! Re-simulating a journal: the one way a run is rebuilt. Every command and
//! screen that needs a recorded run (verify, resume, undo, reports, diff,
//! branch, the replay viewer) walks it with a [`Replay`], which checks each
//! turn's state hash against the record as it goes.

use crate::engine::orders::TurnInput;
use crate::engine::setup::Setup;
use crate::engine::{Engine, TurnOutcome, hash_snapshot};

use super::read::{Kind, RecordReader};
use super::{Journal, Record, TurnRecord, start_engine};

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
    #[error("line {line}: the journal changed while it was read ({why})")]
    Changed { line: usize, why: String },
    #[error("cannot read the journal again: {0}")]
    Io(String),
}

/// One committed turn, played again: its recorded input and what it produced.
#[derive(Debug, Clone)]
pub struct Replayed {
    pub turn: u32,
    pub input: TurnInput,
    pub outcome: TurnOutcome,
}

/// Which records a replay walks.
enum Plan {
    /// The turns in effect (these entries), in order: what a run amounts to.
    Effective(Vec<usize>),
    /// Every record in file order, turns later taken back included, each
    /// undo rewinding and each snapshot compared: what `--verify` checks.
    EveryRecord,
}

/// A journal being re-simulated, one committed turn per item. Between items,
/// [`Replay::engine_mut`] gives the state after the turn just yielded. The
/// first error ends it.
pub struct Replay<'j> {
    journal: &'j Journal,
    reader: RecordReader,
    /// Kept to rewind to turn 0 without loading the embedded scenario again.
    setup: Setup,
    engine: Engine,
    plan: Plan,
    /// The next entry (for `EveryRecord`) or the next place in the plan.
    next: usize,
    expected: u32,
    failed: bool,
}

impl Journal {
    /// Re-simulate the turns in effect from turn 1.
    pub fn replay(&self) -> Result<Replay<'_>, ReplayError> {
        let plan = Plan::Effective(self.effective_entries().to_vec());
        Replay::start(self, plan)
    }

    /// Re-simulate the turns in effect up to `turn` (or the last), from the
    /// latest snapshot at or before it that matches its turn's recorded state
    /// hash: a snapshot that does not is not used, and the replay starts
    /// further back. Items begin after the snapshot.
    pub fn replay_to(&self, turn: u32) -> Result<Replay<'_>, ReplayError> {
        let entries = self.entries();
        let upto: Vec<usize> = self
            .effective_entries()
            .iter()
            .copied()
            .filter(|&i| matches!(&entries[i].kind, Kind::Turn(t) if t.turn <= turn))
            .collect();
        let mut replay = Replay::start(self, Plan::Effective(upto))?;
        replay.skip_to_snapshot(turn);
        Ok(replay)
    }

    /// Re-simulate every record in file order: each turn as it was first
    /// played (later taken back or not), each undo, each snapshot checked.
    pub fn replay_every_record(&self) -> Result<Replay<'_>, ReplayError> {
        Replay::start(self, Plan::EveryRecord)
    }
}

impl<'j> Replay<'j> {
    fn start(journal: &'j Journal, plan: Plan) -> Result<Replay<'j>, ReplayError> {
        let engine = start_engine(&journal.header)?;
        Ok(Replay {
            journal,
            reader: RecordReader::open(journal)?,
            setup: engine.setup().clone(),
            engine,
            plan,
            next: 0,
            expected: 1,
            failed: false,
        })
    }

    /// The engine after the last turn yielded (at first, turn 0 or the snapshot's).
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// The same, to take its snapshot or state hash.
    pub fn engine_mut(&mut self) -> &mut Engine {
        &mut self.engine
    }

    /// The engine, once the replay is done with it.
    pub fn into_engine(self) -> Engine {
        self.engine
    }

    /// Play every remaining turn; the engine after the last.
    pub fn finish(mut self) -> Result<Engine, ReplayError> {
        for step in self.by_ref() {
            step?;
        }
        Ok(self.engine)
    }

    fn skip_to_snapshot(&mut self, target: u32) {
        let Plan::Effective(plan) = &self.plan else {
            return;
        };
        let entries = self.journal.entries();
        let turns = self.journal.turns();
        for &s in self.journal.snapshot_entries().iter().rev() {
            let Kind::Snapshot { turn } = entries[s].kind else {
                continue;
            };
            let Some(recorded) = turns.iter().find(|t| t.turn == turn) else {
                continue;
            };
            if turn > target || recorded.offset > entries[s].offset {
                continue;
            }
            let Ok(Record::Snapshot { state, .. }) = self.reader.read(&entries[s]) else {
                continue;
            };
            if state.turn != turn || hash_snapshot(&state, &self.setup) != recorded.state_hash {
                continue;
            }
            let Ok(mut engine) =
                Engine::restore(self.setup.clone(), self.journal.header.seed, *state)
            else {
                continue;
            };
            engine.set_handles(self.journal.header.handles());
            self.engine = engine;
            self.expected = turn + 1;
            self.next = plan
                .iter()
                .position(|&i| matches!(&entries[i].kind, Kind::Turn(t) if t.turn > turn))
                .unwrap_or(plan.len());
            return;
        }
    }

    fn advance(&mut self) -> Result<Option<Replayed>, ReplayError> {
        let entries = self.journal.entries();
        loop {
            let i = match &self.plan {
                Plan::Effective(plan) => match plan.get(self.next) {
                    Some(&i) => i,
                    None => return Ok(None),
                },
                Plan::EveryRecord if self.next < entries.len() => self.next,
                Plan::EveryRecord => return Ok(None),
            };
            self.next += 1;
            let entry = &entries[i];
            match entry.kind {
                Kind::Turn(_) => match self.reader.read(entry)? {
                    Record::Turn(t) => return self.play(t).map(Some),
                    _ => unreachable_record(entry.line)?,
                },
                Kind::Undo { turn } => self.rewind(i, turn)?,
                Kind::Snapshot { turn } if turn == self.engine.turn() => {
                    let Record::Snapshot { state, .. } = self.reader.read(entry)? else {
                        return unreachable_record(entry.line);
                    };
                    if hash_snapshot(&state, self.engine.setup()) != self.engine.state_hash() {
                        return Err(ReplayError::SnapshotDiffers { turn });
                    }
                }
                Kind::Snapshot { .. } | Kind::Note => {}
            }
        }
    }

    fn play(&mut self, t: TurnRecord) -> Result<Replayed, ReplayError> {
        if t.turn != self.expected {
            return Err(ReplayError::Sequence {
                turn: t.turn,
                expected: self.expected,
            });
        }
        let outcome = self.engine.step(t.input.clone());
        if outcome.state_hash != t.state_hash {
            return Err(ReplayError::Diverged {
                turn: t.turn,
                expected: t.state_hash,
                actual: outcome.state_hash,
            });
        }
        self.expected += 1;
        Ok(Replayed {
            turn: t.turn,
            input: t.input,
            outcome,
        })
    }

    /// An undo at entry `at` took back `turn`: rebuild, from the start, the
    /// turns in effect before it.
    fn rewind(&mut self, at: usize, turn: u32) -> Result<(), ReplayError> {
        let entries = self.journal.entries();
        let mut effective: Vec<usize> = Vec::new();
        for (i, e) in entries[..at].iter().enumerate() {
            match &e.kind {
                Kind::Turn(_) => effective.push(i),
                Kind::Undo { turn: u } if last_turn(entries, &effective) == Some(*u) => {
                    effective.pop();
                }
                _ => {}
            }
        }
        if last_turn(entries, &effective) == Some(turn) {
            effective.pop();
        }
        self.engine = Engine::new(self.setup.clone(), self.journal.header.seed)
            .map_err(|e| ReplayError::Scenario(e.to_string()))?;
        self.engine.set_handles(self.journal.header.handles());
        self.expected = 1;
        for i in effective {
            match self.reader.read(&entries[i])? {
                Record::Turn(t) => {
                    self.play(t)?;
                }
                _ => unreachable_record(entries[i].line)?,
            }
        }
        Ok(())
    }
}

fn last_turn(entries: &[super::read::Entry], effective: &[usize]) -> Option<u32> {
    effective.last().and_then(|&i| match &entries[i].kind {
        Kind::Turn(t) => Some(t.turn),
        _ => None,
    })
}

fn unreachable_record<T>(line: usize) -> Result<T, ReplayError> {
    Err(ReplayError::Changed {
        line,
        why: "another record is there now".into(),
    })
}

impl Iterator for Replay<'_> {
    type Item = Result<Replayed, ReplayError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        match self.advance() {
            Ok(step) => step.map(Ok),
            Err(e) => {
                self.failed = true;
                Some(Err(e))
            }
        }
    }
}

/// Re-simulate every record from the start (as `replay --verify` does),
/// calling `on_turn` for each verified turn; the number of turns verified.
pub fn verify(
    journal: &Journal,
    mut on_turn: impl FnMut(&TurnOutcome),
) -> Result<u32, ReplayError> {
    let mut verified = 0;
    for step in journal.replay_every_record()? {
        on_turn(&step?.outcome);
        verified += 1;
    }
    Ok(verified)
}

/// The state after `upto` (or the last turn), from the nearest snapshot that verifies.
pub fn rebuild(journal: &Journal, upto: Option<u32>) -> Result<Engine, ReplayError> {
    let last = journal.last_turn();
    journal.replay_to(upto.unwrap_or(last).min(last))?.finish()
}
