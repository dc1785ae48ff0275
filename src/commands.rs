//! What the desktop app asks of the core, one function per Tauri command.
//!
//! Each takes the store and "now" and returns what the screen shows next, so
//! the Tauri commands are one-line adapters and these can be tested without
//! a window.

use std::path::Path;

use chrono::{DateTime, Utc};

use crate::access::{self, Area, Role, User, UserInput};
use crate::audit::{self, AuditAction, AuditEntry};
use crate::caregiver::{self, CaregiverInput, Dossier, RecipientInput, RegisterOutcome, SearchOptions, SearchResult};
use crate::error::{Error, FieldError, Result};
use crate::export::{ExportRequest, ExportResult};
use crate::funding::{self, CapView, Dashboard, FundingSettings, PlanPreview, PolicyInput, SchemeInput};
use crate::import::{self as importer, ImportOptions};
use crate::intake::{
    self, AppMode, AssessmentInput, AttentionItem, BurdenAssessment, BurdenScore, HandoverReport, Instrument, Intake,
    IntakeInput, IntakeStatus, SavedConcept,
};
use crate::matching::{self, NeedInput, ProviderMatch};
use crate::money::Cents;
use crate::planning::{
    self, CalendarOwner, ChangeScope, PlanOutcome, SeriesInput, SessionInput, SessionStatus, SessionView,
    StatementReport, WeekCalendar,
};
use crate::provider::{self, Provider, ProviderInput};
use crate::region::{self, Municipality};
use crate::store::Store;

pub fn search_caregivers(store: &Store, options: &SearchOptions) -> Result<SearchResult> {
    store.require(Area::Register)?;
    let mut result = caregiver::search_caregivers(store.conn(), options)?;
    result.items = own_caseload(store, result.items, |c| c.id)?;
    Ok(result)
}

/// Opening a dossier is recorded in the audit trail: who looked, and when.
pub fn get_dossier(store: &Store, id: i64, now: DateTime<Utc>) -> Result<Dossier> {
    store.require_caregiver(id)?;
    let dossier = caregiver::dossier(store.conn(), id)?;
    audit::record(store.conn(), AuditAction::DossierViewed, Some(id), "", now)?;
    Ok(dossier)
}

/// Who looked at or changed this dossier, newest first (the last 200).
pub fn audit_of_caregiver(store: &Store, caregiver_id: i64) -> Result<Vec<AuditEntry>> {
    store.require_caregiver(caregiver_id)?;
    audit::of_caregiver(store.conn(), caregiver_id, 200)
}

/// The whole trail of one client as a CSV file, for a data subject's request.
pub fn export_audit_trail(store: &Store, caregiver_id: i64, path: &Path, now: DateTime<Utc>) -> Result<usize> {
    store.require(Area::Admin)?;
    audit::export_for_subject(store.conn(), caregiver_id, path, now)
}

/// A change of a dossier, recorded in the same transaction as the change.
fn changed<T>(
    store: &Store,
    caregiver_id: i64,
    what: &str,
    now: DateTime<Utc>,
    f: impl FnOnce() -> Result<T>,
) -> Result<T> {
    audited(store, AuditAction::DossierChanged, caregiver_id, what, now, f)
}

/// Runs `f` and records `action` in one savepoint: a refused change records nothing.
fn audited<T>(
    store: &Store,
    action: AuditAction,
    caregiver_id: i64,
    what: &str,
    now: DateTime<Utc>,
    f: impl FnOnce() -> Result<T>,
) -> Result<T> {
    crate::store::in_savepoint(store.conn(), "audited", || {
        let value = f()?;
        audit::record(store.conn(), action, Some(caregiver_id), what, now)?;
        Ok(value)
    })
}

/// For a consultant, only the items about their own caseload; for others all.
fn own_caseload<T>(store: &Store, items: Vec<T>, caregiver_of: impl Fn(&T) -> i64) -> Result<Vec<T>> {
    let Some(user) = store.user().filter(|u| u.role == Role::Consultant) else { return Ok(items) };
    let mut mine = Vec::with_capacity(items.len());
    for item in items {
        if access::in_caseload(store.conn(), user.id, caregiver_of(&item))? {
            mine.push(item);
        }
    }
    Ok(mine)
}

