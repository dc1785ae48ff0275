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
        let id = match register_caregiver(conn, &input, false, common::now()).unwrap() {
            RegisterOutcome::Created { id } => id,
            other => panic!("{other:?}"),
        };
        conn.execute("UPDATE caregiver SET extern_id = ?1 WHERE id = ?2", rusqlite::params![extern_id, id]).unwrap();
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
    let sum: i64 = text
        .lines()
        .skip(1)
        .filter(|l| !l.starts_with("totaal"))
        .map(|l| {
            let amount = l.split(';').nth(11).unwrap().replace(',', "");
            amount.parse::<i64>().unwrap()
        })
        .sum();
    assert_eq!(sum, ledger_total(&w, None), "every figure traces back to the ledger");
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
    assert!(text.contains("Ria de Vries") && text.contains("123456789"), "{text}");
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
    assert!(text.contains("totaal per dienst en aanbieder;;;;;Aardig;thuis;uur;7,50;450;300,00;totaal"), "{text}");
    assert_eq!(result.total.cents(), ledger_total(&w, Some("GM0610")));
}

#[test]
fn the_xlsx_reads_back_with_its_totals() {
    let w = world();
    let path = w.t.dir.path().join("q1.xlsx");
    let result =
        export_to_file(w.t.store.conn(), &request("2026-Q1", "", ExportFormat::Xlsx), &path, "", common::now())
            .unwrap();
    let mut workbook = open_workbook_auto(&path).unwrap();
    let range = workbook.worksheet_range_at(0).unwrap().unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    assert_eq!(rows[0][11], Data::String("bedrag".into()));
    let amounts: f64 = rows[1..rows.len() - 1].iter().map(|r| r[11].get_float().unwrap_or(0.0)).sum();
    let total_row = rows.last().unwrap();
    assert_eq!(total_row[0], Data::String("totaal".into()));
    assert_eq!(total_row[11].get_float(), Some(600.0));
    assert!((amounts - 600.0).abs() < 1e-9);
    assert_eq!(result.total, Cents::new(60000));
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
    assert!(text.lines().last().unwrap().starts_with("totaal;;;;;600,00;15,00;3;2"), "{text}");
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
