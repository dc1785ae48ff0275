//! Backups away from the laptop: a folder the director chooses (a USB
//! stick, a network share) gets a backup on a schedule (every N days, when
//! the app starts and one is due), beside the daily ones next to the store.
//! Each is checked after writing, as every backup is (`backup::create`),
//! and the folder also gets the recovery file (`recovery`), so that a new
//! laptop can be set up from the folder alone.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::backup::{self, BackupFile, BackupKind};
use super::key::Passphrase;
use crate::error::{Error, FieldError, Result};

/// The chosen folder and how often it gets a backup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct BackupFolder {
    #[ts(type = "string")]
    pub path: PathBuf,
    /// A backup when the newest there is this many days old (1: daily, 7: weekly).
    pub every_days: u32,
}

fn setting(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

/// The chosen folder, if one was chosen.
pub fn folder(conn: &Connection) -> Result<Option<BackupFolder>> {
    let Some(path) = setting(conn, "backup_folder")?.filter(|p| !p.is_empty()) else {
        return Ok(None);
    };
    let every_days = setting(conn, "backup_folder_days")?.and_then(|d| d.parse().ok()).unwrap_or(1);
    Ok(Some(BackupFolder { path: PathBuf::from(path), every_days }))
}

/// Chooses the folder (`None`: backups only beside the store). The folder
/// must exist and be writable now: a test file is written and removed.
pub fn set_folder(conn: &Connection, choice: Option<&BackupFolder>) -> Result<Option<BackupFolder>> {
    let Some(choice) = choice else {
        conn.execute("DELETE FROM setting WHERE key IN ('backup_folder', 'backup_folder_days')", [])?;
        return Ok(None);
    };
    if !(1..=31).contains(&choice.every_days) {
        return Err(Error::Validation(vec![FieldError::new(
            "everyDays",
            "Kies hoe vaak: elke 1 tot 31 dagen (1 is dagelijks, 7 wekelijks).",
        )]));
    }
    if !choice.path.is_dir() {
        return Err(Error::Validation(vec![FieldError::new(
            "path",
            format!("De map {} bestaat niet (of de USB-stick zit er niet in).", choice.path.display()),
        )]));
    }
    let probe = choice.path.join(".respijtregie-schrijftest");
    std::fs::write(&probe, b"test").and_then(|()| std::fs::remove_file(&probe)).map_err(|e| {
        Error::Validation(vec![FieldError::new(
            "path",
            format!("In de map {} kan de app niet schrijven ({e}).", choice.path.display()),
        )])
    })?;
    conn.execute(
        "INSERT INTO setting (key, value) VALUES ('backup_folder', ?1), ('backup_folder_days', ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (choice.path.to_string_lossy(), choice.every_days.to_string()),
    )?;
    Ok(Some(choice.clone()))
}

/// Whether the folder is due: its newest backup is `every_days` old or more.
pub fn due(folder: &BackupFolder, now: DateTime<Utc>) -> Result<bool> {
    let newest = backup::list(&folder.path)?.into_iter().find(|f| f.kind == BackupKind::Daily);
    Ok(match newest {
        None => true,
        Some(file) => (now.date_naive() - file.taken_at.date()).num_days() >= i64::from(folder.every_days),
    })
}

/// A backup into the chosen folder when one is due (then the folder's
/// rotation, and the recovery file beside it). A folder that is not there
/// (the stick is out) is an error for the caller to report, not a reason
/// to stop the app.
pub fn backup_if_due(
    conn: &Connection,
    store_path: &Path,
    passphrase: &Passphrase,
    now: DateTime<Utc>,
    stop: &AtomicBool,
) -> Result<Option<BackupFile>> {
    let Some(folder) = folder(conn)? else {
        return Ok(None);
    };
    if !due(&folder, now)? {
        return Ok(None);
    }
    Ok(Some(backup_into(conn, store_path, &folder.path, passphrase, now, stop)?))
}

/// A backup into `dir` now (`respijt backup --to DIR`, the schedule).
pub fn backup_into(
    conn: &Connection,
    store_path: &Path,
    dir: &Path,
    passphrase: &Passphrase,
    now: DateTime<Utc>,
    stop: &AtomicBool,
) -> Result<BackupFile> {
    if !dir.is_dir() {
        return Err(Error::NotFound(format!(
            "De back-upmap {} is er niet (zit de USB-stick erin, is de netwerkmap bereikbaar?). Er is geen back-up daarheen gemaakt.",
            dir.display()
        )));
    }
    let made = backup::create_unless(conn, dir, BackupKind::Daily, passphrase, now, stop)?;
    backup::rotate(dir)?;
    super::recovery::copy_into(store_path, dir)?;
    Ok(made)
}
