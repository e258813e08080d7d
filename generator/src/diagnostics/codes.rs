//! The stable diagnostic codes. A code, once published, keeps its meaning; new codes are appended.
//!
//! What a severity means, for every code: an **error** says the generated code is wrong or missing something (a
//! page or operation not generated, `PERMISSIONS` generated empty for an API that needs some); a **warning** is a
//! docs defect the generator worked around (repaired, renamed, read another way, typed loosely); a **note** is
//! for information (a docs habit read as intended, something left untyped on purpose).

use super::Severity;
use serde::{Deserialize, Serialize};

macro_rules! codes {
    ($($variant:ident = $code:literal, $severity:ident, $summary:literal;)*) => {
        /// A stable diagnostic code, serialised as its text (`GD0101`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum Code {
            $(#[doc = $summary] #[serde(rename = $code)] $variant,)*
        }

        impl Code {
            /// Every code, in order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The code's text, e.g. `GD0101`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            /// The severity diagnostics with this code carry.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// One line saying what the code means.
            pub fn summary(self) -> &'static str {
                match self { $(Code::$variant => $summary,)* }
            }
        }
    };
}

codes! {
    InternalError = "GD0000", Error, "the parser failed on this page (a bug: please report it)";
    // Pages and front matter.
    UnreadableFile = "GD0001", Error, "a file could not be read as UTF-8 text";
    FrontMatterMalformed = "GD0002", Warning, "the YAML front matter is malformed";
    MissingTitle = "GD0003", Warning, "the page has no `# title` heading";
    UnclosedFence = "GD0004", Warning, "a code fence is never closed";
    PageKindMismatch = "GD0005", Note, "the front matter's doc_type contradicts what the page documents";
    // Annotations.
    AnnotationRepaired = "GD0101", Warning, "an annotation is not strict JSON and was repaired";
    AnnotationUnreadable = "GD0102", Warning, "an annotation could not be read even after repairs; its block is read by content";
    AnnotationUnknownKey = "GD0103", Warning, "an annotation has a key no tool knows";
    AnnotationUnknownBlockType = "GD0104", Warning, "an annotation has an unknown blockType";
    AnnotationWithoutBlock = "GD0105", Warning, "an annotation is not followed by the block it describes";
    AnnotationValueType = "GD0106", Note, "an annotation value has the wrong JSON type (e.g. \"true\" as a string)";
    AnnotationMismatch = "GD0107", Warning, "an annotation's blockType does not match the block's content";
    // API pages.
    NoHttpRequestSection = "GD0201", Error, "an API page has no \"HTTP request\" section";
    NoOperationPath = "GD0202", Error, "the \"HTTP request\" section lists no `METHOD /path` line";
    PathUnreadable = "GD0203", Warning, "a line of the \"HTTP request\" section is not a `METHOD /path`";
    PathTemplateOddity = "GD0204", Note, "a path template uses unusual syntax that was normalised";
    // Permissions.
    NoPermissions = "GD0301", Error, "an API page documents no permissions: its `PERMISSIONS` are generated empty";
    PermissionRowUnknown = "GD0302", Warning, "a permissions table row has a label that is not a permission type";
    PermissionScopeInvalid = "GD0303", Warning, "a permissions cell holds text that is not a scope";
    PermissionTableUnrecognised = "GD0304", Warning, "a table in the permissions section is not a permissions table";
    // Includes.
    IncludeNotFound = "GD0401", Error, "an [!INCLUDE] names a file that does not exist";
    IncludeCycle = "GD0402", Error, "an [!INCLUDE] includes itself, directly or not";
    IncludeOutsideRoot = "GD0403", Error, "an [!INCLUDE] path leaves the docs root";
    // Examples.
    RequestLineUnreadable = "GD0501", Warning, "a request block does not start with `METHOD url`";
    StatusLineUnreadable = "GD0502", Warning, "a response block does not start with `HTTP/1.1 status`";
    ResponseWithoutRequest = "GD0503", Warning, "a response has no request before it";
    BodyJsonRepaired = "GD0504", Note, "a JSON body is not strict JSON and was read leniently";
    BodyNotJson = "GD0505", Note, "a body that looks like JSON could not be read as JSON; kept as raw text";
    HeaderMalformed = "GD0506", Warning, "a header line has no `Name: value` form";
    RequestWithoutResponse = "GD0507", Note, "an example request has no response";
    RequestUrlOddity = "GD0508", Note, "an example request's URL has an unusual API version or host";
    ResponseFormatOnly = "GD0509", Note, "a response block shows the response format, not an example exchange";
    // Resource and enum pages.
    ResourceJsonUnreadable = "GD0601", Warning, "a resource's JSON representation could not be read";
    ResourceTableDisagrees = "GD0602", Warning, "a resource's property table and JSON representation disagree";
    ResourceWithoutRepresentation = "GD0603", Note, "a resource page has no JSON representation";
    EnumWithoutMembers = "GD0604", Warning, "an enum page has no members table";
    // Generation: examples checked against the types and paths they document.
    ExampleUnknownProperty = "GD0701", Warning, "an example body has a property its documented type does not have";
    ExampleValueType = "GD0702", Warning, "an example value has another JSON type than its property documents";
    ExamplePathUnmatched = "GD0703", Warning, "an example URL matches no path template of its page, or only with a prefix";
    ExampleStatusUndocumented = "GD0704", Warning, "an example response status is not named in the Response section";
    OperationSkipped = "GD0705", Note, "an API page yields no operation to generate";
    ExampleNotGraphCall = "GD0706", Note, "an example request goes to another host (a notification to the app, an upload URL), not to Graph";
    ExampleCountMissing = "GD0707", Warning, "a documented `/$count` response has no number in its body";
    ResponseUntyped = "GD0720", Note, "a response body is JSON but the docs name its type nowhere; it is read as untyped JSON";
    BodyRowUnusable = "GD0721", Warning, "a request-body table row's name is no JSON member name; it is left out of the body";
    BodyRowUntyped = "GD0722", Note, "a request-body table row's type names no type the version documents; typed as JSON";
    ExampleWrappedEntity = "GD0723", Warning, "an example response wraps a single entity in `{\"value\": {...}}`; it is replayed unwrapped";
    BodyInferredUntyped = "GD0724", Note, "a request body is known only from the examples, and some of its members stay untyped JSON";
    ExampleTypeUnread = "GD0725", Note, "an example response's members stay untyped: their objects are of types (by `@odata.type` or a cast) the response type does not read them as, or of types the docs name nowhere";
    ExampleFieldAdded = "GD0726", Warning, "an example response has a property its type's page does not list; the model gets a field typed from the examples";
    // The docs tree on disk: entries the walk refuses to read.
    FileNameUnsafe = "GD0960", Error, "a file name holds a control character or line break (or is not UTF-8); the file was not read";
    FileSkipped = "GD0961", Warning, "a `.md` entry is not a regular file inside the docs root (a symbolic link leaving the root, a FIFO, a device); it was not read";
    FileTooLarge = "GD0962", Error, "a page is larger than the size cap; it was not read";
    // Limits on untrusted docs.
    IncludeBudgetExceeded = "GD0970", Warning, "a page's [!INCLUDE]s expand more files or bytes than one page may; the rest are not read";
    // Names: docs names that cannot be Rust or cargo names as they are.
    NameReserved = "GD0980", Warning, "a docs name is a keyword or a name the generated crate uses itself; renamed";
    NameCollision = "GD0981", Warning, "a docs name folds (case and punctuation aside) to a name given before; renamed";
    FeatureRenamed = "GD0982", Warning, "a workload area (`ms.prod`) is no usable cargo feature name; renamed";
    // Permissions the docs say are not needed (issue 14).
    PermissionsNotNeeded = "GD0995", Note, "an API page says no permission is needed to call it; its `PERMISSIONS` are empty";
    // Corpus fidelity (issue 15): scopes repaired, or refused, rather than cut short or dropped.
    ScopeSplitRejoined = "GD1500", Warning, "a scope written with a space after a dot (`Sites. Read.All`) was rejoined";
    ScopeSplitUnreadable = "GD1501", Warning, "a scope written with a space after a dot does not form a scope when rejoined; neither piece is kept";
    ScopeCaseRepaired = "GD1502", Warning, "a scope written in another casing (`Directory.accessasuser.all`) was read in the casing most pages use";
    ScopeCaseUnknown = "GD1503", Warning, "a scope-like name in another casing matches no scope the docs use; it is not kept";
    PathServiceRoot = "GD1504", Note, "a request line starts at the service root `~/`; the template starts at the next segment";
    ScopeFullWidthDot = "GD1505", Warning, "a scope written with a full-width full stop (`Bookings。Read.All`) was read with a dot";
    PermissionTableHeadless = "GD1506", Note, "a permissions table outside a Permissions section was recognised by its rows and read";
    PermissionSetUnmatched = "GD1507", Note, "a permissions table for some of the paths names no path the page lists; its scopes count for every path";
    TypeWordTranslated = "GD1508", Note, "a property's type is a translated word (`Booleano`); the JSON representation's type was taken";
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
