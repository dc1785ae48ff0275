//! Exports of a period: totals equal the ledger, files that Excel reads,
//! privacy per funder, closing and corrections, byte-identical re-exports.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use calamine::{open_workbook_auto, Data, DataType, Reader};
use chrono::{NaiveDate, TimeZone, Utc};
use respijt::caregiver::{add_recipient, register_caregiver, RecipientInput, RegisterOutcome};
use respijt::export::{export_to_file, ExportFormat, ExportRequest};
use respijt::funding::set_budget;
use respijt::intake::RespiteForm;
use respijt::money::Cents;
use respijt::planning::{plan_session, set_status, PlanOutcome, SessionInput, SessionStatus};
use respijt::provider::{save_provider, ProviderData, ServiceData, Slot, Unit};

struct World {
    t: common::TestStore,
    sessions: Vec<i64>,
}

/// Two caregivers: Ria (VGZ, Dordrecht) and Kees (CZ, Sliedrecht), each with
/// delivered sessions in the first quarter of 2026.
fn world() -> World {
    let t = common::store();
    let conn = t.store.conn();
    let provider = save_provider(
        conn,
        &ProviderData {
            extern_id: Some("P".into()),
            name: "Aardig".into(),
            pc4: "3311".into(),
            availability: Slot::from_mask(i64::MAX),
            municipality_codes: vec!["GM0505".into(), "GM0610".into()],
            services: vec![ServiceData {
                form: RespiteForm::AtHome,
                unit: Unit::Hour,
                tariff: Some((Cents::new(4000), NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), None)),
            }],
            ..Default::default()
        },
        common::now(),
    )
    .unwrap();
    set_budget(conn, "GM0505", 2026, Cents::new(1_000_000), common::now()).unwrap();
    set_budget(conn, "GM0610", 2026, Cents::new(1_000_000), common::now()).unwrap();
    let mut sessions = Vec::new();
    for (first, last, postcode, insurer, extern_id) in
        [("Ria", "de Vries", "3311 AB", "VGZ", "MZ-RIA"), ("Kees", "Bakker", "3361 AB", "CZ", "MZ-KEES")]
    {
        let mut input = common::ria();
        input.first_name = first.into();
        input.last_name = last.into();
        input.postcode = postcode.into();
        input.insurer = insurer.into();
        if first == "Ria" {
            // A policy number with a leading zero, as some insurers issue them.
            input.policy_number = "012345678".into();
        }
        let id = match register_caregiver(conn, &input, false, common::now()).unwrap() {
            RegisterOutcome::Created { id } => id,
            other => panic!("{other:?}"),
        };
        conn.execute("UPDATE caregiver SET extern_id = ?1 WHERE id = ?2", rusqlite::params![extern_id, id]).unwrap();
        // Both agreed to share with funders (without it: tests/consent.rs).
        respijt::consent::change_consent(
            conn,
            id,
            respijt::consent::ConsentKind::Funders,
            true,
            "01-01-2026",
            common::now(),
        )
        .unwrap();
        let recipient = add_recipient(
            conn,
            id,
            &RecipientInput {
                first_name: "Naaste".into(),
                last_name: last.into(),
                date_of_birth: "01-01-1930".into(),
                relationship: "ouder".into(),
                ..Default::default()
            },
            common::now(),
        )
        .unwrap();
        for date in ["06-01-2026", "03-02-2026", "10-03-2026"] {
            let input = SessionInput {
                caregiver_id: id,
                recipient_id: recipient,
                provider_id: provider,
                form: Some(RespiteForm::AtHome),
                date: date.into(),
                start_time: "09:00".into(),
                end_time: "11:30".into(),
                ..Default::default()
            };
            let PlanOutcome::Planned { session_ids, .. } = plan_session(conn, &input, None, common::now()).unwrap()
            else {
                panic!()
            };
            set_status(conn, session_ids[0], SessionStatus::Delivered, None, common::now()).unwrap();
            sessions.push(session_ids[0]);
        }
    }
    World { t, sessions }
}

