//! Clean-up before parsing: byte-order marks, UTF-16 (PowerShell's default), ANSI colour codes,
//! leading shell prompts.

/// Why a file's bytes could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    Binary { at: usize },
    InvalidUtf16,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Binary { at } => write!(
                f,
                "this file is not text (binary data at byte {at}); export it as JSON or text"
            ),
            DecodeError::InvalidUtf16 => {
                write!(f, "this file says it is UTF-16 but is not valid UTF-16")
            }
        }
    }
}

/// Bytes of a file → text: UTF-8 with or without BOM, UTF-16 LE/BE with BOM, or UTF-16 LE
/// without BOM (every other byte zero, as PowerShell writes ASCII). Binary is refused.
pub fn decode_bytes(bytes: &[u8]) -> Result<String, DecodeError> {
    decode_owned(bytes.to_vec())
}

/// [`decode_bytes`], keeping `bytes` as the text when they are UTF-8 (no copy of a big file).
pub fn decode_owned(mut bytes: Vec<u8>) -> Result<String, DecodeError> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
        return utf8_or_binary(bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes);
    }
    let looks_utf16le = bytes.len() >= 4
        && bytes.len() % 2 == 0
        && bytes.iter().skip(1).step_by(2).take(64).all(|b| *b == 0)
        && bytes.iter().step_by(2).take(64).all(|b| *b != 0);
    if looks_utf16le {
        return utf16(&bytes, u16::from_le_bytes);
    }
    utf8_or_binary(bytes)
}

fn utf16(bytes: &[u8], word: fn([u8; 2]) -> u16) -> Result<String, DecodeError> {
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| word([c[0], c[1]])).collect();
    String::from_utf16(&units).map_err(|_| DecodeError::InvalidUtf16)
}

fn utf8_or_binary(bytes: Vec<u8>) -> Result<String, DecodeError> {
    if let Some(at) = first_binary(&bytes) {
        return Err(DecodeError::Binary { at });
    }
    String::from_utf8(bytes).map_err(|e| DecodeError::Binary {
        at: e.utf8_error().valid_up_to(),
    })
}

/// A control byte no text file holds (NUL, and every one below space but tab, line feed,
/// form feed, carriage return and ESC, which colour codes start with).
fn is_binary(b: u8) -> bool {
    b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x1b | 0x0c)
}

/// The offset of the first [`is_binary`] byte. Eight bytes at a time, looking closer only at
/// words with a byte below space (a line feed, mostly): a dropped export is tens of MB.
fn first_binary(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut chunks = bytes.chunks_exact(8);
    for (i, chunk) in (&mut chunks).enumerate() {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        // A byte below 0x20 sets its high bit here (bytes of 0x80 and above can too, and are
        // looked at for nothing).
        if x.wrapping_sub(ONES * 0x20) & !x & (ONES * 0x80) != 0 {
            if let Some(at) = chunk.iter().position(|&b| is_binary(b)) {
                return Some(i * 8 + at);
            }
        }
    }
    let done = bytes.len() - chunks.remainder().len();
    chunks
        .remainder()
        .iter()
        .position(|&b| is_binary(b))
        .map(|at| done + at)
}

/// Whether `bytes` holds ESC, eight bytes at a time (the whole of every input is checked, and
/// the wasm build's `memchr` reads four).
fn has_escape(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word) ^ (ONES * 0x1b);
        if x.wrapping_sub(ONES) & !x & (ONES * 0x80) != 0 {
            return true;
        }
    }
    chunks.remainder().contains(&0x1b)
}

/// [`clean_text`], returning `text` itself when there is nothing to clean.
pub fn clean_owned(text: String) -> String {
    if text.starts_with('\u{feff}') || has_escape(text.as_bytes()) {
        clean_text(&text)
    } else {
        text
    }
}

