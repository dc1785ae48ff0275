//! The recovery key: a way back in when the passphrase is lost, on the
//! model of a disk-encryption recovery key. It is made when the store is,
//! shown once, printed and kept in a safe.
//!
//! How it works: the recovery key is an `age` X25519 identity. The store
//! keeps only its public half (the setting `recovery_recipient`). Every
//! passphrase the store gets is sealed to that public half and added to a
//! small file beside the store (`<naam>.herstel`, with copies in the
//! backups folders). Nobody can read that file without the recovery key;
//! with it, the passphrases come back, the store opens, and a new
//! passphrase is set. Older passphrases stay in the file, so backups made
//! before a change of passphrase open too. The store's own encryption does
//! not change: SQLCipher with the passphrase, as before.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use age::secrecy::ExposeSecret;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::key::Passphrase;
use crate::error::{Error, Result};

const FORMAT: &str = "respijtregie-herstel";

/// A recovery key as it is shown and printed: `AGE-SECRET-KEY-1…` in groups
/// of four characters. Typed back with or without the spaces.
pub struct RecoveryKey(zeroize::Zeroizing<String>);

impl std::fmt::Debug for RecoveryKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecoveryKey(***)")
    }
}

impl RecoveryKey {
    /// The key in groups, to show once and print.
    pub fn shown(&self) -> String {
        let text: &str = &self.0;
        let (head, rest) = text.split_at(text.find('1').map_or(0, |i| i + 1));
        let groups: Vec<String> = rest.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect();
        format!("{head} {}", groups.join(" "))
    }
}

/// The escrow file: every passphrase of the store, each sealed to the
/// recovery key's public half.
#[derive(Serialize, Deserialize)]
struct Escrow {
    format: String,
    version: u32,
    recipient: String,
    entries: Vec<Entry>,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    since: String,
    /// The passphrase, age-encrypted to `recipient`, in hex.
    sealed: String,
}

/// The escrow file beside a store file.
pub fn escrow_path(store_path: &Path) -> PathBuf {
    store_path.with_extension("herstel")
}

fn escrow_name(store_path: &Path) -> std::ffi::OsString {
    escrow_path(store_path).file_name().map(|n| n.to_owned()).unwrap_or_else(|| "respijtregie.herstel".into())
}

fn recipient_of(conn: &Connection) -> Result<Option<age::x25519::Recipient>> {
    let text: Option<String> =
        conn.query_row("SELECT value FROM setting WHERE key = 'recovery_recipient'", [], |r| r.get(0)).optional()?;
    Ok(text.and_then(|t| age::x25519::Recipient::from_str(&t).ok()))
}

/// Whether this store has a recovery key.
pub fn has_key(conn: &Connection) -> Result<bool> {
    Ok(recipient_of(conn)?.is_some())
}

fn seal(recipient: &age::x25519::Recipient, passphrase: &Passphrase) -> Result<String> {
    let failed =
        |e: &dyn std::fmt::Display| Error::Invalid(format!("De herstelsleutel kon niet worden bijgewerkt: {e}"));
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(recipient as &dyn age::Recipient)).map_err(|e| failed(&e))?;
    let mut out = Vec::new();
    let mut writer = encryptor.wrap_output(&mut out)?;
    writer.write_all(passphrase.as_typed().as_bytes())?;
    writer.finish()?;
    Ok(out.iter().map(|b| format!("{b:02x}")).collect())
}

fn unseal(identity: &age::x25519::Identity, hex: &str) -> Option<Passphrase> {
    let bytes: Option<Vec<u8>> =
        (0..hex.len()).step_by(2).map(|i| hex.get(i..i + 2).and_then(|b| u8::from_str_radix(b, 16).ok())).collect();
    let bytes = bytes?;
    let decryptor = age::Decryptor::new_buffered(&bytes[..]).ok()?;
    let mut reader = decryptor.decrypt(std::iter::once(identity as &dyn age::Identity)).ok()?;
    let mut text = zeroize::Zeroizing::new(String::new());
    reader.read_to_string(&mut text).ok()?;
    Passphrase::existing(&text).ok()
}

fn read_escrow(path: &Path) -> Result<Escrow> {
    let text = std::fs::read_to_string(path).map_err(|_| {
        Error::NotFound(format!(
            "Het herstelbestand {} is er niet. Het hoort naast de opslag of bij de back-ups te staan.",
            path.display()
        ))
    })?;
    serde_json::from_str::<Escrow>(&text)
        .ok()
        .filter(|e| e.format == FORMAT)
        .ok_or_else(|| Error::Invalid(format!("{} is geen herstelbestand van Respijtregie.", path.display())))
}

fn write_escrow(store_path: &Path, escrow: &Escrow, also_in: &[PathBuf]) -> Result<()> {
    let bytes = serde_json::to_vec_pretty(escrow).map_err(|e| Error::Invalid(e.to_string()))?;
    super::files::write_whole(&escrow_path(store_path), &bytes)?;
    for dir in also_in {
        super::files::write_whole(&dir.join(escrow_name(store_path)), &bytes)?;
    }
    Ok(())
}

/// The folders that keep a copy of the escrow file: the backups beside the
/// store and the chosen backup folder, if any.
fn copies(conn: &Connection, store_path: &Path) -> Result<Vec<PathBuf>> {
    let mut dirs = vec![super::backup::backup_dir(store_path)];
    if let Some(folder) = super::offsite::folder(conn)? {
        dirs.push(folder.path);
    }
    Ok(dirs)
}

