-- session_by_date (date, status) is covered by session_by_status_date
-- (status, date, ...) for every query the core makes, and each status change
-- of a session (a provider statement makes thousands) rewrote an entry in it.
DROP INDEX session_by_date;
