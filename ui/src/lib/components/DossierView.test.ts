import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import DossierView from './DossierView.svelte';
import * as ipc from '../ipc';
import { dossier } from '../testdata';

vi.mock('../ipc', () => ({
  requestsOfCaregiver: vi.fn(() => Promise.resolve([])),
  listProviders: vi.fn(() => Promise.resolve([])),
  lettersOfCaregiver: vi.fn(() => Promise.resolve([])),
  letterSettings: vi.fn(() => Promise.resolve({ regionName: 'Waardenland', directorName: '', directorPhone: '' })),
  setLetterSettings: vi.fn(),
  writeConfirmationLetter: vi.fn(),
  writeProviderOrder: vi.fn(),
  getDossier: vi.fn(),
  listInsurers: vi.fn(),
  archiveCaregiver: vi.fn(),
  restoreCaregiver: vi.fn(),
  addRecipient: vi.fn(),
  updateRecipient: vi.fn(),
  caregiverCap: vi.fn(),
  auditOfCaregiver: vi.fn(),
  dossierRetention: vi.fn(),
  consentOfCaregiver: vi.fn(),
  changeConsent: vi.fn(),
  setLegalHold: vi.fn(),
  eraseCaregiver: vi.fn(),
  exportAuditTrail: vi.fn(),
  pickSavePath: vi.fn(),
  weekCalendar: vi.fn(),
  setSessionStatus: vi.fn(),
  consultantsOf: vi.fn(),
  setConsultants: vi.fn(),
}));

function details(term: string): string {
  const dt = screen.getAllByText(term, { selector: 'dt' })[0];
  return dt.nextElementSibling?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

function setup() {
  const handlers = { onedit: vi.fn(), onback: vi.fn() };
  render(DossierView, { id: 7, ...handlers });
  return handlers;
}

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(ipc.listInsurers).mockResolvedValue([]);
  vi.mocked(ipc.getDossier).mockResolvedValue(dossier());
  vi.mocked(ipc.caregiverCap).mockResolvedValue([]);
  vi.mocked(ipc.auditOfCaregiver).mockResolvedValue([]);
  vi.mocked(ipc.consultantsOf).mockResolvedValue([]);
  vi.mocked(ipc.dossierRetention).mockResolvedValue({ endedOn: null, dueOn: null, legalHoldReason: null, erased: false });
  vi.mocked(ipc.consentOfCaregiver).mockResolvedValue({ caregiverId: 7, lines: [], changes: [] });
  vi.mocked(ipc.weekCalendar).mockResolvedValue({
    monday: '2026-11-23', week: 48, year: 2026, days: [], plannedMinutes: 0, capacityMinutes: null,
  });
});

