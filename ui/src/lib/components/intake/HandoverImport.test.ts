import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import HandoverImport from './HandoverImport.svelte';
import * as ipc from '../../ipc';

vi.mock('../../ipc', () => ({
  importHandoverFile: vi.fn(),
  pickHandoverFileToOpen: vi.fn(),
  handoverCandidates: vi.fn(),
  listConsultants: vi.fn(),
}));

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(ipc.pickHandoverFileToOpen).mockResolvedValue('/tmp/overdracht.age');
  vi.mocked(ipc.handoverCandidates).mockResolvedValue([]);
  vi.mocked(ipc.listConsultants).mockResolvedValue([]);
});

describe('HandoverImport', () => {
  it('reads a file with its passphrase and tells what happened', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.importHandoverFile).mockResolvedValue({
      intakesNew: 2, intakesAlreadyPresent: 1, caregiversMatched: 1, caregiversCreated: 1,
      toConfirm: [{ caregiverId: 7, name: 'Ria de Vries', dateOfBirth: '1958-03-14', postcode: '3311 AB', intakeIds: [40] }],
      warnings: [], caregiverIds: [7, 8], followUpsNew: 1,
    });
    const onopen = vi.fn();
    render(HandoverImport, { onopen });
    await user.click(screen.getByRole('button', { name: 'Overdracht inlezen' }));
    await user.type(screen.getByLabelText('Wachtwoord'), 'paard batterij nietje');
    await user.click(screen.getByRole('button', { name: 'Inlezen' }));
    expect(ipc.importHandoverFile).toHaveBeenCalledWith('/tmp/overdracht.age', 'paard batterij nietje');
    const report = await screen.findByRole('status');
    expect(report).toHaveTextContent('2 nieuwe intakes');
    expect(report).toHaveTextContent('1 intake was al eerder ingelezen');
    expect(report).toHaveTextContent('1 mantelzorger gevonden in bestaande dossiers');
    expect(report).toHaveTextContent('1 nieuwe mantelzorger aangemaakt');
    expect(report).toHaveTextContent('1 opvolging meegekomen; op de datum staat de mantelzorger bij Aandacht');
    expect(report).toHaveTextContent('Ria de Vries, geboren 14-03-1958, 3311 AB (1 intake)');
    await user.click(screen.getByRole('button', { name: 'Ria de Vries' }));
    expect(onopen).toHaveBeenCalledWith(7);
  });

  it('shows a wrong passphrase as an alert', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.importHandoverFile).mockRejectedValue({
      code: 'internal', message: 'Het wachtwoord klopt niet. Er is niets ingelezen.', fields: [],
    });
    render(HandoverImport, { onopen: vi.fn() });
    await user.click(screen.getByRole('button', { name: 'Overdracht inlezen' }));
    await user.type(screen.getByLabelText('Wachtwoord'), 'verkeerd wachtwoord');
    await user.click(screen.getByRole('button', { name: 'Inlezen' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Het wachtwoord klopt niet. Er is niets ingelezen.');
    await waitFor(() => expect(alert).toHaveFocus());
  });

  it('does nothing when the dialog is cancelled', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.pickHandoverFileToOpen).mockResolvedValue(null);
    render(HandoverImport, { onopen: vi.fn() });
    await user.click(screen.getByRole('button', { name: 'Overdracht inlezen' }));
    expect(screen.queryByLabelText('Wachtwoord')).not.toBeInTheDocument();
  });
});
