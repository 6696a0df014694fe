//! The summary's lists (agreements, actions, actions still lacking an owner
//! or a date), gathered in the one pass over the notes (`pass.rs`).
//!
//! The summary lists a kind's notes per place and item, and an item's by
//! number. The pass visits them in the notes section's order, which is the
//! same unless a table's notes are split by round: then it visits the
//! table's items once per round. So each entry is spooled together with
//! its place, item and number, into a *lane* that keeps the summary's order
//! (the first lane whose last entry comes before it, else a new lane: as
//! many lanes as rounds), and the lanes are merged when the list is
//! written. Memory does not grow with the number of notes.

use super::Place;
use crate::error::{Error, Result};
use crate::export::Out;
use crate::export::spool::{NAME, Spool, spool_error};
use std::io::{BufRead, BufReader, Read, Write};
use tempfile::SpooledTempFile;

/// Where an entry goes in a list: place (tables in order, then no table),
/// item index, note number.
type Key = (u64, u64, u64);

/// An entry's place, item, number and length, before its text.
const HEADER: usize = 8 * 4;

fn key(place: Place, item: usize, number: u32) -> Key {
    let place = match place {
        Place::Table(i) => i as u64,
        Place::NoTable => u64::MAX,
    };
    (place, item as u64, u64::from(number))
}

struct Lane {
    spool: Spool,
    last: Key,
}

/// One of the summary's lists.
pub(super) struct List {
    lanes: Vec<Lane>,
    len: u64,
}

impl List {
    pub(super) fn new() -> List {
        List {
            lanes: Vec::new(),
            len: 0,
        }
    }

    /// Adds `text`, the list item of the note `number` at `place` about
    /// `item` (an index into the context's items).
    pub(super) fn push(
        &mut self,
        place: Place,
        item: usize,
        number: u32,
        text: &[u8],
    ) -> Result<()> {
        let key = key(place, item, number);
        let lane = match self.lanes.iter().position(|l| l.last < key) {
            Some(i) => &mut self.lanes[i],
            None => {
                self.lanes.push(Lane {
                    spool: Spool::with_buffer(8 << 10),
                    last: key,
                });
                self.lanes.last_mut().expect("just pushed")
            }
        };
        lane.last = key;
        let mut header = [0u8; HEADER];
        for (at, v) in [key.0, key.1, key.2, text.len() as u64]
            .into_iter()
            .enumerate()
        {
            header[at * 8..at * 8 + 8].copy_from_slice(&v.to_le_bytes());
        }
        let mut out = lane.spool.out();
        out.write_all(&header).map_err(spool_error)?;
        out.write_all(text).map_err(spool_error)?;
        self.len += 1;
        Ok(())
    }

    /// Writes the list: per place and item, each item's entries by number.
    /// Returns how many entries it wrote.
    pub(super) fn write(self, out: &mut Out<'_>) -> Result<u64> {
        let mut lanes = self
            .lanes
            .into_iter()
            .map(|l| LaneReader::new(l.spool))
            .collect::<Result<Vec<_>>>()?;
        let mut text = Vec::new();
        loop {
            let next = lanes
                .iter()
                .enumerate()
                .filter_map(|(i, l)| Some((l.head?, i)))
                .min();
            let Some((_, i)) = next else {
                return Ok(self.len);
            };
            lanes[i].take(&mut text)?;
            out.write_all(&text).map_err(|e| Error::io(out.dest, e))?;
        }
    }
}

/// Reads a lane's entries back in order.
struct LaneReader {
    r: BufReader<SpooledTempFile>,
    /// The key of the next entry, and its text's length.
    head: Option<Key>,
    len: usize,
}

impl LaneReader {
    fn new(spool: Spool) -> Result<LaneReader> {
        let mut lane = LaneReader {
            r: spool.reader()?,
            head: None,
            len: 0,
        };
        lane.advance()?;
        Ok(lane)
    }

    /// Reads the next entry's header.
    fn advance(&mut self) -> Result<()> {
        if self.r.fill_buf().map_err(spool_error)?.is_empty() {
            self.head = None;
            return Ok(());
        }
        let mut header = [0u8; HEADER];
        self.r.read_exact(&mut header).map_err(spool_error)?;
        let at =
            |i: usize| u64::from_le_bytes(header[i * 8..i * 8 + 8].try_into().expect("8 bytes"));
        self.head = Some((at(0), at(1), at(2)));
        self.len = usize::try_from(at(3)).map_err(|_| {
            spool_error(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("{NAME}: entry too long"),
            ))
        })?;
        Ok(())
    }

    /// Reads the next entry's text into `text`, and the header after it.
    fn take(&mut self, text: &mut Vec<u8>) -> Result<()> {
        text.resize(self.len, 0);
        self.r.read_exact(text).map_err(spool_error)?;
        self.advance()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn written(list: List) -> String {
        let mut buf = Vec::new();
        let mut out = Out {
            w: &mut buf,
            dest: Path::new("<test>"),
        };
        let n = list.write(&mut out).unwrap();
        let s = String::from_utf8(buf).unwrap();
        assert_eq!(n as usize, s.lines().count());
        s
    }

    #[test]
    fn rounds_are_merged_into_place_item_and_number_order() {
        let mut list = List::new();
        // Round 1 at table 0, then round 2 at table 0, then no table.
        for (place, item, number) in [
            (Place::Table(0), 1, 10),
            (Place::Table(0), 1, 12),
            (Place::Table(0), 3, 5),
            (Place::Table(0), 0, 40),
            (Place::Table(0), 1, 11),
            (Place::Table(0), 1, 41),
            (Place::Table(0), 3, 2),
            (Place::NoTable, 0, 1),
        ] {
            let text = format!("{place:?} {item} {number}\n");
            list.push(place, item, number, text.as_bytes()).unwrap();
        }
        assert_eq!(list.lanes.len(), 2);
        assert_eq!(
            written(list),
            "Table(0) 0 40\nTable(0) 1 10\nTable(0) 1 11\nTable(0) 1 12\nTable(0) 1 41\n\
             Table(0) 3 2\nTable(0) 3 5\nNoTable 0 1\n"
        );
    }

    #[test]
    fn an_empty_list_writes_nothing() {
        assert_eq!(written(List::new()), "");
    }

    #[test]
    fn long_lists_go_through_files_unchanged() {
        let mut list = List::new();
        let mut expected = String::new();
        for round in 0..2u32 {
            for number in 0..20_000u32 {
                let n = number * 2 + round;
                let text = format!("- note {n} — één\\\n  second line\n");
                list.push(Place::Table(0), 0, n, text.as_bytes()).unwrap();
            }
        }
        for n in 0..40_000u32 {
            expected.push_str(&format!("- note {n} — één\\\n  second line\n"));
        }
        assert!(expected.len() > 2 * crate::export::spool::IN_MEMORY);
        let mut buf = Vec::new();
        let mut out = Out {
            w: &mut buf,
            dest: Path::new("<test>"),
        };
        assert_eq!(list.write(&mut out).unwrap(), 40_000);
        assert_eq!(String::from_utf8(buf).unwrap(), expected);
    }
}
