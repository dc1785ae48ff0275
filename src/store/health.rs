//! A damaged store, recognised and put right: a file cut short (a disk
//! that filled, a copy that stopped) or a page whose MAC fails (a bad
//! sector, a change made outside the app). At unlock and in the CLI the
//! store is looked at; the damaged file is kept aside under a name of its
//! own and the newest backup that passes its check is offered to put back.
//! A store from a backup on a new laptop goes in the same way.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use ts_rs::TS;

use super::backup::{self, BackupFile};
use super::files::with_sides;
use super::key::{open_keyed, Passphrase};
use crate::error::{Error, Result};

/// What the app and the CLI say about a damaged store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct Damage {
    /// Dutch: what is wrong and what to do.
    pub message: String,
    /// The newest backup that passes its check with this passphrase: the one to put back.
    pub backup: Option<BackupFile>,
}

/// The message of a damaged store, for `Error::Damaged`.
pub fn damaged_message(detail: &str) -> String {
    format!(
        "De opslag is beschadigd ({detail}). Werk er niet verder in: zet de nieuwste goede back-up terug. Het beschadigde bestand wordt apart bewaard."
    )
}

/// Whether SQLite's error means a damaged file (not a wrong passphrase, a lock or a full disk).
pub fn is_damage(err: &rusqlite::Error) -> bool {
    matches!(err, rusqlite::Error::SqliteFailure(e, _) if e.code == rusqlite::ErrorCode::DatabaseCorrupt)
}

fn wal_is_empty(path: &Path) -> bool {
    let [_, wal, _] = with_sides(path);
    std::fs::metadata(wal).map_or(true, |m| m.len() == 0)
}

/// A quick look at an open store: is the file as long as its pages say?
/// A file cut short is found here, in a moment, whatever its size. (Pages
/// still in the WAL may lie past the end of the file: then this says nothing.)
pub fn check_length(conn: &Connection, path: &Path) -> Result<()> {
    if !wal_is_empty(path) {
        return Ok(());
    }
    let pages: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
    // SQLCipher answers `page_size` as text (its `cipher_page_size`).
    let page_size: i64 =
        conn.query_row("PRAGMA page_size", [], |r| r.get::<_, rusqlite::types::Value>(0)).map(|v| match v {
            rusqlite::types::Value::Integer(n) => n,
            rusqlite::types::Value::Text(t) => t.parse().unwrap_or(4096),
            _ => 4096,
        })?;
    let len = std::fs::metadata(path)?.len() as i64;
    if len < pages * page_size {
        return Err(Error::Damaged(damaged_message(&format!(
            "het bestand is korter dan het hoort: {} van de {} kB",
            len / 1024,
            pages * page_size / 1024
        ))));
    }
    Ok(())
}

/// Every page read and its MAC checked, the b-trees walked
/// (`PRAGMA quick_check`): seconds on a region's store, so the app runs it
/// beside its start, on a connection of its own.
pub fn check_pages(path: &Path, passphrase: &Passphrase) -> Result<()> {
    let conn = open_keyed(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX, passphrase)?;
    check_length(&conn, path)?;
    let result: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    if result != "ok" {
        return Err(Error::Damaged(damaged_message(&result)));
    }
    Ok(())
}

/// The folders with backups of this store: beside it, and the chosen one
/// (read from the store when it still opens).
fn backup_dirs(store_path: &Path, passphrase: &Passphrase) -> Vec<PathBuf> {
    let mut dirs = vec![backup::backup_dir(store_path)];
    let chosen = open_keyed(store_path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX, passphrase)
        .ok()
        .and_then(|conn| super::offsite::folder(&conn).ok().flatten());
    if let Some(folder) = chosen {
        dirs.push(folder.path);
    }
    dirs
}

/// The newest backup of this store that opens with `passphrase` and passes its check.
pub fn newest_good_backup(store_path: &Path, passphrase: &Passphrase) -> Option<BackupFile> {
    let mut files: Vec<BackupFile> =
        backup_dirs(store_path, passphrase).iter().filter_map(|d| backup::list(d).ok()).flatten().collect();
    files.sort_by_key(|f| std::cmp::Reverse(f.taken_at));
    files.into_iter().find(|f| backup::verify(&f.path, passphrase).is_ok())
}

