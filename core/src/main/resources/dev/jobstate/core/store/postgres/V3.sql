-- jobstate schema, version 3. ${schema} is replaced by the configured schema name.
-- What a cap on failed attempts (@Activity(maxAttempts)) needs. failed_attempts counts an activity's
-- failures today since an operator last unmarked it (attempts keeps counting every start, for the
-- record). max_attempts is the cap as it was when it last failed: status and the report tell an
-- activity jobstate gave up on from one that runs again, and they never see the bot's annotations.

ALTER TABLE ${schema}.activity ADD COLUMN failed_attempts integer NOT NULL DEFAULT 0;

ALTER TABLE ${schema}.activity ADD COLUMN max_attempts integer;

-- Rows that failed before version 3: their failures as they were counted until now.
UPDATE ${schema}.activity SET failed_attempts =
    CASE WHEN status = 'running' THEN greatest(1, attempts - 1) ELSE greatest(1, attempts) END
WHERE failed_at IS NOT NULL AND status <> 'completed';

ALTER TABLE ${schema}.activity_backup ADD COLUMN failed_attempts integer NOT NULL DEFAULT 0;

ALTER TABLE ${schema}.activity_backup ADD COLUMN max_attempts integer;

-- An operator released an account from quarantine on a day (jobstate release): the failures it had
-- then no longer count towards jobState.quarantine.failuresPerDay.
CREATE TABLE ${schema}.quarantine_release (
    account     text        NOT NULL,
    day         date        NOT NULL,
    released_at timestamptz NOT NULL,
    failures    integer     NOT NULL,
    PRIMARY KEY (account, day)
);
