-- Every export-log line seals the audit trail's head: how many entries it
-- had and the hash of the last one, right after the export's own entry.
-- `audit verify` compares the trail with the newest such line, so entries
-- removed from its end, or a chain written anew, show (audit::seal).
-- Lines from before this migration have no seal (NULL).
ALTER TABLE export_log ADD COLUMN audit_entries INTEGER;
ALTER TABLE export_log ADD COLUMN audit_head TEXT;
