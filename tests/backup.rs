//! Backups on real store files: made while the store is open, checked,
//! restored (after saving the current state), refused when damaged, and
//! made before a migration changes an older store.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use chrono::Duration;
use respijt::caregiver::{register_caregiver, search_caregivers, RegisterOutcome, SearchOptions};
use respijt::store::backup::{self, BackupKind};
use respijt::{commands, Store};

fn names(store: &Store) -> Vec<String> {
    let found = search_caregivers(store.conn(), &SearchOptions::default()).unwrap();
    let mut names: Vec<String> = found.items.into_iter().map(|c| c.first_name).collect();
    names.sort();
    names
}

fn register(store: &Store, first_name: &str) {
    let mut input = common::ria();
    input.first_name = first_name.into();
    assert!(matches!(
        register_caregiver(store.conn(), &input, true, common::now()).unwrap(),
        RegisterOutcome::Created { .. }
    ));
}

#[test]
fn a_backup_is_a_checked_copy_and_a_restore_puts_it_back_after_saving_the_current_state() {
    let mut t = common::store();
    register(&t.store, "Ria");
    let dir = t.store.backup_dir();
    let made = backup::create(t.store.conn(), &dir, BackupKind::Manual, &common::passphrase(), common::now()).unwrap();
    assert!(made.path.starts_with(t.dir.path()), "beside the store");
    backup::verify(&made.path, &common::passphrase()).unwrap();

    register(&t.store, "Piet");
    assert_eq!(names(&t.store), ["Piet", "Ria"]);
    let later = common::now() + Duration::hours(1);
    let safety = t.store.restore(&made.path, &common::passphrase(), later).unwrap();
    assert_eq!(names(&t.store), ["Ria"], "the store is as it was at the backup");
    assert_eq!(safety.kind, BackupKind::BeforeRestore);

    // The state before the restore was kept, and can itself be put back.
    t.store.restore(&safety.path, &common::passphrase(), later + Duration::hours(1)).unwrap();
    assert_eq!(names(&t.store), ["Piet", "Ria"]);
    let kinds: Vec<BackupKind> = backup::list(&dir).unwrap().into_iter().map(|f| f.kind).collect();
    assert_eq!(kinds, [BackupKind::BeforeRestore, BackupKind::BeforeRestore, BackupKind::Manual], "newest first");
}

#[test]
fn a_damaged_backup_is_refused_and_the_store_is_untouched() {
    let mut t = common::store();
    register(&t.store, "Ria");
    let dir = t.store.backup_dir();
    let made = backup::create(t.store.conn(), &dir, BackupKind::Manual, &common::passphrase(), common::now()).unwrap();
    // Flip bytes in the middle of the file (beyond the header).
    let mut bytes = std::fs::read(&made.path).unwrap();
    let middle = bytes.len() / 2;
    for b in &mut bytes[middle..middle + 4096] {
        *b ^= 0xA5;
    }
    std::fs::write(&made.path, &bytes).unwrap();
    register(&t.store, "Piet");

    let err = t.store.restore(&made.path, &common::passphrase(), common::now()).unwrap_err();
    assert!(err.to_string().contains("is niet bruikbaar"), "{err}");
    assert_eq!(names(&t.store), ["Piet", "Ria"], "nothing changed");
    assert_eq!(backup::list(&dir).unwrap().len(), 1, "no safety copy either: nothing was about to change");

    let not_a_store = t.dir.path().join("respijtregie-20261123-100000-handmatig.db");
    std::fs::write(&not_a_store, b"geen opslag").unwrap();
    assert!(t.store.restore(&not_a_store, &common::passphrase(), common::now()).is_err());
    assert_eq!(names(&t.store), ["Piet", "Ria"]);
}

#[test]
fn the_app_makes_one_daily_backup_a_day() {
    let t = common::store();
    register(&t.store, "Ria");
    let path = t.store.path();
    // What the app runs beside its start (`health::upkeep`): the day's backup when due.
    let never = std::sync::atomic::AtomicBool::new(false);
    let upkeep = |at| respijt::store::health::upkeep(path, &common::passphrase(), at, &never).unwrap();
    let count = || backup::list(&t.store.backup_dir()).unwrap().len();
    upkeep(common::now());
    assert_eq!(count(), 1);
    upkeep(common::now() + Duration::hours(3));
    assert_eq!(count(), 1, "one a day");
    upkeep(common::now() + Duration::days(1));
    assert_eq!(count(), 2, "the next day");
    let files = backup::list(&t.store.backup_dir()).unwrap();
    assert_eq!(files.len(), 2);
    let copy = common::keyed(&files[0].path);
    let people: i64 = copy.query_row("SELECT COUNT(*) FROM caregiver", [], |r| r.get(0)).unwrap();
    assert_eq!(people, 1, "the daily backup holds the register");
    assert!(files.iter().all(|f| f.kind == BackupKind::Daily));
}

#[test]
fn an_older_store_is_backed_up_before_a_migration_changes_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("respijt.db");
    {
        // A store of the version before the newest migration: every migration but the last.
        let conn = common::keyed(&path);
        conn.execute_batch(
            "CREATE TABLE schema_migration (version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL,
               applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')))",
        )
        .unwrap();
        let migrations = respijt::store::MIGRATIONS;
        for m in &migrations[..migrations.len() - 1] {
            conn.execute_batch(m.sql).unwrap();
            conn.execute(
                "INSERT INTO schema_migration (version, name, checksum) VALUES (?1, ?2, ?3)",
                rusqlite::params![m.version, m.name, respijt::store::checksum(m.sql)],
            )
            .unwrap();
        }
    }
    assert!(backup::list(&respijt::store::backup::backup_dir(&path)).unwrap().is_empty());
    let store = common::open(&path);
    let files = backup::list(&store.backup_dir()).unwrap();
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(files[0].kind, BackupKind::BeforeMigration);
    backup::verify(&files[0].path, &common::passphrase()).unwrap();
    let saved = common::keyed(&files[0].path);
    let versions: i64 = saved.query_row("SELECT COUNT(*) FROM schema_migration", [], |r| r.get(0)).unwrap();
    assert_eq!(versions as usize, respijt::store::MIGRATIONS.len() - 1, "saved as it was, before the migration");
    // A new store has nothing to save.
    let fresh = tempfile::tempdir().unwrap();
    common::open(&fresh.path().join("respijt.db"));
    assert!(backup::list(&fresh.path().join("backups")).unwrap().is_empty());
}

#[test]
fn the_app_lists_makes_and_restores_backups_of_its_own_store_only() {
    let mut t = common::store();
    register(&t.store, "Ria");
    let files = commands::make_backup(&t.store, common::now()).unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].kind_label, "Met de hand");
    register(&t.store, "Piet");
    let later = common::now() + Duration::hours(1);
    let after = commands::restore_backup(&mut t.store, &files[0].path, None, later).unwrap();
    assert_eq!(names(&t.store), ["Ria"]);
    assert_eq!(after.len(), 2, "the state before the restore was saved first");
    assert_eq!(commands::list_backups(&t.store).unwrap(), after);
    // A file from elsewhere is not put back.
    let elsewhere = t.dir.path().join("ergens-anders.db");
    std::fs::copy(&files[0].path, &elsewhere).unwrap();
    assert!(matches!(
        commands::restore_backup(&mut t.store, &elsewhere, None, later),
        Err(respijt::Error::NotFound(_))
    ));
}
