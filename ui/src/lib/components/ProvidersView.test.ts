import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import ProvidersView from './ProvidersView.svelte';
import * as ipc from '../ipc';
import type { Provider } from '../bindings/Provider';
import type { ProviderInput } from '../bindings/ProviderInput';

vi.mock('../ipc', () => ({
  listProviders: vi.fn(),
  listMunicipalities: vi.fn(),
  providerForm: vi.fn(),
  saveProvider: vi.fn(),
  importStatementFile: vi.fn(),
  previewStatementFile: vi.fn(),
  reviewQueue: vi.fn(),
  settleReview: vi.fn(),
  pickStatementFileToOpen: vi.fn(),
}));

const zorgmies = {
  id: 1, name: 'ZorgMies', example: true, municipalities: [{ code: 'GM0505', name: 'Dordrecht' }],
  services: [{ id: 1, form: 'thuis', unit: 'uur', tariffs: [{ id: 1, cents: 4750, validFrom: '2026-01-01', validTo: null, example: true }] }],
} as unknown as Provider;

const form = (): ProviderInput => ({
  name: 'ZorgMies', kind: 'professioneel', pc4: '3311', maxDistanceKm: '25', capacityHours: '120',
  municipalityCodes: ['GM0505'], specialisms: ['dementie'], languages: 'en, nl', contactName: '', phone: '', email: '',
  services: [{ form: 'thuis', unit: 'uur', tariff: '47,50', validFrom: '01-01-2026', validTo: '' }],
});

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(ipc.listProviders).mockResolvedValue([zorgmies]);
  vi.mocked(ipc.listMunicipalities).mockResolvedValue([
    { code: 'GM0505', name: 'Dordrecht' },
    { code: 'GM0642', name: 'Zwijndrecht' },
  ]);
  vi.mocked(ipc.providerForm).mockResolvedValue(form());
  vi.mocked(ipc.reviewQueue).mockResolvedValue({ items: [], total: 0 });
});

