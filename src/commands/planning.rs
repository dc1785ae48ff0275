//! Providers, matching, planning, sessions, calendars and statements.

use std::path::Path;

use chrono::{DateTime, Utc};

use crate::access::Area;
use crate::error::{Error, FieldError, Result};
use crate::funding::{self, PlanPreview};
use crate::import::{self as importer, ImportOptions};
use crate::matching::{self, NeedInput, ProviderMatch};
use crate::planning::{
    self, CalendarFile, CalendarOwner, ChangeScope, PlanOutcome, SeriesInput, SessionInput, SessionStatus, SessionView,
    StatementReport, WeekCalendar,
};
use crate::provider::{self, FunderChoice, Provider, ProviderInput};
use crate::store::Store;

pub fn list_providers(store: &Store) -> Result<Vec<Provider>> {
    store.require(Area::Providers)?;
    provider::list_providers(store.conn())
}

pub fn get_provider(store: &Store, id: i64) -> Result<Provider> {
    store.require(Area::Providers)?;
    provider::get_provider(store.conn(), id)
}

/// The edit form of a provider, filled in.
pub fn provider_form(store: &Store, id: i64) -> Result<ProviderInput> {
    store.require(Area::ProvidersEdit)?;
    provider::provider_form(store.conn(), id)
}

/// Saves the provider form (`id` None: a new provider) and returns it as stored.
pub fn save_provider(store: &Store, id: Option<i64>, input: &ProviderInput, now: DateTime<Utc>) -> Result<Provider> {
    store.require(Area::ProvidersEdit)?;
    let id = provider::save_provider_form(store.conn(), id, input, now)?;
    provider::get_provider(store.conn(), id)
}

/// Archived providers, for the list behind "toon gearchiveerde aanbieders".
pub fn list_archived_providers(store: &Store) -> Result<Vec<Provider>> {
    store.require(Area::Providers)?;
    provider::list_archived_providers(store.conn())
}

/// Archives a provider: no longer matched or planned; its history stays.
pub fn archive_provider(store: &Store, id: i64, now: DateTime<Utc>) -> Result<Provider> {
    store.require(Area::ProvidersEdit)?;
    provider::archive_provider(store.conn(), id, now)
}

pub fn restore_provider(store: &Store, id: i64, now: DateTime<Utc>) -> Result<Provider> {
    store.require(Area::ProvidersEdit)?;
    provider::restore_provider(store.conn(), id, now)
}

/// The funders to pick in the provider form.
pub fn funder_choices(store: &Store) -> Result<Vec<FunderChoice>> {
    store.require(Area::ProvidersEdit)?;
    provider::funder_choices(store.conn())
}

pub fn rank_providers(store: &Store, need: &NeedInput) -> Result<Vec<ProviderMatch>> {
    store.require(Area::Planning)?;
    matching::rank_providers(store.conn(), need)
}

