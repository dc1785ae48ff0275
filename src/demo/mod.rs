//! A deterministic demo region: plausible Dutch caregivers on real postcodes.
//!
//! The demo is produced as an import table and loaded through the importer,
//! so the demo, the benchmark and real imports exercise the same path.

use std::io::Write;
use std::path::Path;

use chrono::{Days, NaiveDate};
use rusqlite::Connection;

use crate::dutch;
use crate::error::{Error, Result};
use crate::import::{Table, CAREGIVER_COLUMNS};
use crate::region;

const FIRST_NAMES_F: &[&str] = &[
    "Anna",
    "Maria",
    "Johanna",
    "Cornelia",
    "Elisabeth",
    "Wilhelmina",
    "Hendrika",
    "Ria",
    "Ans",
    "Truus",
    "Joke",
    "Marja",
    "Ingrid",
    "Monique",
    "Sandra",
    "Linda",
    "Esther",
    "Petra",
    "Karin",
    "Saskia",
    "Femke",
    "Anouk",
    "Lotte",
    "Sanne",
    "Fleur",
    "Fatima",
    "Samira",
    "Ayse",
    "Noor",
    "Yvonne",
    "Gerda",
    "Willemijn",
    "Marloes",
    "Ilse",
    "Eva",
];
const FIRST_NAMES_M: &[&str] = &[
    "Jan", "Johannes", "Cornelis", "Hendrik", "Willem", "Pieter", "Gerrit", "Kees", "Henk", "Piet", "Joop", "Ad",
    "Marco", "Erik", "Peter", "Mark", "Dennis", "Jeroen", "Bas", "Ruud", "Arjen", "Daan", "Thijs", "Sem", "Mohamed",
    "Ahmed", "Mehmet", "Youssef", "Teun", "Wouter", "Rob", "Frank", "Hans", "Leendert", "Arie",
];
const LAST_NAMES: &[&str] = &[
    "de Jong",
    "Jansen",
    "de Vries",
    "van den Berg",
    "van Dijk",
    "Bakker",
    "Janssen",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "van der Linden",
    "Kok",
    "Jacobs",
    "de Haan",
    "Vermeulen",
    "van den Heuvel",
    "van der Veen",
    "van den Broek",
    "de Bruijn",
    "de Bruin",
    "van der Heijden",
    "Schouten",
    "van Beek",
    "Willems",
    "van Vliet",
    "van de Ven",
    "Hoekstra",
    "Maas",
    "Verhoeven",
    "Koster",
    "van Dam",
    "van der Wal",
    "Prins",
    "Blom",
    "Huisman",
    "Kraaijeveld",
    "Boogaard",
    "Verhoef",
    "den Hartog",
    "van Wijngaarden",
    "Baars",
    "Kool",
    "Hoogendoorn",
    "de Kruijf",
    "Yilmaz",
    "El Amrani",
    "Kaya",
    "Öztürk",
    "Bouzid",
    "Pronk",
    "Sterk",
    "Timmer",
    "Stam",
    "van Gelder",
    "Lagendijk",
];
const INSURERS: &[(&str, u32)] = &[
    ("VGZ", 30),
    ("Zilveren Kruis", 25),
    ("CZ", 20),
    ("Menzis", 10),
    ("DSW", 5),
    ("ONVZ", 4),
    ("a.s.r.", 3),
    ("Zorg en Zekerheid", 3),
];
const RELATIONSHIPS: &[&str] = &["partner", "ouder", "kind", "schoonouder", "broer of zus", "buur of vriend"];

fn pick<'a>(rng: &mut fastrand::Rng, items: &[&'a str]) -> &'a str {
    items[rng.usize(..items.len())]
}

fn pick_weighted<'a>(rng: &mut fastrand::Rng, items: &[(&'a str, u32)]) -> &'a str {
    let total: u32 = items.iter().map(|(_, w)| w).sum();
    let mut roll = rng.u32(..total.max(1));
    for (item, weight) in items {
        if roll < *weight {
            return item;
        }
        roll -= weight;
    }
    items.first().map_or("", |(item, _)| item)
}

fn postcode_letters(rng: &mut fastrand::Rng) -> String {
    loop {
        let letters: String = (0..2).map(|_| rng.char('A'..='Z')).collect();
        if !matches!(letters.as_str(), "SA" | "SD" | "SS") {
            return letters;
        }
    }
}

