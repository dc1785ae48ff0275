//! Seals of the audit trail: cutting off its end, or writing the whole
//! chain anew with fresh hashes, passes the chain's own check but not a
//! comparison with a seal made before (in a backup, an export-log line, the
//! seal file, one kept off the laptop). A restore is no cut.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use chrono::Duration;
use respijt::audit::{self, seal, seal::SealStatus};
use respijt::caregiver::RegisterOutcome;
use respijt::commands;
use respijt::export::ExportRequest;
use respijt::store::backup::BackupKind;

/// A dossier made and viewed five times: six entries.
fn six_entries(t: &common::TestStore) -> i64 {
    audit::set_actor(t.store.conn(), "regisseur", "").unwrap();
    let id = match commands::register_caregiver(&t.store, &common::ria(), false, common::now()).unwrap() {
        RegisterOutcome::Created { id } => id,
        other => panic!("{other:?}"),
    };
    for minute in 1..=5 {
        commands::get_dossier(&t.store, id, common::now() + Duration::minutes(minute)).unwrap();
    }
    assert_eq!(audit::verify(t.store.conn()).unwrap().entries, 6);
    id
}

/// A raw connection to the store file with the triggers gone, as someone
/// with the passphrase and a SQL tool has.
fn around_the_triggers(t: &common::TestStore) -> rusqlite::Connection {
    let conn = common::keyed(&t.dir.path().join("respijt.db"));
    conn.execute_batch("DROP TRIGGER audit_entry_no_update; DROP TRIGGER audit_entry_no_delete;").unwrap();
    conn
}

/// Removes entry `gone` and writes every entry after it anew: numbers,
/// links and hashes as the app would have made them, so the chain is whole.
fn rewrite_without(conn: &rusqlite::Connection, gone: i64) {
    type Row = (String, String, String, String, Option<i64>, String);
    let rows: Vec<Row> = conn
        .prepare(
            "SELECT at, actor, on_behalf_of, action, caregiver_id, detail FROM audit_entry WHERE id <> ?1 ORDER BY id",
        )
        .unwrap()
        .query_map([gone], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    conn.execute("DELETE FROM audit_entry", []).unwrap();
    let mut prev = "0".repeat(64);
    for (n, (at, actor, behalf, action, caregiver, detail)) in rows.iter().enumerate() {
        let id = n as i64 + 1;
        let hash = audit::entry_hash(&prev, id, at, actor, behalf, action, *caregiver, detail);
        conn.execute(
            "INSERT INTO audit_entry (id, at, actor, on_behalf_of, action, caregiver_id, detail, prev_hash, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            rusqlite::params![id, at, actor, behalf, action, caregiver, detail, prev, hash],
        )
        .unwrap();
        prev = hash;
    }
}

fn failures(findings: &[seal::SealFinding]) -> Vec<(SealStatus, &str)> {
    findings.iter().filter(|f| f.is_failure()).map(|f| (f.status, f.message.as_str())).collect()
}

#[test]
fn entries_cut_off_the_end_are_missed_by_the_chain_but_not_by_the_seals() {
    let t = common::store();
    six_entries(&t);
    t.store.backup(BackupKind::Manual, common::now() + Duration::minutes(10)).unwrap();
    // A seal kept off the laptop.
    let usb = tempfile::tempdir().unwrap();
    let kept = usb.path().join("logboek.zegel");
    seal::write(&seal::head(t.store.conn(), common::now()).unwrap(), &kept).unwrap();
    assert!(failures(&seal::check_all(&t.store, Some(&kept)).unwrap()).is_empty());

    around_the_triggers(&t).execute("DELETE FROM audit_entry WHERE id > 4", []).unwrap();
    assert_eq!(audit::verify(t.store.conn()).unwrap().first_broken, None, "the chain alone sees nothing");
    let findings = seal::check_all(&t.store, None).unwrap();
    let failed = failures(&findings);
    assert_eq!(failed.len(), 3, "the seal file, its copy and the backup: {findings:#?}");
    assert!(failed.iter().all(|(status, _)| *status == SealStatus::Shorter), "{failed:?}");
    let backup = failed.iter().find(|(_, m)| m.contains("de back-up respijtregie-")).unwrap();
    assert!(
        backup.1.contains("korter dan") && backup.1.contains("telt 6 regels") && backup.1.contains("nog 4"),
        "{backup:?}"
    );

    // Whoever cut the trail also removes what is on the laptop: the seal kept elsewhere still shows it.
    std::fs::remove_dir_all(t.store.backup_dir()).unwrap();
    std::fs::remove_file(seal::file_beside(t.store.path())).unwrap();
    let findings = seal::check_all(&t.store, Some(&kept)).unwrap();
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0].status, SealStatus::Shorter);
    assert!(
        findings[0].message.starts_with("Het logboek is korter dan het opgegeven zegel"),
        "{}",
        findings[0].message
    );
}

