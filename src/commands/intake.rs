//! Intakes, burden assessments, hand-overs and the app mode of a laptop.

use std::path::Path;

use chrono::{DateTime, Utc};

use super::handover::fill_caseload;
use super::{audited, own_caseload};
use crate::access::Area;
use crate::audit::{self, AuditAction};
use crate::error::{Error, Result};
use crate::intake::{
    self, AppMode, AssessmentInput, AttentionItem, BurdenAssessment, BurdenScore, HandoverReport, Instrument, Intake,
    IntakeInput, IntakeStatus, SavedConcept,
};
use crate::store::Store;

/// Autosave of the intake form; `id` None starts a new concept.
pub fn save_intake_concept(
    store: &Store,
    id: Option<i64>,
    input: &IntakeInput,
    now: DateTime<Utc>,
) -> Result<SavedConcept> {
    store.require(Area::Intakes)?;
    store.require_caregiver(input.caregiver_id)?;
    intake_changed(store, input.caregiver_id, now, || intake::save_concept(store.conn(), id, input, now))
}

/// A change of an intake, recorded in the same transaction as the change.
pub(crate) fn intake_changed<T>(
    store: &Store,
    caregiver_id: i64,
    now: DateTime<Utc>,
    f: impl FnOnce() -> Result<T>,
) -> Result<T> {
    audited(store, AuditAction::IntakeChanged, caregiver_id, "", now, f)
}

pub fn complete_intake(store: &Store, id: Option<i64>, input: &IntakeInput, now: DateTime<Utc>) -> Result<Intake> {
    store.require(Area::Intakes)?;
    store.require_caregiver(input.caregiver_id)?;
    intake_changed(store, input.caregiver_id, now, || intake::complete_intake(store.conn(), id, input, now))
}

pub fn change_intake_status(store: &Store, id: i64, to: IntakeStatus, now: DateTime<Utc>) -> Result<Intake> {
    store.require(Area::Intakes)?;
    let caregiver_id = intake::get_intake(store.conn(), id)?.caregiver_id;
    store.require_caregiver(caregiver_id)?;
    intake_changed(store, caregiver_id, now, || intake::change_status(store.conn(), id, to, now))
}

/// Stores a (re-)assessment and returns the intake with all its assessments.
pub fn record_assessment(store: &Store, intake_id: i64, input: &AssessmentInput, now: DateTime<Utc>) -> Result<Intake> {
    store.require(Area::Intakes)?;
    let caregiver_id = intake::get_intake(store.conn(), intake_id)?.caregiver_id;
    store.require_caregiver(caregiver_id)?;
    intake_changed(store, caregiver_id, now, || intake::record_assessment(store.conn(), intake_id, input, now))?;
    intake::get_intake(store.conn(), intake_id)
}

/// Score and band while the form is being filled in; stores nothing.
pub fn score_burden(store: &Store, instrument: &str, answers: &[i64]) -> Result<BurdenScore> {
    store.require(Area::Intakes)?;
    intake::score_answers(store.conn(), instrument, answers)
}

pub fn get_intake(store: &Store, id: i64, now: DateTime<Utc>) -> Result<Intake> {
    store.require(Area::Intakes)?;
    let found = intake::get_intake(store.conn(), id)?;
    store.require_caregiver(found.caregiver_id)?;
    audit::record(store.conn(), AuditAction::IntakeViewed, Some(found.caregiver_id), &format!("intake {id}"), now)?;
    Ok(found)
}

pub fn intakes_of_caregiver(store: &Store, caregiver_id: i64) -> Result<Vec<Intake>> {
    store.require(Area::Intakes)?;
    store.require_caregiver(caregiver_id)?;
    intake::intakes_of_caregiver(store.conn(), caregiver_id)
}

/// Every assessment of a caregiver, oldest first, for the trend chart.
pub fn burden_trend(store: &Store, caregiver_id: i64) -> Result<Vec<BurdenAssessment>> {
    store.require(Area::Intakes)?;
    store.require_caregiver(caregiver_id)?;
    intake::assessments_of_caregiver(store.conn(), caregiver_id)
}

