//! Every change to the money rules on the record (issue 15, part 7): a
//! budget set or imported, a scheme saved, the policy set, a tariff added
//! or corrected each write one line in the audit trail (who, when, the old
//! and the new value, the years re-allocated), so a funder who asks why a
//! figure moved gets an answer. No personal data: the rules name funders,
//! municipalities and providers, never a caregiver.
//!
//! The trail is the one record (hash-chained, sealed); the funding screen's
//! list reads it back.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::{CapUnit, FundingMode, FundingPolicy, Scheme};
use crate::audit::{self, AuditAction};
use crate::dutch;
use crate::error::Result;
use crate::money::Cents;

/// The actions of the money rules.
pub const ACTIONS: [AuditAction; 4] =
    [AuditAction::BudgetChanged, AuditAction::SchemeChanged, AuditAction::PolicyChanged, AuditAction::TariffChanged];

/// Between what changed and the years it re-allocated, in the detail.
const YEARS: &str = " · herberekend: ";
const NO_YEARS: &str = " · geen jaren herberekend";

/// One change as the funding screen lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct MoneyRuleChange {
    pub id: i64,
    /// UTC, `jjjj-mm-ddTuu:mm:ssZ`.
    pub at: String,
    pub actor: String,
    pub action: AuditAction,
    pub action_label: String,
    /// What changed, old → new, in Dutch: "Budget Dordrecht 2026: € 10.000,00 → € 12.000,00".
    pub what: String,
    /// The years whose ledger was re-allocated by this change (none: the
    /// change waits for the next re-allocation, or no year had sessions).
    pub reallocated_years: Vec<i32>,
}

/// Records one change: `subject` ("Budget Dordrecht 2026"), the old and the
/// new value as text, the years re-allocated. Nothing when nothing changed.
pub fn record(
    conn: &Connection,
    action: AuditAction,
    subject: &str,
    old: &str,
    new: &str,
    years: &[i32],
    now: DateTime<Utc>,
) -> Result<()> {
    if old == new {
        return Ok(());
    }
    let years = if years.is_empty() {
        NO_YEARS.to_string()
    } else {
        format!("{YEARS}{}", years.iter().map(i32::to_string).collect::<Vec<_>>().join(", "))
    };
    audit::record(conn, action, None, &format!("{subject}: {old} → {new}{years}"), now)
}

/// Records a budget about to be set (call before writing it: the old value
/// is read from the store). Its year is re-allocated by every caller.
pub fn record_budget(conn: &Connection, code: &str, year: i32, cents: Cents, now: DateTime<Utc>) -> Result<()> {
    let old: Option<Cents> = conn
        .prepare_cached("SELECT cents FROM budget WHERE municipality_code = ?1 AND year = ?2")?
        .query_row(params![code, year], |r| r.get(0))
        .optional()?;
    let name: String = conn
        .prepare_cached("SELECT COALESCE((SELECT name FROM municipality WHERE code = ?1), ?1)")?
        .query_row([code], |r| r.get(0))?;
    let old = old.map(|c| c.to_string()).unwrap_or_else(|| "geen budget".into());
    record(conn, AuditAction::BudgetChanged, &format!("Budget {name} {year}"), &old, &cents.to_string(), &[year], now)
}

