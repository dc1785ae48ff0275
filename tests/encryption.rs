//! The store on disk is encrypted: its bytes (and those of its WAL and its
//! backups) hold none of the people in it, a wrong passphrase opens nothing,
//! a new passphrase keeps every row, and a plain store from before
//! encryption is encrypted with its backups.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use std::path::{Path, PathBuf};

use respijt::import::{self, ImportOptions};
use respijt::store::backup::BackupKind;
use respijt::store::{key, FileState, Passphrase};
use respijt::{commands, demo, Error, Store};

/// The demo region, 300 caregivers with their recipients, in `store`.
fn fill(store: &mut Store) {
    let table = demo::caregiver_table(store.conn(), 11, 300).unwrap();
    import::import_caregivers(store.conn_mut(), &table, ImportOptions::default(), common::now()).unwrap();
}

/// Surnames of the people in the store, as the app shows them (long enough
/// not to match by chance).
fn surnames(store: &Store) -> Vec<String> {
    let mut stmt = store
        .conn()
        .prepare("SELECT last_name FROM caregiver UNION SELECT last_name FROM care_recipient ORDER BY 1")
        .unwrap();
    let names: Vec<String> = stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    // Long enough not to turn up in random bytes by chance.
    names.into_iter().filter(|n| n.len() >= 6).collect()
}

/// The store file and whatever SQLite keeps beside it.
fn files_of(path: &Path) -> Vec<PathBuf> {
    ["", "-wal", "-shm"]
        .iter()
        .map(|side| {
            let mut name = path.as_os_str().to_owned();
            name.push(side);
            PathBuf::from(name)
        })
        .filter(|p| p.exists())
        .collect()
}

fn readable_in(files: &[PathBuf], names: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    for file in files {
        let bytes = std::fs::read(file).unwrap();
        for name in names {
            if bytes.windows(name.len()).any(|w| w == name.as_bytes()) {
                found.push(format!("{name} in {}", file.display()));
            }
        }
    }
    found
}

/// Rows per table; the audit trail apart (a change of passphrase is in it).
fn row_counts(store: &Store) -> Vec<(String, i64)> {
    let conn = store.conn();
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%search%' AND name <> 'audit_entry' ORDER BY name")
        .unwrap();
    let tables: Vec<String> = stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    tables
        .into_iter()
        .map(|t| {
            let n = conn.query_row(&format!("SELECT COUNT(*) FROM \"{t}\""), [], |r| r.get(0)).unwrap();
            (t, n)
        })
        .collect()
}

#[test]
fn the_store_its_wal_and_its_backups_show_no_names() {
    let mut t = common::store();
    fill(&mut t.store);
    let names = surnames(&t.store);
    assert!(names.len() > 50, "enough names to look for: {}", names.len());
    let backup = t.store.backup(BackupKind::Manual, common::now()).unwrap();
    // While the store is open (the WAL holds the newest pages) and after it is closed.
    let mut files = files_of(t.store.path());
    files.push(backup.path.clone());
    assert_eq!(readable_in(&files, &names), Vec::<String>::new());
    let path = t.store.path().to_path_buf();
    drop(t.store);
    assert_eq!(readable_in(&files_of(&path), &names), Vec::<String>::new());
    assert_eq!(key::file_state(&path).unwrap(), FileState::Encrypted);

    // The same check finds the names in a plain store: it would catch a store left unencrypted.
    let plain_path = t.dir.path().join("onversleuteld.db");
    let mut plain = respijt::bootstrap::ready(Store::open_plain(&plain_path).unwrap()).unwrap();
    fill(&mut plain);
    drop(plain);
    assert!(!readable_in(&files_of(&plain_path), &names).is_empty());
}

#[test]
fn a_wrong_passphrase_opens_nothing_and_changes_nothing() {
    let mut t = common::store();
    fill(&mut t.store);
    let path = t.store.path().to_path_buf();
    drop(t.store);
    let before = std::fs::read(&path).unwrap();
    let wrong = Passphrase::existing("paard batterij nietje verkeerd").unwrap();
    let err = Store::open(&path, &wrong).err().expect("a wrong passphrase must be refused");
    assert!(matches!(err, Error::Locked(_)), "{err:?}");
    assert!(err.to_string().contains("wachtwoordzin klopt niet"), "{err}");
    assert!(matches!(commands::unlock_store(&path, "ook niet goed hoor"), Err(Error::Locked(_))));
    assert_eq!(std::fs::read(&path).unwrap(), before, "the file is untouched");
    // Nor does SQLite without SQLCipher's key read it.
    assert!(key::open_keyed(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY, &wrong).is_err());
    assert!(
        common::open(&path).conn().query_row("SELECT COUNT(*) FROM caregiver", [], |r| r.get::<_, i64>(0)).unwrap()
            >= 300
    );
}

