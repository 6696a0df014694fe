//! Turning user text into Markdown that renders as exactly that text — and
//! that still reads as plain text in a Git repository, a mail or an editor.
//!
//! Whatever people typed — `# heading`, `- item`, `1.`, `---`, `===`, `>`,
//! `|`, backticks, `<script>`, `<!-- -->`, `*`, `_`, `[x](y)`, `![x](y)`,
//! `&amp;`, trailing spaces or backslashes, indentation — must come out as
//! literal text, never as Markdown structure and never as raw HTML, in
//! CommonMark, GFM (GitHub, `pandoc -f gfm`) and pulldown-cmark with its
//! extensions. A backslash goes only where one of them would otherwise read
//! markup (an escaped ASCII punctuation character is always literal):
//!
//! - at the start of a line (of the text, or after a line break in it):
//!   `#` runs that open a heading, `>`, the list markers `-` `+` `*` and
//!   `1.` / `1)` followed by a space or nothing, thematic breaks (`***`,
//!   `- - -`, `___`), setext underlines (`===`, `---`), code fences
//!   (```` ``` ````, `~~~`), `:` (a definition), `[` of a link definition,
//!   footnote or task marker;
//! - anywhere: `*` `_` `~` `^` runs that could open or close emphasis,
//!   strikethrough, sub- or superscript (by CommonMark's flanking rules;
//!   `snake_case` and `2 * 3` stay bare), `[` that could start a link,
//!   image, footnote or wikilink, `<` before a letter, `/`, `!` or `?`
//!   (HTML, comments, autolinks), `&` that starts an entity, every `` ` ``,
//!   `|` and `$`, a `\` not followed by a letter or digit, `:` of an emoji
//!   shortcode (`:tada:`) or of `http://`, `.` of `www.` and `@` of an
//!   e-mail address (GFM autolinks);
//! - in a one-line text (headings, cells): a closing `#` run; a final `}`
//!   after a `{` (heading attributes) is written as `&#125;`.
//!
//! Everything else — `.` `-` `(` `)` `:` `!` `"` `'` — stays bare, so
//! `Woo-verzoeken`, `2023-2027` and `(BZK)` read as typed. (Straight quotes,
//! `--` and `...` are typography, not markup: a renderer with "smart
//! punctuation" may curl them, as a word processor would.)
//!
//! Whitespace at the edges of a line is written as the character references
//! `&#32;` / `&#9;` (CommonMark strips it, and four leading spaces would
//! start a code block).
//!
//! Line breaks: in a list item (notes, comments) each line break becomes a
//! hard line break — two spaces at the end of the line, or a backslash after
//! an empty line (a line of spaces would end the paragraph) — so multi-line
//! notes keep their breaks. `\r\n` and a lone `\r` count as line breaks, as
//! they do in CommonMark. Empty lines at the start and end of a text are
//! dropped (a paragraph cannot begin or end with an empty line); empty lines
//! inside are kept. Where there is room for one line only (headings, table
//! cells, the metadata of a note) a line break is shown as ` / `.
//!
//! Control characters cannot be shown usefully as themselves: a C0 control
//! (except tab and line breaks) is shown as its Unicode control picture
//! (`␛` for ESC, `␀` for NUL, …), DEL as `␡`, and a C1 control as `�` — as
//! the terminal UI does (`crate::text`). Tabs are kept. Everything else —
//! emoji, right-to-left text, combining characters, bidi controls, zero-width
//! joiners — is kept as it is. The JSON export always has the exact text.
//!
//! Each function here comes with a `visible_*` twin: the text a reader of
//! the rendered Markdown sees. Tests check `render(escape(s)) == visible(s)`
//! with pulldown-cmark, and with pandoc where it is installed.

/// Shown between the lines of a text that must fit on one line.
pub const LINE_SEPARATOR: &str = " / ";

/// A hard line break in a paragraph: two spaces at the end of the line.
pub const HARD_BREAK: &str = "  \n";

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

fn push_edge_whitespace(out: &mut String, ws: &str) {
    for c in ws.chars() {
        out.push_str(if c == '\t' { "&#9;" } else { "&#32;" });
    }
}

/// Where a text goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    /// The lines of a paragraph (a note, a comment).
    Paragraph,
    /// A one-line text anywhere in a line: a heading, a cell, metadata.
    OneLine,
}

