import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import SignIn from './SignIn.svelte';
import * as ipc from '../../ipc';
import { consultantCommands } from '../../testdata.commands';

vi.mock('../../ipc', () => ({ signIn: vi.fn() }));

beforeEach(() => vi.resetAllMocks());

describe('SignIn', () => {
  it('signs in with name and password, and says so when they do not match', async () => {
    const user = userEvent.setup();
    const status = {
      path: '/x.db', file: 'encrypted' as const, open: true, signInRequired: false,
      user: { id: 2, name: 'sanne', role: 'consulent' as const, roleLabel: 'Consulent', disabled: false },
      commands: consultantCommands, idleLockMinutes: 10, damage: null, recoveryKey: null, hasRecoveryKey: true,
    };
    vi.mocked(ipc.signIn)
      .mockRejectedValueOnce({ code: 'locked', message: 'Naam of wachtwoord klopt niet.', fields: [] })
      .mockResolvedValueOnce(status);
    const onsignedin = vi.fn();
    render(SignIn, { onsignedin });
    expect(screen.getByRole('heading', { name: 'Aanmelden' })).toHaveFocus();
    await user.type(screen.getByLabelText('Naam'), 'sanne');
    await user.type(screen.getByLabelText('Wachtwoord'), 'fout');
    await user.click(screen.getByRole('button', { name: 'Aanmelden' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Naam of wachtwoord klopt niet.');
    await user.clear(screen.getByLabelText('Wachtwoord'));
    await user.type(screen.getByLabelText('Wachtwoord'), 'sanne-wachtwoord');
    await user.click(screen.getByRole('button', { name: 'Aanmelden' }));
    expect(ipc.signIn).toHaveBeenLastCalledWith('sanne', 'sanne-wachtwoord');
    expect(onsignedin).toHaveBeenCalledWith(status);
  });
});
