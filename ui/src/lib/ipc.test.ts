import { beforeEach, describe, expect, it, vi } from 'vitest';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }));
vi.mock('@tauri-apps/plugin-dialog', () => ({ open: vi.fn(), save: vi.fn() }));

import * as ipc from './ipc';
import type { CaregiverInput } from './bindings/CaregiverInput';

// The command names and their argument keys are generated from the core's
// one list (src/commands/surface.rs), which also decodes them; Rust tests
// (tests/surface.rs) call the core with the JSON the UI sends. Here: the
// generated module reaches `invoke` as the core expects it.
describe('ipc: the generated commands', () => {
  beforeEach(() => {
    invoke.mockReset().mockResolvedValue('ok');
  });

  it('sends the snake_case command with camelCase argument keys', async () => {
    const input = { firstName: 'Anna' } as CaregiverInput;
    await expect(ipc.registerCaregiver(input, true)).resolves.toBe('ok');
    expect(invoke).toHaveBeenCalledWith('register_caregiver', { input, allowTwin: true });
    await ipc.updateRecipient(4, 9, { firstName: 'Piet' } as never);
    expect(invoke).toHaveBeenLastCalledWith('update_recipient', { caregiverId: 4, recipientId: 9, input: { firstName: 'Piet' } });
  });

  it('sends a command without arguments with none', async () => {
    await ipc.listMunicipalities();
    expect(invoke).toHaveBeenCalledWith('list_municipalities');
  });

  it('passes the core error through unchanged', async () => {
    const err = { code: 'notFound', message: 'Dossier niet gevonden.', fields: [] };
    invoke.mockRejectedValue(err);
    await expect(ipc.getDossier(1)).rejects.toBe(err);
  });
});
