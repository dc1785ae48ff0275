-- Code columns accept only the codes this version knows. The core reads
-- every code typed and refuses one it does not know (a unit read as "per
-- hour" priced a dagdeel as euros per hour); the store now refuses to take
-- one in. The lists are the codes of the Rust types (provider::Unit,
-- planning::SessionStatus, ...); a test in migrations.rs keeps them equal.
--
-- SQLite adds a CHECK to an existing column only by rebuilding the table:
-- a new table with the checks, the rows copied, the old one dropped and the
-- new one renamed, then its indexes and triggers made again exactly as
-- migrations 0003-0013 left them. This migration runs with foreign keys
-- off, as SQLite's procedure says (migrations.rs, REBUILDS), and the
-- references are checked before it commits. The view and the triggers that
-- name the rebuilt tables are dropped first and made again last: SQLite
-- checks them when a table is renamed.
--
-- The audit trail is not rebuilt: it grows with every dossier opened, is
-- append-only, and its list of actions grows with the app. A trigger
-- refuses unknown actions instead; a later action replaces the trigger
-- rather than copying the whole trail.

DROP VIEW planned_session_cost;
DROP TRIGGER planned_total_insert;
DROP TRIGGER planned_total_update_out;
DROP TRIGGER planned_total_update_in;
DROP TRIGGER planned_total_delete;
DROP TRIGGER planned_total_service_insert;
DROP TRIGGER planned_total_service_update;
DROP TRIGGER planned_total_service_delete;

-- provider.kind: ProviderKind.
CREATE TABLE provider_new (
    id                        INTEGER PRIMARY KEY,
    extern_id                 TEXT UNIQUE,
    name                      TEXT NOT NULL,
    kind                      TEXT NOT NULL DEFAULT 'professioneel'
        CHECK (kind IN ('professioneel', 'vrijwilligers')),
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
INSERT INTO provider_new (id, extern_id, name, kind, pc4, max_distance_km, capacity_minutes_per_week, places_per_day,
    availability_mask, specialisms, languages, funders, contact_name, phone, email, example, archived_at, created_at,
    updated_at)
SELECT id, extern_id, name, kind, pc4, max_distance_km, capacity_minutes_per_week, places_per_day,
    availability_mask, specialisms, languages, funders, contact_name, phone, email, example, archived_at, created_at,
    updated_at
FROM provider;
DROP TABLE provider;
ALTER TABLE provider_new RENAME TO provider;

-- provider_service.form: RespiteForm; .unit: Unit.
CREATE TABLE provider_service_new (
    id          INTEGER PRIMARY KEY,
    provider_id INTEGER NOT NULL REFERENCES provider(id),
    form        TEXT NOT NULL CHECK (form IN ('thuis', 'dagopvang', 'logeeropvang', '24uurs')),
    unit        TEXT NOT NULL CHECK (unit IN ('uur', 'dagdeel', 'etmaal')),
    UNIQUE (provider_id, form)
);
INSERT INTO provider_service_new (id, provider_id, form, unit)
SELECT id, provider_id, form, unit FROM provider_service;
DROP TABLE provider_service;
ALTER TABLE provider_service_new RENAME TO provider_service;

-- session.form: RespiteForm; .unit: Unit; .status: SessionStatus.
CREATE TABLE session_new (
    id                INTEGER PRIMARY KEY,
    caregiver_id      INTEGER NOT NULL REFERENCES caregiver(id),
    recipient_id      INTEGER NOT NULL REFERENCES care_recipient(id),
    provider_id       INTEGER NOT NULL REFERENCES provider(id),
    helper_id         INTEGER REFERENCES helper(id),
    series_id         INTEGER REFERENCES session_series(id),
    form              TEXT NOT NULL CHECK (form IN ('thuis', 'dagopvang', 'logeeropvang', '24uurs')),
    unit              TEXT NOT NULL CHECK (unit IN ('uur', 'dagdeel', 'etmaal')),
    date              TEXT NOT NULL,            -- start date, ISO
    iso_week          INTEGER NOT NULL,         -- e.g. 202648
    starts_at         INTEGER NOT NULL,
    ends_at           INTEGER NOT NULL,
    units             INTEGER NOT NULL,         -- dagdelen or etmalen; 0 for hourly forms
    status            TEXT NOT NULL DEFAULT 'gepland'
        CHECK (status IN ('gepland', 'bevestigd', 'uitgevoerd', 'geannuleerd', 'niet_verschenen')),
    delivered_minutes INTEGER,
    handover_note     TEXT NOT NULL DEFAULT '',
    statement_ref     TEXT UNIQUE,              -- the provider statement line that reported it
    needs_review      INTEGER NOT NULL DEFAULT 0,
    review_note       TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
INSERT INTO session_new (id, caregiver_id, recipient_id, provider_id, helper_id, series_id, form, unit, date, iso_week,
    starts_at, ends_at, units, status, delivered_minutes, handover_note, statement_ref, needs_review, review_note,
    created_at, updated_at)
SELECT id, caregiver_id, recipient_id, provider_id, helper_id, series_id, form, unit, date, iso_week,
    starts_at, ends_at, units, status, delivered_minutes, handover_note, statement_ref, needs_review, review_note,
    created_at, updated_at
FROM session;
DROP TABLE session;
ALTER TABLE session_new RENAME TO session;
-- 0003
CREATE INDEX session_provider_week ON session(provider_id, iso_week, status, form, starts_at, ends_at);
CREATE INDEX session_provider_time ON session(provider_id, starts_at);
CREATE INDEX session_caregiver_time ON session(caregiver_id, starts_at);
CREATE INDEX session_recipient_time ON session(recipient_id, starts_at);
CREATE INDEX session_helper_time ON session(helper_id, starts_at) WHERE helper_id IS NOT NULL;
CREATE INDEX session_by_series ON session(series_id, starts_at) WHERE series_id IS NOT NULL;
-- 0006
CREATE INDEX session_needs_review ON session(date) WHERE needs_review = 1;
-- 0007 (session_by_date of 0004 went in 0009)
CREATE INDEX session_by_status_date ON session(status, date, recipient_id, provider_id, form, unit, starts_at, ends_at, units,
    caregiver_id, delivered_minutes);

-- clash_override.kind: ClashKind.
CREATE TABLE clash_override_new (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES session(id),
    kind       TEXT NOT NULL CHECK (kind IN ('naaste_dubbel', 'hulp_dubbel', 'capaciteit', 'feestdag')),
    detail     TEXT NOT NULL,
    reason     TEXT NOT NULL,
    decided_at TEXT NOT NULL
);
INSERT INTO clash_override_new (id, session_id, kind, detail, reason, decided_at)
SELECT id, session_id, kind, detail, reason, decided_at FROM clash_override;
DROP TABLE clash_override;
ALTER TABLE clash_override_new RENAME TO clash_override;
CREATE INDEX clash_override_session ON clash_override(session_id);

-- insurer_scheme.policy_holder: PolicyHolder; .cap_unit: CapUnit.
CREATE TABLE insurer_scheme_new (
    id                     INTEGER PRIMARY KEY,
    code                   TEXT NOT NULL UNIQUE,      -- funder code in the ledger, e.g. VGZ
    name                   TEXT NOT NULL,
    insurers               TEXT NOT NULL,             -- JSON: insurer names on a policy that belong to it
    policy_holder          TEXT NOT NULL DEFAULT 'mantelzorger'
        CHECK (policy_holder IN ('mantelzorger', 'naaste')),
    requires_supplementary INTEGER NOT NULL DEFAULT 1,
    cap_unit               TEXT NOT NULL CHECK (cap_unit IN ('dagen', 'uren', 'euro')),
    cap_amount             INTEGER NOT NULL,          -- days, minutes or cents per calendar year
    day_minutes            INTEGER,                   -- NULL: a date with delivered respite is a day; else N minutes make a day
    forms                  TEXT NOT NULL,             -- JSON respite forms covered
    exclude_wlz            INTEGER NOT NULL DEFAULT 0,
    priority               INTEGER NOT NULL DEFAULT 1,
    active                 INTEGER NOT NULL DEFAULT 1
);
INSERT INTO insurer_scheme_new (id, code, name, insurers, policy_holder, requires_supplementary, cap_unit, cap_amount,
    day_minutes, forms, exclude_wlz, priority, active)
SELECT id, code, name, insurers, policy_holder, requires_supplementary, cap_unit, cap_amount,
    day_minutes, forms, exclude_wlz, priority, active
FROM insurer_scheme;
DROP TABLE insurer_scheme;
ALTER TABLE insurer_scheme_new RENAME TO insurer_scheme;

-- export_log.kind: ExportKind; .format: ExportFormat.
CREATE TABLE export_log_new (
    id          INTEGER PRIMARY KEY,
    period      TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('gebruik', 'verzekeraar', 'gemeente', 'regio')),
    funder      TEXT,
    format      TEXT NOT NULL CHECK (format IN ('csv', 'xlsx', 'html')),
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    rows        INTEGER NOT NULL,
    total_cents INTEGER NOT NULL,
    final       INTEGER NOT NULL DEFAULT 0,
    exported_by TEXT NOT NULL DEFAULT '',
    exported_at TEXT NOT NULL
);
INSERT INTO export_log_new (id, period, kind, funder, format, file_name, sha256, rows, total_cents, final, exported_by,
    exported_at)
SELECT id, period, kind, funder, format, file_name, sha256, rows, total_cents, final, exported_by, exported_at
FROM export_log;
DROP TABLE export_log;
ALTER TABLE export_log_new RENAME TO export_log;
CREATE INDEX export_log_period ON export_log(period);

-- audit_entry.action: AuditAction (updates are refused by audit_entry_no_update).
CREATE TRIGGER audit_entry_known_action BEFORE INSERT ON audit_entry
WHEN NEW.action NOT IN ('dossier-bekeken', 'dossier-aangemaakt', 'dossier-gewijzigd', 'intake-bekeken',
    'intake-gewijzigd', 'conflict-doorgezet', 'export', 'overdracht-gemaakt', 'overdracht-ingelezen', 'import',
    'logboek-uitgevoerd', 'back-up-teruggezet', 'wachtwoordzin-gewijzigd', 'gewist', 'bewaarplicht')
BEGIN
    SELECT RAISE(ABORT, 'Onbekende handeling voor het logboek.');
END;

-- 0008, as it was.
CREATE VIEW planned_session_cost AS
SELECT s.id AS session_id, CAST(substr(s.date, 1, 4) AS INTEGER) AS year, r.municipality_code,
       CASE s.unit
           WHEN 'dagdeel' THEN t.cents * CASE WHEN s.units > 0 THEN s.units ELSE (s.ends_at - s.starts_at + 239) / 240 END
           WHEN 'etmaal' THEN t.cents * CASE WHEN s.units > 0 THEN s.units ELSE (s.ends_at - s.starts_at + 1439) / 1440 END
           ELSE (t.cents * (s.ends_at - s.starts_at) + 30) / 60
       END AS cents
FROM session s
JOIN care_recipient r ON r.id = s.recipient_id AND r.municipality_code IS NOT NULL
JOIN provider_service ps ON ps.provider_id = s.provider_id AND ps.form = s.form
JOIN tariff t ON t.id = (
    SELECT t2.id FROM tariff t2 WHERE t2.service_id = ps.id AND t2.valid_from <= s.date
      AND (t2.valid_to IS NULL OR t2.valid_to >= s.date)
    ORDER BY t2.valid_from DESC LIMIT 1);

CREATE TRIGGER planned_total_insert AFTER INSERT ON session
WHEN NEW.status IN ('gepland', 'bevestigd')
BEGIN
    INSERT INTO planned_total (year, municipality_code, cents)
    SELECT year, municipality_code, cents FROM planned_session_cost WHERE session_id = NEW.id
    ON CONFLICT (year, municipality_code) DO UPDATE SET cents = cents + excluded.cents;
END;

CREATE TRIGGER planned_total_update_out BEFORE UPDATE OF status, date, starts_at, ends_at, units, unit, provider_id, form,
    recipient_id ON session
WHEN OLD.status IN ('gepland', 'bevestigd')
BEGIN
    INSERT INTO planned_total (year, municipality_code, cents)
    SELECT year, municipality_code, -cents FROM planned_session_cost WHERE session_id = OLD.id
    ON CONFLICT (year, municipality_code) DO UPDATE SET cents = cents + excluded.cents;
END;

CREATE TRIGGER planned_total_update_in AFTER UPDATE OF status, date, starts_at, ends_at, units, unit, provider_id, form,
    recipient_id ON session
WHEN NEW.status IN ('gepland', 'bevestigd')
BEGIN
    INSERT INTO planned_total (year, municipality_code, cents)
    SELECT year, municipality_code, cents FROM planned_session_cost WHERE session_id = NEW.id
    ON CONFLICT (year, municipality_code) DO UPDATE SET cents = cents + excluded.cents;
END;

CREATE TRIGGER planned_total_delete BEFORE DELETE ON session
WHEN OLD.status IN ('gepland', 'bevestigd')
BEGIN
    INSERT INTO planned_total (year, municipality_code, cents)
    SELECT year, municipality_code, -cents FROM planned_session_cost WHERE session_id = OLD.id
    ON CONFLICT (year, municipality_code) DO UPDATE SET cents = cents + excluded.cents;
END;

CREATE TRIGGER planned_total_service_insert AFTER INSERT ON provider_service
BEGIN UPDATE planned_total_state SET stale = 1; END;
CREATE TRIGGER planned_total_service_update AFTER UPDATE ON provider_service
BEGIN UPDATE planned_total_state SET stale = 1; END;
CREATE TRIGGER planned_total_service_delete AFTER DELETE ON provider_service
BEGIN UPDATE planned_total_state SET stale = 1; END;
