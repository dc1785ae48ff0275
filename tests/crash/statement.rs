//! A provider's statement of delivered sessions (`respijt import sessions`),
//! killed: every line of it is there, with the funding re-allocated and its
//! audit line, or none of it.

use std::path::{Path, PathBuf};

use chrono::{Days, NaiveDate};
use respijt::audit::AuditAction;
use respijt::import::{self, ImportOptions};

use super::kill::{self, KillLoop};
use super::{check, common};

const CAREGIVERS: usize = 400;
const LINES: usize = 2_000;

/// `LINES` delivered sessions of ZorgMies that nobody planned (so each
/// becomes a new session for review), their references unique to `round`.
fn statement(dir: &Path, round: usize) -> PathBuf {
    let mut text = String::from("extern_id;mantelzorger_id;aanbieder_id;dienst;datum;start;eind;status");
    let first = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    for n in 0..LINES {
        let caregiver = 1 + (n + round * 7) % CAREGIVERS;
        let date = first + Days::new(((n * 13 + round) % 300) as u64);
        let hour = 8 + n % 10;
        text.push_str(&format!(
            "\nR{round}-{n};MEE-{caregiver:04};zorgmies;thuis;{};{hour:02}:00;{hour:02}:45;uitgevoerd",
            date.format("%d-%m-%Y")
        ));
    }
    common::write_in(dir, &format!("overzicht-{round}.csv"), &text)
}

fn lines_of(store: &respijt::Store, round: usize) -> i64 {
    store
        .conn()
        .query_row("SELECT COUNT(*) FROM session WHERE statement_ref LIKE ?1", [format!("R{round}-%")], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_killed_statement_import_is_all_there_or_not_at_all() {
    let _alone = kill::alone();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("respijt.db");
    let passphrase = common::passphrase_file(dir.path());
    {
        let mut store = common::open(&db);
        let text = std::iter::once(common::HEADER.to_string())
            .chain((1..=CAREGIVERS).map(common::row))
            .collect::<Vec<_>>()
            .join("\n");
        let table = import::read_table_bytes("mantelzorgers.csv", text.as_bytes()).unwrap();
        let report =
            import::import_caregivers(store.conn_mut(), &table, ImportOptions::default(), common::now()).unwrap();
        assert_eq!(report.created, CAREGIVERS);
    }
    let import = |file: &Path| {
        let mut cmd = kill::respijt(&db, &passphrase);
        cmd.args(["import", "sessions"]).arg(file);
        cmd
    };
    let whole = kill::run_whole(import(&statement(dir.path(), 0)));
    let opened = kill::open_time(&db, &passphrase);
    let files: Vec<PathBuf> = (1..=kill::KILLS).map(|round| statement(dir.path(), round)).collect();

    let (mut sessions, mut imports) = (LINES as i64, 2); // the caregivers' import and the first statement
    KillLoop { name: "statement import", whole, opened, dir: dir.path() }.run(
        |round| import(&files[round - 1]),
        |round| {
            let store = check::whole(&db, round);
            let here = lines_of(&store, round.round);
            assert!(here == 0 || here == LINES as i64, "{round}: {here} of the statement's {LINES} lines");
            assert!(!round.finished || here > 0, "{round}: finished, so the statement is there");
            sessions += here;
            imports += i64::from(here > 0);
            assert_eq!(common::count(&store, "session"), sessions, "{round}: no session besides the statement's");
            assert_eq!(check::audit_lines(&store, AuditAction::Import), imports, "{round}: one audit line per import");
            // Every delivered session of a finished statement is in the funding ledger.
            let unfunded: i64 = store
                .conn()
                .query_row(
                    "SELECT COUNT(*) FROM session s WHERE s.status = 'uitgevoerd'
                       AND NOT EXISTS (SELECT 1 FROM ledger_entry l WHERE l.session_id = s.id)",
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(unfunded, 0, "{round}: delivered sessions without a ledger entry");
        },
    );
}
