//! The inline SVG charts of the HTML minutes: the balance of voices (all
//! tables, and per table), the dimension coverage as a heat map, and the
//! IRM ratings. Built with maud like the page, so every label — a table's
//! name, an item's title — is escaped by construction. Integer coordinates
//! only: the same data gives the same bytes.

use crate::domain::{IrmLevel, Lang, StakeholderGroup};
use maud::{Markup, html};

/// Colour-blind-safe (Okabe–Ito) colours, one per stakeholder group, then
/// grey for notes without a group.
pub const GROUP_COLOURS: [&str; 7] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#8C8C8C",
];

const WIDTH: u64 = 720;
const ROW: u64 = 26;
const FONT: &str = "12";

/// `value` of `max` as a length of at most `full`.
fn scale(value: u64, max: u64, full: u64) -> u64 {
    (value * full).checked_div(max).unwrap_or(0)
}

/// Cut to `n` characters with an ellipsis (SVG text does not wrap).
fn cut(s: &str, n: usize) -> String {
    let one: String = crate::text::one_line(s);
    if one.chars().count() <= n {
        one
    } else {
        let mut t: String = one.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// One bar per group: notes over all tables, with the participants of the
/// group beside it. `labels` are the groups' labels (then "not recorded"),
/// `present` the participants per group.
pub fn voices(
    title: &str,
    labels: &[String],
    notes: &[u64],
    present: &[u64],
    present_word: (&str, &str),
) -> Markup {
    let rows: Vec<usize> = (0..notes.len())
        .filter(|&g| g < StakeholderGroup::ALL.len() || notes[g] > 0)
        .collect();
    let max = notes.iter().copied().max().unwrap_or(0);
    let (label_w, bar_w) = (230, 330);
    let height = rows.len() as u64 * ROW + 8;
    html! {
        svg class="chart" viewBox=(format!("0 0 {WIDTH} {height}")) width=(WIDTH) height=(height)
            role="img" aria-label=(title) font-size=(FONT) {
            title { (title) }
            @for (r, &g) in rows.iter().enumerate() {
                @let y = r as u64 * ROW + 4;
                @let w = scale(notes[g], max, bar_w);
                text x=(label_w - 8) y=(y + 16) text-anchor="end" { (cut(&labels[g], 34)) }
                rect x=(label_w) y=(y + 3) width=(w) height=(ROW - 8) fill=(GROUP_COLOURS[g.min(6)]) {}
                text x=(label_w + w + 6) y=(y + 16) { (notes[g]) }
                @if let Some(p) = present.get(g) {
                    text x=(WIDTH - 4) y=(y + 16) text-anchor="end" fill="#444" {
                        (p) " " (if *p == 1 { present_word.0 } else { present_word.1 })
                    }
                }
            }
        }
    }
}

/// A part of a stacked bar: x, width, group, notes.
type Segment = (u64, u64, usize, u64);

/// One stacked bar per table: its notes by group, in the groups' colours,
/// with a legend.
pub fn voices_per_table(
    title: &str,
    tables: &[String],
    per_table: &[Vec<u64>],
    labels: &[String],
) -> Markup {
    let max = per_table
        .iter()
        .map(|v| v.iter().sum::<u64>())
        .max()
        .unwrap_or(0);
    let (label_w, bar_w) = (230, 400);
    let legend_rows = labels.len().div_ceil(3) as u64;
    let bars_h = tables.len() as u64 * ROW + 8;
    // Per table: each group's segment, and where the bar ends.
    let segments: Vec<(Vec<Segment>, u64)> = per_table
        .iter()
        .map(|counts| {
            let mut x = label_w;
            let mut segs = Vec::new();
            for (g, n) in counts.iter().enumerate() {
                let w = scale(*n, max, bar_w);
                if w > 0 {
                    segs.push((x, w, g, *n));
                }
                x += w;
            }
            (segs, x)
        })
        .collect();
    let height = bars_h + legend_rows * 20 + 8;
    html! {
        svg class="chart" viewBox=(format!("0 0 {WIDTH} {height}")) width=(WIDTH) height=(height)
            role="img" aria-label=(title) font-size=(FONT) {
            title { (title) }
            @for (t, name) in tables.iter().enumerate() {
                @let y = t as u64 * ROW + 4;
                text x=(label_w - 8) y=(y + 16) text-anchor="end" { (cut(name, 34)) }
                @for &(x, w, g, n) in &segments[t].0 {
                    rect x=(x) y=(y + 3) width=(w) height=(ROW - 8) fill=(GROUP_COLOURS[g.min(6)]) {
                        title { (labels.get(g).map_or("", String::as_str)) ": " (n) }
                    }
                }
                text x=(segments[t].1 + 6) y=(y + 16) { (per_table[t].iter().sum::<u64>()) }
            }
            @for (g, label) in labels.iter().enumerate() {
                @let col = (g % 3) as u64;
                @let row = (g / 3) as u64;
                @let x = 10 + col * 236;
                @let y = bars_h + row * 20;
                rect x=(x) y=(y + 4) width="12" height="12" fill=(GROUP_COLOURS[g.min(6)]) {}
                text x=(x + 18) y=(y + 14) { (cut(label, 32)) }
            }
        }
    }
}

/// Items × dimensions: a cell's shade by its number of tagged notes (of the
/// most in any cell), with the number in it.
pub fn coverage(
    title: &str,
    items: &[String],
    dimensions: &[String],
    counts: &[Vec<u64>],
) -> Markup {
    let max = counts.iter().flatten().copied().max().unwrap_or(0);
    let (label_w, cell_w, cell_h, head) = (300u64, 56u64, 20u64, 96u64);
    // Room on the right for the last heads, which lean over it.
    let width = label_w + dimensions.len() as u64 * cell_w + 130;
    let height = head + items.len() as u64 * cell_h + 8;
    html! {
        svg class="chart" viewBox=(format!("0 0 {width} {height}")) width=(width) height=(height)
            role="img" aria-label=(title) font-size="11" {
            title { (title) }
            @for (d, name) in dimensions.iter().enumerate() {
                @let x = label_w + d as u64 * cell_w + cell_w / 2;
                @let y = head - 8;
                text x=(x) y=(y) transform=(format!("rotate(-35 {x} {y})")) { (cut(name, 34)) }
            }
            @for (i, item) in items.iter().enumerate() {
                @let y = head + i as u64 * cell_h;
                text x=(label_w - 8) y=(y + 14) text-anchor="end" { (cut(item, 44)) }
                @for (d, n) in counts[i].iter().enumerate() {
                    @let x = label_w + d as u64 * cell_w;
                    @let level = if max == 0 { 0 } else { (n * 100).div_ceil(max) };
                    @let fill = if *n == 0 { "#F2F2F2".to_string() } else { shade(level) };
                    rect x=(x + 1) y=(y + 1) width=(cell_w - 2) height=(cell_h - 2) fill=(fill) {}
                    @if *n > 0 {
                        text x=(x + cell_w / 2) y=(y + 14) text-anchor="middle"
                            fill=(if level > 55 { "#FFFFFF" } else { "#111111" }) { (n) }
                    }
                }
            }
        }
    }
}

/// A blue from light (1 %) to dark (100 %), as a colour with no alpha, so
/// it prints as shown.
fn shade(percent: u64) -> String {
    // From #DCE9F5 to #1F4E79.
    let mix = |light: u64, dark: u64| light - (light - dark) * percent.min(100) / 100;
    format!(
        "#{:02X}{:02X}{:02X}",
        mix(0xDC, 0x1F),
        mix(0xE9, 0x4E),
        mix(0xF5, 0x79)
    )
}

/// How many action points got each IRM rating.
pub fn ratings(title: &str, counts: &[u64], lang: Lang) -> Markup {
    let max = counts.iter().copied().max().unwrap_or(0);
    let (label_w, bar_w) = (230, 400);
    let height = IrmLevel::ALL.len() as u64 * ROW + 8;
    html! {
        svg class="chart" viewBox=(format!("0 0 {WIDTH} {height}")) width=(WIDTH) height=(height)
            role="img" aria-label=(title) font-size=(FONT) {
            title { (title) }
            @for (i, level) in IrmLevel::ALL.iter().enumerate() {
                @let y = i as u64 * ROW + 4;
                @let w = scale(counts[i], max, bar_w);
                text x=(label_w - 8) y=(y + 16) text-anchor="end" { (level.label(lang)) }
                rect x=(label_w) y=(y + 3) width=(w) height=(ROW - 8) fill="#1F4E79" {}
                text x=(label_w + w + 6) y=(y + 16) { (counts[i]) }
            }
        }
    }
}
