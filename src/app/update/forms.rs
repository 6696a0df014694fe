//! Forms: what each one asks, and what its confirmation does. A form stays
//! open with its text until the store confirms (or shows why not).

use super::{Now, run};
use crate::app::effect::{Effect, SetupOp};
use crate::app::state::*;
use crate::domain::{Lang, Naming, NewSession, Session, StakeholderGroup, Table};
use crate::i18n::strings;
use chrono::NaiveDate;

pub(super) fn new_session(lang: Lang, now: Now, facilitator: &str) -> Overlay {
    let s = &strings(lang).forms;
    Overlay::Form(Form::new(
        strings(lang).sessions.new_session,
        FormBody::Session(SessionForm {
            edit: None,
            from: None,
            title: Field::new(s.f_title, ""),
            date: Field::new(s.f_date, &now.wall.date_naive().to_string()),
            location: Field::new(s.f_location, ""),
            facilitator: Field::new(s.f_facilitator, facilitator),
            agenda: Some(Field::new(s.f_agenda, "")),
        }),
    ))
}

/// A follow-up meeting of `x`: title and date to give; the rest is copied.
pub(super) fn follow_up(lang: Lang, x: &Session, now: Now) -> Overlay {
    let s = &strings(lang).forms;
    Overlay::Form(Form::new(
        strings(lang).sessions.follow_up,
        FormBody::Session(SessionForm {
            edit: None,
            from: Some(x.id.clone()),
            title: Field::new(s.f_title, &x.title),
            date: Field::new(s.f_date, &now.wall.date_naive().to_string()),
            location: Field::new(s.f_location, &x.location),
            facilitator: Field::new(s.f_facilitator, &x.facilitator),
            agenda: None,
        }),
    ))
}

/// A reasoned response to note `note` (status, reason, who gave it).
pub(super) fn response(lang: Lang, note: &crate::domain::Note) -> Overlay {
    let s = &strings(lang).forms;
    let status = crate::domain::ResponseStatus::UnderConsideration.label(lang);
    Overlay::Form(Form::new(
        s.respond_title,
        FormBody::Response(ResponseForm {
            note_id: note.id.clone(),
            status: Field::new(s.f_response_status, status),
            reason: Field::new(s.f_reason, ""),
            by: Field::new(s.f_by, ""),
        }),
    ))
}

pub(super) fn edit_session(lang: Lang, x: &Session) -> Overlay {
    let s = &strings(lang).forms;
    Overlay::Form(Form::new(
        strings(lang).sessions.edit_session,
        FormBody::Session(SessionForm {
            edit: Some((x.id.clone(), x.language)),
            from: None,
            title: Field::new(s.f_title, &x.title),
            date: Field::new(s.f_date, &x.date.to_string()),
            location: Field::new(s.f_location, &x.location),
            facilitator: Field::new(s.f_facilitator, &x.facilitator),
            agenda: None,
        }),
    ))
}

/// A table form: a new table (numbered after the others) or `edit`.
pub(super) fn table(lang: Lang, edit: Option<&Table>, count: usize, minutes: u32) -> Overlay {
    let s = &strings(lang).forms;
    let setup = &strings(lang).setup;
    let (title, id, name, host, minutes) = match edit {
        Some(t) => (
            setup.edit_table,
            Some(t.id.clone()),
            t.name.clone(),
            t.host.clone(),
            t.timebox_minutes.to_string(),
        ),
        None => (
            setup.add_table,
            None,
            format!("{} {}", setup.table, count + 1),
            String::new(),
            minutes.to_string(),
        ),
    };
    Overlay::Form(Form::new(
        title,
        FormBody::Table(TableForm {
            edit: id,
            name: Field::new(s.f_table_name, &name),
            host: Field::new(s.f_host, &host),
            minutes: Field::new(s.f_minutes, &minutes),
        }),
    ))
}

