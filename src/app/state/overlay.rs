//! Overlays: forms, pickers, tags, rating, confirmations and help. Each form
//! is a typed struct with named fields; the view walks `Form::fields`.

use crate::app::keys::Context;
use crate::domain::{Id, Lang};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Modifier, Style};
use ratatui_textarea::TextArea;

/// One labelled single-line text field.
pub struct Field {
    pub label: &'static str,
    pub input: TextArea<'static>,
}

impl Field {
    pub fn new(label: &'static str, value: &str) -> Field {
        Field {
            label,
            input: line_input(value),
        }
    }

    /// The text, trimmed.
    pub fn value(&self) -> String {
        self.input.lines().join("\n").trim().to_string()
    }

    /// Selects the whole text, so typing replaces it (when the field gets
    /// the focus).
    pub fn select(&mut self) {
        select_text(&mut self.input);
    }

    /// A key for the field (see [`edit_line`]).
    pub fn edit(&mut self, key: KeyEvent) {
        edit_line(&mut self.input, key);
    }

    /// Empties the field (Ctrl+U).
    pub fn clear(&mut self) {
        self.input.cancel_selection();
        self.input.clear();
    }
}

/// A session's title, date, location and facilitator; a new one also asks
/// for an agenda file.
pub struct SessionForm {
    /// The session edited (its language stays), or `None` for a new one.
    pub edit: Option<(Id, Lang)>,
    /// A follow-up of this session: same agenda, tables, participants,
    /// programme, and its open actions carried over.
    pub from: Option<Id>,
    pub title: Field,
    pub date: Field,
    pub location: Field,
    pub facilitator: Field,
    /// Only for a new session.
    pub agenda: Option<Field>,
}

/// A table's name, host and time box.
pub struct TableForm {
    pub edit: Option<Id>,
    pub name: Field,
    pub host: Field,
    pub minutes: Field,
}

/// A participant's name and organisation (the group is picked next).
pub struct ParticipantForm {
    pub edit: Option<Id>,
    pub name: Field,
    pub organisation: Field,
}

/// Owner and due date of an action being saved.
pub struct ActionForm {
    pub owner: Field,
    pub due: Field,
}

/// A reasoned response to a note: what was done with it, why, by whom.
pub struct ResponseForm {
    pub note_id: Id,
    pub status: Field,
    pub reason: Field,
    pub by: Field,
}

/// A block of the programme: title, kind, planned start and minutes.
pub struct BlockForm {
    pub edit: Option<Id>,
    pub title: Field,
    pub kind: Field,
    pub start: Field,
    pub minutes: Field,
}

// One form is open at a time: boxing the larger ones would save nothing.
#[allow(clippy::large_enum_variant)]
pub enum FormBody {
    Session(SessionForm),
    Table(TableForm),
    Participant(ParticipantForm),
    Action(ActionForm),
    Block(BlockForm),
    Response(ResponseForm),
}

pub struct Form {
    pub title: &'static str,
    pub body: FormBody,
    /// Index into `fields()`.
    pub focus: usize,
    pub error: Option<String>,
}

impl Form {
    pub fn new(title: &'static str, body: FormBody) -> Form {
        let mut form = Form {
            title,
            body,
            focus: 0,
            error: None,
        };
        form.focus_on(0);
        form
    }

    /// Puts the cursor in field `i`, its text selected.
    fn focus_on(&mut self, i: usize) {
        self.focus = i;
        if let Some(field) = self.focused_mut() {
            field.select();
        }
    }

    /// The fields in the order they are shown and Tab moves through them.
    pub fn fields(&self) -> Vec<&Field> {
        match &self.body {
            FormBody::Session(f) => {
                let mut v = vec![&f.title, &f.date, &f.location, &f.facilitator];
                v.extend(f.agenda.as_ref());
                v
            }
            FormBody::Table(f) => vec![&f.name, &f.host, &f.minutes],
            FormBody::Participant(f) => vec![&f.name, &f.organisation],
            FormBody::Action(f) => vec![&f.owner, &f.due],
            FormBody::Block(f) => vec![&f.title, &f.kind, &f.start, &f.minutes],
            FormBody::Response(f) => vec![&f.status, &f.reason, &f.by],
        }
    }

