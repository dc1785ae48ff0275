//! Retention and erasure (AVG). A dossier ends when it is archived; after
//! the retention period (15 years, or 5 when no respite was ever delivered;
//! both settings) the app proposes to erase it. A person may also ask for
//! erasure at any time. A legal hold stops both.
//!
//! Erasure removes the personal data and keeps the row, pseudonymised: the
//! ledger's entries point at the caregiver and the session, and keep doing
//! so, so every funding total adds up as before (and a re-allocation gives
//! the same). What stays is what funding needs and names nobody: the
//! municipality, the insurer and whether there is a supplementary policy.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, AuditAction};
use crate::error::{Error, FieldError, Result};

crate::codes::codes! {
    /// Why a dossier is erased.
    ErasureGround / "de reden om te wissen" {
        Request = "verzoek" / "Op verzoek van de betrokkene",
        RetentionEnded = "bewaartermijn" / "Bewaartermijn verstreken",
    }
}

/// The two retention periods, in years.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct RetentionSettings {
    /// When respite was delivered (the usual case): 15 years.
    pub years_granted: u32,
    /// When nothing was ever delivered: 5 years.
    pub years_not_granted: u32,
}

/// A dossier whose retention period is over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ErasureProposal {
    pub caregiver_id: i64,
    pub name: String,
    #[ts(type = "string")]
    pub ended_on: NaiveDate,
    /// Respite was delivered: the longer period applies.
    pub granted: bool,
    #[ts(type = "string")]
    pub due_on: NaiveDate,
}

/// What an erasure removed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ErasureReport {
    pub recipients_erased: usize,
    pub intakes_removed: usize,
    pub sessions_kept: usize,
}

fn setting(conn: &Connection, key: &str, default: u32) -> Result<u32> {
    let value: Option<String> =
        conn.query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| r.get(0)).optional()?;
    Ok(value.and_then(|v| v.parse().ok()).unwrap_or(default))
}

pub fn settings(conn: &Connection) -> Result<RetentionSettings> {
    Ok(RetentionSettings {
        years_granted: setting(conn, "retention_years_granted", 15)?,
        years_not_granted: setting(conn, "retention_years_not_granted", 5)?,
    })
}

/// Sets the periods; each between 1 and 30 years (the law asks 15 for care
/// records, a region may keep them no shorter).
pub fn set_settings(conn: &Connection, input: &RetentionSettings) -> Result<RetentionSettings> {
    let mut errors = Vec::new();
    if !(1..=30).contains(&input.years_granted) {
        errors.push(FieldError::new("yearsGranted", "Kies een bewaartermijn van 1 tot 30 jaar."));
    }
    if !(1..=30).contains(&input.years_not_granted) {
        errors.push(FieldError::new("yearsNotGranted", "Kies een bewaartermijn van 1 tot 30 jaar."));
    }
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    for (key, value) in
        [("retention_years_granted", input.years_granted), ("retention_years_not_granted", input.years_not_granted)]
    {
        conn.execute(
            "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value.to_string()],
        )?;
    }
    settings(conn)
}

fn add_years(date: NaiveDate, years: u32) -> NaiveDate {
    let year = date.year() + years as i32;
    NaiveDate::from_ymd_opt(year, date.month(), date.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, date.month(), 28)) // 29 February
        .unwrap_or(date)
}

