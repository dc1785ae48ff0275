//! The desktop shell: opens the store, holds it, and adapts Tauri commands to
//! `respijt::commands`. No business rules live here.

use std::sync::Mutex;

use chrono::{DateTime, Utc};
use respijt::caregiver::{CaregiverInput, Dossier, RecipientInput, RegisterOutcome, SearchOptions, SearchResult};
use respijt::commands;
use respijt::region::Municipality;
use respijt::{store, ApiError, Error, Store};
use tauri::State;

/// The shell is an edge: the one place that reads the clock and hands it to the core.
#[allow(clippy::disallowed_methods)]
fn now() -> DateTime<Utc> {
    Utc::now()
}

struct AppState(Mutex<Store>);

impl AppState {
    /// Runs `f` on the store; a poisoned lock (an earlier panic) is reported, not propagated.
    fn with<T>(&self, f: impl FnOnce(&Store) -> respijt::Result<T>) -> Result<T, ApiError> {
        let store = self.0.lock().map_err(|_| {
            ApiError::from(Error::Invalid("De opslag is niet beschikbaar; start de app opnieuw.".into()))
        })?;
        f(&store).map_err(ApiError::from)
    }
}

#[tauri::command(async)]
fn search_caregivers(state: State<'_, AppState>, options: SearchOptions) -> Result<SearchResult, ApiError> {
    state.with(|s| commands::search_caregivers(s, &options))
}

#[tauri::command(async)]
fn get_dossier(state: State<'_, AppState>, id: i64) -> Result<Dossier, ApiError> {
    state.with(|s| commands::get_dossier(s, id))
}

#[tauri::command(async)]
fn register_caregiver(
    state: State<'_, AppState>,
    input: CaregiverInput,
    allow_twin: bool,
) -> Result<RegisterOutcome, ApiError> {
    state.with(|s| commands::register_caregiver(s, &input, allow_twin, now()))
}

#[tauri::command(async)]
fn update_caregiver(state: State<'_, AppState>, id: i64, input: CaregiverInput) -> Result<Dossier, ApiError> {
    state.with(|s| commands::update_caregiver(s, id, &input, now()))
}

#[tauri::command(async)]
fn archive_caregiver(state: State<'_, AppState>, id: i64, reason: String) -> Result<Dossier, ApiError> {
    state.with(|s| commands::archive_caregiver(s, id, &reason, now()))
}

#[tauri::command(async)]
fn restore_caregiver(state: State<'_, AppState>, id: i64) -> Result<Dossier, ApiError> {
    state.with(|s| commands::restore_caregiver(s, id, now()))
}

#[tauri::command(async)]
fn add_recipient(state: State<'_, AppState>, caregiver_id: i64, input: RecipientInput) -> Result<Dossier, ApiError> {
    state.with(|s| commands::add_recipient(s, caregiver_id, &input, now()))
}

#[tauri::command(async)]
fn update_recipient(
    state: State<'_, AppState>,
    caregiver_id: i64,
    recipient_id: i64,
    input: RecipientInput,
) -> Result<Dossier, ApiError> {
    state.with(|s| commands::update_recipient(s, caregiver_id, recipient_id, &input, now()))
}

#[tauri::command(async)]
fn list_municipalities(state: State<'_, AppState>) -> Result<Vec<Municipality>, ApiError> {
    state.with(commands::list_municipalities)
}

/// Opens the store named by `RESPIJT_DB`, or the default one in the app-data folder.
fn open_store() -> respijt::Result<Store> {
    Store::open(&store::resolve_path(None)?)
}

pub fn run() {
    let store = match open_store() {
        Ok(store) => store,
        Err(err) => {
            eprintln!("Respijtregie kon de opslag niet openen: {err}");
            std::process::exit(1);
        }
    };
    let result = tauri::Builder::default()
        .manage(AppState(Mutex::new(store)))
        .invoke_handler(tauri::generate_handler![
            search_caregivers,
            get_dossier,
            register_caregiver,
            update_caregiver,
            archive_caregiver,
            restore_caregiver,
            add_recipient,
            update_recipient,
            list_municipalities,
        ])
        .run(tauri::generate_context!());
    if let Err(err) = result {
        eprintln!("Respijtregie stopte met een fout: {err}");
        std::process::exit(1);
    }
}
