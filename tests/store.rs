#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use respijt::store::{applied_checksums, MIGRATIONS};
use respijt::Store;

#[test]
fn a_new_store_is_migrated_and_seeded_with_the_region() {
    let t = common::store();
    let applied = applied_checksums(t.store.conn()).unwrap();
    assert_eq!(applied.len(), MIGRATIONS.len());
    let municipalities = respijt::region::list_municipalities(t.store.conn()).unwrap();
    assert_eq!(municipalities.len(), 10, "Waardenland has ten municipalities");
    assert!(municipalities.iter().any(|m| m.code == "GM0505" && m.name == "Dordrecht"));
    assert_eq!(common::count(&t.store, "postcode_area"), 105, "89 residential + 16 PO-box postcodes");
}

/// Opening only opens: seeding is the separate step the app and the CLI take.
#[test]
fn opening_a_store_seeds_nothing_until_it_is_made_ready() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("kaal.db"), &common::passphrase()).unwrap();
    assert_eq!(common::count(&store, "municipality"), 0);
    assert_eq!(common::count(&store, "provider"), 0);
    let store = respijt::bootstrap::ready(store).unwrap();
    assert_eq!(common::count(&store, "municipality"), 10);
    assert!(common::count(&store, "provider") > 0, "the example providers of a new store");
}

#[test]
fn connection_setup_is_wal_with_foreign_keys() {
    let t = common::store();
    let mode: String = t.store.conn().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    let fk: i64 = t.store.conn().query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    assert_eq!(fk, 1);
}

#[test]
fn reopening_keeps_data_and_runs_nothing_twice() {
    let t = common::store();
    let path = t.store.path().to_path_buf();
    respijt::caregiver::register_caregiver(t.store.conn(), &common::ria(), false, common::now()).unwrap();
    drop(t.store);
    let again = common::open(&path);
    assert_eq!(common::count(&again, "caregiver"), 1);
    assert_eq!(common::count(&again, "schema_migration"), MIGRATIONS.len() as i64);
}

#[test]
fn a_store_whose_migration_history_differs_is_refused() {
    let t = common::store();
    let path = t.store.path().to_path_buf();
    t.store.conn().execute("UPDATE schema_migration SET checksum = 'x' WHERE version = 1", []).unwrap();
    drop(t.store);
    let err = Store::open(&path, &common::passphrase()).err().expect("a changed migration must be refused");
    assert!(err.to_string().contains("andere versie van migratie 1"), "{err}");
}

#[test]
fn another_region_can_be_loaded_and_addresses_follow() {
    let t = common::store();
    let id = match respijt::caregiver::register_caregiver(t.store.conn(), &common::ria(), false, common::now()).unwrap()
    {
        respijt::caregiver::RegisterOutcome::Created { id } => id,
        other => panic!("{other:?}"),
    };
    // A made-up region that puts 3311 in another municipality.
    let csv = "pc4,woonplaats,gemeente,gm_code,provincie,soort,inwoners_2021,lat,lon\n3311,Elders,Anderstad,GM9999,Utrecht,woon,100,52.0,5.0\n";
    let summary = respijt::region::load_region(t.store.conn(), csv).unwrap();
    assert_eq!((summary.municipalities, summary.postcodes), (1, 1));
    let dossier = respijt::caregiver::dossier(t.store.conn(), id).unwrap();
    assert_eq!(dossier.caregiver.municipality.map(|m| m.name).as_deref(), Some("Anderstad"));
}
