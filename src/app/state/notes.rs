//! The current item's notes as the run screen holds them: a window of a
//! few hundred notes around what the screen shows, out of all the item's
//! live notes. Positions are the notes' places among all of them (0 is
//! the oldest), so the selection and the counts do not depend on what is
//! loaded; [`Notes::want`] says which page a position needs, and the
//! store reads it (`Effect::LoadNotes`).

use crate::domain::Note;
use crate::store::{NotePage, PageAt};

/// Notes read at a time.
pub const PAGE: usize = 128;
/// Notes a frame may need either side of the note it is drawn around
/// (each note takes at least one row; no screen is this tall).
pub const REACH: usize = 100;
/// Notes kept at most: the window drops the far side beyond this.
const KEPT: usize = 3 * PAGE;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Notes {
    /// The item's live notes, all of them.
    total: usize,
    /// The position of `rows[0]`.
    offset: usize,
    rows: Vec<Note>,
}

impl Notes {
    /// A window holding exactly these notes (tests, and small items).
    pub fn all(rows: Vec<Note>) -> Notes {
        Notes {
            total: rows.len(),
            offset: 0,
            rows,
        }
    }

    /// The window a freshly read page makes. An empty page means no notes,
    /// whatever the count said (so nothing more is asked for).
    pub fn from_page(page: NotePage) -> Notes {
        if page.notes.is_empty() {
            return Notes::default();
        }
        let offset = page
            .first
            .unwrap_or(0)
            .min(page.total.saturating_sub(page.notes.len()));
        Notes {
            total: page.total.max(offset + page.notes.len()),
            offset,
            rows: page.notes,
        }
    }

    /// The item's live notes, loaded or not.
    pub fn len(&self) -> usize {
        self.total
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// The note at position `i`, if it is loaded.
    pub fn get(&self, i: usize) -> Option<&Note> {
        i.checked_sub(self.offset).and_then(|j| self.rows.get(j))
    }

    /// The loaded notes, oldest first.
    pub fn loaded(&self) -> &[Note] {
        &self.rows
    }

    /// The position of a loaded note.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.rows
            .iter()
            .position(|n| n.id == id)
            .map(|j| j + self.offset)
    }

    /// Replaces a loaded note by its new version (same id).
    pub fn replace(&mut self, note: Note) {
        if let Some(slot) = self.rows.iter_mut().find(|n| n.id == note.id) {
            *slot = note;
        }
    }

    /// A note just saved: the newest of the item.
    pub fn push(&mut self, note: Note) {
        if self.offset + self.rows.len() == self.total {
            self.rows.push(note);
        }
        self.total += 1;
        self.trim_front();
    }

    /// Takes a loaded note out; its position.
    pub fn remove(&mut self, id: &str) -> Option<(usize, Note)> {
        let j = self.rows.iter().position(|n| n.id == id)?;
        self.total = self.total.saturating_sub(1);
        Some((j + self.offset, self.rows.remove(j)))
    }

    /// A note back among the item's (undone deletion), in number order;
    /// its position, if it falls within the window.
    pub fn insert(&mut self, note: Note) -> Option<usize> {
        let before_all = self.offset > 0
            && self
                .rows
                .first()
                .is_some_and(|first| note.number < first.number);
        let after_all = self.offset + self.rows.len() < self.total
            && self
                .rows
                .last()
                .is_some_and(|last| note.number > last.number);
        self.total += 1;
        if before_all {
            self.offset += 1;
            return None;
        }
        if after_all {
            return None;
        }
        let j = self.rows.partition_point(|n| n.number < note.number);
        self.rows.insert(j, note);
        Some(j + self.offset)
    }

    /// The page position `anchor` needs, if some of the notes a frame
    /// drawn around it may show are not loaded.
    pub fn want(&self, anchor: usize) -> Option<PageAt> {
        if self.total == 0 {
            return None;
        }
        let anchor = anchor.min(self.total - 1);
        let lo = anchor.saturating_sub(REACH);
        let hi = (anchor + REACH + 1).min(self.total);
        let (start, end) = (self.offset, self.offset + self.rows.len());
        if lo >= start && hi <= end {
            return None;
        }
        let (Some(first), Some(last)) = (self.rows.first(), self.rows.last()) else {
            return Some(jump(anchor, self.total));
        };
        if hi <= start || lo >= end {
            // Nothing needed is loaded: read around the anchor.
            return Some(jump(anchor, self.total));
        }
        if lo < start {
            Some(PageAt::Before(first.number))
        } else {
            Some(PageAt::After(last.number))
        }
    }

