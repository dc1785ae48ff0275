//! Reading a dossier back: the caregiver, the recipients with their other
//! caregivers, and both as their edit forms want them.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::{not_found, summary_from_row, SUMMARY_COLUMNS};
use crate::caregiver::{Caregiver, CaregiverInput, Dossier, Recipient, RecipientInput};
use crate::dutch;
use crate::error::Result;
use crate::region::Municipality;

/// Opens a dossier: the caregiver, the recipients and their other caregivers.
pub fn dossier(conn: &Connection, id: i64) -> Result<Dossier> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.extern_id, c.first_name, c.last_name, c.date_of_birth, c.postcode, c.house_number, c.street,
                c.place, m.code, m.name, c.municipality_override, c.phone, c.email, c.insurer, c.policy_number,
                c.supplementary_policy, c.care_minutes_per_week, c.caring_since, c.notes, c.archived_at,
                c.archive_reason, c.created_at, c.updated_at
         FROM caregiver c LEFT JOIN municipality m ON m.code = c.municipality_code WHERE c.id = ?1",
    )?;
    let caregiver = stmt
        .query_row([id], |r| {
            let municipality = match (r.get::<_, Option<String>>(9)?, r.get::<_, Option<String>>(10)?) {
                (Some(code), Some(name)) => Some(Municipality { code, name }),
                _ => None,
            };
            Ok(Caregiver {
                id: r.get(0)?,
                extern_id: r.get(1)?,
                first_name: r.get(2)?,
                last_name: r.get(3)?,
                date_of_birth: r.get(4)?,
                postcode: r.get(5)?,
                house_number: r.get(6)?,
                street: r.get(7)?,
                place: r.get(8)?,
                in_region: municipality.is_some(),
                municipality,
                municipality_overridden: r.get(11)?,
                phone: dutch::display_phone(&r.get::<_, String>(12)?),
                email: r.get(13)?,
                insurer: r.get(14)?,
                policy_number: r.get(15)?,
                supplementary_policy: r.get(16)?,
                care_minutes_per_week: r.get(17)?,
                caring_since: r.get(18)?,
                notes: r.get(19)?,
                archived_at: r.get(20)?,
                archive_reason: r.get(21)?,
                created_at: r.get(22)?,
                updated_at: r.get(23)?,
            })
        })
        .optional()?
        .ok_or_else(|| not_found(id))?;
    let recipients = recipients_of(conn, id)?;
    let form = CaregiverInput {
        first_name: caregiver.first_name.clone(),
        last_name: caregiver.last_name.clone(),
        date_of_birth: dutch::date_text(caregiver.date_of_birth),
        postcode: caregiver.postcode.clone(),
        house_number: caregiver.house_number.clone(),
        street: caregiver.street.clone(),
        place: caregiver.place.clone(),
        municipality_override: if caregiver.municipality_overridden {
            caregiver.municipality.as_ref().map(|m| m.code.clone()).unwrap_or_default()
        } else {
            String::new()
        },
        phone: caregiver.phone.clone(),
        email: caregiver.email.clone(),
        insurer: caregiver.insurer.clone(),
        policy_number: caregiver.policy_number.clone(),
        supplementary_policy: caregiver.supplementary_policy,
        care_hours_per_week: caregiver.care_minutes_per_week.map(dutch::hours_text).unwrap_or_default(),
        caring_since: caregiver.caring_since.map(dutch::date_text).unwrap_or_default(),
        notes: caregiver.notes.clone(),
        extern_id: caregiver.extern_id.clone().unwrap_or_default(),
    };
    Ok(Dossier { caregiver, recipients, form })
}

fn recipients_of(conn: &Connection, caregiver_id: i64) -> Result<Vec<Recipient>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.id, r.first_name, r.last_name, r.date_of_birth, r.postcode, r.house_number, r.street, r.place,
                m.code, m.name, r.municipality_override, r.wlz_indication, l.relationship, r.insurer,
                r.supplementary_policy
         FROM caregiver_recipient l JOIN care_recipient r ON r.id = l.recipient_id
         LEFT JOIN municipality m ON m.code = r.municipality_code
         WHERE l.caregiver_id = ?1 ORDER BY r.last_name, r.first_name, r.id",
    )?;
    let mut recipients = stmt
        .query_map([caregiver_id], |r| {
            let municipality = match (r.get::<_, Option<String>>(8)?, r.get::<_, Option<String>>(9)?) {
                (Some(code), Some(name)) => Some(Municipality { code, name }),
                _ => None,
            };
            let overridden: bool = r.get(10)?;
            let date_of_birth: NaiveDate = r.get(3)?;
            let form = RecipientInput {
                first_name: r.get(1)?,
                last_name: r.get(2)?,
                date_of_birth: dutch::date_text(date_of_birth),
                postcode: r.get(4)?,
                house_number: r.get(5)?,
                street: r.get(6)?,
                place: r.get(7)?,
                municipality_override: if overridden {
                    r.get::<_, Option<String>>(8)?.unwrap_or_default()
                } else {
                    String::new()
                },
                relationship: r.get(12)?,
                wlz_indication: r.get(11)?,
                insurer: r.get(13)?,
                supplementary_policy: r.get(14)?,
            };
            Ok(Recipient {
                id: r.get(0)?,
                first_name: form.first_name.clone(),
                last_name: form.last_name.clone(),
                date_of_birth,
                postcode: form.postcode.clone(),
                house_number: form.house_number.clone(),
                street: form.street.clone(),
                place: form.place.clone(),
                in_region: municipality.is_some(),
                municipality,
                wlz_indication: form.wlz_indication,
                relationship: form.relationship.clone(),
                other_caregivers: Vec::new(),
                form,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM caregiver_recipient l JOIN caregiver c ON c.id = l.caregiver_id
         LEFT JOIN municipality m ON m.code = c.municipality_code
         WHERE l.recipient_id = ?1 AND l.caregiver_id <> ?2 ORDER BY c.sort_key"
    );
    let mut others = conn.prepare_cached(&sql)?;
    for recipient in &mut recipients {
        recipient.other_caregivers = others
            .query_map(params![recipient.id, caregiver_id], summary_from_row)?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(recipients)
}
