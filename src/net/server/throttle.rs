//! The wrong-code slowdown: repeated wrong codes from one (address, team)
//! wait longer and longer before they are checked.

use std::collections::BTreeMap;
use std::net::IpAddr;
use std::time::{Duration, Instant};

/// A (address, team) that has not failed for this long starts afresh.
const FORGET_FAILURES: Duration = Duration::from_secs(15 * 60);

/// Repeated wrong codes from one (address, team): how often and until when to wait.
pub(super) struct Strikes {
    pub(super) failures: u32,
    pub(super) next_try: Instant,
}

/// The wrong-code slowdown, per (peer address, team), at the handshake only.
/// Many teams may share one address (participants joining through ssh on the
/// server's host), so one team's failures never slow another team.
pub(super) struct Throttle {
    pub(super) strikes: BTreeMap<(IpAddr, usize), Strikes>,
    pub(super) first: Duration,
    pub(super) max: Duration,
}

impl Throttle {
    /// The wait after `failures` failures: doubling, capped.
    fn delay(&self, failures: u32) -> Duration {
        let doublings = failures.saturating_sub(1).min(20);
        self.first.saturating_mul(1 << doublings).min(self.max)
    }

    /// How long an attempt must wait before its code is checked, reserving its
    /// turn so parallel attempts are spaced too; an error when the queue for
    /// this (address, team) is already longer than the longest delay.
    pub(super) fn admit(
        &mut self,
        key: (IpAddr, usize),
        at: Instant,
    ) -> Result<Duration, Duration> {
        let Some(s) = self.strikes.get(&key) else {
            return Ok(Duration::ZERO);
        };
        let start = s.next_try.max(at);
        let wait = start - at;
        if wait > self.max {
            return Err(wait);
        }
        let step = self.delay(s.failures);
        if let Some(s) = self.strikes.get_mut(&key) {
            s.next_try = start + step;
        }
        Ok(wait)
    }

    /// Record a wrong code; the wait now imposed on the next attempt.
    pub(super) fn fail(&mut self, key: (IpAddr, usize), at: Instant) -> Duration {
        self.strikes
            .retain(|_, s| at.saturating_duration_since(s.next_try) < FORGET_FAILURES);
        let failures = self.strikes.get(&key).map_or(0, |s| s.failures) + 1;
        let wait = self.delay(failures);
        let next_try = self
            .strikes
            .get(&key)
            .map_or(at + wait, |s| s.next_try.max(at + wait));
        self.strikes.insert(key, Strikes { failures, next_try });
        wait
    }

    /// A right code: that (address, team) starts afresh.
    pub(super) fn clear(&mut self, key: (IpAddr, usize)) {
        self.strikes.remove(&key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::server::now;

    fn throttle() -> Throttle {
        Throttle {
            strikes: BTreeMap::new(),
            first: Duration::from_millis(250),
            max: Duration::from_secs(2),
        }
    }

    const HOST: IpAddr = IpAddr::V4(std::net::Ipv4Addr::LOCALHOST);
    const MS: Duration = Duration::from_millis(1);

    #[test]
    fn wrong_codes_wait_longer_and_longer_up_to_the_cap() {
        let mut t = throttle();
        let t0 = now();
        let waits: Vec<u128> = (0..6).map(|_| t.fail((HOST, 0), t0).as_millis()).collect();
        assert_eq!(waits, [250, 500, 1000, 2000, 2000, 2000]);
    }

    #[test]
    fn one_teams_failures_never_slow_another_team_from_the_same_address() {
        let mut t = throttle();
        let t0 = now();
        for _ in 0..5 {
            t.fail((HOST, 0), t0);
        }
        assert_eq!(t.admit((HOST, 1), t0), Ok(Duration::ZERO));
        let other = IpAddr::V4(std::net::Ipv4Addr::new(10, 0, 0, 7));
        assert_eq!(t.admit((other, 0), t0), Ok(Duration::ZERO));
        assert_eq!(t.admit((HOST, 0), t0), Ok(2000 * MS));
    }

    #[test]
    fn parallel_attempts_are_spaced_and_a_long_queue_is_refused() {
        let mut t = throttle();
        let t0 = now();
        t.fail((HOST, 0), t0);
        t.fail((HOST, 0), t0);
        // Two failures: each attempt waits its turn, 500 ms apart.
        let waits: Vec<_> = (0..6).map(|_| t.admit((HOST, 0), t0)).collect();
        assert_eq!(
            waits,
            [
                Ok(500 * MS),
                Ok(1000 * MS),
                Ok(1500 * MS),
                Ok(2000 * MS),
                Err(2500 * MS),
                Err(2500 * MS)
            ]
        );
    }

    #[test]
    fn a_right_code_starts_afresh() {
        let mut t = throttle();
        let t0 = now();
        for _ in 0..3 {
            t.fail((HOST, 0), t0);
        }
        t.clear((HOST, 0));
        assert_eq!(t.admit((HOST, 0), t0), Ok(Duration::ZERO));
        assert_eq!(t.fail((HOST, 0), t0), 250 * MS);
    }

    #[test]
    fn old_failures_are_forgotten() {
        let mut t = throttle();
        let t0 = now();
        t.fail((HOST, 0), t0);
        let later = t0 + FORGET_FAILURES + Duration::from_secs(1);
        t.fail((HOST, 1), later);
        assert!(!t.strikes.contains_key(&(HOST, 0)));
    }
}
