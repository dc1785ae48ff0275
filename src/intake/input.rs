//! The intake form as the UI sends it, the typed record it becomes, and the
//! rules between them. A concept keeps whatever parses and reports the rest
//! without refusing (the form autosaves every step); completing an intake
//! needs everything the director works with.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::codes::{Daypart, HelperGender, RecipientSituation, RespiteForm, Urgency, Weekday};
use crate::dutch;
use crate::error::{Error, FieldError, Result};

/// The intake form, field by field, as typed. Dates are `dd-mm-jjjj`, hours
/// may have a decimal comma.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase", default)]
pub struct IntakeInput {
    pub caregiver_id: i64,
    pub recipient_id: Option<i64>,
    pub intake_date: String,
    pub consultant_name: String,
    pub consultant_organisation: String,
    pub care_hours_per_week: String,
    pub caring_since: String,
    pub recipient_situation: Vec<RecipientSituation>,
    pub wlz_indication: bool,
    pub wmo_respite: bool,
    pub pgb: bool,
    pub other_care: String,
    pub respite_forms: Vec<RespiteForm>,
    pub respite_hours_per_week: String,
    /// How often, when the need is not per week ("twee weekenden per maand").
    pub respite_frequency: String,
    pub preferred_days: Vec<Weekday>,
    pub preferred_dayparts: Vec<Daypart>,
    pub respite_start: String,
    pub urgency: Urgency,
    pub language: String,
    pub helper_gender: HelperGender,
    pub pets: String,
    pub smoking_in_home: bool,
    pub smoke_free_helper: bool,
    pub consent_given: bool,
    pub consent_date: String,
    pub consent_providers: bool,
    pub consent_funders: bool,
    pub consent_gp: bool,
    pub consent_recorded_by: String,
    pub follow_up_date: String,
    pub notes: String,
}

/// An intake's content, typed: what the store holds and a hand-over file carries.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase", default)]
pub struct IntakeFields {
    pub intake_date: Option<NaiveDate>,
    pub consultant_name: String,
    pub consultant_organisation: String,
    pub care_minutes_per_week: Option<i64>,
    pub caring_since: Option<NaiveDate>,
    pub recipient_situation: Vec<RecipientSituation>,
    pub wlz_indication: bool,
    pub wmo_respite: bool,
    pub pgb: bool,
    pub other_care: String,
    pub respite_forms: Vec<RespiteForm>,
    pub respite_minutes_per_week: Option<i64>,
    pub respite_frequency: String,
    pub preferred_days: Vec<Weekday>,
    pub preferred_dayparts: Vec<Daypart>,
    pub respite_start: Option<NaiveDate>,
    pub urgency: Urgency,
    pub language: String,
    pub helper_gender: HelperGender,
    pub pets: String,
    pub smoking_in_home: bool,
    pub smoke_free_helper: bool,
    pub consent_given: bool,
    pub consent_date: Option<NaiveDate>,
    pub consent_providers: bool,
    pub consent_funders: bool,
    pub consent_gp: bool,
    pub consent_recorded_by: String,
    pub follow_up_date: Option<NaiveDate>,
    pub notes: String,
}

/// How strict a check is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Level {
    /// Keep what parses; report the rest.
    Concept,
    /// Everything the director needs must be there and right.
    Complete,
}

/// The typed fields and every problem found; a concept is saved with its problems.
pub(crate) struct Checked {
    pub fields: IntakeFields,
    pub problems: Vec<FieldError>,
}

const SHORT_TEXT: usize = 100;
const LONG_TEXT: usize = 4000;

struct Checker {
    level: Level,
    problems: Vec<FieldError>,
}

impl Checker {
    fn problem(&mut self, field: &str, message: impl Into<String>) {
        self.problems.push(FieldError::new(field, message));
    }

    fn text(&mut self, field: &str, raw: &str, label: &str, max: usize, required: bool) -> String {
        let value = raw.trim();
        if value.is_empty() && required && self.level == Level::Complete {
            self.problem(field, format!("Vul {label} in."));
        } else if value.chars().count() > max {
            self.problem(field, format!("Dit veld is te lang (meer dan {max} tekens)."));
        }
        value.to_string()
    }

