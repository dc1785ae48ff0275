//! The disk fills: on a small filesystem (a 4 MB tmpfs) a store that takes
//! most of it and a file that fills the rest but 96 KB, then an import and
//! an export that run out of room. Both fail
//! with a Dutch message that says what to do, and the store is as it was.
//!
//! Mounting needs root (or a container that allows it); without it the test
//! says so and is skipped.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use chrono::{Days, NaiveDate};
use respijt::import::{self, ImportOptions};

/// A tmpfs mounted on a folder, unmounted when dropped (also when the test fails).
struct SmallFs(PathBuf);

impl SmallFs {
    fn mount(dir: &Path, size: &str) -> Result<SmallFs, String> {
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| e.to_string())?;
        if out.status.success() {
            Ok(SmallFs(dir.to_path_buf()))
        } else {
            Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
        }
    }
}

impl Drop for SmallFs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// Fills the filesystem of `dir` with a file, then gives back `leave` bytes.
fn fill(dir: &Path, leave: u64) {
    let path = dir.join("vulling.bin");
    let mut file = std::fs::File::create(&path).unwrap();
    let chunk = vec![0x55u8; 16 * 1024];
    while file.write_all(&chunk).is_ok() {}
    drop(file);
    let full = std::fs::metadata(&path).unwrap().len();
    std::fs::OpenOptions::new().write(true).open(&path).unwrap().set_len(full.saturating_sub(leave)).unwrap();
}

fn respijt(db: &Path, passphrase: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_respijt"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("RESPIJT_DB")
        .env("RESPIJT_PASSPHRASE_FILE", passphrase)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

/// What must not change: integrity, and the rows an import or export adds.
fn state(db: &Path) -> (String, Vec<i64>) {
    let store = common::open(db);
    let check: String = store.conn().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    let chain = respijt::audit::verify(store.conn()).unwrap();
    assert_eq!(chain.first_broken, None, "the audit trail is whole");
    let counts = ["caregiver", "session", "ledger_entry", "export_log", "closed_period", "audit_entry"]
        .iter()
        .map(|t| common::count(&store, t))
        .collect();
    (check, counts)
}

/// A store with people and a year of delivered, allocated sessions: an export of it is large.
fn store_with_sessions(db: &Path) {
    let mut store = common::open(db);
    let people = std::iter::once(common::HEADER.to_string()).chain((1..=300).map(common::row)).collect::<Vec<_>>();
    let table = import::read_table_bytes("mantelzorgers.csv", people.join("\n").as_bytes()).unwrap();
    import::import_caregivers(store.conn_mut(), &table, ImportOptions::default(), common::now()).unwrap();
    let mut text = String::from("extern_id;mantelzorger_id;aanbieder_id;dienst;datum;start;eind;status");
    let first = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    for n in 0..4_000 {
        let date = first + Days::new((n % 300) as u64);
        let hour = 8 + n % 10;
        text.push_str(&format!(
            "\nS{n};MEE-{:04};zorgmies;thuis;{};{hour:02}:00;{hour:02}:45;uitgevoerd",
            1 + n % 300,
            date.format("%d-%m-%Y")
        ));
    }
    let table = import::read_table_bytes("overzicht.csv", text.as_bytes()).unwrap();
    respijt::planning::import_statement(store.conn_mut(), &table, ImportOptions::default(), common::now()).unwrap();
    // All in the store file, none left in the WAL: the room left is what the next write gets.
    store.conn().execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").unwrap();
}

#[test]
fn an_import_and_an_export_on_a_full_disk_fail_in_dutch_and_change_nothing() {
    let outer = tempfile::tempdir().unwrap();
    let small = outer.path().join("klein");
    std::fs::create_dir(&small).unwrap();
    let _mounted = match SmallFs::mount(&small, "4m") {
        Ok(mounted) => mounted,
        Err(why) => {
            eprintln!("overgeslagen: een kleine schijf (tmpfs van 4 MB) kon niet worden aangekoppeld ({why})");
            return;
        }
    };
    // Made beside the small disk (its WAL would not fit) and copied onto it.
    let made = outer.path().join("respijt.db");
    store_with_sessions(&made);
    let db = small.join("respijt.db");
    std::fs::copy(&made, &db).unwrap();
    let passphrase = common::passphrase_file(outer.path());
    let before = state(&db);
    assert_eq!(before.0, "ok");
    // Room to open the store (its WAL index), not for a thousand new people
    // nor for the year's export.
    assert!(std::fs::metadata(&db).unwrap().len() > 2 * 1024 * 1024, "the store takes most of the disk");
    fill(&small, 96 * 1024);

    let people = std::iter::once(common::HEADER.to_string())
        .chain((1..=1_000).map(|n| common::row(n).replacen("MEE-", "MEE-NIEUW-", 1)))
        .collect::<Vec<_>>();
    let file = common::write_in(outer.path(), "nieuw.csv", &people.join("\n"));
    let out = respijt(&db, &passphrase, &["import", "caregivers", file.to_str().unwrap()]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "the import cannot fit: {said}");
    assert!(said.contains(respijt::error::DISK_FULL), "the import says the disk is full, in Dutch: {said}");
    assert_eq!(state(&db), before, "the failed import changed nothing");

    let target = small.join("export-2026.csv");
    let out = respijt(
        &db,
        &passphrase,
        &["export", "usage", "--final", "--period", "2026", "--out", target.to_str().unwrap()],
    );
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "the export cannot fit: {said}");
    assert!(said.contains(respijt::error::DISK_FULL), "the export says the disk is full, in Dutch: {said}");
    assert_eq!(state(&db), before, "the failed export closed nothing and logged nothing");
    let left: Vec<String> = std::fs::read_dir(&small)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|name| name.starts_with("export-2026"))
        .collect();
    assert!(left.is_empty(), "no half export left to fill the disk further: {left:?}");
}
