//! The permissions section: inline tables and `[!INCLUDE]`d tables, in any language, to three scope lists.
//!
//! Table shapes read (see `docs/doc-format.md`, "Permissions"):
//! - one row per kind (`Permission type | Permissions`), with any number of scope columns read left to right
//!   (`least privileged | higher privileged`, `acting on self | acting on others`), `&nbsp;`-indented sub-rows
//!   that belong to the kind above them, and headers saying "from most to least privileged" (then reversed,
//!   unless the scopes themselves show the list is least privileged first);
//! - one column per kind (`Supported resource | Delegated (work...) | ... | Application`), one row per resource;
//! - pipe rows the markdown parser did not read as a table (a separator row with more cells than the header).

mod cells;
mod labels;
mod none_needed;
mod split;

use super::ctx::Ctx;
use super::include::{find_includes, load_nested, Include, Included};
use super::markdown::{BlockKind, Cell};
use super::sections::Section;
use super::tables::{is_separator_cell, is_separator_row};
use super::text::{contains_ignore_ascii_case, lines_counting};
use crate::diagnostics::{Code, Diagnostic, Sink};
use crate::ir::Permissions;
use compact_str::CompactString;
use labels::{classify, privilege_order, Kind};
use std::borrow::Cow;
use std::sync::Arc;

pub use cells::looks_like_scope;
pub use labels::is_permission_table;
pub use none_needed::says_none_needed;

/// A table in a uniform form: plain cell texts, with each row's byte offset in its file.
struct Table<'a> {
    /// Every row's cells, one row after another (one list per table rather than one per row). Borrowed from the
    /// markdown cells where they are plain already; owned when cut from a raw pipe row.
    cells: Vec<Cow<'a, str>>,
    rows: Vec<Row>,
    offset: usize,
}

impl<'a> Table<'a> {
    /// The cells of `row`, a row of this table.
    fn cells(&self, row: &Row) -> &[Cow<'a, str>] {
        &self.cells[row.cells.clone()]
    }

    /// Adds a row of `cells`.
    fn push_row(&mut self, cells: impl IntoIterator<Item = Cow<'a, str>>, offset: usize, indented: bool) {
        let start = self.cells.len();
        self.cells.extend(cells);
        self.rows.push(Row { cells: start..self.cells.len(), offset, indented });
    }
}

struct Row {
    /// Where the row's cells are in [`Table::cells`].
    cells: std::ops::Range<usize>,
    offset: usize,
    /// The label cell starts with `&nbsp;` (or a no-break space): a sub-row of the kind above it.
    indented: bool,
}

/// The scopes found so far, per kind, least privileged first and without repeats.
#[derive(Debug, Default)]
struct Found {
    lists: [Vec<CompactString>; 3],
    /// Scope-like names in another casing, with their kind's index (see [`Permissions::case_mangled`]).
    mangled: Vec<(u8, CompactString)>,
}

impl Found {
    /// The lists as the IR keeps them.
    fn into_permissions(self) -> Permissions {
        let [delegated_work, delegated_personal, application] = self.lists;
        Permissions {
            delegated_work,
            delegated_personal,
            application,
            unspecified: Vec::new(),
            case_mangled: self.mangled,
        }
    }

    fn add(&mut self, kind: Kind, scopes: impl IntoIterator<Item = CompactString>) {
        let list = &mut self.lists[kind.index()];
        for scope in scopes {
            if !list.contains(&scope) {
                list.push(scope);
            }
        }
    }

    fn add_mangled(&mut self, kind: Kind, scopes: impl IntoIterator<Item = CompactString>) {
        // `index` is 0..3.
        let kind = kind.index() as u8;
        for scope in scopes {
            if !self.mangled.iter().any(|(other_kind, other)| *other_kind == kind && *other == scope) {
                self.mangled.push((kind, scope));
            }
        }
    }
}

/// What a block of the section holds for us, read before anything borrows the context mutably.
enum Work {
    Table(usize),
    PipeText(usize),
    Includes(Vec<Include>),
}

