//! `respijt import schemes FILE`: insurer schemes as data. A row with a new
//! code adds a scheme; a row with an existing code and a new `geldig_vanaf`
//! adds a version (the version before it then ends the day before, so
//! closed years keep their cap); the same code and `geldig_vanaf` change that
//! version. All or nothing, with Dutch messages per row and column; the open
//! years are re-allocated in the same transaction.

use chrono::{DateTime, Days, NaiveDate, Utc};
use rusqlite::Connection;

use super::scheme::{list_schemes, save_scheme, CapUnit, EligibilityRule, PolicyHolder, Scheme};
use super::settings::reallocate_open_years;
use crate::dutch;
use crate::error::{Error, Result};
use crate::import::{ImportOptions, ImportReport, RowError, Table};
use crate::insurer::InsurerIndex;
use crate::intake::RespiteForm;
use crate::money::Cents;

/// The header of a scheme file, in this order.
pub const SCHEME_COLUMNS: &[&str] = &[
    "code",
    "naam",
    "verzekeraars",
    "polis_van",
    "aanvullend_nodig",
    "eenheid",
    "plafond",
    "uren_per_dag",
    "vormen",
    "uitsluiten",
    "geldig_vanaf",
    "geldig_tot",
    "prioriteit",
];

fn list(cell: &str) -> Vec<&str> {
    cell.split(',').map(str::trim).filter(|s| !s.is_empty()).collect()
}

/// One row as a scheme version, or the row's errors.
fn parse_row(
    conn: &Connection,
    index: &InsurerIndex,
    row: usize,
    cell: &dyn Fn(&str) -> String,
) -> Result<std::result::Result<Scheme, Vec<RowError>>> {
    let mut errors = Vec::new();
    let mut fail = |column: &str, message: String| errors.push(RowError { row, column: column.into(), message });
    let code = cell("code").to_uppercase();
    if let Some(problem) = code_problem(conn, &code)? {
        fail("code", problem);
    }
    let name = cell("naam");
    if name.is_empty() {
        fail("naam", "Vul de naam van de regeling in.".into());
    }
    let mut insurers: Vec<String> = Vec::new();
    for name in list(&cell("verzekeraars")) {
        match index.choose(name) {
            Ok(label) if label != crate::insurer::OTHER => {
                if !insurers.contains(&label) {
                    insurers.push(label);
                }
            }
            Ok(_) => fail("verzekeraars", "'andere' is geen verzekeraar: noem de labels uit de lijst.".into()),
            Err(message) => fail("verzekeraars", message),
        }
    }
    if insurers.is_empty() && list(&cell("verzekeraars")).is_empty() {
        fail("verzekeraars", "Vul minstens één verzekeraar in, zoals VGZ.".into());
    }
    let policy_holder = PolicyHolder::from_code(&cell("polis_van").to_lowercase());
    if policy_holder.is_none() {
        fail("polis_van", format!("'{}' is geen polishouder. Schrijf mantelzorger of naaste.", cell("polis_van")));
    }
    let supplementary = match dutch::parse_yes_no(&cell("aanvullend_nodig")) {
        Ok(b) => b,
        Err(message) => {
            fail("aanvullend_nodig", format!("{message} Schrijf ja of nee."));
            false
        }
    };
    let unit = CapUnit::from_code(&cell("eenheid").to_lowercase());
    let cap = match unit {
        None => {
            fail("eenheid", format!("'{}' is geen eenheid. Schrijf dagen, uren of euro.", cell("eenheid")));
            None
        }
        Some(CapUnit::Days) => cell("plafond").parse::<i64>().ok().filter(|d| (0..=366).contains(d)),
        Some(CapUnit::Hours) => dutch::parse_hours_as_minutes(&cell("plafond")).ok().filter(|m| *m <= 366 * 24 * 60),
        Some(CapUnit::Euros) => {
            Cents::parse_euros(&cell("plafond")).ok().filter(|c| *c >= Cents::ZERO).map(|c| c.cents())
        }
    };
    if unit.is_some() && cap.is_none() {
        fail("plafond", format!("'{}' is geen plafond in {}.", cell("plafond"), cell("eenheid").to_lowercase()));
    }
    let day_minutes = match (unit, cell("uren_per_dag").as_str()) {
        (_, "") => None,
        (Some(CapUnit::Days), raw) => match dutch::parse_hours_as_minutes(raw) {
            Ok(m) if (1..=24 * 60).contains(&m) => Some(m),
            _ => {
                fail("uren_per_dag", format!("'{raw}' is geen aantal uren van meer dan 0 en hoogstens 24."));
                None
            }
        },
        (_, _) => {
            fail("uren_per_dag", "Uren per dag horen alleen bij een plafond in dagen; laat leeg.".into());
            None
        }
    };
    let mut forms = Vec::new();
    for form in list(&cell("vormen")) {
        match RespiteForm::from_code(&form.to_lowercase()) {
            Some(f) if !forms.contains(&f) => forms.push(f),
            Some(_) => {}
            None => fail("vormen", format!("'{form}' is geen vorm. Kies uit: thuis, dagopvang, logeeropvang, 24uurs.")),
        }
    }
    if list(&cell("vormen")).is_empty() {
        fail("vormen", "Vul minstens één vorm in, zoals thuis.".into());
    }
    forms.sort();
    let (mut wlz, mut wmo, mut pgb) = (false, false, false);
    for other in list(&cell("uitsluiten")) {
        match other.to_lowercase().as_str() {
            "wlz" => wlz = true,
            "wmo" => wmo = true,
            "pgb" => pgb = true,
            _ => fail("uitsluiten", format!("'{other}' kan niet uitgesloten worden. Kies uit: wlz, wmo, pgb.")),
        }
    }
    let mut date = |column: &str| -> Option<NaiveDate> {
        let raw = cell(column);
        if raw.is_empty() {
            return None;
        }
        dutch::parse_date(&raw).map_err(|m| fail(column, m)).ok()
    };
    let valid_from = date("geldig_vanaf");
    let valid_to = date("geldig_tot");
    if let (Some(from), Some(to)) = (valid_from, valid_to) {
        if to < from {
            fail("geldig_tot", "'geldig_tot' ligt voor 'geldig_vanaf'.".into());
        }
    }
    let priority = match cell("prioriteit").as_str() {
        "" => Some(1),
        raw => raw.parse::<i64>().ok().filter(|p| (1..=99).contains(p)),
    };
    if priority.is_none() {
        fail(
            "prioriteit",
            format!("'{}' is geen prioriteit; schrijf een heel getal van 1 tot 99.", cell("prioriteit")),
        );
    }
    match (policy_holder, unit, cap, priority) {
        (Some(policy_holder), Some(cap_unit), Some(cap_amount), Some(priority)) if errors.is_empty() => {
            Ok(Ok(Scheme {
                id: 0,
                code,
                name: name.to_string(),
                insurers,
                policy_holder,
                requires_supplementary: supplementary,
                cap_unit,
                cap_amount,
                day_minutes,
                forms,
                exclude_wlz: wlz,
                exclude_wmo: wmo,
                exclude_pgb: pgb,
                min_care_minutes: None,
                min_months_caring: None,
                eligibility_rule: EligibilityRule::Either,
                valid_from,
                valid_to,
                note: String::new(),
                priority,
                active: true,
            }))
        }
        _ => Ok(Err(errors)),
    }
}

