//! A process killed in the middle of its work leaves a whole store: the CLI
//! is killed with SIGKILL at random moments of a long import, many times,
//! and each time SQLite's integrity check passes and the import is either
//! wholly there or not at all.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const ROWS: usize = 2_000;
const KILLS: usize = 25;

/// An import file of `ROWS` new caregivers, their extern ids unique to `round`.
fn file(dir: &std::path::Path, round: usize) -> std::path::PathBuf {
    let mut text = String::from(common::HEADER);
    for n in 1..=ROWS {
        text.push('\n');
        text.push_str(&common::row(n).replacen("MEE-", &format!("MEE-{round}-"), 1));
    }
    common::write_in(dir, &format!("ronde-{round}.csv"), &text)
}

fn import(db: &std::path::Path, passphrase: &std::path::Path, csv: &std::path::Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_respijt"));
    cmd.arg("--db")
        .arg(db)
        .args(["import", "caregivers"])
        .arg(csv)
        .env_remove("RESPIJT_DB")
        .env("RESPIJT_PASSPHRASE_FILE", passphrase)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

#[test]
fn a_killed_import_leaves_the_store_whole_and_the_import_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("respijt.db");
    let passphrase = common::passphrase_file(dir.path());
    drop(common::open(&db));

    // How long one whole import takes here: the kills fall anywhere in it.
    let started = Instant::now();
    assert!(import(&db, &passphrase, &file(dir.path(), 0)).status().unwrap().success());
    let whole = started.elapsed();

    let seed = fastrand::u64(..);
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut expected = ROWS as i64;
    let (mut killed_midway, mut finished) = (0, 0);
    for round in 1..=KILLS {
        let csv = file(dir.path(), round);
        let mut child = import(&db, &passphrase, &csv).spawn().unwrap();
        let wait = Duration::from_micros(rng.u64(0..whole.as_micros() as u64 + 1));
        std::thread::sleep(wait);
        child.kill().unwrap(); // SIGKILL: no destructor, no rollback, no closing of the store
        let status = child.wait().unwrap();
        if status.success() {
            finished += 1;
        } else {
            killed_midway += 1;
        }

        let store = common::open(&db);
        let check: String = store.conn().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(check, "ok", "round {round} (seed {seed}, killed after {wait:?})");
        let count = common::count(&store, "caregiver");
        assert!(
            count == expected || count == expected + ROWS as i64,
            "round {round} (seed {seed}, killed after {wait:?}): {count} caregivers, expected {expected} or {}",
            expected + ROWS as i64
        );
        expected = count;
        let chain = respijt::audit::verify(store.conn()).unwrap();
        assert_eq!(chain.first_broken, None, "round {round}: the audit trail is whole");
    }
    assert!(
        killed_midway >= KILLS / 3,
        "most kills should land inside the import: {killed_midway} of {KILLS} (finished {finished})"
    );
}
