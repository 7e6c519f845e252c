//! The authoritative exercise: orders in, turns committed to the journal,
//! views out. Local play, headless runs and the server all drive it the same way.

pub mod objectives;

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::bots::{BotKey, Policy};
use crate::engine::events::{Event, words};
use crate::engine::orders::{Liaison, LiveInject, Order, TurnInput};
use crate::engine::setup::{Setup, TeamIx};
use crate::engine::{Engine, Snapshot, TurnOutcome, ViewState};
use crate::journal::{self, Record, TurnRecord};
use crate::scenario::{Catalog, Scenario};
use crate::view::{
    Brief, FacilitatorView, SeatStatus, TeamView, bot_view, brief, facilitator_view, planning_view,
};

/// Why a session cannot start or go on.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error("{0}")]
    Scenario(String),
    #[error("journal {path}: {source}")]
    Journal {
        path: String,
        source: std::io::Error,
    },
    #[error("{0}")]
    Replay(#[from] journal::ReplayError),
    #[error(transparent)]
    NotAJournal(#[from] journal::NotAJournal),
    #[error(transparent)]
    Write(#[from] journal::WriteError),
    #[error(transparent)]
    Header(#[from] journal::HeaderError),
}

impl SessionError {
    /// Whether the message already names the file it is about.
    pub fn names_its_file(&self) -> bool {
        matches!(
            self,
            SessionError::Journal { .. } | SessionError::NotAJournal(_) | SessionError::Write(_)
        )
    }
}

/// Something that happened at the table since the screens last looked: a
/// networked table hears of turns played and teams moving elsewhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum News {
    /// A turn was played; every view is fresh.
    Played { turn: u32 },
    /// A turn was taken back; queued orders and readiness are cleared.
    Undone { turn: u32 },
    /// The exercise is over.
    Finished,
    /// Something the screens show has changed (a team got ready, orders came in).
    Changed,
    /// Words for whoever is at the keyboard: a refusal, a team joining.
    Notice(String),
    /// Exercise control's words for the team, delivered at once.
    Announced(String),
    /// The link to the server dropped; it is being tried again.
    Reconnecting(String),
    /// The link is back.
    Reconnected,
    /// The link is gone for good: quit with this exit status, saying why.
    Lost { status: i32, message: String },
}

/// The turn's clock as exercise control runs it, for the teams' screens.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TurnClock {
    /// Exercise control has paused the exercise: the clock stands still.
    pub paused: bool,
    /// Seconds until the turn is played by the timer, if it has a limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seconds_left: Option<u64>,
}

/// How a team's seat is filled, as exercise control sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// The team plays at this keyboard.
    Here,
    /// A bot plays the seat.
    Bot,
    /// The team's terminal is connected.
    Connected,
    /// The team was connected and is not now: it can join again.
    Dropped,
    /// Nobody has taken the seat yet.
    Waiting,
}

impl Link {
    /// The state in words, for the console's Teams tab.
    pub fn label(self) -> &'static str {
        match self {
            Link::Here => "here",
            Link::Bot => "bot",
            Link::Connected => "connected",
            Link::Dropped => "dropped",
            Link::Waiting => "not joined",
        }
    }
}

/// How teams join a served exercise: the address they type and each team's code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinInfo {
    /// The address the server listens on, `HOST:PORT`.
    pub address: String,
    /// Team id and join code, in scenario order.
    pub codes: Vec<(String, String)>,
}

/// Why a desk refused a team's change (orders, readiness, a liaison
/// message): said on the team's screen as it stands.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeskRefusal {
    /// No such team in the exercise.
    #[error("no team {0}")]
    NoSuchTeam(TeamIx),
    /// No team sits at this terminal (the facilitator's console).
    #[error("no team sits at this terminal")]
    NoSeat,
    /// A team's terminal serves its own team only.
    #[error("this terminal plays another team")]
    AnotherTeam,
    #[error("the exercise is over")]
    Over,
    /// The link to the server is down; the client is reconnecting.
    #[error("not connected to the server; reconnecting")]
    Offline,
    #[error("the connection to the server is closed")]
    Closed,
}