/// Makes a new recovery key for the store (the first, or one that replaces
/// a lost one: the old key then opens nothing any more). The escrow starts
/// again with the current passphrase. Shown once: the store keeps only the
/// public half.
pub fn make(conn: &Connection, store_path: &Path, passphrase: &Passphrase, now: DateTime<Utc>) -> Result<RecoveryKey> {
    let identity = age::x25519::Identity::generate();
    let recipient = identity.to_public();
    let escrow = Escrow {
        format: FORMAT.into(),
        version: 1,
        recipient: recipient.to_string(),
        entries: vec![Entry { since: super::timestamp(now), sealed: seal(&recipient, passphrase)? }],
    };
    // The file first: a store that names a key whose file is missing could not be recovered.
    write_escrow(store_path, &escrow, &copies(conn, store_path)?)?;
    conn.execute(
        "INSERT INTO setting (key, value) VALUES ('recovery_recipient', ?1)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [recipient.to_string()],
    )?;
    crate::audit::record(conn, crate::audit::AuditAction::RecoveryKeyMade, None, "", now)?;
    Ok(RecoveryKey(zeroize::Zeroizing::new(identity.to_string().expose_secret().to_string())))
}

/// Adds a new passphrase to the escrow, before the store is rekeyed with
/// it (a crash in between leaves a passphrase in the file the store does
/// not use yet: harmless). Nothing to do for a store without a recovery key.
pub fn remember(conn: &Connection, store_path: &Path, passphrase: &Passphrase, now: DateTime<Utc>) -> Result<()> {
    let Some(recipient) = recipient_of(conn)? else {
        return Ok(());
    };
    let mut escrow = match read_escrow(&escrow_path(store_path)) {
        Ok(escrow) if escrow.recipient == recipient.to_string() => escrow,
        // Lost or from another key: start again, from what can be sealed now.
        _ => Escrow { format: FORMAT.into(), version: 1, recipient: recipient.to_string(), entries: Vec::new() },
    };
    escrow.entries.push(Entry { since: super::timestamp(now), sealed: seal(&recipient, passphrase)? });
    write_escrow(store_path, &escrow, &copies(conn, store_path)?)
}

/// Copies the escrow file into `dir` (a backup folder), if there is one.
pub(crate) fn copy_into(store_path: &Path, dir: &Path) -> Result<()> {
    match std::fs::read(escrow_path(store_path)) {
        Ok(bytes) => super::files::write_whole(&dir.join(escrow_name(store_path)), &bytes),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(err) => Err(err.into()),
    }
}

/// Reads a recovery key as typed: spaces, line breaks and case do not matter.
fn identity_of(typed: &str) -> Result<age::x25519::Identity> {
    let text: zeroize::Zeroizing<String> =
        zeroize::Zeroizing::new(typed.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase());
    age::x25519::Identity::from_str(&text).map_err(|_| {
        Error::Locked(
            "Dit is geen herstelsleutel: hij begint met AGE-SECRET-KEY-1 en is 74 tekens lang. Controleer wat u overtypte."
                .into(),
        )
    })
}

fn wrong_key() -> Error {
    Error::Locked("Deze herstelsleutel past niet bij deze opslag. Er is niets geopend of veranderd.".into())
}

/// The passphrases the escrow file at `escrow` holds, newest first, when
/// `typed` is its recovery key; a wrong key opens nothing.
pub fn passphrases(escrow: &Path, typed: &str) -> Result<Vec<Passphrase>> {
    let identity = identity_of(typed)?;
    let escrow = read_escrow(escrow)?;
    if escrow.recipient != identity.to_public().to_string() {
        return Err(wrong_key());
    }
    let found: Vec<Passphrase> = escrow.entries.iter().rev().filter_map(|e| unseal(&identity, &e.sealed)).collect();
    if found.is_empty() {
        return Err(wrong_key());
    }
    Ok(found)
}

/// The passphrase that opens the store file at `store_path`, found with the
/// recovery key (from the escrow file beside it, else `escrow`).
pub fn passphrase_of(store_path: &Path, typed: &str, escrow: Option<&Path>) -> Result<Passphrase> {
    let beside = escrow_path(store_path);
    let file = escrow.map(Path::to_path_buf).unwrap_or(beside);
    for candidate in passphrases(&file, typed)? {
        if super::key::open_keyed(store_path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY, &candidate).is_ok() {
            return Ok(candidate);
        }
    }
    Err(Error::Locked(
        "De herstelsleutel is goed, maar geen van de bewaarde wachtwoordzinnen opent deze opslag. Er is niets veranderd."
            .into(),
    ))
}

/// A lost passphrase: the recovery key opens the store, which gets the new
/// passphrase (recorded in the audit trail and sealed to the same key).
pub fn recover(store_path: &Path, typed: &str, new: &Passphrase, now: DateTime<Utc>) -> Result<super::Store> {
    let old = passphrase_of(store_path, typed, None)?;
    let mut store = super::Store::open(store_path, &old)?;
    store.change_passphrase(&old, new, now)?;
    crate::audit::record(store.conn(), crate::audit::AuditAction::RecoveredWithKey, None, "", now)?;
    Ok(store)
}
