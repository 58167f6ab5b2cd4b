//! Invariants, as property tests: more grants never lower a verdict, a deny never raises one, the
//! order of inputs never changes the report, the same input always gives the same bytes, share
//! links round-trip, and no input panics.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests fail loudly"
)]
use permcheck::catalog::Vocabulary;
use permcheck::share::{self, Shared};
use permcheck::{check, Credential, Input, Options, Platform, Report, Verdict};
use proptest::prelude::*;
use serde_json::json;

/// How verdicts move as grants are added: a missing scope can only turn `impossible` into
/// `partial`, `unknown` or `possible`; an undecidable category keeps a verdict at `unknown`.
fn rank(v: Verdict) -> u8 {
    match v {
        Verdict::Impossible => 0,
        Verdict::Partial => 1,
        Verdict::Unknown => 2,
        Verdict::Possible => 3,
    }
}

fn vocabulary(id: &str) -> Vocabulary {
    Vocabulary::from_id(id).unwrap()
}

/// Every example of every platform.
fn examples() -> Vec<&'static permcheck::examples::Example> {
    permcheck::examples::all().collect()
}

fn ids(vocabulary: Vocabulary) -> Vec<&'static str> {
    vocabulary.scopes().iter().map(|s| s.id).collect()
}

fn scopes_of(vocabulary: Vocabulary) -> impl Strategy<Value = (Vec<&'static str>, &'static str)> {
    let all = ids(vocabulary);
    let n = all.len();
    (
        proptest::collection::vec(proptest::sample::select(all.clone()), 0..n),
        proptest::sample::select(all),
    )
}

/// Judged with the credential and the platform pinned: evidence such as `user_impersonation`
/// may change which credential is inferred (PAT → OAuth, which has more requirements), and an id
/// two platforms list (`project`, Bitbucket's and GitHub's) is a question until another id
/// settles it; the invariant is about grants for one credential of one platform.
fn judge(scopes: &[&str], credential: Credential, platform: Platform) -> Report {
    let options = Options {
        credential: Some(credential),
        platform: Some(platform),
        ..Options::default()
    };
    check(&[Input::new("paste", scopes.join(" "))], &options)
}

fn assert_not_lower(before: &Report, after: &Report) -> Result<(), TestCaseError> {
    if before.subjects.is_empty() {
        return Ok(());
    }
    prop_assert_eq!(before.subjects.len(), after.subjects.len());
    for (b, a) in before.subjects.iter().zip(&after.subjects) {
        prop_assert!(
            rank(a.backup.verdict) >= rank(b.backup.verdict),
            "backup {:?} -> {:?}",
            b.backup,
            a.backup
        );
        prop_assert!(
            rank(a.restore.verdict) >= rank(b.restore.verdict),
            "restore {:?} -> {:?}",
            b.restore,
            a.restore
        );
        for (cb, ca) in b.categories.iter().zip(&a.categories) {
            prop_assert!(rank(ca.backup) >= rank(cb.backup), "{} backup", cb.id);
            prop_assert!(rank(ca.restore) >= rank(cb.restore), "{} restore", cb.id);
        }
        prop_assert!(a.missing.len() <= b.missing.len() || b.missing.is_empty());
    }
    Ok(())
}

const USER: &str = "Microsoft.IdentityModel.Claims.ClaimsIdentity;72f988bf-86f1-41af-91ab-2d7cd011db47\\backup@contoso.com";
const GIT_TOKENS: [&str; 5] = [
    "repoV2",
    "repoV2/11111111-1111-1111-1111-111111111111",
    "repoV2/11111111-1111-1111-1111-111111111111/aaaaaaaa-0000-0000-0000-000000000001",
    "repoV2/11111111-1111-1111-1111-111111111111/aaaaaaaa-0000-0000-0000-000000000002",
    "repoV2/22222222-2222-2222-2222-222222222222/bbbbbbbb-0000-0000-0000-000000000003",
];
/// Git bits seed 000 names (Read, Contribute, Create branch, Create repository) and one it
/// does not (Force push).
const GIT_BITS: [u64; 5] = [2, 4, 16, 256, 8];

