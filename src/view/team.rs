//! One team's view: built from its own knowledge and public facts only.

use super::words::{maybe_spelt, spelt};
use crate::engine::state::{ActorStatus, GroupStatus};
use crate::scenario::{Mode, PlaceKind, Role, TieKind};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

use crate::engine::events::{Event, GroupTag, Person, Rename, Told, Truth};
use crate::engine::knowledge::{Channel, MessageKind, Source, TeamKnowledge};
use crate::engine::orders::{Order, Target};
use crate::engine::rules::{
    Handles, OrderContext, check_prerequisites, has_channel, known_name, target_kind_label,
};
use crate::engine::setup::{ActorIx, PlaceIx, RouteIx, Setup, TeamIx};
use crate::engine::state::TargetRef;
use crate::engine::{Snapshot, ViewState};
use crate::scenario::{ActionKind, Agency, CountryRole, Prerequisite, TargetKind};

/// The team itself, as shown in its header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamCard {
    pub id: String,
    pub name: String,
    pub country: String,
    pub country_role: CountryRole,
    pub agency: Agency,
    pub capacity: u32,
    pub capacity_left: u32,
    pub interpreters: u32,
    pub brief: String,
}

/// The legal framework the team works under: public law, not secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LawView {
    pub interception_allowed: bool,
    pub interception_threshold: u32,
    pub arrest_threshold: u32,
    pub charge_threshold: u32,
    pub mla_delay: u32,
    pub extradition: bool,
    /// The country extradites its own nationals too.
    #[serde(default = "yes")]
    pub extradites_nationals: bool,
    /// Entering without leave is an offence, charged by routine processing.
    #[serde(default = "yes")]
    pub irregular_entry_offence: bool,
    /// Leaving without leave is an offence, charged against nationals.
    #[serde(default)]
    pub irregular_exit_offence: bool,
    /// Presumed victims and children are never charged.
    #[serde(default = "yes")]
    pub non_punishment: bool,
    /// Turns presumed victims in protection reflect before they decide
    /// whether to give evidence.
    #[serde(default)]
    pub reflection_turns: u32,
    /// Children may be held in detention and processed routinely; by
    /// default never.
    #[serde(default)]
    pub minors_detention: bool,
}

fn yes() -> bool {
    true
}

/// A person in the team's files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonView {
    /// How orders refer to this person: the scenario id once identified, else an opaque handle.
    pub reference: String,
    pub name: String,
    pub identified: bool,
    #[serde(with = "maybe_spelt")]
    pub role: Option<Role>,
    pub country: Option<String>,
    /// The person is believed to be in the team's own country.
    pub in_jurisdiction: bool,
    pub place: Option<String>,
    #[serde(with = "maybe_spelt")]
    pub status: Option<ActorStatus>,
    pub held: bool,
    pub confidence: u32,
    pub source: String,
    pub evidence: u32,
    pub admissible: u32,
    pub last_turn: u32,
    /// Whether the person is an organiser, as far as the team knows.
    pub organiser: bool,
    /// Teams this file was passed to, with the turn it was last passed.
    pub shared_with: Vec<(String, u32)>,
    /// An MLA request on this person is awaiting its reply.
    pub mla_pending: bool,
    /// The team has asked another country's financial intelligence unit
    /// about this person (awaiting the reply, or answered).
    #[serde(default)]
    pub fiu_asked: bool,
    /// The country where the person is would extradite them, by its law
    /// (it extradites at all, its nationals too, dual criminality).
    #[serde(default)]
    pub extraditable: bool,
    /// The team has asked the person's country to prosecute them.
    #[serde(default)]
    pub prosecution_asked: bool,
    /// The team could prove the act a charge against this person needs:
    /// that people were smuggled, or that the person was caught moving them
    /// (see [`TeamView::smuggling_proven`]); an official's bribe needs neither.
    #[serde(default)]
    pub act_proven: bool,
    /// A court of the team's country acquitted the person: no second trial
    /// there (ne bis in idem).
    #[serde(default)]
    pub acquitted_here: bool,
    /// Traced assets of this person not yet frozen.
    pub assets: u32,
    /// Charges against this person are before a court of the team's country.
    pub charged: bool,
    /// A company the team knows by name that holds a licence to recruit
    /// workers (the licensing register is public).
    #[serde(default)]
    pub licensed: bool,
}

