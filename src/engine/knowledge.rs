//! What each team knows: facts with confidence and source, evidence with
//! strength and provenance, the groups it has met, and its message log.
//!
//! The truth lives in the world; a team's picture is only what is written here.

use std::collections::{BTreeMap, BTreeSet};

use bevy_ecs::prelude::Resource;
use serde::{Deserialize, Serialize};

use super::events::{Event, Person, words};
use super::setup::{ActorIx, CountryIx, PlaceIx, RouteIx, Setup, TeamIx};
use super::state::{ActorStatus, GroupStatus};
use crate::scenario::{Indicator, Role, TieKind};

/// How a fact or a piece of evidence reached the team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Source {
    Briefing,
    Analysis,
    Surveillance,
    Interception,
    Financial,
    Informant,
    Undercover,
    Arrest,
    Interdiction,
    Screening,
    Testimony,
    Signal,
    Inject,
    /// Passed informally by another team.
    Shared(TeamIx),
    /// Returned by a mutual legal assistance request.
    Mla(TeamIx),
    /// Exchanged inside a joint investigation team.
    Jit(TeamIx),
    Notice,
    /// Sent by another country's financial intelligence unit.
    Fiu(TeamIx),
    /// Found keeping people on premises the team raided.
    Raid,
    /// Found in a company's books by an inspection.
    Inspection,
    /// Seen moving or holding people a team let travel on under watch.
    ControlledDelivery,
}

impl Source {
    /// Whether the team saw this itself, rather than being told by another team.
    pub fn is_direct(self) -> bool {
        !matches!(
            self,
            Source::Shared(_) | Source::Mla(_) | Source::Jit(_) | Source::Notice | Source::Fiu(_)
        )
    }

    /// The source in plain words.
    pub fn label(self) -> &'static str {
        match self {
            Source::Briefing => "case file",
            Source::Analysis => "analysis",
            Source::Surveillance => "surveillance",
            Source::Interception => "interception",
            Source::Financial => "financial investigation",
            Source::Informant => "informant",
            Source::Undercover => "undercover",
            Source::Arrest => "arrest",
            Source::Interdiction => "interdiction",
            Source::Screening => "screening interview",
            Source::Testimony => "victim testimony",
            Source::Signal => "tip",
            Source::Inject => "report",
            Source::Shared(_) => "shared intelligence",
            Source::Mla(_) => "MLA",
            Source::Jit(_) => "joint team",
            Source::Notice => "notice",
            Source::Fiu(_) => "FIU exchange",
            Source::Raid => "raid",
            Source::Inspection => "inspection",
            Source::ControlledDelivery => "controlled delivery",
        }
    }
}

/// The channel evidence came through; decides whether a court admits it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Channel {
    /// Gathered by the team itself under its own law.
    Domestic,
    /// Police to police or through a liaison officer: intelligence only.
    Informal,
    /// Formalised through mutual legal assistance.
    Mla,
    /// Exchanged inside a joint investigation team.
    Jit,
    /// From another country's financial intelligence unit, without its
    /// consent to use as evidence: intelligence until MLA formalises it.
    Fiu,
    /// From another country's financial intelligence unit, with its consent.
    FiuConsented,
}

impl Channel {
    /// Whether a court of the team's country admits evidence from this channel.
    pub fn admissible(self) -> bool {
        !matches!(self, Channel::Informal | Channel::Fiu)
    }
}

/// What a team believes about one network member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorIntel {
    /// The team knows the real name, not only an alias or a description.
    pub identified: bool,
    pub role: Option<Role>,
    pub country: Option<CountryIx>,
    pub place: Option<PlaceIx>,
    /// Last status the team observed.
    pub status: Option<ActorStatus>,
    /// The person is in this team's custody.
    pub held: bool,
    /// 0–100: how sure the team is of what it holds.
    pub confidence: u32,
    pub source: Source,
    pub first_turn: u32,
    pub last_turn: u32,
}

/// One piece of evidence against a member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub strength: u32,
    pub channel: Channel,
    /// The country whose authorities gathered it.
    pub jurisdiction: CountryIx,
    pub source: Source,
    pub turn: u32,
}

/// The record of one crossing: the people's own account of their journey,
/// taken when they were interviewed after being stopped, rescued or found
/// where they were exploited. It proves that
/// people were smuggled, the act every smuggling charge must prove, and it
/// is taken where the people are, usually not where the organisers are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Crossing {
    pub channel: Channel,
    /// The country whose authorities took it.
    pub jurisdiction: CountryIx,
    pub turn: u32,
}

