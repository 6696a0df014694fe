//! Set-up: thematic tables, which items sit at each, and participants.

use super::{View, block, fit};
use crate::app::{Open, Pane};
use crate::domain::ItemKind;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

pub fn draw(frame: &mut Frame<'_>, v: &View<'_>, area: Rect) {
    let Some(open) = v.state.open.as_ref() else {
        return;
    };
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(area);
    let [tables, people] =
        Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(left);
    draw_tables(frame, v, open, tables);
    draw_participants(frame, v, open, people);
    draw_items(frame, v, open, right);
}

/// Rows around `sel` that fit in `height`.
fn window(sel: usize, len: usize, height: usize) -> std::ops::Range<usize> {
    let first = sel.saturating_sub(height.saturating_sub(1));
    first..len.min(first + height)
}

fn draw_tables(frame: &mut Frame<'_>, v: &View<'_>, open: &Open, area: Rect) {
    let focused = open.pane == Pane::Tables;
    let b = block(
        format!("{} ({})", v.s.tables_pane, open.tables.len()),
        focused,
        &v.theme,
    );
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let w = inner.width as usize;
    let mut lines = Vec::new();
    if open.tables.is_empty() {
        lines.push(Line::raw(v.s.no_tables_hint));
    }
    for i in window(open.table_sel, open.tables.len(), inner.height as usize) {
        let t = &open.tables[i];
        let host = if t.host.is_empty() {
            String::new()
        } else {
            format!(" · {}", t.host)
        };
        let text = fit(
            &format!(
                "{}. {}{} · {} min · {} {}",
                i + 1,
                t.name,
                host,
                t.timebox_minutes,
                t.item_ids.len(),
                v.s.items_word
            ),
            w,
        );
        let style = if i == open.table_sel && focused {
            v.theme.selected()
        } else if i == open.table_sel {
            v.theme.title()
        } else {
            Default::default()
        };
        lines.push(Line::styled(text, style));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn draw_participants(frame: &mut Frame<'_>, v: &View<'_>, open: &Open, area: Rect) {
    let focused = open.pane == Pane::Participants;
    let b = block(
        format!("{} ({})", v.s.participants_pane, open.participants.len()),
        focused,
        &v.theme,
    );
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let w = inner.width as usize;
    let mut lines = Vec::new();
    for i in window(
        open.participant_sel,
        open.participants.len(),
        inner.height as usize,
    ) {
        let p = &open.participants[i];
        let text = fit(&crate::app::participant_label(p, v.state.lang), w);
        let style = if i == open.participant_sel && focused {
            v.theme.selected()
        } else {
            Default::default()
        };
        lines.push(Line::styled(text, style));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn draw_items(frame: &mut Frame<'_>, v: &View<'_>, open: &Open, area: Rect) {
    let focused = open.pane == Pane::Items;
    let table = open.tables.get(open.table_sel);
    let title = match table {
        Some(t) => format!("{} — {}", v.s.items_pane, fit(&t.name, 30)),
        None => v.s.items_pane.to_string(),
    };
    let b = block(title, focused, &v.theme);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let w = inner.width as usize;
    let mut lines = Vec::new();
    for i in window(open.item_sel, open.items.len(), inner.height as usize) {
        let item = &open.items[i];
        let here = table.is_some_and(|t| t.item_ids.contains(&item.id));
        let elsewhere: Vec<usize> = open
            .tables
            .iter()
            .enumerate()
            .filter(|(_, t)| t.item_ids.contains(&item.id))
            .map(|(n, _)| n + 1)
            .collect();
        let code = match item.kind {
            ItemKind::ActionPoint => v.s.ap_short,
            ItemKind::PolicyQuestion => v.s.pq_short,
        };
        let at = if elsewhere.is_empty() {
            String::new()
        } else {
            format!(
                " [{}]",
                elsewhere
                    .iter()
                    .map(|n| n.to_string())
                    .collect::<Vec<_>>()
                    .join(",")
            )
        };
        let text = fit(
            &format!(
                "{} {code}{:>2} {}{at}",
                if here { "[x]" } else { "[ ]" },
                item.number,
                item.title
            ),
            w,
        );
        let style = if i == open.item_sel && focused {
            v.theme.selected()
        } else {
            Default::default()
        };
        lines.push(Line::styled(text, style));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
