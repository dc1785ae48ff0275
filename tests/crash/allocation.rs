//! A year's allocation (`respijt funding reallocate --year 2026`), killed
//! after the VGZ cap was lowered in the store: the ledger is exactly as
//! before the run or exactly as after a complete one, the kept totals with
//! it, and the closed periods are untouched.

use std::path::Path;

use chrono::{Days, NaiveDate};
use respijt::import::{self, ImportOptions};
use respijt::Store;

use super::kill::{self, KillLoop};
use super::{check, common};

const CAREGIVERS: usize = 600;
const SESSIONS: usize = 6_000;
const YEAR: &str = "2026";

/// What a run may change, read back from the store.
#[derive(Debug, PartialEq)]
struct Money {
    entries: Vec<check::Entry>,
    /// Per funder: the sum of its entries in cents.
    per_funder: Vec<(String, i64)>,
    /// The kept totals the funding screen reads: month, funder, cents, minutes.
    totals: Vec<(i64, String, i64, i64)>,
    closed: Vec<(String, String, String, String)>,
}

fn money(store: &Store) -> Money {
    let conn = store.conn();
    let mut stmt = conn.prepare("SELECT funder, SUM(cents) FROM ledger_entry GROUP BY funder ORDER BY funder").unwrap();
    let per_funder = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
    let mut stmt = conn
        .prepare(
            "SELECT month, funder, SUM(cents), SUM(minutes) FROM ledger_total WHERE year = 2026
              GROUP BY month, funder ORDER BY month, funder",
        )
        .unwrap();
    let totals =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))).unwrap().map(Result::unwrap).collect();
    Money { entries: check::ledger(store), per_funder, totals, closed: check::closed_periods(store) }
}

/// A store with `SESSIONS` delivered sessions in 2026 of VGZ-insured
/// caregivers (ten each, within the cap of 14 days), allocated, with a
/// budget for every municipality, the first quarter closed, and then the
/// VGZ cap lowered to 1 day straight in the store: a re-allocation has to
/// move days to the municipality, with corrections for the closed quarter.
fn store_before(db: &Path) {
    let mut store = common::open(db);
    store
        .conn()
        .execute(
            "INSERT INTO budget (municipality_code, year, cents, updated_at)
             SELECT code, 2026, 40000000, '2026-01-01T00:00:00Z' FROM municipality",
            [],
        )
        .unwrap();
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
    respijt::planning::import_statement(store.conn_mut(), &table, ImportOptions::default(), common::now()).unwrap();
    let (q1, q1_end) = (NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), NaiveDate::from_ymd_opt(2026, 3, 31).unwrap());
    respijt::funding::close_period(store.conn(), "2026-K1", q1, q1_end, "test", common::now()).unwrap();
    let lowered = store.conn().execute("UPDATE insurer_scheme SET cap_amount = 1 WHERE code = 'VGZ'", []).unwrap();
    assert!(lowered > 0, "the VGZ scheme is there");
}

/// Puts the store back as it was before the run: the file and its
/// journal, as the closed store `before` has them.
fn put_back(before: &Path, db: &Path) {
    let side = |path: &Path, suffix: &str| {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        std::path::PathBuf::from(side)
    };
    for suffix in ["-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(side(db, suffix));
        if side(before, suffix).exists() {
            std::fs::copy(side(before, suffix), side(db, suffix)).unwrap();
        }
    }
    std::fs::copy(before, db).unwrap();
}

#[test]
fn a_killed_reallocation_leaves_the_ledger_as_before_or_as_after() {
    let _alone = kill::alone();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("respijt.db");
    let before_file = dir.path().join("voor.db");
    let passphrase = common::passphrase_file(dir.path());
    store_before(&before_file); // closed when this returns: put_back copies it
    let before = money(&check::open_with(&before_file, common::PASSPHRASE).unwrap());
    assert!(!before.closed.is_empty(), "the first quarter is closed");

    let reallocate = || {
        let mut cmd = kill::respijt(&db, &passphrase);
        cmd.args(["funding", "reallocate", "--year", YEAR]);
        cmd
    };
    put_back(&before_file, &db);
    let whole = kill::run_whole(reallocate());
    let after = money(&check::open_with(&db, common::PASSPHRASE).unwrap());
    assert_ne!(after.per_funder, before.per_funder, "the lowered cap moves money from VGZ to the municipality");
    assert!(after.entries.iter().any(|e| e.kind == "correctie"), "the run books corrections for the closed quarter");
    assert_eq!(after.closed, before.closed, "a re-allocation closes nothing");
    put_back(&before_file, &db);
    let opened = kill::open_time(&db, &passphrase);

    let (mut as_before, mut as_after) = (0, 0);
    KillLoop { name: "re-allocation of a year", whole, opened, dir: dir.path() }.run(
        |_round| {
            put_back(&before_file, &db);
            reallocate()
        },
        |round| {
            let now = money(&check::whole(&db, round));
            assert_eq!(now.closed, before.closed, "{round}: the closed periods are untouched");
            if now == before {
                assert!(!round.finished, "{round}: finished, yet the ledger is as before");
                as_before += 1;
            } else {
                assert_eq!(now.per_funder, after.per_funder, "{round}: the sum per funder is as after a whole run");
                assert_eq!(now, after, "{round}: the ledger is as before the run or as after a whole one");
                as_after += 1;
            }
        },
    );
    eprintln!("re-allocation of a year: {as_before} rounds left the ledger as before, {as_after} as after");
}
