-- The ledger rebuilt for speed at region scale: allocating a year from
-- scratch writes about 200,000 entries, and each foreign-key check and index
-- entry costs a b-tree search per row.
-- * No foreign keys: entries are written only by the re-allocation, which
--   takes session and caregiver ids from those tables in the same
--   transaction; sessions are never deleted. The funding tests check that
--   every entry points at its session.
-- * Two indexes instead of four: per caregiver (by date, and session), and per
--   booking date (exports, closing); corrections also by service date, so
--   what a budget had spent before a date is the monthly totals plus that
--   month's entries.
CREATE TABLE ledger_entry_new (
    id           INTEGER PRIMARY KEY,
    session_id   INTEGER NOT NULL,       -- session(id)
    caregiver_id INTEGER NOT NULL,       -- caregiver(id)
    funder       TEXT NOT NULL,          -- scheme code, CBS municipality code or NIET_GEDEKT
    year         INTEGER NOT NULL,       -- year of the service date
    service_date TEXT NOT NULL,
    booking_date TEXT NOT NULL,
    cents        INTEGER NOT NULL,
    minutes      INTEGER NOT NULL,
    cap_days     INTEGER NOT NULL DEFAULT 0,
    kind         TEXT NOT NULL DEFAULT 'regulier',
    frozen       INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL
);
INSERT INTO ledger_entry_new SELECT id, session_id, caregiver_id, funder, year, service_date, booking_date, cents,
    minutes, cap_days, kind, frozen, created_at FROM ledger_entry;
DROP TABLE ledger_entry;
ALTER TABLE ledger_entry_new RENAME TO ledger_entry;
CREATE INDEX ledger_by_caregiver ON ledger_entry(caregiver_id, year, service_date, session_id);
CREATE INDEX ledger_by_booking ON ledger_entry(booking_date);
CREATE INDEX ledger_corrections ON ledger_entry(service_date) WHERE kind = 'correctie';

-- The delivered sessions of a year are read from the index alone.
DROP INDEX session_by_status_date;
CREATE INDEX session_by_status_date ON session(status, date, recipient_id, provider_id, form, unit, starts_at, ends_at, units,
    caregiver_id, delivered_minutes);
