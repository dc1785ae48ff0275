//! Hand-over between two laptops: two real stores in temp folders, a
//! consultant's and the director's.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;
mod intake_common;

use intake_common::{answers, full_input, person};
use respijt::caregiver::{self, dossier};
use respijt::import::{self, ImportOptions};
use respijt::intake::{self, AssessmentInput, IntakeStatus};
use respijt::{commands, Error, Store};

const PASSPHRASE: &str = "paard batterij nietje correct";

const TABLES: &[&str] = &["caregiver", "care_recipient", "caregiver_recipient", "intake", "burden_assessment"];

fn counts(store: &Store) -> Vec<i64> {
    TABLES.iter().map(|t| common::count(store, t)).collect()
}

/// The consultant's laptop with Ria's completed intake and two assessments.
fn consultant() -> (common::TestStore, i64) {
    let t = common::store();
    let (cg, rc) = person(&t.store, "Ria", "de Vries");
    let id = intake::complete_intake(t.store.conn(), None, &full_input(cg, rc), common::now()).unwrap().id;
    for (yes, on) in [(10, "10-11-2026"), (6, "20-11-2026")] {
        let input =
            AssessmentInput { instrument: "ediz_plus".into(), answers: answers(yes, 15), assessed_on: on.into() };
        intake::record_assessment(t.store.conn(), id, &input, common::now()).unwrap();
    }
    (t, id)
}

#[test]
fn everything_arrives_and_a_second_import_changes_nothing() {
    let (from, id) = consultant();
    let sent = intake::get_intake(from.store.conn(), id).unwrap();
    let file = commands::export_handover(&from.store, &[id], PASSPHRASE, common::now()).unwrap();

    let to = common::store();
    let report = commands::import_handover(&to.store, &file, PASSPHRASE, common::now()).unwrap();
    assert_eq!((report.intakes_new, report.intakes_already_present), (1, 0));
    assert_eq!((report.caregivers_matched, report.caregivers_created), (0, 1));
    assert!(report.to_confirm.is_empty());

    let cg = caregiver::search_caregivers(to.store.conn(), &Default::default()).unwrap().items[0].id;
    let got = &commands::intakes_of_caregiver(&to.store, cg).unwrap()[0];
    assert_eq!(got.handover_id, sent.handover_id);
    assert_eq!(got.fields, sent.fields, "every intake field arrives");
    assert_eq!(got.status, IntakeStatus::HandedOver);
    let scores: Vec<(i64, &str)> = got.assessments.iter().map(|a| (a.score, a.band.as_str())).collect();
    assert_eq!(scores, [(10, "zwaar"), (6, "matig")]);
    let (here, there) = (dossier(to.store.conn(), cg).unwrap(), dossier(from.store.conn(), sent.caregiver_id).unwrap());
    assert_eq!(here.form, there.form, "the caregiver arrives as registered");
    assert_eq!(here.recipients.len(), 1);
    assert_eq!(here.recipients[0].form, there.recipients[0].form, "and the recipient too");
    assert_eq!(got.recipient_id, Some(here.recipients[0].id));

    let before = counts(&to.store);
    let again = commands::import_handover(&to.store, &file, PASSPHRASE, common::now()).unwrap();
    assert_eq!((again.intakes_new, again.intakes_already_present), (0, 1));
    assert_eq!((again.caregivers_matched, again.caregivers_created), (0, 0));
    assert_eq!(counts(&to.store), before, "a second import writes nothing");
}

