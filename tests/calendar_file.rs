//! A provider's .ics file, read back with an iCalendar parser of its own
//! (the `ical` crate, not the crate that writes it): the Amsterdam zone,
//! a cancel under the same UID with a higher SEQUENCE, a valid file when
//! there is nothing to send, and UIDs unique across stores.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use chrono::{NaiveDate, TimeZone, Utc};
use ical::parser::ical::component::{IcalCalendar, IcalEvent, IcalTimeZoneTransitionType};
use respijt::caregiver::{add_recipient, register_caregiver, RecipientInput, RegisterOutcome};
use respijt::consent::ConsentKind;
use respijt::intake::RespiteForm;
use respijt::money::Cents;
use respijt::planning::{
    plan_session, provider_ics, set_status, update_session, ChangeScope, PlanOutcome, SessionInput, SessionStatus,
};
use respijt::provider::{save_provider, ProviderData, ServiceData, Slot, Unit};

struct World {
    t: common::TestStore,
    caregiver: i64,
    recipient: i64,
    provider: i64,
}

fn provider(w: &common::TestStore, extern_id: &str, name: &str) -> i64 {
    save_provider(
        w.store.conn(),
        &ProviderData {
            extern_id: Some(extern_id.into()),
            name: name.into(),
            pc4: "3361".into(),
            availability: Slot::from_mask(i64::MAX),
            municipality_codes: vec!["GM0610".into()],
            services: vec![ServiceData {
                form: RespiteForm::AtHome,
                unit: Unit::Hour,
                tariff: Some((Cents::new(4000), NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), None)),
            }],
            ..Default::default()
        },
        common::now(),
    )
    .unwrap()
}

fn world() -> World {
    let t = common::store();
    let mut ria = common::ria();
    ria.postcode = "3361 AB".into();
    let caregiver = match register_caregiver(t.store.conn(), &ria, false, common::now()).unwrap() {
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
    let recipient = add_recipient(t.store.conn(), caregiver, &mother, common::now()).unwrap();
    // She agreed to share with providers (without it the file carries a pseudonym: tests/consent.rs).
    respijt::consent::change_consent(
        t.store.conn(),
        caregiver,
        ConsentKind::Providers,
        true,
        "01-11-2026",
        common::now(),
    )
    .unwrap();
    let provider = provider(&t, "A", "Aardig");
    World { t, caregiver, recipient, provider }
}

fn input(w: &World, provider_id: i64, date: &str, start: &str, end: &str) -> SessionInput {
    SessionInput {
        caregiver_id: w.caregiver,
        recipient_id: w.recipient,
        provider_id,
        form: Some(RespiteForm::AtHome),
        date: date.into(),
        start_time: start.into(),
        end_time: end.into(),
        ..Default::default()
    }
}

fn plan(w: &World, date: &str, start: &str, end: &str) -> i64 {
    match plan_session(w.t.store.conn(), &input(w, w.provider, date, start, end), None, common::now()).unwrap() {
        PlanOutcome::Planned { session_ids, .. } => session_ids[0],
        other => panic!("{other:?}"),
    }
}

fn parse(text: &str) -> IcalCalendar {
    let mut calendars = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let calendar = calendars.next().expect("one calendar").unwrap_or_else(|e| panic!("{e}:\n{text}"));
    assert!(calendars.next().is_none());
    calendar
}

fn prop<'a>(props: &'a [ical::property::Property], name: &str) -> Option<&'a ical::property::Property> {
    props.iter().find(|p| p.name == name)
}

fn value<'a>(event: &'a IcalEvent, name: &str) -> &'a str {
    prop(&event.properties, name).and_then(|p| p.value.as_deref()).unwrap_or_else(|| panic!("no {name}"))
}

fn tzid(event: &IcalEvent, name: &str) -> Option<String> {
    let params = prop(&event.properties, name)?.params.as_ref()?;
    params.iter().find(|(k, _)| k == "TZID").map(|(_, v)| v.join(","))
}

/// The file from the Monday of 30 November 2026 for `weeks` weeks, made at `now`.
fn file_at(w: &World, weeks: u64, now: chrono::DateTime<Utc>) -> IcalCalendar {
    let (text, _) =
        provider_ics(w.t.store.conn(), w.provider, NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(), weeks * 7, now)
            .unwrap();
    assert!(text.contains("\r\n"), "CRLF line ends");
    parse(&text)
}

fn file(w: &World) -> IcalCalendar {
    file_at(w, 4, common::now())
}

fn event_for(calendar: &IcalCalendar, session: i64) -> &IcalEvent {
    calendar
        .events
        .iter()
        .find(|e| value(e, "UID").starts_with(&format!("inzet-{session}-")))
        .unwrap_or_else(|| panic!("no event for session {session}"))
}