/// What a team knows of a group of migrants it has met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupIntel {
    pub id: String,
    pub size: u32,
    pub status: GroupStatus,
    pub route: Option<RouteIx>,
    /// Indicators found in screening (empty until screened).
    pub indicators: Vec<Indicator>,
    pub screened: bool,
    pub victims_identified: bool,
    /// The turn the team last saw the group.
    pub turn: u32,
    /// Where and on which turn the team first met the group: its name in
    /// the team's files.
    #[serde(default)]
    pub met_at: Option<PlaceIx>,
    #[serde(default)]
    pub met_on: u32,
    /// What screening found the victims were exploited for.
    #[serde(default)]
    pub exploitation: Option<crate::scenario::Exploitation>,
    /// A credible report says they are held and exploited: grounds to
    /// refer them as presumed victims.
    #[serde(default)]
    pub reported: bool,
}

/// What a message is about, for the log's symbols and filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum MessageKind {
    Outcome,
    Refused,
    Inject,
    Liaison,
    Cooperation,
    Court,
    Alert,
}

/// One line in a team's message log.
///
/// The journal keeps the event; the words are rendered from it once, when it
/// is told or restored, and kept beside it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Message {
    pub turn: u32,
    pub event: Event,
    #[serde(skip)]
    text: String,
}

impl Message {
    /// A message with its words rendered for the team whose files name its
    /// groups.
    pub fn new(setup: &Setup, know: &TeamKnowledge, turn: u32, event: Event) -> Message {
        let text = words::render(setup, &event, &|g| know.group_name(setup, g));
        Message { turn, event, text }
    }

    /// What the message is about.
    pub fn kind(&self) -> MessageKind {
        self.event.kind()
    }

    /// The words the team reads.
    pub fn text(&self) -> &str {
        &self.text
    }
}

impl PartialEq for Message {
    fn eq(&self, other: &Message) -> bool {
        self.turn == other.turn && self.event == other.event
    }
}

impl Eq for Message {}

/// Everything one team knows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamKnowledge {
    pub actors: BTreeMap<ActorIx, ActorIntel>,
    /// Known links, lower index first, with the kind if known.
    pub ties: BTreeMap<(ActorIx, ActorIx), Option<TieKind>>,
    pub evidence: BTreeMap<ActorIx, Vec<Evidence>>,
    /// Groups met, by creation order.
    pub groups: BTreeMap<u32, GroupIntel>,
    pub places: BTreeSet<PlaceIx>,
    pub routes: BTreeSet<RouteIx>,
    pub assets: BTreeSet<usize>,
    pub messages: Vec<Message>,
    /// When the team last passed its file on a person to another team.
    pub shared: BTreeMap<(ActorIx, TeamIx), u32>,
    /// Records of crossings the team holds, by group.
    pub crossings: BTreeMap<u32, Crossing>,
    /// Persons a court of the team's country acquitted, with the turn: no
    /// court there tries them again for the same enterprise.
    pub acquitted: BTreeMap<ActorIx, u32>,
}

impl TeamKnowledge {
    /// Learn of a member (or firm up what is known), keeping the best of old and new.
    pub fn learn_actor(&mut self, actor: ActorIx, fact: ActorIntel) {
        match self.actors.get_mut(&actor) {
            Some(known) => {
                known.identified |= fact.identified;
                if fact.role.is_some() {
                    known.role = fact.role;
                }
                if let Some(place) = fact.place {
                    known.place = Some(place);
                    self.places.insert(place);
                }
                // What the team saw itself stands until it sees otherwise: a
                // file from another team overwrites a status or a country
                // only when it is newer, and never that of someone the team
                // holds.
                let newer = if fact.source.is_direct() {
                    fact.last_turn >= known.last_turn
                } else {
                    fact.last_turn > known.last_turn && !known.held
                };
                if fact.country.is_some() && (newer || known.country.is_none()) {
                    known.country = fact.country;
                }
                if fact.status.is_some() && newer {
                    // A sighting of someone still behind bars (a financial
                    // investigation of a prisoner) says nothing of who holds
                    // them: custody ends with a release, not a sighting.
                    let still_inside = matches!(
                        fact.status,
                        Some(ActorStatus::Arrested | ActorStatus::Convicted)
                    );
                    if fact.source.is_direct() && !(known.held && still_inside) {
                        known.held = fact.held;
                    }
                    known.status = fact.status;
                }
                if fact.confidence >= known.confidence {
                    known.confidence = fact.confidence;
                    known.source = fact.source;
                }
                known.last_turn = known.last_turn.max(fact.last_turn);
            }
            None => {
                if let Some(place) = fact.place {
                    self.places.insert(place);
                }
                self.actors.insert(actor, fact);
            }
        }
    }

