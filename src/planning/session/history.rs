//! The history of a session: every change (planned, moved, another provider
//! or helper, the hand-over note, a status, a series cancelled, a delivery
//! undone) as one line with who, when, what changed and, where given, why.
//! The director reads it in the session panel to know why a plan changed.
//!
//! What changed is Dutch ("hulp: Ans → Bert"), without the names of the
//! caregiver or the recipient and without the text of the hand-over note:
//! the history stays with the session after an erasure (which blanks the
//! reasons, as it does the override reasons, since a reason may name people).

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use crate::dutch;
use crate::error::{Error, Result};
use crate::planning::time::{clock_text, date_of};
use crate::planning::SessionStatus;

/// One line of a session's history, as the session panel shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct SessionChange {
    /// UTC, `jjjj-mm-ddTuu:mm:ssZ`.
    pub at: String,
    /// Who made the change, as the audit trail names them.
    pub by: String,
    /// Dutch, "veld: oud → nieuw" parts separated by "; ".
    pub what: String,
    /// Why, where the director gave a reason (an override, a cancelled
    /// series, an undone delivery); empty otherwise.
    pub reason: String,
}

/// What a session's history compares: the fields a director changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Snapshot {
    caregiver_id: i64,
    recipient_id: i64,
    provider: String,
    helper: Option<String>,
    starts_at: i64,
    ends_at: i64,
    units: i64,
    handover_note: String,
    status: SessionStatus,
    delivered_minutes: Option<i64>,
}

pub(crate) fn snapshot(conn: &Connection, id: i64) -> Result<Snapshot> {
    conn.prepare_cached(
        "SELECT s.caregiver_id, s.recipient_id, p.name, h.name, s.starts_at, s.ends_at, s.units, s.handover_note,
                s.status, s.delivered_minutes
         FROM session s JOIN provider p ON p.id = s.provider_id LEFT JOIN helper h ON h.id = s.helper_id
         WHERE s.id = ?1",
    )?
    .query_row([id], |r| {
        Ok(Snapshot {
            caregiver_id: r.get(0)?,
            recipient_id: r.get(1)?,
            provider: r.get(2)?,
            helper: r.get(3)?,
            starts_at: r.get(4)?,
            ends_at: r.get(5)?,
            units: r.get(6)?,
            handover_note: r.get(7)?,
            status: r.get(8)?,
            delivered_minutes: r.get(9)?,
        })
    })
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("Inzet {id} bestaat niet.")))
}

fn when_text(starts_at: i64, ends_at: i64) -> String {
    let (start, end) = (date_of(starts_at), date_of(ends_at - 1));
    if start == end {
        format!("{} {}–{}", dutch::date_text(start), clock_text(starts_at), clock_text(ends_at))
    } else {
        format!(
            "{} {} – {} {}",
            dutch::date_text(start),
            clock_text(starts_at),
            dutch::date_text(end),
            clock_text(ends_at)
        )
    }
}

fn status_text(status: SessionStatus, delivered: Option<i64>) -> String {
    match (status, delivered) {
        (SessionStatus::Delivered, Some(minutes)) => format!("{} ({} uur)", status.label(), dutch::hours_text(minutes)),
        _ => status.label().to_string(),
    }
}

/// The changed fields, each as (field, "veld: oud → nieuw").
fn differences(old: &Snapshot, new: &Snapshot) -> Vec<(&'static str, String)> {
    let mut parts = Vec::new();
    if (old.starts_at, old.ends_at) != (new.starts_at, new.ends_at) {
        parts.push((
            "tijd",
            format!("tijd: {} → {}", when_text(old.starts_at, old.ends_at), when_text(new.starts_at, new.ends_at)),
        ));
    }
    if old.units != new.units && new.units > 0 {
        parts.push(("aantal", format!("aantal: {} → {}", old.units, new.units)));
    }
    if old.recipient_id != new.recipient_id {
        parts.push(("naaste", "naaste: een andere naaste gekozen".to_string()));
    }
    if old.provider != new.provider {
        parts.push(("aanbieder", format!("aanbieder: {} → {}", old.provider, new.provider)));
    }
    if old.helper != new.helper {
        let name = |h: &Option<String>| h.clone().unwrap_or_else(|| "geen".into());
        parts.push(("hulp", format!("hulp: {} → {}", name(&old.helper), name(&new.helper))));
    }
    if old.handover_note != new.handover_note {
        parts.push(("overdracht", "overdrachtsnotitie gewijzigd".to_string()));
    }
    if (old.status, old.delivered_minutes) != (new.status, new.delivered_minutes) {
        parts.push((
            "status",
            format!(
                "status: {} → {}",
                status_text(old.status, old.delivered_minutes),
                status_text(new.status, new.delivered_minutes)
            ),
        ));
    }
    parts
}

