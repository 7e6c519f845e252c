//! A team's interactive client over a real server on loopback, in process:
//! the App on a TestBackend, driven by key presses, with bot clients in the
//! other seats. The turns it plays are the turns a headless session plays
//! with the same orders.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

use std::collections::BTreeMap;
use std::time::Duration;
use undertow::engine::setup::TeamIx;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use undertow::bots::Policy;
use undertow::engine::orders::{Order, Target};
use undertow::net::client::{self, BotArgs};
use undertow::net::desk::{self, JoinArgs};
use undertow::net::server::{self, Limits, Options, Server};
use undertow::scenario::ActionKind;
use undertow::session::Session;
use undertow::tui::{App, Screen, Theme, frame};

mod common;

const TUTORIAL: &str = include_str!("../scenarios/tutorial.ron");

fn tutorial(journal: Option<&std::path::Path>) -> Session {
    let scenario = undertow::scenario::parse_scenario("tutorial.ron", TUTORIAL).expect("parses");
    let catalog =
        undertow::scenario::resolve_catalog(&undertow::scenario::default_catalog(), &scenario);
    let seed = scenario.seed;
    Session::start("tutorial.ron", TUTORIAL, scenario, catalog, seed, journal).expect("session")
}

/// A server for this session on a free port, playing to `last_turn`.
fn serve_in_background(
    session: Session,
    codes: &BTreeMap<String, String>,
    last_turn: u32,
) -> server::Running {
    let opts = Options {
        bind: "127.0.0.1:0".into(),
        codes_out: None,
        last_turn,
        limits: Limits::default(),
        // The real wire: this is the client a team runs.
        plain: false,
    };
    Server::bind(session, codes, &opts)
        .and_then(Server::start)
        .unwrap_or_else(|e| panic!("the server did not start: {e}"))
}

fn press(app: &mut App, code: KeyCode) {
    let ev = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    if let Some(a) = app.action_for(&ev) {
        app.update(a);
    }
}

fn screen(app: &mut App, term: &mut Terminal<TestBackend>) -> String {
    app.poll();
    term.draw(|f| frame::draw(app, f)).expect("draws");
    term.backend().to_string()
}

/// Poll and draw until the screen shows `text`.
fn wait_for(app: &mut App, term: &mut Terminal<TestBackend>, text: &str) -> String {
    for _ in 0..600 {
        let s = screen(app, term);
        if s.contains(text) {
            return s;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("never saw {text:?}; the screen was:\n{}", screen(app, term));
}

#[test]
fn an_interactive_team_over_the_network_plays_what_a_headless_session_plays() {
    let dir = common::scratch("net-client", "interactive");
    let journal = dir.join("i.journal");
    let _ = std::fs::remove_file(&journal);
    let session = tutorial(Some(&journal));
    let codes: BTreeMap<String, String> = session
        .setup()
        .teams
        .iter()
        .map(|t| (t.id.clone(), format!("code-for-{}", t.id)))
        .collect();
    let server = serve_in_background(session, &codes, 2);
    let address = server.address().to_string();
    // Headless: the server plays each turn once every team is ready.
    let server = std::thread::spawn(move || server.wait());
    let bots: Vec<_> = ["maluna_police", "meridia_police"]
        .into_iter()
        .map(|team| {
            let args = BotArgs {
                addr: address.clone(),
                team: team.into(),
                code: codes[team].clone(),
                policy: Policy::Baseline,
                think_ms: 0,
                plain: false,
            };
            std::thread::spawn(move || client::run_bot(&args))
        })
        .collect();

    let desk = desk::join(&JoinArgs {
        addr: address.clone(),
        team: "kesh_police".into(),
        code: codes["kesh_police"].clone(),
        connect_for: Duration::from_secs(5),
        reconnect_for: Duration::from_secs(5),
        plain: false,
    })
    .unwrap_or_else(|e| panic!("join failed ({:?}): {e}", e.status()));
    let team = desk.team();
    let mut app = App::remote(Box::new(desk), team, Theme::new(false));
    let mut term = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    app.update(undertow::tui::Action::Resize {
        width: 80,
        height: 24,
    });

    let s = wait_for(&mut app, &mut term, "Turn 1/8");
    assert!(s.contains("Briefing"), "{s}");
    press(&mut app, KeyCode::Enter);
    let s = screen(&mut app, &mut term);
    assert!(s.contains("Kesh Police, Anti-Smuggling Cell"), "{s}");
    // Queue analysis (the first action, no target) and be ready.
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    wait_for(&mut app, &mut term, "3/4 cap");
    // Capacity is left: `r` asks first, and `y` ends the turn.
    press(&mut app, KeyCode::Char('r'));
    wait_for(
        &mut app,
        &mut term,
        "3 of 4 points unused: end the turn? (y/n)",
    );
    press(&mut app, KeyCode::Char('y'));
    wait_for(&mut app, &mut term, "Turn 2/8");
    // Turn 2: nothing queued; ready (yes, with all of it unused). The
    // server stops after it.
    press(&mut app, KeyCode::Char('r'));
    press(&mut app, KeyCode::Char('y'));
    for _ in 0..600 {
        app.poll();
        if app.screen() == Screen::Finished {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(app.screen(), Screen::Finished);
    let served = server.join().expect("the server thread");
    assert!(served.is_ok(), "{served:?}");
    for b in bots {
        assert_eq!(b.join().expect("bot thread"), Ok(()));
    }

    // The same turns, played by a session here.
    let mut local = tutorial(None);
    let mut hashes = Vec::new();
    for turn in 1..=2 {
        let kesh = if turn == 1 {
            vec![Order {
                team: "kesh_police".into(),
                action: ActionKind::Analysis,
                target: Target::Nothing,
                about: None,
                day: None,
            }]
        } else {
            Vec::new()
        };
        local.set_orders(TeamIx(0), kesh);
        for t in 1..3 {
            let o = local.bot_orders(TeamIx(t), Policy::Baseline);
            local.set_orders(TeamIx(t), o);
        }
        hashes.push(local.commit().expect("commit").state_hash);
    }
    let recorded = undertow::journal::read(&journal).expect("the server's journal");
    let served: Vec<String> = recorded
        .turns()
        .iter()
        .map(|t| t.state_hash.clone())
        .collect();
    assert_eq!(served, hashes);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_interactive_join_is_refused_with_exit_1_and_an_unreachable_server_gives_3() {
    let session = tutorial(None);
    let codes: BTreeMap<String, String> = session
        .setup()
        .teams
        .iter()
        .map(|t| (t.id.clone(), format!("code-for-{}", t.id)))
        .collect();
    let server = serve_in_background(session, &codes, 8);
    // Refused before the client takes the terminal: no tty needed.
    let out = common::undertow(&[
        "join",
        server.address(),
        "--team",
        "kesh_police",
        "--code",
        "wrong",
    ]);
    common::exits_saying(&out, 1, "wrong code");
    let out = common::undertow(&[
        "join",
        server.address(),
        "--team",
        "atlantis",
        "--code",
        "x",
    ]);
    common::exits_saying(&out, 1, "no team");
    server.close();

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let out = common::undertow(&[
        "join",
        &format!("127.0.0.1:{port}"),
        "--team",
        "kesh_police",
        "--code",
        "x",
    ]);
    common::exits_saying(&out, 3, "cannot reach");
}
