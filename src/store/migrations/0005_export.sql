-- What was exported, when, by whom, and the SHA-256 of each file.
CREATE TABLE export_log (
    id          INTEGER PRIMARY KEY,
    period      TEXT NOT NULL,
    kind        TEXT NOT NULL,
    funder      TEXT,
    format      TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    rows        INTEGER NOT NULL,
    total_cents INTEGER NOT NULL,
    final       INTEGER NOT NULL DEFAULT 0,
    exported_by TEXT NOT NULL DEFAULT '',
    exported_at TEXT NOT NULL
);
CREATE INDEX export_log_period ON export_log(period);
