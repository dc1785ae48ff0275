//! A planning world from an empty store: Ria in Dordrecht and her mother,
//! one provider for respite at home (EUR 40 an hour) with three helpers,
//! and Dordrecht's budget for 2026.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use respijt::caregiver::{add_recipient, register_caregiver, RecipientInput, RegisterOutcome};
use respijt::funding::set_budget;
use respijt::intake::{RespiteForm, Weekday};
use respijt::money::Cents;
use respijt::planning::{plan_series, PlanOutcome, SeriesInput, SessionInput};
use respijt::provider::{save_provider, ProviderData, ServiceData, Slot, Unit};

pub struct PlanningWorld {
    pub t: super::TestStore,
    pub caregiver: i64,
    pub recipient: i64,
    pub provider: i64,
    helpers: HashMap<String, i64>,
}

impl PlanningWorld {
    pub fn helper(&self, name: &str) -> i64 {
        self.helpers[name]
    }

    pub fn conn(&self) -> &rusqlite::Connection {
        self.t.store.conn()
    }
}

/// A provider serving Dordrecht with the given helpers (all active).
pub fn provider(conn: &rusqlite::Connection, extern_id: &str, name: &str, helpers: &[&str]) -> i64 {
    save_provider(
        conn,
        &ProviderData {
            extern_id: Some(extern_id.into()),
            name: name.into(),
            pc4: "3311".into(),
            availability: Slot::from_mask(i64::MAX),
            municipality_codes: vec!["GM0505".into()],
            services: vec![ServiceData {
                form: RespiteForm::AtHome,
                unit: Unit::Hour,
                tariff: Some((Cents::new(4000), NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), None)),
            }],
            helpers: helpers.iter().map(|h| respijt::provider::HelperData::named(*h)).collect(),
            ..Default::default()
        },
        super::now(),
    )
    .unwrap()
}

pub fn helpers_of(conn: &rusqlite::Connection, provider: i64) -> HashMap<String, i64> {
    conn.prepare("SELECT name, id FROM helper WHERE provider_id = ?1")
        .unwrap()
        .query_map([provider], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

pub fn planning_world() -> PlanningWorld {
    let t = super::store();
    let conn = t.store.conn();
    let caregiver = match register_caregiver(conn, &super::ria(), false, super::now()).unwrap() {
        RegisterOutcome::Created { id } => id,
        other => panic!("{other:?}"),
    };
    conn.execute("UPDATE caregiver SET extern_id = 'MZ-1' WHERE id = ?1", [caregiver]).unwrap();
    let mother = RecipientInput {
        first_name: "Truus".into(),
        last_name: "de Vries".into(),
        date_of_birth: "02-02-1931".into(),
        relationship: "moeder".into(),
        ..Default::default()
    };
    let recipient = add_recipient(conn, caregiver, &mother, super::now()).unwrap();
    let provider = provider(conn, "P-1", "Aardig", &["Ans", "Bert", "Carla"]);
    set_budget(conn, "GM0505", 2026, Cents::new(1_000_000), super::now()).unwrap();
    let helpers = helpers_of(conn, provider);
    PlanningWorld { t, caregiver, recipient, provider, helpers }
}

/// The planning form for one session at the world's provider.
pub fn session(w: &PlanningWorld, date: &str, start: &str, end: &str, helper: Option<&str>) -> SessionInput {
    SessionInput {
        caregiver_id: w.caregiver,
        recipient_id: w.recipient,
        provider_id: w.provider,
        helper_id: helper.map(|h| w.helper(h)),
        form: Some(RespiteForm::AtHome),
        date: date.into(),
        start_time: start.into(),
        end_time: end.into(),
        handover_note: "Koffie om tien uur.".into(),
        ..Default::default()
    }
}

/// A weekly series of `count` sessions from `first`; the ids in date order.
pub fn weekly(w: &PlanningWorld, first: &str, count: u32, helper: Option<&str>) -> Vec<i64> {
    let input = SeriesInput {
        session: session(w, first, "09:00", "12:00", helper),
        every_weeks: 1,
        weekdays: vec![
            Weekday::ALL[respijt::dutch::parse_date(first).unwrap().weekday().num_days_from_monday() as usize],
        ],
        count: count.to_string(),
        ..Default::default()
    };
    match plan_series(w.conn(), &input, None, super::now()).unwrap() {
        PlanOutcome::Planned { session_ids, .. } => session_ids,
        other => panic!("{other:?}"),
    }
}
