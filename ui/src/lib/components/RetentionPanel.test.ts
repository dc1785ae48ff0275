import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import RetentionPanel from './RetentionPanel.svelte';
import * as ipc from '../ipc';

vi.mock('../ipc', () => ({ dossierRetention: vi.fn(), setLegalHold: vi.fn(), eraseCaregiver: vi.fn() }));

const open = { endedOn: '2026-01-31', dueOn: '2041-01-31', legalHoldReason: null, erased: false };

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(ipc.dossierRetention).mockResolvedValue(open);
});

describe('RetentionPanel', () => {
  it('shows when the dossier may be erased and sets a legal hold with its reason', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.setLegalHold).mockResolvedValue({ ...open, legalHoldReason: 'lopende klacht' });
    render(RetentionPanel, { caregiverId: 7 });
    expect(await screen.findByText(/Dossier beëindigd op 31-01-2026; te wissen vanaf 31-01-2041/)).toBeInTheDocument();
    await user.type(screen.getByLabelText('Reden voor bewaarplicht'), 'lopende klacht');
    await user.click(screen.getByRole('button', { name: 'Bewaarplicht zetten' }));
    expect(ipc.setLegalHold).toHaveBeenCalledWith(7, 'lopende klacht');
    expect(await screen.findByText('lopende klacht')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Gegevens wissen op verzoek' })).not.toBeInTheDocument();
  });

  it('erases only when the director confirms, and says what stays', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.eraseCaregiver)
      .mockRejectedValueOnce({
        code: 'validation', message: 'Niet alle velden zijn goed ingevuld.',
        fields: [{ field: 'confirmed', message: 'Vink aan dat u begrijpt dat wissen niet terug te draaien is.' }],
      })
      .mockResolvedValueOnce({ recipientsErased: 1, intakesRemoved: 2, sessionsKept: 4 });
    const onerased = vi.fn();
    render(RetentionPanel, { caregiverId: 7, onerased });
    await user.click(await screen.findByRole('button', { name: 'Gegevens wissen op verzoek' }));
    expect(await screen.findByText(/Vink aan dat u begrijpt/)).toBeInTheDocument();
    expect(onerased).not.toHaveBeenCalled();
    vi.mocked(ipc.dossierRetention).mockResolvedValue({ ...open, erased: true });
    await user.click(screen.getByLabelText('Ik begrijp dat wissen niet terug te draaien is'));
    await user.click(screen.getByRole('button', { name: 'Gegevens wissen op verzoek' }));
    expect(ipc.eraseCaregiver).toHaveBeenLastCalledWith(7, 'verzoek', true);
    expect(await screen.findByRole('status')).toHaveTextContent('4 inzet(ten) en hun financiering blijven');
    expect(await screen.findByText('De persoonsgegevens van dit dossier zijn gewist.')).toBeInTheDocument();
    expect(onerased).toHaveBeenCalled();
  });
});
