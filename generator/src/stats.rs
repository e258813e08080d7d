//! Conformance counts over a parsed tree: what `stats` prints and what the corpus checks assert on.

use crate::diagnostics::{Code, Severity};
use crate::ir::{Body, Ir, PageKind};
use crate::parse::permissions::looks_like_scope;
use serde::Serialize;
use std::collections::BTreeMap;

pub mod typing;
mod verbatim;

/// The counts `stats` reports.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Stats {
    pub pages: usize,
    pub api_pages: usize,
    pub resource_pages: usize,
    pub enum_pages: usize,
    pub other_pages: usize,
    /// API pages with at least one operation path (method and template).
    pub api_pages_with_path: usize,
    /// API pages without a path that have a GD0201/GD0202 diagnostic saying why.
    pub api_pages_without_path_explained: usize,
    pub operation_paths: usize,
    /// API pages with a non-empty permission set.
    pub api_pages_with_permissions: usize,
    pub scopes: usize,
    /// Scopes that do not look like a scope, with a few examples.
    pub invalid_scopes: usize,
    pub invalid_scope_examples: Vec<String>,
    /// Scopes the page's permission text (the page and its permission includes) does not show verbatim, and no
    /// repair diagnostic names: a scope cut short or glued. Measured by [`Stats::of_tree`] only (None otherwise).
    pub unverified_scopes: Option<usize>,
    pub unverified_scope_examples: Vec<String>,
    pub example_requests: usize,
    pub annotated_requests: usize,
    /// All example responses: `paired_responses + unpaired_responses`.
    pub example_responses: usize,
    /// Responses in examples: each example's first response and its `more_responses`.
    pub paired_responses: usize,
    /// Of `paired_responses`, those after an example's first response (`more_responses`).
    pub more_responses: usize,
    /// Responses reported without a request before them (GD0503).
    pub unpaired_responses: usize,
    /// Response blocks read as the response format, not as examples (GD0509): in no count above.
    pub response_format_blocks: usize,
    pub json_bodies: usize,
    pub raw_bodies: usize,
    /// Raw bodies that strict JSON would have read: must be zero.
    pub strict_json_kept_raw: usize,
    pub resources: usize,
    pub resource_properties: usize,
    pub enums: usize,
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    /// Diagnostic counts by code.
    pub diagnostics_by_code: BTreeMap<String, usize>,
    /// Pages whose parser panicked (caught and reported as GD0000): must be zero.
    pub panics: usize,
}

impl Stats {
    /// Counts over `ir`, parsed from `docs`, with the measures that read the pages' text again
    /// ([`Stats::unverified_scopes`]).
    pub fn of_tree(ir: &Ir, docs: &dyn crate::parse::Docs) -> Stats {
        let mut stats = Stats::of(ir);
        let (count, examples) = verbatim::unverified_scopes(ir, docs);
        stats.unverified_scopes = Some(count);
        stats.unverified_scope_examples = examples;
        stats
    }

    /// Counts over `ir`. Diagnostics are counted as `check` prints them: the parser's and the resolver's
    /// ([`crate::all_diagnostics`]).
    pub fn of(ir: &Ir) -> Stats {
        let mut stats = Stats { pages: ir.pages.len(), ..Stats::default() };
        let mut explained: std::collections::HashSet<&str> = std::collections::HashSet::new();
        let diagnostics = crate::all_diagnostics(ir);
        for diagnostic in &diagnostics {
            *stats.diagnostics_by_code.entry(diagnostic.code.as_str().to_owned()).or_default() += 1;
            match diagnostic.severity {
                Severity::Error => stats.errors += 1,
                Severity::Warning => stats.warnings += 1,
                Severity::Note => stats.notes += 1,
            }
            match diagnostic.code {
                Code::NoHttpRequestSection | Code::NoOperationPath => {
                    explained.insert(&diagnostic.file);
                }
                Code::ResponseWithoutRequest => stats.unpaired_responses += 1,
                Code::ResponseFormatOnly => stats.response_format_blocks += 1,
                Code::InternalError => stats.panics += 1,
                _ => {}
            }
        }
        for page in &ir.pages {
            match page.kind {
                PageKind::Api => stats.api_pages += 1,
                PageKind::Resource => stats.resource_pages += 1,
                PageKind::Enum => stats.enum_pages += 1,
                PageKind::Other => stats.other_pages += 1,
            }
            if page.kind == PageKind::Api {
                let paths: usize = page.operations.iter().map(|operation| operation.paths.len()).sum();
                stats.operation_paths += paths;
                if paths > 0 {
                    stats.api_pages_with_path += 1;
                } else if explained.contains(page.path.as_str()) {
                    stats.api_pages_without_path_explained += 1;
                }
                if page.operations.iter().any(|operation| !operation.permissions.is_empty()) {
                    stats.api_pages_with_permissions += 1;
                }
            }
            for operation in &page.operations {
                let permissions = &operation.permissions;
                for scope in permissions
                    .delegated_work
                    .iter()
                    .chain(&permissions.delegated_personal)
                    .chain(&permissions.application)
                    .chain(&permissions.unspecified)
                {
                    stats.scopes += 1;
                    if !looks_like_scope(scope) {
                        stats.invalid_scopes += 1;
                        if stats.invalid_scope_examples.len() < 20 {
                            stats.invalid_scope_examples.push(format!("{}: {scope}", page.path));
                        }
                    }
                }
                for example in &operation.examples {
                    stats.example_requests += 1;
                    stats.annotated_requests += usize::from(example.request.annotated);
                    stats.count_body(example.request.body.as_ref());
                    for response in example.response.iter().chain(&example.more_responses) {
                        stats.paired_responses += 1;
                        stats.count_body(response.body.as_ref());
                    }
                    stats.more_responses += example.more_responses.len();
                }
            }
            if let Some(resource) = &page.resource {
                stats.resources += 1;
                stats.resource_properties += resource.properties.len();
            }
            stats.enums += usize::from(page.enum_type.is_some());
        }
        stats.example_responses = stats.paired_responses + stats.unpaired_responses;
        stats
    }

