-- jobstate schema, version 4. ${schema} is replaced by the configured schema name.
-- @Activity(once = true): the claim row is the durable record of the start. A running row of such an
-- activity whose lease ran out is in doubt (its worker died in the middle): no worker takes it over
-- until an operator marks it (it happened) or unmarks it (run it again).

ALTER TABLE ${schema}.activity ADD COLUMN once boolean NOT NULL DEFAULT false;

ALTER TABLE ${schema}.activity_backup ADD COLUMN once boolean NOT NULL DEFAULT false;