pub(super) fn participant(lang: Lang, edit: Option<&crate::domain::Participant>) -> Overlay {
    let s = &strings(lang).forms;
    let setup = &strings(lang).setup;
    let title = if edit.is_some() {
        setup.edit_participant
    } else {
        setup.add_participant
    };
    Overlay::Form(Form::new(
        title,
        FormBody::Participant(ParticipantForm {
            edit: edit.map(|p| p.id.clone()),
            name: Field::new(s.f_name, edit.and_then(|p| p.name.as_deref()).unwrap_or("")),
            organisation: Field::new(
                s.f_organisation,
                edit.and_then(|p| p.organisation.as_deref()).unwrap_or(""),
            ),
        }),
    ))
}

/// Owner and due date of an action, prefilled with what the editor has.
pub(super) fn action_details(lang: Lang, owner: &str, due: Option<NaiveDate>) -> Overlay {
    let s = &strings(lang).forms;
    let due = due.map(|d| d.to_string()).unwrap_or_default();
    Overlay::Form(Form::new(
        s.action_details,
        FormBody::Action(ActionForm {
            owner: Field::new(s.f_owner, owner),
            due: Field::new(s.f_due, &due),
        }),
    ))
}

fn date(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d").ok()
}

/// Enter in a form: validate, then the effect (the form stays until the
/// store confirms), or the error at its field.
pub(super) fn submit(state: &mut State, mut f: Form, now: Now) -> Vec<Effect> {
    let lang = state.lang;
    let s = &strings(lang).forms;
    let session_id = state.open.as_ref().map(|o| o.session.id.clone());
    let effects = match &f.body {
        FormBody::Session(x) => {
            let title = x.title.value();
            match date(&x.date.value()) {
                _ if title.is_empty() => Err((
                    field(|b| session(b).map(|x| &x.title)),
                    s.err_title_required,
                )),
                None => Err((field(|b| session(b).map(|x| &x.date)), s.err_date)),
                Some(date) => {
                    let fields = NewSession {
                        title,
                        date,
                        location: x.location.value(),
                        facilitator: x.facilitator.value(),
                        language: x.edit.as_ref().map_or(lang, |(_, l)| *l),
                    };
                    Ok(match (&x.edit, &x.from) {
                        (_, Some(from)) => vec![Effect::FollowUp {
                            from: from.clone(),
                            fields,
                        }],
                        (Some((id, _)), None) => vec![Effect::UpdateSession {
                            id: id.clone(),
                            fields,
                        }],
                        (None, None) => vec![Effect::CreateSession {
                            fields,
                            programme: state.defaults.programme.clone(),
                            agenda: x
                                .agenda
                                .as_ref()
                                .map(Field::value)
                                .filter(|v| !v.is_empty())
                                .map(std::path::PathBuf::from),
                        }],
                    })
                }
            }
        }
        FormBody::Table(x) => {
            let name = x.name.value();
            match x.minutes.value().parse::<u32>() {
                _ if name.is_empty() => Err((
                    field(|b| table_form(b).map(|x| &x.name)),
                    s.err_name_required,
                )),
                Err(_) => Err((field(|b| table_form(b).map(|x| &x.minutes)), s.err_minutes)),
                Ok(minutes) => {
                    let host = x.host.value();
                    let op = match &x.edit {
                        Some(id) => SetupOp::UpdateTable {
                            id: id.clone(),
                            name,
                            host,
                            minutes,
                        },
                        None => SetupOp::CreateTable {
                            name,
                            host,
                            minutes,
                        },
                    };
                    Ok(session_id
                        .map(|session_id| Effect::Setup { session_id, op })
                        .into_iter()
                        .collect())
                }
            }
        }
        FormBody::Block(x) => match super::programme::planned(x, lang) {
            Err((at, message)) => {
                f.focus = at;
                f.error = Some(message.to_string());
                state.overlay = Some(Overlay::Form(f));
                return vec![];
            }
            Ok(block) => {
                let op = match &x.edit {
                    Some(id) => crate::app::effect::ProgrammeOp::Update(id.clone(), block),
                    None => crate::app::effect::ProgrammeOp::Add(block),
                };
                Ok(session_id
                    .map(|session_id| Effect::Programme { session_id, op })
                    .into_iter()
                    .collect())
            }
        },
        FormBody::Response(x) => match super::memory::response_input(x, lang, now) {
            Err((at, message)) => {
                f.focus = at;
                f.error = Some(message);
                state.overlay = Some(Overlay::Form(f));
                return vec![];
            }
            Ok(input) => Ok(vec![Effect::Respond {
                note_id: x.note_id.clone(),
                input,
            }]),
        },
        FormBody::Participant(x) => {
            // Next: the stakeholder group.
            state.overlay = Some(Overlay::Picker(group_picker(state, x)));
            return vec![];
        }
        FormBody::Action(x) => match x.due.value() {
            v if v.is_empty() => Ok((x.owner.value(), None)),
            v => match date(&v) {
                Some(d) => Ok((x.owner.value(), Some(d))),
                None => Err((field(|b| action(b).map(|x| &x.due)), s.err_date)),
            },
        }
        .map(|(owner, due)| {
            if let Some(open) = state.open.as_mut() {
                open.editor.meta.owner = owner;
                open.editor.meta.due = due;
            }
            vec![]
        }),
    };
    match effects {
        Ok(effects) => {
            f.error = None;
            let saving_action = matches!(f.body, FormBody::Action(_));
            state.overlay = Some(Overlay::Form(f));
            if saving_action {
                // Saved with the form still open: the details are not asked
                // again, and the form closes once the note is stored.
                return run::save_note(state);
            }
            effects
        }
        Err((pick, message)) => {
            f.reject(pick, message);
            state.overlay = Some(Overlay::Form(f));
            vec![]
        }
    }
}

