//! The App at a team's own terminal and at the serving machine's console,
//! on ratatui's TestBackend: a scripted server for the team's desk, and a
//! real server on loopback for the console.

use std::io::BufReader;
use std::net::TcpStream;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use crossterm::event::KeyCode;

use super::app::Screen;
use super::console::ConsoleDialog;
use super::fixture::{TempDir, press, render};
use super::team::TeamDialog;
use super::*;
use crate::net::desk::{Incoming, Joined, RemoteDesk};
use crate::net::protocol::{self, ClientMsg, Line, ServerMsg};
use crate::session::Session;

use crate::engine::setup::TeamIx;
use crate::session::tutorial as session;

const KESH: &str = "Kesh Police, Anti-Smuggling Cell";

fn key(app: &mut App, c: char) {
    press(app, KeyCode::Char(c));
}

/// The server's side of a scripted connection: the whole session, what the
/// client sent, and the line to the client's desk.
struct Script {
    server: Session,
    from_client: Receiver<ClientMsg>,
    to_client: Sender<Incoming>,
}

impl Script {
    fn say(&self, msg: ServerMsg) {
        self.to_client
            .send(Incoming::Msg(msg))
            .unwrap_or_else(|e| panic!("the desk is gone: {e}"));
    }

    /// Everything the client has sent so far.
    fn heard(&self) -> Vec<ClientMsg> {
        self.from_client.try_iter().collect()
    }

    /// Apply what the client sent, answering orders as the server does.
    fn serve(&mut self) -> Vec<ClientMsg> {
        let heard = self.heard();
        for m in &heard {
            match m {
                ClientMsg::Orders { orders } => {
                    self.server.set_orders(TeamIx(0), orders.clone());
                    self.say(ServerMsg::Accepted {
                        view: Box::new(self.server.view(TeamIx(0))),
                    });
                }
                ClientMsg::Ready => self.server.set_ready(TeamIx(0), true),
                ClientMsg::Unready => self.server.set_ready(TeamIx(0), false),
                _ => {}
            }
        }
        heard
    }
}

/// Kesh's own terminal over a scripted server.
fn remote() -> (App, Script) {
    let server = session(None);
    let joined = Joined {
        team: "kesh_police".into(),
        brief: crate::view::brief(server.setup()),
        view: server.view(TeamIx(0)),
        queued: Vec::new(),
        ready: false,
    };
    let (out_tx, out_rx) = mpsc::channel();
    let (in_tx, in_rx) = mpsc::channel();
    let desk = RemoteDesk::new(joined, out_tx, in_rx).unwrap_or_else(|e| panic!("the desk: {e}"));
    let app = App::remote(Box::new(desk), TeamIx(0), Theme::new(false));
    (
        app,
        Script {
            server,
            from_client: out_rx,
            to_client: in_tx,
        },
    )
}

