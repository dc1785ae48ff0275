//! Every command of the desktop app, declared once: its name, its arguments,
//! its result and the area of the app it needs.
//!
//! From this one list come the `Command` enum (whose names the status after
//! sign-in lists for the role: the UI offers only those), the dispatcher the
//! desktop shell hands every call to (`dispatch`), and the TypeScript module
//! the UI calls (`ui/src/lib/bindings/commands.ts`, one typed function per
//! command, written by `cargo test`). A rename or a changed argument here is a
//! compile error in `npm run check`. A small macro rather than tauri-specta:
//! our types already cross the boundary through ts-rs, and specta would be a
//! second type system for the same structs.

use std::path::PathBuf;

use chrono::{DateTime, Utc};

use super::RetentionOverview;
use super::StoreStatus;
use crate::access::{Area, ConsultantChoice, ConsultantLoad, User, UserInput};
use crate::audit::AuditEntry;
use crate::caregiver::{CaregiverInput, Dossier, RecipientInput, RegisterOutcome, SearchOptions, SearchResult};
use crate::consent::{CaregiverConsent, ConsentKind};
use crate::error::{Error, Result};
use crate::export::{ExportRequest, ExportResult};
use crate::funding::{CapView, Dashboard, FundingSettings, MoneyRuleChange, PlanPreview, PolicyInput, SchemeInput};
use crate::holidays::LiberationDay;
use crate::import::{ImportKind, ImportKindView, ImportOutcome};
use crate::insurer::Insurer;
use crate::intake::{
    AppMode, AssessmentInput, AttentionItem, BurdenAssessment, BurdenScore, CaseloadHandover, HandoverCandidate,
    HandoverReport, Instrument, Intake, IntakeInput, IntakeStatus, SavedConcept,
};
use crate::letter::{LetterLogEntry, LetterSettings};
use crate::matching::{NeedInput, ProviderMatch};
use crate::planning::delivery_date::EarliestDelivery;
use crate::planning::{
    CalendarFile, CalendarOwner, ChangeScope, PlanOutcome, ReviewInput, ReviewQueue, SeriesInput, SessionInput,
    SessionStatus, SessionView, StatementReport, WeekCalendar,
};
use crate::provider::{FunderChoice, Provider, ProviderInput};
use crate::region::Municipality;
use crate::request::{Request, RequestInput, RequestSettings, StatusInput};
use crate::retention::{DossierRetention, ErasureGround, ErasureReport, RetentionSettings};
use crate::store::backup::BackupFile;
use crate::store::offsite::BackupFolder;
use crate::store::Store;

pub use super::app::App;

/// `Open` in the list: the command needs no area (the store's gate, signing in).
macro_rules! area_of {
    (Open) => {
        None
    };
    ($area:ident) => {
        Some(Area::$area)
    };
}

/// How a command reaches the store: `read` and `write` get the open store,
/// `app` gets the app itself (to open or lock it).
macro_rules! run {
    (read, $app:ident, $s:ident, $body:expr) => {{
        let $s: &Store = $app.store()?;
        $body
    }};
    (write, $app:ident, $s:ident, $body:expr) => {{
        let $s: &mut Store = $app.store_mut()?;
        $body
    }};
    (app, $app:ident, $s:ident, $body:expr) => {{
        let $s: &mut App = $app;
        $body
    }};
}