    /// Takes in a page read for `at`; false if it added nothing (the
    /// window then knows the item ends there, so it asks no more).
    pub fn apply(&mut self, at: &PageAt, page: NotePage) -> bool {
        let got = page.notes.len();
        match at {
            PageAt::Before(n) if self.rows.first().is_some_and(|f| f.number == *n) => {
                // A short page: the item starts here, whatever the count said.
                self.offset = if got < PAGE {
                    0
                } else {
                    self.offset.saturating_sub(got)
                };
                let mut rows = page.notes;
                rows.append(&mut self.rows);
                self.rows = rows;
                self.total = self.total.max(self.offset + self.rows.len());
                self.trim_back();
            }
            PageAt::After(n) if self.rows.last().is_some_and(|l| l.number == *n) => {
                self.rows.extend(page.notes);
                if got < PAGE {
                    // The item ends here.
                    self.total = self.offset + self.rows.len();
                } else {
                    self.total = self.total.max(self.offset + self.rows.len());
                }
                self.trim_front();
            }
            PageAt::Before(_) | PageAt::After(_) => return false,
            _ => *self = Notes::from_page(page),
        }
        got > 0
    }

    /// Drops the oldest loaded notes beyond [`KEPT`].
    fn trim_front(&mut self) {
        if self.rows.len() > KEPT {
            let drop = self.rows.len() - KEPT;
            self.rows.drain(..drop);
            self.offset += drop;
        }
    }

    /// Drops the newest loaded notes beyond [`KEPT`].
    fn trim_back(&mut self) {
        self.rows.truncate(KEPT);
    }
}

