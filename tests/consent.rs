//! Consent enforced by the core (issue 15, part 6): what the intake says,
//! a withdrawal that counts from its day, and what then leaves the app:
//! the provider's calendar (read back with the `ical` crate) and the
//! insurer's export (CSV and XLSX read back). From an empty store.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;
mod intake_common;

use calamine::{open_workbook_auto, Data, Reader};
use chrono::NaiveDate;
use respijt::audit::AuditAction;
use respijt::caregiver::{add_recipient, register_caregiver, RecipientInput, RegisterOutcome};
use respijt::consent::{may_share, ConsentKind};
use respijt::export::{export_to_file, ExportFormat, ExportRequest};
use respijt::intake::{self, RespiteForm};
use respijt::money::Cents;
use respijt::planning::{plan_session, provider_ics, set_status, PlanOutcome, SessionInput, SessionStatus};
use respijt::provider::{save_provider, ProviderData, ServiceData, Slot, Unit};
use respijt::{commands, Error};

struct Person {
    caregiver: i64,
    recipient: i64,
}

struct World {
    t: common::TestStore,
    provider: i64,
    ria: Person,
    henk: Person,
}

fn day(d: u32, m: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

/// A caregiver in Sliedrecht (VGZ, supplementary) caring for a parent at `street` 7.
fn person(t: &common::TestStore, first: &str, last: &str, policy: &str, street: &str) -> Person {
    let mut input = common::ria();
    input.first_name = first.into();
    input.last_name = last.into();
    input.postcode = "3361 AB".into();
    input.policy_number = policy.into();
    let caregiver = match register_caregiver(t.store.conn(), &input, true, common::now()).unwrap() {
        RegisterOutcome::Created { id } => id,
        other => panic!("{other:?}"),
    };
    let parent = RecipientInput {
        first_name: format!("Ouder{first}"),
        last_name: last.into(),
        date_of_birth: "02-02-1931".into(),
        relationship: "ouder".into(),
        postcode: "3361 AB".into(),
        house_number: "7".into(),
        street: street.into(),
        ..Default::default()
    };
    let recipient = add_recipient(t.store.conn(), caregiver, &parent, common::now()).unwrap();
    Person { caregiver, recipient }
}

/// Completes an intake for the person with the given consent (asked on 10-11-2026).
fn intake_with(t: &common::TestStore, p: &Person, providers: bool, funders: bool) {
    let mut input = intake_common::full_input(p.caregiver, p.recipient);
    input.consent_providers = providers;
    input.consent_funders = funders;
    intake::complete_intake(t.store.conn(), None, &input, common::now()).unwrap();
}

/// Ria agreed to share with providers and funders; Henk's intake says no to both.
fn world() -> World {
    let t = common::store();
    let provider = save_provider(
        t.store.conn(),
        &ProviderData {
            extern_id: Some("A".into()),
            name: "Aardig".into(),
            pc4: "3361".into(),
            availability: Slot::from_mask(i64::MAX),
            municipality_codes: vec!["GM0610".into()],
            services: vec![ServiceData {
                form: RespiteForm::AtHome,
                unit: Unit::Hour,
                tariff: Some((Cents::new(4000), day(1, 1), None)),
            }],
            ..Default::default()
        },
        common::now(),
    )
    .unwrap();
    let ria = person(&t, "Ria", "de Vries", "012345678", "Rozenlaan");
    let henk = person(&t, "Henk", "Jansen", "987654321", "Tulpstraat");
    intake_with(&t, &ria, true, true);
    intake_with(&t, &henk, false, false);
    World { t, provider, ria, henk }
}

fn plan(w: &World, p: &Person, date: &str) -> i64 {
    let input = SessionInput {
        caregiver_id: p.caregiver,
        recipient_id: p.recipient,
        provider_id: w.provider,
        form: Some(RespiteForm::AtHome),
        date: date.into(),
        start_time: if p.caregiver == w.ria.caregiver { "09:00" } else { "13:00" }.into(),
        end_time: if p.caregiver == w.ria.caregiver { "11:30" } else { "15:30" }.into(),
        ..Default::default()
    };
    match plan_session(w.t.store.conn(), &input, Some("test"), common::now()).unwrap() {
        PlanOutcome::Planned { session_ids, .. } => session_ids[0],
        other => panic!("{other:?}"),
    }
}

#[test]
fn consent_comes_from_the_completed_intake_and_a_withdrawal_counts_from_its_day() {
    let t = common::store();
    let ria = person(&t, "Ria", "de Vries", "012345678", "Rozenlaan");
    let conn = t.store.conn();
    let today = common::now().date_naive();
    assert!(
        !may_share(conn, ria.caregiver, ConsentKind::Providers, today).unwrap(),
        "nothing recorded, nothing shared"
    );

    // A concept is not yet what the caregiver agreed to.
    intake::save_concept(conn, None, &intake_common::full_input(ria.caregiver, ria.recipient), common::now()).unwrap();
    assert!(!may_share(conn, ria.caregiver, ConsentKind::Providers, today).unwrap());
    intake_with(&t, &ria, true, true);
    assert!(may_share(conn, ria.caregiver, ConsentKind::Providers, today).unwrap());
    assert!(may_share(conn, ria.caregiver, ConsentKind::Funders, today).unwrap());
    assert!(!may_share(conn, ria.caregiver, ConsentKind::Providers, day(9, 11)).unwrap(), "asked on 10-11");

    // Withdrawn on 20-11 (she phoned; recorded three days later).
    let view =
        commands::change_consent(&t.store, ria.caregiver, ConsentKind::Providers, false, "20-11-2026", common::now())
            .unwrap();
    assert!(may_share(conn, ria.caregiver, ConsentKind::Providers, day(19, 11)).unwrap());
    assert!(!may_share(conn, ria.caregiver, ConsentKind::Providers, day(20, 11)).unwrap(), "from its day on");
    assert!(may_share(conn, ria.caregiver, ConsentKind::Funders, today).unwrap(), "the other kind stays");
    let providers = view.lines.iter().find(|l| l.kind == ConsentKind::Providers).unwrap();
    assert!(!providers.given);
    assert!(providers.source.contains("ingetrokken per 20-11-2026"), "{}", providers.source);
    assert_eq!(view.changes.len(), 1);
    assert_eq!(view.changes[0].on_date, "20-11-2026");

    let trail = respijt::audit::of_caregiver(conn, ria.caregiver, 10).unwrap();
    assert_eq!(trail[0].action, AuditAction::ConsentWithdrawn);
    assert!(
        trail[0].detail.contains("delen met aanbieders") && !trail[0].detail.contains("Ria"),
        "{}",
        trail[0].detail
    );

    // Withdrawing again changes nothing; a day in the future is refused next to the field.
    let again =
        commands::change_consent(&t.store, ria.caregiver, ConsentKind::Providers, false, "21-11-2026", common::now());
    assert!(matches!(again, Err(Error::Invalid(ref m)) if m.contains("niets veranderd")), "{again:?}");
    let future =
        commands::change_consent(&t.store, ria.caregiver, ConsentKind::Funders, false, "01-12-2026", common::now());
    assert!(matches!(future, Err(Error::Validation(ref f)) if f[0].field == "onDate"), "{future:?}");
    assert_eq!(common::count(&t.store, "consent_change"), 1);

    // Given again: counts from that day.
    commands::change_consent(&t.store, ria.caregiver, ConsentKind::Providers, true, "23-11-2026", common::now())
        .unwrap();
    assert!(!may_share(conn, ria.caregiver, ConsentKind::Providers, day(22, 11)).unwrap());
    assert!(may_share(conn, ria.caregiver, ConsentKind::Providers, today).unwrap());
    let view = commands::consent_of_caregiver(&t.store, ria.caregiver, common::now()).unwrap();
    assert_eq!(view.changes.len(), 2);
    assert!(view.changes[0].given, "newest first");
}

fn parse(text: &str) -> ical::parser::ical::component::IcalCalendar {
    ical::IcalParser::new(std::io::BufReader::new(text.as_bytes())).next().expect("one calendar").unwrap()
}

/// Every property value of the event with this session's UID, as one text.
fn event_text(cal: &ical::parser::ical::component::IcalCalendar, session: i64) -> (String, bool) {
    let event = cal
        .events
        .iter()
        .find(|e| {
            e.properties
                .iter()
                .any(|p| p.name == "UID" && p.value.as_deref().unwrap_or("").starts_with(&format!("inzet-{session}-")))
        })
        .unwrap_or_else(|| panic!("no event for session {session}"));
    let text = event
        .properties
        .iter()
        .map(|p| format!("{}:{}", p.name, p.value.clone().unwrap_or_default()))
        .collect::<Vec<_>>()
        .join("\n");
    (text, event.properties.iter().any(|p| p.name == "LOCATION"))
}

#[test]
fn without_consent_the_providers_calendar_has_a_pseudonym_and_no_name_or_address() {
    let w = world();
    let ria = plan(&w, &w.ria, "01-12-2026");
    let henk = plan(&w, &w.henk, "01-12-2026");
    let path = w.t.dir.path().join("aardig.ics");
    let file = commands::export_provider_ics(&w.t.store, w.provider, "30-11-2026", 4, &path, common::now()).unwrap();
    assert_eq!((file.events, file.without_names), (2, 1));
    assert!(
        file.summary.contains("1 zonder naam en adres") && file.summary.contains("geen toestemming"),
        "{}",
        file.summary
    );

    let cal = parse(&std::fs::read_to_string(&path).unwrap());
    let (henks, henk_located) = event_text(&cal, henk);
    assert!(henks.contains("SUMMARY:respijt thuis: MZ-"), "{henks}");
    for forbidden in ["Henk", "Jansen", "Tulpstraat", "3361", "OuderHenk"] {
        assert!(!henks.contains(forbidden), "'{forbidden}' in the event of a person without consent:\n{henks}");
    }
    assert!(!henk_located, "no LOCATION");
    assert!(henks.contains("DTSTART:20261201T130000"), "the slot is still booked:\n{henks}");

    let (rias, ria_located) = event_text(&cal, ria);
    assert!(rias.contains("OuderRia de Vries") && rias.contains("Ria de Vries"), "{rias}");
    assert!(ria_located && rias.contains("Rozenlaan 7"), "{rias}");

    // Ria withdraws from today: the next file names her no more.
    commands::change_consent(&w.t.store, w.ria.caregiver, ConsentKind::Providers, false, "23-11-2026", common::now())
        .unwrap();
    let (text, next) = provider_ics(w.t.store.conn(), w.provider, day(30, 11), 28, common::now()).unwrap();
    assert_eq!(next.without_names, 2);
    assert!(!text.contains("Ria") && !text.contains("Rozenlaan"), "{text}");
}

fn deliver_november(w: &World) {
    for p in [&w.ria, &w.henk] {
        for date in ["02-11-2026", "09-11-2026", "16-11-2026"] {
            let id = plan(w, p, date);
            set_status(w.t.store.conn(), id, SessionStatus::Delivered, None, common::now()).unwrap();
        }
    }
}

fn request(funder: &str, format: ExportFormat) -> ExportRequest {
    ExportRequest {
        period: "2026-11-01..2026-11-30".into(),
        funder: funder.into(),
        format: Some(format),
        ..Default::default()
    }
}

#[test]
fn without_consent_the_insurer_export_leaves_the_person_out_and_says_how_many_rows() {
    let w = world();
    deliver_november(&w);
    let preview = commands::export_preview(&w.t.store, &request("VGZ", ExportFormat::Csv), common::now()).unwrap();
    assert_eq!(preview.without_identity, 3, "the screen says it before the file is saved");
    assert!(preview.identity_note.starts_with("3 regels zonder polisnummer"), "{}", preview.identity_note);

    let path = w.t.dir.path().join("vgz.csv");
    let result =
        export_to_file(w.t.store.conn(), &request("VGZ", ExportFormat::Csv), &path, "", common::now()).unwrap();
    assert_eq!((result.rows, result.without_identity), (6, 3));
    let warning = result.warnings.iter().find(|m| m.contains("toestemming")).expect("a warning about consent");
    assert!(
        warning.starts_with("3 regels zonder polisnummer, naam en geboortedatum") && warning.contains("1 mantelzorger"),
        "{warning}"
    );

    let text = String::from_utf8(std::fs::read(&path).unwrap()[3..].to_vec()).unwrap();
    for forbidden in ["Henk", "Jansen", "987654321"] {
        assert!(!text.contains(forbidden), "'{forbidden}' in the insurer's file:\n{text}");
    }
    let henk_rows: Vec<&str> = text.lines().filter(|l| l.contains(";MZ-")).collect();
    assert_eq!(henk_rows.len(), 3, "{text}");
    for row in henk_rows {
        let cells: Vec<&str> = row.split(';').collect();
        assert_eq!((cells[1], cells[3]), ("", ""), "no policy number, no date of birth: {row}");
    }
    assert_eq!(text.matches("Ria de Vries;1958-03-14").count(), 3, "Ria's rows unchanged:\n{text}");
    assert_eq!(text.matches(";012345678;").count(), 3);

    // The same in the workbook.
    let xlsx = w.t.dir.path().join("vgz.xlsx");
    export_to_file(w.t.store.conn(), &request("VGZ", ExportFormat::Xlsx), &xlsx, "", common::now()).unwrap();
    let mut workbook = open_workbook_auto(&xlsx).unwrap();
    let range = workbook.worksheet_range_at(0).unwrap().unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    let column = |name: &str| rows[0].iter().position(|c| c == &Data::String(name.into())).unwrap();
    let pseudonymous: Vec<&&[Data]> =
        rows.iter().filter(|r| matches!(&r[column("naam")], Data::String(s) if s.starts_with("MZ-"))).collect();
    assert_eq!(pseudonymous.len(), 3);
    for r in pseudonymous {
        assert!(
            matches!(&r[column("polisnummer")], Data::Empty) || r[column("polisnummer")] == Data::String(String::new())
        );
        assert!(
            !matches!(&r[column("geboortedatum")], Data::DateTime(_)),
            "no date of birth: {:?}",
            r[column("geboortedatum")]
        );
    }
    assert!(rows
        .iter()
        .all(|r| r.iter().all(|c| !matches!(c, Data::String(s) if s.contains("Henk") || s == "987654321"))));
}

#[test]
fn the_municipal_export_is_pseudonymised_whatever_the_consent() {
    let w = world();
    // Not insured for respite: the municipality pays.
    w.t.store.conn().execute("UPDATE caregiver SET insurer = 'CZ'", []).unwrap();
    respijt::funding::set_budget(w.t.store.conn(), "GM0610", 2026, Cents::new(1_000_000), common::now()).unwrap();
    deliver_november(&w);
    let path = w.t.dir.path().join("sliedrecht.csv");
    let result =
        export_to_file(w.t.store.conn(), &request("GM0610", ExportFormat::Csv), &path, "", common::now()).unwrap();
    assert_eq!((result.rows, result.without_identity), (6, 0), "nothing identifying to leave out");
    let text = String::from_utf8(std::fs::read(&path).unwrap()[3..].to_vec()).unwrap();
    for forbidden in ["Ria", "Henk", "Jansen", "de Vries", "012345678", "987654321", "3361 AB", "1958-03-14"] {
        assert!(!text.contains(forbidden), "'{forbidden}' in the municipality's file");
    }
}
