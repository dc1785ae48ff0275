//! Writing and reading dossiers. Nothing is ever deleted here: a caregiver is
//! archived, with a reason, and can be restored.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;
use ts_rs::TS;

use super::input::{Address, ValidCaregiver, ValidRecipient};
use super::{
    validate_caregiver, validate_recipient, Caregiver, CaregiverInput, CaregiverSummary, Dossier, Recipient,
    RecipientInput,
};
use crate::dutch;
use crate::error::{Error, Result};
use crate::region::Municipality;
use crate::store::timestamp;

/// What registering a caregiver led to.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum RegisterOutcome {
    Created {
        id: i64,
    },
    /// Someone with the same name, date of birth and postcode is already
    /// registered; nothing was written. Open that dossier, or register anyway.
    PossibleTwin {
        existing: CaregiverSummary,
    },
}

fn twin_key(first_name: &str, last_name: &str, date_of_birth: NaiveDate, postcode: &str) -> String {
    format!("{}|{}|{date_of_birth}|{postcode}", dutch::fold(first_name), dutch::fold(last_name))
}

pub(crate) const SUMMARY_COLUMNS: &str =
    "c.id, c.first_name, c.last_name, c.date_of_birth, c.postcode, c.house_number, c.place, m.name, c.archived_at";

pub(crate) fn summary_from_row(r: &Row<'_>) -> rusqlite::Result<CaregiverSummary> {
    let municipality_name: Option<String> = r.get(7)?;
    Ok(CaregiverSummary {
        id: r.get(0)?,
        first_name: r.get(1)?,
        last_name: r.get(2)?,
        date_of_birth: r.get(3)?,
        postcode: r.get(4)?,
        house_number: r.get(5)?,
        place: r.get(6)?,
        in_region: municipality_name.is_some(),
        municipality_name,
        archived: r.get::<_, Option<String>>(8)?.is_some(),
    })
}

/// The municipality an address belongs to (chosen by hand, else by its PC4)
/// and its place name (as typed, else the PC4's), in one look-up.
fn area_of(conn: &Connection, address: &Address) -> Result<(Option<Municipality>, String)> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.place, m.code, m.name FROM (SELECT ?1 AS pc4) q
         LEFT JOIN postcode_area p ON p.pc4 = q.pc4
         LEFT JOIN municipality m ON m.code = COALESCE(?2, p.municipality_code)",
    )?;
    let (pc4_place, code, name): (Option<String>, Option<String>, Option<String>) = stmt
        .query_row(params![dutch::pc4(&address.postcode), address.municipality_override], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
    let municipality = code.zip(name).map(|(code, name)| Municipality { code, name });
    let place = if address.place.is_empty() { pc4_place.unwrap_or_default() } else { address.place.clone() };
    Ok((municipality, place))
}

/// A possible twin: same name, date of birth and postcode.
pub fn find_twin(conn: &Connection, v: &ValidCaregiver, except: Option<i64>) -> Result<Option<CaregiverSummary>> {
    let key = twin_key(&v.first_name, &v.last_name, v.date_of_birth, &v.address.postcode);
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM caregiver c LEFT JOIN municipality m ON m.code = c.municipality_code
         WHERE c.twin_key = ?1 AND c.id IS NOT ?2 ORDER BY c.archived_at IS NOT NULL, c.id LIMIT 1"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    Ok(stmt.query_row(params![key, except], summary_from_row).optional()?)
}

pub fn find_by_extern_id(conn: &Connection, extern_id: &str) -> Result<Option<i64>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM caregiver WHERE extern_id = ?1")?;
    Ok(stmt.query_row([extern_id], |r| r.get(0)).optional()?)
}

/// When the search index follows a write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchIndex {
    /// Update the caregiver's entry with the write (forms, single edits).
    Now,
    /// The caller rebuilds the index once at the end (bulk imports): an FTS
    /// write between other writes flushes the index every statement.
    Deferred,
}

/// Rebuilds the whole search index from the caregivers; for bulk writes.
pub fn rebuild_search_index(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "DELETE FROM caregiver_search;
         INSERT INTO caregiver_search (rowid, search_text) SELECT id, search_text FROM caregiver;",
    )?;
    Ok(())
}

fn index_for_search(conn: &Connection, id: i64, search_text: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM caregiver_search WHERE rowid = ?1")?.execute([id])?;
    conn.prepare_cached("INSERT INTO caregiver_search (rowid, search_text) VALUES (?1, ?2)")?
        .execute(params![id, search_text])?;
    Ok(())
}

