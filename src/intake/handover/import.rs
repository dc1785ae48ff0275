//! Reading a hand-over file into the director's store: everything is checked
//! first, then written in one transaction, so a refused file leaves no trace.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::crypto::{self, DAMAGED};
use super::{HandedCaregiver, HandedIntake, Payload, FORMAT, VERSION};
use crate::caregiver::{self, ValidCaregiver};
use crate::error::{Error, Result};
use crate::intake::assessment::{insert_assessment, StoredAssessment};
use crate::intake::codes::IntakeStatus;
use crate::intake::repo::{insert_intake, NewIntake};
use crate::store::timestamp;

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct HandoverReport {
    pub intakes_new: usize,
    /// Already imported before (same hand-over id): skipped, nothing changed.
    pub intakes_already_present: usize,
    pub caregivers_matched: usize,
    pub caregivers_created: usize,
    /// Matched on name, date of birth and postcode rather than an extern id:
    /// the director checks that these really are the same person.
    pub to_confirm: Vec<MatchToConfirm>,
    /// Things worth knowing that did not stop the import (Dutch).
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct MatchToConfirm {
    /// The existing dossier the intakes were added to.
    pub caregiver_id: i64,
    pub name: String,
    pub date_of_birth: NaiveDate,
    pub postcode: String,
    /// The new intakes in that dossier.
    pub intake_ids: Vec<i64>,
}

/// A person from the file, checked against this store's rules.
struct Person<'a> {
    handed: &'a HandedCaregiver,
    valid: ValidCaregiver,
}

/// Decrypts, checks and imports a hand-over file. A wrong passphrase, a
/// damaged file or a person that does not pass the register's checks is
/// refused with a Dutch message, and then nothing is written.
pub fn import_handover(
    conn: &Connection,
    bytes: &[u8],
    passphrase: &str,
    now: DateTime<Utc>,
) -> Result<HandoverReport> {
    let plaintext = crypto::decrypt(bytes, passphrase)?;
    let payload: Payload = serde_json::from_slice(&plaintext).map_err(|_| Error::Invalid(DAMAGED.into()))?;
    if payload.format != FORMAT {
        return Err(Error::Invalid(DAMAGED.into()));
    }
    if payload.version > VERSION {
        return Err(Error::Invalid(
            "Dit overdrachtsbestand is gemaakt met een nieuwere versie van Respijtregie. Werk de app bij en probeer het opnieuw."
                .into(),
        ));
    }
    let today = now.date_naive();
    let mut report = HandoverReport::default();
    let people = check_people(conn, &payload.intakes, today, &mut report.warnings)?;

    let tx = crate::store::atomic(conn, "handover_import")?;
    let ts = timestamp(now);
    // source id on the consultant's laptop -> dossier here
    let mut resolved: HashMap<i64, i64> = HashMap::new();
    let mut confirm: HashMap<i64, usize> = HashMap::new();
    for (intake, person) in payload.intakes.iter().zip(&people) {
        if intake_exists(&tx, &intake.handover_id)? {
            report.intakes_already_present += 1;
            continue;
        }
        let caregiver_id = match resolved.get(&person.handed.source_id) {
            Some(&id) => id,
            None => {
                let id = resolve_caregiver(&tx, person, now, &mut report, &mut confirm)?;
                resolved.insert(person.handed.source_id, id);
                id
            }
        };
        let recipient_id = match &intake.recipient {
            Some(r) => {
                let valid = caregiver::validate_recipient(&tx, &r.form, Some(&person.valid.address), today)
                    .map_err(|e| person_error("naaste", &r.form.first_name, &r.form.last_name, e))?;
                Some(caregiver::write_recipient_link(&tx, caregiver_id, &valid, now)?)
            }
            None => None,
        };
        let form = intake.fields.to_form(caregiver_id, recipient_id);
        let id = insert_intake(
            &tx,
            &NewIntake {
                handover_id: &intake.handover_id,
                caregiver_id,
                recipient_id,
                status: IntakeStatus::HandedOver,
                fields: &intake.fields,
                form: &form,
                created_at: &intake.created_at,
                updated_at: &ts,
                completed_at: intake.completed_at.as_deref(),
                handed_over_at: Some(&payload.exported_at),
            },
        )?;
        for a in &intake.assessments {
            let stored = StoredAssessment {
                instrument: &a.instrument,
                answers: &a.answers,
                score: a.score,
                band: &a.band,
                overloaded: a.overloaded,
                assessed_on: a.assessed_on,
            };
            insert_assessment(&tx, id, &stored, now)?;
        }
        if let Some(&at) = confirm.get(&caregiver_id) {
            report.to_confirm[at].intake_ids.push(id);
        }
        report.intakes_new += 1;
    }
    tx.commit()?;
    Ok(report)
}

