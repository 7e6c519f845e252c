//! The scenario schema: what a designer writes in RON.
//!
//! Every type rejects unknown fields so a typo is an error with a position,
//! never a silently ignored line.

use super::agency::{Agency, AgencyDef};
use super::indicator::{Indicator, IndicatorDef};
use serde::{Deserialize, Serialize};

/// A whole exercise: the world, the hidden network, the teams and the script.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub id: String,
    pub title: String,
    pub briefing: String,
    /// In-world date of turn 1, `YYYY-MM-DD`.
    pub start_date: String,
    pub turn_length: TurnLength,
    pub turns: u32,
    pub seed: u64,
    #[serde(default)]
    pub objectives: Vec<Objective>,
    pub countries: Vec<Country>,
    pub teams: Vec<Team>,
    /// Extra channels between teams beyond the defaults (agencies of one country
    /// talk directly; across borders only through cooperation mechanisms).
    #[serde(default)]
    pub channels: Vec<Channel>,
    pub places: Vec<Place>,
    pub routes: Vec<Route>,
    pub actors: Vec<Actor>,
    pub ties: Vec<Tie>,
    #[serde(default)]
    pub assets: Vec<Asset>,
    #[serde(default)]
    pub migrant_groups: Vec<MigrantGroup>,
    /// How the network recruits new groups of migrants during the exercise.
    #[serde(default)]
    pub recruitment: Vec<Recruitment>,
    #[serde(default)]
    pub injects: Vec<Inject>,
    #[serde(default)]
    pub scoring: Scoring,
    /// Per-scenario changes to the shipped action catalogue.
    #[serde(default)]
    pub action_rules: Vec<ActionRule>,
    /// Kinds of agency this scenario defines, or redefines, beyond the
    /// catalogue's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agencies: Vec<AgencyDef>,
    /// Indicators of trafficking this scenario defines beyond the built-in
    /// twelve.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<IndicatorDef>,
    /// What the scenario is built to teach, as comparisons of bot policies
    /// over many seeds (`undertow sweep --lessons`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lessons: Vec<Lesson>,
}

/// How much in-world time one turn stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TurnLength {
    Week,
    Month,
}

/// A country's place on the migration route.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum CountryRole {
    Origin,
    Transit,
    Destination,
}

/// A country and its legal framework.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Country {
    pub id: String,
    pub name: String,
    pub role: CountryRole,
    pub law: Law,
}

/// The legal framework that gates what a country's agencies may do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Law {
    #[serde(default = "yes")]
    pub smuggling_criminalised: bool,
    #[serde(default = "yes")]
    pub trafficking_criminalised: bool,
    #[serde(default = "yes")]
    pub interception_allowed: bool,
    /// Admissible evidence needed for an interception warrant.
    #[serde(default = "two")]
    pub interception_threshold: u32,
    /// Evidence needed to arrest.
    #[serde(default = "three")]
    pub arrest_threshold: u32,
    /// Admissible evidence needed to charge and go to court.
    #[serde(default = "five")]
    pub charge_threshold: u32,
    /// Turns a mutual legal assistance request to this country takes.
    #[serde(default = "four")]
    pub mla_delay: u32,
    #[serde(default = "yes")]
    pub extradition: bool,
    /// Whether the country extradites its own nationals; one that does not
    /// may be asked to prosecute them instead.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub extradites_nationals: bool,
    /// Whether this country's financial intelligence unit consents to what
    /// it sends abroad being used as evidence; without consent it is
    /// intelligence until mutual legal assistance formalises it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub fiu_consent: bool,
    /// Percent chance that an operation leaks to the network.
    #[serde(default)]
    pub corruption: u32,
    /// Points by which each conviction of one of this country's corrupt
    /// officials lowers its corruption for the rest of the run.
    #[serde(default = "five", skip_serializing_if = "is_five")]
    pub corruption_drop: u32,
    /// Whether this country, as a flag state, consents when another
    /// country's coast guard asks to board a vessel flying its flag on the
    /// high seas: its answer when no team plays it.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub boarding_consent: bool,
    /// Whether the country's law provides for joint investigation teams (a
    /// treaty or a domestic law); a joint team needs it in both countries.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub jit_basis: bool,
    /// Turns to sign a joint team's agreement before its members exchange
    /// evidence; a joint team waits for the slower of its two countries.
    #[serde(default = "two", skip_serializing_if = "is_two")]
    pub jit_setup: u32,
    /// Whether entering the country without leave is an offence, charged
    /// when people held are processed routinely. Separate from smuggling:
    /// the smuggled are not the smugglers.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub irregular_entry_offence: bool,
    /// Whether leaving without leave is an offence: the one charge that
    /// can fall on nationals stopped before they left.
    #[serde(default, skip_serializing_if = "is_false")]
    pub irregular_exit_offence: bool,
    /// The non-punishment principle: presumed victims of trafficking and
    /// children are not penalised for offences they were made to commit.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub non_punishment: bool,
    /// People the national referral mechanism's shelters can hold at once;
    /// none for as many as are referred.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shelter_places: Option<u32>,
    /// Turns presumed victims in protection have to recover and decide
    /// whether to give evidence; none for the Council of Europe's 30 days,
    /// in the scenario's turns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reflection_turns: Option<u32>,
    /// Whether children may be held in detention and processed routinely;
    /// by default never: a group with children held without a decision
    /// goes into child protection.
    #[serde(default, skip_serializing_if = "is_false")]
    pub minors_detention: bool,
    /// The indicators the country's screening looks for (its national
    /// list); none for the ILO indicators of forced labour and age, every
    /// [`Indicator`]. Victims who show only signs the list leaves out are
    /// not recognised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub screening_indicators: Option<Vec<Indicator>>,
}