#[test]
fn a_team_terminal_plays_its_turn_through_the_server() {
    let (mut app, mut script) = remote();
    assert_eq!(app.screen(), Screen::Briefing);
    let s = render(&mut app, 80, 24);
    assert!(s.contains("Turn 1/8"), "{s}");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen(), Screen::Team);
    let s = render(&mut app, 80, 24);
    assert!(s.contains("Turn 1/8") && s.contains(KESH), "{s}");
    assert!(s.contains("4/4 cap"), "{s}");

    // Queue analysis: the order goes to the server, which answers with the
    // capacity it leaves.
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.team_dialog(), Some(TeamDialog::Order(_))));
    press(&mut app, KeyCode::Enter);
    let heard = script.serve();
    assert!(
        matches!(heard.as_slice(), [ClientMsg::Orders { orders }] if orders.len() == 1),
        "{heard:?}"
    );
    app.poll();
    let s = render(&mut app, 80, 24);
    assert!(s.contains("3/4 cap"), "{s}");

    // Ready (yes, with capacity left), then not ready, then ready again:
    // each goes to the server.
    key(&mut app, 'r');
    let s = render(&mut app, 80, 24);
    assert!(
        s.contains("3 of 4 points unused: end the turn? (y/n)"),
        "{s}"
    );
    key(&mut app, 'y');
    key(&mut app, 'r');
    key(&mut app, 'r');
    key(&mut app, 'y');
    assert_eq!(
        script.serve(),
        vec![ClientMsg::Ready, ClientMsg::Unready, ClientMsg::Ready]
    );
    assert!(app.is_ready(TeamIx(0)));
    assert_eq!(app.screen(), Screen::Team);

    // The server plays the turn (bots in the other seats) and sends the view.
    for t in 1..3 {
        let o = script
            .server
            .bot_orders(TeamIx(t), crate::bots::Policy::Baseline);
        script.server.set_orders(TeamIx(t), o);
    }
    let outcome = script
        .server
        .commit()
        .unwrap_or_else(|e| panic!("commit: {e}"));
    script.say(ServerMsg::View {
        view: Box::new(script.server.view(TeamIx(0))),
    });
    script.say(ServerMsg::TurnCommitted {
        turn: outcome.turn,
        state_hash: outcome.state_hash,
    });
    app.poll();
    let s = render(&mut app, 80, 24);
    assert!(s.contains("Turn 2/8") && s.contains("Turn 1 played"), "{s}");
    assert!(!app.is_ready(TeamIx(0)));
    assert!(s.contains("Nothing queued"), "{s}");

    // Exercise control takes the turn back.
    script.say(ServerMsg::Undone { turn: 1 });
    script.say(ServerMsg::View {
        view: Box::new(session(None).view(TeamIx(0))),
    });
    app.poll();
    let s = render(&mut app, 80, 24);
    assert!(
        s.contains("Turn 1/8") && s.contains("took back turn 1"),
        "{s}"
    );
}

#[test]
fn a_team_terminal_has_help_quit_and_no_exercise_control() {
    let (mut app, _script) = remote();
    press(&mut app, KeyCode::Enter);
    // F opens nothing: the truth is not behind this keyboard.
    key(&mut app, 'F');
    assert!(!app.dialog_open());
    assert_eq!(app.screen(), Screen::Team);
    key(&mut app, '?');
    let s = render(&mut app, 80, 24);
    assert!(s.contains("Help"), "{s}");
    assert!(!s.contains("exercise control"), "{s}");
    press(&mut app, KeyCode::Esc);
    key(&mut app, 'q');
    let s = render(&mut app, 80, 24);
    assert!(s.contains("Quit? (y/n)"), "{s}");
    key(&mut app, 'n');
    assert!(!app.should_quit());
    key(&mut app, 'q');
    key(&mut app, 'y');
    assert!(app.should_quit());
    assert_eq!(app.lost(), None);
}

#[test]
fn a_team_terminal_says_it_is_reconnecting_and_refuses_changes_meanwhile() {
    let (mut app, mut script) = remote();
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    script.serve();
    app.poll();
    script
        .to_client
        .send(Incoming::Reconnecting(
            "the server closed the connection".into(),
        ))
        .unwrap_or_else(|e| panic!("{e}"));
    app.poll();
    let s = render(&mut app, 80, 24);
    assert!(s.contains("reconnecting"), "{s}");
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    // The footer keeps saying why nothing goes through.
    assert!(app.status().is_some_and(|s| s.contains("reconnecting")));
    assert!(script.heard().is_empty());

    // Back in the seat after a restart: the server's word on orders and
    // readiness stands, and the team is told its orders are gone.
    let server = session(None);
    script.say(ServerMsg::Welcome {
        version: protocol::VERSION,
        team: "kesh_police".into(),
        key: String::new(),
        brief: Box::new(crate::view::brief(server.setup())),
        view: Box::new(server.view(TeamIx(0))),
        queued: Vec::new(),
        ready: true,
    });
    app.poll();
    assert!(app.is_ready(TeamIx(0)));
    assert!(
        app.status().is_some_and(|s| s.contains("queue them again")),
        "{:?}",
        app.status()
    );
    let s = render(&mut app, 80, 24);
    assert!(s.contains("Nothing queued"), "{s}");

    // Gone for good: the client quits with the exit status it was given.
    script
        .to_client
        .send(Incoming::Lost {
            status: 3,
            message: "gave up".into(),
        })
        .unwrap_or_else(|e| panic!("{e}"));
    app.poll();
    assert!(app.should_quit());
    assert_eq!(app.lost(), Some((3, "gave up")));
}

