//! `tafel demo`: a realistic, deterministic demo session of the bundled
//! agenda — tables, participants of every stakeholder group, notes of every
//! kind in the session's language (Dutch or English), tags, votes, actions
//! and ratings.

use crate::agenda;
use crate::domain::memory::ResponseInput;
use crate::domain::{
    ActionState, IrmLevel, ItemKind, Lang, NewSession, NoteContent, NoteInput, NoteKind,
    ResponseStatus, Session, StakeholderGroup,
};
use crate::error::Result;
use crate::store::Store;
use chrono::{Duration, NaiveDate, TimeZone, Utc};

/// A small, fast, deterministic generator (SplitMix64): the one tafel uses
/// for demo data, and tests and benchmarks use for generated input.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// The same `seed` gives the same sequence.
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// An element of `xs` (not empty).
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

const TABLES: &[(&str, &str, &[u32], &[u32])] = &[
    // name, host, action points, policy questions
    (
        "Open informatie en Woo",
        "Tafelhost A",
        &[3, 5, 9, 14],
        &[2, 3, 4],
    ),
    (
        "Data, standaarden en open source",
        "Tafelhost B",
        &[4, 11, 12, 13],
        &[1],
    ),
    ("Algoritmen en democratie", "Tafelhost C", &[7, 15], &[5, 6]),
    (
        "Participatie en cultuur",
        "Tafelhost D",
        &[1, 2, 6, 8, 10, 16, 17],
        &[],
    ),
];

const PARTICIPANTS: &[(Option<&str>, Option<&str>, StakeholderGroup)] = &[
    (
        Some("Anouk de Vries"),
        Some("Ministerie van BZK"),
        StakeholderGroup::Overheid,
    ),
    (None, Some("Gemeente Utrecht"), StakeholderGroup::Overheid),
    (
        Some("Sanne Bakker"),
        Some("Open State Foundation"),
        StakeholderGroup::MaatschappelijkeOrganisatie,
    ),
    (
        Some("Youssef El Amrani"),
        None,
        StakeholderGroup::MaatschappelijkeOrganisatie,
    ),
    (
        Some("Prof. Lotte Jansen"),
        Some("Universiteit Leiden"),
        StakeholderGroup::Wetenschap,
    ),
    (
        None,
        Some("Rathenau Instituut"),
        StakeholderGroup::Wetenschap,
    ),
    (
        Some("Mark Visser"),
        Some("Softwarebedrijf"),
        StakeholderGroup::Bedrijfsleven,
    ),
    (
        Some("Eva Smit"),
        Some("Actiehouder Open Parlement"),
        StakeholderGroup::Actiehouder,
    ),
    (Some("Daan Mulder"), None, StakeholderGroup::Actiehouder),
    (None, None, StakeholderGroup::Anders),
];

