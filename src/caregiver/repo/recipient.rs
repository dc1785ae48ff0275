//! The people a caregiver cares for: one record per person, linked to each
//! of their caregivers.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::{area_of, caregiver_address, twin_key};
use crate::caregiver::input::ValidRecipient;
use crate::caregiver::{validate_recipient, RecipientInput};
use crate::error::{Error, Result};
use crate::store::timestamp;

/// Links a recipient to a caregiver. A recipient already known (same name,
/// date of birth and postcode, e.g. through another caregiver) is reused and
/// brought up to date, so that one person has one record.
pub fn write_recipient_link(
    conn: &Connection,
    caregiver_id: i64,
    v: &ValidRecipient,
    now: DateTime<Utc>,
) -> Result<i64> {
    let key = twin_key(&v.first_name, &v.last_name, v.date_of_birth, &v.address.postcode);
    let existing: Option<i64> = conn
        .prepare_cached("SELECT id FROM care_recipient WHERE twin_key = ?1 ORDER BY id LIMIT 1")?
        .query_row([&key], |r| r.get(0))
        .optional()?;
    let recipient_id = write_recipient(conn, existing, v, now)?;
    conn.prepare_cached(
        "INSERT INTO caregiver_recipient (caregiver_id, recipient_id, relationship) VALUES (?1, ?2, ?3)
         ON CONFLICT(caregiver_id, recipient_id) DO UPDATE SET relationship = excluded.relationship",
    )?
    .execute(params![caregiver_id, recipient_id, v.relationship])?;
    Ok(recipient_id)
}

fn write_recipient(conn: &Connection, existing: Option<i64>, v: &ValidRecipient, now: DateTime<Utc>) -> Result<i64> {
    let (municipality, place) = area_of(conn, &v.address)?;
    let key = twin_key(&v.first_name, &v.last_name, v.date_of_birth, &v.address.postcode);
    let values = params![
        v.first_name,
        v.last_name,
        v.date_of_birth,
        v.address.postcode,
        v.address.house_number,
        v.address.street,
        place,
        municipality.as_ref().map(|m| m.code.as_str()),
        v.address.municipality_override.is_some(),
        v.wlz_indication,
        key,
        timestamp(now),
        v.insurer,
        v.supplementary_policy,
    ];
    match existing {
        None => {
            conn.prepare_cached(
                "INSERT INTO care_recipient (first_name, last_name, date_of_birth, postcode, house_number, street, place,
                   municipality_code, municipality_override, wlz_indication, twin_key, created_at, updated_at,
                   insurer, supplementary_policy)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?13, ?14)",
            )?
            .execute(values)?;
            Ok(conn.last_insert_rowid())
        }
        Some(id) => {
            conn.prepare_cached(
                "UPDATE care_recipient SET first_name = ?1, last_name = ?2, date_of_birth = ?3, postcode = ?4,
                   house_number = ?5, street = ?6, place = ?7, municipality_code = ?8, municipality_override = ?9,
                   wlz_indication = ?10, twin_key = ?11, updated_at = ?12, insurer = ?13, supplementary_policy = ?14
                 WHERE id = ?15",
            )?
            .execute(
                {
                    let mut all: Vec<&dyn rusqlite::ToSql> = values.to_vec();
                    all.push(&id);
                    all
                }
                .as_slice(),
            )?;
            Ok(id)
        }
    }
}

/// Adds a recipient to a caregiver's dossier.
pub fn add_recipient(conn: &Connection, caregiver_id: i64, input: &RecipientInput, now: DateTime<Utc>) -> Result<i64> {
    let home = caregiver_address(conn, caregiver_id)?;
    let valid = validate_recipient(conn, input, Some(&home), now.date_naive())?;
    write_recipient_link(conn, caregiver_id, &valid, now)
}

pub fn update_recipient(
    conn: &Connection,
    caregiver_id: i64,
    recipient_id: i64,
    input: &RecipientInput,
    now: DateTime<Utc>,
) -> Result<()> {
    let home = caregiver_address(conn, caregiver_id)?;
    let linked: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM caregiver_recipient WHERE caregiver_id = ?1 AND recipient_id = ?2)",
        params![caregiver_id, recipient_id],
        |r| r.get(0),
    )?;
    if !linked {
        return Err(Error::NotFound(format!("Naaste {recipient_id} hoort niet bij mantelzorger {caregiver_id}.")));
    }
    let valid = validate_recipient(conn, input, Some(&home), now.date_naive())?;
    write_recipient(conn, Some(recipient_id), &valid, now)?;
    conn.execute(
        "UPDATE caregiver_recipient SET relationship = ?1 WHERE caregiver_id = ?2 AND recipient_id = ?3",
        params![valid.relationship, caregiver_id, recipient_id],
    )?;
    Ok(())
}
