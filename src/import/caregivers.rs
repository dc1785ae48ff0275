//! `respijt import caregivers FILE`: caregivers and their care recipients,
//! one row per caregiver and recipient. `extern_id` is the key, so importing
//! the same file again changes nothing and a changed row updates the dossier.

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::{ImportOptions, ImportReport, RowError, Table};
use crate::caregiver::{self, CaregiverInput, RecipientInput, SearchIndex, ValidCaregiver, ValidRecipient};
use crate::dutch;
use crate::error::{Error, FieldError, Result};

/// The columns of the caregiver import, in the order of the template.
pub const CAREGIVER_COLUMNS: &[&str] = &[
    "extern_id",
    "voornaam",
    "achternaam",
    "geboortedatum",
    "postcode",
    "huisnummer",
    "telefoon",
    "email",
    "verzekeraar",
    "polisnummer",
    "aanvullend",
    "zorguren_per_week",
    "zorg_sinds",
    "naaste_voornaam",
    "naaste_achternaam",
    "naaste_geboortedatum",
    "naaste_postcode",
    "naaste_huisnummer",
    "relatie",
    "naaste_wlz",
];

/// Columns we also understand, though the template does not have them.
const OPTIONAL_COLUMNS: &[&str] = &[
    "straat",
    "woonplaats",
    "gemeente",
    "notities",
    "naaste_straat",
    "naaste_woonplaats",
    "naaste_verzekeraar",
    "naaste_aanvullend",
];

const REQUIRED_COLUMNS: &[&str] = &["extern_id", "voornaam", "achternaam", "geboortedatum", "postcode", "huisnummer"];

/// The form field a validation error names, as the file's column.
fn caregiver_column(field: &str) -> &'static str {
    match field {
        "firstName" => "voornaam",
        "lastName" => "achternaam",
        "dateOfBirth" => "geboortedatum",
        "postcode" => "postcode",
        "houseNumber" => "huisnummer",
        "phone" => "telefoon",
        "email" => "email",
        "careHoursPerWeek" => "zorguren_per_week",
        "caringSince" => "zorg_sinds",
        "municipalityOverride" => "gemeente",
        "insurer" => "verzekeraar",
        _ => "onbekend",
    }
}

fn recipient_column(field: &str) -> &'static str {
    match field {
        "firstName" => "naaste_voornaam",
        "lastName" => "naaste_achternaam",
        "dateOfBirth" => "naaste_geboortedatum",
        "postcode" => "naaste_postcode",
        "houseNumber" => "naaste_huisnummer",
        "insurer" => "naaste_verzekeraar",
        _ => "onbekend",
    }
}

struct ValidRow {
    row: usize,
    extern_id: String,
    caregiver: ValidCaregiver,
    recipient: Option<ValidRecipient>,
}

