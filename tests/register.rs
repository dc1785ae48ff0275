#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use respijt::caregiver::{
    self, add_recipient, archive_caregiver, dossier, register_caregiver, restore_caregiver, search_caregivers,
    update_caregiver, RecipientInput, RegisterOutcome, SearchOptions,
};
use respijt::Error;

fn created(outcome: RegisterOutcome) -> i64 {
    match outcome {
        RegisterOutcome::Created { id } => id,
        other => panic!("expected a new dossier, got {other:?}"),
    }
}

fn field_errors(err: Error) -> Vec<(String, String)> {
    match err {
        Error::Validation(fields) => fields.into_iter().map(|f| (f.field, f.message)).collect(),
        other => panic!("expected validation errors, got {other}"),
    }
}

fn names(result: &caregiver::SearchResult) -> Vec<String> {
    result.items.iter().map(|c| format!("{} {}", c.first_name, c.last_name)).collect()
}

fn search(t: &common::TestStore, query: &str) -> Vec<String> {
    names(&search_caregivers(t.store.conn(), &SearchOptions { query: query.into(), include_archived: false }).unwrap())
}

#[test]
fn a_registered_caregiver_gets_the_municipality_of_the_postcode() {
    let t = common::store();
    let id = created(register_caregiver(t.store.conn(), &common::ria(), false, common::now()).unwrap());
    let d = dossier(t.store.conn(), id).unwrap();
    assert_eq!(d.caregiver.municipality.as_ref().map(|m| m.code.as_str()), Some("GM0505"));
    assert_eq!(d.caregiver.place, "Dordrecht", "an empty place is filled in from the postcode");
    assert_eq!(d.caregiver.phone, "06 12345678");
    assert_eq!(d.caregiver.care_minutes_per_week, Some(1200));
    assert!(d.caregiver.in_region);
    assert_eq!(d.form.date_of_birth, "14-03-1958", "the edit form gets the Dutch date back");
}

#[test]
fn every_bad_field_gets_its_own_dutch_message() {
    let t = common::store();
    let mut input = common::ria();
    input.postcode = "3311 SS".into();
    input.date_of_birth = "01-01-2030".into();
    input.phone = "12345".into();
    input.email = "ria.voorbeeld.nl".into();
    input.first_name = " ".into();
    let errors = field_errors(register_caregiver(t.store.conn(), &input, false, common::now()).unwrap_err());
    let fields: Vec<&str> = errors.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(fields, ["firstName", "dateOfBirth", "postcode", "phone", "email", "caringSince"]);
    assert!(errors[1].1.contains("toekomst"), "{}", errors[1].1);
    assert!(errors[2].1.contains("SS"), "{}", errors[2].1);
    assert_eq!(common::count(&t.store, "caregiver"), 0, "nothing is written when a field is wrong");
}

#[test]
fn an_address_outside_the_region_is_allowed_and_flagged() {
    let t = common::store();
    let mut input = common::ria();
    input.postcode = "1012 AB".into(); // Amsterdam
    let id = created(register_caregiver(t.store.conn(), &input, false, common::now()).unwrap());
    let d = dossier(t.store.conn(), id).unwrap();
    assert!(!d.caregiver.in_region);
    assert_eq!(d.caregiver.municipality, None);
}

#[test]
fn the_municipality_can_be_chosen_by_hand() {
    let t = common::store();
    let mut input = common::ria();
    input.municipality_override = "Zwijndrecht".into();
    let id = created(register_caregiver(t.store.conn(), &input, false, common::now()).unwrap());
    let d = dossier(t.store.conn(), id).unwrap();
    assert_eq!(d.caregiver.municipality.map(|m| m.code).as_deref(), Some("GM0642"));
    assert!(d.caregiver.municipality_overridden);
    assert_eq!(d.form.municipality_override, "GM0642");

    input.municipality_override = "Atlantis".into();
    let errors = field_errors(register_caregiver(t.store.conn(), &input, true, common::now()).unwrap_err());
    assert_eq!(errors[0].0, "municipalityOverride");
}

