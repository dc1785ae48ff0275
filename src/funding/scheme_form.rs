//! One insurer scheme as the director types it on the funding settings
//! screen: checked with Dutch messages per field, saved (a change, a new
//! scheme or a new version of one) with the open years re-allocated in the
//! same transaction, or archived.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::scheme::{list_schemes, save_scheme, CapUnit, EligibilityRule, PolicyHolder, Scheme};
use super::scheme_import::{code_problem, save_version};
use super::settings::reallocate_open_years;
use crate::audit::AuditAction;
use crate::dutch;
use crate::error::{Error, FieldError, Result};
use crate::insurer::{InsurerIndex, OTHER};
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
    pub exclude_wmo: bool,
    pub exclude_pgb: bool,
    /// Eligibility: hours of care a week (decimal comma); empty = no condition.
    pub min_care_hours: String,
    /// Eligibility: months of caring; empty = no condition.
    pub min_months_caring: String,
    pub eligibility_rule: Option<EligibilityRule>,
    /// The code in the ledger; chosen when the scheme is added, fixed after.
    pub code: String,
    /// `dd-mm-jjjj`; empty = from the start.
    pub valid_from: String,
    /// `dd-mm-jjjj`; empty = open.
    pub valid_to: String,
    pub note: String,
    pub active: bool,
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
        exclude_wmo: scheme.exclude_wmo,
        exclude_pgb: scheme.exclude_pgb,
        min_care_hours: scheme.min_care_minutes.map(dutch::hours_text).unwrap_or_default(),
        min_months_caring: scheme.min_months_caring.map(|m| m.to_string()).unwrap_or_default(),
        eligibility_rule: Some(scheme.eligibility_rule),
        code: scheme.code.clone(),
        valid_from: scheme.valid_from.map(dutch::date_text).unwrap_or_default(),
        valid_to: scheme.valid_to.map(dutch::date_text).unwrap_or_default(),
        note: scheme.note.clone(),
        active: scheme.active,
    }
}

/// Checks the form against the stored scheme (its code and priority stay: the
/// ledger and the exports know the scheme by its code). Insurers are labels
/// of the insurer list.
pub fn validate_scheme(index: &InsurerIndex, current: &Scheme, input: &SchemeInput) -> Result<Scheme> {
    let mut errors = Vec::new();
    let mut fail = |field: &str, message: String| errors.push(FieldError::new(field, message));
    let name = input.name.trim().to_string();
    if name.is_empty() {
        fail("name", "Vul de naam van de regeling in.".into());
    }
    let mut insurers: Vec<String> = Vec::new();
    let mut unknown = None;
    for name in input.insurers.split([',', ';']).map(str::trim).filter(|s| !s.is_empty()) {
        match index.choose(name) {
            Ok(label) if label != OTHER => {
                if !insurers.contains(&label) {
                    insurers.push(label);
                }
            }
            Ok(_) => unknown = Some("'andere' is geen verzekeraar: kies de labels uit de lijst.".to_string()),
            Err(message) => unknown = Some(message),
        }
    }
    if let Some(message) = unknown {
        fail("insurers", message);
    } else if insurers.is_empty() {
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
    let min_care_minutes = match input.min_care_hours.trim() {
        "" => None,
        raw => match dutch::parse_hours_as_minutes(raw) {
            Ok(m) if m <= 168 * 60 => Some(m),
            _ => {
                fail("minCareHours", "Vul het aantal zorguren per week in, zoals 8, of laat leeg.".into());
                None
            }
        },
    };
    let min_months_caring = match input.min_months_caring.trim() {
        "" => None,
        raw => match raw.parse::<i64>() {
            Ok(m) if (0..=1200).contains(&m) => Some(m),
            _ => {
                fail("minMonthsCaring", "Vul het aantal maanden als heel getal in, zoals 3, of laat leeg.".into());
                None
            }
        },
    };
    let mut date = |field: &str, raw: &str| -> Option<NaiveDate> {
        match raw.trim() {
            "" => None,
            raw => dutch::parse_date(raw).map_err(|m| fail(field, m)).ok(),
        }
    };
    let valid_from = date("validFrom", &input.valid_from);
    let valid_to = date("validTo", &input.valid_to);
    if let (Some(from), Some(to)) = (valid_from, valid_to) {
        if to < from {
            fail("validTo", "'Geldig tot' ligt voor 'geldig vanaf'.".into());
        }
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
                exclude_wmo: input.exclude_wmo,
                exclude_pgb: input.exclude_pgb,
                min_care_minutes,
                min_months_caring,
                eligibility_rule: input.eligibility_rule.unwrap_or(current.eligibility_rule),
                valid_from,
                valid_to,
                note: input.note.trim().to_string(),
                priority: current.priority,
                active: input.active,
            })
        }
        _ => Err(Error::Validation(errors)),
    }
}

