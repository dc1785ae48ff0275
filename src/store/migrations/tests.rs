//! The migrations' checks: released ones are never edited and come in
//! order, the store's code lists equal the types' codes, and the rebuild
//! that added them keeps every row, index, trigger, view and reference.

use super::*;
use crate::codes::{table, CodeTable};
use rusqlite::types::Value;
use std::collections::BTreeSet;

/// Released migrations and the checksum of their text. When this test
/// fails, a released migration was edited: undo that and add a new one.
const RELEASED: &[(i64, &str)] = &[
    (1, "b64da2c0eb01a08ba40e4a0fc8d198589b934110d9c2f1dad1f4a76d6a0a3e6f"),
    (2, "627a13590548d887d82187ea8bc1dc1781646360beaa86993301558b5bb70d53"),
    (3, "72190206b39b7e1f00a04e4e0032674bfa50c57295b0efff7e5965f34544ea2e"),
    (4, "49c5abc6060e221270158172fbaf99462fd77c7a642bde4606528e6462b12b53"),
    (5, "fb874084f58011a64063fb19d4bbd33aa736468a8bcb35917f8b44ea7e3ed4ad"),
    (6, "d9e3a3cb43f911fb72f3031b85b47dba1b61b35f98bffb5c14a2409cc3716586"),
    (7, "cf55d58d582b281a2cd27d08e72ad99a418c905914da14433b59a99e74b9cc92"),
    (8, "92c785c5c505a771cc5c371470fbede518f08fdab6ed9de2cb47d4a2e9e997f2"),
    (9, "05189e2addb431085f922be4c59e2023014541b47f0eb95bc71215840416efb5"),
    (10, "5dae119a08370eae2807210cc75c9bf3fa6b054c8cddee3c9a9f1545e03fa138"),
    (11, "e2109cfebaeb274c9ab2132e8f1842944510c76d459f387fc4a0ff5ea33f6d2a"),
    (12, "d8141e66cd73e8e133c78ce67409eb721a4338be9138e2900dc23a249d0509ca"),
    (13, "ad2c5182b1c9b706f716cc2197f9dc00a525e601f1ec1eb254235c8dab67384b"),
    (14, "b3092d8776c72607f9a69ea42c3109907a433934a536c025459b7d9006c34622"),
    (15, "f48f439d1429f7a96453a22f3c538707488b4691b697312b8d904df49a57fe37"),
    (16, "50b2ba001206719a98fc4eea1c743b3f057c8ccaf7aba68a57260b634785501f"),
    (17, "4cf1a3e4214056766294b6e4aee4afbfd758f4eb1e1347b2e49126245f27ad87"),
    (18, "e61f4968c6c720ddf5daa3b6a4dc20520d003f382532cbd3eb8df2bf6a3fdd9a"),
    (19, "c188d30bc6e5153586dd0b6e52b7c32b96732a658862cdeb38a23c44e1fe0a6f"),
    (20, "947ac601fca3b4f0abe9b060e4689b5d3957479579c75455287aa09bd34fa2b8"),
    (21, "879fd52a3022ec1eb64bd2941d57eff56c3fe858dfb0145ea0833af41c78764a"),
    (22, "7e9ef65730e51c1df37a0e8f10600022bd4982865e2aac792c34cd410ced4777"),
    (23, "08b657edcc36b781ebd449d36624e09c68b2e4a3bc8ef99157aef497738a8100"),
];

#[test]
fn released_migrations_are_never_edited() {
    for (version, expected) in RELEASED {
        let migration = MIGRATIONS.iter().find(|m| m.version == *version);
        let found = migration.map(|m| checksum(m.sql));
        assert_eq!(found.as_deref(), Some(*expected), "migration {version} changed after release");
    }
}

#[test]
fn versions_are_ordered_without_gaps() {
    for (i, m) in MIGRATIONS.iter().enumerate() {
        assert_eq!(m.version, i as i64 + 1, "migration {} out of order", m.name);
    }
}

