//! `audit verify`'s second half: the trail compared with every seal that
//! can be found (the seal files, the newest export-log line with a seal,
//! every backup that opens) and with one a person brings along.

use std::path::Path;

use rusqlite::{Connection, OpenFlags, OptionalExtension};
use serde::Serialize;

use super::{compare, file_beside, file_in, has_trail, read, Seal, SealCheck};
use crate::error::{Error, Result};
use crate::store::{backup, key, Store};

/// What one comparison found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum SealStatus {
    /// The trail still holds the sealed entry, unchanged.
    Fits,
    /// Entries the seal counted are gone from the end of the trail.
    Shorter,
    /// The sealed entry is not the same any more: the trail was rewritten.
    Differs,
    /// The seal is of the trail before a backup was put back (recorded in
    /// the trail): the entries of then are in the backup made before it.
    BeforeRestore,
    /// No seal could be read from this place (a backup that does not open
    /// with the store's passphrase, a damaged seal file).
    Skipped,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SealFinding {
    /// Where the seal was found, in Dutch ("de back-up ...").
    pub source: String,
    pub seal: Option<Seal>,
    pub status: SealStatus,
    /// Dutch, for people: what was compared and what it showed.
    pub message: String,
}

impl SealFinding {
    /// The trail is shorter than, or differs from, this seal.
    pub fn is_failure(&self) -> bool {
        matches!(self.status, SealStatus::Shorter | SealStatus::Differs)
    }
}

/// Compares the store's trail with the seal in the file `given` (when a
/// person brings one; it must be readable) and with every seal found
/// beside the store: the seal file, its copy in the backups folder, the
/// newest export-log line with a seal, and every backup's own trail.
pub fn check_all(store: &Store, given: Option<&Path>) -> Result<Vec<SealFinding>> {
    let conn = store.conn();
    let restored = last_restore(conn)?;
    let mut findings = Vec::new();
    if let Some(path) = given {
        let seal = read(path)?.ok_or_else(|| Error::Invalid(format!("Het zegel {} bestaat niet.", path.display())))?;
        // A seal from elsewhere is never excused: after a restore it shows
        // what the restore took out of the trail.
        findings.push(judge(
            conn,
            format!("het opgegeven zegel ({})", path.display()),
            seal,
            restored.as_deref(),
            true,
        )?);
    }
    let files = [
        ("het zegelbestand naast de opslag", file_beside(store.path())),
        ("het zegelbestand in de back-upmap", file_in(&store.backup_dir(), store.path())),
    ];
    for (what, path) in files {
        let source = format!("{what} ({})", path.display());
        match read(&path) {
            Ok(Some(seal)) => findings.push(judge(conn, source, seal, restored.as_deref(), false)?),
            Ok(None) => {}
            Err(err) => findings.push(skipped(source, err.to_string())),
        }
    }
    if let Some((source, seal)) = export_seal(conn)? {
        findings.push(judge(conn, source, seal, restored.as_deref(), false)?);
    }
    for file in backup::list(&store.backup_dir())? {
        let name = file.path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        let source = format!("de back-up {name}");
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let head = key::open_keyed(&file.path, flags, store.passphrase()).and_then(|c| super::head_of(&c));
        match head {
            Ok((entries, head_hash)) => {
                let sealed_at = crate::store::timestamp(file.taken_at.and_utc());
                let seal = Seal { entries, head_hash, sealed_at, store: name };
                findings.push(judge(conn, source, seal, restored.as_deref(), false)?);
            }
            Err(Error::Locked(_)) => findings.push(skipped(
                source,
                format!(
                    "De back-up {name} is overgeslagen: hij gaat niet open met de wachtwoordzin van de opslag (een back-up van vóór een nieuwe wachtwoordzin?)."
                ),
            )),
            Err(err) => findings.push(skipped(source, format!("De back-up {name} is overgeslagen: {err}"))),
        }
    }
    Ok(findings)
}

fn judge(conn: &Connection, source: String, seal: Seal, restored: Option<&str>, strict: bool) -> Result<SealFinding> {
    let check = compare(conn, &seal)?;
    let (n, when) = (seal.entries, &seal.sealed_at);
    // `at` and `sealed_at` are both `jjjj-mm-ddTuu:mm:ssZ`: as text they sort as time.
    let restore_after = restored.filter(|r| *r >= when.as_str());
    let (status, mut message) = match check {
        SealCheck::Fits => (SealStatus::Fits, format!("Klopt met {source}: {n} regels, verzegeld op {when}.")),
        _ if !strict && restore_after.is_some() => (
            SealStatus::BeforeRestore,
            format!(
                "Niet vergeleken met {source} ({n} regels, verzegeld op {when}): dat is van vóór het terugzetten van een back-up op {}; de regels van toen staan in de back-up van vóór het terugzetten.",
                restore_after.unwrap_or_default()
            ),
        ),
        SealCheck::Shorter { trail_entries } => (
            SealStatus::Shorter,
            format!(
                "Het logboek is korter dan {source}: dat zegel telt {n} regels (verzegeld op {when}), het logboek nog {trail_entries}. Er zijn regels van het eind verwijderd."
            ),
        ),
        SealCheck::Differs => (
            SealStatus::Differs,
            format!(
                "Het logboek wijkt af van {source}: regel {n} (verzegeld op {when}) is niet meer dezelfde. Het logboek is herschreven."
            ),
        ),
    };
    if let (true, Some(at)) = (strict && status != SealStatus::Fits, restore_after) {
        message.push_str(&format!(
            " Na dit zegel is op {at} een back-up teruggezet: de regels van daarna staan in de back-up van vóór het terugzetten. Maak na een terugzetting een nieuw zegel."
        ));
    }
    Ok(SealFinding { source, seal: Some(seal), status, message })
}

fn skipped(source: String, message: String) -> SealFinding {
    SealFinding { source, seal: None, status: SealStatus::Skipped, message }
}

/// When a backup was last put back, as the trail records it.
fn last_restore(conn: &Connection) -> Result<Option<String>> {
    if !has_trail(conn)? {
        return Ok(None);
    }
    Ok(conn
        .query_row(
            "SELECT at FROM audit_entry WHERE action = ?1 ORDER BY id DESC LIMIT 1",
            [crate::audit::AuditAction::Restore.code()],
            |r| r.get(0),
        )
        .optional()?)
}

/// The seal of the newest export-log line that has one.
fn export_seal(conn: &Connection) -> Result<Option<(String, Seal)>> {
    let row: Option<(i64, String, String, i64, String)> = conn
        .query_row(
            "SELECT id, file_name, exported_at, audit_entries, audit_head FROM export_log
             WHERE audit_head IS NOT NULL ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    Ok(row.map(|(id, file, at, entries, head_hash)| {
        let source = format!("het zegel in het exportlog (export {id}, {file})");
        (source, Seal { entries, head_hash, sealed_at: at, store: String::new() })
    }))
}
