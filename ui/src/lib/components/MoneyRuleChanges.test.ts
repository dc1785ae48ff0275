import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import MoneyRuleChanges from './MoneyRuleChanges.svelte';
import * as ipc from '../ipc';

vi.mock('../ipc', () => ({ moneyRuleChanges: vi.fn() }));

beforeEach(() => {
  vi.resetAllMocks();
});

describe('MoneyRuleChanges', () => {
  it('lists every change to the money rules newest first, with who, old → new and the years re-allocated', async () => {
    vi.mocked(ipc.moneyRuleChanges).mockResolvedValue([
      {
        id: 9, at: '2026-11-23T10:00:00Z', actor: 'Anna', action: 'regeling-gewijzigd', actionLabel: 'Regeling gewijzigd',
        what: 'Regeling VGZ: plafond 14 dagen → plafond 10 dagen', reallocatedYears: [2026, 2027],
      },
      {
        id: 4, at: '2026-11-20T09:00:00Z', actor: 'Bram', action: 'tarief-gewijzigd', actionLabel: 'Tarief toegevoegd of gecorrigeerd',
        what: 'Tarief Aardig, respijt thuis vanaf 01-01-2026: € 40,00 → € 42,50', reallocatedYears: [],
      },
    ]);
    render(MoneyRuleChanges, {});
    const table = await screen.findByRole('table', { name: /Wijzigingen in de geldregels/ });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('Anna');
    expect(rows[0]).toHaveTextContent('Regeling VGZ: plafond 14 dagen → plafond 10 dagen');
    expect(rows[0]).toHaveTextContent('2026, 2027');
    expect(rows[1]).toHaveTextContent('€ 40,00 → € 42,50');
    expect(rows[1]).toHaveTextContent('nog niet');
  });

  it('says when nothing was changed yet', async () => {
    vi.mocked(ipc.moneyRuleChanges).mockResolvedValue([]);
    render(MoneyRuleChanges, {});
    expect(await screen.findByText('Nog geen wijzigingen vastgelegd.')).toBeInTheDocument();
  });
});
