//! Hand-over between laptops: a consultant exports completed intakes with
//! the caregiver and recipient they belong to, in one file sealed with a
//! passphrase; the director imports it into the regional store.
//!
//! The file is JSON inside an `age` envelope. Each intake carries its
//! `handover_id`, so importing the same file again finds every intake
//! already there and writes nothing.

mod crypto;
mod import;

pub use crypto::MIN_PASSPHRASE_CHARS;
pub use import::{import_handover, HandoverReport, MatchToConfirm};

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::codes::IntakeStatus;
use super::input::IntakeFields;
use super::repo::{change_status, get_intake};
use crate::caregiver::{self, CaregiverInput, RecipientInput};
use crate::error::{Error, Result};
use crate::store::timestamp;

/// Names the file's content, so another JSON file is not mistaken for one.
const FORMAT: &str = "respijtregie-overdracht";
/// Raised when the payload changes in a way an older app cannot read.
const VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Payload {
    format: String,
    version: u32,
    exported_at: String,
    intakes: Vec<HandedIntake>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct HandedIntake {
    handover_id: String,
    created_at: String,
    completed_at: Option<String>,
    fields: IntakeFields,
    assessments: Vec<HandedAssessment>,
    caregiver: HandedCaregiver,
    recipient: Option<HandedRecipient>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct HandedAssessment {
    instrument: String,
    answers: Vec<i64>,
    score: i64,
    band: String,
    overloaded: bool,
    assessed_on: NaiveDate,
}

/// A person as the consultant's register knows them. `source_id` is the id
/// on the consultant's laptop: it only tells which intakes share a person.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct HandedCaregiver {
    source_id: i64,
    extern_id: Option<String>,
    form: CaregiverInput,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct HandedRecipient {
    source_id: i64,
    form: RecipientInput,
}

/// The sealed hand-over file for these intakes. Only completed (or already
/// handed-over, for a lost file) intakes go; nothing in the store changes.
pub fn export_handover(conn: &Connection, intake_ids: &[i64], passphrase: &str, now: DateTime<Utc>) -> Result<Vec<u8>> {
    if intake_ids.is_empty() {
        return Err(Error::Invalid("Kies ten minste één afgeronde intake om over te dragen.".into()));
    }
    let mut intakes = Vec::with_capacity(intake_ids.len());
    for &id in intake_ids {
        let intake = get_intake(conn, id)?;
        match intake.status {
            IntakeStatus::Completed | IntakeStatus::HandedOver => {}
            IntakeStatus::Concept => {
                return Err(Error::Invalid(format!("Intake {id} is nog een concept; rond hem eerst af.")))
            }
            other => {
                return Err(Error::Invalid(format!(
                    "Intake {id} is {}; alleen afgeronde intakes worden overgedragen.",
                    other.label()
                )))
            }
        }
        let dossier = caregiver::dossier(conn, intake.caregiver_id)?;
        let recipient = intake
            .recipient_id
            .and_then(|rid| dossier.recipients.iter().find(|r| r.id == rid))
            .map(|r| HandedRecipient { source_id: r.id, form: r.form.clone() });
        intakes.push(HandedIntake {
            handover_id: intake.handover_id,
            created_at: intake.created_at,
            completed_at: intake.completed_at,
            fields: intake.fields,
            assessments: intake
                .assessments
                .into_iter()
                .map(|a| HandedAssessment {
                    instrument: a.instrument,
                    answers: a.answers,
                    score: a.score,
                    band: a.band,
                    overloaded: a.overloaded,
                    assessed_on: a.assessed_on,
                })
                .collect(),
            caregiver: HandedCaregiver {
                source_id: dossier.caregiver.id,
                extern_id: dossier.caregiver.extern_id.clone(),
                form: dossier.form,
            },
            recipient,
        });
    }
    let payload = Payload { format: FORMAT.into(), version: VERSION, exported_at: timestamp(now), intakes };
    let json = serde_json::to_vec(&payload)
        .map_err(|e| Error::Invalid(format!("Het overdrachtsbestand kon niet worden gemaakt: {e}")))?;
    crypto::encrypt(&json, passphrase)
}

/// Marks intakes as handed over once their file is safely written, so the
/// consultant sees what has left the laptop.
pub fn mark_handed_over(conn: &Connection, intake_ids: &[i64], now: DateTime<Utc>) -> Result<()> {
    let tx = crate::store::atomic(conn, "handed_over")?;
    for &id in intake_ids {
        if get_intake(&tx, id)?.status == IntakeStatus::Completed {
            change_status(&tx, id, IntakeStatus::HandedOver, now)?;
        }
    }
    tx.commit()?;
    Ok(())
}
