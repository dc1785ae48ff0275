//! Planning, changing and closing sessions.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::clash::{find_clashes, Clash};
use super::series::expand_series;
use super::time::{clock_text, date_of, iso_week_number, minutes_at, parse_clock};
use super::SessionStatus;
use crate::dutch;
use crate::error::{Error, FieldError, Result};
use crate::intake::{RespiteForm, Weekday};
use crate::provider::{self, Unit};

/// The planning form, as text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase", default)]
pub struct SessionInput {
    pub caregiver_id: i64,
    pub recipient_id: i64,
    pub provider_id: i64,
    pub helper_id: Option<i64>,
    pub form: Option<RespiteForm>,
    /// `dd-mm-jjjj`; for a series the first date.
    pub date: String,
    /// `uu:mm`.
    pub start_time: String,
    /// `uu:mm`, for hourly forms.
    pub end_time: String,
    /// Number of dagdelen or etmalen, for those forms.
    pub units: String,
    /// For the helper: routines, what to watch, whom to call.
    pub handover_note: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase", default)]
pub struct SeriesInput {
    pub session: SessionInput,
    pub every_weeks: u32,
    pub weekdays: Vec<Weekday>,
    /// `dd-mm-jjjj`, or empty when `count` is given.
    pub until: String,
    pub count: String,
    pub skip_holidays: bool,
}

/// A session that passed the checks, ready to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidSession {
    pub caregiver_id: i64,
    pub recipient_id: i64,
    pub provider_id: i64,
    pub helper_id: Option<i64>,
    pub form: RespiteForm,
    pub unit: Unit,
    pub date: NaiveDate,
    pub starts_at: i64,
    pub ends_at: i64,
    pub units: i64,
    pub handover_note: String,
}

