//! The funding dashboard per municipality and funder, and the CLI's
//! summary built on it. Delivered comes from the ledger; planned is an
//! estimate and stays apart.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

use super::planned::planned_totals;
use crate::error::Result;
use crate::funding::engine::UNCOVERED;
use crate::funding::facts::budgets;
use crate::funding::scheme::{list_schemes, schemes_in_year, CapUnit};
use crate::money::Cents;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct FunderLine {
    /// VGZ, a CBS code, or NIET_GEDEKT.
    pub code: String,
    pub name: String,
    pub budget: Option<Cents>,
    /// Delivered, by service date, from the ledger.
    pub delivered: Cents,
    pub delivered_minutes: i64,
    /// Planned sessions of recipients in this municipality, at their tariff:
    /// a commitment, not allocated, never added to `delivered`.
    pub planned_estimate: Option<Cents>,
    pub left: Option<Cents>,
    /// Delivered by the end of the year at the pace so far.
    pub projection: Cents,
    pub percent_used: Option<i64>,
    pub warning: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct MonthPoint {
    pub month: u32,
    pub code: String,
    pub delivered: Cents,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct LowCap {
    pub caregiver_id: i64,
    pub name: String,
    pub scheme_code: String,
    pub left: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct Dashboard {
    pub year: i32,
    pub funders: Vec<FunderLine>,
    pub monthly: Vec<MonthPoint>,
    /// Caregivers with 2 or fewer cap days left.
    pub low_cap: Vec<LowCap>,
}

fn municipality_names(conn: &Connection) -> Result<HashMap<String, String>> {
    let mut stmt = conn.prepare_cached("SELECT code, name FROM municipality")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn dashboard(conn: &Connection, year: i32, today: NaiveDate) -> Result<Dashboard> {
    let schemes = list_schemes(conn)?;
    let names = municipality_names(conn)?;
    let budgets = budgets(conn, year)?;
    let (first, last) = (
        NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default(),
        NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default(),
    );
    let elapsed = (today.min(last) - first).num_days() + 1;
    let days_in_year = (last - first).num_days() + 1;
    let delivered: Vec<(String, i64, i64)> = conn
        .prepare_cached("SELECT funder, SUM(cents), SUM(minutes) FROM ledger_total WHERE year = ?1 GROUP BY funder")?
        .query_map([year], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let planned = planned_totals(conn, year)?;
    let mut codes: Vec<String> = Vec::new();
    for s in &schemes {
        if !codes.contains(&s.code) {
            codes.push(s.code.clone());
        }
    }
    let mut municipalities: Vec<&String> = budgets.keys().chain(planned.keys()).collect();
    municipalities.extend(delivered.iter().map(|(c, _, _)| c).filter(|c| names.contains_key(*c)));
    municipalities.sort_by_key(|c| names.get(*c).cloned().unwrap_or_default());
    municipalities.dedup();
    codes.extend(municipalities.into_iter().cloned());
    codes.push(UNCOVERED.to_string());
    let funders = codes
        .into_iter()
        .map(|code| {
            let (cents, minutes) =
                delivered.iter().find(|(c, _, _)| *c == code).map(|(_, c, m)| (*c, *m)).unwrap_or((0, 0));
            let budget = budgets.get(&code).copied();
            let projection =
                if elapsed >= days_in_year || elapsed <= 0 { cents } else { cents * days_in_year / elapsed };
            let percent_used = budget.filter(|b| *b > 0).map(|b| cents * 100 / b);
            let warning = match percent_used {
                Some(p) if p >= 100 => Some("Het budget is op: nieuwe inzet valt onder 'niet gedekt'.".to_string()),
                Some(p) if p >= 80 => Some(format!("{p}% van het budget is besteed.")),
                _ => match (budget, projection) {
                    (Some(b), proj) if b > 0 && proj > b => {
                        Some("Bij dit tempo is het budget voor het eind van het jaar op.".into())
                    }
                    _ => None,
                },
            };
            let name = schemes
                .iter()
                .find(|s| s.code == code)
                .map(|s| s.name.clone())
                .or_else(|| names.get(&code).cloned())
                .unwrap_or_else(|| "Niet gedekt".to_string());
            FunderLine {
                planned_estimate: planned.get(&code).map(|c| Cents::new(*c)),
                left: budget.map(|b| Cents::new(b - cents)),
                budget: budget.map(Cents::new),
                delivered: Cents::new(cents),
                delivered_minutes: minutes,
                projection: Cents::new(projection),
                percent_used,
                warning,
                name,
                code,
            }
        })
        .collect();
    let monthly = conn
        .prepare_cached("SELECT month, funder, cents FROM ledger_total WHERE year = ?1 ORDER BY month, funder")?
        .query_map([year], |r| Ok(MonthPoint { month: r.get(0)?, code: r.get(1)?, delivered: r.get(2)? }))?
        .collect::<rusqlite::Result<_>>()?;
    let mut low_cap = Vec::new();
    for scheme in schemes_in_year(conn, year)?.iter().filter(|s| s.cap_unit == CapUnit::Days && s.day_minutes.is_none())
    {
        let rows = conn
            .prepare_cached(
                "SELECT t.caregiver_id, c.first_name || ' ' || c.last_name, t.days FROM cap_total t
                 JOIN caregiver c ON c.id = t.caregiver_id WHERE t.year = ?1 AND t.funder = ?2 AND t.days >= ?3
                 ORDER BY t.days DESC, 2 LIMIT 200",
            )?
            .query_map(params![year, scheme.code, scheme.cap_amount - 2], |r| {
                Ok(LowCap {
                    caregiver_id: r.get(0)?,
                    name: r.get(1)?,
                    scheme_code: scheme.code.clone(),
                    left: (scheme.cap_amount - r.get::<_, i64>(2)?).max(0),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        low_cap.extend(rows);
    }
    Ok(Dashboard { year, funders, monthly, low_cap })
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct CaregiverCapDays {
    pub caregiver_id: i64,
    pub extern_id: Option<String>,
    pub scheme: String,
    pub days: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FundingSummary {
    pub year: i32,
    pub funders: Vec<FunderLine>,
    pub uncovered: Cents,
    pub caregivers: Vec<CaregiverCapDays>,
}

/// `respijt funding summary`: per funder its budget, delivered, planned and
/// left; the uncovered total; per caregiver the cap days used.
pub fn funding_summary(conn: &Connection, year: i32, today: NaiveDate) -> Result<FundingSummary> {
    let dashboard = dashboard(conn, year, today)?;
    let uncovered = dashboard.funders.iter().find(|f| f.code == UNCOVERED).map(|f| f.delivered).unwrap_or_default();
    let caregivers = conn
        .prepare_cached(
            "SELECT t.caregiver_id, c.extern_id, t.funder, t.days FROM cap_total t JOIN caregiver c ON c.id = t.caregiver_id
             WHERE t.year = ?1 AND t.days > 0 ORDER BY t.caregiver_id, t.funder",
        )?
        .query_map([year], |r| {
            Ok(CaregiverCapDays { caregiver_id: r.get(0)?, extern_id: r.get(1)?, scheme: r.get(2)?, days: r.get(3)? })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(FundingSummary { year, funders: dashboard.funders, uncovered, caregivers })
}
