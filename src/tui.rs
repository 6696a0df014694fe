//! The terminal loop: set up and restore the terminal (also on error and on
//! panic), read events, hand them to the app, draw.

use crate::app::{Action, App};
use crate::config::TuiConfig;
use crate::error::{Error, Result};
use crate::ui::{View, theme::Theme};
use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyEventKind};
use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use std::path::Path;
use std::time::{Duration, Instant};

/// How often the loop wakes without input (timer, clock, draft autosave).
const TICK: Duration = Duration::from_millis(200);

pub fn run(config: &TuiConfig) -> Result<()> {
    let db = config.db.clone();
    // Open the store before touching the terminal: a bad file is one line.
    // Damage is looked for in the background: the first frame does not wait.
    let store = crate::store::Store::open_with_background_check(&db)?;
    let logs = crate::paths::log_dir(&db);
    if let Err(e) = crate::log::init(&logs) {
        return Err(Error::io(&logs, e));
    }
    crate::log::write(&format!("start, database {}", db.display()));
    install_panic_report(&logs);
    let mut app = App::new(store, config.lang)?;
    app.state.export_dir = Some(crate::paths::export_dir(&db));
    app.state.defaults = config.defaults.clone();
    if let Some(w) = &config.warning {
        // Said on screen; tafel starts with the defaults.
        app.state.error(w.clone());
        crate::log::write(&format!("config: {w}"));
    }
    let theme = Theme::named(config.defaults.theme);

    let mut terminal = ratatui::try_init().map_err(|e| Error::io("<terminal>", e))?;
    let _ = crossterm::execute!(std::io::stdout(), EnableBracketedPaste);
    let result = event_loop(&mut terminal, &mut app, theme);
    app.shutdown();
    let _ = crossterm::execute!(std::io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    crate::log::write("stop");
    result
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, app: &mut App, theme: Theme) -> Result<()> {
    let io = |e: std::io::Error| Error::io("<terminal>", e);
    let size = terminal.size().map_err(io)?;
    app.handle(Action::Resize(size.width, size.height), Instant::now());
    app.handle(Action::Tick, Instant::now());
    while !app.state.quit {
        let now = Instant::now();
        // One synchronized update per frame: a terminal that supports it
        // shows the whole frame at once, never half of it.
        crossterm::queue!(std::io::stdout(), BeginSynchronizedUpdate).map_err(io)?;
        terminal
            .draw(|f| crate::ui::draw(f, &View::new(&app.state, theme, now)))
            .map_err(io)?;
        crossterm::execute!(std::io::stdout(), EndSynchronizedUpdate).map_err(io)?;
        // Test builds only: lets the end-to-end tests check the panic path.
        #[cfg(debug_assertions)]
        if std::env::var_os("TAFEL_DEBUG_PANIC").is_some() {
            panic!("TAFEL_DEBUG_PANIC is set");
        }
        if event::poll(TICK).map_err(io)? {
            // Drain everything that is waiting before drawing again, so a
            // burst of keys (or a paste) costs one frame.
            loop {
                match event::read().map_err(io)? {
                    Event::Key(k) if k.kind != KeyEventKind::Release => app.key(k, Instant::now()),
                    Event::Paste(text) => app.handle(Action::Paste(text), Instant::now()),
                    Event::Resize(w, h) => app.handle(Action::Resize(w, h), Instant::now()),
                    _ => {}
                }
                if app.state.quit || !event::poll(Duration::ZERO).map_err(io)? {
                    break;
                }
            }
        }
        app.handle(Action::Tick, Instant::now());
    }
    Ok(())
}

/// On a panic: the terminal is restored (ratatui's hook runs first), the
/// report goes to a file in the log folder and its path to stderr.
fn install_panic_report(logs: &Path) {
    let logs = logs.to_path_buf();
    std::panic::set_hook(Box::new(move |info| {
        let _ = crossterm::execute!(std::io::stdout(), DisableBracketedPaste);
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
        let path = logs.join(format!("panic-{stamp}.log"));
        let backtrace = std::backtrace::Backtrace::force_capture();
        let report = format!(
            "tafel {} panicked: {info}\n\n{backtrace}\n",
            env!("CARGO_PKG_VERSION")
        );
        let written = crate::fsutil::create_private_file(&path)
            .and_then(|mut f| std::io::Write::write_all(&mut f, report.as_bytes()));
        match written {
            Ok(()) => eprintln!(
                "tafel stopped on an internal error; your saved notes and drafts are safe. Report: {}",
                path.display()
            ),
            Err(_) => eprintln!("tafel stopped on an internal error: {info}"),
        }
        crate::log::write(&format!("panic: {info}"));
    }));
}
