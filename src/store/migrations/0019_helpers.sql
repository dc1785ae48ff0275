-- Providers complete in the app (issue 14): a helper gets the languages,
-- gender and specialisms that matching and the director look at, and the
-- provider's changes, archiving and restoring are recorded in the audit
-- trail: the trigger that guards its actions learns their codes.
--
-- Helpers are never deleted (sessions refer to them): `active` (0003)
-- takes one out of new planning.

ALTER TABLE helper ADD COLUMN languages TEXT NOT NULL DEFAULT '[]';                 -- JSON language codes
ALTER TABLE helper ADD COLUMN gender TEXT CHECK (gender IN ('vrouw', 'man'));       -- NULL: not given
ALTER TABLE helper ADD COLUMN specialisms TEXT NOT NULL DEFAULT '[]';               -- JSON RecipientSituation codes

DROP TRIGGER audit_entry_known_action;
CREATE TRIGGER audit_entry_known_action BEFORE INSERT ON audit_entry
WHEN NEW.action NOT IN ('dossier-bekeken', 'dossier-aangemaakt', 'dossier-gewijzigd', 'intake-bekeken',
    'intake-gewijzigd', 'conflict-doorgezet', 'export', 'overdracht-gemaakt', 'overdracht-ingelezen', 'import',
    'logboek-uitgevoerd', 'back-up-teruggezet', 'wachtwoordzin-gewijzigd', 'gewist', 'bewaarplicht',
    'herstelsleutel-gemaakt', 'hersteld-met-sleutel', 'beschadiging-hersteld',
    'aanbieder-gewijzigd', 'aanbieder-gearchiveerd', 'aanbieder-teruggezet')
BEGIN
    SELECT RAISE(ABORT, 'Onbekende handeling voor het logboek.');
END;