/// A link between two persons in the team's files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkView {
    pub a: String,
    pub b: String,
    #[serde(with = "maybe_spelt")]
    pub kind: Option<TieKind>,
}

/// A place the team knows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceView {
    pub id: String,
    pub name: String,
    pub country: Option<String>,
    pub kind: PlaceKind,
    /// A vessel that puts into a port of the team's country: port-state
    /// control reaches it there, whatever its flag.
    #[serde(default)]
    pub in_our_ports: bool,
}

/// A route the team knows of, leg by leg.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RouteView {
    pub id: String,
    pub name: String,
    pub legs: Vec<LegView>,
    pub has_sea_leg: bool,
    /// The flag states (country ids) whose consent this team would need to
    /// board boats on the route in international waters, not yet asked.
    #[serde(default)]
    pub consent_needed: Vec<String>,
}

/// One leg of a known route.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegView {
    pub from: String,
    pub to: String,
    #[serde(with = "spelt")]
    pub mode: Mode,
    /// On a sea leg, the country (id) whose flag the boats fly; absent for
    /// a stateless boat and ashore.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flag: Option<String>,
}

/// A group of migrants the team has met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupView {
    /// The label orders and events use for the group.
    pub id: String,
    /// The team's name for it: where and when it first met the group.
    #[serde(default)]
    pub name: String,
    /// Where and when the team first met it, alone: "Seri International
    /// Airport, turn 5".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub met: Option<String>,
    pub size: u32,
    #[serde(with = "spelt")]
    pub status: GroupStatus,
    /// Held by this team's country and waiting for its decision.
    pub held: bool,
    pub route: Option<String>,
    pub indicators: Vec<String>,
    pub screened: bool,
    pub victims_identified: bool,
    pub last_seen: u32,
    /// What screening found the victims were exploited for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exploitation: Option<crate::scenario::Exploitation>,
    /// While held: the turn routine processing takes the people unless a
    /// decision (referral, return) is made first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub routine_on: Option<u32>,
    /// A credible report says they are held and exploited: they may be
    /// referred as presumed victims.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reported: bool,
}

/// One piece of evidence in a case file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceView {
    pub strength: u32,
    pub admissible: bool,
    #[serde(with = "spelt")]
    pub channel: Channel,
    pub jurisdiction: String,
    pub source: String,
    pub turn: u32,
}

/// The case file on one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseView {
    pub person: String,
    pub name: String,
    pub total: u32,
    pub admissible: u32,
    pub items: Vec<EvidenceView>,
}

/// A line of the team's message log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageView {
    pub turn: u32,
    pub kind: MessageKind,
    pub text: String,
    /// What the text says, as data; absent where the view is not a team's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<Event<Told>>,
}

/// How one team names what its events are about: persons by the reference
/// it gives in orders, everything else by scenario id.
struct TeamNames<'a> {
    setup: &'a Setup,
    know: &'a TeamKnowledge,
    handles: Handles,
}

impl TeamNames<'_> {
    fn reference(&self, a: ActorIx) -> String {
        if self.know.actors.get(&a).is_some_and(|i| i.identified) {
            self.setup.actors[a].id.clone()
        } else {
            self.handles.of(&self.setup.actors[a].id)
        }
    }
}

impl Rename<Truth, Told> for TeamNames<'_> {
    fn person(&self, p: &Person) -> String {
        self.reference(p.actor)
    }
    fn team(&self, t: &TeamIx) -> String {
        self.setup.teams[*t].id.clone()
    }
    fn route(&self, r: &RouteIx) -> String {
        self.setup.routes[*r].id.clone()
    }
    fn place(&self, p: &PlaceIx) -> String {
        self.setup.places[*p].id.clone()
    }
    fn group(&self, g: &GroupTag) -> String {
        g.id.clone()
    }
}

/// An action the team may order, with what it costs and risks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionOption {
    pub kind: ActionKind,
    pub name: String,
    pub description: String,
    pub cost: u32,
    pub duration: u32,
    pub target: TargetKind,
    pub target_label: String,
    pub tip_off: u32,
    pub requires: Vec<String>,
    /// The order also names the person it concerns (sharing, MLA).
    #[serde(default)]
    pub needs_about: bool,
    /// What the action may be aimed at now, each with why it cannot be:
    /// filled in by [`planning_view`], empty in a bare [`team_view`].
    #[serde(default)]
    pub targets: Vec<TargetChoice>,
}

