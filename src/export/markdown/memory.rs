//! The minutes' sections of the MSF's memory: the open actions carried
//! over from earlier meetings (per item, with their status at the end of
//! this meeting), the status changes made in this meeting, and the
//! reasoned responses to this meeting's inputs (a count per status, then
//! per item). Each section is written only when it has something to show,
//! so the minutes of a meeting without any stay as they were.

use super::{Context, list_item, table};
use crate::domain::Item;
use crate::domain::memory::{ItemRef, state_as_of};
use crate::error::Result;
use crate::export::Out;
use crate::export::escape::inline;
use crate::export::memory_strings::memory_strings;
use crate::export::strings::long_date;

/// This session's copy of the item `r`, if it has one.
fn item_of<'c>(cx: &'c Context<'_>, r: ItemRef) -> Option<&'c Item> {
    cx.items
        .iter()
        .find(|i| i.kind == r.kind && i.number == r.number)
}

/// "Actiepunt 4 — Open Standaarden", or "Actiepunt 4" for an item this
/// session's agenda lacks.
fn item_title(cx: &Context<'_>, r: ItemRef) -> String {
    item_of(cx, r).map_or_else(|| inline(&r.label(cx.lang)), |i| cx.item_title(i))
}

/// "uit de bijeenkomst van 28 augustus 2025 (#14)".
fn from_meeting(cx: &Context<'_>, date: chrono::NaiveDate, number: u32) -> String {
    format!(
        "{} {} (#{number})",
        memory_strings(cx.lang).from_meeting,
        long_date(date, cx.lang)
    )
}

/// The open actions carried into this meeting, per item in agenda order.
pub(super) fn carried(cx: &Context<'_>, out: &mut Out<'_>) -> Result<()> {
    let actions = cx.store.carried_actions(&cx.session.id)?;
    if actions.is_empty() {
        return Ok(());
    }
    out.line(&format!("## {}", memory_strings(cx.lang).carried))?;
    out.blank()?;
    let mut open_item = None;
    for a in &actions {
        if open_item != Some(a.item) {
            if open_item.is_some() {
                out.blank()?;
            }
            out.line(&format!("### {}", item_title(cx, a.item)))?;
            out.blank()?;
            open_item = Some(a.item);
        }
        let mut meta = cx.action_meta(&a.note);
        meta.push(
            state_as_of(&a.trail, &cx.session.id, cx.session.date)
                .label(cx.lang)
                .to_string(),
        );
        meta.push(from_meeting(cx, a.origin.date, a.note.number));
        list_item(out, &cx.user(&a.note.content.text), &meta)?;
    }
    out.blank()
}

/// The status changes made in this meeting, in the order they were made.
pub(super) fn status_changes(cx: &Context<'_>, out: &mut Out<'_>) -> Result<()> {
    let changes = cx.store.status_changes_in(&cx.session.id)?;
    if changes.is_empty() {
        return Ok(());
    }
    out.line(&format!("## {}", memory_strings(cx.lang).status_changes))?;
    out.blank()?;
    for c in &changes {
        let mut meta = vec![
            format!(
                "{} → **{}**",
                c.previous.label(cx.lang),
                c.change.status.label(cx.lang)
            ),
            long_date(c.change.on, cx.lang),
            item_title(cx, c.item),
        ];
        if c.origin.id != cx.session.id {
            meta.push(from_meeting(cx, c.origin.date, c.note.number));
        }
        list_item(out, &cx.user(&c.note.content.text), &meta)?;
    }
    out.blank()
}

/// The reasoned responses to this meeting's inputs: how many have which
/// response, then per item each input with its latest response (and the
/// earlier ones).
pub(super) fn responses(cx: &Context<'_>, out: &mut Out<'_>) -> Result<()> {
    let all = cx.store.session_responses(&cx.session.id)?;
    if all.is_empty() {
        return Ok(());
    }
    let m = memory_strings(cx.lang);
    out.line(&format!("## {}", m.responses))?;
    out.blank()?;
    let counts = cx.store.year_counts(&cx.session.id)?;
    let answered: u64 = counts.responses.iter().map(|(_, n)| n).sum();
    let mut rows: Vec<Vec<String>> = counts
        .responses
        .iter()
        .map(|(status, n)| vec![inline(status.label(cx.lang)), n.to_string()])
        .collect();
    rows.push(vec![
        m.without_response.to_string(),
        (counts.inputs - answered).to_string(),
    ]);
    rows.push(vec![
        format!("**{}**", cx.s.total),
        format!("**{}**", counts.inputs),
    ]);
    table(
        out,
        &[m.response.to_string(), m.count.to_string()],
        1,
        &rows,
    )?;

    // Per note: the responses, oldest first (as the store gives them).
    let mut per_note: Vec<(crate::domain::Note, Vec<crate::domain::memory::Response>)> = Vec::new();
    for (note, response) in all {
        match per_note.last_mut() {
            Some((n, rs)) if n.id == note.id => rs.push(response),
            _ => per_note.push((note, vec![response])),
        }
    }
    // In agenda order of the items, then by number.
    per_note.sort_by_key(|(n, _)| (cx.item_index.get(&n.item_id).copied(), n.number));
    let mut open_item = None;
    for (note, rs) in &per_note {
        let item = cx.item_index.get(&note.item_id).copied();
        if open_item != Some(item) {
            if open_item.is_some() {
                out.blank()?;
            }
            if let Some(i) = item {
                out.line(&format!("### {}", cx.item_title(&cx.items[i])))?;
                out.blank()?;
            }
            open_item = Some(item);
        }
        let latest = rs.last().expect("one at least");
        let mut meta = vec![
            note.content.kind.label(cx.lang).to_string(),
            format!(
                "**{}**: {}",
                latest.status.label(cx.lang),
                inline(&cx.user(&latest.reason))
            ),
        ];
        if !cx.anonymize() && !latest.by.trim().is_empty() {
            meta.push(format!("{} {}", m.by, inline(&latest.by)));
        }
        meta.push(long_date(latest.on, cx.lang));
        if rs.len() > 1 {
            let earlier: Vec<String> = rs[..rs.len() - 1]
                .iter()
                .map(|r| format!("{} ({})", r.status.label(cx.lang), r.on))
                .collect();
            meta.push(format!("{}: {}", m.earlier, earlier.join(", ")));
        }
        list_item(out, &cx.user(&note.content.text), &meta)?;
    }
    out.blank()
}
