//! Hand-over between laptops: a consultant exports completed intakes with
//! the caregiver and recipient they belong to, in one file sealed with a
//! passphrase; the director imports it into the regional store.
//!
//! The file is JSON inside an `age` envelope. Each intake carries its
//! `handover_id`, so importing the same file again finds every intake
//! already there and writes nothing.

mod candidates;
mod caseload;
mod crypto;
mod import;

pub use candidates::{handover_candidates, HandoverCandidate};
pub use caseload::{export_caseload, CaseloadHandover};
pub use crypto::MIN_PASSPHRASE_CHARS;
pub use import::{import_handover, HandoverReport, MatchToConfirm};

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::codes::IntakeStatus;
use super::input::IntakeFields;
use super::repo::{change_status, get_intake, Intake};
use crate::caregiver::{self, CaregiverInput, RecipientInput};
use crate::error::{Error, Result};
use crate::store::timestamp;

/// Names the file's content, so another JSON file is not mistaken for one.
const FORMAT: &str = "respijtregie-overdracht";
/// The highest version this app reads. Raised when the payload changes in a
/// way an older app cannot read.
const VERSION: u32 = 2;
/// A consultant's file (intakes only) stays version 1, so an app from before
/// the director's file still reads it; a file with persons alone or with
/// intake statuses (the director's) is version 2.
const PLAIN_VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Payload {
    format: String,
    version: u32,
    exported_at: String,
    intakes: Vec<HandedIntake>,
    /// Version 2: people without an intake (the director's file to a
    /// consultant), each with their recipients.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    caregivers: Vec<HandedPerson>,
}

impl Payload {
    fn new(intakes: Vec<HandedIntake>, caregivers: Vec<HandedPerson>, now: DateTime<Utc>) -> Payload {
        let plain = caregivers.is_empty() && intakes.iter().all(|i| i.status.is_none());
        Payload {
            format: FORMAT.into(),
            version: if plain { PLAIN_VERSION } else { VERSION },
            exported_at: timestamp(now),
            intakes,
            caregivers,
        }
    }

    /// The JSON sealed in the age envelope.
    fn seal(&self, passphrase: &str) -> Result<Vec<u8>> {
        let json = serde_json::to_vec(self)
            .map_err(|e| Error::Invalid(format!("Het overdrachtsbestand kon niet worden gemaakt: {e}")))?;
        crypto::encrypt(&json, passphrase)
    }
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
    /// Version 2: the status the intake keeps on arrival (the director's
    /// file). Absent: a consultant's hand-over, read in as `overgedragen`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    status: Option<IntakeStatus>,
}

/// A person without an intake in the file, with every recipient.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct HandedPerson {
    caregiver: HandedCaregiver,
    recipients: Vec<HandedRecipient>,
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
        intakes.push(hand_intake(conn, intake, None)?);
    }
    Payload::new(intakes, Vec::new(), now).seal(passphrase)
}

/// An intake as the file carries it, with its caregiver and recipient.
fn hand_intake(conn: &Connection, intake: Intake, status: Option<IntakeStatus>) -> Result<HandedIntake> {
    let dossier = caregiver::dossier(conn, intake.caregiver_id)?;
    let recipient = intake
        .recipient_id
        .and_then(|rid| dossier.recipients.iter().find(|r| r.id == rid))
        .map(|r| HandedRecipient { source_id: r.id, form: r.form.clone() });
    Ok(HandedIntake {
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
        status,
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    fn payload(caregivers: usize, status: Option<IntakeStatus>) -> Payload {
        let person = || HandedCaregiver { source_id: 1, extern_id: None, form: CaregiverInput::default() };
        let people = (0..caregivers).map(|_| HandedPerson { caregiver: person(), recipients: Vec::new() }).collect();
        let intake = HandedIntake {
            handover_id: "0".repeat(32),
            created_at: String::new(),
            completed_at: None,
            fields: IntakeFields::default(),
            assessments: Vec::new(),
            caregiver: person(),
            recipient: None,
            status,
        };
        Payload::new(vec![intake], people, DateTime::UNIX_EPOCH)
    }

    #[test]
    fn a_consultants_file_stays_version_1_and_the_directors_is_version_2() {
        let plain = payload(0, None);
        assert_eq!(plain.version, 1, "an older app must still read a consultant's file");
        let json = serde_json::to_value(&plain).unwrap_or_default();
        assert!(json.get("caregivers").is_none() && json["intakes"][0].get("status").is_none(), "{json}");
        assert_eq!(payload(1, None).version, 2, "persons alone are new in version 2");
        assert_eq!(payload(0, Some(IntakeStatus::InProgress)).version, 2, "so are intake statuses");
    }
}
