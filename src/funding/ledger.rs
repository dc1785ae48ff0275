//! The allocation ledger. Re-allocation computes a year afresh with the
//! engine and writes only what changed: entries booked in open periods are
//! drafts and are replaced; entries booked in a closed (reported) period are
//! frozen, and a change to them becomes a reverse-and-replace pair of
//! `correctie` entries booked on the first open day.

use std::collections::{BTreeMap, HashMap};
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};

use chrono::{DateTime, Days, NaiveDate, Utc};
use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

use super::engine::{self, Part, SchemeRule, SessionFacts};
use super::facts::{budgets, delivered_facts, engine_policy, scheme_rule, year_bounds, year_end_minutes, Filter};
use super::scheme::{list_schemes, CapUnit, Scheme};
use crate::error::Result;
use crate::money::Cents;
use crate::planning::minutes_at;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ReallocationReport {
    pub year: i32,
    pub sessions: usize,
    /// Sessions whose entries changed.
    pub changed: usize,
    /// Sessions corrected with a reverse-and-replace pair (closed periods).
    pub corrected: usize,
    /// Delivered sessions without a tariff on their date: cost 0 until one is set.
    pub without_tariff: usize,
}

/// Closed periods, as date ranges.
fn closed_ranges(conn: &Connection) -> Result<Vec<(NaiveDate, NaiveDate)>> {
    let mut stmt = conn.prepare_cached("SELECT first_day, last_day FROM closed_period ORDER BY first_day")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn is_closed(ranges: &[(NaiveDate, NaiveDate)], date: NaiveDate) -> bool {
    ranges.iter().any(|(a, b)| *a <= date && date <= *b)
}

/// The first open day on or after today: where corrections are booked.
pub fn correction_date(conn: &Connection, today: NaiveDate) -> Result<NaiveDate> {
    let ranges = closed_ranges(conn)?;
    let mut date = today;
    while let Some((_, last)) = ranges.iter().find(|(a, b)| *a <= date && date <= *b) {
        date = *last + Days::new(1);
    }
    Ok(date)
}

/// What the ledger adds up for a funder (of one session, a month, or a
/// caregiver's cap): money, delivered minutes and cap days. Named, because
/// the store's two totals tables keep them in different column orders.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Totals {
    pub cents: Cents,
    pub minutes: i64,
    pub cap_days: i64,
}

impl Totals {
    fn is_zero(self) -> bool {
        self == Totals::default()
    }
}

impl From<&Part> for Totals {
    fn from(p: &Part) -> Totals {
        Totals { cents: Cents::new(p.cents), minutes: p.minutes, cap_days: p.cap_days }
    }
}

impl Add for Totals {
    type Output = Totals;
    fn add(self, o: Totals) -> Totals {
        Totals { cents: self.cents + o.cents, minutes: self.minutes + o.minutes, cap_days: self.cap_days + o.cap_days }
    }
}

impl Sub for Totals {
    type Output = Totals;
    fn sub(self, o: Totals) -> Totals {
        self + -o
    }
}

impl Neg for Totals {
    type Output = Totals;
    fn neg(self) -> Totals {
        Totals { cents: -self.cents, minutes: -self.minutes, cap_days: -self.cap_days }
    }
}

impl AddAssign for Totals {
    fn add_assign(&mut self, o: Totals) {
        *self = *self + o;
    }
}

impl SubAssign for Totals {
    fn sub_assign(&mut self, o: Totals) {
        *self = *self - o;
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    funder: String,
    totals: Totals,
    frozen: bool,
}

/// Totals per funder, in funder order.
type FunderTotals = BTreeMap<String, Totals>;

/// Net amounts per funder of some entries; funders that net to nothing are left out.
fn net_totals<'a>(entries: impl Iterator<Item = &'a Entry>) -> FunderTotals {
    let mut map = FunderTotals::new();
    for e in entries {
        *map.entry(e.funder.clone()).or_default() += e.totals;
    }
    map.retain(|_, t| !t.is_zero());
    map
}

