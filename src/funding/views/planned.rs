//! The estimated cost of planned work per municipality and year: a
//! commitment, kept by the store's triggers, never added to what was
//! delivered.

use std::collections::HashMap;

use chrono::Datelike;
use rusqlite::{params, Connection};

use crate::error::Result;
use crate::funding::facts::{cost_of, tariffs};
use crate::intake::RespiteForm;
use crate::provider::Unit;

/// The estimated cost of the sessions planned (or confirmed) in a year, per
/// municipality of the recipient, as kept by the store's triggers; rebuilt
/// first when a tariff, a service or a recipient's municipality changed.
pub(super) fn planned_totals(conn: &Connection, year: i32) -> Result<HashMap<String, i64>> {
    let stale: bool = conn.query_row("SELECT stale FROM planned_total_state", [], |r| r.get(0))?;
    if stale {
        rebuild_planned_totals(conn)?;
    }
    let mut stmt =
        conn.prepare_cached("SELECT municipality_code, cents FROM planned_total WHERE year = ?1 AND cents <> 0")?;
    let rows = stmt.query_map([year], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Costs every planned (or confirmed) session afresh, as the ledger would,
/// and replaces the kept totals: read from the session index, summed per
/// year and recipient before the recipients' municipalities are looked up.
pub fn rebuild_planned_totals(conn: &Connection) -> Result<()> {
    let tariffs = tariffs(conn)?;
    let mut per_recipient: HashMap<(i32, i64), i64> = HashMap::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT recipient_id, provider_id, form, unit, date, ends_at - starts_at, units
             FROM session INDEXED BY session_by_status_date WHERE status IN ('gepland', 'bevestigd')",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            // An unknown form or unit is an error, not a skipped session or an hourly price.
            let form: RespiteForm = r.get(2)?;
            let unit: Unit = r.get(3)?;
            let date = crate::store::iso_date(r.get_ref(4)?.as_str().unwrap_or_default());
            let Some(date) = date else { continue };
            if let Some(cost) = cost_of(&tariffs, r.get(1)?, form, unit, r.get(6)?, r.get(5)?, date) {
                *per_recipient.entry((date.year(), r.get(0)?)).or_default() += cost;
            }
        }
    }
    let ids: Vec<i64> = per_recipient.keys().map(|(_, id)| *id).collect();
    let ids = serde_json::to_string(&ids).unwrap_or_else(|_| "[]".into());
    let mut municipality_of: HashMap<i64, String> = HashMap::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT id, municipality_code FROM care_recipient
             WHERE id IN (SELECT value FROM json_each(?1)) AND municipality_code IS NOT NULL",
        )?;
        let mut rows = stmt.query([ids])?;
        while let Some(r) = rows.next()? {
            municipality_of.insert(r.get(0)?, r.get(1)?);
        }
    }
    let mut totals: HashMap<(i32, &str), i64> = HashMap::new();
    for ((year, recipient), cents) in &per_recipient {
        if let Some(code) = municipality_of.get(recipient) {
            *totals.entry((*year, code.as_str())).or_default() += cents;
        }
    }
    crate::store::in_savepoint(conn, "planned_totals", || {
        conn.execute("DELETE FROM planned_total", [])?;
        let mut insert =
            conn.prepare_cached("INSERT INTO planned_total (year, municipality_code, cents) VALUES (?1, ?2, ?3)")?;
        for ((year, code), cents) in &totals {
            insert.execute(params![year, code, cents])?;
        }
        conn.execute("UPDATE planned_total_state SET stale = 0", [])?;
        Ok(())
    })
}
