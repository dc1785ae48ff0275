//! A long caregiver import, from CSV and from XLSX, killed: the import is
//! wholly there or not at all, with its audit line.

use std::path::{Path, PathBuf};

use respijt::audit::AuditAction;

use super::kill::{self, KillLoop};
use super::{check, common};

const ROWS: usize = 2_000;

/// The rows of person 1..=ROWS, their extern ids unique to `round`.
fn rows(round: usize) -> Vec<String> {
    (1..=ROWS).map(|n| common::row(n).replacen("MEE-", &format!("MEE-{round}-"), 1)).collect()
}

fn csv(dir: &Path, round: usize) -> PathBuf {
    let text = std::iter::once(common::HEADER.to_string()).chain(rows(round)).collect::<Vec<_>>().join("\n");
    common::write_in(dir, &format!("ronde-{round}.csv"), &text)
}

/// The same rows as an Excel workbook, every cell text as a person types it.
fn xlsx(dir: &Path, round: usize) -> PathBuf {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (r, line) in std::iter::once(common::HEADER.to_string()).chain(rows(round)).enumerate() {
        for (c, cell) in line.split(';').enumerate() {
            if !cell.is_empty() {
                sheet.write_string(r as u32, c as u16, cell).unwrap();
            }
        }
    }
    let path = dir.join(format!("ronde-{round}.xlsx"));
    workbook.save(&path).unwrap();
    path
}

fn killed_imports(name: &str, file: fn(&Path, usize) -> PathBuf) {
    let _alone = kill::alone();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("respijt.db");
    let passphrase = common::passphrase_file(dir.path());
    drop(common::open(&db));
    let import = |file: &Path| {
        let mut cmd = kill::respijt(&db, &passphrase);
        cmd.args(["import", "caregivers"]).arg(file);
        cmd
    };
    let whole = kill::run_whole(import(&file(dir.path(), 0)));
    let opened = kill::open_time(&db, &passphrase);

    let mut expected = ROWS as i64;
    let mut imports = 1;
    let files: Vec<PathBuf> = (1..=kill::KILLS).map(|round| file(dir.path(), round)).collect();
    let killing = KillLoop { name, whole, opened, dir: dir.path() };
    killing.run(
        |round| import(&files[round - 1]),
        |round| {
            let store = check::whole(&db, round);
            let count = common::count(&store, "caregiver");
            assert!(
                count == expected || count == expected + ROWS as i64,
                "{round}: {count} caregivers, expected {expected} or {}",
                expected + ROWS as i64
            );
            if count > expected {
                imports += 1;
            }
            assert_eq!(check::audit_lines(&store, AuditAction::Import), imports, "{round}: one audit line per import");
            assert!(!round.finished || count > expected, "{round}: finished, so the import is there");
            expected = count;
        },
    );
}

#[test]
fn a_killed_csv_import_leaves_the_store_whole_and_the_import_all_or_nothing() {
    killed_imports("caregiver import (CSV)", csv);
}

/// The app has no import screen yet; it will read a workbook the way the
/// CLI does (`import::read_table_bytes`, then `import::import_caregivers`).
#[test]
fn a_killed_xlsx_import_leaves_the_store_whole_and_the_import_all_or_nothing() {
    killed_imports("caregiver import (XLSX)", xlsx);
}
