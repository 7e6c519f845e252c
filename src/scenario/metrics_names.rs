//! The metrics a scenario's conditions and objectives may name.

/// Every metric the engine computes each turn, by the name scenarios use.
pub const METRIC_NAMES: &[&str] = &[
    "network_capability",
    "arrested",
    "convicted",
    "organisers_convicted",
    "migrants_moved",
    "lives_lost",
    "victims_identified",
    "disruption_score",
    "protection_score",
    "intel_shared",
    "mla_requests",
    "jits_formed",
    "migrants_criminalised",
    "re_trafficked",
    "assets_seized",
    "victims_protected",
];
