//! A provider's helpers (hulpen): who they are, the languages they speak,
//! their gender and what they have experience with. Helpers are never
//! deleted, since sessions refer to them: one who leaves is made inactive.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Gender, Helper};
use crate::codes::{set_to_json, texts_from_json, CodeSet};
use crate::error::Result;
use crate::intake::RecipientSituation;

/// One helper line of the provider form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase", default)]
pub struct HelperInput {
    /// None: a helper added in this form.
    pub id: Option<i64>,
    pub name: String,
    /// Language codes separated by commas: `nl, tr`.
    pub languages: String,
    pub gender: Option<Gender>,
    pub specialisms: Vec<RecipientSituation>,
    pub active: bool,
}

impl Default for HelperInput {
    fn default() -> Self {
        HelperInput {
            id: None,
            name: String::new(),
            languages: String::new(),
            gender: None,
            specialisms: Vec::new(),
            active: true,
        }
    }
}

/// A helper as the form or an import row says, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelperData {
    /// The stored helper the form changes; None: found by name, or new.
    pub id: Option<i64>,
    pub name: String,
    pub languages: Vec<String>,
    pub gender: Option<Gender>,
    pub specialisms: Vec<RecipientSituation>,
    pub active: bool,
}

impl HelperData {
    /// An active helper known only by name.
    pub fn named(name: impl Into<String>) -> Self {
        HelperData {
            id: None,
            name: name.into(),
            languages: Vec::new(),
            gender: None,
            specialisms: Vec::new(),
            active: true,
        }
    }
}

/// Language codes from `nl, EN; tr`: lower case, no empties.
pub(super) fn parse_languages(raw: &str) -> std::result::Result<Vec<String>, String> {
    let languages: Vec<String> =
        raw.split([',', ';', '|']).map(|l| l.trim().to_lowercase()).filter(|l| !l.is_empty()).collect();
    match languages.iter().find(|l| !l.chars().all(|c| c.is_alphabetic() || c == '-' || c == ' ')) {
        Some(bad) => Err(format!("'{bad}' is geen taal; schrijf bijvoorbeeld nl, en, tr.")),
        None => Ok(languages),
    }
}

/// Checks the form's helper lines; errors name `helpers.N.field`.
pub(super) fn validate_helpers(inputs: &[HelperInput], fail: &mut dyn FnMut(&str, String)) -> Vec<HelperData> {
    let mut helpers: Vec<HelperData> = Vec::new();
    for (i, h) in inputs.iter().enumerate() {
        let name = h.name.trim().to_string();
        if name.is_empty() {
            fail(&format!("helpers.{i}.name"), "Vul de naam van de hulp in.".into());
            continue;
        }
        if helpers.iter().any(|other| other.name.to_lowercase() == name.to_lowercase()) {
            fail(
                &format!("helpers.{i}.name"),
                format!("Er staat al een hulp met de naam '{name}' bij deze aanbieder."),
            );
            continue;
        }
        let languages = match parse_languages(&h.languages) {
            Ok(l) => l,
            Err(m) => {
                fail(&format!("helpers.{i}.languages"), m);
                continue;
            }
        };
        helpers.push(HelperData {
            id: h.id,
            name,
            languages,
            gender: h.gender,
            specialisms: h.specialisms.clone(),
            active: h.active,
        });
    }
    helpers
}

fn json_languages(languages: &[String]) -> String {
    serde_json::to_string(languages).unwrap_or_else(|_| "[]".into())
}

/// Writes the helpers: one with an id (of this provider) or a known name is
/// changed, another added. Helpers not in the list stay as they are.
pub(super) fn save_helpers(conn: &Connection, provider_id: i64, helpers: &[HelperData]) -> Result<()> {
    for h in helpers {
        let known: Option<i64> = match h.id {
            Some(id) => conn
                .prepare_cached("SELECT id FROM helper WHERE id = ?1 AND provider_id = ?2")?
                .query_row(params![id, provider_id], |r| r.get(0))
                .optional()?,
            None => conn
                .prepare_cached("SELECT id FROM helper WHERE provider_id = ?1 AND lower(name) = lower(?2) ORDER BY id")?
                .query_row(params![provider_id, h.name], |r| r.get(0))
                .optional()?,
        };
        let (languages, specialisms) = (json_languages(&h.languages), set_to_json(&h.specialisms));
        match known {
            Some(id) => {
                conn.prepare_cached(
                    "UPDATE helper SET name = ?1, languages = ?2, gender = ?3, specialisms = ?4, active = ?5
                     WHERE provider_id = ?6 AND id = ?7",
                )?
                .execute(params![
                    h.name,
                    languages,
                    h.gender,
                    specialisms,
                    h.active,
                    provider_id,
                    id
                ])?;
            }
            None => {
                conn.prepare_cached(
                    "INSERT INTO helper (name, languages, gender, specialisms, active, provider_id)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )?
                .execute(params![h.name, languages, h.gender, specialisms, h.active, provider_id])?;
            }
        }
    }
    Ok(())
}

/// A provider's helpers: the active ones first, each group by name.
pub(super) fn helpers_of(conn: &Connection, provider_id: i64) -> Result<Vec<Helper>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, name, languages, gender, specialisms, active FROM helper WHERE provider_id = ?1
             ORDER BY active DESC, name, id",
        )?
        .query_map([provider_id], |r| {
            Ok(Helper {
                id: r.get(0)?,
                name: r.get(1)?,
                languages: texts_from_json(&r.get::<_, String>(2)?),
                gender: r.get(3)?,
                specialisms: r.get::<_, CodeSet<_>>(4)?.0,
                active: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}