#[test]
fn the_file_has_amsterdam_times_with_the_zone_in_it() {
    let w = world();
    plan(&w, "01-12-2026", "09:00", "12:00");
    let cal = file(&w);
    let calendar_value = |name: &str| prop(&cal.properties, name).and_then(|p| p.value.clone());
    assert_eq!(calendar_value("VERSION").as_deref(), Some("2.0"));
    assert!(calendar_value("PRODID").unwrap().contains("Respijtregie"));

    assert_eq!(cal.timezones.len(), 1);
    let zone = &cal.timezones[0];
    assert_eq!(prop(&zone.properties, "TZID").and_then(|p| p.value.as_deref()), Some("Europe/Amsterdam"));
    let rule = |kind: IcalTimeZoneTransitionType| {
        let t = zone
            .transitions
            .iter()
            .find(|t| std::mem::discriminant(&t.transition) == std::mem::discriminant(&kind))
            .expect("STANDARD and DAYLIGHT");
        let get = |n: &str| prop(&t.properties, n).and_then(|p| p.value.clone()).unwrap();
        (get("TZOFFSETFROM"), get("TZOFFSETTO"), get("RRULE"))
    };
    assert_eq!(
        rule(IcalTimeZoneTransitionType::DAYLIGHT),
        ("+0100".into(), "+0200".into(), "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU".into())
    );
    assert_eq!(
        rule(IcalTimeZoneTransitionType::STANDARD),
        ("+0200".into(), "+0100".into(), "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU".into())
    );

    assert_eq!(cal.events.len(), 1);
    let event = &cal.events[0];
    assert_eq!(value(event, "DTSTART"), "20261201T090000");
    assert_eq!(tzid(event, "DTSTART").as_deref(), Some("Europe/Amsterdam"));
    assert_eq!(value(event, "DTEND"), "20261201T120000");
    assert_eq!(tzid(event, "DTEND").as_deref(), Some("Europe/Amsterdam"));
    assert_eq!(value(event, "DTSTAMP"), "20261123T100000Z", "DTSTAMP in UTC");
    assert_eq!(value(event, "SEQUENCE"), "0");
    assert_eq!(value(event, "STATUS"), "CONFIRMED");
    assert!(value(event, "SUMMARY").contains("Truus de Vries"));
}

#[test]
fn a_cancelled_session_comes_in_the_next_file_as_cancelled_under_its_uid() {
    let w = world();
    let conn = w.t.store.conn();
    let cancelled = plan(&w, "01-12-2026", "09:00", "12:00");
    let moved = plan(&w, "08-12-2026", "09:00", "12:00");
    let never_sent = plan(&w, "15-12-2026", "09:00", "12:00");
    set_status(conn, never_sent, SessionStatus::Cancelled, None, common::now()).unwrap();
    let first = file(&w);
    assert_eq!(first.events.len(), 2, "a session cancelled before any file is simply not in it");
    let uid = value(event_for(&first, cancelled), "UID").to_string();

    set_status(conn, cancelled, SessionStatus::Cancelled, None, common::now()).unwrap();
    update_session(
        conn,
        moved,
        &input(&w, w.provider, "08-12-2026", "13:00", "16:00"),
        ChangeScope::ThisOnly,
        None,
        common::now(),
    )
    .unwrap();
    let second = file(&w);
    assert_eq!(second.events.len(), 2);
    let gone = event_for(&second, cancelled);
    assert_eq!(value(gone, "UID"), uid, "the same UID, so the calendar takes it for the same visit");
    assert_eq!(value(gone, "STATUS"), "CANCELLED");
    assert_eq!(value(gone, "SEQUENCE"), "1", "raised above the 0 of the first file");
    assert_eq!(value(gone, "DTSTART"), "20261201T090000", "at the time the calendar has it");
    assert!(!value(gone, "SUMMARY").contains("Truus"), "a cancel carries no names");
    let later = event_for(&second, moved);
    assert_eq!((value(later, "DTSTART"), value(later, "SEQUENCE")), ("20261208T130000", "1"));
    assert_eq!(value(later, "STATUS"), "CONFIRMED");

    // Nothing changed since: the cancel is sent again, the sequences stay.
    let third = file(&w);
    assert_eq!(value(event_for(&third, cancelled), "STATUS"), "CANCELLED");
    assert_eq!(value(event_for(&third, cancelled), "SEQUENCE"), "1");
    assert_eq!(value(event_for(&third, moved), "SEQUENCE"), "1");

    // Once its day has passed, the cancel is no longer sent.
    let december_5 = Utc.with_ymd_and_hms(2026, 12, 5, 9, 0, 0).unwrap();
    let (text, report) =
        provider_ics(conn, w.provider, NaiveDate::from_ymd_opt(2026, 12, 7).unwrap(), 28, december_5).unwrap();
    let after = parse(&text);
    assert_eq!(after.events.len(), 1, "{text}");
    assert_eq!((report.events, report.cancelled), (1, 0));
}

