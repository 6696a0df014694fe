//! The plenary overview: what the store answered, where the reader is, and
//! the slides of presentation mode.
//!
//! The overview is a document of parts (a heading, a bar, a note …). The
//! parts are known here, from the data alone, so `update` scrolls by part
//! and jumps from heading to heading without knowing the screen's width;
//! the view draws each part, wrapped to the width.

use crate::domain::StakeholderGroup;
use crate::store::{Overview, TableOverview};

/// A piece of the overview, in reading order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Session, date, numbers of notes, tables and participants.
    Summary,
    /// A section heading (a stop for Tab).
    Heading(Section),
    /// The column heads of the balance of voices.
    VoicesHeader,
    /// One stakeholder group (index into `StakeholderGroup::ALL`; the last
    /// index: notes without a group).
    Voice(usize),
    /// A table's notes by kind.
    Kinds(usize),
    /// A label over a list of a table.
    Label(usize, List),
    /// A note of a table's list.
    Note(usize, List, usize),
    /// A table's items without input.
    Silent(usize),
    /// The column heads of the coverage heat map.
    CoverageHeader,
    /// An item's row of the heat map.
    Coverage(usize),
    /// The key to the heat map's shades.
    Legend,
    /// Every item without input at any table.
    NoInput,
    Blank,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Voices,
    Table(usize),
    Coverage,
    NoInput,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Top,
    Agreements,
    Actions,
}

impl List {
    pub const ALL: [List; 3] = [List::Top, List::Agreements, List::Actions];
}

/// A table's list of notes.
pub fn list(t: &TableOverview, which: List) -> &[crate::domain::Note] {
    match which {
        List::Top => &t.top,
        List::Agreements => &t.agreements,
        List::Actions => &t.actions,
    }
}

/// The parts of an overview, in reading order.
pub fn parts(o: &Overview) -> Vec<Part> {
    let mut out = vec![Part::Summary, Part::Blank, Part::Heading(Section::Voices)];
    out.push(Part::VoicesHeader);
    let groups = StakeholderGroup::ALL.len();
    for (g, n) in o.voices().into_iter().enumerate() {
        // The notes without a group only when there are any.
        if g < groups || n > 0 {
            out.push(Part::Voice(g));
        }
    }
    for (t, table) in o.tables.iter().enumerate() {
        out.extend([
            Part::Blank,
            Part::Heading(Section::Table(t)),
            Part::Kinds(t),
        ]);
        for which in List::ALL {
            let notes = list(table, which);
            if !notes.is_empty() {
                out.push(Part::Label(t, which));
                out.extend((0..notes.len()).map(|i| Part::Note(t, which, i)));
            }
        }
        if table.silent().next().is_some() {
            out.push(Part::Silent(t));
        }
    }
    out.extend([Part::Blank, Part::Heading(Section::Coverage)]);
    if !o.dimensions.is_empty() {
        out.push(Part::CoverageHeader);
        out.extend((0..o.items.len()).map(Part::Coverage));
    }
    out.push(Part::Legend);
    out.extend([Part::Blank, Part::Heading(Section::NoInput), Part::NoInput]);
    out
}

/// How presentation mode steps: a table at a time, or an item at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlidesBy {
    Table,
    Item,
}

/// One slide: a table, or one item at a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slide {
    /// Index into `Overview::tables`.
    pub table: usize,
    /// Index into that table's `items` (`None`: the whole table).
    pub item: Option<usize>,
}

/// The slides: every table; or every item at a table that has something
/// to show (agreements, actions or votes) — or, when none has, every item.
pub fn slides(o: &Overview, by: SlidesBy) -> Vec<Slide> {
    match by {
        SlidesBy::Table => (0..o.tables.len())
            .map(|table| Slide { table, item: None })
            .collect(),
        SlidesBy::Item => {
            let all: Vec<(Slide, bool)> = o
                .tables
                .iter()
                .enumerate()
                .flat_map(|(t, table)| {
                    (0..table.items.len()).map(move |i| {
                        let item = table.items[i];
                        let shown = !table.item_top[i].is_empty()
                            || table
                                .agreements
                                .iter()
                                .chain(&table.actions)
                                .any(|n| o.items[item].id == n.item_id);
                        (
                            Slide {
                                table: t,
                                item: Some(i),
                            },
                            shown,
                        )
                    })
                })
                .collect();
            if all.iter().any(|(_, shown)| *shown) {
                all.into_iter()
                    .filter(|(_, s)| *s)
                    .map(|(s, _)| s)
                    .collect()
            } else {
                all.into_iter().map(|(s, _)| s).collect()
            }
        }
    }
}

/// Presentation mode: full screen, one slide at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Presenting {
    pub by: SlidesBy,
    pub slide: usize,
}

/// The overview screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverviewState {
    pub data: Box<Overview>,
    pub parts: Vec<Part>,
    /// The first part shown.
    pub scroll: usize,
    pub presenting: Option<Presenting>,
}

impl OverviewState {
    pub fn new(data: Box<Overview>) -> OverviewState {
        let parts = parts(&data);
        OverviewState {
            data,
            parts,
            scroll: 0,
            presenting: None,
        }
    }

    pub fn slides(&self) -> Vec<Slide> {
        self.presenting
            .map(|p| slides(&self.data, p.by))
            .unwrap_or_default()
    }

    /// The part where the next (or previous) section starts.
    pub fn section_from(&self, forward: bool) -> usize {
        let is_heading = |i: &usize| matches!(self.parts[*i], Part::Heading(_));
        if forward {
            (self.scroll + 1..self.parts.len())
                .find(is_heading)
                .unwrap_or(self.scroll)
        } else {
            (0..self.scroll).rev().find(is_heading).unwrap_or(0)
        }
    }
}
