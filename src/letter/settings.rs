//! What every letter says about the region: its name, and whom to call
//! (the region's respite director, with a phone number).

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::dutch;
use crate::error::{Error, FieldError, Result};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase", default)]
pub struct LetterSettings {
    pub region_name: String,
    pub director_name: String,
    /// As typed; stored in +31 form, shown in the national form.
    pub director_phone: String,
}

const KEYS: [&str; 3] = ["letter_region_name", "letter_director_name", "letter_director_phone"];

fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

/// The settings; the region's name defaults to Waardenland's.
pub fn letter_settings(conn: &Connection) -> Result<LetterSettings> {
    Ok(LetterSettings {
        region_name: get(conn, KEYS[0])?.unwrap_or_else(|| "Waardenland".into()),
        director_name: get(conn, KEYS[1])?.unwrap_or_default(),
        director_phone: get(conn, KEYS[2])?.map(|p| dutch::display_phone(&p)).unwrap_or_default(),
    })
}

pub fn set_letter_settings(conn: &Connection, input: &LetterSettings) -> Result<LetterSettings> {
    let mut errors = Vec::new();
    let region = input.region_name.trim();
    if region.is_empty() {
        errors.push(FieldError::new("regionName", "Vul de naam van de regio in."));
    }
    let director = input.director_name.trim();
    if director.is_empty() {
        errors.push(FieldError::new("directorName", "Vul de naam van de respijtregisseur in."));
    }
    let phone = dutch::parse_phone(&input.director_phone).unwrap_or_else(|message| {
        errors.push(FieldError::new("directorPhone", message));
        String::new()
    });
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    for (key, value) in KEYS.iter().zip([region, director, phone.as_str()]) {
        conn.execute(
            "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
    }
    letter_settings(conn)
}

/// Refuses a letter without someone to call: the caregiver must know whom.
pub(super) fn require_contact(settings: &LetterSettings) -> Result<()> {
    if settings.director_name.is_empty() || settings.director_phone.is_empty() {
        return Err(Error::Invalid(
            "Vul eerst bij Instellingen de naam en het telefoonnummer van de respijtregisseur in: die staan in elke brief."
                .into(),
        ));
    }
    Ok(())
}
