//! A provider's monthly statement of delivered sessions
//! (`respijt import sessions FILE`). Each line is matched to the planned
//! session (same caregiver, provider and date) and closes it with the stated
//! times. A line without a planned session becomes an unplanned delivered
//! session flagged for review: no delivered hour is ever lost. A clash in a
//! statement is flagged, never a reason to drop the line.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

mod lines;
mod people;

pub use people::MatchKey;

use self::lines::{check_columns, check_lines, Line};
use super::clash::find_clashes;
use super::session::ValidSession;
use super::time::{iso_week_number, minutes_at};
use super::SessionStatus;
use crate::dutch;
use crate::error::Result;
use crate::import::{ImportOptions, RowError, Table};

/// The columns every statement has. Besides them it names the caregiver
/// (`mantelzorger_id`, `dossiernummer`, or `naam`/`voornaam`+`achternaam`
/// with `geboortedatum` and optionally `postcode`) and the provider
/// (`aanbieder_id` or `aanbieder`): see `people`.
pub const STATEMENT_COLUMNS: &[&str] = &["extern_id", "dienst", "datum", "start", "eind", "status"];

/// How one line found its caregiver, for the preview and the CLI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct LineMatch {
    pub row: usize,
    pub extern_id: String,
    pub caregiver_id: i64,
    pub caregiver_name: String,
    pub matched_by: MatchKey,
}

/// A statement line the director should look at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct StatementLine {
    pub row: usize,
    pub extern_id: String,
    pub session_id: i64,
    pub date: NaiveDate,
    pub planned_minutes: Option<i64>,
    pub delivered_minutes: Option<i64>,
    /// Dutch: what to settle.
    pub note: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct StatementReport {
    pub lines: usize,
    /// Lines that closed a planned session.
    pub matched: usize,
    /// Lines seen before (same extern_id): brought up to date, nothing doubled.
    pub repeated: usize,
    pub unplanned: Vec<StatementLine>,
    pub differences: Vec<StatementLine>,
    pub clashes: Vec<StatementLine>,
    /// Lines dated in a closed (reported) period: booked as a correction on
    /// the first open day, the reported figures left as they were.
    pub corrections: Vec<StatementLine>,
    /// Per accepted line: who it is about and how the app found her.
    pub people: Vec<LineMatch>,
    pub rejected: Vec<RowError>,
}

pub fn import_statement(
    conn: &mut Connection,
    table: &Table,
    options: ImportOptions,
    now: DateTime<Utc>,
) -> Result<StatementReport> {
    run(conn, table, options, now)
}

/// What the import would do, written in a transaction that is then rolled
/// back: the director sees every line's match, difference and clash first.
pub fn preview_statement(conn: &mut Connection, table: &Table, now: DateTime<Utc>) -> Result<StatementReport> {
    run(conn, table, ImportOptions { preview: true, ..Default::default() }, now)
}

