import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import UsersAdmin from './UsersAdmin.svelte';
import * as ipc from '../ipc';
import type { User } from '../bindings/User';
import type { StoreStatus } from '../bindings/StoreStatus';

vi.mock('../ipc', () => ({ listUsers: vi.fn(), addUser: vi.fn(), disableUser: vi.fn(), storeStatus: vi.fn() }));

const marieke: User = { id: 1, name: 'marieke', role: 'regisseur', roleLabel: 'Regisseur', disabled: false };
const sanne: User = { id: 2, name: 'sanne', role: 'consulent', roleLabel: 'Consulent', disabled: false };
const signedIn: StoreStatus = {
  path: '/x.db', file: 'encrypted', open: true, signInRequired: false, user: marieke,
  commands: [], idleLockMinutes: 10, damage: null, recoveryKey: null, hasRecoveryKey: true,
};

beforeEach(() => vi.resetAllMocks());

describe('UsersAdmin', () => {
  it('adds the first user, the director, and passes on who is now signed in', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.listUsers).mockResolvedValue([]);
    vi.mocked(ipc.addUser).mockResolvedValue([marieke]);
    vi.mocked(ipc.storeStatus).mockResolvedValue(signedIn);
    const onstatus = vi.fn();
    render(UsersAdmin, { onstatus });
    expect(await screen.findByText(/Nog geen gebruikers/)).toBeInTheDocument();
    await user.type(screen.getByLabelText('Naam van de gebruiker'), 'marieke');
    await user.selectOptions(screen.getByLabelText('Rol'), 'regisseur');
    await user.type(screen.getByLabelText('Wachtwoord van de gebruiker'), 'geheim-genoeg');
    await user.type(screen.getByLabelText('Herhaal het wachtwoord'), 'geheim-genoeg');
    await user.click(screen.getByRole('button', { name: 'Gebruiker toevoegen' }));
    expect(ipc.addUser).toHaveBeenCalledWith({ name: 'marieke', role: 'regisseur', password: 'geheim-genoeg', repeat: 'geheim-genoeg' });
    expect(await screen.findByRole('status')).toHaveTextContent('marieke is toegevoegd.');
    expect(onstatus).toHaveBeenCalledWith(signedIn);
    expect(screen.getByRole('cell', { name: 'Regisseur' })).toBeInTheDocument();
  });

  it("shows the core's reasons next to the fields and disables a user", async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.listUsers).mockResolvedValue([marieke, sanne]);
    vi.mocked(ipc.addUser).mockRejectedValue({
      code: 'validation', message: 'Niet alle velden zijn goed ingevuld.',
      fields: [{ field: 'role', message: 'Kies een rol.' }, { field: 'password', message: 'Kies een wachtwoord van minstens 10 tekens.' }],
    });
    vi.mocked(ipc.disableUser).mockResolvedValue([marieke, { ...sanne, disabled: true }]);
    render(UsersAdmin, {});
    await user.click(await screen.findByRole('button', { name: 'Gebruiker toevoegen' }));
    expect(await screen.findByText('Kies een rol.')).toBeInTheDocument();
    expect(screen.getByText('Kies een wachtwoord van minstens 10 tekens.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'sanne uitschakelen' }));
    expect(ipc.disableUser).toHaveBeenCalledWith(2);
    expect(await screen.findByText('Consulent (uitgeschakeld)')).toBeInTheDocument();
  });

  it("describes each role as the core's rule has it: finance sees providers, no dossiers", async () => {
    vi.mocked(ipc.listUsers).mockResolvedValue([]);
    render(UsersAdmin, {});
    const finance = await screen.findByRole('option', { name: /^Financiën: / });
    expect(finance).toHaveTextContent('de financiering, de exports en de aanbieders (alleen inzien); geen dossiers, intakes of planning');
    expect(screen.getByRole('option', { name: /^Regisseur: alles/ })).toBeInTheDocument();
  });
});
