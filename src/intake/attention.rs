//! "Aandacht": the director's start screen. Caregivers who need action now,
//! crisis first, then soon, then by the date the attention became due.
//!
//! Each reason is its own small query returning the same shape, so a new
//! reason (or a new condition on one) is a local change.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, Row};
use serde::Serialize;
use ts_rs::TS;

use super::codes::Urgency;
use crate::dutch;
use crate::error::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub enum AttentionKind {
    /// The latest assessment is above the instrument's cut-off and no respite is planned.
    Overloaded,
    /// The follow-up date of an open intake has come.
    FollowUpDue,
    /// Handed over by a consultant, not yet picked up by the director.
    NotPickedUp,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct AttentionReason {
    pub kind: AttentionKind,
    /// Dutch, for the list.
    pub text: String,
    pub intake_id: i64,
    pub date: NaiveDate,
}

/// One caregiver on the list, with every reason they are there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct AttentionItem {
    pub caregiver_id: i64,
    pub name: String,
    pub reasons: Vec<AttentionReason>,
    /// The highest urgency among the intakes behind the reasons.
    pub urgency: Urgency,
    /// The earliest date among the reasons.
    pub due: NaiveDate,
}

/// One row of any reason query: caregiver, name, sort key, intake, date, urgency, text.
struct Hit {
    caregiver_id: i64,
    name: String,
    sort_key: String,
    urgency: Urgency,
    reason: AttentionReason,
}

/// Every reason query selects these first, then its own columns.
const PERSON: &str = "c.id, c.first_name || ' ' || c.last_name, c.sort_key, i.id, i.urgency";

fn hit(r: &Row<'_>, kind: AttentionKind, date: NaiveDate, text: String) -> rusqlite::Result<Hit> {
    Ok(Hit {
        caregiver_id: r.get(0)?,
        name: r.get(1)?,
        sort_key: r.get(2)?,
        urgency: r.get(4)?,
        reason: AttentionReason { kind, text, intake_id: r.get(3)?, date },
    })
}

/// Caregivers whose latest assessment (on an intake still open) is
/// overloaded and who have no respite planned or confirmed from today on.
fn overloaded(conn: &Connection, today: NaiveDate) -> Result<Vec<Hit>> {
    let sql = format!(
        "WITH latest AS (
           SELECT a.intake_id, a.score, a.band, a.overloaded, a.assessed_on,
                  ROW_NUMBER() OVER (PARTITION BY i.caregiver_id ORDER BY a.assessed_on DESC, a.id DESC) AS rank
           FROM burden_assessment a JOIN intake i ON i.id = a.intake_id
           WHERE i.status <> 'gesloten')
         SELECT {PERSON}, l.score, l.band, l.assessed_on
         FROM latest l JOIN intake i ON i.id = l.intake_id JOIN caregiver c ON c.id = i.caregiver_id
         WHERE l.rank = 1 AND l.overloaded AND c.archived_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM session s WHERE s.caregiver_id = c.id AND s.date >= ?1
                           AND s.status IN ('gepland', 'bevestigd'))"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([today], |r| {
        let (score, band, on): (i64, String, NaiveDate) = (r.get(5)?, r.get(6)?, r.get(7)?);
        let text = format!("Overbelast: score {score} ({band}) op {}; nog geen respijt gepland.", dutch::date_text(on));
        hit(r, AttentionKind::Overloaded, on, text)
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn follow_ups_due(conn: &Connection, today: NaiveDate) -> Result<Vec<Hit>> {
    let sql = format!(
        "SELECT {PERSON}, i.follow_up_date FROM intake i JOIN caregiver c ON c.id = i.caregiver_id
         WHERE i.follow_up_date <= ?1 AND i.status <> 'gesloten' AND c.archived_at IS NULL"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([today], |r| {
        let date: NaiveDate = r.get(5)?;
        let text = if date == today {
            "Opvolging staat voor vandaag gepland.".to_string()
        } else {
            format!("Opvolging was gepland op {}.", dutch::date_text(date))
        };
        hit(r, AttentionKind::FollowUpDue, date, text)
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn not_picked_up(conn: &Connection) -> Result<Vec<Hit>> {
    let sql = format!(
        "SELECT {PERSON}, date(COALESCE(i.handed_over_at, i.updated_at)), i.consultant_name
         FROM intake i JOIN caregiver c ON c.id = i.caregiver_id
         WHERE i.status = 'overgedragen' AND c.archived_at IS NULL"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], |r| {
        let (date, consultant): (NaiveDate, String) = (r.get(5)?, r.get(6)?);
        let by = if consultant.is_empty() { String::new() } else { format!(" door {consultant}") };
        let text = format!("Intake overgedragen{by} op {}; nog niet opgepakt.", dutch::date_text(date));
        hit(r, AttentionKind::NotPickedUp, date, text)
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The attention list for `today`, one item per caregiver.
pub fn attention_list(conn: &Connection, today: NaiveDate) -> Result<Vec<AttentionItem>> {
    let hits = [overloaded(conn, today)?, follow_ups_due(conn, today)?, not_picked_up(conn)?].into_iter().flatten();
    let mut by_caregiver: HashMap<i64, (String, AttentionItem)> = HashMap::new();
    for h in hits {
        let entry = by_caregiver.entry(h.caregiver_id).or_insert_with(|| {
            let item = AttentionItem {
                caregiver_id: h.caregiver_id,
                name: h.name.clone(),
                reasons: Vec::new(),
                urgency: h.urgency,
                due: h.reason.date,
            };
            (h.sort_key.clone(), item)
        });
        let item = &mut entry.1;
        item.urgency = item.urgency.max(h.urgency);
        item.due = item.due.min(h.reason.date);
        item.reasons.push(h.reason);
    }
    let mut items: Vec<(String, AttentionItem)> = by_caregiver.into_values().collect();
    for (_, item) in &mut items {
        item.reasons.sort_by_key(|r| (r.date, r.intake_id));
    }
    items.sort_by(|(ka, a), (kb, b)| {
        b.urgency.cmp(&a.urgency).then(a.due.cmp(&b.due)).then(ka.cmp(kb)).then(a.caregiver_id.cmp(&b.caregiver_id))
    });
    Ok(items.into_iter().map(|(_, item)| item).collect())
}
