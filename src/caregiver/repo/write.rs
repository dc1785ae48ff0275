//! Registering, changing, archiving and restoring caregivers, and the
//! search index that follows their names and addresses.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::{area_of, caregiver_address, find_twin, not_found, twin_key, RegisterOutcome};
use crate::caregiver::input::ValidCaregiver;
use crate::caregiver::{validate_caregiver, CaregiverInput};
use crate::dutch;
use crate::error::{Error, FieldError, Result};
use crate::store::timestamp;

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
    // The ranked search's keys: whole first name and whole surname, folded.
    let (first_key, last_key) = (dutch::fold(&v.first_name), dutch::fold(&v.last_name));
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
        first_key,
        last_key,
    ];
    let id = match existing {
        None => {
            let mut stmt = conn.prepare_cached(
                "INSERT INTO caregiver (extern_id, first_name, last_name, date_of_birth, postcode, house_number, street,
                   place, municipality_code, municipality_override, phone, email, insurer, policy_number,
                   supplementary_policy, care_minutes_per_week, caring_since, notes, sort_key, twin_key, search_text,
                   created_at, updated_at, first_key, last_key)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?22,
                   ?23, ?24)",
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
                   notes = ?18, sort_key = ?19, twin_key = ?20, search_text = ?21, updated_at = ?22,
                   first_key = ?23, last_key = ?24
                 WHERE id = ?25",
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

/// Registers a caregiver from the form. A possible twin stops the
/// registration unless the director has seen it and chose `allow_twin`.
pub fn register_caregiver(
    conn: &Connection,
    input: &CaregiverInput,
    allow_twin: bool,
    now: DateTime<Utc>,
) -> Result<RegisterOutcome> {
    let valid = validate_caregiver(conn, input, now.date_naive())?;
    check_extern_id_free(conn, valid.extern_id.as_deref(), None)?;
    if !allow_twin {
        if let Some(existing) = find_twin(conn, &valid, None)? {
            return Ok(RegisterOutcome::PossibleTwin { existing });
        }
    }
    let id = write_caregiver(conn, None, valid.extern_id.as_deref(), &valid, now, SearchIndex::Now)?;
    Ok(RegisterOutcome::Created { id })
}

pub fn update_caregiver(conn: &Connection, id: i64, input: &CaregiverInput, now: DateTime<Utc>) -> Result<()> {
    let valid = validate_caregiver(conn, input, now.date_naive())?;
    check_extern_id_free(conn, valid.extern_id.as_deref(), Some(id))?;
    write_caregiver(conn, Some(id), None, &valid, now, SearchIndex::Now)?;
    // The form may also clear the number (the import only ever sets one).
    conn.prepare_cached("UPDATE caregiver SET extern_id = ?1 WHERE id = ?2")?.execute(params![valid.extern_id, id])?;
    Ok(())
}

/// One number belongs to one caregiver: a statement line must find one person.
fn check_extern_id_free(conn: &Connection, extern_id: Option<&str>, own: Option<i64>) -> Result<()> {
    let Some(extern_id) = extern_id else { return Ok(()) };
    let holder: Option<(i64, String)> = conn
        .prepare_cached(
            "SELECT id, first_name || ' ' || last_name FROM caregiver WHERE extern_id = ?1 AND id IS NOT ?2",
        )?
        .query_row(params![extern_id, own], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    match holder {
        None => Ok(()),
        Some((id, name)) => Err(Error::Validation(vec![FieldError::new(
            "externId",
            format!(
                "Nummer '{extern_id}' hoort al bij {name} (dossiernummer {id}). Een nummer hoort bij één mantelzorger; kijk het na."
            ),
        )])),
    }
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