pub fn attention_list(store: &Store, now: DateTime<Utc>) -> Result<Vec<AttentionItem>> {
    store.require(Area::Intakes)?;
    // A consultant sees only their own clients here too.
    own_caseload(store, intake::attention_list(store.conn(), now.date_naive())?, |i| i.caregiver_id)
}

pub fn list_instruments(store: &Store) -> Result<Vec<Instrument>> {
    store.require(Area::Intakes)?;
    intake::instruments(store.conn())
}

/// Replaces the instruments' texts with a region's own file (same shape as
/// `data/instruments/default.json`).
pub fn replace_instruments(store: &Store, json: &str) -> Result<Vec<Instrument>> {
    store.require(Area::Admin)?;
    intake::replace_instruments(store.conn(), json)
}

/// The sealed hand-over file as bytes; the store does not change.
pub fn export_handover(store: &Store, intake_ids: &[i64], passphrase: &str, now: DateTime<Utc>) -> Result<Vec<u8>> {
    store.require(Area::Intakes)?;
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
    store.require(Area::Intakes)?;
    let bytes = intake::export_handover(store.conn(), intake_ids, passphrase, now)?;
    // Written beside the target and renamed, so a full disk never leaves half a file.
    let partial = path.with_extension("deels");
    std::fs::write(&partial, &bytes)?;
    std::fs::rename(&partial, path)?;
    intake::mark_handed_over(store.conn(), intake_ids, now)?;
    audit::record(store.conn(), AuditAction::HandoverExport, None, &format!("{} intake(s)", intake_ids.len()), now)?;
    Ok(intake_ids.len())
}

pub fn import_handover(store: &Store, bytes: &[u8], passphrase: &str, now: DateTime<Utc>) -> Result<HandoverReport> {
    store.require(Area::Intakes)?;
    crate::store::in_savepoint(store.conn(), "handover_bytes", || {
        let report = intake::import_handover(store.conn(), bytes, passphrase, now)?;
        fill_caseload(store, &report.caregiver_ids)?;
        Ok(report)
    })
}

pub fn import_handover_file(
    store: &Store,
    path: &Path,
    passphrase: &str,
    now: DateTime<Utc>,
) -> Result<HandoverReport> {
    store.require(Area::Intakes)?;
    let bytes = std::fs::read(path)?;
    // The intakes and the audit line of their import in one transaction: a
    // crash between the two would leave intakes nobody logged.
    let tx = crate::store::atomic(store.conn(), "handover_file")?;
    let report = intake::import_handover(&tx, &bytes, passphrase, now)?;
    fill_caseload(store, &report.caregiver_ids)?;
    audit::record(&tx, AuditAction::HandoverImport, None, &format!("{} nieuwe intake(s)", report.intakes_new), now)?;
    tx.commit()?;
    Ok(report)
}

/// Whose work this laptop shows. One idea, not two: with users, the role of
/// who signed in (a consultant's, or else the director's); without users,
/// the one person the laptop belongs to, as set in Instellingen.
pub fn get_mode(store: &Store) -> Result<AppMode> {
    match store.user() {
        Some(user) if user.role == crate::access::Role::Consultant => Ok(AppMode::Consultant),
        Some(_) => Ok(AppMode::Director),
        None => intake::get_mode(store.conn()),
    }
}

/// Sets whose laptop this is, for a store without users; with users the
/// role of who signs in decides, and this is refused.
pub fn set_mode(store: &Store, mode: AppMode) -> Result<AppMode> {
    store.require(Area::Admin)?;
    if store.has_users() {
        return Err(Error::Forbidden(
            "Deze laptop heeft gebruikers: wat de app toont volgt de rol van wie zich aanmeldt (regisseur, consulent of financiën). Kies de rol bij de gebruiker."
                .into(),
        ));
    }
    intake::set_mode(store.conn(), mode)
}
