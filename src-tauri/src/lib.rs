//! The desktop shell: opens the store, holds it, and adapts Tauri commands to
//! `respijt::commands`. No business rules live here.

use std::path::PathBuf;
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use respijt::access::{User, UserInput};
use respijt::audit::AuditEntry;
use respijt::caregiver::{CaregiverInput, Dossier, RecipientInput, RegisterOutcome, SearchOptions, SearchResult};
use respijt::commands::{self, RetentionOverview, StoreStatus};
use respijt::export::{ExportRequest, ExportResult};
use respijt::funding::{CapView, Dashboard, FundingSettings, PlanPreview, PolicyInput, SchemeInput};
use respijt::intake::{
    AppMode, AssessmentInput, AttentionItem, BurdenAssessment, BurdenScore, HandoverReport, Instrument, Intake,
    IntakeInput, IntakeStatus, SavedConcept,
};
use respijt::matching::{NeedInput, ProviderMatch};
use respijt::planning::{
    CalendarOwner, ChangeScope, PlanOutcome, SeriesInput, SessionInput, SessionStatus, SessionView, StatementReport,
    WeekCalendar,
};
use respijt::provider::{Provider, ProviderInput};
use respijt::region::Municipality;
use respijt::retention::{DossierRetention, ErasureGround, ErasureReport, RetentionSettings};
use respijt::store::backup::BackupFile;
use respijt::{store, ApiError, Error, Store};
use tauri::{Manager, State};

/// The shell is an edge: the one place that reads the clock and hands it to the core.
#[allow(clippy::disallowed_methods)]
fn now() -> DateTime<Utc> {
    Utc::now()
}

/// The store file the app uses and, once unlocked, the open store.
struct AppState {
    path: PathBuf,
    store: Mutex<Option<Store>>,
}

impl AppState {
    fn slot(&self) -> Result<std::sync::MutexGuard<'_, Option<Store>>, ApiError> {
        self.store
            .lock()
            .map_err(|_| ApiError::from(Error::Invalid("De opslag is niet beschikbaar; start de app opnieuw.".into())))
    }

    /// Runs `f` on the open store; a locked store or a poisoned lock (an
    /// earlier panic) is reported, not propagated.
    fn with<T>(&self, f: impl FnOnce(&Store) -> respijt::Result<T>) -> Result<T, ApiError> {
        let slot = self.slot()?;
        let store = slot.as_ref().ok_or_else(locked)?;
        f(store).map_err(ApiError::from)
    }

    /// As `with`, for the few commands that need the store to themselves (imports).
    fn with_mut<T>(&self, f: impl FnOnce(&mut Store) -> respijt::Result<T>) -> Result<T, ApiError> {
        let mut slot = self.slot()?;
        let store = slot.as_mut().ok_or_else(locked)?;
        f(store).map_err(ApiError::from)
    }

    /// Keeps a store that was just opened, and makes the day's backup beside
    /// it (a region's store takes seconds to copy; a failed backup is
    /// reported, it does not keep the director out).
    fn keep(&self, store: Store) -> Result<StoreStatus, ApiError> {
        let (path, passphrase) = (store.path().to_path_buf(), store.passphrase().clone());
        *self.slot()? = Some(store);
        std::thread::spawn(move || {
            if let Err(err) = commands::daily_backup(&path, &passphrase, now()) {
                eprintln!("Respijtregie kon geen dagelijkse back-up maken: {err}");
            }
        });
        self.status()
    }

    fn status(&self) -> Result<StoreStatus, ApiError> {
        let slot = self.slot()?;
        commands::store_status(&self.path, slot.as_ref()).map_err(ApiError::from)
    }
}

fn locked() -> ApiError {
    ApiError::from(Error::Locked("De opslag is vergrendeld; vul de wachtwoordzin in.".into()))
}

#[tauri::command(async)]
fn audit_of_caregiver(state: State<'_, AppState>, caregiver_id: i64) -> Result<Vec<AuditEntry>, ApiError> {
    state.with(|s| commands::audit_of_caregiver(s, caregiver_id))
}

