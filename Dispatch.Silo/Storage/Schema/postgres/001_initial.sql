-- Dispatch cluster storage: grain state, reminders and Orleans membership. Times are Unix epoch
-- milliseconds (UTC). Idempotent: every statement may run again, and the script records its own version.
-- By hand: psql "$DISPATCH_PG" -v ON_ERROR_STOP=1 -1 -f 000_schema_version.sql -f 001_initial.sql

CREATE TABLE IF NOT EXISTS dispatch_schema_version (
    version    integer     NOT NULL PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
);

-- One row per grain and state name. A cleared state keeps its row (payload NULL) so its etag keeps
-- counting up and a writer holding an etag from before the clear is still refused.
CREATE TABLE IF NOT EXISTS dispatch_grain_state (
    service_id    text   NOT NULL,
    grain_id      text   NOT NULL,
    state_name    text   NOT NULL,
    payload       bytea  NULL,
    etag          bigint NOT NULL,
    updated_at_ms bigint NOT NULL,
    PRIMARY KEY (service_id, grain_id, state_name)
);

-- grain_hash is GrainId.GetUniformHashCode() (0 .. 2^32-1): the reminder service reads rows by hash range.
CREATE TABLE IF NOT EXISTS dispatch_reminders (
    service_id    text   NOT NULL,
    grain_id      text   NOT NULL,
    reminder_name text   NOT NULL,
    grain_hash    bigint NOT NULL,
    start_at_ms   bigint NOT NULL,
    period_ms     bigint NOT NULL,
    etag          text   NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX IF NOT EXISTS ix_dispatch_reminders_hash ON dispatch_reminders (service_id, grain_hash);

-- The membership table's version: every row insert or update bumps it in the same transaction,
-- refused when version_etag no longer matches what the silo read.
CREATE TABLE IF NOT EXISTS dispatch_membership_version (
    cluster_id   text    NOT NULL PRIMARY KEY,
    version      integer NOT NULL,
    version_etag bigint  NOT NULL
);

-- One row per silo incarnation (address, port, generation). suspect_times is JSON:
-- [{"silo": "<SiloAddress.ToParsableString()>", "at_ms": <epoch ms>}, ...]
CREATE TABLE IF NOT EXISTS dispatch_membership (
    cluster_id       text    NOT NULL,
    address          text    NOT NULL,
    port             integer NOT NULL,
    generation       integer NOT NULL,
    silo_name        text    NOT NULL,
    host_name        text    NOT NULL,
    status           integer NOT NULL,
    proxy_port       integer NOT NULL,
    suspect_times    text    NULL,
    start_time_ms    bigint  NOT NULL,
    iamalive_time_ms bigint  NOT NULL,
    etag             bigint  NOT NULL,
    PRIMARY KEY (cluster_id, address, port, generation)
);

INSERT INTO dispatch_schema_version (version) VALUES (1) ON CONFLICT DO NOTHING;
