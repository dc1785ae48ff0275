//! A lost passphrase or a dead laptop loses nothing: the recovery key made
//! with the store opens it and sets a new passphrase (a wrong key opens
//! nothing), and a backup in a folder the director chose restores into a
//! new store on another path. Through the app's commands, on real files.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use common::app::{call, ok};
use respijt::commands::App;
use respijt::store::{recovery, Passphrase, Store};
use serde_json::json;

const NEW: &str = "zeven blauwe fietsen op de dijk";

/// A new store made in the app, with one caregiver; its recovery key as shown.
fn made(dir: &std::path::Path) -> (App, String) {
    let mut app = App::new(dir.join("respijt.db"));
    let status =
        ok(&mut app, "create_store", json!({ "passphrase": common::PASSPHRASE, "repeat": common::PASSPHRASE }));
    let key = status["recoveryKey"].as_str().expect("the recovery key is in the answer").to_string();
    assert!(key.starts_with("AGE-SECRET-KEY-1 "), "shown in groups: {key}");
    let again = ok(&mut app, "store_status", json!({}));
    assert!(again["recoveryKey"].is_null(), "shown once");
    assert_eq!(again["hasRecoveryKey"], json!(true));
    ok(&mut app, "register_caregiver", json!({ "input": common::ria(), "allowTwin": false }));
    app.shutdown();
    (app, key)
}

fn opens_with(path: &std::path::Path, passphrase: &str) -> bool {
    Store::open(path, &Passphrase::existing(passphrase).unwrap()).is_ok()
}

#[test]
fn the_recovery_key_opens_a_store_whose_passphrase_is_lost_and_sets_a_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, key) = made(dir.path());
    let path = dir.path().join("respijt.db");
    assert!(recovery::escrow_path(&path).exists(), "the recovery file beside the store");
    assert!(dir.path().join("backups").join("respijt.herstel").exists(), "and a copy with the backups");

    // The passphrase is forgotten: the key, typed without its spaces and in lower case, opens it.
    let typed = key.replace(' ', "").to_lowercase();
    let status = ok(&mut app, "recover_store", json!({ "recoveryKey": typed, "passphrase": NEW, "repeat": NEW }));
    assert_eq!(status["open"], json!(true));
    let found = ok(&mut app, "search_caregivers", json!({ "options": {} }));
    assert_eq!(found["items"].as_array().unwrap().len(), 1, "the register is all there");
    app.shutdown();
    assert!(opens_with(&path, NEW), "the new passphrase opens it");
    assert!(!opens_with(&path, common::PASSPHRASE), "the lost one no longer does");
    let store = Store::open(&path, &Passphrase::existing(NEW).unwrap()).unwrap();
    let recorded: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM audit_entry WHERE action = 'hersteld-met-sleutel'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(recorded, 1, "in the audit trail");
    drop(store);

    // The same key still works after that change: the new passphrase was sealed to it too.
    let third = "derde wachtwoordzin voor de zekerheid";
    let store = recovery::recover(&path, &key, &Passphrase::new_checked(third, third).unwrap(), common::now()).unwrap();
    drop(store);
    assert!(opens_with(&path, third));
}

#[test]
fn a_wrong_recovery_key_opens_nothing_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _key) = made(dir.path());
    let other = tempfile::tempdir().unwrap();
    let (_, other_key) = made(other.path());

    let err = call(&mut app, "recover_store", json!({ "recoveryKey": other_key, "passphrase": NEW, "repeat": NEW }))
        .unwrap_err();
    assert!(err.message.contains("past niet bij deze opslag"), "{}", err.message);
    let err = call(
        &mut app,
        "recover_store",
        json!({ "recoveryKey": "AGE-SECRET-KEY-1XYZ", "passphrase": NEW, "repeat": NEW }),
    )
    .unwrap_err();
    assert!(err.message.contains("geen herstelsleutel"), "{}", err.message);
    assert_eq!(ok(&mut app, "store_status", json!({}))["open"], json!(false));
    let path = dir.path().join("respijt.db");
    assert!(opens_with(&path, common::PASSPHRASE), "the passphrase still opens it");
    assert!(!opens_with(&path, NEW));
}

#[test]
fn older_backups_open_with_the_passphrase_the_recovery_key_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, key) = made(dir.path());
    let path = dir.path().join("respijt.db");
    ok(&mut app, "unlock_store", json!({ "passphrase": common::PASSPHRASE }));
    let backups = ok(&mut app, "make_backup", json!({}));
    let before_change = backups[0]["path"].as_str().unwrap().to_string();
    ok(&mut app, "change_passphrase", json!({ "current": common::PASSPHRASE, "passphrase": NEW, "repeat": NEW }));
    app.shutdown();

    let kept = recovery::passphrases(&recovery::escrow_path(&path), &key).unwrap();
    assert_eq!(
        kept.iter().map(|p| p.as_typed().to_string()).collect::<Vec<_>>(),
        [NEW, common::PASSPHRASE],
        "newest first"
    );
    assert!(opens_with(std::path::Path::new(&before_change), common::PASSPHRASE));
}

