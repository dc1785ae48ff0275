//! A passphrase change (`respijt passphrase --new-file F`), killed: the
//! store opens with exactly one of the two passphrases, whole, every row kept.

use std::cell::Cell;

use respijt::audit::AuditAction;
use respijt::import::{self, ImportOptions};

use super::kill::{self, KillLoop};
use super::{check, common};

const ROWS: usize = 1_500;
const OTHER: &str = "vijf gele tulpen in de regen";

#[test]
fn a_killed_passphrase_change_leaves_a_store_that_opens_with_exactly_one_of_them() {
    let _alone = kill::alone();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("respijt.db");
    let files = [common::passphrase_file(dir.path()), common::write_in(dir.path(), "nieuw.txt", &format!("{OTHER}\n"))];
    let texts = [common::PASSPHRASE, OTHER];
    let caregivers = {
        let mut store = common::open(&db);
        let text = std::iter::once(common::HEADER.to_string())
            .chain((1..=ROWS).map(common::row))
            .collect::<Vec<_>>()
            .join("\n");
        let table = import::read_table_bytes("mantelzorgers.csv", text.as_bytes()).unwrap();
        import::import_caregivers(store.conn_mut(), &table, ImportOptions::default(), common::now()).unwrap();
        common::count(&store, "caregiver")
    };
    // From the passphrase `current` (0 or 1) to the other one.
    let change = |current: usize| {
        let mut cmd = kill::respijt(&db, &files[current]);
        cmd.args(["passphrase", "--new-file"]).arg(&files[1 - current]);
        cmd
    };
    let whole = kill::run_whole(change(0));
    let opened = kill::open_time(&db, &files[1]);

    let current = Cell::new(1);
    let (mut changes, mut unlogged) = (1, 0);
    KillLoop { name: "passphrase change", whole, opened, dir: dir.path() }.run(
        |_| change(current.get()),
        |round| {
            let mut opened: Vec<(usize, respijt::Store)> =
                (0..2).filter_map(|i| check::open_with(&db, texts[i]).map(|store| (i, store))).collect();
            let which: Vec<usize> = opened.iter().map(|(i, _)| *i).collect();
            assert_eq!(which.len(), 1, "{round}: the store opens with exactly one passphrase, not {which:?}");
            let (now, store) = opened.remove(0);
            assert!(!round.finished || now != current.get(), "{round}: finished, so the new passphrase opens it");
            check::is_whole(&store, round);
            assert_eq!(common::count(&store, "caregiver"), caregivers, "{round}: every row kept");
            changes += i64::from(now != current.get());
            current.set(now);
            // The audit line is written after the re-key, in a transaction of its own.
            let logged = check::audit_lines(&store, AuditAction::PassphraseChanged);
            assert!(logged <= changes, "{round}: {logged} audit lines for {changes} changes");
            unlogged = changes - logged;
        },
    );
    eprintln!(
        "passphrase change: {changes} changes, {unlogged} without their audit line (killed right after the re-key)"
    );
}