/// The words demo notes are made of, in one language. The same draws give
/// the same sentence in Dutch and English: the lists of both languages are
/// translations of each other, item by item.
///
/// A note is opening + subject + predicate + closing. Every opening ends
/// in a conjunction that starts a subordinate clause ("dat", "of";
/// "that", "whether"), every subject is plural and every predicate is a
/// subordinate clause in that order (Dutch: the verbs at the end), so each
/// of the 8 × 8 × 8 × 6 combinations is a grammatical sentence.
struct Phrases {
    openings: [&'static str; 8],
    subjects: [&'static str; 8],
    predicates: [&'static str; 8],
    closings: [&'static str; 6],
    owners: [&'static str; 5],
    rating_comments: [&'static str; 4],
    /// A reason per response status, in the order of `ResponseStatus::ALL`.
    reasons: [&'static str; 5],
    responders: [&'static str; 2],
}

const NL: Phrases = Phrases {
    openings: [
        "Goed dat dit actiepunt er ligt, maar we zien dat",
        "Vanuit de praktijk zien we dat",
        "De vraag is of",
        "Een belangrijk punt is dat",
        "Wij merken dat",
        "Het valt op dat",
        "Uit de gesprekken blijkt dat",
        "Een goed voorbeeld: in de pilot bleek dat",
    ],
    subjects: [
        "gemeenten",
        "burgers",
        "journalisten",
        "actiehouders",
        "beleidsdirecties",
        "maatschappelijke organisaties",
        "Kamerleden",
        "kennisinstellingen",
    ],
    predicates: [
        "meer betrokken moeten worden bij de uitvoering",
        "niet weten waar de openbaar gemaakte informatie staat",
        "behoefte hebben aan begrijpelijke taal",
        "de resultaten willen kunnen hergebruiken als open data",
        "een vast aanspreekpunt missen",
        "eerder in het proces mee willen denken",
        "inzicht willen hebben in de gebruikte algoritmes",
        "de voortgang beter willen kunnen volgen",
    ],
    closings: [
        ".",
        "; dat vraagt om een duidelijke trekker.",
        ", zeker richting 2027.",
        ". Koppel dit aan de Woo.",
        ", ook buiten het actieplan om.",
        ". Meetbare doelen zouden helpen.",
    ],
    owners: ["PROO", "MCOIG", "Actiehouder", "Directie DS", "Tafelhost"],
    rating_comments: [
        "Volgens de tafel goed op schema.",
        "Er zijn resultaten, maar de borging is nog onduidelijk.",
        "Weinig zichtbaar voor de deelnemers.",
        "Afgerond; een vervolg is gewenst.",
    ],
    reasons: [
        "Overgenomen in het werkplan van het actiepunt.",
        "Deels overgenomen; de rest past niet in het budget van dit jaar.",
        "Niet overgenomen: dit valt buiten de reikwijdte van het actieplan.",
        "Wordt meegenomen in de herijking; het besluit volgt in de volgende bijeenkomst.",
        "Beantwoord in de voortgangsrapportage; de gegevens staan op open-overheid.nl.",
    ],
    responders: ["Programmateam Open Overheid", "Actiehouder"],
};

const EN: Phrases = Phrases {
    openings: [
        "Good that this action point exists, but we see that",
        "In practice we see that",
        "The question is whether",
        "An important point is that",
        "We notice that",
        "It stands out that",
        "The conversations show that",
        "A good example: the pilot showed that",
    ],
    subjects: [
        "municipalities",
        "citizens",
        "journalists",
        "action holders",
        "policy directorates",
        "civil society organisations",
        "members of parliament",
        "knowledge institutions",
    ],
    predicates: [
        "should be more involved in the implementation",
        "do not know where the published information can be found",
        "need plain language",
        "want to be able to reuse the results as open data",
        "miss a single point of contact",
        "want to contribute earlier in the process",
        "want insight into the algorithms that are used",
        "want to be able to follow the progress more closely",
    ],
    closings: [
        ".",
        "; that calls for a clear lead.",
        ", certainly in the run-up to 2027.",
        ". Link this to the Woo.",
        ", also outside the action plan.",
        ". Measurable goals would help.",
    ],
    owners: [
        "PROO",
        "MCOIG",
        "Action holder",
        "DS directorate",
        "Table host",
    ],
    rating_comments: [
        "On schedule, according to the table.",
        "There are results, but how they are secured is still unclear.",
        "Hardly visible to the participants.",
        "Completed; a follow-up is wanted.",
    ],
    reasons: [
        "Adopted in the work plan of the action point.",
        "Partly adopted; the rest does not fit this year's budget.",
        "Not adopted: this is outside the scope of the action plan.",
        "Taken into the review; the decision follows at the next meeting.",
        "Answered in the progress report; the figures are on open-overheid.nl.",
    ],
    responders: ["Open Government programme team", "Action holder"],
};

fn phrases(lang: Lang) -> &'static Phrases {
    match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    }
}

fn sentence(rng: &mut SplitMix64, p: &Phrases) -> String {
    format!(
        "{} {} {}{}",
        rng.pick(&p.openings),
        rng.pick(&p.subjects),
        rng.pick(&p.predicates),
        rng.pick(&p.closings)
    )
}

/// The date of the (last) demo meeting.
fn demo_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 11, 20).expect("valid date")
}

/// Creates the demo session with `notes` notes; the same `seed` gives the
/// same content.
/// An afternoon of the MSF in blocks of 10–25 minutes with two table
/// rounds, run a few minutes behind its plan (times as the demo's notes).
fn programme(store: &mut Store, session_id: &str, date: NaiveDate, lang: Lang) -> Result<()> {
    use crate::domain::BlockKind::{Break, Plenary, Tables};
    use crate::domain::programme::PlannedBlock;
    let nl = lang == Lang::Nl;
    let blocks = [
        (
            "Inloop en opening",
            "Arrival and opening",
            Plenary,
            (13, 0),
            15,
            2,
        ),
        (
            "Interview met een actiehouder",
            "Interview with an action holder",
            Plenary,
            (13, 15),
            15,
            3,
        ),
        ("Tafelronde 1", "Table round 1", Tables, (13, 30), 25, 4),
        ("Pauze", "Break", Break, (13, 55), 10, 6),
        ("Tafelronde 2", "Table round 2", Tables, (14, 5), 25, 5),
        (
            "Terugkoppeling aan de plenaire zaal",
            "Report-back to the plenary",
            Plenary,
            (14, 30),
            20,
            8,
        ),
        ("Afsluiting", "Closing", Plenary, (14, 50), 10, 9),
    ];
    let plan: Vec<PlannedBlock> = blocks
        .iter()
        .map(
            |(title_nl, title_en, kind, (h, m), minutes, _)| PlannedBlock {
                title: (if nl { title_nl } else { title_en }).to_string(),
                kind: *kind,
                start: chrono::NaiveTime::from_hms_opt(*h, *m, 0).expect("valid time"),
                minutes: *minutes,
            },
        )
        .collect();
    store.set_programme(session_id, &plan)?;
    // Planned times are the room's clock; what happened is stored in UTC.
    let at = |t: chrono::NaiveTime, late: i64| {
        let local = date.and_time(t) + Duration::minutes(late);
        local
            .and_local_timezone(chrono::Local)
            .earliest()
            .map_or_else(|| local.and_utc(), |l| l.to_utc())
    };
    for (block, (.., late)) in store.programme(session_id)?.iter().zip(blocks) {
        store.start_block(session_id, Some(&block.id), at(block.plan.start, late))?;
    }
    let last = store.programme(session_id)?.pop().expect("seven blocks");
    store.start_block(session_id, None, at(last.plan.start, 21))
}

pub fn create(store: &mut Store, notes: u64, seed: u64, lang: Lang) -> Result<Session> {
    create_first(
        store,
        notes,
        seed,
        lang,
        demo_date(),
        format!("MSF-bijeenkomst herijking (demo, seed {seed})"),
    )
}

/// Creates `sessions` demo meetings twelve weeks apart, the last on the
/// date of [`create`]'s, each but the first a follow-up of the one before
/// (`Store::follow_up`): the same tables and participants, the open
/// actions carried over. Between two meetings about a third of the inputs
/// get a reasoned response; in each follow-up some carried actions move on
/// (in progress, done, dropped) and the IRM ratings of the action points
/// tend to rise. Oldest first; one session is exactly [`create`]'s.
pub fn create_series(
    store: &mut Store,
    sessions: u32,
    notes: u64,
    seed: u64,
    lang: Lang,
) -> Result<Vec<Session>> {
    if sessions == 0 {
        return Err(crate::Error::Invalid(
            "--sessions must be at least 1".into(),
        ));
    }
    if sessions == 1 {
        return Ok(vec![create(store, notes, seed, lang)?]);
    }
    let words = phrases(lang);
    let n = i64::from(sessions);
    let date_of = |k: i64| demo_date() - Duration::weeks(12 * (n - 1 - k));
    let title = |k: i64| format!("MSF-bijeenkomst {} van {n} (demo, seed {seed})", k + 1);
    let mut out = vec![create_first(
        store,
        notes,
        seed,
        lang,
        date_of(0),
        title(0),
    )?];
    let mut rng = SplitMix64::new(seed.wrapping_add(0x004D_5346));
    for k in 1..n {
        let prev = out.last().expect("one at least").clone();
        let date = date_of(k);
        respond_between(store, &prev, date - Duration::days(14), &mut rng, words)?;
        let session = store.follow_up(
            &prev.id,
            &NewSession {
                title: title(k),
                date,
                location: prev.location.clone(),
                facilitator: prev.facilitator.clone(),
                language: lang,
            },
        )?;
        for action in store.carried_actions(&session.id)? {
            let to = match (rng.below(8), action.state) {
                (0..=2, ActionState::InProgress) => ActionState::Done,
                (0..=2, _) => ActionState::InProgress,
                (3 | 4, _) => ActionState::Done,
                (5, _) => ActionState::Dropped,
                _ => continue,
            };
            store.set_action_status(&action.note.id, to, &session.id, date)?;
        }
        let seats: Vec<(String, String)> = store
            .tables(&session.id)?
            .into_iter()
            .flat_map(|t| {
                let id = t.id;
                t.item_ids.into_iter().map(move |i| (id.clone(), i))
            })
            .collect();
        // Copied in one go: order them by what they are, not by their ids.
        let mut people = store.participants(&session.id)?;
        people.sort_by(|a, b| {
            (&a.name, &a.organisation, a.group).cmp(&(&b.name, &b.organisation, b.group))
        });
        fill(
            store,
            &session,
            &seats,
            &people,
            notes,
            seed.wrapping_add(k as u64 * 1000),
            Some(&prev),
        )?;
        out.push(session);
    }
    Ok(out)
}

/// Responses, given on `on`, to about a third of the ideas, concerns,
/// questions and agreements of `session`.
fn respond_between(
    store: &mut Store,
    session: &Session,
    on: NaiveDate,
    rng: &mut SplitMix64,
    words: &Phrases,
) -> Result<()> {
    let mut inputs = Vec::new();
    store.for_each_export_note_by_number(&session.id, |n| {
        if crate::domain::memory::takes_response(n.content.kind) {
            inputs.push(n.id);
        }
        Ok(())
    })?;
    for id in inputs {
        if rng.below(3) != 0 {
            continue;
        }
        let i = rng.below(ResponseStatus::ALL.len());
        store.respond(
            &id,
            &ResponseInput {
                status: ResponseStatus::ALL[i],
                reason: words.reasons[i].to_string(),
                by: rng.pick(&words.responders).to_string(),
                on,
            },
        )?;
    }
    Ok(())
}

/// The first meeting: a new session with the demo's tables and
/// participants, then [`fill`].
fn create_first(
    store: &mut Store,
    notes: u64,
    seed: u64,
    lang: Lang,
    date: NaiveDate,
    title: String,
) -> Result<Session> {
    let agenda = agenda::bundled();
    let session = store.create_session(
        &NewSession {
            title,
            date,
            location: "Den Haag".into(),
            facilitator: "Noor Hendriks".into(),
            language: lang,
        },
        &agenda,
    )?;
    let items = store.items(&session.id)?;
    let find = |kind: ItemKind, n: u32| {
        items
            .iter()
            .find(|i| i.kind == kind && i.number == n)
            .map(|i| i.id.clone())
            .expect("the bundled agenda has it")
    };
    let mut seats: Vec<(String, String)> = Vec::new(); // (table id, item id)
    for (name, host, points, questions) in TABLES {
        let table = store.create_table(&session.id, name, host, 25)?;
        for n in *points {
            let item = find(ItemKind::ActionPoint, *n);
            store.assign_item(&table.id, &item)?;
            seats.push((table.id.clone(), item));
        }
        for n in *questions {
            let item = find(ItemKind::PolicyQuestion, *n);
            store.assign_item(&table.id, &item)?;
            seats.push((table.id.clone(), item));
        }
    }
    let mut people = Vec::new();
    for (name, org, group) in PARTICIPANTS {
        people.push(store.create_participant(&session.id, *name, *org, *group)?);
    }
    programme(store, &session.id, date, lang)?;
    fill(store, &session, &seats, &people, notes, seed, None)?;
    Ok(session)
}

/// Fills a session that has its tables and participants: `notes` notes at
/// the `seats` (table, item), spoken by `people` or groups, and an IRM
/// rating for every action point — after a `previous` meeting, its rating
/// or one level higher.
fn fill(
    store: &mut Store,
    session: &Session,
    seats: &[(String, String)],
    people: &[crate::domain::Participant],
    notes: u64,
    seed: u64,
    previous: Option<&Session>,
) -> Result<()> {
    let mut rng = SplitMix64::new(seed);
    let words = phrases(session.language);
    let date = session.date;
    let items = store.items(&session.id)?;
    let dims: Vec<String> = store
        .dimensions(&session.id)?
        .into_iter()
        .map(|d| d.key)
        .collect();
    let start = Utc.from_utc_datetime(&date.and_hms_opt(13, 30, 0).expect("valid time"));

    let generated = (0..notes).map(move |i| {
        let (table_id, item_id) = rng.pick(seats).clone();
        let kind = NoteKind::ALL[rng.below(NoteKind::ALL.len())];
        let mut text = sentence(&mut rng, words);
        if rng.below(5) == 0 {
            text.push('\n');
            text.push_str(&sentence(&mut rng, words));
        }
        let (participant_id, group) = match rng.below(3) {
            0 => {
                let p = rng.pick(people);
                (Some(p.id.clone()), Some(p.group))
            }
            1 => (None, Some(*rng.pick(StakeholderGroup::ALL))),
            _ => (None, None),
        };
        let tags = (0..rng.below(3)).map(|_| rng.pick(&dims).clone()).collect();
        let (owner, due) = if kind == NoteKind::Action {
            (
                rng.pick(&words.owners).to_string(),
                Some(date + Duration::days(14 + rng.below(120) as i64)),
            )
        } else {
            (String::new(), None)
        };
        let input = NoteInput {
            item_id,
            table_id: Some(table_id),
            content: NoteContent {
                kind,
                text,
                participant_id,
                group,
                tags,
                owner,
                due,
            },
            votes_for: if rng.below(3) == 0 {
                rng.below(6) as u32
            } else {
                0
            },
            votes_against: if rng.below(6) == 0 {
                rng.below(3) as u32
            } else {
                0
            },
            // The first half in the first table round, the rest in the second.
            round: Some(if i < notes.div_ceil(2) { 1 } else { 2 }),
        };
        (
            crate::domain::new_id(),
            input,
            start + Duration::milliseconds(i as i64 * 1500),
        )
    });
    store.insert_notes_bulk(&session.id, generated)?;

    let mut rng = SplitMix64::new(seed.wrapping_add(1));
    let earlier = match previous {
        Some(p) => store.ratings(&p.id)?,
        None => Vec::new(),
    };
    let earlier_items = match previous {
        Some(p) => store.items(&p.id)?,
        None => Vec::new(),
    };
    for item in items.iter().filter(|i| i.kind == ItemKind::ActionPoint) {
        let before = earlier_items
            .iter()
            .find(|i| i.kind == item.kind && i.number == item.number)
            .and_then(|i| earlier.iter().find(|r| r.item_id == i.id))
            .map(|r| r.level);
        let level = match before {
            Some(b) => {
                let at = IrmLevel::ALL.iter().position(|l| *l == b).unwrap_or(0);
                IrmLevel::ALL[(at + rng.below(2)).min(IrmLevel::ALL.len() - 1)]
            }
            None => *rng.pick(IrmLevel::ALL),
        };
        store.set_rating(
            &session.id,
            &item.id,
            level,
            rng.pick::<&str>(&words.rating_comments),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contents(store: &Store, session: &str) -> Vec<(NoteKind, String, Vec<String>, u32, String)> {
        let mut out = Vec::new();
        store
            .for_each_note(session, |n| {
                out.push((
                    n.content.kind,
                    n.content.text,
                    n.content.tags,
                    n.votes_for,
                    n.id,
                ));
                Ok(())
            })
            .unwrap();
        out
    }

    #[test]
    fn same_seed_same_content_other_seed_other_content() {
        let mut store = Store::open_in_memory().unwrap();
        let a = create(&mut store, 300, 7, Lang::Nl).unwrap();
        let b = create(&mut store, 300, 7, Lang::Nl).unwrap();
        let c = create(&mut store, 300, 8, Lang::Nl).unwrap();
        let strip = |v: Vec<(NoteKind, String, Vec<String>, u32, String)>| {
            v.into_iter()
                .map(|(k, t, g, v, _)| (k, t, g, v))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            strip(contents(&store, &a.id)),
            strip(contents(&store, &b.id))
        );
        assert_ne!(
            strip(contents(&store, &a.id)),
            strip(contents(&store, &c.id))
        );
    }

    #[test]
    fn every_sentence_is_whole() {
        for p in [&NL, &EN] {
            for o in p.openings {
                for su in p.subjects {
                    for pr in p.predicates {
                        for c in p.closings {
                            let s = format!("{o} {su} {pr}{c}");
                            assert!(s.starts_with(char::is_uppercase), "{s}");
                            assert!(s.ends_with('.') && !s.contains("  "), "{s}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn the_english_demo_is_the_dutch_one_translated() {
        let mut store = Store::open_in_memory().unwrap();
        let nl = create(&mut store, 200, 5, Lang::Nl).unwrap();
        let en = create(&mut store, 200, 5, Lang::En).unwrap();
        let (nl, en) = (contents(&store, &nl.id), contents(&store, &en.id));
        assert_eq!(nl.len(), en.len());
        for (a, b) in nl.iter().zip(&en) {
            assert_eq!((a.0, &a.2, a.3), (b.0, &b.2, b.3));
            assert_eq!(a.1.lines().count(), b.1.lines().count());
            let i = NL.openings.iter().position(|o| a.1.starts_with(o)).unwrap();
            assert!(b.1.starts_with(EN.openings[i]), "{} / {}", a.1, b.1);
        }
    }

    #[test]
    fn a_series_is_follow_ups_with_their_memory_and_the_same_seed_gives_the_same() {
        let mut store = Store::open_in_memory().unwrap();
        let s = create_series(&mut store, 3, 150, 4, Lang::Nl).unwrap();
        let dates: Vec<String> = s.iter().map(|x| x.date.to_string()).collect();
        assert_eq!(dates, ["2025-06-05", "2025-08-28", "2025-11-20"]);
        assert_eq!(store.follows(&s[2].id).unwrap(), Some(s[1].id.clone()));
        for later in &s[1..] {
            assert!(!store.carried_actions(&later.id).unwrap().is_empty());
            assert!(!store.status_changes_in(&later.id).unwrap().is_empty());
            assert_eq!(store.ratings(&later.id).unwrap().len(), 17);
        }
        assert!(!store.session_responses(&s[0].id).unwrap().is_empty());
        assert!(store.session_responses(&s[2].id).unwrap().is_empty());

        let mut other = Store::open_in_memory().unwrap();
        let t = create_series(&mut other, 3, 150, 4, Lang::Nl).unwrap();
        let strip = |v: Vec<(NoteKind, String, Vec<String>, u32, String)>| {
            v.into_iter()
                .map(|(k, t, g, v, _)| (k, t, g, v))
                .collect::<Vec<_>>()
        };
        for (a, b) in s.iter().zip(&t) {
            assert_eq!(
                strip(contents(&store, &a.id)),
                strip(contents(&other, &b.id))
            );
            let responses = |st: &Store, id: &str| -> Vec<(u32, String)> {
                st.session_responses(id)
                    .unwrap()
                    .into_iter()
                    .map(|(n, r)| (n.number, r.reason))
                    .collect()
            };
            assert_eq!(responses(&store, &a.id), responses(&other, &b.id));
        }
        assert!(create_series(&mut store, 0, 10, 1, Lang::Nl).is_err());
        let one = create_series(&mut store, 1, 10, 1, Lang::Nl).unwrap();
        assert_eq!(one[0].date, demo_date());
        assert!(one[0].title.contains("herijking"));
    }

    #[test]
    fn demo_covers_every_kind_group_and_rating() {
        let mut store = Store::open_in_memory().unwrap();
        let s = create(&mut store, 2000, 1, Lang::Nl).unwrap();
        let mut kinds = std::collections::HashSet::new();
        let mut groups = std::collections::HashSet::new();
        let mut actions_with_owner = 0;
        store
            .for_each_note(&s.id, |n| {
                kinds.insert(n.content.kind);
                if let Some(g) = n.content.group {
                    groups.insert(g);
                }
                if n.content.kind == NoteKind::Action
                    && !n.content.owner.is_empty()
                    && n.content.due.is_some()
                {
                    actions_with_owner += 1;
                }
                Ok(())
            })
            .unwrap();
        assert_eq!(kinds.len(), NoteKind::ALL.len());
        assert_eq!(groups.len(), StakeholderGroup::ALL.len());
        assert!(actions_with_owner > 0);
        assert_eq!(store.ratings(&s.id).unwrap().len(), 17);
        assert_eq!(store.tables(&s.id).unwrap().len(), 4);
        let summary = &store.session_summaries().unwrap()[0];
        assert_eq!(
            (summary.tables, summary.items, summary.notes),
            (4, 23, 2000)
        );
    }
}
