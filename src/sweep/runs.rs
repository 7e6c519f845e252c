//! Playing a sweep's runs: every (scenario, policy, seed) headless, on as
//! many threads as asked, collected in one order whatever the threads do.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use super::{FinalMetrics, RunRecord, SweepError};
use crate::bots::{BotKey, Policy};
use crate::engine::orders::TurnInput;
use crate::engine::setup::{Setup, TeamIx};
use crate::engine::{Engine, ScheduleError};
use crate::view::bot_view;

/// One scenario of a sweep, ready to play.
pub struct Entry {
    /// The scenario's path, as given.
    pub name: String,
    pub setup: Setup,
    /// The policies to play it with, in the order given.
    pub policies: Vec<Policy>,
}

/// What a sweep plays: each entry with each of its policies and each seed.
pub struct Plan {
    pub entries: Vec<Entry>,
    /// The seeds of this sweep (or shard), ascending.
    pub seeds: Vec<u64>,
    /// Turns per run; none for the whole exercise. More than a scenario has
    /// plays the whole exercise, as `run --turns` does.
    pub turns: Option<u32>,
}

/// One run to play: an entry, a policy and a seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Job {
    entry: usize,
    policy: Policy,
    seed: u64,
}

impl Plan {
    /// Every run, in the order the output lists them: by scenario as given,
    /// then policy as given, then seed.
    fn jobs(&self) -> Vec<Job> {
        let mut jobs = Vec::with_capacity(self.total());
        for (entry, e) in self.entries.iter().enumerate() {
            for &policy in &e.policies {
                for &seed in &self.seeds {
                    jobs.push(Job {
                        entry,
                        policy,
                        seed,
                    });
                }
            }
        }
        jobs
    }

    /// How many runs the plan holds.
    pub fn total(&self) -> usize {
        self.entries
            .iter()
            .map(|e| e.policies.len())
            .sum::<usize>()
            .saturating_mul(self.seeds.len())
    }
}

/// One of N interleaved slices of a sweep's seeds, counted from 1: shard
/// `I/N` takes the I-th seed, then every N-th after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

/// Which of the two numbers of `I/N` is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShardPart {
    /// I, the shard's place.
    Index,
    /// N, how many shards.
    Count,
}

impl std::fmt::Display for ShardPart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ShardPart::Index => "I",
            ShardPart::Count => "N",
        })
    }
}

/// Why a `--shard` value is not a shard; each names the text as given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShardError {
    /// No `/` between two numbers.
    #[error("`{text}` is not I/N (for example 2/8)")]
    NotAFraction { text: String },
    /// I or N is not a whole number.
    #[error("`{text}`: {part} `{number}` is not a whole number")]
    NotANumber {
        text: String,
        part: ShardPart,
        /// The number's text, as given (spaces kept).
        number: String,
    },
    /// N is 0.
    #[error("`{text}`: N must be at least 1")]
    NoShards { text: String },
    /// I is 0 or past N.
    #[error("`{text}`: I must be from 1 to N ({count}), the shard's place among the N")]
    OutOfRange {
        text: String,
        index: u64,
        count: u64,
    },
}

impl Shard {
    /// Read `I/N`.
    pub fn parse(text: &str) -> Result<Shard, ShardError> {
        let Some((i, n)) = text.split_once('/') else {
            return Err(ShardError::NotAFraction { text: text.into() });
        };
        let number = |s: &str, part: ShardPart| {
            s.trim().parse::<u64>().map_err(|_| ShardError::NotANumber {
                text: text.into(),
                part,
                number: s.into(),
            })
        };
        let (index, count) = (number(i, ShardPart::Index)?, number(n, ShardPart::Count)?);
        if count == 0 {
            return Err(ShardError::NoShards { text: text.into() });
        }
        if index < 1 || index > count {
            return Err(ShardError::OutOfRange {
                text: text.into(),
                index,
                count,
            });
        }
        Ok(Shard { index, count })
    }

    /// This shard's seeds of `first..=last`, ascending.
    pub fn seeds(self, first: u64, last: u64) -> impl Iterator<Item = u64> {
        let start = first.checked_add(self.index - 1);
        let step = usize::try_from(self.count).unwrap_or(usize::MAX);
        start
            .filter(|&s| s <= last)
            .map(move |s| (s..=last).step_by(step))
            .into_iter()
            .flatten()
    }
}