macro_rules! surface {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident ( $($arg:ident : $ty:ty),* ) -> $ret:ty, $area:ident, $kind:ident ($s:ident, $now:ident) => $body:expr;
    )*) => {
        /// Every command of the desktop app, by the name the UI calls it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
        #[allow(non_camel_case_types)]
        #[ts(export)]
        pub enum Command {
            $($(#[doc = $doc])* $name),*
        }

        impl Command {
            pub const ALL: &'static [Command] = &[$(Command::$name),*];

            /// The name the UI invokes.
            pub fn name(self) -> &'static str {
                match self { $(Command::$name => stringify!($name)),* }
            }

            /// The area of the app the command needs; `None`: the store's
            /// gate, open to whoever is at the app.
            pub fn area(self) -> Option<Area> {
                match self { $(Command::$name => area_of!($area)),* }
            }

            pub fn from_name(name: &str) -> Option<Command> {
                Self::ALL.iter().copied().find(|c| c.name() == name)
            }
        }

        /// The arguments of each command as the UI sends them (camelCase keys).
        #[allow(non_camel_case_types)]
        mod args {
            use super::*;
            $(
                #[derive(serde::Deserialize)]
                #[serde(rename_all = "camelCase", deny_unknown_fields)]
                pub struct $name { $(pub $arg: $ty),* }
            )*
        }

        /// Runs one command of the app: `payload` is the JSON object of its
        /// arguments, the answer the JSON of its result.
        pub fn dispatch(
            app: &mut App,
            now: DateTime<Utc>,
            command: Command,
            payload: serde_json::Value,
        ) -> Result<serde_json::Value> {
            match command {
                $(Command::$name => {
                    #[allow(unused_variables)]
                    let $now = now;
                    // The role first: a refused command learns nothing of its arguments.
                    if let Some(area) = command.area() {
                        app.store()?.require(area)?;
                    }
                    let args::$name { $($arg),* } = decode(command, payload)?;
                    let value: $ret = run!($kind, app, $s, $body)?;
                    encode(value)
                })*
            }
        }

        /// The TypeScript module of the UI: one typed function per command.
        pub fn typescript() -> String {
            let cfg = ts_rs::Config::from_env();
            let mut imports = std::collections::BTreeSet::new();
            let mut functions = Vec::new();
            $(
                let params: Vec<(&str, String)> = vec![$((stringify!($arg), {
                    typescript::imports::<$ty>(&cfg, &mut imports);
                    <$ty as ts_rs::TS>::name(&cfg)
                })),*];
                typescript::imports::<$ret>(&cfg, &mut imports);
                functions.push(typescript::function(
                    stringify!($name),
                    concat!($($doc, "\n"),*),
                    &params,
                    &<$ret as ts_rs::TS>::name(&cfg),
                ));
            )*
            typescript::module(&imports, &functions)
        }
    };
}

fn decode<T: serde::de::DeserializeOwned>(command: Command, payload: serde_json::Value) -> Result<T> {
    // No arguments may come as `null` (an `invoke` without a second argument).
    let payload = if payload.is_null() { serde_json::Value::Object(Default::default()) } else { payload };
    serde_json::from_value(payload).map_err(|err| {
        Error::Invalid(format!(
            "De app gaf onverwachte gegevens door aan '{}' ({err}); start de app opnieuw of meld dit.",
            command.name()
        ))
    })
}

fn encode<T: serde::Serialize>(value: T) -> Result<serde_json::Value> {
    serde_json::to_value(value)
        .map_err(|err| Error::Invalid(format!("Het antwoord kon niet worden doorgegeven aan het scherm: {err}")))
}

/// Runs a command by the name the UI invoked; an unknown name is refused.
pub fn dispatch_by_name(
    app: &mut App,
    now: DateTime<Utc>,
    name: &str,
    payload: serde_json::Value,
) -> Result<serde_json::Value> {
    let command = Command::from_name(name)
        .ok_or_else(|| Error::Invalid(format!("De app kent de opdracht '{name}' niet; start de app opnieuw.")))?;
    dispatch(app, now, command, payload)
}

