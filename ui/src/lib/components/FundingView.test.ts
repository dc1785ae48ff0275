import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import FundingView from './FundingView.svelte';
import * as ipc from '../ipc';
import { dashboard } from '../testdata.planning';

vi.mock('../ipc', () => ({
  fundingDashboard: vi.fn(),
  listMunicipalities: vi.fn(),
  setBudget: vi.fn(),
  moneyRuleChanges: vi.fn(),
}));

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(ipc.fundingDashboard).mockResolvedValue(dashboard());
  vi.mocked(ipc.moneyRuleChanges).mockResolvedValue([]);
  vi.mocked(ipc.listMunicipalities).mockResolvedValue([
    { code: 'GM0505', name: 'Dordrecht' },
    { code: 'GM0642', name: 'Zwijndrecht' },
  ]);
});

/** The cells of one funder's row, by column header. */
function row(name: string): Record<string, string> {
  const table = screen.getByRole('table', { name: /Financiers in/ });
  const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent!.trim());
  const tr = within(table).getByRole('rowheader', { name: name }).closest('tr')!;
  const cells = Array.from(tr.children).map((c) => c.textContent!.replace(/\s+/g, ' ').trim());
  return Object.fromEntries(headers.map((h, i) => [h, cells[i]]));
}

describe('FundingView', () => {
  it('shows delivered and planned apart, never added up', async () => {
    render(FundingView, { today: '2026-11-23' });
    await screen.findByRole('rowheader', { name: 'Dordrecht' });
    expect(ipc.fundingDashboard).toHaveBeenCalledWith(2026);
    const dordrecht = row('Dordrecht');
    // 8.500,00 delivered and 570,00 planned: the sum 9.070,00 must appear nowhere.
    expect(dordrecht['Geleverd']).toBe('€ 8.500,00 179 uur');
    expect(dordrecht['Gepland (schatting, apart)']).toBe('€ 570,00');
    expect(dordrecht['Budget']).toBe('€ 100.000,00');
    expect(dordrecht['Over']).toBe('€ 91.500,00 8% besteed');
    expect(dordrecht['Verwachting eind jaar']).toBe('€ 9.500,00');
    expect(document.body).not.toHaveTextContent('€ 9.070,00');
    expect(row('VGZ aanvullende verzekering')['Geleverd']).toBe('€ 142,50 3 uur');
    expect(row('VGZ aanvullende verzekering')['Budget']).toBe('—');
  });

  it('draws the months beside the table with a text alternative, and lists low caps', async () => {
    render(FundingView, { today: '2026-11-23' });
    const chart = await screen.findByRole('img', { name: 'Geleverd per maand in 2026 (in euro, per financier)' });
    expect(chart.querySelectorAll('rect')).toHaveLength(3);
    const alternative = screen.getByRole('table', { name: 'Geleverd per maand in 2026' });
    const nov = within(alternative).getByRole('rowheader', { name: 'nov' }).closest('tr')!;
    expect(nov).toHaveTextContent('€ 142,50');
    expect(nov).toHaveTextContent('€ 4.500,00');
    expect(screen.getByText('Kees Bakker: nog 1 dag bij VGZ')).toBeInTheDocument();
  });

  it('shows a budget warning with the funder', async () => {
    const warned = dashboard();
    warned.funders[1].warning = '85% van het budget is besteed.';
    vi.mocked(ipc.fundingDashboard).mockResolvedValue(warned);
    render(FundingView, { today: '2026-11-23' });
    const header = await screen.findByRole('rowheader', { name: /^Dordrecht/ });
    expect(header).toHaveTextContent('85% van het budget is besteed.');
  });

  it('sets a municipality budget and shows the new dashboard', async () => {
    const user = userEvent.setup();
    const after = dashboard();
    after.funders[1].budget = 25000000;
    vi.mocked(ipc.setBudget).mockResolvedValue(after);
    render(FundingView, { today: '2026-11-23' });
    await screen.findByRole('option', { name: 'Dordrecht' });
    await user.selectOptions(screen.getByLabelText('Gemeente'), 'Dordrecht');
    await user.type(screen.getByLabelText('Budget in euro'), '250.000,00');
    await user.click(screen.getByRole('button', { name: 'Budget opslaan' }));
    expect(ipc.setBudget).toHaveBeenCalledWith('GM0505', 2026, '250.000,00');
    expect(await screen.findByText('Budget van Dordrecht voor 2026 is opgeslagen.')).toBeInTheDocument();
    expect(row('Dordrecht')['Budget']).toBe('€ 250.000,00');
  });

  it('shows a bad amount next to the budget field', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.setBudget).mockRejectedValue({
      code: 'validation', message: 'Controleer het bedrag.', fields: [{ field: 'budget', message: "'tien' is geen bedrag in euro." }],
    });
    render(FundingView, { today: '2026-11-23' });
    await screen.findByRole('option', { name: 'Zwijndrecht' });
    await user.selectOptions(screen.getByLabelText('Gemeente'), 'Zwijndrecht');
    await user.type(screen.getByLabelText('Budget in euro'), 'tien');
    await user.click(screen.getByRole('button', { name: 'Budget opslaan' }));
    const field = screen.getByLabelText('Budget in euro');
    expect(await screen.findByText("'tien' is geen bedrag in euro.")).toBeInTheDocument();
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveFocus();
  });
});
