//! Requests and the waiting list: each status path, the order of the list,
//! the attention item after 10 working days (holidays not counted), and
//! linking a request made before its dossier, on a real store.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use chrono::{DateTime, TimeZone, Utc};
use respijt::caregiver::RegisterOutcome;
use respijt::intake::{RespiteForm, Urgency};
use respijt::request::{Referrer, RequestInput, RequestSettings, RequestStatus, StatusInput, WaitReason};
use respijt::{commands, Error, Store};

fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 10, 0, 0).unwrap()
}

/// A caller without a dossier: Ria, as `common::ria()` would register her.
fn caller(received_on: &str, urgency: Urgency) -> RequestInput {
    RequestInput {
        received_on: received_on.into(),
        referrer: Some(Referrer::GeneralPractitioner),
        form: Some(RespiteForm::AtHome),
        hours_per_week: "4".into(),
        note: "Wil een middag per week weg.".into(),
        urgency,
        first_name: "Ria".into(),
        last_name: "de Vries".into(),
        date_of_birth: "14-03-1958".into(),
        postcode: "3311ab".into(),
        phone: "06-12345678".into(),
        ..Default::default()
    }
}

fn status(to: RequestStatus, on: &str) -> StatusInput {
    StatusInput { to, on: on.into(), wait_reason: None, note: String::new() }
}

fn register_ria(store: &Store) -> i64 {
    match commands::register_caregiver(store, &common::ria(), false, common::now()).unwrap() {
        RegisterOutcome::Created { id } => id,
        other => panic!("{other:?}"),
    }
}

fn fields(err: Error) -> Vec<String> {
    match err {
        Error::Validation(f) => f.into_iter().map(|f| f.field).collect(),
        other => panic!("expected field errors, got {other}"),
    }
}

#[test]
fn a_request_before_a_dossier_is_linked_to_the_twin_and_started() {
    let t = common::store();
    let s = &t.store;
    let r = commands::record_request(s, &caller("02-11-2026", Urgency::Normal), common::now()).unwrap();
    assert_eq!((r.status, r.caregiver_id, r.name.as_str()), (RequestStatus::New, None, "Ria de Vries"));
    assert_eq!((r.minutes_per_week, r.postcode.as_str(), r.phone.as_str()), (Some(240), "3311 AB", "06 12345678"));
    assert_eq!(r.days_waiting, 21, "2 to 23 November");
    assert!(r.possible_dossier.is_none(), "no dossier yet");

    // Starting without a dossier is refused: the monitor needs the caregiver.
    let err = commands::change_request_status(s, r.id, &status(RequestStatus::Started, ""), common::now()).unwrap_err();
    assert!(err.to_string().contains("Koppel de aanvraag eerst"), "{err}");

    let ria = register_ria(s);
    let r = commands::get_request(s, r.id, common::now()).unwrap();
    assert_eq!(r.possible_dossier.map(|d| d.id), Some(ria), "the twin check suggests Ria's dossier");

    let r = commands::link_request(s, r.id, ria, common::now()).unwrap();
    assert_eq!(r.caregiver_id, Some(ria));
    let r =
        commands::change_request_status(s, r.id, &status(RequestStatus::IntakePlanned, "10-11-2026"), common::now())
            .unwrap();
    let r =
        commands::change_request_status(s, r.id, &status(RequestStatus::Started, "20-11-2026"), common::now()).unwrap();
    assert_eq!(r.status, RequestStatus::Started);
    assert_eq!(r.days_waiting, 18, "an ended request waited until its last status, 2 to 20 November");
    let steps: Vec<(RequestStatus, String)> = r.history.iter().map(|h| (h.status, h.on.to_string())).collect();
    assert_eq!(
        steps,
        vec![
            (RequestStatus::New, "2026-11-02".into()),
            (RequestStatus::IntakePlanned, "2026-11-10".into()),
            (RequestStatus::Started, "2026-11-20".into()),
        ]
    );
    assert!(r.next_statuses.is_empty(), "started is an end");
    assert!(commands::waiting_list(s, common::now()).unwrap().is_empty(), "started: off the waiting list");

    // The dossier's trail shows the request's changes once it is linked.
    let trail = commands::audit_of_caregiver(s, ria).unwrap();
    let lines: Vec<&str> =
        trail.iter().filter(|e| e.action.code() == "aanvraag-gewijzigd").map(|e| e.detail.as_str()).collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(lines.iter().any(|l| l.ends_with("status gestart")), "{lines:?}");
}

