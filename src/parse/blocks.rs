//! One paste may hold several blocks: a scope list, a JSON document, `curl -i` headers and their
//! body, a JWT, prose. Each block's format is found first and the block is read as that format;
//! the evaluator then judges blocks that belong to one account together, as it does separate
//! inputs.

use serde::de::IgnoredAny;

/// A byte range of an input's text holding one format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    pub start: usize,
    pub end: usize,
    pub kind: BlockKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// One JSON document (it may be cut off: then it runs to the end of the input).
    Json,
    /// Lines: scope lists, labels, headers, command lines, messages.
    Text,
}

/// Split `text` from byte `from` into blocks. A line that starts a JSON object or array (after
/// any indentation) starts a JSON block that ends where the document ends; everything else is
/// text. An array of plain strings is a scope list and stays text.
pub fn split(text: &str, from: usize) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut text_start: Option<usize> = None;
    let mut at = from.min(text.len());
    while at < text.len() {
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
        let line = &text[at..line_end];
        let indent = line.len() - line.trim_start().len();
        let json_at = at + indent;
        if let Some(end) = json_document_end(text, json_at) {
            if let Some(start) = text_start.take() {
                blocks.push(Block {
                    start,
                    end: at,
                    kind: BlockKind::Text,
                });
            }
            blocks.push(Block {
                start: json_at,
                end,
                kind: BlockKind::Json,
            });
            // The rest of the document's last line (a zsh `%`, a comma) joins the next block.
            at = end;
            continue;
        }
        text_start.get_or_insert(at);
        at = line_end;
    }
    if let Some(start) = text_start {
        blocks.push(Block {
            start,
            end: text.len(),
            kind: BlockKind::Text,
        });
    }
    blocks
}

/// Where the JSON document starting at `at` ends, if a JSON object or array (not a list of
/// plain strings) starts there. A document cut off part-way runs to the end of the text, so its
/// reader can say where it stops.
fn json_document_end(text: &str, at: usize) -> Option<usize> {
    let rest = text.get(at..)?;
    let first = rest.as_bytes().first()?;
    if *first != b'{' && *first != b'[' {
        return None;
    }
    let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<IgnoredAny>();
    match stream.next() {
        Some(Ok(_)) => {
            let end = at + stream.byte_offset();
            if *first == b'[' && is_string_list(&text[at..end]) {
                return None;
            }
            Some(end)
        }
        // Cut off: only when it clearly started as JSON (`{"`, `{` alone, `[{`, `[` alone).
        Some(Err(e)) if e.is_eof() && starts_like_json(rest) => Some(text.len()),
        // Too deep: a JSON document its reader refuses with the place.
        Some(Err(e)) if e.to_string().contains("recursion limit") => Some(text.len()),
        // Broken part-way (a trailing or a missing comma) in a format permcheck reads: still one
        // JSON document, which its reader refuses with the line; read as lines, its keys would
        // be judged as scopes and what the error hides (`"active": false`, a scope) would be
        // missed. Other broken JSON (a tool's settings, JSON with comments) stays text.
        // JSON shortened with `...` is read as lines (what it shows, saying what was left out).
        Some(Err(_))
            if starts_like_object(rest)
                && super::json::looks_like(&rest[..balanced_end(rest)]).is_some()
                && !rest[..balanced_end(rest)].lines().any(is_elision) =>
        {
            Some(at + balanced_end(rest))
        }
        _ => None,
    }
}

/// A line that stands for what someone left out of a JSON text (`...`, `…`, `// ...`).
pub fn is_elision(line: &str) -> bool {
    matches!(
        line.trim().trim_end_matches(','),
        "..." | "\u{2026}" | "[...]" | "// ..."
    )
}

/// `{"…` or `{` then a key on the next line; `[{` or `[` then an object on the next line.
fn starts_like_object(rest: &str) -> bool {
    let mut bytes = rest.bytes().filter(|b| !b.is_ascii_whitespace());
    matches!(
        (bytes.next(), bytes.next()),
        (Some(b'{'), Some(b'"' | b'}')) | (Some(b'['), Some(b'{'))
    )
}

/// The length of the bracketed text `rest` starts with (strings skipped), or all of it when
/// its brackets never close.
fn balanced_end(rest: &str) -> usize {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, b) in rest.bytes().enumerate() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                // A string never spans lines in JSON: a stray quote ends at the line.
                (false, b'\n') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
    }
    rest.len()
}

/// `["vso.code", "vso.work"]`: a scope list written as a JSON array.
fn is_string_list(json: &str) -> bool {
    serde_json::from_str::<Vec<String>>(json).is_ok()
}

fn starts_like_json(rest: &str) -> bool {
    let line = rest.lines().next().unwrap_or("").trim_end();
    let after = line[1..].trim_start();
    after.is_empty() || after.starts_with('"') || after.starts_with('{') || after.starts_with('[')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(BlockKind, &str)> {
        split(text, 0)
            .into_iter()
            .map(|b| (b.kind, text[b.start..b.end].trim()))
            .collect()
    }

    #[test]
    fn scopes_then_json_then_text() {
        let text = "vso.code vso.work\n\n{\n  \"accessLevel\": {\"accountLicenseType\": \"stakeholder\"}\n}\nmore text\n";
        let got = kinds(text);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[0], (BlockKind::Text, "vso.code vso.work"));
        assert_eq!(got[1].0, BlockKind::Json);
        assert!(got[1].1.ends_with('}'));
        assert_eq!(got[2], (BlockKind::Text, "more text"));
    }

    #[test]
    fn string_arrays_and_bracketed_prose_stay_text() {
        let got = kinds("[\"vso.code\", \"vso.build\"]\n[x] Code: Read\n[... truncated ...]\n");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, BlockKind::Text);
    }

    #[test]
    fn broken_json_is_one_block_to_its_closing_bracket() {
        let text = "{\n  \"scopes\": [\"read_api\"],\n  \"active\": false,\n}\nvso.code\n";
        let got = kinds(text);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].0, BlockKind::Json);
        assert!(got[0].1.ends_with('}'), "{got:?}");
        assert_eq!(got[1], (BlockKind::Text, "vso.code"));
        // A string list with a trailing comma is still a scope list, read as lines.
        let got = kinds("[\n  \"vso.code\",\n]\n");
        assert_eq!(got[0].0, BlockKind::Text);
    }

    #[test]
    fn cut_off_json_runs_to_the_end() {
        let text = "scopes: repo\n{\n  \"patTokens\": [\n    {\"scope\": \"vso.code\"";
        let got = kinds(text);
        assert_eq!(got[1].0, BlockKind::Json);
        assert!(got[1].1.ends_with("\"vso.code\""));
    }

    #[test]
    fn curl_bodies_with_zsh_marks() {
        let text = "$ curl https://h/api/v4/projects/2\n{\"message\":\"404 Project Not Found\"}%\n$ curl x\n{\"error\":\"insufficient_scope\"}%\n";
        let got = kinds(text);
        let json: Vec<_> = got.iter().filter(|(k, _)| *k == BlockKind::Json).collect();
        assert_eq!(json.len(), 2, "{got:?}");
    }
}
