//! The store: one SQLite file, opened the same way by the app, the CLI and the tests.

pub mod backup;
pub mod files;
pub mod health;
pub mod key;
mod migrations;
pub mod offsite;
pub mod recovery;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use crate::error::{Error, Result};

pub use key::{file_state, FileState, Passphrase, PASSPHRASE_FILE_ENV};
pub use migrations::{applied_checksums, checksum, MIGRATIONS};

/// Environment variable that overrides the default store file (app and CLI).
pub const DB_ENV: &str = "RESPIJT_DB";

/// Where the store lives when nobody says otherwise: the OS app-data
/// directory under the app's identifier, the same folder Tauri's
/// `app_data_dir()` gives the desktop app.
pub fn default_path() -> Result<PathBuf> {
    let base = dirs::data_dir().ok_or_else(|| {
        Error::Invalid("Er is geen map voor app-gegevens gevonden; geef een bestand op met RESPIJT_DB.".into())
    })?;
    Ok(base.join(crate::APP_IDENTIFIER).join("respijtregie.db"))
}

/// The store file to use: an explicit path, else `RESPIJT_DB` (which the
/// caller, an edge, reads from the environment), else the default.
pub fn resolve_path(explicit: Option<&Path>, env_db: Option<std::ffi::OsString>) -> Result<PathBuf> {
    if let Some(path) = explicit {
        return Ok(path.to_path_buf());
    }
    match env_db {
        Some(value) if !value.is_empty() => Ok(PathBuf::from(value)),
        _ => default_path(),
    }
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
    passphrase: Passphrase,
    /// Who signed in, when the store has users.
    user: Option<crate::access::User>,
    /// The store has users: nothing is allowed before signing in.
    users_required: bool,
}

impl Store {
    /// Opens (or creates) the encrypted store with its passphrase and runs
    /// pending migrations; `bootstrap::ready` seeds what a new store needs.
    /// A missing file becomes a new store with this passphrase; a wrong
    /// passphrase is `Error::Locked`; a plain store from before encryption
    /// is refused until it is encrypted (`key::encrypt_plain_file`).
    pub fn open(path: &Path, passphrase: &Passphrase) -> Result<Store> {
        if file_state(path)? == FileState::Plain {
            return Err(Error::Invalid(format!(
                "De opslag {} is nog niet versleuteld. Versleutel hem eerst: in de app bij het openen, of met `respijt encrypt`.",
                path.display()
            )));
        }
        Store::open_with(path, passphrase)
    }

    /// Opens a plain (unencrypted) store file. The app and the CLI never do:
    /// it exists for the benchmark, which compares encrypted with plain, and
    /// for tests of `key::encrypt_plain_file`.
    pub fn open_plain(path: &Path) -> Result<Store> {
        if file_state(path)? == FileState::Encrypted {
            return Err(key::wrong_passphrase());
        }
        Store::open_with(path, &Passphrase::none())
    }

