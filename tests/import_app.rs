//! Importing spreadsheets from the app: a preview that names every refused
//! row and keeps nothing, then the confirm, all or nothing, refused when the
//! file changed since its preview. Through `respijt::commands`, as the
//! Importeren screen calls them, on a store that starts empty.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use respijt::commands;
use respijt::import::ImportKind;

fn caregivers_file(rows: &[String]) -> String {
    let mut text = String::from(common::HEADER);
    for r in rows {
        text.push('\n');
        text.push_str(r);
    }
    text.push('\n');
    text
}

#[test]
fn a_preview_names_the_bad_row_keeps_nothing_and_the_fixed_file_is_imported_whole() {
    let mut t = common::store();
    let mut rows: Vec<String> = (1..=3).map(common::row).collect();
    rows[1] = rows[1].replace("3311 AB", "3311 SA"); // row 2: a postcode that cannot exist
    let path = common::write(&t.dir, "mantelzorgers.csv", &caregivers_file(&rows));

    let preview = commands::preview_import(&mut t.store, ImportKind::Caregivers, &path, common::now()).unwrap();
    assert_eq!((preview.rows, preview.added, preview.changed), (3, 2, 0), "the two good rows would be added");
    assert_eq!(preview.refused.len(), 1, "{:?}", preview.refused);
    assert_eq!((preview.refused[0].row, preview.refused[0].column.as_str()), (2, "postcode"));
    assert!(!preview.written);
    assert_eq!(common::count(&t.store, "caregiver"), 0, "a preview keeps nothing");
    assert_eq!(common::count(&t.store, "audit_entry WHERE action = 'import'"), 0, "nor an audit line");

    // Confirming the file with its bad row writes nothing: all or nothing.
    let refused =
        commands::import_file(&mut t.store, ImportKind::Caregivers, &path, &preview.fingerprint, common::now())
            .unwrap();
    assert!(!refused.written);
    assert_eq!(refused.refused.len(), 1);
    assert_eq!(common::count(&t.store, "caregiver"), 0);

    // Fixed in the spreadsheet: the old preview no longer fits the file.
    rows[1] = rows[1].replace("3311 SA", "3311 AB");
    std::fs::write(&path, caregivers_file(&rows)).unwrap();
    let stale = commands::import_file(&mut t.store, ImportKind::Caregivers, &path, &preview.fingerprint, common::now());
    let message = stale.unwrap_err().to_string();
    assert!(message.contains("veranderd sinds de controle"), "{message}");
    assert_eq!(common::count(&t.store, "caregiver"), 0);

    let again = commands::preview_import(&mut t.store, ImportKind::Caregivers, &path, common::now()).unwrap();
    assert_eq!((again.added, again.refused.len()), (3, 0));
    let done =
        commands::import_file(&mut t.store, ImportKind::Caregivers, &path, &again.fingerprint, common::now()).unwrap();
    assert!(done.written);
    assert_eq!((done.added, done.changed), (3, 0), "what the preview said is what was done");
    assert_eq!(common::count(&t.store, "caregiver"), 3);

    // The same file again: every person is known, nothing is added.
    let repeat = commands::preview_import(&mut t.store, ImportKind::Caregivers, &path, common::now()).unwrap();
    assert_eq!((repeat.added, repeat.changed), (0, 3));
}

#[test]
fn budgets_previewed_added_and_then_changed_the_funding_follows_only_the_confirm() {
    let mut t = common::store();
    let path =
        common::write(&t.dir, "budgetten.csv", "gemeente;jaar;budget\nDordrecht;2026;10.000,00\nGM0512;2026;2.500\n");
    let preview = commands::preview_import(&mut t.store, ImportKind::Budgets, &path, common::now()).unwrap();
    assert_eq!((preview.added, preview.changed, preview.refused.len()), (2, 0, 0));
    assert_eq!(common::count(&t.store, "budget"), 0, "a preview sets no budget");

    let done =
        commands::import_file(&mut t.store, ImportKind::Budgets, &path, &preview.fingerprint, common::now()).unwrap();
    assert!(done.written);
    let cents: i64 = t
        .store
        .conn()
        .query_row("SELECT cents FROM budget WHERE municipality_code = 'GM0505' AND year = 2026", [], |r| r.get(0))
        .unwrap();
    assert_eq!(cents, 1_000_000);

    let raised = common::write(&t.dir, "budgetten-2.csv", "gemeente;jaar;budget\nDordrecht;2026;12.000\n");
    let preview = commands::preview_import(&mut t.store, ImportKind::Budgets, &raised, common::now()).unwrap();
    assert_eq!((preview.added, preview.changed), (0, 1));
}

