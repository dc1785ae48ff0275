//! The app's command surface as the UI reaches it: a command's name and the
//! JSON of its arguments go through `commands::surface::dispatch_by_name`,
//! exactly as the desktop shell hands them over. On a real store file.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use common::app::{call, ok};
use respijt::commands::{App, Command};
use serde_json::{json, Value};

fn commands_of(status: &Value) -> Vec<String> {
    status["commands"].as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_string()).collect()
}

fn new_app() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let app = App::new(dir.path().join("respijt.db"));
    (dir, app)
}

fn open_app() -> (tempfile::TempDir, App) {
    let (dir, mut app) = new_app();
    let passphrase = common::PASSPHRASE;
    ok(&mut app, "create_store", json!({ "passphrase": passphrase, "repeat": passphrase }));
    (dir, app)
}

#[test]
fn a_locked_app_offers_only_its_gate() {
    let (_dir, mut app) = new_app();
    let status = ok(&mut app, "store_status", Value::Null);
    assert_eq!(status["open"], json!(false));
    let offered = commands_of(&status);
    assert!(offered.contains(&"create_store".to_string()));
    assert!(!offered.contains(&"search_caregivers".to_string()), "{offered:?}");
    let err = call(&mut app, "search_caregivers", json!({ "options": { "query": "ria" } })).unwrap_err();
    assert_eq!(err.message, "De opslag is vergrendeld; vul de wachtwoordzin in.");
}

#[test]
fn the_ui_json_registers_finds_and_opens_a_dossier() {
    let (_dir, mut app) = open_app();
    let input = serde_json::to_value(common::ria()).unwrap();
    let outcome = ok(&mut app, "register_caregiver", json!({ "input": input, "allowTwin": false }));
    let id = outcome["id"].as_i64().unwrap_or_else(|| panic!("{outcome}"));
    let found = ok(&mut app, "search_caregivers", json!({ "options": { "query": "Vries" } }));
    assert_eq!(found["items"][0]["id"], json!(id), "{found}");
    let dossier = ok(&mut app, "get_dossier", json!({ "id": id }));
    assert_eq!(dossier["caregiver"]["firstName"], json!("Ria"), "{dossier}");
}

#[test]
fn unknown_commands_and_arguments_are_refused_in_dutch() {
    let (_dir, mut app) = open_app();
    let err = call(&mut app, "zoek_mantelzorgers", Value::Null).unwrap_err();
    assert!(err.message.contains("kent de opdracht 'zoek_mantelzorgers' niet"), "{}", err.message);
    // A key the core does not know (a rename in Rust the UI missed) is not ignored.
    let err = call(&mut app, "get_dossier", json!({ "dossierId": 1 })).unwrap_err();
    assert!(err.message.contains("onverwachte gegevens door aan 'get_dossier'"), "{}", err.message);
}

#[test]
fn every_command_the_status_leaves_out_is_refused_and_the_rest_is_offered() {
    let (_dir, mut app) = open_app();
    ok(
        &mut app,
        "add_user",
        json!({ "input": { "name": "marieke", "role": "regisseur", "password": "marieke-wachtwoord", "repeat": "marieke-wachtwoord" } }),
    );
    for (name, role) in [("fatima", "financien"), ("kees", "consulent")] {
        let password = format!("{name}-wachtwoord");
        ok(
            &mut app,
            "add_user",
            json!({ "input": { "name": name, "role": role, "password": password, "repeat": password } }),
        );
    }
    for (name, role) in [("fatima", "financien"), ("kees", "consulent"), ("marieke", "regisseur")] {
        ok(&mut app, "lock_store", Value::Null);
        ok(&mut app, "unlock_store", json!({ "passphrase": common::PASSPHRASE }));
        let before = commands_of(&ok(&mut app, "store_status", Value::Null));
        assert!(!before.contains(&"list_providers".to_string()), "nothing before signing in: {before:?}");
        let status = ok(&mut app, "sign_in", json!({ "name": name, "password": format!("{name}-wachtwoord") }));
        let offered = commands_of(&status);
        for command in Command::ALL {
            let listed = offered.iter().any(|c| c == command.name());
            // With users the role decides whose work this is: no mode to set for anyone.
            let allowed = command.area().is_none_or(|area| respijt::access::allows(role_of(role), area))
                && *command != Command::set_mode;
            assert_eq!(listed, allowed, "{role}: {}", command.name());
            if !listed {
                // The role is checked before the arguments are read (the mode after).
                let args = if *command == Command::set_mode { json!({ "mode": "consultant" }) } else { json!({}) };
                let err = call(&mut app, command.name(), args).unwrap_err();
                assert_eq!(err.code, respijt::error::ErrorCode::Forbidden, "{role}: {}: {err:?}", command.name());
            }
        }
        match role {
            "financien" => {
                assert!(offered.contains(&"export_to_file".to_string()));
                assert!(!offered.contains(&"save_provider".to_string()), "finance reads providers only");
                assert!(!offered.contains(&"import_statement_file".to_string()));
                assert!(!offered.contains(&"caregiver_cap".to_string()), "no dossiers for finance");
            }
            "consulent" => {
                assert!(offered.contains(&"register_caregiver".to_string()));
                assert!(!offered.contains(&"plan_series".to_string()), "a consultant does not plan");
            }
            _ => assert_eq!(offered.len(), Command::ALL.len() - 1, "all but set_mode"),
        }
    }
}

