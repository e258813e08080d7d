//! Gives back the spare capacity of a parsed page's vectors.
//!
//! A page's vectors grow by pushing, and a vector's first growth reserves room for four elements: an operation
//! with one example keeps room for four. Over a docs tree that slack is a fifth of the IR, and every byte of it is
//! memory the parse must fault in. Shrinking each page once it is parsed hands the slack back while it is still
//! warm, for the next page to reuse.

use super::{Example, HttpPath, Operation, Page, Permissions, Property, Segment, TemplatePart};

impl Page {
    /// Drops the spare capacity of the page's vectors; the page's value is unchanged.
    pub fn shrink_to_fit(&mut self) {
        self.sections.shrink_to_fit();
        self.operations.shrink_to_fit();
        self.operations.iter_mut().for_each(Operation::shrink_to_fit);
        if let Some(resource) = &mut self.resource {
            resource.optional_properties.shrink_to_fit();
            properties(&mut resource.properties);
            properties(&mut resource.relationships);
        }
        if let Some(enum_type) = &mut self.enum_type {
            enum_type.members.shrink_to_fit();
            enum_type.grouped.shrink_to_fit();
        }
    }
}

impl Operation {
    fn shrink_to_fit(&mut self) {
        self.paths.shrink_to_fit();
        self.paths.iter_mut().for_each(HttpPath::shrink_to_fit);
        self.permissions.shrink_to_fit();
        self.request_headers.shrink_to_fit();
        self.path_parameters.shrink_to_fit();
        self.function_parameters.shrink_to_fit();
        self.optional_query_parameters.parameters.shrink_to_fit();
        self.optional_query_parameters.odata.shrink_to_fit();
        if let Some(body) = &mut self.request_body {
            body.types.shrink_to_fit();
            body.parameters.shrink_to_fit();
        }
        if let Some(response) = &mut self.response {
            response.types.shrink_to_fit();
            response.statuses.shrink_to_fit();
        }
        self.examples.shrink_to_fit();
        self.examples.iter_mut().for_each(Example::shrink_to_fit);
    }
}

impl HttpPath {
    fn shrink_to_fit(&mut self) {
        self.segments.shrink_to_fit();
        for segment in &mut self.segments {
            match segment {
                Segment::Param { names } => names.shrink_to_fit(),
                Segment::ItemPath { prefix, path } => {
                    parts(prefix);
                    parts(path);
                }
                Segment::Key { key, .. } => parts(key),
                Segment::Function { params, .. } => {
                    params.shrink_to_fit();
                    params.iter_mut().for_each(|(_, value)| parts(value));
                }
                Segment::Mixed { parts: mixed } => parts(mixed),
                Segment::Literal { .. } | Segment::Cast { .. } | Segment::System { .. } => {}
            }
        }
    }
}

impl Permissions {
    fn shrink_to_fit(&mut self) {
        self.delegated_work.shrink_to_fit();
        self.delegated_personal.shrink_to_fit();
        self.application.shrink_to_fit();
        self.unspecified.shrink_to_fit();
    }
}

impl Example {
    fn shrink_to_fit(&mut self) {
        self.request.headers.shrink_to_fit();
        self.more_responses.shrink_to_fit();
        for response in self.response.iter_mut().chain(&mut self.more_responses) {
            response.headers.shrink_to_fit();
        }
    }
}

fn properties(properties: &mut Vec<Property>) {
    properties.shrink_to_fit();
    properties.iter_mut().for_each(|property| property.enum_values.shrink_to_fit());
}

fn parts(parts: &mut Vec<TemplatePart>) {
    parts.shrink_to_fit();
    for part in parts {
        if let TemplatePart::Param(names) = part {
            names.shrink_to_fit();
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::parse::{parse_page, NoDocs};

    #[test]
    fn shrinking_keeps_the_page_and_drops_the_slack() {
        let source = include_str!("../../../spec/api-reference/beta/api/workbook-createsession.md");
        let (page, _) = parse_page("workbook-createsession.md", source, &NoDocs);
        let mut grown = page.clone();
        grown.operations.reserve(8);
        grown.operations[0].examples.reserve(8);
        grown.shrink_to_fit();
        assert_eq!(grown, page);
        assert_eq!(grown.operations.capacity(), grown.operations.len());
        assert_eq!(grown.operations[0].examples.capacity(), grown.operations[0].examples.len());
    }
}
