//! Every change to the money rules on the record (issue 15, part 7): a
//! budget set and imported, a scheme saved, the policy set, a tariff added
//! and corrected each write an audit line with who, the old and the new
//! value and the years re-allocated; the funding screen's list shows them
//! newest first. From an empty store.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use chrono::NaiveDate;
use common::planning::{planning_world, session};
use respijt::audit::{self, AuditAction};
use respijt::commands;
use respijt::funding::{FundingMode, PolicyInput};
use respijt::import::{read_table_bytes, ImportOptions};
use respijt::intake::RespiteForm;
use respijt::money::Cents;
use respijt::planning::{plan_session, set_status, PlanOutcome, SessionStatus};
use respijt::provider::{save_provider, ProviderData, ServiceData, Slot, Unit};

/// Ria's world with one delivered session in 2026, acted on by "Anna".
fn world() -> common::planning::PlanningWorld {
    let w = planning_world();
    audit::set_actor(w.conn(), "Anna", "").unwrap();
    let PlanOutcome::Planned { session_ids, .. } =
        plan_session(w.conn(), &session(&w, "02-11-2026", "09:00", "12:00", None), None, common::now()).unwrap()
    else {
        panic!()
    };
    set_status(w.conn(), session_ids[0], SessionStatus::Delivered, None, common::now()).unwrap();
    w
}

#[test]
fn a_budget_set_in_the_app_and_imported_is_on_the_record_with_old_new_and_year() {
    let mut w = world();
    commands::set_budget(&w.t.store, "GM0505", 2026, "12.500,00", common::now()).unwrap();
    let changes = commands::money_rule_changes(&w.t.store).unwrap();
    let last = &changes[0];
    assert_eq!((last.action, last.actor.as_str()), (AuditAction::BudgetChanged, "Anna"));
    assert_eq!(last.what, "Budget Dordrecht 2026: € 10.000,00 → € 12.500,00");
    assert_eq!(last.reallocated_years, [2026]);
    assert!(last.at.starts_with("2026-11-23T10:00"), "{}", last.at);

    // The same amount again is no change: no line.
    let before = changes.len();
    commands::set_budget(&w.t.store, "GM0505", 2026, "12.500,00", common::now()).unwrap();
    assert_eq!(commands::money_rule_changes(&w.t.store).unwrap().len(), before);

    // An import: one line per budget it changes, a new one from "geen budget".
    let text = "gemeente;jaar;budget\nDordrecht;2026;15.000\nSliedrecht;2027;2.000,50\n";
    let table = read_table_bytes("budgetten.csv", text.as_bytes()).unwrap();
    respijt::funding::import_budgets(w.t.store.conn_mut(), &table, ImportOptions::default(), common::now()).unwrap();
    let changes = commands::money_rule_changes(&w.t.store).unwrap();
    let whats: Vec<&str> = changes.iter().take(2).map(|c| c.what.as_str()).collect();
    assert_eq!(
        whats,
        ["Budget Sliedrecht 2027: geen budget → € 2.000,50", "Budget Dordrecht 2026: € 12.500,00 → € 15.000,00"],
        "newest first"
    );
    assert_eq!(changes[0].reallocated_years, [2027]);
}

#[test]
fn a_scheme_saved_and_the_policy_set_say_what_changed_and_which_years_moved() {
    let w = world();
    let store = &w.t.store;
    let vgz = commands::funding_settings(store).unwrap().schemes[0].clone();
    let mut form = vgz.form.clone();
    form.cap_amount = "10".into();
    commands::save_scheme(store, vgz.scheme.id, &form, common::now()).unwrap();
    let change = &commands::money_rule_changes(store).unwrap()[0];
    assert_eq!(change.action, AuditAction::SchemeChanged);
    assert_eq!(change.what, "Regeling VGZ: plafond 14 dagen → plafond 10 dagen");
    assert_eq!(change.reallocated_years, [2026]);

    commands::set_policy(
        store,
        &PolicyInput { mode: Some(FundingMode::CoFunding), insurer_percent: "60".into() },
        common::now(),
    )
    .unwrap();
    let change = &commands::money_rule_changes(store).unwrap()[0];
    assert_eq!(change.action, AuditAction::PolicyChanged);
    assert!(
        change.what.starts_with("Beleid van de regio: eerst de verzekeraar, dan de gemeente → "),
        "{}",
        change.what
    );
    assert!(change.what.ends_with("(60% verzekeraar)"), "{}", change.what);
    assert_eq!(change.reallocated_years, [2026]);

    // The trail holds them for good, without anyone's name but the actor's.
    let details: Vec<String> = w
        .conn()
        .prepare("SELECT detail FROM audit_entry WHERE action IN ('regeling-gewijzigd', 'beleid-gewijzigd', 'budget-gewijzigd')")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(details.iter().all(|d| !d.contains("Ria") && !d.contains("Vries")), "{details:?}");
    assert_eq!(audit::verify(w.conn()).unwrap().first_broken, None);
}

#[test]
fn a_tariff_added_and_corrected_is_on_the_record() {
    let w = world();
    let data = |cents: i64, from: (i32, u32, u32)| ProviderData {
        extern_id: Some("P-1".into()),
        name: "Aardig".into(),
        pc4: "3311".into(),
        availability: Slot::from_mask(i64::MAX),
        municipality_codes: vec!["GM0505".into()],
        services: vec![ServiceData {
            form: RespiteForm::AtHome,
            unit: Unit::Hour,
            tariff: Some((Cents::new(cents), NaiveDate::from_ymd_opt(from.0, from.1, from.2).unwrap(), None)),
        }],
        ..Default::default()
    };
    // Corrected: the tariff from 01-01-2026 was 40,00.
    save_provider(w.conn(), &data(4250, (2026, 1, 1)), common::now()).unwrap();
    // Added: a new tariff from 2027.
    save_provider(w.conn(), &data(4500, (2027, 1, 1)), common::now()).unwrap();
    // Saved again unchanged: no line.
    save_provider(w.conn(), &data(4500, (2027, 1, 1)), common::now()).unwrap();
    let tariffs: Vec<String> = commands::money_rule_changes(&w.t.store)
        .unwrap()
        .into_iter()
        .filter(|c| c.action == AuditAction::TariffChanged)
        .map(|c| c.what)
        .collect();
    assert_eq!(
        tariffs,
        [
            "Tarief Aardig, respijt thuis vanaf 01-01-2027: geen tarief → € 45,00",
            "Tarief Aardig, respijt thuis vanaf 01-01-2026: € 40,00 → € 42,50",
            "Tarief Aardig, respijt thuis vanaf 01-01-2026: geen tarief → € 40,00",
        ]
    );
}

#[test]
fn the_cli_imports_budgets_and_lists_the_changes_with_who_made_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    let file = dir.path().join("budgetten.csv");
    std::fs::write(&file, "gemeente;jaar;budget\nDordrecht;2026;10.000\n").unwrap();
    let respijt = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_respijt"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .env_remove("RESPIJT_DB")
            .env("RESPIJT_PASSPHRASE_FILE", common::passphrase_file(dir.path()))
            .output()
            .unwrap()
    };
    assert!(respijt(&["import", "budgets", file.to_str().unwrap()]).status.success());
    let out = respijt(&["funding", "changes"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Budget Dordrecht 2026: geen budget → € 10.000,00 (herberekend: 2026)"), "{text}");
}