/// One line of a text: white space at its edges, and its body (control
/// characters already shown as pictures) with what needs a backslash.
struct Line<'a> {
    lead: &'a str,
    body: Vec<char>,
    esc: Vec<bool>,
    trail: &'a str,
}

/// The lines of one text (a paragraph, or one line) as Markdown source,
/// each without its line break.
fn escaped_lines(lines: &[&str], place: Place) -> Vec<String> {
    let mut parsed: Vec<Line<'_>> = lines
        .iter()
        .map(|line| {
            let body_start = line.trim_start_matches([' ', '\t']);
            let lead = &line[..line.len() - body_start.len()];
            let body = body_start.trim_end_matches([' ', '\t']);
            let chars: Vec<char> = body
                .chars()
                .map(|c| control_picture(c).unwrap_or(c))
                .collect();
            Line {
                lead,
                esc: escapes(&chars, lead.is_empty(), place),
                body: chars,
                trail: &body_start[body.len()..],
            }
        })
        .collect();
    brackets(&mut parsed, place);
    parsed
        .into_iter()
        .enumerate()
        .map(|(n, l)| {
            let mut out = String::with_capacity(l.lead.len() * 5 + l.body.len() + 8);
            push_edge_whitespace(&mut out, l.lead);
            // Heading attributes (`# Kop {#id}`) are read from the raw end
            // of the line, backslash or not: a final `}` becomes a reference.
            let attributes =
                place == Place::OneLine && l.body.last() == Some(&'}') && l.body.contains(&'{');
            let last = l.body.len().saturating_sub(1);
            // The space after a task marker (`[ ] `, `[x] `) as a
            // reference: pandoc makes a checkbox of the marker even when
            // its bracket is escaped.
            let task_space = (n == 0
                && l.lead.is_empty()
                && l.body.len() > 3
                && l.body[0] == '['
                && l.body[2] == ']'
                && matches!(l.body[1], ' ' | 'x' | 'X')
                && l.body[3] == ' ')
                .then_some(3);
            let mut after_space = false;
            for (i, (c, esc)) in l.body.into_iter().zip(l.esc).enumerate() {
                if task_space == Some(i) {
                    out.push_str("&#32;");
                    after_space = true;
                    continue;
                }
                if attributes && i == last {
                    out.push_str("&#125;");
                    continue;
                }
                // pandoc reads a tab, and a space after a space, as one
                // space: as references they stay as typed.
                let literal_space = c == ' ' && after_space;
                after_space = c == ' ';
                if c == '\t' || literal_space {
                    push_edge_whitespace(&mut out, if c == '\t' { "\t" } else { " " });
                    continue;
                }
                if esc {
                    out.push('\\');
                }
                out.push(c);
            }
            push_edge_whitespace(&mut out, l.trail);
            out
        })
        .collect()
}

