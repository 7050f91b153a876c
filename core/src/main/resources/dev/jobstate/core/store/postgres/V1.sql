-- jobstate schema, version 1. ${schema} is replaced by the configured schema name.
-- One row per activity of an account, type and date: what the file store keeps in a day file.

CREATE TABLE ${schema}.activity (
    account           text        NOT NULL,
    type              text        NOT NULL,
    day               date        NOT NULL,
    id                text        NOT NULL,
    -- running: a worker holds a lease on it; completed: done, never undone but by an operator;
    -- failed: its last attempt threw; remaining: an operator said to do it again.
    status            text        NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'remaining')),
    result            jsonb,
    attempts          integer     NOT NULL DEFAULT 0,
    started_at        timestamptz,
    completed_at      timestamptz,
    duration_ms       bigint,
    failed_at         timestamptz,
    failure_exception text,
    failure_message   text,
    worker            text,
    lease_until       timestamptz,
    fence             bigint,
    revoked_at        timestamptz,
    updated_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account, type, day, id)
);

-- Lists by date (status of a day, report of the last days, prune) without a scan.
CREATE INDEX activity_day ON ${schema}.activity (day, account, type);

-- Running workers look for an operator's changes (mark, unmark) every few seconds.
CREATE INDEX activity_operator ON ${schema}.activity (updated_at) WHERE worker = 'operator';

-- Fencing tokens: every claim takes the next one, so a later holder always has a larger token.
CREATE SEQUENCE ${schema}.fence;

-- An operator reset a day: outcomes that happened before reset_at are stale and are dropped.
CREATE TABLE ${schema}.day_reset (
    account  text        NOT NULL,
    type     text        NOT NULL,
    day      date        NOT NULL,
    reset_at timestamptz NOT NULL,
    PRIMARY KEY (account, type, day)
);

-- What a reset removed, kept for the operator (the file store's .backup folder).
CREATE TABLE ${schema}.activity_backup (LIKE ${schema}.activity);
ALTER TABLE ${schema}.activity_backup ADD COLUMN reset_at timestamptz NOT NULL DEFAULT now();
