-- The history of every session: who changed it, when, what changed (Dutch
-- "veld: oud → nieuw" parts, without the names of the caregiver or the
-- recipient and without the hand-over note's text) and, where given, why.
-- The director reads it in the session panel to know why a plan changed.
CREATE TABLE session_change (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES session(id),
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    what       TEXT NOT NULL,
    reason     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX session_change_by_session ON session_change(session_id, id);
