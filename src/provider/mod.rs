//! Respite providers (aanbieders): what they offer, where, when, at what
//! tariff, and with which helpers.

mod archive;
mod funders;
mod helpers;
mod import;
mod import_cells;
mod input;
mod repo;

pub use archive::{archive_provider, ensure_plannable, list_archived_providers, restore_provider};
pub use funders::{funder_choices, FunderChoice};
pub use helpers::{HelperData, HelperInput};
pub use import::{import_providers, PROVIDER_COLUMNS};
pub use import_cells::parse_slots;
pub use input::{provider_form, save_provider_form, validate_provider, Contact, ProviderInput, ServiceInput};
pub use repo::{
    find_by_extern_id, get_provider, list_providers, save_provider, seed_examples_if_new, service_of, tariff_on,
    ServiceTariff,
};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::codes::codes;
use crate::intake::{Daypart, RecipientSituation, RespiteForm, Weekday};
use crate::money::Cents;
use crate::region::Municipality;

codes! {
    ProviderKind / "het soort aanbieder" {
        Professional = "professioneel" / "professionele organisatie",
        Volunteer = "vrijwilligers" / "vrijwilligersorganisatie",
    }
}

codes! {
    /// A helper's gender, for a caregiver who asks for a man or a woman.
    Gender / "het geslacht van de hulp" {
        Female = "vrouw" / "vrouw",
        Male = "man" / "man",
    }
}

codes! {
    /// iWmo units: hour (04), dagdeel of 4 hours (16), etmaal of 24 hours (14).
    Unit / "de eenheid" {
        Hour = "uur" / "uur",
        Dagdeel = "dagdeel" / "dagdeel (4 uur)",
        Etmaal = "etmaal" / "etmaal (24 uur)",
    }
}

impl Unit {
    /// Minutes in one unit; None for hours, which are counted by the clock.
    pub fn minutes(self) -> Option<i64> {
        match self {
            Unit::Hour => None,
            Unit::Dagdeel => Some(4 * 60),
            Unit::Etmaal => Some(24 * 60),
        }
    }
}

/// One weekday × daypart a provider can work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Slot {
    pub day: Weekday,
    pub daypart: Daypart,
}

impl Slot {
    pub fn bit(self) -> i64 {
        let day = Weekday::ALL.iter().position(|d| *d == self.day).unwrap_or(0) as i64;
        let part = Daypart::ALL.iter().position(|p| *p == self.daypart).unwrap_or(0) as i64;
        1 << (day * 4 + part)
    }

    pub fn mask(slots: &[Slot]) -> i64 {
        slots.iter().fold(0, |mask, s| mask | s.bit())
    }

    pub fn from_mask(mask: i64) -> Vec<Slot> {
        Weekday::ALL
            .iter()
            .flat_map(|day| Daypart::ALL.iter().map(move |daypart| Slot { day: *day, daypart: *daypart }))
            .filter(|s| mask & s.bit() != 0)
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct Tariff {
    pub id: i64,
    pub cents: Cents,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    /// Seeded example, to be replaced by the real tariff.
    pub example: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct Service {
    pub id: i64,
    pub form: RespiteForm,
    pub unit: Unit,
    pub tariffs: Vec<Tariff>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct Helper {
    pub id: i64,
    pub name: String,
    /// Language codes, `nl`, `tr`.
    pub languages: Vec<String>,
    pub gender: Option<Gender>,
    pub specialisms: Vec<RecipientSituation>,
    /// An inactive helper keeps the sessions of the past, and gets no new ones.
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct Provider {
    pub id: i64,
    pub extern_id: Option<String>,
    pub name: String,
    pub kind: ProviderKind,
    /// The 4-digit postcode of its base, for distances.
    pub pc4: String,
    pub max_distance_km: i64,
    pub capacity_minutes_per_week: Option<i64>,
    pub places_per_day: Option<i64>,
    pub availability: Vec<Slot>,
    pub specialisms: Vec<RecipientSituation>,
    pub languages: Vec<String>,
    pub funders: Vec<String>,
    pub municipalities: Vec<Municipality>,
    pub contact_name: String,
    pub phone: String,
    pub email: String,
    pub example: bool,
    pub services: Vec<Service>,
    /// Active helpers first, then the inactive ones; each by name.
    pub helpers: Vec<Helper>,
    /// The day it was archived: not matched or planned any more, its history stays.
    pub archived_on: Option<NaiveDate>,
}

/// What a provider form or an import row says, already checked.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProviderData {
    pub extern_id: Option<String>,
    pub name: String,
    pub kind: Option<ProviderKind>,
    pub pc4: String,
    pub max_distance_km: i64,
    pub capacity_minutes_per_week: Option<i64>,
    pub places_per_day: Option<i64>,
    pub availability: Vec<Slot>,
    pub specialisms: Vec<RecipientSituation>,
    pub languages: Vec<String>,
    pub funders: Vec<String>,
    pub municipality_codes: Vec<String>,
    pub services: Vec<ServiceData>,
    pub helpers: Vec<HelperData>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceData {
    pub form: RespiteForm,
    pub unit: Unit,
    pub tariff: Option<(Cents, NaiveDate, Option<NaiveDate>)>,
}

/// A respite form from a file or form: the code, or a few words people use.
pub fn parse_form(raw: &str) -> Result<RespiteForm, String> {
    let key = crate::dutch::fold(raw).replace(['-', ' '], "");
    let form = match key.as_str() {
        "thuis" | "respijtthuis" | "thuisrespijt" | "uur" => Some(RespiteForm::AtHome),
        "dagopvang" | "dagbesteding" => Some(RespiteForm::DayCare),
        "logeeropvang" | "logeren" | "kortverblijf" => Some(RespiteForm::ShortStay),
        "24uurs" | "24uur" | "24uurszorg" | "24uurszorgthuis" => Some(RespiteForm::TwentyFourHours),
        _ => None,
    };
    form.ok_or_else(|| format!("'{}' is geen dienst; kies thuis, dagopvang, logeeropvang of 24uurs.", raw.trim()))
}

pub fn parse_unit(raw: &str) -> Result<Unit, String> {
    Unit::from_code(&crate::dutch::fold(raw))
        .ok_or_else(|| format!("'{}' is geen eenheid; kies uur, dagdeel of etmaal.", raw.trim()))
}
