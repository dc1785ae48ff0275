import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import ReviewQueue from './ReviewQueue.svelte';
import * as ipc from '../ipc';
import type { ReviewItem } from '../bindings/ReviewItem';
import type { SessionView } from '../bindings/SessionView';

vi.mock('../ipc', () => ({ reviewQueue: vi.fn(), settleReview: vi.fn() }));

const session = (over: Partial<SessionView>): SessionView => ({
  id: 1, caregiverId: 7, caregiverName: 'Ria de Vries', recipientId: 3, recipientName: 'Truus de Vries',
  providerId: 1, providerName: 'ZorgMies', helperId: null, helperName: null, seriesId: null, form: 'thuis',
  unit: 'uur', date: '2026-11-02', start: '09:00', end: '12:00', endDate: '2026-11-02', units: 3,
  plannedMinutes: 180, status: 'uitgevoerd', deliveredMinutes: 210, handoverNote: '', needsReview: true,
  reviewNote: 'Geleverd 210 minuten, gepland 180.', overrides: [], canChange: false, canReportDelivered: false,
  canCorrectDelivery: true, canCallOff: false, canConfirm: false, canUndoDelivery: true, canCancelSeries: false,
  history: [],
  ...over,
});

const longer: ReviewItem = { session: session({}), reason: 'andere_duur' };
const forgotten: ReviewItem = {
  session: session({ id: 2, date: '2026-11-09', status: 'gepland', deliveredMinutes: null, needsReview: false, reviewNote: '' }),
  reason: 'niet_verantwoord',
};

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(ipc.reviewQueue).mockResolvedValue({ items: [longer, forgotten], total: 2 });
});

describe('ReviewQueue', () => {
  it('lists what waits with the reason and settles one with a correction and its reason', async () => {
    const user = userEvent.setup();
    render(ReviewQueue);
    expect(await screen.findByText('2 inzetten wachten op beoordeling.')).toBeInTheDocument();
    expect(screen.getByRole('row', { name: /02-11-2026 09:00 Ria de Vries ZorgMies andere duur dan gepland/ })).toBeInTheDocument();
    expect(screen.getByRole('row', { name: /09-11-2026 09:00 .* gepland in het verleden, in geen overzicht/ })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Beoordelen: Ria de Vries, 02-11-2026 09:00' }));
    expect(screen.getByRole('heading', { level: 3, name: 'Beoordelen: Ria de Vries, 02-11-2026 09:00' })).toHaveFocus();
    await user.click(screen.getByLabelText('uren corrigeren'));

    vi.mocked(ipc.settleReview).mockRejectedValueOnce({
      code: 'validation', message: 'Niet alle velden zijn goed ingevuld.',
      fields: [{ field: 'reason', message: 'Vul de reden in: die blijft bij de inzet.' }],
    });
    await user.type(screen.getByLabelText('Geleverde uren'), '3');
    await user.click(screen.getByRole('button', { name: 'Beoordeling opslaan' }));
    expect(await screen.findByText('Vul de reden in: die blijft bij de inzet.')).toBeInTheDocument();
    expect(screen.getByLabelText('Reden')).toHaveAttribute('aria-invalid', 'true');

    vi.mocked(ipc.settleReview).mockResolvedValueOnce({ items: [forgotten], total: 1 });
    await user.type(screen.getByLabelText('Reden'), 'Half uur te veel geschreven');
    await user.click(screen.getByRole('button', { name: 'Beoordeling opslaan' }));
    expect(ipc.settleReview).toHaveBeenLastCalledWith(1, { action: 'uren_corrigeren', hours: '3', reason: 'Half uur te veel geschreven' });
    expect(await screen.findByText(/Opgeslagen: de inzet van Ria de Vries op 02-11-2026 is beoordeeld \(uren corrigeren\)\./)).toBeInTheDocument();
    expect(screen.getByText('1 inzet wacht op beoordeling.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Beoordeling opslaan' })).not.toBeInTheDocument();
  });

  it('says when nothing waits', async () => {
    vi.mocked(ipc.reviewQueue).mockResolvedValue({ items: [], total: 0 });
    render(ReviewQueue);
    expect(await screen.findByText('Niets na te kijken: elke inzet in het verleden is verantwoord.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
