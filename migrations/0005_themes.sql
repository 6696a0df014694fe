-- tafel schema, version 5: the agenda's themes (the thematic tables it
-- proposes), copied into the session like its items and dimensions, so the
-- quick start of a session never depends on the agenda file later.
CREATE TABLE theme (
    session_id TEXT NOT NULL REFERENCES session(id),
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    PRIMARY KEY (session_id, position)
) STRICT;

-- An item is in one theme at most.
CREATE TABLE theme_item (
    item_id        TEXT PRIMARY KEY NOT NULL REFERENCES item(id),
    session_id     TEXT NOT NULL,
    theme_position INTEGER NOT NULL,
    position       INTEGER NOT NULL,
    FOREIGN KEY (session_id, theme_position) REFERENCES theme(session_id, position)
) STRICT;
CREATE INDEX theme_item_theme ON theme_item(session_id, theme_position, position);