/// The runs a sweep finished, in output order.
pub struct Swept {
    pub records: Vec<RunRecord>,
    /// How many runs were planned.
    pub total: usize,
    /// Whether the sweep was stopped before every run finished.
    pub interrupted: bool,
}

/// Told how a sweep is going, on the calling thread.
pub trait Progress {
    /// `done` of `total` runs have finished; called at least ten times a
    /// second while runs go on, and after each run.
    fn tick(&mut self, done: usize, total: usize);
    /// A finished run, in output order: the runs before it have all been
    /// handed over (or, once the sweep has stopped, will never finish).
    fn record(&mut self, record: &RunRecord);
}

/// One headless run with bots in every seat, played a turn at a time as
/// `undertow run` plays it: each team's bot decides from its own view, then
/// the turn is played.
pub struct Run {
    engine: Engine,
    policy: Policy,
    keys: Vec<BotKey>,
}

impl Run {
    /// A run at turn 0.
    pub fn new(setup: Setup, seed: u64, policy: Policy) -> Result<Run, ScheduleError> {
        let keys = setup
            .teams
            .iter()
            .map(|t| BotKey::derive(seed, &t.id))
            .collect();
        Ok(Run {
            engine: Engine::new(setup, seed)?,
            policy,
            keys,
        })
    }

    /// The last turn played (0 before the first).
    pub fn turn(&self) -> u32 {
        self.engine.turn()
    }

    /// The engine, for what a caller wants to read of the state.
    pub fn engine(&mut self) -> &mut Engine {
        &mut self.engine
    }

    /// Every team's orders for the next turn, each decided from its own view.
    pub fn orders(&mut self) -> TurnInput {
        if self.policy == Policy::Passive {
            // Passive bots order nothing whatever they see.
            return TurnInput::default();
        }
        let seed = self.engine.seed();
        let (setup, state) = self.engine.view_state();
        let mut orders = Vec::new();
        for (team, key) in self.keys.iter().enumerate() {
            let view = bot_view(setup, seed, &state, TeamIx(team), &[]);
            let id = &setup.teams[team].id;
            orders.extend(self.policy.decide(&view, key).into_iter().map(|mut o| {
                // As a session files a team's orders: under the team's own id.
                if &o.team != id {
                    o.team = id.clone();
                }
                o
            }));
        }
        TurnInput {
            orders,
            ..TurnInput::default()
        }
    }

    /// Decide and play the next turn.
    pub fn play_turn(&mut self) {
        let input = self.orders();
        self.engine.advance(input);
    }
}

/// Play one run headless, as `undertow run SCENARIO --seed S --bots P
/// --turns N` plays it: the same views, the same bots, the same turns.
/// `None` if `stop` was raised before the last turn.
pub fn play(
    setup: &Setup,
    name: &str,
    policy: Policy,
    seed: u64,
    turns: Option<u32>,
    stop: &AtomicBool,
) -> Result<Option<RunRecord>, SweepError> {
    let last = turns
        .unwrap_or(setup.scenario.turns)
        .min(setup.scenario.turns);
    let mut run = Run::new(setup.clone(), seed, policy).map_err(|e| SweepError::Engine {
        scenario: name.to_string(),
        why: e.to_string(),
    })?;
    while run.turn() < last {
        if stop.load(Ordering::Relaxed) {
            return Ok(None);
        }
        run.play_turn();
    }
    let outcome = run.engine().outcome();
    Ok(Some(RunRecord {
        scenario: name.to_string(),
        bots: policy,
        seed,
        turns: outcome.turn,
        state_hash: outcome.state_hash,
        metrics: FinalMetrics::of(&outcome.metrics),
    }))
}

