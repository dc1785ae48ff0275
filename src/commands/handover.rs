//! Hand-over both ways: the director assigns caseloads and sends a
//! consultant their caregivers in one file; a consultant puts several
//! caregivers' intakes in one file. The consultant's own file and the import
//! are in `intake`.

use std::path::Path;

use chrono::{DateTime, Utc};

use super::{changed, own_caseload};
use crate::access::{self, Area, ConsultantChoice, ConsultantLoad, Role};
use crate::audit::{self, AuditAction};
use crate::error::{Error, Result};
use crate::intake::{self, CaseloadHandover, HandoverCandidate};
use crate::store::Store;

/// The active consultants, ticked when this caregiver is in their caseload.
pub fn consultants_of(store: &Store, caregiver_id: i64) -> Result<Vec<ConsultantChoice>> {
    store.require(Area::Admin)?;
    store.require_caregiver(caregiver_id)?;
    access::consultants_of(store.conn(), caregiver_id)
}

/// Sets who has this caregiver in their caseload; recorded in the dossier's trail.
pub fn set_consultants(
    store: &Store,
    caregiver_id: i64,
    user_ids: &[i64],
    now: DateTime<Utc>,
) -> Result<Vec<ConsultantChoice>> {
    store.require(Area::Admin)?;
    store.require_caregiver(caregiver_id)?;
    crate::store::in_savepoint(store.conn(), "consultants", || {
        let choices = access::set_consultants(store.conn(), caregiver_id, user_ids)?;
        let names: Vec<&str> = choices.iter().filter(|c| c.in_caseload).map(|c| c.name.as_str()).collect();
        let what = if names.is_empty() {
            "consulenten: geen".to_string()
        } else {
            format!("consulenten: {}", names.join(", "))
        };
        changed(store, caregiver_id, &what, now, || Ok(()))?;
        Ok(choices)
    })
}

/// The active consultants with the size of their caseload, to choose whom to send a file.
pub fn list_consultants(store: &Store) -> Result<Vec<ConsultantLoad>> {
    store.require(Area::Admin)?;
    access::list_consultants(store.conn())
}

/// Writes the director's file for one consultant: the caregivers of their
/// caseload with their intakes and follow-ups. Each caregiver in it gets a
/// line in their trail; the store changes nothing else.
pub fn export_caseload_to_file(
    store: &Store,
    user_id: i64,
    passphrase: &str,
    path: &Path,
    now: DateTime<Utc>,
) -> Result<CaseloadHandover> {
    store.require(Area::Admin)?;
    let consultant = access::list_consultants(store.conn())?
        .into_iter()
        .find(|c| c.user_id == user_id)
        .ok_or_else(|| Error::NotFound("Deze consulent bestaat niet (meer) of is geen consulent.".into()))?;
    let caregivers = access::caseload_of(store.conn(), user_id)?;
    let (bytes, summary) = intake::export_caseload(store.conn(), &caregivers, passphrase, now)?;
    // Written beside the target and renamed, so a full disk never leaves half a file.
    let partial = path.with_extension("deels");
    std::fs::write(&partial, &bytes)?;
    std::fs::rename(&partial, path)?;
    let what = format!("naar consulent {}", consultant.name);
    crate::store::in_savepoint(store.conn(), "caseload_export", || {
        for &id in &caregivers {
            audit::record(store.conn(), AuditAction::HandoverExport, Some(id), &what, now)?;
        }
        Ok(())
    })?;
    Ok(summary)
}

/// Completed intakes not yet handed over, across caregivers: a consultant
/// sees only their own caseload.
pub fn handover_candidates(store: &Store) -> Result<Vec<HandoverCandidate>> {
    store.require(Area::Intakes)?;
    own_caseload(store, intake::handover_candidates(store.conn())?, |c| c.caregiver_id)
}

/// After an import on a consultant's laptop: everyone in the file is theirs.
/// Without users (one person's laptop) there is no caseload to fill.
pub(crate) fn fill_caseload(store: &Store, caregiver_ids: &[i64]) -> Result<()> {
    if let Some(user) = store.user().filter(|u| u.role == Role::Consultant) {
        for &id in caregiver_ids {
            access::add_to_caseload(store.conn(), user.id, id)?;
        }
    }
    Ok(())
}
