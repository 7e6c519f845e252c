//! The mutable state of the world: components and resources the turn changes.
//!
//! Everything here is part of the canonical snapshot and so of the state hash.

use bevy_ecs::prelude::{Component, Resource};
use serde::{Deserialize, Serialize};

use super::setup::{ActorInfo, ActorIx, CountryIx, PlaceIx, RouteIx, TeamIx};
use crate::scenario::{ActionKind, Exploitation, Indicator, Mode, TieKind};

/// Where a network member stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ActorStatus {
    Active,
    /// A reserve member not yet drawn into the network.
    Dormant,
    Arrested,
    Convicted,
    /// Left the reach of the investigation after a warning.
    Fled,
    /// A company whose licence was suspended: out of business.
    Suspended,
}

impl ActorStatus {
    /// The status in plain words.
    pub fn label(self) -> &'static str {
        match self {
            ActorStatus::Active => "active",
            ActorStatus::Dormant => "dormant",
            ActorStatus::Arrested => "arrested",
            ActorStatus::Convicted => "convicted",
            ActorStatus::Fled => "fled",
            ActorStatus::Suspended => "licence suspended",
        }
    }

    /// Whether the member works for the network now.
    pub fn working(self) -> bool {
        self == ActorStatus::Active
    }
}

/// Which scenario actor an entity is.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ActorId(pub ActorIx);

/// A network member's changing state.
#[derive(Component, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorState {
    pub status: ActorStatus,
    /// The team holding them, while arrested.
    pub custody: Option<TeamIx>,
    /// Heat: how much the member senses the investigation (0–100).
    pub alert: u32,
    /// The member avoids phones and meetings through this turn.
    pub dark_until: u32,
    /// Turn the member left the network (arrest, flight), while unreplaced.
    pub vacant_since: Option<u32>,
    /// Whether someone has taken over this member's work.
    pub replaced: bool,
    /// Replaced by a contact who took on the work beside their own, less well.
    pub absorbed: bool,
    /// The fled member returns to work at this turn.
    pub returns_at: Option<u32>,
    /// The country a member moved to, to run their work from there.
    #[serde(default)]
    pub abroad: Option<CountryIx>,
}

impl ActorState {
    /// A member at the start of the exercise.
    pub fn new(reserve: bool) -> ActorState {
        ActorState {
            status: if reserve {
                ActorStatus::Dormant
            } else {
                ActorStatus::Active
            },
            custody: None,
            alert: 0,
            dark_until: 0,
            vacant_since: None,
            replaced: false,
            absorbed: false,
            returns_at: None,
            abroad: None,
        }
    }

    /// The country the member lives in now.
    pub fn country(&self, info: &ActorInfo) -> CountryIx {
        self.abroad.unwrap_or(info.country)
    }

    /// Whether the member is avoiding phones and meetings this turn.
    pub fn is_dark(&self, turn: u32) -> bool {
        self.dark_until >= turn
    }
}

/// Where a migrant group stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum GroupStatus {
    /// Recruited, waiting to set off.
    Recruited,
    InTransit,
    /// Stopped by a team and held.
    Intercepted,
    /// Saved at sea and held.
    Rescued,
    Arrived,
    /// Arrived and held in exploitation.
    Exploited,
    /// In protection after referral.
    Protected,
    Returned,
    LostAtSea,
}

impl std::fmt::Display for ActorStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

impl std::fmt::Display for GroupStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

impl GroupStatus {
    /// The status in plain words.
    pub fn label(self) -> &'static str {
        match self {
            GroupStatus::Recruited => "recruited",
            GroupStatus::InTransit => "in transit",
            GroupStatus::Intercepted => "intercepted",
            GroupStatus::Rescued => "rescued",
            GroupStatus::Arrived => "arrived",
            GroupStatus::Exploited => "exploited",
            GroupStatus::Protected => "protected",
            GroupStatus::Returned => "returned",
            GroupStatus::LostAtSea => "lost at sea",
        }
    }

    /// Held by a team, waiting for what the team decides.
    pub fn held(self) -> bool {
        matches!(self, GroupStatus::Intercepted | GroupStatus::Rescued)
    }
}