    fn date(&mut self, field: &str, raw: &str, missing: Option<&str>) -> Option<NaiveDate> {
        if raw.trim().is_empty() {
            if let (Some(message), Level::Complete) = (missing, self.level) {
                self.problem(field, message);
            }
            return None;
        }
        dutch::parse_date(raw).map_err(|m| self.problem(field, m)).ok()
    }

    fn past_date(&mut self, field: &str, raw: &str, missing: Option<&str>, today: NaiveDate) -> Option<NaiveDate> {
        let date = self.date(field, raw, missing)?;
        if date > today {
            self.problem(field, "Deze datum ligt in de toekomst.");
        }
        Some(date)
    }

    fn hours(&mut self, field: &str, raw: &str, missing: Option<&str>) -> Option<i64> {
        if raw.trim().is_empty() {
            if let (Some(message), Level::Complete) = (missing, self.level) {
                self.problem(field, message);
            }
            return None;
        }
        match dutch::parse_hours_as_minutes(raw) {
            Ok(minutes) if minutes > 168 * 60 => {
                self.problem(field, "Een week heeft 168 uur; kijk het aantal uren na.");
                None
            }
            Ok(minutes) => Some(minutes),
            Err(m) => {
                self.problem(field, m);
                None
            }
        }
    }

    fn required_set<T>(&mut self, field: &str, values: &[T], message: &str) {
        if values.is_empty() && self.level == Level::Complete {
            self.problem(field, message);
        }
    }
}

/// Checks an intake form against the register and `today`.
pub(crate) fn check(conn: &Connection, input: &IntakeInput, level: Level, today: NaiveDate) -> Result<Checked> {
    if input.caregiver_id <= 0 || !caregiver_exists(conn, input.caregiver_id)? {
        return Err(Error::Validation(vec![FieldError::new(
            "caregiverId",
            "Kies eerst de mantelzorger bij wie de intake hoort.",
        )]));
    }
    let mut c = Checker { level, problems: Vec::new() };
    match input.recipient_id {
        Some(id) if !recipient_linked(conn, input.caregiver_id, id)? => {
            c.problem("recipientId", "Deze naaste hoort niet bij de mantelzorger; kies een naaste uit het dossier.")
        }
        None if level == Level::Complete => c.problem("recipientId", "Kies de naaste voor wie gezorgd wordt."),
        _ => {}
    }
    let intake_date = c.past_date("intakeDate", &input.intake_date, Some("Vul de datum van de intake in."), today);
    let consultant_name =
        c.text("consultantName", &input.consultant_name, "de naam van de consulent", SHORT_TEXT, true);
    let consultant_organisation =
        c.text("consultantOrganisation", &input.consultant_organisation, "de organisatie", SHORT_TEXT, true);
    let care_minutes_per_week =
        c.hours("careHoursPerWeek", &input.care_hours_per_week, Some("Vul in hoeveel uur per week er gezorgd wordt."));
    let caring_since =
        c.past_date("caringSince", &input.caring_since, Some("Vul in sinds wanneer er gezorgd wordt."), today);
    c.required_set("recipientSituation", &input.recipient_situation, "Kies ten minste één situatie van de naaste.");
    let other_care = c.text("otherCare", &input.other_care, "", LONG_TEXT, false);
    c.required_set("respiteForms", &input.respite_forms, "Kies ten minste één vorm van respijt.");
    let respite_minutes_per_week = c.hours("respiteHoursPerWeek", &input.respite_hours_per_week, None);
    let respite_frequency = c.text("respiteFrequency", &input.respite_frequency, "", SHORT_TEXT, false);
    if level == Level::Complete && input.respite_hours_per_week.trim().is_empty() && respite_frequency.is_empty() {
        c.problem("respiteHoursPerWeek", "Vul in hoeveel uur per week respijt nodig is, of hoe vaak.");
    }
    let respite_start = c.date("respiteStart", &input.respite_start, None);
    let language = c.text("language", &input.language, "", SHORT_TEXT, false);
    let pets = c.text("pets", &input.pets, "", SHORT_TEXT, false);
    let consent_date =
        c.past_date("consentDate", &input.consent_date, Some("Vul in wanneer de toestemming is gevraagd."), today);
    let consent_recorded_by = c.text(
        "consentRecordedBy",
        &input.consent_recorded_by,
        "wie de toestemming heeft vastgelegd",
        SHORT_TEXT,
        true,
    );
    if !input.consent_given && (input.consent_providers || input.consent_funders || input.consent_gp) {
        c.problem(
            "consentGiven",
            "Er is geen toestemming gegeven, maar wel aangevinkt met wie gedeeld mag worden. Pas een van beide aan.",
        );
    }
    let follow_up_date = c.date("followUpDate", &input.follow_up_date, None);
    if let (Some(follow_up), Some(intake)) = (follow_up_date, intake_date) {
        if follow_up < intake {
            c.problem("followUpDate", "De datum voor opvolging ligt voor de intake.");
        }
    }
    let notes = c.text("notes", &input.notes, "", LONG_TEXT, false);
    let fields = IntakeFields {
        intake_date,
        consultant_name,
        consultant_organisation,
        care_minutes_per_week,
        caring_since,
        recipient_situation: sorted(&input.recipient_situation),
        wlz_indication: input.wlz_indication,
        wmo_respite: input.wmo_respite,
        pgb: input.pgb,
        other_care,
        respite_forms: sorted(&input.respite_forms),
        respite_minutes_per_week,
        respite_frequency,
        preferred_days: sorted(&input.preferred_days),
        preferred_dayparts: sorted(&input.preferred_dayparts),
        respite_start,
        urgency: input.urgency,
        language,
        helper_gender: input.helper_gender,
        pets,
        smoking_in_home: input.smoking_in_home,
        smoke_free_helper: input.smoke_free_helper,
        consent_given: input.consent_given,
        consent_date,
        consent_providers: input.consent_providers,
        consent_funders: input.consent_funders,
        consent_gp: input.consent_gp,
        consent_recorded_by,
        follow_up_date,
        notes,
    };
    Ok(Checked { fields, problems: c.problems })
}

