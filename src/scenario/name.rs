//! Names a scenario writes bare, like the variants of a closed list, for
//! kinds the scenario itself may add to: kinds of agency, indicators.
//! RON reads and writes them bare (`agency: Police`); JSON and postcard as
//! strings.

use std::borrow::Cow;

use serde::{Deserializer, Serializer};

/// Whether a name can be written bare in RON: a letter, then letters,
/// digits and underscores.
pub fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Whether a scenario can use the name for a kind of its own: an identifier
/// that RON does not read as a value of its own (`Some`, `None`, `true`,
/// `false`).
pub fn is_free_name(name: &str) -> bool {
    is_identifier(name) && !matches!(name, "Some" | "None" | "true" | "false")
}

pub(super) fn serialize<S: Serializer>(name: &str, serializer: S) -> Result<S::Ok, S::Error> {
    use serde::Serialize;
    // RON writes a raw value verbatim, so the name goes out bare as it was
    // read; JSON writes the same value as a string.
    if serializer.is_human_readable() && is_identifier(name) {
        match ron::value::RawValue::from_ron(name) {
            Ok(raw) => raw.serialize(serializer),
            Err(_) => serializer.serialize_str(name),
        }
    } else {
        serializer.serialize_str(name)
    }
}

pub(super) fn deserialize<'de, D: Deserializer<'de>>(
    deserializer: D,
    expecting: &'static str,
) -> Result<Cow<'static, str>, D::Error> {
    struct Name(&'static str);
    impl serde::de::Visitor<'_> for Name {
        type Value = Cow<'static, str>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str(self.0)
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Cow::Owned(v.to_string()))
        }
    }
    // RON reads a bare name as an identifier; JSON reads it as a string.
    if deserializer.is_human_readable() {
        deserializer.deserialize_identifier(Name(expecting))
    } else {
        deserializer.deserialize_str(Name(expecting))
    }
}

/// A name type: `$name(Cow<'static, str>)` with `new`, `as_str`,
/// `is_identifier`, `Display`, a `Debug` that shows the bare name, and the
/// serde of this module.
macro_rules! bare_name {
    ($(#[$meta:meta])* $name:ident, $expecting:literal) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(std::borrow::Cow<'static, str>);

        impl $name {
            /// A value of this name.
            pub fn new(name: impl Into<String>) -> $name {
                $name(std::borrow::Cow::Owned(name.into()))
            }

            const fn builtin(name: &'static str) -> $name {
                $name(std::borrow::Cow::Borrowed(name))
            }

            /// The name as written in a scenario.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// Whether a scenario can use the name for a kind of its own.
            pub fn is_free_name(&self) -> bool {
                crate::scenario::name::is_free_name(&self.0)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                crate::scenario::name::serialize(&self.0, s)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                crate::scenario::name::deserialize(d, $expecting).map($name)
            }
        }
    };
}

pub(crate) use bare_name;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_that_ron_can_write_bare_are_identifiers() {
        assert!(is_identifier("Coast_Guard2"));
        for bad in ["", "2Police", "Border Guard", "Polícia"] {
            assert!(!is_identifier(bad), "{bad}");
        }
    }
}
