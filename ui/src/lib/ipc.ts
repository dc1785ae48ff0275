// The only module that talks to the Tauri core. Components import from here;
// tests mock this module.
import { invoke } from '@tauri-apps/api/core';
import type { SearchOptions } from './bindings/SearchOptions';
import type { SearchResult } from './bindings/SearchResult';
import type { Dossier } from './bindings/Dossier';
import type { CaregiverInput } from './bindings/CaregiverInput';
import type { RecipientInput } from './bindings/RecipientInput';
import type { RegisterOutcome } from './bindings/RegisterOutcome';
import type { Municipality } from './bindings/Municipality';

export { asApiError } from './errors';

// --- The encrypted store: made, unlocked, encrypted, locked, re-keyed (issue 7) ---
import type { StoreStatus } from './bindings/StoreStatus';

export function storeStatus(): Promise<StoreStatus> {
  return invoke('store_status');
}

export function createStore(passphrase: string, repeat: string): Promise<StoreStatus> {
  return invoke('create_store', { passphrase, repeat });
}

export function unlockStore(passphrase: string): Promise<StoreStatus> {
  return invoke('unlock_store', { passphrase });
}

export function encryptStore(passphrase: string, repeat: string): Promise<StoreStatus> {
  return invoke('encrypt_store', { passphrase, repeat });
}

export function lockStore(): Promise<StoreStatus> {
  return invoke('lock_store');
}

import type { AuditEntry } from './bindings/AuditEntry';

/** Who looked at or changed a dossier, newest first. */
export function auditOfCaregiver(caregiverId: number): Promise<AuditEntry[]> {
  return invoke('audit_of_caregiver', { caregiverId });
}

/** The trail of one client as a CSV file (a data subject's request); returns the number of lines. */
export function exportAuditTrail(caregiverId: number, path: string): Promise<number> {
  return invoke('export_audit_trail', { caregiverId, path });
}

// --- Retention and erasure (issue 7) ---
import type { RetentionOverview } from './bindings/RetentionOverview';
import type { RetentionSettings } from './bindings/RetentionSettings';
import type { DossierRetention } from './bindings/DossierRetention';
import type { ErasureGround } from './bindings/ErasureGround';
import type { ErasureReport } from './bindings/ErasureReport';

export function retentionOverview(): Promise<RetentionOverview> {
  return invoke('retention_overview');
}

export function setRetention(input: RetentionSettings): Promise<RetentionOverview> {
  return invoke('set_retention', { input });
}

export function dossierRetention(caregiverId: number): Promise<DossierRetention> {
  return invoke('dossier_retention', { caregiverId });
}

export function setLegalHold(caregiverId: number, reason: string | null): Promise<DossierRetention> {
  return invoke('set_legal_hold', { caregiverId, reason });
}

export function eraseCaregiver(caregiverId: number, ground: ErasureGround, confirmed: boolean): Promise<ErasureReport> {
  return invoke('erase_caregiver', { caregiverId, ground, confirmed });
}

// --- Users and roles (issue 7) ---
import type { User } from './bindings/User';
import type { UserInput } from './bindings/UserInput';

export function signIn(name: string, password: string): Promise<StoreStatus> {
  return invoke('sign_in', { name, password });
}

export function listUsers(): Promise<User[]> {
  return invoke('list_users');
}

export function addUser(input: UserInput): Promise<User[]> {
  return invoke('add_user', { input });
}

export function disableUser(id: number): Promise<User[]> {
  return invoke('disable_user', { id });
}

// --- Backups (issue 7) ---
import type { BackupFile } from './bindings/BackupFile';

export function listBackups(): Promise<BackupFile[]> {
  return invoke('list_backups');
}

export function makeBackup(): Promise<BackupFile[]> {
  return invoke('make_backup');
}

export function restoreBackup(path: string, backupPassphrase: string | null): Promise<BackupFile[]> {
  return invoke('restore_backup', { path, backupPassphrase });
}

export function changePassphrase(current: string, passphrase: string, repeat: string): Promise<void> {
  return invoke('change_passphrase', { current, passphrase, repeat });
}

export function searchCaregivers(options: SearchOptions): Promise<SearchResult> {
  return invoke('search_caregivers', { options });
}

export function getDossier(id: number): Promise<Dossier> {
  return invoke('get_dossier', { id });
}

export function registerCaregiver(input: CaregiverInput, allowTwin: boolean): Promise<RegisterOutcome> {
  return invoke('register_caregiver', { input, allowTwin });
}

export function updateCaregiver(id: number, input: CaregiverInput): Promise<Dossier> {
  return invoke('update_caregiver', { id, input });
}

export function archiveCaregiver(id: number, reason: string): Promise<Dossier> {
  return invoke('archive_caregiver', { id, reason });
}

export function restoreCaregiver(id: number): Promise<Dossier> {
  return invoke('restore_caregiver', { id });
}

