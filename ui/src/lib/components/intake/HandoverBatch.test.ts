import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import HandoverBatch from './HandoverBatch.svelte';
import * as ipc from '../../ipc';

vi.mock('../../ipc', () => ({
  handoverCandidates: vi.fn(),
  exportHandoverToFile: vi.fn(),
  pickHandoverFileToSave: vi.fn(),
}));

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(ipc.handoverCandidates).mockResolvedValueOnce([
    { intakeId: 40, caregiverId: 7, name: 'Piet Bakker', intakeDate: '2026-11-10' },
    { intakeId: 41, caregiverId: 8, name: 'Ria de Vries', intakeDate: null },
  ]);
  vi.mocked(ipc.pickHandoverFileToSave).mockResolvedValue('/tmp/overdracht.age');
});

describe('HandoverBatch', () => {
  it('puts the intakes of several caregivers in one file', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.handoverCandidates).mockResolvedValueOnce([]);
    vi.mocked(ipc.exportHandoverToFile).mockResolvedValue(2);
    render(HandoverBatch);
    const overdragen = await screen.findByRole('button', { name: 'Overdragen…' });
    expect(overdragen).toBeDisabled();
    await user.click(screen.getByLabelText('Piet Bakker, intake van 10-11-2026'));
    await user.click(screen.getByLabelText('Ria de Vries'));
    await user.click(overdragen);
    await user.type(screen.getByLabelText('Wachtwoord'), 'paard batterij nietje');
    await user.type(screen.getByLabelText('Wachtwoord herhalen'), 'paard batterij nietje');
    await user.click(screen.getByRole('button', { name: 'Bestand kiezen en opslaan' }));
    expect(ipc.exportHandoverToFile).toHaveBeenCalledWith([40, 41], 'paard batterij nietje', '/tmp/overdracht.age');
    expect(await screen.findByRole('status')).toHaveTextContent('2 intakes opgeslagen in /tmp/overdracht.age');
    expect(await screen.findByText(/geen afgeronde intakes/)).toBeInTheDocument();
  });
});
