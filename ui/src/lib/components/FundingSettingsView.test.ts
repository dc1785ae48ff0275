import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import FundingSettingsView from './FundingSettingsView.svelte';
import * as ipc from '../ipc';
import type { FundingSettings } from '../bindings/FundingSettings';

vi.mock('../ipc', () => ({
  fundingSettings: vi.fn(),
  saveScheme: vi.fn(),
  addScheme: vi.fn(),
  archiveScheme: vi.fn(),
  setPolicy: vi.fn(),
}));

function settings(capAmount = 14, years: number[] = []): FundingSettings {
  return {
    schemes: [
      {
        scheme: {
          id: 1, code: 'VGZ', name: 'VGZ aanvullende verzekering', insurers: ['VGZ'], policyHolder: 'mantelzorger',
          requiresSupplementary: true, capUnit: 'dagen', capAmount, dayMinutes: null, forms: ['thuis', 'dagopvang'],
          excludeWlz: false, excludeWmo: false, excludePgb: false, minCareMinutes: null, minMonthsCaring: null,
          eligibilityRule: 'of', validFrom: null, validTo: null, note: '', priority: 1, active: true,
        },
        form: {
          name: 'VGZ aanvullende verzekering', insurers: 'VGZ', policyHolder: 'mantelzorger', capUnit: 'dagen',
          capAmount: String(capAmount), dayHours: '', forms: ['thuis', 'dagopvang'], requiresSupplementary: true,
          excludeWlz: false, excludeWmo: false, excludePgb: false, minCareHours: '', minMonthsCaring: '',
          eligibilityRule: 'of', code: 'VGZ', validFrom: '', validTo: '', note: '', active: true,
        },
      },
    ],
    policy: { mode: 'volgorde', insurerPercent: 50 },
    reallocatedYears: years,
    insurers: [
      { label: 'VGZ', group: 'VGZ', aliases: ['VGZ Zorgverzekeraar'], year: 2026 },
      { label: 'Zilveren Kruis', group: 'Achmea', aliases: [], year: 2026 },
    ],
    unknownInsurers: [],
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
    await user.click(screen.getByRole('button', { name: 'Wijzigen VGZ altijd' }));
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

  it('adds a scheme for another insurer with its code and says the years were re-allocated', async () => {
    const user = userEvent.setup();
    const base = settings();
    const zk = structuredClone(base.schemes[0]);
    zk.scheme = { ...zk.scheme, id: 2, code: 'ZK', name: 'Zilveren Kruis', insurers: ['Zilveren Kruis'], capUnit: 'uren', capAmount: 5760 };
    vi.mocked(ipc.addScheme).mockResolvedValue({ ...base, schemes: [...base.schemes, zk], reallocatedYears: [2026] });
    render(FundingSettingsView, { onback: vi.fn() });
    await user.click(await screen.findByRole('button', { name: 'Regeling toevoegen' }));
    expect(screen.getByLabelText('Code')).toHaveFocus();
    await user.type(screen.getByLabelText('Code'), 'ZK');
    await user.type(screen.getByLabelText('Naam van de regeling'), 'Zilveren Kruis');
    await user.type(screen.getByLabelText('Verzekeraars'), 'Zilveren Kruis');
    await user.selectOptions(screen.getByLabelText('Plafond in'), 'uren');
    await user.type(screen.getByLabelText('Plafond per kalenderjaar'), '96');
    await user.click(screen.getByRole('button', { name: 'Regeling opslaan' }));
    expect(ipc.addScheme).toHaveBeenCalledWith(expect.objectContaining({ code: 'ZK', insurers: 'Zilveren Kruis', capUnit: 'uren', capAmount: '96' }));
    expect(ipc.saveScheme).not.toHaveBeenCalled();
    expect(await screen.findByRole('status')).toHaveTextContent('Regeling Zilveren Kruis is opgeslagen. Opnieuw verdeeld: 2026.');
    expect(screen.getByText('96 uur per jaar')).toBeInTheDocument();
  });

  it('archives a scheme and lists caregivers whose insurer is not on the list', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.fundingSettings).mockResolvedValue({
      ...settings(), unknownInsurers: [{ caregiverId: 7, name: 'Kees Bakker', insurer: 'De Goede Verzekering' }],
    });
    const archived = settings(14, [2026]);
    archived.schemes[0].scheme.active = false;
    vi.mocked(ipc.archiveScheme).mockResolvedValue(archived);
    render(FundingSettingsView, { onback: vi.fn() });
    expect(await screen.findByText('Kees Bakker: ‘De Goede Verzekering’')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Archiveren VGZ' }));
    expect(ipc.archiveScheme).toHaveBeenCalledWith('VGZ');
    expect(await screen.findByRole('status')).toHaveTextContent('Regeling VGZ is gearchiveerd');
    expect(screen.queryByRole('button', { name: 'Archiveren VGZ' })).not.toBeInTheDocument();
  });
});
