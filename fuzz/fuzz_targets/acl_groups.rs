//! The membership, Permissions Report and collection readers, and judging an account through
//! its groups: never a panic, every offset inside the input, and the judge runs over what they
//! read together with a fixed ACL export (so memberships meet entries). The corpus starts from
//! the ACL fixtures (the hand-made membership, report and collection files among them).
#![no_main]
use libfuzzer_sys::fuzz_target;
use permcheck::acl::{self, AclDocument};
use permcheck::Options;

const ACLS: &str = "{\"count\":2,\"value\":[{\"inheritPermissions\":true,\"token\":\"repoV2\",\"acesDictionary\":{\"Microsoft.TeamFoundation.Identity;S-1-9-1\":{\"descriptor\":\"Microsoft.TeamFoundation.Identity;S-1-9-1\",\"allow\":2,\"deny\":0}}},{\"inheritPermissions\":false,\"token\":\"repoV2/p/r\",\"acesDictionary\":{\"Microsoft.TeamFoundation.Identity;S-1-9-2\":{\"descriptor\":\"Microsoft.TeamFoundation.Identity;S-1-9-2\",\"allow\":0,\"deny\":2}}}]}";

fn inside(doc: &AclDocument, len: usize) {
    for m in &doc.memberships {
        assert!(m.at <= len, "membership at {} of {len}", m.at);
    }
    for s in &doc.subjects {
        assert!(s.at <= len, "subject at {} of {len}", s.at);
    }
    for a in &doc.acls {
        assert!(a.at <= len, "ACL at {} of {len}", a.at);
        for e in &a.aces {
            assert!(e.at <= len, "ACE at {} of {len}", e.at);
        }
    }
    for a in &doc.asked {
        assert!(a.at <= len);
    }
}

fuzz_target!(|text: &str| {
    let Some(at) = text.find(['{', '[']) else {
        return;
    };
    let mut stream =
        serde_json::Deserializer::from_str(&text[at..]).into_iter::<serde_json::Value>();
    let Some(Ok(value)) = stream.next() else {
        return;
    };
    let mut docs: Vec<AclDocument> = Vec::new();
    if let Some((doc, diagnostics)) = acl::read_json(&value, text, at) {
        for d in &diagnostics {
            assert!(d.at <= text.len(), "diagnostic at {} of {}", d.at, text.len());
        }
        inside(&doc, text.len());
        docs.push(doc);
    }
    if let Some((doc, diagnostics)) =
        acl::formats::graph::entitlement_groups(&value, text, at)
    {
        for d in &diagnostics {
            assert!(d.at <= text.len());
        }
        inside(&doc, text.len());
        docs.push(doc);
    }
    if docs.is_empty() {
        return;
    }
    let value: serde_json::Value = serde_json::from_str(ACLS).unwrap_or_default();
    if let Some((export, _)) = acl::read_json(&value, ACLS, 0) {
        docs.push(export);
    }
    let refs: Vec<&AclDocument> = docs.iter().collect();
    for subject in acl::judge(&refs, &Options::default()) {
        if let Some(identity) = &subject.identity {
            let _ = acl::explore::explore(&refs, identity, 50);
        }
    }
});
