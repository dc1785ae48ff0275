//! The allocation ledger. Re-allocation computes a year afresh with the
//! engine and writes only what changed: entries booked in open periods are
//! drafts and are replaced; entries booked in a closed (reported) period are
//! frozen, and a change to them becomes a reverse-and-replace pair of
//! `correctie` entries booked on the first open day.
//!
//! `reallocate` reads what the engine needs and what the ledger holds,
//! `diff` writes the difference, `totals` keeps the sums per month and per
//! caregiver's cap, and `periods` knows which days are closed.

mod diff;
mod periods;
mod reallocate;
mod totals;

pub use periods::{close_period, correction_date};
pub use reallocate::{reallocate_from, reallocate_year};
pub(crate) use totals::Totals;

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ReallocationReport {
    pub year: i32,
    pub sessions: usize,
    /// Sessions whose entries changed.
    pub changed: usize,
    /// Sessions corrected with a reverse-and-replace pair (closed periods).
    pub corrected: usize,
    /// Delivered sessions without a tariff on their date: cost 0 until one is set.
    pub without_tariff: usize,
}
