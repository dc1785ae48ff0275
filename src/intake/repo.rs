//! Writing and reading intakes. An intake is never deleted: it is closed.

use chrono::{DateTime, Utc};
use rusqlite::{named_params, Connection, OptionalExtension, ToSql};
use serde::Serialize;
use ts_rs::TS;

use super::assessment::{assessments_of_intake, BurdenAssessment};
use super::codes::IntakeStatus;
use super::input::{self, IntakeFields, IntakeInput, Level};
use super::row::{intake_from_row, FieldText, FIELD_COLUMNS, SELECT};
use super::status;
use crate::error::{Error, FieldError, Result};
use crate::store::timestamp;

/// An intake as the screens show it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct Intake {
    pub id: i64,
    /// Stable across laptops; a hand-over file carries it.
    pub handover_id: String,
    pub caregiver_id: i64,
    pub recipient_id: Option<i64>,
    pub status: IntakeStatus,
    /// Where the status can go from here, for the buttons.
    pub next_statuses: Vec<IntakeStatus>,
    pub fields: IntakeFields,
    /// The form as last typed (a concept) or as the fields read (otherwise).
    pub form: IntakeInput,
    /// Oldest first.
    pub assessments: Vec<BurdenAssessment>,
    pub created_at: String,
    pub updated_at: String,
    pub completed_at: Option<String>,
    pub handed_over_at: Option<String>,
    pub picked_up_at: Option<String>,
}

/// A concept saved as typed, with what still needs attention before it can
/// be completed (shown next to the fields; saving never waits for them).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct SavedConcept {
    pub intake: Intake,
    pub problems: Vec<FieldError>,
}

/// 128 random bits as hex. fastrand's generator is seeded per thread from
/// the OS; two laptops meeting the same id is as likely as a UUID clash.
pub(crate) fn new_handover_id() -> String {
    format!("{:032x}", fastrand::u128(..))
}

fn not_found(id: i64) -> Error {
    Error::NotFound(format!("Intake {id} bestaat niet (meer)."))
}

/// What a new intake row gets besides its fields.
pub(crate) struct NewIntake<'a> {
    pub handover_id: &'a str,
    pub caregiver_id: i64,
    pub recipient_id: Option<i64>,
    pub status: IntakeStatus,
    pub fields: &'a IntakeFields,
    pub form: &'a IntakeInput,
    pub created_at: &'a str,
    pub updated_at: &'a str,
    pub completed_at: Option<&'a str>,
    pub handed_over_at: Option<&'a str>,
}

pub(crate) fn insert_intake(conn: &Connection, new: &NewIntake<'_>) -> Result<i64> {
    let text = FieldText::new(new.fields, new.form);
    let mut params = text.params(new.fields);
    let status = new.status.code();
    params.extend_from_slice(&[
        (":handover_id", &new.handover_id as &dyn ToSql),
        (":caregiver_id", &new.caregiver_id),
        (":recipient_id", &new.recipient_id),
        (":status", &status),
        (":created_at", &new.created_at),
        (":updated_at", &new.updated_at),
        (":completed_at", &new.completed_at),
        (":handed_over_at", &new.handed_over_at),
    ]);
    let columns: Vec<&str> = params.iter().map(|(name, _)| &name[1..]).collect();
    let names: Vec<&str> = params.iter().map(|(name, _)| *name).collect();
    let sql = format!("INSERT INTO intake ({}) VALUES ({})", columns.join(", "), names.join(", "));
    conn.prepare_cached(&sql)?.execute(params.as_slice())?;
    Ok(conn.last_insert_rowid())
}

fn update_fields(conn: &Connection, id: i64, input: &IntakeInput, fields: &IntakeFields, now: &str) -> Result<()> {
    let text = FieldText::new(fields, input);
    let mut params = text.params(fields);
    params.extend_from_slice(&[
        (":id", &id as &dyn ToSql),
        (":caregiver_id", &input.caregiver_id),
        (":recipient_id", &input.recipient_id),
        (":updated_at", &now),
    ]);
    let sets: Vec<String> = FIELD_COLUMNS.iter().map(|c| format!("{c} = :{c}")).collect();
    let sql = format!(
        "UPDATE intake SET {}, caregiver_id = :caregiver_id, recipient_id = :recipient_id, updated_at = :updated_at
         WHERE id = :id",
        sets.join(", ")
    );
    conn.prepare_cached(&sql)?.execute(params.as_slice())?;
    Ok(())
}

fn status_of(conn: &Connection, id: i64) -> Result<IntakeStatus> {
    let code: Option<String> =
        conn.prepare_cached("SELECT status FROM intake WHERE id = ?1")?.query_row([id], |r| r.get(0)).optional()?;
    let code = code.ok_or_else(|| not_found(id))?;
    IntakeStatus::from_code(&code)
        .ok_or_else(|| Error::Invalid(format!("Intake {id} heeft een onbekende status '{code}'.")))
}

