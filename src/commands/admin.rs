//! Users, the passphrase, retention and erasure, backups, the audit trail export.

use std::path::Path;

use chrono::{DateTime, Utc};

use crate::access::{self, Area, Role, User, UserInput};
use crate::audit;
use crate::error::{Error, FieldError, Result};
use crate::store::Store;

/// The whole trail of one client as a CSV file, for a data subject's request.
pub fn export_audit_trail(store: &Store, caregiver_id: i64, path: &Path, now: DateTime<Utc>) -> Result<usize> {
    store.require(Area::Admin)?;
    audit::export_for_subject(store.conn(), caregiver_id, path, now)
}

pub fn list_users(store: &Store) -> Result<Vec<User>> {
    store.require(Area::Admin)?;
    access::list_users(store.conn())
}

/// Adds a user. The first user of a one-person store must be a director,
/// and whoever adds it is signed in as that user: from then on everyone
/// signs in.
pub fn add_user(store: &mut Store, input: &UserInput, now: DateTime<Utc>) -> Result<Vec<User>> {
    store.require(Area::Admin)?;
    let first = store.user().is_none();
    if first && input.role != Some(Role::Director) {
        return Err(Error::Validation(vec![FieldError::new(
            "role",
            "De eerste gebruiker is de regisseur zelf: kies de rol Regisseur.",
        )]));
    }
    access::add_user(store.conn(), input, now)?;
    store.refresh_users()?;
    if first {
        store.sign_in(&input.name, &input.password)?;
    }
    access::list_users(store.conn())
}

pub fn disable_user(store: &mut Store, id: i64, now: DateTime<Utc>) -> Result<Vec<User>> {
    store.require(Area::Admin)?;
    if store.user().is_some_and(|u| u.id == id) {
        return Err(Error::Invalid("U kunt uzelf niet uitschakelen.".into()));
    }
    access::disable_user(store.conn(), id, now)?;
    store.refresh_users()?;
    access::list_users(store.conn())
}

/// Changes the passphrase: the current one again, the new one twice.
pub fn change_passphrase(store: &mut Store, current: &str, new: &str, repeat: &str, now: DateTime<Utc>) -> Result<()> {
    store.require(Area::Admin)?;
    let current = crate::store::Passphrase::existing(current)
        .map_err(|_| Error::Validation(vec![FieldError::new("current", "Vul de huidige wachtwoordzin in.")]))?;
    let new = crate::store::Passphrase::new_checked(new, repeat)?;
    // The audit line is written by the store, between the re-key and the checkpoint.
    store.change_passphrase(&current, &new, now).map_err(|err| match err {
        Error::Locked(_) => Error::Validation(vec![FieldError::new("current", "De huidige wachtwoordzin klopt niet.")]),
        other => other,
    })
}

/// The retention periods and the dossiers whose period is over.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct RetentionOverview {
    pub settings: crate::retention::RetentionSettings,
    pub proposals: Vec<crate::retention::ErasureProposal>,
}

pub fn retention_overview(store: &Store, now: DateTime<Utc>) -> Result<RetentionOverview> {
    store.require(Area::Admin)?;
    Ok(RetentionOverview {
        settings: crate::retention::settings(store.conn())?,
        proposals: crate::retention::proposals(store.conn(), now.date_naive())?,
    })
}

pub fn set_retention(
    store: &Store,
    input: &crate::retention::RetentionSettings,
    now: DateTime<Utc>,
) -> Result<RetentionOverview> {
    store.require(Area::Admin)?;
    crate::retention::set_settings(store.conn(), input)?;
    retention_overview(store, now)
}

pub fn dossier_retention(store: &Store, caregiver_id: i64) -> Result<crate::retention::DossierRetention> {
    store.require(Area::Admin)?;
    crate::retention::of_caregiver(store.conn(), caregiver_id)
}

