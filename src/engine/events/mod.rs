//! What a team learns from a turn, as data: every outcome, refusal, inject,
//! liaison line and verdict is an [`Event`] with ids and numbers. Text is
//! rendered from it in one place ([`words`]); bots, reports, screens and tests
//! read the event, never the words.
//!
//! An event is generic over how it names things ([`Refs`]): inside the engine
//! it holds indices ([`Truth`]); in a team's view the indices become the
//! references that team may use ([`Told`]), so nothing it has not identified
//! leaves the view.

mod rename;
pub mod words;

pub use rename::Rename;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::knowledge::{MessageKind, TeamKnowledge};
use super::setup::{ActorIx, PlaceIx, RouteIx, Setup, TeamIx};
use crate::scenario::{ActionKind, Exploitation, Indicator, Role};

/// How an event names the people, teams, routes, places and groups it is about.
pub trait Refs {
    type Person: Clone + std::fmt::Debug + PartialEq + Eq + Serialize + DeserializeOwned;
    type Team: Clone + std::fmt::Debug + PartialEq + Eq + Serialize + DeserializeOwned;
    type Route: Clone + std::fmt::Debug + PartialEq + Eq + Serialize + DeserializeOwned;
    type Place: Clone + std::fmt::Debug + PartialEq + Eq + Serialize + DeserializeOwned;
    type Group: Clone + std::fmt::Debug + PartialEq + Eq + Serialize + DeserializeOwned;
}

/// Events as the engine keeps them: scenario indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Truth;

impl Refs for Truth {
    type Person = Person;
    type Team = TeamIx;
    type Route = RouteIx;
    type Place = PlaceIx;
    type Group = GroupTag;
}

/// Events as a team's view carries them: persons by the reference the team
/// uses in orders (the id once identified, else an opaque handle); teams,
/// routes and places by scenario id; groups by their label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Told;

impl Refs for Told {
    type Person = String;
    type Team = String;
    type Route = String;
    type Place = String;
    type Group = String;
}

/// How the team knew a person at the moment it was told: decides the words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum KnownAs {
    Name,
    Alias,
    Role(Role),
    Contact,
    Unknown,
}

/// A network member named in an event, as the team knew them then.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub actor: ActorIx,
    pub known_as: KnownAs,
}

impl Person {
    /// The person as this team knows them now.
    pub fn as_known(setup: &Setup, know: &TeamKnowledge, actor: ActorIx) -> Person {
        let known_as = match know.actors.get(&actor) {
            Some(i) if i.identified => KnownAs::Name,
            Some(_) if setup.actors[actor].alias.is_some() => KnownAs::Alias,
            Some(i) => i.role.map_or(KnownAs::Contact, KnownAs::Role),
            None => KnownAs::Unknown,
        };
        Person { actor, known_as }
    }

    /// A person the team knows by name.
    pub fn named(actor: ActorIx) -> Person {
        Person {
            actor,
            known_as: KnownAs::Name,
        }
    }
}

/// A migrant group named in an event: its creation order and its label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupTag {
    pub seq: u32,
    pub id: String,
}

/// Why an order was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    NotInCatalogue,
    NotOpenToAgency,
    /// A rule of the exercise forbids it, in words.
    Rule(String),
}

/// Why a requested country refused mutual legal assistance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MlaBar {
    /// The offence is not a crime in one of the two countries.
    NoDualCriminality,
}

/// What routine processing did to the people held: charged, or spared by
/// the law.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Routine {
    #[default]
    ChargedWithIrregularEntry,
    /// Nationals stopped before they left, where leaving without leave is
    /// an offence.
    ChargedWithIrregularExit,
    /// Presumed victims or children: removed or released, not penalised.
    NotPunished,
    /// No entry offence in this country's law: removed without charge.
    RemovedUncharged,
    /// Nationals stopped at home have crossed no border: released.
    ReleasedAtHome,
    /// People found where they were made to commit crimes (fraud, drug
    /// cultivation, theft), not identified as victims: charged with those
    /// crimes and removed.
    ChargedWithForcedOffences,
}

