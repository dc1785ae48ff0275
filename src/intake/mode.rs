//! Whose laptop this is: the director's (the regional store) or a MEE
//! consultant's (intakes made on the road and handed over). The mode only
//! changes what the app offers; both keep the same store.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

const SETTING_KEY: &str = "mode";

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub enum AppMode {
    /// The respite director: imports hand-overs, sees the attention list.
    #[default]
    Director,
    /// A MEE consultant: makes intakes and exports hand-over files.
    Consultant,
}

impl AppMode {
    fn code(self) -> &'static str {
        match self {
            AppMode::Director => "director",
            AppMode::Consultant => "consultant",
        }
    }
}

pub fn get_mode(conn: &Connection) -> Result<AppMode> {
    let value: Option<String> =
        conn.query_row("SELECT value FROM setting WHERE key = ?1", [SETTING_KEY], |r| r.get(0)).optional()?;
    match value.as_deref() {
        None | Some("director") => Ok(AppMode::Director),
        Some("consultant") => Ok(AppMode::Consultant),
        Some(other) => Err(Error::Invalid(format!(
            "De instelling 'mode' heeft een onbekende waarde '{other}'; kies regisseur of consulent opnieuw."
        ))),
    }
}

pub fn set_mode(conn: &Connection, mode: AppMode) -> Result<AppMode> {
    conn.execute(
        "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![SETTING_KEY, mode.code()],
    )?;
    Ok(mode)
}