#[tauri::command(async)]
fn export_audit_trail(state: State<'_, AppState>, caregiver_id: i64, path: PathBuf) -> Result<usize, ApiError> {
    state.with(|s| commands::export_audit_trail(s, caregiver_id, &path, now()))
}

#[tauri::command(async)]
fn retention_overview(state: State<'_, AppState>) -> Result<RetentionOverview, ApiError> {
    state.with(|s| commands::retention_overview(s, now()))
}

#[tauri::command(async)]
fn set_retention(state: State<'_, AppState>, input: RetentionSettings) -> Result<RetentionOverview, ApiError> {
    state.with(|s| commands::set_retention(s, &input, now()))
}

#[tauri::command(async)]
fn dossier_retention(state: State<'_, AppState>, caregiver_id: i64) -> Result<DossierRetention, ApiError> {
    state.with(|s| commands::dossier_retention(s, caregiver_id))
}

#[tauri::command(async)]
fn set_legal_hold(
    state: State<'_, AppState>,
    caregiver_id: i64,
    reason: Option<String>,
) -> Result<DossierRetention, ApiError> {
    state.with(|s| commands::set_legal_hold(s, caregiver_id, reason.as_deref(), now()))
}

#[tauri::command(async)]
fn erase_caregiver(
    state: State<'_, AppState>,
    caregiver_id: i64,
    ground: ErasureGround,
    confirmed: bool,
) -> Result<ErasureReport, ApiError> {
    state.with(|s| commands::erase_caregiver(s, caregiver_id, ground, confirmed, now()))
}

#[tauri::command(async)]
fn sign_in(state: State<'_, AppState>, name: String, password: String) -> Result<StoreStatus, ApiError> {
    state.with_mut(|s| commands::sign_in(s, &name, &password))
}

#[tauri::command(async)]
fn list_users(state: State<'_, AppState>) -> Result<Vec<User>, ApiError> {
    state.with(commands::list_users)
}

#[tauri::command(async)]
fn add_user(state: State<'_, AppState>, input: UserInput) -> Result<Vec<User>, ApiError> {
    state.with_mut(|s| commands::add_user(s, &input, now()))
}

#[tauri::command(async)]
fn disable_user(state: State<'_, AppState>, id: i64) -> Result<Vec<User>, ApiError> {
    state.with_mut(|s| commands::disable_user(s, id, now()))
}

#[tauri::command(async)]
fn list_backups(state: State<'_, AppState>) -> Result<Vec<BackupFile>, ApiError> {
    state.with(commands::list_backups)
}

#[tauri::command(async)]
fn make_backup(state: State<'_, AppState>) -> Result<Vec<BackupFile>, ApiError> {
    state.with(|s| commands::make_backup(s, now()))
}

#[tauri::command(async)]
fn restore_backup(
    state: State<'_, AppState>,
    path: PathBuf,
    backup_passphrase: Option<String>,
) -> Result<Vec<BackupFile>, ApiError> {
    state.with_mut(|s| commands::restore_backup(s, &path, backup_passphrase.as_deref(), now()))
}

#[tauri::command(async)]
fn store_status(state: State<'_, AppState>) -> Result<StoreStatus, ApiError> {
    state.status()
}

#[tauri::command(async)]
fn create_store(state: State<'_, AppState>, passphrase: String, repeat: String) -> Result<StoreStatus, ApiError> {
    let store = commands::create_store(&state.path, &passphrase, &repeat)?;
    state.keep(store)
}

#[tauri::command(async)]
fn unlock_store(state: State<'_, AppState>, passphrase: String) -> Result<StoreStatus, ApiError> {
    let store = commands::unlock_store(&state.path, &passphrase)?;
    state.keep(store)
}

#[tauri::command(async)]
fn encrypt_store(state: State<'_, AppState>, passphrase: String, repeat: String) -> Result<StoreStatus, ApiError> {
    let store = commands::encrypt_store(&state.path, &passphrase, &repeat)?;
    state.keep(store)
}

