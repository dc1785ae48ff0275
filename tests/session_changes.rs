//! What a coordinator changes in a session every day, from an empty store:
//! the session's history (who, when, what, why), the helper of a session or
//! the rest of a series (continuity, a backup), the hand-over note, a
//! confirmation, a series cancelled from a date, a delivery undone.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use common::planning::{planning_world, provider, session, weekly, PlanningWorld};
use respijt::audit::{set_actor, AuditAction};
use respijt::export::{export_to_file, ExportFormat, ExportRequest};
use respijt::import::{read_table_bytes, ImportOptions};
use respijt::intake::{Daypart, RespiteForm, Weekday};
use respijt::matching::{rank_providers, NeedInput, ProviderMatch};
use respijt::planning::{
    cancel_series, get_session, import_statement, plan_session, set_status, undo_delivery, update_session, ChangeScope,
    ClashKind, PlanOutcome, SessionChange, SessionInput, SessionStatus,
};
use respijt::Error;

fn planned(outcome: PlanOutcome) -> Vec<i64> {
    match outcome {
        PlanOutcome::Planned { session_ids, .. } => session_ids,
        other => panic!("expected planned, got {other:?}"),
    }
}

fn plan(w: &PlanningWorld, input: &SessionInput) -> i64 {
    planned(plan_session(w.conn(), input, None, common::now()).unwrap())[0]
}

fn history(w: &PlanningWorld, id: i64) -> Vec<SessionChange> {
    get_session(w.conn(), id).unwrap().history
}

fn whats(w: &PlanningWorld, id: i64) -> Vec<String> {
    history(w, id).into_iter().map(|c| c.what).collect()
}

