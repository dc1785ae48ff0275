-- Sessions waiting for the director's review, by date: the export checks
-- for them in every period, and they are few among a million sessions.
CREATE INDEX session_needs_review ON session(date) WHERE needs_review = 1;