/// Every column that holds one code, and what guards it in the store:
/// its table's CHECK, or (the audit trail) a trigger.
fn guarded_columns() -> Vec<(&'static str, &'static str, CodeTable)> {
    use crate::{access, audit, export, funding, intake, letter, planning, provider, request};
    vec![
        ("provider", "kind", table::<provider::ProviderKind>()),
        ("provider_service", "form", table::<intake::RespiteForm>()),
        ("provider_service", "unit", table::<provider::Unit>()),
        ("session", "form", table::<intake::RespiteForm>()),
        ("session", "unit", table::<provider::Unit>()),
        ("session", "status", table::<planning::SessionStatus>()),
        ("clash_override", "kind", table::<planning::ClashKind>()),
        ("insurer_scheme", "policy_holder", table::<funding::PolicyHolder>()),
        ("insurer_scheme", "cap_unit", table::<funding::CapUnit>()),
        ("insurer_scheme", "eligibility_rule", table::<funding::EligibilityRule>()),
        ("export_log", "kind", table::<export::ExportKind>()),
        ("export_log", "format", table::<export::ExportFormat>()),
        ("audit_entry_known_action", "action", table::<audit::AuditAction>()),
        ("intake", "status", table::<intake::IntakeStatus>()),
        ("intake", "urgency", table::<intake::Urgency>()),
        ("intake", "helper_gender", table::<intake::HelperGender>()),
        ("app_user", "role", table::<access::Role>()),
        ("helper", "gender", table::<provider::Gender>()),
        ("consent_change", "kind", table::<crate::consent::ConsentKind>()),
        ("request", "referrer", table::<request::Referrer>()),
        ("request", "form", table::<intake::RespiteForm>()),
        ("request", "urgency", table::<intake::Urgency>()),
        ("request", "status", table::<request::RequestStatus>()),
        ("request", "wait_reason", table::<request::WaitReason>()),
        ("request_status_change", "status", table::<request::RequestStatus>()),
        ("request_status_change", "wait_reason", table::<request::WaitReason>()),
        ("letter_log", "kind", table::<letter::LetterKind>()),
    ]
}