#[test]
fn a_twin_is_offered_instead_of_registered_twice() {
    let t = common::store();
    let id = created(register_caregiver(t.store.conn(), &common::ria(), false, common::now()).unwrap());
    let mut again = common::ria();
    again.first_name = "RIA".into(); // case does not make another person
    again.postcode = "3311ab".into();
    match register_caregiver(t.store.conn(), &again, false, common::now()).unwrap() {
        RegisterOutcome::PossibleTwin { existing } => assert_eq!(existing.id, id),
        other => panic!("expected a twin warning, got {other:?}"),
    }
    assert_eq!(common::count(&t.store, "caregiver"), 1);
    created(register_caregiver(t.store.conn(), &again, true, common::now()).unwrap());
    assert_eq!(common::count(&t.store, "caregiver"), 2, "the director may register anyway");
}

#[test]
fn search_by_part_of_a_name_postcode_or_municipality_sorted_by_surname() {
    let t = common::store();
    for (first, last, postcode) in [
        ("Ria", "de Vries", "3311 AB"),
        ("Jan", "Bakker", "3361 AA"),
        ("Anouk", "van der Berg", "4201 CD"),
        ("Kees", "Vriesema", "2951 AA"),
    ] {
        let mut input = common::ria();
        input.first_name = first.into();
        input.last_name = last.into();
        input.postcode = postcode.into();
        created(register_caregiver(t.store.conn(), &input, false, common::now()).unwrap());
    }
    assert_eq!(search(&t, ""), ["Jan Bakker", "Anouk van der Berg", "Ria de Vries", "Kees Vriesema"]);
    assert_eq!(search(&t, "vries"), ["Ria de Vries", "Kees Vriesema"]);
    assert_eq!(search(&t, "ries"), ["Ria de Vries", "Kees Vriesema"], "any part of a name");
    assert_eq!(search(&t, "3311"), ["Ria de Vries"]);
    assert_eq!(search(&t, "4201cd"), ["Anouk van der Berg"]);
    assert_eq!(search(&t, "Sliedrecht"), ["Jan Bakker"]);
    assert_eq!(search(&t, "gorinchem anouk"), ["Anouk van der Berg"]);
    assert_eq!(search(&t, "ja"), ["Jan Bakker"], "two letters still find");
    assert!(search(&t, "xyz").is_empty());
}

#[test]
fn archived_caregivers_leave_the_list_but_are_never_deleted() {
    let t = common::store();
    let id = created(register_caregiver(t.store.conn(), &common::ria(), false, common::now()).unwrap());
    archive_caregiver(t.store.conn(), id, "verhuisd", common::now()).unwrap();
    assert!(search(&t, "ria").is_empty());
    let all =
        search_caregivers(t.store.conn(), &SearchOptions { query: "ria".into(), include_archived: true }).unwrap();
    assert!(all.items[0].archived);
    let d = dossier(t.store.conn(), id).unwrap();
    assert_eq!(d.caregiver.archive_reason.as_deref(), Some("verhuisd"));
    restore_caregiver(t.store.conn(), id, common::now()).unwrap();
    assert_eq!(search(&t, "ria"), ["Ria de Vries"]);
}

#[test]
fn editing_changes_the_dossier_and_the_search() {
    let t = common::store();
    let id = created(register_caregiver(t.store.conn(), &common::ria(), false, common::now()).unwrap());
    let mut input = dossier(t.store.conn(), id).unwrap().form;
    input.last_name = "Jansen".into();
    input.postcode = "3361 AB".into();
    update_caregiver(t.store.conn(), id, &input, common::now()).unwrap();
    let d = dossier(t.store.conn(), id).unwrap();
    assert_eq!(d.caregiver.municipality.map(|m| m.name).as_deref(), Some("Sliedrecht"));
    assert!(search(&t, "vries").is_empty());
    assert_eq!(search(&t, "jansen"), ["Ria Jansen"]);
}

