//! The programme: starting the next block (all table timers start with a
//! table round and stop after it), and the overlay that lists and edits
//! the blocks.

use super::{Now, step};
use crate::app::action::Action;
use crate::app::effect::{Effect, ProgrammeOp};
use crate::app::state::*;
use crate::domain::programme::{Block, PlannedBlock, parse_time};
use crate::domain::{BlockKind, Lang, TableTimer};
use crate::i18n::strings;

/// Alt+N: the next block starts now; a table round starts every table's
/// timer from zero, and the end of one stops them.
pub(super) fn next_block(state: &mut State, now: Now) -> Vec<Effect> {
    let s = &strings(state.lang).run;
    let Some(open) = state.open.as_mut() else {
        return vec![];
    };
    if open.programme.is_empty() {
        state.info(s.no_programme);
        return vec![];
    }
    let running = open.programme.iter().position(Block::running);
    let next = match running {
        Some(i) => i + 1,
        None => match open.programme.iter().position(|b| b.started_at.is_none()) {
            Some(i) => i,
            None => {
                state.info(s.programme_done);
                return vec![];
            }
        },
    };
    let target = open.programme.get(next).cloned();
    let ending_round = running.is_some_and(|i| open.programme[i].plan.kind == BlockKind::Tables);
    let starting_round = target
        .as_ref()
        .is_some_and(|b| b.plan.kind == BlockKind::Tables);
    let mut out = vec![Effect::Programme {
        session_id: open.session.id.clone(),
        op: ProgrammeOp::Start {
            id: target.as_ref().map(|b| b.id.clone()),
            at: now.wall.to_utc(),
        },
    }];
    if ending_round || starting_round {
        for table in &open.tables {
            let t = open.timers.entry(table.id.clone()).or_default();
            if starting_round {
                *t = Timer {
                    elapsed: Default::default(),
                    running_since: Some(now.at),
                };
            } else if let Some(since) = t.running_since.take() {
                t.elapsed += now.at.saturating_duration_since(since);
            }
            out.push(Effect::SaveTimer {
                timer: TableTimer {
                    table_id: table.id.clone(),
                    elapsed_ms: t.elapsed.as_millis() as u64,
                    started_at: t.running().then(|| now.wall.to_utc()),
                },
            });
        }
    }
    let message = match target {
        Some(b) => format!("{} {}", s.block_started, b.plan.title),
        None => s.programme_done.to_string(),
    };
    state.info(message);
    out
}

pub(super) fn show(state: &mut State) {
    let sel = state
        .open
        .as_ref()
        .and_then(|o| o.programme.iter().position(Block::running))
        .unwrap_or(0);
    state.overlay = Some(Overlay::Programme { sel });
}

/// A key in the programme overlay.
pub(super) fn update(state: &mut State, sel: usize, action: Action, now: Now) -> Vec<Effect> {
    let lang = state.lang;
    let Some(open) = state.open.as_ref() else {
        return vec![];
    };
    let session_id = open.session.id.clone();
    let len = open.programme.len();
    let selected = open.programme.get(sel).cloned();
    let op = |op| {
        vec![Effect::Programme {
            session_id: session_id.clone(),
            op,
        }]
    };
    let keep = |state: &mut State, sel| state.overlay = Some(Overlay::Programme { sel });
    match action {
        Action::Up | Action::Down => keep(state, step(sel, len, action == Action::Down)),
        Action::AddBlock => state.overlay = Some(form(lang, None, open.programme.last())),
        Action::EditBlock => match &selected {
            Some(b) => state.overlay = Some(form(lang, Some(b), None)),
            None => keep(state, sel),
        },
        Action::DeleteBlock => {
            keep(state, sel.min(len.saturating_sub(2)));
            if let Some(b) = selected {
                return op(ProgrammeOp::Delete(b.id));
            }
        }
        Action::MoveBlockUp | Action::MoveBlockDown => {
            let delta = if action == Action::MoveBlockUp { -1 } else { 1 };
            keep(
                state,
                (sel as i64 + delta as i64).clamp(0, len.saturating_sub(1) as i64) as usize,
            );
            if let Some(b) = selected {
                return op(ProgrammeOp::Move { id: b.id, delta });
            }
        }
        Action::NextBlock => {
            keep(state, sel);
            return next_block(state, now);
        }
        Action::Back => {}
        _ => keep(state, sel),
    }
    vec![]
}

