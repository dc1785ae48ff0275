//! Ending work already planned or reported: a whole series cancelled from a
//! date, and a delivery undone (back to planned). Both need a reason, kept
//! in the history of every session they change, and both let the funding
//! follow (a closed period gets a correction in the open one).

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::history;
use super::view::{get_session, SessionView};
use crate::dutch;
use crate::error::{Error, FieldError, Result};
use crate::planning::SessionStatus;
use crate::store::timestamp;

fn required_reason(reason: &str, message: &str) -> Result<String> {
    match reason.trim() {
        "" => Err(Error::Validation(vec![FieldError::new("reason", message)])),
        r => Ok(r.to_string()),
    }
}

/// Cancels every open (planned or confirmed) session of a series on or
/// after `from`, in one transaction; the number cancelled. Sessions already
/// delivered, cancelled or missed stay as they are.
pub fn cancel_series(conn: &Connection, series_id: i64, from: &str, reason: &str, now: DateTime<Utc>) -> Result<usize> {
    let mut errors = Vec::new();
    let from = dutch::parse_date(from).map_err(|m| errors.push(FieldError::new("from", m))).ok();
    let reason = required_reason(reason, "Vul in waarom de reeks stopt.").map_err(|e| match e {
        Error::Validation(fields) => errors.extend(fields),
        other => errors.push(FieldError::new("reason", other.to_string())),
    });
    let (Some(from), Ok(reason)) = (from, reason) else {
        return Err(Error::Validation(errors));
    };
    let exists: bool =
        conn.query_row("SELECT EXISTS (SELECT 1 FROM session_series WHERE id = ?1)", [series_id], |r| r.get(0))?;
    if !exists {
        return Err(Error::NotFound(format!("Reeks {series_id} bestaat niet.")));
    }
    let targets: Vec<(i64, i64, NaiveDate)> = conn
        .prepare(
            "SELECT id, caregiver_id, date FROM session INDEXED BY session_by_series
             WHERE series_id = ?1 AND date >= ?2 AND status IN ('gepland', 'bevestigd') ORDER BY starts_at",
        )?
        .query_map(params![series_id, from], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    if targets.is_empty() {
        return Err(Error::Validation(vec![FieldError::new(
            "from",
            format!("Deze reeks heeft op of na {} geen geplande inzetten meer.", dutch::date_text(from)),
        )]));
    }
    let tx = crate::store::atomic(conn, "cancel_series")?;
    let ts = timestamp(now);
    for (id, _, _) in &targets {
        history::record_status(&tx, *id, SessionStatus::Cancelled, None, &reason, now)?;
        tx.prepare_cached(
            "UPDATE session SET status = 'geannuleerd', delivered_minutes = NULL, updated_at = ?1 WHERE id = ?2",
        )?
        .execute(params![ts, id])?;
    }
    let n = targets.len();
    history::audit(&tx, targets[0].0, &[&format!("reeks {series_id} geannuleerd ({n} inzetten)")], now)?;
    // Only delivered sessions are in the ledger, but the planned cost and the
    // budget forecast follow the sessions: bring the years concerned up to date.
    let caregiver = targets[0].1;
    let mut years: Vec<i32> = targets.iter().map(|(_, _, d)| d.year()).collect();
    years.dedup();
    for year in years {
        let first = targets.iter().map(|(_, _, d)| *d).filter(|d| d.year() == year).min().unwrap_or(from);
        crate::funding::reallocate_from(&tx, year, &[caregiver], first, now)?;
    }
    tx.commit()?;
    Ok(n)
}

/// Takes back a delivery reported by mistake: the session is planned again,
/// without delivered minutes. The ledger follows: its entries go, or, when
/// their period is closed, a correction in the first open day reverses them.
pub fn undo_delivery(conn: &Connection, id: i64, reason: &str, now: DateTime<Utc>) -> Result<SessionView> {
    let found: Option<(SessionStatus, i64, NaiveDate)> = conn
        .query_row("SELECT status, caregiver_id, date FROM session WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    let (status, caregiver, date) = found.ok_or_else(|| Error::NotFound(format!("Inzet {id} bestaat niet.")))?;
    if status != SessionStatus::Delivered {
        return Err(Error::Invalid(format!(
            "Deze inzet is {}, niet uitgevoerd: er is geen uitvoering om terug te draaien.",
            status.label()
        )));
    }
    let reason = required_reason(reason, "Vul in waarom de uitvoering wordt teruggedraaid.")?;
    let tx = crate::store::atomic(conn, "undo_delivery")?;
    history::record_status(&tx, id, SessionStatus::Planned, None, &reason, now)?;
    tx.execute(
        "UPDATE session SET status = 'gepland', delivered_minutes = NULL, updated_at = ?1 WHERE id = ?2",
        params![timestamp(now), id],
    )?;
    history::audit(&tx, id, &["uitvoering teruggedraaid"], now)?;
    crate::funding::reallocate_from(&tx, date.year(), &[caregiver], date, now)?;
    tx.commit()?;
    get_session(conn, id)
}
