import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import CaseloadExport from './CaseloadExport.svelte';
import * as ipc from '../../ipc';

vi.mock('../../ipc', () => ({
  listConsultants: vi.fn(),
  exportCaseloadToFile: vi.fn(),
  exportHandoverToFile: vi.fn(),
  pickHandoverFileToSave: vi.fn(),
}));

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(ipc.listConsultants).mockResolvedValue([
    { userId: 2, name: 'joost', caregivers: 0 },
    { userId: 3, name: 'sanne', caregivers: 2 },
  ]);
  vi.mocked(ipc.pickHandoverFileToSave).mockResolvedValue('/tmp/sanne.age');
});

describe('CaseloadExport', () => {
  it("saves one consultant's caseload and says what is in the file", async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.exportCaseloadToFile).mockResolvedValue({ caregivers: 2, intakes: 1, followUps: 1 });
    render(CaseloadExport);
    const save = await screen.findByRole('button', { name: 'Caseload opslaan…' });
    expect(save).toBeDisabled();
    await user.selectOptions(screen.getByLabelText('Consulent'), 'sanne (2 mantelzorgers)');
    await user.click(save);
    expect(screen.getByText(/De 2 mantelzorgers van sanne/)).toHaveTextContent('Geef sanne het wachtwoord');
    await user.type(screen.getByLabelText('Wachtwoord'), 'paard batterij nietje');
    await user.type(screen.getByLabelText('Wachtwoord herhalen'), 'paard batterij nietje');
    await user.click(screen.getByRole('button', { name: 'Bestand kiezen en opslaan' }));
    expect(ipc.exportCaseloadToFile).toHaveBeenCalledWith(3, 'paard batterij nietje', '/tmp/sanne.age');
    expect(ipc.exportHandoverToFile).not.toHaveBeenCalled();
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Opgeslagen in /tmp/sanne.age: 2 mantelzorgers, 1 intake en 1 opvolging voor sanne.',
    );
  });

  it('shows what the core refused, next to the form', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.exportCaseloadToFile).mockRejectedValue({
      code: 'invalid', message: 'Deze consulent heeft nog geen mantelzorgers.', fields: [],
    });
    render(CaseloadExport);
    await user.selectOptions(await screen.findByLabelText('Consulent'), 'joost (0 mantelzorgers)');
    await user.click(screen.getByRole('button', { name: 'Caseload opslaan…' }));
    await user.type(screen.getByLabelText('Wachtwoord'), 'paard batterij nietje');
    await user.type(screen.getByLabelText('Wachtwoord herhalen'), 'paard batterij nietje');
    await user.click(screen.getByRole('button', { name: 'Bestand kiezen en opslaan' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Deze consulent heeft nog geen mantelzorgers.');
  });
});
