//! Caps, budgets, schemes, the policy and the dashboard.

use chrono::{DateTime, Utc};

use crate::access::Area;
use crate::error::{Error, FieldError, Result};
use crate::funding::{self, CapView, Dashboard, FundingSettings, PolicyInput, SchemeInput};
use crate::money::Cents;
use crate::store::Store;

pub fn caregiver_cap(store: &Store, caregiver_id: i64, year: i32) -> Result<Vec<CapView>> {
    store.require_caregiver(caregiver_id)?;
    funding::caregiver_cap(store.conn(), caregiver_id, year)
}

pub fn funding_dashboard(store: &Store, year: i32, now: DateTime<Utc>) -> Result<Dashboard> {
    store.require(Area::Funding)?;
    funding::dashboard(store.conn(), year, now.date_naive())
}

pub fn set_budget(
    store: &Store,
    municipality_code: &str,
    year: i32,
    euros: &str,
    now: DateTime<Utc>,
) -> Result<Dashboard> {
    store.require(Area::Funding)?;
    let cents = Cents::parse_euros(euros).map_err(|m| Error::Validation(vec![FieldError::new("budget", m)]))?;
    let tx = crate::store::atomic(store.conn(), "set_budget")?;
    funding::set_budget(&tx, municipality_code, year, cents, now)?;
    funding::reallocate_year(&tx, year, now)?;
    tx.commit()?;
    funding::dashboard(store.conn(), year, now.date_naive())
}

pub fn funding_settings(store: &Store) -> Result<FundingSettings> {
    store.require(Area::Funding)?;
    funding::funding_settings(store.conn(), vec![])
}

/// Saves an insurer scheme; the open years are re-allocated in the same transaction.
pub fn save_scheme(store: &Store, id: i64, input: &SchemeInput, now: DateTime<Utc>) -> Result<FundingSettings> {
    store.require(Area::Funding)?;
    let years = funding::save_scheme_form(store.conn(), id, input, now)?;
    funding::funding_settings(store.conn(), years)
}

/// Adds a scheme, or a new version of one; the open years are re-allocated in the same transaction.
pub fn add_scheme(store: &Store, input: &SchemeInput, now: DateTime<Utc>) -> Result<FundingSettings> {
    store.require(Area::Funding)?;
    let years = funding::add_scheme_form(store.conn(), input, now)?;
    funding::funding_settings(store.conn(), years)
}

/// Archives a scheme (every version); the open years are re-allocated.
pub fn archive_scheme(store: &Store, code: &str, now: DateTime<Utc>) -> Result<FundingSettings> {
    store.require(Area::Funding)?;
    let years = funding::archive_scheme_and_reallocate(store.conn(), code, now)?;
    funding::funding_settings(store.conn(), years)
}

/// Sets the region's policy; the open years are re-allocated in the same transaction.
pub fn set_policy(store: &Store, input: &PolicyInput, now: DateTime<Utc>) -> Result<FundingSettings> {
    store.require(Area::Funding)?;
    let years = funding::set_policy_form(store.conn(), input, now)?;
    funding::funding_settings(store.conn(), years)
}

/// Every change to budgets, schemes, the policy and tariffs, newest first
/// (the last 200): who, when, old and new, the years re-allocated.
pub fn money_rule_changes(store: &Store) -> Result<Vec<funding::MoneyRuleChange>> {
    store.require(Area::Funding)?;
    funding::money_rule_changes(store.conn(), 200)
}
