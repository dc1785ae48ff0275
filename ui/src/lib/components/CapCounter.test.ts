import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import CapCounter from './CapCounter.svelte';
import * as ipc from '../ipc';
import type { CapView } from '../bindings/CapView';
import { session, week } from '../testdata.planning';

vi.mock('../ipc', () => ({
  caregiverCap: vi.fn(),
  weekCalendar: vi.fn(),
  setSessionStatus: vi.fn(),
}));

const cap = (used: number, dates: string[] = []): CapView[] => [
  { schemeCode: 'VGZ', schemeName: 'VGZ aanvullende verzekering', unit: 'dagen', cap: 14, used, left: 14 - used, dates },
];

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(ipc.caregiverCap).mockResolvedValue(cap(3, ['2026-03-02', '2026-03-09', '2026-11-16']));
  vi.mocked(ipc.weekCalendar).mockImplementation(async (_owner, date) =>
    date === '2026-11-30' ? week('2026-11-30', [session()]) : week('2026-11-23'),
  );
});

describe('CapCounter', () => {
  it('says how many cap days are used and left, with the dates', async () => {
    render(CapCounter, { caregiverId: 7, today: '2026-11-23' });
    expect(await screen.findByText(/VGZ: 3 van 14 dagen gebruikt, 11 over/)).toBeInTheDocument();
    expect(screen.getByText('Gebruikt op: 02-03-2026, 09-03-2026, 16-11-2026')).toBeInTheDocument();
    expect(ipc.caregiverCap).toHaveBeenCalledWith(7, 2026);
    expect(ipc.weekCalendar).toHaveBeenCalledWith({ kind: 'caregiver', id: 7 }, '2026-11-23');
    expect(ipc.weekCalendar).toHaveBeenCalledWith({ kind: 'caregiver', id: 7 }, '2026-11-30');
  });

  it('marks a session delivered and shows the new count', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.caregiverCap).mockResolvedValueOnce(cap(0)).mockResolvedValue(cap(1, ['2026-11-30']));
    vi.mocked(ipc.setSessionStatus).mockResolvedValue(session({ status: 'uitgevoerd' }));
    render(CapCounter, { caregiverId: 7, today: '2026-11-23' });
    expect(await screen.findByText(/VGZ: 0 van 14 dagen gebruikt, 14 over/)).toBeInTheDocument();
    const button = screen.getByRole('button', { name: 'Uitgevoerd' });
    expect(button).toHaveAccessibleDescription('maandag 30-11-2026 09:00–12:00 Piet de Vries bij ZorgMies (gepland)');

    vi.mocked(ipc.weekCalendar).mockImplementation(async (_owner, date) =>
      date === '2026-11-30' ? week('2026-11-30', [session({ status: 'uitgevoerd' })]) : week('2026-11-23'),
    );
    await user.click(button);
    expect(ipc.setSessionStatus).toHaveBeenCalledWith(11, 'uitgevoerd', null);
    expect(await screen.findByText(/VGZ: 1 van 14 dagen gebruikt, 13 over/)).toBeInTheDocument();
    expect(screen.getByText(/\(uitgevoerd\)/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Uitgevoerd' })).not.toBeInTheDocument();
  });
});
