//! What planned sessions would cost and who would pay, before booking.

use std::collections::HashMap;

use chrono::Datelike;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;
use crate::funding::engine::{self, SessionFacts};
use crate::funding::facts::{
    budgets, covering, delivered_facts, engine_policy, ineligible, scheme_rule, Filter, Insured,
};
use crate::funding::Totals;
use crate::money::Cents;
use crate::planning::ValidSession;

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
    let (by_funder, without_tariff) = planned_parts(conn, sessions)?;
    let cost = by_funder.values().map(|t| t.cents.cents()).sum();
    let mut shares: Vec<PreviewShare> =
        by_funder.into_iter().map(|(code, t)| PreviewShare { code, cents: t.cents }).collect();
    shares.sort_by(|a, b| b.cents.cmp(&a.cents).then(a.code.cmp(&b.code)));
    Ok(PlanPreview { cost: Cents::new(cost), shares, without_tariff })
}

/// What each funder would pay for `sessions` (money, minutes and cap
/// days), allocated after what was delivered in their years; and how many
/// sessions have no tariff. The confirmation letter uses the minutes and
/// days to say how much of each cap is left after the plan.
pub(crate) fn planned_parts(conn: &Connection, sessions: &[ValidSession]) -> Result<(HashMap<String, Totals>, usize)> {
    let mut by_year: HashMap<i32, Vec<&ValidSession>> = HashMap::new();
    for s in sessions {
        by_year.entry(s.date.year()).or_default().push(s);
    }
    let mut by_funder: HashMap<String, Totals> = HashMap::new();
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
        let (mut facts, schemes, _) = delivered_facts(conn, year, &Filter::Year)?;
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
                let t = by_funder.entry(p.funder.to_string()).or_default();
                t.cents = Cents::new(t.cents.cents() + p.cents);
                t.minutes += p.minutes;
                t.cap_days += p.cap_days;
            }
        }
    }
    Ok((by_funder, without_tariff))
}

fn covering_for_new(
    conn: &Connection,
    schemes: &[crate::funding::Scheme],
    session: Option<&ValidSession>,
) -> Result<Option<usize>> {
    let Some(s) = session else { return Ok(None) };
    type Facts = (String, bool, bool, Option<i64>, Option<chrono::NaiveDate>, String, bool);
    let facts: Option<Facts> = conn
        .prepare_cached(
            "SELECT c.insurer, c.supplementary_policy, r.wlz_indication, c.care_minutes_per_week, c.caring_since,
                    r.insurer, r.supplementary_policy
             FROM caregiver c, care_recipient r WHERE c.id = ?1 AND r.id = ?2",
        )?
        .query_row(params![s.caregiver_id, s.recipient_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
        })
        .optional()?;
    let Some((insurer, supplementary, wlz, care, since, recipient_insurer, recipient_supplementary)) = facts else {
        return Ok(None);
    };
    let index = crate::insurer::InsurerIndex::load(conn)?;
    let not_for = ineligible(schemes, care, since, s.date);
    let caregiver = Insured { insurer: &insurer, supplementary };
    let recipient = Insured { insurer: &recipient_insurer, supplementary: recipient_supplementary };
    Ok(covering(schemes, not_for, &index, s.form, s.date, caregiver, recipient, wlz))
}
