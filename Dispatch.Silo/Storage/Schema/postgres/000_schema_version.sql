-- Which numbered scripts have been applied. Safe to run any number of times.
CREATE TABLE IF NOT EXISTS dispatch_schema_version (
    version    integer     NOT NULL PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
);
