//! API pages: the operation's paths, permissions, headers, parameters, body, response and error sections.

use super::ctx::{code_content_offset, Ctx};
use super::examples::parse_examples;
use super::include::find_includes;
use super::markdown::{BlockKind, Cell};
use super::path::{is_operation_line, parse_operation_line, parse_operation_line_noted, METHODS, SERVICE_ROOT_NOTE};
use super::permissions::parse_permissions;
use super::sections::Section;
use super::tables::{cell_text, column};
use super::text::{contains_ignore_ascii_case, contains_short, next_ascii_digit};
use crate::diagnostics::Code;
use crate::ir::{
    BodyDoc, ErrorHandling, HttpPath, Operation, Parameter, PathTemplate, QueryParameters, RequestHeader, ResponseDoc,
    TypeLink,
};
use compact_str::{format_compact, CompactString};
use std::fmt::Write as _;

/// A step of reading an operation.
pub type OperationStep = fn(&mut Ctx, &mut Operation);

/// The steps of reading the operation an API page documents (one per page, with all its addressing
/// alternatives), in order: `parse_page` runs them in turn for one page, and a batch of pages runs each over the
/// whole batch before the next (see `parse::batch`), which keeps each step's code in the instruction cache.
pub const OPERATION_STEPS: [OperationStep; 4] = [read_paths, read_permissions, read_described_sections, read_examples];

/// The addressing alternatives of the "HTTP request" section.
fn read_paths(ctx: &mut Ctx, operation: &mut Operation) {
    operation.paths = http_request_paths(ctx);
}

/// The scopes of every permissions section (or headless permissions table), merged; and each table's apart when
/// the page gives different ones for different paths.
fn read_permissions(ctx: &mut Ctx, operation: &mut Operation) {
    let mut permission_sections: Vec<Section> = ctx.sections_with("permissions").cloned().collect();
    if permission_sections.is_empty() {
        permission_sections = headless_permission_tables(ctx);
    }
    let mut tables = Vec::new();
    for section in &permission_sections {
        let (found, section_tables) = parse_permissions(ctx, section);
        tables.extend(section_tables);
        merge_scopes(&mut operation.permissions.delegated_work, found.delegated_work);
        merge_scopes(&mut operation.permissions.delegated_personal, found.delegated_personal);
        merge_scopes(&mut operation.permissions.application, found.application);
        merge_scopes(&mut operation.permissions.unspecified, found.unspecified);
        for mangled in found.case_mangled {
            if !operation.permissions.case_mangled.contains(&mangled) {
                operation.permissions.case_mangled.push(mangled);
            }
        }
    }
    operation.permission_sets = super::permission_sets::permission_sets(ctx, &operation.paths, tables);
    if operation.permissions.is_empty() {
        let offset = ctx.section("permissions").map_or(0, |section| ctx.blocks[section.heading].range.start);
        if super::permissions::says_none_needed(ctx, &permission_sections) {
            ctx.report(Code::PermissionsNotNeeded, offset, "the permissions section says no permission is needed");
        } else {
            ctx.report(Code::NoPermissions, offset, "expected a permissions table naming at least one scope");
        }
    }
}

/// Headers, parameters, the request body, the response and error handling, as the page describes them.
fn read_described_sections(ctx: &mut Ctx, operation: &mut Operation) {
    operation.request_headers = request_headers(ctx);
    operation.path_parameters = parameters_of(ctx, "path-parameters");
    operation.function_parameters = parameters_of(ctx, "function-parameters");
    operation.optional_query_parameters = QueryParameters {
        odata: ctx
            .sections_with("optional-query-parameters")
            .flat_map(|section| odata_options(&section_text(ctx, section)))
            .fold(Vec::new(), |mut all, option| {
                if !all.contains(&option) {
                    all.push(option);
                }
                all
            }),
        parameters: parameters_of(ctx, "optional-query-parameters"),
    };
    operation.request_body = ctx.section("request-body").map(|section| BodyDoc {
        text: section_text(ctx, section).into(),
        types: type_links(ctx, section),
        parameters: section_parameters(ctx, section),
    });
    operation.response = ctx.section("response").map(|section| {
        let text = section_text(ctx, section);
        ResponseDoc { statuses: status_codes(&text), types: type_links(ctx, section), text: text.into() }
    });
    operation.error_handling = ctx.section("error-handling").map(|section| {
        let text = section_text(ctx, section);
        ErrorHandling { statuses: status_codes(&text), text: text.into() }
    });
}

/// The example exchanges.
fn read_examples(ctx: &mut Ctx, operation: &mut Operation) {
    operation.examples = parse_examples(ctx);
}

