//! The region is data: municipalities and their 4-digit postcodes.
//!
//! Waardenland ships embedded (CBS open data, "Bron: CBS"); another IZA region
//! loads its own file of the same shape with `respijt region load FILE`.

use std::collections::BTreeMap;

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::store::Store;

/// The ten Waardenland municipalities and their postcodes (Bron: CBS).
pub const WAARDENLAND_PC4_CSV: &str = include_str!("../data/regions/waardenland/pc4.csv");

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct Municipality {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Deserialize)]
struct Pc4Row {
    pc4: String,
    woonplaats: String,
    gemeente: String,
    gm_code: String,
    #[serde(default)]
    provincie: String,
    soort: String,
    inwoners_2021: Option<i64>,
    lat: Option<f64>,
    lon: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RegionSummary {
    pub municipalities: usize,
    pub postcodes: usize,
}

pub fn seed_default_if_empty(store: &Store) -> Result<()> {
    let count: i64 = store.conn().query_row("SELECT COUNT(*) FROM municipality", [], |r| r.get(0))?;
    if count == 0 {
        load_region(store.conn(), WAARDENLAND_PC4_CSV)?;
    }
    Ok(())
}

/// Loads (or updates) a region from a PC4 file with the columns of
/// `pc4_waardenland.csv`, and recomputes the municipality of every address
/// whose municipality was not set by hand. All or nothing.
pub fn load_region(conn: &Connection, csv_text: &str) -> Result<RegionSummary> {
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(csv_text.as_bytes());
    let mut municipalities = BTreeMap::new();
    let mut rows = Vec::new();
    for (i, row) in reader.deserialize::<Pc4Row>().enumerate() {
        let row = row.map_err(|e| Error::Invalid(format!("Regiobestand, rij {}: {e}", i + 1)))?;
        if row.pc4.len() != 4 || !row.pc4.chars().all(|c| c.is_ascii_digit()) {
            return Err(Error::Invalid(format!(
                "Regiobestand, rij {}: '{}' is geen viercijferige postcode.",
                i + 1,
                row.pc4
            )));
        }
        municipalities.insert(row.gm_code.clone(), (row.gemeente.clone(), row.provincie.clone()));
        rows.push(row);
    }
    if rows.is_empty() {
        return Err(Error::Invalid("Het regiobestand bevat geen postcodes.".into()));
    }
    let tx = crate::store::atomic(conn, "region_load")?;
    for (code, (name, province)) in &municipalities {
        tx.execute(
            "INSERT INTO municipality (code, name, province) VALUES (?1, ?2, ?3)
             ON CONFLICT(code) DO UPDATE SET name = excluded.name, province = excluded.province",
            params![code, name, province],
        )?;
    }
    for row in &rows {
        tx.execute(
            "INSERT INTO postcode_area (pc4, place, municipality_code, kind, inhabitants, lat, lon)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT(pc4) DO UPDATE SET place = excluded.place, municipality_code = excluded.municipality_code,
               kind = excluded.kind, inhabitants = excluded.inhabitants, lat = excluded.lat, lon = excluded.lon",
            params![row.pc4, row.woonplaats, row.gm_code, row.soort, row.inwoners_2021, row.lat, row.lon],
        )?;
    }
    for table in ["caregiver", "care_recipient"] {
        tx.execute(
            &format!(
                "UPDATE {table} SET municipality_code =
                   (SELECT municipality_code FROM postcode_area WHERE pc4 = substr({table}.postcode, 1, 4))
                 WHERE municipality_override = 0"
            ),
            [],
        )?;
    }
    tx.commit()?;
    Ok(RegionSummary { municipalities: municipalities.len(), postcodes: rows.len() })
}

pub fn list_municipalities(conn: &Connection) -> Result<Vec<Municipality>> {
    let mut stmt = conn.prepare_cached("SELECT code, name FROM municipality ORDER BY name")?;
    let rows = stmt.query_map([], |r| Ok(Municipality { code: r.get(0)?, name: r.get(1)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The municipality a 4-digit postcode lies in, if it is in the region.
pub fn municipality_of_pc4(conn: &Connection, pc4: &str) -> Result<Option<Municipality>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.code, m.name FROM postcode_area p JOIN municipality m ON m.code = p.municipality_code WHERE p.pc4 = ?1",
    )?;
    Ok(stmt.query_row([pc4], |r| Ok(Municipality { code: r.get(0)?, name: r.get(1)? })).optional()?)
}

/// A municipality by CBS code (`GM0505`) or by name (`Dordrecht`), any case.
pub fn find_municipality(conn: &Connection, code_or_name: &str) -> Result<Option<Municipality>> {
    let key = code_or_name.trim();
    let mut stmt = conn.prepare_cached(
        "SELECT code, name FROM municipality WHERE upper(code) = upper(?1) OR lower(name) = lower(?1)",
    )?;
    Ok(stmt.query_row([key], |r| Ok(Municipality { code: r.get(0)?, name: r.get(1)? })).optional()?)
}

/// Residential postcodes with their inhabitants, for the demo generator.
pub fn residential_postcodes(conn: &Connection) -> Result<Vec<(String, String, i64)>> {
    let mut stmt = conn
        .prepare("SELECT pc4, place, COALESCE(inhabitants, 0) FROM postcode_area WHERE kind = 'woon' ORDER BY pc4")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A municipality's name by code from the embedded Waardenland file, for
/// demo names; the code itself when unknown.
pub fn municipality_name_hint(code: &str) -> String {
    WAARDENLAND_PC4_CSV
        .lines()
        .filter_map(|line| {
            let cols: Vec<&str> = line.split(',').collect();
            (cols.get(3) == Some(&code)).then(|| cols.get(2).map(|s| s.to_string())).flatten()
        })
        .next()
        .unwrap_or_else(|| code.to_string())
}
