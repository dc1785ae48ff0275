//! The search as a person at the desk uses it, on a demo region: the person
//! typed in full is the first row, whichever way the name is typed; the
//! best 50 are shown with a count of the rest (issue 18).
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use respijt::access::{self, Role, UserInput};
use respijt::caregiver::{
    archive_caregiver, search_caregivers, search_caregivers_in, Scope, SearchOptions, SearchResult, COUNT_CAP,
    SEARCH_LIMIT,
};
use respijt::dutch;
use respijt::import::{self, ImportOptions};

/// One caregiver as the brute-force count sees them.
#[derive(Debug, Clone)]
struct Person {
    id: i64,
    first: String,
    last: String,
    born: chrono::NaiveDate,
    /// Name, postcode, place and municipality, folded: what a word may be part of.
    text: String,
}

fn demo_region(n: usize) -> (common::TestStore, Vec<Person>) {
    let mut t = common::store();
    let table = respijt::demo::caregiver_table(t.store.conn(), 18, n).unwrap();
    import::import_caregivers(t.store.conn_mut(), &table, ImportOptions::default(), common::now()).unwrap();
    let people = t
        .store
        .conn()
        .prepare(
            "SELECT c.id, c.first_name, c.last_name, c.date_of_birth, c.postcode, c.place, COALESCE(m.name, '')
             FROM caregiver c LEFT JOIN municipality m ON m.code = c.municipality_code ORDER BY c.id",
        )
        .unwrap()
        .query_map([], |r| {
            let (first, last): (String, String) = (r.get(1)?, r.get(2)?);
            let (postcode, place, municipality): (String, String, String) = (r.get(4)?, r.get(5)?, r.get(6)?);
            Ok(Person {
                id: r.get(0)?,
                text: dutch::fold(&format!("{first} {last} {} {place} {municipality}", postcode.replace(' ', ""))),
                first,
                last,
                born: r.get(3)?,
            })
        })
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    assert_eq!(people.len(), n);
    (t, people)
}

fn find(t: &common::TestStore, query: &str) -> SearchResult {
    search_caregivers(t.store.conn(), &SearchOptions { query: query.into(), include_archived: false }).unwrap()
}

fn names(result: &SearchResult) -> Vec<String> {
    result.items.iter().map(|c| format!("{} {}", c.first_name, c.last_name)).collect()
}

/// The count the search should give for `matching` people.
fn expected_total(matching: usize) -> (usize, bool) {
    if matching > COUNT_CAP {
        (COUNT_CAP, true)
    } else {
        (matching, false)
    }
}

fn same_name(a: &Person, first: &str, last: &str) -> bool {
    a.first == first && a.last == last
}

#[test]
fn the_person_typed_in_full_comes_first_however_the_name_is_typed() {
    let (t, people) = demo_region(3000);
    let with_prefix = people.iter().find(|p| p.last.starts_with("de ")).unwrap();
    let with_long_prefix = people.iter().find(|p| p.last.starts_with("van der ")).unwrap();
    let plain = people.iter().find(|p| p.last == "Jansen" && p.first == "Jan").unwrap();
    let picks = [plain, with_prefix, with_long_prefix, &people[1234], &people[2999]];
    for p in picks {
        let namesakes = people.iter().filter(|o| same_name(o, &p.first, &p.last)).count();
        let (prefix, core) = dutch::surname_parts(&p.last);
        let mut typed = vec![
            format!("{} {}", p.first, p.last),
            format!("{}, {}", p.last, p.first),
            format!("{} {}", p.first.to_lowercase(), p.last.to_lowercase()),
            format!("{} {}", p.last, p.first),
        ];
        if !prefix.is_empty() {
            typed.push(format!("{core}, {} {prefix}", p.first));
        }
        for query in &typed {
            let found = find(&t, query);
            assert!(found.items.len() >= namesakes.min(SEARCH_LIMIT), "{query}");
            for (row, c) in found.items.iter().take(namesakes).enumerate() {
                assert!(
                    c.first_name == p.first && c.last_name == p.last,
                    "{query:?}: row {row} is {} {}, before a {} {}",
                    c.first_name,
                    c.last_name,
                    p.first,
                    p.last
                );
            }
        }
        // With the date of birth in the same box: that very person first.
        for query in [
            format!("{} {} {}", p.first, p.last, dutch::date_text(p.born)),
            format!("{}, {} {}", p.last, p.first, p.born),
            format!("{} {}", dutch::date_text(p.born), p.last),
        ] {
            let found = find(&t, &query);
            assert_eq!(found.items.first().map(|c| c.id), Some(p.id), "{query:?}: {:?}", names(&found));
        }
    }
}