pub fn plan_session(
    store: &Store,
    input: &SessionInput,
    override_reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<PlanOutcome> {
    store.require(Area::Planning)?;
    provider::ensure_plannable(store.conn(), input.provider_id, input.helper_id)?;
    planning::plan_session(store.conn(), input, override_reason, now)
}

pub fn plan_series(
    store: &Store,
    input: &SeriesInput,
    override_reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<PlanOutcome> {
    store.require(Area::Planning)?;
    provider::ensure_plannable(store.conn(), input.session.provider_id, input.session.helper_id)?;
    planning::plan_series(store.conn(), input, override_reason, now)
}

pub fn update_session(
    store: &Store,
    id: i64,
    input: &SessionInput,
    scope: ChangeScope,
    override_reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<PlanOutcome> {
    store.require(Area::Planning)?;
    // A session moved to another provider or helper: that one must take new work.
    let current = planning::get_session(store.conn(), id)?;
    if (current.provider_id, current.helper_id) != (input.provider_id, input.helper_id) {
        provider::ensure_plannable(store.conn(), input.provider_id, input.helper_id)?;
    }
    planning::update_session(store.conn(), id, input, scope, override_reason, now)
}

/// `delivered_hours`: for a delivered session the hours delivered as typed
/// (`2,5`); empty or None means as planned.
pub fn set_session_status(
    store: &Store,
    id: i64,
    status: SessionStatus,
    delivered_hours: Option<&str>,
    now: DateTime<Utc>,
) -> Result<SessionView> {
    store.require(Area::Planning)?;
    let delivered_minutes = match delivered_hours.map(str::trim) {
        Some(raw) if !raw.is_empty() && status == SessionStatus::Delivered => Some(
            crate::dutch::parse_hours_as_minutes(raw)
                .map_err(|m| Error::Validation(vec![FieldError::new("deliveredHours", m)]))?,
        ),
        _ => None,
    };
    planning::set_status(store.conn(), id, status, delivered_minutes, now).map(|s| s.offered_at(now)).map_err(|err| {
        match err {
            // The core checks minutes; the form asks for hours.
            Error::Validation(fields) => Error::Validation(
                fields
                    .into_iter()
                    .map(|f| match f.field.as_str() {
                        "deliveredMinutes" => {
                            FieldError::new("deliveredHours", "Vul de geleverde duur in uren in, meer dan 0.")
                        }
                        _ => f,
                    })
                    .collect(),
            ),
            other => other,
        }
    })
}

/// Cancels the open sessions of a series from a date (`dd-mm-jjjj`), with a
/// reason; the number cancelled.
pub fn cancel_series(store: &Store, series_id: i64, from: &str, reason: &str, now: DateTime<Utc>) -> Result<usize> {
    store.require(Area::Planning)?;
    planning::cancel_series(store.conn(), series_id, from, reason, now)
}

/// A delivery reported by mistake: back to planned, with a reason.
pub fn undo_delivery(store: &Store, id: i64, reason: &str, now: DateTime<Utc>) -> Result<SessionView> {
    store.require(Area::Planning)?;
    planning::undo_delivery(store.conn(), id, reason, now)
}

/// A provider's monthly statement from a CSV or XLSX file. All or nothing:
/// with one bad row nothing is written and the report names every bad row.
pub fn import_statement_file(store: &mut Store, path: &Path, now: DateTime<Utc>) -> Result<StatementReport> {
    store.require(Area::Planning)?;
    let table = importer::read_table(path)?;
    planning::import_statement(store.conn_mut(), &table, ImportOptions::default(), now)
}

/// Every session waiting for the director (what the export warning counts).
pub fn review_queue(store: &Store, now: DateTime<Utc>) -> Result<planning::ReviewQueue> {
    store.require(Area::Planning)?;
    planning::review_queue(store.conn(), now)
}

/// Settles one session of the queue and returns the queue as it is then.
pub fn settle_review(
    store: &Store,
    id: i64,
    input: &planning::ReviewInput,
    now: DateTime<Utc>,
) -> Result<planning::ReviewQueue> {
    store.require(Area::Planning)?;
    planning::settle_review(store.conn(), id, input, now)?;
    planning::review_queue(store.conn(), now)
}

/// What importing the statement would do (who each line is about and how
/// the app found her, differences, clashes, refused rows), nothing written.
pub fn preview_statement_file(store: &mut Store, path: &Path, now: DateTime<Utc>) -> Result<StatementReport> {
    store.require(Area::Planning)?;
    let table = importer::read_table(path)?;
    planning::preview_statement(store.conn_mut(), &table, now)
}

pub fn get_session(store: &Store, id: i64, now: DateTime<Utc>) -> Result<SessionView> {
    store.require(Area::Planning)?;
    Ok(planning::get_session(store.conn(), id)?.offered_at(now))
}

/// The week around `date` (`dd-mm-jjjj` or `jjjj-mm-dd`).
pub fn week_calendar(store: &Store, owner: CalendarOwner, date: &str, now: DateTime<Utc>) -> Result<WeekCalendar> {
    store.require(Area::Planning)?;
    let date = crate::dutch::parse_date(date).map_err(|m| Error::Validation(vec![FieldError::new("date", m)]))?;
    let mut week = planning::week_calendar(store.conn(), owner, date)?;
    for day in &mut week.days {
        day.sessions = std::mem::take(&mut day.sessions).into_iter().map(|s| s.offered_at(now)).collect();
    }
    Ok(week)
}

/// Writes a provider's planned sessions from `from` for `weeks` weeks, and
/// the sessions called off or moved since an earlier file, as an .ics file;
/// what it sent is remembered only when the file is written.
pub fn export_provider_ics(
    store: &Store,
    provider_id: i64,
    from: &str,
    weeks: u32,
    path: &Path,
    now: DateTime<Utc>,
) -> Result<CalendarFile> {
    store.require(Area::Planning)?;
    let from = crate::dutch::parse_date(from).map_err(|m| Error::Validation(vec![FieldError::new("from", m)]))?;
    let tx = crate::store::atomic(store.conn(), "calendar_file")?;
    let (text, file) = planning::provider_ics(&tx, provider_id, from, u64::from(weeks.clamp(1, 104)) * 7, now)?;
    crate::store::files::write_whole(path, text.as_bytes())?;
    tx.commit()?;
    Ok(file)
}

/// What planning this session or series would cost and who would pay.
pub fn preview_series(store: &Store, input: &SeriesInput) -> Result<PlanPreview> {
    store.require(Area::Planning)?;
    let (sessions, _) = planning::series_candidates(store.conn(), input)?;
    funding::preview_plan(store.conn(), &sessions)
}

/// The series form drafted from the need, for the provider picked.
pub fn draft_series(store: &Store, need: &NeedInput, provider_id: i64, helper_id: Option<i64>) -> Result<SeriesInput> {
    store.require(Area::Planning)?;
    Ok(planning::draft_series(need, provider_id, helper_id))
}
