//! A final export (`respijt export usage --final`), killed: the period is
//! closed and the export logged, or neither; the ledger is as before, or as
//! after with the period's entries frozen; a file under the export's own
//! name is always whole.

use std::path::Path;

use chrono::{Days, NaiveDate};
use respijt::audit::AuditAction;
use respijt::export::{self, ExportRequest};
use respijt::import::{self, ImportOptions};
use respijt::Store;

use super::kill::{self, KillLoop};
use super::{check, common};

const CAREGIVERS: usize = 600;
const SESSIONS: usize = 6_000;

/// Ten days of 2026 for each round: periods that do not overlap, so each
/// round closes one of its own.
fn period(round: usize) -> String {
    let first = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap() + Days::new(10 * round as u64);
    format!("{first}..{}", first + Days::new(9))
}

/// A store with `SESSIONS` delivered sessions in 2026, allocated.
fn store_with_sessions(db: &Path) {
    let mut store = common::open(db);
    let people = std::iter::once(common::HEADER.to_string()).chain((1..=CAREGIVERS).map(common::row));
    let table =
        import::read_table_bytes("mantelzorgers.csv", people.collect::<Vec<_>>().join("\n").as_bytes()).unwrap();
    import::import_caregivers(store.conn_mut(), &table, ImportOptions::default(), common::now()).unwrap();
    let mut text = String::from("extern_id;mantelzorger_id;aanbieder_id;dienst;datum;start;eind;status");
    let first = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    for n in 0..SESSIONS {
        let date = first + Days::new((n % 270) as u64);
        let hour = 8 + n % 10;
        text.push_str(&format!(
            "\nS{n};MEE-{:04};zorgmies;thuis;{};{hour:02}:00;{hour:02}:45;uitgevoerd",
            1 + n % CAREGIVERS,
            date.format("%d-%m-%Y")
        ));
    }
    let table = import::read_table_bytes("overzicht.csv", text.as_bytes()).unwrap();
    let report =
        respijt::planning::import_statement(store.conn_mut(), &table, ImportOptions::default(), common::now()).unwrap();
    assert_eq!(report.unplanned.len(), SESSIONS);
}

fn closed(store: &Store, period: &str) -> bool {
    store
        .conn()
        .query_row("SELECT EXISTS (SELECT 1 FROM closed_period WHERE label = ?1)", [period], |r| r.get(0))
        .unwrap()
}

/// The SHA-256 the export log holds for the final export of `period`.
fn logged(store: &Store, period: &str) -> Option<String> {
    let mut stmt = store.conn().prepare("SELECT sha256 FROM export_log WHERE period = ?1 AND final = 1").unwrap();
    let rows: Vec<String> = stmt.query_map([period], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    assert!(rows.len() <= 1, "{period} logged {} times", rows.len());
    rows.into_iter().next()
}

/// The bytes the export of `period` has now.
fn export_bytes(store: &Store, period: &str) -> Vec<u8> {
    let request = ExportRequest { period: period.into(), ..Default::default() };
    let mut out = std::io::Cursor::new(Vec::new());
    export::write_export(store.conn(), &request, common::now().date_naive(), &mut out).unwrap();
    out.into_inner()
}

#[test]
fn a_killed_final_export_closes_the_period_and_logs_it_or_neither() {
    let _alone = kill::alone();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("respijt.db");
    let passphrase = common::passphrase_file(dir.path());
    store_with_sessions(&db);
    let out = |round: usize| dir.path().join(format!("export-{round}.csv"));
    let export = |round: usize| {
        let mut cmd = kill::respijt(&db, &passphrase);
        cmd.args(["export", "usage", "--final", "--period", &period(round), "--out"]).arg(out(round));
        cmd
    };
    let whole = kill::run_whole(export(0));
    let opened = kill::open_time(&db, &passphrase);

    let mut exports = 1;
    let mut ledger = check::ledger(&check::open_with(&db, common::PASSPHRASE).unwrap());
    assert!(ledger.iter().any(|e| !e.frozen), "entries left to freeze");
    KillLoop { name: "final export", whole, opened, dir: dir.path() }.run(export, |round| {
        let store = check::whole(&db, round);
        let period = period(round.round);
        let sha256 = logged(&store, &period);
        assert_eq!(closed(&store, &period), sha256.is_some(), "{round}: {period} closed as it was logged, or neither");
        assert!(!round.finished || sha256.is_some(), "{round}: finished, so {period} is closed");
        exports += i64::from(sha256.is_some());
        // As before, or as after: the same entries, those booked in the period frozen.
        if sha256.is_some() {
            let (first, last) = period.split_once("..").unwrap();
            for e in &mut ledger {
                e.frozen |= (first..=last).contains(&e.booking_date.as_str());
            }
        }
        assert_eq!(check::ledger(&store), ledger, "{round}: the ledger is as before the export or as after it");
        assert_eq!(common::count(&store, "closed_period"), exports, "{round}: one closed period per final export");
        assert_eq!(check::audit_lines(&store, AuditAction::Export), exports, "{round}: one audit line per export");
        match (sha256, out(round.round).exists()) {
            (Some(sha256), true) => {
                assert_eq!(export::sha256_of(&out(round.round)).unwrap(), sha256, "{round}: the file is the one logged")
            }
            (Some(_), false) => panic!("{round}: {period} was closed and logged, but its file is missing"),
            // Killed after the rename, before the commit: a whole file, nothing closed.
            (None, true) => assert_eq!(
                std::fs::read(out(round.round)).unwrap(),
                export_bytes(&store, &period),
                "{round}: a file under the export's name is whole"
            ),
            (None, false) => {}
        }
    });
}
