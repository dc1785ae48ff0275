//! Exports for the funders: totals first, then the file.

use std::path::Path;

use chrono::{DateTime, Utc};

use crate::access::Area;
use crate::error::Result;
use crate::export::{ExportRequest, ExportResult};
use crate::money::Cents;
use crate::store::Store;

/// The export screen: totals before saving, then the file.
pub fn export_preview(store: &Store, request: &ExportRequest, now: DateTime<Utc>) -> Result<ExportResult> {
    store.require(Area::Exports)?;
    let crate::export::ExportOutline { period, kind, totals, without_identity, consent_warning } =
        crate::export::totals(store.conn(), request, now.date_naive())?;
    let mut warnings: Vec<String> =
        crate::export::unreconciled_warning(store.conn(), &period, now.date_naive())?.into_iter().collect();
    let identity_note = consent_warning.unwrap_or_default();
    if !identity_note.is_empty() {
        warnings.push(identity_note.clone());
    }
    Ok(ExportResult {
        kind,
        rows: totals.rows,
        total: Cents::new(totals.cents),
        minutes: totals.minutes,
        sha256: String::new(),
        closed: false,
        warnings,
        without_identity,
        identity_note,
        can_identify: kind.carries_extern_ids(),
        file_stem: crate::export::file_stem(&period, request),
        period,
    })
}

pub fn export_to_file(
    store: &Store,
    request: &ExportRequest,
    path: &Path,
    by: &str,
    now: DateTime<Utc>,
) -> Result<ExportResult> {
    store.require(Area::Exports)?;
    crate::export::export_to_file(store.conn(), request, path, by, now)
}

/// The whole register, or one caregiver's data (an inzageverzoek), as CSV
/// files in `dir`: the director only, and recorded in the audit trail.
pub fn export_register(
    store: &Store,
    dir: &Path,
    caregiver_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<crate::export::RegisterExport> {
    store.require(Area::Admin)?;
    crate::export::export_register(store.conn(), dir, caregiver_id, now)
}
