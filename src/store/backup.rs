//! Backups of the store: consistent copies made with SQLite's online backup
//! API (safe while the app has the store open), in a `backups` folder beside
//! the store. A daily one when the app starts (if there is none of that day
//! yet), one before every migration and before every restore, and any number
//! by hand. Daily ones are rotated: the newest of each of the last 7 days
//! with a backup, then the newest of each of the 4 weeks before; of the
//! backups before a migration or a restore the 3 newest are kept; backups
//! made by hand are never removed.
//!
//! A restore first checks the backup (`PRAGMA integrity_check`, a store of
//! this app, not from a newer version), then saves the current store as a
//! backup, and only then copies the backup in, page by page, inside SQLite's
//! own locking.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Timelike, Utc};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use ts_rs::TS;

use super::key::{open_keyed, Passphrase};
use crate::error::{Error, Result};

crate::codes::codes! {
    /// Why a backup was made.
    BackupKind / "het soort back-up" {
        Daily = "dagelijks" / "Dagelijks",
        BeforeMigration = "voor-migratie" / "Voor een update van de opslag",
        BeforeRestore = "voor-herstel" / "Voor het terugzetten van een back-up",
        Manual = "handmatig" / "Met de hand",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct BackupFile {
    #[ts(type = "string")]
    pub path: PathBuf,
    /// When it was made (UTC), from its name.
    #[ts(type = "string")]
    pub taken_at: NaiveDateTime,
    pub kind: BackupKind,
    /// Dutch, for people.
    pub kind_label: String,
    pub bytes: u64,
}

/// The backups folder of a store file.
pub fn backup_dir(store_path: &Path) -> PathBuf {
    store_path.parent().unwrap_or(Path::new(".")).join("backups")
}

fn file_name(taken_at: NaiveDateTime, kind: BackupKind) -> String {
    format!("respijtregie-{}-{}.db", taken_at.format("%Y%m%d-%H%M%S"), kind.code())
}

fn parse_name(name: &str) -> Option<(NaiveDateTime, BackupKind)> {
    let rest = name.strip_prefix("respijtregie-")?.strip_suffix(".db")?;
    let stamp = rest.get(..15)?;
    let kind = BackupKind::from_code(rest.get(16..)?)?;
    Some((NaiveDateTime::parse_from_str(stamp, "%Y%m%d-%H%M%S").ok()?, kind))
}

/// Makes a backup of the store behind `conn` in `dir`. Written under a
/// temporary name and checked before it gets its real name, so a crash
/// never leaves half a backup that looks whole.
/// The backup is encrypted with `passphrase`, the store's own.
pub fn create(
    conn: &Connection,
    dir: &Path,
    kind: BackupKind,
    passphrase: &Passphrase,
    now: DateTime<Utc>,
) -> Result<BackupFile> {
    create_unless(conn, dir, kind, passphrase, now, &AtomicBool::new(false))
}

/// Pages copied per step: a region's store is copied in steps, so that a
/// closing app can stop a backup between two of them.
const PAGES_PER_STEP: std::ffi::c_int = 4096;

/// `create`, stopped (and its partial file removed) as soon as `stop` is
/// set: the app sets it when it closes, so a backup that was still being
/// written leaves nothing behind.
pub fn create_unless(
    conn: &Connection,
    dir: &Path,
    kind: BackupKind,
    passphrase: &Passphrase,
    now: DateTime<Utc>,
    stop: &AtomicBool,
) -> Result<BackupFile> {
    std::fs::create_dir_all(dir)?;
    remove_stale_partials(dir);
    let mut taken_at = now.naive_utc().with_nanosecond(0).unwrap_or(now.naive_utc());
    // Two backups in one second (tests, a restore right after a backup): the next free second.
    while dir.join(file_name(taken_at, kind)).exists() {
        taken_at += chrono::Duration::seconds(1);
    }
    let path = dir.join(file_name(taken_at, kind));
    let partial = path.with_extension("deel");
    let _ = std::fs::remove_file(&partial);
    let copied = copy_pages(conn, &partial, passphrase, stop);
    if let Err(err) = copied.and_then(|()| verify(&partial, passphrase)) {
        let _ = std::fs::remove_file(&partial);
        return Err(err);
    }
    std::fs::rename(&partial, &path)?;
    crate::audit::seal::after_backup(conn, dir, now)?;
    let bytes = std::fs::metadata(&path)?.len();
    Ok(BackupFile { path, taken_at, kind, kind_label: kind.label().to_string(), bytes })
}

fn copy_pages(conn: &Connection, partial: &Path, passphrase: &Passphrase, stop: &AtomicBool) -> Result<()> {
    let mut target = open_keyed(partial, OpenFlags::default(), passphrase)?;
    {
        let backup = rusqlite::backup::Backup::new(conn, &mut target)?;
        loop {
            if stop.load(Ordering::Relaxed) {
                return Err(Error::Invalid("De back-up is afgebroken: de app werd gesloten.".into()));
            }
            match backup.step(PAGES_PER_STEP)? {
                rusqlite::backup::StepResult::Done => break,
                // Someone else holds a lock for a moment: try the step again.
                rusqlite::backup::StepResult::Busy | rusqlite::backup::StepResult::Locked => {
                    std::thread::sleep(std::time::Duration::from_millis(20))
                }
                _ => {}
            }
        }
    }
    // One self-contained file: the copy would otherwise carry the store's WAL mode.
    target.pragma_update(None, "journal_mode", "DELETE")?;
    Ok(())
}

/// Partial backups left by a process that was killed while writing one
/// (`*.deel`, older than a minute: not one being written now).
fn remove_stale_partials(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > std::time::Duration::from_secs(60));
        if old && path.extension().is_some_and(|e| e == "deel") {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// The backups in `dir`, newest first. Files that are not backups are left out.
pub fn list(dir: &Path) -> Result<Vec<BackupFile>> {
    let mut files = Vec::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(files),
        Err(err) => return Err(err.into()),
    };
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().to_string();
        if let Some((taken_at, kind)) = parse_name(&name) {
            files.push(BackupFile {
                path: entry.path(),
                taken_at,
                kind,
                kind_label: kind.label().to_string(),
                bytes: entry.metadata()?.len(),
            });
        }
    }
    files.sort_by(|a, b| b.taken_at.cmp(&a.taken_at).then_with(|| b.path.cmp(&a.path)));
    Ok(files)
}

/// Which backups the rotation removes (pure: the caller deletes them).
pub fn to_remove(files: &[BackupFile]) -> Vec<PathBuf> {
    let mut newest_first: Vec<&BackupFile> = files.iter().collect();
    newest_first.sort_by_key(|f| std::cmp::Reverse(f.taken_at));
    let mut keep_days: Vec<NaiveDate> = Vec::new();
    let mut keep_weeks: Vec<(i32, u32)> = Vec::new();
    let mut kept_of: std::collections::HashMap<BackupKind, usize> = std::collections::HashMap::new();
    let mut remove = Vec::new();
    for file in newest_first {
        let keep = match file.kind {
            BackupKind::Manual => true,
            BackupKind::BeforeMigration | BackupKind::BeforeRestore => {
                let kept = kept_of.entry(file.kind).or_default();
                *kept += 1;
                *kept <= 3
            }
            BackupKind::Daily => {
                let day = file.taken_at.date();
                let week = (day.iso_week().year(), day.iso_week().week());
                if keep_days.contains(&day) {
                    false // an older one of a day already kept
                } else if keep_days.len() < 7 {
                    keep_days.push(day);
                    true
                } else if keep_days.iter().any(|d| (d.iso_week().year(), d.iso_week().week()) == week)
                    || keep_weeks.contains(&week)
                {
                    false
                } else if keep_weeks.len() < 4 {
                    keep_weeks.push(week);
                    true
                } else {
                    false
                }
            }
        };
        if !keep {
            remove.push(file.path.clone());
        }
    }
    remove
}

/// Applies the rotation in `dir`; returns what was removed.
pub fn rotate(dir: &Path) -> Result<Vec<PathBuf>> {
    let remove = to_remove(&list(dir)?);
    for path in &remove {
        std::fs::remove_file(path)?;
    }
    Ok(remove)
}

/// Whether `dir` has no daily backup of today yet.
pub fn daily_due(dir: &Path, now: DateTime<Utc>) -> Result<bool> {
    let today = now.date_naive();
    Ok(!list(dir)?.iter().any(|f| f.kind == BackupKind::Daily && f.taken_at.date() == today))
}

/// Checks that a file is a whole store of this app: SQLite's integrity
/// check passes, it has the app's migrations and none newer than this
/// version knows. It must open with `passphrase`.
pub fn verify(path: &Path, passphrase: &Passphrase) -> Result<()> {
    let refuse = |why: String| Error::Invalid(format!("De back-up {} is niet bruikbaar: {why}", path.display()));
    let conn = open_keyed(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX, passphrase)
        .map_err(|e| match e {
            Error::Locked(_) => Error::Locked(format!(
                "De back-up {} is niet bruikbaar: hij gaat niet open met deze wachtwoordzin (of is geen back-up van Respijtregie). Een back-up van voor het wijzigen van de wachtwoordzin opent met de vorige.",
                path.display()
            )),
            other => refuse(format!("het bestand gaat niet open ({other}).")),
        })?;
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| refuse(format!("het is geen (gave) SQLite-opslag ({e}).")))?;
    if check != "ok" {
        return Err(refuse(format!("de controle vond fouten ({check}).")));
    }
    let newest: i64 = conn
        .query_row("SELECT COALESCE(MAX(version), 0) FROM schema_migration", [], |r| r.get(0))
        .map_err(|_| refuse("het is geen opslag van Respijtregie.".into()))?;
    let known = super::MIGRATIONS.last().map_or(0, |m| m.version);
    if newest > known {
        return Err(refuse("hij is gemaakt met een nieuwere versie van Respijtregie.".into()));
    }
    Ok(())
}