impl Law {
    /// Whether the country's screening looks for this indicator.
    pub fn screens_for(&self, indicator: &Indicator) -> bool {
        self.screening_indicators
            .as_ref()
            .is_none_or(|list| list.contains(indicator))
    }
}

fn yes() -> bool {
    true
}
fn is_true(b: &bool) -> bool {
    *b
}
fn is_false(b: &bool) -> bool {
    !*b
}
fn two() -> u32 {
    2
}
fn three() -> u32 {
    3
}
fn four() -> u32 {
    4
}
fn is_two(n: &u32) -> bool {
    *n == 2
}

fn five() -> u32 {
    5
}
fn is_five(n: &u32) -> bool {
    *n == 5
}

/// One agency of one country, played by one team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Team {
    pub id: String,
    pub name: String,
    pub country: String,
    pub agency: Agency,
    /// Capacity points to spend each turn.
    pub capacity: u32,
    /// Interpreters available each turn for screening interviews.
    #[serde(default = "one")]
    pub interpreters: u32,
    pub brief: String,
    /// Actors this team already has on file at the start, as leads.
    #[serde(default)]
    pub leads: Vec<String>,
    /// Actions this team may take; empty means every action its agency may take.
    #[serde(default)]
    pub actions: Vec<crate::scenario::ActionKind>,
}

fn one() -> u32 {
    1
}

/// An extra direct channel between two teams (for example a standing liaison
/// arrangement). Informal: what it carries is intelligence, not evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Channel {
    pub a: String,
    pub b: String,
}

/// What kind of place a place is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum PlaceKind {
    City,
    Port,
    BorderPost,
    Airport,
    SeaZone,
    Coast,
    SafeHouse,
    Worksite,
    /// A vessel: a fishing boat on its grounds, a reefer ship at sea. Its
    /// `country` is its flag state, whose law runs aboard (UNCLOS art. 92);
    /// none for a stateless vessel, which any state may board.
    Vessel,
}

impl PlaceKind {
    /// The kind of place in plain words.
    pub fn label(self) -> &'static str {
        match self {
            PlaceKind::City => "city",
            PlaceKind::Port => "port",
            PlaceKind::BorderPost => "border post",
            PlaceKind::Airport => "airport",
            PlaceKind::SeaZone => "sea",
            PlaceKind::Coast => "coast",
            PlaceKind::SafeHouse => "safe house",
            PlaceKind::Worksite => "worksite",
            PlaceKind::Vessel => "vessel",
        }
    }
}

/// A place on the map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    pub id: String,
    pub name: String,
    /// The country whose jurisdiction covers it; none for international
    /// waters. For a vessel, its flag state; none for a stateless vessel.
    #[serde(default)]
    pub country: Option<String>,
    pub kind: PlaceKind,
    /// For a vessel, the ports it puts into (to land its catch, to take on
    /// crew): there the port state may inspect it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub calls_at: Vec<String>,
}

