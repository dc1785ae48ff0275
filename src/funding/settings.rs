//! The funding settings screen: an insurer scheme and the region's policy as
//! the director types them, checked with Dutch messages per field. A saved
//! change re-allocates every open year in the same transaction, so the
//! dashboard, the cap counters and the exports follow the new rules at once.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::scheme_form::{scheme_form, SchemeInput};
use super::{correction_date, get_policy, list_schemes, reallocate_year, set_policy};
use super::{FundingMode, FundingPolicy, Scheme};
use crate::audit::AuditAction;
use crate::error::{Error, FieldError, Result};
use crate::insurer::{self, Insurer, UnknownInsurer};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase", default)]
pub struct PolicyInput {
    pub mode: Option<FundingMode>,
    /// Co-funding: the insurer's share in percent (0 to 100).
    pub insurer_percent: String,
}

/// What the settings screen shows: the schemes as stored and as the form holds
/// them, the policy, and the years re-allocated by the last save.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct FundingSettings {
    pub schemes: Vec<SchemeForm>,
    pub policy: FundingPolicy,
    pub reallocated_years: Vec<i32>,
    /// The insurers' labels schemes can cover.
    pub insurers: Vec<Insurer>,
    /// Caregivers whose insurer is on no list: the director chooses it in their dossier.
    pub unknown_insurers: Vec<UnknownInsurer>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct SchemeForm {
    pub scheme: Scheme,
    pub form: SchemeInput,
}

pub fn funding_settings(conn: &Connection, reallocated_years: Vec<i32>) -> Result<FundingSettings> {
    let schemes = list_schemes(conn)?.into_iter().map(|s| SchemeForm { form: scheme_form(&s), scheme: s }).collect();
    Ok(FundingSettings {
        schemes,
        policy: get_policy(conn)?,
        reallocated_years,
        insurers: insurer::list_insurers(conn)?,
        unknown_insurers: insurer::unknown_insurers(conn)?,
    })
}

pub fn validate_policy(input: &PolicyInput) -> Result<FundingPolicy> {
    let mut errors = Vec::new();
    if input.mode.is_none() {
        errors.push(FieldError::new("mode", "Kies hoe verzekeraar en gemeente samen betalen."));
    }
    let percent = match (input.mode, input.insurer_percent.trim()) {
        // Sequential funding has no share; keep what was typed if it is a number.
        (Some(FundingMode::Sequential), raw) => raw.parse::<i64>().ok().filter(|p| (0..=100).contains(p)).unwrap_or(50),
        (_, raw) => match raw.parse::<i64>() {
            Ok(p) if (0..=100).contains(&p) => p,
            _ => {
                errors.push(FieldError::new(
                    "insurerPercent",
                    "Vul het aandeel van de verzekeraar in als heel percentage van 0 tot 100.",
                ));
                0
            }
        },
    };
    match input.mode {
        Some(mode) if errors.is_empty() => Ok(FundingPolicy { mode, insurer_percent: percent }),
        _ => Err(Error::Validation(errors)),
    }
}

/// Years with delivered respite or ledger entries that are not wholly closed:
/// the years a change of rules applies to. A closed year keeps its figures.
pub fn open_years(conn: &Connection) -> Result<Vec<i32>> {
    let years: Vec<i32> = conn
        .prepare(
            "SELECT CAST(substr(date, 1, 4) AS INTEGER) FROM session WHERE status = 'uitgevoerd'
             UNION SELECT year FROM ledger_entry ORDER BY 1",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut open = Vec::new();
    for year in years {
        let (Some(first), Some(last)) = (NaiveDate::from_ymd_opt(year, 1, 1), NaiveDate::from_ymd_opt(year, 12, 31))
        else {
            continue;
        };
        // The first day not in a closed period, from 1 January on.
        if correction_date(conn, first)? <= last {
            open.push(year);
        }
    }
    Ok(open)
}

pub(super) fn reallocate_open_years(conn: &Connection, now: DateTime<Utc>) -> Result<Vec<i32>> {
    let years = open_years(conn)?;
    for year in &years {
        reallocate_year(conn, *year, now)?;
    }
    Ok(years)
}

/// Sets the policy from the form and re-allocates the open years, all or nothing.
pub fn set_policy_form(conn: &Connection, input: &PolicyInput, now: DateTime<Utc>) -> Result<Vec<i32>> {
    let policy = validate_policy(input)?;
    let tx = crate::store::atomic(conn, "funding_settings")?;
    let old = super::changes::policy_text(&get_policy(&tx)?);
    set_policy(&tx, policy)?;
    let years = reallocate_open_years(&tx, now)?;
    let new = super::changes::policy_text(&policy);
    super::changes::record(&tx, AuditAction::PolicyChanged, "Beleid van de regio", &old, &new, &years, now)?;
    tx.commit()?;
    Ok(years)
}
