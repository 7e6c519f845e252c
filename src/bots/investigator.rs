//! The investigator bots: one policy with a cooperation temperament.

use super::BotKey;
use crate::engine::orders::{Order, Target};
use crate::engine::state::{ActorStatus, GroupStatus};
use crate::scenario::{ActionKind, Agency, Role};
use crate::view::{PersonView, TeamView};

/// How readily a bot works across borders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cooperation {
    Never,
    Normal,
    Eager,
}

struct Plan<'a> {
    view: &'a TeamView,
    left: u32,
    interpreters: u32,
    orders: Vec<Order>,
}

impl Plan<'_> {
    fn can(&self, kind: ActionKind) -> Option<u32> {
        self.view
            .actions
            .iter()
            .find(|a| a.kind == kind)
            .map(|a| a.cost)
            .filter(|&c| c <= self.left)
    }

    fn busy(&self, kind: ActionKind, target: &Target) -> bool {
        self.orders
            .iter()
            .any(|o| o.action == kind && &o.target == target)
    }

    fn push(&mut self, kind: ActionKind, target: Target, about: Option<String>) -> bool {
        let Some(cost) = self.can(kind) else {
            return false;
        };
        if self.busy(kind, &target) && about.is_none() {
            return false;
        }
        self.left -= cost;
        if kind == ActionKind::ScreeningInterview {
            if self.interpreters == 0 {
                self.left += cost;
                return false;
            }
            self.interpreters -= 1;
        }
        self.orders.push(Order {
            team: self.view.team.id.clone(),
            action: kind,
            target,
            about,
        });
        true
    }
}

fn priority(p: &PersonView) -> u32 {
    match p.role {
        Some(Role::Organiser) => 0,
        Some(Role::MoneyBroker) => 1,
        Some(Role::DocumentForger) | Some(Role::CorruptOfficial) => 2,
        Some(Role::Recruiter) => 3,
        None => 4,
        _ => 5,
    }
}

fn at_liberty(p: &PersonView) -> bool {
    matches!(p.status, None | Some(ActorStatus::Active))
}