/// A group of people travelling together, and what happens to them.
#[derive(Component, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    /// Creation order; stable sort key.
    pub seq: u32,
    pub id: String,
    pub size: u32,
    pub route: RouteIx,
    /// Index of the current leg; equals the number of legs on arrival.
    pub leg: u32,
    /// Turns spent on the current leg.
    pub progress: u32,
    pub depart_turn: u32,
    pub status: GroupStatus,
    pub vulnerability: u32,
    pub indicators: Vec<Indicator>,
    /// What trafficked people are to be exploited for; none for the
    /// smuggled.
    #[serde(default)]
    pub exploitation: Option<Exploitation>,
    pub recruiter: Option<ActorIx>,
    /// The team holding the group, while held.
    pub custody: Option<TeamIx>,
    pub held_since: u32,
    /// A boat in distress: people will be lost unless rescued this turn.
    pub distress: bool,
    pub lost: u32,
    /// Victims among them have been identified by screening.
    pub identified: bool,
    /// The members who moved, held or exploited these people, in the order
    /// they did: whom the victims can name when they testify.
    pub handlers: Vec<ActorIx>,
    /// The country whose shelters hold the group, while in protection.
    pub sheltered_in: Option<CountryIx>,
    /// The team that referred the group to protection.
    #[serde(default)]
    pub referred_by: Option<TeamIx>,
    /// Presumed victims in protection: the turn their reflection period
    /// ends and they decide whether to give evidence.
    #[serde(default)]
    pub decides_on: Option<u32>,
    /// The turn people in the group last talked in a screening interview:
    /// that turn opens a decision on them, so routine processing waits.
    pub screened_on: Option<u32>,
    /// The group is made of people returned earlier and recruited again.
    pub re_trafficked_from: Option<String>,
}

impl Group {
    /// People recruited for a route, waiting to set off on `depart_turn`:
    /// smuggled, of middling vulnerability, with no history yet.
    pub fn recruited(seq: u32, id: String, size: u32, route: RouteIx, depart_turn: u32) -> Group {
        Group {
            seq,
            id,
            size,
            route,
            leg: 0,
            progress: 0,
            depart_turn,
            status: GroupStatus::Recruited,
            vulnerability: 50,
            indicators: Vec::new(),
            exploitation: None,
            recruiter: None,
            custody: None,
            held_since: 0,
            distress: false,
            lost: 0,
            identified: false,
            screened_on: None,
            sheltered_in: None,
            referred_by: None,
            decides_on: None,
            handlers: Vec::new(),
            re_trafficked_from: None,
        }
    }

    /// Whether the people in the group are trafficking victims.
    pub fn trafficked(&self) -> bool {
        !self.indicators.is_empty()
    }

    /// Record a member who moved, held or exploited these people.
    pub fn handle(&mut self, member: ActorIx) {
        if !self.handlers.contains(&member) {
            self.handlers.push(member);
        }
    }
}

/// An ordered action under way, resolved when its turn comes.
#[derive(Component, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Operation {
    pub team: TeamIx,
    /// Canonical position among the turn's orders.
    pub seq: u32,
    pub kind: ActionKind,
    pub target: TargetRef,
    /// The actor a sharing or MLA order concerns.
    pub about: Option<ActorIx>,
    /// The turn a joint action day is proposed for, when the order named one.
    pub day: Option<u32>,
    pub ordered: u32,
    pub resolves: u32,
}

/// A resolved target of an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum TargetRef {
    Nothing,
    Actor(ActorIx),
    /// A group, by creation order.
    Group(u32),
    Team(TeamIx),
    Route(RouteIx),
    Place(PlaceIx),
}

/// The turn being played (or, between turns, the last committed).
#[derive(Resource, Debug, Clone, Copy, Default, Serialize, Deserialize)]
pub struct Clock {
    pub turn: u32,
}

/// Per-team budget for the turn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamState {
    pub capacity_left: u32,
    pub interpreters_left: u32,
}

/// Budgets of every team, by team index.
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Teams(pub Vec<TeamState>);

/// One end of a live tie.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveTie {
    pub other: ActorIx,
    pub kind: TieKind,
    pub strength: u32,
}

/// The network's own state: its live ties, pressure on its routes, its money.
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Network {
    /// Ties of each actor, sorted by the other end; replacement rewires them.
    pub ties: Vec<Vec<LiveTie>>,
    /// Law-enforcement pressure felt on each route (decays every turn).
    pub route_pressure: Vec<u32>,
    /// The network avoids a route through this turn.
    pub route_closed_until: Vec<u32>,
    /// Warnings that reached members this turn, applied in the network's turn.
    pub tip_offs: Vec<(ActorIx, u32)>,
    /// Assets seized so far, by asset index.
    pub seized: Vec<bool>,
    /// Recruitment in a country is dampened through this turn.
    pub prevention_until: Vec<(CountryIx, u32)>,
    /// Groups created so far (next group's creation order).
    pub groups_created: u32,
    /// People returned without support who may be recruited again: (turn, group id, size, route, indicators).
    pub at_risk: Vec<AtRisk>,
    /// Points by which convictions of corrupt officials have lowered each
    /// country's corruption for the rest of the run.
    #[serde(default)]
    pub corruption_cut: std::collections::BTreeMap<CountryIx, u32>,
    /// The risk the network has learnt each route runs, which its prices
    /// answer to: the pressure it felt, weighed with a lag.
    #[serde(default)]
    pub route_risk: Vec<u32>,
    /// People who arrived at the end of each route so far.
    #[serde(default)]
    pub moved_by_route: Vec<u32>,
    /// People recruited who did not travel at the price asked.
    #[serde(default)]
    pub stayed_home: u32,
    /// The turn the network opened each candidate route it has opened.
    #[serde(default)]
    pub opened_on: std::collections::BTreeMap<RouteIx, u32>,
    /// Changes injects made to countries' laws, in the order made: the
    /// law in force is the scenario's with these applied.
    #[serde(default)]
    pub law_changes: Vec<(CountryIx, crate::scenario::LawChange)>,
    /// Vessels injects registered under another flag, in the order done:
    /// the vessel and its new flag state (none: stateless).
    #[serde(default)]
    pub flag_changes: Vec<(PlaceIx, Option<CountryIx>)>,
}