/// A page without a permissions heading may still have its permissions table, anywhere on the page: each table
/// whose first header cell names the permission type, or whose rows (or columns) are labelled with permission kinds
/// and hold scopes, in any language, is read as a section of its own (and noted: no heading vouches for it).
fn headless_permission_tables(ctx: &mut Ctx) -> Vec<Section> {
    let found: Vec<usize> = (0..ctx.blocks.len())
        .filter(|&index| match &ctx.blocks[index].kind {
            BlockKind::Table { rows } => {
                let named = rows.first().and_then(|header| header.first()).is_some_and(|cell| {
                    let label = cell.text.to_lowercase();
                    label.contains("permission type") || label.contains("权限类型")
                });
                named || super::permissions::is_permission_table(rows)
            }
            _ => false,
        })
        .collect();
    for &index in &found {
        let offset = ctx.blocks[index].range.start;
        ctx.report(
            Code::PermissionTableHeadless,
            offset,
            "a permissions table with no Permissions heading; read by its rows",
        );
    }
    found
        .into_iter()
        .map(|index| Section { id: "permissions", level: 2, heading: index, body: index..index + 1 })
        .collect()
}

fn merge_scopes(into: &mut Vec<CompactString>, found: Vec<CompactString>) {
    for scope in found {
        if !into.contains(&scope) {
            into.push(scope);
        }
    }
}

/// The `METHOD /path` lines of the "HTTP request" section(s), from fences and from plain paragraphs. A page without
/// such a section may still list its paths in fences of their own elsewhere (under "HTTP request (to upload a new
/// file)", or under a task heading): those are read, and the missing section is still reported.
fn http_request_paths(ctx: &mut Ctx) -> Vec<HttpPath> {
    let sections: Vec<Section> = ctx.sections_with("http-request").cloned().collect();
    if sections.is_empty() {
        let listings = path_listing_fences(ctx);
        let mut reports = Vec::new();
        let paths = paths_in_blocks(ctx, &listings, &mut reports);
        for (code, offset, message) in reports {
            ctx.report(code, offset, message);
        }
        let message = match listings.first() {
            Some(&first) if !paths.is_empty() => format!(
                "expected a section with the anchor `http-request` or the heading \"HTTP request\"; read {} path(s) \
                 from fences listing only `METHOD /path` lines, the first at line {}",
                paths.len(),
                ctx.line_of(ctx.blocks[first].range.start)
            ),
            _ => "expected a section with the anchor `http-request` or the heading \"HTTP request\"".to_owned(),
        };
        ctx.report(Code::NoHttpRequestSection, 0, message);
        return paths;
    }
    let mut reports = Vec::new();
    let mut paths = Vec::new();
    for section in &sections {
        // Once the section has listed its paths, example requests after the listing (annotated as such, or giving
        // a full URL) are not templates. Before it they may be: some pages annotate their listing as a request.
        let mut listed = false;
        for index in section.body.clone() {
            if listed && (is_example_fence(ctx, index) || gives_full_url(ctx, index)) {
                continue;
            }
            let mut found = paths_in_blocks(ctx, &[index], &mut reports);
            listed |= !found.is_empty();
            paths.append(&mut found);
        }
    }
    for (code, offset, message) in reports {
        ctx.report(code, offset, message);
    }
    if paths.is_empty() {
        let offset = ctx.blocks[sections[0].heading].range.start;
        ctx.report(Code::NoOperationPath, offset, "expected `METHOD /path` lines in this section");
    }
    paths
}

/// The `METHOD /path` lines of the fences and paragraphs among `blocks`; what is worth a diagnostic (unreadable
/// fence lines, a path on a fence's opening line) goes to `reports`.
fn paths_in_blocks(ctx: &Ctx, blocks: &[usize], reports: &mut Vec<(Code, usize, String)>) -> Vec<HttpPath> {
    let mut paths = Vec::new();
    for &index in blocks {
        let Some(block) = ctx.blocks.get(index) else { continue };
        let (text, start, from_code) = match &block.kind {
            BlockKind::Code { text, info, .. } => {
                if let Some(path) = path_in_fence_info(ctx, info, block.range.start) {
                    let message = "the path is written on the fence's opening line; read from there";
                    reports.push((Code::PathTemplateOddity, block.range.start, message.to_owned()));
                    paths.push(path);
                }
                (text.as_ref(), code_content_offset(ctx.source, block), true)
            }
            BlockKind::Text { text, .. } => (text.as_ref(), block.range.start, false),
            _ => continue,
        };
        let mut line_offset = start;
        for line in text.split_inclusive('\n') {
            let offset = line_offset;
            line_offset += line.len();
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with("//") || trimmed.starts_with('#') {
                continue;
            }
            match parse_operation_line_noted(trimmed) {
                Ok((method, template, notes)) => {
                    if notes.iter().any(|note| note == SERVICE_ROOT_NOTE) {
                        reports.push((Code::PathServiceRoot, offset, SERVICE_ROOT_NOTE.to_owned()));
                    }
                    paths.push(http_path(ctx, method, template, offset));
                }
                // Prose around the paths is normal; only unreadable lines inside a fence are defects.
                Err(message) if from_code => reports.push((Code::PathUnreadable, offset, message)),
                Err(_) => {}
            }
        }
    }
    paths
}

