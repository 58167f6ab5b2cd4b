//! Azure DevOps inputs for the page's example menu, the docs and the tests: real samples
//! (copied where their source allows it), seed lists restated as an admin would paste them, and
//! hand-made shapes where no real sample is public (see `tests/fixtures/*/README.md`).

use crate::examples::Example;

pub const EXAMPLES: &[Example] = &[
    Example {
        id: "ado-pat-labels",
        title: "Azure DevOps: PAT page labels (seed list)",
        source: "pat-labels.txt",
        text: include_str!("../../../tests/fixtures/seeds/azure-devops-pat-labels.txt"),
    },
    Example {
        id: "ado-read-only-scopes",
        title: "Azure DevOps: read-only scope ids",
        source: "scopes.txt",
        text: include_str!("../../../tests/fixtures/seeds/azure-devops-read-only.txt"),
    },
    Example {
        id: "ado-oauth-jwt",
        title: "Azure DevOps: OAuth access token (JWT, decoded locally)",
        source: "token.jwt",
        text: include_str!("../../../tests/fixtures/handmade/azure-devops-oauth.jwt"),
    },
    Example {
        id: "ado-pat-list",
        title: "Azure DevOps: _apis/tokens/pats response",
        source: "pats.json",
        text: include_str!("../../../tests/fixtures/handmade/azure-devops-pat-list.json"),
    },
    Example {
        id: "ado-entitlement",
        title: "Azure DevOps: user entitlement (Stakeholder)",
        source: "entitlement.json",
        text: include_str!("../../../tests/fixtures/handmade/azure-devops-entitlement-stakeholder.json"),
    },
    Example {
        id: "ado-acl-git",
        title: "Azure DevOps: Git repository ACLs (accesscontrollists)",
        source: "git-acls.json",
        text: include_str!("../../../tests/fixtures/azure-devops-acl/handmade-git-recurse.json"),
    },
    Example {
        id: "ado-acl-az-table",
        title: "Azure DevOps: az devops security permission (table output)",
        source: "az-permission.txt",
        text: include_str!(
            "../../../tests/fixtures/azure-devops-acl/az-devops-security-permission-table-outputs.txt"
        ),
    },
    Example {
        id: "ado-tf401027",
        title: "Azure DevOps: TF401027 error from a failed push",
        source: "push.log",
        text: include_str!("../../../tests/fixtures/azure-devops-acl/handmade-tf401027-push.txt"),
    },
];