/// Inserts (`existing` = None) or updates a caregiver; returns its id.
/// Callers validate first and decide about twins; this only writes.
pub fn write_caregiver(
    conn: &Connection,
    existing: Option<i64>,
    extern_id: Option<&str>,
    v: &ValidCaregiver,
    now: DateTime<Utc>,
    index: SearchIndex,
) -> Result<i64> {
    let (municipality, place) = area_of(conn, &v.address)?;
    let compact_postcode = v.address.postcode.replace(' ', "");
    // Postcode queries use their own index; the compact form lets "3311ab vries" match too.
    let municipality_name = municipality.as_ref().map_or("", |m| m.name.as_str());
    let place_words = if dutch::fold(&place) == dutch::fold(municipality_name) { "" } else { place.as_str() };
    let search_text =
        dutch::fold(&format!("{} {} {compact_postcode} {place_words} {municipality_name}", v.first_name, v.last_name));
    let sort_key = dutch::name_sort_key(&v.first_name, &v.last_name);
    let twin = twin_key(&v.first_name, &v.last_name, v.date_of_birth, &v.address.postcode);
    let ts = timestamp(now);
    let values = params![
        extern_id,
        v.first_name,
        v.last_name,
        v.date_of_birth,
        v.address.postcode,
        v.address.house_number,
        v.address.street,
        place,
        municipality.as_ref().map(|m| m.code.as_str()),
        v.address.municipality_override.is_some(),
        v.phone,
        v.email,
        v.insurer,
        v.policy_number,
        v.supplementary_policy,
        v.care_minutes_per_week,
        v.caring_since,
        v.notes,
        sort_key,
        twin,
        search_text,
        ts,
    ];
    let id = match existing {
        None => {
            let mut stmt = conn.prepare_cached(
                "INSERT INTO caregiver (extern_id, first_name, last_name, date_of_birth, postcode, house_number, street,
                   place, municipality_code, municipality_override, phone, email, insurer, policy_number,
                   supplementary_policy, care_minutes_per_week, caring_since, notes, sort_key, twin_key, search_text,
                   created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?22)",
            )?;
            stmt.execute(values)?;
            conn.last_insert_rowid()
        }
        Some(id) => {
            let mut stmt = conn.prepare_cached(
                "UPDATE caregiver SET extern_id = COALESCE(?1, extern_id), first_name = ?2, last_name = ?3,
                   date_of_birth = ?4, postcode = ?5, house_number = ?6, street = ?7, place = ?8,
                   municipality_code = ?9, municipality_override = ?10, phone = ?11, email = ?12, insurer = ?13,
                   policy_number = ?14, supplementary_policy = ?15, care_minutes_per_week = ?16, caring_since = ?17,
                   notes = ?18, sort_key = ?19, twin_key = ?20, search_text = ?21, updated_at = ?22
                 WHERE id = ?23",
            )?;
            let mut all: Vec<&dyn rusqlite::ToSql> = values.to_vec();
            all.push(&id);
            if stmt.execute(all.as_slice())? == 0 {
                return Err(not_found(id));
            }
            id
        }
    };
    if index == SearchIndex::Now {
        index_for_search(conn, id, &search_text)?;
    }
    Ok(id)
}

fn not_found(id: i64) -> Error {
    Error::NotFound(format!("Mantelzorger {id} bestaat niet (meer)."))
}

/// Registers a caregiver from the form. A possible twin stops the
/// registration unless the director has seen it and chose `allow_twin`.
pub fn register_caregiver(
    conn: &Connection,
    input: &CaregiverInput,
    allow_twin: bool,
    now: DateTime<Utc>,
) -> Result<RegisterOutcome> {
    let valid = validate_caregiver(conn, input, now.date_naive())?;
    if !allow_twin {
        if let Some(existing) = find_twin(conn, &valid, None)? {
            return Ok(RegisterOutcome::PossibleTwin { existing });
        }
    }
    let id = write_caregiver(conn, None, None, &valid, now, SearchIndex::Now)?;
    Ok(RegisterOutcome::Created { id })
}

pub fn update_caregiver(conn: &Connection, id: i64, input: &CaregiverInput, now: DateTime<Utc>) -> Result<()> {
    let valid = validate_caregiver(conn, input, now.date_naive())?;
    write_caregiver(conn, Some(id), None, &valid, now, SearchIndex::Now)?;
    Ok(())
}

pub fn archive_caregiver(conn: &Connection, id: i64, reason: &str, now: DateTime<Utc>) -> Result<()> {
    let changed = conn.execute(
        "UPDATE caregiver SET archived_at = ?1, archive_reason = ?2, updated_at = ?1 WHERE id = ?3 AND archived_at IS NULL",
        params![timestamp(now), reason.trim(), id],
    )?;
    if changed == 0 {
        caregiver_address(conn, id)?; // not found, or already archived (then nothing to do)
    }
    Ok(())
}

pub fn restore_caregiver(conn: &Connection, id: i64, now: DateTime<Utc>) -> Result<()> {
    let changed = conn.execute(
        "UPDATE caregiver SET archived_at = NULL, archive_reason = NULL, updated_at = ?1 WHERE id = ?2",
        params![timestamp(now), id],
    )?;
    if changed == 0 {
        return Err(not_found(id));
    }
    Ok(())
}

fn caregiver_address(conn: &Connection, id: i64) -> Result<Address> {
    let mut stmt = conn.prepare_cached(
        "SELECT postcode, house_number, street, place, CASE WHEN municipality_override THEN municipality_code END
         FROM caregiver WHERE id = ?1",
    )?;
    stmt.query_row([id], |r| {
        Ok(Address {
            postcode: r.get(0)?,
            house_number: r.get(1)?,
            street: r.get(2)?,
            place: r.get(3)?,
            municipality_override: r.get(4)?,
        })
    })
    .optional()?
    .ok_or_else(|| not_found(id))
}

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
    ];
    match existing {
        None => {
            conn.prepare_cached(
                "INSERT INTO care_recipient (first_name, last_name, date_of_birth, postcode, house_number, street, place,
                   municipality_code, municipality_override, wlz_indication, twin_key, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
            )?
            .execute(values)?;
            Ok(conn.last_insert_rowid())
        }
        Some(id) => {
            conn.prepare_cached(
                "UPDATE care_recipient SET first_name = ?1, last_name = ?2, date_of_birth = ?3, postcode = ?4,
                   house_number = ?5, street = ?6, place = ?7, municipality_code = ?8, municipality_override = ?9,
                   wlz_indication = ?10, twin_key = ?11, updated_at = ?12 WHERE id = ?13",
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
    };
    Ok(Dossier { caregiver, recipients, form })
}

fn recipients_of(conn: &Connection, caregiver_id: i64) -> Result<Vec<Recipient>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.id, r.first_name, r.last_name, r.date_of_birth, r.postcode, r.house_number, r.street, r.place,
                m.code, m.name, r.municipality_override, r.wlz_indication, l.relationship
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
