//! The action catalogue: every investigative and cooperative action a team may
//! order, as data (`assets/actions.ron`), tunable per scenario.

use serde::{Deserialize, Serialize};

use super::agency::{Agency, AgencyDef};

/// Every action the engine knows how to resolve.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ActionKind {
    Analysis,
    Surveillance,
    Interception,
    FinancialInvestigation,
    Informant,
    Undercover,
    Arrest,
    AssetFreeze,
    Prosecution,
    MaritimePatrol,
    Interdiction,
    SearchAndRescue,
    ScreeningInterview,
    Referral,
    ShareIntel,
    MlaRequest,
    /// Financial intelligence asked of another country's unit (Egmont).
    FiuExchange,
    /// A financial intelligence unit's consent that what it sends another
    /// country's team be used as evidence there.
    FiuConsent,
    /// Asking the country that holds a person and will not extradite them
    /// to prosecute them itself (aut dedere aut judicare).
    ProsecutionRequest,
    JitProposal,
    JitAccept,
    /// Proposing to another country's team a turn on which both make their
    /// arrests, so that no one can warn the others.
    ActionDayProposal,
    ActionDayAccept,
    /// Asking the flag states of the vessels on a route for consent to
    /// board them on the high seas (Smuggling Protocol, article 8).
    BoardingConsentRequest,
    /// A flag state's consent to another country's request to board.
    BoardingConsent,
    RedNotice,
    YellowNotice,
    PurpleNotice,
    Extradition,
    LiaisonPosting,
    Repatriation,
    RepatriationWithReintegration,
    PreventionCampaign,
    /// Entering a safe house, staging house or worksite: the people held
    /// there are found, and those who keep them are arrested.
    Raid,
    /// A labour inspection of a worksite: the inspectors talk to the
    /// workers and find the signs of forced labour, without arresting or
    /// holding anyone.
    LabourInspection,
    /// An inspection of a recruitment agency's books: the fees it charged,
    /// the contracts it issued, the recruiters and employers it deals with.
    AgencyInspection,
    /// Suspending a recruitment agency's licence: it recruits no more.
    LicenceSuspension,
    /// An INTERPOL blue notice: every country is asked to locate a person
    /// and say who they are.
    BlueNotice,
    /// An INTERPOL green notice: every country is warned of a person's
    /// criminal activities.
    GreenNotice,
    /// An INTERPOL diffusion: a request sent straight to one country's
    /// police, faster than a notice and to that country alone.
    Diffusion,
    /// Port-state control: inspecting a foreign vessel that puts into one
    /// of the team's ports, for the people working aboard.
    PortStateInspection,
    /// Letting a group the team has met travel on under watch, to see who
    /// moves and holds them.
    ControlledDelivery,
}

impl ActionKind {
    /// Whether an order of this kind names the person it concerns (`about`):
    /// sharing a file, asking for evidence or financial intelligence.
    pub fn concerns_a_person(self) -> bool {
        matches!(
            self,
            ActionKind::ShareIntel
                | ActionKind::MlaRequest
                | ActionKind::FiuExchange
                | ActionKind::Diffusion
        )
    }
}

/// What an action is aimed at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum TargetKind {
    Nothing,
    Actor,
    Group,
    Team,
    Route,
    Asset,
    /// A place on the map: premises a raid enters.
    Place,
}

