//! The summary of the minutes: notes per table and kind, the balance of
//! voices, the agreements and the actions (all of them, then those still
//! lacking an owner or a date). Written from what the one pass over the
//! notes gathered (`pass.rs`).

use super::lists::List;
use super::{Context, Place, table};
use crate::domain::NoteKind;
use crate::error::Result;
use crate::export::Out;
use crate::export::escape::inline;
use crate::export::strings::kind_heading;

/// The summary: notes per table from the counts, the balance of voices
/// from `voices`, then `lists`: the agreements, the actions and the actions
/// that lack an owner or a due date, as gathered by the pass.
pub(super) fn summary(
    cx: &Context<'_>,
    out: &mut Out<'_>,
    voices: &[Vec<u64>],
    lists: [List; 3],
) -> Result<()> {
    let s = cx.s;
    out.line(&format!("## {}", s.summary))?;
    out.blank()?;

    out.line(&format!("### {}", s.notes_per_table))?;
    out.blank()?;
    let mut header = vec![s.table.to_string()];
    header.extend(
        NoteKind::ALL
            .iter()
            .map(|k| kind_heading(*k, cx.lang).to_string()),
    );
    header.push(s.total.to_string());
    let mut rows = Vec::new();
    let mut totals = vec![0u64; NoteKind::ALL.len()];
    for place in cx.places() {
        let per_kind: Vec<u64> = NoteKind::ALL
            .iter()
            .map(|k| {
                (0..cx.items.len())
                    .map(|i| cx.counts.get(&(place, i, *k)).copied().unwrap_or(0))
                    .sum()
            })
            .collect();
        if place == Place::NoTable && per_kind.iter().all(|n| *n == 0) {
            continue;
        }
        let mut row = vec![cx.place_name(place)];
        for (t, n) in totals.iter_mut().zip(&per_kind) {
            *t += n;
            row.push(n.to_string());
        }
        row.push(per_kind.iter().sum::<u64>().to_string());
        rows.push(row);
    }
    let mut row = vec![format!("**{}**", s.total)];
    row.extend(totals.iter().map(|n| format!("**{n}**")));
    row.push(format!("**{}**", totals.iter().sum::<u64>()));
    rows.push(row);
    table(out, &header, 1, &rows)?;
    balance(cx, out, voices)?;

    let [agreements, actions, incomplete] = lists;
    for (list, title, none) in [
        (agreements, s.agreements, s.no_agreements),
        (actions, s.actions, s.no_actions),
    ] {
        out.line(&format!("### {title}"))?;
        out.blank()?;
        let n = list.write(out)?;
        if n == 0 {
            out.line(&format!("*{none}*"))?;
        }
        out.blank()?;
    }
    // The actions again that still lack an owner or a date: what the next
    // meeting has to settle. (They stay in the list above, which has all.)
    if cx.counts.keys().any(|(.., kind)| *kind == NoteKind::Action) {
        out.line(&format!("### {}", s.incomplete_actions))?;
        out.blank()?;
        let n = incomplete.write(out)?;
        if n == 0 {
            out.line(&format!("*{}*", s.all_actions_complete))?;
        }
        out.blank()?;
    }
    Ok(())
}

/// The figure of the balance of voices: notes per stakeholder group (rows)
/// per table (columns), the total, and the participants of each group.
fn balance(cx: &Context<'_>, out: &mut Out<'_>, counts: &[Vec<u64>]) -> Result<()> {
    let s = cx.s;
    let groups = crate::domain::StakeholderGroup::ALL;
    let places: Vec<Place> = cx.places().collect();
    // The column "without a table" only when notes were taken there.
    let shown: Vec<usize> = (0..places.len())
        .filter(|&p| places[p] != Place::NoTable || counts[p].iter().any(|n| *n > 0))
        .collect();
    out.line(&format!("### {}", s.voices))?;
    out.blank()?;
    out.line(s.voices_intro)?;
    out.blank()?;
    let mut header = vec![s.group.to_string()];
    header.extend(shown.iter().map(|&p| cx.place_name(places[p])));
    header.push(s.total.to_string());
    header.push(s.participants.to_string());
    let present = |g: usize| {
        groups.get(g).map_or(0, |group| {
            cx.participant_list
                .iter()
                .filter(|p| p.group == *group)
                .count() as u64
        })
    };
    let mut rows = Vec::new();
    let labels = groups.iter().map(|g| g.label(cx.lang)).chain([s.no_group]);
    for (g, label) in labels.enumerate() {
        let total: u64 = shown.iter().map(|&p| counts[p][g]).sum();
        if g == groups.len() && total == 0 {
            continue; // every note's group was recorded
        }
        let mut row = vec![inline(label)];
        row.extend(shown.iter().map(|&p| counts[p][g].to_string()));
        row.push(total.to_string());
        row.push(if g < groups.len() {
            present(g).to_string()
        } else {
            String::new()
        });
        rows.push(row);
    }
    let mut row = vec![format!("**{}**", s.total)];
    let totals: Vec<u64> = shown.iter().map(|&p| counts[p].iter().sum()).collect();
    row.extend(totals.iter().map(|n| format!("**{n}**")));
    row.push(format!("**{}**", totals.iter().sum::<u64>()));
    row.push(format!("**{}**", cx.participant_list.len()));
    rows.push(row);
    table(out, &header, 1, &rows)
}
