//! Importing from the app: a file is read, checked and written exactly as
//! the CLI does (the same importers), first as a preview whose writes are
//! rolled back, then, after the director confirms, for real. The preview
//! says which rows would be added or changed and which are refused (row,
//! column, reason); the confirm refuses a file changed since its preview.

use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use super::{read_table_bytes, ImportOptions, ImportReport, RowError, Table};
use crate::access::Area;
use crate::codes::codes;
use crate::error::{Error, Result};

codes! {
    /// What a spreadsheet imported in the app holds.
    ImportKind / "het soort import" {
        Caregivers = "mantelzorgers" / "mantelzorgers en naasten",
        Providers = "aanbieders" / "aanbieders en hun diensten",
        Budgets = "budgetten" / "budgetten van de gemeenten",
        Statement = "overzicht" / "overzicht van een aanbieder (geleverde inzet)",
    }
}

impl ImportKind {
    /// The part of the app an import of this kind writes to.
    pub fn area(self) -> Area {
        match self {
            ImportKind::Caregivers | ImportKind::Statement => Area::Planning,
            ImportKind::Providers => Area::ProvidersEdit,
            ImportKind::Budgets => Area::Funding,
        }
    }

    /// The header row the file needs, in the file's own words.
    pub fn columns(self) -> Vec<&'static str> {
        match self {
            ImportKind::Caregivers => super::CAREGIVER_COLUMNS.to_vec(),
            ImportKind::Providers => crate::provider::PROVIDER_COLUMNS.to_vec(),
            ImportKind::Budgets => crate::funding::BUDGET_COLUMNS.to_vec(),
            ImportKind::Statement => crate::planning::STATEMENT_COLUMNS.to_vec(),
        }
    }

    /// For the director: what a row is and how a next import finds it again.
    pub fn explanation(self) -> &'static str {
        match self {
            ImportKind::Caregivers => {
                "Eén rij per mantelzorger en naaste; twee naasten zijn twee rijen. De kolom extern_id is uw eigen \
                 nummer voor de persoon: daarmee vindt een volgende import dezelfde persoon terug en wordt niemand \
                 dubbel opgenomen."
            }
            ImportKind::Providers => {
                "Eén rij per dienst van een aanbieder. De kolom extern_id is de eigen code van de aanbieder: een \
                 bekende code werkt die aanbieder bij."
            }
            ImportKind::Budgets => {
                "Eén rij per gemeente en jaar, met het budget in euro (zoals 125.000,00). Een bestaand budget wordt \
                 vervangen; de verdeling van dat jaar wordt opnieuw berekend."
            }
            ImportKind::Statement => {
                "Het maandoverzicht van een aanbieder: één rij per geleverde, afgezegde of gemiste inzet, met het \
                 regelnummer van de aanbieder in extern_id. De mantelzorger staat erin met het nummer bij de aanbieder \
                 of gemeente (mantelzorger_id), het dossiernummer, of naam en geboortedatum; de aanbieder met zijn \
                 eigen code (aanbieder_id) of zijn naam (aanbieder). Een rij sluit de geplande inzet af; een rij zonder \
                 geplande inzet wordt vastgelegd om na te kijken."
            }
        }
    }
}

/// A kind the signed-in user may import, with what the screen explains.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ImportKindView {
    pub kind: ImportKind,
    pub label: String,
    pub explanation: String,
    pub columns: Vec<String>,
}

impl From<ImportKind> for ImportKindView {
    fn from(kind: ImportKind) -> Self {
        ImportKindView {
            kind,
            label: kind.label().to_string(),
            explanation: kind.explanation().to_string(),
            columns: kind.columns().into_iter().map(String::from).collect(),
        }
    }
}

