-- The cost of planned (and confirmed) sessions per year and municipality of
-- the recipient, kept up to date by triggers on session, so the dashboard
-- reads ten rows instead of costing every planned session of the year.
-- The cost rule is the ledger's (funding::ledger::cost_of): the tariff valid
-- on the date (the latest that started), per hour x minutes / 60 half up,
-- per dagdeel or etmaal x units (or as many as the time fills).
-- A change to tariffs, services or a recipient's municipality marks the
-- totals stale; the next reader rebuilds them from the sessions
-- (funding::views::planned_totals), and a test checks both agree.
CREATE TABLE planned_total (
    year              INTEGER NOT NULL,
    municipality_code TEXT NOT NULL,
    cents             INTEGER NOT NULL,
    PRIMARY KEY (year, municipality_code)
) WITHOUT ROWID;

CREATE TABLE planned_total_state (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    stale INTEGER NOT NULL
);
INSERT INTO planned_total_state (id, stale) VALUES (1, 1);

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

-- An update takes the old session out (with the tariffs as they are now,
-- which are the ones it was added with: a tariff change marks the totals
-- stale) and puts the new one in.
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

CREATE TRIGGER planned_total_tariff_insert AFTER INSERT ON tariff
BEGIN UPDATE planned_total_state SET stale = 1; END;
CREATE TRIGGER planned_total_tariff_update AFTER UPDATE ON tariff
BEGIN UPDATE planned_total_state SET stale = 1; END;
CREATE TRIGGER planned_total_tariff_delete AFTER DELETE ON tariff
BEGIN UPDATE planned_total_state SET stale = 1; END;
CREATE TRIGGER planned_total_service_insert AFTER INSERT ON provider_service
BEGIN UPDATE planned_total_state SET stale = 1; END;
CREATE TRIGGER planned_total_service_update AFTER UPDATE ON provider_service
BEGIN UPDATE planned_total_state SET stale = 1; END;
CREATE TRIGGER planned_total_service_delete AFTER DELETE ON provider_service
BEGIN UPDATE planned_total_state SET stale = 1; END;
CREATE TRIGGER planned_total_recipient_moved AFTER UPDATE OF municipality_code ON care_recipient
WHEN OLD.municipality_code IS NOT NEW.municipality_code
BEGIN UPDATE planned_total_state SET stale = 1; END;