/// The scopes of one table of a section (or of one include), with the heading or line right above it.
#[derive(Debug)]
pub struct TableScopes {
    /// The last heading or paragraph between the previous table and this one; empty when there is none.
    pub label: String,
    pub permissions: Permissions,
}

/// Reads the permissions of the section: every table's scopes merged, and each table's own when there are
/// several (a page giving a table per group of paths).
pub fn parse_permissions(ctx: &mut Ctx, section: &Section) -> (Permissions, Vec<TableScopes>) {
    let mut found = Found::default();
    // Each item of work with the block that labels it (the last heading or paragraph before it).
    let mut work = Vec::new();
    let mut label = None;
    for index in section.body.clone() {
        let Some(block) = ctx.blocks.get(index) else { break };
        match &block.kind {
            BlockKind::Table { .. } => work.push((Work::Table(index), label.take())),
            BlockKind::Heading { .. } => label = Some(index),
            BlockKind::Text { text, .. } => {
                let raw = ctx.source.get(block.range.clone()).unwrap_or("");
                if text.trim_start().starts_with('|') {
                    work.push((Work::PipeText(index), label.take()));
                } else if raw.contains("[!") {
                    let annotated = ctx
                        .annotation_for(index)
                        .and_then(|annotation| annotation.block_type.as_deref())
                        .is_some_and(|block_type| block_type.eq_ignore_ascii_case("permissions"));
                    let includes: Vec<Include> = find_includes(raw, block.range.start)
                        .into_iter()
                        .filter(|include| annotated || is_permissions_include(include))
                        .collect();
                    if !includes.is_empty() {
                        work.push((Work::Includes(includes), label.take()));
                    }
                } else if !in_quote(ctx.source, block.range.start) {
                    // A note (`> **Note:** ...`) says something about the tables, never which paths one is for.
                    label = Some(index);
                }
            }
            _ => {}
        }
    }
    let any_table = !work.is_empty();
    let mut tables = Vec::new();
    for (item, label) in work {
        let mut part = Found::default();
        match item {
            Work::Table(index) => {
                let BlockKind::Table { rows } = &ctx.blocks[index].kind else { continue };
                let table = table_from_cells(rows, ctx.source, ctx.blocks[index].range.clone());
                let mut sink = Sink::new(ctx.path, ctx.index, &mut ctx.diagnostics);
                read_table(&table, &mut sink, &mut part);
            }
            Work::PipeText(index) => {
                let range = ctx.blocks[index].range.clone();
                let mut sink = Sink::new(ctx.path, ctx.index, &mut ctx.diagnostics);
                for table in pipe_tables(ctx.source, range) {
                    read_table(&table, &mut sink, &mut part);
                }
            }
            Work::Includes(includes) => {
                for include in includes {
                    read_include(ctx, &include, &mut Vec::new(), &mut part);
                }
            }
        }
        // Adding table after table is what reading every table into one list did.
        for (kind, scopes) in Kind::ORDER.into_iter().zip(&part.lists) {
            found.add(kind, scopes.iter().cloned());
        }
        for (kind, scope) in &part.mangled {
            if let Some(&kind) = Kind::ORDER.get(usize::from(*kind)) {
                found.add_mangled(kind, [scope.clone()]);
            }
        }
        let label = label.map_or_else(String::new, |index| block_label(ctx, index));
        tables.push(TableScopes { label, permissions: part.into_permissions() });
    }
    let mut permissions = found.into_permissions();
    if permissions.is_empty() && !any_table {
        let (scopes, repairs) = untyped_scopes(ctx, section);
        permissions.unspecified = scopes;
        // Prose names (`microsoft.graph.user`) are common around untyped lists: only the repairs are reported.
        for (offset, repair) in repairs.into_iter().filter(|(_, repair)| repair.mangled.is_none()) {
            ctx.report(repair.code, offset, repair.message);
        }
    }
    (permissions, tables)
}

