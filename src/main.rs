//! Thin entry point: parse the command line, run, turn errors into one line
//! on stderr and a non-zero exit.

use clap::Parser;
use std::process::ExitCode;
use tafel::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        None => cli.tui_config().and_then(|c| tafel::tui::run(&c)),
        Some(command) => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            tafel::cli::run(&cli, command, &mut out).and_then(|()| {
                std::io::Write::flush(&mut out)
                    .map_err(|e| tafel::Error::io(std::path::Path::new("<stdout>"), e))
            })
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that stopped early (`tafel export | head`) is not an error.
        Err(tafel::Error::Io { path, error })
            if path.as_os_str() == "<stdout>" && error.kind() == std::io::ErrorKind::BrokenPipe =>
        {
            ExitCode::SUCCESS
        }
        Err(tafel::Error::Agenda(errors)) => {
            eprintln!("{errors}");
            ExitCode::from(1)
        }
        Err(tafel::Error::Lines(lines)) => {
            for line in lines {
                eprintln!("{line}");
            }
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("tafel: {e}");
            ExitCode::from(1)
        }
    }
}
