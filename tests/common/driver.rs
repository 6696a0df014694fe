//! A facilitator at the keyboard. [`Driver`] presses keys through the real
//! key map (`App::key`) and reads back what the screen would show, so a flow
//! test reads like the story of a meeting:
//!
//! ```ignore
//! let mut app = Driver::with_session_and_tables(Lang::Nl);
//! app.type_note("Een notitie").save();
//! app.notes().select(0).delete();
//! assert_eq!(app.current_label(), "action_point 3");
//! ```
//!
//! Every read of the app's state internals (`app.state.…`) lives in this file
//! (`driver/run.rs` and `driver/setup.rs` only press keys and call the
//! readers here): when a field of `State` is renamed, this is the one place
//! to fix.

pub mod overview;
pub mod run;
pub mod setup;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use tafel::app::keys::Context;
use tafel::app::{Action, App, ConfirmPurpose, Overlay, Pane, Screen, StatusKind};
use tafel::domain::{ItemKind, Lang, Note, NoteKind, StakeholderGroup};
use tafel::store::Store;
use tafel::ui::{View, theme::Theme};

pub struct Driver {
    app: App,
    /// The time keys and ticks are given at; `None` is "now".
    clock: Option<Instant>,
}

// ---------------------------------------------------------------------------
// Starting points.

impl Driver {
    /// An empty database, on the list of sessions.
    pub fn new(lang: Lang) -> Driver {
        Driver::with_store(Store::open_in_memory().unwrap(), lang)
    }

    /// The app started on an existing database: on the list of sessions.
    /// (The status bar's clock shows 14:05, for stable screens.)
    pub fn with_store(store: Store, lang: Lang) -> Driver {
        let mut app = App::new(store, lang).unwrap();
        app.state.clock = "14:05".into();
        Driver { app, clock: None }
    }

    /// Session "MSF najaar 2025" (made through the store) with two tables:
    /// "Open informatie" (host Anouk, 20 min) holding action point 3 and
    /// policy question 2, "Open data" (Daan, 15 min) holding action point 11;
    /// one participant, Sanne Bakker (civil society). Opened with Enter: on
    /// the run screen at action point 3, typing in the editor.
    pub fn with_session_and_tables(lang: Lang) -> Driver {
        Driver::with_session_and_tables_on(Store::open_in_memory().unwrap(), lang)
    }

    /// As [`Driver::with_session_and_tables`], on the given store.
    pub fn with_session_and_tables_on(mut store: Store, lang: Lang) -> Driver {
        let s = store
            .create_session(
                &tafel::domain::NewSession {
                    title: "MSF najaar 2025".into(),
                    date: chrono::NaiveDate::from_ymd_opt(2025, 11, 20).unwrap(),
                    location: "Den Haag".into(),
                    facilitator: "Fenna".into(),
                    language: lang,
                },
                &tafel::agenda::bundled(),
            )
            .unwrap();
        let items = store.items(&s.id).unwrap();
        let find = |k: ItemKind, n: u32| {
            items
                .iter()
                .find(|i| i.kind == k && i.number == n)
                .unwrap()
                .id
                .clone()
        };
        let t1 = store
            .create_table(&s.id, "Open informatie", "Anouk", 20)
            .unwrap();
        let t2 = store.create_table(&s.id, "Open data", "Daan", 15).unwrap();
        store
            .assign_item(&t1.id, &find(ItemKind::ActionPoint, 3))
            .unwrap();
        store
            .assign_item(&t1.id, &find(ItemKind::PolicyQuestion, 2))
            .unwrap();
        store
            .assign_item(&t2.id, &find(ItemKind::ActionPoint, 11))
            .unwrap();
        store
            .create_participant(
                &s.id,
                Some("Sanne Bakker"),
                Some("Open State Foundation"),
                StakeholderGroup::MaatschappelijkeOrganisatie,
            )
            .unwrap();
        let mut d = Driver::with_store(store, lang);
        d.open_session();
        d
    }

