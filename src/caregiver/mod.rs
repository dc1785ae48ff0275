//! The register: caregivers (mantelzorgers) and the people they care for (naasten).

mod input;
mod repo;
mod search;

pub use input::{
    validate_caregiver, validate_recipient, CaregiverInput, RecipientInput, ValidCaregiver, ValidRecipient,
};
pub use repo::{
    add_recipient, archive_caregiver, dossier, find_by_extern_id, find_twin, find_twin_of, rebuild_search_index,
    register_caregiver, restore_caregiver, update_caregiver, update_recipient, write_caregiver, write_recipient_link,
    RegisterOutcome, SearchIndex,
};
pub use search::{
    all_caregivers, search_caregivers, search_caregivers_in, Scope, SearchOptions, SearchResult, COUNT_CAP,
    SEARCH_LIMIT,
};

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::region::Municipality;

/// A caregiver as the dossier shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct Caregiver {
    pub id: i64,
    pub extern_id: Option<String>,
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: NaiveDate,
    pub postcode: String,
    pub house_number: String,
    pub street: String,
    pub place: String,
    pub municipality: Option<Municipality>,
    /// The municipality was chosen by hand (a postcode can straddle a border).
    pub municipality_overridden: bool,
    /// False for an address outside the region's postcodes: allowed, flagged.
    pub in_region: bool,
    /// National form, as people read it (`06 12345678`).
    pub phone: String,
    pub email: String,
    pub insurer: String,
    pub policy_number: String,
    pub supplementary_policy: bool,
    pub care_minutes_per_week: Option<i64>,
    pub caring_since: Option<NaiveDate>,
    pub notes: String,
    pub archived_at: Option<String>,
    pub archive_reason: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// A care recipient as seen from one caregiver's dossier.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct Recipient {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: NaiveDate,
    pub postcode: String,
    pub house_number: String,
    pub street: String,
    pub place: String,
    pub municipality: Option<Municipality>,
    pub in_region: bool,
    pub wlz_indication: bool,
    /// How this caregiver relates to the recipient (partner, ouder, ...).
    pub relationship: String,
    /// The recipient's other caregivers.
    pub other_caregivers: Vec<CaregiverSummary>,
    /// The recipient as the edit form wants it.
    pub form: RecipientInput,
}

/// One line of the caregiver list.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct CaregiverSummary {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: NaiveDate,
    pub postcode: String,
    pub house_number: String,
    pub place: String,
    pub municipality_name: Option<String>,
    pub in_region: bool,
    pub archived: bool,
    /// The key of the source system (an import's `extern_id`), if any.
    pub extern_id: Option<String>,
}

/// Everything the dossier page shows, plus the caregiver as the edit form wants it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct Dossier {
    pub caregiver: Caregiver,
    pub recipients: Vec<Recipient>,
    pub form: CaregiverInput,
}