/// How a leg is travelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Mode {
    Land,
    Sea,
    Air,
}

impl Mode {
    /// Every mode.
    pub const ALL: [Mode; 3] = [Mode::Land, Mode::Sea, Mode::Air];

    /// Who a leg of this mode needs when the scenario does not say: a
    /// boat needs its captain, a vehicle its driver, a flight on papers
    /// that are not one's own a forger.
    pub fn needs(self) -> Vec<Role> {
        vec![match self {
            Mode::Sea => Role::BoatCaptain,
            Mode::Land => Role::Transporter,
            Mode::Air => Role::DocumentForger,
        }]
    }

    /// The mode in plain words.
    pub fn label(self) -> &'static str {
        match self {
            Mode::Land => "land",
            Mode::Sea => "sea",
            Mode::Air => "air",
        }
    }
}

impl std::fmt::Display for Mode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// A smuggling route: legs from an origin to a destination.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Route {
    pub id: String,
    pub name: String,
    pub legs: Vec<Leg>,
    /// Price per person, in the scenario's notional currency units.
    #[serde(default)]
    pub price: u32,
    /// A route the network has in reserve: unused, and unknown to every
    /// team, until pressure on a route in use makes it worth opening.
    #[serde(default, skip_serializing_if = "is_false")]
    pub candidate: bool,
    /// Percent of the people smuggled on this route who travel on credit,
    /// to pay the fare by working on arrival: those the network can hold
    /// there (an enforcer or a safe-house keeper at work) are held for the
    /// debt, their documents taken, and become trafficked.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub on_credit: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// One leg of a route.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Leg {
    pub from: String,
    pub to: String,
    pub mode: Mode,
    /// Turns the leg takes.
    #[serde(default = "one")]
    pub turns: u32,
    /// Percent chance per crossing that something goes wrong.
    #[serde(default)]
    pub hazard: u32,
    /// The flag the vessels on a sea leg fly. Default: the flag of the
    /// country the leg departs from (for a leg out of open water, the flag
    /// the boat had on the leg before).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flag: Option<VesselFlag>,
    /// The members the leg cannot run without, by role. Default: the
    /// mode's (a boat captain at sea, a transporter on land, a document
    /// forger in the air); `Some([])` for a leg people take on their own,
    /// such as a flight on their own passports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub needs: Option<Vec<Role>>,
}

/// The flag a vessel flies, which decides who may board it on the high seas.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum VesselFlag {
    /// Registered in this country (its id).
    Country(String),
    /// No flag: a stateless vessel, which any state may board.
    Stateless,
}

/// A network member's job.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Role {
    Organiser,
    Recruiter,
    Transporter,
    BoatCaptain,
    DocumentForger,
    MoneyBroker,
    CorruptOfficial,
    SafeHouseKeeper,
    Enforcer,
    /// A professional who serves the network for fees: a lawyer, an
    /// accountant, a notary, a travel agent. Sets up its companies, moves
    /// its money, arranges visas; keeps away from the people it moves.
    Enabler,
    /// A legal entity: a recruitment agency (licensed or not), a front
    /// company that runs premises, a shell that holds money. Not a person:
    /// it is inspected, its licence suspended, its money frozen; no one
    /// arrests a company.
    Company,
}

impl Role {
    /// Every role, in a stable order.
    pub const ALL: [Role; 11] = [
        Role::Organiser,
        Role::Recruiter,
        Role::Transporter,
        Role::BoatCaptain,
        Role::DocumentForger,
        Role::MoneyBroker,
        Role::CorruptOfficial,
        Role::SafeHouseKeeper,
        Role::Enforcer,
        Role::Enabler,
        Role::Company,
    ];