/// Whether the line holding `offset` is a block quote's (`> **Note:** ...`): the paragraph's range starts after
/// the `>`.
fn in_quote(source: &str, offset: usize) -> bool {
    let head = source.get(..offset).unwrap_or("");
    let line_start = head.rfind('\n').map_or(0, |newline| newline + 1);
    source.get(line_start..).unwrap_or("").trim_start().starts_with('>')
}

/// The text of a heading or paragraph that labels a table, on one line and at most 200 characters.
fn block_label(ctx: &Ctx, index: usize) -> String {
    let text = match ctx.blocks.get(index).map(|block| &block.kind) {
        Some(BlockKind::Heading { text, .. } | BlockKind::Text { text, .. }) => text.as_ref(),
        _ => "",
    };
    text.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(200).collect()
}

/// Scopes a section lists without a table, so without saying which kind they are for (old pages:
/// "* If accessing attachments in messages: Mail.ReadWrite."). Kept as they are rather than guessed into a kind.
fn untyped_scopes(ctx: &Ctx, section: &Section) -> (Vec<CompactString>, Vec<(usize, split::Repair)>) {
    let (mut scopes, mut repairs): (Vec<CompactString>, _) = (Vec::new(), Vec::new());
    for block in &ctx.blocks[section.body.clone()] {
        let BlockKind::Text { text, .. } = &block.kind else { continue };
        let read = cells::cell_scopes(text);
        for scope in read.scopes {
            if !scopes.contains(&scope) {
                scopes.push(scope);
            }
        }
        repairs.extend(read.repairs.into_iter().map(|repair| (block.range.start, repair)));
    }
    (scopes, repairs)
}

/// Whether an include names a permissions table (`[!INCLUDE [permissions-table](.../x-permissions.md)]`).
fn is_permissions_include(include: &Include) -> bool {
    let named = |text: &str| contains_ignore_ascii_case(text, "permission");
    named(&include.label) || named(&include.target)
}

/// What an included file gives the pages that include it: the scopes of its tables, the diagnostics about them
/// (pointing into the file) and its own permission includes. It depends only on the file, so a parse of a tree
/// reads each file once ([`super::include::IncludeCache`]) and every page that includes it takes this.
#[derive(Debug, Default)]
pub struct IncludedTables {
    found: Found,
    diagnostics: Vec<Diagnostic>,
    nested: Vec<Include>,
}

impl IncludedTables {
    /// Reads the tables and the permission includes of `included`.
    fn read(included: &Included) -> Self {
        let mut read = IncludedTables::default();
        let index = included.line_index();
        let mut sink = Sink::new(&included.path, &index, &mut read.diagnostics);
        let (_, body_start) = super::front_matter::split(included.text, &mut sink);
        let body = included.text.get(body_start..).unwrap_or("");
        for block in super::markdown::blocks(body) {
            let range = block.range.start + body_start..block.range.end + body_start;
            match &block.kind {
                BlockKind::Table { rows } => {
                    read_table(&table_from_cells(rows, included.text, range), &mut sink, &mut read.found)
                }
                BlockKind::Text { text, .. } if text.trim_start().starts_with('|') => {
                    for table in pipe_tables(included.text, range) {
                        read_table(&table, &mut sink, &mut read.found);
                    }
                }
                BlockKind::Text { .. } => {
                    let raw = included.text.get(range.clone()).unwrap_or("");
                    read.nested.extend(find_includes(raw, range.start).into_iter().filter(is_permissions_include));
                }
                _ => {}
            }
        }
        read
    }
}