#[test]
fn a_bad_budget_row_is_named_by_row_and_column() {
    let mut t = common::store();
    let path = common::write(&t.dir, "budgetten.csv", "gemeente;jaar;budget\nDordrecht;2026;10.000\nAtlantis;2026;5\n");
    let preview = commands::preview_import(&mut t.store, ImportKind::Budgets, &path, common::now()).unwrap();
    assert_eq!(preview.refused.len(), 1);
    let bad = &preview.refused[0];
    assert_eq!((bad.row, bad.column.as_str()), (2, "gemeente"));
    assert!(bad.message.contains("Atlantis"), "{}", bad.message);
}

#[test]
fn the_kinds_offered_are_those_the_user_may_import() {
    let t = common::store();
    let kinds: Vec<ImportKind> = commands::import_kinds(&t.store).unwrap().into_iter().map(|k| k.kind).collect();
    assert_eq!(kinds, ImportKind::ALL, "without users (one director) every kind");
    let caregivers = commands::import_kinds(&t.store).unwrap().remove(0);
    assert!(caregivers.columns.contains(&"geboortedatum".to_string()));
    assert!(caregivers.explanation.contains("extern_id"));
}

#[test]
fn a_statement_preview_books_nothing_and_its_confirm_books_what_it_said() {
    use respijt::caregiver::{add_recipient, register_caregiver, RecipientInput, RegisterOutcome};
    let mut t = common::store();
    let conn = t.store.conn();
    let RegisterOutcome::Created { id } = register_caregiver(conn, &common::ria(), false, common::now()).unwrap()
    else {
        panic!("not created")
    };
    conn.execute("UPDATE caregiver SET extern_id = 'MZ-1' WHERE id = ?1", [id]).unwrap();
    let mother = RecipientInput {
        first_name: "Truus".into(),
        last_name: "de Vries".into(),
        date_of_birth: "02-02-1931".into(),
        relationship: "moeder".into(),
        ..Default::default()
    };
    add_recipient(conn, id, &mother, common::now()).unwrap();
    let path = common::write(
        &t.dir,
        "overzicht.csv",
        "extern_id;mantelzorger_id;aanbieder_id;dienst;datum;start;eind;status\nZM-1;MZ-1;zorgmies;thuis;2026-11-02;09:00;12:00;uitgevoerd\n",
    );
    let preview = commands::preview_import(&mut t.store, ImportKind::Statement, &path, common::now()).unwrap();
    assert_eq!((preview.added, preview.refused.len()), (1, 0), "{:?}", preview.refused);
    assert!(preview.notes.iter().any(|n| n.contains("niet gepland")), "{:?}", preview.notes);
    assert!(
        preview
            .notes
            .iter()
            .any(|n| n == "bij 1 regel is de mantelzorger gevonden op nummer bij aanbieder of gemeente"),
        "{:?}",
        preview.notes
    );
    assert_eq!(common::count(&t.store, "session"), 0, "a preview plans nothing");
    assert_eq!(common::count(&t.store, "ledger_entry"), 0, "and books nothing");

    let done =
        commands::import_file(&mut t.store, ImportKind::Statement, &path, &preview.fingerprint, common::now()).unwrap();
    assert_eq!((done.added, done.written), (1, true));
    assert_eq!(common::count(&t.store, "session"), 1);
    assert!(common::count(&t.store, "ledger_entry") > 0, "the delivered session is booked");
}
