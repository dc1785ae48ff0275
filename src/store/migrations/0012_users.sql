-- Users and roles on one store. With no users the store is one person's
-- (the director's, or on a consultant's laptop the consultant's), as
-- before. Once the director adds users, everyone signs in after the
-- store is unlocked, and each role sees what it needs:
--   regisseur: everything; consulent: intakes and their own caseload;
--   financien: funding and exports, no dossiers or intake notes.
-- Passwords are argon2id hashes (PHC strings); a user is disabled, never
-- deleted, so the audit trail's names keep meaning something.
CREATE TABLE app_user (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE COLLATE NOCASE,
    role          TEXT NOT NULL CHECK (role IN ('regisseur', 'consulent', 'financien')),
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    disabled_at   TEXT
);

-- A consultant's own caseload: the caregivers they registered or made an intake for.
CREATE TABLE caseload (
    user_id      INTEGER NOT NULL REFERENCES app_user(id),
    caregiver_id INTEGER NOT NULL REFERENCES caregiver(id),
    PRIMARY KEY (user_id, caregiver_id)
) WITHOUT ROWID;

INSERT OR IGNORE INTO setting (key, value) VALUES ('idle_lock_minutes', '10');
