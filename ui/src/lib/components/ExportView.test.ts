import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import ExportView from './ExportView.svelte';
import * as ipc from '../ipc';
import type { ExportRequest } from '../bindings/ExportRequest';
import type { ExportResult } from '../bindings/ExportResult';

vi.mock('../ipc', () => ({
  exportPreview: vi.fn(),
  exportToFile: vi.fn(),
  listMunicipalities: vi.fn(),
  pickSavePath: vi.fn(),
}));
const preview = vi.mocked(ipc.exportPreview);
const toFile = vi.mocked(ipc.exportToFile);
const pick = vi.mocked(ipc.pickSavePath);

function result(over: Partial<ExportResult> = {}): ExportResult {
  return {
    period: { label: '2026-Q1', first: '2026-01-01', last: '2026-03-31' },
    kind: 'verzekeraar',
    rows: 42,
    total: 123456,
    minutes: 750,
    sha256: '',
    closed: false,
    warnings: [],
    withoutIdentity: 0,
    identityNote: '',
    canIdentify: false,
    fileStem: 'respijt-2026-Q1-VGZ',
    ...over,
  };
}

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(ipc.listMunicipalities).mockResolvedValue([
    { code: 'GM0505', name: 'Dordrecht' },
    { code: 'GM0590', name: 'Papendrecht' },
  ]);
  // The core's answer: a label for the choice, and extern ids offered for the detailed usage only.
  preview.mockImplementation(async (r: ExportRequest) =>
    result({
      period: { label: JSON.stringify(r.period), first: '2026-01-01', last: '2026-03-31' },
      canIdentify: !r.summary && (r.funder === '' || r.funder === 'NIET_GEDEKT'),
    }),
  );
});

async function chooseQ1Vgz(user: ReturnType<typeof userEvent.setup>) {
  render(ExportView);
  expect(screen.getByRole('heading', { level: 1, name: 'Export voor financiers' })).toHaveFocus();
  await user.selectOptions(screen.getByLabelText('Soort periode'), 'Kwartaal');
  await user.selectOptions(screen.getByLabelText('Jaar'), '2026');
  await user.selectOptions(screen.getByLabelText('Kwartaal'), '1e kwartaal (januari–maart)');
  await user.selectOptions(screen.getByLabelText('Financier'), 'VGZ (verzekeraar)');
}

