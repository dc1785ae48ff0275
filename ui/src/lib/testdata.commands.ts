// What the core lists for a signed-in consultant (tests/surface.rs checks the
// real list against `access::allows`): the register and the intakes.
import type { Command } from './bindings/Command';

export const consultantCommands: Command[] = [
  'store_status', 'create_store', 'unlock_store', 'encrypt_store', 'lock_store', 'sign_in',
  'search_caregivers', 'get_dossier', 'audit_of_caregiver', 'register_caregiver', 'update_caregiver',
  'archive_caregiver', 'restore_caregiver', 'add_recipient', 'update_recipient', 'list_municipalities',
  'save_intake_concept', 'complete_intake', 'change_intake_status', 'record_assessment', 'score_burden',
  'get_intake', 'intakes_of_caregiver', 'burden_trend', 'attention_list', 'list_instruments',
  'export_handover_to_file', 'import_handover_file', 'get_mode', 'liberation_day', 'earliest_delivery', 'caregiver_cap',
];
