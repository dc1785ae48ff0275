//! Seals of the audit trail: its head (how many entries, the hash of the
//! last one) at a moment, kept outside the trail. The hash chain shows a
//! change inside the trail, but not that its last entries were removed, nor
//! that the whole chain was written anew with fresh hashes; a seal does: the
//! trail must still hold the sealed number of entries, and the sealed entry
//! must still be the same one.
//!
//! A seal goes into every backup (the copy's own trail, plus a seal file
//! beside the store and one in the backups folder), into every line of the
//! export log, and on request into a file to keep off the laptop
//! (`respijt audit seal --out`). Whoever has the passphrase can rewrite what
//! is on the laptop too; a seal kept elsewhere they cannot.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::GENESIS;
use crate::error::{Error, Result};

mod check;
pub use check::{check_all, SealFinding, SealStatus};

/// The head of the trail at a moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Seal {
    /// How many entries the trail had (the id of the last one).
    pub entries: i64,
    /// The hash of entry number `entries` (the chain's start when 0).
    pub head_hash: String,
    /// When it was sealed, UTC, `jjjj-mm-ddTuu:mm:ssZ`.
    pub sealed_at: String,
    /// The file name of the store it seals, for people (not compared).
    #[serde(default)]
    pub store: String,
}

/// How the trail compares with one seal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "outcome")]
pub enum SealCheck {
    /// The sealed entry is still there, unchanged.
    Fits,
    /// The trail has fewer entries than the seal: its end was removed.
    Shorter { trail_entries: i64 },
    /// The sealed entry is not the one that was sealed: the trail was
    /// written anew.
    Differs,
}

impl SealCheck {
    pub fn fits(&self) -> bool {
        *self == SealCheck::Fits
    }
}

/// The number of entries in the trail and the hash of the last one. A store
/// from before the trail (a backup made before that migration) has none.
pub fn head_of(conn: &Connection) -> Result<(i64, String)> {
    if !has_trail(conn)? {
        return Ok((0, GENESIS.to_string()));
    }
    let last: Option<(i64, String)> = conn
        .prepare_cached("SELECT id, hash FROM audit_entry ORDER BY id DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(last.unwrap_or_else(|| (0, GENESIS.to_string())))
}

/// The seal of the trail behind `conn` now.
pub fn head(conn: &Connection, now: DateTime<Utc>) -> Result<Seal> {
    let (entries, head_hash) = head_of(conn)?;
    Ok(Seal { entries, head_hash, sealed_at: crate::store::timestamp(now), store: store_name(conn) })
}

fn has_trail(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_entry')",
        [],
        |r| r.get(0),
    )?)
}

fn store_name(conn: &Connection) -> String {
    conn.path().and_then(|p| Path::new(p).file_name().map(|n| n.to_string_lossy().to_string())).unwrap_or_default()
}

/// Compares the trail behind `conn` with `seal`: it must still have entry
/// number `entries`, with the sealed hash.
pub fn compare(conn: &Connection, seal: &Seal) -> Result<SealCheck> {
    if seal.entries <= 0 {
        return Ok(SealCheck::Fits);
    }
    let (trail_entries, _) = head_of(conn)?;
    if trail_entries < seal.entries {
        return Ok(SealCheck::Shorter { trail_entries });
    }
    let hash: Option<String> = conn
        .prepare_cached("SELECT hash FROM audit_entry WHERE id = ?1")?
        .query_row([seal.entries], |r| r.get(0))
        .optional()?;
    Ok(if hash.as_deref() == Some(seal.head_hash.as_str()) { SealCheck::Fits } else { SealCheck::Differs })
}

/// The seal file beside a store: `respijtregie.db` → `respijtregie.zegel`.
pub fn file_beside(store_path: &Path) -> PathBuf {
    store_path.with_extension("zegel")
}

/// The copy of the seal file in a backups folder, named after the store.
pub fn file_in(dir: &Path, store_path: &Path) -> PathBuf {
    let name = file_beside(store_path).file_name().map(|n| n.to_os_string());
    dir.join(name.unwrap_or_else(|| "respijtregie.zegel".into()))
}

/// Writes `seal` to `path` as a small JSON file: under a temporary name in
/// the same folder, flushed to disk, then renamed, so a crash leaves the
/// old seal or the new one, never half of one.
pub fn write(seal: &Seal, path: &Path) -> Result<()> {
    let mut text = serde_json::to_string_pretty(seal)
        .map_err(|e| Error::Invalid(format!("Het zegel kon niet worden geschreven: {e}")))?;
    text.push('\n');
    crate::store::files::write_whole(path, text.as_bytes())
}

/// Reads a seal file; `None` when there is none.
pub fn read(path: &Path) -> Result<Option<Seal>> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(unreadable(path, &err.to_string())),
    };
    let seal: Seal = serde_json::from_str(&text).map_err(|e| unreadable(path, &e.to_string()))?;
    let hex = seal.head_hash.len() == 64 && seal.head_hash.bytes().all(|b| b.is_ascii_hexdigit());
    if seal.entries < 0 || !hex {
        return Err(unreadable(path, "het aantal regels of de hash klopt niet"));
    }
    Ok(Some(seal))
}

fn unreadable(path: &Path, why: &str) -> Error {
    Error::Invalid(format!("Het zegel {} is niet te lezen: {why}.", path.display()))
}

/// Seals the trail into the seal file beside the store and the copy in
/// its backups folder; returns the seal and where it went.
pub fn write_beside(conn: &Connection, store_path: &Path, now: DateTime<Utc>) -> Result<(Seal, Vec<PathBuf>)> {
    let seal = head(conn, now)?;
    let paths = vec![file_beside(store_path), file_in(&crate::store::backup::backup_dir(store_path), store_path)];
    for path in &paths {
        write(&seal, path)?;
    }
    Ok((seal, paths))
}

/// After a backup of the store behind `conn` was made in `dir`: the seal of
/// its trail in `dir` and beside the store file.
pub fn after_backup(conn: &Connection, dir: &Path, now: DateTime<Utc>) -> Result<()> {
    let seal = head(conn, now)?;
    match conn.path().filter(|p| !p.is_empty()).map(PathBuf::from) {
        Some(store_path) => {
            write(&seal, &file_in(dir, &store_path))?;
            write(&seal, &file_beside(&store_path))
        }
        None => write(&seal, &dir.join("respijtregie.zegel")),
    }
}