    fn count_body(&mut self, body: Option<&Body>) {
        match body {
            Some(Body::Json(_)) => self.json_bodies += 1,
            Some(Body::Raw(text)) => {
                self.raw_bodies += 1;
                if serde_json::from_str::<serde_json::Value>(text).is_ok() {
                    self.strict_json_kept_raw += 1;
                }
            }
            None => {}
        }
    }

    /// Share of API pages with an operation path.
    pub fn path_ratio(&self) -> f64 {
        ratio(self.api_pages_with_path, self.api_pages)
    }

    /// Share of API pages with permissions.
    pub fn permission_ratio(&self) -> f64 {
        ratio(self.api_pages_with_permissions, self.api_pages)
    }

    /// Share of example responses paired with a request: paired / (paired + unpaired).
    pub fn pairing_ratio(&self) -> f64 {
        ratio(self.paired_responses, self.example_responses)
    }

    /// A human-readable report.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let mut line = |label: &str, value: String| out.push_str(&format!("{label:<44} {value}\n"));
        line("pages", self.pages.to_string());
        line(
            "  api / resource / enum / other",
            format!("{} / {} / {} / {}", self.api_pages, self.resource_pages, self.enum_pages, self.other_pages),
        );
        line("api pages with a path", format!("{} ({:.2}%)", self.api_pages_with_path, 100.0 * self.path_ratio()));
        line("  without a path, explained by a diagnostic", self.api_pages_without_path_explained.to_string());
        line("operation paths", self.operation_paths.to_string());
        line(
            "api pages with permissions",
            format!("{} ({:.2}%)", self.api_pages_with_permissions, 100.0 * self.permission_ratio()),
        );
        line("scopes / not scope-like", format!("{} / {}", self.scopes, self.invalid_scopes));
        if let Some(unverified) = self.unverified_scopes {
            line("scopes not verbatim in their page's text", unverified.to_string());
        }
        line("example requests (annotated)", format!("{} ({})", self.example_requests, self.annotated_requests));
        line(
            "responses paired / all",
            format!("{} / {} ({:.2}%)", self.paired_responses, self.example_responses, 100.0 * self.pairing_ratio()),
        );
        line(
            "  later responses / response-format blocks",
            format!("{} / {}", self.more_responses, self.response_format_blocks),
        );
        line(
            "bodies json / raw / strict json kept raw",
            format!("{} / {} / {}", self.json_bodies, self.raw_bodies, self.strict_json_kept_raw),
        );
        line(
            "resources (properties) / enums",
            format!("{} ({}) / {}", self.resources, self.resource_properties, self.enums),
        );
        line("diagnostics error / warning / note", format!("{} / {} / {}", self.errors, self.warnings, self.notes));
        line("panics", self.panics.to_string());
        for (code, count) in &self.diagnostics_by_code {
            let summary = Code::ALL.iter().find(|known| known.as_str() == code).map_or("", |known| known.summary());
            line(&format!("  {code}"), format!("{count:>6}  {summary}"));
        }
        for example in &self.invalid_scope_examples {
            line("  not a scope", example.clone());
        }
        for example in &self.unverified_scope_examples {
            line("  not verbatim", example.clone());
        }
        out
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{parse_page, NoDocs};

    #[test]
    fn every_response_counts_once_and_format_blocks_count_apart() {
        let source = "---\ndoc_type: apiPageType\n---\n# Get widget\n\n## HTTP request\n\n```http\nGET /widgets/{id}\n```\n\n\
                      ## Response\n\n```http\nHTTP/1.1 200 OK\n```\n\n## Examples\n\n```http\nHTTP/1.1 500 Oops\n```\n\
                      ```http\nGET /widgets/1\n```\n```http\nHTTP/1.1 200 OK\n```\n```http\nHTTP/1.1 404 Not Found\n```\n";
        let (page, diagnostics) = parse_page("api/widget-get.md", source, &NoDocs);
        let stats = Stats::of(&Ir { ir_version: 1, pages: vec![page], diagnostics });
        assert_eq!(stats.example_requests, 1);
        // Paired: the first response and the 404 after it; unpaired: the 500 before any request.
        assert_eq!((stats.paired_responses, stats.more_responses, stats.unpaired_responses), (2, 1, 1));
        assert_eq!(stats.example_responses, 3);
        assert_eq!(stats.response_format_blocks, 1);
        assert!((stats.pairing_ratio() - 2.0 / 3.0).abs() < 1e-9);
    }
}
