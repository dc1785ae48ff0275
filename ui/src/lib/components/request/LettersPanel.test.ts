import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import LettersPanel from './LettersPanel.svelte';
import LetterSettingsForm from './LetterSettingsForm.svelte';
import * as ipc from '../../ipc';
import type { LetterLogEntry } from '../../bindings/LetterLogEntry';

vi.mock('../../ipc', () => ({
  lettersOfCaregiver: vi.fn(), listProviders: vi.fn(), pickSavePath: vi.fn(), writeConfirmationLetter: vi.fn(),
  writeProviderOrder: vi.fn(), letterSettings: vi.fn(), setLetterSettings: vi.fn(),
}));

const written: LetterLogEntry = {
  id: 3, kind: 'bevestiging', what: 'Bevestiging aan de mantelzorger', writtenAt: '2026-11-23T10:00:00Z', writtenBy: 'marieke',
};

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(ipc.lettersOfCaregiver).mockResolvedValue([]);
  vi.mocked(ipc.listProviders).mockResolvedValue([]);
});

describe('LettersPanel', () => {
  it('saves the confirmation where the director chose, says so and lists it', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.pickSavePath).mockResolvedValue('/tmp/brief.html');
    vi.mocked(ipc.writeConfirmationLetter).mockResolvedValue(written);
    render(LettersPanel, { caregiverId: 7 });
    await user.click(await screen.findByRole('button', { name: 'Bevestigingsbrief maken' }));
    expect(ipc.writeConfirmationLetter).toHaveBeenCalledWith(7, '/tmp/brief.html');
    expect(await screen.findByRole('status')).toHaveTextContent('Bevestiging aan de mantelzorger is opgeslagen.');
    expect(screen.getByText(/Bevestiging aan de mantelzorger: .* door marieke/)).toBeInTheDocument();
  });

  it("shows the core's refusal when no one to call is set", async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.pickSavePath).mockResolvedValue('/tmp/brief.html');
    vi.mocked(ipc.writeConfirmationLetter).mockRejectedValue({
      code: 'internal', message: 'Vul eerst bij Instellingen de naam en het telefoonnummer van de respijtregisseur in.', fields: [],
    });
    render(LettersPanel, { caregiverId: 7 });
    await user.click(await screen.findByRole('button', { name: 'Bevestigingsbrief maken' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('respijtregisseur');
  });

  it('makes an order for the provider and month chosen', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.listProviders).mockResolvedValue([{ id: 4, name: 'Aardig' } as never]);
    vi.mocked(ipc.pickSavePath).mockResolvedValue('/tmp/opdracht.html');
    vi.mocked(ipc.writeProviderOrder).mockResolvedValue({ ...written, id: 4, kind: 'opdracht', what: 'Opdracht aan Aardig voor 2026-12' });
    render(LettersPanel, { caregiverId: 7 });
    await user.selectOptions(await screen.findByLabelText('Aanbieder'), 'Aardig');
    await user.type(screen.getByLabelText('Maand'), '12-2026');
    await user.click(screen.getByRole('button', { name: 'Opdracht maken' }));
    expect(ipc.writeProviderOrder).toHaveBeenCalledWith(4, 7, '12-2026', '/tmp/opdracht.html');
    expect(await screen.findByRole('status')).toHaveTextContent('Opdracht aan Aardig voor 2026-12 is opgeslagen.');
  });
});

describe('LetterSettingsForm', () => {
  it("saves whom to call and shows the core's message next to the phone", async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.letterSettings).mockResolvedValue({ regionName: 'Waardenland', directorName: '', directorPhone: '' });
    vi.mocked(ipc.setLetterSettings)
      .mockRejectedValueOnce({ code: 'validation', message: 'Niet alle velden zijn goed ingevuld.',
        fields: [{ field: 'directorPhone', message: 'Telefoonnummer klopt niet.' }] })
      .mockResolvedValue({ regionName: 'Waardenland', directorName: 'Marieke Jansen', directorPhone: '078 612 3456' });
    render(LetterSettingsForm, {});
    await user.type(await screen.findByLabelText('Naam van de respijtregisseur'), 'Marieke Jansen');
    await user.click(screen.getByRole('button', { name: 'Gegevens voor brieven opslaan' }));
    expect(await screen.findByText('Telefoonnummer klopt niet.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Gegevens voor brieven opslaan' }));
    expect(await screen.findByText('De gegevens voor de brieven zijn opgeslagen.')).toBeInTheDocument();
    expect(screen.getByLabelText('Telefoon van de respijtregisseur')).toHaveValue('078 612 3456');
  });
});
