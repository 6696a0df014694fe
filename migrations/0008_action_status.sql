-- tafel schema: an action's status over time. Every change is a row: the
-- new status, the day it was made and the meeting in which it was made.
-- An action without changes is open; its status is that of its latest
-- change. Done and dropped actions are no longer carried over.
CREATE TABLE action_status_change (
    id         TEXT PRIMARY KEY NOT NULL,
    note_id    TEXT NOT NULL REFERENCES note(id),
    session_id TEXT NOT NULL REFERENCES session(id),
    status     TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'done', 'dropped')),
    changed_on TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX action_status_change_note ON action_status_change(note_id, created_at);
CREATE INDEX action_status_change_session ON action_status_change(session_id);