fn date_between(rng: &mut fastrand::Rng, from: NaiveDate, to: NaiveDate) -> NaiveDate {
    let span = (to - from).num_days().max(1) as u64;
    from.checked_add_days(Days::new(rng.u64(..span))).unwrap_or(from)
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

/// `count` caregivers (about one in four with two recipients) as an import
/// table. The same seed gives the same table.
pub fn caregiver_table(conn: &Connection, seed: u64, count: usize) -> Result<Table> {
    let postcodes = region::residential_postcodes(conn)?;
    let total_inhabitants: i64 = postcodes.iter().map(|p| p.2.max(1)).sum();
    if postcodes.is_empty() {
        return Err(Error::Invalid("De regio heeft geen woonpostcodes; laad eerst een regio.".into()));
    }
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut rows = Vec::with_capacity(count + count / 4);
    for n in 1..=count {
        let female = rng.bool();
        let first = pick(&mut rng, if female { FIRST_NAMES_F } else { FIRST_NAMES_M });
        let last = pick(&mut rng, LAST_NAMES);
        // Postcodes weighted by inhabitants, so Dordrecht has the most caregivers.
        let mut roll = rng.i64(0..total_inhabitants);
        let pc4 = postcodes
            .iter()
            .find(|(_, _, inhabitants)| {
                roll -= inhabitants.max(&1);
                roll < 0
            })
            .map_or(postcodes[0].0.as_str(), |p| p.0.as_str());
        let postcode = format!("{pc4} {}", postcode_letters(&mut rng));
        let house_number = rng.u32(1..220).to_string();
        let born = date_between(&mut rng, ymd(1940, 1, 1), ymd(2000, 12, 31));
        let insurer = pick_weighted(&mut rng, INSURERS);
        let email_name = crate::dutch::fold(&format!("{first}.{last}")).replace([' ', '\''], "");
        let caregiver = vec![
            format!("DEMO-{n:06}"),
            first.to_string(),
            last.to_string(),
            dutch::date_text(born),
            postcode.clone(),
            house_number.clone(),
            // 061 to 065: mobile numbers that exist by libphonenumber's rules.
            format!("06-{:08}", rng.u32(10_000_000..60_000_000)),
            format!("{email_name}@voorbeeld.nl"),
            insurer.to_string(),
            format!("{:09}", rng.u32(100_000_000..999_999_999)),
            if rng.u8(..10) < 7 { "ja" } else { "nee" }.to_string(),
            rng.u32(4..41).to_string(),
            dutch::date_text(date_between(&mut rng, ymd(2012, 1, 1), ymd(2026, 6, 30))),
        ];
        let recipients = if rng.u8(..4) == 0 { 2 } else { 1 };
        for _ in 0..recipients {
            let relationship = pick(&mut rng, RELATIONSHIPS);
            let male_recipient = if relationship == "partner" { female } else { rng.bool() };
            let r_first = pick(&mut rng, if male_recipient { FIRST_NAMES_M } else { FIRST_NAMES_F });
            let r_last = if matches!(relationship, "partner" | "kind") { last } else { pick(&mut rng, LAST_NAMES) };
            let r_born = match relationship {
                "kind" => date_between(&mut rng, ymd(2005, 1, 1), ymd(2024, 12, 31)),
                "partner" => date_between(&mut rng, born - Days::new(3650), born + Days::new(3650)),
                _ => date_between(&mut rng, ymd(1925, 1, 1), ymd(1960, 12, 31)),
            };
            let lives_with = matches!(relationship, "partner" | "kind");
            let (r_postcode, r_house) = if lives_with {
                (String::new(), String::new())
            } else {
                let other = &postcodes[rng.usize(..postcodes.len())].0;
                (format!("{other} {}", postcode_letters(&mut rng)), rng.u32(1..220).to_string())
            };
            let mut row = caregiver.clone();
            row.extend([
                r_first.to_string(),
                r_last.to_string(),
                dutch::date_text(r_born.min(ymd(2025, 12, 31))),
                r_postcode,
                r_house,
                relationship.to_string(),
                if rng.u8(..10) < 2 { "ja" } else { "nee" }.to_string(),
            ]);
            rows.push(row);
        }
    }
    Ok(Table { headers: CAREGIVER_COLUMNS.iter().map(|c| c.to_string()).collect(), rows, warnings: Vec::new() })
}

/// Writes a table as a CSV that Dutch Excel opens: `;`, UTF-8 with BOM.
pub fn write_csv(table: &Table, path: &Path) -> Result<()> {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path)?);
    file.write_all(b"\xEF\xBB\xBF")?;
    let mut writer = csv::WriterBuilder::new().delimiter(b';').from_writer(file);
    let io = |e: csv::Error| Error::Invalid(format!("CSV kon niet worden geschreven: {e}"));
    writer.write_record(&table.headers).map_err(io)?;
    for row in &table.rows {
        writer.write_record(row).map_err(io)?;
    }
    writer.flush()?;
    Ok(())
}

mod planning;
pub use planning::{providers_and_sessions, PlanningDemo};
