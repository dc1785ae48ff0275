//! Who a statement line is about (issue 14, part 2): a caregiver registered
//! in the app, found by her number at the provider or municipality, by her
//! dossier number, or by name and date of birth; the provider by its extern
//! id or its name. From an empty store.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use chrono::NaiveDate;
use respijt::caregiver::{add_recipient, CaregiverInput, RecipientInput, RegisterOutcome};
use respijt::commands;
use respijt::error::Error;
use respijt::import::{read_table_bytes, ImportOptions};
use respijt::intake::{Daypart, RespiteForm, Weekday};
use respijt::money::Cents;
use respijt::planning::{get_session, import_statement, preview_statement, MatchKey, StatementReport};
use respijt::provider::{save_provider, ProviderData, ProviderKind, ServiceData, Slot, Unit};

fn register(t: &common::TestStore, first: &str, last: &str, born: &str, postcode: &str, extern_id: &str) -> i64 {
    let input = CaregiverInput {
        first_name: first.into(),
        last_name: last.into(),
        date_of_birth: born.into(),
        postcode: postcode.into(),
        house_number: "3".into(),
        extern_id: extern_id.into(),
        ..Default::default()
    };
    let id = match commands::register_caregiver(&t.store, &input, true, common::now()).unwrap() {
        RegisterOutcome::Created { id } => id,
        other => panic!("{other:?}"),
    };
    let naaste = RecipientInput {
        first_name: "Naaste".into(),
        last_name: last.into(),
        date_of_birth: "01-01-1935".into(),
        ..Default::default()
    };
    add_recipient(t.store.conn(), id, &naaste, common::now()).unwrap();
    id
}

fn provider(t: &common::TestStore) {
    save_provider(
        t.store.conn(),
        &ProviderData {
            extern_id: Some("ZM-01".into()),
            name: "Zorgmaatje aan Huis".into(),
            kind: Some(ProviderKind::Professional),
            pc4: "3311".into(),
            max_distance_km: 25,
            capacity_minutes_per_week: Some(40 * 60),
            availability: Weekday::ALL
                .iter()
                .flat_map(|d| Daypart::ALL.iter().map(move |p| Slot { day: *d, daypart: *p }))
                .collect(),
            municipality_codes: vec!["GM0505".into()],
            services: vec![ServiceData {
                form: RespiteForm::AtHome,
                unit: Unit::Hour,
                tariff: Some((Cents::new(4000), NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), None)),
            }],
            ..Default::default()
        },
        common::now(),
    )
    .unwrap();
}

fn table(text: &str) -> respijt::import::Table {
    read_table_bytes("overzicht.csv", text.as_bytes()).unwrap()
}

fn read_in(t: &mut common::TestStore, text: &str) -> StatementReport {
    import_statement(t.store.conn_mut(), &table(text), ImportOptions::default(), common::now()).unwrap()
}

fn caregiver_of(t: &common::TestStore, session: i64) -> i64 {
    get_session(t.store.conn(), session).unwrap().caregiver_id
}

#[test]
fn a_statement_finds_caregivers_by_each_of_the_three_keys() {
    let mut t = common::store();
    provider(&t);
    let ria = register(&t, "Ria", "de Vries", "14-03-1958", "3311 AB", "GEM-17");
    let kees = register(&t, "Kees", "Bakker", "02-07-1949", "3312 CD", "");
    let fatma = register(&t, "Fatma", "Yılmaz", "21-09-1970", "3313 EF", "");
    // The provider's own spreadsheet: its number for Ria, our dossier number
    // for Kees, only name and birth date for Fatma; the provider by its name.
    let text = format!(
        "extern_id;mantelzorger_id;dossiernummer;naam;geboortedatum;aanbieder;dienst;datum;start;eind;status\n\
         A1;GEM-17;;;;Zorgmaatje aan Huis;thuis;02-11-2026;09:00;12:00;uitgevoerd\n\
         A2;;{kees};;;zorgmaatje aan huis;thuis;03-11-2026;09:00;11:00;uitgevoerd\n\
         A3;;;Fatma Yilmaz;21-09-1970;Zorgmaatje aan Huis;thuis;04-11-2026;13:00;16:00;uitgevoerd\n"
    );

    // The preview says how each line matched and writes nothing.
    let preview = preview_statement(t.store.conn_mut(), &table(&text), common::now()).unwrap();
    assert!(preview.rejected.is_empty(), "{:?}", preview.rejected);
    let how: Vec<(usize, i64, MatchKey)> =
        preview.people.iter().map(|p| (p.row, p.caregiver_id, p.matched_by)).collect();
    assert_eq!(
        how,
        [(1, ria, MatchKey::ExternId), (2, kees, MatchKey::DossierNumber), (3, fatma, MatchKey::NameAndBirthDate)]
    );
    assert_eq!(preview.people[2].caregiver_name, "Fatma Yılmaz");
    assert_eq!(common::count(&t.store, "session"), 0, "a preview writes nothing");

    let report = read_in(&mut t, &text);
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    assert_eq!(report.people, preview.people);
    let owners: Vec<i64> = report.unplanned.iter().map(|l| caregiver_of(&t, l.session_id)).collect();
    assert_eq!(owners, [ria, kees, fatma], "each delivered session belongs to the right caregiver");
}

