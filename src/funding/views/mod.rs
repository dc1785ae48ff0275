//! What people see of the funding: a caregiver's cap, the dashboard per
//! municipality and funder, the CLI summary, and a preview before booking.
//! Delivered (from the ledger) and planned (an estimate of commitments) are
//! always reported apart.
//!
//! `cap` is a caregiver's use of the schemes, `dashboard` the funders'
//! lines (and the CLI summary), `planned` the kept estimate of planned
//! work, `preview` what a plan would cost before it is booked.

mod cap;
mod dashboard;
mod planned;
mod preview;

pub use cap::{caregiver_cap, CapView};
pub use dashboard::{dashboard, funding_summary, Dashboard, FunderLine, FundingSummary, MonthPoint};
pub use planned::rebuild_planned_totals;
pub(crate) use preview::planned_parts;
pub use preview::{preview_plan, PlanPreview};
