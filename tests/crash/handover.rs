//! A hand-over import (`respijt intake import FILE`), killed: every intake
//! of the file is there, with its people and its audit line, or none of it.

use std::path::{Path, PathBuf};

use respijt::audit::AuditAction;
use respijt::intake::{self, AssessmentInput};
use respijt::Store;

use super::intake_common::{answers, full_input, person};
use super::kill::{self, KillLoop};
use super::{check, common};

const INTAKES: usize = 150;
const HANDOVER_PASSPHRASE: &str = "overdracht van de week";

/// A consultant's hand-over file of `INTAKES` completed intakes of as many
/// people, each with an assessment.
fn handover_file(dir: &Path) -> PathBuf {
    let t = common::store();
    let conn = t.store.conn();
    conn.execute_batch("BEGIN").unwrap(); // one transaction: the consultant's laptop fills in seconds
    let ids: Vec<i64> = (0..INTAKES)
        .map(|n| {
            let (cg, rc) = person(&t.store, "Ria", &format!("Vries{n}"));
            let id = intake::complete_intake(conn, None, &full_input(cg, rc), common::now()).unwrap().id;
            let input = AssessmentInput {
                instrument: "ediz_plus".into(),
                answers: answers(n % 15, 15),
                assessed_on: "10-11-2026".into(),
            };
            intake::record_assessment(conn, id, &input, common::now()).unwrap();
            id
        })
        .collect();
    conn.execute_batch("COMMIT").unwrap();
    let bytes = respijt::commands::export_handover(&t.store, &ids, HANDOVER_PASSPHRASE, common::now()).unwrap();
    let path = dir.join("overdracht.age");
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The counts the import adds to: (intakes, caregivers, assessments, audit lines of hand-over imports).
fn counts(store: &Store) -> (i64, i64, i64, i64) {
    (
        common::count(store, "intake"),
        common::count(store, "caregiver"),
        common::count(store, "burden_assessment"),
        check::audit_lines(store, AuditAction::HandoverImport),
    )
}

#[test]
fn a_killed_handover_import_is_all_there_or_not_at_all() {
    let _alone = kill::alone();
    let dir = tempfile::tempdir().unwrap();
    let file = handover_file(dir.path());
    let passphrase = common::passphrase_file(dir.path());
    let handover_passphrase = common::write_in(dir.path(), "overdracht.txt", &format!("{HANDOVER_PASSPHRASE}\n"));
    // Every round starts from the same empty director's store (closed, so one file).
    let template = dir.path().join("leeg.db");
    let empty = counts(&common::open(&template));
    let db = |round: usize| {
        let db = dir.path().join(format!("regisseur-{round}.db"));
        std::fs::copy(&template, &db).unwrap();
        db
    };
    let import = |db: &Path| {
        let mut cmd = kill::respijt(db, &passphrase);
        cmd.args(["intake", "import"]).arg(&file).arg("--passphrase-file").arg(&handover_passphrase);
        cmd
    };
    let whole = kill::run_whole(import(&db(0)));
    let opened = kill::open_time(&dir.path().join("regisseur-0.db"), &passphrase);
    let all = counts(&check::open_with(&dir.path().join("regisseur-0.db"), common::PASSPHRASE).unwrap());
    let n = INTAKES as i64;
    assert_eq!(all, (empty.0 + n, empty.1 + n, empty.2 + n, empty.3 + 1));

    KillLoop { name: "hand-over import", whole, opened, dir: dir.path() }.run(
        |round| import(&db(round)),
        |round| {
            let store = check::whole(&dir.path().join(format!("regisseur-{}.db", round.round)), round);
            let here = counts(&store);
            assert!(here == empty || here == all, "{round}: {here:?} is neither nothing {empty:?} nor all {all:?}");
            assert!(!round.finished || here == all, "{round}: finished, so the hand-over is there");
        },
    );
}