impl ValidSession {
    /// The same session on another date.
    pub fn on(&self, date: NaiveDate) -> ValidSession {
        let shift = minutes_at(date, 0) - minutes_at(self.date, 0);
        ValidSession { date, starts_at: self.starts_at + shift, ends_at: self.ends_at + shift, ..self.clone() }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct SkippedDate {
    pub date: NaiveDate,
    pub holiday: String,
}

/// What planning led to: sessions written, or the clashes that stopped it
/// (nothing written; plan again with a reason to override).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(tag = "kind", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum PlanOutcome {
    Planned { session_ids: Vec<i64>, skipped_holidays: Vec<SkippedDate> },
    Clashes { clashes: Vec<Clash> },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub enum ChangeScope {
    ThisOnly,
    ThisAndFollowing,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct OverrideView {
    pub kind: super::ClashKind,
    pub detail: String,
    pub reason: String,
    pub decided_at: String,
}

/// A session as the calendar and the dossier show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct SessionView {
    pub id: i64,
    pub caregiver_id: i64,
    pub caregiver_name: String,
    pub recipient_id: i64,
    pub recipient_name: String,
    pub provider_id: i64,
    pub provider_name: String,
    pub helper_id: Option<i64>,
    pub helper_name: Option<String>,
    pub series_id: Option<i64>,
    pub form: RespiteForm,
    pub unit: Unit,
    pub date: NaiveDate,
    pub start: String,
    pub end: String,
    pub end_date: NaiveDate,
    pub units: i64,
    pub planned_minutes: i64,
    pub status: SessionStatus,
    pub delivered_minutes: Option<i64>,
    pub handover_note: String,
    pub needs_review: bool,
    pub review_note: String,
    pub overrides: Vec<OverrideView>,
    /// What the session panel offers for this session, the core's rule for
    /// it (the core itself also takes corrections of delivered sessions, from
    /// a statement or the CLI): change its time or provider while it is open
    /// ...
    pub can_change: bool,
    /// ... report it delivered ...
    pub can_report_delivered: bool,
    /// ... correct the hours of a delivered one ...
    pub can_correct_delivery: bool,
    /// ... or call it off (cancelled, no-show).
    pub can_call_off: bool,
}

fn timestamp(now: DateTime<Utc>) -> String {
    now.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Checks a planning form against the register and the provider.
pub fn validate_session(conn: &Connection, input: &SessionInput) -> Result<ValidSession> {
    let mut errors = Vec::new();
    let mut fail = |field: &str, message: String| errors.push(FieldError::new(field, message));
    let caregiver: Option<Option<String>> = conn
        .prepare_cached("SELECT archived_at FROM caregiver WHERE id = ?1")?
        .query_row([input.caregiver_id], |r| r.get(0))
        .optional()?;
    match caregiver {
        None => fail("caregiverId", "Kies een mantelzorger.".into()),
        Some(Some(_)) => fail("caregiverId", "Deze mantelzorger is gearchiveerd; zet het dossier eerst terug.".into()),
        Some(None) => {}
    }
    let linked: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM caregiver_recipient WHERE caregiver_id = ?1 AND recipient_id = ?2)",
        params![input.caregiver_id, input.recipient_id],
        |r| r.get(0),
    )?;
    if !linked {
        fail("recipientId", "Kies een naaste van deze mantelzorger.".into());
    }
    let unit = match input.form {
        None => {
            fail("form", "Kies de vorm van respijt.".into());
            None
        }
        Some(form) => match provider::service_of(conn, input.provider_id, form)? {
            Some((_, unit)) => Some(unit),
            None => {
                fail("providerId", format!("Deze aanbieder biedt geen {}.", form.label()));
                None
            }
        },
    };
    if let Some(helper) = input.helper_id {
        let ok: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM helper WHERE id = ?1 AND provider_id = ?2)",
            params![helper, input.provider_id],
            |r| r.get(0),
        )?;
        if !ok {
            fail("helperId", "Deze hulp werkt niet bij de gekozen aanbieder.".into());
        }
    }
    let date = dutch::parse_date(&input.date).map_err(|m| fail("date", m)).ok();
    let start = if input.start_time.trim().is_empty() {
        fail("startTime", "Vul de begintijd in (uu:mm).".into());
        None
    } else {
        parse_clock(&input.start_time).map_err(|m| fail("startTime", m)).ok()
    };
    let mut units = 0;
    let duration = match unit {
        Some(Unit::Hour) => match parse_clock(&input.end_time) {
            Ok(end) => match start {
                Some(start) if end > start => Some(end - start),
                Some(_) => {
                    fail("endTime", "De eindtijd ligt voor of op de begintijd.".into());
                    None
                }
                None => None,
            },
            Err(_) if input.end_time.trim().is_empty() => {
                fail("endTime", "Vul de eindtijd in (uu:mm).".into());
                None
            }
            Err(m) => {
                fail("endTime", m);
                None
            }
        },
        Some(unit) => match input.units.trim().parse::<i64>() {
            Ok(n) if (1..=28).contains(&n) => {
                units = n;
                unit.minutes().map(|m| m * n)
            }
            _ => {
                fail(
                    "units",
                    format!(
                        "Vul het aantal {} in (1 tot 28).",
                        if unit == Unit::Dagdeel { "dagdelen" } else { "etmalen" }
                    ),
                );
                None
            }
        },
        None => None,
    };
    match (input.form, unit, date, start, duration) {
        (Some(form), Some(unit), Some(date), Some(start), Some(duration)) if errors.is_empty() => {
            let starts_at = minutes_at(date, start);
            Ok(ValidSession {
                caregiver_id: input.caregiver_id,
                recipient_id: input.recipient_id,
                provider_id: input.provider_id,
                helper_id: input.helper_id,
                form,
                unit,
                date,
                starts_at,
                ends_at: starts_at + duration,
                units,
                handover_note: input.handover_note.trim().to_string(),
            })
        }
        _ => Err(Error::Validation(errors)),
    }
}

fn insert_session(conn: &Connection, s: &ValidSession, series_id: Option<i64>, now: &str) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO session (caregiver_id, recipient_id, provider_id, helper_id, series_id, form, unit, date, iso_week,
           starts_at, ends_at, units, status, handover_note, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 'gepland', ?13, ?14, ?14)",
    )?
    .execute(params![
        s.caregiver_id,
        s.recipient_id,
        s.provider_id,
        s.helper_id,
        series_id,
        s.form.code(),
        s.unit.code(),
        s.date,
        iso_week_number(s.date),
        s.starts_at,
        s.ends_at,
        s.units,
        s.handover_note,
        now,
    ])?;
    Ok(conn.last_insert_rowid())
}

