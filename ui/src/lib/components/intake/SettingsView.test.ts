import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import SettingsView from './SettingsView.svelte';
import * as ipc from '../../ipc';

vi.mock('../../ipc', () => ({ setMode: vi.fn(), liberationDay: vi.fn(), setLiberationDay: vi.fn(), earliestDelivery: vi.fn(), setEarliestDelivery: vi.fn(), changePassphrase: vi.fn(), retentionOverview: vi.fn(), setRetention: vi.fn(), eraseCaregiver: vi.fn(), listUsers: vi.fn(), addUser: vi.fn(), disableUser: vi.fn(), storeStatus: vi.fn(), listBackups: vi.fn(), makeBackup: vi.fn(), restoreBackup: vi.fn(), backupFolder: vi.fn(), setBackupFolder: vi.fn(), pickFolder: vi.fn(), newRecoveryKey: vi.fn(), requestSettings: vi.fn(() => Promise.resolve({ waitWorkingDays: 10 })), setRequestSettings: vi.fn(), letterSettings: vi.fn(() => Promise.resolve({ regionName: 'Waardenland', directorName: '', directorPhone: '' })), setLetterSettings: vi.fn() }));

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(ipc.retentionOverview).mockResolvedValue({ settings: { yearsGranted: 15, yearsNotGranted: 5 }, proposals: [] });
  vi.mocked(ipc.listUsers).mockResolvedValue([]);
  vi.mocked(ipc.listBackups).mockResolvedValue([]);
  vi.mocked(ipc.backupFolder).mockResolvedValue(null);
  vi.mocked(ipc.liberationDay).mockResolvedValue('jaarlijks');
  vi.mocked(ipc.earliestDelivery).mockResolvedValue({ date: '2024-01-01', defaultDate: '2024-01-01', chosen: false });
});

describe('SettingsView: the earliest date of delivered respite', () => {
  it('shows the default, saves an earlier date and shows a refused one at the field', async () => {
    const user = userEvent.setup();
    render(SettingsView, { mode: 'director', onchange: vi.fn() });
    expect(await screen.findByText(/Nu: 01-01-2024 \(standaard: 1 januari van het jaar voor vorig jaar\)/)).toBeInTheDocument();
    const field = screen.getByLabelText('Vroegste datum');
    expect(field).toHaveValue('');

    vi.mocked(ipc.setEarliestDelivery).mockRejectedValueOnce({
      code: 'validation', message: 'Niet alle velden zijn goed ingevuld.',
      fields: [{ field: 'earliestDelivery', message: 'De vroegste datum van geleverde inzet kan niet na vandaag liggen.' }],
    });
    await user.type(field, '01-01-2030');
    await user.click(screen.getByRole('button', { name: 'Datum opslaan' }));
    expect(await screen.findByText('De vroegste datum van geleverde inzet kan niet na vandaag liggen.')).toBeInTheDocument();
    expect(field).toHaveAttribute('aria-invalid', 'true');

    vi.mocked(ipc.setEarliestDelivery).mockResolvedValueOnce({ date: '2019-01-01', defaultDate: '2024-01-01', chosen: true });
    await user.clear(field);
    await user.type(field, '01-01-2019');
    await user.click(screen.getByRole('button', { name: 'Datum opslaan' }));
    expect(ipc.setEarliestDelivery).toHaveBeenLastCalledWith('01-01-2019');
    expect(await screen.findByText('Opgeslagen: geleverde inzet kan vanaf 01-01-2019.')).toBeInTheDocument();
    expect(field).toHaveValue('01-01-2019');
    expect(field).not.toHaveAttribute('aria-invalid');
  });
});

describe('SettingsView: 5 mei', () => {
  it('shows the store\'s rule and saves another', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.setLiberationDay).mockResolvedValue('lustrum');
    render(SettingsView, { mode: 'director', onchange: vi.fn() });
    const everyYear = screen.getByLabelText('Elk jaar (Algemene termijnenwet)');
    await vi.waitFor(() => expect(everyYear).toBeChecked());
    await user.click(screen.getByLabelText('Eens in de vijf jaar (2025, 2030, ...)'));
    expect(ipc.setLiberationDay).toHaveBeenCalledWith('lustrum');
    expect(await screen.findByText(/de planning telt 5 mei voortaan zo/)).toBeInTheDocument();
    expect(screen.getByLabelText('Eens in de vijf jaar (2025, 2030, ...)')).toBeChecked();
  });
});

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

describe('SettingsView: retention', () => {
  it('proposes dossiers past their period and erases one when confirmed', async () => {
    const user = userEvent.setup();
    const proposal = { caregiverId: 9, name: 'Kees Smit', endedOn: '2020-01-01', granted: false, dueOn: '2025-01-01' };
    vi.mocked(ipc.retentionOverview)
      .mockResolvedValueOnce({ settings: { yearsGranted: 15, yearsNotGranted: 5 }, proposals: [proposal] })
      .mockResolvedValue({ settings: { yearsGranted: 15, yearsNotGranted: 5 }, proposals: [] });
    vi.mocked(ipc.eraseCaregiver).mockResolvedValue({ recipientsErased: 1, intakesRemoved: 0, sessionsKept: 0 });
    render(SettingsView, { mode: 'director', onchange: vi.fn() });
    expect(await screen.findByText('Kees Smit')).toBeInTheDocument();
    expect(screen.getByText(/01-01-2025 \(nooit respijt geleverd\)/)).toBeInTheDocument();
    await user.click(screen.getByLabelText('Ik begrijp dat wissen niet terug te draaien is'));
    await user.click(screen.getByRole('button', { name: 'Kees Smit wissen' }));
    expect(ipc.eraseCaregiver).toHaveBeenCalledWith(9, 'bewaartermijn', true);
    expect(await screen.findByText('Dossier 9 gewist.')).toBeInTheDocument();
    expect(screen.getByText('Geen dossiers waarvan de bewaartermijn voorbij is.')).toBeInTheDocument();
  });
});

describe('SettingsView: who uses this laptop', () => {
  it('is chosen without users, and follows the signed-in role once there are users', async () => {
    const { offer } = await import('../../permissions.svelte');
    const { unmount } = render(SettingsView, { mode: 'director', onchange: vi.fn() });
    expect(screen.getByRole('group', { name: 'Wie gebruikt deze laptop?' })).toBeInTheDocument();
    unmount();

    // The core leaves set_mode out of the status once the store has users.
    offer({ commands: ['list_users', 'change_passphrase'] } as unknown as Parameters<typeof offer>[0]);
    try {
      render(SettingsView, { mode: 'director', onchange: vi.fn() });
      expect(screen.queryByRole('group', { name: 'Wie gebruikt deze laptop?' })).not.toBeInTheDocument();
      expect(screen.getByText(/volgt de rol van wie zich aanmeldt/)).toBeInTheDocument();
    } finally {
      offer(null);
    }
  });
});
