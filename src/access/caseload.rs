//! Who has which caregiver in their caseload. A consultant's own
//! registrations join it by themselves; the director assigns the rest in
//! the dossier ("Consulenten"), and a hand-over file read in on a
//! consultant's laptop adds everyone in it.

use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};

/// An active consultant, and whether this caregiver is in their caseload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ConsultantChoice {
    pub user_id: i64,
    pub name: String,
    pub in_caseload: bool,
}

/// An active consultant and how many caregivers (still in use) they have.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ConsultantLoad {
    pub user_id: i64,
    pub name: String,
    pub caregivers: usize,
}

pub fn in_caseload(conn: &Connection, user_id: i64, caregiver_id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM caseload WHERE user_id = ?1 AND caregiver_id = ?2)")?
        .query_row(params![user_id, caregiver_id], |r| r.get(0))?)
}

pub fn add_to_caseload(conn: &Connection, user_id: i64, caregiver_id: i64) -> Result<()> {
    conn.prepare_cached("INSERT OR IGNORE INTO caseload (user_id, caregiver_id) VALUES (?1, ?2)")?
        .execute(params![user_id, caregiver_id])?;
    Ok(())
}

/// Every active consultant, by name, ticked when the caregiver is theirs.
pub fn consultants_of(conn: &Connection, caregiver_id: i64) -> Result<Vec<ConsultantChoice>> {
    let mut stmt = conn.prepare_cached(
        "SELECT u.id, u.name, EXISTS (SELECT 1 FROM caseload k WHERE k.user_id = u.id AND k.caregiver_id = ?1)
           FROM app_user u WHERE u.role = 'consulent' AND u.disabled_at IS NULL ORDER BY u.name, u.id",
    )?;
    let rows = stmt.query_map([caregiver_id], |r| {
        Ok(ConsultantChoice { user_id: r.get(0)?, name: r.get(1)?, in_caseload: r.get(2)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Sets which active consultants have this caregiver; the others lose them.
/// Refused as a whole when an id is not an active consultant.
pub fn set_consultants(conn: &Connection, caregiver_id: i64, user_ids: &[i64]) -> Result<Vec<ConsultantChoice>> {
    let choices = consultants_of(conn, caregiver_id)?;
    if let Some(unknown) = user_ids.iter().find(|id| !choices.iter().any(|c| c.user_id == **id)) {
        return Err(Error::Invalid(format!(
            "Gebruiker {unknown} is geen actieve consulent (meer). Open het dossier opnieuw en kies opnieuw."
        )));
    }
    for choice in &choices {
        if user_ids.contains(&choice.user_id) {
            add_to_caseload(conn, choice.user_id, caregiver_id)?;
        } else {
            conn.prepare_cached("DELETE FROM caseload WHERE user_id = ?1 AND caregiver_id = ?2")?
                .execute(params![choice.user_id, caregiver_id])?;
        }
    }
    consultants_of(conn, caregiver_id)
}

/// The active consultants, by name, with the size of their caseload.
pub fn list_consultants(conn: &Connection) -> Result<Vec<ConsultantLoad>> {
    let mut stmt = conn.prepare_cached(
        "SELECT u.id, u.name,
                (SELECT count(*) FROM caseload k JOIN caregiver c ON c.id = k.caregiver_id
                  WHERE k.user_id = u.id AND c.archived_at IS NULL)
           FROM app_user u WHERE u.role = 'consulent' AND u.disabled_at IS NULL ORDER BY u.name, u.id",
    )?;
    let rows =
        stmt.query_map([], |r| Ok(ConsultantLoad { user_id: r.get(0)?, name: r.get(1)?, caregivers: r.get(2)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The caregivers in a user's caseload whose dossier is in use (not
/// archived), oldest dossier first.
pub fn caseload_of(conn: &Connection, user_id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT k.caregiver_id FROM caseload k JOIN caregiver c ON c.id = k.caregiver_id
          WHERE k.user_id = ?1 AND c.archived_at IS NULL ORDER BY k.caregiver_id",
    )?;
    let rows = stmt.query_map([user_id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