#[test]
fn a_new_passphrase_keeps_every_row_and_the_old_one_no_longer_opens() {
    let mut t = common::store();
    fill(&mut t.store);
    let before = row_counts(&t.store);
    let names = surnames(&t.store);
    let old_backup = t.store.backup(BackupKind::Manual, common::now()).unwrap();

    // The current passphrase must be given, right.
    let err = commands::change_passphrase(
        &mut t.store,
        "niet de goede zin",
        "een nieuwe lange zin",
        "een nieuwe lange zin",
        common::now(),
    )
    .unwrap_err();
    assert!(matches!(&err, Error::Validation(f) if f[0].field == "current"), "{err:?}");
    let err = commands::change_passphrase(&mut t.store, common::PASSPHRASE, "kort", "kort", common::now()).unwrap_err();
    assert!(matches!(&err, Error::Validation(f) if f[0].field == "passphrase"), "{err:?}");
    let err = commands::change_passphrase(
        &mut t.store,
        common::PASSPHRASE,
        "een nieuwe lange zin",
        "een andere lange zin",
        common::now(),
    )
    .unwrap_err();
    assert!(matches!(&err, Error::Validation(f) if f[0].field == "repeat"), "{err:?}");

    commands::change_passphrase(
        &mut t.store,
        common::PASSPHRASE,
        "een nieuwe lange zin",
        "een nieuwe lange zin",
        common::now(),
    )
    .unwrap();
    assert_eq!(row_counts(&t.store), before, "the open store still reads every row");
    let path = t.store.path().to_path_buf();
    drop(t.store);
    assert_eq!(readable_in(&files_of(&path), &names), Vec::<String>::new());
    assert!(matches!(Store::open(&path, &common::passphrase()), Err(Error::Locked(_))), "the old one is refused");
    let mut store = commands::unlock_store(&path, "een nieuwe lange zin").unwrap();
    assert_eq!(row_counts(&store), before, "reopened with the new one: every row");

    // A backup from before the change opens with the old passphrase, and
    // restoring it keeps the store on the new one.
    let current = store.passphrase().clone();
    let err = store.restore(&old_backup.path, &current, common::now()).unwrap_err();
    assert!(err.to_string().contains("opent met de vorige"), "{err}");
    store.restore(&old_backup.path, &common::passphrase(), common::now()).unwrap();
    assert_eq!(row_counts(&store), before);
    drop(store);
    assert!(commands::unlock_store(&path, "een nieuwe lange zin").is_ok());
}

#[test]
fn a_plain_store_from_before_is_encrypted_with_its_backups() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("respijt.db");
    let mut plain = respijt::bootstrap::ready(Store::open_plain(&path).unwrap()).unwrap();
    fill(&mut plain);
    let before = row_counts(&plain);
    let names = surnames(&plain);
    let old = plain.backup(BackupKind::Daily, common::now()).unwrap();
    drop(plain);
    assert_eq!(key::file_state(&path).unwrap(), FileState::Plain);
    let err = Store::open(&path, &common::passphrase()).err().expect("a plain store is not used as it is");
    assert!(err.to_string().contains("nog niet versleuteld"), "{err}");

    let store = commands::encrypt_store(&path, common::PASSPHRASE, common::PASSPHRASE).unwrap();
    assert_eq!(row_counts(&store), before);
    drop(store);
    let mut files = files_of(&path);
    files.push(old.path.clone());
    assert_eq!(readable_in(&files, &names), Vec::<String>::new());
    assert_eq!(key::file_state(&old.path).unwrap(), FileState::Encrypted);
    respijt::store::backup::verify(&old.path, &common::passphrase()).unwrap();
}

#[test]
fn the_command_line_reads_the_passphrase_from_a_file_never_from_an_argument() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    let run = |env: Option<&Path>, args: &[&str]| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_respijt"));
        cmd.arg("--db").arg(&db).args(args).env_remove("RESPIJT_DB").env_remove("RESPIJT_PASSPHRASE_FILE");
        if let Some(file) = env {
            cmd.env("RESPIJT_PASSPHRASE_FILE", file);
        }
        cmd.stdin(std::process::Stdio::null()).output().unwrap()
    };
    let out = run(None, &["init"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("RESPIJT_PASSPHRASE_FILE"), "says how to give it");
    assert!(!db.exists(), "no store without a passphrase");

    let short = dir.path().join("kort.txt");
    std::fs::write(&short, "kort\n").unwrap();
    let out = run(Some(&short), &["init"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("minstens 12 tekens"));

    let file = common::passphrase_file(dir.path());
    assert!(run(Some(&file), &["init"]).status.success());
    let new = dir.path().join("nieuw.txt");
    std::fs::write(&new, "een heel nieuwe zin\n").unwrap();
    let out = run(Some(&file), &["passphrase", "--new-file", new.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = run(Some(&file), &["caregivers", "list"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("wachtwoordzin klopt niet"));
    assert!(run(Some(&new), &["caregivers", "list"]).status.success());
}

#[test]
fn looking_at_the_store_while_it_is_open_loses_no_writes_to_another_process() {
    // The app asks what the store file is while it has it open. Opening and
    // closing the file outside SQLite would drop the process's locks on it; a
    // CLI run then thinks it is alone, deletes the WAL on closing, and what
    // the app writes next is lost (found by the end-to-end statement test).
    let t = common::store();
    let path = t.store.path().to_path_buf();
    let file = common::passphrase_file(t.dir.path());
    let cli_count = || {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_respijt"))
            .arg("--db")
            .arg(&path)
            .args(["caregivers", "list", "--json"])
            .env("RESPIJT_PASSPHRASE_FILE", &file)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()["items"].as_array().unwrap().len()
    };
    respijt::caregiver::register_caregiver(t.store.conn(), &common::ria(), false, common::now()).unwrap();
    assert_eq!(key::file_state(&path).unwrap(), FileState::Encrypted);
    assert_eq!(cli_count(), 1);
    let mut piet = common::ria();
    piet.first_name = "Piet".into();
    piet.date_of_birth = "20-01-1950".into();
    respijt::caregiver::register_caregiver(t.store.conn(), &piet, true, common::now()).unwrap();
    assert_eq!(cli_count(), 2, "the other process sees what was written after the look");
}
