//! What the desktop app asks of the core, one function per Tauri command.
//!
//! Each takes the store and "now" and returns what the screen shows next, so
//! the Tauri commands are one-line adapters and these can be tested without
//! a window.

use chrono::{DateTime, Utc};

use crate::caregiver::{self, CaregiverInput, Dossier, RecipientInput, RegisterOutcome, SearchOptions, SearchResult};
use crate::error::Result;
use crate::region::{self, Municipality};
use crate::store::Store;

pub fn search_caregivers(store: &Store, options: &SearchOptions) -> Result<SearchResult> {
    caregiver::search_caregivers(store.conn(), options)
}

pub fn get_dossier(store: &Store, id: i64) -> Result<Dossier> {
    caregiver::dossier(store.conn(), id)
}

pub fn register_caregiver(
    store: &Store,
    input: &CaregiverInput,
    allow_twin: bool,
    now: DateTime<Utc>,
) -> Result<RegisterOutcome> {
    caregiver::register_caregiver(store.conn(), input, allow_twin, now)
}

pub fn update_caregiver(store: &Store, id: i64, input: &CaregiverInput, now: DateTime<Utc>) -> Result<Dossier> {
    caregiver::update_caregiver(store.conn(), id, input, now)?;
    caregiver::dossier(store.conn(), id)
}

pub fn archive_caregiver(store: &Store, id: i64, reason: &str, now: DateTime<Utc>) -> Result<Dossier> {
    caregiver::archive_caregiver(store.conn(), id, reason, now)?;
    caregiver::dossier(store.conn(), id)
}

pub fn restore_caregiver(store: &Store, id: i64, now: DateTime<Utc>) -> Result<Dossier> {
    caregiver::restore_caregiver(store.conn(), id, now)?;
    caregiver::dossier(store.conn(), id)
}

pub fn add_recipient(store: &Store, caregiver_id: i64, input: &RecipientInput, now: DateTime<Utc>) -> Result<Dossier> {
    caregiver::add_recipient(store.conn(), caregiver_id, input, now)?;
    caregiver::dossier(store.conn(), caregiver_id)
}

pub fn update_recipient(
    store: &Store,
    caregiver_id: i64,
    recipient_id: i64,
    input: &RecipientInput,
    now: DateTime<Utc>,
) -> Result<Dossier> {
    caregiver::update_recipient(store.conn(), caregiver_id, recipient_id, input, now)?;
    caregiver::dossier(store.conn(), caregiver_id)
}

pub fn list_municipalities(store: &Store) -> Result<Vec<Municipality>> {
    region::list_municipalities(store.conn())
}
