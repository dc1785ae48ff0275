//! Burden assessments: an instrument filled in on a date. A re-assessment is
//! a new row, so the dossier can show how the burden develops.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::codes::IntakeStatus;
use super::instrument::{find_instrument, score, BurdenScore};
use crate::dutch;
use crate::error::{Error, FieldError, Result};
use crate::store::timestamp;

/// A filled-in instrument as the form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase", default)]
pub struct AssessmentInput {
    pub instrument: String,
    /// One value per item, in the instrument's order.
    pub answers: Vec<i64>,
    /// `dd-mm-jjjj`; empty means today.
    pub assessed_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct BurdenAssessment {
    pub id: i64,
    pub intake_id: i64,
    pub instrument: String,
    pub answers: Vec<i64>,
    pub score: i64,
    /// As computed when it was recorded.
    pub band: String,
    pub overloaded: bool,
    pub assessed_on: NaiveDate,
}

/// Scores the answers without storing anything: the form shows score and
/// band as soon as the last item is answered.
pub fn score_answers(conn: &Connection, instrument: &str, answers: &[i64]) -> Result<BurdenScore> {
    score(&find_instrument(conn, instrument)?, answers)
}

/// Scores and stores an assessment for an intake that is still open.
pub fn record_assessment(
    conn: &Connection,
    intake_id: i64,
    input: &AssessmentInput,
    now: DateTime<Utc>,
) -> Result<BurdenAssessment> {
    let status: Option<String> =
        conn.query_row("SELECT status FROM intake WHERE id = ?1", [intake_id], |r| r.get(0)).optional()?;
    match status.as_deref().and_then(IntakeStatus::from_code) {
        None => return Err(Error::NotFound(format!("Intake {intake_id} bestaat niet (meer)."))),
        Some(IntakeStatus::Closed) => {
            return Err(Error::Invalid(
                "Deze intake is gesloten; heropen hem (in behandeling) om een nieuwe meting vast te leggen.".into(),
            ))
        }
        Some(_) => {}
    }
    let today = now.date_naive();
    let assessed_on = if input.assessed_on.trim().is_empty() {
        today
    } else {
        let date = dutch::parse_date(&input.assessed_on)
            .map_err(|m| Error::Validation(vec![FieldError::new("assessedOn", m)]))?;
        if date > today {
            return Err(Error::Validation(vec![FieldError::new("assessedOn", "Deze datum ligt in de toekomst.")]));
        }
        date
    };
    let result = score_answers(conn, &input.instrument, &input.answers)?;
    let stored = StoredAssessment {
        instrument: &result.instrument,
        answers: &input.answers,
        score: result.score,
        band: &result.band,
        overloaded: result.overloaded,
        assessed_on,
    };
    let id = insert_assessment(conn, intake_id, &stored, now)?;
    Ok(BurdenAssessment {
        id,
        intake_id,
        instrument: result.instrument,
        answers: input.answers.clone(),
        score: result.score,
        band: result.band,
        overloaded: result.overloaded,
        assessed_on,
    })
}

/// An assessment as written, from the form or from a hand-over file.
pub(crate) struct StoredAssessment<'a> {
    pub instrument: &'a str,
    pub answers: &'a [i64],
    pub score: i64,
    pub band: &'a str,
    pub overloaded: bool,
    pub assessed_on: NaiveDate,
}

pub(crate) fn insert_assessment(
    conn: &Connection,
    intake_id: i64,
    a: &StoredAssessment<'_>,
    now: DateTime<Utc>,
) -> Result<i64> {
    let answers = serde_json::to_string(a.answers).unwrap_or_else(|_| "[]".into());
    conn.prepare_cached(
        "INSERT INTO burden_assessment (intake_id, instrument, answers, score, band, overloaded, assessed_on, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![intake_id, a.instrument, answers, a.score, a.band, a.overloaded, a.assessed_on, timestamp(now)])?;
    Ok(conn.last_insert_rowid())
}

const COLUMNS: &str = "a.id, a.intake_id, a.instrument, a.answers, a.score, a.band, a.overloaded, a.assessed_on";

fn from_row(r: &Row<'_>) -> rusqlite::Result<BurdenAssessment> {
    let answers: String = r.get(3)?;
    Ok(BurdenAssessment {
        id: r.get(0)?,
        intake_id: r.get(1)?,
        instrument: r.get(2)?,
        answers: serde_json::from_str(&answers).unwrap_or_default(),
        score: r.get(4)?,
        band: r.get(5)?,
        overloaded: r.get(6)?,
        assessed_on: r.get(7)?,
    })
}

pub(crate) fn assessments_of_intake(conn: &Connection, intake_id: i64) -> Result<Vec<BurdenAssessment>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM burden_assessment a WHERE a.intake_id = ?1 ORDER BY a.assessed_on, a.id"
    ))?;
    let rows = stmt.query_map([intake_id], from_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Every assessment of a caregiver over all intakes, oldest first: the trend.
pub fn assessments_of_caregiver(conn: &Connection, caregiver_id: i64) -> Result<Vec<BurdenAssessment>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM burden_assessment a JOIN intake i ON i.id = a.intake_id
         WHERE i.caregiver_id = ?1 ORDER BY a.assessed_on, a.id"
    ))?;
    let rows = stmt.query_map([caregiver_id], from_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
