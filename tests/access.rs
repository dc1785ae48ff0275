//! Users and roles on one store: each role can and cannot do what it
//! should, through `commands` as the app calls them.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;
mod intake_common;

use respijt::access::{Role, UserInput};
use respijt::caregiver::{RegisterOutcome, SearchOptions};
use respijt::commands;
use respijt::export::ExportRequest;
use respijt::{Error, Store};

fn user(name: &str, role: Role) -> UserInput {
    UserInput {
        name: name.into(),
        role: Some(role),
        password: format!("{name}-wachtwoord"),
        repeat: format!("{name}-wachtwoord"),
    }
}

fn register(store: &Store, first: &str) -> i64 {
    let mut input = common::ria();
    input.first_name = first.into();
    match commands::register_caregiver(store, &input, true, common::now()).unwrap() {
        RegisterOutcome::Created { id } => id,
        other => panic!("{other:?}"),
    }
}

fn forbidden<T: std::fmt::Debug>(result: respijt::Result<T>) -> bool {
    matches!(result, Err(Error::Forbidden(_)))
}

/// A store with a director (who registered Ria), consultant Sanne and Fatima of finance.
fn store_with_users() -> (common::TestStore, i64) {
    let mut t = common::store();
    let ria = register(&t.store, "Ria");
    // The first user must be the director, who is then signed in.
    let err = commands::add_user(&mut t.store, &user("sanne", Role::Consultant), common::now()).unwrap_err();
    assert!(matches!(&err, Error::Validation(f) if f[0].field == "role"), "{err:?}");
    commands::add_user(&mut t.store, &user("marieke", Role::Director), common::now()).unwrap();
    assert_eq!(t.store.user().map(|u| u.name.as_str()), Some("marieke"));
    commands::add_user(&mut t.store, &user("sanne", Role::Consultant), common::now()).unwrap();
    let users = commands::add_user(&mut t.store, &user("fatima", Role::Finance), common::now()).unwrap();
    assert_eq!(users.len(), 3);
    (t, ria)
}

fn reopen(t: &common::TestStore) -> Store {
    common::open(t.store.path())
}

#[test]
fn once_there_are_users_nothing_is_allowed_before_signing_in() {
    let (t, ria) = store_with_users();
    let mut store = reopen(&t);
    assert!(store.sign_in_required());
    assert!(matches!(commands::get_dossier(&store, ria, common::now()), Err(Error::Locked(_))));
    assert!(matches!(commands::funding_dashboard(&store, 2026, common::now()), Err(Error::Locked(_))));
    // A wrong password and an unknown name get the same answer.
    let wrong = commands::sign_in(&mut store, "sanne", "niet-het-wachtwoord").unwrap_err().to_string();
    let unknown = commands::sign_in(&mut store, "onbekend", "sanne-wachtwoord").unwrap_err().to_string();
    assert_eq!(wrong, "Naam of wachtwoord klopt niet.");
    assert_eq!(unknown, wrong);
    // Passwords are argon2id hashes, the password itself is nowhere.
    let hash: String =
        store.conn().query_row("SELECT password_hash FROM app_user WHERE name = 'sanne'", [], |r| r.get(0)).unwrap();
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    assert!(!hash.contains("sanne-wachtwoord"));
}