/// Records a provider's tariff about to be added or corrected (call before
/// writing it). A tariff re-allocates nothing by itself: the ledger follows
/// at the next re-allocation (a budget, a scheme, an export).
pub fn record_tariff(
    conn: &Connection,
    service_id: i64,
    from: NaiveDate,
    cents: Cents,
    to: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Result<()> {
    // The example providers' tariffs seeded into a new store are its starting
    // point, not a change: the seed marks itself done after writing them.
    let seeding: bool = conn
        .prepare_cached("SELECT NOT EXISTS (SELECT 1 FROM setting WHERE key = 'example_providers_seeded')")?
        .query_row([], |r| r.get(0))?;
    if seeding {
        return Ok(());
    }
    let text = |cents: Cents, to: Option<NaiveDate>| match to {
        Some(to) => format!("{cents} t/m {}", dutch::date_text(to)),
        None => cents.to_string(),
    };
    let old: Option<(Cents, Option<NaiveDate>)> = conn
        .prepare_cached("SELECT cents, valid_to FROM tariff WHERE service_id = ?1 AND valid_from = ?2")?
        .query_row(params![service_id, from], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (provider, form): (String, crate::intake::RespiteForm) = conn
        .prepare_cached(
            "SELECT p.name, s.form FROM provider_service s JOIN provider p ON p.id = s.provider_id WHERE s.id = ?1",
        )?
        .query_row([service_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let old = old.map(|(c, t)| text(c, t)).unwrap_or_else(|| "geen tarief".into());
    let subject = format!("Tarief {provider}, {} vanaf {}", form.label(), dutch::date_text(from));
    record(conn, AuditAction::TariffChanged, &subject, &old, &text(cents, to), &[], now)
}

/// The changes to the money rules, newest first.
pub fn money_rule_changes(conn: &Connection, limit: usize) -> Result<Vec<MoneyRuleChange>> {
    let codes: Vec<&str> = ACTIONS.iter().map(|a| a.code()).collect();
    let mut stmt = conn.prepare_cached(
        "SELECT id, at, actor, action, detail FROM audit_entry WHERE action IN (?1, ?2, ?3, ?4)
         ORDER BY id DESC LIMIT ?5",
    )?;
    let rows = stmt.query_map(params![codes[0], codes[1], codes[2], codes[3], limit as i64], |r| {
        let action: AuditAction = r.get(3)?;
        let detail: String = r.get(4)?;
        let (what, reallocated_years) = match detail.split_once(YEARS) {
            Some((what, years)) => {
                (what.to_string(), years.split(", ").filter_map(|y| y.trim().parse().ok()).collect())
            }
            None => (detail.trim_end_matches(NO_YEARS).to_string(), Vec::new()),
        };
        Ok(MoneyRuleChange {
            id: r.get(0)?,
            at: r.get(1)?,
            actor: r.get(2)?,
            action,
            action_label: action.label().to_string(),
            what,
            reallocated_years,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A cap as people read it: "14 dagen", "96 uur", "€ 1.500,00".
pub fn cap_text(unit: CapUnit, amount: i64) -> String {
    match unit {
        CapUnit::Days => format!("{amount} dagen"),
        CapUnit::Hours => format!("{} uur", dutch::hours_text(amount)),
        CapUnit::Euros => Cents::new(amount).to_string(),
    }
}

pub fn policy_text(policy: &FundingPolicy) -> String {
    match policy.mode {
        FundingMode::Sequential => FundingMode::Sequential.label().to_string(),
        FundingMode::CoFunding => format!("{} ({}% verzekeraar)", policy.mode.label(), policy.insurer_percent),
    }
}

/// The fields of a scheme that differ, as "old" and "new" texts
/// ("plafond 14 dagen; vormen thuis" → "plafond 10 dagen; vormen thuis, dagopvang").
pub fn scheme_difference(old: &Scheme, new: &Scheme) -> (String, String) {
    let yes_no = |b: bool| if b { "ja" } else { "nee" }.to_string();
    let day =
        |m: Option<i64>| m.map(|m| format!("{} uur", dutch::hours_text(m))).unwrap_or_else(|| "elke datum".into());
    let forms = |s: &Scheme| s.forms.iter().map(|f| f.label()).collect::<Vec<_>>().join(", ");
    let fields: [(&str, String, String); 10] = [
        ("naam", old.name.clone(), new.name.clone()),
        ("verzekeraars", old.insurers.join(", "), new.insurers.join(", ")),
        ("polis van", old.policy_holder.label().into(), new.policy_holder.label().into()),
        ("aanvullend nodig", yes_no(old.requires_supplementary), yes_no(new.requires_supplementary)),
        ("plafond", cap_text(old.cap_unit, old.cap_amount), cap_text(new.cap_unit, new.cap_amount)),
        ("een dag is", day(old.day_minutes), day(new.day_minutes)),
        ("vormen", forms(old), forms(new)),
        ("Wlz uitgesloten", yes_no(old.exclude_wlz), yes_no(new.exclude_wlz)),
        ("prioriteit", old.priority.to_string(), new.priority.to_string()),
        ("actief", yes_no(old.active), yes_no(new.active)),
    ];
    let changed: Vec<&(&str, String, String)> = fields.iter().filter(|(_, a, b)| a != b).collect();
    let old_side = changed.iter().map(|(name, a, _)| format!("{name} {a}")).collect::<Vec<_>>().join("; ");
    let new_side = changed.iter().map(|(name, _, b)| format!("{name} {b}")).collect::<Vec<_>>().join("; ");
    (old_side, new_side)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_read_as_people_write_them() {
        assert_eq!(cap_text(CapUnit::Days, 14), "14 dagen");
        assert_eq!(cap_text(CapUnit::Hours, 96 * 60 + 30), "96,5 uur");
        assert_eq!(cap_text(CapUnit::Euros, 150_000), "€ 1.500,00");
    }
}