#[test]
fn a_chain_written_anew_with_fresh_hashes_differs_from_the_seal() {
    let t = common::store();
    let id = six_entries(&t);
    t.store.backup(BackupKind::Manual, common::now() + Duration::minutes(10)).unwrap();

    // The third entry (a look at the dossier) is taken out and every hash after it made anew.
    rewrite_without(&around_the_triggers(&t), 3);
    // The app goes on: the trail is as long as the seal again, and longer.
    for minute in 11..=12 {
        commands::get_dossier(&t.store, id, common::now() + Duration::minutes(minute)).unwrap();
    }
    let check = audit::verify(t.store.conn()).unwrap();
    assert_eq!((check.entries, check.first_broken), (7, None), "the chain alone sees nothing");

    let findings = seal::check_all(&t.store, None).unwrap();
    let failed = failures(&findings);
    assert_eq!(failed.len(), 3, "{findings:#?}");
    assert!(failed.iter().all(|(status, m)| *status == SealStatus::Differs && m.contains("wijkt af")), "{failed:?}");
    assert!(failed.iter().all(|(_, m)| m.contains("regel 6")), "the sealed entry is named: {failed:?}");
}

#[test]
fn an_untouched_trail_fits_the_seals_of_a_backup_an_export_and_the_seal_file() {
    let t = common::store();
    let id = six_entries(&t);
    t.store.backup(BackupKind::Manual, common::now() + Duration::minutes(10)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let request = ExportRequest { period: "2026-Q4".into(), ..Default::default() };
    let later = common::now() + Duration::minutes(20);
    commands::export_to_file(&t.store, &request, &dir.path().join("q4.csv"), "regisseur", later).unwrap();
    // The export's line seals the trail with the export's own entry in it.
    let (sealed, action): (i64, String) = t
        .store
        .conn()
        .query_row(
            "SELECT l.audit_entries, a.action FROM export_log l JOIN audit_entry a ON a.id = l.audit_entries",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((sealed, action.as_str()), (7, "export"));
    seal::write_beside(t.store.conn(), t.store.path(), later).unwrap();
    commands::get_dossier(&t.store, id, later + Duration::minutes(1)).unwrap();

    let findings = seal::check_all(&t.store, None).unwrap();
    let seen: Vec<(SealStatus, i64)> = findings.iter().map(|f| (f.status, f.seal.as_ref().unwrap().entries)).collect();
    assert_eq!(seen, [(SealStatus::Fits, 7), (SealStatus::Fits, 7), (SealStatus::Fits, 7), (SealStatus::Fits, 6)]);
    let sources: Vec<&str> = findings.iter().map(|f| f.source.as_str()).collect();
    assert!(sources[0].starts_with("het zegelbestand naast de opslag"), "{sources:?}");
    assert!(sources[1].starts_with("het zegelbestand in de back-upmap"), "{sources:?}");
    assert!(sources[2].starts_with("het zegel in het exportlog"), "{sources:?}");
    assert!(sources[3].starts_with("de back-up respijtregie-"), "{sources:?}");
}

#[test]
fn putting_a_backup_back_is_no_cut_but_a_seal_from_elsewhere_shows_what_it_took_out() {
    let t = common::store();
    let id = six_entries(&t);
    let made = t.store.backup(BackupKind::Manual, common::now() + Duration::minutes(10)).unwrap();
    for minute in 11..=13 {
        commands::get_dossier(&t.store, id, common::now() + Duration::minutes(minute)).unwrap();
    }
    let usb = tempfile::tempdir().unwrap();
    let kept = usb.path().join("logboek.zegel");
    seal::write(&seal::head(t.store.conn(), common::now() + Duration::minutes(14)).unwrap(), &kept).unwrap();
    let mut store = t.store;
    store.restore(&made.path, &common::passphrase(), common::now() + Duration::minutes(15)).unwrap();

    let findings = seal::check_all(&store, None).unwrap();
    assert!(failures(&findings).is_empty(), "{findings:#?}");
    let before = findings.iter().find(|f| f.status == SealStatus::BeforeRestore).unwrap();
    assert!(before.message.contains("vóór het terugzetten"), "{}", before.message);

    let findings = seal::check_all(&store, Some(&kept)).unwrap();
    let failed = failures(&findings);
    assert_eq!(failed.len(), 1, "{findings:#?}");
    assert!(failed[0].1.contains("een back-up teruggezet"), "{}", failed[0].1);
}

#[test]
fn a_damaged_seal_file_or_a_backup_that_does_not_open_is_skipped_and_said() {
    let t = common::store();
    six_entries(&t);
    t.store.backup(BackupKind::Manual, common::now()).unwrap();
    std::fs::write(seal::file_beside(t.store.path()), "geen zegel").unwrap();
    std::fs::write(t.store.backup_dir().join("respijtregie-20260101-000000-handmatig.db"), "kapot").unwrap();
    let findings = seal::check_all(&t.store, None).unwrap();
    let skipped: Vec<&str> =
        findings.iter().filter(|f| f.status == SealStatus::Skipped).map(|f| f.message.as_str()).collect();
    assert_eq!(skipped.len(), 2, "{findings:#?}");
    assert!(skipped[0].contains("niet te lezen"), "{skipped:?}");
    assert!(skipped[1].contains("overgeslagen"), "{skipped:?}");
    assert!(failures(&findings).is_empty());
    // A seal a person names must be readable: that is an error, not a skip.
    assert!(seal::check_all(&t.store, Some(&seal::file_beside(t.store.path()))).is_err());
}
