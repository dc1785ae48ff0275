//! A session as the calendar and the dossier show it, with the overrides
//! that let it through and what the session panel offers for it.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row};
use serde::Serialize;
use ts_rs::TS;

use super::history::{session_history, SessionChange};
use crate::error::{Error, Result};
use crate::intake::RespiteForm;
use crate::planning::delivery_date::has_started;
use crate::planning::time::{clock_text, date_of, minutes_at, parse_clock};
use crate::planning::{ClashKind, SessionStatus};
use crate::provider::Unit;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct OverrideView {
    pub kind: ClashKind,
    pub detail: String,
    pub reason: String,
    pub decided_at: String,
}

/// A session as the calendar and the dossier show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct SessionView {
    pub id: i64,
    pub caregiver_id: i64,
    pub caregiver_name: String,
    pub recipient_id: i64,
    pub recipient_name: String,
    pub provider_id: i64,
    pub provider_name: String,
    pub helper_id: Option<i64>,
    pub helper_name: Option<String>,
    pub series_id: Option<i64>,
    pub form: RespiteForm,
    pub unit: Unit,
    pub date: NaiveDate,
    pub start: String,
    pub end: String,
    pub end_date: NaiveDate,
    pub units: i64,
    pub planned_minutes: i64,
    pub status: SessionStatus,
    pub delivered_minutes: Option<i64>,
    pub handover_note: String,
    pub needs_review: bool,
    pub review_note: String,
    pub overrides: Vec<OverrideView>,
    /// What the session panel offers for this session, the core's rule for
    /// it (the core itself also takes corrections of delivered sessions, from
    /// a statement or the CLI): change its time or provider while it is open
    /// ...
    pub can_change: bool,
    /// ... report it delivered ...
    pub can_report_delivered: bool,
    /// ... correct the hours of a delivered one ...
    pub can_correct_delivery: bool,
    /// ... or call it off (cancelled, no-show).
    pub can_call_off: bool,
    /// Planned, not yet confirmed: the panel offers to confirm it.
    pub can_confirm: bool,
    /// Delivered: the panel offers to undo the delivery (with a reason).
    pub can_undo_delivery: bool,
    /// Open and part of a series: the panel offers to cancel the series from a date.
    pub can_cancel_series: bool,
    /// Every change to the session, newest first (only in `get_session`;
    /// the calendar's sessions leave it empty).
    pub history: Vec<SessionChange>,
}

impl SessionView {
    /// What the panel offers also depends on the clock: a session that has
    /// not started yet cannot be reported delivered (it would use a cap day
    /// for respite that has not happened).
    pub fn offered_at(mut self, now: DateTime<Utc>) -> Self {
        let starts_at = minutes_at(self.date, parse_clock(&self.start).unwrap_or(0));
        self.can_report_delivered &= has_started(starts_at, now);
        self
    }
}

pub(crate) const VIEW_SQL: &str = "SELECT s.id, s.caregiver_id, c.first_name || ' ' || c.last_name, s.recipient_id,
        r.first_name || ' ' || r.last_name, s.provider_id, p.name, s.helper_id, h.name, s.series_id, s.form, s.unit,
        s.date, s.starts_at, s.ends_at, s.units, s.status, s.delivered_minutes, s.handover_note, s.needs_review,
        s.review_note
    FROM session s JOIN caregiver c ON c.id = s.caregiver_id JOIN care_recipient r ON r.id = s.recipient_id
    JOIN provider p ON p.id = s.provider_id LEFT JOIN helper h ON h.id = s.helper_id";

pub(crate) fn view_from_row(r: &Row<'_>) -> rusqlite::Result<SessionView> {
    let status: SessionStatus = r.get(16)?;
    let starts_at: i64 = r.get(13)?;
    let ends_at: i64 = r.get(14)?;
    Ok(SessionView {
        id: r.get(0)?,
        caregiver_id: r.get(1)?,
        caregiver_name: r.get(2)?,
        recipient_id: r.get(3)?,
        recipient_name: r.get(4)?,
        provider_id: r.get(5)?,
        provider_name: r.get(6)?,
        helper_id: r.get(7)?,
        helper_name: r.get(8)?,
        series_id: r.get(9)?,
        form: r.get(10)?,
        unit: r.get(11)?,
        date: r.get(12)?,
        start: clock_text(starts_at),
        end: clock_text(ends_at),
        end_date: date_of(ends_at - 1),
        units: r.get(15)?,
        planned_minutes: ends_at - starts_at,
        status,
        delivered_minutes: r.get(17)?,
        handover_note: r.get(18)?,
        needs_review: r.get(19)?,
        review_note: r.get(20)?,
        overrides: Vec::new(),
        can_change: status.is_open(),
        can_report_delivered: status.is_open(),
        can_correct_delivery: status == SessionStatus::Delivered,
        can_call_off: status.is_open(),
        can_confirm: status == SessionStatus::Planned,
        can_undo_delivery: status == SessionStatus::Delivered,
        can_cancel_series: status.is_open() && r.get::<_, Option<i64>>(9)?.is_some(),
        history: Vec::new(),
    })
}

pub fn get_session(conn: &Connection, id: i64) -> Result<SessionView> {
    let mut view = conn
        .prepare_cached(&format!("{VIEW_SQL} WHERE s.id = ?1"))?
        .query_row([id], view_from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("Inzet {id} bestaat niet.")))?;
    view.overrides = conn
        .prepare_cached(
            "SELECT kind, detail, reason, decided_at FROM clash_override WHERE session_id = ?1 ORDER BY id",
        )?
        .query_map([id], |r| {
            Ok(OverrideView { kind: r.get(0)?, detail: r.get(1)?, reason: r.get(2)?, decided_at: r.get(3)? })
        })?
        .collect::<rusqlite::Result<_>>()?;
    view.history = session_history(conn, id)?;
    Ok(view)
}
