// The only module of the UI that talks to the Tauri core. Every command is
// a typed function generated from the core's one list of commands
// (src/commands/surface.rs -> ./bindings/commands.ts); this module adds the
// system's file dialogs. Components import from here; tests mock this module.
export * from './bindings/commands';
export { asApiError } from './errors';

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
/** A spreadsheet to import (CSV or XLSX); null when cancelled. */
export function pickSpreadsheetToOpen(): Promise<string | null> {
  return pickOpenPath(['csv', 'xlsx']);
}
/** A hand-over file to read in; null when cancelled. */
export function pickHandoverFileToOpen(): Promise<string | null> {
  return pickOpenPath(['age']);
}
/** A folder (a USB stick, a network share) for backups; null when cancelled. Same seam: `__RESPIJT_OPEN_PATH__`. */
export async function pickFolder(): Promise<string | null> {
  const seam = (window as { __RESPIJT_OPEN_PATH__?: unknown }).__RESPIJT_OPEN_PATH__;
  if (typeof seam === 'string') return seam;
  const path = await openDialog({ multiple: false, directory: true });
  return typeof path === 'string' ? path : null;
}
/** A backup file to make a new store from (a new laptop); null when cancelled. */
export function pickBackupFileToOpen(): Promise<string | null> {
  return pickOpenPath(['db']);
}
