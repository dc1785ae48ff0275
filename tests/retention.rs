//! Retention and erasure: which dossiers are due, a legal hold that stops
//! it, and an erasure after which the person is gone from the store while
//! every funding total is what it was (also after a re-allocation).
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use respijt::caregiver::{add_recipient, RecipientInput, RegisterOutcome};
use respijt::commands;
use respijt::intake::RespiteForm;
use respijt::planning::{PlanOutcome, SessionInput, SessionStatus};
use respijt::retention::{self, ErasureGround, RetentionSettings};
use respijt::Store;

struct World {
    t: common::TestStore,
    ria: i64,
    kees: i64,
}

fn register(t: &common::TestStore, first: &str, last: &str, dob: &str) -> i64 {
    let mut input = common::ria();
    input.first_name = first.into();
    input.last_name = last.into();
    input.date_of_birth = dob.into();
    input.policy_number = format!("{}-{dob}", first.to_uppercase());
    input.email = format!("{}@voorbeeld.nl", first.to_lowercase());
    match commands::register_caregiver(&t.store, &input, true, common::now()).unwrap() {
        RegisterOutcome::Created { id } => id,
        other => panic!("{other:?}"),
    }
}

/// Ria (VGZ with supplementary policy) cares for her mother Truus and had
/// four mornings of respite at ZorgMies in 2026, delivered and paid (VGZ
/// days, then Dordrecht's budget); Kees is registered beside her.
fn world() -> World {
    let t = common::store();
    let ria = register(&t, "Ria", "Hoogendijk-Verbeek", "14-03-1958");
    let kees = register(&t, "Kees", "Smitsbergen", "01-01-1950");
    let mother = RecipientInput {
        first_name: "Truus".into(),
        last_name: "Verbeek".into(),
        date_of_birth: "02-02-1931".into(),
        relationship: "moeder".into(),
        ..Default::default()
    };
    let recipient = add_recipient(t.store.conn(), ria, &mother, common::now()).unwrap();
    let zorgmies = commands::list_providers(&t.store).unwrap().into_iter().find(|p| p.name == "ZorgMies").unwrap().id;
    commands::set_budget(&t.store, "GM0505", 2026, "10.000,00", common::now()).unwrap();
    for date in ["02-03-2026", "09-03-2026", "16-03-2026", "23-03-2026"] {
        let input = SessionInput {
            caregiver_id: ria,
            recipient_id: recipient,
            provider_id: zorgmies,
            form: Some(RespiteForm::AtHome),
            date: date.into(),
            start_time: "09:00".into(),
            end_time: "12:00".into(),
            handover_note: "Truus wordt onrustig na de lunch".into(),
            ..Default::default()
        };
        let id = match commands::plan_session(&t.store, &input, None, common::now()).unwrap() {
            PlanOutcome::Planned { session_ids, .. } => session_ids[0],
            other => panic!("{other:?}"),
        };
        commands::set_session_status(&t.store, id, SessionStatus::Delivered, None, common::now()).unwrap();
    }
    World { t, ria, kees }
}

fn summary(store: &Store) -> String {
    let s = respijt::funding::funding_summary(store.conn(), 2026, common::now().date_naive()).unwrap();
    serde_json::to_string(&s.funders).unwrap()
}

/// Every text cell of every table (the search index apart) that mentions `needle`.
fn mentions(store: &Store, needle: &str) -> Vec<String> {
    let conn = store.conn();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'caregiver_search%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut found = Vec::new();
    for table in tables {
        let columns: Vec<String> = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for column in columns {
            let n: i64 = conn
                .query_row(
                    &format!("SELECT count(*) FROM \"{table}\" WHERE CAST(\"{column}\" AS TEXT) LIKE ?1"),
                    [format!("%{needle}%")],
                    |r| r.get(0),
                )
                .unwrap();
            if n > 0 {
                found.push(format!("{table}.{column}"));
            }
        }
    }
    found
}

