//! Archiving a provider: it is no longer matched or planned, and its
//! sessions, statements, ledger and exports stay as they were. Restoring
//! brings it back. Both are recorded in the audit trail.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::{get_provider, Provider};
use crate::audit::{self, AuditAction};
use crate::error::{Error, FieldError, Result};
use crate::store::timestamp;

fn archived_at(conn: &Connection, id: i64) -> Result<Option<String>> {
    conn.prepare_cached("SELECT archived_at FROM provider WHERE id = ?1")?
        .query_row([id], |r| r.get::<_, Option<String>>(0))
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("Aanbieder {id} bestaat niet.")))
}

pub fn archive_provider(conn: &Connection, id: i64, now: DateTime<Utc>) -> Result<Provider> {
    let tx = crate::store::atomic(conn, "provider_archive")?;
    if archived_at(&tx, id)?.is_none() {
        tx.execute("UPDATE provider SET archived_at = ?1, updated_at = ?1 WHERE id = ?2", params![timestamp(now), id])?;
        audit::record(&tx, AuditAction::ProviderArchived, None, &format!("aanbieder {id}"), now)?;
    }
    let provider = get_provider(&tx, id)?;
    tx.commit()?;
    Ok(provider)
}

pub fn restore_provider(conn: &Connection, id: i64, now: DateTime<Utc>) -> Result<Provider> {
    let tx = crate::store::atomic(conn, "provider_restore")?;
    if archived_at(&tx, id)?.is_some() {
        tx.execute(
            "UPDATE provider SET archived_at = NULL, updated_at = ?1 WHERE id = ?2",
            params![timestamp(now), id],
        )?;
        audit::record(&tx, AuditAction::ProviderRestored, None, &format!("aanbieder {id}"), now)?;
    }
    let provider = get_provider(&tx, id)?;
    tx.commit()?;
    Ok(provider)
}

pub fn list_archived_providers(conn: &Connection) -> Result<Vec<Provider>> {
    let ids: Vec<i64> = conn
        .prepare_cached("SELECT id FROM provider WHERE archived_at IS NOT NULL ORDER BY name")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.into_iter().map(|id| get_provider(conn, id)).collect()
}

/// New planning goes only to a provider that is not archived, and to one of
/// its active helpers. Sessions planned before stay as they are.
pub fn ensure_plannable(conn: &Connection, provider_id: i64, helper_id: Option<i64>) -> Result<()> {
    let mut errors = Vec::new();
    let archived: Option<Option<String>> = conn
        .prepare_cached("SELECT archived_at FROM provider WHERE id = ?1")?
        .query_row([provider_id], |r| r.get(0))
        .optional()?;
    if matches!(archived, Some(Some(_))) {
        errors.push(FieldError::new(
            "providerId",
            "Deze aanbieder is gearchiveerd; zet de aanbieder eerst terug of kies een andere.",
        ));
    }
    if let Some(helper) = helper_id {
        let active: Option<bool> = conn
            .prepare_cached("SELECT active FROM helper WHERE id = ?1 AND provider_id = ?2")?
            .query_row(params![helper, provider_id], |r| r.get(0))
            .optional()?;
        if active == Some(false) {
            errors
                .push(FieldError::new("helperId", "Deze hulp is niet meer actief bij de aanbieder; kies een andere."));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Validation(errors))
    }
}