export function addRecipient(caregiverId: number, input: RecipientInput): Promise<Dossier> {
  return invoke('add_recipient', { caregiverId, input });
}

export function updateRecipient(caregiverId: number, recipientId: number, input: RecipientInput): Promise<Dossier> {
  return invoke('update_recipient', { caregiverId, recipientId, input });
}

export function listMunicipalities(): Promise<Municipality[]> {
  return invoke('list_municipalities');
}

// --- Intakes (issue 3) ---
import type { IntakeInput } from './bindings/IntakeInput';
import type { SavedConcept } from './bindings/SavedConcept';
import type { Intake } from './bindings/Intake';
import type { IntakeStatus } from './bindings/IntakeStatus';
import type { AssessmentInput } from './bindings/AssessmentInput';
import type { BurdenScore } from './bindings/BurdenScore';
import type { BurdenAssessment } from './bindings/BurdenAssessment';
import type { AttentionItem } from './bindings/AttentionItem';
import type { Instrument } from './bindings/Instrument';
import type { HandoverReport } from './bindings/HandoverReport';
import type { AppMode } from './bindings/AppMode';

export function saveIntakeConcept(id: number | null, input: IntakeInput): Promise<SavedConcept> {
  return invoke('save_intake_concept', { id, input });
}
export function completeIntake(id: number | null, input: IntakeInput): Promise<Intake> {
  return invoke('complete_intake', { id, input });
}
export function changeIntakeStatus(id: number, to: IntakeStatus): Promise<Intake> {
  return invoke('change_intake_status', { id, to });
}
export function recordAssessment(intakeId: number, input: AssessmentInput): Promise<Intake> {
  return invoke('record_assessment', { intakeId, input });
}
export function scoreBurden(instrument: string, answers: number[]): Promise<BurdenScore> {
  return invoke('score_burden', { instrument, answers });
}
export function getIntake(id: number): Promise<Intake> {
  return invoke('get_intake', { id });
}
export function intakesOfCaregiver(caregiverId: number): Promise<Intake[]> {
  return invoke('intakes_of_caregiver', { caregiverId });
}
export function burdenTrend(caregiverId: number): Promise<BurdenAssessment[]> {
  return invoke('burden_trend', { caregiverId });
}
export function attentionList(): Promise<AttentionItem[]> {
  return invoke('attention_list');
}
export function listInstruments(): Promise<Instrument[]> {
  return invoke('list_instruments');
}
export function exportHandoverToFile(intakeIds: number[], passphrase: string, path: string): Promise<number> {
  return invoke('export_handover_to_file', { intakeIds, passphrase, path });
}
export function importHandoverFile(path: string, passphrase: string): Promise<HandoverReport> {
  return invoke('import_handover_file', { path, passphrase });
}
export function getMode(): Promise<AppMode> {
  return invoke('get_mode');
}
export function setMode(mode: AppMode): Promise<AppMode> {
  return invoke('set_mode', { mode });
}

// --- Providers, matching, planning (issue 4) ---
import type { Provider } from './bindings/Provider';
import type { NeedInput } from './bindings/NeedInput';
import type { ProviderMatch } from './bindings/ProviderMatch';
import type { SessionInput } from './bindings/SessionInput';
import type { SeriesInput } from './bindings/SeriesInput';
import type { PlanOutcome } from './bindings/PlanOutcome';
import type { ChangeScope } from './bindings/ChangeScope';
import type { SessionStatus } from './bindings/SessionStatus';
import type { SessionView } from './bindings/SessionView';
import type { CalendarOwner } from './bindings/CalendarOwner';
import type { WeekCalendar } from './bindings/WeekCalendar';
import type { StatementReport } from './bindings/StatementReport';
import type { ProviderInput } from './bindings/ProviderInput';

export function listProviders(): Promise<Provider[]> {
  return invoke('list_providers');
}
export function getProvider(id: number): Promise<Provider> {
  return invoke('get_provider', { id });
}
export function rankProviders(need: NeedInput): Promise<ProviderMatch[]> {
  return invoke('rank_providers', { need });
}
export function planSession(input: SessionInput, overrideReason: string | null): Promise<PlanOutcome> {
  return invoke('plan_session', { input, overrideReason });
}
export function planSeries(input: SeriesInput, overrideReason: string | null): Promise<PlanOutcome> {
  return invoke('plan_series', { input, overrideReason });
}
export function updateSession(
  id: number,
  input: SessionInput,
  scope: ChangeScope,
  overrideReason: string | null,
): Promise<PlanOutcome> {
  return invoke('update_session', { id, input, scope, overrideReason });
}
/** `deliveredHours`: for a delivered session the hours as typed ("2,5"); null or empty = as planned. */
export function setSessionStatus(id: number, status: SessionStatus, deliveredHours: string | null): Promise<SessionView> {
  return invoke('set_session_status', { id, status, deliveredHours });
}
/** A provider's monthly statement (CSV or XLSX); all or nothing. */
export function importStatementFile(path: string): Promise<StatementReport> {
  return invoke('import_statement_file', { path });
}
export function providerForm(id: number): Promise<ProviderInput> {
  return invoke('provider_form', { id });
}
/** `id` null: a new provider. */
export function saveProvider(id: number | null, input: ProviderInput): Promise<Provider> {
  return invoke('save_provider', { id, input });
}
export function getSession(id: number): Promise<SessionView> {
  return invoke('get_session', { id });
}
/** `date` as dd-mm-jjjj or jjjj-mm-dd: the week that contains it. */
export function weekCalendar(owner: CalendarOwner, date: string): Promise<WeekCalendar> {
  return invoke('week_calendar', { owner, date });
}
export function exportProviderIcs(providerId: number, from: string, weeks: number, path: string): Promise<void> {
  return invoke('export_provider_ics', { providerId, from, weeks, path });
}

