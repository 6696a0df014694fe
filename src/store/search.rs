//! Full-text search over the notes of every session and the reasons of
//! their responses (FTS5; the indexes are kept in sync by triggers, see
//! `migrations/0010_search.sql`).

use super::history::{SHOWN, head_columns, head_from_row};
use super::{Store, parse_key};
use crate::domain::memory::{Hit, HitSource, ItemRef, SearchFilter, SnippetPart};
use crate::domain::{ItemKind, NoteKind, ResponseStatus};
use crate::error::{Error, Result};
use rusqlite::params;

/// Where a match starts and ends in a snippet as SQLite returns it:
/// characters of Unicode's private use area, which no typed text has.
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// How many tokens a snippet holds around the match.
const SNIPPET_TOKENS: i64 = 16;

impl Store {
    /// The notes (and responses) that match `query`, in FTS5's query
    /// language: words (all of them must occur), `"a phrase"`, a prefix
    /// `woo*`, `AND`, `OR`, `NOT`, `NEAR(a b)`, brackets. Case and
    /// diacritics are ignored. Newest sessions first, then by note number;
    /// a response's hit after its note's. Deleted notes (and notes at a
    /// deleted table) are not found. A query FTS5 cannot read is an
    /// [`Error::Invalid`] with a one-line explanation.
    pub fn search(&self, query: &str, filter: &SearchFilter) -> Result<Vec<Hit>> {
        if query.trim().is_empty() {
            return Err(Error::Invalid("give a word to search for".into()));
        }
        let limit = filter
            .limit
            .map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX));
        let sql = format!(
            "SELECT h.src, h.response_status, h.snippet, n.id AS note_id, n.number, n.kind,
                    n.item_id, i.kind AS item_kind, i.number AS item_number, {}
             FROM (SELECT 0 AS src, f.rowid AS rid, NULL AS response_status,
                          snippet(note_fts, 0, ?5, ?6, '…', {SNIPPET_TOKENS}) AS snippet,
                          x.id AS note_id
                   FROM note_fts f JOIN note x ON x.rowid = f.rowid WHERE note_fts MATCH ?1
                   UNION ALL
                   SELECT 1, f.rowid, r.status,
                          snippet(response_fts, 0, ?5, ?6, '…', {SNIPPET_TOKENS}), r.note_id
                   FROM response_fts f JOIN response r ON r.rowid = f.rowid
                   WHERE response_fts MATCH ?1) h
               JOIN note n ON n.id = h.note_id
               JOIN session s ON s.id = n.session_id
               JOIN item i ON i.id = n.item_id
             WHERE {SHOWN} AND (?2 IS NULL OR n.session_id = ?2)
               AND (?3 IS NULL OR (i.kind = ?3 AND i.number = ?4))
             ORDER BY s.date DESC, s.created_at DESC, n.number, h.src, h.rid
             LIMIT ?7",
            head_columns("s", "head")
        );
        let item = filter.item;
        let fts_query = quote_compounds(query);
        let run = || -> rusqlite::Result<Vec<Hit>> {
            let mut st = self.conn.prepare(&sql)?;
            let rows = st.query_map(
                params![
                    fts_query,
                    filter.session_id,
                    item.map(|i| i.kind.key()),
                    item.map(|i| i.number),
                    OPEN.to_string(),
                    CLOSE.to_string(),
                    limit
                ],
                |r| {
                    let status: Option<String> = r.get("response_status")?;
                    Ok(Hit {
                        session: head_from_row(r, "head")?,
                        item: ItemRef {
                            kind: parse_key(&r.get::<_, String>("item_kind")?, ItemKind::from_key)?,
                            number: r.get("item_number")?,
                        },
                        item_id: r.get("item_id")?,
                        note_id: r.get("note_id")?,
                        note_number: r.get("number")?,
                        kind: parse_key(&r.get::<_, String>("kind")?, NoteKind::from_key)?,
                        source: match status {
                            None => HitSource::Note,
                            Some(s) => {
                                HitSource::Response(parse_key(&s, ResponseStatus::from_key)?)
                            }
                        },
                        snippet: parts(&r.get::<_, String>("snippet")?),
                    })
                },
            )?;
            rows.collect()
        };
        run().map_err(|e| match e {
            rusqlite::Error::SqliteFailure(f, Some(msg))
                if f.code == rusqlite::ErrorCode::Unknown =>
            {
                Error::Invalid(format!(
                    "cannot search for `{}` ({}): write words, \"a phrase\" in double quotes, a prefix such as woo*, AND, OR, NOT",
                    crate::text::one_line(query),
                    crate::text::one_line(&msg)
                ))
            }
            e => Error::Sqlite(e),
        })
    }
}

/// The query with each word joined by hyphens, dots, slashes or
/// apostrophes (`open-data`, `Woo-verzoek`, `art.5`) outside double quotes
/// put between them, so it is searched as the phrase it is rather than read
/// as FTS5 syntax (`-` excludes a column there). A `*` after it stays a
/// prefix search (`"woo-verz" *`).
fn quote_compounds(query: &str) -> String {
    let joiner = |c: char| matches!(c, '-' | '.' | '/' | '\'' | '’');
    let mut out = String::with_capacity(query.len() + 8);
    let mut quoted = false;
    let mut rest = query;
    while !rest.is_empty() {
        let start = rest
            .find(|c: char| !c.is_whitespace())
            .unwrap_or(rest.len());
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let token = &rest[..end];
        rest = &rest[end..];
        let (word, star) = match token.strip_suffix('*') {
            Some(w) => (w, "*"),
            None => (token, ""),
        };
        let compound = !quoted
            && word.contains(joiner)
            && word.chars().all(|c| c.is_alphanumeric() || joiner(c))
            && word.starts_with(char::is_alphanumeric)
            && word.ends_with(char::is_alphanumeric);
        if compound {
            out.push('"');
            out.push_str(word);
            out.push('"');
            if !star.is_empty() {
                out.push_str(" *");
            }
        } else {
            out.push_str(token);
            quoted ^= token.matches('"').count() % 2 == 1;
        }
    }
    out
}

/// A snippet split at its markers.
fn parts(snippet: &str) -> Vec<SnippetPart> {
    let mut out: Vec<SnippetPart> = Vec::new();
    let mut hit = false;
    let mut text = String::new();
    let mut flush = |text: &mut String, hit: bool| {
        if !text.is_empty() {
            out.push(SnippetPart {
                text: std::mem::take(text),
                hit,
            });
        }
    };
    for c in snippet.chars() {
        match c {
            OPEN => {
                flush(&mut text, hit);
                hit = true;
            }
            CLOSE => {
                flush(&mut text, hit);
                hit = false;
            }
            c => text.push(c),
        }
    }
    flush(&mut text, hit);
    out
}

#[cfg(test)]
mod tests {
    use super::quote_compounds;

    #[test]
    fn compound_words_become_phrases_outside_quotes() {
        assert_eq!(quote_compounds("open-data"), "\"open-data\"");
        assert_eq!(
            quote_compounds("woo-verz* OR art.5"),
            "\"woo-verz\" * OR \"art.5\""
        );
        assert_eq!(
            quote_compounds("\"de open-data aanpak\" x-y"),
            "\"de open-data aanpak\" \"x-y\""
        );
        for kept in [
            "woo",
            "woo*",
            "-woo",
            "a- b",
            "NEAR(a b)",
            "\"unbalanced",
            "(((",
            "col:x",
        ] {
            assert_eq!(quote_compounds(kept), kept);
        }
    }
}
