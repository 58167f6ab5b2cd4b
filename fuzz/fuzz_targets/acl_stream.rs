//! The fast ACL reader against the general one: whatever the fast reader accepts, the general
//! reader reads the same (documents, diagnostics, end offset). The corpus starts from the ACL
//! fixtures, so mutations stay near the shape the fast reader takes.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let Some(at) = text.find(['{', '[']) else {
        return;
    };
    let Some(mut fast) = permcheck::acl::formats::stream::read(text, at) else {
        return;
    };
    let mut stream =
        serde_json::Deserializer::from_str(&text[at..]).into_iter::<serde_json::Value>();
    let value = match stream.next() {
        Some(Ok(value)) => value,
        other => panic!("the fast reader accepted JSON serde_json rejects: {other:?}"),
    };
    let end = at + stream.byte_offset();
    let Some((doc, diagnostics)) = permcheck::acl::read_json(&value, text, at) else {
        panic!("the fast reader read an ACL list the general reader does not");
    };
    fast.doc.text = doc.text.clone();
    assert_eq!(fast.doc, doc);
    assert_eq!(fast.diagnostics, diagnostics);
    assert_eq!(fast.end, end);
});