/// What an import did, or would do: the preview and the confirm give the same.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ImportOutcome {
    pub file_name: String,
    /// Identifies the file as previewed: the confirm must bring the same.
    pub fingerprint: String,
    /// Data rows in the file.
    pub rows: usize,
    /// Persons, providers, budgets or sessions that are (or would be) new.
    pub added: usize,
    /// Those that are (or would be) brought up to date.
    pub changed: usize,
    /// Every refused row, with its column and a Dutch reason. With any
    /// refused row nothing is written.
    pub refused: Vec<RowError>,
    pub warnings: Vec<String>,
    /// What else happens, in Dutch (a statement's lines matched, unplanned, ...).
    pub notes: Vec<String>,
    /// False for a preview: nothing was kept.
    pub written: bool,
}

/// The fingerprint of a file's bytes (SHA-256, hex).
pub fn fingerprint(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Reads the file and imports it: `preview` rolls every write back.
/// `expected`, for the confirm, is the fingerprint its preview gave.
pub fn import_file(
    conn: &mut Connection,
    kind: ImportKind,
    path: &Path,
    expected: Option<&str>,
    preview: bool,
    now: DateTime<Utc>,
) -> Result<ImportOutcome> {
    let bytes = std::fs::read(path)
        .map_err(|e| Error::Invalid(format!("Het bestand '{}' kon niet worden gelezen: {e}", path.display())))?;
    let print = fingerprint(&bytes);
    if expected.is_some_and(|e| e != print) {
        return Err(Error::Invalid(
            "Het bestand is veranderd sinds de controle. Kies het opnieuw: dan ziet u eerst wat er nu in staat.".into(),
        ));
    }
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let table = read_table_bytes(&name, &bytes)?;
    let mut outcome = import_table(conn, kind, &table, ImportOptions { preview, ..Default::default() }, now)?;
    outcome.file_name = name;
    outcome.fingerprint = print;
    Ok(outcome)
}

/// One import of a read table, by the same importers the CLI calls.
pub fn import_table(
    conn: &mut Connection,
    kind: ImportKind,
    table: &Table,
    options: ImportOptions,
    now: DateTime<Utc>,
) -> Result<ImportOutcome> {
    let rows = table.rows.iter().filter(|r| r.iter().any(|c| !c.is_empty())).count();
    let mut outcome = match kind {
        ImportKind::Caregivers => from_report(super::import_caregivers(conn, table, options, now)?),
        ImportKind::Providers => from_report(crate::provider::import_providers(conn, table, options, now)?),
        ImportKind::Budgets => from_report(crate::funding::import_budgets(conn, table, options, now)?),
        ImportKind::Statement => {
            let report = crate::planning::import_statement(conn, table, options, now)?;
            let notes = [
                (report.matched, "bij een geplande inzet gevonden en afgesloten"),
                (report.unplanned.len(), "niet gepland: als nieuwe inzet vastgelegd, om na te kijken"),
                (report.differences.len(), "met een andere duur dan gepland, om na te kijken"),
                (report.clashes.len(), "botsen met andere inzet, om na te kijken"),
                (report.repeated, "al eerder ingelezen: bijgewerkt, niets dubbel"),
            ]
            .into_iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, what)| format!("{n} {} {what}", lines(n)))
            .chain(crate::planning::MatchKey::ALL.iter().filter_map(|key| {
                let n = report.people.iter().filter(|p| p.matched_by == *key).count();
                (n > 0).then(|| format!("bij {n} {} is de mantelzorger gevonden op {}", lines(n), key.label()))
            }))
            .collect();
            ImportOutcome {
                added: report.unplanned.len(),
                changed: report.matched + report.repeated,
                refused: report.rejected,
                notes,
                ..Default::default()
            }
        }
    };
    outcome.rows = rows;
    outcome.written = !options.preview && outcome.refused.is_empty();
    Ok(outcome)
}

fn lines(n: usize) -> &'static str {
    if n == 1 {
        "regel"
    } else {
        "regels"
    }
}

fn from_report(report: ImportReport) -> ImportOutcome {
    ImportOutcome {
        added: report.created,
        changed: report.updated,
        refused: report.rejected,
        warnings: report.warnings,
        ..Default::default()
    }
}
