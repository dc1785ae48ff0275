//! `respijt import providers FILE`: one row per provider and service. Same
//! rules as the caregiver import: all rows are checked first, and by default
//! one bad row means nothing is written.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::funders::normalise_funders;
use super::import_cells::{parse_helpers, parse_slots, specialism, SPECIALISM_CODES};
use super::{parse_form, parse_unit, save_provider, ProviderData, ProviderKind, ServiceData, Slot};
use crate::dutch;
use crate::error::{Error, Result};
use crate::import::{ImportOptions, ImportReport, RowError, Table};
use crate::money::Cents;
use crate::region;

pub const PROVIDER_COLUMNS: &[&str] = &[
    "extern_id",
    "naam",
    "soort",
    "dienst",
    "eenheid",
    "tarief",
    "geldig_vanaf",
    "geldig_tot",
    "gemeenten",
    "capaciteit_uren_per_week",
    "specialismen",
    "talen",
    "beschikbaarheid",
    "plaatsen_per_dag",
    "financiers",
    "hulpen",
    "postcode_vestiging",
    "max_afstand_km",
    "contactpersoon",
    "telefoon",
    "email",
];
const REQUIRED: &[&str] = &["extern_id", "naam", "dienst", "eenheid"];

fn list(raw: &str) -> impl Iterator<Item = &str> {
    raw.split([',', '|']).map(str::trim).filter(|s| !s.is_empty())
}

/// The columns that an update keeps from the store when the file leaves them empty.
#[derive(Debug, Default)]
struct Given {
    availability: Option<Vec<Slot>>,
    places: Option<i64>,
    funders: Option<Vec<String>>,
    pc4: Option<String>,
    max_distance_km: Option<i64>,
    contact_name: Option<String>,
    phone: Option<String>,
    email: Option<String>,
}

