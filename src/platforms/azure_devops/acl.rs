//! Azure DevOps ACLs: "with these ACLs, can this identity back up and restore?"
//!
//! The flow mirrors the scope side: an input's text → a reader in [`formats`] (REST
//! `accesscontrollists`, `az devops security permission list/show/update` JSON and table
//! output, `permissionevaluationbatch`, `TFSSecurity /acl`, access-denied messages and
//! namespace dumps) → an [`AclDocument`] with located evidence → [`judge`], which evaluates the
//! bits seed 000 names ([`requirements`]) with the algorithm of reference/azure-devops.md §4
//! ([`evaluate`]) and returns one report subject per identity.

pub mod collect;
pub mod default_groups;
pub mod evaluate;
pub mod explore;
pub mod formats;
pub mod groups;
pub mod identity;
mod judge;
pub mod locate;
mod namespace_data;
pub mod namespaces;
pub mod requirements;
pub mod tokens;

use crate::report::Severity;
use namespaces::Namespace;

/// Which format an [`AclDocument`] was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AclFormat {
    /// `GET _apis/accesscontrollists/{namespace}` JSON (`{count, value:[…]}`).
    RestAccessControlLists,
    /// `az devops security permission list` JSON (a bare list of ACLs).
    AzPermissionList,
    /// `az devops security permission show` / `update` JSON (ACEs with `resolvedPermissions`).
    AzPermissionShow,
    /// `az devops security permission … --output table`.
    AzTable,
    /// `_apis/securitynamespaces` or `az devops security permission namespace list/show` JSON.
    NamespaceDump,
    /// `POST _apis/security/permissionevaluationbatch` (request and response).
    PermissionEvaluation,
    /// `TFSSecurity /acl` text output.
    TfsSecurity,
    /// TF401027 / "needs the following permission(s)" messages, as text or REST error body.
    AccessDenied,
    /// Access control entries without their token (`POST _apis/accesscontrolentries`,
    /// `DELETE _apis/permissions`): nothing to judge.
    AccessControlEntries,
    /// An `_apis/identities` lookup: identities, no permission (with `queryMembership`, their
    /// group memberships).
    IdentityLookup,
    /// Graph memberships (`_apis/graph/memberships`, one or a list): member → group edges.
    GraphMemberships,
    /// Graph subjects: a subject lookup, `az devops security group membership list` (edges
    /// when its command line is pasted too), group and user lists, one group.
    GraphSubjects,
    /// User entitlements with their group assignments (`az devops user show/list`).
    UserEntitlements,
    /// A downloaded Permissions Report (`PermissionsReport_{id}.json`): effective permissions
    /// per identity and resource, as the service computed them.
    PermissionsReport,
    /// The file permcheck's collection script writes: every export of an account, in one file.
    Collection,
}

impl AclFormat {
    pub fn id(self) -> &'static str {
        match self {
            AclFormat::RestAccessControlLists => "azure-devops-acl-rest",
            AclFormat::AzPermissionList => "azure-devops-acl-az-list",
            AclFormat::AzPermissionShow => "azure-devops-acl-az-show",
            AclFormat::AzTable => "azure-devops-acl-az-table",
            AclFormat::NamespaceDump => "azure-devops-security-namespaces",
            AclFormat::PermissionEvaluation => "azure-devops-permission-evaluation",
            AclFormat::TfsSecurity => "azure-devops-tfssecurity-acl",
            AclFormat::AccessDenied => "azure-devops-access-denied",
            AclFormat::AccessControlEntries => "azure-devops-acl-entries",
            AclFormat::IdentityLookup => "azure-devops-identities",
            AclFormat::GraphMemberships => "azure-devops-graph-memberships",
            AclFormat::GraphSubjects => "azure-devops-graph-subjects",
            AclFormat::UserEntitlements => "azure-devops-user-entitlements-groups",
            AclFormat::PermissionsReport => "azure-devops-permissions-report",
            AclFormat::Collection => "permcheck-collection",
        }
    }

    /// What the page calls it.
    pub fn label(self) -> &'static str {
        match self {
            AclFormat::RestAccessControlLists => "REST accesscontrollists",
            AclFormat::AzPermissionList => "az devops security permission list",
            AclFormat::AzPermissionShow => "az devops security permission show",
            AclFormat::AzTable => "az devops security permission table",
            AclFormat::NamespaceDump => "security namespaces",
            AclFormat::PermissionEvaluation => "permissionevaluationbatch",
            AclFormat::TfsSecurity => "TFSSecurity /acl",
            AclFormat::AccessDenied => "access-denied message",
            AclFormat::AccessControlEntries => "access control entries",
            AclFormat::IdentityLookup => "identity lookup",
            AclFormat::GraphMemberships => "group memberships",
            AclFormat::GraphSubjects => "groups and users",
            AclFormat::UserEntitlements => "user entitlements (group assignments)",
            AclFormat::PermissionsReport => "Permissions Report",
            AclFormat::Collection => "permcheck collection",
        }
    }

    /// Every format, for looking one up by id (keep in step with the enum).
    pub const ALL: &'static [AclFormat] = &[
        AclFormat::RestAccessControlLists,
        AclFormat::AzPermissionList,
        AclFormat::AzPermissionShow,
        AclFormat::AzTable,
        AclFormat::NamespaceDump,
        AclFormat::PermissionEvaluation,
        AclFormat::TfsSecurity,
        AclFormat::AccessDenied,
        AclFormat::AccessControlEntries,
        AclFormat::IdentityLookup,
        AclFormat::GraphMemberships,
        AclFormat::GraphSubjects,
        AclFormat::UserEntitlements,
        AclFormat::PermissionsReport,
        AclFormat::Collection,
    ];
}