pub fn register_caregiver(
    store: &Store,
    input: &CaregiverInput,
    allow_twin: bool,
    now: DateTime<Utc>,
) -> Result<RegisterOutcome> {
    store.require(Area::Register)?;
    crate::store::in_savepoint(store.conn(), "register", || {
        let outcome = caregiver::register_caregiver(store.conn(), input, allow_twin, now)?;
        if let RegisterOutcome::Created { id } = outcome {
            audit::record(store.conn(), AuditAction::DossierCreated, Some(id), "", now)?;
            // A consultant's own registrations are their caseload.
            if let Some(user) = store.user().filter(|u| u.role == Role::Consultant) {
                access::add_to_caseload(store.conn(), user.id, id)?;
            }
        }
        Ok(outcome)
    })
}

pub fn update_caregiver(store: &Store, id: i64, input: &CaregiverInput, now: DateTime<Utc>) -> Result<Dossier> {
    store.require_caregiver(id)?;
    changed(store, id, "gegevens mantelzorger", now, || caregiver::update_caregiver(store.conn(), id, input, now))?;
    caregiver::dossier(store.conn(), id)
}

pub fn archive_caregiver(store: &Store, id: i64, reason: &str, now: DateTime<Utc>) -> Result<Dossier> {
    store.require_caregiver(id)?;
    changed(store, id, "gearchiveerd", now, || caregiver::archive_caregiver(store.conn(), id, reason, now))?;
    caregiver::dossier(store.conn(), id)
}

pub fn restore_caregiver(store: &Store, id: i64, now: DateTime<Utc>) -> Result<Dossier> {
    store.require_caregiver(id)?;
    changed(store, id, "uit het archief gehaald", now, || caregiver::restore_caregiver(store.conn(), id, now))?;
    caregiver::dossier(store.conn(), id)
}

pub fn add_recipient(store: &Store, caregiver_id: i64, input: &RecipientInput, now: DateTime<Utc>) -> Result<Dossier> {
    store.require_caregiver(caregiver_id)?;
    changed(store, caregiver_id, "naaste toegevoegd", now, || {
        caregiver::add_recipient(store.conn(), caregiver_id, input, now)
    })?;
    caregiver::dossier(store.conn(), caregiver_id)
}

pub fn update_recipient(
    store: &Store,
    caregiver_id: i64,
    recipient_id: i64,
    input: &RecipientInput,
    now: DateTime<Utc>,
) -> Result<Dossier> {
    store.require_caregiver(caregiver_id)?;
    changed(store, caregiver_id, &format!("naaste {recipient_id} gewijzigd"), now, || {
        caregiver::update_recipient(store.conn(), caregiver_id, recipient_id, input, now)
    })?;
    caregiver::dossier(store.conn(), caregiver_id)
}

pub fn list_municipalities(store: &Store) -> Result<Vec<Municipality>> {
    region::list_municipalities(store.conn())
}

/// Autosave of the intake form; `id` None starts a new concept.
pub fn save_intake_concept(
    store: &Store,
    id: Option<i64>,
    input: &IntakeInput,
    now: DateTime<Utc>,
) -> Result<SavedConcept> {
    store.require(Area::Intakes)?;
    store.require_caregiver(input.caregiver_id)?;
    intake_changed(store, input.caregiver_id, now, || intake::save_concept(store.conn(), id, input, now))
}

/// A change of an intake, recorded in the same transaction as the change.
fn intake_changed<T>(store: &Store, caregiver_id: i64, now: DateTime<Utc>, f: impl FnOnce() -> Result<T>) -> Result<T> {
    audited(store, AuditAction::IntakeChanged, caregiver_id, "", now, f)
}

pub fn complete_intake(store: &Store, id: Option<i64>, input: &IntakeInput, now: DateTime<Utc>) -> Result<Intake> {
    store.require(Area::Intakes)?;
    store.require_caregiver(input.caregiver_id)?;
    intake_changed(store, input.caregiver_id, now, || intake::complete_intake(store.conn(), id, input, now))
}

pub fn change_intake_status(store: &Store, id: i64, to: IntakeStatus, now: DateTime<Utc>) -> Result<Intake> {
    store.require(Area::Intakes)?;
    let caregiver_id = intake::get_intake(store.conn(), id)?.caregiver_id;
    store.require_caregiver(caregiver_id)?;
    intake_changed(store, caregiver_id, now, || intake::change_status(store.conn(), id, to, now))
}

