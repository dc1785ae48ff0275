-- Respite providers, their services and tariffs, and planned and delivered sessions.

CREATE TABLE provider (
    id                        INTEGER PRIMARY KEY,
    extern_id                 TEXT UNIQUE,
    name                      TEXT NOT NULL,
    kind                      TEXT NOT NULL DEFAULT 'professioneel',  -- or 'vrijwilligers'
    pc4                       TEXT NOT NULL DEFAULT '',               -- base, for distances
    max_distance_km           INTEGER NOT NULL DEFAULT 0,
    capacity_minutes_per_week INTEGER,                                -- respite at home
    places_per_day            INTEGER,                                -- day care, short stay
    availability_mask         INTEGER NOT NULL DEFAULT 0,             -- bit (weekday * 4 + daypart)
    specialisms               TEXT NOT NULL DEFAULT '[]',             -- JSON codes
    languages                 TEXT NOT NULL DEFAULT '[]',
    funders                   TEXT NOT NULL DEFAULT '[]',
    contact_name              TEXT NOT NULL DEFAULT '',
    phone                     TEXT NOT NULL DEFAULT '',
    email                     TEXT NOT NULL DEFAULT '',
    example                   INTEGER NOT NULL DEFAULT 0,             -- seeded: to be filled in
    archived_at               TEXT,
    created_at                TEXT NOT NULL,
    updated_at                TEXT NOT NULL
);

CREATE TABLE provider_municipality (
    provider_id       INTEGER NOT NULL REFERENCES provider(id),
    municipality_code TEXT NOT NULL REFERENCES municipality(code),
    PRIMARY KEY (provider_id, municipality_code)
) WITHOUT ROWID;

CREATE TABLE provider_service (
    id          INTEGER PRIMARY KEY,
    provider_id INTEGER NOT NULL REFERENCES provider(id),
    form        TEXT NOT NULL,   -- thuis, dagopvang, logeeropvang, 24uurs
    unit        TEXT NOT NULL,   -- uur, dagdeel, etmaal
    UNIQUE (provider_id, form)
);

CREATE TABLE tariff (
    id          INTEGER PRIMARY KEY,
    service_id  INTEGER NOT NULL REFERENCES provider_service(id),
    cents       INTEGER NOT NULL,      -- per unit
    valid_from  TEXT NOT NULL,
    valid_to    TEXT,                  -- inclusive; NULL = open
    example     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX tariff_service ON tariff(service_id, valid_from);

CREATE TABLE helper (
    id          INTEGER PRIMARY KEY,
    provider_id INTEGER NOT NULL REFERENCES provider(id),
    name        TEXT NOT NULL,
    active      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX helper_provider ON helper(provider_id);

CREATE TABLE session_series (
    id            INTEGER PRIMARY KEY,
    every_weeks   INTEGER NOT NULL,
    weekdays      TEXT NOT NULL,       -- JSON codes
    first_date    TEXT NOT NULL,
    until_date    TEXT,
    count         INTEGER,
    skip_holidays INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL
);

-- Times are wall-clock minutes since 1970-01-01 00:00 (Dutch local time), so
-- overlaps and weeks are plain integer comparisons.
CREATE TABLE session (
    id                INTEGER PRIMARY KEY,
    caregiver_id      INTEGER NOT NULL REFERENCES caregiver(id),
    recipient_id      INTEGER NOT NULL REFERENCES care_recipient(id),
    provider_id       INTEGER NOT NULL REFERENCES provider(id),
    helper_id         INTEGER REFERENCES helper(id),
    series_id         INTEGER REFERENCES session_series(id),
    form              TEXT NOT NULL,
    unit              TEXT NOT NULL,
    date              TEXT NOT NULL,            -- start date, ISO
    iso_week          INTEGER NOT NULL,         -- e.g. 202648
    starts_at         INTEGER NOT NULL,
    ends_at           INTEGER NOT NULL,
    units             INTEGER NOT NULL,         -- dagdelen or etmalen; 0 for hourly forms
    status            TEXT NOT NULL DEFAULT 'gepland',
    delivered_minutes INTEGER,
    handover_note     TEXT NOT NULL DEFAULT '',
    statement_ref     TEXT UNIQUE,              -- the provider statement line that reported it
    needs_review      INTEGER NOT NULL DEFAULT 0,
    review_note       TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE INDEX session_provider_week ON session(provider_id, iso_week, status, form, starts_at, ends_at);
CREATE INDEX session_provider_time ON session(provider_id, starts_at);
CREATE INDEX session_caregiver_time ON session(caregiver_id, starts_at);
CREATE INDEX session_recipient_time ON session(recipient_id, starts_at);
CREATE INDEX session_helper_time ON session(helper_id, starts_at) WHERE helper_id IS NOT NULL;
CREATE INDEX session_by_series ON session(series_id, starts_at) WHERE series_id IS NOT NULL;

-- A clash the director accepted, with the reason, so it is known later why.
CREATE TABLE clash_override (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES session(id),
    kind       TEXT NOT NULL,
    detail     TEXT NOT NULL,
    reason     TEXT NOT NULL,
    decided_at TEXT NOT NULL
);
CREATE INDEX clash_override_session ON clash_override(session_id);
