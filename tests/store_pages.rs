//! An item's notes a page at a time (`Store::note_page`): what the run
//! screen reads instead of all of an item's notes.

mod common;

use common::memory::*;
use tafel::domain::memory::ResponseInput;
use tafel::domain::{ActionState, NoteKind, ResponseStatus};
use tafel::store::{NotePage, PageAt, Store};

/// A meeting whose AP 4 holds notes "1" … "n" (numbers 2 … n+1: a BV 2 note
/// comes first), with every fifth of them deleted.
fn item_of(n: u32) -> (Store, String, String, Vec<u32>) {
    let mut store = Store::open_in_memory().unwrap();
    let s = meeting(&mut store, "Maart", date(2025, 3, 12));
    add(&mut store, &s, BV2, NoteKind::Idea, "elders");
    let mut live = Vec::new();
    for i in 1..=n {
        let note = add(&mut store, &s, AP4, NoteKind::Observation, &i.to_string());
        if i % 5 == 0 {
            store.delete_note(&note.id).unwrap();
        } else {
            live.push(i);
        }
    }
    let item = item_id(&store, &s, AP4);
    (store, s.id, item, live)
}

fn texts(page: &NotePage) -> Vec<u32> {
    page.notes
        .iter()
        .map(|n| n.content.text.parse().unwrap())
        .collect()
}

#[test]
fn pages_hold_live_notes_in_order_with_their_positions() {
    let (store, s, item, live) = item_of(50);
    assert_eq!(live.len(), 40);
    let page = |at: PageAt| store.note_page(&s, &item, &at, 8).unwrap();

    let last = page(PageAt::Last);
    assert_eq!(last.total, 40);
    assert_eq!(texts(&last), live[32..]);
    assert_eq!(last.first, Some(32));

    let first = page(PageAt::First);
    assert_eq!(texts(&first), live[..8]);
    assert_eq!(first.first, Some(0));

    // Before and after a number: the neighbours, whatever their positions.
    let before = page(PageAt::Before(last.notes[0].number));
    assert_eq!(texts(&before), live[24..32]);
    assert_eq!(before.first, None);
    let after = page(PageAt::After(first.notes[7].number));
    assert_eq!(texts(&after), live[8..16]);
    // At the ends a page is short, or empty.
    assert_eq!(
        texts(&page(PageAt::Before(first.notes[2].number))),
        live[..2]
    );
    assert!(page(PageAt::After(last.notes[7].number)).notes.is_empty());

    // Around a position: centred, and kept within the item.
    let around = page(PageAt::Around(20));
    assert_eq!(
        (around.first, texts(&around)),
        (Some(16), live[16..24].to_vec())
    );
    assert_eq!(page(PageAt::Around(39)).first, Some(32));
    assert_eq!(page(PageAt::Around(1)).first, Some(0));

    // Around a note: its position is counted among the live notes.
    let target = &page(PageAt::Around(30)).notes[3];
    let at_note = page(PageAt::Note(target.id.clone()));
    let i = at_note
        .notes
        .iter()
        .position(|n| n.id == target.id)
        .unwrap();
    assert_eq!(at_note.first.unwrap() + i, 29);
    assert_eq!(texts(&at_note)[i], live[at_note.first.unwrap() + i]);
}

#[test]
fn a_note_that_is_gone_gives_the_last_page() {
    let (mut store, s, item, mut live) = item_of(20);
    let last = store.note_page(&s, &item, &PageAt::Last, 4).unwrap();
    let gone = last.notes[0].id.clone();
    store.delete_note(&gone).unwrap();
    live.retain(|&t| t != 16);
    let page = store.note_page(&s, &item, &PageAt::Note(gone), 4).unwrap();
    assert_eq!(page.total, live.len());
    assert_eq!(page.first, Some(live.len() - 4));
    assert_eq!(texts(&page), live[live.len() - 4..]);
    let other = store
        .note_page(&s, &item, &PageAt::Note("no such note".into()), 4)
        .unwrap();
    assert_eq!(other, page);
}

#[test]
fn an_empty_item_gives_an_empty_page() {
    let (store, s, _, _) = item_of(0);
    let bv = store
        .items(&s)
        .unwrap()
        .into_iter()
        .find(|i| i.number == 3)
        .unwrap();
    for at in [
        PageAt::Last,
        PageAt::First,
        PageAt::Around(7),
        PageAt::After(0),
    ] {
        let page = store.note_page(&s, &bv.id, &at, 8).unwrap();
        assert!(page.notes.is_empty(), "{at:?}");
        assert_eq!(page.total, 0, "{at:?}");
    }
}

#[test]
fn a_page_brings_the_status_of_its_actions_and_latest_responses() {
    let mut store = Store::open_in_memory().unwrap();
    let s = meeting(&mut store, "Maart", date(2025, 3, 12));
    let early = add(&mut store, &s, AP4, NoteKind::Action, "vroeg");
    let idea = add(&mut store, &s, AP4, NoteKind::Idea, "idee");
    let action = add(&mut store, &s, AP4, NoteKind::Action, "doen");
    let open = add(&mut store, &s, AP4, NoteKind::Action, "nog open");
    let elsewhere = add(&mut store, &s, BV2, NoteKind::Idea, "elders");
    let on = date(2025, 3, 12);
    store
        .set_action_status(&action.id, ActionState::InProgress, &s.id, on)
        .unwrap();
    store
        .set_action_status(&action.id, ActionState::Done, &s.id, date(2025, 3, 13))
        .unwrap();
    store
        .set_action_status(&early.id, ActionState::Dropped, &s.id, on)
        .unwrap();
    let respond = |store: &mut Store, id: &str, status, reason: &str, day| {
        store
            .respond(
                id,
                &ResponseInput {
                    status,
                    reason: reason.into(),
                    by: "Programmateam".into(),
                    on: date(2025, 4, day),
                },
            )
            .unwrap()
    };
    respond(
        &mut store,
        &idea.id,
        ResponseStatus::UnderConsideration,
        "eerst",
        1,
    );
    respond(&mut store, &idea.id, ResponseStatus::Adopted, "dan", 2);
    respond(
        &mut store,
        &elsewhere.id,
        ResponseStatus::Adopted,
        "elders",
        2,
    );

    let item = item_id(&store, &s, AP4);
    // The page of the last three notes leaves out the first action.
    let page = store.note_page(&s.id, &item, &PageAt::Last, 3).unwrap();
    let mut states = page.states.clone();
    states.sort();
    let mut expected = vec![
        (action.id.clone(), ActionState::Done),
        (open.id.clone(), ActionState::Open),
    ];
    expected.sort();
    assert_eq!(states, expected);
    let responses: Vec<(String, ResponseStatus, String)> = page
        .responses
        .iter()
        .map(|(id, r)| (id.clone(), r.status, r.reason.clone()))
        .collect();
    assert_eq!(
        responses,
        [(idea.id.clone(), ResponseStatus::Adopted, "dan".to_string())]
    );
    let all = store.note_page(&s.id, &item, &PageAt::First, 10).unwrap();
    assert!(
        all.states
            .contains(&(early.id.clone(), ActionState::Dropped))
    );
}
