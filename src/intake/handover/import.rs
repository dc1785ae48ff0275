//! Reading a hand-over file into the director's store: everything is checked
//! first, then written in one transaction, so a refused file leaves no trace.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::crypto::{self, DAMAGED};
use super::{HandedCaregiver, HandedPerson, Payload, FORMAT, VERSION};
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
    /// Every dossier here that a person in the file went to, found or new:
    /// they join the signed-in consultant's caseload.
    pub caregiver_ids: Vec<i64>,
    /// New intakes with a follow-up date that are not closed: they come on
    /// the attention list when the date has come.
    pub follow_ups_new: usize,
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
    let handed = payload.intakes.iter().map(|i| &i.caregiver).chain(payload.caregivers.iter().map(|p| &p.caregiver));
    let people = check_people(conn, handed, today, &mut report.warnings)?;
    let (with_intake, alone) = people.split_at(payload.intakes.len());

    let tx = crate::store::atomic(conn, "handover_import")?;
    let ts = timestamp(now);
    // source id on the consultant's laptop -> dossier here
    let mut resolved: HashMap<i64, i64> = HashMap::new();
    let mut confirm: HashMap<i64, usize> = HashMap::new();
    for (intake, person) in payload.intakes.iter().zip(with_intake) {
        if let Some(owner) = intake_owner(&tx, &intake.handover_id)? {
            report.intakes_already_present += 1;
            resolved.entry(person.handed.source_id).or_insert(owner);
            touched(&mut report, owner);
            continue;
        }
        let caregiver_id = match resolved.get(&person.handed.source_id) {
            Some(&id) => id,
            None => {
                let (id, _) = resolve_caregiver(&tx, person, now, &mut report, &mut confirm)?;
                resolved.insert(person.handed.source_id, id);
                id
            }
        };
        touched(&mut report, caregiver_id);
        let recipient_id = match &intake.recipient {
            Some(r) => {
                let valid = caregiver::validate_recipient(&tx, &r.form, Some(&person.valid.address), today)
                    .map_err(|e| person_error("naaste", &r.form.first_name, &r.form.last_name, e))?;
                Some(caregiver::write_recipient_link(&tx, caregiver_id, &valid, now)?)
            }
            None => None,
        };
        let form = intake.fields.to_form(caregiver_id, recipient_id);
        // A consultant's file: `overgedragen`; the director's keeps its status.
        let status = match intake.status {
            None | Some(IntakeStatus::Concept) => IntakeStatus::HandedOver,
            Some(status) => status,
        };
        if intake.fields.follow_up_date.is_some() && status != IntakeStatus::Closed {
            report.follow_ups_new += 1;
        }
        let id = insert_intake(
            &tx,
            &NewIntake {
                handover_id: &intake.handover_id,
                caregiver_id,
                recipient_id,
                status,
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
    for (handed, person) in payload.caregivers.iter().zip(alone) {
        person_alone(&tx, handed, person, now, &mut report, &mut resolved, &mut confirm)?;
    }
    tx.commit()?;
    Ok(report)
}

/// Checks every person in the file before anything is written. A
/// municipality chosen by hand that this region does not know is dropped
/// (the postcode decides), with a warning, rather than refusing the file.
fn check_people<'a>(
    conn: &Connection,
    handed: impl Iterator<Item = &'a HandedCaregiver>,
    today: NaiveDate,
    warnings: &mut Vec<String>,
) -> Result<Vec<Person<'a>>> {
    let mut people = Vec::new();
    for handed in handed {
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

/// The dossier an intake already read in belongs to, if it is here.
fn intake_owner(conn: &Connection, handover_id: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT caregiver_id FROM intake WHERE handover_id = ?1")?
        .query_row([handover_id], |r| r.get(0))
        .optional()?)
}

fn touched(report: &mut HandoverReport, caregiver_id: i64) {
    if !report.caregiver_ids.contains(&caregiver_id) {
        report.caregiver_ids.push(caregiver_id);
    }
}

/// A person without an intake (the director's file). A new dossier gets the
/// recipients from the file; a dossier found here is left as it is, so a
/// second import adds no recipient twice.
fn person_alone(
    conn: &Connection,
    handed: &HandedPerson,
    person: &Person<'_>,
    now: DateTime<Utc>,
    report: &mut HandoverReport,
    resolved: &mut HashMap<i64, i64>,
    confirm: &mut HashMap<i64, usize>,
) -> Result<()> {
    let (caregiver_id, created) = match resolved.get(&person.handed.source_id) {
        Some(&id) => (id, false),
        None => resolve_caregiver(conn, person, now, report, confirm)?,
    };
    resolved.insert(person.handed.source_id, caregiver_id);
    touched(report, caregiver_id);
    if created {
        for r in &handed.recipients {
            let valid = caregiver::validate_recipient(conn, &r.form, Some(&person.valid.address), now.date_naive())
                .map_err(|e| person_error("naaste", &r.form.first_name, &r.form.last_name, e))?;
            caregiver::write_recipient_link(conn, caregiver_id, &valid, now)?;
        }
    }
    Ok(())
}

/// Finds the dossier for a person from the file, or creates one. An existing
/// dossier is not overwritten: the director's register stays leading, and a
/// match on name, date of birth and postcode is listed for confirmation.
/// Also says whether the dossier is new.
fn resolve_caregiver(
    conn: &Connection,
    person: &Person<'_>,
    now: DateTime<Utc>,
    report: &mut HandoverReport,
    confirm: &mut HashMap<i64, usize>,
) -> Result<(i64, bool)> {
    let extern_id = person.handed.extern_id.as_deref().filter(|e| !e.trim().is_empty());
    if let Some(extern_id) = extern_id {
        if let Some(id) = caregiver::find_by_extern_id(conn, extern_id)? {
            report.caregivers_matched += 1;
            return Ok((id, false));
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
            return Ok((twin.id, false));
        }
        report.warnings.push(format!(
            "{} {} lijkt op dossier {} (zelfde naam, geboortedatum en postcode) maar heeft een ander extern nummer; als nieuw dossier opgenomen.",
            twin.first_name, twin.last_name, twin.id
        ));
    }
    report.caregivers_created += 1;
    let id = caregiver::write_caregiver(conn, None, extern_id, &person.valid, now, caregiver::SearchIndex::Now)?;
    Ok((id, true))
}
