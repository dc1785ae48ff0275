import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import FundingSettingsView from './FundingSettingsView.svelte';
import * as ipc from '../ipc';
import type { FundingSettings } from '../bindings/FundingSettings';

vi.mock('../ipc', () => ({
  fundingSettings: vi.fn(),
  saveScheme: vi.fn(),
  setPolicy: vi.fn(),
}));

function settings(capAmount = 14, years: number[] = []): FundingSettings {
  return {
    schemes: [
      {
        scheme: {
          id: 1, code: 'VGZ', name: 'VGZ aanvullende verzekering', insurers: ['VGZ'], policyHolder: 'mantelzorger',
          requiresSupplementary: true, capUnit: 'dagen', capAmount, dayMinutes: null, forms: ['thuis', 'dagopvang'],
          excludeWlz: false, priority: 1, active: true,
        },
        form: {
          name: 'VGZ aanvullende verzekering', insurers: 'VGZ', policyHolder: 'mantelzorger', capUnit: 'dagen',
          capAmount: String(capAmount), dayHours: '', forms: ['thuis', 'dagopvang'], requiresSupplementary: true,
          excludeWlz: false, active: true,
        },
      },
    ],
    policy: { mode: 'volgorde', insurerPercent: 50 },
    reallocatedYears: years,
  };
}

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(ipc.fundingSettings).mockResolvedValue(settings());
});

describe('FundingSettingsView', () => {
  it('edits a scheme\'s cap, shows the core\'s message at the field, and says which years were re-allocated', async () => {
    const user = userEvent.setup();
    render(FundingSettingsView, { onback: vi.fn() });
    expect(await screen.findByText('14 dagen per jaar')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Wijzigen VGZ' }));
    const cap = screen.getByLabelText('Plafond per kalenderjaar');
    expect(screen.getByLabelText('Naam van de regeling')).toHaveFocus();
    expect(cap).toHaveValue('14');

    vi.mocked(ipc.saveScheme).mockRejectedValueOnce({
      code: 'validation', message: 'Niet alle velden zijn goed ingevuld.',
      fields: [{ field: 'capAmount', message: 'Vul het aantal dagen per jaar in als heel getal (0 tot 366).' }],
    });
    await user.clear(cap);
    await user.type(cap, 'tien');
    await user.click(screen.getByRole('button', { name: 'Regeling opslaan' }));
    expect(await screen.findByText('Vul het aantal dagen per jaar in als heel getal (0 tot 366).')).toBeInTheDocument();
    expect(cap).toHaveFocus();

    vi.mocked(ipc.saveScheme).mockResolvedValueOnce(settings(10, [2026]));
    await user.clear(cap);
    await user.type(cap, '10');
    await user.click(screen.getByLabelText('Niet bij een Wlz-indicatie van de naaste'));
    await user.click(screen.getByRole('button', { name: 'Regeling opslaan' }));
    expect(ipc.saveScheme).toHaveBeenLastCalledWith(1, expect.objectContaining({ capAmount: '10', excludeWlz: true }));
    expect(await screen.findByRole('status')).toHaveTextContent('Regeling VGZ aanvullende verzekering is opgeslagen. Opnieuw verdeeld: 2026.');
    expect(screen.getByText('10 dagen per jaar')).toBeInTheDocument();
  });

  it('switches the policy to co-funding with the insurer\'s share', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.setPolicy).mockResolvedValue({ ...settings(14, [2026]), policy: { mode: 'cofinanciering', insurerPercent: 60 } });
    render(FundingSettingsView, { onback: vi.fn() });
    await user.click(await screen.findByLabelText('Verzekeraar en gemeente delen'));
    const share = screen.getByLabelText('Aandeel van de verzekeraar in procent');
    await user.clear(share);
    await user.type(share, '60');
    await user.click(screen.getByRole('button', { name: 'Beleid opslaan' }));
    expect(ipc.setPolicy).toHaveBeenCalledWith({ mode: 'cofinanciering', insurerPercent: '60' });
    expect(await screen.findByRole('status')).toHaveTextContent('Het beleid is opgeslagen. Opnieuw verdeeld: 2026.');
  });
});
