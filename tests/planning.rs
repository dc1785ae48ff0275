//! Providers, matching, planning, clashes, statements: hand-made cases.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use chrono::NaiveDate;
use respijt::caregiver::{add_recipient, register_caregiver, RecipientInput, RegisterOutcome};
use respijt::import::{read_table_bytes, ImportOptions};
use respijt::intake::{Daypart, RecipientSituation, RespiteForm, Weekday};
use respijt::matching::{rank_providers, NeedInput};
use respijt::money::Cents;
use respijt::planning::{
    self, get_session, import_statement, plan_series, plan_session, set_status, update_session, week_calendar,
    CalendarOwner, ChangeScope, ClashKind, PlanOutcome, SeriesInput, SessionInput, SessionStatus,
};
use respijt::provider::{save_provider, ProviderData, ProviderKind, ServiceData, Slot, Unit};
use rusqlite::Connection;

struct World {
    t: common::TestStore,
    caregiver: i64,
    recipient: i64,
}

/// A caregiver in Sliedrecht whose mother (dementia) lives with her.
fn world() -> World {
    let t = common::store();
    let mut ria = common::ria();
    ria.postcode = "3361 AB".into();
    let caregiver = match register_caregiver(t.store.conn(), &ria, false, common::now()).unwrap() {
        RegisterOutcome::Created { id } => id,
        other => panic!("{other:?}"),
    };
    t.store.conn().execute("UPDATE caregiver SET extern_id = 'MZ-1' WHERE id = ?1", [caregiver]).unwrap();
    let mother = RecipientInput {
        first_name: "Truus".into(),
        last_name: "de Vries".into(),
        date_of_birth: "02-02-1931".into(),
        relationship: "moeder".into(),
        ..Default::default()
    };
    let recipient = add_recipient(t.store.conn(), caregiver, &mother, common::now()).unwrap();
    // She agreed to share with providers: the calendar file names her mother.
    respijt::consent::change_consent(
        t.store.conn(),
        caregiver,
        respijt::consent::ConsentKind::Providers,
        true,
        "01-11-2026",
        common::now(),
    )
    .unwrap();
    World { t, caregiver, recipient }
}

fn every_slot() -> Vec<Slot> {
    Weekday::ALL.iter().flat_map(|d| Daypart::ALL.iter().map(move |p| Slot { day: *d, daypart: *p })).collect()
}

fn provider(conn: &Connection, extern_id: &str, name: &str, pc4: &str, municipalities: &[&str]) -> ProviderData {
    let _ = conn;
    ProviderData {
        extern_id: Some(extern_id.into()),
        name: name.into(),
        kind: Some(ProviderKind::Professional),
        pc4: pc4.into(),
        max_distance_km: 10,
        capacity_minutes_per_week: Some(20 * 60),
        availability: every_slot(),
        municipality_codes: municipalities.iter().map(|m| m.to_string()).collect(),
        services: vec![ServiceData {
            form: RespiteForm::AtHome,
            unit: Unit::Hour,
            tariff: Some((Cents::new(4000), NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), None)),
        }],
        ..Default::default()
    }
}

fn save(w: &World, data: &ProviderData) -> i64 {
    save_provider(w.t.store.conn(), data, common::now()).unwrap()
}

fn need(w: &World) -> NeedInput {
    NeedInput {
        caregiver_id: w.caregiver,
        recipient_id: w.recipient,
        form: Some(RespiteForm::AtHome),
        hours_per_week: "4".into(),
        weekdays: vec![Weekday::Tuesday],
        dayparts: vec![Daypart::Morning],
        first_date: "01-12-2026".into(),
        weeks: 4,
        language: "tr".into(),
        specialisms: vec![RecipientSituation::Dementia],
    }
}

fn session(w: &World, provider_id: i64, date: &str, start: &str, end: &str) -> SessionInput {
    SessionInput {
        caregiver_id: w.caregiver,
        recipient_id: w.recipient,
        provider_id,
        helper_id: None,
        form: Some(RespiteForm::AtHome),
        date: date.into(),
        start_time: start.into(),
        end_time: end.into(),
        units: String::new(),
        handover_note: "Moeder drinkt om 10 uur koffie; bel bij onrust de dochter.".into(),
    }
}

