//! Intakes for the integration tests: a caregiver with a recipient, and a
//! form with every field filled in.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use respijt::caregiver::{add_recipient, register_caregiver, RecipientInput, RegisterOutcome};
use respijt::intake::{Daypart, HelperGender, IntakeInput, RecipientSituation, RespiteForm, Urgency, Weekday};
use respijt::Store;

use super::common;

/// Registers `first last` (Ria's address) with a partner; returns both ids.
pub fn person(store: &Store, first: &str, last: &str) -> (i64, i64) {
    let mut input = common::ria();
    input.first_name = first.into();
    input.last_name = last.into();
    let id = match register_caregiver(store.conn(), &input, true, common::now()).unwrap() {
        RegisterOutcome::Created { id } => id,
        other => panic!("{other:?}"),
    };
    let recipient = RecipientInput {
        first_name: "Kees".into(),
        last_name: last.into(),
        date_of_birth: "02-02-1935".into(),
        relationship: "partner".into(),
        ..Default::default()
    };
    let recipient_id = add_recipient(store.conn(), id, &recipient, common::now()).unwrap();
    (id, recipient_id)
}

/// An intake with every field filled in.
pub fn full_input(caregiver_id: i64, recipient_id: i64) -> IntakeInput {
    IntakeInput {
        caregiver_id,
        recipient_id: Some(recipient_id),
        intake_date: "10-11-2026".into(),
        consultant_name: "Fatima el Amrani".into(),
        consultant_organisation: "MEE Drechtsteden".into(),
        care_hours_per_week: "22,5".into(),
        caring_since: "01-02-2020".into(),
        recipient_situation: vec![RecipientSituation::OldAge, RecipientSituation::Dementia],
        wlz_indication: false,
        wmo_respite: true,
        pgb: false,
        other_care: "Thuiszorg twee keer per week".into(),
        respite_forms: vec![RespiteForm::DayCare, RespiteForm::AtHome],
        respite_hours_per_week: "6".into(),
        respite_frequency: String::new(),
        preferred_days: vec![Weekday::Friday, Weekday::Tuesday],
        preferred_dayparts: vec![Daypart::Afternoon],
        respite_start: "01-12-2026".into(),
        urgency: Urgency::Soon,
        language: "Nederlands".into(),
        helper_gender: HelperGender::Female,
        pets: "kat".into(),
        smoking_in_home: false,
        smoke_free_helper: true,
        consent_given: true,
        consent_date: "10-11-2026".into(),
        consent_providers: true,
        consent_funders: true,
        consent_gp: false,
        consent_recorded_by: "Fatima el Amrani".into(),
        follow_up_date: "10-12-2026".into(),
        notes: "Kees wordt 's middags onrustig.".into(),
    }
}

pub fn answers(yes: usize, total: usize) -> Vec<i64> {
    (0..total).map(|i| i64::from(i < yes)).collect()
}
