-- tafel schema, version 1. Every user-created row has a UUID v7 id and
-- UTC timestamps (RFC 3339, millisecond precision) so that databases from
-- several laptops can later be merged.

CREATE TABLE session (
    id             TEXT PRIMARY KEY NOT NULL,
    title          TEXT NOT NULL,
    date           TEXT NOT NULL,
    location       TEXT NOT NULL DEFAULT '',
    facilitator    TEXT NOT NULL DEFAULT '',
    language       TEXT NOT NULL CHECK (language IN ('nl', 'en')),
    agenda_name    TEXT NOT NULL,
    agenda_version TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;

-- The agenda's dimensions, copied into the session.
CREATE TABLE dimension (
    session_id  TEXT NOT NULL REFERENCES session(id),
    key         TEXT NOT NULL,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL,
    PRIMARY KEY (session_id, key)
) STRICT;

-- Action points and policy questions, copied into the session.
CREATE TABLE item (
    id            TEXT PRIMARY KEY NOT NULL,
    session_id    TEXT NOT NULL REFERENCES session(id),
    kind          TEXT NOT NULL CHECK (kind IN ('action_point', 'policy_question')),
    number        INTEGER NOT NULL,
    title         TEXT NOT NULL,
    statuses      TEXT NOT NULL DEFAULT '',
    remark        TEXT NOT NULL DEFAULT '',
    dimension     TEXT,
    directorate   TEXT NOT NULL DEFAULT '',
    text          TEXT NOT NULL DEFAULT '',
    sub_questions TEXT NOT NULL DEFAULT '[]',
    closing       TEXT NOT NULL DEFAULT '',
    position      INTEGER NOT NULL,
    UNIQUE (session_id, kind, number)
) STRICT;

CREATE TABLE thematic_table (
    id              TEXT PRIMARY KEY NOT NULL,
    session_id      TEXT NOT NULL REFERENCES session(id),
    name            TEXT NOT NULL,
    host            TEXT NOT NULL DEFAULT '',
    position        INTEGER NOT NULL,
    timebox_minutes INTEGER NOT NULL DEFAULT 20 CHECK (timebox_minutes >= 0),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT
) STRICT;
CREATE INDEX thematic_table_session ON thematic_table(session_id, position);

CREATE TABLE table_item (
    table_id TEXT NOT NULL REFERENCES thematic_table(id),
    item_id  TEXT NOT NULL REFERENCES item(id),
    position INTEGER NOT NULL,
    PRIMARY KEY (table_id, item_id)
) STRICT;

CREATE TABLE participant (
    id                TEXT PRIMARY KEY NOT NULL,
    session_id        TEXT NOT NULL REFERENCES session(id),
    name              TEXT,
    organisation      TEXT,
    stakeholder_group TEXT NOT NULL CHECK (stakeholder_group IN
        ('overheid', 'maatschappelijke_organisatie', 'wetenschap', 'bedrijfsleven', 'actiehouder', 'anders')),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    deleted_at        TEXT
) STRICT;
CREATE INDEX participant_session ON participant(session_id);

CREATE TABLE note (
    id                TEXT PRIMARY KEY NOT NULL,
    session_id        TEXT NOT NULL REFERENCES session(id),
    number            INTEGER NOT NULL,
    item_id           TEXT NOT NULL REFERENCES item(id),
    table_id          TEXT REFERENCES thematic_table(id),
    kind              TEXT NOT NULL CHECK (kind IN
        ('observation', 'idea', 'question', 'concern', 'agreement', 'action')),
    text              TEXT NOT NULL,
    participant_id    TEXT REFERENCES participant(id),
    stakeholder_group TEXT CHECK (stakeholder_group IN
        ('overheid', 'maatschappelijke_organisatie', 'wetenschap', 'bedrijfsleven', 'actiehouder', 'anders')),
    tags              TEXT NOT NULL DEFAULT '',
    votes_for         INTEGER NOT NULL DEFAULT 0 CHECK (votes_for >= 0),
    votes_against     INTEGER NOT NULL DEFAULT 0 CHECK (votes_against >= 0),
    owner             TEXT NOT NULL DEFAULT '',
    due               TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    deleted_at        TEXT,
    UNIQUE (session_id, number)
) STRICT;
CREATE INDEX note_item ON note(item_id, number);

CREATE TABLE rating (
    id         TEXT PRIMARY KEY NOT NULL,
    session_id TEXT NOT NULL REFERENCES session(id),
    item_id    TEXT NOT NULL REFERENCES item(id),
    level      TEXT NOT NULL CHECK (level IN
        ('no_evidence', 'not_started', 'limited', 'substantial', 'complete')),
    comment    TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (session_id, item_id)
) STRICT;

-- Text being typed, autosaved; one per item.
CREATE TABLE draft (
    session_id TEXT NOT NULL REFERENCES session(id),
    item_id    TEXT NOT NULL REFERENCES item(id),
    text       TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (session_id, item_id)
) STRICT;

-- Where the facilitator was, to resume a session.
CREATE TABLE place (
    session_id TEXT PRIMARY KEY NOT NULL REFERENCES session(id),
    table_id   TEXT,
    item_id    TEXT,
    scroll     INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
) STRICT;
