//! The planning forms as typed, and the checks that make a `ValidSession`
//! of them (one session, or the dates of a series).

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::dutch;
use crate::error::{Error, FieldError, Result};
use crate::intake::{RespiteForm, Weekday};
use crate::planning::series::expand_series;
use crate::planning::time::{minutes_at, parse_clock};
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
        let found: Option<(i64, bool)> = conn
            .prepare_cached("SELECT provider_id, active FROM helper WHERE id = ?1")?
            .query_row([helper], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        match found {
            Some((provider, _)) if provider != input.provider_id => fail(
                "helperId",
                "Deze hulp werkt niet bij de gekozen aanbieder; kies een hulp van die aanbieder.".into(),
            ),
            Some((_, false)) => {
                fail("helperId", "Deze hulp werkt niet meer bij de aanbieder; kies een andere hulp.".into())
            }
            Some(_) => {}
            None => fail("helperId", "Kies een hulp van de gekozen aanbieder.".into()),
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
    let dates = expand_series(
        template.date,
        input.every_weeks,
        &input.weekdays,
        until,
        count,
        input.skip_holidays.then(|| crate::holidays::rules(conn)).transpose()?,
    )
    .map_err(|m| Error::Validation(vec![FieldError::new("weekdays", m)]))?;
    let skipped =
        dates.skipped.iter().map(|(date, name)| SkippedDate { date: *date, holiday: name.to_string() }).collect();
    Ok((dates.dates.iter().map(|d| template.on(*d)).collect(), skipped))
}
