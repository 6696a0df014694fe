//! Capturing a remark as a facilitator does, through the real key map: what
//! is attached to a note is exactly what was chosen for it, inline words are
//! read and left out, the notes list cannot be changed by typing, and Ctrl+G
//! finds items by the labels on screen.

mod common;

use common::driver::Driver;
use crossterm::event::KeyCode;
use std::time::{Duration, Instant};
use tafel::app::ConfirmPurpose;
use tafel::domain::{Lang, NoteKind, StakeholderGroup};

fn sanne(d: &Driver) -> String {
    d.store()
        .participants(&d.session_id())
        .unwrap()
        .into_iter()
        .find(|p| p.name.as_deref() == Some("Sanne Bakker"))
        .unwrap()
        .id
}

#[test]
fn nothing_chosen_for_one_note_is_attached_to_the_next() {
    let mut d = Driver::with_session_and_tables(Lang::En);
    d.note_kind(NoteKind::Concern)
        .next_group()
        .tags(&[1])
        .type_note("A concern with a group and a tag")
        .save();
    let saved = d.stored_notes().pop().unwrap();
    assert_eq!(saved.content.kind, NoteKind::Concern);
    assert_eq!(saved.content.tags, ["open-data"]);
    assert_eq!(d.next_note(), (NoteKind::Observation, None, vec![]));
    d.type_note("plain").save();
    let plain = d.stored_notes().pop().unwrap();
    assert_eq!(
        (
            plain.content.kind,
            plain.content.group,
            plain.content.tags.len()
        ),
        (NoteKind::Observation, None, 0)
    );

    // Chosen but not saved: the next item starts from the defaults, and the
    // choice comes back with its draft.
    d.note_kind(NoteKind::Idea)
        .tags(&[2])
        .type_note("half an idea");
    d.next_item();
    assert_eq!(d.next_note(), (NoteKind::Observation, None, vec![]));
    assert_eq!(d.editor_text(), "");
    d.prev_item();
    assert_eq!(d.editor_text(), "half an idea");
    assert_eq!(
        d.next_note(),
        (NoteKind::Idea, None, vec!["open-informatie".to_string()])
    );
}

#[test]
fn editing_a_note_does_not_change_what_the_next_note_gets() {
    let mut d = Driver::with_session_and_tables(Lang::Nl);
    d.note_kind(NoteKind::Agreement)
        .tags(&[3])
        .type_note("Afgesproken")
        .save();
    d.notes().select(0).edit();
    assert_eq!(
        d.pending().kind,
        NoteKind::Agreement,
        "the edit shows its own kind"
    );
    d.type_note(" en bevestigd").save();
    assert_eq!(d.next_note(), (NoteKind::Observation, None, vec![]));
    let n = d.stored_notes().pop().unwrap();
    assert_eq!(n.content.text, "Afgesproken en bevestigd");
    assert_eq!(n.content.kind, NoteKind::Agreement);
}

#[test]
fn a_killed_draft_comes_back_with_kind_speaker_tags_owner_and_due() {
    let mut d = Driver::with_session_and_tables(Lang::En);
    let t0 = Instant::now();
    d.at(t0)
        .note_kind(NoteKind::Action)
        .tags(&[1, 4])
        .type_note("@sanne Action: 2026-02-01 half a sentence");
    d.at(t0 + Duration::from_secs(2)).tick(); // the autosave
    let before = d.pending();
    // Killed: no shutdown, no last save; a new process on the same file.
    let lang = Lang::En;
    let mut d = Driver::with_store(d.into_store(), lang);
    d.resume();
    assert_eq!(d.editor_text(), "@sanne Action: 2026-02-01 half a sentence");
    assert_eq!(d.pending(), before);
    assert_eq!(d.pending().kind, NoteKind::Action);
    assert_eq!(d.pending().tags, ["open-data", "open-standaarden"]);
    assert_eq!(d.pending().participant_id, Some(sanne(&d)));
    assert_eq!(d.pending().owner, "Sanne Bakker");
    assert_eq!(d.pending().due.unwrap().to_string(), "2026-02-01");
    assert_eq!(d.pending().text, "half a sentence");
}

#[test]
fn inline_words_set_kind_speaker_tags_owner_and_due_and_are_left_out() {
    let mut d = Driver::with_session_and_tables(Lang::Nl);
    // An action said by Sanne, complete: no form is asked.
    d.type_note("@sanne +data Actie: 2026-03-01 regel een vervolg")
        .save();
    assert!(!d.overlay_open(), "owner and due were given inline");
    let n = d.stored_notes().pop().unwrap();
    assert_eq!(n.content.text, "regel een vervolg");
    assert_eq!(n.content.kind, NoteKind::Action);
    assert_eq!(n.content.participant_id, Some(sanne(&d)));
    assert_eq!(
        n.content.group,
        Some(StakeholderGroup::MaatschappelijkeOrganisatie)
    );
    assert_eq!(n.content.tags, ["open-data"]);
    assert_eq!(n.content.owner, "Sanne Bakker");
    assert_eq!(n.content.due.unwrap().to_string(), "2026-03-01");

    // A group, English kind word, a date as DD-MM in the session's year.
    d.type_note("@government Question: who pays?").save();
    let n = d.stored_notes().pop().unwrap();
    assert_eq!(
        (n.content.kind, n.content.group, n.content.text.as_str()),
        (
            NoteKind::Question,
            Some(StakeholderGroup::Overheid),
            "who pays?"
        )
    );
    d.type_note("Actie: 15-04 @sanne bellen").save();
    let n = d.stored_notes().pop().unwrap();
    assert_eq!(n.content.due.unwrap().to_string(), "2025-04-15");
    assert_eq!(n.content.owner, "Sanne Bakker");
    assert_eq!(
        n.content.participant_id, None,
        "@ after the kind is the owner"
    );

    // A colon later on is text.
    d.type_note("Het punt is: Idee: later").save();
    let n = d.stored_notes().pop().unwrap();
    assert_eq!(
        (n.content.kind, n.content.text.as_str()),
        (NoteKind::Observation, "Het punt is: Idee: later")
    );
}

