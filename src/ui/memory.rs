//! The MSF's memory on screen: the item's past in one line, the actions
//! carried into this meeting, a note's status and response, search, and
//! the earlier notes (read-only).

use super::{View, block, centered, fit};
use crate::app::{Open, Past, Search};
use crate::domain::memory::HitSource;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

/// The item's past in one line, then the actions carried to it.
pub fn item_lines(v: &View<'_>, open: &Open, w: usize) -> Vec<Line<'static>> {
    let s = &v.s.run;
    let lang = v.state.lang;
    let m = &open.memory;
    let mut out = Vec::new();
    let h = &m.history;
    if h.sessions > 0 || h.last_rating.is_some() {
        let mut parts = Vec::new();
        if h.sessions > 0 {
            parts.push(format!(
                "{} {}, {} {}",
                h.sessions, s.sessions_word, h.notes, s.notes_word
            ));
        }
        if let Some((level, on)) = &h.last_rating {
            parts.push(format!(
                "{} {} ({})",
                s.last_irm,
                level.label(lang),
                on.format("%Y-%m")
            ));
        }
        if h.open_actions > 0 {
            parts.push(format!("{} {}", h.open_actions, s.open_actions_word));
        }
        out.push(Line::from(vec![
            Span::styled(format!("{}: ", s.earlier), v.theme.dim()),
            Span::raw(fit(
                &format!("{} (Alt+H)", parts.join(" · ")),
                w.saturating_sub(8),
            )),
        ]));
    }
    for c in &m.carried {
        let n = &c.note.content;
        let mut who = Vec::new();
        if !n.owner.trim().is_empty() {
            who.push(crate::text::one_line(&n.owner));
        }
        if let Some(d) = n.due {
            who.push(d.to_string());
        }
        who.push(c.state.label(lang).to_string());
        out.push(Line::from(vec![
            Span::styled(
                format!("{} {}: ", s.carried_from, c.origin.date),
                v.theme.key(),
            ),
            Span::raw(fit(
                &format!("{} — {}", crate::text::one_line(&n.text), who.join(", ")),
                w.saturating_sub(24),
            )),
        ]));
    }
    out
}

/// A note's status (an action) or latest response, for its header line.
pub fn note_suffix(v: &View<'_>, open: &Open, id: &str) -> Option<String> {
    let lang = v.state.lang;
    if let Some(st) = open.memory.states.get(id) {
        return Some(st.label(lang).to_string());
    }
    open.memory
        .responses
        .get(id)
        .map(|r| format!("{}: {}", v.s.run.response_word, r.status.label(lang)))
}

pub fn draw_search(frame: &mut Frame<'_>, v: &View<'_>, area: Rect, search: &Search) {
    let s = &v.s.run;
    let h = area.height.saturating_sub(4).min(24);
    let r = centered(area, 90, h);
    frame.render_widget(Clear, r);
    let b = block(s.search_title.to_string(), true, &v.theme);
    let inner = b.inner(r);
    frame.render_widget(b, r);
    let w = inner.width as usize;
    let input_area = Rect { height: 1, ..inner };
    frame.render_widget(&search.input, input_area);
    let mut lines: Vec<Line<'static>> = vec![Line::styled(fit(s.search_hint, w), v.theme.dim())];
    if let Some(e) = &search.error {
        lines.push(Line::styled(
            fit(&crate::text::one_line(e), w),
            v.theme.error(),
        ));
    } else if search.searched && search.hits.is_empty() {
        lines.push(Line::raw(s.nothing_found));
    }
    let rows = inner.height.saturating_sub(3) as usize;
    let first = search.sel.saturating_sub(rows.saturating_sub(1) / 2);
    for (i, hit) in search.hits.iter().enumerate().skip(first).take(rows) {
        let head = format!(
            "{} {} · {} {} · #{} {}{} ",
            hit.session.date,
            fit(&crate::text::one_line(&hit.session.title), 24),
            match hit.item.kind {
                crate::domain::ItemKind::ActionPoint => s.ap_short,
                crate::domain::ItemKind::PolicyQuestion => s.pq_short,
            },
            hit.item.number,
            hit.note_number,
            hit.kind.label(v.state.lang),
            match hit.source {
                HitSource::Note => String::new(),
                HitSource::Response(st) =>
                    format!(" ({}: {})", s.response_word, st.label(v.state.lang)),
            }
        );
        let selected = i == search.sel;
        let base = if selected {
            v.theme.selected()
        } else {
            ratatui::style::Style::new()
        };
        let mut spans = vec![Span::styled(head.clone(), base)];
        let mut left = w.saturating_sub(head.chars().count());
        for part in &hit.snippet {
            if left == 0 {
                break;
            }
            let text = fit(&crate::text::one_line(&part.text), left);
            left = left.saturating_sub(text.chars().count());
            let style = if part.hit {
                base.patch(v.theme.key())
            } else {
                base
            };
            spans.push(Span::styled(text, style));
        }
        lines.push(Line::from(spans));
    }
    let list = Rect {
        y: inner.y + 1,
        height: inner.height.saturating_sub(1),
        ..inner
    };
    frame.render_widget(Paragraph::new(lines), list);
}

pub fn draw_past(frame: &mut Frame<'_>, v: &View<'_>, area: Rect, past: &Past) {
    let s = &v.s.run;
    let lang = v.state.lang;
    let r = centered(area, 90, area.height.saturating_sub(4));
    frame.render_widget(Clear, r);
    let (title, lines, scroll) = match past {
        Past::Earlier { notes, scroll } => {
            let mut lines: Vec<Line<'static>> = Vec::new();
            if notes.is_empty() {
                lines.push(Line::raw(s.no_earlier));
            }
            for e in notes {
                let mut head = format!(
                    "{} {} · #{} {}",
                    e.session.date,
                    crate::text::one_line(&e.session.title),
                    e.note.number,
                    e.note.content.kind.label(lang)
                );
                if let Some(st) = e.state {
                    head.push_str(&format!(" · {}", st.label(lang)));
                }
                if let Some(r) = &e.response {
                    head.push_str(&format!(" · {}: {}", s.response_word, r.status.label(lang)));
                }
                lines.push(Line::styled(head, v.theme.dim()));
                lines.push(Line::raw(format!(
                    "  {}",
                    crate::text::one_line(&e.note.content.text)
                )));
            }
            (
                format!("{} ({})", s.earlier_title, s.read_only),
                lines,
                *scroll,
            )
        }
        Past::Versions {
            number,
            versions,
            scroll,
        } => {
            let mut lines: Vec<Line<'static>> = Vec::new();
            for o in versions {
                let from = o
                    .from
                    .as_deref()
                    .map_or(s.here.to_string(), crate::text::one_line);
                let mut head = format!(
                    "{from} · {} · {}",
                    o.changed_at
                        .with_timezone(&chrono::Local)
                        .format("%Y-%m-%d %H:%M"),
                    o.kind.label(lang)
                );
                if !o.owner.trim().is_empty() || o.due.is_some() {
                    let due = o.due.map(|d| d.to_string()).unwrap_or_default();
                    head.push_str(&format!(
                        " · {} {} {due}",
                        s.owner_word,
                        crate::text::one_line(&o.owner)
                    ));
                }
                if o.deleted {
                    head.push_str(&format!(" · {}", s.deleted_word));
                }
                lines.push(Line::styled(head, v.theme.dim()));
                for l in crate::text::lines(&o.text) {
                    lines.push(Line::raw(format!("  {l}")));
                }
                lines.push(Line::raw(""));
            }
            (
                format!("{} #{number} ({})", s.versions_title, s.read_only),
                lines,
                *scroll,
            )
        }
        Past::Note { session, note } => {
            let head = format!(
                "#{} {} · {}",
                note.number,
                note.content.kind.label(lang),
                s.read_only
            );
            let mut lines = vec![Line::styled(head, v.theme.dim())];
            for l in crate::text::lines(&note.content.text) {
                lines.push(Line::raw(l));
            }
            (crate::text::one_line(session), lines, 0)
        }
    };
    let b = block(title, true, &v.theme);
    let inner = b.inner(r);
    frame.render_widget(b, r);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        inner,
    );
}