/// A condition that must hold before an action may be ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Prerequisite {
    /// The team knows who the target actor is (not only an alias).
    TargetIdentified,
    /// The target actor is in the team's own country.
    TargetInJurisdiction,
    /// The target actor is abroad.
    TargetAbroad,
    /// The law allows lawful interception.
    InterceptionAllowed,
    /// Evidence on the target reaches the interception warrant threshold.
    InterceptionThreshold,
    /// Evidence on the target reaches the arrest threshold.
    ArrestThreshold,
    /// Admissible evidence on the target reaches the charging threshold.
    ChargeThreshold,
    /// The target is in custody of this team.
    TargetInCustody,
    /// The target is at large as far as the team knows: not held, not convicted.
    TargetAtLarge,
    /// Smuggling or trafficking is a crime in the team's country.
    Criminalised,
    /// And in the country where the target is (dual criminality).
    DualCriminality,
    /// An interpreter is free this turn.
    Interpreter,
    /// The target group has been encountered by this team.
    GroupEncountered,
    /// There is a channel to the target team.
    ChannelToTeam,
    /// The country holding the target extradites them: it extradites at
    /// all, its own nationals too if the target is one, and the offence is a
    /// crime there (dual criminality).
    ExtraditionAllowed,
    /// The team holds admissible proof that people were smuggled (a record
    /// of a crossing: the people's statements, taken at home or received by
    /// MLA or a joint team), or the target was caught moving them. A corrupt
    /// official's offence is the bribe and needs neither.
    SmugglingProven,
    /// No court of the team's country has acquitted the target: the same
    /// enterprise is not tried twice in one country (ne bis in idem).
    NotAcquittedHere,
    /// The target route has a leg the team's agency works: a leg of a mode
    /// its kind stops (`AgencyDef.stops`) from or to its country, or at sea
    /// across open water (a coast guard at sea; police and immigration on
    /// land and in the air).
    LegInReach,
    /// The target route has a sea leg in open water whose vessels fly the
    /// flag of another country, whose consent boarding needs.
    ForeignFlagAtSea,
    /// Both countries' laws provide for joint investigation teams.
    JitBasis,
    /// The target team has asked this team's financial intelligence unit
    /// about someone.
    FiuAsked,
    /// The target team is of another country: MLA, financial intelligence
    /// exchange, joint teams and joint action days cross a border.
    TeamAbroad,
    /// The target team has proposed a joint action day to this team, still
    /// ahead.
    ActionDayProposed,
    /// The target team has an open request to board vessels flying this
    /// team's country's flag.
    BoardingAsked,
    /// The target place is in the team's own country: a vessel of its
    /// flag, a stateless one, or one that puts into its ports.
    PlaceInJurisdiction,
    /// The target place is premises where people can be kept: a safe
    /// house or a worksite.
    Premises,
    /// The target place is a workplace: a worksite.
    Workplace,
    /// The target is a person, not a company: arrested, extradited, wanted
    /// on a red notice. (A company's office can be watched, its phones
    /// tapped, an informant or an officer placed inside it.)
    NaturalPerson,
    /// The target is a company (a legal entity).
    Company,
    /// The target is a company licensed to recruit workers.
    Licensed,
    /// The target place is a vessel that puts into a port of the team's
    /// country.
    CallsAtPort,
    /// The target group is on its way, as far as the team knows: not yet
    /// arrived, stopped or held.
    GroupOnTheMove,
}

/// One entry of the action catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionDef {
    pub kind: ActionKind,
    pub name: String,
    pub description: String,
    /// Capacity points spent when ordered.
    pub cost: u32,
    /// Turns until it resolves; 0 resolves in the turn it is ordered.
    pub duration: u32,
    /// Agencies that may order it.
    pub agencies: Vec<Agency>,
    pub target: TargetKind,
    #[serde(default)]
    pub requires: Vec<Prerequisite>,
    /// Percent chance of success against an average target.
    #[serde(default = "hundred")]
    pub success: u32,
    /// Percent chance of tipping the network off.
    #[serde(default)]
    pub tip_off: u32,
    /// Evidence strength gained on success.
    #[serde(default)]
    pub evidence: u32,
}

fn hundred() -> u32 {
    100
}

/// The action catalogue as shipped in `assets/actions.ron`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    pub actions: Vec<ActionDef>,
    /// The kinds of agency teams play. A catalogue written before kinds
    /// were data (an old journal's) has none: the shipped ones apply.
    #[serde(default = "shipped_agencies")]
    pub agencies: Vec<AgencyDef>,
}

fn shipped_agencies() -> Vec<AgencyDef> {
    super::default_catalog().agencies
}

impl Catalog {
    /// The definition of one action, if the catalogue has it.
    pub fn get(&self, kind: ActionKind) -> Option<&ActionDef> {
        self.actions.iter().find(|a| a.kind == kind)
    }

    /// The definition of one kind of agency, if the catalogue has it.
    pub fn agency(&self, id: &Agency) -> Option<&AgencyDef> {
        self.agencies.iter().find(|a| &a.id == id)
    }

    /// Every action a kind of agency may order, in catalogue order: those
    /// whose entry names it, and those its definition lists.
    pub fn actions_of(&self, agency: &Agency) -> Vec<ActionKind> {
        let own = self.agency(agency).map(|a| a.actions.as_slice());
        self.actions
            .iter()
            .filter(|a| a.agencies.contains(agency) || own.is_some_and(|o| o.contains(&a.kind)))
            .map(|a| a.kind)
            .collect()
    }
}