// --- Funding (issue 5) ---
import type { CapView } from './bindings/CapView';
import type { Dashboard } from './bindings/Dashboard';
import type { PlanPreview } from './bindings/PlanPreview';
import type { FundingSettings } from './bindings/FundingSettings';
import type { SchemeInput } from './bindings/SchemeInput';
import type { PolicyInput } from './bindings/PolicyInput';

export function caregiverCap(caregiverId: number, year: number): Promise<CapView[]> {
  return invoke('caregiver_cap', { caregiverId, year });
}
export function fundingDashboard(year: number): Promise<Dashboard> {
  return invoke('funding_dashboard', { year });
}
export function setBudget(municipalityCode: string, year: number, euros: string): Promise<Dashboard> {
  return invoke('set_budget', { municipalityCode, year, euros });
}
export function previewSeries(input: SeriesInput): Promise<PlanPreview> {
  return invoke('preview_series', { input });
}
export function fundingSettings(): Promise<FundingSettings> {
  return invoke('funding_settings');
}
/** Saves a scheme; the core re-allocates the open years. */
export function saveScheme(id: number, input: SchemeInput): Promise<FundingSettings> {
  return invoke('save_scheme', { id, input });
}
/** Sets the region's policy; the core re-allocates the open years. */
export function setPolicy(input: PolicyInput): Promise<FundingSettings> {
  return invoke('set_policy', { input });
}

// --- Exports (issue 6) ---
import type { ExportRequest } from './bindings/ExportRequest';
import type { ExportResult } from './bindings/ExportResult';

export function exportPreview(request: ExportRequest): Promise<ExportResult> {
  return invoke('export_preview', { request });
}
export function exportToFile(request: ExportRequest, path: string): Promise<ExportResult> {
  return invoke('export_to_file', { request, path });
}

// --- File dialogs (the system's own) ---
import { open as openDialog, save as saveDialog } from '@tauri-apps/plugin-dialog';

/**
 * The system's save dialog; null when cancelled.
 *
 * End-to-end seam: WebDriver cannot drive the system's dialog, so when
 * `window.__RESPIJT_SAVE_PATH__` is a string (set by tests/e2e with
 * executeScript) that path is returned instead of opening the dialog. Nothing
 * in the app sets it.
 */
export async function pickSavePath(defaultPath: string, extensions: string[]): Promise<string | null> {
  const seam = (window as { __RESPIJT_SAVE_PATH__?: unknown }).__RESPIJT_SAVE_PATH__;
  if (typeof seam === 'string') return seam;
  const path = await saveDialog({ defaultPath, filters: [{ name: extensions.join(', '), extensions }] });
  return path ?? null;
}
/**
 * The system's open dialog for one file; null when cancelled. The same
 * end-to-end seam as the save dialog: `window.__RESPIJT_OPEN_PATH__`.
 */
export async function pickOpenPath(extensions: string[]): Promise<string | null> {
  const seam = (window as { __RESPIJT_OPEN_PATH__?: unknown }).__RESPIJT_OPEN_PATH__;
  if (typeof seam === 'string') return seam;
  const path = await openDialog({ multiple: false, directory: false, filters: [{ name: extensions.join(', '), extensions }] });
  return typeof path === 'string' ? path : null;
}

/** Where to save a hand-over file (intakes for the director); null when cancelled. */
export function pickHandoverFileToSave(): Promise<string | null> {
  const today = new Date().toISOString().slice(0, 10);
  return pickSavePath(`overdracht-${today}.age`, ['age']);
}
/** A provider's statement to read in (CSV or XLSX); null when cancelled. */
export function pickStatementFileToOpen(): Promise<string | null> {
  return pickOpenPath(['csv', 'xlsx']);
}
/** A hand-over file to read in; null when cancelled. */
export function pickHandoverFileToOpen(): Promise<string | null> {
  return pickOpenPath(['age']);
}
