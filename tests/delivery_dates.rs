//! When a session can have been delivered (issue 14, part 4): one rule for a
//! provider's statement and for "uitgevoerd" in the app. From an empty store;
//! "today" is 23 November 2026, 11:00 in Dordrecht (10:00 UTC).
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use chrono::NaiveDate;
use respijt::caregiver::{add_recipient, register_caregiver, RecipientInput, RegisterOutcome};
use respijt::commands;
use respijt::error::Error;
use respijt::import::{read_table_bytes, ImportOptions};
use respijt::intake::{Daypart, RespiteForm, Weekday};
use respijt::money::Cents;
use respijt::planning::delivery_date::{earliest_delivery, set_earliest_delivery};
use respijt::planning::{
    get_session, import_statement, plan_session, set_status, PlanOutcome, SessionInput, SessionStatus, StatementReport,
};
use respijt::provider::{save_provider, ProviderData, ProviderKind, ServiceData, Slot, Unit};

const HEADER: &str = "extern_id;mantelzorger_id;aanbieder_id;dienst;datum;start;eind;status";

struct World {
    t: common::TestStore,
    caregiver: i64,
    recipient: i64,
    provider: i64,
}

/// Ria, registered today (so every session below lies before her registration
/// date), her mother, and ZorgMies offering respite at home.
fn world() -> World {
    let t = common::store();
    let conn = t.store.conn();
    let mut ria = common::ria();
    ria.extern_id = "MZ-1".into();
    let caregiver = match register_caregiver(conn, &ria, false, common::now()).unwrap() {
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
    let recipient = add_recipient(conn, caregiver, &mother, common::now()).unwrap();
    let provider = save_provider(
        conn,
        &ProviderData {
            extern_id: Some("ZM".into()),
            name: "ZorgMies".into(),
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
                tariff: Some((Cents::new(4000), NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(), None)),
            }],
            ..Default::default()
        },
        common::now(),
    )
    .unwrap();
    World { t, caregiver, recipient, provider }
}

fn read_in(w: &mut World, lines: &[&str]) -> StatementReport {
    let text = std::iter::once(HEADER).chain(lines.iter().copied()).collect::<Vec<_>>().join("\n");
    let table = read_table_bytes("overzicht.csv", text.as_bytes()).unwrap();
    import_statement(w.t.store.conn_mut(), &table, ImportOptions::default(), common::now()).unwrap()
}

fn refused(report: &StatementReport) -> Vec<(usize, &str, &str)> {
    report.rejected.iter().map(|e| (e.row, e.column.as_str(), e.message.as_str())).collect()
}

fn nothing_written(w: &World) {
    assert_eq!(common::count(&w.t.store, "session"), 0, "no session written");
    assert_eq!(common::count(&w.t.store, "ledger_entry"), 0, "nothing paid");
}

#[test]
fn a_statement_line_after_today_is_refused_and_nothing_is_written() {
    let mut w = world();
    let report = read_in(
        &mut w,
        &["R1;MZ-1;ZM;thuis;02-11-2026;09:00;12:00;uitgevoerd", "R2;MZ-1;ZM;thuis;12-03-2035;09:00;12:00;uitgevoerd"],
    );
    assert_eq!(
        refused(&report),
        [(
            2,
            "datum",
            "De datum 12-03-2035 ligt na vandaag (23-11-2026): een inzet kan pas uitgevoerd zijn als hij geweest is. Kijk de datum na."
        )]
    );
    nothing_written(&w);
    // Tomorrow is the future too; today is not.
    let report = read_in(&mut w, &["R3;MZ-1;ZM;thuis;24-11-2026;09:00;12:00;uitgevoerd"]);
    assert_eq!(refused(&report)[0].1, "datum");
    let report = read_in(&mut w, &["R4;MZ-1;ZM;thuis;23-11-2026;08:00;10:00;uitgevoerd"]);
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
}

#[test]
fn a_statement_line_before_the_earliest_date_is_refused_until_the_region_sets_it_earlier() {
    let mut w = world();
    let line = "R1;MZ-1;ZM;thuis;04-05-2010;09:00;12:00;uitgevoerd";
    let report = read_in(&mut w, &[line]);
    let rows = refused(&report);
    assert_eq!((rows[0].0, rows[0].1), (1, "datum"));
    assert!(rows[0].2.starts_with("De datum 04-05-2010 ligt voor 01-01-2024"), "{}", rows[0].2);
    nothing_written(&w);
    // The default is 1 January of the year before last; 31-12-2023 is just too old.
    let report = read_in(&mut w, &["R0;MZ-1;ZM;thuis;31-12-2023;09:00;12:00;uitgevoerd"]);
    assert_eq!(refused(&report)[0].1, "datum");
    let report = read_in(&mut w, &["R0;MZ-1;ZM;thuis;01-01-2024;09:00;12:00;uitgevoerd"]);
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);

    // A region moving its history in sets the date earlier; then the line is taken.
    let conn = w.t.store.conn();
    assert_eq!(earliest_delivery(conn, common::now()).unwrap().date, NaiveDate::from_ymd_opt(2024, 1, 1).unwrap());
    let setting = set_earliest_delivery(conn, "01-01-2010", common::now()).unwrap();
    assert!(setting.chosen);
    let report = read_in(&mut w, &[line]);
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    assert_eq!(report.unplanned.len(), 1);
    // A date after today cannot be the earliest date.
    let err = set_earliest_delivery(w.t.store.conn(), "01-01-2030", common::now()).unwrap_err();
    assert!(matches!(err, Error::Validation(ref f) if f[0].field == "earliestDelivery"), "{err:?}");
}

