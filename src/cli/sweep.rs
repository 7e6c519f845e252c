//! `undertow sweep`: a scenario's outcomes over many seeds and bot
//! policies, on every core, summarised; the lessons it declares tested;
//! shards of a large sweep merged.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::progress::Bar;
use super::{CliError, Outcome, load};
use crate::bots::Policy;
use crate::engine::setup::Setup;
use crate::scenario::{Lesson, nearest};
use crate::sweep::{self, Entry, Plan, RunRecord, Shard, SweepError};

/// The most runs one sweep (or one shard) plays; past it, shard the sweep.
pub const MAX_RUNS: usize = 1_000_000;

/// Arguments of `undertow sweep`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  undertow sweep scenarios/maritime-route.ron --seeds 1..200 --bots baseline,cooperative,siloed
  undertow sweep scenarios/*.ron --seeds 1..40 --lessons
  undertow sweep scenarios/maritime-route.ron --seeds 1..10000 --bots baseline --shard 3/16 --json -o part3.jsonl
  undertow sweep --merge part*.jsonl")]
pub struct SweepArgs {
    /// Scenario files to sweep.
    #[arg(value_name = "SCENARIO", required_unless_present = "merge")]
    pub scenarios: Vec<PathBuf>,
    /// Seeds, both ends included: `1..200` is 200 runs per scenario and policy.
    #[arg(long, value_name = "A..B", required_unless_present = "merge")]
    pub seeds: Option<String>,
    /// Bot policies, comma-separated, each playing every team: passive,
    /// baseline, cooperative, siloed, crews-only, refer-all, patrol-only,
    /// process-all.
    /// With --lessons, the policies the lessons compare are added.
    #[arg(long, value_name = "LIST")]
    pub bots: Option<String>,
    /// Turns per run [default: the whole exercise].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub turns: Option<u32>,
    /// Runs played at once [default: the number of cores].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1024))]
    pub jobs: Option<u32>,
    /// Play only the I-th of N interleaved slices of the seeds (from 1/N to N/N),
    /// to spread a sweep over machines; merge their --json files with --merge.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<String>,
    /// One JSON line per run on stdout instead of the table, sorted by
    /// scenario, policy (both as given) and seed.
    #[arg(long)]
    pub json: bool,
    /// Test the lessons each scenario declares (Welch's t-test, 5% level);
    /// exit status 1 if any does not hold.
    #[arg(long)]
    pub lessons: bool,
    /// Write the table (or the JSON lines) here instead of to stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Read the --json files of a sweep's shards and print what the whole
    /// sweep prints.
    #[arg(
        long,
        value_name = "FILE",
        num_args = 1..,
        conflicts_with_all = ["scenarios", "seeds", "bots", "turns", "jobs", "shard"]
    )]
    pub merge: Vec<PathBuf>,
}

/// A problem with an argument: one line, and the sweep does not start.
fn bad(problem: String) -> CliError {
    CliError::BadArgument(format!("undertow sweep: {problem}"))
}

/// `undertow sweep`.
pub fn sweep(args: &SweepArgs) -> Result<Outcome, CliError> {
    if !args.merge.is_empty() {
        return merge(args);
    }
    // Everything is checked before the first run starts.
    let (first, last) = parse_seeds(args.seeds.as_deref().unwrap_or_default())?;
    let bots = match &args.bots {
        Some(list) => parse_bots(list)?,
        None if args.lessons => Vec::new(),
        None => {
            return Err(bad(
                "--bots is needed: the policies to play, e.g. --bots baseline,cooperative".into(),
            ));
        }
    };
    let shard = match &args.shard {
        Some(text) => Shard::parse(text).map_err(|e| bad(format!("--shard {e}")))?,
        None => Shard { index: 1, count: 1 },
    };
    let seeds: Vec<u64> = shard.seeds(first, last).take(MAX_RUNS + 1).collect();
    let mut entries = Vec::new();
    for path in &args.scenarios {
        let loaded = scenario(path)?;
        let name = path.display().to_string();
        let mut policies = bots.clone();
        if args.lessons {
            for p in lesson_policies(&loaded.scenario.lessons) {
                if !policies.contains(&p) {
                    policies.push(p);
                }
            }
        }
        if policies.is_empty() {
            return Err(bad(format!(
                "{name} declares no lessons, so there is nothing to play: give --bots"
            )));
        }
        let setup = Setup::new(loaded.scenario, loaded.catalog)
            .map_err(|e| CliError::BadInput(format!("{name}: {e}")))?;
        entries.push(Entry {
            name,
            setup,
            policies,
        });
    }
    if args.lessons && seeds.len() < 2 {
        return Err(bad(
            "--lessons needs at least two seeds in the sweep (or shard) to test a difference"
                .into(),
        ));
    }
    let plan = Plan {
        entries,
        seeds,
        turns: args.turns,
    };
    if plan.total() > MAX_RUNS {
        return Err(bad(format!(
            "more than {MAX_RUNS} runs; split the sweep with --shard I/N"
        )));
    }
    let mut out = Output::open(args.output.as_deref())?;
    let stop = Arc::new(AtomicBool::new(false));
    interrupt_on_ctrl_c(&stop);
    let threads = match args.jobs {
        Some(n) => n as usize,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let mut shown = Shown {
        bar: Bar::on_terminal("runs"),
        out: &mut out,
        json: args.json,
        stop: &stop,
    };
    let swept = sweep::run_all(&plan, threads, &stop, &mut shown)?;
    drop(shown);
    if !args.json {
        out.write(&sweep::render_table(&swept.records))?;
    }
    let verdict = if args.lessons && !swept.interrupted {
        let lessons: Vec<(String, Vec<Lesson>)> = plan
            .entries
            .iter()
            .map(|e| (e.name.clone(), e.setup.scenario.lessons.clone()))
            .collect();
        judge_lessons(&lessons, &swept.records, args.json, &mut out)?
    } else {
        Outcome::Done
    };
    out.finish()?;
    if swept.interrupted && !out.closed {
        return Err(CliError::Interrupted {
            done: swept.records.len(),
            total: swept.total,
        });
    }
    Ok(verdict)
}

/// `undertow sweep --merge FILE...`: the shards' runs together, as the whole sweep prints them.
fn merge(args: &SweepArgs) -> Result<Outcome, CliError> {
    let mut records: Vec<RunRecord> = Vec::new();
    let mut seen: std::collections::BTreeMap<(String, &'static str, u64), usize> =
        Default::default();
    for path in &args.merge {
        let name = path.display().to_string();
        for (line, r) in sweep::read_records(path)?.into_iter().enumerate() {
            let key = (r.scenario.clone(), r.bots.name(), r.seed);
            match seen.get(&key) {
                Some(&i) if records[i] == r => {
                    tracing::warn!(
                        "{name}: {} with {}, seed {} is in more than one file; counted once",
                        r.scenario,
                        r.bots.name(),
                        r.seed
                    );
                }
                Some(_) => {
                    return Err(SweepError::Conflict {
                        path: name,
                        line: line + 1,
                        scenario: r.scenario,
                        bots: r.bots.name(),
                        seed: r.seed,
                    }
                    .into());
                }
                None => {
                    seen.insert(key, records.len());
                    records.push(r);
                }
            }
        }
    }
    // The order a whole sweep lists: scenarios and policies as they first
    // appear (each shard lists them as given), then seeds.
    let mut scenarios: Vec<&str> = Vec::new();
    let mut policies: Vec<(&str, Policy)> = Vec::new();
    for r in &records {
        if !scenarios.contains(&r.scenario.as_str()) {
            scenarios.push(&r.scenario);
        }
        if !policies.contains(&(r.scenario.as_str(), r.bots)) {
            policies.push((&r.scenario, r.bots));
        }
    }
    let rank = |r: &RunRecord| {
        (
            scenarios.iter().position(|s| *s == r.scenario),
            policies
                .iter()
                .position(|&(s, p)| s == r.scenario && p == r.bots),
            r.seed,
        )
    };
    let mut order: Vec<usize> = (0..records.len()).collect();
    order.sort_by_key(|&i| rank(&records[i]));
    let records: Vec<RunRecord> = order.into_iter().map(|i| records[i].clone()).collect();
    let mut out = Output::open(args.output.as_deref())?;
    if args.json {
        for r in &records {
            out.write_line(r)?;
        }
    } else {
        out.write(&sweep::render_table(&records))?;
    }
    let verdict = if args.lessons {
        let mut lessons = Vec::new();
        for name in records.iter().map(|r| r.scenario.as_str()) {
            if lessons.iter().any(|(n, _): &(String, _)| n == name) {
                continue;
            }
            let loaded = scenario(Path::new(name))?;
            lessons.push((name.to_string(), loaded.scenario.lessons));
        }
        judge_lessons(&lessons, &records, args.json, &mut out)?
    } else {
        Outcome::Done
    };
    out.finish()?;
    Ok(verdict)
}

/// Judge every scenario's lessons, printed after the table (on stderr when
/// stdout carries JSON lines); no if any does not hold.
fn judge_lessons(
    lessons: &[(String, Vec<Lesson>)],
    records: &[RunRecord],
    json: bool,
    out: &mut Output,
) -> Result<Outcome, CliError> {
    let mut all_hold = true;
    for (name, declared) in lessons {
        let verdicts = sweep::judge(name, declared, records);
        all_hold &= verdicts.iter().all(|v| v.holds);
        let text = sweep::render_verdicts(name, &verdicts);
        if json {
            eprint!("\n{text}");
        } else {
            out.write(&format!("\n{text}"))?;
        }
    }
    Ok(if all_hold { Outcome::Done } else { Outcome::No })
}

/// A scenario to sweep: one line if it cannot be read at all, every
/// problem with its place if it is invalid.
fn scenario(path: &Path) -> Result<load::Loaded, CliError> {
    let text = crate::scenario::read_source(path).map_err(|d| {
        let help = d.help.map(|h| format!(" ({h})")).unwrap_or_default();
        CliError::BadInput(format!("undertow sweep: {}: {}{help}", d.file, d.message))
    })?;
    load::scenario_text(&path.display().to_string(), text)
}

/// The policies a scenario's lessons compare, in order of first mention.
fn lesson_policies(lessons: &[Lesson]) -> Vec<Policy> {
    let mut out = Vec::new();
    for l in lessons {
        for name in [&l.policy, &l.than] {
            // Names were checked when the scenario loaded.
            if let Some(p) = Policy::from_name(name)
                && !out.contains(&p)
            {
                out.push(p);
            }
        }
    }
    out
}

/// `A..B`, both included (or one seed, `N`).
fn parse_seeds(text: &str) -> Result<(u64, u64), CliError> {
    let number = |s: &str| s.trim().parse::<u64>().ok();
    let range = match text.split_once("..") {
        Some((a, b)) => number(a).zip(number(b)),
        None => number(text).map(|n| (n, n)),
    };
    match range {
        Some((a, b)) if a > b => Err(bad(format!(
            "--seeds {text}: the first seed ({a}) is after the last ({b})"
        ))),
        Some(r) => Ok(r),
        None => Err(bad(format!(
            "--seeds `{text}` is not A..B: give the first and last seed, e.g. 1..200 (both included)"
        ))),
    }
}

/// A comma-separated list of policies, each once.
fn parse_bots(list: &str) -> Result<Vec<Policy>, CliError> {
    let names: Vec<&str> = Policy::ALL.iter().map(|p| p.name()).collect();
    let mut out = Vec::new();
    for name in list.split(',').map(str::trim) {
        let Some(policy) = Policy::from_name(name) else {
            let hint = match nearest(name, names.iter().copied()) {
                Some(near) => format!("did you mean `{near}`? "),
                None => String::new(),
            };
            let shown = if name.is_empty() { "(empty)" } else { name };
            return Err(bad(format!(
                "--bots: unknown policy `{shown}`; {hint}the policies are {}",
                names.join(", ")
            )));
        };
        if out.contains(&policy) {
            return Err(bad(format!("--bots: `{name}` is given twice")));
        }
        out.push(policy);
    }
    Ok(out)
}

/// Stop the sweep at the first Ctrl-C; a second one ends the process at once.
fn interrupt_on_ctrl_c(stop: &Arc<AtomicBool>) {
    use signal_hook::consts::SIGINT;
    // Without the handler Ctrl-C still ends the sweep, only without its summary.
    let _ = signal_hook::flag::register_conditional_shutdown(SIGINT, 130, Arc::clone(stop));
    let _ = signal_hook::flag::register(SIGINT, Arc::clone(stop));
}

/// Where the sweep's text goes: stdout or the -o file.
struct Output {
    sink: Box<dyn Write>,
    path: Option<String>,
    /// The reader went away (a closed pipe): nothing more is written.
    closed: bool,
}

impl Output {
    fn open(path: Option<&Path>) -> Result<Output, CliError> {
        let Some(path) = path else {
            return Ok(Output {
                sink: Box::new(std::io::BufWriter::new(std::io::stdout())),
                path: None,
                closed: false,
            });
        };
        let name = path.display().to_string();
        if super::report::holds_an_exercise(path) {
            return Err(CliError::Refused(format!(
                "{name}: is a journal or a codes file; a sweep is not written over it: choose another -o"
            )));
        }
        let file = std::fs::File::create(path).map_err(|source| CliError::Write {
            path: name.clone(),
            source,
        })?;
        Ok(Output {
            sink: Box::new(std::io::BufWriter::new(file)),
            path: Some(name),
            closed: false,
        })
    }

    fn write(&mut self, text: &str) -> Result<(), CliError> {
        if self.closed {
            return Ok(());
        }
        let written = self
            .sink
            .write_all(text.as_bytes())
            .and_then(|()| self.sink.flush());
        self.check(written)
    }

    fn write_line(&mut self, record: &RunRecord) -> Result<(), CliError> {
        let line = serde_json::to_string(record)?;
        self.write(&format!("{line}\n"))
    }

    fn finish(&mut self) -> Result<(), CliError> {
        let flushed = self.sink.flush();
        self.check(flushed)
    }

    fn check(&mut self, result: std::io::Result<()>) -> Result<(), CliError> {
        match result {
            Ok(()) => Ok(()),
            Err(e) if self.path.is_none() && e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            Err(source) => Err(CliError::Write {
                path: self.path.clone().unwrap_or_else(|| "stdout".into()),
                source,
            }),
        }
    }
}

/// What the sweep shows while it runs: the bar, and each run's JSON line as
/// soon as every run before it has finished.
struct Shown<'a> {
    bar: Option<Bar>,
    out: &'a mut Output,
    json: bool,
    stop: &'a AtomicBool,
}

impl sweep::Progress for Shown<'_> {
    fn tick(&mut self, done: usize, total: usize) {
        if let Some(bar) = &mut self.bar {
            bar.update(done, total);
        }
    }

    fn record(&mut self, record: &RunRecord) {
        if !self.json {
            return;
        }
        if let Some(bar) = &mut self.bar {
            bar.clear();
        }
        if self.out.write_line(record).is_err() || self.out.closed {
            // Nowhere to put the results: stop playing.
            self.stop.store(true, Ordering::Relaxed);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(e: CliError) -> String {
        e.to_string()
    }

    #[test]
    fn seeds_are_a_closed_range() {
        assert_eq!(parse_seeds("1..200").ok(), Some((1, 200)));
        assert_eq!(parse_seeds("7").ok(), Some((7, 7)));
        let e = problem(parse_seeds("9..3").unwrap_err());
        assert_eq!(
            e,
            "undertow sweep: --seeds 9..3: the first seed (9) is after the last (3)"
        );
        let e = problem(parse_seeds("1-5").unwrap_err());
        assert!(e.contains("is not A..B"), "{e}");
        assert_eq!(parse_seeds("").unwrap_err().status().code(), 2);
    }

    #[test]
    fn policies_are_named_once_each() {
        assert_eq!(
            parse_bots("baseline, crews-only").ok(),
            Some(vec![Policy::Baseline, Policy::CrewsOnly])
        );
        let e = problem(parse_bots("baseline,cooperativ").unwrap_err());
        assert!(
            e.contains("unknown policy `cooperativ`; did you mean `cooperative`?"),
            "{e}"
        );
        assert!(!e.contains('\n'), "one line: {e}");
        let e = problem(parse_bots("baseline,baseline").unwrap_err());
        assert!(e.contains("`baseline` is given twice"), "{e}");
        let e = problem(parse_bots("baseline,").unwrap_err());
        assert!(e.contains("unknown policy `(empty)`"), "{e}");
    }
}