fn record_overrides(conn: &Connection, ids: &[i64], clashes: &[Clash], reason: &str, now: &str) -> Result<()> {
    for clash in clashes {
        if let Some(id) = ids.get(clash.session_index) {
            conn.prepare_cached(
                "INSERT INTO clash_override (session_id, kind, detail, reason, decided_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![id, clash.kind.code(), clash.message, reason.trim(), now])?;
            let caregiver_id: i64 =
                conn.prepare_cached("SELECT caregiver_id FROM session WHERE id = ?1")?.query_row([id], |r| r.get(0))?;
            let at = chrono::DateTime::parse_from_rfc3339(now).map(|t| t.to_utc()).unwrap_or_default();
            crate::audit::record(
                conn,
                crate::audit::AuditAction::Override,
                Some(caregiver_id),
                // The reason itself stays with the session: it may name people, and the trail outlives an erasure.
                &format!("inzet {id}: {}", clash.kind.label()),
                at,
            )?;
        }
    }
    Ok(())
}

/// Clashes stop planning unless a reason is given; then they are recorded.
fn overridable(clashes: &[Clash], reason: Option<&str>) -> Option<String> {
    match reason.map(str::trim) {
        _ if clashes.is_empty() => Some(String::new()),
        Some(r) if !r.is_empty() => Some(r.to_string()),
        _ => None,
    }
}

pub fn plan_session(
    conn: &Connection,
    input: &SessionInput,
    override_reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<PlanOutcome> {
    let session = validate_session(conn, input)?;
    let candidates = [session];
    let clashes = find_clashes(conn, &candidates, &[])?;
    let Some(reason) = overridable(&clashes, override_reason) else {
        return Ok(PlanOutcome::Clashes { clashes });
    };
    let ts = timestamp(now);
    let tx = crate::store::atomic(conn, "planning")?;
    let ids = vec![insert_session(&tx, &candidates[0], None, &ts)?];
    record_overrides(&tx, &ids, &clashes, &reason, &ts)?;
    tx.commit()?;
    Ok(PlanOutcome::Planned { session_ids: ids, skipped_holidays: vec![] })
}

/// The sessions a series would have, checked but not written.
pub fn series_candidates(conn: &Connection, input: &SeriesInput) -> Result<(Vec<ValidSession>, Vec<SkippedDate>)> {
    let template = validate_session(conn, &input.session);
    let mut errors = match &template {
        Err(Error::Validation(fields)) => fields.clone(),
        Err(_) | Ok(_) => Vec::new(),
    };
    let until = match input.until.trim() {
        "" => None,
        raw => dutch::parse_date(raw).map_err(|m| errors.push(FieldError::new("until", m))).ok(),
    };
    let count = match input.count.trim() {
        "" => None,
        raw => match raw.parse::<usize>() {
            Ok(n) if n > 0 => Some(n),
            _ => {
                errors.push(FieldError::new("count", format!("'{raw}' is geen aantal keer.")));
                None
            }
        },
    };
    let template = match template {
        Ok(t) if errors.is_empty() => t,
        Err(e @ (Error::Storage(_) | Error::Io(_) | Error::Invalid(_) | Error::NotFound(_))) => return Err(e),
        _ => return Err(Error::Validation(errors)),
    };
    let dates = expand_series(template.date, input.every_weeks, &input.weekdays, until, count, input.skip_holidays)
        .map_err(|m| Error::Validation(vec![FieldError::new("weekdays", m)]))?;
    let skipped =
        dates.skipped.iter().map(|(date, name)| SkippedDate { date: *date, holiday: name.to_string() }).collect();
    Ok((dates.dates.iter().map(|d| template.on(*d)).collect(), skipped))
}

pub fn plan_series(
    conn: &Connection,
    input: &SeriesInput,
    override_reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<PlanOutcome> {
    let (candidates, skipped_holidays) = series_candidates(conn, input)?;
    if candidates.is_empty() {
        return Err(Error::Validation(vec![FieldError::new("weekdays", "Deze reeks heeft geen enkele datum.")]));
    }
    let clashes = find_clashes(conn, &candidates, &[])?;
    let Some(reason) = overridable(&clashes, override_reason) else {
        return Ok(PlanOutcome::Clashes { clashes });
    };
    let ts = timestamp(now);
    let tx = crate::store::atomic(conn, "planning")?;
    let weekdays = crate::codes::set_to_json(&input.weekdays);
    tx.execute(
        "INSERT INTO session_series (every_weeks, weekdays, first_date, until_date, count, skip_holidays, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            input.every_weeks,
            weekdays,
            candidates[0].date,
            dutch::parse_date(&input.until).ok(),
            input.count.trim().parse::<i64>().ok(),
            input.skip_holidays,
            ts
        ],
    )?;
    let series_id = tx.last_insert_rowid();
    let ids = candidates.iter().map(|c| insert_session(&tx, c, Some(series_id), &ts)).collect::<Result<Vec<_>>>()?;
    record_overrides(&tx, &ids, &clashes, &reason, &ts)?;
    tx.commit()?;
    Ok(PlanOutcome::Planned { session_ids: ids, skipped_holidays })
}

/// Changes one session, or it and the ones that follow in its series. A
/// changed date moves the following sessions by as many days.
pub fn update_session(
    conn: &Connection,
    id: i64,
    input: &SessionInput,
    scope: ChangeScope,
    override_reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<PlanOutcome> {
    let (series_id, old_date, old_start): (Option<i64>, NaiveDate, i64) = conn
        .query_row("SELECT series_id, date, starts_at FROM session WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("Inzet {id} bestaat niet.")))?;
    let template = validate_session(conn, input)?;
    let targets: Vec<(i64, NaiveDate)> = match (scope, series_id) {
        (ChangeScope::ThisAndFollowing, Some(series)) => conn
            .prepare(
                "SELECT id, date FROM session WHERE series_id = ?1 AND starts_at >= ?2
                 AND status IN ('gepland', 'bevestigd') ORDER BY starts_at",
            )?
            .query_map(params![series, old_start], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?,
        _ => vec![(id, old_date)],
    };
    let shift = template.date - old_date;
    let candidates: Vec<ValidSession> = targets.iter().map(|(_, date)| template.on(*date + shift)).collect();
    let ids: Vec<i64> = targets.iter().map(|(id, _)| *id).collect();
    let clashes = find_clashes(conn, &candidates, &ids)?;
    let Some(reason) = overridable(&clashes, override_reason) else {
        return Ok(PlanOutcome::Clashes { clashes });
    };
    let ts = timestamp(now);
    let tx = crate::store::atomic(conn, "planning")?;
    for (s, id) in candidates.iter().zip(&ids) {
        tx.prepare_cached(
            "UPDATE session SET recipient_id = ?1, provider_id = ?2, helper_id = ?3, form = ?4, unit = ?5, date = ?6,
               iso_week = ?7, starts_at = ?8, ends_at = ?9, units = ?10, handover_note = ?11, updated_at = ?12
             WHERE id = ?13",
        )?
        .execute(params![
            s.recipient_id,
            s.provider_id,
            s.helper_id,
            s.form.code(),
            s.unit.code(),
            s.date,
            iso_week_number(s.date),
            s.starts_at,
            s.ends_at,
            s.units,
            s.handover_note,
            ts,
            id
        ])?;
    }
    record_overrides(&tx, &ids, &clashes, &reason, &ts)?;
    // A delivered session that moved or changed provider changes who pays.
    let mut dates: Vec<NaiveDate> = targets.iter().map(|(_, d)| *d).chain(candidates.iter().map(|c| c.date)).collect();
    dates.sort_unstable();
    let mut years: Vec<i32> = dates.iter().map(|d| d.year()).collect();
    years.dedup();
    for year in years {
        let from = dates.iter().copied().find(|d| d.year() == year).unwrap_or(old_date);
        crate::funding::reallocate_from(&tx, year, &[template.caregiver_id], from, now)?;
    }
    tx.commit()?;
    Ok(PlanOutcome::Planned { session_ids: ids, skipped_holidays: vec![] })
}

/// Marks a session confirmed, delivered (with its delivered minutes; by
/// default as planned), cancelled or no-show.
pub fn set_status(
    conn: &Connection,
    id: i64,
    status: SessionStatus,
    delivered_minutes: Option<i64>,
    now: DateTime<Utc>,
) -> Result<SessionView> {
    let planned: i64 = conn
        .query_row("SELECT ends_at - starts_at FROM session WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("Inzet {id} bestaat niet.")))?;
    let delivered = match status {
        SessionStatus::Delivered => {
            let minutes = delivered_minutes.unwrap_or(planned);
            if !(1..=28 * 1440).contains(&minutes) {
                return Err(Error::Validation(vec![FieldError::new(
                    "deliveredMinutes",
                    "Vul de geleverde duur in minuten in (meer dan 0).",
                )]));
            }
            Some(minutes)
        }
        _ => None,
    };
    let tx = crate::store::atomic(conn, "planning")?;
    tx.execute(
        "UPDATE session SET status = ?1, delivered_minutes = ?2, updated_at = ?3 WHERE id = ?4",
        params![status.code(), delivered, timestamp(now), id],
    )?;
    let (caregiver, date): (i64, NaiveDate) =
        tx.query_row("SELECT caregiver_id, date FROM session WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    crate::funding::reallocate_from(&tx, date.year(), &[caregiver], date, now)?;
    tx.commit()?;
    get_session(conn, id)
}

pub(crate) const VIEW_SQL: &str = "SELECT s.id, s.caregiver_id, c.first_name || ' ' || c.last_name, s.recipient_id,
        r.first_name || ' ' || r.last_name, s.provider_id, p.name, s.helper_id, h.name, s.series_id, s.form, s.unit,
        s.date, s.starts_at, s.ends_at, s.units, s.status, s.delivered_minutes, s.handover_note, s.needs_review,
        s.review_note
    FROM session s JOIN caregiver c ON c.id = s.caregiver_id JOIN care_recipient r ON r.id = s.recipient_id
    JOIN provider p ON p.id = s.provider_id LEFT JOIN helper h ON h.id = s.helper_id";

pub(crate) fn view_from_row(r: &Row<'_>) -> rusqlite::Result<SessionView> {
    let status: SessionStatus = r.get(16)?;
    let starts_at: i64 = r.get(13)?;
    let ends_at: i64 = r.get(14)?;
    Ok(SessionView {
        id: r.get(0)?,
        caregiver_id: r.get(1)?,
        caregiver_name: r.get(2)?,
        recipient_id: r.get(3)?,
        recipient_name: r.get(4)?,
        provider_id: r.get(5)?,
        provider_name: r.get(6)?,
        helper_id: r.get(7)?,
        helper_name: r.get(8)?,
        series_id: r.get(9)?,
        form: r.get(10)?,
        unit: r.get(11)?,
        date: r.get(12)?,
        start: clock_text(starts_at),
        end: clock_text(ends_at),
        end_date: date_of(ends_at - 1),
        units: r.get(15)?,
        planned_minutes: ends_at - starts_at,
        status,
        delivered_minutes: r.get(17)?,
        handover_note: r.get(18)?,
        needs_review: r.get(19)?,
        review_note: r.get(20)?,
        overrides: Vec::new(),
        can_change: status.is_open(),
        can_report_delivered: status.is_open(),
        can_correct_delivery: status == SessionStatus::Delivered,
        can_call_off: status.is_open(),
    })
}

pub fn get_session(conn: &Connection, id: i64) -> Result<SessionView> {
    let mut view = conn
        .prepare_cached(&format!("{VIEW_SQL} WHERE s.id = ?1"))?
        .query_row([id], view_from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("Inzet {id} bestaat niet.")))?;
    view.overrides = conn
        .prepare_cached(
            "SELECT kind, detail, reason, decided_at FROM clash_override WHERE session_id = ?1 ORDER BY id",
        )?
        .query_map([id], |r| {
            Ok(OverrideView { kind: r.get(0)?, detail: r.get(1)?, reason: r.get(2)?, decided_at: r.get(3)? })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(view)
}
