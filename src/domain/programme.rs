//! The morning's programme: timed blocks (plenary, table rounds, breaks)
//! and how far the meeting is ahead of or behind it. Pure: the time comes
//! in as an argument.

use super::{BlockKind, Id};
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

/// A block as an agenda or the configuration proposes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedBlock {
    pub title: String,
    pub kind: BlockKind,
    /// Planned start, local time on the session's date.
    pub start: NaiveTime,
    pub minutes: u32,
}

/// A block of a session's programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub id: Id,
    pub session_id: Id,
    pub position: u32,
    #[serde(flatten)]
    pub plan: PlannedBlock,
    /// When it was started and ended (UTC).
    pub started_at: Option<DateTime<Utc>>,
    pub ended_at: Option<DateTime<Utc>>,
}

impl Block {
    pub fn running(&self) -> bool {
        self.started_at.is_some() && self.ended_at.is_none()
    }
}

/// The round a tables block is (1, 2, …), counting only tables blocks.
pub fn round_of(blocks: &[Block], id: &str) -> Option<u32> {
    let mut n = 0;
    for b in blocks {
        if b.plan.kind == BlockKind::Tables {
            n += 1;
            if b.id == id {
                return Some(n);
            }
        }
    }
    None
}

/// The round being held now, if a tables block runs.
pub fn current_round(blocks: &[Block]) -> Option<u32> {
    let b = blocks.iter().find(|b| b.running())?;
    round_of(blocks, &b.id)
}

/// Where the meeting stands against its programme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    /// The running block (index), if any.
    pub current: Option<usize>,
    /// Minutes left in the running block (negative: over time).
    pub left_minutes: Option<i64>,
    /// Minutes behind the plan (negative: ahead).
    pub behind_minutes: i64,
}

/// Where the meeting stands at local time `now`, on the session's `date`.
/// Behind = how late the running block started, plus how far it has run
/// over its minutes; before anything started, how late the first block is.
pub fn standing(
    blocks: &[Block],
    date: NaiveDate,
    now: NaiveDateTime,
    to_local: impl Fn(DateTime<Utc>) -> NaiveDateTime,
) -> Standing {
    let planned = |b: &Block| date.and_time(b.plan.start);
    let minutes = |d: Duration| d.num_seconds().div_euclid(60);
    let current = blocks.iter().position(Block::running);
    match current {
        Some(i) => {
            let b = &blocks[i];
            let started = b.started_at.map(&to_local).unwrap_or(now);
            let end = started + Duration::minutes(i64::from(b.plan.minutes));
            let over = (now - end).max(Duration::zero());
            Standing {
                current: Some(i),
                left_minutes: Some(minutes(end - now + Duration::seconds(59))),
                behind_minutes: minutes(started - planned(b)) + minutes(over),
            }
        }
        None => {
            // Nothing running: the next block not yet started is late by now.
            let next = blocks.iter().find(|b| b.started_at.is_none());
            let behind = match next {
                Some(b) => minutes(now - planned(b)).max(0),
                None => blocks
                    .last()
                    .and_then(|b| {
                        let end = b.ended_at.map(&to_local)?;
                        let plan_end = planned(b) + Duration::minutes(i64::from(b.plan.minutes));
                        Some(minutes(end - plan_end))
                    })
                    .unwrap_or(0),
            };
            Standing {
                current: None,
                left_minutes: None,
                behind_minutes: behind,
            }
        }
    }
}

/// `HH:MM` → a time of day.
pub fn parse_time(s: &str) -> Option<NaiveTime> {
    let (h, m) = s.trim().split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(i: u32, kind: BlockKind, start: &str, minutes: u32) -> Block {
        Block {
            id: format!("b{i}"),
            session_id: "s".into(),
            position: i,
            plan: PlannedBlock {
                title: format!("Blok {i}"),
                kind,
                start: parse_time(start).unwrap(),
                minutes,
            },
            started_at: None,
            ended_at: None,
        }
    }

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 22).unwrap()
    }

    fn at(hm: &str) -> NaiveDateTime {
        day().and_time(parse_time(hm).unwrap())
    }

    fn utc(hm: &str) -> DateTime<Utc> {
        at(hm).and_utc()
    }

    fn programme() -> Vec<Block> {
        vec![
            block(0, BlockKind::Plenary, "10:30", 15),
            block(1, BlockKind::Tables, "10:45", 25),
            block(2, BlockKind::Break, "11:10", 10),
            block(3, BlockKind::Tables, "11:20", 25),
        ]
    }

    #[test]
    fn rounds_count_table_blocks_only() {
        let p = programme();
        assert_eq!(round_of(&p, "b1"), Some(1));
        assert_eq!(round_of(&p, "b3"), Some(2));
        assert_eq!(round_of(&p, "b2"), None);
    }

    #[test]
    fn behind_is_a_late_start_plus_overrun() {
        let mut p = programme();
        let local = |t: DateTime<Utc>| t.naive_utc();
        // Before the start: on time; ten minutes after it, 10 behind.
        assert_eq!(standing(&p, day(), at("10:20"), local).behind_minutes, 0);
        assert_eq!(standing(&p, day(), at("10:40"), local).behind_minutes, 10);
        // Opening started 3 minutes late: 3 behind, 12 minutes left at 10:36.
        p[0].started_at = Some(utc("10:33"));
        let s = standing(&p, day(), at("10:36"), local);
        assert_eq!(
            (s.current, s.left_minutes, s.behind_minutes),
            (Some(0), Some(12), 3)
        );
        // It runs 4 minutes over its 15: 7 behind, time is up.
        let s = standing(&p, day(), at("10:52"), local);
        assert_eq!((s.left_minutes, s.behind_minutes), (Some(-4), 7));
        // Round 1 started at 10:40, 5 minutes early: 5 ahead.
        p[0].ended_at = Some(utc("10:40"));
        p[1].started_at = Some(utc("10:40"));
        assert_eq!(standing(&p, day(), at("10:41"), local).behind_minutes, -5);
        assert_eq!(current_round(&p), Some(1));
    }

    #[test]
    fn times_are_hours_and_minutes() {
        assert_eq!(parse_time("9:05"), NaiveTime::from_hms_opt(9, 5, 0));
        assert_eq!(parse_time("10:30"), NaiveTime::from_hms_opt(10, 30, 0));
        for bad in ["25:00", "10:60", "1030", "10:3", "", "aa:bb", "10:30:00"] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }
}
