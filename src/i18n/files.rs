//! The database itself: damage found, where notes go instead, how to
//! repair; text of another window brought back.

#[derive(Debug)]
pub struct Files {
    /// Followed by what is wrong.
    pub damaged: &'static str,
    /// Followed by the recovery database.
    pub notes_now_in: &'static str,
    /// Followed by the restore command.
    pub to_repair: &'static str,
    /// Followed by the merge command.
    pub then_merge: &'static str,
    /// Followed by the backups folder.
    pub no_sound_backup: &'static str,
    /// Text of a closed window is now in the editor.
    pub taken_over: &'static str,
    /// Followed by the items where such text waits.
    pub drafts_waiting: &'static str,
}

pub(super) const NL: Files = Files {
    damaged: "Database beschadigd, er wordt niets meer in geschreven:",
    notes_now_in: "Notities gaan nu naar",
    to_repair: "Herstellen na afsluiten:",
    then_merge: "en daarna:",
    no_sound_backup: "Geen goede back-up in",
    taken_over: "Niet-opgeslagen tekst van een gesloten venster staat weer in de invoer",
    drafts_waiting: "Niet-opgeslagen tekst van een gesloten venster wacht bij:",
};

pub(super) const EN: Files = Files {
    damaged: "Database damaged, nothing more is written to it:",
    notes_now_in: "Notes now go to",
    to_repair: "To repair after quitting:",
    then_merge: "and then:",
    no_sound_backup: "No sound backup in",
    taken_over: "Unsaved text of a closed window is back in the editor",
    drafts_waiting: "Unsaved text of a closed window waits at:",
};