#[test]
fn a_first_name_ranks_above_a_place_and_counts_match_a_brute_force_count() {
    let (t, people) = demo_region(3000);
    // "jan": people named Jan (first names equal), then Jansen and Janssen,
    // and only then people who live in a place with "jan" in it.
    let found = find(&t, "jan");
    assert_eq!(found.items.len(), SEARCH_LIMIT);
    assert_eq!(found.items[0].first_name, "Jan", "{:?}", names(&found));
    let in_name: Vec<bool> =
        found.items.iter().map(|c| dutch::fold(&format!("{} {}", c.first_name, c.last_name)).contains("jan")).collect();
    assert!(in_name.windows(2).all(|w| w[0] || !w[1]), "a place match before a name match: {:?}", names(&found));
    let jans = people.iter().filter(|p| p.first == "Jan").count();
    assert!(found.items.iter().take(jans).all(|c| c.first_name == "Jan"), "{:?}", names(&found));

    for query in ["jan", "bakker", "ans", "dordrecht", "vries 3311", "mul", "van", "gorinchem"] {
        let words: Vec<String> = query.split_whitespace().map(dutch::fold).collect();
        let matching = people.iter().filter(|p| words.iter().all(|w| p.text.contains(w.as_str()))).count();
        let found = find(&t, query);
        assert_eq!((found.total, found.total_at_least), expected_total(matching), "{query}");
        assert_eq!(found.items.len(), matching.min(SEARCH_LIMIT), "{query}");
    }
}

/// One or two letters find names that start with them, through the name indexes.
#[test]
fn two_letters_give_the_best_fifty_and_a_true_count() {
    let (t, people) = demo_region(3000);
    for query in ["de", "ja", "v", "wi"] {
        let matching = people
            .iter()
            .filter(|p| {
                let (first, last) = (dutch::fold(&p.first), dutch::fold(&p.last));
                first.starts_with(query) || last.starts_with(query) || dutch::surname_parts(&last).1.starts_with(query)
            })
            .count();
        let found = find(&t, query);
        assert!(found.items.len() <= SEARCH_LIMIT);
        assert_eq!(found.items.len(), matching.min(SEARCH_LIMIT), "{query}");
        assert_eq!((found.total, found.total_at_least), expected_total(matching), "{query}");
    }
    // "de v": the surname de Vries, first.
    let found = find(&t, "de v");
    assert!(found.items.iter().take(20).all(|c| c.last_name == "de Vries"), "{:?}", names(&found));
    // Nothing typed: the first 50 by name, and how many there are.
    let all = find(&t, "");
    assert_eq!(all.items.len(), SEARCH_LIMIT);
    assert_eq!((all.total, all.total_at_least), expected_total(people.len()));
}

#[test]
fn the_archive_only_when_asked_and_a_consultant_only_her_caseload() {
    let (t, people) = demo_region(2000);
    let gone = people.iter().find(|p| p.last == "de Vries").unwrap();
    archive_caregiver(t.store.conn(), gone.id, "verhuisd", common::now()).unwrap();
    let query = format!("{} {} {}", gone.first, gone.last, dutch::date_text(gone.born));
    assert!(find(&t, &query).items.iter().all(|c| c.id != gone.id));
    let archived =
        search_caregivers(t.store.conn(), &SearchOptions { query: query.clone(), include_archived: true }).unwrap();
    assert_eq!(archived.items.first().map(|c| (c.id, c.archived)), Some((gone.id, true)));

    // Every seventh caregiver is Sanne's; the cut at 50 comes after that.
    let input = UserInput {
        name: "Sanne".into(),
        role: Some(Role::Consultant),
        password: "sanne-wachtwoord".into(),
        repeat: "sanne-wachtwoord".into(),
    };
    let sanne = access::add_user(t.store.conn(), &input, common::now()).unwrap();
    let mine: Vec<&Person> = people.iter().filter(|p| p.id % 7 == 0 && p.id != gone.id).collect();
    for p in &mine {
        access::add_to_caseload(t.store.conn(), sanne.id, p.id).unwrap();
    }
    for query in ["", "de", "jansen", "dordrecht"] {
        let options = SearchOptions { query: query.into(), include_archived: false };
        let found = search_caregivers_in(t.store.conn(), &options, Scope::CaseloadOf(sanne.id)).unwrap();
        let matching = mine.iter().filter(|p| {
            let w = dutch::fold(query);
            if w.len() < 3 {
                let (first, last) = (dutch::fold(&p.first), dutch::fold(&p.last));
                w.is_empty()
                    || first.starts_with(&w)
                    || last.starts_with(&w)
                    || dutch::surname_parts(&last).1.starts_with(&w)
            } else {
                p.text.contains(&w)
            }
        });
        let matching = matching.count();
        assert!(found.items.iter().all(|c| c.id % 7 == 0), "{query}: someone else's client");
        assert_eq!(found.items.len(), matching.min(SEARCH_LIMIT), "{query}");
        assert_eq!((found.total, found.total_at_least), expected_total(matching), "{query}");
    }
}
