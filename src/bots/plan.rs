//! A turn's orders being drawn up, and the steps every investigating policy
//! shares: answering distress and deciding about the people a team holds.

use crate::engine::events::Event;
use crate::engine::orders::{Order, Target};
use crate::engine::state::{ActorStatus, GroupStatus};
use crate::scenario::{ActionKind, PlaceKind, Role};
use crate::view::{PersonView, PlaceView, TeamView};

/// Orders drawn up for one turn, with the capacity and interpreters they leave.
pub(super) struct Plan<'a> {
    pub view: &'a TeamView,
    pub left: u32,
    interpreters: u32,
    pub orders: Vec<Order>,
}

impl<'a> Plan<'a> {
    /// An empty plan with the team's whole capacity.
    pub fn new(view: &'a TeamView) -> Plan<'a> {
        Plan {
            view,
            left: view.team.capacity_left,
            interpreters: view.team.interpreters,
            orders: Vec::new(),
        }
    }

    /// The cost of an action the team may order and can still afford.
    pub fn can(&self, kind: ActionKind) -> Option<u32> {
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

    /// Add an order if the team may give it, can afford it and has not
    /// already given it this turn; whether it was added.
    pub fn push(&mut self, kind: ActionKind, target: Target, about: Option<String>) -> bool {
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
            day: None,
        });
        true
    }

