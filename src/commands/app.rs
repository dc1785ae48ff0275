//! The app's hold on its store: the file it uses, the store once unlocked,
//! and the work that runs beside it (the day's backup, the page check).
//! The gate's commands (make, unlock, recover, repair, lock) live here; the
//! shell keeps one `App` behind a lock and hands it to `surface::dispatch`.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use chrono::{DateTime, Utc};

use super::StoreStatus;
use crate::audit::{self, AuditAction};
use crate::error::{Error, Result};
use crate::store::health::{self, Damage};
use crate::store::{recovery, Passphrase, Store};

/// What the desktop app holds: the store file it uses and, once unlocked,
/// the open store. The shell keeps one behind a lock and hands it to
/// `dispatch` with the clock's "now".
pub struct App {
    path: PathBuf,
    store: Option<Store>,
    /// Found damaged at unlock or by the check beside the start.
    damage: Arc<Mutex<Option<Damage>>>,
    /// The work beside the start, and how to stop it when the app closes.
    upkeep: Option<JoinHandle<()>>,
    stop: Arc<AtomicBool>,
}

impl App {
    /// The app on the store file at `path`, still locked.
    pub fn new(path: PathBuf) -> App {
        App { path, store: None, damage: Arc::default(), upkeep: None, stop: Arc::new(AtomicBool::new(false)) }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub(super) fn store(&self) -> Result<&Store> {
        self.store.as_ref().ok_or_else(locked)
    }

    pub(super) fn store_mut(&mut self) -> Result<&mut Store> {
        self.store.as_mut().ok_or_else(locked)
    }

    /// What the screens may show now.
    pub fn status(&self) -> Result<StoreStatus> {
        let mut status = super::store_status(&self.path, self.store.as_ref())?;
        status.damage = self.damage.lock().map(|d| d.clone()).unwrap_or_default();
        Ok(status)
    }

    /// Keeps a store that was just opened (after a quick look at its
    /// length), and runs `health::upkeep` beside it on a thread of its own:
    /// the day's backup or the page check, then the chosen folder. A region's
    /// store takes seconds to copy; a failed backup is reported, it does not
    /// keep the director out; a damaged store is said in the status.
    pub(super) fn keep(&mut self, store: Store, now: DateTime<Utc>) -> Result<StoreStatus> {
        if let Err(err) = health::check_length(store.conn(), store.path()) {
            return Err(self.note_damage(err, store.passphrase()));
        }
        self.finish_upkeep();
        if let Ok(mut damage) = self.damage.lock() {
            *damage = None;
        }
        let (path, passphrase) = (store.path().to_path_buf(), store.passphrase().clone());
        self.store = Some(store);
        let (damage, stop) = (Arc::clone(&self.damage), Arc::clone(&self.stop));
        self.upkeep = Some(std::thread::spawn(move || match health::upkeep(&path, &passphrase, now, &stop) {
            Ok(()) => {}
            Err(err @ Error::Damaged(_)) => {
                if let Ok(mut found) = damage.lock() {
                    *found = health::damage_of(&err, &path, &passphrase);
                }
            }
            Err(err) if stop.load(Ordering::Relaxed) => drop(err),
            Err(err) => eprintln!("Respijtregie kon geen back-up maken: {err}"),
        }));
        self.status()
    }

    /// A damaged store found while opening: kept for the status (with the
    /// backup to put back), and returned as the error.
    fn note_damage(&mut self, err: Error, passphrase: &Passphrase) -> Error {
        if let Some(found) = health::damage_of(&err, &self.path, passphrase) {
            if let Ok(mut damage) = self.damage.lock() {
                *damage = Some(found);
            }
        }
        err
    }

    /// Opens the store with `passphrase` (`open` does the rest), noting damage.
    pub(super) fn unlock(&mut self, passphrase: &str, now: DateTime<Utc>) -> Result<StoreStatus> {
        match super::unlock_store(&self.path, passphrase) {
            Ok(store) => self.keep(store, now),
            Err(err) => {
                let typed = Passphrase::existing(passphrase)?;
                Err(self.note_damage(err, &typed))
            }
        }
    }

    /// The first start: a new store and its recovery key, shown once.
    pub(super) fn create(&mut self, passphrase: &str, repeat: &str, now: DateTime<Utc>) -> Result<StoreStatus> {
        let store = super::create_store(&self.path, passphrase, repeat)?;
        let key = recovery::make(store.conn(), store.path(), store.passphrase(), now)?;
        let mut status = self.keep(store, now)?;
        status.recovery_key = Some(key.shown());
        Ok(status)
    }

    /// A lost passphrase: the recovery key opens the store, which gets a new one.
    pub(super) fn recover(
        &mut self,
        key: &str,
        passphrase: &str,
        repeat: &str,
        now: DateTime<Utc>,
    ) -> Result<StoreStatus> {
        let new = Passphrase::new_checked(passphrase, repeat)?;
        self.store = None;
        let store = super::acting_in_app(crate::bootstrap::ready(recovery::recover(&self.path, key, &new, now)?)?)?;
        self.keep(store, now)
    }

    /// A new passphrase (`admin::change_passphrase`), once the backup or
    /// page check beside the start is done: it reads with the old one, and a
    /// backup it finished after the change would be the newest under the old.
    pub(super) fn change_passphrase(
        &mut self,
        current: &str,
        new: &str,
        repeat: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.finish_upkeep();
        super::change_passphrase(self.store_mut()?, current, new, repeat, now)
    }

    /// A new recovery key (the old one opens nothing any more), shown once.
    pub(super) fn new_recovery_key(&mut self, current: &str, now: DateTime<Utc>) -> Result<String> {
        let store = self.store()?;
        store.require(crate::access::Area::Admin)?;
        if current != store.passphrase().as_typed() {
            return Err(Error::Validation(vec![crate::error::FieldError::new(
                "current",
                "De huidige wachtwoordzin klopt niet.",
            )]));
        }
        Ok(recovery::make(store.conn(), store.path(), store.passphrase(), now)?.shown())
    }

    /// A damaged store: kept aside, the newest good backup put back, opened.
    /// With the store open its own passphrase is used, else `passphrase`.
    pub(super) fn repair(&mut self, passphrase: Option<&str>, now: DateTime<Utc>) -> Result<StoreStatus> {
        let passphrase = match (&self.store, passphrase) {
            (Some(store), _) => store.passphrase().clone(),
            (None, Some(typed)) => Passphrase::existing(typed)?,
            (None, None) => return Err(Error::Locked("Vul de wachtwoordzin in.".into())),
        };
        self.store = None;
        self.finish_upkeep();
        let repair = health::put_back_newest(&self.path, &passphrase, now)?;
        if let Ok(mut damage) = self.damage.lock() {
            *damage = None;
        }
        let store = super::unlock_store(&self.path, passphrase.as_typed())?;
        let name = repair.restored.path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        audit::record(store.conn(), AuditAction::DamageRepaired, None, &name, now)?;
        self.keep(store, now)
    }

    /// A new laptop: the store is made from a backup (from the chosen
    /// folder, a stick), which opens with `passphrase`.
    pub(super) fn restore_as_new(
        &mut self,
        backup: &Path,
        passphrase: &str,
        now: DateTime<Utc>,
    ) -> Result<StoreStatus> {
        let typed = Passphrase::existing(passphrase)?;
        health::restore_as_new(backup, &typed, &self.path)?;
        self.unlock(passphrase, now)
    }

    pub(super) fn lock(&mut self) -> Result<StoreStatus> {
        self.store = None;
        self.status()
    }

    /// Waits for the work beside the start after asking it to stop (a
    /// backup being written is broken off and its partial file removed).
    fn finish_upkeep(&mut self) {
        if let Some(handle) = self.upkeep.take() {
            self.stop.store(true, Ordering::Relaxed);
            let _ = handle.join();
            self.stop.store(false, Ordering::Relaxed);
        }
    }

    /// The app closes: the store is closed and nothing is left half-written.
    pub fn shutdown(&mut self) {
        self.finish_upkeep();
        self.store = None;
    }
}

fn locked() -> Error {
    Error::Locked("De opslag is vergrendeld; vul de wachtwoordzin in.".into())
}
