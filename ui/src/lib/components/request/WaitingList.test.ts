import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import WaitingList from './WaitingList.svelte';
import OverdueRequests from './OverdueRequests.svelte';
import * as ipc from '../../ipc';
import type { Request } from '../../bindings/Request';

vi.mock('../../ipc', () => ({
  waitingList: vi.fn(), linkRequest: vi.fn(), recordRequest: vi.fn(), changeRequestStatus: vi.fn(),
  overdueRequests: vi.fn(), registerCaregiver: vi.fn(), updateCaregiver: vi.fn(), listMunicipalities: vi.fn(),
  requestsOfCaregiver: vi.fn(),
}));

function request(over: Partial<Request> = {}): Request {
  return {
    id: 1, receivedOn: '2026-11-02', referrer: 'huisarts', form: 'thuis', minutesPerWeek: 240, note: '',
    urgency: 'normaal', status: 'nieuw', nextStatuses: ['intake_gepland', 'wacht_op_aanbieder', 'gestart', 'afgewezen', 'ingetrokken'],
    waitReason: null, statusNote: '', statusOn: '2026-11-02', caregiverId: null, name: 'Ria de Vries', firstName: 'Ria',
    lastName: 'de Vries', dateOfBirth: '1958-03-14', postcode: '3311 AB', phone: '06 12345678', daysWaiting: 21,
    history: [], possibleDossier: null, ...over,
  };
}

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(ipc.listMunicipalities).mockResolvedValue([]);
});

describe('WaitingList', () => {
  it("shows the core's order with the reason of each wait", async () => {
    vi.mocked(ipc.waitingList).mockResolvedValue([
      request({ id: 2, name: 'Kees Bakker', urgency: 'crisis', daysWaiting: 1 }),
      request({ id: 1, status: 'wacht_op_aanbieder', waitReason: 'geen_taal', statusNote: 'Turks' }),
    ]);
    render(WaitingList, { onopen: vi.fn() });
    const rows = await screen.findAllByRole('row');
    expect(rows[1]).toHaveTextContent('Kees Bakker');
    expect(rows[1]).toHaveTextContent('crisis');
    expect(rows[2]).toHaveTextContent('geen hulp met de juiste taal: Turks');
    expect(rows[2]).toHaveTextContent('huisarts / sociaal recept');
    expect(rows[2]).toHaveTextContent('21');
  });

  it('links a request to the dossier the twin check found and says so', async () => {
    const user = userEvent.setup();
    const twin = { id: 7, firstName: 'Ria', lastName: 'de Vries', dateOfBirth: '1958-03-14', postcode: '3311 AB',
      houseNumber: '12', place: 'Dordrecht', municipalityName: 'Dordrecht', inRegion: true, archived: false, externId: null };
    vi.mocked(ipc.waitingList).mockResolvedValueOnce([request({ possibleDossier: twin })]).mockResolvedValue([]);
    vi.mocked(ipc.linkRequest).mockResolvedValue(request({ caregiverId: 7 }));
    render(WaitingList, { onopen: vi.fn() });
    await user.click(await screen.findByRole('button', { name: /Koppelen aan dossier/ }));
    expect(ipc.linkRequest).toHaveBeenCalledWith(1, 7);
    expect(await screen.findByRole('status')).toHaveTextContent('De aanvraag van Ria de Vries is gekoppeld aan het dossier.');
  });

  it('changes the status with the reason of the wait, and shows a missing reason next to the field', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.waitingList).mockResolvedValue([request()]);
    vi.mocked(ipc.changeRequestStatus)
      .mockRejectedValueOnce({ code: 'validation', message: 'Niet alle velden zijn goed ingevuld.',
        fields: [{ field: 'waitReason', message: 'Kies waarom de aanvraag wacht.' }] })
      .mockResolvedValue(request({ status: 'wacht_op_aanbieder', waitReason: 'geen_budget' }));
    render(WaitingList, { onopen: vi.fn() });
    await user.click(await screen.findByRole('button', { name: 'Status wijzigen van Ria de Vries' }));
    const form = screen.getByRole('form', { name: /Status van de aanvraag/ });
    await user.selectOptions(within(form).getByLabelText('Nieuwe status'), 'wacht_op_aanbieder');
    await user.click(within(form).getByRole('button', { name: 'Status opslaan' }));
    expect(await screen.findByText('Kies waarom de aanvraag wacht.')).toBeInTheDocument();
    await user.selectOptions(within(form).getByLabelText('Waarom wacht de aanvraag?'), 'geen_budget');
    await user.click(within(form).getByRole('button', { name: 'Status opslaan' }));
    expect(ipc.changeRequestStatus).toHaveBeenLastCalledWith(1, { to: 'wacht_op_aanbieder', on: '', waitReason: 'geen_budget', note: '' });
    expect(await screen.findByRole('status')).toHaveTextContent("staat nu op 'wacht op aanbieder'");
  });

  it('records a new request and says it was saved', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.waitingList).mockResolvedValue([]);
    vi.mocked(ipc.recordRequest).mockResolvedValue(request());
    render(WaitingList, { onopen: vi.fn() });
    await user.click(await screen.findByRole('button', { name: 'Nieuwe aanvraag' }));
    await user.selectOptions(screen.getByLabelText('Doorverwezen door'), 'huisarts');
    await user.type(screen.getByLabelText('Achternaam'), 'de Vries');
    await user.type(screen.getByLabelText('Telefoon'), '06-12345678');
    await user.click(screen.getByRole('button', { name: 'Aanvraag opslaan' }));
    expect(vi.mocked(ipc.recordRequest).mock.calls[0][0]).toMatchObject({ referrer: 'huisarts', lastName: 'de Vries', phone: '06-12345678' });
    expect(await screen.findByRole('status')).toHaveTextContent('De aanvraag van Ria de Vries is opgeslagen.');
  });
});

describe('OverdueRequests', () => {
  it('lists the requests the core says waited too long', async () => {
    vi.mocked(ipc.overdueRequests).mockResolvedValue([request({ status: 'wacht_op_aanbieder', waitReason: 'geen_aanbieder' })]);
    render(OverdueRequests, {});
    expect(await screen.findByText(/Ria de Vries: aanvraag van 02-11-2026, 21 dagen/)).toHaveTextContent('wacht: geen aanbieder');
  });
});

describe('DossierRequests', () => {
  it("lists the dossier's requests with their dated statuses", async () => {
    const { default: DossierRequests } = await import('./DossierRequests.svelte');
    vi.mocked(ipc.requestsOfCaregiver).mockResolvedValue([
      request({ caregiverId: 7, status: 'gestart', daysWaiting: 18, history: [
        { status: 'nieuw', waitReason: null, note: '', on: '2026-11-02', by: 'marieke' },
        { status: 'wacht_op_aanbieder', waitReason: 'geen_taal', note: '', on: '2026-11-05', by: 'marieke' },
        { status: 'gestart', waitReason: null, note: '', on: '2026-11-20', by: 'marieke' },
      ] }),
    ]);
    render(DossierRequests, { caregiverId: 7 });
    expect(await screen.findByText(/Aanvraag van 02-11-2026 \(doorverwezen door huisarts \/ sociaal recept\)/)).toHaveTextContent('gestart, 18 dagen');
    expect(screen.getByText(/^05-11-2026: wacht op aanbieder/)).toHaveTextContent('05-11-2026: wacht op aanbieder (geen hulp met de juiste taal)');
    expect(ipc.requestsOfCaregiver).toHaveBeenCalledWith(7);
  });
});