/// Puts a backup back: checks it, saves the current store as a
/// `voor-herstel` backup, then copies the backup into the store behind
/// `conn`. Returns the safety backup. On any failure before the copy the
/// store is untouched; the copy itself is one SQLite transaction.
///
/// The backup opens with `backup_passphrase` (the store's passphrase when
/// it was made); the store keeps its own `passphrase`: pages are decrypted
/// from the one and encrypted into the other.
pub fn restore(
    conn: &mut Connection,
    dir: &Path,
    backup: &Path,
    backup_passphrase: &Passphrase,
    passphrase: &Passphrase,
    now: DateTime<Utc>,
    stage: impl FnOnce(&Connection) -> Result<()>,
) -> Result<BackupFile> {
    verify(backup, backup_passphrase)?;
    let safety = create(conn, dir, BackupKind::BeforeRestore, passphrase, now)?;
    // The backup is first copied to a staging file, where `stage` adds what
    // belongs with the restore (its audit line); then that copy goes into
    // the store in one step. A process killed at any moment leaves the
    // store as it was, or restored with its line: never one without the other.
    let staged = dir.join("terugzetten.deel");
    let _ = std::fs::remove_file(&staged);
    let result: Result<()> = (|| {
        let mut staging = open_keyed(&staged, OpenFlags::default(), passphrase)?;
        {
            let source = open_keyed(
                backup,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                backup_passphrase,
            )?;
            rusqlite::backup::Backup::new(&source, &mut staging)?.step(-1)?;
        }
        staging.pragma_update(None, "journal_mode", "DELETE")?;
        stage(&staging)?;
        rusqlite::backup::Backup::new(&staging, conn)?.step(-1)?;
        Ok(())
    })();
    let _ = std::fs::remove_file(&staged);
    result?;
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(Error::Invalid(format!(
            "Na het terugzetten vond de controle fouten ({check}); de vorige stand staat in {}.",
            safety.path.display()
        )));
    }
    rotate(dir)?;
    Ok(safety)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d).and_then(|x| x.and_hms_opt(h, 0, 0)).unwrap_or_default()
    }

    fn file(taken_at: NaiveDateTime, kind: BackupKind) -> BackupFile {
        BackupFile {
            path: PathBuf::from(file_name(taken_at, kind)),
            taken_at,
            kind,
            kind_label: kind.label().to_string(),
            bytes: 0,
        }
    }

    #[test]
    fn names_round_trip() {
        let t = at(2026, 11, 23, 9);
        assert_eq!(parse_name(&file_name(t, BackupKind::BeforeMigration)), Some((t, BackupKind::BeforeMigration)));
        assert_eq!(parse_name("respijtregie.db"), None);
        assert_eq!(parse_name("respijtregie-20261123-090000-onbekend.db"), None);
    }

    #[test]
    fn rotation_keeps_seven_days_four_weeks_three_of_each_other_kind_and_every_manual_one() {
        // Sixty days with two daily backups each (morning and afternoon).
        let first = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap_or_default();
        let mut files = Vec::new();
        for n in 0..60 {
            let day = first + chrono::Days::new(n);
            files.push(file(day.and_hms_opt(8, 0, 0).unwrap_or_default(), BackupKind::Daily));
            files.push(file(day.and_hms_opt(15, 0, 0).unwrap_or_default(), BackupKind::Daily));
        }
        for n in 0..5 {
            files.push(file(at(2026, 10, 1 + n, 12), BackupKind::BeforeMigration));
            files.push(file(at(2026, 9, 1 + n, 12), BackupKind::Manual));
        }
        let remove = to_remove(&files);
        let kept: Vec<&BackupFile> = files.iter().filter(|f| !remove.contains(&f.path)).collect();
        let daily: Vec<NaiveDateTime> =
            kept.iter().filter(|f| f.kind == BackupKind::Daily).map(|f| f.taken_at).collect::<Vec<_>>();
        assert_eq!(daily.len(), 11, "7 days and 4 weeks: {daily:?}");
        let last = first + chrono::Days::new(59);
        for n in 0..7 {
            let day = last - chrono::Days::new(n);
            assert!(daily.contains(&day.and_hms_opt(15, 0, 0).unwrap_or_default()), "the newest of {day}");
        }
        let weeks: std::collections::HashSet<u32> = daily.iter().map(|t| t.date().iso_week().week()).collect();
        let weeks_of_days: std::collections::HashSet<u32> =
            (0..7).map(|n| (last - chrono::Days::new(n)).iso_week().week()).collect();
        assert_eq!(weeks.len(), weeks_of_days.len() + 4, "the weeks of the last seven days, then four more weeks");
        assert_eq!(kept.iter().filter(|f| f.kind == BackupKind::BeforeMigration).count(), 3);
        assert!(kept
            .iter()
            .filter(|f| f.kind == BackupKind::BeforeMigration)
            .all(|f| f.taken_at >= at(2026, 10, 3, 12)));
        assert_eq!(kept.iter().filter(|f| f.kind == BackupKind::Manual).count(), 5);
    }
}
