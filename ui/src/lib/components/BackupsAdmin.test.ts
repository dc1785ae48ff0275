import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import BackupsAdmin from './BackupsAdmin.svelte';
import * as ipc from '../ipc';
import type { BackupFile } from '../bindings/BackupFile';

vi.mock('../ipc', () => ({ listBackups: vi.fn(), makeBackup: vi.fn(), restoreBackup: vi.fn() }));

const daily: BackupFile = {
  path: '/data/backups/respijtregie-20261123-090000-dagelijks.db', takenAt: '2026-11-23T09:00:00',
  kind: 'dagelijks', kindLabel: 'Dagelijks', bytes: 320 * 1024,
};

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(ipc.listBackups).mockResolvedValue([daily]);
});

describe('BackupsAdmin', () => {
  it('lists the backups and makes one by hand', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.makeBackup).mockResolvedValue([{ ...daily, path: '/x', kind: 'handmatig', kindLabel: 'Met de hand' }, daily]);
    render(BackupsAdmin);
    expect(await screen.findByRole('cell', { name: 'Dagelijks' })).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: '23-11-2026 10:00' })).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: '320 kB' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Nu een back-up maken' }));
    expect(await screen.findByRole('cell', { name: 'Met de hand' })).toBeInTheDocument();
  });

  it('puts a backup back only when confirmed, with the older passphrase if given', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.restoreBackup).mockResolvedValue([daily]);
    render(BackupsAdmin);
    const button = await screen.findByRole('button', { name: 'Back-up van 23-11-2026 10:00 terugzetten' });
    await user.click(button);
    expect(await screen.findByRole('alert')).toHaveTextContent('Vink eerst aan');
    expect(ipc.restoreBackup).not.toHaveBeenCalled();
    await user.click(screen.getByLabelText('Ik begrijp dat de huidige stand wordt vervangen'));
    await user.type(screen.getByLabelText('Wachtwoordzin van de back-up (alleen als die anders is)'), 'de vorige zin');
    await user.click(button);
    expect(ipc.restoreBackup).toHaveBeenCalledWith(daily.path, 'de vorige zin');
    expect(await screen.findByRole('status')).toHaveTextContent('Teruggezet: de stand van 23-11-2026 10:00');
  });
});
