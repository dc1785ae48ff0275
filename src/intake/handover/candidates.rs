//! The consultant's batch: every completed intake not yet handed over,
//! across caregivers, to put several in one file.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;

/// A completed intake that has not left this laptop yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct HandoverCandidate {
    pub intake_id: i64,
    pub caregiver_id: i64,
    pub name: String,
    pub intake_date: Option<NaiveDate>,
}

/// Completed intakes of dossiers still in use, by caregiver name, then
/// intake date. The commands layer keeps a consultant to their caseload.
pub fn handover_candidates(conn: &Connection) -> Result<Vec<HandoverCandidate>> {
    let mut stmt = conn.prepare_cached(
        "SELECT i.id, c.id, c.first_name || ' ' || c.last_name, i.intake_date
           FROM intake i JOIN caregiver c ON c.id = i.caregiver_id
          WHERE i.status = 'afgerond' AND c.archived_at IS NULL
          ORDER BY c.sort_key, c.id, i.intake_date, i.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(HandoverCandidate { intake_id: r.get(0)?, caregiver_id: r.get(1)?, name: r.get(2)?, intake_date: r.get(3)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
