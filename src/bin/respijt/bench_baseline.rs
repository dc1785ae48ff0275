//! The plain-SQL baseline of `respijt bench`: for each figure, the SQL that
//! answers the same question on the same store, timed in the same run,
//! without the core around it (no ranking, no rules, no formatting). An
//! absolute time cannot tell a slower machine from slower code; the ratio of
//! the core to its baseline can, as both run on the same machine and store.
//!
//! Each function reads every column it names (SQLite decodes lazily, so a
//! row that is not read costs nothing) and returns the number of rows.

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use respijt::planning::minutes_at;

type Result<T> = rusqlite::Result<T>;

/// Reads every column of every row of a prepared query.
fn drain(stmt: &mut rusqlite::CachedStatement<'_>, args: impl rusqlite::Params) -> Result<usize> {
    let columns = stmt.column_count();
    let mut rows = stmt.query(args)?;
    let mut n = 0;
    while let Some(row) = rows.next()? {
        for i in 0..columns {
            std::hint::black_box(row.get_ref(i)?);
        }
        n += 1;
    }
    Ok(n)
}

/// The FTS query alone: the first 50 caregivers whose name, place or
/// municipality holds every word of three letters or more; a query with only
/// shorter words takes the surnames that start with it, from the name index.
pub fn name_search(conn: &Connection, query: &str) -> Result<usize> {
    let folded = respijt::dutch::fold(&query.replace(',', " "));
    let words: Vec<&str> = folded.split_whitespace().filter(|w| w.chars().count() >= 3).collect();
    if words.is_empty() {
        let mut stmt = conn.prepare_cached(
            "SELECT id, first_name, last_name FROM caregiver WHERE sort_key >= ?1 AND sort_key < ?2 LIMIT 50",
        )?;
        return drain(&mut stmt, params![folded, format!("{folded}\u{7f}")]);
    }
    let expression = words.iter().map(|w| format!("\"{w}\"")).collect::<Vec<_>>().join(" ");
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.first_name, c.last_name FROM caregiver_search s JOIN caregiver c ON c.id = s.rowid
         WHERE caregiver_search MATCH ?1 LIMIT 50",
    )?;
    drain(&mut stmt, [expression])
}

/// The first 50 caregivers of a postcode (or the start of one), from its index.
pub fn postcode_search(conn: &Connection, query: &str) -> Result<usize> {
    let prefix = query.to_uppercase();
    let mut stmt = conn.prepare_cached(
        "SELECT id, first_name, last_name FROM caregiver WHERE postcode >= ?1 AND postcode < ?2 LIMIT 50",
    )?;
    drain(&mut stmt, params![prefix, format!("{prefix}\u{7f}")])
}

/// A table of the bench's own for `dossier_rows` to write its audit line
/// into: the same shape as the audit trail's, whose hash chain a plain
/// INSERT would break.
pub fn prepare_audit(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS bench_audit (id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL,
           action TEXT NOT NULL, caregiver_id INTEGER, detail TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
         CREATE INDEX IF NOT EXISTS bench_audit_by_caregiver ON bench_audit(caregiver_id, id);",
    )
}

/// The rows of a dossier (the caregiver, the people they care for and who
/// else cares for them) and the line in the audit trail.
pub fn dossier_rows(conn: &Connection, id: i64) -> Result<usize> {
    let mut n = drain(
        &mut conn.prepare_cached(
            "SELECT c.*, m.name FROM caregiver c LEFT JOIN municipality m ON m.code = c.municipality_code WHERE c.id = ?1",
        )?,
        [id],
    )?;
    n += drain(
        &mut conn.prepare_cached(
            "SELECT r.*, l.* FROM caregiver_recipient l JOIN care_recipient r ON r.id = l.recipient_id WHERE l.caregiver_id = ?1",
        )?,
        [id],
    )?;
    n += drain(
        &mut conn.prepare_cached(
            "SELECT c.id, c.first_name, c.last_name FROM caregiver_recipient l JOIN caregiver c ON c.id = l.caregiver_id
             WHERE l.recipient_id IN (SELECT recipient_id FROM caregiver_recipient WHERE caregiver_id = ?1)
               AND l.caregiver_id <> ?1",
        )?,
        [id],
    )?;
    conn.prepare_cached(
        "INSERT INTO bench_audit (at, actor, action, caregiver_id, detail, prev_hash, hash)
         VALUES ('2026-01-01T00:00:00Z', 'bench', 'dossier_bekeken', ?1, '', ?2, ?2)",
    )?
    .execute(params![id, "0".repeat(64)])?;
    Ok(n)
}

