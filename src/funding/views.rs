//! What people see of the funding: a caregiver's cap, the dashboard per
//! municipality and funder, the CLI summary, and a preview before booking.
//! Delivered (from the ledger) and planned (an estimate of commitments) are
//! always reported apart.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::engine::{self, SessionFacts, UNCOVERED};
use super::facts::{budgets, cost_of, covering, delivered_facts, engine_policy, scheme_rule, tariffs};
use super::scheme::{list_schemes, CapUnit};
use super::Totals;
use crate::error::Result;
use crate::intake::RespiteForm;
use crate::money::Cents;
use crate::planning::ValidSession;
use crate::provider::Unit;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct CapView {
    pub scheme_code: String,
    pub scheme_name: String,
    pub unit: CapUnit,
    /// Days, minutes or cents, as the unit says.
    pub cap: i64,
    pub used: i64,
    pub left: i64,
    /// The service dates that used a day (day caps), in order.
    pub dates: Vec<NaiveDate>,
}

/// A caregiver's use of each insurer scheme in a year (delivered, from the ledger).
pub fn caregiver_cap(conn: &Connection, caregiver_id: i64, year: i32) -> Result<Vec<CapView>> {
    let mut views = Vec::new();
    for scheme in list_schemes(conn)?.into_iter().filter(|s| s.active) {
        let used: Totals = conn
            .prepare_cached(
                "SELECT COALESCE(SUM(cap_days), 0), COALESCE(SUM(minutes), 0), COALESCE(SUM(cents), 0)
                 FROM ledger_entry WHERE caregiver_id = ?1 AND year = ?2 AND funder = ?3",
            )?
            .query_row(params![caregiver_id, year, scheme.code], |r| {
                Ok(Totals { cap_days: r.get(0)?, minutes: r.get(1)?, cents: r.get(2)? })
            })?;
        let dates: Vec<NaiveDate> = conn
            .prepare_cached(
                "SELECT service_date FROM ledger_entry WHERE caregiver_id = ?1 AND year = ?2 AND funder = ?3
                 GROUP BY session_id HAVING SUM(cap_days) > 0 ORDER BY service_date",
            )?
            .query_map(params![caregiver_id, year, scheme.code], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let used = match (scheme.cap_unit, scheme.day_minutes) {
            (CapUnit::Days, None) => used.cap_days,
            (CapUnit::Days, Some(per_day)) => (used.minutes + per_day - 1) / per_day.max(1),
            (CapUnit::Hours, _) => used.minutes,
            (CapUnit::Euros, _) => used.cents.cents(),
        };
        views.push(CapView {
            scheme_code: scheme.code,
            scheme_name: scheme.name,
            unit: scheme.cap_unit,
            cap: scheme.cap_amount,
            used,
            left: (scheme.cap_amount - used).max(0),
            dates,
        });
    }
    Ok(views)
}

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

/// The estimated cost of the sessions planned (or confirmed) in a year, per
/// municipality of the recipient, as kept by the store's triggers; rebuilt
/// first when a tariff, a service or a recipient's municipality changed.
fn planned_totals(conn: &Connection, year: i32) -> Result<HashMap<String, i64>> {
    let stale: bool = conn.query_row("SELECT stale FROM planned_total_state", [], |r| r.get(0))?;
    if stale {
        rebuild_planned_totals(conn)?;
    }
    let mut stmt =
        conn.prepare_cached("SELECT municipality_code, cents FROM planned_total WHERE year = ?1 AND cents <> 0")?;
    let rows = stmt.query_map([year], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Costs every planned (or confirmed) session afresh, as the ledger would,
/// and replaces the kept totals: read from the session index, summed per
/// year and recipient before the recipients' municipalities are looked up.
pub fn rebuild_planned_totals(conn: &Connection) -> Result<()> {
    let tariffs = tariffs(conn)?;
    let mut per_recipient: HashMap<(i32, i64), i64> = HashMap::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT recipient_id, provider_id, form, unit, date, ends_at - starts_at, units
             FROM session INDEXED BY session_by_status_date WHERE status IN ('gepland', 'bevestigd')",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            // An unknown form or unit is an error, not a skipped session or an hourly price.
            let form: RespiteForm = r.get(2)?;
            let unit: Unit = r.get(3)?;
            let date = crate::store::iso_date(r.get_ref(4)?.as_str().unwrap_or_default());
            let Some(date) = date else { continue };
            if let Some(cost) = cost_of(&tariffs, r.get(1)?, form, unit, r.get(6)?, r.get(5)?, date) {
                *per_recipient.entry((date.year(), r.get(0)?)).or_default() += cost;
            }
        }
    }
    let ids: Vec<i64> = per_recipient.keys().map(|(_, id)| *id).collect();
    let ids = serde_json::to_string(&ids).unwrap_or_else(|_| "[]".into());
    let mut municipality_of: HashMap<i64, String> = HashMap::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT id, municipality_code FROM care_recipient
             WHERE id IN (SELECT value FROM json_each(?1)) AND municipality_code IS NOT NULL",
        )?;
        let mut rows = stmt.query([ids])?;
        while let Some(r) = rows.next()? {
            municipality_of.insert(r.get(0)?, r.get(1)?);
        }
    }
    let mut totals: HashMap<(i32, &str), i64> = HashMap::new();
    for ((year, recipient), cents) in &per_recipient {
        if let Some(code) = municipality_of.get(recipient) {
            *totals.entry((*year, code.as_str())).or_default() += cents;
        }
    }
    crate::store::in_savepoint(conn, "planned_totals", || {
        conn.execute("DELETE FROM planned_total", [])?;
        let mut insert =
            conn.prepare_cached("INSERT INTO planned_total (year, municipality_code, cents) VALUES (?1, ?2, ?3)")?;
        for ((year, code), cents) in &totals {
            insert.execute(params![year, code, cents])?;
        }
        conn.execute("UPDATE planned_total_state SET stale = 0", [])?;
        Ok(())
    })
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
    let mut codes: Vec<String> = schemes.iter().map(|s| s.code.clone()).collect();
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
    for scheme in schemes.iter().filter(|s| s.active && s.cap_unit == CapUnit::Days && s.day_minutes.is_none()) {
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct PreviewShare {
    pub code: String,
    pub cents: Cents,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct PlanPreview {
    pub cost: Cents,
    /// Who would pay, if these sessions and everything already planned are delivered.
    pub shares: Vec<PreviewShare>,
    pub without_tariff: usize,
}

/// What planned sessions would cost and who would pay, before booking: the
/// year is allocated as if every planned session and these were delivered.
pub fn preview_plan(conn: &Connection, sessions: &[ValidSession]) -> Result<PlanPreview> {
    let mut by_year: HashMap<i32, Vec<&ValidSession>> = HashMap::new();
    for s in sessions {
        by_year.entry(s.date.year()).or_default().push(s);
    }
    let mut shares: HashMap<String, i64> = HashMap::new();
    let mut cost = 0;
    let mut without_tariff = 0;
    for (year, planned) in by_year {
        // Hypothetical sessions get negative ids, so they never meet real ones.
        let municipality: Option<String> = match planned.first() {
            Some(s) => conn
                .prepare_cached("SELECT municipality_code FROM care_recipient WHERE id = ?1")?
                .query_row([s.recipient_id], |r| r.get(0))
                .optional()?
                .flatten(),
            None => None,
        };
        let mut extra = Vec::new();
        for (i, s) in planned.iter().enumerate() {
            let tariff = crate::provider::tariff_on(conn, s.provider_id, s.form, s.date)?;
            let minutes = s.ends_at - s.starts_at;
            let session_cost = match tariff {
                None => {
                    without_tariff += 1;
                    0
                }
                Some(t) => match t.unit.minutes() {
                    None => t.cents.per_hour_times_minutes(minutes).cents(),
                    Some(_) => t.cents.cents() * s.units.max(1),
                },
            };
            extra.push(SessionFacts {
                id: -(i as i64) - 1,
                caregiver_id: s.caregiver_id,
                date: s.date,
                starts_at: s.starts_at,
                minutes,
                cost: session_cost,
                municipality: municipality.as_deref().map(Into::into),
                scheme: None,
            });
        }
        let (mut facts, schemes, _) = delivered_facts(conn, year, &super::facts::Filter::Year)?;
        // The caregiver's scheme applies to the hypothetical sessions as to real ones.
        let scheme_of_caregiver = covering_for_new(conn, &schemes, planned.first().copied())?;
        for e in &mut extra {
            e.scheme = scheme_of_caregiver;
        }
        facts.extend(extra);
        let rules: Vec<_> = schemes.iter().map(scheme_rule).collect();
        let allocation = engine::allocate(&facts, &rules, engine_policy(conn)?, &budgets(conn, year)?);
        for (_, parts) in allocation.into_iter().filter(|(id, _)| *id < 0) {
            for p in parts {
                cost += p.cents;
                *shares.entry(p.funder.to_string()).or_default() += p.cents;
            }
        }
    }
    let mut shares: Vec<PreviewShare> =
        shares.into_iter().map(|(code, c)| PreviewShare { code, cents: Cents::new(c) }).collect();
    shares.sort_by(|a, b| b.cents.cmp(&a.cents).then(a.code.cmp(&b.code)));
    Ok(PlanPreview { cost: Cents::new(cost), shares, without_tariff })
}

fn covering_for_new(
    conn: &Connection,
    schemes: &[super::Scheme],
    session: Option<&ValidSession>,
) -> Result<Option<usize>> {
    let Some(s) = session else { return Ok(None) };
    let facts: Option<(String, bool, bool)> = conn
        .prepare_cached(
            "SELECT c.insurer, c.supplementary_policy, r.wlz_indication FROM caregiver c, care_recipient r
             WHERE c.id = ?1 AND r.id = ?2",
        )?
        .query_row(params![s.caregiver_id, s.recipient_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let Some((insurer, supplementary, wlz)) = facts else { return Ok(None) };
    Ok(covering(schemes, s.form, &insurer, supplementary, wlz))
}