impl Routine {
    /// Whether the people were penalised.
    pub fn charged(self) -> bool {
        matches!(
            self,
            Routine::ChargedWithIrregularEntry
                | Routine::ChargedWithIrregularExit
                | Routine::ChargedWithForcedOffences
        )
    }
}

/// Why an investigation of a person had nothing to report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Absence {
    Vanished,
    NoActivity,
    InCustody,
    /// Gone abroad: nothing of them left to watch or meet here.
    Abroad,
    /// A company whose licence was suspended: no business left to watch.
    OutOfBusiness,
}

/// Why an arrest did not take a person into custody.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ArrestMiss {
    Fled,
    CouldNotBeFound,
    AlreadyInCustody,
    /// Not at the address: the attempt warned the network.
    NotAtAddress,
    /// Gone to ground: an arrest abroad this turn, not planned with this
    /// team, warned them first.
    WarnedFromAbroad,
    /// Living abroad now, out of the team's reach.
    Abroad,
}

/// The care a team tried to give a group it could not reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Care {
    Screening,
    Referral,
    Return,
}

/// What a court convicted of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Charge {
    Smuggling,
    TraffickingAndSmuggling,
    /// An official who took bribes to let the network through.
    Corruption,
}

/// What a signal from a place was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SignalKind {
    /// A labour inspection found workers held on site.
    Worksite,
    /// A routine check noticed a group with a minder.
    BorderCheck,
}