#[test]
fn a_session_moved_to_another_provider_is_cancelled_in_the_first_ones_calendar() {
    let w = world();
    let other = provider(&w.t, "B", "Buurtzorg");
    let session = plan(&w, "01-12-2026", "09:00", "12:00");
    let delivered = plan(&w, "01-12-2026", "13:00", "15:00");
    assert_eq!(file_at(&w, 5, common::now()).events.len(), 2);
    // Reported delivered once it has happened (that afternoon).
    let afterwards = Utc.with_ymd_and_hms(2026, 12, 1, 16, 0, 0).unwrap();
    set_status(w.t.store.conn(), delivered, SessionStatus::Delivered, None, afterwards).unwrap();
    update_session(
        w.t.store.conn(),
        session,
        &input(&w, other, "01-12-2026", "09:00", "12:00"),
        ChangeScope::ThisOnly,
        None,
        common::now(),
    )
    .unwrap();
    let again = file_at(&w, 5, common::now());
    assert_eq!(again.events.len(), 1, "the delivered one is not withdrawn");
    assert!(again.events.iter().all(|e| !value(e, "UID").starts_with(&format!("inzet-{delivered}-"))));
    assert_eq!(value(event_for(&again, session), "STATUS"), "CANCELLED");
    assert_eq!(value(event_for(&again, session), "SEQUENCE"), "1");
}

#[test]
fn a_session_moved_out_of_the_weeks_asked_for_still_gets_its_new_time() {
    let w = world();
    let session = plan(&w, "01-12-2026", "09:00", "12:00");
    file(&w);
    update_session(
        w.t.store.conn(),
        session,
        &input(&w, w.provider, "12-01-2027", "09:00", "12:00"),
        ChangeScope::ThisOnly,
        None,
        common::now(),
    )
    .unwrap();
    let again = file(&w);
    let event = event_for(&again, session);
    assert_eq!((value(event, "DTSTART"), value(event, "SEQUENCE")), ("20270112T090000", "1"));
}

#[test]
fn with_nothing_to_send_the_file_is_still_a_valid_calendar() {
    let w = world();
    let (text, report) =
        provider_ics(w.t.store.conn(), w.provider, NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(), 28, common::now())
            .unwrap();
    let cal = parse(&text);
    assert!(cal.events.is_empty());
    assert_eq!(cal.timezones.len(), 1, "the VTIMEZONE is the calendar's one component:\n{text}");
    assert_eq!(report.summary, "geen inzetten in deze weken");
}

#[test]
fn uids_differ_between_stores_and_stay_within_one() {
    let a = world();
    let b = world();
    let (sa, sb) = (plan(&a, "01-12-2026", "09:00", "12:00"), plan(&b, "01-12-2026", "09:00", "12:00"));
    assert_eq!(sa, sb, "the same session id in both stores");
    let uid_a = value(event_for(&file(&a), sa), "UID").to_string();
    let uid_b = value(event_for(&file(&b), sb), "UID").to_string();
    assert_ne!(uid_a, uid_b);
    assert_eq!(value(event_for(&file(&a), sa), "UID"), uid_a);
    assert!(uid_a.ends_with("@respijtregie.waardenland"), "{uid_a}");
}

#[test]
fn a_file_that_could_not_be_written_is_not_remembered_as_sent() {
    let w = world();
    let session = plan(&w, "01-12-2026", "09:00", "12:00");
    // A folder where the file should go: writing fails.
    let blocked = w.t.dir.path().join("map.ics");
    std::fs::create_dir(&blocked).unwrap();
    assert!(respijt::commands::export_provider_ics(&w.t.store, w.provider, "30-11-2026", 4, &blocked, common::now())
        .is_err());
    assert_eq!(common::count(&w.t.store, "calendar_sent"), 0);

    let path = w.t.dir.path().join("aardig.ics");
    let written =
        respijt::commands::export_provider_ics(&w.t.store, w.provider, "30-11-2026", 4, &path, common::now()).unwrap();
    assert_eq!(written.summary, "1 inzet");
    assert_eq!(common::count(&w.t.store, "calendar_sent"), 1);
    set_status(w.t.store.conn(), session, SessionStatus::Cancelled, None, common::now()).unwrap();
    let next = w.t.dir.path().join("aardig-2.ics");
    let written =
        respijt::commands::export_provider_ics(&w.t.store, w.provider, "30-11-2026", 4, &next, common::now()).unwrap();
    assert_eq!(written.summary, "0 inzetten, 1 geannuleerd");
    let cal = parse(&std::fs::read_to_string(&next).unwrap());
    assert_eq!(value(event_for(&cal, session), "STATUS"), "CANCELLED");
}