/// 31 December 2026, evening: the December statements below are in the past.
fn after_december() -> chrono::DateTime<chrono::Utc> {
    chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 12, 31, 20, 0, 0).unwrap()
}

fn planned(outcome: PlanOutcome) -> Vec<i64> {
    match outcome {
        PlanOutcome::Planned { session_ids, .. } => session_ids,
        other => panic!("expected planned sessions, got {other:?}"),
    }
}

fn clash_kinds(outcome: &PlanOutcome) -> Vec<ClashKind> {
    match outcome {
        PlanOutcome::Clashes { clashes } => clashes.iter().map(|c| c.kind).collect(),
        other => panic!("expected clashes, got {other:?}"),
    }
}

#[test]
fn the_two_providers_of_the_plan_are_seeded_with_example_tariffs() {
    let w = world();
    let providers = respijt::provider::list_providers(w.t.store.conn()).unwrap();
    let names: Vec<&str> = providers.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["ZorgMies", "Zorgmaatje aan Huis"]);
    assert!(providers.iter().all(|p| p.example && p.municipalities.len() == 10));
    assert!(providers.iter().flat_map(|p| &p.services).flat_map(|s| &s.tariffs).all(|t| t.example));
}

#[test]
fn ranking_puts_the_best_fit_first_and_says_why() {
    let w = world();
    let conn = w.t.store.conn();
    // Archive the seeded examples so only hand-made providers compete.
    conn.execute("UPDATE provider SET archived_at = '2026-01-01'", []).unwrap();
    let mut turkish = provider(conn, "A", "Anatolia Zorg", "3361", &["GM0610"]);
    turkish.specialisms = vec![RecipientSituation::Dementia];
    turkish.languages = vec!["tr".into()];
    let a = save(&w, &turkish);
    let plain = save(&w, &provider(conn, "B", "Basiszorg", "3311", &["GM0505", "GM0610"]));
    let far = save(&w, &provider(conn, "C", "Verweg Zorg", "4201", &["GM0512"]));
    let mut no_form = provider(conn, "D", "Dagcentrum", "3361", &["GM0610"]);
    no_form.services[0].form = RespiteForm::DayCare;
    no_form.services[0].unit = Unit::Dagdeel;
    let d = save(&w, &no_form);

    let ranked = rank_providers(conn, &need(&w)).unwrap();
    let order: Vec<i64> = ranked.iter().map(|m| m.provider_id).collect();
    assert_eq!(&order[..2], &[a, plain], "eligible providers first, best first");
    let best = &ranked[0];
    assert!(best.eligible);
    for reason in ["werkt in Sliedrecht", "ervaring met dementie", "spreekt Turks", "uur ruimte in week 49"] {
        assert!(best.reasons.iter().any(|r| r.contains(reason)), "missing '{reason}' in {:?}", best.reasons);
    }
    assert_eq!(best.cost_per_week, Some(Cents::new(16000)), "4 hours at EUR 40");
    let far_match = ranked.iter().find(|m| m.provider_id == far).unwrap();
    assert!(!far_match.eligible);
    assert!(far_match.failures[0].starts_with("werkt niet in Sliedrecht en ligt op"), "{:?}", far_match.failures);
    let no_form_match = ranked.iter().find(|m| m.provider_id == d).unwrap();
    assert_eq!(no_form_match.failures, ["biedt geen respijt thuis"]);
}

#[test]
fn a_full_week_and_missing_availability_are_hard_conditions() {
    let w = world();
    let conn = w.t.store.conn();
    conn.execute("UPDATE provider SET archived_at = '2026-01-01'", []).unwrap();
    let mut busy = provider(conn, "A", "Vol Zorg", "3361", &["GM0610"]);
    busy.capacity_minutes_per_week = Some(5 * 60);
    let busy = save(&w, &busy);
    planned(plan_session(conn, &session(&w, busy, "08-12-2026", "13:00", "15:00"), None, common::now()).unwrap());
    let mut evenings = provider(conn, "B", "Avondzorg", "3361", &["GM0610"]);
    evenings.availability = vec![Slot { day: Weekday::Tuesday, daypart: Daypart::Evening }];
    save(&w, &evenings);

    let ranked = rank_providers(conn, &need(&w)).unwrap();
    assert!(ranked.iter().all(|m| !m.eligible));
    let busy_match = ranked.iter().find(|m| m.provider_id == busy).unwrap();
    assert_eq!(busy_match.failures, ["te weinig ruimte in week 50: 3 uur vrij, 4 uur nodig"]);
    let evening_match = ranked.iter().find(|m| m.provider_name == "Avondzorg").unwrap();
    assert_eq!(evening_match.failures, ["niet beschikbaar op de gevraagde dagen en dagdelen"]);
}

