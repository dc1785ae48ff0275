// The e2e seam in pickSavePath: a path set on window replaces the system's
// dialog (WebDriver cannot drive it); without it the dialog is asked.
import { afterEach, describe, expect, it, vi } from 'vitest';

const save = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
vi.mock('@tauri-apps/plugin-dialog', () => ({ save: (...a: unknown[]) => save(...a), open: vi.fn() }));

import { pickSavePath } from './ipc';

type SeamWindow = { __RESPIJT_SAVE_PATH__?: unknown };

afterEach(() => {
  delete (window as SeamWindow).__RESPIJT_SAVE_PATH__;
  save.mockReset();
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
