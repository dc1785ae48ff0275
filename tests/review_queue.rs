//! The review queue (issue 14, part 3): every session waiting for the
//! director, settled by accepting, correcting the hours or "niet geleverd",
//! each with its reason and an audit line; the funding follows and the
//! export warning counts what is left. From an empty store; today is
//! 23 November 2026.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use chrono::NaiveDate;
use respijt::caregiver::{add_recipient, register_caregiver, RecipientInput, RegisterOutcome};
use respijt::commands;
use respijt::error::Error;
use respijt::export::{unreconciled, unreconciled_warning, Period};
use respijt::import::{read_table_bytes, ImportOptions};
use respijt::intake::{Daypart, RespiteForm, Weekday};
use respijt::money::Cents;
use respijt::planning::{
    import_statement, plan_session, PlanOutcome, ReviewAction, ReviewInput, ReviewReason, SessionInput, SessionStatus,
};
use respijt::provider::{save_provider, ProviderData, ProviderKind, ServiceData, Slot, Unit};

struct World {
    t: common::TestStore,
    caregiver: i64,
    recipient: i64,
    provider: i64,
}

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
                tariff: Some((Cents::new(4000), NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), None)),
            }],
            ..Default::default()
        },
        common::now(),
    )
    .unwrap();
    World { t, caregiver, recipient, provider }
}

fn plan(w: &World, date: &str, start: &str, end: &str) -> i64 {
    let input = SessionInput {
        caregiver_id: w.caregiver,
        recipient_id: w.recipient,
        provider_id: w.provider,
        form: Some(RespiteForm::AtHome),
        date: date.into(),
        start_time: start.into(),
        end_time: end.into(),
        ..Default::default()
    };
    match plan_session(w.t.store.conn(), &input, Some("test"), common::now()).unwrap() {
        PlanOutcome::Planned { session_ids, .. } => session_ids[0],
        other => panic!("{other:?}"),
    }
}

fn paid(w: &World) -> i64 {
    w.t.store.conn().query_row("SELECT COALESCE(SUM(cents), 0) FROM ledger_entry", [], |r| r.get(0)).unwrap()
}

fn decide(action: ReviewAction, hours: &str, reason: &str) -> ReviewInput {
    ReviewInput { action: Some(action), hours: hours.into(), reason: reason.into() }
}

