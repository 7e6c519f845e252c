//! What a seated team may ask of the server: orders, readiness, liaison
//! messages and heartbeats, each checked before it reaches the session.

use super::hub::Shared;
use super::lock;
use crate::engine::orders::Liaison;
use crate::engine::setup::TeamIx;
use crate::net::MessageRefused;
use crate::net::protocol::{ClientMsg, ServerMsg};
use crate::session::News;

/// The longest liaison text accepted.
const MAX_LIAISON: usize = 4000;

/// The most orders one message may carry.
const MAX_ORDERS: usize = 256;

/// One message from a seated team; the reply to send it, if any.
pub(super) fn handle(
    shared: &Shared,
    team: TeamIx,
    team_id: &str,
    msg: ClientMsg,
) -> Result<Option<ServerMsg>, MessageRefused> {
    match msg {
        ClientMsg::Heartbeat => Ok(Some(ServerMsg::Heartbeat)),
        ClientMsg::Bot => {
            let mut hub = lock(&shared.hub);
            hub.bots[team] = true;
            hub.tell(News::Changed);
            Ok(None)
        }
        ClientMsg::Hello { .. } => Err(MessageRefused::AlreadyJoined),
        ClientMsg::Orders { orders } => {
            if orders.len() > MAX_ORDERS {
                return Err(MessageRefused::TooManyOrders(MAX_ORDERS));
            }
            if let Some(o) = orders.iter().find(|o| o.team != team_id) {
                return Err(MessageRefused::OrderForAnotherTeam {
                    team: o.team.clone(),
                    own: team_id.to_string(),
                });
            }
            let mut hub = lock(&shared.hub);
            if hub.finished {
                return Err(MessageRefused::Over);
            }
            hub.session.set_orders(team, orders);
            hub.tell(News::Changed);
            // The capacity left, and so what may still be ordered, has changed.
            let view = Box::new(hub.session.view(team));
            Ok(Some(ServerMsg::Accepted { view }))
        }
        ClientMsg::Unready => {
            let mut hub = lock(&shared.hub);
            if hub.finished {
                return Err(MessageRefused::Over);
            }
            hub.session.set_ready(team, false);
            hub.tell(News::Changed);
            Ok(None)
        }
        ClientMsg::Liaison { to, text } => {
            if text.len() > MAX_LIAISON {
                return Err(MessageRefused::LiaisonTooLong(MAX_LIAISON));
            }
            let mut hub = lock(&shared.hub);
            if hub.session.setup().team(&to).is_none() || to == team_id {
                return Err(MessageRefused::NoOtherTeam(to));
            }
            // The words are the teams' own: the log gets who wrote to whom, and how much.
            tracing::info!("liaison {team_id} -> {to}: {} bytes", text.len());
            let name = hub.team_name(team);
            hub.tell(News::Notice(format!(
                "liaison from {name} to {to}: “{}”",
                crate::logging::strip_controls(&text)
            )));
            hub.session.send_liaison(Liaison {
                from: team_id.to_string(),
                to,
                text,
            });
            Ok(None)
        }
        ClientMsg::Ready => {
            let mut hub = lock(&shared.hub);
            if hub.finished {
                return Err(MessageRefused::Over);
            }
            hub.session.set_ready(team, true);
            let name = hub.team_name(team);
            hub.tell(News::Notice(format!("{name} is ready.")));
            if hub.session.all_ready() && !hub.console {
                let _ = shared.wake.send(());
            }
            Ok(None)
        }
    }
}
