//! Embedded, ordered migrations. A released migration is never edited: add a
//! new one. The checksum of every applied migration is stored, and opening a
//! store whose history differs from this binary's is refused.

use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

pub struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
}

pub const MIGRATIONS: &[Migration] = &[
    Migration { version: 1, name: "register", sql: include_str!("migrations/0001_register.sql") },
    Migration { version: 2, name: "intake", sql: include_str!("migrations/0002_intake.sql") },
    Migration { version: 3, name: "planning", sql: include_str!("migrations/0003_planning.sql") },
    Migration { version: 4, name: "funding", sql: include_str!("migrations/0004_funding.sql") },
    Migration { version: 5, name: "export", sql: include_str!("migrations/0005_export.sql") },
    Migration { version: 6, name: "review_index", sql: include_str!("migrations/0006_review_index.sql") },
    Migration { version: 7, name: "ledger_indexes", sql: include_str!("migrations/0007_ledger_indexes.sql") },
    Migration { version: 8, name: "planned_total", sql: include_str!("migrations/0008_planned_total.sql") },
    Migration { version: 9, name: "session_by_date", sql: include_str!("migrations/0009_session_by_date.sql") },
    Migration { version: 10, name: "audit", sql: include_str!("migrations/0010_audit.sql") },
    Migration { version: 11, name: "retention", sql: include_str!("migrations/0011_retention.sql") },
    Migration { version: 12, name: "users", sql: include_str!("migrations/0012_users.sql") },
    Migration { version: 13, name: "ledger_by_year", sql: include_str!("migrations/0013_ledger_by_year.sql") },
    Migration { version: 14, name: "code_checks", sql: include_str!("migrations/0014_code_checks.sql") },
    Migration { version: 15, name: "recovery", sql: include_str!("migrations/0015_recovery.sql") },
    Migration { version: 16, name: "export_seal", sql: include_str!("migrations/0016_export_seal.sql") },
    Migration { version: 17, name: "calendar_sent", sql: include_str!("migrations/0017_calendar_sent.sql") },
    Migration { version: 18, name: "search_rank", sql: include_str!("migrations/0018_search_rank.sql") },
    Migration { version: 19, name: "helpers", sql: include_str!("migrations/0019_helpers.sql") },
    Migration { version: 20, name: "session_change", sql: include_str!("migrations/0020_session_change.sql") },
    Migration { version: 21, name: "consent", sql: include_str!("migrations/0021_consent.sql") },
    Migration { version: 22, name: "requests", sql: include_str!("migrations/0022_requests.sql") },
    Migration {
        version: 23,
        name: "insurers_and_scheme_versions",
        sql: include_str!("migrations/0023_insurers_and_scheme_versions.sql"),
    },
];

/// Migrations that rebuild tables other tables refer to (SQLite adds a
/// CHECK to a column only so: a new table, the rows copied, the old one
/// dropped, the new one renamed). They run as SQLite's procedure for such
/// changes says: with foreign keys off, since dropping a referenced table
/// with them on deletes its rows first and so breaks every reference to
/// it (deferring the check does not help: the count of broken references
/// stays when the new table takes the name), and with the references
/// checked before the transaction commits. `PRAGMA foreign_keys` does
/// nothing inside a transaction, so the migration's SQL cannot do this.
const REBUILDS: &[i64] = &[14];

pub fn checksum(sql: &str) -> String {
    Sha256::digest(sql.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether this is a store made by an earlier version: it has applied
/// migrations, and this version has more.
pub(super) fn pending_on_existing(conn: &Connection) -> Result<bool> {
    let has_table: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migration')",
        [],
        |r| r.get(0),
    )?;
    if !has_table {
        return Ok(false);
    }
    let applied: i64 = conn.query_row("SELECT COUNT(*) FROM schema_migration", [], |r| r.get(0))?;
    Ok(applied > 0 && (applied as usize) < MIGRATIONS.len())
}

pub(super) fn migrate(conn: &mut Connection) -> Result<()> {
    migrate_to(conn, i64::MAX)
}

/// The migrations up to and including version `last` (a test of one
/// migration looks at the store right after it).
fn migrate_to(conn: &mut Connection, last: i64) -> Result<()> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migration (
            version INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            checksum TEXT NOT NULL,
            applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
        );",
    )?;
    for migration in MIGRATIONS.iter().take_while(|m| m.version <= last) {
        let applied: Option<String> = conn
            .query_row("SELECT checksum FROM schema_migration WHERE version = ?1", [migration.version], |r| r.get(0))
            .optional()?;
        let expected = checksum(migration.sql);
        match applied {
            Some(found) if found == expected => continue,
            Some(_) => {
                return Err(Error::Invalid(format!(
                    "De opslag is bijgewerkt met een andere versie van migratie {} ({}). Gebruik de versie van Respijtregie die bij deze opslag hoort.",
                    migration.version, migration.name
                )))
            }
            None if REBUILDS.contains(&migration.version) => {
                let enforced: bool = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
                conn.pragma_update(None, "foreign_keys", false)?;
                let applied = apply(conn, migration, &expected, true);
                conn.pragma_update(None, "foreign_keys", enforced)?;
                applied?;
            }
            None => apply(conn, migration, &expected, false)?,
        }
    }
    let newest_known = MIGRATIONS.last().map_or(0, |m| m.version);
    let newest_applied: i64 =
        conn.query_row("SELECT COALESCE(MAX(version), 0) FROM schema_migration", [], |r| r.get(0))?;
    if newest_applied > newest_known {
        return Err(Error::Invalid(
            "Deze opslag is gemaakt met een nieuwere versie van Respijtregie. Werk de app bij.".into(),
        ));
    }
    Ok(())
}

/// One migration in one transaction, recorded with its checksum.
fn apply(conn: &mut Connection, migration: &Migration, checksum: &str, check_references: bool) -> Result<()> {
    let tx = conn.transaction()?;
    tx.execute_batch(migration.sql)?;
    if check_references {
        let broken: Option<(String, i64, String)> = tx
            .query_row("SELECT \"table\", rowid, parent FROM pragma_foreign_key_check", [], |r| {
                Ok((r.get(0)?, r.get::<_, Option<i64>>(1)?.unwrap_or(0), r.get(2)?))
            })
            .optional()?;
        if let Some((table, row, parent)) = broken {
            return Err(Error::Invalid(format!(
                "Migratie {} ({}) is niet uitgevoerd: rij {row} van {table} verwijst naar een {parent} die er niet is. \
                 De opslag is niet gewijzigd.",
                migration.version, migration.name
            )));
        }
    }
    tx.execute(
        "INSERT INTO schema_migration (version, name, checksum) VALUES (?1, ?2, ?3)",
        params![migration.version, migration.name, checksum],
    )?;
    tx.commit()?;
    Ok(())
}

/// The checksums recorded in a store, oldest first.
pub fn applied_checksums(conn: &Connection) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare("SELECT version, checksum FROM schema_migration ORDER BY version")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests;
