//! Hand-over both ways: the director sends a consultant their caseload in
//! one file, and a consultant puts several caregivers' intakes in one file.
//! Real stores in temp folders, through `commands` as the app calls them.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;
mod intake_common;

use chrono::{TimeZone, Utc};
use intake_common::{full_input, person};
use respijt::access::{Role, UserInput};
use respijt::caregiver::SearchOptions;
use respijt::intake::{self, AttentionKind, IntakeStatus};
use respijt::{commands, Error, Store};

const PASSPHRASE: &str = "paard batterij nietje correct";

const TABLES: &[&str] = &["caregiver", "care_recipient", "caregiver_recipient", "intake", "burden_assessment"];

fn counts(store: &Store) -> Vec<i64> {
    TABLES.iter().map(|t| common::count(store, t)).collect()
}

fn user(name: &str, role: Role) -> UserInput {
    let password = format!("{name}-wachtwoord");
    UserInput { name: name.into(), role: Some(role), password: password.clone(), repeat: password }
}

/// Reopens the store and signs `name` in.
fn signed_in(t: &common::TestStore, name: &str) -> Store {
    let mut store = common::open(t.store.path());
    store.sign_in(name, &format!("{name}-wachtwoord")).unwrap();
    store
}

fn id_of(store: &Store, name: &str) -> i64 {
    commands::list_consultants(store).unwrap().into_iter().find(|c| c.name == name).unwrap().user_id
}

/// The director's store: Ria (an intake in progress, follow-up on
/// 10-12-2026) and Piet (no intake, his partner Kees) for Sanne; Anna
/// (a completed intake) for Joost.
struct Director {
    t: common::TestStore,
    ria: i64,
    piet: i64,
    anna_intake: i64,
}

fn director() -> Director {
    let mut t = common::store();
    for (name, role) in [("marieke", Role::Director), ("sanne", Role::Consultant), ("joost", Role::Consultant)] {
        commands::add_user(&mut t.store, &user(name, role), common::now()).unwrap();
    }
    let (ria, kees) = person(&t.store, "Ria", "de Vries");
    let intake = intake::complete_intake(t.store.conn(), None, &full_input(ria, kees), common::now()).unwrap().id;
    intake::change_status(t.store.conn(), intake, IntakeStatus::InProgress, common::now()).unwrap();
    let (piet, _) = person(&t.store, "Piet", "Bakker");
    let (anna, anna_recipient) = person(&t.store, "Anna", "Jansen");
    let anna_intake =
        intake::complete_intake(t.store.conn(), None, &full_input(anna, anna_recipient), common::now()).unwrap().id;
    let (sanne, joost) = (id_of(&t.store, "sanne"), id_of(&t.store, "joost"));
    for (caregiver, who) in [(ria, sanne), (piet, sanne), (anna, joost)] {
        commands::set_consultants(&t.store, caregiver, &[who], common::now()).unwrap();
    }
    Director { t, ria, piet, anna_intake }
}

#[test]
fn the_director_assigns_a_caseload_and_it_is_in_the_trail() {
    let d = director();
    let store = &d.t.store;
    let ticked = |id| -> Vec<(String, bool)> {
        commands::consultants_of(store, id).unwrap().into_iter().map(|c| (c.name, c.in_caseload)).collect()
    };
    assert_eq!(ticked(d.ria), [("joost".to_string(), false), ("sanne".to_string(), true)]);
    let both = [id_of(store, "sanne"), id_of(store, "joost")];
    commands::set_consultants(store, d.ria, &both, common::now()).unwrap();
    assert_eq!(ticked(d.ria), [("joost".to_string(), true), ("sanne".to_string(), true)]);
    commands::set_consultants(store, d.ria, &[], common::now()).unwrap();
    assert_eq!(ticked(d.ria), [("joost".to_string(), false), ("sanne".to_string(), false)]);
    let trail = commands::audit_of_caregiver(store, d.ria).unwrap();
    assert!(trail.iter().any(|e| e.detail == "consulenten: joost, sanne"), "{trail:?}");
    assert!(trail.iter().any(|e| e.detail == "consulenten: geen"), "{trail:?}");

    // A user who is not an active consultant is refused, and nothing changes.
    let marieke = store.user().unwrap().id;
    let err = commands::set_consultants(store, d.ria, &[both[0], marieke], common::now()).unwrap_err();
    assert!(err.to_string().contains("geen actieve consulent"), "{err}");
    assert_eq!(ticked(d.ria), [("joost".to_string(), false), ("sanne".to_string(), false)]);
}

