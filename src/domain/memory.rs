//! The MSF's memory: what ties one meeting to the next — actions carried
//! over and their status over time, reasoned responses to what was said,
//! an item's history across sessions, and search hits. Plain types; the
//! store fills them.

use super::{ActionState, Id, IrmLevel, Item, ItemKind, Lang, Note, NoteKind, ResponseStatus};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// An agenda item as named across sessions: its kind and number ("AP 4").
/// Each session has its own copy of the agenda, so the same action point
/// has another id in every session; this is what they share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ItemRef {
    pub kind: ItemKind,
    pub number: u32,
}

impl ItemRef {
    /// Reads an item as it is written on screen and in the minutes, in
    /// either language, case and spaces ignored: `AP 4`, `ap4`, `AP-4`,
    /// `actiepunt 4`, `action point 4`, `BV 2`, `PQ 2`, `beleidsvraag 2`,
    /// `policy question 2`.
    pub fn parse(s: &str) -> Option<ItemRef> {
        let flat: String = s
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '.' | '_'))
            .flat_map(char::to_lowercase)
            .collect();
        let split = flat.find(|c: char| c.is_ascii_digit())?;
        let (word, digits) = flat.split_at(split);
        let kind = match word {
            "ap" | "actiepunt" | "actionpoint" => ItemKind::ActionPoint,
            "bv" | "pq" | "beleidsvraag" | "policyquestion" => ItemKind::PolicyQuestion,
            _ => return None,
        };
        if !digits.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let number: u32 = digits.parse().ok().filter(|n| *n > 0)?;
        Some(ItemRef { kind, number })
    }

    pub fn of(item: &Item) -> ItemRef {
        ItemRef {
            kind: item.kind,
            number: item.number,
        }
    }

    /// "AP 4", "BV 2" (Dutch) / "PQ 2" (English): as in the agenda list.
    pub fn short_label(self, lang: Lang) -> String {
        let word = match (self.kind, lang) {
            (ItemKind::ActionPoint, _) => "AP",
            (ItemKind::PolicyQuestion, Lang::Nl) => "BV",
            (ItemKind::PolicyQuestion, Lang::En) => "PQ",
        };
        format!("{word} {}", self.number)
    }

    /// "Actiepunt 4" / "Policy question 2".
    pub fn label(self, lang: Lang) -> String {
        format!("{} {}", self.kind.label(lang), self.number)
    }
}

/// A note named on the command line: `SESSION#NUMBER`, a session id (or a
/// unique prefix of one), `#` and the note's number in that session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteRef {
    pub session: String,
    pub number: u32,
}

impl NoteRef {
    pub fn parse(s: &str) -> Result<NoteRef, String> {
        let bad = || {
            format!(
                "`{}` does not name a note: write SESSION#NUMBER, e.g. 0193a1b2#14 (`tafel search` shows them)",
                crate::text::one_line(s)
            )
        };
        let (session, number) = s.trim().rsplit_once('#').ok_or_else(bad)?;
        let number: u32 = number
            .trim()
            .parse()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(bad)?;
        let session = session.trim();
        if session.is_empty() {
            return Err(bad());
        }
        Ok(NoteRef {
            session: session.to_string(),
            number,
        })
    }
}

/// A session as named in a history: id, title and date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionHead {
    pub id: Id,
    pub title: String,
    pub date: NaiveDate,
}

/// One change of an action's status, in the meeting where it was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusChange {
    pub id: Id,
    pub note_id: Id,
    pub status: ActionState,
    /// The day the change was made.
    pub on: NaiveDate,
    /// The meeting in which it was made.
    pub made_in: SessionHead,
    pub created_at: DateTime<Utc>,
}

/// An action's status at the end of a meeting: that of the latest of its
/// changes (by day, then by when it was recorded) that were made on or
/// before the meeting's `date` or in the meeting itself (`session_id`);
/// open when there are none. `tafel` orders every trail this way.
pub fn state_as_of(trail: &[StatusChange], session_id: &str, date: NaiveDate) -> ActionState {
    trail
        .iter()
        .filter(|c| c.on <= date || c.made_in.id == session_id)
        .max_by(|a, b| (a.on, a.created_at, &a.id).cmp(&(b.on, b.created_at, &b.id)))
        .map_or(ActionState::Open, |c| c.status)
}

/// An action of an earlier meeting, open when a follow-up meeting was made,
/// and carried into it. The action itself stays the note of the meeting
/// where it was agreed: one action, one status trail, however often it is
/// carried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarriedAction {
    /// The action as it was noted (its session, number, text, owner, due).
    pub note: Note,
    /// The meeting where it was noted.
    pub origin: SessionHead,
    /// Its item in the follow-up meeting.
    pub item_id: Id,
    pub item: ItemRef,
    /// Its status now.
    pub state: ActionState,
    /// Every change of its status, oldest first.
    pub trail: Vec<StatusChange>,
}

