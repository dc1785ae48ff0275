-- Requests and a waiting list; letters in plain Dutch (issue 17, parts 1 and 2).
--
-- A request (aanvraag) may come before a dossier exists: then it holds the
-- caller's name, date of birth, postcode and phone, from which the
-- register's twin check suggests the dossier it belongs to. Its
-- statuses are kept dated in `request_status_change`, oldest first, so the
-- monitor can count days from request to first respite and how requests
-- ended without reading the audit trail.

CREATE TABLE request (
    id              INTEGER PRIMARY KEY,
    received_on     TEXT NOT NULL,                        -- ISO date the request came in
    referrer        TEXT NOT NULL CHECK (referrer IN ('zelf', 'mee', 'huisarts', 'wijkteam', 'aanbieder', 'anders')),
    form            TEXT CHECK (form IN ('thuis', 'dagopvang', 'logeeropvang', '24uurs')),  -- NULL: not said
    minutes_per_week INTEGER CHECK (minutes_per_week >= 0),                                 -- NULL: not said
    note            TEXT NOT NULL DEFAULT '',
    urgency         TEXT NOT NULL CHECK (urgency IN ('normaal', 'binnenkort', 'crisis')),
    status          TEXT NOT NULL CHECK (status IN ('nieuw', 'intake_gepland', 'wacht_op_aanbieder', 'gestart',
                        'afgewezen', 'ingetrokken')),
    wait_reason     TEXT CHECK (wait_reason IN ('geen_aanbieder', 'geen_taal', 'geen_budget', 'anders')),
    status_note     TEXT NOT NULL DEFAULT '',             -- the reason of a refusal, or of a wait 'anders'
    status_on       TEXT NOT NULL,                        -- ISO date of the current status
    caregiver_id    INTEGER REFERENCES caregiver(id),     -- NULL until linked to a dossier
    first_name      TEXT NOT NULL DEFAULT '',
    last_name       TEXT NOT NULL DEFAULT '',
    date_of_birth   TEXT,
    postcode        TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',             -- +31 form
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX request_by_status ON request (status, received_on);
CREATE INDEX request_by_caregiver ON request (caregiver_id);

CREATE TABLE request_status_change (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES request(id),
    status      TEXT NOT NULL CHECK (status IN ('nieuw', 'intake_gepland', 'wacht_op_aanbieder', 'gestart',
                    'afgewezen', 'ingetrokken')),
    wait_reason TEXT CHECK (wait_reason IN ('geen_aanbieder', 'geen_taal', 'geen_budget', 'anders')),
    note        TEXT NOT NULL DEFAULT '',
    on_date     TEXT NOT NULL,                            -- ISO date the status took effect
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX request_status_change_by_request ON request_status_change (request_id, id);

-- Each letter written from the app: what, when, by whom; never its text.
CREATE TABLE letter_log (
    id           INTEGER PRIMARY KEY,
    caregiver_id INTEGER NOT NULL REFERENCES caregiver(id),
    kind         TEXT NOT NULL CHECK (kind IN ('bevestiging', 'opdracht')),
    provider_id  INTEGER REFERENCES provider(id),
    period       TEXT NOT NULL DEFAULT '',                -- an order's month, jjjj-mm
    written_at   TEXT NOT NULL,
    written_by   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX letter_log_by_caregiver ON letter_log (caregiver_id, id);

DROP TRIGGER audit_entry_known_action;
CREATE TRIGGER audit_entry_known_action BEFORE INSERT ON audit_entry
WHEN NEW.action NOT IN ('dossier-bekeken', 'dossier-aangemaakt', 'dossier-gewijzigd', 'intake-bekeken',
    'intake-gewijzigd', 'conflict-doorgezet', 'export', 'overdracht-gemaakt', 'overdracht-ingelezen', 'import',
    'logboek-uitgevoerd', 'back-up-teruggezet', 'wachtwoordzin-gewijzigd', 'gewist', 'bewaarplicht',
    'herstelsleutel-gemaakt', 'hersteld-met-sleutel', 'beschadiging-hersteld',
    'aanbieder-gewijzigd', 'aanbieder-gearchiveerd', 'aanbieder-teruggezet',
    'toestemming-ingetrokken', 'toestemming-gegeven', 'budget-gewijzigd', 'regeling-gewijzigd',
    'beleid-gewijzigd', 'tarief-gewijzigd', 'aanvraag-gewijzigd', 'brief-gemaakt')
BEGIN
    SELECT RAISE(ABORT, 'Onbekende handeling voor het logboek.');
END;