impl ActionOption {
    /// Why the action cannot be ordered now at all (none if some target is open).
    pub fn blocked(&self) -> Option<String> {
        if self.targets.iter().any(|t| t.blocked.is_none()) {
            return None;
        }
        Some(
            self.targets
                .iter()
                .find_map(|t| t.blocked.clone())
                .unwrap_or_else(|| "nothing to aim it at yet".to_string()),
        )
    }
}

/// Something an action may be aimed at, and why it cannot be now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetChoice {
    pub target: Target,
    /// The rule that forbids it this turn, in words; none if it may be ordered.
    pub blocked: Option<String>,
    /// Each prerequisite of the action for this target, met or not, with
    /// the team's own numbers. An addition to protocol version 3.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requirements: Vec<Requirement>,
}

/// One prerequisite of an order for one target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Requirement {
    /// What it asks ("a warrant: evidence 2 of 2").
    pub text: String,
    pub met: bool,
}

/// Another team, and how this team can reach it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtherTeam {
    pub id: String,
    pub name: String,
    pub country: String,
    pub country_role: CountryRole,
    pub agency: Agency,
    pub same_country: bool,
    pub channel: bool,
    pub joint_team: bool,
    /// This team has proposed a joint team to us, not yet answered.
    pub proposes_jit: bool,
    /// The turn of a joint action day this team proposed to us, not yet
    /// agreed.
    #[serde(default)]
    pub proposes_action_day: Option<u32>,
    /// The turn of a joint action day agreed with this team, still to come
    /// (or this turn).
    #[serde(default)]
    pub action_day: Option<u32>,
    /// This team's coast guard asks our country's consent to board boats
    /// of our flag, not yet answered.
    #[serde(default)]
    pub asks_boarding: bool,
    /// Both countries' laws provide for a joint investigation team with
    /// this team (false for a team of the same country).
    #[serde(default)]
    pub jit_basis: bool,
    /// This team may accept a joint investigation team (its agency's
    /// actions include it).
    #[serde(default)]
    pub joins_jit: bool,
    /// This team has asked our financial intelligence unit about someone
    /// and our unit has not consented to its use of what it sends.
    #[serde(default)]
    pub awaits_fiu_consent: bool,
    /// What this team may order: its agency's mandate is public, and whom
    /// to ask for what follows from it.
    #[serde(default)]
    pub actions: Vec<ActionKind>,
}

impl OtherTeam {
    /// Whether this team may order the action.
    pub fn can(&self, kind: ActionKind) -> bool {
        self.actions.contains(&kind)
    }
}

/// An operation under way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperationView {
    pub action: ActionKind,
    pub name: String,
    pub target: String,
    pub resolves: u32,
}

/// Everything one team may see at the start of a turn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamView {
    pub scenario: String,
    /// The turn being planned.
    pub turn: u32,
    pub turns: u32,
    pub date: String,
    pub team: TeamCard,
    pub law: LawView,
    pub persons: Vec<PersonView>,
    pub links: Vec<LinkView>,
    pub places: Vec<PlaceView>,
    pub routes: Vec<RouteView>,
    pub groups: Vec<GroupView>,
    pub cases: Vec<CaseView>,
    pub messages: Vec<MessageView>,
    pub actions: Vec<ActionOption>,
    pub teams: Vec<OtherTeam>,
    pub underway: Vec<OperationView>,
    /// The team holds admissible proof that people were smuggled: a record
    /// of a crossing (migrants' statements) taken in its country or received
    /// by MLA or a joint team. Every smuggling charge needs it.
    #[serde(default)]
    pub smuggling_proven: bool,
}

impl TeamView {
    /// Whether the team may order the action at all.
    pub fn may(&self, kind: ActionKind) -> bool {
        self.actions.iter().any(|a| a.kind == kind)
    }
}

fn place_name(setup: &Setup, p: usize) -> String {
    setup.places[p].name.clone()
}

/// Build one team's view; `handles` (or a headless run's seed) names the
/// persons it has not identified.
pub fn team_view(
    setup: &Setup,
    handles: impl Into<Handles>,
    snap: &Snapshot,
    team: TeamIx,
) -> TeamView {
    view_in_detail(
        setup,
        handles.into(),
        &ViewState::of(snap),
        team,
        Detail::Screen,
    )
}

