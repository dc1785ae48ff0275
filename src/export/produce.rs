//! The four exports, each streamed into a sink: detailed usage, the
//! insurer's, a municipality's (pseudonymised, with totals per form and
//! provider), and the regional summary for the SPUK report.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rusqlite::Connection;

use super::consent::FunderConsent;
use super::rows::{for_each_row, funder_names, Pseudonyms, Scope, UsageRow};
use super::sink::{Cell, Sink};
use super::{ExportKind, ExportTotals, Period};
use crate::error::Result;
use crate::funding::Totals;

pub const USAGE_COLUMNS: &[&str] = &[
    "periode",
    "datum",
    "gemeente",
    "aanbieder",
    "dienst",
    "eenheid",
    "hoeveelheid",
    "minuten",
    "kosten",
    "financier",
    "financier_naam",
    "bedrag",
    "soort",
    "mantelzorger",
];
pub const INSURER_COLUMNS: &[&str] = &[
    "periode",
    "polisnummer",
    "naam",
    "geboortedatum",
    "datum",
    "dienst",
    "eenheid",
    "hoeveelheid",
    "minuten",
    "dagen",
    "bedrag",
    "soort",
];
pub const MUNICIPALITY_COLUMNS: &[&str] = &[
    "periode",
    "mantelzorger",
    "pc4",
    "geboortejaar",
    "datum",
    "aanbieder",
    "dienst",
    "eenheid",
    "hoeveelheid",
    "minuten",
    "bedrag",
    "soort",
];
pub const SUMMARY_COLUMNS: &[&str] = &[
    "periode",
    "gemeente",
    "gemeente_naam",
    "financier",
    "financier_naam",
    "bedrag",
    "uren",
    "dagen",
    "mantelzorgers",
];

// The totals, apart from the data. In the CSV they follow an empty line
// from the first column on; every number in them falls in a column that
// holds only text or dates in the data, so a SUM over a data column never
// adds them in (`totals_stay_out_of_the_numeric_data_columns`).
pub const USAGE_TOTALS: &[&str] = &["totalen", "regels", "minuten", "bedrag"];
pub const INSURER_TOTALS: &[&str] = &["totalen", "regels", "minuten", "dagen", "bedrag"];
pub const MUNICIPALITY_TOTALS: &[&str] =
    &["totalen", "dienst", "aanbieder", "eenheid", "hoeveelheid", "minuten", "bedrag"];
pub const SUMMARY_TOTALS: &[&str] = &["totalen", "bedrag", "uren", "dagen", "mantelzorgers"];

