#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use respijt::import::{import_caregivers, read_table, read_table_bytes, ImportOptions};

fn file_with(rows: &[String]) -> String {
    let mut text = String::from(common::HEADER);
    for r in rows {
        text.push('\n');
        text.push_str(r);
    }
    text.push('\n');
    text
}

#[test]
fn one_bad_row_and_nothing_is_written_every_bad_row_named() {
    let mut t = common::store();
    let mut rows: Vec<String> = (1..=10).map(common::row).collect();
    rows[2] = rows[2].replace("3311 AB", "3311 SA"); // row 3: postcode
    rows[6] = rows[6].replace("01-01-1960", "31-02-1960"); // row 7: date that does not exist
    rows[8] = rows[8].replace(";ja;", ";misschien;"); // row 9: aanvullend
    let table = read_table_bytes("m.csv", file_with(&rows).as_bytes()).unwrap();
    let report = import_caregivers(t.store.conn_mut(), &table, ImportOptions::default(), common::now()).unwrap();
    assert_eq!(report.imported, 0);
    let named: Vec<(usize, &str)> = report.rejected.iter().map(|e| (e.row, e.column.as_str())).collect();
    assert_eq!(named, [(3, "postcode"), (7, "geboortedatum"), (9, "aanvullend")]);
    assert!(report.rejected.iter().all(|e| !e.message.is_empty()));
    assert_eq!(common::count(&t.store, "caregiver"), 0);
    assert_eq!(common::count(&t.store, "care_recipient"), 0);
}

