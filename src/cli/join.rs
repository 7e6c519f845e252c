//! `undertow join`: a team's client of a networked exercise: the team's own
//! screen driven by the server, or a bot playing a policy headless.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::{CliError, Outcome};
use crate::bots::Policy;
use crate::net::JoinError;
use crate::net::client::{self, BotArgs};
use crate::net::desk;
use crate::tui::{self, App, Theme};

/// How long the team's client tries to reach the server at the start.
const CONNECT_FOR: Duration = Duration::from_secs(5);

/// How long it tries to get back when the connection drops: long enough for
/// a facilitator to restart a server with `--resume`.
const RECONNECT_FOR: Duration = Duration::from_secs(60);

/// Arguments of `undertow join`.
#[derive(Debug, clap::Args)]
pub struct JoinArgs {
    /// The server's HOST:PORT.
    pub addr: String,
    #[arg(long)]
    pub team: String,
    #[arg(long)]
    pub code: String,
    /// Play this policy headless instead of at the screen (the team's
    /// screen, driven by the server, is the default).
    #[arg(long, value_enum)]
    pub bot: Option<Policy>,
    /// A bot waits this long before it is ready each turn.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub think_ms: u64,
    /// Speak plain JSON lines to a server started with `serve --plain`
    /// (unencrypted: only to a loopback address).
    #[arg(long)]
    pub plain: bool,
    /// Write the client's log to this file (appended to) while the screen
    /// is open; without it, the log is shown when the screen closes.
    #[arg(long, value_name = "FILE")]
    pub log: Option<PathBuf>,
}

/// `undertow join`: played to the end of the exercise or until the team
/// quits, or why the server would not have it.
pub fn join(args: &JoinArgs) -> Result<Outcome, CliError> {
    if args.plain {
        plain_only_to_loopback(&args.addr)?;
    }
    let Some(policy) = args.bot else {
        return interactive(
            &desk::JoinArgs {
                addr: args.addr.clone(),
                team: args.team.clone(),
                code: args.code.clone(),
                connect_for: CONNECT_FOR,
                reconnect_for: RECONNECT_FOR,
                plain: args.plain,
            },
            args.log.as_deref(),
        );
    };
    client::run_bot(&BotArgs {
        addr: args.addr.clone(),
        team: args.team.clone(),
        code: args.code.clone(),
        policy,
        think_ms: args.think_ms,
        plain: args.plain,
    })?;
    Ok(Outcome::Done)
}

/// `--plain` sends the code in the clear: only to a server on this machine.
fn plain_only_to_loopback(addr: &str) -> Result<(), CliError> {
    use std::net::ToSocketAddrs;
    let addrs: Vec<_> = addr
        .to_socket_addrs()
        .map(Iterator::collect)
        .unwrap_or_default();
    if !addrs.is_empty() && addrs.iter().all(|a| a.ip().is_loopback()) {
        return Ok(());
    }
    Err(JoinError::Refused(format!(
        "--plain would send the team's code in the clear, so it joins only a server on this machine (127.0.0.1 or ::1), not {addr}: drop --plain to encrypt"
    ))
    .into())
}

/// The team's screen over the network, until the team quits or the server
/// is gone for good.
fn interactive(args: &desk::JoinArgs, log: Option<&Path>) -> Result<Outcome, CliError> {
    let desk = desk::join(args)?;
    let team = desk.team();
    let mut app = App::remote(Box::new(desk), team, Theme::from_env());
    // Nothing may write to the terminal the screen owns.
    let screen_log = crate::logging::ScreenLog::to_file_or_held(log);
    let result = tui::run(&mut app);
    drop(screen_log);
    if let Some((status, message)) = app.lost() {
        return Err(JoinError::from_status(status, message).into());
    }
    result?;
    Ok(Outcome::Done)
}
