//! The run screen: agenda on the left; the current item, its notes and the
//! editor on the right; the status bar with clock and table timer.

use super::wrap::{wrap, wrap_line};
use super::{View, block, fit};
use crate::app::{Action, Focus, Open, StatusKind};
use crate::domain::{ItemKind, Note};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::time::Duration;

pub fn draw(frame: &mut Frame<'_>, v: &View<'_>, area: Rect) {
    let Some(open) = v.state.open.as_ref() else {
        return;
    };
    let agenda_w = (area.width * 3 / 10).clamp(24, 44);
    let [left, right] =
        Layout::horizontal([Constraint::Length(agenda_w), Constraint::Min(40)]).areas(area);
    draw_agenda(frame, v, open, left);
    let ctx = context_lines(v, open, right.width.saturating_sub(2) as usize);
    let ctx_h = (ctx.len() as u16 + 2).min(right.height / 3).max(3);
    let editor_h = (open.editor.input.lines().len() as u16 + 2).clamp(4, 8);
    let [c, notes, ed] = Layout::vertical([
        Constraint::Length(ctx_h),
        Constraint::Min(3),
        Constraint::Length(editor_h),
    ])
    .areas(right);
    draw_context(frame, v, open, ctx, c);
    draw_notes(frame, v, open, notes);
    draw_editor(frame, v, open, ed);
}

fn item_heading(v: &View<'_>, open: &Open) -> String {
    match open.current_item() {
        Some(item) => format!(
            "{} {} — {}",
            item.kind.label(v.state.lang),
            item.number,
            item.title
        ),
        None => v.s.run.no_items.to_string(),
    }
}

