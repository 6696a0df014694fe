//! Everything a user can ask for. Keys map to these in `keys`; `update`
//! turns them into state changes and store effects.

use crate::domain::NoteKind;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    // Anywhere
    Quit,
    Help,
    Back,
    Up,
    Down,
    PageUp,
    PageDown,
    /// To the first row of a list.
    Home,
    /// To the last row of a list.
    End,
    Confirm,
    NextField,
    PrevField,
    /// Empty the focused text field (Ctrl+U).
    ClearField,
    /// A key for the focused text field (typing, cursor, word delete, undo).
    Edit(crossterm::event::KeyEvent),
    /// Bracketed paste into the focused text field.
    Paste(String),
    /// Periodic tick: timers, draft autosave, clock.
    Tick,
    /// The terminal's size (columns, rows): at start and on every change.
    Resize(u16, u16),

    // Sessions screen
    NewSession,
    EditSession,
    OpenSession,
    ResumeLast,

    // Set-up screen
    AddTable,
    EditTable,
    DeleteTable,
    MoveTableUp,
    MoveTableDown,
    ToggleAssign,
    /// Seat the selected item at the selected table only.
    MoveItem,
    /// Type to filter the items.
    Filter,
    QuickStart,
    SwitchPane,
    AddParticipant,
    EditParticipant,
    DeleteParticipant,
    StartRun,
    GoSetup,

    // Run screen, editor
    SaveNote,
    Newline,
    NextItem,
    PrevItem,
    NextTable,
    PrevTable,
    SetKind(NoteKind),
    CycleGroup,
    PickParticipant,
    PickTags,
    Jump,
    FocusNotes,
    FocusEditor,
    TimerToggle,
    TimerReset,
    Export,

    // The MSF's memory
    /// Sessions list: a follow-up meeting of the selected session.
    FollowUp,
    /// Notes list: the selected action's status, one step on.
    CycleActionState,
    /// Notes list: a reasoned response to the selected note.
    Respond,
    /// The current item's notes from earlier sessions.
    ShowEarlier,
    /// Notes list: the other versions of the selected note (kept by a
    /// merge when it was changed on two laptops).
    OtherVersions,
    /// Search across sessions.
    Search,

    // The programme
    /// Start the next block of the programme (ending the running one).
    NextBlock,
    ShowProgramme,
    AddBlock,
    EditBlock,
    DeleteBlock,
    MoveBlockUp,
    MoveBlockDown,

    // Run screen, notes list
    EditNote,
    DeleteNote,
    /// Take back the last delete (or, in the notes list, vote).
    Undo,
    VoteFor,
    VoteAgainst,
    Rate,
    /// Toggle the n-th choice of a picker (tags 1–7).
    Toggle(usize),

    // The plenary overview and presentation mode
    Overview,
    NextSection,
    PrevSection,
    Present,
    NextSlide,
    PrevSlide,
    /// Presentation mode: a table at a time, or an item at a time.
    SlidesBy,
}
