//! The metrics of an exercise: each written once, here, with the key that
//! `run --json`, scenarios and reports use for it.

/// One figure the engine computes every turn, for the exercise and each team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Metric {
    NetworkCapability,
    Arrested,
    Convicted,
    OrganisersConvicted,
    Acquitted,
    MigrantsMoved,
    LivesLost,
    Rescued,
    VictimsIdentified,
    VictimsProtected,
    AssetsSeized,
    IntelShared,
    MlaRequests,
    JitsFormed,
    JointActionDays,
    MigrantsCriminalised,
    ReTrafficked,
    GroupsIntercepted,
    VictimsExploited,
    PeopleSheltered,
    VictimsCriminalised,
    MinorsCriminalised,
    VictimsReferred,
    DisruptionScore,
    ProtectionScore,
}

impl Metric {
    /// Every metric, in a stable order.
    pub const ALL: [Metric; 25] = [
        Metric::NetworkCapability,
        Metric::Arrested,
        Metric::Convicted,
        Metric::OrganisersConvicted,
        Metric::Acquitted,
        Metric::MigrantsMoved,
        Metric::LivesLost,
        Metric::Rescued,
        Metric::VictimsIdentified,
        Metric::VictimsProtected,
        Metric::AssetsSeized,
        Metric::IntelShared,
        Metric::MlaRequests,
        Metric::JitsFormed,
        Metric::JointActionDays,
        Metric::MigrantsCriminalised,
        Metric::ReTrafficked,
        Metric::GroupsIntercepted,
        Metric::VictimsExploited,
        Metric::PeopleSheltered,
        Metric::VictimsCriminalised,
        Metric::MinorsCriminalised,
        Metric::VictimsReferred,
        Metric::DisruptionScore,
        Metric::ProtectionScore,
    ];

    /// The key in `run --json`, scenario conditions and objectives.
    pub fn key(self) -> &'static str {
        match self {
            Metric::NetworkCapability => "network_capability",
            Metric::Arrested => "arrested",
            Metric::Convicted => "convicted",
            Metric::OrganisersConvicted => "organisers_convicted",
            Metric::Acquitted => "acquitted",
            Metric::MigrantsMoved => "migrants_moved",
            Metric::LivesLost => "lives_lost",
            Metric::Rescued => "rescued",
            Metric::VictimsIdentified => "victims_identified",
            Metric::VictimsProtected => "victims_protected",
            Metric::AssetsSeized => "assets_seized",
            Metric::IntelShared => "intel_shared",
            Metric::MlaRequests => "mla_requests",
            Metric::JitsFormed => "jits_formed",
            Metric::JointActionDays => "joint_action_days",
            Metric::MigrantsCriminalised => "migrants_criminalised",
            Metric::ReTrafficked => "re_trafficked",
            Metric::GroupsIntercepted => "groups_intercepted",
            Metric::VictimsExploited => "victims_exploited",
            Metric::PeopleSheltered => "people_sheltered",
            Metric::VictimsCriminalised => "victims_criminalised",
            Metric::MinorsCriminalised => "minors_criminalised",
            Metric::VictimsReferred => "victims_referred",
            Metric::DisruptionScore => "disruption_score",
            Metric::ProtectionScore => "protection_score",
        }
    }

    /// The metric with this key.
    pub fn from_key(key: &str) -> Option<Metric> {
        Metric::ALL.into_iter().find(|m| m.key() == key)
    }

    /// The metric in words, for reports: `lives_lost` → `lives lost`.
    pub fn words(self) -> String {
        match self {
            Metric::NetworkCapability => "network capability left (‰ of its start)".to_string(),
            Metric::JitsFormed => "joint investigation teams formed".to_string(),
            Metric::MlaRequests => "mutual legal assistance requests".to_string(),
            Metric::IntelShared => "intelligence shared".to_string(),
            other => other.key().replace('_', " "),
        }
    }
}

impl std::fmt::Display for Metric {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_written_once_and_reads_back() {
        for m in Metric::ALL {
            assert_eq!(Metric::from_key(m.key()), Some(m));
        }
        let mut keys: Vec<&str> = Metric::ALL.iter().map(|m| m.key()).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), Metric::ALL.len(), "two metrics share a key");
        assert_eq!(Metric::from_key("network_capabilty"), None);
    }
}
