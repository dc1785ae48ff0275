//! Writing and reading dossiers. Nothing is ever deleted here: a caregiver is
//! archived, with a reason, and can be restored.
//!
//! `write` registers and changes caregivers (and keeps the search index),
//! `recipient` links the people they care for, `dossier` reads it all back;
//! this module holds what they share: twins, the address's area, look-ups.

mod dossier;
mod recipient;
mod write;

pub use dossier::dossier;
pub use recipient::{add_recipient, update_recipient, write_recipient_link};
pub use write::{
    archive_caregiver, rebuild_search_index, register_caregiver, restore_caregiver, update_caregiver, write_caregiver,
    SearchIndex,
};

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;
use ts_rs::TS;

use super::input::{Address, ValidCaregiver};
use super::CaregiverSummary;
use crate::dutch;
use crate::error::{Error, Result};
use crate::region::Municipality;

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

pub(super) fn twin_key(first_name: &str, last_name: &str, date_of_birth: NaiveDate, postcode: &str) -> String {
    format!("{}|{}|{date_of_birth}|{postcode}", dutch::fold(first_name), dutch::fold(last_name))
}

pub(crate) const SUMMARY_COLUMNS: &str =
    "c.id, c.first_name, c.last_name, c.date_of_birth, c.postcode, c.house_number, c.place, m.name, c.archived_at,
     c.extern_id";

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
        extern_id: r.get(9)?,
    })
}

/// The municipality an address belongs to (chosen by hand, else by its PC4)
/// and its place name (as typed, else the PC4's), in one look-up.
pub(super) fn area_of(conn: &Connection, address: &Address) -> Result<(Option<Municipality>, String)> {
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
    find_by_twin_key(conn, &key, except)
}

/// The same twin check for a person known only by name, date of birth and
/// postcode (a request before its dossier exists).
pub fn find_twin_of(
    conn: &Connection,
    first_name: &str,
    last_name: &str,
    date_of_birth: NaiveDate,
    postcode: &str,
) -> Result<Option<CaregiverSummary>> {
    find_by_twin_key(conn, &twin_key(first_name, last_name, date_of_birth, postcode), None)
}

fn find_by_twin_key(conn: &Connection, key: &str, except: Option<i64>) -> Result<Option<CaregiverSummary>> {
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

pub(super) fn not_found(id: i64) -> Error {
    Error::NotFound(format!("Mantelzorger {id} bestaat niet (meer)."))
}

pub(super) fn caregiver_address(conn: &Connection, id: i64) -> Result<Address> {
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