#[test]
fn two_people_with_the_same_name_and_birth_date_are_never_guessed_between() {
    let mut t = common::store();
    provider(&t);
    register(&t, "Jan", "Jansen", "01-05-1950", "3311 AB", "");
    let other = register(&t, "Jan", "Jansen", "01-05-1950", "3361 CD", "");
    let header = "extern_id;naam;geboortedatum;postcode;aanbieder_id;dienst;datum;start;eind;status\n";
    let report =
        read_in(&mut t, &format!("{header}B1;Jan Jansen;01-05-1950;;ZM-01;thuis;02-11-2026;09:00;12:00;uitgevoerd\n"));
    assert_eq!(report.rejected.len(), 1);
    assert_eq!((report.rejected[0].row, report.rejected[0].column.as_str()), (1, "naam"));
    assert_eq!(
        report.rejected[0].message,
        "2 mantelzorgers heten 'Jan Jansen' en zijn geboren op 01-05-1950; de app kiest niet zelf. Vul het dossiernummer of de postcode in."
    );
    assert_eq!(common::count(&t.store, "session"), 0);
    // The postcode tells them apart.
    let report = read_in(
        &mut t,
        &format!("{header}B1;Jan Jansen;01-05-1950;3361cd;ZM-01;thuis;02-11-2026;09:00;12:00;uitgevoerd\n"),
    );
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    assert_eq!(caregiver_of(&t, report.unplanned[0].session_id), other);
}

#[test]
fn a_line_that_matches_nobody_is_refused_with_its_row_and_a_reason() {
    let mut t = common::store();
    provider(&t);
    register(&t, "Ria", "de Vries", "14-03-1958", "3311 AB", "GEM-17");
    let text =
        "extern_id;mantelzorger_id;dossiernummer;naam;geboortedatum;aanbieder_id;dienst;datum;start;eind;status\n\
        C1;GEM-17;;;;ZM-01;thuis;02-11-2026;09:00;12:00;uitgevoerd\n\
        C2;GEM-99;4711;Piet Onbekend;03-03-1944;ZM-01;thuis;03-11-2026;09:00;12:00;uitgevoerd\n\
        C3;;;;;ZM-01;thuis;03-11-2026;09:00;12:00;uitgevoerd\n\
        C4;GEM-17;;;;Onbekende Zorg;thuis;03-11-2026;09:00;12:00;uitgevoerd\n";
    let report = read_in(&mut t, text);
    let refused: Vec<(usize, &str, &str)> =
        report.rejected.iter().map(|e| (e.row, e.column.as_str(), e.message.as_str())).collect();
    assert_eq!(
        refused,
        [
            (
                2,
                "mantelzorger_id",
                "Geen mantelzorger gevonden: niemand heeft nummer 'GEM-99' bij aanbieder of gemeente; er is geen dossiernummer 4711; niemand heet 'Piet Onbekend' en is geboren op 03-03-1944."
            ),
            (
                3,
                "mantelzorger_id",
                "Vul mantelzorger_id, dossiernummer of naam en geboortedatum in: daaraan herkent de app de mantelzorger."
            ),
            (4, "aanbieder_id", "Geen aanbieder met extern_id of naam 'Onbekende Zorg'."),
        ]
    );
    assert_eq!(common::count(&t.store, "session"), 0, "all or nothing: the good line waits too");
}

#[test]
fn the_caregiver_form_keeps_a_unique_number_at_the_provider_or_municipality() {
    let t = common::store();
    let ria = register(&t, "Ria", "de Vries", "14-03-1958", "3311 AB", "GEM-17");
    let kees = register(&t, "Kees", "Bakker", "02-07-1949", "3312 CD", "");
    let mut form = commands::get_dossier(&t.store, kees, common::now()).unwrap().form;
    assert_eq!(form.extern_id, "");
    form.extern_id = " GEM-17 ".into();
    match commands::update_caregiver(&t.store, kees, &form, common::now()).unwrap_err() {
        Error::Validation(fields) => {
            assert_eq!(fields[0].field, "externId");
            assert_eq!(
                fields[0].message,
                format!("Nummer 'GEM-17' hoort al bij Ria de Vries (dossiernummer {ria}). Een nummer hoort bij één mantelzorger; kijk het na.")
            );
        }
        other => panic!("{other:?}"),
    }
    let changes = |id: i64| -> i64 {
        t.store
            .conn()
            .query_row(
                "SELECT COUNT(*) FROM audit_entry WHERE caregiver_id = ?1 AND action = 'dossier-gewijzigd'",
                [id],
                |r| r.get(0),
            )
            .unwrap()
    };
    let before = changes(kees);
    form.extern_id = "GEM-18".into();
    let dossier = commands::update_caregiver(&t.store, kees, &form, common::now()).unwrap();
    assert_eq!(dossier.caregiver.extern_id.as_deref(), Some("GEM-18"));
    assert_eq!(dossier.form.extern_id, "GEM-18");
    assert_eq!(changes(kees), before + 1, "the change is in the audit trail");
    // Emptying the field takes the number away again.
    form.extern_id = String::new();
    let dossier = commands::update_caregiver(&t.store, kees, &form, common::now()).unwrap();
    assert_eq!(dossier.caregiver.extern_id, None);
}