describe('ProvidersView', () => {
  it('lists providers with their tariffs and edits one, with the core\'s messages next to the fields', async () => {
    const user = userEvent.setup();
    render(ProvidersView);
    expect(await screen.findByText('Respijt thuis: € 47,50 per uur')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Wijzigen ZorgMies' }));
    expect(await screen.findByRole('heading', { name: 'ZorgMies wijzigen' })).toBeInTheDocument();
    expect(screen.getByLabelText('Tarief in euro per eenheid (dienst 1)')).toHaveValue('47,50');
    expect(screen.getByLabelText('Dordrecht')).toBeChecked();

    vi.mocked(ipc.saveProvider).mockRejectedValueOnce({
      code: 'validation', message: 'Niet alle velden zijn goed ingevuld.',
      fields: [{ field: 'services.0.tariff', message: "'47,5x' is geen bedrag; schrijf euro's met een komma, zoals 45,50." }],
    });
    const tariff = screen.getByLabelText('Tarief in euro per eenheid (dienst 1)');
    await user.clear(tariff);
    await user.type(tariff, '47,5x');
    await user.click(screen.getByRole('button', { name: 'Aanbieder opslaan' }));
    expect(await screen.findByText(/'47,5x' is geen bedrag/)).toBeInTheDocument();
    expect(tariff).toHaveAttribute('aria-invalid', 'true');
    expect(tariff).toHaveFocus();

    vi.mocked(ipc.saveProvider).mockResolvedValueOnce({ ...zorgmies, name: 'ZorgMies Drechtsteden' });
    await user.clear(tariff);
    await user.type(tariff, '52,00');
    await user.click(screen.getByLabelText('Zwijndrecht'));
    await user.click(screen.getByRole('button', { name: 'Dienst toevoegen' }));
    await user.selectOptions(screen.getByLabelText('Vorm (dienst 2)'), 'dagopvang');
    await user.selectOptions(screen.getByLabelText('Eenheid (dienst 2)'), 'dagdeel');
    await user.click(screen.getByRole('button', { name: 'Aanbieder opslaan' }));
    expect(ipc.saveProvider).toHaveBeenLastCalledWith(
      1,
      expect.objectContaining({
        municipalityCodes: ['GM0505', 'GM0642'],
        services: [
          expect.objectContaining({ form: 'thuis', tariff: '52,00' }),
          expect.objectContaining({ form: 'dagopvang', unit: 'dagdeel' }),
        ],
      }),
    );
    expect(await screen.findByRole('status')).toHaveTextContent('ZorgMies Drechtsteden is opgeslagen.');
  });

  it('reads a statement and reports matched, unplanned and different lines', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.pickStatementFileToOpen).mockResolvedValue('/tmp/overzicht.csv');
    vi.mocked(ipc.importStatementFile).mockResolvedValue({
      lines: 3, matched: 2, repeated: 0, clashes: [], rejected: [], corrections: [], people: [],
      unplanned: [{ row: 3, externId: 'R3', sessionId: 9, date: '2026-12-10', plannedMinutes: null, deliveredMinutes: 120, note: 'Niet gepland; gemeld in het overzicht van de aanbieder.' }],
      differences: [{ row: 2, externId: 'R2', sessionId: 8, date: '2026-12-08', plannedMinutes: 180, deliveredMinutes: 210, note: 'Geleverd 210 minuten, gepland 180.' }],
    });
    render(ProvidersView);
    await user.click(await screen.findByRole('button', { name: 'Overzicht kiezen en inlezen' }));
    expect(ipc.importStatementFile).toHaveBeenCalledWith('/tmp/overzicht.csv');
    const status = await screen.findByRole('status');
    expect(status).toHaveTextContent('3 regels ingelezen.');
    expect(status).toHaveTextContent('2 bij geplande inzet gezocht en afgesloten');
    expect(status).toHaveTextContent('1 niet gepland');
    expect(screen.getByText('Regel 3 (R3), 10-12-2026: Niet gepland; gemeld in het overzicht van de aanbieder.')).toBeInTheDocument();
    expect(screen.getByRole('row', { name: '2 (R2) 08-12-2026 3 uur 3,5 uur' })).toBeInTheDocument();
  });

  it('names every bad row and column of a refused statement', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.pickStatementFileToOpen).mockResolvedValue('/tmp/fout.csv');
    vi.mocked(ipc.importStatementFile).mockResolvedValue({
      lines: 1, matched: 0, repeated: 0, clashes: [], unplanned: [], differences: [], corrections: [], people: [],
      rejected: [{ row: 2, column: 'mantelzorger_id', message: "Geen mantelzorger met extern_id 'MZ-9'." }],
    });
    render(ProvidersView);
    await user.click(await screen.findByRole('button', { name: 'Overzicht kiezen en inlezen' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Er is niets ingelezen.');
    expect(alert).toHaveTextContent("Regel 2, kolom mantelzorger_id: Geen mantelzorger met extern_id 'MZ-9'.");
  });

  it('checks a statement first, showing how each line found its caregiver, then reads it in', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.pickStatementFileToOpen).mockResolvedValue('/tmp/november.csv');
    const report = {
      lines: 2, matched: 0, repeated: 0, clashes: [], rejected: [], differences: [],
      unplanned: [
        { row: 1, externId: 'A1', sessionId: 5, date: '2026-11-02', plannedMinutes: null, deliveredMinutes: 180, note: 'Niet gepland; gemeld in het overzicht van de aanbieder.' },
        { row: 2, externId: 'A2', sessionId: 6, date: '2026-10-15', plannedMinutes: null, deliveredMinutes: 120, note: 'Niet gepland; gemeld in het overzicht van de aanbieder.' },
      ],
      corrections: [{ row: 2, externId: 'A2', sessionId: 6, date: '2026-10-15', plannedMinutes: null, deliveredMinutes: 120, note: 'In de afgesloten periode 2026-10: geboekt als correctie op 23-11-2026.' }],
      people: [
        { row: 1, externId: 'A1', caregiverId: 12, caregiverName: 'Ria de Vries', matchedBy: 'dossiernummer' as const },
        { row: 2, externId: 'A2', caregiverId: 14, caregiverName: 'Fatma Yılmaz', matchedBy: 'naam_geboortedatum' as const },
      ],
    };
    vi.mocked(ipc.previewStatementFile).mockResolvedValue(report);
    vi.mocked(ipc.importStatementFile).mockResolvedValue(report);
    render(ProvidersView);
    await user.click(await screen.findByRole('button', { name: 'Overzicht kiezen en controleren' }));
    expect(ipc.previewStatementFile).toHaveBeenCalledWith('/tmp/november.csv');
    expect(ipc.importStatementFile).not.toHaveBeenCalled();
    expect(await screen.findByRole('status')).toHaveTextContent('Gecontroleerd, nog niets ingelezen: 2 regels in orde.');
    expect(screen.getByRole('row', { name: '1 (A1) Ria de Vries 12 dossiernummer' })).toBeInTheDocument();
    expect(screen.getByRole('row', { name: '2 (A2) Fatma Yılmaz 14 naam en geboortedatum' })).toBeInTheDocument();
    expect(screen.getByText('Regel 2 (A2), 15-10-2026: In de afgesloten periode 2026-10: geboekt als correctie op 23-11-2026.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Dit overzicht inlezen' }));
    expect(ipc.importStatementFile).toHaveBeenCalledWith('/tmp/november.csv');
    expect(await screen.findByRole('status')).toHaveTextContent('2 regels ingelezen.');
    expect(screen.queryByRole('button', { name: 'Dit overzicht inlezen' })).not.toBeInTheDocument();
  });
});
