import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import BackupFolderAdmin from './BackupFolderAdmin.svelte';
import RecoveryKeyAdmin from './RecoveryKeyAdmin.svelte';
import RecoveryKeyShown from './store/RecoveryKeyShown.svelte';
import * as ipc from '../ipc';

vi.mock('../ipc', () => ({ backupFolder: vi.fn(), setBackupFolder: vi.fn(), pickFolder: vi.fn(), newRecoveryKey: vi.fn() }));

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(ipc.backupFolder).mockResolvedValue(null);
});

describe('BackupFolderAdmin', () => {
  it('chooses a folder with how often, and says the first backup is there', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.pickFolder).mockResolvedValue('/media/stick');
    vi.mocked(ipc.setBackupFolder).mockResolvedValue({ path: '/media/stick', everyDays: 7 });
    render(BackupFolderAdmin);
    expect(await screen.findByText('Nu: alleen naast de opslag.')).toBeInTheDocument();
    const days = screen.getByLabelText('Elke hoeveel dagen (1 is dagelijks, 7 wekelijks)');
    await user.clear(days);
    await user.type(days, '7');
    await user.click(screen.getByRole('button', { name: 'Map kiezen' }));
    expect(ipc.setBackupFolder).toHaveBeenCalledWith({ path: '/media/stick', everyDays: 7 });
    expect(await screen.findByRole('status')).toHaveTextContent('De eerste is gemaakt en gecontroleerd.');
    expect(screen.getByText('Nu: /media/stick, elke 7 dag(en).')).toBeInTheDocument();
  });

  it("shows the core's reason when the folder does not work", async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.pickFolder).mockResolvedValue('/media/weg');
    vi.mocked(ipc.setBackupFolder).mockRejectedValue({
      code: 'validation', message: 'Niet alle velden zijn goed ingevuld.',
      fields: [{ field: 'path', message: 'De map /media/weg bestaat niet (of de USB-stick zit er niet in).' }],
    });
    render(BackupFolderAdmin);
    await user.click(await screen.findByRole('button', { name: 'Map kiezen' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('de USB-stick zit er niet in');
  });
});

describe('the recovery key', () => {
  it('is shown once after the store is made, and the app opens only when it is said to be kept', async () => {
    const user = userEvent.setup();
    const ondone = vi.fn();
    render(RecoveryKeyShown, { recoveryKey: 'AGE-SECRET-KEY-1 QQQQ ABCD', ondone });
    expect(screen.getByRole('heading', { name: 'Uw herstelsleutel' })).toHaveFocus();
    expect(screen.getByText('AGE-SECRET-KEY-1 QQQQ ABCD')).toBeInTheDocument();
    const go = screen.getByRole('button', { name: 'Verder' });
    expect(go).toBeDisabled();
    await user.click(screen.getByLabelText('Ik heb de herstelsleutel geprint of op een veilige plek bewaard'));
    await user.click(go);
    expect(ondone).toHaveBeenCalled();
  });

  it('can be made anew in Instellingen with the passphrase, and is shown then', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.newRecoveryKey).mockResolvedValue('AGE-SECRET-KEY-1 NIEU WKEY');
    render(RecoveryKeyAdmin, { hasKey: false });
    expect(screen.getByText(/nog geen herstelsleutel/)).toBeInTheDocument();
    await user.type(screen.getByLabelText('Wachtwoordzin van de opslag'), 'paard batterij nietje');
    await user.click(screen.getByRole('button', { name: 'Nieuwe herstelsleutel maken' }));
    expect(ipc.newRecoveryKey).toHaveBeenCalledWith('paard batterij nietje');
    expect(await screen.findByText('AGE-SECRET-KEY-1 NIEU WKEY')).toBeInTheDocument();
  });
});
