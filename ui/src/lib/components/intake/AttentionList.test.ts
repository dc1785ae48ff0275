import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import AttentionList from './AttentionList.svelte';
import * as ipc from '../../ipc';

vi.mock('../../ipc', () => ({ attentionList: vi.fn(), overdueRequests: vi.fn(() => Promise.resolve([])) }));
const list = vi.mocked(ipc.attentionList);

beforeEach(() => {
  list.mockReset();
});

describe('AttentionList', () => {
  it('shows the items in the order the core gives, with reasons, urgency and date', async () => {
    const user = userEvent.setup();
    list.mockResolvedValue([
      {
        caregiverId: 9, name: 'Kees Bakker', urgency: 'crisis', due: '2026-11-02',
        reasons: [{ kind: 'followUpDue', text: 'Opvolging was gepland op 02-11-2026.', intakeId: 4, date: '2026-11-02' }],
      },
      {
        caregiverId: 7, name: 'Ria de Vries', urgency: 'normaal', due: '2026-10-30',
        reasons: [
          { kind: 'overloaded', text: 'Overbelast: score 11 (zwaar) op 30-10-2026; nog geen respijt gepland.', intakeId: 3,
            date: '2026-10-30' },
          { kind: 'notPickedUp', text: 'Intake overgedragen op 31-10-2026; nog niet opgepakt.', intakeId: 3, date: '2026-10-31' },
        ],
      },
    ]);
    const onopen = vi.fn();
    render(AttentionList, { onopen });
    expect(screen.getByRole('heading', { level: 2, name: 'Aandacht' })).toBeInTheDocument();
    const buttons = await screen.findAllByRole('button');
    expect(buttons.map((b) => b.textContent)).toEqual(['Kees Bakker', 'Ria de Vries']);

    const items = screen.getAllByRole('listitem').filter((li) => li.parentElement?.classList.contains('attention-list'));
    expect(items[0]).toHaveTextContent('urgentie: crisis');
    expect(items[0]).toHaveTextContent('sinds 02-11-2026');
    expect(within(items[1]).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Overbelast: score 11 (zwaar) op 30-10-2026; nog geen respijt gepland.',
      'Intake overgedragen op 31-10-2026; nog niet opgepakt.',
    ]);
    expect(items[1]).toHaveTextContent('urgentie: normaal');

    await user.click(screen.getByRole('button', { name: 'Ria de Vries' }));
    expect(onopen).toHaveBeenCalledWith(7);
  });

  it('says so when nothing needs attention', async () => {
    list.mockResolvedValue([]);
    render(AttentionList, { onopen: vi.fn() });
    expect(await screen.findByText('Niets dat aandacht vraagt.')).toBeInTheDocument();
  });

  it('shows a failure as an alert', async () => {
    list.mockRejectedValue({ code: 'internal', message: 'De opslag is bezet.', fields: [] });
    render(AttentionList, { onopen: vi.fn() });
    expect(await screen.findByRole('alert')).toHaveTextContent('De opslag is bezet.');
  });
});