    pub fn focused_mut(&mut self) -> Option<&mut Field> {
        let i = self.focus;
        let fields: Vec<&mut Field> = match &mut self.body {
            FormBody::Session(f) => {
                let mut v = vec![
                    &mut f.title,
                    &mut f.date,
                    &mut f.location,
                    &mut f.facilitator,
                ];
                v.extend(f.agenda.as_mut());
                v
            }
            FormBody::Table(f) => vec![&mut f.name, &mut f.host, &mut f.minutes],
            FormBody::Participant(f) => vec![&mut f.name, &mut f.organisation],
            FormBody::Action(f) => vec![&mut f.owner, &mut f.due],
            FormBody::Block(f) => vec![&mut f.title, &mut f.kind, &mut f.start, &mut f.minutes],
            FormBody::Response(f) => vec![&mut f.status, &mut f.reason, &mut f.by],
        };
        fields.into_iter().nth(i)
    }

    /// Shows `message` and puts the cursor in `field` (one of this form's).
    pub fn reject(&mut self, field: impl Fn(&FormBody) -> Option<&Field>, message: &str) {
        let at = field(&self.body)
            .and_then(|target| self.fields().iter().position(|f| std::ptr::eq(*f, target)))
            .unwrap_or(self.focus);
        self.focus_on(at);
        self.error = Some(message.to_string());
    }

