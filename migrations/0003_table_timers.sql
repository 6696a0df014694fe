-- tafel schema, version 3: a table's round timer survives a restart.
-- Elapsed time before the current run, and when the current run started
-- (UTC, NULL when paused).
ALTER TABLE thematic_table ADD COLUMN timer_elapsed_ms INTEGER NOT NULL DEFAULT 0 CHECK (timer_elapsed_ms >= 0);
ALTER TABLE thematic_table ADD COLUMN timer_started_at TEXT;
