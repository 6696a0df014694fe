//! Overlays drawn over a screen: help, forms, pickers, tags, rating, confirm.

use super::{View, block, centered, fit};
use crate::app::{Overlay, keys};
use crate::domain::IrmLevel;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

pub fn draw(frame: &mut Frame<'_>, v: &View<'_>, area: Rect) {
    let Some(ov) = v.state.overlay.as_ref() else {
        return;
    };
    match ov {
        Overlay::Help { ctx, scroll } => {
            let lines: Vec<(String, &str)> = keys::help_lines(*ctx, v.s);
            let key_w = lines
                .iter()
                .map(|(k, _)| k.chars().count())
                .max()
                .unwrap_or(4)
                .min(30);
            let r = centered(area, 76, (lines.len() as u16 + 2).min(area.height - 2));
            frame.render_widget(Clear, r);
            let b = block(v.s.overlay.help_title.to_string(), true, &v.theme);
            let inner = b.inner(r);
            frame.render_widget(b, r);
            let text: Vec<Line<'static>> = lines
                .into_iter()
                .map(|(k, what)| {
                    Line::from(vec![
                        Span::styled(format!("{k:<key_w$}  "), v.theme.key()),
                        Span::raw(what.to_string()),
                    ])
                })
                .collect();
            frame.render_widget(Paragraph::new(text).scroll((*scroll, 0)), inner);
        }
        Overlay::Form(f) => {
            let fields = f.fields();
            let h = fields.len() as u16 * 2 + 3;
            let r = centered(area, 70, h);
            frame.render_widget(Clear, r);
            let b = block(f.title.to_string(), true, &v.theme);
            let inner = b.inner(r);
            frame.render_widget(b, r);
            let label_w = fields
                .iter()
                .map(|x| x.label.chars().count())
                .max()
                .unwrap_or(8) as u16
                + 2;
            for (i, field) in fields.iter().enumerate() {
                let y = inner.y + i as u16 * 2;
                if y >= inner.y + inner.height {
                    break;
                }
                let style = if i == f.focus {
                    v.theme.key()
                } else {
                    v.theme.dim()
                };
                frame.render_widget(
                    Paragraph::new(Span::styled(field.label.to_string(), style)),
                    Rect {
                        x: inner.x,
                        y,
                        width: label_w,
                        height: 1,
                    },
                );
                let input_area = Rect {
                    x: inner.x + label_w,
                    y,
                    width: inner.width.saturating_sub(label_w),
                    height: 1,
                };
                if i == f.focus {
                    frame.render_widget(&field.input, input_area);
                } else {
                    frame.render_widget(
                        Paragraph::new(fit(&field.value(), input_area.width as usize)),
                        input_area,
                    );
                }
            }
            if let Some(err) = &f.error {
                let y = inner.y + inner.height.saturating_sub(1);
                frame.render_widget(
                    Paragraph::new(Span::styled(
                        fit(err, inner.width as usize),
                        v.theme.error(),
                    )),
                    Rect {
                        x: inner.x,
                        y,
                        width: inner.width,
                        height: 1,
                    },
                );
            }
        }
        Overlay::Picker(p) => {
            let visible = p.visible();
            let r = centered(area, 76, 18);
            frame.render_widget(Clear, r);
            let b = block(p.title.to_string(), true, &v.theme);
            let inner = b.inner(r);
            frame.render_widget(b, r);
            frame.render_widget(
                Paragraph::new(Span::styled(
                    format!("{} ", v.s.overlay.filter_word),
                    v.theme.dim(),
                )),
                Rect {
                    x: inner.x,
                    y: inner.y,
                    width: 8,
                    height: 1,
                },
            );
            frame.render_widget(
                &p.filter,
                Rect {
                    x: inner.x + 8,
                    y: inner.y,
                    width: inner.width - 8,
                    height: 1,
                },
            );
            frame.render_widget(
                Paragraph::new(Span::styled(
                    fit(v.s.overlay.picker_hint, inner.width as usize),
                    v.theme.dim(),
                )),
                Rect {
                    x: inner.x,
                    y: inner.y + 1,
                    width: inner.width,
                    height: 1,
                },
            );
            let h = inner.height.saturating_sub(2) as usize;
            let first = p.selected.saturating_sub(h.saturating_sub(1));
            let lines: Vec<Line<'static>> = visible
                .iter()
                .enumerate()
                .skip(first)
                .take(h)
                .map(|(row, &i)| {
                    let style = if row == p.selected {
                        v.theme.selected()
                    } else {
                        Default::default()
                    };
                    Line::styled(fit(&p.choices[i].0, inner.width as usize), style)
                })
                .collect();
            let list = Rect {
                x: inner.x,
                y: inner.y + 2,
                width: inner.width,
                height: inner.height.saturating_sub(2),
            };
            if lines.is_empty() {
                frame.render_widget(
                    Paragraph::new(Line::styled(v.s.overlay.no_match, v.theme.dim())),
                    list,
                );
            } else {
                frame.render_widget(Paragraph::new(lines), list);
            }
        }
        Overlay::Tags { chosen } => {
            let Some(open) = v.state.open.as_ref() else {
                return;
            };
            let r = centered(area, 60, open.dimensions.len() as u16 + 4);
            frame.render_widget(Clear, r);
            let b = block(v.s.overlay.tags_title.to_string(), true, &v.theme);
            let inner = b.inner(r);
            frame.render_widget(b, r);
            let mut lines: Vec<Line<'static>> = open
                .dimensions
                .iter()
                .zip(chosen)
                .enumerate()
                .map(|(i, (d, on))| {
                    Line::raw(fit(
                        &format!("{} [{}] {}", i + 1, if *on { "x" } else { " " }, d.name),
                        inner.width as usize,
                    ))
                })
                .collect();
            lines.push(Line::styled(v.s.overlay.tags_hint, v.theme.dim()));
            frame.render_widget(Paragraph::new(lines), inner);
        }
        Overlay::Rating { level, comment } => {
            let r = centered(area, 64, IrmLevel::ALL.len() as u16 + 6);
            frame.render_widget(Clear, r);
            let title = v
                .state
                .open
                .as_ref()
                .and_then(|o| o.current_item())
                .map(|i| {
                    format!(
                        "{} — {} {}",
                        v.s.overlay.rating_title,
                        i.kind.label(v.state.lang),
                        i.number
                    )
                })
                .unwrap_or_else(|| v.s.overlay.rating_title.to_string());
            let b = block(title, true, &v.theme);
            let inner = b.inner(r);
            frame.render_widget(b, r);
            let mut lines: Vec<Line<'static>> = IrmLevel::ALL
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    let style = if i == *level {
                        v.theme.selected()
                    } else {
                        Default::default()
                    };
                    Line::styled(format!(" {} ", l.label(v.state.lang)), style)
                })
                .collect();
            lines.push(Line::raw(""));
            lines.push(Line::styled(v.s.forms.f_comment, v.theme.dim()));
            frame.render_widget(Paragraph::new(lines), inner);
            let y = inner.y + inner.height.saturating_sub(1);
            frame.render_widget(
                comment,
                Rect {
                    x: inner.x,
                    y,
                    width: inner.width,
                    height: 1,
                },
            );
        }
        Overlay::Programme { sel } => super::programme::draw(frame, v, area, *sel),
        Overlay::Search(search) => super::memory::draw_search(frame, v, area, search),
        Overlay::Past(past) => super::memory::draw_past(frame, v, area, past),
        Overlay::Confirm { text, .. } => {
            let lines = text.lines().count() as u16;
            let r = centered(area, 64, lines + 5);
            frame.render_widget(Clear, r);
            let b = block(v.s.overlay.confirm_title.to_string(), true, &v.theme);
            let inner = b.inner(r);
            frame.render_widget(b, r);
            let mut body: Vec<Line<'static>> = text
                .lines()
                .map(|l| Line::raw(crate::text::one_line(l)))
                .collect();
            body.push(Line::raw(""));
            body.push(Line::styled(v.s.overlay.yes_no, v.theme.key()));
            frame.render_widget(Paragraph::new(body).wrap(Wrap { trim: false }), inner);
        }
    }
}
