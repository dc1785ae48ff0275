//! `respijt import providers`: the columns the provider form has (issue 14):
//! availability, places per day, funders and helpers; a re-import by the
//! provider's own code updates it; a bad row is named and nothing written.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use respijt::import::{read_table, read_table_bytes, ImportOptions};
use respijt::intake::{Daypart, RecipientSituation, Weekday};
use respijt::provider::{find_by_extern_id, get_provider, import_providers, Gender, Provider, Slot};

const HEADER: &str =
    "extern_id;naam;soort;dienst;eenheid;tarief;geldig_vanaf;gemeenten;beschikbaarheid;plaatsen_per_dag;financiers;hulpen";

fn import(t: &mut common::TestStore, text: &str) -> respijt::import::ImportReport {
    let table = read_table_bytes("aanbieders.csv", text.as_bytes()).unwrap();
    import_providers(t.store.conn_mut(), &table, ImportOptions::default(), common::now()).unwrap()
}

fn provider(t: &common::TestStore, extern_id: &str) -> Provider {
    get_provider(t.store.conn(), find_by_extern_id(t.store.conn(), extern_id).unwrap().expect("imported")).unwrap()
}

fn slot(day: Weekday, daypart: Daypart) -> Slot {
    Slot { day, daypart }
}

#[test]
fn the_new_columns_are_imported_and_a_reimport_updates_the_provider() {
    let mut t = common::store();
    let text = format!(
        "{HEADER}\n\
         DO-1;De Ontmoeting;professioneel;dagopvang;dagdeel;45,00;01-01-2026;Dordrecht;ma-ochtend,ma-middag;12;VGZ, Dordrecht;Anna (nl, tr / v / dementie) | Piet\n\
         DO-1;De Ontmoeting;professioneel;thuis;uur;30,00;01-01-2026;Dordrecht;di-ochtend;;Fonds Zorgzaam;\n"
    );
    let report = import(&mut t, &text);
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    assert_eq!((report.created, report.updated), (1, 0));
    let p = provider(&t, "DO-1");
    assert_eq!(
        p.availability,
        [
            slot(Weekday::Monday, Daypart::Morning),
            slot(Weekday::Monday, Daypart::Afternoon),
            slot(Weekday::Tuesday, Daypart::Morning)
        ],
        "the availability of both rows"
    );
    assert_eq!(p.places_per_day, Some(12));
    assert_eq!(p.funders, ["Fonds Zorgzaam", "GM0505", "VGZ"]);
    let helpers: Vec<&str> = p.helpers.iter().map(|h| h.name.as_str()).collect();
    assert_eq!(helpers, ["Anna", "Piet"]);
    assert_eq!(p.helpers[0].languages, ["nl", "tr"]);
    assert_eq!(p.helpers[0].gender, Some(Gender::Female));
    assert_eq!(p.helpers[0].specialisms, [RecipientSituation::Dementia]);

    // The same code again: updated, not doubled. What the file leaves empty stays.
    let again = format!(
        "{HEADER}\n\
         DO-1;De Ontmoeting Dordrecht;professioneel;dagopvang;dagdeel;45,00;01-01-2026;;wo-avond;;;Anna (ar)\n"
    );
    let report = import(&mut t, &again);
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    assert_eq!((report.created, report.updated), (0, 1));
    let p = provider(&t, "DO-1");
    assert_eq!(p.name, "De Ontmoeting Dordrecht");
    assert_eq!(p.availability, [slot(Weekday::Wednesday, Daypart::Evening)], "the file's availability replaces it");
    assert_eq!(p.places_per_day, Some(12), "empty: kept");
    assert_eq!(p.funders.len(), 3, "empty: kept");
    assert_eq!(p.helpers.len(), 2, "Anna updated, Piet kept");
    assert_eq!(p.helpers[0].languages, ["ar"]);
    let ids: i64 =
        t.store.conn().query_row("SELECT COUNT(*) FROM provider WHERE extern_id = 'DO-1'", [], |r| r.get(0)).unwrap();
    assert_eq!(ids, 1);
}