/// The codes in `column IN (...)` or `column NOT IN (...)` in `sql`.
fn allowed_codes(sql: &str, column: &str) -> Option<Vec<String>> {
    for pattern in [format!("{column} IN ("), format!("{column} NOT IN (")] {
        for (at, _) in sql.match_indices(&pattern) {
            let before = sql[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let list = &sql[at + pattern.len()..];
            let list = &list[..list.find(')')?];
            return Some(list.split(',').map(|c| c.trim().trim_matches('\'').to_string()).collect());
        }
    }
    None
}

fn migrated() -> Connection {
    let mut conn = Connection::open_in_memory().unwrap();
    conn.pragma_update(None, "foreign_keys", true).unwrap();
    migrate(&mut conn).unwrap();
    conn
}

#[test]
fn the_stores_code_lists_are_the_codes_of_the_types() {
    let conn = migrated();
    for (object, column, codes) in guarded_columns() {
        let sql: String = conn
            .query_row(
                "SELECT sql FROM sqlite_master WHERE name = ?1 AND type IN ('table', 'trigger')",
                [object],
                |r| r.get(0),
            )
            .unwrap_or_else(|e| panic!("{object}: {e}"));
        let found = allowed_codes(&sql, column).unwrap_or_else(|| panic!("{object}.{column} has no list of codes"));
        let expected: Vec<String> = codes.entries.iter().map(|(code, _)| code.to_string()).collect();
        assert_eq!(found, expected, "{object}.{column}: the store's list differs from {}::ALL", codes.name);
    }
}

#[test]
fn the_list_reader_finds_the_column_and_not_a_longer_name() {
    let sql = "CREATE TABLE t (format TEXT CHECK (format IN ('csv')), form TEXT CHECK (form IN ('thuis', '24uurs')))";
    assert_eq!(allowed_codes(sql, "form"), Some(vec!["thuis".to_string(), "24uurs".to_string()]));
    assert_eq!(allowed_codes("WHEN NEW.action NOT IN ('a', 'b')", "action"), Some(vec!["a".into(), "b".into()]));
}

/// A store as version 13 left it, with a row in every rebuilt table.
fn store_of_version_13() -> Connection {
    let conn = Connection::open_in_memory().unwrap();
    conn.pragma_update(None, "foreign_keys", true).unwrap();
    conn.execute_batch(
        "CREATE TABLE schema_migration (version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL,
           applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')))",
    )
    .unwrap();
    for m in MIGRATIONS.iter().filter(|m| m.version <= 13) {
        conn.execute_batch(m.sql).unwrap();
        conn.execute(
            "INSERT INTO schema_migration (version, name, checksum) VALUES (?1, ?2, ?3)",
            params![m.version, m.name, checksum(m.sql)],
        )
        .unwrap();
    }
    conn.execute_batch(
        "INSERT INTO municipality (code, name) VALUES ('GM0505', 'Dordrecht');
         INSERT INTO caregiver (id, first_name, last_name, date_of_birth, postcode, house_number, sort_key,
             twin_key, search_text, created_at, updated_at)
         VALUES (1, 'Ria', 'de Vries', '1958-03-14', '3311 AB', '12', 'k', 't', 's', 'x', 'x');
         INSERT INTO care_recipient (id, first_name, last_name, date_of_birth, postcode, house_number,
             municipality_code, twin_key, created_at, updated_at)
         VALUES (1, 'Truus', 'de Vries', '1931-02-02', '3311 AB', '12', 'GM0505', 't', 'x', 'x');
         INSERT INTO provider (id, name, kind, created_at, updated_at) VALUES (1, 'Aardig', 'vrijwilligers', 'x', 'x');
         INSERT INTO provider (id, name, created_at, updated_at) VALUES (2, 'Zorgzaam', 'x', 'x');
         INSERT INTO provider_municipality VALUES (1, 'GM0505');
         INSERT INTO provider_service (id, provider_id, form, unit) VALUES (1, 1, 'thuis', 'uur'), (2, 2, 'dagopvang', 'dagdeel');
         INSERT INTO tariff (service_id, cents, valid_from) VALUES (1, 4000, '2026-01-01'), (2, 5500, '2026-01-01');
         INSERT INTO helper (id, provider_id, name) VALUES (1, 1, 'Henk');
         INSERT INTO session_series (id, every_weeks, weekdays, first_date, created_at) VALUES (1, 1, '[\"ma\"]', '2026-03-02', 'x');
         INSERT INTO session (id, caregiver_id, recipient_id, provider_id, helper_id, series_id, form, unit, date,
             iso_week, starts_at, ends_at, units, status, created_at, updated_at)
         VALUES (1, 1, 1, 1, 1, 1, 'thuis', 'uur', '2026-03-02', 202610, 100, 280, 0, 'gepland', 'x', 'x'),
                (2, 1, 1, 2, NULL, NULL, 'dagopvang', 'dagdeel', '2026-03-03', 202610, 1000, 1240, 1, 'bevestigd', 'x', 'x'),
                (3, 1, 1, 1, NULL, NULL, 'thuis', 'uur', '2026-03-04', 202610, 2000, 2120, 0, 'uitgevoerd', 'x', 'x');
         UPDATE session SET delivered_minutes = 120, needs_review = 1, statement_ref = 'A-1' WHERE id = 3;
         INSERT INTO clash_override (session_id, kind, detail, reason, decided_at)
         VALUES (1, 'feestdag', 'd', 'r', 'x');
         INSERT INTO ledger_entry (session_id, caregiver_id, funder, year, service_date, booking_date, cents, minutes,
             created_at) VALUES (3, 1, 'VGZ', 2026, '2026-03-04', '2026-03-04', 8000, 120, 'x');
         INSERT INTO export_log (period, kind, format, file_name, sha256, rows, total_cents, exported_at)
         VALUES ('2026-K1', 'verzekeraar', 'csv', 'f.csv', 'h', 1, 8000, 'x');
         INSERT INTO audit_entry (at, actor, action, prev_hash, hash) VALUES ('x', 'a', 'export', 'p', 'h');",
    )
    .unwrap();
    conn
}

/// Everything about the schema except the tables' own CREATE text:
/// indexes, triggers and views as written, and per table its columns
/// and references.
fn schema(conn: &Connection) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut stmt = conn.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name").unwrap();
    let objects: Vec<(String, String, String, Option<String>)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))).unwrap().map(Result::unwrap).collect();
    for (kind, name, table, sql) in objects {
        if kind != "table" {
            out.insert(format!("{kind} {name} on {table}: {sql:?}"));
            continue;
        }
        for pragma in ["table_info", "foreign_key_list", "index_list"] {
            let mut stmt = conn.prepare(&format!("SELECT * FROM pragma_{pragma}(?1)")).unwrap();
            let count = stmt.column_count();
            let rows = stmt
                .query_map([&name], |r| (0..count).map(|i| r.get::<_, Value>(i)).collect::<rusqlite::Result<Vec<_>>>())
                .unwrap();
            for row in rows {
                out.insert(format!("{name} {pragma} {:?}", row.unwrap()));
            }
        }
    }
    out
}

