import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import SettingsView from './SettingsView.svelte';
import * as ipc from '../../ipc';

vi.mock('../../ipc', () => ({ setMode: vi.fn(), changePassphrase: vi.fn() }));

beforeEach(() => vi.resetAllMocks());

describe('SettingsView: the passphrase', () => {
  it('changes it with the current one and the new one twice', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.changePassphrase).mockResolvedValue();
    render(SettingsView, { mode: 'director', onchange: vi.fn() });
    await user.type(screen.getByLabelText('Huidige wachtwoordzin'), 'oude lange zin hier');
    await user.type(screen.getByLabelText('Nieuwe wachtwoordzin'), 'nieuwe lange zin hier');
    await user.type(screen.getByLabelText('Herhaal de nieuwe wachtwoordzin'), 'nieuwe lange zin hier');
    await user.click(screen.getByRole('button', { name: 'Wachtwoordzin wijzigen' }));
    expect(ipc.changePassphrase).toHaveBeenCalledWith('oude lange zin hier', 'nieuwe lange zin hier', 'nieuwe lange zin hier');
    expect(await screen.findByText(/De wachtwoordzin is gewijzigd/)).toBeInTheDocument();
    expect(screen.getByLabelText('Huidige wachtwoordzin')).toHaveValue('');
  });

  it('shows a wrong current passphrase next to its field', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.changePassphrase).mockRejectedValue({
      code: 'validation', message: 'Niet alle velden zijn goed ingevuld.',
      fields: [{ field: 'current', message: 'De huidige wachtwoordzin klopt niet.' }],
    });
    render(SettingsView, { mode: 'director', onchange: vi.fn() });
    await user.type(screen.getByLabelText('Huidige wachtwoordzin'), 'fout');
    await user.click(screen.getByRole('button', { name: 'Wachtwoordzin wijzigen' }));
    expect(await screen.findByText('De huidige wachtwoordzin klopt niet.')).toBeInTheDocument();
    expect(screen.getByLabelText('Huidige wachtwoordzin')).toHaveAttribute('aria-invalid', 'true');
  });
});
