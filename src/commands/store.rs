//! The store as the app sees it: made, unlocked, encrypted, signed in.

use std::path::Path;

use crate::access::{self, User};
use crate::audit::{self};
use crate::error::{Error, Result};
use crate::intake::{self, AppMode};
use crate::store::Store;

/// What the app shows before anything else: the store file it will use and
/// whether it must be made, unlocked or encrypted first.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct StoreStatus {
    pub path: String,
    pub file: crate::store::FileState,
    /// Unlocked in this app: the other screens can be used.
    pub open: bool,
    /// The store has users and nobody signed in yet.
    pub sign_in_required: bool,
    pub user: Option<User>,
    /// What the screens may offer: the commands the core would allow this
    /// user now. A button, menu item or panel is shown from this list only.
    pub commands: Vec<super::Command>,
    /// The app locks itself after this many minutes without use.
    pub idle_lock_minutes: u32,
    /// The store file is damaged: what to say, and the backup to put back.
    pub damage: Option<crate::store::health::Damage>,
    /// A recovery key just made: shown once, in the answer that made it.
    pub recovery_key: Option<String>,
    /// The open store has a recovery key (a store from before has none yet).
    pub has_recovery_key: bool,
}

/// `store`: the open store, if any.
pub fn store_status(path: &Path, store: Option<&Store>) -> Result<StoreStatus> {
    let Some(store) = store else {
        return Ok(StoreStatus {
            path: path.display().to_string(),
            file: crate::store::file_state(path)?,
            open: false,
            sign_in_required: false,
            user: None,
            commands: super::Command::ALL.iter().copied().filter(|c| c.area().is_none()).collect(),
            idle_lock_minutes: 10,
            damage: None,
            recovery_key: None,
            has_recovery_key: false,
        });
    };
    // An open store is encrypted: it is not looked at again while in use.
    Ok(StoreStatus {
        path: path.display().to_string(),
        file: crate::store::FileState::Encrypted,
        open: true,
        sign_in_required: store.sign_in_required(),
        user: store.user().cloned(),
        commands: super::Command::ALL
            .iter()
            .copied()
            .filter(|c| c.area().is_none_or(|area| store.require(area).is_ok()))
            // With users the role decides whose work this is: no separate mode to set.
            .filter(|c| !(store.has_users() && *c == super::Command::set_mode))
            .collect(),
        idle_lock_minutes: access::idle_lock_minutes(store.conn())?,
        damage: None,
        recovery_key: None,
        has_recovery_key: crate::store::recovery::has_key(store.conn())?,
    })
}

/// Signs a user in (a store with users), and says what they may use.
pub fn sign_in(store: &mut Store, name: &str, password: &str) -> Result<StoreStatus> {
    store.sign_in(name, password)?;
    let path = store.path().to_path_buf();
    store_status(&path, Some(store))
}

/// The first start: a new store, encrypted with a passphrase typed twice.
pub fn create_store(path: &Path, passphrase: &str, repeat: &str) -> Result<Store> {
    if crate::store::file_state(path)? != crate::store::FileState::Missing {
        return Err(Error::Invalid(format!(
            "Er is al een opslag in {}; open die met zijn wachtwoordzin.",
            path.display()
        )));
    }
    let passphrase = crate::store::Passphrase::new_checked(passphrase, repeat)?;
    acting_in_app(crate::bootstrap::ready(Store::open(path, &passphrase)?)?)
}

/// The person at the app, for the audit trail: the director, or on a
/// consultant's laptop the consultant. (One person per laptop until the
/// store has users of its own.)
pub(super) fn acting_in_app(store: Store) -> Result<Store> {
    let who = match intake::get_mode(store.conn())? {
        AppMode::Director => "regisseur",
        AppMode::Consultant => "consulent",
    };
    audit::set_actor(store.conn(), who, "")?;
    Ok(store)
}

/// Opens the encrypted store; a wrong passphrase is `Error::Locked`.
pub fn unlock_store(path: &Path, passphrase: &str) -> Result<Store> {
    let passphrase = crate::store::Passphrase::existing(passphrase)?;
    acting_in_app(crate::bootstrap::ready(Store::open(path, &passphrase)?)?)
}

/// A store from before encryption: encrypts it (and its backups) with a new
/// passphrase typed twice, then opens it.
pub fn encrypt_store(path: &Path, passphrase: &str, repeat: &str) -> Result<Store> {
    let passphrase = crate::store::Passphrase::new_checked(passphrase, repeat)?;
    crate::store::key::encrypt_store_and_backups(path, &passphrase)?;
    acting_in_app(crate::bootstrap::ready(Store::open(path, &passphrase)?)?)
}
