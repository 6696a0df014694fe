//! Terminal entry point. (Being built.)

use crate::cli::Cli;
use crate::error::Result;

pub fn run(cli: &Cli) -> Result<()> {
    let _store = crate::cli::open_store(cli)?;
    let mut terminal = ratatui::init();
    let result = (|| -> std::io::Result<()> {
        loop {
            terminal.draw(|f| {
                f.render_widget(
                    ratatui::widgets::Paragraph::new("tafel — q to quit"),
                    f.area(),
                )
            })?;
            if let crossterm::event::Event::Key(k) = crossterm::event::read()? {
                if k.code == crossterm::event::KeyCode::Char('q') {
                    return Ok(());
                }
            }
        }
    })();
    ratatui::restore();
    result.map_err(|e| crate::Error::io("<terminal>", e))
}