pub fn import_providers(
    conn: &mut Connection,
    table: &Table,
    options: ImportOptions,
    now: DateTime<Utc>,
) -> Result<ImportReport> {
    let mut report = ImportReport { warnings: table.warnings.clone(), ..Default::default() };
    let missing: Vec<&str> = REQUIRED.iter().copied().filter(|c| table.column(c).is_none()).collect();
    if !missing.is_empty() {
        return Err(Error::Invalid(format!(
            "De kolom(men) {} ontbreken in de kopregel. Verwachte kolommen: {}.",
            missing.join(", "),
            PROVIDER_COLUMNS.join(";")
        )));
    }
    for header in &table.headers {
        if !header.is_empty() && !PROVIDER_COLUMNS.contains(&header.as_str()) {
            report.warnings.push(format!("Kolom '{header}' is onbekend en wordt overgeslagen."));
        }
    }
    // Providers in file order, each with the services of all its rows, and
    // what the file says of the columns an update otherwise keeps.
    let mut providers: BTreeMap<String, (usize, ProviderData, Given)> = BTreeMap::new();
    for (index, cells) in table.rows.iter().enumerate() {
        let row = index + 1;
        if cells.iter().all(String::is_empty) {
            continue;
        }
        let cell = |name: &str| table.column(name).and_then(|i| cells.get(i)).map(String::as_str).unwrap_or("").trim();
        let mut errors: Vec<RowError> = Vec::new();
        let mut reject = |column: &str, message: String| errors.push(RowError { row, column: column.into(), message });
        let extern_id = cell("extern_id").to_string();
        if extern_id.is_empty() {
            reject("extern_id", "Vul extern_id in: daarmee vindt een volgende import dezelfde aanbieder terug.".into());
        }
        let name = cell("naam").to_string();
        if name.is_empty() {
            reject("naam", "Vul de naam van de aanbieder in.".into());
        }
        let kind = match cell("soort") {
            "" => None,
            raw => match ProviderKind::from_code(&dutch::fold(raw)) {
                Some(kind) => Some(kind),
                None if dutch::fold(raw).starts_with("vrijwillig") => Some(ProviderKind::Volunteer),
                None if dutch::fold(raw).starts_with("prof") => Some(ProviderKind::Professional),
                None => {
                    reject("soort", format!("'{raw}' is geen soort; kies professioneel of vrijwilligers."));
                    None
                }
            },
        };
        let form = parse_form(cell("dienst")).map_err(|m| reject("dienst", m)).ok();
        let unit = parse_unit(cell("eenheid")).map_err(|m| reject("eenheid", m)).ok();
        let tariff = match cell("tarief") {
            "" => None,
            raw => Cents::parse_euros(raw).map_err(|m| reject("tarief", m)).ok(),
        };
        let from = match cell("geldig_vanaf") {
            "" if tariff.is_some() => {
                reject("geldig_vanaf", "Vul in vanaf wanneer het tarief geldt (dd-mm-jjjj).".into());
                None
            }
            "" => None,
            raw => dutch::parse_date(raw).map_err(|m| reject("geldig_vanaf", m)).ok(),
        };
        let to = match cell("geldig_tot") {
            "" => None,
            raw => dutch::parse_date(raw).map_err(|m| reject("geldig_tot", m)).ok(),
        };
        if let (Some(f), Some(t)) = (from, to) {
            if t < f {
                reject("geldig_tot", "'Geldig tot' ligt voor 'geldig vanaf'.".into());
            }
        }
        let mut municipality_codes = Vec::new();
        for key in list(cell("gemeenten")) {
            match region::find_municipality(conn, key)? {
                Some(m) => municipality_codes.push(m.code),
                None => reject("gemeenten", format!("Gemeente '{key}' hoort niet bij de regio.")),
            }
        }
        let capacity = match cell("capaciteit_uren_per_week") {
            "" => None,
            raw => dutch::parse_hours_as_minutes(raw).map_err(|m| reject("capaciteit_uren_per_week", m)).ok(),
        };
        let mut specialisms = Vec::new();
        for code in list(cell("specialismen")) {
            match specialism(code) {
                Some(s) => specialisms.push(s),
                None => reject("specialismen", format!("'{code}' is geen specialisme; kies uit {SPECIALISM_CODES}.")),
            }
        }
        let availability = match cell("beschikbaarheid") {
            "" => None,
            raw => parse_slots(raw).map_err(|m| reject("beschikbaarheid", m)).ok(),
        };
        let places = match cell("plaatsen_per_dag") {
            "" => None,
            raw => match raw.parse::<i64>() {
                Ok(n) if (0..=999).contains(&n) => Some(n),
                _ => {
                    reject(
                        "plaatsen_per_dag",
                        format!("'{raw}' is geen aantal plaatsen; schrijf een heel getal, zoals 12."),
                    );
                    None
                }
            },
        };
        let funders = match cell("financiers") {
            "" => None,
            raw => normalise_funders(conn, list(raw))?.map_err(|m| reject("financiers", m)).ok(),
        };
        let helpers = parse_helpers(cell("hulpen")).map_err(|m| reject("hulpen", m)).unwrap_or_default();
        let pc4 = match cell("postcode_vestiging") {
            "" => None,
            raw => {
                let digits: String = raw.chars().take(4).collect();
                if digits.len() == 4 && digits.chars().all(|c| c.is_ascii_digit()) && !digits.starts_with('0') {
                    Some(digits)
                } else {
                    reject(
                        "postcode_vestiging",
                        format!("'{raw}' is geen postcode; schrijf de vier cijfers, zoals 3311."),
                    );
                    None
                }
            }
        };
        let max_distance_km = match cell("max_afstand_km") {
            "" => None,
            raw => match raw.parse::<i64>() {
                Ok(km) if (0..=250).contains(&km) => Some(km),
                _ => {
                    reject("max_afstand_km", format!("'{raw}' is geen afstand; schrijf hele kilometers, 0 tot 250."));
                    None
                }
            },
        };
        let contact_name = Some(cell("contactpersoon").to_string()).filter(|c| !c.is_empty());
        let phone = match cell("telefoon") {
            "" => None,
            raw => dutch::parse_phone(raw).map_err(|m| reject("telefoon", m)).ok(),
        };
        let email = match cell("email") {
            "" => None,
            raw => dutch::parse_email(raw).map_err(|m| reject("email", m)).ok(),
        };
        let languages: Vec<String> = list(cell("talen")).map(|l| l.to_lowercase()).collect();
        if !errors.is_empty() {
            report.rejected.extend(errors);
            continue;
        }
        let (Some(form), Some(unit)) = (form, unit) else { continue };
        let entry = providers.entry(extern_id.clone()).or_insert_with(|| {
            let data = ProviderData { extern_id: Some(extern_id.clone()), name: name.clone(), ..Default::default() };
            (row, data, Given::default())
        });
        let (_, data, given) = entry;
        if let Some(slots) = availability {
            let known = given.availability.get_or_insert_with(Vec::new);
            known.extend(slots.into_iter().filter(|s| !known.contains(s)).collect::<Vec<Slot>>());
        }
        given.places = places.or(given.places);
        given.pc4 = pc4.or(given.pc4.take());
        given.max_distance_km = max_distance_km.or(given.max_distance_km);
        given.contact_name = contact_name.or(given.contact_name.take());
        given.phone = phone.or(given.phone.take());
        given.email = email.or(given.email.take());
        if let Some(funders) = funders {
            let known = given.funders.get_or_insert_with(Vec::new);
            known.extend(funders.into_iter().filter(|f| !known.contains(f)).collect::<Vec<String>>());
        }
        for helper in helpers {
            match data.helpers.iter_mut().find(|h| h.name.to_lowercase() == helper.name.to_lowercase()) {
                Some(known) => *known = helper,
                None => data.helpers.push(helper),
            }
        }
        data.name = name;
        data.kind = kind.or(data.kind);
        data.capacity_minutes_per_week = capacity.or(data.capacity_minutes_per_week);
        for code in municipality_codes {
            if !data.municipality_codes.contains(&code) {
                data.municipality_codes.push(code);
            }
        }
        for s in specialisms {
            if !data.specialisms.contains(&s) {
                data.specialisms.push(s);
            }
        }
        for l in languages {
            if !data.languages.contains(&l) {
                data.languages.push(l);
            }
        }
        data.services.push(ServiceData { form, unit, tariff: tariff.zip(from).map(|(c, f)| (c, f, to)) });
    }
    if !report.rejected.is_empty() && !options.skip_invalid {
        return Ok(report);
    }
    let tx = conn.transaction()?;
    let mut in_file_order: Vec<&(usize, ProviderData, Given)> = providers.values().collect();
    in_file_order.sort_by_key(|(row, _, _)| *row);
    for (_, data, given) in in_file_order {
        let existed = super::find_by_extern_id(&tx, data.extern_id.as_deref().unwrap_or_default())?.is_some();
        // An update keeps what the file does not say (availability, contact,
        // helpers not named); a new provider gets what it says.
        let mut merged = data.clone();
        merged.availability = given.availability.clone().unwrap_or_default();
        merged.places_per_day = given.places;
        merged.funders = given.funders.clone().unwrap_or_default();
        merged.pc4 = given.pc4.clone().unwrap_or_default();
        merged.max_distance_km = given.max_distance_km.unwrap_or_default();
        if existed {
            let id = super::find_by_extern_id(&tx, data.extern_id.as_deref().unwrap_or_default())?.unwrap_or_default();
            let current = super::get_provider(&tx, id)?;
            merged.pc4 = given.pc4.clone().unwrap_or(current.pc4);
            merged.max_distance_km = given.max_distance_km.unwrap_or(current.max_distance_km);
            merged.places_per_day = given.places.or(current.places_per_day);
            merged.availability = given.availability.clone().unwrap_or(current.availability);
            merged.funders = given.funders.clone().unwrap_or(current.funders);
            if merged.municipality_codes.is_empty() {
                merged.municipality_codes = current.municipalities.into_iter().map(|m| m.code).collect();
            }
            merged.kind = merged.kind.or(Some(current.kind));
            merged.capacity_minutes_per_week = merged.capacity_minutes_per_week.or(current.capacity_minutes_per_week);
            report.updated += 1;
        } else {
            report.created += 1;
        }
        let id = save_provider(&tx, &merged, now)?;
        for (column, value) in [("contact_name", &given.contact_name), ("phone", &given.phone), ("email", &given.email)]
        {
            if let Some(value) = value {
                tx.execute(&format!("UPDATE provider SET {column} = ?1 WHERE id = ?2"), rusqlite::params![value, id])?;
            }
        }
        report.imported += 1;
    }
    let detail = format!("aanbieders: {} nieuw, {} bijgewerkt", report.created, report.updated);
    crate::audit::record(&tx, crate::audit::AuditAction::Import, None, &detail, now)?;
    options.finish(tx)?;
    Ok(report)
}
