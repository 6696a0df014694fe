//! The note editor: its text, what a save attaches to it (`Pending`, read
//! from the keys' choices and the inline words), and what the notes list
//! can take back.

use super::Open;
use crate::domain::{Id, Lang, Note, NoteContent};
use ratatui_textarea::TextArea;
use std::time::Instant;

/// The note editor: the text being typed, what a save will attach to it,
/// and which item it belongs to.
pub struct Editor {
    pub input: TextArea<'static>,
    /// Kind, speaker, group, tags, owner and due date the next save attaches
    /// (its `text` is not used: the text is in `input`).
    pub meta: NoteContent,
    /// The item whose text is in the editor: a draft is always saved to it.
    pub item: Option<Id>,
    /// The saved note being edited, if any…
    pub editing: Option<Note>,
    /// …and the text it was opened with (its stored text, escaped if needed).
    pub original: String,
    /// Since when the editor has changes not yet in a draft.
    pub dirty_since: Option<Instant>,
    pub last_change: Option<Instant>,
}

impl Editor {
    pub fn new(text: &str) -> Editor {
        Editor {
            input: editor_with(text),
            meta: NoteContent::default(),
            item: None,
            editing: None,
            original: String::new(),
            dirty_since: None,
            last_change: None,
        }
    }

    pub fn text(&self) -> String {
        self.input.lines().join("\n")
    }

    /// Text typed that is in no saved note: a new note being typed, or a
    /// change to the note being edited.
    pub fn unsaved(&self) -> bool {
        match &self.editing {
            Some(_) => self.original != self.text(),
            None => !self.text().trim().is_empty(),
        }
    }
}

/// A change in the notes list that can be taken back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undo {
    Delete(Id),
    Vote {
        id: Id,
        for_delta: i32,
        against_delta: i32,
    },
}

/// What Enter would save now: the editor's text read for inline tokens
/// (`@name`, `+tag`, `Idee:` …) on top of what was chosen with keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub content: NoteContent,
    /// Words that stop the save until they are fixed or escaped.
    pub problems: Vec<crate::domain::inline::Problem>,
}

impl Open {
    /// What Enter would save: the text without its inline tokens, and the
    /// kind, speaker, group, tags, owner and due date they and the keys set.
    pub fn pending(&self) -> Pending {
        use crate::domain::inline::{self, Speaker, Vocabulary};
        use chrono::Datelike;
        let parsed = inline::parse(
            &self.editor.text(),
            &Vocabulary {
                participants: &self.participants,
                dimensions: &self.dimensions,
                year: self.session.date.year(),
            },
        );
        let meta = &self.editor.meta;
        let mut c = NoteContent {
            text: parsed.text,
            ..meta.clone()
        };
        if let Some(kind) = parsed.kind {
            c.kind = kind;
        }
        let who = |s: &Speaker| match s {
            Speaker::Participant(id) => {
                let p = self.participant(id);
                (Some(id.clone()), p.map(|p| p.group))
            }
            Speaker::Group(g) => (None, Some(*g)),
        };
        if let Some(s) = &parsed.speaker {
            (c.participant_id, c.group) = who(s);
        }
        for tag in parsed.tags {
            if !c.tags.contains(&tag) {
                c.tags.push(tag);
            }
        }
        if c.kind == crate::domain::NoteKind::Action {
            let name = |s: &Speaker| match s {
                Speaker::Participant(id) => self
                    .participant(id)
                    .and_then(|p| p.name.clone().or_else(|| p.organisation.clone()))
                    .unwrap_or_default(),
                Speaker::Group(g) => g.label(self.session.language).to_string(),
            };
            // What the action form gave wins; then `@owner` after the kind
            // word; then the speaker, who owns an action unless someone else
            // is named.
            if c.owner.trim().is_empty()
                && let Some(o) = parsed.owner.as_ref().or(parsed.speaker.as_ref())
            {
                c.owner = name(o);
            }
            c.due = c.due.or(parsed.due);
        } else {
            c.owner.clear();
            c.due = None;
        }
        Pending {
            content: c,
            problems: parsed.problems,
        }
    }
}

/// The note editor, holding `text`, cursor at the end.
pub fn editor_with(text: &str) -> TextArea<'static> {
    let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let mut t = TextArea::new(lines);
    t.move_cursor(ratatui_textarea::CursorMove::Bottom);
    t.move_cursor(ratatui_textarea::CursorMove::End);
    t
}

/// One inline problem in words, for the status bar and the editor title.
pub fn describe_problem(p: &crate::domain::inline::Problem, lang: Lang) -> String {
    use crate::domain::inline::Problem;
    let s = &crate::i18n::strings(lang).run;
    match p {
        Problem::Unknown(w) => format!("{w}: {}", s.inline_unknown),
        Problem::Ambiguous(w, c) => format!("{w}: {} {}", s.inline_ambiguous, c.join(", ")),
        Problem::BadDate(w) => format!("{w}: {}", s.inline_bad_date),
        Problem::Twice(w) => format!("{w}: {}", s.inline_twice),
    }
}