/// `extendedInfo` of an ACE: the server's own evaluation for that identity on that token.
/// Zero fields are left out of real responses; they read as 0.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Extended {
    pub effective_allow: u64,
    pub effective_deny: u64,
    pub inherited_allow: u64,
    pub inherited_deny: u64,
}

/// The az CLI's per-bit wording (`resolvedPermissions[].effectivePermission`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PermissionState {
    Allow,
    AllowInherited,
    Deny,
    DenyInherited,
    NotSet,
}

impl PermissionState {
    pub fn parse(text: &str) -> Option<Self> {
        let t = text.trim().to_ascii_lowercase();
        Some(match t.as_str() {
            "allow" => PermissionState::Allow,
            "allow (inherited)" | "allow (system)" => PermissionState::AllowInherited,
            "deny" => PermissionState::Deny,
            "deny (inherited)" | "deny (system)" => PermissionState::DenyInherited,
            "not set" => PermissionState::NotSet,
            _ => return None,
        })
    }
}

/// One bit as az `show`/`update` resolved it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub bit: u64,
    pub name: String,
    pub state: PermissionState,
}

/// One access control entry: an identity's explicit allow and deny bits on a token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ace {
    /// Shared: a big export names a few identities on every token.
    pub descriptor: std::rc::Rc<str>,
    pub allow: u64,
    pub deny: u64,
    /// Boxed: most exports have none, and an ACE is small without it.
    pub extended: Option<Box<Extended>>,
    pub resolved: Vec<Resolved>,
    /// Byte offset of the ACE in the input.
    pub at: usize,
}

/// One access control list: a token, its inheritance flag and its ACEs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acl {
    /// Namespace id (lower case), when the input says or the token shows it. Shared: an
    /// export's ACLs are mostly of one namespace.
    pub namespace: Option<std::rc::Rc<str>>,
    pub token: String,
    pub inherit: bool,
    pub aces: Vec<Ace>,
    pub at: usize,
}

/// One `permissionevaluationbatch` answer: does the caller have `permissions` on `token`?
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    pub namespace: String,
    pub token: String,
    pub permissions: u64,
    pub value: bool,
    pub at: usize,
}

/// An access-denied message: who lacked which permission, where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Denial {
    /// The namespace as the message names it (`Git`, `Identity`) or its id.
    pub namespace: String,
    pub identity: Option<String>,
    /// Permission names as written (`GenericContribute`, `Edit identity information`).
    pub permissions: Vec<String>,
    /// `permission bits required: N`, when given.
    pub bits: Option<u64>,
    pub token: Option<String>,
    /// The whole message line, for the report.
    pub message: String,
    pub at: usize,
}

/// Everything one input said about ACLs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AclDocument {
    format: AclFormat,
    /// The input's name, for the report's `sources` and `granted` (set with [`Self::set_source`]).
    pub source: String,
    /// The input text the offsets point into (shared with the parsed input it came from).
    pub text: std::rc::Rc<String>,
    pub acls: Vec<Acl>,
    pub namespaces: Vec<Namespace>,
    pub evaluations: Vec<Evaluation>,
    pub denials: Vec<Denial>,
    /// `--subject` of a leading az command (table outputs do not repeat it).
    pub subject_hint: Option<String>,
    /// `alwaysAllowAdministrators` of an evaluation batch.
    pub always_allow_administrators: Option<bool>,
    /// Identities an `_apis/identities` lookup named: they label the subjects of ACLs pasted
    /// with it, and give the graph descriptor az's `--subject` takes.
    pub identities: Vec<KnownIdentity>,
    /// Users and groups as Graph describes them (names, scopes, graph descriptors).
    pub subjects: Vec<GraphSubject>,
    /// Member → group edges (direct memberships).
    pub memberships: Vec<Membership>,
    /// Identities (as the input spells them) whose groups this input lists in full: the
    /// accounts it was exported for.
    pub asked: Vec<Asked>,
    /// Where the text's lines start, when the reader noted them as it read.
    pub lines: locate::LineIndex,
}