    fn open_with(path: &Path, passphrase: &Passphrase) -> Result<Store> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)?;
        }
        let mut conn = key::open_keyed(path, OpenFlags::default(), passphrase)?;
        configure(&conn)?;
        // A store made by an earlier version is saved before it is changed.
        if migrations::pending_on_existing(&conn)? {
            let dir = backup::backup_dir(path);
            backup::create(&conn, &dir, backup::BackupKind::BeforeMigration, passphrase, backup_time())?;
            backup::rotate(&dir)?;
        }
        migrations::migrate(&mut conn)?;
        // Nobody named yet: the app and the CLI say who acts once they know.
        crate::audit::set_actor(&conn, "onbekend", "")?;
        let users_required = crate::access::users_exist(&conn)?;
        Ok(Store { conn, path: path.to_path_buf(), passphrase: passphrase.clone(), user: None, users_required })
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Where this store's backups go: `backups` beside the store file.
    pub fn backup_dir(&self) -> PathBuf {
        backup::backup_dir(&self.path)
    }

    /// The signed-in user, if the store has users and someone signed in.
    pub fn user(&self) -> Option<&crate::access::User> {
        self.user.as_ref()
    }

    /// Whether the store has users of its own (then everyone signs in, and
    /// the role of who signed in says whose work this is).
    pub fn has_users(&self) -> bool {
        self.users_required
    }

    /// Whether someone must sign in before anything else.
    pub fn sign_in_required(&self) -> bool {
        self.users_required && self.user.is_none()
    }

    /// Signs a user in: from now on the role decides, and the audit trail names them.
    pub fn sign_in(&mut self, name: &str, password: &str) -> Result<crate::access::User> {
        let user = crate::access::login(&self.conn, name, password)?;
        crate::audit::set_actor(&self.conn, &user.name, "")?;
        self.user = Some(user.clone());
        Ok(user)
    }

    /// The command line: whoever has the passphrase can read the whole file
    /// anyway, so the CLI acts with the director's rights, under its own
    /// name in the audit trail. The app never calls this.
    pub fn act_as_passphrase_holder(&mut self, name: &str) -> Result<()> {
        crate::audit::set_actor(&self.conn, name, "")?;
        self.user = Some(crate::access::User {
            id: 0,
            name: name.to_string(),
            role: crate::access::Role::Director,
            role_label: crate::access::Role::Director.label().to_string(),
            disabled: false,
        });
        Ok(())
    }

    /// After users were added or disabled: whether signing in is needed.
    pub fn refresh_users(&mut self) -> Result<()> {
        self.users_required = crate::access::users_exist(&self.conn)?;
        Ok(())
    }

    /// Allowed for whoever is here? Without users everything is (one
    /// person's store); with users only after signing in, by role.
    pub fn require(&self, area: crate::access::Area) -> Result<()> {
        match &self.user {
            Some(user) if crate::access::allows(user.role, area) => Ok(()),
            Some(user) => Err(crate::access::forbidden(user.role, area)),
            None if self.users_required => Err(Error::Locked("Meld u eerst aan.".into())),
            None => Ok(()),
        }
    }

    /// A dossier: the register, and for a consultant only their own caseload.
    pub fn require_caregiver(&self, caregiver_id: i64) -> Result<()> {
        self.require(crate::access::Area::Register)?;
        if let Some(user) = &self.user {
            if user.role == crate::access::Role::Consultant
                && !crate::access::in_caseload(&self.conn, user.id, caregiver_id)?
            {
                return Err(Error::Forbidden("Dit dossier hoort niet bij uw cliënten.".into()));
            }
        }
        Ok(())
    }

    /// The areas the current user may use (all without users).
    pub fn allowed_areas(&self) -> Vec<crate::access::Area> {
        crate::access::Area::ALL.into_iter().filter(|a| self.require(*a).is_ok()).collect()
    }

    /// The passphrase the store opened with (its backups get the same).
    pub fn passphrase(&self) -> &Passphrase {
        &self.passphrase
    }

    /// A backup of this store now, then the rotation.
    pub fn backup(&self, kind: backup::BackupKind, now: chrono::DateTime<chrono::Utc>) -> Result<backup::BackupFile> {
        let made = backup::create(&self.conn, &self.backup_dir(), kind, &self.passphrase, now)?;
        backup::rotate(&self.backup_dir())?;
        Ok(made)
    }

    /// A backup of this store into `dir` (a chosen folder), with the recovery file.
    pub fn backup_into(&self, dir: &Path, now: chrono::DateTime<chrono::Utc>) -> Result<backup::BackupFile> {
        let never = std::sync::atomic::AtomicBool::new(false);
        offsite::backup_into(&self.conn, &self.path, dir, &self.passphrase, now, &never)
    }

    /// Puts a backup back (see `backup::restore`); the backup opens with
    /// `backup_passphrase`, the store keeps its own.
    pub fn restore(
        &mut self,
        file: &Path,
        backup_passphrase: &Passphrase,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<backup::BackupFile> {
        let dir = self.backup_dir();
        // Into the restored trail, in the same step as the restore: the trail
        // from before is in the safety backup.
        let name = file.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        let actor = crate::audit::acting(&self.conn)?;
        let safety = backup::restore(&mut self.conn, &dir, file, backup_passphrase, &self.passphrase, now, |staged| {
            crate::audit::set_actor(staged, &actor, "")?;
            crate::audit::record(staged, crate::audit::AuditAction::Restore, None, &name, now)
        })?;
        // The seal files follow the restored trail; seals from before say so in `audit verify`.
        crate::audit::seal::write_beside(&self.conn, &self.path, now)?;
        Ok(safety)
    }

    /// Changes the passphrase: SQLCipher re-encrypts every page with the new
    /// key in one transaction, the change goes into the audit trail, and the
    /// WAL is folded back so no page under the old key stays behind. Backups
    /// made before keep the old one.
    /// With a recovery key, the new passphrase is sealed to it first.
    pub fn change_passphrase(
        &mut self,
        current: &Passphrase,
        new: &Passphrase,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<()> {
        if current.as_typed() != self.passphrase.as_typed() {
            return Err(key::wrong_passphrase());
        }
        recovery::remember(&self.conn, &self.path, new, now)?;
        self.conn.pragma_update(None, "rekey", new.as_typed())?;
        self.passphrase = new.clone();
        // Logged right after the re-key, before the checkpoint (which rewrites
        // the whole file): a process killed during the checkpoint used to
        // leave a changed passphrase that the audit trail did not know of.
        // The re-key commits on its own, so a moment without the line remains.
        crate::audit::record(&self.conn, crate::audit::AuditAction::PassphraseChanged, None, "", now)?;
        self.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
        // Every backup so far opens with the old passphrase only: one under
        // the new one at once, so that a damaged store can be put right with
        // the passphrase in use. The change itself is done; a backup that
        // fails (a full disk) does not undo it: the change is still reported
        // as done, and the next day's backup is under the new passphrase.
        let _ = self.backup(backup::BackupKind::Daily, now);
        Ok(())
    }
}

/// The time a backup before a migration is named after: the clock, read here
/// because opening a store takes no "now" (the only place the core reads it).
#[allow(clippy::disallowed_methods)]
fn backup_time() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

/// All of a change or none of it: a savepoint that is released by `commit`
/// and rolled back when dropped without (an early `?` return). It derefs to
/// the connection, so the change is written through it. Unlike a plain
/// transaction it nests inside a caller's transaction, whose own outcome
/// then decides the rest.
pub struct Atomic<'c> {
    conn: &'c Connection,
    name: &'static str,
    done: bool,
}