fn request(period: &str, funder: &str, format: ExportFormat) -> ExportRequest {
    ExportRequest { period: period.into(), funder: funder.into(), format: Some(format), ..Default::default() }
}

fn ledger_total(w: &World, funder: Option<&str>) -> i64 {
    w.t.store
        .conn()
        .query_row(
            "SELECT COALESCE(SUM(cents), 0) FROM ledger_entry WHERE booking_date BETWEEN '2026-01-01' AND '2026-03-31'
             AND (?1 IS NULL OR funder = ?1)",
            [funder],
            |r| r.get(0),
        )
        .unwrap()
}

fn read(path: &std::path::Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "Dutch Excel needs the BOM");
    String::from_utf8(bytes[3..].to_vec()).unwrap()
}

#[test]
fn the_detailed_csv_adds_up_to_the_ledger() {
    let w = world();
    let path = w.t.dir.path().join("q1.csv");
    let result =
        export_to_file(w.t.store.conn(), &request("2026-Q1", "", ExportFormat::Csv), &path, "regisseur", common::now())
            .unwrap();
    assert_eq!(result.total.cents(), ledger_total(&w, None));
    assert_eq!(result.total, Cents::new(6 * 10000), "6 sessions of 2,5 hours at EUR 40");
    let text = read(&path);
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("periode;datum;gemeente;aanbieder;dienst;eenheid;hoeveelheid;minuten;kosten;financier;financier_naam;bedrag;soort;mantelzorger")
    );
    let first = lines.next().unwrap();
    assert!(first.starts_with("2026-Q1;2026-01-06;"), "{first}");
    assert!(first.contains(";2,50;150;100,00;"), "quantity, minutes and cost with a decimal comma: {first}");
    let (data, totals) = text.split_once("\n\n").expect("the totals after one empty line");
    let sum: i64 = data
        .lines()
        .skip(1)
        .map(|l| {
            let amount = l.split(';').nth(11).unwrap().replace(',', "");
            amount.parse::<i64>().unwrap()
        })
        .sum();
    assert_eq!(sum, ledger_total(&w, None), "every figure traces back to the ledger");
    assert_eq!(data.lines().count(), 1 + 6, "the header and one line per entry, no totals among them");
    assert_eq!(totals, "totalen;regels;minuten;bedrag\ntotaal;6;900;600,00\n");
    assert!(!text.contains("MZ-RIA"), "pseudonyms unless an identified export is asked");
}

#[test]
fn the_insurer_sees_only_its_own_insured() {
    let w = world();
    let path = w.t.dir.path().join("vgz.csv");
    let result =
        export_to_file(w.t.store.conn(), &request("2026-Q1", "VGZ", ExportFormat::Csv), &path, "", common::now())
            .unwrap();
    let text = read(&path);
    assert!(text.contains("Ria de Vries") && text.contains(";012345678;"), "{text}");
    assert!(!text.contains("Kees") && !text.contains("Bakker"), "nobody else's data");
    assert!(!text.contains("Naaste"), "nothing about the recipient");
    assert_eq!(result.total.cents(), ledger_total(&w, Some("VGZ")));
    assert_eq!(result.rows, 3);
}

#[test]
fn a_municipality_export_is_pseudonymised_with_totals() {
    let w = world();
    let path = w.t.dir.path().join("dordrecht.csv");
    let result = export_to_file(
        w.t.store.conn(),
        &request("2026-Q1", "Sliedrecht", ExportFormat::Csv),
        &path,
        "",
        common::now(),
    )
    .unwrap();
    let text = read(&path);
    for forbidden in ["Kees", "Bakker", "3361 AB", "3361AB", "1958-03-14", "14-03-1958", "123456789"] {
        assert!(!text.contains(forbidden), "'{forbidden}' must not be in a municipal export:\n{text}");
    }
    assert!(text.contains(";3361;1958;"), "PC4 and birth year instead: {text}");
    assert!(text.contains("\n\ntotalen;dienst;aanbieder;eenheid;hoeveelheid;minuten;bedrag\n"), "{text}");
    assert!(
        text.contains("\nper dienst en aanbieder;thuis;Aardig;uur;7,50;450;300,00\ntotaal;;;;;450;300,00\n"),
        "{text}"
    );
    assert_eq!(result.total.cents(), ledger_total(&w, Some("GM0610")));
}

