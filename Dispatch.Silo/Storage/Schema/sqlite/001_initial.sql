-- Dispatch single-node storage: grain state and reminders. Times are Unix epoch milliseconds (UTC).
-- Idempotent: every statement may run again, and the script records its own version.

CREATE TABLE IF NOT EXISTS dispatch_schema_version (
    version    INTEGER NOT NULL PRIMARY KEY,
    applied_at TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- One row per grain and state name. A cleared state keeps its row (payload NULL) so its etag keeps
-- counting up and a writer holding an etag from before the clear is still refused.
CREATE TABLE IF NOT EXISTS dispatch_grain_state (
    service_id    TEXT    NOT NULL,
    grain_id      TEXT    NOT NULL,
    state_name    TEXT    NOT NULL,
    payload       BLOB    NULL,
    etag          INTEGER NOT NULL,
    updated_at_ms INTEGER NOT NULL,
    PRIMARY KEY (service_id, grain_id, state_name)
) WITHOUT ROWID;

-- grain_hash is GrainId.GetUniformHashCode() (0 .. 2^32-1): the reminder service reads rows by hash range.
CREATE TABLE IF NOT EXISTS dispatch_reminders (
    service_id    TEXT    NOT NULL,
    grain_id      TEXT    NOT NULL,
    reminder_name TEXT    NOT NULL,
    grain_hash    INTEGER NOT NULL,
    start_at_ms   INTEGER NOT NULL,
    period_ms     INTEGER NOT NULL,
    etag          TEXT    NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
) WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS ix_dispatch_reminders_hash ON dispatch_reminders (service_id, grain_hash);

INSERT INTO dispatch_schema_version (version) VALUES (1) ON CONFLICT DO NOTHING;