/// A path written on the fence's opening line (```` ```http GET /education/schools ````): CommonMark makes it part of
/// the info string, so the fence itself is empty, but the line is the page's path all the same.
fn path_in_fence_info(ctx: &Ctx, info: &str, offset: usize) -> Option<HttpPath> {
    let (_, rest) = info.trim().split_once(char::is_whitespace)?;
    let (method, template) = parse_operation_line(rest.trim()).ok()?;
    Some(http_path(ctx, method, template, offset))
}

/// The path of a `METHOD /path` line read at byte `offset`.
fn http_path(ctx: &Ctx, method: &str, template: PathTemplate, offset: usize) -> HttpPath {
    // Sized up front: the text is about as long as the segments it is written from.
    let mut text = String::with_capacity(64);
    // Writing to a `String` cannot fail.
    let _ = write!(text, "{template}");
    HttpPath {
        method: method.into(),
        template: text.into(),
        segments: template.segments,
        query: template.query,
        line: ctx.line_of(offset),
    }
}

/// Whether block `index` is a fence annotated as an example request or response.
fn is_example_fence(ctx: &Ctx, index: usize) -> bool {
    matches!(ctx.blocks[index].kind, BlockKind::Code { .. })
        && ctx.annotation_for(index).and_then(|annotation| annotation.block_type.as_deref()).is_some_and(|block_type| {
            block_type.eq_ignore_ascii_case("request") || block_type.eq_ignore_ascii_case("response")
        })
}

/// Whether block `index` is a fence whose first line calls a full URL with no `{placeholder}` (an example, not a
/// template: a full URL with placeholders lists one more addressing alternative, as some pages give a fence each).
fn gives_full_url(ctx: &Ctx, index: usize) -> bool {
    let BlockKind::Code { text, .. } = &ctx.blocks[index].kind else { return false };
    text.lines()
        .find(|line| !line.trim().is_empty())
        .is_some_and(|line| contains_short(line, "://") && !line.contains('{'))
}

/// Fences before the examples that hold nothing but `METHOD /path` lines with relative paths: the listings of a
/// page whose "HTTP request" heading is missing or worded otherwise. Example requests are excluded: they are
/// annotated as such, come with the examples, or give a full URL.
fn path_listing_fences(ctx: &Ctx) -> Vec<usize> {
    let examples_start = ctx.section("examples").map_or(ctx.blocks.len(), |section| section.heading);
    (0..examples_start)
        .filter(|&index| {
            let BlockKind::Code { text, .. } = &ctx.blocks[index].kind else { return false };
            let example = ctx
                .annotation_for(index)
                .and_then(|annotation| annotation.block_type.as_deref())
                .is_some_and(|block_type| {
                    block_type.eq_ignore_ascii_case("request") || block_type.eq_ignore_ascii_case("response")
                });
            let mut lines = text.lines().map(str::trim).filter(|line| !line.is_empty()).peekable();
            !example
                && lines.peek().is_some()
                && lines.all(|line| {
                    let relative = line.split_whitespace().nth(1).is_some_and(|path| path.starts_with('/'));
                    relative && is_operation_line(line)
                })
        })
        .collect()
}