#[test]
fn skip_invalid_imports_exactly_the_other_rows() {
    let mut t = common::store();
    let mut rows: Vec<String> = (1..=10).map(common::row).collect();
    rows[4] = rows[4].replace("06-12340005", "06-12"); // row 5: phone
    let table = read_table_bytes("m.csv", file_with(&rows).as_bytes()).unwrap();
    let report = import_caregivers(
        t.store.conn_mut(),
        &table,
        ImportOptions { skip_invalid: true, ..Default::default() },
        common::now(),
    )
    .unwrap();
    assert_eq!(report.imported, 9);
    assert_eq!(report.rejected_rows(), [5]);
    assert_eq!(report.rejected[0].column, "telefoon");
    let ids: Vec<String> = t
        .store
        .conn()
        .prepare("SELECT extern_id FROM caregiver ORDER BY extern_id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(!ids.contains(&"MEE-0005".to_string()));
    assert_eq!(ids.len(), 9);
}

#[test]
fn importing_again_creates_no_duplicates_and_a_changed_row_updates() {
    let mut t = common::store();
    let rows: Vec<String> = (1..=5).map(common::row).collect();
    let table = read_table_bytes("m.csv", file_with(&rows).as_bytes()).unwrap();
    let first = import_caregivers(t.store.conn_mut(), &table, ImportOptions::default(), common::now()).unwrap();
    assert_eq!((first.created, first.updated), (5, 0));
    let again = import_caregivers(t.store.conn_mut(), &table, ImportOptions::default(), common::now()).unwrap();
    assert_eq!((again.created, again.updated), (0, 5));
    assert_eq!(common::count(&t.store, "caregiver"), 5);
    assert_eq!(common::count(&t.store, "care_recipient"), 5);

    let mut changed = rows.clone();
    changed[0] = changed[0].replace("3311 AB", "3361 AB");
    let table = read_table_bytes("m.csv", file_with(&changed).as_bytes()).unwrap();
    import_caregivers(t.store.conn_mut(), &table, ImportOptions::default(), common::now()).unwrap();
    let municipality: String = t
        .store
        .conn()
        .query_row("SELECT municipality_code FROM caregiver WHERE extern_id = 'MEE-0001'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(municipality, "GM0610", "moved to Sliedrecht");
    assert_eq!(common::count(&t.store, "caregiver"), 5);
}

#[test]
fn two_rows_of_one_caregiver_give_two_recipients() {
    let mut t = common::store();
    let second = common::row(1).replace("Naaste1", "Tweede").replace(";ouder;", ";kind;");
    let table = read_table_bytes("m.csv", file_with(&[common::row(1), second]).as_bytes()).unwrap();
    let report = import_caregivers(t.store.conn_mut(), &table, ImportOptions::default(), common::now()).unwrap();
    assert_eq!((report.imported, report.created), (2, 1));
    assert_eq!(common::count(&t.store, "caregiver"), 1);
    assert_eq!(common::count(&t.store, "caregiver_recipient"), 2);
}

#[test]
fn comma_separated_bom_any_column_order_and_unknown_columns() {
    let mut t = common::store();
    let text = "\u{feff}achternaam,voornaam,extern_id,geboortedatum,postcode,huisnummer,lievelingskleur\nde Vries,Ria,X1,1958-03-14,3311ab,12a,blauw\n";
    let table = read_table_bytes("m.csv", text.as_bytes()).unwrap();
    let report = import_caregivers(t.store.conn_mut(), &table, ImportOptions::default(), common::now()).unwrap();
    assert_eq!(report.imported, 1);
    assert!(report.warnings.iter().any(|w| w.contains("lievelingskleur")), "{:?}", report.warnings);
    let (first, house): (String, String) = t
        .store
        .conn()
        .query_row("SELECT first_name, house_number FROM caregiver", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!((first.as_str(), house.as_str()), ("Ria", "12a"));
}

#[test]
fn a_file_without_the_key_columns_is_refused_whole() {
    let mut t = common::store();
    let table = read_table_bytes("m.csv", b"voornaam;achternaam\nRia;de Vries\n").unwrap();
    let err = import_caregivers(t.store.conn_mut(), &table, ImportOptions::default(), common::now()).unwrap_err();
    assert!(err.to_string().contains("extern_id"), "{err}");
}

#[test]
fn xlsx_with_real_dates_and_numbers_is_imported() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut t = common::store();
    let path = t.dir.path().join("mantelzorgers.xlsx");
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let date = Format::new().set_num_format("dd-mm-yyyy");
    for (col, name) in common::HEADER.split(';').enumerate() {
        sheet.write_string(0, col as u16, name).unwrap();
    }
    sheet.write_string(1, 0, "XL-1").unwrap();
    sheet.write_string(1, 1, "Fatima").unwrap();
    sheet.write_string(1, 2, "El Amrani").unwrap();
    sheet.write_datetime_with_format(1, 3, ExcelDateTime::from_ymd(1971, 5, 4).unwrap(), &date).unwrap();
    sheet.write_string(1, 4, "3362 AB").unwrap();
    sheet.write_number(1, 5, 7).unwrap();
    sheet.write_number(1, 6, 612345678).unwrap(); // Excel dropped the leading 0
    sheet.write_string(1, 10, "ja").unwrap();
    sheet.write_number(1, 11, 12.5).unwrap();
    workbook.save(&path).unwrap();

    let table = read_table(&path).unwrap();
    let report = import_caregivers(t.store.conn_mut(), &table, ImportOptions::default(), common::now()).unwrap();
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    let (dob, phone, minutes): (String, String, i64) = t
        .store
        .conn()
        .query_row("SELECT date_of_birth, phone, care_minutes_per_week FROM caregiver", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!((dob.as_str(), phone.as_str(), minutes), ("1971-05-04", "+31612345678", 750));
}

/// LibreOffice, saving with its default settings, turns `+31 6 1234 5678`
/// into the figure 31612345678; the number it was is read back.
#[test]
fn xlsx_phone_saved_as_a_figure_with_country_code_is_the_number_it_was() {
    use rust_xlsxwriter::Workbook;
    let mut t = common::store();
    let path = t.dir.path().join("libreoffice.xlsx");
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (col, name) in common::HEADER.split(';').enumerate() {
        sheet.write_string(0, col as u16, name).unwrap();
    }
    for (row, (id, phone)) in [("LO-1", 31612345678.0), ("LO-2", 31786123456.0)].into_iter().enumerate() {
        let r = row as u32 + 1;
        sheet.write_string(r, 0, id).unwrap();
        sheet.write_string(r, 1, "Anja").unwrap();
        sheet.write_string(r, 2, format!("de Wit {r}")).unwrap();
        sheet.write_string(r, 3, "04-05-1971").unwrap();
        sheet.write_string(r, 4, "3362 AB").unwrap();
        sheet.write_number(r, 5, 7).unwrap();
        sheet.write_number(r, 6, phone).unwrap();
        sheet.write_string(r, 10, "ja").unwrap();
        sheet.write_number(r, 11, 12).unwrap();
    }
    workbook.save(&path).unwrap();

    let table = read_table(&path).unwrap();
    let report = import_caregivers(t.store.conn_mut(), &table, ImportOptions::default(), common::now()).unwrap();
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    let phones: Vec<String> = t
        .store
        .conn()
        .prepare("SELECT phone FROM caregiver ORDER BY extern_id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(phones, ["+31612345678", "+31786123456"]);
    assert_eq!(respijt::dutch::display_phone(&phones[0]), "06 12345678");
}