/// A user or a group as Graph (and the az CLI) describes it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GraphSubject {
    /// The subject descriptor (`vssgp.…`, `aadgp.…`, `aad.…`, `msa.…`).
    pub descriptor: String,
    pub kind: SubjectKind,
    /// `[Project]\Group`, or a user's sign-in name.
    pub principal_name: Option<String>,
    pub display_name: Option<String>,
    /// A group's scope (`vstfs:///Classification/TeamProject/{id}`), a user's tenant.
    pub domain: Option<String>,
    pub mail: Option<String>,
    /// `EveryoneApplicationGroup` marks Project Collection Valid Users.
    pub special: Option<String>,
    pub at: usize,
}

/// What a Graph subject is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SubjectKind {
    User,
    Group,
    #[default]
    Other,
}

/// A direct membership: `member` is in the group `container` (descriptors as the input
/// spells them: graph, identity, or an e-mail).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Membership {
    pub member: String,
    pub container: String,
    pub at: usize,
}

/// An identity whose groups an input lists in full.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asked {
    pub descriptor: String,
    pub at: usize,
}

/// An identity as `_apis/identities` returns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownIdentity {
    pub descriptor: String,
    /// `providerDisplayName`: a user's e-mail, a group's `[Project]\Name`.
    pub name: String,
    /// `subjectDescriptor`: the graph descriptor (`aad.…`, `vssgp.…`, `aadgp.…`).
    pub subject_descriptor: Option<String>,
    /// A group (`isContainer`).
    pub is_group: bool,
    /// `memberOf`: the groups it is in (identity descriptors), when the lookup asked for them.
    pub member_of: Vec<String>,
    /// `members`: a group's members (identity descriptors), when asked for.
    pub members: Vec<String>,
    /// The lookup asked for memberships (`queryMembership` other than `None`), so an empty
    /// `memberOf` means no group.
    pub memberships_listed: bool,
}

impl AclDocument {
    pub fn new(format: AclFormat, text: &str) -> Self {
        AclDocument {
            format,
            source: "paste".into(),
            text: std::rc::Rc::new(text.to_string()),
            acls: Vec::new(),
            namespaces: Vec::new(),
            evaluations: Vec::new(),
            denials: Vec::new(),
            subject_hint: None,
            always_allow_administrators: None,
            identities: Vec::new(),
            subjects: Vec::new(),
            memberships: Vec::new(),
            asked: Vec::new(),
            lines: Default::default(),
        }
    }

    /// Whether this input holds permissions to judge (ACLs, access-denied messages,
    /// evaluations), not only names or memberships.
    pub fn has_permissions(&self) -> bool {
        !self.acls.is_empty() || !self.denials.is_empty() || !self.evaluations.is_empty()
    }

    pub fn format_id(&self) -> &'static str {
        self.format.id()
    }

    pub fn format(&self) -> AclFormat {
        self.format
    }

    /// Name the input (`pats.json`, `paste`), for the report.
    pub fn set_source(&mut self, source: impl Into<String>) {
        self.source = source.into();
    }

    /// Identities (descriptors) with an ACE anywhere in this document, in input order.
    pub fn descriptors(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        // Shared descriptors (by address) seen, then case-folded ones: a big export's entries
        // share a few descriptors, so most take one integer lookup.
        let mut shared: std::collections::HashSet<
            usize,
            std::hash::BuildHasherDefault<evaluate::FxHasher>,
        > = std::collections::HashSet::default();
        let mut folded: std::collections::HashSet<String> = std::collections::HashSet::new();
        for ace in self.acls.iter().flat_map(|a| a.aces.iter()) {
            let address = std::rc::Rc::as_ptr(&ace.descriptor).cast::<u8>() as usize;
            if shared.insert(address) && folded.insert(ace.descriptor.trim().to_ascii_lowercase()) {
                out.push(ace.descriptor.to_string());
            }
        }
        out
    }
}

/// A problem with an ACL input, at a byte offset of the whole input text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AclDiagnostic {
    pub severity: Severity,
    pub at: usize,
    pub message: String,
    pub help: Option<String>,
}

/// Recognise and read a JSON value (already parsed; `text` is the whole input, `at` the byte
/// offset where the JSON starts). `None` = not an ACL-family format.
pub fn read_json(
    value: &serde_json::Value,
    text: &str,
    at: usize,
) -> Option<(AclDocument, Vec<AclDiagnostic>)> {
    formats::json::read(value, text, at)
}

/// Recognise and read a text input (az table output, TFSSecurity, TF401027 /
/// "needs the following permission(s)" messages, with surrounding prose). `None` = not an
/// ACL-family format.
pub fn read_text(text: &str) -> Option<(AclDocument, Vec<AclDiagnostic>)> {
    formats::read_text(text)
}

/// [`read_text`] for exports only (not access-denied messages).
pub fn read_export_text(text: &str) -> Option<(AclDocument, Vec<AclDiagnostic>)> {
    formats::read_export_text(text)
}

/// Judge every ACL document together (namespace dumps extend the catalog first): one report
/// subject per identity.
pub fn judge(docs: &[&AclDocument], options: &crate::Options) -> Vec<crate::report::Subject> {
    judge::judge(docs, options)
}
