//! Shared funding: municipal budgets, insurer schemes with their caps, the
//! region's policy, and the ledger that says who pays what for every
//! delivered session. Money is in cents, time in minutes.

pub mod changes;
pub mod engine;
mod facts;
mod ledger;
mod scheme;
mod scheme_form;
mod scheme_import;
mod settings;
mod views;

pub use changes::{money_rule_changes, MoneyRuleChange};
pub(crate) use ledger::Totals;
pub use ledger::{close_period, correction_date, reallocate_from, reallocate_year, ReallocationReport};
pub use scheme::{
    archive_scheme, get_policy, import_budgets, list_budgets, list_schemes, save_scheme, set_budget, set_policy,
    Budget, CapUnit, EligibilityRule, FundingMode, FundingPolicy, PolicyHolder, Scheme, BUDGET_COLUMNS,
};
pub use scheme_form::{
    add_scheme_form, archive_scheme_and_reallocate, save_scheme_form, scheme_form, validate_scheme, SchemeInput,
};
pub use scheme_import::{import_schemes, SCHEME_COLUMNS};
pub use settings::{
    funding_settings, open_years, set_policy_form, validate_policy, FundingSettings, PolicyInput, SchemeForm,
};
pub(crate) use views::planned_parts;
pub use views::{
    caregiver_cap, dashboard, funding_summary, preview_plan, rebuild_planned_totals, CapView, Dashboard, FunderLine,
    FundingSummary, MonthPoint, PlanPreview,
};
