//! Every importer, fed mangled files: valid ones with bytes flipped, fields
//! cut, lines doubled and swapped, odd characters and numbers put in, CSV
//! and XLSX, and plain noise. None may panic, and whatever it refuses
//! leaves the store exactly as it was (all or nothing).
//!
//! The seed is random per run and printed with any failure; set
//! `RESPIJT_FUZZ_SEED` to replay one, `RESPIJT_FUZZ_CASES` for a longer run.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use std::panic::{catch_unwind, AssertUnwindSafe};

use respijt::import::{read_table_bytes, ImportOptions, ImportReport};
use respijt::Store;

type Importer = fn(&mut Store, &[u8], &str) -> respijt::Result<Option<ImportReport>>;

// A test is an edge: how long to fuzz, and a seed to replay, come from the environment.
#[allow(clippy::disallowed_methods)]
fn cases() -> usize {
    std::env::var("RESPIJT_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(150)
}

#[allow(clippy::disallowed_methods)]
fn seed() -> u64 {
    std::env::var("RESPIJT_FUZZ_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or_else(|| fastrand::u64(..))
}

const ODD: &[&str] = &[
    ";",
    "\"",
    "\"\"",
    "\n",
    "\r\n",
    "\r",
    "\t",
    ",",
    "\u{feff}",
    "\u{0}",
    "é",
    "ß",
    "😀",
    "\u{202e}",
    "-1",
    "0",
    "99999999999999999999",
    "1e309",
    "NaN",
    "12,5,5",
    "31-02-2026",
    "29-02-2025",
    "00-00-0000",
    "2026-13-01",
    "24:00",
    "23:59",
    "09:60",
    "9999 ZZ",
    "SS",
    "=1+1",
    "' OR 1=1 --",
    "Robert'); DROP TABLE caregiver;--",
];

/// One mangled version of `seed_bytes`.
fn mangle(rng: &mut fastrand::Rng, seed_bytes: &[u8]) -> Vec<u8> {
    let mut bytes = seed_bytes.to_vec();
    for _ in 0..rng.usize(1..=4) {
        match rng.u8(0..8) {
            0 if !bytes.is_empty() => {
                let i = rng.usize(..bytes.len());
                bytes[i] ^= 1 << rng.u8(0..8);
            }
            1 if !bytes.is_empty() => {
                let at = rng.usize(..bytes.len());
                bytes.truncate(at);
            }
            2 => {
                let at = rng.usize(..=bytes.len());
                let odd = ODD[rng.usize(..ODD.len())].as_bytes();
                bytes.splice(at..at, odd.iter().copied());
            }
            3 if !bytes.is_empty() => {
                let start = rng.usize(..bytes.len());
                let end = (start + rng.usize(1..40)).min(bytes.len());
                bytes.drain(start..end);
            }
            4 => {
                // Double or swap whole lines.
                let text = String::from_utf8_lossy(&bytes).to_string();
                let mut lines: Vec<&str> = text.lines().collect();
                if lines.len() > 1 {
                    let (a, b) = (rng.usize(..lines.len()), rng.usize(..lines.len()));
                    if rng.bool() {
                        lines.swap(a, b);
                    } else {
                        let line = lines[a];
                        lines.insert(b, line);
                    }
                }
                bytes = lines.join("\n").into_bytes();
            }
            5 => {
                // Replace one field of one line.
                let text = String::from_utf8_lossy(&bytes).to_string();
                let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
                if !lines.is_empty() {
                    let l = rng.usize(..lines.len());
                    let mut fields: Vec<String> = lines[l].split(';').map(str::to_string).collect();
                    let f = rng.usize(..fields.len());
                    fields[f] = ODD[rng.usize(..ODD.len())].to_string();
                    lines[l] = fields.join(";");
                }
                bytes = lines.join("\n").into_bytes();
            }
            6 => bytes = (0..rng.usize(0..300)).map(|_| rng.u8(..)).collect(),
            _ => {
                let at = rng.usize(..=bytes.len());
                let noise: Vec<u8> = (0..rng.usize(1..20)).map(|_| rng.u8(..)).collect();
                bytes.splice(at..at, noise);
            }
        }
    }
    bytes
}

/// The same table as an XLSX file.
fn xlsx_of(csv: &str) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, line) in csv.lines().enumerate() {
        for (c, field) in line.split(';').enumerate() {
            sheet.write_string(r as u32, c as u16, field).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

/// What the store holds, to see that a refused import changed nothing.
fn fingerprint(store: &Store) -> Vec<i64> {
    [
        "SELECT count(*) FROM caregiver",
        "SELECT count(*) FROM care_recipient",
        "SELECT total(length(first_name) + length(last_name) + length(phone)) FROM caregiver",
        "SELECT count(*) FROM provider",
        "SELECT count(*) FROM tariff",
        "SELECT count(*) FROM session",
        "SELECT count(*) FROM ledger_entry",
        "SELECT count(*) FROM budget",
        "SELECT total(cents) FROM budget",
        "SELECT count(*) FROM municipality",
        "SELECT count(*) FROM postcode_area",
    ]
    .iter()
    .map(|q| store.conn().query_row(q, [], |r| r.get::<_, f64>(0)).unwrap() as i64)
    .collect()
}

fn run(name: &str, base: &common::TestStore, seeds: &[(&str, Vec<u8>)], import: Importer) {
    let seed = seed();
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut store = common::open(base.store.path());
    let (mut refused, mut taken) = (0, 0);
    for case in 0..cases() {
        let (file, seed_bytes) = &seeds[case % seeds.len()];
        let bytes = mangle(&mut rng, seed_bytes);
        let before = fingerprint(&store);
        let outcome = catch_unwind(AssertUnwindSafe(|| import(&mut store, &bytes, file)));
        let why = || {
            format!(
                "{name}, case {case} (RESPIJT_FUZZ_SEED={seed}), {} bytes: {:?}",
                bytes.len(),
                String::from_utf8_lossy(&bytes)
            )
        };
        match outcome {
            Err(_) => panic!("the importer panicked: {}", why()),
            Ok(Err(_)) | Ok(Ok(None)) => {
                refused += 1;
                assert_eq!(fingerprint(&store), before, "a refused file changed the store: {}", why());
            }
            Ok(Ok(Some(report))) if !report.rejected.is_empty() => {
                refused += 1;
                assert_eq!(fingerprint(&store), before, "rejected rows, yet the store changed: {}", why());
                assert!(report.rejected.iter().all(|r| !r.message.is_empty()), "every rejection says why: {}", why());
            }
            Ok(Ok(Some(_))) => taken += 1,
        }
        let check: String = store.conn().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(check, "ok", "{}", why());
    }
    assert!(refused > 0, "{name}: the mangling must produce bad files ({taken} taken)");
}

fn table(bytes: &[u8], file: &str) -> respijt::Result<respijt::import::Table> {
    read_table_bytes(file, bytes)
}

const CAREGIVERS_HEADER: &str = common::HEADER;

fn caregivers_csv() -> String {
    let mut text = String::from(CAREGIVERS_HEADER);
    for n in 1..=6 {
        text.push('\n');
        text.push_str(&common::row(n));
    }
    text
}

#[test]
fn the_caregiver_import_survives_mangled_files() {
    let base = common::store();
    let csv = caregivers_csv();
    let seeds = [("mantelzorgers.csv", csv.clone().into_bytes()), ("mantelzorgers.xlsx", xlsx_of(&csv))];
    run("mantelzorgers", &base, &seeds, |store, bytes, file| {
        let t = table(bytes, file)?;
        respijt::import::import_caregivers(store.conn_mut(), &t, ImportOptions::default(), common::now()).map(Some)
    });
}

#[test]
fn the_provider_import_survives_mangled_files() {
    let base = common::store();
    let csv = "extern_id;naam;soort;dienst;eenheid;tarief;geldig_vanaf;geldig_tot;gemeenten;capaciteit_uren_per_week;specialismen;talen\n\
        P1;Thuiszorg West;professioneel;thuis;uur;52,75;01-01-2026;;Dordrecht,GM0610;40;dementie,nah;nl,en\n\
        P1;Thuiszorg West;professioneel;logeeropvang;etmaal;215,00;01-01-2026;31-12-2026;Dordrecht;;;\n\
        P2;Buurtmaatjes;vrijwilligers;thuis;uur;0;01-01-2026;;Zwijndrecht;12,5;;";
    let seeds = [("aanbieders.csv", csv.as_bytes().to_vec()), ("aanbieders.xlsx", xlsx_of(csv))];
    run("aanbieders", &base, &seeds, |store, bytes, file| {
        let t = table(bytes, file)?;
        respijt::provider::import_providers(store.conn_mut(), &t, ImportOptions::default(), common::now()).map(Some)
    });
}

#[test]
fn the_statement_import_survives_mangled_files() {
    let mut base = common::store();
    let people = read_table_bytes("m.csv", caregivers_csv().as_bytes()).unwrap();
    respijt::import::import_caregivers(base.store.conn_mut(), &people, ImportOptions::default(), common::now())
        .unwrap();
    let csv = "extern_id;mantelzorger_id;aanbieder_id;dienst;datum;start;eind;status\n\
        ZM-1;MEE-0001;zorgmies;thuis;02-11-2026;09:00;12:00;uitgevoerd\n\
        ZM-2;MEE-0002;zorgmies;thuis;03-11-2026;13:00;17:30;uitgevoerd\n\
        ZM-3;MEE-0003;zorgmies;thuis;04-11-2026;09:00;11:00;geannuleerd";
    let seeds = [("overzicht.csv", csv.as_bytes().to_vec()), ("overzicht.xlsx", xlsx_of(csv))];
    run("overzicht", &base, &seeds, |store, bytes, file| {
        let t = table(bytes, file)?;
        let report =
            respijt::planning::import_statement(store.conn_mut(), &t, ImportOptions::default(), common::now())?;
        // The statement's report has its own shape: rejected rows mean nothing was written.
        Ok(report.rejected.is_empty().then(ImportReport::default))
    });
}

#[test]
fn the_budget_import_survives_mangled_files() {
    let base = common::store();
    let csv = "gemeente;jaar;budget\nDordrecht;2026;125.000,50\nGM0610;2026;80000\nZwijndrecht;2027;12,5";
    let seeds = [("budgetten.csv", csv.as_bytes().to_vec()), ("budgetten.xlsx", xlsx_of(csv))];
    run("budgetten", &base, &seeds, |store, bytes, file| {
        let t = table(bytes, file)?;
        respijt::funding::import_budgets(store.conn_mut(), &t, ImportOptions::default(), common::now()).map(Some)
    });
}

#[test]
fn the_region_load_survives_mangled_files() {
    let base = common::store();
    let csv = "pc4,woonplaats,gemeente,gm_code,provincie,soort,inwoners_2021,lat,lon\n\
        2950,Alblasserdam,Alblasserdam,GM0482,Zuid-Holland,postbus,,,\n\
        2951,Alblasserdam,Alblasserdam,GM0482,Zuid-Holland,woon,10560,51.866064,4.663417\n\
        3311,Dordrecht,Dordrecht,GM0505,Zuid-Holland,woon,8000,51.81,4.67";
    let seeds = [("regio.csv", csv.as_bytes().to_vec())];
    run("regio", &base, &seeds, |store, bytes, _| {
        let text = String::from_utf8_lossy(bytes);
        respijt::region::load_region(store.conn(), &text).map(|_| Some(ImportReport::default()))
    });
}

#[test]
fn the_search_survives_any_query() {
    // Not an importer, but typed by people: no query may panic it.
    let mut t = common::store();
    let people = read_table_bytes("m.csv", caregivers_csv().as_bytes()).unwrap();
    respijt::import::import_caregivers(t.store.conn_mut(), &people, ImportOptions::default(), common::now()).unwrap();
    let seed = seed();
    let mut rng = fastrand::Rng::with_seed(seed);
    let alphabet: Vec<char> = "aeéëijxyzAB 0123456789-'\"%_*()[]^$\\😀ßçÇ\u{301}\u{0}".chars().collect();
    for case in 0..cases() * 4 {
        let query: String = (0..rng.usize(0..9)).map(|_| alphabet[rng.usize(..alphabet.len())]).collect();
        let options = respijt::caregiver::SearchOptions { query: query.clone(), include_archived: rng.bool() };
        let outcome =
            catch_unwind(AssertUnwindSafe(|| respijt::caregiver::search_caregivers(t.store.conn(), &options)));
        assert!(outcome.is_ok(), "search panicked on {query:?} (case {case}, RESPIJT_FUZZ_SEED={seed})");
    }
}