/// How much a view carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Detail {
    /// Everything, as a team's screen shows it.
    Screen,
    /// What a bot reads: the message log cut to this turn's news
    /// ([`is_news`]), no link chart, and the actions without their
    /// descriptions and prerequisites in words. The cost of such a view does
    /// not grow with the length of the game.
    Bot,
}

/// Whether a message of `message_turn` is news to a team planning
/// `view_turn`: said during the last turn played or since.
pub fn is_news(message_turn: u32, view_turn: u32) -> bool {
    message_turn + 1 >= view_turn
}

fn view_in_detail(
    setup: &Setup,
    handles: Handles,
    snap: &ViewState<'_>,
    team: TeamIx,
    detail: Detail,
) -> TeamView {
    if let Some(in_force) = setup.in_force(snap.network.amendments()) {
        return view_in_detail(&in_force, handles, snap, team, detail);
    }
    let info = &setup.teams[team];
    let country = &setup.countries[info.country];
    let know: &TeamKnowledge = &snap.knowledge.0[team];
    let names = TeamNames {
        setup,
        know,
        handles,
    };
    let reference = |a: ActorIx| names.reference(a);
    // Looked up once, not scanned again for each person the team knows.
    let charged: BTreeSet<ActorIx> = snap
        .operations
        .iter()
        .filter(|o| {
            o.kind == ActionKind::Prosecution && setup.teams[o.team].country == info.country
        })
        .filter_map(|o| match o.target {
            TargetRef::Actor(a) => Some(a),
            _ => None,
        })
        .collect();
    let mla_pending: BTreeSet<ActorIx> = snap
        .cooperation
        .mla
        .iter()
        .filter(|r| r.from == team)
        .map(|r| r.about)
        .collect();
    let fiu_pending: BTreeSet<ActorIx> = snap
        .cooperation
        .fiu
        .iter()
        .filter(|r| r.from == team)
        .map(|r| r.about)
        .collect();
    let prosecution_asked: BTreeSet<ActorIx> = know
        .messages
        .iter()
        .filter_map(|m| match m.event {
            Event::ProsecutionRequested { person, .. } => Some(person.actor),
            _ => None,
        })
        .collect();
    let mut assets_held: BTreeMap<ActorIx, u32> = BTreeMap::new();
    for &x in &know.assets {
        if !snap.network.seized.get(x).copied().unwrap_or(true) {
            *assets_held.entry(setup.assets[x].owner).or_default() += 1;
        }
    }
    let persons =
        know.actors
            .iter()
            .map(|(&a, i)| PersonView {
                reference: reference(a),
                name: known_name(setup, know, a),
                identified: i.identified,
                role: i.role,
                country: i.country.map(|c| setup.countries[c].name.clone()),
                in_jurisdiction: crate::engine::rules::known_within_jurisdiction(
                    setup,
                    info.country,
                    a,
                    i,
                ),
                place: i.place.map(|p| place_name(setup, p.index())),
                status: i.status,
                held: i.held,
                confidence: i.confidence,
                source: i.source.label().to_string(),
                evidence: know.evidence_total(a),
                admissible: know.admissible_total(a),
                last_turn: i.last_turn,
                organiser: i.role == Some(crate::scenario::Role::Organiser),
                shared_with: know
                    .shared
                    .range((a, TeamIx(0))..=(a, TeamIx(usize::MAX)))
                    .map(|(&(_, t), &turn)| (setup.teams[t].id.clone(), turn))
                    .collect(),
                mla_pending: mla_pending.contains(&a),
                fiu_asked: fiu_pending.contains(&a)
                    || know.evidence.get(&a).is_some_and(|items| {
                        items.iter().any(|e| matches!(e.source, Source::Fiu(_)))
                    }),
                extraditable: i.identified
                    && i.country
                        .is_some_and(|c| crate::engine::rules::extradites(setup, a, c)),
                prosecution_asked: prosecution_asked.contains(&a),
                act_proven: know.act_proven(a),
                acquitted_here: know.acquitted.contains_key(&a),
                assets: assets_held.get(&a).copied().unwrap_or(0),
                charged: charged.contains(&a),
                licensed: i.identified
                    && i.role == Some(crate::scenario::Role::Company)
                    && i.status != Some(crate::engine::state::ActorStatus::Suspended)
                    && setup.actors[a].licensed,
            })
            .collect();
    let screen = detail == Detail::Screen;
    let links = know
        .ties
        .iter()
        .filter(|_| screen)
        .filter(|((a, b), _)| know.actors.contains_key(a) && know.actors.contains_key(b))
        .map(|(&(a, b), kind)| LinkView {
            a: reference(a),
            b: reference(b),
            kind: *kind,
        })
        .collect();
    let places = know
        .places
        .iter()
        .map(|&p| {
            let pl = &setup.places[p];
            PlaceView {
                id: pl.id.clone(),
                name: pl.name.clone(),
                country: pl.country.map(|c| setup.countries[c].name.clone()),
                kind: pl.kind,
                in_our_ports: pl
                    .calls_at
                    .iter()
                    .any(|&port| setup.places[port].country == Some(info.country)),
            }
        })
        .collect();
    let routes = know
        .routes
        .iter()
        .map(|&r| {
            let route = &setup.routes[r];
            RouteView {
                id: route.id.clone(),
                name: route.name.clone(),
                has_sea_leg: route
                    .legs
                    .iter()
                    .any(|l| l.mode == crate::scenario::Mode::Sea),
                legs: route
                    .legs
                    .iter()
                    .map(|l| LegView {
                        from: place_name(setup, l.from.index()),
                        to: place_name(setup, l.to.index()),
                        mode: l.mode,
                        flag: l.flag.map(|c| setup.countries[c].id.clone()),
                    })
                    .collect(),
                consent_needed: crate::engine::rules::flags_to_ask(
                    setup,
                    snap.cooperation,
                    team,
                    r,
                )
                .into_iter()
                .filter(|&f| {
                    !snap.cooperation.boarding_requests.iter().any(|q| {
                        q.from == team && q.flag == f && q.route == r && q.open_on(snap.turn + 1)
                    })
                })
                .map(|f| setup.countries[f].id.clone())
                .collect(),
            }
        })
        .collect();
    let groups = know
        .groups
        .iter()
        .map(|(seq, g)| {
            // The snapshot keeps groups in order of `seq`; a search that
            // misses looks again in full, so an unordered one reads right too.
            let group = snap
                .groups
                .binary_search_by_key(seq, |x| x.seq)
                .ok()
                .or_else(|| snap.groups.iter().position(|x| x.seq == *seq))
                .and_then(|i| snap.groups.get(i));
            let held = group.is_some_and(|x| {
                x.status.held()
                    && x.custody
                        .is_some_and(|t| setup.teams[t].country == info.country)
            });
            GroupView {
                id: g.id.clone(),
                name: know.group_name(
                    setup,
                    &crate::engine::events::GroupTag {
                        seq: *seq,
                        id: g.id.clone(),
                    },
                ),
                met: know.group_met(setup, *seq),
                size: g.size,
                status: g.status,
                held,
                routine_on: group
                    .filter(|_| held)
                    .map(|x| x.held_since + crate::engine::systems::migrants::HOLDING_TURNS),
                route: g.route.map(|r| setup.routes[r].name.clone()),
                indicators: g
                    .indicators
                    .iter()
                    .map(|i| setup.indicator_label(i).to_string())
                    .collect(),
                screened: g.screened,
                victims_identified: g.victims_identified,
                exploitation: g.exploitation,
                last_seen: g.turn,
                reported: g.reported,
            }
        })
        .collect();
    let cases = know
        .evidence
        .iter()
        .map(|(&a, items)| CaseView {
            person: reference(a),
            name: known_name(setup, know, a),
            total: know.evidence_total(a),
            admissible: know.admissible_total(a),
            items: items
                .iter()
                .map(|e| EvidenceView {
                    strength: e.strength,
                    admissible: e.channel.admissible(),
                    channel: e.channel,
                    jurisdiction: setup.countries[e.jurisdiction].name.clone(),
                    source: e.source.label().to_string(),
                    turn: e.turn,
                })
                .collect(),
        })
        .collect();
    let view_turn = snap.turn + 1;
    let messages = know
        .messages
        .iter()
        .rev()
        .take_while(|m| detail == Detail::Screen || is_news(m.turn, view_turn))
        .map(|m| MessageView {
            turn: m.turn,
            kind: m.kind(),
            text: m.text().to_string(),
            event: Some(m.event.rename(&names)),
        })
        .collect();
    let actions = info
        .actions
        .iter()
        .filter_map(|k| setup.action(*k))
        .map(|d| ActionOption {
            kind: d.kind,
            name: d.name.clone(),
            description: if screen {
                d.description.clone()
            } else {
                String::new()
            },
            cost: d.cost,
            duration: d.duration,
            target: d.target,
            // An action only a company can be the target of says so.
            target_label: if d
                .requires
                .iter()
                .any(|r| matches!(r, Prerequisite::Company | Prerequisite::Licensed))
            {
                "company".to_string()
            } else {
                target_kind_label(d.target).to_string()
            },
            tip_off: d.tip_off,
            requires: d
                .requires
                .iter()
                .filter(|_| screen)
                .map(|r| {
                    format!(
                        "needs {}",
                        crate::engine::rules::requirement_text(*r, &country.law, None)
                    )
                })
                .collect(),
            // The turn refuses these without the person they concern
            // (`take_orders`); the screens ask for one.
            needs_about: d.kind.concerns_a_person(),
            targets: Vec::new(),
        })
        .collect();
    let turn = snap.turn + 1;
    let teams = setup
        .teams
        .iter()
        .enumerate()
        .filter(|(t, _)| TeamIx(*t) != team)
        .map(|(t, other)| OtherTeam {
            id: other.id.clone(),
            name: other.name.clone(),
            country: setup.countries[other.country].name.clone(),
            country_role: setup.countries[other.country].role,
            agency: other.agency.id.clone(),
            same_country: other.country == info.country,
            actions: other.actions.clone(),
            awaits_fiu_consent: know.asked_our_unit(TeamIx(t))
                && !snap.cooperation.fiu_consents.contains(&(team, TeamIx(t))),
            jit_basis: other.country != info.country
                && crate::engine::rules::joint_teams_lawful(setup, team, TeamIx(t)),
            joins_jit: other.actions.contains(&ActionKind::JitAccept),
            channel: has_channel(setup, snap.cooperation, team, TeamIx(t), turn),
            joint_team: snap.cooperation.in_jit(team, TeamIx(t), turn),
            proposes_jit: snap.cooperation.proposals.iter().any(|&(f, to, when)| {
                f == TeamIx(t)
                    && to == team
                    && when + crate::engine::systems::cooperation::PROPOSAL_TURNS >= turn
            }),
            proposes_action_day: snap
                .cooperation
                .action_days
                .iter()
                .find(|d| !d.agreed && d.proposer == TeamIx(t) && d.partner == team && d.day > turn)
                .map(|d| d.day),
            action_day: snap
                .cooperation
                .action_days
                .iter()
                .find(|d| d.agreed && d.day >= turn && d.between(TeamIx(t), team))
                .map(|d| d.day),
            asks_boarding: snap
                .cooperation
                .boarding_requests
                .iter()
                .any(|q| q.from == TeamIx(t) && q.flag == info.country && q.open_on(turn)),
        })
        .collect();
    let underway = snap
        .operations
        .iter()
        .filter(|o| o.team == team)
        .map(|o| OperationView {
            action: o.kind,
            name: setup
                .action(o.kind)
                .map(|d| d.name.clone())
                .unwrap_or_default(),
            target: match o.target {
                TargetRef::Actor(a) => known_name(setup, know, a),
                TargetRef::Team(t) => setup.teams[t].name.clone(),
                TargetRef::Route(r) => setup.routes[r].name.clone(),
                TargetRef::Place(p) => setup.places[p].name.clone(),
                TargetRef::Group(g) => know
                    .groups
                    .get(&g)
                    .map(|x| x.id.clone())
                    .unwrap_or_default(),
                TargetRef::Nothing => String::new(),
            },
            resolves: o.resolves,
        })
        .collect();
    let law = &country.law;
    TeamView {
        scenario: setup.scenario.title.clone(),
        turn,
        turns: setup.scenario.turns,
        date: setup.date_of_turn(turn),
        team: TeamCard {
            id: info.id.clone(),
            name: info.name.clone(),
            country: country.name.clone(),
            country_role: country.role,
            agency: info.agency.id.clone(),
            capacity: info.capacity,
            capacity_left: info.capacity,
            interpreters: info.interpreters,
            brief: info.brief.clone(),
        },
        law: LawView {
            interception_allowed: law.interception_allowed,
            interception_threshold: law.interception_threshold,
            arrest_threshold: law.arrest_threshold,
            charge_threshold: law.charge_threshold,
            mla_delay: law.mla_delay,
            extradition: law.extradition,
            extradites_nationals: law.extradites_nationals,
            irregular_entry_offence: law.irregular_entry_offence,
            irregular_exit_offence: law.irregular_exit_offence,
            non_punishment: law.non_punishment,
            reflection_turns: setup.reflection_turns(info.country),
            minors_detention: law.minors_detention,
        },
        persons,
        links,
        places,
        routes,
        groups,
        cases,
        messages,
        actions,
        teams,
        underway,
        smuggling_proven: know.smuggling_proven(),
    }
}

