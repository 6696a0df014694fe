-- tafel schema, version 4: a draft keeps what the note will be, not only its
-- text: kind, speaker, group, tags, owner and due date, as the JSON of the
-- note's content (text excluded; it stays in `text`). Older drafts have none.
ALTER TABLE draft ADD COLUMN content TEXT NOT NULL DEFAULT '{}';