/// Something one team learnt in one turn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound = "")]
#[serde(rename_all = "snake_case")]
pub enum Event<R: Refs = Truth> {
    // Orders and liaison.
    OrderRefused {
        action: ActionKind,
        why: Refusal,
    },
    LiaisonReceived {
        from: R::Team,
        text: String,
    },
    LiaisonSent {
        to: R::Team,
        text: String,
    },
    NoChannel {
        to: R::Team,
    },
    // Investigation.
    NothingToReport {
        action: ActionKind,
        person: R::Person,
        why: Absence,
    },
    InvestigationFailed {
        action: ActionKind,
        person: R::Person,
        lines_quiet: bool,
    },
    InvestigationFound {
        action: ActionKind,
        person: R::Person,
        contacts: u32,
        new_contacts: u32,
        assets: u32,
        evidence: u32,
    },
    AnalysisNoLeads,
    AnalysisIdentified {
        before: R::Person,
        after: R::Person,
    },
    AnalysisNothingNew,
    AnalysisLinked {
        via: R::Person,
    },
    AnalysisFirstLead,
    // Arrests, assets, extradition.
    ArrestFailed {
        person: R::Person,
        why: ArrestMiss,
    },
    Arrested {
        person: R::Person,
        /// Someone the suspect named in interview.
        named: Option<R::Person>,
    },
    NoAssetsToFreeze {
        person: R::Person,
    },
    AssetsFrozen {
        person: R::Person,
        /// The assets' names.
        assets: Vec<String>,
    },
    Extradited {
        person: R::Person,
        by: R::Team,
    },
    SurrenderedAbroad {
        person: R::Person,
        to: R::Team,
    },
    ExtraditionRefused {
        person: R::Person,
    },
    NotInCustodyAbroad {
        person: R::Person,
    },
    /// Border records show where a person the team sought went: a
    /// country's id.
    LeftTheCountry {
        person: R::Person,
        to: String,
    },
    // At sea.
    PatrolSighted {
        route: R::Route,
        boats: u32,
    },
    RescueOnStation {
        route: R::Route,
    },
    RescueSaved {
        route: R::Route,
        people: u32,
    },
    Interdiction {
        route: R::Route,
        groups: u32,
        people: u32,
        crew: Option<R::Person>,
        lost: u32,
    },
    RescuedInDistress {
        route: R::Route,
        people: u32,
    },
    /// A raid on premises: the people found there and held, and the
    /// members arrested there.
    Raid {
        place: R::Place,
        groups: u32,
        people: u32,
        arrested: Vec<R::Person>,
        /// The premises had been cleared before the team came: warned.
        cleared: bool,
    },
    /// A labour inspection of a worksite: the workers found there, and how
    /// many of them showed the signs of forced labour (presumed victims).
    Inspected {
        place: R::Place,
        people: u32,
        presumed_victims: u32,
    },
    // People on the move.
    PreventionCampaign,
    OutOfReach {
        care: Care,
        group: R::Group,
    },
    /// No shelter place free for the people referred: they stay where they are.
    NoShelterPlace {
        group: R::Group,
        people: u32,
        free: u32,
    },
    TooFrightened {
        group: R::Group,
    },
    Screened {
        group: R::Group,
        trafficked: bool,
        people: u32,
        indicators: Vec<Indicator>,
        recruiter: Option<R::Person>,
        /// What the presumed victims were to be exploited for. Written even
        /// when absent: snapshots encode events field by field (postcard).
        #[serde(default)]
        exploitation: Option<Exploitation>,
    },
    /// People taken into shelter; `testify` when they are presumed victims,
    /// who may give evidence once their reflection period of `reflection`
    /// turns ends.
    Referred {
        group: R::Group,
        people: u32,
        testify: bool,
        #[serde(default)]
        reflection: u32,
    },
    /// A group with children among them, held without a decision, taken
    /// into child protection where the law never detains children.
    ChildrenInCare {
        group: R::Group,
        people: u32,
    },
    /// Presumed victims in protection, at the end of their reflection
    /// period, give evidence against these people.
    Testified {
        group: R::Group,
        named: Vec<R::Person>,
    },
    /// Presumed victims in protection decide not to give evidence;
    /// `intimidated` when the network could still reach them or their
    /// families.
    WitnessesWithdrew {
        group: R::Group,
        intimidated: bool,
    },
    Returned {
        group: R::Group,
        people: u32,
        supported: bool,
    },
    ProcessedRoutinely {
        group: R::Group,
        held_turns: u32,
        #[serde(default)]
        outcome: Routine,
    },
    YellowNoticeReceived {
        from: R::Team,
        group: R::Group,
        minors: bool,
    },
    YellowNoticeIssued {
        group: R::Group,
    },
    Signal {
        place: R::Place,
        kind: SignalKind,
        group: R::Group,
    },
    CommunityTip {
        role: Role,
    },
    // Cooperation.
    IntelReceived {
        from: R::Team,
        person: R::Person,
        through_joint_team: bool,
    },
    IntelShared {
        person: R::Person,
        with: R::Team,
    },
    FileLeadsToWorksite {
        group: R::Group,
    },
    MlaSent {
        to: R::Team,
        person: R::Person,
        delay: u32,
    },
    MlaReceived {
        from: R::Team,
        person: R::Person,
    },
    MlaReply {
        from: R::Team,
        person: R::Person,
        /// The requested authorities executed the request (records, statements).
        executed: bool,
        /// Strength of earlier informal intelligence now formalised.
        formalised: u32,
    },
    /// The requested country refused to execute an MLA request.
    MlaRefused {
        from: R::Team,
        person: R::Person,
        why: MlaBar,
    },
    FiuSent {
        to: R::Team,
        person: R::Person,
    },
    FiuReceived {
        from: R::Team,
        person: R::Person,
    },
    /// This team's unit consented to another team's use of what it sends.
    FiuConsentGiven {
        to: R::Team,
    },
    /// Another country's unit consents to our use of what it sends: the
    /// pieces already received become evidence.
    FiuConsentReceived {
        from: R::Team,
        pieces: u32,
    },
    FiuReply {
        from: R::Team,
        person: R::Person,
        /// The unit holds records of the person's money in its country.
        found: bool,
        contacts: u32,
        assets: u32,
        /// The sending unit consents to use as evidence.
        consent: bool,
    },
    ProsecutionRequested {
        person: R::Person,
        /// Strength of the admissible evidence in the file sent.
        evidence: u32,
    },
    /// Another country asks this team's country to prosecute a person, with
    /// its case file.
    ProsecutionAsked {
        from: R::Team,
        person: R::Person,
        evidence: u32,
    },
    JitProposed {
        to: R::Team,
    },
    JitProposalReceived {
        from: R::Team,
    },
    JitFormed {
        with: R::Team,
        turns: u32,
        /// The turn its members start exchanging evidence, once the
        /// agreement is signed.
        #[serde(default)]
        starts: u32,
    },
    JitAccepted {
        by: R::Team,
        turns: u32,
        #[serde(default)]
        starts: u32,
    },
    NoJitProposal {
        from: R::Team,
    },
    /// A joint action day proposed to another country's team, for `day`.
    ActionDayProposed {
        to: R::Team,
        day: u32,
    },
    ActionDayProposalReceived {
        from: R::Team,
        day: u32,
    },
    /// Both teams agreed to strike on `day`.
    ActionDayAgreed {
        with: R::Team,
        day: u32,
    },
    NoActionDayProposal {
        from: R::Team,
    },
    /// Consent to board on a route asked of a flag state (by country id).
    BoardingConsentRequested {
        route: R::Route,
        flag: String,
    },
    /// Another country's coast guard asks consent to board vessels of this
    /// team's flag on a route.
    BoardingConsentAsked {
        from: R::Team,
        route: R::Route,
    },
    /// The flag state (by country id) consents: its team, or its law when no
    /// team plays it.
    BoardingConsentGiven {
        route: R::Route,
        flag: String,
    },
    /// A flag state no team plays refuses, as its law says.
    BoardingConsentRefused {
        route: R::Route,
        flag: String,
    },
    /// This team consented to another country's request.
    BoardingConsentGranted {
        to: R::Team,
        route: R::Route,
    },
    NoBoardingRequest {
        from: R::Team,
    },
    /// The agreed day came and both partners made arrests: the network
    /// could not warn itself between them.
    JointActionDay {
        with: R::Team,
        arrests: u32,
    },
    JitEnds {
        with: R::Team,
    },
    RedNoticeReceived {
        from: R::Team,
        person: R::Person,
    },
    RedNoticeIssued {
        person: R::Person,
    },
    /// A person wanted on the team's red notice was arrested abroad.
    ArrestedOnNotice {
        person: R::Person,
        by: R::Team,
    },
    PurpleNoticeReceived {
        from: R::Team,
        role: Role,
        route: Option<R::Route>,
    },
    PurpleNoticeIssued,
    LiaisonPosted {
        with: R::Team,
    },
    LiaisonHosted {
        from: R::Team,
    },
    // Courts.
    CaseDropped {
        person: R::Person,
    },
    Convicted {
        person: R::Person,
        charge: Charge,
        /// And of laundering the proceeds.
        #[serde(default)]
        laundering: bool,
    },
    Acquitted {
        person: R::Person,
    },
    // The White Cell.
    WhiteCell {
        text: String,
    },
    Inject {
        /// The inject's id in the scenario.
        inject: String,
        /// Words the White Cell added when firing it live.
        extra: String,
        /// Routes on which the inject puts a boat in distress: a call for
        /// search and rescue, whatever the inject's wording.
        distress: Vec<R::Route>,
    },
    /// A recruitment agency's licence suspended: it recruits no more.
    LicenceSuspended {
        person: R::Person,
    },
    /// The answer to this team's blue notice: from the team of the country
    /// where the person is that has them on file; none where no country
    /// has a trace of them.
    BlueNoticeAnswered {
        person: R::Person,
        by: Option<R::Team>,
    },
    /// Another team's blue notice, answered from this team's files.
    BlueNoticeReceived {
        from: R::Team,
        person: R::Person,
    },
    GreenNoticeReceived {
        from: R::Team,
        person: R::Person,
    },
    GreenNoticeIssued {
        person: R::Person,
    },
    DiffusionReceived {
        from: R::Team,
        person: R::Person,
    },
    DiffusionSent {
        to: R::Team,
        person: R::Person,
    },
    /// A controlled delivery's watch ended: who moved or held the people,
    /// and the premises where they are held now, if they are.
    DeliveryWatched {
        group: R::Group,
        handlers: Vec<R::Person>,
        held_at: Option<R::Place>,
    },
    /// The watch on a controlled delivery was lost, and those moving the
    /// people noticed.
    DeliveryLost {
        group: R::Group,
    },
}