fn desired_totals(parts: &[Part]) -> FunderTotals {
    let mut map = FunderTotals::new();
    for p in parts {
        *map.entry(p.funder.to_string()).or_default() += Totals::from(p);
    }
    map
}

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
    let mut month_upsert = conn.prepare_cached(
        "INSERT INTO ledger_total (year, month, funder, cents, minutes, cap_days) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(year, month, funder) DO UPDATE SET cents = cents + excluded.cents,
           minutes = minutes + excluded.minutes, cap_days = cap_days + excluded.cap_days",
    )?;
    for ((month, funder), t) in months {
        month_upsert.execute(params![year, month, funder, t.cents, t.minutes, t.cap_days])?;
    }
    let mut cap_upsert = conn.prepare_cached(
        "INSERT INTO cap_total (year, funder, caregiver_id, days, minutes, cents) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(year, funder, caregiver_id) DO UPDATE SET days = days + excluded.days,
           minutes = minutes + excluded.minutes, cents = cents + excluded.cents",
    )?;
    for ((funder, caregiver), t) in caps {
        if schemes.iter().any(|s| s.code == funder) {
            cap_upsert.execute(params![year, funder, caregiver, t.cap_days, t.minutes, t.cents])?;
        }
    }
    Ok(report)
}

struct Current {
    entries: HashMap<i64, Vec<Entry>>,
    caregivers: HashMap<i64, i64>,
    service_dates: HashMap<i64, NaiveDate>,
}

fn load_entries(conn: &Connection, sql: &str, args: impl rusqlite::Params) -> Result<Current> {
    let mut current = Current { entries: HashMap::new(), caregivers: HashMap::new(), service_dates: HashMap::new() };
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(args, |r| {
        Ok((
            r.get::<_, i64>(0)?,
            Entry {
                funder: r.get(1)?,
                totals: Totals { cents: r.get(2)?, minutes: r.get(3)?, cap_days: r.get(4)? },
                frozen: r.get(5)?,
            },
            r.get::<_, i64>(6)?,
            r.get::<_, NaiveDate>(7)?,
        ))
    })?;
    for row in rows {
        let (session, entry, caregiver, date) = row?;
        current.caregivers.insert(session, caregiver);
        current.service_dates.insert(session, date);
        current.entries.entry(session).or_default().push(entry);
    }
    Ok(current)
}

/// Change in the totals: per (month, funder) and per (funder, caregiver).
type MonthDelta = BTreeMap<(u32, String), Totals>;
type CapDelta = BTreeMap<(String, i64), Totals>;

/// Whether `write_changes` reports the change in the totals (a partial
/// re-allocation) or not (a whole year, whose totals are rewritten).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Track {
    Deltas,
    Nothing,
}

fn track_delta(
    months: &mut MonthDelta,
    caps: &mut CapDelta,
    month: u32,
    caregiver: i64,
    desired: &FunderTotals,
    now: &FunderTotals,
) {
    for (funder, t) in desired {
        *months.entry((month, funder.clone())).or_default() += *t;
        *caps.entry((funder.clone(), caregiver)).or_default() += *t;
    }
    for (funder, t) in now {
        *months.entry((month, funder.clone())).or_default() -= *t;
        *caps.entry((funder.clone(), caregiver)).or_default() -= *t;
    }
}

/// Dates as the store writes them, formatted once per distinct date.
#[derive(Default)]
struct DateTexts(HashMap<NaiveDate, String>);

impl DateTexts {
    fn text(&mut self, date: NaiveDate) -> &str {
        self.0.entry(date).or_insert_with(|| date.format("%Y-%m-%d").to_string())
    }
}

/// Each allocated session with its facts, in the allocation's order. The
/// callers sort the facts in the engine's order first, so the two lists
/// come in step and pair up without a map; a map is the fallback.
fn paired<'a>(facts: &'a [SessionFacts], allocation: &'a [(i64, Vec<Part>)]) -> Vec<(&'a SessionFacts, &'a [Part])> {
    if facts.len() == allocation.len() && facts.iter().zip(allocation).all(|(f, (id, _))| f.id == *id) {
        return facts.iter().zip(allocation).map(|(f, (_, parts))| (f, parts.as_slice())).collect();
    }
    let by_id: HashMap<i64, &SessionFacts> = facts.iter().map(|f| (f.id, f)).collect();
    allocation.iter().filter_map(|(id, parts)| by_id.get(id).map(|f| (*f, parts.as_slice()))).collect()
}

