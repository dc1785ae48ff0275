//! Schemes as data for every insurer, and the insurer chosen from a list
//! (issue 15, parts 1 and 4): worked to the cent on a real store.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use chrono::NaiveDate;
use respijt::caregiver::{add_recipient, register_caregiver, CaregiverInput, RecipientInput, RegisterOutcome};
use respijt::error::Error;
use respijt::funding::{caregiver_cap, import_schemes, list_schemes, set_budget, CapUnit};
use respijt::import::{read_table_bytes, ImportOptions, ImportReport};
use respijt::insurer::{load_insurers, unknown_insurers, NL_2026_CSV};
use respijt::intake::RespiteForm;
use respijt::money::Cents;
use respijt::planning::{plan_session, set_status, PlanOutcome, SessionInput, SessionStatus};
use respijt::provider::{save_provider, ProviderData, ServiceData, Slot, Unit};
use rusqlite::Connection;

const SCHEME_HEADER: &str = "code;naam;verzekeraars;polis_van;aanvullend_nodig;eenheid;plafond;uren_per_dag;vormen;uitsluiten;geldig_vanaf;geldig_tot;prioriteit";

struct World {
    t: common::TestStore,
    provider: i64,
}

/// An empty store with one provider at EUR 40 an hour (valid from 2026 on)
/// and a budget for Dordrecht in 2026 and 2027.
fn world() -> World {
    let t = common::store();
    let conn = t.store.conn();
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
    for year in [2026, 2027] {
        set_budget(conn, "GM0505", year, Cents::new(1_000_000), common::now()).unwrap();
    }
    World { t, provider }
}

/// A caregiver insured with `insurer` (supplementary policy), and a recipient.
fn person(w: &World, first_name: &str, insurer: &str) -> (i64, i64) {
    person_with(w, first_name, insurer, "")
}

/// The same, with the recipient insured with `recipient_insurer` (no supplementary policy).
fn person_with(w: &World, first_name: &str, insurer: &str, recipient_insurer: &str) -> (i64, i64) {
    let conn = w.t.store.conn();
    let input = CaregiverInput { first_name: first_name.into(), insurer: insurer.into(), ..common::ria() };
    let caregiver = match register_caregiver(conn, &input, true, common::now()).unwrap() {
        RegisterOutcome::Created { id } => id,
        other => panic!("{other:?}"),
    };
    let recipient = RecipientInput {
        first_name: format!("Naaste van {first_name}"),
        last_name: "de Vries".into(),
        date_of_birth: "02-02-1931".into(),
        insurer: recipient_insurer.into(),
        ..Default::default()
    };
    (caregiver, add_recipient(conn, caregiver, &recipient, common::now()).unwrap())
}

/// Plans and delivers three hours (EUR 120) on a date.
fn deliver(w: &World, (caregiver, recipient): (i64, i64), date: &str) -> i64 {
    let conn = w.t.store.conn();
    let input = SessionInput {
        caregiver_id: caregiver,
        recipient_id: recipient,
        provider_id: w.provider,
        form: Some(RespiteForm::AtHome),
        date: date.into(),
        start_time: "09:00".into(),
        end_time: "12:00".into(),
        ..Default::default()
    };
    let id = match plan_session(conn, &input, Some("test"), common::now()).unwrap() {
        PlanOutcome::Planned { session_ids, .. } => session_ids[0],
        other => panic!("{other:?}"),
    };
    // Reported delivered once it has been (the core refuses a session still to come).
    let later = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2027, 12, 31, 10, 0, 0).unwrap();
    set_status(conn, id, SessionStatus::Delivered, None, later).unwrap();
    id
}

