import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import ImportView from './ImportView.svelte';
import * as ipc from '../ipc';
import type { ImportOutcome } from '../bindings/ImportOutcome';

vi.mock('../ipc', () => ({
  importKinds: vi.fn(),
  previewImport: vi.fn(),
  importFile: vi.fn(),
  pickSpreadsheetToOpen: vi.fn(),
}));

const outcome = (o: Partial<ImportOutcome>): ImportOutcome => ({
  fileName: 'mantelzorgers.xlsx', fingerprint: 'abc', rows: 3, added: 0, changed: 0,
  refused: [], warnings: [], notes: [], written: false, ...o,
});

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(ipc.importKinds).mockResolvedValue([
    { kind: 'mantelzorgers', label: 'mantelzorgers en naasten', explanation: 'Eén rij per mantelzorger en naaste.', columns: ['extern_id', 'voornaam'] },
    { kind: 'budgetten', label: 'budgetten van de gemeenten', explanation: 'Eén rij per gemeente en jaar.', columns: ['gemeente', 'jaar', 'budget'] },
  ]);
  vi.mocked(ipc.pickSpreadsheetToOpen).mockResolvedValue('/home/regisseur/mantelzorgers.xlsx');
});

describe('ImportView', () => {
  it('names a refused row, offers no confirm, and after the fix reads the file in and says it was saved', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.previewImport)
      .mockResolvedValueOnce(outcome({
        added: 2, refused: [{ row: 2, column: 'postcode', message: "Postcode '3311 SA' bestaat niet." }],
      }))
      .mockResolvedValueOnce(outcome({ added: 3, fingerprint: 'def' }));
    vi.mocked(ipc.importFile).mockResolvedValue(outcome({ added: 3, written: true, fingerprint: 'def' }));
    render(ImportView);

    expect(await screen.findByText('Eén rij per mantelzorger en naaste.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Bestand kiezen' }));
    expect(ipc.previewImport).toHaveBeenCalledWith('mantelzorgers', '/home/regisseur/mantelzorgers.xlsx');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Er wordt niets ingelezen');
    const row = within(alert).getAllByRole('row')[1];
    expect(row).toHaveTextContent('2');
    expect(row).toHaveTextContent('postcode');
    expect(row).toHaveTextContent("Postcode '3311 SA' bestaat niet.");
    expect(screen.queryByRole('button', { name: 'Inlezen bevestigen' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Opnieuw controleren' }));
    expect(await screen.findByText(/3 nieuw/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Inlezen bevestigen' }));
    expect(ipc.importFile).toHaveBeenCalledWith('mantelzorgers', '/home/regisseur/mantelzorgers.xlsx', 'def');
    expect(await screen.findByText('Opgeslagen.')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('3 nieuw, 0 bijgewerkt');
  });

  it('switches the kind, with its own explanation and columns', async () => {
    const user = userEvent.setup();
    render(ImportView);
    await user.click(await screen.findByLabelText('budgetten van de gemeenten'));
    expect(screen.getByText('Eén rij per gemeente en jaar.')).toBeInTheDocument();
    expect(screen.getByText(/gemeente, jaar, budget/)).toBeInTheDocument();
    vi.mocked(ipc.previewImport).mockResolvedValue(outcome({ fileName: 'budget.csv', added: 1 }));
    await user.click(screen.getByRole('button', { name: 'Bestand kiezen' }));
    expect(ipc.previewImport).toHaveBeenCalledWith('budgetten', '/home/regisseur/mantelzorgers.xlsx');
  });

  it('shows a file that changed since its check as a message, nothing saved', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.previewImport).mockResolvedValue(outcome({ added: 3 }));
    vi.mocked(ipc.importFile).mockRejectedValue({
      code: 'invalid', message: 'Het bestand is veranderd sinds de controle. Kies het opnieuw.', fields: [],
    });
    render(ImportView);
    await user.click(await screen.findByRole('button', { name: 'Bestand kiezen' }));
    await user.click(await screen.findByRole('button', { name: 'Inlezen bevestigen' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Het bestand is veranderd sinds de controle.');
    expect(screen.queryByText('Opgeslagen.')).not.toBeInTheDocument();
  });

  it('does nothing when the dialog is cancelled', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.pickSpreadsheetToOpen).mockResolvedValue(null);
    render(ImportView);
    await user.click(await screen.findByRole('button', { name: 'Bestand kiezen' }));
    expect(ipc.previewImport).not.toHaveBeenCalled();
  });
});
