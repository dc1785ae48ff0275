//! Writing and reading requests. A request is never deleted: it ends
//! (gestart, afgewezen, ingetrokken), and every status is kept dated.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{named_params, params, Connection, OptionalExtension, Row};
use serde::Serialize;
use ts_rs::TS;

use super::codes::{Referrer, RequestStatus, WaitReason};
use super::input::{self, RequestInput, StatusInput, ValidRequest};
use super::status;
use crate::caregiver::{self, CaregiverSummary};
use crate::dutch;
use crate::error::{Error, Result};
use crate::intake::{RespiteForm, Urgency};
use crate::store::timestamp;

/// One dated status of a request, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct RequestStatusChange {
    pub status: RequestStatus,
    pub wait_reason: Option<WaitReason>,
    pub note: String,
    pub on: NaiveDate,
    pub by: String,
}

/// A request as the waiting list and the dossier show it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct Request {
    pub id: i64,
    pub received_on: NaiveDate,
    pub referrer: Referrer,
    pub form: Option<RespiteForm>,
    pub minutes_per_week: Option<i64>,
    pub note: String,
    pub urgency: Urgency,
    pub status: RequestStatus,
    /// Where the status can go from here, for the buttons.
    pub next_statuses: Vec<RequestStatus>,
    pub wait_reason: Option<WaitReason>,
    /// The reason of a refusal, or of a wait 'anders'.
    pub status_note: String,
    pub status_on: NaiveDate,
    pub caregiver_id: Option<i64>,
    /// The dossier's name when linked, else the caller's.
    pub name: String,
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: Option<NaiveDate>,
    pub postcode: String,
    /// As people read it (06 12345678).
    pub phone: String,
    /// Calendar days from the request to its end (or to today while open).
    pub days_waiting: i64,
    /// Oldest first.
    pub history: Vec<RequestStatusChange>,
    /// Not linked yet and a dossier with the same name, date of birth and
    /// postcode exists: the one to link to.
    pub possible_dossier: Option<CaregiverSummary>,
}

const SELECT: &str = "SELECT r.id, r.received_on, r.referrer, r.form, r.minutes_per_week, r.note, r.urgency, r.status,
    r.wait_reason, r.status_note, r.status_on, r.caregiver_id,
    COALESCE(c.first_name || ' ' || c.last_name, trim(r.first_name || ' ' || r.last_name)),
    r.first_name, r.last_name, r.date_of_birth, r.postcode, r.phone
    FROM request r LEFT JOIN caregiver c ON c.id = r.caregiver_id";

fn from_row(r: &Row<'_>, today: NaiveDate) -> rusqlite::Result<Request> {
    let status: RequestStatus = r.get(7)?;
    let received_on: NaiveDate = r.get(1)?;
    let status_on: NaiveDate = r.get(10)?;
    let until = if status.is_open() { today } else { status_on };
    let phone: String = r.get(17)?;
    Ok(Request {
        id: r.get(0)?,
        received_on,
        referrer: r.get(2)?,
        form: r.get(3)?,
        minutes_per_week: r.get(4)?,
        note: r.get(5)?,
        urgency: r.get(6)?,
        status,
        next_statuses: status::next_statuses(status),
        wait_reason: r.get(8)?,
        status_note: r.get(9)?,
        status_on,
        caregiver_id: r.get(11)?,
        name: r.get(12)?,
        first_name: r.get(13)?,
        last_name: r.get(14)?,
        date_of_birth: r.get(15)?,
        postcode: r.get(16)?,
        phone: dutch::display_phone(&phone),
        days_waiting: (until - received_on).num_days().max(0),
        history: Vec::new(),
        possible_dossier: None,
    })
}

fn not_found(id: i64) -> Error {
    Error::NotFound(format!("Aanvraag {id} bestaat niet (meer)."))
}