/// Imports caregivers from a table. Checks every row, then writes in one
/// transaction: all rows, or (with `skip_invalid`) the valid ones.
pub fn import_caregivers(
    conn: &mut Connection,
    table: &Table,
    options: ImportOptions,
    now: DateTime<Utc>,
) -> Result<ImportReport> {
    let mut report = ImportReport { warnings: table.warnings.clone(), ..Default::default() };
    let missing: Vec<&str> = REQUIRED_COLUMNS.iter().copied().filter(|c| table.column(c).is_none()).collect();
    if !missing.is_empty() {
        return Err(Error::Invalid(format!(
            "De kolom(men) {} ontbreken in de kopregel. Verwachte kolommen: {}.",
            missing.join(", "),
            CAREGIVER_COLUMNS.join(";")
        )));
    }
    for header in &table.headers {
        if !header.is_empty()
            && !CAREGIVER_COLUMNS.contains(&header.as_str())
            && !OPTIONAL_COLUMNS.contains(&header.as_str())
        {
            report.warnings.push(format!("Kolom '{header}' is onbekend en wordt overgeslagen."));
        }
    }

    let today = now.date_naive();
    let mut valid_rows = Vec::with_capacity(table.rows.len());
    for (index, cells) in table.rows.iter().enumerate() {
        let row = index + 1;
        let cell = |name: &str| table.column(name).and_then(|i| cells.get(i)).map(String::as_str).unwrap_or("");
        if cells.iter().all(String::is_empty) {
            continue; // an empty line in the middle of a file is not a row
        }
        let mut errors: Vec<RowError> = Vec::new();
        let mut reject = |column: &str, message: String| errors.push(RowError { row, column: column.into(), message });

        let extern_id = cell("extern_id").to_string();
        if extern_id.is_empty() {
            reject("extern_id", "Vul extern_id in: daarmee vindt een volgende import dezelfde persoon terug.".into());
        }
        let mut yes_no = |column: &str| match dutch::parse_yes_no(cell(column)) {
            Ok(b) => b,
            Err(message) => {
                reject(column, format!("{message} Schrijf ja of nee."));
                false
            }
        };
        let supplementary_policy = yes_no("aanvullend");
        let wlz_indication = yes_no("naaste_wlz");
        let recipient_supplementary = yes_no("naaste_aanvullend");
        let input = CaregiverInput {
            first_name: cell("voornaam").into(),
            last_name: cell("achternaam").into(),
            date_of_birth: cell("geboortedatum").into(),
            postcode: cell("postcode").into(),
            house_number: cell("huisnummer").into(),
            street: cell("straat").into(),
            place: cell("woonplaats").into(),
            municipality_override: cell("gemeente").into(),
            phone: cell("telefoon").into(),
            email: cell("email").into(),
            insurer: cell("verzekeraar").into(),
            policy_number: cell("polisnummer").into(),
            supplementary_policy,
            care_hours_per_week: cell("zorguren_per_week").into(),
            caring_since: cell("zorg_sinds").into(),
            notes: cell("notities").into(),
            // The row's `extern_id` is the import's own key; the import writes it.
            extern_id: String::new(),
        };
        let mut field_errors = |fields: Vec<FieldError>, to_column: fn(&str) -> &'static str| {
            for f in fields {
                errors.push(RowError { row, column: to_column(&f.field).into(), message: f.message });
            }
        };
        let caregiver = match caregiver::validate_caregiver(conn, &input, today) {
            Ok(v) => Some(v),
            Err(Error::Validation(fields)) => {
                field_errors(fields, caregiver_column);
                None
            }
            Err(other) => return Err(other),
        };
        let has_recipient =
            ["naaste_voornaam", "naaste_achternaam", "naaste_geboortedatum"].iter().any(|c| !cell(c).is_empty());
        let recipient = if has_recipient {
            let input = RecipientInput {
                first_name: cell("naaste_voornaam").into(),
                last_name: cell("naaste_achternaam").into(),
                date_of_birth: cell("naaste_geboortedatum").into(),
                postcode: cell("naaste_postcode").into(),
                house_number: cell("naaste_huisnummer").into(),
                street: cell("naaste_straat").into(),
                place: cell("naaste_woonplaats").into(),
                municipality_override: String::new(),
                relationship: cell("relatie").into(),
                wlz_indication,
                insurer: cell("naaste_verzekeraar").into(),
                supplementary_policy: recipient_supplementary,
            };
            let home = caregiver.as_ref().map(|c| &c.address);
            match caregiver::validate_recipient(conn, &input, home, today) {
                Ok(v) => Some(v),
                Err(Error::Validation(fields)) => {
                    field_errors(fields, recipient_column);
                    None
                }
                Err(other) => return Err(other),
            }
        } else {
            None
        };
        match caregiver {
            Some(caregiver) if errors.is_empty() => valid_rows.push(ValidRow { row, extern_id, caregiver, recipient }),
            _ => report.rejected.extend(errors),
        }
    }

    if !report.rejected.is_empty() && !options.skip_invalid {
        return Ok(report);
    }

    let tx = conn.transaction()?;
    // A caregiver with two recipients has two rows; count the person once.
    let mut seen = std::collections::HashSet::new();
    // One read of every known key instead of a look-up per row.
    let mut known: std::collections::HashMap<String, i64> = tx
        .prepare("SELECT extern_id, id FROM caregiver WHERE extern_id IS NOT NULL")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for row in &valid_rows {
        let existing = match known.get(&row.extern_id).copied() {
            Some(id) => Some(id),
            None => match caregiver::find_twin(&tx, &row.caregiver, None)? {
                // A dossier typed in by hand before: this row is that person.
                Some(twin) if extern_id_of(&tx, twin.id)?.is_none() => Some(twin.id),
                Some(twin) => {
                    report.warnings.push(format!(
                        "Rij {}: lijkt op dossier {} ({} {}): zelfde naam, geboortedatum en postcode; toch als nieuw dossier opgenomen.",
                        row.row, twin.id, twin.first_name, twin.last_name
                    ));
                    None
                }
                None => None,
            },
        };
        let id = caregiver::write_caregiver(
            &tx,
            existing,
            Some(&row.extern_id),
            &row.caregiver,
            now,
            SearchIndex::Deferred,
        )?;
        known.insert(row.extern_id.clone(), id);
        if seen.insert(row.extern_id.as_str()) {
            if existing.is_some() {
                report.updated += 1;
            } else {
                report.created += 1;
            }
        }
        if let Some(recipient) = &row.recipient {
            caregiver::write_recipient_link(&tx, id, recipient, now)?;
        }
        report.imported += 1;
    }
    if report.imported > 0 {
        caregiver::rebuild_search_index(&tx)?;
        crate::audit::record(
            &tx,
            crate::audit::AuditAction::Import,
            None,
            &format!("mantelzorgers: {} nieuw, {} bijgewerkt", report.created, report.updated),
            now,
        )?;
    }
    options.finish(tx)?;
    Ok(report)
}

fn extern_id_of(conn: &Connection, id: i64) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT extern_id FROM caregiver WHERE id = ?1", [id], |r| r.get(0))?)
}
