//! Line and column of byte offsets in a big input, without rescanning it for each one. A REST
//! export is one line of tens of MB: [`crate::source::line_col`] counts every character before
//! the offset, and a report names dozens of entries per subject. Here the text is read once
//! (line starts, and how many characters precede each block of `BLOCK` bytes), then each
//! lookup counts at most one block.

use crate::source::LineCol;

/// Bytes per checkpoint.
const BLOCK: usize = 4096;

/// Where lines start and how many characters come before each block, for one text.
#[derive(Debug, Clone, Default)]
pub struct Locator {
    line_starts: Vec<usize>,
    /// Characters in `text[..i * BLOCK]`, for each block `i` (empty for ASCII text, where
    /// characters are bytes).
    chars_before: Vec<usize>,
    ascii: bool,
    len: usize,
}

/// UTF-8 bytes that start a character (all but `0b10xx_xxxx`), eight at a time.
fn count_chars(bytes: &[u8]) -> usize {
    let mut chunks = bytes.chunks_exact(8);
    let mut continuation = 0usize;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_le_bytes(word);
        // A continuation byte has bit 7 set and bit 6 clear.
        continuation += ((w & !(w << 1)) & 0x8080_8080_8080_8080).count_ones() as usize;
    }
    let tail = chunks
        .remainder()
        .iter()
        .filter(|&&b| b & 0xC0 == 0x80)
        .count();
    bytes.len() - continuation - tail
}

impl Locator {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        // One pass, eight bytes at a time: where lines start, and whether any byte is not
        // ASCII (then characters are counted per block in a second pass).
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGH: u64 = 0x8080_8080_8080_8080;
        let mut line_starts = vec![0];
        let mut high = 0u64;
        let mut chunks = bytes.chunks_exact(8);
        let mut at = 0usize;
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            let w = u64::from_le_bytes(word);
            high |= w;
            let x = w ^ (ONES * u64::from(b'\n'));
            // Exact: the high bit of each zero byte of `x` (no borrow between bytes).
            let mut newlines = !(((x & !HIGH) + !HIGH) | x | !HIGH);
            while newlines != 0 {
                let byte = newlines.trailing_zeros() as usize / 8;
                line_starts.push(at + byte + 1);
                newlines &= newlines - 1;
            }
            at += 8;
        }
        for (i, &b) in chunks.remainder().iter().enumerate() {
            high |= u64::from(b);
            if b == b'\n' {
                line_starts.push(at + i + 1);
            }
        }
        let ascii = high & HIGH == 0;
        let mut chars_before = Vec::new();
        if !ascii {
            chars_before.reserve(bytes.len() / BLOCK + 1);
            let mut total = 0;
            for block in bytes.chunks(BLOCK) {
                chars_before.push(total);
                total += count_chars(block);
            }
        }
        Locator {
            line_starts,
            chars_before,
            ascii,
            len: bytes.len(),
        }
    }

    /// Characters in `text[..at]` (`at` on a character boundary or inside a character, which
    /// then counts).
    fn chars_to(&self, text: &[u8], at: usize) -> usize {
        if self.ascii {
            return at;
        }
        let block = at / BLOCK;
        let before = self.chars_before.get(block).copied().unwrap_or(0);
        before + count_chars(text.get(block * BLOCK..at).unwrap_or(&[]))
    }

    /// 1-based line and column (in characters) of byte offset `at` of `text` (the text this
    /// locator was made from); as [`crate::source::line_col`] gives them.
    pub fn line_col(&self, text: &str, at: usize) -> LineCol {
        let at = at.min(self.len).min(text.len());
        let line = self.line_starts.partition_point(|&s| s <= at).max(1);
        let start = self.line_starts.get(line - 1).copied().unwrap_or(0);
        let bytes = text.as_bytes();
        // A character that `at` falls inside counts, as in `line_col`: round up to its end.
        let mut end = at;
        while end < bytes.len() && bytes.get(end).is_some_and(|b| b & 0xC0 == 0x80) {
            end += 1;
        }
        let column = self.chars_to(bytes, end) - self.chars_to(bytes, start) + 1;
        LineCol { line, column }
    }
}

/// A line index a reader made while it read (the fast ACL reader sees every newline of a JSON
/// value as white space), for offsets up to `end`; documents compare equal whatever it holds
/// (it is derived from their text).
#[derive(Debug, Clone, Default)]
pub struct LineIndex(Option<std::rc::Rc<(Locator, usize)>>);

impl PartialEq for LineIndex {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for LineIndex {}

impl LineIndex {
    /// From the line starts of `text[..end]` (sorted, starting with 0) and whether that part
    /// is ASCII; a text that is not gets its character counts here.
    pub fn from_scan(text: &str, line_starts: Vec<usize>, ascii: bool, end: usize) -> Self {
        let mut locator = Locator {
            line_starts,
            chars_before: Vec::new(),
            ascii,
            len: text.len(),
        };
        if !ascii {
            locator.chars_before = Locator::new(text).chars_before;
        }
        LineIndex(Some(std::rc::Rc::new((locator, end))))
    }
}

/// One [`Locator`] per input text (inputs share their text with the documents read from them),
/// made the first time an offset of that text is located, unless a reader left one.
#[derive(Debug, Default)]
pub struct Locators {
    made: std::cell::RefCell<Vec<(usize, std::rc::Rc<Locator>)>>,
    /// Line indexes readers left, by text, each for offsets up to its end.
    given: Vec<(usize, std::rc::Rc<(Locator, usize)>)>,
}

impl Locators {
    /// Use the line indexes the readers of `docs` made.
    pub fn with_readers(docs: &[&crate::acl::AclDocument]) -> Self {
        let given = docs
            .iter()
            .filter_map(|d| {
                let index = d.lines.0.clone()?;
                Some((std::rc::Rc::as_ptr(&d.text) as usize, index))
            })
            .collect();
        Locators {
            made: Default::default(),
            given,
        }
    }

    pub fn line_col(&self, text: &std::rc::Rc<String>, at: usize) -> LineCol {
        let key = std::rc::Rc::as_ptr(text) as usize;
        if let Some((_, index)) = self
            .given
            .iter()
            .find(|(k, index)| *k == key && at < index.1 && index.0.len == text.len())
        {
            return index.0.line_col(text, at);
        }
        let found = self
            .made
            .borrow()
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, l)| l.clone());
        let locator = match found {
            Some(l) => l,
            None => {
                let made = std::rc::Rc::new(Locator::new(text));
                self.made.borrow_mut().push((key, made.clone()));
                made
            }
        };
        locator.line_col(text, at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::line_col;

    #[test]
    fn agrees_with_line_col_everywhere() {
        let mut text = String::from("ab\nçd\r\nx");
        // Long lines with multi-byte characters across block boundaries.
        for i in 0..3000 {
            text.push_str(if i % 7 == 0 { "€é\n" } else { "abcdefgh" });
        }
        text.push('日');
        let locator = Locator::new(&text);
        for at in (0..text.len() + 3)
            .step_by(13)
            .chain([0, 1, 2, 3, 4, 5, text.len()])
        {
            assert_eq!(locator.line_col(&text, at), line_col(&text, at), "at {at}");
        }
    }

    #[test]
    fn counts_characters_eight_bytes_at_a_time() {
        for s in [
            "",
            "a",
            "ç",
            "abcdefghç",
            "€€€€€€€€€",
            "日本語のテキスト and ascii",
        ] {
            assert_eq!(count_chars(s.as_bytes()), s.chars().count(), "{s}");
        }
    }
}