    /// The role as practitioners say it.
    pub fn label(self) -> &'static str {
        match self {
            Role::Organiser => "organiser",
            Role::Recruiter => "recruiter",
            Role::Transporter => "transporter",
            Role::BoatCaptain => "boat captain",
            Role::DocumentForger => "document forger",
            Role::MoneyBroker => "money broker",
            Role::CorruptOfficial => "corrupt official",
            Role::SafeHouseKeeper => "safe-house keeper",
            Role::Enforcer => "enforcer",
            Role::Enabler => "professional enabler",
            Role::Company => "company",
        }
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// A member of the smuggling network, with hidden traits (0–100).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    pub id: String,
    pub name: String,
    /// What the streets call them, shown before the name is known.
    #[serde(default)]
    pub alias: Option<String>,
    pub role: Role,
    pub country: String,
    /// The country whose passport the member holds; by default the country
    /// they live in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nationality: Option<String>,
    #[serde(default)]
    pub place: Option<String>,
    /// The route this member works on; none for those who serve every route.
    #[serde(default)]
    pub route: Option<String>,
    #[serde(default = "fifty")]
    pub caution: u32,
    #[serde(default = "fifty")]
    pub loyalty: u32,
    #[serde(default = "fifty")]
    pub skill: u32,
    /// A dormant member who joins when someone must be replaced.
    #[serde(default)]
    pub reserve: bool,
    /// A company licensed to recruit workers: a recruitment agency whose
    /// licence makes its offers believable. It recruits on its route as a
    /// recruiter does, until its licence is suspended.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub licensed: bool,
}

impl Role {
    /// Whether members of this role are people (who can be arrested or
    /// extradited), not legal entities.
    pub fn is_person(self) -> bool {
        self != Role::Company
    }
}

fn fifty() -> u32 {
    50
}

/// What binds two network members.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum TieKind {
    Command,
    Logistics,
    Finance,
    Kinship,
    Corruption,
    Communication,
}

impl TieKind {
    /// Every kind of tie.
    pub const ALL: [TieKind; 6] = [
        TieKind::Command,
        TieKind::Logistics,
        TieKind::Finance,
        TieKind::Kinship,
        TieKind::Corruption,
        TieKind::Communication,
    ];

    /// The kind of tie in plain words.
    pub fn label(self) -> &'static str {
        match self {
            TieKind::Command => "command",
            TieKind::Logistics => "logistics",
            TieKind::Finance => "finance",
            TieKind::Kinship => "kinship",
            TieKind::Corruption => "corruption",
            TieKind::Communication => "communication",
        }
    }
}

impl std::fmt::Display for TieKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// A tie between two actors, with strength 0–100.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tie {
    pub a: String,
    pub b: String,
    pub kind: TieKind,
    #[serde(default = "fifty")]
    pub strength: u32,
}

/// What kind of asset the network holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum AssetKind {
    Boat,
    Vehicle,
    Phone,
    Account,
    Documents,
    Property,
}

/// Something the network owns and uses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Asset {
    pub id: String,
    pub name: String,
    pub kind: AssetKind,
    pub owner: String,
    /// Value in notional units; seizing it removes that much from the network.
    #[serde(default)]
    pub value: u32,
}

/// A group of people travelling together on a route.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MigrantGroup {
    pub id: String,
    pub size: u32,
    pub route: String,
    /// Turn the group sets off.
    #[serde(default = "one")]
    pub depart_turn: u32,
    /// 0–100: how exposed the group is to harm and exploitation.
    #[serde(default = "fifty")]
    pub vulnerability: u32,
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    /// What they are to be exploited for, if trafficked; labour by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exploitation: Option<Exploitation>,
}

/// What trafficked people are exploited for: the purposes the Trafficking
/// Protocol (article 3) names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Exploitation {
    Labour,
    Sexual,
    ForcedCriminality,
    DomesticServitude,
    ForcedMarriage,
    OrganRemoval,
}

impl Exploitation {
    /// The purpose in plain words, after "trafficking for".
    pub fn label(self) -> &'static str {
        match self {
            Exploitation::Labour => "labour exploitation",
            Exploitation::Sexual => "sexual exploitation",
            Exploitation::ForcedCriminality => "forced criminality",
            Exploitation::DomesticServitude => "domestic servitude",
            Exploitation::ForcedMarriage => "forced marriage",
            Exploitation::OrganRemoval => "organ removal",
        }
    }
}

/// The network's ongoing recruitment on one route.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recruitment {
    pub route: String,
    /// A new group sets off every this many turns while the route runs.
    #[serde(default = "one")]
    pub every: u32,
    pub group_size: u32,
    #[serde(default = "fifty")]
    pub vulnerability: u32,
    /// Percent of new groups recruited by deception into exploitation.
    #[serde(default)]
    pub trafficking_share: u32,
    /// What the network recruits trafficked people for on this route, in
    /// turn, group after group; labour alone when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exploitation: Vec<Exploitation>,
    /// Signs the people recruited into exploitation show besides those the
    /// network's ways leave on them (deception and debt; documents taken
    /// from some; children among some): built-in or the scenario's own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<Indicator>,
}