/// The exercise as the teams at one keyboard reach it: read their own view,
/// queue orders, say they are ready, write to other teams. A local session
/// serves every team; a networked client serves its own team, from what the
/// server sent, and may refuse a change while the link is down.
pub trait Desk {
    /// What every participant may know: title, briefing, objectives, teams.
    fn brief(&self) -> &Brief;
    /// The last committed turn.
    fn turn(&self) -> u32;
    /// Whether the exercise is over.
    fn finished(&self) -> bool;
    /// The team's view of the turn being planned, if this desk serves it.
    fn view(&self, team: TeamIx) -> Option<TeamView>;
    /// The orders the team has queued this turn.
    fn queued(&self, team: TeamIx) -> &[Order];
    /// Whether the team is ready.
    fn is_ready(&self, team: TeamIx) -> bool;
    /// Replace the team's queued orders.
    fn set_orders(&mut self, team: TeamIx, orders: Vec<Order>) -> Result<(), DeskRefusal>;
    /// Mark the team ready, or take it back.
    fn set_ready(&mut self, team: TeamIx, ready: bool) -> Result<(), DeskRefusal>;
    /// Words from the team to another, delivered when the turn is played.
    fn send_liaison(&mut self, team: TeamIx, to: &str, text: &str) -> Result<(), DeskRefusal>;
    /// Where the exercise is journalled, when that is on this machine.
    fn journal_path(&self) -> Option<&Path>;
    /// What happened elsewhere since the last call.
    fn news(&mut self) -> Vec<News>;
    /// Words exercise control has given the team this turn, delivered at
    /// once; the turn's results carry them into the team's log.
    fn announcements(&self, team: TeamIx) -> Vec<String>;
    /// The objectives and scores as they stand for the team.
    fn standing(&self, team: TeamIx) -> Option<objectives::Standing>;
    /// The turn's clock, when exercise control runs one elsewhere.
    fn clock(&self) -> Option<TurnClock> {
        None
    }
}

/// Exercise control (the White Cell): the truth and every seat, playing and
/// taking back turns, injects and evaluators' notes. A local session is its
/// own control; on the serving machine, the server's session is.
pub trait Control {
    /// The fixed facts of the exercise.
    fn setup(&self) -> &Setup;
    /// The last committed turn.
    fn turn(&self) -> u32;
    /// Whether the exercise is over.
    fn finished(&self) -> bool;
    /// The truth, with every team's readiness and queued orders.
    fn truth(&self) -> FacilitatorView;
    /// Whether every team is ready.
    fn all_ready(&self) -> bool;
    /// Play the turn with what is queued: journal it, then tell every team.
    fn commit(&mut self) -> Result<TurnOutcome, SessionError>;
    /// Take back the last turn; the teams are told. `None`: nothing to undo.
    fn undo(&mut self) -> Result<Option<u32>, SessionError>;
    /// Fire an inject, or a White Cell message, with this turn.
    fn fire_live(&mut self, inject: LiveInject);
    /// Record an evaluator's note at the current turn.
    fn note(&mut self, text: &str, objective: Option<String>) -> Result<(), SessionError>;
    /// Where the exercise is journalled.
    fn journal_path(&self) -> Option<&Path>;
    /// What happened at the table since the last call.
    fn news(&mut self) -> Vec<News>;
    /// The objectives and scores as they stand, every figure shown.
    fn standing(&self) -> objectives::Standing;
    /// How each team's seat is filled, in scenario order.
    fn links(&self) -> Vec<Link> {
        vec![Link::Here; self.setup().teams.len()]
    }
    /// How teams join, when the exercise is served.
    fn join_info(&self) -> Option<JoinInfo> {
        None
    }
    /// Tell the teams how the turn's clock stands (a served exercise passes
    /// it on; at one keyboard the screens read the console's own).
    fn set_clock(&mut self, _clock: TurnClock) {}
}

/// A running exercise.
pub struct Session {
    engine: Engine,
    snapshot: Snapshot,
    journal: Option<journal::Writer>,
    header: journal::Header,
    outcomes: Vec<TurnOutcome>,
    queued: Vec<Vec<Order>>,
    ready: Vec<bool>,
    liaison: Vec<Liaison>,
    live: Vec<LiveInject>,
    brief: Brief,
}

