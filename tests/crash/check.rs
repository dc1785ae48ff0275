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
