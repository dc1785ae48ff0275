//! Shared helpers for the integration tests: a real store in a temp folder
//! and a fixed "now".
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, TimeZone, Utc};
pub mod app;
pub mod planning;

use respijt::caregiver::CaregiverInput;
use respijt::store::Passphrase;
use respijt::Store;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

pub struct TestStore {
    pub store: Store,
    pub dir: TempDir,
}

pub fn store() -> TestStore {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(&dir.path().join("respijt.db"));
    TestStore { store, dir }
}

/// The passphrase of every test store.
pub const PASSPHRASE: &str = "paard batterij nietje correct";

pub fn passphrase() -> Passphrase {
    Passphrase::existing(PASSPHRASE).unwrap()
}

/// Opens (or makes) the encrypted store at `path` with the test passphrase.
pub fn open(path: &Path) -> Store {
    respijt::bootstrap::ready(Store::open(path, &passphrase()).expect("open store")).expect("seed the region")
}

/// A plain connection to an encrypted file (a store or a backup), keyed
/// with the test passphrase: for tests that look at the file itself.
pub fn keyed(path: &Path) -> rusqlite::Connection {
    respijt::store::key::open_keyed(path, rusqlite::OpenFlags::default(), &passphrase()).unwrap()
}

/// A file holding the test passphrase, for `RESPIJT_PASSPHRASE_FILE`.
pub fn passphrase_file(dir: &Path) -> PathBuf {
    let path = dir.join("wachtwoordzin.txt");
    std::fs::write(&path, format!("{PASSPHRASE}\n")).unwrap();
    path
}

/// 23 November 2026, 10:00 UTC: "today" for every test.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
}

pub fn ria() -> CaregiverInput {
    CaregiverInput {
        first_name: "Ria".into(),
        last_name: "de Vries".into(),
        date_of_birth: "14-03-1958".into(),
        postcode: "3311 AB".into(),
        house_number: "12".into(),
        phone: "06-12345678".into(),
        email: "ria@voorbeeld.nl".into(),
        insurer: "VGZ".into(),
        policy_number: "123456789".into(),
        supplementary_policy: true,
        care_hours_per_week: "20".into(),
        caring_since: "01-02-2020".into(),
        ..Default::default()
    }
}

pub const HEADER: &str = "extern_id;voornaam;achternaam;geboortedatum;postcode;huisnummer;telefoon;email;verzekeraar;polisnummer;aanvullend;zorguren_per_week;zorg_sinds;naaste_voornaam;naaste_achternaam;naaste_geboortedatum;naaste_postcode;naaste_huisnummer;relatie;naaste_wlz";

/// A valid import row for person `n`.
pub fn row(n: usize) -> String {
    format!(
        "MEE-{n:04};Voornaam{n};Achternaam{n};01-01-1960;3311 AB;{n};06-1234{n:04};p{n}@voorbeeld.nl;VGZ;P{n};ja;12,5;2020-01-01;Naaste{n};Achternaam{n};02-02-1935;;;ouder;nee"
    )
}

pub fn write(dir: &TempDir, name: &str, content: &str) -> std::path::PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, content).unwrap();
    path
}

pub fn count(store: &Store, table: &str) -> i64 {
    store.conn().query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

/// Writes a file in `dir` and returns its path.
pub fn write_in(dir: &Path, name: &str, content: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}
