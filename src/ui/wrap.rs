//! Wrapping terminal-safe text to a width, counting display columns (wide
//! characters take two).

use unicode_width::UnicodeWidthChar;

/// Wraps one logical line into rows of at most `width` columns, breaking at
/// spaces where possible.
pub fn wrap_line(line: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut rows = Vec::new();
    let mut row = String::new();
    let mut row_w = 0;
    let mut last_space: Option<(usize, usize)> = None; // (byte index in row, width up to it)
    for c in line.chars() {
        let w = c.width().unwrap_or(0);
        if row_w + w > width && !row.is_empty() {
            if c == ' ' {
                // Break at this space; it is not carried to the next row.
                rows.push(std::mem::take(&mut row));
                row_w = 0;
                last_space = None;
                continue;
            }
            match last_space {
                Some((i, wi)) if i > 0 => {
                    let rest = row.split_off(i + 1);
                    rows.push(row.trim_end().to_string());
                    row = rest;
                    row_w -= wi + 1;
                }
                _ => {
                    rows.push(std::mem::take(&mut row));
                    row_w = 0;
                }
            }
            last_space = None;
        }
        if c == ' ' {
            last_space = Some((row.len(), row_w));
        }
        row.push(c);
        row_w += w;
    }
    rows.push(row);
    rows
}

/// Wraps multi-line text (lines already terminal-safe).
pub fn wrap(lines: &[String], width: usize) -> Vec<String> {
    lines.iter().flat_map(|l| wrap_line(l, width)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_and_counts_wide_chars() {
        assert_eq!(wrap_line("een twee drie", 8), ["een twee", "drie"]);
        assert_eq!(wrap_line("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap_line("漢字漢字", 4), ["漢字", "漢字"]);
        assert_eq!(wrap_line("", 4), [""]);
    }
}
