import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import MatchAndPlan from './MatchAndPlan.svelte';
import * as ipc from '../ipc';
import { dossier } from '../testdata';
import { match } from '../testdata.planning';

vi.mock('../ipc', () => ({
  getDossier: vi.fn(),
  rankProviders: vi.fn(),
  planSeries: vi.fn(),
  previewSeries: vi.fn(),
  draftSeries: vi.fn(),
  listMunicipalities: vi.fn(),
}));

const MATCHES = [
  match(),
  match({
    providerId: 2, providerName: 'Zorgmaatje aan Huis', eligible: false, score: 10,
    reasons: ['werkt in Dordrecht'], failures: ['niet beschikbaar op de gevraagde dagen en dagdelen', 'biedt geen logeeropvang'],
  }),
];

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(ipc.getDossier).mockResolvedValue(dossier());
  vi.mocked(ipc.rankProviders).mockResolvedValue(MATCHES);
  vi.mocked(ipc.listMunicipalities).mockResolvedValue([{ code: 'GM0505', name: 'Dordrecht' }]);
});

async function search() {
  const user = userEvent.setup();
  render(MatchAndPlan, { caregiverId: 7, onback: vi.fn() });
  await screen.findByRole('heading', { level: 1, name: 'Respijt plannen voor Anna de Vries' });
  await user.type(screen.getByLabelText('Uren per week'), '3');
  await user.click(screen.getByLabelText('maandag'));
  await user.click(screen.getByLabelText('ochtend'));
  await user.clear(screen.getByLabelText('Eerste datum'));
  await user.type(screen.getByLabelText('Eerste datum'), '30-11-2026');
  await user.click(screen.getByLabelText('dementie'));
  await user.click(screen.getByRole('button', { name: 'Zoek aanbieders' }));
  return user;
}

