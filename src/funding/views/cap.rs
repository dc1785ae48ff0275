//! A caregiver's use of each insurer scheme in a year.

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;
use crate::funding::scheme::{schemes_in_year, CapUnit};
use crate::funding::Totals;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct CapView {
    pub scheme_code: String,
    pub scheme_name: String,
    pub unit: CapUnit,
    /// Days, minutes or cents, as the unit says.
    pub cap: i64,
    pub used: i64,
    pub left: i64,
    /// The service dates that used a day (day caps), in order.
    pub dates: Vec<NaiveDate>,
}

/// A caregiver's use of each insurer scheme in a year (delivered, from the ledger).
pub fn caregiver_cap(conn: &Connection, caregiver_id: i64, year: i32) -> Result<Vec<CapView>> {
    let mut views = Vec::new();
    for scheme in schemes_in_year(conn, year)? {
        let used: Totals = conn
            .prepare_cached(
                "SELECT COALESCE(SUM(cap_days), 0), COALESCE(SUM(minutes), 0), COALESCE(SUM(cents), 0)
                 FROM ledger_entry WHERE caregiver_id = ?1 AND year = ?2 AND funder = ?3",
            )?
            .query_row(params![caregiver_id, year, scheme.code], |r| {
                Ok(Totals { cap_days: r.get(0)?, minutes: r.get(1)?, cents: r.get(2)? })
            })?;
        let dates: Vec<NaiveDate> = conn
            .prepare_cached(
                "SELECT service_date FROM ledger_entry WHERE caregiver_id = ?1 AND year = ?2 AND funder = ?3
                 GROUP BY session_id HAVING SUM(cap_days) > 0 ORDER BY service_date",
            )?
            .query_map(params![caregiver_id, year, scheme.code], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let used = match (scheme.cap_unit, scheme.day_minutes) {
            (CapUnit::Days, None) => used.cap_days,
            (CapUnit::Days, Some(per_day)) => (used.minutes + per_day - 1) / per_day.max(1),
            (CapUnit::Hours, _) => used.minutes,
            (CapUnit::Euros, _) => used.cents.cents(),
        };
        views.push(CapView {
            scheme_code: scheme.code,
            scheme_name: scheme.name,
            unit: scheme.cap_unit,
            cap: scheme.cap_amount,
            used,
            left: (scheme.cap_amount - used).max(0),
            dates,
        });
    }
    Ok(views)
}
