//! Turning user text into Markdown that renders as exactly that text.
//!
//! Whatever people typed — `# heading`, `- item`, `1.`, `---`, `===`, `>`,
//! `|`, backticks, `<script>`, `<!-- -->`, `*`, `_`, `[x](y)`, `![x](y)`,
//! `&amp;`, trailing spaces or backslashes, indentation — must come out as
//! literal text, never as Markdown structure and never as raw HTML. One rule
//! does that: every ASCII punctuation character is backslash-escaped (always
//! allowed by CommonMark, and an escaped character is always literal),
//! except the few that have no meaning in CommonMark, GFM or any
//! pulldown-cmark extension (`,` `;` `?` `%` `/`), left bare so the source
//! stays readable. `&` is escaped too, so `&amp;` stays the literal text
//! `&amp;`. What remains is whitespace at the edges of a line (CommonMark
//! strips it, and four leading spaces would start a code block): those
//! spaces and tabs are written as the character references `&#32;` / `&#9;`.
//!
//! The same source must read literally in pandoc's Markdown too, which
//! works on what it parsed rather than on the source: it makes a checkbox
//! (☐, ☒) of a list item whose text begins with `[ ]`, `[x]` or `[X]` and a
//! space — escaped or not — and turns every tab and every run of spaces
//! into one space. So a tab is always `&#9;`, a space after a space is
//! `&#32;`, and so is the space after such a task marker at the start of a
//! line; pandoc reads a character reference as text, as CommonMark does.
//!
//! Line breaks: in a list item (notes, comments) each line break becomes a
//! hard line break (a backslash at the end of the line), so multi-line notes
//! keep their breaks. `\r\n` and a lone `\r` count as line breaks, as they
//! do in CommonMark. Empty lines at the start and end of a text are dropped
//! (a paragraph cannot begin or end with an empty line); empty lines inside
//! are kept. Where there is room for one line only (headings, table cells,
//! the metadata of a note) a line break is shown as ` / `.
//!
//! Control characters cannot be shown usefully as themselves: a C0 control
//! (except tab and line breaks) is shown as its Unicode control picture
//! (`␛` for ESC, `␀` for NUL, …), DEL as `␡`, and a C1 control as `�` — as
//! the terminal UI does (`crate::text`). Tabs are kept. Everything else —
//! emoji, right-to-left text, combining characters, bidi controls, zero-width
//! joiners — is kept as it is. The JSON export always has the exact text.
//!
//! Each function here comes with a `visible_*` twin: the text a reader of
//! the rendered Markdown sees. Tests check `render(escape(s)) == visible(s)`.

/// ASCII punctuation that is never special, left unescaped for readability.
const INERT: &[char] = &[',', ';', '?', '%', '/'];

/// Shown between the lines of a text that must fit on one line.
pub const LINE_SEPARATOR: &str = " / ";

use crate::text::control_picture;

/// The lines of a text: split at `\r\n`, `\r` and `\n`, without the empty
/// lines at the start and end.
fn lines(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                out.push(&s[start..i]);
                start = i + 1;
            }
            b'\r' => {
                out.push(&s[start..i]);
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    out.push(&s[start..]);
    let first = out.iter().position(|l| !l.is_empty()).unwrap_or(out.len());
    let last = out.iter().rposition(|l| !l.is_empty()).map_or(0, |i| i + 1);
    if first >= last {
        Vec::new()
    } else {
        out[first..last].to_vec()
    }
}

fn push_visible_char(out: &mut String, c: char) {
    out.push(control_picture(c).unwrap_or(c));
}

fn push_escaped_char(out: &mut String, c: char) {
    if let Some(p) = control_picture(c) {
        out.push(p);
    } else if c.is_ascii_punctuation() && !INERT.contains(&c) {
        out.push('\\');
        out.push(c);
    } else {
        out.push(c);
    }
}

fn push_whitespace_references(out: &mut String, ws: &str) {
    for c in ws.chars() {
        out.push_str(if c == '\t' { "&#9;" } else { "&#32;" });
    }
}