/// One team's view with the capacity its `queued` orders leave: what a bot
/// decides from.
pub fn queued_view(
    setup: &Setup,
    handles: impl Into<Handles>,
    snap: &Snapshot,
    team: TeamIx,
    queued: &[Order],
) -> TeamView {
    let mut v = team_view(setup, handles, snap, team);
    spend(setup, &mut v, queued);
    v
}

/// The capacity `queued` orders leave the team.
fn spend(setup: &Setup, v: &mut TeamView, queued: &[Order]) {
    let spent: u32 = queued
        .iter()
        .filter_map(|o| setup.action(o.action).map(|d| d.cost))
        .sum();
    v.team.capacity_left = v.team.capacity.saturating_sub(spent);
}

/// The view a bot decides from: [`queued_view`] with only the parts a bot
/// reads (see `Detail::Bot`). A bot given the whole view decides the same.
pub fn bot_view(
    setup: &Setup,
    handles: impl Into<Handles>,
    snap: &ViewState<'_>,
    team: TeamIx,
    queued: &[Order],
) -> TeamView {
    let mut v = view_in_detail(setup, handles.into(), snap, team, Detail::Bot);
    spend(setup, &mut v, queued);
    v
}

/// Each prerequisite of `def` for `target`, met or not, in the team's numbers.
fn requirements(
    ctx: &OrderContext<'_>,
    def: &crate::scenario::ActionDef,
    target: TargetRef,
) -> Vec<Requirement> {
    let law = ctx.setup.law_of_team(ctx.team);
    let evidence = match target {
        TargetRef::Actor(a) => Some((ctx.know.evidence_total(a), ctx.know.admissible_total(a))),
        _ => None,
    };
    def.requires
        .iter()
        .map(|&req| Requirement {
            text: crate::engine::rules::requirement_text(req, law, evidence),
            met: crate::engine::rules::prerequisite_met(ctx, req, target),
        })
        .collect()
}

