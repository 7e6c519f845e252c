//! `undertow join`: a team's client of a networked exercise.

use crate::bots::Policy;
use crate::net::client::{self, BotArgs};

/// Run `undertow join`; returns the exit status.
pub fn join(addr: &str, team: &str, code: &str, bot: Option<Policy>, think_ms: u64) -> i32 {
    let Some(policy) = bot else {
        eprintln!("the interactive client is not built yet: use --bot POLICY");
        return 2;
    };
    client::run_bot(&BotArgs {
        addr: addr.to_string(),
        team: team.to_string(),
        code: code.to_string(),
        policy,
        think_ms,
    })
}
