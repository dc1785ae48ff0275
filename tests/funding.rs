//! The funding ledger on a real store: worked cases from the issue.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use chrono::{NaiveDate, TimeZone, Utc};
use respijt::caregiver::{add_recipient, register_caregiver, RecipientInput, RegisterOutcome};
use respijt::funding::{
    caregiver_cap, close_period, dashboard, funding_summary, import_budgets, reallocate_year, set_budget, set_policy,
    FundingMode, FundingPolicy,
};
use respijt::import::{read_table_bytes, ImportOptions};
use respijt::intake::RespiteForm;
use respijt::money::Cents;
use respijt::planning::{
    plan_session, set_status, update_session, ChangeScope, PlanOutcome, SessionInput, SessionStatus,
};
use respijt::provider::{save_provider, ProviderData, ServiceData, Slot, Unit};
use rusqlite::Connection;

struct World {
    t: common::TestStore,
    caregiver: i64,
    recipient: i64,
    provider: i64,
}

/// Ria (VGZ, supplementary policy) cares for her mother in Dordrecht; a
/// provider charges EUR 40 an hour.
fn world(wlz: bool) -> World {
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
        wlz_indication: wlz,
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

fn deliver(w: &World, date: &str, start: &str, end: &str) -> i64 {
    let conn = w.t.store.conn();
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
    let id = match plan_session(conn, &input, Some("test"), common::now()).unwrap() {
        PlanOutcome::Planned { session_ids, .. } => session_ids[0],
        other => panic!("{other:?}"),
    };
    set_status(conn, id, SessionStatus::Delivered, None, common::now()).unwrap();
    id
}

fn entries(conn: &Connection, session: i64) -> Vec<(String, i64, String)> {
    conn.prepare("SELECT funder, cents, kind FROM ledger_entry WHERE session_id = ?1 ORDER BY id")
        .unwrap()
        .query_map([session], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn delivered(w: &World, code: &str) -> i64 {
    let d = dashboard(w.t.store.conn(), 2026, common::now().date_naive()).unwrap();
    d.funders.iter().find(|f| f.code == code).map(|f| f.delivered.cents()).unwrap_or(0)
}

#[test]
fn a_delivered_session_uses_a_vgz_day_and_planned_ones_do_not() {
    let w = world(false);
    let conn = w.t.store.conn();
    let input = SessionInput {
        caregiver_id: w.caregiver,
        recipient_id: w.recipient,
        provider_id: w.provider,
        form: Some(RespiteForm::AtHome),
        date: "03-03-2026".into(),
        start_time: "09:00".into(),
        end_time: "12:00".into(),
        ..Default::default()
    };
    let PlanOutcome::Planned { session_ids, .. } = plan_session(conn, &input, None, common::now()).unwrap() else {
        panic!()
    };
    assert_eq!(caregiver_cap(conn, w.caregiver, 2026).unwrap()[0].used, 0, "planned is a commitment, not spending");
    set_status(conn, session_ids[0], SessionStatus::Delivered, None, common::now()).unwrap();
    let cap = &caregiver_cap(conn, w.caregiver, 2026).unwrap()[0];
    assert_eq!((cap.scheme_code.as_str(), cap.used, cap.left), ("VGZ", 1, 13));
    assert_eq!(cap.dates, [NaiveDate::from_ymd_opt(2026, 3, 3).unwrap()]);
    assert_eq!(entries(conn, session_ids[0]), [("VGZ".to_string(), 12000, "regulier".to_string())]);
}

#[test]
fn the_fifteenth_day_is_paid_by_the_municipality_and_warns_at_the_cap() {
    let w = world(false);
    let ids: Vec<i64> = (1..=15).map(|day| deliver(&w, &format!("{day:02}-04-2026"), "09:00", "10:30")).collect();
    let conn = w.t.store.conn();
    assert_eq!(entries(conn, ids[13]), [("VGZ".to_string(), 6000, "regulier".to_string())]);
    assert_eq!(entries(conn, ids[14]), [("GM0505".to_string(), 6000, "regulier".to_string())]);
    assert_eq!(delivered(&w, "VGZ"), 14 * 6000);
    assert_eq!(delivered(&w, "GM0505"), 6000);
    let d = dashboard(conn, 2026, common::now().date_naive()).unwrap();
    assert_eq!(d.low_cap.len(), 1, "0 days left is 2 or fewer");
    let summary = funding_summary(conn, 2026, common::now().date_naive()).unwrap();
    assert_eq!(summary.caregivers[0].days, 14);
}

#[test]
fn a_wlz_indication_excludes_the_insurer_when_the_scheme_says_so() {
    let w = world(true);
    let conn = w.t.store.conn();
    let first = deliver(&w, "03-03-2026", "09:00", "12:00");
    assert_eq!(entries(conn, first)[0].0, "VGZ", "no exclusion by default");
    conn.execute("UPDATE insurer_scheme SET exclude_wlz = 1 WHERE code = 'VGZ'", []).unwrap();
    reallocate_year(conn, 2026, common::now()).unwrap();
    assert_eq!(entries(conn, first), [("GM0505".to_string(), 12000, "regulier".to_string())]);
}

#[test]
fn a_budget_runs_out_and_the_rest_is_uncovered() {
    let w = world(false);
    let conn = w.t.store.conn();
    conn.execute("UPDATE caregiver SET supplementary_policy = 0", []).unwrap();
    set_budget(conn, "GM0505", 2026, Cents::new(10000), common::now()).unwrap();
    let first = deliver(&w, "03-03-2026", "09:00", "12:00"); // 120,00
    assert_eq!(
        entries(conn, first),
        [
            ("GM0505".to_string(), 10000, "regulier".to_string()),
            ("NIET_GEDEKT".to_string(), 2000, "regulier".to_string())
        ]
    );
    let d = dashboard(conn, 2026, common::now().date_naive()).unwrap();
    let line = d.funders.iter().find(|f| f.code == "GM0505").unwrap();
    assert_eq!(line.percent_used, Some(100));
    assert!(line.warning.as_deref().unwrap_or("").contains("op"), "{:?}", line.warning);
}

#[test]
fn co_funding_splits_while_the_cap_lasts() {
    let w = world(false);
    let conn = w.t.store.conn();
    set_policy(conn, FundingPolicy { mode: FundingMode::CoFunding, insurer_percent: 50 }).unwrap();
    let first = deliver(&w, "03-03-2026", "09:00", "12:00");
    let mut funders: Vec<(String, i64)> = entries(conn, first).into_iter().map(|(f, c, _)| (f, c)).collect();
    funders.sort();
    assert_eq!(funders, [("GM0505".to_string(), 6000), ("VGZ".to_string(), 6000)]);
}

#[test]
fn a_change_after_closing_a_period_becomes_a_correction_in_the_open_period() {
    let w = world(false);
    let conn = w.t.store.conn();
    let session = deliver(&w, "10-02-2026", "09:00", "12:00");
    let (first, last) = (NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), NaiveDate::from_ymd_opt(2026, 3, 31).unwrap());
    close_period(conn, "2026-Q1", first, last, "regisseur", common::now()).unwrap();
    let frozen: i64 = conn.query_row("SELECT COUNT(*) FROM ledger_entry WHERE frozen = 1", [], |r| r.get(0)).unwrap();
    assert_eq!(frozen, 1);

    // The provider reports an hour more: the session changes after the period was reported.
    let later = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();
    set_status(conn, session, SessionStatus::Delivered, Some(240), later).unwrap();
    let rows: Vec<(String, i64, String, String, bool)> = conn
        .prepare("SELECT funder, cents, kind, booking_date, frozen FROM ledger_entry WHERE session_id = ?1 ORDER BY id")
        .unwrap()
        .query_map([session], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        rows,
        [
            ("VGZ".to_string(), 12000, "regulier".to_string(), "2026-02-10".to_string(), true),
            ("VGZ".to_string(), -12000, "correctie".to_string(), "2026-11-23".to_string(), false),
            ("VGZ".to_string(), 16000, "correctie".to_string(), "2026-11-23".to_string(), false),
        ],
        "the frozen entry stays; a reverse-and-replace pair lands in the open period"
    );
    // Re-allocating again changes nothing.
    let again = reallocate_year(conn, 2026, later).unwrap();
    assert_eq!(again.changed, 0);
    assert_eq!(delivered(&w, "VGZ"), 16000);
}

#[test]
fn moving_a_delivered_session_recomputes_the_year() {
    let w = world(false);
    let conn = w.t.store.conn();
    conn.execute("UPDATE insurer_scheme SET cap_amount = 1", []).unwrap();
    let late = deliver(&w, "10-03-2026", "09:00", "10:00");
    let early = deliver(&w, "20-03-2026", "09:00", "10:00");
    assert_eq!(entries(conn, late)[0].0, "VGZ");
    assert_eq!(entries(conn, early)[0].0, "GM0505");
    // Move the second session before the first: now it gets the one VGZ day.
    let input = SessionInput {
        caregiver_id: w.caregiver,
        recipient_id: w.recipient,
        provider_id: w.provider,
        form: Some(RespiteForm::AtHome),
        date: "01-03-2026".into(),
        start_time: "09:00".into(),
        end_time: "10:00".into(),
        ..Default::default()
    };
    update_session(conn, early, &input, ChangeScope::ThisOnly, Some("verplaatst"), common::now()).unwrap();
    assert_eq!(entries(conn, early)[0].0, "VGZ");
    assert_eq!(entries(conn, late)[0].0, "GM0505");
}

#[test]
fn budgets_import_from_a_file_all_or_nothing() {
    let mut w = world(false);
    let text = "gemeente;jaar;budget\nDordrecht;2026;125.000,50\nGM0610;2026;80000\n";
    let table = read_table_bytes("budgetten.csv", text.as_bytes()).unwrap();
    let report = import_budgets(w.t.store.conn_mut(), &table, ImportOptions::default(), common::now()).unwrap();
    assert_eq!(report.imported, 2);
    let budgets = respijt::funding::list_budgets(w.t.store.conn(), 2026).unwrap();
    let dordrecht = budgets.iter().find(|b| b.municipality.code == "GM0505").unwrap();
    assert_eq!(dordrecht.cents, Cents::new(12_500_050));

    let bad = "gemeente;jaar;budget\nAtlantis;2026;10\nDordrecht;twintig;10\n";
    let table = read_table_bytes("budgetten.csv", bad.as_bytes()).unwrap();
    let report = import_budgets(w.t.store.conn_mut(), &table, ImportOptions::default(), common::now()).unwrap();
    let named: Vec<(usize, &str)> = report.rejected.iter().map(|e| (e.row, e.column.as_str())).collect();
    assert_eq!(named, [(1, "gemeente"), (2, "jaar")]);
}

#[test]
fn the_incremental_reallocation_agrees_with_a_full_one() {
    // Two caregivers share the Dordrecht budget; edits in any order, then a
    // full re-allocation must find nothing to change.
    let w = world(false);
    let conn = w.t.store.conn();
    set_budget(conn, "GM0505", 2026, Cents::new(50_000), common::now()).unwrap();
    conn.execute("UPDATE insurer_scheme SET cap_amount = 3", []).unwrap();
    let mut piet = common::ria();
    piet.first_name = "Piet".into();
    let piet = match register_caregiver(conn, &piet, true, common::now()).unwrap() {
        RegisterOutcome::Created { id } => id,
        other => panic!("{other:?}"),
    };
    conn.execute("INSERT INTO caregiver_recipient (caregiver_id, recipient_id) VALUES (?1, ?2)", [piet, w.recipient])
        .unwrap();
    let mut rng = fastrand::Rng::with_seed(7);
    let mut ids = Vec::new();
    for n in 0..30 {
        let caregiver = if n % 2 == 0 { w.caregiver } else { piet };
        let day = rng.u32(1..28);
        let input = SessionInput {
            caregiver_id: caregiver,
            recipient_id: w.recipient,
            provider_id: w.provider,
            form: Some(RespiteForm::AtHome),
            date: format!("{day:02}-0{}-2026", 1 + n % 6),
            start_time: format!("{:02}:00", 8 + n % 9),
            end_time: format!("{:02}:30", 9 + n % 9),
            ..Default::default()
        };
        let PlanOutcome::Planned { session_ids, .. } = plan_session(conn, &input, Some("test"), common::now()).unwrap()
        else {
            panic!()
        };
        ids.push(session_ids[0]);
    }
    // Deliver in a shuffled order, change some, cancel some.
    let mut order = ids.clone();
    rng.shuffle(&mut order);
    for id in &order {
        set_status(conn, *id, SessionStatus::Delivered, Some(rng.i64(30..300)), common::now()).unwrap();
    }
    for id in order.iter().take(5) {
        set_status(conn, *id, SessionStatus::Cancelled, None, common::now()).unwrap();
    }
    let full = reallocate_year(conn, 2026, common::now()).unwrap();
    assert_eq!(full.changed, 0, "the incremental ledger equals a full re-allocation");
    let budget_spent = delivered(&w, "GM0505");
    assert!(budget_spent <= 50_000 && budget_spent > 0, "{budget_spent}");
    let cap = &caregiver_cap(conn, w.caregiver, 2026).unwrap()[0];
    assert!(cap.used <= 3);
    // The totals the dashboard reads match the entries.
    let (ledger, totals): (i64, i64) = conn
        .query_row(
            "SELECT (SELECT SUM(cents) FROM ledger_entry WHERE year = 2026), (SELECT SUM(cents) FROM ledger_total WHERE year = 2026)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(ledger, totals);
    assert_entries_belong_to_sessions(conn);
}

/// The ledger has no foreign keys (for speed at region scale): every entry
/// must still belong to an existing session of its caregiver, in the year of
/// its service date.
fn assert_entries_belong_to_sessions(conn: &Connection) {
    let stray: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM ledger_entry l LEFT JOIN session s ON s.id = l.session_id
             WHERE s.id IS NULL OR s.caregiver_id <> l.caregiver_id
                OR l.year <> CAST(substr(l.service_date, 1, 4) AS INTEGER)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(stray, 0, "ledger entries without their session");
}

#[test]
fn the_incremental_reallocation_agrees_with_a_full_one_around_a_closed_period() {
    // A shared budget that runs out, a closed quarter, a correction in it,
    // then more work after it: what the budget had spent before each change
    // must include the corrections.
    let w = world(false);
    let conn = w.t.store.conn();
    conn.execute("UPDATE insurer_scheme SET active = 0", []).unwrap();
    set_budget(conn, "GM0505", 2026, Cents::new(30_000), common::now()).unwrap();
    let early = deliver(&w, "10-02-2026", "09:00", "12:00"); // 120 euro
    let (first, last) = (NaiveDate::from_ymd_opt(2026, 2, 1).unwrap(), NaiveDate::from_ymd_opt(2026, 2, 15).unwrap());
    close_period(conn, "2026-02-01..2026-02-15", first, last, "regisseur", common::now()).unwrap();
    let later = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();
    // Reported later: two hours more on 10 February (a correction), then
    // work later in the same month and in April.
    set_status(conn, early, SessionStatus::Delivered, Some(300), later).unwrap();
    let april = deliver(&w, "07-04-2026", "09:00", "10:00");
    let february = deliver(&w, "20-02-2026", "09:00", "11:00");
    // 300 euro budget: 10 February 200 (after the correction), 20 February 80, April gets the last 20 of its 40.
    let paid = |session| entries(conn, session).iter().filter(|e| e.0 == "GM0505").map(|e| e.1).sum::<i64>();
    assert_eq!(paid(february), 8000);
    assert_eq!(paid(april), 2000, "April gets what is left of the budget after the correction");
    let full = reallocate_year(conn, 2026, later).unwrap();
    assert_eq!(full.changed, 0, "the incremental ledger equals a full re-allocation");
    assert_entries_belong_to_sessions(conn);
}

#[test]
fn the_dashboard_estimates_planned_work_apart_from_delivered_work() {
    let w = world(false);
    let conn = w.t.store.conn();
    let plan = |date: &str, start: &str, end: &str| {
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
        match plan_session(conn, &input, Some("test"), common::now()).unwrap() {
            PlanOutcome::Planned { session_ids, .. } => session_ids[0],
            other => panic!("{other:?}"),
        }
    };
    plan("01-12-2026", "09:00", "11:00"); // 80 euro
    plan("08-12-2026", "09:00", "10:20"); // 80 minutes: 53,33 euro
    let cancelled = plan("15-12-2026", "09:00", "12:00");
    set_status(conn, cancelled, SessionStatus::Cancelled, None, common::now()).unwrap();
    deliver(&w, "03-11-2026", "09:00", "10:00");
    let d = dashboard(conn, 2026, common::now().date_naive()).unwrap();
    let dordrecht = d.funders.iter().find(|f| f.code == "GM0505").unwrap();
    assert_eq!(
        dordrecht.planned_estimate,
        Some(Cents::new(8000 + 5333)),
        "planned, not cancelled, each session rounded"
    );
    let vgz = d.funders.iter().find(|f| f.code == "VGZ").unwrap();
    assert_eq!(vgz.delivered, Cents::new(4000), "the delivered hour is delivered, not planned");
}

/// The planned estimate per municipality as the dashboard shows it.
fn planned(conn: &Connection) -> Vec<(String, Option<Cents>)> {
    let d = dashboard(conn, 2026, common::now().date_naive()).unwrap();
    d.funders.into_iter().map(|f| (f.code, f.planned_estimate)).collect()
}

#[test]
fn the_kept_planned_totals_follow_every_change_to_planned_sessions() {
    let w = world(false);
    let conn = w.t.store.conn();
    let mut rng = fastrand::Rng::with_seed(11);
    let mut ids = Vec::new();
    let check = |step: &str| {
        let kept = planned(conn);
        respijt::funding::rebuild_planned_totals(conn).unwrap();
        assert_eq!(kept, planned(conn), "after {step}: the kept totals equal a rebuild");
    };
    for n in 0..12 {
        let input = SessionInput {
            caregiver_id: w.caregiver,
            recipient_id: w.recipient,
            provider_id: w.provider,
            form: Some(RespiteForm::AtHome),
            date: format!("{:02}-12-2026", 1 + n * 2),
            start_time: "09:00".into(),
            end_time: format!("{:02}:{:02}", 10 + n % 3, [0, 10, 25, 50][n % 4]),
            ..Default::default()
        };
        let PlanOutcome::Planned { session_ids, .. } = plan_session(conn, &input, Some("test"), common::now()).unwrap()
        else {
            panic!()
        };
        ids.extend(session_ids);
    }
    check("planning");
    assert!(planned(conn).iter().any(|(code, cents)| code == "GM0505" && cents.is_some_and(|c| c.cents() > 0)));
    for id in ids.iter().take(4) {
        let input = SessionInput {
            caregiver_id: w.caregiver,
            recipient_id: w.recipient,
            provider_id: w.provider,
            form: Some(RespiteForm::AtHome),
            date: format!("{:02}-11-2026", rng.u32(1..28)),
            start_time: "13:00".into(),
            end_time: format!("{:02}:15", 14 + rng.u32(0..3)),
            ..Default::default()
        };
        update_session(conn, *id, &input, ChangeScope::ThisOnly, Some("test"), common::now()).unwrap();
    }
    check("changing sessions");
    set_status(conn, ids[5], SessionStatus::Cancelled, None, common::now()).unwrap();
    // Reported delivered once its December day has passed.
    let after_december = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 12, 31, 20, 0, 0).unwrap();
    set_status(conn, ids[6], SessionStatus::Delivered, Some(75), after_december).unwrap();
    set_status(conn, ids[7], SessionStatus::NoShow, None, common::now()).unwrap();
    check("cancelling and delivering");
    // A new tariff from December: the totals are rebuilt with it.
    let before = planned(conn);
    conn.execute(
        "INSERT INTO tariff (service_id, cents, valid_from) SELECT id, 5000, '2026-12-01' FROM provider_service WHERE provider_id = ?1",
        [w.provider],
    )
    .unwrap();
    assert_ne!(before, planned(conn), "a new tariff changes the estimate");
    check("a tariff change");
}
