//! What the desktop app asks of the core.
//!
//! `surface` declares every command once (name, arguments, result, the area
//! it needs) and dispatches the app's calls; the functions of the area
//! modules below take the store and "now" and return what the screen shows
//! next, so the CLI and the tests use them without a window.

mod admin;
mod app;
mod export;
mod funding;
mod handover;
mod import;
mod intake;
mod letter;
mod planning;
mod register;
mod request;
mod store;
pub mod surface;

pub use admin::*;
pub use export::*;
pub use funding::*;
pub use handover::*;
pub use import::*;
pub use intake::*;
pub use letter::*;
pub use planning::*;
pub use register::*;
pub use request::*;
pub use store::*;
pub use surface::{App, Command};

use chrono::{DateTime, Utc};

use crate::access::{self, Role};
use crate::audit::{self, AuditAction};
use crate::error::Result;
use crate::store::Store;

/// A change of a dossier, recorded in the same transaction as the change.
pub(crate) fn changed<T>(
    store: &Store,
    caregiver_id: i64,
    what: &str,
    now: DateTime<Utc>,
    f: impl FnOnce() -> Result<T>,
) -> Result<T> {
    audited(store, AuditAction::DossierChanged, caregiver_id, what, now, f)
}

/// Runs `f` and records `action` in one savepoint: a refused change records nothing.
pub(crate) fn audited<T>(
    store: &Store,
    action: AuditAction,
    caregiver_id: i64,
    what: &str,
    now: DateTime<Utc>,
    f: impl FnOnce() -> Result<T>,
) -> Result<T> {
    crate::store::in_savepoint(store.conn(), "audited", || {
        let value = f()?;
        audit::record(store.conn(), action, Some(caregiver_id), what, now)?;
        Ok(value)
    })
}

/// For a consultant, only the items about their own caseload; for others all.
pub(crate) fn own_caseload<T>(store: &Store, items: Vec<T>, caregiver_of: impl Fn(&T) -> i64) -> Result<Vec<T>> {
    let Some(user) = store.user().filter(|u| u.role == Role::Consultant) else { return Ok(items) };
    let mut mine = Vec::with_capacity(items.len());
    for item in items {
        if access::in_caseload(store.conn(), user.id, caregiver_of(&item))? {
            mine.push(item);
        }
    }
    Ok(mine)
}
