import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import AuditTrail from './AuditTrail.svelte';
import * as ipc from '../ipc';
import type { AuditEntry } from '../bindings/AuditEntry';

vi.mock('../ipc', () => ({ auditOfCaregiver: vi.fn(), exportAuditTrail: vi.fn(), pickSavePath: vi.fn() }));

const entry = (id: number, over: Partial<AuditEntry> = {}): AuditEntry => ({
  id, at: '2026-11-23T10:00:00Z', actor: 'regisseur', onBehalfOf: '', action: 'dossier-bekeken',
  actionLabel: 'Dossier bekeken', caregiverId: 7, detail: '', ...over,
});

beforeEach(() => vi.resetAllMocks());

describe('AuditTrail', () => {
  it('lists who looked and changed, in Dutch local time', async () => {
    vi.mocked(ipc.auditOfCaregiver).mockResolvedValue([
      entry(2, { at: '2026-07-01T08:30:00Z', actor: 'Sanne (MEE)', onBehalfOf: 'regisseur', action: 'dossier-gewijzigd', actionLabel: 'Dossier gewijzigd', detail: 'naaste toegevoegd' }),
      entry(1),
    ]);
    render(AuditTrail, { caregiverId: 7 });
    const rows = await screen.findAllByRole('row');
    expect(within(rows[1]).getAllByRole('cell').map((c) => c.textContent)).toEqual([
      '01-07-2026 10:30', 'Sanne (MEE) namens regisseur', 'Dossier gewijzigd', 'naaste toegevoegd',
    ]);
    expect(within(rows[2]).getAllByRole('cell')[0]).toHaveTextContent('23-11-2026 11:00');
    expect(ipc.auditOfCaregiver).toHaveBeenCalledWith(7);
  });

  it('saves the whole trail as a file for the person it is about', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.auditOfCaregiver).mockResolvedValue([entry(1)]);
    vi.mocked(ipc.pickSavePath).mockResolvedValue('/tmp/logboek.csv');
    vi.mocked(ipc.exportAuditTrail).mockResolvedValue(4);
    render(AuditTrail, { caregiverId: 7 });
    await user.click(await screen.findByRole('button', { name: 'Logboek exporteren' }));
    expect(ipc.pickSavePath).toHaveBeenCalledWith('logboek-mantelzorger-7.csv', ['csv']);
    expect(ipc.exportAuditTrail).toHaveBeenCalledWith(7, '/tmp/logboek.csv');
    expect(await screen.findByRole('status')).toHaveTextContent('Logboek opgeslagen (4 regels): /tmp/logboek.csv');
  });
});