describe('MatchAndPlan', () => {
  it('sends the need and lists the matches with reasons, tariff and the failures apart', async () => {
    await search();
    expect(ipc.rankProviders).toHaveBeenCalledWith({
      caregiverId: 7, recipientId: 3, form: 'thuis', hoursPerWeek: '3', weekdays: ['ma'], dayparts: ['ochtend'],
      firstDate: '30-11-2026', weeks: 4, language: '', specialisms: ['dementie'],
    });
    const good = (await screen.findByRole('heading', { level: 3, name: 'ZorgMies' })).closest('li')!;
    expect(within(good).getByText('werkt in Dordrecht, 1,2 km, 117 uur ruimte in week 49')).toBeInTheDocument();
    expect(good).toHaveTextContent('€ 47,50 per uur (voorbeeldtarief');
    expect(good).toHaveTextContent('€ 142,50');
    expect(within(good).getByRole('button', { name: 'Plan bij ZorgMies' })).toBeInTheDocument();

    const failing = screen.getByRole('heading', { level: 2, name: 'Voldoet niet' });
    const bad = screen.getByRole('heading', { level: 3, name: 'Zorgmaatje aan Huis' }).closest('li')!;
    expect(failing.compareDocumentPosition(bad) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(bad).toHaveTextContent('niet beschikbaar op de gevraagde dagen en dagdelen, biedt geen logeeropvang');
    expect(within(bad).queryByRole('button')).not.toBeInTheDocument();
  });

  it('shows the core error next to the field of the need', async () => {
    vi.mocked(ipc.rankProviders).mockRejectedValue({
      code: 'validation', message: 'Controleer de velden.', fields: [{ field: 'firstDate', message: 'Vul de datum in als dd-mm-jjjj.' }],
    });
    await search();
    const date = screen.getByLabelText('Eerste datum');
    await waitFor(() => expect(date).toHaveAttribute('aria-invalid', 'true'));
    expect(date).toHaveAccessibleDescription('Vul de datum in als dd-mm-jjjj.');
    expect(date).toHaveFocus();
  });

  it('plans a series, shows the clashes, and "Toch plannen" sends the reason', async () => {
    vi.mocked(ipc.planSeries)
      .mockResolvedValueOnce({
        kind: 'clashes',
        clashes: [{ date: '2026-11-30', kind: 'naaste_dubbel', message: 'Piet de Vries is dan al ingepland bij ZorgMies.', sessionIndex: 0 }],
      })
      .mockResolvedValueOnce({ kind: 'planned', sessionIds: [21, 22, 23, 24], skippedHolidays: [] });
    vi.mocked(ipc.previewSeries).mockResolvedValue({
      cost: 57000, shares: [{ code: 'VGZ', cents: 42750 }, { code: 'GM0505', cents: 14250 }], withoutTariff: 0,
    });
    // The core drafts the series from the need (src/planning/draft.rs).
    vi.mocked(ipc.draftSeries).mockResolvedValue({
      session: {
        caregiverId: 7, recipientId: 3, providerId: 1, helperId: null, form: 'thuis', date: '30-11-2026',
        startTime: '09:00', endTime: '12:00', units: '1', handoverNote: '',
      },
      everyWeeks: 1, weekdays: ['ma'], until: '', count: '4', skipHolidays: true,
    });
    const user = await search();
    await user.click(await screen.findByRole('button', { name: 'Plan bij ZorgMies' }));

    // Prefilled from the core's draft, for the need and the provider picked.
    expect(ipc.draftSeries).toHaveBeenCalledWith(expect.objectContaining({ caregiverId: 7 }), 1, null);
    await screen.findByLabelText('Eerste datum');
    expect(screen.getByLabelText('Eerste datum')).toHaveValue('30-11-2026');
    expect(screen.getByLabelText('Begintijd')).toHaveValue('09:00');
    expect(screen.getByLabelText('Eindtijd')).toHaveValue('12:00');
    expect(screen.getByLabelText('maandag')).toBeChecked();
    expect(screen.getByLabelText('Aantal keer')).toHaveValue('4');
    expect(screen.getByLabelText('Feestdagen overslaan')).toBeChecked();
    await user.type(screen.getByLabelText('Overdracht voor de hulp'), 'Koffie om 10 uur.');

    await user.click(screen.getByRole('button', { name: 'Wat kost dit?' }));
    expect(await screen.findByText('Kosten van deze reeks: € 570,00')).toBeInTheDocument();
    expect(screen.getByText('VGZ: € 427,50')).toBeInTheDocument();
    expect(screen.getByText('Dordrecht: € 142,50')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Reeks plannen' }));
    const expected = {
      session: {
        caregiverId: 7, recipientId: 3, providerId: 1, helperId: null, form: 'thuis', date: '30-11-2026',
        startTime: '09:00', endTime: '12:00', units: '', handoverNote: 'Koffie om 10 uur.',
      },
      everyWeeks: 1, weekdays: ['ma'], until: '', count: '4', skipHolidays: true,
    };
    expect(ipc.planSeries).toHaveBeenNthCalledWith(1, expected, null);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('30-11-2026: Piet de Vries is dan al ingepland bij ZorgMies.');

    // No reason: nothing is sent, the field says why.
    await user.click(screen.getByRole('button', { name: 'Toch plannen' }));
    expect(ipc.planSeries).toHaveBeenCalledTimes(1);
    expect(screen.getByLabelText('Reden om toch te plannen')).toHaveAttribute('aria-invalid', 'true');

    await user.type(screen.getByLabelText('Reden om toch te plannen'), 'Tweede hulp komt mee');
    await user.click(screen.getByRole('button', { name: 'Toch plannen' }));
    expect(ipc.planSeries).toHaveBeenNthCalledWith(2, expected, 'Tweede hulp komt mee');
    expect(await screen.findByText('4 inzetten gepland')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Naar het dossier' })).toBeInTheDocument();
  });

  it('suggests the known helper first and a backup, and plans with the helper chosen', async () => {
    vi.mocked(ipc.rankProviders).mockResolvedValue([
      match({
        knownHelperId: 6, backupHelperId: 5,
        helpers: [{ id: 6, name: 'Bert', note: 'bekend bij deze mantelzorger' }, { id: 5, name: 'Ans', note: 'reserve' }, { id: 7, name: 'Carla', note: '' }],
      }),
    ]);
    vi.mocked(ipc.draftSeries).mockResolvedValue({
      session: {
        caregiverId: 7, recipientId: 3, providerId: 1, helperId: 6, form: 'thuis', date: '30-11-2026',
        startTime: '09:00', endTime: '12:00', units: '1', handoverNote: '',
      },
      everyWeeks: 1, weekdays: ['ma'], until: '', count: '4', skipHolidays: true,
    });
    vi.mocked(ipc.planSeries).mockResolvedValue({ kind: 'planned', sessionIds: [21], skippedHolidays: [] });
    const user = await search();
    await user.click(await screen.findByRole('button', { name: 'Plan bij ZorgMies' }));
    expect(ipc.draftSeries).toHaveBeenCalledWith(expect.anything(), 1, 6);
    const helper = await screen.findByLabelText('Hulp');
    expect(within(helper).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Nog geen hulp gekozen', 'Bert (bekend bij deze mantelzorger)', 'Ans (reserve)', 'Carla',
    ]);
    expect(helper).toHaveDisplayValue('Bert (bekend bij deze mantelzorger)');
    await user.selectOptions(helper, 'Ans (reserve)');
    await user.click(screen.getByRole('button', { name: 'Reeks plannen' }));
    expect(ipc.planSeries).toHaveBeenCalledWith(
      expect.objectContaining({ session: expect.objectContaining({ helperId: 5 }) }),
      null,
    );
  });
});
