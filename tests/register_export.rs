//! `respijt export register`: the whole register as CSV for a region that
//! leaves, one person's data for an inzageverzoek; on a real store with
//! demo caregivers, sessions and a ledger.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use std::collections::BTreeSet;
use std::path::Path;

use respijt::access::{Role, UserInput};
use respijt::{commands, demo, import, Error};

/// The rows of a CSV file the export wrote, as header -> value maps.
fn read(path: &Path) -> Vec<std::collections::HashMap<String, String>> {
    let bytes = std::fs::read(path).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{} has a BOM for Excel", path.display());
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(&bytes[3..]);
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| headers.iter().map(String::from).zip(r.unwrap().iter().map(String::from)).collect())
        .collect()
}

fn ids(conn: &rusqlite::Connection, sql: &str) -> BTreeSet<String> {
    conn.prepare(sql)
        .unwrap()
        .query_map([], |r| r.get::<_, i64>(0))
        .unwrap()
        .map(|id| id.unwrap().to_string())
        .collect()
}

#[test]
fn the_whole_register_and_one_persons_data() {
    let mut t = common::store();
    let table = demo::caregiver_table(t.store.conn(), 3, 120).unwrap();
    import::import_caregivers(t.store.conn_mut(), &table, import::ImportOptions::default(), common::now()).unwrap();
    demo::providers_and_sessions(t.store.conn_mut(), 3, 4, 600, common::now()).unwrap();
    let user = |name: &str, role| UserInput {
        name: name.into(),
        role: Some(role),
        password: format!("{name}-wachtwoord-geheim"),
        repeat: format!("{name}-wachtwoord-geheim"),
    };
    commands::add_user(&mut t.store, &user("marieke", Role::Director), common::now()).unwrap();
    commands::add_user(&mut t.store, &user("sanne", Role::Consultant), common::now()).unwrap();
    let conn = t.store.conn();

    // The whole register: every caregiver, recipient, session and ledger line.
    let all = t.dir.path().join("register");
    let made = commands::export_register(&t.store, &all, None, common::now()).unwrap();
    let caregivers = read(&all.join("mantelzorgers.csv"));
    let exported: BTreeSet<String> = caregivers.iter().map(|r| r["id"].clone()).collect();
    assert_eq!(exported, ids(conn, "SELECT id FROM caregiver"), "every caregiver appears");
    assert_eq!(exported.len(), 120);
    assert!(caregivers.iter().all(|r| !r["last_name"].is_empty() && r["phone"].starts_with("+31")));
    assert!(caregivers[0].contains_key("extern_id"));
    assert!(!caregivers[0].contains_key("sort_key") && !caregivers[0].contains_key("search_text"));
    let sessions = read(&all.join("inzetten.csv"));
    assert!(!sessions.is_empty(), "the demo planned sessions");
    assert_eq!(sessions.len(), common::count(&t.store, "session") as usize);
    assert!(
        sessions[0]["begin_datum_tijd"].len() == 16,
        "a start people can read: {}",
        sessions[0]["begin_datum_tijd"]
    );
    let ledger = read(&all.join("grootboek.csv"));
    assert_eq!(ledger.len(), common::count(&t.store, "ledger_entry") as usize);
    assert!(!ledger.is_empty(), "delivered demo sessions are booked");
    assert_eq!(made.rows_of("naasten.csv"), common::count(&t.store, "care_recipient") as usize);
    for file in ["mantelzorger_naaste.csv", "intakes.csv", "belastingmetingen.csv", "aanbieders.csv"] {
        assert!(all.join(file).exists(), "{file}");
    }
    // No secrets: not the users' password hashes, not the settings.
    let hash: String = conn.query_row("SELECT password_hash FROM app_user LIMIT 1", [], |r| r.get(0)).unwrap();
    for entry in std::fs::read_dir(&all).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        assert!(!text.contains(&hash) && !text.contains("argon2"));
    }

    // One person (an inzageverzoek): only that person, with the audit trail about them.
    let person: i64 = conn
        .query_row("SELECT caregiver_id FROM ledger_entry ORDER BY caregiver_id LIMIT 1", [], |r| r.get(0))
        .unwrap();
    let one = t.dir.path().join("inzage");
    commands::export_register(&t.store, &one, Some(person), common::now()).unwrap();
    let me = read(&one.join("mantelzorgers.csv"));
    assert_eq!(me.len(), 1);
    assert_eq!(me[0]["id"], person.to_string());
    for (file, column) in [
        ("inzetten.csv", "caregiver_id"),
        ("grootboek.csv", "caregiver_id"),
        ("mantelzorger_naaste.csv", "caregiver_id"),
        ("intakes.csv", "caregiver_id"),
    ] {
        let rows = read(&one.join(file));
        assert!(rows.iter().all(|r| r[column] == person.to_string()), "{file}: only this person");
    }
    let own_sessions = read(&one.join("inzetten.csv")).len() as i64;
    let expected: i64 =
        conn.query_row("SELECT count(*) FROM session WHERE caregiver_id = ?1", [person], |r| r.get(0)).unwrap();
    assert_eq!(own_sessions, expected, "and all of it");
    assert!(own_sessions > 0);
    let recipients: BTreeSet<String> = read(&one.join("naasten.csv")).iter().map(|r| r["id"].clone()).collect();
    let linked = ids(conn, &format!("SELECT recipient_id FROM caregiver_recipient WHERE caregiver_id = {person}"));
    assert_eq!(recipients, linked, "the recipients of the dossier");
    let trail = std::fs::read_to_string(one.join("logboek.csv")).unwrap();
    assert!(trail.contains("wanneer (UTC)"));

    // Both exports are in the audit trail, with who and what.
    let lines: Vec<(Option<i64>, String, String)> = conn
        .prepare("SELECT caregiver_id, actor, detail FROM audit_entry WHERE action = 'export' ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(lines[0].0, None);
    assert!(lines[0].2.contains("Het hele register") && lines[0].2.contains("120 mantelzorgers"), "{:?}", lines[0]);
    assert_eq!(lines[1].0, Some(person));
    assert!(lines[1].2.contains("Inzageverzoek"));
    assert!(lines[1].1.contains("marieke"), "who exported: {:?}", lines[1]);

    // Someone who does not exist: refused, nothing written.
    let none = t.dir.path().join("niemand");
    assert!(matches!(
        commands::export_register(&t.store, &none, Some(999_999), common::now()),
        Err(Error::NotFound(_))
    ));
    assert!(!none.exists());
}

#[test]
fn only_the_director_exports_the_register() {
    let mut t = common::store();
    let user = |name: &str, role| UserInput {
        name: name.into(),
        role: Some(role),
        password: format!("{name}-wachtwoord-geheim"),
        repeat: format!("{name}-wachtwoord-geheim"),
    };
    commands::add_user(&mut t.store, &user("marieke", Role::Director), common::now()).unwrap();
    commands::add_user(&mut t.store, &user("sanne", Role::Consultant), common::now()).unwrap();
    commands::add_user(&mut t.store, &user("fatima", Role::Finance), common::now()).unwrap();
    for (name, role) in [("sanne", Role::Consultant), ("fatima", Role::Finance)] {
        let mut store = common::open(t.store.path());
        store.sign_in(name, &format!("{name}-wachtwoord-geheim")).unwrap();
        assert_eq!(store.user().map(|u| u.role), Some(role));
        let dir = t.dir.path().join(name);
        let result = commands::export_register(&store, &dir, None, common::now());
        assert!(matches!(result, Err(Error::Forbidden(_))), "{name}: {result:?}");
        assert!(!dir.exists(), "nothing written for {name}");
    }
}