/// Stores a (re-)assessment and returns the intake with all its assessments.
pub fn record_assessment(store: &Store, intake_id: i64, input: &AssessmentInput, now: DateTime<Utc>) -> Result<Intake> {
    store.require(Area::Intakes)?;
    let caregiver_id = intake::get_intake(store.conn(), intake_id)?.caregiver_id;
    store.require_caregiver(caregiver_id)?;
    intake_changed(store, caregiver_id, now, || intake::record_assessment(store.conn(), intake_id, input, now))?;
    intake::get_intake(store.conn(), intake_id)
}

/// Score and band while the form is being filled in; stores nothing.
pub fn score_burden(store: &Store, instrument: &str, answers: &[i64]) -> Result<BurdenScore> {
    store.require(Area::Intakes)?;
    intake::score_answers(store.conn(), instrument, answers)
}

pub fn get_intake(store: &Store, id: i64, now: DateTime<Utc>) -> Result<Intake> {
    store.require(Area::Intakes)?;
    let found = intake::get_intake(store.conn(), id)?;
    store.require_caregiver(found.caregiver_id)?;
    audit::record(store.conn(), AuditAction::IntakeViewed, Some(found.caregiver_id), &format!("intake {id}"), now)?;
    Ok(found)
}

pub fn intakes_of_caregiver(store: &Store, caregiver_id: i64) -> Result<Vec<Intake>> {
    store.require(Area::Intakes)?;
    store.require_caregiver(caregiver_id)?;
    intake::intakes_of_caregiver(store.conn(), caregiver_id)
}

/// Every assessment of a caregiver, oldest first, for the trend chart.
pub fn burden_trend(store: &Store, caregiver_id: i64) -> Result<Vec<BurdenAssessment>> {
    store.require(Area::Intakes)?;
    store.require_caregiver(caregiver_id)?;
    intake::assessments_of_caregiver(store.conn(), caregiver_id)
}

pub fn attention_list(store: &Store, now: DateTime<Utc>) -> Result<Vec<AttentionItem>> {
    store.require(Area::Intakes)?;
    // A consultant sees only their own clients here too.
    own_caseload(store, intake::attention_list(store.conn(), now.date_naive())?, |i| i.caregiver_id)
}

pub fn list_instruments(store: &Store) -> Result<Vec<Instrument>> {
    store.require(Area::Intakes)?;
    intake::instruments(store.conn())
}

/// Replaces the instruments' texts with a region's own file (same shape as
/// `data/instruments/default.json`).
pub fn replace_instruments(store: &Store, json: &str) -> Result<Vec<Instrument>> {
    store.require(Area::Admin)?;
    intake::replace_instruments(store.conn(), json)
}

/// The sealed hand-over file as bytes; the store does not change.
pub fn export_handover(store: &Store, intake_ids: &[i64], passphrase: &str, now: DateTime<Utc>) -> Result<Vec<u8>> {
    store.require(Area::Intakes)?;
    intake::export_handover(store.conn(), intake_ids, passphrase, now)
}

/// Writes the hand-over file, and only once it is safely on disk marks the
/// intakes as handed over. Returns how many intakes the file holds.
pub fn export_handover_to_file(
    store: &Store,
    intake_ids: &[i64],
    passphrase: &str,
    path: &Path,
    now: DateTime<Utc>,
) -> Result<usize> {
    store.require(Area::Intakes)?;
    let bytes = intake::export_handover(store.conn(), intake_ids, passphrase, now)?;
    // Written beside the target and renamed, so a full disk never leaves half a file.
    let partial = path.with_extension("deels");
    std::fs::write(&partial, &bytes)?;
    std::fs::rename(&partial, path)?;
    intake::mark_handed_over(store.conn(), intake_ids, now)?;
    audit::record(store.conn(), AuditAction::HandoverExport, None, &format!("{} intake(s)", intake_ids.len()), now)?;
    Ok(intake_ids.len())
}

pub fn import_handover(store: &Store, bytes: &[u8], passphrase: &str, now: DateTime<Utc>) -> Result<HandoverReport> {
    store.require(Area::Intakes)?;
    intake::import_handover(store.conn(), bytes, passphrase, now)
}

