//! Invariants, as property tests: more grants never lower a verdict, the order of inputs never
//! changes the report, the same input always gives the same bytes, and no input panics.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests fail loudly"
)]
use permcheck::catalog::Vocabulary;
use permcheck::{check, Credential, Input, Options, Report, Verdict};
use proptest::prelude::*;

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

/// Judged with the credential pinned: evidence such as `user_impersonation` may change which
/// credential is inferred (PAT → OAuth, which has more requirements); the invariant is about
/// grants for one credential.
fn judge(scopes: &[&str], credential: Credential) -> Report {
    let options = Options {
        credential: Some(credential),
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

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn adding_an_azure_devops_scope_never_lowers_a_verdict((scopes, extra) in scopes_of(Vocabulary::AzureDevopsScope)) {
        let mut more = scopes.clone();
        more.push(extra);
        assert_not_lower(&judge(&scopes, Credential::Pat), &judge(&more, Credential::Pat))?;
    }

    #[test]
    fn adding_a_bitbucket_scope_never_lowers_a_verdict((scopes, extra) in scopes_of(Vocabulary::BitbucketLegacyScope)) {
        let mut more = scopes.clone();
        more.push(extra);
        assert_not_lower(&judge(&scopes, Credential::Token), &judge(&more, Credential::Token))?;
    }

    #[test]
    fn adding_an_api_token_scope_never_lowers_a_verdict((scopes, extra) in scopes_of(Vocabulary::BitbucketApiTokenScope)) {
        let mut more = scopes.clone();
        more.push(extra);
        assert_not_lower(&judge(&scopes, Credential::ApiToken), &judge(&more, Credential::ApiToken))?;
    }

    #[test]
    fn input_order_does_not_change_the_report(picks in proptest::collection::vec(0..permcheck::examples::EXAMPLES.len(), 1..5), seed in any::<u64>()) {
        let inputs: Vec<Input> = picks.iter().enumerate().map(|(i, &p)| {
            let e = &permcheck::examples::EXAMPLES[p];
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
    fn mangled_samples_never_panic_and_errors_are_located(pick in 0..permcheck::examples::EXAMPLES.len(), cut in any::<proptest::sample::Index>(), junk in "[{}\\[\\]\",:a-z0-9 \\n]{0,20}") {
        let text = permcheck::examples::EXAMPLES[pick].text;
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
}
