//! The store's encryption: SQLCipher (AES-256, a key derived from the
//! passphrase with PBKDF2-HMAC-SHA512 at SQLCipher's 256,000 rounds, an HMAC
//! on every page). Every connection to a store file, and to its backups, is
//! opened here with the passphrase before anything else touches it.

use std::fmt;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, FieldError, Result};

/// The fewest characters a new passphrase may have. A passphrase of a few
/// words is easier to remember than a short password and harder to guess.
pub const MIN_PASSPHRASE_CHARS: usize = 12;

/// Environment variable naming a file that holds the passphrase (CLI, scripts).
pub const PASSPHRASE_FILE_ENV: &str = "RESPIJT_PASSPHRASE_FILE";

/// A passphrase, kept out of logs and debug output and wiped when dropped.
#[derive(Clone)]
pub struct Passphrase(zeroize::Zeroizing<String>);

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase(***)")
    }
}

impl Passphrase {
    /// A passphrase to open an existing store with: anything but empty.
    pub fn existing(text: &str) -> Result<Passphrase> {
        if text.is_empty() {
            return Err(Error::Validation(vec![FieldError::new("passphrase", "Vul de wachtwoordzin in.")]));
        }
        Ok(Passphrase(zeroize::Zeroizing::new(text.to_string())))
    }

    /// A new passphrase, typed twice: long enough, both times the same.
    pub fn new_checked(text: &str, repeat: &str) -> Result<Passphrase> {
        let mut errors = Vec::new();
        if text.trim().chars().count() < MIN_PASSPHRASE_CHARS {
            errors.push(FieldError::new(
                "passphrase",
                format!(
                    "Kies een wachtwoordzin van minstens {MIN_PASSPHRASE_CHARS} tekens, bijvoorbeeld een paar woorden."
                ),
            ));
        } else if text != repeat {
            errors.push(FieldError::new("repeat", "De twee wachtwoordzinnen zijn niet gelijk."));
        }
        if errors.is_empty() {
            Ok(Passphrase(zeroize::Zeroizing::new(text.to_string())))
        } else {
            Err(Error::Validation(errors))
        }
    }

    /// Reads the passphrase from a file (as `RESPIJT_PASSPHRASE_FILE` names
    /// it); one trailing line break is not part of it.
    pub fn from_file(path: &Path) -> Result<Passphrase> {
        let text = zeroize::Zeroizing::new(std::fs::read_to_string(path).map_err(|e| {
            Error::Invalid(format!("Het bestand met de wachtwoordzin ({}) is niet te lezen: {e}", path.display()))
        })?);
        let line = text.strip_suffix('\n').unwrap_or(&text);
        let line = line.strip_suffix('\r').unwrap_or(line);
        Passphrase::existing(line)
    }

    /// No passphrase: SQLCipher then reads and writes plain SQLite. Only for
    /// `Store::open_plain` (the benchmark's comparison, tests of encrypting).
    pub(crate) fn none() -> Passphrase {
        Passphrase(zeroize::Zeroizing::new(String::new()))
    }

    /// The passphrase as typed (to key SQLCipher, or to check it as a new one).
    pub fn as_typed(&self) -> &str {
        &self.0
    }
}

/// What a store file is, before it is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub enum FileState {
    /// No store yet: the first start makes one, with a new passphrase.
    Missing,
    /// An encrypted store: it opens with its passphrase.
    Encrypted,
    /// A store from before encryption (readable by anyone): it must be
    /// encrypted before it is used.
    Plain,
}

/// Looks at a store file: missing (or empty), plain or encrypted.
///
/// Through SQLite, never by opening the file ourselves: closing any file
/// handle of a database drops every POSIX lock this process holds on it, so
/// a peek at the header while the app has the store open would let another
/// process (the CLI) think it is alone and delete the WAL under the app.
// The one module that opens connections to a store file (clippy.toml).
#[allow(clippy::disallowed_methods)]
pub fn file_state(path: &Path) -> Result<FileState> {
    match std::fs::metadata(path) {
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(FileState::Missing),
        Err(err) => return Err(err.into()),
        Ok(meta) if meta.len() == 0 => return Ok(FileState::Missing),
        Ok(_) => {}
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    conn.execute_batch("PRAGMA cipher_log_level = NONE;")?;
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)) {
        Ok(_) => Ok(FileState::Plain),
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::NotADatabase => {
            Ok(FileState::Encrypted)
        }
        Err(err) => Err(err.into()),
    }
}