#[test]
fn a_recipient_can_have_two_caregivers() {
    let t = common::store();
    let ria = created(register_caregiver(t.store.conn(), &common::ria(), false, common::now()).unwrap());
    let mut piet = common::ria();
    piet.first_name = "Piet".into();
    let piet = created(register_caregiver(t.store.conn(), &piet, false, common::now()).unwrap());
    let mother = RecipientInput {
        first_name: "Truus".into(),
        last_name: "de Vries".into(),
        date_of_birth: "02-02-1931".into(),
        postcode: "3312 CD".into(),
        house_number: "4".into(),
        relationship: "moeder".into(),
        wlz_indication: true,
        ..Default::default()
    };
    add_recipient(t.store.conn(), ria, &mother, common::now()).unwrap();
    add_recipient(t.store.conn(), piet, &mother, common::now()).unwrap();
    assert_eq!(common::count(&t.store, "care_recipient"), 1, "one person, one record");
    let d = dossier(t.store.conn(), ria).unwrap();
    assert_eq!(d.recipients.len(), 1);
    assert!(d.recipients[0].wlz_indication);
    assert_eq!(d.recipients[0].other_caregivers.iter().map(|c| c.first_name.as_str()).collect::<Vec<_>>(), ["Piet"]);
}

#[test]
fn a_recipient_without_an_address_lives_with_the_caregiver() {
    let t = common::store();
    let ria = created(register_caregiver(t.store.conn(), &common::ria(), false, common::now()).unwrap());
    let partner = RecipientInput {
        first_name: "Henk".into(),
        last_name: "de Vries".into(),
        date_of_birth: "1955-06-01".into(),
        relationship: "partner".into(),
        ..Default::default()
    };
    add_recipient(t.store.conn(), ria, &partner, common::now()).unwrap();
    let d = dossier(t.store.conn(), ria).unwrap();
    assert_eq!(d.recipients[0].postcode, "3311 AB");
    assert_eq!(d.recipients[0].municipality.as_ref().map(|m| m.code.as_str()), Some("GM0505"));

    let future = RecipientInput { date_of_birth: "01-01-2099".into(), ..partner };
    let errors = field_errors(add_recipient(t.store.conn(), ria, &future, common::now()).unwrap_err());
    assert_eq!(errors[0].0, "dateOfBirth");
}

/// The cases where the home-made rules disagreed with libphonenumber, on
/// the register form: stored E.164, shown national, refused next to the field.
#[test]
fn phone_numbers_and_postcodes_as_libphonenumber_and_the_post_write_them() {
    let t = common::store();
    let with = |first: &str, phone: &str, postcode: &str| {
        let mut input = common::ria();
        input.first_name = first.into();
        input.phone = phone.into();
        input.postcode = postcode.into();
        register_caregiver(t.store.conn(), &input, true, common::now())
    };
    for (first, typed, stored, shown) in [
        ("Ans", "06–12345678", "+31612345678", "06 12345678"),
        ("Bep", "0800-0123", "+318000123", "0800 0123"),
        ("Cor", "tel:+31-88-1234567", "+31881234567", "088 123 4567"),
        ("Dirk", "0900 123 4567", "+319001234567", "0900 1234567"),
    ] {
        let id = created(with(first, typed, "3311-AB").unwrap());
        let d = dossier(t.store.conn(), id).unwrap();
        let raw: String =
            t.store.conn().query_row("SELECT phone FROM caregiver WHERE id = ?1", [id], |r| r.get(0)).unwrap();
        assert_eq!((raw.as_str(), d.caregiver.phone.as_str()), (stored, shown), "{typed}");
        assert_eq!(d.caregiver.postcode, "3311 AB");
    }
    for impossible in ["0123456789", "+999 12345678"] {
        let errors = field_errors(with("Eva", impossible, "3311 AB").unwrap_err());
        assert_eq!(errors.iter().map(|(f, _)| f.as_str()).collect::<Vec<_>>(), ["phone"], "{impossible}");
        assert!(errors[0].1.contains("bestaat niet"), "{}", errors[0].1);
    }
}