fn t(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

/// The regional summary: per municipality and funder.
#[derive(Default)]
pub struct SummaryLine {
    pub totals: Totals,
    pub caregivers: BTreeSet<i64>,
}

/// The municipality's totals per service and provider.
#[derive(Default)]
struct ServiceTotal {
    quantity_hundredths: i64,
    minutes: i64,
    cents: i64,
}

/// Lines per (municipality, funder), municipality names, and the totals.
pub type Summary = (BTreeMap<(String, String), SummaryLine>, HashMap<String, String>, ExportTotals);

pub fn summarise(conn: &Connection, period: &Period, scope: &Scope) -> Result<Summary> {
    let mut lines: BTreeMap<(String, String), SummaryLine> = BTreeMap::new();
    let mut names = HashMap::new();
    let mut totals = ExportTotals::default();
    for_each_row(conn, period, scope, |r| {
        names.insert(r.municipality_code.clone(), r.municipality_name.clone());
        let line = lines.entry((r.municipality_code.clone(), r.funder.clone())).or_default();
        line.totals += r.totals();
        line.caregivers.insert(r.caregiver_id);
        totals.add(r);
        Ok(())
    })?;
    Ok((lines, names, totals))
}

/// Writes one export into the sink. `consent` decides, per caregiver,
/// whether a row may carry their identifying fields (the insurer's policy
/// number, name and date of birth; the extern id of an identified usage
/// export); rows that may not carry the pseudonym instead.
pub(crate) fn produce(
    conn: &Connection,
    period: &Period,
    kind: ExportKind,
    scope: &Scope,
    identified: bool,
    consent: &mut FunderConsent,
    sink: &mut dyn Sink,
) -> Result<ExportTotals> {
    let funders = funder_names(conn)?;
    let pseudonyms = Pseudonyms::load(conn)?;
    let name_of = |code: &str| funders.get(code).cloned().unwrap_or_else(|| code.to_string());
    let label = period.label.clone();
    let mut totals = ExportTotals::default();
    match kind {
        ExportKind::Usage => {
            sink.header(USAGE_COLUMNS)?;
            for_each_row(conn, period, scope, |r: &UsageRow| {
                totals.add(r);
                let who = match (&r.extern_id, identified) {
                    (Some(id), true) if consent.shares(conn, r.caregiver_id)? => id.clone(),
                    _ => pseudonyms.of(r.caregiver_id),
                };
                sink.row(&[
                    t(&label),
                    Cell::Date(r.service_date),
                    t(&r.municipality_name),
                    t(&r.provider),
                    t(r.form.code()),
                    t(r.unit.code()),
                    Cell::Hundredths(r.quantity_hundredths()),
                    Cell::Int(r.minutes),
                    Cell::Money(r.cost),
                    t(&r.funder),
                    t(name_of(&r.funder)),
                    Cell::Money(r.cents),
                    t(&r.kind),
                    Cell::Id(who),
                ])
            })?;
            sink.totals(
                USAGE_TOTALS,
                &[vec![t("totaal"), Cell::Int(totals.rows), Cell::Int(totals.minutes), Cell::Money(totals.cents)]],
            )?;
        }
        ExportKind::Insurer => {
            // Only this insurer's entries: its own insured, nobody else.
            sink.header(INSURER_COLUMNS)?;
            for_each_row(conn, period, scope, |r| {
                totals.add(r);
                // Without consent to share with funders: the pseudonym, no policy number, no birth date.
                let (policy, name, born) = if consent.shares(conn, r.caregiver_id)? {
                    (
                        Cell::Id(r.policy_number.clone()),
                        t(format!("{} {}", r.first_name, r.last_name)),
                        Cell::Date(r.date_of_birth),
                    )
                } else {
                    (Cell::Id(String::new()), Cell::Id(pseudonyms.of(r.caregiver_id)), t(""))
                };
                sink.row(&[
                    t(&label),
                    policy,
                    name,
                    born,
                    Cell::Date(r.service_date),
                    t(r.form.code()),
                    t(r.unit.code()),
                    Cell::Hundredths(r.quantity_hundredths()),
                    Cell::Int(r.minutes),
                    Cell::Int(r.cap_days),
                    Cell::Money(r.cents),
                    t(&r.kind),
                ])
            })?;
            sink.totals(
                INSURER_TOTALS,
                &[vec![
                    t("totaal"),
                    Cell::Int(totals.rows),
                    Cell::Int(totals.minutes),
                    Cell::Int(totals.days),
                    Cell::Money(totals.cents),
                ]],
            )?;
        }
        ExportKind::Municipality => {
            // Pseudonymised: no names, PC4 instead of the postcode, the birth year only, no free text.
            sink.header(MUNICIPALITY_COLUMNS)?;
            let mut by_form_provider: BTreeMap<(String, String, String), ServiceTotal> = BTreeMap::new();
            for_each_row(conn, period, scope, |r| {
                totals.add(r);
                // Keyed by the codes' text, so the totals keep their order in the file.
                let key = (r.form.code().to_string(), r.provider.clone(), r.unit.code().to_string());
                let e = by_form_provider.entry(key).or_default();
                e.quantity_hundredths += r.quantity_hundredths();
                e.minutes += r.minutes;
                e.cents += r.cents;
                sink.row(&[
                    t(&label),
                    Cell::Id(pseudonyms.of(r.caregiver_id)),
                    Cell::Id(r.pc4().to_string()),
                    Cell::Int(i64::from(r.birth_year())),
                    Cell::Date(r.service_date),
                    t(&r.provider),
                    t(r.form.code()),
                    t(r.unit.code()),
                    Cell::Hundredths(r.quantity_hundredths()),
                    Cell::Int(r.minutes),
                    Cell::Money(r.cents),
                    t(&r.kind),
                ])
            })?;
            let blank = || t("");
            let mut lines: Vec<Vec<Cell>> = by_form_provider
                .iter()
                .map(|((form, provider, unit), total)| {
                    vec![
                        t("per dienst en aanbieder"),
                        t(form),
                        t(provider),
                        t(unit),
                        Cell::Hundredths(total.quantity_hundredths),
                        Cell::Int(total.minutes),
                        Cell::Money(total.cents),
                    ]
                })
                .collect();
            lines.push(vec![
                t("totaal"),
                blank(),
                blank(),
                blank(),
                blank(),
                Cell::Int(totals.minutes),
                Cell::Money(totals.cents),
            ]);
            sink.totals(MUNICIPALITY_TOTALS, &lines)?;
        }
        ExportKind::Summary => {
            let (lines, names, sum) = summarise(conn, period, scope)?;
            totals = sum;
            sink.header(SUMMARY_COLUMNS)?;
            for ((municipality, funder), line) in &lines {
                sink.row(&[
                    t(&label),
                    Cell::Id(municipality.clone()),
                    t(names.get(municipality).cloned().unwrap_or_default()),
                    t(funder),
                    t(name_of(funder)),
                    Cell::Money(line.totals.cents.cents()),
                    Cell::Hundredths((line.totals.minutes * 100 + 30) / 60),
                    Cell::Int(line.totals.cap_days),
                    Cell::Int(line.caregivers.len() as i64),
                ])?;
            }
            sink.totals(
                SUMMARY_TOTALS,
                &[vec![
                    t("totaal"),
                    Cell::Money(totals.cents),
                    Cell::Hundredths((totals.minutes * 100 + 30) / 60),
                    Cell::Int(totals.days),
                    Cell::Int(totals.caregivers.len() as i64),
                ]],
            )?;
        }
    }
    Ok(totals)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The data columns that hold numbers, by kind.
    const NUMERIC: &[&str] =
        &["hoeveelheid", "minuten", "kosten", "bedrag", "dagen", "uren", "mantelzorgers", "geboortejaar"];

    #[test]
    fn totals_stay_out_of_the_numeric_data_columns() {
        for (data, totals) in [
            (USAGE_COLUMNS, USAGE_TOTALS),
            (INSURER_COLUMNS, INSURER_TOTALS),
            (MUNICIPALITY_COLUMNS, MUNICIPALITY_TOTALS),
            (SUMMARY_COLUMNS, SUMMARY_TOTALS),
        ] {
            // Every totals column after the label carries a number or a code;
            // the codes (dienst, aanbieder, eenheid) are text.
            for (i, name) in totals.iter().enumerate().skip(1) {
                if ["dienst", "aanbieder", "eenheid"].contains(name) {
                    continue;
                }
                assert!(!NUMERIC.contains(&data[i]), "totals column '{name}' lands in data column '{}'", data[i]);
            }
        }
    }
}
