//! The commands behind the screens added for issues 4 and 5: session actions,
//! the provider form, the statement import from a file, and the funding
//! settings. On a real store, through `respijt::commands` as the app calls them.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use respijt::caregiver::{add_recipient, register_caregiver, RecipientInput, RegisterOutcome};
use respijt::commands;
use respijt::funding::{CapUnit, FundingMode, PolicyInput, SchemeInput};
use respijt::intake::RespiteForm;
use respijt::money::Cents;
use respijt::planning::{PlanOutcome, SessionInput, SessionStatus};
use respijt::provider::{ProviderKind, ServiceInput};
use respijt::{Error, Store};

struct World {
    t: common::TestStore,
    caregiver: i64,
    recipient: i64,
    zorgmies: i64,
}

/// Ria (VGZ, supplementary policy, Dordrecht) and her mother; ZorgMies as seeded
/// (respite at home, EUR 47,50 an hour); Dordrecht has EUR 10.000 for 2026.
fn world() -> World {
    let t = common::store();
    let conn = t.store.conn();
    let caregiver = match register_caregiver(conn, &common::ria(), false, common::now()).unwrap() {
        RegisterOutcome::Created { id } => id,
        other => panic!("{other:?}"),
    };
    conn.execute("UPDATE caregiver SET extern_id = 'MZ-1' WHERE id = ?1", [caregiver]).unwrap();
    let mother = RecipientInput {
        first_name: "Truus".into(),
        last_name: "de Vries".into(),
        date_of_birth: "02-02-1931".into(),
        relationship: "moeder".into(),
        ..Default::default()
    };
    let recipient = add_recipient(conn, caregiver, &mother, common::now()).unwrap();
    let zorgmies = commands::list_providers(&t.store).unwrap().into_iter().find(|p| p.name == "ZorgMies").unwrap().id;
    commands::set_budget(&t.store, "GM0505", 2026, "10.000,00", common::now()).unwrap();
    World { t, caregiver, recipient, zorgmies }
}

fn plan(w: &World, date: &str) -> i64 {
    let input = SessionInput {
        caregiver_id: w.caregiver,
        recipient_id: w.recipient,
        provider_id: w.zorgmies,
        form: Some(RespiteForm::AtHome),
        date: date.into(),
        start_time: "09:00".into(),
        end_time: "12:00".into(),
        ..Default::default()
    };
    match commands::plan_session(&w.t.store, &input, None, common::now()).unwrap() {
        PlanOutcome::Planned { session_ids, .. } => session_ids[0],
        other => panic!("{other:?}"),
    }
}

