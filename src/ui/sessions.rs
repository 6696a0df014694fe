//! The start screen: sessions, newest first; the last used one preselected.

use super::{View, block, fit};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(frame: &mut Frame<'_>, v: &View<'_>, area: Rect) {
    let st = v.state;
    let b = block(v.s.sessions.sessions_title.to_string(), true, &v.theme);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let mut lines = Vec::new();
    if st.sessions.is_empty() {
        lines.push(Line::raw(v.s.sessions.no_sessions));
        lines.push(Line::raw(""));
        lines.push(Line::raw(v.s.sessions.no_sessions_hint));
    } else {
        let w = inner.width as usize;
        let title_w = w.saturating_sub(10 + 2 + 22 + 2).max(10);
        lines.push(Line::styled(
            format!(
                "{:<10}  {:<title_w$}  {:>6} {:>5} {:>8}",
                v.s.sessions.col_date,
                v.s.sessions.col_title,
                v.s.sessions.col_tables,
                v.s.sessions.col_items,
                v.s.sessions.col_notes
            ),
            v.theme.dim(),
        ));
        let visible = inner.height.saturating_sub(1) as usize;
        let first = st.session_sel.saturating_sub(visible.saturating_sub(1));
        for (i, row) in st.sessions.iter().enumerate().skip(first).take(visible) {
            let mark = if st.last_used.as_ref() == Some(&row.session.id) {
                "▸"
            } else {
                " "
            };
            let text = format!(
                "{:<10}  {:<title_w$}  {:>6} {:>5} {:>8}",
                row.session.date.to_string(),
                format!(
                    "{mark}{}",
                    fit(
                        &format!(
                            "{}{}",
                            row.session.title,
                            crate::i18n::laptops::merged(st.lang, row.merged_from)
                        ),
                        title_w - 1
                    )
                ),
                row.tables,
                row.items,
                row.notes
            );
            let style = if i == st.session_sel {
                v.theme.selected()
            } else {
                Default::default()
            };
            lines.push(Line::from(Span::styled(text, style)));
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