#[tauri::command(async)]
fn lock_store(state: State<'_, AppState>) -> Result<StoreStatus, ApiError> {
    *state.slot()? = None;
    state.status()
}

#[tauri::command(async)]
fn change_passphrase(
    state: State<'_, AppState>,
    current: String,
    passphrase: String,
    repeat: String,
) -> Result<(), ApiError> {
    state.with_mut(|s| commands::change_passphrase(s, &current, &passphrase, &repeat, now()))
}

#[tauri::command(async)]
fn search_caregivers(state: State<'_, AppState>, options: SearchOptions) -> Result<SearchResult, ApiError> {
    state.with(|s| commands::search_caregivers(s, &options))
}

#[tauri::command(async)]
fn get_dossier(state: State<'_, AppState>, id: i64) -> Result<Dossier, ApiError> {
    state.with(|s| commands::get_dossier(s, id, now()))
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

#[tauri::command(async)]
fn save_intake_concept(
    state: State<'_, AppState>,
    id: Option<i64>,
    input: IntakeInput,
) -> Result<SavedConcept, ApiError> {
    state.with(|s| commands::save_intake_concept(s, id, &input, now()))
}

#[tauri::command(async)]
fn complete_intake(state: State<'_, AppState>, id: Option<i64>, input: IntakeInput) -> Result<Intake, ApiError> {
    state.with(|s| commands::complete_intake(s, id, &input, now()))
}

#[tauri::command(async)]
fn change_intake_status(state: State<'_, AppState>, id: i64, to: IntakeStatus) -> Result<Intake, ApiError> {
    state.with(|s| commands::change_intake_status(s, id, to, now()))
}

#[tauri::command(async)]
fn record_assessment(state: State<'_, AppState>, intake_id: i64, input: AssessmentInput) -> Result<Intake, ApiError> {
    state.with(|s| commands::record_assessment(s, intake_id, &input, now()))
}

#[tauri::command(async)]
fn score_burden(state: State<'_, AppState>, instrument: String, answers: Vec<i64>) -> Result<BurdenScore, ApiError> {
    state.with(|s| commands::score_burden(s, &instrument, &answers))
}

#[tauri::command(async)]
fn get_intake(state: State<'_, AppState>, id: i64) -> Result<Intake, ApiError> {
    state.with(|s| commands::get_intake(s, id, now()))
}

#[tauri::command(async)]
fn intakes_of_caregiver(state: State<'_, AppState>, caregiver_id: i64) -> Result<Vec<Intake>, ApiError> {
    state.with(|s| commands::intakes_of_caregiver(s, caregiver_id))
}

#[tauri::command(async)]
fn burden_trend(state: State<'_, AppState>, caregiver_id: i64) -> Result<Vec<BurdenAssessment>, ApiError> {
    state.with(|s| commands::burden_trend(s, caregiver_id))
}

#[tauri::command(async)]
fn attention_list(state: State<'_, AppState>) -> Result<Vec<AttentionItem>, ApiError> {
    state.with(|s| commands::attention_list(s, now()))
}

#[tauri::command(async)]
fn list_instruments(state: State<'_, AppState>) -> Result<Vec<Instrument>, ApiError> {
    state.with(commands::list_instruments)
}

#[tauri::command(async)]
fn export_handover_to_file(
    state: State<'_, AppState>,
    intake_ids: Vec<i64>,
    passphrase: String,
    path: PathBuf,
) -> Result<usize, ApiError> {
    state.with(|s| commands::export_handover_to_file(s, &intake_ids, &passphrase, &path, now()))
}

#[tauri::command(async)]
fn import_handover_file(
    state: State<'_, AppState>,
    path: PathBuf,
    passphrase: String,
) -> Result<HandoverReport, ApiError> {
    state.with(|s| commands::import_handover_file(s, &path, &passphrase, now()))
}

#[tauri::command(async)]
fn get_mode(state: State<'_, AppState>) -> Result<AppMode, ApiError> {
    state.with(commands::get_mode)
}

#[tauri::command(async)]
fn set_mode(state: State<'_, AppState>, mode: AppMode) -> Result<AppMode, ApiError> {
    state.with(|s| commands::set_mode(s, mode))
}

#[tauri::command(async)]
fn list_providers(state: State<'_, AppState>) -> Result<Vec<Provider>, ApiError> {
    state.with(commands::list_providers)
}

#[tauri::command(async)]
fn get_provider(state: State<'_, AppState>, id: i64) -> Result<Provider, ApiError> {
    state.with(|s| commands::get_provider(s, id))
}

#[tauri::command(async)]
fn rank_providers(state: State<'_, AppState>, need: NeedInput) -> Result<Vec<ProviderMatch>, ApiError> {
    state.with(|s| commands::rank_providers(s, &need))
}

#[tauri::command(async)]
fn plan_session(
    state: State<'_, AppState>,
    input: SessionInput,
    override_reason: Option<String>,
) -> Result<PlanOutcome, ApiError> {
    state.with(|s| commands::plan_session(s, &input, override_reason.as_deref(), now()))
}

#[tauri::command(async)]
fn plan_series(
    state: State<'_, AppState>,
    input: SeriesInput,
    override_reason: Option<String>,
) -> Result<PlanOutcome, ApiError> {
    state.with(|s| commands::plan_series(s, &input, override_reason.as_deref(), now()))
}

#[tauri::command(async)]
fn update_session(
    state: State<'_, AppState>,
    id: i64,
    input: SessionInput,
    scope: ChangeScope,
    override_reason: Option<String>,
) -> Result<PlanOutcome, ApiError> {
    state.with(|s| commands::update_session(s, id, &input, scope, override_reason.as_deref(), now()))
}

#[tauri::command(async)]
fn set_session_status(
    state: State<'_, AppState>,
    id: i64,
    status: SessionStatus,
    delivered_hours: Option<String>,
) -> Result<SessionView, ApiError> {
    state.with(|s| commands::set_session_status(s, id, status, delivered_hours.as_deref(), now()))
}

#[tauri::command(async)]
fn import_statement_file(state: State<'_, AppState>, path: PathBuf) -> Result<StatementReport, ApiError> {
    state.with_mut(|s| commands::import_statement_file(s, &path, now()))
}

#[tauri::command(async)]
fn provider_form(state: State<'_, AppState>, id: i64) -> Result<ProviderInput, ApiError> {
    state.with(|s| commands::provider_form(s, id))
}

#[tauri::command(async)]
fn save_provider(state: State<'_, AppState>, id: Option<i64>, input: ProviderInput) -> Result<Provider, ApiError> {
    state.with(|s| commands::save_provider(s, id, &input, now()))
}

#[tauri::command(async)]
fn funding_settings(state: State<'_, AppState>) -> Result<FundingSettings, ApiError> {
    state.with(commands::funding_settings)
}

#[tauri::command(async)]
fn save_scheme(state: State<'_, AppState>, id: i64, input: SchemeInput) -> Result<FundingSettings, ApiError> {
    state.with(|s| commands::save_scheme(s, id, &input, now()))
}

#[tauri::command(async)]
fn set_policy(state: State<'_, AppState>, input: PolicyInput) -> Result<FundingSettings, ApiError> {
    state.with(|s| commands::set_policy(s, &input, now()))
}

#[tauri::command(async)]
fn get_session(state: State<'_, AppState>, id: i64) -> Result<SessionView, ApiError> {
    state.with(|s| commands::get_session(s, id))
}

#[tauri::command(async)]
fn week_calendar(state: State<'_, AppState>, owner: CalendarOwner, date: String) -> Result<WeekCalendar, ApiError> {
    state.with(|s| commands::week_calendar(s, owner, &date))
}

#[tauri::command(async)]
fn export_provider_ics(
    state: State<'_, AppState>,
    provider_id: i64,
    from: String,
    weeks: u32,
    path: PathBuf,
) -> Result<(), ApiError> {
    state.with(|s| commands::export_provider_ics(s, provider_id, &from, weeks, &path, now()))
}

#[tauri::command(async)]
fn caregiver_cap(state: State<'_, AppState>, caregiver_id: i64, year: i32) -> Result<Vec<CapView>, ApiError> {
    state.with(|s| commands::caregiver_cap(s, caregiver_id, year))
}

#[tauri::command(async)]
fn funding_dashboard(state: State<'_, AppState>, year: i32) -> Result<Dashboard, ApiError> {
    state.with(|s| commands::funding_dashboard(s, year, now()))
}

#[tauri::command(async)]
fn set_budget(
    state: State<'_, AppState>,
    municipality_code: String,
    year: i32,
    euros: String,
) -> Result<Dashboard, ApiError> {
    state.with(|s| commands::set_budget(s, &municipality_code, year, &euros, now()))
}

#[tauri::command(async)]
fn preview_series(state: State<'_, AppState>, input: SeriesInput) -> Result<PlanPreview, ApiError> {
    state.with(|s| commands::preview_series(s, &input))
}

#[tauri::command(async)]
fn export_preview(state: State<'_, AppState>, request: ExportRequest) -> Result<ExportResult, ApiError> {
    state.with(|s| commands::export_preview(s, &request, now()))
}

#[tauri::command(async)]
fn export_to_file(state: State<'_, AppState>, request: ExportRequest, path: PathBuf) -> Result<ExportResult, ApiError> {
    state.with(|s| commands::export_to_file(s, &request, &path, "regisseur", now()))
}

pub fn run() {
    // The store named by `RESPIJT_DB`, or the default one in the app-data
    // folder. It stays shut until the passphrase is given in the window.
    let path = match store::resolve_path(None) {
        Ok(path) => path,
        Err(err) => {
            eprintln!("Respijtregie vond geen plek voor de opslag: {err}");
            std::process::exit(1);
        }
    };
    let result = tauri::Builder::default()
        // First: a second start hands over to the running app, which comes to
        // the front, and exits (one app on the store at a time). On Linux this
        // goes over the session D-Bus; without one, each start runs on its own.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_dialog::init())
        .manage(AppState { path, store: Mutex::new(None) })
        .invoke_handler(tauri::generate_handler![
            store_status,
            list_backups,
            make_backup,
            restore_backup,
            sign_in,
            list_users,
            add_user,
            disable_user,
            retention_overview,
            set_retention,
            dossier_retention,
            set_legal_hold,
            erase_caregiver,
            audit_of_caregiver,
            export_audit_trail,
            create_store,
            unlock_store,
            encrypt_store,
            lock_store,
            change_passphrase,
            search_caregivers,
            get_dossier,
            register_caregiver,
            update_caregiver,
            archive_caregiver,
            restore_caregiver,
            add_recipient,
            update_recipient,
            list_municipalities,
            save_intake_concept,
            complete_intake,
            change_intake_status,
            record_assessment,
            score_burden,
            get_intake,
            intakes_of_caregiver,
            burden_trend,
            attention_list,
            list_instruments,
            export_handover_to_file,
            import_handover_file,
            get_mode,
            set_mode,
            list_providers,
            get_provider,
            rank_providers,
            plan_session,
            plan_series,
            update_session,
            set_session_status,
            import_statement_file,
            provider_form,
            save_provider,
            funding_settings,
            save_scheme,
            set_policy,
            get_session,
            week_calendar,
            export_provider_ics,
            caregiver_cap,
            funding_dashboard,
            set_budget,
            preview_series,
            export_preview,
            export_to_file,
        ])
        .run(tauri::generate_context!());
    if let Err(err) = result {
        eprintln!("Respijtregie stopte met een fout: {err}");
        std::process::exit(1);
    }
}
