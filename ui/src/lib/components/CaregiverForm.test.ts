import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import CaregiverForm from './CaregiverForm.svelte';
import * as ipc from '../ipc';
import { summary } from '../testdata';

vi.mock('../ipc', () => ({
  listInsurers: vi.fn(),
  listMunicipalities: vi.fn(),
  registerCaregiver: vi.fn(),
  updateCaregiver: vi.fn(),
}));
const register = vi.mocked(ipc.registerCaregiver);
const update = vi.mocked(ipc.updateCaregiver);

function setup(props: Record<string, unknown> = {}) {
  const handlers = { onsaved: vi.fn(), onopen: vi.fn(), oncancel: vi.fn() };
  render(CaregiverForm, { ...handlers, ...props });
  return handlers;
}

beforeEach(() => {
  vi.mocked(ipc.listMunicipalities).mockReset().mockResolvedValue([
    { code: 'GM0505', name: 'Dordrecht' },
    { code: 'GM0642', name: 'Zwijndrecht' },
  ]);
  vi.mocked(ipc.listInsurers).mockReset().mockResolvedValue([
    { label: 'VGZ', group: 'VGZ', aliases: ['VGZ Zorgverzekeraar'], year: 2026 },
    { label: 'Zekur', group: 'VGZ', aliases: [], year: 2026 },
    { label: 'Zilveren Kruis', group: 'Achmea', aliases: [], year: 2026 },
  ]);
  register.mockReset();
  update.mockReset();
});