    /// Learn of a link between two members.
    pub fn learn_tie(&mut self, a: ActorIx, b: ActorIx, kind: Option<TieKind>) {
        let key = (a.min(b), a.max(b));
        let entry = self.ties.entry(key).or_insert(None);
        if kind.is_some() {
            *entry = kind;
        }
    }

    /// Add a piece of evidence against a member.
    pub fn add_evidence(&mut self, actor: ActorIx, evidence: Evidence) {
        self.evidence.entry(actor).or_default().push(evidence);
    }

    /// Keep the record of a group's crossing, the admissible one where the
    /// team has been told of it too.
    pub fn record_crossing(&mut self, group: u32, crossing: Crossing) {
        let better = self
            .crossings
            .get(&group)
            .is_none_or(|old| !old.channel.admissible() && crossing.channel.admissible());
        if better {
            self.crossings.insert(group, crossing);
        }
    }

    /// Whether the team could prove to a court that people were smuggled:
    /// it holds an admissible record of a crossing.
    pub fn smuggling_proven(&self) -> bool {
        self.crossings.values().any(|c| c.channel.admissible())
    }

    /// Whether the team could prove the act a charge against this member
    /// needs: that people were smuggled ([`Self::smuggling_proven`]); or
    /// the member was caught moving or keeping them (the crew stopped at
    /// the wheel, the keeper found with people in a raid, prove their own
    /// offence); or, for a corrupt official, whose offence is
    /// the bribe, nothing more than the evidence against them.
    pub fn act_proven(&self, actor: ActorIx) -> bool {
        let caught = self.evidence.get(&actor).is_some_and(|e| {
            e.iter().any(|x| {
                matches!(x.source, Source::Interdiction | Source::Raid) && x.channel.admissible()
            })
        });
        let official = self
            .actors
            .get(&actor)
            .is_some_and(|i| i.role == Some(Role::CorruptOfficial));
        self.smuggling_proven() || caught || official
    }

    /// Whether the team knows what part a person plays in the network.
    pub fn knows_role(&self, actor: ActorIx) -> bool {
        self.actors.get(&actor).is_some_and(|i| i.role.is_some())
    }

    /// Total strength of all evidence and intelligence on a member.
    pub fn evidence_total(&self, actor: ActorIx) -> u32 {
        self.evidence
            .get(&actor)
            .map(|e| e.iter().map(|x| x.strength).sum())
            .unwrap_or(0)
    }

    /// Strength of the evidence a court of this team's country would admit.
    pub fn admissible_total(&self, actor: ActorIx) -> u32 {
        self.evidence
            .get(&actor)
            .map(|e| {
                e.iter()
                    .filter(|x| x.channel.admissible())
                    .map(|x| x.strength)
                    .sum()
            })
            .unwrap_or(0)
    }

    /// Whether that team has asked this team's financial intelligence unit
    /// about someone.
    pub fn asked_our_unit(&self, team: TeamIx) -> bool {
        self.messages
            .iter()
            .any(|m| matches!(m.event, Event::FiuReceived { from, .. } if from == team))
    }

    /// Tell the team what happened.
    pub fn tell(&mut self, setup: &Setup, turn: u32, event: Event) {
        let message = Message::new(setup, self, turn, event);
        self.messages.push(message);
    }

    /// Render the words of every message again, after they were decoded
    /// without them.
    pub fn render_messages(&mut self, setup: &Setup) {
        let mut messages = std::mem::take(&mut self.messages);
        for m in &mut messages {
            m.text = words::render(setup, &m.event, &|g| self.group_name(setup, g));
        }
        self.messages = messages;
    }

    /// How the team's files name a group: where and when it first met it
    /// ("the group met at Seri International Airport, turn 5"), numbered
    /// when it met several there that turn; never the engine's label.
    pub fn group_name(&self, setup: &Setup, group: &super::events::GroupTag) -> String {
        match (
            self.groups.get(&group.seq),
            self.group_met(setup, group.seq),
        ) {
            (_, Some(met)) => format!("the group met at {met}"),
            (Some(intel), None) => format!("the group seen on turn {}", intel.turn),
            (None, None) => "a group not in your files".to_string(),
        }
    }

