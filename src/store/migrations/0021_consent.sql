-- Consent read by the core (issue 15, part 6) and the money rules on the
-- record (part 7).
--
-- A caregiver's consent to share with providers and with funders comes from
-- the latest completed intake; a withdrawal, or consent given again, is a
-- dated line here (never an overwrite), so the dossier shows what counted
-- when. The line counts from its date on.
CREATE TABLE consent_change (
    id           INTEGER PRIMARY KEY,
    caregiver_id INTEGER NOT NULL REFERENCES caregiver(id),
    kind         TEXT NOT NULL CHECK (kind IN ('aanbieders', 'financiers')),
    given        INTEGER NOT NULL CHECK (given IN (0, 1)),
    on_date      TEXT NOT NULL,            -- ISO date from which it counts
    recorded_by  TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
);
CREATE INDEX consent_change_by_caregiver ON consent_change(caregiver_id, kind, on_date, id);

-- The audit trail learns the actions of consent and of the money rules.
DROP TRIGGER audit_entry_known_action;
CREATE TRIGGER audit_entry_known_action BEFORE INSERT ON audit_entry
WHEN NEW.action NOT IN ('dossier-bekeken', 'dossier-aangemaakt', 'dossier-gewijzigd', 'intake-bekeken',
    'intake-gewijzigd', 'conflict-doorgezet', 'export', 'overdracht-gemaakt', 'overdracht-ingelezen', 'import',
    'logboek-uitgevoerd', 'back-up-teruggezet', 'wachtwoordzin-gewijzigd', 'gewist', 'bewaarplicht',
    'herstelsleutel-gemaakt', 'hersteld-met-sleutel', 'beschadiging-hersteld',
    'aanbieder-gewijzigd', 'aanbieder-gearchiveerd', 'aanbieder-teruggezet',
    'toestemming-ingetrokken', 'toestemming-gegeven',
    'budget-gewijzigd', 'regeling-gewijzigd', 'beleid-gewijzigd', 'tarief-gewijzigd')
BEGIN
    SELECT RAISE(ABORT, 'Onbekende handeling voor het logboek.');
END;