    /// A session "Leeg" with the bundled agenda and no tables (made through
    /// the store), on the list of sessions.
    pub fn with_bare_session(lang: Lang) -> Driver {
        let mut store = Store::open_in_memory().unwrap();
        store
            .create_session(
                &tafel::domain::NewSession {
                    title: "Leeg".into(),
                    date: chrono::NaiveDate::from_ymd_opt(2025, 11, 20).unwrap(),
                    location: String::new(),
                    facilitator: String::new(),
                    language: lang,
                },
                &tafel::agenda::bundled(),
            )
            .unwrap();
        Driver::with_store(store, lang)
    }

    /// Ends the process as the terminal loop does (draft and place saved),
    /// then starts a new one on the same database: on the list of sessions.
    pub fn restart(mut self) -> Driver {
        self.app.shutdown();
        let lang = self.app.state.lang;
        Driver::with_store(self.app.store, lang)
    }

    /// The database, to check what was stored (or to break it).
    pub fn store(&self) -> &Store {
        &self.app.store
    }

    pub fn store_mut(&mut self) -> &mut Store {
        &mut self.app.store
    }

    /// Hands the database back, ending the app without saving anything.
    pub fn into_store(self) -> Store {
        self.app.store
    }

    /// Exports (Ctrl+E) go to `dir` instead of the data folder's.
    pub fn export_to(&mut self, dir: PathBuf) -> &mut Self {
        self.app.state.export_dir = Some(dir);
        self
    }

    /// Makes every write to the database fail (or work again), as a
    /// read-only file would.
    pub fn read_only(&mut self, on: bool) -> &mut Self {
        let pragma = if on {
            "PRAGMA query_only = ON"
        } else {
            "PRAGMA query_only = OFF"
        };
        self.store().connection().execute_batch(pragma).unwrap();
        self
    }
}

// ---------------------------------------------------------------------------
// Keys and time.

impl Driver {
    /// Keys and ticks from now on happen at `t` (until `at` is called again).
    pub fn at(&mut self, t: Instant) -> &mut Self {
        self.clock = Some(t);
        self
    }

    fn now(&self) -> Instant {
        self.clock.unwrap_or_else(Instant::now)
    }

    pub fn key(&mut self, code: KeyCode, mods: KeyModifiers) -> &mut Self {
        let now = self.now();
        self.app.key(KeyEvent::new(code, mods), now);
        self
    }

    pub fn press(&mut self, code: KeyCode) -> &mut Self {
        self.key(code, KeyModifiers::NONE)
    }

    pub fn press_times(&mut self, code: KeyCode, n: usize) -> &mut Self {
        for _ in 0..n {
            self.press(code);
        }
        self
    }

    pub fn alt(&mut self, c: char) -> &mut Self {
        self.key(KeyCode::Char(c), KeyModifiers::ALT)
    }

