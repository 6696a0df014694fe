//! Making stored text safe to show on a terminal: control characters and
//! escape sequences never reach it. The stored text itself is never changed.

/// The visible stand-in for a control character: its Unicode "control
/// picture" (␛ for ESC, ␇ for BEL, ␡ for DEL …) or `�` for C1 controls.
/// Tab and line breaks have none: each caller decides how to show them.
/// Shared by the terminal views and the Markdown export.
pub fn control_picture(c: char) -> Option<char> {
    match c {
        '\t' | '\n' | '\r' => None,
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32),
        '\u{7f}' => Some('\u{2421}'),
        '\u{80}'..='\u{9f}' => Some('\u{fffd}'),
        _ => None,
    }
}

/// True for characters that must not be written raw to a terminal: C0 and C1
/// controls, DEL, and the bidirectional overrides/isolates that could reorder
/// what is shown around them.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

/// One line of text safe for a terminal cell: line breaks become `⏎`, tabs a
/// space, other unsafe characters their visible picture.
pub fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\n' => '⏎',
            '\t' => ' ',
            c if is_unsafe(c) => picture_or_mark(c),
            c => c,
        })
        .collect()
}

/// Multi-line text safe for a terminal: keeps line breaks, replaces every
/// other unsafe character.
pub fn lines(s: &str) -> Vec<String> {
    s.split('\n')
        .map(|line| {
            line.chars()
                .map(|c| match c {
                    '\t' => ' ',
                    c if is_unsafe(c) => picture_or_mark(c),
                    c => c,
                })
                .collect()
        })
        .collect()
}

fn picture_or_mark(c: char) -> char {
    match c {
        '\r' => '\u{240d}',
        c => control_picture(c).unwrap_or('\u{fffd}'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_never_survive() {
        let s = "a\u{1b}[31mred\rX\u{7}\u{9b}2J\u{202e}evil";
        let out = one_line(s);
        assert!(out.chars().all(|c| !is_unsafe(c)), "{out:?}");
        assert_eq!(out, "a␛[31mred␍X␇�2J�evil");
    }

    #[test]
    fn lines_keep_breaks_and_unicode() {
        assert_eq!(lines("één\n漢字 👍\tx"), ["één", "漢字 👍 x"]);
        assert_eq!(one_line("a\nb"), "a⏎b");
    }
}