/// Archived dossiers whose retention period ended on or before `today`,
/// without a legal hold and not yet erased; longest overdue first.
pub fn proposals(conn: &Connection, today: NaiveDate) -> Result<Vec<ErasureProposal>> {
    let periods = settings(conn)?;
    let mut stmt = conn.prepare(
        "SELECT c.id, c.first_name, c.last_name, substr(c.archived_at, 1, 10),
                EXISTS (SELECT 1 FROM session s WHERE s.caregiver_id = c.id AND s.status = 'uitgevoerd')
         FROM caregiver c
         WHERE c.archived_at IS NOT NULL AND c.erased_at IS NULL AND c.legal_hold_reason IS NULL",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?, r.get(4)?))
    })?;
    let mut due = Vec::new();
    for row in rows {
        let (caregiver_id, first, last, ended, granted): (i64, String, String, String, bool) = row?;
        let Some(ended_on) = crate::store::iso_date(&ended) else { continue };
        let years = if granted { periods.years_granted } else { periods.years_not_granted };
        let due_on = add_years(ended_on, years);
        if due_on <= today {
            due.push(ErasureProposal {
                caregiver_id,
                name: format!("{first} {last}").trim().to_string(),
                ended_on,
                granted,
                due_on,
            });
        }
    }
    due.sort_by_key(|p| (p.due_on, p.caregiver_id));
    Ok(due)
}

/// Sets (a reason) or lifts (`None`) a legal hold on a dossier.
pub fn set_legal_hold(conn: &Connection, caregiver_id: i64, reason: Option<&str>, now: DateTime<Utc>) -> Result<()> {
    let reason = reason.map(str::trim);
    if reason == Some("") {
        return Err(Error::Validation(vec![FieldError::new(
            "reason",
            "Schrijf op waarom het dossier bewaard moet blijven (bijvoorbeeld een lopende klacht of rechtszaak).",
        )]));
    }
    crate::store::in_savepoint(conn, "legal_hold", || {
        let changed =
            conn.execute("UPDATE caregiver SET legal_hold_reason = ?2 WHERE id = ?1", params![caregiver_id, reason])?;
        if changed == 0 {
            return Err(Error::NotFound(format!("Mantelzorger {caregiver_id} bestaat niet.")));
        }
        let what = if reason.is_some() { "gezet" } else { "opgeheven" };
        audit::record(conn, AuditAction::LegalHold, Some(caregiver_id), what, now)
    })
}

