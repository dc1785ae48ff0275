//! Reading a statement's lines: every cell checked, the caregiver and the
//! provider found (`people`), the date held to the delivery rule; a line
//! with any error is refused with its row and column.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;

use super::people::People;
use super::{LineMatch, StatementReport, STATEMENT_COLUMNS};
use crate::dutch;
use crate::error::{Error, Result};
use crate::import::{RowError, Table};
use crate::intake::RespiteForm;
use crate::planning::delivery_date::{DeliveryDate, DeliveryRules};
use crate::planning::time::parse_clock;
use crate::planning::SessionStatus;
use crate::provider::{self, Unit};

/// The header must name the fixed columns, the caregiver and the provider.
pub(super) fn check_columns(table: &Table) -> Result<()> {
    let mut missing: Vec<&str> = STATEMENT_COLUMNS.iter().copied().filter(|c| table.column(c).is_none()).collect();
    let has_name = table.column("naam").is_some() || table.column("achternaam").is_some();
    let names_caregiver = table.column("mantelzorger_id").is_some()
        || table.column("dossiernummer").is_some()
        || (has_name && table.column("geboortedatum").is_some());
    if !names_caregiver {
        missing.push("mantelzorger_id (of dossiernummer, of naam en geboortedatum)");
    }
    if table.column("aanbieder_id").is_none() && table.column("aanbieder").is_none() {
        missing.push("aanbieder_id (of aanbieder)");
    }
    if !missing.is_empty() {
        return Err(Error::Invalid(format!(
            "De kolom(men) {} ontbreken in de kopregel. Verwachte kolommen: {}.",
            missing.join(", "),
            "extern_id;mantelzorger_id;aanbieder_id;dienst;datum;start;eind;status (zie de handleiding voor dossiernummer, naam, geboortedatum, postcode en aanbieder)"
        )));
    }
    Ok(())
}

pub(super) struct Line {
    pub(super) row: usize,
    pub(super) extern_id: String,
    pub(super) caregiver_id: i64,
    pub(super) recipient_id: i64,
    pub(super) provider_id: i64,
    pub(super) form: RespiteForm,
    pub(super) unit: Unit,
    pub(super) date: NaiveDate,
    pub(super) start: i64,
    pub(super) end: i64,
    pub(super) status: SessionStatus,
    /// The closed period the date lies in and the day its correction is booked.
    pub(super) correction: Option<(String, NaiveDate)>,
}

fn parse_status(raw: &str) -> Result<SessionStatus, String> {
    match dutch::fold(raw).replace(' ', "_").as_str() {
        "uitgevoerd" | "geleverd" => Ok(SessionStatus::Delivered),
        "geannuleerd" => Ok(SessionStatus::Cancelled),
        "niet_verschenen" | "no_show" => Ok(SessionStatus::NoShow),
        _ => Err(format!("'{}' is geen status; kies uitgevoerd, geannuleerd of niet_verschenen.", raw.trim())),
    }
}

pub(super) fn check_lines(
    conn: &Connection,
    table: &Table,
    report: &mut StatementReport,
    now: DateTime<Utc>,
) -> Result<Vec<Line>> {
    let mut lines = Vec::with_capacity(table.rows.len());
    let dates = DeliveryRules::load(conn, now)?;
    // A statement names the same few providers and many caregivers: read the
    // keys once instead of a look-up per line.
    let people = People::load(conn, table)?;
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
        let text = |name: &str| cell(name).to_string();
        let (caregiver_id, matched_by) = match people.caregiver(conn, &text)? {
            Ok((id, how)) => (Some(id), Some(how)),
            Err((column, message)) => {
                reject(column, message);
                (None, None)
            }
        };
        let provider_id = people.provider(&text).map_err(|(column, message)| reject(column, message)).ok();
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
        // A cancellation can be reported ahead; what happened cannot lie in the future.
        let happened = status.is_some_and(|s| s != SessionStatus::Cancelled);
        let correction = match date.map(|d| dates.check(d, happened)) {
            Some(Err(message)) => {
                reject("datum", message);
                None
            }
            Some(Ok(DeliveryDate::Correction { period, booked_on })) => Some((period, booked_on)),
            _ => None,
        };
        let recipient_id = caregiver_id.and_then(|c| recipients.get(&c).copied());
        if caregiver_id.is_some() && recipient_id.is_none() {
            reject("mantelzorger_id", "Deze mantelzorger heeft geen naaste; voeg die eerst toe.".into());
        }
        match (caregiver_id, matched_by, recipient_id, provider_id, form, unit, date, start, end, status) {
            (
                Some(caregiver_id),
                Some(matched_by),
                Some(recipient_id),
                Some(provider_id),
                Some(form),
                Some(unit),
                Some(date),
                Some(start),
                Some(end),
                Some(status),
            ) if errors.is_empty() => {
                report.people.push(LineMatch {
                    row,
                    extern_id: extern_id.clone(),
                    caregiver_id,
                    caregiver_name: conn
                        .prepare_cached("SELECT first_name || ' ' || last_name FROM caregiver WHERE id = ?1")?
                        .query_row([caregiver_id], |r| r.get(0))?,
                    matched_by,
                });
                lines.push(Line {
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
                    correction,
                })
            }
            _ => report.rejected.extend(errors),
        }
    }
    Ok(lines)
}