/// Play every run of the plan on `threads` threads until done or `stop`
/// is raised, handing each finished run to `progress` in output order.
/// The records, and what `progress` is handed, are the same for any
/// number of threads.
pub fn run_all(
    plan: &Plan,
    threads: usize,
    stop: &AtomicBool,
    progress: &mut dyn Progress,
) -> Result<Swept, SweepError> {
    let jobs = plan.jobs();
    let total = jobs.len();
    let mut slots: Vec<Option<RunRecord>> = vec![None; total];
    let mut handed = 0;
    let mut done = 0;
    let mut failure = None;
    // Raised by a failed run, so the other threads stop too.
    let failed = AtomicBool::new(false);
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::channel();
        for _ in 0..threads.clamp(1, total.max(1)) {
            let tx = tx.clone();
            let (jobs, next, failed) = (&jobs, &next, &failed);
            scope.spawn(move || {
                loop {
                    if stop.load(Ordering::Relaxed) || failed.load(Ordering::Relaxed) {
                        break;
                    }
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(job) = jobs.get(i) else { break };
                    let entry = &plan.entries[job.entry];
                    let result = play(
                        &entry.setup,
                        &entry.name,
                        job.policy,
                        job.seed,
                        plan.turns,
                        stop,
                    );
                    let finished = match result {
                        Ok(Some(record)) => Ok(record),
                        Ok(None) => break,
                        Err(e) => {
                            failed.store(true, Ordering::Relaxed);
                            Err(e)
                        }
                    };
                    if tx.send((i, finished)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        loop {
            match rx.recv_timeout(Duration::from_millis(100)) {
                Ok((i, Ok(record))) => {
                    slots[i] = Some(record);
                    done += 1;
                    while let Some(Some(r)) = slots.get(handed) {
                        progress.record(r);
                        handed += 1;
                    }
                    progress.tick(done, total);
                }
                Ok((_, Err(e))) => {
                    failure.get_or_insert(e);
                }
                Err(mpsc::RecvTimeoutError::Timeout) => progress.tick(done, total),
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        }
    });
    if let Some(e) = failure {
        return Err(e);
    }
    // Stopped early: the runs after a gap are handed over now, still in order.
    for r in slots.iter().skip(handed).flatten() {
        progress.record(r);
    }
    let records: Vec<RunRecord> = slots.into_iter().flatten().collect();
    Ok(Swept {
        interrupted: records.len() < total,
        records,
        total,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_interleave_and_cover_the_seeds_once() {
        let all: Vec<u64> = (1..=10).collect();
        let mut covered = Vec::new();
        for i in 1..=3 {
            let shard = Shard::parse(&format!("{i}/3")).unwrap();
            let seeds: Vec<u64> = shard.seeds(1, 10).collect();
            assert!(seeds.windows(2).all(|w| w[1] - w[0] == 3), "{seeds:?}");
            covered.extend(seeds);
        }
        covered.sort_unstable();
        assert_eq!(covered, all);
        assert_eq!(
            Shard::parse("2/2").unwrap().seeds(5, 9).collect::<Vec<_>>(),
            [6, 8]
        );
        // More shards than seeds: the last ones are empty, never wrong.
        assert_eq!(Shard::parse("4/4").unwrap().seeds(1, 2).count(), 0);
        assert_eq!(
            Shard::parse("1/1")
                .unwrap()
                .seeds(u64::MAX - 1, u64::MAX)
                .count(),
            2
        );
    }

    #[test]
    fn bad_shards_say_what_is_wrong() {
        for (text, words) in [
            ("3", "is not I/N"),
            ("0/4", "I must be from 1 to N (4)"),
            ("5/4", "I must be from 1 to N (4)"),
            ("1/0", "N must be at least 1"),
            ("a/4", "I `a` is not a whole number"),
            ("-1/4", "is not a whole number"),
        ] {
            let e = Shard::parse(text).unwrap_err();
            assert!(e.to_string().contains(words), "{text}: {e}");
        }
    }

    #[test]
    fn a_shard_past_n_names_its_numbers() {
        let e = Shard::parse("5/4").err();
        assert_eq!(
            e,
            Some(ShardError::OutOfRange {
                text: "5/4".into(),
                index: 5,
                count: 4
            })
        );
        assert_eq!(
            e.map(|e| e.to_string()).as_deref(),
            Some("`5/4`: I must be from 1 to N (4), the shard's place among the N")
        );
        let e = Shard::parse(" 2 / x").err();
        assert_eq!(
            e.as_ref().map(ToString::to_string).as_deref(),
            Some("` 2 / x`: N ` x` is not a whole number")
        );
        assert!(matches!(
            e,
            Some(ShardError::NotANumber { part: ShardPart::Count, number, .. }) if number == " x"
        ));
    }
}
