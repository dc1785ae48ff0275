import { beforeEach, describe, expect, it, vi } from 'vitest';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }));
const dialogOpen = vi.fn();
const dialogSave = vi.fn();
vi.mock('@tauri-apps/plugin-dialog', () => ({
  open: (...args: unknown[]) => dialogOpen(...args),
  save: (...args: unknown[]) => dialogSave(...args),
}));

import * as ipc from './ipc';
import type { CaregiverInput } from './bindings/CaregiverInput';
import type { RecipientInput } from './bindings/RecipientInput';
import type { IntakeInput } from './bindings/IntakeInput';

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

describe('ipc: intake commands (issue 3)', () => {
  const intake = { caregiverId: 4, notes: 'x' } as IntakeInput;
  const assessment = { instrument: 'ediz_plus', answers: [1, 0], assessedOn: '' };

  beforeEach(() => {
    invoke.mockReset().mockResolvedValue('ok');
  });

  it.each([
    [() => ipc.saveIntakeConcept(null, intake), 'save_intake_concept', { id: null, input: intake }],
    [() => ipc.saveIntakeConcept(5, intake), 'save_intake_concept', { id: 5, input: intake }],
    [() => ipc.completeIntake(5, intake), 'complete_intake', { id: 5, input: intake }],
    [() => ipc.changeIntakeStatus(5, 'overgedragen'), 'change_intake_status', { id: 5, to: 'overgedragen' }],
    [() => ipc.recordAssessment(5, assessment), 'record_assessment', { intakeId: 5, input: assessment }],
    [() => ipc.scoreBurden('csi', [1, 1]), 'score_burden', { instrument: 'csi', answers: [1, 1] }],
    [() => ipc.getIntake(5), 'get_intake', { id: 5 }],
    [() => ipc.intakesOfCaregiver(4), 'intakes_of_caregiver', { caregiverId: 4 }],
    [() => ipc.burdenTrend(4), 'burden_trend', { caregiverId: 4 }],
    [() => ipc.exportHandoverToFile([5, 6], 'geheim woord', '/tmp/o.age'), 'export_handover_to_file',
      { intakeIds: [5, 6], passphrase: 'geheim woord', path: '/tmp/o.age' }],
    [() => ipc.importHandoverFile('/tmp/o.age', 'geheim woord'), 'import_handover_file',
      { path: '/tmp/o.age', passphrase: 'geheim woord' }],
    [() => ipc.setMode('consultant'), 'set_mode', { mode: 'consultant' }],
  ])('%#', async (call, command, args) => {
    await expect(call()).resolves.toBe('ok');
    expect(invoke).toHaveBeenCalledWith(command, args);
  });

  it.each([
    [() => ipc.attentionList(), 'attention_list'],
    [() => ipc.listInstruments(), 'list_instruments'],
    [() => ipc.getMode(), 'get_mode'],
  ])('%# without arguments', async (call, command) => {
    await call();
    expect(invoke).toHaveBeenCalledWith(command);
  });
});

describe('ipc: hand-over file dialogs', () => {
  beforeEach(() => {
    dialogOpen.mockReset();
    dialogSave.mockReset();
  });

  it('asks where to save an .age file and gives null when cancelled', async () => {
    dialogSave.mockResolvedValueOnce('/home/c/overdracht.age').mockResolvedValueOnce(null);
    await expect(ipc.pickHandoverFileToSave()).resolves.toBe('/home/c/overdracht.age');
    await expect(ipc.pickHandoverFileToSave()).resolves.toBeNull();
    const [options] = dialogSave.mock.calls[0];
    expect(options.defaultPath).toMatch(/^overdracht-\d{4}-\d{2}-\d{2}\.age$/);
    expect(options.filters).toEqual([{ name: 'age', extensions: ['age'] }]);
  });

  it('opens one .age file and gives null when cancelled', async () => {
    dialogOpen.mockResolvedValueOnce('/home/d/overdracht.age').mockResolvedValueOnce(null);
    await expect(ipc.pickHandoverFileToOpen()).resolves.toBe('/home/d/overdracht.age');
    await expect(ipc.pickHandoverFileToOpen()).resolves.toBeNull();
    expect(dialogOpen).toHaveBeenCalledWith({ multiple: false, directory: false, filters: [{ name: 'age', extensions: ['age'] }] });
  });
});