fn insert(conn: &Connection, id: i64, what: &str, reason: &str, now: DateTime<Utc>) -> Result<()> {
    let actor = crate::audit::acting(conn)?;
    conn.prepare_cached(
        "INSERT INTO session_change (session_id, at, actor, what, reason) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![id, crate::store::timestamp(now), actor, what, reason.trim()])?;
    Ok(())
}

/// Records an event without a before and after ("ingepland").
pub(crate) fn record(conn: &Connection, id: i64, what: &str, reason: &str, now: DateTime<Utc>) -> Result<()> {
    insert(conn, id, what, reason, now)
}

/// Records what changed since `before` (nothing when nothing did), and
/// returns the names of the changed fields for the audit trail.
pub(crate) fn record_since(
    conn: &Connection,
    id: i64,
    before: &Snapshot,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<Vec<&'static str>> {
    let after = snapshot(conn, id)?;
    let parts = differences(before, &after);
    if !parts.is_empty() {
        let what: Vec<&str> = parts.iter().map(|(_, text)| text.as_str()).collect();
        insert(conn, id, &what.join("; "), reason, now)?;
    }
    Ok(parts.into_iter().map(|(field, _)| field).collect())
}

/// Records a status about to be set (called before the update, so one call
/// serves every writer: the session panel and a provider's statement).
/// Nothing is recorded when the status and the delivered minutes stay;
/// whether something was.
pub(crate) fn record_status(
    conn: &Connection,
    id: i64,
    status: SessionStatus,
    delivered_minutes: Option<i64>,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<bool> {
    let before = snapshot(conn, id)?;
    let after = Snapshot { status, delivered_minutes, ..before.clone() };
    match differences(&before, &after).into_iter().next() {
        Some((_, text)) => {
            insert(conn, id, &text, reason, now)?;
            Ok(true)
        }
        None => Ok(false),
    }
}

/// One audit line for a change to a session: which session and which
/// fields, no values (the trail outlives an erasure).
pub(crate) fn audit(conn: &Connection, id: i64, fields: &[&str], now: DateTime<Utc>) -> Result<()> {
    if fields.is_empty() {
        return Ok(());
    }
    let caregiver = snapshot(conn, id)?.caregiver_id;
    crate::audit::record(
        conn,
        crate::audit::AuditAction::DossierChanged,
        Some(caregiver),
        &format!("inzet {id}: {}", fields.join(", ")),
        now,
    )
}

/// The history of a session, newest first.
pub fn session_history(conn: &Connection, id: i64) -> Result<Vec<SessionChange>> {
    Ok(conn
        .prepare_cached(
            "SELECT at, actor, what, reason FROM session_change INDEXED BY session_change_by_session
             WHERE session_id = ?1 ORDER BY id DESC",
        )?
        .query_map([id], |r| Ok(SessionChange { at: r.get(0)?, by: r.get(1)?, what: r.get(2)?, reason: r.get(3)? }))?
        .collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Snapshot {
        Snapshot {
            caregiver_id: 1,
            recipient_id: 2,
            provider: "ZorgMies".into(),
            helper: Some("Ans".into()),
            starts_at: crate::planning::minutes_at(
                chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default(),
                540,
            ),
            ends_at: crate::planning::minutes_at(chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default(), 720),
            units: 0,
            handover_note: "Koffie om tien uur.".into(),
            status: SessionStatus::Planned,
            delivered_minutes: None,
        }
    }

    #[test]
    fn a_change_reads_as_field_old_new_without_the_note_text() {
        let old = base();
        let new = Snapshot {
            helper: Some("Bert".into()),
            starts_at: old.starts_at + 60,
            handover_note: "Sleutel bij de buren.".into(),
            ..old.clone()
        };
        let parts: Vec<String> = differences(&old, &new).into_iter().map(|(_, t)| t).collect();
        assert_eq!(
            parts,
            [
                "tijd: 01-12-2026 09:00–12:00 → 01-12-2026 10:00–12:00",
                "hulp: Ans → Bert",
                "overdrachtsnotitie gewijzigd"
            ]
        );
        assert!(!parts.join(" ").contains("Sleutel"), "the note's text stays out of the history");
    }

    #[test]
    fn a_delivery_shows_its_hours() {
        let old = base();
        let new = Snapshot { status: SessionStatus::Delivered, delivered_minutes: Some(150), ..old.clone() };
        let parts: Vec<String> = differences(&old, &new).into_iter().map(|(_, t)| t).collect();
        assert_eq!(parts, ["status: gepland → uitgevoerd (2,5 uur)"]);
        assert!(differences(&old, &old).is_empty(), "no change, no line");
    }
}