#[test]
fn a_consultant_has_intakes_and_their_own_caseload_only() {
    let (t, ria) = store_with_users();
    // A client of the director's in crisis: on the director's attention list.
    let (other, recipient) = intake_common::person(&t.store, "Truus", "Crisis");
    let mut crisis = intake_common::full_input(other, recipient);
    crisis.urgency = respijt::intake::Urgency::Crisis;
    crisis.intake_date = "01-10-2026".into();
    crisis.follow_up_date = "01-11-2026".into();
    respijt::intake::complete_intake(t.store.conn(), None, &crisis, common::now()).unwrap();
    assert!(commands::attention_list(&t.store, common::now()).unwrap().iter().any(|i| i.caregiver_id == other));
    let mut store = reopen(&t);
    let status = commands::sign_in(&mut store, "Sanne", "sanne-wachtwoord").unwrap();
    let areas: std::collections::BTreeSet<_> =
        status.commands.iter().filter_map(|c| c.area()).map(|a| format!("{a:?}")).collect();
    assert_eq!(areas.into_iter().collect::<Vec<_>>(), ["Intakes", "Register"], "the register and the intakes only");

    let own = register(&store, "Greet");
    assert!(commands::get_dossier(&store, own, common::now()).is_ok());
    assert!(forbidden(commands::get_dossier(&store, ria, common::now())), "the director's client");
    assert!(forbidden(commands::audit_of_caregiver(&store, ria)));
    let found = commands::search_caregivers(&store, &SearchOptions::default()).unwrap();
    assert_eq!(found.items.iter().map(|c| c.id).collect::<Vec<_>>(), [own], "only her own in the list");
    assert!(
        commands::attention_list(&store, common::now()).unwrap().iter().all(|i| i.caregiver_id == own),
        "not the director's client in crisis"
    );
    assert!(commands::list_instruments(&store).is_ok());
    assert!(forbidden(commands::funding_dashboard(&store, 2026, common::now())));
    assert!(forbidden(commands::export_preview(&store, &ExportRequest::default(), common::now())));
    assert!(forbidden(commands::list_providers(&store)));
    assert!(forbidden(commands::list_users(&store)));
    // Her actions carry her name in the trail.
    let trail = commands::audit_of_caregiver(&store, own).unwrap();
    assert!(trail.iter().all(|e| e.actor == "sanne"), "{trail:?}");
}

#[test]
fn finance_has_funding_and_exports_and_no_dossier() {
    let (t, ria) = store_with_users();
    let mut store = reopen(&t);
    commands::sign_in(&mut store, "fatima", "fatima-wachtwoord").unwrap();
    assert!(commands::funding_dashboard(&store, 2026, common::now()).is_ok());
    let request = ExportRequest { period: "2026-Q4".into(), ..Default::default() };
    assert!(commands::export_preview(&store, &request, common::now()).is_ok());
    assert!(commands::list_providers(&store).is_ok(), "the tariffs");
    assert!(forbidden(commands::get_dossier(&store, ria, common::now())));
    assert!(forbidden(commands::search_caregivers(&store, &SearchOptions::default())));
    assert!(forbidden(commands::intakes_of_caregiver(&store, ria)));
    assert!(forbidden(commands::save_provider(&store, None, &Default::default(), common::now())));
    assert!(forbidden(commands::retention_overview(&store, common::now())));
}

#[test]
fn the_director_can_do_everything_and_manages_the_users() {
    let (t, ria) = store_with_users();
    let mut store = reopen(&t);
    commands::sign_in(&mut store, "marieke", "marieke-wachtwoord").unwrap();
    assert!(commands::get_dossier(&store, ria, common::now()).is_ok());
    assert!(commands::funding_dashboard(&store, 2026, common::now()).is_ok());
    assert!(commands::retention_overview(&store, common::now()).is_ok());
    assert_eq!(store.allowed_areas().len(), respijt::access::Area::ALL.len());

    let users = commands::list_users(&store).unwrap();
    let id_of = |name: &str| users.iter().find(|u| u.name == name).unwrap().id;
    let me = id_of("marieke");
    assert!(commands::disable_user(&mut store, me, common::now()).is_err(), "not herself");
    commands::disable_user(&mut store, id_of("sanne"), common::now()).unwrap();
    let mut other = reopen(&t);
    assert!(commands::sign_in(&mut other, "sanne", "sanne-wachtwoord").is_err(), "a disabled user cannot sign in");
    // The last director stays.
    respijt::access::disable_user(store.conn(), id_of("fatima"), common::now()).unwrap();
    let err = respijt::access::disable_user(store.conn(), me, common::now()).unwrap_err();
    assert!(err.to_string().contains("laatste regisseur"), "{err}");
}
