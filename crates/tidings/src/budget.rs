//! How much of a batch may be in memory at once, when several threads
//! extract it.
//!
//! Extracting a dump takes a few times its size in memory, and a document
//! waits, encoded, until every input before it is written. Counting the
//! inputs in flight bounds memory only while they are small: two 20 MB
//! dumps side by side cost as much as a thousand small ones. So the inputs
//! in flight are bounded twice: by count, which bounds the per-input
//! overhead, and by their bytes, which bounds the rest.
//!
//! A dump larger than the byte budget still runs, never beside another
//! large one: it is charged the budget less a reserve, and the reserve
//! keeps the other threads busy with small dumps meanwhile.

use std::sync::{Condvar, Mutex, MutexGuard};

/// The bounds of a [`Budget`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Limits {
    /// Most inputs in flight.
    pub items: usize,
    /// Most input bytes in flight, as charged (see [`Limits::charge`]).
    pub bytes: u64,
    /// The part of `bytes` that a large input leaves to small ones.
    pub reserve: u64,
}

impl Limits {
    /// What an input of `bytes` counts against the budget: its size, but
    /// no more than the budget less the reserve.
    pub(crate) fn charge(&self, bytes: u64) -> u64 {
        bytes.min(self.bytes.saturating_sub(self.reserve))
    }

    /// Whether an input charged `charge` fits beside what is in flight.
    fn fits(&self, in_flight: &InFlight, charge: u64) -> bool {
        in_flight.items < self.items
            && (in_flight.items == 0 || in_flight.bytes + charge <= self.bytes)
    }
}

#[derive(Debug, Default)]
struct InFlight {
    items: usize,
    bytes: u64,
    /// Set when the batch stops early: nothing more is admitted.
    closed: bool,
}

/// Inputs in flight, shared by the thread that reads them and the thread
/// that writes their documents.
#[derive(Debug)]
pub(crate) struct Budget {
    limits: Limits,
    in_flight: Mutex<InFlight>,
    changed: Condvar,
}

impl Budget {
    pub(crate) fn new(limits: Limits) -> Budget {
        Budget {
            limits,
            in_flight: Mutex::new(InFlight::default()),
            changed: Condvar::new(),
        }
    }

    pub(crate) fn limits(&self) -> Limits {
        self.limits
    }

    /// Waits until an input charged `charge` fits, and counts it in
    /// flight; false when the batch was closed meanwhile.
    pub(crate) fn admit(&self, charge: u64) -> bool {
        let mut in_flight = self.lock();
        while !in_flight.closed && !self.limits.fits(&in_flight, charge) {
            in_flight = match self.changed.wait(in_flight) {
                Ok(guard) => guard,
                // Another thread panicked holding the lock: the scope
                // will report it; stop admitting.
                Err(_) => return false,
            };
        }
        if in_flight.closed {
            return false;
        }
        in_flight.items += 1;
        in_flight.bytes += charge;
        true
    }

    /// An input charged `charge` has left: its document was written.
    pub(crate) fn release(&self, charge: u64) {
        let mut in_flight = self.lock();
        in_flight.items = in_flight.items.saturating_sub(1);
        in_flight.bytes = in_flight.bytes.saturating_sub(charge);
        self.changed.notify_all();
    }

    /// Admits nothing more, and wakes a reader waiting to be admitted.
    pub(crate) fn close(&self) {
        self.lock().closed = true;
        self.changed.notify_all();
    }

    fn lock(&self) -> MutexGuard<'_, InFlight> {
        // The counts stay consistent under a panic elsewhere: each update
        // is a single step while the lock is held.
        self.in_flight
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: Limits = Limits {
        items: 4,
        bytes: 100,
        reserve: 30,
    };

    fn in_flight(items: usize, bytes: u64) -> InFlight {
        InFlight {
            items,
            bytes,
            closed: false,
        }
    }

    #[test]
    fn large_inputs_are_charged_the_budget_less_the_reserve() {
        assert_eq!(LIMITS.charge(10), 10);
        assert_eq!(LIMITS.charge(70), 70);
        assert_eq!(LIMITS.charge(5_000), 70);
    }

    #[test]
    fn small_inputs_run_beside_a_large_one_but_two_large_ones_never_meet() {
        let large = LIMITS.charge(5_000);
        assert!(LIMITS.fits(&in_flight(0, 0), large));
        assert!(LIMITS.fits(&in_flight(1, large), 30));
        assert!(!LIMITS.fits(&in_flight(1, large), 31));
        assert!(!LIMITS.fits(&in_flight(1, large), large));
        assert!(!LIMITS.fits(&in_flight(1, 40), large));
    }

    #[test]
    fn count_bounds_small_inputs_and_anything_runs_alone() {
        assert!(!LIMITS.fits(&in_flight(4, 4), 1));
        assert!(LIMITS.fits(&in_flight(3, 3), 1));
        let unlimited_items = Limits {
            reserve: 100,
            ..LIMITS
        };
        // A budget all reserve charges nothing for a large input.
        assert_eq!(unlimited_items.charge(5_000), 0);
        assert!(LIMITS.fits(&in_flight(0, 0), 1_000_000));
    }

    #[test]
    fn admission_waits_for_a_release_and_stops_when_closed() {
        let budget = Budget::new(LIMITS);
        assert!(budget.admit(70));
        assert!(budget.admit(30));
        std::thread::scope(|scope| {
            let waiting = scope.spawn(|| budget.admit(70));
            budget.release(70);
            assert!(waiting.join().unwrap());
        });
        std::thread::scope(|scope| {
            let waiting = scope.spawn(|| budget.admit(70));
            budget.close();
            assert!(!waiting.join().unwrap());
        });
        assert!(!budget.admit(1));
    }
}
