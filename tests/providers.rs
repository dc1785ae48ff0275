//! A provider made complete in the app (issue 14): availability, places,
//! funders, its own code and helpers through the same commands the screens
//! call; matched and planned the same day; archived and restored.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use respijt::audit::AuditAction;
use respijt::caregiver::{RecipientInput, RegisterOutcome};
use respijt::commands;
use respijt::intake::{Daypart, RecipientSituation, RespiteForm, Weekday};
use respijt::matching::NeedInput;
use respijt::planning::{PlanOutcome, SessionInput};
use respijt::provider::{Gender, HelperInput, ProviderInput, ProviderKind, ServiceInput, Slot, Unit};
use respijt::Error;

/// Ria (Dordrecht) and her mother, registered through the commands.
fn caregiver(store: &respijt::Store) -> (i64, i64) {
    let id = match commands::register_caregiver(store, &common::ria(), false, common::now()).unwrap() {
        RegisterOutcome::Created { id } => id,
        other => panic!("{other:?}"),
    };
    let mother = RecipientInput {
        first_name: "Truus".into(),
        last_name: "de Vries".into(),
        date_of_birth: "02-02-1931".into(),
        relationship: "moeder".into(),
        ..Default::default()
    };
    let dossier = commands::add_recipient(store, id, &mother, common::now()).unwrap();
    (id, dossier.recipients[0].id)
}

/// A new provider as the form sends it: respite at home in Dordrecht, on
/// Monday and Tuesday afternoons, with one helper.
fn new_provider() -> ProviderInput {
    ProviderInput {
        name: "Thuishulp Dordt".into(),
        kind: Some(ProviderKind::Volunteer),
        pc4: "3311".into(),
        max_distance_km: "10".into(),
        municipality_codes: vec!["GM0505".into()],
        languages: "nl".into(),
        services: vec![ServiceInput {
            form: Some(RespiteForm::AtHome),
            unit: Some(Unit::Hour),
            tariff: "20,00".into(),
            valid_from: "01-01-2026".into(),
            valid_to: String::new(),
        }],
        extern_id: "TD-1".into(),
        availability: vec![
            Slot { day: Weekday::Monday, daypart: Daypart::Afternoon },
            Slot { day: Weekday::Tuesday, daypart: Daypart::Afternoon },
        ],
        funders: vec!["VGZ".into(), "Dordrecht".into(), "Fonds Zorgzaam".into()],
        helpers: vec![HelperInput {
            name: "Anna Bakker".into(),
            languages: "nl, TR".into(),
            gender: Some(Gender::Female),
            specialisms: vec![RecipientSituation::Dementia],
            ..Default::default()
        }],
        ..Default::default()
    }
}

fn need(caregiver: i64, recipient: i64) -> NeedInput {
    NeedInput {
        caregiver_id: caregiver,
        recipient_id: recipient,
        form: Some(RespiteForm::AtHome),
        hours_per_week: "3".into(),
        weekdays: vec![Weekday::Monday],
        dayparts: vec![Daypart::Afternoon],
        first_date: "23-11-2026".into(),
        weeks: 1,
        ..Default::default()
    }
}

fn session(caregiver: i64, recipient: i64, provider: i64, helper: Option<i64>) -> SessionInput {
    SessionInput {
        caregiver_id: caregiver,
        recipient_id: recipient,
        provider_id: provider,
        helper_id: helper,
        form: Some(RespiteForm::AtHome),
        date: "23-11-2026".into(),
        start_time: "13:00".into(),
        end_time: "16:00".into(),
        ..Default::default()
    }
}

