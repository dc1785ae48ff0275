//! What the desktop app asks of the core, one function per Tauri command.
//!
//! Each takes the store and "now" and returns what the screen shows next, so
//! the Tauri commands are one-line adapters and these can be tested without
//! a window.

use std::path::Path;

use chrono::{DateTime, Utc};

use crate::caregiver::{self, CaregiverInput, Dossier, RecipientInput, RegisterOutcome, SearchOptions, SearchResult};
use crate::error::Result;
use crate::intake::{
    self, AppMode, AssessmentInput, AttentionItem, BurdenAssessment, BurdenScore, HandoverReport, Instrument, Intake,
    IntakeInput, IntakeStatus, SavedConcept,
};
use crate::region::{self, Municipality};
use crate::store::Store;

pub fn search_caregivers(store: &Store, options: &SearchOptions) -> Result<SearchResult> {
    caregiver::search_caregivers(store.conn(), options)
}

pub fn get_dossier(store: &Store, id: i64) -> Result<Dossier> {
    caregiver::dossier(store.conn(), id)
}

pub fn register_caregiver(
    store: &Store,
    input: &CaregiverInput,
    allow_twin: bool,
    now: DateTime<Utc>,
) -> Result<RegisterOutcome> {
    caregiver::register_caregiver(store.conn(), input, allow_twin, now)
}

pub fn update_caregiver(store: &Store, id: i64, input: &CaregiverInput, now: DateTime<Utc>) -> Result<Dossier> {
    caregiver::update_caregiver(store.conn(), id, input, now)?;
    caregiver::dossier(store.conn(), id)
}

pub fn archive_caregiver(store: &Store, id: i64, reason: &str, now: DateTime<Utc>) -> Result<Dossier> {
    caregiver::archive_caregiver(store.conn(), id, reason, now)?;
    caregiver::dossier(store.conn(), id)
}

pub fn restore_caregiver(store: &Store, id: i64, now: DateTime<Utc>) -> Result<Dossier> {
    caregiver::restore_caregiver(store.conn(), id, now)?;
    caregiver::dossier(store.conn(), id)
}

pub fn add_recipient(store: &Store, caregiver_id: i64, input: &RecipientInput, now: DateTime<Utc>) -> Result<Dossier> {
    caregiver::add_recipient(store.conn(), caregiver_id, input, now)?;
    caregiver::dossier(store.conn(), caregiver_id)
}

pub fn update_recipient(
    store: &Store,
    caregiver_id: i64,
    recipient_id: i64,
    input: &RecipientInput,
    now: DateTime<Utc>,
) -> Result<Dossier> {
    caregiver::update_recipient(store.conn(), caregiver_id, recipient_id, input, now)?;
    caregiver::dossier(store.conn(), caregiver_id)
}

pub fn list_municipalities(store: &Store) -> Result<Vec<Municipality>> {
    region::list_municipalities(store.conn())
}

/// Autosave of the intake form; `id` None starts a new concept.
pub fn save_intake_concept(
    store: &Store,
    id: Option<i64>,
    input: &IntakeInput,
    now: DateTime<Utc>,
) -> Result<SavedConcept> {
    intake::save_concept(store.conn(), id, input, now)
}

pub fn complete_intake(store: &Store, id: Option<i64>, input: &IntakeInput, now: DateTime<Utc>) -> Result<Intake> {
    intake::complete_intake(store.conn(), id, input, now)
}

pub fn change_intake_status(store: &Store, id: i64, to: IntakeStatus, now: DateTime<Utc>) -> Result<Intake> {
    intake::change_status(store.conn(), id, to, now)
}

/// Stores a (re-)assessment and returns the intake with all its assessments.
pub fn record_assessment(store: &Store, intake_id: i64, input: &AssessmentInput, now: DateTime<Utc>) -> Result<Intake> {
    intake::record_assessment(store.conn(), intake_id, input, now)?;
    intake::get_intake(store.conn(), intake_id)
}

/// Score and band while the form is being filled in; stores nothing.
pub fn score_burden(store: &Store, instrument: &str, answers: &[i64]) -> Result<BurdenScore> {
    intake::score_answers(store.conn(), instrument, answers)
}

pub fn get_intake(store: &Store, id: i64) -> Result<Intake> {
    intake::get_intake(store.conn(), id)
}

pub fn intakes_of_caregiver(store: &Store, caregiver_id: i64) -> Result<Vec<Intake>> {
    intake::intakes_of_caregiver(store.conn(), caregiver_id)
}

/// Every assessment of a caregiver, oldest first, for the trend chart.
pub fn burden_trend(store: &Store, caregiver_id: i64) -> Result<Vec<BurdenAssessment>> {
    intake::assessments_of_caregiver(store.conn(), caregiver_id)
}

pub fn attention_list(store: &Store, now: DateTime<Utc>) -> Result<Vec<AttentionItem>> {
    intake::attention_list(store.conn(), now.date_naive())
}

pub fn list_instruments(store: &Store) -> Result<Vec<Instrument>> {
    intake::instruments(store.conn())
}

/// Replaces the instruments' texts with a region's own file (same shape as
/// `data/instruments/default.json`).
pub fn replace_instruments(store: &Store, json: &str) -> Result<Vec<Instrument>> {
    intake::replace_instruments(store.conn(), json)
}

/// The sealed hand-over file as bytes; the store does not change.
pub fn export_handover(store: &Store, intake_ids: &[i64], passphrase: &str, now: DateTime<Utc>) -> Result<Vec<u8>> {
    intake::export_handover(store.conn(), intake_ids, passphrase, now)
}

/// Writes the hand-over file, and only once it is safely on disk marks the
/// intakes as handed over. Returns how many intakes the file holds.
pub fn export_handover_to_file(
    store: &Store,
    intake_ids: &[i64],
    passphrase: &str,
    path: &Path,
    now: DateTime<Utc>,
) -> Result<usize> {
    let bytes = intake::export_handover(store.conn(), intake_ids, passphrase, now)?;
    // Written beside the target and renamed, so a full disk never leaves half a file.
    let partial = path.with_extension("deels");
    std::fs::write(&partial, &bytes)?;
    std::fs::rename(&partial, path)?;
    intake::mark_handed_over(store.conn(), intake_ids, now)?;
    Ok(intake_ids.len())
}

pub fn import_handover(store: &Store, bytes: &[u8], passphrase: &str, now: DateTime<Utc>) -> Result<HandoverReport> {
    intake::import_handover(store.conn(), bytes, passphrase, now)
}

pub fn import_handover_file(
    store: &Store,
    path: &Path,
    passphrase: &str,
    now: DateTime<Utc>,
) -> Result<HandoverReport> {
    let bytes = std::fs::read(path)?;
    intake::import_handover(store.conn(), &bytes, passphrase, now)
}

pub fn get_mode(store: &Store) -> Result<AppMode> {
    intake::get_mode(store.conn())
}

pub fn set_mode(store: &Store, mode: AppMode) -> Result<AppMode> {
    intake::set_mode(store.conn(), mode)
}
