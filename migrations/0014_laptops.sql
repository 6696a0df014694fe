-- tafel schema: several laptops, one record (`tafel handout`, `tafel
-- merge`, `tafel import`).
--
-- Every database knows its own id (a random UUID made here, once), so a
-- note that arrives from another database keeps where it came from. A
-- copy of the whole file keeps the id of the file it was copied from; a
-- `tafel handout` gets its own.
CREATE TABLE database_info (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    database_id TEXT NOT NULL,
    label       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
) STRICT;
INSERT INTO database_info (id, database_id, created_at)
SELECT 1,
       substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-'
           || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-'
           || substr(h, 21, 12),
       strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM (SELECT lower(hex(randomblob(16))) AS h);

-- The databases merged into this one (directly or through another), with
-- the name they had (a hand-out's table, else the file's name).
CREATE TABLE merged_database (
    database_id TEXT PRIMARY KEY NOT NULL,
    label       TEXT NOT NULL DEFAULT '',
    merged_at   TEXT NOT NULL
) STRICT;

-- Where a note that arrived by a merge was taken: the database and its
-- number there. Notes taken here have no row.
CREATE TABLE note_origin (
    note_id     TEXT PRIMARY KEY NOT NULL REFERENCES note(id),
    database_id TEXT NOT NULL,
    number      INTEGER NOT NULL
) STRICT;
CREATE INDEX note_origin_database ON note_origin(database_id);

-- The versions a note had before its current one (by their `updated_at`),
-- here or in a database merged in: a version another laptop still holds
-- is older news, not a conflict, when it is in this list.
CREATE TABLE note_version (
    note_id    TEXT NOT NULL REFERENCES note(id),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (note_id, updated_at)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER note_version_keep AFTER UPDATE OF updated_at ON note
WHEN old.updated_at IS NOT new.updated_at BEGIN
    INSERT OR IGNORE INTO note_version (note_id, updated_at) VALUES (old.id, old.updated_at);
END;

-- The same note changed on two laptops: the newest version is the note,
-- the other is kept here (`database_id`: the database that held it).
CREATE TABLE note_conflict (
    note_id           TEXT NOT NULL REFERENCES note(id),
    updated_at        TEXT NOT NULL,
    database_id       TEXT NOT NULL,
    table_id          TEXT,
    kind              TEXT NOT NULL,
    text              TEXT NOT NULL,
    participant_id    TEXT,
    stakeholder_group TEXT,
    tags              TEXT NOT NULL DEFAULT '',
    votes_for         INTEGER NOT NULL DEFAULT 0,
    votes_against     INTEGER NOT NULL DEFAULT 0,
    owner             TEXT NOT NULL DEFAULT '',
    due               TEXT,
    round             INTEGER,
    deleted_at        TEXT,
    PRIMARY KEY (note_id, updated_at)
) STRICT;

-- A hand-out: this database was made by `tafel handout` for one session,
-- and (optionally) one of its tables is this laptop's.
CREATE TABLE handout (
    session_id TEXT PRIMARY KEY NOT NULL REFERENCES session(id),
    table_id   TEXT,
    created_at TEXT NOT NULL
) STRICT;
