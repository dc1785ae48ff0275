//! Closed (reported) periods: which days are closed, where corrections are
//! booked, and closing a period.

use chrono::{DateTime, Days, NaiveDate, Utc};
use rusqlite::{params, Connection};

use super::reallocate::reallocate_year;
use crate::error::Result;

/// Closed periods, as date ranges.
pub(super) fn closed_ranges(conn: &Connection) -> Result<Vec<(NaiveDate, NaiveDate)>> {
    let mut stmt = conn.prepare_cached("SELECT first_day, last_day FROM closed_period ORDER BY first_day")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(super) fn is_closed(ranges: &[(NaiveDate, NaiveDate)], date: NaiveDate) -> bool {
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
