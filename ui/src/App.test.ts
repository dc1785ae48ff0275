import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from './App.svelte';
import * as ipc from './lib/ipc';
import { dossier, summary } from './lib/testdata';

vi.mock('./lib/ipc', () => ({
  searchCaregivers: vi.fn(),
  getDossier: vi.fn(),
  listMunicipalities: vi.fn(),
  registerCaregiver: vi.fn(),
  updateCaregiver: vi.fn(),
}));

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(ipc.searchCaregivers).mockResolvedValue({ items: [summary({ id: 7 })], truncated: false });
  vi.mocked(ipc.getDossier).mockResolvedValue(dossier());
  vi.mocked(ipc.listMunicipalities).mockResolvedValue([]);
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
});
