//! Intakes: concepts that autosave, completing, status, assessments and the
//! director's attention list, on a real store in a temp folder.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;
mod intake_common;

use chrono::{Days, NaiveDate};
use intake_common::{answers, full_input, person};
use respijt::intake::{
    self, AppMode, AssessmentInput, AttentionKind, IntakeInput, IntakeStatus, RecipientSituation, Urgency, Weekday,
};
use respijt::{commands, Error, Store};

fn assess(store: &Store, intake_id: i64, instrument: &str, yes: usize, on: &str) -> intake::BurdenAssessment {
    let total = if instrument == "csi" { 13 } else { 15 };
    let input = AssessmentInput { instrument: instrument.into(), answers: answers(yes, total), assessed_on: on.into() };
    intake::record_assessment(store.conn(), intake_id, &input, common::now()).unwrap()
}

fn fields_of(err: Error) -> Vec<String> {
    match err {
        Error::Validation(fields) => fields.into_iter().map(|f| f.field).collect(),
        other => panic!("expected validation errors, got {other}"),
    }
}

#[test]
fn scores_and_bands_are_stored_with_each_assessment() {
    let t = common::store();
    let (cg, rc) = person(&t.store, "Ria", "de Vries");
    let id = intake::complete_intake(t.store.conn(), None, &full_input(cg, rc), common::now()).unwrap().id;
    for (yes, band) in
        [(0, "geen"), (1, "licht"), (3, "licht"), (4, "matig"), (8, "matig"), (9, "zwaar"), (15, "zwaar")]
    {
        let a = assess(&t.store, id, "ediz_plus", yes, "");
        assert_eq!((a.score, a.band.as_str(), a.overloaded), (yes as i64, band, yes >= 9), "EDIZ-plus {yes}");
    }
    for (yes, overloaded) in [(6, false), (7, true)] {
        let a = assess(&t.store, id, "csi", yes, "");
        assert_eq!((a.score, a.overloaded), (yes as i64, overloaded), "CSI {yes}");
    }
    let live = commands::score_burden(&t.store, "csi", &answers(7, 13)).unwrap();
    assert_eq!(live.band, "hoge belasting");
    let wrong = AssessmentInput { instrument: "ediz_plus".into(), answers: answers(3, 13), assessed_on: String::new() };
    assert_eq!(
        fields_of(intake::record_assessment(t.store.conn(), id, &wrong, common::now()).unwrap_err()),
        ["answers"]
    );
    assert_eq!(common::count(&t.store, "burden_assessment"), 9, "a refused assessment is not stored");
    assert!(commands::score_burden(&t.store, "zbi", &[]).is_err(), "unknown instrument");
}

#[test]
fn a_concept_is_saved_incomplete_and_keeps_what_was_typed() {
    let t = common::store();
    let (cg, _) = person(&t.store, "Ria", "de Vries");
    let nobody = IntakeInput { consultant_name: "Fatima".into(), ..Default::default() };
    assert_eq!(
        fields_of(intake::save_concept(t.store.conn(), None, &nobody, common::now()).unwrap_err()),
        ["caregiverId"]
    );
    assert_eq!(common::count(&t.store, "intake"), 0);

    let half = IntakeInput {
        caregiver_id: cg,
        intake_date: "10-11-".into(),
        consultant_name: "Fatima".into(),
        care_hours_per_week: "12".into(),
        ..Default::default()
    };
    let saved = intake::save_concept(t.store.conn(), None, &half, common::now()).unwrap();
    assert_eq!(saved.intake.status, IntakeStatus::Concept);
    assert_eq!(saved.problems.iter().map(|p| p.field.as_str()).collect::<Vec<_>>(), ["intakeDate"]);
    assert_eq!(saved.intake.form.intake_date, "10-11-", "half-typed text survives a reload");
    assert_eq!(saved.intake.fields.care_minutes_per_week, Some(720));

    let id = saved.intake.id;
    let mut more = half.clone();
    more.intake_date = "10-11-2026".into();
    let saved = intake::save_concept(t.store.conn(), Some(id), &more, common::now()).unwrap();
    assert!(saved.problems.is_empty());
    assert_eq!(common::count(&t.store, "intake"), 1, "autosave updates the same concept");

    let missing = fields_of(intake::complete_intake(t.store.conn(), Some(id), &more, common::now()).unwrap_err());
    for field in ["recipientId", "consultantOrganisation", "caringSince", "recipientSituation", "respiteForms"] {
        assert!(missing.contains(&field.to_string()), "{field} is required to complete: {missing:?}");
    }
    assert_eq!(intake::get_intake(t.store.conn(), id).unwrap().status, IntakeStatus::Concept, "nothing changed");
}

