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

/// A bordered list of `len` rows with the selected one marked (strongly when
/// the pane has the focus); only the rows that fit are made.
#[allow(clippy::too_many_arguments)]
fn list_pane(
    frame: &mut Frame<'_>,
    v: &View<'_>,
    area: Rect,
    title: String,
    focused: bool,
    (len, sel): (usize, usize),
    empty_hint: &str,
    row: impl Fn(usize) -> String,
) {
    let b = block(title, focused, &v.theme);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let w = inner.width as usize;
    let mut lines = Vec::new();
    if len == 0 && !empty_hint.is_empty() {
        lines.push(Line::styled(fit(empty_hint, w), v.theme.dim()));
    }
    for i in window(sel, len, inner.height as usize) {
        let style = match (i == sel, focused) {
            (true, true) => v.theme.selected(),
            (true, false) => v.theme.title(),
            _ => Default::default(),
        };
        lines.push(Line::styled(fit(&row(i), w), style));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn draw_tables(frame: &mut Frame<'_>, v: &View<'_>, open: &Open, area: Rect) {
    let title = format!("{} ({})", v.s.setup.tables_pane, open.tables.len());
    let focused = open.pane == Pane::Tables;
    list_pane(
        frame,
        v,
        area,
        title,
        focused,
        (open.tables.len(), open.table_sel),
        v.s.setup.no_tables_hint,
        |i| {
            let t = &open.tables[i];
            let host = if t.host.is_empty() {
                String::new()
            } else {
                format!(" · {}", t.host)
            };
            format!(
                "{}. {}{host} · {} min · {} {}",
                i + 1,
                t.name,
                t.timebox_minutes,
                t.item_ids.len(),
                v.s.setup.items_word
            )
        },
    );
}

fn draw_participants(frame: &mut Frame<'_>, v: &View<'_>, open: &Open, area: Rect) {
    let title = format!(
        "{} ({})",
        v.s.setup.participants_pane,
        open.participants.len()
    );
    let focused = open.pane == Pane::Participants;
    let state = (open.participants.len(), open.participant_sel);
    list_pane(
        frame,
        v,
        area,
        title,
        focused,
        state,
        v.s.setup.no_participants_hint,
        |i| {
            let p = &open.participants[i];
            match p.naming {
                crate::domain::Naming::Named => p.label(v.state.lang),
                crate::domain::Naming::GroupOnly => {
                    format!("{} · {}", p.label(v.state.lang), v.s.setup.group_only_mark)
                }
            }
        },
    );
}

fn draw_items(frame: &mut Frame<'_>, v: &View<'_>, open: &Open, area: Rect) {
    let table = open.tables.get(open.table_sel);
    let filter = open.filter.input.lines().join(" ");
    let filtering = open.filter.typing || !filter.trim().is_empty();
    // While filtering the filter comes first: the table is selected in
    // the tables pane too.
    let cursor = if open.filter.typing { "▏" } else { "" };
    let title = match (table, filtering) {
        (Some(t), false) => format!("{} — {}", v.s.setup.items_pane, fit(&t.name, 30)),
        (None, false) => v.s.setup.items_pane.to_string(),
        (Some(t), true) => format!(
            "{} {}{cursor} — {}",
            v.s.overlay.filter_word,
            fit(&filter, 20),
            t.name
        ),
        (None, true) => format!("{} {}{cursor}", v.s.overlay.filter_word, fit(&filter, 20)),
    };
    let visible = open.visible_items();
    let focused = open.pane == Pane::Items;
    list_pane(
        frame,
        v,
        area,
        title,
        focused,
        (visible.len(), open.item_sel),
        if filtering { v.s.overlay.no_match } else { "" },
        |row| {
            let item = &open.items[visible[row]];
            let here = table.is_some_and(|t| t.item_ids.contains(&item.id));
            let at: Vec<String> = open
                .tables
                .iter()
                .enumerate()
                .filter(|(_, t)| t.item_ids.contains(&item.id))
                .map(|(n, _)| (n + 1).to_string())
                .collect();
            let at = if at.is_empty() {
                String::new()
            } else {
                format!(" [{}]", at.join(","))
            };
            let code = match item.kind {
                ItemKind::ActionPoint => v.s.run.ap_short,
                ItemKind::PolicyQuestion => v.s.run.pq_short,
            };
            let mark = if here { "[x]" } else { "[ ]" };
            format!("{mark} {code}{:>2} {}{at}", item.number, item.title)
        },
    );
}