/// One ACL per Git token: (inherit, allow, deny) for USER.
fn git_acls() -> impl Strategy<Value = Vec<(bool, u64, u64)>> {
    let bits = || {
        proptest::sample::subsequence(GIT_BITS.to_vec(), 0..=GIT_BITS.len())
            .prop_map(|b| b.iter().fold(0u64, |m, x| m | x))
    };
    proptest::collection::vec((any::<bool>(), bits(), bits()), GIT_TOKENS.len())
}

fn git_export(acls: &[(bool, u64, u64)]) -> Report {
    let value: Vec<serde_json::Value> = GIT_TOKENS
        .iter()
        .zip(acls)
        .map(|(token, (inherit, allow, deny))| {
            json!({"inheritPermissions": inherit, "token": token, "acesDictionary": {
                USER: {"descriptor": USER, "allow": allow, "deny": deny}}})
        })
        .collect();
    let text = format!(
        "GET https://dev.azure.com/contoso/_apis/accesscontrollists/2e9eb7ed-3c0a-47d4-87c1-0ffdd275fd87?recurse=true\n{}",
        json!({"count": value.len(), "value": value})
    );
    check(&[Input::new("acls.json", text)], &Options::default())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn adding_an_azure_devops_scope_never_lowers_a_verdict((scopes, extra) in scopes_of(vocabulary("azure-devops-scope"))) {
        let mut more = scopes.clone();
        more.push(extra);
        assert_not_lower(&judge(&scopes, Credential::Pat, Platform::AzureDevopsServices), &judge(&more, Credential::Pat, Platform::AzureDevopsServices))?;
    }

    #[test]
    fn adding_a_bitbucket_scope_never_lowers_a_verdict((scopes, extra) in scopes_of(vocabulary("bitbucket-oauth-scope"))) {
        let mut more = scopes.clone();
        more.push(extra);
        assert_not_lower(&judge(&scopes, Credential::Token, Platform::BitbucketCloud), &judge(&more, Credential::Token, Platform::BitbucketCloud))?;
    }

    #[test]
    fn adding_an_api_token_scope_never_lowers_a_verdict((scopes, extra) in scopes_of(vocabulary("bitbucket-api-token-scope"))) {
        let mut more = scopes.clone();
        more.push(extra);
        assert_not_lower(&judge(&scopes, Credential::ApiToken, Platform::BitbucketCloud), &judge(&more, Credential::ApiToken, Platform::BitbucketCloud))?;
    }

    #[test]
    fn input_order_does_not_change_the_report(picks in proptest::collection::vec(0..examples().len(), 1..5), seed in any::<u64>()) {
        let inputs: Vec<Input> = picks.iter().enumerate().map(|(i, &p)| {
            let e = examples()[p];
            Input::new(format!("{i}-{}", e.source), e.text)
        }).collect();
        let mut shuffled = inputs.clone();
        // A deterministic shuffle from the seed.
        let len = shuffled.len();
        for i in (1..len).rev() {
            let j = (seed.wrapping_mul(6364136223846793005).wrapping_add(i as u64) % (i as u64 + 1)) as usize;
            shuffled.swap(i, j);
        }
        let a = check(&inputs, &Options::default()).to_json();
        let b = check(&shuffled, &Options::default()).to_json();
        prop_assert_eq!(a, b);
    }

    #[test]
    fn the_same_input_gives_byte_identical_json(text in "[ -~\\n]{0,200}") {
        let a = check(&[Input::new("paste", text.clone())], &Options::default()).to_json();
        let b = check(&[Input::new("paste", text)], &Options::default()).to_json();
        prop_assert_eq!(a, b);
    }

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        let report = check(&[Input::new("paste", text)], &Options::default());
        let _ = report.to_json();
    }

    #[test]
    fn mangled_samples_never_panic_and_errors_are_located(pick in 0..examples().len(), cut in any::<proptest::sample::Index>(), junk in "[{}\\[\\]\",:a-z0-9 \\n]{0,20}") {
        let text = examples()[pick].text;
        let mut at = cut.index(text.len() + 1);
        while !text.is_char_boundary(at) { at -= 1; }
        let mangled = format!("{}{}", &text[..at], junk);
        let lines = mangled.split('\n').count();
        let report = check(&[Input::new("paste", mangled)], &Options::default());
        for d in &report.diagnostics {
            prop_assert!(d.line >= 1 && d.line <= lines, "line {} of {}", d.line, lines);
            prop_assert!(d.column >= 1);
        }
    }

    /// Adding a Deny of any bit on any token never raises a verdict (ACLs, computed).
    #[test]
    fn adding_a_deny_never_raises_a_verdict(acls in git_acls(), at in 0..GIT_TOKENS.len(), bit in proptest::sample::select(GIT_BITS.to_vec())) {
        let before = git_export(&acls);
        let mut more = acls.clone();
        more[at].2 |= bit;
        let after = git_export(&more);
        // "After is not lower than before" read backwards: before is not lower than after.
        assert_not_lower(&after, &before)?;
    }

    /// Adding an Allow never lowers one (a Deny on the same token still wins).
    #[test]
    fn adding_an_acl_allow_never_lowers_a_verdict(acls in git_acls(), at in 0..GIT_TOKENS.len(), bit in proptest::sample::select(GIT_BITS.to_vec())) {
        let before = git_export(&acls);
        let mut more = acls.clone();
        more[at].1 |= bit;
        let after = git_export(&more);
        assert_not_lower(&before, &after)?;
    }

    /// A share link's payload and its base64url round-trip any text and overrides.
    #[test]
    fn share_links_round_trip(text in any::<String>(), platform in proptest::option::of(0..Platform::ALL.len()), credential in proptest::option::of(0..Credential::ALL.len()), bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let shared = Shared {
            text,
            platform: platform.map(|i| Platform::ALL[i]),
            credential: credential.map(|i| Credential::ALL[i]),
        };
        let json = share::encode(&shared);
        prop_assert_eq!(share::decode(json.as_bytes()), Ok(shared));
        let encoded = share::base64url(&bytes);
        prop_assert!(encoded.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        prop_assert_eq!(share::unbase64url(&encoded), Some(bytes));
    }
}

