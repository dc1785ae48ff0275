import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import SessionPanel from './SessionPanel.svelte';
import * as ipc from '../ipc';
import type { Provider } from '../bindings/Provider';
import { session } from '../testdata.planning';

vi.mock('../ipc', () => ({
  updateSession: vi.fn(),
  setSessionStatus: vi.fn(),
  getSession: vi.fn(),
}));

const provider = (id: number, name: string, forms: string[]) =>
  ({ id, name, services: forms.map((form) => ({ id, form, unit: 'uur', tariffs: [] })) }) as unknown as Provider;
const providers = [provider(1, 'ZorgMies', ['thuis']), provider(2, 'Zorgmaatje aan Huis', ['thuis']), provider(3, 'Logeerhuis', ['logeeropvang'])];

beforeEach(() => {
  vi.resetAllMocks();
});

describe('SessionPanel', () => {
  it('changes this session and the ones after it, and overrides a clash only with a reason', async () => {
    const user = userEvent.setup();
    const onchanged = vi.fn();
    vi.mocked(ipc.updateSession)
      .mockResolvedValueOnce({
        kind: 'clashes',
        clashes: [{ sessionIndex: 0, date: '2026-12-01', kind: 'naaste_dubbel', message: 'De naaste is op 01-12-2026 al ingepland van 09:00 tot 12:00.' }],
      })
      .mockResolvedValueOnce({ kind: 'planned', sessionIds: [11, 12, 13], skippedHolidays: [] });
    vi.mocked(ipc.getSession).mockResolvedValue(session({ date: '2026-12-01', start: '10:00', end: '13:00' }));
    render(SessionPanel, { session: session(), providers, onchanged });

    await user.click(screen.getByRole('button', { name: 'Inzet wijzigen' }));
    expect(screen.getByLabelText('Datum')).toHaveFocus();
    expect(screen.getByLabelText('Datum')).toHaveValue('30-11-2026');
    // Only providers that offer this form of respite.
    const select = screen.getByLabelText('Aanbieder van de inzet');
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['ZorgMies', 'Zorgmaatje aan Huis']);
    await user.clear(screen.getByLabelText('Datum'));
    await user.type(screen.getByLabelText('Datum'), '01-12-2026');
    await user.clear(screen.getByLabelText('Begintijd'));
    await user.type(screen.getByLabelText('Begintijd'), '10:00');
    await user.clear(screen.getByLabelText('Eindtijd'));
    await user.type(screen.getByLabelText('Eindtijd'), '13:00');
    await user.selectOptions(select, 'Zorgmaatje aan Huis');
    await user.click(screen.getByLabelText('Deze en alle volgende'));
    await user.click(screen.getByRole('button', { name: 'Wijziging opslaan' }));

    expect(ipc.updateSession).toHaveBeenLastCalledWith(
      11,
      expect.objectContaining({ date: '01-12-2026', startTime: '10:00', endTime: '13:00', providerId: 2, helperId: null }),
      'thisAndFollowing',
      null,
    );
    expect(await screen.findByRole('alert')).toHaveTextContent('01-12-2026: De naaste is op 01-12-2026 al ingepland');
    expect(onchanged).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Toch wijzigen' }));
    expect(screen.getByText('Vul in waarom deze wijziging toch door moet gaan.')).toBeInTheDocument();
    expect(ipc.updateSession).toHaveBeenCalledTimes(1);
    await user.type(screen.getByLabelText('Reden om toch te wijzigen'), 'Familie komt die ochtend');
    await user.click(screen.getByRole('button', { name: 'Toch wijzigen' }));
    expect(ipc.updateSession).toHaveBeenLastCalledWith(11, expect.anything(), 'thisAndFollowing', 'Familie komt die ochtend');
    expect(await screen.findByRole('status')).toHaveTextContent('3 inzetten zijn gewijzigd.');
    expect(onchanged).toHaveBeenCalledWith(expect.objectContaining({ start: '10:00' }));
  });

  it('records delivery with the hours delivered, and shows the core\'s message next to the field', async () => {
    const user = userEvent.setup();
    const onchanged = vi.fn();
    vi.mocked(ipc.setSessionStatus)
      .mockRejectedValueOnce({ code: 'validation', message: 'Niet alle velden zijn goed ingevuld.', fields: [{ field: 'deliveredHours', message: "'twee' is geen aantal uren; schrijf bijvoorbeeld 12 of 12,5." }] })
      .mockResolvedValueOnce(session({ status: 'uitgevoerd', deliveredMinutes: 150 }));
    vi.mocked(ipc.getSession).mockResolvedValue(session({ status: 'uitgevoerd', deliveredMinutes: 150 }));
    render(SessionPanel, { session: session({ seriesId: null }), providers, onchanged });

    await user.click(screen.getByRole('button', { name: 'Uitgevoerd melden' }));
    const hours = screen.getByLabelText('Geleverde uren');
    expect(hours).toHaveValue('3');
    await user.clear(hours);
    await user.type(hours, 'twee');
    await user.click(screen.getByRole('button', { name: 'Uitgevoerd opslaan' }));
    expect(await screen.findByText(/'twee' is geen aantal uren/)).toBeInTheDocument();
    expect(hours).toHaveAttribute('aria-invalid', 'true');
    expect(hours).toHaveFocus();

    await user.clear(hours);
    await user.type(hours, '2,5');
    await user.click(screen.getByRole('button', { name: 'Uitgevoerd opslaan' }));
    expect(ipc.setSessionStatus).toHaveBeenLastCalledWith(11, 'uitgevoerd', '2,5');
    expect(await screen.findByRole('status')).toHaveTextContent('De inzet is gemeld als uitgevoerd (2,5 uur).');
    expect(onchanged).toHaveBeenCalledWith(expect.objectContaining({ status: 'uitgevoerd' }));
  });

  it('marks a session cancelled or no-show in one press; a single session has no scope to choose', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.setSessionStatus).mockResolvedValue(session({ status: 'niet_verschenen' }));
    vi.mocked(ipc.getSession).mockResolvedValue(session({ status: 'niet_verschenen' }));
    render(SessionPanel, { session: session({ seriesId: null }), providers, onchanged: vi.fn() });
    await user.click(screen.getByRole('button', { name: 'Niet verschenen' }));
    expect(ipc.setSessionStatus).toHaveBeenCalledWith(11, 'niet_verschenen', null);
    expect(await screen.findByRole('status')).toHaveTextContent('De inzet is gemeld als niet verschenen.');

    await user.click(screen.getByRole('button', { name: 'Inzet wijzigen' }));
    expect(screen.queryByLabelText('Deze en alle volgende')).not.toBeInTheDocument();
  });
});