#[test]
fn a_server_that_hangs_up_for_good_ends_the_team_terminal_with_exit_3() {
    let (mut app, script) = remote();
    drop(script);
    app.poll();
    assert!(app.should_quit());
    assert_eq!(app.lost().map(|(s, _)| s), Some(3));
}

/// A server for this session on a free port, playing to `last_turn`; each
/// team's code is `code-TEAM`.
fn serve_in_background(s: Session, last_turn: u32) -> crate::net::server::Running {
    use crate::net::server::{Limits, Options, Server};
    let codes: std::collections::BTreeMap<String, String> = s
        .setup()
        .teams
        .iter()
        .map(|t| (t.id.clone(), format!("code-{}", t.id)))
        .collect();
    let opts = Options {
        bind: "127.0.0.1:0".into(),
        codes_out: None,
        last_turn,
        limits: Limits::default(),
        // The tests speak raw JSON lines to it.
        plain: true,
    };
    Server::bind(s, &codes, &opts)
        .and_then(Server::start)
        .unwrap_or_else(|e| panic!("the server did not start: {e}"))
}

/// A raw team client: hello, then the messages as they come.
fn raw_client(address: &str, team: &str, code: &str) -> (TcpStream, BufReader<TcpStream>) {
    let s = TcpStream::connect(address).unwrap_or_else(|e| panic!("connect: {e}"));
    let _ = s.set_read_timeout(Some(Duration::from_secs(20)));
    let mut w = s.try_clone().unwrap_or_else(|e| panic!("{e}"));
    let hello = ClientMsg::Hello {
        version: protocol::VERSION,
        team: team.into(),
        code: code.into(),
    };
    protocol::write_msg(&mut w, &hello).unwrap_or_else(|e| panic!("{e}"));
    (w, BufReader::new(s))
}

/// The next message from the server, the console's clock aside (it comes
/// whenever the console ticks).
fn next_msg(r: &mut BufReader<TcpStream>) -> ServerMsg {
    loop {
        match protocol::read_line(r, 1 << 26) {
            Ok(Line::Text(t)) => match protocol::parse_server(&t) {
                Ok(ServerMsg::Clock { .. }) => continue,
                Ok(m) => return m,
                Err(e) => panic!("{e}"),
            },
            Ok(Line::TooLong) => continue,
            other => panic!("the server went away: {other:?}"),
        }
    }
}

#[test]
fn the_console_over_a_served_session_plays_a_turn_and_every_team_hears_it() {
    let dir = TempDir::new("console");
    let journal = dir.0.join("c.journal");
    let s = session(Some(&journal));
    let server = serve_in_background(s, 2);
    let mut app = App::console(Box::new(server.console()), None, Theme::new(false));
    assert_eq!(app.screen(), Screen::WhiteCell);

    // Maluna joins as a raw client and is ready: with a console, that alone
    // plays nothing.
    let (mut w, mut r) = raw_client(server.address(), "maluna_police", "code-maluna_police");
    let ServerMsg::Welcome { view, .. } = next_msg(&mut r) else {
        panic!("no welcome");
    };
    assert_eq!(view.turn, 1);
    assert!(matches!(next_msg(&mut r), ServerMsg::Standing { .. }));
    protocol::write_msg(&mut w, &ClientMsg::Ready).unwrap_or_else(|e| panic!("{e}"));
    let mut polls = 0;
    while !app.truth().is_some_and(|t| t.teams[1].ready) {
        std::thread::sleep(Duration::from_millis(20));
        app.poll();
        polls += 1;
        assert!(polls < 500, "the console never saw Maluna ready");
    }
    let s = render(&mut app, 160, 48);
    assert!(s.contains("ready 1/3") && s.contains("Turn 1/8"), "{s}");
    assert!(s.contains("is ready"), "{s}");

    // Advance: the others are not ready, so it asks; then the turn is played,
    // journalled, and Maluna gets its view of turn 2.
    key(&mut app, 'a');
    assert!(matches!(
        app.console_dialog(),
        Some(ConsoleDialog::ConfirmAdvance)
    ));
    key(&mut app, 'y');
    assert_eq!(app.turn(), 1);
    let s = render(&mut app, 160, 48);
    assert!(s.contains("Turn 2/8"), "{s}");
    let ServerMsg::View { view } = next_msg(&mut r) else {
        panic!("no view after the turn");
    };
    assert_eq!(view.turn, 2);
    let ServerMsg::Standing { standing } = next_msg(&mut r) else {
        panic!("no standing after the view");
    };
    assert_eq!(standing.turn, 1);
    assert!(matches!(
        next_msg(&mut r),
        ServerMsg::TurnCommitted { turn: 1, .. }
    ));
    let recorded = crate::journal::read(&journal).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(recorded.turns().len(), 1);

    // Undo: Maluna is told, and sees turn 1 again.
    key(&mut app, 'u');
    key(&mut app, 'y');
    assert_eq!(app.turn(), 0);
    assert!(matches!(next_msg(&mut r), ServerMsg::Undone { turn: 1 }));
    let ServerMsg::View { view } = next_msg(&mut r) else {
        panic!("no view after the undo");
    };
    assert_eq!(view.turn, 1);

    // The server's last turn (2 here): the console says the exercise is over.
    key(&mut app, 'a');
    key(&mut app, 'y');
    key(&mut app, 'a');
    key(&mut app, 'y');
    assert_eq!(app.turn(), 2);
    assert!(app.finished());
    assert!(
        app.status().is_some_and(|s| s.contains("over")),
        "{:?}",
        app.status()
    );
    server.close();
}

