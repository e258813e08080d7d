//! The API changelog between two docs trees, as data: what `graphdoc diff --json` prints and the markdown is
//! rendered from. Every list is sorted; every change says whether it breaks the generated crate's semver.

use serde::Serialize;

/// Everything that changed between two resolved APIs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Changelog {
    pub operations_added: Vec<OperationRef>,
    pub operations_removed: Vec<OperationRef>,
    /// Per operation and permission kind: scopes added (required, an option, newly supported) and removed.
    pub permission_changes: Vec<PermissionChange>,
    /// Models and enums added, removed, and their properties or members added, removed, retyped.
    pub type_changes: Vec<TypeChange>,
    /// Addressing alternatives, statuses, headers, query parameters and bodies of operations in both trees.
    pub operation_changes: Vec<OperationChange>,
    /// Whether any change breaks code written against the old crate.
    pub breaking: bool,
    pub breaking_count: usize,
    pub suggested_bump: Bump,
}

impl Changelog {
    /// Every change, breaking or not, counted once.
    pub fn change_count(&self) -> usize {
        self.operations_added.len()
            + self.operations_removed.len()
            + self.permission_changes.len()
            + self.type_changes.len()
            + self.operation_changes.len()
    }

    /// True when the two APIs are the same.
    pub fn is_empty(&self) -> bool {
        self.change_count() == 0
    }

    /// Sorts every list and fills in `breaking`, `breaking_count` and `suggested_bump` from the changes.
    pub(crate) fn finish(&mut self) {
        self.operations_added.sort();
        self.operations_removed.sort();
        self.permission_changes.sort();
        self.type_changes.sort();
        self.operation_changes.sort();
        self.breaking_count = self.operations_removed.len()
            + self.permission_changes.iter().filter(|change| change.breaking).count()
            + self.type_changes.iter().filter(|change| change.breaking).count()
            + self.operation_changes.iter().filter(|change| change.breaking).count();
        self.breaking = self.breaking_count > 0;
        self.suggested_bump = if self.breaking {
            Bump::Major
        } else if self.is_empty() {
            Bump::Patch
        } else {
            Bump::Minor
        };
    }
}

/// The semver bump a release with these changes needs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bump {
    /// Nothing in the API changed (docs text may have).
    #[default]
    Patch,
    /// Only additions.
    Minor,
    /// At least one breaking change.
    Major,
}

impl Bump {
    /// `major`, `minor` or `patch`.
    pub fn as_str(self) -> &'static str {
        match self {
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }
}

/// An operation, named by its version, method, first path template and page.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct OperationRef {
    pub version: String,
    pub template: String,
    pub method: String,
    pub page: String,
}

/// How one permission kind of an operation changed for one scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PermissionChangeKind {
    /// No scope the kind listed before is listed any more, and this one is: apps must consent to it (breaking).
    Required,
    /// Another scope that also grants the call, listed before every scope kept (least privileged first).
    LessPrivilegedOption,
    /// Another scope that also grants the call.
    Option,
    /// The kind listed no scope (not supported) and now does.
    NewlySupported,
    /// A scope that granted the call no longer does: an app that holds only it loses access (breaking).
    Removed,
}

impl PermissionChangeKind {
    /// Whether apps that worked before may stop working.
    pub fn breaking(self) -> bool {
        matches!(self, PermissionChangeKind::Required | PermissionChangeKind::Removed)
    }
}

/// One scope of one permission kind of an operation, added or removed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct PermissionChange {
    pub version: String,
    pub template: String,
    pub method: String,
    pub page: String,
    /// `delegated_work`, `delegated_personal`, `application`, or `any` when one side lists scopes without kinds.
    pub kind: String,
    pub scope: String,
    pub change: PermissionChangeKind,
    pub breaking: bool,
}

/// How a model or an enum changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeChangeKind {
    TypeAdded,
    TypeRemoved,
    /// The Rust name of the type changed (a collision resolved differently).
    TypeRenamed,
    /// Breaking: models are exhaustive structs with public fields, so a struct literal without
    /// `..Default::default()` stops compiling (Rust's semver rules).
    PropertyAdded,
    PropertyRemoved,
    PropertyRetyped,
    /// Breaking: generated enums are exhaustive, and a value read as `Other` before is read as the new member.
    MemberAdded,
    MemberRemoved,
}

impl TypeChangeKind {
    /// Whether code written against the old crate may stop compiling or behave differently.
    pub fn breaking(self) -> bool {
        !matches!(self, TypeChangeKind::TypeAdded)
    }
}

/// A change of a model (from a resource page) or an enum.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct TypeChange {
    pub version: String,
    /// The type's name in the docs (`workbookSessionInfo`).
    pub type_name: String,
    pub change: TypeChangeKind,
    /// The property or member (wire name), if the change is about one.
    pub property: Option<String>,
    /// The old and new Rust type (or Rust name), when the change has them.
    pub old: Option<String>,
    pub new: Option<String>,
    pub page: String,
    pub breaking: bool,
}

/// How an operation in both trees changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OperationChangeKind {
    /// A new path template: a new constructor.
    AlternativeAdded,
    AlternativeRemoved,
    /// Breaking: the response enum is exhaustive.
    StatusAdded,
    StatusRemoved,
    StatusRetyped,
    HeaderAdded,
    HeaderRemoved,
    /// A header the docs now call required (the crate does not enforce it: not breaking for its semver).
    HeaderNowRequired,
    HeaderNowOptional,
    QueryParameterAdded,
    QueryParameterRemoved,
    /// The request body type changed (or appeared, or went).
    BodyRetyped,
}

impl OperationChangeKind {
    /// Whether code written against the old crate may stop compiling or behave differently.
    pub fn breaking(self) -> bool {
        use OperationChangeKind::*;
        matches!(
            self,
            AlternativeRemoved
                | StatusAdded
                | StatusRemoved
                | StatusRetyped
                | HeaderRemoved
                | QueryParameterRemoved
                | BodyRetyped
        )
    }
}

/// One change of an operation present in both trees.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct OperationChange {
    pub version: String,
    pub template: String,
    pub method: String,
    pub page: String,
    pub change: OperationChangeKind,
    /// What changed: the template, the status, the header or the query parameter.
    pub name: String,
    pub old: Option<String>,
    pub new: Option<String>,
    pub breaking: bool,
}
