//! Randomness keyed by purpose.
//!
//! Every draw comes from its own ChaCha stream keyed by (seed, turn, purpose,
//! entity), so a change to one order in a branch moves only the draws that
//! depend on it: the common random numbers a fair "what if" needs.

use bevy_ecs::prelude::Resource;
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};

/// Why a draw is made; part of its key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u16)]
pub enum Purpose {
    Success = 1,
    TipOff = 2,
    Leak = 3,
    Reveal = 4,
    Court = 5,
    Replace = 6,
    Recruit = 7,
    Trafficked = 8,
    Hazard = 9,
    Casualties = 10,
    Signal = 11,
    Rescue = 12,
    Retraffic = 13,
    GoDark = 14,
    Screening = 15,
    Encounter = 16,
    Bot = 17,
    Testimony = 18,
    Inspection = 19,
    Resale = 20,
    Stranded = 21,
}

/// The exercise seed, from which every draw is derived.
#[derive(Resource, Debug, Clone, Copy)]
pub struct Seed(pub u64);

/// One stream of draws for one key.
pub struct Draw(ChaCha8Rng);

impl Seed {
    /// The stream for (turn, purpose, entity); `salt` separates several draws
    /// for one entity that must not share numbers (e.g. the team acting).
    pub fn draw(&self, turn: u32, purpose: Purpose, entity: u64, salt: u64) -> Draw {
        let mut key = [0u8; 32];
        key[0..8].copy_from_slice(&self.0.to_le_bytes());
        key[8..12].copy_from_slice(&turn.to_le_bytes());
        key[12..14].copy_from_slice(&(purpose as u16).to_le_bytes());
        key[16..24].copy_from_slice(&entity.to_le_bytes());
        key[24..32].copy_from_slice(&salt.to_le_bytes());
        let seed = *blake3::hash(&key).as_bytes();
        Draw(ChaCha8Rng::from_seed(seed))
    }

    /// A one-off percent roll: true with probability `percent`/100.
    pub fn chance(
        &self,
        turn: u32,
        purpose: Purpose,
        entity: u64,
        salt: u64,
        percent: u32,
    ) -> bool {
        self.draw(turn, purpose, entity, salt).chance(percent)
    }
}

impl Draw {
    /// A uniform integer in `0..n` (0 when n is 0), without modulo bias.
    pub fn below(&mut self, n: u32) -> u32 {
        if n == 0 {
            return 0;
        }
        let zone = u32::MAX - (u32::MAX % n);
        loop {
            let x = self.0.next_u32();
            if x < zone {
                return x % n;
            }
        }
    }

    /// True with probability `percent`/100 (clamped to 0–100).
    pub fn chance(&mut self, percent: u32) -> bool {
        self.below(100) < percent.min(100)
    }

    /// True with probability `permille`/1000.
    pub fn chance_permille(&mut self, permille: u32) -> bool {
        self.below(1000) < permille.min(1000)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_key_same_numbers_other_key_other_numbers() {
        let s = Seed(42);
        let a: Vec<u32> = (0..8)
            .map(|_| 0)
            .scan(s.draw(3, Purpose::Success, 7, 0), |d, _| {
                Some(d.below(1000))
            })
            .collect();
        let b: Vec<u32> = (0..8)
            .map(|_| 0)
            .scan(s.draw(3, Purpose::Success, 7, 0), |d, _| {
                Some(d.below(1000))
            })
            .collect();
        let c: Vec<u32> = (0..8)
            .map(|_| 0)
            .scan(s.draw(3, Purpose::Success, 8, 0), |d, _| {
                Some(d.below(1000))
            })
            .collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn chance_is_roughly_fair() {
        let s = Seed(1);
        let hits = (0..10_000u64)
            .filter(|&e| s.chance(1, Purpose::Hazard, e, 0, 30))
            .count();
        assert!((2_700..3_300).contains(&hits), "{hits}");
        assert!(!(0..100u64).any(|e| s.chance(1, Purpose::Hazard, e, 0, 0)));
        assert!((0..100u64).all(|e| s.chance(1, Purpose::Hazard, e, 0, 100)));
    }
}
