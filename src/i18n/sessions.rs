//! The list of sessions.

#[derive(Debug)]
pub struct Sessions {
    pub follow_up: &'static str,

    pub edit_session: &'static str,
    pub no_sessions: &'static str,
    pub no_sessions_hint: &'static str,
    pub new_session: &'static str,
    pub sessions_title: &'static str,
    pub col_date: &'static str,
    pub col_title: &'static str,
    pub col_tables: &'static str,
    pub col_items: &'static str,
    pub col_notes: &'static str,
}

pub(super) const NL: Sessions = Sessions {
    follow_up: "Vervolgsessie",
    edit_session: "Sessie wijzigen",
    no_sessions: "Nog geen sessies.",
    no_sessions_hint: "Druk n voor een nieuwe sessie.",
    new_session: "Nieuwe sessie",
    sessions_title: "tafel — sessies",
    col_date: "Datum",
    col_title: "Titel",
    col_tables: "Tafels",
    col_items: "Items",
    col_notes: "Notities",
};

pub(super) const EN: Sessions = Sessions {
    follow_up: "Follow-up session",
    edit_session: "Edit session",
    no_sessions: "No sessions yet.",
    no_sessions_hint: "Press n to create a session.",
    new_session: "New session",
    sessions_title: "tafel — sessions",
    col_date: "Date",
    col_title: "Title",
    col_tables: "Tables",
    col_items: "Items",
    col_notes: "Notes",
};
