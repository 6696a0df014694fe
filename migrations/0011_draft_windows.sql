-- tafel schema, version 11: a draft belongs to a window (one running
-- editor), not only to an item. Saving a note removes its own window's
-- draft only, so two windows on one item never delete each other's text;
-- the draft of a window that is gone is offered back. Drafts from before
-- belong to no window ('') and are offered back like those.
CREATE TABLE draft_by_window (
    session_id TEXT NOT NULL REFERENCES session(id),
    item_id    TEXT NOT NULL REFERENCES item(id),
    window_id  TEXT NOT NULL DEFAULT '',
    text       TEXT NOT NULL,
    content    TEXT NOT NULL DEFAULT '{}',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (session_id, item_id, window_id)
) STRICT;
INSERT INTO draft_by_window (session_id, item_id, window_id, text, content, updated_at)
    SELECT session_id, item_id, '', text, content, updated_at FROM draft;
DROP TABLE draft;
ALTER TABLE draft_by_window RENAME TO draft;
