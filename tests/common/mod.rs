//! Shared pieces of the integration tests.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]
#![allow(dead_code)]

use std::collections::BTreeMap;

use undertow::bots::Policy;
use undertow::engine::setup::{Setup, TeamIx};
use undertow::session::Session;

pub mod serving;

/// A minimal network for engine tests: one sea route, one land alternative.
pub const MINI: &str = include_str!("../fixtures/engine/mini.ron");

/// The mini scenario, indexed against the shipped catalogue.
pub fn mini() -> Setup {
    let scenario = undertow::scenario::parse_scenario("mini.ron", MINI).expect("mini parses");
    let catalog =
        undertow::scenario::resolve_catalog(&undertow::scenario::default_catalog(), &scenario);
    Setup::new(scenario, catalog).expect("mini indexes")
}

/// Play a shipped scenario to its end with one policy in every seat; the final metrics.
pub fn play_to_end(path: &str, policy: Policy, seed: u64) -> BTreeMap<String, i64> {
    let text = std::fs::read_to_string(path).expect("scenario reads");
    let scenario = undertow::scenario::parse_scenario(path, &text).expect("scenario parses");
    let catalog =
        undertow::scenario::resolve_catalog(&undertow::scenario::default_catalog(), &scenario);
    let mut session = Session::start(path, &text, scenario, catalog, seed, None).expect("session");
    while !session.finished() {
        for t in TeamIx::all(session.setup().teams.len()) {
            let o = session.bot_orders(t, policy);
            session.set_orders(t, o);
        }
        session.commit().expect("commit");
    }
    session
        .outcomes()
        .last()
        .expect("turns")
        .metrics
        .metrics
        .clone()
}

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_undertow");

/// Run the binary with these arguments.
pub fn undertow(args: &[&str]) -> std::process::Output {
    std::process::Command::new(BIN)
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Output bytes as text, for messages and comparisons.
pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Assert that a command exited with `code` and said `what` on stderr.
pub fn exits_saying(out: &std::process::Output, code: i32, what: &str) {
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(code), "{err}");
    assert!(
        err.contains(what),
        "expected {what:?} on stderr, got: {err}"
    );
}

/// A path as the `&str` a command line takes.
pub fn s(p: &std::path::Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// A fresh scratch directory for one test.
pub fn scratch(suite: &str, name: &str) -> std::path::PathBuf {
    let dir = scratch_path(suite, name);
    let _ = std::fs::create_dir_all(&dir);
    dir
}

/// Where one test of a suite keeps its files; the process id keeps two runs apart.
fn scratch_path(suite: &str, name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("undertow-{suite}-{}-{name}", std::process::id()))
}

/// A scratch directory of one test's own, empty at first and removed when
/// dropped, however the test ends.
pub struct Scratch(pub std::path::PathBuf);

impl Scratch {
    /// The directory of test `name` in `suite`, emptied of what an earlier run left.
    pub fn new(suite: &str, name: &str) -> Scratch {
        let dir = scratch_path(suite, name);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("create {}: {e}", dir.display()));
        Scratch(dir)
    }

    /// Write a file in it; the file's path.
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> std::path::PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The real networks in `../shared/data`, beside the repository (never
/// copied into it). Without them the calling test is skipped with a line
/// saying so, except under `UNDERTOW_REQUIRE_DATA=1` (CI sets it), where
/// their absence fails the test instead of passing it silently.
pub fn shared_data(test: &str) -> Option<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    if dir.is_dir() {
        return Some(dir);
    }
    let required = std::env::var("UNDERTOW_REQUIRE_DATA").is_ok_and(|v| v == "1");
    assert!(
        !required,
        "{test}: UNDERTOW_REQUIRE_DATA=1, but the real data is not at {}",
        dir.display()
    );
    eprintln!(
        "skipping {test}: the real data is not at {} (it lives outside the repository; set UNDERTOW_REQUIRE_DATA=1 to make this a failure)",
        dir.display()
    );
    None
}