/// One team's view while it plans a turn: [`queued_view`] and, for each
/// action, every target it may be aimed at with the reason it cannot be now.
/// The same rules the turn applies, read from the team's own knowledge, so a
/// client never needs the truth to say what is allowed.
pub fn planning_view(
    setup: &Setup,
    handles: impl Into<Handles>,
    snap: &Snapshot,
    team: TeamIx,
    queued: &[Order],
) -> TeamView {
    let handles = handles.into();
    let mut v = queued_view(setup, handles, snap, team, queued);
    let used = queued
        .iter()
        .filter(|o| needs_interpreter(setup, o.action))
        .count() as u32;
    let interpreters_left = v.team.interpreters.saturating_sub(used);
    let ctx = OrderContext {
        setup,
        know: &snap.knowledge.0[team],
        coop: &snap.cooperation,
        team,
        handles,
        turn: snap.turn + 1,
        capacity_left: v.team.capacity_left,
        interpreters_left,
    };
    let targets: Vec<Vec<TargetChoice>> = v
        .actions
        .iter()
        .map(|opt| {
            candidates(&v, opt.target)
                .into_iter()
                .filter_map(|target| {
                    let Some(def) = setup.action(opt.kind) else {
                        return Some(TargetChoice {
                            target,
                            blocked: None,
                            requirements: Vec::new(),
                        });
                    };
                    match crate::engine::rules::resolve_target(&ctx, def, &target) {
                        Ok(t) if !crate::engine::rules::applies_to(&ctx, def, t) => None,
                        Ok(t) => Some(TargetChoice {
                            target,
                            blocked: check_prerequisites(&ctx, def, t)
                                .err()
                                .map(|b| b.to_string()),
                            requirements: requirements(&ctx, def, t),
                        }),
                        Err(e) => Some(TargetChoice {
                            target,
                            blocked: Some(e.to_string()),
                            requirements: Vec::new(),
                        }),
                    }
                })
                .collect()
        })
        .collect();
    for (opt, t) in v.actions.iter_mut().zip(targets) {
        opt.targets = t;
    }
    v
}