/// Erases the personal data of a caregiver, of the care recipients only
/// they care for, and of their intakes; keeps the sessions and the ledger.
/// Refused under a legal hold. All or nothing.
pub fn erase(conn: &Connection, caregiver_id: i64, ground: ErasureGround, now: DateTime<Utc>) -> Result<ErasureReport> {
    let state: Option<(Option<String>, Option<String>)> = conn
        .query_row("SELECT legal_hold_reason, erased_at FROM caregiver WHERE id = ?1", [caregiver_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    match state {
        None => return Err(Error::NotFound(format!("Mantelzorger {caregiver_id} bestaat niet."))),
        Some((Some(hold), _)) => {
            return Err(Error::Invalid(format!(
                "Dit dossier heeft een juridische bewaarplicht ({hold}); hef die eerst op. Er is niets gewist."
            )))
        }
        Some((None, Some(_))) => return Err(Error::Invalid("Dit dossier is al gewist.".into())),
        Some((None, None)) => {}
    }
    let stamp = crate::store::timestamp(now);
    crate::store::in_savepoint(conn, "erase", || {
        // Recipients nobody else cares for lose their personal data; their
        // municipality and Wlz flag stay (they decide who pays).
        let recipients_erased = conn.execute(
            "UPDATE care_recipient SET first_name = '', last_name = 'Gewist', date_of_birth = '1900-01-01',
                 postcode = '', house_number = '', street = '', place = '', twin_key = 'gewist-' || id, updated_at = ?2
             WHERE id IN (SELECT recipient_id FROM caregiver_recipient WHERE caregiver_id = ?1)
               AND NOT EXISTS (SELECT 1 FROM caregiver_recipient o WHERE o.recipient_id = care_recipient.id AND o.caregiver_id <> ?1)",
            params![caregiver_id, stamp],
        )?;
        conn.execute("UPDATE caregiver_recipient SET relationship = '' WHERE caregiver_id = ?1", [caregiver_id])?;
        // Intakes hold the health situation: they go, with their assessments.
        conn.execute(
            "DELETE FROM burden_assessment WHERE intake_id IN (SELECT id FROM intake WHERE caregiver_id = ?1)",
            [caregiver_id],
        )?;
        let intakes_removed = conn.execute("DELETE FROM intake WHERE caregiver_id = ?1", [caregiver_id])?;
        // Requests keep their dates and codes for the monitor; the caller's details and notes go.
        conn.execute(
            "UPDATE request SET first_name = '', last_name = 'Gewist', date_of_birth = NULL, postcode = '', phone = '',
               note = '', status_note = CASE WHEN status_note = '' THEN '' ELSE '(gewist)' END
             WHERE caregiver_id = ?1",
            [caregiver_id],
        )?;
        conn.execute(
            "UPDATE request_status_change SET note = '(gewist)'
             WHERE note <> '' AND request_id IN (SELECT id FROM request WHERE caregiver_id = ?1)",
            [caregiver_id],
        )?;
        // Sessions stay (the ledger needs them); their free text goes.
        let sessions_kept = conn.execute(
            "UPDATE session SET handover_note = '', review_note = '' WHERE caregiver_id = ?1",
            [caregiver_id],
        )?;
        conn.execute(
            "UPDATE session_change SET reason = '(gewist)' WHERE reason <> ''
               AND session_id IN (SELECT id FROM session WHERE caregiver_id = ?1)",
            [caregiver_id],
        )?;
        conn.execute(
            "UPDATE clash_override SET reason = '(gewist)', detail = ''
             WHERE session_id IN (SELECT id FROM session WHERE caregiver_id = ?1)",
            [caregiver_id],
        )?;
        conn.execute(
            "UPDATE caregiver SET extern_id = NULL, first_name = '', last_name = 'Gewist', date_of_birth = '1900-01-01',
                 postcode = '', house_number = '', street = '', place = '', phone = '', email = '', policy_number = '',
                 care_minutes_per_week = NULL, caring_since = NULL, notes = '', sort_key = 'gewist', first_key = '', last_key = '',
                 twin_key = 'gewist-' || id, search_text = '', archive_reason = '', erased_at = ?2, updated_at = ?2,
                 archived_at = COALESCE(archived_at, ?2)
             WHERE id = ?1",
            params![caregiver_id, stamp],
        )?;
        conn.execute("DELETE FROM caregiver_search WHERE rowid = ?1", [caregiver_id])?;
        audit::record(conn, AuditAction::Erased, Some(caregiver_id), ground.label(), now)?;
        Ok(ErasureReport { recipients_erased, intakes_removed, sessions_kept })
    })
}

/// Where a dossier stands: its end date, when it is due, a legal hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct DossierRetention {
    #[ts(type = "string | null")]
    pub ended_on: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub due_on: Option<NaiveDate>,
    pub legal_hold_reason: Option<String>,
    pub erased: bool,
}

pub fn of_caregiver(conn: &Connection, caregiver_id: i64) -> Result<DossierRetention> {
    let periods = settings(conn)?;
    type Row = (Option<String>, Option<String>, Option<String>, bool);
    let row: Option<Row> = conn
        .query_row(
            "SELECT substr(archived_at, 1, 10), legal_hold_reason, erased_at,
                    EXISTS (SELECT 1 FROM session s WHERE s.caregiver_id = c.id AND s.status = 'uitgevoerd')
             FROM caregiver c WHERE id = ?1",
            [caregiver_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let Some((ended, hold, erased, granted)) = row else {
        return Err(Error::NotFound(format!("Mantelzorger {caregiver_id} bestaat niet.")));
    };
    let ended_on = ended.as_deref().and_then(crate::store::iso_date);
    let years = if granted { periods.years_granted } else { periods.years_not_granted };
    Ok(DossierRetention {
        ended_on,
        due_on: ended_on.map(|d| add_years(d, years)),
        legal_hold_reason: hold,
        erased: erased.is_some(),
    })
}