/// The embedded tutorial at turn 0, for the crate's own tests.
#[cfg(test)]
pub(crate) fn tutorial(journal: Option<&Path>) -> Session {
    let text = include_str!("../scenarios/tutorial.ron");
    let scenario = crate::scenario::parse_scenario("tutorial.ron", text)
        .unwrap_or_else(|e| panic!("the tutorial does not parse: {e}"));
    let catalog = crate::scenario::resolve_catalog(&crate::scenario::default_catalog(), &scenario);
    let seed = scenario.seed;
    Session::start("tutorial.ron", text, scenario, catalog, seed, journal)
        .unwrap_or_else(|e| panic!("the tutorial does not start: {e}"))
}

impl Session {
    /// Start a new exercise, journalling to `journal_path` if given (which
    /// must not exist yet).
    pub fn start(
        scenario_name: &str,
        scenario_text: &str,
        scenario: Scenario,
        catalog: Catalog,
        seed: u64,
        journal_path: Option<&Path>,
    ) -> Result<Session, SessionError> {
        let header = journal::header(scenario_name, scenario_text, &catalog, seed, None)?;
        let target = journal_path.map(journal::Target::new);
        Session::start_with_header(header, scenario, catalog, target.as_ref())
    }

    /// Start a new exercise from a prepared header (a branch carries its
    /// parent), journalling where `journal` says.
    pub fn start_with_header(
        header: journal::Header,
        scenario: Scenario,
        catalog: Catalog,
        journal: Option<&journal::Target>,
    ) -> Result<Session, SessionError> {
        let setup =
            Setup::new(scenario, catalog).map_err(|e| SessionError::Scenario(e.to_string()))?;
        let mut engine =
            Engine::new(setup, header.seed).map_err(|e| SessionError::Scenario(e.to_string()))?;
        engine.set_handles(header.handles());
        let journal = match journal {
            Some(target) => Some(journal::Writer::create(target, &header)?),
            None => None,
        };
        Ok(Session::assemble(engine, header, journal, Vec::new()))
    }

    fn assemble(
        mut engine: Engine,
        header: journal::Header,
        journal: Option<journal::Writer>,
        outcomes: Vec<TurnOutcome>,
    ) -> Session {
        let teams = engine.setup().teams.len();
        let snapshot = engine.snapshot();
        let brief = brief(engine.setup());
        Session {
            brief,
            engine,
            snapshot,
            journal,
            header,
            outcomes,
            queued: vec![Vec::new(); teams],
            ready: vec![false; teams],
            liaison: Vec::new(),
            live: Vec::new(),
        }
    }

    /// The state after a journal's last turn in effect, re-simulated and
    /// checked, with the outcome of every turn (for charts and the console).
    fn replayed(j: &journal::Journal) -> Result<(Engine, Vec<TurnOutcome>), SessionError> {
        let mut replay = j.replay()?;
        let mut outcomes = Vec::new();
        for step in replay.by_ref() {
            outcomes.push(step?.outcome);
        }
        Ok((replay.into_engine(), outcomes))
    }

    /// Continue an exercise from its journal, appending to it. A torn last
    /// record is dropped; the returned warning says so. A journal damaged
    /// before its end is refused and left as it is (see [`Session::resume_into`]).
    pub fn resume(path: &Path) -> Result<(Session, Option<String>), SessionError> {
        let j = journal::read(path)?;
        // Refused before anything is replayed, so nothing is done in vain.
        journal::Writer::check_resumable(&j, path)?;
        let (engine, outcomes) = Session::replayed(&j)?;
        let (writer, warning) = journal::Writer::resume(&j, path)?;
        Ok((
            Session::assemble(engine, j.header, Some(writer), outcomes),
            warning,
        ))
    }

    /// Continue an exercise from the readable part of its journal in a new
    /// journal, leaving the old one as it is: the way on from a journal
    /// damaged in the middle. The warning names what was left behind.
    pub fn resume_into(
        path: &Path,
        target: &journal::Target,
    ) -> Result<(Session, Option<String>), SessionError> {
        let j = journal::read(path)?;
        let (engine, outcomes) = Session::replayed(&j)?;
        let writer = journal::Writer::continue_into(&j, target)?;
        let warning = j.damage.as_ref().map(|d| {
            format!(
                "{}: {d}; continuing from turn {} in {}, and {} is left as it was",
                j.name,
                j.last_turn(),
                writer.path().display(),
                j.name
            )
        });
        Ok((
            Session::assemble(engine, j.header, Some(writer), outcomes),
            warning,
        ))
    }