#[test]
fn continuity_with_an_earlier_provider_counts() {
    let w = world();
    let conn = w.t.store.conn();
    conn.execute("UPDATE provider SET archived_at = '2026-01-01'", []).unwrap();
    let first = save(&w, &provider(conn, "A", "Aardig", "3361", &["GM0610"]));
    let known = save(&w, &provider(conn, "B", "Bekend", "3361", &["GM0610"]));
    planned(plan_session(conn, &session(&w, known, "03-11-2026", "09:00", "12:00"), None, common::now()).unwrap());
    let ranked = rank_providers(conn, &need(&w)).unwrap();
    assert_eq!(ranked[0].provider_id, known);
    assert!(ranked[0].reasons.iter().any(|r| r == "eerder ingezet bij deze mantelzorger (1 keer)"));
    assert_eq!(ranked[1].provider_id, first);
}

#[test]
fn every_clash_kind_is_refused_and_accepted_with_a_recorded_reason() {
    let w = world();
    let conn = w.t.store.conn();
    let p = save(&w, &provider(conn, "A", "Aardig", "3361", &["GM0610"]));
    conn.execute("INSERT INTO helper (provider_id, name) VALUES (?1, 'Sanne')", [p]).unwrap();
    let helper = conn.last_insert_rowid();
    let mut first = session(&w, p, "01-12-2026", "09:00", "12:00");
    first.helper_id = Some(helper);
    planned(plan_session(conn, &first, None, common::now()).unwrap());

    // The recipient and the helper are already booked at 10:00.
    let mut double = session(&w, p, "01-12-2026", "10:00", "11:00");
    double.helper_id = Some(helper);
    let outcome = plan_session(conn, &double, None, common::now()).unwrap();
    assert_eq!(clash_kinds(&outcome), [ClashKind::RecipientDouble, ClashKind::HelperDouble]);
    assert_eq!(common::count(&w.t.store, "session"), 1, "a refused plan writes nothing");

    // Over the weekly capacity (20 hours; 3 planned).
    let long = session(&w, p, "02-12-2026", "00:00", "18:00");
    assert_eq!(clash_kinds(&plan_session(conn, &long, None, common::now()).unwrap()), [ClashKind::OverCapacity]);

    // Christmas.
    let xmas = session(&w, p, "25-12-2026", "09:00", "12:00");
    let outcome = plan_session(conn, &xmas, None, common::now()).unwrap();
    assert_eq!(clash_kinds(&outcome), [ClashKind::Holiday]);
    assert!(matches!(&outcome, PlanOutcome::Clashes { clashes } if clashes[0].message.contains("Eerste Kerstdag")));

    // A blank reason is no reason.
    assert!(matches!(plan_session(conn, &xmas, Some("  "), common::now()).unwrap(), PlanOutcome::Clashes { .. }));
    let ids = planned(plan_session(conn, &xmas, Some("Dochter werkt in de zorg, kerstdienst"), common::now()).unwrap());
    let view = get_session(conn, ids[0]).unwrap();
    assert_eq!(view.overrides.len(), 1);
    assert_eq!(view.overrides[0].kind, ClashKind::Holiday);
    assert_eq!(view.overrides[0].reason, "Dochter werkt in de zorg, kerstdienst");

    let ids = planned(plan_session(conn, &double, Some("Twee hulpen nodig bij het douchen"), common::now()).unwrap());
    assert_eq!(get_session(conn, ids[0]).unwrap().overrides.len(), 2);

    // Every override is in the audit trail of the caregiver (the reason stays with the session).
    let trail = respijt::audit::of_caregiver(conn, w.caregiver, 10).unwrap();
    let overrides: Vec<&str> =
        trail.iter().filter(|e| e.action == respijt::audit::AuditAction::Override).map(|e| e.detail.as_str()).collect();
    assert_eq!(overrides.len(), 3, "{trail:?}");
    assert!(overrides.iter().any(|d| d.ends_with("op een feestdag")), "{overrides:?}");
    assert!(overrides.iter().all(|d| !d.contains("kerstdienst")), "no free text in the trail");
}

