//! End-to-end: the real `tafel` binary in a pseudo-terminal, its screen
//! parsed by vt100, the database checked afterwards.

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tafel::store::Store;
use tempfile::TempDir;

const ROWS: u16 = 30;
const COLS: u16 = 100;

struct Tui {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
}

impl Tui {
    fn start(db: &Path) -> Tui {
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

    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            if self.contents().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("`{text}` did not appear; screen:\n{}", self.contents());
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(120));
    }

    fn type_slowly(&mut self, text: &str) {
        for c in text.chars() {
            self.writer.write_all(c.to_string().as_bytes()).unwrap();
            self.writer.flush().unwrap();
            std::thread::sleep(Duration::from_millis(15));
        }
        std::thread::sleep(Duration::from_millis(100));
    }

    fn wait_exit(&mut self) -> bool {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("tafel did not exit; screen:\n{}", self.contents());
    }

    fn sigkill(&mut self) {
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

fn new_session(dir: &TempDir) -> (PathBuf, String) {
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

const ENTER: &str = "\r";
const TAB: &str = "\t";

/// Opens the (only) session and goes from set-up to the run screen.
fn open_and_run(tui: &mut Tui) {
    tui.wait_for("E2E meeting");
    tui.send(ENTER);
    tui.wait_for("Tables (0)");
    tui.send(ENTER);
    tui.wait_for("Action point 1 — Grip op eigen gegevens");
}

#[test]
fn typed_notes_are_in_the_database_after_quitting() {
    let dir = TempDir::new().unwrap();
    let (db, sid) = new_session(&dir);
    let mut tui = Tui::start(&db);
    open_and_run(&mut tui);
    tui.type_slowly("Eerste punt: meer open data");
    tui.send(ENTER);
    tui.wait_for("Saved #1");
    tui.send("\x1b2"); // Alt+2: idea
    tui.type_slowly("Idee met één accent");
    tui.send(ENTER);
    tui.wait_for("Saved #2");
    tui.send(TAB);
    tui.wait_for("Action point 2 — Openbaarheidscentrum Amsterdam");
    tui.type_slowly("Op het tweede punt");
    tui.send(ENTER);
    tui.wait_for("Saved #3");
    tui.send("\x11"); // Ctrl+Q
    assert!(tui.wait_exit(), "clean exit");

    let store = Store::open(&db).unwrap();
    let mut notes = Vec::new();
    store
        .for_each_note(&sid, |n| {
            notes.push((n.kind.key().to_string(), n.text));
            Ok(())
        })
        .unwrap();
    assert_eq!(
        notes,
        [
            (
                "observation".to_string(),
                "Eerste punt: meer open data".to_string()
            ),
            ("idea".to_string(), "Idee met één accent".to_string()),
            ("idea".to_string(), "Op het tweede punt".to_string()),
        ]
    );
}

#[test]
fn a_killed_process_loses_no_typed_text() {
    let dir = TempDir::new().unwrap();
    let (db, sid) = new_session(&dir);
    let mut tui = Tui::start(&db);
    open_and_run(&mut tui);
    tui.type_slowly("saved note");
    tui.send(ENTER);
    tui.wait_for("Saved #1");
    tui.type_slowly("half a sentence, then the battery dies");
    std::thread::sleep(Duration::from_millis(1200));
    tui.sigkill();

    {
        let store = Store::open(&dir.path().join("e2e.db")).unwrap();
        assert_eq!(store.integrity_check().unwrap(), "ok");
        let items = store.items(&sid).unwrap();
        let draft = store
            .draft(&sid, &items[0].id)
            .unwrap()
            .expect("draft survived SIGKILL");
        assert_eq!(draft.text, "half a sentence, then the battery dies");
        assert_eq!(store.notes_for_item(&items[0].id).unwrap().len(), 1);
    }

    let mut tui = Tui::start(&db);
    tui.wait_for("E2E meeting");
    tui.send("r"); // resume
    tui.wait_for("half a sentence, then the battery dies");
    tui.send(ENTER);
    tui.wait_for("Saved #2");
    tui.send("\x11");
    assert!(tui.wait_exit());
}

#[test]
fn pasted_escape_sequences_do_not_break_the_screen() {
    let dir = TempDir::new().unwrap();
    let (db, sid) = new_session(&dir);
    let mut tui = Tui::start(&db);
    open_and_run(&mut tui);
    let hostile = "before \x1b[2J\x1b[H\x1b]0;owned\x07\x1b[31mRED after";
    tui.send(&format!("\x1b[200~{hostile}\x1b[201~"));
    tui.send(ENTER);
    tui.wait_for("Saved #1");
    let screen = tui.contents();
    // The frame is intact: the agenda, the item and the footer are still there
    // and the clear-screen in the note did not wipe them.
    assert!(screen.contains("Agenda"), "{screen}");
    assert!(
        screen.contains("Action point 1 — Grip op eigen gegevens"),
        "{screen}"
    );
    assert!(
        screen.contains("before ␛[2J␛[H␛]0;owned␇␛[31mRED after"),
        "{screen}"
    );
    tui.send("\x11");
    assert!(tui.wait_exit());
    let store = Store::open(&db).unwrap();
    let items = store.items(&sid).unwrap();
    assert_eq!(
        store.notes_for_item(&items[0].id).unwrap()[0].text,
        hostile,
        "stored exactly"
    );
}