#[test]
fn completing_stores_every_field_typed() {
    let t = common::store();
    let (cg, rc) = person(&t.store, "Ria", "de Vries");
    let done = intake::complete_intake(t.store.conn(), None, &full_input(cg, rc), common::now()).unwrap();
    let f = &done.fields;
    assert_eq!(done.status, IntakeStatus::Completed);
    assert_eq!(f.care_minutes_per_week, Some(1350));
    assert_eq!(f.recipient_situation, [RecipientSituation::Dementia, RecipientSituation::OldAge]);
    assert_eq!(f.preferred_days, [Weekday::Tuesday, Weekday::Friday], "days in week order");
    assert_eq!(f.follow_up_date, NaiveDate::from_ymd_opt(2026, 12, 10));
    assert_eq!(done.form.care_hours_per_week, "22,5");
    assert_eq!(done.handover_id.len(), 32);

    let mut future = full_input(cg, rc);
    future.intake_date = "24-11-2026".into();
    future.consent_given = false;
    let errors = fields_of(intake::complete_intake(t.store.conn(), None, &future, common::now()).unwrap_err());
    assert_eq!(errors, ["intakeDate", "consentGiven"], "a future date, and sharing without consent");
}

#[test]
fn status_follows_the_allowed_steps() {
    let t = common::store();
    let (cg, rc) = person(&t.store, "Ria", "de Vries");
    let id = intake::save_concept(t.store.conn(), None, &full_input(cg, rc), common::now()).unwrap().intake.id;
    let now = common::now();

    let err = intake::change_status(t.store.conn(), id, IntakeStatus::HandedOver, now).unwrap_err().to_string();
    assert!(err.contains("kan niet naar 'overgedragen'"), "{err}");
    let i = intake::change_status(t.store.conn(), id, IntakeStatus::Completed, now).unwrap();
    assert_eq!(i.status, IntakeStatus::Completed);
    assert!(i.completed_at.is_some());
    assert!(
        intake::save_concept(t.store.conn(), Some(id), &full_input(cg, rc), now).is_err(),
        "completed is read-only"
    );
    intake::change_status(t.store.conn(), id, IntakeStatus::Concept, now).unwrap();
    intake::change_status(t.store.conn(), id, IntakeStatus::Completed, now).unwrap();
    let i = intake::change_status(t.store.conn(), id, IntakeStatus::HandedOver, now).unwrap();
    assert!(i.picked_up_at.is_none());
    let i = intake::change_status(t.store.conn(), id, IntakeStatus::InProgress, now).unwrap();
    assert!(i.picked_up_at.is_some(), "picking up is recorded");
    let i = intake::change_status(t.store.conn(), id, IntakeStatus::Closed, now).unwrap();
    assert_eq!(i.next_statuses, [IntakeStatus::InProgress]);
    let input = AssessmentInput { instrument: "csi".into(), answers: answers(2, 13), assessed_on: String::new() };
    assert!(
        intake::record_assessment(t.store.conn(), id, &input, now).is_err(),
        "closed intakes take no new measurement"
    );

    let empty = IntakeInput { caregiver_id: cg, ..Default::default() };
    let concept = intake::save_concept(t.store.conn(), None, &empty, now).unwrap().intake.id;
    assert!(matches!(
        intake::change_status(t.store.conn(), concept, IntakeStatus::Completed, now),
        Err(Error::Validation(_))
    ));
}

#[test]
fn the_trend_keeps_every_assessment_in_date_order() {
    let t = common::store();
    let (cg, rc) = person(&t.store, "Ria", "de Vries");
    let first = intake::complete_intake(t.store.conn(), None, &full_input(cg, rc), common::now()).unwrap().id;
    let second = intake::complete_intake(t.store.conn(), None, &full_input(cg, rc), common::now()).unwrap().id;
    assess(&t.store, second, "ediz_plus", 5, "20-11-2026");
    assess(&t.store, first, "ediz_plus", 11, "01-06-2026");
    assess(&t.store, first, "ediz_plus", 9, "01-09-2026");
    let trend = commands::burden_trend(&t.store, cg).unwrap();
    let scores: Vec<i64> = trend.iter().map(|a| a.score).collect();
    assert_eq!(scores, [11, 9, 5]);
    assert_eq!(commands::intakes_of_caregiver(&t.store, cg).unwrap().len(), 2);
}

