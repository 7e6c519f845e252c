//! How typed values in a view are spelt on the wire: the words clients have
//! always read ("money broker", "in transit", "sea"), kept while the fields
//! themselves are enums, so a typo in a comparison no longer compiles.

use serde::{Deserialize, Deserializer, Serializer};

use crate::engine::knowledge::Channel;
use crate::engine::state::{ActorStatus, GroupStatus};
use crate::scenario::{Indicator, Mode, Role, TieKind};

/// A value with one spelling on the wire.
pub trait Spelt: Copy + 'static {
    /// Every value, to read a spelling back.
    const ALL: &'static [Self];
    /// The value's spelling.
    fn spelt(self) -> &'static str;
}

impl Spelt for Role {
    const ALL: &'static [Role] = &Role::ALL;
    fn spelt(self) -> &'static str {
        self.label()
    }
}

impl Spelt for ActorStatus {
    const ALL: &'static [ActorStatus] = &[
        ActorStatus::Active,
        ActorStatus::Dormant,
        ActorStatus::Arrested,
        ActorStatus::Convicted,
        ActorStatus::Fled,
        ActorStatus::Suspended,
    ];
    fn spelt(self) -> &'static str {
        self.label()
    }
}

impl Spelt for GroupStatus {
    const ALL: &'static [GroupStatus] = &[
        GroupStatus::Recruited,
        GroupStatus::InTransit,
        GroupStatus::Intercepted,
        GroupStatus::Rescued,
        GroupStatus::Arrived,
        GroupStatus::Exploited,
        GroupStatus::Protected,
        GroupStatus::Returned,
        GroupStatus::LostAtSea,
    ];
    fn spelt(self) -> &'static str {
        self.label()
    }
}

impl Spelt for Mode {
    const ALL: &'static [Mode] = &Mode::ALL;
    fn spelt(self) -> &'static str {
        self.label()
    }
}

impl Spelt for TieKind {
    const ALL: &'static [TieKind] = &TieKind::ALL;
    fn spelt(self) -> &'static str {
        self.label()
    }
}

impl Spelt for Channel {
    const ALL: &'static [Channel] = &[
        Channel::Domestic,
        Channel::Informal,
        Channel::Mla,
        Channel::Jit,
        Channel::Fiu,
        Channel::FiuConsented,
    ];
    fn spelt(self) -> &'static str {
        match self {
            Channel::Domestic => "own investigation",
            Channel::Informal => "informal (intelligence)",
            Channel::Mla => "MLA",
            Channel::Jit => "joint team",
            Channel::Fiu => "FIU exchange (intelligence)",
            Channel::FiuConsented => "FIU exchange, with consent",
        }
    }
}

fn read<'de, T: Spelt, D: Deserializer<'de>>(word: &str) -> Result<T, D::Error> {
    T::ALL
        .iter()
        .copied()
        .find(|v| v.spelt() == word)
        .ok_or_else(|| serde::de::Error::custom(format!("unknown value `{word}`")))
}

/// `#[serde(with = "spelt")]` for a field whose type is [`Spelt`].
pub mod spelt {
    use super::*;

    pub fn serialize<T: Spelt, S: Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(v.spelt())
    }

    pub fn deserialize<'de, T: Spelt, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
        let word = String::deserialize(d)?;
        read::<T, D>(&word)
    }
}

/// `#[serde(with = "maybe_spelt")]` for an optional [`Spelt`] field.
pub mod maybe_spelt {
    use super::*;

    pub fn serialize<T: Spelt, S: Serializer>(v: &Option<T>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(v) => s.serialize_some(v.spelt()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, T: Spelt, D: Deserializer<'de>>(d: D) -> Result<Option<T>, D::Error> {
        match Option::<String>::deserialize(d)? {
            Some(word) => read::<T, D>(&word).map(Some),
            None => Ok(None),
        }
    }
}

/// `#[serde(with = "indicator_words")]` for a list of indicators: a
/// built-in one in the words clients have always read ("debt bondage"), a
/// scenario's own by its name, which is how it reads back.
pub mod indicator_words {
    use super::*;
    use serde::ser::SerializeSeq;