#[test]
fn the_xlsx_reads_back_with_its_totals_on_a_sheet_of_their_own() {
    let w = world();
    let path = w.t.dir.path().join("q1.xlsx");
    let result =
        export_to_file(w.t.store.conn(), &request("2026-Q1", "", ExportFormat::Xlsx), &path, "", common::now())
            .unwrap();
    let mut workbook = open_workbook_auto(&path).unwrap();
    assert_eq!(workbook.sheet_names(), ["gebruik", "totalen"]);
    let range = workbook.worksheet_range("gebruik").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    assert_eq!(rows[0][11], Data::String("bedrag".into()));
    assert_eq!(rows.len(), 1 + 6, "only the entries under the header");
    assert!(rows[1..].iter().all(|r| r[0] == Data::String("2026-Q1".into())), "no totals row among the data");
    let amounts: f64 = rows[1..].iter().map(|r| r[11].get_float().unwrap()).sum();
    assert!((amounts - 600.0).abs() < 1e-9, "a SUM over the whole column counts every entry once");
    let totals = workbook.worksheet_range(respijt::export::TOTALS_SHEET).unwrap();
    let totals: Vec<&[Data]> = totals.rows().collect();
    assert_eq!(totals[0], [Data::String("totalen".into()), "regels".into(), "minuten".into(), "bedrag".into()]);
    assert_eq!(totals[1][0], Data::String("totaal".into()));
    assert_eq!(totals[1][1].get_float(), Some(6.0));
    assert_eq!(totals[1][3].get_float(), Some(600.0));
    assert_eq!(result.total, Cents::new(60000));
}

/// The XML of one part of an XLSX file.
fn xlsx_part(path: &std::path::Path, part: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    std::io::read_to_string(zip.by_name(part).unwrap()).unwrap()
}

#[test]
fn the_xlsx_has_date_cells_amounts_and_identifiers_as_text() {
    let w = world();
    let path = w.t.dir.path().join("vgz.xlsx");
    export_to_file(w.t.store.conn(), &request("2026-Q1", "VGZ", ExportFormat::Xlsx), &path, "", common::now()).unwrap();
    let mut workbook = open_workbook_auto(&path).unwrap();
    let range = workbook.worksheet_range_at(0).unwrap().unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    let column = |name: &str| rows[0].iter().position(|c| c == &Data::String(name.into())).unwrap();
    let first = rows[1];
    assert_eq!(first[column("polisnummer")], Data::String("012345678".into()), "the leading zero stays");
    let date = |cell: &Data| match cell {
        Data::DateTime(d) => d.as_datetime().map(|d| d.date()),
        other => panic!("a date cell, not {other:?}"),
    };
    assert_eq!(date(&first[column("geboortedatum")]), NaiveDate::from_ymd_opt(1958, 3, 14));
    assert_eq!(date(&first[column("datum")]), NaiveDate::from_ymd_opt(2026, 1, 6));
    assert_eq!(first[column("bedrag")], Data::Float(100.0));
    assert_eq!(first[column("minuten")], Data::Float(150.0));
    assert_eq!(first[column("hoeveelheid")], Data::Float(2.5));

    // How Excel and LibreOffice show them: a Dutch date, two decimals, text
    // identifiers, the header frozen with a filter over the data.
    let styles = xlsx_part(&path, "xl/styles.xml");
    for code in ["formatCode=\"dd-mm-yyyy\"", "formatCode=\"#,##0.00\"", "formatCode=\"0.00\""] {
        assert!(styles.contains(code), "{code} in {styles}");
    }
    let sheet = xlsx_part(&path, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"),
        "{sheet}"
    );
    assert!(sheet.contains("<autoFilter ref=\"A1:L4\"/>"), "the filter covers the header and the 3 entries: {sheet}");
}

