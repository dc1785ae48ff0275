import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import PlanningView from './PlanningView.svelte';
import * as ipc from '../ipc';
import type { Provider } from '../bindings/Provider';
import { session, week } from '../testdata.planning';

vi.mock('../ipc', () => ({
  listProviders: vi.fn(),
  weekCalendar: vi.fn(),
  pickSavePath: vi.fn(),
  exportProviderIcs: vi.fn(),
}));

const provider = (id: number, name: string) => ({ id, name }) as Provider;

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(ipc.listProviders).mockResolvedValue([provider(1, 'ZorgMies'), provider(2, 'Zorgmaatje aan Huis')]);
  vi.mocked(ipc.weekCalendar).mockImplementation(async (_owner, date) => {
    const cal = date === '2026-11-23' ? week('2026-11-23', [session({ date: '2026-11-24' })], 7200) : week('2026-11-30', [], 7200);
    if (date === '2026-11-23') { cal.week = 48; cal.days[0].holiday = null; }
    return cal;
  });
});

describe('PlanningView', () => {
  it('shows the week of a provider with sessions as buttons and hours against capacity', async () => {
    const user = userEvent.setup();
    render(PlanningView, { today: '2026-11-23' });
    const button = await screen.findByRole('button', { name: '09:00–12:00 Piet de Vries (gepland)' });
    expect(ipc.weekCalendar).toHaveBeenCalledWith({ kind: 'provider', id: 1 }, '2026-11-23');
    expect(screen.getByText('3 van 120 uur gepland in week 48')).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: 'dinsdag 24-11' })).toBeInTheDocument();

    // Keyboard: the session is reached with Tab and opened with Enter.
    button.focus();
    await user.keyboard('{Enter}');
    const detail = screen.getByRole('region', { name: /dinsdag 24-11-2026 09:00–12:00/ });
    expect(within(detail).getByText('Koffie om 10 uur.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Volgende week' }));
    expect(ipc.weekCalendar).toHaveBeenLastCalledWith({ kind: 'provider', id: 1 }, '2026-11-30');
    await user.selectOptions(screen.getByLabelText('Aanbieder'), 'Zorgmaatje aan Huis');
    expect(ipc.weekCalendar).toHaveBeenLastCalledWith({ kind: 'provider', id: 2 }, '2026-11-30');
    await user.click(screen.getByRole('button', { name: 'Deze week' }));
    expect(ipc.weekCalendar).toHaveBeenLastCalledWith({ kind: 'provider', id: 2 }, '2026-11-23');
  });

  it('saves the planned weeks as an .ics file where the user chose', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.pickSavePath).mockResolvedValue('/tmp/zorgmies.ics');
    vi.mocked(ipc.exportProviderIcs).mockResolvedValue({ events: 3, cancelled: 1, withoutNames: 0, summary: '3 inzetten, 1 geannuleerd' });
    render(PlanningView, { today: '2026-11-23' });
    await screen.findByText('3 van 120 uur gepland in week 48');
    await user.click(screen.getByRole('button', { name: 'Agenda-bestand (.ics)' }));
    expect(ipc.pickSavePath).toHaveBeenCalledWith('zorgmies-week-48.ics', ['ics']);
    expect(ipc.exportProviderIcs).toHaveBeenCalledWith(1, '23-11-2026', 4, '/tmp/zorgmies.ics');
    expect(await screen.findByRole('status')).toHaveTextContent('Opgeslagen: /tmp/zorgmies.ics (3 inzetten, 1 geannuleerd)');
  });

  it('says how many sessions went into the file without names, and why', async () => {
    const user = userEvent.setup();
    const summary =
      '2 inzetten; 1 zonder naam en adres, want de mantelzorger gaf geen toestemming om gegevens met aanbieders te delen';
    vi.mocked(ipc.pickSavePath).mockResolvedValue('/tmp/zorgmies.ics');
    vi.mocked(ipc.exportProviderIcs).mockResolvedValue({ events: 2, cancelled: 0, withoutNames: 1, summary });
    render(PlanningView, { today: '2026-11-23' });
    await screen.findByText('3 van 120 uur gepland in week 48');
    await user.click(screen.getByRole('button', { name: 'Agenda-bestand (.ics)' }));
    expect(await screen.findByRole('status')).toHaveTextContent('1 zonder naam en adres, want de mantelzorger gaf geen toestemming');
  });
});