/// Loads an included file and adds its tables' scopes (and its own permission includes'), reporting into it.
fn read_include<'d>(ctx: &mut Ctx<'d>, include: &Include, chain: &mut Vec<Included<'d>>, found: &mut Found) {
    let Some(included) = load_nested(ctx, include, chain) else { return };
    let docs = ctx.docs;
    let tables = match docs.include_cache() {
        Some(cache) => cache.get_or_read(&included.path, || IncludedTables::read(&included)),
        None => Arc::new(IncludedTables::read(&included)),
    };
    // The file's scopes in the order its tables give them: adding them list by list is adding them table by table.
    for (kind, scopes) in Kind::ORDER.into_iter().zip(&tables.found.lists) {
        found.add(kind, scopes.iter().cloned());
    }
    for (kind, scope) in &tables.found.mangled {
        if let Some(&kind) = Kind::ORDER.get(usize::from(*kind)) {
            found.add_mangled(kind, [scope.clone()]);
        }
    }
    ctx.diagnostics.extend(tables.diagnostics.iter().cloned());
    if tables.nested.is_empty() {
        return;
    }
    chain.push(included);
    for include in &tables.nested {
        read_include(ctx, include, chain, found);
    }
    chain.pop();
}

/// A markdown table block in the uniform form; `range` is the block's bytes in `source`.
fn table_from_cells<'a>(rows: &'a [Vec<Cell>], source: &str, range: std::ops::Range<usize>) -> Table<'a> {
    // A table's source lines are its rows, with the separator line second: walked alongside the rows.
    let mut lines = lines_counting(source.get(range.clone()).unwrap_or(""), range.start, b'|');
    let mut table = Table {
        cells: Vec::with_capacity(rows.iter().map(Vec::len).sum()),
        rows: Vec::with_capacity(rows.len()),
        offset: range.start,
    };
    for (index, cells) in rows.iter().enumerate() {
        if index == 1 {
            lines.next(); // the separator line
        }
        let (offset, line, pipes) = lines.next().unwrap_or((range.start, "", 0));
        if index > 0 && (is_separator_row(cells) || is_directive_row(cells)) {
            continue;
        }
        table.push_row(cells.iter().map(|cell| Cow::Borrowed(&*cell.text)), offset, is_indented(line));
        if index > 0 {
            // GFM drops the cells of a row beyond the header's count; a scope may be there (`| **x** | | A.Read |`).
            // Most rows have no such cells: counting the pipes (a bound on the cells) spares splitting the row.
            // The outer pipes are the bytes `pipe_row_inner` cuts off.
            let known = cells.len();
            let line = line.trim();
            if pipes - (line.len() - pipe_row_inner(line).len()) >= known {
                table.cells.extend(pipe_cells(line).skip(known).map(|cell| Cow::Owned(cells::plain_cell(cell))));
                let end = table.cells.len();
                if let Some(row) = table.rows.last_mut() {
                    row.cells.end = end;
                }
            }
        }
    }
    table
}

/// An `[!INCLUDE]` or `[!NOTE]` line right under a table, which GFM reads as one more row.
fn is_directive_row(cells: &[Cell]) -> bool {
    cells.first().is_some_and(|cell| cell.text.starts_with("[!"))
}

/// Whether a raw table row's first cell starts with `&nbsp;` or a no-break space.
fn is_indented(line: &str) -> bool {
    // Rows start with `|` (nothing for `trim_start` to do), and the pipes, spaces and tabs after it are ASCII:
    // skipped as bytes rather than decoded and compared as characters.
    let line = if line.starts_with('|') { line } else { line.trim_start() };
    let skip = |text: &str, skipped: fn(u8) -> bool| text.bytes().position(|byte| !skipped(byte)).unwrap_or(text.len());
    let rest = &line[skip(line, |byte| byte == b'|')..];
    let first_cell = &rest[skip(rest, |byte| byte == b' ' || byte == b'\t')..];
    first_cell.starts_with("&nbsp;") || first_cell.starts_with('\u{a0}')
}