fn draw_agenda(frame: &mut Frame<'_>, v: &View<'_>, open: &Open, area: Rect) {
    let b = block(v.s.run.agenda_title.to_string(), false, &v.theme);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let w = inner.width as usize;
    // Rows: a heading per table, then its items.
    let mut rows: Vec<(Line<'static>, bool)> = Vec::new();
    let mut last_table = None;
    for (i, stop) in open.stops.iter().enumerate() {
        if stop.table != last_table {
            let heading = match stop.table {
                Some(t) => {
                    let table = &open.tables[t];
                    let up = if open.out_of_time(table, v.now) {
                        format!(" · {}", v.s.run.time_up)
                    } else {
                        String::new()
                    };
                    format!("{} · {} min{up}", table.name, table.timebox_minutes)
                }
                None if open.tables.is_empty() => String::new(),
                None => v.s.run.no_table_heading.to_string(),
            };
            if !heading.is_empty() {
                rows.push((Line::styled(fit(&heading, w), v.theme.title()), false));
            }
            last_table = stop.table;
        }
        let item = &open.items[stop.item];
        let code = match item.kind {
            ItemKind::ActionPoint => v.s.run.ap_short,
            ItemKind::PolicyQuestion => v.s.run.pq_short,
        };
        let count = open.counts.get(&item.id).copied().unwrap_or(0);
        let count = if count > 0 {
            format!(" ({count})")
        } else {
            String::new()
        };
        let current = i == open.stop;
        let mark = if current { "▸" } else { " " };
        let count_w = count.chars().count();
        let text = format!(
            "{mark}{code}{:>2} {}",
            item.number,
            fit(&item.title, w.saturating_sub(6 + count_w))
        );
        let style = if current {
            v.theme.selected()
        } else {
            Style::new()
        };
        rows.push((
            Line::from(vec![
                Span::styled(text, style),
                Span::styled(count, v.theme.dim()),
            ]),
            current,
        ));
    }
    let cur = rows.iter().position(|(_, c)| *c).unwrap_or(0);
    let h = inner.height as usize;
    let first = cur.saturating_sub(h / 2).min(rows.len().saturating_sub(h));
    let lines: Vec<Line<'static>> = rows
        .into_iter()
        .skip(first)
        .take(h)
        .map(|(l, _)| l)
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn context_lines(v: &View<'_>, open: &Open, w: usize) -> Vec<Line<'static>> {
    let Some(item) = open.current_item() else {
        return vec![];
    };
    // What happened before, first: in a follow-up meeting it matters most.
    let mut out = super::memory::item_lines(v, open, w);
    let dim = v.theme.dim();
    match item.kind {
        ItemKind::ActionPoint => {
            let statuses: Vec<&str> = item
                .statuses
                .iter()
                .map(|s| s.label(v.state.lang))
                .collect();
            if !statuses.is_empty() {
                out.push(Line::from(vec![
                    Span::styled(format!("{}: ", v.s.run.status_word), dim),
                    Span::raw(statuses.join(", ")),
                ]));
            }
            for row in wrap(&crate::text::lines(&item.remark), w) {
                if !row.is_empty() {
                    out.push(Line::styled(row, dim));
                }
            }
            let rating = match open.ratings.get(&item.id) {
                Some(r) if r.comment.is_empty() => r.level.label(v.state.lang).to_string(),
                Some(r) => format!(
                    "{} — {}",
                    r.level.label(v.state.lang),
                    crate::text::one_line(&r.comment)
                ),
                // With the key that rates, as the key table has it.
                None => match crate::app::keys::key_for(v.state.context(), &Action::Rate) {
                    Some(key) => format!("{} ({key})", v.s.run.no_rating),
                    None => v.s.run.no_rating.to_string(),
                },
            };
            out.push(Line::from(vec![
                Span::styled(format!("{}: ", v.s.run.irm_word), dim),
                Span::raw(fit(&rating, w.saturating_sub(6))),
            ]));
        }
        ItemKind::PolicyQuestion => {
            let mut meta = Vec::new();
            if let Some(d) = &item.dimension {
                meta.push(open.dimension_name(d).to_string());
            }
            if !item.directorate.is_empty() {
                meta.push(item.directorate.clone());
            }
            if !meta.is_empty() {
                out.push(Line::styled(fit(&meta.join(" · "), w), dim));
            }
            for row in wrap(&crate::text::lines(&item.text), w) {
                out.push(Line::raw(row));
            }
            for sq in &item.sub_questions {
                for row in wrap_line(
                    &crate::text::one_line(&format!("{}. {}", sq.label, sq.text)),
                    w,
                ) {
                    out.push(Line::raw(row));
                }
            }
            for row in wrap(&crate::text::lines(&item.closing), w) {
                if !row.is_empty() {
                    out.push(Line::raw(row));
                }
            }
        }
    }
    out
}

fn draw_context(
    frame: &mut Frame<'_>,
    v: &View<'_>,
    open: &Open,
    lines: Vec<Line<'static>>,
    area: Rect,
) {
    let b = block(
        fit(
            &item_heading(v, open),
            area.width.saturating_sub(4) as usize,
        ),
        false,
        &v.theme,
    );
    let inner = b.inner(area);
    frame.render_widget(b, area);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The header line of a note: number, kind, who, tags, votes.
pub fn note_header(v: &View<'_>, open: &Open, n: &Note) -> Vec<Span<'static>> {
    let lang = v.state.lang;
    let mut spans = vec![
        Span::styled(format!("#{} ", n.number), v.theme.dim()),
        Span::styled(n.content.kind.label(lang).to_string(), v.theme.kind()),
    ];
    let who = match n
        .content
        .participant_id
        .as_deref()
        .and_then(|id| open.participant(id))
    {
        Some(p) => Some(p.label(lang)),
        None => n.content.group.map(|g| g.label(lang).to_string()),
    };
    if let Some(who) = who {
        spans.push(Span::raw(format!(" · {who}")));
    }
    if !n.content.tags.is_empty() {
        let tags: Vec<&str> = n
            .content
            .tags
            .iter()
            .map(|t| open.dimension_name(t))
            .collect();
        spans.push(Span::styled(
            format!(" · {}", crate::text::one_line(&tags.join(", "))),
            v.theme.dim(),
        ));
    }
    if n.votes_for > 0 || n.votes_against > 0 {
        spans.push(Span::styled(
            format!(" · +{} −{}", n.votes_for, n.votes_against),
            v.theme.ok(),
        ));
    }
    let c = &n.content;
    if !c.owner.trim().is_empty() || c.due.is_some() {
        let due = c.due.map(|d| d.to_string()).unwrap_or_default();
        spans.push(Span::raw(format!(
            " · {} {} {due}",
            v.s.run.owner_word,
            crate::text::one_line(&c.owner)
        )));
    }
    if let Some(extra) = super::memory::note_suffix(v, open, &n.id) {
        spans.push(Span::styled(format!(" · {extra}"), v.theme.key()));
    }
    spans.extend(origin_span(v, n));
    if let Some(&count) = open.memory.versions.get(&n.id) {
        let what = if count == 1 {
            v.s.run.other_version
        } else {
            v.s.run.other_versions
        };
        spans.push(Span::styled(
            format!(" · ⚠ {count} {what}"),
            v.theme.error(),
        ));
    }
    if c.kind == crate::domain::NoteKind::Action && (c.owner.trim().is_empty() || c.due.is_none()) {
        spans.push(Span::styled(
            format!(" · {}", v.s.run.no_owner_yet),
            v.theme.error(),
        ));
    }
    spans
}

/// Where a merged note was taken: " · from Data #3".
fn origin_span(v: &View<'_>, n: &Note) -> Option<Span<'static>> {
    let o = n.origin.as_ref()?;
    Some(Span::styled(
        crate::i18n::laptops::from(v.state.lang, &o.cite()),
        v.theme.dim(),
    ))
}

/// Rows of one note: header then its wrapped, terminal-safe text.
fn note_rows(v: &View<'_>, open: &Open, n: &Note, w: usize, selected: bool) -> Vec<Line<'static>> {
    let mut header = note_header(v, open, n);
    if selected {
        header.insert(0, Span::styled("▶ ", v.theme.key()));
    }
    let mut rows = vec![Line::from(header)];
    for row in wrap(&crate::text::lines(&n.content.text), w.saturating_sub(2)) {
        rows.push(Line::raw(format!("  {row}")));
    }
    rows
}

/// Only the notes that fit are laid out: an item with thousands of notes
/// costs no more per frame than one with ten.
fn draw_notes(frame: &mut Frame<'_>, v: &View<'_>, open: &Open, area: Rect) {
    let focused = open.focus == Focus::Notes;
    let title = format!("{} ({})", v.s.run.notes_title, open.notes.len());
    let b = block(title, focused, &v.theme);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    if open.notes.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled(v.s.run.no_notes_yet, v.theme.dim())),
            inner,
        );
        return;
    }
    let h = inner.height as usize;
    let w = inner.width as usize;
    let anchor = open.note_anchor();
    // Walk back from the anchor until the area is full…
    let mut blocks: Vec<Vec<Line<'static>>> = Vec::new();
    let mut used = 0;
    let mut i = anchor as isize;
    // (Only the notes around the anchor are loaded: enough for any screen.)
    while i >= 0 && used < h {
        let Some(n) = open.notes.get(i as usize) else {
            break;
        };
        let rows = note_rows(v, open, n, w, focused && i as usize == open.note_sel);
        used += rows.len();
        blocks.push(rows);
        i -= 1;
    }
    blocks.reverse();
    // …then fill any space left below it.
    let mut j = anchor + 1;
    while used < h
        && let Some(n) = open.notes.get(j)
    {
        let rows = note_rows(v, open, n, w, false);
        used += rows.len();
        blocks.push(rows);
        j += 1;
    }
    let mut lines: Vec<Line<'static>> = blocks.into_iter().flatten().collect();
    if lines.len() > h {
        // Nothing was added below the anchor: keep its rows, cut at the top.
        // Otherwise the list starts at the first note: cut at the bottom.
        let start = if j == anchor + 1 { lines.len() - h } else { 0 };
        lines = lines.drain(start..start + h).collect();
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn draw_editor(frame: &mut Frame<'_>, v: &View<'_>, open: &Open, area: Rect) {
    let lang = v.state.lang;
    // Exactly what Enter will attach: the keys' choices and the inline
    // words read from the text so far.
    let pending = open.pending();
    let meta = &pending.content;
    let mut title = match &open.editor.editing {
        Some(n) => format!("{} #{}", v.s.run.editing_note, n.number),
        None => v.s.run.new_note.to_string(),
    };
    title.push_str(&format!(" · {}", meta.kind.label(lang)));
    let who = match meta
        .participant_id
        .as_deref()
        .and_then(|id| open.participant(id))
    {
        Some(p) => Some(p.label(lang)),
        None => meta.group.map(|g| g.label(lang).to_string()),
    };
    if let Some(who) = who {
        title.push_str(&format!(" · {who}"));
    }
    if !meta.tags.is_empty() {
        let tags: Vec<&str> = meta.tags.iter().map(|t| open.dimension_name(t)).collect();
        title.push_str(&format!(" · {}", tags.join(", ")));
    }
    if meta.kind == crate::domain::NoteKind::Action {
        if !meta.owner.trim().is_empty() {
            let owner = crate::text::one_line(&meta.owner);
            title.push_str(&format!(" · {}: {owner}", v.s.run.owner_word));
        }
        if let Some(due) = meta.due {
            title.push_str(&format!(" · {due}"));
        }
    }
    if let Some(p) = pending.problems.first() {
        title = format!("⚠ {} · {title}", crate::app::describe_problem(p, lang));
    }
    let focused = open.focus == Focus::Editor && v.state.overlay.is_none();
    let b = block(
        fit(&title, area.width.saturating_sub(4) as usize),
        focused,
        &v.theme,
    );
    let inner = b.inner(area);
    frame.render_widget(b, area);
    if open.editor.input.is_empty() && focused {
        frame.render_widget(
            Paragraph::new(Line::styled(v.s.run.editor_placeholder, v.theme.dim())),
            inner,
        );
        frame.set_cursor_position((inner.x, inner.y));
    } else {
        frame.render_widget(&open.editor.input, inner);
    }
}

fn mmss(d: Duration) -> String {
    let s = d.as_secs();
    format!("{:02}:{:02}", s / 60, s % 60)
}

/// Session, table, clock and the table's countdown — or a message.
pub fn status_bar(frame: &mut Frame<'_>, v: &View<'_>, area: Rect) {
    let st = v.state;
    frame.render_widget(Paragraph::new("").style(v.theme.bar()), area);
    let mut right: Vec<Span<'static>> = Vec::new();
    let mut time_up = false;
    if let Some(open) = st.open.as_ref()
        && let Some(table) = open.current_table()
    {
        let timer = open.timer();
        let total = Duration::from_secs(u64::from(table.timebox_minutes) * 60);
        let elapsed = timer.elapsed_at(v.now);
        let cells = 10usize;
        let filled = if total.is_zero() {
            cells
        } else {
            ((elapsed.as_secs_f64() / total.as_secs_f64()) * cells as f64).min(cells as f64)
                as usize
        };
        let bar: String = "█".repeat(filled) + &"░".repeat(cells - filled);
        let state_word = if timer.running() { "" } else { v.s.run.paused };
        if elapsed >= total && !total.is_zero() {
            time_up = true;
            right.push(Span::styled(
                format!(" {} +{} ", v.s.run.time_up, mmss(elapsed - total)),
                v.theme.error(),
            ));
        } else {
            right.push(Span::raw(format!(
                " {bar} {} {state_word} ",
                mmss(total - elapsed)
            )));
        }
    }
    // The programme: the running block and how far behind the plan.
    if let Some((text, up)) = super::programme::status(v) {
        let style = if up { v.theme.error() } else { v.theme.bar() };
        right.insert(0, Span::styled(format!(" {text} │"), style));
        time_up |= up;
    }
    // Any other table whose time is up, wherever the facilitator is.
    if let Some(open) = st.open.as_ref() {
        let current = open.current_table().map(|t| t.id.as_str());
        let late: Vec<&str> = open
            .tables
            .iter()
            .filter(|t| Some(t.id.as_str()) != current && open.out_of_time(t, v.now))
            .map(|t| t.name.as_str())
            .collect();
        if !late.is_empty() {
            let names = crate::text::one_line(&late.join(", "));
            right.insert(
                0,
                Span::styled(format!(" {} {names} ", v.s.run.timers_up), v.theme.error()),
            );
            time_up = true;
        }
    }
    right.push(Span::raw(format!(" {} ", st.clock)));
    let right_w: usize = right.iter().map(|s| s.width()).sum();
    let left_w = (area.width as usize).saturating_sub(right_w);
    let left = match &st.status {
        Some(msg) => {
            let style = if msg.kind == StatusKind::Error {
                v.theme.error()
            } else {
                v.theme.bar()
            };
            Span::styled(fit(&format!(" {}", msg.text), left_w), style)
        }
        None => {
            let text = match st.open.as_ref() {
                Some(o) => {
                    let table = o
                        .current_table()
                        .map(|t| format!(" │ {}", t.name))
                        .unwrap_or_default();
                    format!(" {}{table}", o.session.title)
                }
                None => " tafel".to_string(),
            };
            Span::styled(fit(&text, left_w), v.theme.bar())
        }
    };
    let pad = left_w.saturating_sub(left.width());
    let mut spans = vec![left, Span::styled(" ".repeat(pad), v.theme.bar())];
    spans.extend(
        right
            .into_iter()
            .map(|s| if time_up { s } else { s.style(v.theme.bar()) }),
    );
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
