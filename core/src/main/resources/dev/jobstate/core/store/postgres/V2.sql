-- jobstate schema, version 2. ${schema} is replaced by the configured schema name.
-- Completion order that no clock decides: each row that becomes completed takes the next number of
-- this sequence, and a day's completed ids are listed by it (docs/time.md). Workers' clocks may run
-- ahead or behind the server's; the order in which the database recorded completions does not.

CREATE SEQUENCE ${schema}.completion;

ALTER TABLE ${schema}.activity ADD COLUMN completed_seq bigint;

-- The date index ends with the id, so that a lookup of one row by all its key columns finds it in
-- either index: on a table not yet analysed, the planner may pick this one, and without the id it
-- would scan every row of the account's day (a checkpoint checks its row is still its claim's).
DROP INDEX ${schema}.activity_day;

CREATE INDEX activity_day ON ${schema}.activity (day, account, type, id);

ALTER TABLE ${schema}.activity_backup ADD COLUMN completed_seq bigint;

-- Rows completed before version 2 keep the order they were listed in until now: completed_at, then id.
UPDATE ${schema}.activity a SET completed_seq = n.seq
FROM (SELECT account, type, day, id, row_number() OVER (ORDER BY completed_at, id COLLATE "C") AS seq
      FROM ${schema}.activity WHERE status = 'completed') n
WHERE a.account = n.account AND a.type = n.type AND a.day = n.day AND a.id = n.id;

SELECT setval('${schema}.completion', coalesce(max(completed_seq), 1), max(completed_seq) IS NOT NULL)
FROM ${schema}.activity;