pub fn import_handover_file(
    store: &Store,
    path: &Path,
    passphrase: &str,
    now: DateTime<Utc>,
) -> Result<HandoverReport> {
    store.require(Area::Intakes)?;
    let bytes = std::fs::read(path)?;
    let report = intake::import_handover(store.conn(), &bytes, passphrase, now)?;
    audit::record(
        store.conn(),
        AuditAction::HandoverImport,
        None,
        &format!("{} nieuwe intake(s)", report.intakes_new),
        now,
    )?;
    Ok(report)
}

pub fn get_mode(store: &Store) -> Result<AppMode> {
    intake::get_mode(store.conn())
}

pub fn set_mode(store: &Store, mode: AppMode) -> Result<AppMode> {
    store.require(Area::Admin)?;
    intake::set_mode(store.conn(), mode)
}

pub fn list_providers(store: &Store) -> Result<Vec<Provider>> {
    store.require(Area::Providers)?;
    provider::list_providers(store.conn())
}

pub fn get_provider(store: &Store, id: i64) -> Result<Provider> {
    store.require(Area::Providers)?;
    provider::get_provider(store.conn(), id)
}

/// The edit form of a provider, filled in.
pub fn provider_form(store: &Store, id: i64) -> Result<ProviderInput> {
    store.require(Area::ProvidersEdit)?;
    provider::provider_form(store.conn(), id)
}

/// Saves the provider form (`id` None: a new provider) and returns it as stored.
pub fn save_provider(store: &Store, id: Option<i64>, input: &ProviderInput, now: DateTime<Utc>) -> Result<Provider> {
    store.require(Area::ProvidersEdit)?;
    let id = provider::save_provider_form(store.conn(), id, input, now)?;
    provider::get_provider(store.conn(), id)
}

pub fn rank_providers(store: &Store, need: &NeedInput) -> Result<Vec<ProviderMatch>> {
    store.require(Area::Planning)?;
    matching::rank_providers(store.conn(), need)
}

