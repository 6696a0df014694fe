-- tafel schema: follow-up meetings. A session made with `tafel new --from`
-- records the session it continues, and every action that was still open
-- there is carried into it.
--
-- A carried action is a link to the note where the action was agreed, not
-- a copy: the action keeps one status trail however often it is carried
-- (March → June → September), and a change made in any meeting shows in
-- all of them. `item_id` is the action's item in the follow-up session
-- (each session has its own copy of the agenda).
CREATE TABLE follow_up (
    session_id      TEXT PRIMARY KEY NOT NULL REFERENCES session(id),
    from_session_id TEXT NOT NULL REFERENCES session(id),
    created_at      TEXT NOT NULL
) STRICT;
CREATE INDEX follow_up_from ON follow_up(from_session_id);

CREATE TABLE carried_action (
    session_id TEXT NOT NULL REFERENCES session(id),
    note_id    TEXT NOT NULL REFERENCES note(id),
    item_id    TEXT NOT NULL REFERENCES item(id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (session_id, note_id)
) STRICT;
CREATE INDEX carried_action_note ON carried_action(note_id);
CREATE INDEX carried_action_item ON carried_action(item_id);
