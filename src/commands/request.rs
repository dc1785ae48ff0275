//! Requests and the waiting list, for the director.

use chrono::{DateTime, Utc};

use crate::access::Area;
use crate::audit::{self, AuditAction};
use crate::error::Result;
use crate::request::{self, Request, RequestInput, RequestSettings, StatusInput};
use crate::store::Store;

/// Runs `f` and writes its audit line in one savepoint: a refused change records nothing.
fn request_changed(
    store: &Store,
    what: &str,
    now: DateTime<Utc>,
    f: impl FnOnce() -> Result<Request>,
) -> Result<Request> {
    crate::store::in_savepoint(store.conn(), "request", || {
        let request = f()?;
        let detail = format!("aanvraag {}: {what}", request.id);
        audit::record(store.conn(), AuditAction::RequestChanged, request.caregiver_id, &detail, now)?;
        Ok(request)
    })
}

pub fn record_request(store: &Store, input: &RequestInput, now: DateTime<Utc>) -> Result<Request> {
    store.require(Area::Planning)?;
    request_changed(store, "vastgelegd", now, || request::record_request(store.conn(), input, now))
}

pub fn change_request_status(store: &Store, id: i64, input: &StatusInput, now: DateTime<Utc>) -> Result<Request> {
    store.require(Area::Planning)?;
    let what = format!("status {}", input.to.label());
    request_changed(store, &what, now, || request::change_request_status(store.conn(), id, input, now))
}

pub fn link_request(store: &Store, id: i64, caregiver_id: i64, now: DateTime<Utc>) -> Result<Request> {
    store.require(Area::Planning)?;
    store.require_caregiver(caregiver_id)?;
    request_changed(store, "gekoppeld aan dossier", now, || request::link_request(store.conn(), id, caregiver_id, now))
}

pub fn get_request(store: &Store, id: i64, now: DateTime<Utc>) -> Result<Request> {
    store.require(Area::Planning)?;
    request::get_request(store.conn(), id, now.date_naive())
}

/// The open requests, most urgent and longest waiting first.
pub fn waiting_list(store: &Store, now: DateTime<Utc>) -> Result<Vec<Request>> {
    store.require(Area::Planning)?;
    request::waiting_list(store.conn(), now.date_naive())
}

/// Open requests waiting longer than the setting, for the attention list.
pub fn overdue_requests(store: &Store, now: DateTime<Utc>) -> Result<Vec<Request>> {
    store.require(Area::Planning)?;
    request::overdue_requests(store.conn(), now.date_naive())
}

pub fn requests_of_caregiver(store: &Store, caregiver_id: i64, now: DateTime<Utc>) -> Result<Vec<Request>> {
    store.require(Area::Planning)?;
    store.require_caregiver(caregiver_id)?;
    request::requests_of_caregiver(store.conn(), caregiver_id, now.date_naive())
}

pub fn request_settings(store: &Store) -> Result<RequestSettings> {
    store.require(Area::Planning)?;
    request::request_settings(store.conn())
}

pub fn set_request_settings(store: &Store, input: &RequestSettings) -> Result<RequestSettings> {
    store.require(Area::Admin)?;
    request::set_request_settings(store.conn(), input)
}
