//! The plenary overview: the balance of voices as bars (drawn by hand, so
//! they scroll with the rest), each table's findings, the dimension
//! coverage as a heat map; and presentation mode, one table or item at a
//! time, full screen, for the projector.

use super::wrap::{wrap, wrap_line};
use super::{View, block, fit};
use crate::app::{List, OverviewState, Part, Section, Slide, SlidesBy, list};
use crate::domain::{ItemKind, Note, NoteKind, StakeholderGroup};
use crate::store::{Overview, TableOverview};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

pub fn draw(frame: &mut Frame<'_>, v: &View<'_>, area: Rect) {
    let Some(ov) = v.state.overview.as_ref() else {
        return;
    };
    let o = &ov.data;
    let title = format!(
        "{} — {} ({}/{})",
        v.s.overview.title,
        o.session.title,
        ov.scroll + 1,
        ov.parts.len()
    );
    let b = block(
        fit(&title, area.width.saturating_sub(4) as usize),
        true,
        &v.theme,
    );
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let w = inner.width as usize;
    let h = inner.height as usize;
    let mut lines: Vec<Line<'static>> = Vec::new();
    for part in &ov.parts[ov.scroll.min(ov.parts.len())..] {
        if lines.len() >= h {
            break;
        }
        lines.extend(part_lines(v, ov, *part, w));
    }
    lines.truncate(h);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// "AP 3", "BV 2".
fn code(v: &View<'_>, o: &Overview, item: usize) -> String {
    let it = &o.items[item];
    let short = match it.kind {
        ItemKind::ActionPoint => v.s.run.ap_short,
        ItemKind::PolicyQuestion => v.s.run.pq_short,
    };
    format!("{short} {}", it.number)
}

fn item_label(v: &View<'_>, o: &Overview, item: usize) -> String {
    format!("{} {}", code(v, o, item), o.items[item].title)
}

fn table_name(v: &View<'_>, t: &TableOverview, index: usize) -> String {
    match &t.table {
        Some(table) => format!("{} {} — {}", v.s.setup.table, index + 1, table.name),
        None => v.s.overview.no_table.to_string(),
    }
}

fn group_label(v: &View<'_>, slot: usize) -> &'static str {
    StakeholderGroup::ALL
        .get(slot)
        .map_or(v.s.overview.no_group, |g| g.label(v.state.lang))
}

/// A bar of `value` out of `max` in `width` columns, in eighths.
fn bar(value: u64, max: u64, width: usize) -> String {
    const EIGHTHS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    if max == 0 || width == 0 {
        return " ".repeat(width);
    }
    let eighths = (value * width as u64 * 8).div_ceil(max) as usize;
    let mut s = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        s.push(EIGHTHS[eighths % 8]);
    }
    let used = s.chars().count();
    s.push_str(&" ".repeat(width.saturating_sub(used)));
    s
}

/// Pads or cuts to exactly `width` columns.
fn cell(s: &str, width: usize) -> String {
    let f = fit(s, width);
    let pad = width.saturating_sub(f.width());
    format!("{f}{}", " ".repeat(pad))
}

/// The columns of the balance of voices at a width: the group labels, all
/// tables, each table (when they fit), the participants present.
struct VoiceColumns {
    label: usize,
    all: usize,
    /// Width of each table's column; 0 when they do not fit.
    table: usize,
}

const PRESENT_W: usize = 6;

fn voice_columns(w: usize, tables: usize) -> VoiceColumns {
    let label = (w / 4).clamp(12, 28);
    let avail = w.saturating_sub(label + 1 + PRESENT_W);
    let unit = avail / (2 + tables).max(1);
    if unit >= 7 {
        VoiceColumns {
            label,
            all: avail - unit * tables,
            table: unit,
        }
    } else {
        VoiceColumns {
            label,
            all: avail,
            table: 0,
        }
    }
}

/// A bar with its number, in a column `width` wide.
fn bar_cell(value: u64, max: u64, width: usize) -> String {
    let n = value.to_string();
    let bar_w = width.saturating_sub(n.len() + 2);
    format!("{}{n:>w$} ", bar(value, max, bar_w), w = n.len() + 1)
}

fn part_lines(v: &View<'_>, ov: &OverviewState, part: Part, w: usize) -> Vec<Line<'static>> {
    let o = &ov.data;
    let s = &v.s.overview;
    let dim = v.theme.dim();
    match part {
        Part::Blank => vec![Line::raw("")],
        Part::Summary => {
            let text = format!(
                "{} · {}: {} · {}: {} · {}: {}",
                o.session.date,
                s.notes,
                o.notes(),
                s.tables,
                o.tables.iter().filter(|t| t.table.is_some()).count(),
                s.participants,
                o.participants.len(),
            );
            wrap_line(&crate::text::one_line(&text), w)
                .into_iter()
                .map(Line::raw)
                .collect()
        }
        Part::Heading(section) => {
            let text = match section {
                Section::Voices => s.voices.to_string(),
                Section::Table(t) => {
                    let table = &o.tables[t];
                    let mut h = table_name(v, table, t);
                    if let Some(host) = table.table.as_ref().map(|t| t.host.trim())
                        && !host.is_empty()
                    {
                        h.push_str(&format!(" · {}: {host}", s.host));
                    }
                    format!("{h} · {}: {}", s.notes, table.notes())
                }
                Section::Coverage => s.coverage.to_string(),
                Section::NoInput => s.no_input.to_string(),
            };
            vec![Line::styled(fit(&text, w), v.theme.title())]
        }
        Part::VoicesHeader => {
            let c = voice_columns(w, o.tables.len());
            let mut text = format!("{}  {}", " ".repeat(c.label), cell(s.all_tables, c.all - 1));
            if c.table > 0 {
                for (i, t) in o.tables.iter().enumerate() {
                    let name = match &t.table {
                        Some(table) => format!("{}. {}", i + 1, table.name),
                        None => s.no_table.to_string(),
                    };
                    text.push_str(&cell(&name, c.table - 1));
                    text.push(' ');
                }
            }
            text.push_str(&format!("{:>PRESENT_W$}", s.present));
            vec![Line::styled(fit(&text, w), dim)]
        }
        Part::Voice(g) => {
            let c = voice_columns(w, o.tables.len());
            let all = o.voices();
            let max_all = all.iter().copied().max().unwrap_or(0);
            let mut spans = vec![
                Span::raw(cell(group_label(v, g), c.label)),
                Span::raw("  "),
                Span::styled(bar_cell(all[g], max_all, c.all - 1), v.theme.key()),
            ];
            if c.table > 0 {
                let max_t = o
                    .tables
                    .iter()
                    .flat_map(|t| t.voices.iter().copied())
                    .max()
                    .unwrap_or(0);
                for t in &o.tables {
                    spans.push(Span::raw(bar_cell(t.voices[g], max_t, c.table)));
                }
            }
            let present = o.present.get(g).map(u64::to_string).unwrap_or_default();
            spans.push(Span::styled(format!("{present:>PRESENT_W$}"), v.theme.ok()));
            vec![Line::from(spans)]
        }
        Part::Kinds(t) => {
            let kinds: Vec<String> = NoteKind::ALL
                .iter()
                .zip(&o.tables[t].kinds)
                .map(|(k, n)| format!("{} {n}", k.label(v.state.lang)))
                .collect();
            wrap_line(&kinds.join(" · "), w.saturating_sub(2))
                .into_iter()
                .map(|r| Line::styled(format!("  {r}"), dim))
                .collect()
        }
        Part::Label(_, which) => {
            let text = match which {
                List::Top => s.top_voted,
                List::Agreements => s.agreements,
                List::Actions => s.actions,
            };
            vec![Line::styled(format!("  {text}"), v.theme.kind())]
        }
        Part::Note(t, which, i) => {
            let note = &list(&o.tables[t], which)[i];
            note_lines(v, o, note, w)
        }
        Part::Silent(t) => {
            let items: Vec<String> = o.tables[t].silent().map(|i| item_label(v, o, i)).collect();
            let text = format!("{}: {}", s.no_input, items.join(", "));
            wrap_line(&crate::text::one_line(&text), w.saturating_sub(2))
                .into_iter()
                .map(|r| Line::styled(format!("  {r}"), dim))
                .collect()
        }
        Part::CoverageHeader => {
            let (label, cw) = coverage_columns(w, o.dimensions.len());
            let heads = dimension_heads(o, cw - 1);
            let mut out = Vec::new();
            if heads.first().is_some_and(|h| h == "1") {
                // The columns are numbered: first, which is which.
                let mut row = String::new();
                for (i, d) in o.dimensions.iter().enumerate() {
                    let entry = crate::text::one_line(&format!("{} {}", i + 1, d.name));
                    if !row.is_empty() && row.width() + 3 + entry.width() > w {
                        out.push(Line::styled(std::mem::take(&mut row), dim));
                    }
                    if !row.is_empty() {
                        row.push_str(" · ");
                    }
                    row.push_str(&fit(&entry, w));
                }
                out.push(Line::styled(row, dim));
            }
            let mut text = " ".repeat(label);
            for name in heads {
                text.push(' ');
                text.push_str(&cell(&name, cw - 1));
            }
            out.push(Line::styled(fit(&text, w), dim));
            out
        }
        Part::Coverage(item) => {
            let (label, cw) = coverage_columns(w, o.dimensions.len());
            let max = coverage_max(o);
            let mut spans = vec![Span::raw(cell(&item_label(v, o, item), label))];
            for n in &o.coverage[item] {
                spans.push(Span::raw(" "));
                spans.push(shade_cell(v, *n, max, cw - 1));
            }
            vec![Line::from(spans)]
        }
        Part::Legend if o.dimensions.is_empty() => {
            vec![Line::styled(s.no_dimensions, dim)]
        }
        Part::Legend => {
            let max = coverage_max(o);
            let text = format!("{} · 0  ░ ▒ ▓ █ {max}", s.coverage_legend);
            vec![Line::styled(fit(&text, w), dim)]
        }
        Part::NoInput => {
            let silent = o.silent_items();
            if silent.is_empty() {
                return vec![Line::styled(s.none_without_input, dim)];
            }
            silent
                .into_iter()
                .flat_map(|i| wrap_line(&crate::text::one_line(&item_label(v, o, i)), w))
                .map(Line::raw)
                .collect()
        }
    }
}

/// The item label's width and each dimension's column width.
fn coverage_columns(w: usize, dims: usize) -> (usize, usize) {
    let dims = dims.max(1);
    let cw = ((w / 2) / dims).clamp(4, 12);
    (w.saturating_sub(dims * (cw + 1)).max(8), cw)
}

/// The heads of the heat map's columns: the dimensions' names without
/// "Open ", cut to `width` — or, when two would look alike, their numbers.
fn dimension_heads(o: &Overview, width: usize) -> Vec<String> {
    let names: Vec<String> = o
        .dimensions
        .iter()
        .map(|d| fit(d.name.strip_prefix("Open ").unwrap_or(&d.name), width))
        .collect();
    let distinct = names
        .iter()
        .enumerate()
        .all(|(i, a)| names[i + 1..].iter().all(|b| a != b));
    if distinct {
        names
    } else {
        (1..=names.len()).map(|i| i.to_string()).collect()
    }
}

fn coverage_max(o: &Overview) -> u64 {
    o.coverage.iter().flatten().copied().max().unwrap_or(0)
}

/// A heat-map cell: a shade by how many notes (of the most in any cell),
/// with the number when there is room.
fn shade_cell(v: &View<'_>, n: u64, max: u64, width: usize) -> Span<'static> {
    if n == 0 || max == 0 {
        return Span::styled(cell(" ·", width), v.theme.dim());
    }
    let level = (n * 4).div_ceil(max).clamp(1, 4) as usize;
    let shade = ['░', '▒', '▓', '█'][level - 1];
    let blocks = width.min(3);
    let mut text: String = std::iter::repeat_n(shade, blocks).collect();
    if width >= blocks + 1 + n.to_string().len() {
        text.push_str(&format!(" {n}"));
    }
    Span::raw(cell(&text, width))
}

/// Who said a note, in which item, its votes, and for an action its owner
/// and due date.
fn note_meta(v: &View<'_>, o: &Overview, note: &Note) -> Vec<String> {
    let mut meta = Vec::new();
    if let Some(i) = o.items.iter().position(|i| i.id == note.item_id) {
        meta.push(code(v, o, i));
    }
    let who = note
        .content
        .participant_id
        .as_deref()
        .and_then(|id| o.participant(id))
        .map(|p| p.label(v.state.lang))
        .or_else(|| o.group_of(note).map(|g| g.label(v.state.lang).to_string()));
    meta.extend(who);
    if note.votes_for > 0 || note.votes_against > 0 {
        meta.push(format!("+{} −{}", note.votes_for, note.votes_against));
    }
    if note.content.kind == NoteKind::Action {
        meta.extend(action_meta(v, note));
    }
    meta
}

fn action_meta(v: &View<'_>, note: &Note) -> Vec<String> {
    let s = &v.s.overview;
    let owner = note.content.owner.trim();
    vec![
        if owner.is_empty() {
            s.no_owner.to_string()
        } else {
            format!("{} {owner}", s.owner)
        },
        match note.content.due {
            Some(d) => format!("{} {d}", s.due),
            None => s.no_due.to_string(),
        },
    ]
}

fn note_lines(v: &View<'_>, o: &Overview, note: &Note, w: usize) -> Vec<Line<'static>> {
    let body = w.saturating_sub(4);
    let mut out = Vec::new();
    for (i, row) in wrap(&crate::text::lines(&note.content.text), body)
        .into_iter()
        .enumerate()
    {
        let lead = if i == 0 { "  • " } else { "    " };
        out.push(Line::raw(format!("{lead}{row}")));
    }
    let meta = crate::text::one_line(&note_meta(v, o, note).join(" · "));
    for row in wrap_line(&meta, body) {
        out.push(Line::styled(format!("    {row}"), v.theme.dim()));
    }
    out
}

// ---------------------------------------------------------------------------
// Presentation mode.

/// One slide, full screen, no chrome: large (bold, spaced) wrapped text in
/// the terminal's own colours, headings reversed — readable on a projector
/// and without colour (`NO_COLOR`).
pub fn present(frame: &mut Frame<'_>, v: &View<'_>, area: Rect) {
    let Some(ov) = v.state.overview.as_ref() else {
        return;
    };
    let Some(p) = ov.presenting else {
        return;
    };
    let slides = ov.slides();
    let margin = if area.width >= 100 { 6 } else { 2 };
    let inner = Rect {
        x: area.x + margin,
        y: area.y + 1,
        width: area.width.saturating_sub(2 * margin),
        height: area.height.saturating_sub(2),
    };
    let w = inner.width as usize;
    let h = inner.height as usize;
    let counter = if slides.is_empty() {
        String::new()
    } else {
        let mode = match p.by {
            SlidesBy::Table => String::new(),
            SlidesBy::Item => format!("{} · ", v.s.overview.slide_item_mode),
        };
        format!(
            "{mode}{}/{}",
            p.slide.min(slides.len() - 1) + 1,
            slides.len()
        )
    };
    let content = match slides.get(p.slide.min(slides.len().saturating_sub(1))) {
        Some(slide) => slide_lines(v, &ov.data, *slide, w),
        None => vec![(
            false,
            vec![Line::styled(v.s.overview.no_notes_at_all, strong())],
        )],
    };
    // Spaced out when it fits, packed when it does not; what does not fit
    // at all ends in "…" (the slides per item show the rest).
    let rows: usize = content.iter().map(|(_, g)| g.len()).sum();
    let spaced = rows + content.len() <= h;
    let mut lines: Vec<Line<'static>> = Vec::new();
    let n = content.len();
    for (i, (label, group)) in content.into_iter().enumerate() {
        let gap = usize::from(spaced && i > 0);
        let room = if i + 1 < n { h.saturating_sub(1) } else { h };
        // A label is only worth showing with at least its first note.
        let need = gap + group.len() + usize::from(label);
        if lines.len() + need > room {
            lines.push(Line::styled("…", strong()));
            break;
        }
        if gap > 0 {
            lines.push(Line::raw(""));
        }
        lines.extend(group);
    }
    lines.truncate(h);
    frame.render_widget(Paragraph::new(lines), inner);
    let cw = counter.width() as u16;
    if cw > 0 && area.height > 0 {
        let at = Rect {
            x: area.x + area.width.saturating_sub(cw + 1),
            y: area.y + area.height - 1,
            width: cw.min(area.width),
            height: 1,
        };
        frame.render_widget(Paragraph::new(counter), at);
    }
}

fn strong() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

fn heading() -> Style {
    Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED)
}

/// The slide's blocks of lines — title, then each list's label and notes —
/// each marked whether it is a label.
type Blocks = Vec<(bool, Vec<Line<'static>>)>;

fn slide_lines(v: &View<'_>, o: &Overview, slide: Slide, w: usize) -> Blocks {
    let s = &v.s.overview;
    let t = &o.tables[slide.table];
    let mut out = Vec::new();
    let padded = |text: &str| {
        let text = crate::text::one_line(text);
        let pad = w.saturating_sub(text.width() + 1);
        format!(" {}{}", fit(&text, w.saturating_sub(1)), " ".repeat(pad))
    };
    let item = slide.item.map(|i| t.items[i]);
    match item {
        None => out.push((
            false,
            vec![Line::styled(
                padded(&table_name(v, t, slide.table)),
                heading(),
            )],
        )),
        Some(i) => out.push((
            false,
            vec![
                Line::styled(padded(&item_label(v, o, i)), heading()),
                Line::styled(table_name(v, t, slide.table), strong()),
            ],
        )),
    }
    let of_item = |n: &&Note| item.is_none_or(|i| o.items[i].id == n.item_id);
    let top: Vec<&Note> = match slide.item {
        None => t.top.iter().collect(),
        Some(i) => t.item_top[i].iter().collect(),
    };
    let lists: [(&str, Vec<&Note>, List); 3] = [
        (
            s.agreements,
            t.agreements.iter().filter(of_item).collect(),
            List::Agreements,
        ),
        (
            s.actions,
            t.actions.iter().filter(of_item).collect(),
            List::Actions,
        ),
        (s.top_voted, top, List::Top),
    ];
    let mut any = false;
    for (label, notes, which) in lists {
        if notes.is_empty() {
            continue;
        }
        any = true;
        out.push((
            true,
            vec![Line::styled(
                label.to_string(),
                strong().add_modifier(Modifier::UNDERLINED),
            )],
        ));
        for n in notes {
            let mut text = crate::text::one_line(&n.content.text.replace('\n', " "));
            match which {
                List::Actions => text.push_str(&format!(" — {}", action_meta(v, n).join(", "))),
                List::Top => text = format!("+{} {text}", n.votes_for),
                List::Agreements => {}
            }
            let rows = wrap_line(&text, w.saturating_sub(2));
            out.push((
                false,
                rows.into_iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let lead = if i == 0 { "• " } else { "  " };
                        Line::styled(format!("{lead}{r}"), strong())
                    })
                    .collect(),
            ));
        }
    }
    if !any {
        out.push((false, vec![Line::styled(s.nothing_yet, strong())]));
    }
    out
}
