//! A real `tafel` in a pseudo-terminal, its screen parsed by vt100.

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tempfile::TempDir;

const ROWS: u16 = 30;
const COLS: u16 = 100;

pub struct Tui {
    pub child: Box<dyn Child + Send + Sync>,
    pub writer: Box<dyn Write + Send>,
    pub screen: Arc<Mutex<vt100::Parser>>,
}

impl Tui {
    pub fn start(db: &Path) -> Tui {
        Self::start_with(db, &[])
    }

    /// Starts tafel with extra environment variables.
    pub fn start_with(db: &Path, env: &[(&str, &str)]) -> Tui {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_tafel"));
        cmd.env("TAFEL_DB", db);
        cmd.env("LANG", "en_GB.UTF-8");
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).expect("spawn");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let writer = pty.master.take_writer().expect("writer");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(ROWS, COLS, 0)));
        let s = screen.clone();
        std::thread::spawn(move || {
            let _master = pty.master; // keep the pty open while reading
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                s.lock().unwrap().process(&buf[..n]);
            }
        });
        Tui {
            child,
            writer,
            screen,
        }
    }

    pub fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    pub fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            if self.contents().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("`{text}` did not appear; screen:\n{}", self.contents());
    }

    pub fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(120));
    }

    pub fn type_slowly(&mut self, text: &str) {
        for c in text.chars() {
            self.writer.write_all(c.to_string().as_bytes()).unwrap();
            self.writer.flush().unwrap();
            std::thread::sleep(Duration::from_millis(15));
        }
        std::thread::sleep(Duration::from_millis(100));
    }

    pub fn wait_exit(&mut self) -> bool {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("tafel did not exit; screen:\n{}", self.contents());
    }

    pub fn sigkill(&mut self) {
        let pid = self.child.process_id().expect("pid");
        let ok = std::process::Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status()
            .unwrap()
            .success();
        assert!(ok);
        let _ = self.child.wait();
    }
}

pub fn new_session(dir: &TempDir) -> (PathBuf, String) {
    let db = dir.path().join("e2e.db");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tafel"))
        .args(["new", "--title", "E2E meeting", "--date", "2025-11-20"])
        .env("TAFEL_DB", &db)
        .output()
        .unwrap();
    assert!(out.status.success());
    (
        db,
        String::from_utf8(out.stdout).unwrap().trim().to_string(),
    )
}

pub const ENTER: &str = "\r";
pub const TAB: &str = "\t";

/// Opens the (only) session and goes from set-up to the run screen.
pub fn open_and_run(tui: &mut Tui) {
    tui.wait_for("E2E meeting");
    tui.send(ENTER);
    tui.wait_for("Tables (0)");
    tui.send(ENTER);
    tui.wait_for("Action point 1 — Grip op eigen gegevens");
}