    pub fn serialize<S: Serializer>(v: &[Indicator], s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(v.len()))?;
        for x in v {
            seq.serialize_element(x.label())?;
        }
        seq.end()
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Indicator>, D::Error> {
        Ok(Vec::<String>::deserialize(d)?
            .into_iter()
            .map(|word| {
                Indicator::built_in()
                    .iter()
                    .find(|(_, label)| *label == word)
                    .map_or_else(|| Indicator::new(word.clone()), |(i, _)| i.clone())
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How many variants a unit enum has: postcard writes a variant as its
    /// index, so every index below the count decodes and none above it.
    fn variants<T: serde::de::DeserializeOwned>() -> usize {
        (0u8..128)
            .take_while(|&i| postcard::from_bytes::<T>(&[i]).is_ok())
            .count()
    }

    fn round_trip<T: Spelt + PartialEq + std::fmt::Debug + serde::de::DeserializeOwned>() {
        assert_eq!(
            T::ALL.len(),
            variants::<T>(),
            "a value of {} has no spelling to read back",
            std::any::type_name::<T>()
        );
        for &v in T::ALL {
            let json = serde_json::to_string(v.spelt()).expect("a string encodes");
            let mut de = serde_json::Deserializer::from_str(&json);
            assert_eq!(spelt::deserialize::<T, _>(&mut de).expect("reads back"), v);
        }
    }

    #[test]
    fn every_spelling_reads_back_as_its_value() {
        round_trip::<Role>();
        round_trip::<ActorStatus>();
        round_trip::<GroupStatus>();
        round_trip::<Mode>();
        round_trip::<TieKind>();
        round_trip::<Channel>();
    }

    #[test]
    fn indicators_read_back_built_in_by_their_words_and_a_scenarios_own_by_name() {
        #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
        struct Found(#[serde(with = "indicator_words")] Vec<Indicator>);
        let mut all: Vec<Indicator> = Indicator::built_in()
            .iter()
            .map(|(i, _)| i.clone())
            .collect();
        all.push(Indicator::new("RecruitmentFees"));
        let json = serde_json::to_string(&Found(all.clone())).expect("encodes");
        assert!(json.contains(r#""debt bondage""#) && json.contains(r#""RecruitmentFees""#));
        let back: Found = serde_json::from_str(&json).expect("reads back");
        assert_eq!(back, Found(all));
    }

    #[test]
    fn the_wire_keeps_the_words_clients_have_read() {
        assert_eq!(Role::MoneyBroker.spelt(), "money broker");
        assert_eq!(GroupStatus::InTransit.spelt(), "in transit");
        assert_eq!(Mode::Sea.spelt(), "sea");
        assert_eq!(TieKind::Communication.spelt(), "communication");
    }

    #[test]
    fn views_spell_their_enums_as_before_on_the_wire() {
        let leg = crate::view::LegView {
            from: "Kota Seri".into(),
            to: "Karang Strait".into(),
            mode: Mode::Sea,
            flag: None,
        };
        assert_eq!(
            serde_json::to_string(&leg).expect("encodes"),
            r#"{"from":"Kota Seri","to":"Karang Strait","mode":"sea"}"#
        );
        let link = crate::view::LinkView {
            a: "rahim".into(),
            b: "x-00ff00ff".into(),
            kind: Some(TieKind::Finance),
        };
        let json = serde_json::to_string(&link).expect("encodes");
        assert_eq!(json, r#"{"a":"rahim","b":"x-00ff00ff","kind":"finance"}"#);
        let back: crate::view::LinkView = serde_json::from_str(&json).expect("decodes");
        assert_eq!(back, link);
        let unknown = serde_json::from_str::<crate::view::LinkView>(
            r#"{"a":"a","b":"b","kind":"friendship"}"#,
        );
        assert!(unknown.is_err(), "an unknown spelling is refused");
    }
}
