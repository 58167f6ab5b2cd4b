//! Evidence: what the inputs say about a credential or an account, each item with the span of
//! text it came from. Parsers produce it; the evaluator consumes it; nothing here judges.

use crate::catalog::Vocabulary;
use crate::model::{Credential, Platform};
use crate::source::Span;

/// One scope (or scope-equivalent label) a credential was seen to carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeGrant {
    pub vocabulary: Vocabulary,
    /// The canonical scope id from the catalog.
    pub id: String,
    pub span: Span,
}

/// A scope name from a platform permcheck does not evaluate yet (GitHub, GitLab), kept so the
/// report can say what was seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForeignScope {
    pub platform: Platform,
    pub id: String,
    pub span: Span,
}

/// Which organizations an Azure DevOps PAT was created for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrgTargeting {
    /// `targetAccounts: null`: the PAT page's "All accessible organizations".
    AllAccessible,
    /// One or more organization ids.
    Specific(Vec<String>),
}

/// What an OAuth access token's claims say about the signed-in account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountKind {
    /// A Microsoft Entra ID (work or school) account.
    Organizational,
    /// A personal Microsoft account (MSA tenant 9188040d-…).
    Personal,
}

/// A statement the input makes that is not a grant but matters to the verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub kind: NoteKind,
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    /// `x-accepted-oauth-scopes`: what the endpoint accepts, not what the token has.
    EndpointAccepts,
    /// A 403 body's `required`: the scopes the failed call needed.
    CallRequired,
}

/// One credential: a token, a PAT, an OAuth grant, a consent screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialEvidence {
    /// A name if the input gives one (PAT display name, JWT upn).
    pub name: Option<String>,
    pub credential: Credential,
    /// Set when the input itself says which kind it is (header, JSON shape).
    pub credential_certain: bool,
    pub grants: Vec<ScopeGrant>,
    pub foreign: Vec<ForeignScope>,
    pub org_targeting: Option<OrgTargeting>,
    pub account_kind: Option<AccountKind>,
    /// The account the credential belongs to, when the input says (JWT upn, e-mail).
    pub principal: Option<String>,
    pub notes: Vec<Note>,
    pub span: Span,
}

impl CredentialEvidence {
    pub fn new(credential: Credential, span: Span) -> Self {
        CredentialEvidence {
            name: None,
            credential,
            credential_certain: false,
            grants: Vec::new(),
            foreign: Vec::new(),
            org_targeting: None,
            account_kind: None,
            principal: None,
            notes: Vec::new(),
            span,
        }
    }

    /// The platform its grants belong to; `None` when it carries none.
    pub fn platform(&self) -> Option<Platform> {
        self.grants
            .first()
            .map(|g| g.vocabulary.platform())
            .or_else(|| self.foreign.first().map(|f| f.platform))
    }
}

/// Azure DevOps access level (user entitlement `accessLevel`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessLevelEvidence {
    pub principal: Option<String>,
    pub account_license_type: String,
    pub msdn_license_type: Option<String>,
    pub display_name: Option<String>,
    pub status: Option<String>,
    pub span: Span,
}

impl AccessLevelEvidence {
    pub fn level(&self) -> AccessLevel {
        match self.account_license_type.to_ascii_lowercase().as_str() {
            "stakeholder" => AccessLevel::Stakeholder,
            "express" => AccessLevel::Basic,
            "advanced" => AccessLevel::BasicTestPlans,
            "earlyadopter" => AccessLevel::EarlyAdopter,
            "professional" => AccessLevel::Professional,
            "none" | "" => match self.msdn_license_type.as_deref() {
                Some(m) if !m.eq_ignore_ascii_case("none") => AccessLevel::VisualStudioSubscriber,
                _ => AccessLevel::None,
            },
            _ => AccessLevel::Other,
        }
    }

    pub fn describe(&self) -> String {
        let name = self
            .display_name
            .clone()
            .unwrap_or_else(|| self.level().name().to_string());
        format!("{name} (accountLicenseType {})", self.account_license_type)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessLevel {
    Stakeholder,
    Basic,
    BasicTestPlans,
    VisualStudioSubscriber,
    EarlyAdopter,
    Professional,
    None,
    Other,
}

impl AccessLevel {
    pub fn name(self) -> &'static str {
        match self {
            AccessLevel::Stakeholder => "Stakeholder",
            AccessLevel::Basic => "Basic",
            AccessLevel::BasicTestPlans => "Basic + Test Plans",
            AccessLevel::VisualStudioSubscriber => "Visual Studio Subscriber",
            AccessLevel::EarlyAdopter => "Early Adopter",
            AccessLevel::Professional => "Professional (legacy)",
            AccessLevel::None => "no access level",
            AccessLevel::Other => "an access level permcheck does not know",
        }
    }
}
