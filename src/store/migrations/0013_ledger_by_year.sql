-- The ledger's per-caregiver index, narrowed to what its queries name (a
-- year and caregivers) and with the year first. Allocating a year from
-- scratch writes one entry into it per part of a session, in date order,
-- so in no order of its own: a narrow index has fewer pages to search and
-- to write, and with the year first a year's entries go into one part of
-- it instead of into every page. The few entries of a caregiver's year
-- are then read from the table to check their date.
DROP INDEX ledger_by_caregiver;
CREATE INDEX ledger_by_caregiver ON ledger_entry(year, caregiver_id);
