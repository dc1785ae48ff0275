import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from './App.svelte';
import * as ipc from './lib/ipc';
import { dossier, summary } from './lib/testdata';
import { consultantCommands } from './lib/testdata.commands';

vi.mock('./lib/ipc', () => ({
  requestsOfCaregiver: vi.fn(() => Promise.resolve([])),
  listProviders: vi.fn(() => Promise.resolve([])),
  lettersOfCaregiver: vi.fn(() => Promise.resolve([])),
  letterSettings: vi.fn(() => Promise.resolve({ regionName: 'Waardenland', directorName: '', directorPhone: '' })),
  setLetterSettings: vi.fn(),
  writeConfirmationLetter: vi.fn(),
  writeProviderOrder: vi.fn(),
  overdueRequests: vi.fn(),
  waitingList: vi.fn(),
  requestSettings: vi.fn(),
  setRequestSettings: vi.fn(),
  searchCaregivers: vi.fn(),
  backupFolder: vi.fn(),
  setBackupFolder: vi.fn(),
  newRecoveryKey: vi.fn(),
  pickFolder: vi.fn(),
  getDossier: vi.fn(),
  listMunicipalities: vi.fn(),
  listInsurers: vi.fn(),
  registerCaregiver: vi.fn(),
  updateCaregiver: vi.fn(),
  attentionList: vi.fn(),
  getMode: vi.fn(),
  setMode: vi.fn(),
  liberationDay: vi.fn(),
  setLiberationDay: vi.fn(),
  earliestDelivery: vi.fn(),
  setEarliestDelivery: vi.fn(),
  intakesOfCaregiver: vi.fn(),
  burdenTrend: vi.fn(),
  listInstruments: vi.fn(),
  caregiverCap: vi.fn(),
  auditOfCaregiver: vi.fn(),
  retentionOverview: vi.fn(),
  listUsers: vi.fn(),
  addUser: vi.fn(),
  disableUser: vi.fn(),
  storeStatus: vi.fn(),
  listBackups: vi.fn(),
  makeBackup: vi.fn(),
  restoreBackup: vi.fn(),
  setRetention: vi.fn(),
  dossierRetention: vi.fn(),
  consentOfCaregiver: vi.fn(),
  consultantsOf: vi.fn(() => Promise.resolve([])),
  setConsultants: vi.fn(),
  changeConsent: vi.fn(),
  moneyRuleChanges: vi.fn(),
  setLegalHold: vi.fn(),
  eraseCaregiver: vi.fn(),
  exportAuditTrail: vi.fn(),
  pickSavePath: vi.fn(),
}));

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(ipc.overdueRequests).mockResolvedValue([]);
  vi.mocked(ipc.waitingList).mockResolvedValue([]);
  vi.mocked(ipc.requestSettings).mockResolvedValue({ waitWorkingDays: 10 });
  vi.mocked(ipc.searchCaregivers).mockResolvedValue({ items: [summary({ id: 7 })], total: 1, totalAtLeast: false });
  vi.mocked(ipc.getDossier).mockResolvedValue(dossier());
  vi.mocked(ipc.listMunicipalities).mockResolvedValue([]);
  vi.mocked(ipc.listInsurers).mockResolvedValue([]);
  vi.mocked(ipc.attentionList).mockResolvedValue([]);
  vi.mocked(ipc.getMode).mockResolvedValue('director');
  vi.mocked(ipc.liberationDay).mockResolvedValue('jaarlijks');
  vi.mocked(ipc.earliestDelivery).mockResolvedValue({ date: '2024-01-01', defaultDate: '2024-01-01', chosen: false });
  vi.mocked(ipc.intakesOfCaregiver).mockResolvedValue([]);
  vi.mocked(ipc.burdenTrend).mockResolvedValue([]);
  vi.mocked(ipc.listInstruments).mockResolvedValue([]);
  vi.mocked(ipc.caregiverCap).mockResolvedValue([]);
  vi.mocked(ipc.auditOfCaregiver).mockResolvedValue([]);
  vi.mocked(ipc.retentionOverview).mockResolvedValue({ settings: { yearsGranted: 15, yearsNotGranted: 5 }, proposals: [] });
  vi.mocked(ipc.listUsers).mockResolvedValue([]);
  vi.mocked(ipc.listBackups).mockResolvedValue([]);
  vi.mocked(ipc.backupFolder).mockResolvedValue(null);
  vi.mocked(ipc.dossierRetention).mockResolvedValue({ endedOn: null, dueOn: null, legalHoldReason: null, erased: false });
  vi.mocked(ipc.consentOfCaregiver).mockResolvedValue({ caregiverId: 1, lines: [], changes: [] });
  vi.mocked(ipc.moneyRuleChanges).mockResolvedValue([]);
});

