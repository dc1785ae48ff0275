//! A restore (`respijt restore FILE`), killed: the store is afterwards the
//! state it had or the backup's, never a mix of the two.

use std::cell::Cell;
use std::path::{Path, PathBuf};

use respijt::audit::AuditAction;
use respijt::Store;

use super::kill::{self, KillLoop};
use super::{check, common};

const ROWS: usize = 500;

/// What tells the two states apart: the caregivers, and the audit trail
/// without its restore lines (a restore adds one to the backup's trail).
fn state(store: &Store) -> (i64, i64, i64) {
    let conn = store.conn();
    let (caregivers, ids): (i64, i64) = conn
        .query_row("SELECT COUNT(*), COALESCE(SUM(id), 0) FROM caregiver", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    let trail = common::count(store, "audit_entry") - check::audit_lines(store, AuditAction::Restore);
    (caregivers, ids, trail)
}

fn import(db: &Path, passphrase: &Path, batch: usize) {
    let text = std::iter::once(common::HEADER.to_string())
        .chain((1..=ROWS).map(|n| common::row(n).replacen("MEE-", &format!("MEE-{batch}-"), 1)))
        .collect::<Vec<_>>()
        .join("\n");
    let file = common::write_in(db.parent().unwrap(), &format!("partij-{batch}.csv"), &text);
    let mut cmd = kill::respijt(db, passphrase);
    cmd.args(["import", "caregivers"]).arg(file);
    kill::run_whole(cmd);
}

/// A manual backup of the store now; returns its file.
fn backup(db: &Path, passphrase: &Path) -> PathBuf {
    let mut cmd = kill::respijt(db, passphrase);
    cmd.arg("backup");
    kill::run_whole(cmd);
    let dir = respijt::store::backup::backup_dir(db);
    let made = respijt::store::backup::list(&dir).unwrap();
    let newest = made.into_iter().find(|f| f.kind == respijt::store::backup::BackupKind::Manual).unwrap();
    // Out of the backups folder, so the rotation of safety backups never touches it.
    let kept = db.with_file_name(newest.path.file_name().unwrap());
    std::fs::rename(&newest.path, &kept).unwrap();
    kept
}

#[test]
fn a_killed_restore_leaves_the_old_state_or_the_backups_never_a_mix() {
    let _alone = kill::alone();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("respijt.db");
    let passphrase = common::passphrase_file(dir.path());
    drop(common::open(&db));
    import(&db, &passphrase, 1);
    let small = backup(&db, &passphrase);
    let small_state = state(&check::open_with(&small, common::PASSPHRASE).unwrap());
    import(&db, &passphrase, 2);
    let large = backup(&db, &passphrase);
    let large_state = state(&check::open_with(&large, common::PASSPHRASE).unwrap());
    assert_ne!(small_state, large_state);

    let restore = |file: &Path| {
        let mut cmd = kill::respijt(&db, &passphrase);
        cmd.arg("restore").arg(file);
        cmd
    };
    let whole = kill::run_whole(restore(&small));
    let opened = kill::open_time(&db, &passphrase);
    // Each round puts back the backup the store is not in now.
    let now = Cell::new(small_state);
    let target = |now: (i64, i64, i64)| if now == small_state { (&large, large_state) } else { (&small, small_state) };
    KillLoop { name: "restore", whole, opened, dir: dir.path() }.run(
        |_| restore(target(now.get()).0),
        |round| {
            let store = check::whole(&db, round);
            let (before, (_, wanted)) = (now.get(), target(now.get()));
            let here = state(&store);
            assert!(
                here == before || here == wanted,
                "{round}: {here:?} is neither {before:?} nor the backup's {wanted:?}"
            );
            assert!(!round.finished || here == wanted, "{round}: finished, so the backup is back");
            if here == wanted && here != before {
                // Restored: with its audit line, written in the same step.
                let newest: String = store
                    .conn()
                    .query_row("SELECT action FROM audit_entry ORDER BY id DESC LIMIT 1", [], |r| r.get(0))
                    .unwrap();
                assert_eq!(newest, AuditAction::Restore.code(), "{round}: the restore is in the audit trail");
            }
            now.set(here);
        },
    );
}