#[test]
fn the_queue_lists_what_waits_and_empties_as_the_director_settles_it() {
    let mut w = world();
    let longer = plan(&w, "02-11-2026", "09:00", "12:00");
    let forgotten = plan(&w, "09-11-2026", "09:00", "12:00");
    let _next_week = plan(&w, "30-11-2026", "09:00", "12:00");
    let text = "extern_id;mantelzorger_id;aanbieder_id;dienst;datum;start;eind;status\n\
        R1;MZ-1;ZM;thuis;02-11-2026;09:00;12:30;uitgevoerd\n\
        R2;MZ-1;ZM;thuis;02-11-2026;10:00;11:00;uitgevoerd\n\
        R3;MZ-1;ZM;thuis;04-11-2026;14:00;16:00;uitgevoerd\n";
    let table = read_table_bytes("overzicht.csv", text.as_bytes()).unwrap();
    let report = import_statement(w.t.store.conn_mut(), &table, ImportOptions::default(), common::now()).unwrap();
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    let (clash, unplanned) = (report.unplanned[0].session_id, report.unplanned[1].session_id);

    let store = &w.t.store;
    let queue = commands::review_queue(store, common::now()).unwrap();
    let listed: Vec<(i64, ReviewReason)> = queue.items.iter().map(|i| (i.session.id, i.reason)).collect();
    assert_eq!(
        listed,
        [
            (longer, ReviewReason::Difference),
            (clash, ReviewReason::Clash),
            (unplanned, ReviewReason::Unplanned),
            (forgotten, ReviewReason::NotReported),
        ],
        "oldest first; next week's session does not wait yet"
    );
    assert_eq!(queue.total, 4);
    let november = Period::parse("2026-11").unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    assert_eq!(unreconciled(store.conn(), &november, today).unwrap(), (3, 1), "the export warning counts the same");
    assert_eq!(
        unreconciled_warning(store.conn(), &november, today).unwrap().as_deref(),
        Some("3 inzet(ten) wachten op beoordeling en 1 geplande inzet(ten) in het verleden zijn nog niet verantwoord; ze staan bij Aanbieders, onder 'Na te kijken'.")
    );

    // A correction and "niet geleverd" need a reason; nothing changes without one.
    let err =
        commands::settle_review(store, longer, &decide(ReviewAction::Correct, "3", " "), common::now()).unwrap_err();
    assert!(matches!(&err, Error::Validation(f) if f[0].field == "reason"), "{err:?}");
    let err = commands::settle_review(store, longer, &decide(ReviewAction::Correct, "drie", "Afspraak"), common::now())
        .unwrap_err();
    assert!(matches!(&err, Error::Validation(f) if f[0].field == "hours"), "{err:?}");
    assert_eq!(commands::review_queue(store, common::now()).unwrap().total, 4);

    // The provider wrote half an hour too much: corrected to the planned three hours.
    let before = paid(&w);
    let queue = commands::settle_review(
        store,
        longer,
        &decide(ReviewAction::Correct, "3", "Aanbieder belde: half uur te veel geschreven"),
        common::now(),
    )
    .unwrap();
    assert_eq!(queue.total, 3);
    let corrected = commands::get_session(store, longer, common::now()).unwrap();
    assert_eq!((corrected.delivered_minutes, corrected.needs_review), (Some(180), false));
    assert_eq!(corrected.review_note, "Uren gecorrigeerd naar 3: Aanbieder belde: half uur te veel geschreven");
    assert_eq!(paid(&w), before - 2000, "half an hour at EUR 40 less");

    // The clashing line was a typing error of the provider: not delivered, not paid.
    let before = paid(&w);
    commands::settle_review(
        store,
        clash,
        &decide(ReviewAction::NotDelivered, "", "Dubbel opgeschreven door de aanbieder"),
        common::now(),
    )
    .unwrap();
    let dropped = commands::get_session(store, clash, common::now()).unwrap();
    assert_eq!((dropped.status, dropped.delivered_minutes), (SessionStatus::Cancelled, None));
    assert_eq!(paid(&w), before - 4000);

    // The unplanned afternoon happened: accepted as stated.
    commands::settle_review(store, unplanned, &decide(ReviewAction::Accept, "", ""), common::now()).unwrap();
    let accepted = commands::get_session(store, unplanned, common::now()).unwrap();
    assert_eq!(
        (accepted.status, accepted.delivered_minutes, accepted.needs_review),
        (SessionStatus::Delivered, Some(120), false)
    );

    // The session no statement named: accepted as planned, and paid.
    let before = paid(&w);
    let queue = commands::settle_review(
        store,
        forgotten,
        &decide(ReviewAction::Accept, "", "Mevrouw bevestigt"),
        common::now(),
    )
    .unwrap();
    assert_eq!(commands::get_session(store, forgotten, common::now()).unwrap().delivered_minutes, Some(180));
    assert_eq!(paid(&w), before + 12000);

    assert!(queue.items.is_empty());
    assert_eq!(queue.total, 0);
    assert_eq!(unreconciled(store.conn(), &november, today).unwrap(), (0, 0));
    assert_eq!(unreconciled_warning(store.conn(), &november, today).unwrap(), None, "nothing left to warn about");
    let audited: i64 = store
        .conn()
        .query_row(
            "SELECT COUNT(*) FROM audit_entry WHERE caregiver_id = ?1 AND detail LIKE 'inzet % beoordeeld: %'",
            [w.caregiver],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audited, 4, "every decision is in the audit trail");

    // A settled session is not settled twice.
    let err = commands::settle_review(store, longer, &decide(ReviewAction::Accept, "", ""), common::now()).unwrap_err();
    assert!(matches!(err, Error::Invalid(_)), "{err:?}");
}