describe('ExportView', () => {
  it('shows the totals of the chosen quarter and funder before saving', async () => {
    const user = userEvent.setup();
    await chooseQ1Vgz(user);
    expect(await screen.findByText('42 regels, totaal € 1.234,56, 12,5 uur')).toBeInTheDocument();
    expect(preview).toHaveBeenLastCalledWith(
      expect.objectContaining({ period: { kind: 'quarter', year: 2026, quarter: 1 }, funder: 'VGZ', summary: false }),
    );
    expect(screen.getByText(/\(01-01-2026 t\/m 31-03-2026\)/)).toBeInTheDocument();
    // Municipalities are offered by name, sent by CBS code.
    await user.selectOptions(screen.getByLabelText('Financier'), 'Papendrecht');
    await waitFor(() => expect(preview).toHaveBeenLastCalledWith(expect.objectContaining({ funder: 'GM0590' })));
    expect(toFile).not.toHaveBeenCalled();
  });

  it('says before saving how many rows go without the person, and why (the core\'s words)', async () => {
    const user = userEvent.setup();
    const line = '3 regels zonder polisnummer, naam en geboortedatum (alleen een pseudoniem): 1 mantelzorger gaf geen toestemming om gegevens met financiers te delen.';
    preview.mockResolvedValue(result({ withoutIdentity: 3, identityNote: line, warnings: [line] }));
    await chooseQ1Vgz(user);
    expect(await screen.findByTestId('export-preview-warning')).toHaveTextContent(line);
  });

  it('sends month and date-range periods typed, and shows the core\'s word on a date next to it', async () => {
    const user = userEvent.setup();
    render(ExportView);
    await user.selectOptions(screen.getByLabelText('Soort periode'), 'Maand');
    await user.selectOptions(screen.getByLabelText('Jaar'), '2025');
    await user.selectOptions(screen.getByLabelText('Maand'), 'maart');
    await waitFor(() =>
      expect(preview).toHaveBeenLastCalledWith(expect.objectContaining({ period: { kind: 'month', year: 2025, month: 3 } })),
    );

    await user.selectOptions(screen.getByLabelText('Soort periode'), 'Twee datums');
    expect(await screen.findByText('Vul de periode in om de totalen te zien.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Opslaan…' })).toBeDisabled();
    preview.mockImplementation(async (r: ExportRequest) => {
      if (r.period.kind === 'dates' && r.period.to === '15-2') {
        throw { code: 'validation', message: 'Controleer de periode.', fields: [{ field: 'to', message: "'15-2' is geen datum; schrijf dd-mm-jjjj." }] };
      }
      return result();
    });
    await user.type(screen.getByLabelText('Van'), '1-1-2026');
    await user.type(screen.getByLabelText('Tot en met'), '15-2');
    await user.tab();
    await waitFor(() => expect(screen.getByLabelText('Tot en met')).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByText("'15-2' is geen datum; schrijf dd-mm-jjjj.")).toBeInTheDocument();
    await user.type(screen.getByLabelText('Tot en met'), '-2026');
    await waitFor(() =>
      expect(preview).toHaveBeenLastCalledWith(
        expect.objectContaining({ period: { kind: 'dates', from: '1-1-2026', to: '15-2-2026' } }),
      ),
    );
    await waitFor(() => expect(screen.getByLabelText('Tot en met')).not.toHaveAttribute('aria-invalid'));
  });

  it('saves through the save dialog to the chosen path and shows the result', async () => {
    const user = userEvent.setup();
    pick.mockResolvedValue('/tmp/q1.csv');
    let finish: (r: ExportResult) => void = () => {};
    toFile.mockImplementation(() => new Promise((resolve) => (finish = resolve)));
    await chooseQ1Vgz(user);
    await user.click(screen.getByLabelText('Definitief: periode afsluiten'));
    await screen.findByText('42 regels, totaal € 1.234,56, 12,5 uur');
    await user.click(screen.getByRole('button', { name: 'Opslaan…' }));

    expect(pick).toHaveBeenCalledWith('respijt-2026-Q1-VGZ.csv', ['csv']);
    await waitFor(() => expect(toFile).toHaveBeenCalled());
    const [sent, path] = toFile.mock.calls[0];
    expect(path).toBe('/tmp/q1.csv');
    expect(sent).toEqual({
      period: { kind: 'quarter', year: 2026, quarter: 1 }, funder: 'VGZ', summary: false, format: 'csv', identified: false, finalExport: true,
    });
    // While writing: a progress bar, and no second click.
    expect(screen.getByLabelText('Bezig met exporteren…').tagName).toBe('PROGRESS');
    expect(screen.getByRole('button', { name: 'Opslaan…' })).toBeDisabled();

    finish(result({ rows: 43, total: 200000, minutes: 60, sha256: 'ab12', closed: true, warnings: ['2 inzetten wachten.'] }));
    const title = await screen.findByRole('heading', { level: 2, name: 'Opgeslagen' });
    expect(title).toHaveFocus();
    expect(screen.getByText('/tmp/q1.csv')).toBeInTheDocument();
    expect(screen.getByTestId('export-saved-totals')).toHaveTextContent('43 regels, totaal € 2.000,00, 1 uur');
    expect(screen.getByText('ab12')).toBeInTheDocument();
    expect(screen.getByText(/Periode afgesloten/)).toBeInTheDocument();
    expect(screen.getByText('2 inzetten wachten.')).toBeInTheDocument();
    expect(screen.queryByLabelText('Bezig met exporteren…')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Opslaan…' })).toBeEnabled();
  });

  it('writes nothing when the dialog is cancelled', async () => {
    const user = userEvent.setup();
    pick.mockResolvedValue(null);
    await chooseQ1Vgz(user);
    await screen.findByText('42 regels, totaal € 1.234,56, 12,5 uur');
    await user.click(screen.getByRole('button', { name: 'Opslaan…' }));
    await waitFor(() => expect(pick).toHaveBeenCalled());
    expect(toFile).not.toHaveBeenCalled();
    expect(screen.queryByRole('heading', { name: 'Opgeslagen' })).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows a refused export in an alert', async () => {
    const user = userEvent.setup();
    pick.mockResolvedValue('/tmp/q1.csv');
    toFile.mockRejectedValue({ code: 'validation', message: '3 inzetten wachten op beoordeling. Werk ze eerst bij.', fields: [] });
    await chooseQ1Vgz(user);
    await user.click(screen.getByRole('button', { name: 'Opslaan…' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Exporteren is niet gelukt: 3 inzetten wachten op beoordeling.');
    expect(screen.queryByRole('heading', { name: 'Opgeslagen' })).not.toBeInTheDocument();
  });

  it('shows an unknown period from the core in an alert instead of totals', async () => {
    preview.mockRejectedValue({ code: 'validation', message: "Onbekende periode '2026-13'.", fields: [] });
    render(ExportView);
    expect(await screen.findByRole('alert')).toHaveTextContent("Onbekende periode '2026-13'.");
    expect(screen.queryByTestId('export-totals')).not.toBeInTheDocument();
  });

  it('offers extern ids only for the detailed export, and sends the summary choice', async () => {
    const user = userEvent.setup();
    render(ExportView);
    await user.click(await screen.findByLabelText('Met het eigen nummer van elke persoon'));
    await user.click(screen.getByLabelText('Regionale samenvatting'));
    await waitFor(() => expect(screen.queryByLabelText('Met het eigen nummer van elke persoon')).not.toBeInTheDocument());
    await waitFor(() => expect(preview).toHaveBeenLastCalledWith(expect.objectContaining({ summary: true, funder: '' })));

    pick.mockResolvedValue('/tmp/regio.html');
    toFile.mockResolvedValue(result({ kind: 'regio' }));
    await user.selectOptions(screen.getByLabelText('Formaat'), 'afdrukbare samenvatting');
    await user.click(screen.getByRole('button', { name: 'Opslaan…' }));
    await waitFor(() => expect(toFile).toHaveBeenCalled());
    expect(toFile.mock.calls[0][0]).toMatchObject({ summary: true, format: 'html', identified: false });
    expect(pick.mock.calls[0][1]).toEqual(['html']);
  });
});