/// The block form: empty after `after` (starting when it ends), or `edit`.
fn form(lang: Lang, edit: Option<&Block>, after: Option<&Block>) -> Overlay {
    let s = &strings(lang).forms;
    let (title, plan) = match edit {
        Some(b) => (s.edit_block, Some(b.plan.clone())),
        None => (s.add_block, None),
    };
    let start = match (&plan, after) {
        (Some(p), _) => p.start.format("%H:%M").to_string(),
        (None, Some(a)) => (a.plan.start + chrono::Duration::minutes(i64::from(a.plan.minutes)))
            .format("%H:%M")
            .to_string(),
        (None, None) => String::new(),
    };
    Overlay::Form(Form::new(
        title,
        FormBody::Block(BlockForm {
            edit: edit.map(|b| b.id.clone()),
            title: Field::new(s.f_block_title, plan.as_ref().map_or("", |p| &p.title)),
            kind: Field::new(
                s.f_block_kind,
                plan.as_ref()
                    .map_or(BlockKind::Tables.label(lang), |p| p.kind.label(lang)),
            ),
            start: Field::new(s.f_block_start, &start),
            minutes: Field::new(
                s.f_minutes,
                &plan.as_ref().map_or(20, |p| p.minutes).to_string(),
            ),
        }),
    ))
}

/// A block kind by its key or label in either language, or their start.
pub(super) fn kind_from(text: &str) -> Option<BlockKind> {
    let t = text.trim().to_lowercase();
    if t.is_empty() {
        return None;
    }
    let names = |k: BlockKind| {
        [k.key(), k.label(Lang::Nl), k.label(Lang::En)]
            .map(str::to_lowercase)
            .to_vec()
    };
    let found: Vec<BlockKind> = BlockKind::ALL
        .iter()
        .copied()
        .filter(|k| {
            names(*k)
                .iter()
                .any(|n| n.starts_with(&t) || t == "tafels" && *k == BlockKind::Tables)
        })
        .collect();
    (found.len() == 1).then(|| found[0])
}

/// The block a form describes, or the field that is wrong and why.
pub(super) fn planned(f: &BlockForm, lang: Lang) -> Result<PlannedBlock, (usize, &'static str)> {
    let s = &strings(lang).forms;
    let title = f.title.value();
    if title.is_empty() {
        return Err((0, s.err_name_required));
    }
    let kind = kind_from(&f.kind.value()).ok_or((1, s.err_block_kind))?;
    let start = parse_time(&f.start.value()).ok_or((2, s.err_time))?;
    let minutes = match f.minutes.value().parse::<u32>() {
        Ok(m) if m > 0 => m,
        _ => return Err((3, s.err_minutes)),
    };
    Ok(PlannedBlock {
        title,
        kind,
        start,
        minutes,
    })
}

/// After a change is stored: the list again, on the block changed.
pub(super) fn stored(state: &mut State, op: &ProgrammeOp, blocks: Vec<Block>) {
    let Some(open) = state.open.as_mut() else {
        return;
    };
    open.programme = blocks;
    let len = open.programme.len();
    let sel = match op {
        ProgrammeOp::Add(_) => Some(len.saturating_sub(1)),
        ProgrammeOp::Update(id, _) | ProgrammeOp::Move { id, .. } => {
            open.programme.iter().position(|b| &b.id == id)
        }
        ProgrammeOp::Delete(_) | ProgrammeOp::Start { .. } => None,
    };
    // A form that was waiting for the store closes back onto the list.
    if matches!(state.overlay, Some(Overlay::Form(_))) || sel.is_some() {
        state.overlay = Some(Overlay::Programme {
            sel: sel.unwrap_or(0).min(len.saturating_sub(1)),
        });
    }
}