/// `1234,56` or `150` as a spreadsheet reads a cell: a number, else nothing.
fn number(cell: &str) -> Option<f64> {
    let plain = cell.replace(',', ".");
    (!plain.is_empty() && plain.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-'))
        .then(|| plain.parse().ok())
        .flatten()
}

#[test]
fn a_sum_over_a_whole_csv_column_counts_every_entry_once() {
    let w = world();
    let dir = w.t.dir.path();
    let mut summary = request("2026-Q1", "", ExportFormat::Csv);
    summary.summary = true;
    for (name, req, ledger) in [
        ("alle", request("2026-Q1", "", ExportFormat::Csv), ledger_total(&w, None)),
        ("vgz", request("2026-Q1", "VGZ", ExportFormat::Csv), ledger_total(&w, Some("VGZ"))),
        ("sliedrecht", request("2026-Q1", "Sliedrecht", ExportFormat::Csv), ledger_total(&w, Some("GM0610"))),
        ("regio", summary.clone(), ledger_total(&w, None)),
    ] {
        let path = dir.join(format!("{name}.csv"));
        export_to_file(w.t.store.conn(), &req, &path, "", common::now()).unwrap();
        let text = read(&path);
        let lines: Vec<Vec<&str>> = text.lines().map(|l| l.split(';').collect()).collect();
        let header = &lines[0];
        let end = lines.iter().position(|l| l == &[""]).expect("an empty line before the totals");
        assert_eq!(lines[end + 1][0], "totalen", "{name}: a marked block after the empty line");
        // What `=SOM(L:L)` gives over the whole column, and over the data rows alone.
        for (col, title) in header.iter().enumerate() {
            let whole: f64 = lines[1..].iter().filter_map(|l| l.get(col).and_then(|c| number(c))).sum();
            let data: f64 = lines[1..end].iter().filter_map(|l| l.get(col).and_then(|c| number(c))).sum();
            if ["bedrag", "minuten", "hoeveelheid", "kosten", "dagen", "uren", "mantelzorgers"].contains(title) {
                assert_eq!(whole, data, "{name}: the totals stay out of the column '{title}'");
            }
            if *title == "bedrag" {
                assert!((data * 100.0 - ledger as f64).abs() < 1e-6, "{name}: {data} against {ledger} cents");
            }
        }
    }
}

#[test]
fn a_closed_period_exports_to_the_same_bytes_and_later_changes_are_corrections() {
    let w = world();
    let conn = w.t.store.conn();
    let dir = w.t.dir.path();
    let mut closing = request("2026-Q1", "", ExportFormat::Csv);
    closing.final_export = true;
    let first = export_to_file(conn, &closing, &dir.join("a.csv"), "regisseur", common::now()).unwrap();
    assert!(first.closed);
    let xlsx_a =
        export_to_file(conn, &request("2026-Q1", "", ExportFormat::Xlsx), &dir.join("a.xlsx"), "", common::now())
            .unwrap();

    // A change after closing: the first session took an hour more.
    let later = Utc.with_ymd_and_hms(2026, 4, 15, 9, 0, 0).unwrap();
    set_status(conn, w.sessions[0], SessionStatus::Delivered, Some(210), later).unwrap();

    let again =
        export_to_file(conn, &request("2026-Q1", "", ExportFormat::Csv), &dir.join("b.csv"), "", later).unwrap();
    assert_eq!(std::fs::read(dir.join("a.csv")).unwrap(), std::fs::read(dir.join("b.csv")).unwrap());
    assert_eq!(first.sha256, again.sha256);
    let xlsx_b =
        export_to_file(conn, &request("2026-Q1", "", ExportFormat::Xlsx), &dir.join("b.xlsx"), "", later).unwrap();
    assert_eq!(xlsx_a.sha256, xlsx_b.sha256, "the XLSX of a closed period is byte-identical too");

    let april =
        export_to_file(conn, &request("2026-04", "", ExportFormat::Csv), &dir.join("april.csv"), "", later).unwrap();
    let text = read(&dir.join("april.csv"));
    let corrections: Vec<&str> = text.lines().filter(|l| l.contains(";correctie;")).collect();
    assert_eq!(corrections.len(), 2, "reverse and replace: {text}");
    assert!(corrections[0].contains(";-100,00;"), "{}", corrections[0]);
    assert!(corrections[1].contains(";140,00;"), "{}", corrections[1]);
    assert_eq!(april.total, Cents::new(4000), "the net change lands in the open period");

    let logged: i64 =
        conn.query_row("SELECT COUNT(*) FROM export_log WHERE period = '2026-Q1'", [], |r| r.get(0)).unwrap();
    assert_eq!(logged, 4);
}

#[test]
fn the_regional_summary_and_the_printable_page() {
    let w = world();
    let dir = w.t.dir.path();
    let mut summary = request("2026-Q1", "", ExportFormat::Csv);
    summary.summary = true;
    let result = export_to_file(w.t.store.conn(), &summary, &dir.join("regio.csv"), "", common::now()).unwrap();
    let text = read(&dir.join("regio.csv"));
    assert!(text.contains("2026-Q1;GM0505;Dordrecht;VGZ;"), "{text}");
    assert!(text.ends_with("\n\ntotalen;bedrag;uren;dagen;mantelzorgers\ntotaal;600,00;15,00;3;2\n"), "{text}");
    assert_eq!(result.total, Cents::new(60000));
    let mut html = summary.clone();
    html.format = Some(ExportFormat::Html);
    export_to_file(w.t.store.conn(), &html, &dir.join("regio.html"), "", common::now()).unwrap();
    let page = std::fs::read_to_string(dir.join("regio.html")).unwrap();
    assert!(page.contains("<svg") && page.contains("Dordrecht") && page.contains("€\u{a0}300,00"), "{page}");
}

/// Printed on paper, "€" and its number stay together: a no-break space
/// between them and amount cells that never wrap.
#[test]
fn the_printed_summary_keeps_each_amount_on_one_line() {
    let w = world();
    let dir = w.t.dir.path();
    let mut html = request("2026-Q1", "", ExportFormat::Html);
    html.summary = true;
    export_to_file(w.t.store.conn(), &html, &dir.join("regio.html"), "", common::now()).unwrap();
    let page = std::fs::read_to_string(dir.join("regio.html")).unwrap();
    let amounts: Vec<&str> = page.match_indices('€').map(|(i, _)| &page[i..(i + 12).min(page.len())]).collect();
    assert!(amounts.len() >= 2, "no amounts in {page}");
    for amount in &amounts {
        let after = amount['€'.len_utf8()..].chars().next();
        assert_eq!(after, Some('\u{a0}'), "a breakable space after € in {amount:?}");
    }
    assert!(page.contains("td.n{text-align:right;white-space:nowrap}"), "amount cells may wrap: {page}");
}

#[test]
fn an_unknown_period_or_funder_is_refused() {
    let w = world();
    let path = w.t.dir.path().join("x.csv");
    let err = export_to_file(w.t.store.conn(), &request("2026-Q7", "", ExportFormat::Csv), &path, "", common::now())
        .unwrap_err();
    assert!(err.to_string().contains("Onbekende periode"), "{err}");
    let err =
        export_to_file(w.t.store.conn(), &request("2026-Q1", "ACME", ExportFormat::Csv), &path, "", common::now())
            .unwrap_err();
    assert!(err.to_string().contains("Onbekende financier"), "{err}");
    assert!(!path.exists());
}