fn history(conn: &Connection, id: i64) -> Result<Vec<RequestStatusChange>> {
    let mut stmt = conn.prepare_cached(
        "SELECT status, wait_reason, note, on_date, recorded_by FROM request_status_change
         WHERE request_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(RequestStatusChange {
            status: r.get(0)?,
            wait_reason: r.get(1)?,
            note: r.get(2)?,
            on: r.get(3)?,
            by: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The dossier a request without one probably belongs to.
fn possible_dossier(conn: &Connection, request: &Request) -> Result<Option<CaregiverSummary>> {
    match (request.caregiver_id, request.date_of_birth) {
        (None, Some(dob)) if !request.postcode.is_empty() => {
            caregiver::find_twin_of(conn, &request.first_name, &request.last_name, dob, &request.postcode)
        }
        _ => Ok(None),
    }
}

pub fn get_request(conn: &Connection, id: i64, today: NaiveDate) -> Result<Request> {
    let mut request = conn
        .prepare_cached(&format!("{SELECT} WHERE r.id = ?1"))?
        .query_row([id], |r| from_row(r, today))
        .optional()?
        .ok_or_else(|| not_found(id))?;
    request.history = history(conn, id)?;
    request.possible_dossier = possible_dossier(conn, &request)?;
    Ok(request)
}

/// Requests matching `filter` (SQL on `r`), each with its history.
pub(crate) fn requests_where(conn: &Connection, filter: &str, today: NaiveDate) -> Result<Vec<Request>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE {filter} ORDER BY r.received_on, r.id"))?;
    let mut requests = stmt.query_map([], |r| from_row(r, today))?.collect::<rusqlite::Result<Vec<_>>>()?;
    for request in &mut requests {
        request.history = history(conn, request.id)?;
        request.possible_dossier = possible_dossier(conn, request)?;
    }
    Ok(requests)
}

/// A caregiver's requests, newest first.
pub fn requests_of_caregiver(conn: &Connection, caregiver_id: i64, today: NaiveDate) -> Result<Vec<Request>> {
    let mut requests = requests_where(conn, &format!("r.caregiver_id = {caregiver_id}"), today)?;
    requests.reverse();
    Ok(requests)
}

fn check_caregiver(conn: &Connection, caregiver_id: i64) -> Result<()> {
    let exists: bool =
        conn.query_row("SELECT EXISTS (SELECT 1 FROM caregiver WHERE id = ?1)", [caregiver_id], |r| r.get(0))?;
    if exists {
        Ok(())
    } else {
        Err(Error::NotFound(format!("Mantelzorger {caregiver_id} bestaat niet (meer).")))
    }
}

fn add_history(conn: &Connection, id: i64, change: &RequestStatusChange, now: DateTime<Utc>) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO request_status_change (request_id, status, wait_reason, note, on_date, recorded_at, recorded_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![id, change.status, change.wait_reason, change.note, change.on, timestamp(now), change.by])?;
    Ok(())
}

/// Records a new request; its first status is 'nieuw' on the day it came in.
pub fn record_request(conn: &Connection, input: &RequestInput, now: DateTime<Utc>) -> Result<Request> {
    let today = now.date_naive();
    let v: ValidRequest = input::validate(input, today)?;
    if let Some(id) = v.caregiver_id {
        check_caregiver(conn, id)?;
    }
    let ts = timestamp(now);
    conn.prepare_cached(
        "INSERT INTO request (received_on, referrer, form, minutes_per_week, note, urgency, status, status_on,
           caregiver_id, first_name, last_name, date_of_birth, postcode, phone, created_at, updated_at)
         VALUES (:received_on, :referrer, :form, :minutes, :note, :urgency, 'nieuw', :received_on,
           :caregiver_id, :first_name, :last_name, :dob, :postcode, :phone, :ts, :ts)",
    )?
    .execute(named_params! {
        ":received_on": v.received_on, ":referrer": v.referrer, ":form": v.form, ":minutes": v.minutes_per_week,
        ":note": v.note, ":urgency": v.urgency, ":caregiver_id": v.caregiver_id, ":first_name": v.first_name,
        ":last_name": v.last_name, ":dob": v.date_of_birth, ":postcode": v.postcode, ":phone": v.phone, ":ts": ts,
    })?;
    let id = conn.last_insert_rowid();
    let by = crate::audit::acting(conn)?;
    let first = RequestStatusChange {
        status: RequestStatus::New,
        wait_reason: None,
        note: String::new(),
        on: v.received_on,
        by,
    };
    add_history(conn, id, &first, now)?;
    get_request(conn, id, today)
}

/// Moves a request to another status, dated (empty: today), with the
/// reason a wait or a refusal needs. Starting needs a dossier: the monitor
/// counts the days to the caregiver's first respite.
pub fn change_request_status(conn: &Connection, id: i64, input: &StatusInput, now: DateTime<Utc>) -> Result<Request> {
    let today = now.date_naive();
    let current = get_request(conn, id, today)?;
    status::check_change(current.status, input.to)?;
    input::check_status(input)?;
    let mut errors = Vec::new();
    let on = input::date_or_today(&input.on, "on", today, &mut errors);
    if errors.is_empty() && on < current.status_on {
        errors.push(crate::error::FieldError::new(
            "on",
            format!("Kies een datum op of na {}, de datum van de huidige status.", dutch::date_text(current.status_on)),
        ));
    }
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    if input.to == RequestStatus::Started && current.caregiver_id.is_none() {
        return Err(Error::Invalid(
            "Koppel de aanvraag eerst aan een dossier (of maak er een): pas dan kan het respijt starten.".into(),
        ));
    }
    let wait_reason = if input.to == RequestStatus::WaitingForProvider { input.wait_reason } else { None };
    let note = input.note.trim().to_string();
    conn.execute(
        "UPDATE request SET status = ?2, wait_reason = ?3, status_note = ?4, status_on = ?5, updated_at = ?6
         WHERE id = ?1",
        params![id, input.to, wait_reason, note, on, timestamp(now)],
    )?;
    let change = RequestStatusChange { status: input.to, wait_reason, note, on, by: crate::audit::acting(conn)? };
    add_history(conn, id, &change, now)?;
    get_request(conn, id, today)
}

/// Links a request to a dossier (the one the twin check suggests, or
/// another the director chose). A linked request can be moved to another
/// dossier while it is open, for a wrong choice.
pub fn link_request(conn: &Connection, id: i64, caregiver_id: i64, now: DateTime<Utc>) -> Result<Request> {
    let today = now.date_naive();
    let current = get_request(conn, id, today)?;
    check_caregiver(conn, caregiver_id)?;
    if current.caregiver_id.is_some() && !current.status.is_open() {
        return Err(Error::Invalid(format!(
            "Deze aanvraag is {}; het dossier ervan kan niet meer veranderen.",
            current.status.label()
        )));
    }
    conn.execute(
        "UPDATE request SET caregiver_id = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, caregiver_id, timestamp(now)],
    )?;
    get_request(conn, id, today)
}

/// The dossier of a request (None before it is linked), for the audit line.
pub fn caregiver_of_request(conn: &Connection, id: i64) -> Result<Option<i64>> {
    conn.query_row("SELECT caregiver_id FROM request WHERE id = ?1", [id], |r| r.get::<_, Option<i64>>(0))
        .optional()?
        .ok_or_else(|| not_found(id))
}
