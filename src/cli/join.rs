//! `undertow join`: a team's client of a networked exercise: the team's own
//! screen driven by the server, or a bot playing a policy headless.

use std::time::Duration;

use crate::bots::Policy;
use crate::net::client::{self, BotArgs};
use crate::net::desk::{self, JoinArgs};
use crate::tui::{self, App, Theme};

/// How long the team's client tries to reach the server at the start.
const CONNECT_FOR: Duration = Duration::from_secs(5);

/// How long it tries to get back when the connection drops: long enough for
/// a facilitator to restart a server with `--resume`.
const RECONNECT_FOR: Duration = Duration::from_secs(60);

/// Run `undertow join`; returns the exit status (0 done, 1 rejected, 3 unreachable).
pub fn join(addr: &str, team: &str, code: &str, bot: Option<Policy>, think_ms: u64) -> i32 {
    let Some(policy) = bot else {
        return interactive(&JoinArgs {
            addr: addr.to_string(),
            team: team.to_string(),
            code: code.to_string(),
            connect_for: CONNECT_FOR,
            reconnect_for: RECONNECT_FOR,
        });
    };
    client::run_bot(&BotArgs {
        addr: addr.to_string(),
        team: team.to_string(),
        code: code.to_string(),
        policy,
        think_ms,
    })
}

/// The team's screen over the network, until the team quits or the server
/// is gone for good.
fn interactive(args: &JoinArgs) -> i32 {
    let desk = match desk::join(args) {
        Ok(d) => d,
        Err((status, message)) => {
            eprintln!("{message}");
            return status;
        }
    };
    let team = desk.team();
    let mut app = App::remote(Box::new(desk), team, Theme::from_env());
    // Nothing may write to the terminal the screen owns.
    let screen_log = crate::logging::ScreenLog::start(None);
    let result = tui::run(&mut app);
    drop(screen_log);
    if let Some((status, message)) = app.lost() {
        eprintln!("{message}");
        return status;
    }
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("{e}");
            1
        }
    }
}
