//! Drawing. Views only read the state they are given; they never write.

mod memory;
mod overlay;
mod overview;
mod programme;
mod run;
mod sessions;
mod setup;

pub mod theme;
pub mod wrap;

use crate::app::{Screen, State};
use crate::i18n::{Strings, strings};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use std::time::Instant;
use theme::Theme;

/// The smallest terminal tafel draws on (the state knows it too, so keys
/// do nothing unseen while the terminal is smaller).
pub use crate::app::{MIN_HEIGHT, MIN_WIDTH};

/// Everything a frame needs.
pub struct View<'a> {
    pub state: &'a State,
    pub theme: Theme,
    pub now: Instant,
    pub s: &'static Strings,
}

impl<'a> View<'a> {
    pub fn new(state: &'a State, theme: Theme, now: Instant) -> View<'a> {
        View {
            state,
            theme,
            now,
            s: strings(state.lang),
        }
    }
}

/// Draws the whole frame.
pub fn draw(frame: &mut Frame<'_>, view: &View<'_>) {
    let area = frame.area();
    let presenting = view.state.screen == Screen::Overview
        && view
            .state
            .overview
            .as_ref()
            .is_some_and(|o| o.presenting.is_some());
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, view, area);
    } else if presenting {
        // For the projector: the slide alone, no status bar or footer.
        overview::present(frame, view, area);
        if view.state.overlay.is_some() {
            overlay::draw(frame, view, area);
        }
    } else {
        let banner = recovery_text(view);
        // Wrapped at word boundaries: a line more than the characters need.
        let banner_height = banner.as_ref().map_or(0, |t| {
            let width = unicode_width::UnicodeWidthStr::width(t.as_str());
            (width / usize::from(area.width) + 2).min(usize::from(area.height / 3)) as u16
        });
        let [main, banner_area, status, footer] = Layout::vertical([
            Constraint::Min(1),
            Constraint::Length(banner_height),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        if let Some(text) = banner {
            frame.render_widget(Clear, banner_area);
            frame.render_widget(
                Paragraph::new(text)
                    .style(view.theme.error())
                    .wrap(ratatui::widgets::Wrap { trim: true }),
                banner_area,
            );
        }
        match view.state.screen {
            Screen::Sessions => sessions::draw(frame, view, main),
            Screen::Setup => setup::draw(frame, view, main),
            Screen::Run => run::draw(frame, view, main),
            Screen::Overview => overview::draw(frame, view, main),
        }
        run::status_bar(frame, view, status);
        footer_line(frame, view, footer);
        if view.state.overlay.is_some() {
            overlay::draw(frame, view, area);
        }
    }
    sanitize(frame);
}

/// Last line of defence: no cell may send a control character or escape
/// sequence to the terminal, whatever a widget put there.
fn sanitize(frame: &mut Frame<'_>) {
    let buf = frame.buffer_mut();
    for cell in buf.content.iter_mut() {
        if cell.symbol().chars().any(crate::text::is_unsafe) {
            let safe = crate::text::one_line(cell.symbol());
            cell.set_symbol(&safe);
        }
    }
}

/// While the database is damaged: that nothing more is written to it, where
/// the notes go instead, and how to repair it — on screen all the time.
fn recovery_text(view: &View<'_>) -> Option<String> {
    let r = view.state.recovery.as_ref()?;
    let s = &view.s.files;
    let repair = match &r.hint.command {
        Some(command) => format!("{} {command} {} {}", s.to_repair, s.then_merge, r.merge),
        None => format!("{} {}.", s.no_sound_backup, r.hint.dir.display()),
    };
    Some(format!(
        "{} {}. {} {}. {repair}",
        s.damaged,
        r.damaged.display(),
        s.notes_now_in,
        r.file.display(),
    ))
}

fn too_small(frame: &mut Frame<'_>, view: &View<'_>, area: Rect) {
    let text = format!(
        "{} ({}×{}, {} {MIN_WIDTH}×{MIN_HEIGHT})",
        view.s.overlay.too_small, area.width, area.height, view.s.overlay.minimum
    );
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(text).wrap(ratatui::widgets::Wrap { trim: true }),
        area,
    );
}

fn footer_line(frame: &mut Frame<'_>, view: &View<'_>, area: Rect) {
    let keys = crate::app::keys::footer(view.state.context(), view.s);
    let mut spans = Vec::new();
    let mut used = 0;
    for (i, (k, what)) in keys.iter().enumerate() {
        let sep = if i > 0 { "  " } else { "" };
        let text = format!("{sep}{k} {what}");
        let w = unicode_width::UnicodeWidthStr::width(text.as_str());
        if used + w > area.width as usize {
            break; // whole entries only
        }
        used += w;
        spans.push(Span::raw(sep));
        spans.push(Span::styled(k.clone(), view.theme.key()));
        spans.push(Span::raw(format!(" {what}")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A bordered block with a title, highlighted when focused.
pub(crate) fn block<'a>(title: String, focused: bool, theme: &Theme) -> Block<'a> {
    let b = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {title} "), theme.title()));
    if focused {
        b.border_style(theme.focus_border())
    } else {
        b
    }
}

/// A rectangle of `w`×`h` centred in `area` (clamped to it).
pub(crate) fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Terminal-safe, truncated to `width` columns with an ellipsis.
pub(crate) fn fit(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let s = crate::text::one_line(s);
    let mut out = String::new();
    let mut w = 0;
    let total: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return s;
    }
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}