    /// The fixed facts of the exercise.
    pub fn setup(&self) -> &Setup {
        self.engine.setup()
    }

    /// The journal's header.
    pub fn header(&self) -> &journal::Header {
        &self.header
    }

    /// Where the journal is written, if anywhere.
    pub fn journal_path(&self) -> Option<&Path> {
        self.journal.as_ref().map(|j| j.path())
    }

    /// The last committed turn.
    pub fn turn(&self) -> u32 {
        self.engine.turn()
    }

    /// The number of turns in the exercise.
    pub fn turns(&self) -> u32 {
        self.setup().scenario.turns
    }

    /// Whether every turn has been played.
    pub fn finished(&self) -> bool {
        self.turn() >= self.turns()
    }

    /// The outcome lines of every committed turn.
    pub fn outcomes(&self) -> &[TurnOutcome] {
        &self.outcomes
    }

    /// The state after the last committed turn: the truth, for the White Cell.
    pub fn snapshot(&self) -> &Snapshot {
        &self.snapshot
    }

    /// The exercise seed.
    pub fn seed(&self) -> u64 {
        self.engine.seed()
    }

    /// What one team may see now, with the capacity its queued orders leave
    /// and what each of its actions may be aimed at.
    pub fn view(&self, team: TeamIx) -> TeamView {
        planning_view(
            self.setup(),
            self.engine.handles(),
            &self.snapshot,
            team,
            &self.queued[team],
        )
    }

    /// The orders a team has queued for this turn.
    pub fn queued(&self, team: TeamIx) -> &[Order] {
        &self.queued[team]
    }

    /// Replace a team's queued orders.
    pub fn set_orders(&mut self, team: TeamIx, orders: Vec<Order>) {
        let id = self.setup().teams[team].id.clone();
        self.queued[team] = orders
            .into_iter()
            .map(|o| Order {
                team: id.clone(),
                ..o
            })
            .collect();
    }

    /// Whether a team is ready.
    pub fn is_ready(&self, team: TeamIx) -> bool {
        self.ready[team]
    }

    /// Mark a team ready (or not).
    pub fn set_ready(&mut self, team: TeamIx, ready: bool) {
        self.ready[team] = ready;
    }

    /// Whether every team is ready.
    pub fn all_ready(&self) -> bool {
        self.ready.iter().all(|r| *r)
    }

    /// Queue a liaison message for delivery when the turn commits.
    pub fn send_liaison(&mut self, msg: Liaison) {
        self.liaison.push(msg);
    }

    /// Queue a live inject or White Cell message for this turn.
    pub fn fire_live(&mut self, inject: LiveInject) {
        self.live.push(inject);
    }

    /// Whether a live inject is delivered at once: a White Cell message, or
    /// an inject that only says something. An inject with effects goes out
    /// with them, when the turn is played.
    pub fn delivered_at_once(&self, inject: &LiveInject) -> bool {
        match &inject.inject {
            None => true,
            Some(id) => self
                .setup()
                .scenario
                .injects
                .iter()
                .find(|i| &i.id == id)
                .is_some_and(|i| i.effects.is_empty()),
        }
    }

    /// The words of a live inject as the team reads them, if it is
    /// delivered at once and is for the team.
    pub fn announcement(&self, inject: &LiveInject, team: TeamIx) -> Option<String> {
        if !self.delivered_at_once(inject) {
            return None;
        }
        let setup = self.setup();
        let id = &setup.teams.get(team.index())?.id;
        let to = match &inject.inject {
            None => &inject.to,
            Some(i) => &setup.scenario.injects.iter().find(|x| &x.id == i)?.to,
        };
        if !to.is_empty() && !to.contains(id) {
            return None;
        }
        let event: Event = match &inject.inject {
            None => Event::WhiteCell {
                text: inject.text.clone(),
            },
            Some(i) => Event::Inject {
                inject: i.clone(),
                extra: inject.text.clone(),
                distress: Vec::new(),
            },
        };
        // An inject names no group.
        Some(words::render(setup, &event, &|g| g.id.clone()))
    }

