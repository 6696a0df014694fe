-- tafel schema, version 6: the morning's programme — timed blocks
-- (plenary, table rounds, breaks) with their planned start and minutes, and
-- when each actually started and ended — and the round a note was taken in.
CREATE TABLE programme_block (
    id         TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES session(id),
    position   INTEGER NOT NULL,
    title      TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('plenary', 'tables', 'break')),
    start      TEXT NOT NULL,
    minutes    INTEGER NOT NULL CHECK (minutes > 0),
    started_at TEXT,
    ended_at   TEXT
) STRICT;
CREATE INDEX programme_block_session ON programme_block (session_id, position);
ALTER TABLE note ADD COLUMN round INTEGER CHECK (round IS NULL OR round > 0);
