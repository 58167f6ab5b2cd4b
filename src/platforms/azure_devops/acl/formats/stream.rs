//! The fast path for big exports: a REST `accesscontrollists` response (`{count, value:[…]}`) or
//! `az devops security permission list` JSON (a bare list of ACLs) read straight from the text,
//! without building a `serde_json::Value` tree first, and with each offset taken where the value
//! is instead of searched for. An organization-wide export is tens of MB: this reader keeps it
//! to one pass and about two allocations per ACL (its token and its ACE list); each identity's
//! descriptor is decoded once and shared by every ACE that names it.
//!
//! It accepts only the plain shape those commands write. Anything else (an ACE with
//! `resolvedPermissions`, a field of an unexpected type, a duplicate key, an empty list, invalid
//! JSON) gives `None`, and the general reader in [`super::json`] reads the input instead, with its
//! diagnostics: the two agree on every input this one accepts (tested below).

use super::super::evaluate::FxHasher;
use super::json::{acl_namespace, MAX_FAST_DEPTH};
use super::{hints, Hints};
use crate::acl::namespaces::Catalog;
use crate::acl::{Ace, Acl, AclDiagnostic, AclDocument, AclFormat, Extended};
use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::rc::Rc;

/// What the fast path read: the document, its diagnostics and the offset just after the JSON.
pub struct FastRead {
    pub doc: AclDocument,
    pub diagnostics: Vec<AclDiagnostic>,
    pub end: usize,
}

/// Read the JSON value starting at byte `at` of `text` (the whole input), if it is an ACL list
/// in the plain shape. `None`: leave it to the general reader. The document's `text` is left
/// empty: the caller shares the input's own (a big export is not copied).
pub fn read(text: &str, at: usize) -> Option<FastRead> {
    read_hinted(text, at, &hints(text.get(..at).unwrap_or("")))
}

/// The line index of `text` for offsets inside the value the scanner read from `at`: the
/// lines before it (a request line, a prompt) counted here, the value's own from the scanner.
fn line_index(text: &str, at: usize, s: &Scanner<'_, '_>) -> crate::acl::locate::LineIndex {
    let before = text.get(..at).unwrap_or("");
    let mut starts = vec![0];
    starts.extend(before.match_indices('\n').map(|(i, _)| i + 1));
    starts.extend(s.newlines.iter().copied());
    let ascii = s.seen & 0x8080_8080_8080_8080 == 0 && before.is_ascii();
    crate::acl::locate::LineIndex::from_scan(text, starts, ascii, s.pos)
}

/// Where the value of the object member `key` starts (the last such member, as serde_json keeps
/// the last of duplicate keys), for the object at byte `at` of `text`. For the general reader,
/// which has no offsets of its own: a search would find the key's spelling anywhere before.
pub fn member_value_at(text: &str, at: usize, key: &str) -> Option<usize> {
    let hint = Hints::default();
    let mut s = Scanner::new(text, at, &hint);
    let mut found = None;
    s.object(&[], |s, _, name, _| {
        if name == key {
            s.skip_ws();
            found = Some(s.pos);
        }
        s.skip_value(1)
    })?;
    found
}

/// Where each element of the JSON array at byte `at` of `text` starts (`None` if it is not a
/// well-formed array within the fast reader's depth).
pub fn array_items(text: &str, at: usize) -> Option<Vec<usize>> {
    let hint = Hints::default();
    let mut s = Scanner::new(text, at, &hint);
    if s.peek()? != b'[' {
        return None;
    }
    let mut out = Vec::new();
    s.elements(|s| {
        s.skip_ws();
        out.push(s.pos);
        s.skip_value(1)
    })?;
    Some(out)
}

/// [`read`] with what the command line before the value says given (for exports inside
/// another document, such as the collection script's file).
pub fn read_hinted(text: &str, at: usize, hint: &Hints) -> Option<FastRead> {
    let mut s = Scanner::new(text, at, hint);
    let (acls, format) = match s.peek()? {
        b'{' => (s.response()?, AclFormat::RestAccessControlLists),
        b'[' => (s.acl_list()?, AclFormat::AzPermissionList),
        _ => return None,
    };
    let mut doc = AclDocument::new(format, "");
    doc.subject_hint = hint.subject.clone();
    doc.acls = acls;
    doc.lines = line_index(text, at, &s);
    Some(FastRead {
        doc,
        diagnostics: s.namespaces.diagnostics,
        end: s.pos,
    })
}

/// Where the parts of one ACL object are in the text (for the general reader, which has no
/// offsets of its own: a search could find a token or a descriptor spelled earlier).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct AclOutline {
    /// The opening quote of the `token` value (of the last `token` member, as serde_json keeps).
    pub token_at: Option<usize>,
    /// The `acesDictionary` object.
    pub aces_at: Option<usize>,
    /// Each `acesDictionary` key (decoded) and its opening quote; the last of duplicates.
    pub keys: HashMap<String, usize>,
}

/// The outline of each ACL of the JSON value at byte `at`: an ACL list (an outline per item),
/// or a single ACL object (one outline). `None` for JSON nested deeper than the fast reader
/// follows (the general reader then searches).
pub fn acl_outline(text: &str, at: usize) -> Option<Vec<AclOutline>> {
    let hint = Hints::default();
    let mut s = Scanner::new(text, at, &hint);
    match s.peek()? {
        b'[' => s.outline_list(),
        b'{' => Some(vec![s.outline_acl()?]),
        _ => None,
    }
}

/// Settles each ACL's namespace as it is read, as the general reader does.
struct Namespaces<'h> {
    hint: &'h Hints,
    catalog: &'static Catalog,
    diagnostics: Vec<AclDiagnostic>,
    /// A namespace problem was reported (once per input).
    reported: bool,
    /// The last namespace, shared by the ACLs that follow in it.
    last: Option<Rc<str>>,
}

impl Namespaces<'_> {
    fn of(&mut self, token: &str, token_at: usize) -> Option<Rc<str>> {
        let namespace = match (&self.hint.namespace, &self.last) {
            // The request line decides every ACL's namespace, and the first ACL reported
            // whatever there was to say of it.
            (Some(_), Some(shared)) => Some(shared.clone()),
            _ => acl_namespace(
                token,
                self.hint,
                || None,
                self.catalog,
                token_at,
                &mut self.reported,
                &mut self.diagnostics,
            )
            .map(|id| match &self.last {
                Some(shared) if **shared == *id => shared.clone(),
                _ => Rc::from(id),
            }),
        };
        self.last.clone_from(&namespace);
        namespace
    }
}

