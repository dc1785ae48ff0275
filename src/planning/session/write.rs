//! Writing sessions: planning one or a series, changing them, and setting
//! their status. Clashes stop a write unless the director gives a reason;
//! a change to a delivered session re-allocates its funding.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::history;
use super::input::{series_candidates, validate_session, SeriesInput, SessionInput, SkippedDate, ValidSession};
use super::view::{get_session, SessionView};
use crate::dutch;
use crate::error::{Error, FieldError, Result};
use crate::planning::clash::{find_clashes, Clash};
use crate::planning::time::iso_week_number;
use crate::planning::SessionStatus;
use crate::store::timestamp;

/// What planning led to: sessions written, or the clashes that stopped it
/// (nothing written; plan again with a reason to override).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(tag = "kind", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum PlanOutcome {
    Planned { session_ids: Vec<i64>, skipped_holidays: Vec<SkippedDate> },
    Clashes { clashes: Vec<Clash> },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub enum ChangeScope {
    ThisOnly,
    ThisAndFollowing,
}

fn insert_session(conn: &Connection, s: &ValidSession, series_id: Option<i64>, now: &str) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO session (caregiver_id, recipient_id, provider_id, helper_id, series_id, form, unit, date, iso_week,
           starts_at, ends_at, units, status, handover_note, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 'gepland', ?13, ?14, ?14)",
    )?
    .execute(params![
        s.caregiver_id,
        s.recipient_id,
        s.provider_id,
        s.helper_id,
        series_id,
        s.form.code(),
        s.unit.code(),
        s.date,
        iso_week_number(s.date),
        s.starts_at,
        s.ends_at,
        s.units,
        s.handover_note,
        now,
    ])?;
    Ok(conn.last_insert_rowid())
}

