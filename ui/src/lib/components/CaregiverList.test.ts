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
          total: 2,
          totalAtLeast: false,
        }
      : { items: [], total: 0, totalAtLeast: false },
  );
});

describe('CaregiverList', () => {
  it('searches with the typed query and shows the rows in order', async () => {
    const user = userEvent.setup();
    setup();
    expect(screen.getByRole('heading', { level: 1, name: 'Mantelzorgers' })).toBeInTheDocument();
    await user.type(screen.getByLabelText('Zoeken'), 'vries');

    const rows = await screen.findAllByRole('row');
    expect(search).toHaveBeenLastCalledWith({ query: 'vries', includeArchived: false });
    expect(screen.getByRole('region', { name: 'Mantelzorgers' })).toHaveAttribute('data-answered', 'vries');

    expect(rows).toHaveLength(3); // header + 2
    const first = within(rows[1]);
    expect(first.getByRole('button', { name: 'de Vries, Anna' })).toBeInTheDocument();
    expect(within(rows[0]).getByRole('columnheader', { name: 'Dossiernummer' })).toBeInTheDocument();
    expect(first.getAllByRole('cell')[0]).toHaveTextContent(/^1$/);
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

  it('says so when nothing is found, and how many more there are when the list is cut off', async () => {
    const user = userEvent.setup();
    setup();
    expect(await screen.findByText('Geen mantelzorgers gevonden.')).toBeInTheDocument();
    const fifty = Array.from({ length: 50 }, (_, i) => summary({ id: i + 1 }));
    search.mockResolvedValue({ items: fifty, total: 1234, totalAtLeast: false });
    await user.type(screen.getByLabelText('Zoeken'), 'a');
    expect(await screen.findByText('De beste 50 van 1.234; verfijn de zoekopdracht.')).toBeInTheDocument();
    search.mockResolvedValue({ items: fifty, total: 1000, totalAtLeast: true });
    await user.type(screen.getByLabelText('Zoeken'), 'n');
    expect(await screen.findByText('De beste 50 van meer dan 1.000; verfijn de zoekopdracht.')).toBeInTheDocument();
    search.mockResolvedValue({ items: [summary()], total: 1, totalAtLeast: false });
    await user.type(screen.getByLabelText('Zoeken'), 'n');
    await waitFor(() => expect(screen.queryByText(/De beste/)).not.toBeInTheDocument());
  });

  it('asks on every keystroke, one question at a time, and shows only the newest answer', async () => {
    const answers: Array<(r: Awaited<ReturnType<typeof search>>) => void> = [];
    search.mockImplementation(() => new Promise((resolve) => answers.push(resolve)));
    const user = userEvent.setup();
    setup();
    await waitFor(() => expect(search).toHaveBeenCalledTimes(1)); // the empty box, on opening
    await user.type(screen.getByLabelText('Zoeken'), 'vri');
    // While the first question is on its way, nothing else is sent.
    expect(search).toHaveBeenCalledTimes(1);

    // The first answer is for an older question: not shown; only the newest is asked.
    answers[0]({ items: [summary({ id: 9, lastName: 'Oud' })], total: 1, totalAtLeast: false });
    await waitFor(() => expect(search).toHaveBeenCalledTimes(2));
    expect(search).toHaveBeenLastCalledWith({ query: 'vri', includeArchived: false });
    expect(screen.queryByText(/Oud/)).not.toBeInTheDocument();
    const list = screen.getByRole('region', { name: 'Mantelzorgers' });
    expect(list).not.toHaveAttribute('data-answered');

    answers[1]({ items: [summary({ id: 1 })], total: 1, totalAtLeast: false });
    expect(await screen.findByRole('button', { name: 'de Vries, Anna' })).toBeInTheDocument();
    expect(list).toHaveAttribute('data-answered', 'vri');
    expect(search).toHaveBeenCalledTimes(2);

    // Typed one letter at a time with the core answering at once: each is asked.
    search.mockResolvedValue({ items: [], total: 0, totalAtLeast: false });
    await user.type(screen.getByLabelText('Zoeken'), 'es');
    await waitFor(() => expect(list).toHaveAttribute('data-answered', 'vries'));
    expect(search.mock.calls.map(([o]) => o.query)).toContain('vrie');
  });

  it('starts a new caregiver', async () => {
    const user = userEvent.setup();
    const { onnew } = setup();
    await user.click(screen.getByRole('button', { name: 'Nieuwe mantelzorger' }));
    expect(onnew).toHaveBeenCalled();
  });
});
