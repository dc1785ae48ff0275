-- The recovery key and a damaged store put right (store::recovery,
-- store::health) are recorded in the audit trail: the trigger that guards
-- its actions learns their codes.
DROP TRIGGER audit_entry_known_action;
CREATE TRIGGER audit_entry_known_action BEFORE INSERT ON audit_entry
WHEN NEW.action NOT IN ('dossier-bekeken', 'dossier-aangemaakt', 'dossier-gewijzigd', 'intake-bekeken',
    'intake-gewijzigd', 'conflict-doorgezet', 'export', 'overdracht-gemaakt', 'overdracht-ingelezen', 'import',
    'logboek-uitgevoerd', 'back-up-teruggezet', 'wachtwoordzin-gewijzigd', 'gewist', 'bewaarplicht',
    'herstelsleutel-gemaakt', 'hersteld-met-sleutel', 'beschadiging-hersteld')
BEGIN
    SELECT RAISE(ABORT, 'Onbekende handeling voor het logboek.');
END;
