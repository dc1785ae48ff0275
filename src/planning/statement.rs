//! A provider's monthly statement of delivered sessions
//! (`respijt import sessions FILE`). Each line is matched to the planned
//! session (same caregiver, provider and date) and closes it with the stated
//! times. A line without a planned session becomes an unplanned delivered
//! session flagged for review: no delivered hour is ever lost. A clash in a
//! statement is flagged, never a reason to drop the line.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::clash::find_clashes;
use super::session::ValidSession;
use super::time::{iso_week_number, minutes_at, parse_clock};
use super::SessionStatus;
use crate::dutch;
use crate::error::{Error, Result};
use crate::import::{ImportOptions, RowError, Table};
use crate::intake::RespiteForm;
use crate::provider::{self, Unit};

pub const STATEMENT_COLUMNS: &[&str] =
    &["extern_id", "mantelzorger_id", "aanbieder_id", "dienst", "datum", "start", "eind", "status"];

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
    pub rejected: Vec<RowError>,
}

struct Line {
    row: usize,
    extern_id: String,
    caregiver_id: i64,
    recipient_id: i64,
    provider_id: i64,
    form: RespiteForm,
    unit: Unit,
    date: NaiveDate,
    start: i64,
    end: i64,
    status: SessionStatus,
}

fn parse_status(raw: &str) -> Result<SessionStatus, String> {
    match dutch::fold(raw).replace(' ', "_").as_str() {
        "uitgevoerd" | "geleverd" => Ok(SessionStatus::Delivered),
        "geannuleerd" => Ok(SessionStatus::Cancelled),
        "niet_verschenen" | "no_show" => Ok(SessionStatus::NoShow),
        _ => Err(format!("'{}' is geen status; kies uitgevoerd, geannuleerd of niet_verschenen.", raw.trim())),
    }
}

fn key_map(conn: &Connection, sql: &str) -> Result<HashMap<String, i64>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn check_lines(conn: &Connection, table: &Table, report: &mut StatementReport) -> Result<Vec<Line>> {
    let mut lines = Vec::with_capacity(table.rows.len());
    // A statement names the same few providers and many caregivers: read the
    // keys once instead of a look-up per line.
    let caregivers = key_map(conn, "SELECT extern_id, id FROM caregiver WHERE extern_id IS NOT NULL")?;
    let providers = key_map(conn, "SELECT extern_id, id FROM provider WHERE extern_id IS NOT NULL")?;
    let recipients: HashMap<i64, i64> = conn
        .prepare("SELECT caregiver_id, MIN(recipient_id) FROM caregiver_recipient GROUP BY caregiver_id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut services: HashMap<(i64, RespiteForm), Option<Unit>> = HashMap::new();
    for (index, cells) in table.rows.iter().enumerate() {
        let row = index + 1;
        if cells.iter().all(String::is_empty) {
            continue;
        }
        let cell = |name: &str| table.column(name).and_then(|i| cells.get(i)).map(String::as_str).unwrap_or("").trim();
        let mut errors = Vec::new();
        let mut reject = |column: &str, message: String| errors.push(RowError { row, column: column.into(), message });
        let extern_id = cell("extern_id").to_string();
        if extern_id.is_empty() {
            reject("extern_id", "Vul extern_id in: daarmee wordt een regel niet twee keer geteld.".into());
        }
        let caregiver_id = match caregivers.get(cell("mantelzorger_id")).copied() {
            Some(id) => Some(id),
            None => {
                reject("mantelzorger_id", format!("Geen mantelzorger met extern_id '{}'.", cell("mantelzorger_id")));
                None
            }
        };
        let provider_id = match providers.get(cell("aanbieder_id")).copied() {
            Some(id) => Some(id),
            None => {
                reject("aanbieder_id", format!("Geen aanbieder met extern_id '{}'.", cell("aanbieder_id")));
                None
            }
        };
        let form = provider::parse_form(cell("dienst")).map_err(|m| reject("dienst", m)).ok();
        let unit = match (provider_id, form) {
            (Some(p), Some(f)) => match *match services.entry((p, f)) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(provider::service_of(conn, p, f)?.map(|(_, u)| u))
                }
            } {
                Some(unit) => Some(unit),
                None => {
                    reject("dienst", format!("Deze aanbieder biedt geen {}.", f.label()));
                    None
                }
            },
            _ => None,
        };
        let date = dutch::parse_date(cell("datum")).map_err(|m| reject("datum", m)).ok();
        let start = parse_clock(cell("start")).map_err(|m| reject("start", m)).ok();
        let end = parse_clock(cell("eind")).map_err(|m| reject("eind", m)).ok();
        // An end at or before the start runs past midnight (an etmaal, a night).
        let end = match (start, end) {
            (Some(s), Some(e)) if e <= s => Some(e + 1440),
            (_, e) => e,
        };
        let status = parse_status(cell("status")).map_err(|m| reject("status", m)).ok();
        let recipient_id = caregiver_id.and_then(|c| recipients.get(&c).copied());
        if caregiver_id.is_some() && recipient_id.is_none() {
            reject("mantelzorger_id", "Deze mantelzorger heeft geen naaste; voeg die eerst toe.".into());
        }
        match (caregiver_id, recipient_id, provider_id, form, unit, date, start, end, status) {
            (
                Some(caregiver_id),
                Some(recipient_id),
                Some(provider_id),
                Some(form),
                Some(unit),
                Some(date),
                Some(start),
                Some(end),
                Some(status),
            ) if errors.is_empty() => lines.push(Line {
                row,
                extern_id,
                caregiver_id,
                recipient_id,
                provider_id,
                form,
                unit,
                date,
                start,
                end,
                status,
            }),
            _ => report.rejected.extend(errors),
        }
    }
    Ok(lines)
}

pub fn import_statement(
    conn: &mut Connection,
    table: &Table,
    options: ImportOptions,
    now: DateTime<Utc>,
) -> Result<StatementReport> {
    let missing: Vec<&str> = STATEMENT_COLUMNS.iter().copied().filter(|c| table.column(c).is_none()).collect();
    if !missing.is_empty() {
        return Err(Error::Invalid(format!(
            "De kolom(men) {} ontbreken in de kopregel. Verwachte kolommen: {}.",
            missing.join(", "),
            STATEMENT_COLUMNS.join(";")
        )));
    }
    let mut report = StatementReport::default();
    let lines = check_lines(conn, table, &mut report)?;
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
        if let Some(id) = seen {
            super::session::record_status(&tx, id, line.status, delivered, "overzicht van de aanbieder", now)?;
            tx.prepare_cached("UPDATE session SET status = ?1, delivered_minutes = ?2, updated_at = ?3 WHERE id = ?4")?
                .execute(params![line.status.code(), delivered, ts, id])?;
            report.repeated += 1;
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
            let mut note = "Niet gepland; gemeld in het overzicht van de aanbieder.".to_string();
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
        }
    }
    for list in [&mut report.differences, &mut report.unplanned, &mut report.clashes] {
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