/// Drop a BOM and blank out ANSI escape sequences byte for byte, so offsets stay meaningful.
pub fn clean_text(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if !has_escape(text.as_bytes()) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        if ch != '\u{1b}' {
            out.push(ch);
            continue;
        }
        out.push(' ');
        // CSI: ESC [ params final-byte; OSC: ESC ] … BEL. Blank every byte of the sequence.
        match chars.peek() {
            Some('[') => {
                for c in chars.by_ref() {
                    out.push(' ');
                    if ('@'..='~').contains(&c) && c != '[' {
                        break;
                    }
                }
            }
            Some(']') => {
                for c in chars.by_ref() {
                    out.push(' ');
                    if c == '\u{7}' {
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Is this line a shell prompt or a command someone pasted along with its output?
pub fn is_command_line(line: &str) -> bool {
    // A prompt or a command shows in its first few hundred bytes; a one-line export of tens
    // of MB is not scanned to the end (by `split_whitespace`, character by character).
    let t = line.trim_start();
    let mut head = t.len().min(1024);
    while !t.is_char_boundary(head) {
        head -= 1;
    }
    let t = &t[..head];
    let commands = [
        "curl ",
        "az ",
        "http ",
        "wget ",
        "Invoke-RestMethod",
        "Invoke-WebRequest",
        "irm ",
        "iwr ",
    ];
    t.starts_with("$ ")
        || t == "$"
        || t.starts_with("PS ") && t.contains('>')
        || t.starts_with("> ")
        || (t.contains("$ ")
            && t.split("$ ")
                .next()
                .is_some_and(|p| p.contains('@') && !p.contains(' ')))
        || commands.iter().any(|c| t.starts_with(c))
        || is_request_line(t)
}

/// `GET https://dev.azure.com/…` or `POST /_apis/…`: the request a pasted response answers.
fn is_request_line(line: &str) -> bool {
    let mut words = line.split_whitespace();
    let method = words.next().unwrap_or("");
    let target = words.next().unwrap_or("");
    matches!(method, "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD")
        && (target.starts_with("http") || target.starts_with('/'))
}

/// Byte offset after any leading blank or command lines.
pub fn skip_leading_commands(text: &str) -> usize {
    // A line's first 2 KB decide whether it is blank or a command (see `is_command_line`): a
    // long line, such as a one-line export of tens of MB, is not scanned to its end unless it
    // is skipped.
    let mut start = 0;
    loop {
        let rest = text.get(start..).unwrap_or("");
        let mut head_len = rest.len().min(2048);
        while !rest.is_char_boundary(head_len) {
            head_len -= 1;
        }
        let head = &rest[..head_len];
        let (raw, last) = match head.find('\n') {
            Some(i) => (&head[..i], false),
            None if head_len == rest.len() => (head, true),
            None => {
                let h = head.strip_suffix('\r').unwrap_or(head);
                if !(h.trim().is_empty() || is_command_line(h)) {
                    return start;
                }
                match rest.find('\n') {
                    Some(i) => (&rest[..i], false),
                    None => (rest, true),
                }
            }
        };
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() || is_command_line(line) {
            if last {
                return (start + line.len() + 1).min(text.len());
            }
            start += raw.len() + 1;
            continue;
        }
        return start;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_is_found_at_every_position() {
        for len in 0..20 {
            assert!(!has_escape(&vec![b'a'; len]));
            for at in 0..len {
                let mut bytes = vec![0x9bu8; len];
                bytes[at] = 0x1b;
                assert!(has_escape(&bytes), "len {len}, at {at}");
                bytes[at] = 0x1a;
                assert!(!has_escape(&bytes), "len {len}, at {at}");
            }
        }
    }

    #[test]
    fn binary_bytes_are_found_where_a_byte_by_byte_search_finds_them() {
        let naive = |b: &[u8]| b.iter().position(|&c| is_binary(c));
        for len in 0..20 {
            for at in 0..len {
                for filler in [b'a', b'\n', 0x1b, 0x9f, 0xff, b' '] {
                    for odd in [
                        0u8, 0x01, 0x08, 0x0b, 0x1f, b'\n', b'\t', 0x0c, 0x1b, 0x20, 0x80,
                    ] {
                        let mut bytes = vec![filler; len];
                        bytes[at] = odd;
                        assert_eq!(first_binary(&bytes), naive(&bytes), "{bytes:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn owned_bytes_decode_like_borrowed_ones() {
        for bytes in [
            &b"\xEF\xBB\xBF{\"a\": 1}\n"[..],
            b"vso.code\r\n",
            b"\xFF\xFEv\0s\0",
            b"v\0s\0o\0.\0",
            b"caf\xC3\xA9",
            b"caf\xC3",
            b"a\x01b",
            b"",
        ] {
            assert_eq!(
                decode_owned(bytes.to_vec()),
                decode_bytes(bytes),
                "{bytes:?}"
            );
        }
        assert_eq!(decode_bytes(b"caf\xC3"), Err(DecodeError::Binary { at: 3 }));
        assert_eq!(decode_bytes(b"ab\x01"), Err(DecodeError::Binary { at: 2 }));
    }

    #[test]
    fn decodes_utf16_and_boms() {
        let mut le = vec![0xFF, 0xFE];
        for u in "vso.code".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode_bytes(&le).as_deref(), Ok("vso.code"));
        let no_bom: Vec<u8> = "vso.code"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(decode_bytes(&no_bom).as_deref(), Ok("vso.code"));
        assert_eq!(decode_bytes(b"\xEF\xBB\xBFabc").as_deref(), Ok("abc"));
        assert!(matches!(
            decode_bytes(b"\x89PNG\r\n\x1a\n\0\0"),
            Err(DecodeError::Binary { .. })
        ));
    }

    #[test]
    fn ansi_codes_become_spaces_of_the_same_length() {
        let input = "\u{1b}[32mvso.code\u{1b}[0m";
        let cleaned = clean_text(input);
        assert_eq!(cleaned.len(), input.len());
        assert_eq!(cleaned.trim(), "vso.code");
    }

    #[test]
    fn skips_prompts() {
        let text = "$ curl -I https://api.bitbucket.org/2.0/user\nHTTP/2 200\n";
        assert_eq!(&text[skip_leading_commands(text)..], "HTTP/2 200\n");
        assert!(is_command_line("user@host:~$ az devops user show"));
        assert!(!is_command_line("Code: Read & write"));
    }

    #[test]
    fn skipping_reads_only_the_head_of_a_long_line_and_agrees_with_a_full_scan() {
        // What it did before it stopped scanning long lines to their end.
        fn reference(text: &str) -> usize {
            let mut offset = 0;
            for (start, line) in crate::source::lines_with_offsets(text) {
                if line.trim().is_empty() || is_command_line(line) {
                    offset = (start + line.len() + 1).min(text.len());
                    continue;
                }
                return start;
            }
            offset
        }
        let long = format!("{{\"value\":[{}]}}", "1,".repeat(5000));
        let cases = [
            String::new(),
            "\n".to_string(),
            "\r\n  \n".to_string(),
            "$ az devops x\n{}".to_string(),
            "$ az devops x\r\n\r\n{}\n".to_string(),
            long.clone(),
            format!("GET https://dev.azure.com/o/_apis/x\n{long}"),
            format!("{}\n$ az x", " ".repeat(3000)),
            format!("$ curl {}\n{{}}", "-H x ".repeat(1000)),
            format!("{}é\n{{}}", " ".repeat(2047)),
        ];
        for text in &cases {
            assert_eq!(skip_leading_commands(text), reference(text), "{text:.80}");
        }
    }
}