/// Saves the form as typed. `id` None starts a new concept. Only the
/// caregiver is required; every other problem is reported, not refused, so
/// the form can autosave at every step and a crash loses nothing typed.
pub fn save_concept(
    conn: &Connection,
    id: Option<i64>,
    input: &IntakeInput,
    now: DateTime<Utc>,
) -> Result<SavedConcept> {
    let checked = input::check(conn, input, Level::Concept, now.date_naive())?;
    let ts = timestamp(now);
    let id = match id {
        None => insert_intake(
            conn,
            &NewIntake {
                handover_id: &new_handover_id(),
                caregiver_id: input.caregiver_id,
                recipient_id: input.recipient_id,
                status: IntakeStatus::Concept,
                fields: &checked.fields,
                form: input,
                created_at: &ts,
                updated_at: &ts,
                completed_at: None,
                handed_over_at: None,
            },
        )?,
        Some(id) => {
            let current = status_of(conn, id)?;
            if current != IntakeStatus::Concept {
                return Err(Error::Invalid(format!(
                    "Deze intake is {}; zet hem eerst terug naar concept om hem te wijzigen.",
                    current.label()
                )));
            }
            update_fields(conn, id, input, &checked.fields, &ts)?;
            id
        }
    };
    Ok(SavedConcept { intake: get_intake(conn, id)?, problems: checked.problems })
}

/// Completes an intake: every required field must be there and right, or
/// nothing is written and every problem is returned at once.
pub fn complete_intake(conn: &Connection, id: Option<i64>, input: &IntakeInput, now: DateTime<Utc>) -> Result<Intake> {
    let checked = input::check(conn, input, Level::Complete, now.date_naive())?;
    if !checked.problems.is_empty() {
        return Err(Error::Validation(checked.problems));
    }
    if let Some(id) = id {
        status::check_change(status_of(conn, id)?, IntakeStatus::Completed)?;
    }
    // Stored as the fields read back, so the form shows normalised values.
    let form = checked.fields.to_form(input.caregiver_id, input.recipient_id);
    let ts = timestamp(now);
    let id = match id {
        None => insert_intake(
            conn,
            &NewIntake {
                handover_id: &new_handover_id(),
                caregiver_id: input.caregiver_id,
                recipient_id: input.recipient_id,
                status: IntakeStatus::Completed,
                fields: &checked.fields,
                form: &form,
                created_at: &ts,
                updated_at: &ts,
                completed_at: Some(&ts),
                handed_over_at: None,
            },
        )?,
        Some(id) => {
            update_fields(conn, id, &form, &checked.fields, &ts)?;
            conn.execute(
                "UPDATE intake SET status = 'afgerond', completed_at = ?1 WHERE id = ?2",
                rusqlite::params![ts, id],
            )?;
            id
        }
    };
    get_intake(conn, id)
}

/// Moves an intake to another status. Completing goes through the same
/// checks as `complete_intake`; picking up a handed-over intake is recorded.
pub fn change_status(conn: &Connection, id: i64, to: IntakeStatus, now: DateTime<Utc>) -> Result<Intake> {
    let from = status_of(conn, id)?;
    status::check_change(from, to)?;
    if to == IntakeStatus::Completed {
        let form = get_intake(conn, id)?.form;
        return complete_intake(conn, Some(id), &form, now);
    }
    let ts = timestamp(now);
    conn.execute(
        "UPDATE intake SET status = :to, updated_at = :now,
           handed_over_at = CASE WHEN :to = 'overgedragen' THEN :now ELSE handed_over_at END,
           picked_up_at = CASE WHEN :from = 'overgedragen' AND :to = 'in_behandeling' THEN :now ELSE picked_up_at END
         WHERE id = :id",
        named_params! { ":to": to.code(), ":from": from.code(), ":now": ts, ":id": id },
    )?;
    get_intake(conn, id)
}

pub fn get_intake(conn: &Connection, id: i64) -> Result<Intake> {
    let mut intake = conn
        .prepare_cached(&format!("{SELECT} WHERE id = ?1"))?
        .query_row([id], intake_from_row)
        .optional()?
        .ok_or_else(|| not_found(id))?;
    intake.assessments = assessments_of_intake(conn, id)?;
    Ok(intake)
}

/// A caregiver's intakes, newest first (a concept without a date on top).
pub fn intakes_of_caregiver(conn: &Connection, caregiver_id: i64) -> Result<Vec<Intake>> {
    let mut intakes = conn
        .prepare_cached(&format!(
            "{SELECT} WHERE caregiver_id = ?1 ORDER BY intake_date IS NOT NULL, intake_date DESC, id DESC"
        ))?
        .query_map([caregiver_id], intake_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for intake in &mut intakes {
        intake.assessments = assessments_of_intake(conn, intake.id)?;
    }
    Ok(intakes)
}

/// The ids of intakes with one status, oldest first (the CLI's default export).
pub fn intake_ids_with_status(conn: &Connection, status: IntakeStatus) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM intake WHERE status = ?1 ORDER BY id")?;
    let ids = stmt.query_map([status.code()], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}