fn run(conn: &mut Connection, table: &Table, options: ImportOptions, now: DateTime<Utc>) -> Result<StatementReport> {
    check_columns(table)?;
    let mut report = StatementReport::default();
    let lines = check_lines(conn, table, &mut report, now)?;
    report.lines = lines.len();
    if !report.rejected.is_empty() && !options.skip_invalid {
        return Ok(report);
    }
    let ts = crate::store::timestamp(now);
    let tx = conn.transaction()?;
    // In date order (then caregiver and provider, then as the file has them):
    // the store's pages for a day lie together, so a month's statement
    // touches each once. Only lines of the same caregiver, provider and day
    // compete for a planned session, and those keep the file's order.
    let mut order: Vec<&Line> = lines.iter().collect();
    order.sort_by_key(|l| (l.date, l.caregiver_id, l.provider_id, l.row));
    for line in order {
        let (starts_at, ends_at) = (minutes_at(line.date, line.start), minutes_at(line.date, line.end));
        let delivered = (line.status == SessionStatus::Delivered).then_some(ends_at - starts_at);
        let seen: Option<i64> = tx
            .prepare_cached("SELECT id FROM session WHERE statement_ref = ?1")?
            .query_row([&line.extern_id], |r| r.get(0))
            .optional()?;
        let planned: Option<(i64, i64)> = match seen {
            Some(_) => None,
            None => tx
                // `+statement_ref`: almost every session has none, so that index must not lead.
                .prepare_cached(
                    // The day's range of start times keeps the search to that day
                    // of the caregiver's sessions (five years hold hundreds).
                    "SELECT id, ends_at - starts_at FROM session INDEXED BY session_caregiver_time
                     WHERE caregiver_id = ?1 AND starts_at >= ?5 AND starts_at < ?6 AND provider_id = ?2 AND date = ?3
                       AND +statement_ref IS NULL AND status IN ('gepland', 'bevestigd')
                     ORDER BY abs(starts_at - ?4), id LIMIT 1",
                )?
                .query_row(
                    params![
                        line.caregiver_id,
                        line.provider_id,
                        line.date,
                        starts_at,
                        minutes_at(line.date, 0),
                        minutes_at(line.date, 24 * 60)
                    ],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?,
        };
        let note_for = |planned_minutes: i64| match delivered {
            Some(d) if d != planned_minutes => Some(format!("Geleverd {d} minuten, gepland {planned_minutes}.")),
            _ => None,
        };
        let session_id = if let Some(id) = seen {
            super::session::record_status(&tx, id, line.status, delivered, "overzicht van de aanbieder", now)?;
            tx.prepare_cached("UPDATE session SET status = ?1, delivered_minutes = ?2, updated_at = ?3 WHERE id = ?4")?
                .execute(params![line.status.code(), delivered, ts, id])?;
            report.repeated += 1;
            id
        } else if let Some((id, planned_minutes)) = planned {
            let difference = note_for(planned_minutes);
            super::session::record_status(&tx, id, line.status, delivered, "overzicht van de aanbieder", now)?;
            tx.prepare_cached(
                "UPDATE session SET status = ?1, delivered_minutes = ?2, statement_ref = ?3,
                   needs_review = ?4, review_note = ?5, updated_at = ?6 WHERE id = ?7",
            )?
            .execute(params![
                line.status.code(),
                delivered,
                line.extern_id,
                difference.is_some(),
                difference.clone().unwrap_or_default(),
                ts,
                id
            ])?;
            report.matched += 1;
            if let Some(note) = difference {
                report.differences.push(StatementLine {
                    row: line.row,
                    extern_id: line.extern_id.clone(),
                    session_id: id,
                    date: line.date,
                    planned_minutes: Some(planned_minutes),
                    delivered_minutes: delivered,
                    note,
                });
            }
            id
        } else {
            let candidate = ValidSession {
                caregiver_id: line.caregiver_id,
                recipient_id: line.recipient_id,
                provider_id: line.provider_id,
                helper_id: None,
                form: line.form,
                unit: line.unit,
                date: line.date,
                starts_at,
                ends_at,
                units: line.unit.minutes().map_or(0, |m| ((ends_at - starts_at) + m - 1) / m),
                handover_note: String::new(),
            };
            let clashes = if line.status.occupies_time() {
                find_clashes(&tx, std::slice::from_ref(&candidate), &[])?
            } else {
                vec![]
            };
            let mut note = super::review::UNPLANNED_NOTE.to_string();
            for clash in &clashes {
                note.push(' ');
                note.push_str(&clash.message);
            }
            tx.prepare_cached(
                "INSERT INTO session (caregiver_id, recipient_id, provider_id, form, unit, date, iso_week, starts_at,
                   ends_at, units, status, delivered_minutes, statement_ref, needs_review, review_note, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 1, ?14, ?15, ?15)",
            )?
            .execute(params![
                candidate.caregiver_id,
                candidate.recipient_id,
                candidate.provider_id,
                candidate.form.code(),
                candidate.unit.code(),
                candidate.date,
                iso_week_number(candidate.date),
                starts_at,
                ends_at,
                candidate.units,
                line.status.code(),
                delivered,
                line.extern_id,
                note,
                ts
            ])?;
            let id = tx.last_insert_rowid();
            super::session::record_change(&tx, id, "gemeld in het overzicht van de aanbieder", "", now)?;
            let entry = StatementLine {
                row: line.row,
                extern_id: line.extern_id.clone(),
                session_id: id,
                date: line.date,
                planned_minutes: None,
                delivered_minutes: delivered,
                note: note.clone(),
            };
            if !clashes.is_empty() {
                report.clashes.push(entry.clone());
            }
            report.unplanned.push(entry);
            id
        };
        if let Some((period, booked_on)) = &line.correction {
            report.corrections.push(StatementLine {
                row: line.row,
                extern_id: line.extern_id.clone(),
                session_id,
                date: line.date,
                planned_minutes: None,
                delivered_minutes: delivered,
                note: format!(
                    "In de afgesloten periode {period}: geboekt als correctie op {}.",
                    dutch::date_text(*booked_on)
                ),
            });
        }
    }
    for list in [&mut report.differences, &mut report.unplanned, &mut report.clashes, &mut report.corrections] {
        list.sort_by_key(|l| l.row);
    }
    let mut years: Vec<i32> = lines.iter().map(|l| l.date.year()).collect();
    years.sort_unstable();
    years.dedup();
    for year in years {
        let in_year: Vec<&Line> = lines.iter().filter(|l| l.date.year() == year).collect();
        let from = in_year.iter().map(|l| l.date).min().unwrap_or_default();
        let mut caregivers: Vec<i64> = in_year.iter().map(|l| l.caregiver_id).collect();
        caregivers.sort_unstable();
        caregivers.dedup();
        // From the statement's first date on: a month's statement re-allocates
        // that month and what follows, not the whole year.
        crate::funding::reallocate_from(&tx, year, &caregivers, from, now)?;
    }
    crate::audit::record(
        &tx,
        crate::audit::AuditAction::Import,
        None,
        &format!("overzicht van aanbieder: {} regels", report.lines),
        now,
    )?;
    options.finish(tx)?;
    Ok(report)
}