/// The first byte at or after `from` that ends a run of plain string content: a quote, a
/// backslash or a control character (`bytes.len()` if none). Eight bytes at a time: strings
/// (descriptors, tokens) are most of an export's bytes.
fn string_stop(bytes: &[u8], from: usize) -> usize {
    string_stop_seen(bytes, from, &mut 0)
}

/// [`string_stop`], OR-ing every byte it passes into `seen` (so a caller learns whether any
/// was not ASCII without another pass).
fn string_stop_seen(bytes: &[u8], from: usize, seen: &mut u64) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        *seen |= x;
        let quote = has_zero(x ^ (ONES * u64::from(b'"')));
        let backslash = has_zero(x ^ (ONES * u64::from(b'\\')));
        // A byte below 0x20 (the test is exact for bounds up to 0x80).
        let control = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
        if quote | backslash | control != 0 {
            break;
        }
        i += 8;
    }
    while let Some(&b) = bytes.get(i) {
        if matches!(b, b'"' | b'\\' | 0..=0x1f) {
            return i;
        }
        *seen |= u64::from(b);
        i += 1;
    }
    i
}

/// A string's spelling has no escapes but `\\` and `\"`.
fn simple_escapes(raw: &str) -> bool {
    let raw = raw.as_bytes();
    let mut i = 0;
    loop {
        // Jump from backslash to backslash (a descriptor has one, between tenant and e-mail).
        i = string_stop(raw, i);
        match raw.get(i) {
            None => return true,
            Some(b'\\') => {
                if !matches!(raw.get(i + 1), Some(b'\\' | b'"')) {
                    return false;
                }
                i += 2;
            }
            Some(_) => i += 1,
        }
    }
}

/// A cursor over the input. Every method returns `None` for "not the plain shape".
struct Scanner<'t, 'h> {
    text: &'t str,
    bytes: &'t [u8],
    pos: usize,
    /// Descriptors read so far, by their spelling in the input (escapes and all): each
    /// identity is decoded and allocated once, however many ACEs name it.
    descriptors: HashMap<&'t str, Rc<str>, BuildHasherDefault<FxHasher>>,
    /// The current `acesDictionary`'s keys as spelled (reused from ACL to ACL).
    keys: Vec<&'t str>,
    namespaces: Namespaces<'h>,
    /// The descriptors last looked up, by spelling, and the slot to replace next.
    recent: Vec<Recent<'t>>,
    next_recent: usize,
    /// Descriptors by [`spelling_slot`]: the last one seen in each slot.
    slots: Vec<Option<(&'t str, Rc<str>)>>,
    /// Where the lines inside the value start (after each newline of its white space).
    newlines: Vec<usize>,
    /// Every string byte read, OR-ed: its high bit says whether any was not ASCII.
    seen: u64,
}

/// How many slots [`Scanner::intern`] keeps.
const SLOTS: usize = 256;

/// A descriptor spelling's slot: its length and last 24 bytes, mixed (descriptors share long
/// prefixes; users' share their domain too, so eight bytes are not enough).
fn spelling_slot(raw: &str) -> usize {
    let bytes = raw.as_bytes();
    let mut h = (bytes.len() as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let tail = bytes.get(bytes.len().saturating_sub(24)..).unwrap_or(bytes);
    for chunk in tail.chunks(8) {
        let mut word = [0u8; 8];
        if let Some(dst) = word.get_mut(..chunk.len()) {
            dst.copy_from_slice(chunk);
        }
        h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    (h >> 56) as usize % SLOTS
}

/// How many descriptors [`Scanner::intern`] compares before hashing.
const RECENT: usize = 4;

/// A descriptor looked up lately: its spelling in the input and what it decodes to.
struct Recent<'t> {
    spelled: &'t str,
    descriptor: Rc<str>,
    /// The spelling's escapes are only `\\` and `\"` (see `located_string`).
    simple: bool,
}

/// `a == b`, comparing the ends first (descriptors share long prefixes and differ at the end),
/// then eight bytes at a time (the wasm build's `memcmp` compares one).
fn same(a: &str, b: &str) -> bool {
    same_bytes(a.as_bytes(), b.as_bytes())
}

fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len()
        || a.iter()
            .rev()
            .zip(b.iter().rev())
            .take(8)
            .any(|(x, y)| x != y)
    {
        return false;
    }
    let (mut x, mut y) = (a.chunks_exact(8), b.chunks_exact(8));
    for (p, q) in (&mut x).zip(&mut y) {
        let mut words = ([0u8; 8], [0u8; 8]);
        words.0.copy_from_slice(p);
        words.1.copy_from_slice(q);
        if u64::from_le_bytes(words.0) != u64::from_le_bytes(words.1) {
            return false;
        }
    }
    x.remainder() == y.remainder()
}

impl<'t, 'h> Scanner<'t, 'h> {
    fn new(text: &'t str, at: usize, hint: &'h Hints) -> Self {
        Scanner {
            text,
            bytes: text.as_bytes(),
            pos: at,
            descriptors: HashMap::default(),
            keys: Vec::new(),
            namespaces: Namespaces {
                hint,
                catalog: Catalog::shared(),
                diagnostics: Vec::new(),
                reported: false,
                last: None,
            },
            recent: Vec::with_capacity(RECENT),
            next_recent: 0,
            slots: Vec::new(),
            newlines: Vec::new(),
            seen: 0,
        }
    }

    #[inline]
    fn skip_ws(&mut self) {
        // Compact exports have none: one look.
        if matches!(self.bytes.get(self.pos), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.skip_ws_run();
        }
    }

    fn skip_ws_run(&mut self) {
        while let Some(&b) = self.bytes.get(self.pos) {
            match b {
                b' ' | b'\r' | b'\t' => {}
                // Inside JSON a newline can only be white space: every line of the value is
                // seen here, so its line index costs no pass of its own.
                b'\n' => self.newlines.push(self.pos + 1),
                _ => break,
            }
            self.pos += 1;
        }
    }