fn jump(anchor: usize, total: usize) -> PageAt {
    if anchor + REACH >= total {
        PageAt::Last
    } else if anchor < REACH {
        PageAt::First
    } else {
        PageAt::Around(anchor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(number: u32) -> Note {
        let at = chrono::DateTime::<chrono::Utc>::UNIX_EPOCH;
        Note {
            id: format!("n{number}"),
            session_id: "s".into(),
            number,
            item_id: "i".into(),
            table_id: None,
            content: Default::default(),
            votes_for: 0,
            votes_against: 0,
            round: None,
            created_at: at,
            updated_at: at,
            deleted_at: None,
            origin: None,
        }
    }

    fn page(
        numbers: std::ops::RangeInclusive<u32>,
        total: usize,
        first: Option<usize>,
    ) -> NotePage {
        NotePage {
            notes: numbers.map(note).collect(),
            total,
            first,
            ..NotePage::default()
        }
    }

    /// An item of 1,000 notes numbered 1..=1000, opened at its end.
    fn opened() -> Notes {
        Notes::from_page(page(873..=1000, 1000, Some(872)))
    }

    #[test]
    fn positions_count_all_notes_not_the_loaded_ones() {
        let n = opened();
        assert_eq!(n.len(), 1000);
        assert_eq!(n.get(999).unwrap().number, 1000);
        assert_eq!(n.get(872).unwrap().number, 873);
        assert!(n.get(871).is_none());
        assert_eq!(n.position("n900"), Some(899));
        assert_eq!(n.want(999), None);
    }

    #[test]
    fn scrolling_up_reads_the_page_before_and_keeps_positions() {
        let mut n = opened();
        // The frame drawn around 960 reaches back to 860: not loaded.
        assert_eq!(n.want(960), Some(PageAt::Before(873)));
        assert!(n.apply(&PageAt::Before(873), page(745..=872, 1000, None)));
        assert_eq!(n.get(744).unwrap().number, 745);
        assert_eq!(n.get(999).unwrap().number, 1000);
        assert_eq!(n.want(960), None);
    }

    #[test]
    fn the_window_stays_bounded() {
        let mut n = opened();
        let mut top = 873;
        while let Some(at) = n.want(top as usize - 1) {
            let PageAt::Before(b) = at else {
                panic!("{at:?}")
            };
            let lo = b.saturating_sub(PAGE as u32).max(1);
            n.apply(&at, page(lo..=b - 1, 1000, None));
            top = n.loaded()[0].number;
            assert!(n.loaded().len() <= KEPT);
        }
        assert_eq!(n.get(0).unwrap().number, 1);
        assert!(n.get(999).is_none());
        // Back down: the newest notes are read again.
        assert_eq!(n.want(999), Some(PageAt::Last));
    }

    #[test]
    fn a_short_page_before_means_the_item_starts_there() {
        // Notes were deleted elsewhere: the count said 1000, and only 100
        // are left before the window.
        let mut n = opened();
        assert!(n.apply(&PageAt::Before(873), page(773..=872, 1000, None)));
        assert_eq!(n.get(0).unwrap().number, 773);
        assert_eq!(n.get(227).unwrap().number, 1000);
        // Positions now follow what was read, and nothing more is asked for
        // at the start; the end is read once and then known.
        assert_eq!(n.want(0), None);
        assert_eq!(n.want(227), Some(PageAt::After(1000)));
        let nothing = NotePage {
            total: 1000,
            ..NotePage::default()
        };
        assert!(!n.apply(&PageAt::After(1000), nothing));
        assert_eq!(n.len(), 228);
        assert_eq!(n.want(227), None);
    }

    #[test]
    fn a_short_page_after_means_the_item_ends_there() {
        let mut n = Notes::from_page(page(1..=128, 1000, Some(0)));
        assert_eq!(n.want(100), Some(PageAt::After(128)));
        assert!(n.apply(&PageAt::After(128), page(129..=140, 1000, None)));
        assert_eq!(n.len(), 140);
        assert_eq!(n.want(139), None);
    }

    #[test]
    fn an_empty_page_is_an_empty_item_whatever_the_count_said() {
        // A count that disagrees with the rows (a file edited by hand):
        // the window does not ask for the same page again and again.
        let empty = |total, first| NotePage {
            total,
            first,
            ..NotePage::default()
        };
        let mut n = Notes::from_page(empty(40, Some(0)));
        assert_eq!((n.len(), n.want(0)), (0, None));
        n = opened();
        assert!(!n.apply(&PageAt::Last, empty(1000, Some(1000))));
        assert_eq!((n.len(), n.want(999)), (0, None));
    }

    #[test]
    fn a_stale_page_is_ignored() {
        let mut n = opened();
        assert!(!n.apply(&PageAt::Before(500), page(372..=499, 1000, None)));
        assert_eq!(n, opened());
    }

    #[test]
    fn far_jumps_read_around_the_position() {
        let n = opened();
        assert_eq!(n.want(0), Some(PageAt::First));
        assert_eq!(n.want(500), Some(PageAt::Around(500)));
        assert_eq!(Notes::default().want(0), None);
    }

    #[test]
    fn a_saved_note_joins_the_window_only_at_the_end() {
        let mut n = opened();
        n.push(note(1001));
        assert_eq!(n.len(), 1001);
        assert_eq!(n.get(1000).unwrap().number, 1001);
        let mut m = Notes::from_page(page(1..=128, 1000, Some(0)));
        m.push(note(1001));
        assert_eq!(m.len(), 1001);
        assert!(m.get(1000).is_none());
        assert_eq!(m.want(1000), Some(PageAt::Last));
    }

    #[test]
    fn removing_and_restoring_keep_positions() {
        let mut n = opened();
        let (pos, gone) = n.remove("n950").unwrap();
        assert_eq!(pos, 949);
        assert_eq!(n.len(), 999);
        assert_eq!(n.get(949).unwrap().number, 951);
        assert_eq!(n.insert(gone), Some(949));
        assert_eq!(n, opened());
        // A note before the window moves the window, not the selection.
        assert_eq!(n.insert(note(5)), None);
        assert_eq!(n.len(), 1001);
        assert_eq!(n.get(999).unwrap().number, 999);
    }
}