#[test]
fn a_wait_needs_its_reason_and_a_refusal_its_reason() {
    let t = common::store();
    let s = &t.store;
    let id = commands::record_request(s, &caller("", Urgency::Normal), common::now()).unwrap().id;
    let wait = status(RequestStatus::WaitingForProvider, "");
    assert_eq!(fields(commands::change_request_status(s, id, &wait, common::now()).unwrap_err()), ["waitReason"]);
    let other = StatusInput { wait_reason: Some(WaitReason::Other), ..wait.clone() };
    assert_eq!(fields(commands::change_request_status(s, id, &other, common::now()).unwrap_err()), ["note"]);
    let language = StatusInput { wait_reason: Some(WaitReason::NoLanguage), ..wait };
    let r = commands::change_request_status(s, id, &language, common::now()).unwrap();
    assert_eq!((r.status, r.wait_reason), (RequestStatus::WaitingForProvider, Some(WaitReason::NoLanguage)));

    let refuse = status(RequestStatus::Refused, "");
    assert_eq!(fields(commands::change_request_status(s, id, &refuse, common::now()).unwrap_err()), ["note"]);
    let refuse = StatusInput { note: "Woont buiten de regio.".into(), ..refuse };
    let r = commands::change_request_status(s, id, &refuse, common::now()).unwrap();
    assert_eq!(
        (r.status, r.status_note.as_str(), r.wait_reason),
        (RequestStatus::Refused, "Woont buiten de regio.", None)
    );

    // An end is final; the message says what to do instead.
    let err = commands::change_request_status(s, id, &status(RequestStatus::New, ""), common::now()).unwrap_err();
    assert!(err.to_string().contains("nieuwe aanvraag"), "{err}");
}

#[test]
fn a_request_can_be_withdrawn_and_dates_must_fit() {
    let t = common::store();
    let s = &t.store;
    let id = commands::record_request(s, &caller("10-11-2026", Urgency::Soon), common::now()).unwrap().id;
    let before = status(RequestStatus::Withdrawn, "09-11-2026");
    assert_eq!(fields(commands::change_request_status(s, id, &before, common::now()).unwrap_err()), ["on"]);
    let future = status(RequestStatus::Withdrawn, "24-11-2026");
    assert_eq!(fields(commands::change_request_status(s, id, &future, common::now()).unwrap_err()), ["on"]);
    let r =
        commands::change_request_status(s, id, &status(RequestStatus::Withdrawn, "12-11-2026"), common::now()).unwrap();
    assert_eq!((r.status, r.days_waiting), (RequestStatus::Withdrawn, 2));
    assert_eq!(common::count(s, "request_status_change"), 2, "nieuw and ingetrokken; refused tries left nothing");
}

#[test]
fn a_request_needs_who_referred_and_someone_to_call_back() {
    let t = common::store();
    let input = RequestInput { referrer: None, last_name: String::new(), phone: String::new(), ..Default::default() };
    let mut got = fields(commands::record_request(&t.store, &input, common::now()).unwrap_err());
    got.sort();
    assert_eq!(got, ["lastName", "phone", "referrer"]);
    let bad = RequestInput { hours_per_week: "veel".into(), postcode: "1234 SA".into(), ..caller("", Urgency::Normal) };
    let mut got = fields(commands::record_request(&t.store, &bad, common::now()).unwrap_err());
    got.sort();
    assert_eq!(got, ["hoursPerWeek", "postcode"]);
    assert_eq!(common::count(&t.store, "request"), 0, "nothing half-written");
}

