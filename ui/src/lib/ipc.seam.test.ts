// The e2e seams in pickSavePath and pickOpenPath: a path set on window
// replaces the system's dialog (WebDriver cannot drive it); without it the
// dialog is asked.
import { afterEach, describe, expect, it, vi } from 'vitest';

const save = vi.fn();
const open = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
vi.mock('@tauri-apps/plugin-dialog', () => ({
  save: (...a: unknown[]) => save(...a),
  open: (...a: unknown[]) => open(...a),
}));

import { pickOpenPath, pickSavePath } from './ipc';

type SeamWindow = { __RESPIJT_SAVE_PATH__?: unknown; __RESPIJT_OPEN_PATH__?: unknown };

afterEach(() => {
  delete (window as SeamWindow).__RESPIJT_SAVE_PATH__;
  delete (window as SeamWindow).__RESPIJT_OPEN_PATH__;
  save.mockReset();
  open.mockReset();
});

describe('pickSavePath', () => {
  it('asks the system dialog, and gives null when cancelled', async () => {
    save.mockResolvedValue(null);
    await expect(pickSavePath('respijt-2026-Q1-alle.csv', ['csv'])).resolves.toBeNull();
    expect(save).toHaveBeenCalledWith({ defaultPath: 'respijt-2026-Q1-alle.csv', filters: [{ name: 'csv', extensions: ['csv'] }] });
  });

  it('returns the e2e path without opening the dialog when the seam is set', async () => {
    (window as SeamWindow).__RESPIJT_SAVE_PATH__ = '/tmp/e2e/q1.csv';
    await expect(pickSavePath('x.csv', ['csv'])).resolves.toBe('/tmp/e2e/q1.csv');
    expect(save).not.toHaveBeenCalled();
  });
});

describe('pickOpenPath', () => {
  it('asks the system dialog for one file, and gives null when cancelled', async () => {
    open.mockResolvedValue(null);
    await expect(pickOpenPath(['csv', 'xlsx'])).resolves.toBeNull();
    expect(open).toHaveBeenCalledWith({
      multiple: false,
      directory: false,
      filters: [{ name: 'csv, xlsx', extensions: ['csv', 'xlsx'] }],
    });
  });

  it('returns the e2e path without opening the dialog when the seam is set', async () => {
    (window as SeamWindow).__RESPIJT_OPEN_PATH__ = '/tmp/e2e/overzicht.csv';
    await expect(pickOpenPath(['csv'])).resolves.toBe('/tmp/e2e/overzicht.csv');
    expect(open).not.toHaveBeenCalled();
  });
});
