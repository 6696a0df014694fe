-- tafel schema: the reasoned response ledger (OGP co-creation standard 4).
-- An idea, concern, question or agreement can get responses over time;
-- the latest is its response. Rows are never changed, only added.
CREATE TABLE response (
    id           TEXT PRIMARY KEY NOT NULL,
    note_id      TEXT NOT NULL REFERENCES note(id),
    status       TEXT NOT NULL CHECK (status IN
        ('adopted', 'partly_adopted', 'not_adopted', 'under_consideration', 'answered')),
    reason       TEXT NOT NULL,
    given_by     TEXT NOT NULL DEFAULT '',
    given_on     TEXT NOT NULL,
    created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX response_note ON response(note_id, created_at);
