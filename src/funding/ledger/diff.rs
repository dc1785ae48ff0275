//! The difference between what the ledger holds for a session and what the
//! allocation says: open entries are replaced, frozen ones corrected with a
//! reverse-and-replace pair.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection};

use super::periods::{closed_ranges, correction_date, is_closed};
use super::totals::{track_delta, CapDelta, FunderTotals, MonthDelta, Totals};
use super::ReallocationReport;
use crate::error::Result;
use crate::funding::engine::{Part, SessionFacts};

#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    funder: String,
    totals: Totals,
    frozen: bool,
}

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

pub(super) struct Current {
    entries: HashMap<i64, Vec<Entry>>,
    caregivers: HashMap<i64, i64>,
    service_dates: HashMap<i64, NaiveDate>,
}

pub(super) fn load_entries(conn: &Connection, sql: &str, args: impl rusqlite::Params) -> Result<Current> {
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

/// Whether `write_changes` reports the change in the totals (a partial
/// re-allocation) or not (a whole year, whose totals are rewritten).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Track {
    Deltas,
    Nothing,
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
pub(super) fn paired<'a>(
    facts: &'a [SessionFacts],
    allocation: &'a [(i64, Vec<Part>)],
) -> Vec<(&'a SessionFacts, &'a [Part])> {
    if facts.len() == allocation.len() && facts.iter().zip(allocation).all(|(f, (id, _))| f.id == *id) {
        return facts.iter().zip(allocation).map(|(f, (_, parts))| (f, parts.as_slice())).collect();
    }
    let by_id: HashMap<i64, &SessionFacts> = facts.iter().map(|f| (f.id, f)).collect();
    allocation.iter().filter_map(|(id, parts)| by_id.get(id).map(|f| (*f, parts.as_slice()))).collect()
}

/// Writes what changed between the ledger and the allocation; returns the
/// change in the totals.
pub(super) fn write_changes(
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::funding::engine;

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
