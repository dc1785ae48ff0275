//! The four exports, each streamed into a sink: detailed usage, the
//! insurer's, a municipality's (pseudonymised, with totals per form and
//! provider), and the regional summary for the SPUK report.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rusqlite::Connection;

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

pub fn produce(
    conn: &Connection,
    period: &Period,
    kind: ExportKind,
    scope: &Scope,
    identified: bool,
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
                    (Some(id), true) => id.clone(),
                    _ => pseudonyms.of(r.caregiver_id),
                };
                sink.row(&[
                    t(&label),
                    t(r.service_date.to_string()),
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
                    t(who),
                ])
            })?;
            let blank = || t("");
            sink.total(&[
                t("totaal"),
                blank(),
                blank(),
                blank(),
                blank(),
                blank(),
                blank(),
                Cell::Int(totals.minutes),
                blank(),
                blank(),
                blank(),
                Cell::Money(totals.cents),
                blank(),
                blank(),
            ])?;
        }
        ExportKind::Insurer => {
            // Only this insurer's entries: its own insured, nobody else.
            sink.header(INSURER_COLUMNS)?;
            for_each_row(conn, period, scope, |r| {
                totals.add(r);
                sink.row(&[
                    t(&label),
                    t(&r.policy_number),
                    t(format!("{} {}", r.first_name, r.last_name)),
                    t(r.date_of_birth.to_string()),
                    t(r.service_date.to_string()),
                    t(r.form.code()),
                    t(r.unit.code()),
                    Cell::Hundredths(r.quantity_hundredths()),
                    Cell::Int(r.minutes),
                    Cell::Int(r.cap_days),
                    Cell::Money(r.cents),
                    t(&r.kind),
                ])
            })?;
            let blank = || t("");
            sink.total(&[
                t("totaal"),
                blank(),
                blank(),
                blank(),
                blank(),
                blank(),
                blank(),
                blank(),
                Cell::Int(totals.minutes),
                Cell::Int(totals.days),
                Cell::Money(totals.cents),
                blank(),
            ])?;
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
                    t(pseudonyms.of(r.caregiver_id)),
                    t(r.pc4()),
                    Cell::Int(i64::from(r.birth_year())),
                    t(r.service_date.to_string()),
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
            for ((form, provider, unit), total) in &by_form_provider {
                sink.total(&[
                    t("totaal per dienst en aanbieder"),
                    blank(),
                    blank(),
                    blank(),
                    blank(),
                    t(provider),
                    t(form),
                    t(unit),
                    Cell::Hundredths(total.quantity_hundredths),
                    Cell::Int(total.minutes),
                    Cell::Money(total.cents),
                    t("totaal"),
                ])?;
            }
            sink.total(&[
                t("totaal"),
                blank(),
                blank(),
                blank(),
                blank(),
                blank(),
                blank(),
                blank(),
                blank(),
                Cell::Int(totals.minutes),
                Cell::Money(totals.cents),
                t("totaal"),
            ])?;
        }
        ExportKind::Summary => {
            let (lines, names, sum) = summarise(conn, period, scope)?;
            totals = sum;
            sink.header(SUMMARY_COLUMNS)?;
            for ((municipality, funder), line) in &lines {
                sink.row(&[
                    t(&label),
                    t(municipality),
                    t(names.get(municipality).cloned().unwrap_or_default()),
                    t(funder),
                    t(name_of(funder)),
                    Cell::Money(line.totals.cents.cents()),
                    Cell::Hundredths((line.totals.minutes * 100 + 30) / 60),
                    Cell::Int(line.totals.cap_days),
                    Cell::Int(line.caregivers.len() as i64),
                ])?;
            }
            let blank = || t("");
            sink.total(&[
                t("totaal"),
                blank(),
                blank(),
                blank(),
                blank(),
                Cell::Money(totals.cents),
                Cell::Hundredths((totals.minutes * 100 + 30) / 60),
                Cell::Int(totals.days),
                Cell::Int(totals.caregivers.len() as i64),
            ])?;
        }
    }
    Ok(totals)
}
