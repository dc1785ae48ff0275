//! A damaged store is recognised and put right: a file cut in half and a
//! page whose MAC fails are found at unlock (or by the check beside it) and
//! by the CLI, in Dutch; the damaged file is kept aside and the newest
//! backup that passes its check is put back.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use std::path::Path;
use std::process::Command;

use common::app::{call, ok};
use respijt::commands::App;
use serde_json::json;

/// A store made in the app with a caregiver and a checked backup of that, then closed.
fn store_with_backup(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("respijt.db");
    let mut app = App::new(path.clone());
    ok(&mut app, "create_store", json!({ "passphrase": common::PASSPHRASE, "repeat": common::PASSPHRASE }));
    ok(&mut app, "register_caregiver", json!({ "input": common::ria(), "allowTwin": false }));
    ok(&mut app, "make_backup", json!({}));
    app.shutdown();
    path
}

fn cut_in_half(path: &Path) {
    let len = std::fs::metadata(path).unwrap().len();
    std::fs::OpenOptions::new().write(true).open(path).unwrap().set_len(len / 2 / 4096 * 4096).unwrap();
}

/// Flips bytes in the middle of one page (not the first): its MAC no longer fits.
fn spoil_a_page(path: &Path) {
    let mut bytes = std::fs::read(path).unwrap();
    let pages = bytes.len() / 4096;
    let page = pages / 2;
    for b in &mut bytes[page * 4096 + 100..page * 4096 + 200] {
        *b ^= 0x5A;
    }
    std::fs::write(path, &bytes).unwrap();
}

fn repaired_and_whole(app: &mut App, dir: &Path) {
    let status = ok(app, "repair_store", json!({ "passphrase": common::PASSPHRASE }));
    assert_eq!(status["open"], json!(true));
    assert!(status["damage"].is_null());
    let found = ok(app, "search_caregivers", json!({ "options": {} }));
    assert_eq!(found["items"][0]["lastName"], json!("de Vries"), "the backup's register is back");
    app.shutdown();
    let aside: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with("respijt.beschadigd-") && n.ends_with(".db"))
        .collect();
    assert_eq!(aside.len(), 1, "the damaged file is kept aside: {aside:?}");
    let check = respijt::store::health::check_pages(&dir.join("respijt.db"), &common::passphrase());
    assert!(check.is_ok(), "{check:?}");
}

#[test]
fn a_store_cut_in_half_is_recognised_at_unlock_and_the_newest_good_backup_put_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = store_with_backup(dir.path());
    cut_in_half(&path);

    let mut app = App::new(path.clone());
    let err = call(&mut app, "unlock_store", json!({ "passphrase": common::PASSPHRASE })).unwrap_err();
    assert_eq!(serde_json::to_value(err.code).unwrap(), json!("damaged"));
    assert!(err.message.contains("De opslag is beschadigd"), "{}", err.message);
    assert!(!err.message.contains("malformed"), "in Dutch: {}", err.message);
    let status = ok(&mut app, "store_status", json!({}));
    let offered = &status["damage"]["backup"];
    assert_eq!(offered["kind"], json!("handmatig"), "the newest good backup is offered: {status}");
    repaired_and_whole(&mut app, dir.path());
}

#[test]
fn a_page_whose_mac_fails_is_recognised_and_put_right() {
    let dir = tempfile::tempdir().unwrap();
    let path = store_with_backup(dir.path());
    spoil_a_page(&path);
    let err = respijt::store::health::check_pages(&path, &common::passphrase()).unwrap_err();
    assert!(matches!(err, respijt::Error::Damaged(_)), "{err:?}");

    // In the app: at unlock if the page is read then, else by the check beside the start.
    let mut app = App::new(path.clone());
    let damage = match call(&mut app, "unlock_store", json!({ "passphrase": common::PASSPHRASE })) {
        Err(err) => {
            assert_eq!(serde_json::to_value(err.code).unwrap(), json!("damaged"), "{}", err.message);
            ok(&mut app, "store_status", json!({}))["damage"].clone()
        }
        Ok(_) => {
            app.shutdown(); // waits for the check beside the start
            ok(&mut app, "store_status", json!({}))["damage"].clone()
        }
    };
    assert!(damage["message"].as_str().unwrap().contains("beschadigd"), "{damage}");
    assert!(damage["backup"].is_object(), "a good backup is offered: {damage}");
    repaired_and_whole(&mut app, dir.path());
}

fn respijt(db: &Path, args: &[&str]) -> std::process::Output {
    let passphrase = common::passphrase_file(db.parent().unwrap());
    Command::new(env!("CARGO_BIN_EXE_respijt"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("RESPIJT_DB")
        .env("RESPIJT_PASSPHRASE_FILE", passphrase)
        .output()
        .unwrap()
}

#[test]
fn the_cli_says_a_store_is_damaged_in_dutch_and_puts_the_newest_good_backup_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = store_with_backup(dir.path());
    cut_in_half(&path);

    let check = respijt(&path, &["check"]);
    assert_eq!(check.status.code(), Some(5));
    let said = String::from_utf8_lossy(&check.stderr);
    assert!(said.contains("De opslag is beschadigd") && said.contains("respijt restore --newest-good"), "{said}");
    let list = respijt(&path, &["caregivers", "list"]);
    assert!(!list.status.success());
    assert!(String::from_utf8_lossy(&list.stderr).contains("beschadigd"), "any command says so");

    let put_back = respijt(&path, &["restore", "--newest-good"]);
    assert!(put_back.status.success(), "{}", String::from_utf8_lossy(&put_back.stderr));
    assert!(String::from_utf8_lossy(&put_back.stdout).contains("apart"));
    assert_eq!(respijt(&path, &["check"]).status.code(), Some(0));
    let list = respijt(&path, &["caregivers", "list"]);
    assert!(String::from_utf8_lossy(&list.stdout).contains("Vries"));
}