/// When an inject fires.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Trigger {
    /// At the end of this turn.
    Turn(u32),
    /// The first turn the condition holds.
    When(Condition),
}

/// A condition over the state of the exercise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Condition {
    /// Any actor with this role is arrested.
    RoleArrested(Role),
    /// This actor is arrested.
    ActorArrested(String),
    /// Network capability below this percent of its start.
    CapabilityBelow(u32),
    /// A metric (see `docs/SCENARIO.md`) at or above a value.
    MetricAtLeast(String, i64),
    /// A turn has been reached and another condition holds.
    AfterTurn(u32, Box<Condition>),
}

/// What an inject does to the world besides its messages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Effect {
    /// The next boat on the sea legs of this route gets into distress.
    BoatInDistress(String),
    /// Hazard on every leg of this mode rises by this many points for some turns.
    Weather {
        mode: Mode,
        extra_hazard: u32,
        turns: u32,
    },
    /// An actor is exposed: every team of the country learns who they are.
    Expose(String),
    /// A dormant member becomes active.
    Activate(String),
    /// The network stops using a route for some turns.
    CloseRoute { route: String, turns: u32 },
    /// The teams the inject goes to learn of the first group on its way
    /// along this route, where it is now (a sighting, a hotline call).
    RevealGroup(String),
    /// People found dead on this route (a truck, bodies washed ashore):
    /// lives lost rise.
    Deaths { route: String, people: u32 },
    /// Pressure on a route rises (a crackdown announced, press coverage):
    /// the network weighs it like the pressure of patrols.
    RoutePressure { route: String, pressure: u32 },
    /// A country's law changes from the end of this turn (a law passed, a
    /// treaty in force, a court ruling, a purge): one field, set.
    ChangeLaw { country: String, change: LawChange },
    /// A credible report (an NGO, a hotline, a relative) that people on
    /// this route are held and exploited: the teams the inject goes to
    /// learn of the first group held in exploitation on it and where, and
    /// may refer its people as presumed victims without screening them.
    ReportVictims(String),
    /// A vessel is registered under another flag (a country's id), or
    /// struck off and left stateless (`None`): jurisdiction aboard moves
    /// with it.
    ChangeFlag {
        vessel: String,
        flag: Option<String>,
    },
}

/// One field of a country's [`Law`], set to a new value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LawChange {
    SmugglingCriminalised(bool),
    TraffickingCriminalised(bool),
    InterceptionAllowed(bool),
    InterceptionThreshold(u32),
    ArrestThreshold(u32),
    ChargeThreshold(u32),
    MlaDelay(u32),
    Extradition(bool),
    ExtraditesNationals(bool),
    FiuConsent(bool),
    Corruption(u32),
    BoardingConsent(bool),
    JitBasis(bool),
    JitSetup(u32),
    IrregularEntryOffence(bool),
    IrregularExitOffence(bool),
    NonPunishment(bool),
    ShelterPlaces(Option<u32>),
    ReflectionTurns(Option<u32>),
    MinorsDetention(bool),
}

impl LawChange {
    /// The law with this field set.
    pub fn apply(self, law: &mut Law) {
        match self {
            LawChange::SmugglingCriminalised(v) => law.smuggling_criminalised = v,
            LawChange::TraffickingCriminalised(v) => law.trafficking_criminalised = v,
            LawChange::InterceptionAllowed(v) => law.interception_allowed = v,
            LawChange::InterceptionThreshold(v) => law.interception_threshold = v,
            LawChange::ArrestThreshold(v) => law.arrest_threshold = v,
            LawChange::ChargeThreshold(v) => law.charge_threshold = v,
            LawChange::MlaDelay(v) => law.mla_delay = v,
            LawChange::Extradition(v) => law.extradition = v,
            LawChange::ExtraditesNationals(v) => law.extradites_nationals = v,
            LawChange::FiuConsent(v) => law.fiu_consent = v,
            LawChange::Corruption(v) => law.corruption = v,
            LawChange::BoardingConsent(v) => law.boarding_consent = v,
            LawChange::JitBasis(v) => law.jit_basis = v,
            LawChange::JitSetup(v) => law.jit_setup = v,
            LawChange::IrregularEntryOffence(v) => law.irregular_entry_offence = v,
            LawChange::IrregularExitOffence(v) => law.irregular_exit_offence = v,
            LawChange::NonPunishment(v) => law.non_punishment = v,
            LawChange::ShelterPlaces(v) => law.shelter_places = v,
            LawChange::ReflectionTurns(v) => law.reflection_turns = v,
            LawChange::MinorsDetention(v) => law.minors_detention = v,
        }
    }
}

