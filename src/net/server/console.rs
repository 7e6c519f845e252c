//! Exercise control over a served session, for the facilitator console on
//! the serving machine.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::hub::{Shared, commit};
use super::lock;
use crate::engine::TurnOutcome;
use crate::engine::orders::LiveInject;
use crate::engine::setup::{Setup, TeamIx};
use crate::net::protocol::ServerMsg;
use crate::session::objectives::Standing;
use crate::session::{Control, JoinInfo, Link, News, SessionError, TurnClock};
use crate::view::FacilitatorView;

/// Exercise control over a server's session, for the facilitator console on
/// the serving machine. Every turn it plays or takes back is journalled first,
/// then each connected team gets its own fresh view.
pub struct Console {
    pub(super) shared: Arc<Shared>,
    /// The fixed facts, copied once: they never change.
    pub(super) setup: Setup,
    pub(super) journal: Option<PathBuf>,
    /// The address the server listens on, for the Join tab.
    pub(super) address: String,
}

impl Control for Console {
    fn setup(&self) -> &Setup {
        &self.setup
    }

    fn turn(&self) -> u32 {
        lock(&self.shared.hub).session.turn()
    }

    fn finished(&self) -> bool {
        let hub = lock(&self.shared.hub);
        hub.finished || hub.session.finished()
    }

    fn truth(&self) -> FacilitatorView {
        Control::truth(&lock(&self.shared.hub).session)
    }

    fn all_ready(&self) -> bool {
        lock(&self.shared.hub).session.all_ready()
    }

    fn commit(&mut self) -> Result<TurnOutcome, SessionError> {
        let mut hub = lock(&self.shared.hub);
        if hub.finished {
            return Err(SessionError::Scenario(
                "the exercise is over: every turn the server plays is played".into(),
            ));
        }
        commit(&self.shared, &mut hub)
    }

    fn undo(&mut self) -> Result<Option<u32>, SessionError> {
        let mut hub = lock(&self.shared.hub);
        let Some(turn) = hub.session.undo()? else {
            return Ok(None);
        };
        tracing::info!("turn {turn} undone by exercise control");
        // The teams are told, then see the turn again.
        for (ix, (team_id, _)) in self.shared.codes.iter().enumerate() {
            if hub.seats[ix].is_none() {
                continue;
            }
            let view = Box::new(hub.session.view(TeamIx(ix)));
            let standing = Box::new(hub.session.standing(Some(TeamIx(ix))));
            hub.send(
                TeamIx(ix),
                team_id,
                vec![
                    ServerMsg::Undone { turn },
                    ServerMsg::View { view },
                    ServerMsg::Standing { standing },
                ],
            );
        }
        Ok(Some(turn))
    }

    fn fire_live(&mut self, inject: LiveInject) {
        let mut hub = lock(&self.shared.hub);
        // Words go out at once; the turn's results carry them into each
        // team's log (and the journal) when it is played.
        let turn = hub.session.turn() + 1;
        for (ix, (team_id, _)) in self.shared.codes.iter().enumerate() {
            if let Some(text) = hub.session.announcement(&inject, TeamIx(ix)) {
                hub.send(
                    TeamIx(ix),
                    team_id,
                    vec![ServerMsg::Announcement { turn, text }],
                );
            }
        }
        hub.session.fire_live(inject);
    }

    fn note(&mut self, text: &str, objective: Option<String>) -> Result<(), SessionError> {
        lock(&self.shared.hub).session.note(text, objective)
    }

    fn journal_path(&self) -> Option<&Path> {
        self.journal.as_deref()
    }

    fn news(&mut self) -> Vec<News> {
        std::mem::take(&mut lock(&self.shared.hub).news)
    }

    fn standing(&self) -> Standing {
        lock(&self.shared.hub).session.standing(None)
    }

    fn links(&self) -> Vec<Link> {
        let hub = lock(&self.shared.hub);
        (0..self.shared.codes.len())
            .map(|ix| match (&hub.seats[ix], hub.joined[ix], hub.bots[ix]) {
                (Some(_), _, true) => Link::Bot,
                (Some(_), _, false) => Link::Connected,
                (None, true, _) => Link::Dropped,
                (None, false, _) => Link::Waiting,
            })
            .collect()
    }

    fn join_info(&self) -> Option<JoinInfo> {
        Some(JoinInfo {
            address: self.address.clone(),
            codes: self.shared.codes.clone(),
        })
    }

    fn set_clock(&mut self, clock: TurnClock) {
        let mut hub = lock(&self.shared.hub);
        if hub.clock == Some(clock) {
            return;
        }
        hub.clock = Some(clock);
        let msg = ServerMsg::Clock {
            paused: clock.paused,
            seconds_left: clock.seconds_left,
        };
        for (ix, (team_id, _)) in self.shared.codes.iter().enumerate() {
            hub.send(TeamIx(ix), team_id, vec![msg.clone()]);
        }
    }
}