describe('CaregiverForm', () => {
  it('has every field with a visible label and the municipality choice', async () => {
    setup();
    expect(screen.getByRole('heading', { level: 1, name: 'Nieuwe mantelzorger' })).toBeInTheDocument();
    const labels = ['Voornaam', 'Achternaam', 'Geboortedatum', 'Postcode', 'Huisnummer', 'Straat', 'Woonplaats',
      'Gemeente', 'Telefoon', 'E-mail', 'Verzekeraar', 'Polisnummer', 'Aanvullende verzekering',
      'Zorguren per week', 'Zorgt sinds', 'Notities', 'Nummer bij aanbieder of gemeente'];
    for (const label of labels) expect(screen.getByLabelText(label)).toBeInTheDocument();
    expect(screen.getByLabelText('Geboortedatum')).toHaveAttribute('id', 'dateOfBirth');
    expect(screen.getByLabelText('Geboortedatum')).toHaveAttribute('placeholder', 'dd-mm-jjjj');
    await screen.findByRole('option', { name: 'Zwijndrecht' });
    const select = screen.getByLabelText('Gemeente') as HTMLSelectElement;
    expect(select.options[0].textContent).toBe('Volgt uit postcode');
    expect(select.options[0].value).toBe('');
  });

  it('offers the insurers of the list by group plus "andere", and keeps an unlisted name visible', async () => {
    const user = userEvent.setup();
    register.mockResolvedValue({ kind: 'created', id: 43 });
    setup({ initial: { insurer: 'VGZ Zorgverzekeraar BV' } });
    await screen.findByRole('option', { name: 'Zilveren Kruis' });
    const select = screen.getByLabelText('Verzekeraar') as HTMLSelectElement;
    expect(select.value).toBe('VGZ Zorgverzekeraar BV');
    expect(screen.getByRole('option', { name: 'VGZ Zorgverzekeraar BV (staat niet in de lijst: kies er een)' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Achmea' })).toBeInTheDocument();
    expect(screen.getByRole('option', { name: 'Andere verzekeraar' })).toBeInTheDocument();
    await user.selectOptions(select, 'Zekur');
    await user.click(screen.getByRole('button', { name: 'Opslaan' }));
    await waitFor(() => expect(register).toHaveBeenCalledTimes(1));
    expect(register.mock.calls[0][0]).toMatchObject({ insurer: 'Zekur' });
  });

  it('sends what was typed and opens the new dossier', async () => {
    const user = userEvent.setup();
    register.mockResolvedValue({ kind: 'created', id: 42 });
    const { onsaved } = setup();
    await user.type(screen.getByLabelText('Voornaam'), 'Anna');
    await user.type(screen.getByLabelText('Postcode'), '3311ab');
    await user.click(screen.getByLabelText('Aanvullende verzekering'));
    await user.click(screen.getByRole('button', { name: 'Opslaan' }));
    await waitFor(() => expect(onsaved).toHaveBeenCalledWith(42));
    expect(register).toHaveBeenCalledTimes(1);
    const [input, allowTwin] = register.mock.calls[0];
    expect(allowTwin).toBe(false);
    expect(input).toMatchObject({ firstName: 'Anna', postcode: '3311ab', supplementaryPolicy: true, lastName: '' });
  });

  it('shows the core errors next to the right field and focuses the first one', async () => {
    const user = userEvent.setup();
    register.mockRejectedValue({
      code: 'validation',
      message: 'Controleer de gemarkeerde velden.',
      fields: [
        { field: 'postcode', message: 'Dit is geen Nederlandse postcode.' },
        { field: 'email', message: 'Het e-mailadres klopt niet.' },
      ],
    });
    setup();
    await user.type(screen.getByLabelText('Postcode'), '12');
    await user.click(screen.getByRole('button', { name: 'Opslaan' }));

    const postcodeError = await screen.findByText('Dit is geen Nederlandse postcode.');
    expect(postcodeError).toHaveAttribute('id', 'postcode-error');
    const postcode = screen.getByLabelText('Postcode');
    expect(postcode).toHaveAttribute('aria-invalid', 'true');
    expect(postcode.getAttribute('aria-describedby')).toContain('postcode-error');
    expect(postcode).toHaveAccessibleDescription('Dit is geen Nederlandse postcode.');
    expect(document.getElementById('email-error')).toHaveTextContent('Het e-mailadres klopt niet.');
    expect(screen.getByLabelText('Voornaam')).not.toHaveAttribute('aria-invalid');
    expect(screen.getByText('Niet alle velden zijn goed ingevuld.')).toBeInTheDocument();
    await waitFor(() => expect(postcode).toHaveFocus());
    expect(register).toHaveBeenCalledTimes(1);
  });

  it('warns about a possible twin and saves anyway on request', async () => {
    const user = userEvent.setup();
    register
      .mockResolvedValueOnce({ kind: 'possibleTwin', existing: summary({ id: 5 }) })
      .mockResolvedValueOnce({ kind: 'created', id: 43 });
    const { onsaved } = setup();
    await user.type(screen.getByLabelText('Voornaam'), 'Anna');
    await user.click(screen.getByRole('button', { name: 'Opslaan' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'Er bestaat al een mantelzorger met dezelfde naam, geboortedatum en postcode: de Vries, Anna, 3311 AB',
    );
    expect(onsaved).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Toch opslaan' }));
    await waitFor(() => expect(onsaved).toHaveBeenCalledWith(43));
    expect(register).toHaveBeenCalledTimes(2);
    expect(register.mock.calls[0][1]).toBe(false);
    expect(register.mock.calls[1][1]).toBe(true);
    expect(register.mock.calls[1][0]).toMatchObject({ firstName: 'Anna' });
  });

  it('opens the existing dossier from the twin warning', async () => {
    const user = userEvent.setup();
    register.mockResolvedValue({ kind: 'possibleTwin', existing: summary({ id: 5 }) });
    const { onopen } = setup();
    await user.click(screen.getByRole('button', { name: 'Opslaan' }));
    await user.click(await screen.findByRole('button', { name: 'Bestaand dossier openen' }));
    expect(onopen).toHaveBeenCalledWith(5);
    expect(register).toHaveBeenCalledTimes(1);
  });

  it('edits an existing caregiver with updateCaregiver', async () => {
    const user = userEvent.setup();
    const { dossier } = await import('../testdata');
    const d = dossier();
    update.mockResolvedValue(d);
    const { onsaved } = setup({ caregiverId: 7, initial: d.form });
    expect(screen.getByRole('heading', { level: 1, name: 'Gegevens wijzigen' })).toBeInTheDocument();
    expect(screen.getByLabelText('Zorguren per week')).toHaveValue('12,5');
    expect(screen.getByLabelText('Nummer bij aanbieder of gemeente')).toHaveValue('GEM-17');
    await user.clear(screen.getByLabelText('Telefoon'));
    await user.type(screen.getByLabelText('Telefoon'), '0612');
    await user.clear(screen.getByLabelText('Nummer bij aanbieder of gemeente'));
    await user.type(screen.getByLabelText('Nummer bij aanbieder of gemeente'), 'ZM-4411');
    await user.click(screen.getByRole('button', { name: 'Opslaan' }));
    await waitFor(() => expect(onsaved).toHaveBeenCalledWith(7));
    expect(update).toHaveBeenCalledWith(
      7,
      expect.objectContaining({ phone: '0612', municipalityOverride: 'GM0505', externId: 'ZM-4411' }),
    );
    expect(register).not.toHaveBeenCalled();
  });

  it('cancels without saving', async () => {
    const user = userEvent.setup();
    const { oncancel } = setup();
    await user.click(screen.getByRole('button', { name: 'Annuleren' }));
    expect(oncancel).toHaveBeenCalled();
    expect(register).not.toHaveBeenCalled();
  });
});