fn record_overrides(conn: &Connection, ids: &[i64], clashes: &[Clash], reason: &str, now: &str) -> Result<()> {
    for clash in clashes {
        if let Some(id) = ids.get(clash.session_index) {
            conn.prepare_cached(
                "INSERT INTO clash_override (session_id, kind, detail, reason, decided_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![id, clash.kind.code(), clash.message, reason.trim(), now])?;
            let caregiver_id: i64 =
                conn.prepare_cached("SELECT caregiver_id FROM session WHERE id = ?1")?.query_row([id], |r| r.get(0))?;
            let at = chrono::DateTime::parse_from_rfc3339(now).map(|t| t.to_utc()).unwrap_or_default();
            crate::audit::record(
                conn,
                crate::audit::AuditAction::Override,
                Some(caregiver_id),
                // The reason itself stays with the session: it may name people, and the trail outlives an erasure.
                &format!("inzet {id}: {}", clash.kind.label()),
                at,
            )?;
        }
    }
    Ok(())
}

/// The first line of each new session's history (with the override's
/// reason where it clashed), and one audit line for the planning.
fn record_planned(
    conn: &Connection,
    ids: &[i64],
    clashes: &[Clash],
    reason: &str,
    what: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    for (index, id) in ids.iter().enumerate() {
        let clashed = clashes.iter().any(|c| c.session_index == index);
        history::record(conn, *id, what, if clashed { reason } else { "" }, now)?;
    }
    if let Some(first) = ids.first() {
        let fields = if ids.len() == 1 {
            "ingepland".to_string()
        } else {
            format!("reeks van {} inzetten ingepland", ids.len())
        };
        history::audit(conn, *first, &[&fields], now)?;
    }
    Ok(())
}

/// Clashes stop planning unless a reason is given; then they are recorded.
fn overridable(clashes: &[Clash], reason: Option<&str>) -> Option<String> {
    match reason.map(str::trim) {
        _ if clashes.is_empty() => Some(String::new()),
        Some(r) if !r.is_empty() => Some(r.to_string()),
        _ => None,
    }
}

pub fn plan_session(
    conn: &Connection,
    input: &SessionInput,
    override_reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<PlanOutcome> {
    let session = validate_session(conn, input)?;
    let candidates = [session];
    let clashes = find_clashes(conn, &candidates, &[])?;
    let Some(reason) = overridable(&clashes, override_reason) else {
        return Ok(PlanOutcome::Clashes { clashes });
    };
    let ts = timestamp(now);
    let tx = crate::store::atomic(conn, "planning")?;
    let ids = vec![insert_session(&tx, &candidates[0], None, &ts)?];
    record_overrides(&tx, &ids, &clashes, &reason, &ts)?;
    record_planned(&tx, &ids, &clashes, &reason, "ingepland", now)?;
    tx.commit()?;
    Ok(PlanOutcome::Planned { session_ids: ids, skipped_holidays: vec![] })
}

pub fn plan_series(
    conn: &Connection,
    input: &SeriesInput,
    override_reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<PlanOutcome> {
    let (candidates, skipped_holidays) = series_candidates(conn, input)?;
    if candidates.is_empty() {
        return Err(Error::Validation(vec![FieldError::new("weekdays", "Deze reeks heeft geen enkele datum.")]));
    }
    let clashes = find_clashes(conn, &candidates, &[])?;
    let Some(reason) = overridable(&clashes, override_reason) else {
        return Ok(PlanOutcome::Clashes { clashes });
    };
    let ts = timestamp(now);
    let tx = crate::store::atomic(conn, "planning")?;
    let weekdays = crate::codes::set_to_json(&input.weekdays);
    tx.execute(
        "INSERT INTO session_series (every_weeks, weekdays, first_date, until_date, count, skip_holidays, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            input.every_weeks,
            weekdays,
            candidates[0].date,
            dutch::parse_date(&input.until).ok(),
            input.count.trim().parse::<i64>().ok(),
            input.skip_holidays,
            ts
        ],
    )?;
    let series_id = tx.last_insert_rowid();
    let ids = candidates.iter().map(|c| insert_session(&tx, c, Some(series_id), &ts)).collect::<Result<Vec<_>>>()?;
    record_overrides(&tx, &ids, &clashes, &reason, &ts)?;
    record_planned(&tx, &ids, &clashes, &reason, "ingepland in een reeks", now)?;
    tx.commit()?;
    Ok(PlanOutcome::Planned { session_ids: ids, skipped_holidays })
}

/// Changes one session, or it and the ones that follow in its series. A
/// changed date moves the following sessions by as many days.
pub fn update_session(
    conn: &Connection,
    id: i64,
    input: &SessionInput,
    scope: ChangeScope,
    override_reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<PlanOutcome> {
    let (series_id, old_date, old_start): (Option<i64>, NaiveDate, i64) = conn
        .query_row("SELECT series_id, date, starts_at FROM session WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("Inzet {id} bestaat niet.")))?;
    let template = validate_session(conn, input)?;
    let targets: Vec<(i64, NaiveDate)> = match (scope, series_id) {
        (ChangeScope::ThisAndFollowing, Some(series)) => conn
            .prepare(
                "SELECT id, date FROM session WHERE series_id = ?1 AND starts_at >= ?2
                 AND status IN ('gepland', 'bevestigd') ORDER BY starts_at",
            )?
            .query_map(params![series, old_start], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?,
        _ => vec![(id, old_date)],
    };
    let shift = template.date - old_date;
    let candidates: Vec<ValidSession> = targets.iter().map(|(_, date)| template.on(*date + shift)).collect();
    let ids: Vec<i64> = targets.iter().map(|(id, _)| *id).collect();
    let clashes = find_clashes(conn, &candidates, &ids)?;
    let Some(reason) = overridable(&clashes, override_reason) else {
        return Ok(PlanOutcome::Clashes { clashes });
    };
    let ts = timestamp(now);
    let tx = crate::store::atomic(conn, "planning")?;
    let before = ids.iter().map(|id| history::snapshot(&tx, *id)).collect::<Result<Vec<_>>>()?;
    for (s, id) in candidates.iter().zip(&ids) {
        tx.prepare_cached(
            "UPDATE session SET recipient_id = ?1, provider_id = ?2, helper_id = ?3, form = ?4, unit = ?5, date = ?6,
               iso_week = ?7, starts_at = ?8, ends_at = ?9, units = ?10, handover_note = ?11, updated_at = ?12
             WHERE id = ?13",
        )?
        .execute(params![
            s.recipient_id,
            s.provider_id,
            s.helper_id,
            s.form.code(),
            s.unit.code(),
            s.date,
            iso_week_number(s.date),
            s.starts_at,
            s.ends_at,
            s.units,
            s.handover_note,
            ts,
            id
        ])?;
    }
    record_overrides(&tx, &ids, &clashes, &reason, &ts)?;
    let mut fields: Vec<&str> = Vec::new();
    for (id, before) in ids.iter().zip(&before) {
        for field in history::record_since(&tx, *id, before, &reason, now)? {
            if !fields.contains(&field) {
                fields.push(field);
            }
        }
    }
    history::audit(&tx, id, &fields, now)?;
    // A delivered session that moved or changed provider changes who pays.
    let mut dates: Vec<NaiveDate> = targets.iter().map(|(_, d)| *d).chain(candidates.iter().map(|c| c.date)).collect();
    dates.sort_unstable();
    let mut years: Vec<i32> = dates.iter().map(|d| d.year()).collect();
    years.dedup();
    for year in years {
        let from = dates.iter().copied().find(|d| d.year() == year).unwrap_or(old_date);
        crate::funding::reallocate_from(&tx, year, &[template.caregiver_id], from, now)?;
    }
    tx.commit()?;
    Ok(PlanOutcome::Planned { session_ids: ids, skipped_holidays: vec![] })
}

/// Marks a session confirmed, delivered (with its delivered minutes; by
/// default as planned), cancelled or no-show.
pub fn set_status(
    conn: &Connection,
    id: i64,
    status: SessionStatus,
    delivered_minutes: Option<i64>,
    now: DateTime<Utc>,
) -> Result<SessionView> {
    if status == SessionStatus::Delivered {
        crate::planning::delivery_date::check_mark_delivered(conn, id, now)?;
    }
    let planned: i64 = conn
        .query_row("SELECT ends_at - starts_at FROM session WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("Inzet {id} bestaat niet.")))?;
    let delivered = match status {
        SessionStatus::Delivered => {
            let minutes = delivered_minutes.unwrap_or(planned);
            if !(1..=28 * 1440).contains(&minutes) {
                return Err(Error::Validation(vec![FieldError::new(
                    "deliveredMinutes",
                    "Vul de geleverde duur in minuten in (meer dan 0).",
                )]));
            }
            Some(minutes)
        }
        _ => None,
    };
    let tx = crate::store::atomic(conn, "planning")?;
    let changed = history::record_status(&tx, id, status, delivered, "", now)?;
    tx.execute(
        "UPDATE session SET status = ?1, delivered_minutes = ?2, updated_at = ?3 WHERE id = ?4",
        params![status.code(), delivered, timestamp(now), id],
    )?;
    history::audit(&tx, id, if changed { &["status"] } else { &[] }, now)?;
    let (caregiver, date): (i64, NaiveDate) =
        tx.query_row("SELECT caregiver_id, date FROM session WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    crate::funding::reallocate_from(&tx, date.year(), &[caregiver], date, now)?;
    tx.commit()?;
    get_session(conn, id)
}