    pub fn next_field(&mut self, forward: bool) {
        let n = self.fields().len().max(1);
        self.focus_on(if forward {
            (self.focus + 1) % n
        } else {
            (self.focus + n - 1) % n
        });
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickerPurpose {
    Jump,
    /// The format of the minutes Ctrl+E writes.
    Export,
    Participant,
    /// Group of a participant being registered (or edited): name, organisation.
    ParticipantGroup {
        edit: Option<Id>,
        name: String,
        organisation: String,
    },
    /// Whether that participant may be named in minutes (after the group).
    ParticipantNaming {
        edit: Option<Id>,
        name: String,
        organisation: String,
        group: crate::domain::StakeholderGroup,
    },
}

pub struct Picker {
    pub purpose: PickerPurpose,
    pub title: &'static str,
    /// (label, value) pairs; the value is an id, a key or an index.
    pub choices: Vec<(String, String)>,
    /// Other names a choice is found by (same order as `choices`; may be
    /// shorter): "ap4 ap 4 …" for an agenda item.
    pub aliases: Vec<String>,
    pub filter: TextArea<'static>,
    pub selected: usize,
}

impl Picker {
    pub fn new(
        purpose: PickerPurpose,
        title: &'static str,
        choices: Vec<(String, String)>,
    ) -> Picker {
        Picker {
            purpose,
            title,
            choices,
            aliases: Vec::new(),
            filter: TextArea::default(),
            selected: 0,
        }
    }

    /// Indices of the choices that match the filter.
    pub fn visible(&self) -> Vec<usize> {
        let f = self.filter.lines().join(" ").trim().to_lowercase();
        self.choices
            .iter()
            .enumerate()
            .filter(|(i, (label, _))| {
                let alias = self.aliases.get(*i).map_or("", String::as_str);
                f.is_empty() || matches_filter(&format!("{label} {alias}"), &f)
            })
            .map(|(i, _)| i)
            .collect()
    }
}

/// Whether a filter matches a choice (its label and other names). A word
/// with a digit must be one of the choice's words ("4", "ap4", "bv2"); any
/// other word may be part of one ("woo", "algor"). "AP 4" and "pq 6" are read
/// as "ap4" and "pq6".
fn matches_filter(label: &str, f: &str) -> bool {
    let l = label.to_lowercase();
    let tokens: Vec<&str> = l.split(|c: char| !c.is_alphanumeric()).collect();
    let words: Vec<&str> = f.split_whitespace().collect();
    let joined;
    let words = match words.as_slice() {
        [a, n] if a.chars().all(char::is_alphabetic) && n.chars().all(|c| c.is_ascii_digit()) => {
            joined = format!("{a}{n}");
            vec![joined.as_str()]
        }
        _ => words,
    };
    words.iter().all(|w| {
        if w.chars().any(|c| c.is_ascii_digit()) {
            tokens.contains(w)
        } else {
            l.contains(w)
        }
    })
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfirmPurpose {
    QuitDiscardingEdit,
    /// A table's round timer is running.
    QuitWithTimer,
    /// The draft could not be saved; quitting would lose it.
    QuitLosingDraft,
    DeleteTable(Id),
    DeleteParticipant(Id),
    /// Proposed tables: (name, item ids).
    QuickStart(Vec<(String, Vec<Id>)>),
}

// One overlay is open at a time: boxing the larger ones would save nothing.
#[allow(clippy::large_enum_variant)]
pub enum Overlay {
    Help {
        ctx: Context,
        scroll: u16,
    },
    Form(Form),
    Picker(Picker),
    Tags {
        chosen: Vec<bool>,
    },
    Rating {
        level: usize,
        comment: TextArea<'static>,
    },
    Confirm {
        purpose: ConfirmPurpose,
        text: String,
    },
    /// The programme: its blocks with planned and actual times.
    Programme {
        sel: usize,
    },
    /// Search across sessions.
    Search(super::Search),
    /// What was said before (read-only).
    Past(super::Past),
}

/// A single-line text field holding `value`, selected: typing replaces
/// it, ←/→/Home/End keep it. Selected text is shown reversed (also without
/// colours).
pub fn line_input(value: &str) -> TextArea<'static> {
    let mut t = TextArea::new(vec![value.to_string()]);
    t.move_cursor(ratatui_textarea::CursorMove::End);
    t.set_selection_style(Style::new().add_modifier(Modifier::REVERSED));
    select_text(&mut t);
    t
}

fn select_text(t: &mut TextArea<'static>) {
    if !t.is_empty() {
        t.select_all();
    }
}

/// A key for a single-line field. Moving the cursor (←/→/Home/End) ends
/// the selection first, so typing after it adds to the text.
pub fn edit_line(t: &mut TextArea<'static>, key: KeyEvent) {
    let moves = matches!(
        key.code,
        KeyCode::Left | KeyCode::Right | KeyCode::Home | KeyCode::End
    );
    if moves && !key.modifiers.contains(KeyModifiers::SHIFT) {
        t.cancel_selection();
    }
    t.input(key);
}

#[cfg(test)]
mod tests {
    use super::matches_filter;

    #[test]
    fn filters_find_items_by_what_the_screen_shows() {
        let ap4 = "Actiepunt 4 — Woo-verzoeken ap4 ap 4 action point 4";
        let ap14 = "Actiepunt 14 — Open algoritmen ap14 ap 14 action point 14";
        let bv4 = "Beleidsvraag 4 — Participatie bv4 bv 4 pq4 pq 4 policy question 4";
        for f in ["ap 4", "ap4", "4", "woo", "action point 4"] {
            assert!(matches_filter(ap4, f), "{f}");
        }
        for f in ["ap 1", "ap14 woo", "bv4", "14"] {
            assert!(!matches_filter(ap4, f), "{f}");
        }
        assert!(matches_filter(ap14, "ap 14") && !matches_filter(ap14, "ap 1"));
        for f in ["bv 4", "pq4", "pq 4", "4", "particip"] {
            assert!(matches_filter(bv4, f), "{f}");
        }
        assert!(!matches_filter(bv4, "ap4"));
    }
}