type Pick = fn(&FormBody) -> Option<&Field>;

fn field(pick: Pick) -> Pick {
    pick
}

fn session(b: &FormBody) -> Option<&SessionForm> {
    match b {
        FormBody::Session(x) => Some(x),
        _ => None,
    }
}

fn table_form(b: &FormBody) -> Option<&TableForm> {
    match b {
        FormBody::Table(x) => Some(x),
        _ => None,
    }
}

fn action(b: &FormBody) -> Option<&ActionForm> {
    match b {
        FormBody::Action(x) => Some(x),
        _ => None,
    }
}

/// The group picker that follows the participant form, on the current
/// group when editing.
fn group_picker(state: &State, x: &ParticipantForm) -> Picker {
    let choices = StakeholderGroup::ALL
        .iter()
        .map(|g| (g.label(state.lang).to_string(), g.key().to_string()))
        .collect();
    let mut p = Picker::new(
        PickerPurpose::ParticipantGroup {
            edit: x.edit.clone(),
            name: x.name.value(),
            organisation: x.organisation.value(),
        },
        strings(state.lang).setup.pick_group,
        choices,
    );
    if let Some(cur) = x
        .edit
        .as_ref()
        .and_then(|id| state.open.as_ref()?.participant(id).map(|p| p.group))
        .and_then(|g| StakeholderGroup::ALL.iter().position(|x| *x == g))
    {
        p.selected = cur;
    }
    p
}

/// The question that follows the group picker: may the participant be
/// named in minutes? On `current` (group only for someone new), so Enter
/// keeps it.
pub(super) fn naming_picker(lang: Lang, current: Naming, purpose: PickerPurpose) -> Picker {
    let setup = &strings(lang).setup;
    let choices: Vec<(String, String)> = [
        (setup.naming_group_only, Naming::GroupOnly),
        (setup.naming_named, Naming::Named),
    ]
    .into_iter()
    .map(|(label, n)| (label.to_string(), n.key().to_string()))
    .collect();
    let mut p = Picker::new(purpose, setup.pick_naming, choices);
    p.selected = usize::from(current == Naming::Named);
    p
}