/// One line of text (no line breaks in it) as Markdown source.
fn push_escaped_line(out: &mut String, line: &str) {
    let body_start = line.trim_start_matches([' ', '\t']);
    let lead = &line[..line.len() - body_start.len()];
    let body = body_start.trim_end_matches([' ', '\t']);
    let trail = &body_start[body.len()..];
    push_whitespace_references(out, lead);
    let after_marker = task_marker_len(body);
    let mut after_space = false;
    for (i, c) in body.char_indices() {
        let literal_space = c == ' ' && (after_space || Some(i) == after_marker);
        if c == '\t' || literal_space {
            push_whitespace_references(out, &body[i..i + 1]);
        } else {
            push_escaped_char(out, c);
        }
        after_space = c == ' ';
    }
    push_whitespace_references(out, trail);
}

/// The length of a task-list marker (`[ ]`, `[x]`, `[X]`, any blanks in
/// the brackets) at the start of `body`, when a space follows it.
fn task_marker_len(body: &str) -> Option<usize> {
    let inner = body.strip_prefix('[')?;
    let blanks = inner.trim_start_matches([' ', '\t']);
    let rest = match blanks.strip_prefix(']') {
        Some(rest) => rest,
        None => inner.strip_prefix(['x', 'X'])?.strip_prefix(']')?,
    };
    rest.starts_with(' ').then(|| body.len() - rest.len())
}

/// Text as Markdown source for a paragraph inside a list item (or at the
/// top level with `indent = ""`): continuation lines get `indent`, line
/// breaks become hard line breaks.
pub fn block(s: &str, indent: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 4);
    for (i, line) in lines(s).into_iter().enumerate() {
        if i > 0 {
            out.push_str("\\\n");
            out.push_str(indent);
        }
        push_escaped_line(&mut out, line);
    }
    out
}

/// What a reader sees of [`block`]: lines joined by `\n`.
pub fn visible_block(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, line) in lines(s).into_iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        line.chars().for_each(|c| push_visible_char(&mut out, c));
    }
    out
}

/// The one-line form of a text: its lines joined by [`LINE_SEPARATOR`].
fn one_line(s: &str) -> String {
    lines(s).join(LINE_SEPARATOR)
}

/// Text as Markdown source that stays on one line: for headings, table
/// cells (`|` is escaped like all punctuation) and metadata. Safe anywhere
/// inside a line, at its start or its end.
pub fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 4);
    push_escaped_line(&mut out, &one_line(s));
    out
}

/// What a reader sees of [`inline`].
pub fn visible_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    one_line(s)
        .chars()
        .for_each(|c| push_visible_char(&mut out, c));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_is_escaped_except_the_inert() {
        assert_eq!(inline("# a, b; c? 50% a/b"), "\\# a, b; c? 50% a/b");
        assert_eq!(inline("x|y"), "x\\|y");
        assert_eq!(inline("&amp;"), "\\&amp;");
        assert_eq!(inline("<script>"), "\\<script\\>");
    }

    #[test]
    fn edges_and_breaks() {
        assert_eq!(block("    code", "  "), "&#32;&#32;&#32;&#32;code");
        assert_eq!(block("a  \nb\\", "  "), "a&#32;&#32;\\\n  b\\\\");
        assert_eq!(block("\n\na\r\n\rb\n\n", ""), "a\\\n\\\nb");
        assert_eq!(visible_block("\n\na\r\n\rb\n\n"), "a\n\nb");
        assert_eq!(inline("a\nb"), "a / b");
        assert_eq!(inline("\tx "), "&#9;x&#32;");
        assert_eq!(block("", "  "), "");
        assert_eq!(block("\n\n", "  "), "");
    }

    #[test]
    fn task_markers_tabs_and_runs_of_spaces_stay_literal_in_pandoc() {
        assert_eq!(block("[ ] open", ""), "\\[ \\]&#32;open");
        assert_eq!(block("[x] done", ""), "\\[x\\]&#32;done");
        assert_eq!(block("[X]  done", ""), "\\[X\\]&#32;&#32;done");
        assert_eq!(block("[  ] wide", ""), "\\[ &#32;\\]&#32;wide");
        assert_eq!(block("[y] no", ""), "\\[y\\] no");
        assert_eq!(block("[ ]", ""), "\\[ \\]");
        assert_eq!(inline("a\tb  c"), "a&#9;b &#32;c");
        assert_eq!(block("x [ ] y", ""), "x \\[ \\] y");
    }

    #[test]
    fn controls_become_pictures() {
        assert_eq!(inline("a\u{1b}[1m\u{0}\u{7f}\u{85}"), "a␛\\[1m␀␡\u{fffd}");
        assert_eq!(visible_inline("a\u{1b}\tb"), "a␛\tb");
    }
}
