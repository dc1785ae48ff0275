import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
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
  funderChoices: vi.fn(),
  archiveProvider: vi.fn(),
  restoreProvider: vi.fn(),
  listArchivedProviders: vi.fn(),
}));

const zorgmies = {
  id: 1, name: 'ZorgMies', example: true, municipalities: [{ code: 'GM0505', name: 'Dordrecht' }],
  services: [{ id: 1, form: 'thuis', unit: 'uur', tariffs: [{ id: 1, cents: 4750, validFrom: '2026-01-01', validTo: null, example: true }] }],
} as unknown as Provider;

const form = (): ProviderInput => ({
  name: 'ZorgMies', kind: 'professioneel', pc4: '3311', maxDistanceKm: '25', capacityHours: '120',
  municipalityCodes: ['GM0505'], specialisms: ['dementie'], languages: 'en, nl', contactName: '', phone: '', email: '',
  services: [{ form: 'thuis', unit: 'uur', tariff: '47,50', validFrom: '01-01-2026', validTo: '' }],
  externId: 'zorgmies', availability: [{ day: 'ma', daypart: 'ochtend' }], placesPerDay: '', funders: ['VGZ', 'gemeente'],
  helpers: [{ id: 7, name: 'Anna Bakker', languages: 'nl, tr', gender: 'vrouw', specialisms: ['dementie'], active: true }],
});

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(ipc.listProviders).mockResolvedValue([zorgmies]);
  vi.mocked(ipc.listMunicipalities).mockResolvedValue([
    { code: 'GM0505', name: 'Dordrecht' },
    { code: 'GM0642', name: 'Zwijndrecht' },
  ]);
  vi.mocked(ipc.providerForm).mockResolvedValue(form());
  vi.mocked(ipc.funderChoices).mockResolvedValue([
    { code: 'VGZ', name: 'VGZ aanvullend' },
    { code: 'GM0505', name: 'Gemeente Dordrecht' },
  ]);
  vi.mocked(ipc.listArchivedProviders).mockResolvedValue([]);
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

  it('sends availability from the grid, funders, places and helpers as the core expects them', async () => {
    const user = userEvent.setup();
    render(ProvidersView);
    await user.click(await screen.findByRole('button', { name: 'Wijzigen ZorgMies' }));
    expect(await screen.findByLabelText('Eigen code van de aanbieder')).toHaveValue('zorgmies');
    expect(screen.getByLabelText('maandag ochtend')).toBeChecked();
    expect(screen.getByLabelText('zondag nacht')).not.toBeChecked();
    await user.click(screen.getByLabelText('maandag ochtend'));
    await user.click(screen.getByLabelText('dinsdag middag'));
    await user.click(screen.getByLabelText('zaterdag avond'));

    // Funders: the known ones by name, a name typed before kept, another added.
    expect(screen.getByLabelText('VGZ aanvullend')).toBeChecked();
    expect(screen.getByLabelText('gemeente')).toBeChecked();
    await user.click(screen.getByLabelText('Gemeente Dordrecht'));
    await user.type(screen.getByLabelText('Andere financier'), 'Fonds Zorgzaam');
    await user.click(screen.getByRole('button', { name: 'Toevoegen' }));
    expect(screen.getByLabelText('Fonds Zorgzaam')).toBeChecked();

    // Places are asked only once day care or short stay is offered.
    expect(screen.queryByLabelText('Plaatsen per dag (dagopvang en logeeropvang)')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Dienst toevoegen' }));
    await user.selectOptions(screen.getByLabelText('Vorm (dienst 2)'), 'logeeropvang');
    await user.type(screen.getByLabelText('Plaatsen per dag (dagopvang en logeeropvang)'), '6');

    // Helpers: Anna made inactive (never deleted), Piet added.
    expect(screen.queryByRole('button', { name: 'Hulp 1 weghalen' })).not.toBeInTheDocument();
    await user.click(screen.getByLabelText('Anna Bakker is actief'));
    expect(screen.getByText('Niet actief: blijft bij de eerdere inzet, krijgt geen nieuwe.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Hulp toevoegen' }));
    const name = screen.getByLabelText('Naam (hulp 2)');
    expect(name).toHaveFocus();
    await user.type(name, 'Piet');
    await user.selectOptions(screen.getByLabelText('Man of vrouw (Piet)'), 'man');
    await user.type(screen.getByLabelText('Talen van Piet'), 'nl, ar');
    await user.click(within(screen.getByRole('group', { name: 'Ervaring van Piet' })).getByLabelText('psychische aandoening (GGZ)'));

    vi.mocked(ipc.saveProvider).mockResolvedValueOnce(zorgmies);
    await user.click(screen.getByRole('button', { name: 'Aanbieder opslaan' }));
    expect(ipc.saveProvider).toHaveBeenLastCalledWith(
      1,
      expect.objectContaining({
        externId: 'zorgmies',
        availability: [{ day: 'di', daypart: 'middag' }, { day: 'za', daypart: 'avond' }],
        funders: ['VGZ', 'GM0505', 'gemeente', 'Fonds Zorgzaam'],
        placesPerDay: '6',
        helpers: [
          { id: 7, name: 'Anna Bakker', languages: 'nl, tr', gender: 'vrouw', specialisms: ['dementie'], active: false },
          { id: null, name: 'Piet', languages: 'nl, ar', gender: 'man', specialisms: ['ggz'], active: true },
        ],
      }),
    );
  });

  it('shows the core\'s message next to the grid and a helper\'s name', async () => {
    const user = userEvent.setup();
    render(ProvidersView);
    await user.click(await screen.findByRole('button', { name: 'Wijzigen ZorgMies' }));
    vi.mocked(ipc.saveProvider).mockRejectedValueOnce({
      code: 'validation', message: 'Niet alle velden zijn goed ingevuld.',
      fields: [
        { field: 'availability', message: 'Kies minstens één dagdeel waarop de aanbieder werkt.' },
        { field: 'helpers.0.name', message: 'Vul de naam van de hulp in.' },
      ],
    });
    await user.click(await screen.findByRole('button', { name: 'Aanbieder opslaan' }));
    expect(await screen.findByText('Kies minstens één dagdeel waarop de aanbieder werkt.')).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Beschikbaar op' })).toHaveFocus();
    expect(screen.getByLabelText('Naam (hulp 1)')).toHaveAttribute('aria-invalid', 'true');
  });

  it('archives a provider only after a yes, and restores it from the archived list', async () => {
    const user = userEvent.setup();
    render(ProvidersView);
    await user.click(await screen.findByRole('button', { name: 'Archiveren ZorgMies' }));
    expect(ipc.archiveProvider).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Nee, niet archiveren' }));
    expect(screen.queryByRole('button', { name: 'Ja, ZorgMies archiveren' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Archiveren ZorgMies' }));
    vi.mocked(ipc.archiveProvider).mockResolvedValueOnce({ ...zorgmies, archivedOn: '2026-11-23' });
    vi.mocked(ipc.listProviders).mockResolvedValue([]);
    await user.click(screen.getByRole('button', { name: 'Ja, ZorgMies archiveren' }));
    expect(ipc.archiveProvider).toHaveBeenCalledWith(1);
    expect(await screen.findByRole('status')).toHaveTextContent('ZorgMies is gearchiveerd.');
    expect(screen.queryByRole('button', { name: 'Wijzigen ZorgMies' })).not.toBeInTheDocument();

    vi.mocked(ipc.listArchivedProviders).mockResolvedValue([{ ...zorgmies, archivedOn: '2026-11-23' }]);
    await user.click(screen.getByLabelText('Toon gearchiveerde aanbieders'));
    expect(await screen.findByRole('row', { name: 'ZorgMies 23-11-2026 Terugzetten ZorgMies' })).toBeInTheDocument();
    vi.mocked(ipc.restoreProvider).mockResolvedValueOnce(zorgmies);
    vi.mocked(ipc.listProviders).mockResolvedValue([zorgmies]);
    vi.mocked(ipc.listArchivedProviders).mockResolvedValue([]);
    await user.click(screen.getByRole('button', { name: 'Terugzetten ZorgMies' }));
    expect(ipc.restoreProvider).toHaveBeenCalledWith(1);
    expect(await screen.findByRole('status')).toHaveTextContent('ZorgMies is teruggezet.');
    expect(screen.getByText('Er zijn geen gearchiveerde aanbieders.')).toBeInTheDocument();
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
