//! Dense indices into the scenario's lists, one type per list, so that a
//! team's index cannot be used where a country's is meant. On the wire and
//! in snapshots each is the bare number it wraps.

use std::fmt;
use std::ops::{Index, IndexMut};

use serde::{Deserialize, Serialize};

macro_rules! index_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub usize);

        impl $name {
            /// The position in the scenario's list.
            pub const fn index(self) -> usize {
                self.0
            }

            /// Every index of a list of `len` entries, in order.
            pub fn all(len: usize) -> impl DoubleEndedIterator<Item = $name> + Clone {
                (0..len).map($name)
            }
        }

        impl From<$name> for usize {
            fn from(ix: $name) -> usize {
                ix.0
            }
        }

        impl From<usize> for $name {
            fn from(ix: usize) -> $name {
                $name(ix)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl<T> Index<$name> for [T] {
            type Output = T;
            fn index(&self, ix: $name) -> &T {
                &self[ix.0]
            }
        }

        impl<T> IndexMut<$name> for [T] {
            fn index_mut(&mut self, ix: $name) -> &mut T {
                &mut self[ix.0]
            }
        }

        impl<T> Index<$name> for Vec<T> {
            type Output = T;
            fn index(&self, ix: $name) -> &T {
                &self[ix.0]
            }
        }

        impl<T> IndexMut<$name> for Vec<T> {
            fn index_mut(&mut self, ix: $name) -> &mut T {
                &mut self[ix.0]
            }
        }
    };
}

index_type!(
    /// Index of a country in the scenario's list.
    CountryIx
);
index_type!(
    /// Index of a team in the scenario's list.
    TeamIx
);
index_type!(
    /// Index of an actor in the scenario's list.
    ActorIx
);
index_type!(
    /// Index of a route in the scenario's list.
    RouteIx
);
index_type!(
    /// Index of a place in the scenario's list.
    PlaceIx
);

#[cfg(test)]
mod tests {
    use super::*;

    /// Snapshots and the wire carry the bare number: wrapping the indices
    /// must not move a state hash or a client's reading.
    #[test]
    fn an_index_encodes_as_the_number_it_wraps() {
        let wrapped = postcard::to_allocvec(&(TeamIx(3), Some(ActorIx(300)))).unwrap();
        let bare = postcard::to_allocvec(&(3usize, Some(300usize))).unwrap();
        assert_eq!(wrapped, bare);
        assert_eq!(serde_json::to_string(&RouteIx(7)).unwrap(), "7");
        assert_eq!(serde_json::from_str::<PlaceIx>("2").unwrap(), PlaceIx(2));
    }

    #[test]
    fn indexing_a_list_by_its_index_type() {
        let mut names = vec!["a", "b", "c"];
        names[CountryIx(1)] = "z";
        assert_eq!(names[CountryIx(1)], "z");
        assert_eq!(names.as_slice()[CountryIx(2)], "c");
        assert_eq!(
            CountryIx::all(3).collect::<Vec<_>>(),
            [CountryIx(0), CountryIx(1), CountryIx(2)]
        );
    }
}