#[test]
fn the_console_plays_the_turn_when_its_timer_runs_out_unless_paused() {
    let dir = TempDir::new("timer");
    let s = session(Some(&dir.0.join("t.journal")));
    let server = serve_in_background(s, 8);
    let mut app = App::console(
        Box::new(server.console()),
        Some(Duration::from_secs(60)),
        Theme::new(false),
    );
    key(&mut app, 'p');
    app.update(Action::Tick(Duration::from_secs(90)));
    assert_eq!(app.turn(), 0, "a paused clock does not run out");
    key(&mut app, 'p');
    app.update(Action::Tick(Duration::from_secs(59)));
    assert_eq!(app.turn(), 0);
    app.update(Action::Tick(Duration::from_secs(2)));
    assert_eq!(app.turn(), 1);
    let s = render(&mut app, 160, 48);
    assert!(s.contains("timer ran out"), "{s}");
    server.close();
}

/// Poll the app until `done` holds of it, failing after a while.
fn poll_until(app: &mut App, what: &str, done: impl Fn(&mut App) -> bool) {
    for _ in 0..500 {
        app.poll();
        if done(app) {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("never saw {what}");
}

#[test]
fn the_join_tab_shows_each_teams_command_its_code_hidden_until_v() {
    let server = serve_in_background(session(None), 2);
    let mut app = App::console(Box::new(server.console()), None, Theme::new(false));
    for _ in 0..5 {
        press(&mut app, KeyCode::Tab);
    }
    let s = render(&mut app, 80, 24);
    let addr = server.address();
    assert!(s.contains("[Join]"), "{s}");
    assert!(s.contains(&format!("Teams join at {addr}")), "{s}");
    assert!(
        s.contains(&format!(
            "undertow join {addr} --team kesh_police --code ••••"
        )),
        "{s}"
    );
    assert!(
        !s.contains("code-kesh_police"),
        "a code shows before v:\n{s}"
    );
    key(&mut app, 'v');
    let s = render(&mut app, 80, 24);
    assert!(s.contains("--code code-kesh_police"), "{s}");
    // Leaving the tab hides them again.
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::BackTab);
    let s = render(&mut app, 80, 24);
    assert!(!s.contains("code-kesh_police"), "{s}");

    // The Teams tab says how each seat is filled.
    let (mut bot_w, mut bot_r) = raw_client(addr, "meridia_police", "code-meridia_police");
    assert!(matches!(next_msg(&mut bot_r), ServerMsg::Welcome { .. }));
    protocol::write_msg(&mut bot_w, &ClientMsg::Bot).unwrap_or_else(|e| panic!("{e}"));
    let (kesh_w, _kesh_r) = raw_client(addr, "kesh_police", "code-kesh_police");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    poll_until(&mut app, "a bot and a connected team", |app| {
        let s = render(app, 80, 24);
        s.contains("bot") && s.contains("connected") && s.contains("not joined")
    });
    let _ = kesh_w.shutdown(std::net::Shutdown::Both);
    poll_until(&mut app, "Kesh dropped", |app| {
        render(app, 80, 24).contains("dropped")
    });
}

#[test]
fn white_cell_words_and_the_pause_reach_a_team_at_once() {
    let server = serve_in_background(session(None), 2);
    let mut app = App::console(Box::new(server.console()), None, Theme::new(false));
    let (_w, mut r) = raw_client(server.address(), "maluna_police", "code-maluna_police");
    assert!(matches!(next_msg(&mut r), ServerMsg::Welcome { .. }));
    assert!(matches!(next_msg(&mut r), ServerMsg::Standing { .. }));
    key(&mut app, 't');
    press(&mut app, KeyCode::Enter);
    app.paste("fifteen minutes left");
    press(&mut app, KeyCode::Enter);
    let ServerMsg::Announcement { turn, text } = next_msg(&mut r) else {
        panic!("no announcement");
    };
    assert_eq!(
        (turn, text.as_str()),
        (1, "WHITE CELL fifteen minutes left")
    );
    // A team that joins later hears it too, after its welcome.
    let (_w2, mut r2) = raw_client(server.address(), "kesh_police", "code-kesh_police");
    assert!(matches!(next_msg(&mut r2), ServerMsg::Welcome { .. }));
    assert!(matches!(next_msg(&mut r2), ServerMsg::Standing { .. }));
    let heard = loop {
        match protocol::read_line(&mut r2, 1 << 26) {
            Ok(Line::Text(t)) => match protocol::parse_server(&t) {
                Ok(ServerMsg::Announcement { text, .. }) => break text,
                Ok(_) => continue,
                Err(e) => panic!("{e}"),
            },
            other => panic!("the server went away: {other:?}"),
        }
    };
    assert_eq!(heard, "WHITE CELL fifteen minutes left");
    // The pause goes out as it happens.
    key(&mut app, 'p');
    let paused = loop {
        match protocol::read_line(&mut r, 1 << 26) {
            Ok(Line::Text(t)) => match protocol::parse_server(&t) {
                Ok(ServerMsg::Clock { paused: true, .. }) => break true,
                Ok(_) => continue,
                Err(e) => panic!("{e}"),
            },
            other => panic!("the server went away: {other:?}"),
        }
    };
    assert!(paused);
}

#[test]
fn a_team_terminal_shows_the_pause_the_time_left_and_exercise_controls_words() {
    let (mut app, script) = remote();
    press(&mut app, KeyCode::Enter);
    script.say(ServerMsg::Clock {
        paused: false,
        seconds_left: Some(14 * 60 + 30),
    });
    app.poll();
    let s = render(&mut app, 80, 24);
    assert!(
        s.contains("⏱ 14:30 left") || s.contains("⏱ 14:29 left"),
        "{s}"
    );
    script.say(ServerMsg::Clock {
        paused: true,
        seconds_left: Some(600),
    });
    script.say(ServerMsg::Announcement {
        turn: 1,
        text: "WHITE CELL fifteen minutes left".into(),
    });
    // Words for a turn already played are not news.
    script.say(ServerMsg::Announcement {
        turn: 0,
        text: "WHITE CELL stale".into(),
    });
    app.poll();
    let s = render(&mut app, 80, 24);
    assert!(s.contains("‖ paused"), "{s}");
    assert!(s.contains("now  ! WHITE CELL fifteen minutes left"), "{s}");
    assert!(!s.contains("stale"), "{s}");
    // Ready while paused says so, not "played soon".
    key(&mut app, 'r');
    key(&mut app, 'y');
    assert!(
        app.status().is_some_and(|m| m.contains("paused")),
        "{:?}",
        app.status()
    );
    // A message of a later protocol addition is skipped.
    script.say(ServerMsg::Unknown);
    app.poll();
    assert_eq!(app.screen(), Screen::Team);
}
