import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from './App.svelte';
import * as ipc from './lib/ipc';
import { dossier, summary } from './lib/testdata';
import { dashboard, week } from './lib/testdata.planning';

vi.mock('./lib/ipc', () => ({
  requestsOfCaregiver: vi.fn(() => Promise.resolve([])),
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
  getDossier: vi.fn(),
  listMunicipalities: vi.fn(),
  listInsurers: vi.fn(),
  caregiverCap: vi.fn(),
  auditOfCaregiver: vi.fn(),
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
  weekCalendar: vi.fn(),
  listProviders: vi.fn(),
  fundingDashboard: vi.fn(),
  // Other screens on the way (intakes, the app mode) load their own data.
  getMode: vi.fn(),
  attentionList: vi.fn(),
  intakesOfCaregiver: vi.fn(),
  burdenTrend: vi.fn(),
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
  vi.mocked(ipc.caregiverCap).mockResolvedValue([]);
  vi.mocked(ipc.auditOfCaregiver).mockResolvedValue([]);
  vi.mocked(ipc.dossierRetention).mockResolvedValue({ endedOn: null, dueOn: null, legalHoldReason: null, erased: false });
  vi.mocked(ipc.consentOfCaregiver).mockResolvedValue({ caregiverId: 1, lines: [], changes: [] });
  vi.mocked(ipc.moneyRuleChanges).mockResolvedValue([]);
  vi.mocked(ipc.weekCalendar).mockResolvedValue(week('2026-11-23'));
  vi.mocked(ipc.listProviders).mockResolvedValue([]);
  vi.mocked(ipc.fundingDashboard).mockResolvedValue(dashboard());
  vi.mocked(ipc.getMode).mockResolvedValue('director');
  vi.mocked(ipc.attentionList).mockResolvedValue([]);
  vi.mocked(ipc.intakesOfCaregiver).mockResolvedValue([]);
  vi.mocked(ipc.burdenTrend).mockResolvedValue([]);
});

describe('App navigation to planning and funding', () => {
  it('reaches Planning and Financiering from the main menu, and planning from a dossier', async () => {
    const user = userEvent.setup();
    render(App);
    const menu = screen.getByRole('navigation', { name: 'Hoofdmenu' });
    expect(menu).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Planning' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Planning per aanbieder' })).toHaveFocus();
    expect(screen.getByRole('button', { name: 'Planning' })).toHaveAttribute('aria-current', 'page');

    await user.click(screen.getByRole('button', { name: 'Financiering' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Financiering' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Mantelzorgers' }));
    await user.click(await screen.findByRole('button', { name: 'de Vries, Anna' }));
    await user.click(await screen.findByRole('button', { name: 'Respijt plannen' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Respijt plannen voor Anna de Vries' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Terug naar het dossier' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Anna de Vries' })).toBeInTheDocument();
  });
});
