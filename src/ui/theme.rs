//! Colours and emphasis. With `NO_COLOR` set, only bold/reverse/underline.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
    /// For a projector: no dim grey, white text, yellow and red accents.
    pub high_contrast: bool,
}

impl Theme {
    /// Honours the `NO_COLOR` convention (any non-empty value); the
    /// configuration may ask for the high-contrast theme.
    pub fn from_env() -> Theme {
        Theme {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
            high_contrast: false,
        }
    }

    pub fn plain() -> Theme {
        Theme {
            color: false,
            high_contrast: false,
        }
    }

    /// The configured theme (`default`, `high-contrast` or `plain`), still
    /// without colours under `NO_COLOR`.
    pub fn named(name: crate::config::ThemeName) -> Theme {
        use crate::config::ThemeName;
        let env = Theme::from_env();
        match name {
            ThemeName::Default => env,
            ThemeName::HighContrast => Theme {
                high_contrast: true,
                ..env
            },
            ThemeName::Plain => Theme::plain(),
        }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn title(&self) -> Style {
        if self.high_contrast {
            return self.fg(Color::White).add_modifier(Modifier::BOLD);
        }
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        if self.high_contrast {
            return self.fg(Color::White);
        }
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }

    pub fn selected(&self) -> Style {
        if self.color && self.high_contrast {
            return Style::new()
                .bg(Color::Yellow)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD);
        }
        if self.color {
            Style::new()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn error(&self) -> Style {
        if self.color {
            Style::new()
                .bg(Color::Red)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    pub fn ok(&self) -> Style {
        self.fg(Color::Green)
    }

    pub fn kind(&self) -> Style {
        self.fg(Color::Magenta).add_modifier(Modifier::BOLD)
    }

    pub fn focus_border(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn bar(&self) -> Style {
        if self.color && self.high_contrast {
            return Style::new()
                .bg(Color::White)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD);
        }
        if self.color {
            Style::new().bg(Color::DarkGray).fg(Color::White)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }
}
