-- tafel schema, version 2: counting the live notes of a session (the agenda's
-- note counts, `tafel list`) reads this index alone instead of every note.
CREATE INDEX note_live ON note(session_id, item_id) WHERE deleted_at IS NULL;
