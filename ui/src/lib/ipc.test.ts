import { beforeEach, describe, expect, it, vi } from 'vitest';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }));

import * as ipc from './ipc';
import type { CaregiverInput } from './bindings/CaregiverInput';
import type { RecipientInput } from './bindings/RecipientInput';

const input = { firstName: 'Anna' } as CaregiverInput;
const recipient = { firstName: 'Piet' } as RecipientInput;

describe('ipc: command names and argument keys match the Tauri shell', () => {
  beforeEach(() => {
    invoke.mockReset().mockResolvedValue('ok');
  });

  it.each([
    [() => ipc.searchCaregivers({ query: 'an', includeArchived: true }), 'search_caregivers', { options: { query: 'an', includeArchived: true } }],
    [() => ipc.getDossier(4), 'get_dossier', { id: 4 }],
    [() => ipc.registerCaregiver(input, true), 'register_caregiver', { input, allowTwin: true }],
    [() => ipc.updateCaregiver(4, input), 'update_caregiver', { id: 4, input }],
    [() => ipc.archiveCaregiver(4, 'verhuisd'), 'archive_caregiver', { id: 4, reason: 'verhuisd' }],
    [() => ipc.restoreCaregiver(4), 'restore_caregiver', { id: 4 }],
    [() => ipc.addRecipient(4, recipient), 'add_recipient', { caregiverId: 4, input: recipient }],
    [() => ipc.updateRecipient(4, 9, recipient), 'update_recipient', { caregiverId: 4, recipientId: 9, input: recipient }],
  ])('%#', async (call, command, args) => {
    await expect(call()).resolves.toBe('ok');
    expect(invoke).toHaveBeenCalledWith(command, args);
  });

  it('lists municipalities without arguments', async () => {
    await ipc.listMunicipalities();
    expect(invoke).toHaveBeenCalledWith('list_municipalities');
  });

  it('passes the core error through unchanged', async () => {
    const err = { code: 'notFound', message: 'Dossier niet gevonden.', fields: [] };
    invoke.mockRejectedValue(err);
    await expect(ipc.getDossier(1)).rejects.toBe(err);
  });
});
