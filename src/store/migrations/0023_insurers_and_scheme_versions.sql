-- The Dutch insurers as data (groups, labels and the names people write for
-- them), loaded from data/insurers/*.csv by the core when a store is made
-- ready and replaceable with `respijt verzekeraars laden FILE`. The load
-- gives every caregiver whose insurer it recognises the list's label.
CREATE TABLE insurer (
    label      TEXT PRIMARY KEY,
    group_name TEXT NOT NULL,
    aliases    TEXT NOT NULL DEFAULT '[]',   -- JSON: other names for the label
    year       INTEGER NOT NULL
);

-- A scheme on the recipient's policy ('naaste') needs the recipient's
-- insurer and supplementary policy; empty: not known.
ALTER TABLE care_recipient ADD COLUMN insurer TEXT NOT NULL DEFAULT '';
ALTER TABLE care_recipient ADD COLUMN supplementary_policy INTEGER NOT NULL DEFAULT 0;

-- Schemes get versions: a code (the funder in the ledger) may have several
-- rows, each valid from a date (NULL: from the start) to a date (NULL: open),
-- so next year's cap is a new version and closed years keep theirs. Besides
-- Wlz, Wmo respite and a PGB can exclude a scheme; eligibility is hours of
-- care a week and months of caring, joined by 'of' or 'en'. No table
-- refers to insurer_scheme, so it is rebuilt in place.
CREATE TABLE insurer_scheme_new (
    id                     INTEGER PRIMARY KEY,
    code                   TEXT NOT NULL,             -- funder code in the ledger, e.g. VGZ
    name                   TEXT NOT NULL,
    insurers               TEXT NOT NULL,             -- JSON: insurer labels (data/insurers) covered
    policy_holder          TEXT NOT NULL DEFAULT 'mantelzorger'
        CHECK (policy_holder IN ('mantelzorger', 'naaste')),
    requires_supplementary INTEGER NOT NULL DEFAULT 1,
    cap_unit               TEXT NOT NULL CHECK (cap_unit IN ('dagen', 'uren', 'euro')),
    cap_amount             INTEGER NOT NULL,          -- days, minutes or cents per calendar year
    day_minutes            INTEGER,                   -- NULL: a date with delivered respite is a day; else N minutes make a day
    forms                  TEXT NOT NULL,             -- JSON respite forms covered
    exclude_wlz            INTEGER NOT NULL DEFAULT 0,
    exclude_wmo            INTEGER NOT NULL DEFAULT 0,
    exclude_pgb            INTEGER NOT NULL DEFAULT 0,
    min_care_minutes       INTEGER,                   -- eligibility: minutes of care a week, NULL: no condition
    min_months_caring      INTEGER,                   -- eligibility: months of caring, NULL: no condition
    eligibility_rule       TEXT NOT NULL DEFAULT 'of' CHECK (eligibility_rule IN ('of', 'en')),
    valid_from             TEXT,                      -- ISO date; NULL: from the start
    valid_to               TEXT,                      -- ISO date, inclusive; NULL: open
    note                   TEXT NOT NULL DEFAULT '',  -- e.g. 'voorbeeld: controleer de polisvoorwaarden'
    priority               INTEGER NOT NULL DEFAULT 1,
    active                 INTEGER NOT NULL DEFAULT 1, -- 0: archived
    UNIQUE (code, valid_from)
);
INSERT INTO insurer_scheme_new (id, code, name, insurers, policy_holder, requires_supplementary, cap_unit, cap_amount,
    day_minutes, forms, exclude_wlz, priority, active)
SELECT id, code, name, insurers, policy_holder, requires_supplementary, cap_unit, cap_amount,
    day_minutes, forms, exclude_wlz, priority, active
FROM insurer_scheme;
DROP TABLE insurer_scheme;
ALTER TABLE insurer_scheme_new RENAME TO insurer_scheme;
CREATE INDEX insurer_scheme_by_code ON insurer_scheme(code, valid_from);

-- Examples of other insurers' schemes with the unit facts in domain.md,
-- archived (not active) so the region's default stays VGZ alone; the
-- director checks the policy conditions and activates them.
INSERT INTO insurer_scheme (code, name, insurers, policy_holder, requires_supplementary, cap_unit, cap_amount,
                            day_minutes, forms, note, priority, active)
VALUES
    ('ZK', 'Zilveren Kruis aanvullende verzekering (mantelzorgvervanging)', '["Zilveren Kruis"]', 'mantelzorger', 1,
     'uren', 5760, NULL, '["thuis","dagopvang","logeeropvang","24uurs"]',
     'voorbeeld: controleer de polisvoorwaarden', 2, 0),
    ('ZENZ', 'Zorg en Zekerheid aanvullende verzekering (respijtzorg)', '["Zorg en Zekerheid"]', 'mantelzorger', 1,
     'dagen', 5, NULL, '["thuis","dagopvang","logeeropvang","24uurs"]',
     'voorbeeld: controleer de polisvoorwaarden', 3, 0);