/// The tables formed by runs of `|` lines in the bytes `range` of `source`.
fn pipe_tables(source: &str, range: std::ops::Range<usize>) -> Vec<Table<'static>> {
    let mut tables: Vec<Table> = Vec::new();
    let mut in_table = false;
    let mut offset = range.start;
    for line in source.get(range.clone()).unwrap_or("").split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim();
        if !trimmed.starts_with('|') {
            in_table = false;
            continue;
        }
        if pipe_cells(trimmed).all(is_separator_cell) {
            continue;
        }
        if !in_table {
            tables.push(Table { cells: Vec::new(), rows: Vec::new(), offset: start });
        }
        if let Some(table) = tables.last_mut() {
            let cells = pipe_cells(trimmed).map(|cell| Cow::Owned(cells::plain_cell(cell)));
            table.push_row(cells, start, is_indented(line));
        }
        in_table = true;
    }
    tables
}

/// A `| a | b |` line without its outer pipes.
fn pipe_row_inner(line: &str) -> &str {
    let inner = line.strip_prefix('|').unwrap_or(line);
    inner.strip_suffix('|').filter(|rest| !rest.ends_with('\\')).unwrap_or(inner)
}

/// The raw cells of a `| a | b |` line; `\|` does not split.
fn pipe_cells(line: &str) -> impl Iterator<Item = &str> {
    let inner = pipe_row_inner(line);
    // Bytes rather than chars: `|` and `\\` are ASCII, and any other byte (of any character) ends an escape.
    let bytes = inner.as_bytes();
    let (mut start, mut position, mut escaped, mut done) = (0, 0, false, false);
    std::iter::from_fn(move || {
        while position < bytes.len() {
            let byte = bytes[position];
            position += 1;
            match byte {
                b'\\' => escaped = !escaped,
                b'|' if !escaped => {
                    let cell = inner[start..position - 1].trim();
                    start = position;
                    return Some(cell);
                }
                _ => escaped = false,
            }
        }
        if done {
            return None;
        }
        done = true;
        Some(inner[start..].trim())
    })
}

/// Reads one table into `found`, reporting what it cannot read.
fn read_table(table: &Table, sink: &mut Sink, found: &mut Found) {
    let Some(header) = table.rows.first() else { return };
    let header_cells = table.cells(header);
    let column_kinds: Vec<Option<Kind>> = header_cells.iter().map(|cell| classify(cell)).collect();
    if column_kinds.iter().skip(1).flatten().count() >= 2 {
        read_transposed(table, &column_kinds, sink, found);
        return;
    }
    let stated_order = header_cells.iter().skip(1).find_map(|cell| privilege_order(cell));
    // The header itself is a data row when it is labelled with a kind (a table without a header line).
    let header_is_row = column_kinds.first().copied().flatten().is_some()
        && header_cells.iter().skip(1).any(|cell| !cells::cell_scopes(cell).scopes.is_empty());
    let data = if header_is_row { &table.rows[..] } else { &table.rows[1..] };
    let (labels, guessed) = row_kinds(table, data);
    if labels.iter().all(Option::is_none) {
        let header_text = header_cells.join(" | ");
        let names_scopes = data
            .iter()
            .flat_map(|row| table.cells(row).iter().skip(1))
            .any(|cell| !cells::cell_scopes(cell).scopes.is_empty());
        let message = if names_scopes {
            format!("this table (`{header_text}`) names scopes but no permission types; its scopes are not kept")
        } else {
            format!("expected a table of permission types and scopes, found the header `{header_text}`")
        };
        sink.report(Code::PermissionTableUnrecognised, table.offset, message);
        return;
    }
    // One list for every row's scopes, emptied into `found` after each row.
    let mut scopes = Vec::new();
    for (index, (row, kind)) in data.iter().zip(labels).enumerate() {
        let label = table.cells(row).first().map_or("", |label| &**label);
        if let Some(kind) = kind.filter(|_| guessed.contains(&index)) {
            // Read by position, but still worth knowing: the label table lacks this wording.
            sink.report(
                Code::PermissionRowUnknown,
                row.offset,
                format!("`{label}` is not a known permission type; read as {} from its row's position", kind.name()),
            );
        }
        let Some(kind) = kind else {
            sink.report(
                Code::PermissionRowUnknown,
                row.offset,
                format!(
                    "`{label}` is not a permission type (delegated work or school, delegated personal, application)"
                ),
            );
            continue;
        };
        for cell in table.cells(row).iter().skip(1) {
            found.add_mangled(kind, read_cell(cell, row.offset, sink, &mut scopes));
        }
        // A header stating an order is sometimes wrong (`most to least` over `X.Read, X.ReadWrite`): the scopes'
        // own evidence wins. Headers stating no order (`least | higher` columns) are least first by construction.
        if let Some(stated) = stated_order {
            if cells::observed_order(&scopes).unwrap_or(stated) {
                scopes.reverse();
            }
        }
        found.add(kind, scopes.drain(..));
    }
}

