//! The director's file to a consultant: the caregivers of the consultant's
//! caseload with their intakes (so the follow-ups to do come along), and the
//! people without an intake alone, each with their recipients.

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::{hand_intake, HandedCaregiver, HandedPerson, HandedRecipient, Payload};
use crate::caregiver;
use crate::error::{Error, Result};
use crate::intake::codes::IntakeStatus;
use crate::intake::repo::intakes_of_caregiver;

/// What the director's file holds, to say on screen.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct CaseloadHandover {
    pub caregivers: usize,
    pub intakes: usize,
    /// Intakes in the file with a follow-up date that are not closed: what
    /// the consultant's attention list shows once the date has come.
    pub follow_ups: usize,
}

/// The sealed file with these caregivers (archived ones are left out).
/// Every intake but a concept goes with its status and hand-over id, so
/// reading the file twice writes nothing the second time. The store does
/// not change.
pub fn export_caseload(
    conn: &Connection,
    caregiver_ids: &[i64],
    passphrase: &str,
    now: DateTime<Utc>,
) -> Result<(Vec<u8>, CaseloadHandover)> {
    let mut summary = CaseloadHandover::default();
    let (mut intakes, mut people) = (Vec::new(), Vec::new());
    for &id in caregiver_ids {
        let dossier = caregiver::dossier(conn, id)?;
        if dossier.caregiver.archived_at.is_some() {
            continue;
        }
        summary.caregivers += 1;
        let theirs: Vec<_> =
            intakes_of_caregiver(conn, id)?.into_iter().filter(|i| i.status != IntakeStatus::Concept).collect();
        if theirs.is_empty() {
            people.push(HandedPerson {
                caregiver: HandedCaregiver {
                    source_id: dossier.caregiver.id,
                    extern_id: dossier.caregiver.extern_id.clone(),
                    form: dossier.form,
                },
                recipients: dossier
                    .recipients
                    .into_iter()
                    .map(|r| HandedRecipient { source_id: r.id, form: r.form })
                    .collect(),
            });
            continue;
        }
        for intake in theirs {
            summary.intakes += 1;
            if intake.fields.follow_up_date.is_some() && intake.status != IntakeStatus::Closed {
                summary.follow_ups += 1;
            }
            let status = intake.status;
            intakes.push(hand_intake(conn, intake, Some(status))?);
        }
    }
    if summary.caregivers == 0 {
        return Err(Error::Invalid(
            "Deze consulent heeft nog geen mantelzorgers. Kies in een dossier bij 'Consulenten' wie de mantelzorger begeleidt."
                .into(),
        ));
    }
    let bytes = Payload::new(intakes, people, now).seal(passphrase)?;
    Ok((bytes, summary))
}