    pub fn ctrl(&mut self, c: char) -> &mut Self {
        self.key(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    /// Types text key by key, as a person would (Shift for capitals).
    pub fn type_text(&mut self, text: &str) -> &mut Self {
        for c in text.chars() {
            let mods = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            self.key(KeyCode::Char(c), mods);
        }
        self
    }

    /// A bracketed paste, as the terminal delivers it.
    pub fn paste(&mut self, text: &str) -> &mut Self {
        let now = self.now();
        self.app.handle(Action::Paste(text.into()), now);
        self
    }

    /// The event loop's tick (drafts are stored on ticks).
    pub fn tick(&mut self) -> &mut Self {
        let now = self.now();
        self.app.handle(Action::Tick, now);
        self
    }

    /// ↑/↓ from selection `at` to `want` in whatever list has the keys.
    fn move_selection(&mut self, at: usize, want: usize) {
        if want < at {
            self.press_times(KeyCode::Up, at - want);
        } else {
            self.press_times(KeyCode::Down, want - at);
        }
    }

    fn expect(&self, want: &[Context], doing: &str) {
        let ctx = self.context();
        assert!(
            want.contains(&ctx),
            "{doing}: the keyboard is in {ctx:?}, not {want:?}"
        );
    }
}

// ---------------------------------------------------------------------------
// The list of sessions, forms and questions.

impl Driver {
    /// n, then the form: title, date (YYYY-MM-DD), location, facilitator.
    pub fn new_session(
        &mut self,
        title: &str,
        date: &str,
        location: &str,
        facilitator: &str,
    ) -> &mut Self {
        self.expect(&[Context::Sessions], "new session");
        self.press(KeyCode::Char('n'))
            .fill(title)
            .next_field()
            .fill(date)
            .next_field()
            .fill(location)
            .next_field()
            .fill(facilitator)
            .confirm()
    }

    /// e on the list of sessions: the form of the selected session.
    pub fn edit_session(&mut self) -> &mut Self {
        self.expect(&[Context::Sessions], "edit session");
        self.press(KeyCode::Char('e'))
    }

    /// Enter on the list of sessions.
    pub fn open_session(&mut self) -> &mut Self {
        self.expect(&[Context::Sessions], "open session");
        self.press(KeyCode::Enter)
    }

    /// r on the list of sessions: back to the last session, where it was left.
    pub fn resume(&mut self) -> &mut Self {
        self.expect(&[Context::Sessions], "resume");
        self.press(KeyCode::Char('r'))
    }

    /// Replaces the text of the form field with the cursor (Backspace over
    /// what is there, then typing).
    pub fn fill(&mut self, value: &str) -> &mut Self {
        self.expect(&[Context::Form], "fill a field");
        let len = self.form_field().chars().count();
        self.press_times(KeyCode::Backspace, len);
        assert_eq!(self.form_field(), "", "field cleared");
        self.type_text(value)
    }

    /// Tab in a form.
    pub fn next_field(&mut self) -> &mut Self {
        self.expect(&[Context::Form], "next field");
        self.press(KeyCode::Tab)
    }

    /// Enter: confirms a form, a picker, a rating or a question.
    pub fn confirm(&mut self) -> &mut Self {
        self.press(KeyCode::Enter)
    }

    /// y to a question.
    pub fn yes(&mut self) -> &mut Self {
        self.expect(&[Context::Confirm], "answer yes");
        self.press(KeyCode::Char('y'))
    }

    /// n to a question.
    pub fn no(&mut self) -> &mut Self {
        self.expect(&[Context::Confirm], "answer no");
        self.press(KeyCode::Char('n'))
    }

    /// The text of the form field with the cursor.
    pub fn form_field(&self) -> String {
        match &self.app.state.overlay {
            Some(Overlay::Form(f)) => f.fields()[f.focus].input.lines().join("\n"),
            _ => panic!("no form open"),
        }
    }
}

// ---------------------------------------------------------------------------
// What the facilitator sees. All reads of the state's internals are here.

impl Driver {
    fn open(&self) -> &tafel::app::Open {
        self.app.state.open.as_ref().expect("a session is open")
    }

    /// Which screen is shown.
    pub fn current_screen(&self) -> Screen {
        self.app.state.screen
    }

    /// Where the keyboard is.
    pub fn context(&self) -> Context {
        self.app.state.context()
    }

    /// Set-up: the pane with the keyboard, and what is selected in it (in
    /// the items pane: the row among the items the filter shows).
    pub fn setup_selection(&self) -> (Pane, usize) {
        let open = self.open();
        let selected = match open.pane {
            Pane::Tables => open.table_sel,
            Pane::Items => open.item_sel,
            Pane::Participants => open.participant_sel,
        };
        (open.pane, selected)
    }

    /// Set-up: the row of an agenda item in the items pane (as filtered).
    fn item_position(&self, kind: ItemKind, number: u32) -> usize {
        let open = self.open();
        open.visible_items()
            .iter()
            .position(|&i| open.items[i].kind == kind && open.items[i].number == number)
            .unwrap_or_else(|| panic!("no item {} {number} in the items pane", kind.key()))
    }

    /// Set-up: the items the items pane shows (as "action_point 3").
    pub fn items_shown(&self) -> Vec<String> {
        let open = self.open();
        open.visible_items()
            .iter()
            .map(|&i| format!("{} {}", open.items[i].kind.key(), open.items[i].number))
            .collect()
    }

    /// Set-up: the item selected in the items pane (as "action_point 3").
    pub fn selected_item(&self) -> Option<String> {
        self.open()
            .selected_item()
            .map(|i| format!("{} {}", i.kind.key(), i.number))
    }

    /// The choices an open list (picker) shows after its filter, and the
    /// selected one.
    pub fn picker(&self) -> (Vec<String>, Option<String>) {
        match &self.app.state.overlay {
            Some(Overlay::Picker(p)) => {
                let shown: Vec<String> = p
                    .visible()
                    .iter()
                    .map(|&i| p.choices[i].0.clone())
                    .collect();
                let selected = shown.get(p.selected).cloned();
                (shown, selected)
            }
            _ => panic!("no list open"),
        }
    }

    /// The current item as "action_point 3", "policy_question 2".
    pub fn current_label(&self) -> String {
        let item = self.open().current_item().expect("an item");
        format!("{} {}", item.kind.key(), item.number)
    }

    /// The name of the current table.
    pub fn current_table(&self) -> String {
        self.open().current_table().expect("a table").name.clone()
    }

    pub fn current_item_id(&self) -> String {
        self.app.current_item_id().expect("a session is open")
    }

    pub fn session_id(&self) -> String {
        self.open().session.id.clone()
    }

    /// The stored notes of the current item, oldest first.
    pub fn stored_notes(&self) -> Vec<Note> {
        self.store()
            .notes_for_item(&self.current_item_id())
            .unwrap()
    }

    /// The text in the note editor.
    pub fn editor_text(&self) -> String {
        self.open().editor_text()
    }

    /// The stored text of the note being changed in the editor, if any.
    pub fn editing(&self) -> Option<String> {
        self.open()
            .editor
            .editing
            .as_ref()
            .map(|n| n.content.text.clone())
    }

    /// The selected note in the notes list (oldest first, from 0).
    pub fn selected_note(&self) -> usize {
        self.open().note_sel
    }

    /// The text of the selected note, if it is loaded.
    pub fn selected_text(&self) -> Option<String> {
        self.open().selected_note().map(|n| n.content.text.clone())
    }

    /// The current item's notes as the screen holds them.
    pub fn note_window(&self) -> &tafel::app::Notes {
        &self.open().notes
    }

    /// What the next note will get: kind, group, tags.
    pub fn next_note(&self) -> (NoteKind, Option<StakeholderGroup>, Vec<String>) {
        let meta = &self.open().editor.meta;
        (meta.kind, meta.group, meta.tags.clone())
    }

    /// The status bar's message.
    pub fn status(&self) -> Option<String> {
        self.app.state.status.as_ref().map(|s| s.text.clone())
    }

    /// The status bar's message when it reports an error.
    pub fn error(&self) -> Option<String> {
        self.app
            .state
            .status
            .as_ref()
            .filter(|s| s.kind == StatusKind::Error)
            .map(|s| s.text.clone())
    }

    /// The app has stopped (the terminal loop would end).
    pub fn has_quit(&self) -> bool {
        self.app.state.quit
    }

    /// A window (form, list, question, help) is open over the screen.
    pub fn overlay_open(&self) -> bool {
        self.app.state.overlay.is_some()
    }

    /// Whether the current table's round timer runs, and how long it has run.
    pub fn timer(&self) -> (bool, Duration) {
        let t = self.open().timer();
        (t.running(), t.elapsed_at(self.now()))
    }

    /// The question asked (quit, delete, quick start), if one is open.
    pub fn question(&self) -> Option<ConfirmPurpose> {
        match &self.app.state.overlay {
            Some(Overlay::Confirm { purpose, .. }) => Some(purpose.clone()),
            _ => None,
        }
    }

    /// The choices a picker shows now (after its filter), if one is open.
    pub fn picker_choices(&self) -> Vec<String> {
        match &self.app.state.overlay {
            Some(Overlay::Picker(p)) => p
                .visible()
                .into_iter()
                .map(|i| p.choices[i].0.clone())
                .collect(),
            _ => panic!("no picker open"),
        }
    }

    /// The note the editor would save now: kind, speaker, group, tags,
    /// owner, due and the text without its inline words.
    pub fn pending(&self) -> tafel::domain::NoteContent {
        self.open().pending().content
    }

    /// A tick at wall-clock time `hh:mm` on `date` (local), for the programme.
    pub fn tick_at(&mut self, date: chrono::NaiveDate, hm: &str) -> &mut Self {
        let t = tafel::domain::programme::parse_time(hm).expect("HH:MM");
        let wall = date
            .and_time(t)
            .and_local_timezone(chrono::Local)
            .single()
            .expect("a local time");
        self.app.handle_at(
            tafel::app::Action::Tick,
            tafel::app::Now {
                at: Instant::now(),
                wall,
            },
        );
        self
    }

    /// What the run screen holds of the current item's past.
    pub fn memory(&self) -> tafel::app::ItemMemory {
        self.open().memory.clone()
    }

    /// The search overlay's hits (session title, note number), if it is open.
    pub fn search_hits(&self) -> Option<Vec<(String, u32)>> {
        match &self.app.state.overlay {
            Some(Overlay::Search(s)) => Some(
                s.hits
                    .iter()
                    .map(|h| (h.session.title.clone(), h.note_number))
                    .collect(),
            ),
            _ => None,
        }
    }

    /// Why the search overlay's query could not be read, if so.
    pub fn search_error(&self) -> Option<String> {
        match &self.app.state.overlay {
            Some(Overlay::Search(s)) => s.error.clone(),
            _ => None,
        }
    }

    /// The session's programme as the state holds it.
    pub fn programme(&self) -> Vec<tafel::domain::programme::Block> {
        self.open().programme.clone()
    }

    /// The comment typed into the rating window, if it is open.
    pub fn rating_comment(&self) -> Option<String> {
        match &self.app.state.overlay {
            Some(Overlay::Rating { comment, .. }) => Some(comment.lines().join("\n")),
            _ => None,
        }
    }

    /// Acts as if the check for damage were still running in the
    /// background (the next tick asks the store, which says it is done).
    pub fn checking(&mut self) -> &mut Self {
        self.app.state.checking = true;
        self
    }

    /// A backup of the database is being taken in the background.
    pub fn backup_running(&self) -> bool {
        self.app.state.backup_running
    }

    /// The current frame drawn into a `w`×`h` terminal (plain theme), one
    /// line per row, trailing spaces trimmed.
    pub fn screen(&self, w: u16, h: u16) -> String {
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        let now = self.now();
        term.draw(|f| tafel::ui::draw(f, &View::new(&self.app.state, Theme::plain(), now)))
            .unwrap();
        let buf = term.backend().buffer();
        let mut out = String::new();
        for y in 0..h {
            let mut line = String::new();
            for x in 0..w {
                line.push_str(buf[(x, y)].symbol());
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }

    /// The open session's Markdown minutes (through the library, not a file).
    pub fn minutes(&self) -> String {
        let session = self.store().session(&self.session_id()).unwrap();
        super::fixture::markdown(self.store(), &session, self.app.state.lang, false)
    }
}
