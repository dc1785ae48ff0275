// The only module that talks to the Tauri core. Components import from here;
// tests mock this module.
import { invoke } from '@tauri-apps/api/core';
import type { SearchOptions } from './bindings/SearchOptions';
import type { SearchResult } from './bindings/SearchResult';
import type { Dossier } from './bindings/Dossier';
import type { CaregiverInput } from './bindings/CaregiverInput';
import type { RecipientInput } from './bindings/RecipientInput';
import type { RegisterOutcome } from './bindings/RegisterOutcome';
import type { Municipality } from './bindings/Municipality';

export { asApiError } from './errors';

export function searchCaregivers(options: SearchOptions): Promise<SearchResult> {
  return invoke('search_caregivers', { options });
}

export function getDossier(id: number): Promise<Dossier> {
  return invoke('get_dossier', { id });
}

export function registerCaregiver(input: CaregiverInput, allowTwin: boolean): Promise<RegisterOutcome> {
  return invoke('register_caregiver', { input, allowTwin });
}

export function updateCaregiver(id: number, input: CaregiverInput): Promise<Dossier> {
  return invoke('update_caregiver', { id, input });
}

export function archiveCaregiver(id: number, reason: string): Promise<Dossier> {
  return invoke('archive_caregiver', { id, reason });
}

export function restoreCaregiver(id: number): Promise<Dossier> {
  return invoke('restore_caregiver', { id });
}

export function addRecipient(caregiverId: number, input: RecipientInput): Promise<Dossier> {
  return invoke('add_recipient', { caregiverId, input });
}

export function updateRecipient(caregiverId: number, recipientId: number, input: RecipientInput): Promise<Dossier> {
  return invoke('update_recipient', { caregiverId, recipientId, input });
}

export function listMunicipalities(): Promise<Municipality[]> {
  return invoke('list_municipalities');
}
