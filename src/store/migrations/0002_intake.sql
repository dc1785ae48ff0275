-- Intakes by MEE consultants, burden assessments, and the app's mode
-- (director or consultant) for the hand-over between laptops.

CREATE TABLE intake (
    id                       INTEGER PRIMARY KEY,
    -- Stable across laptops: 128 random bits as hex. A hand-over file carries
    -- it, so importing the same intake twice finds it and skips it.
    handover_id              TEXT NOT NULL UNIQUE,
    caregiver_id             INTEGER NOT NULL REFERENCES caregiver(id),
    recipient_id             INTEGER REFERENCES care_recipient(id),
    status                   TEXT NOT NULL DEFAULT 'concept'
        CHECK (status IN ('concept', 'afgerond', 'overgedragen', 'in_behandeling', 'gesloten')),
    intake_date              TEXT,                        -- ISO date
    consultant_name          TEXT NOT NULL DEFAULT '',
    consultant_organisation  TEXT NOT NULL DEFAULT '',
    care_minutes_per_week    INTEGER,
    caring_since             TEXT,
    recipient_situation      TEXT NOT NULL DEFAULT '[]',  -- JSON array of codes ('dementie', 'nah', ...)
    -- Other care and funding in place: respite paid twice is refused later.
    wlz_indication           INTEGER NOT NULL DEFAULT 0,
    wmo_respite              INTEGER NOT NULL DEFAULT 0,
    pgb                      INTEGER NOT NULL DEFAULT 0,
    other_care               TEXT NOT NULL DEFAULT '',
    -- The respite need.
    respite_forms            TEXT NOT NULL DEFAULT '[]',  -- JSON array: thuis, dagopvang, logeeropvang, 24uurs
    respite_minutes_per_week INTEGER,
    respite_frequency        TEXT NOT NULL DEFAULT '',    -- "twee keer per maand", when not per week
    preferred_days           TEXT NOT NULL DEFAULT '[]',  -- JSON array: ma .. zo
    preferred_dayparts       TEXT NOT NULL DEFAULT '[]',  -- JSON array: ochtend, middag, avond, nacht
    respite_start            TEXT,
    urgency                  TEXT NOT NULL DEFAULT 'normaal' CHECK (urgency IN ('normaal', 'binnenkort', 'crisis')),
    -- Wishes for the helper.
    language                 TEXT NOT NULL DEFAULT '',
    helper_gender            TEXT NOT NULL DEFAULT 'geen_voorkeur' CHECK (helper_gender IN ('geen_voorkeur', 'vrouw', 'man')),
    pets                     TEXT NOT NULL DEFAULT '',    -- which animals live in the home; empty = none
    smoking_in_home          INTEGER NOT NULL DEFAULT 0,
    smoke_free_helper        INTEGER NOT NULL DEFAULT 0,
    -- Consent (AVG): what, when, by whom.
    consent_given            INTEGER NOT NULL DEFAULT 0,
    consent_date             TEXT,
    consent_providers        INTEGER NOT NULL DEFAULT 0,
    consent_funders          INTEGER NOT NULL DEFAULT 0,
    consent_gp               INTEGER NOT NULL DEFAULT 0,
    consent_recorded_by      TEXT NOT NULL DEFAULT '',
    follow_up_date           TEXT,
    notes                    TEXT NOT NULL DEFAULT '',
    -- The form exactly as last typed, so a concept loses nothing that does not parse yet.
    form_json                TEXT NOT NULL DEFAULT '{}',
    created_at               TEXT NOT NULL,
    updated_at               TEXT NOT NULL,
    completed_at             TEXT,
    handed_over_at           TEXT,
    picked_up_at             TEXT
);
CREATE INDEX intake_caregiver ON intake(caregiver_id);
CREATE INDEX intake_status ON intake(status);
CREATE INDEX intake_follow_up ON intake(follow_up_date) WHERE follow_up_date IS NOT NULL;

-- Re-assessments are new rows, never overwrites: the dossier shows the trend.
-- Score, band and overload are kept as computed then, so a region that later
-- changes an instrument's bands does not rewrite history.
CREATE TABLE burden_assessment (
    id           INTEGER PRIMARY KEY,
    intake_id    INTEGER NOT NULL REFERENCES intake(id),
    instrument   TEXT NOT NULL,          -- 'ediz_plus', 'csi', ...
    answers      TEXT NOT NULL,          -- JSON array of integers, one per item
    score        INTEGER NOT NULL,
    band         TEXT NOT NULL,
    overloaded   INTEGER NOT NULL,
    assessed_on  TEXT NOT NULL,          -- ISO date
    created_at   TEXT NOT NULL
);
CREATE INDEX burden_assessment_intake ON burden_assessment(intake_id, assessed_on);

INSERT INTO setting (key, value) VALUES ('mode', 'director') ON CONFLICT(key) DO NOTHING;