#[test]
fn the_director_sends_a_caseload_and_the_consultant_reads_it_once() {
    let d = director();
    let sanne = id_of(&d.t.store, "sanne");
    let path = d.t.dir.path().join("caseload-sanne.age");
    let sent = commands::export_caseload_to_file(&d.t.store, sanne, PASSPHRASE, &path, common::now()).unwrap();
    assert_eq!((sent.caregivers, sent.intakes, sent.follow_ups), (2, 1, 1));
    let trail = commands::audit_of_caregiver(&d.t.store, d.piet).unwrap();
    assert!(trail.iter().any(|e| e.detail == "naar consulent sanne"), "Piet's trail says his data left: {trail:?}");

    // Sanne's laptop: its own store, where she signs in as a consultant.
    let mut laptop = common::store();
    commands::add_user(&mut laptop.store, &user("beheer", Role::Director), common::now()).unwrap();
    commands::add_user(&mut laptop.store, &user("sanne", Role::Consultant), common::now()).unwrap();
    let store = signed_in(&laptop, "sanne");
    assert!(commands::search_caregivers(&store, &SearchOptions::default()).unwrap().items.is_empty());

    let report = commands::import_handover_file(&store, &path, PASSPHRASE, common::now()).unwrap();
    assert_eq!((report.intakes_new, report.caregivers_created, report.follow_ups_new), (1, 2, 1));
    let mine = commands::search_caregivers(&store, &SearchOptions::default()).unwrap().items;
    let mut names: Vec<&str> = mine.iter().map(|c| c.first_name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, ["Piet", "Ria"], "both are in Sanne's caseload now");

    let piet = mine.iter().find(|c| c.first_name == "Piet").unwrap().id;
    let dossier = commands::get_dossier(&store, piet, common::now()).unwrap();
    let recipients: Vec<&str> = dossier.recipients.iter().map(|r| r.first_name.as_str()).collect();
    assert_eq!(recipients, ["Kees"], "a person without an intake comes with their recipient");
    let ria = mine.iter().find(|c| c.first_name == "Ria").unwrap().id;
    let intakes = commands::intakes_of_caregiver(&store, ria).unwrap();
    assert_eq!(intakes[0].status, IntakeStatus::InProgress, "the intake keeps its status");

    // On the follow-up date, Ria is on Sanne's attention list.
    let follow_up_day = Utc.with_ymd_and_hms(2026, 12, 10, 9, 0, 0).unwrap();
    let attention = commands::attention_list(&store, follow_up_day).unwrap();
    assert_eq!(attention.len(), 1, "{attention:?}");
    assert_eq!(attention[0].caregiver_id, ria);
    assert!(attention[0].reasons.iter().any(|r| r.kind == AttentionKind::FollowUpDue), "{attention:?}");

    let before = counts(&store);
    let again = commands::import_handover_file(&store, &path, PASSPHRASE, common::now()).unwrap();
    assert_eq!((again.intakes_new, again.intakes_already_present, again.caregivers_created), (0, 1, 0));
    assert_eq!(counts(&store), before, "a second import writes nothing");
    assert_eq!(commands::search_caregivers(&store, &SearchOptions::default()).unwrap().items.len(), 2);
}

#[test]
fn a_consultant_cannot_send_or_assign_a_caseload() {
    let d = director();
    let store = signed_in(&d.t, "sanne");
    let joost = id_of(&d.t.store, "joost");
    let path = d.t.dir.path().join("joost.age");
    let sent = commands::export_caseload_to_file(&store, joost, PASSPHRASE, &path, common::now());
    assert!(matches!(sent, Err(Error::Forbidden(_))), "{sent:?}");
    assert!(!path.exists());
    let assigned = commands::set_consultants(&store, d.ria, &[joost], common::now());
    assert!(matches!(assigned, Err(Error::Forbidden(_))), "{assigned:?}");
    // Her batch holds her own completed intakes only: Anna's is Joost's.
    let candidates = commands::handover_candidates(&store).unwrap();
    assert!(candidates.iter().all(|c| c.intake_id != d.anna_intake), "{candidates:?}");
    let director = signed_in(&d.t, "marieke");
    let all: Vec<i64> = commands::handover_candidates(&director).unwrap().iter().map(|c| c.intake_id).collect();
    assert_eq!(all, [d.anna_intake], "the director sees every completed intake");
}

#[test]
fn a_consultant_puts_two_caregivers_intakes_in_one_file() {
    let laptop = common::store();
    for (first, last) in [("Ria", "de Vries"), ("Piet", "Bakker")] {
        let (cg, rc) = person(&laptop.store, first, last);
        intake::complete_intake(laptop.store.conn(), None, &full_input(cg, rc), common::now()).unwrap();
    }
    let candidates = commands::handover_candidates(&laptop.store).unwrap();
    let names: Vec<&str> = candidates.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Piet Bakker", "Ria de Vries"], "by name, across caregivers");
    let picked: Vec<i64> = candidates.iter().map(|c| c.intake_id).collect();
    let path = laptop.dir.path().join("batch.age");
    assert_eq!(commands::export_handover_to_file(&laptop.store, &picked, PASSPHRASE, &path, common::now()).unwrap(), 2);
    assert!(commands::handover_candidates(&laptop.store).unwrap().is_empty(), "both have left the laptop");

    let regional = common::store();
    let report = commands::import_handover_file(&regional.store, &path, PASSPHRASE, common::now()).unwrap();
    assert_eq!((report.intakes_new, report.caregivers_created), (2, 2));
    let found = commands::search_caregivers(&regional.store, &SearchOptions::default()).unwrap().items;
    for c in &found {
        let intakes = commands::intakes_of_caregiver(&regional.store, c.id).unwrap();
        assert_eq!(intakes.len(), 1, "{} has their own intake", c.first_name);
        assert_eq!(intakes[0].status, IntakeStatus::HandedOver);
    }
    assert_eq!(found.len(), 2);
}