#[test]
fn a_cancelled_session_frees_its_time() {
    let w = world();
    let conn = w.t.store.conn();
    let p = save(&w, &provider(conn, "A", "Aardig", "3361", &["GM0610"]));
    let ids =
        planned(plan_session(conn, &session(&w, p, "01-12-2026", "09:00", "12:00"), None, common::now()).unwrap());
    set_status(conn, ids[0], SessionStatus::Cancelled, None, common::now()).unwrap();
    planned(plan_session(conn, &session(&w, p, "01-12-2026", "09:00", "12:00"), None, common::now()).unwrap());
}

#[test]
fn a_weekly_series_across_easter_skips_the_holiday_and_changes_follow() {
    let w = world();
    let conn = w.t.store.conn();
    let p = save(&w, &provider(conn, "A", "Aardig", "3361", &["GM0610"]));
    let series = SeriesInput {
        session: session(&w, p, "23-03-2026", "09:00", "12:00"),
        every_weeks: 1,
        weekdays: vec![Weekday::Monday],
        until: "27-04-2026".into(),
        count: String::new(),
        skip_holidays: true,
    };
    let outcome = plan_series(conn, &series, None, common::now()).unwrap();
    let PlanOutcome::Planned { session_ids, skipped_holidays } = outcome else { panic!("{outcome:?}") };
    assert_eq!(session_ids.len(), 4, "23-3, 30-3, 13-4 and 20-4; not 6-4 (Easter) nor 27-4 (Koningsdag)");
    let skipped: Vec<String> = skipped_holidays.iter().map(|s| s.holiday.clone()).collect();
    assert_eq!(skipped, ["Tweede Paasdag", "Koningsdag"]);
    let dates: Vec<NaiveDate> = session_ids.iter().map(|id| get_session(conn, *id).unwrap().date).collect();
    assert!(!dates.contains(&NaiveDate::from_ymd_opt(2026, 4, 6).unwrap()));

    // Move the third session and all that follow one day later, to the afternoon.
    let mut change = session(&w, p, "14-04-2026", "13:00", "16:00");
    change.handover_note = "Nieuwe tijd".into();
    let third = session_ids[2];
    planned(update_session(conn, third, &change, ChangeScope::ThisAndFollowing, None, common::now()).unwrap());
    let after: Vec<(NaiveDate, String)> =
        session_ids.iter().map(|id| get_session(conn, *id).unwrap()).map(|s| (s.date, s.start)).collect();
    assert_eq!(after[1], (NaiveDate::from_ymd_opt(2026, 3, 30).unwrap(), "09:00".to_string()), "earlier ones stay");
    assert_eq!(after[2], (NaiveDate::from_ymd_opt(2026, 4, 14).unwrap(), "13:00".to_string()));
    assert_eq!(after[3], (NaiveDate::from_ymd_opt(2026, 4, 21).unwrap(), "13:00".to_string()));

    // One session only.
    let only = session(&w, p, "31-03-2026", "10:00", "11:00");
    planned(update_session(conn, session_ids[1], &only, ChangeScope::ThisOnly, None, common::now()).unwrap());
    assert_eq!(get_session(conn, session_ids[0]).unwrap().start, "09:00");
}

#[test]
fn the_week_calendar_shows_the_sessions_and_holidays_of_a_week() {
    let w = world();
    let conn = w.t.store.conn();
    let p = save(&w, &provider(conn, "A", "Aardig", "3361", &["GM0610"]));
    planned(
        plan_session(conn, &session(&w, p, "26-12-2026", "09:00", "12:00"), Some("op verzoek"), common::now()).unwrap(),
    );
    planned(plan_session(conn, &session(&w, p, "22-12-2026", "09:00", "11:30"), None, common::now()).unwrap());
    let week = week_calendar(conn, CalendarOwner::Provider(p), NaiveDate::from_ymd_opt(2026, 12, 23).unwrap()).unwrap();
    assert_eq!(week.week, 52);
    assert_eq!(week.monday, NaiveDate::from_ymd_opt(2026, 12, 21).unwrap());
    assert_eq!(week.days[1].sessions.len(), 1);
    assert_eq!(week.days[4].holiday.as_deref(), Some("Eerste Kerstdag"));
    assert_eq!(week.days[5].sessions[0].start, "09:00");
    assert_eq!(week.planned_minutes, 330);
    assert_eq!(week.capacity_minutes, Some(1200));
    let mine =
        week_calendar(conn, CalendarOwner::Caregiver(w.caregiver), NaiveDate::from_ymd_opt(2026, 12, 27).unwrap())
            .unwrap();
    assert_eq!(mine.days.iter().map(|d| d.sessions.len()).sum::<usize>(), 2);
}