    /// Everything delivered at once to the team this turn, oldest first.
    pub fn announcements(&self, team: TeamIx) -> Vec<String> {
        self.live
            .iter()
            .filter_map(|l| self.announcement(l, team))
            .collect()
    }

    /// The objectives and scores after the last committed turn, for a team
    /// (its own share of the scores, and only the figures it may follow) or
    /// for exercise control.
    pub fn standing(&self, team: Option<TeamIx>) -> objectives::Standing {
        objectives::standing(self.setup(), &self.outcomes, team)
    }

    /// The orders a bot policy gives for a team this turn, from its view alone.
    pub fn bot_orders(&self, team: TeamIx, policy: Policy) -> Vec<Order> {
        // Bots read no target list and only the news of the log: the
        // lighter view is enough, and its cost does not grow with the game.
        let view = bot_view(
            self.setup(),
            self.engine.handles(),
            &ViewState::of(&self.snapshot),
            team,
            &self.queued[team],
        );
        let key = BotKey::derive(self.seed(), &self.setup().teams[team].id);
        policy.decide(&view, &key)
    }

    /// Commit the turn: run it, journal it, and clear the queues.
    pub fn commit(&mut self) -> Result<TurnOutcome, SessionError> {
        // Queues are cleared only once the turn is sure to be played.
        let mut input = TurnInput {
            orders: self.queued.iter().flatten().cloned().collect(),
            liaison: self.liaison.clone(),
            live: self.live.clone(),
        };
        let setup = self.engine.setup();
        input.canonicalise(|id| (setup.team(id).unwrap_or(TeamIx(usize::MAX))).index());
        if let Some(j) = &self.journal {
            // Refused before it is played: a turn the journal cannot hold would
            // be a turn no resume or replay could see.
            let probe = Record::Turn(TurnRecord {
                turn: self.engine.turn() + 1,
                input: input.clone(),
                state_hash: "0".repeat(64),
            });
            if !journal::fits(&probe) {
                return Err(SessionError::Journal {
                    path: j.path().display().to_string(),
                    source: std::io::Error::new(
                        std::io::ErrorKind::InvalidInput,
                        "this turn's orders and messages are too long to journal; the turn was not played",
                    ),
                });
            }
        }
        self.liaison.clear();
        self.live.clear();
        let outcome = self.engine.step(input.clone());
        self.snapshot = self.engine.snapshot();
        if let Some(j) = &mut self.journal {
            let path = j.path().display().to_string();
            let io = |source| SessionError::Journal {
                path: path.clone(),
                source,
            };
            let rec = Record::Turn(TurnRecord {
                turn: outcome.turn,
                input,
                state_hash: outcome.state_hash.clone(),
            });
            j.append(&rec).map_err(io)?;
            if outcome.turn.is_multiple_of(journal::SNAPSHOT_EVERY) {
                let snap = Record::Snapshot {
                    turn: outcome.turn,
                    state: Box::new(self.snapshot.clone()),
                };
                // Snapshots only speed up an undo: one too long to read back is left out.
                j.append_if_fits(&snap).map_err(io)?;
            }
        }
        for q in &mut self.queued {
            q.clear();
        }
        for r in &mut self.ready {
            *r = false;
        }
        self.outcomes.push(outcome.clone());
        Ok(outcome)
    }

    /// Take back the last committed turn: the journal records the undo, and the
    /// world is rebuilt as it was before that turn.
    pub fn undo(&mut self) -> Result<Option<u32>, SessionError> {
        let last = self.turn();
        if last == 0 {
            return Ok(None);
        }
        let engine = match &self.journal {
            // From the latest snapshot before the turn that still matches its
            // recorded hash, the rest re-simulated and checked.
            Some(j) => journal::rebuild(&journal::read(j.path())?, Some(last - 1))?,
            None => return Ok(None),
        };
        if let Some(j) = &mut self.journal {
            let path = j.path().display().to_string();
            j.append(&Record::Undo { turn: last })
                .map_err(|source| SessionError::Journal { path, source })?;
        }
        self.engine = engine;
        self.snapshot = self.engine.snapshot();
        self.outcomes.truncate(last as usize - 1);
        let text = format!("Turn {last} was undone by the White Cell.");
        self.live.push(LiveInject {
            inject: None,
            text,
            to: Vec::new(),
        });
        for q in &mut self.queued {
            q.clear();
        }
        for r in &mut self.ready {
            *r = false;
        }
        Ok(Some(last))
    }

