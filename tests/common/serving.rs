//! The tutorial served in this process on a free loopback port, for the
//! tests that play it over the network.

use std::collections::BTreeMap;
use std::path::Path;
use std::thread::JoinHandle;

use undertow::net::ServeError;
use undertow::net::server::{self, Codes, Limits, Options, Server};
use undertow::session::Session;

/// The scenario the network tests play.
pub const TUTORIAL: &str = "scenarios/tutorial.ron";

/// The tutorial's teams, in the order they sit.
pub const TEAMS: [&str; 3] = ["kesh_police", "maluna_police", "meridia_police"];

/// The thread serving an exercise, and how its serving ended.
pub type ServerThread = JoinHandle<Result<(), ServeError>>;

/// The tutorial at turn 0 under `seed`, journalled to `journal` if given.
pub fn tutorial(seed: u64, journal: Option<&Path>) -> Session {
    let text = std::fs::read_to_string(TUTORIAL).expect("scenario reads");
    let scenario = undertow::scenario::parse_scenario(TUTORIAL, &text).expect("parses");
    let catalog =
        undertow::scenario::resolve_catalog(&undertow::scenario::default_catalog(), &scenario);
    Session::start(TUTORIAL, &text, scenario, catalog, seed, journal).expect("session")
}

/// Serve `session` until `last_turn`, each team with a fresh code: where it
/// listens with the codes, and the thread serving it. `plain` speaks JSON
/// lines without the encrypted wire, for tests that read or write them.
pub fn serve(
    session: Session,
    last_turn: u32,
    limits: Limits,
    plain: bool,
) -> (Codes, ServerThread) {
    let teams: BTreeMap<String, String> = TEAMS
        .iter()
        .map(|t| (t.to_string(), server::new_code().expect("a code")))
        .collect();
    let opts = Options {
        bind: "127.0.0.1:0".into(),
        codes_out: None,
        last_turn,
        limits,
        plain,
    };
    let srv = Server::bind(session, &teams, &opts).expect("binds");
    let codes = Codes {
        address: srv.address().to_string(),
        teams,
    };
    (codes, std::thread::spawn(move || srv.run()))
}