fn entries(conn: &Connection, session: i64) -> Vec<(String, i64)> {
    conn.prepare("SELECT funder, cents FROM ledger_entry WHERE session_id = ?1 ORDER BY funder")
        .unwrap()
        .query_map([session], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn import(w: &mut World, rows: &[&str]) -> ImportReport {
    let text = format!("{SCHEME_HEADER}\n{}\n", rows.join("\n"));
    let table = read_table_bytes("regelingen.csv", text.as_bytes()).unwrap();
    import_schemes(w.t.store.conn_mut(), &table, ImportOptions::default(), common::now()).unwrap()
}

fn pair(funder: &str, cents: i64) -> (String, i64) {
    (funder.to_string(), cents)
}

#[test]
fn three_insurers_and_a_changed_cap_next_year_worked_to_the_cent() {
    let mut w = world();
    // Zilveren Kruis: 5 hours a year; Zorg en Zekerheid: 2 days a year on the
    // recipient's policy, basic insurance enough (both seeded examples are
    // switched on by the file); VGZ: one day from 2027 on, fourteen in 2026.
    let report = import(
        &mut w,
        &[
            "ZK;Zilveren Kruis mantelzorgvervanging;Zilveren Kruis;mantelzorger;ja;uren;5;;thuis;;;;2",
            "ZENZ;Zorg en Zekerheid respijtzorg;Zorg en Zekerheid;naaste;nee;dagen;2;;thuis;wlz;;;3",
            "VGZ;VGZ mantelzorgvervanging 2027;vgz zorgverzekeraar;mantelzorger;ja;dagen;1;;thuis,dagopvang;;01-01-2027;;1",
        ],
    );
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    assert_eq!((report.created, report.updated), (1, 2), "a VGZ version added, the two examples changed");
    let vgz: Vec<_> = list_schemes(w.t.store.conn()).unwrap().into_iter().filter(|s| s.code == "VGZ").collect();
    assert_eq!(vgz.len(), 2, "two versions of VGZ");
    assert_eq!(vgz[0].valid_to, NaiveDate::from_ymd_opt(2026, 12, 31), "the old version ends the day before");
    assert_eq!((vgz[0].cap_amount, vgz[1].cap_amount), (14, 1), "closed and open years keep their own cap");

    let ria = person(&w, "Ria", "VGZ Zorgverzekeraar");
    let kees = person(&w, "Kees", "zilveren kruis");
    let conn = w.t.store.conn();
    // Ria: the last days of 2026 on the 14-day cap, then one day in 2027.
    let late_2026 = deliver(&w, ria, "30-12-2026");
    let first_2027 = deliver(&w, ria, "04-01-2027");
    let second_2027 = deliver(&w, ria, "05-01-2027");
    assert_eq!(entries(conn, late_2026), [pair("VGZ", 12000)], "typed 'VGZ Zorgverzekeraar' is VGZ");
    assert_eq!(entries(conn, first_2027), [pair("VGZ", 12000)], "2027's one day");
    assert_eq!(entries(conn, second_2027), [pair("GM0505", 12000)], "2027's cap of one day is used");
    // Kees: 3 hours, then 3 more of which 2 are left on the 5-hour cap.
    let first = deliver(&w, kees, "02-03-2026");
    let second = deliver(&w, kees, "03-03-2026");
    assert_eq!(entries(conn, first), [pair("ZK", 12000)]);
    assert_eq!(entries(conn, second), [pair("GM0505", 4000), pair("ZK", 8000)], "2 of 3 hours: EUR 80 and EUR 40");

    // Anna's own insurer is not on the list; her mother is insured with Zorg en Zekerheid.
    let anna = person_with(&w, "Anna", "andere", "Zorg & Zekerheid");
    let days: Vec<i64> = ["06-04-2026", "07-04-2026", "08-04-2026"].iter().map(|d| deliver(&w, anna, d)).collect();
    assert_eq!(entries(conn, days[0]), [pair("ZENZ", 12000)], "the recipient's policy pays");
    assert_eq!(entries(conn, days[1]), [pair("ZENZ", 12000)]);
    assert_eq!(entries(conn, days[2]), [pair("GM0505", 12000)], "two days a year");

    let caps = caregiver_cap(conn, kees.0, 2026).unwrap();
    let zk = caps.iter().find(|c| c.scheme_code == "ZK").unwrap();
    assert_eq!((zk.unit, zk.cap, zk.used, zk.left), (CapUnit::Hours, 300, 300, 0));
    let caps_2027 = caregiver_cap(conn, ria.0, 2027).unwrap();
    let vgz_2027 = caps_2027.iter().find(|c| c.scheme_code == "VGZ").unwrap();
    assert_eq!((vgz_2027.cap, vgz_2027.used, vgz_2027.left), (1, 1, 0), "the 2027 version's cap");
}

#[test]
fn a_bad_scheme_row_refuses_the_whole_file_with_row_and_column() {
    let mut w = world();
    let before = list_schemes(w.t.store.conn()).unwrap();
    let report = import(
        &mut w,
        &[
            "CZ1;CZ respijt;CZ;mantelzorger;ja;dagen;5;;thuis;;;;3",
            "ANWB;Onbekend;Verzekeraar X;mantelzorger;ja;weken;5;;thuis;wlz,abc;;;3",
        ],
    );
    assert_eq!(report.imported, 0);
    let columns: Vec<(usize, &str)> = report.rejected.iter().map(|e| (e.row, e.column.as_str())).collect();
    assert_eq!(columns, [(2, "verzekeraars"), (2, "eenheid"), (2, "uitsluiten")]);
    assert!(report.rejected[0].message.contains("Zilveren Kruis"), "the choices are listed");
    assert_eq!(list_schemes(w.t.store.conn()).unwrap(), before, "nothing half-written");
}

#[test]
fn the_insurer_is_chosen_from_the_list_in_any_case_and_an_unknown_one_is_refused() {
    let w = world();
    let conn = w.t.store.conn();
    for (typed, stored) in
        [("vgz", "VGZ"), ("ZEKUR", "Zekur"), ("Zorg & Zekerheid", "Zorg en Zekerheid"), ("Andere", "andere")]
    {
        let input = CaregiverInput { first_name: format!("P{typed}"), insurer: typed.into(), ..common::ria() };
        let RegisterOutcome::Created { id } = register_caregiver(conn, &input, true, common::now()).unwrap() else {
            panic!()
        };
        let insurer: String =
            conn.query_row("SELECT insurer FROM caregiver WHERE id = ?1", [id], |r| r.get(0)).unwrap();
        assert_eq!(insurer, stored, "{typed}");
    }
    let input = CaregiverInput { insurer: "Verzekeraar X".into(), ..common::ria() };
    match register_caregiver(conn, &input, true, common::now()) {
        Err(Error::Validation(fields)) => {
            assert_eq!(fields.len(), 1);
            assert_eq!(fields[0].field, "insurer");
            assert!(fields[0].message.contains("Verzekeraar X") && fields[0].message.contains("andere"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn free_text_from_before_the_list_is_mapped_where_clear_and_listed_where_not() {
    let w = world();
    let conn = w.t.store.conn();
    let (ria, _) = person(&w, "Ria", "VGZ");
    let (kees, _) = person(&w, "Kees", "VGZ");
    // As typed by hand before the list existed.
    conn.execute("UPDATE caregiver SET insurer = 'vgz zorgverzekeraar' WHERE id = ?1", [ria]).unwrap();
    conn.execute("UPDATE caregiver SET insurer = 'De Goede Verzekering' WHERE id = ?1", [kees]).unwrap();
    let summary = load_insurers(conn, NL_2026_CSV, common::now()).unwrap();
    assert_eq!((summary.mapped, summary.unknown), (1, 1));
    let insurer: String = conn.query_row("SELECT insurer FROM caregiver WHERE id = ?1", [ria], |r| r.get(0)).unwrap();
    assert_eq!(insurer, "VGZ");
    let unknown = unknown_insurers(conn).unwrap();
    assert_eq!(unknown.len(), 1);
    assert_eq!((unknown[0].caregiver_id, unknown[0].insurer.as_str()), (kees, "De Goede Verzekering"));
    let audited: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM audit_entry WHERE caregiver_id = ?1 AND detail = 'verzekeraar volgens de lijst'",
            [ria],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audited, 1, "the change to Ria's dossier is on the record");
}

#[test]
fn a_scheme_added_in_the_app_pays_at_once_and_archived_pays_no_more() {
    let w = world();
    let store = &w.t.store;
    let cz = person(&w, "Kees", "CZ");
    let session = deliver(&w, cz, "02-03-2026");
    assert_eq!(entries(store.conn(), session), [pair("GM0505", 12000)], "no CZ scheme yet");

    let input = respijt::funding::SchemeInput {
        code: "cz1".into(),
        name: "CZ respijtzorg".into(),
        insurers: "cz zorgverzekeringen".into(),
        policy_holder: Some(respijt::funding::PolicyHolder::Caregiver),
        cap_unit: Some(CapUnit::Euros),
        cap_amount: "100,00".into(),
        forms: vec![RespiteForm::AtHome],
        requires_supplementary: true,
        active: true,
        ..Default::default()
    };
    let saved = respijt::commands::add_scheme(store, &input, common::now()).unwrap();
    assert_eq!(saved.reallocated_years, [2026]);
    let added = saved.schemes.iter().find(|s| s.scheme.code == "CZ1").unwrap();
    assert_eq!(added.scheme.insurers, ["CZ"], "the list's label");
    assert_eq!(entries_now(store.conn(), session), [pair("CZ1", 10000), pair("GM0505", 2000)], "EUR 100 cap");

    let again = respijt::commands::add_scheme(store, &input, common::now()).unwrap_err();
    match again {
        Error::Validation(fields) => assert_eq!(fields[0].field, "validFrom", "same code, same first day"),
        other => panic!("{other:?}"),
    }

    respijt::commands::archive_scheme(store, "CZ1", common::now()).unwrap();
    assert_eq!(entries_now(store.conn(), session), [pair("GM0505", 12000)], "archived: the municipality pays");
}

#[test]
fn eligibility_or_and_and_decide_who_is_a_mantelzorger() {
    let w = world();
    let conn = w.t.store.conn();
    // VGZ's definition: more than 8 hours a week or longer than 3 months.
    conn.execute("UPDATE insurer_scheme SET min_care_minutes = 480, min_months_caring = 3 WHERE code = 'VGZ'", [])
        .unwrap();
    let new = person(&w, "Nieuw", "VGZ");
    // Four hours a week, caring since 1 February 2026.
    conn.execute(
        "UPDATE caregiver SET care_minutes_per_week = 240, caring_since = '2026-02-01' WHERE id = ?1",
        [new.0],
    )
    .unwrap();
    let early = deliver(&w, new, "16-03-2026");
    let late = deliver(&w, new, "04-05-2026");
    assert_eq!(entries(conn, early), [pair("GM0505", 12000)], "six weeks of caring, 4 hours: not yet");
    assert_eq!(entries(conn, late), [pair("VGZ", 12000)], "'of': three months of caring is enough");

    conn.execute("UPDATE insurer_scheme SET eligibility_rule = 'en' WHERE code = 'VGZ'", []).unwrap();
    respijt::funding::reallocate_year(conn, 2026, common::now()).unwrap();
    assert_eq!(entries_now(conn, late), [pair("GM0505", 12000)], "'en': 4 hours a week is too few");
}

/// What a session's entries add up to per funder, corrections included.
fn entries_now(conn: &Connection, session: i64) -> Vec<(String, i64)> {
    conn.prepare(
        "SELECT funder, SUM(cents) FROM ledger_entry WHERE session_id = ?1
         GROUP BY funder HAVING SUM(cents) <> 0 ORDER BY funder",
    )
    .unwrap()
    .query_map([session], |r| Ok((r.get(0)?, r.get(1)?)))
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}
