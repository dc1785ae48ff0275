-- Shared funding: municipal budgets, insurer schemes, closed periods and the
-- allocation ledger.

CREATE TABLE budget (
    municipality_code TEXT NOT NULL REFERENCES municipality(code),
    year              INTEGER NOT NULL,
    cents             INTEGER NOT NULL,
    updated_at        TEXT NOT NULL,
    PRIMARY KEY (municipality_code, year)
) WITHOUT ROWID;

-- An insurer's rules for respite (mantelzorgvervanging). Units and caps
-- differ per insurer, so they are data (domain.md).
CREATE TABLE insurer_scheme (
    id                     INTEGER PRIMARY KEY,
    code                   TEXT NOT NULL UNIQUE,      -- funder code in the ledger, e.g. VGZ
    name                   TEXT NOT NULL,
    insurers               TEXT NOT NULL,             -- JSON: insurer names on a policy that belong to it
    policy_holder          TEXT NOT NULL DEFAULT 'mantelzorger',  -- or 'naaste'
    requires_supplementary INTEGER NOT NULL DEFAULT 1,
    cap_unit               TEXT NOT NULL,             -- 'dagen', 'uren' or 'euro'
    cap_amount             INTEGER NOT NULL,          -- days, minutes or cents per calendar year
    day_minutes            INTEGER,                   -- NULL: a date with delivered respite is a day; else N minutes make a day
    forms                  TEXT NOT NULL,             -- JSON respite forms covered
    exclude_wlz            INTEGER NOT NULL DEFAULT 0,
    priority               INTEGER NOT NULL DEFAULT 1,
    active                 INTEGER NOT NULL DEFAULT 1
);

INSERT INTO insurer_scheme (code, name, insurers, policy_holder, requires_supplementary, cap_unit, cap_amount,
                            day_minutes, forms, exclude_wlz, priority)
VALUES ('VGZ', 'VGZ aanvullende verzekering (mantelzorgvervanging)', '["VGZ"]', 'mantelzorger', 1, 'dagen', 14,
        NULL, '["thuis","dagopvang","logeeropvang","24uurs"]', 0, 1);

-- Reported periods: entries booked in them never change again.
CREATE TABLE closed_period (
    id         INTEGER PRIMARY KEY,
    label      TEXT NOT NULL,
    first_day  TEXT NOT NULL,
    last_day   TEXT NOT NULL,
    closed_at  TEXT NOT NULL,
    closed_by  TEXT NOT NULL DEFAULT ''
);

-- Who pays what for each delivered session. Entries booked in a closed
-- period are frozen; a later change is a reverse-and-replace pair of
-- 'correctie' entries booked in the first open day.
CREATE TABLE ledger_entry (
    id           INTEGER PRIMARY KEY,
    session_id   INTEGER NOT NULL REFERENCES session(id),
    caregiver_id INTEGER NOT NULL REFERENCES caregiver(id),
    funder       TEXT NOT NULL,          -- scheme code, CBS municipality code or NIET_GEDEKT
    year         INTEGER NOT NULL,       -- year of the service date
    service_date TEXT NOT NULL,
    booking_date TEXT NOT NULL,
    cents        INTEGER NOT NULL,
    minutes      INTEGER NOT NULL,
    cap_days     INTEGER NOT NULL DEFAULT 0,
    kind         TEXT NOT NULL DEFAULT 'regulier',
    frozen       INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL
);
CREATE INDEX ledger_by_session ON ledger_entry(session_id);
CREATE INDEX ledger_by_year ON ledger_entry(year, funder, service_date);
CREATE INDEX ledger_by_booking ON ledger_entry(booking_date);
CREATE INDEX ledger_by_caregiver ON ledger_entry(caregiver_id, year);
CREATE INDEX session_by_date ON session(date, status);
-- Planned work by date, covering what the dashboard's estimate of commitments reads.
CREATE INDEX session_by_status_date ON session(status, date, recipient_id, provider_id, form, unit, starts_at, ends_at, units);

-- Totals per service month and funder, and per caregiver and scheme, kept by
-- the re-allocation (which knows them exactly): the dashboard reads these
-- instead of summing the whole ledger.
CREATE TABLE ledger_total (
    year     INTEGER NOT NULL,
    month    INTEGER NOT NULL,
    funder   TEXT NOT NULL,
    cents    INTEGER NOT NULL,
    minutes  INTEGER NOT NULL,
    cap_days INTEGER NOT NULL,
    PRIMARY KEY (year, month, funder)
) WITHOUT ROWID;

CREATE TABLE cap_total (
    year         INTEGER NOT NULL,
    funder       TEXT NOT NULL,
    caregiver_id INTEGER NOT NULL REFERENCES caregiver(id),
    days         INTEGER NOT NULL,
    minutes      INTEGER NOT NULL,
    cents        INTEGER NOT NULL,
    PRIMARY KEY (year, funder, caregiver_id)
) WITHOUT ROWID;
CREATE INDEX cap_total_days ON cap_total(year, funder, days);
