// The header's navigation reaches the export screen and back.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from './App.svelte';
import * as ipc from './lib/ipc';

// Every call the start screen makes (and other screens grow) waits quietly
// unless this test says otherwise, so the test does not break when a screen
// on the way asks for something new.
vi.mock('./lib/ipc', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./lib/ipc')>();
  const quiet = () => new Promise<never>(() => {});
  return { ...Object.fromEntries(Object.keys(actual).map((name) => [name, vi.fn(quiet)])), asApiError: actual.asApiError };
});

beforeEach(() => {
  vi.mocked(ipc.overdueRequests).mockResolvedValue([]);
  vi.mocked(ipc.waitingList).mockResolvedValue([]);
  vi.mocked(ipc.requestSettings).mockResolvedValue({ waitWorkingDays: 10 });
  vi.mocked(ipc.searchCaregivers).mockResolvedValue({ items: [], total: 0, totalAtLeast: false });
  vi.mocked(ipc.listMunicipalities).mockResolvedValue([]);
  vi.mocked(ipc.exportPreview).mockRejectedValue({ code: 'validation', message: 'niet in deze test', fields: [] });
});

describe('App navigation to the export screen', () => {
  it('opens "Export" from the menu and goes back to the caregivers', async () => {
    const user = userEvent.setup();
    render(App);
    const menu = screen.getByRole('navigation', { name: 'Hoofdmenu' });
    expect(menu).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Export' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Export voor financiers' })).toHaveFocus();
    expect(screen.getByRole('button', { name: 'Export' })).toHaveAttribute('aria-current', 'page');
    await user.click(screen.getByRole('button', { name: 'Mantelzorgers' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Mantelzorgers' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Mantelzorgers' })).toHaveAttribute('aria-current', 'page');
  });
});