pub fn plan_session(
    store: &Store,
    input: &SessionInput,
    override_reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<PlanOutcome> {
    store.require(Area::Planning)?;
    planning::plan_session(store.conn(), input, override_reason, now)
}

pub fn plan_series(
    store: &Store,
    input: &SeriesInput,
    override_reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<PlanOutcome> {
    store.require(Area::Planning)?;
    planning::plan_series(store.conn(), input, override_reason, now)
}

pub fn update_session(
    store: &Store,
    id: i64,
    input: &SessionInput,
    scope: ChangeScope,
    override_reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<PlanOutcome> {
    store.require(Area::Planning)?;
    planning::update_session(store.conn(), id, input, scope, override_reason, now)
}

/// `delivered_hours`: for a delivered session the hours delivered as typed
/// (`2,5`); empty or None means as planned.
pub fn set_session_status(
    store: &Store,
    id: i64,
    status: SessionStatus,
    delivered_hours: Option<&str>,
    now: DateTime<Utc>,
) -> Result<SessionView> {
    store.require(Area::Planning)?;
    let delivered_minutes = match delivered_hours.map(str::trim) {
        Some(raw) if !raw.is_empty() && status == SessionStatus::Delivered => Some(
            crate::dutch::parse_hours_as_minutes(raw)
                .map_err(|m| Error::Validation(vec![FieldError::new("deliveredHours", m)]))?,
        ),
        _ => None,
    };
    planning::set_status(store.conn(), id, status, delivered_minutes, now).map_err(|err| match err {
        // The core checks minutes; the form asks for hours.
        Error::Validation(fields) => Error::Validation(
            fields
                .into_iter()
                .map(|f| match f.field.as_str() {
                    "deliveredMinutes" => {
                        FieldError::new("deliveredHours", "Vul de geleverde duur in uren in, meer dan 0.")
                    }
                    _ => f,
                })
                .collect(),
        ),
        other => other,
    })
}

/// A provider's monthly statement from a CSV or XLSX file. All or nothing:
/// with one bad row nothing is written and the report names every bad row.
pub fn import_statement_file(store: &mut Store, path: &Path, now: DateTime<Utc>) -> Result<StatementReport> {
    store.require(Area::Planning)?;
    let table = importer::read_table(path)?;
    planning::import_statement(store.conn_mut(), &table, ImportOptions::default(), now)
}

pub fn get_session(store: &Store, id: i64) -> Result<SessionView> {
    store.require(Area::Planning)?;
    planning::get_session(store.conn(), id)
}

/// The week around `date` (`dd-mm-jjjj` or `jjjj-mm-dd`).
pub fn week_calendar(store: &Store, owner: CalendarOwner, date: &str) -> Result<WeekCalendar> {
    store.require(Area::Planning)?;
    let date = crate::dutch::parse_date(date).map_err(|m| Error::Validation(vec![FieldError::new("date", m)]))?;
    planning::week_calendar(store.conn(), owner, date)
}

/// Writes a provider's planned sessions from `from` for `weeks` weeks as an
/// .ics file; returns the path written.
pub fn export_provider_ics(
    store: &Store,
    provider_id: i64,
    from: &str,
    weeks: u32,
    path: &Path,
    now: DateTime<Utc>,
) -> Result<()> {
    store.require(Area::Planning)?;
    let from = crate::dutch::parse_date(from).map_err(|m| Error::Validation(vec![FieldError::new("from", m)]))?;
    let text = planning::provider_ics(store.conn(), provider_id, from, u64::from(weeks.clamp(1, 104)) * 7, now)?;
    std::fs::write(path, text)?;
    Ok(())
}

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
    let tx = store.conn().unchecked_transaction()?;
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

/// Sets the region's policy; the open years are re-allocated in the same transaction.
pub fn set_policy(store: &Store, input: &PolicyInput, now: DateTime<Utc>) -> Result<FundingSettings> {
    store.require(Area::Funding)?;
    let years = funding::set_policy_form(store.conn(), input, now)?;
    funding::funding_settings(store.conn(), years)
}

/// What planning this session or series would cost and who would pay.
pub fn preview_series(store: &Store, input: &SeriesInput) -> Result<PlanPreview> {
    store.require(Area::Planning)?;
    let (sessions, _) = planning::series_candidates(store.conn(), input)?;
    funding::preview_plan(store.conn(), &sessions)
}

/// The export screen: totals before saving, then the file.
pub fn export_preview(store: &Store, request: &ExportRequest, now: DateTime<Utc>) -> Result<ExportResult> {
    store.require(Area::Exports)?;
    let (period, kind, totals) = crate::export::totals(store.conn(), request)?;
    let warnings = crate::export::unreconciled_warning(store.conn(), &period, now.date_naive())?.into_iter().collect();
    Ok(ExportResult {
        period,
        kind,
        rows: totals.rows,
        total: Cents(totals.cents),
        minutes: totals.minutes,
        sha256: String::new(),
        closed: false,
        warnings,
    })
}

pub fn export_to_file(
    store: &Store,
    request: &ExportRequest,
    path: &Path,
    by: &str,
    now: DateTime<Utc>,
) -> Result<ExportResult> {
    store.require(Area::Exports)?;
    crate::export::export_to_file(store.conn(), request, path, by, now)
}

/// When the app starts: a daily backup if there is none of today, then the
/// rotation (see `store::backup`). Opens its own connection, so the app can
/// run it on a thread of its own.
pub fn daily_backup(
    store_path: &std::path::Path,
    passphrase: &crate::store::Passphrase,
    now: DateTime<Utc>,
) -> Result<Option<crate::store::backup::BackupFile>> {
    crate::store::backup::daily_of_file(store_path, passphrase, now)
}

/// What the app shows before anything else: the store file it will use and
/// whether it must be made, unlocked or encrypted first.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct StoreStatus {
    pub path: String,
    pub file: crate::store::FileState,
    /// Unlocked in this app: the other screens can be used.
    pub open: bool,
    /// The store has users and nobody signed in yet.
    pub sign_in_required: bool,
    pub user: Option<User>,
    /// What the screens may offer: the areas the core would allow.
    pub areas: Vec<Area>,
    /// The app locks itself after this many minutes without use.
    pub idle_lock_minutes: u32,
}

/// `store`: the open store, if any.
pub fn store_status(path: &Path, store: Option<&Store>) -> Result<StoreStatus> {
    let Some(store) = store else {
        return Ok(StoreStatus {
            path: path.display().to_string(),
            file: crate::store::file_state(path)?,
            open: false,
            sign_in_required: false,
            user: None,
            areas: Vec::new(),
            idle_lock_minutes: 10,
        });
    };
    // An open store is encrypted: it is not looked at again while in use.
    Ok(StoreStatus {
        path: path.display().to_string(),
        file: crate::store::FileState::Encrypted,
        open: true,
        sign_in_required: store.sign_in_required(),
        user: store.user().cloned(),
        areas: store.allowed_areas(),
        idle_lock_minutes: access::idle_lock_minutes(store.conn())?,
    })
}

/// Signs a user in (a store with users), and says what they may use.
pub fn sign_in(store: &mut Store, name: &str, password: &str) -> Result<StoreStatus> {
    store.sign_in(name, password)?;
    let path = store.path().to_path_buf();
    store_status(&path, Some(store))
}

pub fn list_users(store: &Store) -> Result<Vec<User>> {
    store.require(Area::Admin)?;
    access::list_users(store.conn())
}

/// Adds a user. The first user of a one-person store must be a director,
/// and whoever adds it is signed in as that user: from then on everyone
/// signs in.
pub fn add_user(store: &mut Store, input: &UserInput, now: DateTime<Utc>) -> Result<Vec<User>> {
    store.require(Area::Admin)?;
    let first = store.user().is_none();
    if first && input.role != Some(Role::Director) {
        return Err(Error::Validation(vec![FieldError::new(
            "role",
            "De eerste gebruiker is de regisseur zelf: kies de rol Regisseur.",
        )]));
    }
    access::add_user(store.conn(), input, now)?;
    store.refresh_users()?;
    if first {
        store.sign_in(&input.name, &input.password)?;
    }
    access::list_users(store.conn())
}

pub fn disable_user(store: &mut Store, id: i64, now: DateTime<Utc>) -> Result<Vec<User>> {
    store.require(Area::Admin)?;
    if store.user().is_some_and(|u| u.id == id) {
        return Err(Error::Invalid("U kunt uzelf niet uitschakelen.".into()));
    }
    access::disable_user(store.conn(), id, now)?;
    store.refresh_users()?;
    access::list_users(store.conn())
}

/// The first start: a new store, encrypted with a passphrase typed twice.
pub fn create_store(path: &Path, passphrase: &str, repeat: &str) -> Result<Store> {
    if crate::store::file_state(path)? != crate::store::FileState::Missing {
        return Err(Error::Invalid(format!(
            "Er is al een opslag in {}; open die met zijn wachtwoordzin.",
            path.display()
        )));
    }
    let passphrase = crate::store::Passphrase::new_checked(passphrase, repeat)?;
    acting_in_app(Store::open(path, &passphrase)?)
}

/// The person at the app, for the audit trail: the director, or on a
/// consultant's laptop the consultant. (One person per laptop until the
/// store has users of its own.)
fn acting_in_app(store: Store) -> Result<Store> {
    let who = match intake::get_mode(store.conn())? {
        AppMode::Director => "regisseur",
        AppMode::Consultant => "consulent",
    };
    audit::set_actor(store.conn(), who, "")?;
    Ok(store)
}

/// Opens the encrypted store; a wrong passphrase is `Error::Locked`.
pub fn unlock_store(path: &Path, passphrase: &str) -> Result<Store> {
    let passphrase = crate::store::Passphrase::existing(passphrase)?;
    acting_in_app(Store::open(path, &passphrase)?)
}

/// A store from before encryption: encrypts it (and its backups) with a new
/// passphrase typed twice, then opens it.
pub fn encrypt_store(path: &Path, passphrase: &str, repeat: &str) -> Result<Store> {
    let passphrase = crate::store::Passphrase::new_checked(passphrase, repeat)?;
    crate::store::key::encrypt_store_and_backups(path, &passphrase)?;
    acting_in_app(Store::open(path, &passphrase)?)
}

/// Changes the passphrase: the current one again, the new one twice.
pub fn change_passphrase(store: &mut Store, current: &str, new: &str, repeat: &str, now: DateTime<Utc>) -> Result<()> {
    store.require(Area::Admin)?;
    let current = crate::store::Passphrase::existing(current)
        .map_err(|_| Error::Validation(vec![FieldError::new("current", "Vul de huidige wachtwoordzin in.")]))?;
    let new = crate::store::Passphrase::new_checked(new, repeat)?;
    store.change_passphrase(&current, &new).map_err(|err| match err {
        Error::Locked(_) => Error::Validation(vec![FieldError::new("current", "De huidige wachtwoordzin klopt niet.")]),
        other => other,
    })?;
    audit::record(store.conn(), AuditAction::PassphraseChanged, None, "", now)
}

/// The retention periods and the dossiers whose period is over.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct RetentionOverview {
    pub settings: crate::retention::RetentionSettings,
    pub proposals: Vec<crate::retention::ErasureProposal>,
}

pub fn retention_overview(store: &Store, now: DateTime<Utc>) -> Result<RetentionOverview> {
    store.require(Area::Admin)?;
    Ok(RetentionOverview {
        settings: crate::retention::settings(store.conn())?,
        proposals: crate::retention::proposals(store.conn(), now.date_naive())?,
    })
}

pub fn set_retention(
    store: &Store,
    input: &crate::retention::RetentionSettings,
    now: DateTime<Utc>,
) -> Result<RetentionOverview> {
    store.require(Area::Admin)?;
    crate::retention::set_settings(store.conn(), input)?;
    retention_overview(store, now)
}

pub fn dossier_retention(store: &Store, caregiver_id: i64) -> Result<crate::retention::DossierRetention> {
    store.require(Area::Admin)?;
    crate::retention::of_caregiver(store.conn(), caregiver_id)
}

/// Sets a legal hold (a reason) or lifts it (`None`).
pub fn set_legal_hold(
    store: &Store,
    caregiver_id: i64,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<crate::retention::DossierRetention> {
    store.require(Area::Admin)?;
    crate::retention::set_legal_hold(store.conn(), caregiver_id, reason, now)?;
    crate::retention::of_caregiver(store.conn(), caregiver_id)
}

/// Erases a dossier's personal data; `confirmed` must be given (the screen
/// asks), since it cannot be undone.
pub fn erase_caregiver(
    store: &Store,
    caregiver_id: i64,
    ground: crate::retention::ErasureGround,
    confirmed: bool,
    now: DateTime<Utc>,
) -> Result<crate::retention::ErasureReport> {
    store.require(Area::Admin)?;
    if !confirmed {
        return Err(Error::Validation(vec![FieldError::new(
            "confirmed",
            "Vink aan dat u begrijpt dat wissen niet terug te draaien is.",
        )]));
    }
    crate::retention::erase(store.conn(), caregiver_id, ground, now)
}

/// The backups beside the store, newest first.
pub fn list_backups(store: &Store) -> Result<Vec<crate::store::backup::BackupFile>> {
    store.require(Area::Admin)?;
    crate::store::backup::list(&store.backup_dir())
}

/// A backup now, by hand (never rotated away).
pub fn make_backup(store: &Store, now: DateTime<Utc>) -> Result<Vec<crate::store::backup::BackupFile>> {
    store.require(Area::Admin)?;
    store.backup(crate::store::backup::BackupKind::Manual, now)?;
    crate::store::backup::list(&store.backup_dir())
}

/// Puts a backup back, after checking it and saving the current state. A
/// backup from before a change of passphrase opens with the one it was made
/// with (`backup_passphrase`); the store keeps its own.
pub fn restore_backup(
    store: &mut Store,
    path: &Path,
    backup_passphrase: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Vec<crate::store::backup::BackupFile>> {
    store.require(Area::Admin)?;
    // Only a backup of this store, from its own folder.
    let dir = store.backup_dir();
    if !crate::store::backup::list(&dir)?.iter().any(|f| f.path == path) {
        return Err(Error::NotFound("Deze back-up staat niet (meer) bij deze opslag.".into()));
    }
    let passphrase = match backup_passphrase.filter(|p| !p.is_empty()) {
        Some(text) => crate::store::Passphrase::existing(text)?,
        None => store.passphrase().clone(),
    };
    store.restore(path, &passphrase, now)?;
    crate::store::backup::list(&dir)
}
