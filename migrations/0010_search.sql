-- tafel schema: full-text search over notes and the reasons of responses.
-- Two FTS5 indexes over the tables' own text (external content: the text
-- is not stored twice), kept in sync by triggers; deleted notes stay in the
-- index and are left out when searching, so deleting and restoring a note
-- does not touch it. Diacritics are ignored (`financien` finds
-- `financiën`); `woo*` finds every word that starts with `woo`.
CREATE VIRTUAL TABLE note_fts USING fts5(
    text, content = 'note', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO note_fts (note_fts) VALUES ('rebuild');

CREATE TRIGGER note_fts_insert AFTER INSERT ON note BEGIN
    INSERT INTO note_fts (rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER note_fts_delete AFTER DELETE ON note BEGIN
    INSERT INTO note_fts (note_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;
CREATE TRIGGER note_fts_update AFTER UPDATE OF text ON note BEGIN
    INSERT INTO note_fts (note_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
    INSERT INTO note_fts (rowid, text) VALUES (new.rowid, new.text);
END;

CREATE VIRTUAL TABLE response_fts USING fts5(
    reason, content = 'response', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO response_fts (response_fts) VALUES ('rebuild');

CREATE TRIGGER response_fts_insert AFTER INSERT ON response BEGIN
    INSERT INTO response_fts (rowid, reason) VALUES (new.rowid, new.reason);
END;
CREATE TRIGGER response_fts_delete AFTER DELETE ON response BEGIN
    INSERT INTO response_fts (response_fts, rowid, reason) VALUES ('delete', old.rowid, old.reason);
END;
CREATE TRIGGER response_fts_update AFTER UPDATE OF reason ON response BEGIN
    INSERT INTO response_fts (response_fts, rowid, reason) VALUES ('delete', old.rowid, old.reason);
    INSERT INTO response_fts (rowid, reason) VALUES (new.rowid, new.reason);
END;
