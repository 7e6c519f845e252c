//! Networked load: the release server (`undertow serve --headless`, a child
//! process) with one baseline bot client per team on loopback, a generated
//! scenario of 30 teams played for 52 turns. The figures behind the
//! "Networked play" section of `docs/BENCHMARKS.md`.
//!
//! Measured per turn: from the last team's `ready` leaving its client to the
//! last team's `view` of the committed turn read in full by its client (the
//! commit, its journal record made durable, 30 views built, serialised and
//! sent). And the server's peak resident memory (`VmHWM` in
//! `/proc/PID/status`) and CPU time.
//!
//! Run: `cargo bench --bench net` (or `-- --actors 1000 --teams 30 --turns 52`).
//! `UNDERTOW_BIN=path/to/undertow` serves with another build, to compare two.
//! The clients are threads of this process; each decides its orders before
//! it says ready, outside the measured span.

// A benchmark is test code: a failed unwrap there is a failed run, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::io::BufReader;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use undertow::bots::{BotKey, Policy};
use undertow::net::protocol::{self, ClientMsg, Line, ServerMsg};
use undertow::net::server::Codes;
use undertow::scenario::generate::{GenerateOptions, generate, to_ron};

const BIN: &str = env!("CARGO_BIN_EXE_undertow");

struct Args {
    actors: usize,
    teams: usize,
    turns: u32,
    seed: u64,
}