/// Square brackets, through all lines of a text (a link's text may span
/// lines): a `[` that a `]` followed by `(`, `[` or `{` would close into a
/// link, image or reference — and every other open `[` before that `]`,
/// which it would close once the nearer one is escaped. A `]` that closes no
/// link takes the nearest open `[` out of play, as in CommonMark. In a
/// one-line text, what follows its last `]` is not known here: it counts as
/// a link. At the start of the text, `[` of a link definition (`[x]: url`)
/// or a task marker (`[ ]`) is escaped too.
fn brackets(lines: &mut [Line<'_>], place: Place) {
    let mut open: Vec<(usize, usize)> = Vec::new();
    for l in 0..lines.len() {
        for i in 0..lines[l].body.len() {
            let line = &lines[l];
            match line.body[i] {
                '[' if !line.esc[i] => open.push((l, i)),
                ']' => {
                    let next = line.body.get(i + 1);
                    let link = match next {
                        Some(d) => matches!(d, '(' | '[' | '{'),
                        None => place == Place::OneLine,
                    };
                    if link {
                        for (ol, oi) in open.drain(..) {
                            lines[ol].esc[oi] = true;
                        }
                    } else {
                        open.pop();
                    }
                }
                _ => {}
            }
        }
    }
    if let Some(first) = lines.first_mut()
        && first.lead.is_empty()
        && first.body.first() == Some(&'[')
    {
        let task = first.body.get(2) == Some(&']');
        let definition = first.body.windows(2).any(|w| w == [']', ':'])
            || lines
                .iter()
                .skip(1)
                .any(|l| l.body.windows(2).any(|w| w == [']', ':']));
        if task || definition {
            lines[0].esc[0] = true;
        }
    }
}

/// For each character of a line's body (no white space at its edges):
/// whether it needs a backslash. `line_start`: the body starts its line.
fn escapes(c: &[char], line_start: bool, place: Place) -> Vec<bool> {
    let n = c.len();
    let mut esc = vec![false; n];
    if n == 0 {
        return esc;
    }
    if line_start && let Some(i) = block_marker(c) {
        esc[i] = true;
    }
    let at = |i: usize| c.get(i).copied();
    let mut i = 0;
    while i < n {
        let ch = c[i];
        match ch {
            '`' | '|' | '$' => esc[i] |= true,
            '\\' => esc[i] |= !at(i + 1).is_some_and(|d| d.is_ascii_alphanumeric()),
            '*' | '_' | '~' | '^' => {
                let end = (i..n).find(|&j| c[j] != ch).unwrap_or(n);
                if delimiter(c, i, end) {
                    esc[i..end].iter_mut().for_each(|e| *e = true);
                }
                i = end;
                continue;
            }
            '[' => esc[i] |= matches!(at(i + 1), Some('[' | '^')),
            '<' => {
                esc[i] |= at(i + 1).is_some_and(|d| d.is_ascii_alphabetic() || "/!?".contains(d));
            }
            '&' => esc[i] |= entity_follows(&c[i + 1..]),
            ':' => {
                let emoji = shortcode_follows(&c[i + 1..]);
                let scheme = i > 0
                    && c[i - 1].is_ascii_alphabetic()
                    && at(i + 1) == Some('/')
                    && at(i + 2) == Some('/');
                esc[i] |= emoji || scheme;
            }
            '.' => {
                esc[i] |= i >= 3
                    && c[i - 3..i].iter().all(|d| d.eq_ignore_ascii_case(&'w'))
                    && (i == 3 || !c[i - 4].is_alphanumeric());
            }
            '@' => {
                // An e-mail autolink (GFM): `naam@domein.nl`.
                let email = i > 0
                    && (c[i - 1].is_ascii_alphanumeric() || "._+-".contains(c[i - 1]))
                    && at(i + 1).is_some_and(|d| d.is_ascii_alphanumeric());
                // A citation (pandoc's Markdown): `@key` starting a word, `[@key]`.
                let word_start = i == 0 || matches!(c[i - 1], ' ' | '\t' | '[' | '(' | ';');
                let cite = word_start
                    && at(i + 1).is_some_and(|d| d.is_alphanumeric() || d == '_' || d == '{');
                esc[i] |= email || cite;
            }
            _ => {}
        }
        i += 1;
    }
    if place == Place::OneLine {
        // A closing sequence of a heading: `# Titel #`.
        let start = c.iter().rposition(|&d| d != '#').map_or(0, |p| p + 1);
        if start < n && (start == 0 || c[start - 1] == ' ' || c[start - 1] == '\t') {
            esc[start] = true;
        }
    }
    esc
}

/// At the start of a line: the character that would make it a block (a
/// heading, a quote, a list item, a break, a fence, a definition), if any.
fn block_marker(c: &[char]) -> Option<usize> {
    let gap_or_end = |i: usize| c.get(i).is_none_or(|d| *d == ' ' || *d == '\t');
    let first = c[0];
    let run = c.iter().take_while(|&&d| d == first).count();
    let only = |ch: char| c.iter().all(|&d| d == ch);
    let marked = match first {
        '#' => run <= 6 && gap_or_end(run),
        '>' | ':' => true,
        // pandoc's GFM reader (2.17) also takes `-[x]` for a task item.
        '-' | '+' | '*' => gap_or_end(1) || only(first) || c.get(1) == Some(&'['),
        '=' => only('='),
        '`' | '~' => run >= 3 || (first == '~' && gap_or_end(1)),
        _ => false,
    };
    if marked {
        return Some(0);
    }
    // A thematic break: three or more of one of `-*_`, spaces between.
    if matches!(first, '-' | '*' | '_') {
        let marks: Vec<char> = c
            .iter()
            .copied()
            .filter(|d| *d != ' ' && *d != '\t')
            .collect();
        if marks.len() >= 3 && marks.iter().all(|&d| d == first) {
            return Some(0);
        }
    }
    // An ordered list marker: up to nine digits, then `.` or `)`.
    let digits = c.iter().take_while(|d| d.is_ascii_digit()).count();
    if (1..=9).contains(&digits)
        && matches!(c.get(digits), Some('.' | ')'))
        && gap_or_end(digits + 1)
    {
        return Some(digits);
    }
    None
}

/// Whether the run of `*`, `_`, `~` or `^` at `c[start..end]` could open or
/// close emphasis (CommonMark's flanking rules). A run at either edge of the
/// text could meet anything there, so it always counts.
fn delimiter(c: &[char], start: usize, end: usize) -> bool {
    if start == 0 || end == c.len() {
        return true;
    }
    let (before, after) = (c[start - 1], c[end]);
    // Anything that is neither white space nor a letter or digit counts as
    // punctuation: that makes more runs count, never fewer.
    let space = |d: char| d.is_whitespace();
    let punct = |d: char| !d.is_whitespace() && !d.is_alphanumeric();
    let left = !space(after) && (!punct(after) || space(before) || punct(before));
    let right = !space(before) && (!punct(before) || space(after) || punct(after));
    if c[start] == '_' {
        let open = left && (!right || punct(before));
        let close = right && (!left || punct(after));
        open || close
    } else {
        left || right
    }
}

/// After `&`: a character reference (`amp;`, `#65;`, `#x41;`).
fn entity_follows(c: &[char]) -> bool {
    let name = c
        .iter()
        .take_while(|d| d.is_ascii_alphanumeric() || **d == '#')
        .count();
    name > 0 && c.get(name) == Some(&';')
}

/// After `:`: the rest of an emoji shortcode (`tada:`, `+1:`).
fn shortcode_follows(c: &[char]) -> bool {
    let name = c
        .iter()
        .take_while(|d| d.is_ascii_alphanumeric() || "_+-".contains(**d))
        .count();
    name > 0 && c.get(name) == Some(&':')
}

/// Whether `s` comes out of [`block`] and [`inline`] exactly as it is:
/// one line that starts with a letter and ends with neither a space nor a
/// `#` run, no two spaces in a row, and besides letters, digits and
/// non-ASCII characters that are no controls only `,` `;` `'` `"` `(` `)`
/// `!` `?` `-` `/` `%` `+` `=`, `.` but not of `www.`, and `:` before a
/// space or at the end. Most notes are such prose; checking costs far less
/// than escaping them (a test compares both ways on many texts).
fn plain(s: &str) -> bool {
    let b = s.as_bytes();
    if !s.chars().next().is_some_and(char::is_alphabetic) || b.last() == Some(&b' ') {
        return false;
    }
    for (i, &c) in b.iter().enumerate() {
        let ok = match PLAIN[usize::from(c)] {
            Byte::Fine => true,
            Byte::Never => false,
            Byte::Depends => match c {
                b' ' => b.get(i + 1) != Some(&b' '),
                b':' => matches!(b.get(i + 1), None | Some(b' ')),
                b'.' => i < 3 || !b[i - 3..i].eq_ignore_ascii_case(b"www"),
                // 0xC2: a C1 control (U+0080–U+009F) is 0xC2 0x80–0x9F.
                _ => !matches!(b.get(i + 1), Some(0x80..=0x9f)),
            },
        };
        if !ok {
            return false;
        }
    }
    true
}

/// What a byte means for [`plain`].
#[derive(Clone, Copy)]
enum Byte {
    Fine,
    /// Fine or not by the bytes around it: a space, `:`, `.`, 0xC2.
    Depends,
    Never,
}

/// [`Byte`] of every byte value: letters, digits, the punctuation that is
/// never markup and every byte of a non-ASCII character are fine.
const PLAIN: [Byte; 256] = {
    let mut t = [Byte::Never; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => Byte::Fine,
            b',' | b';' | b'\'' | b'"' | b'(' | b')' | b'!' | b'?' | b'-' | b'/' | b'%' | b'+'
            | b'=' => Byte::Fine,
            b' ' | b':' | b'.' | 0xc2 => Byte::Depends,
            0x80.. => Byte::Fine,
            _ => Byte::Never,
        };
        c += 1;
    }
    t
};