/// The ACL properties above are not vacuous: the generated exports do move the verdicts.
#[test]
fn generated_git_exports_reach_different_verdicts() {
    let all = GIT_BITS.iter().fold(0, |m, b| m | b);
    let allowed = git_export(&[(true, all, 0); 5]);
    let denied = git_export(&[(true, 0, all); 5]);
    let (a, d) = (&allowed.subjects[0], &denied.subjects[0]);
    assert_ne!(a.restore.verdict, d.restore.verdict);
    assert_eq!(d.restore.verdict, Verdict::Impossible);
    let repos = |s: &permcheck::report::Subject| {
        s.categories
            .iter()
            .find(|c| c.id == "repositories")
            .map(|c| (c.backup, c.restore))
    };
    assert_ne!(repos(a), repos(d));
}

/// The page reads the worker's report back from JSON: every example's report, and an ACL
/// export's explorer, round-trip exactly.
#[test]
fn reports_and_explorers_read_back_from_their_json() {
    for example in examples() {
        let report = check(
            &[Input::new(example.source, example.text)],
            &Options::default(),
        );
        assert_eq!(
            Report::from_json(&report.to_json()).as_ref(),
            Ok(&report),
            "{}",
            example.id
        );
    }
    let text = std::fs::read_to_string("tests/fixtures/azure-devops-acl/handmade-git-recurse.json")
        .unwrap();
    let session = permcheck::Session::new(&[Input::new("paste", text)], &Options::default());
    let report = session.report();
    assert!(!report.what_if.is_empty());
    assert_eq!(Report::from_json(&report.to_json()), Ok(report.clone()));
    let identity = report.subjects[0].identity.clone().unwrap();
    let explorer = session.explore(&identity, 100);
    assert!(!explorer.namespaces.is_empty());
    let json = serde_json::to_string(&explorer).unwrap();
    assert_eq!(
        permcheck::acl::explore::Explorer::from_json(&json),
        Ok(explorer)
    );
    assert!(Report::from_json("{\"schema\":1,\"subjects\":[{}]}")
        .unwrap_err()
        .contains("is missing"));
}

proptest! {
    /// Whatever was pasted, the report reads back from its JSON.
    #[test]
    fn any_report_reads_back_from_its_json(text in "[ -~\\n]{0,300}") {
        let report = check(&[Input::new("paste", text)], &Options::default());
        prop_assert_eq!(Report::from_json(&report.to_json()), Ok(report));
    }
}