#[test]
fn a_date_that_does_not_exist_is_refused_saying_so() {
    let mut w = world();
    let report = read_in(&mut w, &["R1;MZ-1;ZM;thuis;31-02-2026;09:00;12:00;uitgevoerd"]);
    assert_eq!(refused(&report), [(1, "datum", "Datum '31-02-2026' bestaat niet: februari 2026 heeft 28 dagen.")]);
    nothing_written(&w);
}

#[test]
fn a_statement_line_in_a_closed_period_becomes_a_correction_on_the_first_open_day() {
    let mut w = world();
    let october = |d| NaiveDate::from_ymd_opt(2026, 10, d).unwrap();
    respijt::funding::close_period(w.t.store.conn(), "2026-10", october(1), october(31), "test", common::now())
        .unwrap();
    let report = read_in(&mut w, &["R1;MZ-1;ZM;thuis;15-10-2026;09:00;12:00;uitgevoerd"]);
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    assert_eq!(report.corrections.len(), 1);
    assert_eq!(report.corrections[0].note, "In de afgesloten periode 2026-10: geboekt als correctie op 23-11-2026.");
    let session = report.corrections[0].session_id;
    let booked: Vec<(String, NaiveDate)> =
        w.t.store
            .conn()
            .prepare("SELECT kind, booking_date FROM ledger_entry WHERE session_id = ?1")
            .unwrap()
            .query_map([session], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
    assert!(!booked.is_empty(), "the delivered hours are paid");
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    assert!(
        booked.iter().all(|(kind, day)| kind == "correctie" && *day == today),
        "nothing booked inside the reported October: {booked:?}"
    );
}

#[test]
fn a_session_before_the_registration_date_is_fine() {
    let mut w = world();
    let registered: String =
        w.t.store
            .conn()
            .query_row("SELECT created_at FROM caregiver WHERE id = ?1", [w.caregiver], |r| r.get(0))
            .unwrap();
    assert!(registered.starts_with("2026-11-23"), "{registered}");
    let report = read_in(&mut w, &["R1;MZ-1;ZM;thuis;02-03-2026;09:00;12:00;uitgevoerd"]);
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    assert_eq!(report.unplanned.len(), 1);
    assert!(common::count(&w.t.store, "ledger_entry") > 0, "paid");
}

fn plan(w: &World, date: &str, start: &str, end: &str) -> i64 {
    let input = SessionInput {
        caregiver_id: w.caregiver,
        recipient_id: w.recipient,
        provider_id: w.provider,
        helper_id: None,
        form: Some(RespiteForm::AtHome),
        date: date.into(),
        start_time: start.into(),
        end_time: end.into(),
        units: String::new(),
        handover_note: String::new(),
    };
    match plan_session(w.t.store.conn(), &input, None, common::now()).unwrap() {
        PlanOutcome::Planned { session_ids, .. } => session_ids[0],
        other => panic!("{other:?}"),
    }
}

#[test]
fn in_the_app_a_session_that_has_not_started_cannot_be_reported_delivered() {
    let w = world();
    // 10:00 UTC is 11:00 in Dordrecht: the 10:30 session has started, the 12:00 one has not.
    let started = plan(&w, "23-11-2026", "10:30", "12:30");
    let later_today = plan(&w, "23-11-2026", "13:00", "15:00");
    let next_week = plan(&w, "30-11-2026", "09:00", "12:00");
    let offered = |id| commands::get_session(&w.t.store, id, common::now()).unwrap().can_report_delivered;
    assert!(offered(started));
    assert!(!offered(later_today), "13:00 has not come yet");
    assert!(!offered(next_week));
    let week = commands::week_calendar(
        &w.t.store,
        respijt::planning::CalendarOwner::Caregiver(w.caregiver),
        "23-11-2026",
        common::now(),
    )
    .unwrap();
    let in_week: Vec<bool> = week.days.iter().flat_map(|d| &d.sessions).map(|s| s.can_report_delivered).collect();
    assert_eq!(in_week, [true, false], "the calendar offers the same");

    let conn = w.t.store.conn();
    let err = set_status(conn, next_week, SessionStatus::Delivered, None, common::now()).unwrap_err();
    match err {
        Error::Validation(fields) => {
            assert_eq!(fields[0].field, "status");
            assert_eq!(
                fields[0].message,
                "Deze inzet is nog niet begonnen (hij begint 30-11-2026 om 09:00); meld hem uitgevoerd als hij geweest is."
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(get_session(conn, next_week).unwrap().status, SessionStatus::Planned, "nothing changed");
    assert_eq!(common::count(&w.t.store, "ledger_entry"), 0, "no cap day used");
    // It can still be called off ahead, and the one that started is delivered.
    set_status(conn, next_week, SessionStatus::Cancelled, None, common::now()).unwrap();
    set_status(conn, started, SessionStatus::Delivered, None, common::now()).unwrap();
    assert!(common::count(&w.t.store, "ledger_entry") > 0);
}

#[test]
fn in_the_app_a_session_before_the_earliest_date_cannot_be_reported_delivered() {
    let w = world();
    // Planned long ago and never closed; the default earliest date is 01-01-2024.
    let old = plan(&w, "05-06-2023", "09:00", "12:00");
    let err = set_status(w.t.store.conn(), old, SessionStatus::Delivered, None, common::now()).unwrap_err();
    assert!(
        matches!(&err, Error::Validation(f) if f[0].field == "status" && f[0].message.contains("ligt voor 01-01-2024")),
        "{err:?}"
    );
}