fn fields(err: Error) -> Vec<(String, String)> {
    match err {
        Error::Validation(fields) => fields.into_iter().map(|f| (f.field, f.message)).collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

fn field_names(err: Error) -> Vec<String> {
    fields(err).into_iter().map(|(f, _)| f).collect()
}

fn funder(store: &Store, code: &str) -> (i64, Option<i64>) {
    let d = commands::funding_dashboard(store, 2026, common::now()).unwrap();
    let f = d.funders.iter().find(|f| f.code == code).unwrap();
    (f.delivered.cents(), f.left.map(Cents::cents))
}

#[test]
fn a_session_is_delivered_with_the_hours_typed_or_refused_with_a_dutch_message() {
    let w = world();
    let id = plan(&w, "02-11-2026");
    let err = commands::set_session_status(&w.t.store, id, SessionStatus::Delivered, Some("twee"), common::now())
        .unwrap_err();
    assert_eq!(field_names(err), ["deliveredHours"]);
    let err =
        commands::set_session_status(&w.t.store, id, SessionStatus::Delivered, Some("0"), common::now()).unwrap_err();
    assert_eq!(fields(err), [("deliveredHours".into(), "Vul de geleverde duur in uren in, meer dan 0.".into())]);
    assert_eq!(
        commands::get_session(&w.t.store, id, common::now()).unwrap().status,
        SessionStatus::Planned,
        "nothing changed"
    );

    let view =
        commands::set_session_status(&w.t.store, id, SessionStatus::Delivered, Some("2,5"), common::now()).unwrap();
    assert_eq!((view.status, view.delivered_minutes), (SessionStatus::Delivered, Some(150)));
    // 2,5 hours at EUR 47,50, paid by VGZ within its cap.
    assert_eq!(funder(&w.t.store, "VGZ").0, 11875);

    let other = plan(&w, "09-11-2026");
    let view = commands::set_session_status(&w.t.store, other, SessionStatus::NoShow, Some(""), common::now()).unwrap();
    assert_eq!((view.status, view.delivered_minutes), (SessionStatus::NoShow, None));
}

#[test]
fn the_provider_form_checks_every_field_and_changes_only_what_it_shows() {
    let w = world();
    let store = &w.t.store;
    let mut form = commands::provider_form(store, w.zorgmies).unwrap();
    assert_eq!((form.name.as_str(), form.capacity_hours.as_str()), ("ZorgMies", "120"));
    assert_eq!(form.services[0].tariff, "47,50");
    assert_eq!(form.services[0].valid_from, "01-01-2026");
    assert_eq!(form.municipality_codes.len(), 10);

    let mut bad = form.clone();
    bad.name = " ".into();
    bad.pc4 = "331".into();
    bad.max_distance_km = "ver".into();
    bad.capacity_hours = "veel".into();
    bad.phone = "12345".into();
    bad.municipality_codes = vec!["Rotterdam".into()];
    bad.services[0].tariff = "47,5x".into();
    bad.services[0].valid_to = "31-12-2025".into();
    bad.services.push(ServiceInput { form: Some(RespiteForm::AtHome), unit: None, ..Default::default() });
    let err = commands::save_provider(store, Some(w.zorgmies), &bad, common::now()).unwrap_err();
    let got = fields(err);
    let names: Vec<&str> = got.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(
        names,
        [
            "name",
            "pc4",
            "maxDistanceKm",
            "capacityHours",
            "municipalities",
            "phone",
            "services.0.tariff",
            "services.0.validTo",
            "services.2.form",
            "services.2.unit"
        ]
    );
    assert!(got.iter().any(|(_, m)| m == "Gemeente 'Rotterdam' hoort niet bij de regio."), "{got:?}");
    assert_eq!(commands::get_provider(store, w.zorgmies).unwrap().name, "ZorgMies", "nothing written");

    form.name = "ZorgMies Drechtsteden".into();
    form.services[0].tariff = "52,00".into();
    form.services.push(ServiceInput {
        form: Some(RespiteForm::DayCare),
        unit: Some(respijt::provider::Unit::Dagdeel),
        tariff: "45,50".into(),
        valid_from: "01-01-2027".into(),
        valid_to: String::new(),
    });
    form.municipality_codes = vec!["GM0505".into(), "Zwijndrecht".into()];
    form.languages = "nl, EN, tr".into();
    form.contact_name = "Mies Bakker".into();
    form.phone = "06-11223344".into();
    form.email = "planning@zorgmies.nl".into();
    form.kind = Some(ProviderKind::Professional);
    form.places_per_day = "10".into(); // day care is added: its places are asked
    let saved = commands::save_provider(store, Some(w.zorgmies), &form, common::now()).unwrap();
    assert_eq!(saved.id, w.zorgmies, "the same provider, not a new one");
    assert_eq!(saved.name, "ZorgMies Drechtsteden");
    assert_eq!(saved.extern_id.as_deref(), Some("zorgmies"), "the key of the imports stays");
    assert_eq!(saved.services[0].tariffs.len(), 1, "same start date: the tariff is corrected, not doubled");
    assert_eq!(saved.services[0].tariffs[0].cents, Cents::new(5200));
    assert!(!saved.services[0].tariffs[0].example);
    assert_eq!(saved.services.len(), 3, "at home, 24-hour care as seeded, and the day care added");
    assert_eq!((saved.services[2].form, saved.services[2].tariffs[0].cents), (RespiteForm::DayCare, Cents::new(4550)));
    let names: Vec<&str> = saved.municipalities.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["Dordrecht", "Zwijndrecht"]);
    assert_eq!(saved.languages, ["en", "nl", "tr"]);
    assert_eq!((saved.phone.as_str(), saved.contact_name.as_str()), ("+31611223344", "Mies Bakker"));
    assert!(!saved.availability.is_empty(), "the availability the form shows stays");
    assert_eq!(saved.places_per_day, Some(10));
    let again = commands::provider_form(store, w.zorgmies).unwrap();
    assert_eq!(again.phone, "06 11223344");

    // A new provider.
    let mut new = again.clone();
    new.name = "Buurtzorg Respijt".into();
    let taken = fields(commands::save_provider(store, None, &new, common::now()).unwrap_err());
    assert_eq!(taken[0].0, "externId", "the copied code is ZorgMies's own");
    new.extern_id = String::new();
    let created = commands::save_provider(store, None, &new, common::now()).unwrap();
    assert_ne!(created.id, w.zorgmies);
    assert_eq!(created.extern_id, None);
    assert_eq!(commands::list_providers(store).unwrap().len(), 3);
}

#[test]
fn a_statement_file_is_read_and_reported_or_refused_as_a_whole() {
    let mut w = world();
    let kept = plan(&w, "02-11-2026");
    let longer = plan(&w, "09-11-2026");
    let bad = common::write(
        &w.t.dir,
        "fout.csv",
        "extern_id;mantelzorger_id;aanbieder_id;dienst;datum;start;eind;status\n\
         R1;MZ-1;zorgmies;thuis;02-11-2026;09:00;12:00;uitgevoerd\n\
         R2;MZ-9;zorgmies;thuis;10-11-2026;25:00;12:00;uitgevoerd\n",
    );
    let report = commands::import_statement_file(&mut w.t.store, &bad, common::now()).unwrap();
    let named: Vec<(usize, &str)> = report.rejected.iter().map(|e| (e.row, e.column.as_str())).collect();
    assert_eq!(named, [(2, "mantelzorger_id"), (2, "start")]);
    assert_eq!(report.matched, 0);
    assert_eq!(
        commands::get_session(&w.t.store, kept, common::now()).unwrap().status,
        SessionStatus::Planned,
        "nothing written"
    );

    let good = common::write(
        &w.t.dir,
        "overzicht.csv",
        "extern_id;mantelzorger_id;aanbieder_id;dienst;datum;start;eind;status\n\
         R1;MZ-1;zorgmies;thuis;02-11-2026;09:00;12:00;uitgevoerd\n\
         R2;MZ-1;zorgmies;thuis;09-11-2026;09:00;12:30;uitgevoerd\n\
         R3;MZ-1;zorgmies;thuis;11-11-2026;14:00;16:00;uitgevoerd\n",
    );
    let report = commands::import_statement_file(&mut w.t.store, &good, common::now()).unwrap();
    assert_eq!((report.lines, report.matched), (3, 2));
    assert_eq!(report.differences.len(), 1);
    assert_eq!(report.differences[0].session_id, longer);
    assert_eq!(report.unplanned.len(), 1);
    assert!(commands::get_session(&w.t.store, report.unplanned[0].session_id, common::now()).unwrap().needs_review);
    assert_eq!(commands::get_session(&w.t.store, kept, common::now()).unwrap().status, SessionStatus::Delivered);
    // 8,5 hours at EUR 47,50, within VGZ's cap of 14 days.
    assert_eq!(funder(&w.t.store, "VGZ").0, 40375);

    let missing = w.t.dir.path().join("bestaat-niet.csv");
    assert!(commands::import_statement_file(&mut w.t.store, &missing, common::now()).is_err());
}

#[test]
fn a_scheme_change_reallocates_the_open_years_in_the_same_save() {
    let w = world();
    let store = &w.t.store;
    for date in ["02-11-2026", "09-11-2026"] {
        let id = plan(&w, date);
        commands::set_session_status(store, id, SessionStatus::Delivered, None, common::now()).unwrap();
    }
    assert_eq!(funder(store, "VGZ").0, 28500);
    assert_eq!(funder(store, "GM0505"), (0, Some(1_000_000)));

    let settings = commands::funding_settings(store).unwrap();
    let vgz = &settings.schemes[0];
    assert_eq!(vgz.scheme.code, "VGZ");
    assert_eq!((vgz.form.cap_amount.as_str(), vgz.form.cap_unit), ("14", Some(CapUnit::Days)));

    let mut bad: SchemeInput = vgz.form.clone();
    bad.cap_amount = "veertien".into();
    bad.insurers = " , ".into();
    bad.forms = vec![];
    bad.day_hours = "30".into();
    let err = commands::save_scheme(store, vgz.scheme.id, &bad, common::now()).unwrap_err();
    assert_eq!(field_names(err), ["insurers", "capAmount", "dayHours", "forms"]);
    assert_eq!(funder(store, "VGZ").0, 28500, "a refused form changes nothing");

    // One day a year: the second session falls to Dordrecht's budget.
    let mut one_day = vgz.form.clone();
    one_day.cap_amount = "1".into();
    one_day.insurers = "VGZ, IZA, VGZ".into();
    let saved = commands::save_scheme(store, vgz.scheme.id, &one_day, common::now()).unwrap();
    assert_eq!(saved.reallocated_years, [2026]);
    assert_eq!(saved.schemes[0].scheme.insurers, ["VGZ", "IZA"]);
    assert_eq!(saved.schemes[0].scheme.cap_amount, 1);
    assert_eq!(funder(store, "VGZ").0, 14250);
    assert_eq!(funder(store, "GM0505"), (14250, Some(1_000_000 - 14250)));
    let cap = &commands::caregiver_cap(store, w.caregiver, 2026).unwrap()[0];
    assert_eq!((cap.used, cap.cap, cap.left), (1, 1, 0));

    // A cap in euros, typed with a decimal comma.
    let mut euros = saved.schemes[0].form.clone();
    euros.cap_unit = Some(CapUnit::Euros);
    euros.cap_amount = "200,00".into();
    let saved = commands::save_scheme(store, vgz.scheme.id, &euros, common::now()).unwrap();
    assert_eq!(saved.schemes[0].scheme.cap_amount, 20000);
    assert_eq!(funder(store, "VGZ").0, 20000);
}

#[test]
fn the_policy_form_checks_the_share_and_reallocates() {
    let w = world();
    let store = &w.t.store;
    let id = plan(&w, "02-11-2026");
    commands::set_session_status(store, id, SessionStatus::Delivered, None, common::now()).unwrap();
    let err = commands::set_policy(
        store,
        &PolicyInput { mode: Some(FundingMode::CoFunding), insurer_percent: "120".into() },
        common::now(),
    )
    .unwrap_err();
    assert_eq!(field_names(err), ["insurerPercent"]);
    let settings = commands::set_policy(
        store,
        &PolicyInput { mode: Some(FundingMode::CoFunding), insurer_percent: "60".into() },
        common::now(),
    )
    .unwrap();
    assert_eq!((settings.policy.mode, settings.policy.insurer_percent), (FundingMode::CoFunding, 60));
    assert_eq!(settings.reallocated_years, [2026]);
    // EUR 142,50: 60 % for VGZ, the rest for Dordrecht.
    assert_eq!(funder(store, "VGZ").0, 8550);
    assert_eq!(funder(store, "GM0505").0, 5700);
}

/// What the session panel offers is the core's word: an open session can be
/// changed, delivered or called off; a delivered one only gets its hours
/// corrected; a called-off one offers nothing.
#[test]
fn the_core_says_what_the_session_panel_offers() {
    let w = world();
    let id = plan(&w, "02-11-2026");
    let open = commands::get_session(&w.t.store, id, common::now()).unwrap();
    assert!(open.can_change && open.can_report_delivered && open.can_call_off && !open.can_correct_delivery);

    let delivered =
        commands::set_session_status(&w.t.store, id, SessionStatus::Delivered, Some("2,5"), common::now()).unwrap();
    assert!(!delivered.can_change && !delivered.can_report_delivered && !delivered.can_call_off);
    assert!(delivered.can_correct_delivery);

    let other = plan(&w, "09-11-2026");
    let called_off =
        commands::set_session_status(&w.t.store, other, SessionStatus::NoShow, None, common::now()).unwrap();
    assert!(!called_off.can_change && !called_off.can_report_delivered && !called_off.can_correct_delivery);
    assert!(!called_off.can_call_off);
}