describe('DossierView', () => {
  it('shows the caregiver as people read it', async () => {
    setup();
    expect(await screen.findByRole('heading', { level: 1, name: 'Anna de Vries' })).toBeInTheDocument();
    expect(ipc.getDossier).toHaveBeenCalledWith(7);
    expect(screen.getByText(/^Dossiernummer/)).toHaveTextContent('Dossiernummer 7 · nummer bij aanbieder of gemeente GEM-17');
    expect(details('Geboortedatum')).toBe('07-03-1958');
    expect(details('Adres')).toBe('Voorstraat 12a, 3311 AB Dordrecht');
    expect(details('Gemeente')).toContain('Dordrecht (handmatig gekozen)');
    expect(details('Gemeente')).toContain('Adres buiten de regio');
    expect(details('Aanvullende verzekering')).toBe('Ja');
    expect(details('Zorguren per week')).toBe('12,5');
    expect(details('Zorgt sinds')).toBe('01-05-2019');
    expect(screen.getByRole('heading', { level: 3, name: 'Piet de Vries' })).toBeInTheDocument();
    expect(screen.getByText('Ook mantelzorger: Kees Bakker')).toBeInTheDocument();
  });

  it('hands the dossier to the edit form', async () => {
    const user = userEvent.setup();
    const { onedit } = setup();
    await user.click(await screen.findByRole('button', { name: 'Wijzigen' }));
    expect(onedit).toHaveBeenCalledWith(expect.objectContaining({ form: dossier().form }));
  });

  it('archives with a reason and can restore', async () => {
    const user = userEvent.setup();
    const archived = dossier();
    archived.caregiver.archivedAt = '2024-11-02T09:15:00Z';
    archived.caregiver.archiveReason = 'Verhuisd';
    vi.mocked(ipc.archiveCaregiver).mockResolvedValue(archived);
    vi.mocked(ipc.restoreCaregiver).mockResolvedValue(dossier());
    setup();
    await user.click(await screen.findByRole('button', { name: 'Archiveren' }));
    await user.type(screen.getByLabelText('Reden'), 'Verhuisd');
    await user.click(screen.getByRole('button', { name: 'Archiveren bevestigen' }));
    expect(ipc.archiveCaregiver).toHaveBeenCalledWith(7, 'Verhuisd');
    expect(await screen.findByText('Gearchiveerd op 02-11-2024: Verhuisd')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Terugzetten' }));
    expect(ipc.restoreCaregiver).toHaveBeenCalledWith(7);
    await waitFor(() => expect(screen.queryByText(/Gearchiveerd op/)).not.toBeInTheDocument());
  });

  it('adds a recipient and shows the core errors at the recipient fields', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.addRecipient).mockRejectedValueOnce({
      code: 'validation',
      message: 'Controleer de gemarkeerde velden.',
      fields: [{ field: 'dateOfBirth', message: 'Vul de geboortedatum in als dd-mm-jjjj.' }],
    });
    setup();
    await screen.findByRole('heading', { level: 3, name: 'Naaste toevoegen' });
    await user.type(document.getElementById('recipient-firstName')!, 'Jan');
    await user.click(screen.getByRole('button', { name: 'Naaste opslaan' }));

    const dob = document.getElementById('recipient-dateOfBirth')!;
    await waitFor(() => expect(dob).toHaveAttribute('aria-invalid', 'true'));
    expect(document.getElementById('recipient-dateOfBirth-error')).toHaveTextContent('Vul de geboortedatum in als dd-mm-jjjj.');
    expect(dob).toHaveFocus();
    expect(ipc.addRecipient).toHaveBeenCalledWith(7, expect.objectContaining({ firstName: 'Jan', postcode: '' }));
  });

  it('opens planning for this caregiver and shows the cap section', async () => {
    const user = userEvent.setup();
    const onplan = vi.fn();
    render(DossierView, { id: 7, onedit: vi.fn(), onback: vi.fn(), onplan });
    await user.click(await screen.findByRole('button', { name: 'Respijt plannen' }));
    expect(onplan).toHaveBeenCalledWith(7);
    expect(screen.getByRole('heading', { level: 2, name: 'Plafond en inzet' })).toBeInTheDocument();
    expect(await screen.findByText('Geen inzet gepland.')).toBeInTheDocument();
  });

  it('is in the order of the work: person and naasten with the add form beside them, intakes, planning, history', async () => {
    const user = userEvent.setup();
    setup();
    const addHeading = await screen.findByRole('heading', { level: 3, name: 'Naaste toevoegen' });
    const parts = ['dossier-person', 'dossier-intakes', 'dossier-planning', 'dossier-history'].map(
      (id) => document.getElementById(id)!,
    );
    const before = (a: Node, b: Node) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    expect(before(parts[0], addHeading)).toBe(true);
    expect(before(addHeading, parts[1])).toBe(true);
    expect(before(parts[1], parts[2]) && before(parts[2], parts[3])).toBe(true);
    const nav = screen.getByRole('navigation', { name: 'Onderdelen van het dossier' });
    await user.click(within(nav).getByRole('button', { name: 'Geschiedenis' }));
    expect(parts[3]).toHaveFocus();
  });

  it('says so when the dossier cannot be opened', async () => {
    vi.mocked(ipc.getDossier).mockReset().mockRejectedValue({ code: 'notFound', message: 'Dossier niet gevonden.', fields: [] });
    setup();
    expect(await screen.findByRole('alert')).toHaveTextContent('Dossier niet gevonden.');
  });
});
