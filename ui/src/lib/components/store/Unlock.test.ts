import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import Unlock from './Unlock.svelte';
import * as ipc from '../../ipc';
import type { StoreStatus } from '../../bindings/StoreStatus';

vi.mock('../../ipc', () => ({
  createStore: vi.fn(),
  unlockStore: vi.fn(),
  encryptStore: vi.fn(),
  recoverStore: vi.fn(),
  repairStore: vi.fn(),
  restoreNewStore: vi.fn(),
  storeStatus: vi.fn(),
  pickBackupFileToOpen: vi.fn(),
}));

const status = (file: StoreStatus['file'], open = false): StoreStatus => ({
  path: '/data/respijtregie.db', file, open, signInRequired: false, user: null, commands: [], idleLockMinutes: 10,
  damage: null, recoveryKey: null, hasRecoveryKey: open,
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

  it('opens with the recovery key when the passphrase is lost', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.recoverStore).mockRejectedValueOnce({
      code: 'locked', message: 'Deze herstelsleutel past niet bij deze opslag. Er is niets geopend of veranderd.', fields: [],
    });
    vi.mocked(ipc.recoverStore).mockResolvedValueOnce(status('encrypted', true));
    const onopened = vi.fn();
    render(Unlock, { status: status('encrypted'), onopened });
    await user.click(screen.getByRole('button', { name: 'Wachtwoordzin vergeten?' }));
    expect(screen.getByRole('heading', { name: 'Wachtwoordzin vergeten' })).toBeInTheDocument();
    await user.type(screen.getByLabelText('Herstelsleutel'), 'AGE-SECRET-KEY-1 VERKEERD');
    await user.type(screen.getByLabelText('Nieuwe wachtwoordzin'), 'zeven blauwe fietsen');
    await user.type(screen.getByLabelText('Herhaal de nieuwe wachtwoordzin'), 'zeven blauwe fietsen');
    await user.click(screen.getByRole('button', { name: 'Opslag openen met de herstelsleutel' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('past niet bij deze opslag');
    expect(onopened).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Opslag openen met de herstelsleutel' }));
    expect(ipc.recoverStore).toHaveBeenLastCalledWith('AGE-SECRET-KEY-1 VERKEERD', 'zeven blauwe fietsen', 'zeven blauwe fietsen');
    expect(onopened).toHaveBeenCalled();
  });

  it('offers the newest good backup when the core says the store is damaged', async () => {
    const user = userEvent.setup();
    const message = 'De opslag is beschadigd (een deel van het bestand is onleesbaar). Werk er niet verder in.';
    vi.mocked(ipc.unlockStore).mockRejectedValue({ code: 'damaged', message, fields: [] });
    vi.mocked(ipc.storeStatus).mockResolvedValue({
      ...status('encrypted'),
      damage: {
        message,
        backup: { path: '/data/backups/b.db', takenAt: '2026-11-30T09:00:00', kind: 'dagelijks', kindLabel: 'Dagelijks', bytes: 4096 },
      },
    });
    vi.mocked(ipc.repairStore).mockResolvedValue(status('encrypted', true));
    const onopened = vi.fn();
    render(Unlock, { status: status('encrypted'), onopened });
    await user.type(screen.getByLabelText('Wachtwoordzin'), 'paard batterij nietje');
    await user.click(screen.getByRole('button', { name: 'Ontgrendelen' }));
    expect(await screen.findByRole('heading', { name: 'De opslag is beschadigd' })).toBeInTheDocument();
    expect(screen.getByText(message)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /terugzetten/ }));
    expect(ipc.repairStore).toHaveBeenCalledWith('paard batterij nietje');
    expect(onopened).toHaveBeenCalled();
  });

  it('makes the store from a backup on a new laptop', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.pickBackupFileToOpen).mockResolvedValue('/media/stick/respijtregie-20261130-090000-dagelijks.db');
    vi.mocked(ipc.restoreNewStore).mockResolvedValue(status('encrypted', true));
    const onopened = vi.fn();
    render(Unlock, { status: status('missing'), onopened });
    await user.click(screen.getByRole('button', { name: 'Een back-up terugzetten (nieuwe laptop)' }));
    expect(screen.getByRole('button', { name: 'Opslag maken uit de back-up' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Back-up kiezen' }));
    await user.type(screen.getByLabelText('Wachtwoordzin van de back-up'), 'paard batterij nietje');
    await user.click(screen.getByRole('button', { name: 'Opslag maken uit de back-up' }));
    expect(ipc.restoreNewStore).toHaveBeenCalledWith('/media/stick/respijtregie-20261130-090000-dagelijks.db', 'paard batterij nietje');
    expect(onopened).toHaveBeenCalled();
  });
});
