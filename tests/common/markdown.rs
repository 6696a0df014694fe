//! Reading exported Markdown back, as a reader (or a Markdown viewer) would
//! see it: pulldown-cmark with every extension on but smart punctuation
//! (which curls quotes and dashes: typography, not markup — CommonMark, GFM
//! and `pandoc -f gfm` show them as typed). Also finds a section by its
//! heading, for tests that look at one part of the minutes.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use tafel::export::escape::visible_block;

/// What a reader sees of a Markdown document.
#[derive(Debug, Default)]
pub struct Rendered {
    pub headings: Vec<(u8, String)>,
    /// Tables → rows (header first) → cell texts.
    pub tables: Vec<Vec<Vec<String>>>,
    pub items: Vec<RenderedItem>,
    /// Raw HTML, code, block quotes, rules … anything the export never
    /// writes on purpose.
    pub unexpected: Vec<String>,
}

#[derive(Debug, Default)]
pub struct RenderedItem {
    pub text: String,
    /// Inline markup inside the item (emphasis, links, …).
    pub markup: Vec<String>,
}

enum Target {
    Heading(usize),
    Cell,
    Item(usize),
}

/// pulldown-cmark's every extension but smart punctuation.
pub fn options() -> Options {
    Options::all() - Options::ENABLE_SMART_PUNCTUATION
}

/// Parses Markdown (every pulldown-cmark extension on) into what a reader
/// sees of it.
pub fn read(md: &str) -> Rendered {
    let mut r = Rendered::default();
    let mut stack: Vec<Target> = Vec::new();
    let push_text = |r: &mut Rendered, stack: &[Target], s: &str| match stack.last() {
        Some(Target::Heading(i)) => r.headings[*i].1.push_str(s),
        Some(Target::Cell) => r
            .tables
            .last_mut()
            .unwrap()
            .last_mut()
            .unwrap()
            .last_mut()
            .unwrap()
            .push_str(s),
        Some(Target::Item(i)) => r.items[*i].text.push_str(s),
        None => {}
    };
    for event in Parser::new_ext(md, options()) {
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => {
                    r.headings.push((level as u8, String::new()));
                    stack.push(Target::Heading(r.headings.len() - 1));
                }
                Tag::Table(_) => r.tables.push(Vec::new()),
                Tag::TableHead | Tag::TableRow => r.tables.last_mut().unwrap().push(Vec::new()),
                Tag::TableCell => {
                    r.tables
                        .last_mut()
                        .unwrap()
                        .last_mut()
                        .unwrap()
                        .push(String::new());
                    stack.push(Target::Cell);
                }
                Tag::Item => {
                    r.items.push(RenderedItem::default());
                    stack.push(Target::Item(r.items.len() - 1));
                }
                Tag::Paragraph | Tag::List(_) => {}
                Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Link { .. }
                | Tag::Image { .. } => {
                    let m = format!("{tag:?}");
                    if let Some(Target::Item(i)) = stack.last() {
                        r.items[*i].markup.push(m);
                    } else if !matches!(tag, Tag::Strong | Tag::Emphasis) {
                        r.unexpected.push(m);
                    }
                }
                other => r.unexpected.push(format!("{other:?}")),
            },
            Event::End(TagEnd::Heading(_) | TagEnd::TableCell | TagEnd::Item) => {
                stack.pop();
            }
            Event::End(_) => {}
            Event::Text(t) => push_text(&mut r, &stack, &t),
            Event::SoftBreak => push_text(&mut r, &stack, " "),
            Event::HardBreak => push_text(&mut r, &stack, "\n"),
            other => r.unexpected.push(format!("{other:?}")),
        }
    }
    r
}

/// The number of unescaped `|` in a line of Markdown source.
pub fn pipes(line: &str) -> usize {
    let mut n = 0;
    let mut escaped = false;
    for c in line.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => n += 1,
            _ => escaped = false,
        }
    }
    n
}

/// Every GFM table in the source has the same number of columns on every
/// line, and the parser sees them all.
pub fn assert_tables_intact(md: &str, r: &Rendered) {
    let mut in_table: Option<usize> = None;
    let mut count = 0;
    for line in md.lines() {
        if line.starts_with('|') {
            let p = pipes(line);
            match in_table {
                None => {
                    in_table = Some(p);
                    count += 1;
                }
                Some(q) => assert_eq!(p, q, "a table line with other columns: {line}"),
            }
        } else {
            in_table = None;
        }
    }
    assert_eq!(count, r.tables.len(), "tables in the source vs parsed");
    for t in &r.tables {
        let width = t[0].len();
        assert!(t.iter().all(|row| row.len() == width), "{t:?}");
    }
}

/// No raw HTML anywhere: no HTML block, no inline HTML.
pub fn assert_no_html(md: &str) {
    let html: Vec<String> = Parser::new_ext(md, options())
        .filter(|e| {
            matches!(
                e,
                Event::Html(_) | Event::InlineHtml(_) | Event::Start(Tag::HtmlBlock)
            )
        })
        .map(|e| format!("{e:?}"))
        .collect();
    assert!(html.is_empty(), "raw HTML in the export: {html:?}");
}

pub fn assert_clean(r: &Rendered) {
    assert!(
        r.unexpected.is_empty(),
        "unexpected Markdown: {:?}",
        r.unexpected
    );
}

/// Some list item shows exactly `text`, alone or followed by its metadata
/// line, with no markup.
pub fn assert_note_shown(r: &Rendered, text: &str) {
    let want = visible_block(text);
    let found = r.items.iter().any(|i| {
        i.markup.is_empty()
            && (i.text == want
                || i.text
                    .strip_prefix(want.as_str())
                    .is_some_and(|rest| rest.starts_with("\n— ")))
    });
    assert!(found, "note not shown literally: {want:?}");
}

/// The headings of a Markdown document as a reader sees them: (level, text).
pub fn headings(md: &str) -> Vec<(u8, String)> {
    read(md).headings
}

/// The Markdown source of the section under the first heading that reads
/// `heading` (as shown, not as escaped in the source): from that heading up
/// to the next heading of the same or a higher level, subsections included.
/// Panics, listing the headings there are, when there is no such heading.
pub fn section<'a>(md: &'a str, heading: &str) -> &'a str {
    // (level, shown text, start in the source) of every heading.
    let mut found: Vec<(u8, String, usize)> = Vec::new();
    let mut open: Option<usize> = None;
    for (event, range) in Parser::new_ext(md, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                found.push((level as u8, String::new(), range.start));
                open = Some(found.len() - 1);
            }
            Event::End(TagEnd::Heading(_)) => open = None,
            Event::Text(t) | Event::Code(t) => {
                if let Some(i) = open {
                    found[i].1.push_str(&t);
                }
            }
            _ => {}
        }
    }
    let Some(at) = found.iter().position(|(_, text, _)| text == heading) else {
        let all: Vec<&str> = found.iter().map(|(_, t, _)| t.as_str()).collect();
        panic!("no heading {heading:?} in the Markdown; there are {all:#?}");
    };
    let (level, start) = (found[at].0, found[at].2);
    let end = found[at + 1..]
        .iter()
        .find(|(l, ..)| *l <= level)
        .map_or(md.len(), |(.., s)| *s);
    &md[start..end]
}

/// The list items in the section under `heading` (see [`section`]), each as
/// a reader sees it: a note's text, then its metadata line after "\n".
pub fn bullets_under(md: &str, heading: &str) -> Vec<String> {
    read(section(md, heading))
        .items
        .into_iter()
        .map(|i| i.text)
        .collect()
}
