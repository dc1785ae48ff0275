-- The audit trail: who looked at or changed which dossier, every export and
-- every override, when and on whose behalf. Append-only: the triggers refuse
-- UPDATE and DELETE, and every entry carries the hash of the one before it,
-- so a change made around the triggers (by hand, in another tool) breaks the
-- chain and `audit::verify` names the first entry that no longer fits.
-- No foreign key to caregiver: the trail outlives an erased dossier, and
-- holds no names, only the number.
CREATE TABLE audit_entry (
    id           INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,
    on_behalf_of TEXT NOT NULL DEFAULT '',
    action       TEXT NOT NULL,
    caregiver_id INTEGER,
    detail       TEXT NOT NULL DEFAULT '',
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL
);
CREATE INDEX audit_by_caregiver ON audit_entry(caregiver_id, id) WHERE caregiver_id IS NOT NULL;

CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
BEGIN
    SELECT RAISE(ABORT, 'Het logboek kan niet worden gewijzigd.');
END;

CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
BEGIN
    SELECT RAISE(ABORT, 'Uit het logboek kan niets worden verwijderd.');
END;
