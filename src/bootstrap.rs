//! What a store needs before the app or the CLI first uses it: the region's
//! municipalities and postcodes, and the example providers of a new store.
//! Opening a store (`Store::open`) only opens and migrates it; the callers
//! that put a store to use (unlocking in the app, the CLI, the demo) take
//! this step, so storage is testable on its own and imports nothing above it.

use crate::error::Result;
use crate::store::Store;

/// Seeds what is missing (both steps are no-ops on a store that has them)
/// and hands the store back.
pub fn ready(store: Store) -> Result<Store> {
    crate::region::seed_default_if_empty(&store)?;
    crate::insurer::seed_default_if_empty(&store)?;
    crate::provider::seed_examples_if_new(store.conn(), seed_time())?;
    Ok(store)
}

/// Seed data carries a fixed timestamp: it is the same in every new store.
fn seed_time() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(1_767_225_600, 0).unwrap_or_default() // 2026-01-01T00:00:00Z
}
