//! How an intake maps to its row in the store: the field columns as named
//! parameters for writing, and the row back into an `Intake` for reading.

use chrono::NaiveDate;
use rusqlite::{Row, ToSql};

use super::codes::{self, IntakeStatus};
use super::input::{IntakeFields, IntakeInput};
use super::repo::Intake;
use super::status;
use crate::codes::CodeSet;

/// The fields' columns as named parameters; sets and codes are turned into
/// text first so the references live long enough.
pub(super) struct FieldText {
    situation: String,
    forms: String,
    days: String,
    dayparts: String,
    urgency: &'static str,
    helper_gender: &'static str,
    form: String,
}

impl FieldText {
    pub(super) fn new(f: &IntakeFields, form: &IntakeInput) -> Self {
        FieldText {
            situation: codes::set_to_json(&f.recipient_situation),
            forms: codes::set_to_json(&f.respite_forms),
            days: codes::set_to_json(&f.preferred_days),
            dayparts: codes::set_to_json(&f.preferred_dayparts),
            urgency: f.urgency.code(),
            helper_gender: f.helper_gender.code(),
            form: serde_json::to_string(form).unwrap_or_else(|_| "{}".into()),
        }
    }

    pub(super) fn params<'a>(&'a self, f: &'a IntakeFields) -> Vec<(&'static str, &'a dyn ToSql)> {
        vec![
            (":intake_date", &f.intake_date),
            (":consultant_name", &f.consultant_name),
            (":consultant_organisation", &f.consultant_organisation),
            (":care_minutes_per_week", &f.care_minutes_per_week),
            (":caring_since", &f.caring_since),
            (":recipient_situation", &self.situation),
            (":wlz_indication", &f.wlz_indication),
            (":wmo_respite", &f.wmo_respite),
            (":pgb", &f.pgb),
            (":other_care", &f.other_care),
            (":respite_forms", &self.forms),
            (":respite_minutes_per_week", &f.respite_minutes_per_week),
            (":respite_frequency", &f.respite_frequency),
            (":preferred_days", &self.days),
            (":preferred_dayparts", &self.dayparts),
            (":respite_start", &f.respite_start),
            (":urgency", &self.urgency),
            (":language", &f.language),
            (":helper_gender", &self.helper_gender),
            (":pets", &f.pets),
            (":smoking_in_home", &f.smoking_in_home),
            (":smoke_free_helper", &f.smoke_free_helper),
            (":consent_given", &f.consent_given),
            (":consent_date", &f.consent_date),
            (":consent_providers", &f.consent_providers),
            (":consent_funders", &f.consent_funders),
            (":consent_gp", &f.consent_gp),
            (":consent_recorded_by", &f.consent_recorded_by),
            (":follow_up_date", &f.follow_up_date),
            (":notes", &f.notes),
            (":form_json", &self.form),
        ]
    }
}

pub(super) const FIELD_COLUMNS: &[&str] = &[
    "intake_date",
    "consultant_name",
    "consultant_organisation",
    "care_minutes_per_week",
    "caring_since",
    "recipient_situation",
    "wlz_indication",
    "wmo_respite",
    "pgb",
    "other_care",
    "respite_forms",
    "respite_minutes_per_week",
    "respite_frequency",
    "preferred_days",
    "preferred_dayparts",
    "respite_start",
    "urgency",
    "language",
    "helper_gender",
    "pets",
    "smoking_in_home",
    "smoke_free_helper",
    "consent_given",
    "consent_date",
    "consent_providers",
    "consent_funders",
    "consent_gp",
    "consent_recorded_by",
    "follow_up_date",
    "notes",
    "form_json",
];

pub(super) const SELECT: &str = "SELECT * FROM intake";

pub(super) fn intake_from_row(r: &Row<'_>) -> rusqlite::Result<Intake> {
    let text = |name: &str| r.get::<_, String>(name);
    let date = |name: &str| r.get::<_, Option<NaiveDate>>(name);
    let caregiver_id: i64 = r.get("caregiver_id")?;
    let recipient_id: Option<i64> = r.get("recipient_id")?;
    let status: IntakeStatus = r.get("status")?;
    let fields = IntakeFields {
        intake_date: date("intake_date")?,
        consultant_name: text("consultant_name")?,
        consultant_organisation: text("consultant_organisation")?,
        care_minutes_per_week: r.get("care_minutes_per_week")?,
        caring_since: date("caring_since")?,
        recipient_situation: r.get::<_, CodeSet<_>>("recipient_situation")?.0,
        wlz_indication: r.get("wlz_indication")?,
        wmo_respite: r.get("wmo_respite")?,
        pgb: r.get("pgb")?,
        other_care: text("other_care")?,
        respite_forms: r.get::<_, CodeSet<_>>("respite_forms")?.0,
        respite_minutes_per_week: r.get("respite_minutes_per_week")?,
        respite_frequency: text("respite_frequency")?,
        preferred_days: r.get::<_, CodeSet<_>>("preferred_days")?.0,
        preferred_dayparts: r.get::<_, CodeSet<_>>("preferred_dayparts")?.0,
        respite_start: date("respite_start")?,
        urgency: r.get("urgency")?,
        language: text("language")?,
        helper_gender: r.get("helper_gender")?,
        pets: text("pets")?,
        smoking_in_home: r.get("smoking_in_home")?,
        smoke_free_helper: r.get("smoke_free_helper")?,
        consent_given: r.get("consent_given")?,
        consent_date: date("consent_date")?,
        consent_providers: r.get("consent_providers")?,
        consent_funders: r.get("consent_funders")?,
        consent_gp: r.get("consent_gp")?,
        consent_recorded_by: text("consent_recorded_by")?,
        follow_up_date: date("follow_up_date")?,
        notes: text("notes")?,
    };
    // The typed form wins when the stored text is unreadable; the ids always
    // come from the row, which is what the intake is linked to.
    let mut form: IntakeInput =
        serde_json::from_str(&text("form_json")?).unwrap_or_else(|_| fields.to_form(caregiver_id, recipient_id));
    form.caregiver_id = caregiver_id;
    form.recipient_id = recipient_id;
    Ok(Intake {
        id: r.get("id")?,
        handover_id: text("handover_id")?,
        caregiver_id,
        recipient_id,
        next_statuses: status::next_statuses(status),
        status,
        fields,
        form,
        assessments: Vec::new(),
        created_at: text("created_at")?,
        updated_at: text("updated_at")?,
        completed_at: r.get("completed_at")?,
        handed_over_at: r.get("handed_over_at")?,
        picked_up_at: r.get("picked_up_at")?,
    })
}