/// Decide a turn's orders from the team's view.
pub fn decide(view: &TeamView, key: &BotKey, coop: Cooperation) -> Vec<Order> {
    let mut plan = Plan {
        view,
        left: view.team.capacity_left,
        interpreters: view.team.interpreters,
        orders: Vec::new(),
    };
    let law = &view.law;
    // Lives first: a boat in distress needs an answer now, whatever the
    // call's wording.
    let mut distress: Vec<&str> = view
        .messages
        .iter()
        .take_while(|m| m.turn + 1 >= view.turn)
        .filter_map(|m| m.event.as_ref())
        .flat_map(|e| e.distress_routes())
        .map(String::as_str)
        .collect();
    distress.sort_unstable();
    distress.dedup();
    for r in view
        .routes
        .iter()
        .filter(|r| r.has_sea_leg && distress.contains(&r.id.as_str()))
    {
        plan.push(
            ActionKind::SearchAndRescue,
            Target::Route(r.id.clone()),
            None,
        );
    }
    // Accept joint teams offered.
    if coop != Cooperation::Never {
        for t in view
            .teams
            .iter()
            .filter(|t| t.proposes_jit && !t.joint_team)
        {
            plan.push(ActionKind::JitAccept, Target::Team(t.id.clone()), None);
        }
    }
    // People we hold: screen, then refer victims, return the others with support.
    for g in view.groups.iter().filter(|g| g.held) {
        let target = Target::Group(g.id.clone());
        if !g.screened {
            if !plan.push(ActionKind::ScreeningInterview, target.clone(), None) {
                plan.push(ActionKind::Referral, target, None);
            }
        } else if g.victims_identified
            || !plan.push(
                ActionKind::RepatriationWithReintegration,
                target.clone(),
                None,
            )
        {
            plan.push(ActionKind::Referral, target, None);
        }
    }
    for g in view
        .groups
        .iter()
        .filter(|g| g.status == GroupStatus::Exploited && !g.screened)
    {
        plan.push(
            ActionKind::ScreeningInterview,
            Target::Group(g.id.clone()),
            None,
        );
    }
    for g in view
        .groups
        .iter()
        .filter(|g| g.status == GroupStatus::Exploited && g.victims_identified)
    {
        plan.push(ActionKind::Referral, Target::Group(g.id.clone()), None);
    }

    let mut persons: Vec<&PersonView> = view.persons.iter().collect();
    persons.sort_by_key(|p| {
        (
            priority(p),
            std::cmp::Reverse(p.evidence),
            p.reference.clone(),
        )
    });

    // Charge those we hold once the admissible evidence clears the bar with a margin;
    // ask abroad, by MLA, for the evidence that informal channels showed exists.
    for p in persons
        .iter()
        .filter(|p| p.held && p.status == Some(ActorStatus::Arrested))
    {
        let margin = if coop == Cooperation::Never { 0 } else { 1 };
        if p.charged {
            continue;
        }
        if p.admissible >= law.charge_threshold + margin {
            plan.push(
                ActionKind::Prosecution,
                Target::Actor(p.reference.clone()),
                None,
            );
        } else if coop != Cooperation::Never && !p.mla_pending {
            let abroad = view
                .cases
                .iter()
                .find(|c| c.person == p.reference)
                .and_then(|c| {
                    c.items
                        .iter()
                        .find(|e| !e.admissible)
                        .map(|e| e.jurisdiction.clone())
                });
            let requested = abroad.and_then(|country| {
                view.teams
                    .iter()
                    .find(|t| t.country == country && !t.same_country && !t.joint_team)
            });
            match requested {
                Some(t) => {
                    plan.push(
                        ActionKind::MlaRequest,
                        Target::Team(t.id.clone()),
                        Some(p.reference.clone()),
                    );
                }
                None if p.admissible >= law.charge_threshold => {
                    plan.push(
                        ActionKind::Prosecution,
                        Target::Actor(p.reference.clone()),
                        None,
                    );
                }
                None => {}
            }
        }
    }
    // Arrest when the evidence allows; several arrests in one turn give the network no time to warn itself.
    for p in persons
        .iter()
        .filter(|p| p.identified && p.in_jurisdiction && at_liberty(p))
    {
        if p.evidence >= law.arrest_threshold {
            // Cooperative teams keep arrests for common action days, so that
            // linked members abroad are taken the same turn and cannot warn each other.
            let action_day = coop != Cooperation::Eager || view.turn.is_multiple_of(3);
            let ready = p.evidence >= law.charge_threshold
                || priority(p) >= 4
                || p.evidence >= law.arrest_threshold + 2;
            if ready && action_day {
                plan.push(ActionKind::Arrest, Target::Actor(p.reference.clone()), None);
            }
            if p.assets > 0 {
                plan.push(
                    ActionKind::AssetFreeze,
                    Target::Actor(p.reference.clone()),
                    None,
                );
            }
        }
    }
    // Coast guards patrol the sea legs they know.
    if view.team.agency == Agency::CoastGuard {
        let sea: Vec<_> = view.routes.iter().filter(|r| r.has_sea_leg).collect();
        if !sea.is_empty() {
            let r = sea[key.pick(view.turn, "patrol", sea.len())];
            plan.push(
                ActionKind::MaritimePatrol,
                Target::Route(r.id.clone()),
                None,
            );
            if view.turn.is_multiple_of(3) {
                plan.push(ActionKind::Interdiction, Target::Route(r.id.clone()), None);
            }
        }
    }
    // Develop the files: the most important people first.
    for p in persons
        .iter()
        .filter(|p| p.in_jurisdiction && at_liberty(p) && p.evidence < law.charge_threshold + 2)
    {
        let t = Target::Actor(p.reference.clone());
        let busy = view.underway.iter().any(|o| o.target == p.name);
        if busy {
            continue;
        }
        let done =
            if p.identified && law.interception_allowed && p.evidence >= law.interception_threshold
            {
                plan.push(ActionKind::Interception, t.clone(), None)
            } else if p.identified && priority(p) <= 1 {
                plan.push(ActionKind::FinancialInvestigation, t.clone(), None)
            } else {
                false
            };
        if !done && !plan.push(ActionKind::Surveillance, t.clone(), None) {
            plan.push(ActionKind::FinancialInvestigation, t, None);
        }
        if plan.left < 2 {
            break;
        }
    }
    // Cross-border work: pass on what we know of people abroad; seek a joint team.
    // Investigators do this; border and coast guard teams keep to the people they meet.
    let investigator = matches!(
        view.team.agency,
        Agency::Police | Agency::Prosecutor | Agency::FinancialIntelligence
    );
    if coop != Cooperation::Never && investigator {
        let abroad: Vec<&&PersonView> = persons
            .iter()
            .filter(|p| {
                // Pass on what is fresh: news from the last turn, not the same file again.
                !p.in_jurisdiction
                    && p.country.is_some()
                    && p.evidence > 0
                    && p.last_turn + 1 >= view.turn
            })
            .collect();
        let limit = if coop == Cooperation::Eager { 3 } else { 1 };
        for p in abroad.into_iter().take(limit) {
            let Some(country) = &p.country else { continue };
            let fresh = |t: &crate::view::OtherTeam| {
                p.shared_with
                    .iter()
                    .find(|(id, _)| *id == t.id)
                    .is_none_or(|(_, when)| *when < p.last_turn)
            };
            if let Some(t) = view
                .teams
                .iter()
                .find(|t| &t.country == country && t.channel)
            {
                if fresh(t) {
                    plan.push(
                        ActionKind::ShareIntel,
                        Target::Team(t.id.clone()),
                        Some(p.reference.clone()),
                    );
                }
            } else if coop == Cooperation::Eager
                && let Some(t) = view.teams.iter().find(|t| &t.country == country)
            {
                plan.push(ActionKind::LiaisonPosting, Target::Team(t.id.clone()), None);
            }
            // Organisers abroad with a case against them: ask every country to find them.
            if p.organiser && p.evidence >= law.arrest_threshold && p.identified && at_liberty(p) {
                plan.push(
                    ActionKind::RedNotice,
                    Target::Actor(p.reference.clone()),
                    None,
                );
            }
        }
        // Recruiters' files go to where the people end up: they lead to the worksites.
        if view.team.country_role != crate::scenario::CountryRole::Destination {
            let recruiters = persons.iter().filter(|p| {
                p.role == Some(Role::Recruiter) && p.identified && p.last_turn + 1 >= view.turn
            });
            let dest = view.teams.iter().find(|t| {
                t.country_role == crate::scenario::CountryRole::Destination
                    && t.channel
                    && t.agency != Agency::Prosecutor
            });
            if let Some(t) = dest {
                for p in recruiters.take(limit) {
                    if p.shared_with
                        .iter()
                        .all(|(id, when)| *id != t.id || *when < p.last_turn)
                    {
                        plan.push(
                            ActionKind::ShareIntel,
                            Target::Team(t.id.clone()),
                            Some(p.reference.clone()),
                        );
                    }
                }
            }
        }
        let in_jit = view.teams.iter().any(|t| t.joint_team);
        let wants = if coop == Cooperation::Eager {
            view.turn >= 2
        } else {
            view.turn >= 6
        };
        if !in_jit && wants && view.turn % 4 == 2 {
            let foreign: Vec<_> = view.teams.iter().filter(|t| !t.same_country).collect();
            if !foreign.is_empty() {
                let t = foreign[key.pick(view.turn, "jit", foreign.len())];
                plan.push(ActionKind::JitProposal, Target::Team(t.id.clone()), None);
            }
        }
    }
    if plan.left >= 1
        && !view
            .underway
            .iter()
            .any(|o| o.action == ActionKind::Analysis)
    {
        plan.push(ActionKind::Analysis, Target::Nothing, None);
    }
    if view.team.country_role == crate::scenario::CountryRole::Origin
        && view.turn % 8 == 1
        && plan.left >= 2
    {
        plan.push(ActionKind::PreventionCampaign, Target::Nothing, None);
    }
    plan.orders
}