/// Writes what changed between the ledger and the allocation; returns the
/// change in the totals.
fn write_changes(
    conn: &Connection,
    year: i32,
    allocated: &[(&SessionFacts, &[Part])],
    current: Current,
    now: DateTime<Utc>,
    report: &mut ReallocationReport,
    track: Track,
) -> Result<(MonthDelta, CapDelta)> {
    use chrono::Datelike;
    let Current { entries: current, caregivers, service_dates } = current;
    let closed = closed_ranges(conn)?;
    let today = now.date_naive();
    let correction_day = correction_date(conn, today)?;
    let ts = crate::store::timestamp(now);
    let mut months: MonthDelta = BTreeMap::new();
    let mut caps: CapDelta = BTreeMap::new();
    let mut dates = DateTexts::default();

    // In the allocation's order (by date), then sessions no longer delivered:
    // entries written in date order keep the booking index appending.
    let gone: Vec<i64> = if current.is_empty() {
        Vec::new()
    } else {
        let allocated_ids: std::collections::HashSet<i64> = allocated.iter().map(|(f, _)| f.id).collect();
        let mut gone: Vec<i64> = current.keys().copied().filter(|id| !allocated_ids.contains(id)).collect();
        gone.sort_unstable();
        gone
    };
    let sessions = allocated
        .iter()
        .map(|(facts, parts)| (facts.id, Some(*facts), *parts))
        .chain(gone.into_iter().map(|id| (id, None, &[][..])));
    // A regular entry: year, kind and time are bound once for all of them.
    let mut regular = conn.prepare_cached(
        "INSERT INTO ledger_entry (session_id, caregiver_id, funder, year, service_date, booking_date, cents, minutes,
           cap_days, kind, frozen, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, ?7, ?8, 'regulier', 0, ?9)",
    )?;
    regular.raw_bind_parameter(4, year)?;
    regular.raw_bind_parameter(9, &ts)?;
    let mut insert_regular = |id: i64, caregiver: i64, day: &str, p: &Part| -> Result<()> {
        regular.raw_bind_parameter(1, id)?;
        regular.raw_bind_parameter(2, caregiver)?;
        regular.raw_bind_parameter(3, &*p.funder)?;
        regular.raw_bind_parameter(5, day)?;
        regular.raw_bind_parameter(6, p.cents)?;
        regular.raw_bind_parameter(7, p.minutes)?;
        regular.raw_bind_parameter(8, p.cap_days)?;
        regular.raw_execute()?;
        Ok(())
    };
    let mut correction = conn.prepare_cached(
        "INSERT INTO ledger_entry (session_id, caregiver_id, funder, year, service_date, booking_date, cents, minutes,
           cap_days, kind, frozen, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'correctie', 0, ?10)",
    )?;
    let mut delete_open = conn.prepare_cached(
        "DELETE FROM ledger_entry WHERE year = ?2 AND caregiver_id = ?1 AND session_id = ?3 AND frozen = 0",
    )?;
    for (id, facts, parts) in sessions {
        let entries = current.get(&id).map(Vec::as_slice).unwrap_or(&[]);
        let caregiver = facts.map(|f| f.caregiver_id).or(caregivers.get(&id).copied()).unwrap_or(0);
        let service_date = facts.map(|f| f.date).or(service_dates.get(&id).copied()).unwrap_or(today);
        // What a new year mostly is: a session without entries, in an open
        // period, its parts written as they are.
        if entries.is_empty() && track == Track::Nothing && !is_closed(&closed, service_date) {
            if !parts.is_empty() {
                report.changed += 1;
                let day = dates.text(service_date);
                for p in parts {
                    insert_regular(id, caregiver, day, p)?;
                }
            }
            continue;
        }
        let desired = desired_totals(parts);
        let now_totals = net_totals(entries.iter());
        if now_totals == desired {
            continue;
        }
        if track == Track::Deltas {
            track_delta(&mut months, &mut caps, service_date.month(), caregiver, &desired, &now_totals);
        }
        let frozen = net_totals(entries.iter().filter(|e| e.frozen));
        let has_frozen = entries.iter().any(|e| e.frozen);
        if !entries.is_empty() {
            let booked_for = caregivers.get(&id).copied().unwrap_or(caregiver);
            delete_open.execute(params![booked_for, year, id])?;
        }
        report.changed += 1;
        if !has_frozen && !is_closed(&closed, service_date) {
            let day = dates.text(service_date);
            for p in parts {
                insert_regular(id, caregiver, day, p)?;
            }
            continue;
        }
        if frozen == desired {
            continue; // the open corrections we just removed were all there was
        }
        report.corrected += 1;
        let reversed = frozen.iter().map(|(funder, t)| (funder, -*t));
        for (funder, t) in reversed.chain(desired.iter().map(|(f, t)| (f, *t))) {
            correction.execute(params![
                id,
                caregiver,
                funder,
                year,
                service_date,
                correction_day,
                t.cents,
                t.minutes,
                t.cap_days,
                ts
            ])?;
        }
    }
    Ok((months, caps))
}

