-- Retention and erasure (AVG). A dossier's end date is the day it was
-- archived; after the retention period (settings: 15 years, 5 when no
-- respite was ever delivered) the app proposes to erase it. A legal hold
-- (a reason) stops both the proposal and an erasure. An erased dossier
-- keeps its row, without personal data, so the funding entries that point
-- at it (and every total built from them) stay as they were.
ALTER TABLE caregiver ADD COLUMN legal_hold_reason TEXT;   -- NULL: no hold
ALTER TABLE caregiver ADD COLUMN erased_at TEXT;           -- NULL: not erased

INSERT OR IGNORE INTO setting (key, value) VALUES ('retention_years_granted', '15');
INSERT OR IGNORE INTO setting (key, value) VALUES ('retention_years_not_granted', '5');
