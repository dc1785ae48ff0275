//! Letters in plain Dutch (language level B1), written by the core as
//! printable HTML with a fixed layout: a confirmation to the caregiver of
//! what is planned, who pays and how much of each cap is left; and an order
//! (opdracht) to a provider per caregiver and month. Each letter written is
//! logged (what, when, by whom), never its text.

mod confirmation;
mod order;
mod page;
mod planned;
mod settings;

pub use confirmation::confirmation_letter;
pub use order::provider_order;
pub use settings::{letter_settings, set_letter_settings, LetterSettings};

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;
use crate::store::timestamp;

crate::codes::codes! {
    /// Which letter was written.
    LetterKind / "de soort brief" {
        Confirmation = "bevestiging" / "bevestiging aan de mantelzorger",
        Order = "opdracht" / "opdracht aan de aanbieder",
    }
}

/// A letter as the core wrote it: the HTML to save and print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    pub kind: LetterKind,
    pub caregiver_id: i64,
    pub provider_id: Option<i64>,
    /// An order's month, `jjjj-mm`; empty for a confirmation.
    pub period: String,
    pub html: String,
}

/// One line of the dossier's list of letters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct LetterLogEntry {
    pub id: i64,
    pub kind: LetterKind,
    /// Dutch, for people: what was written, for whom.
    pub what: String,
    /// UTC, `jjjj-mm-ddTuu:mm:ssZ`.
    pub written_at: String,
    pub written_by: String,
}

/// Records that `letter` was written (not its text).
pub fn log_letter(conn: &Connection, letter: &Letter, now: DateTime<Utc>) -> Result<LetterLogEntry> {
    let by = crate::audit::acting(conn)?;
    conn.execute(
        "INSERT INTO letter_log (caregiver_id, kind, provider_id, period, written_at, written_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![letter.caregiver_id, letter.kind, letter.provider_id, letter.period, timestamp(now), by],
    )?;
    let id = conn.last_insert_rowid();
    letters_of_caregiver(conn, letter.caregiver_id)?
        .into_iter()
        .find(|l| l.id == id)
        .ok_or_else(|| crate::error::Error::NotFound("De brief is niet in het overzicht gekomen.".into()))
}

/// The letters written for a caregiver, newest first.
pub fn letters_of_caregiver(conn: &Connection, caregiver_id: i64) -> Result<Vec<LetterLogEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.id, l.kind, p.name, l.period, l.written_at, l.written_by
         FROM letter_log l LEFT JOIN provider p ON p.id = l.provider_id
         WHERE l.caregiver_id = ?1 ORDER BY l.id DESC",
    )?;
    let rows = stmt.query_map([caregiver_id], |r| {
        let kind: LetterKind = r.get(1)?;
        let provider: Option<String> = r.get(2)?;
        let period: String = r.get(3)?;
        let what = match (kind, provider) {
            (LetterKind::Order, Some(p)) => format!("Opdracht aan {p} voor {period}"),
            _ => "Bevestiging aan de mantelzorger".to_string(),
        };
        Ok(LetterLogEntry { id: r.get(0)?, kind, what, written_at: r.get(4)?, written_by: r.get(5)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