    /// Record an evaluator's note at the current turn.
    pub fn note(&mut self, text: &str, objective: Option<String>) -> Result<(), SessionError> {
        let turn = self.turn();
        if let Some(j) = &mut self.journal {
            let path = j.path().display().to_string();
            j.append(&Record::Note {
                turn,
                text: text.to_string(),
                objective,
            })
            .map_err(|source| SessionError::Journal { path, source })?;
        }
        Ok(())
    }
}

impl Desk for Session {
    fn brief(&self) -> &Brief {
        &self.brief
    }

    fn turn(&self) -> u32 {
        Session::turn(self)
    }

    fn finished(&self) -> bool {
        Session::finished(self)
    }

    fn view(&self, team: TeamIx) -> Option<TeamView> {
        (team < TeamIx(self.queued.len())).then(|| Session::view(self, team))
    }

    fn queued(&self, team: TeamIx) -> &[Order] {
        self.queued.get(team.index()).map_or(&[], Vec::as_slice)
    }

    fn is_ready(&self, team: TeamIx) -> bool {
        self.ready.get(team.index()).copied().unwrap_or(false)
    }

    fn set_orders(&mut self, team: TeamIx, orders: Vec<Order>) -> Result<(), DeskRefusal> {
        if team >= TeamIx(self.queued.len()) {
            return Err(DeskRefusal::NoSuchTeam(team));
        }
        Session::set_orders(self, team, orders);
        Ok(())
    }

    fn set_ready(&mut self, team: TeamIx, ready: bool) -> Result<(), DeskRefusal> {
        if team >= TeamIx(self.ready.len()) {
            return Err(DeskRefusal::NoSuchTeam(team));
        }
        Session::set_ready(self, team, ready);
        Ok(())
    }

    fn send_liaison(&mut self, team: TeamIx, to: &str, text: &str) -> Result<(), DeskRefusal> {
        let from = self
            .setup()
            .teams
            .get(team.index())
            .map(|t| t.id.clone())
            .ok_or(DeskRefusal::NoSuchTeam(team))?;
        Session::send_liaison(
            self,
            Liaison {
                from,
                to: to.to_string(),
                text: text.to_string(),
            },
        );
        Ok(())
    }

    fn journal_path(&self) -> Option<&Path> {
        Session::journal_path(self)
    }

    fn news(&mut self) -> Vec<News> {
        // Everything happens here, at this keyboard.
        Vec::new()
    }

    fn announcements(&self, team: TeamIx) -> Vec<String> {
        Session::announcements(self, team)
    }

    fn standing(&self, team: TeamIx) -> Option<objectives::Standing> {
        (team < TeamIx(self.queued.len())).then(|| Session::standing(self, Some(team)))
    }
}

impl Control for Session {
    fn setup(&self) -> &Setup {
        Session::setup(self)
    }

    fn turn(&self) -> u32 {
        Session::turn(self)
    }

    fn finished(&self) -> bool {
        Session::finished(self)
    }

    fn truth(&self) -> FacilitatorView {
        let seats: Vec<SeatStatus> = (0..self.queued.len())
            .map(|t| SeatStatus {
                ready: self.ready[t],
                queued: self.queued[t].len(),
                orders: self.queued[t].clone(),
                bot: false,
            })
            .collect();
        facilitator_view(self.setup(), &self.snapshot, &self.outcomes, &seats)
    }

    fn all_ready(&self) -> bool {
        Session::all_ready(self)
    }

    fn commit(&mut self) -> Result<TurnOutcome, SessionError> {
        Session::commit(self)
    }

    fn undo(&mut self) -> Result<Option<u32>, SessionError> {
        Session::undo(self)
    }

    fn fire_live(&mut self, inject: LiveInject) {
        Session::fire_live(self, inject)
    }

    fn note(&mut self, text: &str, objective: Option<String>) -> Result<(), SessionError> {
        Session::note(self, text, objective)
    }

    fn journal_path(&self) -> Option<&Path> {
        Session::journal_path(self)
    }

    fn news(&mut self) -> Vec<News> {
        Vec::new()
    }

    fn standing(&self) -> objectives::Standing {
        Session::standing(self, None)
    }
}
