-- The region (data, not code) and the register of caregivers and care recipients.

CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE municipality (
    code     TEXT PRIMARY KEY,          -- CBS code, e.g. GM0505
    name     TEXT NOT NULL,
    province TEXT NOT NULL DEFAULT ''
);

CREATE TABLE postcode_area (
    pc4               TEXT PRIMARY KEY,  -- four digits
    place             TEXT NOT NULL,
    municipality_code TEXT NOT NULL REFERENCES municipality(code),
    kind              TEXT NOT NULL,     -- 'woon' or 'postbus'
    inhabitants       INTEGER,
    lat               REAL,
    lon               REAL
);
CREATE INDEX postcode_area_municipality ON postcode_area(municipality_code);

CREATE TABLE caregiver (
    id                    INTEGER PRIMARY KEY,
    extern_id             TEXT UNIQUE,
    first_name            TEXT NOT NULL,
    last_name             TEXT NOT NULL,
    date_of_birth         TEXT NOT NULL,          -- ISO date
    postcode              TEXT NOT NULL,          -- '1234 AB'
    house_number          TEXT NOT NULL,
    street                TEXT NOT NULL DEFAULT '',
    place                 TEXT NOT NULL DEFAULT '',
    municipality_code     TEXT REFERENCES municipality(code),  -- effective; NULL = outside the region
    municipality_override INTEGER NOT NULL DEFAULT 0,
    phone                 TEXT NOT NULL DEFAULT '',            -- '+31...'
    email                 TEXT NOT NULL DEFAULT '',
    insurer               TEXT NOT NULL DEFAULT '',
    policy_number         TEXT NOT NULL DEFAULT '',
    supplementary_policy  INTEGER NOT NULL DEFAULT 0,
    care_minutes_per_week INTEGER,
    caring_since          TEXT,
    notes                 TEXT NOT NULL DEFAULT '',
    sort_key              TEXT NOT NULL,
    twin_key              TEXT NOT NULL,
    search_text           TEXT NOT NULL,
    archived_at           TEXT,
    archive_reason        TEXT,
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL
);
CREATE INDEX caregiver_sort ON caregiver(sort_key);
CREATE INDEX caregiver_twin ON caregiver(twin_key);
CREATE INDEX caregiver_postcode ON caregiver(postcode, sort_key);
CREATE INDEX caregiver_municipality ON caregiver(municipality_code, sort_key);

-- Substring search over name, postcode, place and municipality; rowid = caregiver.id.
-- Kept by the core (not by triggers): a trigger would make every insert flush
-- the FTS index, which makes a bulk import twenty times slower.
CREATE VIRTUAL TABLE caregiver_search USING fts5(search_text, tokenize = 'trigram');

CREATE TABLE care_recipient (
    id                    INTEGER PRIMARY KEY,
    first_name            TEXT NOT NULL,
    last_name             TEXT NOT NULL,
    date_of_birth         TEXT NOT NULL,
    postcode              TEXT NOT NULL,
    house_number          TEXT NOT NULL,
    street                TEXT NOT NULL DEFAULT '',
    place                 TEXT NOT NULL DEFAULT '',
    municipality_code     TEXT REFERENCES municipality(code),
    municipality_override INTEGER NOT NULL DEFAULT 0,
    wlz_indication        INTEGER NOT NULL DEFAULT 0,
    twin_key              TEXT NOT NULL,
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL
);
CREATE INDEX care_recipient_twin ON care_recipient(twin_key);

-- A recipient can have more than one caregiver; the relationship belongs to the pair.
CREATE TABLE caregiver_recipient (
    caregiver_id INTEGER NOT NULL REFERENCES caregiver(id),
    recipient_id INTEGER NOT NULL REFERENCES care_recipient(id),
    relationship TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (caregiver_id, recipient_id)
) WITHOUT ROWID;
CREATE INDEX caregiver_recipient_by_recipient ON caregiver_recipient(recipient_id);
