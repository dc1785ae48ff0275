//! The funding settings screen: an insurer scheme and the region's policy as
//! the director types them, checked with Dutch messages per field. A saved
//! change re-allocates every open year in the same transaction, so the
//! dashboard, the cap counters and the exports follow the new rules at once.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{correction_date, get_policy, list_schemes, reallocate_year, save_scheme, set_policy};
use super::{CapUnit, FundingMode, FundingPolicy, PolicyHolder, Scheme};
use crate::dutch;
use crate::error::{Error, FieldError, Result};
use crate::insurer::{self, Insurer, UnknownInsurer};
use crate::intake::RespiteForm;
use crate::money::Cents;

/// A scheme as the form holds it: amounts as text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase", default)]
pub struct SchemeInput {
    pub name: String,
    /// Insurer names on a policy that belong to the scheme, separated by commas.
    pub insurers: String,
    pub policy_holder: Option<PolicyHolder>,
    pub cap_unit: Option<CapUnit>,
    /// Whole days, hours (decimal comma) or euros (decimal comma), by `cap_unit`.
    pub cap_amount: String,
    /// Day caps: empty = every date with delivered respite is a day; else
    /// the hours (decimal comma) that make one day.
    pub day_hours: String,
    pub forms: Vec<RespiteForm>,
    pub requires_supplementary: bool,
    pub exclude_wlz: bool,
    pub active: bool,
}

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

pub fn scheme_form(scheme: &Scheme) -> SchemeInput {
    SchemeInput {
        name: scheme.name.clone(),
        insurers: scheme.insurers.join(", "),
        policy_holder: Some(scheme.policy_holder),
        cap_unit: Some(scheme.cap_unit),
        cap_amount: match scheme.cap_unit {
            CapUnit::Days => scheme.cap_amount.to_string(),
            CapUnit::Hours => dutch::hours_text(scheme.cap_amount),
            CapUnit::Euros => format!("{},{:02}", scheme.cap_amount / 100, scheme.cap_amount % 100),
        },
        day_hours: scheme.day_minutes.map(dutch::hours_text).unwrap_or_default(),
        forms: scheme.forms.clone(),
        requires_supplementary: scheme.requires_supplementary,
        exclude_wlz: scheme.exclude_wlz,
        active: scheme.active,
    }
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

/// Checks the form against the stored scheme (its code and priority stay: the
/// ledger and the exports know the scheme by its code).
pub fn validate_scheme(current: &Scheme, input: &SchemeInput) -> Result<Scheme> {
    let mut errors = Vec::new();
    let mut fail = |field: &str, message: String| errors.push(FieldError::new(field, message));
    let name = input.name.trim().to_string();
    if name.is_empty() {
        fail("name", "Vul de naam van de regeling in.".into());
    }
    let mut insurers: Vec<String> = Vec::new();
    for name in input.insurers.split([',', ';']).map(str::trim).filter(|s| !s.is_empty()) {
        if !insurers.iter().any(|i| dutch::fold(i) == dutch::fold(name)) {
            insurers.push(name.to_string());
        }
    }
    if insurers.is_empty() {
        fail("insurers", "Vul minstens één verzekeraar in, zoals VGZ.".into());
    }
    if input.policy_holder.is_none() {
        fail("policyHolder", "Kies wiens polis telt.".into());
    }
    let cap_amount = match input.cap_unit {
        None => {
            fail("capUnit", "Kies de eenheid van het plafond: dagen, uren of euro.".into());
            None
        }
        Some(unit) => {
            let raw = input.cap_amount.trim();
            let parsed = match unit {
                CapUnit::Days => raw
                    .parse::<i64>()
                    .ok()
                    .filter(|d| (0..=366).contains(d))
                    .ok_or_else(|| "Vul het aantal dagen per jaar in als heel getal (0 tot 366).".to_string()),
                CapUnit::Hours => dutch::parse_hours_as_minutes(raw)
                    .ok()
                    .filter(|m| *m <= 366 * 24 * 60)
                    .ok_or_else(|| "Vul het aantal uren per jaar in, zoals 96 of 12,5.".to_string()),
                CapUnit::Euros => match Cents::parse_euros(raw) {
                    Ok(c) if c >= Cents::ZERO => Ok(c.cents()),
                    Ok(_) => Err("Het plafond kan niet negatief zijn.".to_string()),
                    Err(m) => Err(m),
                },
            };
            parsed.map_err(|m| fail("capAmount", m)).ok()
        }
    };
    let day_minutes = match (input.cap_unit, input.day_hours.trim()) {
        (Some(CapUnit::Days), "") | (Some(CapUnit::Hours | CapUnit::Euros) | None, _) => None,
        (Some(CapUnit::Days), raw) => match dutch::parse_hours_as_minutes(raw) {
            Ok(m) if (1..=24 * 60).contains(&m) => Some(m),
            _ => {
                fail("dayHours", "Vul in hoeveel uur een dag is (meer dan 0, hoogstens 24), of laat leeg.".into());
                None
            }
        },
    };
    if input.forms.is_empty() {
        fail("forms", "Kies minstens één vorm van respijt die de regeling vergoedt.".into());
    }
    match (cap_amount, input.cap_unit, input.policy_holder) {
        (Some(cap_amount), Some(cap_unit), Some(policy_holder)) if errors.is_empty() => {
            let mut forms = input.forms.clone();
            forms.sort();
            forms.dedup();
            Ok(Scheme {
                id: current.id,
                code: current.code.clone(),
                name,
                insurers,
                policy_holder,
                requires_supplementary: input.requires_supplementary,
                cap_unit,
                cap_amount,
                day_minutes,
                forms,
                exclude_wlz: input.exclude_wlz,
                priority: current.priority,
                active: input.active,
                ..current.clone()
            })
        }
        _ => Err(Error::Validation(errors)),
    }
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

/// Saves a scheme from the form and re-allocates the open years, all or nothing.
pub fn save_scheme_form(conn: &Connection, id: i64, input: &SchemeInput, now: DateTime<Utc>) -> Result<Vec<i32>> {
    let current = list_schemes(conn)?
        .into_iter()
        .find(|s| s.id == id)
        .ok_or_else(|| Error::NotFound(format!("Regeling {id} bestaat niet.")))?;
    let scheme = validate_scheme(&current, input)?;
    let tx = crate::store::atomic(conn, "funding_settings")?;
    save_scheme(&tx, &scheme)?;
    let years = reallocate_open_years(&tx, now)?;
    tx.commit()?;
    Ok(years)
}

/// Sets the policy from the form and re-allocates the open years, all or nothing.
pub fn set_policy_form(conn: &Connection, input: &PolicyInput, now: DateTime<Utc>) -> Result<Vec<i32>> {
    let policy = validate_policy(input)?;
    let tx = crate::store::atomic(conn, "funding_settings")?;
    set_policy(&tx, policy)?;
    let years = reallocate_open_years(&tx, now)?;
    tx.commit()?;
    Ok(years)
}

/// Archives a scheme (every version) and re-allocates the open years, all or
/// nothing; the years re-allocated. Closed periods keep their entries.
pub fn archive_scheme_and_reallocate(conn: &Connection, code: &str, now: DateTime<Utc>) -> Result<Vec<i32>> {
    let tx = crate::store::atomic(conn, "archive_scheme")?;
    if !super::scheme::archive_scheme(&tx, code)? {
        return Err(Error::NotFound(format!("Er is geen regeling met de code '{}'.", code.trim())));
    }
    let years = reallocate_open_years(&tx, now)?;
    tx.commit()?;
    Ok(years)
}