#[test]
fn a_bad_row_is_named_by_row_and_column_and_nothing_is_written() {
    let mut t = common::store();
    let text = format!(
        "{HEADER}\n\
         OK-1;Goed;professioneel;thuis;uur;30,00;01-01-2026;Dordrecht;ma-ochtend;;;Anna\n\
         FO-1;Fout;professioneel;thuis;uur;30,00;01-01-2026;Dordrecht;maandag-ochtnd;veel;;Anna (nl / zwemmen)\n"
    );
    let report = import(&mut t, &text);
    let named: Vec<(usize, &str)> = report.rejected.iter().map(|e| (e.row, e.column.as_str())).collect();
    assert_eq!(named, [(2, "beschikbaarheid"), (2, "plaatsen_per_dag"), (2, "hulpen")]);
    assert!(report.rejected[0].message.contains("'maandag-ochtnd' is geen dag met dagdeel"), "{:?}", report.rejected);
    assert!(report.rejected[2].message.contains("'zwemmen' bij hulp Anna"), "{:?}", report.rejected);
    assert_eq!(report.imported, 0);
    assert!(find_by_extern_id(t.store.conn(), "OK-1").unwrap().is_none(), "all or nothing");
}

#[test]
fn an_xlsx_file_has_the_same_columns() {
    use rust_xlsxwriter::Workbook;
    let mut t = common::store();
    let path = t.dir.path().join("aanbieders.xlsx");
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (col, name) in HEADER.split(';').enumerate() {
        sheet.write_string(0, col as u16, name).unwrap();
    }
    let cells =
        ["XL-1", "Logeerhuis", "professioneel", "logeeropvang", "etmaal", "", "", "Zwijndrecht", "za-nacht, zo-nacht"];
    for (col, value) in cells.iter().enumerate() {
        sheet.write_string(1, col as u16, *value).unwrap();
    }
    sheet.write_number(1, 9, 4).unwrap();
    sheet.write_string(1, 10, "GM0642").unwrap();
    sheet.write_string(1, 11, "Mo (m; ar)").unwrap();
    workbook.save(&path).unwrap();

    let table = read_table(&path).unwrap();
    let report = import_providers(t.store.conn_mut(), &table, ImportOptions::default(), common::now()).unwrap();
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    let p = provider(&t, "XL-1");
    assert_eq!(p.availability, [slot(Weekday::Saturday, Daypart::Night), slot(Weekday::Sunday, Daypart::Night)]);
    assert_eq!((p.places_per_day, p.funders.as_slice()), (Some(4), ["GM0642".to_string()].as_slice()));
    assert_eq!((p.helpers[0].name.as_str(), p.helpers[0].gender), ("Mo", Some(Gender::Male)));
}

#[test]
fn the_base_distance_and_contact_are_imported_and_a_bad_phone_is_named() {
    let mut t = common::store();
    let header =
        "extern_id;naam;dienst;eenheid;gemeenten;postcode_vestiging;max_afstand_km;contactpersoon;telefoon;email";
    let report = import(
        &mut t,
        &format!("{header}\nBZ-1;Buurtzorg;thuis;uur;Sliedrecht;3361 AB;12;Mies;06-11223344;plan@bz.nl\n"),
    );
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    let p = provider(&t, "BZ-1");
    assert_eq!((p.pc4.as_str(), p.max_distance_km), ("3361", 12));
    assert_eq!((p.contact_name.as_str(), p.phone.as_str(), p.email.as_str()), ("Mies", "+31611223344", "plan@bz.nl"));

    let report = import(&mut t, &format!("{header}\nBZ-1;Buurtzorg;thuis;uur;;0361;;;12345;\n"));
    let named: Vec<(usize, &str)> = report.rejected.iter().map(|e| (e.row, e.column.as_str())).collect();
    assert_eq!(named, [(1, "postcode_vestiging"), (1, "telefoon")]);
    assert_eq!(provider(&t, "BZ-1").phone, "+31611223344", "nothing written");
}