#[test]
fn a_backup_in_a_chosen_folder_restores_into_a_new_store_on_another_laptop() {
    let dir = tempfile::tempdir().unwrap();
    let stick = tempfile::tempdir().unwrap();
    let (mut app, key) = made(dir.path());
    ok(&mut app, "unlock_store", json!({ "passphrase": common::PASSPHRASE }));
    let err = call(&mut app, "set_backup_folder", json!({ "folder": { "path": "/bestaat/niet", "everyDays": 7 } }))
        .unwrap_err();
    assert!(err.fields.iter().any(|f| f.field == "path" && f.message.contains("bestaat niet")), "{err:?}");
    let chosen = ok(&mut app, "set_backup_folder", json!({ "folder": { "path": stick.path(), "everyDays": 7 } }));
    assert_eq!(chosen["everyDays"], json!(7));
    app.shutdown();
    let on_stick = respijt::store::backup::list(stick.path()).unwrap();
    assert_eq!(on_stick.len(), 1, "a first backup there at once, checked");
    assert!(stick.path().join("respijt.herstel").exists(), "with the recovery file");

    // The schedule: not due again within the week, due after it.
    let conn = common::keyed(&dir.path().join("respijt.db"));
    let folder = respijt::store::offsite::folder(&conn).unwrap().unwrap();
    assert!(!respijt::store::offsite::due(&folder, common::now() + chrono::Duration::days(6)).unwrap());
    assert!(respijt::store::offsite::due(&folder, common::now() + chrono::Duration::days(7)).unwrap());
    drop(conn);

    // A new laptop: nothing but the stick.
    let laptop = tempfile::tempdir().unwrap();
    let mut new = App::new(laptop.path().join("respijtregie.db"));
    let status =
        ok(&mut new, "restore_new_store", json!({ "path": on_stick[0].path, "passphrase": common::PASSPHRASE }));
    assert_eq!(status["open"], json!(true));
    let found = ok(&mut new, "search_caregivers", json!({ "options": {} }));
    assert_eq!(found["items"][0]["lastName"], json!("de Vries"));
    new.shutdown();
    // And with the passphrase lost too: the recovery file came along.
    let path = laptop.path().join("respijtregie.db");
    drop(recovery::recover(&path, &key, &Passphrase::new_checked(NEW, NEW).unwrap(), common::now()).unwrap());
    assert!(opens_with(&path, NEW));
}

#[test]
fn an_app_closed_at_once_leaves_no_partial_backup() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::new(dir.path().join("respijt.db"));
    ok(&mut app, "create_store", json!({ "passphrase": common::PASSPHRASE, "repeat": common::PASSPHRASE }));
    app.shutdown();
    let left: Vec<_> = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| {
            n.ends_with(".deel")
                || n.ends_with(".db") && std::fs::metadata(dir.path().join("backups").join(n)).unwrap().len() == 0
        })
        .collect();
    assert!(left.is_empty(), "no partial or empty backup: {left:?}");

    // One left by a killed process is cleared at the next backup.
    let stale = dir.path().join("backups").join("respijtregie-20261101-100000-dagelijks.deel");
    std::fs::write(&stale, b"").unwrap();
    let old = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000);
    std::fs::File::options().write(true).open(&stale).unwrap().set_modified(old).unwrap();
    let store = common::open(&dir.path().join("respijt.db"));
    store.backup(respijt::store::backup::BackupKind::Manual, common::now()).unwrap();
    assert!(!stale.exists());

    // A backup being written when the app closes is broken off and leaves nothing.
    let backups = dir.path().join("backups");
    let before = std::fs::read_dir(&backups).unwrap().count();
    let closing = std::sync::atomic::AtomicBool::new(true);
    let kind = respijt::store::backup::BackupKind::Manual;
    let err = respijt::store::backup::create_unless(
        store.conn(),
        &backups,
        kind,
        &common::passphrase(),
        common::now(),
        &closing,
    )
    .unwrap_err();
    assert!(err.to_string().contains("afgebroken"), "{err}");
    assert_eq!(std::fs::read_dir(&backups).unwrap().count(), before, "no partial file, no new backup");
}

#[test]
fn after_a_change_of_passphrase_a_backup_opens_with_the_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _key) = made(dir.path());
    ok(&mut app, "unlock_store", json!({ "passphrase": common::PASSPHRASE }));
    ok(&mut app, "change_passphrase", json!({ "current": common::PASSPHRASE, "passphrase": NEW, "repeat": NEW }));
    app.shutdown();
    let newest =
        respijt::store::health::newest_good_backup(&dir.path().join("respijt.db"), &Passphrase::existing(NEW).unwrap());
    assert!(newest.is_some(), "a damaged store could be put right with the passphrase in use");
}