impl Network {
    /// Whether the network uses a route: any route but a candidate it has
    /// not opened.
    pub fn in_use(&self, setup: &super::setup::Setup, route: RouteIx) -> bool {
        !setup.routes[route].candidate || self.opened_on.contains_key(&route)
    }
}

impl Network {
    /// What injects changed in the fixed facts so far.
    pub fn amendments(&self) -> super::setup::Amendments<'_> {
        super::setup::Amendments {
            laws: &self.law_changes,
            flags: &self.flag_changes,
        }
    }

    /// A country's corruption now: its law's rate, less what convictions of
    /// its corrupt officials have cut.
    pub fn corruption(&self, setup: &super::setup::Setup, country: CountryIx) -> u32 {
        let cut = self.corruption_cut.get(&country).copied().unwrap_or(0);
        setup.countries[country].law.corruption.saturating_sub(cut)
    }
}

/// People returned home who may be recruited again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AtRisk {
    pub from_group: String,
    pub size: u32,
    pub route: RouteIx,
    pub indicators: Vec<Indicator>,
    #[serde(default)]
    pub exploitation: Option<Exploitation>,
    pub returned: u32,
    /// Percent chance per turn of being recruited again.
    pub risk: u32,
}

/// Bad weather raising hazard on legs of one mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeatherSpell {
    pub mode: Mode,
    pub extra_hazard: u32,
    pub until: u32,
}

/// Weather and other conditions on the routes.
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conditions {
    pub weather: Vec<WeatherSpell>,
    /// Maritime patrols at sea this turn: (team, route).
    pub patrols: Vec<(TeamIx, RouteIx)>,
    /// Search-and-rescue answering this turn: (team, route).
    pub rescues: Vec<(TeamIx, RouteIx)>,
    /// Boats the injects put in distress at the end of last turn, by route.
    pub distress_routes: Vec<RouteIx>,
}

impl Conditions {
    /// Extra hazard on a leg of this mode during this turn.
    pub fn extra_hazard(&self, mode: Mode, turn: u32) -> u32 {
        self.weather
            .iter()
            .filter(|w| w.mode == mode && w.until >= turn)
            .map(|w| w.extra_hazard)
            .sum()
    }
}

/// A formal request for evidence from another country.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MlaRequest {
    pub from: TeamIx,
    pub to: TeamIx,
    pub about: ActorIx,
    pub sent: u32,
    pub due: u32,
}

/// A request to another country's financial intelligence unit about a
/// person's money there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FiuRequest {
    pub from: TeamIx,
    pub to: TeamIx,
    pub about: ActorIx,
    pub sent: u32,
    pub due: u32,
}

/// A case file sent by MLA to the country that holds a person it will not
/// extradite, asking it to prosecute them itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProsecutionTransfer {
    pub from: TeamIx,
    pub about: ActorIx,
    /// The requested country.
    pub country: CountryIx,
    pub sent: u32,
    pub due: u32,
    /// The admissible evidence the requesting team held when it sent the file.
    pub file: Vec<crate::engine::knowledge::Evidence>,
    /// The admissible records of crossings sent with it, by group.
    pub crossings: Vec<(u32, crate::engine::knowledge::Crossing)>,
}

/// A joint investigation team between two teams.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Jit {
    pub a: TeamIx,
    pub b: TeamIx,
    pub formed: u32,
    pub until: u32,
    /// The first turn its members exchange evidence, once the agreement is
    /// signed.
    #[serde(default)]
    pub works_from: u32,
}

