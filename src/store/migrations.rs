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
];

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
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migration (
            version INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            checksum TEXT NOT NULL,
            applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
        );",
    )?;
    for migration in MIGRATIONS {
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
            None => {
                let tx = conn.transaction()?;
                tx.execute_batch(migration.sql)?;
                tx.execute(
                    "INSERT INTO schema_migration (version, name, checksum) VALUES (?1, ?2, ?3)",
                    params![migration.version, migration.name, expected],
                )?;
                tx.commit()?;
            }
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

/// The checksums recorded in a store, oldest first.
pub fn applied_checksums(conn: &Connection) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare("SELECT version, checksum FROM schema_migration ORDER BY version")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Released migrations and the checksum of their text. When this test
    /// fails, a released migration was edited: undo that and add a new one.
    const RELEASED: &[(i64, &str)] = &[
        (1, "b64da2c0eb01a08ba40e4a0fc8d198589b934110d9c2f1dad1f4a76d6a0a3e6f"),
        (2, "627a13590548d887d82187ea8bc1dc1781646360beaa86993301558b5bb70d53"),
        (3, "72190206b39b7e1f00a04e4e0032674bfa50c57295b0efff7e5965f34544ea2e"),
        (4, "49c5abc6060e221270158172fbaf99462fd77c7a642bde4606528e6462b12b53"),
        (5, "fb874084f58011a64063fb19d4bbd33aa736468a8bcb35917f8b44ea7e3ed4ad"),
        (6, "d9e3a3cb43f911fb72f3031b85b47dba1b61b35f98bffb5c14a2409cc3716586"),
        (7, "cf55d58d582b281a2cd27d08e72ad99a418c905914da14433b59a99e74b9cc92"),
        (8, "92c785c5c505a771cc5c371470fbede518f08fdab6ed9de2cb47d4a2e9e997f2"),
        (9, "05189e2addb431085f922be4c59e2023014541b47f0eb95bc71215840416efb5"),
        (10, "5dae119a08370eae2807210cc75c9bf3fa6b054c8cddee3c9a9f1545e03fa138"),
        (11, "e2109cfebaeb274c9ab2132e8f1842944510c76d459f387fc4a0ff5ea33f6d2a"),
        (12, "d8141e66cd73e8e133c78ce67409eb721a4338be9138e2900dc23a249d0509ca"),
        (13, "ad2c5182b1c9b706f716cc2197f9dc00a525e601f1ec1eb254235c8dab67384b"),
    ];

    #[test]
    fn released_migrations_are_never_edited() {
        for (version, expected) in RELEASED {
            let migration = MIGRATIONS.iter().find(|m| m.version == *version);
            let found = migration.map(|m| checksum(m.sql));
            assert_eq!(found.as_deref(), Some(*expected), "migration {version} changed after release");
        }
    }

    #[test]
    fn versions_are_ordered_without_gaps() {
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(m.version, i as i64 + 1, "migration {} out of order", m.name);
        }
    }
}