fn role_of(code: &str) -> respijt::access::Role {
    respijt::access::Role::ALL.iter().copied().find(|r| r.code() == code).unwrap()
}

/// Who closed a period is whoever is signed in, not a fixed word.
#[test]
fn a_final_export_is_closed_in_the_name_of_the_signed_in_user() {
    let (dir, mut app) = open_app();
    ok(
        &mut app,
        "add_user",
        json!({ "input": { "name": "marieke", "role": "regisseur", "password": "marieke-wachtwoord", "repeat": "marieke-wachtwoord" } }),
    );
    ok(
        &mut app,
        "add_user",
        json!({ "input": { "name": "fatima", "role": "financien", "password": "fatima-wachtwoord", "repeat": "fatima-wachtwoord" } }),
    );
    ok(&mut app, "lock_store", Value::Null);
    ok(&mut app, "unlock_store", json!({ "passphrase": common::PASSPHRASE }));
    ok(&mut app, "sign_in", json!({ "name": "fatima", "password": "fatima-wachtwoord" }));
    let path = dir.path().join("2026-Q1.csv");
    let request = json!({ "period": { "kind": "quarter", "year": 2026, "quarter": 1 }, "funder": "", "summary": false, "format": "csv", "identified": false, "finalExport": true });
    ok(&mut app, "export_to_file", json!({ "request": request, "path": path }));
    ok(&mut app, "lock_store", Value::Null);
    let conn = common::keyed(&dir.path().join("respijt.db"));
    let closed_by: String = conn.query_row("SELECT closed_by FROM closed_period", [], |r| r.get(0)).unwrap();
    assert_eq!(closed_by, "fatima");
}

#[test]
fn a_dutch_error_keeps_its_code_on_the_wire() {
    let (_dir, mut app) = open_app();
    let err = call(&mut app, "get_dossier", json!({ "id": 999 })).unwrap_err();
    assert_eq!(err.code, respijt::error::ErrorCode::NotFound, "{err:?}");
}

/// Who uses this laptop is one idea: without users the mode set in
/// Instellingen; with users the role of who signed in, and no mode to set.
#[test]
fn the_mode_is_the_role_of_who_signed_in_once_there_are_users() {
    use respijt::access::{Role, UserInput};
    use respijt::intake::AppMode;
    let mut t = common::store();
    respijt::commands::set_mode(&t.store, AppMode::Consultant).unwrap();
    assert_eq!(respijt::commands::get_mode(&t.store).unwrap(), AppMode::Consultant);
    respijt::commands::set_mode(&t.store, AppMode::Director).unwrap();

    for (name, role) in [("marieke", Role::Director), ("sanne", Role::Consultant)] {
        let input = UserInput {
            name: name.into(),
            role: Some(role),
            password: format!("{name}-wachtwoord"),
            repeat: format!("{name}-wachtwoord"),
        };
        respijt::commands::add_user(&mut t.store, &input, common::now()).unwrap();
    }
    respijt::commands::sign_in(&mut t.store, "sanne", "sanne-wachtwoord").unwrap();
    assert_eq!(respijt::commands::get_mode(&t.store).unwrap(), AppMode::Consultant, "the consultant's role decides");

    respijt::commands::sign_in(&mut t.store, "marieke", "marieke-wachtwoord").unwrap();
    assert_eq!(respijt::commands::get_mode(&t.store).unwrap(), AppMode::Director);
    let status = respijt::commands::sign_in(&mut t.store, "marieke", "marieke-wachtwoord").unwrap();
    assert!(!status.commands.contains(&respijt::commands::Command::set_mode), "no mode to set beside the roles");
    let refused = respijt::commands::set_mode(&t.store, AppMode::Consultant).unwrap_err().to_string();
    assert!(refused.contains("rol van wie zich aanmeldt"), "{refused}");
}