#[test]
fn an_erased_person_is_gone_and_every_funding_total_is_unchanged() {
    let w = world();
    let before = summary(&w.t.store);
    assert!(before.contains("\"delivered\":"), "{before}");
    let entries: i64 = common::count(&w.t.store, "ledger_entry");
    assert!(entries > 0);
    assert!(!mentions(&w.t.store, "Hoogendijk").is_empty(), "the check sees a name that is there");

    let report = retention::erase(w.t.store.conn(), w.ria, ErasureGround::Request, common::now()).unwrap();
    assert_eq!((report.recipients_erased, report.sessions_kept), (1, 4));

    for needle in ["Hoogendijk", "Verbeek", "Truus", "1958-03-14", "onrustig", "RIA-14-03-1958", "ria@voorbeeld.nl"] {
        assert_eq!(mentions(&w.t.store, needle), Vec::<String>::new(), "{needle} is still in the store");
    }
    assert_eq!(summary(&w.t.store), before, "the totals are what they were");
    assert_eq!(common::count(&w.t.store, "ledger_entry"), entries);
    // A full re-allocation from the pseudonymised facts gives the same.
    respijt::funding::reallocate_year(w.t.store.conn(), 2026, common::now()).unwrap();
    assert_eq!(summary(&w.t.store), before, "and so does a re-allocation");

    // Not found by a search; the dossier says it was erased; Kees is untouched.
    let found = commands::search_caregivers(
        &w.t.store,
        &respijt::caregiver::SearchOptions { query: "Hoog".into(), include_archived: true },
    )
    .unwrap();
    assert!(found.items.is_empty());
    let dossier = commands::get_dossier(&w.t.store, w.ria, common::now()).unwrap();
    assert_eq!(dossier.caregiver.last_name, "Gewist");
    assert_eq!(commands::get_dossier(&w.t.store, w.kees, common::now()).unwrap().caregiver.last_name, "Smitsbergen");

    // The trail says it happened, without a name, and is whole.
    let trail = commands::audit_of_caregiver(&w.t.store, w.ria).unwrap();
    assert!(trail
        .iter()
        .any(|e| e.action == respijt::audit::AuditAction::Erased && e.detail == "Op verzoek van de betrokkene"));
    assert_eq!(respijt::audit::verify(w.t.store.conn()).unwrap().first_broken, None);
    assert!(retention::erase(w.t.store.conn(), w.ria, ErasureGround::Request, common::now()).is_err(), "once");
}

#[test]
fn a_legal_hold_stops_an_erasure_and_writes_nothing() {
    let w = world();
    assert!(
        retention::set_legal_hold(w.t.store.conn(), w.ria, Some("  "), common::now()).is_err(),
        "a reason is needed"
    );
    retention::set_legal_hold(w.t.store.conn(), w.ria, Some("klacht bij de geschillencommissie"), common::now())
        .unwrap();
    let err = retention::erase(w.t.store.conn(), w.ria, ErasureGround::Request, common::now()).unwrap_err();
    assert!(err.to_string().contains("bewaarplicht"), "{err}");
    assert!(!mentions(&w.t.store, "Hoogendijk").is_empty(), "nothing was erased");
    retention::set_legal_hold(w.t.store.conn(), w.ria, None, common::now()).unwrap();
    retention::erase(w.t.store.conn(), w.ria, ErasureGround::Request, common::now()).unwrap();
}

#[test]
fn dossiers_are_proposed_for_erasure_after_their_retention_period() {
    let w = world();
    let conn = w.t.store.conn();
    let today = common::now().date_naive(); // 23 November 2026
                                            // Ria had respite delivered: 15 years after her dossier ended. Kees never did: 5.
    conn.execute("UPDATE caregiver SET archived_at = '2011-11-23T09:00:00Z' WHERE id = ?1", [w.ria]).unwrap();
    conn.execute("UPDATE caregiver SET archived_at = '2021-11-24T09:00:00Z' WHERE id = ?1", [w.kees]).unwrap();
    let due: Vec<(i64, bool, String)> = retention::proposals(conn, today)
        .unwrap()
        .into_iter()
        .map(|p| (p.caregiver_id, p.granted, p.due_on.to_string()))
        .collect();
    assert_eq!(due, [(w.ria, true, "2026-11-23".to_string())], "Kees is due tomorrow, not today");
    let tomorrow = today.succ_opt().unwrap();
    assert_eq!(retention::proposals(conn, tomorrow).unwrap().len(), 2);

    // A legal hold keeps a dossier off the list; so does a longer period.
    retention::set_legal_hold(conn, w.ria, Some("lopende rechtszaak"), common::now()).unwrap();
    assert_eq!(retention::proposals(conn, tomorrow).unwrap().len(), 1);
    retention::set_settings(conn, &RetentionSettings { years_granted: 15, years_not_granted: 7 }).unwrap();
    assert!(retention::proposals(conn, tomorrow).unwrap().is_empty());
    assert!(retention::set_settings(conn, &RetentionSettings { years_granted: 0, years_not_granted: 7 }).is_err());
    // An erased dossier is not proposed again.
    retention::set_legal_hold(conn, w.ria, None, common::now()).unwrap();
    retention::erase(conn, w.ria, ErasureGround::RetentionEnded, common::now()).unwrap();
    assert!(retention::proposals(conn, tomorrow).unwrap().is_empty());
}