/// A scripted event of the master scenario events list (MSEL).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inject {
    pub id: String,
    pub title: String,
    pub trigger: Trigger,
    /// Teams that receive the message; empty means every team.
    #[serde(default)]
    pub to: Vec<String>,
    pub message: String,
    #[serde(default)]
    pub effects: Vec<Effect>,
    /// Whether what the inject reveals is admissible evidence (a statement
    /// taken under the law, say); by default it is intelligence, a lead.
    #[serde(default, skip_serializing_if = "is_false")]
    pub admissible: bool,
}

/// A learning objective with a measurable criterion for the debrief.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    pub id: String,
    pub text: String,
    pub criterion: Criterion,
}

/// How the debrief rates an objective.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Criterion {
    /// A metric reaches a value by a turn.
    MetricAtLeast {
        metric: String,
        value: i64,
        by_turn: u32,
    },
    /// A metric stays at or below a value through a turn.
    MetricAtMost {
        metric: String,
        value: i64,
        by_turn: u32,
    },
}

/// Weights for the two score axes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scoring {
    pub per_arrest: i64,
    pub per_conviction: i64,
    pub per_organiser_conviction: i64,
    pub per_asset_seized: i64,
    pub per_victim_identified: i64,
    pub per_victim_protected: i64,
    pub per_life_lost: i64,
    pub per_migrant_criminalised: i64,
    pub per_re_trafficked: i64,
    /// Weight of each person still held in exploitation, unidentified, at the
    /// end of a turn: a network disrupted early leaves fewer.
    #[serde(default = "two_i64")]
    pub per_victim_exploited: i64,
}

fn two_i64() -> i64 {
    2
}

impl Default for Scoring {
    fn default() -> Self {
        Scoring {
            per_arrest: 1,
            per_conviction: 3,
            per_organiser_conviction: 10,
            per_asset_seized: 2,
            per_victim_identified: 2,
            per_victim_protected: 3,
            per_life_lost: 5,
            per_migrant_criminalised: 1,
            per_re_trafficked: 3,
            per_victim_exploited: 2,
        }
    }
}

/// A scenario's change to one action of the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionRule {
    pub action: crate::scenario::ActionKind,
    #[serde(default)]
    pub disabled: bool,
    #[serde(default)]
    pub cost: Option<u32>,
    #[serde(default)]
    pub duration: Option<u32>,
}

/// The bot policies a lesson may name, as the command line spells them
/// (the `bots` layer's `Policy`; a test there keeps the two lists equal).
pub const POLICY_NAMES: [&str; 8] = [
    "passive",
    "baseline",
    "cooperative",
    "siloed",
    "crews-only",
    "refer-all",
    "patrol-only",
    "process-all",
];

/// A lesson the scenario claims to teach: one bot policy against another on
/// one final metric, over many seeds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    pub id: String,
    /// The lesson in a trainer's words.
    pub text: String,
    /// The policy the lesson is about (one of [`POLICY_NAMES`]).
    pub policy: String,
    pub expect: Expect,
    /// The policy it is compared with.
    pub than: String,
    /// The metric compared, by key, at the end of each run.
    pub metric: String,
}

/// How a lesson's policy should compare with the other on its metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Expect {
    /// Higher, clearly: Welch's t-test at the 5% level.
    Above,
    /// Lower, clearly.
    Below,
    /// Not clearly lower: the test finds no shortfall at the 5% level.
    NotBelow,
    /// Not clearly higher.
    NotAbove,
}

impl Expect {
    /// The expectation in words, as `sweep --lessons` prints it.
    pub fn words(self) -> &'static str {
        match self {
            Expect::Above => "above",
            Expect::Below => "below",
            Expect::NotBelow => "not below",
            Expect::NotAbove => "not above",
        }
    }
}
