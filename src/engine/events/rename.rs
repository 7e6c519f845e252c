//! An event renamed: the engine's indices turned into the references a
//! team's view uses, one arm per event.

use super::{Event, GroupTag, Person, Refs, Truth};
use crate::engine::setup::{RouteIx, TeamIx};

/// Turns an event's references from one naming into another.
pub trait Rename<From: Refs, To: Refs> {
    fn person(&self, p: &From::Person) -> To::Person;
    fn team(&self, t: &From::Team) -> To::Team;
    fn route(&self, r: &From::Route) -> To::Route;
    fn place(&self, p: &From::Place) -> To::Place;
    fn group(&self, g: &From::Group) -> To::Group;
}

impl Event<Truth> {
    /// The same event with its references renamed, e.g. for a team's view.
    pub fn rename<To: Refs>(&self, n: &impl Rename<Truth, To>) -> Event<To> {
        use Event::*;
        let p = |x: &Person| n.person(x);
        let t = |x: &TeamIx| n.team(x);
        let r = |x: &RouteIx| n.route(x);
        let g = |x: &GroupTag| n.group(x);
        match self {
            OrderRefused { action, why } => OrderRefused {
                action: *action,
                why: why.clone(),
            },
            LiaisonReceived { from, text } => LiaisonReceived {
                from: t(from),
                text: text.clone(),
            },
            LiaisonSent { to, text } => LiaisonSent {
                to: t(to),
                text: text.clone(),
            },
            NoChannel { to } => NoChannel { to: t(to) },
            NothingToReport {
                action,
                person,
                why,
            } => NothingToReport {
                action: *action,
                person: p(person),
                why: *why,
            },
            InvestigationFailed {
                action,
                person,
                lines_quiet,
            } => InvestigationFailed {
                action: *action,
                person: p(person),
                lines_quiet: *lines_quiet,
            },
            InvestigationFound {
                action,
                person,
                contacts,
                new_contacts,
                assets,
                evidence,
            } => InvestigationFound {
                action: *action,
                person: p(person),
                contacts: *contacts,
                new_contacts: *new_contacts,
                assets: *assets,
                evidence: *evidence,
            },
            AnalysisNoLeads => AnalysisNoLeads,
            AnalysisIdentified { before, after } => AnalysisIdentified {
                before: p(before),
                after: p(after),
            },
            AnalysisNothingNew => AnalysisNothingNew,
            AnalysisLinked { via } => AnalysisLinked { via: p(via) },
            AnalysisFirstLead => AnalysisFirstLead,
            ArrestFailed { person, why } => ArrestFailed {
                person: p(person),
                why: *why,
            },
            Arrested { person, named } => Arrested {
                person: p(person),
                named: named.as_ref().map(p),
            },
            NoAssetsToFreeze { person } => NoAssetsToFreeze { person: p(person) },
            LicenceSuspended { person } => LicenceSuspended { person: p(person) },
            AssetsFrozen { person, assets } => AssetsFrozen {
                person: p(person),
                assets: assets.clone(),
            },
            Extradited { person, by } => Extradited {
                person: p(person),
                by: t(by),
            },
            SurrenderedAbroad { person, to } => SurrenderedAbroad {
                person: p(person),
                to: t(to),
            },
            ExtraditionRefused { person } => ExtraditionRefused { person: p(person) },
            NotInCustodyAbroad { person } => NotInCustodyAbroad { person: p(person) },
            LeftTheCountry { person, to } => LeftTheCountry {
                person: p(person),
                to: to.clone(),
            },
            PatrolSighted { route, boats } => PatrolSighted {
                route: r(route),
                boats: *boats,
            },
            RescueOnStation { route } => RescueOnStation { route: r(route) },
            RescueSaved { route, people } => RescueSaved {
                route: r(route),
                people: *people,
            },
            Interdiction {
                route,
                groups,
                people,
                crew,
                lost,
            } => Interdiction {
                route: r(route),
                groups: *groups,
                people: *people,
                crew: crew.as_ref().map(p),
                lost: *lost,
            },
            RescuedInDistress { route, people } => RescuedInDistress {
                route: r(route),
                people: *people,
            },
            Raid {
                place,
                groups,
                people,
                arrested,
                cleared,
            } => Raid {
                place: n.place(place),
                groups: *groups,
                people: *people,
                arrested: arrested.iter().map(p).collect(),
                cleared: *cleared,
            },
            Inspected {
                place,
                people,
                presumed_victims,
            } => Inspected {
                place: n.place(place),
                people: *people,
                presumed_victims: *presumed_victims,
            },
            DeliveryWatched {
                group,
                handlers,
                held_at,
            } => DeliveryWatched {
                group: g(group),
                handlers: handlers.iter().map(p).collect(),
                held_at: held_at.as_ref().map(|x| n.place(x)),
            },
            DeliveryLost { group } => DeliveryLost { group: g(group) },
            PreventionCampaign => PreventionCampaign,
            NoShelterPlace {
                group,
                people,
                free,
            } => NoShelterPlace {
                group: g(group),
                people: *people,
                free: *free,
            },
            OutOfReach { care, group } => OutOfReach {
                care: *care,
                group: g(group),
            },
            TooFrightened { group } => TooFrightened { group: g(group) },
            Screened {
                group,
                trafficked,
                people,
                indicators,
                recruiter,
                exploitation,
            } => Screened {
                group: g(group),
                trafficked: *trafficked,
                people: *people,
                indicators: indicators.clone(),
                recruiter: recruiter.as_ref().map(p),
                exploitation: *exploitation,
            },
            Referred {
                group,
                people,
                testify,
                reflection,
            } => Referred {
                group: g(group),
                people: *people,
                testify: *testify,
                reflection: *reflection,
            },
            ChildrenInCare { group, people } => ChildrenInCare {
                group: g(group),
                people: *people,
            },
            Testified { group, named } => Testified {
                group: g(group),
                named: named.iter().map(p).collect(),
            },
            WitnessesWithdrew { group, intimidated } => WitnessesWithdrew {
                group: g(group),
                intimidated: *intimidated,
            },
            Returned {
                group,
                people,
                supported,
            } => Returned {
                group: g(group),
                people: *people,
                supported: *supported,
            },
            ProcessedRoutinely {
                group,
                held_turns,
                outcome,
            } => ProcessedRoutinely {
                group: g(group),
                held_turns: *held_turns,
                outcome: *outcome,
            },
            YellowNoticeReceived {
                from,
                group,
                minors,
            } => YellowNoticeReceived {
                from: t(from),
                group: g(group),
                minors: *minors,
            },
            YellowNoticeIssued { group } => YellowNoticeIssued { group: g(group) },
            Signal { place, kind, group } => Signal {
                place: n.place(place),
                kind: *kind,
                group: g(group),
            },
            CommunityTip { role } => CommunityTip { role: *role },
            IntelReceived {
                from,
                person,
                through_joint_team,
            } => IntelReceived {
                from: t(from),
                person: p(person),
                through_joint_team: *through_joint_team,
            },
            IntelShared { person, with } => IntelShared {
                person: p(person),
                with: t(with),
            },
            FileLeadsToWorksite { group } => FileLeadsToWorksite { group: g(group) },
            MlaSent { to, person, delay } => MlaSent {
                to: t(to),
                person: p(person),
                delay: *delay,
            },
            MlaReceived { from, person } => MlaReceived {
                from: t(from),
                person: p(person),
            },
            MlaReply {
                from,
                person,
                executed,
                formalised,
            } => MlaReply {
                from: t(from),
                person: p(person),
                executed: *executed,
                formalised: *formalised,
            },
            MlaRefused { from, person, why } => MlaRefused {
                from: t(from),
                person: p(person),
                why: *why,
            },
            FiuSent { to, person } => FiuSent {
                to: t(to),
                person: p(person),
            },
            FiuReceived { from, person } => FiuReceived {
                from: t(from),
                person: p(person),
            },
            FiuConsentGiven { to } => FiuConsentGiven { to: t(to) },
            FiuConsentReceived { from, pieces } => FiuConsentReceived {
                from: t(from),
                pieces: *pieces,
            },
            FiuReply {
                from,
                person,
                found,
                contacts,
                assets,
                consent,
            } => FiuReply {
                from: t(from),
                person: p(person),
                found: *found,
                contacts: *contacts,
                assets: *assets,
                consent: *consent,
            },
            ProsecutionRequested { person, evidence } => ProsecutionRequested {
                person: p(person),
                evidence: *evidence,
            },
            ProsecutionAsked {
                from,
                person,
                evidence,
            } => ProsecutionAsked {
                from: t(from),
                person: p(person),
                evidence: *evidence,
            },
            JitProposed { to } => JitProposed { to: t(to) },
            JitProposalReceived { from } => JitProposalReceived { from: t(from) },
            JitFormed {
                with,
                turns,
                starts,
            } => JitFormed {
                with: t(with),
                turns: *turns,
                starts: *starts,
            },
            JitAccepted { by, turns, starts } => JitAccepted {
                by: t(by),
                turns: *turns,
                starts: *starts,
            },
            NoJitProposal { from } => NoJitProposal { from: t(from) },
            ActionDayProposed { to, day } => ActionDayProposed {
                to: t(to),
                day: *day,
            },
            ActionDayProposalReceived { from, day } => ActionDayProposalReceived {
                from: t(from),
                day: *day,
            },
            ActionDayAgreed { with, day } => ActionDayAgreed {
                with: t(with),
                day: *day,
            },
            NoActionDayProposal { from } => NoActionDayProposal { from: t(from) },
            BoardingConsentRequested { route, flag } => BoardingConsentRequested {
                route: r(route),
                flag: flag.clone(),
            },
            BoardingConsentAsked { from, route } => BoardingConsentAsked {
                from: t(from),
                route: r(route),
            },
            BoardingConsentGiven { route, flag } => BoardingConsentGiven {
                route: r(route),
                flag: flag.clone(),
            },
            BoardingConsentRefused { route, flag } => BoardingConsentRefused {
                route: r(route),
                flag: flag.clone(),
            },
            BoardingConsentGranted { to, route } => BoardingConsentGranted {
                to: t(to),
                route: r(route),
            },
            NoBoardingRequest { from } => NoBoardingRequest { from: t(from) },
            JointActionDay { with, arrests } => JointActionDay {
                with: t(with),
                arrests: *arrests,
            },
            JitEnds { with } => JitEnds { with: t(with) },
            RedNoticeReceived { from, person } => RedNoticeReceived {
                from: t(from),
                person: p(person),
            },
            RedNoticeIssued { person } => RedNoticeIssued { person: p(person) },
            ArrestedOnNotice { person, by } => ArrestedOnNotice {
                person: p(person),
                by: t(by),
            },
            PurpleNoticeReceived { from, role, route } => PurpleNoticeReceived {
                from: t(from),
                role: *role,
                route: route.as_ref().map(r),
            },
            PurpleNoticeIssued => PurpleNoticeIssued,
            BlueNoticeAnswered { person, by } => BlueNoticeAnswered {
                person: p(person),
                by: by.as_ref().map(t),
            },
            BlueNoticeReceived { from, person } => BlueNoticeReceived {
                from: t(from),
                person: p(person),
            },
            GreenNoticeReceived { from, person } => GreenNoticeReceived {
                from: t(from),
                person: p(person),
            },
            GreenNoticeIssued { person } => GreenNoticeIssued { person: p(person) },
            DiffusionReceived { from, person } => DiffusionReceived {
                from: t(from),
                person: p(person),
            },
            DiffusionSent { to, person } => DiffusionSent {
                to: t(to),
                person: p(person),
            },
            LiaisonPosted { with } => LiaisonPosted { with: t(with) },
            LiaisonHosted { from } => LiaisonHosted { from: t(from) },
            CaseDropped { person } => CaseDropped { person: p(person) },
            Convicted {
                person,
                charge,
                laundering,
            } => Convicted {
                person: p(person),
                charge: *charge,
                laundering: *laundering,
            },
            Acquitted { person } => Acquitted { person: p(person) },
            WhiteCell { text } => WhiteCell { text: text.clone() },
            Inject {
                inject,
                extra,
                distress,
            } => Inject {
                inject: inject.clone(),
                extra: extra.clone(),
                distress: distress.iter().map(r).collect(),
            },
        }
    }
}
