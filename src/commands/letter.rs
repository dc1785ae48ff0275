//! Letters: written by the core as HTML, saved where the director chose
//! (the save dialog), and logged in the dossier and the audit trail
//! (what, when, by whom; never the letter's text).

use std::path::Path;

use chrono::{DateTime, Utc};

use crate::access::Area;
use crate::audit::{self, AuditAction};
use crate::error::Result;
use crate::letter::{self, Letter, LetterLogEntry, LetterSettings};
use crate::store::Store;

/// Writes the letter beside the target and renames it, so a full disk never
/// leaves half a letter; then logs it, in one savepoint with its audit line.
fn save_and_log(store: &Store, letter: &Letter, path: &Path, now: DateTime<Utc>) -> Result<LetterLogEntry> {
    let partial = path.with_extension("deels");
    std::fs::write(&partial, letter.html.as_bytes())?;
    std::fs::rename(&partial, path)?;
    crate::store::in_savepoint(store.conn(), "letter", || {
        let entry = letter::log_letter(store.conn(), letter, now)?;
        audit::record(store.conn(), AuditAction::LetterWritten, Some(letter.caregiver_id), &entry.what, now)?;
        Ok(entry)
    })
}

/// The confirmation to the caregiver, saved as HTML at `path`.
pub fn write_confirmation_letter(
    store: &Store,
    caregiver_id: i64,
    path: &Path,
    now: DateTime<Utc>,
) -> Result<LetterLogEntry> {
    store.require(Area::Planning)?;
    store.require_caregiver(caregiver_id)?;
    let letter = letter::confirmation_letter(store.conn(), caregiver_id, now.date_naive())?;
    save_and_log(store, &letter, path, now)
}

/// The order to a provider for one caregiver and month (`jjjj-mm` or `mm-jjjj`).
pub fn write_provider_order(
    store: &Store,
    provider_id: i64,
    caregiver_id: i64,
    month: &str,
    path: &Path,
    now: DateTime<Utc>,
) -> Result<LetterLogEntry> {
    store.require(Area::Planning)?;
    store.require_caregiver(caregiver_id)?;
    let letter = letter::provider_order(store.conn(), provider_id, caregiver_id, month, now.date_naive())?;
    save_and_log(store, &letter, path, now)
}

pub fn letters_of_caregiver(store: &Store, caregiver_id: i64) -> Result<Vec<LetterLogEntry>> {
    store.require(Area::Planning)?;
    store.require_caregiver(caregiver_id)?;
    letter::letters_of_caregiver(store.conn(), caregiver_id)
}

pub fn letter_settings(store: &Store) -> Result<LetterSettings> {
    store.require(Area::Planning)?;
    letter::letter_settings(store.conn())
}

pub fn set_letter_settings(store: &Store, input: &LetterSettings) -> Result<LetterSettings> {
    store.require(Area::Admin)?;
    letter::set_letter_settings(store.conn(), input)
}
