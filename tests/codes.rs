//! Codes the store holds but this version does not know, written by hand
//! past the store's checks: the paths that read them as "per hour",
//! "respite at home" or "dossier viewed" now stop with a Dutch message that
//! names the kind of code and the value.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use chrono::NaiveDate;
use respijt::caregiver::{add_recipient, register_caregiver, RecipientInput, RegisterOutcome};
use respijt::error::ErrorCode;
use respijt::funding::{dashboard, preview_plan, reallocate_year, set_budget};
use respijt::intake::RespiteForm;
use respijt::money::Cents;
use respijt::planning::{
    minutes_at, plan_session, set_status, PlanOutcome, SeriesInput, SessionInput, SessionStatus, ValidSession,
};
use respijt::provider::{save_provider, ProviderData, ServiceData, Slot, Unit};
use respijt::{ApiError, Error};

struct World {
    t: common::TestStore,
    caregiver: i64,
    recipient: i64,
    provider: i64,
}

/// Ria cares for her mother in Dordrecht; a provider charges EUR 40 an hour.
fn world() -> World {
    let t = common::store();
    let conn = t.store.conn();
    let caregiver = match register_caregiver(conn, &common::ria(), false, common::now()).unwrap() {
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
            extern_id: Some("P".into()),
            name: "Aardig".into(),
            pc4: "3311".into(),
            availability: Slot::from_mask(i64::MAX),
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
    set_budget(conn, "GM0505", 2026, Cents::new(1_000_000), common::now()).unwrap();
    World { t, caregiver, recipient, provider }
}

fn session_input(w: &World, date: &str) -> SessionInput {
    SessionInput {
        caregiver_id: w.caregiver,
        recipient_id: w.recipient,
        provider_id: w.provider,
        form: Some(RespiteForm::AtHome),
        date: date.into(),
        start_time: "09:00".into(),
        end_time: "12:00".into(),
        ..Default::default()
    }
}

fn plan(w: &World, date: &str) -> i64 {
    match plan_session(w.t.store.conn(), &session_input(w, date), None, common::now()).unwrap() {
        PlanOutcome::Planned { session_ids, .. } => session_ids[0],
        other => panic!("{other:?}"),
    }
}

/// Writes past the store's CHECK constraints, as a hand edit in another tool would.
fn by_hand(w: &World, sql: &str) {
    let conn = w.t.store.conn();
    conn.execute_batch("PRAGMA ignore_check_constraints = ON").unwrap();
    conn.execute_batch(sql).unwrap();
    conn.execute_batch("PRAGMA ignore_check_constraints = OFF").unwrap();
}

/// The error is `Invalid`, and what the UI shows is this Dutch text.
fn assert_dutch(err: Error, expected_start: &str) {
    let message = err.to_string();
    assert!(matches!(err, Error::Invalid(_)), "{err:?}");
    assert!(message.starts_with(expected_start), "{message}");
    assert!(!message.contains("Conversion error"), "{message}");
    let api = ApiError::from(err);
    assert_eq!(api.code, ErrorCode::Internal);
    assert_eq!(api.message, message);
}

#[test]
fn the_store_refuses_an_unknown_unit_unless_its_checks_are_bypassed() {
    let w = world();
    let refused = w.t.store.conn().execute("UPDATE provider_service SET unit = 'xyz'", []);
    assert!(refused.unwrap_err().to_string().contains("CHECK constraint failed"));
}

#[test]
fn an_unknown_unit_of_a_providers_tariff_is_an_error_not_an_hourly_price() {
    let w = world();
    by_hand(&w, &format!("UPDATE provider_service SET unit = 'xyz' WHERE provider_id = {}", w.provider));
    let conn = w.t.store.conn();
    let date = NaiveDate::from_ymd_opt(2026, 3, 3).unwrap();
    let expected = "Onbekende code 'xyz' voor de eenheid in de opslag.";
    assert_dutch(respijt::provider::tariff_on(conn, w.provider, RespiteForm::AtHome, date).unwrap_err(), expected);
    assert_dutch(respijt::provider::get_provider(conn, w.provider).unwrap_err(), expected);
    // What planned sessions would cost: read as hourly, 3 hours x EUR 40.
    let session = ValidSession {
        caregiver_id: w.caregiver,
        recipient_id: w.recipient,
        provider_id: w.provider,
        helper_id: None,
        form: RespiteForm::AtHome,
        unit: Unit::Hour,
        date,
        starts_at: minutes_at(date, 9 * 60),
        ends_at: minutes_at(date, 12 * 60),
        units: 0,
        handover_note: String::new(),
    };
    assert_dutch(preview_plan(conn, &[session]).unwrap_err(), expected);
    // The planning screen's price of a series: was 3 hours x EUR 40.
    let series = SeriesInput {
        session: session_input(&w, "03-03-2026"),
        every_weeks: 1,
        weekdays: vec![],
        until: String::new(),
        count: "1".into(),
        skip_holidays: false,
    };
    assert_dutch(respijt::commands::preview_series(&w.t.store, &series).unwrap_err(), expected);
}

#[test]
fn an_unknown_unit_of_a_delivered_session_stops_the_allocation_and_keeps_the_ledger() {
    let w = world();
    let id = plan(&w, "03-03-2026");
    let conn = w.t.store.conn();
    set_status(conn, id, SessionStatus::Delivered, None, common::now()).unwrap();
    let ledger = |w: &World| -> Vec<(String, i64)> {
        let conn = w.t.store.conn();
        let mut stmt = conn.prepare("SELECT funder, cents FROM ledger_entry ORDER BY id").unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
    };
    let before = ledger(&w);
    assert_eq!(before, [("VGZ".to_string(), 12_000)], "3 hours at EUR 40");
    by_hand(&w, &format!("UPDATE session SET unit = 'xyz' WHERE id = {id}"));
    let err = reallocate_year(conn, 2026, common::now()).unwrap_err();
    assert_dutch(err, "Onbekende code 'xyz' voor de eenheid in de opslag.");
    assert_eq!(ledger(&w), before, "nothing booked at an hourly price");
    assert_dutch(
        respijt::commands::get_session(&w.t.store, id, common::now()).unwrap_err(),
        "Onbekende code 'xyz' voor de eenheid in de opslag.",
    );
}

#[test]
fn an_unknown_form_or_status_of_a_planned_session_is_an_error_on_the_dashboard() {
    let w = world();
    let id = plan(&w, "10-03-2026");
    let conn = w.t.store.conn();
    // A changed tariff makes the dashboard cost every planned session again.
    by_hand(
        &w,
        &format!("UPDATE session SET form = 'strand' WHERE id = {id}; UPDATE planned_total_state SET stale = 1"),
    );
    let today = common::now().date_naive();
    assert_dutch(dashboard(conn, 2026, today).unwrap_err(), "Onbekende code 'strand' voor de vorm van respijt");
    by_hand(&w, &format!("UPDATE session SET form = 'thuis', status = 'zoek' WHERE id = {id}"));
    assert_dutch(
        respijt::planning::get_session(conn, id).unwrap_err(),
        "Onbekende code 'zoek' voor de status van een inzet in de opslag.",
    );
}

#[test]
fn an_unknown_audit_action_does_not_read_as_dossier_viewed() {
    let w = world();
    let store = &w.t.store;
    respijt::commands::get_dossier(store, w.caregiver, common::now()).unwrap();
    let entries = respijt::commands::audit_of_caregiver(store, w.caregiver).unwrap();
    assert!(entries.iter().any(|e| e.action == respijt::audit::AuditAction::DossierViewed));
    // Past the trigger that refuses unknown actions (migration 14).
    let conn = store.conn();
    conn.execute_batch("DROP TRIGGER audit_entry_known_action").unwrap();
    conn.execute(
        "INSERT INTO audit_entry (at, actor, action, caregiver_id, prev_hash, hash)
         VALUES ('2026-11-23T10:00:00Z', 'iemand', 'dossier-verkocht', ?1, '', '')",
        [w.caregiver],
    )
    .unwrap();
    let err = respijt::commands::audit_of_caregiver(store, w.caregiver).unwrap_err();
    assert_dutch(err, "Onbekende code 'dossier-verkocht' voor de handeling in het logboek in de opslag.");
}

#[test]
fn an_unknown_code_in_a_stored_set_is_an_error_not_left_out() {
    let w = world();
    by_hand(
        &w,
        &format!("UPDATE provider SET specialisms = '[\"dementie\",\"vliegangst\"]' WHERE id = {}", w.provider),
    );
    let err = respijt::provider::get_provider(w.t.store.conn(), w.provider).unwrap_err();
    assert_dutch(err, "Onbekende code 'vliegangst' voor de situatie van de naaste in de opslag.");
}
