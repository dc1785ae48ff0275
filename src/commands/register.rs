//! The register: finding, registering and changing dossiers.

use chrono::{DateTime, Utc};

use super::changed;
use crate::access::{self, Area, Role};
use crate::audit::{self, AuditAction, AuditEntry};
use crate::caregiver::{self, CaregiverInput, Dossier, RecipientInput, RegisterOutcome, SearchOptions, SearchResult};
use crate::consent::{self, CaregiverConsent, ConsentKind};
use crate::error::Result;
use crate::region::{self, Municipality};
use crate::store::Store;

pub fn search_caregivers(store: &Store, options: &SearchOptions) -> Result<SearchResult> {
    store.require(Area::Register)?;
    // A consultant finds only their caseload: in the query, so the best 50 are theirs.
    let scope = match store.user().filter(|u| u.role == Role::Consultant) {
        Some(user) => caregiver::Scope::CaseloadOf(user.id),
        None => caregiver::Scope::Everyone,
    };
    caregiver::search_caregivers_in(store.conn(), options, scope)
}

/// Opening a dossier is recorded in the audit trail: who looked, and when.
pub fn get_dossier(store: &Store, id: i64, now: DateTime<Utc>) -> Result<Dossier> {
    store.require_caregiver(id)?;
    let dossier = caregiver::dossier(store.conn(), id)?;
    audit::record(store.conn(), AuditAction::DossierViewed, Some(id), "", now)?;
    Ok(dossier)
}

/// Who looked at or changed this dossier, newest first (the last 200).
pub fn audit_of_caregiver(store: &Store, caregiver_id: i64) -> Result<Vec<AuditEntry>> {
    store.require_caregiver(caregiver_id)?;
    audit::of_caregiver(store.conn(), caregiver_id, 200)
}

pub fn register_caregiver(
    store: &Store,
    input: &CaregiverInput,
    allow_twin: bool,
    now: DateTime<Utc>,
) -> Result<RegisterOutcome> {
    store.require(Area::Register)?;
    crate::store::in_savepoint(store.conn(), "register", || {
        let outcome = caregiver::register_caregiver(store.conn(), input, allow_twin, now)?;
        if let RegisterOutcome::Created { id } = outcome {
            audit::record(store.conn(), AuditAction::DossierCreated, Some(id), "", now)?;
            // A consultant's own registrations are their caseload.
            if let Some(user) = store.user().filter(|u| u.role == Role::Consultant) {
                access::add_to_caseload(store.conn(), user.id, id)?;
            }
        }
        Ok(outcome)
    })
}

pub fn update_caregiver(store: &Store, id: i64, input: &CaregiverInput, now: DateTime<Utc>) -> Result<Dossier> {
    store.require_caregiver(id)?;
    changed(store, id, "gegevens mantelzorger", now, || caregiver::update_caregiver(store.conn(), id, input, now))?;
    caregiver::dossier(store.conn(), id)
}

pub fn archive_caregiver(store: &Store, id: i64, reason: &str, now: DateTime<Utc>) -> Result<Dossier> {
    store.require_caregiver(id)?;
    changed(store, id, "gearchiveerd", now, || caregiver::archive_caregiver(store.conn(), id, reason, now))?;
    caregiver::dossier(store.conn(), id)
}

pub fn restore_caregiver(store: &Store, id: i64, now: DateTime<Utc>) -> Result<Dossier> {
    store.require_caregiver(id)?;
    changed(store, id, "uit het archief gehaald", now, || caregiver::restore_caregiver(store.conn(), id, now))?;
    caregiver::dossier(store.conn(), id)
}

pub fn add_recipient(store: &Store, caregiver_id: i64, input: &RecipientInput, now: DateTime<Utc>) -> Result<Dossier> {
    store.require_caregiver(caregiver_id)?;
    changed(store, caregiver_id, "naaste toegevoegd", now, || {
        caregiver::add_recipient(store.conn(), caregiver_id, input, now)
    })?;
    caregiver::dossier(store.conn(), caregiver_id)
}

pub fn update_recipient(
    store: &Store,
    caregiver_id: i64,
    recipient_id: i64,
    input: &RecipientInput,
    now: DateTime<Utc>,
) -> Result<Dossier> {
    store.require_caregiver(caregiver_id)?;
    changed(store, caregiver_id, &format!("naaste {recipient_id} gewijzigd"), now, || {
        caregiver::update_recipient(store.conn(), caregiver_id, recipient_id, input, now)
    })?;
    caregiver::dossier(store.conn(), caregiver_id)
}

pub fn list_municipalities(store: &Store) -> Result<Vec<Municipality>> {
    region::list_municipalities(store.conn())
}

/// The caregiver's consent to share with providers and with funders as it
/// counts today, with every withdrawal and renewal.
pub fn consent_of_caregiver(store: &Store, caregiver_id: i64, now: DateTime<Utc>) -> Result<CaregiverConsent> {
    store.require_caregiver(caregiver_id)?;
    consent::consent_of(store.conn(), caregiver_id, now.date_naive())
}

/// Withdraws or gives again one kind of consent from a day on (recorded, with who).
pub fn change_consent(
    store: &Store,
    caregiver_id: i64,
    kind: ConsentKind,
    given: bool,
    on_date: &str,
    now: DateTime<Utc>,
) -> Result<CaregiverConsent> {
    store.require_caregiver(caregiver_id)?;
    consent::change_consent(store.conn(), caregiver_id, kind, given, on_date, now)
}

pub fn list_insurers(store: &Store) -> Result<Vec<crate::insurer::Insurer>> {
    store.require(Area::Register)?;
    crate::insurer::list_insurers(store.conn())
}