/// The week's sessions of a provider, from the same index as the calendar.
pub fn week_rows(conn: &Connection, provider: i64, monday: NaiveDate) -> Result<usize> {
    let (start, end) = (minutes_at(monday, 0), minutes_at(monday + chrono::Days::new(7), 0));
    let mut stmt = conn.prepare_cached(
        "SELECT s.*, p.name FROM session s JOIN provider p ON p.id = s.provider_id
         WHERE s.provider_id = ?1 AND s.starts_at < ?3 AND s.starts_at >= ?2 - 40320 AND s.ends_at > ?2",
    )?;
    drain(&mut stmt, params![provider, start, end])
}

/// For each date of a series, the first session of the person cared for
/// and of the caregiver that overlaps it (what a double booking is).
pub fn overlapping(conn: &Connection, recipient: i64, caregiver: i64, spans: &[(i64, i64)]) -> Result<usize> {
    let mut n = 0;
    for (column, id) in [("recipient_id", recipient), ("caregiver_id", caregiver)] {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT id, starts_at, ends_at, status FROM session
             WHERE {column} = ?1 AND starts_at < ?3 AND starts_at >= ?2 - 40320 AND ends_at > ?2 LIMIT 1"
        ))?;
        for (start, end) in spans {
            n += drain(&mut stmt, params![id, start, end])?;
        }
    }
    Ok(n)
}

/// The providers with their service of the form asked for, and what the
/// caregiver has had from each (the rows matching reads).
pub fn matching_rows(conn: &Connection, caregiver: i64, form: &str) -> Result<usize> {
    let mut n = drain(
        &mut conn.prepare_cached(
            "SELECT p.*, s.* FROM provider p LEFT JOIN provider_service s ON s.provider_id = p.id AND s.form = ?1
             WHERE p.archived_at IS NULL",
        )?,
        [form],
    )?;
    n += drain(
        &mut conn.prepare_cached(
            "SELECT provider_id, helper_id, COUNT(*) FROM session WHERE caregiver_id = ?1 GROUP BY provider_id, helper_id",
        )?,
        [caregiver],
    )?;
    Ok(n)
}

/// One ledger entry per delivered session of the year, written by one
/// INSERT…SELECT and committed: the floor under allocating a year, which
/// writes at least that. Removed again afterwards (not timed).
pub fn year_insert(conn: &Connection, year: i32) -> Result<usize> {
    let (first, last) = (format!("{year}-01-01"), format!("{year}-12-31"));
    conn.execute_batch("BEGIN")?;
    let n = conn.execute(
        "INSERT INTO ledger_entry (session_id, caregiver_id, funder, year, service_date, booking_date, cents, minutes,
           cap_days, kind, frozen, created_at)
         SELECT id, caregiver_id, 'BASIS', ?1, date, date, 0, delivered_minutes, 0, 'regulier', 0, '2026-01-01T00:00:00Z'
         FROM session WHERE status = 'uitgevoerd' AND date BETWEEN ?2 AND ?3 ORDER BY date",
        params![year, first, last],
    )?;
    conn.execute_batch("COMMIT")?;
    Ok(n)
}

/// Removes what `year_insert` wrote.
pub fn undo_year_insert(conn: &Connection, year: i32) -> Result<()> {
    conn.execute("DELETE FROM ledger_entry WHERE year = ?1 AND funder = 'BASIS'", [year]).map(|_| ())
}

/// The year's totals per funder and month, as the dashboard reads them.
pub fn dashboard_rows(conn: &Connection, year: i32) -> Result<usize> {
    let mut n = drain(
        &mut conn.prepare_cached(
            "SELECT funder, SUM(cents), SUM(minutes) FROM ledger_total WHERE year = ?1 GROUP BY funder",
        )?,
        [year],
    )?;
    n += drain(&mut conn.prepare_cached("SELECT month, funder, cents FROM ledger_total WHERE year = ?1")?, [year])?;
    Ok(n)
}

