//! The programme: its blocks with planned and actual times, and a short
//! standing ("7 min behind") for the status bar.

use super::{View, block, centered, fit};
use crate::app::Open;
use crate::domain::programme::{Block, Standing, round_of, standing};
use chrono::{DateTime, Local, NaiveDateTime, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

fn local(t: DateTime<Utc>) -> NaiveDateTime {
    t.with_timezone(&Local).naive_local()
}

/// Where the session stands, if it has a programme and the clock is known.
/// Only on the meeting's day, or while a block runs: a session of another
/// day is not behind its plan.
pub fn standing_of(v: &View<'_>, open: &Open) -> Option<Standing> {
    let now = v.state.wall?.naive_local();
    let running = open.programme.iter().any(Block::running);
    let today = now.date() == open.session.date;
    (!open.programme.is_empty() && (running || today))
        .then(|| standing(&open.programme, open.session.date, now, local))
}

/// "7 min achter", "3 min voor", "op tijd".
pub fn behind_text(v: &View<'_>, minutes: i64) -> String {
    match minutes {
        0 => v.s.run.on_time.to_string(),
        m if m > 0 => format!("{m} min {}", v.s.run.behind),
        m => format!("{} min {}", -m, v.s.run.ahead),
    }
}

/// The status bar's programme part: the running block, minutes left (or
/// time up) and the standing; `None` without a programme.
pub fn status(v: &View<'_>) -> Option<(String, bool)> {
    let open = v.state.open.as_ref()?;
    let st = standing_of(v, open)?;
    let behind = behind_text(v, st.behind_minutes);
    Some(match (st.current, st.left_minutes) {
        (Some(i), Some(left)) if left < 0 => (
            format!(
                "{}: {} +{} · {behind}",
                fit(&open.programme[i].plan.title, 16),
                v.s.run.block_time_up,
                -left
            ),
            true,
        ),
        (Some(i), Some(left)) => (
            format!(
                "{}: {left} {} · {behind}",
                fit(&open.programme[i].plan.title, 16),
                v.s.run.minutes_left
            ),
            false,
        ),
        _ => (behind, false),
    })
}

/// Width of the "actual" column: "13:02–13:18 (16)".
const ACTUAL_W: usize = 18;

fn hm(t: Option<DateTime<Utc>>) -> String {
    t.map_or_else(|| "  –  ".into(), |t| local(t).format("%H:%M").to_string())
}

fn row(v: &View<'_>, blocks: &[Block], b: &Block, w: usize) -> String {
    let kind = match round_of(blocks, &b.id) {
        Some(n) => format!("{} {n}", v.s.run.round_word),
        None => b.plan.kind.label(v.state.lang).to_lowercase(),
    };
    let actual = match (b.started_at, b.ended_at) {
        (Some(s), Some(e)) => format!(
            "{}–{} ({})",
            hm(Some(s)),
            hm(Some(e)),
            (e - s).num_minutes()
        ),
        (Some(s), None) => format!("{}–", hm(Some(s))),
        _ => String::new(),
    };
    let head = format!(
        "{:<7}  {:>3}  ",
        b.plan.start.format("%H:%M").to_string(),
        b.plan.minutes
    );
    let title_w = w.saturating_sub(14 + ACTUAL_W);
    let title = fit(
        &format!("{} · {kind}", crate::text::one_line(&b.plan.title)),
        title_w,
    );
    format!("{head}{title:<title_w$}{actual:>ACTUAL_W$}")
}

pub fn draw(frame: &mut Frame<'_>, v: &View<'_>, area: Rect, sel: usize) {
    let Some(open) = v.state.open.as_ref() else {
        return;
    };
    let blocks = &open.programme;
    let h = (blocks.len() as u16 + 6).min(area.height.saturating_sub(2));
    let r = centered(area, 78, h);
    frame.render_widget(Clear, r);
    let b = block(v.s.run.programme_title.to_string(), true, &v.theme);
    let inner = b.inner(r);
    frame.render_widget(b, r);
    let w = inner.width as usize;
    let title_w = w.saturating_sub(14 + ACTUAL_W);
    let head = format!(
        "{:<7}  {:>3}  {:<title_w$}{:>ACTUAL_W$}",
        v.s.run.planned, "min", v.s.forms.f_block_title, v.s.run.actual
    );
    let mut lines: Vec<Line<'static>> = vec![Line::styled(fit(&head, w), v.theme.dim())];
    if blocks.is_empty() {
        lines.push(Line::raw(v.s.run.no_programme));
    }
    let visible = inner.height.saturating_sub(3) as usize;
    let first = sel.saturating_sub(visible.saturating_sub(1));
    for (i, bl) in blocks.iter().enumerate().skip(first).take(visible) {
        let text = row(v, blocks, bl, w);
        let style = if i == sel {
            v.theme.selected()
        } else if bl.running() {
            v.theme.key()
        } else {
            ratatui::style::Style::new()
        };
        lines.push(Line::from(Span::styled(text, style)));
    }
    lines.push(Line::raw(""));
    if let Some(st) = standing_of(v, open) {
        lines.push(Line::styled(
            behind_text(v, st.behind_minutes),
            v.theme.title(),
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
