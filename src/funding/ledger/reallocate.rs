//! Re-allocating a year, whole or from a date on: the facts and the
//! engine's allocation, the ledger's current entries, then `diff` writes
//! what changed and `totals` follows.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection};

use super::diff::{load_entries, paired, write_changes, Track};
use super::totals::{add_to_totals, write_totals};
use super::ReallocationReport;
use crate::error::Result;
use crate::funding::engine::{self, SchemeRule};
use crate::funding::facts::{
    budgets, delivered_facts, engine_policy, scheme_rule, year_bounds, year_end_minutes, Filter,
};
use crate::funding::scheme::{list_schemes, CapUnit};
use crate::planning::minutes_at;

/// Recomputes the entries of a year and writes what changed, all or
/// nothing: inside a savepoint, so it nests in a caller's transaction and
/// never leaves a half-written year.
pub fn reallocate_year(conn: &Connection, year: i32, now: DateTime<Utc>) -> Result<ReallocationReport> {
    crate::store::in_savepoint(conn, "reallocate_year", || reallocate_year_inner(conn, year, now))
}

fn reallocate_year_inner(conn: &Connection, year: i32, now: DateTime<Utc>) -> Result<ReallocationReport> {
    let (mut facts, schemes, without_tariff) = delivered_facts(conn, year, &Filter::Year)?;
    facts.sort_by_key(engine::order_key);
    let rules: Vec<SchemeRule> = schemes.iter().map(scheme_rule).collect();
    let allocation = engine::allocate(&facts, &rules, engine_policy(conn)?, &budgets(conn, year)?);
    let (first, last) = year_bounds(year);
    // The year's entries: booked in the year, and corrections booked after it.
    let current = load_entries(
        conn,
        "SELECT session_id, funder, cents, minutes, cap_days, frozen, caregiver_id, service_date FROM ledger_entry
         WHERE booking_date BETWEEN ?1 AND ?2 AND year = ?3
         UNION ALL
         SELECT session_id, funder, cents, minutes, cap_days, frozen, caregiver_id, service_date FROM ledger_entry
         WHERE kind = 'correctie' AND service_date BETWEEN ?1 AND ?2 AND booking_date > ?2",
        params![first, last, year],
    )?;
    let mut report = ReallocationReport { year, sessions: facts.len(), without_tariff, ..Default::default() };
    let allocated = paired(&facts, &allocation);
    write_changes(conn, year, &allocated, current, now, &mut report, Track::Nothing)?;
    write_totals(conn, year, &allocated, &schemes)?;
    Ok(report)
}

/// Re-allocates part of a year after a change to the sessions of some
/// caregivers from `from` on: their sessions, and the sessions that share a
/// budget with them, starting from the caps and budgets as the ledger has
/// them before that date. Same result as a full re-allocation, at the cost
/// of the sessions involved. Caps in other units than calendar days cannot
/// be picked up midway, so those fall back to the full year.
pub fn reallocate_from(
    conn: &Connection,
    year: i32,
    caregivers: &[i64],
    from: NaiveDate,
    now: DateTime<Utc>,
) -> Result<ReallocationReport> {
    let schemes = list_schemes(conn)?;
    if schemes.iter().any(|s| s.active && !(s.cap_unit == CapUnit::Days && s.day_minutes.is_none())) {
        return reallocate_year(conn, year, now);
    }
    crate::store::in_savepoint(conn, "reallocate_from", || reallocate_from_inner(conn, year, caregivers, from, now))
}

