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
  cancelSeries: vi.fn(),
  undoDelivery: vi.fn(),
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

  it('shows the history newest first, with who, when, what and why', () => {
    render(SessionPanel, {
      session: session({
        history: [
          { at: '2026-11-23T10:00:00Z', by: 'marieke', what: 'hulp: Ans → Bert', reason: 'Ans met verlof' },
          { at: '2026-11-20T09:30:00Z', by: 'hanneke', what: 'ingepland in een reeks', reason: '' },
        ],
      }),
      providers,
      onchanged: vi.fn(),
    });
    const list = within(screen.getByRole('region', { name: 'Wijzigingen' })).getAllByRole('listitem');
    expect(list.map((li) => li.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      '23-11-2026 11:00, marieke: hulp: Ans → Bert Reden: Ans met verlof',
      '20-11-2026 10:30, hanneke: ingepland in een reeks',
    ]);
  });

  it('changes the helper and the hand-over note of the rest of the series', async () => {
    const user = userEvent.setup();
    const withHelpers = providers.map((p) =>
      p.id === 1 ? ({ ...p, helpers: [{ id: 5, name: 'Ans' }, { id: 6, name: 'Bert' }] } as Provider) : p,
    );
    vi.mocked(ipc.updateSession).mockResolvedValue({ kind: 'planned', sessionIds: [11, 12], skippedHolidays: [] });
    vi.mocked(ipc.getSession).mockResolvedValue(session({ helperId: 6, helperName: 'Bert' }));
    render(SessionPanel, { session: session({ helperId: 5, helperName: 'Ans' }), providers: withHelpers, onchanged: vi.fn() });

    await user.click(screen.getByRole('button', { name: 'Inzet wijzigen' }));
    const helper = screen.getByLabelText('Hulp');
    expect(within(helper).getAllByRole('option').map((o) => o.textContent)).toEqual(['Geen hulp gekozen', 'Ans', 'Bert']);
    expect(helper).toHaveDisplayValue('Ans');
    // Another provider has other helpers: the helper chosen goes.
    await user.selectOptions(screen.getByLabelText('Aanbieder van de inzet'), 'Zorgmaatje aan Huis');
    expect(within(helper).getAllByRole('option').map((o) => o.textContent)).toEqual(['Geen hulp gekozen']);
    await user.selectOptions(screen.getByLabelText('Aanbieder van de inzet'), 'ZorgMies');
    expect(helper).toHaveDisplayValue('Geen hulp gekozen');
    await user.selectOptions(helper, 'Bert');
    const note = screen.getByLabelText('Overdracht voor de hulp');
    expect(note).toHaveValue('Koffie om 10 uur.');
    await user.clear(note);
    await user.type(note, 'Sleutel bij de buren.');
    await user.click(screen.getByLabelText('Deze en alle volgende'));
    await user.click(screen.getByRole('button', { name: 'Wijziging opslaan' }));
    expect(ipc.updateSession).toHaveBeenCalledWith(
      11,
      expect.objectContaining({ providerId: 1, helperId: 6, handoverNote: 'Sleutel bij de buren.' }),
      'thisAndFollowing',
      null,
    );
    expect(await screen.findByRole('status')).toHaveTextContent('2 inzetten zijn gewijzigd.');
  });

  it('confirms a planned session', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.setSessionStatus).mockResolvedValue(session({ status: 'bevestigd' }));
    vi.mocked(ipc.getSession).mockResolvedValue(session({ status: 'bevestigd' }));
    const onchanged = vi.fn();
    render(SessionPanel, { session: session(), providers, onchanged });
    await user.click(screen.getByRole('button', { name: 'Bevestigen' }));
    expect(ipc.setSessionStatus).toHaveBeenCalledWith(11, 'bevestigd', null);
    expect(await screen.findByRole('status')).toHaveTextContent('De inzet is bevestigd.');
    expect(onchanged).toHaveBeenCalledWith(expect.objectContaining({ status: 'bevestigd' }));
  });

  it('does not offer to confirm a confirmed session, nor to stop a single one as a series', () => {
    render(SessionPanel, { session: session({ status: 'bevestigd', seriesId: null, canCancelSeries: false }), providers, onchanged: vi.fn() });
    expect(screen.queryByRole('button', { name: 'Bevestigen' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Reeks stoppen' })).not.toBeInTheDocument();
  });

  it('stops the series from a date only with a reason, and says how many were cancelled', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.cancelSeries)
      .mockRejectedValueOnce({ code: 'validation', message: 'Niet alle velden zijn goed ingevuld.', fields: [{ field: 'reason', message: 'Vul in waarom de reeks stopt.' }] })
      .mockResolvedValueOnce(3);
    vi.mocked(ipc.getSession).mockResolvedValue(session({ status: 'geannuleerd' }));
    const onchanged = vi.fn();
    render(SessionPanel, { session: session(), providers, onchanged });

    await user.click(screen.getByRole('button', { name: 'Reeks stoppen' }));
    const from = screen.getByLabelText('Stoppen vanaf');
    expect(from).toHaveFocus();
    expect(from).toHaveValue('30-11-2026');
    await user.click(screen.getByRole('button', { name: 'Reeks stoppen vanaf deze datum' }));
    expect(await screen.findByText('Vul in waarom de reeks stopt.')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Reden/)).toHaveFocus();
    expect(onchanged).not.toHaveBeenCalled();

    await user.type(screen.getByLabelText(/^Reden/), 'Moeder is opgenomen.');
    await user.click(screen.getByRole('button', { name: 'Reeks stoppen vanaf deze datum' }));
    expect(ipc.cancelSeries).toHaveBeenLastCalledWith(2, '30-11-2026', 'Moeder is opgenomen.');
    expect(await screen.findByRole('status')).toHaveTextContent('3 inzetten van de reeks zijn geannuleerd.');
    expect(onchanged).toHaveBeenCalledWith(expect.objectContaining({ status: 'geannuleerd' }));
  });

  it('undoes a delivery with a reason, back to planned', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.undoDelivery).mockResolvedValue(session());
    vi.mocked(ipc.getSession).mockResolvedValue(session());
    const onchanged = vi.fn();
    render(SessionPanel, { session: session({ status: 'uitgevoerd', deliveredMinutes: 180 }), providers, onchanged });
    expect(screen.queryByRole('button', { name: 'Reeks stoppen' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Uitvoering terugdraaien' }));
    expect(screen.getByLabelText(/^Reden/)).toHaveFocus();
    await user.type(screen.getByLabelText(/^Reden/), 'Verkeerde dag gemeld.');
    await user.click(screen.getByRole('button', { name: 'Terug naar gepland' }));
    expect(ipc.undoDelivery).toHaveBeenCalledWith(11, 'Verkeerde dag gemeld.');
    expect(await screen.findByRole('status')).toHaveTextContent('De uitvoering is teruggedraaid: de inzet staat weer op gepland.');
    expect(onchanged).toHaveBeenCalledWith(expect.objectContaining({ status: 'gepland' }));
  });

  it('asks the core for the history of a session opened from a calendar', async () => {
    vi.mocked(ipc.getSession).mockResolvedValue(
      session({ history: [{ at: '2026-11-23T10:00:00Z', by: 'marieke', what: 'status: gepland → bevestigd', reason: '' }] }),
    );
    render(SessionPanel, { session: session({ history: [] }), providers, onchanged: vi.fn() });
    const region = screen.getByRole('region', { name: 'Wijzigingen' });
    expect(await within(region).findByText(/status: gepland → bevestigd/)).toBeInTheDocument();
    expect(ipc.getSession).toHaveBeenCalledWith(11);
  });
});