    /// The next significant byte, not consumed.
    fn peek(&mut self) -> Option<u8> {
        self.skip_ws();
        self.bytes.get(self.pos).copied()
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.pos += 1)
    }

    /// After an object's or array's item: `true` for `,` (another follows), `false` for `close`.
    fn next_or_close(&mut self, close: u8) -> Option<bool> {
        match self.peek()? {
            b',' => {
                self.pos += 1;
                Some(true)
            }
            b if b == close => {
                self.pos += 1;
                Some(false)
            }
            _ => None,
        }
    }

    /// A string value, borrowed from the input unless it has escapes.
    fn string(&mut self) -> Option<Cow<'t, str>> {
        if self.peek()? != b'"' {
            return None;
        }
        let start = self.pos + 1;
        let i = string_stop_seen(self.bytes, start, &mut self.seen);
        match *self.bytes.get(i)? {
            b'"' => {
                self.pos = i + 1;
                Some(Cow::Borrowed(self.text.get(start..i)?))
            }
            b'\\' => self.escaped_string(start, i).map(Cow::Owned),
            _ => None,
        }
    }

    /// The rest of a string from its first backslash at `i`, decoded.
    fn escaped_string(&mut self, start: usize, mut i: usize) -> Option<String> {
        let mut out = String::from(self.text.get(start..i)?);
        loop {
            match *self.bytes.get(i)? {
                b'"' => {
                    self.pos = i + 1;
                    return Some(out);
                }
                b'\\' => {
                    let escape = *self.bytes.get(i + 1)?;
                    i += 2;
                    match escape {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let high = self.hex4(i)?;
                            i += 4;
                            let code = if (0xD800..0xDC00).contains(&high) {
                                // A surrogate pair: the low half must follow at once.
                                if self.bytes.get(i..i + 2)? != b"\\u" {
                                    return None;
                                }
                                let low = self.hex4(i + 2)?;
                                if !(0xDC00..0xE000).contains(&low) {
                                    return None;
                                }
                                i += 6;
                                0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                            } else if (0xDC00..0xE000).contains(&high) {
                                return None;
                            } else {
                                high
                            };
                            out.push(char::from_u32(code)?);
                        }
                        _ => return None,
                    }
                }
                0..=0x1f => return None,
                _ => {
                    // Copy the run up to the next quote or backslash at once.
                    let end = string_stop_seen(self.bytes, i, &mut self.seen);
                    out.push_str(self.text.get(i..end)?);
                    i = end;
                }
            }
        }
    }

    /// A string whose offset the general reader finds by searching for its serde_json
    /// spelling: one with escapes other than `\\` and `\"` is spelled differently there, so it
    /// is left to that reader (so the two report the same offsets).
    fn located_string(&mut self) -> Option<(Cow<'t, str>, usize)> {
        self.skip_ws();
        let at = self.pos;
        let value = self.string()?;
        if let Cow::Owned(_) = value {
            if !simple_escapes(self.text.get(at + 1..self.pos - 1)?) {
                return None;
            }
        }
        Some((value, at))
    }

    /// A string as spelled in the input, between its quotes, unchecked beyond its control
    /// characters, and whether it has escapes.
    fn raw_string(&mut self) -> Option<(&'t str, bool)> {
        if self.peek()? != b'"' {
            return None;
        }
        let start = self.pos + 1;
        let mut i = start;
        let mut escaped = false;
        loop {
            i = string_stop_seen(self.bytes, i, &mut self.seen);
            match *self.bytes.get(i)? {
                b'"' => {
                    self.pos = i + 1;
                    return Some((self.text.get(start..i)?, escaped));
                }
                b'\\' => {
                    escaped = true;
                    i += 2;
                }
                _ => return None,
            }
        }
    }

    /// The string at the cursor, when it is spelled exactly as a recent descriptor: that
    /// entry, the cursor after the string. ACL after ACL names the same few identities, so most
    /// descriptors (keys and values) are recognised by one comparison instead of a scan for
    /// their end and then a comparison. Sound because a recent spelling was read as a whole
    /// string before: it holds no unescaped quote, no control byte and no unfinished escape, so
    /// the same bytes followed by a quote are the same string.
    fn recent_string(&mut self) -> Option<&Recent<'t>> {
        self.skip_ws();
        if self.bytes.get(self.pos) != Some(&b'"') {
            return None;
        }
        let start = self.pos + 1;
        let found = self.recent.iter().find(|r| {
            let end = start + r.spelled.len();
            self.bytes.get(end) == Some(&b'"')
                && self
                    .bytes
                    .get(start..end)
                    .is_some_and(|b| same_bytes(b, r.spelled.as_bytes()))
        })?;
        self.pos = start + found.spelled.len() + 1;
        Some(found)
    }

    /// Whether the string at the cursor is spelled exactly `spelled` (raw, as in the input);
    /// if so the cursor moves past it. Sound for a spelling read as a whole string before (see
    /// [`Self::recent_string`]).
    fn string_spelled(&mut self, spelled: &str) -> bool {
        self.skip_ws();
        let start = self.pos + 1;
        let end = start + spelled.len();
        let matches = self.bytes.get(self.pos) == Some(&b'"')
            && self.bytes.get(end) == Some(&b'"')
            && self
                .bytes
                .get(start..end)
                .is_some_and(|b| same_bytes(b, spelled.as_bytes()));
        if matches {
            self.pos = end + 1;
        }
        matches
    }

    /// A descriptor string, decoded once per spelling.
    fn descriptor(&mut self) -> Option<Rc<str>> {
        if let Some(known) = self.recent_string() {
            return Some(known.descriptor.clone());
        }
        let at = self.pos;
        let (raw, escaped) = self.raw_string()?;
        self.intern(raw, escaped, at)
    }

    /// The descriptor spelled `raw` (the string whose opening quote is at `at`).
    fn intern(&mut self, raw: &'t str, escaped: bool, at: usize) -> Option<Rc<str>> {
        // A slot picked by the spelling's length and last bytes (where descriptors differ):
        // one comparison for an identity seen before, however many the export names; then
        // the map.
        if self.slots.is_empty() {
            self.slots.resize(SLOTS, None);
        }
        let slot = spelling_slot(raw);
        if let Some(Some((spelled, known))) = self.slots.get(slot) {
            if same(spelled, raw) {
                let known = known.clone();
                self.remember(raw, &known);
                return Some(known);
            }
        }
        if let Some(found) = self.descriptors.get(raw) {
            let found = found.clone();
            if let Some(s) = self.slots.get_mut(slot) {
                *s = Some((raw, found.clone()));
            }
            self.remember(raw, &found);
            return Some(found);
        }
        let decoded: Rc<str> = if escaped {
            let end = self.pos;
            self.pos = at;
            let value = self.string();
            self.pos = end;
            value?.into()
        } else {
            raw.into()
        };
        self.descriptors.insert(raw, decoded.clone());
        if let Some(s) = self.slots.get_mut(slot) {
            *s = Some((raw, decoded.clone()));
        }
        self.remember(raw, &decoded);
        Some(decoded)
    }

    /// Keep `raw` among the [`RECENT`] descriptors last looked up (the oldest goes).
    fn remember(&mut self, raw: &'t str, descriptor: &Rc<str>) {
        let entry = Recent {
            spelled: raw,
            descriptor: descriptor.clone(),
            simple: simple_escapes(raw),
        };
        if self.recent.len() < RECENT {
            self.recent.push(entry);
        } else if let Some(slot) = self.recent.get_mut(self.next_recent) {
            *slot = entry;
            self.next_recent = (self.next_recent + 1) % RECENT;
        }
    }

    fn hex4(&self, at: usize) -> Option<u32> {
        let digits = self.text.get(at..at + 4)?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        u32::from_str_radix(digits, 16).ok()
    }

    fn literal(&mut self, word: &[u8]) -> Option<()> {
        self.skip_ws();
        if self.bytes.get(self.pos..self.pos + word.len())? == word {
            self.pos += word.len();
            Some(())
        } else {
            None
        }
    }

    /// A JSON number in full (validated, not kept).
    fn skip_number(&mut self) -> Option<()> {
        self.skip_ws();
        let start = self.pos;
        let digits = |s: &mut Self| {
            let from = s.pos;
            while s.bytes.get(s.pos).is_some_and(u8::is_ascii_digit) {
                s.pos += 1;
            }
            (s.pos > from).then_some(())
        };
        if self.bytes.get(self.pos) == Some(&b'-') {
            self.pos += 1;
        }
        if self.bytes.get(self.pos) == Some(&b'0') {
            self.pos += 1;
        } else {
            digits(self)?;
        }
        if self.bytes.get(self.pos) == Some(&b'.') {
            self.pos += 1;
            digits(self)?;
        }
        if let Some(b'e' | b'E') = self.bytes.get(self.pos) {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.bytes.get(self.pos) {
                self.pos += 1;
            }
            digits(self)?;
        }
        // serde_json refuses a number whose value overflows an f64 ("number out of range");
        // near that bound its rounding may differ from Rust's, so leave those to it.
        let value: f64 = self.text.get(start..self.pos)?.parse().ok()?;
        (value.abs() < 1e300).then_some(())
    }

    /// Permission bits as the general reader takes them: an integer (a negative one as its
    /// two's complement, as the API writes bit 31 of a full mask), a string of digits, or null.
    fn bits(&mut self) -> Option<u64> {
        match self.peek()? {
            b'n' => self.literal(b"null").map(|()| 0),
            b'"' => self.string()?.trim().parse().ok(),
            b'-' => {
                self.pos += 1;
                let magnitude = self.unsigned()?;
                // serde_json reads `-0` as a float, which is not bits.
                if magnitude == 0 || magnitude > 1 << 63 {
                    return None;
                }
                Some((magnitude as i64).wrapping_neg() as u64)
            }
            _ => self.unsigned(),
        }
    }

    /// An unsigned integer literal; a fraction, an exponent or more than 64 bits is not bits.
    fn unsigned(&mut self) -> Option<u64> {
        let start = self.pos;
        let mut value: u64 = 0;
        while let Some(d) = self.bytes.get(self.pos).filter(|b| b.is_ascii_digit()) {
            value = value.checked_mul(10)?.checked_add(u64::from(d - b'0'))?;
            self.pos += 1;
        }
        let len = self.pos - start;
        if len == 0 || (len > 1 && self.bytes.get(start) == Some(&b'0')) {
            return None;
        }
        match self.bytes.get(self.pos) {
            Some(b'.' | b'e' | b'E') => None,
            _ => Some(value),
        }
    }

    /// Any JSON value, validated and skipped.
    fn skip_value(&mut self, depth: usize) -> Option<()> {
        if depth > MAX_FAST_DEPTH {
            return None;
        }
        match self.peek()? {
            b'"' => self.string().map(drop),
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'n' => self.literal(b"null"),
            b'-' | b'0'..=b'9' => self.skip_number(),
            b'[' => self.elements(|s| s.skip_value(depth + 1)),
            b'{' => self.members(false, &[], |s, _, _, _| s.skip_value(depth + 1)),
            _ => None,
        }
    }

    /// Walk an object's members: `member(self, field, key, key_offset)` reads each value, where
    /// `field` is the key's place in `tracked` (matched once here, so readers match a number).
    /// `None` from it, a duplicate key among `tracked` or a malformed object ends the fast path.
    fn object(
        &mut self,
        tracked: &[&str],
        mut member: impl FnMut(&mut Self, Option<usize>, Cow<'t, str>, usize) -> Option<()>,
    ) -> Option<()> {
        let mut seen = 0u32;
        self.members(true, tracked, |s, field, key, key_at| {
            if let Some(i) = field {
                if seen & (1 << i) != 0 {
                    return None;
                }
                seen |= 1 << i;
            }
            member(s, field, key, key_at)
        })
    }

    /// Members of the object at the cursor, each as (its key's place in `tracked`, decoded key,
    /// key offset), its value read by `member` (which must consume it). `simple_keys`: keys
    /// must be `located_string`s.
    fn members(
        &mut self,
        simple_keys: bool,
        tracked: &[&str],
        mut member: impl FnMut(&mut Self, Option<usize>, Cow<'t, str>, usize) -> Option<()>,
    ) -> Option<()> {
        self.eat(b'{')?;
        if self.peek()? == b'}' {
            self.pos += 1;
            return Some(());
        }
        loop {
            self.skip_ws();
            let key_at = self.pos;
            let (field, key) = match self.tracked_key(tracked) {
                Some(found) => found,
                None => {
                    let key = if simple_keys {
                        self.located_string()?.0
                    } else {
                        self.string()?
                    };
                    (tracked.iter().position(|t| *t == key), key)
                }
            };
            self.eat(b':')?;
            member(self, field, key, key_at)?;
            if !self.next_or_close(b'}')? {
                return Some(());
            }
        }
    }

    /// The key at the cursor when it is spelled exactly as one of `tracked` (no escapes): its
    /// place there and the key, the cursor after it. Exports spell their few keys plainly, so
    /// they are matched without a scan for the string's end.
    fn tracked_key(&mut self, tracked: &[&str]) -> Option<(Option<usize>, Cow<'t, str>)> {
        if self.bytes.get(self.pos) != Some(&b'"') {
            return None;
        }
        let start = self.pos + 1;
        let (field, end) = tracked.iter().enumerate().find_map(|(i, t)| {
            let end = start + t.len();
            (self.bytes.get(end) == Some(&b'"') && self.bytes.get(start..end) == Some(t.as_bytes()))
                .then_some((i, end))
        })?;
        let key = self.text.get(start..end)?;
        self.pos = end + 1;
        Some((Some(field), Cow::Borrowed(key)))
    }

    /// Items of the array at the cursor, each read by `item` (which must consume it).
    fn elements(&mut self, mut item: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.eat(b'[')?;
        if self.peek()? == b']' {
            self.pos += 1;
            return Some(());
        }
        loop {
            item(self)?;
            if !self.next_or_close(b']')? {
                return Some(());
            }
        }
    }

    /// [`acl_outline`] of the array at the cursor: an outline per item (empty for an item that
    /// is not an object).
    fn outline_list(&mut self) -> Option<Vec<AclOutline>> {
        let mut out = Vec::new();
        self.elements(|s| {
            if s.peek()? == b'{' {
                out.push(s.outline_acl()?);
                Some(())
            } else {
                out.push(AclOutline::default());
                s.skip_value(2)
            }
        })?;
        Some(out)
    }

    /// [`acl_outline`] of the ACL object at the cursor.
    fn outline_acl(&mut self) -> Option<AclOutline> {
        let mut outline = AclOutline::default();
        self.members(false, &[], |s, _, key, _| {
            s.skip_ws();
            match key.as_ref() {
                "token" => outline.token_at = Some(s.pos),
                "acesDictionary" if s.peek()? == b'{' => {
                    outline.aces_at = Some(s.pos);
                    outline.keys.clear();
                    return s.members(false, &[], |s, _, ace_key, ace_at| {
                        outline.keys.insert(ace_key.into_owned(), ace_at);
                        s.skip_value(4)
                    });
                }
                "acesDictionary" => {
                    outline.aces_at = Some(s.pos);
                    outline.keys.clear();
                }
                _ => {}
            }
            s.skip_value(2)
        })?;
        Some(outline)
    }

    /// `{…, "value": [ACL, …], …}`.
    fn response(&mut self) -> Option<Vec<Acl>> {
        let mut acls = None;
        self.object(&["value"], |s, field, _, _| {
            if field == Some(0) {
                acls = Some(s.acl_list()?);
                Some(())
            } else {
                s.skip_value(1)
            }
        })?;
        acls
    }

    /// `[ACL, …]`, at least one.
    fn acl_list(&mut self) -> Option<Vec<Acl>> {
        let mut acls = Vec::new();
        self.elements(|s| {
            acls.push(s.acl()?);
            Some(())
        })?;
        (!acls.is_empty()).then_some(acls)
    }

    /// `{"inheritPermissions": …, "token": …, "acesDictionary": {…}}`, in any order.
    fn acl(&mut self) -> Option<Acl> {
        let mut token = None;
        let mut inherit = true;
        let mut aces = None;
        self.object(
            &["token", "inheritPermissions", "acesDictionary"],
            |s, field, _, _| match field {
                // token
                Some(0) => {
                    token = Some(s.located_string()?);
                    Some(())
                }
                // inheritPermissions
                Some(1) => {
                    inherit = match s.peek()? {
                        b't' => s.literal(b"true").map(|()| true)?,
                        b'f' => s.literal(b"false").map(|()| false)?,
                        _ => return None,
                    };
                    Some(())
                }
                // acesDictionary
                Some(2) => {
                    aces = Some(s.aces()?);
                    Some(())
                }
                _ => s.skip_value(2),
            },
        )?;
        let (token, token_at) = token?;
        let aces = aces?;
        Some(Acl {
            namespace: self.namespaces.of(&token, token_at),
            token: token.into_owned(),
            inherit,
            aces,
            at: token_at,
        })
    }

    /// `{"<descriptor>": ACE, …}`.
    fn aces(&mut self) -> Option<Vec<Ace>> {
        self.eat(b'{')?;
        let mut aces: Vec<Ace> = Vec::new();
        if self.peek()? == b'}' {
            self.pos += 1;
            return Some(aces);
        }
        self.keys.clear();
        loop {
            self.skip_ws();
            let key_at = self.pos;
            // Only `\\` and `\"` (see `located_string`): then equal spellings are equal keys.
            let (key, known, escaped) = match self.recent_string() {
                Some(known) if !known.simple => return None,
                Some(known) => (known.spelled, Some(known.descriptor.clone()), false),
                None => {
                    let (key, escaped) = self.raw_string()?;
                    if escaped && !simple_escapes(key) {
                        return None;
                    }
                    (key, None, escaped)
                }
            };
            self.eat(b':')?;
            aces.push(self.ace(key, key_at, known, escaped)?);
            self.keys.push(key);
            if !self.next_or_close(b'}')? {
                break;
            }
        }
        // The general reader keeps the last of duplicate keys; leave such input to it.
        let keys = &mut self.keys;
        let duplicate = if keys.len() <= 8 {
            keys.iter()
                .enumerate()
                .any(|(i, k)| keys[i + 1..].iter().any(|other| same(k, other)))
        } else {
            keys.sort_unstable();
            keys.windows(2).any(|w| w[0] == w[1])
        };
        (!duplicate).then_some(aces)
    }

    /// `{"descriptor": …, "allow": n, "deny": n, "extendedInfo": {…}}`.
    /// `key` is the dictionary key as spelled (with simple escapes only), `known` the
    /// descriptor it spells when it was recognised already.
    /// `escaped`: the key's spelling has escapes (known from reading it).
    fn ace(
        &mut self,
        key: &'t str,
        at: usize,
        known: Option<Rc<str>>,
        escaped: bool,
    ) -> Option<Ace> {
        let mut descriptor: Option<Rc<str>> = None;
        let mut allow = 0;
        let mut deny = 0;
        let mut extended = None;
        self.object(
            &[
                "descriptor",
                "allow",
                "deny",
                "extendedInfo",
                "resolvedPermissions",
            ],
            |s, field, _, _| {
                match field {
                    // Spelled as its key, as exports write it: one comparison.
                    Some(0) => {
                        let at = s.pos;
                        descriptor = Some(if s.string_spelled(key) {
                            match &known {
                                Some(k) => k.clone(),
                                None => s.intern(key, escaped, at)?,
                            }
                        } else {
                            s.descriptor()?
                        })
                    }
                    Some(1) => allow = s.bits()?,
                    Some(2) => deny = s.bits()?,
                    // extendedInfo
                    Some(3) => {
                        extended = match s.peek()? {
                            b'n' => s.literal(b"null").map(|()| None)?,
                            _ => Some(s.extended()?),
                        }
                    }
                    // resolvedPermissions (az `show` output): its namespace is found from these,
                    // by the general reader.
                    Some(_) => return None,
                    _ => s.skip_value(4)?,
                }
                Some(())
            },
        )?;
        let descriptor = match (descriptor, known) {
            (Some(d), _) | (None, Some(d)) => d,
            (None, None) => self.intern(key, escaped, at)?,
        };
        Some(Ace {
            descriptor,
            allow,
            deny,
            extended: extended.map(Box::new),
            resolved: Vec::new(),
            at,
        })
    }

    /// `extendedInfo`: the server's effective and inherited bits (absent ones are 0).
    fn extended(&mut self) -> Option<Extended> {
        let mut ext = Extended::default();
        self.object(
            &[
                "effectiveAllow",
                "effectiveDeny",
                "inheritedAllow",
                "inheritedDeny",
            ],
            |s, field, _, _| {
                match field {
                    Some(0) => ext.effective_allow = s.bits()?,
                    Some(1) => ext.effective_deny = s.bits()?,
                    Some(2) => ext.inherited_allow = s.bits()?,
                    Some(3) => ext.inherited_deny = s.bits()?,
                    _ => s.skip_value(5)?,
                }
                Some(())
            },
        )?;
        Some(ext)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_escapes_are_only_backslash_and_quote() {
        let naive = |raw: &str| {
            let b = raw.as_bytes();
            let mut i = 0;
            while i < b.len() {
                if b[i] == b'\\' {
                    if !matches!(b.get(i + 1), Some(b'\\' | b'"')) {
                        return false;
                    }
                    i += 1;
                }
                i += 1;
            }
            true
        };
        for raw in [
            "",
            "a",
            r"\\",
            r#"\""#,
            r"\n",
            r"\",
            r"abc\\def",
            r"abcdefgh\\ijklmnop\u0041",
            r#"tenant\\user@x.com and \"quoted\""#,
            r"\\\",
            "é\\\\ü",
            "\u{1}\\\\",
        ] {
            assert_eq!(simple_escapes(raw), naive(raw), "{raw:?}");
        }
    }

    #[test]
    fn same_is_string_equality() {
        let words = [
            "",
            "a",
            "ab",
            "abcdefgh",
            "abcdefghi",
            "abcdefgh-abcdefgh-x",
            "é",
            "ê",
        ];
        for a in words {
            for b in words {
                assert_eq!(same(a, b), a == b, "{a:?} {b:?}");
            }
        }
        let long = "Microsoft.TeamFoundation.Identity;S-1-9-1551374245-1204400969-2402986413-1";
        for at in 0..long.len() {
            let mut other = long.as_bytes().to_vec();
            other[at] ^= 1;
            let other = String::from_utf8(other).unwrap();
            assert!(!same(long, &other), "differs at {at}");
            assert!(same(long, long));
        }
    }

    #[test]
    fn string_stop_finds_the_first_quote_backslash_or_control_byte() {
        let naive = |bytes: &[u8], from: usize| {
            (from..bytes.len())
                .find(|&i| matches!(bytes[i], b'"' | b'\\' | 0..=0x1f))
                .unwrap_or(bytes.len())
        };
        // Every special byte (and neighbours of each) at every position of a 40-byte run, with
        // plain ASCII and UTF-8 around it.
        let specials = [
            b'"', b'\\', 0u8, 0x1f, b'\n', 0x20, b'!', b'#', b'[', b']', 0x7f, 0x80, 0xc3, 0xff,
        ];
        for special in specials {
            for at in 0..40 {
                let mut bytes: Vec<u8> = "abcdefgh-é-0123456789-ABCDEFGH-ü-xyzxyzxyz"
                    .bytes()
                    .take(40)
                    .collect();
                bytes[at] = special;
                for from in 0..bytes.len() {
                    assert_eq!(
                        string_stop(&bytes, from),
                        naive(&bytes, from),
                        "byte {special:#x} at {at}, from {from}"
                    );
                }
            }
        }
        assert_eq!(string_stop(b"", 0), 0);
        assert_eq!(string_stop(b"abc", 5), 5);
    }

    /// What the general reader makes of the JSON at `at`.
    fn general(text: &str, at: usize) -> Option<(AclDocument, Vec<AclDiagnostic>, usize)> {
        let json = text.get(at..)?;
        let mut stream = serde_json::Deserializer::from_str(json).into_iter::<serde_json::Value>();
        let value = stream.next()?.ok()?;
        let end = at + stream.byte_offset();
        let (doc, diags) = crate::acl::read_json(&value, text, at)?;
        Some((doc, diags, end))
    }

    /// The fast path either declines or agrees with the general reader exactly.
    fn agrees(text: &str, at: usize) -> bool {
        match read(text, at) {
            None => true,
            Some(mut fast) => {
                fast.doc.text = std::rc::Rc::new(text.to_string());
                let Some((doc, diags, end)) = general(text, at) else {
                    panic!("the fast path read what the general reader rejects: {text:?}");
                };
                for (a, b) in fast.doc.acls.iter().zip(&doc.acls) {
                    assert_eq!(a, b, "ACLs differ");
                }
                assert_eq!(fast.doc, doc, "documents differ for {text:?}");
                assert_eq!(fast.diagnostics, diags, "diagnostics differ for {text:?}");
                assert_eq!(fast.end, end, "ends differ for {text:?}");
                false
            }
        }
    }

    const REST: &str = r#"GET https://dev.azure.com/contoso/_apis/accesscontrollists/2e9eb7ed-3c0a-47d4-87c1-0ffdd275fd87?recurse=true
{"count": 2, "value": [
 {"inheritPermissions": true, "token": "repoV2/p1", "acesDictionary": {
   "Microsoft.TeamFoundation.Identity;S-1-9-1": {"descriptor": "Microsoft.TeamFoundation.Identity;S-1-9-1", "allow": 16502, "deny": 0},
   "Microsoft.IdentityModel.Claims.ClaimsIdentity;t\\a@b.com": {"descriptor": "Microsoft.IdentityModel.Claims.ClaimsIdentity;t\\a@b.com", "allow": 2, "deny": -2147483648,
     "extendedInfo": {"effectiveAllow": 2, "inheritedAllow": "4", "effectiveDeny": null}}}},
 {"acesDictionary": {"x;y": {"descriptor": "x;\u00e9\ud83d\ude00", "allow": 0, "deny": 4, "note": [1, {"a": -0.5e+3}]}}, "token": "repoV2/p1/r2/refs/heads/6d00610069006e00", "inheritPermissions": false}
]}
"#;

    fn json_start(text: &str) -> usize {
        text.find(['{', '[']).unwrap_or(0)
    }

    /// Found by the `acl_stream` fuzz target: a key before `value` spelled the same token, and
    /// the general reader's search found it there (a wrong line for the ACL).
    #[test]
    fn a_token_spelled_before_the_list_does_not_move_the_acl() {
        let text = r#"{"token": "$PROJECT:vstfs:///Classification/TeamProject/p1", "value": [
  {"inheritPermissions": true, "token": "$PROJECT:vstfs:///Classification/TeamProject/p1",
   "acesDictionary": {"x;y": {"descriptor": "x;y", "allow": 1, "deny": 0}}}]}"#;
        // `agrees` is false when the fast path read it (and agreed).
        assert!(!agrees(text, 0));
        let fast = read(text, 0).unwrap();
        assert_eq!(fast.doc.acls[0].at, text.rfind("\"$PROJECT").unwrap());
        assert_eq!(member_value_at(text, 0, "value"), text.find('['));
        assert_eq!(member_value_at(text, 0, "missing"), None);
    }

    /// Found by the `acl_stream` fuzz target: an ACE key starting with a multi-byte character
    /// left the general reader's cursor inside it, and every later ACL was placed there.
    #[test]
    fn a_multi_byte_key_does_not_lose_the_next_acl() {
        let text = r#"{"value": [
  {"token": "repoV2/p", "acesDictionary": {"ꀔx": {"descriptor": "ꀔx", "allow": 2, "deny": 0}}},
  {"token": "repoV2/p/r", "acesDictionary": {"y": {"descriptor": "y", "allow": 2, "deny": 0}}}]}"#;
        assert!(!agrees(text, 0));
        let fast = read(text, 0).unwrap();
        assert_eq!(fast.doc.acls[1].at, text.find("\"repoV2/p/r").unwrap());
    }

    /// Found by the `acl_stream` fuzz target: an ACE's descriptor spelled like a later ACE's
    /// key, and the general reader's search placed that later ACE at the descriptor. It now
    /// takes its offsets from [`acl_outline`].
    #[test]
    fn a_descriptor_spelled_like_a_later_key_does_not_move_that_ace() {
        let text = r#"[{"token": "repoV2/p", "acesDictionary": {
  "a": {"descriptor": "b", "allow": 2, "deny": 0},
  "b": {"descriptor": "b", "allow": 4, "deny": 0}}}]"#;
        assert!(!agrees(text, 0));
        let outline = acl_outline(text, 0).unwrap();
        assert_eq!(outline.len(), 1);
        assert_eq!(outline[0].token_at, text.find("\"repoV2"));
        assert_eq!(outline[0].aces_at, text.find("{\n"));
        assert_eq!(outline[0].keys.get("b").copied(), text.find("\"b\": {"));
        // Not an ACL list: an outline per item all the same, empty for what is not an object.
        let odd = acl_outline(r#"[1, {"token": "t"}, "x"]"#, 0).unwrap();
        assert_eq!(odd.len(), 3);
        assert_eq!(odd[1].token_at, Some(r#"[1, {"token": "#.len()));
        assert_eq!(acl_outline("true", 0), None);
    }

    /// Found by the `acl_stream` fuzz target: a number that overflows an f64, in a field the
    /// fast reader skips, is JSON serde_json refuses; the fast reader declines it too.
    #[test]
    fn a_number_out_of_range_is_declined() {
        let acl =
            |n: &str| format!(r#"[{{"token": "repoV2/p", "acesDictionary": {{}}, "note": {n}}}]"#);
        assert!(read(&acl("66e535"), 0).is_none());
        assert!(read(&acl("-1.8e308"), 0).is_none());
        assert!(read(&acl("1e299"), 0).is_some());
        assert!(read(&acl("-0.5e+3"), 0).is_some());
    }

    #[test]
    fn reads_a_rest_export_as_the_general_reader_does() {
        let at = json_start(REST);
        let fast = read(REST, at).expect("the plain shape takes the fast path");
        assert_eq!(fast.doc.acls.len(), 2);
        assert_eq!(&*fast.doc.acls[1].aces[0].descriptor, "x;\u{e9}\u{1f600}");
        assert_eq!(fast.doc.acls[0].aces[1].deny, (-2147483648i64) as u64);
        assert!(!agrees(REST, at), "compared with the general reader");
    }

    #[test]
    fn az_list_output_takes_the_fast_path() {
        let text = "$ az devops security permission list --id 2e9eb7ed-3c0a-47d4-87c1-0ffdd275fd87 --subject a@b.com\n[{\"acesDictionary\": {\"a\": {\"allow\": 1, \"deny\": 0}}, \"token\": \"repoV2\"}]";
        let at = json_start(text);
        assert!(read(text, at).is_some());
        assert!(!agrees(text, at));
    }

    #[test]
    fn declines_what_only_the_general_reader_reads() {
        for text in [
            r#"{"value": []}"#,
            r#"{"value": [{"token": "x"}]}"#,
            r#"{"value": [{"token": "x", "acesDictionary": {"a": {"allow": 1.5}}}]}"#,
            r#"{"value": [{"token": "x", "acesDictionary": {"a": {"allow": true}}}]}"#,
            r#"{"value": [{"token": "x", "token": "y", "acesDictionary": {}}]}"#,
            r#"{"value": [{"token": "x", "acesDictionary": {"a": {}, "a": {"allow": 1}}}]}"#,
            r#"{"value": [{"token": "x", "acesDictionary": {"a": {"resolvedPermissions": []}}}]}"#,
            r#"{"value": [{"token": "x", "acesDictionary": {"a": {"allow": 01}}}]}"#,
            r#"{"value": [{"token": "x", "acesDictionary": {"a": {"allow": 18446744073709551616}}}]}"#,
            r#"{"value": [{"token": "x\ud800", "acesDictionary": {}}]}"#,
            r#"{"value": [{"token": "x", "inheritPermissions": "no", "acesDictionary": {}}]}"#,
            r#"{"value": [{"token": "x", "acesDictionary": {}}], "value": []}"#,
            r#"{"value": [{"token": "x", "acesDictionary": {}},]}"#,
            r#"{"value": [{"token": "x", "acesDictionary": {}}"#,
            r#"{"count": 1}"#,
            r#""text""#,
        ] {
            assert!(read(text, 0).is_none(), "{text}");
        }
    }

    #[test]
    fn deep_nesting_is_left_to_the_general_reader() {
        let deep = format!(
            "{{\"value\": [{{\"token\": \"x\", \"acesDictionary\": {{}}, \"n\": {}1{}}}]}}",
            "[".repeat(200),
            "]".repeat(200)
        );
        assert!(read(&deep, 0).is_none());
    }

    #[test]
    fn agrees_with_the_general_reader_on_every_cut_and_mutation() {
        let at = json_start(REST);
        // Every prefix, and every single-byte replacement by a JSON-significant byte: the fast
        // path either declines or reads exactly what the general reader reads.
        for cut in (at..REST.len()).filter(|i| REST.is_char_boundary(*i)) {
            agrees(&REST[..cut], at);
        }
        for i in
            (at..REST.len()).filter(|i| REST.is_char_boundary(*i) && REST.is_char_boundary(*i + 1))
        {
            for b in [
                "\"", "\\", ",", ":", "{", "}", "[", "]", "0", "-", " ", "e", "n", "1",
            ] {
                let mut mutated = String::with_capacity(REST.len());
                mutated.push_str(&REST[..i]);
                mutated.push_str(b);
                mutated.push_str(&REST[i + 1..]);
                agrees(&mutated, at);
            }
        }
    }

    #[test]
    fn the_line_index_noted_while_reading_agrees_with_counting() {
        for text in [
            "GET https://dev.azure.com/o/_apis/accesscontrollists/2e9eb7ed-3c0a-47d4-87c1-0ffdd275fd87\n{\n  \"count\": 2,\n  \"value\": [\n    {\"inheritPermissions\": true, \"token\": \"repoV2/p\",\n     \"acesDictionary\": {\"a;Zoë\\\\é@x.com\": {\"descriptor\": \"a;Zoë\\\\é@x.com\", \"allow\": 2, \"deny\": 0}}},\r\n    {\"inheritPermissions\": false, \"token\": \"repoV2/p/r\", \"acesDictionary\": {\"b;1\": {\"descriptor\": \"b;1\", \"allow\": 0, \"deny\": 2}}}\n  ]\n}\ntrailing\n",
            "[{\"token\": \"repoV2/q\", \"acesDictionary\": {\"c;1\": {\"descriptor\": \"c;1\", \"allow\": 2, \"deny\": 0}}}]",
        ] {
            let at = json_start(text);
            let Some(fast) = read(text, at) else {
                panic!("not read fast: {text}")
            };
            let mut doc = fast.doc;
            doc.text = std::rc::Rc::new(text.to_string());
            let locators = crate::acl::locate::Locators::with_readers(&[&doc]);
            let mut offsets: Vec<usize> = doc.acls.iter().map(|a| a.at).collect();
            offsets.extend(doc.acls.iter().flat_map(|a| a.aces.iter().map(|e| e.at)));
            offsets.push(fast.end.saturating_sub(1));
            // Past the value, the index is not used (it does not cover the trailing text).
            offsets.push(text.len());
            for at in offsets {
                assert_eq!(
                    locators.line_col(&doc.text, at),
                    crate::source::line_col(text, at),
                    "at {at}"
                );
            }
        }
    }

    #[test]
    fn agrees_on_the_fixture_exports() {
        // The fixtures, and the real samples that stay in ../shared (fetched snapshots are
        // never copied into the repository) when it is there.
        let fixtures = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/azure-devops-acl"
        );
        let shared = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/reference/samples/azure-devops"
        );
        let with_shared = std::path::Path::new(shared).is_dir();
        if !with_shared {
            println!("{shared} is not here: only the fixtures are read");
        }
        let mut read_fast = 0;
        for dir in [fixtures, shared] {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.extension().is_some_and(|e| e == "json") {
                    let text = std::fs::read_to_string(&path).unwrap_or_default();
                    let at = json_start(&text);
                    if !agrees(&text, at) {
                        read_fast += 1;
                    }
                }
            }
        }
        let expected = if with_shared { 4 } else { 1 };
        assert!(
            read_fast >= expected,
            "the REST exports take the fast path ({read_fast})"
        );
    }
}