/// Sets a legal hold (a reason) or lifts it (`None`).
pub fn set_legal_hold(
    store: &Store,
    caregiver_id: i64,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<crate::retention::DossierRetention> {
    store.require(Area::Admin)?;
    crate::retention::set_legal_hold(store.conn(), caregiver_id, reason, now)?;
    crate::retention::of_caregiver(store.conn(), caregiver_id)
}

/// Erases a dossier's personal data; `confirmed` must be given (the screen
/// asks), since it cannot be undone.
pub fn erase_caregiver(
    store: &Store,
    caregiver_id: i64,
    ground: crate::retention::ErasureGround,
    confirmed: bool,
    now: DateTime<Utc>,
) -> Result<crate::retention::ErasureReport> {
    store.require(Area::Admin)?;
    if !confirmed {
        return Err(Error::Validation(vec![FieldError::new(
            "confirmed",
            "Vink aan dat u begrijpt dat wissen niet terug te draaien is.",
        )]));
    }
    crate::retention::erase(store.conn(), caregiver_id, ground, now)
}

/// The backups beside the store, newest first.
pub fn list_backups(store: &Store) -> Result<Vec<crate::store::backup::BackupFile>> {
    store.require(Area::Admin)?;
    crate::store::backup::list(&store.backup_dir())
}

/// A backup now, by hand (never rotated away).
pub fn make_backup(store: &Store, now: DateTime<Utc>) -> Result<Vec<crate::store::backup::BackupFile>> {
    store.require(Area::Admin)?;
    store.backup(crate::store::backup::BackupKind::Manual, now)?;
    crate::store::backup::list(&store.backup_dir())
}

/// Puts a backup back, after checking it and saving the current state. A
/// backup from before a change of passphrase opens with the one it was made
/// with (`backup_passphrase`); the store keeps its own.
pub fn restore_backup(
    store: &mut Store,
    path: &Path,
    backup_passphrase: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Vec<crate::store::backup::BackupFile>> {
    store.require(Area::Admin)?;
    // Only a backup of this store, from its own folder.
    let dir = store.backup_dir();
    if !crate::store::backup::list(&dir)?.iter().any(|f| f.path == path) {
        return Err(Error::NotFound("Deze back-up staat niet (meer) bij deze opslag.".into()));
    }
    let passphrase = match backup_passphrase.filter(|p| !p.is_empty()) {
        Some(text) => crate::store::Passphrase::existing(text)?,
        None => store.passphrase().clone(),
    };
    store.restore(path, &passphrase, now)?;
    crate::store::backup::list(&dir)
}

/// The folder that gets a backup on a schedule, if one was chosen.
pub fn backup_folder(store: &Store) -> Result<Option<crate::store::offsite::BackupFolder>> {
    store.require(Area::Admin)?;
    crate::store::offsite::folder(store.conn())
}

/// Chooses the backup folder (or none), and writes and checks a first
/// backup there at once: a folder that does not work is found now, not on
/// the day it is needed.
pub fn set_backup_folder(
    store: &Store,
    folder: Option<&crate::store::offsite::BackupFolder>,
    now: DateTime<Utc>,
) -> Result<Option<crate::store::offsite::BackupFolder>> {
    store.require(Area::Admin)?;
    let chosen = crate::store::offsite::set_folder(store.conn(), folder)?;
    if let Some(folder) = &chosen {
        store.backup_into(&folder.path, now)?;
    }
    Ok(chosen)
}

/// Whether 5 mei counts every year or every five years, for planning.
pub fn liberation_day(store: &Store) -> Result<crate::holidays::LiberationDay> {
    crate::holidays::liberation_day(store.conn())
}

pub fn set_liberation_day(
    store: &Store,
    rule: crate::holidays::LiberationDay,
) -> Result<crate::holidays::LiberationDay> {
    store.require(Area::Admin)?;
    crate::holidays::set_liberation_day(store.conn(), rule)
}

/// The earliest date of delivered respite that statements and "uitgevoerd" accept.
pub fn earliest_delivery(
    store: &Store,
    now: DateTime<Utc>,
) -> Result<crate::planning::delivery_date::EarliestDelivery> {
    crate::planning::delivery_date::earliest_delivery(store.conn(), now)
}

/// Sets that date (`dd-mm-jjjj`); empty goes back to the default.
pub fn set_earliest_delivery(
    store: &Store,
    date: &str,
    now: DateTime<Utc>,
) -> Result<crate::planning::delivery_date::EarliestDelivery> {
    store.require(Area::Admin)?;
    crate::planning::delivery_date::set_earliest_delivery(store.conn(), date, now)
}
