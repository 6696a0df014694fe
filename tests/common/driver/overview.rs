//! The plenary overview (F8) and presentation mode. The few reads of the
//! overview's state are here too, next to the keys that change it.

use super::Driver;
use crossterm::event::KeyCode;
use tafel::app::keys::Context;
use tafel::app::{Part, Section, SlidesBy};

impl Driver {
    /// F8 on the run screen (editor or notes list): the overview.
    pub fn overview(&mut self) -> Overview<'_> {
        self.expect(&[Context::Editor, Context::Notes], "open the overview");
        self.press(KeyCode::F(8));
        self.expect(&[Context::Overview], "the overview");
        Overview { d: self }
    }

    /// Ctrl+E, ↓, Enter (from the run screen or the overview): the HTML
    /// minutes.
    pub fn export_html(&mut self) -> &mut Self {
        self.expect(&[Context::Editor, Context::Overview], "export");
        self.ctrl('e');
        self.expect(&[Context::Picker], "choose the format");
        self.press(KeyCode::Down).press(KeyCode::Enter)
    }

    /// The part of the overview at the top of the screen.
    pub fn overview_top(&self) -> Part {
        let ov = self.app.state.overview.as_ref().expect("the overview");
        ov.parts[ov.scroll]
    }

    /// Presentation mode: how it steps, the slide shown (from 0) and how
    /// many there are; `None` when not presenting.
    pub fn presenting(&self) -> Option<(SlidesBy, usize, usize)> {
        let ov = self.app.state.overview.as_ref()?;
        let p = ov.presenting?;
        Some((p.by, p.slide, ov.slides().len()))
    }

    /// How many agreements, actions and top-voted notes the overview shows
    /// per table (in table order).
    pub fn overview_lists(&self) -> Vec<(usize, usize, usize)> {
        let ov = self.app.state.overview.as_ref().expect("the overview");
        ov.data
            .tables
            .iter()
            .map(|t| (t.agreements.len(), t.actions.len(), t.top.len()))
            .collect()
    }
}

/// The overview screen.
pub struct Overview<'a> {
    d: &'a mut Driver,
}

impl<'a> Overview<'a> {
    pub fn down(&mut self, n: usize) -> &mut Self {
        self.d.press_times(KeyCode::Down, n);
        self
    }

    pub fn up(&mut self, n: usize) -> &mut Self {
        self.d.press_times(KeyCode::Up, n);
        self
    }

    /// Tab: the next section.
    pub fn next_section(&mut self) -> &mut Self {
        self.d.press(KeyCode::Tab);
        self
    }

    /// Shift+Tab: the previous section.
    pub fn prev_section(&mut self) -> &mut Self {
        self.d.press(KeyCode::BackTab);
        self
    }

    pub fn end(&mut self) -> &mut Self {
        self.d.press(KeyCode::End);
        self
    }

    pub fn home(&mut self) -> &mut Self {
        self.d.press(KeyCode::Home);
        self
    }

    /// The section heading at the top of the screen, if one is.
    pub fn section(&self) -> Option<Section> {
        match self.d.overview_top() {
            Part::Heading(s) => Some(s),
            _ => None,
        }
    }

    /// Enter: presentation mode, a table at a time.
    pub fn present(self) -> Presenter<'a> {
        self.d.press(KeyCode::Enter);
        self.d.expect(&[Context::Present], "present");
        Presenter { d: self.d }
    }

    /// Esc: back to the run screen.
    pub fn back(&mut self) -> &mut Driver {
        self.d.press(KeyCode::Esc);
        self.d
    }

    pub fn driver(&mut self) -> &mut Driver {
        self.d
    }
}

/// Presentation mode.
pub struct Presenter<'a> {
    d: &'a mut Driver,
}

impl Presenter<'_> {
    /// →: the next slide.
    pub fn next(&mut self) -> &mut Self {
        self.d.press(KeyCode::Right);
        self
    }

    /// ←: the previous slide.
    pub fn prev(&mut self) -> &mut Self {
        self.d.press(KeyCode::Left);
        self
    }

    /// End: the last slide.
    pub fn last(&mut self) -> &mut Self {
        self.d.press(KeyCode::End);
        self
    }

    /// Home: the first slide.
    pub fn first(&mut self) -> &mut Self {
        self.d.press(KeyCode::Home);
        self
    }

    /// Tab: a table at a time ↔ an item at a time.
    pub fn switch(&mut self) -> &mut Self {
        self.d.press(KeyCode::Tab);
        self
    }

    /// Esc: back to the overview.
    pub fn back(&mut self) -> &mut Driver {
        self.d.press(KeyCode::Esc);
        self.d
    }

    pub fn driver(&mut self) -> &mut Driver {
        self.d
    }
}

impl Driver {
    /// The current frame's cells, drawn with colours (`color`) or as under
    /// `NO_COLOR`: to check styles, not just text.
    pub fn frame(&self, w: u16, h: u16, color: bool) -> ratatui::buffer::Buffer {
        use ratatui::Terminal;
        use ratatui::backend::TestBackend;
        use tafel::ui::{View, theme::Theme};
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        let now = std::time::Instant::now();
        let theme = Theme {
            color,
            high_contrast: false,
        };
        term.draw(|f| tafel::ui::draw(f, &View::new(&self.app.state, theme, now)))
            .unwrap();
        term.backend().buffer().clone()
    }
}