/// Starts an `Atomic` change named `name` (an SQL identifier).
pub fn atomic<'c>(conn: &'c Connection, name: &'static str) -> Result<Atomic<'c>> {
    conn.execute_batch(&format!("SAVEPOINT {name}"))?;
    Ok(Atomic { conn, name, done: false })
}

impl Atomic<'_> {
    pub fn commit(mut self) -> Result<()> {
        self.done = true;
        self.conn.execute_batch(&format!("RELEASE {}", self.name))?;
        Ok(())
    }
}

impl std::ops::Deref for Atomic<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        self.conn
    }
}

impl Drop for Atomic<'_> {
    fn drop(&mut self) {
        if !self.done {
            let _ = self.conn.execute_batch(&format!("ROLLBACK TO {0}; RELEASE {0}", self.name));
        }
    }
}

/// Runs `f` inside a savepoint: all of its writes or none. Nests in a
/// caller's transaction, whose own outcome decides the rest.
pub fn in_savepoint<T>(conn: &Connection, name: &str, f: impl FnOnce() -> Result<T>) -> Result<T> {
    conn.execute_batch(&format!("SAVEPOINT {name}"))?;
    match f() {
        Ok(value) => {
            conn.execute_batch(&format!("RELEASE {name}"))?;
            Ok(value)
        }
        Err(err) => {
            let _ = conn.execute_batch(&format!("ROLLBACK TO {name}; RELEASE {name}"));
            Err(err)
        }
    }
}

/// Connection setup, in one place: every connection to the store gets these.
fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    // WAL keeps readers and the one writer apart and survives a killed process;
    // NORMAL is durable in WAL mode except for the last commit on power loss.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    // A region's store (a million sessions and their ledger over five years)
    // does not fit the default 2 MB page cache. Encrypted, every page read
    // from disk is decrypted and its MAC checked again, so a page kept in
    // the cache is worth more: 256 MB brought the year's allocation from
    // 2.3 to 1.6 s and a quarter's CSV export from 0.85 to 0.42 s (bench).
    conn.pragma_update(None, "cache_size", -262_144)?;
    conn.set_prepared_statement_cache_capacity(64);
    Ok(())
}

/// A moment as the store writes it (`created_at`, `updated_at`, ...): UTC,
/// to the second, `2026-11-23T10:00:00Z`.
pub(crate) fn timestamp(now: chrono::DateTime<chrono::Utc>) -> String {
    now.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// `jjjj-mm-dd` as the store writes it, without the general date parser:
/// a year has about 200,000 of them to read.
pub fn iso_date(text: &str) -> Option<chrono::NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |range: std::ops::Range<usize>| -> Option<u32> {
        b[range].iter().try_fold(0u32, |n, c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    chrono::NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

/// This store's own id: made once (by migration 17, or here for a store that
/// somehow lacks it), kept in backups and restores, and put in the UIDs of
/// its calendar files so they are unique across stores.
pub fn store_id(conn: &Connection) -> Result<String> {
    let existing: Option<String> =
        conn.query_row("SELECT value FROM setting WHERE key = 'store_id'", [], |r| r.get(0)).optional()?;
    if let Some(id) = existing {
        return Ok(id);
    }
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes)
        .map_err(|e| Error::Invalid(format!("Het systeem gaf geen willekeurige getallen: {e}")))?;
    let id: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    conn.execute("INSERT INTO setting (key, value) VALUES ('store_id', ?1)", [&id])?;
    Ok(id)
}
