-- Which numbered scripts have been applied. Safe to run any number of times.
CREATE TABLE IF NOT EXISTS dispatch_schema_version (
    version    INTEGER NOT NULL PRIMARY KEY,
    applied_at TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