#[test]
fn a_statement_closes_planned_sessions_and_keeps_every_delivered_hour() {
    let mut w = world();
    let p = save(&w, &provider(w.t.store.conn(), "ZM", "Aardig", "3361", &["GM0610"]));
    let conn = w.t.store.conn();
    let on_time =
        planned(plan_session(conn, &session(&w, p, "01-12-2026", "09:00", "12:00"), None, common::now()).unwrap())[0];
    let longer =
        planned(plan_session(conn, &session(&w, p, "08-12-2026", "09:00", "12:00"), None, common::now()).unwrap())[0];
    let missing =
        planned(plan_session(conn, &session(&w, p, "15-12-2026", "09:00", "12:00"), None, common::now()).unwrap())[0];
    let text = "extern_id;mantelzorger_id;aanbieder_id;dienst;datum;start;eind;status\n\
        R1;MZ-1;ZM;thuis;01-12-2026;09:00;12:00;uitgevoerd\n\
        R2;MZ-1;ZM;thuis;08-12-2026;09:00;12:30;uitgevoerd\n\
        R3;MZ-1;ZM;thuis;10-12-2026;14:00;16:00;uitgevoerd\n\
        R4;MZ-1;ZM;thuis;01-12-2026;10:00;11:00;uitgevoerd\n";
    let table = read_table_bytes("overzicht.csv", text.as_bytes()).unwrap();
    let report = import_statement(w.t.store.conn_mut(), &table, ImportOptions::default(), after_december()).unwrap();
    assert_eq!((report.lines, report.matched), (4, 2));
    assert_eq!(report.differences.len(), 1);
    assert_eq!(report.differences[0].session_id, longer);
    assert_eq!(report.differences[0].delivered_minutes, Some(210));
    assert_eq!(report.unplanned.len(), 2, "R3 (extra) and R4 (a second session that morning)");
    assert_eq!(report.clashes.len(), 1, "R4 overlaps R1 for the same recipient: flagged, not dropped");
    let conn = w.t.store.conn();
    assert_eq!(get_session(conn, on_time).unwrap().status, SessionStatus::Delivered);
    assert_eq!(get_session(conn, missing).unwrap().status, SessionStatus::Planned, "not in the statement: still open");
    let extra = get_session(conn, report.unplanned[0].session_id).unwrap();
    assert!(extra.needs_review);
    assert_eq!(extra.delivered_minutes, Some(120));

    // The same statement again doubles nothing.
    let before = common::count(&w.t.store, "session");
    let again = import_statement(w.t.store.conn_mut(), &table, ImportOptions::default(), after_december()).unwrap();
    assert_eq!(again.repeated, 4);
    assert_eq!(common::count(&w.t.store, "session"), before);
}

#[test]
fn a_statement_with_a_bad_line_writes_nothing() {
    let mut w = world();
    save(&w, &provider(w.t.store.conn(), "ZM", "Aardig", "3361", &["GM0610"]));
    let text = "extern_id;mantelzorger_id;aanbieder_id;dienst;datum;start;eind;status\n\
        R1;MZ-1;ZM;thuis;01-12-2026;09:00;12:00;uitgevoerd\n\
        R2;ONBEKEND;ZM;thuis;08-12-2026;09:00;12:30;misschien\n";
    let table = read_table_bytes("overzicht.csv", text.as_bytes()).unwrap();
    let report = import_statement(w.t.store.conn_mut(), &table, ImportOptions::default(), after_december()).unwrap();
    let named: Vec<(usize, &str)> = report.rejected.iter().map(|e| (e.row, e.column.as_str())).collect();
    assert_eq!(named, [(2, "mantelzorger_id"), (2, "status")]);
    assert_eq!(common::count(&w.t.store, "session"), 0);
}