/// Everything in a team's files an action of this kind could name.
fn candidates(v: &TeamView, kind: TargetKind) -> Vec<Target> {
    match kind {
        TargetKind::Nothing => vec![Target::Nothing],
        TargetKind::Actor => v
            .persons
            .iter()
            .map(|p| Target::Actor(p.reference.clone()))
            .collect(),
        TargetKind::Group => v
            .groups
            .iter()
            .map(|g| Target::Group(g.id.clone()))
            .collect(),
        TargetKind::Team => v.teams.iter().map(|t| Target::Team(t.id.clone())).collect(),
        TargetKind::Route => v
            .routes
            .iter()
            .map(|r| Target::Route(r.id.clone()))
            .collect(),
        TargetKind::Place => v
            .places
            .iter()
            .map(|p| Target::Place(p.id.clone()))
            .collect(),
        // No action aims at an asset by name: the turn picks the traced ones.
        TargetKind::Asset => Vec::new(),
    }
}

/// Whether an action needs an interpreter.
fn needs_interpreter(setup: &Setup, kind: ActionKind) -> bool {
    setup
        .action(kind)
        .is_some_and(|d| d.requires.contains(&Prerequisite::Interpreter))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Session;

    fn session() -> Session {
        crate::session::tutorial(None)
    }

    #[test]
    fn the_planning_view_says_what_each_action_may_be_aimed_at_and_why_not() {
        let mut s = session();
        let v = s.view(TeamIx(0));
        // One entry per candidate the team's files hold that the action
        // can apply to: an arrest is not offered for someone held.
        let at_large = v
            .persons
            .iter()
            .filter(|p| {
                !p.held
                    && !matches!(
                        p.status,
                        Some(ActorStatus::Arrested | ActorStatus::Convicted)
                    )
            })
            .count();
        let in_custody = v
            .persons
            .iter()
            .filter(|p| p.held && p.status == Some(ActorStatus::Arrested))
            .count();
        for a in &v.actions {
            let requires = &s.setup().action(a.kind).expect("in the catalogue").requires;
            let n = match a.target {
                TargetKind::Nothing => 1,
                TargetKind::Actor if requires.contains(&Prerequisite::TargetAtLarge) => at_large,
                TargetKind::Actor if requires.contains(&Prerequisite::TargetInCustody) => {
                    in_custody
                }
                TargetKind::Actor => v.persons.len(),
                TargetKind::Group => v.groups.len(),
                TargetKind::Team => v.teams.len(),
                TargetKind::Route => v.routes.len(),
                TargetKind::Place => v
                    .places
                    .iter()
                    .filter(|p| matches!(p.kind, PlaceKind::SafeHouse | PlaceKind::Worksite))
                    .count(),
                TargetKind::Asset => 0,
            };
            assert_eq!(a.targets.len(), n, "{}", a.name);
        }
        let analysis = v
            .actions
            .iter()
            .find(|a| a.kind == ActionKind::Analysis)
            .unwrap_or_else(|| panic!("no analysis"));
        assert_eq!(analysis.blocked(), None);
        // Spend every unit of capacity: every action is now blocked, and says why.
        let orders: Vec<Order> = (0..v.team.capacity)
            .map(|_| Order {
                team: v.team.id.clone(),
                action: ActionKind::Analysis,
                target: Target::Nothing,
                about: None,
                day: None,
            })
            .collect();
        s.set_orders(TeamIx(0), orders);
        let v = s.view(TeamIx(0));
        assert_eq!(v.team.capacity_left, 0);
        for a in v.actions.iter().filter(|a| a.cost > 0) {
            let why = a.blocked().unwrap_or_default();
            assert!(
                why.contains("capacity") || why.contains("nothing to aim"),
                "{}: {why}",
                a.name
            );
        }
        // A bare view carries no targets.
        assert!(
            team_view(s.setup(), s.seed(), s.snapshot(), TeamIx(0))
                .actions
                .iter()
                .all(|a| a.targets.is_empty())
        );
    }
}