fn rows(conn: &Connection, table: &str) -> Vec<Vec<Value>> {
    let mut stmt = conn.prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2")).unwrap();
    let count = stmt.column_count();
    stmt.query_map([], |r| (0..count).map(|i| r.get::<_, Value>(i)).collect::<rusqlite::Result<Vec<_>>>())
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

const REBUILT: [&str; 6] =
    ["provider", "provider_service", "session", "clash_override", "insurer_scheme", "export_log"];

#[test]
fn adding_the_checks_keeps_every_row_index_trigger_view_and_reference() {
    let mut conn = store_of_version_13();
    let before = schema(&conn);
    let tables: Vec<&str> =
        REBUILT.iter().copied().chain(["tariff", "helper", "ledger_entry", "planned_total"]).collect();
    let data: Vec<_> = tables.iter().map(|t| rows(&conn, t)).collect();
    assert!(data.iter().all(|d| !d.is_empty()));
    migrate_to(&mut conn, 14).unwrap();

    let after = schema(&conn);
    let added: Vec<_> = after.difference(&before).collect();
    assert_eq!(added.len(), 1, "only the audit trigger is new: {added:#?}");
    assert!(added[0].starts_with("trigger audit_entry_known_action on audit_entry"));
    let lost: Vec<_> = before.difference(&after).collect();
    assert!(lost.is_empty(), "lost in the rebuild: {lost:#?}");
    for (table, rows_before) in tables.iter().zip(&data) {
        assert_eq!(&rows(&conn, table), rows_before, "{table}");
    }
    let broken: i64 = conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
    assert_eq!(broken, 0, "every reference still holds");
    let enforced: bool = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
    assert!(enforced, "foreign keys are on again after the migration");
    let orphan = conn.execute("INSERT INTO clash_override (session_id, kind, detail, reason, decided_at) VALUES (99, 'feestdag', '', '', 'x')", []);
    assert!(orphan.is_err(), "and enforced");
    let versions: i64 = conn.query_row("SELECT max(version) FROM schema_migration", [], |r| r.get(0)).unwrap();
    assert_eq!(versions, 14);
}

#[test]
fn the_store_refuses_unknown_codes_and_the_planned_totals_still_follow() {
    let mut conn = store_of_version_13();
    migrate(&mut conn).unwrap();
    for sql in [
        "UPDATE session SET unit = 'xyz' WHERE id = 1",
        "UPDATE session SET status = 'zoek' WHERE id = 1",
        "UPDATE provider_service SET unit = 'minuut' WHERE id = 1",
        "UPDATE provider SET kind = 'anders' WHERE id = 1",
        "UPDATE clash_override SET kind = 'x'",
        "UPDATE insurer_scheme SET cap_unit = 'weken'",
        "UPDATE export_log SET format = 'pdf'",
    ] {
        let err = conn.execute(sql, []).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("CHECK constraint failed"), "{sql}: {err}");
    }
    let err = conn
        .execute(
            "INSERT INTO audit_entry (at, actor, action, prev_hash, hash) VALUES ('x', 'a', 'gekeken', 'p', 'h')",
            [],
        )
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("Onbekende handeling voor het logboek"), "{err}");
    // The triggers made again still keep the planned totals: 3 hours at EUR 40, one dagdeel at EUR 55.
    let planned = |conn: &Connection| -> i64 {
        conn.query_row("SELECT COALESCE(sum(cents), 0) FROM planned_total WHERE year = 2026", [], |r| r.get(0)).unwrap()
    };
    assert_eq!(planned(&conn), 12_000 + 5_500);
    conn.execute("UPDATE session SET status = 'geannuleerd' WHERE id = 2", []).unwrap();
    assert_eq!(planned(&conn), 12_000);
    conn.execute("UPDATE provider_service SET unit = 'dagdeel' WHERE id = 1", []).unwrap();
    let stale: bool = conn.query_row("SELECT stale FROM planned_total_state", [], |r| r.get(0)).unwrap();
    assert!(stale, "a changed service marks the totals stale");
}