#[test]
fn attention_list_puts_crisis_first_then_soon_then_by_date() {
    let t = common::store();
    let now = common::now();
    let today = now.date_naive();
    let conn = t.store.conn();
    let make = |first: &str, urgency: Urgency, follow_up: Option<NaiveDate>| {
        let (cg, rc) = person(&t.store, first, "Jansen");
        let mut input = full_input(cg, rc);
        input.urgency = urgency;
        input.intake_date = "01-08-2026".into();
        input.follow_up_date = follow_up.map(|d| d.format("%d-%m-%Y").to_string()).unwrap_or_default();
        (cg, intake::complete_intake(conn, None, &input, now).unwrap().id)
    };
    // Overloaded, normal urgency, assessed a month ago.
    let (anna, anna_intake) = make("Anna", Urgency::Normal, None);
    assess(&t.store, anna_intake, "ediz_plus", 10, "23-10-2026");
    // Follow-up due yesterday, crisis.
    let (bert, _) = make("Bert", Urgency::Crisis, today.checked_sub_days(Days::new(1)));
    // Handed over, not picked up, soon.
    let (carla, carla_intake) = make("Carla", Urgency::Soon, None);
    intake::change_status(conn, carla_intake, IntakeStatus::HandedOver, now).unwrap();
    // Follow-up due long ago, normal: before Anna by date.
    let (dirk, _) = make("Dirk", Urgency::Normal, NaiveDate::from_ymd_opt(2026, 9, 1));
    // Not on the list: follow-up in the future, and overloaded but re-assessed lower since.
    make("Els", Urgency::Crisis, today.checked_add_days(Days::new(3)));
    let (_, frank_intake) = make("Frank", Urgency::Crisis, None);
    assess(&t.store, frank_intake, "ediz_plus", 12, "01-09-2026");
    assess(&t.store, frank_intake, "ediz_plus", 4, "01-11-2026");

    let list = commands::attention_list(&t.store, now).unwrap();
    let order: Vec<i64> = list.iter().map(|i| i.caregiver_id).collect();
    assert_eq!(order, [bert, carla, dirk, anna], "{list:#?}");
    assert_eq!(list[0].urgency, Urgency::Crisis);
    assert_eq!(list[1].reasons[0].kind, AttentionKind::NotPickedUp);
    assert_eq!(list[3].reasons[0].kind, AttentionKind::Overloaded);
    assert!(list[3].reasons[0].text.contains("nog geen respijt gepland"), "{}", list[3].reasons[0].text);
    assert_eq!(list[3].name, "Anna Jansen");

    intake::change_status(conn, carla_intake, IntakeStatus::InProgress, now).unwrap();
    let list = commands::attention_list(&t.store, now).unwrap();
    assert!(!list.iter().any(|i| i.caregiver_id == carla), "picked up: off the list");

    // Respite planned for Anna: she is no longer "overloaded without planned respite".
    let recipient: i64 = conn
        .query_row("SELECT recipient_id FROM caregiver_recipient WHERE caregiver_id = ?1", [anna], |r| r.get(0))
        .unwrap();
    let zorgmies = respijt::provider::find_by_extern_id(conn, "zorgmies").unwrap().unwrap();
    let session = respijt::planning::SessionInput {
        caregiver_id: anna,
        recipient_id: recipient,
        provider_id: zorgmies,
        form: Some(respijt::intake::RespiteForm::AtHome),
        date: "01-12-2026".into(),
        start_time: "09:00".into(),
        end_time: "12:00".into(),
        ..Default::default()
    };
    respijt::planning::plan_session(conn, &session, None, now).unwrap();
    let list = commands::attention_list(&t.store, now).unwrap();
    assert!(!list.iter().any(|i| i.caregiver_id == anna), "respite planned: off the list");
}

#[test]
fn the_mode_is_director_until_set() {
    let t = common::store();
    assert_eq!(commands::get_mode(&t.store).unwrap(), AppMode::Director);
    commands::set_mode(&t.store, AppMode::Consultant).unwrap();
    assert_eq!(commands::get_mode(&t.store).unwrap(), AppMode::Consultant);
    assert_eq!(commands::list_instruments(&t.store).unwrap().len(), 2);
}