fn reallocate_from_inner(
    conn: &Connection,
    year: i32,
    caregivers: &[i64],
    from: NaiveDate,
    now: DateTime<Utc>,
) -> Result<ReallocationReport> {
    use chrono::Datelike;
    let (first, _) = year_bounds(year);
    let from = from.max(first);
    let keys = serde_json::to_string(caregivers).unwrap_or_else(|_| "[]".into());
    let budgets = budgets(conn, year)?;
    // Municipalities whose budget these caregivers draw on, now or before the change.
    let mut municipalities: Vec<String> = conn
        .prepare_cached(
            "SELECT DISTINCT r.municipality_code FROM session s INDEXED BY session_caregiver_time
               JOIN care_recipient r ON r.id = s.recipient_id
             WHERE s.caregiver_id IN (SELECT value FROM json_each(?1)) AND s.starts_at >= ?4 AND s.starts_at < ?5
               AND r.municipality_code IS NOT NULL
             UNION SELECT DISTINCT funder FROM ledger_entry INDEXED BY ledger_by_caregiver
             WHERE caregiver_id IN (SELECT value FROM json_each(?1)) AND year = ?2 AND service_date >= ?3",
        )?
        .query_map(params![keys, year, from, minutes_at(from, 0), year_end_minutes(year)], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    municipalities.retain(|m| budgets.contains_key(m));
    let (mut facts, schemes, without_tariff) =
        delivered_facts(conn, year, &Filter::From { date: from, caregivers, municipalities: &municipalities })?;
    facts.sort_by_key(engine::order_key);
    let mut involved: Vec<i64> = facts.iter().map(|f| f.caregiver_id).chain(caregivers.iter().copied()).collect();
    involved.sort_unstable();
    involved.dedup();
    let involved_json = serde_json::to_string(&involved).unwrap_or_else(|_| "[]".into());
    let scheme_codes = serde_json::to_string(&schemes.iter().map(|s| &s.code).collect::<Vec<_>>()).unwrap_or_default();
    // Days of each day cap used before `from`: the kept totals of the year
    // less the days on or after it (which the index finds without reading
    // the caregivers' earlier entries).
    let mut days_used: HashMap<(i64, usize), i64> = HashMap::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT t.caregiver_id, t.funder, t.days - (
                 SELECT COUNT(*) FROM (SELECT 1 FROM ledger_entry l INDEXED BY ledger_by_caregiver
                     WHERE l.caregiver_id = t.caregiver_id AND l.year = t.year AND l.service_date >= ?3
                       AND l.funder = t.funder
                     GROUP BY l.service_date HAVING SUM(l.cap_days) > 0))
             FROM cap_total t
             WHERE t.year = ?2 AND t.funder IN (SELECT value FROM json_each(?4))
               AND t.caregiver_id IN (SELECT value FROM json_each(?1)) AND t.days > 0",
        )?;
        let rows = stmt.query_map(params![involved_json, year, from, scheme_codes], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?))
        })?;
        for row in rows {
            let (caregiver, funder, used) = row?;
            if let Some(index) = schemes.iter().position(|s| s.code == funder) {
                days_used.insert((caregiver, index), used);
            }
        }
    }
    // The monthly totals before `from`'s month, and the entries of that month
    // before `from`: regular ones are booked on their service date, and
    // corrections are indexed by service date.
    let mut left: HashMap<String, i64> = HashMap::new();
    let month_start = from.with_day(1).unwrap_or(from);
    for m in &municipalities {
        let spent: i64 = conn
            .prepare_cached(
                "SELECT (SELECT COALESCE(SUM(cents), 0) FROM ledger_total WHERE year = ?1 AND funder = ?2 AND month < ?3)
                      + (SELECT COALESCE(SUM(cents), 0) FROM ledger_entry INDEXED BY ledger_by_booking
                         WHERE booking_date >= ?4 AND booking_date < ?5 AND kind = 'regulier' AND funder = ?2 AND year = ?1)
                      + (SELECT COALESCE(SUM(cents), 0) FROM ledger_entry INDEXED BY ledger_corrections
                         WHERE kind = 'correctie' AND service_date >= ?4 AND service_date < ?5 AND funder = ?2)",
            )?
            .query_row(params![year, m, from.month(), month_start, from], |r| r.get(0))?;
        left.insert(m.clone(), budgets.get(m).copied().unwrap_or(0) - spent);
    }
    let rules: Vec<SchemeRule> = schemes.iter().map(scheme_rule).collect();
    let allocation = engine::allocate_from(&facts, &rules, engine_policy(conn)?, &left, &days_used);
    // The entries of the sessions involved, and of the caregivers' sessions that are no longer delivered.
    let ids = serde_json::to_string(&facts.iter().map(|f| f.id).collect::<Vec<_>>()).unwrap_or_else(|_| "[]".into());
    let current = load_entries(
        conn,
        // Every session involved lies on or after `from`, and so do its
        // entries (a moved session re-allocates from the earlier date).
        "SELECT session_id, funder, cents, minutes, cap_days, frozen, caregiver_id, service_date
         FROM ledger_entry INDEXED BY ledger_by_caregiver
         WHERE caregiver_id IN (SELECT value FROM json_each(?5)) AND year = ?3 AND service_date >= ?4
           AND (session_id IN (SELECT value FROM json_each(?1)) OR caregiver_id IN (SELECT value FROM json_each(?2)))",
        params![ids, keys, year, from, involved_json],
    )?;
    let mut report = ReallocationReport { year, sessions: facts.len(), without_tariff, ..Default::default() };
    let (months, caps) =
        write_changes(conn, year, &paired(&facts, &allocation), current, now, &mut report, Track::Deltas)?;
    add_to_totals(
        conn,
        year,
        months.iter().map(|((month, funder), t)| ((*month, funder.as_str()), *t)),
        caps.iter().map(|((funder, caregiver), t)| ((funder.as_str(), *caregiver), *t)),
        &schemes,
    )?;
    Ok(report)
}
