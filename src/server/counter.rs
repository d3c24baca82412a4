//! The per-machine session counters kept in memory, as the production backend keeps them, and
//! the per-machine lock that makes the limit check and the session insert one step.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::OwnedMutexGuard;

/// In-memory session counters, one per machine id. They start at 0 on every start and drift from
/// the database exactly as the production counters do.
#[derive(Debug)]
pub struct Counters {
    limit: u32,
    counts: Mutex<HashMap<String, u32>>,
    // NOTE: one lock per machine id ever seen, never removed, so the map grows with the number of machines.
    creation_locks: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
}

impl Counters {
    /// Creates empty counters. A machine whose counter reaches `limit` gets no new session.
    pub fn new(limit: u32) -> Self {
        Self {
            limit,
            counts: Mutex::new(HashMap::new()),
            creation_locks: Mutex::new(HashMap::new()),
        }
    }

    /// Returns the session limit per machine.
    pub fn limit(&self) -> u32 {
        self.limit
    }

    /// Returns the counter of `machine_id` (0 for a machine never counted).
    pub fn get(&self, machine_id: &str) -> u32 {
        self.counts().get(machine_id).copied().unwrap_or(0)
    }

    /// Returns true when `machine_id` has reached the session limit.
    pub fn is_full(&self, machine_id: &str) -> bool {
        self.get(machine_id) >= self.limit
    }

    /// Adds one to the counter of `machine_id`.
    pub fn increment(&self, machine_id: &str) {
        *self.counts().entry(machine_id.to_owned()).or_insert(0) += 1;
    }

    /// Subtracts `amount` from the counter of `machine_id`, stopping at 0.
    pub fn decrement(&self, machine_id: &str, amount: u32) {
        if let Some(count) = self.counts().get_mut(machine_id) {
            *count = count.saturating_sub(amount);
        }
    }

    /// Sets the counter of `machine_id` to `value` and returns the old value.
    pub fn set(&self, machine_id: &str, value: u32) -> u32 {
        self.counts()
            .insert(machine_id.to_owned(), value)
            .unwrap_or(0)
    }

    /// Waits for the session-creation lock of `machine_id`. Holding it across the limit check and
    /// the insert keeps concurrent creations from all passing the check.
    pub async fn lock_creation(&self, machine_id: &str) -> OwnedMutexGuard<()> {
        let lock = {
            let mut locks = self
                .creation_locks
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            Arc::clone(locks.entry(machine_id.to_owned()).or_default())
        };
        lock.lock_owned().await
    }

    fn counts(&self) -> MutexGuard<'_, HashMap<String, u32>> {
        // A panic while holding the lock cannot leave the map half-updated: every change is one
        // insert or one assignment.
        self.counts
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decrement_stops_at_zero() {
        let counters = Counters::new(5);
        counters.increment("VM001");
        counters.decrement("VM001", 3);
        assert_eq!(counters.get("VM001"), 0);
    }

    #[test]
    fn set_returns_old_value() {
        let counters = Counters::new(5);
        counters.increment("VM001");
        assert_eq!(counters.set("VM001", 0), 1);
    }
}
