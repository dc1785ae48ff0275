import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import CaregiverWeek from './CaregiverWeek.svelte';
import * as ipc from '../ipc';
import type { Dossier } from '../bindings/Dossier';
import { session, week } from '../testdata.planning';

vi.mock('../ipc', () => ({
  getDossier: vi.fn(),
  listProviders: vi.fn(),
  weekCalendar: vi.fn(),
  updateSession: vi.fn(),
  setSessionStatus: vi.fn(),
  getSession: vi.fn(),
}));

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(ipc.getDossier).mockResolvedValue({ caregiver: { firstName: 'Anna', lastName: 'de Vries' } } as Dossier);
  vi.mocked(ipc.listProviders).mockResolvedValue([]);
  vi.mocked(ipc.weekCalendar).mockImplementation(async (_owner, date) =>
    date === '2026-11-30' ? week('2026-11-30', [session(), session({ id: 12, start: '14:00', end: '16:00', plannedMinutes: 120 })]) : week('2026-11-23'),
  );
});

describe('CaregiverWeek', () => {
  it('shows the caregiver\'s week, moves by week with buttons and between sessions with the arrow keys', async () => {
    const user = userEvent.setup();
    render(CaregiverWeek, { caregiverId: 7, onback: vi.fn(), today: '2026-11-23' });
    expect(await screen.findByRole('heading', { name: 'Weekkalender van Anna de Vries' })).toBeInTheDocument();
    expect(ipc.weekCalendar).toHaveBeenCalledWith({ kind: 'caregiver', id: 7 }, '2026-11-23');
    expect(await screen.findByText('0 uur respijt gepland in week 49')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Volgende week' }));
    expect(ipc.weekCalendar).toHaveBeenLastCalledWith({ kind: 'caregiver', id: 7 }, '2026-11-30');
    const first = await screen.findByRole('button', { name: '09:00–12:00 Piet de Vries bij ZorgMies (gepland)' });
    expect(screen.getByText('5 uur respijt gepland in week 49')).toBeInTheDocument();
    first.focus();
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('button', { name: '14:00–16:00 Piet de Vries bij ZorgMies (gepland)' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('region', { name: /maandag 30-11-2026 14:00–16:00/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Uitgevoerd melden' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Vorige week' }));
    expect(ipc.weekCalendar).toHaveBeenLastCalledWith({ kind: 'caregiver', id: 7 }, '2026-11-23');
  });
});