    /// Lives first: search and rescue on every known sea route with a boat
    /// in distress called in last turn or this one, whatever the call's wording.
    pub fn answer_distress(&mut self) {
        let view = self.view;
        let mut distress: Vec<&str> = view
            .messages
            .iter()
            .take_while(|m| crate::view::is_news(m.turn, view.turn))
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
            self.push(
                ActionKind::SearchAndRescue,
                Target::Route(r.id.clone()),
                None,
            );
        }
    }

    /// The people the team holds or has found exploited: victims identified
    /// go to protection first, then the others are screened, and those with
    /// no sign of trafficking are returned with support. People no
    /// interpreter is left to screen on the last turn before routine
    /// processing are sheltered rather than left to it; until then they
    /// wait for an interpreter, here or at another agency of the country.
    pub fn care_for_groups(&mut self) {
        let view = self.view;
        let held: Vec<_> = view.groups.iter().filter(|g| g.held).collect();
        for g in held.iter().filter(|g| g.screened && g.victims_identified) {
            self.push(ActionKind::Referral, Target::Group(g.id.clone()), None);
        }
        let mut unscreened = Vec::new();
        for g in held.iter().filter(|g| !g.screened) {
            let target = Target::Group(g.id.clone());
            let last_chance = g.routine_on.is_some_and(|t| t <= view.turn);
            if !self.push(ActionKind::ScreeningInterview, target.clone(), None) && last_chance {
                unscreened.push(target);
            }
        }
        for g in held.iter().filter(|g| g.screened && !g.victims_identified) {
            let target = Target::Group(g.id.clone());
            if !self.push(
                ActionKind::RepatriationWithReintegration,
                target.clone(),
                None,
            ) {
                self.push(ActionKind::Referral, target, None);
            }
        }
        for target in unscreened {
            self.push(ActionKind::Referral, target, None);
        }
        for g in view
            .groups
            .iter()
            .filter(|g| g.status == GroupStatus::Exploited && !g.screened)
        {
            self.push(
                ActionKind::ScreeningInterview,
                Target::Group(g.id.clone()),
                None,
            );
        }
        for g in view
            .groups
            .iter()
            .filter(|g| g.status == GroupStatus::Exploited && (g.victims_identified || g.reported))
        {
            self.push(ActionKind::Referral, Target::Group(g.id.clone()), None);
        }
    }

    /// Premises in the team's country it knows of, which a raid can enter:
    /// safe houses, worksites and vessels flying its flag, by id.
    pub fn premises(&self) -> Vec<&'a PlaceView> {
        let view = self.view;
        view.places
            .iter()
            .filter(|p| {
                matches!(
                    p.kind,
                    PlaceKind::SafeHouse | PlaceKind::Worksite | PlaceKind::Vessel
                )
            })
            .filter(|p| p.country.as_deref() == Some(view.team.country.as_str()))
            .collect()
    }

    /// Act on a report of people kept on premises in the team's country,
    /// heard last turn or this one: raid them, so the people are found.
    pub fn raid_reported_premises(&mut self) {
        let view = self.view;
        let reported: Vec<&str> = view
            .messages
            .iter()
            .take_while(|m| crate::view::is_news(m.turn, view.turn))
            .filter_map(|m| match &m.event {
                Some(Event::Signal { place, .. }) => Some(place.as_str()),
                _ => None,
            })
            .collect();
        for p in self.premises() {
            if reported.contains(&p.id.as_str()) {
                self.push(ActionKind::Raid, Target::Place(p.id.clone()), None);
            }
        }
    }

    /// Inspect one of the worksites the team knows in its country, a
    /// different one each turn, where the team's agency inspects at all.
    pub fn inspect_a_worksite(&mut self) {
        let worksites: Vec<String> = self
            .premises()
            .into_iter()
            .filter(|p| matches!(p.kind, PlaceKind::Worksite | PlaceKind::Vessel))
            .map(|p| p.id.clone())
            .collect();
        if let Some(place) = worksites.get(self.view.turn as usize % worksites.len().max(1)) {
            self.push(
                ActionKind::LabourInspection,
                Target::Place(place.clone()),
                None,
            );
        }
    }

    /// Go through the books of the companies on file in the team's country,
    /// and suspend the licence of an agency once the evidence holds:
    /// suspending it stops the recruitment it fronts.
    pub fn check_recruitment_agencies(&mut self) {
        let view = self.view;
        let threshold = view.law.arrest_threshold;
        let companies: Vec<&PersonView> = view
            .persons
            .iter()
            .filter(|p| {
                p.role == Some(Role::Company) && p.identified && p.in_jurisdiction && at_liberty(p)
            })
            .collect();
        for p in companies {
            let target = Target::Actor(p.reference.clone());
            if p.licensed && p.evidence >= threshold {
                self.push(ActionKind::LicenceSuspension, target, None);
            } else if !view
                .underway
                .iter()
                .any(|o| o.action == ActionKind::AgencyInspection)
            {
                self.push(ActionKind::AgencyInspection, target, None);
            }
        }
    }

    /// Port-state control: inspect, each turn, one of the foreign vessels
    /// known to put into the team's ports, a different one each turn.
    pub fn inspect_a_vessel_in_port(&mut self) {
        let view = self.view;
        let foreign: Vec<String> = view
            .places
            .iter()
            .filter(|p| p.in_our_ports && p.country.as_deref() != Some(view.team.country.as_str()))
            .map(|p| p.id.clone())
            .collect();
        if let Some(vessel) = foreign.get(view.turn as usize % foreign.len().max(1)) {
            self.push(
                ActionKind::PortStateInspection,
                Target::Place(vessel.clone()),
                None,
            );
        }
    }

    /// Desk analysis, unless one is already under way.
    pub fn analyse(&mut self) {
        if self.left >= 1
            && !self
                .view
                .underway
                .iter()
                .any(|o| o.action == ActionKind::Analysis)
        {
            self.push(ActionKind::Analysis, Target::Nothing, None);
        }
    }
}

/// How much an investigator wants a person: organisers first, then money,
/// then the specialists, recruiters, the unknown, and the replaceable aides.
pub(super) fn priority(p: &PersonView) -> u32 {
    match p.role {
        Some(Role::Organiser) => 0,
        Some(Role::MoneyBroker) => 1,
        Some(Role::DocumentForger) | Some(Role::CorruptOfficial) => 2,
        Some(Role::Recruiter) => 3,
        None => 4,
        _ => 5,
    }
}

/// Whether the team believes the person free to act.
pub(super) fn at_liberty(p: &PersonView) -> bool {
    matches!(p.status, None | Some(ActorStatus::Active))
}

/// The team's files in the order an investigator works them: by priority,
/// then the strongest case first, then by reference so the order is total.
pub(super) fn by_priority(view: &TeamView) -> Vec<&PersonView> {
    let mut persons: Vec<&PersonView> = view.persons.iter().collect();
    // Compared in place: a key function would copy each reference per comparison.
    persons.sort_by(|a, b| {
        priority(a)
            .cmp(&priority(b))
            .then(b.evidence.cmp(&a.evidence))
            .then_with(|| a.reference.cmp(&b.reference))
    });
    persons
}