/// Whether the page has a `METHOD /path` line anywhere (a fence or a paragraph line): the mark of an API page.
pub fn has_operation_line(ctx: &Ctx) -> bool {
    ctx.blocks.iter().any(|block| {
        let text = match &block.kind {
            BlockKind::Code { text, .. } | BlockKind::Text { text, .. } => text,
            _ => return false,
        };
        text.lines().any(|line| {
            let line = line.trim_start();
            // A cheap test first: most lines do not start with a method.
            let first = line.split(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or("");
            METHODS.iter().any(|method| method.eq_ignore_ascii_case(first)) && is_operation_line(line)
        })
    })
}

/// The plain text of a section's prose (tables, code and include lines excluded), paragraphs separated by blank
/// lines. Includes are found in the source: the rendered text has lost the `[!INCLUDE [label](path)]` form.
fn section_text(ctx: &Ctx, section: &Section) -> String {
    let blocks = &ctx.blocks[section.body.clone()];
    // Room for every paragraph up front (include lines are few): the text is built without growing.
    let room =
        blocks.iter().map(|block| if let BlockKind::Text { text, .. } = &block.kind { text.len() + 2 } else { 0 });
    let mut joined = String::with_capacity(room.sum::<usize>().saturating_sub(2));
    let mut first = true;
    for block in blocks {
        if let BlockKind::Text { text, .. } = &block.kind {
            let source = ctx.source.get(block.range.clone()).unwrap_or("");
            // Most paragraphs have no `[!` at all: only those that do are searched for includes.
            // (`str::contains` has a vector search for a two-byte needle.)
            if !source.contains("[!") || find_includes(source, 0).is_empty() {
                if !first {
                    joined.push_str("\n\n");
                }
                first = false;
                joined.push_str(text);
            }
        }
    }
    joined
}

/// Types named by links to resource pages in a section's prose.
fn type_links(ctx: &Ctx, section: &Section) -> Vec<TypeLink> {
    let mut found: Vec<TypeLink> = Vec::new();
    for block in &ctx.blocks[section.body.clone()] {
        let BlockKind::Text { links, .. } = &block.kind else { continue };
        for link in links {
            // Compared before copying: a section often links the same type more than once.
            if let Some(target) = resource_stem(&link.dest) {
                if !found.iter().any(|known| known.text == link.text && known.target == target) {
                    found.push(TypeLink { text: link.text.as_ref().into(), target: target.into() });
                }
            }
        }
    }
    found
}

/// The page name (`x`) of a link destination that is a resource page (`../resources/x.md`, `x.md`).
fn resource_stem(dest: &str) -> Option<&str> {
    let dest = &dest[..memchr::memchr2(b'#', b'?', dest.as_bytes()).unwrap_or(dest.len())];
    // Cheapest test first; the searches are for short needles in short texts (see `find_short`).
    if !dest.ends_with(".md") {
        return None;
    }
    // The page name follows the last `/`. A path with a `/` goes through `resources/` (nearly always just before
    // the name) and is no URL; without a `/` it can be neither.
    let name = match memchr::memrchr(b'/', dest.as_bytes()) {
        None => dest,
        Some(slash) => {
            let in_resources = dest[..=slash].ends_with("resources/") || contains_short(dest, "resources/");
            // A URL has a `:`; looking for one is quicker than looking for `://`.
            if !in_resources || memchr::memchr(b':', dest.as_bytes()).is_some() && contains_short(dest, "://") {
                return None;
            }
            &dest[slash + 1..]
        }
    };
    // `trim_end_matches(".md")`, without building a searcher for the pattern.
    let mut name = name;
    while let Some(shorter) = name.strip_suffix(".md") {
        name = shorter;
    }
    Some(name)
}

/// HTTP status codes a text names: `201 Created`, `504 HTTP error`, `a 204 response`.
pub fn status_codes(text: &str) -> Vec<u16> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut index = 0;
    while index + 3 <= bytes.len() {
        // Only a digit can start a code: the bytes up to the next one are passed over at once.
        match next_ascii_digit(bytes, index) {
            Some(digit) if digit + 3 <= bytes.len() => index = digit,
            _ => break,
        }
        let is_code = bytes[index..index + 3].iter().all(u8::is_ascii_digit)
            && (index == 0 || !is_word_byte(bytes[index - 1]))
            && bytes.get(index + 3).is_none_or(|&next| !is_word_byte(next) && next != b'.' && next != b',');
        if is_code {
            let code: u16 = text[index..index + 3].parse().unwrap_or(0);
            let after = text[index + 3..].trim_start_matches([' ', '`', '"']);
            let next_word = after.split(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or("");
            let named = next_word.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                || matches!(next_word, "response" | "status" | "error" | "code");
            if (100..=599).contains(&code) && named && !found.contains(&code) {
                found.push(code);
            }
            index += 3;
        } else {
            index += 1;
        }
    }
    found
}

fn is_word_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

/// The OData system query options (`$select`, ...) a text names.
fn odata_options(text: &str) -> Vec<CompactString> {
    let mut found = Vec::new();
    for (index, _) in text.match_indices('$') {
        let after = &text[index..];
        let name_len = after[1..].bytes().take_while(u8::is_ascii_alphabetic).count();
        let option = &after[..1 + name_len];
        if name_len > 0 && name_len <= 12 && !found.iter().any(|known| known == option) {
            found.push(option.into());
        }
    }
    found
}

/// Rows of the request headers table(s); a section or column marked optional makes its headers optional.
fn request_headers(ctx: &Ctx) -> Vec<RequestHeader> {
    let mut headers = Vec::new();
    for section in ctx.sections_with("request-headers") {
        let BlockKind::Heading { text, anchor, .. } = &ctx.blocks[section.heading].kind else { continue };
        let optional_section = contains_ignore_ascii_case(anchor.as_deref().unwrap_or(text), "optional");
        for rows in section_tables(ctx, section) {
            for row in &rows[1..] {
                let name = cell_text(row, 0).trim_matches(['`', '*', ' ']);
                if name.is_empty() || name.contains(' ') && !name.contains(':') && name.split(' ').count() > 3 {
                    continue;
                }
                let description = joined_cells(&row[1.min(row.len())..]);
                // Most descriptions are ASCII: the Chinese words are only looked for in those that are not.
                let chinese = !description.is_ascii();
                let says_optional =
                    contains_ignore_ascii_case(&description, "optional") || chinese && description.contains("可选");
                let says_required = contains_ignore_ascii_case(&description, "required")
                    || chinese
                        && (description.contains("必需")
                            || description.contains("必选")
                            || description.contains("必填"));
                headers.push(RequestHeader {
                    name: name.into(),
                    required: !optional_section && says_required && !says_optional,
                    description: description.into(),
                });
            }
        }
    }
    headers
}

/// The texts of `cells` joined by spaces, trimmed, in one allocation.
fn joined_cells(cells: &[Cell]) -> String {
    let mut joined = String::with_capacity(cells.iter().map(|cell| cell.text.len() + 1).sum());
    for (index, cell) in cells.iter().enumerate() {
        if index > 0 {
            joined.push(' ');
        }
        joined.push_str(&cell.text);
    }
    let end = joined.trim_end().len();
    joined.truncate(end);
    let start = joined.len() - joined.trim_start().len();
    joined.drain(..start);
    joined
}

/// Rows of the tables in sections with `id`.
fn parameters_of(ctx: &Ctx, id: &str) -> Vec<Parameter> {
    let mut all = Vec::new();
    for section in ctx.sections_with(id) {
        let mut found = section_parameters(ctx, section);
        // Usually one section: its vector is taken as it is.
        if all.is_empty() {
            all = found;
        } else {
            all.append(&mut found);
        }
    }
    all
}

/// Parameter rows (name, type, description) of a section's tables.
fn section_parameters(ctx: &Ctx, section: &Section) -> Vec<Parameter> {
    let tables = section_tables(ctx, section);
    let mut parameters = Vec::with_capacity(tables.iter().map(|rows| rows.len() - 1).sum());
    for rows in tables {
        let header = &rows[0];
        let type_column = column(header, &["type", "类型", "тип"]);
        let description_column =
            column(header, &["description", "说明", "描述", "описание"]).unwrap_or(header.len().saturating_sub(1));
        for row in &rows[1..] {
            let name = cell_text(row, 0).trim_matches(['`', '*', ' ']);
            if name.is_empty() {
                continue;
            }
            let type_name = type_column.and_then(|index| row.get(index)).map(type_of_cell).unwrap_or_default();
            parameters.push(Parameter {
                name: name.into(),
                type_name,
                description: cell_text(row, description_column).into(),
            });
        }
    }
    parameters
}

/// A type cell: a linked type by its page name, else the text.
pub fn type_of_cell(cell: &Cell) -> CompactString {
    // Only the link's text is kept: the link is tested, not copied into a `TypeLink`.
    match cell.links.first().filter(|link| resource_stem(&link.dest).is_some()) {
        Some(link)
            if cell.text.trim().ends_with(&*link.text)
                || contains_short(&cell.text, "collection")
                || cell.text.contains('(') =>
        {
            if contains_ignore_ascii_case(&cell.text, "collection")
                || !cell.text.is_ascii() && cell.text.contains("集合")
            {
                format_compact!("Collection({})", link.text)
            } else {
                link.text.as_ref().into()
            }
        }
        _ => cell.text.as_ref().into(),
    }
}

/// The tables of a section (each with at least a header row).
fn section_tables<'c>(ctx: &'c Ctx, section: &Section) -> Vec<&'c [Vec<Cell<'c>>]> {
    ctx.blocks[section.body.clone()]
        .iter()
        .filter_map(|block| match &block.kind {
            BlockKind::Table { rows } if !rows.is_empty() => Some(rows.as_slice()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
#[path = "api_tests.rs"]
mod tests;