#[test]
fn the_waiting_list_puts_urgency_first_then_the_longest_wait() {
    let t = common::store();
    let s = &t.store;
    let record = |on: &str, urgency: Urgency, name: &str| {
        let input = RequestInput { last_name: name.into(), ..caller(on, urgency) };
        commands::record_request(s, &input, common::now()).unwrap().id
    };
    let recent_normal = record("20-11-2026", Urgency::Normal, "Recent");
    let old_normal = record("01-10-2026", Urgency::Normal, "Oud");
    let crisis = record("22-11-2026", Urgency::Crisis, "Crisis");
    let soon = record("15-11-2026", Urgency::Soon, "Binnenkort");
    let ended = record("01-09-2026", Urgency::Crisis, "Klaar");
    commands::change_request_status(s, ended, &status(RequestStatus::Withdrawn, ""), common::now()).unwrap();

    let order: Vec<i64> = commands::waiting_list(s, common::now()).unwrap().iter().map(|r| r.id).collect();
    assert_eq!(order, vec![crisis, soon, old_normal, recent_normal]);
}

#[test]
fn a_request_is_on_the_attention_list_after_ten_working_days_holidays_not_counted() {
    let t = common::store();
    let s = &t.store;
    // Thursday 7 May 2026; Hemelvaart (14-5) and Pinkstermaandag (25-5) do not count.
    let id = commands::record_request(s, &caller("07-05-2026", Urgency::Normal), at(2026, 5, 7)).unwrap().id;
    let overdue =
        |day| commands::overdue_requests(s, at(2026, 5, day)).unwrap().iter().map(|r| r.id).collect::<Vec<_>>();
    assert!(overdue(22).is_empty(), "22 May: 10 working days (11 if Hemelvaart counted)");
    assert!(overdue(25).is_empty(), "Pinkstermaandag: still 10");
    assert_eq!(overdue(26), vec![id], "26 May: 11 working days");

    // The setting moves the line.
    commands::set_request_settings(s, &RequestSettings { wait_working_days: 11 }).unwrap();
    assert!(overdue(26).is_empty());
    assert_eq!(commands::request_settings(s).unwrap().wait_working_days, 11);
    let zero = commands::set_request_settings(s, &RequestSettings { wait_working_days: 0 }).unwrap_err();
    assert_eq!(fields(zero), ["waitWorkingDays"]);
}

#[test]
fn a_request_for_a_registered_caregiver_names_the_dossier() {
    let t = common::store();
    let s = &t.store;
    let ria = register_ria(s);
    let input = RequestInput {
        caregiver_id: Some(ria),
        referrer: Some(Referrer::Mee),
        urgency: Urgency::Normal,
        ..Default::default()
    };
    let r = commands::record_request(s, &input, common::now()).unwrap();
    assert_eq!((r.caregiver_id, r.name.as_str()), (Some(ria), "Ria de Vries"));
    let listed: Vec<i64> =
        commands::requests_of_caregiver(s, ria, common::now()).unwrap().iter().map(|r| r.id).collect();
    assert_eq!(listed, vec![r.id]);
    let missing = RequestInput { caregiver_id: Some(9999), ..input };
    assert!(matches!(commands::record_request(s, &missing, common::now()), Err(Error::NotFound(_))));
}

#[test]
fn erasing_a_dossier_removes_the_callers_details_from_its_requests_and_keeps_the_dates() {
    let t = common::store();
    let s = &t.store;
    let ria = register_ria(s);
    let id = commands::record_request(s, &caller("02-11-2026", Urgency::Normal), common::now()).unwrap().id;
    commands::link_request(s, id, ria, common::now()).unwrap();
    respijt::retention::erase(s.conn(), ria, respijt::retention::ErasureGround::Request, common::now()).unwrap();
    let r = commands::get_request(s, id, common::now()).unwrap();
    assert_eq!((r.first_name.as_str(), r.phone.as_str(), r.note.as_str(), r.date_of_birth), ("", "", "", None));
    assert_eq!(r.received_on.to_string(), "2026-11-02", "the monitor keeps the date");
}