fn fields(err: Error) -> Vec<(String, String)> {
    match err {
        Error::Validation(fields) => fields.into_iter().map(|f| (f.field, f.message)).collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

fn audit_actions(store: &respijt::Store) -> Vec<String> {
    let conn = store.conn();
    let mut stmt = conn.prepare("SELECT action FROM audit_entry ORDER BY id").unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
}

#[test]
fn a_provider_made_in_the_app_is_matched_and_planned_the_same_day() {
    let t = common::store();
    let store = &t.store;
    let (ria, mother) = caregiver(store);

    let saved = commands::save_provider(store, None, &new_provider(), common::now()).unwrap();
    assert_eq!(saved.extern_id.as_deref(), Some("TD-1"));
    assert_eq!(saved.availability.len(), 2);
    assert_eq!(saved.funders, ["Fonds Zorgzaam", "GM0505", "VGZ"], "known funders by their ledger code, sorted");
    assert_eq!(saved.helpers.len(), 1);
    let anna = &saved.helpers[0];
    assert_eq!((anna.name.as_str(), anna.gender, anna.active), ("Anna Bakker", Some(Gender::Female), true));
    assert_eq!(anna.languages, ["nl", "tr"]);
    assert!(audit_actions(store).contains(&AuditAction::ProviderChanged.code().to_string()));

    // The form opens again with what was saved.
    let form = commands::provider_form(store, saved.id).unwrap();
    assert_eq!(form.extern_id, "TD-1");
    assert_eq!(form.availability, saved.availability);
    assert_eq!(form.helpers[0].id, Some(anna.id));
    assert_eq!(form.helpers[0].languages, "nl, tr");

    let ranked = commands::rank_providers(store, &need(ria, mother)).unwrap();
    let offered = ranked.iter().find(|m| m.provider_id == saved.id).expect("the new provider is ranked");
    assert!(offered.eligible, "offered, not 'niet beschikbaar': {:?}", offered.failures);

    let planned = commands::plan_session(store, &session(ria, mother, saved.id, Some(anna.id)), None, common::now());
    let id = match planned.unwrap() {
        PlanOutcome::Planned { session_ids, .. } => session_ids[0],
        other => panic!("{other:?}"),
    };
    let view = commands::get_session(store, id, common::now()).unwrap();
    assert_eq!(view.provider_name, "Thuishulp Dordt");
    assert_eq!(view.helper_name.as_deref(), Some("Anna Bakker"));
}

#[test]
fn the_form_refuses_a_taken_code_no_availability_missing_places_and_a_nameless_helper() {
    let t = common::store();
    let store = &t.store;
    let mut bad = new_provider();
    bad.extern_id = "zorgmies".into();
    bad.availability.clear();
    bad.services.push(ServiceInput {
        form: Some(RespiteForm::DayCare),
        unit: Some(Unit::Dagdeel),
        ..Default::default()
    });
    bad.helpers.push(HelperInput { name: " ".into(), ..Default::default() });
    let got = fields(commands::save_provider(store, None, &bad, common::now()).unwrap_err());
    let names: Vec<&str> = got.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(names, ["externId", "availability", "placesPerDay", "helpers.1.name"]);
    assert_eq!(got[0].1, "De eigen code 'zorgmies' hoort al bij ZorgMies; kies een andere code.");
    assert!(commands::list_providers(store).unwrap().iter().all(|p| p.name != "Thuishulp Dordt"), "nothing written");

    // The provider's own code kept when it saves itself; places only with day care.
    bad.extern_id = "TD-1".into();
    bad.availability = new_provider().availability;
    bad.places_per_day = "8".into();
    bad.helpers.pop();
    let saved = commands::save_provider(store, None, &bad, common::now()).unwrap();
    assert_eq!(saved.places_per_day, Some(8));
    let again = commands::save_provider(
        store,
        Some(saved.id),
        &commands::provider_form(store, saved.id).unwrap(),
        common::now(),
    );
    assert_eq!(again.unwrap().extern_id.as_deref(), Some("TD-1"));
}

#[test]
fn a_helper_made_inactive_stays_with_its_sessions_and_gets_no_new_ones() {
    let t = common::store();
    let store = &t.store;
    let (ria, mother) = caregiver(store);
    let saved = commands::save_provider(store, None, &new_provider(), common::now()).unwrap();
    let anna = saved.helpers[0].id;
    let planned =
        commands::plan_session(store, &session(ria, mother, saved.id, Some(anna)), None, common::now()).unwrap();
    let PlanOutcome::Planned { session_ids, .. } = planned else { panic!("{planned:?}") };
    let ranked = commands::rank_providers(store, &need(ria, mother)).unwrap();
    assert_eq!(ranked.iter().find(|m| m.provider_id == saved.id).unwrap().known_helper_id, Some(anna));

    let mut form = commands::provider_form(store, saved.id).unwrap();
    form.helpers[0].active = false;
    form.helpers.push(HelperInput { name: "Piet".into(), ..Default::default() });
    let changed = commands::save_provider(store, Some(saved.id), &form, common::now()).unwrap();
    let names: Vec<(&str, bool)> = changed.helpers.iter().map(|h| (h.name.as_str(), h.active)).collect();
    assert_eq!(names, [("Piet", true), ("Anna Bakker", false)], "active first; Anna kept, not deleted");
    // Left out of the form: still there.
    form.helpers.clear();
    assert_eq!(commands::save_provider(store, Some(saved.id), &form, common::now()).unwrap().helpers.len(), 2);

    assert_eq!(
        commands::get_session(store, session_ids[0], common::now()).unwrap().helper_name.as_deref(),
        Some("Anna Bakker")
    );
    let ranked = commands::rank_providers(store, &need(ria, mother)).unwrap();
    let again = ranked.iter().find(|m| m.provider_id == saved.id).unwrap();
    assert_eq!(again.known_helper_id, None, "continuity does not suggest a helper who left");
    let mut later = session(ria, mother, saved.id, Some(anna));
    later.date = "24-11-2026".into();
    let got = fields(commands::plan_session(store, &later, None, common::now()).unwrap_err());
    assert_eq!(got[0].0, "helperId");
}

#[test]
fn an_archived_provider_is_not_matched_or_planned_and_its_history_stays() {
    let t = common::store();
    let store = &t.store;
    let (ria, mother) = caregiver(store);
    let saved = commands::save_provider(store, None, &new_provider(), common::now()).unwrap();
    let planned = commands::plan_session(store, &session(ria, mother, saved.id, None), None, common::now()).unwrap();
    let PlanOutcome::Planned { session_ids, .. } = planned else { panic!("{planned:?}") };

    let archived = commands::archive_provider(store, saved.id, common::now()).unwrap();
    assert_eq!(archived.archived_on.map(|d| d.to_string()).as_deref(), Some("2026-11-23"));
    assert!(commands::list_providers(store).unwrap().iter().all(|p| p.id != saved.id), "not in the list");
    let shelf: Vec<i64> = commands::list_archived_providers(store).unwrap().iter().map(|p| p.id).collect();
    assert_eq!(shelf, [saved.id], "shown apart");
    let ranked = commands::rank_providers(store, &need(ria, mother)).unwrap();
    assert!(ranked.iter().all(|m| m.provider_id != saved.id), "not offered by matching");
    let mut later = session(ria, mother, saved.id, None);
    later.date = "24-11-2026".into();
    let got = fields(commands::plan_session(store, &later, None, common::now()).unwrap_err());
    assert_eq!(got[0].0, "providerId");
    assert!(got[0].1.contains("gearchiveerd"), "{got:?}");

    let past = commands::get_session(store, session_ids[0], common::now()).unwrap();
    assert_eq!((past.provider_name.as_str(), past.planned_minutes), ("Thuishulp Dordt", 180), "its session stays");

    let back = commands::restore_provider(store, saved.id, common::now()).unwrap();
    assert_eq!(back.archived_on, None);
    let ranked = commands::rank_providers(store, &need(ria, mother)).unwrap();
    assert!(ranked.iter().any(|m| m.provider_id == saved.id && m.eligible));
    let actions = audit_actions(store);
    assert!(actions.contains(&AuditAction::ProviderArchived.code().to_string()));
    assert!(actions.contains(&AuditAction::ProviderRestored.code().to_string()));
}