/// Saves a scheme version by its code and first day: the version with the
/// same first day is changed (true), else one is added (false) and the
/// version before it, if still open then, ends the day before.
pub(super) fn save_version(conn: &Connection, mut scheme: Scheme) -> Result<bool> {
    let versions: Vec<Scheme> = list_schemes(conn)?.into_iter().filter(|s| s.code == scheme.code).collect();
    let existing = versions.iter().find(|s| s.valid_from == scheme.valid_from);
    if let Some(same) = existing {
        scheme.id = same.id;
        if scheme.note.is_empty() {
            scheme.note.clone_from(&same.note);
        }
    }
    if let Some(from) = scheme.valid_from {
        for before in versions.iter().filter(|s| s.id != scheme.id && s.valid_from.is_none_or(|f| f < from)) {
            if before.valid_to.is_none_or(|to| to >= from) {
                let mut closed = before.clone();
                closed.valid_to = from.checked_sub_days(Days::new(1));
                save_scheme(conn, &closed)?;
            }
        }
    }
    save_scheme(conn, &scheme)?;
    Ok(existing.is_some())
}

/// Why a code cannot name a scheme, if it cannot: the ledger knows funders by
/// code, next to the municipalities' CBS codes and "niet gedekt".
pub(super) fn code_problem(conn: &Connection, code: &str) -> Result<Option<String>> {
    if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
        return Ok(Some(
            "Vul een code in van letters en cijfers, zoals VGZ: zo heet de regeling in het grootboek.".into(),
        ));
    }
    if code == super::engine::UNCOVERED || crate::region::find_municipality(conn, code)?.is_some() {
        return Ok(Some(format!("'{code}' is al de code van een gemeente of van 'niet gedekt'; kies een andere.")));
    }
    Ok(None)
}

pub fn import_schemes(
    conn: &mut Connection,
    table: &Table,
    options: ImportOptions,
    now: DateTime<Utc>,
) -> Result<ImportReport> {
    for column in SCHEME_COLUMNS {
        if table.column(column).is_none() {
            return Err(Error::Invalid(format!(
                "De kolom {column} ontbreekt. Verwachte kolommen: {}.",
                SCHEME_COLUMNS.join(";")
            )));
        }
    }
    let index = InsurerIndex::load(conn)?;
    let mut report = ImportReport { warnings: table.warnings.clone(), ..Default::default() };
    let mut rows: Vec<Scheme> = Vec::new();
    for (i, cells) in table.rows.iter().enumerate() {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let row = i + 1;
        let cell = |name: &str| {
            table.column(name).and_then(|i| cells.get(i)).map(|c| c.trim().to_string()).unwrap_or_default()
        };
        match parse_row(conn, &index, row, &cell)? {
            Ok(scheme) => {
                if rows.iter().any(|s| s.code == scheme.code && s.valid_from == scheme.valid_from) {
                    report.rejected.push(RowError {
                        row,
                        column: "geldig_vanaf".into(),
                        message: format!(
                            "Regeling {} met deze 'geldig_vanaf' staat al eerder in het bestand.",
                            scheme.code
                        ),
                    });
                } else {
                    rows.push(scheme);
                }
            }
            Err(errors) => report.rejected.extend(errors),
        }
    }
    if !report.rejected.is_empty() && !options.skip_invalid {
        return Ok(report);
    }
    let tx = conn.transaction()?;
    for scheme in rows {
        if save_version(&tx, scheme)? {
            report.updated += 1;
        } else {
            report.created += 1;
        }
        report.imported += 1;
    }
    reallocate_open_years(&tx, now)?;
    crate::audit::record(
        &tx,
        crate::audit::AuditAction::Import,
        None,
        &format!("regelingen: {} ingelezen", report.imported),
        now,
    )?;
    options.finish(tx)?;
    Ok(report)
}
