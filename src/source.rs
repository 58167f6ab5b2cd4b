//! Source locations: byte spans into one input, turned into 1-based line and column for people.

use serde::Serialize;

/// A byte range inside one input's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
}

/// A 1-based line and column (in characters) of a position in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// Line and column of byte offset `at` in `text`; offsets past the end clamp to the end and
/// offsets inside a multi-byte character count that character.
pub fn line_col(text: &str, at: usize) -> LineCol {
    let mut line = 1;
    let mut column = 1;
    for (index, ch) in text.char_indices() {
        if index >= at {
            break;
        }
        if ch == '\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    LineCol { line, column }
}

/// Iterate the lines of `text` with the byte offset where each starts; the line excludes its
/// `\n` and any trailing `\r`.
pub fn lines_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    text.split('\n').map(move |raw| {
        let start = offset;
        offset += raw.len() + 1;
        (start, raw.strip_suffix('\r').unwrap_or(raw))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_lines_and_chars() {
        let text = "ab\nçd\nx";
        assert_eq!(line_col(text, 0), LineCol { line: 1, column: 1 });
        assert_eq!(line_col(text, 3), LineCol { line: 2, column: 1 });
        // "ç" is two bytes: "d" is at byte 5, column 2.
        assert_eq!(line_col(text, 5), LineCol { line: 2, column: 2 });
        assert_eq!(line_col(text, 99), LineCol { line: 3, column: 2 });
    }

    #[test]
    fn lines_keep_offsets_and_drop_cr() {
        let lines: Vec<_> = lines_with_offsets("a\r\nbc\n").collect();
        assert_eq!(lines, vec![(0, "a"), (3, "bc"), (6, "")]);
    }
}
