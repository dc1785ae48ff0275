import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import Unlock from './Unlock.svelte';
import * as ipc from '../../ipc';
import type { StoreStatus } from '../../bindings/StoreStatus';

vi.mock('../../ipc', () => ({ createStore: vi.fn(), unlockStore: vi.fn(), encryptStore: vi.fn() }));

const status = (file: StoreStatus['file'], open = false): StoreStatus => ({
  path: '/data/respijtregie.db', file, open, signInRequired: false, user: null, commands: [], idleLockMinutes: 10,
});

beforeEach(() => vi.resetAllMocks());

describe('Unlock', () => {
  it('makes a new store with a passphrase typed twice', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.createStore).mockResolvedValue(status('encrypted', true));
    const onopened = vi.fn();
    render(Unlock, { status: status('missing'), onopened });
    expect(screen.getByRole('heading', { name: 'Opslag beveiligen' })).toHaveFocus();
    await user.type(screen.getByLabelText('Wachtwoordzin'), 'paard batterij nietje');
    await user.type(screen.getByLabelText('Herhaal de wachtwoordzin'), 'paard batterij nietje');
    await user.click(screen.getByRole('button', { name: 'Opslag aanmaken' }));
    expect(ipc.createStore).toHaveBeenCalledWith('paard batterij nietje', 'paard batterij nietje');
    expect(onopened).toHaveBeenCalledWith(status('encrypted', true));
  });

  it("shows the core's reasons next to the fields", async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.createStore).mockRejectedValue({
      code: 'validation',
      message: 'Niet alle velden zijn goed ingevuld.',
      fields: [{ field: 'passphrase', message: 'Kies een wachtwoordzin van minstens 12 tekens, bijvoorbeeld een paar woorden.' }],
    });
    const onopened = vi.fn();
    render(Unlock, { status: status('missing'), onopened });
    await user.type(screen.getByLabelText('Wachtwoordzin'), 'kort');
    await user.click(screen.getByRole('button', { name: 'Opslag aanmaken' }));
    expect(await screen.findByText(/minstens 12 tekens/)).toBeInTheDocument();
    expect(screen.getByLabelText('Wachtwoordzin')).toHaveAttribute('aria-invalid', 'true');
    expect(onopened).not.toHaveBeenCalled();
  });

  it('unlocks with one field and says so when the passphrase is wrong', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.unlockStore).mockRejectedValueOnce({
      code: 'locked', message: 'De wachtwoordzin klopt niet (of dit bestand is geen opslag van Respijtregie).', fields: [],
    });
    vi.mocked(ipc.unlockStore).mockResolvedValueOnce(status('encrypted', true));
    const onopened = vi.fn();
    render(Unlock, { status: status('encrypted'), onopened });
    expect(screen.queryByLabelText('Herhaal de wachtwoordzin')).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('Wachtwoordzin'), 'verkeerd');
    await user.click(screen.getByRole('button', { name: 'Ontgrendelen' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('De wachtwoordzin klopt niet');
    expect(onopened).not.toHaveBeenCalled();
    await user.clear(screen.getByLabelText('Wachtwoordzin'));
    await user.type(screen.getByLabelText('Wachtwoordzin'), 'paard batterij nietje');
    await user.click(screen.getByRole('button', { name: 'Ontgrendelen' }));
    expect(ipc.unlockStore).toHaveBeenLastCalledWith('paard batterij nietje');
    expect(onopened).toHaveBeenCalled();
  });

  it('offers to encrypt a store from before encryption', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.encryptStore).mockResolvedValue(status('encrypted', true));
    render(Unlock, { status: status('plain'), onopened: vi.fn() });
    expect(screen.getByRole('heading', { name: 'Opslag versleutelen' })).toBeInTheDocument();
    await user.type(screen.getByLabelText('Wachtwoordzin'), 'paard batterij nietje');
    await user.type(screen.getByLabelText('Herhaal de wachtwoordzin'), 'paard batterij nietje');
    await user.click(screen.getByRole('button', { name: 'Versleutelen' }));
    expect(ipc.encryptStore).toHaveBeenCalledWith('paard batterij nietje', 'paard batterij nietje');
  });
});
