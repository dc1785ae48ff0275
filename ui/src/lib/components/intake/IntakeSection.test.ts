import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import IntakeSection from './IntakeSection.svelte';
import * as ipc from '../../ipc';
import { instrument, intake } from '../../testdata.intake';
import type { BurdenAssessment } from '../../bindings/BurdenAssessment';

vi.mock('../../ipc', () => ({
  intakesOfCaregiver: vi.fn(),
  burdenTrend: vi.fn(),
  listInstruments: vi.fn(),
  changeIntakeStatus: vi.fn(),
  exportHandoverToFile: vi.fn(),
  pickHandoverFileToSave: vi.fn(),
}));

const heavy: BurdenAssessment = {
  id: 2, intakeId: 32, instrument: 'ediz_plus', answers: [1, 1, 1], score: 3, band: 'zwaar', overloaded: true,
  assessedOn: '2026-11-21',
};
const light: BurdenAssessment = { ...heavy, id: 1, intakeId: 31, answers: [1, 0, 0], score: 1, band: 'licht',
  overloaded: false, assessedOn: '2026-03-01' };

function setup() {
  const handlers = { onnew: vi.fn(), onedit: vi.fn() };
  render(IntakeSection, { caregiverId: 7, ...handlers });
  return handlers;
}

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(ipc.listInstruments).mockResolvedValue([instrument()]);
  vi.mocked(ipc.intakesOfCaregiver).mockResolvedValue([
    intake({ id: 32, form: { ...intake().form, intakeDate: '21-11-2026', urgency: 'crisis' }, assessments: [heavy] }),
    intake({ id: 31, status: 'afgerond', nextStatuses: ['concept', 'overgedragen'],
      form: { ...intake().form, intakeDate: '01-03-2026' }, assessments: [light] }),
  ]);
  vi.mocked(ipc.burdenTrend).mockResolvedValue([light, heavy]);
});

describe('IntakeSection', () => {
  it('lists the intakes with status, urgency and latest score, and the trend', async () => {
    const user = userEvent.setup();
    const { onnew, onedit } = setup();
    const tables = await screen.findAllByRole('table');
    const rows = within(tables[0]).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('21-11-2026');
    expect(rows[1]).toHaveTextContent('concept');
    expect(rows[1]).toHaveTextContent('crisis');
    expect(rows[1]).toHaveTextContent('3, zwaar');
    expect(rows[2]).toHaveTextContent('afgerond');

    const trend = screen.getByRole('table', { name: 'Belasting door de tijd' });
    const trendRows = within(trend).getAllByRole('row').slice(1);
    expect(trendRows.map((r) => r.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      '01-03-2026EDIZ-plus1 van 3licht',
      '21-11-2026EDIZ-plus3 van 3zwaaroverbelast',
    ]);

    await user.click(within(rows[1]).getByRole('button', { name: /Openen/ }));
    expect(onedit).toHaveBeenCalledWith(32);
    await user.click(screen.getByRole('button', { name: 'Nieuwe intake' }));
    expect(onnew).toHaveBeenCalled();
  });

  it('hands over the chosen completed intakes with a repeated passphrase', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.pickHandoverFileToSave).mockResolvedValue('/tmp/overdracht.age');
    vi.mocked(ipc.exportHandoverToFile).mockResolvedValue(1);
    setup();
    await screen.findAllByRole('table');
    const handover = screen.getByRole('button', { name: 'Overdragen…' });
    expect(screen.getByRole('button', { name: 'Overdragen…' })).toBeDisabled();
    await user.click(screen.getByLabelText('Overdragen intake 01-03-2026'));
    await user.click(screen.getByRole('button', { name: 'Overdragen…' }));
    expect(handover).not.toBeInTheDocument();

    await user.type(screen.getByLabelText('Wachtwoord'), 'paard batterij nietje');
    await user.type(screen.getByLabelText('Wachtwoord herhalen'), 'paard batterij');
    await user.click(screen.getByRole('button', { name: 'Bestand kiezen en opslaan' }));
    expect(screen.getByLabelText('Wachtwoord herhalen')).toHaveAccessibleDescription(
      'De twee wachtwoorden zijn niet gelijk. Typ ze opnieuw.',
    );
    expect(ipc.exportHandoverToFile).not.toHaveBeenCalled();

    await user.type(screen.getByLabelText('Wachtwoord herhalen'), ' nietje');
    await user.click(screen.getByRole('button', { name: 'Bestand kiezen en opslaan' }));
    await waitFor(() =>
      expect(ipc.exportHandoverToFile).toHaveBeenCalledWith([31], 'paard batterij nietje', '/tmp/overdracht.age'),
    );
    expect(await screen.findByRole('status')).toHaveTextContent('1 intake opgeslagen in /tmp/overdracht.age');
  });

  it('shows a passphrase refusal next to the passphrase', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.pickHandoverFileToSave).mockResolvedValue('/tmp/o.age');
    vi.mocked(ipc.exportHandoverToFile).mockRejectedValue({
      code: 'validation', message: 'Controleer', fields: [{ field: 'passphrase', message: 'Kies een wachtwoord van ten minste 10 tekens.' }],
    });
    setup();
    await user.click(await screen.findByLabelText('Overdragen intake 01-03-2026'));
    await user.click(screen.getByRole('button', { name: 'Overdragen…' }));
    await user.type(screen.getByLabelText('Wachtwoord'), 'kort');
    await user.type(screen.getByLabelText('Wachtwoord herhalen'), 'kort');
    await user.click(screen.getByRole('button', { name: 'Bestand kiezen en opslaan' }));
    const field = screen.getByLabelText('Wachtwoord');
    await waitFor(() => expect(field).toHaveAttribute('aria-invalid', 'true'));
    expect(field).toHaveAccessibleDescription(/Kies een wachtwoord van ten minste 10 tekens\./);
    expect(field).toHaveFocus();
  });
});