#[test]
fn a_rebuild_that_breaks_a_reference_is_not_committed() {
    let mut conn = store_of_version_13();
    let breaking = Migration { version: 99, name: "breaks", sql: "DELETE FROM provider WHERE id = 2;" };
    conn.pragma_update(None, "foreign_keys", false).unwrap();
    let err = apply(&mut conn, &breaking, "x", true).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.starts_with("Migratie 99 (breaks) is niet uitgevoerd: rij "), "{err}");
    assert!(err.contains(" verwijst naar een provider die er niet is."), "{err}");
    let providers: i64 = conn.query_row("SELECT count(*) FROM provider", [], |r| r.get(0)).unwrap();
    assert_eq!(providers, 2, "rolled back");
}

#[test]
fn export_lines_from_before_the_seal_keep_their_values_and_have_none() {
    let mut conn = store_of_version_13();
    migrate(&mut conn).unwrap();
    let line: (i64, Option<i64>, Option<String>) = conn
        .query_row("SELECT total_cents, audit_entries, audit_head FROM export_log", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!(line, (8000, None, None), "an old line is not taken for a seal of an empty trail");
}

/// Caregivers registered before migration 18 get its name keys from their
/// sort key, as the core writes them for new ones.
#[test]
fn the_search_keys_of_existing_caregivers_are_filled_in() {
    let mut conn = Connection::open_in_memory().unwrap();
    migrate_to(&mut conn, 17).unwrap();
    let people = [("Ria", "de Vries"), ("Anouk", "van der Berg"), ("Ümit", "Çelik"), ("Jan Willem", "Jansen")];
    for (id, (first, last)) in people.iter().enumerate() {
        conn.execute(
            "INSERT INTO caregiver (id, first_name, last_name, date_of_birth, postcode, house_number, sort_key,
                 twin_key, search_text, created_at, updated_at)
             VALUES (?1, ?2, ?3, '1958-03-14', '3311 AB', '12', ?4, 't', 's', 'x', 'x')",
            params![id as i64 + 1, first, last, crate::dutch::name_sort_key(first, last)],
        )
        .unwrap();
    }
    // An erased dossier keeps no name.
    conn.execute_batch(
        "INSERT INTO caregiver (id, first_name, last_name, date_of_birth, postcode, house_number, sort_key,
             twin_key, search_text, created_at, updated_at)
         VALUES (9, '', 'Gewist', '1900-01-01', '', '', 'gewist', 'gewist-9', '', 'x', 'x')",
    )
    .unwrap();
    migrate(&mut conn).unwrap();
    let keys: Vec<(String, String)> = conn
        .prepare("SELECT first_key, last_key FROM caregiver ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut expected: Vec<(String, String)> =
        people.iter().map(|(f, l)| (crate::dutch::fold(f), crate::dutch::fold(l))).collect();
    expected.push((String::new(), String::new()));
    assert_eq!(keys, expected);
}

#[test]
fn helpers_of_an_existing_store_keep_their_rows_and_get_no_languages_gender_or_specialisms() {
    let mut conn = Connection::open_in_memory().unwrap();
    conn.pragma_update(None, "foreign_keys", true).unwrap();
    migrate_to(&mut conn, 18).unwrap();
    conn.execute_batch(
        "INSERT INTO provider (id, name, created_at, updated_at) VALUES (1, 'ZorgMies', 'x', 'x');
         INSERT INTO helper (id, provider_id, name, active) VALUES (1, 1, 'Anna', 0);",
    )
    .unwrap();
    migrate(&mut conn).unwrap();
    let row: (String, bool, String, Option<String>, String) = conn
        .query_row("SELECT name, active, languages, gender, specialisms FROM helper WHERE id = 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap();
    assert_eq!(row, ("Anna".into(), false, "[]".into(), None, "[]".into()));
    let refused = conn.execute("UPDATE helper SET gender = 'onbekend' WHERE id = 1", []);
    assert!(refused.is_err(), "the store takes only the genders the app knows");
}