describe('App navigation', () => {
  it('goes list → dossier → edit → dossier → list, keeping the search', async () => {
    const user = userEvent.setup();
    render(App);
    expect(screen.getByText('Respijtregie — regio Waardenland')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Zoeken'), 'anna');
    await user.click(await screen.findByRole('button', { name: 'de Vries, Anna' }));

    const title = await screen.findByRole('heading', { level: 1, name: 'Anna de Vries' });
    expect(title).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Wijzigen' }));

    expect(screen.getByRole('heading', { level: 1, name: 'Gegevens wijzigen' })).toBeInTheDocument();
    expect(screen.getByLabelText('Voornaam')).toHaveValue('Anna');
    await user.click(screen.getByRole('button', { name: 'Annuleren' }));

    await screen.findByRole('heading', { level: 1, name: 'Anna de Vries' });
    await user.click(screen.getByRole('button', { name: 'Terug naar lijst' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Mantelzorgers' })).toBeInTheDocument();
    expect(screen.getByLabelText('Zoeken')).toHaveValue('anna');
  });

  it('opens the new-caregiver form from the list', async () => {
    const user = userEvent.setup();
    render(App);
    await user.click(screen.getByRole('button', { name: 'Nieuwe mantelzorger' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Nieuwe mantelzorger' })).toBeInTheDocument();
  });

  it('shows "Aandacht" above the caregivers and opens a dossier from it', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.attentionList).mockResolvedValue([
      { caregiverId: 7, name: 'Anna de Vries', urgency: 'crisis', due: '2026-11-02',
        reasons: [{ kind: 'followUpDue', text: 'Opvolging was gepland op 02-11-2026.', intakeId: 4, date: '2026-11-02' }] },
    ]);
    render(App);
    const attention = screen.getByRole('heading', { level: 2, name: 'Aandacht' });
    const list = screen.getByRole('heading', { level: 1, name: 'Mantelzorgers' });
    expect(attention.compareDocumentPosition(list) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    await user.click(await screen.findByRole('button', { name: 'Anna de Vries' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Anna de Vries' })).toBeInTheDocument();
    expect(ipc.getDossier).toHaveBeenCalledWith(7);

    // Back on the start screen the list is asked again.
    await user.click(screen.getByRole('button', { name: 'Terug naar lijst' }));
    await screen.findByRole('heading', { level: 2, name: 'Aandacht' });
    expect(ipc.attentionList).toHaveBeenCalledTimes(2);
  });

  it('switches to consultant mode in "Instellingen" and says so in the header', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.setMode).mockImplementation(async (mode) => mode);
    render(App);
    expect(screen.queryByText('Consulent-modus')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Instellingen' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Instellingen' })).toHaveFocus();
    expect(screen.getByLabelText('Regisseur')).toBeChecked();
    await user.click(screen.getByLabelText('Consulent'));
    expect(ipc.setMode).toHaveBeenCalledWith('consultant');
    expect(await screen.findByText('Consulent-modus')).toBeInTheDocument();
  });
});

describe('App for a signed-in consultant', () => {
  it('offers only what the role may use and says who is signed in', async () => {
    render(App, {
      status: {
        path: '/x.db', file: 'encrypted', open: true, signInRequired: false,
        user: { id: 2, name: 'sanne', role: 'consulent', roleLabel: 'Consulent', disabled: false },
        commands: consultantCommands, idleLockMinutes: 10, damage: null, recoveryKey: null, hasRecoveryKey: true,
      },
    });
    expect(screen.getByText('Aangemeld: sanne (Consulent)')).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Hoofdmenu' });
    const names = Array.from(nav.querySelectorAll('button')).map((b) => b.textContent);
    expect(names).toEqual(['Mantelzorgers', 'Overdracht', 'Vergrendelen']);
  });

  it('opens "Wachtlijst" from the menu for the director', async () => {
    const user = userEvent.setup();
    render(App, {});
    await user.click(screen.getByRole('button', { name: 'Wachtlijst' }));
    expect(await screen.findByRole('heading', { name: 'Wachtlijst' })).toBeInTheDocument();
    expect(await screen.findByText('Niemand wacht.')).toBeInTheDocument();
    expect(ipc.waitingList).toHaveBeenCalled();
  });
});