    /// Where and when the team first met a group: "Seri International
    /// Airport, turn 5", numbered when it met several there that turn.
    pub fn group_met(&self, setup: &Setup, seq: u32) -> Option<String> {
        let intel = self.groups.get(&seq)?;
        let place = intel.met_at?;
        let twins = self
            .groups
            .range(..seq)
            .filter(|(_, g)| g.met_at == Some(place) && g.met_on == intel.met_on)
            .count();
        let mut met = format!("{}, turn {}", setup.places[place].name, intel.met_on);
        if twins > 0 {
            met.push_str(&format!(" ({})", twins + 1));
        }
        Some(met)
    }

    /// How the team knows a person now, for an event about them.
    pub fn person(&self, setup: &Setup, actor: ActorIx) -> Person {
        Person::as_known(setup, self, actor)
    }
}

/// Every team's knowledge, by team index.
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Knowledge(pub Vec<TeamKnowledge>);

#[cfg(test)]
mod tests {
    use super::*;

    fn seen(status: ActorStatus, held: bool, source: Source, turn: u32) -> ActorIntel {
        ActorIntel {
            identified: true,
            role: None,
            country: None,
            place: None,
            status: Some(status),
            held,
            confidence: 60,
            source,
            first_turn: turn,
            last_turn: turn,
        }
    }

    #[test]
    fn a_file_from_another_team_never_undoes_what_the_team_saw_itself() {
        let mut know = TeamKnowledge::default();
        know.learn_actor(
            ActorIx(0),
            seen(ActorStatus::Arrested, true, Source::Arrest, 5),
        );
        // Another team's file of the same turn, from before the arrest.
        know.learn_actor(
            ActorIx(0),
            seen(ActorStatus::Active, false, Source::Shared(TeamIx(1)), 5),
        );
        // Nor a later one: the team holds the person.
        know.learn_actor(
            ActorIx(0),
            seen(ActorStatus::Active, false, Source::Shared(TeamIx(1)), 9),
        );
        let i = &know.actors[&ActorIx(0)];
        assert_eq!((i.status, i.held), (Some(ActorStatus::Arrested), true));
        // What the team sees itself still moves it on.
        know.learn_actor(
            ActorIx(0),
            seen(ActorStatus::Convicted, true, Source::Arrest, 12),
        );
        assert_eq!(
            know.actors[&ActorIx(0)].status,
            Some(ActorStatus::Convicted)
        );
    }

    #[test]
    fn looking_into_a_prisoner_does_not_let_them_out_of_the_files() {
        let mut know = TeamKnowledge::default();
        know.learn_actor(
            ActorIx(0),
            seen(ActorStatus::Arrested, true, Source::Arrest, 5),
        );
        // The team's own financial investigation, finished after the arrest.
        know.learn_actor(
            ActorIx(0),
            seen(ActorStatus::Arrested, false, Source::Financial, 6),
        );
        assert!(know.actors[&ActorIx(0)].held);
        // A release is seen as one.
        know.learn_actor(
            ActorIx(0),
            seen(ActorStatus::Active, false, Source::Surveillance, 9),
        );
        assert!(!know.actors[&ActorIx(0)].held);
    }

    #[test]
    fn a_crossing_told_informally_proves_nothing_until_it_comes_formally() {
        let mut know = TeamKnowledge::default();
        let told = |channel| Crossing {
            channel,
            jurisdiction: CountryIx(1),
            turn: 4,
        };
        know.record_crossing(7, told(Channel::Informal));
        assert!(!know.smuggling_proven());
        know.record_crossing(7, told(Channel::Mla));
        assert!(know.smuggling_proven());
        // An informal copy later does not undo the formal record.
        know.record_crossing(7, told(Channel::Informal));
        assert_eq!(know.crossings[&7].channel, Channel::Mla);
    }

    #[test]
    fn a_newer_file_from_another_team_updates_someone_the_team_does_not_hold() {
        let mut know = TeamKnowledge::default();
        know.learn_actor(
            ActorIx(0),
            seen(ActorStatus::Active, false, Source::Surveillance, 3),
        );
        know.learn_actor(
            ActorIx(0),
            seen(ActorStatus::Active, false, Source::Shared(TeamIx(1)), 3),
        );
        know.learn_actor(
            ActorIx(0),
            seen(ActorStatus::Fled, false, Source::Shared(TeamIx(1)), 4),
        );
        assert_eq!(know.actors[&ActorIx(0)].status, Some(ActorStatus::Fled));
    }
}
