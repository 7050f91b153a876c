-- jobstate schema, version 3. ${schema} is replaced by the configured schema name.
-- A failed activity's cap on failed attempts a day (@Activity(maxAttempts)), as it was when it last
-- failed: status and the report tell an activity jobstate gave up on from one that will run again,
-- and they never see the bot's annotations. Null: no cap.

ALTER TABLE ${schema}.activity ADD COLUMN max_attempts integer;

ALTER TABLE ${schema}.activity_backup ADD COLUMN max_attempts integer;