/// Saves a scheme from the form and re-allocates the open years, all or nothing.
pub fn save_scheme_form(conn: &Connection, id: i64, input: &SchemeInput, now: DateTime<Utc>) -> Result<Vec<i32>> {
    let current = list_schemes(conn)?
        .into_iter()
        .find(|s| s.id == id)
        .ok_or_else(|| Error::NotFound(format!("Regeling {id} bestaat niet.")))?;
    let scheme = validate_scheme(&InsurerIndex::load(conn)?, &current, input)?;
    let tx = crate::store::atomic(conn, "funding_settings")?;
    save_scheme(&tx, &scheme)?;
    let years = reallocate_open_years(&tx, now)?;
    let (old, new) = super::changes::scheme_difference(&current, &scheme);
    let subject = format!("Regeling {}", scheme.code);
    super::changes::record(&tx, AuditAction::SchemeChanged, &subject, &old, &new, &years, now)?;
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
    let subject = format!("Regeling {}", code.trim().to_uppercase());
    super::changes::record(&tx, AuditAction::SchemeChanged, &subject, "actief", "gearchiveerd", &years, now)?;
    tx.commit()?;
    Ok(years)
}

/// Adds a scheme from the form (a new code), or a new version of one (an
/// existing code with another first day: the version before it ends the day
/// before), and re-allocates the open years, all or nothing.
pub fn add_scheme_form(conn: &Connection, input: &SchemeInput, now: DateTime<Utc>) -> Result<Vec<i32>> {
    let code = input.code.trim().to_uppercase();
    let schemes = list_schemes(conn)?;
    let versions: Vec<&Scheme> = schemes.iter().filter(|s| s.code == code).collect();
    let template = Scheme {
        id: 0,
        code: code.clone(),
        name: String::new(),
        insurers: Vec::new(),
        policy_holder: PolicyHolder::Caregiver,
        requires_supplementary: true,
        cap_unit: CapUnit::Days,
        cap_amount: 0,
        day_minutes: None,
        forms: Vec::new(),
        exclude_wlz: false,
        exclude_wmo: false,
        exclude_pgb: false,
        min_care_minutes: None,
        min_months_caring: None,
        eligibility_rule: EligibilityRule::Either,
        valid_from: None,
        valid_to: None,
        note: String::new(),
        // A new scheme comes after the others; a version keeps its scheme's place.
        priority: versions
            .first()
            .map(|s| s.priority)
            .unwrap_or_else(|| schemes.iter().map(|s| s.priority).max().unwrap_or(0) + 1),
        active: true,
    };
    let code_error = code_problem(conn, &code)?;
    let scheme = match validate_scheme(&InsurerIndex::load(conn)?, &template, input) {
        Ok(scheme) if code_error.is_none() => scheme,
        Ok(_) => return Err(Error::Validation(vec![FieldError::new("code", code_error.unwrap_or_default())])),
        Err(Error::Validation(mut errors)) => {
            if let Some(problem) = code_error {
                errors.insert(0, FieldError::new("code", problem));
            }
            return Err(Error::Validation(errors));
        }
        Err(other) => return Err(other),
    };
    if versions.iter().any(|s| s.valid_from == scheme.valid_from) {
        let message = format!(
            "Regeling {code} heeft al een versie met deze 'geldig vanaf'. Wijzig die versie, of kies een andere datum voor een nieuwe versie."
        );
        return Err(Error::Validation(vec![FieldError::new("validFrom", message)]));
    }
    let new = match scheme.valid_from {
        Some(from) => format!("nieuwe versie vanaf {}", dutch::date_text(from)),
        None => "nieuwe regeling".to_string(),
    };
    let tx = crate::store::atomic(conn, "add_scheme")?;
    save_version(&tx, scheme)?;
    let years = reallocate_open_years(&tx, now)?;
    let subject = format!("Regeling {code}");
    super::changes::record(&tx, AuditAction::SchemeChanged, &subject, "—", &new, &years, now)?;
    tx.commit()?;
    Ok(years)
}