/// After re-allocation the net entries of every session equal its parts, so
/// the totals follow from the allocation without reading the ledger again.
fn write_totals(
    conn: &Connection,
    year: i32,
    allocated: &[(&SessionFacts, &[Part])],
    schemes: &[Scheme],
) -> Result<()> {
    use chrono::Datelike;
    let mut months: BTreeMap<(u32, &str), Totals> = BTreeMap::new();
    let mut caps: HashMap<(&str, i64), Totals> = HashMap::new();
    for (facts, parts) in allocated {
        for p in *parts {
            let t = Totals::from(p);
            *months.entry((facts.date.month(), &*p.funder)).or_default() += t;
            if schemes.iter().any(|s| *s.code == *p.funder) {
                *caps.entry((&*p.funder, facts.caregiver_id)).or_default() += t;
            }
        }
    }
    conn.execute("DELETE FROM ledger_total WHERE year = ?1", [year])?;
    conn.execute("DELETE FROM cap_total WHERE year = ?1", [year])?;
    let mut month_insert = conn.prepare_cached(
        "INSERT INTO ledger_total (year, month, funder, cents, minutes, cap_days) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for ((month, funder), t) in months {
        month_insert.execute(params![year, month, funder, t.cents, t.minutes, t.cap_days])?;
    }
    let mut cap_insert = conn.prepare_cached(
        "INSERT INTO cap_total (year, funder, caregiver_id, days, minutes, cents) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for ((funder, caregiver), t) in caps {
        cap_insert.execute(params![year, funder, caregiver, t.cap_days, t.minutes, t.cents])?;
    }
    Ok(())
}

/// Closes (reports) a period: its entries are frozen from now on. The years
/// it touches are re-allocated first, so what is frozen is up to date.
pub fn close_period(
    conn: &Connection,
    label: &str,
    first: NaiveDate,
    last: NaiveDate,
    by: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    use chrono::Datelike;
    for year in first.year()..=last.year() {
        reallocate_year(conn, year, now)?;
    }
    conn.execute(
        "INSERT INTO closed_period (label, first_day, last_day, closed_at, closed_by) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![label, first, last, crate::store::timestamp(now), by],
    )?;
    conn.execute("UPDATE ledger_entry SET frozen = 1 WHERE booking_date BETWEEN ?1 AND ?2", params![first, last])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(id: i64, day: u32) -> SessionFacts {
        SessionFacts {
            id,
            caregiver_id: 1,
            date: NaiveDate::from_ymd_opt(2026, 3, day).unwrap_or_default(),
            starts_at: 0,
            minutes: 60,
            cost: 100 * id,
            municipality: None,
            scheme: None,
        }
    }

    fn part(cents: i64) -> Vec<Part> {
        vec![Part { funder: engine::UNCOVERED.into(), cents, minutes: 60, cap_days: 0 }]
    }

    fn ids_and_costs(pairs: &[(&SessionFacts, &[Part])]) -> Vec<(i64, i64, i64)> {
        pairs.iter().map(|(f, p)| (f.id, f.cost, p[0].cents)).collect()
    }

    #[test]
    fn each_session_is_paired_with_its_own_parts_in_either_order() {
        let allocation = vec![(2, part(200)), (1, part(100)), (3, part(300))];
        let in_step = vec![facts(2, 1), facts(1, 2), facts(3, 3)];
        let out_of_step = vec![facts(3, 3), facts(1, 2), facts(2, 1)];
        let expected = vec![(2, 200, 200), (1, 100, 100), (3, 300, 300)];
        assert_eq!(ids_and_costs(&paired(&in_step, &allocation)), expected);
        assert_eq!(ids_and_costs(&paired(&out_of_step, &allocation)), expected, "matched by id, in allocation order");
    }
}