/// Cooperation under way between teams.
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cooperation {
    pub mla: Vec<MlaRequest>,
    /// Proposals waiting for an answer: (from, to, turn proposed).
    pub proposals: Vec<(TeamIx, TeamIx, u32)>,
    pub jits: Vec<Jit>,
    /// Liaison officers posted: (sending team, host team).
    pub liaisons: Vec<(TeamIx, TeamIx)>,
    /// Red notices in force: (actor, requesting team).
    pub red_notices: Vec<(ActorIx, TeamIx)>,
    /// Arrests this turn by team, for joint action days.
    pub arrests_this_turn: Vec<(TeamIx, ActorIx)>,
    /// Requests between financial intelligence units awaiting a reply.
    #[serde(default)]
    pub fiu: Vec<FiuRequest>,
    /// Case files sent abroad with a request to prosecute, awaiting delivery.
    #[serde(default)]
    pub transfers: Vec<ProsecutionTransfer>,
    /// Joint action days proposed or agreed.
    #[serde(default)]
    pub action_days: Vec<ActionDay>,
    /// Members warned this turn by an arrest, with the arresting team: word
    /// travels within the week unless the arrests were planned together.
    #[serde(default)]
    pub warned_this_turn: Vec<(ActorIx, TeamIx)>,
    /// Requests to board vessels of another flag on a route, awaiting the
    /// flag state's answer.
    #[serde(default)]
    pub boarding_requests: Vec<BoardingRequest>,
    /// Consents given: (team, flag state, route).
    #[serde(default)]
    pub boarding_consents: Vec<(TeamIx, CountryIx, RouteIx)>,
    /// Financial intelligence units' consents to use as evidence what they
    /// send: (unit, team).
    #[serde(default)]
    pub fiu_consents: Vec<(TeamIx, TeamIx)>,
}

/// A coast guard's request to a flag state to board its vessels on a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardingRequest {
    pub from: TeamIx,
    pub flag: CountryIx,
    pub route: RouteIx,
    pub turn: u32,
}

impl BoardingRequest {
    /// Whether the request still waits for an answer on this turn: open as
    /// long as a proposal of a joint team.
    pub fn open_on(&self, turn: u32) -> bool {
        self.turn + crate::engine::systems::cooperation::PROPOSAL_TURNS >= turn
    }
}

/// A joint action day between two teams of different countries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionDay {
    pub proposer: TeamIx,
    pub partner: TeamIx,
    /// The turn both strike.
    pub day: u32,
    pub agreed: bool,
}

impl ActionDay {
    /// Whether the day is between these two teams, whoever proposed it.
    pub fn between(&self, a: TeamIx, b: TeamIx) -> bool {
        (self.proposer == a && self.partner == b) || (self.proposer == b && self.partner == a)
    }
}

impl Cooperation {
    /// Whether two teams are members of a joint team in force this turn.
    pub fn in_jit(&self, a: TeamIx, b: TeamIx, turn: u32) -> bool {
        self.jits.iter().any(|j| {
            j.works_from <= turn
                && j.until >= turn
                && ((j.a == a && j.b == b) || (j.a == b && j.b == a))
        })
    }

    /// Whether the flag state consented to this team's boarding its vessels
    /// on the route.
    pub fn may_board(&self, team: TeamIx, flag: CountryIx, route: RouteIx) -> bool {
        self.boarding_consents.contains(&(team, flag, route))
    }

    /// Whether two teams agreed to strike together on this turn.
    pub fn planned_together(&self, a: TeamIx, b: TeamIx, turn: u32) -> bool {
        self.action_days
            .iter()
            .any(|d| d.agreed && d.day == turn && d.between(a, b))
    }

    /// Whether a liaison officer links the two teams.
    pub fn liaison(&self, a: TeamIx, b: TeamIx) -> bool {
        self.liaisons
            .iter()
            .any(|&(x, y)| (x == a && y == b) || (x == b && y == a))
    }
}

/// A case before a court.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourtCase {
    pub actor: ActorIx,
    pub team: TeamIx,
    pub filed: u32,
    pub decides: u32,
    /// Admissible evidence at charging.
    pub evidence: u32,
    /// Trafficking charges (victims identified among the accused's groups).
    pub trafficking: bool,
    /// Countries whose admissible evidence is in the case file.
    pub jurisdictions: u32,
    /// Independent sources of the admissible evidence (interception, money,
    /// testimony, each partner's MLA reply...).
    #[serde(default)]
    pub sources: u32,
    /// Crossings the file proves: each is a count on the indictment.
    #[serde(default)]
    pub crossings: u32,
    /// The file traces the proceeds (admissible financial evidence): a
    /// count of money laundering beside the predicate offence.
    #[serde(default)]
    pub laundering: bool,
}

/// Cases before the courts.
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Courts {
    pub cases: Vec<CourtCase>,
}

/// Which injects have fired.
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InjectLog {
    /// By inject index: the turn it fired.
    pub fired: Vec<Option<u32>>,
}
