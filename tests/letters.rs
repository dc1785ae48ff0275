//! Letters: the confirmation to the caregiver (what is planned, who pays,
//! how much of the cap is left after it, whom to call) and the order to a
//! provider (sessions, hand-over note only with consent, who pays), read
//! back as text from the HTML the core wrote; each letter logged.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;
mod intake_common;

use common::planning::{planning_world, session, weekly, PlanningWorld};
use respijt::letter::LetterSettings;
use respijt::planning::{plan_session, set_status, PlanOutcome, SessionStatus};
use respijt::{commands, intake};

fn settings(w: &PlanningWorld) {
    let input = LetterSettings {
        region_name: "Waardenland".into(),
        director_name: "Marieke Jansen".into(),
        director_phone: "078-6123456".into(),
    };
    commands::set_letter_settings(&w.t.store, &input).unwrap();
}

/// Twelve delivered days in October: two of VGZ's fourteen are left.
fn twelve_days_used(w: &PlanningWorld) {
    for day in 1..=12 {
        let input = session(w, &format!("{day:02}-10-2026"), "09:00", "10:00", None);
        let PlanOutcome::Planned { session_ids, .. } =
            plan_session(w.conn(), &input, Some("test"), common::now()).unwrap()
        else {
            panic!("not planned")
        };
        set_status(w.conn(), session_ids[0], SessionStatus::Delivered, None, common::now()).unwrap();
    }
}

fn text(path: &std::path::Path) -> String {
    std::fs::read_to_string(path).unwrap().replace('\u{a0}', " ")
}

#[test]
fn the_confirmation_says_what_is_planned_who_pays_and_the_days_left_after_it() {
    let w = planning_world();
    let s = &w.t.store;
    let path = w.t.dir.path().join("bevestiging.html");
    let refused = commands::write_confirmation_letter(s, w.caregiver, &path, common::now()).unwrap_err();
    assert!(refused.to_string().contains("respijtregisseur"), "no one to call yet: {refused}");
    assert!(!path.exists());

    settings(&w);
    twelve_days_used(&w);
    // Four Tuesdays from 24 November, 09:00-12:00 at EUR 40 an hour: EUR 120 each.
    weekly(&w, "24-11-2026", 4, Some("Ans"));
    let entry = commands::write_confirmation_letter(s, w.caregiver, &path, common::now()).unwrap();
    let html = text(&path);
    assert!(html.contains("Respijtzorg regio Waardenland") && html.contains("Datum: 23-11-2026"), "{html}");
    assert!(html.contains("Beste Ria de Vries"));
    assert!(html.contains("<td>dinsdag 24-11-2026</td><td>09:00 - 12:00</td><td>Aardig (Ans)</td>"), "{html}");
    assert!(html.contains("dinsdag 15-12-2026"));
    // Two days left of VGZ: two sessions paid by VGZ, two by Dordrecht.
    assert!(html.contains("<td>VGZ"), "{html}");
    assert!(html.contains("€ 240,00</td>"), "{html}");
    assert!(html.contains("<td>Dordrecht</td><td class=\"n\">€ 240,00</td>"), "{html}");
    assert!(html.contains("nog 0 dagen over van 14 dagen"), "{html}");
    assert!(html.contains("U hoeft zelf niets te betalen."));
    assert!(html.contains("Bel Marieke Jansen, respijtregisseur, op 078 612 3456"), "{html}");

    // Logged in the dossier and the trail, without the letter's text.
    assert_eq!(entry.what, "Bevestiging aan de mantelzorger");
    let letters = commands::letters_of_caregiver(s, w.caregiver).unwrap();
    assert_eq!(letters.len(), 1);
    let trail = commands::audit_of_caregiver(s, w.caregiver).unwrap();
    let line = trail.iter().find(|e| e.action.code() == "brief-gemaakt").expect("an audit line");
    assert_eq!(line.detail, "Bevestiging aan de mantelzorger");
}

#[test]
fn the_confirmation_without_a_plan_shows_the_days_still_left() {
    let w = planning_world();
    settings(&w);
    twelve_days_used(&w);
    let path = w.t.dir.path().join("b.html");
    commands::write_confirmation_letter(&w.t.store, w.caregiver, &path, common::now()).unwrap();
    let html = text(&path);
    assert!(html.contains("nog geen respijtzorg voor u gepland"), "{html}");
    assert!(html.contains("nog 2 dagen over van 14 dagen"), "{html}");
}

#[test]
fn the_order_has_the_months_sessions_and_the_handover_note_only_with_consent() {
    let w = planning_world();
    let s = &w.t.store;
    settings(&w);
    weekly(&w, "24-11-2026", 4, Some("Bert"));
    let path = w.t.dir.path().join("opdracht.html");

    let entry = commands::write_provider_order(s, w.provider, w.caregiver, "12-2026", &path, common::now()).unwrap();
    let html = text(&path);
    assert!(html.contains("Opdracht respijtzorg 12-2026"), "{html}");
    assert!(html.contains("dinsdag 01-12-2026") && html.contains("dinsdag 15-12-2026"));
    assert!(!html.contains("24-11-2026"), "November is not in December's order");
    assert!(!html.contains("Koffie om tien uur."), "no consent: no hand-over note");
    assert!(html.contains("geen toestemming"));
    assert!(html.contains("<td>VGZ"), "who pays: {html}");
    assert_eq!(entry.what, "Opdracht aan Aardig voor 2026-12");

    // With consent to share with providers at intake, the note is in.
    let intake = intake_common::full_input(w.caregiver, w.recipient);
    intake::complete_intake(w.conn(), None, &intake, common::now()).unwrap();
    commands::write_provider_order(s, w.provider, w.caregiver, "2026-12", &path, common::now()).unwrap();
    assert!(text(&path).contains("<td>Koffie om tien uur.</td>"));
    assert_eq!(commands::letters_of_caregiver(s, w.caregiver).unwrap().len(), 2);

    // A month without sessions has no order, and nothing is logged.
    let empty = w.t.dir.path().join("leeg.html");
    let err = commands::write_provider_order(s, w.provider, w.caregiver, "01-2027", &empty, common::now()).unwrap_err();
    assert!(err.to_string().contains("geen opdracht"), "{err}");
    assert!(!empty.exists());
    assert_eq!(commands::letters_of_caregiver(s, w.caregiver).unwrap().len(), 2);
}
