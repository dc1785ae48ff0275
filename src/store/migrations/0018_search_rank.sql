-- Search that ranks (issue 18): the best match first, cut at 50 early.
-- `first_key` and `last_key` are the folded first name and surname (the
-- surname with its prefix, `de vries`), as `dutch::fold` writes them; kept
-- by the core where `sort_key` is written. Existing rows get them from
-- `sort_key` (surname without prefix, 0x01, prefix, 0x01, first name),
-- which holds both already folded; an erased dossier keeps them empty.
ALTER TABLE caregiver ADD COLUMN first_key TEXT NOT NULL DEFAULT '';
ALTER TABLE caregiver ADD COLUMN last_key TEXT NOT NULL DEFAULT '';

UPDATE caregiver SET
    first_key = substr(k.rest, instr(k.rest, char(1)) + 1),
    last_key = CASE WHEN substr(k.rest, 1, instr(k.rest, char(1)) - 1) = '' THEN k.core
                    ELSE substr(k.rest, 1, instr(k.rest, char(1)) - 1) || ' ' || k.core END
FROM (SELECT id,
             substr(sort_key, 1, instr(sort_key, char(1)) - 1) AS core,
             substr(sort_key, instr(sort_key, char(1)) + 1) AS rest
      FROM caregiver WHERE instr(sort_key, char(1)) > 0) AS k
WHERE caregiver.id = k.id;

-- Each tier of the ranking reads one index in its order and stops at 50:
-- the first name (then by name), the whole surname with its prefix, and a
-- date of birth; the surname without prefix has `caregiver_sort` already.
CREATE INDEX caregiver_first ON caregiver(first_key, sort_key);
CREATE INDEX caregiver_last ON caregiver(last_key, sort_key);
CREATE INDEX caregiver_birth ON caregiver(date_of_birth, sort_key);
