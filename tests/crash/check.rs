//! What every killed run must leave: a store that opens with a passphrase
//! it could have, passes SQLite's integrity check, and has a whole audit chain.

use std::path::Path;

use respijt::store::Passphrase;
use respijt::Store;

use super::kill::Round;

/// The store at `db` opened with `passphrase`, or `None` when that is not its passphrase.
pub fn open_with(db: &Path, passphrase: &str) -> Option<Store> {
    match Store::open(db, &Passphrase::existing(passphrase).unwrap()) {
        Ok(store) => Some(store),
        Err(respijt::Error::Locked(_)) => None,
        Err(other) => panic!("the store does not open: {other}"),
    }
}

/// Opens the store with the test passphrase and checks that it is whole.
pub fn whole(db: &Path, round: &Round) -> Store {
    let store = open_with(db, super::common::PASSPHRASE)
        .unwrap_or_else(|| panic!("{round}: the store no longer opens with its passphrase"));
    is_whole(&store, round);
    store
}

/// SQLite's integrity check passes and the audit chain is unbroken.
pub fn is_whole(store: &Store, round: &Round) {
    let check: String = store.conn().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok", "{round}: integrity check");
    let chain = respijt::audit::verify(store.conn()).unwrap();
    assert_eq!(chain.first_broken, None, "{round}: the audit trail is whole");
}

/// Audit lines with this action code.
pub fn audit_lines(store: &Store, action: respijt::audit::AuditAction) -> i64 {
    store.conn().query_row("SELECT COUNT(*) FROM audit_entry WHERE action = ?1", [action.code()], |r| r.get(0)).unwrap()
}

/// One ledger entry as the funding figures see it: without its row number
/// and the moment it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub session: i64,
    pub caregiver: i64,
    pub funder: String,
    pub service_date: String,
    pub booking_date: String,
    pub cents: i64,
    pub minutes: i64,
    pub cap_days: i64,
    pub kind: String,
    pub frozen: bool,
}

/// Every ledger entry, in one order.
pub fn ledger(store: &Store) -> Vec<Entry> {
    let mut stmt = store
        .conn()
        .prepare(
            "SELECT session_id, caregiver_id, funder, service_date, booking_date, cents, minutes, cap_days, kind, frozen
               FROM ledger_entry
              ORDER BY session_id, funder, booking_date, kind, cents, minutes, cap_days, frozen",
        )
        .unwrap();
    let rows = stmt.query_map([], |r| {
        Ok(Entry {
            session: r.get(0)?,
            caregiver: r.get(1)?,
            funder: r.get(2)?,
            service_date: r.get(3)?,
            booking_date: r.get(4)?,
            cents: r.get(5)?,
            minutes: r.get(6)?,
            cap_days: r.get(7)?,
            kind: r.get(8)?,
            frozen: r.get(9)?,
        })
    });
    rows.unwrap().map(Result::unwrap).collect()
}

/// The closed periods: label, first and last day, when closed.
pub fn closed_periods(store: &Store) -> Vec<(String, String, String, String)> {
    let mut stmt =
        store.conn().prepare("SELECT label, first_day, last_day, closed_at FROM closed_period ORDER BY id").unwrap();
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)));
    rows.unwrap().map(Result::unwrap).collect()
}
