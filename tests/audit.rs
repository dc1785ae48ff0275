//! The audit trail: who looked at and changed a dossier, every export, a
//! trail a data subject can have, and a hand-made change that shows.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use chrono::Duration;
use respijt::audit::{self, AuditAction};
use respijt::caregiver::RegisterOutcome;
use respijt::commands;
use respijt::export::ExportRequest;

fn ria(t: &common::TestStore) -> i64 {
    match commands::register_caregiver(&t.store, &common::ria(), false, common::now()).unwrap() {
        RegisterOutcome::Created { id } => id,
        other => panic!("{other:?}"),
    }
}

#[test]
fn looking_at_and_changing_a_dossier_is_recorded_with_who_and_when() {
    let t = common::store();
    audit::set_actor(t.store.conn(), "regisseur", "").unwrap();
    let id = ria(&t);
    let later = common::now() + Duration::minutes(5);
    commands::get_dossier(&t.store, id, later).unwrap();
    let mut input = common::ria();
    input.phone = "06-87654321".into();
    audit::set_actor(t.store.conn(), "Sanne (MEE)", "regisseur").unwrap();
    commands::update_caregiver(&t.store, id, &input, later + Duration::minutes(1)).unwrap();
    // Somebody else's dossier is not in hers.
    let mut other = common::ria();
    other.first_name = "Kees".into();
    other.date_of_birth = "01-01-1950".into();
    commands::register_caregiver(&t.store, &other, true, later).unwrap();

    let trail = commands::audit_of_caregiver(&t.store, id).unwrap();
    let seen: Vec<(AuditAction, &str, &str, &str)> =
        trail.iter().map(|e| (e.action, e.actor.as_str(), e.on_behalf_of.as_str(), e.at.as_str())).collect();
    assert_eq!(
        seen,
        [
            (AuditAction::DossierChanged, "Sanne (MEE)", "regisseur", "2026-11-23T10:06:00Z"),
            (AuditAction::DossierViewed, "regisseur", "", "2026-11-23T10:05:00Z"),
            (AuditAction::DossierCreated, "regisseur", "", "2026-11-23T10:00:00Z"),
        ],
        "newest first"
    );
    // A refused change is not recorded: nothing happened.
    let mut bad = common::ria();
    bad.postcode = "9999 ZZ".into();
    bad.date_of_birth = "kapot".into();
    assert!(commands::update_caregiver(&t.store, id, &bad, later).is_err());
    assert_eq!(commands::audit_of_caregiver(&t.store, id).unwrap().len(), 3);
    assert_eq!(audit::verify(t.store.conn()).unwrap().first_broken, None);
}

#[test]
fn an_export_is_recorded_without_names() {
    let t = common::store();
    ria(&t);
    let dir = tempfile::tempdir().unwrap();
    let request = ExportRequest { period: "2026-Q4".into(), ..Default::default() };
    commands::export_to_file(&t.store, &request, &dir.path().join("q4.csv"), "regisseur", common::now()).unwrap();
    let entries: Vec<(String, String)> = t
        .store
        .conn()
        .prepare("SELECT action, detail FROM audit_entry WHERE action = 'export'")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(entries.len(), 1);
    assert!(entries[0].1.starts_with("2026-Q4"), "{entries:?}");
    assert!(entries[0].1.contains("q4.csv"), "{entries:?}");
}

#[test]
fn the_trail_is_append_only_and_a_change_by_hand_is_detected() {
    let t = common::store();
    audit::set_actor(t.store.conn(), "regisseur", "").unwrap();
    let id = ria(&t);
    for minute in 1..=5 {
        commands::get_dossier(&t.store, id, common::now() + Duration::minutes(minute)).unwrap();
    }
    let conn = t.store.conn();
    let check = audit::verify(conn).unwrap();
    assert_eq!((check.entries, check.first_broken), (6, None));

    // Through SQL as the app uses it: refused.
    let err = conn.execute("UPDATE audit_entry SET actor = 'niemand' WHERE id = 3", []).unwrap_err();
    assert!(err.to_string().contains("kan niet worden gewijzigd"), "{err}");
    assert!(conn.execute("DELETE FROM audit_entry WHERE id = 3", []).is_err());

    // Around the triggers, as someone with the passphrase and a SQL tool could: it shows.
    conn.execute_batch("DROP TRIGGER audit_entry_no_update; DROP TRIGGER audit_entry_no_delete;").unwrap();
    conn.execute("UPDATE audit_entry SET actor = 'niemand' WHERE id = 3", []).unwrap();
    assert_eq!(audit::verify(conn).unwrap().first_broken, Some(3), "a changed entry");
    conn.execute("UPDATE audit_entry SET actor = 'regisseur' WHERE id = 3", []).unwrap();
    assert_eq!(audit::verify(conn).unwrap().first_broken, None, "put back as it was: whole again");
    conn.execute("DELETE FROM audit_entry WHERE id = 4", []).unwrap();
    assert_eq!(audit::verify(conn).unwrap().first_broken, Some(5), "a removed entry breaks the link of the next");
}

#[test]
fn a_data_subject_gets_their_whole_trail_and_that_is_recorded_too() {
    let t = common::store();
    audit::set_actor(t.store.conn(), "regisseur", "").unwrap();
    let id = ria(&t);
    commands::get_dossier(&t.store, id, common::now() + Duration::minutes(1)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("logboek.csv");
    assert_eq!(commands::export_audit_trail(&t.store, id, &file, common::now() + Duration::minutes(2)).unwrap(), 2);
    let text = std::fs::read_to_string(&file).unwrap();
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines[0], "wanneer (UTC);wie;namens;wat;toelichting");
    assert_eq!(lines[1], "2026-11-23T10:00:00Z;regisseur;;Dossier aangemaakt;");
    assert_eq!(lines[2], "2026-11-23T10:01:00Z;regisseur;;Dossier bekeken;");
    let newest = &commands::audit_of_caregiver(&t.store, id).unwrap()[0];
    assert_eq!(newest.action, AuditAction::TrailExport);
}