fn field_of(err: Error) -> Vec<(String, String)> {
    match err {
        Error::Validation(fields) => fields.into_iter().map(|f| (f.field, f.message)).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn ledger(w: &PlanningWorld, id: i64) -> Vec<(String, i64, String, String, bool)> {
    w.conn()
        .prepare("SELECT funder, cents, kind, booking_date, frozen FROM ledger_entry WHERE session_id = ?1 ORDER BY id")
        .unwrap()
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

// A. Session history.

#[test]
fn every_change_to_a_session_is_in_its_history_newest_first_with_who_made_it() {
    let w = planning_world();
    set_actor(w.conn(), "hanneke", "").unwrap();
    let id = plan(&w, &session(&w, "01-12-2026", "09:00", "12:00", Some("Ans")));
    let first = history(&w, id);
    assert_eq!(first.len(), 1);
    assert_eq!((first[0].what.as_str(), first[0].by.as_str()), ("ingepland", "hanneke"));

    let mut changed = session(&w, "01-12-2026", "10:00", "13:00", Some("Bert"));
    changed.handover_note = "Sleutel ligt bij de buren.".into();
    planned(update_session(w.conn(), id, &changed, ChangeScope::ThisOnly, None, common::now()).unwrap());
    // The same form again changes nothing, and adds no line.
    planned(update_session(w.conn(), id, &changed, ChangeScope::ThisOnly, None, common::now()).unwrap());
    set_status(w.conn(), id, SessionStatus::Confirmed, None, common::now()).unwrap();

    assert_eq!(
        whats(&w, id),
        [
            "status: gepland → bevestigd",
            "tijd: 01-12-2026 09:00–12:00 → 01-12-2026 10:00–13:00; hulp: Ans → Bert; overdrachtsnotitie gewijzigd",
            "ingepland",
        ]
    );
    let all = whats(&w, id).join(" ");
    for private in ["Ria", "Truus", "Sleutel"] {
        assert!(!all.contains(private), "the history names no client and keeps no note text: {all}");
    }
    // The audit trail says which session and which fields changed, without values.
    let details: Vec<String> = respijt::audit::of_caregiver(w.conn(), w.caregiver, 100)
        .unwrap()
        .into_iter()
        .filter(|e| e.action == AuditAction::DossierChanged)
        .map(|e| e.detail)
        .collect();
    assert!(details.contains(&format!("inzet {id}: tijd, hulp, overdracht")), "{details:?}");
    assert!(details.contains(&format!("inzet {id}: status")), "{details:?}");
}

#[test]
fn a_statement_writes_the_history_in_the_name_of_the_importing_user() {
    let mut w = planning_world();
    set_actor(w.conn(), "marieke", "").unwrap();
    let id = plan(&w, &session(&w, "03-11-2026", "09:00", "12:00", None));
    let text = "extern_id;mantelzorger_id;aanbieder_id;dienst;datum;start;eind;status\n\
        R1;MZ-1;P-1;thuis;03-11-2026;09:00;11:30;uitgevoerd\n\
        R2;MZ-1;P-1;thuis;05-11-2026;14:00;16:00;uitgevoerd\n";
    let table = read_table_bytes("overzicht.csv", text.as_bytes()).unwrap();
    let report = import_statement(w.t.store.conn_mut(), &table, ImportOptions::default(), common::now()).unwrap();
    assert_eq!((report.matched, report.unplanned.len()), (1, 1));

    let line = &history(&w, id)[0];
    assert_eq!(line.what, "status: gepland → uitgevoerd (2,5 uur)");
    assert_eq!((line.by.as_str(), line.reason.as_str()), ("marieke", "overzicht van de aanbieder"));
    let unplanned = history(&w, report.unplanned[0].session_id);
    assert_eq!(unplanned.len(), 1);
    assert_eq!(unplanned[0].what, "gemeld in het overzicht van de aanbieder");
    // The same statement again reports nothing new: no new lines.
    import_statement(w.t.store.conn_mut(), &table, ImportOptions::default(), common::now()).unwrap();
    assert_eq!(history(&w, id).len(), 2);
}

// B. The helper of a session or a series.

#[test]
fn a_helper_must_work_for_the_provider_and_still_be_active() {
    let w = planning_world();
    let other = provider(w.conn(), "P-2", "Ander", &["Dirk"]);
    let dirk = common::planning::helpers_of(w.conn(), other)["Dirk"];
    let mut input = session(&w, "01-12-2026", "09:00", "12:00", None);
    input.helper_id = Some(dirk);
    let err = plan_session(w.conn(), &input, None, common::now()).unwrap_err();
    assert_eq!(
        field_of(err),
        [("helperId".into(), "Deze hulp werkt niet bij de gekozen aanbieder; kies een hulp van die aanbieder.".into())]
    );
    w.conn().execute("UPDATE helper SET active = 0 WHERE id = ?1", [w.helper("Ans")]).unwrap();
    let err = plan_session(w.conn(), &session(&w, "01-12-2026", "09:00", "12:00", Some("Ans")), None, common::now())
        .unwrap_err();
    assert_eq!(
        field_of(err),
        [("helperId".into(), "Deze hulp werkt niet meer bij de aanbieder; kies een andere hulp.".into())]
    );
    assert_eq!(common::count(&w.t.store, "session"), 0, "nothing planned");
}

fn match_of(w: &PlanningWorld) -> ProviderMatch {
    let need = NeedInput {
        caregiver_id: w.caregiver,
        recipient_id: w.recipient,
        form: Some(RespiteForm::AtHome),
        hours_per_week: "3".into(),
        weekdays: vec![Weekday::Tuesday],
        dayparts: vec![Daypart::Morning],
        first_date: "01-12-2026".into(),
        weeks: 4,
        ..Default::default()
    };
    rank_providers(w.conn(), &need).unwrap().into_iter().find(|m| m.provider_id == w.provider).unwrap()
}

#[test]
fn the_match_suggests_the_helper_who_came_last_and_a_backup() {
    let w = planning_world();
    let first = match_of(&w);
    assert_eq!(first.known_helper_id, None, "no one worked for Ria yet");
    assert_eq!(first.backup_helper_id, Some(w.helper("Ans")), "the backup is the first active helper by name");

    plan(&w, &session(&w, "03-11-2026", "09:00", "12:00", Some("Carla")));
    plan(&w, &session(&w, "10-11-2026", "09:00", "12:00", Some("Bert")));
    plan(&w, &session(&w, "12-11-2026", "09:00", "12:00", Some("Carla")));
    plan(&w, &session(&w, "17-11-2026", "09:00", "12:00", Some("Bert")));
    let m = match_of(&w);
    assert_eq!(m.known_helper_id, Some(w.helper("Bert")), "Bert came last");
    assert_eq!(m.backup_helper_id, Some(w.helper("Carla")), "Carla came before him");
    let listed: Vec<(&str, &str)> = m.helpers.iter().map(|h| (h.name.as_str(), h.note.as_str())).collect();
    assert_eq!(listed, [("Bert", "bekend bij deze mantelzorger"), ("Carla", "reserve"), ("Ans", "")]);
    assert!(m.reasons.contains(&"bekende hulp: Bert".to_string()), "{:?}", m.reasons);

    // Bert leaves the provider: Carla is the known helper now, Ans the backup.
    w.conn().execute("UPDATE helper SET active = 0 WHERE id = ?1", [w.helper("Bert")]).unwrap();
    let m = match_of(&w);
    assert_eq!((m.known_helper_id, m.backup_helper_id), (Some(w.helper("Carla")), Some(w.helper("Ans"))));
    assert!(m.helpers.iter().all(|h| h.name != "Bert"), "an inactive helper is not offered");
}

#[test]
fn the_helper_and_note_of_the_rest_of_a_series_change_and_a_double_booking_needs_a_reason() {
    let w = planning_world();
    let ids = weekly(&w, "01-12-2026", 4, Some("Ans"));
    // Bert already works elsewhere on 8 December at that time.
    let sem = match respijt::caregiver::register_caregiver(
        w.conn(),
        &respijt::caregiver::CaregiverInput {
            first_name: "Sem".into(),
            date_of_birth: "01-01-1960".into(),
            ..common::ria()
        },
        true,
        common::now(),
    )
    .unwrap()
    {
        respijt::caregiver::RegisterOutcome::Created { id } => id,
        other => panic!("{other:?}"),
    };
    let father = respijt::caregiver::RecipientInput {
        first_name: "Jan".into(),
        last_name: "Bakker".into(),
        date_of_birth: "03-03-1930".into(),
        ..Default::default()
    };
    let jan = respijt::caregiver::add_recipient(w.conn(), sem, &father, common::now()).unwrap();
    let mut elsewhere = session(&w, "08-12-2026", "10:00", "11:00", Some("Bert"));
    (elsewhere.caregiver_id, elsewhere.recipient_id) = (sem, jan);
    plan(&w, &elsewhere);

    let mut change = session(&w, "08-12-2026", "09:00", "12:00", Some("Bert"));
    change.handover_note = "Ans is met verlof; Bert weet de weg.".into();
    let refused =
        update_session(w.conn(), ids[1], &change, ChangeScope::ThisAndFollowing, None, common::now()).unwrap();
    match refused {
        PlanOutcome::Clashes { clashes } => {
            assert_eq!(clashes.iter().map(|c| c.kind).collect::<Vec<_>>(), [ClashKind::HelperDouble]);
        }
        other => panic!("expected the helper's double booking, got {other:?}"),
    }
    assert_eq!(get_session(w.conn(), ids[1]).unwrap().helper_name.as_deref(), Some("Ans"), "nothing changed yet");

    let reason = "Ans met verlof; Bert schuift het uur bij Sem op.";
    let changed = planned(
        update_session(w.conn(), ids[1], &change, ChangeScope::ThisAndFollowing, Some(reason), common::now()).unwrap(),
    );
    assert_eq!(changed, ids[1..]);
    let first = get_session(w.conn(), ids[0]).unwrap();
    assert_eq!((first.helper_name.as_deref(), first.handover_note.as_str()), (Some("Ans"), "Koffie om tien uur."));
    for id in &ids[1..] {
        let s = get_session(w.conn(), *id).unwrap();
        assert_eq!((s.helper_name.as_deref(), s.handover_note.as_str()), (Some("Bert"), change.handover_note.as_str()));
        let line = &s.history[0];
        assert_eq!(line.what, "hulp: Ans → Bert; overdrachtsnotitie gewijzigd");
        assert_eq!(line.reason, reason);
    }
    assert_eq!(whats(&w, ids[0]), ["ingepland in een reeks"], "the earlier session keeps its history");
}

// C. The hand-over note alone.

#[test]
fn the_hand_over_note_of_one_session_is_edited_after_planning() {
    let w = planning_world();
    let ids = weekly(&w, "01-12-2026", 3, Some("Ans"));
    let mut change = session(&w, "08-12-2026", "09:00", "12:00", Some("Ans"));
    change.handover_note = "Medicijnen staan in de keukenla.".into();
    planned(update_session(w.conn(), ids[1], &change, ChangeScope::ThisOnly, None, common::now()).unwrap());
    let notes: Vec<String> = ids.iter().map(|id| get_session(w.conn(), *id).unwrap().handover_note).collect();
    assert_eq!(notes, ["Koffie om tien uur.", "Medicijnen staan in de keukenla.", "Koffie om tien uur."]);
    assert_eq!(whats(&w, ids[1])[0], "overdrachtsnotitie gewijzigd");
}

// D. Confirm.

#[test]
fn a_planned_session_is_confirmed_once() {
    let w = planning_world();
    let id = plan(&w, &session(&w, "01-12-2026", "09:00", "12:00", None));
    assert!(get_session(w.conn(), id).unwrap().can_confirm);
    let view = set_status(w.conn(), id, SessionStatus::Confirmed, None, common::now()).unwrap();
    assert_eq!(view.status, SessionStatus::Confirmed);
    assert!(!view.can_confirm, "a confirmed session is not offered for confirming again");
    assert!(view.can_change && view.can_call_off, "a confirmed session is still open");
    assert_eq!(view.history[0].what, "status: gepland → bevestigd");
}

// E. Cancel a series from a date.

#[test]
fn a_series_is_cancelled_from_a_date_with_a_reason_and_what_happened_stays() {
    let w = planning_world();
    let ids = weekly(&w, "03-11-2026", 5, Some("Ans"));
    set_status(w.conn(), ids[0], SessionStatus::Delivered, None, common::now()).unwrap();
    set_status(w.conn(), ids[1], SessionStatus::Confirmed, None, common::now()).unwrap();
    let series = get_session(w.conn(), ids[1]).unwrap().series_id.unwrap();
    assert!(get_session(w.conn(), ids[1]).unwrap().can_cancel_series);

    let err = cancel_series(w.conn(), series, "10-11-2026", "  ", common::now()).unwrap_err();
    assert_eq!(field_of(err), [("reason".into(), "Vul in waarom de reeks stopt.".into())]);
    let err = cancel_series(w.conn(), series, "31-11-2026", "Moeder opgenomen", common::now()).unwrap_err();
    assert_eq!(field_of(err)[0].0, "from");
    assert_eq!(get_session(w.conn(), ids[4]).unwrap().status, SessionStatus::Planned, "nothing cancelled yet");

    let n = cancel_series(w.conn(), series, "10-11-2026", "Moeder is opgenomen in het verpleeghuis.", common::now())
        .unwrap();
    assert_eq!(n, 4);
    let statuses: Vec<SessionStatus> = ids.iter().map(|id| get_session(w.conn(), *id).unwrap().status).collect();
    assert_eq!(
        statuses,
        [
            SessionStatus::Delivered,
            SessionStatus::Cancelled,
            SessionStatus::Cancelled,
            SessionStatus::Cancelled,
            SessionStatus::Cancelled
        ]
    );
    let line = &history(&w, ids[1])[0];
    assert_eq!(line.what, "status: bevestigd → geannuleerd");
    assert_eq!(line.reason, "Moeder is opgenomen in het verpleeghuis.");
    assert_eq!(history(&w, ids[4])[0].what, "status: gepland → geannuleerd");
    // The delivered session is still paid.
    assert_eq!(ledger(&w, ids[0]).iter().map(|e| e.1).sum::<i64>(), 12000);
    let err = cancel_series(w.conn(), series, "10-11-2026", "Nogmaals", common::now()).unwrap_err();
    assert_eq!(
        field_of(err),
        [("from".into(), "Deze reeks heeft op of na 10-11-2026 geen geplande inzetten meer.".into())]
    );
}

// F. Undo a delivery.

#[test]
fn undoing_a_delivery_in_a_closed_period_books_a_correction_in_the_open_one() {
    let w = planning_world();
    let id = plan(&w, &session(&w, "10-02-2026", "09:00", "12:00", None));
    set_status(w.conn(), id, SessionStatus::Delivered, None, common::now()).unwrap();
    assert_eq!(ledger(&w, id), [("VGZ".to_string(), 12000, "regulier".to_string(), "2026-02-10".to_string(), false)]);
    // The first quarter is reported to the funders: a final export closes it.
    let request = ExportRequest {
        period: "2026-Q1".into(),
        format: Some(ExportFormat::Csv),
        final_export: true,
        ..Default::default()
    };
    let result = export_to_file(w.conn(), &request, &w.t.dir.path().join("q1.csv"), "marieke", common::now()).unwrap();
    assert!(result.closed);

    let err = undo_delivery(w.conn(), id, "", common::now()).unwrap_err();
    assert_eq!(field_of(err), [("reason".into(), "Vul in waarom de uitvoering wordt teruggedraaid.".into())]);
    assert_eq!(get_session(w.conn(), id).unwrap().status, SessionStatus::Delivered, "nothing changed");

    let view = undo_delivery(w.conn(), id, "De aanbieder meldde de verkeerde dag.", common::now()).unwrap();
    assert_eq!((view.status, view.delivered_minutes), (SessionStatus::Planned, None));
    assert!(view.can_change && !view.can_undo_delivery);
    assert_eq!(view.history[0].what, "status: uitgevoerd (3 uur) → gepland");
    assert_eq!(view.history[0].reason, "De aanbieder meldde de verkeerde dag.");
    assert_eq!(
        ledger(&w, id),
        [
            ("VGZ".to_string(), 12000, "regulier".to_string(), "2026-02-10".to_string(), true),
            ("VGZ".to_string(), -12000, "correctie".to_string(), "2026-11-23".to_string(), false),
        ],
        "the reported entry stays; a correction in the first open day takes it back"
    );

    let err = undo_delivery(w.conn(), id, "Nogmaals", common::now()).unwrap_err();
    assert!(matches!(err, Error::Invalid(ref m) if m.contains("niet uitgevoerd")), "{err:?}");
}

#[test]
fn undoing_a_delivery_in_an_open_period_takes_its_entries_away() {
    let w = planning_world();
    let id = plan(&w, &session(&w, "03-11-2026", "09:00", "12:00", None));
    set_status(w.conn(), id, SessionStatus::Delivered, Some(120), common::now()).unwrap();
    assert_eq!(ledger(&w, id).iter().map(|e| e.1).sum::<i64>(), 8000);
    undo_delivery(w.conn(), id, "Dubbel gemeld.", common::now()).unwrap();
    assert!(ledger(&w, id).is_empty(), "nothing was reported yet: the entries simply go");
}

// G. Only the director.

#[test]
fn only_the_director_cancels_a_series_or_undoes_a_delivery() {
    use common::app::{call, ok};
    use serde_json::json;
    let dir = tempfile::tempdir().unwrap();
    let mut app = respijt::commands::App::new(dir.path().join("respijt.db"));
    ok(&mut app, "create_store", json!({ "passphrase": common::PASSPHRASE, "repeat": common::PASSPHRASE }));
    for (name, role) in [("marieke", "regisseur"), ("kees", "consulent"), ("fatima", "financien")] {
        let password = format!("{name}-wachtwoord");
        ok(
            &mut app,
            "add_user",
            json!({ "input": { "name": name, "role": role, "password": password, "repeat": password } }),
        );
    }
    for name in ["kees", "fatima"] {
        ok(&mut app, "lock_store", serde_json::Value::Null);
        ok(&mut app, "unlock_store", json!({ "passphrase": common::PASSPHRASE }));
        ok(&mut app, "sign_in", json!({ "name": name, "password": format!("{name}-wachtwoord") }));
        for (command, args) in [
            ("cancel_series", json!({ "seriesId": 1, "from": "01-12-2026", "reason": "x" })),
            ("undo_delivery", json!({ "id": 1, "reason": "x" })),
        ] {
            let err = call(&mut app, command, args).unwrap_err();
            assert_eq!(err.code, respijt::error::ErrorCode::Forbidden, "{name}: {command}");
        }
    }
    ok(&mut app, "lock_store", serde_json::Value::Null);
    ok(&mut app, "unlock_store", json!({ "passphrase": common::PASSPHRASE }));
    ok(&mut app, "sign_in", json!({ "name": "marieke", "password": "marieke-wachtwoord" }));
    let err = call(&mut app, "undo_delivery", json!({ "id": 999, "reason": "x" })).unwrap_err();
    assert_ne!(err.code, respijt::error::ErrorCode::Forbidden, "the director may: {err:?}");
}

#[test]
fn an_erasure_blanks_the_reasons_in_the_history_and_keeps_what_changed() {
    let w = planning_world();
    let ids = weekly(&w, "01-12-2026", 2, Some("Ans"));
    let series = get_session(w.conn(), ids[0]).unwrap().series_id.unwrap();
    cancel_series(w.conn(), series, "01-12-2026", "Truus gaat naar het verpleeghuis.", common::now()).unwrap();
    respijt::retention::erase(w.conn(), w.caregiver, respijt::retention::ErasureGround::Request, common::now())
        .unwrap();
    let line = &history(&w, ids[0])[0];
    assert_eq!((line.what.as_str(), line.reason.as_str()), ("status: gepland → geannuleerd", "(gewist)"));
    assert_eq!(history(&w, ids[0])[1].reason, "", "a line without a reason stays without one");
}