#[test]
fn unknown_and_ambiguous_words_are_refused_until_fixed_or_escaped() {
    let mut d = Driver::with_session_and_tables(Lang::En);
    d.setup()
        .add_participant(
            "Sanne de Wit",
            "Gemeente Utrecht",
            StakeholderGroup::Overheid,
        )
        .start();
    let count = d.stored_notes().len();

    d.type_note("@sanne Idea: more data").save();
    assert_eq!(d.stored_notes().len(), count, "ambiguous: not saved");
    let err = d.error().expect("the status bar says why");
    assert!(
        err.contains("@sanne") && err.contains("Sanne Bakker") && err.contains("Sanne de Wit"),
        "{err}"
    );
    assert!(
        d.screen(100, 30).contains("⚠ @sanne"),
        "the editor title shows it"
    );
    assert_eq!(d.editor_text(), "@sanne Idea: more data", "the text stays");

    // Fixed: the surname decides.
    d.press_times(KeyCode::Backspace, "@sanne Idea: more data".chars().count());
    d.type_note("@bakker Idea: more data").save();
    assert_eq!(d.stored_notes().len(), count + 1);

    d.type_note("+nothing x").save();
    assert_eq!(d.stored_notes().len(), count + 1, "unknown tag: not saved");
    assert!(d.error().unwrap().contains("+nothing"));
    d.press_times(KeyCode::Backspace, 20);

    // Escaped: saved literally, nobody attached.
    d.type_note("\\@sanne said it first").save();
    let n = d.stored_notes().pop().unwrap();
    assert_eq!(n.content.text, "@sanne said it first");
    assert_eq!((n.content.participant_id, n.content.group), (None, None));
}

#[test]
fn a_sentence_typed_into_the_notes_list_changes_no_note() {
    let mut d = Driver::with_session_and_tables(Lang::Nl);
    d.type_note("eerste").save().type_note("tweede").save();
    d.notes().select(0).vote_for();
    let before = d.stored_notes();
    d.notes();
    d.type_text("de tafel is vol: q, u, d, e, +, -, 1, 6, r, x, s, g, t, w, p, n, 0, ?, /");
    assert_eq!(d.stored_notes(), before, "no note changed");
    assert!(!d.has_quit() && d.question().is_none());
    assert_eq!(
        d.editor_text(),
        "de tafel is vol: q, u, d, e, +, -, 1, 6, r, x, s, g, t, w, p, n, 0, ?, /",
        "what was typed is kept, as a new note"
    );
}

#[test]
fn deletes_and_votes_are_taken_back_with_ctrl_z_and_counts_stay_at_zero_or_more() {
    let mut d = Driver::with_session_and_tables(Lang::En);
    d.type_note("one").save().type_note("two").save();
    d.notes().select(1).delete();
    assert!(d.status().unwrap().contains("Ctrl+Z"), "{:?}", d.status());
    assert_eq!(d.stored_notes().len(), 1);
    d.notes().undo();
    assert_eq!(d.stored_notes().len(), 2);

    let votes = |d: &Driver| {
        let n = &d.stored_notes()[0];
        (n.votes_for, n.votes_against)
    };
    d.notes().select(0).vote_for().vote_for().vote_against();
    assert_eq!(votes(&d), (2, 1));
    d.notes().undo();
    assert_eq!(votes(&d), (2, 0), "the vote against is taken back");
    d.notes().undo().undo();
    assert_eq!(votes(&d), (0, 0));
    d.notes().undo();
    assert_eq!(votes(&d), (0, 0), "nothing left to take back");
}

#[test]
fn quitting_while_a_timer_runs_asks_first() {
    let mut d = Driver::with_session_and_tables(Lang::En);
    d.toggle_timer();
    d.quit();
    assert_eq!(d.question(), Some(ConfirmPurpose::QuitWithTimer));
    d.no();
    assert!(!d.has_quit());
    d.quit().yes();
    assert!(d.has_quit());
    // In the notes list q is text, not quit.
    let mut d = Driver::with_session_and_tables(Lang::En);
    d.notes();
    d.type_text("q");
    assert!(!d.has_quit());
}

#[test]
fn ctrl_g_finds_items_by_every_label_on_screen() {
    let mut d = Driver::with_session_and_tables(Lang::Nl);
    for (query, want) in [
        ("AP 11", "action_point 11"),
        ("ap11", "action_point 11"),
        ("BV 2", "policy_question 2"),
        ("bv2", "policy_question 2"),
        ("PQ 2", "policy_question 2"),
        ("pq 2", "policy_question 2"),
        ("FAIR", "action_point 3"),
    ] {
        d.go_to(query);
        assert_eq!(d.current_label(), want, "{query}");
    }
    // A bare number that is both an action point and a policy question.
    d.ctrl('g').type_text("2");
    let shown = d.picker_choices();
    assert!(
        shown.iter().any(|c| c.starts_with("Actiepunt 2 "))
            && shown.iter().any(|c| c.starts_with("Beleidsvraag 2 ")),
        "{shown:?}"
    );
    assert_eq!(shown.len(), 2, "{shown:?}");
}