/// Opens a connection to an encrypted file (made if missing) with the
/// passphrase, and proves the passphrase by reading the schema: a wrong one
/// is refused here, before anything else reads or writes.
// The one module that opens connections to a store file (clippy.toml).
#[allow(clippy::disallowed_methods)]
pub fn open_keyed(path: &Path, flags: OpenFlags, passphrase: &Passphrase) -> Result<Connection> {
    let conn = Connection::open_with_flags(path, flags)?;
    // SQLCipher would print every failed page check (a wrong passphrase) to
    // stderr; the error itself says what happened.
    conn.execute_batch("PRAGMA cipher_log_level = NONE;")?;
    if !passphrase.as_typed().is_empty() {
        conn.pragma_update(None, "key", passphrase.as_typed())?;
    }
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)) {
        Ok(_) => Ok(conn),
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::NotADatabase => {
            Err(wrong_passphrase())
        }
        Err(err) => Err(err.into()),
    }
}

pub fn wrong_passphrase() -> Error {
    Error::Locked("De wachtwoordzin klopt niet (of dit bestand is geen opslag van Respijtregie).".into())
}

/// Encrypts a plain store file in place with `passphrase`: the contents are
/// copied into a new encrypted file beside it (`sqlcipher_export`), which is
/// checked and then takes the old file's name in one rename. A crash before
/// the rename leaves the plain file as it was.
// The one module that opens connections to a store file (clippy.toml).
#[allow(clippy::disallowed_methods)]
pub fn encrypt_plain_file(path: &Path, passphrase: &Passphrase) -> Result<()> {
    if file_state(path)? != FileState::Plain {
        return Err(Error::Invalid(format!("{} is geen onversleutelde opslag.", path.display())));
    }
    let partial = path.with_extension("versleutelen");
    let _ = std::fs::remove_file(&partial);
    {
        let plain = Connection::open(path)?;
        // Everything still in the WAL belongs in the copy.
        plain.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
        plain.execute("ATTACH DATABASE ?1 AS encrypted KEY ?2", (partial.to_string_lossy(), passphrase.as_typed()))?;
        plain.query_row("SELECT sqlcipher_export('encrypted')", [], |_| Ok(()))?;
        let version: i64 = plain.query_row("PRAGMA main.user_version", [], |r| r.get(0))?;
        plain.execute_batch(&format!("PRAGMA encrypted.user_version = {version}; DETACH DATABASE encrypted;"))?;
    }
    {
        let check = open_keyed(&partial, OpenFlags::SQLITE_OPEN_READ_ONLY, passphrase)?;
        let result: String = check.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if result != "ok" {
            let _ = std::fs::remove_file(&partial);
            return Err(Error::Invalid(format!("Het versleutelen mislukte ({result}); de opslag is niet veranderd.")));
        }
    }
    for side in &super::files::with_sides(path)[1..] {
        let _ = std::fs::remove_file(side);
    }
    std::fs::rename(&partial, path)?;
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EncryptReport {
    /// Plain backups in the store's backups folder that were encrypted too.
    pub backups: usize,
}

/// Encrypts a plain store and every plain backup beside it with one
/// passphrase: an unencrypted copy of the data must not stay behind.
pub fn encrypt_store_and_backups(path: &Path, passphrase: &Passphrase) -> Result<EncryptReport> {
    encrypt_plain_file(path, passphrase)?;
    let mut backups = 0;
    for file in super::backup::list(&super::backup::backup_dir(path))? {
        if file_state(&file.path)? == FileState::Plain {
            encrypt_plain_file(&file.path, passphrase)?;
            backups += 1;
        }
    }
    Ok(EncryptReport { backups })
}
