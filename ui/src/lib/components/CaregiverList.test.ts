import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import CaregiverList from './CaregiverList.svelte';
import * as ipc from '../ipc';
import { summary } from '../testdata';

vi.mock('../ipc', () => ({ searchCaregivers: vi.fn() }));
const search = vi.mocked(ipc.searchCaregivers);

function setup() {
  const handlers = { onopen: vi.fn(), onnew: vi.fn() };
  render(CaregiverList, handlers);
  return handlers;
}

beforeEach(() => {
  search.mockReset();
  search.mockImplementation(async ({ query }) =>
    query === 'vries'
      ? {
          items: [
            summary({ id: 1 }),
            summary({ id: 2, firstName: 'Bert', lastName: 'Vriesema', dateOfBirth: '1970-12-31', postcode: '4201 AA',
              place: 'Gorinchem', municipalityName: null, inRegion: false, archived: true }),
          ],
          truncated: false,
        }
      : { items: [], truncated: false },
  );
});

describe('CaregiverList', () => {
  it('searches with the typed query (debounced) and shows the rows in order', async () => {
    const user = userEvent.setup();
    setup();
    expect(screen.getByRole('heading', { level: 1, name: 'Mantelzorgers' })).toBeInTheDocument();
    await user.type(screen.getByLabelText('Zoeken'), 'vries');

    const rows = await screen.findAllByRole('row');
    expect(search).toHaveBeenLastCalledWith({ query: 'vries', includeArchived: false });
    // Debounced: the half-typed words were never sent.
    expect(search.mock.calls.map(([o]) => o.query)).not.toContain('vri');

    expect(rows).toHaveLength(3); // header + 2
    const first = within(rows[1]);
    expect(first.getByRole('button', { name: 'de Vries, Anna' })).toBeInTheDocument();
    expect(rows[1]).toHaveTextContent('07-03-1958');
    expect(rows[1]).toHaveTextContent('3311 AB');
    expect(rows[1]).toHaveTextContent('Dordrecht');
    expect(rows[1]).not.toHaveTextContent('buiten regio');
    expect(rows[2]).toHaveTextContent('Vriesema, Bert');
    expect(rows[2]).toHaveTextContent('31-12-1970');
    expect(rows[2]).toHaveTextContent('buiten regio');
    expect(rows[2]).toHaveTextContent('gearchiveerd');
  });

  it('asks for archived caregivers too when the box is ticked', async () => {
    const user = userEvent.setup();
    setup();
    await user.click(screen.getByLabelText('Ook gearchiveerd'));
    await waitFor(() => expect(search).toHaveBeenLastCalledWith({ query: '', includeArchived: true }));
  });

  it('opens a dossier from the keyboard', async () => {
    const user = userEvent.setup();
    const { onopen } = setup();
    await user.type(screen.getByLabelText('Zoeken'), 'vries');
    const button = await screen.findByRole('button', { name: 'Vriesema, Bert' });
    button.focus();
    await user.keyboard('{Enter}');
    expect(onopen).toHaveBeenCalledWith(2);
  });

  it('says so when nothing is found or the list is cut off', async () => {
    const user = userEvent.setup();
    setup();
    expect(await screen.findByText('Geen mantelzorgers gevonden.')).toBeInTheDocument();
    search.mockResolvedValue({ items: [summary()], truncated: true });
    await user.type(screen.getByLabelText('Zoeken'), 'a');
    expect(await screen.findByText('Meer dan 200 resultaten; verfijn de zoekopdracht.')).toBeInTheDocument();
  });

  it('starts a new caregiver', async () => {
    const user = userEvent.setup();
    const { onnew } = setup();
    await user.click(screen.getByRole('button', { name: 'Nieuwe mantelzorger' }));
    expect(onnew).toHaveBeenCalled();
  });
});