impl<R: Refs> Event<R> {
    /// What the event is about, for the log's symbols and filters.
    pub fn kind(&self) -> MessageKind {
        use Event::*;
        match self {
            OrderRefused { .. }
            | NoChannel { .. }
            | NoJitProposal { .. }
            | NoActionDayProposal { .. }
            | NoBoardingRequest { .. } => MessageKind::Refused,
            LiaisonReceived { .. } | LiaisonSent { .. } => MessageKind::Liaison,
            Extradited { .. }
            | SurrenderedAbroad { .. }
            | ExtraditionRefused { .. }
            | NotInCustodyAbroad { .. }
            | LeftTheCountry { .. }
            | YellowNoticeReceived { .. }
            | YellowNoticeIssued { .. }
            | IntelReceived { .. }
            | IntelShared { .. }
            | FileLeadsToWorksite { .. }
            | MlaSent { .. }
            | MlaReceived { .. }
            | MlaReply { .. }
            | MlaRefused { .. }
            | FiuSent { .. }
            | FiuReceived { .. }
            | FiuReply { .. }
            | FiuConsentGiven { .. }
            | FiuConsentReceived { .. }
            | ProsecutionRequested { .. }
            | ProsecutionAsked { .. }
            | JitProposed { .. }
            | JitProposalReceived { .. }
            | JitFormed { .. }
            | JitAccepted { .. }
            | ActionDayProposed { .. }
            | ActionDayProposalReceived { .. }
            | ActionDayAgreed { .. }
            | BoardingConsentRequested { .. }
            | BoardingConsentAsked { .. }
            | BoardingConsentGiven { .. }
            | BoardingConsentRefused { .. }
            | BoardingConsentGranted { .. }
            | JointActionDay { .. }
            | JitEnds { .. }
            | RedNoticeReceived { .. }
            | RedNoticeIssued { .. }
            | ArrestedOnNotice { .. }
            | PurpleNoticeReceived { .. }
            | PurpleNoticeIssued
            | BlueNoticeAnswered { .. }
            | BlueNoticeReceived { .. }
            | GreenNoticeReceived { .. }
            | GreenNoticeIssued { .. }
            | DiffusionReceived { .. }
            | DiffusionSent { .. }
            | LiaisonPosted { .. }
            | LiaisonHosted { .. } => MessageKind::Cooperation,
            CaseDropped { .. } | Convicted { .. } | Acquitted { .. } => MessageKind::Court,
            WhiteCell { .. } | Inject { .. } => MessageKind::Inject,
            NothingToReport { .. }
            | InvestigationFailed { .. }
            | InvestigationFound { .. }
            | AnalysisNoLeads
            | AnalysisIdentified { .. }
            | AnalysisNothingNew
            | AnalysisLinked { .. }
            | AnalysisFirstLead
            | ArrestFailed { .. }
            | Arrested { .. }
            | LicenceSuspended { .. }
            | NoAssetsToFreeze { .. }
            | AssetsFrozen { .. }
            | PatrolSighted { .. }
            | RescueOnStation { .. }
            | RescueSaved { .. }
            | Interdiction { .. }
            | Raid { .. }
            | Inspected { .. }
            | DeliveryWatched { .. }
            | DeliveryLost { .. }
            | RescuedInDistress { .. }
            | PreventionCampaign
            | OutOfReach { .. }
            | TooFrightened { .. }
            | NoShelterPlace { .. }
            | Screened { .. }
            | Referred { .. }
            | Testified { .. }
            | ChildrenInCare { .. }
            | WitnessesWithdrew { .. }
            | Returned { .. }
            | ProcessedRoutinely { .. }
            | Signal { .. }
            | CommunityTip { .. } => MessageKind::Outcome,
        }
    }

    /// Routes on which this event calls for search and rescue now.
    pub fn distress_routes(&self) -> &[R::Route] {
        match self {
            Event::Inject { distress, .. } => distress,
            _ => &[],
        }
    }
}