/// What to tell about a store that `err` says is damaged.
pub fn damage_of(err: &Error, store_path: &Path, passphrase: &Passphrase) -> Option<Damage> {
    match err {
        Error::Damaged(message) => {
            Some(Damage { message: message.clone(), backup: newest_good_backup(store_path, passphrase) })
        }
        _ => None,
    }
}

/// What became of a damaged store that was put right.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct Repair {
    /// Where the damaged file now is.
    #[ts(type = "string")]
    pub kept_aside: PathBuf,
    /// The backup that was put back.
    pub restored: BackupFile,
}

/// Keeps the damaged store aside (`<naam>.beschadigd-<tijd>.db`, with its
/// WAL) and puts the newest good backup in its place. Nothing is deleted.
pub fn put_back_newest(store_path: &Path, passphrase: &Passphrase, now: DateTime<Utc>) -> Result<Repair> {
    let Some(restored) = newest_good_backup(store_path, passphrase) else {
        return Err(Error::NotFound(
            "Er is geen goede back-up die met deze wachtwoordzin opent. Het beschadigde bestand is niet aangeraakt."
                .into(),
        ));
    };
    let stem = store_path.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_else(|| "respijtregie".into());
    let kept_aside = store_path.with_file_name(format!("{stem}.beschadigd-{}.db", now.format("%Y%m%d-%H%M%S")));
    for (from, to) in with_sides(store_path).iter().zip(with_sides(&kept_aside).iter()) {
        if from.exists() {
            std::fs::rename(from, to)?;
        }
    }
    copy_in(&restored.path, store_path)?;
    Ok(Repair { kept_aside, restored })
}

/// A store made from a backup where there is none yet (a new laptop): the
/// backup is checked with its passphrase, then copied in whole (a
/// temporary file, then a rename). The recovery file beside the backup
/// comes along.
pub fn restore_as_new(backup_file: &Path, passphrase: &Passphrase, store_path: &Path) -> Result<()> {
    if super::file_state(store_path)? != super::FileState::Missing {
        return Err(Error::Invalid(format!(
            "Er is al een opslag in {}; zet een back-up terug vanuit de app of met `respijt restore` op die opslag.",
            store_path.display()
        )));
    }
    backup::verify(backup_file, passphrase)?;
    copy_in(backup_file, store_path)?;
    if let Some(dir) = backup_file.parent() {
        let escrows: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|entries| {
                entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "herstel")).collect()
            })
            .unwrap_or_default();
        if let [escrow] = escrows.as_slice() {
            super::files::write_whole(&super::recovery::escrow_path(store_path), &std::fs::read(escrow)?)?;
        }
    }
    Ok(())
}

fn copy_in(backup_file: &Path, store_path: &Path) -> Result<()> {
    let dir = store_path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let partial = tempfile::NamedTempFile::new_in(dir)?;
    std::fs::copy(backup_file, partial.path())?;
    partial.as_file().sync_all()?;
    for side in &with_sides(store_path)[1..] {
        let _ = std::fs::remove_file(side);
    }
    partial.persist(store_path).map_err(|e| Error::Io(e.error))?;
    Ok(())
}

/// What runs beside the app's start, on a connection of its own: the
/// day's backup (which reads, and so checks, every page), else the page
/// check; then the chosen folder's backup when due. Stops when `stop` is
/// set (the app closes). A damaged store is the error `Error::Damaged`.
pub fn upkeep(store_path: &Path, passphrase: &Passphrase, now: DateTime<Utc>, stop: &AtomicBool) -> Result<()> {
    let conn = open_keyed(store_path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX, passphrase)?;
    let dir = backup::backup_dir(store_path);
    if backup::daily_due(&dir, now)? {
        backup::create_unless(&conn, &dir, backup::BackupKind::Daily, passphrase, now, stop)?;
        backup::rotate(&dir)?;
    } else {
        check_pages(store_path, passphrase)?;
    }
    super::offsite::backup_if_due(&conn, store_path, passphrase, now, stop)?;
    Ok(())
}
