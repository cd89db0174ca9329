//! Time and ids are passed in, so the engine and the store are deterministic in tests.

use chrono::{DateTime, Utc};
use std::sync::atomic::{AtomicU64, Ordering};
use uuid::Uuid;

/// Where the current time and fresh ids come from.
pub trait Clock: Send + Sync {
    /// The current instant.
    fn now(&self) -> DateTime<Utc>;
    /// A fresh unique id.
    fn new_id(&self) -> Uuid;
}

/// The real clock and random v4 ids.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
    fn new_id(&self) -> Uuid {
        Uuid::new_v4()
    }
}

/// A clock for tests: a fixed start that advances one second per call, and counting ids.
#[derive(Debug)]
pub struct FixedClock {
    start: DateTime<Utc>,
    ticks: AtomicU64,
}

impl FixedClock {
    /// A clock starting at `start`.
    pub fn new(start: DateTime<Utc>) -> Self {
        FixedClock {
            start,
            ticks: AtomicU64::new(0),
        }
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        let t = self.ticks.fetch_add(1, Ordering::SeqCst);
        self.start + chrono::Duration::seconds(t as i64)
    }
    fn new_id(&self) -> Uuid {
        let t = self.ticks.fetch_add(1, Ordering::SeqCst);
        Uuid::from_u128(0x5a1e_0000_0000_4000_8000_0000_0000_0000 | u128::from(t))
    }
}