#[test]
fn a_provider_calendar_file_opens_in_calendar_apps() {
    let w = world();
    let conn = w.t.store.conn();
    let p = save(&w, &provider(conn, "A", "Aardig", "3361", &["GM0610"]));
    planned(plan_session(conn, &session(&w, p, "01-12-2026", "09:00", "12:00"), None, common::now()).unwrap());
    let (ics, _) =
        planning::provider_ics(conn, p, NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(), 14, common::now()).unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR"));
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1);
    assert!(ics.contains("DTSTART;TZID=Europe/Amsterdam:20261201T090000"), "{ics}");
    assert!(ics.contains("DTEND;TZID=Europe/Amsterdam:20261201T120000"));
    assert!(ics.contains("Truus de Vries"));
}

#[test]
fn providers_import_with_tariffs_in_euros() {
    let mut t = common::store();
    let text = "extern_id;naam;soort;dienst;eenheid;tarief;geldig_vanaf;geldig_tot;gemeenten;capaciteit_uren_per_week;specialismen;talen\n\
        P1;Thuiszorg West;professioneel;thuis;uur;52,75;01-01-2026;;Dordrecht,GM0610;40;dementie,nah;nl,en\n\
        P1;Thuiszorg West;professioneel;logeeropvang;etmaal;215,00;01-01-2026;31-12-2026;Dordrecht;;;\n\
        P2;Buurtmaatjes;vrijwilligers;thuis;uur;0;01-01-2026;;Zwijndrecht;12,5;;\n";
    let table = read_table_bytes("aanbieders.csv", text.as_bytes()).unwrap();
    let report =
        respijt::provider::import_providers(t.store.conn_mut(), &table, ImportOptions::default(), common::now())
            .unwrap();
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    assert_eq!(report.imported, 2);
    let id = respijt::provider::find_by_extern_id(t.store.conn(), "P1").unwrap().unwrap();
    let p = respijt::provider::get_provider(t.store.conn(), id).unwrap();
    assert_eq!(p.services.len(), 2);
    assert_eq!(p.services[0].tariffs[0].cents, Cents::new(5275));
    assert_eq!(p.municipalities.len(), 2);
    assert_eq!(p.capacity_minutes_per_week, Some(2400));

    let bad = "extern_id;naam;soort;dienst;eenheid;tarief;geldig_vanaf;geldig_tot;gemeenten;capaciteit_uren_per_week;specialismen;talen\n\
        P3;Fout;professioneel;thuis;minuut;52,7,5;01-01-2026;;Atlantis;;;\n";
    let table = read_table_bytes("aanbieders.csv", bad.as_bytes()).unwrap();
    let report =
        respijt::provider::import_providers(t.store.conn_mut(), &table, ImportOptions::default(), common::now())
            .unwrap();
    let columns: Vec<&str> = report.rejected.iter().map(|e| e.column.as_str()).collect();
    assert_eq!(columns, ["eenheid", "tarief", "gemeenten"]);
    assert!(respijt::provider::find_by_extern_id(t.store.conn(), "P3").unwrap().is_none());
}

/// 5 mei counts every year by default (the Algemene termijnenwet); with the
/// setting "eens in de vijf jaar" only in lustrum years.
#[test]
fn liberation_day_follows_the_setting() {
    use respijt::holidays::{set_liberation_day, LiberationDay};
    let w = world();
    let conn = w.t.store.conn();
    let p = save(&w, &provider(conn, "A", "Aardig", "3361", &["GM0610"]));
    let on_may_5 = session(&w, p, "05-05-2026", "09:00", "12:00");
    let outcome = plan_session(conn, &on_may_5, None, common::now()).unwrap();
    let PlanOutcome::Clashes { clashes } = outcome else { panic!("5 mei 2026 is a holiday by default: {outcome:?}") };
    assert!(clashes.iter().any(|c| c.message.contains("Bevrijdingsdag")), "{clashes:?}");

    set_liberation_day(conn, LiberationDay::EveryFiveYears).unwrap();
    planned(plan_session(conn, &on_may_5, None, common::now()).unwrap());
    let outcome = plan_session(conn, &session(&w, p, "05-05-2025", "09:00", "12:00"), None, common::now()).unwrap();
    assert!(matches!(outcome, PlanOutcome::Clashes { .. }), "2025 is a lustrum year: {outcome:?}");
}
