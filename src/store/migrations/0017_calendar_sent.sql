-- What each provider's calendar file (.ics) last said about each session,
-- so that the next file sends a cancelled or moved session again under the
-- same UID, as STATUS:CANCELLED or at its new time, with a higher SEQUENCE
-- (planning::ics). Times as last sent, in the wall-clock minutes of
-- `session`; no names, no text: a cancel needs only the UID and the time.
-- `session_id` has no reference: the line is about what a provider's
-- calendar holds, which outlives any change to the session.
CREATE TABLE calendar_sent (
    provider_id INTEGER NOT NULL REFERENCES provider(id),
    session_id  INTEGER NOT NULL,
    sequence    INTEGER NOT NULL,
    starts_at   INTEGER NOT NULL,
    ends_at     INTEGER NOT NULL,
    cancelled   INTEGER NOT NULL DEFAULT 0,
    sent_at     TEXT NOT NULL,
    PRIMARY KEY (provider_id, session_id)
) WITHOUT ROWID;

-- An id of this store, made once, so the UIDs in its calendar files are
-- unique across stores (another region's, a test store's): a calendar that
-- imported both never takes one store's session for the other's.
INSERT OR IGNORE INTO setting (key, value) VALUES ('store_id', lower(hex(randomblob(8))));