#[test]
fn a_wrong_passphrase_or_a_flipped_byte_is_refused_and_nothing_is_written() {
    let (from, id) = consultant();
    let file = commands::export_handover(&from.store, &[id], PASSPHRASE, common::now()).unwrap();
    let to = common::store();
    let before = counts(&to.store);

    let err = commands::import_handover(&to.store, &file, "paard batterij nietje", common::now()).unwrap_err();
    assert!(err.to_string().starts_with("Het wachtwoord klopt niet"), "{err}");

    let mut flipped = file.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x20;
    let err = commands::import_handover(&to.store, &flipped, PASSPHRASE, common::now()).unwrap_err();
    assert!(err.to_string().starts_with("Het bestand is beschadigd of aangepast"), "{err}");

    let err = commands::import_handover(&to.store, &file[..file.len() - 1], PASSPHRASE, common::now()).unwrap_err();
    assert!(err.to_string().starts_with("Het bestand is beschadigd"), "a cut-off file: {err}");
    let err = commands::import_handover(&to.store, b"{\"intakes\": []}", PASSPHRASE, common::now()).unwrap_err();
    assert!(err.to_string().starts_with("Het bestand is beschadigd"), "not an age file: {err}");
    assert_eq!(counts(&to.store), before, "nothing written");
}

#[test]
fn persons_are_matched_to_existing_dossiers() {
    let (from, id) = consultant();
    // A second caregiver on the consultant's laptop, known by an extern id.
    let csv = format!("{}\n{}", common::HEADER, common::row(7));
    let table = import::read_table_bytes("m.csv", csv.as_bytes()).unwrap();
    let mut from = from;
    import::import_caregivers(from.store.conn_mut(), &table, ImportOptions::default(), common::now()).unwrap();
    let other = caregiver::find_by_extern_id(from.store.conn(), "MEE-0007").unwrap().unwrap();
    let other_recipient = dossier(from.store.conn(), other).unwrap().recipients[0].id;
    let second = intake::complete_intake(from.store.conn(), None, &full_input(other, other_recipient), common::now())
        .unwrap()
        .id;
    let file = commands::export_handover(&from.store, &[id, second], PASSPHRASE, common::now()).unwrap();

    // The director already has Ria (typed in by hand) and MEE-0007 (imported).
    let mut to = common::store();
    let (ria_here, _) = person(&to.store, "Ria", "de Vries");
    import::import_caregivers(to.store.conn_mut(), &table, ImportOptions::default(), common::now()).unwrap();
    let before = common::count(&to.store, "caregiver");

    let report = commands::import_handover(&to.store, &file, PASSPHRASE, common::now()).unwrap();
    assert_eq!((report.caregivers_matched, report.caregivers_created), (2, 0));
    assert_eq!(common::count(&to.store, "caregiver"), before, "no new dossiers");
    assert_eq!(report.to_confirm.len(), 1, "only the match on name, date of birth and postcode needs confirming");
    let m = &report.to_confirm[0];
    assert_eq!((m.caregiver_id, m.name.as_str(), m.postcode.as_str()), (ria_here, "Ria de Vries", "3311 AB"));
    assert_eq!(m.intake_ids.len(), 1);
    assert_eq!(intake::get_intake(to.store.conn(), m.intake_ids[0]).unwrap().caregiver_id, ria_here);
}

#[test]
fn only_completed_intakes_leave_and_are_marked_once_written() {
    let (from, id) = consultant();
    let (cg, _) = person(&from.store, "Piet", "Bakker");
    let empty = intake::IntakeInput { caregiver_id: cg, ..Default::default() };
    let concept = intake::save_concept(from.store.conn(), None, &empty, common::now()).unwrap().intake.id;
    let err = commands::export_handover(&from.store, &[id, concept], PASSPHRASE, common::now()).unwrap_err();
    assert!(err.to_string().contains("nog een concept"), "{err}");
    assert!(matches!(commands::export_handover(&from.store, &[id], "kort", common::now()), Err(Error::Validation(_))));

    let path = from.dir.path().join("overdracht.age");
    commands::export_handover_to_file(&from.store, &[id], PASSPHRASE, &path, common::now()).unwrap();
    assert!(path.exists());
    assert_eq!(intake::get_intake(from.store.conn(), id).unwrap().status, IntakeStatus::HandedOver);
    let to = common::store();
    let report = commands::import_handover_file(&to.store, &path, PASSPHRASE, common::now()).unwrap();
    assert_eq!(report.intakes_new, 1);
}