/// Checks every person in the file before anything is written. A
/// municipality chosen by hand that this region does not know is dropped
/// (the postcode decides), with a warning, rather than refusing the file.
fn check_people<'a>(
    conn: &Connection,
    intakes: &'a [HandedIntake],
    today: NaiveDate,
    warnings: &mut Vec<String>,
) -> Result<Vec<Person<'a>>> {
    let mut people = Vec::with_capacity(intakes.len());
    for intake in intakes {
        let handed = &intake.caregiver;
        let mut form = handed.form.clone();
        let code = form.municipality_override.trim().to_string();
        if !code.is_empty() && crate::region::find_municipality(conn, &code)?.is_none() {
            warnings.push(format!(
                "{} {}: gemeente '{code}' is hier niet bekend; de gemeente volgt nu de postcode.",
                form.first_name, form.last_name
            ));
            form.municipality_override.clear();
        }
        let valid = caregiver::validate_caregiver(conn, &form, today)
            .map_err(|e| person_error("mantelzorger", &form.first_name, &form.last_name, e))?;
        people.push(Person { handed, valid });
    }
    Ok(people)
}

fn person_error(role: &str, first_name: &str, last_name: &str, err: Error) -> Error {
    match err {
        Error::Validation(fields) => {
            let detail: Vec<String> = fields.iter().map(|f| f.message.clone()).collect();
            Error::Invalid(format!(
                "De gegevens van {role} {first_name} {last_name} in het bestand kloppen niet: {} Er is niets ingelezen.",
                detail.join(" ")
            ))
        }
        other => other,
    }
}

fn intake_exists(conn: &Connection, handover_id: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM intake WHERE handover_id = ?1")?
        .query_row([handover_id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Finds the dossier for a person from the file, or creates one. An existing
/// dossier is not overwritten: the director's register stays leading, and a
/// match on name, date of birth and postcode is listed for confirmation.
fn resolve_caregiver(
    conn: &Connection,
    person: &Person<'_>,
    now: DateTime<Utc>,
    report: &mut HandoverReport,
    confirm: &mut HashMap<i64, usize>,
) -> Result<i64> {
    let extern_id = person.handed.extern_id.as_deref().filter(|e| !e.trim().is_empty());
    if let Some(extern_id) = extern_id {
        if let Some(id) = caregiver::find_by_extern_id(conn, extern_id)? {
            report.caregivers_matched += 1;
            return Ok(id);
        }
    }
    if let Some(twin) = caregiver::find_twin(conn, &person.valid, None)? {
        let twin_extern: Option<String> =
            conn.query_row("SELECT extern_id FROM caregiver WHERE id = ?1", [twin.id], |r| r.get(0))?;
        // Two different extern ids are two different people who look alike.
        if twin_extern.is_none() || extern_id.is_none() {
            report.caregivers_matched += 1;
            confirm.insert(twin.id, report.to_confirm.len());
            report.to_confirm.push(MatchToConfirm {
                caregiver_id: twin.id,
                name: format!("{} {}", twin.first_name, twin.last_name),
                date_of_birth: twin.date_of_birth,
                postcode: twin.postcode.clone(),
                intake_ids: Vec::new(),
            });
            return Ok(twin.id);
        }
        report.warnings.push(format!(
            "{} {} lijkt op dossier {} (zelfde naam, geboortedatum en postcode) maar heeft een ander extern nummer; als nieuw dossier opgenomen.",
            twin.first_name, twin.last_name, twin.id
        ));
    }
    report.caregivers_created += 1;
    caregiver::write_caregiver(conn, None, extern_id, &person.valid, now, caregiver::SearchIndex::Now)
}