/// Text as Markdown source for a paragraph inside a list item (or at the
/// top level with `indent = ""`): continuation lines get `indent`, line
/// breaks become hard line breaks.
pub fn block(s: &str, indent: &str) -> String {
    if s.split('\n').all(plain) {
        // Lines of plain prose: only the hard breaks between them.
        let mut out = String::with_capacity(s.len() + s.len() / 8);
        for (i, line) in s.split('\n').enumerate() {
            if i > 0 {
                out.push_str(HARD_BREAK);
                out.push_str(indent);
            }
            out.push_str(line);
        }
        return out;
    }
    escape_block(s, indent)
}

/// [`block`] without the shortcut for plain text.
fn escape_block(s: &str, indent: &str) -> String {
    let lines = lines(s);
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for (i, line) in escaped_lines(&lines, Place::Paragraph).iter().enumerate() {
        if i > 0 {
            // A hard break: two spaces, or after an empty line (which must
            // not look blank) a backslash.
            out.push_str(if lines[i - 1].is_empty() {
                "\\\n"
            } else {
                HARD_BREAK
            });
            out.push_str(indent);
        }
        out.push_str(line);
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
/// cells (every `|` is escaped) and metadata. Safe anywhere
/// inside a line, at its start or its end.
pub fn inline(s: &str) -> String {
    if plain(s) {
        return s.to_string();
    }
    escape_inline(s)
}

/// [`inline`] without the shortcut for plain text.
fn escape_inline(s: &str) -> String {
    escaped_lines(&[&one_line(s)], Place::OneLine)
        .pop()
        .unwrap_or_default()
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
    fn only_what_would_be_markup_is_escaped() {
        // Ordinary prose keeps its punctuation.
        for plain in [
            "Woo-verzoeken 2023-2027 (BZK): klaar. Prof. Jansen, 50% a/b!",
            "snake_case_naam en 2 * 3 en a < b en A&O en \"quotes\" 'n",
            "-protocollen #geen kop 12.5 [zonder link] e-mail: x",
        ] {
            assert_eq!(inline(plain), plain);
            assert_eq!(block(plain, "  "), plain);
        }
        assert_eq!(inline("x|y `c` $5"), "x\\|y \\`c\\` \\$5");
        assert_eq!(inline("&amp; &#65;"), "\\&amp; \\&#65;");
        assert_eq!(
            inline("<script> <!-- </b> <?"),
            "\\<script> \\<!-- \\</b> \\<?"
        );
        assert_eq!(inline("*nadruk* en 2*3*4"), "\\*nadruk\\* en 2\\*3\\*4");
        assert_eq!(inline("_ook_ en __dit__"), "\\_ook\\_ en \\_\\_dit\\_\\_");
        assert_eq!(inline("~~weg~~"), "\\~\\~weg\\~\\~");
        assert_eq!(
            inline("[a](b) ![c][d] [^1] [[w]]"),
            "\\[a](b) !\\[c][d] \\[\\^1] \\[[w]]"
        );
        assert_eq!(inline("[a [b](x) [c] d"), "\\[a \\[b](x) [c] d");
        assert_eq!(block("[a]\nb](x)", ""), "\\[a]  \nb](x)");
        assert_eq!(block("[a\nb](x)", ""), "\\[a  \nb](x)");
        assert_eq!(
            inline("zie http://x.nl, www.x.nl, a@b.nl :tada:"),
            "zie http\\://x.nl, www\\.x.nl, a\\@b.nl \\:tada:"
        );
        assert_eq!(inline("a\\b c\\ d\\"), "a\\b c\\\\ d\\\\");
    }

    #[test]
    fn line_starts() {
        for (text, want) in [
            ("# kop", "\\# kop"),
            ("###### zes", "\\###### zes"),
            ("####### zeven", "####### zeven"),
            ("> citaat", "\\> citaat"),
            ("- lijst", "\\- lijst"),
            ("+ plus", "\\+ plus"),
            ("* ster", "\\* ster"),
            ("1. een", "1\\. een"),
            ("2023) jaar", "2023\\) jaar"),
            ("1234567890. te lang", "1234567890. te lang"),
            ("---", "\\---"),
            ("===", "\\==="),
            ("- - -", "\\- - -"),
            ("_ _ _", "\\_ _ \\_"),
            ("```", "\\`\\`\\`"),
            ("~~~", "\\~\\~\\~"),
            (": definitie", "\\: definitie"),
            ("[ ] taak", "\\[ ]&#32;taak"),
            ("[x]: /url", "\\[x]: /url"),
        ] {
            assert_eq!(block(text, "  "), want, "{text:?}");
            // After a line break too, but for what only starts a paragraph.
            let want = if text.starts_with('[') { text } else { want };
            assert_eq!(block(&format!("a\n{text}"), "  "), format!("a  \n  {want}"));
        }
        // Only in a one-line text: a heading's closing `#`s and attributes.
        assert_eq!(inline("Kop ##"), "Kop \\##");
        assert_eq!(inline("Kop {#id}"), "Kop {#id&#125;");
        assert_eq!(block("Kop ## {#id}", ""), "Kop ## {#id}");
    }

    #[test]
    fn edges_and_breaks() {
        assert_eq!(block("    code", "  "), "&#32;&#32;&#32;&#32;code");
        assert_eq!(block("a  \nb\\", "  "), "a&#32;&#32;  \n  b\\\\");
        assert_eq!(block("\n\na\r\n\rb\n\n", ""), "a  \n\\\nb");
        assert_eq!(visible_block("\n\na\r\n\rb\n\n"), "a\n\nb");
        assert_eq!(inline("a\nb"), "a / b");
        assert_eq!(inline("\tx "), "&#9;x&#32;");
        assert_eq!(block("", "  "), "");
        assert_eq!(block("\n\n", "  "), "");
    }

    #[test]
    fn plain_text_is_what_escaping_gives() {
        // Every text of up to three characters from these, and many longer
        // ones: the shortcut for plain text gives what the escaper gives.
        let alphabet: Vec<char> = "aWw1 .:/-=+!?;,'\"()%é—\u{85}\u{1b}\t\n*_[]<&@{}#`|$\\~^>\r\
            \u{a0}\u{2028}\u{2029}\u{200b}\u{feff}\u{3000}\u{202e}\u{301}😀"
            .chars()
            .collect();
        let check = |s: &str| {
            assert_eq!(block(s, "  "), escape_block(s, "  "), "{s:?}");
            assert_eq!(inline(s), escape_inline(s), "{s:?}");
            if plain(s) {
                assert_eq!(inline(s), s, "{s:?}");
            }
        };
        let mut plain_seen = 0;
        let mut text = String::new();
        let n = alphabet.len();
        for len in 1..=3u32 {
            for mut code in 0..n.pow(len) {
                text.clear();
                for _ in 0..len {
                    text.push(alphabet[code % n]);
                    code /= n;
                }
                plain_seen += usize::from(plain(&text));
                check(&text);
            }
        }
        assert!(plain_seen > 1000, "{plain_seen}");
        // Longer texts, mostly of the characters plain text is made of,
        // some of several lines.
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as usize
        };
        let mut several = 0;
        for _ in 0..50_000 {
            text.clear();
            let lines = 1 + next() % 3;
            for line in 0..lines {
                if line > 0 {
                    text.push('\n');
                }
                let len = next() % 30;
                for k in 0..len {
                    let r = next();
                    text.push(match (k, r % 8) {
                        // Plain lines start with a letter.
                        (0, 0) => alphabet[r / 8 % n],
                        (0, _) => alphabet[r / 8 % 3],
                        (_, 0) => alphabet[r / 8 % n],
                        _ => alphabet[r / 8 % 15],
                    });
                }
            }
            several += usize::from(lines > 1 && text.split('\n').all(plain));
            check(&text);
        }
        assert!(several > 100, "{several}");
        assert!(plain("Een voorbeeld: in de pilot (BZK) wil 50% dit; één."));
        for not in ["zie www.x.nl", "WwW.x", "tijd: 10:30", "1. een", "a\u{85}b"] {
            assert!(!plain(not), "{not:?}");
        }
    }

    #[test]
    fn controls_become_pictures() {
        assert_eq!(inline("a\u{1b}[1m\u{0}\u{7f}\u{85}"), "a␛[1m␀␡\u{fffd}");
        assert_eq!(visible_inline("a\u{1b}\tb"), "a␛\tb");
    }
}