surface! {
    // The store's gate: made, unlocked, encrypted, locked, signed in.
    /// What the app shows before anything else, and what the user may do.
    store_status() -> StoreStatus, Open, app(a, now) => a.status();
    /// The first start: a new store, encrypted with a passphrase typed twice.
    /// Its recovery key is in the answer, once: to print and keep in a safe.
    create_store(passphrase: String, repeat: String) -> StoreStatus, Open, app(a, now) =>
        a.create(&passphrase, &repeat, now);
    /// Opens the store; a wrong passphrase is refused, a damaged store is said in the status.
    unlock_store(passphrase: String) -> StoreStatus, Open, app(a, now) => a.unlock(&passphrase, now);
    /// A lost passphrase: the recovery key opens the store and a new passphrase is set.
    recover_store(recovery_key: String, passphrase: String, repeat: String) -> StoreStatus, Open, app(a, now) =>
        a.recover(&recovery_key, &passphrase, &repeat, now);
    /// A damaged store: kept aside, the newest good backup put back and opened.
    repair_store(passphrase: Option<String>) -> StoreStatus, Open, app(a, now) =>
        a.repair(passphrase.as_deref(), now);
    /// A new laptop: the store made from a backup file (a USB stick, a network folder).
    restore_new_store(path: PathBuf, passphrase: String) -> StoreStatus, Open, app(a, now) =>
        a.restore_as_new(&path, &passphrase, now);
    /// A store from before encryption: encrypted with a new passphrase, then opened.
    encrypt_store(passphrase: String, repeat: String) -> StoreStatus, Open, app(a, now) => {
        let store = super::encrypt_store(a.path(), &passphrase, &repeat)?;
        a.keep(store, now)
    };
    lock_store() -> StoreStatus, Open, app(a, now) => a.lock();
    sign_in(name: String, password: String) -> StoreStatus, Open, write(s, now) => super::sign_in(s, &name, &password);

    // Administration: users, passphrase, retention, backups, the trail.
    list_users() -> Vec<User>, Admin, read(s, now) => super::list_users(s);
    add_user(input: UserInput) -> Vec<User>, Admin, write(s, now) => super::add_user(s, &input, now);
    disable_user(id: i64) -> Vec<User>, Admin, write(s, now) => super::disable_user(s, id, now);
    /// The work beside the start is finished first: it reads with the old passphrase.
    change_passphrase(current: String, passphrase: String, repeat: String) -> (), Admin, app(a, now) =>
        a.change_passphrase(&current, &passphrase, &repeat, now);
    retention_overview() -> RetentionOverview, Admin, read(s, now) => super::retention_overview(s, now);
    set_retention(input: RetentionSettings) -> RetentionOverview, Admin, read(s, now) =>
        super::set_retention(s, &input, now);
    dossier_retention(caregiver_id: i64) -> DossierRetention, Admin, read(s, now) =>
        super::dossier_retention(s, caregiver_id);
    /// Sets a legal hold (a reason) or lifts it (`null`).
    set_legal_hold(caregiver_id: i64, reason: Option<String>) -> DossierRetention, Admin, read(s, now) =>
        super::set_legal_hold(s, caregiver_id, reason.as_deref(), now);
    erase_caregiver(caregiver_id: i64, ground: ErasureGround, confirmed: bool) -> ErasureReport, Admin, read(s, now) =>
        super::erase_caregiver(s, caregiver_id, ground, confirmed, now);
    /// The trail of one client as a CSV file (a data subject's request); the number of lines.
    export_audit_trail(caregiver_id: i64, path: PathBuf) -> usize, Admin, read(s, now) =>
        super::export_audit_trail(s, caregiver_id, &path, now);
    /// A new recovery key, shown once; the old one opens nothing any more.
    new_recovery_key(current: String) -> String, Admin, app(a, now) => a.new_recovery_key(&current, now);
    list_backups() -> Vec<BackupFile>, Admin, read(s, now) => super::list_backups(s);
    backup_folder() -> Option<BackupFolder>, Admin, read(s, now) => super::backup_folder(s);
    /// Chooses the folder that gets a backup every N days (`null`: none), and makes one there now.
    set_backup_folder(folder: Option<BackupFolder>) -> Option<BackupFolder>, Admin, read(s, now) =>
        super::set_backup_folder(s, folder.as_ref(), now);
    make_backup() -> Vec<BackupFile>, Admin, read(s, now) => super::make_backup(s, now);
    restore_backup(path: PathBuf, backup_passphrase: Option<String>) -> Vec<BackupFile>, Admin, write(s, now) =>
        super::restore_backup(s, &path, backup_passphrase.as_deref(), now);
    set_mode(mode: AppMode) -> AppMode, Admin, read(s, now) => super::set_mode(s, mode);
    /// Whether 5 mei (Bevrijdingsdag) counts every year or every five years.
    set_liberation_day(rule: LiberationDay) -> LiberationDay, Admin, read(s, now) => super::set_liberation_day(s, rule);
    liberation_day() -> LiberationDay, Open, read(s, now) => super::liberation_day(s);
    /// The earliest date a delivered session may have (statements and "uitgevoerd").
    earliest_delivery() -> EarliestDelivery, Open, read(s, now) => super::earliest_delivery(s, now);
    /// Sets it (`dd-mm-jjjj`; empty: back to 1 January of the year before last).
    set_earliest_delivery(date: String) -> EarliestDelivery, Admin, read(s, now) =>
        super::set_earliest_delivery(s, &date, now);

    // The register.
    search_caregivers(options: SearchOptions) -> SearchResult, Register, read(s, now) =>
        super::search_caregivers(s, &options);
    /// Opening a dossier is recorded in the audit trail.
    get_dossier(id: i64) -> Dossier, Register, read(s, now) => super::get_dossier(s, id, now);
    /// Who looked at or changed a dossier, newest first.
    audit_of_caregiver(caregiver_id: i64) -> Vec<AuditEntry>, Register, read(s, now) =>
        super::audit_of_caregiver(s, caregiver_id);
    register_caregiver(input: CaregiverInput, allow_twin: bool) -> RegisterOutcome, Register, read(s, now) =>
        super::register_caregiver(s, &input, allow_twin, now);
    update_caregiver(id: i64, input: CaregiverInput) -> Dossier, Register, read(s, now) =>
        super::update_caregiver(s, id, &input, now);
    archive_caregiver(id: i64, reason: String) -> Dossier, Register, read(s, now) =>
        super::archive_caregiver(s, id, &reason, now);
    restore_caregiver(id: i64) -> Dossier, Register, read(s, now) => super::restore_caregiver(s, id, now);
    add_recipient(caregiver_id: i64, input: RecipientInput) -> Dossier, Register, read(s, now) =>
        super::add_recipient(s, caregiver_id, &input, now);
    update_recipient(caregiver_id: i64, recipient_id: i64, input: RecipientInput) -> Dossier, Register, read(s, now) =>
        super::update_recipient(s, caregiver_id, recipient_id, &input, now);
    list_municipalities() -> Vec<Municipality>, Open, read(s, now) => super::list_municipalities(s);
    /// The consent to share with providers and with funders as it counts today, with its changes.
    consent_of_caregiver(caregiver_id: i64) -> CaregiverConsent, Register, read(s, now) =>
        super::consent_of_caregiver(s, caregiver_id, now);
    /// Withdraws (`given` false) or gives again one kind of consent from `on_date` (dd-mm-jjjj).
    change_consent(caregiver_id: i64, kind: ConsentKind, given: bool, on_date: String) -> CaregiverConsent, Register,
        read(s, now) => super::change_consent(s, caregiver_id, kind, given, &on_date, now);
    /// The insurers' labels for the caregiver form's pick list (plus "andere").
    list_insurers() -> Vec<Insurer>, Register, read(s, now) => super::list_insurers(s);

    // Intakes and hand-overs.
    /// Autosave of the intake form; `id` null starts a new concept.
    save_intake_concept(id: Option<i64>, input: IntakeInput) -> SavedConcept, Intakes, read(s, now) =>
        super::save_intake_concept(s, id, &input, now);
    complete_intake(id: Option<i64>, input: IntakeInput) -> Intake, Intakes, read(s, now) =>
        super::complete_intake(s, id, &input, now);
    change_intake_status(id: i64, to: IntakeStatus) -> Intake, Intakes, read(s, now) =>
        super::change_intake_status(s, id, to, now);
    record_assessment(intake_id: i64, input: AssessmentInput) -> Intake, Intakes, read(s, now) =>
        super::record_assessment(s, intake_id, &input, now);
    /// Score and band while the form is being filled in; stores nothing.
    score_burden(instrument: String, answers: Vec<i64>) -> BurdenScore, Intakes, read(s, now) =>
        super::score_burden(s, &instrument, &answers);
    get_intake(id: i64) -> Intake, Intakes, read(s, now) => super::get_intake(s, id, now);
    intakes_of_caregiver(caregiver_id: i64) -> Vec<Intake>, Intakes, read(s, now) =>
        super::intakes_of_caregiver(s, caregiver_id);
    burden_trend(caregiver_id: i64) -> Vec<BurdenAssessment>, Intakes, read(s, now) =>
        super::burden_trend(s, caregiver_id);
    attention_list() -> Vec<AttentionItem>, Intakes, read(s, now) => super::attention_list(s, now);
    list_instruments() -> Vec<Instrument>, Intakes, read(s, now) => super::list_instruments(s);
    /// Writes the sealed hand-over file; the number of intakes in it.
    export_handover_to_file(intake_ids: Vec<i64>, passphrase: String, path: PathBuf) -> usize, Intakes, read(s, now) =>
        super::export_handover_to_file(s, &intake_ids, &passphrase, &path, now);
    /// Reads a hand-over file in; on a consultant's laptop everyone in it joins their caseload.
    import_handover_file(path: PathBuf, passphrase: String) -> HandoverReport, Intakes, read(s, now) =>
        super::import_handover_file(s, &path, &passphrase, now);
    /// Completed intakes not yet handed over, across caregivers (a consultant: their own).
    handover_candidates() -> Vec<HandoverCandidate>, Intakes, read(s, now) => super::handover_candidates(s);
    /// The active consultants, ticked when this caregiver is in their caseload.
    consultants_of(caregiver_id: i64) -> Vec<ConsultantChoice>, Admin, read(s, now) =>
        super::consultants_of(s, caregiver_id);
    /// Sets who has this caregiver in their caseload.
    set_consultants(caregiver_id: i64, user_ids: Vec<i64>) -> Vec<ConsultantChoice>, Admin, read(s, now) =>
        super::set_consultants(s, caregiver_id, &user_ids, now);
    /// The active consultants with the size of their caseload.
    list_consultants() -> Vec<ConsultantLoad>, Admin, read(s, now) => super::list_consultants(s);
    /// The director's file for one consultant: their caseload with intakes and follow-ups.
    export_caseload_to_file(user_id: i64, passphrase: String, path: PathBuf) -> CaseloadHandover, Admin,
        read(s, now) => super::export_caseload_to_file(s, user_id, &passphrase, &path, now);
    get_mode() -> AppMode, Open, read(s, now) => super::get_mode(s);

    // Providers.
    list_providers() -> Vec<Provider>, Providers, read(s, now) => super::list_providers(s);
    get_provider(id: i64) -> Provider, Providers, read(s, now) => super::get_provider(s, id);
    provider_form(id: i64) -> ProviderInput, ProvidersEdit, read(s, now) => super::provider_form(s, id);
    /// `id` null: a new provider.
    save_provider(id: Option<i64>, input: ProviderInput) -> Provider, ProvidersEdit, read(s, now) =>
        super::save_provider(s, id, &input, now);
    /// Archived providers: not matched or planned, their history kept.
    list_archived_providers() -> Vec<Provider>, Providers, read(s, now) => super::list_archived_providers(s);
    /// No longer matched or planned; its sessions, statements and exports stay.
    archive_provider(id: i64) -> Provider, ProvidersEdit, read(s, now) => super::archive_provider(s, id, now);
    restore_provider(id: i64) -> Provider, ProvidersEdit, read(s, now) => super::restore_provider(s, id, now);
    /// The insurers' schemes and the municipalities' budgets, to pick as a provider's funders.
    funder_choices() -> Vec<FunderChoice>, ProvidersEdit, read(s, now) => super::funder_choices(s);

    // Matching and planning.
    rank_providers(need: NeedInput) -> Vec<ProviderMatch>, Planning, read(s, now) => super::rank_providers(s, &need);
    /// The series form drafted from the need for the provider picked (and the helper the caregiver knows there).
    draft_series(need: NeedInput, provider_id: i64, helper_id: Option<i64>) -> SeriesInput, Planning, read(s, now) =>
        super::draft_series(s, &need, provider_id, helper_id);
    plan_session(input: SessionInput, override_reason: Option<String>) -> PlanOutcome, Planning, read(s, now) =>
        super::plan_session(s, &input, override_reason.as_deref(), now);
    plan_series(input: SeriesInput, override_reason: Option<String>) -> PlanOutcome, Planning, read(s, now) =>
        super::plan_series(s, &input, override_reason.as_deref(), now);
    update_session(id: i64, input: SessionInput, scope: ChangeScope, override_reason: Option<String>) -> PlanOutcome,
        Planning, read(s, now) =>
        super::update_session(s, id, &input, scope, override_reason.as_deref(), now);
    /// `delivered_hours`: for a delivered session the hours as typed ("2,5"); null or empty: as planned.
    set_session_status(id: i64, status: SessionStatus, delivered_hours: Option<String>) -> SessionView, Planning,
        read(s, now) => super::set_session_status(s, id, status, delivered_hours.as_deref(), now);
    /// The spreadsheets the signed-in user may import, with their columns explained.
    import_kinds() -> Vec<ImportKindView>, Planning, read(s, now) => super::import_kinds(s);
    /// What importing the file would add, change and refuse; nothing is kept.
    preview_import(kind: ImportKind, path: PathBuf) -> ImportOutcome, Planning, write(s, now) =>
        super::preview_import(s, kind, &path, now);
    /// Imports the file as previewed (its fingerprint): all or nothing.
    import_file(kind: ImportKind, path: PathBuf, fingerprint: String) -> ImportOutcome, Planning, write(s, now) =>
        super::import_file(s, kind, &path, &fingerprint, now);
    /// Cancels every planned or confirmed session of the series on or after `from` (dd-mm-jjjj), with a reason.
    cancel_series(series_id: i64, from: String, reason: String) -> usize, Planning, read(s, now) =>
        super::cancel_series(s, series_id, &from, &reason, now);
    /// A delivery reported by mistake goes back to planned; the reason is kept in the session's history.
    undo_delivery(id: i64, reason: String) -> SessionView, Planning, read(s, now) =>
        super::undo_delivery(s, id, &reason, now);
    /// A provider's monthly statement (CSV or XLSX); all or nothing.
    import_statement_file(path: PathBuf) -> StatementReport, Planning, write(s, now) =>
        super::import_statement_file(s, &path, now);
    /// Every session waiting for review: flagged statement lines, planned sessions in the past.
    review_queue() -> ReviewQueue, Planning, read(s, now) => super::review_queue(s, now);
    /// Accept as delivered, correct the hours or mark not delivered, with a reason.
    settle_review(id: i64, input: ReviewInput) -> ReviewQueue, Planning, read(s, now) =>
        super::settle_review(s, id, &input, now);
    /// What importing the statement would do, nothing written.
    preview_statement_file(path: PathBuf) -> StatementReport, Planning, write(s, now) =>
        super::preview_statement_file(s, &path, now);
    get_session(id: i64) -> SessionView, Planning, read(s, now) => super::get_session(s, id, now);
    /// `date` as dd-mm-jjjj or jjjj-mm-dd: the week that contains it.
    week_calendar(owner: CalendarOwner, date: String) -> WeekCalendar, Planning, read(s, now) =>
        super::week_calendar(s, owner, &date, now);
    /// The file also calls off sessions cancelled or moved since an earlier file.
    export_provider_ics(provider_id: i64, from: String, weeks: u32, path: PathBuf) -> CalendarFile, Planning,
        read(s, now) =>
        super::export_provider_ics(s, provider_id, &from, weeks, &path, now);
    /// What planning this series would cost and who would pay.
    preview_series(input: SeriesInput) -> PlanPreview, Planning, read(s, now) => super::preview_series(s, &input);

    // Requests and the waiting list.
    /// A new request, before or after its dossier exists; audited.
    record_request(input: RequestInput) -> Request, Planning, read(s, now) => super::record_request(s, &input, now);
    /// A dated status, with the reason a wait or a refusal needs.
    change_request_status(id: i64, input: StatusInput) -> Request, Planning, read(s, now) =>
        super::change_request_status(s, id, &input, now);
    link_request(id: i64, caregiver_id: i64) -> Request, Planning, read(s, now) =>
        super::link_request(s, id, caregiver_id, now);
    get_request(id: i64) -> Request, Planning, read(s, now) => super::get_request(s, id, now);
    /// Open requests: crisis first, then the longest waiting.
    waiting_list() -> Vec<Request>, Planning, read(s, now) => super::waiting_list(s, now);
    /// Open requests waiting longer than the setting (working days).
    overdue_requests() -> Vec<Request>, Planning, read(s, now) => super::overdue_requests(s, now);
    requests_of_caregiver(caregiver_id: i64) -> Vec<Request>, Planning, read(s, now) =>
        super::requests_of_caregiver(s, caregiver_id, now);
    request_settings() -> RequestSettings, Planning, read(s, now) => super::request_settings(s);
    set_request_settings(input: RequestSettings) -> RequestSettings, Admin, read(s, now) =>
        super::set_request_settings(s, &input);

    // Letters.
    /// The confirmation to the caregiver (plan, who pays, cap left), saved as HTML to print; logged.
    write_confirmation_letter(caregiver_id: i64, path: PathBuf) -> LetterLogEntry, Planning, read(s, now) =>
        super::write_confirmation_letter(s, caregiver_id, &path, now);
    /// The order to a provider for one caregiver and month (mm-jjjj), saved as HTML to print; logged.
    write_provider_order(provider_id: i64, caregiver_id: i64, month: String, path: PathBuf) -> LetterLogEntry,
        Planning, read(s, now) =>
        super::write_provider_order(s, provider_id, caregiver_id, &month, &path, now);
    /// The letters written for a caregiver, newest first.
    letters_of_caregiver(caregiver_id: i64) -> Vec<LetterLogEntry>, Planning, read(s, now) =>
        super::letters_of_caregiver(s, caregiver_id);
    letter_settings() -> LetterSettings, Planning, read(s, now) => super::letter_settings(s);
    set_letter_settings(input: LetterSettings) -> LetterSettings, Admin, read(s, now) =>
        super::set_letter_settings(s, &input);

    // Funding.
    caregiver_cap(caregiver_id: i64, year: i32) -> Vec<CapView>, Register, read(s, now) =>
        super::caregiver_cap(s, caregiver_id, year);
    funding_dashboard(year: i32) -> Dashboard, Funding, read(s, now) => super::funding_dashboard(s, year, now);
    set_budget(municipality_code: String, year: i32, euros: String) -> Dashboard, Funding, read(s, now) =>
        super::set_budget(s, &municipality_code, year, &euros, now);
    funding_settings() -> FundingSettings, Funding, read(s, now) => super::funding_settings(s);
    /// Saves a scheme; the core re-allocates the open years.
    save_scheme(id: i64, input: SchemeInput) -> FundingSettings, Funding, read(s, now) =>
        super::save_scheme(s, id, &input, now);
    /// Adds a scheme, or a version of one from a date; the core re-allocates the open years.
    add_scheme(input: SchemeInput) -> FundingSettings, Funding, read(s, now) => super::add_scheme(s, &input, now);
    /// Archives a scheme: it pays nothing in the open years; closed periods keep their entries.
    archive_scheme(code: String) -> FundingSettings, Funding, read(s, now) => super::archive_scheme(s, &code, now);
    /// Sets the region's policy; the core re-allocates the open years.
    set_policy(input: PolicyInput) -> FundingSettings, Funding, read(s, now) => super::set_policy(s, &input, now);
    /// Every change to budgets, schemes, the policy and tariffs, newest first, with the years re-allocated.
    money_rule_changes() -> Vec<MoneyRuleChange>, Funding, read(s, now) => super::money_rule_changes(s);

    // Exports.
    export_preview(request: ExportRequest) -> ExportResult, Exports, read(s, now) =>
        super::export_preview(s, &request, now);
    /// Writes the export; a final one closes the period, in the name of whoever is signed in.
    export_to_file(request: ExportRequest, path: PathBuf) -> ExportResult, Exports, read(s, now) => {
        let by = crate::audit::acting(s.conn())?;
        super::export_to_file(s, &request, &path, &by, now)
    };
}

mod typescript;

#[cfg(test)]
mod tests;