/// The kind of each data row: from its label, else from an indented or empty label (a sub-row of the kind above),
/// else from its position when the rows are the three kinds in the usual order (those rows are listed too).
fn row_kinds(table: &Table, rows: &[Row]) -> (Vec<Option<Kind>>, Vec<usize>) {
    let mut guessed = Vec::new();
    let mut kinds: Vec<Option<Kind>> =
        rows.iter().map(|row| table.cells(row).first().and_then(|label| classify(label))).collect();
    let top_level: Vec<usize> = (0..rows.len()).filter(|&index| !rows[index].indented).collect();
    if top_level.len() == 3 {
        let in_order =
            top_level.iter().zip(Kind::ORDER).all(|(&index, kind)| kinds[index].is_none_or(|found| found == kind));
        let known = top_level.iter().filter(|&&index| kinds[index].is_some()).count();
        if in_order && known >= 2 {
            for (&index, kind) in top_level.iter().zip(Kind::ORDER) {
                if kinds[index].is_none() {
                    kinds[index] = Some(kind);
                    guessed.push(index);
                }
            }
        }
    }
    let mut current = None;
    for (index, row) in rows.iter().enumerate() {
        // A sub-row's label names a workflow (`Device management`), never a kind, even when it reads like one.
        if row.indented && current.is_some() {
            kinds[index] = current;
            continue;
        }
        let empty_label = table.cells(row).first().is_none_or(|label| label.trim().is_empty());
        match kinds[index] {
            Some(kind) => current = Some(kind),
            None if empty_label => kinds[index] = current,
            None => current = None,
        }
    }
    (kinds, guessed)
}

/// A table with one column per kind and one row per resource: every row adds to every kind column.
fn read_transposed(table: &Table, column_kinds: &[Option<Kind>], sink: &mut Sink, found: &mut Found) {
    let mut scopes = Vec::new();
    for row in table.rows.iter().skip(1) {
        for (cell, kind) in table.cells(row).iter().zip(column_kinds).skip(1) {
            if let Some(kind) = kind {
                found.add_mangled(*kind, read_cell(cell, row.offset, sink, &mut scopes));
                found.add(*kind, scopes.drain(..));
            }
        }
    }
}

/// Appends the scopes of one cell to `scopes`, reporting the parts that are not scopes and the repairs; returns the
/// scope-like names in another casing (settled once the tree is read).
fn read_cell(text: &str, offset: usize, sink: &mut Sink, scopes: &mut Vec<CompactString>) -> Vec<CompactString> {
    let (mut invalid, mut repairs) = (Vec::new(), Vec::new());
    cells::cell_scopes_into(text, scopes, &mut invalid, &mut repairs);
    for part in invalid {
        sink.report(Code::PermissionScopeInvalid, offset, format!("`{part}` is not a permission scope"));
    }
    let mut mangled = Vec::new();
    for repair in repairs {
        sink.report(repair.code, offset, repair.message);
        mangled.extend(repair.mangled);
    }
    mangled
}

#[cfg(test)]
mod fidelity_tests;
#[cfg(test)]
mod paths_tests;
#[cfg(test)]
mod tests;
