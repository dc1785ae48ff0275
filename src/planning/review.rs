//! The review queue (issue 14, part 3): every session the director still
//! has to settle before a period is accounted for, and the three ways to
//! settle one. What the queue holds is what the export warning counts
//! (`export::unreconciled`): flagged statement lines, and planned sessions
//! in the past that no statement closed.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::session::{get_session, view_from_row, SessionView, VIEW_SQL};
use super::time::local_today;
use super::SessionStatus;
use crate::codes::codes;
use crate::error::{Error, FieldError, Result};

/// The note a statement puts on a delivered session nobody planned.
pub(crate) const UNPLANNED_NOTE: &str = "Niet gepland; gemeld in het overzicht van de aanbieder.";

/// At most this many sessions are listed at once; the count says how many wait.
pub const REVIEW_LIMIT: usize = 200;

codes! {
    /// Why a session waits for the director.
    ReviewReason / "de reden om een inzet na te kijken" {
        Unplanned = "niet_gepland" / "geleverd maar niet gepland",
        Difference = "andere_duur" / "andere duur dan gepland",
        Clash = "conflict" / "conflict in het overzicht van de aanbieder",
        NotReported = "niet_verantwoord" / "gepland in het verleden, in geen overzicht",
    }
}

codes! {
    /// How the director settles a session in the queue.
    ReviewAction / "de beoordeling" {
        Accept = "accepteren" / "accepteren als uitgevoerd",
        Correct = "uren_corrigeren" / "uren corrigeren",
        NotDelivered = "niet_geleverd" / "niet geleverd",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ReviewItem {
    pub session: SessionView,
    pub reason: ReviewReason,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ReviewQueue {
    /// The oldest first, at most `REVIEW_LIMIT`.
    pub items: Vec<ReviewItem>,
    /// How many sessions wait in all.
    pub total: i64,
}

/// The form of one decision, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase", default)]
pub struct ReviewInput {
    pub action: Option<ReviewAction>,
    /// For a correction: the hours delivered (`2,5`).
    pub hours: String,
    /// Why: needed for a correction and for "niet geleverd".
    pub reason: String,
}

fn reason_of(view: &SessionView) -> ReviewReason {
    match view.status {
        SessionStatus::Planned | SessionStatus::Confirmed if !view.needs_review => ReviewReason::NotReported,
        _ if view.review_note.starts_with("Geleverd ") => ReviewReason::Difference,
        _ if view.review_note.starts_with(UNPLANNED_NOTE) && view.review_note.len() > UNPLANNED_NOTE.len() => {
            ReviewReason::Clash
        }
        _ => ReviewReason::Unplanned,
    }
}

/// The waiting sessions' ids, each half by its own index (the flagged ones by
/// `session_needs_review`, the open ones by status and date): an `OR` would
/// read every session of five years.
const WAITING: &str = "SELECT id FROM session WHERE needs_review = 1
    UNION SELECT id FROM session WHERE status IN ('gepland', 'bevestigd') AND date < ?1";

pub fn review_queue(conn: &Connection, now: DateTime<Utc>) -> Result<ReviewQueue> {
    let today: NaiveDate = local_today(now);
    let total: i64 = conn.query_row(&format!("SELECT COUNT(*) FROM ({WAITING})"), [today], |r| r.get(0))?;
    let items = conn
        .prepare_cached(&format!(
            "{VIEW_SQL} WHERE s.id IN ({WAITING}) ORDER BY s.starts_at, s.id LIMIT {REVIEW_LIMIT}"
        ))?
        .query_map([today], view_from_row)?
        .map(|row| row.map(|session| ReviewItem { reason: reason_of(&session), session }))
        .collect::<rusqlite::Result<_>>()?;
    Ok(ReviewQueue { items, total })
}

/// Settles one session of the queue: accepted as delivered (as stated, or
/// as planned when no statement named it), its hours corrected, or not
/// delivered. The reason stays with the session (it may name people; the
/// trail outlives an erasure), the audit trail records the decision, and the
/// funding follows.
pub fn settle_review(conn: &Connection, id: i64, input: &ReviewInput, now: DateTime<Utc>) -> Result<SessionView> {
    let view = get_session(conn, id)?;
    let reason = input.reason.trim();
    let field = |name: &str, message: &str| Error::Validation(vec![FieldError::new(name, message)]);
    let Some(action) = input.action else {
        return Err(field("action", "Kies: accepteren als uitgevoerd, uren corrigeren of niet geleverd."));
    };
    if action != ReviewAction::Accept && reason.is_empty() {
        return Err(field("reason", "Vul de reden in: die blijft bij de inzet."));
    }
    if reason.chars().count() > 500 {
        return Err(field("reason", "De reden is te lang (meer dan 500 tekens)."));
    }
    let waiting = view.needs_review || (view.status.is_open() && view.date < local_today(now));
    if !waiting {
        return Err(Error::Invalid(format!("Inzet {id} wacht niet op beoordeling.")));
    }
    let (status, delivered, note) = match action {
        ReviewAction::Accept => {
            let minutes = view.delivered_minutes.unwrap_or(view.planned_minutes);
            (SessionStatus::Delivered, Some(minutes), with_reason("Geaccepteerd als uitgevoerd", reason))
        }
        ReviewAction::Correct => {
            let minutes = crate::dutch::parse_hours_as_minutes(&input.hours).map_err(|m| field("hours", &m))?;
            if !(1..=28 * 1440).contains(&minutes) {
                return Err(field("hours", "Vul de geleverde duur in uren in, meer dan 0."));
            }
            let text = format!("Uren gecorrigeerd naar {}", crate::dutch::hours_text(minutes));
            (SessionStatus::Delivered, Some(minutes), with_reason(&text, reason))
        }
        ReviewAction::NotDelivered => (SessionStatus::Cancelled, None, with_reason("Niet geleverd", reason)),
    };
    if status == SessionStatus::Delivered {
        super::delivery_date::check_mark_delivered(conn, id, now)?;
    }
    let tx = crate::store::atomic(conn, "review")?;
    tx.execute(
        "UPDATE session SET status = ?1, delivered_minutes = ?2, needs_review = 0, review_note = ?3, updated_at = ?4
         WHERE id = ?5",
        params![status.code(), delivered, note, crate::store::timestamp(now), id],
    )?;
    crate::audit::record(
        &tx,
        crate::audit::AuditAction::DossierChanged,
        Some(view.caregiver_id),
        &format!("inzet {id} beoordeeld: {}", action.label()),
        now,
    )?;
    crate::funding::reallocate_from(&tx, view.date.year(), &[view.caregiver_id], view.date, now)?;
    tx.commit()?;
    get_session(conn, id)
}

fn with_reason(what: &str, reason: &str) -> String {
    if reason.is_empty() {
        format!("{what}.")
    } else {
        format!("{what}: {reason}")
    }
}