fn sorted<T: Ord + Copy>(values: &[T]) -> Vec<T> {
    let mut v = values.to_vec();
    v.sort();
    v.dedup();
    v
}

fn caregiver_exists(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM caregiver WHERE id = ?1)")?.query_row([id], |r| r.get(0))?)
}

fn recipient_linked(conn: &Connection, caregiver_id: i64, recipient_id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM caregiver_recipient WHERE caregiver_id = ?1 AND recipient_id = ?2)",
        )?
        .query_row([caregiver_id, recipient_id], |r| r.get(0))?)
}

impl IntakeFields {
    /// The form that shows these fields, for editing.
    pub fn to_form(&self, caregiver_id: i64, recipient_id: Option<i64>) -> IntakeInput {
        IntakeInput {
            caregiver_id,
            recipient_id,
            intake_date: self.intake_date.map(dutch::date_text).unwrap_or_default(),
            consultant_name: self.consultant_name.clone(),
            consultant_organisation: self.consultant_organisation.clone(),
            care_hours_per_week: self.care_minutes_per_week.map(dutch::hours_text).unwrap_or_default(),
            caring_since: self.caring_since.map(dutch::date_text).unwrap_or_default(),
            recipient_situation: self.recipient_situation.clone(),
            wlz_indication: self.wlz_indication,
            wmo_respite: self.wmo_respite,
            pgb: self.pgb,
            other_care: self.other_care.clone(),
            respite_forms: self.respite_forms.clone(),
            respite_hours_per_week: self.respite_minutes_per_week.map(dutch::hours_text).unwrap_or_default(),
            respite_frequency: self.respite_frequency.clone(),
            preferred_days: self.preferred_days.clone(),
            preferred_dayparts: self.preferred_dayparts.clone(),
            respite_start: self.respite_start.map(dutch::date_text).unwrap_or_default(),
            urgency: self.urgency,
            language: self.language.clone(),
            helper_gender: self.helper_gender,
            pets: self.pets.clone(),
            smoking_in_home: self.smoking_in_home,
            smoke_free_helper: self.smoke_free_helper,
            consent_given: self.consent_given,
            consent_date: self.consent_date.map(dutch::date_text).unwrap_or_default(),
            consent_providers: self.consent_providers,
            consent_funders: self.consent_funders,
            consent_gp: self.consent_gp,
            consent_recorded_by: self.consent_recorded_by.clone(),
            follow_up_date: self.follow_up_date.map(dutch::date_text).unwrap_or_default(),
            notes: self.notes.clone(),
        }
    }
}