fn args() -> Result<Args, String> {
    let mut a = Args {
        actors: 200,
        teams: 30,
        turns: 52,
        seed: 1,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || -> Result<u64, String> {
            let v = it.next().ok_or(format!("{flag} needs a value"))?;
            v.parse().map_err(|e| format!("{flag} {v}: {e}"))
        };
        match flag.as_str() {
            "--actors" => a.actors = value()? as usize,
            "--teams" => a.teams = value()? as usize,
            "--turns" => a.turns = value()? as u32,
            "--seed" => a.seed = value()?,
            // What cargo passes to every bench.
            "--bench" => {}
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(a)
}

fn main() {
    let args = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    if let Err(e) = run(&args) {
        eprintln!("net bench: {e}");
        std::process::exit(1);
    }
}

// Timing the network is the point of this bench; no simulation reads the clock.
#[allow(clippy::disallowed_methods)]
fn now() -> Instant {
    Instant::now()
}

/// When each of a client's turns was readied and its results read.
#[derive(Default)]
struct Times {
    /// Planning turn → when `ready` was written.
    ready: BTreeMap<u32, Instant>,
    /// Committed turn → when its `view` line had been read in full.
    view: BTreeMap<u32, Instant>,
    /// Bytes of view lines received.
    bytes: usize,
}

fn run(args: &Args) -> Result<(), String> {
    let dir = std::env::temp_dir().join(format!("undertow-net-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let scenario = generate(&GenerateOptions {
        actors: args.actors,
        teams: args.teams,
        seed: args.seed,
    });
    let file = dir.join("load.ron");
    let text = to_ron(&scenario).map_err(|e| e.to_string())?;
    std::fs::write(&file, text).map_err(|e| e.to_string())?;
    let load_before = loadavg();
    let (mut server, codes) = serve(&dir, &file, args)?;
    let pid = server.id();
    let peak = Arc::new(Mutex::new((0u64, 0u64)));
    let watch = {
        let peak = Arc::clone(&peak);
        std::thread::spawn(move || {
            // The high-water mark only grows; the last reading is the peak.
            while let Some(m) = memory(pid) {
                *peak.lock().unwrap_or_else(|e| e.into_inner()) = m;
                std::thread::sleep(Duration::from_millis(20));
            }
        })
    };
    let started = now();
    let seats: Vec<_> = codes
        .teams
        .iter()
        .map(|(team, code)| {
            let (address, team, code) = (codes.address.clone(), team.clone(), code.clone());
            std::thread::spawn(move || seat(&address, &team, &code))
        })
        .collect();
    let mut times = Vec::new();
    for s in seats {
        times.push(s.join().map_err(|_| "a client panicked".to_string())??);
    }
    let wall = started.elapsed();
    let cpu = cpu_seconds(pid);
    let status = server.wait().map_err(|e| e.to_string())?;
    let _ = watch.join();
    let load_after = loadavg();
    if !status.success() {
        return Err(format!("the server exited with {status}"));
    }
    let mut spans: Vec<Duration> = Vec::new();
    let mut firsts: Vec<Duration> = Vec::new();
    for turn in 1..=args.turns {
        let last_ready = times.iter().filter_map(|t| t.ready.get(&turn)).max();
        let views: Vec<&Instant> = times.iter().filter_map(|t| t.view.get(&turn)).collect();
        match (last_ready, views.iter().min(), views.iter().max()) {
            (Some(r), Some(first), Some(all)) if views.len() == times.len() => {
                firsts.push(first.saturating_duration_since(*r));
                spans.push(all.saturating_duration_since(*r));
            }
            _ => return Err(format!("turn {turn} was not seen by every client")),
        }
    }
    let (hwm, rss) = *peak.lock().unwrap_or_else(|e| e.into_inner());
    let bytes: usize = times.iter().map(|t| t.bytes).sum();
    report(args, &spans, &firsts, hwm, rss, cpu, wall, bytes);
    println!("load average before: {load_before}");
    println!("load average after:  {load_after}");
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// Sorted milliseconds, and a quantile of them.
fn quantiles(spans: &[Duration]) -> (Vec<f64>, f64) {
    let mut ms: Vec<f64> = spans.iter().map(|d| d.as_secs_f64() * 1e3).collect();
    let mean = ms.iter().sum::<f64>() / ms.len().max(1) as f64;
    ms.sort_by(f64::total_cmp);
    (ms, mean)
}

fn at(ms: &[f64], q: f64) -> f64 {
    ms[((ms.len() - 1) as f64 * q).round() as usize]
}

fn report(
    args: &Args,
    spans: &[Duration],
    firsts: &[Duration],
    hwm_kib: u64,
    rss_kib: u64,
    cpu: Option<f64>,
    wall: Duration,
    bytes: usize,
) {
    println!(
        "{} teams, {} actors, {} turns, loopback",
        args.teams, args.actors, args.turns
    );
    let (ms, mean) = quantiles(spans);
    println!(
        "last ready -> all views read, per turn: min {:.1} ms, median {:.1} ms, mean {mean:.1} ms, p90 {:.1} ms, max {:.1} ms",
        at(&ms, 0.0),
        at(&ms, 0.5),
        at(&ms, 0.9),
        at(&ms, 1.0)
    );
    println!(
        "turns over 50 ms: {} of {}",
        ms.iter().filter(|m| **m > 50.0).count(),
        ms.len()
    );
    let (first, mean) = quantiles(firsts);
    println!(
        "last ready -> first view read: min {:.1} ms, median {:.1} ms, mean {mean:.1} ms",
        at(&first, 0.0),
        at(&first, 0.5)
    );
    println!(
        "server peak memory (VmHWM): {:.1} MiB (last VmRSS {:.1} MiB)",
        hwm_kib as f64 / 1024.0,
        rss_kib as f64 / 1024.0
    );
    if let Some(cpu) = cpu {
        println!(
            "server CPU (user + system): {cpu:.2} s, {:.1} ms a turn",
            cpu * 1e3 / f64::from(args.turns)
        );
    }
    println!(
        "views sent: {:.1} MiB in all, {:.0} KiB a view on average",
        bytes as f64 / (1024.0 * 1024.0),
        bytes as f64 / 1024.0 / (f64::from(args.turns) * args.teams as f64)
    );
    println!("whole run: {:.2} s", wall.as_secs_f64());
}

/// Start the release server on a free port; wait for its codes.
fn serve(dir: &Path, file: &Path, args: &Args) -> Result<(Child, Codes), String> {
    let codes_out = dir.join("codes.json");
    let log = std::fs::File::create(dir.join("serve.log")).map_err(|e| e.to_string())?;
    let journal: PathBuf = dir.join("load.journal");
    let bin = std::env::var_os("UNDERTOW_BIN").unwrap_or_else(|| BIN.into());
    let mut child = Command::new(&bin)
        .arg("serve")
        .arg(file)
        .args(["--seed", &args.seed.to_string(), "--journal"])
        .arg(&journal)
        .args(["--turns", &args.turns.to_string()])
        // The load clients speak JSON lines by hand.
        .args([
            "--bind",
            "127.0.0.1:0",
            "--headless",
            "--plain",
            "--codes-out",
        ])
        .arg(&codes_out)
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .map_err(|e| format!("{}: {e}", bin.to_string_lossy()))?;
    for _ in 0..600 {
        if let Ok(text) = std::fs::read_to_string(&codes_out)
            && let Ok(codes) = serde_json::from_str::<Codes>(&text)
        {
            return Ok((child, codes));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    Err("the server never wrote its codes".into())
}

/// One team's client: play the baseline from each view, noting the times.
fn seat(address: &str, team: &str, code: &str) -> Result<Times, String> {
    let stream = TcpStream::connect(address).map_err(|e| format!("{team}: {e}"))?;
    let _ = stream.set_nodelay(true);
    let mut out = stream.try_clone().map_err(|e| e.to_string())?;
    let mut reader = BufReader::new(stream);
    let hello = ClientMsg::Hello {
        version: protocol::VERSION,
        team: team.to_string(),
        code: code.to_string(),
    };
    protocol::write_msg(&mut out, &hello).map_err(|e| format!("{team}: {e}"))?;
    let mut times = Times::default();
    let mut key = None;
    loop {
        let line = match protocol::read_line(&mut reader, 1 << 28) {
            Ok(Line::Text(t)) => t,
            Ok(Line::TooLong) => return Err(format!("{team}: a line too long")),
            Ok(Line::Eof) => return Err(format!("{team}: the server hung up")),
            Err(e) => return Err(format!("{team}: {e}")),
        };
        let read_at = now();
        let view = match protocol::parse_server(&line).map_err(|e| e.to_string())? {
            ServerMsg::Welcome { key: k, view, .. } => {
                key = protocol::unhex32(&k).map(BotKey);
                view
            }
            ServerMsg::View { view } => {
                times.view.insert(view.turn - 1, read_at);
                times.bytes += line.len();
                view
            }
            ServerMsg::Finished { .. } => return Ok(times),
            ServerMsg::Error { message } => return Err(format!("{team}: {message}")),
            _ => continue,
        };
        if view.turn > view.turns {
            continue;
        }
        let Some(k) = &key else {
            return Err(format!("{team}: a view before the welcome"));
        };
        let orders = Policy::Baseline.decide(&view, k);
        protocol::write_msg(&mut out, &ClientMsg::Orders { orders })
            .and_then(|()| protocol::write_msg(&mut out, &ClientMsg::Ready))
            .map_err(|e| format!("{team}: {e}"))?;
        times.ready.insert(view.turn, now());
    }
}

/// `VmHWM` and `VmRSS` of a live process, in KiB.
fn memory(pid: u32) -> Option<(u64, u64)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
    };
    // A zombie has no memory fields: the process is over.
    Some((field("VmHWM:")?, field("VmRSS:")?))
}

/// User + system CPU seconds of a live (or not yet reaped) process.
fn cpu_seconds(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the parenthesised command name; utime and stime are 14 and 15.
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    // USER_HZ is 100 on Linux.
    Some(ticks / 100.0)
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|_| "?".into())
}