/// A status change made in a meeting, with the action it changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionStatusChange {
    pub change: StatusChange,
    /// The status before this change.
    pub previous: ActionState,
    pub note: Note,
    /// The meeting where the action was noted.
    pub origin: SessionHead,
    pub item: ItemRef,
}

/// A reasoned response to an idea, concern, question or agreement. A note
/// can get several over time (under consideration, then adopted); the
/// latest is its response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Response {
    pub id: Id,
    pub note_id: Id,
    pub status: ResponseStatus,
    pub reason: String,
    /// Who gave it (free text; may be empty).
    pub by: String,
    /// The day it was given.
    pub on: NaiveDate,
    pub created_at: DateTime<Utc>,
}

/// What a user gives for a response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseInput {
    pub status: ResponseStatus,
    pub reason: String,
    pub by: String,
    pub on: NaiveDate,
}

/// The note kinds that can get a reasoned response: what people bring in,
/// not what the table observed or agreed to do itself.
pub fn takes_response(kind: NoteKind) -> bool {
    matches!(
        kind,
        NoteKind::Idea | NoteKind::Concern | NoteKind::Question | NoteKind::Agreement
    )
}

/// What to search in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchFilter {
    /// Only this session (its full id).
    pub session_id: Option<Id>,
    /// Only this item, in every session.
    pub item: Option<ItemRef>,
    /// At most this many hits (newest sessions first).
    pub limit: Option<usize>,
}

/// Where a search hit was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HitSource {
    /// In the note's text.
    Note,
    /// In the reason of a response to the note.
    Response(ResponseStatus),
}

/// A piece of a snippet: text, and whether it is what matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnippetPart {
    pub text: String,
    pub hit: bool,
}

/// One search hit: a note (or a response to it) of some session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub session: SessionHead,
    pub item: ItemRef,
    pub item_id: Id,
    pub note_id: Id,
    pub note_number: u32,
    pub kind: NoteKind,
    pub source: HitSource,
    /// The text around the match, the matched words marked; `…` where text
    /// was left out.
    pub snippet: Vec<SnippetPart>,
}

impl Hit {
    /// The snippet as one string with each match between `open` and `close`.
    pub fn marked(&self, open: &str, close: &str) -> String {
        let mut out = String::new();
        for p in &self.snippet {
            if p.hit {
                out.push_str(open);
                out.push_str(&p.text);
                out.push_str(close);
            } else {
                out.push_str(&p.text);
            }
        }
        out
    }
}

/// An item's past, in one line of the run screen: earlier sessions of the
/// same agenda that have notes about it, how many, its last IRM rating,
/// and its actions that are still open.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemHistory {
    /// Earlier sessions with notes about the item.
    pub sessions: u32,
    /// The most recent of them.
    pub last_session: Option<SessionHead>,
    /// Notes about the item in earlier sessions.
    pub notes: u64,
    /// The last rating before this session: level and the date of its meeting.
    pub last_rating: Option<(IrmLevel, NaiveDate)>,
    /// Actions about the item from earlier sessions that are open or in
    /// progress now.
    pub open_actions: u64,
}

/// A note about an item from an earlier session, with what became of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EarlierNote {
    pub session: SessionHead,
    pub note: Note,
    /// For an action: its status now.
    pub state: Option<ActionState>,
    /// Its latest reasoned response, if any.
    pub response: Option<Response>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_read_as_on_screen() {
        let ap4 = ItemRef {
            kind: ItemKind::ActionPoint,
            number: 4,
        };
        let pq2 = ItemRef {
            kind: ItemKind::PolicyQuestion,
            number: 2,
        };
        for s in [
            "AP 4",
            "ap4",
            "Ap-4",
            " ap 04 ",
            "Actiepunt 4",
            "action point 4",
        ] {
            assert_eq!(ItemRef::parse(s), Some(ap4), "{s}");
        }
        for s in [
            "BV 2",
            "bv2",
            "PQ 2",
            "pq2",
            "Beleidsvraag 2",
            "policy question 2",
        ] {
            assert_eq!(ItemRef::parse(s), Some(pq2), "{s}");
        }
        for s in ["", "4", "AP", "AP 0", "XY 4", "AP 4a", "AP 99999999999"] {
            assert_eq!(ItemRef::parse(s), None, "{s}");
        }
        assert_eq!(ap4.short_label(Lang::Nl), "AP 4");
        assert_eq!(pq2.short_label(Lang::Nl), "BV 2");
        assert_eq!(pq2.short_label(Lang::En), "PQ 2");
    }

    #[test]
    fn notes_read_as_session_hash_number() {
        assert_eq!(
            NoteRef::parse("0193a1b2#14"),
            Ok(NoteRef {
                session: "0193a1b2".into(),
                number: 14
            })
        );
        for s in ["", "#14", "0193", "0193#", "0193#0", "0193#x", "0193#-1"] {
            let e = NoteRef::parse(s).unwrap_err();
            assert!(
                e.contains("SESSION#NUMBER") && !e.contains('\n'),
                "{s}: {e}"
            );
        }
    }
}