/// A changed session and its entries rewritten (as they were), committed.
pub fn one_session(conn: &Connection, id: i64, minutes: i64) -> Result<usize> {
    conn.execute_batch("BEGIN")?;
    let mut n = conn.execute("UPDATE session SET delivered_minutes = ?2 WHERE id = ?1", params![id, minutes])?;
    // By the ledger's per-caregiver index (it has none by session).
    n += conn.execute(
        "UPDATE ledger_entry SET minutes = minutes WHERE session_id = ?1
           AND (year, caregiver_id) = (SELECT CAST(substr(date, 1, 4) AS INTEGER), caregiver_id FROM session WHERE id = ?1)",
        [id],
    )?;
    conn.execute_batch("COMMIT")?;
    Ok(n)
}

/// The SELECT behind the export: every entry booked in the period with its
/// session, caregiver, recipient's municipality and provider, in the file's order.
pub fn export_rows(conn: &Connection, first: NaiveDate, last: NaiveDate) -> Result<usize> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.id, l.session_id, l.service_date, s.recipient_id, s.provider_id, s.form, s.unit, l.minutes,
                l.booking_date, l.funder, l.cents, l.kind, l.cap_days, l.caregiver_id,
                c.extern_id, c.date_of_birth, c.postcode, r.municipality_code, p.name
         FROM ledger_entry l JOIN session s ON s.id = l.session_id JOIN caregiver c ON c.id = l.caregiver_id
         JOIN care_recipient r ON r.id = s.recipient_id JOIN provider p ON p.id = s.provider_id
         WHERE l.booking_date BETWEEN ?1 AND ?2 ORDER BY l.service_date, l.session_id, l.id",
    )?;
    drain(&mut stmt, params![first, last])
}

/// A statement's lines as plain SQL: each line's planned session found by
/// caregiver, provider, day and start, and marked delivered, in one
/// transaction that is rolled back (the real import comes next).
pub fn statement_updates(conn: &Connection, lines: &[(String, String, String, i64, i64)]) -> Result<usize> {
    conn.execute_batch("BEGIN")?;
    let mut n = 0;
    {
        let mut find = conn.prepare_cached(
            "SELECT s.id FROM session s JOIN caregiver c ON c.id = s.caregiver_id JOIN provider p ON p.id = s.provider_id
             WHERE c.extern_id = ?1 AND p.extern_id = ?2 AND s.caregiver_id = c.id AND s.starts_at = ?3 LIMIT 1",
        )?;
        let mut update = conn.prepare_cached(
            "UPDATE session SET status = 'uitgevoerd', delivered_minutes = ends_at - starts_at WHERE id = ?1",
        )?;
        for (caregiver, provider, _, start, _) in lines {
            if let Ok(id) = find.query_row(params![caregiver, provider, start], |r| r.get::<_, i64>(0)) {
                n += update.execute([id])?;
            }
        }
    }
    conn.execute_batch("ROLLBACK")?;
    Ok(n)
}

/// The rows a caregiver import writes (caregivers, the people they care
/// for, the links between them and the search index), copied by plain
/// INSERT…SELECT from `source` into this new store, in one transaction.
/// Returns the time of the copy alone (the attach derives a key first).
pub fn copy_register(conn: &Connection, source: &std::path::Path, key: &str) -> Result<std::time::Duration> {
    conn.execute("ATTACH DATABASE ?1 AS source KEY ?2", params![source.to_string_lossy(), key])?;
    let start = std::time::Instant::now();
    conn.execute_batch(
        "BEGIN;
         INSERT INTO main.caregiver SELECT * FROM source.caregiver;
         INSERT INTO main.care_recipient SELECT * FROM source.care_recipient;
         INSERT INTO main.caregiver_recipient SELECT * FROM source.caregiver_recipient;
         INSERT INTO main.caregiver_search (rowid, search_text) SELECT id, search_text FROM main.caregiver;
         COMMIT;",
    )?;
    let elapsed = start.elapsed();
    conn.execute_batch("DETACH DATABASE source")?;
    Ok(elapsed)
}
