//! A request as the director types it, and the rules that turn it into
//! something the store accepts. Every message is Dutch and names its field.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::codes::{Referrer, RequestStatus, WaitReason};
use crate::dutch;
use crate::error::{Error, FieldError, Result};
use crate::intake::{RespiteForm, Urgency};

/// The request form, as text where people type.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase", default)]
pub struct RequestInput {
    /// `dd-mm-jjjj`; empty: today.
    pub received_on: String,
    pub referrer: Option<Referrer>,
    /// The form of respite wished, if said.
    pub form: Option<RespiteForm>,
    /// Hours a week wished ("4", "2,5"); empty: not said.
    pub hours_per_week: String,
    /// A short note on the need.
    pub note: String,
    pub urgency: Urgency,
    /// The dossier, when the caregiver is already registered.
    pub caregiver_id: Option<i64>,
    /// The caller, when there is no dossier yet.
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: String,
    pub postcode: String,
    pub phone: String,
}

/// A status change as the director chooses it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct StatusInput {
    pub to: RequestStatus,
    /// `dd-mm-jjjj`; empty: today.
    #[serde(default)]
    pub on: String,
    /// Required when the request waits for a provider.
    #[serde(default)]
    pub wait_reason: Option<WaitReason>,
    /// The reason of a refusal (required), or of a wait 'anders' (required).
    #[serde(default)]
    pub note: String,
}

pub(crate) struct ValidRequest {
    pub received_on: NaiveDate,
    pub referrer: Referrer,
    pub form: Option<RespiteForm>,
    pub minutes_per_week: Option<i64>,
    pub note: String,
    pub urgency: Urgency,
    pub caregiver_id: Option<i64>,
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: Option<NaiveDate>,
    pub postcode: String,
    pub phone: String,
}

/// A date typed in a form: empty is today; never after today.
pub(crate) fn date_or_today(raw: &str, field: &str, today: NaiveDate, errors: &mut Vec<FieldError>) -> NaiveDate {
    if raw.trim().is_empty() {
        return today;
    }
    match dutch::parse_date(raw) {
        Ok(date) if date > today => {
            errors.push(FieldError::new(field, "Deze datum ligt in de toekomst; kies vandaag of een eerdere dag."));
            today
        }
        Ok(date) => date,
        Err(message) => {
            errors.push(FieldError::new(field, message));
            today
        }
    }
}

pub(crate) fn validate(input: &RequestInput, today: NaiveDate) -> Result<ValidRequest> {
    let mut errors = Vec::new();
    let received_on = date_or_today(&input.received_on, "receivedOn", today, &mut errors);
    if input.referrer.is_none() {
        errors.push(FieldError::new("referrer", "Kies wie de mantelzorger doorverwees (of 'zelf')."));
    }
    let minutes_per_week = match input.hours_per_week.trim() {
        "" => None,
        raw => match dutch::parse_hours_as_minutes(raw) {
            Ok(m) if m > 7 * 24 * 60 => {
                errors.push(FieldError::new("hoursPerWeek", "Een week heeft niet zoveel uren; vul uren per week in."));
                None
            }
            Ok(m) => Some(m),
            Err(message) => {
                errors.push(FieldError::new("hoursPerWeek", message));
                None
            }
        },
    };
    let date_of_birth = match input.date_of_birth.trim() {
        "" => None,
        raw => match dutch::parse_date(raw) {
            Ok(d) if d >= today => {
                errors.push(FieldError::new("dateOfBirth", "De geboortedatum moet voor vandaag liggen."));
                None
            }
            Ok(d) => Some(d),
            Err(message) => {
                errors.push(FieldError::new("dateOfBirth", message));
                None
            }
        },
    };
    let postcode = match input.postcode.trim() {
        "" => String::new(),
        raw => dutch::parse_postcode(raw).unwrap_or_else(|message| {
            errors.push(FieldError::new("postcode", message));
            String::new()
        }),
    };
    let phone = match input.phone.trim() {
        "" => String::new(),
        raw => dutch::parse_phone(raw).unwrap_or_else(|message| {
            errors.push(FieldError::new("phone", message));
            String::new()
        }),
    };
    let (first_name, last_name) = (input.first_name.trim().to_string(), input.last_name.trim().to_string());
    if input.caregiver_id.is_none() {
        if last_name.is_empty() {
            errors.push(FieldError::new("lastName", "Vul de achternaam van de beller in, of kies een dossier."));
        }
        if input.phone.trim().is_empty() {
            errors.push(FieldError::new("phone", "Vul een telefoonnummer in om de beller terug te bellen."));
        }
    }
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    Ok(ValidRequest {
        received_on,
        referrer: input.referrer.unwrap_or(Referrer::Other),
        form: input.form,
        minutes_per_week,
        note: input.note.trim().to_string(),
        urgency: input.urgency,
        caregiver_id: input.caregiver_id,
        first_name,
        last_name,
        date_of_birth,
        postcode,
        phone,
    })
}

/// Checks what a status needs: a reason for a wait or a refusal.
pub(crate) fn check_status(input: &StatusInput) -> Result<()> {
    let mut errors = Vec::new();
    let note_empty = input.note.trim().is_empty();
    match input.to {
        RequestStatus::WaitingForProvider => match input.wait_reason {
            None => errors.push(FieldError::new("waitReason", "Kies waarom de aanvraag wacht.")),
            Some(WaitReason::Other) if note_empty => {
                errors.push(FieldError::new("note", "Schrijf kort waarom de aanvraag wacht."))
            }
            Some(_) => {}
        },
        RequestStatus::Refused if note_empty => {
            errors.push(FieldError::new("note", "Schrijf waarom de aanvraag is afgewezen."))
        }
        _ => {}
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Validation(errors))
    }
}
